//! The protocol seam: every rule by which a protocol turns an operation into a request and a
//! response into an output or an error, in one place.
//!
//! [`Protocol::select`] picks the service's protocol from its traits. `lower` asks the chosen
//! [`Protocol`] the questions below and records the answers in the IR (which keeps the protocol
//! too); `emit` prints what the IR says and asks nothing of the protocol. The runtime's call path
//! (signing, retries, endpoints, error parsing) is shared by every protocol here.
//!
//! | question | restJson1 | awsJson1_0 / awsJson1_1 |
//! | --- | --- | --- |
//! | method and path | each operation's `@http` | `POST /` |
//! | target header | — | `X-Amz-Target: {Service}.{Operation}` |
//! | body content type | `application/json` | `application/x-amz-json-1.0` / `1.1` |
//! | body codec | JSON of the members bound to the body | JSON of the whole input, `{}` when empty |
//! | where members bind | `@httpLabel`, `@httpQuery`, `@httpHeader`, `@httpPayload`, … | always the body: HTTP binding traits are ignored |
//! | member names | `@jsonName`, else the member name | the member name (`@jsonName` is ignored) |
//! | error code | `X-Amzn-Errortype`, else `__type`, else `code`; namespace and `:…` stripped | the same |
//! | error message | `message` or `Message` | the same |
//! | `@awsQueryCompatible` | — | 1.0: requests send `x-amzn-query-mode: true`; an unmodelled error's code is the `x-amzn-query-error` header's |
//!
//! A third protocol adds a variant and answers each of these methods; a protocol with another
//! body codec (XML, CBOR) would also add its codec to the emitter and the runtime.

use crate::error::Error;
use crate::model::{ShapeId, Traits};

/// A protocol the generator speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`.
    RestJson1,
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
}

/// How an operation is addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// By its `@http` method and URI, its members bound to parts of the message.
    Rest,
    /// `POST /`, the operation named in a header, the whole input in the body.
    Rpc,
}

impl Protocol {
    /// Every supported protocol, in the order of preference when a service has several.
    pub const ALL: [Protocol; 3] = [Protocol::RestJson1, Protocol::AwsJson1_0, Protocol::AwsJson1_1];

    /// The protocol trait's shape id.
    pub fn trait_id(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "aws.protocols#restJson1",
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
        }
    }

    /// The service's protocol: the first of [`Protocol::ALL`] among its traits. When it has
    /// other protocol traits too, the second value says which one was picked.
    pub fn select(service: &ShapeId, traits: &Traits) -> Result<(Protocol, Option<String>), Error> {
        let listed: Vec<&str> = traits
            .0
            .keys()
            .map(String::as_str)
            .filter(|k| k.starts_with("aws.protocols#") || k.starts_with("smithy.protocols#"))
            // Traits of the protocols that are not protocols themselves.
            .filter(|k| !matches!(*k, "aws.protocols#awsQueryCompatible" | "aws.protocols#awsQueryError"))
            .collect();
        let Some(chosen) = Protocol::ALL.into_iter().find(|p| traits.has(p.trait_id())) else {
            let supported: Vec<&str> = Protocol::ALL.iter().map(|p| p.trait_id()).collect();
            return Err(Error::Unsupported {
                shape: service.to_string(),
                what: format!(
                    "the service's protocol: this generator speaks {}; the service has {}",
                    supported.join(", "),
                    if listed.is_empty() { "none".to_owned() } else { listed.join(", ") }
                ),
            });
        };
        let note = (listed.len() > 1).then(|| {
            format!(
                "shape `{service}`: the service has the protocols {}; generating {}",
                listed.join(", "),
                chosen.trait_id()
            )
        });
        Ok((chosen, note))
    }

    pub fn style(self) -> Style {
        match self {
            Protocol::RestJson1 => Style::Rest,
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => Style::Rpc,
        }
    }

    /// Whether `@httpLabel`, `@httpQuery`, `@httpHeader`, `@httpPayload` and the other binding
    /// traits place members (otherwise every member is in the body).
    pub fn honours_http_bindings(self) -> bool {
        self.style() == Style::Rest
    }

    /// Whether `@jsonName` renames members on the wire.
    pub fn honours_json_name(self) -> bool {
        self == Protocol::RestJson1
    }

    /// The `Content-Type` of a JSON body.
    pub fn json_content_type(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "application/json",
            Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
            Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
        }
    }

    /// Whether requests say `x-amzn-query-mode: true`: awsJson1_0 services marked
    /// `@awsQueryCompatible` (so the service answers errors with their awsQuery codes too).
    pub fn sends_query_mode(self, service_traits: &Traits) -> bool {
        self == Protocol::AwsJson1_0 && service_traits.has("aws.protocols#awsQueryCompatible")
    }

    /// The `X-Amz-Target` of an operation: the service shape's name and the operation's.
    pub fn target(self, service: &ShapeId, operation: &ShapeId) -> Option<String> {
        (self.style() == Style::Rpc).then(|| format!("{}.{}", service.name(), operation.name()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traits(keys: &[&str]) -> Traits {
        Traits(keys.iter().map(|k| ((*k).to_owned(), serde_json::json!({}))).collect())
    }

    #[test]
    fn the_first_supported_protocol_is_chosen_and_named() {
        let svc = ShapeId::parse("ex#Svc").unwrap();
        let (p, note) = Protocol::select(&svc, &traits(&["aws.protocols#awsJson1_1"])).unwrap();
        assert_eq!((p, note), (Protocol::AwsJson1_1, None));
        let (p, note) = Protocol::select(
            &svc,
            &traits(&["smithy.protocols#rpcv2Cbor", "aws.protocols#awsJson1_0", "aws.protocols#awsQueryCompatible"]),
        )
        .unwrap();
        assert_eq!(p, Protocol::AwsJson1_0);
        let note = note.unwrap();
        assert!(note.contains("rpcv2Cbor") && note.contains("generating aws.protocols#awsJson1_0"), "{note}");
        let err = Protocol::select(&svc, &traits(&["aws.protocols#restXml"])).unwrap_err().to_string();
        assert!(err.contains("ex#Svc") && err.contains("aws.protocols#restXml"), "{err}");
    }

    #[test]
    fn rpc_protocols_name_the_operation_in_a_header() {
        let svc = ShapeId::parse("ex#JsonProtocol").unwrap();
        let op = ShapeId::parse("ex#PutItem").unwrap();
        assert_eq!(Protocol::AwsJson1_0.target(&svc, &op).as_deref(), Some("JsonProtocol.PutItem"));
        assert_eq!(Protocol::RestJson1.target(&svc, &op), None);
        assert_eq!(Protocol::AwsJson1_1.json_content_type(), "application/x-amz-json-1.1");
        assert!(!Protocol::AwsJson1_0.honours_http_bindings() && !Protocol::AwsJson1_0.honours_json_name());
    }
}
