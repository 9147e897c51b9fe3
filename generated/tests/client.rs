//! The client end to end against local HTTP servers (wiremock, or a raw TCP listener for
//! broken connections) and against `MockTransport`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use amazon_connect::config::{
    Config, ConfigBuilder, Credentials, CredentialsError, ProvideCredentials, RetryConfig, StaticTimeSource,
};
use amazon_connect::http::mock::MockTransport;
use amazon_connect::http::{BoxFuture, HttpResponse, TransportError, TransportErrorKind};
use amazon_connect::operation::start_chat_contact::StartChatContactError;
use amazon_connect::operation::start_chat_contact::{
    StartChatContactRequest, StartChatContactRequestBuilder, StartChatContactResponse,
};
use amazon_connect::sdk_error::{ConstructionErrorKind, DisplayErrorChain, RequestId, SdkError, TimeoutKind};
use amazon_connect::types::*;
use amazon_connect::validate::ValidationMode;
use amazon_connect::Client;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const AKID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SESSION_TOKEN: &str = "FQoGZXIvYXdzEXAMPLE-session-token";
const REGION: &str = "us-west-2";

type Err = SdkError<StartChatContactError>;

fn fast_retries() -> RetryConfig {
    RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)).with_max_backoff(Duration::from_millis(5))
}

fn builder(endpoint: &str) -> ConfigBuilder {
    Config::builder()
        .region(REGION)
        .credentials(Credentials::new(AKID, SECRET, None))
        .endpoint_url(endpoint)
        .retry(fast_retries())
}

fn client(server: &MockServer) -> Client {
    Client::new(builder(&server.uri()).build())
}

fn minimal_request() -> StartChatContactRequestBuilder<String, String, ParticipantDetails> {
    StartChatContactRequest::builder()
        .instance_id("instance-1")
        .contact_flow_id("flow-1")
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
}

fn full_request() -> StartChatContactRequestBuilder<String, String, ParticipantDetails> {
    let mut inner = BTreeMap::new();
    inner.insert("level".to_owned(), SegmentAttributeValue::builder().value_integer(3).build());
    let segment = SegmentAttributeValue::builder().value_string("connect:Guide").value_map(inner).build();
    StartChatContactRequest::builder()
        .instance_id("instance-1")
        .contact_flow_id("flow-1")
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
        .attributes(BTreeMap::from([("tier".to_owned(), "gold".to_owned())]))
        .participant_configuration(ParticipantConfiguration::builder().response_mode(ResponseMode::Incremental).build())
        .initial_message(ChatMessage::builder().content_type("text/plain").content("hello").build())
        .client_token("token-1")
        .chat_duration_in_minutes(90)
        .supported_messaging_content_types(vec!["text/plain".to_owned()])
        .persistent_chat(
            PersistentChat::builder()
                .rehydration_type(RehydrationType::EntirePastSession)
                .source_contact_id("c-0")
                .build(),
        )
        .related_contact_id("c-9")
        .segment_attributes(BTreeMap::from([("connect:Subtype".to_owned(), segment)]))
        .customer_id("crm-42")
        .disconnect_on_customer_exit(vec![DisconnectOnCustomerExitParticipantType::Agent])
}

async fn mount(server: &MockServer, template: ResponseTemplate) {
    Mock::given(method("PUT")).and(path("/contact/chat")).respond_with(template).mount(server).await;
}

fn json_response(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json")
}

async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap_or_default()
}

fn header<'a>(req: &'a wiremock::Request, name: &str) -> &'a str {
    req.headers.get(name).unwrap_or_else(|| panic!("missing header {name}")).to_str().expect("header is text")
}

fn client_token(req: &wiremock::Request) -> String {
    let body: Value = serde_json::from_slice(&req.body).expect("JSON body");
    body["ClientToken"].as_str().expect("ClientToken").to_owned()
}

fn service_error(err: Err) -> StartChatContactError {
    match err {
        SdkError::Service(e) => e.into_err(),
        other => panic!("expected a service error, got {other:?}"),
    }
}

/// Names the variant by matching it (so the test checks the variant, not just `code()`).
fn variant(e: &StartChatContactError) -> &'static str {
    match e {
        StartChatContactError::InternalServiceException(_) => "InternalServiceException",
        StartChatContactError::InvalidParameterException(_) => "InvalidParameterException",
        StartChatContactError::InvalidRequestException(_) => "InvalidRequestException",
        StartChatContactError::LimitExceededException(_) => "LimitExceededException",
        StartChatContactError::ResourceNotFoundException(_) => "ResourceNotFoundException",
        StartChatContactError::Unhandled(_) => "Unhandled",
        _ => "unknown",
    }
}

