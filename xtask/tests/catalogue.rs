//! `cargo xtask catalogue`'s pure parts: which files are models, what cargo's JSON messages say,
//! and the table. (Building crates is the command's job, not these tests'.)

use std::path::Path;
use std::time::Duration;

use xtask::catalogue::cargo::{failed_tests, judge_build, judge_test, lint_summary, parse, passed_tests};
use xtask::catalogue::discover::{default_models_dir, discover, known, select, unique_names};
use xtask::catalogue::table::{seconds, summary, table, DETAIL_WIDTH};
use xtask::catalogue::{ModelFile, Row, Status};

fn touch(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, "{}").unwrap();
}

fn names(models: &[ModelFile]) -> Vec<&str> {
    models.iter().map(|m| m.name.as_str()).collect()
}

#[test]
fn a_directory_holds_json_models_and_botocore_services() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    touch(&d.join("kinesis.json"));
    touch(&d.join("connect.json"));
    touch(&d.join("connect.rules.json"));
    touch(&d.join("README.md"));
    // botocore: the newest version of a service is the model.
    touch(&d.join("sqs/2012-11-05/service-2.json"));
    touch(&d.join("sqs/2012-11-05/paginators-1.json"));
    touch(&d.join("sdb/2007-11-07/service-2.json"));
    touch(&d.join("sdb/2009-04-15/service-2.json"));
    touch(&d.join("sdb/2010-01-01/paginators-1.json")); // no service-2.json: not a version
    touch(&d.join("notes/todo.txt")); // a directory that is not a service
    let models = discover(d, false).unwrap();
    assert_eq!(names(&models), ["connect", "kinesis", "sdb", "sqs"]);
    let by = |n: &str| models.iter().find(|m| m.name == n).unwrap();
    assert_eq!(by("sdb").path, d.join("sdb/2009-04-15/service-2.json"));
    assert_eq!(by("sqs").path, d.join("sqs/2012-11-05/service-2.json"));
    assert_eq!(by("connect").rules.as_deref(), Some(d.join("connect.rules.json").as_path()));
    assert_eq!(by("kinesis").rules, None);
    assert!(models.iter().all(|m| !m.fixture && m.package().is_none()));
}

#[test]
fn a_missing_directory_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let e = discover(&dir.path().join("nope"), false).unwrap_err();
    assert!(e.starts_with("cannot list ") && e.contains("nope"), "{e}");
}

#[test]
fn the_fixture_models_are_found_and_named_like_their_golden_crates() {
    let models = discover(&xtask::fixtures_dir(), true).unwrap();
    assert!(names(&models).contains(&"sensitive_and_enums"), "{:?}", names(&models));
    let m = models.iter().find(|m| m.name == "sensitive_and_enums").unwrap();
    assert_eq!(m.package().as_deref(), Some("fixture-sensitive-and-enums"));
    let golden = xtask::golden_targets().unwrap();
    assert_eq!(models.len(), golden.len(), "one catalogue row per golden crate");
}

#[test]
fn the_models_directory_comes_from_the_environment_first() {
    let root = Path::new("/w/main");
    assert_eq!(default_models_dir(Some("/m".into()), root), Path::new("/m"));
    assert_eq!(default_models_dir(None, root), root.join("../shared/models"));
    assert_eq!(default_models_dir(Some("".into()), root), root.join("../shared/models"), "set but empty");
}

#[test]
fn names_are_made_unique_and_filtered() {
    let mut models: Vec<ModelFile> = ["connect", "dynamodb", "connect", "connect-2", "connect"]
        .iter()
        .map(|n| ModelFile::new(n, format!("{n}.json"), false))
        .collect();
    unique_names(&mut models);
    assert_eq!(names(&models), ["connect", "dynamodb", "connect-3", "connect-2", "connect-4"]);
    let only = select(models.clone(), &["dynamodb".into(), "connect-2".into()]).unwrap();
    assert_eq!(names(&only), ["dynamodb", "connect-2"]);
    assert_eq!(select(models.clone(), &[]).unwrap().len(), 5);
    let e = select(models.clone(), &["dynamo".into()]).unwrap_err();
    assert!(e.starts_with("--only dynamo: no such model") && e.contains("connect, dynamodb"), "{e}");
    let e = known(&only, &["connect".into()], "--test").unwrap_err();
    assert!(e.starts_with("--test connect: no such model"), "{e}");
}

