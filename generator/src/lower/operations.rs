//! Operations: their input and output structures, HTTP request line, errors and pagination.

use serde_json::Value;

use super::http::{check_payload, http_path, scalar_or_list, string_map};
use super::{docs_of, docs_or, Lower};
use crate::error::Error;
use crate::ir::*;
use crate::model::{is_unit, template_parts, ShapeId, ShapeKind, Simple, TemplatePart};
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
                    docs: Docs::from(format!(
                        "The {} of {}: it has no members.",
                        suffix.to_lowercase(),
                        operation_link(&name, &module)
                    )),
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
        // The service's traits, read once: query compatibility and the pagination defaults.
        let service = self.model.get(&self.closure.service);
        let service_traits = service.as_ref().map(|s| &s.traits);
        let query_compatible = service_traits.is_some_and(|t| t.has("aws.protocols#awsQueryCompatible"));
        let mut errors = Vec::new();
        for e in &op.errors {
            let (id, path) = self.path_of(e)?;
            // An error listed twice (botocore models do) is one variant.
            if errors.iter().any(|known: &OperationError| known.id == id) {
                continue;
            }
            let shape = self.model.expect(e)?;
            let docs = docs_or(&shape.traits, || format!("The modelled error `{}`.", naming::unraw(&path.name)));
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
            let defaults = service_traits.and_then(|t| t.get("smithy.api#paginated"));
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
        // A paginator sends its input again for each page: not one that streams.
        let paginator = match &pagination {
            Some(p) if input.stream_field().is_none() => self.paginator(op_id, &name, p, &op.input, &op.output)?,
            _ => None,
        };
        let signing_name = self.signing_name.clone();
        let auth = self.auth(op_id, &shape.traits, &signing_name)?;
        Ok(OperationDef {
            auth,
            paginator,
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
                query_mode: service_traits.is_some_and(|t| protocol.sends_query_mode(t)),
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

impl Lower<'_> {
    /// Resolves `@paginated` against the input and output shapes: the tokens must be optional
    /// strings, the page size an integer, the items a list or map (paths through nested
    /// structures with `.`). Without both tokens there is nothing to paginate.
    fn paginator(
        &mut self,
        op: &ShapeId,
        name: &str,
        p: &Pagination,
        input: &ShapeId,
        output: &ShapeId,
    ) -> Result<Option<Paginator>, Error> {
        let (Some(in_token), Some(out_token)) = (&p.input_token, &p.output_token) else { return Ok(None) };
        let err = |problem: String| Error::Model { shape: op.to_string(), problem: format!("@paginated: {problem}") };
        let in_steps = self.member_path(input, in_token).map_err(&err)?;
        let [(in_step, in_member)] = &in_steps[..] else {
            return Err(err(format!("the input token `{in_token}` must be a member of the input")));
        };
        let string =
            |t: &ShapeId| self.model.get(t).is_some_and(|s| matches!(s.kind, ShapeKind::Simple(Simple::String)));
        let out_steps = self.member_path(output, out_token).map_err(&err)?;
        // Tokens that are not strings (DynamoDB's `ExclusiveStartKey` maps) get no paginator:
        // the operation is still generated, with a warning.
        let in_ok = in_step.optional && string(&in_member.target);
        let out_ok = out_steps.last().is_some_and(|(s, m)| s.optional && string(&m.target));
        if !in_ok || !out_ok {
            let (which, path) = if in_ok { ("output", out_token) } else { ("input", in_token) };
            self.notes.push(format!(
                "shape `{op}`: no paginator: the {which} token `{path}` of @paginated is not an optional string"
            ));
            return Ok(None);
        }
        let page_size = match &p.page_size {
            None => None,
            Some(size) => {
                let steps = self.member_path(input, size).map_err(&err)?;
                let [(step, member)] = &steps[..] else {
                    return Err(err(format!("the page size `{size}` must be a member of the input")));
                };
                let ty = self.ty(&member.traits, &member.target, &Binding::Body)?;
                if !matches!(ty.kind, TyKind::I8 | TyKind::I16 | TyKind::I32 | TyKind::I64) || !step.optional {
                    return Err(err(format!("the page size `{size}` must be an optional integer")));
                }
                Some((step.field.clone(), ty))
            }
        };
        let items = match &p.items {
            None => None,
            Some(items) => {
                let steps = self.member_path(output, items).map_err(&err)?;
                let (_, member) = steps.last().ok_or_else(|| err(format!("no member `{items}`")))?;
                let ty = self.ty(&member.traits, &member.target, &Binding::Body)?;
                match ty.kind {
                    TyKind::List { sparse: false, .. } | TyKind::Map { sparse: false, .. } => {}
                    // The spec allows them; the paginators' item streams do not hold gaps yet.
                    TyKind::List { sparse: true, .. } | TyKind::Map { sparse: true, .. } => {
                        self.notes.push(format!(
                            "shape `{op}`: no paginator: the items `{items}` of @paginated are @sparse, which paginators do not support yet"
                        ));
                        return Ok(None);
                    }
                    _ => return Err(err(format!("the items `{items}` must be a list or a map"))),
                }
                Some((steps.into_iter().map(|(s, _)| s).collect(), ty))
            }
        };
        Ok(Some(Paginator {
            name: format!("{name}Paginator"),
            items_name: format!("{name}Items"),
            input_token: in_step.field.clone(),
            output_token: out_steps.into_iter().map(|(s, _)| s).collect(),
            page_size,
            items,
        }))
    }

    fn member_of(&self, shape: &ShapeId, name: &str) -> Option<crate::model::Member> {
        let s = self.model.get(shape)?;
        let ShapeKind::Structure(members) = &s.kind else { return None };
        members.iter().find(|m| m.name == name).cloned()
    }

    /// `A.B.C` from `shape`: each member's Rust field and whether it is optional, with the member.
    fn member_path(&self, shape: &ShapeId, path: &str) -> Result<Vec<(PathStep, crate::model::Member)>, String> {
        let mut steps = Vec::new();
        let mut at = shape.clone();
        for part in path.split('.') {
            let member = self.member_of(&at, part).ok_or_else(|| format!("`{path}`: `{at}` has no member `{part}`"))?;
            let field = naming::snake_name(&member.name).ok_or_else(|| format!("`{part}` has no Rust name"))?;
            at = member.target.clone();
            steps.push((PathStep { field, optional: super::member_optional(&member) }, member));
        }
        Ok(steps)
    }
}
