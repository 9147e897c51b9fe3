//! The call path (`runtime::invoke`) through `MockTransport`: the configured time source, the
//! invocation-id and attempt headers, and the `Display` / `source()` chains of every kind of
//! `SdkError`.

use std::error::Error;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use amazon_runtime::auth::AuthScheme;
use amazon_runtime::config::{
    Config, ConfigBuilder, Credentials, CredentialsError, ProvideCredentials, RetryConfig, StaticTimeSource, TimeSource,
};
use amazon_runtime::http::mock::MockTransport;
use amazon_runtime::http::{BoxFuture, HttpRequest, HttpResponse, HttpTransport, TransportError, TransportErrorKind};
use amazon_runtime::runtime::{invoke, ErrorResponse, Method, Operation, RequestParts, ServiceInfo, SuccessResponse};
use amazon_runtime::sdk_error::{
    ConstructionErrorKind, DisplayErrorChain, ResponseError, SdkError, TimeoutKind, Unhandled,
};
use amazon_runtime::validate::{Validate, Validator};

static SERVICE: ServiceInfo = ServiceInfo {
    name: "Example",
    endpoint_prefix: "example",
    signing_name: "example",
    resolve_endpoint: None,
    user_agent: "example/1.0",
};

static OPERATION: Operation = Operation {
    service: &SERVICE,
    name: "PutThing",
    method: Method::PUT,
    auth: &[AuthScheme::SigV4 { signing_name: "example" }],
    retry_hook: None,
};

/// 2023-11-14T22:13:20Z.
const T1: u64 = 1_700_000_000;

fn fast_retries() -> RetryConfig {
    RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)).with_max_backoff(Duration::from_millis(2))
}

fn builder(mock: &MockTransport) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
        .retry(fast_retries())
        .transport(mock.clone())
}

