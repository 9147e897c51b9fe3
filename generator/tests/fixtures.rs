//! The pipeline on small hand-written models: the errors for models that cannot be generated,
//! what the default configuration decides, and determinism.
//!
//! What the generator produces for each fixture model (`tests/fixtures/<name>.json`) is
//! compared in full against its committed golden crate (`tests/golden/<name>/`, by
//! `cargo xtask codegen --check` and xtask's tests), and what that code does is tested by the
//! golden crates' own `tests/` (workspace members, run by `cargo test --workspace`); so nothing
//! here searches the generated text.

use generator::{generate_from_json, Config, Error, Generated};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Every fixture model, by name.
fn fixtures() -> Vec<String> {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixture models");
    names
}

fn generate(json: &[u8]) -> Result<Generated, Error> {
    generate_from_json(json, &Config::default())
}

#[test]
fn the_default_package_name_comes_from_the_sdk_id() {
    // The golden crates are generated with `fixture-<name>` as their package name.
    assert_eq!(generate(&fixture("keywords")).unwrap().package, "amazon-keyword-test");
}

#[test]
fn an_over_escaped_pattern_is_a_warning_naming_its_shape() {
    // Warnings are not files of the crate, so the golden crates do not show them.
    let g = generate(&fixture("constraints")).unwrap();
    let found = g.warnings.iter().any(|w| w.contains("ex.con#PhoneNumber") && w.contains("pattern"));
    assert!(found, "{:?}", g.warnings);
}

#[test]
fn names_that_collide_after_case_conversion_are_errors() {
    let members = br#"{"smithy":"2.0","shapes":{
        "ex#S":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"traits":{"aws.protocols#restJson1":{}}},
        "ex#Op":{"type":"operation","input":{"target":"ex#In"},"traits":{"smithy.api#http":{"method":"POST","uri":"/"}}},
        "ex#In":{"type":"structure","members":{"fooBar":{"target":"smithy.api#String"},"FooBar":{"target":"smithy.api#String"}}}
    }}"#;
    let err = generate(members).unwrap_err();
    assert!(matches!(err, Error::Naming { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("ex#In") && text.contains("fooBar") && text.contains("FooBar") && text.contains("`foo_bar`"),
        "{text}"
    );

    let shapes = br#"{"smithy":"2.0","shapes":{
        "ex#S":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"traits":{"aws.protocols#restJson1":{}}},
        "ex#Op":{"type":"operation","input":{"target":"ex#In"},"traits":{"smithy.api#http":{"method":"POST","uri":"/"}}},
        "ex#In":{"type":"structure","members":{"a":{"target":"ex#Foo_Bar"},"b":{"target":"ex#FooBar"}}},
        "ex#Foo_Bar":{"type":"structure","members":{}},
        "ex#FooBar":{"type":"structure","members":{}}
    }}"#;
    let text = generate(shapes).unwrap_err().to_string();
    assert!(text.contains("ex#Foo_Bar") && text.contains("ex#FooBar") && text.contains("`FooBar`"), "{text}");

    let variants = br#"{"smithy":"2.0","shapes":{
        "ex#S":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"traits":{"aws.protocols#restJson1":{}}},
        "ex#Op":{"type":"operation","input":{"target":"ex#In"},"traits":{"smithy.api#http":{"method":"POST","uri":"/"}}},
        "ex#In":{"type":"structure","members":{"e":{"target":"ex#E"}}},
        "ex#E":{"type":"string","traits":{"smithy.api#enum":[{"value":"text/plain"},{"value":"text-plain"}]}}
    }}"#;
    let text = generate(variants).unwrap_err().to_string();
    assert!(text.contains("ex#E") && text.contains("text/plain") && text.contains("text-plain"), "{text}");
}

#[test]
fn recursion_through_required_members_is_refused() {
    let json = br#"{"smithy":"2.0","shapes":{
        "ex#S":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"traits":{"aws.protocols#restJson1":{}}},
        "ex#Op":{"type":"operation","input":{"target":"ex#X"},"traits":{"smithy.api#http":{"method":"POST","uri":"/"}}},
        "ex#X":{"type":"structure","members":{"y":{"target":"ex#Y","traits":{"smithy.api#required":{}}}}},
        "ex#Y":{"type":"structure","members":{"x":{"target":"ex#X","traits":{"smithy.api#required":{}}}}}
    }}"#;
    let text = generate(json).unwrap_err().to_string();
    assert!(text.contains("ex#X") && text.contains("required") && text.contains("ex#Y"), "{text}");
}

