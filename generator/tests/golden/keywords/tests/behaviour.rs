//! Members and shapes named like Rust keywords or std types get escaped Rust names, and keep
//! the model's names on the wire. The setter calls and type annotations below are the
//! assertions: they compile only with exactly these names and types.

use fixture_keywords::operation::r#match::{MatchInput, Option as MatchOutput};
use fixture_keywords::primitives::UnknownEnumValue;
use fixture_keywords::types::{Box as Closed, Option2, Result as Outcome, String as Text};

#[test]
fn keywords_and_std_names_are_escaped() {
    let input = MatchInput::builder()
        .r#type("t")
        .self_("me")
        .crate_(1)
        .r#async(Outcome::builder().ok(true).build())
        .string(Text::builder().self_(7).build())
        .r#box(Closed::Self_)
        .build();
    let _: &std::string::String = &input.r#type;
    let _: &std::option::Option<String> = &input.self_;
    let _: &std::option::Option<i32> = &input.crate_;
    let _: &std::option::Option<bool> = &input.r#async.as_ref().unwrap().ok;
    let _: &std::option::Option<i64> = &input.string.as_ref().unwrap().self_;
    assert_eq!(input.r#box, Some(Closed::Self_));
    // An input is only sent: it serializes with the model's names.
    let json = serde_json::to_value(&input).unwrap();
    let wire = r#"{"type":"t","Self":"me","crate":1,"async":{"Ok":true},"String":{"self":7},"Box":"self"}"#;
    assert_eq!(json, serde_json::from_str::<serde_json::Value>(wire).unwrap());
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

#[test]
fn enum_variants_named_like_associated_items_still_convert() {
    use fixture_keywords::types::{Level, Outcome as Named};
    // `Error`, `Err` and `Ok` are variants here and associated types or variants elsewhere: the
    // conversions name their error types in full, so neither is ambiguous.
    assert_eq!("ERROR".parse::<Named>().unwrap(), Named::Error);
    assert_eq!(Named::try_from("Err").unwrap(), Named::Err);
    assert_eq!(Named::try_from("OK").unwrap(), Named::Ok);
    assert_eq!(Named::Values.as_str(), "`VALUES`\t");
    assert!(Named::try_from("error").is_err());
    assert_eq!(Level::try_from(1).unwrap(), Level::Error);
    assert_eq!(Level::try_from(2).unwrap(), Level::Err);
}
