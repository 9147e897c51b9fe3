//! Endpoint rules: a service's `smithy.rules#endpointRuleSet` compiled to straight-line Rust, and
//! its `smithy.rules#endpointTests` turned into `#[test]` functions.
//!
//! # Design
//!
//! The rule set is compiled at generation time, not interpreted at run time. Every rule becomes
//! an `if` (or `if let`, for a condition whose value is optional or assigned) around an early
//! `return`; a tree rule is a nested block that ends in the "no rule matched" error when none of
//! its rules does. Parameters are read once into locals, `isSet(Param)` narrows an optional
//! parameter with `if let Some(p) = p`, and `assign` binds a local for the rest of the rule, so
//! Rust's own scoping is the rules language's scoping. Resolving an endpoint is a few string
//! comparisons and one `format!`: no rule parsing, no dynamic values, no allocation but the URL
//! (and the error message, when it is a template). The generated code is also readable, so a
//! reviewer can check it against the rule set by eye.
//!
//! Type checking happens here too: a function whose argument may be unset (an optional parameter
//! not proven set by `isSet`), a template that reads a non-string, or an unknown name is a
//! generation error naming the service shape; a function outside the supported standard library
//! (`aws.parseArn`, `aws.isVirtualHostableS3Bucket`, `split`, `coalesce`, `ite`, …) is
//! [`Error::Unsupported`]. The emitted code therefore always compiles.
//!
//! Supported: parameters of type `string`, `boolean` and `stringArray` (with `required`,
//! `default`, `builtIn`, `documentation`, `deprecated`); the functions `isSet`, `not`,
//! `booleanEquals`, `stringEquals`, `getAttr` (and the `{Name#path}` template short form),
//! `parseURL`, `substring`, `isValidHostLabel`, `uriEncode` and `aws.partition`; `endpoint`,
//! `error` and `tree` rules; endpoint `headers` and `properties`.
//!
//! # What the generated crate gets
//!
//! | file | contents |
//! | --- | --- |
//! | `src/endpoint.rs` | `Params`, `Endpoint`, `EndpointError` and `resolve`, compiled from the rules |
//! | `src/endpoint/runtime.rs` | `templates/endpoint_runtime.rs` verbatim: partitions and the standard library |
//! | `src/endpoint/runtime/partitions.rs` | the partition table, from `data/partitions.json` ([`crate::partitions`]) |
//! | `tests/endpoint_tests.rs` | one `#[test]` per `endpointTests` case |
//!
//! The crate's `lib.rs` must declare `pub mod endpoint;`. When the rule set has endpoint
//! `properties`, the generated code uses `serde_json` (already a dependency of every generated
//! crate). The runtime uses `http` and `percent-encoding`, also dependencies of every generated crate.

use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};
use quote::quote;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::model::{Shape, ShapeKind};
use crate::naming;
use crate::GeneratedFile;

/// The trait that carries the rules.
pub const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
/// The trait that carries the test cases.
pub const TESTS_TRAIT: &str = "smithy.rules#endpointTests";
/// The runtime support module, copied verbatim to [`EndpointCode::RUNTIME_PATH`].
pub const RUNTIME: &str = include_str!("../templates/endpoint_runtime.rs");

/// The error message of `resolve` when no rule (or no rule of an entered tree) matches.
const NO_RULE_MATCHED: &str = "No endpoint rule matched the parameters";

/// The endpoint code of one service, ready to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointCode {
    /// The service shape id, for the `@generated` header.
    pub service: String,
    /// `src/endpoint.rs`, formatted, without the `@generated` header.
    pub module: String,
    /// `src/endpoint/runtime.rs`: [`RUNTIME`], verbatim.
    pub runtime: &'static str,
    /// `src/endpoint/runtime/partitions.rs`: the partition table ([`crate::partitions::module`]),
    /// without the header.
    pub partitions: String,
    /// `tests/endpoint_tests.rs`, formatted, without the header; `None` when the service has no
    /// `endpointTests` trait or no test case.
    pub tests: Option<String>,
    /// Number of `#[test]` functions in [`EndpointCode::tests`].
    pub test_count: usize,
    /// The generated code uses `serde_json` (endpoint `properties`).
    pub uses_serde_json: bool,
}

impl EndpointCode {
    /// Where [`EndpointCode::module`] goes in the crate.
    pub const MODULE_PATH: &'static str = "src/endpoint.rs";
    /// Where [`EndpointCode::runtime`] goes in the crate.
    pub const RUNTIME_PATH: &'static str = "src/endpoint/runtime.rs";
    /// Where [`EndpointCode::partitions`] goes in the crate.
    pub const PARTITIONS_PATH: &'static str = crate::partitions::PATH;
    /// Where [`EndpointCode::tests`] goes in the crate.
    pub const TESTS_PATH: &'static str = "src/endpoint/tests.rs";

    /// The files to add to the crate, each with the same `// @generated` header as the rest of
    /// the crate.
    pub fn files(&self) -> Vec<GeneratedFile> {
        let header = crate::emit::generated_header(&self.service);
        let mut files = vec![
            GeneratedFile { path: Self::MODULE_PATH.into(), contents: format!("{header}{}", self.module) },
            GeneratedFile { path: Self::RUNTIME_PATH.into(), contents: format!("{header}{}", self.runtime) },
            GeneratedFile { path: Self::PARTITIONS_PATH.into(), contents: format!("{header}{}", self.partitions) },
        ];
        if let Some(tests) = &self.tests {
            files.push(GeneratedFile { path: Self::TESTS_PATH.into(), contents: format!("{header}{tests}") });
        }
        files
    }
}

/// Compiles the service's endpoint rule set, if it has one.
///
/// `crate_name` is the Cargo package name of the generated crate (`amazon-connect`); the tests
/// refer to it as `::amazon_connect`. Returns `Ok(None)` when `service` has no
/// `smithy.rules#endpointRuleSet` trait. Errors name the service shape: [`Error::Model`] for a
/// malformed or ill-typed rule set or test case, [`Error::Unsupported`] for a function or
/// parameter type this generator does not implement, [`Error::Naming`] for names that collide in
/// Rust.
pub fn endpoint_module(service: &Shape, crate_name: &str) -> Result<Option<EndpointCode>, Error> {
    let Some(rule_set) = service.traits.get(RULE_SET_TRAIT) else {
        return Ok(None);
    };
    let shape = service.id.to_string();
    let crate_ident = crate_name.replace('-', "_");
    if !crate::model::is_identifier(&crate_ident) {
        return Err(Error::Config(format!("`{crate_name}` is not a usable Cargo package name for the endpoint tests")));
    }
    if !matches!(service.kind, ShapeKind::Service(_)) {
        return Err(model(&shape, format!("`{RULE_SET_TRAIT}` is only valid on a service shape")));
    }
    let rs = parse_rule_set(&shape, rule_set)?;
    let test_cases = match service.traits.get(TESTS_TRAIT) {
        Some(t) => parse_tests(&shape, t)?,
        None => Vec::new(),
    };
    let mut emitter = Gen { shape: &shape, uses_headers: false, uses_properties: false, has_tests: !test_cases.is_empty() };
    visit_endpoints(&rs.rules, &mut |e| {
        emitter.uses_headers |= !e.headers.is_empty();
        emitter.uses_properties |= !e.properties.is_empty();
    });
    let module_tokens = emitter.module(&rs)?;
    let module = format_file(EndpointCode::MODULE_PATH, module_tokens)?;
    let (tests, test_count) = if test_cases.is_empty() {
        (None, 0)
    } else {
        let tokens = emitter.tests(&rs, &test_cases, &crate_ident)?;
        (Some(format_file(EndpointCode::TESTS_PATH, tokens)?), test_cases.len())
    };
    Ok(Some(EndpointCode {
        service: shape.clone(),
        module,
        runtime: RUNTIME,
        partitions: crate::partitions::module()?,
        tests,
        test_count,
        uses_serde_json: emitter.uses_properties,
    }))
}

fn model(shape: &str, problem: impl Into<String>) -> Error {
    Error::Model { shape: shape.to_owned(), problem: format!("endpoint rules: {}", problem.into()) }
}

fn unsupported(shape: &str, what: impl Into<String>) -> Error {
    Error::Unsupported { shape: shape.to_owned(), what: what.into() }
}

fn format_file(path: &str, tokens: TokenStream) -> Result<String, Error> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| Error::Emit { file: path.to_owned(), problem: e.to_string() })?;
    Ok(space_items(&prettyplease::unparse(&file)))
}

