//! The Smithy JSON AST, loaded into typed shapes.
//!
//! Loading does three things and nothing else, each in its own file: it deserialises the JSON
//! AST (Smithy 2.0, and the 1.0 forms `set`, `@enum` on strings and `@box`) into shapes
//! (`json.rs`), normalises them to one 2.0 shape graph (mixins flattened, `apply` blocks merged,
//! 1.0 forms rewritten: `normalize.rs`), and checks every reference and the traits the generator
//! acts on (`check.rs`), so later stages can look shapes up without handling dangling ids. The
//! rules of the Smithy 2.0 specification checked beside them have files of their own: trait
//! values and where traits may be applied (`check_traits.rs`), the members of one structure
//! together (`check_members.rs`), `@http` URIs (`check_http.rs`) and `@default` values
//! (`check_defaults.rs`). What the spec refuses but models AWS publishes do is accepted, with a
//! warning ([`Model::warnings`]).
//! Prelude shapes (`smithy.api#String` and friends) are resolved explicitly (`prelude.rs`): they
//! are not in the `shapes` map.
//!
//! This file holds the loaded model's types, the typed trait accessors and the queries later
//! stages make.

mod botocore;
mod check;
mod check_defaults;
mod check_http;
mod check_members;
mod check_traits;
mod json;
mod normalize;
mod prelude;
#[cfg(test)]
mod tests;

pub use prelude::{is_unit, prelude, PRELUDE_NAMESPACE};

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value;

use crate::error::Error;

/// An absolute shape id, `namespace#Name`: one shared string, so ids are cheap to clone, and
/// they order as (namespace, name) do (every character a namespace may hold sorts after `#`).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    text: std::sync::Arc<str>,
    /// Where the `#` is.
    hash: usize,
}

impl ShapeId {
    /// Parses `namespace#Name`. Member ids (`#Name$member`) are not shape ids.
    pub fn parse(text: &str) -> Result<ShapeId, String> {
        let hash = ShapeId::parse_position(text)?;
        Ok(ShapeId { text: text.into(), hash })
    }

    /// Checks `text` as [`ShapeId::parse`] does, without building the id: where its `#` is.
    pub(super) fn parse_position(text: &str) -> Result<usize, String> {
        // The common case, a prelude id (most trait keys), has one namespace to check.
        if let Some(name) = text.strip_prefix(PRELUDE_NAMESPACE).and_then(|rest| rest.strip_prefix('#')) {
            if is_identifier(name) {
                return Ok(PRELUDE_NAMESPACE.len());
            }
        }
        let (namespace, name) =
            text.split_once('#').ok_or_else(|| format!("`{text}` is not an absolute shape id (namespace#Name)"))?;
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(format!("`{text}` has an invalid namespace"));
        }
        if !is_identifier(name) {
            return Err(format!("`{text}` has an invalid shape name"));
        }
        Ok(namespace.len())
    }

    /// The id of a shape in the prelude namespace (`smithy.api`); `name` is an identifier.
    pub(super) fn prelude(name: &str) -> ShapeId {
        ShapeId { text: format!("{PRELUDE_NAMESPACE}#{name}").into(), hash: PRELUDE_NAMESPACE.len() }
    }

    pub fn namespace(&self) -> &str {
        &self.text[..self.hash]
    }

    pub fn name(&self) -> &str {
        &self.text[self.hash + 1..]
    }

    pub fn is_prelude(&self) -> bool {
        self.namespace() == PRELUDE_NAMESPACE
    }

    /// The id as written: `namespace#Name`.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ShapeId({:?})", &*self.text)
    }
}

/// Smithy identifiers: `(_|letter)(_|letter|digit)*`, with at least one non-underscore.
pub fn is_identifier(text: &str) -> bool {
    let bytes = text.as_bytes();
    if !bytes.first().is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_') {
        return false;
    }
    let mut named = false;
    for &c in bytes {
        if !(c.is_ascii_alphanumeric() || c == b'_') {
            return false;
        }
        named |= c != b'_';
    }
    named
}

/// A piece of a `{label}` template: an `@http` URI or an `@endpoint` host prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplatePart<'a> {
    Literal(&'a str),
    /// `{name}`, or greedy `{name+}`.
    Label {
        name: &'a str,
        greedy: bool,
    },
}

