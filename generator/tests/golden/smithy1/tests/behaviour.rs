//! A Smithy 1.0 model: `set` is a list, unboxed integers (zero default) are optional like boxed
//! ones, named and unnamed `@enum` values, `@sensitive` and `@error` with `@httpError`.

use fixture_smithy1::error::Oops;
use fixture_smithy1::operation::send::SendRequest;
use fixture_smithy1::types::ContentType;

#[test]
fn members_have_the_smithy_1_types() {
    let request = SendRequest {
        content_type: ContentType::Json,
        tags: Some(vec!["a".to_owned()]),
        count: Some(0),
        boxed: None,
        secret: None,
    };
    let _: &Option<Vec<String>> = &request.tags;
    let _: &Option<i32> = &request.count;
    let _: &Option<i32> = &request.boxed;
    let json = serde_json::to_string(&request).unwrap();
    assert_eq!(json, r#"{"contentType":"application/json","tags":["a"],"count":0}"#);
    // The zero default of an unboxed 1.0 integer is left to the service: absent stays absent.
    let absent: SendRequest = serde_json::from_str(r#"{"contentType":"text/plain"}"#).unwrap();
    assert_eq!(absent, SendRequest::new(ContentType::TextPlain));
    assert_eq!(absent.count, None);
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
    let request = SendRequest::new(ContentType::TextPlain).with_secret("hunter2");
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
