//! The `smithy.rules#endpointRuleSet` and `smithy.rules#endpointTests` traits, parsed from
//! their JSON into the rules language's syntax tree. Shape errors (a rule without `type`, an
//! unmatched `{` in a template, …) are reported here; types are checked in `compile`.

use serde_json::{Map, Value};

use super::{model, unsupported};
use crate::error::Error;
use crate::ir::endpoint::ParamType;
use crate::naming;

#[derive(Debug, Clone)]
pub(super) struct Param {
    /// The rules-language name (`UseFIPS`).
    pub(super) name: String,
    /// The Rust field and local name (`use_fips`).
    pub(super) field: String,
    pub(super) ty: ParamType,
    pub(super) required: bool,
    pub(super) default: Option<Value>,
    pub(super) built_in: Option<String>,
    pub(super) docs: Option<String>,
    pub(super) deprecated: Option<String>,
}

impl Param {
    /// The `Params` field is `Option<T>` (no default); otherwise `T`.
    pub(super) fn optional(&self) -> bool {
        self.default.is_none()
    }
}

#[derive(Debug, Clone)]
pub(super) enum Expr {
    /// A string literal: a template with zero or more `{…}` parts.
    Template(Vec<Part>),
    Bool(bool),
    Int(u64),
    Ref(String),
    Fn {
        name: String,
        args: Vec<Expr>,
    },
    GetAttr {
        target: Box<Expr>,
        path: Vec<PathPart>,
        text: String,
    },
    /// Only in endpoint properties.
    Array(Vec<Expr>),
    /// Only in endpoint properties.
    Record(Vec<(String, Expr)>),
}

#[derive(Debug, Clone)]
pub(super) enum Part {
    Lit(String),
    Dyn(Expr),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PathPart {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone)]
pub(super) struct Condition {
    pub(super) func: Expr,
    pub(super) assign: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct EndpointDef {
    pub(super) url: Expr,
    pub(super) headers: Vec<(String, Vec<Expr>)>,
    pub(super) properties: Vec<(String, Expr)>,
}

#[derive(Debug, Clone)]
pub(super) enum RuleKind {
    Endpoint(EndpointDef),
    Error(Expr),
    Tree(Vec<Rule>),
}

#[derive(Debug, Clone)]
pub(super) struct Rule {
    pub(super) conditions: Vec<Condition>,
    pub(super) kind: RuleKind,
}

#[derive(Debug, Clone)]
pub(super) struct RuleSet {
    pub(super) version: String,
    pub(super) params: Vec<Param>,
    pub(super) rules: Vec<Rule>,
}

pub(super) fn parse_rule_set(shape: &str, v: &Value) -> Result<RuleSet, Error> {
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
    fields.claim(&field, name).map_err(|problem| Error::Naming {
        shape: shape.to_owned(),
        problem: format!("endpoint parameters: {problem}"),
    })?;
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
    let url = parse_expr(
        shape,
        obj.get("url").ok_or_else(|| model(shape, format!("{at} has no `url`")))?,
        &format!("{at}.url"),
    )?;
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
        Value::Number(n) => {
            n.as_u64().map(Expr::Int).ok_or_else(|| model(shape, format!("{at}: {n} is not a non-negative integer")))
        }
        Value::Array(items) => Ok(Expr::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, e)| parse_expr(shape, e, &format!("{at}[{i}]")))
                .collect::<Result<_, _>>()?,
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
pub(super) fn parse_template(shape: &str, text: &str, at: &str) -> Result<Vec<Part>, Error> {
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
                let end = rest
                    .find('}')
                    .ok_or_else(|| model(shape, format!("{at}: unmatched `{{` in the template {text:?}")))?;
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
pub(super) struct TestCase {
    /// `(parameter name, value)` in the test's order.
    pub(super) params: Vec<(String, Value)>,
    pub(super) expect: Expect,
}

#[derive(Debug, Clone)]
pub(super) enum Expect {
    Endpoint { url: String, headers: Option<Map<String, Value>>, properties: Option<Map<String, Value>> },
    Error(String),
}

pub(super) fn parse_tests(shape: &str, v: &Value) -> Result<Vec<TestCase>, Error> {
    let cases = v
        .get("testCases")
        .and_then(Value::as_array)
        .ok_or_else(|| model(shape, "`endpointTests` has no `testCases` list"))?;
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
            Expect::Error(
                e.as_str().ok_or_else(|| model(shape, format!("{at}: `expect.error` is not a string")))?.to_owned(),
            )
        } else if let Some(e) = expect.get("endpoint") {
            let url = e
                .get("url")
                .and_then(Value::as_str)
                .ok_or_else(|| model(shape, format!("{at}: `expect.endpoint.url` is not a string")))?;
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

pub(super) fn visit_endpoints(rules: &[Rule], f: &mut dyn FnMut(&EndpointDef)) {
    for r in rules {
        match &r.kind {
            RuleKind::Endpoint(e) => f(e),
            RuleKind::Error(_) => {}
            RuleKind::Tree(sub) => visit_endpoints(sub, f),
        }
    }
}
