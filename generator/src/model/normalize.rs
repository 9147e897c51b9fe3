//! Normalisation: every model becomes one Smithy 2.0 shape graph. The Smithy 1.0 forms are
//! rewritten (`set` to a list of unique items, `@enum` on a string to an enum shape, unboxed
//! numbers and booleans to members with a zero default), mixins are flattened into the shapes
//! that use them, and `apply` blocks are merged into their targets (a trait applied again must
//! have the same value, unless it is a list, whose values are concatenated).

use std::collections::BTreeMap;

use serde_json::Value;

use super::json::{parse_id, Loaded};
use super::{a_or_an, is_identifier, model_err, prelude, EnumLiteral, EnumValue, Member, Shape, ShapeId, ShapeKind};
use super::{Simple, Traits, PRELUDE_NAMESPACE};
use crate::error::Error;

/// Flattens mixins, then merges the `apply` blocks (in model order) and, for a Smithy 1.0 model,
/// gives unboxed members their zero default.
pub(super) fn normalize(
    loaded: BTreeMap<ShapeId, Loaded>,
    applies: Vec<(String, Traits)>,
    v1: bool,
) -> Result<BTreeMap<ShapeId, Shape>, Error> {
    let mut shapes = flatten_mixins(loaded)?;
    for (target, traits) in applies {
        apply_traits(&mut shapes, &target, traits)?;
    }
    if v1 {
        upgrade_v1_boxing(&mut shapes);
    }
    Ok(shapes)
}

/// Smithy 1.0 forms of one shape, as it is converted: `set` is a list of unique items; `@enum` on
/// a string is an enum shape.
pub(super) fn smithy1_forms(
    key: &str,
    is_set: bool,
    kind: ShapeKind,
    mut traits: Traits,
) -> Result<(ShapeKind, Traits), Error> {
    if is_set && !traits.unique_items() {
        traits.0.insert("smithy.api#uniqueItems".to_owned(), Value::Object(Default::default()));
    }
    if let ShapeKind::Simple(Simple::String) = kind {
        if let Some(entries) = traits.0.remove("smithy.api#enum") {
            return Ok((ShapeKind::Enum(enum_trait_values(key, &entries)?), traits));
        }
    }
    Ok((kind, traits))
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

/// Smithy 1.0: numbers and booleans are non-nullable with a zero default unless boxed.
fn upgrade_v1_boxing(shapes: &mut BTreeMap<ShapeId, Shape>) {
    let mut targets_default: BTreeMap<ShapeId, Value> = BTreeMap::new();
    for s in shapes.values() {
        if let ShapeKind::Simple(simple) = s.kind {
            if !s.traits.has_box() {
                if let Some(d) = prelude::primitive_default(simple) {
                    targets_default.insert(s.id.clone(), d);
                }
            }
        }
    }
    for s in shapes.values_mut() {
        if let ShapeKind::Structure(members) = &mut s.kind {
            for m in members {
                if m.traits.has_box() || m.traits.default_value().is_some() {
                    continue;
                }
                // Prelude primitives are unboxed; the plain prelude types are boxed.
                let default = targets_default
                    .get(&m.target)
                    .cloned()
                    .or_else(|| prelude(&m.target).and_then(|p| p.traits.default_value().cloned()));
                if let Some(d) = default {
                    m.traits.0.insert(format!("{PRELUDE_NAMESPACE}#default"), d);
                }
            }
        }
    }
}

/// Flattens mixins: a shape gets its mixins' members first (in mixin order) and their traits,
/// except `@mixin` itself; its own members and traits win.
fn flatten_mixins(mut loaded: BTreeMap<ShapeId, Loaded>) -> Result<BTreeMap<ShapeId, Shape>, Error> {
    if loaded.values().all(|l| l.mixins.is_empty()) {
        return Ok(loaded.into_iter().map(|(id, l)| (id, l.shape)).collect());
    }
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
    // Callers check `path` first, so a cycle is reported where it closes, naming its shapes.
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
                let (theirs, ours) = (a_or_an(mixin.kind.type_name()), a_or_an(shape.kind.type_name()));
                return Err(model_err(&id.to_string(), format!("mixin `{m}` is {theirs}, not {ours}")));
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
    // Which of the applied traits are lists, read before the target is borrowed to change it.
    let lists: Vec<bool> = traits.0.iter().map(|(k, v)| is_list_trait(shapes, k, v)).collect();
    let shape = shapes.get_mut(&id).ok_or_else(|| model_err(target, "apply targets a shape that does not exist"))?;
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
    for ((k, v), list) in traits.0.into_iter().zip(lists) {
        merge_trait(target, dest, k, v, list)?;
    }
    Ok(())
}

/// Adds the applied trait `key` (= `value`) to `dest`, as the spec's trait conflict resolution
/// says: a trait not yet present is added; one present with an equal value is left as it is;
/// the values of a list trait (`@tags`) are concatenated; any other second value is a conflict.
fn merge_trait(at: &str, dest: &mut Traits, key: String, value: Value, list: bool) -> Result<(), Error> {
    let Some(existing) = dest.0.get_mut(&key) else {
        dest.0.insert(key, value);
        return Ok(());
    };
    if *existing == value {
        return Ok(());
    }
    match (existing, value) {
        (Value::Array(have), Value::Array(more)) if list => {
            have.extend(more);
            Ok(())
        }
        _ => {
            let name = key.strip_prefix(&format!("{PRELUDE_NAMESPACE}#")).unwrap_or(&key);
            Err(model_err(
                at,
                format!(
                    "apply conflicts with the @{name} already applied: a trait applied again must have the same \
                     value (only list traits, such as @tags, are concatenated)"
                ),
            ))
        }
    }
}

/// The prelude traits whose shape is a list (or set).
const PRELUDE_LIST_TRAITS: &[&str] = &["tags", "auth", "examples", "enum", "suppress", "references"];

/// Whether the trait `key` is a list shape: a prelude list trait, a trait the model defines as
/// a list, or (a trait the model does not define) one whose applied value is an array.
fn is_list_trait(shapes: &BTreeMap<ShapeId, Shape>, key: &str, value: &Value) -> bool {
    let Ok(id) = ShapeId::parse(key) else { return false };
    if id.is_prelude() {
        return PRELUDE_LIST_TRAITS.contains(&id.name());
    }
    match shapes.get(&id) {
        Some(definition) => matches!(definition.kind, ShapeKind::List(_)),
        None => value.is_array(),
    }
}
