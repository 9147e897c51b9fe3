//! Reading a protocol's input and output suite files, and merging their suites into one
//! botocore service description.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

/// Where the suites are: `PROTOCOL_TESTS_DIR`, else `../shared/protocol-tests` beside the
/// checkout. `None` when they are not there; under CI (`CI` set) that is an error.
pub fn dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PROTOCOL_TESTS_DIR").map(PathBuf::from).unwrap_or_else(default_dir);
    if dir.join("input").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("CI is set but the protocol test suites are missing at {}; set PROTOCOL_TESTS_DIR", dir.display());
    }
    None
}

pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/protocol-tests")
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Input,
    Output,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Input => "input",
            Kind::Output => "output",
        }
    }
}

/// One case, as the suite file has it.
pub struct Case {
    pub kind: Kind,
    /// The suite's `description`.
    pub suite: String,
    pub id: String,
    /// The operation's name (`given.name`).
    pub operation: String,
    /// The whole case object.
    pub data: Value,
    /// On botocore's own ignore list.
    pub ignored: bool,
}

/// A protocol's suites, both directions.
pub struct Suites {
    pub protocol: String,
    pub cases: Vec<Case>,
    metadata: Map<String, Value>,
    shapes: Map<String, Value>,
    /// Each operation, merged from every case that names it.
    operations: Map<String, Value>,
}

impl Suites {
    /// The operation names, in order of first appearance.
    pub fn operations(&self) -> Vec<String> {
        self.operations.keys().cloned().collect()
    }
}

fn read(path: &Path) -> Result<Value, String> {
    println!("cargo:rerun-if-changed={}", path.display());
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Suite descriptions, input case ids and output case ids.
type IgnoreList = (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>);

/// botocore's ignore list for `protocol`.
fn ignore_list(dir: &Path, protocol: &str) -> Result<IgnoreList, String> {
    let list = read(&dir.join("protocol-tests-ignore-list.json"))?;
    let strings = |v: &Value| -> BTreeSet<String> {
        v.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
    };
    let mut suites = strings(&list["general"]["input"]["suites"]);
    suites.extend(strings(&list["general"]["output"]["suites"]));
    let p = &list["protocols"][protocol];
    Ok((suites, strings(&p["input"]["cases"]), strings(&p["output"]["cases"])))
}

pub fn load(dir: &Path, protocol: &str) -> Result<Suites, String> {
    let (ignored_suites, ignored_input, ignored_output) = ignore_list(dir, protocol)?;
    let mut suites = Suites {
        protocol: protocol.to_owned(),
        cases: Vec::new(),
        metadata: Map::new(),
        shapes: Map::new(),
        operations: Map::new(),
    };
    for kind in [Kind::Input, Kind::Output] {
        let file = dir.join(kind.name()).join(format!("{protocol}.json"));
        let list = read(&file)?;
        let label = format!("{}/{protocol}.json", kind.name());
        for suite in list.as_array().ok_or_else(|| format!("{label} is not a list of suites"))? {
            let description = suite["description"].as_str().unwrap_or_default().to_owned();
            if let Some(m) = suite["metadata"].as_object() {
                for (k, v) in m {
                    suites.metadata.entry(k.clone()).or_insert_with(|| v.clone());
                }
            }
            for (name, shape) in suite["shapes"].as_object().into_iter().flatten() {
                match suites.shapes.get(name) {
                    Some(existing) if existing != shape => {
                        return Err(format!("{label}: `{description}` redefines the shape `{name}`"))
                    }
                    _ => {
                        suites.shapes.insert(name.clone(), shape.clone());
                    }
                }
            }
            for case in suite["cases"].as_array().into_iter().flatten() {
                let given = &case["given"];
                let operation = given["name"].as_str().ok_or_else(|| format!("{label}: a case without given.name"))?;
                merge_operation(&mut suites.operations, operation, given)
                    .map_err(|e| format!("{label}: `{description}`: {e}"))?;
                let id = case["id"].as_str().ok_or_else(|| format!("{label}: a case without an id"))?.to_owned();
                let ignored = ignored_suites.contains(&description)
                    || match kind {
                        Kind::Input => ignored_input.contains(&id),
                        Kind::Output => ignored_output.contains(&id),
                    };
                suites.cases.push(Case {
                    kind,
                    suite: description.clone(),
                    id,
                    operation: operation.to_owned(),
                    data: case.clone(),
                    ignored,
                });
            }
        }
    }
    Ok(suites)
}

/// Folds one case's `given` into the operation of that name: the input suites give the
/// operation's input, the output suites its output and errors.
fn merge_operation(operations: &mut Map<String, Value>, name: &str, given: &Value) -> Result<(), String> {
    let op = operations.entry(name.to_owned()).or_insert_with(|| json!({}));
    let op = op.as_object_mut().ok_or("not an object")?;
    for (key, value) in given.as_object().ok_or("`given` is not an object")? {
        match key.as_str() {
            "errors" => {
                let errors = op.entry("errors").or_insert_with(|| json!([]));
                let list = errors.as_array_mut().ok_or("`errors` is not a list")?;
                for e in value.as_array().ok_or("`errors` is not a list")? {
                    if !list.contains(e) {
                        list.push(e.clone());
                    }
                }
            }
            "documentation" => {
                op.entry(key.clone()).or_insert_with(|| value.clone());
            }
            _ => match op.get(key) {
                Some(existing) if existing != value => {
                    return Err(format!("the operation `{name}` has two different `{key}`s"));
                }
                _ => {
                    op.insert(key.clone(), value.clone());
                }
            },
        }
    }
    Ok(())
}

/// The suites as one service description: the suites leave out the service's identity, which
/// is made up here (`serviceId`, `endpointPrefix`, `signingName`).
pub fn description(suites: &Suites) -> Result<Value, String> {
    let mut metadata = suites.metadata.clone();
    metadata.insert("serviceId".into(), json!(format!("{} protocol tests", suites.protocol)));
    metadata.insert("endpointPrefix".into(), json!("protocoltests"));
    metadata.insert("signatureVersion".into(), json!("v4"));
    metadata.remove("protocols");
    Ok(json!({
        "version": "2.0",
        "metadata": metadata,
        "operations": suites.operations,
        "shapes": suites.shapes,
    }))
}
