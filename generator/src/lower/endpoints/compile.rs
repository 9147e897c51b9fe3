//! The parsed rule set, type-checked and lowered to [`crate::ir::endpoint`].
//!
//! Every rule becomes layers around a body: a condition whose value is optional or assigned
//! becomes `if let`, a boolean one joins an `if a && b`, `isSet(Param)` narrows the parameter
//! for the rest of the rule, and `assign` binds a local, so Rust's scoping is the rules
//! language's scoping. A binding nothing reads is dropped (or becomes `is_some()`), so the
//! emitted code has no unused variables, and rules after an unconditional one are left out.
//!
//! A function whose argument may be unset, a template that reads a non-string, or an unknown
//! name is [`Error::Model`]; a function outside the supported standard library is
//! [`Error::Unsupported`]. What is lowered therefore always compiles.

use serde_json::Value as Json;

use super::parse::{Condition, Expr, Param as RawParam, Part, PathPart, Rule as RawRule, RuleKind, RuleSet};
use super::{model, unsupported};
use crate::error::Error;
use crate::ir::endpoint::*;
use crate::naming;

/// How a local of the generated `resolve` holds its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `&str` or, when `owned`, `String`.
    Str {
        owned: bool,
    },
    /// `Option<&str>`.
    OptStr,
    Bool,
    OptBool,
    /// `&'static Partition`.
    Partition,
    /// `runtime::Url`.
    Url,
    /// `&runtime::Arn`.
    Arn,
    /// `&[String]`.
    StrArray,
    /// `Option<&[String]>`.
    OptStrArray,
}

#[derive(Debug, Clone)]
struct Local {
    name: String,
    ident: String,
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

/// A checked expression and its type.
#[derive(Debug, Clone)]
enum Val {
    Str(Str),
    /// `Option<&str>`, or `Option<String>` when owned.
    OptStr(Code, bool),
    Bool(Bool),
    OptBool(Code),
    Int(u64),
    Partition(Code),
    Url(Code),
    OptUrl(Code),
    Arn(Code),
    OptArn(Code),
    StrArray(Code),
    OptStrArray(Code),
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
            Val::Arn(_) => "ARN",
            Val::OptArn(_) => "optional ARN",
            Val::StrArray(_) => "string array",
            Val::OptStrArray(_) => "optional string array",
        }
    }

    fn is_optional(&self) -> bool {
        matches!(self, Val::OptStr(..) | Val::OptBool(_) | Val::OptUrl(_) | Val::OptArn(_) | Val::OptStrArray(_))
    }
}

/// One condition's effect on a rule, outermost first, before unused bindings are dropped.
enum Wrap {
    Let(String, Value),
    If(Bool),
    IfLet(String, Code),
}

fn negate(b: Bool) -> Bool {
    match b {
        Bool::Lit(b) => Bool::Lit(!b),
        Bool::Expr(t) => Bool::Not(t),
        Bool::Not(t) => Bool::Expr(t),
        Bool::Eq(a, b) => Bool::Ne(a, b),
        Bool::Ne(a, b) => Bool::Eq(a, b),
        Bool::IsSome(t) => Bool::IsNone(t),
        Bool::IsNone(t) => Bool::IsSome(t),
    }
}

fn local(ident: &str) -> Code {
    Code::Local(ident.to_owned())
}

/// The parameter's default as IR, from a default `parse` checked against its type.
pub(super) fn param_value(v: &Json) -> Option<ParamValue> {
    match v {
        Json::String(s) => Some(ParamValue::String(s.clone())),
        Json::Bool(b) => Some(ParamValue::Boolean(*b)),
        Json::Array(items) => {
            Some(ParamValue::StringArray(items.iter().filter_map(Json::as_str).map(str::to_owned).collect()))
        }
        _ => None,
    }
}

pub(super) struct Compiler<'a> {
    pub(super) shape: &'a str,
}

