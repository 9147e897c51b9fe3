//! The `@http` URI pattern of an operation, against the spec's constraints: it starts with
//! `/`, has no empty or dot segments, no fragment and no trailing `?`; each label spans a whole
//! path segment and none is in the query string; label names do not repeat and at most one
//! label is greedy (which binds a string); and the labels and the input's `@httpLabel` members
//! match both ways, each such member `@required`.

use std::collections::BTreeSet;

use super::{model_err, template_parts, Model, Operation, ShapeKind, Simple, TemplatePart};
use crate::error::Error;

impl Model {
    /// Checks the `@http` URI of the operation `at`, if it has one.
    pub(super) fn check_http_uri(&self, at: &str, uri: &str, op: &Operation) -> Result<(), Error> {
        let err = |problem: String| model_err(at, format!("@http uri `{uri}`: {problem}"));
        let (path, query) = match uri.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (uri, None),
        };
        let Some(segments) = path.strip_prefix('/') else { return Err(err("must start with `/`".into())) };
        if uri.contains('#') {
            return Err(err("must not contain a fragment (`#`)".into()));
        }
        if query == Some("") {
            return Err(err("must not end with `?`".into()));
        }
        if query.is_some_and(|q| q.contains('{') || q.contains('}')) {
            return Err(err("labels must not appear in the query string".into()));
        }
        let mut labels: Vec<(&str, bool)> = Vec::new();
        // `/` alone has one empty segment; a trailing `/` is allowed.
        let parts: Vec<&str> = segments.split('/').collect();
        for (i, segment) in parts.iter().enumerate() {
            if segment.is_empty() && i + 1 != parts.len() {
                return Err(err("must not contain an empty path segment (`//`)".into()));
            }
            if *segment == "." || *segment == ".." {
                return Err(err(format!("must not contain the dot segment `{segment}`")));
            }
            if !segment.contains('{') && !segment.contains('}') {
                continue;
            }
            let (name, greedy) = match template_parts(segment).as_deref() {
                Some(&[TemplatePart::Label { name, greedy }]) if !name.is_empty() && !name.contains('{') => {
                    (name, greedy)
                }
                _ => {
                    return Err(err(format!(
                        "the segment `{segment}` must be one whole label (`{{name}}` or `{{name+}}`)"
                    )))
                }
            };
            if labels.iter().any(|(n, _)| *n == name) {
                return Err(err(format!("the label `{name}` appears more than once")));
            }
            if greedy && labels.iter().any(|(_, g)| *g) {
                return Err(err("has more than one greedy label (`{name+}`)".into()));
            }
            labels.push((name, greedy));
        }
        let input = self.expect(&op.input)?;
        let members = match &input.kind {
            ShapeKind::Structure(ms) => ms.as_slice(),
            _ => &[],
        };
        for (name, greedy) in &labels {
            let member = members.iter().find(|m| m.name == *name && m.traits.http_label());
            let Some(member) = member else {
                let shown = if *greedy { format!("{name}+") } else { (*name).to_owned() };
                return Err(model_err(
                    at,
                    format!("@http uri label `{{{shown}}}` has no @httpLabel member in the input `{}`", op.input),
                ));
            };
            if !member.traits.required() {
                return Err(model_err(
                    &format!("{}${name}", op.input),
                    format!("an @httpLabel member must be @required (the uri label `{{{name}}}` of `{at}` always has a value)"),
                ));
            }
            let target = self.expect(&member.target)?;
            if *greedy && !matches!(target.kind, ShapeKind::Simple(Simple::String) | ShapeKind::Enum(_)) {
                return Err(model_err(
                    &format!("{}${name}", op.input),
                    format!(
                        "the greedy label `{{{name}+}}` of `{at}` must be bound to a string, not `{}`",
                        member.target
                    ),
                ));
            }
        }
        let named: BTreeSet<&str> = labels.iter().map(|(n, _)| *n).collect();
        if let Some(m) = members.iter().find(|m| m.traits.http_label() && !named.contains(m.name.as_str())) {
            return Err(model_err(at, format!("@httpLabel member `{}` does not appear in the uri `{uri}`", m.name)));
        }
        Ok(())
    }
}