/// A cargo `compiler-message` line.
fn message(level: &str, code: Option<&str>, text: &str, at: Option<(&str, u32, u32)>, target: &str) -> String {
    let spans = match at {
        Some((file, line, col)) => serde_json::json!([
            {"file_name": "src/other.rs", "line_start": 1, "column_start": 1, "is_primary": false},
            {"file_name": file, "line_start": line, "column_start": col, "is_primary": true}
        ]),
        None => serde_json::json!([]),
    };
    serde_json::json!({
        "reason": "compiler-message",
        "package_id": "path+file:///t#x@0.1.0",
        "target": {"kind": [target], "name": "x"},
        "message": {
            "level": level,
            "code": code.map(|c| serde_json::json!({"code": c, "explanation": null})),
            "message": text,
            "spans": spans,
            "rendered": format!("{level}: {text}\n"),
        }
    })
    .to_string()
}

fn output(lines: &[String]) -> String {
    let mut all = vec![r#"{"reason":"compiler-artifact","target":{"name":"serde"}}"#.to_string()];
    all.extend(lines.iter().cloned());
    all.push("not json: a build script's line".to_string());
    all.push(r#"{"reason":"build-finished","success":false}"#.to_string());
    all.join("\n")
}

#[test]
fn messages_are_read_once_each_with_their_primary_span() {
    let lint = message(
        "error",
        Some("clippy::large_enum_variant"),
        "large size difference",
        Some(("src/types.rs", 7, 1)),
        "lib",
    );
    let other = message(
        "error",
        Some("clippy::large_enum_variant"),
        "large size difference",
        Some(("src/types.rs", 90, 1)),
        "lib",
    );
    let out = output(&[
        lint.clone(),
        lint.replace("\"lib\"", "\"test\""), // the same lint again, from the library's unit tests
        other,
        message("error", None, "aborting due to 2 previous errors", None, "lib"),
        message("warning", None, "3 warnings emitted", None, "lib"),
    ]);
    let d = parse(&out);
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(d[0].location.as_deref(), Some("src/types.rs:7:1"));
    assert_eq!(d[1].location.as_deref(), Some("src/types.rs:90:1"));
    assert_eq!(d[0].lint(), Some("clippy::large_enum_variant"));
    assert!(!d[0].is_hard_error());
    assert_eq!(d[0].rendered, "error: large size difference\n");
}

#[test]
fn denied_lints_are_summarised_most_frequent_first() {
    let at = |line| Some(("src/lib.rs", line, 5));
    let out = output(&[
        message("error", Some("unused_variables"), "unused variable: `y`", at(1), "lib"),
        message("error", Some("clippy::large_enum_variant"), "large", at(2), "lib"),
        message("error", Some("clippy::large_enum_variant"), "large", at(3), "lib"),
        message("error", Some("clippy::large_enum_variant"), "large", at(4), "lib"),
        message("error", Some("clippy::len_zero"), "length comparison to zero", at(5), "lib"),
        message("warning", Some("dead_code"), "never used", at(6), "lib"),
    ]);
    assert_eq!(
        lint_summary(&parse(&out), "error"),
        "clippy::large_enum_variant ×3, clippy::len_zero ×1, unused_variables ×1"
    );
    let (status, detail) = judge_build(false, &out, "error: could not compile `x` (lib) due to 5 previous errors");
    assert_eq!(status, Status::ClippyFailed);
    assert_eq!(detail, "clippy::large_enum_variant ×3, clippy::len_zero ×1, unused_variables ×1");
}

#[test]
fn a_hard_error_is_a_failed_check_and_the_first_one_is_shown() {
    let out = output(&[
        message("error", Some("clippy::len_zero"), "length comparison to zero", Some(("src/a.rs", 1, 1)), "lib"),
        message("error", Some("E0308"), "mismatched types", Some(("src/types.rs", 12, 5)), "lib"),
        message("error", None, "expected one of `,` or `}`", Some(("src/b.rs", 3, 9)), "lib"),
        message("error", Some("E0425"), "cannot find value `x`", Some(("src/c.rs", 4, 2)), "lib"),
    ]);
    let (status, detail) = judge_build(false, &out, "");
    assert_eq!(status, Status::CheckFailed);
    assert_eq!(detail, "error[E0308]: mismatched types (src/types.rs:12:5) (+2 more errors)");
    let one = output(&[message("error", None, "expected item", Some(("src/b.rs", 3, 9)), "lib")]);
    assert_eq!(judge_build(false, &one, "").1, "error: expected item (src/b.rs:3:9)");
}

#[test]
fn a_failure_without_compiler_messages_shows_cargos_first_error() {
    let stderr = "    Updating crates.io index\nerror: failed to select a version for `tokio`.\n  required by …\n";
    assert_eq!(
        judge_build(false, &output(&[]), stderr),
        (Status::CheckFailed, "error: failed to select a version for `tokio`.".to_string())
    );
    assert_eq!(judge_build(false, "", "").1, "cargo failed");
}

#[test]
fn a_passing_build_is_ok_and_names_the_warnings_it_let_through() {
    assert_eq!(judge_build(true, &output(&[]), ""), (Status::Ok, String::new()));
    let warned =
        output(&[message("warning", Some("dead_code"), "never used", Some(("../runtime/src/x.rs", 1, 1)), "lib")]);
    assert_eq!(judge_build(true, &warned, ""), (Status::Ok, "warnings: dead_code ×1".to_string()));
}

#[test]
fn failed_tests_are_named() {
    let out = "running 3 tests\n.F.\nfailures:\n\n---- endpoint::tests::fips stdout ----\nthread panicked\n\n\
               ---- endpoint::tests::dualstack stdout ----\n\nfailures:\n    endpoint::tests::fips\n\n\
               test result: FAILED. 1 passed; 2 failed\n";
    assert_eq!(failed_tests(out), ["endpoint::tests::fips", "endpoint::tests::dualstack"]);
    assert_eq!(passed_tests(out), 1, "the summary of a failed run counts too");
    assert_eq!(
        judge_test(false, out),
        (Status::TestFailed, "2 tests failed: endpoint::tests::fips, endpoint::tests::dualstack".to_string())
    );
    assert_eq!(judge_test(false, "error[E0433]: failed to resolve\n").1, "error[E0433]: failed to resolve");
    let passed = "running 40 tests\n....\ntest result: ok. 40 passed; 0 failed; 0 ignored\n\n\
                  running 0 tests\n\ntest result: ok. 0 passed; 0 failed\n\
                  running 2 tests\ntest result: ok. 2 passed; 0 failed; 1 ignored\n";
    assert_eq!(judge_test(true, passed), (Status::Ok, "42 tests passed".to_string()));
}

fn row(name: &str, status: Status, detail: &str) -> Row {
    Row {
        status,
        operations: Some(370),
        shapes: Some(2499),
        warnings: Some(14),
        generate: Some(Duration::from_millis(8_730)),
        build: Some(Duration::from_secs(61)),
        detail: detail.to_string(),
        ..Row::new(name)
    }
}

#[test]
fn the_table_aligns_its_columns_and_marks_steps_not_run() {
    let rows = vec![
        row("connect", Status::Ok, ""),
        row("kinesis", Status::ClippyFailed, "clippy::large_enum_variant ×3"),
        Row { status: Status::GenerateFailed, detail: "bad.json: version is missing".into(), ..Row::new("bad") },
    ];
    let text = table(&rows);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[0], "model    result           ops  shapes  gen warnings  generate  build  first error / lints");
    assert_eq!(lines[1], "connect  ok               370    2499            14      8.7s  1m01s");
    assert_eq!(
        lines[2],
        "kinesis  clippy failed    370    2499            14      8.7s  1m01s  clippy::large_enum_variant ×3"
    );
    assert_eq!(
        lines[3],
        "bad      generate failed    -       -             -         -      -  bad.json: version is missing"
    );
    assert!(!text.contains(" test "), "no test column when no model ran its tests: {text}");
}

#[test]
fn the_test_column_appears_when_a_model_ran_its_tests() {
    let rows = vec![
        Row { test: Some(Duration::from_millis(4_200)), ..row("dynamodb", Status::Ok, "") },
        row("connect", Status::Ok, ""),
    ];
    let text = table(&rows);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("  build  test  first error"), "{text}");
    assert!(lines[1].ends_with("1m01s  4.2s"), "{text}");
    assert!(lines[2].ends_with("1m01s     -"), "{text}");
}

