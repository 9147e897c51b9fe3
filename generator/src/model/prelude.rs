//! The prelude: the shapes of `smithy.api` every model may target without defining them
//! (`smithy.api#String`, `smithy.api#PrimitiveInteger`, `smithy.api#Unit`, …). They are not in a
//! model's `shapes` map; [`Model::get`](super::Model::get) resolves them here.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Shape, ShapeId, ShapeKind, Simple, Traits};

pub const PRELUDE_NAMESPACE: &str = "smithy.api";

/// The prelude shapes of `smithy.api`.
pub fn prelude(id: &ShapeId) -> Option<Shape> {
    if !id.is_prelude() {
        return None;
    }
    let mut traits = BTreeMap::new();
    let kind = match id.name() {
        "Unit" => {
            traits.insert("smithy.api#unitType".to_owned(), Value::Object(Default::default()));
            ShapeKind::Structure(Vec::new())
        }
        name => match name.strip_prefix("Primitive") {
            // `PrimitiveInteger` and friends: unboxed, with a zero default.
            Some(base) => {
                let simple = simple_named(base)?;
                traits.insert("smithy.api#default".to_owned(), primitive_default(simple)?);
                ShapeKind::Simple(simple)
            }
            None => ShapeKind::Simple(simple_named(name)?),
        },
    };
    Some(Shape { id: id.clone(), kind, traits: Traits(traits) })
}

/// Every prelude shape, built once: [`super::Model::get`] lends them out.
pub(super) fn prelude_ref(id: &ShapeId) -> Option<&'static Shape> {
    static SHAPES: std::sync::OnceLock<Vec<Shape>> = std::sync::OnceLock::new();
    if !id.is_prelude() {
        return None;
    }
    let shapes = SHAPES.get_or_init(|| {
        // `Unit`, each simple shape, and each one's unboxed `Primitive…` form where it has one.
        let simple = SIMPLE.iter().flat_map(|(name, _)| [name.to_string(), format!("Primitive{name}")]);
        std::iter::once("Unit".to_owned()).chain(simple).filter_map(|name| prelude(&ShapeId::prelude(&name))).collect()
    });
    shapes.iter().find(|s| s.id == *id)
}

pub fn is_unit(id: &ShapeId) -> bool {
    id.is_prelude() && id.name() == "Unit"
}

/// `smithy.api#Unit`: an operation's input or output when the model names none.
pub(super) fn unit() -> ShapeId {
    ShapeId::prelude("Unit")
}

/// The zero default of an unboxed ("primitive") simple type: booleans and the fixed-size
/// numbers have one; every other type is nullable.
pub(super) fn primitive_default(simple: Simple) -> Option<Value> {
    match simple {
        Simple::Boolean => Some(Value::Bool(false)),
        Simple::Byte | Simple::Short | Simple::Integer | Simple::Long | Simple::Float | Simple::Double => {
            Some(Value::from(0))
        }
        _ => None,
    }
}

/// The prelude's simple shapes, by name.
const SIMPLE: &[(&str, Simple)] = &[
    ("Blob", Simple::Blob),
    ("Boolean", Simple::Boolean),
    ("String", Simple::String),
    ("Byte", Simple::Byte),
    ("Short", Simple::Short),
    ("Integer", Simple::Integer),
    ("Long", Simple::Long),
    ("Float", Simple::Float),
    ("Double", Simple::Double),
    ("BigInteger", Simple::BigInteger),
    ("BigDecimal", Simple::BigDecimal),
    ("Timestamp", Simple::Timestamp),
    ("Document", Simple::Document),
];

/// The prelude's simple shape named `name` (`String`, `BigInteger`, …).
fn simple_named(name: &str) -> Option<Simple> {
    SIMPLE.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}
