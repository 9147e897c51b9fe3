//! `@pattern` at generation time: read every pattern, translate it for the engine the generated
//! crate checks it with, and detect patterns that are defective in the model itself, so the
//! client never refuses what the service accepts and no value makes `validate()` slow.
//!
//! # Which engine checks which pattern
//!
//! | the pattern | engine | cost of one check |
//! | --- | --- | --- |
//! | no lookaround (almost all) | the `regex` crate ([`Engine::Linear`]) | linear in the value's length |
//! | lookahead or lookbehind | `fancy-regex` ([`Engine::Bounded`]), its lookaround-free parts delegated to `regex` | at most [`BACKTRACK_LIMIT`] backtracking steps |
//! | a backreference, or no reading at all | none: not enforced, with a warning naming the shape | nothing |
//!
//! Neither engine reads ECMAScript, so the pattern is parsed here (module `parse`) and written out
//! with its ECMAScript meaning explicit (module `render`): `.` excludes exactly ECMAScript's line
//! terminators, `\d`, `\w` and `\b` are ASCII, `\s` is ECMAScript's whitespace. Patterns
//! written in Java's dialect, as several AWS services validate them, are read with their Java
//! meaning (`\A`, `\z`, `\p{IsAlphabetic}`, `\p{Alnum}`, `(?s)`, `(?i)`, `\Q…\E`).
//!
//! # Defects
//!
//! Found in the official Amazon Connect model:
//! - over-escaping: `^\\+[1-9]\\d{1,14}$` asks for a literal backslash where `\+` and `\d`
//!   were meant, so it refuses `+14155550100`;
//! - regex-literal delimiters: `^/^(…)$/$` keeps the `/…/` of a JavaScript literal, so it can
//!   match nothing.
//!
//! A defective pattern is not enforced in `Model` mode; its repair is enforced in `Strict` mode.

mod parse;
mod render;

pub use parse::Dialect;
pub use render::Engine;

/// How many times the bounded engine may backtrack in one check: about a millisecond of work in
/// a release build. A value it cannot decide within the bound is let through for the service to
/// judge, as a pattern we cannot read is.
pub const BACKTRACK_LIMIT: usize = 10_000;

/// A pattern as one of the generated crate's engines checks it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Translation {
    /// The pattern in the engine's syntax, its ECMAScript (or Java) meaning spelled out.
    pub regex: String,
    pub engine: Engine,
}

/// How the generated crate treats one pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternPlan {
    /// What `Model` mode enforces; `None` when the pattern is not enforced as written.
    pub model: Option<Translation>,
    /// A defective pattern's repair (its text and translation), enforced in `Strict` mode only.
    pub strict: Option<(String, Translation)>,
    /// Why the pattern is not enforced as written (a warning for the maintainer).
    pub unenforced: Option<String>,
    /// The grammar the pattern was read with, when it could be read.
    pub dialect: Option<Dialect>,
}

/// Reads `source` and decides how to enforce it. This never fails: a pattern with no faithful
/// translation, or a defective one, is not enforced in `Model` mode, and the plan says why.
pub fn analyze(source: &str) -> PatternPlan {
    if let Some(defect) = detect_defect(source) {
        let strict = defect.repaired.and_then(|r| translate(&r).ok().map(|(t, _)| (r, t)));
        return PatternPlan { model: None, strict, unenforced: Some(defect.reason), dialect: None };
    }
    match translate(source) {
        Ok((t, dialect)) => PatternPlan { model: Some(t), strict: None, unenforced: None, dialect: Some(dialect) },
        Err(why) => PatternPlan { model: None, strict: None, unenforced: Some(why), dialect: None },
    }
}

