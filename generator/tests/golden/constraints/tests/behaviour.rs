//! Validation of the model's constraints: patterns (ECMAScript, repaired when over-escaped),
//! lengths, ranges, unique items, required members and enum membership, with sensitive values
//! kept out of the messages.

use fixture_constraints::operation::put::{PutInput, PutInputBuilder};
use fixture_constraints::primitives::Blob;
use fixture_constraints::types::{Choice, Level, Mode};
use fixture_constraints::validate::{Validate, ValidationMode};

fn paths(input: &PutInput, mode: ValidationMode) -> Vec<String> {
    match input.validate_with(mode) {
        Ok(()) => vec![],
        Err(e) => e.violations().iter().map(|v| format!("{}: {}", v.path(), v.message())).collect(),
    }
}

fn base() -> PutInputBuilder {
    PutInput::builder().name("n")
}

#[test]
fn over_escaped_pattern_never_refuses_what_the_service_accepts() {
    // The model's pattern asks for a literal backslash; the service accepts E.164 numbers.
    let ok = base().phone("+14155550100").build();
    assert!(paths(&ok, ValidationMode::Model).is_empty());
    assert!(paths(&ok, ValidationMode::Strict).is_empty(), "the repaired pattern accepts it too");
    let junk = base().phone("call me").build();
    assert!(paths(&junk, ValidationMode::Model).is_empty(), "not enforced by default");
    assert_eq!(
        paths(&junk, ValidationMode::Strict),
        ["phone: \"call me\" does not match the pattern `^\\+[1-9]\\d{1,14}$`"]
    );
}

#[test]
fn patterns_are_ecmascript_and_unanchored_unless_the_model_anchors_them() {
    assert!(paths(&base().e164("+14155550100").build(), ValidationMode::Model).is_empty());
    assert_eq!(paths(&base().e164("+0").build(), ValidationMode::Model).len(), 1);
    // A pattern with identity escapes (`\_`) compiles in non-Unicode mode and still works.
    assert!(paths(&base().view_id("a_b-c:d/e$").build(), ValidationMode::Model).is_empty());
    assert_eq!(paths(&base().view_id("a b").build(), ValidationMode::Model).len(), 1);
}

#[test]
fn lookaround_is_checked_by_the_bounded_engine() {
    assert!(paths(&base().tag_key("team:blue").build(), ValidationMode::Model).is_empty());
    assert_eq!(
        paths(&base().tag_key("aws:reserved").build(), ValidationMode::Model),
        ["tag_key: \"aws:reserved\" does not match the pattern `^(?!aws:)[a-z:]+$`"]
    );
}

#[test]
fn a_catastrophic_pattern_is_checked_in_linear_time() {
    // `^(a+)+$` takes a backtracking engine 2^n steps on `aaa…a!`; the automaton reads each
    // character once. Measured in the closing note; here, only that it finishes and decides.
    let hostile = format!("{}!", "a".repeat(64));
    let v = paths(&base().nested(hostile).build(), ValidationMode::Model);
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(paths(&base().nested("a".repeat(64)).build(), ValidationMode::Model).is_empty());
}

#[test]
fn java_dialect_patterns_keep_their_java_meaning() {
    // `\A` and `\z` are Java's anchors, not the letters `A` and `z`.
    assert!(paths(&base().snapshot_id("snap-0123abcd").build(), ValidationMode::Model).is_empty());
    assert_eq!(paths(&base().snapshot_id("Asnap-0123abcdz").build(), ValidationMode::Model).len(), 1);
    assert_eq!(paths(&base().snapshot_id("snap-0123abcd\n").build(), ValidationMode::Model).len(), 1);
}

#[test]
fn a_pattern_no_engine_reads_faithfully_is_not_enforced() {
    // `^(.)\1$` needs a backreference: the generator warned, and nothing is refused.
    assert!(paths(&base().twice("ab").build(), ValidationMode::Model).is_empty());
    assert!(paths(&base().twice("ab").build(), ValidationMode::Strict).is_empty());
}

#[test]
fn sensitive_values_are_not_shown_in_pattern_messages() {
    let v = paths(&base().pin("12ab-SECRET").build(), ValidationMode::Model);
    assert_eq!(v, ["pin: the value does not match the pattern `^\\d{4}$`"]);
    let u = paths(&base().choice(Choice::Code("SECRET".into())).build(), ValidationMode::Model);
    assert_eq!(u, ["choice.code: the value does not match the pattern `^\\d{4}$`"]);
}

#[test]
fn required_client_optional_members_are_checked_when_absent() {
    assert_eq!(paths(&PutInput::default(), ValidationMode::Model), ["name: is required but missing"]);
    // A required member with a default may be left unset: the default applies.
    assert!(paths(&base().build(), ValidationMode::Model).is_empty());
}

#[test]
fn unique_items_and_list_bounds() {
    let v = paths(&base().tags(["a", "b", "a", ""]).build(), ValidationMode::Model);
    assert_eq!(
        v,
        [
            "tags: length 4 is out of range: must be at most 3 items",
            "tags[2]: repeats item 0; items must be unique",
            "tags[3]: length 0 is out of range: must be at least 1 characters",
        ]
    );
}

#[test]
fn enums_that_can_hold_other_values_are_checked_for_membership() {
    assert!(paths(&base().mode(Mode::Fast).build(), ValidationMode::Model).is_empty());
    assert_eq!(
        paths(&base().mode(Mode::from("WARP")).build(), ValidationMode::Model),
        ["mode: \"WARP\" is not one of: FAST, SLOW"]
    );
    assert_eq!(
        paths(&base().level(Level::from(7)).build(), ValidationMode::Model),
        ["level: \"7\" is not one of: 1, 2"]
    );
}

#[test]
fn float_and_long_ranges() {
    for (r, ok) in [(0.49, false), (0.5, true), (1.5, true), (1.51, false), (f64::NAN, false)] {
        assert_eq!(paths(&base().ratio(r).build(), ValidationMode::Model).is_empty(), ok, "{r}");
    }
    assert_eq!(
        paths(&base().big(-6).build(), ValidationMode::Model),
        ["big: -6 is out of range: must be between -5 and 9007199254740993"]
    );
    assert!(paths(&base().big(9_007_199_254_740_993_i64).build(), ValidationMode::Model).is_empty());
    assert_eq!(paths(&base().big(9_007_199_254_740_994_i64).build(), ValidationMode::Model).len(), 1);
}

#[test]
fn blob_length_counts_bytes() {
    assert!(paths(&base().payload(Blob(vec![1, 2, 3, 4])).build(), ValidationMode::Model).is_empty());
    assert_eq!(
        paths(&base().payload(Blob(vec![0; 5])).build(), ValidationMode::Model),
        ["payload: length 5 is out of range: must be between 1 and 4 bytes"]
    );
    assert_eq!(paths(&base().payload(Blob(vec![])).build(), ValidationMode::Model).len(), 1);
}
