//! The second front-end: the botocore service description format (`service-2.json`, the format
//! botocore, the AWS CLI and the R, Ruby, Dart and OCaml SDKs are built from, and that the AWS
//! protocol test suites are published in).
//!
//! A description is turned into the same shapes and Smithy traits the Smithy loader produces, so
//! that nothing after loading knows which front-end read the model:
//!
//! | botocore | Smithy |
//! | --- | --- |
//! | `metadata.protocols` / `protocol` (+ `jsonVersion`) | `aws.protocols#restJson1`, `awsJson1_0`, `awsJson1_1`, `restXml`, `awsQuery`, `ec2Query`, `smithy.protocols#rpcv2Cbor` |
//! | `metadata.serviceId`, `endpointPrefix`, `signingName`, `apiVersion`, `serviceFullName` | `aws.api#service`, `aws.auth#sigv4`, the service version, `@title` |
//! | `metadata.auth`, `signatureVersion` | the service's auth traits (`aws.auth#sigv4`, `aws.auth#sigv4a` with the signing name, `@httpBearerAuth`) and its `@auth` |
//! | an operation's `auth`, `authtype` | `@auth` (`smithy.api#noAuth` alone: `@auth([])`; beside schemes: `@optionalAuth`), `aws.auth#unsignedPayload` |
//! | `metadata.targetPrefix` | the service shape's name (the awsJson `X-Amz-Target` prefix) |
//! | `location`: `uri`, `querystring`, `header`, `headers`, `statusCode` | `@httpLabel`, `@httpQuery` (`@httpQueryParams` on a map), `@httpHeader`, `@httpPrefixHeaders`, `@httpResponseCode` |
//! | `locationName` on a body member | `@jsonName` (JSON protocols) and/or `@xmlName` (XML and query protocols) |
//! | `payload` | `@httpPayload` on that member |
//! | `streaming`, `requiresLength` | `@streaming`, `@requiresLength` on the blob |
//! | `jsonvalue` | `@mediaType("application/json")` on the member |
//! | `timestampFormat` `iso8601` / `rfc822` / `unixTimestamp` | `@timestampFormat` `date-time` / `http-date` / `epoch-seconds` |
//! | `idempotencyToken`, `hostLabel`, `endpoint.hostPrefix` | `@idempotencyToken`, `@hostLabel`, `@endpoint` |
//! | `required`, `min`/`max`, `pattern`, `enum` | `@required`, `@length` or `@range` (by target type), `@pattern`, an enum shape |
//! | `error`/`exception`/`fault`, `httpStatusCode` | `@error("client" \| "server")`, `@httpError` |
//! | `sensitive`, `documentation`, `deprecated`, `union`, `document` | `@sensitive`, `@documentation`, `@deprecated`, a union, a document |
//! | `idempotent`, `readonly`, `httpChecksumRequired`, `requestcompression` | `@idempotent`, `@readonly`, `@httpChecksumRequired`, `@requestCompression` |
//!
//! Botocore has no default values: every member is optional unless it is `required`.
//! Operations and shapes share one namespace in Smithy but not in botocore; a data shape whose
//! name is also an operation's is placed in the `<namespace>.shapes` namespace instead.
//!
//! Every key of the format is known here. A key this reader does not know is an error naming
//! the shape (or operation) and the key, as is every dangling reference; keys that do not
//! change a client (examples, `uid`, `box`, …) are accepted and left out.

mod format;
mod shapes;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{is_identifier, model_err, Service, Shape, ShapeId, ShapeKind, Traits};
use crate::error::Error;
use format::{RawDescription, RawMetadata, RawOperation, RawShape};

/// Whether a JSON document is a botocore service description rather than a Smithy JSON AST.
pub(super) fn is_description(doc: &Value) -> bool {
    doc.get("smithy").is_none() && doc.get("metadata").is_some() && doc.get("shapes").is_some()
}

/// Which families of protocols the service speaks: they decide what a body member's
/// `locationName` means.
#[derive(Clone, Copy)]
struct Families {
    json: bool,
    xml: bool,
}

