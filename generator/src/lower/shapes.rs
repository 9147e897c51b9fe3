//! Structures, unions and enums.

use super::{docs_of, docs_or, has_zero_value, member_optional, naming_err, unknown_name, Lower};
use crate::error::Error;
use crate::ir::*;
use crate::model::{is_unit, EnumLiteral, Member, Shape, ShapeKind, Traits};
use crate::naming::{self, Scope};
use crate::select::Roles;

impl Lower<'_> {
    pub(super) fn structure(&mut self, shape: &Shape, roles: Roles) -> Result<StructDef, Error> {
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
        for m in members {
            let at = format!("{}${}", shape.id, m.name);
            let name = naming::snake_name(&m.name)
                .ok_or_else(|| naming_err(&shape.id, format!("member `{}` has no usable Rust name", m.name)))?;
            scope.claim(&name, &m.name).map_err(|e| naming_err(&shape.id, e))?;
            let binding = self.binding(m, &at)?;
            let ty = self.ty(&m.traits, &m.target, &binding)?;
            let media_type = self.media_type(m)?;
            if media_type.is_some() && matches!(binding, Binding::Header(_)) {
                self.features.blobs = true; // base64
            }
            let stream = matches!(ty.kind, TyKind::Stream { .. });
            if stream && is_error {
                return Err(Error::Model {
                    shape: at,
                    problem: "an error structure cannot have a @streaming member".into(),
                });
            }
            // A stream is never absent, only empty: not an `Option`, and required in the
            // builder only when the model requires it.
            let optional = !stream && member_optional(m);
            let wire = self.wire_name(m);
            // restJson1 services send both `Message` and `message`.
            let alias = (is_error && m.name.eq_ignore_ascii_case("message"))
                .then(|| if wire == "message" { "Message" } else { "message" })
                .filter(|alias| *alias != wire)
                .map(str::to_owned);
            // A stream's `@default("")` is its empty value, not something the service fills in.
            let default = m.traits.default_value().filter(|d| !d.is_null() && !stream).map(|d| d.to_string());
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
                host_label: m.traits.host_label(),
                binding,
                deprecated: m.traits.deprecated(),
                default,
                wire,
                ty,
                builder: BuilderNames { defaulted: stream && member_optional(m), ..BuilderNames::default() },
                media_type,
            });
        }
        builder_names(&mut fields);
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
            response_metadata: is_error,
            serialize: roles.input,
            deserialize: roles.output || is_error,
        })
    }

    /// Whether a member is redacted: it or its target is `@sensitive`, or the rules file marks
    /// it a secret. The same rule for structure members and union members.
    pub(super) fn member_sensitive(&self, m: &Member, at: &str) -> Result<bool, Error> {
        Ok(m.traits.sensitive()
            || self.model.expect(&m.target)?.traits.sensitive()
            || self.config.rules.as_ref().is_some_and(|r| r.sensitive.contains(at)))
    }

    pub(super) fn union(&mut self, shape: &Shape, roles: Roles) -> Result<UnionDef, Error> {
        let (id, path) = self.path_of(&shape.id)?;
        let ShapeKind::Union(members) = &shape.kind else {
            return Err(Error::Model { shape: shape.id.to_string(), problem: "expected a union".into() });
        };
        if members.is_empty() {
            return Err(Error::Model {
                shape: shape.id.to_string(),
                problem: "a union must have at least one member".into(),
            });
        }
        let container_sensitive = shape.traits.sensitive();
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        for m in members {
            let at = format!("{}${}", shape.id, m.name);
            let vname = naming::variant_name(&m.name)
                .ok_or_else(|| naming_err(&shape.id, format!("member `{}` has no usable name", m.name)))?;
            scope.claim(&vname, &m.name).map_err(|e| naming_err(&shape.id, e))?;
            let ty = if is_unit(&m.target) { None } else { Some(self.ty(&m.traits, &m.target, &Binding::Body)?) };
            if ty.as_ref().is_some_and(|t| t.nested_text_format().is_some()) {
                return Err(Error::Unsupported {
                    shape: at,
                    what: "date-time and http-date timestamps inside lists or maps of a union member are not supported yet"
                        .into(),
                });
            }
            let path_name = naming::unraw(&naming::snake_name(&m.name).unwrap_or_else(|| m.name.clone())).to_owned();
            variants.push(UnionVariant {
                member: m.name.clone(),
                wire: self.wire_name(m),
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
            serialize: roles.input,
            deserialize: roles.output,
            validate: roles.input,
            variants,
            unknown,
            sensitive: container_sensitive,
            deprecated: shape.traits.deprecated(),
        })
    }

    /// The member's name in JSON: `@jsonName` where the protocol honours it, else its own.
    fn wire_name(&self, m: &Member) -> String {
        match m.traits.json_name() {
            Some(name) if self.protocol.honours_json_name() => name.to_owned(),
            _ => m.name.clone(),
        }
    }

    /// `@mediaType` of the member, else of its target.
    fn media_type(&self, m: &Member) -> Result<Option<String>, Error> {
        if let Some(t) = m.traits.media_type() {
            return Ok(Some(t.to_owned()));
        }
        Ok(self.model.expect(&m.target)?.traits.media_type().map(str::to_owned))
    }

    pub(super) fn enumeration(&mut self, shape: &Shape, roles: Roles) -> Result<EnumDef, Error> {
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
                (EnumLiteral::String(s), true) => {
                    return Err(bad(format!("intEnum value `{s}` of `{source}` is not an integer")))
                }
                (EnumLiteral::Int(i), false) => {
                    return Err(bad(format!("enum value {i} of `{source}` is not a string")))
                }
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
}

/// Each member's names in the builder: setters are the field names (`build` is the builder's
/// own, so a member named so is set by `set_build`); required members get a type parameter,
/// optional lists and maps a `push_`/`insert_` setter when that name is free.
fn builder_names(fields: &mut [Field]) {
    use heck::ToUpperCamelCase;
    let mut taken: std::collections::BTreeSet<String> = ["build".to_owned()].into();
    for f in fields.iter_mut() {
        let plain = naming::unraw(&f.name);
        f.builder.setter = if plain == "build" { "set_build".to_owned() } else { f.name.clone() };
        taken.insert(naming::unraw(&f.builder.setter).to_owned());
    }
    let mut params: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for f in fields.iter_mut() {
        let plain = naming::unraw(&f.name).to_owned();
        if f.builder.defaulted {
            continue;
        }
        if !f.optional {
            let mut param = plain.to_upper_camel_case();
            if param.is_empty() || param == "Self" {
                param.push_str("Member");
            }
            while !params.insert(param.clone()) {
                param.push('_');
            }
            f.builder.state = Some(param);
        } else {
            let item = match f.ty.kind {
                TyKind::List { .. } => Some(format!("push_{plain}")),
                TyKind::Map { .. } => Some(format!("insert_{plain}")),
                _ => None,
            };
            f.builder.item_setter = item.filter(|name| taken.insert(name.clone()));
        }
    }
}
