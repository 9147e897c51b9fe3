//! `@pattern` support (feature `patterns`): the compiled patterns and the validator's check,
//! on the ECMAScript engine `regress`.

use super::validate::{Rule, Shown, Validator};

impl Validator {
    /// `@pattern`: the pattern must match somewhere in the value (it is not anchored).
    pub fn pattern(&mut self, value: &str, regex: Option<&regress::Regex>, pattern: &'static str, shown: Shown) {
        let matched = match regex {
            Some(re) => re.find(value).is_some(),
            None => {
                self.report(
                    Rule::Pattern { pattern },
                    format!("the model's pattern `{pattern}` could not be compiled"),
                );
                return;
            }
        };
        if !matched {
            let got = match shown {
                Shown::Value => format!("{value:?}"),
                Shown::Redacted => "the value".to_owned(),
            };
            self.report(Rule::Pattern { pattern }, format!("{got} does not match the pattern `{pattern}`"));
        }
    }
}

/// A compiled `@pattern`, built once on first use.
#[doc(hidden)]
pub struct Pattern {
    source: &'static str,
    flags: &'static str,
    compiled: std::sync::OnceLock<Option<regress::Regex>>,
}

impl Pattern {
    /// A pattern with its regress flags (`"u"` for Unicode mode).
    pub const fn new(source: &'static str, flags: &'static str) -> Self {
        Pattern { source, flags, compiled: std::sync::OnceLock::new() }
    }
    /// The source text.
    pub fn source(&self) -> &'static str {
        self.source
    }
    /// The compiled expression; `None` only if the engine refuses it (the generator checks
    /// every pattern, so this does not happen in generated code).
    pub fn regex(&self) -> Option<&regress::Regex> {
        self.compiled.get_or_init(|| regress::Regex::with_flags(self.source, self.flags).ok()).as_ref()
    }
}