/// `source` for the engine that can check it: read as ECMAScript in Unicode mode, else without
/// it, else as Java (see module `parse`); the ECMAScript readings must also be ones the reference
/// engine `regress` accepts. The translation must compile with the engine the crate ships.
pub fn translate(source: &str) -> Result<(Translation, Dialect), String> {
    let mut first_error = None;
    for dialect in [Dialect::Unicode, Dialect::Legacy, Dialect::Java] {
        let node = match parse::parse(source, dialect) {
            Ok(node) => node,
            Err(e) => {
                first_error.get_or_insert(e);
                continue;
            }
        };
        let flags = if dialect == Dialect::Unicode { "u" } else { "" };
        if dialect != Dialect::Java && regress::Regex::with_flags(source, flags).is_err() {
            continue;
        }
        let (regex, engine) = render::render(&node)?;
        let (regex, engine) = match compile(&regex, engine) {
            Ok(()) => (regex, engine),
            // A large class counted many times is beyond the automaton's size limit; its
            // length goes to a lookahead instead.
            Err(e) => match render::counted_class(&node).filter(|_| e.contains("size limit")) {
                Some(n) => {
                    let (regex, engine) = render::render(&n)?;
                    compile(&regex, engine).map_err(|e| format!("its translation does not compile: {e}"))?;
                    (regex, engine)
                }
                None => return Err(format!("its translation does not compile: {e}")),
            },
        };
        return Ok((Translation { regex, engine }, dialect));
    }
    Err(format!("it is neither ECMAScript nor Java with a translation ({})", first_error.unwrap_or_default()))
}

/// Whether the engine accepts `regex`, as the generated crate builds it.
fn compile(regex: &str, engine: Engine) -> Result<(), String> {
    match engine {
        Engine::Linear => regex::Regex::new(regex).map(drop).map_err(|e| e.to_string()),
        Engine::Bounded => fancy_regex::RegexBuilder::new(regex)
            .backtrack_limit(BACKTRACK_LIMIT)
            .build()
            .map(drop)
            .map_err(|e| e.to_string()),
    }
}

/// A pattern that looks wrong in the model itself.
struct Defect {
    reason: String,
    /// The pattern as it was presumably meant.
    repaired: Option<String>,
}

/// Characters that make `\c` an escape with a meaning (class, assertion or quoted metachar).
const MEANINGFUL_ESCAPES: &str = "dDwWsSbBpPnrtfv0+*?.()[]{}|^$/-";
/// Inside a class, a doubled backslash before punctuation only adds `\\` to the set, so the
/// pattern still accepts what was meant; before a class escape's letter it loses the class.
const MEANINGFUL_CLASS_ESCAPES: &str = "dDwWsSpPnrtfv";

fn detect_defect(source: &str) -> Option<Defect> {
    // A literal backslash (`\\`) directly before a character that would make a meaningful
    // escape: the model escaped its escapes once too often.
    let chars: Vec<char> = source.chars().collect();
    let mut over_escaped = false;
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '[' => in_class = true,
            ']' => in_class = false,
            _ => {}
        }
        if chars[i] == '\\' {
            if chars.get(i + 1) == Some(&'\\') {
                let meaningful = if in_class { MEANINGFUL_CLASS_ESCAPES } else { MEANINGFUL_ESCAPES };
                if chars.get(i + 2).is_some_and(|c| meaningful.contains(*c)) {
                    over_escaped = true;
                }
                i += 2;
                continue;
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    if over_escaped {
        let repaired = Some(source.replace("\\\\", "\\"));
        return Some(Defect {
            reason: "the pattern escapes its backslashes twice (`\\\\d` where `\\d` is meant), so it would refuse values the service accepts".into(),
            repaired,
        });
    }
    // `^/…/$`: the delimiters of a JavaScript regex literal kept inside the pattern.
    if source.len() > 4 && source.starts_with("^/") && source.ends_with("/$") {
        let inner = &source[2..source.len() - 2];
        let repaired = Some(inner.to_owned());
        return Some(Defect {
            reason: "the pattern keeps the `/…/` delimiters of a JavaScript regex literal, so it can match nothing"
                .into(),
            repaired,
        });
    }
    None
}

#[cfg(test)]
mod tests;
