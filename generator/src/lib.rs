//! Generates a typed Rust client crate from a Smithy 2.0 JSON AST model, or from a botocore
//! service description (the second front-end, [`model`]'s `botocore` reader, which produces the
//! same [`Model`]).
//!
//! The pipeline, each stage a module with its own tests:
//!
//! ```text
//! model JSON ─load─▶ Model ─select─▶ Closure ─lower─▶ IR ─emit─▶ tokens ─format─▶ files
//! ```
//!
//! Each stage reads only the one before it: [`lower`] is the one place decisions are made and
//! records them in [`ir`] (which holds no model types); [`emit`] prints the IR and never reads
//! the model.
//!
//! [`generate`] is pure: it takes a loaded model and a [`Config`] and returns the files of the
//! crate; writing them is the caller's business (see `xtask`). [`cli`] reads the files the two
//! command lines name.

pub mod cli;
pub mod docs;
pub mod emit;
pub mod error;
pub mod ir;
pub mod lower;
pub mod model;
pub mod naming;
pub mod parallel;
pub mod patterns;
pub mod protocol;
pub mod rules;
pub mod select;
#[cfg(test)]
mod test_support;

pub use error::Error;
pub use ir::Runtime;
pub use model::Model;
pub use select::Selection;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The operations whose closure is generated.
    pub operations: Selection,
    /// Cargo package name; by default `amazon-{sdkId in kebab case}`.
    pub package: Option<String>,
    /// Cargo package version.
    pub version: String,
    /// Add an empty `[workspace]` table so the crate builds on its own wherever it is written.
    pub standalone: bool,
    /// Documented rules (checked in strict validation mode), if any.
    pub rules: Option<rules::Rules>,
    /// `[dev-dependencies]` lines for the generated manifest (the project's own tests of the
    /// generated crate need some; generated code never does).
    pub dev_dependencies: Vec<String>,
    /// How the crate gets the shared runtime (default: a path dependency on [`RUNTIME_DIR`]).
    pub runtime: Runtime,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            operations: Selection::All,
            package: None,
            version: "0.1.0".into(),
            standalone: false,
            rules: None,
            dev_dependencies: Vec::new(),
            runtime: Runtime::Path(RUNTIME_DIR.to_owned()),
        }
    }
}

/// One file of the generated crate, relative to the crate root, with `/` separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

/// The generated crate and what went into it.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    /// Model shapes in the closure, operations included.
    pub shapes: usize,
    pub operations: usize,
    pub package: String,
    /// Things a maintainer should know, each naming its shape (e.g. defective patterns).
    pub warnings: Vec<String>,
}

/// Model → crate files. Deterministic: the same model and config give byte-identical files.
///
/// With [`Selection::All`], an operation that needs a feature the generator does not support
/// yet is left out, with a warning naming it and the feature, and the rest is generated; a
/// named operation that needs one is an error.
pub fn generate(model: &Model, config: &Config) -> Result<Generated, Error> {
    let (krate, warnings) = prepare(model, config)?;
    finish(krate, warnings)
}

/// [`generate`], taking the model: it is dropped as soon as the crate's description is
/// lowered from it, before the code is written, so the two are never in memory at once (what
/// the CLI does, for models of any size).
pub fn generate_owned(model: Model, config: &Config) -> Result<Generated, Error> {
    let (krate, warnings) = prepare(&model, config)?;
    drop(model);
    finish(krate, warnings)
}

/// The crate's description, and the warnings about the model that go with it.
fn prepare(model: &Model, config: &Config) -> Result<(ir::Crate, Vec<String>), Error> {
    let mut closure = select::select(model, &config.operations)?;
    let mut left_out = Vec::new();
    let krate = loop {
        let err = match lower::lower(model, &closure, config) {
            Ok(krate) => break krate,
            Err(err) => err,
        };
        let Error::Unsupported { shape, .. } = &err else { return Err(err) };
        if config.operations != Selection::All {
            return Err(err);
        }
        let needing = operations_reaching(model, &closure, shape)?;
        if needing.is_empty() || needing.len() == closure.operations.len() {
            return Err(err);
        }
        for op in &needing {
            left_out.push(format!("operation `{op}` is left out: {err}"));
        }
        let rest: Vec<String> =
            closure.operations.iter().filter(|op| !needing.contains(op)).map(ToString::to_string).collect();
        closure = select::select(model, &Selection::Named(rest))?;
    };
    // What loading accepted against the spec, about the shapes generated.
    let accepted = model
        .warnings()
        .iter()
        .filter(|(id, _)| *id == closure.service || closure.operations.contains(id) || closure.shapes.contains_key(id))
        .map(|(_, w)| w.clone());
    let warnings = left_out.into_iter().chain(accepted).collect();
    Ok((krate, warnings))
}

/// The crate's files, from its description.
fn finish(krate: ir::Crate, mut warnings: Vec<String>) -> Result<Generated, Error> {
    let files = emit::emit(&krate)?;
    warnings.extend(krate.warnings);
    Ok(Generated {
        files,
        shapes: krate.shape_count,
        operations: krate.operations.len(),
        package: krate.package,
        warnings,
    })
}

/// The operations of `closure` whose own closure holds `shape` (`ns#Name` or `ns#Name$member`).
fn operations_reaching(model: &Model, closure: &select::Closure, shape: &str) -> Result<Vec<model::ShapeId>, Error> {
    let Ok(id) = model::ShapeId::parse(shape.split('$').next().unwrap_or(shape)) else { return Ok(Vec::new()) };
    let mut needing = Vec::new();
    for op in &closure.operations {
        let own = select::select(model, &Selection::Named(vec![op.to_string()]))?;
        if *op == id || own.shapes.contains_key(&id) || own.operation_io.contains(&id) {
            needing.push(op.clone());
        }
    }
    Ok(needing)
}

/// The shared runtime crate, `amazon-runtime`, in this generator's source tree: what generated
/// crates depend on by default.
pub const RUNTIME_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime");

/// The runtime crate's generated files (relative to [`RUNTIME_DIR`]): its partition table, from
/// the generator's `data/partitions.json`. `cargo xtask codegen` keeps them fresh.
pub fn runtime_files() -> Result<Vec<GeneratedFile>, Error> {
    let table = lower::endpoints::partitions::partitions()?;
    Ok(vec![emit::runtime_partitions(&table)?])
}

/// Parses model JSON and generates in one step.
pub fn generate_from_json(json: &[u8], config: &Config) -> Result<Generated, Error> {
    generate(&Model::from_json(json)?, config)
}
