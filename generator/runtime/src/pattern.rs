//! `@pattern` support (feature `patterns`): the compiled patterns and the validator's check.
//!
//! The generator translates each model pattern (ECMAScript, or Java's dialect where a service
//! writes that) into the syntax of the engine that checks it, with its meaning spelled out, so
//! the engines' own readings of `.`, `\d`, `\s` or `\b` never matter:
//!
//! - [`Pattern`]: the `regex` crate, finite automata. A check takes time linear in the
//!   value's length, whatever the pattern (`^(a+)+$` included).
//! - `pattern_bounded::BoundedPattern` (feature `patterns-bounded`): `fancy-regex`, for the
//!   patterns with lookahead or lookbehind. Their lookaround-free parts run on the same
//!   automata; the backtracking between them is bounded (about a millisecond of work). A value
//!   the bound does not decide is let through, for the service to judge.
//!
//! Patterns no engine can check with their meaning (backreferences) are not enforced; the
//! generator says so when it generates the crate.

use super::validate::{Rule, Shown, Validator};

impl Validator {
    /// `@pattern`: the pattern must match somewhere in the value (it is not anchored).
    pub fn pattern(&mut self, value: &str, pattern: &dyn Matcher, shown: Shown) {
        let source = pattern.source();
        match pattern.matches(value) {
            Outcome::Matched | Outcome::Undecided => {}
            Outcome::Unmatched => {
                let got = match shown {
                    Shown::Value => format!("{value:?}"),
                    Shown::Redacted => "the value".to_owned(),
                };
                self.report(Rule::Pattern { pattern: source }, format!("{got} does not match the pattern `{source}`"));
            }
            Outcome::Uncompiled => self.report(
                Rule::Pattern { pattern: source },
                format!("the model's pattern `{source}` could not be compiled"),
            ),
        }
    }
}

/// What one check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[doc(hidden)]
pub enum Outcome {
    Matched,
    Unmatched,
    /// The bounded engine reached its step limit.
    Undecided,
    /// The engine refused the translation (the generator checks each one, so this does not
    /// happen in generated code).
    Uncompiled,
}

/// A compiled pattern, whichever engine checks it.
#[doc(hidden)]
pub trait Matcher {
    /// The pattern as the model writes it.
    fn source(&self) -> &'static str;
    /// Checks `value`: the pattern must match somewhere in it.
    fn matches(&self, value: &str) -> Outcome;
    /// Whether the engine accepts the translation.
    fn compiles(&self) -> bool;
}

/// A compiled `@pattern` on the linear-time engine, built once on first use.
#[doc(hidden)]
pub struct Pattern {
    source: &'static str,
    regex: &'static str,
    compiled: std::sync::OnceLock<Option<regex::Regex>>,
}

impl Pattern {
    /// The model's pattern `source`, checked as `regex`.
    pub const fn new(source: &'static str, regex: &'static str) -> Self {
        Pattern { source, regex, compiled: std::sync::OnceLock::new() }
    }

    fn compiled(&self) -> Option<&regex::Regex> {
        self.compiled.get_or_init(|| regex::Regex::new(self.regex).ok()).as_ref()
    }
}

impl Matcher for Pattern {
    fn source(&self) -> &'static str {
        self.source
    }

    fn matches(&self, value: &str) -> Outcome {
        match self.compiled() {
            Some(re) if re.is_match(value) => Outcome::Matched,
            Some(_) => Outcome::Unmatched,
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
    fn a_linear_pattern_matches_anywhere_and_never_backtracks() {
        let p = Pattern::new("^(a+)+$", "^(?:(?:a){1,}){1,}$");
        assert_eq!(p.matches("aaa"), Outcome::Matched);
        let hostile = format!("{}!", "a".repeat(4096));
        assert_eq!(p.matches(&hostile), Outcome::Unmatched);
        let q = Pattern::new("b", "b");
        assert_eq!(q.matches("abc"), Outcome::Matched);
    }

    #[test]
    fn a_refused_translation_is_reported_not_panicked() {
        let p = Pattern::new("(", "(");
        assert!(!p.compiles());
        assert_eq!(p.matches("x"), Outcome::Uncompiled);
    }
}