struct Reader<'a> {
    namespace: String,
    families: Families,
    /// Data shapes by botocore name → their id (most in `namespace`; see the module docs).
    ids: BTreeMap<&'a str, ShapeId>,
    /// Shape name → its raw definition, for the checks that need a member's target.
    raw: &'a IndexMap<String, RawShape>,
    /// Blob shapes a `streaming` member marks (botocore also says it on the member).
    streamed: BTreeSet<String>,
}

/// The files botocore keeps beside a `service-2.json`, as JSON.
pub(super) struct Companions {
    /// `endpoint-rule-set-1.json`: the service's endpoint rule set (`smithy.rules#endpointRuleSet`).
    pub(super) endpoint_rules: Option<Value>,
    /// `paginators-1.json`: the operations' pagination (`@paginated`).
    pub(super) paginators: Option<Value>,
}

/// Reads a botocore service description into shapes (no service-level checks yet: the caller
/// runs the model's checks).
/// The Smithy version, the shapes, and the warnings about what was left out (each with the shape
/// it is about).
pub(super) type Read = (String, BTreeMap<ShapeId, Shape>, Vec<(ShapeId, String)>);

pub(super) fn read(doc: Value, companions: Companions) -> Result<Read, Error> {
    let raw: RawDescription =
        RawDescription::deserialize(doc).map_err(|e| model_err("<service description>", e.to_string()))?;
    let meta: RawMetadata =
        RawMetadata::deserialize(raw.metadata).map_err(|e| model_err("<metadata>", e.to_string()))?;
    let mut shapes_raw = IndexMap::new();
    for (name, v) in &raw.shapes {
        let s: RawShape = RawShape::deserialize(v).map_err(|e| model_err(name, e.to_string()))?;
        shapes_raw.insert(name.clone(), s);
    }
    let mut ops_raw = IndexMap::new();
    for (name, v) in &raw.operations {
        let o: RawOperation = RawOperation::deserialize(v).map_err(|e| model_err(name, e.to_string()))?;
        check_name(name, "operation")?;
        check_name(&o.name, "operation")?;
        ops_raw.insert(name.clone(), o);
    }
    // An operation is keyed by the name clients call it by and `name`d by its wire name (they
    // differ in a few services, e.g. `AssociateAlias` and `AssociateAlias2020_05_31`): the shape
    // takes the wire name and the service renames it to the key.
    let wire_names: BTreeSet<&str> = ops_raw.values().map(|o| o.name.as_str()).collect();
    if wire_names.len() != ops_raw.len() {
        return Err(model_err("<operations>", "two operations have the same `name`"));
    }

    let service_id = meta
        .service_id
        .clone()
        .or_else(|| meta.endpoint_prefix.clone())
        .ok_or_else(|| model_err("<metadata>", "a service description needs `serviceId` or `endpointPrefix`"))?;
    let namespace = format!("com.amazonaws.{}", namespace_segment(&service_id));
    if !namespace.split('.').all(is_identifier) {
        return Err(model_err("<metadata>", format!("`serviceId` {service_id:?} gives no usable namespace")));
    }
    let protocols = protocol_traits(&meta)?;
    let families = Families {
        json: protocols.iter().any(|p| p.contains("Json") || p.contains("rpcv2Cbor")),
        xml: protocols.iter().any(|p| p.contains("Xml") || p.contains("Query")),
    };

    let mut ids = BTreeMap::new();
    for name in shapes_raw.keys() {
        check_name(name, "shape")?;
        let ns = if wire_names.contains(name.as_str()) { format!("{namespace}.shapes") } else { namespace.clone() };
        ids.insert(name.as_str(), ShapeId::parse(&format!("{ns}#{name}")).map_err(|e| model_err(name, e))?);
    }
    let mut streamed = BTreeSet::new();
    for s in shapes_raw.values() {
        for m in s.members.values().filter(|m| m.streaming) {
            streamed.insert(m.shape.clone());
        }
    }
    let reader = Reader { namespace: namespace.clone(), families, ids, raw: &shapes_raw, streamed };

    let mut shapes = BTreeMap::new();
    for (name, s) in &shapes_raw {
        let shape = reader.shape(name, s)?;
        shapes.insert(shape.id.clone(), shape);
    }
    let mut paginated = paginators(companions.paginators, &ops_raw)?;
    let mut warnings = Vec::new();
    let mut operations = Vec::new();
    let mut rename = BTreeMap::new();
    for (name, o) in &ops_raw {
        let (mut op, rest_xml_roots) = reader.operation(name, o)?;
        if let Some(p) = paginated.remove(name.as_str()) {
            // A paginator is a hint of botocore's own file: one the spec's `@paginated` cannot
            // hold leaves the operation without a paginator, not the service without a crate.
            match paginator_problem(&p, o, &shapes_raw) {
                None => {
                    op.traits.0.insert("smithy.api#paginated".into(), p);
                }
                Some(problem) => warnings.push((op.id.clone(), format!("shape `{}`: no paginator: {problem}", op.id))),
            }
        }
        if &o.name != name {
            rename.insert(op.id.clone(), name.clone());
        }
        for (shape, traits) in rest_xml_roots {
            if let Some(s) = shapes.get_mut(&shape) {
                for (k, v) in traits {
                    s.traits.0.entry(k).or_insert(v);
                }
            }
        }
        operations.push(op.id.clone());
        shapes.insert(op.id.clone(), op);
    }

    // The awsJson target prefix is the service shape's name; a few are written as a whole
    // shape id with dots (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`), whose last
    // segment is the name.
    let service_name = match &meta.target_prefix {
        Some(prefix) => prefix.rsplit('.').next().unwrap_or(prefix).to_owned(),
        None => service_shape_name(&service_id),
    };
    check_name(&service_name, "service")?;
    let service_at = format!("{namespace}#{service_name}");
    let mut traits = BTreeMap::new();
    for p in &protocols {
        traits.insert(p.clone(), json!({}));
    }
    let mut service_trait = Map::new();
    service_trait.insert("sdkId".into(), json!(service_id));
    if let Some(p) = &meta.endpoint_prefix {
        service_trait.insert("endpointPrefix".into(), json!(p));
    }
    traits.insert("aws.api#service".into(), Value::Object(service_trait));
    let sigv4 = matches!(meta.signature_version.as_deref(), Some("v4" | "s3v4"))
        || meta.auth.iter().flatten().any(|a| a == "aws.auth#sigv4");
    let signing_name =
        meta.signing_name.clone().or_else(|| meta.endpoint_prefix.clone()).unwrap_or_else(|| service_id.to_lowercase());
    if sigv4 {
        traits.insert("aws.auth#sigv4".into(), json!({ "name": signing_name }));
    }
    // Every other scheme the description lists is an auth trait of the service too (SigV4a
    // with the same signing name), so that `@auth` names only schemes the service has.
    for scheme in meta.auth.iter().flatten() {
        if scheme == "aws.auth#sigv4a" {
            traits.entry(scheme.clone()).or_insert_with(|| json!({ "name": signing_name }));
        } else if scheme != NO_AUTH {
            traits.entry(scheme.clone()).or_insert_with(|| json!({}));
        }
    }
    if meta.signature_version.as_deref() == Some("bearer")
        || meta.auth.iter().flatten().any(|a| a == "smithy.api#httpBearerAuth")
    {
        traits.insert("smithy.api#httpBearerAuth".into(), json!({}));
    }
    if let Some(auth) = &meta.auth {
        let (schemes, _) = auth_list(auth);
        traits.insert("smithy.api#auth".into(), json!(schemes));
    }
    if let Some(title) = &meta.service_full_name {
        traits.insert("smithy.api#title".into(), json!(title));
    }
    if let Some(d) = &raw.documentation {
        traits.insert("smithy.api#documentation".into(), json!(d));
    }
    if raw.deprecated {
        traits.insert("smithy.api#deprecated".into(), deprecated(raw.deprecated_message.as_deref(), None));
    }
    if let Some(ns) = &meta.xml_namespace {
        traits.insert("smithy.api#xmlNamespace".into(), json!({ "uri": ns }));
    }
    if meta.aws_query_compatible.is_some() {
        traits.insert("aws.protocols#awsQueryCompatible".into(), json!({}));
    }
    if let Some(rules) = companions.endpoint_rules {
        traits.insert("smithy.rules#endpointRuleSet".into(), rules);
    }
    if let Some(params) = raw.client_context_params {
        traits.insert("smithy.rules#clientContextParams".into(), params);
    }
    let id = ShapeId::parse(&service_at).map_err(|e| model_err(&service_at, e))?;
    let service = Shape {
        id: id.clone(),
        kind: ShapeKind::Service(Service {
            version: meta.api_version.clone().unwrap_or_default(),
            operations,
            rename,
            ..Service::default()
        }),
        traits: Traits(traits),
    };
    if shapes.insert(id, service).is_some() {
        return Err(model_err(&service_at, "the service's name is also a shape's or an operation's"));
    }
    Ok(("2.0".to_owned(), shapes, warnings))
}

