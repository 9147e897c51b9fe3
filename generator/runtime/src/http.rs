//! The HTTP transport the client sends requests through.
//!
//! [`HttpTransport`] is a small object-safe trait: one buffered request in, one buffered response
//! out ([`send`](HttpTransport::send)), and for operations with a streaming body the same with
//! a [`ByteStream`] each way ([`send_streaming`](HttpTransport::send_streaming), which buffers
//! through `send` unless the transport streams). The default implementation,
//! [`HyperTransport`], is hyper 1 over rustls (`ring` crypto, no OpenSSL) and streams both
//! ways. [`mock::MockTransport`] is a test double for your own tests.
//!
//! Bodies are never printed: the `Debug` output of [`HttpRequest`] and [`HttpResponse`] shows
//! the method, URI, status, header *names* and body length only.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use ::bytes::Bytes;
use ::http::header::{HeaderMap, HeaderName, HeaderValue};
use ::http::{Method, Uri};

/// The body of a streaming request or response (see [`HttpTransport::send_streaming`]), and
/// the error of reading one.
pub use super::byte_stream::{ByteStream, StreamError};

/// A boxed, `Send` future: what [`HttpTransport::send`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// An HTTP request, signed and ready to send: its body buffered (`Bytes`, the default) or a
/// [`ByteStream`].
#[derive(Clone)]
pub struct HttpRequest<B = Bytes> {
    /// The HTTP method.
    pub method: Method,
    /// The absolute URI (`scheme://authority/path?query`).
    pub uri: Uri,
    /// The headers, including `Host`, `Authorization` and `X-Amz-Date`.
    pub headers: HeaderMap,
    /// The body.
    pub body: B,
}

impl<B> HttpRequest<B> {
    /// The value of header `name` (case-insensitive) if it is present and valid text.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_str(&self.headers, name)
    }
}

impl<B: BodyLength> fmt::Debug for HttpRequest<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("uri", &self.uri)
            .field("headers", &HeaderNames(&self.headers))
            .field("body_len", &self.body.body_length())
            .finish()
    }
}

/// An HTTP response: its body buffered (`Bytes`, the default) or a [`ByteStream`] still to be
/// read.
#[derive(Clone)]
pub struct HttpResponse<B = Bytes> {
    /// The status code.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: B,
}

impl HttpResponse {
    /// A response with `status`, no headers and `body`.
    pub fn new(status: u16, body: impl Into<Bytes>) -> Self {
        Self { status, headers: HeaderMap::new(), body: body.into() }
    }

    /// Adds a header. A name or value that is not valid in HTTP is ignored.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            self.headers.append(name, value);
        }
        self
    }
}

impl<B> HttpResponse<B> {
    /// The value of header `name` (case-insensitive) if it is present and valid text.
    pub fn header(&self, name: &str) -> Option<&str> {
        header_str(&self.headers, name)
    }
}

impl<B: BodyLength> fmt::Debug for HttpResponse<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &HeaderNames(&self.headers))
            .field("body_len", &self.body.body_length())
            .finish()
    }
}

/// The bodies [`HttpRequest`] and [`HttpResponse`] carry: `Debug` shows only their length.
pub trait BodyLength {
    /// The length in bytes, when it is known.
    fn body_length(&self) -> Option<u64>;
}

impl BodyLength for Bytes {
    fn body_length(&self) -> Option<u64> {
        Some(self.len() as u64)
    }
}

impl BodyLength for ByteStream {
    fn body_length(&self) -> Option<u64> {
        self.content_length()
    }
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Prints header names only: values may hold credentials.
struct HeaderNames<'a>(&'a HeaderMap);

impl fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

/// Sends one request and returns its whole response.
///
/// Implementations must be cheap to share (`Send + Sync`); the client holds one in an `Arc`
/// and calls it once per attempt. Timeouts and retries are applied by the caller.
pub trait HttpTransport: Send + Sync {
    /// Sends `request` and buffers the whole response body.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;

    /// Sends a request whose body may be a stream, and returns once the response's head is in,
    /// its body a [`ByteStream`] the caller reads. Used by operations with a streaming member.
    ///
    /// The default reads the request body into memory, calls [`send`](Self::send) and hands
    /// the buffered response body back as a stream: correct for any transport, streaming for
    /// none. A stream that fails while it is read is a [`TransportErrorKind::Other`] failure.
    fn send_streaming(
        &self,
        request: HttpRequest<ByteStream>,
    ) -> BoxFuture<'_, Result<HttpResponse<ByteStream>, TransportError>> {
        Box::pin(async move {
            let HttpRequest { method, uri, headers, body } = request;
            let body = body.collect().await.map_err(TransportError::other)?;
            let response = self.send(HttpRequest { method, uri, headers, body }).await?;
            Ok(HttpResponse { status: response.status, headers: response.headers, body: response.body.into() })
        })
    }
}

