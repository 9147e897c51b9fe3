//! How a request proves who sends it: the auth schemes an operation accepts, in the model's
//! order of preference, and the bearer tokens some services take instead of SigV4.
//!
//! The generator resolves each operation's schemes from the service's auth traits
//! (`aws.auth#sigv4`, `@httpBearerAuth`), its `@auth` trait and the operation's own `@auth` and
//! `@optionalAuth`. A call uses the first scheme the [`Config`](super::config::Config) has an
//! identity for: SigV4 when it has credentials, a bearer token when it has a token, and no
//! auth (an unsigned request, no `Authorization` header) whenever the operation allows it.

use std::fmt;
use std::sync::Arc;

use super::config::CredentialsError;
use super::http::BoxFuture;

/// One way an operation accepts to be called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// AWS Signature Version 4, with this signing name.
    SigV4 {
        /// The service's signing name (`aws.auth#sigv4` `name`).
        signing_name: &'static str,
    },
    /// `Authorization: Bearer <token>`, the token from the config.
    Bearer,
    /// Sent unsigned: no credentials needed.
    None,
}

/// A bearer token (`@httpBearerAuth`). `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    token: Arc<str>,
}

impl Token {
    /// A token, as the service issued it.
    pub fn new(token: impl Into<String>) -> Self {
        Token { token: Arc::from(token.into()) }
    }
    /// The token's text.
    pub fn as_str(&self) -> &str {
        &self.token
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(** redacted **)")
    }
}

/// A source of bearer tokens that can change over time (an SSO session, say). It is asked
/// once per call; implementations that fetch over the network should cache. [`Token`] itself
/// implements it.
pub trait ProvideToken: Send + Sync {
    /// The token to send with the next request.
    fn provide_token(&self) -> BoxFuture<'_, Result<Token, CredentialsError>>;
}

impl ProvideToken for Token {
    fn provide_token(&self) -> BoxFuture<'_, Result<Token, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// Where a config's token comes from.
#[derive(Clone)]
pub(crate) enum TokenSource {
    Static(Token),
    Dynamic(Arc<dyn ProvideToken>),
}

impl TokenSource {
    pub(crate) async fn resolve(&self) -> Result<Token, CredentialsError> {
        match self {
            Self::Static(t) => Ok(t.clone()),
            Self::Dynamic(p) => p.provide_token().await,
        }
    }
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Static(t) => t.fmt(f),
            Self::Dynamic(_) => f.write_str("ProvideToken"),
        }
    }
}

/// The scheme a call uses: the first of `schemes` the config has an identity for.
/// `Err` names what is missing, for the error the caller gets.
pub(crate) fn choose(
    schemes: &[AuthScheme],
    has_credentials: bool,
    has_token: bool,
) -> Result<AuthScheme, &'static str> {
    for scheme in schemes {
        match scheme {
            AuthScheme::SigV4 { .. } if has_credentials => return Ok(*scheme),
            AuthScheme::Bearer if has_token => return Ok(*scheme),
            AuthScheme::None => return Ok(*scheme),
            _ => {}
        }
    }
    if schemes.iter().any(|s| matches!(s, AuthScheme::SigV4 { .. })) {
        Err("no credentials are configured: set them with ConfigBuilder::credentials / credentials_provider, \
             or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
    } else if schemes.contains(&AuthScheme::Bearer) {
        Err("no bearer token is configured: set one with ConfigBuilder::bearer_token / token_provider")
    } else {
        Err("the operation accepts no auth scheme this client supports")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGV4: AuthScheme = AuthScheme::SigV4 { signing_name: "svc" };

    #[test]
    fn the_first_scheme_with_an_identity_wins() {
        assert_eq!(choose(&[SIGV4, AuthScheme::Bearer], true, true), Ok(SIGV4));
        assert_eq!(choose(&[SIGV4, AuthScheme::Bearer], false, true), Ok(AuthScheme::Bearer));
        assert_eq!(choose(&[AuthScheme::Bearer, SIGV4], true, true), Ok(AuthScheme::Bearer));
        // @optionalAuth: signed when credentials are there, unsigned otherwise.
        assert_eq!(choose(&[SIGV4, AuthScheme::None], true, false), Ok(SIGV4));
        assert_eq!(choose(&[SIGV4, AuthScheme::None], false, false), Ok(AuthScheme::None));
        assert_eq!(choose(&[AuthScheme::None], true, true), Ok(AuthScheme::None));
    }

    #[test]
    fn a_missing_identity_is_named() {
        assert!(choose(&[SIGV4], false, true).unwrap_err().contains("no credentials"));
        assert!(choose(&[AuthScheme::Bearer], true, false).unwrap_err().contains("no bearer token"));
        assert!(choose(&[], true, true).unwrap_err().contains("no auth scheme"));
    }

    #[test]
    fn tokens_never_show() {
        let t = Token::new("secret-token");
        assert_eq!(format!("{t:?}"), "Token(** redacted **)");
        assert_eq!(format!("{:?}", TokenSource::Static(t.clone())), "Token(** redacted **)");
        assert_eq!(t.as_str(), "secret-token");
    }
}
