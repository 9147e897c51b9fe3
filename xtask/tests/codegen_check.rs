//! `cargo xtask codegen --check` keeps generated/ and the fixtures' golden crates honest: this
//! runs it on the committed crates, and on copies with an edited, a deleted and an added file.

use std::path::{Path, PathBuf};

use xtask::{codegen, golden_orphans_in, golden_targets_in, workspace_root, Options};

/// The check's report for every target that is not fresh.
fn stale(targets: Vec<Options>) -> Vec<String> {
    targets.into_iter().filter_map(|t| codegen(&Options { check: true, ..t }).unwrap().stale).collect()
}

#[test]
fn committed_generated_crates_are_fresh() {
    let reports = stale(xtask::project_targets());
    assert!(reports.is_empty(), "{}", reports.join("\n"));
}

#[test]
fn every_fixture_model_has_a_fresh_golden_crate() {
    let targets = xtask::golden_targets().unwrap();
    assert!(!targets.is_empty(), "no fixture models");
    let mut reports = stale(targets);
    reports.extend(xtask::golden_orphans().unwrap());
    assert!(reports.is_empty(), "golden crates differ from the generator's output:\n{}", reports.join("\n"));
}

/// A golden crate that is not a workspace member would never be built or tested.
#[test]
fn every_golden_crate_is_a_workspace_member() {
    let manifest = std::fs::read_to_string(xtask::workspace_root().join("Cargo.toml")).unwrap();
    let missing: Vec<String> = xtask::golden_targets()
        .unwrap()
        .iter()
        .map(|t| xtask::display(&t.out))
        .filter(|dir| !manifest.contains(&format!("\"{dir}\"")))
        .collect();
    assert!(missing.is_empty(), "add these to the workspace members in Cargo.toml: {missing:?}");
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
    let broken = text.replacen(
        "\"target\": \"com.amazonaws.connect#DisplayName\"",
        "\"target\": \"com.amazonaws.connect#NoSuchName\"",
        1,
    );
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
    std::fs::write(
        &model,
        r#"{"smithy":"2.0","shapes":{"ex#S":{"type":"structure","members":{"a":{"target":"ex#Gone"}}}}}"#,
    )
    .unwrap();
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

/// A fixture directory holding copies of the named fixture models, and an empty golden directory.
fn golden_scratch(models: &[&str]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (fixtures, golden) = (dir.path().join("fixtures"), dir.path().join("golden"));
    std::fs::create_dir_all(&fixtures).unwrap();
    for name in models {
        let model = workspace_root().join(format!("generator/tests/fixtures/{name}.json"));
        std::fs::copy(model, fixtures.join(format!("{name}.json"))).unwrap();
    }
    (dir, fixtures, golden)
}

#[test]
fn golden_crates_are_named_after_their_fixture_models() {
    let (_dir, fixtures, golden) = golden_scratch(&["smithy1", "sensitive_and_enums"]);
    std::fs::write(fixtures.join("notes.txt"), "not a model").unwrap();
    let targets = golden_targets_in(&fixtures, &golden).unwrap();
    let named: Vec<(&str, PathBuf)> = targets.iter().map(|t| (t.package.as_deref().unwrap(), t.out.clone())).collect();
    let expected = [
        ("fixture-sensitive-and-enums", golden.join("sensitive_and_enums")),
        ("fixture-smithy1", golden.join("smithy1")),
    ];
    assert_eq!(named, expected);
    let dev: Vec<String> = xtask::GOLDEN_DEV_DEPENDENCIES.iter().map(|d| d.to_string()).collect();
    assert!(targets.iter().all(|t| !t.standalone && t.rules.is_none() && t.dev_dependencies == dev));
}

#[test]
fn a_golden_crate_is_checked_in_full_and_its_tests_are_left_alone() {
    let (_dir, fixtures, golden) = golden_scratch(&["recursion"]);
    let target = golden_targets_in(&fixtures, &golden).unwrap().remove(0);
    let check = Options { check: true, ..target.clone() };
    // A new fixture model: every file of its golden crate is missing.
    let r = report(&check);
    assert!(r.contains("missing: ") && r.contains("recursion/Cargo.toml") && r.contains("recursion/src/lib.rs"), "{r}");
    assert!(r.contains("cargo xtask codegen"), "{r}");
    codegen(&target).unwrap();
    let crate_dir = golden.join("recursion");
    let behaviour = crate_dir.join("tests/behaviour.rs");
    std::fs::create_dir_all(behaviour.parent().unwrap()).unwrap();
    std::fs::write(&behaviour, "// hand-written\n").unwrap();
    assert!(codegen(&check).unwrap().stale.is_none(), "hand-written tests are not part of the generated set");

    let types = crate_dir.join("src/types.rs");
    let text = std::fs::read_to_string(&types).unwrap();
    std::fs::write(&types, text.replacen("pub struct Node {", "pub struct Node2 {", 1)).unwrap();
    std::fs::write(crate_dir.join("src/left_over.rs"), "// left over\n").unwrap();
    std::fs::remove_file(crate_dir.join("Cargo.toml")).unwrap();
    let r = report(&check);
    assert!(r.contains("1 file(s) differ, 1 missing, 1 extra"), "{r}");
    assert!(r.contains("\n-pub struct Node2 {\n") && r.contains("\n+pub struct Node {\n") && r.contains("@@ "), "{r}");
    assert!(r.contains("missing: ") && r.contains("recursion/Cargo.toml"), "{r}");
    assert!(r.contains("extra: ") && r.contains("recursion/src/left_over.rs"), "{r}");

    let fixed = codegen(&target).unwrap();
    assert_eq!((fixed.written, fixed.removed), (2, 1));
    assert!(codegen(&check).unwrap().stale.is_none());
    assert_eq!(std::fs::read_to_string(&behaviour).unwrap(), "// hand-written\n");
}

#[test]
fn a_golden_crate_without_a_fixture_model_is_reported_and_kept() {
    let (_dir, fixtures, golden) = golden_scratch(&["keywords"]);
    codegen(&golden_targets_in(&fixtures, &golden).unwrap().remove(0)).unwrap();
    assert_eq!(golden_orphans_in(&fixtures, &golden).unwrap(), None);
    std::fs::remove_file(fixtures.join("keywords.json")).unwrap();
    let r = golden_orphans_in(&fixtures, &golden).unwrap().expect("the orphan is reported");
    assert!(r.contains("golden/keywords has no fixture model") && r.contains("fixtures/keywords.json"), "{r}");
    assert!(golden_targets_in(&fixtures, &golden).unwrap().is_empty());
    assert!(golden.join("keywords/Cargo.toml").exists(), "nothing is deleted");
}
