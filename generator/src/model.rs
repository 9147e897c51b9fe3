//! The Smithy JSON AST, loaded into typed shapes.
//!
//! Loading does three things and nothing else: it deserialises the JSON AST (Smithy 2.0, and
//! the 1.0 forms `set`, `@enum` on strings and `@box`), normalises it to one 2.0 shape (mixins
//! flattened, `apply` blocks merged, 1.0 forms rewritten), and checks every reference, so later
//! stages can look shapes up without handling dangling ids. Prelude shapes (`smithy.api#String`
//! and friends) are resolved explicitly: they are not in the `shapes` map.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;

/// An absolute shape id, `namespace#Name`, optionally with a `$member`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    namespace: String,
    name: String,
}

impl ShapeId {
    /// Parses `namespace#Name`. Member ids (`#Name$member`) are not shape ids.
    pub fn parse(text: &str) -> Result<ShapeId, String> {
        let (namespace, name) = text
            .split_once('#')
            .ok_or_else(|| format!("`{text}` is not an absolute shape id (namespace#Name)"))?;
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(format!("`{text}` has an invalid namespace"));
        }
        if !is_identifier(name) {
            return Err(format!("`{text}` has an invalid shape name"));
        }
        Ok(ShapeId { namespace: namespace.to_owned(), name: name.to_owned() })
    }

    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn is_prelude(&self) -> bool {
        self.namespace == PRELUDE_NAMESPACE
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)
    }
}

/// Smithy identifiers: `(_|letter)(_|letter|digit)*`, with at least one non-underscore.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && text.chars().any(|c| c != '_')
}

pub const PRELUDE_NAMESPACE: &str = "smithy.api";

/// The simple (scalar) shape types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Simple {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
}

impl Simple {
    pub fn type_name(self) -> &'static str {
        match self {
            Simple::Blob => "blob",
            Simple::Boolean => "boolean",
            Simple::String => "string",
            Simple::Byte => "byte",
            Simple::Short => "short",
            Simple::Integer => "integer",
            Simple::Long => "long",
            Simple::Float => "float",
            Simple::Double => "double",
            Simple::BigInteger => "bigInteger",
            Simple::BigDecimal => "bigDecimal",
            Simple::Timestamp => "timestamp",
            Simple::Document => "document",
        }
    }

    pub fn is_number(self) -> bool {
        matches!(
            self,
            Simple::Byte
                | Simple::Short
                | Simple::Integer
                | Simple::Long
                | Simple::Float
                | Simple::Double
                | Simple::BigInteger
                | Simple::BigDecimal
        )
    }
}

/// A member of an aggregate shape: its name, target and own traits.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub target: ShapeId,
    pub traits: Traits,
}

/// One value of an `enum` or `intEnum`.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The member name (2.0) or the `name` of a 1.0 `@enum` entry, if it had one.
    pub name: Option<String>,
    pub value: EnumLiteral,
    pub traits: Traits,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EnumLiteral {
    String(String),
    Int(i64),
}

/// What a shape is.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    Simple(Simple),
    Enum(Vec<EnumValue>),
    IntEnum(Vec<EnumValue>),
    List(Member),
    Map { key: Member, value: Member },
    Structure(Vec<Member>),
    Union(Vec<Member>),
    Operation(Operation),
    Service(Service),
    Resource(Resource),
}

