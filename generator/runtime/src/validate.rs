//! Checks a request against the model's constraints before it is sent.
//!
//! Every input-side structure and union implements [`Validate`]. A check walks the whole value,
//! nested and recursive values included, and collects *every* violation, each with the path to
//! the offending member in Rust terms (`participant_details.display_name`,
//! `segment_attributes["tier"].value_list[2].value_string`), the rule, the bound and what was
//! measured. Values of `@sensitive` members never appear in messages.
//!
//! # Modes
//!
//! - [`ValidationMode::Model`] (the default) checks the constraint traits of the model:
//!   `@required`, `@length` (strings count Unicode scalar values, lists and maps count entries,
//!   blobs count bytes), `@range`, `@pattern` (ECMAScript, unanchored), `@uniqueItems`, and
//!   enum membership. These are the service's published contract, so a request that fails them
//!   would be refused by the service anyway: failing early saves a round trip and names every
//!   problem at once.
//! - [`ValidationMode::Strict`] adds rules the service documents in prose but the model does
//!   not carry as traits (for example "the content types must include `text/plain`"). They are
//!   opt-in because prose drifts: the service may relax a rule before the documentation says so.
//! - [`ValidationMode::Off`] sends whatever it is given.
//!
//! A few patterns in the official models are defective (over-escaped, so that they would refuse
//! values the service accepts). The generator detects them: they are not enforced in `Model`
//! mode, and their repaired form is enforced in `Strict` mode.

use std::fmt;

/// How much checking happens before a request is sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ValidationMode {
    /// Send without checking.
    Off,
    /// Check the model's constraint traits (the default).
    #[default]
    Model,
    /// Check the model's constraint traits and the service's documented rules.
    Strict,
}

/// A value that can be checked against the model before it is sent.
pub trait Validate {
    /// Checks the model's constraints ([`ValidationMode::Model`]).
    fn validate(&self) -> Result<(), ValidationError> {
        self.validate_with(ValidationMode::Model)
    }

    /// Checks in the given mode, collecting every violation.
    fn validate_with(&self, mode: ValidationMode) -> Result<(), ValidationError> {
        if mode == ValidationMode::Off {
            return Ok(());
        }
        let mut validator = Validator::new(mode);
        self.validate_into(&mut validator);
        validator.finish(Self::TYPE_NAME)
    }

    /// The type's name in messages.
    #[doc(hidden)]
    const TYPE_NAME: &'static str;

    /// Adds this value's violations to `validator`, at its current path.
    #[doc(hidden)]
    fn validate_into(&self, validator: &mut Validator);
}

/// What kind of rule a value broke.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// `@required`: the member must be set.
    Required,
    /// `@length`, with the bounds and the measured length.
    Length {
        /// Inclusive minimum, if any.
        min: Option<u64>,
        /// Inclusive maximum, if any.
        max: Option<u64>,
        /// The measured length.
        actual: u64,
    },
    /// `@range`, with the bounds as the model writes them.
    Range {
        /// Inclusive minimum, if any.
        min: Option<&'static str>,
        /// Inclusive maximum, if any.
        max: Option<&'static str>,
    },
    /// `@pattern`: the ECMAScript regular expression the value must match somewhere.
    Pattern {
        /// The pattern.
        pattern: &'static str,
    },
    /// The value is not one the enum defines.
    Enum,
    /// `@uniqueItems`: the item at the path repeats an earlier one.
    UniqueItems,
    /// A rule from the service's documentation (checked in [`ValidationMode::Strict`]).
    Documented {
        /// A short identifier of the rule.
        id: &'static str,
    },
}

/// One broken rule, at one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    path: String,
    rule: Rule,
    message: String,
}

impl Violation {
    /// Where: a Rust-style path from the validated value (`participant_details.display_name`).
    pub fn path(&self) -> &str {
        &self.path
    }
    /// Which rule.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
    /// What is wrong, with the bound and what was measured (never a sensitive value).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A value broke one or more rules; nothing was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    type_name: &'static str,
    violations: Vec<Violation>,
}

