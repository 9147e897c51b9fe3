//! `cargo xtask bench`: the generator's speed on the official model, by stage, against a bare
//! `serde_json` parse of the same bytes measured in the same run. Medians of repeated runs.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use generator::{Config, Model, Selection};

/// Median wall time of `runs` calls of `f` (after one warm-up call).
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Stage medians for one selection: (load, select, lower, emit and format, endpoint rules (part of
/// lower), total).
fn stages(bytes: &[u8], model: &Model, selection: &Selection, runs: usize) -> Result<[Duration; 6], String> {
    let config = Config { operations: selection.clone(), ..Config::default() };
    let load = median(runs, || {
        let _ = Model::from_json(bytes);
    });
    let closure = generator::select::select(model, selection).map_err(|e| e.to_string())?;
    let select = median(runs, || {
        let _ = generator::select::select(model, selection);
    });
    let krate = generator::lower::lower(model, &closure, &config).map_err(|e| e.to_string())?;
    let lower = median(runs, || {
        let _ = generator::lower::lower(model, &closure, &config);
    });
    let emit = median(runs, || {
        let _ = generator::emit::emit(&krate);
    });
    let service = model.expect(&closure.service).map_err(|e| e.to_string())?;
    let endpoints = median(runs, || {
        let _ = generator::lower::endpoints::lower(&service);
    });
    let total = median(runs, || {
        let _ = generator::generate_from_json(bytes, &config);
    });
    Ok([load, select, lower, emit, endpoints, total])
}

/// Runs the benchmark and returns the report.
pub fn run(model_path: &Path, operation: &str) -> Result<String, String> {
    let bytes = std::fs::read(model_path).map_err(|e| format!("cannot read {}: {e}", model_path.display()))?;
    let model = Model::from_json(&bytes).map_err(|e| e.to_string())?;
    let baseline = median(30, || {
        let _ = serde_json::from_slice::<serde_json::Value>(&bytes);
    });
    let one = stages(&bytes, &model, &Selection::Named(vec![operation.to_owned()]), 30)?;
    let all = stages(&bytes, &model, &Selection::All, 7)?;
    let generated = generator::generate_from_json(&bytes, &Config::default()).map_err(|e| e.to_string())?;
    let size: usize = generated.files.iter().map(|f| f.contents.len()).sum();
    let lines: usize = generated.files.iter().map(|f| f.contents.lines().count()).sum();

    let mut out = String::new();
    let _ = writeln!(out, "model: {} ({:.1} MB)", model_path.display(), bytes.len() as f64 / 1e6);
    let _ = writeln!(out, "bare serde_json::from_slice::<Value>: {:.1} ms (median of 30)\n", ms(baseline));
    let _ = writeln!(out, "| stage | {operation} | share | all {} operations | share |", generated.operations);
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: |");
    let names = ["load (parse + normalise + check)", "select", "lower", "emit + format", "of lower: endpoint rules"];
    for (i, name) in names.iter().enumerate() {
        let _ = writeln!(
            out,
            "| {name} | {:.1} ms | {:.0}% | {:.1} ms | {:.0}% |",
            ms(one[i]),
            100.0 * one[i].as_secs_f64() / one[5].as_secs_f64(),
            ms(all[i]),
            100.0 * all[i].as_secs_f64() / all[5].as_secs_f64()
        );
    }
    let _ =
        writeln!(out, "| **total (generate_from_json)** | **{:.1} ms** | | **{:.1} ms** | |", ms(one[5]), ms(all[5]));
    let _ = writeln!(
        out,
        "\n{operation}: {:.2}× the bare JSON parse (target ≤ 3×); all operations: {:.2} s (target ≤ 2 s), {} files, {:.1} MB, {} lines.",
        one[5].as_secs_f64() / baseline.as_secs_f64(),
        all[5].as_secs_f64(),
        generated.files.len(),
        size as f64 / 1e6,
        lines
    );
    catalogue(model_path, &mut out)?;
    Ok(out)
}

/// Every model beside `model_path` (the shared official models) and every fixture model, each
/// generated whole (`--all`): the time per model (median of 3) and for the catalogue.
fn catalogue(model_path: &Path, out: &mut String) -> Result<(), String> {
    let json_files = |dir: &Path| -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        v.sort();
        v
    };
    let mut models = model_path.parent().map(json_files).unwrap_or_default();
    models.extend(json_files(&crate::workspace_root().join("generator/tests/fixtures")));
    let config = Config { operations: Selection::All, ..Config::default() };
    let _ = writeln!(out, "\nThe catalogue, every operation of each model (median of 3 runs each):\n");
    let _ = writeln!(out, "| model | MB | operations | lines | generate_from_json |");
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: |");
    let mut total = Duration::ZERO;
    for path in &models {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let generated =
            generator::generate_from_json(&bytes, &config).map_err(|e| format!("{}: {e}", path.display()))?;
        let t = median(3, || {
            let _ = generator::generate_from_json(&bytes, &config);
        });
        total += t;
        let lines: usize = generated.files.iter().map(|f| f.contents.lines().count()).sum();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let _ = writeln!(
            out,
            "| {name} | {:.2} | {} | {lines} | {:.1} ms |",
            bytes.len() as f64 / 1e6,
            generated.operations,
            ms(t)
        );
    }
    let _ = writeln!(out, "| **{} models** | | | | **{:.2} s** |", models.len(), total.as_secs_f64());
    Ok(())
}
