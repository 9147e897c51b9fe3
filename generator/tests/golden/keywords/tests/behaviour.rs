//! Members and shapes named like Rust keywords or std types get escaped Rust names, and keep
//! the model's names on the wire. The struct literals and type annotations below are the
//! assertions: they compile only with exactly these names and types.

use fixture_keywords::operation::r#match::{MatchInput, Option as MatchOutput};
use fixture_keywords::primitives::UnknownEnumValue;
use fixture_keywords::types::{Box as Closed, Option2, Result as Outcome, String as Text};

#[test]
fn keywords_and_std_names_are_escaped() {
    let input = MatchInput {
        r#type: "t".to_owned(),
        self_: Some("me".to_owned()),
        crate_: Some(1),
        r#async: Some(Outcome { ok: Some(true) }),
        string: Some(Text { self_: Some(7) }),
        r#box: Some(Closed::Self_),
    };
    let _: &std::string::String = &input.r#type;
    let _: &std::option::Option<i32> = &input.crate_;
    let _: &std::option::Option<i64> = &input.string.as_ref().unwrap().self_;
    let built = MatchInput::new("t")
        .with_self_("me")
        .with_crate_(1)
        .with_async(Outcome::default().with_ok(true))
        .with_string(Text::default().with_self_(7))
        .with_box(Closed::Self_);
    assert_eq!(built, input);
    let json = serde_json::to_value(&input).unwrap();
    let wire = r#"{"type":"t","Self":"me","crate":1,"async":{"Ok":true},"String":{"self":7},"Box":"self"}"#;
    assert_eq!(json, serde_json::from_str::<serde_json::Value>(wire).unwrap());
    assert_eq!(serde_json::from_value::<MatchInput>(json).unwrap(), input);
}

#[test]
fn a_union_named_like_option_keeps_some_none_and_unknown_members() {
    let output: MatchOutput = serde_json::from_str(r#"{"Vec":[{"Some":"x"},{"None":{}},{"Later":3}]}"#).unwrap();
    let members = output.vec.unwrap();
    assert_eq!(members[..2], [Option2::Some("x".to_owned()), Option2::None]);
    match &members[2] {
        Option2::Unknown(unknown) => {
            assert_eq!((unknown.name(), unknown.value()), ("Later", &serde_json::json!(3)));
        }
        other => panic!("expected the unknown member, got {other:?}"),
    }
}

#[test]
fn an_input_only_enum_is_closed() {
    // Exhaustive without a wildcard: the enum has no catch-all variant.
    match Closed::Self_ {
        Closed::Self_ => {}
    }
    assert_eq!("self".parse::<Closed>().unwrap(), Closed::Self_);
    let err: UnknownEnumValue = "other".parse::<Closed>().unwrap_err();
    assert_eq!(err.value(), "other");
    assert_eq!(err.to_string(), "`other` is not a value of Box (expected one of: self)");
    assert!(serde_json::from_str::<Closed>("\"other\"").is_err());
}