#[test]
fn long_details_are_cut_to_one_line() {
    let long = "x".repeat(500);
    let text = table(&[row("m", Status::CheckFailed, &long)]);
    let last = text.lines().nth(1).unwrap();
    assert!(last.ends_with('…'), "{last}");
    assert_eq!(last.split("  ").last().unwrap().chars().count(), DETAIL_WIDTH);
    let text = table(&[row("m", Status::CheckFailed, "first line\nsecond line")]);
    assert!(text.contains("first line…") && !text.contains("second"), "{text}");
}

#[test]
fn times_and_the_summary_line() {
    assert_eq!(seconds(Duration::from_millis(430)), "0.4s");
    assert_eq!(seconds(Duration::from_millis(59_940)), "59.9s");
    assert_eq!(seconds(Duration::from_secs(151)), "2m31s");
    let rows = vec![
        row("connect", Status::Ok, ""),
        row("kinesis", Status::ClippyFailed, ""),
        row("bad", Status::GenerateFailed, ""),
    ];
    assert_eq!(summary(&rows, Duration::from_secs(151)), "3 models: 1 ok, 2 failed (kinesis, bad); 2m31s");
    assert_eq!(summary(&rows[..1], Duration::from_secs(3)), "1 model: 1 ok, 0 failed; 3.0s");
    assert_eq!(Status::CheckFailed.to_string(), "check failed");
    assert_eq!(Status::TestFailed.to_string(), "test failed");
}

