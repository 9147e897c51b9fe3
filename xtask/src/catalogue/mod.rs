//! `cargo xtask catalogue`: every model we have, each generated with every operation into a
//! standalone crate under `target/catalogue/<name>/` and built with
//! `cargo clippy --all-targets -- -D warnings`, one after another with the workspace's target
//! directory (so the dependencies, already built by the workspace, are compiled once), then a
//! table of what passed and what did not, and why.
//!
//! The models: the shared reference models (`$SMITHY_MODELS_DIR`, else `../shared/models`) or
//! the directories given with `--models`, and the generator's fixture models. The pure parts are
//! in [`discover`] (which files are models), [`cargo`] (what a build said) and [`table`].

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use crate::{codegen, display, fixtures_dir, workspace_root, Options};

pub mod cargo;
pub mod discover;
pub mod table;

pub use discover::ModelFile;
pub use table::Row;

/// How a model fared: the first step that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    GenerateFailed,
    /// An error `cargo check` would report too (or cargo failed before compiling).
    CheckFailed,
    /// Compiles, but with lints `-D warnings` denies.
    ClippyFailed,
    /// `cargo test` (with `--test NAME`) failed.
    TestFailed,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Ok => "ok",
            Status::GenerateFailed => "generate failed",
            Status::CheckFailed => "check failed",
            Status::ClippyFailed => "clippy failed",
            Status::TestFailed => "test failed",
        })
    }
}

/// `cargo xtask catalogue`'s options.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Args {
    /// A directory of models (`*.json`, or botocore's `<svc>/<version>/service-2.json`);
    /// repeatable (default: $SMITHY_MODELS_DIR, else ../shared/models beside the workspace).
    #[arg(long = "models", value_name = "DIR")]
    pub models: Vec<PathBuf>,
    /// Leave out the fixture models of generator/tests/fixtures/.
    #[arg(long)]
    pub no_fixtures: bool,
    /// Only this model (its name in the table: the file name without `.json`, or the botocore
    /// service directory); repeatable.
    #[arg(long = "only", value_name = "NAME")]
    pub only: Vec<String>,
    /// Also run `cargo test` in this model's crate once it builds; repeatable.
    #[arg(long = "test", value_name = "NAME")]
    pub test: Vec<String>,
}

/// Where and how the crates are built.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The crates go to `<out>/<name>/` (`target/catalogue/`).
    pub out: PathBuf,
    /// `CARGO_TARGET_DIR` of every build: the workspace's, which holds the dependencies.
    pub target_dir: PathBuf,
    /// The workspace's `Cargo.lock`, copied into each crate so it builds the same versions.
    pub lockfile: PathBuf,
    pub cargo: PathBuf,
}

impl Settings {
    pub fn for_workspace() -> Settings {
        let root = workspace_root();
        let target_dir = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
        Settings {
            out: root.join("target/catalogue"),
            lockfile: root.join("Cargo.lock"),
            cargo: std::env::var_os("CARGO").map(PathBuf::from).unwrap_or_else(|| "cargo".into()),
            target_dir,
        }
    }
}

/// The models `args` asks for, in order: the model directories', then the fixtures'.
pub fn models(args: &Args) -> Result<Vec<ModelFile>, String> {
    let dirs = if args.models.is_empty() {
        let dir = discover::default_models_dir(std::env::var_os("SMITHY_MODELS_DIR"), &workspace_root());
        if dir.is_dir() {
            vec![dir]
        } else if std::env::var_os("CI").is_some() {
            return Err(format!("no models directory {} (set SMITHY_MODELS_DIR)", display(&dir)));
        } else {
            eprintln!("note: no models directory {} (set SMITHY_MODELS_DIR); fixtures only", display(&dir));
            Vec::new()
        }
    } else {
        args.models.clone()
    };
    let mut all = Vec::new();
    for dir in &dirs {
        let found = discover::discover(dir, false)?;
        if found.is_empty() {
            return Err(format!("no models in {}", display(dir)));
        }
        all.extend(found);
    }
    if !args.no_fixtures {
        all.extend(discover::discover(&fixtures_dir(), true)?);
    }
    discover::unique_names(&mut all);
    let selected = discover::select(all, &args.only)?;
    discover::known(&selected, &args.test, "--test")?;
    Ok(selected)
}

/// Runs one cargo command in `dir` with the shared target directory; (success, stdout, stderr).
fn cargo(settings: &Settings, dir: &Path, args: &[&str]) -> (bool, String, String) {
    let result = Command::new(&settings.cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &settings.target_dir)
        .env("CARGO_TERM_COLOR", "never")
        .output();
    match result {
        Ok(o) => {
            (o.status.success(), String::from_utf8_lossy(&o.stdout).into(), String::from_utf8_lossy(&o.stderr).into())
        }
        Err(e) => (false, String::new(), format!("error: cannot run {}: {e}", settings.cargo.display())),
    }
}

