//! Botocore shapes, members and operations as Smithy shapes and traits.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

use super::format::{RawMember, RawOperation, RawRef, RawShape};
use super::{deprecated, put, timestamp_format, xml_namespace, Reader};
use crate::error::Error;
use crate::model::{is_identifier, model_err, prelude, template_parts, EnumLiteral, EnumValue, Member, Operation};
use crate::model::{Shape, ShapeId, TemplatePart};
use crate::model::{ShapeKind, Simple, Traits};

impl Reader<'_> {
    fn target(&self, at: &str, name: &str) -> Result<ShapeId, Error> {
        self.ids
            .get(name)
            .cloned()
            .ok_or_else(|| model_err(at, format!("refers to the shape `{name}`, which does not exist")))
    }

    pub(super) fn shape(&self, name: &str, s: &RawShape) -> Result<Shape, Error> {
        let id = self.ids[name].clone();
        let at = name;
        let mut t = BTreeMap::new();
        if let Some(d) = &s.documentation {
            put(&mut t, "documentation", json!(d));
        }
        if s.sensitive {
            put(&mut t, "sensitive", json!({}));
        }
        if s.deprecated {
            put(&mut t, "deprecated", deprecated(s.deprecated_message.as_deref(), s.deprecated_since.as_deref()));
        }
        if let Some(f) = &s.timestamp_format {
            if s.kind != "timestamp" {
                return Err(model_err(at, "`timestampFormat` applies to timestamps"));
            }
            put(&mut t, "timestampFormat", json!(timestamp_format(at, f)?));
        }
        // An enum's values are its constraint: a pattern beside them adds nothing.
        if let (Some(p), None) = (&s.pattern, &s.values) {
            put(&mut t, "pattern", json!(p));
        }
        if s.streaming || self.streamed.contains(name) {
            put(&mut t, "streaming", json!({}));
        }
        if s.requires_length {
            put(&mut t, "requiresLength", json!({}));
        }
        if s.sparse {
            put(&mut t, "sparse", json!({}));
        }
        if let Some(n) = &s.location_name {
            put(&mut t, "xmlName", json!(n));
        }
        if let Some(ns) = &s.xml_namespace {
            put(&mut t, "xmlNamespace", xml_namespace(at, ns)?);
        }
        if let Some(r) = &s.retryable {
            put(
                &mut t,
                "retryable",
                json!({ "throttling": r.get("throttling").and_then(Value::as_bool).unwrap_or(false) }),
            );
        }
        let is_error = s.error.is_some() || s.exception || s.fault;
        if is_error {
            let status = s.error.as_ref().and_then(|e| e.get("httpStatusCode")).and_then(Value::as_u64);
            let sender = s.error.as_ref().and_then(|e| e.get("senderFault")).and_then(Value::as_bool);
            let server = s.fault || (sender != Some(true) && status.is_some_and(|c| c >= 500));
            put(&mut t, "error", json!(if server { "server" } else { "client" }));
            if let Some(code) = status {
                put(&mut t, "httpError", json!(code));
            }
            if let Some(code) = s.error.as_ref().and_then(|e| e.get("code")).and_then(Value::as_str) {
                if code != name {
                    let status = status.unwrap_or(if server { 500 } else { 400 });
                    t.insert("aws.protocols#awsQueryError".into(), json!({ "code": code, "httpResponseCode": status }));
                }
            }
        }
        let simple = |x| ShapeKind::Simple(x);
        let kind = match s.kind.as_str() {
            "structure" if s.document => simple(Simple::Document),
            "structure" => {
                let mut members = Vec::new();
                for (mname, m) in &s.members {
                    members.push(self.member(name, mname, m, s)?);
                }
                for r in &s.required {
                    if !s.members.contains_key(r) {
                        return Err(model_err(at, format!("`required` names `{r}`, which is not a member")));
                    }
                }
                if let Some(p) = &s.payload {
                    if !s.members.contains_key(p) {
                        return Err(model_err(at, format!("`payload` names `{p}`, which is not a member")));
                    }
                }
                if s.eventstream {
                    t.insert("smithy.api#streaming".into(), json!({}));
                    ShapeKind::Union(members)
                } else if s.union {
                    ShapeKind::Union(members)
                } else {
                    ShapeKind::Structure(members)
                }
            }
            "list" => {
                let m = s.member.as_ref().ok_or_else(|| model_err(at, "a list needs a `member`"))?;
                ShapeKind::List(self.member(name, "member", m, s)?)
            }
            "map" => {
                let k = s.key.as_ref().ok_or_else(|| model_err(at, "a map needs a `key`"))?;
                let v = s.value.as_ref().ok_or_else(|| model_err(at, "a map needs a `value`"))?;
                ShapeKind::Map { key: self.member(name, "key", k, s)?, value: self.member(name, "value", v, s)? }
            }
            "string" => match &s.values {
                Some(values) => ShapeKind::Enum(
                    values
                        .iter()
                        .map(|v| EnumValue {
                            name: None,
                            value: EnumLiteral::String(v.clone()),
                            traits: Traits::default(),
                        })
                        .collect(),
                ),
                None => simple(Simple::String),
            },
            "blob" => simple(Simple::Blob),
            "boolean" => simple(Simple::Boolean),
            "byte" => simple(Simple::Byte),
            "short" => simple(Simple::Short),
            "integer" => simple(Simple::Integer),
            "long" => simple(Simple::Long),
            "float" => simple(Simple::Float),
            "double" => simple(Simple::Double),
            "bigInteger" | "biginteger" => simple(Simple::BigInteger),
            "bigDecimal" | "bigdecimal" => simple(Simple::BigDecimal),
            "timestamp" => simple(Simple::Timestamp),
            other => return Err(model_err(at, format!("unknown shape type {other:?}"))),
        };
        if s.values.is_some() && s.kind != "string" {
            return Err(model_err(at, "`enum` applies to strings"));
        }
        if s.min.is_some() || s.max.is_some() {
            let number = |n: &Option<serde_json::Number>| n.as_ref().map(|n| Value::Number(n.clone()));
            let mut bounds = Map::new();
            if let Some(v) = number(&s.min) {
                bounds.insert("min".into(), v);
            }
            if let Some(v) = number(&s.max) {
                bounds.insert("max".into(), v);
            }
            let trait_name = match &kind {
                ShapeKind::Simple(x) if x.is_number() => "range",
                ShapeKind::Simple(Simple::String | Simple::Blob)
                | ShapeKind::Enum(_)
                | ShapeKind::List(_)
                | ShapeKind::Map { .. } => "length",
                _ => return Err(model_err(at, format!("`min`/`max` do not apply to a {}", s.kind))),
            };
            // An enum's values are its constraint; botocore's length bounds on them add nothing.
            if !matches!(kind, ShapeKind::Enum(_)) {
                t.insert(format!("smithy.api#{trait_name}"), Value::Object(bounds));
            }
        }
        if !matches!(kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) {
            for (key, set) in [
                ("required", !s.required.is_empty()),
                ("payload", s.payload.is_some()),
                ("members", !s.members.is_empty()),
            ] {
                if set {
                    return Err(model_err(at, format!("`{key}` applies to structures, not to a {}", s.kind)));
                }
            }
        }
        if is_error && !matches!(kind, ShapeKind::Structure(_)) {
            return Err(model_err(at, "an error must be a structure"));
        }
        Ok(Shape { id, kind, traits: Traits(t) })
    }

    /// A member of the shape `owner` (`s`), named `name`.
    fn member(&self, owner: &str, name: &str, m: &RawMember, s: &RawShape) -> Result<Member, Error> {
        let at = format!("{owner}${name}");
        if !is_identifier(name) {
            return Err(model_err(&at, format!("member name `{name}` is not an identifier")));
        }
        let target = self.target(&at, &m.shape)?;
        let target_raw = self.raw.get(m.shape.as_str()).ok_or_else(|| model_err(&at, "dangling target"))?;
        let mut t = BTreeMap::new();
        if let Some(d) = &m.documentation {
            put(&mut t, "documentation", json!(d));
        }
        // A union (or event stream) has exactly one member set: none is `@required` in Smithy,
        // whatever the description's `required` says (Kinesis' `SubscribeToShardEventStream`).
        if s.required.iter().any(|r| r == name) && !s.union && !s.eventstream {
            put(&mut t, "required", json!({}));
        }
        if s.payload.as_deref() == Some(name) {
            put(&mut t, "httpPayload", json!({}));
        }
        let wire = m.location_name.clone();
        match m.location.as_deref() {
            None | Some("body") => {
                if let Some(n) = &wire {
                    if self.families.json {
                        put(&mut t, "jsonName", json!(n));
                    }
                    if self.families.xml || !self.families.json {
                        put(&mut t, "xmlName", json!(n));
                    }
                }
            }
            Some("uri") => put(&mut t, "httpLabel", json!({})),
            Some("querystring") if target_raw.kind == "map" => put(&mut t, "httpQueryParams", json!({})),
            Some("querystring") => put(&mut t, "httpQuery", json!(wire.unwrap_or_else(|| name.to_owned()))),
            Some("header") => put(&mut t, "httpHeader", json!(wire.unwrap_or_else(|| name.to_owned()))),
            Some("headers") => put(&mut t, "httpPrefixHeaders", json!(wire.unwrap_or_default())),
            Some("statusCode") => put(&mut t, "httpResponseCode", json!({})),
            Some(other) => return Err(model_err(&at, format!("unknown `location` {other:?}"))),
        }
        if m.idempotency_token {
            put(&mut t, "idempotencyToken", json!({}));
        }
        if m.host_label {
            put(&mut t, "hostLabel", json!({}));
        }
        if m.jsonvalue {
            put(&mut t, "mediaType", json!("application/json"));
        }
        if m.flattened || (target_raw.flattened && matches!(target_raw.kind.as_str(), "list" | "map")) {
            put(&mut t, "xmlFlattened", json!({}));
        }
        if m.xml_attribute {
            put(&mut t, "xmlAttribute", json!({}));
        }
        if let Some(ns) = &m.xml_namespace {
            put(&mut t, "xmlNamespace", xml_namespace(&at, ns)?);
        }
        if m.event_payload {
            put(&mut t, "eventPayload", json!({}));
        }
        if m.event_header {
            put(&mut t, "eventHeader", json!({}));
        }
        if m.deprecated {
            put(&mut t, "deprecated", deprecated(m.deprecated_message.as_deref(), m.deprecated_since.as_deref()));
        }
        if let Some(q) = &m.query_name {
            t.insert("aws.protocols#ec2QueryName".into(), json!(q));
        }
        if let Some(p) = &m.context_param {
            t.insert("smithy.rules#contextParam".into(), p.clone());
        }
        Ok(Member { name: name.to_owned(), target, traits: Traits(t) })
    }

    /// The request URI with each label named by its member, as Smithy names labels: botocore
    /// names them by the member's `locationName`.
    fn smithy_uri(&self, name: &str, o: &RawOperation) -> Result<String, Error> {
        let uri = &o.http.request_uri;
        let Some(input) = o.input.as_ref().and_then(|r| self.raw.get(r.shape.as_str())) else {
            return Ok(uri.clone());
        };
        let parts = template_parts(uri)
            .ok_or_else(|| model_err(name, format!("the request URI `{uri}` has an unclosed `{{`")))?;
        let mut out = String::new();
        for part in parts {
            match part {
                TemplatePart::Literal(text) => out.push_str(text),
                TemplatePart::Label { name: label, greedy } => {
                    let member = input
                        .members
                        .iter()
                        .find(|(_, m)| {
                            m.location.as_deref() == Some("uri") && m.location_name.as_deref() == Some(label)
                        })
                        .map_or(label, |(n, _)| n.as_str());
                    out.push_str(&format!("{{{member}{}}}", if greedy { "+" } else { "" }));
                }
            }
        }
        Ok(out)
    }

    /// The operation shape, and the traits its input and output references put on their
    /// structures (a rest-xml payload's root element name and namespace).
    #[allow(clippy::type_complexity)]
    pub(super) fn operation(
        &self,
        name: &str,
        o: &RawOperation,
    ) -> Result<(Shape, Vec<(ShapeId, Vec<(String, Value)>)>), Error> {
        let id = ShapeId::parse(&format!("{}#{}", self.namespace, o.name)).map_err(|e| model_err(name, e))?;
        let mut roots = Vec::new();
        let mut io = |r: &Option<RawRef>, what: &str| -> Result<ShapeId, Error> {
            let Some(r) = r else { return Ok(prelude::unit()) };
            let target = self
                .target(name, &r.shape)
                .map_err(|_| model_err(name, format!("its {what} is the shape `{}`, which does not exist", r.shape)))?;
            let mut extra = Vec::new();
            if let Some(n) = &r.location_name {
                extra.push(("smithy.api#xmlName".to_owned(), json!(n)));
            }
            if let Some(ns) = &r.xml_namespace {
                extra.push(("smithy.api#xmlNamespace".to_owned(), xml_namespace(name, ns)?));
            }
            if !extra.is_empty() {
                roots.push((target.clone(), extra));
            }
            Ok(target)
        };
        let input = io(&o.input, "input")?;
        let output = io(&o.output, "output")?;
        let mut errors = Vec::new();
        for e in &o.errors {
            errors.push(self.target(name, &e.shape)?);
        }
        let mut t = BTreeMap::new();
        let mut http = Map::new();
        http.insert("method".into(), json!(o.http.method));
        http.insert("uri".into(), json!(self.smithy_uri(name, o)?));
        if let Some(code) = o.http.response_code {
            http.insert("code".into(), json!(code));
        }
        t.insert("smithy.api#http".to_owned(), Value::Object(http));
        if let Some(d) = &o.documentation {
            put(&mut t, "smithy.api#documentation", json!(d));
        }
        if o.idempotent {
            put(&mut t, "smithy.api#idempotent", json!({}));
        }
        if o.readonly {
            put(&mut t, "smithy.api#readonly", json!({}));
        }
        if let Some(e) = &o.endpoint {
            let prefix = e
                .get("hostPrefix")
                .and_then(Value::as_str)
                .ok_or_else(|| model_err(name, format!("`endpoint` must be {{\"hostPrefix\": \"...\"}}, not {e}")))?;
            put(&mut t, "smithy.api#endpoint", json!({ "hostPrefix": prefix }));
        }
        if o.http_checksum_required {
            put(&mut t, "smithy.api#httpChecksumRequired", json!({}));
        }
        if let Some(c) = &o.http_checksum {
            put(&mut t, "aws.protocols#httpChecksum", c.clone());
        }
        if let Some(c) = &o.request_compression {
            put(&mut t, "smithy.api#requestCompression", c.clone());
        }
        if let Some(p) = &o.static_context_params {
            put(&mut t, "smithy.rules#staticContextParams", p.clone());
        }
        if let Some(p) = &o.operation_context_params {
            put(&mut t, "smithy.rules#operationContextParams", p.clone());
        }
        if o.deprecated {
            put(
                &mut t,
                "smithy.api#deprecated",
                deprecated(o.deprecated_message.as_deref(), o.deprecated_since.as_deref()),
            );
        }
        match o.authtype.as_deref() {
            None => {}
            Some("none") => put(&mut t, "smithy.api#auth", json!([])),
            Some("v4-unsigned-body") => put(&mut t, "aws.auth#unsignedPayload", json!({})),
            Some("v4" | "bearer") => {}
            Some(other) => return Err(model_err(name, format!("unknown `authtype` {other:?}"))),
        }
        if let Some(auth) = &o.auth {
            // `["smithy.api#noAuth"]` is `@auth([])`; no auth beside schemes is `@optionalAuth`.
            let (schemes, no_auth) = super::auth_list(auth);
            if no_auth && !schemes.is_empty() {
                put(&mut t, "smithy.api#optionalAuth", json!({}));
            }
            put(&mut t, "smithy.api#auth", json!(schemes));
        }
        if o.unsigned_payload {
            put(&mut t, "aws.auth#unsignedPayload", json!({}));
        }
        let kind = ShapeKind::Operation(Operation { input, output, errors });
        Ok((Shape { id, kind, traits: Traits(t) }, roots))
    }
}
