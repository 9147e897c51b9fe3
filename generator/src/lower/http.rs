//! HTTP bindings: where each member travels, and the `@http` URI split into literals and
//! labels.

use super::Lower;
use crate::error::Error;
use crate::ir::*;
use crate::model::{Member, ShapeId};

impl Lower<'_> {
    pub(super) fn binding(&self, m: &Member, at: &str) -> Result<Binding, Error> {
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
            Binding::PrefixHeaders(_) | Binding::Payload => {
                return Err(Error::Unsupported {
                    shape: at.to_owned(),
                    what: format!("{binding:?} bindings are not supported yet"),
                })
            }
            other => other,
        })
    }
}

/// Splits an `@http` URI into literal text and labels, checking each label against the
/// input's `@httpLabel` members (both ways) and that bound members have types the client can
/// put in a URI or header.
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
        let close =
            rest[open..].find('}').ok_or_else(|| err(format!("@http uri `{uri}` has an unclosed `{{`")))? + open;
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
        if !label_type(&field.ty.kind) {
            return Err(Error::Unsupported {
                shape: format!("{input_shape}${name}"),
                what: "this type cannot be an HTTP label yet".into(),
            });
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
        let scalar = |t: &Ty| label_type(&t.kind) || matches!(t.kind, TyKind::F32 | TyKind::F64);
        let ok = match &f.binding {
            Binding::Query(_) => scalar(&f.ty) || matches!(&f.ty.kind, TyKind::List { item, .. } if scalar(item)),
            Binding::QueryParams => {
                matches!(&f.ty.kind, TyKind::Map { value, .. } if scalar(value) || matches!(&value.kind, TyKind::List { item, .. } if scalar(item)))
            }
            Binding::Header(_) => {
                scalar(&f.ty)
                    || matches!(f.ty.kind, TyKind::Timestamp(_))
                    || matches!(&f.ty.kind, TyKind::List { item, .. } if scalar(item))
            }
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

/// The types a URI label can hold (query values and headers also take floats).
fn label_type(kind: &TyKind) -> bool {
    matches!(
        kind,
        TyKind::String
            | TyKind::I8
            | TyKind::I16
            | TyKind::I32
            | TyKind::I64
            | TyKind::Bool
            | TyKind::Named { kind: NamedKind::Enum { .. }, .. }
    )
}
