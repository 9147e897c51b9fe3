//! Inputs the fuzzer (`generator/fuzz`) once crashed on, replayed through the whole pipeline:
//! each must now end in a typed error that names the problem (or in generated code).

use generator::{generate_from_json, Config};

/// (file, a fragment the error must contain)
const CASES: &[(&str, &str)] = &[
    // `format_ident!` panicked on an @http method that is not a Rust identifier.
    ("http-method-not-a-token.json", "the HTTP method `s,t`"),
];

#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let on_disk = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(on_disk, CASES.len(), "every file in tests/fuzz_regressions has a case here");
    for (file, fragment) in CASES {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let result = std::panic::catch_unwind(|| generate_from_json(&bytes, &Config::default()));
        match result {
            Err(_) => panic!("{file}: the generator panicked"),
            Ok(Ok(_)) => panic!("{file}: expected an error mentioning `{fragment}`"),
            Ok(Err(e)) => assert!(e.to_string().contains(fragment), "{file}: `{e}` does not mention `{fragment}`"),
        }
    }
}
