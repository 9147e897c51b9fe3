//! The maintainer's loop: regenerate `generated/` from `model/`, or check that it is fresh.
//!
//! File I/O lives here, not in the generator: write only files whose contents changed, remove
//! files the generator no longer produces, and in check mode change nothing and report a
//! unified diff of every stale, missing or extra file.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use generator::cli::Job;
use generator::GeneratedFile;

pub mod bench;

/// Dev-dependencies of the project's own tests in `generated/tests/` (not of generated code).
pub const PROJECT_DEV_DEPENDENCIES: &[&str] = &[
    "proptest = { version = \"1\", default-features = false, features = [\"std\"] }",
    "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\", \"net\", \"io-util\", \"time\"] }",
    "wiremock = \"0.6\"",
    "hmac = \"0.13\"",
    "sha2 = \"0.11\"",
    "hex = \"0.4\"",
    "amazon-connect-participant = { path = \"participant\" }",
];

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
        dev_dependencies: if dev { PROJECT_DEV_DEPENDENCIES.iter().map(|s| s.to_string()).collect() } else { Vec::new() },
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

/// What a run did (or, in check mode, found).
#[derive(Debug)]
pub struct Outcome {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub shapes: usize,
    pub operations: usize,
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

/// Line endings normalised, so a checkout with CRLF conversion is not "stale".
fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n")
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
    };
    let generated = job.run(display)?;
    let extra = extra_files(&opts.out, &generated.files)?;

    let mut outcome = Outcome {
        written: 0,
        unchanged: 0,
        removed: 0,
        shapes: generated.shapes,
        operations: generated.operations,
        elapsed: Duration::ZERO,
        stale: None,
    };
    if opts.check {
        outcome.stale = check(&opts.out, &generated.files, &extra);
        outcome.unchanged = generated.files.len();
    } else {
        for f in &generated.files {
            if write_if_changed(&opts.out.join(&f.path), &f.contents)? {
                outcome.written += 1;
            } else {
                outcome.unchanged += 1;
            }
        }
        for path in &extra {
            let full = opts.out.join(path);
            std::fs::remove_file(&full).map_err(|e| format!("cannot remove {}: {e}", display(&full)))?;
            outcome.removed += 1;
            remove_empty_parents(&opts.out, &full);
        }
    }
    outcome.elapsed = start.elapsed();
    Ok(outcome)
}

/// Files under the directories the generator owns (`src/`, …) that it did not produce.
fn extra_files(out: &Path, files: &[GeneratedFile]) -> Result<Vec<String>, String> {
    let produced: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let owned_dirs: BTreeSet<&str> = files.iter().filter_map(|f| f.path.split_once('/').map(|(d, _)| d)).collect();
    let mut extra = Vec::new();
    for dir in owned_dirs {
        let mut stack = vec![out.join(dir)];
        while let Some(d) = stack.pop() {
            let entries = match std::fs::read_dir(&d) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(format!("cannot list {}: {e}", display(&d))),
            };
            for entry in entries {
                let entry = entry.map_err(|e| format!("cannot list {}: {e}", display(&d)))?;
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(out).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                    if !produced.contains(rel.as_str()) {
                        extra.push(rel);
                    }
                }
            }
        }
    }
    extra.sort();
    Ok(extra)
}

fn write_if_changed(path: &Path, contents: &str) -> Result<bool, String> {
    if let Ok(existing) = std::fs::read_to_string(path) {
        if normalise(&existing) == contents {
            return Ok(false);
        }
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", display(parent)))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", display(path)))?;
    Ok(true)
}

fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Compares without writing; returns the report when anything differs.
fn check(out: &Path, files: &[GeneratedFile], extra: &[String]) -> Option<String> {
    let mut report = String::new();
    let (mut stale, mut missing) = (0, 0);
    for f in files {
        let shown = display(&out.join(&f.path));
        match std::fs::read_to_string(out.join(&f.path)) {
            Ok(existing) => {
                let existing = normalise(&existing);
                if existing != f.contents {
                    stale += 1;
                    let diff = similar::TextDiff::from_lines(&existing, &f.contents);
                    let _ = write!(
                        report,
                        "{}",
                        diff.unified_diff().context_radius(3).header(&format!("{shown} (on disk)"), &format!("{shown} (generated)"))
                    );
                }
            }
            Err(_) => {
                missing += 1;
                let _ = writeln!(report, "missing: {shown} (the generator produces it)");
            }
        }
    }
    for e in extra {
        let _ = writeln!(report, "extra: {} (the generator does not produce it)", display(&out.join(e)));
    }
    if report.is_empty() {
        return None;
    }
    Some(format!(
        "{} is stale: {stale} file(s) differ, {missing} missing, {} extra.\n{report}\nRun `cargo xtask codegen` to update it.",
        display(out),
        extra.len()
    ))
}
