//! The error every operation returns, [`SdkError`], and the pieces it is made of.
//!
//! Nothing here prints credentials, request headers or request bodies. Response bodies are
//! quoted (truncated) only for error responses; the body of a successful (2xx) response is
//! never echoed, since it may carry secrets such as participant tokens.
//!
//! # Display and `source()`
//!
//! Every error follows one rule, so that error-chain printers (anyhow's `{:#}`, eyre,
//! [`DisplayErrorChain`]) show each message exactly once:
//!
//! - An error's `Display` describes only itself; what caused it is reachable through
//!   [`source()`](std::error::Error::source) and is not repeated in the text. For example a
//!   [`DispatchError`] displays as `failed to send the request after 3 attempt(s)` and its
//!   source, the [`TransportError`], as `connection failed`, whose source is the I/O error.
//! - A wrapper that *is* the error it holds ([`SdkError`], whose variants are the errors of a
//!   call, and [`ServiceError`], which is the operation's error plus the response's status and
//!   request id) displays the wrapped error (with a short context such as `invalid input,
//!   nothing was sent: ` or `service error (HTTP 404, request id …): `), and its `source()` is
//!   the wrapped error's `source()`, never the wrapped error itself.
//!
//! So `{}` of an error is one line of the chain; to print all of it, use
//! [`DisplayErrorChain`] (or anyhow/eyre):
//!
//! ```
//! use amazon_runtime::config::CredentialsError;
//! use amazon_runtime::sdk_error::DisplayErrorChain;
//!
//! let io = std::io::Error::other("connection refused");
//! let err = CredentialsError::with_source("the instance metadata service is unreachable", io);
//! assert_eq!(err.to_string(), "the instance metadata service is unreachable");
//! assert_eq!(
//!     DisplayErrorChain(&err).to_string(),
//!     "the instance metadata service is unreachable: connection refused"
//! );
//! ```

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use ::bytes::Bytes;

use super::http::{HttpResponse, TransportError, TransportErrorKind};
use super::validate::ValidationError;

/// How many bytes of an error response body [`ResponseError`] and [`Unhandled`]'s `Debug` quote.
pub const BODY_SNIPPET_LEN: usize = 256;

/// Displays an error and every error in its [`source()`](std::error::Error::source) chain,
/// joined by `: ` (`failed to send the request after 3 attempt(s): connection failed: …`).
///
/// Wrap a reference or a value: `eprintln!("{}", DisplayErrorChain(&err))`. Like the errors
/// themselves, it never prints credentials or request bodies.
#[derive(Clone, Copy, Debug)]
pub struct DisplayErrorChain<E>(pub E);

impl<E: StdError> fmt::Display for DisplayErrorChain<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut next = self.0.source();
        while let Some(cause) = next {
            write!(f, ": {cause}")?;
            next = cause.source();
        }
        Ok(())
    }
}

/// The error returned by every operation; `E` is the operation's own error type
/// (`<Operation>Error`).
#[non_exhaustive]
#[derive(Debug)]
pub enum SdkError<E> {
    /// The input broke a constraint of the model; nothing was sent.
    Validation(ValidationError),
    /// The request could not be built (no region, no credentials, bad endpoint URL...);
    /// nothing was sent.
    Construction(ConstructionError),
    /// The last attempt ran out of time.
    Timeout(TimeoutError),
    /// The last attempt failed in the transport: connection refused or reset, DNS failure,
    /// connection dropped mid-response.
    Dispatch(DispatchError),
    /// A response arrived but could not be understood (malformed JSON, wrong JSON types, an
    /// HTML error page...).
    Response(ResponseError),
    /// The service answered with an error.
    Service(ServiceError<E>),
}

