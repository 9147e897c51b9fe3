//! What every case uses: the client with fixed credentials, clock and idempotency token, the
//! request comparison (as the protocol tests define equality), the response from a case, and
//! the run that counts and prints.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;

use amazon_runtime::config::{Config, Credentials, RetryConfig, StaticTimeSource};
use amazon_runtime::http::mock::MockTransport;
use amazon_runtime::http::HttpResponse;
use amazon_runtime::sdk_error::DisplayErrorChain;
use amazon_runtime::validate::ValidationMode;
use serde_json::Value;

pub type CaseFuture = Pin<Box<dyn Future<Output = Result<(), String>>>>;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Kind {
    Input,
    Output,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Input => "input",
            Kind::Output => "output",
        }
    }
}

pub struct Case {
    pub kind: Kind,
    pub suite: &'static str,
    pub id: &'static str,
    /// On botocore's ignore list.
    pub ignored: bool,
    pub run: fn() -> CaseFuture,
}

/// The idempotency token the protocol tests expect when the input leaves it unset.
const TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// A client that sends to `mock`, signing with fixed credentials at a fixed time, with
/// validation on (input cases) or off (output cases, whose inputs are placeholders).
pub fn client(mock: &MockTransport, validate: bool) -> crate::Client {
    client_at(mock, validate, "https://example.com")
}

/// [`client`] with the custom endpoint `endpoint`.
pub fn client_at(mock: &MockTransport, validate: bool, endpoint: &str) -> crate::Client {
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
        .endpoint_url(endpoint)
        .transport(mock.clone())
        .retry(RetryConfig::disabled())
        .time_source(StaticTimeSource::from_secs_since_epoch(1_576_540_098))
        .idempotency_token_provider(|| TOKEN.to_owned())
        .validation(if validate { ValidationMode::default() } else { ValidationMode::Off })
        .build();
    crate::Client::new(config)
}

pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    DisplayErrorChain(e).to_string()
}

/// A case's `response`: status code, headers and body.
pub fn response(json: &str) -> Result<HttpResponse, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let status = v["status_code"].as_u64().and_then(|s| u16::try_from(s).ok()).ok_or("no status_code")?;
    let mut response = HttpResponse::new(status, v["body"].as_str().unwrap_or_default().as_bytes().to_vec());
    for (name, value) in v["headers"].as_object().into_iter().flatten() {
        response = response.with_header(name, value.as_str().ok_or("a header value is not text")?);
    }
    Ok(response)
}

pub fn same<T: PartialEq + Debug>(actual: &T, expected: &T) -> Result<(), String> {
    if actual == expected {
        return Ok(());
    }
    let (a, e) = (format!("{actual:?}"), format!("{expected:?}"));
    // NaN is not equal to itself; the same text, NaN included, is the same value.
    if a == e && a.contains("NaN") {
        return Ok(());
    }
    Err(format!("expected {e}\n           got {a}"))
}

pub fn enum_value<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| format!("{json} is not a value of the enum: {e}"))
}

pub fn document(json: &str) -> Result<Value, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

pub fn timestamp(secs: f64) -> Result<crate::primitives::DateTime, String> {
    crate::primitives::DateTime::from_secs_f64(secs).ok_or_else(|| format!("{secs} is not a timestamp"))
}

/// `%2f` and `%2F` are the same octet.
fn normalize_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let escape = rest.get(i..i + 3).unwrap_or(&rest[i..]);
        out.push_str(&escape.to_ascii_uppercase());
        rest = &rest[i + escape.len()..];
    }
    out.push_str(rest);
    out
}

/// A query string as each key's values, in order.
fn query_params(query: &str) -> BTreeMap<String, Vec<Option<String>>> {
    let mut params: BTreeMap<String, Vec<Option<String>>> = BTreeMap::new();
    for piece in query.split('&').filter(|p| !p.is_empty()) {
        let piece = normalize_escapes(piece);
        let (key, value) = match piece.split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (piece, None),
        };
        params.entry(key).or_default().push(value);
    }
    params
}

