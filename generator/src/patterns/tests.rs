use super::*;

/// Does the translated pattern match `text` somewhere, as the generated crate checks it?
fn check(t: &Translation, text: &str) -> bool {
    match t.engine {
        Engine::Linear => regex::Regex::new(&t.regex).unwrap().is_match(text),
        Engine::Bounded => fancy_regex::RegexBuilder::new(&t.regex)
            .backtrack_limit(BACKTRACK_LIMIT)
            .build()
            .unwrap()
            .is_match(text)
            .unwrap(),
    }
}

fn enforced(source: &str) -> Translation {
    let plan = analyze(source);
    assert_eq!(plan.unenforced, None, "{source}");
    plan.model.unwrap()
}

/// Values that probe the places where engines disagree: line terminators, Unicode whitespace,
/// non-ASCII letters and digits, astral characters, word boundaries.
const PROBES: &[&str] = &[
    "",
    "a",
    "abc",
    "ABC",
    "a_b",
    "a-b",
    "a b",
    "a\tb",
    "a\nb",
    "a\rb",
    "a\u{2028}b",
    "a\u{85}b",
    "a\u{a0}b",
    "a\u{3000}b",
    "\u{feff}",
    "é",
    "Ünïcödé",
    "٣",
    "১২৩",
    "123",
    "12345678901234",
    "+14155550100",
    "x😀y",
    "😀",
    "arn:aws:connect:us-east-1:123456789012:instance/abc",
    "foo.bar",
    "foo@example.com",
    "[]{}()",
    "\\",
    "/path/to",
    "\u{0}",
    "\u{7f}",
    "ⅷ",
    "ǅ",
    "ß",
    "k",
    "K",
    "\u{212a}",
    "a1_",
    " lead",
    "trail ",
    "tab\t",
    "ab\u{301}",
];

/// ECMAScript patterns whose translation must agree with regress, the reference engine, on
/// every probe.
const ECMASCRIPT: &[&str] = &[
    r"^[a-zA-Z0-9_-]+$",
    r"^.*$",
    r".",
    r"^.$",
    r"^\d+$",
    r"\D",
    r"^\w+$",
    r"\W",
    r"\s",
    r"^\S+$",
    r"\bb",
    r"a\B",
    r"\ba\b",
    r"^\p{L}+$",
    r"^[\p{L}\p{M}\p{N}\s]*$",
    r"^[\P{C}\t\n]*$",
    r"^\P{L}*$",
    r"^[^\s]+$",
    r"^[^\d\s]+$",
    r"[\d-x]",
    r"^(?:ab|a)+$",
    r"^(a|b)*?c",
    r"^a{2,3}$",
    r"^.{1,5}$",
    r"^[\u0020-\uD7FF\uE000-\uFFFD\t\r\n]*$",
    r"[\uD800-\uDFFF]",
    r"[^\uD800-\uDFFF]",
    r"^\uD83D\uDE00$",
    r"^\u{1F600}$",
    r"^[\x00-\x7F]*$",
    r"^[\\/]",
    r"\.",
    r"^\+[1-9]\d{1,14}$",
    r"[]",
    r"[^]",
    r"^(?<word>\w+)$",
    r"^\p{Script=Greek}*$",
    r"^\p{Lu}",
    r"^\p{White_Space}$",
    r"\cJ",
    r"\0",
    r"^arn:aws[\w-]*:connect:",
    r"^$",
    r"|a",
    r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$",
    r"^(?!aws:)[A-Za-z0-9 _=@:.+-/]+$",
    r"(?<=a)b",
    r"(?<!a)b",
    r"^(?!\s+$).+",
    r"\b(?=\w)",
    // Counted repetitions at an unanchored end, reduced to their minimum.
    r"[^\p{C}]{1,2048}",
    r"a{2,5}",
    r"^a(?!b)+.$",
    r"^a(?=c)*.$",
    r"x{0,3}y{2,}",
    r"^b|c{2,9}",
    // A large class counted many times: its length checked by a lookahead.
    r"^[\P{C}\r\n\t]{1,250}$",
    r"^[\P{C}]{2,3}$",
    // Without Unicode mode (identity escapes of punctuation).
    r"^[a-zA-Z0-9\_\-:\/]+$",
    r"^\_\:\@$",
    r"a{",
    r"^[\w-\s]+$",
];

