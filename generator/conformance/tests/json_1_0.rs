//! The awsJson1_0 protocol test suites (`input/json_1_0.json`, `output/json_1_0.json`) against a
//! client generated from them: see the crate's documentation. The generated client is this
//! binary's root (its `crate::` paths name its own items); the cases are in `cases`.
#![forbid(unsafe_code)]
// Generated code for every shape of the suites; the cases use only some of it.
#![allow(dead_code)]

include!(concat!(env!("OUT_DIR"), "/json_1_0_client.rs"));

mod support;

mod cases {
    include!(concat!(env!("OUT_DIR"), "/json_1_0_cases.rs"));
}

fn main() {
    support::run("json_1_0", cases::MISSING, cases::CASES);
}
