//! The endpoint runtime's partition table and region matcher, against an ECMAScript engine.

use amazon_runtime::endpoint::{partition, PARTITIONS};

/// The runtime's region matcher, over the table built from the data, agrees with an
/// ECMAScript engine running the published patterns.
#[test]
fn region_patterns_agree_with_an_ecmascript_engine() {
    let mut corpus: Vec<String> = vec![String::new(), "-".into(), "us-east-1\n".into(), "us-east-1 ".into()];
    let heads = [
        "us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx", "cn", "zz", "us-gov", "us-iso", "us-isob", "us-isof",
        "eu-isoe", "eusc-de", "eusc-fr", "US", "u",
    ];
    let mids = ["east", "gov-west", "a_b", "9", "", "é", "x y", "north-east"];
    let tails = ["1", "12", "", "1a", "-1", "0"];
    for h in heads {
        for m in mids {
            for t in tails {
                corpus.push(format!("{h}-{m}-{t}"));
                corpus.push(format!("{h}-{m}{t}"));
            }
        }
    }
    let table = &PARTITIONS;
    for p in table.iter() {
        let re = regress::Regex::new(p.region_regex).unwrap_or_else(|e| panic!("{}: {e}", p.name));
        for r in &corpus {
            assert_eq!(p.matches_region_pattern(r), re.find(r).is_some(), "{} on {r:?}", p.name);
        }
        for known in p.regions {
            assert_eq!(partition(known).name, p.name);
        }
    }
    let names: Vec<&str> = table.iter().map(|p| p.name).collect();
    let expected = ["aws", "aws-cn", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-us-gov"];
    assert_eq!(names, expected);
}
