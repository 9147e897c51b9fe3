//! What the client emits through `tracing`, captured at TRACE level (all crates, including
//! aws-sigv4): spans for the call and each attempt, and no secrets, headers or bodies.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use amazon_connect::config::{Config, Credentials, RetryConfig};
use amazon_connect::http::mock::MockTransport;
use amazon_connect::http::HttpResponse;
use amazon_connect::operation::start_chat_contact::StartChatContactRequest;
use amazon_connect::types::{ChatMessage, ParticipantDetails};
use amazon_connect::Client;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

#[derive(Default)]
struct Capture {
    lines: Mutex<Vec<String>>,
    next: AtomicU64,
}

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Capture {
    fn push(&self, line: String) {
        self.lines.lock().unwrap_or_else(|p| p.into_inner()).push(line);
    }
}

struct Sub(Arc<Capture>);

impl Subscriber for Sub {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(tracing::level_filters::LevelFilter::TRACE)
    }
    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let mut line = format!("span {}", attrs.metadata().name());
        attrs.record(&mut Fields(&mut line));
        self.0.push(line);
        Id::from_u64(self.0.next.fetch_add(1, Ordering::SeqCst) + 1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = String::from("record");
        values.record(&mut Fields(&mut line));
        self.0.push(line);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = format!("event {}", event.metadata().target());
        event.record(&mut Fields(&mut line));
        self.0.push(line);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn spans_name_the_call_and_attempts_and_never_carry_secrets() {
    let capture = Arc::new(Capture::default());
    let _guard = tracing::subscriber::set_default(Sub(capture.clone()));

    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(503, r#"{"message":"busy-BODY"}"#)).push_response(
        HttpResponse::new(200, r#"{"ContactId":"c-1","ParticipantToken":"tok-SECRET"}"#)
            .with_header("x-amzn-RequestId", "rid-1"),
    );
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRET-KEY", Some("SESSION-SECRET".to_owned())))
        .retry(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
        .transport(mock.clone())
        .build();
    let input = StartChatContactRequest::builder()
        .instance_id("instance-1")
        .contact_flow_id("flow-1")
        .participant_details(ParticipantDetails::builder().display_name("Ada-NAME").build())
        .customer_id("crm-SECRET")
        .initial_message(ChatMessage::builder().content_type("text/plain").content("hello-CONTENT").build())
        .build();
    Client::new(config).start_chat_contact(input).await.expect("ok");

    let log = capture.lines.lock().unwrap_or_else(|p| p.into_inner()).join("\n");
    assert!(log.contains("span call") && log.contains("operation=\"StartChatContact\""), "{log}");
    assert!(log.contains("span attempt attempt=1") && log.contains("span attempt attempt=2"), "{log}");
    assert!(log.contains("record status=503") && log.contains("record status=200"), "{log}");
    for secret in [
        "SECRET-KEY",
        "SESSION-SECRET",
        "tok-SECRET",
        "crm-SECRET",
        "Ada-NAME",
        "hello-CONTENT",
        "busy-BODY",
        "Signature=",
    ] {
        assert!(!log.contains(secret), "{secret} leaked into tracing:\n{log}");
    }
}
