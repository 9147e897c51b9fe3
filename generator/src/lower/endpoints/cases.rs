//! The `smithy.rules#endpointTests` cases, checked against the rule set's parameters and
//! lowered to one [`TestCase`] each: a name, its documentation, its inputs and what it asserts.

use serde_json::Value;

use super::model;
use super::parse::{self, RuleSet};
use crate::error::Error;
use crate::ir::endpoint::{Expect, ParamType, ParamValue, TestCase};
use crate::ir::Docs;

/// What the rule set's endpoints can carry: the tests may only expect those.
pub(super) struct Sets {
    pub(super) headers: bool,
    pub(super) properties: bool,
}

pub(super) fn lower(shape: &str, rs: &RuleSet, cases: &[parse::TestCase], sets: &Sets) -> Result<Vec<TestCase>, Error> {
    let width = cases.len().to_string().len();
    let mut out = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let at = format!("endpoint test case {}", i + 1);
        let mut params = Vec::new();
        let mut described = Vec::new();
        let mut slug_parts = Vec::new();
        for p in &rs.params {
            let Some((_, value)) = case.params.iter().find(|(n, _)| n == &p.name) else { continue };
            if value.is_null() {
                continue;
            }
            let field = p.field.trim_start_matches("r#");
            let v = match (p.ty, value) {
                (ParamType::String, Value::String(s)) => {
                    slug_parts.push(format!("{field}_{}", slug(s)));
                    ParamValue::String(s.clone())
                }
                (ParamType::Boolean, Value::Bool(b)) => {
                    if *b {
                        slug_parts.push(field.to_owned());
                    }
                    ParamValue::Boolean(*b)
                }
                (ParamType::StringArray, Value::Array(items)) if items.iter().all(Value::is_string) => {
                    slug_parts.push(field.to_owned());
                    ParamValue::StringArray(items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                }
                _ => {
                    return Err(model(
                        shape,
                        format!("{at}: `{}` = {value} does not have the parameter's type", p.name),
                    ))
                }
            };
            params.push((p.field.clone(), v, p.optional()));
            described.push(format!("`{}` = `{value}`", p.name));
        }
        for (name, _) in &case.params {
            if !rs.params.iter().any(|p| &p.name == name) {
                return Err(model(shape, format!("{at}: `{name}` is not a parameter of the rule set")));
            }
        }
        let mut slug_text = slug_parts.join("_");
        if slug_text.is_empty() {
            slug_text = "no_parameters".into();
        }
        let mut docs = Docs::from(if described.is_empty() {
            "No parameters.".to_owned()
        } else {
            format!("Parameters: {}.", described.join(", "))
        });
        let expect = match &case.expect {
            parse::Expect::Endpoint { url, headers, properties } => {
                docs.push(format!("Expects the endpoint `{url}`."));
                let headers = match headers {
                    Some(h) if sets.headers => Some(
                        h.iter()
                            .map(|(k, v)| {
                                let values =
                                    v.as_array().filter(|a| a.iter().all(Value::is_string)).ok_or_else(|| {
                                        model(
                                            shape,
                                            format!("{at}: the expected header `{k}` is not a list of strings"),
                                        )
                                    })?;
                                Ok((k.clone(), values.iter().filter_map(Value::as_str).map(str::to_owned).collect()))
                            })
                            .collect::<Result<Vec<_>, Error>>()?,
                    ),
                    Some(h) if !h.is_empty() => {
                        return Err(model(shape, format!("{at} expects headers, but no rule of the rule set sets any")))
                    }
                    _ => None,
                };
                let properties = match properties {
                    Some(p) if sets.properties => Some(Value::Object(p.clone()).to_string()),
                    Some(p) if !p.is_empty() => {
                        return Err(model(
                            shape,
                            format!("{at} expects properties, but no rule of the rule set sets any"),
                        ))
                    }
                    _ => None,
                };
                Expect::Endpoint { url: url.clone(), headers, properties }
            }
            parse::Expect::Error(message) => {
                docs.push(format!("Expects the error `{}`.", message.replace('`', "'")));
                Expect::Error(message.clone())
            }
        };
        out.push(TestCase {
            name: fn_name(i + 1, width, &slug_text),
            docs,
            rest_default: params.len() < rs.params.len(),
            params,
            expect,
        });
    }
    Ok(out)
}

/// Lower-case ASCII words joined by `_`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// `case_07_region_us_east_1_use_fips`, at most about 80 characters, cut at a word boundary.
fn fn_name(number: usize, width: usize, slug: &str) -> String {
    const MAX: usize = 72;
    let mut s = String::new();
    for c in slug.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_') {
        // Joined words of which one was empty leave `__`, which is not snake case.
        if !(c == '_' && s.ends_with('_')) {
            s.push(c);
        }
    }
    if s.len() > MAX {
        let cut = s.get(..MAX).and_then(|head| head.rfind('_')).unwrap_or(MAX);
        s.truncate(cut);
    }
    format!("case_{number:0width$}_{s}")
}
