//! A Smithy 1.0 model: `set` is a list, unboxed integers (zero default) are optional like boxed
//! ones, named and unnamed `@enum` values, `@sensitive` and `@error` with `@httpError`.

use fixture_smithy1::error::Oops;
use fixture_smithy1::operation::send::SendRequest;
use fixture_smithy1::types::ContentType;

#[test]
fn members_have_the_smithy_1_types() {
    let request = SendRequest::builder().content_type(ContentType::Json).tags(["a"]).count(0).build();
    let _: &Option<Vec<String>> = &request.tags;
    let _: &Option<i32> = &request.count;
    let _: &Option<i32> = &request.boxed;
    let json = serde_json::to_string(&request).unwrap();
    assert_eq!(json, r#"{"contentType":"application/json","tags":["a"],"count":0}"#);
    // The zero default of an unboxed 1.0 integer is left to the service: absent stays absent.
    let absent = SendRequest::builder().content_type(ContentType::TextPlain).build();
    assert_eq!(absent.count, None);
    assert_eq!(serde_json::to_string(&absent).unwrap(), r#"{"contentType":"text/plain"}"#);
}

#[test]
fn enum_variants_are_named_from_the_name_or_the_value() {
    let named = [ContentType::TextPlain, ContentType::Json, ContentType::V1Legacy];
    let wire: Vec<&str> = named.iter().map(ContentType::as_str).collect();
    assert_eq!(wire, ContentType::VALUES);
    assert_eq!(wire, ["text/plain", "application/json", "1-legacy"]);
    assert!(ContentType::from("text/csv").is_unknown());
}

#[test]
fn sensitive_members_are_redacted() {
    let request = SendRequest::builder().content_type(ContentType::TextPlain).secret("hunter2").build();
    let text = format!("{request:?}");
    assert!(text.contains("secret: *** Sensitive Data Redacted ***"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
}

#[test]
fn errors_carry_their_status_and_fault() {
    assert_eq!(Oops::CODE, "Oops");
    assert_eq!(Oops::HTTP_STATUS, Some(503));
    const { assert!(Oops::SERVER_FAULT) };
}
