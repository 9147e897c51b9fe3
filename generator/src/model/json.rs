//! The front-end: the Smithy JSON AST as serde types (`Raw*`), and their conversion to
//! [`Shape`]s. Every id is parsed and every member name checked here; the Smithy 1.0 shape
//! forms are rewritten as each shape is converted ([`normalize::smithy1_forms`]), and mixins and
//! `apply` blocks are handed on to [`normalize`] unresolved.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use indexmap::IndexMap;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{
    is_identifier, model_err, normalize, prelude, EnumLiteral, EnumValue, Member, Operation, Resource, Service, Shape,
    ShapeId, ShapeKind, Simple, Traits,
};
use crate::error::Error;

// ---------------------------------------------------------------------------------------------
// Raw JSON AST (serde), read straight from the document's bytes: no `Value` is built for the
// shapes' skeleton, only for trait values.

/// The top level of a JSON AST: its version and its shapes (`metadata` is read and left).
struct RawModel {
    smithy: Option<String>,
    shapes: RawShapes,
}

/// A shape's or member's traits: keyed by trait id, kept sorted as [`Traits`] keeps them.
type RawTraits = BTreeMap<String, Value>;

/// A JSON object read into a list in document order (the `members` of a shape). A key given
/// twice keeps its first place and its last value, as a map read in order would.
struct Ordered<T>(Vec<(String, T)>);

impl<T> Default for Ordered<T> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<T> IntoIterator for Ordered<T> {
    type Item = (String, T);
    type IntoIter = std::vec::IntoIter<(String, T)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Entries<T> {
            type Value = Ordered<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered<T>, A::Error> {
                let mut out: Vec<(String, T)> = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((key, value)) = map.next_entry::<String, T>()? {
                    match out.iter_mut().find(|(k, _)| *k == key) {
                        Some(slot) => slot.1 = value,
                        None => out.push((key, value)),
                    }
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(Entries(std::marker::PhantomData))
    }
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
    traits: RawTraits,
}

/// The `shapes` object, in model order.
#[derive(Default)]
struct RawShapes(Vec<(String, RawEntry)>);

/// Reads `shapes`; when an entry does not parse, its key is left in `failed`, so that the error
/// names the shape (the deserializer's own message has only the position).
struct ShapesSeed<'a> {
    failed: &'a Cell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for ShapesSeed<'_> {
    type Value = RawShapes;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<RawShapes, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ShapesSeed<'_> {
    type Value = RawShapes;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object of shapes keyed by shape id")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawShapes, A::Error> {
        let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(key) = map.next_key::<String>()? {
            match map.next_value::<RawEntry>() {
                Ok(entry) => out.push((key, entry)),
                Err(e) => {
                    self.failed.set(Some(key));
                    return Err(e);
                }
            }
        }
        Ok(RawShapes(out))
    }
}

/// Reads the top level of a JSON AST. With `smithy_first`, a document whose first key is not
/// `smithy` is skipped, not built, and read as `None`.
struct TopSeed<'a> {
    smithy_first: bool,
    failed: &'a Cell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = Option<RawModel>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<RawModel>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = Option<RawModel>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<RawModel>, A::Error> {
        const FIELDS: &[&str] = &["smithy", "metadata", "shapes"];
        let mut raw = RawModel { smithy: None, shapes: RawShapes::default() };
        let mut seen = [false; 3];
        let mut first = true;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if std::mem::take(&mut first) && self.smithy_first && key != "smithy" {
                // Whatever the first key was, its value and the rest are skipped.
                map.next_value::<IgnoredAny>()?;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                return Ok(None);
            }
            let Some(i) = FIELDS.iter().position(|f| *f == key) else {
                return Err(serde::de::Error::unknown_field(&key, FIELDS));
            };
            if std::mem::replace(&mut seen[i], true) {
                return Err(serde::de::Error::duplicate_field(FIELDS[i]));
            }
            match i {
                0 => raw.smithy = map.next_value()?,
                1 => drop(map.next_value::<IgnoredAny>()?),
                _ => raw.shapes = map.next_value_seed(ShapesSeed { failed: self.failed })?,
            }
        }
        Ok(Some(raw))
    }
}

