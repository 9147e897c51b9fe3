//! The generic restJson1 call path behind every operation. Used by the generated glue; not a
//! stable API.
//!
//! One call: resolve the endpoint and credentials, then for each attempt sign (fresh
//! `X-Amz-Date`, from the config's [`TimeSource`](super::config::TimeSource)), send with the
//! per-attempt timeout, and classify the outcome; retry transient failures with exponential
//! backoff and full jitter. Every attempt sends the same bytes (so the same idempotency token).
//! A streamed request body (see [`ByteStream`]) is the exception: it is sent once, signed as
//! `UNSIGNED-PAYLOAD`, and a failed attempt is not retried. Nothing here logs headers, bodies or
//! credentials.
//!
//! Like the AWS SDKs, every attempt carries `amz-sdk-invocation-id` (a UUID v4 per call, the
//! same on every attempt) and `amz-sdk-request: attempt=N; max=M`. They are added *after*
//! signing, so they are not signed: the signature depends only on the request, the
//! credentials and the time, and is reproducible with a fixed time source.

use std::time::{Duration, SystemTime};

use ::bytes::Bytes;
use ::http::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST, USER_AGENT,
};
/// The HTTP method type operations name.
pub use ::http::Method;

pub use super::binding;
use ::http::Uri;
use std::convert::Infallible;

use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use super::auth::AuthScheme;
use super::byte_stream::ByteStream;
use super::config::{Config, RetryConfig};
use super::http::{HttpRequest, HttpResponse, HttpTransport, TransportError, TransportErrorKind};
use super::sdk_error::{
    ConstructionError, ConstructionErrorKind, DispatchError, ResponseError, ResponseMetadata, SdkError, ServiceError,
    SetResponseMetadata, TimeoutError, TimeoutKind, Unhandled,
};

/// Error codes that mean "slow down": retried whatever the status.
pub const THROTTLING_ERROR_CODES: &[&str] = &[
    "ThrottlingException",
    "ThrottledException",
    "TooManyRequestsException",
    "LimitExceededException",
    "RequestLimitExceeded",
    "RequestThrottled",
    "RequestThrottledException",
    "SlowDown",
    "ProvisionedThroughputExceededException",
    "BandwidthLimitExceeded",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
    "TransactionInProgressException",
];

/// Statuses retried whatever the error code.
pub const RETRYABLE_STATUSES: &[u16] = &[429, 500, 502, 503, 504];

/// The header naming the call an attempt belongs to: one UUID v4 per call, the same on every
/// attempt of it. Not signed.
pub const INVOCATION_ID_HEADER: &str = "amz-sdk-invocation-id";

/// The header numbering an attempt: `attempt=N; max=M` (`N` 1-based, `M` the configured
/// maximum number of attempts). Not signed.
pub const REQUEST_INFO_HEADER: &str = "amz-sdk-request";

/// The `amz-sdk-request` value of attempt `attempt` (1-based) out of `max_attempts`.
pub fn request_info(attempt: u32, max_attempts: u32) -> String {
    format!("attempt={attempt}; max={max_attempts}")
}

/// The service-wide facts the runtime needs.
#[derive(Debug)]
pub struct ServiceInfo {
    /// The Smithy service name (for tracing).
    pub name: &'static str,
    /// The first label of the regional host name: `https://{endpoint_prefix}.{region}.amazonaws.com`.
    pub endpoint_prefix: &'static str,
    /// The SigV4 signing name.
    pub signing_name: &'static str,
    /// The service's endpoint rules, compiled: (region, use FIPS, use dual-stack, custom
    /// endpoint) → endpoint URL, or the rules' own error message. Without rules the endpoint is
    /// `https://{endpoint_prefix}.{region}.amazonaws.com` (`.com.cn` in China).
    pub resolve_endpoint: Option<ResolveEndpoint>,
    /// `User-Agent` of every request: the generated crate's `<name>/<version>`.
    pub user_agent: &'static str,
}

/// Compiled endpoint rules: (region, use FIPS, use dual-stack, custom endpoint) → URL or error.
pub type ResolveEndpoint = fn(Option<&str>, bool, bool, Option<&str>) -> Result<String, String>;

/// What the runtime needs to know about one operation.
#[derive(Debug)]
pub struct Operation {
    /// The service it belongs to.
    pub service: &'static ServiceInfo,
    /// The operation name (for tracing).
    pub name: &'static str,
    /// Its HTTP method.
    pub method: Method,
    /// The auth schemes it accepts, in the model's order of preference (see [`super::auth`]).
    pub auth: &'static [AuthScheme],
    /// Overrides the default retry classification of error responses: `Some(true)` retry,
    /// `Some(false)` do not, `None` use the default ([`is_retryable_error`]). For example
    /// errors the model marks `@retryable`.
    pub retry_hook: Option<fn(&ErrorResponse) -> Option<bool>>,
}