impl<E> SdkError<E> {
    /// The operation's error, when the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            Self::Service(e) => Some(e.err()),
            _ => None,
        }
    }
    /// The operation's error, when the service answered with one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            Self::Service(e) => Some(e.into_err()),
            _ => None,
        }
    }
    /// The `x-amzn-RequestId` of the response, when one arrived.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Service(e) => e.request_id(),
            Self::Response(e) => e.request_id(),
            _ => None,
        }
    }
    /// The HTTP status of the response, when one arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Service(e) => Some(e.status()),
            Self::Response(e) => Some(e.status()),
            _ => None,
        }
    }
    /// Converts the service error with `f`, keeping everything else.
    pub fn map_service_error<F>(self, f: impl FnOnce(E) -> F) -> SdkError<F> {
        match self {
            Self::Validation(e) => SdkError::Validation(e),
            Self::Construction(e) => SdkError::Construction(e),
            Self::Timeout(e) => SdkError::Timeout(e),
            Self::Dispatch(e) => SdkError::Dispatch(e),
            Self::Response(e) => SdkError::Response(e),
            Self::Service(e) => SdkError::Service(ServiceError {
                err: f(e.err),
                status: e.status,
                request_id: e.request_id,
                meta: e.meta,
            }),
        }
    }
}

impl<E: ProvideErrorMetadata> SdkError<E> {
    /// The service's error code (such as `ResourceNotFoundException`), if it sent one.
    pub fn code(&self) -> Option<&str> {
        self.as_service_error().and_then(|e| e.code())
    }
    /// The service's error message, if it sent one.
    pub fn message(&self) -> Option<&str> {
        self.as_service_error().and_then(|e| e.message())
    }
    /// Whether the client's retry policy treats this failure as transient (it has already
    /// retried it as often as configured).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Timeout(_) => true,
            Self::Dispatch(e) => e.source.is_transient(),
            Self::Service(e) => super::runtime::is_retryable_error(Some(e.status()), e.err().code()),
            Self::Response(e) => super::runtime::is_retryable_error(Some(e.status()), None),
            Self::Validation(_) | Self::Construction(_) => false,
        }
    }
}

/// Shows the variant's error (see [the module docs](self#display-and-source)): its `source()` is
/// that error's source.
impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Validation(e) => write!(f, "invalid input, nothing was sent: {e}"),
            Self::Construction(e) => write!(f, "failed to build the request, nothing was sent: {e}"),
            Self::Timeout(e) => e.fmt(f),
            Self::Dispatch(e) => e.fmt(f),
            Self::Response(e) => e.fmt(f),
            Self::Service(e) => e.fmt(f),
        }
    }
}

impl<E: StdError + 'static> StdError for SdkError<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        // The variant's error is displayed by `SdkError` itself: the chain goes on with its source.
        match self {
            Self::Validation(e) => e.source(),
            Self::Construction(e) => e.source(),
            Self::Timeout(e) => e.source(),
            Self::Dispatch(e) => e.source(),
            Self::Response(e) => e.source(),
            Self::Service(e) => e.source(),
        }
    }
}

impl<E> From<ValidationError> for SdkError<E> {
    fn from(e: ValidationError) -> Self {
        Self::Validation(e)
    }
}
impl<E> From<ConstructionError> for SdkError<E> {
    fn from(e: ConstructionError) -> Self {
        Self::Construction(e)
    }
}
impl<E> From<ResponseError> for SdkError<E> {
    fn from(e: ResponseError) -> Self {
        Self::Response(e)
    }
}

/// Error code and message of a service error; implemented by every operation error type.
pub trait ProvideErrorMetadata {
    /// The error code, such as `ResourceNotFoundException`.
    fn code(&self) -> Option<&str>;
    /// The message the service sent.
    fn message(&self) -> Option<&str>;
}

// ---------------------------------------------------------------------------------------------

