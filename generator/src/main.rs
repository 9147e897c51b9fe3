//! `smithy-codegen`: the generator's command line. It reads a model, generates, prints the
//! generator's warnings, and writes the crate to `--out` (or lists the files). Maintainers
//! normally use `cargo xtask codegen`, which runs the same [`Job`] but writes only what changed
//! and can check freshness.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use generator::cli::Job;
use generator::Runtime;

#[derive(Parser)]
#[command(
    version,
    about = "Generate a typed Rust client crate from a Smithy JSON AST model or a botocore service description"
)]
struct Args {
    /// The model: a Smithy JSON AST, or a botocore service description (`service-2.json`, read
    /// with the `endpoint-rule-set-1.json` and `paginators-1.json` beside it, if any).
    #[arg(long)]
    model: PathBuf,
    /// An operation to generate (shape name or id); repeatable.
    #[arg(long = "operation", conflicts_with = "all")]
    operations: Vec<String>,
    /// Generate every operation of the service.
    #[arg(long)]
    all: bool,
    /// Where to write the crate; without it the file list is printed.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Cargo package name (default: `amazon-{sdkId}`).
    #[arg(long)]
    package: Option<String>,
    /// Documented rules for strict validation (e.g. model/connect.rules.json).
    #[arg(long)]
    rules: Option<PathBuf>,
    /// The shared runtime crate (`amazon-runtime`) the crate depends on, as its manifest should
    /// name it: a path relative to the output directory, or absolute (default: this generator's
    /// own `runtime/`, absolute).
    #[arg(long, conflicts_with = "vendor_runtime")]
    runtime_path: Option<String>,
    /// Copy the runtime into the crate (`src/rt/`) instead: one self-contained file tree with no
    /// path dependency. It costs a copy of the runtime per crate: its own `Config` and error
    /// types, which other generated crates cannot share, and a compile of the runtime each.
    #[arg(long)]
    vendor_runtime: bool,
    /// Fail, writing nothing, when the generator has any warning (a pattern it does not enforce,
    /// an operation it leaves out, …): for pipelines that must notice a model change.
    #[arg(long)]
    deny_warnings: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let job = Job {
        operations: args.operations,
        all: args.all,
        package: args.package,
        rules: args.rules,
        standalone: args.out.is_some(),
        runtime: match (args.vendor_runtime, args.runtime_path) {
            (true, _) => Runtime::Vendored,
            (false, Some(path)) => Runtime::Path(path),
            (false, None) => Runtime::Path(generator::RUNTIME_DIR.to_owned()),
        },
        ..Job::new(args.model)
    };
    let generated = job.run(|p: &Path| p.display().to_string())?;
    if args.deny_warnings && !generated.warnings.is_empty() {
        let n = generated.warnings.len();
        return Err(format!("{n} warning{} and --deny-warnings: nothing written", if n == 1 { "" } else { "s" }));
    }
    match args.out {
        None => {
            for f in &generated.files {
                println!("{}\t{} bytes", f.path, f.contents.len());
            }
        }
        Some(dir) => {
            for f in &generated.files {
                let path = dir.join(&f.path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
                }
                std::fs::write(&path, &f.contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            eprintln!(
                "wrote {} files ({} shapes, {} operations) to {}",
                generated.files.len(),
                generated.shapes,
                generated.operations,
                dir.display()
            );
        }
    }
    Ok(())
}
