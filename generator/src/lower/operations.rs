//! Operations: their input and output structures, HTTP request line, errors and pagination.

use serde_json::Value;

use super::http::{check_payload, http_path, scalar_or_list, string_map};
use super::{docs_of, docs_or, Lower};
use crate::error::Error;
use crate::ir::*;
use crate::model::{is_unit, template_parts, ShapeId, ShapeKind, TemplatePart};
use crate::naming;
use crate::protocol::Style;
use crate::select::Roles;

impl Lower<'_> {
    pub(super) fn operation(&mut self, op_id: &ShapeId) -> Result<OperationDef, Error> {
        let shape = self.model.expect(op_id)?;
        let ShapeKind::Operation(op) = &shape.kind else {
            return Err(Error::Config(format!("`{op_id}` is not an operation")));
        };
        let module = self.op_module(op_id)?;
        let name = self.op_type_name(op_id)?;
        let protocol = self.protocol;
        let (method, uri, code) = match protocol.style() {
            Style::Rest => shape.traits.http().ok_or_else(|| Error::Model {
                shape: op_id.to_string(),
                problem: format!("operation has no @http trait (required by {})", protocol.trait_id()),
            })?,
            // `@http` means nothing to an RPC protocol.
            Style::Rpc => ("POST", "/", 200),
        };
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
                    docs: vec![format!(
                        "The {} of {}: it has no members.",
                        suffix.to_lowercase(),
                        operation_link(&name, &module)
                    )],
                    validate: roles.input,
                    derive_default: true,
                    fields: Vec::new(),
                    sensitive: false,
                    error: None,
                    deprecated: None,
                    rules: Vec::new(),
                    response_metadata: false,
                    serialize: roles.input,
                    deserialize: roles.output,
                });
            }
            let s = cx.model.expect(id)?;
            let roles = cx.closure.shapes.get(id).copied().unwrap_or(roles);
            cx.structure(&s, roles)
        };
        let mut input = io(self, &op.input, "Input", Roles { input: true, output: false })?;
        let mut output = io(self, &op.output, "Output", Roles { input: false, output: true })?;
        output.response_metadata = true;
        // One structure as both input and output (Smithy 1.0 allowed it; botocore descriptions
        // do it often) is one type: it carries the response metadata either way, and the
        // emitter writes it once.
        if op.input == op.output && !is_unit(&op.input) {
            input.response_metadata = true;
        }
        for f in &output.fields {
            let at = || format!("{}${}", op.output, f.member);
            let ok = match &f.binding {
                Binding::Header(_) => scalar_or_list(&f.ty),
                Binding::PrefixHeaders(_) => string_map(&f.ty),
                Binding::ResponseCode => f.ty.kind == TyKind::I32,
                // Input bindings mean nothing in a response: such a member is never set.
                _ => true,
            };
            if !ok {
                return Err(Error::Model {
                    shape: at(),
                    problem: format!("this type cannot be bound to {:?}", f.binding),
                });
            }
            // Read from outside the body, the member starts as its type's default.
            let through_serde = f.binding == Binding::Payload; // see `payload_output`
            if f.binding != Binding::Body && !through_serde && !f.optional && !has_default(&f.ty) {
                return Err(Error::Unsupported {
                    shape: at(),
                    what: format!("a required output member of this type bound to {:?}", f.binding),
                });
            }
        }
        // Of the encodings the model lists, the ones this client has (unknown ones are
        // skipped, as the trait says).
        let compression: Vec<String> = match shape.traits.get("smithy.api#requestCompression") {
            None => Vec::new(),
            Some(v) => v
                .get("encodings")
                .and_then(Value::as_array)
                .ok_or_else(|| Error::Model {
                    shape: op_id.to_string(),
                    problem: "@requestCompression needs a list of `encodings`".into(),
                })?
                .iter()
                .filter_map(Value::as_str)
                .filter(|e| e.eq_ignore_ascii_case("gzip"))
                .map(str::to_ascii_lowercase)
                .collect(),
        };
        let checksum_required = shape.traits.has("smithy.api#httpChecksumRequired");
        self.features.compression |= !compression.is_empty();
        self.features.checksums |= checksum_required;
        let (path, literal_query) = http_path(op_id, uri, &op.input, &input)?;
        check_payload(&op.input, &input)?;
        check_payload(&op.output, &output)?;
        let mut errors = Vec::new();
        for e in &op.errors {
            let (id, path) = self.path_of(e)?;
            let shape = self.model.expect(e)?;
            let docs = docs_or(&shape.traits, || format!("The modelled error `{}`.", naming::unraw(&path.name)));
            let query_compatible =
                self.model.get(&self.closure.service).is_some_and(|s| s.traits.has("aws.protocols#awsQueryCompatible"));
            let query_code = shape
                .traits
                .get("aws.protocols#awsQueryError")
                .and_then(|q| q.get("code"))
                .and_then(Value::as_str)
                .filter(|_| query_compatible)
                .map(str::to_owned);
            errors.push(OperationError { id, variant: path.name.clone(), path, docs, query_code });
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
            Pagination {
                input_token: pick("inputToken"),
                output_token: pick("outputToken"),
                items: pick("items"),
                page_size: pick("pageSize"),
            }
        });
        let examples = shape
            .traits
            .get("smithy.api#examples")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter(|e| e.get("error").is_none() && e.get("input").is_some_and(Value::is_object))
                    .map(|e| Example {
                        title: e.get("title").and_then(Value::as_str).unwrap_or("Example").to_owned(),
                        docs: e
                            .get("documentation")
                            .and_then(Value::as_str)
                            .map(crate::docs::html_to_markdown)
                            .unwrap_or_default(),
                        input: e["input"].clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(OperationDef {
            examples,
            pagination,
            error_enum: format!("{name}Error"),
            name,
            module,
            docs: docs_of(&shape.traits),
            http: Http {
                compression,
                checksum_required,
                target: protocol.target(&self.closure.service, op_id),
                json_content_type: protocol.json_content_type(),
                always_body: protocol.style() == Style::Rpc,
                query_mode: self.model.get(&self.closure.service).is_some_and(|s| protocol.sends_query_mode(&s.traits)),
                host_prefix: host_prefix(op_id, shape.traits.get("smithy.api#endpoint"), &input)?,
                path,
                literal_query,
                method: method.to_owned(),
                uri: uri.to_owned(),
                code: u16::try_from(code).map_err(|_| Error::Model {
                    shape: op_id.to_string(),
                    problem: format!("@http code {code} is not an HTTP status"),
                })?,
            },
            input,
            output,
            errors,
            deprecated: shape.traits.deprecated(),
        })
    }
}