/// What went wrong while building a request.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConstructionErrorKind {
    /// No region is configured.
    MissingRegion,
    /// No credentials are configured.
    MissingCredentials,
    /// The operation takes a bearer token and none is configured, or it accepts no auth scheme
    /// the client supports.
    MissingAuth,
    /// The credentials provider failed.
    CredentialsProvider,
    /// The endpoint URL (or a region that cannot be part of a host name) is not usable.
    InvalidEndpoint,
    /// The input could not be serialised.
    Serialization,
    /// The request could not be signed.
    Signing,
    /// Timeouts or retries are configured but the call is not running on a Tokio runtime.
    NoAsyncRuntime,
}

/// The request could not be built; nothing was sent.
///
/// `Display` is the message alone; the underlying cause, if any, is its `source()`.
#[derive(Debug)]
pub struct ConstructionError {
    kind: ConstructionErrorKind,
    message: String,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl ConstructionError {
    /// An error of `kind` explained by `message`.
    pub fn new(kind: ConstructionErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), source: None }
    }
    /// Adds the underlying cause.
    pub fn with_source(mut self, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        self.source = Some(source.into());
        self
    }
    /// What went wrong.
    pub fn kind(&self) -> ConstructionErrorKind {
        self.kind
    }
}

impl fmt::Display for ConstructionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The cause is `source()`, not repeated here.
        f.write_str(&self.message)
    }
}

impl StdError for ConstructionError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn StdError + 'static))
    }
}

// ---------------------------------------------------------------------------------------------

/// Which limit ran out.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeoutKind {
    /// The transport gave up (for the default transport: its connect timeout).
    Transport,
    /// The per-attempt `read_timeout` (request sent to end of response body).
    Attempt,
}

/// The last attempt ran out of time.
#[derive(Clone, Debug)]
pub struct TimeoutError {
    pub(crate) kind: TimeoutKind,
    pub(crate) limit: Option<Duration>,
    pub(crate) attempts: u32,
}

impl TimeoutError {
    /// Which limit ran out.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }
    /// The limit, when known.
    pub fn limit(&self) -> Option<Duration> {
        self.limit
    }
    /// How many attempts were made in all.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TimeoutKind::Transport => f.write_str("timed out in the transport (connecting)")?,
            TimeoutKind::Attempt => f.write_str("timed out waiting for the response")?,
        }
        if let Some(limit) = self.limit {
            write!(f, " (limit {limit:?})")?;
        }
        write!(f, " after {} attempt(s)", self.attempts)
    }
}

impl StdError for TimeoutError {}

// ---------------------------------------------------------------------------------------------

/// The last attempt failed in the transport.
///
/// `Display` says how many attempts were made; the [`TransportError`] is its `source()`.
#[derive(Debug)]
pub struct DispatchError {
    pub(crate) source: TransportError,
    pub(crate) attempts: u32,
}

impl DispatchError {
    /// What kind of transport failure it was.
    pub fn kind(&self) -> TransportErrorKind {
        self.source.kind()
    }
    /// The transport's error.
    pub fn transport_error(&self) -> &TransportError {
        &self.source
    }
    /// How many attempts were made in all.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The transport error is `source()`, not repeated here.
        write!(f, "failed to send the request after {} attempt(s)", self.attempts)
    }
}

impl StdError for DispatchError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

// ---------------------------------------------------------------------------------------------

/// A response that could not be understood.
///
/// For error statuses it quotes up to [`BODY_SNIPPET_LEN`] bytes of the body; for 2xx
/// responses it quotes nothing, and its reason names only the kind and position of the
/// problem (a 2xx body may hold secrets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseError {
    status: u16,
    request_id: Option<String>,
    reason: String,
    snippet: Option<String>,
}

