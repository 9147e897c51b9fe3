//! HTTP bindings: where each member travels, and the `@http` URI split into literals and
//! labels.

use super::Lower;
use crate::error::Error;
use crate::ir::*;
use crate::model::{template_parts, Member, ShapeId, TemplatePart};

impl Lower<'_> {
    pub(super) fn binding(&self, m: &Member, at: &str) -> Result<Binding, Error> {
        // RPC protocols put every member in the body, whatever its binding traits say.
        if !self.protocol.honours_http_bindings() {
            return Ok(Binding::Body);
        }
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
            _ => {
                return Err(Error::Model {
                    shape: at.to_owned(),
                    problem: "a member has more than one HTTP binding trait".into(),
                })
            }
        };
        Ok(match binding {
            Binding::Header(name) => {
                let valid = !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
                if !valid {
                    return Err(Error::Model {
                        shape: at.to_owned(),
                        problem: format!("`{name}` is not a valid HTTP header name"),
                    });
                }
                Binding::Header(name.to_ascii_lowercase())
            }
            other => other,
        })
    }
}

/// Splits an `@http` URI into literal text and labels, and checks that bound members have types
/// the client can put in a URI or header. The URI's form, and that its labels and the input's
/// `@httpLabel` members match both ways, were checked when the model was loaded.
pub(super) fn http_path(
    op: &ShapeId,
    uri: &str,
    input_shape: &ShapeId,
    input: &StructDef,
) -> Result<(Vec<UriPart>, String), Error> {
    let err = |problem: String| Error::Model { shape: op.to_string(), problem };
    let (path, query) = match uri.split_once('?') {
        Some((p, q)) => (p, q),
        None => (uri, ""),
    };
    let template = template_parts(path).ok_or_else(|| err(format!("@http uri `{uri}` has an unclosed `{{`")))?;
    let mut parts = Vec::new();
    for part in template {
        let (name, greedy) = match part {
            TemplatePart::Literal(text) => {
                parts.push(UriPart::Literal(text.to_owned()));
                continue;
            }
            TemplatePart::Label { name, greedy } => (name, greedy),
        };
        let index =
            input.fields.iter().position(|f| f.member == name && f.binding == Binding::Label).ok_or_else(|| {
                let inner = if greedy { format!("{name}+") } else { name.to_owned() };
                err(format!("@http uri label `{{{inner}}}` has no @httpLabel member in the input"))
            })?;
        let field = &input.fields[index];
        if !label_type(&field.ty.kind) {
            return Err(Error::Unsupported {
                shape: format!("{input_shape}${name}"),
                what: "this type cannot be an HTTP label yet".into(),
            });
        }
        parts.push(UriPart::Label { member: name.to_owned(), field: index, greedy });
    }
    for f in &input.fields {
        let ok = match &f.binding {
            Binding::Query(_) | Binding::Header(_) => scalar_or_list(&f.ty),
            Binding::QueryParams => {
                matches!(&f.ty.kind, TyKind::Map { value, .. } if scalar_or_list(value))
            }
            Binding::PrefixHeaders(_) => string_map(&f.ty),
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

/// `@httpPayload`: at most one member, which then is the whole body (no member may be bound
/// to the body beside it), of a type with a body form: a blob, stream or string (sent as is), an enum
/// (its value as text), or a structure, union or document (as JSON).
pub(super) fn check_payload(shape: &ShapeId, s: &StructDef) -> Result<(), Error> {
    // At most one: loading refuses a second `@httpPayload`.
    let Some(payload) = s.fields.iter().find(|f| f.binding == Binding::Payload) else { return Ok(()) };
    let err = |problem: String| Error::Model { shape: shape.to_string(), problem };
    if let Some(body) = s.fields.iter().find(|f| f.binding == Binding::Body) {
        return Err(err(format!(
            "`{}` is bound to the payload, so `{}` must be bound elsewhere (a header, the query, …)",
            payload.member, body.member
        )));
    }
    let ok = matches!(
        payload.ty.kind,
        TyKind::Blob
            | TyKind::Stream { .. }
            | TyKind::String
            | TyKind::Document
            | TyKind::Named { kind: NamedKind::Struct | NamedKind::Union | NamedKind::Enum { int: false, .. }, .. }
    );
    if !ok {
        return Err(err(format!(
            "the @httpPayload member `{}` must be a blob, string, enum, structure, union or document",
            payload.member
        )));
    }
    Ok(())
}

/// The types a URI label, a query value or a header can hold: strings, numbers, booleans,
/// timestamps and enums.
fn label_type(kind: &TyKind) -> bool {
    matches!(
        kind,
        TyKind::String
            | TyKind::I8
            | TyKind::I16
            | TyKind::I32
            | TyKind::I64
            | TyKind::F32
            | TyKind::F64
            | TyKind::Bool
            | TyKind::Timestamp(_)
            | TyKind::Named { kind: NamedKind::Enum { .. }, .. }
    )
}

/// What a query parameter or a header holds: a scalar, or a list of them.
pub(super) fn scalar_or_list(ty: &Ty) -> bool {
    label_type(&ty.kind) || matches!(&ty.kind, TyKind::List { item, .. } if label_type(&item.kind))
}

/// What `@httpPrefixHeaders` binds: a map of strings to strings.
pub(super) fn string_map(ty: &Ty) -> bool {
    matches!(&ty.kind, TyKind::Map { key, value, .. } if key.kind == TyKind::String && value.kind == TyKind::String)
}
