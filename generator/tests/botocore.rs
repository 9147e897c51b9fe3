//! The botocore front-end against the AWS protocol test suites (`../shared/protocol-tests`, or
//! the directory `PROTOCOL_TESTS_DIR` names), which are written in the botocore service
//! description format: every suite of every protocol loads as a model, with its operations,
//! and the model passes the same checks a Smithy model does.
//!
//! Without the suites these tests say so and pass, except under CI (`CI` set), where missing
//! suites are a failure.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use generator::model::{Model, ShapeKind};
use serde_json::{json, Map, Value};

fn suites_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PROTOCOL_TESTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/protocol-tests"));
    if dir.join("input").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("CI is set but the protocol test suites are missing at {}; set PROTOCOL_TESTS_DIR", dir.display());
    }
    eprintln!("skipping: protocol test suites not found at {}; set PROTOCOL_TESTS_DIR to run", dir.display());
    None
}

/// A suite as a service description: its metadata (with a service id, which the suites leave
/// out), its shapes, and an operation per distinct `given` of its cases.
fn description(suite: &Value) -> Value {
    let mut metadata = suite["metadata"].as_object().cloned().unwrap_or_default();
    metadata.insert("serviceId".into(), json!("Protocol Tests"));
    let mut operations = Map::new();
    for case in suite["cases"].as_array().into_iter().flatten() {
        let given = &case["given"];
        let name = given["name"].as_str().expect("a case's operation has a name").to_owned();
        operations.entry(name).or_insert_with(|| given.clone());
    }
    json!({ "version": "2.0", "metadata": metadata, "operations": operations, "shapes": suite["shapes"] })
}

#[test]
fn every_protocol_test_suite_loads_as_a_model() {
    let Some(dir) = suites_dir() else { return };
    let mut loaded: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for kind in ["input", "output"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(kind)).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            let suites: Vec<Value> = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
            let label = format!("{kind}/{}", file.file_name().unwrap().to_string_lossy());
            for suite in &suites {
                let doc = description(suite);
                let model = Model::from_json(&serde_json::to_vec(&doc).unwrap())
                    .unwrap_or_else(|e| panic!("{label}: {}: {e}", suite["description"]));
                let (_, service) = model.service().unwrap();
                let expected = doc["operations"].as_object().unwrap().len();
                assert_eq!(service.operations.len(), expected, "{label}: {}", suite["description"]);
                let entry = loaded.entry(label.clone()).or_default();
                entry.0 += 1;
                entry.1 += suite["cases"].as_array().map_or(0, Vec::len);
            }
        }
    }
    // Both directions of all seven protocols were read, restJson1's cases all of them.
    for protocol in ["rest-json", "json", "json_1_0", "rest-xml", "query", "ec2", "smithy-rpc-v2-cbor"] {
        for kind in ["input", "output"] {
            assert!(loaded.contains_key(&format!("{kind}/{protocol}.json")), "{kind}/{protocol}.json: {loaded:?}");
        }
    }
    assert_eq!(loaded["input/rest-json.json"].1, 113);
    assert_eq!(loaded["output/rest-json.json"].1, 91);
}

#[test]
fn a_suites_bindings_arrive_as_smithy_traits() {
    let Some(dir) = suites_dir() else { return };
    let suites: Vec<Value> = serde_json::from_slice(&std::fs::read(dir.join("input/rest-json.json")).unwrap()).unwrap();
    let suite = suites
        .iter()
        .find(|s| s["cases"][0]["given"]["name"] == "HttpPrefixHeaders")
        .expect("the rest-json input suite has HttpPrefixHeaders");
    let model = Model::from_json(&serde_json::to_vec(&description(suite)).unwrap()).unwrap();
    let input = model.shapes().find(|s| s.id.name() == "HttpPrefixHeadersInput").expect("the input shape");
    let ShapeKind::Structure(members) = &input.kind else { panic!("not a structure") };
    let traits: BTreeMap<&str, &Value> = members
        .iter()
        .flat_map(|m| {
            m.traits.0.iter().filter(|(k, _)| k.starts_with("smithy.api#http")).map(|(_, v)| (m.name.as_str(), v))
        })
        .collect();
    assert_eq!(traits.get("foo"), Some(&&json!("x-foo")));
    assert_eq!(traits.get("fooMap"), Some(&&json!("x-foo-")));
}
