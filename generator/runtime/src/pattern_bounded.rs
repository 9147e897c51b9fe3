//! `@pattern` with lookaround (feature `patterns-bounded`): `fancy-regex`, whose lookaround-free
//! parts run on the linear-time automata of the `regex` crate, and whose backtracking between
//! them is bounded by [`BACKTRACK_LIMIT`] steps.

use super::pattern::{Matcher, Outcome};

/// The most backtracking steps one check may take: about a millisecond of work in a release
/// build. A value the bound does not decide is let through, for the service to judge.
pub const BACKTRACK_LIMIT: usize = 10_000;

/// A compiled `@pattern` on the bounded backtracking engine, built once on first use.
#[doc(hidden)]
pub struct BoundedPattern {
    source: &'static str,
    regex: &'static str,
    compiled: std::sync::OnceLock<Option<fancy_regex::Regex>>,
}

impl BoundedPattern {
    /// The model's pattern `source`, checked as `regex`.
    pub const fn new(source: &'static str, regex: &'static str) -> Self {
        BoundedPattern { source, regex, compiled: std::sync::OnceLock::new() }
    }

    fn compiled(&self) -> Option<&fancy_regex::Regex> {
        self.compiled
            .get_or_init(|| fancy_regex::RegexBuilder::new(self.regex).backtrack_limit(BACKTRACK_LIMIT).build().ok())
            .as_ref()
    }
}

impl Matcher for BoundedPattern {
    fn source(&self) -> &'static str {
        self.source
    }

    fn matches(&self, value: &str) -> Outcome {
        match self.compiled().map(|re| re.is_match(value)) {
            Some(Ok(true)) => Outcome::Matched,
            Some(Ok(false)) => Outcome::Unmatched,
            Some(Err(_)) => Outcome::Undecided,
            None => Outcome::Uncompiled,
        }
    }

    fn compiles(&self) -> bool {
        self.compiled().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookaround_is_checked_and_hostile_backtracking_gives_up() {
        let p = BoundedPattern::new("^(?!aws:).+$", "^(?!aws\\x{3A}).+$");
        assert_eq!(p.matches("tag"), Outcome::Matched);
        assert_eq!(p.matches("aws:tag"), Outcome::Unmatched);
        let hostile = BoundedPattern::new("^(?:(?=a)a+)+$", "^(?:(?=a)(?:a){1,}){1,}$");
        assert_eq!(hostile.matches("aaaa"), Outcome::Matched);
        let value = format!("{}!", "a".repeat(64));
        let start = std::time::Instant::now();
        assert_eq!(hostile.matches(&value), Outcome::Undecided);
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }
}
