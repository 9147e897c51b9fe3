//! What generated endpoint rules call: the AWS partitions and the functions of the Smithy rules
//! engine's standard library (`aws.partition`, `parseURL`, `isValidHostLabel`, `substring`,
//! `uriEncode`).
//!
//! The rules themselves are compiled to plain Rust in the parent module; nothing here parses a
//! rule set at run time. Every function is total: bad input gives `None` or `false`, never a
//! panic.
//!
//! # Partitions
//!
//! [`PARTITIONS`] is written by hand from the published partition facts (names, DNS suffixes,
//! FIPS and dual-stack support, implicit global regions, region patterns and known regions).
//! [`partition`] resolves a region the way the rules engine specifies: an exact match of a known
//! region first, then the first partition whose region pattern matches, then `aws`. The region
//! patterns are simple enough to be matched without a regular-expression engine; each
//! partition's [`Partition::region_regex`] is kept beside it for reference.

/// An AWS partition: a group of regions that share DNS suffixes and capabilities.
///
/// The fields are the attributes the rules language can read with `getAttr` on the result of
/// `aws.partition` (`name`, `dnsSuffix`, `dualStackDnsSuffix`, `supportsFIPS`,
/// `supportsDualStack`, `implicitGlobalRegion`), plus the data that selects the partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    /// The partition id, e.g. `aws`, `aws-cn`, `aws-us-gov` (`name`).
    pub name: &'static str,
    /// The DNS suffix of the partition's regular endpoints (`dnsSuffix`).
    pub dns_suffix: &'static str,
    /// The DNS suffix of the partition's dual-stack (IPv4 and IPv6) endpoints
    /// (`dualStackDnsSuffix`).
    pub dual_stack_dns_suffix: &'static str,
    /// Whether the partition has FIPS endpoints (`supportsFIPS`).
    pub supports_fips: bool,
    /// Whether the partition has dual-stack endpoints (`supportsDualStack`).
    pub supports_dual_stack: bool,
    /// The region a global endpoint of the partition lives in (`implicitGlobalRegion`).
    pub implicit_global_region: &'static str,
    /// The published pattern of the partition's region names (ECMAScript syntax).
    pub region_regex: &'static str,
    /// The regions the partition is known to have, matched exactly before any pattern.
    pub regions: &'static [&'static str],
    /// The region pattern as the literal prefixes it allows before `\w+-\d+`.
    region_prefixes: &'static [&'static str],
}

impl Partition {
    /// Whether `region` matches the partition's region pattern ([`Partition::region_regex`]).
    ///
    /// Every published pattern has the shape `^PREFIX\w+\-\d+$`, where `PREFIX` is one of a few
    /// literal alternatives ending in `-` and `\w` is `[A-Za-z0-9_]`; this checks exactly that.
    pub fn matches_region_pattern(&self, region: &str) -> bool {
        self.region_prefixes
            .iter()
            .any(|prefix| region.strip_prefix(prefix).is_some_and(is_word_dash_digits))
    }
}

