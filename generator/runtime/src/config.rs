//! Client configuration: region, credentials, endpoint, timeouts, retries, validation, the
//! HTTP transport and the time source.
//!
//! ```
//! use std::time::Duration;
//! use amazon_runtime::config::{Config, Credentials, RetryConfig};
//!
//! let config = Config::builder()
//!     .region("eu-west-2")
//!     .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
//!     .read_timeout(Duration::from_secs(10))
//!     .retry(RetryConfig::standard().with_max_attempts(5))
//!     .build();
//! ```
//!
//! [`Config`] is an `Arc` inside: clone it freely; clones share one connection pool.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
#[cfg(any(feature = "aws-config", test))]
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use super::auth::TokenSource;
pub use super::auth::{ProvideToken, Token};
use super::http::{BoxFuture, HttpTransport, HyperTransport, DEFAULT_CONNECT_TIMEOUT};
use super::validate::ValidationMode;

// ---------------------------------------------------------------------------------------------
// Time source
// ---------------------------------------------------------------------------------------------

/// Where the client reads the current time: the SigV4 signing time (`X-Amz-Date`) of every
/// attempt, and the expiry checks of cached credentials.
///
/// The default is [`SystemClock`]. A fixed clock ([`StaticTimeSource`]) makes signatures
/// reproducible, for example in tests:
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use amazon_runtime::config::{Config, StaticTimeSource, TimeSource};
///
/// let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let config = Config::builder().time_source(StaticTimeSource::new(at)).build();
/// assert_eq!(config.time_source().now(), at);
/// ```
pub trait TimeSource: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> SystemTime;
}

impl<T: TimeSource + ?Sized> TimeSource for Arc<T> {
    fn now(&self) -> SystemTime {
        (**self).now()
    }
}

impl<T: TimeSource + ?Sized> TimeSource for Box<T> {
    fn now(&self) -> SystemTime {
        (**self).now()
    }
}

/// The operating system's wall clock ([`SystemTime::now`]): the default [`TimeSource`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SystemClock;

impl TimeSource for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A [`TimeSource`] that always answers the same time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StaticTimeSource {
    time: SystemTime,
}

impl StaticTimeSource {
    /// A clock stopped at `time`.
    pub fn new(time: SystemTime) -> Self {
        Self { time }
    }
    /// A clock stopped `secs` seconds after the Unix epoch.
    pub fn from_secs_since_epoch(secs: u64) -> Self {
        Self::new(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
    }
}

impl TimeSource for StaticTimeSource {
    fn now(&self) -> SystemTime {
        self.time
    }
}

// ---------------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------------

/// AWS credentials: an access key id, a secret access key and, for temporary credentials, a
/// session token.
///
/// `Debug` shows only the first four characters of the access key id (enough to tell `AKIA`
/// long-term keys from `ASIA` temporary ones) and never the secret or the token.
#[derive(Clone)]
pub struct Credentials {
    inner: aws_credential_types::Credentials,
}

const PROVIDER_NAME: &str = concat!(env!("CARGO_PKG_NAME"), "-static");

impl Credentials {
    /// Credentials from their parts. `session_token` is required for temporary credentials
    /// (access key ids starting with `ASIA`).
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            inner: aws_credential_types::Credentials::new(
                access_key_id,
                secret_access_key,
                session_token,
                None,
                PROVIDER_NAME,
            ),
        }
    }

    /// The same credentials, valid until `expiry`.
    pub fn with_expiry(self, expiry: SystemTime) -> Self {
        let mut inner = self.inner;
        *inner.expiry_mut() = Some(expiry);
        Self { inner }
    }

    /// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, if set and not empty,
    /// `AWS_SESSION_TOKEN`.
    pub fn from_env() -> Result<Self, CredentialsError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let access_key_id =
            var("AWS_ACCESS_KEY_ID").ok_or_else(|| CredentialsError::new("AWS_ACCESS_KEY_ID is not set"))?;
        let secret =
            var("AWS_SECRET_ACCESS_KEY").ok_or_else(|| CredentialsError::new("AWS_SECRET_ACCESS_KEY is not set"))?;
        Ok(Self::new(access_key_id.trim(), secret.trim(), var("AWS_SESSION_TOKEN").map(|t| t.trim().to_owned())))
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        self.inner.access_key_id()
    }
    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        self.inner.secret_access_key()
    }
    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.inner.session_token()
    }
    /// When the credentials stop being valid, if known.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.inner.expiry()
    }

    pub(crate) fn as_aws(&self) -> &aws_credential_types::Credentials {
        &self.inner
    }

    #[cfg(feature = "aws-config")]
    fn from_aws(inner: aws_credential_types::Credentials) -> Self {
        Self { inner }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let akid = self.access_key_id();
        let shown: String = akid.chars().take(4).collect();
        let mut d = f.debug_struct("Credentials");
        d.field("access_key_id", &format_args!("{shown}****"))
            .field("secret_access_key", &format_args!("** redacted **"));
        if self.session_token().is_some() {
            d.field("session_token", &format_args!("** redacted **"));
        }
        if let Some(expiry) = self.expiry() {
            d.field("expiry", &expiry);
        }
        d.finish()
    }
}

