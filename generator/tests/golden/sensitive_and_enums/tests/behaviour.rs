//! Sensitive members and sensitive targets are redacted from `Debug`; enums the service sends
//! (in an output) keep values this version does not know, under a catch-all that steps aside
//! when the model itself has a member named like it.

use fixture_sensitive_and_enums::operation::login::LoginInput;
use fixture_sensitive_and_enums::types::{Credentials, Level, Mode};

#[test]
fn debug_redacts_members_and_sensitive_targets() {
    let input = LoginInput::builder()
        .user("ada")
        .password("hunter2")
        .pin(1234)
        .credentials(Credentials::builder().key("AKIDEXAMPLE").build())
        .mode(Mode::PlainText)
        .level(Level::High)
        .build();
    let text = format!("{input:?}");
    assert_eq!(
        text,
        "LoginInput { user: \"ada\", password: *** Sensitive Data Redacted ***, pin: *** Sensitive Data Redacted ***, \
         mode: Some(PlainText), level: Some(High), credentials: *** Sensitive Data Redacted *** }"
    );
    assert_eq!(
        format!("{:?}", Credentials::builder().key("k").build()),
        "Credentials { *** Sensitive Data Redacted *** }"
    );
}

#[test]
fn open_enums_keep_unknown_values() {
    assert_eq!(Mode::from("unknown"), Mode::Unknown);
    let later = Mode::from("text/html");
    assert_eq!(later.as_str(), "text/html");
    assert_eq!(serde_json::to_string(&later).unwrap(), "\"text/html\"");
    let level: Level = serde_json::from_str("7").unwrap();
    assert_eq!(level.as_i32(), 7);
    assert_eq!(serde_json::from_str::<Level>("10").unwrap(), Level::High);
}

#[test]
fn a_model_member_named_unknown_keeps_its_name_and_the_catch_all_moves_aside() {
    assert_eq!(Mode::VALUES, ["unknown", "text/plain"]);
    assert_eq!((Mode::Unknown.as_str(), Mode::PlainText.as_str()), ("unknown", "text/plain"));
    assert!(!Mode::Unknown.is_unknown());
    let later = Mode::from("text/html");
    assert!(later.is_unknown());
    match later {
        Mode::UnknownValue(value) => assert_eq!(value.as_str(), "text/html"),
        other => panic!("expected the catch-all, got {other:?}"),
    }
}

#[test]
fn int_enums_keep_unknown_values() {
    assert_eq!(Level::VALUES, [1, 10]);
    assert_eq!((Level::Low.as_i32(), Level::High.as_i32()), (1, 10));
    match Level::from(7) {
        Level::Unknown(value) => assert_eq!(value.value(), 7),
        other => panic!("expected the catch-all, got {other:?}"),
    }
    assert_eq!(serde_json::to_string(&Level::from(7)).unwrap(), "7");
}