/// Inserts the prelude trait `smithy.api#<name>` (or, with a namespace, the trait `name`).
fn put(traits: &mut BTreeMap<String, Value>, name: &str, value: Value) {
    let id = if name.contains('#') { name.to_owned() } else { format!("smithy.api#{name}") };
    traits.insert(id, value);
}

/// What botocore's `auth` lists write for "no auth": in Smithy, an empty `@auth` or
/// `@optionalAuth`, not a scheme.
const NO_AUTH: &str = "smithy.api#noAuth";

/// A botocore `auth` list as Smithy's: its schemes (without [`NO_AUTH`]) and whether it lists
/// no auth among them.
fn auth_list(auth: &[String]) -> (Vec<&str>, bool) {
    let schemes = auth.iter().map(String::as_str).filter(|a| *a != NO_AUTH).collect();
    (schemes, auth.iter().any(|a| a == NO_AUTH))
}

/// `paginators-1.json` as `@paginated` traits by operation key. A paginator whose tokens or
/// result are lists of paths (a few legacy ones) has no `@paginated` form and is left out.
fn paginators(doc: Option<Value>, ops: &IndexMap<String, RawOperation>) -> Result<BTreeMap<&str, Value>, Error> {
    let mut out = BTreeMap::new();
    let Some(doc) = doc else { return Ok(out) };
    let at = "<paginators>";
    let table = doc
        .get("pagination")
        .and_then(Value::as_object)
        .ok_or_else(|| model_err(at, "a paginators file is an object with a `pagination` object"))?;
    for (name, p) in table {
        let (key, _) = ops
            .get_key_value(name.as_str())
            .ok_or_else(|| model_err(at, format!("paginates `{name}`, which is not an operation")))?;
        let text = |k: &str| p.get(k).and_then(Value::as_str);
        let (Some(input), Some(output)) = (text("input_token"), text("output_token")) else { continue };
        let mut trait_value = Map::new();
        trait_value.insert("inputToken".into(), json!(input));
        trait_value.insert("outputToken".into(), json!(output));
        if let Some(items) = text("result_key") {
            trait_value.insert("items".into(), json!(items));
        }
        if let Some(size) = text("limit_key") {
            trait_value.insert("pageSize".into(), json!(size));
        }
        out.insert(key.as_str(), Value::Object(trait_value));
    }
    Ok(out)
}

