//! The endpoint rules compiler on hand-written rule sets, and the generated code of those and of
//! the official models compiled and run as a crate of its own.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::parse::{parse_template, Expr, Part, PathPart};
use super::*;
use crate::emit::endpoints::MODULE_PATH;
use crate::emit::ENDPOINT_RUNTIME as RUNTIME;
use crate::ir::endpoint::NO_RULE_MATCHED;
use crate::ir::Runtime;
use crate::{GeneratedFile, Model};

/// The lowered rules and their files, as a crate gets them.
#[derive(Debug)]
struct Code {
    rules: EndpointRules,
    files: Vec<GeneratedFile>,
}

impl Code {
    fn file(&self, path: &str) -> Option<&str> {
        self.files.iter().find(|f| f.path == path).map(|f| f.contents.as_str())
    }
}

fn compile(service: &Shape) -> Result<Option<Code>, Error> {
    let Some(rules) = lower(service)? else { return Ok(None) };
    let files = crate::emit::endpoint_files(&rules, &Runtime::Vendored)?;
    Ok(Some(Code { rules, files }))
}
/// A one-service model whose service carries `rule_set` (and `tests`, if any).
fn service(rule_set: &str, tests: Option<&str>) -> Shape {
    let tests = tests.map(|t| format!(r#", "smithy.rules#endpointTests": {t}"#)).unwrap_or_default();
    let json = format!(
        r#"{{"smithy":"2.0","shapes":{{"ex#Svc":{{"type":"service","version":"1","traits":{{"smithy.rules#endpointRuleSet": {rule_set}{tests}}}}}}}}}"#
    );
    let model = Model::from_json(json.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{json}"));
    let (shape, _) = model.service().unwrap();
    shape.clone()
}

fn generate(rule_set: &str) -> Result<Code, Error> {
    compile(&service(rule_set, None)).map(|c| c.expect("a rule set"))
}

const PARAMS: &str = r#"{
    "Region": {"type": "string", "builtIn": "AWS::Region", "required": false},
    "UseFIPS": {"type": "boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false}
}"#;

fn with_rules(rules: &str) -> String {
    format!(r#"{{"version": "1.0", "parameters": {PARAMS}, "rules": {rules}}}"#)
}

fn condition_rule(condition: &str) -> String {
    with_rules(&format!(
        r#"[{{"conditions": [{{"fn": "isSet", "argv": [{{"ref": "Region"}}]}}, {condition}], "type": "endpoint", "endpoint": {{"url": "https://x"}}}},
           {{"conditions": [], "type": "error", "error": "no"}}]"#
    ))
}

#[test]
fn unsupported_functions_fail_generation_naming_the_function_and_the_shape() {
    for f in ["split", "aws.isVirtualHostableS3Bucket", "coalesce", "someFutureFunction"] {
        let rs = condition_rule(&format!(r#"{{"fn": "{f}", "argv": [{{"ref": "Region"}}], "assign": "X"}}"#));
        let err = generate(&rs).unwrap_err();
        assert!(matches!(err, Error::Unsupported { .. }), "{err:?}");
        let text = err.to_string();
        assert!(text.contains(&format!("`{f}`")) && text.contains("ex#Svc"), "{text}");
    }
    // Also when nested inside a supported function.
    let rs = condition_rule(
        r#"{"fn": "not", "argv": [{"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "Region"}, false]}]}"#,
    );
    assert!(generate(&rs).unwrap_err().to_string().contains("aws.isVirtualHostableS3Bucket"));
}

#[test]
fn no_rule_set_generates_nothing() {
    let json = r#"{"smithy":"2.0","shapes":{"ex#Svc":{"type":"service","version":"1"}}}"#;
    let model = Model::from_json(json.as_bytes()).unwrap();
    assert!(compile(model.service().unwrap().0).unwrap().is_none());
}

#[test]
fn ill_typed_rules_are_model_errors() {
    let cases = [
        // An optional parameter read without isSet.
        (
            with_rules(r#"[{"conditions": [], "type": "endpoint", "endpoint": {"url": "https://{Region}"}}]"#),
            "check it with `isSet`",
        ),
        (condition_rule(r#"{"fn": "stringEquals", "argv": [{"ref": "Nope"}, "a"]}"#), "`Nope` is not a parameter"),
        (condition_rule(r#"{"fn": "booleanEquals", "argv": [{"ref": "Region"}, true]}"#), "must be a boolean"),
        (condition_rule(r#"{"fn": "stringEquals", "argv": ["a"]}"#), "takes 2 arguments"),
        (condition_rule(r#"{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "Region"}"#), "shadows"),
        (
            with_rules(r#"[{"conditions": [], "type": "endpoint", "endpoint": {"url": "https://{Region"}}]"#),
            "unmatched",
        ),
        (with_rules(r#"[{"conditions": [], "type": "nope"}]"#), "unknown rule type"),
        (
            with_rules(
                r#"[{"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}, {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
                     "type": "endpoint", "endpoint": {"url": "https://{P#nope}"}}]"#,
            ),
            "not an attribute of a partition",
        ),
    ];
    for (rs, needle) in cases {
        let err = generate(&rs).unwrap_err();
        assert!(matches!(err, Error::Model { .. }), "{err:?}");
        let text = err.to_string();
        assert!(text.contains(needle) && text.contains("ex#Svc"), "{needle}: {text}");
    }
    let rs = r#"{"parameters": {"Stuff": {"type": "integer"}}, "rules": []}"#;
    assert!(matches!(generate(rs).unwrap_err(), Error::Unsupported { .. }));
    let rs = r#"{"parameters": {"FooBar": {"type": "string"}, "foo_bar": {"type": "string"}}, "rules": []}"#;
    assert!(matches!(generate(rs).unwrap_err(), Error::Naming { .. }));
}

#[test]
fn templates_parse_escapes_and_short_forms() {
    let parts = parse_template("x", "a{{b}}{R}c{P#d.e[1]}", "t").unwrap();
    assert_eq!(parts.len(), 4);
    assert!(matches!(&parts[0], Part::Lit(s) if s == "a{b}"));
    assert!(matches!(&parts[1], Part::Dyn(Expr::Ref(r)) if r == "R"));
    assert!(matches!(&parts[2], Part::Lit(s) if s == "c"));
    match &parts[3] {
        Part::Dyn(Expr::GetAttr { path, .. }) => {
            assert_eq!(path, &[PathPart::Key("d".into()), PathPart::Key("e".into()), PathPart::Index(1)])
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(parse_template("x", "", "t").unwrap().as_slice(), [Part::Lit(s)] if s.is_empty()));
    for bad in ["{", "}", "a{}b", "{a{b}}", "{a#}"] {
        assert!(parse_template("x", bad, "t").is_err(), "{bad}");
    }
}

#[test]
fn rules_become_straight_line_code() {
    let rs = with_rules(
        r#"[{"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "type": "tree", "rules": [
              {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "PartitionResult"}], "type": "tree", "rules": [
                 {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]},
                                 {"fn": "booleanEquals", "argv": [true, {"fn": "getAttr", "argv": [{"ref": "PartitionResult"}, "supportsFIPS"]}]}],
                  "type": "endpoint", "endpoint": {"url": "https://svc-fips.{Region}.{PartitionResult#dnsSuffix}"}},
                 {"conditions": [{"fn": "not", "argv": [{"fn": "stringEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "PartitionResult"}, "name"]}, "aws"]}]}],
                  "type": "error", "error": "Only {{aws}}: {Region}"},
                 {"conditions": [], "type": "endpoint", "endpoint": {"url": "https://svc.{Region}.{PartitionResult#dnsSuffix}"}}
              ]}
           ]},
           {"conditions": [], "type": "error", "error": "Invalid Configuration: Missing Region"}]"#,
    );
    let code = generate(&rs).unwrap();
    let squash = |t: &str| t.split_whitespace().collect::<String>();
    let module = code.file(MODULE_PATH).unwrap();
    let text = squash(module);
    for needle in [
        "pub struct Params { ",
        "pub region: ::std::option::Option<::std::string::String>,",
        "pub use_fips: bool,",
        "#[derive(Clone, Debug, Default, PartialEq, Eq)]",
        "let Params { region, use_fips } = params;",
        "if let ::std::option::Option::Some(region) = region {",
        "let partition_result = crate::endpoint::runtime::partition(region);",
        "if use_fips && partition_result.supports_fips {",
        r#"::std::format!( "https://svc-fips.{region}.{}", partition_result.dns_suffix )"#,
        r#"if partition_result.name != "aws" {"#,
        r#"::std::borrow::Cow::Owned(::std::format!("Only {{aws}}: {region}")"#,
        r#"Cow::Borrowed("Invalid Configuration: Missing Region")"#,
    ] {
        assert!(text.contains(&squash(needle)), "missing `{needle}` in\n{module}");
    }
    // The last rule is the function's value, not a `return`; no fallback after a terminal rule.
    assert!(!text.contains(NO_RULE_MATCHED), "{module}");
    assert!(text.ends_with(&squash(r#"Cow::Borrowed("Invalid Configuration: Missing Region"), }) }"#)), "{module}");
    assert!(code.rules.tests.is_empty() && !code.rules.properties);
    let files = &code.files;
    assert_eq!(files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), [MODULE_PATH]);
    assert!(files[0].contents.starts_with("// @generated by the `generator` crate from the Smithy model of `ex#Svc`."));
    assert!(files[0].contents.contains("pub use crate::rt::endpoint as runtime;"), "{}", files[0].contents);
}

#[test]
fn runtime_template_starts_with_module_docs() {
    assert!(RUNTIME.starts_with("//! "), "the runtime is a module of its own and starts with `//!` docs");
    assert!(!RUNTIME.contains("crate::"), "the runtime must not depend on where it is mounted");
}

/// Covers every supported function, headers, properties, escapes, narrowing and the
/// fall-through error of a tree; its tests run in a scratch crate.
const RICH_RULE_SET: &str = r#"{
  "version": "1.0",
  "parameters": {
    "Region": {"type": "string", "builtIn": "AWS::Region", "required": false, "documentation": "Where the service is."},
    "UseFIPS": {"type": "boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
    "Endpoint": {"type": "string", "builtIn": "SDK::Endpoint", "required": false},
    "Prefix": {"type": "string", "required": true, "default": "api"},
    "Tags": {"type": "stringArray", "required": false},
    "Strict": {"type": "boolean", "required": false, "deprecated": {"message": "use something else"}}
  },
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}, {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "Url"}],
     "type": "tree", "rules": [
      {"conditions": [{"fn": "stringEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "Url"}, "scheme"]}, "http"]}],
       "type": "error", "error": "Insecure endpoint: {Url#authority}"},
      {"conditions": [{"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "Url"}, "isIp"]}, true]}],
       "type": "endpoint", "endpoint": {"url": "{Url#scheme}://{Url#authority}{Url#normalizedPath}{Prefix}", "headers": {"x-ip": ["true"]}, "properties": {}}},
      {"conditions": [], "type": "endpoint", "endpoint": {"url": "{Url#scheme}://{Prefix}.{Url#authority}{Url#path}",
       "headers": {"x-prefix": ["{Prefix}", "static"]},
       "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc", "disableDoubleEncoding": true, "weight": 2}], "prefix": "{Prefix}"}}}
    ]},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "type": "error", "error": "Not a URL: {Endpoint}"},
    {"conditions": [{"fn": "not", "argv": [{"fn": "isSet", "argv": [{"ref": "Region"}]}]}], "type": "error", "error": "Invalid Configuration: Missing Region"},
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "type": "tree", "rules": [
      {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}], "type": "tree", "rules": [
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Tags"}]}, {"fn": "getAttr", "argv": [{"ref": "Tags"}, "[0]"], "assign": "First"},
                        {"fn": "uriEncode", "argv": [{"ref": "First"}], "assign": "Enc"},
                        {"fn": "substring", "argv": [{"ref": "Region"}, 0, 2, false], "assign": "Head"},
                        {"fn": "substring", "argv": [{"ref": "Region"}, 0, 1, true], "assign": "Tail"}],
         "type": "endpoint", "endpoint": {"url": "https://{Enc}.{Head}{Tail}.{P#dnsSuffix}"}},
        {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]},
                        {"fn": "booleanEquals", "argv": [false, {"fn": "getAttr", "argv": [{"ref": "P"}, "supportsFIPS"]}]}],
         "type": "error", "error": "FIPS unsupported in {P#name}"},
        {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
         "type": "endpoint", "endpoint": {"url": "https://svc-fips.{Region}.{P#dnsSuffix}"}},
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Strict"}]}, {"fn": "booleanEquals", "argv": [{"ref": "Strict"}, true]},
                        {"fn": "not", "argv": [{"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, false]}]}],
         "type": "error", "error": "Invalid region {{{Region}}}"},
        {"conditions": [{"fn": "stringEquals", "argv": ["aws-cn", {"fn": "getAttr", "argv": [{"ref": "P"}, "name"]}]}],
         "type": "endpoint", "endpoint": {"url": "https://svc.{Region}.{P#dnsSuffix}/{{cn}}"}},
        {"conditions": [{"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, true]}],
         "type": "endpoint", "endpoint": {"url": "https://svc.{Region}.{P#dnsSuffix}"}}
      ]}
    ]},
    {"conditions": [], "type": "error", "error": "unreachable"}
  ]
}"#;

const RICH_TESTS: &str = r#"{"version": "1.0", "testCases": [
  {"params": {"Endpoint": "http://example.com"}, "expect": {"error": "Insecure endpoint: example.com"}},
  {"params": {"Endpoint": "https://10.0.0.1:8443/a"},
   "expect": {"endpoint": {"url": "https://10.0.0.1:8443/a/api", "headers": {"x-ip": ["true"]}, "properties": {}}}},
  {"params": {"Endpoint": "https://example.com/p", "Prefix": "v2"},
   "expect": {"endpoint": {"url": "https://v2.example.com/p", "headers": {"x-prefix": ["v2", "static"]},
              "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc", "disableDoubleEncoding": true, "weight": 2}], "prefix": "v2"}}}},
  {"params": {"Endpoint": "not a url"}, "expect": {"error": "Not a URL: not a url"}},
  {"expect": {"error": "Invalid Configuration: Missing Region"}},
  {"params": {"Region": "us-east-1", "Tags": ["a b", "c"]}, "expect": {"endpoint": {"url": "https://a%20b.us1.amazonaws.com"}}},
  {"params": {"Region": "us-east-1", "UseFIPS": true}, "expect": {"endpoint": {"url": "https://svc-fips.us-east-1.amazonaws.com"}}},
  {"params": {"Region": "us east 1", "Strict": true}, "expect": {"error": "Invalid region {us east 1}"}},
  {"params": {"Region": "cn-north-1"}, "expect": {"endpoint": {"url": "https://svc.cn-north-1.amazonaws.com.cn/{cn}"}}},
  {"params": {"Region": "a.b", "Strict": false}, "expect": {"endpoint": {"url": "https://svc.a.b.amazonaws.com"}}},
  {"params": {"Region": "a..b"}, "expect": {"error": "No endpoint rule matched the parameters"}},
  {"params": {"Region": "us-isof-south-1", "UseFIPS": true}, "expect": {"endpoint": {"url": "https://svc-fips.us-isof-south-1.csp.hci.ic.gov"}}}
]}"#;

/// A required parameter without a default, and a non-false default.
const REQUIRED_RULE_SET: &str = r#"{
  "version": "1.0",
  "parameters": {
    "Account": {"type": "string", "required": true},
    "Secure": {"type": "boolean", "required": true, "default": true},
    "Unused": {"type": "stringArray", "required": true, "default": ["x"]}
  },
  "rules": [
    {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "Secure"}, false]}], "type": "endpoint", "endpoint": {"url": "http://{Account}.example.com"}},
    {"conditions": [], "type": "endpoint", "endpoint": {"url": "https://{Account}.example.com"}}
  ]
}"#;

