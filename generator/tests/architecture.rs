//! The pipeline's shape, checked on the source: each stage reads only the one before it, and
//! no source file grows past the size at which it stops holding one idea.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// `emit` prints the IR: it never reads the model, the closure or lower's helpers.
#[test]
fn emit_reads_only_the_ir() {
    let mut files = Vec::new();
    rust_files(&src().join("emit"), &mut files);
    assert!(!files.is_empty());
    let earlier = [
        "crate::model",
        "crate::select",
        "crate::lower",
        "crate::naming",
        "crate::docs",
        "crate::rules",
        "crate::patterns",
    ];
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            for stage in earlier {
                if line.contains(stage) {
                    found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "emit reaches back into an earlier stage:\n{}", found.join("\n"));
}

/// The IR holds no model types.
#[test]
fn the_ir_holds_no_model_types() {
    let mut files = Vec::new();
    rust_files(&src().join("ir"), &mut files);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for stage in ["crate::model", "crate::select", "crate::lower"] {
            assert!(!text.contains(stage), "{} uses {stage}", f.display());
        }
    }
}

#[test]
fn no_source_file_is_over_900_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).unwrap().lines().count();
            (lines > 900).then(|| format!("{}: {lines} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these along their seams:\n{}", long.join("\n"));
}