/// Why the paginator `p` (as `@paginated`) breaks the spec's rules for operation `op`, if it
/// does: each path must name members (`A.B`, no JMESPath), the input token and the page size
/// members of the input itself, the page size an optional integer, the items a list or a map.
/// (A token that is not a string is the lowering's to judge: it warns the same way.)
fn paginator_problem(p: &Value, op: &RawOperation, shapes: &IndexMap<String, RawShape>) -> Option<String> {
    // The member shape `path` leads to from `root`, and whether its last step is required.
    let resolve = |root: Option<&format::RawRef>, path: &str| -> Result<(&RawShape, bool), String> {
        let mut at = root.and_then(|r| shapes.get(&r.shape)).ok_or("the operation has no such structure")?;
        let mut required = false;
        for part in path.split('.') {
            let member = at.members.get(part).ok_or_else(|| format!("`{path}` is not a path of members"))?;
            required = at.required.iter().any(|r| r == part);
            at = shapes.get(&member.shape).ok_or_else(|| format!("`{path}` leads to no shape"))?;
        }
        Ok((at, required))
    };
    let text = |k: &str| p.get(k).and_then(Value::as_str);
    let check = || -> Result<(), String> {
        if let Some(token) = text("inputToken") {
            if token.contains('.') {
                return Err(format!("the input token `{token}` must be a member of the input"));
            }
            resolve(op.input.as_ref(), token)?;
        }
        if let Some(token) = text("outputToken") {
            resolve(op.output.as_ref(), token)?;
        }
        if let Some(size) = text("pageSize") {
            let (shape, required) = if size.contains('.') {
                Err(format!("`{size}` is not a member of the input"))?
            } else {
                resolve(op.input.as_ref(), size)?
            };
            if !matches!(shape.kind.as_str(), "integer" | "long" | "short" | "byte") || required {
                return Err(format!("the page size `{size}` must be an optional integer"));
            }
        }
        if let Some(items) = text("items") {
            let (shape, _) = resolve(op.output.as_ref(), items)?;
            if !matches!(shape.kind.as_str(), "list" | "map") {
                return Err(format!("the items `{items}` must be a list or a map"));
            }
        }
        Ok(())
    };
    check().err()
}