// ---------------------------------------------------------------------------------------------
// SigV4, recomputed independently of aws-sigv4
// ---------------------------------------------------------------------------------------------

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Checks the Authorization header's structure and recomputes its signature from the request
/// the server received. Returns the signed header names.
fn verify_sigv4(req: &wiremock::Request, secret: &str) -> Vec<String> {
    let auth = header(req, "authorization");
    let rest = auth.strip_prefix("AWS4-HMAC-SHA256 ").expect("algorithm");
    let fields: Vec<&str> = rest.split(", ").collect();
    assert_eq!(fields.len(), 3, "{auth}");
    let credential = fields[0].strip_prefix("Credential=").expect("Credential=");
    let signed_headers = fields[1].strip_prefix("SignedHeaders=").expect("SignedHeaders=");
    let signature = fields[2].strip_prefix("Signature=").expect("Signature=");
    assert_eq!(signature.len(), 64, "{signature}");
    assert!(signature.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)), "{signature}");

    let amz_date = header(req, "x-amz-date");
    assert_eq!(amz_date.len(), 16, "{amz_date}");
    assert!(amz_date[..8].bytes().all(|b| b.is_ascii_digit()) && &amz_date[8..9] == "T" && amz_date.ends_with('Z'));
    let date = &amz_date[..8];
    assert_eq!(credential, format!("{AKID}/{date}/{REGION}/connect/aws4_request"));

    let names: Vec<String> = signed_headers.split(';').map(str::to_owned).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "signed headers are sorted");
    let canonical_headers: String = names
        .iter()
        .map(|name| {
            let values: Vec<String> = req
                .headers
                .get_all(name.as_str())
                .iter()
                .map(|v| v.to_str().expect("text").split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            assert!(!values.is_empty(), "signed header {name} was received");
            format!("{name}:{}\n", values.join(","))
        })
        .collect();
    let mut query: Vec<(String, String)> =
        req.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    query.sort();
    let canonical_query = query.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        req.method.as_str(),
        req.url.path(),
        canonical_query,
        canonical_headers,
        signed_headers,
        sha256_hex(&req.body)
    );
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{date}/{REGION}/connect/aws4_request\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let mut key = hmac(format!("AWS4{secret}").as_bytes(), date);
    for part in [REGION, "connect", "aws4_request"] {
        key = hmac(&key, part);
    }
    assert_eq!(signature, hex::encode(hmac(&key, &string_to_sign)), "signature over:\n{canonical_request}");
    names
}

// ---------------------------------------------------------------------------------------------
// The request on the wire
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn full_request_wire_shape_and_signature() {
    let server = MockServer::start().await;
    mount(&server, json_response(200, json!({"ContactId": "c-1"}))).await;
    let config =
        builder(&server.uri()).credentials(Credentials::new(AKID, SECRET, Some(SESSION_TOKEN.to_owned()))).build();
    Client::new(config).start_chat_contact(full_request().build()).await.expect("success");

    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 1);
    let req = &reqs[0];
    assert_eq!(req.method.as_str(), "PUT");
    assert_eq!(req.url.path(), "/contact/chat");
    assert_eq!(req.url.query(), None);
    assert_eq!(header(req, "content-type"), "application/json");
    assert_eq!(header(req, "user-agent"), format!("amazon-connect/{}", env!("CARGO_PKG_VERSION")));
    assert_eq!(header(req, "host"), server.address().to_string());
    assert_eq!(header(req, "x-amz-security-token"), SESSION_TOKEN);
    let body: Value = serde_json::from_slice(&req.body).expect("JSON body");
    assert_eq!(
        body,
        json!({
            "InstanceId": "instance-1",
            "ContactFlowId": "flow-1",
            "Attributes": {"tier": "gold"},
            "ParticipantDetails": {"DisplayName": "Ada"},
            "ParticipantConfiguration": {"ResponseMode": "INCREMENTAL"},
            "InitialMessage": {"ContentType": "text/plain", "Content": "hello"},
            "ClientToken": "token-1",
            "ChatDurationInMinutes": 90,
            "SupportedMessagingContentTypes": ["text/plain"],
            "PersistentChat": {"RehydrationType": "ENTIRE_PAST_SESSION", "SourceContactId": "c-0"},
            "RelatedContactId": "c-9",
            "SegmentAttributes": {"connect:Subtype": {
                "ValueString": "connect:Guide",
                "ValueMap": {"level": {"ValueInteger": 3}}
            }},
            "CustomerId": "crm-42",
            "DisconnectOnCustomerExit": ["AGENT"]
        })
    );
    let signed = verify_sigv4(req, SECRET);
    for name in ["content-type", "host", "x-amz-date", "x-amz-security-token"] {
        assert!(signed.iter().any(|s| s == name), "{name} is signed: {signed:?}");
    }
    assert!(!signed.iter().any(|s| s == "user-agent"), "user-agent is not signed");
}

#[tokio::test]
async fn minimal_request_without_session_token_is_signed() {
    let server = MockServer::start().await;
    mount(&server, json_response(200, json!({}))).await;
    client(&server).start_chat_contact(minimal_request().build()).await.expect("success");
    let reqs = received(&server).await;
    let req = &reqs[0];
    assert!(req.headers.get("x-amz-security-token").is_none());
    let signed = verify_sigv4(req, SECRET);
    assert_eq!(signed, ["content-length", "content-type", "host", "x-amz-date"]);
    let body: Value = serde_json::from_slice(&req.body).expect("JSON");
    let token = body["ClientToken"].as_str().expect("token filled in");
    assert_eq!(
        body,
        json!({"InstanceId": "instance-1", "ContactFlowId": "flow-1",
               "ParticipantDetails": {"DisplayName": "Ada"}, "ClientToken": token})
    );
}

