//! Generates, for each protocol, a client for the merged suites and one function per case.
//!
//! Writes `$OUT_DIR/<protocol>_client.rs` (the generated crate's files, inlined into one module
//! tree) and `$OUT_DIR/<protocol>_cases.rs` (the cases). A case the generator or this script
//! cannot turn into code still gets a function: one that fails with the reason, so it is counted
//! and never silently lost.

mod cases;
mod flatten;
mod suites;

use std::path::{Path, PathBuf};

use generator::{Config, Model, Selection};

/// The protocols whose suites run: (file stem, Rust module stem).
const PROTOCOLS: &[(&str, &str)] = &[("rest-json", "rest_json"), ("json", "json"), ("json_1_0", "json_1_0")];

fn main() {
    println!("cargo:rerun-if-env-changed=PROTOCOL_TESTS_DIR");
    println!("cargo:rerun-if-env-changed=CI");
    println!("cargo:rerun-if-changed=build");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = suites::dir();
    for (protocol, stem) in PROTOCOLS {
        let (client, cases) = match &dir {
            Some(dir) => generate(dir, protocol).unwrap_or_else(|e| panic!("{protocol}: {e}")),
            None => (String::new(), cases::missing(&suites::default_dir())),
        };
        write(&out.join(format!("{stem}_client.rs")), &client);
        write(&out.join(format!("{stem}_cases.rs")), &cases);
    }
}

fn write(path: &Path, contents: &str) {
    // Unchanged files keep their timestamps, so the test binary is not rebuilt needlessly.
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}

/// The client and the cases of one protocol's suites.
fn generate(dir: &Path, protocol: &str) -> Result<(String, String), String> {
    let suites = suites::load(dir, protocol)?;
    let description = suites::description(&suites)?;
    let bytes = serde_json::to_vec(&description).map_err(|e| e.to_string())?;
    let model = Model::from_json(&bytes).map_err(|e| format!("the merged description does not load: {e}"))?;
    // Each operation on its own first: one the generator refuses fails its cases, not the rest.
    let mut generated = Vec::new();
    let mut refused = std::collections::BTreeMap::new();
    for name in suites.operations() {
        let config = Config { operations: Selection::Named(vec![name.clone()]), ..Config::default() };
        match generator::generate(&model, &config) {
            Ok(_) => generated.push(name),
            Err(e) => {
                refused.insert(name, e.to_string());
            }
        }
    }
    let config = Config { operations: Selection::Named(generated), ..Config::default() };
    let closure = generator::select::select(&model, &config.operations).map_err(|e| e.to_string())?;
    let krate = generator::lower::lower(&model, &closure, &config).map_err(|e| e.to_string())?;
    let files = generator::emit::emit(&krate).map_err(|e| e.to_string())?;
    let client = flatten::flatten(&files)?;
    let cases = cases::cases(&suites, &krate, &refused)?;
    Ok((client, cases))
}