impl<T: HttpTransport + ?Sized> HttpTransport for std::sync::Arc<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }

    fn send_streaming(
        &self,
        request: HttpRequest<ByteStream>,
    ) -> BoxFuture<'_, Result<HttpResponse<ByteStream>, TransportError>> {
        (**self).send_streaming(request)
    }
}

/// What kind of failure a [`TransportError`] is; decides whether it is retried.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TransportErrorKind {
    /// No connection could be made: DNS failure, connection refused, TLS handshake failure.
    /// Retried.
    Connect,
    /// Connecting (or another transport-level step) took too long. Retried.
    Timeout,
    /// The connection failed during the exchange: reset, or closed before the whole response
    /// arrived. Retried (the request may have reached the service, so requests carry the same
    /// idempotency token on every attempt).
    Io,
    /// Anything else, for example a request the transport cannot send. Not retried.
    Other,
}

/// A request could not be sent, or its response could not be read.
///
/// `Display` names the kind of failure (`connection failed`); the underlying error is its
/// `source()`. Print the whole chain with
/// [`DisplayErrorChain`](super::sdk_error::DisplayErrorChain).
pub struct TransportError {
    kind: TransportErrorKind,
    source: Box<dyn StdError + Send + Sync>,
}

impl TransportError {
    /// A failure of `kind` caused by `source`.
    pub fn new(kind: TransportErrorKind, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self { kind, source: source.into() }
    }
    /// A [`TransportErrorKind::Connect`] failure.
    pub fn connect(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Connect, source)
    }
    /// A [`TransportErrorKind::Timeout`] failure.
    pub fn timeout(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Timeout, source)
    }
    /// A [`TransportErrorKind::Io`] failure.
    pub fn io(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Io, source)
    }
    /// A [`TransportErrorKind::Other`] failure.
    pub fn other(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Other, source)
    }
    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
    /// Whether the failure is worth retrying (connect, timeout and I/O failures).
    pub fn is_transient(&self) -> bool {
        matches!(self.kind, TransportErrorKind::Connect | TransportErrorKind::Timeout | TransportErrorKind::Io)
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError").field("kind", &self.kind).field("source", &self.source).finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "transport timed out",
            TransportErrorKind::Io => "connection broke during the exchange",
            TransportErrorKind::Other => "transport error",
        };
        // The cause is `source()`, not repeated here.
        f.write_str(what)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}

/// The default connect timeout of [`HyperTransport`] (the AWS SDKs' value).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

type HyperClient = hyper_util::client::legacy::Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    ByteStream,
>;

/// The default transport: hyper 1 (HTTP/1.1, pooled keep-alive connections) over rustls with
/// the `ring` provider. `https://` and, for local endpoints, `http://` URIs. Streaming bodies
/// are streamed both ways: a request body is written as it is read (chunked when its length is
/// unknown), and a response body is read as the caller consumes it.
///
/// Trusted roots: the Mozilla set compiled in (feature `rustls-webpki-roots`, the default), or
/// the operating system's store (feature `rustls-native-roots`, which wins when both are on).
/// Needs a Tokio runtime when sending.
#[derive(Clone)]
pub struct HyperTransport {
    client: HyperClient,
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HyperTransport")
    }
}

impl HyperTransport {
    /// A transport with the [`DEFAULT_CONNECT_TIMEOUT`].
    pub fn new() -> Result<Self, TransportError> {
        Self::with_connect_timeout(Some(DEFAULT_CONNECT_TIMEOUT))
    }

    /// A transport whose TCP connect step gives up after `connect_timeout` (`None`: no limit).
    pub fn with_connect_timeout(connect_timeout: Option<Duration>) -> Result<Self, TransportError> {
        use hyper_util::client::legacy::connect::HttpConnector;

        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(connect_timeout);
        let tls = tls_builder()?.https_or_http().enable_http1().wrap_connector(http);
        let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .pool_timer(hyper_util::rt::TokioTimer::new())
            .pool_idle_timeout(Duration::from_secs(45))
            .build(tls);
        Ok(Self { client })
    }
}

