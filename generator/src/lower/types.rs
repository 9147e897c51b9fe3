//! Value types at their use sites: the Rust type, the constraints that apply there, and the
//! patterns the crate compiles.

use super::Lower;
use crate::error::Error;
use crate::ir::*;
use crate::model::{Bounds, ShapeId, ShapeKind, Simple, Traits};
use crate::patterns::{Engine, Translation};

impl Lower<'_> {
    pub(super) fn ty(&mut self, member_traits: &Traits, target: &ShapeId, binding: &Binding) -> Result<Ty, Error> {
        let shape = self.model.expect(target)?;
        let length = member_traits.length().or_else(|| shape.traits.length());
        let range = member_traits.range().or_else(|| shape.traits.range());
        // Only a string's own value is matched: an enum's `@length` and `@pattern` (which the
        // spec allows, as an enum is a specialization of string) are checked by membership.
        let pattern = match shape.kind {
            ShapeKind::Simple(Simple::String) => {
                member_traits.pattern().or(shape.traits.pattern()).map(|p| self.pattern(p, target))
            }
            _ => None,
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
                Simple::Blob if shape.traits.streaming() => {
                    // The whole body of a request or response: nowhere else can it be a stream.
                    if *binding != Binding::Payload {
                        return Err(Error::Model {
                            shape: target.to_string(),
                            problem:
                                "a @streaming blob must be the @httpPayload member of an operation's input or output"
                                    .into(),
                        });
                    }
                    self.features.streams = true;
                    TyKind::Stream { requires_length: shape.traits.has("smithy.api#requiresLength") }
                }
                Simple::Blob => {
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
                            return Err(Error::Model {
                                shape: target.to_string(),
                                problem: format!("unknown @timestampFormat `{other}`"),
                            })
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
                    return Err(Error::Unsupported {
                        shape: target.to_string(),
                        what: "event streams are not supported".into(),
                    });
                }
                named(self, NamedKind::Struct)?
            }
            ShapeKind::Union(_) => {
                if shape.traits.streaming() {
                    return Err(Error::Unsupported {
                        shape: target.to_string(),
                        what: "event streams are not supported".into(),
                    });
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
                return Err(Error::Model {
                    shape: target.to_string(),
                    problem: "a member cannot target this shape type".into(),
                })
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

    pub(super) fn intern_pattern(&mut self, source: &str, translation: Translation) -> usize {
        let next = self.patterns.len();
        let def = PatternDef {
            source: source.to_owned(),
            bounded: translation.engine == Engine::Bounded,
            regex: translation.regex,
        };
        *self.patterns.entry(def).or_insert(next)
    }

    /// Plans how a `@pattern` is enforced. A pattern that is defective, or that no engine can
    /// check with its meaning, is not enforced in `Model` mode, and becomes a warning.
    pub(super) fn pattern(&mut self, source: &str, shape: &ShapeId) -> PatternRef {
        let plan = crate::patterns::analyze(source);
        self.features.patterns = true;
        match (plan.model, plan.unenforced) {
            (Some(t), None) => PatternRef::Enforced(self.intern_pattern(source, t)),
            (_, why) => {
                let repaired = plan.strict.as_ref().map(|(p, t)| self.intern_pattern(p, t.clone()));
                if self.closure.shapes.get(shape).is_some_and(|r| r.input) {
                    self.defective_input_shapes.insert(shape.to_string());
                }
                self.warnings.insert((
                    shape.to_string(),
                    format!(
                        "shape `{shape}`: @pattern `{source}` is not enforced by default: {}{}",
                        why.unwrap_or_default(),
                        match &plan.strict {
                            Some((p, _)) => format!("; strict mode enforces `{p}` instead"),
                            None => String::new(),
                        }
                    ),
                ));
                PatternRef::Defective { repaired }
            }
        }
    }

    pub(super) fn enum_is_open(&self, id: &ShapeId) -> bool {
        self.closure.shapes.get(id).is_some_and(|r| r.output)
    }
}

/// Calls `f` on every value type that input-side validation reads.
pub(super) fn for_each_input_ty(operations: &mut [OperationDef], types: &mut [TypeDef], f: &mut dyn FnMut(&mut Ty)) {
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

/// How a `@range` is compared: integer values with integral bounds as `i64`, everything else
/// as `f64`. A bound that is not a finite number is dropped.
pub(super) fn range_of(kind: &TyKind, r: &Bounds<String>) -> Range {
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
pub(super) fn has_zero_value(ty: &Ty) -> bool {
    !matches!(ty.kind, TyKind::Named { .. } | TyKind::Timestamp(_))
}
