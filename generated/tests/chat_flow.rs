//! The chat example end to end against a local mock of both services: the token from
//! StartChatContact reaches CreateParticipantConnection in `X-Amz-Bearer`, and the connection
//! token reaches SendMessage the same way; every request is signed for its own service.

#[path = "../examples/chat_flow.rs"]
mod chat_flow;

use amazon_connect::config::Credentials;
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn credentials() -> Credentials {
    Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None)
}

#[tokio::test]
async fn start_chat_then_connect_then_send() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/contact/chat"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "ContactId": "contact-1", "ParticipantId": "participant-1", "ParticipantToken": "ptoken-SECRET"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/participant/connection"))
        .and(header("x-amz-bearer", "ptoken-SECRET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "ConnectionCredentials": {"ConnectionToken": "ctoken-SECRET", "Expiry": "2030-01-01T00:00:00Z"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/participant/message"))
        .and(header("x-amz-bearer", "ctoken-SECRET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"Id": "message-1", "AbsoluteTime": "2030-01-01T00:00:01Z"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    // One configuration for both services: the runtime's `Config` is the same type in both crates.
    let shared: amazon_connect::Config = amazon_connect::Config::builder()
        .region("us-east-1")
        .credentials(credentials())
        .endpoint_url(server.uri())
        .build();
    let _: &amazon_connect_participant::Config = &shared;
    let (connect, participant) = chat_flow::clients(&shared);
    assert_eq!(participant.config().region(), connect.config().region());

    let chat = chat_flow::run(&connect, &participant, "instance-1", "flow-1", "Hi there").await.expect("the flow runs");
    assert_eq!(
        (chat.contact_id.as_str(), chat.participant_id.as_str(), chat.message_id.as_str()),
        ("contact-1", "participant-1", "message-1")
    );

    let requests = server.received_requests().await.expect("recording on");
    assert_eq!(requests.len(), 3);
    // Tokens travel in headers, never in bodies; each request is signed for its own service.
    let connection: Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(connection, json!({"Type": ["CONNECTION_CREDENTIALS"], "ConnectParticipant": true}));
    let message: Value = serde_json::from_slice(&requests[2].body).unwrap();
    assert_eq!(message["Content"], "Hi there");
    assert_eq!(message["ContentType"], "text/plain");
    assert!(message.get("ConnectionToken").is_none());
    assert_eq!(message["ClientToken"].as_str().map(str::len), Some(36), "an idempotency token was filled in");
    let auth = |i: usize| requests[i].headers.get("authorization").unwrap().to_str().unwrap().to_owned();
    assert!(auth(0).contains("/us-east-1/connect/aws4_request"), "{}", auth(0));
    assert!(auth(1).contains("/us-east-1/execute-api/aws4_request"), "{}", auth(1));
    assert!(auth(2).contains("/us-east-1/execute-api/aws4_request"), "{}", auth(2));
}
