//! Operations: their input and output structures, HTTP request line, errors and pagination.

use serde_json::Value;

use super::http::http_path;
use super::{docs_of, docs_or, Lower};
use crate::error::Error;
use crate::ir::*;
use crate::model::{is_unit, ShapeId, ShapeKind};
use crate::naming;
use crate::select::Roles;

impl Lower<'_> {
    pub(super) fn operation(&mut self, op_id: &ShapeId) -> Result<OperationDef, Error> {
        let shape = self.model.expect(op_id)?;
        let ShapeKind::Operation(op) = &shape.kind else {
            return Err(Error::Config(format!("`{op_id}` is not an operation")));
        };
        let module = self.op_module(op_id)?;
        let name = self.op_type_name(op_id)?;
        let (method, uri, code) = shape.traits.http().ok_or_else(|| Error::Model {
            shape: op_id.to_string(),
            problem: "operation has no @http trait (required by restJson1)".into(),
        })?;
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
            Pagination {
                input_token: pick("inputToken"),
                output_token: pick("outputToken"),
                items: pick("items"),
                page_size: pick("pageSize"),
            }
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