#[test]
fn ecmascript_patterns_mean_what_regress_says() {
    for source in ECMASCRIPT {
        let (t, dialect) = translate(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        assert_ne!(dialect, Dialect::Java, "{source}");
        let flags = if dialect == Dialect::Unicode { "u" } else { "" };
        let oracle = regress::Regex::with_flags(source, flags).unwrap();
        for probe in PROBES {
            assert_eq!(
                check(&t, probe),
                oracle.find(probe).is_some(),
                "pattern {source:?} (as {:?}) on {probe:?}",
                t.regex
            );
        }
    }
}

#[test]
fn lookaround_goes_to_the_bounded_engine_and_the_rest_to_the_linear_one() {
    assert_eq!(enforced(r"^[a-z]+$").engine, Engine::Linear);
    assert_eq!(enforced(r"\bword\b").engine, Engine::Linear);
    assert_eq!(enforced(r"^(?!aws:).+$").engine, Engine::Bounded);
    assert_eq!(enforced(r"(?=x)\b").engine, Engine::Bounded);
}

#[test]
fn java_patterns_keep_their_java_meaning() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (r"\Asnap-([0-9A-Fa-f]{8}|[0-9A-Fa-f]{17})\z", &["snap-0123abcd"], &["Asnap-0123abcdz", "xsnap-0123abcd"]),
        (r"^\p{Print}+$", &["Table name 1 ~"], &["tab\there", "é"]),
        (r"^[\p{Alnum}_]\P{Digit}$", &["a_", "Zx"], &["a1", "é_"]),
        (r"^[0-9\p{IsAlphabetic}+:,.@'&quot; -]*$", &["Zoë 12", "名前"], &["a!b"]),
        (r"[^\p{C}\p{IsWhitespace}]+", &["a b"], &[" \t", ""]),
        (r"(?s)^.{1,3}$", &["a\nb"], &["abcd"]),
        (r"\A.\z", &["a"], &["\u{85}", "\n"]),
        (r"(?i)^https?://[a-z]+\z", &["HTTPS://EXAMPLE", "http://x"], &["ftp://x", "http://\u{212a}"]),
        (r"^\p{all}{2}$", &["\n\u{0}"], &["a"]),
        (r"^\Qa.b\E$", &["a.b"], &["axb"]),
        (r"^\p{IsLatin}+$", &["abc"], &["αβγ"]),
        (r"\A\s+\z", &[" \t"], &["\u{a0}"]),
        // Flags set inside a group last to its end.
        (r"^(?:(?i)ab)c$", &["ABc"], &["ABC"]),
        (r"^[^/:|\000-\037]+$", &["abc"], &["a\u{1f}", "a/b"]),
        // Java repeats assertions and fixed-count possessives as the plain ones.
        (r"\Aa(?!b){1,3}.\z", &["ac"], &["ab"]),
        (r"^[0-9A-Z]{2}+$", &["AB"], &["A", "ABC"]),
        (r"^\d{1}+x$", &["1x"], &["12x"]),
        // Unicode mode refuses `\_`, and the legacy reading has no `\p`: Java's reading.
        (r"^[\p{L}\_]+$", &["é_a"], &["1"]),
        (r"^\x{41}\h\v$", &["A \n"], &["A\n\n"]),
    ];
    for (source, yes, no) in cases {
        let (t, dialect) = translate(source).unwrap_or_else(|e| panic!("{source}: {e}"));
        assert_eq!(dialect, Dialect::Java, "{source}");
        for v in *yes {
            assert!(check(&t, v), "{source} should match {v:?} (as {})", t.regex);
        }
        for v in *no {
            assert!(!check(&t, v), "{source} should not match {v:?} (as {})", t.regex);
        }
    }
}

#[test]
fn what_cannot_be_read_faithfully_is_not_enforced_and_never_fails() {
    for source in [
        r"^(?!.*?(.)\1{3})[a-z]*$", // backreference
        "^[a-z",                    // does not compile in any dialect
        r"^[a-z&&[^aeiou]]+$",      // Java class intersection
        r"^a*+$",                   // Java possessive quantifier
        r"\p{InGreek}",             // Java block
        r"(?m)^a$",                 // a flag without a translation
        r"^[\p{L}\q]+$",            // `\q` is an escape in no dialect
    ] {
        let plan = analyze(source);
        assert_eq!(plan.model, None, "{source}");
        assert!(plan.unenforced.is_some(), "{source}");
    }
}

#[test]
fn hostile_patterns_cost_microseconds() {
    let value = format!("{}!", "a".repeat(63));
    for source in [r"^(a+)+$", r"^(a|aa)+$", r"^(a*)*b$", r"^(?:(?=a)a+)+$", r"^(?:(?!b)(?:a|aa))+$"] {
        let t = enforced(source);
        let start = std::time::Instant::now();
        let matched = std::panic::catch_unwind(|| check(&t, &value));
        let took = start.elapsed();
        // The bounded engine gives up (an error, turned into a panic by `check`) or decides.
        assert!(matches!(matched, Ok(false) | Err(_)), "{source}");
        // Generous for a debug build on a busy machine; a backtracking engine takes minutes.
        assert!(took < std::time::Duration::from_secs(2), "{source}: {took:?}");
    }
}

#[test]
fn over_escaped_phone_number_is_detected_and_repaired() {
    // As in the official model: two backslashes in the pattern text.
    let p = analyze(r"^\\+[1-9]\\d{1,14}$");
    assert!(p.unenforced.unwrap().contains("twice"));
    assert_eq!(p.model, None);
    let (text, repaired) = p.strict.unwrap();
    assert_eq!(text, r"^\+[1-9]\d{1,14}$");
    assert!(check(&repaired, "+14155550100"));
    assert!(!check(&repaired, "14155550100x"));
}

#[test]
fn regex_literal_delimiters_are_detected() {
    let p = analyze(r"^/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$/$");
    assert!(p.unenforced.is_some());
    let (_, repaired) = p.strict.unwrap();
    assert!(check(&repaired, "Passw0rdOK"));
    assert!(!check(&repaired, "password"));
}

#[test]
fn a_genuine_literal_backslash_is_not_a_defect() {
    // `\\` followed by a letter that carries no escape meaning.
    let t = enforced(r"^C:\\Users$");
    assert!(check(&t, r"C:\Users"));
}