/// A line as `cargo clippy --all-targets --message-format=json -- -D warnings` printed it (its
/// `children` and `rendered` shortened), twice: once per target of the library.
const REAL: &str = r#"{"reason": "compiler-message", "package_id": "path+file:///tmp/tiny#0.1.0", "manifest_path": "/tmp/tiny/Cargo.toml", "target": {"kind": ["lib"], "crate_types": ["lib"], "name": "tiny", "src_path": "/tmp/tiny/src/lib.rs", "edition": "2021", "doc": true, "doctest": true, "test": true}, "message": {"rendered": "error: unused variable: `y`\n", "$message_type": "diagnostic", "children": [], "level": "error", "message": "unused variable: `y`", "spans": [{"byte_end": 38, "byte_start": 37, "column_end": 39, "column_start": 38, "expansion": null, "file_name": "src/lib.rs", "is_primary": true, "label": null, "line_end": 1, "line_start": 1, "suggested_replacement": null, "suggestion_applicability": null, "text": [{"highlight_end": 39, "highlight_start": 38, "text": "pub fn f(x: Vec<i32>) -> usize { let y = 1; x.len() }"}]}], "code": {"code": "unused_variables", "explanation": null}}}"#;

#[test]
fn cargos_own_output_is_read() {
    let out = format!(
        "{REAL}\n{}\n{{\"reason\":\"build-finished\",\"success\":false}}\n",
        REAL.replace("\"test\": true", "\"test\": false")
    );
    let d = parse(&out);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].headline(), "error[unused_variables]: unused variable: `y` (src/lib.rs:1:38)");
    let stderr =
        "    Checking tiny v0.1.0 (/tmp/tiny)\nerror: could not compile `tiny` (lib) due to 1 previous error\n";
    assert_eq!(judge_build(false, &out, stderr), (Status::ClippyFailed, "unused_variables ×1".to_string()));
}