async fn call<E>(
    config: &Config,
    parse_error: fn(&ErrorResponse) -> Result<E, ResponseError>,
) -> Result<SuccessResponse, SdkError<E>> {
    invoke(config, &OPERATION, RequestParts::json("/things/1", br#"{"Name":"a"}"#.to_vec()), parse_error).await
}

fn unhandled(e: &ErrorResponse) -> Result<Unhandled, ResponseError> {
    Ok(e.to_unhandled())
}

fn header(request: &HttpRequest, name: &str) -> String {
    request.header(name).unwrap_or_else(|| panic!("no {name} header")).to_owned()
}

fn signed_headers(request: &HttpRequest) -> Vec<String> {
    let auth = header(request, "authorization");
    let signed = auth.split(", ").find_map(|f| f.strip_prefix("SignedHeaders=")).expect("SignedHeaders=");
    signed.split(';').map(str::to_owned).collect()
}

// ---------------------------------------------------------------------------------------------
// Time source
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_fixed_time_source_makes_signatures_reproducible() {
    let mock = MockTransport::new();
    mock.push_json(200, "{}").push_json(200, "{}").push_json(200, "{}");
    let config = builder(&mock).time_source(StaticTimeSource::from_secs_since_epoch(T1)).build();
    call(&config, unhandled).await.expect("first call");
    call(&config, unhandled).await.expect("second call");
    let later = config.to_builder().time_source(StaticTimeSource::from_secs_since_epoch(T1 + 1)).build();
    call(&later, unhandled).await.expect("third call");

    let reqs = mock.requests();
    assert_eq!(reqs.len(), 3);
    assert_eq!(header(&reqs[0], "x-amz-date"), "20231114T221320Z");
    assert_eq!(header(&reqs[1], "x-amz-date"), header(&reqs[0], "x-amz-date"));
    assert_eq!(header(&reqs[1], "authorization"), header(&reqs[0], "authorization"), "byte-identical signature");
    // The calls differ in their invocation ids, which are not signed.
    assert_ne!(header(&reqs[1], "amz-sdk-invocation-id"), header(&reqs[0], "amz-sdk-invocation-id"));

    // Another fixed time: another date and another signature.
    assert_eq!(header(&reqs[2], "x-amz-date"), "20231114T221321Z");
    assert_ne!(header(&reqs[2], "authorization"), header(&reqs[0], "authorization"));
}

/// Advances one second every time it is read, and counts the reads.
#[derive(Debug, Default)]
struct TickingClock(Mutex<u64>);

impl TimeSource for TickingClock {
    fn now(&self) -> SystemTime {
        let mut ticks = self.0.lock().unwrap();
        *ticks += 1;
        SystemTime::UNIX_EPOCH + Duration::from_secs(T1 + *ticks)
    }
}

#[tokio::test]
async fn every_attempt_is_signed_at_the_time_source_s_now() {
    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(503, "")).push_json(200, "{}");
    let clock = Arc::new(TickingClock::default());
    let config = builder(&mock).shared_time_source(clock.clone()).build();
    call(&config, unhandled).await.expect("second attempt succeeds");
    let dates: Vec<String> = mock.requests().iter().map(|r| header(r, "x-amz-date")).collect();
    assert_eq!(dates, ["20231114T221321Z", "20231114T221322Z"]);
    assert_eq!(*clock.0.lock().unwrap(), 2, "read once per attempt, and nowhere else");
}

// ---------------------------------------------------------------------------------------------
// amz-sdk-invocation-id and amz-sdk-request
// ---------------------------------------------------------------------------------------------

fn assert_uuid_v4(id: &str) {
    let parsed = uuid::Uuid::parse_str(id).unwrap_or_else(|e| panic!("{id:?} is not a UUID: {e}"));
    assert_eq!(parsed.get_version(), Some(uuid::Version::Random), "{id}");
    assert_eq!(parsed.get_variant(), uuid::Variant::RFC4122, "{id}");
    assert_eq!(parsed.hyphenated().to_string(), id, "lower-case hyphenated form");
}

#[tokio::test]
async fn retried_attempts_share_the_invocation_id_and_are_numbered() {
    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(503, "")).push_json(200, "{}").push_json(200, "{}");
    let config = builder(&mock).build();
    call(&config, unhandled).await.expect("retried after the 503");
    call(&config, unhandled).await.expect("second call");

    let reqs = mock.requests();
    assert_eq!(reqs.len(), 3);
    let ids: Vec<String> = reqs.iter().map(|r| header(r, "amz-sdk-invocation-id")).collect();
    let attempts: Vec<String> = reqs.iter().map(|r| header(r, "amz-sdk-request")).collect();
    assert_eq!(ids[0], ids[1], "one id for every attempt of a call");
    assert_ne!(ids[0], ids[2], "another id for another call");
    for id in &ids {
        assert_uuid_v4(id);
    }
    assert_eq!(attempts, ["attempt=1; max=3", "attempt=2; max=3", "attempt=1; max=3"]);
}

#[tokio::test]
async fn the_attempt_header_names_the_configured_maximum() {
    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(500, "")).push_json(200, "{}").push_response(HttpResponse::new(500, ""));
    call(&builder(&mock).retry(fast_retries().with_max_attempts(5)).build(), unhandled).await.expect("ok");
    call(&builder(&mock).retry(RetryConfig::disabled()).build(), unhandled).await.expect_err("not retried");
    let attempts: Vec<String> = mock.requests().iter().map(|r| header(r, "amz-sdk-request")).collect();
    assert_eq!(attempts, ["attempt=1; max=5", "attempt=2; max=5", "attempt=1; max=1"]);
}

#[tokio::test]
async fn the_invocation_headers_are_not_signed() {
    let mock = MockTransport::new();
    mock.push_json(200, "{}");
    call(&builder(&mock).build(), unhandled).await.expect("ok");
    let signed = signed_headers(&mock.requests()[0]);
    assert!(signed.contains(&"x-amz-date".to_owned()) && signed.contains(&"host".to_owned()), "{signed:?}");
    assert!(!signed.iter().any(|h| h.starts_with("amz-sdk-")), "{signed:?}");
}

// ---------------------------------------------------------------------------------------------
// Display and source(): each message once
// ---------------------------------------------------------------------------------------------

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

/// The first error of type `T` in `err`'s `source()` chain (`err` itself excluded).
fn find_cause<'a, T: Error + 'static>(err: &'a (dyn Error + 'static)) -> Option<&'a T> {
    let mut next = err.source();
    while let Some(e) = next {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        next = e.source();
    }
    None
}