impl ValidationError {
    /// Every violation, in a stable order (the order of members in the model, depth first).
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        write!(f, "invalid {}: {n} violation{}", self.type_name, if n == 1 { "" } else { "s" })?;
        for v in &self.violations {
            write!(f, "\n  - {v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

#[derive(Clone, Debug)]
enum Segment {
    Field(&'static str),
    Index(usize),
    Key(String),
}

/// Walks a value and collects violations; used by the generated [`Validate`] impls.
#[doc(hidden)]
#[derive(Debug)]
pub struct Validator {
    mode: ValidationMode,
    path: Vec<Segment>,
    violations: Vec<Violation>,
    in_key: bool,
}

/// Whether the value at hand may be shown in messages.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Value,
    Redacted,
}

impl Validator {
    fn new(mode: ValidationMode) -> Self {
        Validator { mode, path: Vec::new(), violations: Vec::new(), in_key: false }
    }

    fn finish(self, type_name: &'static str) -> Result<(), ValidationError> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { type_name, violations: self.violations })
        }
    }

    /// Whether documented (prose) rules are checked.
    pub fn strict(&self) -> bool {
        self.mode == ValidationMode::Strict
    }

    fn path_text(&self) -> String {
        let mut out = String::new();
        for s in &self.path {
            match s {
                Segment::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
                Segment::Key(k) => {
                    out.push('[');
                    out.push_str(k);
                    out.push(']');
                }
            }
        }
        out
    }

    /// Records a violation at the current path.
    pub fn report(&mut self, rule: Rule, message: String) {
        let path = self.path_text();
        let message = if self.in_key { format!("map key: {message}") } else { message };
        self.violations.push(Violation { path, rule, message });
    }

    // The generated checks step into a member, item or entry and back out with `enter_*` and
    // `leave`, in straight-line code: no closure per check, which the compiler would type-check,
    // build and (in a release build) instantiate one by one.

    /// One member deeper, until [`Validator::leave`].
    pub fn enter_field(&mut self, name: &'static str) {
        self.path.push(Segment::Field(name));
    }

    /// Into a list item, until [`Validator::leave`].
    pub fn enter_index(&mut self, index: usize) {
        self.path.push(Segment::Index(index));
    }

    /// Into a map entry, until [`Validator::leave`].
    pub fn enter_key(&mut self, key: &str, shown: Shown) {
        let text = match shown {
            Shown::Value => format!("{key:?}"),
            Shown::Redacted => "<redacted>".to_owned(),
        };
        self.path.push(Segment::Key(text));
    }

    /// Back out of the member, item or entry entered last.
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// Onto the key of the current map entry (messages say so), until
    /// [`Validator::leave_map_key`].
    pub fn enter_map_key(&mut self) {
        self.in_key = true;
    }

    /// Back from the key to the entry.
    pub fn leave_map_key(&mut self) {
        self.in_key = false;
    }

    /// `@required` on a member whose Rust type allows absence.
    pub fn required(&mut self, present: bool) {
        if !present {
            self.report(Rule::Required, "is required but missing".to_owned());
        }
    }

    /// `@length` on a string: counts Unicode scalar values.
    pub fn length_chars(&mut self, value: &str, min: Option<u64>, max: Option<u64>) {
        let actual = value.chars().count() as u64;
        self.length(actual, min, max, "characters");
    }

    /// `@length` on a list or map (entries) or a blob (bytes).
    pub fn length(&mut self, actual: u64, min: Option<u64>, max: Option<u64>, unit: &str) {
        let below = min.is_some_and(|m| actual < m);
        let above = max.is_some_and(|m| actual > m);
        if below || above {
            let bound = match (min, max) {
                (Some(a), Some(b)) if a == b => format!("exactly {a}"),
                (Some(a), Some(b)) => format!("between {a} and {b}"),
                (Some(a), None) => format!("at least {a}"),
                (None, Some(b)) => format!("at most {b}"),
                (None, None) => String::new(),
            };
            let message = format!("length {actual} is out of range: must be {bound} {unit}");
            self.report(Rule::Length { min, max, actual }, message);
        }
    }

    /// `@range` on an integer (bounds are integral).
    pub fn range_int(
        &mut self,
        value: i64,
        min: Option<(i64, &'static str)>,
        max: Option<(i64, &'static str)>,
        shown: Shown,
    ) {
        let below = min.is_some_and(|(m, _)| value < m);
        let above = max.is_some_and(|(m, _)| value > m);
        if below || above {
            let got = if shown == Shown::Value { value.to_string() } else { "the value".to_owned() };
            self.range_report(got, min.map(|m| m.1), max.map(|m| m.1));
        }
    }

    /// `@range` on a float, or on an integer with fractional bounds. NaN is out of any range.
    pub fn range_float(
        &mut self,
        value: f64,
        min: Option<(f64, &'static str)>,
        max: Option<(f64, &'static str)>,
        shown: Shown,
    ) {
        let below = min.is_some_and(|(m, _)| value.is_nan() || value < m);
        let above = max.is_some_and(|(m, _)| value.is_nan() || value > m);
        if below || above {
            let got = if shown == Shown::Value { value.to_string() } else { "the value".to_owned() };
            self.range_report(got, min.map(|m| m.1), max.map(|m| m.1));
        }
    }

    fn range_report(&mut self, got: String, min: Option<&'static str>, max: Option<&'static str>) {
        let bound = match (min, max) {
            (Some(a), Some(b)) => format!("between {a} and {b}"),
            (Some(a), None) => format!("at least {a}"),
            (None, Some(b)) => format!("at most {b}"),
            (None, None) => String::new(),
        };
        self.report(Rule::Range { min, max }, format!("{got} is out of range: must be {bound}"));
    }

    /// Enum membership, for enums that can hold values outside the model.
    pub fn enum_value(&mut self, known: bool, value: &str, allowed: &[&str], shown: Shown) {
        if !known {
            let got = match shown {
                Shown::Value => format!("{value:?}"),
                Shown::Redacted => "the value".to_owned(),
            };
            self.report(Rule::Enum, format!("{got} is not one of: {}", allowed.join(", ")));
        }
    }

    /// `@uniqueItems`: reports each item that repeats an earlier one.
    pub fn unique_items<T: PartialEq>(&mut self, items: &[T]) {
        for (i, item) in items.iter().enumerate() {
            if let Some(first) = items[..i].iter().position(|earlier| earlier == item) {
                self.enter_index(i);
                self.report(Rule::UniqueItems, format!("repeats item {first}; items must be unique"));
                self.leave();
            }
        }
    }

    /// A documented rule broke (checked only in strict mode by the generated code).
    pub fn documented(&mut self, id: &'static str, message: String) {
        self.report(Rule::Documented { id }, message);
    }
}
