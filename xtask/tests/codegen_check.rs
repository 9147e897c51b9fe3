//! `cargo xtask codegen --check` keeps generated/ honest: this runs it on the committed crate,
//! and on copies with an edited, a deleted and an added file.

use std::path::{Path, PathBuf};

use xtask::{codegen, workspace_root, Options};

#[test]
fn committed_generated_crates_are_fresh() {
    let mut shapes = Vec::new();
    for target in xtask::project_targets() {
        let opts = Options { check: true, ..target };
        let outcome = codegen(&opts).unwrap();
        if let Some(report) = outcome.stale {
            panic!("{} is stale; run `cargo xtask codegen`.\n{report}", opts.out.display());
        }
        shapes.push(outcome.shapes);
    }
    assert_eq!(shapes, [42, 38]);
}

/// A scratch copy of the generated crate's generator-owned files.
fn scratch() -> (tempfile::TempDir, Options) {
    let dir = tempfile::tempdir().unwrap();
    let opts = Options { out: dir.path().to_path_buf(), ..Options::project_default() };
    codegen(&opts).unwrap();
    (dir, Options { check: true, ..opts })
}

fn report(opts: &Options) -> String {
    codegen(opts).unwrap().stale.expect("the check should fail")
}

fn path(dir: &Path, rel: &str) -> PathBuf {
    dir.join(rel)
}

#[test]
fn an_edited_file_fails_with_a_unified_diff() {
    let (dir, opts) = scratch();
    assert!(codegen(&opts).unwrap().stale.is_none(), "a fresh copy passes");
    let types = path(dir.path(), "src/types.rs");
    let text = std::fs::read_to_string(&types).unwrap();
    std::fs::write(&types, text.replacen("pub struct ChatMessage {", "pub struct ChatMessage2 {", 1)).unwrap();
    let r = report(&opts);
    assert!(r.contains("1 file(s) differ, 0 missing, 0 extra"), "{r}");
    assert!(r.contains("src/types.rs (on disk)") && r.contains("src/types.rs (generated)"), "{r}");
    assert!(r.contains("\n-pub struct ChatMessage2 {\n") && r.contains("\n+pub struct ChatMessage {\n"), "{r}");
    assert!(r.contains("@@ "), "a unified diff has hunk headers: {r}");
    assert!(r.contains("cargo xtask codegen"), "{r}");
    // Check mode changed nothing.
    assert!(std::fs::read_to_string(&types).unwrap().contains("ChatMessage2"));
}

#[test]
fn a_deleted_file_and_an_added_file_are_named() {
    let (dir, opts) = scratch();
    std::fs::remove_file(path(dir.path(), "src/error.rs")).unwrap();
    std::fs::write(path(dir.path(), "src/operation/stale_op.rs"), "// left over\n").unwrap();
    let r = report(&opts);
    assert!(r.contains("0 file(s) differ, 1 missing, 1 extra"), "{r}");
    assert!(r.contains("missing: ") && r.contains("src/error.rs"), "{r}");
    assert!(r.contains("extra: ") && r.contains("src/operation/stale_op.rs"), "{r}");
    // Regenerating repairs both: writes the missing file, removes the extra one.
    let fixed = codegen(&Options { check: false, ..opts.clone() }).unwrap();
    assert_eq!((fixed.written, fixed.removed), (1, 1));
    assert!(!path(dir.path(), "src/operation/stale_op.rs").exists());
    assert!(codegen(&opts).unwrap().stale.is_none());
}

#[test]
fn line_endings_do_not_count_as_changes() {
    let (dir, opts) = scratch();
    let lib = path(dir.path(), "src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, text.replace('\n', "\r\n")).unwrap();
    assert!(codegen(&opts).unwrap().stale.is_none());
}

#[test]
fn a_malformed_model_is_an_error_naming_the_shape() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("bad.json");
    let text = std::fs::read_to_string(workspace_root().join("model/connect.json")).unwrap();
    // Point a member at a shape that does not exist.
    let broken = text.replacen("\"target\": \"com.amazonaws.connect#DisplayName\"", "\"target\": \"com.amazonaws.connect#NoSuchName\"", 1);
    assert_ne!(broken, text);
    std::fs::write(&model, broken).unwrap();
    let opts = Options { model, out: dir.path().join("out"), ..Options::project_default() };
    let err = codegen(&opts).unwrap_err();
    assert!(err.contains("com.amazonaws.connect#ParticipantDetails$DisplayName"), "{err}");
    assert!(err.contains("com.amazonaws.connect#NoSuchName"), "{err}");
    assert!(!dir.path().join("out").exists(), "nothing is written for a bad model");
}

#[test]
fn the_command_line_exits_non_zero_on_a_bad_model() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("bad.json");
    std::fs::write(&model, r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"a":{"target":"ex#Gone"}}}}}"#).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--model"])
        .arg(&model)
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ex#S$a") && stderr.contains("ex#Gone"), "{stderr}");
}

#[test]
fn the_readme_example_is_the_compiled_one() {
    let root = workspace_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let example = std::fs::read_to_string(root.join("generated/examples/readme.rs")).unwrap();
    let code = example.split_once("\n\n").map(|(_, code)| code).unwrap();
    assert!(readme.contains(&format!("```rust\n{code}```")), "README.md and generated/examples/readme.rs differ");
}