/// One entry of `shapes` with every field any shape type may have; [`RawEntry::into_shape`]
/// refuses the fields its `type` does not have, and any other field.
#[derive(Default)]
struct RawEntry {
    kind: String,
    /// The fields given, by their JSON names, in document order.
    given: Vec<&'static str>,
    /// The first field no shape type has.
    unknown: Option<String>,
    members: Option<Ordered<RawMember>>,
    member: Option<RawMember>,
    key: Option<RawMember>,
    value: Option<RawMember>,
    traits: Option<RawTraits>,
    mixins: Option<Vec<RawRef>>,
    input: Option<RawRef>,
    output: Option<RawRef>,
    errors: Option<Vec<RawRef>>,
    version: Option<String>,
    operations: Option<Vec<RawRef>>,
    resources: Option<Vec<RawRef>>,
    rename: Option<IndexMap<String, String>>,
    // Accepted so such models load; identifiers and properties do not shape the client.
    identifiers: Option<IndexMap<String, RawRef>>,
    properties: Option<IndexMap<String, RawRef>>,
    create: Option<RawRef>,
    put: Option<RawRef>,
    read: Option<RawRef>,
    update: Option<RawRef>,
    delete: Option<RawRef>,
    list: Option<RawRef>,
    collection_operations: Option<Vec<RawRef>>,
}

impl<'de> Deserialize<'de> for RawEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = RawEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEntry, A::Error> {
                let mut e = RawEntry::default();
                let mut kind = None;
                // Each field once, by its JSON name.
                macro_rules! fields {
                    ($key:expr, $($name:literal => $slot:expr),* $(,)?) => {
                        match $key {
                            $($name => {
                                if $slot.replace(map.next_value()?).is_some() {
                                    return Err(serde::de::Error::duplicate_field($name));
                                }
                                e.given.push($name);
                            })*
                            other => {
                                e.unknown.get_or_insert_with(|| other.to_owned());
                                map.next_value::<IgnoredAny>()?;
                            }
                        }
                    };
                }
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    fields!(&*key,
                        "type" => kind,
                        "members" => e.members,
                        "member" => e.member,
                        "key" => e.key,
                        "value" => e.value,
                        "traits" => e.traits,
                        "mixins" => e.mixins,
                        "input" => e.input,
                        "output" => e.output,
                        "errors" => e.errors,
                        "version" => e.version,
                        "operations" => e.operations,
                        "resources" => e.resources,
                        "rename" => e.rename,
                        "identifiers" => e.identifiers,
                        "properties" => e.properties,
                        "create" => e.create,
                        "put" => e.put,
                        "read" => e.read,
                        "update" => e.update,
                        "delete" => e.delete,
                        "list" => e.list,
                        "collectionOperations" => e.collection_operations,
                    );
                }
                e.kind = kind.ok_or_else(|| serde::de::Error::missing_field("type"))?;
                Ok(e)
            }
        }
        d.deserialize_map(Fields)
    }
}

/// The shape types of the JSON AST, and `apply`.
const TYPES: &[&str] = &[
    "blob",
    "boolean",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "set",
    "map",
    "structure",
    "union",
    "operation",
    "service",
    "resource",
    "apply",
];