/// Credentials could not be obtained.
///
/// `Display` is the message alone; the underlying cause, if any, is its `source()`.
#[derive(Debug)]
pub struct CredentialsError {
    message: String,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl CredentialsError {
    /// An error explained by `message`.
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), source: None }
    }
    /// An error explained by `message` and caused by `source`.
    pub fn with_source(message: impl Into<String>, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self { message: message.into(), source: Some(source.into()) }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The cause is `source()`, not repeated here.
        f.write_str(&self.message)
    }
}

impl StdError for CredentialsError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn StdError + 'static))
    }
}

/// A source of credentials that can change over time (assumed roles, SSO, instance roles...).
///
/// It is asked once per operation call (not per retry attempt); implementations that fetch
/// over the network should cache. [`Credentials`] itself implements it.
pub trait ProvideCredentials: Send + Sync {
    /// Returns the credentials to sign the next request with.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// Where a [`Config`]'s credentials come from.
#[derive(Clone)]
pub(crate) enum CredentialsSource {
    /// Fixed credentials: no allocation or await per call.
    Static(Credentials),
    /// A provider, asked on every call.
    Dynamic(Arc<dyn ProvideCredentials>),
    /// A provider whose answers are kept until shortly before they expire, by the config's clock.
    #[cfg(any(feature = "aws-config", test))]
    Cached(Arc<CachingProvider>),
}

impl CredentialsSource {
    /// The credentials for the next call; `clock` is the config's [`TimeSource`] (it decides
    /// whether cached credentials are still fresh).
    #[cfg_attr(not(any(feature = "aws-config", test)), allow(unused_variables))]
    pub(crate) async fn resolve(&self, clock: &dyn TimeSource) -> Result<Credentials, CredentialsError> {
        match self {
            Self::Static(c) => Ok(c.clone()),
            Self::Dynamic(p) => p.provide_credentials().await,
            #[cfg(any(feature = "aws-config", test))]
            Self::Cached(c) => c.provide(clock).await,
        }
    }
}

impl fmt::Debug for CredentialsSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Static(c) => c.fmt(f),
            Self::Dynamic(_) => f.write_str("ProvideCredentials"),
            #[cfg(any(feature = "aws-config", test))]
            Self::Cached(_) => f.write_str("ProvideCredentials (cached)"),
        }
    }
}

#[cfg(any(feature = "aws-config", test))]
/// Caches what a provider returns until shortly before it expires (credentials without an
/// expiry are kept for [`CachingProvider::DEFAULT_TTL`]), as told by the config's
/// [`TimeSource`]. Concurrent misses may each call the provider; the last answer wins.
pub(crate) struct CachingProvider {
    provider: Arc<dyn ProvideCredentials>,
    cached: Mutex<Option<(Credentials, SystemTime)>>,
}

#[cfg(any(feature = "aws-config", test))]
impl CachingProvider {
    const DEFAULT_TTL: Duration = Duration::from_secs(15 * 60);
    const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(5 * 60);

    fn new(provider: Arc<dyn ProvideCredentials>) -> Self {
        Self { provider, cached: Mutex::new(None) }
    }

    fn fresh(&self, now: SystemTime) -> Option<Credentials> {
        let guard = self.cached.lock().unwrap_or_else(|p| p.into_inner());
        match &*guard {
            Some((creds, refresh_at)) if now < *refresh_at => Some(creds.clone()),
            _ => None,
        }
    }

