//! The token bookkeeping of generated paginators. Not a stable API: generated code calls it.

use std::collections::BTreeSet;

use super::sdk_error::{ResponseError, SdkError};

/// Which token the next page request sends, and whether there is a next page: the pages end
/// when the service sends no token or an empty one, and fail when it sends one it already
/// sent (which would otherwise loop forever).
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    next: Option<String>,
    seen: BTreeSet<String>,
    done: bool,
}

impl Tokens {
    /// Pages from the start, or from `start` (a token the caller already holds).
    pub fn new(start: Option<String>) -> Self {
        Self { next: start.filter(|t| !t.is_empty()), seen: BTreeSet::new(), done: false }
    }

    /// Whether the last page has been read (or the pages failed).
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The token of the next request.
    pub fn next_token(&self) -> Option<String> {
        self.next.clone()
    }

    /// Ends the pages (after an error).
    pub fn finish(&mut self) {
        self.done = true;
    }

    /// Takes the token a page came back with (`request_id`: that response's). The service
    /// sending a token it had sent before is an [`SdkError::Response`]; the pages then end.
    pub fn advance<E>(&mut self, token: Option<&str>, request_id: Option<&str>) -> Result<(), SdkError<E>> {
        self.take(token)
            .map_err(|reason| SdkError::Response(ResponseError::new(200, request_id.map(str::to_owned), reason, &[])))
    }

    fn take(&mut self, token: Option<&str>) -> Result<(), String> {
        match token.filter(|t| !t.is_empty()) {
            None => {
                self.done = true;
                Ok(())
            }
            Some(t) if !self.seen.insert(t.to_owned()) => {
                self.done = true;
                Err("the service sent a pagination token it had sent before; stopping instead of looping".to_owned())
            }
            Some(t) => {
                self.next = Some(t.to_owned());
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_end_on_no_token_or_an_empty_one_and_fail_on_a_repeat() {
        let mut t = Tokens::new(None);
        assert_eq!((t.next_token(), t.is_done()), (None, false));
        t.take(Some("a")).unwrap();
        assert_eq!(t.next_token().as_deref(), Some("a"));
        t.take(Some("b")).unwrap();
        assert!(t.take(Some("a")).is_err());
        assert!(t.is_done());
        let mut t = Tokens::new(Some(String::new()));
        assert_eq!(t.next_token(), None);
        t.take(Some("")).unwrap();
        assert!(t.is_done());
        let mut t = Tokens::new(Some("resume".into()));
        assert_eq!(t.next_token().as_deref(), Some("resume"));
        t.take(None).unwrap();
        assert!(t.is_done());
    }
}
