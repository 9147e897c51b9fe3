//! What the unit tests share: where the official models are.

use std::path::{Path, PathBuf};

/// The directory of the official models: `CONNECT_MODEL`'s directory, else `../shared/models/`
/// beside the workspace. `None` (with a note) when it is missing, except under CI, where that
/// fails the test.
pub fn shared_models() -> Option<PathBuf> {
    let dir = match std::env::var_os("CONNECT_MODEL") {
        Some(p) => PathBuf::from(p).parent().map(Path::to_path_buf).unwrap_or_default(),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/models"),
    };
    if dir.join("connect.json").is_file() {
        Some(dir)
    } else if std::env::var_os("CI").is_some() {
        panic!("the official models are missing from {}", dir.display())
    } else {
        eprintln!("note: {} not found; skipping the tests of the official models", dir.display());
        None
    }
}
