//! Documented rules: constraints a service states in prose but its model does not carry as
//! traits. They live beside the model in our own small JSON file (`model/connect.rules.json`),
//! keyed by structure shape id, in a vocabulary the generator checks against the model:
//!
//! ```json
//! {"rules": {"ns#Input": [
//!   {"id": "…", "kind": "listContains", "member": "Types", "values": ["text/plain"],
//!    "when": {"member": "Attrs", "key": "k", "field": "ValueString", "equals": "v"},
//!    "whenAbsent": ["text/plain"]},
//!   {"id": "…", "kind": "mutuallyExclusive", "members": ["A", "B"]},
//!   {"id": "…", "kind": "mapUtf8Bytes", "member": "Attributes", "max": 32768},
//!   {"id": "…", "kind": "mapKeyChars", "member": "Attributes", "alphanumericPlus": "-_"}
//! ]}}
//! ```
//!
//! Each rule also takes a `message` shown to the user. The generated code checks them only in
//! `ValidationMode::Strict`.
//!
//! The same file may list members to treat as sensitive although the model does not mark them
//! (`"sensitive": ["ns#Output$Token"]`): they are redacted like `@sensitive` members.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::Error;
use crate::model::ShapeId;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rules {
    pub by_shape: BTreeMap<ShapeId, Vec<RuleSpec>>,
    /// Members (`ns#Shape$member`) to treat as `@sensitive` although the model does not mark
    /// them, such as secrets the service returns.
    pub sensitive: std::collections::BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum RuleSpec {
    /// The list member contains every value (optionally only `when` …). An absent list is
    /// checked as `whenAbsent` (the service's default) when given, and passes otherwise.
    ListContains {
        id: String,
        member: String,
        values: Vec<String>,
        message: String,
        when: Option<When>,
        #[serde(rename = "whenAbsent")]
        when_absent: Option<Vec<String>>,
    },
    /// At most one of the members is set.
    MutuallyExclusive { id: String, members: Vec<String>, message: String },
    /// The UTF-8 bytes of all keys and values of a string map stay within `max`.
    MapUtf8Bytes { id: String, member: String, max: u64, message: String },
    /// Map keys contain only ASCII letters and digits and the listed characters.
    MapKeyChars {
        id: String,
        member: String,
        #[serde(rename = "alphanumericPlus")]
        alphanumeric_plus: String,
        message: String,
    },
}

/// A condition on a map-of-structures member: the entry `key` has `field` equal to `equals`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    pub member: String,
    pub key: String,
    pub field: String,
    pub equals: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    rules: BTreeMap<String, Vec<RuleSpec>>,
    #[serde(default)]
    sensitive: Vec<String>,
}

impl Rules {
    pub fn from_json(bytes: &[u8]) -> Result<Rules, Error> {
        let raw: RawRules =
            serde_json::from_slice(bytes).map_err(|e| Error::Config(format!("documented rules file: {e}")))?;
        let mut by_shape = BTreeMap::new();
        for (id, specs) in raw.rules {
            let shape = ShapeId::parse(&id).map_err(|e| Error::Config(format!("documented rules file: {e}")))?;
            by_shape.insert(shape, specs);
        }
        let mut sensitive = std::collections::BTreeSet::new();
        for member in raw.sensitive {
            let (shape, name) = member.split_once('$').ok_or_else(|| {
                Error::Config(format!("documented rules file: `{member}` is not a member id (ns#Shape$member)"))
            })?;
            ShapeId::parse(shape).map_err(|e| Error::Config(format!("documented rules file: {e}")))?;
            if !crate::model::is_identifier(name) {
                return Err(Error::Config(format!("documented rules file: `{member}` has an invalid member name")));
            }
            sensitive.insert(member);
        }
        Ok(Rules { by_shape, sensitive })
    }
}
