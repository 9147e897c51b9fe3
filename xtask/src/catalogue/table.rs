//! The catalogue's report: one row per model, columns aligned, and a closing summary line.

use std::time::Duration;

use super::Status;

/// What happened to one model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    pub status: Status,
    /// Operations and shapes of the generated crate; `None` when generation failed.
    pub operations: Option<usize>,
    pub shapes: Option<usize>,
    /// The generator's warnings.
    pub warnings: Option<usize>,
    pub generate: Option<Duration>,
    /// `cargo clippy` (which checks first).
    pub build: Option<Duration>,
    /// `cargo test`, for the models named with `--test`.
    pub test: Option<Duration>,
    /// The first error, the denied lints, or the failed tests.
    pub detail: String,
}

impl Row {
    /// A row for `name` with nothing done yet.
    pub fn new(name: &str) -> Row {
        Row {
            name: name.to_string(),
            status: Status::Ok,
            operations: None,
            shapes: None,
            warnings: None,
            generate: None,
            build: None,
            test: None,
            detail: String::new(),
        }
    }
}

/// `8.7s`, or `2m05s` from a minute on.
pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 60.0 {
        format!("{s:.1}s")
    } else {
        let whole = d.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

/// Details longer than this many characters are cut (the log beside the crate has them whole).
pub const DETAIL_WIDTH: usize = 160;

fn cut(text: &str) -> String {
    let one_line = text.lines().next().unwrap_or_default();
    if one_line.chars().count() <= DETAIL_WIDTH && one_line.len() == text.len() {
        return one_line.to_string();
    }
    let kept: String = one_line.chars().take(DETAIL_WIDTH - 1).collect();
    format!("{kept}…")
}

/// The table: a header, then a row per model; `-` where a step did not run. The `test` column is
/// there only when some model ran its tests.
pub fn table(rows: &[Row]) -> String {
    let with_tests = rows.iter().any(|r| r.test.is_some());
    let count = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_else(|| "-".to_string());
    let time = |d: Option<Duration>| d.map(seconds).unwrap_or_else(|| "-".to_string());
    let mut header = vec!["model", "result", "ops", "shapes", "gen warnings", "generate", "build"];
    if with_tests {
        header.push("test");
    }
    header.push("first error / lints");
    let mut cells: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for r in rows {
        let mut line = vec![
            r.name.clone(),
            r.status.to_string(),
            count(r.operations),
            count(r.shapes),
            count(r.warnings),
            time(r.generate),
            time(r.build),
        ];
        if with_tests {
            line.push(time(r.test));
        }
        line.push(cut(&r.detail));
        cells.push(line);
    }
    let columns = header.len();
    let widths: Vec<usize> =
        (0..columns).map(|c| cells.iter().map(|l| l[c].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for line in &cells {
        let mut text = String::new();
        for (c, cell) in line.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            if c > 0 {
                text.push_str("  ");
            }
            // Names, results and details read left to right; counts and times line up right.
            if c < 2 || c == columns - 1 {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            } else {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// `11 models: 9 ok, 2 failed (connect, kinesis); 2m31s`.
pub fn summary(rows: &[Row], wall: Duration) -> String {
    let failed: Vec<&str> = rows.iter().filter(|r| r.status != Status::Ok).map(|r| r.name.as_str()).collect();
    let models = if rows.len() == 1 { "model" } else { "models" };
    let ok = rows.len() - failed.len();
    let failed = if failed.is_empty() {
        "0 failed".to_string()
    } else {
        format!("{} failed ({})", failed.len(), failed.join(", "))
    };
    format!("{} {models}: {ok} ok, {failed}; {}", rows.len(), seconds(wall))
}
