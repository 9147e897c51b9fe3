//! Each pipeline stage on small hand-written models: names, recursion, sensitivity, enums,
//! unions, Smithy 1.0, and the errors for models that cannot be generated.

use generator::{generate_from_json, Config, Error, Generated};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn generate(json: &[u8]) -> Result<Generated, Error> {
    generate_from_json(json, &Config::default())
}

fn file<'a>(g: &'a Generated, path: &str) -> &'a str {
    &g.files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}")).contents
}

/// The text without whitespace or the trailing commas `prettyplease` adds when it wraps, so
/// assertions don't depend on line wrapping.
fn squash(text: &str) -> String {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    s.replace(",)", ")").replace(",>", ">").replace(",}", "}").replace(",]", "]")
}

fn assert_has(haystack: &str, needle: &str) {
    let needle_squashed = squash(needle);
    let needle_squashed = needle_squashed.trim_end_matches(',');
    assert!(squash(haystack).contains(needle_squashed), "expected to find\n{needle}\nin\n{haystack}");
}

#[test]
fn keywords_and_std_names_are_escaped() {
    let g = generate(&fixture("keywords")).unwrap();
    let op = file(&g, "src/operation/match.rs");
    assert_has(op, "pub r#type: ::std::string::String,");
    assert_has(op, "pub self_: ::std::option::Option<::std::string::String>,");
    assert_has(op, "pub crate_: ::std::option::Option<i32>,");
    assert_has(op, "pub r#async: ::std::option::Option<crate::types::Result>,");
    assert_has(op, "pub string: ::std::option::Option<crate::types::String>,");
    assert_has(op, "pub struct Option {");
    assert_has(op, "pub fn with_async(");
    let types = file(&g, "src/types.rs");
    assert_has(types, "pub struct String { /// The `self` member. #[serde(rename = \"self\", default, skip_serializing_if = \"::std::option::Option::is_none\")] pub self_: ::std::option::Option<i64>, }");
    assert_has(types, "pub enum Box { /// Wire value: `self`. Self_, }");
    assert_has(types, "pub enum Option2 { /// The `Some` member. Some(::std::string::String), /// The `None` member. None, /// A member not in this version of the model");
    assert_has(file(&g, "src/operation/mod.rs"), "pub mod r#match;");
    assert_eq!(g.package, "amazon-keyword-test");
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
    assert!(text.contains("ex#In") && text.contains("fooBar") && text.contains("FooBar") && text.contains("`foo_bar`"), "{text}");

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
fn cycles_are_broken_by_boxing_only_where_needed() {
    let g = generate(&fixture("recursion")).unwrap();
    let types = file(&g, "src/types.rs");
    // Self-recursion through a structure member.
    assert_has(types, "pub next: ::std::option::Option<::std::boxed::Box<crate::types::Node>>,");
    // Mutual recursion: exactly one edge is boxed, chosen by shape id order (A's edge is kept).
    assert_has(types, "pub b: ::std::option::Option<crate::types::B>,");
    assert_has(types, "pub a: ::std::option::Option<::std::boxed::Box<crate::types::A>>,");
    // Lists and maps already give indirection.
    assert_has(types, "pub children: ::std::option::Option<::std::vec::Vec<crate::types::Tree>>,");
    assert_has(types, "pub by_name: ::std::option::Option<::std::collections::BTreeMap<::std::string::String, crate::types::Tree>>,");
    // Unions: the self edge and the edge closing Expr → Add → Expr are boxed; Add's are not.
    assert_has(types, "Neg(::std::boxed::Box<crate::types::Expr>),");
    assert_has(types, "Add(::std::boxed::Box<crate::types::Add>),");
    assert_has(types, "pub left: crate::types::Expr,");
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
fn sensitive_members_and_shapes_are_redacted() {
    let g = generate(&fixture("sensitive_and_enums")).unwrap();
    let op = file(&g, "src/operation/login.rs");
    assert_has(op, r#".field("password", &::std::format_args!("*** Sensitive Data Redacted ***"))"#);
    assert_has(op, r#".field("pin", &::std::format_args!("*** Sensitive Data Redacted ***"))"#);
    assert_has(op, r#".field("credentials", &::std::format_args!("*** Sensitive Data Redacted ***"))"#);
    assert_has(op, r#".field("user", &self.user)"#);
    let types = file(&g, "src/types.rs");
    assert_has(types, r#"f.write_str("Credentials { *** Sensitive Data Redacted *** }")"#);
}

#[test]
fn enums_keep_unknown_values_only_where_the_service_sends_them() {
    let g = generate(&fixture("sensitive_and_enums")).unwrap();
    let types = file(&g, "src/types.rs");
    // `UNKNOWN` in the model keeps the name `Unknown`; the catch-all moves aside.
    assert_has(types, "Unknown, /// Wire value: `text/plain`. PlainText, /// A value not in this version of the model; its text is kept as received. UnknownValue(crate::primitives::UnknownVariantValue),");
    assert_has(types, "pub const VALUES: &'static [i32] = &[1, 10];");
    assert_has(types, "High, /// A value not in this version of the model, kept as received. Unknown(crate::primitives::UnknownIntValue),".replace("High,", "/// Wire value: `10`. High,").as_str());

    let g = generate(&fixture("keywords")).unwrap();
    // Box is input-only: closed, with FromStr that refuses other values.
    let types = file(&g, "src/types.rs");
    assert!(!squash(types).contains(&squash("pub enum Box { /// Wire value: `self`. Self_, Unknown")));
    assert_has(types, "type Err = crate::primitives::UnknownEnumValue;");
}

#[test]
fn smithy_1_models_generate() {
    let g = generate(&fixture("smithy1")).unwrap();
    let types = file(&g, "src/types.rs");
    assert_has(types, "TextPlain,");
    assert_has(types, "Json,");
    assert_has(types, "V1Legacy,");
    let op = file(&g, "src/operation/send.rs");
    // `set` is a list; unboxed 1.0 integers have a zero default, so they are optional too.
    assert_has(op, "pub tags: ::std::option::Option<::std::vec::Vec<::std::string::String>>,");
    assert_has(op, "pub count: ::std::option::Option<i32>,");
    assert_has(op, "pub content_type: crate::types::ContentType,");
    assert_has(op, r#".field("secret", &::std::format_args!("*** Sensitive Data Redacted ***"))"#);
    let errors = file(&g, "src/error.rs");
    assert_has(errors, "pub const HTTP_STATUS: ::std::option::Option<u16> = ::std::option::Option::Some(503);");
    assert_has(errors, "pub const SERVER_FAULT: bool = true;");
}

#[test]
fn output_is_byte_identical_from_run_to_run() {
    for name in ["keywords", "recursion", "smithy1", "sensitive_and_enums"] {
        let a = generate(&fixture(name)).unwrap();
        let b = generate(&fixture(name)).unwrap();
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