/// The runner end to end with a stand-in for cargo (a script: no crate is built), on a fixture.
#[cfg(unix)]
#[test]
fn a_model_is_generated_then_judged_by_what_cargo_said() {
    use std::os::unix::fs::PermissionsExt;
    use xtask::catalogue::{check, Settings, LOG};
    let dir = tempfile::tempdir().unwrap();
    let messages = dir.path().join("messages.json");
    std::fs::write(&messages, format!("{REAL}\n")).unwrap();
    let script = dir.path().join("cargo");
    let body = format!(
        "#!/bin/sh\necho \"$@\" >> '{calls}'\necho \"$CARGO_TARGET_DIR\" >> '{calls}'\n\
         if [ \"$1\" = clippy ]; then cat '{messages}'; [ -s '{messages}' ] || exit 0; echo 'error: could not compile `x`' >&2; exit 101; fi\n\
         echo '---- tests::it stdout ----'; exit 101\n",
        calls = dir.path().join("calls").display(),
        messages = messages.display()
    );
    std::fs::write(&script, body).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let settings = Settings {
        out: dir.path().join("catalogue"),
        target_dir: dir.path().join("target"),
        lockfile: xtask::workspace_root().join("Cargo.lock"),
        cargo: script,
    };
    let model = ModelFile::new("keywords", xtask::fixtures_dir().join("keywords.json"), true);
    let crate_dir = settings.out.join("keywords");
    std::fs::create_dir_all(crate_dir.join("examples")).unwrap();
    std::fs::write(crate_dir.join("examples/stale.rs"), "").unwrap(); // left by an earlier run

    let row = check(&model, &settings, true);
    assert_eq!((row.status, row.detail.as_str()), (Status::ClippyFailed, "unused_variables ×1"));
    assert_eq!((row.operations, row.shapes, row.warnings), (Some(1), Some(10), Some(0)));
    assert!(row.generate.is_some() && row.build.is_some() && row.test.is_none(), "no tests after a failed build");
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"fixture-keywords\"") && manifest.contains("[workspace]"), "{manifest}");
    assert!(!manifest.contains("tokio"), "no dev-dependencies: {manifest}");
    assert!(crate_dir.join("Cargo.lock").is_file(), "the workspace lockfile is copied in");
    assert!(!crate_dir.join("examples").exists(), "what the generator no longer writes is removed");
    let log = std::fs::read_to_string(crate_dir.join(LOG)).unwrap();
    assert!(log.contains("error: unused variable: `y`") && log.contains("could not compile"), "{log}");
    let calls = std::fs::read_to_string(dir.path().join("calls")).unwrap();
    let target = settings.target_dir.display().to_string();
    assert_eq!(calls, format!("clippy --all-targets --message-format=json -- -D warnings\n{target}\n"));

    // A build that passes runs the tests when asked, and their failure is the row's.
    std::fs::write(&messages, "").unwrap();
    let row = check(&model, &settings, true);
    assert_eq!((row.status, row.detail.as_str()), (Status::TestFailed, "test failed: tests::it"));
    assert!(row.test.is_some());
    assert!(std::fs::read_to_string(dir.path().join("calls")).unwrap().ends_with(&format!("test --quiet\n{target}\n")));
    let row = check(&model, &settings, false);
    assert_eq!((row.status, row.detail.as_str(), row.test), (Status::Ok, "", None));
    assert!(!crate_dir.join(LOG).exists(), "a passing build leaves no log");
}