impl ResponseError {
    pub(crate) fn new(status: u16, request_id: Option<String>, reason: String, body: &[u8]) -> Self {
        let snippet =
            if (200..300).contains(&status) || body.is_empty() { None } else { Some(snippet(body, BODY_SNIPPET_LEN)) };
        Self { status, request_id, reason, snippet }
    }
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The `x-amzn-RequestId` of the response.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// Why the response could not be understood.
    pub fn reason(&self) -> &str {
        &self.reason
    }
    /// The start of the body (error statuses only).
    pub fn body_snippet(&self) -> Option<&str> {
        self.snippet.as_deref()
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not understand the response (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        write!(f, "): {}", self.reason)?;
        if let Some(s) = &self.snippet {
            write!(f, "; body starts {s:?}")?;
        }
        Ok(())
    }
}

impl StdError for ResponseError {}

/// Up to `max` bytes of `body` as text (lossy), cut at a character boundary, `…` if cut.
pub(crate) fn snippet(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(body);
    if text.len() <= max {
        return text.into_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

// ---------------------------------------------------------------------------------------------

/// The service answered with an error: the operation's typed error `E` plus the response's
/// status and request id.
///
/// It *is* the error `E`: `Display` shows the status, the request id and `E`, and `source()`
/// is `E`'s source (not `E` itself, which is already displayed).
#[derive(Debug)]
pub struct ServiceError<E> {
    pub(crate) err: E,
    pub(crate) status: u16,
    pub(crate) request_id: Option<String>,
    pub(crate) meta: ResponseMetadata,
}

impl<E> ServiceError<E> {
    /// The typed error.
    pub fn err(&self) -> &E {
        &self.err
    }
    /// The typed error, by value.
    pub fn into_err(self) -> E {
        self.err
    }
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The `x-amzn-RequestId` of the response.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// The whole error response: status, headers and body.
    pub fn raw_response(&self) -> Option<&HttpResponse> {
        self.meta.raw_response()
    }
}

impl<E: fmt::Display> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "service error (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        write!(f, "): {}", self.err)
    }
}

impl<E: StdError + 'static> StdError for ServiceError<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        // `err` is displayed by `ServiceError` itself: the chain goes on with its source.
        self.err.source()
    }
}

// ---------------------------------------------------------------------------------------------

/// An error response whose code this version of the client does not model.
#[derive(Clone, PartialEq, Eq)]
pub struct Unhandled {
    code: Option<String>,
    message: Option<String>,
    status: u16,
    request_id: Option<String>,
    body: Bytes,
    meta: ResponseMetadata,
}

impl Unhandled {
    /// An unmodelled error (also handy to build expected values in tests).
    pub fn new(
        code: Option<String>,
        message: Option<String>,
        status: u16,
        request_id: Option<String>,
        body: impl Into<Bytes>,
    ) -> Self {
        Self { code, message, status, request_id, body: body.into(), meta: ResponseMetadata::default() }
    }
    /// The same, keeping the whole response it came from.
    pub fn with_raw_response(mut self, response: HttpResponse) -> Self {
        self.meta = ResponseMetadata::new(self.request_id.clone()).with_raw_response(response);
        self
    }
    /// The whole error response (status, headers and body), when it was kept: always for an
    /// error the client received.
    pub fn raw_response(&self) -> Option<&HttpResponse> {
        self.meta.raw_response()
    }
    /// The error code, if the response named one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    /// The message, if the body had one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The `x-amzn-RequestId` of the response.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// The whole response body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Debug for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unhandled")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("body", &snippet(&self.body, BODY_SNIPPET_LEN))
            .finish()
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Same shape as the modelled errors' Display (`Code: message`); the status is shown
        // by the enclosing `ServiceError`.
        f.write_str(self.code.as_deref().unwrap_or("unknown error"))?;
        if let Some(m) = &self.message {
            write!(f, ": {m}")?;
        }
        Ok(())
    }
}

impl StdError for Unhandled {}

/// What an operation's error enum asks of each of its variants (a modelled error, or
/// [`Unhandled`]): the enum's accessors are one match to the variant and a call of these.
#[doc(hidden)]
pub trait ErrorVariant: StdError {
    /// The message the service sent, if any.
    fn message(&self) -> Option<&str>;
    /// The `x-amzn-RequestId` of the error response.
    fn request_id(&self) -> Option<&str>;
    /// The whole error response.
    fn raw_response(&self) -> Option<&HttpResponse>;
    /// Whether the default retry policy treats the error as transient.
    fn is_retryable(&self) -> bool;
    /// Whether the model blames the server; for `Unhandled`, a 5xx status.
    fn is_server_fault(&self) -> bool;
}