const REQUIRED_TESTS: &str = r#"{"version": "1.0", "testCases": [
  {"params": {"Account": "a1"}, "expect": {"endpoint": {"url": "https://a1.example.com"}}},
  {"params": {"Account": "a1", "Secure": false, "Unused": ["y"]}, "expect": {"endpoint": {"url": "http://a1.example.com"}}},
  {"params": {}, "expect": {"error": "Invalid Configuration: the required endpoint parameter `Account` is not set"}}
]}"#;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The official model of `file`, from `CONNECT_MODEL`'s directory or `../shared/models/`.
fn official_model(file: &str) -> Option<Model> {
    let path = crate::test_support::shared_models()?.join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(Model::from_json(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// Writes a crate with the endpoint module of `code`.
fn write_crate(root: &Path, package: &str, code: &Code) {
    // The runtime's own dependencies, then what the compiled rules need.
    let mut deps = String::from("http = \"1\"\npercent-encoding = \"2\"\n");
    if code.rules.properties {
        deps.push_str("serde_json = \"1.0.100\"\n");
    }
    let manifest = format!(
        "[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition = \"2021\"\nrust-version = \"{}\"\npublish = false\n\n[dependencies]\n{deps}",
        crate::emit::MSRV
    );
    let lib = "//! Scratch crate for generated endpoint code.\n#![forbid(unsafe_code)]\n#![warn(missing_docs)]\n\npub mod endpoint;\nmod rt {\n    pub mod endpoint;\n}\n";
    let mut files = code.files.clone();
    // The runtime's endpoint module, as a self-contained crate carries it.
    files.push(GeneratedFile { path: "src/rt/endpoint/mod.rs".into(), contents: RUNTIME.into() });
    let partitions = crate::emit::runtime_partitions(&code.rules.partitions).unwrap();
    files.push(GeneratedFile { path: "src/rt/endpoint/partitions.rs".into(), contents: partitions.contents });
    files.push(GeneratedFile { path: "Cargo.toml".into(), contents: manifest });
    files.push(GeneratedFile { path: "src/lib.rs".into(), contents: lib.into() });
    for f in files {
        let path = root.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &f.contents).unwrap();
    }
}

/// Generated crates build without warnings and pass their generated endpoint tests: two
/// hand-written rule sets, and the official Amazon Connect and Connect Participant models.
#[test]
fn generated_endpoint_crates_compile_and_pass_their_tests() {
    // One scratch directory per checkout (its builds are reused), so that runs from other
    // checkouts at the same time do not write over each other's crates.
    let checkout = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        manifest_dir().hash(&mut hasher);
        hasher.finish()
    };
    let dir = std::env::temp_dir().join(format!("smithy-generator-endpoint-crates-{checkout:016x}"));
    let _ = std::fs::remove_dir_all(dir.join("crates"));
    let mut crates: Vec<(String, Code)> = Vec::new();
    for (name, rs, tests) in [("rich", RICH_RULE_SET, RICH_TESTS), ("required", REQUIRED_RULE_SET, REQUIRED_TESTS)] {
        let package = format!("endpoint-{name}");
        let code = compile(&service(rs, Some(tests))).unwrap_or_else(|e| panic!("{name}: {e}")).unwrap();
        crates.push((package, code));
    }
    for (file, package) in
        [("connect.json", "amazon-connect"), ("connectparticipant.json", "amazon-connectparticipant")]
    {
        if let Some(model) = official_model(file) {
            let (shape, _) = model.service().unwrap();
            crates.push((package.into(), compile(shape).unwrap().expect("the official model has a rule set")));
        }
    }
    let mut members = Vec::new();
    for (package, code) in &crates {
        write_crate(&dir.join("crates").join(package), package, code);
        members.push(format!("\"crates/{package}\""));
    }
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    for lock in [manifest_dir().join("Cargo.lock"), manifest_dir().join("../Cargo.lock")] {
        if lock.exists() {
            std::fs::copy(&lock, dir.join("Cargo.lock")).unwrap();
            break;
        }
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(&cargo)
        .args(["test", "--offline", "--workspace"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("run cargo");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "endpoint crates failed:\n{stdout}\n{stderr}");
    for (package, code) in &crates {
        // The cases run as unit tests beside the runtime's own.
        let runtime_tests = RUNTIME.matches("#[test]").count();
        let expected = format!("test result: ok. {} passed", code.rules.tests.len() + runtime_tests);
        assert!(stdout.contains(&expected), "{package}: no `{expected}` in\n{stdout}");
    }
    // Clippy, where it is installed (CI installs it), finds nothing either.
    let has_clippy = Command::new(&cargo).args(["clippy", "--version"]).output().is_ok_and(|o| o.status.success());
    if has_clippy {
        let output = Command::new(&cargo)
            .args(["clippy", "--offline", "--workspace", "--all-targets", "--", "-D", "warnings"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .output()
            .expect("run cargo clippy");
        assert!(output.status.success(), "clippy:\n{}", String::from_utf8_lossy(&output.stderr));
    }
    let counts: Vec<usize> = crates.iter().map(|(_, c)| c.rules.tests.len()).collect();
    assert_eq!(&counts[..2], &[12, 3]);
    if crates.len() == 4 {
        assert_eq!(&counts[2..], &[32, 23]);
    }
}