    async fn provide(&self, clock: &dyn TimeSource) -> Result<Credentials, CredentialsError> {
        if let Some(creds) = self.fresh(clock.now()) {
            return Ok(creds);
        }
        let creds = self.provider.provide_credentials().await?;
        let now = clock.now();
        let refresh_at = match creds.expiry() {
            Some(expiry) => expiry.checked_sub(Self::REFRESH_BEFORE_EXPIRY).unwrap_or(expiry),
            None => now.checked_add(Self::DEFAULT_TTL).unwrap_or(now),
        };
        *self.cached.lock().unwrap_or_else(|p| p.into_inner()) = Some((creds.clone(), refresh_at));
        Ok(creds)
    }
}

// ---------------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------------

/// Retry policy ("standard" mode): up to `max_attempts` attempts in all; before attempt
/// `n + 1` the client sleeps a random duration in
/// `[0, min(max_backoff, initial_backoff * 2^(n-1))]` (exponential backoff, full jitter).
///
/// What is retried: HTTP 429, 500, 502, 503, 504; throttling error codes; connection
/// failures and timeouts. Never other 4xx responses.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts in all, the first included (`1` disables retries; `0` is treated as `1`).
    pub max_attempts: u32,
    /// Upper bound of the first backoff.
    pub initial_backoff: Duration,
    /// Upper bound of every backoff.
    pub max_backoff: Duration,
}

impl RetryConfig {
    /// 3 attempts, 1 s initial backoff, 20 s maximum backoff (the AWS SDKs' standard mode).
    pub fn standard() -> Self {
        Self { max_attempts: 3, initial_backoff: Duration::from_secs(1), max_backoff: Duration::from_secs(20) }
    }
    /// A single attempt.
    pub fn disabled() -> Self {
        Self::standard().with_max_attempts(1)
    }
    /// Sets `max_attempts`.
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }
    /// Sets `initial_backoff`.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }
    /// Sets `max_backoff`.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

// ---------------------------------------------------------------------------------------------
// Config
// ---------------------------------------------------------------------------------------------

/// Everything a client needs to make calls. Cheap to clone.
///
/// Built with [`Config::builder`]; missing pieces (no region, no credentials) are reported by
/// the first call as a construction error, never as a panic.
#[derive(Clone)]
pub struct Config {
    inner: Arc<Inner>,
}

#[derive(Clone)]
struct Inner {
    use_fips: bool,
    use_dual_stack: bool,
    region: Option<String>,
    credentials: Option<CredentialsSource>,
    token: Option<TokenSource>,
    endpoint_url: Option<String>,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    retry: RetryConfig,
    validation: ValidationMode,
    transport: Arc<dyn HttpTransport>,
    /// `true` when `transport` was given by the user (kept by `to_builder`).
    custom_transport: bool,
    time_source: Arc<dyn TimeSource>,
    idempotency_tokens: IdempotencyTokens,
    compression: Compression,
}

/// `@requestCompression` settings.
#[derive(Clone, Copy, Debug)]
struct Compression {
    disabled: bool,
    min_size: u32,
}

impl Default for Compression {
    fn default() -> Self {
        Compression { disabled: false, min_size: DEFAULT_MIN_COMPRESSION_SIZE }
    }
}

/// Bodies smaller than this are not compressed, unless configured otherwise (bytes).
pub const DEFAULT_MIN_COMPRESSION_SIZE: u32 = 10_240;
/// The largest minimum compression size a client accepts (bytes).
pub const MAX_MIN_COMPRESSION_SIZE: u32 = 10_485_760;

/// Where `@idempotencyToken` members the caller left unset get their value.
#[derive(Clone)]
struct IdempotencyTokens(Option<Arc<dyn Fn() -> String + Send + Sync>>);

impl IdempotencyTokens {
    fn next(&self) -> String {
        match &self.0 {
            Some(provider) => provider(),
            None => uuid::Uuid::new_v4().to_string(),
        }
    }
}

impl fmt::Debug for IdempotencyTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() { "custom" } else { "uuid-v4" })
    }
}

impl Config {
    /// A builder with default settings and no region or credentials.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Settings from the environment: see [`ConfigBuilder::from_env`].
    pub fn from_env() -> Self {
        ConfigBuilder::from_env().build()
    }

    /// A builder holding these settings (and a user-supplied transport, if any).
    pub fn to_builder(&self) -> ConfigBuilder {
        let i = &*self.inner;
        ConfigBuilder {
            region: i.region.clone(),
            credentials: i.credentials.clone(),
            token: i.token.clone(),
            endpoint_url: i.endpoint_url.clone(),
            use_fips: i.use_fips,
            use_dual_stack: i.use_dual_stack,
            connect_timeout: i.connect_timeout,
            read_timeout: i.read_timeout,
            retry: i.retry.clone(),
            validation: i.validation,
            transport: i.custom_transport.then(|| i.transport.clone()),
            time_source: i.time_source.clone(),
            idempotency_tokens: i.idempotency_tokens.clone(),
            compression: i.compression,
        }
    }