impl RawEntry {
    /// The entry as the shape (or `apply` block) its `type` names, refusing an unknown type and
    /// any field that type does not have.
    fn into_shape(self) -> Result<RawShape, String> {
        let allowed: &[&str] = match self.kind.as_str() {
            "enum" | "intEnum" | "structure" | "union" => &["members", "traits", "mixins"],
            "list" | "set" => &["member", "traits", "mixins"],
            "map" => &["key", "value", "traits", "mixins"],
            "operation" => &["input", "output", "errors", "traits", "mixins"],
            "service" => &["version", "operations", "resources", "errors", "rename", "traits", "mixins"],
            "resource" => &[
                "identifiers",
                "properties",
                "create",
                "put",
                "read",
                "update",
                "delete",
                "list",
                "operations",
                "collectionOperations",
                "resources",
                "traits",
                "mixins",
            ],
            "apply" => &["traits"],
            t if TYPES.contains(&t) => &["traits", "mixins"],
            other => return Err(format!("unknown shape type `{other}`, expected one of `{}`", TYPES.join("`, `"))),
        };
        let misplaced = self.given.iter().copied().find(|f| *f != "type" && !allowed.contains(f));
        if let Some(field) = self.unknown.as_deref().or(misplaced) {
            return Err(format!(
                "unknown field `{field}` for a shape of type `{}`, expected one of `{}`",
                self.kind,
                allowed.join("`, `")
            ));
        }
        let traits = self.traits.unwrap_or_default();
        let mixins = self.mixins.unwrap_or_default();
        let simple: Option<fn(RawSimple) -> RawShape> = match self.kind.as_str() {
            "blob" => Some(RawShape::Blob),
            "boolean" => Some(RawShape::Boolean),
            "string" => Some(RawShape::String),
            "byte" => Some(RawShape::Byte),
            "short" => Some(RawShape::Short),
            "integer" => Some(RawShape::Integer),
            "long" => Some(RawShape::Long),
            "float" => Some(RawShape::Float),
            "double" => Some(RawShape::Double),
            "bigInteger" => Some(RawShape::BigInteger),
            "bigDecimal" => Some(RawShape::BigDecimal),
            "timestamp" => Some(RawShape::Timestamp),
            "document" => Some(RawShape::Document),
            _ => None,
        };
        if let Some(shape) = simple {
            return Ok(shape(RawSimple { traits, mixins }));
        }
        let aggregate: Option<fn(RawAggregate) -> RawShape> = match self.kind.as_str() {
            "enum" => Some(RawShape::Enum),
            "intEnum" => Some(RawShape::IntEnum),
            "structure" => Some(RawShape::Structure),
            "union" => Some(RawShape::Union),
            _ => None,
        };
        if let Some(shape) = aggregate {
            return Ok(shape(RawAggregate { members: self.members.unwrap_or_default(), traits, mixins }));
        }
        Ok(match self.kind.as_str() {
            "list" => RawShape::List(RawList { member: self.member, traits, mixins }),
            "set" => RawShape::Set(RawList { member: self.member, traits, mixins }),
            "map" => RawShape::Map(RawMap { key: self.key, value: self.value, traits, mixins }),
            "operation" => RawShape::Operation(RawOperation {
                input: self.input,
                output: self.output,
                errors: self.errors.unwrap_or_default(),
                traits,
                mixins,
            }),
            "service" => RawShape::Service(RawService {
                version: self.version.unwrap_or_default(),
                operations: self.operations.unwrap_or_default(),
                resources: self.resources.unwrap_or_default(),
                errors: self.errors.unwrap_or_default(),
                rename: self.rename.unwrap_or_default(),
                traits,
                mixins,
            }),
            "resource" => RawShape::Resource(RawResource {
                create: self.create,
                put: self.put,
                read: self.read,
                update: self.update,
                delete: self.delete,
                list: self.list,
                operations: self.operations.unwrap_or_default(),
                collection_operations: self.collection_operations.unwrap_or_default(),
                resources: self.resources.unwrap_or_default(),
                traits,
                mixins,
            }),
            _ => RawShape::Apply(traits),
        })
    }
}

/// A shape entry sorted by its `type`, with the fields that type has.
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
    /// An `apply` block: its traits.
    Apply(RawTraits),
}

struct RawSimple {
    traits: RawTraits,
    mixins: Vec<RawRef>,
}

struct RawAggregate {
    members: Ordered<RawMember>,
    traits: RawTraits,
    mixins: Vec<RawRef>,
}

struct RawList {
    member: Option<RawMember>,
    traits: RawTraits,
    mixins: Vec<RawRef>,
}

struct RawMap {
    key: Option<RawMember>,
    value: Option<RawMember>,
    traits: RawTraits,
    mixins: Vec<RawRef>,
}

struct RawOperation {
    input: Option<RawRef>,
    output: Option<RawRef>,
    errors: Vec<RawRef>,
    traits: RawTraits,
    mixins: Vec<RawRef>,
}

struct RawService {
    version: String,
    operations: Vec<RawRef>,
    resources: Vec<RawRef>,
    errors: Vec<RawRef>,
    rename: IndexMap<String, String>,
    traits: RawTraits,
    mixins: Vec<RawRef>,
}

struct RawResource {
    create: Option<RawRef>,
    put: Option<RawRef>,
    read: Option<RawRef>,
    update: Option<RawRef>,
    delete: Option<RawRef>,
    list: Option<RawRef>,
    operations: Vec<RawRef>,
    collection_operations: Vec<RawRef>,
    resources: Vec<RawRef>,
    traits: RawTraits,
    mixins: Vec<RawRef>,
}

