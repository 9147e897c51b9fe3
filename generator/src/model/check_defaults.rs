//! `@default` values, as the spec's "default value constraints" state: a default is only on a
//! simple type, list or map, or on a structure member that targets one; its value is of the
//! target's type (a base64 string for a blob, a value of the enum for an enum, a number that
//! fits for an integer type, an empty array for a list, an empty object for a map, …) and meets
//! the `@range` and `@length` that apply; a shape's own default is never `null`; and a member
//! that targets a shape with a default repeats that default (or sets `null` to cancel it).

use serde_json::Value;

use super::check_traits::shown;
use super::{
    a_or_an, accept, model_err, Bounds, EnumLiteral, Member, Model, Shape, ShapeId, ShapeKind, Simple, Traits,
};
use crate::error::Error;

impl Model {
    /// The `@default` of the shape `shape` itself.
    pub(super) fn check_shape_default(
        &self,
        shape: &Shape,
        warnings: &mut Vec<(ShapeId, String)>,
    ) -> Result<(), Error> {
        let Some(value) = shape.traits.default_value() else { return Ok(()) };
        let at = shape.id.to_string();
        if !defaultable(&shape.kind) {
            let kind = a_or_an(shape.kind.type_name());
            return Err(model_err(
                &at,
                format!(
                    "@default can only be applied to simple types, lists, maps and structure members, not to {kind}"
                ),
            ));
        }
        if value.is_null() {
            return Err(model_err(&at, "the @default of a shape cannot be null (only a member's can)"));
        }
        check_value(&at, value, shape, &shape.traits, warnings)
    }