/// The serialised request of one call: sent unchanged on every attempt (a body in memory), or
/// once (a stream).
#[derive(Debug)]
pub struct RequestParts {
    /// Path and query, already percent-encoded (see [`encode_label`], [`encode_query`]).
    pub path_and_query: String,
    /// Headers bound from input members.
    pub headers: HeaderMap,
    /// The body.
    pub body: ByteStream,
    /// The `Content-Type` of the body, if there is one.
    pub content_type: Option<&'static str>,
    /// Put before the endpoint's host (the operation's `@endpoint` host prefix, its labels
    /// filled in), unless the endpoint is an IP address.
    pub host_prefix: Option<String>,
}

impl RequestParts {
    /// A request with a JSON body.
    pub fn json(path_and_query: impl Into<String>, body: Vec<u8>) -> Self {
        Self::payload(path_and_query, body, "application/json")
    }
    /// A request whose body is `body` (an `@httpPayload`), of type `content_type`.
    pub fn payload(path_and_query: impl Into<String>, body: Vec<u8>, content_type: &'static str) -> Self {
        Self::stream(path_and_query, body.into(), content_type)
    }
    /// A request whose body is the streaming member's `body`, of type `content_type`.
    pub fn stream(path_and_query: impl Into<String>, body: ByteStream, content_type: &'static str) -> Self {
        Self {
            path_and_query: path_and_query.into(),
            headers: HeaderMap::new(),
            body,
            content_type: Some(content_type),
            host_prefix: None,
        }
    }
    /// A request without a body.
    pub fn without_body(path_and_query: impl Into<String>) -> Self {
        Self {
            path_and_query: path_and_query.into(),
            headers: HeaderMap::new(),
            body: ByteStream::new(),
            content_type: None,
            host_prefix: None,
        }
    }
    /// Refuses a body of unknown length for a member marked `@requiresLength`.
    pub fn require_length(&self, member: &'static str) -> Result<(), ConstructionError> {
        if self.body.content_length().is_some() {
            return Ok(());
        }
        Err(ConstructionError::new(
            ConstructionErrorKind::Serialization,
            format!("`{member}` must have a known length: give the stream one with ByteStream::with_length"),
        ))
    }
    /// Reads a streamed body into memory: compression and checksums need all of it.
    pub async fn buffer(&mut self) -> Result<(), ConstructionError> {
        self.body.buffer().await.map_err(|e| {
            ConstructionError::new(ConstructionErrorKind::Serialization, "could not read the request body stream")
                .with_source(e)
        })
    }
}

/// A 2xx response.
#[derive(Clone, Debug)]
pub struct SuccessResponse {
    /// The status.
    pub status: u16,
    /// The headers (for `@httpHeader` output members).
    pub headers: HeaderMap,
    /// The body.
    pub body: Bytes,
    /// The `x-amzn-RequestId`.
    pub request_id: Option<String>,
}

/// A non-2xx response, with its error code and message already extracted.
#[derive(Clone, Debug)]
pub struct ErrorResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    /// The awsQuery error code of `x-amzn-query-error: Code;Fault` (services marked
    /// `@awsQueryCompatible` send it).
    query_code: Option<String>,
    /// Set when the body is neither empty nor a JSON object.
    unparseable: Option<String>,
}

impl ErrorResponse {
    /// Parses the restJson1 error parts of `response`.
    ///
    /// Code: the `X-Amzn-Errortype` header, else `__type`, else `code` in the body, with any
    /// namespace (`ns#`) and `:`-suffix removed. Message: `Message` or `message` in the body.
    pub fn from_http(response: HttpResponse) -> Self {
        let HttpResponse { status, headers, body } = response;
        let request_id = request_id_of(&headers);
        let query_code = headers
            .get("x-amzn-query-error")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        let mut code = headers
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .map(sanitize_error_code)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        let mut message = None;
        let mut unparseable = None;
        if !is_blank(&body) {
            match serde_json::from_slice::<serde_json::Value>(&body) {
                Ok(serde_json::Value::Object(map)) => {
                    let text = |key: &str| map.get(key).and_then(serde_json::Value::as_str);
                    if code.is_none() {
                        code = ["__type", "code"]
                            .into_iter()
                            .filter_map(text)
                            .map(sanitize_error_code)
                            .find(|c| !c.is_empty())
                            .map(str::to_owned);
                    }
                    message = ["Message", "message"].into_iter().find_map(text).map(str::to_owned);
                }
                Ok(_) => unparseable = Some("the error body is JSON but not an object".to_owned()),
                Err(e) => unparseable = Some(describe_json_error(&e, true)),
            }
        }
        Self { status, headers, body, code, message, request_id, query_code, unparseable }
    }
    /// The awsQuery error code the `x-amzn-query-error` header gives, if any (services marked
    /// `@awsQueryCompatible`); [`code`](Self::code) stays the error's shape name.
    pub fn query_error_code(&self) -> Option<&str> {
        self.query_code.as_deref()
    }
    /// The status.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
    /// The error code, without namespace or suffix.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    /// The error message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    /// The `x-amzn-RequestId`.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// Deserialises the body into a modelled error structure (an empty body is `{}`).
    pub fn deserialize<T: DeserializeOwned + SetResponseMetadata>(&self) -> Result<T, ResponseError> {
        let body: &[u8] = if is_blank(&self.body) { b"{}" } else { &self.body };
        let mut value: T = serde_json::from_slice(body).map_err(|e| {
            let reason = format!(
                "the `{}` error body does not match the model: {}",
                self.code().unwrap_or("?"),
                describe_json_error(&e, true)
            );
            ResponseError::new(self.status, self.request_id.clone(), reason, &self.body)
        })?;
        value.set_response_metadata(self.metadata());
        Ok(value)
    }
    /// The error as an [`Unhandled`] (a code this client does not model): its code is the
    /// awsQuery one when the service sent it.
    pub fn to_unhandled(&self) -> Unhandled {
        Unhandled::new(
            self.query_code.clone().or_else(|| self.code.clone()),
            self.message.clone(),
            self.status,
            self.request_id.clone(),
            self.body.clone(),
        )
        .with_raw_response(self.raw())
    }
    /// The request id and the whole response.
    pub fn metadata(&self) -> ResponseMetadata {
        ResponseMetadata::new(self.request_id.clone()).with_raw_response(self.raw())
    }
    fn raw(&self) -> HttpResponse {
        HttpResponse { status: self.status, headers: self.headers.clone(), body: self.body.clone() }
    }
}