    /// The AWS region, such as `us-east-1`.
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }
    /// The endpoint override, if any.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.inner.endpoint_url.as_deref()
    }
    /// Whether requests go to FIPS endpoints (`AWS::UseFIPS` in the endpoint rules).
    pub fn use_fips(&self) -> bool {
        self.inner.use_fips
    }
    /// Whether requests go to dual-stack (IPv4 and IPv6) endpoints (`AWS::UseDualStack`).
    pub fn use_dual_stack(&self) -> bool {
        self.inner.use_dual_stack
    }
    /// The TCP connect timeout of the default transport.
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.inner.connect_timeout
    }
    /// The limit on each attempt, from sending the request to the end of the response body.
    pub fn read_timeout(&self) -> Option<Duration> {
        self.inner.read_timeout
    }
    /// The retry policy.
    pub fn retry(&self) -> &RetryConfig {
        &self.inner.retry
    }
    /// How inputs are validated before sending.
    pub fn validation(&self) -> ValidationMode {
        self.inner.validation
    }
    /// Whether credentials (static or a provider) are configured.
    pub fn has_credentials(&self) -> bool {
        self.inner.credentials.is_some()
    }
    /// The transport requests are sent through.
    pub fn transport(&self) -> &Arc<dyn HttpTransport> {
        &self.inner.transport
    }
    /// Where the client reads the current time (signing, credential expiry): [`SystemClock`]
    /// unless set with [`ConfigBuilder::time_source`].
    pub fn time_source(&self) -> &Arc<dyn TimeSource> {
        &self.inner.time_source
    }
    /// A value for an `@idempotencyToken` member the caller left unset: a fresh UUID v4, unless
    /// [`ConfigBuilder::idempotency_token_provider`] says otherwise. A call takes one and sends
    /// it on every retry.
    pub fn idempotency_token(&self) -> String {
        self.inner.idempotency_tokens.next()
    }
    /// Whether `@requestCompression` operations send their bodies uncompressed.
    pub fn disable_request_compression(&self) -> bool {
        self.inner.compression.disabled
    }
    /// The smallest body (in bytes) a `@requestCompression` operation compresses:
    /// [`DEFAULT_MIN_COMPRESSION_SIZE`] unless configured.
    pub fn request_min_compression_size_bytes(&self) -> u32 {
        self.inner.compression.min_size
    }

    /// Whether a bearer token (or a token provider) is configured.
    pub fn has_token(&self) -> bool {
        self.inner.token.is_some()
    }

    pub(crate) fn token_source(&self) -> Option<&TokenSource> {
        self.inner.token.as_ref()
    }

    pub(crate) fn credentials_source(&self) -> Option<&CredentialsSource> {
        self.inner.credentials.as_ref()
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &*self.inner;
        f.debug_struct("Config")
            .field("region", &i.region)
            .field("credentials", &i.credentials)
            .field("token", &i.token)
            .field("endpoint_url", &i.endpoint_url)
            .field("use_fips", &i.use_fips)
            .field("use_dual_stack", &i.use_dual_stack)
            .field("connect_timeout", &i.connect_timeout)
            .field("read_timeout", &i.read_timeout)
            .field("retry", &i.retry)
            .field("validation", &i.validation)
            .field("transport", &format_args!("{}", if i.custom_transport { "custom" } else { "default" }))
            .field("time_source", &i.time_source)
            .field("idempotency_tokens", &i.idempotency_tokens)
            .field("compression", &i.compression)
            .finish()
    }
}

/// Builds a [`Config`].
#[derive(Clone)]
pub struct ConfigBuilder {
    use_fips: bool,
    use_dual_stack: bool,
    region: Option<String>,
    credentials: Option<CredentialsSource>,
    token: Option<TokenSource>,
    endpoint_url: Option<String>,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    retry: RetryConfig,
    validation: ValidationMode,
    transport: Option<Arc<dyn HttpTransport>>,
    time_source: Arc<dyn TimeSource>,
    idempotency_tokens: IdempotencyTokens,
    compression: Compression,
}

