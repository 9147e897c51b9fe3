//! The AWS partition table of the endpoint runtime: read from `data/partitions.json`, checked,
//! and lowered to [`Partition`]s, which `emit` writes as the `partitions` module of the
//! generated `endpoint::runtime`.
//!
//! # The data
//!
//! `data/partitions.json` holds the published partition facts in the layout of the published
//! `partitions.json` (so an update can be checked against it field by field): per partition its
//! `id`, the `outputs` the rules language reads (`dnsSuffix`, `dualStackDnsSuffix`,
//! `supportsFIPS`, `supportsDualStack`, `implicitGlobalRegion`), its `regionRegex` and its known
//! `regions` (an object keyed by region name; the values are not read). Other members, such as
//! `outputs.name` or region descriptions, are ignored.
//!
//! # The region matcher
//!
//! The runtime matches a region against a partition's pattern without a regular-expression
//! engine: [`region_prefixes`] reads the pattern as a list of literal prefixes, each followed by
//! `\w+\-\d+`. Only the form every published pattern has is accepted:
//!
//! ```text
//! ^ SEGMENT\- SEGMENT\- … \w+\-\d+$      SEGMENT = name | (name|name|…),  name = [A-Za-z0-9]+
//! ```
//!
//! for example `^(us|eu)\-\w+\-\d+$` (`us-`, `eu-`), `^cn\-\w+\-\d+$` (`cn-`) or
//! `^eusc\-(de)\-\w+\-\d+$` (`eusc-de-`). Anything else is an error naming the partition and its
//! pattern, so a new pattern shape fails generation instead of being matched wrongly.

use std::collections::HashSet;

use indexmap::IndexMap;
use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::error::Error;
pub use crate::ir::endpoint::Partition;

/// The partition facts, compiled into the generator.
pub const DATA: &str = include_str!("../../../data/partitions.json");
/// Where [`DATA`] lives, for messages.
const DATA_PATH: &str = "generator/data/partitions.json";

/// The partition the runtime falls back to; the runtime expects it first in the table.
pub const DEFAULT_PARTITION: &str = "aws";

/// At most this many literal prefixes per pattern (the alternatives of all groups multiplied).
pub const MAX_PREFIXES: usize = 64;

/// The tail every accepted region pattern ends with.
const PATTERN_TAIL: &str = r"\w+\-\d+$";