#[test]
fn output_is_byte_identical_from_run_to_run() {
    for name in fixtures() {
        let a = generate(&fixture(&name)).unwrap();
        let b = generate(&fixture(&name)).unwrap();
        assert_eq!(a.files, b.files, "{name}");
        for f in &a.files {
            if f.path.ends_with(".rs") {
                assert!(f.contents.starts_with("// @generated"), "{} lacks the header", f.path);
            }
        }
    }
}

#[test]
fn unsupported_protocols_and_missing_inputs_are_clear_errors() {
    let xml = br#"{"smithy":"2.0","shapes":{
        "ex#S":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"traits":{"aws.protocols#restXml":{}}},
        "ex#Op":{"type":"operation","traits":{"smithy.api#http":{"method":"POST","uri":"/"}}}
    }}"#;
    let text = generate(xml).unwrap_err().to_string();
    assert!(text.contains("ex#S") && text.contains("restXml"), "{text}");

    let missing = br#"{"smithy":"2.0","shapes":{
        "ex#S":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"traits":{"aws.protocols#restJson1":{}}},
        "ex#Op":{"type":"operation","input":{"target":"ex#Gone"},"traits":{"smithy.api#http":{"method":"POST","uri":"/"}}}
    }}"#;
    let text = generate(missing).unwrap_err().to_string();
    assert!(text.contains("ex#Op") && text.contains("ex#Gone") && text.contains("does not exist"), "{text}");
}

/// Two operations, `ex#B`'s output reaching an event stream.
const PARTLY_SUPPORTED: &[u8] = br#"{"smithy":"2.0","shapes":{
    "ex#S":{"type":"service","version":"1","operations":[{"target":"ex#A"},{"target":"ex#B"}],"traits":{"aws.protocols#awsJson1_1":{}}},
    "ex#A":{"type":"operation","input":{"target":"ex#In"}},
    "ex#B":{"type":"operation","output":{"target":"ex#Out"}},
    "ex#In":{"type":"structure","members":{"name":{"target":"smithy.api#String","traits":{"smithy.api#jsonName":"N","smithy.api#httpHeader":"x-name"}}}},
    "ex#Out":{"type":"structure","members":{"events":{"target":"ex#Events"}}},
    "ex#Events":{"type":"union","members":{"a":{"target":"smithy.api#String"}},"traits":{"smithy.api#streaming":{}}}
}}"#;

#[test]
fn with_all_operations_one_that_needs_an_unsupported_feature_is_left_out_with_a_warning() {
    let g = generate(PARTLY_SUPPORTED).unwrap();
    assert_eq!(g.operations, 1);
    let warning = g.warnings.iter().find(|w| w.contains("operation `ex#B` is left out")).expect("a warning");
    assert!(warning.contains("ex#Events") && warning.contains("event streams"), "{warning}");
    // Named, it is an error.
    let config = Config { operations: generator::Selection::Named(vec!["B".into()]), ..Config::default() };
    let err = generate_from_json(PARTLY_SUPPORTED, &config).unwrap_err();
    assert!(matches!(err, Error::Unsupported { .. }), "{err:?}");
}