/// Compares the one request the client sent with a case's `serialized`: method, path, query
/// parameters (each key's values in order; keys in any order), the listed headers, the
/// required and forbidden headers, the host, and the body (as JSON when it is JSON, else as
/// bytes).
pub fn check_request(mock: &MockTransport, send_error: Option<String>, serialized: &str) -> Result<(), String> {
    let expected: Value = serde_json::from_str(serialized).map_err(|e| e.to_string())?;
    let requests = mock.requests();
    let Some(request) = requests.first() else {
        return Err(format!("no request was sent: {}", send_error.unwrap_or_default()));
    };
    let mut problems = Vec::new();
    if let Some(method) = expected["method"].as_str() {
        if request.method.as_str() != method {
            problems.push(format!("method: expected {method}, got {}", request.method));
        }
    }
    if let Some(uri) = expected["uri"].as_str() {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        if request.uri.path() != path {
            problems.push(format!("path: expected {path}, got {}", request.uri.path()));
        }
        let actual_query = request.uri.query().unwrap_or("");
        if query_params(query) != query_params(actual_query) {
            problems.push(format!("query: expected {query:?}, got {actual_query:?}"));
        }
    }
    let header = |name: &str| -> Option<String> {
        let values: Vec<&str> = request.headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect();
        (!values.is_empty()).then(|| values.join(", "))
    };
    for (name, value) in expected["headers"].as_object().into_iter().flatten() {
        let want = value.as_str().unwrap_or_default();
        match header(name) {
            Some(got) if got == want => {}
            got => problems.push(format!("header {name}: expected {want:?}, got {got:?}")),
        }
    }
    for name in expected["requireHeaders"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        if header(name).is_none() {
            problems.push(format!("header {name}: required, not sent"));
        }
    }
    for name in expected["forbidHeaders"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        if let Some(got) = header(name) {
            problems.push(format!("header {name}: forbidden, sent {got:?}"));
        }
    }
    if let Some(host) = expected["host"].as_str() {
        // Its path, if any, is the endpoint's, checked with the URI above.
        let host = host.split('/').next().unwrap_or(host);
        let got = request.uri.authority().map(|a| a.as_str().to_owned()).unwrap_or_default();
        if got != host {
            problems.push(format!("host: expected {host}, got {got}"));
        }
    }
    if let Some(body) = expected["body"].as_str() {
        let got = &request.body[..];
        let as_json =
            |bytes: &[u8]| serde_json::from_slice::<Value>(bytes).ok().filter(|v| v.is_object() || v.is_array());
        let same = match (as_json(body.as_bytes()), as_json(got)) {
            (Some(want), Some(got)) => want == got,
            _ => body.as_bytes() == got,
        };
        if !same {
            problems.push(format!("body: expected {body:?}, got {:?}", String::from_utf8_lossy(got)));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n           "))
    }
}

/// The cases this project skips, beyond botocore's ignore list: `skips.json`.
fn skips(protocol: &str) -> BTreeMap<(Kind, String), String> {
    let list: Value = serde_json::from_str(include_str!("../../skips.json")).expect("skips.json is JSON");
    let mut out = BTreeMap::new();
    for s in list.as_array().into_iter().flatten().filter(|s| s["protocol"] == protocol) {
        let kind = if s["kind"] == "input" { Kind::Input } else { Kind::Output };
        let reason = format!("{} ({})", s["reason"].as_str().unwrap_or(""), s["spec"].as_str().unwrap_or(""));
        out.insert((kind, s["id"].as_str().unwrap_or_default().to_owned()), reason);
    }
    out
}

/// Runs every case and prints a line per failure and one summary line per suite file; the
/// process fails when a case does (or when a case on `skips.json` passes: the list must not
/// outlive its reasons).
pub fn run(protocol: &str, missing: Option<&str>, cases: &[Case]) {
    if let Some(why) = missing {
        println!("conformance {protocol}: not run: {why}");
        return;
    }
    let skips = skips(protocol);
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a Tokio runtime");
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut stale = BTreeSet::new();
    let mut failed_any = false;
    for case in cases {
        let outcome = runtime.block_on((case.run)());
        let count = counts.entry(case.kind.name()).or_default();
        let skip = skips.get(&(case.kind, case.id.to_owned()));
        let kind = case.kind.name();
        match (outcome, case.ignored, skip) {
            (Ok(()), false, Some(_)) => {
                stale.insert(case.id);
                count.0 += 1;
            }
            (outcome, true, _) => {
                count.2 += 1;
                let now = match outcome {
                    Ok(()) => "passes here too".to_owned(),
                    Err(why) => format!("fails here: {}", why.lines().next().unwrap_or_default().trim()),
                };
                println!("skipped {protocol} {kind} {}: on botocore's ignore list ({now})", case.id);
            }
            (Err(_), false, Some(reason)) => {
                count.2 += 1;
                println!("skipped {protocol} {kind} {}: {reason}", case.id);
            }
            (Ok(()), false, None) => count.0 += 1,
            (Err(why), false, None) => {
                count.1 += 1;
                failed_any = true;
                println!("FAILED {protocol} {kind} {} ({}):\n           {why}", case.id, case.suite);
            }
        }
    }
    for id in &stale {
        failed_any = true;
        println!("STALE SKIP {protocol} {id}: passes now; remove it from skips.json");
    }
    for kind in [Kind::Input, Kind::Output] {
        let (passed, failed, skipped) = counts.get(kind.name()).copied().unwrap_or_default();
        println!("conformance {protocol} {}: {passed} passed, {failed} failed, {skipped} skipped", kind.name());
    }
    if failed_any {
        std::process::exit(1);
    }
}
