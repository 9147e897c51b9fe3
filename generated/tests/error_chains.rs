//! The `Display` / `source()` chain of every kind of error a call returns: each level
//! describes only itself, so a chain printer (anyhow's `{:#}`, eyre, `DisplayErrorChain`) shows
//! every message exactly once, and the whole chain still tells everything.

use std::error::Error;
use std::time::Duration;

use amazon_connect::config::{Config, ConfigBuilder, Credentials, CredentialsError, ProvideCredentials, RetryConfig};
use amazon_connect::http::mock::MockTransport;
use amazon_connect::http::{BoxFuture, HttpResponse, TransportError, TransportErrorKind};
use amazon_connect::operation::start_chat_contact::{StartChatContactError, StartChatContactRequest};
use amazon_connect::sdk_error::{ConstructionErrorKind, DisplayErrorChain, SdkError, TimeoutKind};
use amazon_connect::types::ParticipantDetails;
use amazon_connect::Client;

type Err = SdkError<StartChatContactError>;

fn builder() -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry(RetryConfig::disabled())
}

fn request_with_instance(instance_id: &str) -> StartChatContactRequest {
    StartChatContactRequest::builder()
        .instance_id(instance_id)
        .contact_flow_id("flow-1")
        .participant_details(ParticipantDetails::builder().display_name("Ada").build())
        .build()
}

fn request() -> StartChatContactRequest {
    request_with_instance("instance-1")
}

async fn call(config: ConfigBuilder) -> Err {
    Client::new(config.build()).start_chat_contact(request()).await.expect_err("the call fails")
}

/// The `Display` of every level of `err`'s `source()` chain, outermost first.
fn chain(err: &(dyn Error + 'static)) -> Vec<String> {
    let mut levels = vec![err.to_string()];
    let mut next = err.source();
    while let Some(e) = next {
        levels.push(e.to_string());
        next = e.source();
    }
    levels
}

/// No level repeats the text of a deeper one; returns the chain joined with `": "`.
fn each_message_once(err: &Err) -> String {
    let levels = chain(err);
    for (i, level) in levels.iter().enumerate() {
        assert!(!level.is_empty(), "level {i} is empty: {levels:#?}");
        for deeper in &levels[i + 1..] {
            assert!(!level.contains(deeper.as_str()), "level {i} repeats {deeper:?}: {levels:#?}");
        }
    }
    let joined = levels.join(": ");
    assert_eq!(DisplayErrorChain(err).to_string(), joined);
    joined
}

#[tokio::test]
async fn validation_errors() {
    let err = Client::new(builder().build()).start_chat_contact(request_with_instance("")).await.expect_err("invalid");
    assert!(matches!(err, SdkError::Validation(_)), "{err:?}");
    let text = each_message_once(&err);
    assert!(text.starts_with("invalid input, nothing was sent: invalid StartChatContactRequest"), "{text}");
    assert!(text.contains("instance_id"), "{text}");
}

struct Unreachable;

impl ProvideCredentials for Unreachable {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let io = std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer from 169.254.169.254");
        Box::pin(std::future::ready(Err(CredentialsError::with_source("instance metadata unreachable", io))))
    }
}

#[tokio::test]
async fn construction_errors_with_a_source() {
    let err = call(builder().credentials_provider(Unreachable)).await;
    assert!(matches!(&err, SdkError::Construction(c) if c.kind() == ConstructionErrorKind::CredentialsProvider));
    assert_eq!(
        each_message_once(&err),
        "failed to build the request, nothing was sent: could not get credentials: \
         instance metadata unreachable: no answer from 169.254.169.254"
    );

    let err = call(builder().endpoint_url("http://bad host")).await;
    assert!(matches!(&err, SdkError::Construction(c) if c.kind() == ConstructionErrorKind::InvalidEndpoint));
    assert!(chain(&err).len() >= 2, "the URI parser's error is the source: {:?}", chain(&err));
    let text = each_message_once(&err);
    assert!(text.contains("`http://bad host` is not a valid URI"), "{text}");
}

#[tokio::test]
async fn dispatch_errors_keep_the_transport_cause() {
    // The default transport, against a port nobody listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let err = call(builder().endpoint_url(format!("http://{addr}"))).await;
    let SdkError::Dispatch(d) = &err else { panic!("{err:?}") };
    assert_eq!((d.kind(), d.attempts()), (TransportErrorKind::Connect, 1));
    let levels = chain(&err);
    assert_eq!(levels[..2], ["failed to send the request after 1 attempt(s)", "connection failed"], "{levels:#?}");
    let text = each_message_once(&err);
    // The operating system's error is still at the end of the chain.
    let mut next = err.source();
    let mut io = None;
    while let Some(e) = next {
        io = io.or(e.downcast_ref::<std::io::Error>());
        next = e.source();
    }
    assert_eq!(io.map(std::io::Error::kind), Some(std::io::ErrorKind::ConnectionRefused), "{text}");

    // A transport of one's own: its error is the source of the transport error.
    let mock = MockTransport::new();
    mock.push_error(TransportError::io(std::io::Error::other("proxy closed the tunnel")));
    let err = call(builder().transport(mock)).await;
    assert_eq!(
        each_message_once(&err),
        "failed to send the request after 1 attempt(s): connection broke during the exchange: proxy closed the tunnel"
    );
}

#[tokio::test]
async fn timeouts() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(wiremock::ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let err = call(builder().endpoint_url(server.uri()).read_timeout(Duration::from_millis(50))).await;
    assert!(matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Attempt), "{err:?}");
    assert_eq!(each_message_once(&err), "timed out waiting for the response (limit 50ms) after 1 attempt(s)");
}

#[tokio::test]
async fn response_errors() {
    let mock = MockTransport::new();
    mock.push_response(
        HttpResponse::new(502, "<html>Bad Gateway</html>")
            .with_header("content-type", "text/html")
            .with_header("x-amzn-requestid", "rid-502"),
    );
    let err = call(builder().transport(mock)).await;
    assert!(matches!(&err, SdkError::Response(_)), "{err:?}");
    let text = each_message_once(&err);
    for part in ["502", "rid-502", "<html>Bad Gateway</html>"] {
        assert!(text.contains(part), "{part} missing from {text}");
    }
}

/// Service errors, modelled and unhandled: `ServiceError` displays the operation error and its
/// `source()` is the operation error's `source()`, which for the generated enum is its
/// variant's `source()`.
#[tokio::test]
async fn service_errors() {
    let mock = MockTransport::new();
    mock.push_json(404, r#"{"__type":"ResourceNotFoundException","Message":"no such instance"}"#)
        .push_json(409, r#"{"__type":"BrandNewException","Message":"brand new"}"#);
    let err = call(builder().transport(mock.clone())).await;
    assert!(
        matches!(&err, SdkError::Service(e) if matches!(e.err(), StartChatContactError::ResourceNotFoundException(_)))
    );
    assert_eq!(each_message_once(&err), "service error (HTTP 404): ResourceNotFoundException: no such instance");
    let err = call(builder().transport(mock)).await;
    assert!(matches!(&err, SdkError::Service(e) if matches!(e.err(), StartChatContactError::Unhandled(_))));
    assert_eq!(each_message_once(&err), "service error (HTTP 409): BrandNewException: brand new");
}
