//! Self time per rustc query and per kind of generated item, from a `-Zself-profile` file.
//!
//! `selfprofile <file.mm_profdata>`: events are nested per thread; an event's self time is its
//! duration minus its children's. The query key (the item's path) names the kind of item.
use analyzeme::{ProfilingData, Timestamp};
use std::collections::HashMap;
use std::time::SystemTime;

struct Open {
    end: SystemTime,
    label: String,
    key: String,
    self_ns: u128,
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: selfprofile <file.mm_profdata>");
        std::process::exit(2);
    };
    let data = match ProfilingData::new(std::path::Path::new(&path)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let mut events: Vec<(u32, SystemTime, SystemTime, String, String)> = data
        .iter_full()
        .filter_map(|e| match e.payload.timestamp()? {
            Timestamp::Interval { start, end } => {
                let key = e.additional_data.first().map(|s| s.to_string()).unwrap_or_default();
                Some((e.thread_id, start, end, e.label.to_string(), key))
            }
            _ => None,
        })
        .collect();
    events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
    let mut stacks: HashMap<u32, Vec<Open>> = HashMap::new();
    let mut done = Vec::new();
    for (thread, start, end, label, key) in events {
        let stack = stacks.entry(thread).or_default();
        while stack.last().is_some_and(|top| top.end <= start) {
            done.extend(stack.pop());
        }
        let ns = end.duration_since(start).map(|d| d.as_nanos()).unwrap_or(0);
        if let Some(top) = stack.last_mut() {
            top.self_ns = top.self_ns.saturating_sub(ns);
        }
        stack.push(Open { end, label, key, self_ns: ns });
    }
    for (_, stack) in stacks {
        done.extend(stack);
    }
    let mut per_query: HashMap<&str, u128> = HashMap::new();
    let mut per_kind: HashMap<&'static str, u128> = HashMap::new();
    let mut per_both: HashMap<(&str, &'static str), u128> = HashMap::new();
    let mut other_names: HashMap<String, u128> = HashMap::new();
    for e in &done {
        // The profiler's own bookkeeping is not compile time.
        if e.label.starts_with("self_profile") {
            continue;
        }
        let kind = kind(&e.key);
        *per_query.entry(&e.label).or_default() += e.self_ns;
        *per_kind.entry(kind).or_default() += e.self_ns;
        *per_both.entry((&e.label, kind)).or_default() += e.self_ns;
        if kind == OTHER && (e.label == "typeck" || e.label == "mir_borrowck") {
            let last = e.key.rsplit("::").next().unwrap_or("");
            let last = last.trim_end_matches(|c: char| c == ']' || c == '[' || c.is_ascii_digit());
            *other_names.entry(last.to_owned()).or_default() += e.self_ns;
        }
    }
    print_top("self time per kind of item (all queries)", per_kind.into_iter(), 30);
    print_top("self time per query", per_query.into_iter(), 25);
    print_top(&format!("typeck and borrowck per item name, for {OTHER}"), other_names.into_iter(), 25);
    print_top("self time per query and kind", per_both.into_iter().map(|((q, k), t)| (format!("{q} / {k}"), t)), 40);
}

fn print_top<K: std::fmt::Display>(title: &str, items: impl Iterator<Item = (K, u128)>, n: usize) {
    let mut v: Vec<(K, u128)> = items.collect();
    v.sort_by(|a, b| b.1.cmp(&a.1));
    let total: u128 = v.iter().map(|x| x.1).sum();
    println!("\n## {title} (total {:.2} s)", total as f64 / 1e9);
    for (k, t) in v.into_iter().take(n) {
        println!("{:>8.3} s {:>5.1}%  {k}", t as f64 / 1e9, 100.0 * t as f64 / total.max(1) as f64);
    }
}

/// Items [`kind`] has no better name for.
const OTHER: &str = "setters, getters, other";

/// The kind of generated item a query key names (`crate::types::_[12]::{{impl}}::deserialize…`).
fn kind(key: &str) -> &'static str {
    if key.is_empty() {
        return "(whole crate)";
    }
    if key.contains("deserialize") || key.contains("visit_") || key.contains("expecting") {
        return "serde Deserialize";
    }
    if key.contains("serialize") {
        return "serde Serialize";
    }
    if key.contains("::_[") || key.ends_with("::_") {
        return "serde (other)";
    }
    if key.contains("::client::") {
        return "client methods";
    }
    if key.contains("endpoint") {
        return "endpoint rules";
    }
    if key.contains("paginat") {
        return "paginators";
    }
    if key.contains("parse_") && key.contains("_error") {
        return "error parsers";
    }
    if key.contains("Builder") {
        return "builders";
    }
    let last = key.rsplit("::").next().unwrap_or("");
    let last = last.trim_end_matches(|c: char| c == ']' || c == '[' || c.is_ascii_digit());
    match last {
        "fmt" => "Debug / Display",
        "eq" => "PartialEq",
        "clone" => "Clone",
        "validate_into" | "{{closure}}" | "TYPE_NAME" => "validation",
        "code"
        | "message"
        | "is_retryable"
        | "request_id"
        | "raw_response"
        | "is_server_fault"
        | "source"
        | "from_response"
        | "set_response_metadata" => "error methods",
        "read" => "serde Deserialize",
        "variant" => "error methods",
        "builder" | "build" => "builders",
        "default" => "Default",
        "from" | "into" | "try_from" | "as_str" | "from_str" => "conversions",
        "{{impl}}" => "impl headers",
        _ => OTHER,
    }
}