/// A blank line between top-level items, which `prettyplease` runs together.
fn space_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut prev_closed = false;
    for line in code.lines() {
        let starts_item = !line.is_empty() && !line.starts_with([' ', '}', ')', ']']) && !line.starts_with("//!");
        if prev_closed && starts_item {
            out.push('\n');
        }
        let top_level = !line.starts_with(' ');
        prev_closed = top_level && (line.ends_with('}') || line.ends_with(';') || line.starts_with("//!"));
        out.push_str(line);
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The rule set, parsed

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParamType {
    String,
    Boolean,
    StringArray,
}

#[derive(Debug, Clone)]
struct Param {
    /// The rules-language name (`UseFIPS`).
    name: String,
    /// The Rust field and local name (`use_fips`).
    field: String,
    ty: ParamType,
    required: bool,
    default: Option<Value>,
    built_in: Option<String>,
    docs: Option<String>,
    deprecated: Option<String>,
}

impl Param {
    /// The `Params` field is `Option<T>` (no default); otherwise `T`.
    fn optional(&self) -> bool {
        self.default.is_none()
    }
}

#[derive(Debug, Clone)]
enum Expr {
    /// A string literal: a template with zero or more `{…}` parts.
    Template(Vec<Part>),
    Bool(bool),
    Int(u64),
    Ref(String),
    Fn { name: String, args: Vec<Expr> },
    GetAttr { target: Box<Expr>, path: Vec<PathPart>, text: String },
    /// Only in endpoint properties.
    Array(Vec<Expr>),
    /// Only in endpoint properties.
    Record(Vec<(String, Expr)>),
}

#[derive(Debug, Clone)]
enum Part {
    Lit(String),
    Dyn(Expr),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PathPart {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone)]
struct Condition {
    func: Expr,
    assign: Option<String>,
}

#[derive(Debug, Clone)]
struct EndpointDef {
    url: Expr,
    headers: Vec<(String, Vec<Expr>)>,
    properties: Vec<(String, Expr)>,
}

#[derive(Debug, Clone)]
enum RuleKind {
    Endpoint(EndpointDef),
    Error(Expr),
    Tree(Vec<Rule>),
}

#[derive(Debug, Clone)]
struct Rule {
    conditions: Vec<Condition>,
    kind: RuleKind,
}

#[derive(Debug, Clone)]
struct RuleSet {
    version: String,
    params: Vec<Param>,
    rules: Vec<Rule>,
}

fn parse_rule_set(shape: &str, v: &Value) -> Result<RuleSet, Error> {
    let obj = v.as_object().ok_or_else(|| model(shape, "the rule set is not an object"))?;
    let version = obj.get("version").and_then(Value::as_str).unwrap_or("1.0").to_owned();
    let mut params = Vec::new();
    let mut fields = naming::Scope::new();
    if let Some(ps) = obj.get("parameters") {
        let ps = ps.as_object().ok_or_else(|| model(shape, "`parameters` is not an object"))?;
        for (name, p) in ps {
            params.push(parse_param(shape, name, p, &mut fields)?);
        }
    }
    let rules = obj.get("rules").ok_or_else(|| model(shape, "the rule set has no `rules`"))?;
    let rules = parse_rules(shape, rules, "rules")?;
    Ok(RuleSet { version, params, rules })
}

fn parse_param(shape: &str, name: &str, p: &Value, fields: &mut naming::Scope) -> Result<Param, Error> {
    let at = format!("parameter `{name}`");
    if !crate::model::is_identifier(name) {
        return Err(model(shape, format!("{at}: the name is not an identifier")));
    }
    let field = naming::snake_name(name).ok_or_else(|| model(shape, format!("{at}: no Rust name")))?;
    fields.claim(&field, name).map_err(|problem| Error::Naming { shape: shape.to_owned(), problem: format!("endpoint parameters: {problem}") })?;
    let ty = match p.get("type").and_then(Value::as_str) {
        Some(t) if t.eq_ignore_ascii_case("string") => ParamType::String,
        Some(t) if t.eq_ignore_ascii_case("boolean") => ParamType::Boolean,
        Some(t) if t.eq_ignore_ascii_case("stringArray") => ParamType::StringArray,
        Some(other) => return Err(unsupported(shape, format!("endpoint {at} has the type `{other}`"))),
        None => return Err(model(shape, format!("{at} has no `type`"))),
    };
    let default = match p.get("default") {
        None | Some(Value::Null) => None,
        Some(d) => {
            let ok = match ty {
                ParamType::String => d.is_string(),
                ParamType::Boolean => d.is_boolean(),
                ParamType::StringArray => d.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            };
            if !ok {
                return Err(model(shape, format!("{at}: the default {d} does not have the parameter's type")));
            }
            Some(d.clone())
        }
    };
    let deprecated = p.get("deprecated").map(|d| {
        let message = d.get("message").and_then(Value::as_str).unwrap_or("");
        let since = d.get("since").and_then(Value::as_str).unwrap_or("");
        match (message.is_empty(), since.is_empty()) {
            (true, true) => String::new(),
            (false, true) => message.to_owned(),
            (true, false) => format!("since {since}"),
            (false, false) => format!("{message} (since {since})"),
        }
    });
    Ok(Param {
        name: name.to_owned(),
        field,
        ty,
        required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
        default,
        built_in: p.get("builtIn").and_then(Value::as_str).map(str::to_owned),
        docs: p.get("documentation").and_then(Value::as_str).map(str::to_owned),
        deprecated,
    })
}

fn parse_rules(shape: &str, v: &Value, at: &str) -> Result<Vec<Rule>, Error> {
    let list = v.as_array().ok_or_else(|| model(shape, format!("{at} is not a list")))?;
    list.iter().enumerate().map(|(i, r)| parse_rule(shape, r, &format!("{at}[{i}]"))).collect()
}

fn parse_rule(shape: &str, v: &Value, at: &str) -> Result<Rule, Error> {
    let obj = v.as_object().ok_or_else(|| model(shape, format!("{at} is not an object")))?;
    let conditions = match obj.get("conditions") {
        None => Vec::new(),
        Some(c) => {
            let list = c.as_array().ok_or_else(|| model(shape, format!("{at}.conditions is not a list")))?;
            let mut out = Vec::new();
            for (i, c) in list.iter().enumerate() {
                let cat = format!("{at}.conditions[{i}]");
                let func = parse_expr(shape, c, &cat)?;
                if !matches!(func, Expr::Fn { .. } | Expr::GetAttr { .. }) {
                    return Err(model(shape, format!("{cat} is not a function call")));
                }
                let assign = match c.get("assign") {
                    None => None,
                    Some(Value::String(a)) if crate::model::is_identifier(a) => Some(a.clone()),
                    Some(other) => return Err(model(shape, format!("{cat}: `assign` {other} is not an identifier"))),
                };
                out.push(Condition { func, assign });
            }
            out
        }
    };
    let kind = match obj.get("type").and_then(Value::as_str) {
        Some("endpoint") => {
            let e = obj.get("endpoint").ok_or_else(|| model(shape, format!("{at} has no `endpoint`")))?;
            RuleKind::Endpoint(parse_endpoint(shape, e, &format!("{at}.endpoint"))?)
        }
        Some("error") => {
            let e = obj.get("error").ok_or_else(|| model(shape, format!("{at} has no `error`")))?;
            RuleKind::Error(parse_expr(shape, e, &format!("{at}.error"))?)
        }
        Some("tree") => {
            let r = obj.get("rules").ok_or_else(|| model(shape, format!("{at} has no `rules`")))?;
            RuleKind::Tree(parse_rules(shape, r, &format!("{at}.rules"))?)
        }
        Some(other) => return Err(model(shape, format!("{at} has the unknown rule type `{other}`"))),
        None => return Err(model(shape, format!("{at} has no `type`"))),
    };
    Ok(Rule { conditions, kind })
}

fn parse_endpoint(shape: &str, v: &Value, at: &str) -> Result<EndpointDef, Error> {
    let obj = v.as_object().ok_or_else(|| model(shape, format!("{at} is not an object")))?;
    let url = parse_expr(shape, obj.get("url").ok_or_else(|| model(shape, format!("{at} has no `url`")))?, &format!("{at}.url"))?;
    let mut headers = Vec::new();
    if let Some(h) = obj.get("headers") {
        let h = h.as_object().ok_or_else(|| model(shape, format!("{at}.headers is not an object")))?;
        for (name, values) in h {
            let list = values.as_array().ok_or_else(|| model(shape, format!("{at}.headers.{name} is not a list")))?;
            let exprs = list
                .iter()
                .enumerate()
                .map(|(i, e)| parse_expr(shape, e, &format!("{at}.headers.{name}[{i}]")))
                .collect::<Result<Vec<_>, _>>()?;
            headers.push((name.clone(), exprs));
        }
    }
    let mut properties = Vec::new();
    if let Some(p) = obj.get("properties") {
        let p = p.as_object().ok_or_else(|| model(shape, format!("{at}.properties is not an object")))?;
        for (name, value) in p {
            properties.push((name.clone(), parse_expr(shape, value, &format!("{at}.properties.{name}"))?));
        }
    }
    Ok(EndpointDef { url, headers, properties })
}

fn parse_expr(shape: &str, v: &Value, at: &str) -> Result<Expr, Error> {
    match v {
        Value::String(s) => Ok(Expr::Template(parse_template(shape, s, at)?)),
        Value::Bool(b) => Ok(Expr::Bool(*b)),
        Value::Number(n) => n.as_u64().map(Expr::Int).ok_or_else(|| model(shape, format!("{at}: {n} is not a non-negative integer"))),
        Value::Array(items) => Ok(Expr::Array(
            items.iter().enumerate().map(|(i, e)| parse_expr(shape, e, &format!("{at}[{i}]"))).collect::<Result<_, _>>()?,
        )),
        Value::Object(obj) => {
            if let Some(r) = obj.get("ref") {
                let name = r.as_str().ok_or_else(|| model(shape, format!("{at}: `ref` is not a string")))?;
                return Ok(Expr::Ref(name.to_owned()));
            }
            if let Some(f) = obj.get("fn") {
                let name = f.as_str().ok_or_else(|| model(shape, format!("{at}: `fn` is not a string")))?;
                let argv = match obj.get("argv") {
                    Some(Value::Array(a)) => a,
                    _ => return Err(model(shape, format!("{at}: `{name}` has no `argv` list"))),
                };
                let args = argv
                    .iter()
                    .enumerate()
                    .map(|(i, e)| parse_expr(shape, e, &format!("{at}.argv[{i}]")))
                    .collect::<Result<Vec<_>, _>>()?;
                if name == "getAttr" {
                    let [target, _] = <[Expr; 2]>::try_from(args)
                        .map_err(|a| model(shape, format!("{at}: `getAttr` takes 2 arguments, not {}", a.len())))?;
                    let text = match &argv[1] {
                        Value::String(s) => s.clone(),
                        _ => return Err(model(shape, format!("{at}: the `getAttr` path is not a string literal"))),
                    };
                    let path = parse_path(shape, &text, at)?;
                    return Ok(Expr::GetAttr { target: Box::new(target), path, text });
                }
                return Ok(Expr::Fn { name: name.to_owned(), args });
            }
            Ok(Expr::Record(
                obj.iter()
                    .map(|(k, e)| Ok((k.clone(), parse_expr(shape, e, &format!("{at}.{k}"))?)))
                    .collect::<Result<_, Error>>()?,
            ))
        }
        Value::Null => Err(model(shape, format!("{at} is null"))),
    }
}

/// `name`, `a.b`, `list[0]`, `a[1].b`.
fn parse_path(shape: &str, text: &str, at: &str) -> Result<Vec<PathPart>, Error> {
    let bad = || model(shape, format!("{at}: `{text}` is not a valid getAttr path"));
    let mut out = Vec::new();
    for segment in text.split('.') {
        let (key, mut rest) = match segment.find('[') {
            Some(i) => segment.split_at(i),
            None => (segment, ""),
        };
        if !key.is_empty() {
            out.push(PathPart::Key(key.to_owned()));
        } else if rest.is_empty() {
            return Err(bad());
        }
        while !rest.is_empty() {
            let inner = rest.strip_prefix('[').ok_or_else(bad)?;
            let (index, after) = inner.split_once(']').ok_or_else(bad)?;
            out.push(PathPart::Index(index.parse().map_err(|_| bad())?));
            rest = after;
        }
    }
    if out.is_empty() {
        return Err(bad());
    }
    Ok(out)
}

/// A template: literal text with `{Name}` / `{Name#path}` parts; `{{` and `}}` are literal braces.
fn parse_template(shape: &str, text: &str, at: &str) -> Result<Vec<Part>, Error> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|&(_, n)| n) == Some('{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek().map(|&(_, n)| n) == Some('}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let rest = &text[i + 1..];
                let end = rest.find('}').ok_or_else(|| model(shape, format!("{at}: unmatched `{{` in the template {text:?}")))?;
                let inner = &rest[..end];
                if inner.contains('{') || inner.is_empty() {
                    return Err(model(shape, format!("{at}: invalid template part `{{{inner}}}` in {text:?}")));
                }
                if !lit.is_empty() {
                    parts.push(Part::Lit(std::mem::take(&mut lit)));
                }
                let expr = match inner.split_once('#') {
                    None => Expr::Ref(inner.to_owned()),
                    Some((name, path)) => Expr::GetAttr {
                        target: Box::new(Expr::Ref(name.to_owned())),
                        path: parse_path(shape, path, at)?,
                        text: path.to_owned(),
                    },
                };
                parts.push(Part::Dyn(expr));
                // Skip the part and its closing brace.
                for _ in 0..inner.chars().count() + 1 {
                    chars.next();
                }
            }
            '}' => return Err(model(shape, format!("{at}: unmatched `}}` in the template {text:?}"))),
            c => lit.push(c),
        }
    }
    if !lit.is_empty() || parts.is_empty() {
        parts.push(Part::Lit(lit));
    }
    Ok(parts)
}

