//! The maintainer's loop: regenerate `generated/` from `model/` and the golden crates of the
//! fixture models, or check that they are fresh.
//!
//! File I/O lives here, not in the generator ([`sync`]): write only files whose contents
//! changed, remove files the generator no longer produces, and in check mode change nothing and
//! report a unified diff of every stale, missing or extra file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use generator::cli::Job;

pub mod bench;
pub mod catalogue;
pub mod sync;

/// Dev-dependencies of the project's own tests in `generated/tests/` (not of generated code).
pub const PROJECT_DEV_DEPENDENCIES: &[&str] = &[
    "proptest = { version = \"1\", default-features = false, features = [\"std\"] }",
    "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"net\", \"io-util\", \"time\"] }",
    "wiremock = \"0.6\"",
    "hmac = \"0.13\"",
    "sha2 = \"0.11\"",
    "hex = \"0.4\"",
    "tracing = \"0.1\"",
    "amazon-connect-participant = { path = \"participant\" }",
];

/// The `[dev-dependencies]` of every golden crate (their hand-written `tests/` need them).
pub const GOLDEN_DEV_DEPENDENCIES: &[&str] =
    &["tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"net\", \"io-util\", \"time\"] }"];

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

#[derive(Debug, Clone)]
pub struct Options {
    pub model: PathBuf,
    /// Operation names; empty with `all == false` means every operation of the service.
    pub operations: Vec<String>,
    pub all: bool,
    pub out: PathBuf,
    /// The crate is written outside the workspace (adds an empty `[workspace]`).
    pub standalone: bool,
    pub package: Option<String>,
    /// Documented rules for strict validation (`model/connect.rules.json` for the project).
    pub rules: Option<PathBuf>,
    /// `[dev-dependencies]` lines for the generated manifest.
    pub dev_dependencies: Vec<String>,
    /// Copy the runtime into the crate instead of depending on `generator/runtime`.
    pub vendored: bool,
    pub check: bool,
}

impl Options {
    /// `cargo xtask codegen` with no arguments regenerates every crate of the project; this is
    /// the first, `model/connect.json` → `generated/`.
    pub fn project_default() -> Options {
        project_targets().remove(0)
    }
}

/// The project's generated crates: Amazon Connect (`generated/`) and the Connect Participant
/// Service (`generated/participant/`), each from its slice of the model in `model/`.
pub fn project_targets() -> Vec<Options> {
    let root = workspace_root();
    let target = |model: &str, out: &str, rules: &str, operations: &[&str], dev: bool| Options {
        model: root.join(model),
        operations: operations.iter().map(|s| s.to_string()).collect(),
        all: false,
        out: root.join(out),
        standalone: false,
        package: None,
        rules: Some(root.join(rules)),
        dev_dependencies: if dev {
            PROJECT_DEV_DEPENDENCIES.iter().map(|s| s.to_string()).collect()
        } else {
            Vec::new()
        },
        vendored: false,
        check: false,
    };
    vec![
        target("model/connect.json", "generated", "model/connect.rules.json", &["StartChatContact"], true),
        target(
            "model/connectparticipant.json",
            "generated/participant",
            "model/connectparticipant.rules.json",
            &["CreateParticipantConnection", "SendMessage"],
            false,
        ),
    ]
}

/// The hand-written fixture models of the generator's tests, `<name>.json` each.
pub fn fixtures_dir() -> PathBuf {
    workspace_root().join("generator/tests/fixtures")
}

/// One golden crate per fixture model, `<name>/`: the whole generated crate, committed, so a
/// generator change shows as a diff of generated code. Its hand-written `tests/` (behaviour
/// tests) are not part of the generated set. Each is a workspace member, so `cargo test
/// --workspace` builds it and runs them.
pub fn golden_dir() -> PathBuf {
    workspace_root().join("generator/tests/golden")
}

/// The fixture whose golden crate is generated self-contained (the runtime copied in).
pub const VENDORED_FIXTURE: &str = "smithy1";

/// The shared runtime crate the generated crates depend on.
pub fn runtime_dir() -> PathBuf {
    workspace_root().join("generator/runtime")
}

/// How a crate written to `out` names the runtime crate in its manifest: relative when both are
/// inside the workspace (so the checkout can move), absolute otherwise.
pub fn runtime_path_from(out: &Path) -> String {
    let root = workspace_root();
    let out = if out.is_absolute() { out.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(out) };
    let out = normalize(&out);
    match out.strip_prefix(&root) {
        Ok(inside) => {
            let ups = inside.components().count();
            let mut path = "../".repeat(ups);
            path.push_str("generator/runtime");
            path
        }
        Err(_) => runtime_dir().display().to_string(),
    }
}

/// `a/./b/../c` → `a/c`, without touching the filesystem (the output may not exist yet).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Regenerates (or checks) the runtime crate's generated files.
pub fn runtime_codegen(check: bool) -> Result<Option<String>, String> {
    let files = generator::runtime_files().map_err(|e| e.to_string())?;
    let synced = sync::sync_only(&runtime_dir(), &files, check)?;
    Ok(synced.stale)
}

