//! Which models a catalogue run covers: the model files of a directory, named, filtered.
//!
//! A directory holds Smithy JSON AST models as `<name>.json` (a `<name>.rules.json` beside one is
//! its documented rules file, not a model), and botocore service descriptions in botocore's own
//! layout, `<name>/<version>/service-2.json` (the newest version when there are several).

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::display;

/// One model to generate and build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFile {
    /// The row's name and the crate's directory under `target/catalogue/`.
    pub name: String,
    pub path: PathBuf,
    /// Documented rules for strict validation (`<name>.rules.json` beside the model).
    pub rules: Option<PathBuf>,
    /// A fixture model of the generator's tests: its crate is named like its golden crate.
    pub fixture: bool,
}

impl ModelFile {
    /// A model named `name` at `path`, without rules.
    pub fn new(name: &str, path: impl Into<PathBuf>, fixture: bool) -> ModelFile {
        ModelFile { name: name.to_string(), path: path.into(), rules: None, fixture }
    }

    /// The Cargo package name: a fixture's is its golden crate's (`fixture-<name>`); any other
    /// model gets the generator's default (`amazon-{sdkId}`).
    pub fn package(&self) -> Option<String> {
        self.fixture.then(|| format!("fixture-{}", self.name.replace('_', "-")))
    }
}

/// The directory of the shared reference models: `$SMITHY_MODELS_DIR` (as given, relative to
/// the current directory), else `../shared/models` beside the workspace root.
pub fn default_models_dir(env: Option<OsString>, root: &Path) -> PathBuf {
    match env {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => root.join("../shared/models"),
    }
}

/// The models of `dir`, sorted by name. Other files (a README, a `.rules.json`) and directories
/// without a `<version>/service-2.json` are not models and are skipped.
pub fn discover(dir: &Path, fixture: bool) -> Result<Vec<ModelFile>, String> {
    let list = |d: &Path| -> Result<Vec<PathBuf>, String> {
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(d).map_err(|e| format!("cannot list {}: {e}", display(d)))? {
            paths.push(entry.map_err(|e| format!("cannot list {}: {e}", display(d)))?.path());
        }
        paths.sort();
        Ok(paths)
    };
    let mut models = Vec::new();
    for path in list(dir)? {
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
        if path.is_dir() {
            // botocore: <service>/<version>/service-2.json; versions are dates, so the newest
            // sorts last.
            let newest = list(&path)?.into_iter().rev().map(|v| v.join("service-2.json")).find(|f| f.is_file());
            if let Some(service) = newest {
                models.push(ModelFile::new(&file_name, service, fixture));
            }
            continue;
        }
        let Some(stem) = file_name.strip_suffix(".json") else { continue };
        if stem.ends_with(".rules") || stem.is_empty() {
            continue;
        }
        let rules = dir.join(format!("{stem}.rules.json"));
        let mut model = ModelFile::new(stem, &path, fixture);
        model.rules = rules.is_file().then_some(rules);
        models.push(model);
    }
    Ok(models)
}

/// Gives every model its own name (and so its own crate directory): the second `connect` of a
/// run becomes `connect-2`, the third `connect-3`.
pub fn unique_names(models: &mut [ModelFile]) {
    let mut taken: BTreeSet<String> = models.iter().map(|m| m.name.clone()).collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for model in models.iter_mut() {
        if seen.insert(model.name.clone()) {
            continue;
        }
        let n = (2..).find(|n| !taken.contains(&format!("{}-{n}", model.name))).unwrap_or(2);
        model.name = format!("{}-{n}", model.name);
        taken.insert(model.name.clone());
        seen.insert(model.name.clone());
    }
}

/// The models `only` names (all of them when it is empty). A name that matches no model is an
/// error naming the models there are, so a typo cannot pass as an empty run.
pub fn select(models: Vec<ModelFile>, only: &[String]) -> Result<Vec<ModelFile>, String> {
    known(&models, only, "--only")?;
    if only.is_empty() {
        return Ok(models);
    }
    Ok(models.into_iter().filter(|m| only.contains(&m.name)).collect())
}

/// Fails naming the first of `names` that is not a model of `models`.
pub fn known(models: &[ModelFile], names: &[String], option: &str) -> Result<(), String> {
    match names.iter().find(|n| !models.iter().any(|m| &m.name == *n)) {
        None => Ok(()),
        Some(name) => {
            let all: Vec<&str> = models.iter().map(|m| m.name.as_str()).collect();
            Err(format!("{option} {name}: no such model (the models are: {})", all.join(", ")))
        }
    }
}