#[test]
fn aws_json_sends_the_whole_input_to_slash_and_ignores_http_bindings() {
    let g = generate(PARTLY_SUPPORTED).unwrap();
    let client = g.files.iter().find(|f| f.path == "src/client.rs").unwrap();
    assert!(client.contents.contains(r#""x-amz-target", "S.A""#), "{}", client.contents);
    assert!(client.contents.contains(r#""application/x-amz-json-1.1""#));
    assert!(!client.contents.contains("x-name"), "@httpHeader means nothing to awsJson");
    let op = g.files.iter().find(|f| f.path == "src/operation/a.rs").unwrap();
    assert!(op.contents.contains(r#"serialize_entry("name","#), "@jsonName means nothing to awsJson: {}", op.contents);
}

#[test]
fn an_aws_query_compatible_service_says_so_and_reports_the_query_codes() {
    let model = br#"{"smithy":"2.0","shapes":{
        "ex#Queue":{"type":"service","version":"1","operations":[{"target":"ex#Send"}],
            "traits":{"aws.protocols#awsJson1_0":{},"aws.protocols#awsQueryCompatible":{}}},
        "ex#Send":{"type":"operation","errors":[{"target":"ex#Missing"}]},
        "ex#Missing":{"type":"structure","members":{"message":{"target":"smithy.api#String"}},
            "traits":{"smithy.api#error":"client","aws.protocols#awsQueryError":{"code":"AWS.Queue.Missing","httpResponseCode":400}}}
    }}"#;
    let g = generate(model).unwrap();
    assert!(g.warnings.is_empty(), "awsQueryCompatible is not a second protocol: {:?}", g.warnings);
    let client = g.files.iter().find(|f| f.path == "src/client.rs").unwrap();
    assert!(client.contents.contains(r#""x-amzn-query-mode", "true""#), "{}", client.contents);
    let op = g.files.iter().find(|f| f.path == "src/operation/send.rs").unwrap();
    assert!(op.contents.contains(r#"Some("AWS.Queue.Missing")"#), "{}", op.contents);
    // Matching still goes by the shape name.
    assert!(op.contents.contains("crate::error::Missing::CODE) =>"), "{}", op.contents);
}

/// A restJson1 service whose one operation is `@paginated` as `paginated` says.
fn paginated(paginated: &str) -> String {
    format!(
        r#"{{"smithy":"2.0","shapes":{{
        "ex#S":{{"type":"service","version":"1","operations":[{{"target":"ex#List"}}],"traits":{{"aws.protocols#restJson1":{{}}}}}},
        "ex#List":{{"type":"operation","input":{{"target":"ex#In"}},"output":{{"target":"ex#Out"}},
            "traits":{{"smithy.api#http":{{"method":"POST","uri":"/"}},"smithy.api#paginated":{paginated}}}}},
        "ex#In":{{"type":"structure","members":{{"token":{{"target":"smithy.api#String"}},"size":{{"target":"smithy.api#Integer"}},"flag":{{"target":"smithy.api#Boolean"}}}}}},
        "ex#Out":{{"type":"structure","members":{{"next":{{"target":"smithy.api#String"}},"count":{{"target":"smithy.api#Integer"}},"names":{{"target":"ex#Names"}}}}}},
        "ex#Names":{{"type":"list","member":{{"target":"smithy.api#String"}}}}
    }}}}"#
    )
}

#[test]
fn paginated_paths_are_checked_against_the_shapes() {
    let ok = r#"{"inputToken":"token","outputToken":"next","items":"names","pageSize":"size"}"#;
    let g = generate(paginated(ok).as_bytes()).unwrap();
    let op = g.files.iter().find(|f| f.path == "src/operation/list.rs").unwrap();
    assert!(op.contents.contains("pub struct ListPaginator") && op.contents.contains("pub struct ListItems"));
    for (trait_value, problem) in [
        (r#"{"inputToken":"nope","outputToken":"next"}"#, "`ex#In` has no member `nope`"),
        (r#"{"inputToken":"token","outputToken":"next","items":"count"}"#, "the items `count` must be a list or a map"),
        (
            r#"{"inputToken":"token","outputToken":"next","pageSize":"flag"}"#,
            "the page size `flag` must be an optional integer",
        ),
        (r#"{"inputToken":"token","outputToken":"next.deeper"}"#, "has no member `deeper`"),
    ] {
        let err = generate(paginated(trait_value).as_bytes()).unwrap_err().to_string();
        assert!(err.contains("ex#List") && err.contains("@paginated") && err.contains(problem), "{trait_value}: {err}");
    }
}

#[test]
fn tokens_that_are_not_strings_give_no_paginator_and_a_warning() {
    for (trait_value, which) in [
        (r#"{"inputToken":"size","outputToken":"next"}"#, "the input token `size`"),
        (r#"{"inputToken":"token","outputToken":"count"}"#, "the output token `count`"),
    ] {
        let g = generate(paginated(trait_value).as_bytes()).unwrap();
        let op = g.files.iter().find(|f| f.path == "src/operation/list.rs").unwrap();
        assert!(!op.contents.contains("Paginator"), "{trait_value}");
        let warned =
            g.warnings.iter().any(|w| w.contains("ex#List") && w.contains(which) && w.contains("no paginator"));
        assert!(warned, "{trait_value}: {:?}", g.warnings);
    }
}