    /// The `@default` of the structure member `m` (`at`), which targets `target`.
    pub(super) fn check_member_default(
        &self,
        at: &str,
        m: &Member,
        target: &Shape,
        warnings: &mut Vec<(ShapeId, String)>,
    ) -> Result<(), Error> {
        let own = m.traits.default_value();
        // A target's own default is checked with the target (and only counts where it can be).
        let inherited = target.traits.default_value().filter(|v| !v.is_null() && defaultable(&target.kind));
        if let Some(value) = own {
            if !defaultable(&target.kind) {
                let kind = a_or_an(target.kind.type_name());
                return Err(model_err(
                    at,
                    format!("@default cannot be applied to a member that targets {kind} (`{}`)", m.target),
                ));
            }
            if !value.is_null() {
                // The member's constraint traits supersede the target's.
                let mut traits = target.traits.clone();
                for k in ["smithy.api#range", "smithy.api#length"] {
                    if let Some(v) = m.traits.get(k) {
                        traits.0.insert(k.to_owned(), v.clone());
                    }
                }
                check_value(at, value, target, &traits, warnings)?;
            }
        }
        // Smithy 1.0 members have no `@default` of their own when boxed: their target's does
        // not apply to them.
        let v1 = self.version.starts_with('1');
        match (own, inherited) {
            (None, Some(d)) if !v1 => Err(model_err(
                at,
                format!(
                    "targets `{}`, which has the @default {}, so the member must have the same @default \
                     (or @default(null))",
                    m.target,
                    shown(d)
                ),
            )),
            (Some(mine), Some(d)) if !mine.is_null() && !same_value(mine, d) => Err(model_err(
                at,
                format!(
                    "its @default {} differs from the @default {} of its target `{}` (a member repeats its \
                     target's default, or sets it to null)",
                    shown(mine),
                    shown(d),
                    m.target
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// The shapes that can have a default value: simple types (enums included), lists and maps.
fn defaultable(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Simple(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::List(_) | ShapeKind::Map { .. }
    )
}

/// Whether two defaults are the same value (numbers compare by value: `1` and `1.0` are one).
fn same_value(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// `value` as a default of the shape `shape`, whose applicable constraint traits are `traits`.
/// A default outside the `@range` or `@length` is accepted with a warning: AWS models give
/// `@range(min: 1)` page sizes a `@default(0)`.
fn check_value(
    at: &str,
    value: &Value,
    shape: &Shape,
    traits: &Traits,
    warnings: &mut Vec<(ShapeId, String)>,
) -> Result<(), Error> {
    let kind = a_or_an(shape.kind.type_name());
    let wrong = |expected: &str| {
        model_err(
            at,
            format!(
                "@default {} is not a valid default for {kind} (`{}`): expected {expected}",
                shown(value),
                shape.id
            ),
        )
    };
    // The length the `@length` of the target measures, where it applies.
    let mut length = None;
    match &shape.kind {
        ShapeKind::Simple(Simple::Blob) => {
            let decoded = value.as_str().and_then(base64_len).ok_or_else(|| wrong("a base64-encoded string"))?;
            length = Some(decoded as u64);
        }
        ShapeKind::Simple(Simple::Boolean) => {
            if !value.is_boolean() {
                return Err(wrong("true or false"));
            }
        }
        ShapeKind::Simple(Simple::String) => {
            let s = value.as_str().ok_or_else(|| wrong("a string"))?;
            length = Some(s.chars().count() as u64);
        }
        ShapeKind::Simple(s @ (Simple::Byte | Simple::Short | Simple::Integer | Simple::Long)) => {
            let (min, max) = match s {
                Simple::Byte => (i8::MIN as i64, i8::MAX as i64),
                Simple::Short => (i16::MIN as i64, i16::MAX as i64),
                Simple::Integer => (i32::MIN as i64, i32::MAX as i64),
                _ => (i64::MIN, i64::MAX),
            };
            let fits = value.as_i64().is_some_and(|i| (min..=max).contains(&i));
            if !fits {
                return Err(wrong(&format!("an integer from {min} to {max}")));
            }
        }
        ShapeKind::Simple(Simple::Float | Simple::Double) => {
            let special = matches!(value.as_str(), Some("NaN" | "Infinity" | "-Infinity"));
            if !value.is_number() && !special {
                return Err(wrong("a number, or \"NaN\", \"Infinity\" or \"-Infinity\""));
            }
        }
        ShapeKind::Simple(Simple::BigInteger | Simple::BigDecimal) => {
            if !value.is_number() && !value.is_string() {
                return Err(wrong("a number (or its decimal text)"));
            }
        }
        ShapeKind::Simple(Simple::Timestamp) => {
            let ok = value.is_number() || value.as_str().is_some_and(is_rfc3339_utc);
            if !ok {
                return Err(wrong("epoch seconds or an RFC 3339 date-time in UTC (`1985-04-12T23:20:50.52Z`)"));
            }
        }
        ShapeKind::Simple(Simple::Document) => {
            let ok = match value {
                Value::Array(a) => a.is_empty(),
                Value::Object(o) => o.is_empty(),
                _ => true,
            };
            if !ok {
                return Err(wrong("null, a boolean, a string, a number, an empty list or an empty map"));
            }
        }
        ShapeKind::Enum(values) | ShapeKind::IntEnum(values) => {
            let found = values.iter().any(|v| match &v.value {
                EnumLiteral::String(s) => value.as_str() == Some(s.as_str()),
                EnumLiteral::Int(i) => value.as_i64() == Some(*i),
            });
            if !found {
                let listed: Vec<String> = values
                    .iter()
                    .map(|v| match &v.value {
                        EnumLiteral::String(s) => format!("\"{s}\""),
                        EnumLiteral::Int(i) => i.to_string(),
                    })
                    .collect();
                return Err(wrong(&format!("one of the enum's values ({})", listed.join(", "))));
            }
        }
        ShapeKind::List(_) => {
            if !value.as_array().is_some_and(Vec::is_empty) {
                return Err(wrong("an empty list, `[]`"));
            }
            length = Some(0);
        }
        ShapeKind::Map { .. } => {
            if !value.as_object().is_some_and(|o| o.is_empty()) {
                return Err(wrong("an empty map, `{}`"));
            }
            length = Some(0);
        }
        _ => return Err(wrong("no default (this type has none)")),
    }
    if let (Some(n), Some(Bounds { min, max })) = (length, traits.length()) {
        if min.is_some_and(|min| n < min) || max.is_some_and(|max| n > max) {
            accept(warnings, at, format!("@default {} does not meet the @length of `{}`", shown(value), shape.id));
        }
    }
    if let (Some(n), Some(range)) = (value.as_f64(), traits.range()) {
        let bound = |b: &Option<String>| b.as_deref().and_then(|t| t.parse::<f64>().ok());
        if bound(&range.min).is_some_and(|min| n < min) || bound(&range.max).is_some_and(|max| n > max) {
            accept(warnings, at, format!("@default {} does not meet the @range of `{}`", shown(value), shape.id));
        }
    }
    Ok(())
}

/// The decoded length of a base64 string (standard alphabet, padded), if it is one.
fn base64_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let pad = bytes.iter().rev().take_while(|b| **b == b'=').count();
    if pad > 2 {
        return None;
    }
    let body = &bytes[..bytes.len() - pad];
    if !body.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/') {
        return None;
    }
    Some(bytes.len() / 4 * 3 - pad)
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`: an RFC 3339 date-time with no UTC offset.
fn is_rfc3339_utc(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let head = digits(0..4)
        && at(4, b'-')
        && digits(5..7)
        && at(7, b'-')
        && digits(8..10)
        && (at(10, b'T') || at(10, b't'))
        && digits(11..13)
        && at(13, b':')
        && digits(14..16)
        && at(16, b':')
        && digits(17..19);
    if !head {
        return false;
    }
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    rest == b"Z" || rest == b"z"
}