#[derive(Debug, Clone)]
struct TestCase {
    /// `(parameter name, value)` in the test's order.
    params: Vec<(String, Value)>,
    expect: Expect,
}

#[derive(Debug, Clone)]
enum Expect {
    Endpoint { url: String, headers: Option<Map<String, Value>>, properties: Option<Map<String, Value>> },
    Error(String),
}

fn parse_tests(shape: &str, v: &Value) -> Result<Vec<TestCase>, Error> {
    let cases = v.get("testCases").and_then(Value::as_array).ok_or_else(|| model(shape, "`endpointTests` has no `testCases` list"))?;
    let mut out = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let at = format!("endpoint test case {}", i + 1);
        let params = match c.get("params") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Object(p)) => p.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Some(_) => return Err(model(shape, format!("{at}: `params` is not an object"))),
        };
        let expect = c.get("expect").ok_or_else(|| model(shape, format!("{at} has no `expect`")))?;
        let expect = if let Some(e) = expect.get("error") {
            Expect::Error(e.as_str().ok_or_else(|| model(shape, format!("{at}: `expect.error` is not a string")))?.to_owned())
        } else if let Some(e) = expect.get("endpoint") {
            let url = e.get("url").and_then(Value::as_str).ok_or_else(|| model(shape, format!("{at}: `expect.endpoint.url` is not a string")))?;
            let map = |key: &str| -> Result<Option<Map<String, Value>>, Error> {
                match e.get(key) {
                    None | Some(Value::Null) => Ok(None),
                    Some(Value::Object(m)) => Ok(Some(m.clone())),
                    Some(_) => Err(model(shape, format!("{at}: `expect.endpoint.{key}` is not an object"))),
                }
            };
            Expect::Endpoint { url: url.to_owned(), headers: map("headers")?, properties: map("properties")? }
        } else {
            return Err(model(shape, format!("{at}: `expect` has neither `endpoint` nor `error`")));
        };
        out.push(TestCase { params, expect });
    }
    Ok(out)
}