/// No level repeats a deeper level's text; returns the chain joined with `": "` (which is also
/// what `DisplayErrorChain` prints).
fn each_message_once(err: &(dyn Error + 'static)) -> String {
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

/// An operation error enum in the shape the generator emits, following the rule: `Display`
/// and `source()` both delegate to the variant.
#[derive(Debug)]
enum PutThingError {
    NotFound(NotFound),
    Unhandled(Unhandled),
}

#[derive(Debug)]
struct NotFound(Option<String>);

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NotFound")?;
        match &self.0 {
            Some(m) => write!(f, ": {m}"),
            None => Ok(()),
        }
    }
}

impl Error for NotFound {}

impl fmt::Display for PutThingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound(e) => e.fmt(f),
            Self::Unhandled(e) => e.fmt(f),
        }
    }
}

impl Error for PutThingError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::NotFound(e) => e.source(),
            Self::Unhandled(e) => e.source(),
        }
    }
}

fn put_thing_error(e: &ErrorResponse) -> Result<PutThingError, ResponseError> {
    Ok(match e.code() {
        Some("NotFound") => PutThingError::NotFound(NotFound(e.message().map(str::to_owned))),
        _ => PutThingError::Unhandled(e.to_unhandled()),
    })
}

#[tokio::test]
async fn service_errors_print_each_message_once() {
    let mock = MockTransport::new();
    mock.push_response(
        HttpResponse::new(404, r#"{"Message":"no such thing"}"#)
            .with_header("x-amzn-errortype", "NotFound")
            .with_header("x-amzn-requestid", "rid-404"),
    );
    let err = call(&builder(&mock).build(), put_thing_error).await.expect_err("404");
    assert!(matches!(&err, SdkError::Service(e) if matches!(e.err(), PutThingError::NotFound(_))), "{err:?}");
    let text = each_message_once(&err);
    for part in ["404", "rid-404", "NotFound", "no such thing"] {
        assert!(text.contains(part), "{part} missing from {text:?}");
    }
    assert_eq!(text.matches("no such thing").count(), 1, "{text}");
}

#[tokio::test]
async fn unhandled_errors_print_each_message_once() {
    let mock = MockTransport::new();
    let response = || {
        HttpResponse::new(409, r#"{"__type":"BrandNewException","message":"brand new"}"#)
            .with_header("x-amzn-requestid", "rid-409")
    };
    mock.push_response(response()).push_response(response());
    let config = builder(&mock).build();

    // As the operation enum's `Unhandled` variant, and as the operation error itself.
    let in_enum = call(&config, put_thing_error).await.expect_err("409");
    assert!(matches!(&in_enum, SdkError::Service(e) if matches!(e.err(), PutThingError::Unhandled(_))));
    let alone = call(&config, unhandled).await.expect_err("409");
    for text in [each_message_once(&in_enum), each_message_once(&alone)] {
        for part in ["409", "rid-409", "BrandNewException", "brand new"] {
            assert!(text.contains(part), "{part} missing from {text:?}");
        }
    }
}

struct FailingProvider;

impl ProvideCredentials for FailingProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "metadata endpoint refused the connection");
        Box::pin(std::future::ready(Err(CredentialsError::with_source("the instance role is unavailable", io))))
    }
}

#[tokio::test]
async fn construction_errors_print_each_message_once() {
    let mock = MockTransport::new();
    let err = call(&builder(&mock).credentials_provider(FailingProvider).build(), unhandled)
        .await
        .expect_err("no credentials");
    assert!(matches!(&err, SdkError::Construction(c) if c.kind() == ConstructionErrorKind::CredentialsProvider));
    let text = each_message_once(&err);
    assert_eq!(
        chain(&err),
        [
            "failed to build the request, nothing was sent: could not get credentials",
            "the instance role is unavailable",
            "metadata endpoint refused the connection",
        ]
    );
    // The provider's cause is still reachable, typed.
    let io = find_cause::<std::io::Error>(&err);
    assert_eq!(io.map(std::io::Error::kind), Some(std::io::ErrorKind::ConnectionRefused), "{text}");

    // An endpoint URL that does not parse: the parser's error is the source.
    let err = call(&builder(&mock).endpoint_url("http://exa mple.com").build(), unhandled).await.expect_err("bad URL");
    assert!(matches!(&err, SdkError::Construction(c) if c.kind() == ConstructionErrorKind::InvalidEndpoint));
    assert!(chain(&err).len() >= 2, "{:?}", chain(&err));
    let text = each_message_once(&err);
    assert!(text.contains("http://exa mple.com"), "{text}");
    assert_eq!(mock.request_count(), 0);
}

