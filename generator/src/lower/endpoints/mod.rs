//! Endpoint rules: a service's `smithy.rules#endpointRuleSet` lowered to
//! [`crate::ir::endpoint::EndpointRules`], and its `smithy.rules#endpointTests` to test cases.
//!
//! # Design
//!
//! The rule set is compiled at generation time, not interpreted at run time: `parse` reads the
//! traits into the rules language's syntax tree, `compile` type-checks it and lays it out as
//! straight-line Rust (every rule an `if` or `if let` around an early `return`, a tree rule a
//! nested block that ends in the "no rule matched" error when none of its rules does), and
//! `cases` turns the test cases into assertions. Resolving an endpoint is then a few string
//! comparisons and one `format!`: no rule parsing, no dynamic values, no allocation but the
//! URL (and the error message, when it is a template). The emitted code is readable, so a
//! reviewer can check it against the rule set by eye.
//!
//! Supported: parameters of type `string`, `boolean` and `stringArray` (with `required`,
//! `default`, `builtIn`, `documentation`, `deprecated`); the functions `isSet`, `not`,
//! `booleanEquals`, `stringEquals`, `getAttr` (and the `{Name#path}` template short form),
//! `parseURL`, `substring`, `isValidHostLabel`, `uriEncode`, `aws.partition` and `aws.parseArn`; `endpoint`,
//! `error` and `tree` rules; endpoint `headers` and `properties`. Any other function
//! (`aws.isVirtualHostableS3Bucket`, `split`, `coalesce`, `ite`, …) is
//! [`Error::Unsupported`], naming it.

mod cases;
mod compile;
mod parse;
pub mod partitions;
#[cfg(test)]
mod tests;

use crate::error::Error;
use crate::ir::endpoint::EndpointRules;
use crate::model::{Shape, ShapeKind};

/// The trait that carries the rules.
pub const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
/// The trait that carries the test cases.
pub const TESTS_TRAIT: &str = "smithy.rules#endpointTests";

fn model(shape: &str, problem: impl Into<String>) -> Error {
    Error::Model { shape: shape.to_owned(), problem: format!("endpoint rules: {}", problem.into()) }
}

fn unsupported(shape: &str, what: impl Into<String>) -> Error {
    Error::Unsupported { shape: shape.to_owned(), what: what.into() }
}

/// Lowers the service's endpoint rule set, if it has one (`Ok(None)` when `service` has no
/// `smithy.rules#endpointRuleSet` trait). Errors name the service shape: [`Error::Model`] for a
/// malformed or ill-typed rule set or test case, [`Error::Unsupported`] for a function or
/// parameter type this generator does not implement, [`Error::Naming`] for names that collide
/// in Rust.
pub fn lower(service: &Shape) -> Result<Option<EndpointRules>, Error> {
    let Some(rule_set) = service.traits.get(RULE_SET_TRAIT) else {
        return Ok(None);
    };
    let shape = service.id.to_string();
    if !matches!(service.kind, ShapeKind::Service(_)) {
        return Err(model(&shape, format!("`{RULE_SET_TRAIT}` is only valid on a service shape")));
    }
    let rs = parse::parse_rule_set(&shape, rule_set)?;
    let test_cases = match service.traits.get(TESTS_TRAIT) {
        Some(t) => parse::parse_tests(&shape, t)?,
        None => Vec::new(),
    };
    let mut sets = cases::Sets { headers: false, properties: false };
    parse::visit_endpoints(&rs.rules, &mut |e| {
        sets.headers |= !e.headers.is_empty();
        sets.properties |= !e.properties.is_empty();
    });
    let compiler = compile::Compiler { shape: &shape };
    let (prologue, body) = compiler.resolve(&rs)?;
    let tests = cases::lower(&shape, &rs, &test_cases, &sets)?;
    let params = rs.params.iter().map(param).collect();
    let derive_default = rs.params.iter().all(|p| matches!(p.default, None | Some(serde_json::Value::Bool(false))));
    Ok(Some(EndpointRules {
        service: shape.clone(),
        version: rs.version.clone(),
        params,
        derive_default,
        builtins: compile::Compiler::builtins(&rs.params),
        prologue,
        body,
        headers: sets.headers,
        properties: sets.properties,
        tests,
        partitions: partitions::partitions()?,
    }))
}

/// A parameter as `Params` declares it, with its documentation.
fn param(p: &parse::Param) -> crate::ir::endpoint::Param {
    let mut lines = p.docs.as_deref().map(crate::docs::html_to_markdown).unwrap_or_default();
    if lines.is_empty() {
        lines.push(format!("The `{}` parameter.", p.name));
    }
    lines.push(String::new());
    let mut facts = vec![format!("Rule-set parameter `{}`", p.name)];
    if let Some(b) = &p.built_in {
        facts.push(format!("built-in `{b}`: {}", built_in_doc(b)));
    }
    match &p.default {
        Some(d) => facts.push(format!("default `{d}`")),
        None if p.required => facts.push("required: resolution fails when it is `None`".into()),
        None => {}
    }
    lines.push(format!("{}.", facts.join("; ")));
    if let Some(note) = &p.deprecated {
        lines.push(String::new());
        lines.push(if note.is_empty() { "Deprecated.".into() } else { format!("Deprecated: {note}.") });
    }
    crate::ir::endpoint::Param {
        name: p.name.clone(),
        field: p.field.clone(),
        ty: p.ty,
        optional: p.optional(),
        default: p.default.as_ref().and_then(compile::param_value),
        docs: lines,
    }
}

/// What a client sets a built-in parameter from (our wording).
fn built_in_doc(name: &str) -> &'static str {
    match name {
        "AWS::Region" => "the region the client is configured for (`region`)",
        "AWS::UseFIPS" => "whether the client is configured to use FIPS endpoints (`use_fips`)",
        "AWS::UseDualStack" => {
            "whether the client is configured to use dual-stack (IPv4 and IPv6) endpoints (`use_dual_stack`)"
        }
        "SDK::Endpoint" => "the endpoint URL the client is configured to use instead of a resolved one (`endpoint`)",
        _ => "set by the client from its configuration",
    }
}