fn visit_endpoints(rules: &[Rule], f: &mut dyn FnMut(&EndpointDef)) {
    for r in rules {
        match &r.kind {
            RuleKind::Endpoint(e) => f(e),
            RuleKind::Error(_) => {}
            RuleKind::Tree(sub) => visit_endpoints(sub, f),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Code generation

struct Gen<'a> {
    shape: &'a str,
    uses_headers: bool,
    uses_properties: bool,
    /// The service has `endpointTests`: the module declares `mod tests`.
    has_tests: bool,
}

/// How a local variable of the generated `resolve` holds its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `&str` or, when `owned`, `String`.
    Str { owned: bool },
    /// `Option<&str>`.
    OptStr,
    Bool,
    OptBool,
    /// `&'static Partition`.
    Partition,
    /// `runtime::Url`.
    Url,
    /// `&[String]`.
    StrArray,
    /// `Option<&[String]>`.
    OptStrArray,
}

#[derive(Debug, Clone)]
struct Local {
    name: String,
    ident: Ident,
    kind: Kind,
}

#[derive(Debug, Clone, Default)]
struct Scope {
    locals: Vec<Local>,
}

impl Scope {
    fn get(&self, name: &str) -> Option<&Local> {
        self.locals.iter().rev().find(|l| l.name == name)
    }
}

/// A string value.
#[derive(Debug, Clone)]
enum S {
    Lit(String),
    /// A local: `&str`, or `String` when owned.
    Var(Ident, bool),
    /// An expression of type `&str`.
    Ref(TokenStream),
    /// An expression of type `String`.
    Owned(TokenStream),
    /// `format!(fmt, args…)`.
    Format(String, Vec<TokenStream>),
}

impl S {
    fn as_str(&self) -> TokenStream {
        match self {
            S::Lit(s) => quote! { #s },
            S::Var(id, false) => quote! { #id },
            S::Var(id, true) => quote! { #id.as_str() },
            S::Ref(ts) => ts.clone(),
            S::Owned(ts) => quote! { #ts.as_str() },
            S::Format(..) => {
                let f = self.to_owned_tokens();
                quote! { #f.as_str() }
            }
        }
    }

    fn to_owned_tokens(&self) -> TokenStream {
        match self {
            S::Lit(s) => quote! { ::std::string::String::from(#s) },
            S::Var(id, false) => quote! { ::std::string::String::from(#id) },
            S::Var(id, true) => quote! { ::std::clone::Clone::clone(&#id) },
            S::Ref(ts) => quote! { ::std::string::String::from(#ts) },
            S::Owned(ts) => ts.clone(),
            S::Format(fmt, args) => quote! { ::std::format!(#fmt #(, #args)*) },
        }
    }
}

/// A boolean value, kept structured so negation and comparison print minimally.
#[derive(Debug, Clone)]
enum B {
    Lit(bool),
    /// An atomic expression (local, field, call).
    Expr(TokenStream),
    Not(TokenStream),
    Eq(TokenStream, TokenStream),
    Ne(TokenStream, TokenStream),
    IsSome(TokenStream),
    IsNone(TokenStream),
}

impl B {
    fn negate(self) -> B {
        match self {
            B::Lit(b) => B::Lit(!b),
            B::Expr(t) => B::Not(t),
            B::Not(t) => B::Expr(t),
            B::Eq(a, b) => B::Ne(a, b),
            B::Ne(a, b) => B::Eq(a, b),
            B::IsSome(t) => B::IsNone(t),
            B::IsNone(t) => B::IsSome(t),
        }
    }

    fn tokens(&self) -> TokenStream {
        match self {
            B::Lit(b) => quote! { #b },
            B::Expr(t) => t.clone(),
            B::Not(t) => quote! { !#t },
            B::Eq(a, b) => quote! { #a == #b },
            B::Ne(a, b) => quote! { #a != #b },
            B::IsSome(t) => quote! { #t.is_some() },
            B::IsNone(t) => quote! { #t.is_none() },
        }
    }

    /// As an operand of `==` / `!=`.
    fn operand(&self) -> TokenStream {
        match self {
            B::Eq(..) | B::Ne(..) => {
                let t = self.tokens();
                quote! { (#t) }
            }
            _ => self.tokens(),
        }
    }
}

/// A compiled expression.
#[derive(Debug, Clone)]
enum Val {
    Str(S),
    /// `Option<&str>`, or `Option<String>` when owned.
    OptStr(TokenStream, bool),
    Bool(B),
    OptBool(TokenStream),
    Int(u64),
    Partition(TokenStream),
    Url(TokenStream),
    OptUrl(TokenStream),
    StrArray(TokenStream),
    OptStrArray(TokenStream),
}

impl Val {
    fn type_name(&self) -> &'static str {
        match self {
            Val::Str(_) => "string",
            Val::OptStr(..) => "optional string",
            Val::Bool(_) => "boolean",
            Val::OptBool(_) => "optional boolean",
            Val::Int(_) => "integer",
            Val::Partition(_) => "partition",
            Val::Url(_) => "URL",
            Val::OptUrl(_) => "optional URL",
            Val::StrArray(_) => "string array",
            Val::OptStrArray(_) => "optional string array",
        }
    }

    fn is_optional(&self) -> bool {
        matches!(self, Val::OptStr(..) | Val::OptBool(_) | Val::OptUrl(_) | Val::OptStrArray(_))
    }
}

/// One layer around a rule's body, outermost first.
enum Wrap {
    /// `let id = value;`, dropped when nothing inside reads `id`.
    Let(Ident, TokenStream),
    If(B),
    /// `if let Some(id) = value { … }`, or `if value.is_some()` when nothing inside reads `id`.
    IfLet(Ident, TokenStream),
}

/// Whether `id` is read by `tokens` or by the pending conditions (inline `format!` arguments
/// included).
fn reads(tokens: &TokenStream, pending: &[B], id: &Ident) -> bool {
    let name = id.to_string();
    contains_ident(tokens, &name) || pending.iter().any(|b| contains_ident(&b.tokens(), &name))
}

fn contains_ident(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        TokenTree::Ident(i) => i == name,
        TokenTree::Group(g) => contains_ident(&g.stream(), name),
        TokenTree::Literal(l) => format_args_of(&l.to_string()).iter().any(|a| a == name),
        TokenTree::Punct(_) => false,
    })
}

/// The names of the inline arguments of a `format!` string literal (`"a{b}{{c}}"` → `b`).
fn format_args_of(literal: &str) -> Vec<String> {
    let Some(body) = literal.strip_prefix('"').and_then(|l| l.strip_suffix('"')) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
            }
            '{' => {
                let mut name = String::new();
                for n in chars.by_ref() {
                    if n == '}' || n == ':' {
                        break;
                    }
                    name.push(n);
                }
                out.push(name);
            }
            _ => {}
        }
    }
    out
}

/// `if a && b { tokens }` for the pending conditions (innermost last in `pending`).
fn flush(pending: &mut Vec<B>, tokens: TokenStream) -> TokenStream {
    if pending.is_empty() {
        return tokens;
    }
    let conds: Vec<TokenStream> = pending.drain(..).rev().map(|b| b.tokens()).collect();
    quote! { if #(#conds)&&* { #tokens } }
}

fn runtime_fn(name: &str) -> TokenStream {
    let f = Ident::new(name, Span::call_site());
    quote! { crate::endpoint::runtime::#f }
}

fn err_value(message: TokenStream) -> TokenStream {
    quote! { ::std::result::Result::Err(crate::endpoint::EndpointError { message: #message }) }
}

fn static_err(message: &str) -> TokenStream {
    err_value(quote! { ::std::borrow::Cow::Borrowed(#message) })
}

/// `value` as the last expression of a block, or as a `return` statement.
fn finish(value: TokenStream, tail: bool) -> TokenStream {
    if tail {
        value
    } else {
        quote! { return #value; }
    }
}

fn doc_attrs(lines: &[String]) -> TokenStream {
    crate::emit::docs(lines)
}

impl<'a> Gen<'a> {
    fn model(&self, problem: impl Into<String>) -> Error {
        model(self.shape, problem)
    }

    // --- the module -------------------------------------------------------------------------

    fn module(&self, rs: &RuleSet) -> Result<TokenStream, Error> {
        let params = self.params_struct(rs)?;
        let endpoint = self.endpoint_struct();
        let error = error_struct();
        let resolve = self.resolve_fn(rs)?;
        let docs = crate::emit::inner_docs(&[
            format!("Endpoint resolution for `{}`, compiled from its endpoint rule set (version {}).", self.shape, rs.version),
            String::new(),
            "Fill in [`Params`] (the client sets the built-in parameters from its configuration) and call [`resolve`]: it returns the [`Endpoint`] to send the request to, or the rule set's own [`EndpointError`].".into(),
            String::new(),
            "The rules are compiled to plain Rust, so resolution parses nothing at run time; [`runtime`] holds the partition table and the rules engine's standard library.".into(),
        ]);
        let tests_mod = if self.has_tests { quote! { #[cfg(test)] mod tests; } } else { quote! {} };
        Ok(quote! {
            #docs
            pub mod runtime;
            #tests_mod
            #params
            #endpoint
            #error
            #resolve
        })
    }

    fn field_type(p: &Param) -> TokenStream {
        let inner = match p.ty {
            ParamType::String => quote! { ::std::string::String },
            ParamType::Boolean => quote! { bool },
            ParamType::StringArray => quote! { ::std::vec::Vec<::std::string::String> },
        };
        if p.optional() {
            quote! { ::std::option::Option<#inner> }
        } else {
            inner
        }
    }

    fn default_value(p: &Param) -> TokenStream {
        match &p.default {
            None => quote! { ::std::option::Option::None },
            Some(Value::Bool(b)) => quote! { #b },
            Some(Value::String(s)) => quote! { ::std::string::String::from(#s) },
            Some(Value::Array(items)) => {
                let items = items.iter().filter_map(Value::as_str);
                quote! { ::std::vec![#(::std::string::String::from(#items)),*] }
            }
            Some(_) => quote! { ::std::default::Default::default() },
        }
    }

    fn params_struct(&self, rs: &RuleSet) -> Result<TokenStream, Error> {
        let mut fields = Vec::new();
        for p in &rs.params {
            let mut lines = match &p.docs {
                Some(d) => crate::docs::html_to_markdown(d),
                None => Vec::new(),
            };
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
            let doc = doc_attrs(&lines);
            let name = crate::emit::ident(&p.field);
            let ty = Self::field_type(p);
            fields.push(quote! { #doc pub #name: #ty, });
        }
        let derivable = rs.params.iter().all(|p| matches!(p.default, None | Some(Value::Bool(false))));
        let derive_default = if derivable { quote! { Default, } } else { quote! {} };
        let manual_default = if derivable {
            quote! {}
        } else {
            let inits = rs.params.iter().map(|p| {
                let name = crate::emit::ident(&p.field);
                let value = Self::default_value(p);
                quote! { #name: #value, }
            });
            quote! {
                impl ::std::default::Default for Params {
                    fn default() -> Self {
                        Params { #(#inits)* }
                    }
                }
            }
        };
        // The client's configuration feeds the built-in parameters.
        let builtin_sets = rs.params.iter().filter_map(|p| {
            let name = crate::emit::ident(&p.field);
            let (source, is_bool) = match p.built_in.as_deref()? {
                "AWS::Region" => (quote! { region }, false),
                "SDK::Endpoint" => (quote! { endpoint }, false),
                "AWS::UseFIPS" => (quote! { use_fips }, true),
                "AWS::UseDualStack" => (quote! { use_dual_stack }, true),
                _ => return None,
            };
            Some(match (is_bool, p.optional(), p.ty) {
                (true, true, ParamType::Boolean) => quote! { params.#name = ::std::option::Option::Some(#source); },
                (true, false, ParamType::Boolean) => quote! { params.#name = #source; },
                (false, true, ParamType::String) => quote! { params.#name = #source.map(::std::borrow::ToOwned::to_owned); },
                (false, false, ParamType::String) => quote! {
                    if let ::std::option::Option::Some(value) = #source {
                        params.#name = value.to_owned();
                    }
                },
                _ => return None,
            })
        });
        Ok(quote! {
            /// The inputs of endpoint resolution: the rule set's parameters.
            ///
            /// [`Params::default`] applies the rule set's defaults; parameters without a default
            /// are `None`.
            #[derive(Clone, Debug, #derive_default PartialEq, Eq)]
            pub struct Params {
                #(#fields)*
            }
            #manual_default

            impl Params {
                /// The parameters a client fills from its configuration (the rule set's built-ins:
                /// `AWS::Region`, `AWS::UseFIPS`, `AWS::UseDualStack`, `SDK::Endpoint`); the others
                /// keep their defaults.
                #[allow(clippy::field_reassign_with_default)]
                pub fn from_builtins(
                    region: ::std::option::Option<&str>,
                    use_fips: bool,
                    use_dual_stack: bool,
                    endpoint: ::std::option::Option<&str>,
                ) -> Self {
                    let _ = (region, use_fips, use_dual_stack, endpoint);
                    #[allow(unused_mut)]
                    let mut params = Self::default();
                    #(#builtin_sets)*
                    params
                }
            }
        })
    }

    fn endpoint_struct(&self) -> TokenStream {
        let headers = if self.uses_headers {
            quote! {
                /// Headers to add to the request, by name, each with its values in order.
                pub headers: ::std::collections::BTreeMap<::std::string::String, ::std::vec::Vec<::std::string::String>>,
            }
        } else {
            quote! {}
        };
        let (properties, eq) = if self.uses_properties {
            (
                quote! {
                    /// Properties of the endpoint (for example `authSchemes`), as the rule set writes them.
                    pub properties: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                },
                quote! {},
            )
        } else {
            (quote! {}, quote! { Eq, })
        };
        quote! {
            /// A resolved endpoint.
            #[derive(Clone, Debug, PartialEq, #eq)]
            #[non_exhaustive]
            pub struct Endpoint {
                /// The URL to send the request to.
                pub url: ::std::string::String,
                #headers
                #properties
            }
        }
    }

    fn resolve_fn(&self, rs: &RuleSet) -> Result<TokenStream, Error> {
        let mut scope = Scope::default();
        for p in &rs.params {
            let kind = match (p.ty, p.optional(), p.required) {
                (ParamType::String, true, false) => Kind::OptStr,
                (ParamType::String, _, _) => Kind::Str { owned: false },
                (ParamType::Boolean, true, false) => Kind::OptBool,
                (ParamType::Boolean, _, _) => Kind::Bool,
                (ParamType::StringArray, true, false) => Kind::OptStrArray,
                (ParamType::StringArray, _, _) => Kind::StrArray,
            };
            scope.locals.push(Local { name: p.name.clone(), ident: crate::emit::ident(&p.field), kind });
        }
        let body = self.rules(&rs.rules, &scope, true)?;
        let mut bound = Vec::new();
        let mut reads_ = Vec::new();
        for p in &rs.params {
            let id = crate::emit::ident(&p.field);
            let is_read = reads(&body, &[], &id);
            // A required parameter without a default is checked even when no rule reads it.
            let must_check = p.required && p.optional();
            if !is_read && !must_check {
                continue;
            }
            bound.push(id.clone());
            let missing = static_err(&format!("Invalid Configuration: the required endpoint parameter `{}` is not set", p.name));
            if !is_read {
                reads_.push(quote! { if #id.is_none() { return #missing; } });
                continue;
            }
            let read = match (p.ty, p.optional()) {
                (ParamType::String | ParamType::StringArray, true) => quote! { #id.as_deref() },
                (ParamType::String, false) => quote! { #id.as_str() },
                (ParamType::StringArray, false) => quote! { #id.as_slice() },
                (ParamType::Boolean, _) => quote! { *#id },
            };
            if must_check {
                reads_.push(quote! { let ::std::option::Option::Some(#id) = #read else { return #missing; }; });
            } else {
                reads_.push(quote! { let #id = #read; });
            }
        }
        let destructure = if bound.is_empty() {
            quote! { let _ = params; }
        } else if bound.len() == rs.params.len() {
            quote! { let Params { #(#bound),* } = params; }
        } else {
            quote! { let Params { #(#bound,)* .. } = params; }
        };
        Ok(quote! {
            /// Resolves the endpoint for `params` by evaluating the rule set.
            ///
            /// # Errors
            ///
            /// The rule set's error for these parameters (for example a FIPS endpoint asked of a
            /// partition without one), verbatim.
            pub fn resolve(params: &Params) -> ::std::result::Result<Endpoint, EndpointError> {
                #destructure
                #(#reads_)*
                #body
            }
        })
    }

    // --- rules ------------------------------------------------------------------------------

    /// The rules in order, then the "no rule matched" error unless a rule always terminates.
    fn rules(&self, rules: &[Rule], scope: &Scope, tail: bool) -> Result<TokenStream, Error> {
        let mut out = TokenStream::new();
        for rule in rules {
            let (tokens, terminates) = self.rule(rule, scope, tail)?;
            out.extend(tokens);
            if terminates {
                // Any later rule is unreachable.
                return Ok(out);
            }
        }
        out.extend(finish(static_err(NO_RULE_MATCHED), tail));
        Ok(out)
    }

    /// One rule; `true` when it has no real condition (so it always returns).
    fn rule(&self, rule: &Rule, scope: &Scope, tail: bool) -> Result<(TokenStream, bool), Error> {
        let mut scope = scope.clone();
        let mut wraps = Vec::new();
        for c in &rule.conditions {
            self.condition(c, &mut scope, &mut wraps)?;
        }
        let unconditional = wraps.iter().all(|w| matches!(w, Wrap::Let(..)));
        let mut tokens = self.body(&rule.kind, &scope, tail && unconditional)?;
        // Wrap from the inside out; consecutive boolean conditions become one `if a && b`, and a
        // binding nothing reads is dropped (or becomes `is_some()`), so the code has no unused
        // variables.
        let mut pending: Vec<B> = Vec::new();
        for w in wraps.into_iter().rev() {
            match w {
                Wrap::If(b) => pending.push(b),
                Wrap::Let(id, value) => {
                    if reads(&tokens, &pending, &id) {
                        tokens = flush(&mut pending, tokens);
                        tokens = quote! { let #id = #value; #tokens };
                    }
                }
                Wrap::IfLet(id, value) => {
                    if reads(&tokens, &pending, &id) {
                        tokens = flush(&mut pending, tokens);
                        tokens = quote! { if let ::std::option::Option::Some(#id) = #value { #tokens } };
                    } else {
                        pending.push(B::IsSome(value));
                    }
                }
            }
        }
        Ok((flush(&mut pending, tokens), unconditional))
    }

    fn body(&self, kind: &RuleKind, scope: &Scope, tail: bool) -> Result<TokenStream, Error> {
        match kind {
            RuleKind::Endpoint(e) => {
                let url = self.string(&e.url, scope, "an endpoint URL")?.to_owned_tokens();
                let headers = if self.uses_headers {
                    let entries = e
                        .headers
                        .iter()
                        .map(|(name, values)| {
                            let values = values
                                .iter()
                                .map(|v| Ok(self.string(v, scope, "a header value")?.to_owned_tokens()))
                                .collect::<Result<Vec<_>, Error>>()?;
                            Ok(quote! { (::std::string::String::from(#name), ::std::vec![#(#values),*]) })
                        })
                        .collect::<Result<Vec<_>, Error>>()?;
                    if entries.is_empty() {
                        quote! { headers: ::std::collections::BTreeMap::new(), }
                    } else {
                        quote! { headers: ::std::collections::BTreeMap::from([#(#entries),*]), }
                    }
                } else {
                    quote! {}
                };
                let properties = if self.uses_properties {
                    let entries = e
                        .properties
                        .iter()
                        .map(|(name, value)| {
                            let value = self.property(value, scope)?;
                            Ok(quote! { (::std::string::String::from(#name), #value) })
                        })
                        .collect::<Result<Vec<_>, Error>>()?;
                    if entries.is_empty() {
                        quote! { properties: ::serde_json::Map::new(), }
                    } else {
                        quote! { properties: ::std::iter::IntoIterator::into_iter([#(#entries),*]).collect(), }
                    }
                } else {
                    quote! {}
                };
                let value = quote! {
                    ::std::result::Result::Ok(crate::endpoint::Endpoint { url: #url, #headers #properties })
                };
                Ok(finish(value, tail))
            }
            RuleKind::Error(e) => {
                let message = match self.string(e, scope, "an error message")? {
                    S::Lit(s) => quote! { ::std::borrow::Cow::Borrowed(#s) },
                    other => {
                        let owned = other.to_owned_tokens();
                        quote! { ::std::borrow::Cow::Owned(#owned) }
                    }
                };
                Ok(finish(err_value(message), tail))
            }
            RuleKind::Tree(rules) => self.rules(rules, scope, tail),
        }
    }

    /// A `serde_json::Value` expression for an endpoint property.
    fn property(&self, e: &Expr, scope: &Scope) -> Result<TokenStream, Error> {
        Ok(match e {
            Expr::Array(items) => {
                let items = items.iter().map(|i| self.property(i, scope)).collect::<Result<Vec<_>, _>>()?;
                quote! { ::serde_json::Value::Array(::std::vec![#(#items),*]) }
            }
            Expr::Record(fields) => {
                let entries = fields
                    .iter()
                    .map(|(k, v)| {
                        let v = self.property(v, scope)?;
                        Ok(quote! { (::std::string::String::from(#k), #v) })
                    })
                    .collect::<Result<Vec<_>, Error>>()?;
                if entries.is_empty() {
                    quote! { ::serde_json::Value::Object(::serde_json::Map::new()) }
                } else {
                    quote! { ::serde_json::Value::Object(::std::iter::IntoIterator::into_iter([#(#entries),*]).collect()) }
                }
            }
            Expr::Int(n) => {
                let n = Literal::u64_suffixed(*n);
                quote! { ::serde_json::Value::from(#n) }
            }
            other => match self.expr(other, scope)? {
                Val::Str(s) => {
                    let s = s.to_owned_tokens();
                    quote! { ::serde_json::Value::String(#s) }
                }
                Val::Bool(b) => {
                    let b = b.tokens();
                    quote! { ::serde_json::Value::Bool(#b) }
                }
                v => return Err(self.model(format!("an endpoint property cannot hold a {} value", v.type_name()))),
            },
        })
    }

    // --- conditions -------------------------------------------------------------------------

    fn bind(&self, scope: &mut Scope, name: &str, kind: Kind) -> Result<Ident, Error> {
        if scope.get(name).is_some() {
            return Err(self.model(format!("`assign` of `{name}` shadows a name already in scope")));
        }
        let rust = naming::snake_name(name).ok_or_else(|| self.model(format!("`{name}` has no Rust name")))?;
        if let Some(other) = scope.locals.iter().find(|l| naming::unraw(&l.ident.to_string()) == naming::unraw(&rust)) {
            return Err(Error::Naming {
                shape: self.shape.to_owned(),
                problem: format!("endpoint rules: `{name}` and `{}` both become the Rust name `{rust}`", other.name),
            });
        }
        let ident = crate::emit::ident(&rust);
        scope.locals.push(Local { name: name.to_owned(), ident: ident.clone(), kind });
        Ok(ident)
    }

    fn condition(&self, c: &Condition, scope: &mut Scope, wraps: &mut Vec<Wrap>) -> Result<(), Error> {
        let assign = c.assign.as_deref();
        // `isSet(Param)`: narrow the parameter for the rest of the rule.
        if let (Expr::Fn { name, args }, None) = (&c.func, assign) {
            if let (true, [Expr::Ref(r)]) = (name == "isSet", args.as_slice()) {
                let local = scope.get(r).cloned().ok_or_else(|| self.model(format!("`{r}` is not a parameter or an assigned name in scope")))?;
                let narrowed = match local.kind {
                    Kind::OptStr => Some(Kind::Str { owned: false }),
                    Kind::OptBool => Some(Kind::Bool),
                    Kind::OptStrArray => Some(Kind::StrArray),
                    _ => None,
                };
                // Not optional: the condition always holds.
                if let Some(kind) = narrowed {
                    let id = local.ident.clone();
                    wraps.push(Wrap::IfLet(id.clone(), quote! { #id }));
                    scope.locals.push(Local { name: r.clone(), ident: id, kind });
                }
                return Ok(());
            }
        }
        let value = self.expr(&c.func, scope)?;
        match value {
            Val::Bool(b) => match assign {
                Some(a) => {
                    let id = self.bind(scope, a, Kind::Bool)?;
                    wraps.push(Wrap::Let(id.clone(), b.tokens()));
                    wraps.push(Wrap::If(B::Expr(quote! { #id })));
                }
                None => match b {
                    B::Lit(true) => {}
                    b => wraps.push(Wrap::If(b)),
                },
            },
            Val::OptBool(t) => {
                if assign.is_some() {
                    return Err(unsupported(self.shape, "assigning an optional boolean in an endpoint rule condition"));
                }
                wraps.push(Wrap::If(B::Eq(t, quote! { ::std::option::Option::Some(true) })));
            }
            Val::OptStr(t, owned) => self.optional(scope, assign, t, Kind::Str { owned }, wraps)?,
            Val::OptUrl(t) => self.optional(scope, assign, t, Kind::Url, wraps)?,
            Val::OptStrArray(t) => self.optional(scope, assign, t, Kind::StrArray, wraps)?,
            // Always set: a condition that always holds, perhaps binding its value.
            Val::Str(s) => {
                if let Some(a) = assign {
                    let (value, owned) = match &s {
                        S::Owned(_) | S::Format(..) => (s.to_owned_tokens(), true),
                        _ => (s.as_str(), false),
                    };
                    let id = self.bind(scope, a, Kind::Str { owned })?;
                    wraps.push(Wrap::Let(id, value));
                }
            }
            Val::Partition(t) => {
                if let Some(a) = assign {
                    let id = self.bind(scope, a, Kind::Partition)?;
                    wraps.push(Wrap::Let(id, t));
                }
            }
            Val::Url(t) => {
                if let Some(a) = assign {
                    let id = self.bind(scope, a, Kind::Url)?;
                    wraps.push(Wrap::Let(id, quote! { &#t }));
                }
            }
            Val::StrArray(t) => {
                if let Some(a) = assign {
                    let id = self.bind(scope, a, Kind::StrArray)?;
                    wraps.push(Wrap::Let(id, t));
                }
            }
            Val::Int(_) => return Err(self.model("a condition's value is an integer")),
        }
        Ok(())
    }

    fn optional(&self, scope: &mut Scope, assign: Option<&str>, value: TokenStream, kind: Kind, wraps: &mut Vec<Wrap>) -> Result<(), Error> {
        match assign {
            Some(a) => {
                let id = self.bind(scope, a, kind)?;
                wraps.push(Wrap::IfLet(id, value));
            }
            None => wraps.push(Wrap::If(B::IsSome(value))),
        }
        Ok(())
    }

    // --- expressions ------------------------------------------------------------------------

    fn string(&self, e: &Expr, scope: &Scope, what: &str) -> Result<S, Error> {
        match self.expr(e, scope)? {
            Val::Str(s) => Ok(s),
            v => Err(self.type_error(what, "a string", &v, e)),
        }
    }

    fn boolean(&self, e: &Expr, scope: &Scope, what: &str) -> Result<B, Error> {
        match self.expr(e, scope)? {
            Val::Bool(b) => Ok(b),
            v => Err(self.type_error(what, "a boolean", &v, e)),
        }
    }

    fn type_error(&self, what: &str, expected: &str, got: &Val, e: &Expr) -> Error {
        let hint = if got.is_optional() {
            match e {
                Expr::Ref(r) => format!(" (`{r}` may be unset here: check it with `isSet` first, or `assign` it in a condition)"),
                _ => " (the value may be unset here: `assign` it in a condition first)".to_owned(),
            }
        } else {
            String::new()
        };
        self.model(format!("{what} must be {expected}, but is a {} value{hint}", got.type_name()))
    }

    fn expr(&self, e: &Expr, scope: &Scope) -> Result<Val, Error> {
        match e {
            Expr::Template(parts) => self.template(parts, scope).map(Val::Str),
            Expr::Bool(b) => Ok(Val::Bool(B::Lit(*b))),
            Expr::Int(n) => Ok(Val::Int(*n)),
            Expr::Ref(name) => {
                let l = scope.get(name).ok_or_else(|| self.model(format!("`{name}` is not a parameter or an assigned name in scope")))?;
                let id = &l.ident;
                let t = quote! { #id };
                Ok(match l.kind {
                    Kind::Str { owned } => Val::Str(S::Var(id.clone(), owned)),
                    Kind::OptStr => Val::OptStr(t, false),
                    Kind::Bool => Val::Bool(B::Expr(t)),
                    Kind::OptBool => Val::OptBool(t),
                    Kind::Partition => Val::Partition(t),
                    Kind::Url => Val::Url(t),
                    Kind::StrArray => Val::StrArray(t),
                    Kind::OptStrArray => Val::OptStrArray(t),
                })
            }
            Expr::Array(_) | Expr::Record(_) => Err(self.model("a list or object literal is only allowed in endpoint properties")),
            Expr::GetAttr { target, path, text } => {
                let t = self.expr(target, scope)?;
                self.get_attr(t, path, text, target)
            }
            Expr::Fn { name, args } => self.call(name, args, scope),
        }
    }

    fn get_attr(&self, target: Val, path: &[PathPart], text: &str, target_expr: &Expr) -> Result<Val, Error> {
        let bad = |on: &str| self.model(format!("getAttr: `{text}` is not an attribute of a {on}"));
        match (&target, path) {
            (Val::Partition(t), [PathPart::Key(k)]) => {
                let s = |f: &str| {
                    let f = Ident::new(f, Span::call_site());
                    Val::Str(S::Ref(quote! { #t.#f }))
                };
                let b = |f: &str| {
                    let f = Ident::new(f, Span::call_site());
                    Val::Bool(B::Expr(quote! { #t.#f }))
                };
                Ok(match k.as_str() {
                    "name" => s("name"),
                    "dnsSuffix" => s("dns_suffix"),
                    "dualStackDnsSuffix" => s("dual_stack_dns_suffix"),
                    "implicitGlobalRegion" => s("implicit_global_region"),
                    "supportsFIPS" => b("supports_fips"),
                    "supportsDualStack" => b("supports_dual_stack"),
                    _ => return Err(bad("partition")),
                })
            }
            (Val::Url(t), [PathPart::Key(k)]) => {
                let s = |f: &str| {
                    let f = Ident::new(f, Span::call_site());
                    Val::Str(S::Ref(quote! { #t.#f.as_str() }))
                };
                Ok(match k.as_str() {
                    "scheme" => s("scheme"),
                    "authority" => s("authority"),
                    "path" => s("path"),
                    "normalizedPath" => s("normalized_path"),
                    "isIp" => Val::Bool(B::Expr(quote! { #t.is_ip })),
                    _ => return Err(bad("URL")),
                })
            }
            (Val::StrArray(t), [PathPart::Index(i)]) => {
                let item = if *i == 0 {
                    quote! { #t.first() }
                } else {
                    let i = Literal::usize_unsuffixed(*i);
                    quote! { #t.get(#i) }
                };
                Ok(Val::OptStr(quote! { #item.map(::std::string::String::as_str) }, false))
            }
            (v, _) if v.is_optional() => Err(self.type_error("the target of getAttr", "set", v, target_expr)),
            (v, _) => Err(bad(v.type_name())),
        }
    }

    fn call(&self, name: &str, args: &[Expr], scope: &Scope) -> Result<Val, Error> {
        let arity = |n: usize| -> Result<(), Error> {
            if args.len() == n {
                Ok(())
            } else {
                Err(self.model(format!("`{name}` takes {n} argument{}, not {}", if n == 1 { "" } else { "s" }, args.len())))
            }
        };
        let what = |i: usize| format!("argument {} of `{name}`", i + 1);
        match name {
            "isSet" => {
                arity(1)?;
                let v = self.expr(&args[0], scope)?;
                Ok(Val::Bool(match v {
                    Val::OptStr(t, _) | Val::OptBool(t) | Val::OptUrl(t) | Val::OptStrArray(t) => B::IsSome(t),
                    _ => B::Lit(true),
                }))
            }
            "not" => {
                arity(1)?;
                Ok(Val::Bool(self.boolean(&args[0], scope, &what(0))?.negate()))
            }
            "booleanEquals" => {
                arity(2)?;
                let a = self.boolean(&args[0], scope, &what(0))?;
                let b = self.boolean(&args[1], scope, &what(1))?;
                Ok(Val::Bool(match (a, b) {
                    (B::Lit(x), B::Lit(y)) => B::Lit(x == y),
                    (B::Lit(true), v) | (v, B::Lit(true)) => v,
                    (B::Lit(false), v) | (v, B::Lit(false)) => v.negate(),
                    (a, b) => B::Eq(a.operand(), b.operand()),
                }))
            }
            "stringEquals" => {
                arity(2)?;
                let a = self.string(&args[0], scope, &what(0))?;
                let b = self.string(&args[1], scope, &what(1))?;
                Ok(Val::Bool(match (&a, &b) {
                    (S::Lit(x), S::Lit(y)) => B::Lit(x == y),
                    _ => B::Eq(a.as_str(), b.as_str()),
                }))
            }
            "parseURL" => {
                arity(1)?;
                let s = self.string(&args[0], scope, &what(0))?.as_str();
                let f = runtime_fn("parse_url");
                Ok(Val::OptUrl(quote! { #f(#s) }))
            }
            "substring" => {
                arity(4)?;
                let s = self.string(&args[0], scope, &what(0))?.as_str();
                let index = |i: usize| match self.expr(&args[i], scope)? {
                    Val::Int(n) => usize::try_from(n)
                        .map(Literal::usize_unsuffixed)
                        .map_err(|_| self.model(format!("{} is too large", what(i)))),
                    v => Err(self.type_error(&what(i), "an integer literal", &v, &args[i])),
                };
                let (start, stop) = (index(1)?, index(2)?);
                let reverse = self.boolean(&args[3], scope, &what(3))?.tokens();
                let f = runtime_fn("substring");
                Ok(Val::OptStr(quote! { #f(#s, #start, #stop, #reverse) }, true))
            }
            "isValidHostLabel" => {
                arity(2)?;
                let s = self.string(&args[0], scope, &what(0))?.as_str();
                let sub = self.boolean(&args[1], scope, &what(1))?.tokens();
                let f = runtime_fn("is_valid_host_label");
                Ok(Val::Bool(B::Expr(quote! { #f(#s, #sub) })))
            }
            "uriEncode" => {
                arity(1)?;
                let s = self.string(&args[0], scope, &what(0))?.as_str();
                let f = runtime_fn("uri_encode");
                Ok(Val::Str(S::Owned(quote! { #f(#s) })))
            }
            "aws.partition" => {
                arity(1)?;
                let s = self.string(&args[0], scope, &what(0))?.as_str();
                let f = runtime_fn("partition");
                Ok(Val::Partition(quote! { #f(#s) }))
            }
            other => Err(unsupported(
                self.shape,
                format!("the endpoint rule set uses the function `{other}`, which this generator does not implement"),
            )),
        }
    }

    fn template(&self, parts: &[Part], scope: &Scope) -> Result<S, Error> {
        match parts {
            [Part::Lit(s)] => return Ok(S::Lit(s.clone())),
            [Part::Dyn(e)] => return self.string(e, scope, "a template part"),
            _ => {}
        }
        let mut fmt = String::new();
        let mut args = Vec::new();
        for p in parts {
            match p {
                Part::Lit(s) => fmt.push_str(&s.replace('{', "{{").replace('}', "}}")),
                Part::Dyn(e) => match self.string(e, scope, "a template part")? {
                    S::Lit(s) => fmt.push_str(&s.replace('{', "{{").replace('}', "}}")),
                    S::Var(id, _) if !id.to_string().starts_with("r#") => {
                        fmt.push('{');
                        fmt.push_str(&id.to_string());
                        fmt.push('}');
                    }
                    S::Var(id, _) => {
                        fmt.push_str("{}");
                        args.push(quote! { #id });
                    }
                    S::Ref(t) | S::Owned(t) => {
                        fmt.push_str("{}");
                        args.push(t);
                    }
                    s @ S::Format(..) => {
                        fmt.push_str("{}");
                        args.push(s.to_owned_tokens());
                    }
                },
            }
        }
        Ok(S::Format(fmt, args))
    }

    // --- tests ------------------------------------------------------------------------------

    fn tests(&self, rs: &RuleSet, cases: &[TestCase], crate_ident: &str) -> Result<TokenStream, Error> {
        // Unit tests inside the crate (`src/endpoint/tests.rs`): the crate is `crate`.
        let _ = crate_ident;
        let krate = quote! { crate };
        let width = cases.len().to_string().len();
        let mut fns = Vec::new();
        for (i, case) in cases.iter().enumerate() {
            let at = format!("endpoint test case {}", i + 1);
            let mut inits = Vec::new();
            let mut described = Vec::new();
            let mut slug_parts = Vec::new();
            for p in &rs.params {
                let Some((_, value)) = case.params.iter().find(|(n, _)| n == &p.name) else { continue };
                if value.is_null() {
                    continue;
                }
                let inner = match (p.ty, value) {
                    (ParamType::String, Value::String(s)) => {
                        slug_parts.push(format!("{}_{}", p.field.trim_start_matches("r#"), slug(s)));
                        quote! { ::std::string::String::from(#s) }
                    }
                    (ParamType::Boolean, Value::Bool(b)) => {
                        if *b {
                            slug_parts.push(p.field.trim_start_matches("r#").to_owned());
                        }
                        quote! { #b }
                    }
                    (ParamType::StringArray, Value::Array(items)) if items.iter().all(Value::is_string) => {
                        slug_parts.push(p.field.trim_start_matches("r#").to_owned());
                        let items = items.iter().filter_map(Value::as_str);
                        quote! { ::std::vec![#(::std::string::String::from(#items)),*] }
                    }
                    _ => return Err(self.model(format!("{at}: `{}` = {value} does not have the parameter's type", p.name))),
                };
                let name = crate::emit::ident(&p.field);
                let value_tokens = if p.optional() { quote! { ::std::option::Option::Some(#inner) } } else { inner };
                inits.push(quote! { #name: #value_tokens, });
                described.push(format!("`{}` = `{value}`", p.name));
            }
            for (name, _) in &case.params {
                if !rs.params.iter().any(|p| &p.name == name) {
                    return Err(self.model(format!("{at}: `{name}` is not a parameter of the rule set")));
                }
            }
            let rest = if inits.len() < rs.params.len() { quote! { ..::std::default::Default::default() } } else { quote! {} };
            let mut slug_text = slug_parts.join("_");
            if slug_text.is_empty() {
                slug_text = "no_parameters".into();
            }
            let name = fn_name(i + 1, width, &slug_text);
            let mut doc = vec![if described.is_empty() { "No parameters.".to_owned() } else { format!("Parameters: {}.", described.join(", ")) }];
            let check = match &case.expect {
                Expect::Endpoint { url, headers, properties } => {
                    doc.push(format!("Expects the endpoint `{url}`."));
                    let mut asserts = vec![quote! { ::std::assert_eq!(endpoint.url, #url); }];
                    if let Some(h) = headers {
                        if self.uses_headers {
                            let entries = h
                                .iter()
                                .map(|(k, v)| {
                                    let values = v
                                        .as_array()
                                        .filter(|a| a.iter().all(Value::is_string))
                                        .ok_or_else(|| self.model(format!("{at}: the expected header `{k}` is not a list of strings")))?
                                        .iter()
                                        .filter_map(Value::as_str);
                                    Ok(quote! { (::std::string::String::from(#k), ::std::vec![#(::std::string::String::from(#values)),*]) })
                                })
                                .collect::<Result<Vec<_>, Error>>()?;
                            let expected = if entries.is_empty() {
                                quote! { ::std::collections::BTreeMap::new() }
                            } else {
                                quote! { ::std::collections::BTreeMap::from([#(#entries),*]) }
                            };
                            asserts.push(quote! {
                                let expected: ::std::collections::BTreeMap<::std::string::String, ::std::vec::Vec<::std::string::String>> = #expected;
                                ::std::assert_eq!(endpoint.headers, expected);
                            });
                        } else if !h.is_empty() {
                            return Err(self.model(format!("{at} expects headers, but no rule of the rule set sets any")));
                        }
                    }
                    if let Some(p) = properties {
                        if self.uses_properties {
                            let json = Value::Object(p.clone()).to_string();
                            asserts.push(quote! {
                                let expected: ::serde_json::Value = ::serde_json::from_str(#json).expect("the expected properties are JSON");
                                ::std::assert_eq!(::serde_json::Value::Object(endpoint.properties), expected);
                            });
                        } else if !p.is_empty() {
                            return Err(self.model(format!("{at} expects properties, but no rule of the rule set sets any")));
                        }
                    }
                    quote! {
                        let endpoint = match #krate::endpoint::resolve(&params) {
                            ::std::result::Result::Ok(endpoint) => endpoint,
                            ::std::result::Result::Err(error) => ::std::panic!("expected an endpoint, got the error `{error}`"),
                        };
                        #(#asserts)*
                    }
                }
                Expect::Error(message) => {
                    doc.push(format!("Expects the error `{}`.", message.replace('`', "'")));
                    quote! {
                        match #krate::endpoint::resolve(&params) {
                            ::std::result::Result::Ok(endpoint) => ::std::panic!("expected an error, got the endpoint `{}`", endpoint.url),
                            ::std::result::Result::Err(error) => ::std::assert_eq!(error.to_string(), #message),
                        }
                    }
                }
            };
            let doc = doc_attrs(&doc);
            fns.push(quote! {
                #doc
                #[test]
                fn #name() {
                    let params = #krate::endpoint::Params { #(#inits)* #rest };
                    #check
                }
            });
        }
        let docs = crate::emit::inner_docs(&[format!(
            "The `{TESTS_TRAIT}` cases of `{}` ({} cases), run against the generated `endpoint::resolve`.",
            self.shape,
            cases.len()
        )]);
        Ok(quote! {
            #docs
            #(#fns)*
        })
    }
}

fn error_struct() -> TokenStream {
    quote! {
        /// Why no endpoint could be resolved: the message of the rule set's `error` rule, verbatim.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct EndpointError {
            message: ::std::borrow::Cow<'static, str>,
        }

        impl EndpointError {
            /// The rule set's message.
            pub fn message(&self) -> &str {
                &self.message
            }
        }

        impl ::std::fmt::Display for EndpointError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.message)
            }
        }

        impl ::std::error::Error for EndpointError {}
    }
}

/// What a client sets a built-in parameter from (our wording).
fn built_in_doc(name: &str) -> &'static str {
    match name {
        "AWS::Region" => "the region the client is configured for (`region`)",
        "AWS::UseFIPS" => "whether the client is configured to use FIPS endpoints (`use_fips`)",
        "AWS::UseDualStack" => "whether the client is configured to use dual-stack (IPv4 and IPv6) endpoints (`use_dual_stack`)",
        "SDK::Endpoint" => "the endpoint URL the client is configured to use instead of a resolved one (`endpoint`)",
        _ => "set by the client from its configuration",
    }
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
fn fn_name(number: usize, width: usize, slug: &str) -> Ident {
    const MAX: usize = 72;
    let mut s: String = slug.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if s.len() > MAX {
        let cut = s.get(..MAX).and_then(|head| head.rfind('_')).unwrap_or(MAX);
        s.truncate(cut);
    }
    Ident::new(&format!("case_{number:0width$}_{s}"), Span::call_site())
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use super::*;
    use crate::Model;

    /// A one-service model whose service carries `rule_set` (and `tests`, if any).
    fn service(rule_set: &str, tests: Option<&str>) -> Shape {
        let tests = tests.map(|t| format!(r#", "smithy.rules#endpointTests": {t}"#)).unwrap_or_default();
        let json = format!(
            r#"{{"smithy":"2.0","shapes":{{"ex#Svc":{{"type":"service","version":"1","traits":{{"smithy.rules#endpointRuleSet": {rule_set}{tests}}}}}}}}}"#
        );
        let model = Model::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{json}"));
        let (shape, _) = model.service().unwrap();
        shape.clone()
    }

    fn generate(rule_set: &str) -> Result<EndpointCode, Error> {
        endpoint_module(&service(rule_set, None), "fixture").map(|c| c.expect("a rule set"))
    }

    const PARAMS: &str = r#"{
        "Region": {"type": "string", "builtIn": "AWS::Region", "required": false},
        "UseFIPS": {"type": "boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false}
    }"#;

    fn with_rules(rules: &str) -> String {
        format!(r#"{{"version": "1.0", "parameters": {PARAMS}, "rules": {rules}}}"#)
    }

    fn condition_rule(condition: &str) -> String {
        with_rules(&format!(
            r#"[{{"conditions": [{{"fn": "isSet", "argv": [{{"ref": "Region"}}]}}, {condition}], "type": "endpoint", "endpoint": {{"url": "https://x"}}}},
               {{"conditions": [], "type": "error", "error": "no"}}]"#
        ))
    }

    #[test]
    fn unsupported_functions_fail_generation_naming_the_function_and_the_shape() {
        for f in ["aws.parseArn", "aws.isVirtualHostableS3Bucket", "coalesce", "someFutureFunction"] {
            let rs = condition_rule(&format!(r#"{{"fn": "{f}", "argv": [{{"ref": "Region"}}], "assign": "X"}}"#));
            let err = generate(&rs).unwrap_err();
            assert!(matches!(err, Error::Unsupported { .. }), "{err:?}");
            let text = err.to_string();
            assert!(text.contains(&format!("`{f}`")) && text.contains("ex#Svc"), "{text}");
        }
        // Also when nested inside a supported function.
        let rs = condition_rule(r#"{"fn": "not", "argv": [{"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "Region"}, false]}]}"#);
        assert!(generate(&rs).unwrap_err().to_string().contains("aws.isVirtualHostableS3Bucket"));
    }

    #[test]
    fn a_crate_name_that_is_no_identifier_is_a_config_error() {
        let err = endpoint_module(&service(&with_rules("[]"), None), "a.b").unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{err:?}");
    }

    #[test]
    fn no_rule_set_generates_nothing() {
        let json = r#"{"smithy":"2.0","shapes":{"ex#Svc":{"type":"service","version":"1"}}}"#;
        let model = Model::from_json(json.as_bytes()).unwrap();
        assert_eq!(endpoint_module(model.service().unwrap().0, "x").unwrap(), None);
    }

    #[test]
    fn ill_typed_rules_are_model_errors() {
        let cases = [
            // An optional parameter read without isSet.
            (with_rules(r#"[{"conditions": [], "type": "endpoint", "endpoint": {"url": "https://{Region}"}}]"#), "check it with `isSet`"),
            (condition_rule(r#"{"fn": "stringEquals", "argv": [{"ref": "Nope"}, "a"]}"#), "`Nope` is not a parameter"),
            (condition_rule(r#"{"fn": "booleanEquals", "argv": [{"ref": "Region"}, true]}"#), "must be a boolean"),
            (condition_rule(r#"{"fn": "stringEquals", "argv": ["a"]}"#), "takes 2 arguments"),
            (condition_rule(r#"{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "Region"}"#), "shadows"),
            (with_rules(r#"[{"conditions": [], "type": "endpoint", "endpoint": {"url": "https://{Region"}}]"#), "unmatched"),
            (with_rules(r#"[{"conditions": [], "type": "nope"}]"#), "unknown rule type"),
            (
                with_rules(
                    r#"[{"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}, {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
                         "type": "endpoint", "endpoint": {"url": "https://{P#nope}"}}]"#,
                ),
                "not an attribute of a partition",
            ),
        ];
        for (rs, needle) in cases {
            let err = generate(&rs).unwrap_err();
            assert!(matches!(err, Error::Model { .. }), "{err:?}");
            let text = err.to_string();
            assert!(text.contains(needle) && text.contains("ex#Svc"), "{needle}: {text}");
        }
        let rs = r#"{"parameters": {"Stuff": {"type": "integer"}}, "rules": []}"#;
        assert!(matches!(generate(rs).unwrap_err(), Error::Unsupported { .. }));
        let rs = r#"{"parameters": {"FooBar": {"type": "string"}, "foo_bar": {"type": "string"}}, "rules": []}"#;
        assert!(matches!(generate(rs).unwrap_err(), Error::Naming { .. }));
    }

    #[test]
    fn templates_parse_escapes_and_short_forms() {
        let parts = parse_template("x", "a{{b}}{R}c{P#d.e[1]}", "t").unwrap();
        assert_eq!(parts.len(), 4);
        assert!(matches!(&parts[0], Part::Lit(s) if s == "a{b}"));
        assert!(matches!(&parts[1], Part::Dyn(Expr::Ref(r)) if r == "R"));
        assert!(matches!(&parts[2], Part::Lit(s) if s == "c"));
        match &parts[3] {
            Part::Dyn(Expr::GetAttr { path, .. }) => {
                assert_eq!(path, &[PathPart::Key("d".into()), PathPart::Key("e".into()), PathPart::Index(1)])
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse_template("x", "", "t").unwrap().as_slice(), [Part::Lit(s)] if s.is_empty()));
        for bad in ["{", "}", "a{}b", "{a{b}}", "{a#}"] {
            assert!(parse_template("x", bad, "t").is_err(), "{bad}");
        }
    }

    #[test]
    fn rules_become_straight_line_code() {
        let rs = with_rules(
            r#"[{"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "type": "tree", "rules": [
                  {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "PartitionResult"}], "type": "tree", "rules": [
                     {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]},
                                     {"fn": "booleanEquals", "argv": [true, {"fn": "getAttr", "argv": [{"ref": "PartitionResult"}, "supportsFIPS"]}]}],
                      "type": "endpoint", "endpoint": {"url": "https://svc-fips.{Region}.{PartitionResult#dnsSuffix}"}},
                     {"conditions": [{"fn": "not", "argv": [{"fn": "stringEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "PartitionResult"}, "name"]}, "aws"]}]}],
                      "type": "error", "error": "Only {{aws}}: {Region}"},
                     {"conditions": [], "type": "endpoint", "endpoint": {"url": "https://svc.{Region}.{PartitionResult#dnsSuffix}"}}
                  ]}
               ]},
               {"conditions": [], "type": "error", "error": "Invalid Configuration: Missing Region"}]"#,
        );
        let code = generate(&rs).unwrap();
        let squash = |t: &str| t.split_whitespace().collect::<String>();
        let text = squash(&code.module);
        for needle in [
            "pub struct Params { ",
            "pub region: ::std::option::Option<::std::string::String>,",
            "pub use_fips: bool,",
            "#[derive(Clone, Debug, Default, PartialEq, Eq)]",
            "let Params { region, use_fips } = params;",
            "if let ::std::option::Option::Some(region) = region {",
            "let partition_result = crate::endpoint::runtime::partition(region);",
            "if use_fips && partition_result.supports_fips {",
            r#"::std::format!( "https://svc-fips.{region}.{}", partition_result.dns_suffix )"#,
            r#"if partition_result.name != "aws" {"#,
            r#"::std::borrow::Cow::Owned(::std::format!("Only {{aws}}: {region}")"#,
            r#"Cow::Borrowed("Invalid Configuration: Missing Region")"#,
        ] {
            assert!(text.contains(&squash(needle)), "missing `{needle}` in\n{}", code.module);
        }
        // The last rule is the function's value, not a `return`; no fallback after a terminal rule.
        assert!(!text.contains(NO_RULE_MATCHED), "{}", code.module);
        assert!(text.ends_with(&squash(r#"Cow::Borrowed("Invalid Configuration: Missing Region"), }) }"#)), "{}", code.module);
        assert!(code.tests.is_none() && !code.uses_serde_json);
        let files = code.files();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, [EndpointCode::MODULE_PATH, EndpointCode::RUNTIME_PATH, EndpointCode::PARTITIONS_PATH]);
        assert!(files.iter().all(|f| f.contents.starts_with("// @generated by the `generator` crate from the Smithy model of `ex#Svc`.")));
        assert!(files[1].contents.ends_with(RUNTIME));
        assert!(files[2].contents.ends_with(&code.partitions) && code.partitions.contains("pub static PARTITIONS"));
    }

    #[test]
    fn runtime_template_starts_with_module_docs() {
        assert!(RUNTIME.starts_with("//! "), "the runtime is a module of its own and starts with `//!` docs");
        assert!(!RUNTIME.contains("crate::"), "the runtime must not depend on where it is mounted");
    }

    /// Covers every supported function, headers, properties, escapes, narrowing and the
    /// fall-through error of a tree; its tests run in a scratch crate.
    const RICH_RULE_SET: &str = r#"{
      "version": "1.0",
      "parameters": {
        "Region": {"type": "string", "builtIn": "AWS::Region", "required": false, "documentation": "Where the service is."},
        "UseFIPS": {"type": "boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
        "Endpoint": {"type": "string", "builtIn": "SDK::Endpoint", "required": false},
        "Prefix": {"type": "string", "required": true, "default": "api"},
        "Tags": {"type": "stringArray", "required": false},
        "Strict": {"type": "boolean", "required": false, "deprecated": {"message": "use something else"}}
      },
      "rules": [
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}, {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "Url"}],
         "type": "tree", "rules": [
          {"conditions": [{"fn": "stringEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "Url"}, "scheme"]}, "http"]}],
           "type": "error", "error": "Insecure endpoint: {Url#authority}"},
          {"conditions": [{"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "Url"}, "isIp"]}, true]}],
           "type": "endpoint", "endpoint": {"url": "{Url#scheme}://{Url#authority}{Url#normalizedPath}{Prefix}", "headers": {"x-ip": ["true"]}, "properties": {}}},
          {"conditions": [], "type": "endpoint", "endpoint": {"url": "{Url#scheme}://{Prefix}.{Url#authority}{Url#path}",
           "headers": {"x-prefix": ["{Prefix}", "static"]},
           "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc", "disableDoubleEncoding": true, "weight": 2}], "prefix": "{Prefix}"}}}
        ]},
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "type": "error", "error": "Not a URL: {Endpoint}"},
        {"conditions": [{"fn": "not", "argv": [{"fn": "isSet", "argv": [{"ref": "Region"}]}]}], "type": "error", "error": "Invalid Configuration: Missing Region"},
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "type": "tree", "rules": [
          {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}], "type": "tree", "rules": [
            {"conditions": [{"fn": "isSet", "argv": [{"ref": "Tags"}]}, {"fn": "getAttr", "argv": [{"ref": "Tags"}, "[0]"], "assign": "First"},
                            {"fn": "uriEncode", "argv": [{"ref": "First"}], "assign": "Enc"},
                            {"fn": "substring", "argv": [{"ref": "Region"}, 0, 2, false], "assign": "Head"},
                            {"fn": "substring", "argv": [{"ref": "Region"}, 0, 1, true], "assign": "Tail"}],
             "type": "endpoint", "endpoint": {"url": "https://{Enc}.{Head}{Tail}.{P#dnsSuffix}"}},
            {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]},
                            {"fn": "booleanEquals", "argv": [false, {"fn": "getAttr", "argv": [{"ref": "P"}, "supportsFIPS"]}]}],
             "type": "error", "error": "FIPS unsupported in {P#name}"},
            {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
             "type": "endpoint", "endpoint": {"url": "https://svc-fips.{Region}.{P#dnsSuffix}"}},
            {"conditions": [{"fn": "isSet", "argv": [{"ref": "Strict"}]}, {"fn": "booleanEquals", "argv": [{"ref": "Strict"}, true]},
                            {"fn": "not", "argv": [{"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, false]}]}],
             "type": "error", "error": "Invalid region {{{Region}}}"},
            {"conditions": [{"fn": "stringEquals", "argv": ["aws-cn", {"fn": "getAttr", "argv": [{"ref": "P"}, "name"]}]}],
             "type": "endpoint", "endpoint": {"url": "https://svc.{Region}.{P#dnsSuffix}/{{cn}}"}},
            {"conditions": [{"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, true]}],
             "type": "endpoint", "endpoint": {"url": "https://svc.{Region}.{P#dnsSuffix}"}}
          ]}
        ]},
        {"conditions": [], "type": "error", "error": "unreachable"}
      ]
    }"#;

    const RICH_TESTS: &str = r#"{"version": "1.0", "testCases": [
      {"params": {"Endpoint": "http://example.com"}, "expect": {"error": "Insecure endpoint: example.com"}},
      {"params": {"Endpoint": "https://10.0.0.1:8443/a"},
       "expect": {"endpoint": {"url": "https://10.0.0.1:8443/a/api", "headers": {"x-ip": ["true"]}, "properties": {}}}},
      {"params": {"Endpoint": "https://example.com/p", "Prefix": "v2"},
       "expect": {"endpoint": {"url": "https://v2.example.com/p", "headers": {"x-prefix": ["v2", "static"]},
                  "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc", "disableDoubleEncoding": true, "weight": 2}], "prefix": "v2"}}}},
      {"params": {"Endpoint": "not a url"}, "expect": {"error": "Not a URL: not a url"}},
      {"expect": {"error": "Invalid Configuration: Missing Region"}},
      {"params": {"Region": "us-east-1", "Tags": ["a b", "c"]}, "expect": {"endpoint": {"url": "https://a%20b.us1.amazonaws.com"}}},
      {"params": {"Region": "us-east-1", "UseFIPS": true}, "expect": {"endpoint": {"url": "https://svc-fips.us-east-1.amazonaws.com"}}},
      {"params": {"Region": "us east 1", "Strict": true}, "expect": {"error": "Invalid region {us east 1}"}},
      {"params": {"Region": "cn-north-1"}, "expect": {"endpoint": {"url": "https://svc.cn-north-1.amazonaws.com.cn/{cn}"}}},
      {"params": {"Region": "a.b", "Strict": false}, "expect": {"endpoint": {"url": "https://svc.a.b.amazonaws.com"}}},
      {"params": {"Region": "a..b"}, "expect": {"error": "No endpoint rule matched the parameters"}},
      {"params": {"Region": "us-isof-south-1", "UseFIPS": true}, "expect": {"endpoint": {"url": "https://svc-fips.us-isof-south-1.csp.hci.ic.gov"}}}
    ]}"#;

    /// A required parameter without a default, and a non-false default.
    const REQUIRED_RULE_SET: &str = r#"{
      "version": "1.0",
      "parameters": {
        "Account": {"type": "string", "required": true},
        "Secure": {"type": "boolean", "required": true, "default": true},
        "Unused": {"type": "stringArray", "required": true, "default": ["x"]}
      },
      "rules": [
        {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "Secure"}, false]}], "type": "endpoint", "endpoint": {"url": "http://{Account}.example.com"}},
        {"conditions": [], "type": "endpoint", "endpoint": {"url": "https://{Account}.example.com"}}
      ]
    }"#;

    const REQUIRED_TESTS: &str = r#"{"version": "1.0", "testCases": [
      {"params": {"Account": "a1"}, "expect": {"endpoint": {"url": "https://a1.example.com"}}},
      {"params": {"Account": "a1", "Secure": false, "Unused": ["y"]}, "expect": {"endpoint": {"url": "http://a1.example.com"}}},
      {"params": {}, "expect": {"error": "Invalid Configuration: the required endpoint parameter `Account` is not set"}}
    ]}"#;

    fn manifest_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    /// The official model of `file`, from `CONNECT_MODEL`'s directory or `../shared/models/`.
    fn official_model(file: &str) -> Option<Model> {
        let dir = match std::env::var_os("CONNECT_MODEL") {
            Some(p) => PathBuf::from(p).parent().map(Path::to_path_buf).unwrap_or_default(),
            None => manifest_dir().join("../../shared/models"),
        };
        let path = dir.join(file);
        match std::fs::read(&path) {
            Ok(bytes) => Some(Model::from_json(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))),
            Err(_) if std::env::var_os("CI").is_some() => panic!("the official model {} is missing", path.display()),
            Err(_) => {
                eprintln!("note: {} not found; skipping its endpoint tests", path.display());
                None
            }
        }
    }

    /// Writes a crate with the endpoint module of `code`.
    fn write_crate(root: &Path, package: &str, code: &EndpointCode) {
        // The runtime's own dependencies, then what the compiled rules need.
        let mut deps = String::from("http = \"1\"\npercent-encoding = \"2\"\n");
        if code.uses_serde_json {
            deps.push_str("serde_json = \"1.0.100\"\n");
        }
        let manifest = format!(
            "[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition = \"2021\"\nrust-version = \"1.80\"\npublish = false\n\n[dependencies]\n{deps}"
        );
        let lib = "//! Scratch crate for generated endpoint code.\n#![forbid(unsafe_code)]\n#![warn(missing_docs)]\n\npub mod endpoint;\n";
        let mut files = code.files();
        files.push(GeneratedFile { path: "Cargo.toml".into(), contents: manifest });
        files.push(GeneratedFile { path: "src/lib.rs".into(), contents: lib.into() });
        for f in files {
            let path = root.join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &f.contents).unwrap();
        }
    }

    /// Generated crates build without warnings and pass their generated endpoint tests: two
    /// hand-written rule sets, and the official Amazon Connect and Connect Participant models.
    #[test]
    fn generated_endpoint_crates_compile_and_pass_their_tests() {
        // One scratch directory per checkout (its builds are reused), so that runs from other
        // checkouts at the same time do not write over each other's crates.
        let checkout = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            manifest_dir().hash(&mut hasher);
            hasher.finish()
        };
        let dir = std::env::temp_dir().join(format!("smithy-generator-endpoint-crates-{checkout:016x}"));
        let _ = std::fs::remove_dir_all(dir.join("crates"));
        let mut crates: Vec<(String, EndpointCode)> = Vec::new();
        for (name, rs, tests) in [("rich", RICH_RULE_SET, RICH_TESTS), ("required", REQUIRED_RULE_SET, REQUIRED_TESTS)] {
            let package = format!("endpoint-{name}");
            let code = endpoint_module(&service(rs, Some(tests)), &package).unwrap_or_else(|e| panic!("{name}: {e}")).unwrap();
            crates.push((package, code));
        }
        for (file, package) in [("connect.json", "amazon-connect"), ("connectparticipant.json", "amazon-connectparticipant")] {
            if let Some(model) = official_model(file) {
                let (shape, _) = model.service().unwrap();
                crates.push((package.into(), endpoint_module(shape, package).unwrap().expect("the official model has a rule set")));
            }
        }
        let mut members = Vec::new();
        for (package, code) in &crates {
            write_crate(&dir.join("crates").join(package), package, code);
            members.push(format!("\"crates/{package}\""));
        }
        std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", "))).unwrap();
        for lock in [manifest_dir().join("Cargo.lock"), manifest_dir().join("../Cargo.lock")] {
            if lock.exists() {
                std::fs::copy(&lock, dir.join("Cargo.lock")).unwrap();
                break;
            }
        }
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(&cargo)
            .args(["test", "--offline", "--workspace"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env("RUSTFLAGS", "-D warnings")
            .output()
            .expect("run cargo");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "endpoint crates failed:\n{stdout}\n{stderr}");
        for (package, code) in &crates {
            // The cases run as unit tests beside the runtime's own.
            let runtime_tests = RUNTIME.matches("#[test]").count();
            let expected = format!("test result: ok. {} passed", code.test_count + runtime_tests);
            assert!(stdout.contains(&expected), "{package}: no `{expected}` in\n{stdout}");
        }
        // Clippy, where it is installed (CI installs it), finds nothing either.
        let has_clippy = Command::new(&cargo).args(["clippy", "--version"]).output().is_ok_and(|o| o.status.success());
        if has_clippy {
            let output = Command::new(&cargo)
                .args(["clippy", "--offline", "--workspace", "--all-targets", "--", "-D", "warnings"])
                .current_dir(&dir)
                .env("CARGO_TARGET_DIR", dir.join("target"))
                .output()
                .expect("run cargo clippy");
            assert!(output.status.success(), "clippy:\n{}", String::from_utf8_lossy(&output.stderr));
        }
        let counts: Vec<usize> = crates.iter().map(|(_, c)| c.test_count).collect();
        assert_eq!(&counts[..2], &[12, 3]);
        if crates.len() == 4 {
            assert_eq!(&counts[2..], &[32, 23]);
        }
    }
}