#[tokio::test]
async fn idempotency_token_is_a_fresh_uuid_v4_per_call_unless_given() {
    let server = MockServer::start().await;
    mount(&server, json_response(200, json!({}))).await;
    let c = client(&server);
    c.start_chat_contact(minimal_request().build()).await.expect("ok");
    c.start_chat_contact(minimal_request().build()).await.expect("ok");
    c.start_chat_contact(minimal_request().client_token("mine").build()).await.expect("ok");
    let reqs = received(&server).await;
    let tokens: Vec<String> = reqs.iter().map(client_token).collect();
    for t in &tokens[..2] {
        let b = t.as_bytes();
        assert_eq!(t.len(), 36, "{t}");
        assert_eq!((b[8], b[13], b[18], b[23]), (b'-', b'-', b'-', b'-'), "{t}");
        assert_eq!(b[14], b'4', "version 4: {t}");
        assert!(matches!(b[19], b'8' | b'9' | b'a' | b'b'), "RFC 4122 variant: {t}");
    }
    assert_ne!(tokens[0], tokens[1]);
    assert_eq!(tokens[2], "mine");
}

// ---------------------------------------------------------------------------------------------
// Successful responses
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn success_is_parsed_with_request_id() {
    let server = MockServer::start().await;
    mount(
        &server,
        json_response(
            200,
            json!({"ContactId": "c-1", "ParticipantId": "p-1", "ParticipantToken": "tok-1", "ContinuedFromContactId": "c-0"}),
        )
        .insert_header("x-amzn-RequestId", "req-123"),
    )
    .await;
    let out = client(&server).start_chat_contact(minimal_request().build()).await.expect("ok");
    assert_eq!(
        out,
        StartChatContactResponse::builder()
            .contact_id("c-1")
            .participant_id("p-1")
            .participant_token("tok-1")
            .continued_from_contact_id("c-0")
            .build()
    );
    assert_eq!(out.request_id(), Some("req-123"));
    assert_eq!(RequestId::request_id(&out), Some("req-123"));
}

#[tokio::test]
async fn unknown_response_fields_are_ignored() {
    let server = MockServer::start().await;
    mount(
        &server,
        json_response(200, json!({"ContactId": "c-1", "BrandNewField": {"nested": [1, 2]}, "Another": null})),
    )
    .await;
    let out = client(&server).start_chat_contact(minimal_request().build()).await.expect("ok");
    assert_eq!(out, StartChatContactResponse::builder().contact_id("c-1").build());
    assert_eq!(out.request_id(), None);
}

#[tokio::test]
async fn empty_success_body_means_every_member_absent() {
    let server = MockServer::start().await;
    mount(&server, ResponseTemplate::new(200)).await;
    let out = client(&server).start_chat_contact(minimal_request().build()).await.expect("ok");
    assert_eq!(out, StartChatContactResponse::default());
    assert_eq!(out.contact_id, None);
}

// ---------------------------------------------------------------------------------------------
// Error responses
// ---------------------------------------------------------------------------------------------

const MODELLED: [(&str, u16); 5] = [
    ("InternalServiceException", 500),
    ("InvalidParameterException", 400),
    ("InvalidRequestException", 400),
    ("LimitExceededException", 429),
    ("ResourceNotFoundException", 404),
];

async fn error_for(template: ResponseTemplate) -> Err {
    let server = MockServer::start().await;
    mount(&server, template).await;
    let config = builder(&server.uri()).retry(RetryConfig::disabled()).build();
    Client::new(config).start_chat_contact(minimal_request().build()).await.expect_err("error response")
}

#[tokio::test]
async fn each_modelled_error_by_header() {
    for (code, status) in MODELLED {
        let err = error_for(
            json_response(status, json!({"Message": format!("m-{code}")}))
                .insert_header("X-Amzn-Errortype", code)
                .insert_header("x-amzn-requestid", "rid-h"),
        )
        .await;
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.request_id(), Some("rid-h"));
        let e = service_error(err);
        assert_eq!(variant(&e), code);
        assert_eq!(e.code(), Some(code));
        assert_eq!(e.message(), Some(format!("m-{code}").as_str()));
    }
}

#[tokio::test]
async fn each_modelled_error_by_type_field() {
    for (code, status) in MODELLED {
        // Namespaced `__type` and lower-case `message`, as some services send.
        let err = error_for(json_response(
            status,
            json!({"__type": format!("com.amazonaws.connect#{code}"), "message": "lower"}),
        ))
        .await;
        let e = service_error(err);
        assert_eq!(variant(&e), code);
        assert_eq!(e.message(), Some("lower"));
    }
}