// rustls 0.23.48 deprecates ring's provider to steer users to aws-lc-rs, the one with the
// post-quantum key exchange; that one would add a CMake and C build to every generated crate's
// cold build. Ring is kept, with the warning silenced so that it never reaches the builds of
// crates that depend on the runtime by path.
#[allow(deprecated)]
fn ring_provider() -> std::sync::Arc<rustls::crypto::CryptoProvider> {
    std::sync::Arc::new(rustls::crypto::ring::default_provider())
}

#[cfg(feature = "rustls-native-roots")]
fn tls_builder(
) -> Result<hyper_rustls::HttpsConnectorBuilder<hyper_rustls::builderstates::WantsSchemes>, TransportError> {
    hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_native_roots(ring_provider())
        .map_err(TransportError::other)
}

#[cfg(all(feature = "rustls-webpki-roots", not(feature = "rustls-native-roots")))]
fn tls_builder(
) -> Result<hyper_rustls::HttpsConnectorBuilder<hyper_rustls::builderstates::WantsSchemes>, TransportError> {
    hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_webpki_roots(ring_provider())
        .map_err(TransportError::other)
}

#[cfg(not(any(feature = "rustls-webpki-roots", feature = "rustls-native-roots")))]
fn tls_builder(
) -> Result<hyper_rustls::HttpsConnectorBuilder<hyper_rustls::builderstates::WantsSchemes>, TransportError> {
    // No root store compiled in: only plain `http://` endpoints can be reached.
    let config = rustls::ClientConfig::builder_with_provider(ring_provider())
        .with_safe_default_protocol_versions()
        .map_err(TransportError::other)?
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    Ok(hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(config))
}

impl HyperTransport {
    async fn exchange(
        &self,
        request: HttpRequest<ByteStream>,
    ) -> Result<::http::Response<hyper::body::Incoming>, TransportError> {
        let HttpRequest { method, uri, headers, body } = request;
        let mut req = ::http::Request::new(body);
        *req.method_mut() = method;
        *req.uri_mut() = uri;
        *req.headers_mut() = headers;
        self.client.request(req).await.map_err(|e| {
            let kind = classify(&e, e.is_connect());
            TransportError::new(kind, e)
        })
    }
}

impl HttpTransport for HyperTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            use http_body_util::BodyExt as _;

            let HttpRequest { method, uri, headers, body } = request;
            let response = self.exchange(HttpRequest { method, uri, headers, body: body.into() }).await?;
            let (parts, incoming) = response.into_parts();
            let body = incoming.collect().await.map_err(|e| TransportError::new(classify(&e, false), e))?.to_bytes();
            Ok(HttpResponse { status: parts.status.as_u16(), headers: parts.headers, body })
        })
    }

    fn send_streaming(
        &self,
        request: HttpRequest<ByteStream>,
    ) -> BoxFuture<'_, Result<HttpResponse<ByteStream>, TransportError>> {
        Box::pin(async move {
            let response = self.exchange(request).await?;
            let (parts, incoming) = response.into_parts();
            Ok(HttpResponse {
                status: parts.status.as_u16(),
                headers: parts.headers,
                body: ByteStream::from_body(incoming),
            })
        })
    }
}

/// Maps a hyper / hyper-util error (and its causes) onto a [`TransportErrorKind`].
fn classify(err: &(dyn StdError + 'static), is_connect: bool) -> TransportErrorKind {
    let mut kind = if is_connect { TransportErrorKind::Connect } else { TransportErrorKind::Other };
    let mut next = Some(err);
    while let Some(e) = next {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            match io.kind() {
                K::TimedOut => return TransportErrorKind::Timeout,
                K::ConnectionRefused | K::AddrNotAvailable => return TransportErrorKind::Connect,
                K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof if !is_connect => {
                    kind = TransportErrorKind::Io
                }
                _ => {}
            }
        }
        if let Some(h) = e.downcast_ref::<hyper::Error>() {
            if h.is_timeout() {
                return TransportErrorKind::Timeout;
            }
            if !is_connect
                && (h.is_incomplete_message() || h.is_canceled() || h.is_closed() || h.is_body_write_aborted())
            {
                kind = TransportErrorKind::Io;
            }
        }
        next = e.source();
    }
    kind
}

/// Used when the default transport could not be built: every send reports why.
pub(crate) struct BrokenTransport {
    pub(crate) reason: String,
}