/// Splits `template` at its `{label}`s; `None` when a `{` is never closed.
pub fn template_parts(template: &str) -> Option<Vec<TemplatePart<'_>>> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(TemplatePart::Literal(&rest[..open]));
        }
        let close = rest[open..].find('}')? + open;
        let inner = &rest[open + 1..close];
        parts.push(match inner.strip_suffix('+') {
            Some(name) => TemplatePart::Label { name, greedy: true },
            None => TemplatePart::Label { name: inner, greedy: false },
        });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(TemplatePart::Literal(rest));
    }
    Some(parts)
}

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
    /// The prelude trait `smithy.api#<name>`, looked up without building its id: every
    /// member's every trait question goes through here.
    fn api(&self, name: &str) -> Option<&Value> {
        // A shape or member has a few traits: scanning them beats building the key to look up.
        let len = PRELUDE_NAMESPACE.len() + 1 + name.len();
        self.0
            .iter()
            .find(|(k, _)| {
                k.len() == len && k.strip_prefix(PRELUDE_NAMESPACE).and_then(|k| k.strip_prefix('#')) == Some(name)
            })
            .map(|(_, v)| v)
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
    pub fn media_type(&self) -> Option<&str> {
        self.api_str("mediaType")
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
    pub fn host_label(&self) -> bool {
        self.api("hostLabel").is_some()
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
        Some(Bounds { min: v.get("min").and_then(Value::as_u64), max: v.get("max").and_then(Value::as_u64) })
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

/// What [`Model::read_json`] read.
pub enum Read {
    Smithy(Model),
    /// A botocore service description, parsed.
    Botocore(Value),
}

/// A loaded, normalised and checked model.
#[derive(Debug, Clone)]
pub struct Model {
    pub version: String,
    shapes: BTreeMap<ShapeId, Shape>,
    /// Rules of the spec the model breaks that models AWS publishes break too: accepted, each
    /// with the (root) shape it is about.
    warnings: Vec<(ShapeId, String)>,
}

impl Model {
    /// Parses, normalises and checks a model: a Smithy JSON AST document, or a botocore service
    /// description (`service-2.json`), told apart by their top-level keys (`smithy` against
    /// `metadata` and `shapes`).
    pub fn from_json(bytes: &[u8]) -> Result<Model, Error> {
        match Model::read_json(bytes)? {
            Read::Smithy(model) => Ok(model),
            Read::Botocore(doc) => Model::from_botocore(doc, None, None),
        }
    }

    /// Reads a document that is either format: a Smithy JSON AST becomes the model, a botocore
    /// service description is handed back parsed, to be read with its companion files
    /// ([`Model::from_botocore`]).
    ///
    /// A JSON AST whose first key is `smithy` (as smithy-build writes them) is read in one pass,
    /// straight into the model's shapes; any other document is parsed to a [`Value`] first.
    pub fn read_json(bytes: &[u8]) -> Result<Read, Error> {
        if let Some(document) = json::parse_smithy_first(bytes)? {
            return Ok(Read::Smithy(Model::from_document(document)?));
        }
        let doc: Value = serde_json::from_slice(bytes).map_err(|e| Error::Json(e.to_string()))?;
        if Model::is_botocore(&doc) {
            return Ok(Read::Botocore(doc));
        }
        Ok(Read::Smithy(Model::from_document(json::parse_value(doc)?)?))
    }

    /// [`Model::from_json`] for a document already parsed.
    pub fn from_value(doc: Value) -> Result<Model, Error> {
        if Model::is_botocore(&doc) {
            return Model::from_botocore(doc, None, None);
        }
        Model::from_document(json::parse_value(doc)?)
    }

    fn from_document(document: json::Document) -> Result<Model, Error> {
        let v1 = document.version.starts_with('1');
        let shapes = normalize::normalize(document.shapes, document.applies, v1)?;
        let mut model = Model { version: document.version, shapes, warnings: Vec::new() };
        model.warnings = model.check()?;
        Ok(model)
    }

    /// Whether `doc` is a botocore service description rather than a Smithy JSON AST.
    pub fn is_botocore(doc: &Value) -> bool {
        botocore::is_description(doc)
    }

    /// Reads a botocore service description (`service-2.json`) with the companion files botocore
    /// keeps beside it, when there are any: the endpoint rule set (`endpoint-rule-set-1.json`)
    /// and the paginators (`paginators-1.json`).
    pub fn from_botocore(
        service: Value,
        endpoint_rules: Option<&[u8]>,
        paginators: Option<&[u8]>,
    ) -> Result<Model, Error> {
        let parse = |file: &str, bytes: &[u8]| {
            serde_json::from_slice::<Value>(bytes)
                .map_err(|e| model_err(&format!("<{file}>"), format!("not valid JSON: {e}")))
        };
        let companions = botocore::Companions {
            endpoint_rules: endpoint_rules.map(|b| parse("endpoint rule set", b)).transpose()?,
            paginators: paginators.map(|b| parse("paginators", b)).transpose()?,
        };
        let (version, shapes, left_out) = botocore::read(service, companions)?;
        let mut model = Model { version, shapes, warnings: Vec::new() };
        model.warnings = model.check()?;
        model.warnings.extend(left_out);
        Ok(model)
    }

    /// What loading accepted although the spec refuses it (because models AWS publishes do it),
    /// each with the shape it is about.
    pub fn warnings(&self) -> &[(ShapeId, String)] {
        &self.warnings
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
        // Every prelude shape is in the table; one outside it does not exist.
        prelude::prelude_ref(id).map(std::borrow::Cow::Borrowed)
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
}

fn model_err(shape: &str, problem: impl Into<String>) -> Error {
    Error::Model { shape: shape.to_owned(), problem: problem.into() }
}

/// Accepts a breach of a rule of the spec that models AWS publishes commit, recording a
/// warning about the shape or member `at`.
fn accept(warnings: &mut Vec<(ShapeId, String)>, at: &str, problem: impl fmt::Display) {
    let root = at.split('$').next().unwrap_or(at);
    if let Ok(id) = ShapeId::parse(root) {
        warnings.push((id, format!("shape `{at}`: {problem} (the spec refuses this, but models AWS publishes do it)")));
    }
}

/// A shape type name with its indefinite article, for messages: "an integer", "a union".
fn a_or_an(type_name: &str) -> String {
    // Every type name that starts with a vowel letter starts with a vowel sound, except `union`.
    let article = match type_name.chars().next() {
        Some('a' | 'e' | 'i' | 'o') => "an",
        _ => "a",
    };
    format!("{article} {type_name}")
}
