//! `@pattern` at generation time: compile every pattern with the engine the generated crate
//! uses (regress, ECMAScript), refuse what it cannot compile, and detect patterns that are
//! defective in the model itself so the client never refuses what the service accepts.
//!
//! Flags: Unicode mode (`u`) is tried first, because models use `\p{L}` and `\P{C}`, which
//! only mean a property in Unicode mode. Unicode mode refuses identity escapes such as `\_`;
//! a pattern that needs them compiles without `u`, unless it also uses property escapes, in
//! which case no reading is faithful and generation fails.
//!
//! Defects found in the official Amazon Connect model:
//! - over-escaping: `^\\+[1-9]\\d{1,14}$` asks for a literal backslash where `\+` and `\d`
//!   were meant, so it refuses `+14155550100`;
//! - regex-literal delimiters: `^/^(…)$/$` keeps the `/…/` of a JavaScript literal, so it can
//!   match nothing.

/// How the generated crate treats one pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternPlan {
    pub source: String,
    /// regress flags: `"u"` or `""`.
    pub flags: &'static str,
    /// Set when the pattern looks defective: it is then not enforced in `Model` mode.
    pub defect: Option<Defect>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defect {
    pub reason: String,
    /// The pattern as it was presumably meant, enforced in `Strict` mode when present.
    pub repaired: Option<(String, &'static str)>,
}

/// Compiles `source` and decides how to enforce it. `Err` names why the engine refuses it.
pub fn analyze(source: &str) -> Result<PatternPlan, String> {
    // Java's POSIX classes (`\p{Print}`) are not ECMAScript, but each is a fixed ASCII set: the
    // pattern means the same with the set written out.
    let source = &java_posix_classes(source);
    let flags = flags_for(source)?;
    let defect = detect_defect(source);
    Ok(PatternPlan { source: source.to_owned(), flags, defect })
}

/// The US-ASCII POSIX classes of Java's `java.util.regex.Pattern`, as ECMAScript class contents.
const JAVA_POSIX: &[(&str, &str)] = &[
    ("Lower", "a-z"),
    ("Upper", "A-Z"),
    ("ASCII", "\\x00-\\x7F"),
    ("Alpha", "a-zA-Z"),
    ("Digit", "0-9"),
    ("Alnum", "a-zA-Z0-9"),
    ("Punct", "\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E"),
    ("Graph", "\\x21-\\x7E"),
    ("Print", "\\x20-\\x7E"),
    ("Blank", " \\t"),
    ("Cntrl", "\\x00-\\x1F\\x7F"),
    ("XDigit", "0-9a-fA-F"),
    ("Space", " \\t\\n\\x0B\\f\\r"),
];

/// `source` with each Java POSIX class (`\p{Print}`, and `\P{Print}` outside brackets) written
/// out as the ASCII set it stands for; anything else is left as it is.
fn java_posix_classes(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_class = false;
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let negated = rest.starts_with("\\P{");
            if rest.starts_with("\\p{") || negated {
                let name_end = rest.find('}');
                let found = name_end.and_then(|end| {
                    let name = &rest[3..end];
                    JAVA_POSIX.iter().find(|(n, _)| *n == name).map(|(_, set)| (end, *set))
                });
                match found {
                    Some((end, set)) if !in_class => {
                        out.push_str(if negated { "[^" } else { "[" });
                        out.push_str(set);
                        out.push(']');
                        rest = &rest[end + 1..];
                        continue;
                    }
                    Some((end, set)) if !negated => {
                        out.push_str(set);
                        rest = &rest[end + 1..];
                        continue;
                    }
                    _ => {}
                }
            }
            // Any other escape: copied whole, so an escaped bracket does not open a class.
            let len = rest.chars().take(2).map(char::len_utf8).sum::<usize>();
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        match c {
            '[' => in_class = true,
            ']' => in_class = false,
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn uses_property_escapes(source: &str) -> bool {
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('p' | 'P') => return true,
                _ => continue,
            }
        }
    }
    false
}

fn flags_for(source: &str) -> Result<&'static str, String> {
    match regress::Regex::with_flags(source, "u") {
        Ok(_) => Ok("u"),
        Err(unicode_err) => {
            if uses_property_escapes(source) {
                return Err(format!(
                    "pattern `{source}` does not compile as an ECMAScript regular expression: {unicode_err}"
                ));
            }
            regress::Regex::with_flags(source, "")
                .map(|_| "")
                .map_err(|e| format!("pattern `{source}` does not compile as an ECMAScript regular expression: {e}"))
        }
    }
}