impl Default for ConfigBuilder {
    fn default() -> Self {
        Self {
            region: None,
            credentials: None,
            token: None,
            endpoint_url: None,
            use_fips: false,
            use_dual_stack: false,
            connect_timeout: Some(DEFAULT_CONNECT_TIMEOUT),
            read_timeout: None,
            retry: RetryConfig::standard(),
            validation: ValidationMode::default(),
            transport: None,
            time_source: Arc::new(SystemClock),
            idempotency_tokens: IdempotencyTokens(None),
            compression: Compression::default(),
        }
    }
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("token", &self.token)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("retry", &self.retry)
            .field("validation", &self.validation)
            .field("custom_transport", &self.transport.is_some())
            .field("time_source", &self.time_source)
            .field("idempotency_tokens", &self.idempotency_tokens)
            .field("compression", &self.compression)
            .finish()
    }
}

impl ConfigBuilder {
    /// A builder with default settings and no region or credentials.
    pub fn new() -> Self {
        Self::default()
    }

    /// Defaults plus the region from `AWS_REGION` (else `AWS_DEFAULT_REGION`) and static
    /// credentials from `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`,
    /// when set. Nothing else is read (no profile files, no instance metadata): for the full
    /// AWS chain enable the `aws-config` feature and use `from_sdk_config`. The time source is
    /// the [`SystemClock`].
    pub fn from_env() -> Self {
        let region = ["AWS_REGION", "AWS_DEFAULT_REGION"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .map(|v| v.trim().to_owned())
            .find(|v| !v.is_empty());
        let flag = |name: &str| std::env::var(name).is_ok_and(|v| v.trim().eq_ignore_ascii_case("true"));
        Self {
            region,
            credentials: Credentials::from_env().ok().map(CredentialsSource::Static),
            use_fips: flag("AWS_USE_FIPS_ENDPOINT"),
            use_dual_stack: flag("AWS_USE_DUALSTACK_ENDPOINT"),
            ..Self::default()
        }
    }

    /// Sets the AWS region, such as `us-east-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }
    /// Sets or clears the AWS region.
    pub fn set_region(&mut self, region: Option<String>) -> &mut Self {
        self.region = region;
        self
    }

    /// Signs with fixed credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(CredentialsSource::Static(credentials));
        self
    }
    /// Signs with credentials from `provider`, asked once per call.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(CredentialsSource::Dynamic(Arc::new(provider)));
        self
    }
    /// Signs with credentials from a shared provider, asked once per call.
    pub fn shared_credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = Some(CredentialsSource::Dynamic(provider));
        self
    }

    /// Sends `token` as `Authorization: Bearer …` to the operations whose model accepts a bearer
    /// token (`@httpBearerAuth`).
    pub fn bearer_token(mut self, token: Token) -> Self {
        self.token = Some(TokenSource::Static(token));
        self
    }
    /// Bearer tokens from `provider`, asked once per call.
    pub fn token_provider(mut self, provider: impl ProvideToken + 'static) -> Self {
        self.token = Some(TokenSource::Dynamic(Arc::new(provider)));
        self
    }

    /// Sends to `url` (for example `http://localhost:4566`) instead of the regional endpoint.
    /// A path in it is put before each operation's path.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }
    /// Sets or clears the endpoint override.
    pub fn set_endpoint_url(&mut self, url: Option<String>) -> &mut Self {
        self.endpoint_url = url;
        self
    }
    /// Sends requests to FIPS endpoints (where the partition has them).
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.use_fips = use_fips;
        self
    }
    /// Sends requests to dual-stack (IPv4 and IPv6) endpoints.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.use_dual_stack = use_dual_stack;
        self
    }

    /// Limits the TCP connect step of the default transport (default 3.1 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }
    /// Sets or clears the connect timeout.
    pub fn set_connect_timeout(&mut self, timeout: Option<Duration>) -> &mut Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limits each attempt, from sending the request to the end of the response body
    /// (default: no limit). An attempt that runs out is retried like a connection failure.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }
    /// Sets or clears the per-attempt timeout.
    pub fn set_read_timeout(&mut self, timeout: Option<Duration>) -> &mut Self {
        self.read_timeout = timeout;
        self
    }

    /// Sets the retry policy.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Sets how inputs are validated before sending (default: the model's constraints).
    pub fn validation(mut self, mode: ValidationMode) -> Self {
        self.validation = mode;
        self
    }

    /// Sends through `transport` instead of the default HTTPS transport (for example a
    /// [`MockTransport`](super::http::mock::MockTransport) in tests, or a proxy-aware client).
    /// `connect_timeout` does not apply to it.
    pub fn transport(mut self, transport: impl HttpTransport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }
    /// Sends through a shared transport.
    pub fn shared_transport(mut self, transport: Arc<dyn HttpTransport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Reads the current time from `time_source` instead of the [`SystemClock`]: the SigV4
    /// signing time (`X-Amz-Date`) of every attempt and the expiry checks of cached
    /// credentials. With a [`StaticTimeSource`] and fixed credentials, signatures are
    /// reproducible.
    pub fn time_source(mut self, time_source: impl TimeSource + 'static) -> Self {
        self.time_source = Arc::new(time_source);
        self
    }
    /// Reads the current time from a shared time source.
    pub fn shared_time_source(mut self, time_source: Arc<dyn TimeSource>) -> Self {
        self.time_source = time_source;
        self
    }

    /// Sends the bodies of `@requestCompression` operations uncompressed.
    pub fn disable_request_compression(mut self, disabled: bool) -> Self {
        self.compression.disabled = disabled;
        self
    }

    /// Compresses the bodies of `@requestCompression` operations only from `bytes` bytes on
    /// (default [`DEFAULT_MIN_COMPRESSION_SIZE`]; at most [`MAX_MIN_COMPRESSION_SIZE`], to which
    /// larger values are lowered).
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.compression.min_size = bytes.min(MAX_MIN_COMPRESSION_SIZE);
        self
    }

    /// Takes the values of unset `@idempotencyToken` members from `provider` instead of fresh
    /// UUIDs v4: for tests that compare whole requests, or a caller's own token scheme. Each
    /// call asks once, before the first attempt.
    pub fn idempotency_token_provider(mut self, provider: impl Fn() -> String + Send + Sync + 'static) -> Self {
        self.idempotency_tokens = IdempotencyTokens(Some(Arc::new(provider)));
        self
    }

    /// Builds the config. Never fails: problems such as a missing region are reported when a
    /// call is made.
    pub fn build(self) -> Config {
        let custom_transport = self.transport.is_some();
        let transport = match self.transport {
            Some(t) => t,
            None => match HyperTransport::with_connect_timeout(self.connect_timeout) {
                Ok(t) => Arc::new(t) as Arc<dyn HttpTransport>,
                Err(e) => Arc::new(super::http::BrokenTransport {
                    reason: super::sdk_error::DisplayErrorChain(&e).to_string(),
                }),
            },
        };
        Config {
            inner: Arc::new(Inner {
                region: self.region,
                credentials: self.credentials,
                token: self.token,
                endpoint_url: self.endpoint_url,
                use_fips: self.use_fips,
                use_dual_stack: self.use_dual_stack,
                connect_timeout: self.connect_timeout,
                read_timeout: self.read_timeout,
                retry: self.retry,
                validation: self.validation,
                transport,
                custom_transport,
                time_source: self.time_source,
                idempotency_tokens: self.idempotency_tokens,
                compression: self.compression,
            }),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// aws-config interop
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "aws-config")]
mod sdk_config {
    use super::*;

