//! What a build said: cargo's JSON messages (`--message-format=json`) read into diagnostics, and
//! the verdict and one-line detail of a catalogue row.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use super::Status;

/// One compiler message (`reason == "compiler-message"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `error`, `warning`, `note`, … (`-D warnings` makes every lint an `error`).
    pub level: String,
    /// A lint name (`unused_variables`, `clippy::large_enum_variant`) or an error code (`E0308`).
    pub code: Option<String>,
    pub message: String,
    /// `file:line:column` of the primary span.
    pub location: Option<String>,
    /// The message as rustc prints it, for the log.
    pub rendered: String,
}

impl Diagnostic {
    /// An error `cargo check` would fail on too: an `E…` code, or none (a syntax error, an
    /// unresolved name), not a lint denied by `-D warnings`.
    pub fn is_hard_error(&self) -> bool {
        self.level.starts_with("error") && self.code.as_deref().is_none_or(is_error_code)
    }

    /// A lint (of rustc or clippy), whatever its level.
    pub fn lint(&self) -> Option<&str> {
        self.code.as_deref().filter(|c| !is_error_code(c))
    }

    /// `error[E0308]: mismatched types (src/types.rs:12:5)`.
    pub fn headline(&self) -> String {
        let code = self.code.as_deref().map(|c| format!("[{c}]")).unwrap_or_default();
        let at = self.location.as_deref().map(|l| format!(" ({l})")).unwrap_or_default();
        format!("{}{code}: {}{at}", self.level, self.message)
    }
}

/// `E0308`: rustc's error codes, as against lint names.
fn is_error_code(code: &str) -> bool {
    code.len() == 5 && code.starts_with('E') && code[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The compiler messages of cargo's JSON output, each once: `--all-targets` compiles the library
/// twice (as itself and as its unit tests), and each copy reports the same lint at the same place.
/// Lines that are not JSON, other reasons, and rustc's closing summaries ("aborting due to …",
/// "3 warnings emitted") are skipped.
pub fn parse(stdout: &str) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for line in stdout.lines() {
        let Ok(doc) = serde_json::from_str::<Value>(line) else { continue };
        if doc["reason"] != "compiler-message" {
            continue;
        }
        let m = &doc["message"];
        let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
        let code = m["code"]["code"].as_str().map(str::to_string);
        let message = text(&m["message"]);
        if code.is_none() && is_summary(&message) {
            continue;
        }
        let spans = m["spans"].as_array().map(Vec::as_slice).unwrap_or_default();
        let location = spans
            .iter()
            .find(|s| s["is_primary"] == true)
            .map(|s| format!("{}:{}:{}", text(&s["file_name"]), s["line_start"], s["column_start"]));
        let d = Diagnostic { level: text(&m["level"]), code, message, location, rendered: text(&m["rendered"]) };
        if seen.insert((d.level.clone(), d.code.clone(), d.message.clone(), d.location.clone())) {
            out.push(d);
        }
    }
    out
}

fn is_summary(message: &str) -> bool {
    message.starts_with("aborting due to")
        || (message.ends_with(" emitted") && message.split(' ').next().is_some_and(|n| n.parse::<usize>().is_ok()))
}

/// Lint names at `level` with their counts, the most frequent first (then by name):
/// `clippy::large_enum_variant ×3, unused_variables ×1`.
pub fn lint_summary(diagnostics: &[Diagnostic], level: &str) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.level == level) {
        if let Some(lint) = d.lint() {
            *counts.entry(lint).or_default() += 1;
        }
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts.iter().map(|(lint, n)| format!("{lint} ×{n}")).collect::<Vec<_>>().join(", ")
}

/// The verdict on `cargo clippy --all-targets --message-format=json -- -D warnings`: `ok`,
/// `check failed` (an error `cargo check` has too, or cargo failed before compiling: the first
/// one is the detail), or `clippy failed` (only denied lints: their names and counts). An `ok`
/// build's detail names the warnings it let through, if any (of a path dependency, say).
pub fn judge_build(success: bool, stdout: &str, stderr: &str) -> (Status, String) {
    let diagnostics = parse(stdout);
    let hard: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_hard_error()).collect();
    if let Some(first) = hard.first() {
        let more = match hard.len() - 1 {
            0 => String::new(),
            n => format!(" (+{n} more error{})", if n == 1 { "" } else { "s" }),
        };
        return (Status::CheckFailed, format!("{}{more}", first.headline()));
    }
    let denied = lint_summary(&diagnostics, "error");
    if !success && !denied.is_empty() {
        return (Status::ClippyFailed, denied);
    }
    if !success {
        return (Status::CheckFailed, first_error_line(stderr).unwrap_or_else(|| "cargo failed".to_string()));
    }
    let warned = lint_summary(&diagnostics, "warning");
    (Status::Ok, if warned.is_empty() { String::new() } else { format!("warnings: {warned}") })
}

/// The first `error…` line cargo printed on stderr (a manifest or resolution error, say).
pub fn first_error_line(stderr: &str) -> Option<String> {
    stderr.lines().map(str::trim).find(|l| l.starts_with("error")).map(str::to_string)
}

/// The tests a `cargo test` run reports as failed (`---- name stdout ----`, printed with and
/// without `--quiet`), each once.
pub fn failed_tests(output: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in output.lines() {
        let name = line.strip_prefix("---- ").and_then(|l| l.strip_suffix(" stdout ----"));
        if let Some(name) = name.filter(|n| !names.iter().any(|m| m == n)) {
            names.push(name.to_string());
        }
    }
    names
}

/// How many tests passed, over every test binary (`test result: ok. 12 passed; …`).
pub fn passed_tests(output: &str) -> usize {
    output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("test result: ")?.split_once(". ")?.1.split_once(" passed"))
        .filter_map(|(n, _)| n.parse::<usize>().ok())
        .sum()
}

/// The verdict on `cargo test`: `ok` with the number of tests that passed, or `test failed`
/// naming the failed tests (or, when none is named, cargo's first error: a doctest that did not
/// compile, say).
pub fn judge_test(success: bool, output: &str) -> (Status, String) {
    if success {
        return (Status::Ok, format!("{} tests passed", passed_tests(output)));
    }
    let failed = failed_tests(output);
    let detail = match failed.len() {
        0 => first_error_line(output).unwrap_or_else(|| "cargo test failed".to_string()),
        1 => format!("test failed: {}", failed[0]),
        n => format!("{n} tests failed: {}", failed.join(", ")),
    };
    (Status::TestFailed, detail)
}
