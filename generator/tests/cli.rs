//! `smithy-codegen`, run as a user runs it: it writes a standalone crate (or lists its files),
//! prints the generator's warnings, and fails with a message naming the file it could not use.

use std::path::Path;
use std::process::{Command, Output};

/// One operation whose input has a member with a defective pattern (regex-literal slashes kept),
/// which the generator warns about.
const MODEL: &str = r#"{"smithy":"2.0","shapes":{
    "ex#Svc":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],
        "traits":{"aws.protocols#restJson1":{},"aws.api#service":{"sdkId":"Cli Example"}}},
    "ex#Op":{"type":"operation","input":{"target":"ex#In"},
        "traits":{"smithy.api#http":{"method":"POST","uri":"/op"}}},
    "ex#In":{"type":"structure","members":{"name":{"target":"ex#Name"}}},
    "ex#Name":{"type":"string","traits":{"smithy.api#pattern":"^/[a-z]+/$"}}
}}"#;

fn smithy_codegen(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_smithy-codegen")).args(args).output().expect("run smithy-codegen")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write_model(dir: &Path) -> std::path::PathBuf {
    let model = dir.join("model.json");
    std::fs::write(&model, MODEL).unwrap();
    model
}

#[test]
fn writes_a_standalone_crate_and_prints_the_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let model = write_model(dir.path());
    let out = dir.path().join("crate");
    let run =
        smithy_codegen(&["--model".as_ref(), model.as_os_str(), "--all".as_ref(), "--out".as_ref(), out.as_os_str()]);
    let stderr = text(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("warning: shape `ex#Name`: @pattern `^/[a-z]+/$` is not enforced by default"), "{stderr}");
    assert!(stderr.contains(&format!("files (3 shapes, 1 operations) to {}", out.display())), "{stderr}");
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"amazon-cli-example\"") && manifest.contains("[workspace]"), "{manifest}");
    assert!(out.join("src/lib.rs").is_file());
}

#[test]
fn deny_warnings_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let model = write_model(dir.path());
    let out = dir.path().join("crate");
    let args = ["--model".as_ref(), model.as_os_str(), "--out".as_ref(), out.as_os_str(), "--deny-warnings".as_ref()];
    let run = smithy_codegen(&args);
    let stderr = text(&run.stderr);
    assert!(!run.status.success(), "{stderr}");
    assert!(stderr.contains("warning: shape `ex#Name`"), "{stderr}");
    assert!(stderr.contains("error: 1 warning and --deny-warnings: nothing written"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn without_out_it_lists_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let model = write_model(dir.path());
    let run = smithy_codegen(&["--model".as_ref(), model.as_os_str(), "--package".as_ref(), "cli-ex".as_ref()]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let stdout = text(&run.stdout);
    assert!(stdout.lines().any(|l| l.starts_with("Cargo.toml\t") && l.ends_with(" bytes")), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("src/lib.rs\t")), "{stdout}");
    assert!(text(&run.stderr).contains("warning: shape `ex#Name`"));
    assert!(!dir.path().join("Cargo.toml").exists() && !dir.path().join("src").exists());
}

#[test]
fn a_missing_model_or_rules_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone.json");
    let run = smithy_codegen(&["--model".as_ref(), gone.as_os_str()]);
    assert!(!run.status.success());
    let stderr = text(&run.stderr);
    assert!(stderr.starts_with(&format!("error: cannot read {}: ", gone.display())), "{stderr}");
    let model = write_model(dir.path());
    let run = smithy_codegen(&["--model".as_ref(), model.as_os_str(), "--rules".as_ref(), gone.as_os_str()]);
    assert!(!run.status.success());
    assert!(text(&run.stderr).starts_with(&format!("error: cannot read {}: ", gone.display())));
}

#[test]
fn with_all_an_operation_left_out_is_named_in_a_warning() {
    // `ex#Watch` needs an event stream, which the generator does not support yet.
    let model = r#"{"smithy":"2.0","shapes":{
        "ex#Svc":{"type":"service","version":"1","operations":[{"target":"ex#Get"},{"target":"ex#Watch"}],
            "traits":{"aws.protocols#awsJson1_0":{},"aws.api#service":{"sdkId":"Cli Example"}}},
        "ex#Get":{"type":"operation"},
        "ex#Watch":{"type":"operation","output":{"target":"ex#Out"}},
        "ex#Out":{"type":"structure","members":{"events":{"target":"ex#Events"}}},
        "ex#Events":{"type":"union","members":{"a":{"target":"smithy.api#String"}},"traits":{"smithy.api#streaming":{}}}
    }}"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.json");
    std::fs::write(&path, model).unwrap();
    let run = smithy_codegen(&["--model".as_ref(), path.as_os_str(), "--all".as_ref()]);
    let stderr = text(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: operation `ex#Watch` is left out: unsupported: shape `ex#Events`: event streams"),
        "{stderr}"
    );
}