/// The golden crates of the project's fixture models.
pub fn golden_targets() -> Result<Vec<Options>, String> {
    golden_targets_in(&fixtures_dir(), &golden_dir())
}

/// A golden crate for every `*.json` model in `fixtures`, written to `golden/<name>/` as the
/// package `fixture-<name>` (underscores become hyphens), with the default config otherwise.
pub fn golden_targets_in(fixtures: &Path, golden: &Path) -> Result<Vec<Options>, String> {
    let entries = std::fs::read_dir(fixtures).map_err(|e| format!("cannot list {}: {e}", display(fixtures)))?;
    let mut models = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", display(fixtures)))?.path();
        if path.extension().is_some_and(|e| e == "json") {
            models.push(path);
        }
    }
    models.sort();
    Ok(models
        .into_iter()
        .map(|model| {
            let name = model.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            Options {
                operations: Vec::new(),
                all: true,
                out: golden.join(&name),
                standalone: false,
                package: Some(format!("fixture-{}", name.replace('_', "-"))),
                rules: None,
                // The behaviour tests of a golden crate run against local servers.
                dev_dependencies: GOLDEN_DEV_DEPENDENCIES.iter().map(|s| s.to_string()).collect(),
                // One fixture proves the self-contained mode: its crate carries the runtime.
                vendored: name == VENDORED_FIXTURE,
                check: false,
                model,
            }
        })
        .collect())
}

/// Golden crates left behind by a removed fixture model: an error in both modes, since the
/// directory also holds hand-written tests (`cargo xtask codegen` never deletes those).
pub fn golden_orphans() -> Result<Option<String>, String> {
    golden_orphans_in(&fixtures_dir(), &golden_dir())
}

/// The report naming every directory of `golden` without a model in `fixtures`, if any.
pub fn golden_orphans_in(fixtures: &Path, golden: &Path) -> Result<Option<String>, String> {
    let entries = match std::fs::read_dir(golden) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot list {}: {e}", display(golden))),
    };
    let mut orphans = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", display(golden)))?.path();
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else { continue };
        if path.is_dir() && !fixtures.join(format!("{name}.json")).is_file() {
            orphans.push(format!(
                "orphan: {} has no fixture model {}; delete the directory or restore the model.",
                display(&path),
                display(&fixtures.join(format!("{name}.json")))
            ));
        }
    }
    orphans.sort();
    Ok((!orphans.is_empty()).then(|| orphans.join("\n")))
}

/// What a run did (or, in check mode, found).
#[derive(Debug)]
pub struct Outcome {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub shapes: usize,
    pub operations: usize,
    /// The generator's warnings (each also printed on stderr).
    pub warnings: usize,
    /// The generated files' paths, relative to the crate.
    pub files: Vec<String>,
    pub elapsed: Duration,
    /// Check mode: the report of stale files, `None` when everything is fresh.
    pub stale: Option<String>,
}

impl Outcome {
    pub fn summary(&self, opts: &Options) -> String {
        let files = self.written + self.unchanged;
        format!(
            "codegen: {files} files ({} written, {} unchanged, {} removed) in {}; {} shapes, {} operation{}; {:.2} s",
            self.written,
            self.unchanged,
            self.removed,
            display(&opts.out),
            self.shapes,
            self.operations,
            if self.operations == 1 { "" } else { "s" },
            self.elapsed.as_secs_f64()
        )
    }
}

/// A path relative to the workspace root when it is inside it.
pub fn display(p: &Path) -> String {
    let root = workspace_root();
    p.strip_prefix(&root).map(|r| r.display().to_string()).unwrap_or_else(|_| p.display().to_string())
}

/// Regenerates (or checks) one crate.
pub fn codegen(opts: &Options) -> Result<Outcome, String> {
    let start = Instant::now();
    let job = Job {
        model: opts.model.clone(),
        operations: opts.operations.clone(),
        all: opts.all,
        package: opts.package.clone(),
        rules: opts.rules.clone(),
        standalone: opts.standalone,
        dev_dependencies: opts.dev_dependencies.clone(),
        runtime: if opts.vendored {
            generator::Runtime::Vendored
        } else {
            generator::Runtime::Path(runtime_path_from(&opts.out))
        },
    };
    let generated = job.run(display)?;
    let synced = sync::sync(&opts.out, &generated.files, opts.check)?;
    Ok(Outcome {
        written: synced.written,
        unchanged: synced.unchanged,
        removed: synced.removed,
        shapes: generated.shapes,
        operations: generated.operations,
        warnings: generated.warnings.len(),
        files: generated.files.iter().map(|f| f.path.clone()).collect(),
        elapsed: start.elapsed(),
        stale: synced.stale,
    })
}