/// `aws.protocoltests.restjson#FooError:http://internal.amazon.com/...` → `FooError`.
pub fn sanitize_error_code(raw: &str) -> &str {
    let raw = raw.trim();
    let raw = raw.split(':').next().unwrap_or(raw);
    let raw = raw.rsplit('#').next().unwrap_or(raw);
    raw.trim()
}

/// Whether the default policy retries an error response with `status` and `code`: statuses
/// 429, 500, 502, 503, 504 and the [`THROTTLING_ERROR_CODES`]; nothing else.
pub fn is_retryable_error(status: Option<u16>, code: Option<&str>) -> bool {
    status.is_some_and(|s| RETRYABLE_STATUSES.contains(&s)) || code.is_some_and(|c| THROTTLING_ERROR_CODES.contains(&c))
}

/// Serialises an input as a JSON body.
pub fn serialize_json<T: serde::Serialize>(input: &T) -> Result<Vec<u8>, ConstructionError> {
    serde_json::to_vec(input).map_err(|e| {
        ConstructionError::new(ConstructionErrorKind::Serialization, "could not serialise the input").with_source(e)
    })
}

/// Deserialises a 2xx JSON body (an empty body means every member is absent; unknown members
/// are ignored). On failure the error names only the kind and position of the problem.
pub fn parse_json_output<T: DeserializeOwned, E>(response: &SuccessResponse) -> Result<T, SdkError<E>> {
    let body: &[u8] = if is_blank(&response.body) { b"{}" } else { &response.body };
    serde_json::from_slice(body).map_err(|e| {
        SdkError::Response(ResponseError::new(
            response.status,
            response.request_id.clone(),
            describe_json_error(&e, false),
            &response.body,
        ))
    })
}

/// An output all of whose members are bound outside the JSON body (its payload, headers,
/// status): read from the empty document, each member then set from the response.
pub fn empty_output<T: DeserializeOwned, E>(response: &SuccessResponse) -> Result<T, SdkError<E>> {
    serde_json::from_slice(b"{}").map_err(|e| {
        SdkError::Response(ResponseError::new(
            response.status,
            response.request_id.clone(),
            describe_json_error(&e, false),
            &[],
        ))
    })
}

/// RFC 3986 unreserved characters: what labels, query parts and SigV4's canonical forms leave
/// unencoded.
pub(crate) const UNRESERVED: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes an `@httpLabel` value (everything but RFC 3986 unreserved characters).
pub fn encode_label(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, UNRESERVED).to_string()
}

/// Percent-encodes a greedy `@httpLabel` value (`{Key+}`): like [`encode_label`] but `/` stays.
pub fn encode_greedy_label(value: &str) -> String {
    value.split('/').map(encode_label).collect::<Vec<_>>().join("/")
}

/// Percent-encodes a query-string key or value.
pub fn encode_query(value: &str) -> String {
    encode_label(value)
}

/// An `@httpLabel` value for the path: refused when empty (the URI would change meaning).
pub fn label(name: &'static str, value: &str, greedy: bool) -> Result<String, ConstructionError> {
    if value.is_empty() {
        return Err(ConstructionError::new(
            ConstructionErrorKind::Serialization,
            format!("the path label `{name}` is empty"),
        ));
    }
    Ok(if greedy { encode_greedy_label(value) } else { encode_label(value) })
}

/// Appends `key=value` to a query string (which starts empty or with the URI's own query).
pub fn push_query(query: &mut String, key: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(&encode_query(key));
    query.push('=');
    query.push_str(&encode_query(value));
}