impl HttpTransport for BrokenTransport {
    fn send(&self, _request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let err = TransportError::other(format!("the default HTTPS transport could not be built: {}", self.reason));
        Box::pin(std::future::ready(Err(err)))
    }
}

pub mod mock {
    //! [`MockTransport`]: a test double for code that uses the client.
    //!
    //! ```
    //! use amazon_runtime::http::{HttpResponse, mock::MockTransport};
    //! let mock = MockTransport::new();
    //! mock.push_response(
    //!     HttpResponse::new(200, r#"{"ContactId":"c-1"}"#).with_header("x-amzn-RequestId", "req-1"),
    //! );
    //! // let config = Config::builder().region("us-east-1").credentials(..).transport(mock.clone()).build();
    //! // ... call the client, then inspect `mock.requests()`.
    //! ```

    use std::collections::VecDeque;
    use std::sync::{Arc, Mutex, MutexGuard};

    use super::{BoxFuture, HttpRequest, HttpResponse, HttpTransport, TransportError};

    #[derive(Default)]
    struct State {
        queue: VecDeque<Result<HttpResponse, TransportError>>,
        requests: Vec<HttpRequest>,
    }

    /// Answers requests from a queue of canned responses (or errors), in order, and records
    /// every request it receives. Clones share the same queue and record.
    ///
    /// When the queue is empty it answers with a [`TransportError`] of kind
    /// [`Other`](super::TransportErrorKind::Other), which is not retried.
    #[derive(Clone, Default)]
    pub struct MockTransport {
        state: Arc<Mutex<State>>,
    }

    impl std::fmt::Debug for MockTransport {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            let state = self.lock();
            f.debug_struct("MockTransport")
                .field("queued", &state.queue.len())
                .field("received", &state.requests.len())
                .finish()
        }
    }

    impl MockTransport {
        /// An empty mock.
        pub fn new() -> Self {
            Self::default()
        }

        fn lock(&self) -> MutexGuard<'_, State> {
            // A panic in another test thread must not hide this one's record.
            self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
        }

        /// Queues a response.
        pub fn push_response(&self, response: HttpResponse) -> &Self {
            self.lock().queue.push_back(Ok(response));
            self
        }

        /// Queues a response with `status`, `Content-Type: application/json` and `body`.
        pub fn push_json(&self, status: u16, body: &str) -> &Self {
            self.push_response(
                HttpResponse::new(status, body.to_owned()).with_header("content-type", "application/json"),
            )
        }

        /// Queues a transport failure.
        pub fn push_error(&self, error: TransportError) -> &Self {
            self.lock().queue.push_back(Err(error));
            self
        }

        /// Every request received so far, oldest first.
        pub fn requests(&self) -> Vec<HttpRequest> {
            self.lock().requests.clone()
        }

        /// How many requests were received so far.
        pub fn request_count(&self) -> usize {
            self.lock().requests.len()
        }

        /// How many queued answers are still unused.
        pub fn remaining(&self) -> usize {
            self.lock().queue.len()
        }
    }

    impl HttpTransport for MockTransport {
        fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            let answer = {
                let mut state = self.lock();
                state.requests.push(request);
                state.queue.pop_front()
            };
            let answer = answer
                .unwrap_or_else(|| Err(TransportError::other("MockTransport: no response queued for this request")));
            Box::pin(std::future::ready(answer))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_are_classified() {
        let timed_out = std::io::Error::new(std::io::ErrorKind::TimedOut, "connect timed out");
        assert_eq!(classify(&timed_out, true), TransportErrorKind::Timeout);
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(classify(&refused, true), TransportErrorKind::Connect);
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert_eq!(classify(&reset, false), TransportErrorKind::Io);
        assert_eq!(classify(&reset, true), TransportErrorKind::Connect);
        let other = std::io::Error::other("weird");
        assert_eq!(classify(&other, false), TransportErrorKind::Other);
    }

    #[tokio::test]
    async fn tls_handshake_failure_is_a_connect_error() {
        use tokio::io::AsyncWriteExt as _;
        // A plain-text server on an https:// URL: the TLS handshake fails.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            if let Ok((mut stream, _)) = listener.accept().await {
                let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n").await;
            }
        });
        let transport = HyperTransport::new().expect("default transport builds");
        let request = HttpRequest {
            method: Method::GET,
            uri: format!("https://{addr}/").parse().unwrap(),
            headers: HeaderMap::new(),
            body: Bytes::new(),
        };
        let err = transport.send(request).await.expect_err("not TLS");
        assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    }
}
