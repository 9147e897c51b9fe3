//! Lowering: model + closure → IR. The one place where Rust-facing decisions are made.

pub mod endpoints;

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;
use serde_json::Value;

use crate::docs::html_to_markdown;
use crate::error::Error;
use crate::ir::*;
use crate::model::{is_unit, Bounds, EnumLiteral, Member, Model, Shape, ShapeId, ShapeKind, Simple, Traits};
use crate::naming::{self, Scope};
use crate::rules::RuleSpec;
use crate::select::{Closure, Roles};
use crate::Config;

pub fn lower(model: &Model, closure: &Closure, config: &Config) -> Result<Crate, Error> {
    let mut cx = Lower {
        model,
        closure,
        config,
        paths: BTreeMap::new(),
        type_count: 0,
        boxed: BTreeSet::new(),
        features: Features::default(),
        patterns: BTreeMap::new(),
        warnings: BTreeSet::new(),
        defective_input_shapes: BTreeSet::new(),
    };
    let service = cx.service_info()?;
    cx.assign_paths()?;
    cx.decide_boxing()?;

    let mut operations: Vec<OperationDef> = Vec::new();
    let mut types: Vec<TypeDef> = Vec::new();
    let mut errors = Vec::new();
    for op_id in &closure.operations {
        operations.push(cx.operation(op_id)?);
    }
    for (id, roles) in &closure.shapes {
        if closure.operation_io.contains(id) {
            continue; // emitted with its operation
        }
        let shape = model.expect(id)?;
        if closure.errors.contains(id) {
            errors.push(cx.structure(&shape, *roles)?);
            continue;
        }
        match &shape.kind {
            ShapeKind::Structure(_) => types.push(TypeDef::Struct(cx.structure(&shape, *roles)?)),
            ShapeKind::Union(_) => types.push(TypeDef::Union(cx.union(&shape, *roles)?)),
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => types.push(TypeDef::Enum(cx.enumeration(&shape, *roles)?)),
            ShapeKind::Simple(s) => {
                if matches!(s, Simple::BigInteger | Simple::BigDecimal) {
                    return Err(Error::Unsupported {
                        shape: id.to_string(),
                        what: format!("{} shapes are not supported yet", s.type_name()),
                    });
                }
            }
            _ => {}
        }
    }
    types.sort_by(|a, b| a.name().cmp(b.name()));
    errors.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(rules) = &config.rules {
        for id in rules.by_shape.keys() {
            if !closure.shapes.contains_key(id) {
                return Err(Error::Config(format!("documented rules name `{id}`, which is not in the generated closure")));
            }
        }
        for member in &rules.sensitive {
            let known = member.split_once('$').is_some_and(|(shape, name)| {
                ShapeId::parse(shape).ok().and_then(|id| model.get(&id)).is_some_and(|s| s.kind.members().iter().any(|m| m.name == name))
            });
            if !known {
                return Err(Error::Config(format!("the rules file marks `{member}` sensitive, but the model has no such member")));
            }
        }
    }
    let mut patterns: Vec<(usize, (String, &'static str))> = cx.patterns.iter().map(|(k, v)| (*v, k.clone())).collect();
    patterns.sort();
    // Only input-side values are validated: keep the patterns they use, renumbered densely, and
    // the warnings about them.
    let mut used = BTreeSet::new();
    for_each_input_ty(&mut operations, &mut types, &mut |ty| {
        if let Some(PatternRef::Enforced(i) | PatternRef::Defective { repaired: Some(i) }) = &ty.constraints.pattern {
            used.insert(*i);
        }
    });
    let renumber: BTreeMap<usize, usize> = used.iter().enumerate().map(|(new, old)| (*old, new)).collect();
    for_each_input_ty(&mut operations, &mut types, &mut |ty| {
        if let Some(PatternRef::Enforced(i) | PatternRef::Defective { repaired: Some(i) }) = &mut ty.constraints.pattern {
            *i = renumber.get(i).copied().unwrap_or(*i);
        }
    });
    let patterns: Vec<(usize, (String, &'static str))> = patterns.into_iter().filter(|(i, _)| used.contains(i)).collect();
    // The crate needs the regex engine only for patterns it enforces.
    cx.features.patterns = !patterns.is_empty();
    let warnings: Vec<String> = cx
        .warnings
        .iter()
        .filter(|(shape, _)| cx.defective_input_shapes.contains(shape))
        .map(|(_, w)| w.clone())
        .collect();
    let package = match &config.package {
        Some(p) => p.clone(),
        None => format!("amazon-{}", service.sdk_id.to_kebab_case()),
    };
    if !crate::model::is_identifier(&package.replace('-', "_")) {
        return Err(Error::Config(format!("`{package}` is not a usable Cargo package name")));
    }
    let endpoints = endpoints::lower(&*model.expect(&closure.service)?)?;
    Ok(Crate {
        package,
        version: config.version.clone(),
        service,
        operations,
        types,
        errors,
        features: cx.features,
        shape_count: closure.shapes.len(),
        patterns: patterns.into_iter().map(|(_, p)| p).collect(),
        warnings,
        endpoints,
    })
}

struct Lower<'a> {
    model: &'a Model,
    closure: &'a Closure,
    config: &'a Config,
    /// Pattern (source, flags) → index, in order of first use.
    patterns: BTreeMap<(String, &'static str), usize>,
    /// Warnings, each with the shape it is about.
    warnings: BTreeSet<(String, String)>,
    /// Shapes with a defective pattern that are used on the input side.
    defective_input_shapes: BTreeSet<String>,
    /// Every generated type: its identity and where it lives.
    paths: BTreeMap<ShapeId, (TypeId, TypePath)>,
    /// Type ids handed out (shapes and synthesised operation inputs and outputs).
    type_count: usize,
    /// (shape, member) pairs that are boxed to break a cycle.
    boxed: BTreeSet<(ShapeId, String)>,
    features: Features,
}

fn docs_of(traits: &Traits) -> Vec<String> {
    traits.documentation().map(html_to_markdown).unwrap_or_default()
}

/// The documentation, or `fallback` when the model has none: generated items are never
/// undocumented.
fn docs_or(traits: &Traits, fallback: impl FnOnce() -> String) -> Vec<String> {
    let docs = docs_of(traits);
    if docs.is_empty() {
        vec![fallback()]
    } else {
        docs
    }
}

fn naming_err(shape: &ShapeId, problem: String) -> Error {
    Error::Naming { shape: shape.to_string(), problem }
}

impl<'a> Lower<'a> {
    fn service_info(&self) -> Result<ServiceInfo, Error> {
        let shape = self.model.expect(&self.closure.service)?;
        let ShapeKind::Service(svc) = &shape.kind else {
            return Err(Error::Config(format!("`{}` is not a service", shape.id)));
        };
        let aws = shape.traits.get("aws.api#service");
        let field = |v: Option<&Value>, k: &str| v.and_then(|v| v.get(k)).and_then(Value::as_str).map(str::to_owned);
        let protocols: Vec<&String> = shape.traits.0.keys().filter(|k| k.starts_with("aws.protocols#")).collect();
        if !shape.traits.has("aws.protocols#restJson1") {
            return Err(Error::Unsupported {
                shape: shape.id.to_string(),
                what: format!(
                    "only the aws.protocols#restJson1 protocol is supported; the service has {}",
                    if protocols.is_empty() { "none".to_owned() } else { protocols.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ") }
                ),
            });
        }
        let sdk_id = field(aws, "sdkId").unwrap_or_else(|| shape.id.name().to_owned());
        let endpoint_prefix = field(aws, "endpointPrefix").unwrap_or_else(|| sdk_id.to_lowercase());
        Ok(ServiceInfo {
            shape: shape.id.to_string(),
            name: shape.id.name().to_owned(),
            title: shape
                .traits
                .get("smithy.api#title")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| shape.id.name().to_owned()),
            docs: docs_of(&shape.traits),
            api_version: svc.version.clone(),
            signing_name: field(shape.traits.get("aws.auth#sigv4"), "name").unwrap_or_else(|| endpoint_prefix.clone()),
            endpoint_prefix,
            sdk_id,
        })
    }

    fn path_of(&self, id: &ShapeId) -> Result<(TypeId, TypePath), Error> {
        self.paths.get(id).cloned().ok_or_else(|| Error::Model { shape: id.to_string(), problem: "shape has no generated type".into() })
    }

    fn next_type_id(&mut self) -> TypeId {
        self.type_count += 1;
        TypeId(self.type_count - 1)
    }

    /// Records where the generated type of `id` lives, giving it the next [`TypeId`].
    fn place(&mut self, id: &ShapeId, path: TypePath) {
        let next = self.next_type_id();
        self.paths.insert(id.clone(), (next, path));
    }

    fn rename(&self, id: &ShapeId) -> String {
        let svc = self.model.get(&self.closure.service);
        if let Some(ShapeKind::Service(s)) = svc.as_ref().map(|s| &s.kind) {
            if let Some(n) = s.rename.get(id) {
                return n.clone();
            }
        }
        id.name().to_owned()
    }

    /// The operation's name as a Rust type-name prefix (`StartChatContact`), without `r#`: the
    /// error enum and the synthesised input/output names are built from it.
    fn op_type_name(&self, op: &ShapeId) -> Result<String, Error> {
        naming::type_name(&self.rename(op))
            .map(|n| naming::unraw(&n).to_owned())
            .ok_or_else(|| naming_err(op, "no usable name".into()))
    }

    fn op_module(&self, op: &ShapeId) -> Result<String, Error> {
        naming::snake_name(&self.rename(op)).ok_or_else(|| naming_err(op, "no usable module name".into()))
    }

    /// Gives every generated type its module and Rust name, refusing collisions.
    fn assign_paths(&mut self) -> Result<(), Error> {
        let mut scopes: BTreeMap<Module, Scope> = BTreeMap::new();
        let mut op_modules = Scope::new();
        // Operation inputs and outputs live with their operation.
        for op_id in &self.closure.operations {
            let module = self.op_module(op_id)?;
            op_modules.claim(&module, &op_id.to_string()).map_err(|e| naming_err(op_id, e))?;
            let op = self.model.expect(op_id)?;
            let ShapeKind::Operation(o) = &op.kind else { continue };
            let scope = scopes.entry(Module::Operation(module.clone())).or_default();
            let op_name = self.op_type_name(op_id)?;
            scope.reserve(&format!("{op_name}Error"), "the operation's error enum");
            for (id, suffix) in [(&o.input, "Input"), (&o.output, "Output")] {
                if is_unit(id) {
                    let name = format!("{op_name}{suffix}");
                    scope.claim(&name, &format!("{op_id} (no {})", suffix.to_lowercase())).map_err(|e| naming_err(op_id, e))?;
                    continue;
                }
                if self.paths.contains_key(id) {
                    continue; // a Smithy 1.0 structure shared by two operations stays where it was placed
                }
                let name = naming::type_name(&self.rename(id)).ok_or_else(|| naming_err(id, "no usable type name".into()))?;
                scope.claim(&name, &id.to_string()).map_err(|e| naming_err(id, e))?;
                self.place(id, TypePath { module: Module::Operation(module.clone()), name });
            }
        }
        for id in self.closure.shapes.keys() {
            if self.paths.contains_key(id) {
                continue;
            }
            let shape = self.model.expect(id)?;
            if !matches!(shape.kind, ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_)) {
                continue;
            }
            let module = if self.closure.errors.contains(id) { Module::Error } else { Module::Types };
            let name = naming::type_name(&self.rename(id)).ok_or_else(|| naming_err(id, "no usable type name".into()))?;
            let scope = scopes.entry(module.clone()).or_default();
            scope.claim(&name, &id.to_string()).map_err(|e| naming_err(id, e))?;
            self.place(id, TypePath { module, name });
        }
        Ok(())
    }

    /// Boxes the fewest direct struct/union edges, visited in shape-id then member order, so
    /// that no cycle remains without indirection (lists and maps already provide it).
    fn decide_boxing(&mut self) -> Result<(), Error> {
        let mut edges: Vec<(ShapeId, String, ShapeId, bool)> = Vec::new();
        for id in self.closure.shapes.keys() {
            let shape = self.model.expect(id)?;
            let is_struct = matches!(shape.kind, ShapeKind::Structure(_));
            if let ShapeKind::Structure(ms) | ShapeKind::Union(ms) = &shape.kind {
                for m in ms {
                    let t = self.model.expect(&m.target)?;
                    if matches!(t.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) && !m.target.is_prelude() {
                        let hard = is_struct && !member_optional(m);
                        edges.push((id.clone(), m.name.clone(), m.target.clone(), hard));
                    }
                }
            }
        }
        // A cycle made only of required structure members has no finite value.
        let hard: Vec<(ShapeId, ShapeId)> = edges.iter().filter(|e| e.3).map(|e| (e.0.clone(), e.2.clone())).collect();
        if let Some(cycle) = find_cycle(&hard) {
            return Err(Error::Model {
                shape: cycle[0].to_string(),
                problem: format!(
                    "recursive through required members ({}); no finite value can be built",
                    cycle.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(" -> ")
                ),
            });
        }
        let mut accepted: BTreeMap<ShapeId, Vec<ShapeId>> = BTreeMap::new();
        for (src, member, dst, _) in edges {
            if reaches(&accepted, &dst, &src) {
                self.boxed.insert((src, member));
            } else {
                accepted.entry(src).or_default().push(dst);
            }
        }
        Ok(())
    }

    fn ty(&mut self, member_traits: &Traits, target: &ShapeId, binding: &Binding) -> Result<Ty, Error> {
        let shape = self.model.expect(target)?;
        let length = member_traits.length().or_else(|| shape.traits.length());
        let range = member_traits.range().or_else(|| shape.traits.range());
        let pattern = match member_traits.pattern().or(shape.traits.pattern()) {
            Some(p) => Some(self.pattern(p, target)?),
            None => None,
        };
        let named = |cx: &Self, kind: NamedKind| -> Result<TyKind, Error> {
            let (id, path) = cx.paths.get(target).cloned().ok_or_else(|| Error::Model {
                shape: target.to_string(),
                problem: "shape is outside the selected closure".into(),
            })?;
            Ok(TyKind::Named { id, path, kind })
        };
        let kind = match &shape.kind {
            ShapeKind::Simple(s) => match s {
                Simple::String => TyKind::String,
                Simple::Boolean => TyKind::Bool,
                Simple::Byte => TyKind::I8,
                Simple::Short => TyKind::I16,
                Simple::Integer => TyKind::I32,
                Simple::Long => TyKind::I64,
                Simple::Float => TyKind::F32,
                Simple::Double => TyKind::F64,
                Simple::Blob => {
                    if shape.traits.streaming() {
                        return Err(Error::Unsupported { shape: target.to_string(), what: "streaming blobs are not supported".into() });
                    }
                    self.features.blobs = true;
                    TyKind::Blob
                }
                Simple::Document => {
                    self.features.documents = true;
                    TyKind::Document
                }
                Simple::Timestamp => {
                    self.features.timestamps = true;
                    let explicit = member_traits.timestamp_format().or(shape.traits.timestamp_format());
                    let format = match explicit {
                        Some("epoch-seconds") => TimestampFormat::EpochSeconds,
                        Some("date-time") => TimestampFormat::DateTime,
                        Some("http-date") => TimestampFormat::HttpDate,
                        Some(other) => {
                            return Err(Error::Model { shape: target.to_string(), problem: format!("unknown @timestampFormat `{other}`") })
                        }
                        None => match binding {
                            Binding::Header(_) | Binding::PrefixHeaders(_) => TimestampFormat::HttpDate,
                            Binding::Label | Binding::Query(_) | Binding::QueryParams => TimestampFormat::DateTime,
                            _ => TimestampFormat::EpochSeconds,
                        },
                    };
                    if format != TimestampFormat::EpochSeconds {
                        self.features.timestamp_text = true;
                    }
                    TyKind::Timestamp(format)
                }
                Simple::BigInteger | Simple::BigDecimal => {
                    return Err(Error::Unsupported {
                        shape: target.to_string(),
                        what: format!("{} shapes are not supported yet", s.type_name()),
                    })
                }
            },
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) => {
                let open = self.enum_is_open(target);
                let int = matches!(shape.kind, ShapeKind::IntEnum(_));
                named(self, NamedKind::Enum { open, int })?
            }
            ShapeKind::Structure(_) => {
                if shape.traits.event_stream() || shape.traits.streaming() {
                    return Err(Error::Unsupported { shape: target.to_string(), what: "event streams are not supported".into() });
                }
                named(self, NamedKind::Struct)?
            }
            ShapeKind::Union(_) => {
                if shape.traits.streaming() {
                    return Err(Error::Unsupported { shape: target.to_string(), what: "event streams are not supported".into() });
                }
                named(self, NamedKind::Union)?
            }
            ShapeKind::List(m) => {
                let item = self.ty(&m.traits, &m.target, binding)?;
                TyKind::List { item: Box::new(item), sparse: shape.traits.sparse() }
            }
            ShapeKind::Map { key, value } => {
                let k = self.ty(&key.traits, &key.target, binding)?;
                let v = self.ty(&value.traits, &value.target, binding)?;
                TyKind::Map { key: Box::new(k), value: Box::new(v), sparse: shape.traits.sparse() }
            }
            ShapeKind::Operation(_) | ShapeKind::Service(_) | ShapeKind::Resource(_) => {
                return Err(Error::Model { shape: target.to_string(), problem: "a member cannot target this shape type".into() })
            }
        };
        let constraints = Constraints {
            length: length.map(|l| Length { min: l.min, max: l.max }),
            range: range.map(|r| range_of(&kind, &r)),
            pattern,
            unique_items: shape.traits.unique_items(),
        };
        Ok(Ty { kind, constraints })
    }

    fn intern_pattern(&mut self, source: &str, flags: &'static str) -> usize {
        let next = self.patterns.len();
        *self.patterns.entry((source.to_owned(), flags)).or_insert(next)
    }

    /// Compiles a `@pattern` (refusing what the engine cannot compile) and plans how it is
    /// enforced; defective patterns become warnings.
    fn pattern(&mut self, source: &str, shape: &ShapeId) -> Result<PatternRef, Error> {
        let plan = crate::patterns::analyze(source).map_err(|problem| Error::Model { shape: shape.to_string(), problem })?;
        self.features.patterns = true;
        match &plan.defect {
            None => Ok(PatternRef::Enforced(self.intern_pattern(&plan.source, plan.flags))),
            Some(d) => {
                let repaired = d.repaired.as_ref().map(|(p, f)| self.intern_pattern(p, f));
                if self.closure.shapes.get(shape).is_some_and(|r| r.input) {
                    self.defective_input_shapes.insert(shape.to_string());
                }
                self.warnings.insert((shape.to_string(), format!(
                    "shape `{shape}`: @pattern `{source}` is not enforced by default: {}{}",
                    d.reason,
                    match &d.repaired {
                        Some((p, _)) => format!("; strict mode enforces `{p}` instead"),
                        None => String::new(),
                    }
                )));
                Ok(PatternRef::Defective { repaired })
            }
        }
    }

    fn enum_is_open(&self, id: &ShapeId) -> bool {
        self.closure.shapes.get(id).is_some_and(|r| r.output)
    }

    fn binding(&self, m: &Member, at: &str) -> Result<Binding, Error> {
        let t = &m.traits;
        let mut found = Vec::new();
        if t.http_label() {
            found.push(Binding::Label);
        }
        if let Some(q) = t.http_query() {
            found.push(Binding::Query(q.to_owned()));
        }
        if t.http_query_params() {
            found.push(Binding::QueryParams);
        }
        if let Some(h) = t.http_header() {
            found.push(Binding::Header(h.to_owned()));
        }
        if let Some(h) = t.http_prefix_headers() {
            found.push(Binding::PrefixHeaders(h.to_owned()));
        }
        if t.http_payload() {
            found.push(Binding::Payload);
        }
        if t.http_response_code() {
            found.push(Binding::ResponseCode);
        }
        let binding = match found.len() {
            0 => Binding::Body,
            1 => found.remove(0),
            _ => return Err(Error::Model { shape: at.to_owned(), problem: "a member has more than one HTTP binding trait".into() }),
        };
        Ok(match binding {
            Binding::Header(name) => {
                let valid = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
                if !valid {
                    return Err(Error::Model { shape: at.to_owned(), problem: format!("`{name}` is not a valid HTTP header name") });
                }
                Binding::Header(name.to_ascii_lowercase())
            }
            Binding::PrefixHeaders(_) | Binding::Payload => {
                return Err(Error::Unsupported { shape: at.to_owned(), what: format!("{binding:?} bindings are not supported yet") })
            }
            other => other,
        })
    }

    fn structure(&mut self, shape: &Shape, roles: Roles) -> Result<StructDef, Error> {
        let (id, path) = self.path_of(&shape.id)?;
        let ShapeKind::Structure(members) = &shape.kind else {
            return Err(Error::Model { shape: shape.id.to_string(), problem: "expected a structure".into() });
        };
        let is_error = shape.traits.error().is_some();
        let container_sensitive = shape.traits.sensitive();
        // Output members the model requires are read leniently (Smithy's client error
        // correction): a missing one becomes its zero value rather than failing the response.
        let lenient = roles.output && !roles.input;
        let mut fields = Vec::new();
        let mut scope = Scope::new();
        let mut with_scope = Scope::new();
        for m in members {
            let at = format!("{}${}", shape.id, m.name);
            let name = naming::snake_name(&m.name).ok_or_else(|| naming_err(&shape.id, format!("member `{}` has no usable Rust name", m.name)))?;
            scope.claim(&name, &m.name).map_err(|e| naming_err(&shape.id, e))?;
            with_scope.claim(&format!("with_{}", naming::unraw(&name)), &m.name).map_err(|e| naming_err(&shape.id, e))?;
            let binding = self.binding(m, &at)?;
            let ty = self.ty(&m.traits, &m.target, &binding)?;
            if nested_text_timestamp(&ty, false) {
                return Err(Error::Unsupported {
                    shape: at,
                    what: "date-time and http-date timestamps inside lists or maps are not supported yet".into(),
                });
            }
            let optional = member_optional(m);
            let wire = m.traits.json_name().unwrap_or(&m.name).to_owned();
            // restJson1 services send both `Message` and `message`.
            let alias = (is_error && m.name.eq_ignore_ascii_case("message"))
                .then(|| if wire == "message" { "Message" } else { "message" })
                .filter(|alias| *alias != wire)
                .map(str::to_owned);
            let default = m.traits.default_value().filter(|d| !d.is_null()).map(|d| d.to_string());
            fields.push(Field {
                member: m.name.clone(),
                alias,
                name,
                docs: docs_or(&m.traits, || format!("The `{}` member.", m.name)),
                optional,
                boxed: self.boxed.contains(&(shape.id.clone(), m.name.clone())),
                sensitive: container_sensitive || self.member_sensitive(m, &at)?,
                check_presence: m.traits.required() && optional && default.is_none(),
                default_when_missing: lenient && !optional && has_zero_value(&ty),
                idempotency_token: m.traits.idempotency_token(),
                binding,
                deprecated: m.traits.deprecated(),
                default,
                wire,
                ty,
            });
        }
        let error = shape.traits.error().map(|fault| ErrorInfo {
            code: shape.id.name().to_owned(),
            server_fault: fault == "server",
            http_status: shape.traits.http_error().and_then(|c| u16::try_from(c).ok()),
            // The first member named `message` in any case, when it is a string that may be shown.
            message: fields
                .iter()
                .position(|f| f.member.eq_ignore_ascii_case("message") && matches!(f.ty.kind, TyKind::String))
                .filter(|&i| !fields[i].sensitive),
        });
        let rules = self.doc_rules(shape, &fields)?;
        Ok(StructDef {
            id,
            name: path.name,
            docs: docs_or(&shape.traits, || format!("The `{}` structure.", shape.id.name())),
            validate: roles.input,
            derive_default: fields.iter().all(|f| f.optional),
            fields,
            sensitive: container_sensitive,
            error,
            deprecated: shape.traits.deprecated(),
            rules,
            response_metadata: false,
        })
    }

    /// Whether a member is redacted: it or its target is `@sensitive`, or the rules file marks
    /// it a secret. The same rule for structure members and union members.
    fn member_sensitive(&self, m: &Member, at: &str) -> Result<bool, Error> {
        Ok(m.traits.sensitive()
            || self.model.expect(&m.target)?.traits.sensitive()
            || self.config.rules.as_ref().is_some_and(|r| r.sensitive.contains(at)))
    }

    /// Resolves the documented rules of a structure against its fields, checking that each
    /// rule fits the member types it names.
    fn doc_rules(&self, shape: &Shape, fields: &[Field]) -> Result<Vec<DocRule>, Error> {
        let Some(specs) = self.config.rules.as_ref().and_then(|r| r.by_shape.get(&shape.id)) else {
            return Ok(Vec::new());
        };
        let bad = |id: &str, problem: String| Error::Config(format!("documented rule `{id}` on `{}`: {problem}", shape.id));
        let field = |id: &str, member: &str| -> Result<&Field, Error> {
            fields.iter().find(|f| f.member == member).ok_or_else(|| bad(id, format!("no member `{member}`")))
        };
        let fref = |f: &Field| FieldRef { name: f.name.clone(), optional: f.optional };
        let is_string = |t: &Ty| matches!(t.kind, TyKind::String);
        let mut out = Vec::new();
        for spec in specs {
            out.push(match spec {
                RuleSpec::ListContains { id, member, values, message, when, when_absent } => {
                    let f = field(id, member)?;
                    if !matches!(&f.ty.kind, TyKind::List { item, sparse: false } if is_string(item)) {
                        return Err(bad(id, format!("`{member}` is not a list of strings")));
                    }
                    let when = match when {
                        None => None,
                        Some(w) => {
                            let m = field(id, &w.member)?;
                            let TyKind::Map { key, value, sparse: false } = &m.ty.kind else {
                                return Err(bad(id, format!("`{}` is not a map", w.member)));
                            };
                            if !matches!(value.kind, TyKind::Named { kind: NamedKind::Struct, .. }) {
                                return Err(bad(id, format!("`{}` does not map to structures", w.member)));
                            }
                            let map_target = shape.kind.members().into_iter().find(|mm| mm.name == w.member).map(|mm| mm.target.clone());
                            let map_shape = map_target.map(|t| self.model.expect(&t)).transpose()?;
                            let Some(ShapeKind::Map { value: value_member, .. }) = map_shape.as_ref().map(|m| &m.kind) else {
                                return Err(bad(id, format!("`{}` is not a map", w.member)));
                            };
                            let target = &value_member.target;
                            if !is_string(key) {
                                return Err(bad(id, format!("`{}` does not have string keys", w.member)));
                            }
                            let target_shape = self.model.expect(target)?;
                            let ShapeKind::Structure(members) = &target_shape.kind else {
                                return Err(bad(id, "map values are not structures".into()));
                            };
                            let vm = members.iter().find(|m| m.name == w.field).ok_or_else(|| bad(id, format!("`{target}` has no member `{}`", w.field)))?;
                            let vt = self.model.expect(&vm.target)?;
                            if !matches!(vt.kind, ShapeKind::Simple(Simple::String)) {
                                return Err(bad(id, format!("`{target}${}` is not a string", w.field)));
                            }
                            let name = naming::snake_name(&vm.name).ok_or_else(|| bad(id, "unusable member name".into()))?;
                            Some(WhenRef {
                                field: fref(m),
                                key: w.key.clone(),
                                value_field: FieldRef { name, optional: member_optional(vm) },
                                equals: w.equals.clone(),
                            })
                        }
                    };
                    DocRule::ListContains {
                        id: id.clone(),
                        field: fref(f),
                        values: values.clone(),
                        message: message.clone(),
                        when,
                        when_absent: when_absent.clone(),
                    }
                }
                RuleSpec::MutuallyExclusive { id, members, message } => {
                    let mut fs = Vec::new();
                    for m in members {
                        let f = field(id, m)?;
                        if !f.optional {
                            return Err(bad(id, format!("`{m}` is always set, so it cannot be exclusive")));
                        }
                        fs.push(fref(f));
                    }
                    DocRule::MutuallyExclusive { id: id.clone(), fields: fs, message: message.clone() }
                }
                RuleSpec::MapUtf8Bytes { id, member, max, message } => {
                    let f = field(id, member)?;
                    if !matches!(&f.ty.kind, TyKind::Map { key, value, sparse: false } if is_string(key) && is_string(value)) {
                        return Err(bad(id, format!("`{member}` is not a map of strings to strings")));
                    }
                    DocRule::MapUtf8Bytes { id: id.clone(), field: fref(f), max: *max, message: message.clone() }
                }
                RuleSpec::MapKeyChars { id, member, alphanumeric_plus, message } => {
                    let f = field(id, member)?;
                    if !matches!(&f.ty.kind, TyKind::Map { key, .. } if is_string(key)) {
                        return Err(bad(id, format!("`{member}` is not a map with string keys")));
                    }
                    DocRule::MapKeyChars { id: id.clone(), field: fref(f), extra: alphanumeric_plus.clone(), message: message.clone() }
                }
            });
        }
        Ok(out)
    }

    fn union(&mut self, shape: &Shape, roles: Roles) -> Result<UnionDef, Error> {
        let (id, path) = self.path_of(&shape.id)?;
        let ShapeKind::Union(members) = &shape.kind else {
            return Err(Error::Model { shape: shape.id.to_string(), problem: "expected a union".into() });
        };
        if members.is_empty() {
            return Err(Error::Model { shape: shape.id.to_string(), problem: "a union must have at least one member".into() });
        }
        let container_sensitive = shape.traits.sensitive();
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        for m in members {
            let at = format!("{}${}", shape.id, m.name);
            let vname = naming::variant_name(&m.name).ok_or_else(|| naming_err(&shape.id, format!("member `{}` has no usable name", m.name)))?;
            scope.claim(&vname, &m.name).map_err(|e| naming_err(&shape.id, e))?;
            let ty = if is_unit(&m.target) { None } else { Some(self.ty(&m.traits, &m.target, &Binding::Body)?) };
            if ty.as_ref().is_some_and(|t| nested_text_timestamp(t, false)) {
                return Err(Error::Unsupported {
                    shape: at,
                    what: "date-time and http-date timestamps inside lists or maps are not supported yet".into(),
                });
            }
            let path_name = naming::unraw(&naming::snake_name(&m.name).unwrap_or_else(|| m.name.clone())).to_owned();
            variants.push(UnionVariant {
                member: m.name.clone(),
                wire: m.traits.json_name().unwrap_or(&m.name).to_owned(),
                name: vname,
                path_name,
                docs: docs_or(&m.traits, || format!("The `{}` member.", m.name)),
                ty,
                boxed: self.boxed.contains(&(shape.id.clone(), m.name.clone())),
                sensitive: container_sensitive || self.member_sensitive(m, &at)?,
                deprecated: m.traits.deprecated(),
            });
        }
        let unknown = roles.output.then(|| unknown_name(&scope));
        Ok(UnionDef {
            id,
            name: path.name,
            docs: docs_or(&shape.traits, || format!("The `{}` union: exactly one member is set.", shape.id.name())),
            validate: roles.input,
            variants,
            unknown,
            sensitive: container_sensitive,
            deprecated: shape.traits.deprecated(),
        })
    }

    fn enumeration(&mut self, shape: &Shape, roles: Roles) -> Result<EnumDef, Error> {
        let (id, path) = self.path_of(&shape.id)?;
        let (literals, int) = match &shape.kind {
            ShapeKind::Enum(v) => (v, false),
            ShapeKind::IntEnum(v) => (v, true),
            _ => return Err(Error::Model { shape: shape.id.to_string(), problem: "expected an enum".into() }),
        };
        let mut scope = Scope::new();
        let mut strings = Vec::new();
        let mut ints = Vec::new();
        for v in literals {
            let source = match (&v.name, &v.value) {
                (Some(n), _) => n.clone(),
                (None, EnumLiteral::String(s)) => s.clone(),
                (None, EnumLiteral::Int(i)) => format!("V{i}"),
            };
            let vname = naming::variant_name(&source)
                .ok_or_else(|| naming_err(&shape.id, format!("enum value `{source}` has no usable Rust name")))?;
            scope.claim(&vname, &source).map_err(|e| naming_err(&shape.id, e))?;
            fn variant<V>(name: &str, value: V, traits: &Traits) -> EnumVariant<V> {
                EnumVariant { name: name.to_owned(), value, docs: docs_of(traits), deprecated: traits.deprecated() }
            }
            let bad = |problem: String| Error::Model { shape: shape.id.to_string(), problem };
            match (&v.value, int) {
                (EnumLiteral::String(s), false) => strings.push(variant(&vname, s.clone(), &v.traits)),
                (EnumLiteral::Int(i), true) => ints.push(variant(
                    &vname,
                    i32::try_from(*i).map_err(|_| bad(format!("intEnum value {i} does not fit in 32 bits")))?,
                    &v.traits,
                )),
                (EnumLiteral::String(s), true) => return Err(bad(format!("intEnum value `{s}` of `{source}` is not an integer"))),
                (EnumLiteral::Int(i), false) => return Err(bad(format!("enum value {i} of `{source}` is not a string"))),
            }
        }
        let unknown = roles.output.then(|| unknown_name(&scope));
        Ok(EnumDef {
            id,
            name: path.name,
            docs: docs_or(&shape.traits, || format!("The `{}` enumeration.", shape.id.name())),
            values: if int { EnumValues::Int(ints) } else { EnumValues::String(strings) },
            unknown,
            deprecated: shape.traits.deprecated(),
        })
    }

    fn operation(&mut self, op_id: &ShapeId) -> Result<OperationDef, Error> {
        let shape = self.model.expect(op_id)?;
        let ShapeKind::Operation(op) = &shape.kind else {
            return Err(Error::Config(format!("`{op_id}` is not an operation")));
        };
        let module = self.op_module(op_id)?;
        let name = self.op_type_name(op_id)?;
        let (method, uri, code) = shape
            .traits
            .http()
            .ok_or_else(|| Error::Model { shape: op_id.to_string(), problem: "operation has no @http trait (required by restJson1)".into() })?;
        const METHODS: &[&str] = &["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"];
        if !METHODS.contains(&method) {
            return Err(Error::Unsupported {
                shape: op_id.to_string(),
                what: format!("the HTTP method `{method}` (expected one of {})", METHODS.join(", ")),
            });
        }
        let io = |cx: &mut Self, id: &ShapeId, suffix: &str, roles: Roles| -> Result<StructDef, Error> {
            if is_unit(id) {
                return Ok(StructDef {
                    id: cx.next_type_id(),
                    name: format!("{name}{suffix}"),
                    docs: vec![format!("The {} of [`{}`](crate::operation::{module}): it has no members.", suffix.to_lowercase(), name)],
                    validate: roles.input,
                    derive_default: true,
                    fields: Vec::new(),
                    sensitive: false,
                    error: None,
                    deprecated: None,
                    rules: Vec::new(),
                    response_metadata: false,
                });
            }
            let s = cx.model.expect(id)?;
            let roles = cx.closure.shapes.get(id).copied().unwrap_or(roles);
            cx.structure(&s, roles)
        };
        let input = io(self, &op.input, "Input", Roles { input: true, output: false })?;
        let mut output = io(self, &op.output, "Output", Roles { input: false, output: true })?;
        output.response_metadata = true;
        for f in &output.fields {
            if f.binding != Binding::Body {
                return Err(Error::Unsupported {
                    shape: format!("{}${}", op.output, f.member),
                    what: format!("output members bound to {:?} are not supported yet", f.binding),
                });
            }
        }
        let (path, literal_query) = http_path(op_id, uri, &op.input, &input)?;
        let mut errors = Vec::new();
        for e in &op.errors {
            let (id, path) = self.path_of(e)?;
            let shape = self.model.expect(e)?;
            let docs = docs_or(&shape.traits, || format!("The modelled error `{}`.", naming::unraw(&path.name)));
            errors.push(OperationError { id, variant: path.name.clone(), path, docs });
        }
        let pagination = shape.traits.get("smithy.api#paginated").map(|p| {
            let service = self.model.get(&self.closure.service);
            let defaults = service.as_ref().and_then(|s| s.traits.get("smithy.api#paginated").cloned());
            let pick = |k: &str| {
                p.get(k)
                    .and_then(Value::as_str)
                    .or_else(|| defaults.as_ref().and_then(|d| d.get(k)).and_then(Value::as_str))
                    .map(str::to_owned)
            };
            Pagination { input_token: pick("inputToken"), output_token: pick("outputToken"), items: pick("items"), page_size: pick("pageSize") }
        });
        Ok(OperationDef {
            pagination,
            error_enum: format!("{name}Error"),
            name,
            module,
            docs: docs_of(&shape.traits),
            http: Http {
                path,
                literal_query,
                method: method.to_owned(),
                uri: uri.to_owned(),
                code: u16::try_from(code).map_err(|_| Error::Model { shape: op_id.to_string(), problem: format!("@http code {code} is not an HTTP status") })?,
            },
            input,
            output,
            errors,
            deprecated: shape.traits.deprecated(),
        })
    }
}

/// Splits an `@http` URI into literal text and labels, checking each label against the
/// input's `@httpLabel` members (both ways) and that bound members have types the client can
/// put in a URI or header.
fn http_path(op: &ShapeId, uri: &str, input_shape: &ShapeId, input: &StructDef) -> Result<(Vec<UriPart>, String), Error> {
    let err = |problem: String| Error::Model { shape: op.to_string(), problem };
    let (path, query) = match uri.split_once('?') {
        Some((p, q)) => (p, q),
        None => (uri, ""),
    };
    if !path.starts_with('/') {
        return Err(err(format!("@http uri `{uri}` must start with `/`")));
    }
    let mut parts = Vec::new();
    let mut rest = path;
    let mut labels = Vec::new();
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(UriPart::Literal(rest[..open].to_owned()));
        }
        let close = rest[open..].find('}').ok_or_else(|| err(format!("@http uri `{uri}` has an unclosed `{{`")))? + open;
        let inner = &rest[open + 1..close];
        let (name, greedy) = match inner.strip_suffix('+') {
            Some(n) => (n, true),
            None => (inner, false),
        };
        let index = input
            .fields
            .iter()
            .position(|f| f.member == name && f.binding == Binding::Label)
            .ok_or_else(|| err(format!("@http uri label `{{{inner}}}` has no @httpLabel member in the input")))?;
        let field = &input.fields[index];
        if !matches!(field.ty.kind, TyKind::String | TyKind::I8 | TyKind::I16 | TyKind::I32 | TyKind::I64 | TyKind::Bool | TyKind::Named { kind: NamedKind::Enum { .. }, .. }) {
            return Err(Error::Unsupported { shape: format!("{input_shape}${name}"), what: "this type cannot be an HTTP label yet".into() });
        }
        labels.push(name.to_owned());
        parts.push(UriPart::Label { member: name.to_owned(), field: index, greedy });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(UriPart::Literal(rest.to_owned()));
    }
    for f in &input.fields {
        if f.binding == Binding::Label && !labels.contains(&f.member) {
            return Err(err(format!("@httpLabel member `{}` does not appear in the uri `{uri}`", f.member)));
        }
        let scalar = |t: &Ty| matches!(t.kind, TyKind::String | TyKind::I8 | TyKind::I16 | TyKind::I32 | TyKind::I64 | TyKind::Bool | TyKind::F32 | TyKind::F64 | TyKind::Named { kind: NamedKind::Enum { .. }, .. });
        let ok = match &f.binding {
            Binding::Query(_) => scalar(&f.ty) || matches!(&f.ty.kind, TyKind::List { item, .. } if scalar(item)),
            Binding::QueryParams => matches!(&f.ty.kind, TyKind::Map { value, .. } if scalar(value) || matches!(&value.kind, TyKind::List { item, .. } if scalar(item))),
            Binding::Header(_) => scalar(&f.ty) || matches!(f.ty.kind, TyKind::Timestamp(_)) || matches!(&f.ty.kind, TyKind::List { item, .. } if scalar(item)),
            _ => true,
        };
        if !ok {
            return Err(Error::Unsupported {
                shape: format!("{input_shape}${}", f.member),
                what: format!("this type cannot be bound to {:?} yet", f.binding),
            });
        }
    }
    // The literal query is kept as written (it is already URI text).
    Ok((parts, query.to_owned()))
}