/// An error with a cause of its own, to see that the transport error does not flatten it.
#[derive(Debug)]
struct Handshake(std::io::Error);

impl fmt::Display for Handshake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TLS handshake failed")
    }
}

impl Error for Handshake {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.0)
    }
}

#[tokio::test]
async fn dispatch_errors_print_each_message_once_and_keep_the_transport_cause() {
    let mock = MockTransport::new();
    let reset = || std::io::Error::new(std::io::ErrorKind::ConnectionReset, "peer reset the connection");
    mock.push_error(TransportError::connect(Handshake(reset())))
        .push_error(TransportError::connect(Handshake(reset())))
        .push_error(TransportError::connect(Handshake(reset())));
    let err = call(&builder(&mock).build(), unhandled).await.expect_err("cannot connect");
    assert!(matches!(&err, SdkError::Dispatch(d) if d.attempts() == 3 && d.kind() == TransportErrorKind::Connect));
    each_message_once(&err);
    assert_eq!(
        chain(&err),
        [
            "failed to send the request after 3 attempt(s)",
            "connection failed",
            "TLS handshake failed",
            "peer reset the connection"
        ]
    );
    let transport = find_cause::<TransportError>(&err).expect("the transport error");
    assert_eq!(transport.kind(), TransportErrorKind::Connect);

    // The mock's own "nothing queued" failure.
    let err = call(&builder(&mock).build(), unhandled).await.expect_err("empty queue");
    let text = each_message_once(&err);
    assert!(text.ends_with("transport error: MockTransport: no response queued for this request"), "{text}");
}

/// Never answers.
struct Silent;

impl HttpTransport for Silent {
    fn send(&self, _request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(std::future::pending())
    }
}

#[tokio::test]
async fn timeouts_print_each_message_once() {
    let config = builder(&MockTransport::new())
        .transport(Silent)
        .read_timeout(Duration::from_millis(20))
        .retry(RetryConfig::disabled())
        .build();
    let err = call(&config, unhandled).await.expect_err("times out");
    assert!(matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Attempt));
    assert_eq!(each_message_once(&err), "timed out waiting for the response (limit 20ms) after 1 attempt(s)");

    let mock = MockTransport::new();
    mock.push_error(TransportError::timeout("connect timed out"));
    let err = call(&builder(&mock).retry(RetryConfig::disabled()).build(), unhandled).await.expect_err("times out");
    assert!(matches!(&err, SdkError::Timeout(t) if t.kind() == TimeoutKind::Transport));
    each_message_once(&err);
}

#[tokio::test]
async fn response_errors_print_each_message_once() {
    let mock = MockTransport::new();
    mock.push_response(HttpResponse::new(400, "[1, 2]").with_header("x-amzn-requestid", "rid-400"));
    let err = call(&builder(&mock).build(), unhandled).await.expect_err("not an object");
    assert!(matches!(&err, SdkError::Response(_)), "{err:?}");
    let text = each_message_once(&err);
    for part in ["400", "rid-400", "not an object", "[1, 2]"] {
        assert!(text.contains(part), "{part} missing from {text:?}");
    }
}

struct Input {
    name: Option<String>,
}

impl Validate for Input {
    const TYPE_NAME: &'static str = "PutThingInput";
    fn validate_into(&self, validator: &mut Validator) {
        validator.enter_field("name");
        validator.required(self.name.is_some());
        validator.leave();
    }
}

#[test]
fn validation_errors_print_each_message_once() {
    let err: SdkError<Unhandled> = Input { name: None }.validate().expect_err("name is required").into();
    let text = each_message_once(&err);
    assert!(text.starts_with("invalid input, nothing was sent: invalid PutThingInput: 1 violation"), "{text}");
    assert!(text.contains("name"), "{text}");
    assert!(err.source().is_none(), "the validation error is displayed by the SdkError itself");
}