/// A shape between parsing and normalisation: the kind, plus mixins still to flatten.
pub(super) struct Loaded {
    pub(super) shape: Shape,
    pub(super) mixins: Vec<ShapeId>,
}

/// A parsed document: its version, its shapes by id and its `apply` blocks (keyed by shape or
/// member id), in model order.
pub(super) struct Document {
    pub(super) version: String,
    pub(super) shapes: BTreeMap<ShapeId, Loaded>,
    pub(super) applies: Vec<(String, Traits)>,
}

/// Parses a JSON AST document from its bytes and converts each shape, when its first key is
/// `smithy`; `None` when it is not (it may be a botocore description, or keep `smithy` later).
pub(super) fn parse_smithy_first(bytes: &[u8]) -> Result<Option<Document>, Error> {
    let failed = Cell::new(None);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let top = TopSeed { smithy_first: true, failed: &failed }.deserialize(&mut de).and_then(|top| {
        de.end()?;
        Ok(top)
    });
    read_error(top, &failed)?.map(convert_document).transpose()
}

/// [`parse_smithy_first`] for a document already parsed, whatever the order of its keys.
pub(super) fn parse_value(doc: Value) -> Result<Document, Error> {
    let failed = Cell::new(None);
    let top = TopSeed { smithy_first: false, failed: &failed }.deserialize(doc);
    let raw = read_error(top, &failed)?.ok_or_else(|| Error::Json("the document is empty".into()))?;
    convert_document(raw)
}

/// A read's error as the model's: about the shape whose entry failed to parse, if one did. Bytes
/// that are not JSON (or nest too deep to read) stay a JSON error, naming the shape they are in.
fn read_error<T>(read: Result<T, serde_json::Error>, failed: &Cell<Option<String>>) -> Result<T, Error> {
    read.map_err(|e| match (failed.take(), e.classify()) {
        (Some(key), serde_json::error::Category::Data) => model_err(&key, e.to_string()),
        (Some(key), _) => Error::Json(format!("in shape `{key}`: {e}")),
        (None, _) => Error::Json(e.to_string()),
    })
}

fn convert_document(raw: RawModel) -> Result<Document, Error> {
    let version = match raw.smithy.as_deref() {
        None => return Err(Error::Version("the top-level `smithy` version is missing".into())),
        Some(v @ ("2.0" | "2" | "1.0" | "1")) => v.to_owned(),
        Some(other) => {
            return Err(Error::Version(format!("unsupported Smithy version `{other}` (expected 1.0 or 2.0)")))
        }
    };
    // Entries are converted one by one: in parallel over chunks, each with its own table of ids,
    // then gathered in model order (where a later entry of one id replaces an earlier one).
    let mut shapes: BTreeMap<ShapeId, Loaded> = BTreeMap::new();
    let mut applies: Vec<(String, Traits)> = Vec::new();
    for part in crate::parallel::chunks(raw.shapes.0, 512, convert_entries) {
        for entry in part? {
            match entry {
                Converted::Shape(id, loaded) => {
                    shapes.insert(id, loaded);
                }
                Converted::Apply(key, traits) => applies.push((key, traits)),
            }
        }
    }
    Ok(Document { version, shapes, applies })
}

/// A converted entry of `shapes`.
enum Converted {
    Shape(ShapeId, Loaded),
    /// An `apply` block, keyed by a shape id or a member id (`ns#Shape$member`).
    Apply(String, Traits),
}

/// Converts entries in order, stopping at the first that is not a valid shape.
fn convert_entries(entries: Vec<(String, RawEntry)>) -> Result<Vec<Converted>, Error> {
    let mut ids = Ids::default();
    let mut out = Vec::with_capacity(entries.len());
    for (key, entry) in entries {
        let raw = entry.into_shape().map_err(|e| model_err(&key, e))?;
        if let RawShape::Apply(traits) = raw {
            let traits = traits_of(|| key.clone(), traits)?;
            out.push(Converted::Apply(key, traits));
            continue;
        }
        let id = ids.parse(&key, &key)?;
        if id.is_prelude() {
            return Err(model_err(&key, "shapes may not be defined in the `smithy.api` prelude namespace"));
        }
        let loaded = convert(&mut ids, &key, id.clone(), raw)?;
        out.push(Converted::Shape(id, loaded));
    }
    Ok(out)
}

