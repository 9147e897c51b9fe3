//! The front-end: the Smithy JSON AST as serde types (`Raw*`), and their conversion to
//! [`Shape`]s. Every id is parsed and every member name checked here; the Smithy 1.0 shape
//! forms are rewritten as each shape is converted ([`normalize::smithy1_forms`]), and mixins and
//! `apply` blocks are handed on to [`normalize`] unresolved.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

use super::{
    is_identifier, model_err, normalize, prelude, EnumLiteral, EnumValue, Member, Operation, Resource, Service, Shape,
    ShapeId, ShapeKind, Simple, Traits,
};
use crate::error::Error;

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

/// Parses a JSON AST document and converts each shape.
pub(super) fn parse_value(doc: Value) -> Result<Document, Error> {
    let raw: RawModel = RawModel::deserialize(doc).map_err(|e| Error::Json(e.to_string()))?;
    let version = match raw.smithy.as_deref() {
        None => return Err(Error::Version("the top-level `smithy` version is missing".into())),
        Some(v @ ("2.0" | "2" | "1.0" | "1")) => v.to_owned(),
        Some(other) => {
            return Err(Error::Version(format!("unsupported Smithy version `{other}` (expected 1.0 or 2.0)")))
        }
    };
    let mut shapes: BTreeMap<ShapeId, Loaded> = BTreeMap::new();
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
        shapes.insert(id, l);
    }
    Ok(Document { version, shapes, applies })
}

pub(super) fn parse_id(context: &str, text: &str) -> Result<ShapeId, Error> {
    ShapeId::parse(text).map_err(|e| model_err(context, e))
}

fn traits_of(context: &str, raw: IndexMap<String, Value>) -> Result<Traits, Error> {
    let mut out = BTreeMap::new();
    for (k, v) in raw {
        // Trait ids are absolute shape ids.
        parse_id(context, &k)
            .map_err(|_| model_err(context, format!("trait key `{k}` is not an absolute shape id")))?;
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

/// A converted shape's kind, raw traits and mixin references.
type Parts = (ShapeKind, IndexMap<String, Value>, Vec<RawRef>);

fn convert(key: &str, id: ShapeId, raw: RawShape) -> Result<Loaded, Error> {
    let is_set = matches!(raw, RawShape::Set(_));
    let simple = |s: Simple, r: RawSimple| -> Parts { (ShapeKind::Simple(s), r.traits, r.mixins) };
    let members = |r: IndexMap<String, RawMember>| -> Result<Vec<Member>, Error> {
        r.into_iter().map(|(n, m)| member_of(key, &n, m)).collect()
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
            let values = enum_values(key, r.members, |name, value| match value {
                None => Ok(EnumLiteral::String(name.to_owned())),
                Some(Value::String(s)) => Ok(EnumLiteral::String(s.clone())),
                Some(other) => Err(format!("@enumValue of an enum must be a string, not {other}")),
            })?;
            (ShapeKind::Enum(values), r.traits, r.mixins)
        }
        RawShape::IntEnum(r) => {
            let values = enum_values(key, r.members, |_, value| match value.and_then(Value::as_i64) {
                Some(i) if i32::try_from(i).is_ok() => Ok(EnumLiteral::Int(i)),
                _ => Err("an intEnum member needs an integer @enumValue that fits in 32 bits".to_owned()),
            })?;
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
            let unit = prelude::unit();
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
    let (kind, traits) = normalize::smithy1_forms(key, is_set, kind, traits_of(key, raw_traits)?)?;
    Ok(Loaded { shape: Shape { id, kind, traits }, mixins: refs(key, &mixins)? })
}

/// The members of an `enum` or `intEnum` as its values: `literal` reads each value from the
/// member's name and `@enumValue` (if any), which the value's traits then no longer carry.
fn enum_values(
    key: &str,
    members: IndexMap<String, RawMember>,
    literal: impl Fn(&str, Option<&Value>) -> Result<EnumLiteral, String>,
) -> Result<Vec<EnumValue>, Error> {
    let mut values = Vec::new();
    for (name, m) in members {
        let mut m = member_of(key, &name, m)?;
        let value = literal(&name, m.traits.enum_value()).map_err(|e| model_err(&format!("{key}${name}"), e))?;
        m.traits.0.remove("smithy.api#enumValue");
        values.push(EnumValue { name: Some(name), value, traits: m.traits });
    }
    Ok(values)
}
