//! The botocore service description format as serde types. Every key botocore's own data uses is
//! here: unknown keys are errors (`deny_unknown_fields`); the ones that do not change a client are
//! accepted and marked as such.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct RawDescription {
    #[allow(dead_code)]
    pub(super) version: Option<String>,
    pub(super) metadata: Value,
    #[serde(default)]
    pub(super) operations: IndexMap<String, Value>,
    #[serde(default)]
    pub(super) shapes: IndexMap<String, Value>,
    pub(super) documentation: Option<String>,
    #[serde(default)]
    pub(super) client_context_params: Option<Value>,
    #[allow(dead_code)]
    pub(super) examples: Option<Value>,
    #[serde(default)]
    pub(super) deprecated: bool,
    pub(super) deprecated_message: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct RawMetadata {
    pub(super) api_version: Option<String>,
    pub(super) endpoint_prefix: Option<String>,
    pub(super) json_version: Option<String>,
    pub(super) protocol: Option<String>,
    pub(super) protocols: Option<Vec<String>>,
    pub(super) service_full_name: Option<String>,
    pub(super) service_id: Option<String>,
    pub(super) signature_version: Option<String>,
    pub(super) signing_name: Option<String>,
    pub(super) target_prefix: Option<String>,
    pub(super) xml_namespace: Option<String>,
    pub(super) auth: Option<Vec<String>>,
    #[serde(default)]
    pub(super) aws_query_compatible: Option<Value>,
    // Accepted and not used: they do not change what a client sends or reads.
    #[allow(dead_code)]
    pub(super) service_abbreviation: Option<String>,
    #[allow(dead_code)]
    pub(super) uid: Option<String>,
    #[allow(dead_code)]
    pub(super) global_endpoint: Option<String>,
    #[allow(dead_code)]
    pub(super) protocol_settings: Option<Value>,
    #[allow(dead_code)]
    pub(super) checksum_format: Option<String>,
    #[allow(dead_code)]
    pub(super) rip_service_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct RawHttp {
    pub(super) method: String,
    pub(super) request_uri: String,
    pub(super) response_code: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct RawRef {
    pub(super) shape: String,
    // The root element of a rest-xml payload.
    pub(super) location_name: Option<String>,
    pub(super) xml_namespace: Option<Value>,
    // awsQuery's result wrapper element: the protocol's own convention.
    #[allow(dead_code)]
    pub(super) result_wrapper: Option<String>,
    // Some old descriptions repeat an error shape's properties on the operation's reference.
    #[allow(dead_code)]
    pub(super) exception: Option<bool>,
    #[allow(dead_code)]
    pub(super) fault: Option<bool>,
    #[allow(dead_code)]
    pub(super) error: Option<Value>,
    #[allow(dead_code)]
    pub(super) documentation: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct RawOperation {
    pub(super) name: String,
    pub(super) http: RawHttp,
    pub(super) input: Option<RawRef>,
    pub(super) output: Option<RawRef>,
    #[serde(default)]
    pub(super) errors: Vec<RawRef>,
    pub(super) documentation: Option<String>,
    #[serde(default)]
    pub(super) idempotent: bool,
    #[serde(default)]
    pub(super) readonly: bool,
    pub(super) endpoint: Option<Value>,
    #[serde(default)]
    pub(super) http_checksum_required: bool,
    pub(super) http_checksum: Option<Value>,
    #[serde(rename = "requestcompression")]
    pub(super) request_compression: Option<Value>,
    pub(super) static_context_params: Option<Value>,
    pub(super) operation_context_params: Option<Value>,
    #[serde(default)]
    pub(super) deprecated: bool,
    pub(super) deprecated_message: Option<String>,
    pub(super) deprecated_since: Option<String>,
    pub(super) authtype: Option<String>,
    pub(super) auth: Option<Vec<String>>,
    #[serde(default)]
    pub(super) unsigned_payload: bool,
    // Endpoint discovery (a few services' legacy mechanism) is not part of the generated client.
    #[allow(dead_code)]
    #[serde(rename = "endpointdiscovery")]
    pub(super) endpoint_discovery: Option<Value>,
    #[allow(dead_code)]
    #[serde(rename = "endpointoperation")]
    pub(super) endpoint_operation: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct RawMember {
    pub(super) shape: String,
    pub(super) location: Option<String>,
    pub(super) location_name: Option<String>,
    pub(super) documentation: Option<String>,
    #[serde(default)]
    pub(super) idempotency_token: bool,
    #[serde(default)]
    pub(super) host_label: bool,
    #[serde(default)]
    pub(super) jsonvalue: bool,
    #[serde(default)]
    pub(super) streaming: bool,
    #[serde(default)]
    pub(super) flattened: bool,
    #[serde(default)]
    pub(super) xml_attribute: bool,
    pub(super) xml_namespace: Option<Value>,
    pub(super) query_name: Option<String>,
    pub(super) context_param: Option<Value>,
    #[serde(default, rename = "eventpayload")]
    pub(super) event_payload: bool,
    #[serde(default, rename = "eventheader")]
    pub(super) event_header: bool,
    #[serde(default)]
    pub(super) deprecated: bool,
    pub(super) deprecated_message: Option<String>,
    pub(super) deprecated_since: Option<String>,
    // `box` is the member's optionality in botocore's Smithy 1.0 days: every botocore member is
    // optional already. A member-level `enum` (seen in two apigatewayv2 members) restates the
    // target's values for documentation.
    #[allow(dead_code)]
    #[serde(rename = "box")]
    pub(super) boxed: Option<bool>,
    #[allow(dead_code)]
    #[serde(rename = "enum")]
    pub(super) values: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct RawShape {
    #[serde(rename = "type")]
    pub(super) kind: String,
    #[serde(default)]
    pub(super) members: IndexMap<String, RawMember>,
    pub(super) member: Option<RawMember>,
    pub(super) key: Option<RawMember>,
    pub(super) value: Option<RawMember>,
    #[serde(default)]
    pub(super) required: Vec<String>,
    pub(super) payload: Option<String>,
    pub(super) min: Option<serde_json::Number>,
    pub(super) max: Option<serde_json::Number>,
    pub(super) pattern: Option<String>,
    #[serde(rename = "enum")]
    pub(super) values: Option<Vec<String>>,
    pub(super) timestamp_format: Option<String>,
    pub(super) documentation: Option<String>,
    #[serde(default)]
    pub(super) sensitive: bool,
    pub(super) error: Option<Value>,
    #[serde(default)]
    pub(super) exception: bool,
    #[serde(default)]
    pub(super) fault: bool,
    pub(super) retryable: Option<Value>,
    #[serde(default)]
    pub(super) union: bool,
    #[serde(default)]
    pub(super) document: bool,
    #[serde(default)]
    pub(super) streaming: bool,
    #[serde(default)]
    pub(super) requires_length: bool,
    #[serde(default)]
    pub(super) eventstream: bool,
    #[serde(default)]
    pub(super) sparse: bool,
    #[serde(default)]
    pub(super) flattened: bool,
    pub(super) location_name: Option<String>,
    pub(super) xml_namespace: Option<Value>,
    #[serde(default)]
    pub(super) deprecated: bool,
    pub(super) deprecated_message: Option<String>,
    pub(super) deprecated_since: Option<String>,
    // Accepted and not used: `box` (Smithy 1.0 optionality, and every botocore member is
    // optional), `event` (an event stream's member structures need no mark in Smithy),
    // `synthetic`, `wrapper` and `xmlOrder` (botocore's own bookkeeping).
    #[allow(dead_code)]
    #[serde(rename = "box")]
    pub(super) boxed: Option<bool>,
    #[allow(dead_code)]
    pub(super) event: Option<bool>,
    #[allow(dead_code)]
    pub(super) synthetic: Option<bool>,
    #[allow(dead_code)]
    pub(super) wrapper: Option<bool>,
    #[allow(dead_code)]
    pub(super) xml_order: Option<Value>,
}
