//! Keeping a directory equal to a set of generated files: the one implementation behind
//! `cargo xtask codegen` (update) and `--check` (compare), for `generated/` and for the golden
//! crates of the fixture models alike.
//!
//! The generator owns the files it produces and every file under the directories they are in
//! (`src/`, …); anything else in the directory (`tests/`, `examples/`) is hand-written and
//! left alone. Updating writes only files whose contents changed and removes owned files the
//! generator no longer produces; checking changes nothing and reports a unified diff of every
//! stale file, and names every missing and extra one.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use generator::GeneratedFile;

use crate::display;

/// What a run did (or, when checking, found).
#[derive(Debug, Default)]
pub struct Synced {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Check mode: the report of stale files, `None` when everything is fresh.
    pub stale: Option<String>,
}

/// Makes `out` hold exactly `files` (or, with `check`, reports how it does not).
pub fn sync(out: &Path, files: &[GeneratedFile], check: bool) -> Result<Synced, String> {
    let extra = extra_files(out, files)?;
    sync_with(out, files, &extra, check)
}

/// Writes (or checks) `files` in `out` and owns nothing else: for generated files that live
/// beside hand-written ones (the runtime crate's partition table).
pub fn sync_only(out: &Path, files: &[GeneratedFile], check: bool) -> Result<Synced, String> {
    sync_with(out, files, &[], check)
}

fn sync_with(out: &Path, files: &[GeneratedFile], extra: &[String], check: bool) -> Result<Synced, String> {
    let mut synced = Synced::default();
    if check {
        synced.stale = compare(out, files, extra);
        synced.unchanged = files.len();
        return Ok(synced);
    }
    for f in files {
        if write_if_changed(&out.join(&f.path), &f.contents)? {
            synced.written += 1;
        } else {
            synced.unchanged += 1;
        }
    }
    for path in extra {
        let full = out.join(path);
        std::fs::remove_file(&full).map_err(|e| format!("cannot remove {}: {e}", display(&full)))?;
        synced.removed += 1;
        remove_empty_parents(out, &full);
    }
    Ok(synced)
}

/// Line endings normalised, so a checkout with CRLF conversion is not "stale".
fn normalise(text: &str) -> String {
    text.replace("\r\n", "\n")
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
fn compare(out: &Path, files: &[GeneratedFile], extra: &[String]) -> Option<String> {
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
                    let (old, new) = (format!("{shown} (on disk)"), format!("{shown} (generated)"));
                    let _ = write!(report, "{}", diff.unified_diff().context_radius(3).header(&old, &new));
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
    let extra = extra.len();
    Some(format!(
        "{} is stale: {stale} file(s) differ, {missing} missing, {extra} extra.\n{report}\n\
         Run `cargo xtask codegen` to update it.",
        display(out)
    ))
}
