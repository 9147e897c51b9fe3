//! The checks loading ends with, on the normalised model: every reference resolves to a shape of
//! the right kind, and the traits the generator acts on are where the spec allows them, with
//! values of the right form. Later stages rely on them and look shapes up without handling
//! dangling ids. The further rules of the spec are in the `check_*` files this one calls.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;

use serde_json::Value;

use super::check_members::check_member_set;
use super::check_traits::{check_shape_placement, check_trait_values, STRUCTURE_MEMBER_ONLY};
use super::{a_or_an, model_err, EnumLiteral, Model, Shape, ShapeId, ShapeKind, Simple, Traits};
use crate::error::Error;

impl Model {
    /// Checks every reference and the traits the generator acts on; returns the warnings about
    /// what it accepts although the spec refuses it.
    pub(super) fn check(&self) -> Result<Vec<(ShapeId, String)>, Error> {
        // Shapes are checked one by one: in parallel over chunks, the first error and the
        // warnings in the order of one pass.
        let shapes: Vec<&Shape> = self.shapes.values().collect();
        let mut warnings = Vec::new();
        for part in crate::parallel::chunks(shapes, 512, |part| self.check_shapes(&part)) {
            warnings.extend(part?);
        }
        Ok(warnings)
    }

    fn check_shapes(&self, shapes: &[&Shape]) -> Result<Vec<(ShapeId, String)>, Error> {
        let mut warnings = Vec::new();
        // Each shape's and member's id, for messages, written into buffers used again.
        let (mut at, mut mat) = (String::new(), String::new());
        for shape in shapes.iter().copied() {
            at.clear();
            at.push_str(shape.id.as_str());
            let at = at.as_str();
            check_trait_values(at, &shape.traits)?;
            for m in shape.kind.members() {
                mat.clear();
                mat.extend([at, "$", &m.name]);
                let mat = mat.as_str();
                let target = self
                    .get(&m.target)
                    .ok_or_else(|| model_err(mat, format!("targets `{}`, which does not exist", m.target)))?;
                match target.kind {
                    ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => {
                        let kind = target.kind.type_name();
                        return Err(model_err(
                            mat,
                            format!("targets the {kind} `{}`; members must target data shapes", m.target),
                        ));
                    }
                    _ => {}
                }
                check_trait_values(mat, &m.traits)?;
                check_member_traits(mat, &m.traits, &target)?;
                self.check_member_placement(mat, shape, m, &target, &mut warnings)?;
                if matches!(shape.kind, ShapeKind::Structure(_)) {
                    self.check_member_default(mat, m, &target, &mut warnings)?;
                }
            }
            if let ShapeKind::Map { key, .. } = &shape.kind {
                let k = self.expect(&key.target)?;
                if !matches!(k.kind, ShapeKind::Simple(Simple::String) | ShapeKind::Enum(_)) {
                    let problem = format!("map keys must target a string or enum, not `{}`", key.target);
                    return Err(model_err(at, problem));
                }
            }
            check_shape_traits(at, &shape.traits, &shape.kind)?;
            check_shape_placement(at, &shape.traits, &shape.kind)?;
            self.check_shape_default(shape, &mut warnings)?;
            check_member_set(shape, &mut warnings)?;
            match &shape.kind {
                ShapeKind::Operation(op) => {
                    for (what, id) in [("input", &op.input), ("output", &op.output)] {
                        let s = self.referenced(at, what, id)?;
                        if !matches!(s.kind, ShapeKind::Structure(_)) {
                            let kind = a_or_an(s.kind.type_name());
                            return Err(model_err(at, format!("{what} `{id}` is {kind}, not a structure")));
                        }
                    }
                    for e in &op.errors {
                        self.check_error_ref(at, e)?;
                    }
                    if let Some((_, uri, _)) = shape.traits.http() {
                        self.check_http_uri(at, uri, op)?;
                    }
                }
                ShapeKind::Service(svc) => {
                    for o in &svc.operations {
                        self.check_kind(at, o, "operation")?;
                    }
                    for r in &svc.resources {
                        self.check_kind(at, r, "resource")?;
                    }
                    for e in &svc.errors {
                        self.check_error_ref(at, e)?;
                    }
                    for id in svc.rename.keys() {
                        self.expect(id).map_err(|_| model_err(at, format!("renames `{id}`, which does not exist")))?;
                    }
                }
                ShapeKind::Resource(res) => {
                    for o in &res.operations {
                        self.check_kind(at, o, "operation")?;
                    }
                    for r in &res.resources {
                        self.check_kind(at, r, "resource")?;
                    }
                }
                ShapeKind::Enum(values) | ShapeKind::IntEnum(values) => {
                    let mut seen = BTreeSet::new();
                    for v in values {
                        let name = match (&v.name, &v.value) {
                            (Some(n), _) => n.clone(),
                            (None, EnumLiteral::String(s)) => s.clone(),
                            (None, EnumLiteral::Int(i)) => i.to_string(),
                        };
                        check_trait_values(&format!("{at}${name}"), &v.traits)?;
                        let key = match &v.value {
                            EnumLiteral::String(s) => s.clone(),
                            EnumLiteral::Int(i) => i.to_string(),
                        };
                        if matches!(v.value, EnumLiteral::String(ref s) if s.is_empty()) {
                            return Err(model_err(at, "an enum value is the empty string"));
                        }
                        if !seen.insert(key.clone()) {
                            return Err(model_err(at, format!("enum value `{key}` appears more than once")));
                        }
                    }
                    if values.is_empty() {
                        return Err(model_err(at, "an enum must have at least one value"));
                    }
                }
                _ => {}
            }
        }
        Ok(warnings)
    }