fn check_name(name: &str, what: &str) -> Result<(), Error> {
    if is_identifier(name) {
        Ok(())
    } else {
        Err(model_err(name, format!("the {what} name `{name}` is not an identifier")))
    }
}

/// `Connect Participant` → `connectparticipant`: the AWS namespace convention.
fn namespace_segment(service_id: &str) -> String {
    service_id.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase()
}

/// `Connect Participant` → `ConnectParticipant`.
fn service_shape_name(service_id: &str) -> String {
    service_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// The protocol traits of the service, in the description's order of preference.
fn protocol_traits(meta: &RawMetadata) -> Result<Vec<String>, Error> {
    let listed: Vec<String> = match (&meta.protocols, &meta.protocol) {
        (Some(list), _) if !list.is_empty() => list.clone(),
        (_, Some(p)) => vec![p.clone()],
        _ => return Err(model_err("<metadata>", "the description names no `protocol`")),
    };
    listed
        .iter()
        .map(|p| {
            Ok(match p.as_str() {
                "rest-json" => "aws.protocols#restJson1",
                "json" => match meta.json_version.as_deref() {
                    Some("1.0") => "aws.protocols#awsJson1_0",
                    Some("1.1") | None => "aws.protocols#awsJson1_1",
                    Some(v) => return Err(model_err("<metadata>", format!("unknown `jsonVersion` {v:?}"))),
                },
                "rest-xml" => "aws.protocols#restXml",
                "query" => "aws.protocols#awsQuery",
                "ec2" => "aws.protocols#ec2Query",
                "smithy-rpc-v2-cbor" => "smithy.protocols#rpcv2Cbor",
                other => return Err(model_err("<metadata>", format!("unknown protocol {other:?}"))),
            }
            .to_owned())
        })
        .collect()
}

fn deprecated(message: Option<&str>, since: Option<&str>) -> Value {
    let mut v = Map::new();
    if let Some(m) = message {
        v.insert("message".into(), json!(m));
    }
    if let Some(s) = since {
        v.insert("since".into(), json!(s));
    }
    Value::Object(v)
}

fn timestamp_format(at: &str, format: &str) -> Result<&'static str, Error> {
    Ok(match format {
        "iso8601" => "date-time",
        "rfc822" => "http-date",
        "unixTimestamp" => "epoch-seconds",
        other => return Err(model_err(at, format!("unknown timestampFormat {other:?}"))),
    })
}

/// A botocore `xmlNamespace`: a string (the URI) or `{uri, prefix}`.
fn xml_namespace(at: &str, v: &Value) -> Result<Value, Error> {
    match v {
        Value::String(uri) => Ok(json!({ "uri": uri })),
        Value::Object(o) if o.get("uri").is_some_and(Value::is_string) => Ok(v.clone()),
        _ => Err(model_err(at, format!("`xmlNamespace` must be a URI or {{uri, prefix}}, not {v}"))),
    }
}