/// `\w+\-\d+` on the whole input: one word (`[A-Za-z0-9_]+`), a dash, then ASCII digits.
fn is_word_dash_digits(text: &str) -> bool {
    match text.split_once('-') {
        Some((word, digits)) => {
            !word.is_empty()
                && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// Every partition, in the published order (which is also the order patterns are tried in).
pub static PARTITIONS: [Partition; 8] = [
    Partition {
        name: "aws",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-east-1",
        region_regex: "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$",
        regions: &[
            "af-south-1",
            "ap-east-1",
            "ap-east-2",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "aws-global",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
        region_prefixes: &["us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-"],
    },
    Partition {
        name: "aws-cn",
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "cn-northwest-1",
        region_regex: "^cn\\-\\w+\\-\\d+$",
        regions: &["aws-cn-global", "cn-north-1", "cn-northwest-1"],
        region_prefixes: &["cn-"],
    },
    Partition {
        name: "aws-eusc",
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "eusc-de-east-1",
        region_regex: "^eusc\\-(de)\\-\\w+\\-\\d+$",
        regions: &["eusc-de-east-1"],
        region_prefixes: &["eusc-de-"],
    },
    Partition {
        name: "aws-iso",
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "api.aws.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-iso-east-1",
        region_regex: "^us\\-iso\\-\\w+\\-\\d+$",
        regions: &["aws-iso-global", "us-iso-east-1", "us-iso-west-1"],
        region_prefixes: &["us-iso-"],
    },
    Partition {
        name: "aws-iso-b",
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "api.aws.scloud",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-isob-east-1",
        region_regex: "^us\\-isob\\-\\w+\\-\\d+$",
        regions: &["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"],
        region_prefixes: &["us-isob-"],
    },
    Partition {
        name: "aws-iso-e",
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "eu-isoe-west-1",
        region_regex: "^eu\\-isoe\\-\\w+\\-\\d+$",
        regions: &["aws-iso-e-global", "eu-isoe-west-1"],
        region_prefixes: &["eu-isoe-"],
    },
    Partition {
        name: "aws-iso-f",
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-isof-south-1",
        region_regex: "^us\\-isof\\-\\w+\\-\\d+$",
        regions: &["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
        region_prefixes: &["us-isof-"],
    },
    Partition {
        name: "aws-us-gov",
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-gov-west-1",
        region_regex: "^us\\-gov\\-\\w+\\-\\d+$",
        regions: &["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"],
        region_prefixes: &["us-gov-"],
    },
];

/// The index of `aws` in [`PARTITIONS`]: the partition of any region nothing else claims.
const DEFAULT_PARTITION: usize = 0;

/// `aws.partition(region)`: the partition a region belongs to.
///
/// A known region of any partition wins; otherwise the first partition whose region pattern
/// matches; otherwise `aws`. The rules language types the result as optional, but resolution
/// never fails, so this returns the partition itself.
pub fn partition(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| p.regions.contains(&region))
        .or_else(|| PARTITIONS.iter().find(|p| p.matches_region_pattern(region)))
        .unwrap_or(&PARTITIONS[DEFAULT_PARTITION])
}

/// The parts of a URL that the rules language can read (`parseURL`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`, in lower case (`scheme`).
    pub scheme: String,
    /// The host and optional port, as written (`authority`).
    pub authority: String,
    /// The path as written, possibly empty (`path`).
    pub path: String,
    /// The path with a leading and a trailing `/`; `/` when the path is empty
    /// (`normalizedPath`).
    pub normalized_path: String,
    /// Whether the host is an IPv4 address or a bracketed IPv6 address (`isIp`).
    pub is_ip: bool,
}

/// `parseURL(value)`: splits an absolute `http` or `https` URL into its parts.
///
/// `None` for anything else: no `scheme://`, another scheme, an empty or malformed authority,
/// user information (`user@host`), a query (`?`), a fragment (`#`), whitespace or control
/// characters.
pub fn parse_url(value: &str) -> Option<Url> {
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) || value.contains(['?', '#']) {
        return None;
    }
    let (scheme, rest) = value.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let is_ip = parse_authority(authority)?;
    let normalized_path = if path.trim().is_empty() {
        "/".to_owned()
    } else {
        let mut p = String::with_capacity(path.len() + 2);
        if !path.starts_with('/') {
            p.push('/');
        }
        p.push_str(path);
        if !path.ends_with('/') {
            p.push('/');
        }
        p
    };
    Some(Url { scheme, authority: authority.to_owned(), path: path.to_owned(), normalized_path, is_ip })
}

/// Checks `host[:port]`; `Some(is_ip)` when it is well formed.
fn parse_authority(authority: &str) -> Option<bool> {
    let (host, port, bracketed) = if let Some(inner) = authority.strip_prefix('[') {
        let (ipv6, after) = inner.split_once(']')?;
        let valid = !ipv6.is_empty() && ipv6.contains(':') && ipv6.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        if !valid {
            return None;
        }
        let port = match after {
            "" => None,
            other => Some(other.strip_prefix(':')?),
        };
        (ipv6, port, true)
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        let valid = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
        if !valid {
            return None;
        }
        (host, port, false)
    };
    if let Some(port) = port {
        let valid = !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
        if !valid || port.parse::<u32>().ok()? > 65_535 {
            return None;
        }
    }
    Some(bracketed || is_ipv4(host))
}

/// Four dot-separated decimal numbers, each at most 255.
fn is_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// `isValidHostLabel(value, allowSubDomains)`: whether `value` is an RFC 1123 host label —
/// 1 to 63 ASCII letters, digits and `-`, starting with a letter or digit — or, when
/// `allow_sub_domains` is true, one or more such labels joined by `.` (no empty label).
pub fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value.split('.').all(is_single_host_label)
    } else {
        is_single_host_label(value)
    }
}

