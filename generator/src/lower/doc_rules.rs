//! Documented rules (the project's rules file), resolved against a structure's fields and
//! checked to fit the member types they name.

use super::{member_optional, Lower};
use crate::error::Error;
use crate::ir::*;
use crate::model::{Shape, ShapeKind, Simple};
use crate::naming;
use crate::rules::RuleSpec;

impl Lower<'_> {
    /// Resolves the documented rules of a structure against its fields, checking that each
    /// rule fits the member types it names.
    pub(super) fn doc_rules(&self, shape: &Shape, fields: &[Field]) -> Result<Vec<DocRule>, Error> {
        let Some(specs) = self.config.rules.as_ref().and_then(|r| r.by_shape.get(&shape.id)) else {
            return Ok(Vec::new());
        };
        let bad =
            |id: &str, problem: String| Error::Config(format!("documented rule `{id}` on `{}`: {problem}", shape.id));
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
}