    /// The shape `at` names as its `what` (its input, an error, …), which must exist.
    fn referenced(&self, at: &str, what: &str, id: &ShapeId) -> Result<Cow<'_, Shape>, Error> {
        self.get(id).ok_or_else(|| model_err(at, format!("{what} `{id}` does not exist")))
    }

    fn check_kind(&self, at: &str, id: &ShapeId, kind: &str) -> Result<(), Error> {
        let s = self.get(id).ok_or_else(|| model_err(at, format!("binds {kind} `{id}`, which does not exist")))?;
        if s.kind.type_name() != kind {
            let (expected, actual) = (a_or_an(kind), a_or_an(s.kind.type_name()));
            return Err(model_err(at, format!("binds `{id}` as {expected}, but it is {actual}")));
        }
        Ok(())
    }

    fn check_error_ref(&self, at: &str, id: &ShapeId) -> Result<(), Error> {
        let s = self.referenced(at, "error", id)?;
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
    let a_kind = || a_or_an(kind.type_name());
    // What only a member may have: the structure-member traits (but `@default`, which simple
    // shapes, lists and maps take too), and `@jsonName` (of structure and union members).
    let member_only = STRUCTURE_MEMBER_ONLY.iter().copied().filter(|t| *t != "default").chain(["jsonName"]);
    for t in member_only {
        if traits.api(t).is_some() {
            return Err(model_err(at, format!("@{t} can only be applied to structure members, not to {}", a_kind())));
        }
    }
    if traits.api("http").is_some() && !matches!(kind, ShapeKind::Operation(_)) {
        return Err(model_err(at, format!("@http can only be applied to operations, not to {}", a_kind())));
    }
    if let Some(e) = traits.error() {
        if !matches!(kind, ShapeKind::Structure(_)) {
            return Err(model_err(at, format!("@error can only be applied to structures, not to {}", a_kind())));
        }
        if e != "client" && e != "server" {
            return Err(model_err(at, format!("@error must be \"client\" or \"server\", not \"{e}\"")));
        }
    }
    Ok(())
}

/// `@length`, `@range` and `@pattern` on a shape or a member, against the type they constrain.
fn check_constraint_traits(at: &str, traits: &Traits, kind: &ShapeKind) -> Result<(), Error> {
    let misplaced = |t: &str| model_err(at, format!("@{t} cannot be applied to {}", a_or_an(kind.type_name())));
    if traits.api("length").is_some() {
        let ok = matches!(
            kind,
            ShapeKind::Simple(Simple::String | Simple::Blob)
                | ShapeKind::Enum(_)
                | ShapeKind::List(_)
                | ShapeKind::Map { .. }
        );
        if !ok {
            return Err(misplaced("length"));
        }
        check_bounds(at, traits, "length", "a non-negative integer", Value::as_u64)?;
    }
    if traits.api("range").is_some() {
        let ok = matches!(kind, ShapeKind::Simple(s) if s.is_number()) || matches!(kind, ShapeKind::IntEnum(_));
        if !ok {
            return Err(misplaced("range"));
        }
        check_bounds(at, traits, "range", "a number", Value::as_f64)?;
    }
    if traits.api("pattern").is_some() {
        // An enum is a specialization of string, so it takes the string constraints too: its
        // values are fixed by the model, and membership is what validation checks.
        if !matches!(kind, ShapeKind::Simple(Simple::String) | ShapeKind::Enum(_)) {
            return Err(misplaced("pattern"));
        }
        if traits.pattern().is_none() {
            return Err(model_err(at, "@pattern must be a string"));
        }
    }
    Ok(())
}

/// The `min` and `max` of `@length` or `@range` (the trait `name`): each, when present, must be
/// readable by `read` (`expected` says as what), and `min` must not be greater than `max`.
fn check_bounds<T: PartialOrd + fmt::Display>(
    at: &str,
    traits: &Traits,
    name: &str,
    expected: &str,
    read: fn(&Value) -> Option<T>,
) -> Result<(), Error> {
    let bound = |k: &str| traits.api(name).and_then(|v| v.get(k));
    for k in ["min", "max"] {
        if let Some(v) = bound(k) {
            if read(v).is_none() {
                return Err(model_err(at, format!("@{name} {k} must be {expected}, not {v}")));
            }
        }
    }
    if let (Some(min), Some(max)) = (bound("min").and_then(read), bound("max").and_then(read)) {
        if min > max {
            return Err(model_err(at, format!("@{name} min ({min}) is greater than max ({max})")));
        }
    }
    Ok(())
}