pub(super) fn parse_id(context: &str, text: &str) -> Result<ShapeId, Error> {
    ShapeId::parse(text).map_err(|e| model_err(context, e))
}

/// The shape ids a document has parsed, by their text: a model names the same targets many times,
/// and each is checked and allocated once.
#[derive(Default)]
struct Ids(HashMap<Box<str>, ShapeId, BuildHasherDefault<Fnv>>);

/// FNV-1a: the ids are short and not chosen to collide, and SipHash costs more than the check
/// the table saves.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Ids {
    /// The id `text`, or the error `ShapeId::parse` gives about it.
    fn get(&mut self, text: &str) -> Result<ShapeId, String> {
        if let Some(id) = self.0.get(text) {
            return Ok(id.clone());
        }
        let id = ShapeId::parse(text)?;
        self.0.insert(text.into(), id.clone());
        Ok(id)
    }

    fn parse(&mut self, context: &str, text: &str) -> Result<ShapeId, Error> {
        self.get(text).map_err(|e| model_err(context, e))
    }

    fn refs(&mut self, context: &str, raw: &[RawRef]) -> Result<Vec<ShapeId>, Error> {
        raw.iter().map(|r| self.parse(context, &r.target)).collect()
    }
}

/// The traits of the shape or member `context` names (built only for a message), with their
/// keys checked as absolute shape ids.
fn traits_of(context: impl Fn() -> String, raw: RawTraits) -> Result<Traits, Error> {
    if let Some(k) = raw.keys().find(|k| ShapeId::parse_position(k).is_err()) {
        return Err(model_err(&context(), format!("trait key `{k}` is not an absolute shape id")));
    }
    Ok(Traits(raw))
}

fn member_of(ids: &mut Ids, context: &str, name: impl Into<String>, raw: RawMember) -> Result<Member, Error> {
    let name = name.into();
    let at = || format!("{context}${name}");
    if !is_identifier(&name) {
        return Err(model_err(&at(), format!("member name `{name}` is not a Smithy identifier")));
    }
    let target = ids.get(&raw.target).map_err(|e| model_err(&at(), e))?;
    let traits = traits_of(at, raw.traits)?;
    Ok(Member { name, target, traits })
}

/// A converted shape's kind, raw traits and mixin references.
type Parts = (ShapeKind, RawTraits, Vec<RawRef>);