impl ShapeKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            ShapeKind::Simple(s) => s.type_name(),
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::List(_) => "list",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::Operation(_) => "operation",
            ShapeKind::Service(_) => "service",
            ShapeKind::Resource(_) => "resource",
        }
    }

    /// The members of an aggregate, in model order.
    pub fn members(&self) -> Vec<&Member> {
        match self {
            ShapeKind::List(m) => vec![m],
            ShapeKind::Map { key, value } => vec![key, value],
            ShapeKind::Structure(ms) | ShapeKind::Union(ms) => ms.iter().collect(),
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub input: ShapeId,
    pub output: ShapeId,
    pub errors: Vec<ShapeId>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    pub version: String,
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    pub errors: Vec<ShapeId>,
    pub rename: BTreeMap<ShapeId, String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resource {
    /// Every operation the resource binds: lifecycle, `operations` and `collectionOperations`.
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub id: ShapeId,
    pub kind: ShapeKind,
    pub traits: Traits,
}

/// Traits by absolute trait id, values kept as JSON, with typed accessors for the ones the
/// generator acts on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Traits(pub BTreeMap<String, Value>);

/// `@length` / `@range` bounds. Range bounds are kept as the decimal text of the model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bounds<T> {
    pub min: Option<T>,
    pub max: Option<T>,
}

impl Traits {
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.0.get(id)
    }
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }
    fn api(&self, name: &str) -> Option<&Value> {
        self.0.get(&format!("{PRELUDE_NAMESPACE}#{name}"))
    }
    fn api_str(&self, name: &str) -> Option<&str> {
        self.api(name).and_then(Value::as_str)
    }
    pub fn documentation(&self) -> Option<&str> {
        self.api_str("documentation")
    }
    pub fn required(&self) -> bool {
        self.api("required").is_some()
    }
    pub fn client_optional(&self) -> bool {
        self.api("clientOptional").is_some()
    }
    /// `@default`: `Some(Value::Null)` is an explicit `null` default that cancels the target's.
    pub fn default_value(&self) -> Option<&Value> {
        self.api("default")
    }
    pub fn sensitive(&self) -> bool {
        self.api("sensitive").is_some()
    }
    pub fn idempotency_token(&self) -> bool {
        self.api("idempotencyToken").is_some()
    }
    pub fn sparse(&self) -> bool {
        self.api("sparse").is_some()
    }
    pub fn unique_items(&self) -> bool {
        self.api("uniqueItems").is_some()
    }
    pub fn error(&self) -> Option<&str> {
        self.api_str("error")
    }
    pub fn http_error(&self) -> Option<u64> {
        self.api("httpError").and_then(Value::as_u64)
    }
    pub fn json_name(&self) -> Option<&str> {
        self.api_str("jsonName")
    }
    pub fn enum_value(&self) -> Option<&Value> {
        self.api("enumValue")
    }
    pub fn timestamp_format(&self) -> Option<&str> {
        self.api_str("timestampFormat")
    }
    pub fn pattern(&self) -> Option<&str> {
        self.api_str("pattern")
    }
    pub fn http_label(&self) -> bool {
        self.api("httpLabel").is_some()
    }
    pub fn http_query(&self) -> Option<&str> {
        self.api_str("httpQuery")
    }
    pub fn http_query_params(&self) -> bool {
        self.api("httpQueryParams").is_some()
    }
    pub fn http_header(&self) -> Option<&str> {
        self.api_str("httpHeader")
    }
    pub fn http_prefix_headers(&self) -> Option<&str> {
        self.api_str("httpPrefixHeaders")
    }
    pub fn http_payload(&self) -> bool {
        self.api("httpPayload").is_some()
    }
    pub fn http_response_code(&self) -> bool {
        self.api("httpResponseCode").is_some()
    }
    pub fn streaming(&self) -> bool {
        self.api("streaming").is_some()
    }
    pub fn event_stream(&self) -> bool {
        self.api("eventStream").is_some()
    }
    /// `@deprecated`: `Some(note)` when present (the note may be empty).
    pub fn deprecated(&self) -> Option<String> {
        let v = self.api("deprecated")?;
        let message = v.get("message").and_then(Value::as_str).unwrap_or("");
        let since = v.get("since").and_then(Value::as_str).unwrap_or("");
        Some(match (message.is_empty(), since.is_empty()) {
            (true, true) => String::new(),
            (false, true) => message.to_owned(),
            (true, false) => format!("since {since}"),
            (false, false) => format!("{message} (since {since})"),
        })
    }
    /// `@length` bounds (entries, Unicode scalar values or bytes depending on the target).
    pub fn length(&self) -> Option<Bounds<u64>> {
        let v = self.api("length")?;
        Some(Bounds {
            min: v.get("min").and_then(Value::as_u64),
            max: v.get("max").and_then(Value::as_u64),
        })
    }
    /// `@range` bounds as the model's decimal text.
    pub fn range(&self) -> Option<Bounds<String>> {
        let v = self.api("range")?;
        let text = |k: &str| v.get(k).filter(|n| n.is_number()).map(|n| n.to_string());
        Some(Bounds { min: text("min"), max: text("max") })
    }
    /// `@http` on operations: method, uri and code.
    pub fn http(&self) -> Option<(&str, &str, u64)> {
        let v = self.api("http")?;
        Some((
            v.get("method")?.as_str()?,
            v.get("uri")?.as_str()?,
            v.get("code").and_then(Value::as_u64).unwrap_or(200),
        ))
    }
    pub fn has_box(&self) -> bool {
        self.api("box").is_some()
    }
}

/// A loaded, normalised and checked model.
#[derive(Debug, Clone)]
pub struct Model {
    pub version: String,
    shapes: BTreeMap<ShapeId, Shape>,
}

// ---------------------------------------------------------------------------------------------
// Raw JSON AST (serde)

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    smithy: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    metadata: Option<Value>,
    #[serde(default)]
    shapes: IndexMap<String, Value>,
}

