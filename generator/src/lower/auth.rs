//! Each operation's auth schemes, resolved as the Smithy specification says (`@auth`):
//! - the service's schemes are the auth-definition traits applied to it (`aws.auth#sigv4`,
//!   `@httpBearerAuth`, … and any trait whose shape is marked `@authDefinition`);
//! - their order of preference is the service's `@auth` list, else the schemes ordered by
//!   shape id;
//! - an operation's own `@auth` list replaces it (`@auth([])`: no auth), and may only name
//!   schemes the service has;
//! - `@optionalAuth`, or an empty result, adds "no auth" last.
//!
//! Schemes the runtime cannot speak are left out with a warning naming the operation, so the
//! client never sends a wrong signature; an operation left with none fails each call with a
//! clear error.

use serde_json::Value;

use super::Lower;
use crate::error::Error;
use crate::ir::AuthDef;
use crate::model::{ShapeId, Traits};

/// The auth-definition traits of the prelude and of AWS.
const KNOWN: &[&str] = &[
    "aws.auth#sigv4",
    "aws.auth#sigv4a",
    "smithy.api#httpApiKeyAuth",
    "smithy.api#httpBasicAuth",
    "smithy.api#httpBearerAuth",
    "smithy.api#httpDigestAuth",
];

impl Lower<'_> {
    /// The auth schemes of `op_id` (with `op_traits`), in order of preference.
    pub(super) fn auth(
        &mut self,
        op_id: &ShapeId,
        op_traits: &Traits,
        signing_name: &str,
    ) -> Result<Vec<AuthDef>, Error> {
        let service = self.model.expect(&self.closure.service)?;
        let is_auth = |id: &str| {
            KNOWN.contains(&id)
                || ShapeId::parse(id)
                    .ok()
                    .and_then(|sid| self.model.get(&sid).map(|s| s.traits.has("smithy.api#authDefinition")))
                    .unwrap_or(false)
        };
        // A BTreeMap: ordered by shape id.
        let bound: Vec<&String> = service.traits.0.keys().filter(|id| is_auth(id)).collect();
        let list = |at: &str, v: &Value| -> Result<Vec<String>, Error> {
            let ids = v.as_array().ok_or_else(|| Error::Model {
                shape: at.to_owned(),
                problem: "@auth must be a list of shape ids".into(),
            })?;
            ids.iter()
                .map(|id| {
                    let id = id.as_str().ok_or_else(|| Error::Model {
                        shape: at.to_owned(),
                        problem: "@auth must be a list of shape ids".into(),
                    })?;
                    if bound.iter().any(|b| b.as_str() == id) {
                        Ok(id.to_owned())
                    } else {
                        Err(Error::Model {
                            shape: at.to_owned(),
                            problem: format!("@auth names `{id}`, which is not an auth scheme applied to the service"),
                        })
                    }
                })
                .collect()
        };
        let mut schemes = match (op_traits.get("smithy.api#auth"), service.traits.get("smithy.api#auth")) {
            (Some(v), _) => list(&op_id.to_string(), v)?,
            (None, Some(v)) => list(&self.closure.service.to_string(), v)?,
            (None, None) => bound.iter().map(|s| s.to_string()).collect(),
        };
        if op_traits.has("smithy.api#optionalAuth") || schemes.is_empty() {
            schemes.push("smithy.api#noAuth".to_owned());
        }
        let mut out = Vec::new();
        for id in &schemes {
            match id.as_str() {
                "aws.auth#sigv4" => out.push(AuthDef::SigV4 { signing_name: signing_name.to_owned() }),
                "smithy.api#httpBearerAuth" => out.push(AuthDef::Bearer),
                "smithy.api#noAuth" => out.push(AuthDef::None),
                other => {
                    self.notes.push(format!(
                        "operation `{op_id}`: the auth scheme `{other}` is not supported; the client does not try it"
                    ));
                }
            }
        }
        if out.is_empty() {
            self.notes.push(format!(
                "operation `{op_id}` accepts no auth scheme this generator supports ({}): every call fails before sending",
                schemes.join(", ")
            ));
        }
        Ok(out)
    }
}