impl ErrorVariant for Unhandled {
    fn message(&self) -> Option<&str> {
        Unhandled::message(self)
    }
    fn request_id(&self) -> Option<&str> {
        Unhandled::request_id(self)
    }
    fn raw_response(&self) -> Option<&HttpResponse> {
        Unhandled::raw_response(self)
    }
    fn is_retryable(&self) -> bool {
        super::runtime::is_retryable_error(Some(self.status), self.code())
    }
    fn is_server_fault(&self) -> bool {
        self.status >= 500
    }
}

impl ProvideErrorMetadata for Unhandled {
    fn code(&self) -> Option<&str> {
        self.code()
    }
    fn message(&self) -> Option<&str> {
        self.message()
    }
}

// ---------------------------------------------------------------------------------------------

/// Response metadata carried by every operation output and every modelled error (as a hidden
/// `_meta` field): the request id and, for errors, the raw response.
///
/// It takes no part in comparisons: two outputs with the same data are equal whatever their
/// request ids, so `assert_eq!(output, expected)` works on what the client returns.
#[derive(Clone, Debug, Default)]
pub struct ResponseMetadata {
    request_id: Option<String>,
    raw: Option<Arc<HttpResponse>>,
}

impl ResponseMetadata {
    /// Metadata with `request_id`.
    pub fn new(request_id: Option<String>) -> Self {
        Self { request_id, raw: None }
    }
    /// The same, keeping the whole response it came from.
    pub fn with_raw_response(mut self, response: HttpResponse) -> Self {
        self.raw = Some(Arc::new(response));
        self
    }
    /// The `x-amzn-RequestId` of the response.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// The whole response (status, headers, body), when it was kept: for every error response.
    pub fn raw_response(&self) -> Option<&HttpResponse> {
        self.raw.as_deref()
    }
}

/// Values read from a response that carry its [`ResponseMetadata`] (generated outputs and
/// modelled errors); the runtime sets it after parsing.
#[doc(hidden)]
pub trait SetResponseMetadata {
    /// Replaces the metadata.
    fn set_response_metadata(&mut self, meta: ResponseMetadata);
}

impl PartialEq for ResponseMetadata {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}
impl Eq for ResponseMetadata {}
impl std::hash::Hash for ResponseMetadata {
    fn hash<H: std::hash::Hasher>(&self, _state: &mut H) {}
}

/// Anything that can tell the request id AWS assigned to the call.
pub trait RequestId {
    /// The `x-amzn-RequestId` of the response, if there was a response and it had one.
    fn request_id(&self) -> Option<&str>;
}

impl<E> RequestId for SdkError<E> {
    fn request_id(&self) -> Option<&str> {
        SdkError::request_id(self)
    }
}
impl RequestId for Unhandled {
    fn request_id(&self) -> Option<&str> {
        Unhandled::request_id(self)
    }
}
impl RequestId for ResponseMetadata {
    fn request_id(&self) -> Option<&str> {
        ResponseMetadata::request_id(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_cuts_at_char_boundary() {
        assert_eq!(snippet(b"abc", 5), "abc");
        assert_eq!(snippet("ééé".as_bytes(), 3), "é…");
        assert_eq!(snippet(b"abcdef", 3), "abc…");
    }

    #[test]
    fn response_error_never_quotes_2xx_bodies() {
        let e = ResponseError::new(200, None, "bad".into(), b"{\"ParticipantToken\":\"secret\"");
        assert_eq!(e.body_snippet(), None);
        assert!(!format!("{e} {e:?}").contains("secret"));
        let e = ResponseError::new(502, Some("r".into()), "bad".into(), b"<html>oops</html>");
        assert_eq!(e.body_snippet(), Some("<html>oops</html>"));
    }
}