/// Joins a path and a query string.
pub fn path_and_query(path: String, query: &str) -> String {
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

/// Adds an `@httpHeader` value; sensitive values are marked so nothing prints them.
pub fn header(
    headers: &mut HeaderMap,
    name: &'static str,
    value: &str,
    sensitive: bool,
) -> Result<(), ConstructionError> {
    insert_header(headers, HeaderName::from_static(name), value, sensitive)
}

/// Sets the header `name` to `value`, marked sensitive when it is.
pub(crate) fn insert_header(
    headers: &mut HeaderMap,
    name: HeaderName,
    value: &str,
    sensitive: bool,
) -> Result<(), ConstructionError> {
    let mut value = HeaderValue::from_str(value).map_err(|_| {
        ConstructionError::new(
            ConstructionErrorKind::Serialization,
            format!("the value for the header `{name}` contains characters a header cannot carry"),
        )
    })?;
    value.set_sensitive(sensitive);
    headers.insert(name, value);
    Ok(())
}

fn is_blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

fn request_id_of(headers: &HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .into_iter()
        .filter_map(|name| headers.get(name))
        .filter_map(|v| v.to_str().ok())
        .map(str::trim)
        .find(|v| !v.is_empty())
        .map(str::to_owned)
}

/// Describes a JSON error. `verbose` adds serde's message, which may quote values from the
/// body: only for bodies known not to hold secrets (error responses).
fn describe_json_error(e: &serde_json::Error, verbose: bool) -> String {
    if verbose {
        return format!("invalid JSON: {e}");
    }
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Io => "I/O error while reading JSON",
        Category::Syntax => "malformed JSON",
        Category::Data => "JSON value of the wrong type or shape",
        Category::Eof => "truncated JSON",
    };
    format!("{what} at line {} column {}", e.line(), e.column())
}

/// Upper bound for the sleep before the attempt after failed attempt `failed_attempt`
/// (1-based): `min(max_backoff, initial_backoff * 2^(failed_attempt-1))`; the sleep itself is
/// uniformly random below it (full jitter).
pub fn backoff_ceiling(retry: &RetryConfig, failed_attempt: u32) -> Duration {
    let exponent = failed_attempt.saturating_sub(1).min(31);
    retry.initial_backoff.saturating_mul(1u32 << exponent).min(retry.max_backoff)
}

fn backoff_delay(retry: &RetryConfig, failed_attempt: u32) -> Duration {
    let ceiling = backoff_ceiling(retry, failed_attempt);
    Duration::try_from_secs_f64(ceiling.as_secs_f64() * fastrand::f64()).unwrap_or(ceiling).min(ceiling)
}

struct Target {
    uri: Uri,
    host: HeaderValue,
}

fn invalid_endpoint(message: String) -> ConstructionError {
    ConstructionError::new(ConstructionErrorKind::InvalidEndpoint, message)
}

/// A region name is a host label: refuse anything else before it reaches a host name.
fn check_region(region: &str) -> Result<(), ConstructionError> {
    let valid = !region.is_empty()
        && region.len() <= 63
        && region.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if valid {
        Ok(())
    } else {
        Err(invalid_endpoint(format!(
            "region `{region}` is not a valid region name (expected something like `us-east-1`)"
        )))
    }
}

fn resolve_target(
    config: &Config,
    service: &ServiceInfo,
    region: &str,
    path_and_query: &str,
    host_prefix: Option<&str>,
) -> Result<Target, ConstructionError> {
    let resolved;
    let endpoint_url = match service.resolve_endpoint {
        Some(resolve) => {
            check_region(region)?;
            resolved = resolve(Some(region), config.use_fips(), config.use_dual_stack(), config.endpoint_url())
                .map_err(invalid_endpoint)?;
            Some(resolved.as_str())
        }
        None => {
            if config.use_fips() || config.use_dual_stack() {
                return Err(invalid_endpoint(
                    "this service has no endpoint rules, so FIPS and dual-stack endpoints cannot be chosen".to_owned(),
                ));
            }
            config.endpoint_url()
        }
    };
    let (scheme, authority, base_path) = match endpoint_url {
        Some(url) => {
            let parsed: Uri = url
                .trim()
                .parse()
                .map_err(|e| invalid_endpoint(format!("endpoint URL `{url}` is not a valid URI")).with_source(e))?;
            let scheme = match parsed.scheme_str() {
                Some(s) if s.eq_ignore_ascii_case("https") => "https",
                Some(s) if s.eq_ignore_ascii_case("http") => "http",
                _ => return Err(invalid_endpoint(format!("endpoint URL `{url}` must start with https:// or http://"))),
            };
            let authority = match parsed.authority() {
                Some(a) if !a.as_str().contains('@') && !a.host().is_empty() => a.as_str().to_owned(),
                _ => return Err(invalid_endpoint(format!("endpoint URL `{url}` has no usable host"))),
            };
            if parsed.query().is_some() {
                return Err(invalid_endpoint(format!("endpoint URL `{url}` must not have a query")));
            }
            let base_path = parsed.path().trim_end_matches('/').to_owned();
            (scheme, authority, base_path)
        }
        None => {
            check_region(region)?;
            let suffix = if region.starts_with("cn-") { "amazonaws.com.cn" } else { "amazonaws.com" };
            ("https", format!("{}.{region}.{suffix}", service.endpoint_prefix), String::new())
        }
    };
    // An IP address has no subdomains to prefix.
    let authority = match host_prefix {
        Some(prefix) if !is_ip_authority(&authority) => format!("{prefix}{authority}"),
        _ => authority,
    };
    // The Host header: the authority without the scheme's default port.
    let host = match (scheme, authority.rsplit_once(':')) {
        ("https", Some((h, "443"))) | ("http", Some((h, "80"))) => h.to_owned(),
        _ => authority.clone(),
    };
    let uri_string = format!("{scheme}://{authority}{base_path}{path_and_query}");
    let uri: Uri = uri_string
        .parse()
        .map_err(|e| invalid_endpoint(format!("could not build a request URI from `{uri_string}`")).with_source(e))?;
    let host = HeaderValue::from_str(&host)
        .map_err(|e| invalid_endpoint(format!("`{host}` is not a valid Host header")).with_source(e))?;
    Ok(Target { uri, host })
}