fn convert(ids: &mut Ids, key: &str, id: ShapeId, raw: RawShape) -> Result<Loaded, Error> {
    let is_set = matches!(raw, RawShape::Set(_));
    let simple = |s: Simple, r: RawSimple| -> Parts { (ShapeKind::Simple(s), r.traits, r.mixins) };
    let members = |ids: &mut Ids, r: Ordered<RawMember>| -> Result<Vec<Member>, Error> {
        r.into_iter().map(|(n, m)| member_of(ids, key, n, m)).collect()
    };
    let (kind, raw_traits, mixins) = match raw {
        RawShape::Blob(r) => simple(Simple::Blob, r),
        RawShape::Boolean(r) => simple(Simple::Boolean, r),
        RawShape::String(r) => simple(Simple::String, r),
        RawShape::Byte(r) => simple(Simple::Byte, r),
        RawShape::Short(r) => simple(Simple::Short, r),
        RawShape::Integer(r) => simple(Simple::Integer, r),
        RawShape::Long(r) => simple(Simple::Long, r),
        RawShape::Float(r) => simple(Simple::Float, r),
        RawShape::Double(r) => simple(Simple::Double, r),
        RawShape::BigInteger(r) => simple(Simple::BigInteger, r),
        RawShape::BigDecimal(r) => simple(Simple::BigDecimal, r),
        RawShape::Timestamp(r) => simple(Simple::Timestamp, r),
        RawShape::Document(r) => simple(Simple::Document, r),
        RawShape::Enum(r) => {
            let values = enum_values(ids, key, r.members, |name, value| match value {
                None => Ok(EnumLiteral::String(name.to_owned())),
                Some(Value::String(s)) => Ok(EnumLiteral::String(s.clone())),
                Some(other) => Err(format!("@enumValue of an enum must be a string, not {other}")),
            })?;
            (ShapeKind::Enum(values), r.traits, r.mixins)
        }
        RawShape::IntEnum(r) => {
            let values = enum_values(ids, key, r.members, |_, value| match value.and_then(Value::as_i64) {
                Some(i) if i32::try_from(i).is_ok() => Ok(EnumLiteral::Int(i)),
                _ => Err("an intEnum member needs an integer @enumValue that fits in 32 bits".to_owned()),
            })?;
            (ShapeKind::IntEnum(values), r.traits, r.mixins)
        }
        RawShape::List(r) | RawShape::Set(r) => {
            let member = r.member.ok_or_else(|| model_err(key, "a list needs a `member`"))?;
            (ShapeKind::List(member_of(ids, key, "member", member)?), r.traits, r.mixins)
        }
        RawShape::Map(r) => {
            let k = r.key.ok_or_else(|| model_err(key, "a map needs a `key`"))?;
            let v = r.value.ok_or_else(|| model_err(key, "a map needs a `value`"))?;
            (
                ShapeKind::Map { key: member_of(ids, key, "key", k)?, value: member_of(ids, key, "value", v)? },
                r.traits,
                r.mixins,
            )
        }
        RawShape::Structure(r) => (ShapeKind::Structure(members(ids, r.members)?), r.traits, r.mixins),
        RawShape::Union(r) => (ShapeKind::Union(members(ids, r.members)?), r.traits, r.mixins),
        RawShape::Operation(r) => {
            let unit = prelude::unit();
            let input = r.input.map(|x| ids.parse(key, &x.target)).transpose()?.unwrap_or_else(|| unit.clone());
            let output = r.output.map(|x| ids.parse(key, &x.target)).transpose()?.unwrap_or(unit);
            let errors = ids.refs(key, &r.errors)?;
            (ShapeKind::Operation(Operation { input, output, errors }), r.traits, r.mixins)
        }
        RawShape::Service(r) => {
            let mut rename = BTreeMap::new();
            for (k, v) in r.rename {
                if !is_identifier(&v) {
                    return Err(model_err(key, format!("renames `{k}` to `{v}`, which is not an identifier")));
                }
                rename.insert(ids.parse(key, &k)?, v);
            }
            let svc = Service {
                version: r.version,
                operations: ids.refs(key, &r.operations)?,
                resources: ids.refs(key, &r.resources)?,
                errors: ids.refs(key, &r.errors)?,
                rename,
            };
            (ShapeKind::Service(svc), r.traits, r.mixins)
        }
        RawShape::Apply(_) => return Err(model_err(key, "an `apply` block is not a shape")),
        RawShape::Resource(r) => {
            let mut ops = Vec::new();
            for o in [&r.create, &r.put, &r.read, &r.update, &r.delete, &r.list].into_iter().flatten() {
                ops.push(ids.parse(key, &o.target)?);
            }
            ops.extend(ids.refs(key, &r.operations)?);
            ops.extend(ids.refs(key, &r.collection_operations)?);
            let res = Resource { operations: ops, resources: ids.refs(key, &r.resources)? };
            (ShapeKind::Resource(res), r.traits, r.mixins)
        }
    };
    let (kind, traits) = normalize::smithy1_forms(key, is_set, kind, traits_of(|| key.to_owned(), raw_traits)?)?;
    Ok(Loaded { shape: Shape { id, kind, traits }, mixins: ids.refs(key, &mixins)? })
}

/// The members of an `enum` or `intEnum` as its values: `literal` reads each value from the
/// member's name and `@enumValue` (if any), which the value's traits then no longer carry.
fn enum_values(
    ids: &mut Ids,
    key: &str,
    members: Ordered<RawMember>,
    literal: impl Fn(&str, Option<&Value>) -> Result<EnumLiteral, String>,
) -> Result<Vec<EnumValue>, Error> {
    let mut values = Vec::new();
    for (name, m) in members {
        let mut m = member_of(ids, key, name, m)?;
        let value = literal(&m.name, m.traits.enum_value()).map_err(|e| model_err(&format!("{key}${}", m.name), e))?;
        m.traits.0.remove("smithy.api#enumValue");
        values.push(EnumValue { name: Some(m.name), value, traits: m.traits });
    }
    Ok(values)
}
