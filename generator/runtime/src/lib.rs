//! The runtime every generated AWS client crate shares: configuration and credentials, the HTTP
//! transport (with a mock for tests), streaming bodies, retries, SigV4 signing, the errors of a call, the time
//! source, validation support and the endpoint rules' standard library.
//!
//! Generated crates re-export the modules their users name (`config`, `http`, `sdk_error`,
//! `validate`, `primitives`), so one [`Config`](config::Config) serves every service client:
//!
//! ```
//! use amazon_runtime::config::{Config, Credentials};
//!
//! let shared = Config::builder()
//!     .region("eu-west-2")
//!     .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
//!     .build();
//! // amazon_connect::Client::new(shared.clone()) and
//! // amazon_connect_participant::Client::new(shared) then share one connection pool.
//! # let _ = shared;
//! ```
//!
//! Every module refers to its siblings through `super::`, never `crate::`: the generator can
//! also copy them into a generated crate (its self-contained mode), under a module of their own.
//!
//! # Features
//!
//! - `rustls-webpki-roots` (default): trust the Mozilla root set compiled into the binary.
//! - `rustls-native-roots`: trust the operating system's root store instead.
//! - `aws-config`: `ConfigBuilder::from_sdk_config`, to reuse an `aws-config` setup.
//! - `patterns`, `blobs`, `text-timestamps`, `compression`, `checksums`: support for `@pattern`
//!   checks, blob members, text timestamps, `@requestCompression` (gzip) and
//!   `@httpChecksumRequired` (`Content-MD5`); a generated crate turns on the ones its model needs.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[doc(hidden)]
pub mod auth;
pub mod binding;
pub mod byte_stream;
pub mod config;
pub mod endpoint;
pub mod http;
#[doc(hidden)]
pub mod paginate;
pub mod primitives;
#[doc(hidden)]
pub mod runtime;
pub mod sdk_error;
#[doc(hidden)]
pub mod sigv4;
pub mod validate;

#[cfg(feature = "blobs")]
pub mod blob;
#[cfg(feature = "checksums")]
#[doc(hidden)]
pub mod checksum;
#[cfg(feature = "compression")]
#[doc(hidden)]
pub mod compression;
#[cfg(feature = "patterns")]
#[doc(hidden)]
pub mod pattern;
#[cfg(feature = "patterns-bounded")]
#[doc(hidden)]
pub mod pattern_bounded;
#[cfg(feature = "text-timestamps")]
pub mod timestamp_text;
