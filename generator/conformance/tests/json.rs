//! The awsJson1_1 protocol test suites (`input/json.json`, `output/json.json`) against a
//! client generated from them: see the crate's documentation. The generated client is this
//! binary's root (its `crate::` paths name its own items); the cases are in `cases`.
#![forbid(unsafe_code)]
// Generated code for every shape of the suites; the cases use only some of it.
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/json_client.rs"));

mod support;

mod cases {
    include!(concat!(env!("OUT_DIR"), "/json_cases.rs"));
}

fn main() {
    support::run("json", cases::MISSING, cases::CASES);
}