    /// Adapts the credentials provider of an `SdkConfig` (for example aws-config's default
    /// chain) to [`ProvideCredentials`].
    struct SdkCredentials(aws_credential_types::provider::SharedCredentialsProvider);

    impl ProvideCredentials for SdkCredentials {
        fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
            Box::pin(async move {
                use aws_credential_types::provider::ProvideCredentials as _;
                self.0
                    .provide_credentials()
                    .await
                    .map(Credentials::from_aws)
                    .map_err(|e| CredentialsError::with_source("the AWS credentials provider failed", e))
            })
        }
    }

    /// Adapts the time source of an `SdkConfig` to [`TimeSource`].
    #[derive(Debug)]
    struct SdkTimeSource(aws_types::sdk_config::SharedTimeSource);

    impl TimeSource for SdkTimeSource {
        fn now(&self) -> SystemTime {
            self.0.now()
        }
    }

    impl ConfigBuilder {
        /// Settings taken from an `aws_types::SdkConfig` (as loaded by
        /// `aws_config::load_defaults`): region, credentials provider (cached until shortly
        /// before expiry), endpoint URL, connect and attempt timeouts, retry attempts and
        /// backoffs, and the time source. Everything else keeps its default.
        ///
        /// The time source is the `SdkConfig`'s when it has one (so a clock fixed there for
        /// tests also fixes this client's signatures and credential expiry checks), else the
        /// [`SystemClock`].
        pub fn from_sdk_config(sdk: &aws_types::SdkConfig) -> Self {
            let mut builder = Self {
                region: sdk.region().map(|r| r.as_ref().to_owned()),
                credentials: sdk.credentials_provider().map(|p| {
                    let provider: Arc<dyn ProvideCredentials> = Arc::new(SdkCredentials(p));
                    CredentialsSource::Cached(Arc::new(CachingProvider::new(provider)))
                }),
                endpoint_url: sdk.endpoint_url().map(str::to_owned),
                use_fips: sdk.use_fips().unwrap_or(false),
                use_dual_stack: sdk.use_dual_stack().unwrap_or(false),
                ..Self::default()
            };
            if let Some(timeouts) = sdk.timeout_config() {
                if let Some(t) = timeouts.connect_timeout() {
                    builder.connect_timeout = Some(t);
                }
                if let Some(t) = timeouts.operation_attempt_timeout() {
                    builder.read_timeout = Some(t);
                }
            }
            if let Some(time_source) = sdk.time_source() {
                builder.time_source = Arc::new(SdkTimeSource(time_source));
            }
            if let Some(retry) = sdk.retry_config() {
                builder.retry = RetryConfig {
                    max_attempts: retry.max_attempts(),
                    initial_backoff: retry.initial_backoff(),
                    max_backoff: retry.max_backoff(),
                };
            }
            builder
        }
    }

    impl From<&aws_types::SdkConfig> for ConfigBuilder {
        fn from(sdk: &aws_types::SdkConfig) -> Self {
            Self::from_sdk_config(sdk)
        }
    }

    impl From<&aws_types::SdkConfig> for Config {
        fn from(sdk: &aws_types::SdkConfig) -> Self {
            ConfigBuilder::from_sdk_config(sdk).build()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_debug_redacts_secrets() {
        let c = Credentials::new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG", Some("tok-123".into()));
        let s = format!("{c:?} {:?}", Config::builder().credentials(c.clone()).build());
        assert!(s.contains("AKIA****"), "{s}");
        for secret in ["IOSFODNN7EXAMPLE", "wJalrXUtnFEMI", "tok-123"] {
            assert!(!s.contains(secret), "{s}");
        }
    }

    #[cfg(feature = "aws-config")]
    #[tokio::test]
    async fn from_sdk_config_takes_region_credentials_endpoint_timeouts_and_retries() {
        use aws_credential_types::provider::SharedCredentialsProvider;
        let sdk = aws_types::SdkConfig::builder()
            .region(aws_types::region::Region::new("eu-west-1"))
            .credentials_provider(SharedCredentialsProvider::new(aws_credential_types::Credentials::new(
                "AKIDSDK",
                "S",
                Some("T".into()),
                None,
                "test",
            )))
            .endpoint_url("http://localhost:4566")
            .timeout_config(
                aws_types::sdk_config::TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(2))
                    .operation_attempt_timeout(Duration::from_secs(9))
                    .build(),
            )
            .retry_config(aws_types::sdk_config::RetryConfig::standard().with_max_attempts(7))
            .build();
        let config = Config::from(&sdk);
        assert_eq!(config.region(), Some("eu-west-1"));
        assert_eq!(config.endpoint_url(), Some("http://localhost:4566"));
        assert_eq!(config.connect_timeout(), Some(Duration::from_secs(2)));
        assert_eq!(config.read_timeout(), Some(Duration::from_secs(9)));
        assert_eq!(config.retry().max_attempts, 7);
        let creds = config.credentials_source().unwrap().resolve(config.time_source()).await.unwrap();
        assert_eq!((creds.access_key_id(), creds.session_token()), ("AKIDSDK", Some("T")));
    }

    /// A clock the test moves by hand.
    #[derive(Debug)]
    struct ManualClock(Mutex<SystemTime>);

    impl ManualClock {
        fn set(&self, time: SystemTime) {
            *self.0.lock().unwrap() = time;
        }
    }

    impl TimeSource for ManualClock {
        fn now(&self) -> SystemTime {
            *self.0.lock().unwrap()
        }
    }

    struct Counting(std::sync::atomic::AtomicUsize, SystemTime);

    impl Counting {
        fn calls(&self) -> usize {
            self.0.load(std::sync::atomic::Ordering::SeqCst)
        }
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let c = Credentials::new("AKID", "S", None).with_expiry(self.1);
            Box::pin(std::future::ready(Ok(c)))
        }
    }

    #[tokio::test]
    async fn caching_provider_reuses_until_refresh() {
        let clock = SystemClock;
        let far = SystemTime::now() + Duration::from_secs(3600);
        let p = Arc::new(Counting(Default::default(), far));
        let cache = CachingProvider::new(p.clone());
        cache.provide(&clock).await.unwrap();
        cache.provide(&clock).await.unwrap();
        assert_eq!(p.calls(), 1);

        // Expiring within the refresh window: asked every time.
        let soon = SystemTime::now() + Duration::from_secs(60);
        let p = Arc::new(Counting(Default::default(), soon));
        let cache = CachingProvider::new(p.clone());
        cache.provide(&clock).await.unwrap();
        cache.provide(&clock).await.unwrap();
        assert_eq!(p.calls(), 2);
    }

    /// Freshness is judged by the config's clock, not the wall clock: credentials that expired
    /// long ago by the wall clock are reused while the configured clock says they are fresh,
    /// and fetched again once it reaches the refresh window.
    #[tokio::test]
    async fn caching_provider_asks_the_configured_clock() {
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(946_684_800); // 2000-01-01
        let p = Arc::new(Counting(Default::default(), start + Duration::from_secs(3600)));
        let clock = Arc::new(ManualClock(Mutex::new(start)));
        let config = Config::builder().shared_time_source(clock.clone()).build();
        let source = CredentialsSource::Cached(Arc::new(CachingProvider::new(p.clone())));
        source.resolve(config.time_source()).await.unwrap();
        source.resolve(config.time_source()).await.unwrap();
        assert_eq!(p.calls(), 1, "fresh by the configured clock");

        clock.set(start + Duration::from_secs(3600 - 60));
        source.resolve(config.time_source()).await.unwrap();
        assert_eq!(p.calls(), 2, "within the refresh window by the configured clock");
    }

    #[test]
    fn idempotency_tokens_are_uuids_unless_a_provider_is_set() {
        let config = Config::builder().build();
        let (a, b) = (config.idempotency_token(), config.idempotency_token());
        assert_ne!(a, b);
        assert!(uuid::Uuid::parse_str(&a).is_ok_and(|u| u.get_version_num() == 4), "{a}");
        let counter = std::sync::atomic::AtomicUsize::new(0);
        let fixed = Config::builder()
            .idempotency_token_provider(move || {
                format!("token-{}", counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst))
            })
            .build();
        // The provider survives `to_builder`.
        let copy = fixed.to_builder().build();
        assert_eq!([fixed.idempotency_token(), copy.idempotency_token()], ["token-0", "token-1"]);
        assert!(format!("{fixed:?}").contains("idempotency_tokens: custom"), "{fixed:?}");
    }

    #[test]
    fn the_default_time_source_is_the_system_clock() {
        for config in [Config::builder().build(), ConfigBuilder::from_env().build()] {
            assert_eq!(format!("{:?}", config.time_source()), "SystemClock");
        }
        let fixed = StaticTimeSource::from_secs_since_epoch(1_700_000_000);
        let config = Config::builder().time_source(fixed).build();
        assert_eq!(config.time_source().now(), SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000));
        // `to_builder` keeps it; Debug shows it.
        assert_eq!(config.to_builder().build().time_source().now(), fixed.now());
        assert!(format!("{config:?}").contains("StaticTimeSource"), "{config:?}");
    }

    #[cfg(feature = "aws-config")]
    #[test]
    fn from_sdk_config_uses_the_sdk_time_source_if_any() {
        #[derive(Debug)]
        struct Fixed;
        impl aws_types::sdk_config::TimeSource for Fixed {
            fn now(&self) -> SystemTime {
                SystemTime::UNIX_EPOCH + Duration::from_secs(1_234_567_890)
            }
        }
        let sdk = aws_types::SdkConfig::builder().time_source(Fixed).build();
        let config = Config::from(&sdk);
        assert_eq!(config.time_source().now(), SystemTime::UNIX_EPOCH + Duration::from_secs(1_234_567_890));
        // A time source set on the builder afterwards wins.
        let later = StaticTimeSource::from_secs_since_epoch(5);
        assert_eq!(ConfigBuilder::from_sdk_config(&sdk).time_source(later).build().time_source().now(), later.now());

        let without = Config::from(&aws_types::SdkConfig::builder().build());
        assert_eq!(format!("{:?}", without.time_source()), "SystemClock");
    }
}