/// Calls `f` on every value type that input-side validation reads.
fn for_each_input_ty(operations: &mut [OperationDef], types: &mut [TypeDef], f: &mut dyn FnMut(&mut Ty)) {
    fn walk(ty: &mut Ty, f: &mut dyn FnMut(&mut Ty)) {
        f(ty);
        match &mut ty.kind {
            TyKind::List { item, .. } => walk(item, f),
            TyKind::Map { key, value, .. } => {
                walk(key, f);
                walk(value, f);
            }
            _ => {}
        }
    }
    fn structure(s: &mut StructDef, f: &mut dyn FnMut(&mut Ty)) {
        if s.validate {
            for field in &mut s.fields {
                walk(&mut field.ty, f);
            }
        }
    }
    for op in operations.iter_mut() {
        structure(&mut op.input, f);
    }
    for t in types.iter_mut() {
        match t {
            TypeDef::Struct(s) => structure(s, f),
            TypeDef::Union(u) if u.validate => {
                for v in &mut u.variants {
                    if let Some(ty) = &mut v.ty {
                        walk(ty, f);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether a text-format timestamp sits where a field-level serde `with` cannot reach it.
fn nested_text_timestamp(ty: &Ty, nested: bool) -> bool {
    match &ty.kind {
        TyKind::Timestamp(f) => nested && *f != TimestampFormat::EpochSeconds,
        TyKind::List { item, .. } => nested_text_timestamp(item, true),
        TyKind::Map { key, value, .. } => nested_text_timestamp(key, true) || nested_text_timestamp(value, true),
        _ => false,
    }
}

/// How a `@range` is compared: integer values with integral bounds as `i64`, everything else
/// as `f64`. A bound that is not a finite number is dropped.
fn range_of(kind: &TyKind, r: &Bounds<String>) -> Range {
    enum Bound {
        Int(i64),
        Float(f64),
    }
    let parse = |t: &Option<String>| -> Option<(Bound, String)> {
        let t = t.as_ref()?;
        let b = match t.parse::<i64>() {
            Ok(i) => Bound::Int(i),
            Err(_) => Bound::Float(t.parse::<f64>().ok().filter(|f| f.is_finite())?),
        };
        Some((b, t.clone()))
    };
    let (min, max) = (parse(&r.min), parse(&r.max));
    let is_int = matches!(kind, TyKind::I8 | TyKind::I16 | TyKind::I32 | TyKind::I64);
    let all_int = [&min, &max].iter().all(|b| matches!(b, None | Some((Bound::Int(_), _))));
    if is_int && all_int {
        let int = |b: Option<(Bound, String)>| match b {
            Some((Bound::Int(i), t)) => Some((i, t)),
            _ => None,
        };
        return Range::Int { min: int(min), max: int(max) };
    }
    let float = |b: Option<(Bound, String)>| match b {
        Some((Bound::Int(i), t)) => Some((i as f64, t)),
        Some((Bound::Float(f), t)) => Some((f, t)),
        None => None,
    };
    Range::Float { min: float(min), max: float(max) }
}

/// Whether a type has a natural zero value (`Default`), so that a required output member the
/// service left out can be read as it.
fn has_zero_value(ty: &Ty) -> bool {
    !matches!(ty.kind, TyKind::Named { .. } | TyKind::Timestamp(_))
}

/// `T` only for @required members without @default and without @clientOptional; `Option<T>`
/// otherwise.
fn member_optional(m: &Member) -> bool {
    !(m.traits.required() && m.traits.default_value().is_none() && !m.traits.client_optional())
}

fn unknown_name(scope: &Scope) -> String {
    ["Unknown", "UnknownValue", "UnknownVariant"]
        .into_iter()
        .find(|n| !scope.contains(n))
        .unwrap_or("UnknownValueNotInModel")
        .to_owned()
}

fn reaches(graph: &BTreeMap<ShapeId, Vec<ShapeId>>, from: &ShapeId, to: &ShapeId) -> bool {
    let mut stack = vec![from];
    let mut seen = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n) {
            if let Some(next) = graph.get(n) {
                stack.extend(next.iter());
            }
        }
    }
    false
}

/// A cycle in a small directed graph, as the list of its nodes, found deterministically.
fn find_cycle(edges: &[(ShapeId, ShapeId)]) -> Option<Vec<ShapeId>> {
    let mut graph: BTreeMap<&ShapeId, Vec<&ShapeId>> = BTreeMap::new();
    for (a, b) in edges {
        graph.entry(a).or_default().push(b);
    }
    for start in graph.keys() {
        // Iterative DFS with an explicit path.
        let mut stack: Vec<(&ShapeId, usize)> = vec![(start, 0)];
        let mut on_path: Vec<&ShapeId> = vec![start];
        let mut visited = BTreeSet::new();
        while let Some((node, i)) = stack.pop() {
            let next = graph.get(node).and_then(|n| n.get(i));
            match next {
                None => {
                    on_path.pop();
                }
                Some(&n) => {
                    stack.push((node, i + 1));
                    if n == *start {
                        return Some(on_path.iter().map(|s| (*s).clone()).chain([n.clone()]).collect());
                    }
                    if visited.insert(n) {
                        stack.push((n, 0));
                        on_path.push(n);
                    }
                }
            }
        }
    }
    None
}
