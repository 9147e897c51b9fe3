//! `cargo xtask codegen [--check] [--model PATH] [--operation NAME]… [--all] [--out DIR]`
//! `cargo xtask catalogue [--models DIR]… [--no-fixtures] [--only NAME]… [--test NAME]…`

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use xtask::{codegen, display, workspace_root, Options};

/// `cargo xtask bench`: timings only mean something from a release build, so a debug build
/// runs the release one.
fn bench(model: Option<PathBuf>, operation: String) -> ExitCode {
    let model = model
        .or_else(|| std::env::var_os("CONNECT_MODEL").map(PathBuf::from))
        .unwrap_or_else(|| workspace_root().join("../shared/models/connect.json"));
    if cfg!(debug_assertions) {
        let status = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args([
                "run",
                "--release",
                "--quiet",
                "--package",
                "xtask",
                "--",
                "bench",
                "--operation",
                &operation,
                "--model",
            ])
            .arg(&model)
            .current_dir(workspace_root())
            .status();
        return match status {
            Ok(s) if s.success() => ExitCode::SUCCESS,
            _ => ExitCode::FAILURE,
        };
    }
    match xtask::bench::run(&model, &operation) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Parser)]
#[command(about = "Project maintenance tasks")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Regenerate generated/ from model/ and the fixtures' golden crates (or any model into any
    /// directory).
    Codegen {
        /// Change nothing; fail with a diff if the output on disk is stale (generated/ and
        /// generator/tests/golden/ without --model and --out).
        #[arg(long)]
        check: bool,
        /// The Smithy JSON AST model (default: model/connect.json).
        #[arg(long)]
        model: Option<PathBuf>,
        /// An operation to generate; repeatable (default: the project's operations, or with
        /// --model every operation of the service).
        #[arg(long = "operation", conflicts_with = "all")]
        operations: Vec<String>,
        /// Generate every operation of the service.
        #[arg(long)]
        all: bool,
        /// Where the crate goes (default: generated/). Any other directory gets a standalone crate.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Cargo package name (default: `amazon-{sdkId}`, e.g. amazon-connect).
        #[arg(long)]
        package: Option<String>,
        /// Documented rules for strict validation (default: model/connect.rules.json with the
        /// default model, none with --model).
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Copy the shared runtime into the crate instead of depending on generator/runtime
        /// (only with --out).
        #[arg(long, requires = "out")]
        vendor_runtime: bool,
    },
    /// Generate every model (the shared models and the fixtures) with every operation into
    /// target/catalogue/<name>/, build each with clippy (warnings denied), print a table.
    Catalogue(xtask::catalogue::Args),
    /// Time the generator on the official model, stage by stage (release build, medians).
    Bench {
        /// The model (default: ../shared/models/connect.json, or $CONNECT_MODEL).
        #[arg(long)]
        model: Option<PathBuf>,
        /// The single operation to time (default: StartChatContact).
        #[arg(long, default_value = "StartChatContact")]
        operation: String,
    },
}

fn main() -> ExitCode {
    let (check, model, operations, all, out, package, rules, vendor_runtime) = match Cli::parse().task {
        Task::Codegen { check, model, operations, all, out, package, rules, vendor_runtime } => {
            (check, model, operations, all, out, package, rules, vendor_runtime)
        }
        Task::Bench { model, operation } => return bench(model, operation),
        Task::Catalogue(args) => return xtask::catalogue::main(&args),
    };
    // Without --model or --out: every crate of the project, then the golden crates of the
    // fixture models (which the other options do not change). Otherwise: one crate as described.
    let project = model.is_none() && out.is_none();
    let mut targets: Vec<Options> = if project {
        xtask::project_targets()
            .into_iter()
            .map(|mut t| {
                if !operations.is_empty() || all {
                    t.operations = operations.clone();
                    t.all = all;
                }
                if package.is_some() {
                    t.package = package.clone();
                }
                if rules.is_some() {
                    t.rules = rules.clone();
                }
                t
            })
            .collect()
    } else {
        let mut opts = Options::project_default();
        if let Some(m) = model {
            opts.model = m;
            opts.rules = None;
            opts.operations = Vec::new();
        }
        if let Some(o) = out {
            opts.standalone = true;
            opts.dev_dependencies.clear();
            opts.out = o;
        }
        if !operations.is_empty() {
            opts.operations = operations.clone();
        }
        opts.all = all;
        if package.is_some() {
            opts.package = package.clone();
        }
        if rules.is_some() {
            opts.rules = rules.clone();
        }
        opts.vendored = vendor_runtime;
        vec![opts]
    };
    let mut failed = false;
    if project {
        match xtask::golden_targets() {
            Ok(golden) => targets.extend(golden),
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    for mut opts in targets {
        opts.check = check;
        match codegen(&opts) {
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
            Ok(outcome) => match &outcome.stale {
                Some(report) => {
                    eprintln!("{report}");
                    failed = true;
                }
                None => {
                    if check {
                        println!(
                            "codegen --check: {} is fresh ({} files, {} shapes)",
                            display(&opts.out),
                            outcome.unchanged,
                            outcome.shapes
                        );
                    } else {
                        println!("{}", outcome.summary(&opts));
                    }
                }
            },
        }
    }
    if project {
        match xtask::runtime_codegen(check) {
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
            Ok(Some(report)) => {
                eprintln!("{report}");
                failed = true;
            }
            Ok(None) => println!(
                "codegen{}: generator/runtime {}",
                if check { " --check" } else { "" },
                if check { "is fresh" } else { "has its generated partition table" }
            ),
        }
        match xtask::golden_orphans() {
            Ok(None) => {}
            Ok(Some(report)) => {
                eprintln!("{report}");
                failed = true;
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