#[derive(Deserialize)]
struct DataFile {
    partitions: Vec<DataPartition>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DataPartition {
    id: String,
    outputs: Outputs,
    region_regex: String,
    regions: IndexMap<String, IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Outputs {
    dns_suffix: String,
    dual_stack_dns_suffix: String,
    #[serde(rename = "supportsFIPS")]
    supports_fips: bool,
    supports_dual_stack: bool,
    implicit_global_region: String,
}

fn data_error(problem: impl std::fmt::Display) -> Error {
    Error::Data { file: DATA_PATH.to_owned(), problem: problem.to_string() }
}

/// The partitions of [`DATA`].
pub fn partitions() -> Result<Vec<Partition>, Error> {
    load(DATA)
}

/// Parses and checks partition data in the layout of [`DATA`].
///
/// Checks, besides the JSON shape: at least one partition, [`DEFAULT_PARTITION`] first, unique
/// partition ids, every known region in one partition only, each implicit global region among
/// its partition's known regions, and every region pattern of the accepted form.
pub fn load(json: &str) -> Result<Vec<Partition>, Error> {
    let file: DataFile = serde_json::from_str(json).map_err(data_error)?;
    if file.partitions.first().map(|p| p.id.as_str()) != Some(DEFAULT_PARTITION) {
        return Err(data_error(format!("the first partition must be `{DEFAULT_PARTITION}`, the fallback")));
    }
    let mut ids = HashSet::new();
    let mut regions = HashSet::new();
    let mut out = Vec::with_capacity(file.partitions.len());
    for p in file.partitions {
        if p.id.is_empty() || !ids.insert(p.id.clone()) {
            return Err(data_error(format!("partition id `{}` is empty or repeated", p.id)));
        }
        if let Some(r) = p.regions.keys().find(|r| !regions.insert(r.as_str().to_owned())) {
            return Err(data_error(format!("partition `{}`: region `{r}` belongs to an earlier partition", p.id)));
        }
        if !p.regions.contains_key(&p.outputs.implicit_global_region) {
            let region = &p.outputs.implicit_global_region;
            let problem = format!("partition `{}`: implicit global region `{region}` is not one of its regions", p.id);
            return Err(data_error(problem));
        }
        let region_prefixes = region_prefixes(&p.id, &p.region_regex)?;
        out.push(Partition {
            region_prefixes,
            dns_suffix: p.outputs.dns_suffix,
            dual_stack_dns_suffix: p.outputs.dual_stack_dns_suffix,
            supports_fips: p.outputs.supports_fips,
            supports_dual_stack: p.outputs.supports_dual_stack,
            implicit_global_region: p.outputs.implicit_global_region,
            region_regex: p.region_regex,
            regions: p.regions.into_keys().collect(),
            id: p.id,
        });
    }
    Ok(out)
}

/// The literal prefixes of a region pattern of the accepted form (see the module docs): every
/// combination of one name per segment, each name followed by `-`, in pattern order.
///
/// `^(us|eu)\-(x|y)\-\w+\-\d+$` gives `us-x-`, `us-y-`, `eu-x-`, `eu-y-`; `^\w+\-\d+$` gives the
/// empty prefix. A region matches the pattern exactly when it is one of the prefixes followed by
/// `\w+\-\d+` (`\w` being `[A-Za-z0-9_]`, as in ECMAScript without the `u` flag).
pub fn region_prefixes(partition: &str, pattern: &str) -> Result<Vec<String>, Error> {
    let refuse = |why: &str| {
        data_error(format!(
            "partition `{partition}`: region pattern `{pattern}` is not of the form \
             `^SEGMENT\\-…\\w+\\-\\d+$` with SEGMENT a name or `(name|name|…)`: {why}"
        ))
    };
    let body = pattern.strip_prefix('^').ok_or_else(|| refuse("it does not start with `^`"))?;
    let mut head = body.strip_suffix(PATTERN_TAIL).ok_or_else(|| refuse("it does not end with `\\w+\\-\\d+$`"))?;
    let mut prefixes = vec![String::new()];
    while !head.is_empty() {
        let (segment, rest) = head.split_once(r"\-").ok_or_else(|| refuse("a segment is not followed by `\\-`"))?;
        let names: Vec<&str> = match segment.strip_prefix('(') {
            Some(group) => group.strip_suffix(')').ok_or_else(|| refuse("a group is not closed"))?.split('|').collect(),
            None => vec![segment],
        };
        if let Some(bad) = names.iter().find(|n| n.is_empty() || !n.bytes().all(|b| b.is_ascii_alphanumeric())) {
            return Err(refuse(&format!("`{bad}` is not a name of ASCII letters and digits")));
        }
        if prefixes.len() * names.len() > MAX_PREFIXES {
            return Err(refuse(&format!("it has more than {MAX_PREFIXES} prefixes")));
        }
        prefixes = prefixes.iter().flat_map(|p| names.iter().map(move |n| format!("{p}{n}-"))).collect();
        head = rest;
    }
    Ok(prefixes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefixes(pattern: &str) -> Result<Vec<String>, Error> {
        region_prefixes("p", pattern)
    }

    #[test]
    fn published_pattern_forms_give_their_prefixes() {
        for (pattern, expected) in [
            (r"^(us|eu|ap|sa|ca|me)\-\w+\-\d+$", &["us-", "eu-", "ap-", "sa-", "ca-", "me-"][..]),
            (r"^cn\-\w+\-\d+$", &["cn-"]),
            (r"^eusc\-(de)\-\w+\-\d+$", &["eusc-de-"]),
            (r"^us\-iso\-\w+\-\d+$", &["us-iso-"]),
            (r"^(a|b)\-(c|d9)\-\w+\-\d+$", &["a-c-", "a-d9-", "b-c-", "b-d9-"]),
            (r"^\w+\-\d+$", &[""]),
        ] {
            assert_eq!(prefixes(pattern).unwrap(), expected, "{pattern}");
        }
    }

    #[test]
    fn other_pattern_forms_are_refused_naming_partition_and_pattern() {
        let seven_groups = format!("^{}\\w+\\-\\d+$", r"(a|b)\-".repeat(7));
        for pattern in [
            "",
            r"(us|eu)\-\w+\-\d+$",
            r"^(us|eu)\-\w+\-\d+",
            r"^(us|eu)\-\w+\-\d+$x",
            r"^(us|eu)\-\w*\-\d+$",
            r"^(us|eu)-\w+\-\d+$",
            r"^us\w+\-\d+$",
            r"^(us|)\-\w+\-\d+$",
            r"^()\-\w+\-\d+$",
            r"^(us|eu\-\w+\-\d+$",
            r"^(?:us)\-\w+\-\d+$",
            r"^((us))\-\w+\-\d+$",
            r"^[a-z]+\-\w+\-\d+$",
            r"^.*\-\w+\-\d+$",
            r"^u\.s\-\w+\-\d+$",
            r"^us\-\-\w+\-\d+$",
            r"^é\-\w+\-\d+$",
            seven_groups.as_str(),
        ] {
            match region_prefixes("aws-test", pattern) {
                Err(Error::Data { file, problem }) => {
                    assert_eq!(file, DATA_PATH);
                    assert!(problem.contains("partition `aws-test`"), "{problem}");
                    assert!(problem.contains(&format!("`{pattern}`")), "{problem}");
                }
                other => panic!("{pattern:?} should be refused, got {other:?}"),
            }
        }
        // Six groups of two are 64 prefixes: the limit itself is accepted.
        assert_eq!(prefixes(&format!("^{}\\w+\\-\\d+$", r"(a|b)\-".repeat(6))).unwrap().len(), MAX_PREFIXES);
    }

    #[test]
    fn the_data_file_loads() {
        let table = partitions().unwrap();
        let ids: Vec<&str> = table.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["aws", "aws-cn", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-us-gov"]);
        let aws = &table[0];
        assert_eq!((aws.dns_suffix.as_str(), aws.dual_stack_dns_suffix.as_str()), ("amazonaws.com", "api.aws"));
        assert_eq!(aws.region_prefixes, ["us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-"]);
        assert!(aws.regions.iter().any(|r| r == "us-east-1") && aws.regions.iter().any(|r| r == "aws-global"));
        let gov = table.iter().find(|p| p.id == "aws-us-gov").unwrap();
        assert_eq!(gov.implicit_global_region, "us-gov-west-1");
        assert_eq!(gov.region_prefixes, ["us-gov-"]);
        assert!(table.iter().all(|p| p.supports_fips && p.supports_dual_stack));
    }

    fn one(id: &str, regex: &str, regions: &str, global: &str) -> String {
        format!(
            r#"{{"id": "{id}", "regionRegex": "{regex}", "regions": {regions},
                "outputs": {{"dnsSuffix": "d", "dualStackDnsSuffix": "ds", "implicitGlobalRegion": "{global}",
                             "supportsFIPS": true, "supportsDualStack": false, "name": "ignored"}}}}"#
        )
    }

    #[test]
    fn bad_data_is_an_error_not_a_panic() {
        let aws = one("aws", r"^us\\-\\w+\\-\\d+$", r#"{"us-east-1": {"description": "ignored"}}"#, "us-east-1");
        let ok = format!(r#"{{"version": "1.1", "partitions": [{aws}]}}"#);
        let loaded = load(&ok).unwrap();
        assert_eq!(loaded[0].regions, ["us-east-1"]);
        assert!(loaded[0].supports_fips && !loaded[0].supports_dual_stack);
        let cn = one("aws-cn", r"^cn\\-\\w+\\-\\d+$", r#"{"cn-1": {}}"#, "cn-1");
        let x = one("x", r"^x\\-\\w+\\-\\d+$", r#"{"us-east-1": {}}"#, "us-east-1");
        let far_global = one("aws", r"^us\\-\\w+\\-\\d+$", r#"{"us-east-1": {}}"#, "us-west-9");
        let bad_pattern = one("aws", r"^us-.*$", r#"{"us-east-1": {}}"#, "us-east-1");
        let cases = [
            ("not json".to_owned(), "expected"),
            (r#"{"partitions": []}"#.to_owned(), "first partition must be `aws`"),
            (format!(r#"{{"partitions": [{cn}]}}"#), "first"),
            (format!(r#"{{"partitions": [{aws}, {aws}]}}"#), "`aws` is empty or repeated"),
            (format!(r#"{{"partitions": [{aws}, {x}]}}"#), "region `us-east-1` belongs to an earlier partition"),
            (format!(r#"{{"partitions": [{far_global}]}}"#), "implicit global region `us-west-9`"),
            (format!(r#"{{"partitions": [{bad_pattern}]}}"#), "partition `aws`: region pattern `^us-.*$`"),
            (ok.replace("\"dnsSuffix\"", "\"dnssuffix\""), "missing field `dnsSuffix`"),
            (ok.replace("true", "\"yes\""), "invalid type"),
        ];
        for (json, needle) in cases {
            match load(&json) {
                Err(Error::Data { problem, .. }) => assert!(problem.contains(needle), "{needle:?} not in {problem:?}"),
                other => panic!("{json} should fail, got {other:?}"),
            }
        }
    }

    #[test]
    fn emitted_module_holds_the_table() {
        let code =
            crate::emit::format_file("partitions.rs", crate::emit::endpoints::partitions(&partitions().unwrap()))
                .unwrap();
        assert!(code.starts_with("//! The AWS partitions"), "{code}");
        assert!(code.contains("use super::Partition;"), "{code}");
        assert!(code.contains("pub static PARTITIONS: [Partition; 8] = ["), "{code}");
        let file: syn::File = syn::parse_str(&code).unwrap();
        assert_eq!(file.items.len(), 2);
        // Every fact of every partition is in the emitted table, in the data file's order.
        let squashed: String = code.split_whitespace().collect::<String>().replace(",]", "]").replace(",}", "}");
        let mut at = 0;
        for p in partitions().unwrap() {
            let regions = p.regions.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>().join(",");
            let prefixes = p.region_prefixes.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>().join(",");
            let row = format!(
                "Partition{{name:{:?},dns_suffix:{:?},dual_stack_dns_suffix:{:?},supports_fips:{},\
                 supports_dual_stack:{},implicit_global_region:{:?},region_regex:{:?},regions:&[{regions}],\
                 region_prefixes:&[{prefixes}]}}",
                p.id,
                p.dns_suffix,
                p.dual_stack_dns_suffix,
                p.supports_fips,
                p.supports_dual_stack,
                p.implicit_global_region,
                p.region_regex,
            );
            let found = squashed[at..].find(&row).unwrap_or_else(|| panic!("no `{row}` after byte {at} in\n{code}"));
            at += found + row.len();
        }
        assert!(code.lines().all(|l| l.chars().count() <= 120), "{code}");
    }
}
