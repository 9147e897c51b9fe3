//! Auth as the model says, through `MockTransport`: SigV4 when credentials are configured, a
//! bearer token for `@httpBearerAuth`, and unsigned requests (no `Authorization`, no
//! credentials needed) for `@auth([])` and `@optionalAuth`.

use amazon_runtime::auth::AuthScheme;
use amazon_runtime::config::{Config, ConfigBuilder, Credentials, Token};
use amazon_runtime::http::mock::MockTransport;
use amazon_runtime::runtime::{invoke, ErrorResponse, Method, Operation, RequestParts, ServiceInfo};
use amazon_runtime::sdk_error::{ConstructionErrorKind, ResponseError, SdkError, Unhandled};

static SERVICE: ServiceInfo = ServiceInfo {
    name: "Example",
    endpoint_prefix: "example",
    signing_name: "example",
    resolve_endpoint: None,
    user_agent: "example/1.0",
};

const SIGV4: AuthScheme = AuthScheme::SigV4 { signing_name: "example" };

fn op(auth: &'static [AuthScheme]) -> Operation {
    Operation { service: &SERVICE, name: "Get", method: Method::POST, auth, retry_hook: None }
}

fn unhandled(e: &ErrorResponse) -> Result<Unhandled, ResponseError> {
    Ok(e.to_unhandled())
}

fn base(mock: &MockTransport) -> ConfigBuilder {
    mock.push_json(200, "{}");
    Config::builder().region("us-east-1").transport(mock.clone())
}

fn with_credentials(b: ConfigBuilder) -> ConfigBuilder {
    b.credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
}

async fn send(config: &Config, operation: &Operation) -> Result<(), SdkError<Unhandled>> {
    invoke(config, operation, RequestParts::json("/", b"{}".to_vec()), unhandled).await.map(drop)
}

#[tokio::test]
async fn no_auth_sends_unsigned_without_credentials() {
    let mock = MockTransport::new();
    let operation = op(&[AuthScheme::None]);
    // Credentials configured or not, the request carries no signature.
    send(&base(&mock).build(), &operation).await.expect("sent without credentials");
    send(&with_credentials(base(&mock)).build(), &operation).await.expect("sent");
    for request in mock.requests() {
        assert_eq!(request.header("authorization"), None);
        assert_eq!(request.header("x-amz-date"), None);
        assert_eq!(request.header("x-amz-content-sha256"), None);
    }
}

#[tokio::test]
async fn optional_auth_signs_when_it_can_and_sends_unsigned_when_it_cannot() {
    let mock = MockTransport::new();
    let operation = op(&[SIGV4, AuthScheme::None]);
    send(&with_credentials(base(&mock)).build(), &operation).await.expect("signed");
    send(&base(&mock).build(), &operation).await.expect("unsigned");
    let requests = mock.requests();
    assert!(requests[0].header("authorization").is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 ")));
    assert_eq!(requests[1].header("authorization"), None);
}

#[tokio::test]
async fn bearer_auth_carries_the_token_and_never_shows_it() {
    let mock = MockTransport::new();
    let operation = op(&[AuthScheme::Bearer]);
    let config = base(&mock).bearer_token(Token::new("tok-123")).build();
    send(&config, &operation).await.expect("sent");
    let requests = mock.requests();
    assert_eq!(requests[0].header("authorization"), Some("Bearer tok-123"));
    assert_eq!(requests[0].header("x-amz-date"), None, "not SigV4 as well");
    assert!(!format!("{config:?}").contains("tok-123"));
    assert!(!format!("{:?}", requests[0]).contains("tok-123"), "the header is marked sensitive");
}

#[tokio::test]
async fn the_model_s_order_of_preference_decides() {
    let mock = MockTransport::new();
    let both = with_credentials(base(&mock)).bearer_token(Token::new("tok")).build();
    send(&both, &op(&[AuthScheme::Bearer, SIGV4])).await.expect("sent");
    mock.push_json(200, "{}");
    send(&both, &op(&[SIGV4, AuthScheme::Bearer])).await.expect("sent");
    let requests = mock.requests();
    assert_eq!(requests[0].header("authorization"), Some("Bearer tok"));
    assert!(requests[1].header("authorization").is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 ")));
}

#[tokio::test]
async fn a_missing_identity_is_a_construction_error_and_nothing_is_sent() {
    let mock = MockTransport::new();
    let err = send(&base(&mock).build(), &op(&[AuthScheme::Bearer])).await.expect_err("no token");
    assert!(matches!(&err, SdkError::Construction(c) if c.kind() == ConstructionErrorKind::MissingAuth), "{err:?}");
    assert!(err.to_string().contains("no bearer token"), "{err}");
    let err = send(&base(&mock).build(), &op(&[SIGV4])).await.expect_err("no credentials");
    assert!(matches!(&err, SdkError::Construction(c) if c.kind() == ConstructionErrorKind::MissingCredentials));
    assert!(mock.requests().is_empty());
}