fn is_single_host_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    match bytes.first() {
        Some(first) if first.is_ascii_alphanumeric() => {
            bytes.len() <= 63 && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

/// `substring(input, start, stop, reverse)`: the characters `start..stop` of an ASCII string,
/// counted from the end when `reverse` is true.
///
/// `None` when the input has a non-ASCII character, `start >= stop`, or the input is shorter
/// than `stop`.
pub fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> Option<String> {
    if !input.is_ascii() || start >= stop || input.len() < stop {
        return None;
    }
    let (from, to) = if reverse { (input.len() - stop, input.len() - start) } else { (start, stop) };
    input.get(from..to).map(str::to_owned)
}

/// `uriEncode(value)`: percent-encodes every byte of the UTF-8 text except the unreserved
/// characters `A–Z a–z 0–9 - . _ ~`, with upper-case hex digits.
pub fn uri_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(region: &str) -> &'static str {
        partition(region).name
    }

    #[test]
    fn known_regions_resolve_to_their_partition() {
        for p in &PARTITIONS {
            for r in p.regions {
                assert_eq!(name(r), p.name, "{r}");
            }
        }
        assert_eq!(name("cn-north-1"), "aws-cn");
        assert_eq!(name("us-gov-west-1"), "aws-us-gov");
        assert_eq!(name("aws-global"), "aws");
        assert_eq!(name("aws-iso-b-global"), "aws-iso-b");
    }

    #[test]
    fn each_partition_pattern_claims_its_unknown_regions() {
        let cases = [
            ("aws", ["us-east-99", "eu-foo-1", "ap-x_y-12", "sa-a-0", "ca-b-1", "me-c-2", "af-d-3", "il-e-4", "mx-f-5"].as_slice()),
            ("aws-cn", &["cn-south-7", "cn-x-1"]),
            ("aws-us-gov", &["us-gov-south-3", "us-gov-x-10"]),
            ("aws-iso", &["us-iso-south-2"]),
            ("aws-iso-b", &["us-isob-west-9"]),
            ("aws-iso-e", &["eu-isoe-north-1"]),
            ("aws-iso-f", &["us-isof-west-4"]),
            ("aws-eusc", &["eusc-de-west-2"]),
        ];
        for (expected, regions) in cases {
            for r in regions {
                assert_eq!(name(r), expected, "{r}");
                let p = PARTITIONS.iter().find(|p| p.name == expected).unwrap();
                assert!(p.matches_region_pattern(r), "{expected} pattern should match {r}");
                for other in PARTITIONS.iter().filter(|o| o.name != expected) {
                    assert!(!other.matches_region_pattern(r), "{} pattern should not match {r}", other.name);
                }
            }
        }
    }

    #[test]
    fn patterns_are_anchored_and_strict() {
        for r in [
            "", "us-east", "us-east-", "us--1", "us-east-1a", "xus-east-1", "us-east-1\n", "US-EAST-1", "zz-east-1",
            "eusc-fr-east-1", "us-isoc-east-1x", "cn-north-1-1", "us-gov-1-x", "us-ea st-1", "us-east-é",
        ] {
            for p in &PARTITIONS {
                assert!(!p.matches_region_pattern(r), "{} pattern unexpectedly matches {r:?}", p.name);
            }
        }
        // Unmatched names fall back to `aws`.
        assert_eq!(name("not a region"), "aws");
        assert_eq!(name(""), "aws");
        // `\w` includes digits and `_`; the pattern of `aws` claims a three-part gov-like name.
        assert_eq!(name("us-gov-1"), "aws");
        assert_eq!(name("us-a_b9-0"), "aws");
    }

    #[test]
    fn partition_facts() {
        let cn = partition("cn-north-1");
        assert_eq!((cn.dns_suffix, cn.dual_stack_dns_suffix), ("amazonaws.com.cn", "api.amazonwebservices.com.cn"));
        let gov = partition("us-gov-east-1");
        assert_eq!((gov.dns_suffix, gov.dual_stack_dns_suffix, gov.implicit_global_region), ("amazonaws.com", "api.aws", "us-gov-west-1"));
        assert_eq!(partition("us-iso-east-1").dns_suffix, "c2s.ic.gov");
        assert_eq!(partition("us-isob-east-1").dns_suffix, "sc2s.sgov.gov");
        assert_eq!(partition("eu-isoe-west-1").dns_suffix, "cloud.adc-e.uk");
        assert_eq!(partition("us-isof-south-1").dns_suffix, "csp.hci.ic.gov");
        assert_eq!(partition("eusc-de-east-1").dns_suffix, "amazonaws.eu");
        assert!(PARTITIONS.iter().all(|p| p.supports_fips));
    }

    #[test]
    fn parse_url_parts() {
        let u = parse_url("https://example.com").unwrap();
        assert_eq!((u.scheme.as_str(), u.authority.as_str(), u.path.as_str(), u.normalized_path.as_str(), u.is_ip), ("https", "example.com", "", "/", false));
        let u = parse_url("http://example.com:8443/foo/bar").unwrap();
        assert_eq!((u.authority.as_str(), u.path.as_str(), u.normalized_path.as_str()), ("example.com:8443", "/foo/bar", "/foo/bar/"));
        let u = parse_url("https://example.com/foo/").unwrap();
        assert_eq!((u.path.as_str(), u.normalized_path.as_str()), ("/foo/", "/foo/"));
        assert!(parse_url("https://127.0.0.1:8080/").unwrap().is_ip);
        assert!(parse_url("https://[fe80::1]").unwrap().is_ip);
        assert_eq!(parse_url("https://[fe80::1]:443").unwrap().authority, "[fe80::1]:443");
        assert!(!parse_url("https://256.0.0.1").unwrap().is_ip);
        assert!(!parse_url("https://1.2.3").unwrap().is_ip);
        assert_eq!(parse_url("HTTPS://example.com").unwrap().scheme, "https");
        for bad in [
            "example.com", "ftp://example.com", "https://", "https://example.com?x=1", "https://example.com/?",
            "https://example.com#f", "https://a b", "https://user@example.com", "https://example.com:", "https://example.com:99999",
            "https://example.com:8x", "https://[fe80::1", "https://[]", "https://[::1]x", "https://exa%mple.com", "",
        ] {
            assert_eq!(parse_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn host_labels() {
        for ok in ["a", "a-b", "0", "abc-", &"a".repeat(63)] {
            assert!(is_valid_host_label(ok, false), "{ok}");
        }
        for bad in ["", "-a", "a.b", "a_b", "é", &"a".repeat(64)] {
            assert!(!is_valid_host_label(bad, false), "{bad}");
        }
        assert!(is_valid_host_label("a.b-c.d", true));
        for bad in ["a..b", ".a", "a.", "a.-b", ""] {
            assert!(!is_valid_host_label(bad, true), "{bad}");
        }
    }

    #[test]
    fn substrings() {
        assert_eq!(substring("abcdefg", 0, 4, false).as_deref(), Some("abcd"));
        assert_eq!(substring("abcdefg", 0, 4, true).as_deref(), Some("defg"));
        assert_eq!(substring("abcdefg", 1, 3, true).as_deref(), Some("ef"));
        assert_eq!(substring("abcd", 0, 4, false).as_deref(), Some("abcd"));
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abcd", 2, 2, false), None);
        assert_eq!(substring("abcd", 3, 1, false), None);
        assert_eq!(substring("ab\u{e9}cd", 0, 2, false), None);
    }

    #[test]
    fn uri_encoding() {
        assert_eq!(uri_encode("abc-XYZ_0.9~"), "abc-XYZ_0.9~");
        assert_eq!(uri_encode("a b/c?d=e&f*g+h"), "a%20b%2Fc%3Fd%3De%26f%2Ag%2Bh");
        assert_eq!(uri_encode("\u{e9}"), "%C3%A9");
        assert_eq!(uri_encode(""), "");
    }
}