/// The `@endpoint` trait's host prefix, its `{Label}`s bound to the input's `@hostLabel`
/// members (required strings).
fn host_prefix(op: &ShapeId, endpoint: Option<&Value>, input: &StructDef) -> Result<Option<Vec<UriPart>>, Error> {
    let Some(endpoint) = endpoint else { return Ok(None) };
    let err = |problem: String| Error::Model { shape: op.to_string(), problem };
    let prefix = endpoint
        .get("hostPrefix")
        .and_then(Value::as_str)
        .ok_or_else(|| err("@endpoint needs a string `hostPrefix`".into()))?;
    let template = template_parts(prefix).ok_or_else(|| err(format!("hostPrefix `{prefix}` has an unclosed `{{`")))?;
    let mut parts = Vec::new();
    for part in template {
        let (name, greedy) = match part {
            TemplatePart::Literal(text) => {
                parts.push(UriPart::Literal(text.to_owned()));
                continue;
            }
            TemplatePart::Label { name, greedy } => (name, greedy),
        };
        // A host label is one value: `{name+}` names no member.
        let field = input.fields.iter().position(|f| f.member == name && f.host_label && !greedy).ok_or_else(|| {
            let inner = if greedy { format!("{name}+") } else { name.to_owned() };
            err(format!("hostPrefix label `{{{inner}}}` has no @hostLabel member in the input"))
        })?;
        if input.fields[field].ty.kind != TyKind::String {
            return Err(err(format!("the @hostLabel member `{name}` must be a string")));
        }
        parts.push(UriPart::Label { member: name.to_owned(), field, greedy: false });
    }
    Ok(Some(parts))
}

/// Whether the Rust type of `ty` implements `Default` (generated named types do not).
fn has_default(ty: &Ty) -> bool {
    !matches!(ty.kind, TyKind::Named { .. })
}