impl Compiler<'_> {
    fn model(&self, problem: impl Into<String>) -> Error {
        model(self.shape, problem)
    }

    /// The whole `resolve`: its prologue and its rules.
    pub(super) fn resolve(&self, rs: &RuleSet) -> Result<(Prologue, Block), Error> {
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
            scope.locals.push(Local { name: p.name.clone(), ident: p.field.clone(), kind });
        }
        let body = self.block(&rs.rules, &scope)?;
        let mut bound = Vec::new();
        let mut reads = Vec::new();
        for p in &rs.params {
            let field = p.field.clone();
            let is_read = body.reads(&field);
            // A required parameter without a default is checked even when no rule reads it.
            let must_check = p.required && p.optional();
            if !is_read && !must_check {
                continue;
            }
            bound.push(field.clone());
            let missing = format!("Invalid Configuration: the required endpoint parameter `{}` is not set", p.name);
            if !is_read {
                reads.push(ParamRead::CheckSet { field, missing });
                continue;
            }
            let read = match (p.ty, p.optional()) {
                (ParamType::String | ParamType::StringArray, true) => ReadAs::AsDeref,
                (ParamType::String, false) => ReadAs::AsStr,
                (ParamType::StringArray, false) => ReadAs::AsSlice,
                (ParamType::Boolean, _) => ReadAs::Copy,
            };
            reads.push(if must_check {
                ParamRead::ReadRequired { field, read, missing }
            } else {
                ParamRead::Read { field, read }
            });
        }
        let binds_all = bound.len() == rs.params.len();
        Ok((Prologue { bound, binds_all, reads }, body))
    }

    /// `Params::from_builtins`: the built-ins a client configuration supplies, where the
    /// parameter's type fits the configuration's value.
    pub(super) fn builtins(params: &[RawParam]) -> Vec<BuiltInSet> {
        params
            .iter()
            .filter_map(|p| {
                let source = match p.built_in.as_deref()? {
                    "AWS::Region" => BuiltInSource::Region,
                    "SDK::Endpoint" => BuiltInSource::Endpoint,
                    "AWS::UseFIPS" => BuiltInSource::UseFips,
                    "AWS::UseDualStack" => BuiltInSource::UseDualStack,
                    _ => return None,
                };
                let fits = match source {
                    BuiltInSource::Region | BuiltInSource::Endpoint => p.ty == ParamType::String,
                    BuiltInSource::UseFips | BuiltInSource::UseDualStack => p.ty == ParamType::Boolean,
                };
                fits.then(|| BuiltInSet { field: p.field.clone(), source, optional: p.optional() })
            })
            .collect()
    }

    // --- rules ------------------------------------------------------------------------------

    /// The rules in order, up to the first that always terminates.
    fn block(&self, rules: &[RawRule], scope: &Scope) -> Result<Block, Error> {
        let mut out = Vec::new();
        for rule in rules {
            let r = self.rule(rule, scope)?;
            let unconditional = r.unconditional;
            out.push(r);
            if unconditional {
                // Any later rule is unreachable.
                return Ok(Block { rules: out, falls_through: false });
            }
        }
        Ok(Block { rules: out, falls_through: true })
    }

    fn rule(&self, rule: &RawRule, scope: &Scope) -> Result<Rule, Error> {
        let mut scope = scope.clone();
        let mut wraps = Vec::new();
        for c in &rule.conditions {
            self.condition(c, &mut scope, &mut wraps)?;
        }
        let unconditional = wraps.iter().all(|w| matches!(w, Wrap::Let(..)));
        let body = self.body(&rule.kind, &scope)?;
        // From the inside out: consecutive boolean conditions become one `if a && b`, and a
        // binding nothing reads is dropped (or becomes `is_some()`).
        let mut inner: Vec<Layer> = Vec::new(); // innermost first
        let mut pending: Vec<Bool> = Vec::new(); // innermost first
        fn flush(pending: &mut Vec<Bool>, inner: &mut Vec<Layer>) {
            if !pending.is_empty() {
                inner.push(Layer::If(pending.drain(..).rev().collect()));
            }
        }
        for w in wraps.into_iter().rev() {
            let read = |id: &str, inner: &[Layer], pending: &[Bool]| {
                body.reads(id) || inner.iter().any(|l| l.reads(id)) || pending.iter().any(|b| b.reads(id))
            };
            match w {
                Wrap::If(b) => pending.push(b),
                Wrap::Let(id, value) => {
                    if read(&id, &inner, &pending) {
                        flush(&mut pending, &mut inner);
                        inner.push(Layer::Let(id, value));
                    }
                }
                Wrap::IfLet(id, value) => {
                    if read(&id, &inner, &pending) {
                        flush(&mut pending, &mut inner);
                        inner.push(Layer::IfLet(id, value));
                    } else {
                        pending.push(Bool::IsSome(value));
                    }
                }
            }
        }
        flush(&mut pending, &mut inner);
        inner.reverse();
        Ok(Rule { layers: inner, body, unconditional })
    }

    fn body(&self, kind: &RuleKind, scope: &Scope) -> Result<Body, Error> {
        Ok(match kind {
            RuleKind::Endpoint(e) => {
                let url = self.string(&e.url, scope, "an endpoint URL")?;
                let headers = e
                    .headers
                    .iter()
                    .map(|(name, values)| {
                        let values = values
                            .iter()
                            .map(|v| self.string(v, scope, "a header value"))
                            .collect::<Result<Vec<_>, _>>()?;
                        Ok((name.clone(), values))
                    })
                    .collect::<Result<Vec<_>, Error>>()?;
                let properties = e
                    .properties
                    .iter()
                    .map(|(name, value)| Ok((name.clone(), self.property(value, scope)?)))
                    .collect::<Result<Vec<_>, Error>>()?;
                Body::Endpoint { url, headers, properties }
            }
            RuleKind::Error(e) => Body::Error(self.string(e, scope, "an error message")?),
            RuleKind::Tree(rules) => Body::Tree(self.block(rules, scope)?),
        })
    }

    fn property(&self, e: &Expr, scope: &Scope) -> Result<Property, Error> {
        Ok(match e {
            Expr::Array(items) => {
                Property::Array(items.iter().map(|i| self.property(i, scope)).collect::<Result<_, _>>()?)
            }
            Expr::Record(fields) => Property::Object(
                fields.iter().map(|(k, v)| Ok((k.clone(), self.property(v, scope)?))).collect::<Result<_, Error>>()?,
            ),
            Expr::Int(n) => Property::Int(*n),
            other => match self.expr(other, scope)? {
                Val::Str(s) => Property::Str(s),
                Val::Bool(b) => Property::Bool(b),
                v => {
                    return Err(self.model(format!("an endpoint property cannot hold {} value", article(v.type_name()))))
                }
            },
        })
    }

    // --- conditions -------------------------------------------------------------------------

    fn bind(&self, scope: &mut Scope, name: &str, kind: Kind) -> Result<String, Error> {
        if scope.get(name).is_some() {
            return Err(self.model(format!("`assign` of `{name}` shadows a name already in scope")));
        }
        let rust = naming::snake_name(name).ok_or_else(|| self.model(format!("`{name}` has no Rust name")))?;
        if let Some(other) = scope.locals.iter().find(|l| naming::unraw(&l.ident) == naming::unraw(&rust)) {
            return Err(Error::Naming {
                shape: self.shape.to_owned(),
                problem: format!("endpoint rules: `{name}` and `{}` both become the Rust name `{rust}`", other.name),
            });
        }
        scope.locals.push(Local { name: name.to_owned(), ident: rust.clone(), kind });
        Ok(rust)
    }

    fn condition(&self, c: &Condition, scope: &mut Scope, wraps: &mut Vec<Wrap>) -> Result<(), Error> {
        let assign = c.assign.as_deref();
        // `isSet(Param)`: narrow the parameter for the rest of the rule.
        if let (Expr::Fn { name, args }, None) = (&c.func, assign) {
            if let (true, [Expr::Ref(r)]) = (name == "isSet", args.as_slice()) {
                let l = scope
                    .get(r)
                    .cloned()
                    .ok_or_else(|| self.model(format!("`{r}` is not a parameter or an assigned name in scope")))?;
                let narrowed = match l.kind {
                    Kind::OptStr => Some(Kind::Str { owned: false }),
                    Kind::OptBool => Some(Kind::Bool),
                    Kind::OptStrArray => Some(Kind::StrArray),
                    _ => None,
                };
                // Not optional: the condition always holds.
                if let Some(kind) = narrowed {
                    wraps.push(Wrap::IfLet(l.ident.clone(), local(&l.ident)));
                    scope.locals.push(Local { name: r.clone(), ident: l.ident, kind });
                }
                return Ok(());
            }
        }
        match self.expr(&c.func, scope)? {
            Val::Bool(b) => match assign {
                Some(a) => {
                    let id = self.bind(scope, a, Kind::Bool)?;
                    wraps.push(Wrap::Let(id.clone(), Value::Bool(b)));
                    wraps.push(Wrap::If(Bool::Expr(local(&id))));
                }
                None => match b {
                    Bool::Lit(true) => {}
                    b => wraps.push(Wrap::If(b)),
                },
            },
            Val::OptBool(t) => {
                if assign.is_some() {
                    return Err(unsupported(self.shape, "assigning an optional boolean in an endpoint rule condition"));
                }
                wraps.push(Wrap::If(Bool::Eq(Operand::Code(t), Operand::SomeTrue)));
            }
            Val::OptStr(t, owned) => self.optional(scope, assign, t, Kind::Str { owned }, wraps)?,
            Val::OptUrl(t) => self.optional(scope, assign, t, Kind::Url, wraps)?,
            Val::OptArn(t) => self.optional(scope, assign, t, Kind::Arn, wraps)?,
            Val::OptStrArray(t) => self.optional(scope, assign, t, Kind::StrArray, wraps)?,
            // Always set: a condition that always holds, perhaps binding its value.
            Val::Str(s) => {
                if let Some(a) = assign {
                    let owned = matches!(s, Str::Owned(_) | Str::Format(_));
                    let id = self.bind(scope, a, Kind::Str { owned })?;
                    wraps.push(Wrap::Let(id, if owned { Value::StrOwned(s) } else { Value::StrRef(s) }));
                }
            }
            Val::Partition(t) => {
                if let Some(a) = assign {
                    let id = self.bind(scope, a, Kind::Partition)?;
                    wraps.push(Wrap::Let(id, Value::Code(t)));
                }
            }
            Val::Url(t) => {
                if let Some(a) = assign {
                    let id = self.bind(scope, a, Kind::Url)?;
                    wraps.push(Wrap::Let(id, Value::Code(Code::Borrow(Box::new(t)))));
                }
            }
            Val::Arn(t) => {
                if let Some(a) = assign {
                    let id = self.bind(scope, a, Kind::Arn)?;
                    wraps.push(Wrap::Let(id, Value::Code(Code::Borrow(Box::new(t)))));
                }
            }
            Val::StrArray(t) => {
                if let Some(a) = assign {
                    let id = self.bind(scope, a, Kind::StrArray)?;
                    wraps.push(Wrap::Let(id, Value::Code(t)));
                }
            }
            Val::Int(_) => return Err(self.model("a condition's value is an integer")),
        }
        Ok(())
    }

    fn optional(
        &self,
        scope: &mut Scope,
        assign: Option<&str>,
        value: Code,
        kind: Kind,
        wraps: &mut Vec<Wrap>,
    ) -> Result<(), Error> {
        match assign {
            Some(a) => {
                let id = self.bind(scope, a, kind)?;
                wraps.push(Wrap::IfLet(id, value));
            }
            None => wraps.push(Wrap::If(Bool::IsSome(value))),
        }
        Ok(())
    }

    // --- expressions ------------------------------------------------------------------------

    fn string(&self, e: &Expr, scope: &Scope, what: &str) -> Result<Str, Error> {
        match self.expr(e, scope)? {
            Val::Str(s) => Ok(s),
            v => Err(self.type_error(what, "a string", &v, e)),
        }
    }

    fn boolean(&self, e: &Expr, scope: &Scope, what: &str) -> Result<Bool, Error> {
        match self.expr(e, scope)? {
            Val::Bool(b) => Ok(b),
            v => Err(self.type_error(what, "a boolean", &v, e)),
        }
    }

    fn type_error(&self, what: &str, expected: &str, got: &Val, e: &Expr) -> Error {
        let hint = if got.is_optional() {
            match e {
                Expr::Ref(r) => {
                    format!(" (`{r}` may be unset here: check it with `isSet` first, or `assign` it in a condition)")
                }
                _ => " (the value may be unset here: `assign` it in a condition first)".to_owned(),
            }
        } else {
            String::new()
        };
        self.model(format!("{what} must be {expected}, but is {} value{hint}", article(got.type_name())))
    }

    fn expr(&self, e: &Expr, scope: &Scope) -> Result<Val, Error> {
        match e {
            Expr::Template(parts) => self.template(parts, scope).map(Val::Str),
            Expr::Bool(b) => Ok(Val::Bool(Bool::Lit(*b))),
            Expr::Int(n) => Ok(Val::Int(*n)),
            Expr::Ref(name) => {
                let l = scope
                    .get(name)
                    .ok_or_else(|| self.model(format!("`{name}` is not a parameter or an assigned name in scope")))?;
                let id = &l.ident;
                Ok(match l.kind {
                    Kind::Str { owned } => Val::Str(Str::Var(id.clone(), owned)),
                    Kind::OptStr => Val::OptStr(local(id), false),
                    Kind::Bool => Val::Bool(Bool::Expr(local(id))),
                    Kind::OptBool => Val::OptBool(local(id)),
                    Kind::Partition => Val::Partition(local(id)),
                    Kind::Url => Val::Url(local(id)),
                    Kind::Arn => Val::Arn(local(id)),
                    Kind::StrArray => Val::StrArray(local(id)),
                    Kind::OptStrArray => Val::OptStrArray(local(id)),
                })
            }
            Expr::Array(_) | Expr::Record(_) => {
                Err(self.model("a list or object literal is only allowed in endpoint properties"))
            }
            Expr::GetAttr { target, path, text } => {
                let t = self.expr(target, scope)?;
                self.get_attr(t, path, text, target)
            }
            Expr::Fn { name, args } => self.call(name, args, scope),
        }
    }

    fn get_attr(&self, target: Val, path: &[PathPart], text: &str, target_expr: &Expr) -> Result<Val, Error> {
        let bad = |on: &str| self.model(format!("getAttr: `{text}` is not an attribute of {}", article(on)));
        match (&target, path) {
            (Val::Partition(t), [PathPart::Key(k)]) => {
                let s = |f: &'static str| Val::Str(Str::Ref(Code::Field(Box::new(t.clone()), f)));
                let b = |f: &'static str| Val::Bool(Bool::Expr(Code::Field(Box::new(t.clone()), f)));
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
                let s = |f: &'static str| Val::Str(Str::Ref(Code::FieldStr(Box::new(t.clone()), f)));
                Ok(match k.as_str() {
                    "scheme" => s("scheme"),
                    "authority" => s("authority"),
                    "path" => s("path"),
                    "normalizedPath" => s("normalized_path"),
                    "isIp" => Val::Bool(Bool::Expr(Code::Field(Box::new(t.clone()), "is_ip"))),
                    _ => return Err(bad("URL")),
                })
            }
            (Val::Arn(t), [PathPart::Key(k), rest @ ..]) => {
                let s = |f: &'static str| Val::Str(Str::Ref(Code::FieldStr(Box::new(t.clone()), f)));
                Ok(match (k.as_str(), rest) {
                    ("partition", []) => s("partition"),
                    ("service", []) => s("service"),
                    ("region", []) => s("region"),
                    ("accountId", []) => s("account_id"),
                    ("resourceId", []) => {
                        Val::StrArray(Code::Borrow(Box::new(Code::Field(Box::new(t.clone()), "resource_id"))))
                    }
                    ("resourceId", [PathPart::Index(i)]) => {
                        Val::OptStr(Code::Item(Box::new(Code::Field(Box::new(t.clone()), "resource_id")), *i), false)
                    }
                    _ => return Err(bad("ARN")),
                })
            }
            (Val::StrArray(t), [PathPart::Index(i)]) => Ok(Val::OptStr(Code::Item(Box::new(t.clone()), *i), false)),
            (v, _) if v.is_optional() => Err(self.type_error("the target of getAttr", "set", v, target_expr)),
            (v, _) => Err(bad(v.type_name())),
        }
    }

    fn call(&self, name: &str, args: &[Expr], scope: &Scope) -> Result<Val, Error> {
        let arity = |n: usize| -> Result<(), Error> {
            if args.len() == n {
                Ok(())
            } else {
                Err(self.model(format!(
                    "`{name}` takes {n} argument{}, not {}",
                    if n == 1 { "" } else { "s" },
                    args.len()
                )))
            }
        };
        let what = |i: usize| format!("argument {} of `{name}`", i + 1);
        let string = |i: usize| self.string(&args[i], scope, &what(i)).map(Arg::Str);
        let call = |f: RuntimeFn, args: Vec<Arg>| Code::Call(f, args);
        match name {
            "isSet" => {
                arity(1)?;
                Ok(Val::Bool(match self.expr(&args[0], scope)? {
                    Val::OptStr(t, _) | Val::OptBool(t) | Val::OptUrl(t) | Val::OptArn(t) | Val::OptStrArray(t) => {
                        Bool::IsSome(t)
                    }
                    _ => Bool::Lit(true),
                }))
            }
            "not" => {
                arity(1)?;
                Ok(Val::Bool(negate(self.boolean(&args[0], scope, &what(0))?)))
            }
            "booleanEquals" => {
                arity(2)?;
                let a = self.boolean(&args[0], scope, &what(0))?;
                let b = self.boolean(&args[1], scope, &what(1))?;
                Ok(Val::Bool(match (a, b) {
                    (Bool::Lit(x), Bool::Lit(y)) => Bool::Lit(x == y),
                    (Bool::Lit(true), v) | (v, Bool::Lit(true)) => v,
                    (Bool::Lit(false), v) | (v, Bool::Lit(false)) => negate(v),
                    (a, b) => Bool::Eq(Operand::Bool(Box::new(a)), Operand::Bool(Box::new(b))),
                }))
            }
            "stringEquals" => {
                arity(2)?;
                let a = self.string(&args[0], scope, &what(0))?;
                let b = self.string(&args[1], scope, &what(1))?;
                Ok(Val::Bool(match (&a, &b) {
                    (Str::Lit(x), Str::Lit(y)) => Bool::Lit(x == y),
                    _ => Bool::Eq(Operand::Str(a), Operand::Str(b)),
                }))
            }
            "parseURL" => {
                arity(1)?;
                Ok(Val::OptUrl(call(RuntimeFn::ParseUrl, vec![string(0)?])))
            }
            "substring" => {
                arity(4)?;
                let s = string(0)?;
                let index = |i: usize| match self.expr(&args[i], scope)? {
                    Val::Int(n) => {
                        usize::try_from(n).map(Arg::Usize).map_err(|_| self.model(format!("{} is too large", what(i))))
                    }
                    v => Err(self.type_error(&what(i), "an integer literal", &v, &args[i])),
                };
                let (start, stop) = (index(1)?, index(2)?);
                let reverse = Arg::Bool(self.boolean(&args[3], scope, &what(3))?);
                Ok(Val::OptStr(call(RuntimeFn::Substring, vec![s, start, stop, reverse]), true))
            }
            "isValidHostLabel" => {
                arity(2)?;
                let s = string(0)?;
                let sub = Arg::Bool(self.boolean(&args[1], scope, &what(1))?);
                Ok(Val::Bool(Bool::Expr(call(RuntimeFn::IsValidHostLabel, vec![s, sub]))))
            }
            "uriEncode" => {
                arity(1)?;
                Ok(Val::Str(Str::Owned(call(RuntimeFn::UriEncode, vec![string(0)?]))))
            }
            "aws.parseArn" => {
                arity(1)?;
                Ok(Val::OptArn(call(RuntimeFn::ParseArn, vec![string(0)?])))
            }
            "aws.partition" => {
                arity(1)?;
                Ok(Val::Partition(call(RuntimeFn::Partition, vec![string(0)?])))
            }
            other => Err(unsupported(
                self.shape,
                format!("the endpoint rule set uses the function `{other}`, which this generator does not implement"),
            )),
        }
    }

    fn template(&self, parts: &[Part], scope: &Scope) -> Result<Str, Error> {
        match parts {
            [Part::Lit(s)] => return Ok(Str::Lit(s.clone())),
            [Part::Dyn(e)] => return self.string(e, scope, "a template part"),
            _ => {}
        }
        let mut out = Vec::new();
        for p in parts {
            out.push(match p {
                Part::Lit(s) => FormatPart::Lit(s.clone()),
                Part::Dyn(e) => match self.string(e, scope, "a template part")? {
                    Str::Lit(s) => FormatPart::Lit(s),
                    Str::Var(id, _) if !id.starts_with("r#") => FormatPart::Inline(id),
                    other => FormatPart::Arg(other),
                },
            });
        }
        Ok(Str::Format(out))
    }
}

/// `a string`, `an integer`, `an optional string`.
fn article(noun: &str) -> String {
    let an = noun.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {noun}", if an { "an" } else { "a" })
}
