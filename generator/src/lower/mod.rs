//! Lowering: model + closure → IR. The one place where Rust-facing decisions are made.
//!
//! `lower` names every type and places it in a module, breaks cycles with boxes, then lowers
//! operations (`operations`), shapes (`shapes`), value types and constraints (`types`), HTTP
//! bindings (`http`), documented rules (`doc_rules`) and the endpoint rule set (`endpoints`).

mod auth;
mod boxing;
mod depth;
mod doc_rules;
pub mod endpoints;
mod http;
mod operations;
mod shapes;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;
use serde_json::Value;

use crate::docs::html_to_markdown;
use crate::error::Error;
use crate::ir::*;
use crate::model::{is_unit, Member, Model, ShapeId, ShapeKind, Simple, Traits};
use crate::naming::{self, Scope};
use crate::select::Closure;
use crate::Config;
use types::{for_each_input_ty, has_zero_value};

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
        protocol: crate::protocol::Protocol::RestJson1,
        notes: Vec::new(),
        signing_name: String::new(),
    };
    let service_shape = model.expect(&closure.service)?;
    let (protocol, note) = crate::protocol::Protocol::select(&service_shape.id, &service_shape.traits)?;
    cx.protocol = protocol;
    cx.notes.extend(note);
    let service = cx.service_info()?;
    cx.signing_name.clone_from(&service.signing_name);
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
        let nested_struct = |cx: &mut Lower<'_>| -> Result<StructDef, Error> {
            let s = cx.structure(&shape, *roles)?;
            match s.stream_field() {
                Some(f) => Err(Error::Model {
                    shape: format!("{id}${}", f.member),
                    problem: "a @streaming blob must be the @httpPayload member of an operation's input or output, \
                              not of a structure nested in one"
                        .into(),
                }),
                None => Ok(s),
            }
        };
        if closure.errors.contains(id) {
            errors.push(nested_struct(&mut cx)?);
            continue;
        }
        match &shape.kind {
            ShapeKind::Structure(_) => types.push(TypeDef::Struct(nested_struct(&mut cx)?)),
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
                return Err(Error::Config(format!(
                    "documented rules name `{id}`, which is not in the generated closure"
                )));
            }
        }
        for member in &rules.sensitive {
            let known = member.split_once('$').is_some_and(|(shape, name)| {
                ShapeId::parse(shape)
                    .ok()
                    .and_then(|id| model.get(&id))
                    .is_some_and(|s| s.kind.members().iter().any(|m| m.name == name))
            });
            if !known {
                return Err(Error::Config(format!(
                    "the rules file marks `{member}` sensitive, but the model has no such member"
                )));
            }
        }
    }
    let mut patterns: Vec<(usize, PatternDef)> = cx.patterns.iter().map(|(k, v)| (*v, k.clone())).collect();
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
        if let Some(PatternRef::Enforced(i) | PatternRef::Defective { repaired: Some(i) }) = &mut ty.constraints.pattern
        {
            *i = renumber.get(i).copied().unwrap_or(*i);
        }
    });
    let patterns: Vec<(usize, PatternDef)> = patterns.into_iter().filter(|(i, _)| used.contains(i)).collect();
    // The crate needs the regex engines only for patterns it enforces.
    cx.features.patterns = !patterns.is_empty();
    cx.features.patterns_bounded = patterns.iter().any(|(_, p)| p.bounded);
    let warnings: Vec<String> = cx
        .warnings
        .iter()
        .filter(|(shape, _)| cx.defective_input_shapes.contains(shape))
        .map(|(_, w)| w.clone())
        .chain(cx.notes.iter().cloned())
        .collect();
    let package = match &config.package {
        Some(p) => p.clone(),
        None => format!("amazon-{}", service.sdk_id.to_kebab_case()),
    };
    if !crate::model::is_identifier(&package.replace('-', "_")) {
        return Err(Error::Config(format!("`{package}` is not a usable Cargo package name")));
    }
    let endpoints = endpoints::lower(&*model.expect(&closure.service)?)?;
    let recursion_limit = depth::recursion_limit(&operations, &types)?;
    Ok(Crate {
        recursion_limit,
        package,
        version: config.version.clone(),
        standalone: config.standalone,
        dev_dependencies: config.dev_dependencies.clone(),
        runtime: config.runtime.clone(),
        service,
        operations,
        types,
        errors,
        features: cx.features,
        shape_count: closure.shapes.len(),
        patterns: patterns.into_iter().map(|(_, p)| p).collect(),
        warnings,
        endpoints,
        protocol: cx.protocol,
    })
}

struct Lower<'a> {
    model: &'a Model,
    closure: &'a Closure,
    config: &'a Config,
    /// Pattern → index, in order of first use.
    patterns: BTreeMap<PatternDef, usize>,
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
    /// The service's protocol, which decides bindings, wire names and request lines.
    protocol: crate::protocol::Protocol,
    /// Warnings about the whole crate (which protocol was picked, …).
    notes: Vec<String>,
    /// The service's SigV4 signing name.
    signing_name: String,
}

fn docs_of(traits: &Traits) -> Docs {
    traits.documentation().map(html_to_markdown).unwrap_or_default()
}

/// The documentation, or `fallback` when the model has none: generated items are never
/// undocumented.
fn docs_or(traits: &Traits, fallback: impl FnOnce() -> String) -> Docs {
    let docs = docs_of(traits);
    if docs.is_empty() {
        Docs::from(fallback())
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
        self.paths
            .get(id)
            .cloned()
            .ok_or_else(|| Error::Model { shape: id.to_string(), problem: "shape has no generated type".into() })
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
                    scope
                        .claim(&name, &format!("{op_id} (no {})", suffix.to_lowercase()))
                        .map_err(|e| naming_err(op_id, e))?;
                    continue;
                }
                if self.paths.contains_key(id) {
                    continue; // a Smithy 1.0 structure shared by two operations stays where it was placed
                }
                let name =
                    naming::type_name(&self.rename(id)).ok_or_else(|| naming_err(id, "no usable type name".into()))?;
                scope.claim(&name, &id.to_string()).map_err(|e| naming_err(id, e))?;
                self.place(id, TypePath { module: Module::Operation(module.clone()), name });
            }
        }
        for id in self.closure.shapes.keys() {
            if self.paths.contains_key(id) {
                continue;
            }
            let shape = self.model.expect(id)?;
            if !matches!(
                shape.kind,
                ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_)
            ) {
                continue;
            }
            let module = if self.closure.errors.contains(id) { Module::Error } else { Module::Types };
            let name =
                naming::type_name(&self.rename(id)).ok_or_else(|| naming_err(id, "no usable type name".into()))?;
            let scope = scopes.entry(module.clone()).or_default();
            scope.claim(&name, &id.to_string()).map_err(|e| naming_err(id, e))?;
            self.place(id, TypePath { module, name });
        }
        Ok(())
    }
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