#[derive(Deserialize, Clone)]
struct RawRef {
    target: String,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawMember {
    target: String,
    #[serde(default)]
    traits: IndexMap<String, Value>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
enum RawShape {
    Blob(RawSimple),
    Boolean(RawSimple),
    String(RawSimple),
    Byte(RawSimple),
    Short(RawSimple),
    Integer(RawSimple),
    Long(RawSimple),
    Float(RawSimple),
    Double(RawSimple),
    BigInteger(RawSimple),
    BigDecimal(RawSimple),
    Timestamp(RawSimple),
    Document(RawSimple),
    Enum(RawAggregate),
    IntEnum(RawAggregate),
    List(RawList),
    Set(RawList),
    Map(RawMap),
    Structure(RawAggregate),
    Union(RawAggregate),
    Operation(RawOperation),
    Service(RawService),
    Resource(RawResource),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSimple {
    #[serde(default)]
    traits: IndexMap<String, Value>,
    #[serde(default)]
    mixins: Vec<RawRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAggregate {
    #[serde(default)]
    members: IndexMap<String, RawMember>,
    #[serde(default)]
    traits: IndexMap<String, Value>,
    #[serde(default)]
    mixins: Vec<RawRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    member: Option<RawMember>,
    #[serde(default)]
    traits: IndexMap<String, Value>,
    #[serde(default)]
    mixins: Vec<RawRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    key: Option<RawMember>,
    value: Option<RawMember>,
    #[serde(default)]
    traits: IndexMap<String, Value>,
    #[serde(default)]
    mixins: Vec<RawRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOperation {
    input: Option<RawRef>,
    output: Option<RawRef>,
    #[serde(default)]
    errors: Vec<RawRef>,
    #[serde(default)]
    traits: IndexMap<String, Value>,
    #[serde(default)]
    mixins: Vec<RawRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    #[serde(default)]
    version: String,
    #[serde(default)]
    operations: Vec<RawRef>,
    #[serde(default)]
    resources: Vec<RawRef>,
    #[serde(default)]
    errors: Vec<RawRef>,
    #[serde(default)]
    rename: IndexMap<String, String>,
    #[serde(default)]
    traits: IndexMap<String, Value>,
    #[serde(default)]
    mixins: Vec<RawRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResource {
    // Accepted so such models load; identifiers and properties do not shape the client.
    #[serde(default)]
    #[allow(dead_code)]
    identifiers: IndexMap<String, RawRef>,
    #[serde(default)]
    #[allow(dead_code)]
    properties: IndexMap<String, RawRef>,
    create: Option<RawRef>,
    put: Option<RawRef>,
    read: Option<RawRef>,
    update: Option<RawRef>,
    delete: Option<RawRef>,
    list: Option<RawRef>,
    #[serde(default)]
    operations: Vec<RawRef>,
    #[serde(default)]
    #[serde(rename = "collectionOperations")]
    collection_operations: Vec<RawRef>,
    #[serde(default)]
    resources: Vec<RawRef>,
    #[serde(default)]
    traits: IndexMap<String, Value>,
    #[serde(default)]
    mixins: Vec<RawRef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApply {
    #[serde(rename = "type")]
    #[allow(dead_code)]
    kind: String,
    #[serde(default)]
    traits: IndexMap<String, Value>,
}

/// A shape between parsing and normalisation: the kind, plus mixins still to flatten.
struct Loaded {
    shape: Shape,
    mixins: Vec<ShapeId>,
}

fn model_err(shape: &str, problem: impl Into<String>) -> Error {
    Error::Model { shape: shape.to_owned(), problem: problem.into() }
}

fn parse_id(context: &str, text: &str) -> Result<ShapeId, Error> {
    ShapeId::parse(text).map_err(|e| model_err(context, e))
}

fn traits_of(context: &str, raw: IndexMap<String, Value>) -> Result<Traits, Error> {
    let mut out = BTreeMap::new();
    for (k, v) in raw {
        // Trait ids are absolute shape ids.
        parse_id(context, &k).map_err(|_| model_err(context, format!("trait key `{k}` is not an absolute shape id")))?;
        out.insert(k, v);
    }
    Ok(Traits(out))
}

fn member_of(context: &str, name: &str, raw: RawMember) -> Result<Member, Error> {
    let at = format!("{context}${name}");
    if !is_identifier(name) {
        return Err(model_err(&at, format!("member name `{name}` is not a Smithy identifier")));
    }
    Ok(Member { name: name.to_owned(), target: parse_id(&at, &raw.target)?, traits: traits_of(&at, raw.traits)? })
}

fn refs(context: &str, raw: &[RawRef]) -> Result<Vec<ShapeId>, Error> {
    raw.iter().map(|r| parse_id(context, &r.target)).collect()
}

impl Model {
    /// Parses and checks a Smithy JSON AST document.
    pub fn from_json(bytes: &[u8]) -> Result<Model, Error> {
        let raw: RawModel = serde_json::from_slice(bytes).map_err(|e| Error::Json(e.to_string()))?;
        let version = match raw.smithy.as_deref() {
            None => return Err(Error::Version("the top-level `smithy` version is missing".into())),
            Some(v @ ("2.0" | "2")) => v.to_owned(),
            Some(v @ ("1.0" | "1")) => v.to_owned(),
            Some(other) => {
                return Err(Error::Version(format!("unsupported Smithy version `{other}` (expected 1.0 or 2.0)")))
            }
        };
        let v1 = version.starts_with('1');

        let mut loaded: BTreeMap<ShapeId, Loaded> = BTreeMap::new();
        let mut applies: Vec<(String, Traits)> = Vec::new();
        for (key, value) in raw.shapes {
            // `apply` blocks may be keyed by member ids (`ns#Shape$member`).
            let is_apply = value.get("type").and_then(Value::as_str) == Some("apply");
            if is_apply {
                let raw: RawApply = RawApply::deserialize(value).map_err(|e| model_err(&key, e.to_string()))?;
                applies.push((key.clone(), traits_of(&key, raw.traits)?));
                continue;
            }
            let id = parse_id(&key, &key)?;
            if id.is_prelude() {
                return Err(model_err(&key, "shapes may not be defined in the `smithy.api` prelude namespace"));
            }
            let raw: RawShape = RawShape::deserialize(value).map_err(|e| model_err(&key, e.to_string()))?;
            let l = convert(&key, id.clone(), raw)?;
            loaded.insert(id, l);
        }

        let mut shapes = flatten_mixins(loaded)?;
        for (target, traits) in applies {
            apply_traits(&mut shapes, &target, traits)?;
        }
        let mut model = Model { version, shapes };
        if v1 {
            model.upgrade_v1_boxing();
        }
        model.check()?;
        Ok(model)
    }

    /// Every shape defined in the model (not the prelude), ordered by id.
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values()
    }

    /// Looks up a shape, including prelude shapes.
    pub fn get(&self, id: &ShapeId) -> Option<std::borrow::Cow<'_, Shape>> {
        if let Some(s) = self.shapes.get(id) {
            return Some(std::borrow::Cow::Borrowed(s));
        }
        prelude(id).map(std::borrow::Cow::Owned)
    }

    /// Looks up a shape that loading has proven to exist.
    pub fn expect(&self, id: &ShapeId) -> Result<std::borrow::Cow<'_, Shape>, Error> {
        self.get(id).ok_or_else(|| model_err(&id.to_string(), "shape does not exist"))
    }

    /// The single service shape of the model.
    pub fn service(&self) -> Result<(&Shape, &Service), Error> {
        let mut services = self.shapes.values().filter_map(|s| match &s.kind {
            ShapeKind::Service(svc) => Some((s, svc)),
            _ => None,
        });
        let first = services.next().ok_or_else(|| model_err("<model>", "the model defines no service shape"))?;
        if let Some((second, _)) = services.next() {
            return Err(model_err(
                &second.id.to_string(),
                format!("the model defines more than one service (also `{}`)", first.0.id),
            ));
        }
        Ok(first)
    }

    /// Every operation bound to the service, directly or through resources, sorted by id.
    pub fn service_operations(&self, service: &Service) -> Vec<ShapeId> {
        let mut ops = BTreeSet::new();
        let mut stack: Vec<ShapeId> = service.resources.clone();
        ops.extend(service.operations.iter().cloned());
        let mut seen = BTreeSet::new();
        while let Some(r) = stack.pop() {
            if !seen.insert(r.clone()) {
                continue;
            }
            if let Some(Shape { kind: ShapeKind::Resource(res), .. }) = self.shapes.get(&r) {
                ops.extend(res.operations.iter().cloned());
                stack.extend(res.resources.iter().cloned());
            }
        }
        ops.into_iter().collect()
    }

    /// Smithy 1.0: numbers and booleans are non-nullable with a zero default unless boxed.
    fn upgrade_v1_boxing(&mut self) {
        let primitive_default = |s: &Shape| -> Option<Value> {
            match &s.kind {
                ShapeKind::Simple(Simple::Boolean) => Some(Value::Bool(false)),
                ShapeKind::Simple(k) if k.is_number() && !matches!(k, Simple::BigInteger | Simple::BigDecimal) => {
                    Some(Value::from(0))
                }
                _ => None,
            }
        };
        let mut targets_default: BTreeMap<ShapeId, Value> = BTreeMap::new();
        for s in self.shapes.values() {
            if !s.traits.has_box() {
                if let Some(d) = primitive_default(s) {
                    targets_default.insert(s.id.clone(), d);
                }
            }
        }
        for s in self.shapes.values_mut() {
            if let ShapeKind::Structure(members) = &mut s.kind {
                for m in members {
                    if m.traits.has_box() || m.traits.default_value().is_some() {
                        continue;
                    }
                    let default = targets_default.get(&m.target).cloned().or_else(|| {
                        // Prelude primitives are unboxed; the plain prelude types are boxed.
                        m.target.is_prelude().then(|| prelude(&m.target)).flatten().and_then(|p| {
                            if p.traits.default_value().is_some() && !p.traits.has_box() {
                                p.traits.default_value().cloned()
                            } else {
                                None
                            }
                        })
                    });
                    if let Some(d) = default {
                        m.traits.0.insert(format!("{PRELUDE_NAMESPACE}#default"), d);
                    }
                }
            }
        }
    }

    /// Checks every reference and the traits the generator acts on.
    fn check(&self) -> Result<(), Error> {
        for shape in self.shapes.values() {
            let at = shape.id.to_string();
            for m in shape.kind.members() {
                let mat = format!("{at}${}", m.name);
                let target = self.get(&m.target).ok_or_else(|| {
                    model_err(&mat, format!("targets `{}`, which does not exist", m.target))
                })?;
                match target.kind {
                    ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => {
                        return Err(model_err(
                            &mat,
                            format!("targets the {} `{}`; members must target data shapes", target.kind.type_name(), m.target),
                        ))
                    }
                    _ => {}
                }
                check_member_traits(&mat, &m.traits, &target)?;
            }
            if let ShapeKind::Map { key, .. } = &shape.kind {
                let k = self.expect(&key.target)?;
                if !matches!(k.kind, ShapeKind::Simple(Simple::String) | ShapeKind::Enum(_)) {
                    return Err(model_err(&at, format!("map keys must target a string or enum, not `{}`", key.target)));
                }
            }
            check_shape_traits(&at, &shape.traits, &shape.kind)?;
            match &shape.kind {
                ShapeKind::Operation(op) => {
                    for (what, id) in [("input", &op.input), ("output", &op.output)] {
                        let s = self
                            .get(id)
                            .ok_or_else(|| model_err(&at, format!("{what} `{id}` does not exist")))?;
                        if !matches!(s.kind, ShapeKind::Structure(_)) {
                            return Err(model_err(&at, format!("{what} `{id}` is a {}, not a structure", s.kind.type_name())));
                        }
                    }
                    for e in &op.errors {
                        self.check_error_ref(&at, e)?;
                    }
                }
                ShapeKind::Service(svc) => {
                    for o in &svc.operations {
                        self.check_kind(&at, o, "operation")?;
                    }
                    for r in &svc.resources {
                        self.check_kind(&at, r, "resource")?;
                    }
                    for e in &svc.errors {
                        self.check_error_ref(&at, e)?;
                    }
                    for id in svc.rename.keys() {
                        self.expect(id).map_err(|_| model_err(&at, format!("renames `{id}`, which does not exist")))?;
                    }
                }
                ShapeKind::Resource(res) => {
                    for o in &res.operations {
                        self.check_kind(&at, o, "operation")?;
                    }
                    for r in &res.resources {
                        self.check_kind(&at, r, "resource")?;
                    }
                }
                ShapeKind::Enum(values) | ShapeKind::IntEnum(values) => {
                    let mut seen = BTreeSet::new();
                    for v in values {
                        let key = match &v.value {
                            EnumLiteral::String(s) => s.clone(),
                            EnumLiteral::Int(i) => i.to_string(),
                        };
                        if matches!(v.value, EnumLiteral::String(ref s) if s.is_empty()) {
                            return Err(model_err(&at, "an enum value is the empty string"));
                        }
                        if !seen.insert(key.clone()) {
                            return Err(model_err(&at, format!("enum value `{key}` appears more than once")));
                        }
                    }
                    if values.is_empty() {
                        return Err(model_err(&at, "an enum must have at least one value"));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn check_kind(&self, at: &str, id: &ShapeId, kind: &str) -> Result<(), Error> {
        let s = self.get(id).ok_or_else(|| model_err(at, format!("binds {kind} `{id}`, which does not exist")))?;
        if s.kind.type_name() != kind {
            return Err(model_err(at, format!("binds `{id}` as a {kind}, but it is a {}", s.kind.type_name())));
        }
        Ok(())
    }

    fn check_error_ref(&self, at: &str, id: &ShapeId) -> Result<(), Error> {
        let s = self.get(id).ok_or_else(|| model_err(at, format!("error `{id}` does not exist")))?;
        if !matches!(s.kind, ShapeKind::Structure(_)) || s.traits.error().is_none() {
            return Err(model_err(at, format!("error `{id}` must be a structure with the @error trait")));
        }
        Ok(())
    }
}

fn check_member_traits(at: &str, traits: &Traits, target: &Shape) -> Result<(), Error> {
    check_constraint_traits(at, traits, &target.kind)?;
    if let Some(v) = traits.enum_value() {
        return Err(model_err(at, format!("@enumValue ({v}) is only allowed on enum members")));
    }
    Ok(())
}

fn check_shape_traits(at: &str, traits: &Traits, kind: &ShapeKind) -> Result<(), Error> {
    check_constraint_traits(at, traits, kind)?;
    let is_member_only = ["required", "httpLabel", "httpQuery", "httpHeader", "httpPayload", "jsonName", "idempotencyToken"];
    for t in is_member_only {
        if traits.has(&format!("{PRELUDE_NAMESPACE}#{t}")) {
            return Err(model_err(at, format!("@{t} can only be applied to structure members, not to a {}", kind.type_name())));
        }
    }
    if traits.has("smithy.api#http") && !matches!(kind, ShapeKind::Operation(_)) {
        return Err(model_err(at, format!("@http can only be applied to operations, not to a {}", kind.type_name())));
    }
    if traits.error().is_some() && !matches!(kind, ShapeKind::Structure(_)) {
        return Err(model_err(at, format!("@error can only be applied to structures, not to a {}", kind.type_name())));
    }
    if let Some(e) = traits.error() {
        if e != "client" && e != "server" {
            return Err(model_err(at, format!("@error must be \"client\" or \"server\", not \"{e}\"")));
        }
    }
    Ok(())
}

/// `@length`, `@range` and `@pattern` on a shape or a member, against the type they constrain.
fn check_constraint_traits(at: &str, traits: &Traits, kind: &ShapeKind) -> Result<(), Error> {
    if traits.has("smithy.api#length") {
        let ok = matches!(
            kind,
            ShapeKind::Simple(Simple::String | Simple::Blob) | ShapeKind::List(_) | ShapeKind::Map { .. }
        );
        if !ok {
            return Err(model_err(at, format!("@length cannot be applied to a {}", kind.type_name())));
        }
        let raw = traits.get("smithy.api#length").cloned().unwrap_or(Value::Null);
        for k in ["min", "max"] {
            if let Some(v) = raw.get(k) {
                if v.as_u64().is_none() {
                    return Err(model_err(at, format!("@length {k} must be a non-negative integer, not {v}")));
                }
            }
        }
        let b = traits.length().unwrap_or_default();
        if let (Some(min), Some(max)) = (b.min, b.max) {
            if min > max {
                return Err(model_err(at, format!("@length min ({min}) is greater than max ({max})")));
            }
        }
    }
    if traits.has("smithy.api#range") {
        let ok = matches!(kind, ShapeKind::Simple(s) if s.is_number()) || matches!(kind, ShapeKind::IntEnum(_));
        if !ok {
            return Err(model_err(at, format!("@range cannot be applied to a {}", kind.type_name())));
        }
        let raw = traits.get("smithy.api#range").cloned().unwrap_or(Value::Null);
        for k in ["min", "max"] {
            if let Some(v) = raw.get(k) {
                if !v.is_number() {
                    return Err(model_err(at, format!("@range {k} must be a number, not {v}")));
                }
            }
        }
        let min = raw.get("min").and_then(Value::as_f64);
        let max = raw.get("max").and_then(Value::as_f64);
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                return Err(model_err(at, format!("@range min ({min}) is greater than max ({max})")));
            }
        }
    }
    if traits.has("smithy.api#pattern") {
        if !matches!(kind, ShapeKind::Simple(Simple::String)) {
            return Err(model_err(at, format!("@pattern cannot be applied to a {}", kind.type_name())));
        }
        if traits.pattern().is_none() {
            return Err(model_err(at, "@pattern must be a string"));
        }
    }
    Ok(())
}

/// A converted shape's kind, raw traits and mixin references.
type Parts = (ShapeKind, IndexMap<String, Value>, Vec<RawRef>);

fn convert(key: &str, id: ShapeId, raw: RawShape) -> Result<Loaded, Error> {
    let is_set = matches!(raw, RawShape::Set(_));
    let simple = |s: Simple, r: RawSimple| -> Result<Parts, Error> { Ok((ShapeKind::Simple(s), r.traits, r.mixins)) };
    let members = |r: IndexMap<String, RawMember>| -> Result<Vec<Member>, Error> {
        r.into_iter().map(|(n, m)| member_of(key, &n, m)).collect()
    };
    let (kind, raw_traits, mixins) = match raw {
        RawShape::Blob(r) => simple(Simple::Blob, r)?,
        RawShape::Boolean(r) => simple(Simple::Boolean, r)?,
        RawShape::String(r) => simple(Simple::String, r)?,
        RawShape::Byte(r) => simple(Simple::Byte, r)?,
        RawShape::Short(r) => simple(Simple::Short, r)?,
        RawShape::Integer(r) => simple(Simple::Integer, r)?,
        RawShape::Long(r) => simple(Simple::Long, r)?,
        RawShape::Float(r) => simple(Simple::Float, r)?,
        RawShape::Double(r) => simple(Simple::Double, r)?,
        RawShape::BigInteger(r) => simple(Simple::BigInteger, r)?,
        RawShape::BigDecimal(r) => simple(Simple::BigDecimal, r)?,
        RawShape::Timestamp(r) => simple(Simple::Timestamp, r)?,
        RawShape::Document(r) => simple(Simple::Document, r)?,
        RawShape::Enum(r) => {
            let mut values = Vec::new();
            for (name, m) in r.members {
                let m = member_of(key, &name, m)?;
                let value = match m.traits.enum_value() {
                    None => name.clone(),
                    Some(Value::String(s)) => s.clone(),
                    Some(other) => {
                        return Err(model_err(&format!("{key}${name}"), format!("@enumValue of an enum must be a string, not {other}")))
                    }
                };
                let mut traits = m.traits;
                traits.0.remove("smithy.api#enumValue");
                values.push(EnumValue { name: Some(name), value: EnumLiteral::String(value), traits });
            }
            (ShapeKind::Enum(values), r.traits, r.mixins)
        }
        RawShape::IntEnum(r) => {
            let mut values = Vec::new();
            for (name, m) in r.members {
                let m = member_of(key, &name, m)?;
                let value = match m.traits.enum_value().and_then(Value::as_i64) {
                    Some(i) if i32::try_from(i).is_ok() => i,
                    _ => {
                        return Err(model_err(
                            &format!("{key}${name}"),
                            "an intEnum member needs an integer @enumValue that fits in 32 bits",
                        ))
                    }
                };
                let mut traits = m.traits;
                traits.0.remove("smithy.api#enumValue");
                values.push(EnumValue { name: Some(name), value: EnumLiteral::Int(value), traits });
            }
            (ShapeKind::IntEnum(values), r.traits, r.mixins)
        }
        RawShape::List(r) | RawShape::Set(r) => {
            let member = r.member.ok_or_else(|| model_err(key, "a list needs a `member`"))?;
            (ShapeKind::List(member_of(key, "member", member)?), r.traits, r.mixins)
        }
        RawShape::Map(r) => {
            let k = r.key.ok_or_else(|| model_err(key, "a map needs a `key`"))?;
            let v = r.value.ok_or_else(|| model_err(key, "a map needs a `value`"))?;
            (ShapeKind::Map { key: member_of(key, "key", k)?, value: member_of(key, "value", v)? }, r.traits, r.mixins)
        }
        RawShape::Structure(r) => (ShapeKind::Structure(members(r.members)?), r.traits, r.mixins),
        RawShape::Union(r) => (ShapeKind::Union(members(r.members)?), r.traits, r.mixins),
        RawShape::Operation(r) => {
            let unit = ShapeId { namespace: PRELUDE_NAMESPACE.into(), name: "Unit".into() };
            let input = r.input.map(|x| parse_id(key, &x.target)).transpose()?.unwrap_or_else(|| unit.clone());
            let output = r.output.map(|x| parse_id(key, &x.target)).transpose()?.unwrap_or(unit);
            let errors = refs(key, &r.errors)?;
            (ShapeKind::Operation(Operation { input, output, errors }), r.traits, r.mixins)
        }
        RawShape::Service(r) => {
            let mut rename = BTreeMap::new();
            for (k, v) in r.rename {
                if !is_identifier(&v) {
                    return Err(model_err(key, format!("renames `{k}` to `{v}`, which is not an identifier")));
                }
                rename.insert(parse_id(key, &k)?, v);
            }
            let svc = Service {
                version: r.version,
                operations: refs(key, &r.operations)?,
                resources: refs(key, &r.resources)?,
                errors: refs(key, &r.errors)?,
                rename,
            };
            (ShapeKind::Service(svc), r.traits, r.mixins)
        }
        RawShape::Resource(r) => {
            let mut ops = Vec::new();
            for o in [&r.create, &r.put, &r.read, &r.update, &r.delete, &r.list].into_iter().flatten() {
                ops.push(parse_id(key, &o.target)?);
            }
            ops.extend(refs(key, &r.operations)?);
            ops.extend(refs(key, &r.collection_operations)?);
            let res = Resource { operations: ops, resources: refs(key, &r.resources)? };
            (ShapeKind::Resource(res), r.traits, r.mixins)
        }
    };
    let mut traits = traits_of(key, raw_traits)?;
    let mut kind = kind;
    // Smithy 1.0 forms: `set` is a list of unique items; `@enum` on a string is an enum shape.
    if is_set && !traits.unique_items() {
        traits.0.insert("smithy.api#uniqueItems".to_owned(), Value::Object(Default::default()));
    }
    if let ShapeKind::Simple(Simple::String) = kind {
        if let Some(entries) = traits.0.remove("smithy.api#enum") {
            kind = ShapeKind::Enum(enum_trait_values(key, &entries)?);
        }
    }
    Ok(Loaded { shape: Shape { id, kind, traits }, mixins: refs(key, &mixins)? })
}

/// Converts a Smithy 1.0 `@enum` trait to enum values.
fn enum_trait_values(key: &str, entries: &Value) -> Result<Vec<EnumValue>, Error> {
    let list = entries.as_array().ok_or_else(|| model_err(key, "@enum must be a list of enum definitions"))?;
    let mut values = Vec::new();
    for (i, e) in list.iter().enumerate() {
        let value = e
            .get("value")
            .and_then(Value::as_str)
            .ok_or_else(|| model_err(key, format!("@enum entry {i} has no string `value`")))?;
        let name = match e.get("name") {
            None => None,
            Some(Value::String(n)) if is_identifier(n) => Some(n.clone()),
            Some(other) => return Err(model_err(key, format!("@enum entry {i} has an invalid `name` {other}"))),
        };
        let mut traits = BTreeMap::new();
        if let Some(d) = e.get("documentation") {
            traits.insert("smithy.api#documentation".to_owned(), d.clone());
        }
        if e.get("deprecated").and_then(Value::as_bool) == Some(true) {
            traits.insert("smithy.api#deprecated".to_owned(), Value::Object(Default::default()));
        }
        values.push(EnumValue { name, value: EnumLiteral::String(value.to_owned()), traits: Traits(traits) });
    }
    Ok(values)
}

/// Flattens mixins: a shape gets its mixins' members first (in mixin order) and their traits,
/// except `@mixin` itself; its own members and traits win.
fn flatten_mixins(mut loaded: BTreeMap<ShapeId, Loaded>) -> Result<BTreeMap<ShapeId, Shape>, Error> {
    let ids: Vec<ShapeId> = loaded.keys().cloned().collect();
    let mut done: BTreeMap<ShapeId, Shape> = BTreeMap::new();
    for id in ids {
        resolve_mixins(&id, &mut loaded, &mut done, &mut Vec::new())?;
    }
    Ok(done)
}

fn resolve_mixins(
    id: &ShapeId,
    loaded: &mut BTreeMap<ShapeId, Loaded>,
    done: &mut BTreeMap<ShapeId, Shape>,
    path: &mut Vec<ShapeId>,
) -> Result<(), Error> {
    if done.contains_key(id) {
        return Ok(());
    }
    if path.contains(id) {
        return Err(model_err(&id.to_string(), "mixins form a cycle"));
    }
    let Some(l) = loaded.remove(id) else {
        return Err(model_err(&id.to_string(), "mixin does not exist"));
    };
    path.push(id.clone());
    let mut shape = l.shape;
    if !l.mixins.is_empty() {
        let mut members: Vec<Member> = Vec::new();
        let mut traits = BTreeMap::new();
        for m in &l.mixins {
            if path.contains(m) {
                let cycle: Vec<String> = path.iter().chain([m]).map(|s| s.to_string()).collect();
                return Err(model_err(&id.to_string(), format!("mixins form a cycle ({})", cycle.join(" -> "))));
            }
            if !done.contains_key(m) {
                if !loaded.contains_key(m) {
                    return Err(model_err(&id.to_string(), format!("mixin `{m}` does not exist")));
                }
                resolve_mixins(m, loaded, done, path)?;
            }
            let mixin = &done[m];
            if !mixin.traits.has("smithy.api#mixin") {
                return Err(model_err(&id.to_string(), format!("`{m}` is used as a mixin but has no @mixin trait")));
            }
            if mixin.kind.type_name() != shape.kind.type_name() {
                return Err(model_err(&id.to_string(), format!("mixin `{m}` is a {}, not a {}", mixin.kind.type_name(), shape.kind.type_name())));
            }
            for mm in mixin.kind.members() {
                members.retain(|x| x.name != mm.name);
                members.push(mm.clone());
            }
            for (k, v) in &mixin.traits.0 {
                if k != "smithy.api#mixin" {
                    traits.insert(k.clone(), v.clone());
                }
            }
        }
        traits.extend(std::mem::take(&mut shape.traits.0));
        shape.traits = Traits(traits);
        if let ShapeKind::Structure(own) | ShapeKind::Union(own) = &mut shape.kind {
            for m in std::mem::take(own) {
                if let Some(existing) = members.iter_mut().find(|x| x.name == m.name) {
                    // A shape may re-declare a mixin member to add traits.
                    let mut t = existing.traits.0.clone();
                    t.extend(m.traits.0);
                    *existing = Member { traits: Traits(t), ..m };
                } else {
                    members.push(m);
                }
            }
            *own = members;
        }
    }
    path.pop();
    done.insert(id.clone(), shape);
    Ok(())
}

fn apply_traits(shapes: &mut BTreeMap<ShapeId, Shape>, target: &str, traits: Traits) -> Result<(), Error> {
    let (shape_part, member) = match target.split_once('$') {
        Some((s, m)) => (s, Some(m)),
        None => (target, None),
    };
    let id = parse_id(target, shape_part)?;
    let shape = shapes
        .get_mut(&id)
        .ok_or_else(|| model_err(target, "apply targets a shape that does not exist"))?;
    let dest = match member {
        None => &mut shape.traits,
        Some(name) => {
            let m = match &mut shape.kind {
                ShapeKind::Structure(ms) | ShapeKind::Union(ms) => ms.iter_mut().find(|m| m.name == name),
                ShapeKind::List(m) if name == "member" => Some(m),
                ShapeKind::Map { key, .. } if name == "key" => Some(key),
                ShapeKind::Map { value, .. } if name == "value" => Some(value),
                _ => None,
            };
            &mut m.ok_or_else(|| model_err(target, "apply targets a member that does not exist"))?.traits
        }
    };
    dest.0.extend(traits.0);
    Ok(())
}

/// The prelude shapes of `smithy.api`.
pub fn prelude(id: &ShapeId) -> Option<Shape> {
    if !id.is_prelude() {
        return None;
    }
    let mut traits = BTreeMap::new();
    let kind = match id.name() {
        "Blob" => ShapeKind::Simple(Simple::Blob),
        "Boolean" => ShapeKind::Simple(Simple::Boolean),
        "String" => ShapeKind::Simple(Simple::String),
        "Byte" => ShapeKind::Simple(Simple::Byte),
        "Short" => ShapeKind::Simple(Simple::Short),
        "Integer" => ShapeKind::Simple(Simple::Integer),
        "Long" => ShapeKind::Simple(Simple::Long),
        "Float" => ShapeKind::Simple(Simple::Float),
        "Double" => ShapeKind::Simple(Simple::Double),
        "BigInteger" => ShapeKind::Simple(Simple::BigInteger),
        "BigDecimal" => ShapeKind::Simple(Simple::BigDecimal),
        "Timestamp" => ShapeKind::Simple(Simple::Timestamp),
        "Document" => ShapeKind::Simple(Simple::Document),
        "PrimitiveBoolean" => {
            traits.insert("smithy.api#default".to_owned(), Value::Bool(false));
            ShapeKind::Simple(Simple::Boolean)
        }
        "PrimitiveByte" | "PrimitiveShort" | "PrimitiveInteger" | "PrimitiveLong" | "PrimitiveFloat"
        | "PrimitiveDouble" => {
            traits.insert("smithy.api#default".to_owned(), Value::from(0));
            ShapeKind::Simple(match id.name() {
                "PrimitiveByte" => Simple::Byte,
                "PrimitiveShort" => Simple::Short,
                "PrimitiveInteger" => Simple::Integer,
                "PrimitiveLong" => Simple::Long,
                "PrimitiveFloat" => Simple::Float,
                _ => Simple::Double,
            })
        }
        "Unit" => {
            traits.insert("smithy.api#unitType".to_owned(), Value::Object(Default::default()));
            ShapeKind::Structure(Vec::new())
        }
        _ => return None,
    };
    Some(Shape { id: id.clone(), kind, traits: Traits(traits) })
}

pub fn is_unit(id: &ShapeId) -> bool {
    id.is_prelude() && id.name() == "Unit"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(json: &str) -> Result<Model, Error> {
        Model::from_json(json.as_bytes())
    }

    #[test]
    fn shape_ids_parse_and_reject() {
        let id = ShapeId::parse("com.example#Foo_1").unwrap();
        assert_eq!((id.namespace(), id.name()), ("com.example", "Foo_1"));
        for bad in ["Foo", "#Foo", "com.example#", "com..x#Foo", "com.example#1Foo", "a#b$c", "a#__"] {
            assert!(ShapeId::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn dangling_target_names_the_member_and_target() {
        let err = load(
            r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"a":{"target":"ex#Missing"}}}}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("ex#S$a"), "{err}");
        assert!(err.contains("ex#Missing"), "{err}");
    }

    #[test]
    fn version_is_required_and_checked() {
        assert!(matches!(load(r#"{"shapes":{}}"#), Err(Error::Version(_))));
        let e = load(r#"{"smithy":"3.0","shapes":{}}"#).unwrap_err().to_string();
        assert!(e.contains("3.0"), "{e}");
        assert!(matches!(load("not json"), Err(Error::Json(_))));
    }

    #[test]
    fn unknown_shape_type_names_the_shape() {
        let e = load(r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"strin"}}}"#).unwrap_err().to_string();
        assert!(e.contains("ex#S") && e.contains("strin"), "{e}");
    }

    #[test]
    fn smithy_1_forms_are_normalised() {
        let m = load(
            r#"{"smithy":"1.0","shapes":{
                "ex#E":{"type":"string","traits":{"smithy.api#enum":[{"value":"text/plain"},{"value":"a","name":"A"}]}},
                "ex#S":{"type":"set","member":{"target":"smithy.api#String"}},
                "ex#N":{"type":"integer"},
                "ex#B":{"type":"integer","traits":{"smithy.api#box":{}}},
                "ex#T":{"type":"structure","members":{
                    "n":{"target":"ex#N"},"b":{"target":"ex#B"},"p":{"target":"smithy.api#PrimitiveLong"},
                    "i":{"target":"smithy.api#Integer"}}}
            }}"#,
        )
        .unwrap();
        let get = |n: &str| m.get(&ShapeId::parse(&format!("ex#{n}")).unwrap()).unwrap().into_owned();
        match get("E").kind {
            ShapeKind::Enum(v) => {
                assert_eq!(v[0].value, EnumLiteral::String("text/plain".into()));
                assert_eq!(v[0].name, None);
                assert_eq!(v[1].name.as_deref(), Some("A"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(get("S").kind, ShapeKind::List(_)));
        let ShapeKind::Structure(ms) = get("T").kind else { panic!() };
        let default = |n: &str| ms.iter().find(|m| m.name == n).unwrap().traits.default_value().cloned();
        assert_eq!(default("n"), Some(Value::from(0)));
        assert_eq!(default("b"), None);
        assert_eq!(default("p"), Some(Value::from(0)));
        assert_eq!(default("i"), None);
    }

    #[test]
    fn mixins_and_apply_are_flattened() {
        let m = load(
            r#"{"smithy":"2.0","shapes":{
                "ex#M":{"type":"structure","members":{"a":{"target":"smithy.api#String"}},"traits":{"smithy.api#mixin":{},"smithy.api#sensitive":{}}},
                "ex#S":{"type":"structure","mixins":[{"target":"ex#M"}],"members":{"b":{"target":"smithy.api#String"}}},
                "ex#S$b":{"type":"apply","traits":{"smithy.api#required":{}}}
            }}"#,
        )
        .unwrap();
        let s = m.get(&ShapeId::parse("ex#S").unwrap()).unwrap().into_owned();
        let names: Vec<_> = s.kind.members().iter().map(|m| m.name.clone()).collect();
        assert_eq!(names, ["a", "b"]);
        assert!(s.traits.sensitive() && !s.traits.has("smithy.api#mixin"));
        assert!(s.kind.members()[1].traits.required());
    }

    #[test]
    fn constraint_traits_are_checked_against_their_shape() {
        let e = load(r#"{"smithy":"2.0","shapes":{"ex#I":{"type":"integer","traits":{"smithy.api#length":{"min":1}}}}}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("ex#I") && e.contains("@length"), "{e}");
        let e = load(r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"string","traits":{"smithy.api#length":{"min":5,"max":1}}}}}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("greater than"), "{e}");
        let e = load(r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"string","traits":{"smithy.api#length":{"min":-1}}}}}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("non-negative"), "{e}");
    }

    #[test]
    fn duplicate_and_empty_enum_values_are_errors() {
        let e = load(r#"{"smithy":"2.0","shapes":{"ex#E":{"type":"enum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"x"}},"B":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"x"}}}}}}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("ex#E") && e.contains("more than once"), "{e}");
    }
}
