//! The code generated for every fixture compiles without warnings (keywords, std names,
//! recursion, Smithy 1.0, sensitive members, open and closed enums) and behaves: a scratch
//! workspace of fixture crates is built and tested with `cargo test`, offline, pinned to this
//! workspace's Cargo.lock.

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::{generate_from_json, Config};

const FIXTURES: &[&str] = &["keywords", "recursion", "smithy1", "sensitive_and_enums", "constraints"];

/// Behaviour tests compiled inside the fixture crates.
const TESTS: &[(&str, &str)] = &[
    (
        "constraints",
        r##"
use fixture_constraints::operation::put::PutInput;
use fixture_constraints::primitives::Blob;
use fixture_constraints::types::{Choice, Level, Mode};
use fixture_constraints::validate::{Validate, ValidationMode};

fn paths(input: &PutInput, mode: ValidationMode) -> Vec<String> {
    match input.validate_with(mode) {
        Ok(()) => vec![],
        Err(e) => e.violations().iter().map(|v| format!("{}: {}", v.path(), v.message())).collect(),
    }
}

fn base() -> PutInput {
    PutInput::default().with_name("n")
}

#[test]
fn over_escaped_pattern_never_refuses_what_the_service_accepts() {
    // The model's pattern asks for a literal backslash; the service accepts E.164 numbers.
    let ok = base().with_phone("+14155550100");
    assert!(paths(&ok, ValidationMode::Model).is_empty());
    assert!(paths(&ok, ValidationMode::Strict).is_empty(), "the repaired pattern accepts it too");
    let junk = base().with_phone("call me");
    assert!(paths(&junk, ValidationMode::Model).is_empty(), "not enforced by default");
    assert_eq!(paths(&junk, ValidationMode::Strict), ["phone: \"call me\" does not match the pattern `^\\+[1-9]\\d{1,14}$`"]);
}

#[test]
fn patterns_are_ecmascript_and_unanchored_unless_the_model_anchors_them() {
    assert!(paths(&base().with_e164("+14155550100"), ValidationMode::Model).is_empty());
    assert_eq!(paths(&base().with_e164("+0"), ValidationMode::Model).len(), 1);
    // A pattern with identity escapes (`\_`) compiles in non-Unicode mode and still works.
    assert!(paths(&base().with_view_id("a_b-c:d/e$"), ValidationMode::Model).is_empty());
    assert_eq!(paths(&base().with_view_id("a b"), ValidationMode::Model).len(), 1);
}

#[test]
fn sensitive_values_are_not_shown_in_pattern_messages() {
    let v = paths(&base().with_pin("12ab-SECRET"), ValidationMode::Model);
    assert_eq!(v, ["pin: the value does not match the pattern `^\\d{4}$`"]);
    let u = paths(&base().with_choice(Choice::Code("SECRET".into())), ValidationMode::Model);
    assert_eq!(u, ["choice.code: the value does not match the pattern `^\\d{4}$`"]);
}

#[test]
fn required_client_optional_members_are_checked_when_absent() {
    assert_eq!(paths(&PutInput::default(), ValidationMode::Model), ["name: is required but missing"]);
    // A required member with a default may be left unset: the default applies.
    assert!(paths(&base(), ValidationMode::Model).is_empty());
}

#[test]
fn unique_items_and_list_bounds() {
    let v = paths(&base().with_tags(vec!["a".into(), "b".into(), "a".into(), "".into()]), ValidationMode::Model);
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
    assert!(paths(&base().with_mode(Mode::Fast), ValidationMode::Model).is_empty());
    assert_eq!(paths(&base().with_mode(Mode::from("WARP")), ValidationMode::Model), ["mode: \"WARP\" is not one of: FAST, SLOW"]);
    assert_eq!(paths(&base().with_level(Level::from(7)), ValidationMode::Model), ["level: \"7\" is not one of: 1, 2"]);
}

#[test]
fn float_and_long_ranges() {
    for (r, ok) in [(0.49, false), (0.5, true), (1.5, true), (1.51, false), (f64::NAN, false)] {
        assert_eq!(paths(&base().with_ratio(r), ValidationMode::Model).is_empty(), ok, "{r}");
    }
    assert_eq!(paths(&base().with_big(-6), ValidationMode::Model), ["big: -6 is out of range: must be between -5 and 9007199254740993"]);
    assert!(paths(&base().with_big(9_007_199_254_740_993_i64), ValidationMode::Model).is_empty());
    assert_eq!(paths(&base().with_big(9_007_199_254_740_994_i64), ValidationMode::Model).len(), 1);
}

#[test]
fn blob_length_counts_bytes() {
    assert!(paths(&base().with_payload(Blob(vec![1, 2, 3, 4])), ValidationMode::Model).is_empty());
    assert_eq!(paths(&base().with_payload(Blob(vec![0; 5])), ValidationMode::Model), ["payload: length 5 is out of range: must be between 1 and 4 bytes"]);
    assert_eq!(paths(&base().with_payload(Blob(vec![])), ValidationMode::Model).len(), 1);
}
"##,
    ),
    (
        "sensitive_and_enums",
        r##"
use fixture_sensitive_and_enums::operation::login::LoginInput;
use fixture_sensitive_and_enums::types::{Credentials, Level, Mode};

#[test]
fn debug_redacts_members_and_sensitive_targets() {
    let input = LoginInput::new("ada", "hunter2")
        .with_pin(1234)
        .with_credentials(Credentials::default().with_key("AKIDEXAMPLE"))
        .with_mode(Mode::PlainText)
        .with_level(Level::High);
    let text = format!("{input:?}");
    assert_eq!(
        text,
        "LoginInput { user: \"ada\", password: *** Sensitive Data Redacted ***, pin: *** Sensitive Data Redacted ***, \
         mode: Some(PlainText), level: Some(High), credentials: *** Sensitive Data Redacted *** }"
    );
    assert_eq!(format!("{:?}", Credentials::default().with_key("k")), "Credentials { *** Sensitive Data Redacted *** }");
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
"##,
    ),
    (
        "recursion",
        r##"
use fixture_recursion::types::{Add, Expr, Node};

#[test]
fn recursive_values_round_trip() {
    let list = Node::default().with_value("a").with_next(Node::default().with_value("b"));
    let json = serde_json::to_string(&list).unwrap();
    assert_eq!(json, r#"{"value":"a","next":{"value":"b"}}"#);
    assert_eq!(serde_json::from_str::<Node>(&json).unwrap(), list);
    let e = Expr::Add(Box::new(Add::new(Expr::Lit(1), Expr::Neg(Box::new(Expr::Lit(2))))));
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(json, r#"{"add":{"left":{"lit":1},"right":{"neg":{"lit":2}}}}"#);
    assert_eq!(serde_json::from_str::<Expr>(&json).unwrap(), e);
}
"##,
    ),
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

#[test]
fn fixture_crates_compile_and_pass_their_tests() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fixture-crates");
    let _ = std::fs::remove_dir_all(dir.join("crates"));
    let mut members = Vec::new();
    for name in FIXTURES {
        let json = std::fs::read(workspace_root().join(format!("generator/tests/fixtures/{name}.json"))).unwrap();
        let config = Config { package: Some(format!("fixture-{}", name.replace('_', "-"))), ..Config::default() };
        let generated = generate_from_json(&json, &config).unwrap_or_else(|e| panic!("{name}: {e}"));
        let root = dir.join("crates").join(name);
        for f in &generated.files {
            let path = root.join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &f.contents).unwrap();
        }
        if let Some((_, test)) = TESTS.iter().find(|(n, _)| n == name) {
            std::fs::create_dir_all(root.join("tests")).unwrap();
            std::fs::write(root.join("tests/behaviour.rs"), test).unwrap();
        }
        members.push(format!("\"crates/{name}\""));
    }
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["test", "--offline", "--workspace", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("run cargo");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "fixture crates failed:\n{stdout}\n{stderr}");
    // Every behaviour test file ran (2 + 1 + 8 tests), and the pattern test of the constraints crate.
    assert!(stdout.contains("test result: ok. 2 passed"), "{stdout}");
    assert!(stdout.contains("test result: ok. 1 passed"), "{stdout}");
    assert!(stdout.contains("test result: ok. 8 passed"), "{stdout}");
}