/// `127.0.0.1:8080`, `[::1]:443`: an authority whose host is an IP address.
fn is_ip_authority(authority: &str) -> bool {
    if authority.starts_with('[') {
        return true;
    }
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
    host.parse::<std::net::Ipv4Addr>().is_ok()
}

fn signing_error(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> ConstructionError {
    ConstructionError::new(ConstructionErrorKind::Signing, "could not sign the request").with_source(e)
}

/// Adds `Authorization`, `X-Amz-Date` and (with a session token) `X-Amz-Security-Token`.
#[allow(clippy::too_many_arguments)]
fn sign(
    headers: &mut HeaderMap,
    method: &Method,
    uri: &Uri,
    payload_sha256: &str,
    credentials: &super::config::Credentials,
    region: &str,
    signing_name: &str,
    time: SystemTime,
) -> Result<(), ConstructionError> {
    let aws = credentials.as_aws();
    let credentials = super::sigv4::SigningCredentials {
        access_key_id: aws.access_key_id(),
        secret_access_key: aws.secret_access_key(),
        session_token: aws.session_token(),
    };
    let scope = super::sigv4::SigningScope { region, service: signing_name, time };
    super::sigv4::sign(headers, method.as_str(), uri.path(), uri.query(), payload_sha256, &credentials, &scope)
        .map_err(signing_error)
}

/// What one attempt brought back.
struct Received {
    status: u16,
    headers: HeaderMap,
    /// The body, read whole: every error response, and outputs that do not stream.
    body: Bytes,
    /// The body still to be read: a 2xx response of an operation whose output streams.
    stream: Option<ByteStream>,
}

enum Outcome {
    Response(Received),
    TimedOut(Duration),
    Transport(TransportError),
}

/// The request of one attempt: buffered both ways, or through the streaming path.
enum Outgoing {
    Buffered(HttpRequest),
    Streaming(HttpRequest<ByteStream>),
}

/// Who a call is sent as.
enum CallIdentity {
    /// SigV4 credentials and the signing name.
    SigV4(super::config::Credentials, &'static str),
    /// The `Authorization` value, marked sensitive.
    Bearer(HeaderValue),
    None,
}

/// The identity `scheme` needs, from the config.
async fn resolve_identity(
    config: &Config,
    scheme: AuthScheme,
    clock: &dyn super::config::TimeSource,
) -> Result<CallIdentity, ConstructionError> {
    match scheme {
        AuthScheme::SigV4 { signing_name } => {
            let source = config.credentials_source().ok_or_else(|| {
                ConstructionError::new(ConstructionErrorKind::MissingCredentials, "no credentials are configured")
            })?;
            let credentials = source.resolve(clock).await.map_err(|e| {
                ConstructionError::new(ConstructionErrorKind::CredentialsProvider, "could not get credentials")
                    .with_source(e)
            })?;
            Ok(CallIdentity::SigV4(credentials, signing_name))
        }
        AuthScheme::Bearer => {
            let source = config.token_source().ok_or_else(|| {
                ConstructionError::new(ConstructionErrorKind::MissingAuth, "no bearer token is configured")
            })?;
            let token = source.resolve().await.map_err(|e| {
                ConstructionError::new(ConstructionErrorKind::CredentialsProvider, "could not get a bearer token")
                    .with_source(e)
            })?;
            let mut value = HeaderValue::try_from(format!("Bearer {}", token.as_str())).map_err(|_| {
                ConstructionError::new(ConstructionErrorKind::Signing, "the bearer token is not a valid header value")
            })?;
            value.set_sensitive(true);
            Ok(CallIdentity::Bearer(value))
        }
        AuthScheme::None => Ok(CallIdentity::None),
    }
}

/// The body of a call: in memory (sent on every attempt, its SHA-256 signed), or a stream (sent
/// once, signed as `UNSIGNED-PAYLOAD`).
enum CallBody {
    Memory(Bytes),
    Stream(Option<ByteStream>),
}

/// The payload hash SigV4 signs for a body that is not hashed in advance.
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

async fn exchange(
    transport: &dyn HttpTransport,
    request: Outgoing,
    stream_output: bool,
) -> Result<Received, TransportError> {
    let response = match request {
        Outgoing::Buffered(request) => {
            let r = transport.send(request).await?;
            return Ok(Received { status: r.status, headers: r.headers, body: r.body, stream: None });
        }
        Outgoing::Streaming(request) => transport.send_streaming(request).await?,
    };
    let HttpResponse { status, headers, body } = response;
    if stream_output && (200..300).contains(&status) {
        return Ok(Received { status, headers, body: Bytes::new(), stream: Some(body) });
    }
    // Error responses are read whole (they are small, and parsed into the error).
    let body = body.collect().await.map_err(TransportError::io)?;
    Ok(Received { status, headers, body, stream: None })
}

async fn send_attempt(
    transport: &dyn HttpTransport,
    request: Outgoing,
    stream_output: bool,
    limit: Option<Duration>,
) -> Outcome {
    let sent = exchange(transport, request, stream_output);
    let result = match limit {
        Some(limit) => match tokio::time::timeout(limit, sent).await {
            Ok(result) => result,
            Err(_elapsed) => return Outcome::TimedOut(limit),
        },
        None => sent.await,
    };
    match result {
        Ok(response) => Outcome::Response(response),
        Err(e) => Outcome::Transport(e),
    }
}

/// Runs one operation call: see the module docs. `parse_error` turns a final error response
/// into the operation's error type (typically with [`ErrorResponse::deserialize`] and
/// [`ErrorResponse::to_unhandled`]).
pub async fn invoke<E>(
    config: &Config,
    operation: &Operation,
    parts: RequestParts,
    parse_error: fn(&ErrorResponse) -> Result<E, ResponseError>,
) -> Result<SuccessResponse, SdkError<E>> {
    match call(config, operation, parts, false).await {
        Ok((response, _)) => Ok(response),
        Err(ended) => Err(ended.finish(parse_error)),
    }
}

/// As [`invoke`], for an operation whose output streams: the body of a 2xx response is not
/// read but handed back as a [`ByteStream`] (the [`SuccessResponse`]'s own body is empty). The
/// read timeout then covers each attempt until the response's head arrives.
pub async fn invoke_streaming<E>(
    config: &Config,
    operation: &Operation,
    parts: RequestParts,
    parse_error: fn(&ErrorResponse) -> Result<E, ResponseError>,
) -> Result<(SuccessResponse, ByteStream), SdkError<E>> {
    call(config, operation, parts, true).await.map_err(|ended| ended.finish(parse_error))
}

/// How a call that did not succeed ended, before an error response is read as the operation's
/// error: the call itself is not generic over that error, so every operation shares one copy
/// of it, and only reading the error is the operation's own.
enum Ended {
    /// Nothing was sent, or no response was understood.
    Failed(SdkError<Infallible>),
    /// The service answered the last attempt with an error.
    ErrorResponse(ErrorResponse),
}

impl From<ConstructionError> for Ended {
    fn from(e: ConstructionError) -> Self {
        Ended::Failed(SdkError::Construction(e))
    }
}

impl From<SdkError<Infallible>> for Ended {
    fn from(e: SdkError<Infallible>) -> Self {
        Ended::Failed(e)
    }
}

impl Ended {
    fn finish<E>(self, parse_error: fn(&ErrorResponse) -> Result<E, ResponseError>) -> SdkError<E> {
        match self {
            Ended::ErrorResponse(error) => finish_error(error, parse_error),
            Ended::Failed(SdkError::Validation(e)) => SdkError::Validation(e),
            Ended::Failed(SdkError::Construction(e)) => SdkError::Construction(e),
            Ended::Failed(SdkError::Timeout(e)) => SdkError::Timeout(e),
            Ended::Failed(SdkError::Dispatch(e)) => SdkError::Dispatch(e),
            Ended::Failed(SdkError::Response(e)) => SdkError::Response(e),
            Ended::Failed(SdkError::Service(e)) => match e.err {},
        }
    }
}

async fn call(
    config: &Config,
    operation: &Operation,
    parts: RequestParts,
    stream_output: bool,
) -> Result<(SuccessResponse, ByteStream), Ended> {
    let invocation_id = uuid::Uuid::new_v4();
    let span = tracing::debug_span!(
        "call",
        service = operation.service.name,
        operation = operation.name,
        invocation_id = %invocation_id,
    );
    invoke_in_span(config, operation, parts, invocation_id, stream_output).instrument(span).await
}

async fn invoke_in_span(
    config: &Config,
    operation: &Operation,
    parts: RequestParts,
    invocation_id: uuid::Uuid,
    stream_output: bool,
) -> Result<(SuccessResponse, ByteStream), Ended> {
    let region = config.region().ok_or_else(|| {
        ConstructionError::new(
            ConstructionErrorKind::MissingRegion,
            "no region is configured: set it with ConfigBuilder::region or the AWS_REGION environment variable",
        )
    })?;
    let target =
        resolve_target(config, operation.service, region, &parts.path_and_query, parts.host_prefix.as_deref())?;
    let scheme = super::auth::choose(operation.auth, config.has_credentials(), config.has_token()).map_err(|why| {
        let kind = match why {
            w if w.starts_with("no credentials") => ConstructionErrorKind::MissingCredentials,
            _ => ConstructionErrorKind::MissingAuth,
        };
        ConstructionError::new(kind, why)
    })?;
    let retry = config.retry();
    let max_attempts = retry.max_attempts.max(1);
    if (config.read_timeout().is_some() || max_attempts > 1) && tokio::runtime::Handle::try_current().is_err() {
        return Err(ConstructionError::new(
            ConstructionErrorKind::NoAsyncRuntime,
            "timeouts and retries need a Tokio runtime: call from within one",
        )
        .into());
    }
    let clock = config.time_source();
    let identity = resolve_identity(config, scheme, clock).await?;
    let RequestParts { headers: mut base_headers, body, content_type, .. } = parts;
    base_headers.insert(HOST, target.host.clone());
    // A member bound to `Content-Type` says it; otherwise the body's kind does.
    if let (Some(content_type), false) = (content_type, base_headers.contains_key(CONTENT_TYPE)) {
        base_headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    let mut body = match body.into_bytes() {
        Ok(bytes) => CallBody::Memory(bytes),
        Err(stream) => CallBody::Stream(Some(stream)),
    };
    let length = match &body {
        CallBody::Memory(bytes) => (!bytes.is_empty()).then_some(bytes.len() as u64),
        // Unknown: sent chunked.
        CallBody::Stream(stream) => stream.as_ref().and_then(ByteStream::content_length),
    };
    if let Some(length) = length {
        base_headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    }
    base_headers.insert(USER_AGENT, HeaderValue::from_static(operation.service.user_agent));
    // Hashed once per call (ring is already linked for TLS); every attempt signs the same bytes.
    // A stream can be read only once, so it is not hashed, and not sent again.
    let (payload_sha256, replayable) = match &body {
        CallBody::Memory(bytes) => {
            (super::sigv4::lower_hex(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref()), true)
        }
        CallBody::Stream(_) => (UNSIGNED_PAYLOAD.to_owned(), false),
    };
    let transport = config.transport().as_ref();
    let invocation_id = HeaderValue::try_from(invocation_id.to_string()).map_err(|e| {
        ConstructionError::new(ConstructionErrorKind::Serialization, "could not build the invocation id header")
            .with_source(e)
    })?;

    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        let span = tracing::debug_span!("attempt", attempt, status = tracing::field::Empty);
        let mut headers = base_headers.clone();
        match &identity {
            CallIdentity::SigV4(identity, signing_name) => sign(
                &mut headers,
                &operation.method,
                &target.uri,
                &payload_sha256,
                identity,
                region,
                signing_name,
                clock.now(),
            )?,
            CallIdentity::Bearer(value) => {
                headers.insert(AUTHORIZATION, value.clone());
            }
            CallIdentity::None => {}
        }
        // After signing: not part of the signature (see the module docs).
        headers.insert(HeaderName::from_static(INVOCATION_ID_HEADER), invocation_id.clone());
        let request_info = HeaderValue::try_from(request_info(attempt, max_attempts)).map_err(|e| {
            ConstructionError::new(ConstructionErrorKind::Serialization, "could not build the attempt header")
                .with_source(e)
        })?;
        headers.insert(HeaderName::from_static(REQUEST_INFO_HEADER), request_info);
        let (method, uri) = (operation.method.clone(), target.uri.clone());
        let request = match &mut body {
            CallBody::Memory(bytes) if !stream_output => {
                Outgoing::Buffered(HttpRequest { method, uri, headers, body: bytes.clone() })
            }
            CallBody::Memory(bytes) => {
                Outgoing::Streaming(HttpRequest { method, uri, headers, body: ByteStream::from(bytes.clone()) })
            }
            CallBody::Stream(stream) => {
                Outgoing::Streaming(HttpRequest { method, uri, headers, body: stream.take().unwrap_or_default() })
            }
        };
        let outcome =
            send_attempt(transport, request, stream_output, config.read_timeout()).instrument(span.clone()).await;
        let can_retry = attempt < max_attempts && replayable;
        match outcome {
            Outcome::Response(response) => {
                span.record("status", response.status);
                let Received { status, headers, body, stream } = response;
                if (200..300).contains(&status) {
                    let success = SuccessResponse { status, request_id: request_id_of(&headers), headers, body };
                    return Ok((success, stream.unwrap_or_default()));
                }
                let error = ErrorResponse::from_http(HttpResponse { status, headers, body });
                let retryable = operation
                    .retry_hook
                    .and_then(|hook| hook(&error))
                    .unwrap_or_else(|| is_retryable_error(Some(error.status), error.code()));
                if retryable && can_retry {
                    let delay = backoff_delay(retry, attempt);
                    tracing::debug!(parent: &span, status = error.status, code = error.code().unwrap_or(""), delay_ms = delay.as_millis() as u64, "retrying error response");
                    tokio::time::sleep(delay).await;
                    continue;
                }
                tracing::debug!(parent: &span, status = error.status, code = error.code().unwrap_or(""), "error response");
                return Err(Ended::ErrorResponse(error));
            }
            Outcome::TimedOut(limit) => {
                if can_retry {
                    let delay = backoff_delay(retry, attempt);
                    tracing::debug!(parent: &span, delay_ms = delay.as_millis() as u64, "retrying after attempt timeout");
                    tokio::time::sleep(delay).await;
                    continue;
                }
                return Err(SdkError::Timeout(TimeoutError {
                    kind: TimeoutKind::Attempt,
                    limit: Some(limit),
                    attempts: attempt,
                })
                .into());
            }
            Outcome::Transport(e) => {
                if e.is_transient() && can_retry {
                    let delay = backoff_delay(retry, attempt);
                    tracing::debug!(parent: &span, kind = ?e.kind(), delay_ms = delay.as_millis() as u64, "retrying transport failure");
                    tokio::time::sleep(delay).await;
                    continue;
                }
                tracing::debug!(parent: &span, kind = ?e.kind(), "transport failure");
                if e.kind() == TransportErrorKind::Timeout {
                    return Err(SdkError::Timeout(TimeoutError {
                        kind: TimeoutKind::Transport,
                        limit: None,
                        attempts: attempt,
                    })
                    .into());
                }
                return Err(SdkError::Dispatch(DispatchError { source: e, attempts: attempt }).into());
            }
        }
    }
}

fn finish_error<E>(error: ErrorResponse, parse_error: fn(&ErrorResponse) -> Result<E, ResponseError>) -> SdkError<E> {
    if let Some(reason) = &error.unparseable {
        return SdkError::Response(ResponseError::new(
            error.status,
            error.request_id.clone(),
            reason.clone(),
            &error.body,
        ));
    }
    match parse_error(&error) {
        Ok(err) => {
            let meta = error.metadata();
            SdkError::Service(ServiceError { err, status: error.status, request_id: error.request_id, meta })
        }
        Err(e) => SdkError::Response(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_are_sanitised() {
        assert_eq!(sanitize_error_code("FooError"), "FooError");
        assert_eq!(sanitize_error_code("aws.protocoltests.restjson#FooError"), "FooError");
        assert_eq!(
            sanitize_error_code("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            "FooError"
        );
        assert_eq!(
            sanitize_error_code(
                "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"
            ),
            "FooError"
        );
        assert_eq!(sanitize_error_code(" "), "");
    }

    #[test]
    fn retry_classification() {
        for s in [429, 500, 502, 503, 504] {
            assert!(is_retryable_error(Some(s), None), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 413, 501, 505] {
            assert!(!is_retryable_error(Some(s), Some("ValidationException")), "{s}");
        }
        for c in THROTTLING_ERROR_CODES {
            assert!(is_retryable_error(Some(400), Some(c)), "{c}");
        }
    }

    #[test]
    fn backoff_grows_exponentially_up_to_the_cap_with_jitter_below() {
        let r = RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(1000));
        assert_eq!(backoff_ceiling(&r, 1), Duration::from_millis(100));
        assert_eq!(backoff_ceiling(&r, 2), Duration::from_millis(200));
        assert_eq!(backoff_ceiling(&r, 4), Duration::from_millis(800));
        assert_eq!(backoff_ceiling(&r, 5), Duration::from_millis(1000));
        assert_eq!(backoff_ceiling(&r, u32::MAX), Duration::from_millis(1000));
        for n in 1..50 {
            assert!(backoff_delay(&r, n) <= backoff_ceiling(&r, n));
        }
        let huge = RetryConfig::standard().with_initial_backoff(Duration::MAX).with_max_backoff(Duration::MAX);
        assert!(backoff_delay(&huge, 40) <= Duration::MAX);
    }

    #[test]
    fn payload_hash_is_lower_hex_sha256() {
        let empty = super::super::sigv4::lower_hex(ring::digest::digest(&ring::digest::SHA256, b"").as_ref());
        assert_eq!(empty, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn labels_are_percent_encoded() {
        assert_eq!(encode_label("a b/c~d"), "a%20b%2Fc~d");
        assert_eq!(encode_greedy_label("a b/c"), "a%20b/c");
        assert_eq!(encode_query("x=1&y"), "x%3D1%26y");
    }

    #[test]
    fn error_parts_from_header_then_type_then_code() {
        let r = ErrorResponse::from_http(
            HttpResponse::new(400, r#"{"__type":"ns#BodyError","code":"Other","message":"m"}"#)
                .with_header("X-Amzn-Errortype", "HeaderError:http://x/")
                .with_header("x-amzn-RequestId", "rid"),
        );
        assert_eq!((r.code(), r.message(), r.request_id()), (Some("HeaderError"), Some("m"), Some("rid")));
        let r = ErrorResponse::from_http(HttpResponse::new(400, r#"{"code":"CodeOnly","Message":"M"}"#));
        assert_eq!((r.code(), r.message()), (Some("CodeOnly"), Some("M")));
        let r = ErrorResponse::from_http(HttpResponse::new(400, "  "));
        assert_eq!((r.code(), r.message(), r.unparseable.is_none()), (None, None, true));
        let r = ErrorResponse::from_http(HttpResponse::new(400, "[1]"));
        assert!(r.unparseable.is_some());
        let r = ErrorResponse::from_http(
            HttpResponse::new(400, r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}"#)
                .with_header("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"),
        );
        assert_eq!(r.code(), Some("QueueDoesNotExist"));
        assert_eq!(r.query_error_code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
        assert_eq!(r.to_unhandled().code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    }
}
