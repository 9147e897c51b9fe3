//! Test stand-in for the `partitions` child module of `endpoint_runtime.rs`.
//!
//! Generated crates get that module emitted from `data/partitions.json` (as
//! `src/endpoint/runtime/partitions.rs`, a `static` array). The generator's own tests compile the
//! runtime template from `src/lower/endpoints/partitions.rs`, and Rust looks for the template's `mod partitions;`
//! here; this file builds the same table, when first read, from the same data with the same
//! code. It is never copied into a generated crate.

use std::sync::LazyLock;

use super::Partition;

/// Every partition of `data/partitions.json`, in order.
pub static PARTITIONS: LazyLock<Vec<Partition>> = LazyLock::new(|| {
    // Test-only code: a bad data file fails the generator's own tests loudly.
    let table = crate::lower::endpoints::partitions::partitions().unwrap_or_else(|e| panic!("{e}"));
    table
        .into_iter()
        .map(|p| Partition {
            name: p.id.leak(),
            dns_suffix: p.dns_suffix.leak(),
            dual_stack_dns_suffix: p.dual_stack_dns_suffix.leak(),
            supports_fips: p.supports_fips,
            supports_dual_stack: p.supports_dual_stack,
            implicit_global_region: p.implicit_global_region.leak(),
            region_regex: p.region_regex.leak(),
            regions: leak_all(p.regions),
            region_prefixes: leak_all(p.region_prefixes),
        })
        .collect()
});

fn leak_all(texts: Vec<String>) -> &'static [&'static str] {
    texts.into_iter().map(|t| &*t.leak()).collect::<Vec<_>>().leak()
}