/// Characters that make `\c` an escape with a meaning (class, assertion or quoted metachar).
const MEANINGFUL_ESCAPES: &str = "dDwWsSbBpPnrtfv0+*?.()[]{}|^$/-";

fn detect_defect(source: &str) -> Option<Defect> {
    // A literal backslash (`\\`) directly before a character that would make a meaningful
    // escape: the model escaped its escapes once too often.
    let chars: Vec<char> = source.chars().collect();
    let mut over_escaped = false;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' {
            if chars.get(i + 1) == Some(&'\\') {
                if chars.get(i + 2).is_some_and(|c| MEANINGFUL_ESCAPES.contains(*c)) {
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
        let repaired = source.replace("\\\\", "\\");
        let repaired = flags_for(&repaired).ok().map(|f| (repaired, f));
        return Some(Defect {
            reason: "the pattern escapes its backslashes twice (`\\\\d` where `\\d` is meant), so it would refuse values the service accepts".into(),
            repaired,
        });
    }
    // `^/…/$`: the delimiters of a JavaScript regex literal kept inside the pattern.
    if source.len() > 4 && source.starts_with("^/") && source.ends_with("/$") {
        let inner = &source[2..source.len() - 2];
        let repaired = flags_for(inner).ok().map(|f| (inner.to_owned(), f));
        return Some(Defect {
            reason: "the pattern keeps the `/…/` delimiters of a JavaScript regex literal, so it can match nothing"
                .into(),
            repaired,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(plan: &(String, &'static str), text: &str) -> bool {
        regress::Regex::with_flags(&plan.0, plan.1).unwrap().find(text).is_some()
    }

    #[test]
    fn ordinary_patterns_are_enforced_in_unicode_mode() {
        let p = analyze(r"^\+[1-9]\d{1,14}$").unwrap();
        assert_eq!((p.flags, p.defect), ("u", None));
        assert_eq!(analyze(r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$").unwrap().flags, "u");
    }

    #[test]
    fn identity_escapes_fall_back_to_plain_mode() {
        let p = analyze(r"^[a-zA-Z0-9\_\-:\/]+$").unwrap();
        assert_eq!(p.flags, "");
        assert_eq!(p.defect, None);
    }

    #[test]
    fn java_posix_classes_are_written_out() {
        let p = analyze(r"^\p{Print}+$").unwrap();
        assert_eq!((p.source.as_str(), p.flags, p.defect), (r"^[\x20-\x7E]+$", "u", None));
        let plan = (p.source, p.flags);
        assert!(matches(&plan, "Table name 1 ~"));
        assert!(!matches(&plan, "tab\there") && !matches(&plan, "é"));
        assert_eq!(java_posix_classes(r"[\p{Alnum}_]\P{Digit}"), r"[a-zA-Z0-9_][^0-9]");
        // Unicode properties, escaped brackets and unknown names stay as they are.
        assert_eq!(java_posix_classes(r"\[\p{L}\p{Foo}\]"), r"\[\p{L}\p{Foo}\]");
    }

    #[test]
    fn uncompilable_patterns_are_refused() {
        let e = analyze("^[a-z").unwrap_err();
        assert!(e.contains("^[a-z"), "{e}");
        assert!(analyze(r"(?<x>a)(?<x>b)").is_err());
        // Property escapes plus something Unicode mode refuses: no faithful reading.
        assert!(analyze(r"^[\p{L}\_]+$").is_err());
    }

    #[test]
    fn over_escaped_phone_number_is_detected_and_repaired() {
        // As in the official model: two backslashes in the pattern text.
        let p = analyze(r"^\\+[1-9]\\d{1,14}$").unwrap();
        let defect = p.defect.expect("defect");
        // As written, the pattern refuses a valid E.164 number…
        assert!(regress::Regex::with_flags(&p.source, p.flags).unwrap().find("+14155550100").is_none());
        // …the repaired one accepts it and still refuses junk.
        let repaired = defect.repaired.unwrap();
        assert_eq!(repaired.0, r"^\+[1-9]\d{1,14}$");
        assert!(matches(&repaired, "+14155550100"));
        assert!(!matches(&repaired, "14155550100x"));
    }

    #[test]
    fn regex_literal_delimiters_are_detected() {
        let p = analyze(r"^/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$/$").unwrap();
        let d = p.defect.unwrap();
        let repaired = d.repaired.unwrap();
        assert!(matches(&repaired, "Passw0rdOK"));
        assert!(!matches(&repaired, "password"));
    }

    #[test]
    fn a_genuine_literal_backslash_is_not_a_defect() {
        // `\\` followed by a letter that carries no escape meaning.
        assert_eq!(analyze(r"^C:\\Users$").unwrap().defect, None);
    }
}
