//! The AWS protocol conformance suites, run against generated clients.
//!
//! This crate has no library API: its build script (`build/`) reads the suites in the botocore
//! format from `../shared/protocol-tests` (or `PROTOCOL_TESTS_DIR`), merges each protocol's
//! input and output suites into one service description, generates a client for it with the
//! generator (through the botocore front-end), and writes a Rust test per case. The test
//! binaries in `tests/` compile that code and run every case against the client's mock
//! transport, ending with one line per suite file:
//!
//! ```text
//! conformance rest-json input: N passed, N failed, N skipped
//! ```
//!
//! The suites are data for tests and are never copied into the repository; what is skipped,
//! beyond botocore's own ignore list, is in `skips.json` with the reason for each.
#![forbid(unsafe_code)]