#[tokio::test]
async fn invalid_request_reason_union_known_and_unknown() {
    let err = error_for(json_response(
        400,
        json!({"__type": "InvalidRequestException", "Message": "bad file",
               "Reason": {"AttachedFileInvalidRequestExceptionReason": "INVALID_FILE_TYPE"}}),
    ))
    .await;
    match service_error(err) {
        StartChatContactError::InvalidRequestException(e) => {
            assert_eq!(e.message(), Some("bad file"));
            assert_eq!(
                e.reason,
                Some(InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(
                    AttachedFileInvalidRequestExceptionReason::InvalidFileType
                ))
            );
        }
        other => panic!("{other:?}"),
    }

    let err = error_for(json_response(
        400,
        json!({"__type": "InvalidRequestException", "Reason": {"BrandNewReason": {"limit": 5}}}),
    ))
    .await;
    match service_error(err) {
        StartChatContactError::InvalidRequestException(e) => match e.reason {
            Some(InvalidRequestExceptionReason::Unknown(m)) => {
                assert_eq!(m.name(), "BrandNewReason");
                assert_eq!(m.value(), &json!({"limit": 5}));
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }

    // An enum value from a newer model is kept too.
    let err = error_for(json_response(
        400,
        json!({"__type": "InvalidRequestException", "Reason": {"AttachedFileInvalidRequestExceptionReason": "INVALID_FILE_COLOUR"}}),
    ))
    .await;
    match service_error(err) {
        StartChatContactError::InvalidRequestException(e) => match e.reason {
            Some(InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(r)) => {
                assert_eq!(r.as_str(), "INVALID_FILE_COLOUR")
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn error_code_namespace_and_colon_suffix_are_stripped() {
    let suffixed = "aws.protocoltests.restjson#ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/";
    let err = error_for(json_response(404, json!({})).insert_header("X-Amzn-Errortype", suffixed)).await;
    assert_eq!(variant(&service_error(err)), "ResourceNotFoundException");

    let err = error_for(json_response(404, json!({"__type": suffixed}))).await;
    assert_eq!(variant(&service_error(err)), "ResourceNotFoundException");

    let err = error_for(json_response(400, json!({"code": "InvalidParameterException:extra"}))).await;
    assert_eq!(variant(&service_error(err)), "InvalidParameterException");
}

#[tokio::test]
async fn header_wins_over_body_type() {
    let err = error_for(
        json_response(400, json!({"__type": "InvalidRequestException"}))
            .insert_header("X-Amzn-Errortype", "InvalidParameterException"),
    )
    .await;
    assert_eq!(variant(&service_error(err)), "InvalidParameterException");
}

#[tokio::test]
async fn unknown_error_code_is_unhandled_with_everything_kept() {
    let body = json!({"__type": "BrandNewException", "Message": "new"}).to_string();
    let err = error_for(
        ResponseTemplate::new(409)
            .set_body_raw(body.clone(), "application/json")
            .insert_header("x-amzn-RequestId", "rid-u"),
    )
    .await;
    assert_eq!(err.request_id(), Some("rid-u"));
    match service_error(err) {
        StartChatContactError::Unhandled(u) => {
            assert_eq!(u.code(), Some("BrandNewException"));
            assert_eq!(u.message(), Some("new"));
            assert_eq!(u.status(), 409);
            assert_eq!(u.request_id(), Some("rid-u"));
            assert_eq!(u.body(), body.as_bytes());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn body_with_only_a_message_keeps_the_message() {
    let err = error_for(json_response(400, json!({"message": "something broke"}))).await;
    let e = service_error(err);
    assert_eq!(variant(&e), "Unhandled");
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), Some("something broke"));
    assert!(e.to_string().contains("something broke"), "{e}");
}

#[tokio::test]
async fn status_503_with_empty_body_is_retried_then_unhandled() {
    let server = MockServer::start().await;
    mount(&server, ResponseTemplate::new(503)).await;
    let err = client(&server).start_chat_contact(minimal_request().build()).await.expect_err("503");
    assert_eq!(received(&server).await.len(), 3);
    assert!(err.is_retryable());
    match service_error(err) {
        StartChatContactError::Unhandled(u) => {
            assert_eq!((u.status(), u.code(), u.message()), (503, None, None));
            assert!(u.body().is_empty());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_is_a_response_error() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(200)
            .set_body_raw(r#"{"ContactId": "c-1", "ParticipantToken": "tok-SECRET"#, "application/json")
            .insert_header("x-amzn-RequestId", "rid-m"),
    )
    .await;
    let err = client(&server).start_chat_contact(minimal_request().build()).await.expect_err("malformed");
    let text = format!("{err} {err:?}");
    assert!(!text.contains("tok-SECRET"), "{text}");
    match err {
        SdkError::Response(e) => {
            assert_eq!((e.status(), e.request_id(), e.body_snippet()), (200, Some("rid-m"), None));
            assert!(e.reason().contains("JSON"), "{}", e.reason());
        }
        other => panic!("{other:?}"),
    }

    // On an error status the start of the body is kept.
    let err =
        error_for(ResponseTemplate::new(400).set_body_raw(r#"{"__type": "InvalidParam"#, "application/json")).await;
    match err {
        SdkError::Response(e) => {
            assert_eq!(e.status(), 400);
            assert_eq!(e.body_snippet(), Some(r#"{"__type": "InvalidParam"#));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn wrong_json_types_are_response_errors() {
    let err = error_for(json_response(200, json!({"ContactId": 42, "ParticipantToken": "tok-SECRET"}))).await;
    let text = format!("{err} {err:?}");
    assert!(!text.contains("tok-SECRET") && !text.contains("42 "), "{text}");
    match err {
        SdkError::Response(e) => {
            assert_eq!(e.status(), 200);
            assert!(e.reason().contains("wrong type"), "{}", e.reason());
        }
        other => panic!("{other:?}"),
    }

    let err = error_for(json_response(404, json!({"__type": "ResourceNotFoundException", "Message": 42}))).await;
    match err {
        SdkError::Response(e) => {
            assert_eq!(e.status(), 404);
            assert!(e.reason().contains("ResourceNotFoundException"), "{}", e.reason());
        }
        other => panic!("{other:?}"),
    }

    // A JSON body that is not an object.
    let err = error_for(json_response(400, json!(["not", "an", "object"]))).await;
    assert!(matches!(err, SdkError::Response(ref e) if e.status() == 400), "{err:?}");
}

#[tokio::test]
async fn html_bodies_are_response_errors() {
    let html = "<html><body><h1>403 Forbidden</h1></body></html>";
    let err = error_for(
        ResponseTemplate::new(403).set_body_raw(html, "text/html").insert_header("x-amzn-RequestId", "rid-x"),
    )
    .await;
    assert_eq!(err.request_id(), Some("rid-x"));
    match &err {
        SdkError::Response(e) => {
            assert_eq!(e.status(), 403);
            assert_eq!(e.body_snippet(), Some(html));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("403"), "{err}");

    let err = error_for(ResponseTemplate::new(200).set_body_raw(html, "text/html")).await;
    match err {
        SdkError::Response(e) => assert_eq!((e.status(), e.body_snippet()), (200, None)),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn error_display_and_source() {
    let err = error_for(
        json_response(404, json!({"Message": "no such instance"}))
            .insert_header("X-Amzn-Errortype", "ResourceNotFoundException")
            .insert_header("x-amzn-RequestId", "rid-d"),
    )
    .await;
    let shown = err.to_string();
    assert!(
        shown.contains("ResourceNotFoundException") && shown.contains("no such instance") && shown.contains("rid-d"),
        "{shown}"
    );
    // The SdkError displays the operation error itself, so its source is the operation error's
    // source (not the operation error, which would print the message twice).
    let source = std::error::Error::source(&err).map(ToString::to_string);
    let operation_error = err.as_service_error().expect("a service error");
    assert_eq!(source, std::error::Error::source(operation_error).map(ToString::to_string));
    assert_eq!(err.code(), Some("ResourceNotFoundException"));
    assert!(!err.is_retryable());
}

// ---------------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------------

async fn assert_retried(template: ResponseTemplate, expected_status: u16) {
    let server = MockServer::start().await;
    mount(&server, template).await;
    let err = client(&server).start_chat_contact(minimal_request().build()).await.expect_err("always fails");
    assert_eq!(err.status(), Some(expected_status));
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 3, "3 attempts for {expected_status}");
    let token = client_token(&reqs[0]);
    for r in &reqs {
        assert_eq!(r.body, reqs[0].body, "same body on every attempt");
        assert_eq!(client_token(r), token);
        verify_sigv4(r, SECRET);
    }
}

#[tokio::test]
async fn retries_429_500_503_and_throttling_codes_with_the_same_token() {
    assert_retried(ResponseTemplate::new(429), 429).await;
    assert_retried(json_response(500, json!({"__type": "InternalServiceException"})), 500).await;
    assert_retried(ResponseTemplate::new(502), 502).await;
    assert_retried(ResponseTemplate::new(503), 503).await;
    assert_retried(ResponseTemplate::new(504), 504).await;
    assert_retried(json_response(400, json!({"__type": "ThrottlingException"})), 400).await;
    assert_retried(json_response(400, json!({})).insert_header("X-Amzn-Errortype", "TooManyRequestsException"), 400)
        .await;
}

#[tokio::test]
async fn retry_then_success() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    mount(&server, json_response(200, json!({"ContactId": "c-1"})).insert_header("x-amzn-RequestId", "rid-ok")).await;
    let out = client(&server).start_chat_contact(minimal_request().build()).await.expect("third attempt succeeds");
    assert_eq!(out.contact_id.as_deref(), Some("c-1"));
    assert_eq!(out.request_id(), Some("rid-ok"));
    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 3);
    assert!(reqs.iter().all(|r| client_token(r) == client_token(&reqs[0])));
}

#[tokio::test]
async fn attempts_carry_the_invocation_id_and_their_number() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount(&server, json_response(200, json!({"ContactId": "c-1"}))).await;
    let client = client(&server);
    client.start_chat_contact(minimal_request().build()).await.expect("retried after the 503");
    client.start_chat_contact(minimal_request().build()).await.expect("second call");

    let reqs = received(&server).await;
    assert_eq!(reqs.len(), 3);
    let ids: Vec<&str> = reqs.iter().map(|r| header(r, "amz-sdk-invocation-id")).collect();
    let attempts: Vec<&str> = reqs.iter().map(|r| header(r, "amz-sdk-request")).collect();
    assert_eq!(attempts, ["attempt=1; max=3", "attempt=2; max=3", "attempt=1; max=3"]);
    assert_eq!(ids[0], ids[1], "the same id on every attempt of a call");
    assert_ne!(ids[0], ids[2], "another id for another call");
    for id in &ids {
        // Lower-case hyphenated UUID, version 4, RFC 4122 variant.
        let groups: Vec<&str> = id.split('-').collect();
        assert_eq!(groups.iter().map(|g| g.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{id}");
        assert!(id.bytes().all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b)), "{id}");
        assert!(groups[2].starts_with('4'), "version 4: {id}");
        assert!(groups[3].starts_with(['8', '9', 'a', 'b']), "RFC 4122 variant: {id}");
    }
    // Not signed, and the signature still verifies with them on the wire.
    for r in &reqs {
        let signed = verify_sigv4(r, SECRET);
        assert!(!signed.iter().any(|h| h.starts_with("amz-sdk-")), "{signed:?}");
    }
}

#[tokio::test]
async fn other_4xx_and_501_are_not_retried() {
    for (status, code) in [
        (400, "InvalidParameterException"),
        (400, "ValidationException"),
        (403, "AccessDeniedException"),
        (404, "ResourceNotFoundException"),
        (409, "ConflictException"),
        (501, "NotImplemented"),
    ] {
        let server = MockServer::start().await;
        mount(&server, json_response(status, json!({"__type": code}))).await;
        let err = client(&server).start_chat_contact(minimal_request().build()).await.expect_err("error");
        assert_eq!(received(&server).await.len(), 1, "{status} {code}");
        assert_eq!(err.code(), Some(code));
        assert!(!err.is_retryable(), "{status} {code}");
    }
}

#[tokio::test]
async fn max_attempts_is_honoured() {
    let server = MockServer::start().await;
    mount(&server, ResponseTemplate::new(503)).await;
    let config = builder(&server.uri()).retry(fast_retries().with_max_attempts(5)).build();
    Client::new(config).start_chat_contact(minimal_request().build()).await.expect_err("503");
    assert_eq!(received(&server).await.len(), 5);
}

// ---------------------------------------------------------------------------------------------
// Timeouts and broken connections
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn read_timeout_is_per_attempt_and_retried() {
    let server = MockServer::start().await;
    mount(&server, json_response(200, json!({})).set_delay(Duration::from_millis(1500))).await;
    let config = builder(&server.uri())
        .read_timeout(Duration::from_millis(150))
        .retry(fast_retries().with_max_attempts(2))
        .build();
    let started = std::time::Instant::now();
    let err = Client::new(config).start_chat_contact(minimal_request().build()).await.expect_err("timeout");
    assert!(started.elapsed() < Duration::from_millis(1200), "{:?}", started.elapsed());
    match &err {
        SdkError::Timeout(t) => {
            assert_eq!(t.kind(), TimeoutKind::Attempt);
            assert_eq!(t.attempts(), 2);
            assert_eq!(t.limit(), Some(Duration::from_millis(150)));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.is_retryable());
    assert_eq!(received(&server).await.len(), 2);
}

/// A server that reads each request, writes `reply` and closes the connection.
async fn broken_server(reply: &'static [u8]) -> (String, Arc<AtomicUsize>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                // Read the whole request (headers, then Content-Length bytes of body).
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                loop {
                    let Ok(n) = stream.read(&mut chunk).await else { return };
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                        let len = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if buf.len() >= end + 4 + len {
                            break;
                        }
                    }
                }
                let _ = stream.write_all(reply).await;
                let _ = stream.flush().await;
                // Dropping the stream closes the connection mid-response.
            });
        }
    });
    (format!("http://{addr}"), connections)
}

#[tokio::test]
async fn connection_dropped_mid_body_is_retried_then_dispatch_error() {
    let (url, connections) = broken_server(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"ContactId\":\"c-",
    )
    .await;
    let err =
        Client::new(builder(&url).build()).start_chat_contact(minimal_request().build()).await.expect_err("dropped");
    match &err {
        SdkError::Dispatch(d) => {
            assert_eq!(d.kind(), TransportErrorKind::Io, "{d}");
            assert_eq!(d.attempts(), 3);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.is_retryable());
    assert_eq!(connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn connection_dropped_mid_headers_is_retried_then_dispatch_error() {
    let (url, connections) = broken_server(b"HTTP/1.1 200 OK\r\nContent-Ty").await;
    let err =
        Client::new(builder(&url).build()).start_chat_contact(minimal_request().build()).await.expect_err("dropped");
    match &err {
        SdkError::Dispatch(d) => assert_eq!((d.kind(), d.attempts()), (TransportErrorKind::Io, 3), "{d}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn connection_refused_is_retried_then_dispatch_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let err = Client::new(builder(&format!("http://{addr}")).build())
        .start_chat_contact(minimal_request().build())
        .await
        .expect_err("refused");
    match &err {
        SdkError::Dispatch(d) => assert_eq!((d.kind(), d.attempts()), (TransportErrorKind::Connect, 3), "{d}"),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("3 attempt"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Nothing is sent when the request cannot be made
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn failing_validation_sends_nothing() {
    let server = MockServer::start().await;
    mount(&server, json_response(200, json!({}))).await;
    let bad = StartChatContactRequest::builder()
        .instance_id("")
        .contact_flow_id("flow-1")
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
        .build();
    let err = client(&server).start_chat_contact(bad.clone()).await.expect_err("invalid");
    match &err {
        SdkError::Validation(v) => {
            let paths: Vec<&str> = v.violations().iter().map(|v| v.path()).collect();
            assert_eq!(paths, ["instance_id"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(received(&server).await.is_empty());

    // With validation off the same request is sent.
    let config = builder(&server.uri()).validation(ValidationMode::Off).build();
    Client::new(config).start_chat_contact(bad).await.expect("sent");
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn construction_errors_send_nothing() {
    let mock = MockTransport::new();
    let base = || Config::builder().credentials(Credentials::new(AKID, SECRET, None)).transport(mock.clone());
    let kind = |e: Err| match e {
        SdkError::Construction(c) => c.kind(),
        other => panic!("{other:?}"),
    };
    let call = |config: Config| async move { Client::new(config).start_chat_contact(minimal_request().build()).await };

    let err = call(base().build()).await.expect_err("no region");
    assert!(err.to_string().contains("region"), "{err}");
    assert_eq!(kind(err), ConstructionErrorKind::MissingRegion);

    let no_creds = Config::builder().region(REGION).transport(mock.clone()).build();
    assert_eq!(kind(call(no_creds).await.expect_err("no creds")), ConstructionErrorKind::MissingCredentials);

    for url in ["ftp://example.com", "not a url", "http://user:pw@example.com", "http://example.com/?x=1", "/relative"]
    {
        let config = base().region(REGION).endpoint_url(url).build();
        assert_eq!(kind(call(config).await.expect_err(url)), ConstructionErrorKind::InvalidEndpoint, "{url}");
    }
    for region in ["us-east-1.evil.com/", "US EAST", ""] {
        let config = base().region(region).build();
        assert_eq!(kind(call(config).await.expect_err(region)), ConstructionErrorKind::InvalidEndpoint, "{region:?}");
    }
    assert_eq!(mock.request_count(), 0);
}

// ---------------------------------------------------------------------------------------------
// MockTransport, endpoints and credentials providers
// ---------------------------------------------------------------------------------------------

fn mock_config(mock: &MockTransport) -> ConfigBuilder {
    Config::builder()
        .region(REGION)
        .credentials(Credentials::new(AKID, SECRET, None))
        .retry(fast_retries())
        .transport(mock.clone())
}

#[tokio::test]
async fn mock_transport_records_requests_and_replays_answers() {
    let mock = MockTransport::new();
    mock.push_error(TransportError::connect("connection refused"))
        .push_response(HttpResponse::new(503, ""))
        .push_response(
            HttpResponse::new(200, r#"{"ContactId":"c-1","ParticipantId":"p-1"}"#)
                .with_header("x-amzn-RequestId", "rid-mock"),
        );
    let client = Client::new(mock_config(&mock).build());
    let out = client.start_chat_contact(minimal_request().build()).await.expect("third answer");
    assert_eq!(out.contact_id.as_deref(), Some("c-1"));
    assert_eq!(out.request_id(), Some("rid-mock"));
    assert_eq!(mock.remaining(), 0);
    let reqs = mock.requests();
    assert_eq!(reqs.len(), 3);
    for r in &reqs {
        assert_eq!(r.method, amazon_connect::runtime::Method::PUT);
        assert_eq!(r.uri.to_string(), "https://connect.us-west-2.amazonaws.com/contact/chat");
        assert_eq!(r.header("host"), Some("connect.us-west-2.amazonaws.com"));
        assert_eq!(r.body, reqs[0].body);
        assert!(r.header("authorization").is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")));
    }
    // Debug never shows header values or bodies.
    let debug = format!("{:?}", reqs[0]);
    assert!(!debug.contains("Signature=") && !debug.contains("instance-1"), "{debug}");

    // An empty queue is a non-retried transport error.
    let err = client.start_chat_contact(minimal_request().build()).await.expect_err("nothing queued");
    assert!(
        matches!(&err, SdkError::Dispatch(d) if d.kind() == TransportErrorKind::Other && d.attempts() == 1),
        "{err:?}"
    );
}

#[tokio::test]
async fn regional_endpoints() {
    let mock = MockTransport::new();
    mock.push_json(200, "{}").push_json(200, "{}").push_json(200, "{}");
    for region in ["eu-west-2", "cn-north-1"] {
        let config = mock_config(&mock).region(region).build();
        Client::new(config).start_chat_contact(minimal_request().build()).await.expect("ok");
    }
    let config = mock_config(&mock).endpoint_url("http://localhost:4566/prefix/").build();
    Client::new(config).start_chat_contact(minimal_request().build()).await.expect("ok");
    let uris: Vec<String> = mock.requests().iter().map(|r| r.uri.to_string()).collect();
    assert_eq!(
        uris,
        [
            "https://connect.eu-west-2.amazonaws.com/contact/chat",
            "https://connect.cn-north-1.amazonaws.com.cn/contact/chat",
            "http://localhost:4566/prefix/contact/chat",
        ]
    );
    assert_eq!(mock.requests()[2].header("host"), Some("localhost:4566"));
}

#[tokio::test]
async fn a_fixed_time_source_reproduces_the_signature() {
    let mock = MockTransport::new();
    mock.push_json(200, "{}").push_json(200, "{}").push_json(200, "{}");
    // 2024-02-29T12:34:56Z
    let at = |secs| mock_config(&mock).time_source(StaticTimeSource::from_secs_since_epoch(secs)).build();
    let fixed = Client::new(at(1_709_210_096));
    fixed.start_chat_contact(minimal_request().client_token("t-1").build()).await.expect("ok");
    fixed.start_chat_contact(minimal_request().client_token("t-1").build()).await.expect("ok");
    Client::new(at(1_709_210_097)).start_chat_contact(minimal_request().client_token("t-1").build()).await.expect("ok");

    let reqs = mock.requests();
    let auth = |i: usize| reqs[i].header("authorization").expect("signed").to_owned();
    let date = |i: usize| reqs[i].header("x-amz-date").expect("dated").to_owned();
    assert_eq!((date(0), date(1)), ("20240229T123456Z".to_owned(), "20240229T123456Z".to_owned()));
    assert_eq!(auth(0), auth(1), "same time, credentials and request: byte-identical signature");
    assert!(auth(0).contains("Credential=AKIDEXAMPLE/20240229/us-west-2/connect/aws4_request"), "{}", auth(0));
    assert_eq!(date(2), "20240229T123457Z");
    assert_ne!(auth(2), auth(0), "another time, another signature");
}

struct CountingProvider {
    calls: AtomicUsize,
    fail: bool,
}

impl ProvideCredentials for CountingProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let result = if self.fail {
            Err(CredentialsError::new("instance metadata unreachable"))
        } else {
            Ok(Credentials::new("ASIATEMPORARY", SECRET, Some(SESSION_TOKEN.to_owned())))
        };
        Box::pin(std::future::ready(result))
    }
}

#[tokio::test]
async fn dynamic_credentials_are_asked_once_per_call() {
    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(500, "")).push_json(200, "{}");
    let provider = Arc::new(CountingProvider { calls: AtomicUsize::new(0), fail: false });
    let config = mock_config(&mock).shared_credentials_provider(provider.clone()).build();
    Client::new(config).start_chat_contact(minimal_request().build()).await.expect("ok");
    assert_eq!(provider.calls.load(Ordering::SeqCst), 1);
    for r in mock.requests() {
        assert_eq!(r.header("x-amz-security-token"), Some(SESSION_TOKEN));
        assert!(r.header("authorization").is_some_and(|a| a.contains("Credential=ASIATEMPORARY/")));
    }

    let failing = CountingProvider { calls: AtomicUsize::new(0), fail: true };
    let config = mock_config(&mock).credentials_provider(failing).build();
    let err = Client::new(config).start_chat_contact(minimal_request().build()).await.expect_err("provider fails");
    match &err {
        SdkError::Construction(c) => assert_eq!(c.kind(), ConstructionErrorKind::CredentialsProvider),
        other => panic!("{other:?}"),
    }
    // The provider's message is the source of the error, not part of its Display.
    assert!(!err.to_string().contains("instance metadata unreachable"), "{err}");
    let chain = DisplayErrorChain(&err).to_string();
    assert!(chain.ends_with("could not get credentials: instance metadata unreachable"), "{chain}");
    assert_eq!(mock.request_count(), 2);
}

#[tokio::test]
async fn no_secrets_in_debug_or_display() {
    let mock = MockTransport::new();
    mock.push_json(400, r#"{"__type":"InvalidParameterException","Message":"bad"}"#);
    let config = mock_config(&mock).credentials(Credentials::new(AKID, SECRET, Some(SESSION_TOKEN.to_owned()))).build();
    let client = Client::new(config);
    let err = client.start_chat_contact(minimal_request().customer_id("crm-SECRET").build()).await.expect_err("400");
    let text = format!("{err} {err:?} {client:?} {:?} {:?}", client.config(), mock.requests());
    for secret in [SECRET, SESSION_TOKEN, "crm-SECRET", "Signature="] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}
