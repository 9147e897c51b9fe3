//! The code generated for every fixture compiles without warnings (keywords, std names,
//! recursion, Smithy 1.0, sensitive members, open and closed enums) and behaves: a scratch
//! workspace of fixture crates is built and tested with `cargo test`, offline, pinned to this
//! workspace's Cargo.lock.

use std::path::{Path, PathBuf};
use std::process::Command;

use generator::{generate_from_json, Config};

const FIXTURES: &[&str] = &["keywords", "recursion", "smithy1", "sensitive_and_enums"];

/// Behaviour tests compiled inside the fixture crates.
const TESTS: &[(&str, &str)] = &[
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
    // Both behaviour test files ran.
    assert!(stdout.matches("test result: ok. 2 passed").count() >= 1, "{stdout}");
    assert!(stdout.contains("test result: ok. 1 passed"), "{stdout}");
}