/// Removes what an earlier run left at the crate's top level that this generation does not
/// produce (a module directory of an operation since dropped, say): the crate is scratch.
fn remove_strays(dir: &Path, files: &[String]) -> Result<(), String> {
    let keep =
        |name: &str| name == "Cargo.lock" || name == LOG || files.iter().any(|f| f.split('/').next() == Some(name));
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", display(dir)))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_str().is_some_and(keep) {
            continue;
        }
        let removed = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
        removed.map_err(|e| format!("cannot remove {}: {e}", display(&path)))?;
    }
    Ok(())
}

/// The log a failed build leaves beside its crate: every message, rendered, then cargo's stderr.
pub const LOG: &str = "catalogue.log";

/// Generates, builds and (with `test`) tests one model.
pub fn check(model: &ModelFile, settings: &Settings, test: bool) -> Row {
    let mut row = Row::new(&model.name);
    let dir = settings.out.join(&model.name);
    let opts = Options {
        model: model.path.clone(),
        operations: Vec::new(),
        all: true,
        out: dir.clone(),
        standalone: true,
        package: model.package(),
        rules: model.rules.clone(),
        // Only the generated code counts: a fixture's golden tests (and their dev-dependencies)
        // stay in the golden crate.
        dev_dependencies: Vec::new(),
        vendored: false,
        check: false,
    };
    let generated = codegen(&opts).and_then(|outcome| {
        remove_strays(&dir, &outcome.files)?;
        std::fs::copy(&settings.lockfile, dir.join("Cargo.lock"))
            .map_err(|e| format!("cannot copy {} into {}: {e}", display(&settings.lockfile), display(&dir)))?;
        Ok(outcome)
    });
    let outcome = match generated {
        Ok(outcome) => outcome,
        Err(e) => {
            row.status = Status::GenerateFailed;
            row.detail = e;
            return row;
        }
    };
    row.operations = Some(outcome.operations);
    row.shapes = Some(outcome.shapes);
    row.warnings = Some(outcome.warnings);
    row.generate = Some(outcome.elapsed);

    let log = dir.join(LOG);
    let _ = std::fs::remove_file(&log);
    let t = Instant::now();
    let (success, stdout, stderr) =
        cargo(settings, &dir, &["clippy", "--all-targets", "--message-format=json", "--", "-D", "warnings"]);
    row.build = Some(t.elapsed());
    (row.status, row.detail) = cargo::judge_build(success, &stdout, &stderr);
    if row.status != Status::Ok {
        let rendered: String = cargo::parse(&stdout).iter().map(|d| d.rendered.as_str()).collect();
        let _ = std::fs::write(&log, format!("{rendered}\n{stderr}"));
        return row;
    }
    if test {
        let t = Instant::now();
        let (success, stdout, stderr) = cargo(settings, &dir, &["test", "--quiet"]);
        row.test = Some(t.elapsed());
        let output = format!("{stdout}\n{stderr}");
        let (status, detail) = cargo::judge_test(success, &output);
        if status != Status::Ok {
            let _ = std::fs::write(&log, &output);
        }
        (row.status, row.detail) = (status, detail);
    }
    row
}

/// `cargo xtask catalogue`: every model, one after another, then the table; fails if any failed.
pub fn main(args: &Args) -> ExitCode {
    let start = Instant::now();
    let models = match models(args) {
        Ok(models) => models,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let settings = Settings::for_workspace();
    let mut rows = Vec::new();
    for (i, model) in models.iter().enumerate() {
        eprintln!("catalogue [{}/{}] {}: {}", i + 1, models.len(), model.name, display(&model.path));
        let row = check(model, &settings, args.test.contains(&model.name));
        let time = |d: Option<Duration>| d.map(table::seconds).unwrap_or_else(|| "-".into());
        let log = settings.out.join(&model.name).join(LOG);
        let log = if log.is_file() { format!("; messages in {}", display(&log)) } else { String::new() };
        let test = row.test.map(|t| format!(", test {}", table::seconds(t))).unwrap_or_default();
        let (n, of, status) = (i + 1, models.len(), row.status);
        let (generate, build) = (time(row.generate), time(row.build));
        eprintln!("catalogue [{n}/{of}] {}: {status} (generate {generate}, build {build}{test}){log}", model.name);
        rows.push(row);
    }
    print!("{}", table::table(&rows));
    println!("{}", table::summary(&rows, start.elapsed()));
    if rows.iter().all(|r| r.status == Status::Ok) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
