//! Rules on the members of one structure or union taken together: the HTTP binding traits
//! conflict with one another on a member; the structurally exclusive traits (`@httpPayload`,
//! `@httpQueryParams`, `@httpPrefixHeaders`, `@httpResponseCode`, `@idempotencyToken`) are on
//! at most one member; query parameter names are unique, header names unique ignoring case and
//! none starts with the `@httpPrefixHeaders` prefix; and no two members share a JSON property
//! name (`@jsonName`, or the member name). Two members of one JSON name of which one is bound
//! outside the body never meet in a JSON document: that is accepted with a warning, as the
//! botocore description of API Gateway has it (`PutIntegrationRequest`).

use std::collections::BTreeMap;

use super::{accept, model_err, Member, Shape, ShapeId, ShapeKind};
use crate::error::Error;

/// The HTTP binding traits: each conflicts with every other on one member.
const BINDINGS: &[&str] = &[
    "httpLabel",
    "httpQuery",
    "httpQueryParams",
    "httpHeader",
    "httpPrefixHeaders",
    "httpPayload",
    "httpResponseCode",
];

/// The traits only one member of a structure may have.
const EXCLUSIVE: &[&str] =
    &["httpPayload", "httpQueryParams", "httpPrefixHeaders", "httpResponseCode", "idempotencyToken"];

/// Checks the members of `shape` together.
pub(super) fn check_member_set(shape: &Shape, warnings: &mut Vec<(ShapeId, String)>) -> Result<(), Error> {
    let at = shape.id.to_string();
    let members = match &shape.kind {
        ShapeKind::Structure(ms) => ms,
        ShapeKind::Union(ms) => return check_json_names(&at, ms, warnings),
        _ => return Ok(()),
    };
    // Every rule but the JSON names' is about HTTP bindings and @idempotencyToken.
    let bound =
        |m: &Member| m.traits.0.keys().any(|k| k.starts_with("smithy.api#http") || k == "smithy.api#idempotencyToken");
    if !members.iter().any(bound) {
        return check_json_names(&at, members, warnings);
    }
    for m in members {
        let on: Vec<&str> = BINDINGS.iter().copied().filter(|t| m.traits.api(t).is_some()).collect();
        if let [first, second, ..] = on[..] {
            return Err(model_err(
                &format!("{at}${}", m.name),
                format!("@{first} conflicts with @{second}: a member is bound to one place in an HTTP message"),
            ));
        }
    }
    for t in EXCLUSIVE {
        let having: Vec<&str> = members.iter().filter(|m| m.traits.api(t).is_some()).map(|m| m.name.as_str()).collect();
        if let [first, second, ..] = having[..] {
            return Err(model_err(
                &at,
                format!("more than one member has @{t} (`{first}` and `{second}`): only one member of a structure may"),
            ));
        }
    }
    let mut queries: BTreeMap<&str, &str> = BTreeMap::new();
    let mut headers: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    for m in members {
        if let Some(q) = m.traits.http_query() {
            if let Some(other) = queries.insert(q, &m.name) {
                return Err(model_err(
                    &at,
                    format!("`{other}` and `{}` are bound to the same @httpQuery parameter `{q}`", m.name),
                ));
            }
        }
        if let Some(h) = m.traits.http_header() {
            if let Some((other, name)) = headers.insert(h.to_ascii_lowercase(), (&m.name, h)) {
                return Err(model_err(
                    &at,
                    format!(
                        "`{other}` and `{}` are bound to the same @httpHeader `{h}` (as `{name}`: header names \
                         are compared ignoring case)",
                        m.name
                    ),
                ));
            }
        }
    }
    if let Some((prefixed, prefix)) = members.iter().find_map(|m| Some((m, m.traits.http_prefix_headers()?))) {
        let lower = prefix.to_ascii_lowercase();
        if let Some((_, (member, name))) = headers.iter().find(|(h, _)| h.starts_with(&lower)) {
            let problem = if prefix.is_empty() {
                format!(
                    "`{}` is bound to every header (@httpPrefixHeaders with an empty prefix), so `{member}` cannot \
                     be bound to the @httpHeader `{name}`",
                    prefixed.name
                )
            } else {
                format!(
                    "the @httpHeader `{name}` of `{member}` starts with the @httpPrefixHeaders prefix `{prefix}` of \
                     `{}`",
                    prefixed.name
                )
            };
            return Err(model_err(&at, problem));
        }
    }
    check_json_names(&at, members, warnings)
}

/// No two members of `at` share a JSON property name: their `@jsonName`, or else their name.
fn check_json_names(at: &str, members: &[Member], warnings: &mut Vec<(ShapeId, String)>) -> Result<(), Error> {
    let mut names: BTreeMap<&str, &Member> = BTreeMap::new();
    for m in members {
        let json = m.traits.json_name().unwrap_or(&m.name);
        if let Some(other) = names.insert(json, m) {
            let how = |x: &Member| match x.traits.json_name() {
                Some(_) => format!("`{}` (by @jsonName)", x.name),
                None => format!("`{}` (by its name)", x.name),
            };
            let problem =
                format!("{} and {} have the same JSON property name `{json}` (@jsonName)", how(other), how(m));
            let bound = |x: &Member| BINDINGS.iter().any(|t| x.traits.api(t).is_some());
            if bound(other) || bound(m) {
                accept(warnings, at, problem);
                continue;
            }
            return Err(model_err(at, problem));
        }
    }
    Ok(())
}
