//! What generated endpoint rules call: the AWS partitions and the functions of the Smithy rules
//! engine's standard library (`aws.partition`, `aws.parseArn`, `parseURL`, `isValidHostLabel`,
//! `substring`, `uriEncode`).
//!
//! The rules themselves are compiled to plain Rust in the parent module; nothing here parses a
//! rule set at run time. Every function is total: bad input gives `None` or `false`, never a
//! panic.
//!
//! # Partitions
//!
//! [`PARTITIONS`] is generated, into the child module `partitions`, from the generator's data file
//! of the published partition facts (names, DNS suffixes, FIPS and dual-stack support, implicit
//! global regions, region patterns and known regions). [`partition`] resolves a region the way
//! the rules engine specifies: an exact match of a known region first, then the first partition
//! whose region pattern matches, then `aws`. The region patterns are simple enough to be matched
//! without a regular-expression engine: the generator reads each [`Partition::region_regex`] as
//! the literal prefixes it allows and refuses any pattern it cannot read that way.
//!
//! # Crates
//!
//! URL parsing is [`http::Uri`]'s and percent-encoding is the `percent-encoding` crate's; both are
//! dependencies of every generated crate already. The rules engine's restrictions (only `http`
//! and `https`, no query, …) are checked on top.

mod partitions;

pub use partitions::PARTITIONS;

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
    /// The region pattern as the literal prefixes it allows before `\w+-\d+`, derived from
    /// [`Partition::region_regex`] by the generator.
    region_prefixes: &'static [&'static str],
}

impl Partition {
    /// Whether `region` matches the partition's region pattern ([`Partition::region_regex`]).
    ///
    /// The generator accepts only patterns of the shape `^PREFIX\w+\-\d+$`, where `PREFIX` is one
    /// of a few literal alternatives ending in `-` and `\w` is `[A-Za-z0-9_]`; this checks exactly
    /// that.
    pub fn matches_region_pattern(&self, region: &str) -> bool {
        self.region_prefixes.iter().any(|prefix| region.strip_prefix(prefix).is_some_and(is_word_dash_digits))
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

/// The index of `aws` in [`PARTITIONS`] (the generator puts it first): the partition of any
/// region nothing else claims.
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

/// The parts of an ARN that the rules language can read (`aws.parseArn`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    /// `aws`, `aws-cn`, … (`partition`).
    pub partition: String,
    /// The service namespace (`service`).
    pub service: String,
    /// The region, possibly empty (`region`).
    pub region: String,
    /// The account id, possibly empty (`accountId`).
    pub account_id: String,
    /// The resource, split at every `:` and `/` (`resourceId`).
    pub resource_id: Vec<String>,
}

/// `aws.parseArn(value)`: `arn:{partition}:{service}:{region}:{account}:{resource}`, split into
/// its parts. `None` unless it starts with `arn:` and the partition, the service and the
/// resource are not empty (the region and the account may be).
pub fn parse_arn(value: &str) -> Option<Arn> {
    let mut parts = value.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let (partition, service, region, account_id, resource) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
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
/// [`http::Uri`] parses the URL (RFC 3986); on top of it, the rules language's restrictions give
/// `None` for: another scheme or none, a query (even an empty `?`), a fragment (`#`, which
/// `http::Uri` would drop silently), user information (`user@host`), an empty or non-numeric
/// port or one above 65535, text after a bracketed host, a bracketed host that is not an IPv6
/// address, and a host with other characters than ASCII letters, digits, `-`, `.` and `_`.
pub fn parse_url(value: &str) -> Option<Url> {
    if value.contains('#') {
        return None;
    }
    let uri: http::Uri = value.parse().ok()?;
    let scheme = uri.scheme()?;
    if *scheme != http::uri::Scheme::HTTP && *scheme != http::uri::Scheme::HTTPS {
        return None;
    }
    if uri.query().is_some() {
        return None;
    }
    let authority = uri.authority()?;
    let host = authority.host();
    // `host` or `host:port`; `http::Uri` leaves an empty or unreadable port out of `port_u16`.
    match authority.as_str().strip_prefix(host)? {
        "" => {}
        port if port.starts_with(':') && authority.port_u16().is_some() => {}
        _ => return None,
    }
    let is_ip = if let Some(bracketed) = host.strip_prefix('[') {
        bracketed.strip_suffix(']')?.parse::<std::net::Ipv6Addr>().ok()?;
        true
    } else {
        let reg_name = host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
        if host.is_empty() || !reg_name {
            return None;
        }
        host.parse::<std::net::Ipv4Addr>().is_ok()
    };
    // `http::Uri` reports an absent path as `/`; the rules language wants it as written.
    let path = if uri.path() == "/" && !value.ends_with('/') { "" } else { uri.path() };
    let normalized_path = match (path.is_empty(), path.ends_with('/')) {
        (true, _) => "/".to_owned(),
        (false, true) => path.to_owned(),
        (false, false) => format!("{path}/"),
    };
    Some(Url {
        scheme: scheme.as_str().to_owned(),
        authority: authority.as_str().to_owned(),
        path: path.to_owned(),
        normalized_path,
        is_ip,
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

/// What `uriEncode` leaves alone: the RFC 3986 unreserved characters `A–Z a–z 0–9 - . _ ~`.
/// Everything else, every non-ASCII byte included, is percent-encoded.
const URI_ENCODE_SET: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// `uriEncode(value)`: percent-encodes every byte of the UTF-8 text except the unreserved
/// characters `A–Z a–z 0–9 - . _ ~`, with upper-case hex digits (RFC 3986, section 2.1).
pub fn uri_encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, URI_ENCODE_SET).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(region: &str) -> &'static str {
        partition(region).name
    }

    #[test]
    fn arns_split_into_their_parts() {
        let a = parse_arn("arn:aws:dynamodb:us-east-1:123456789012:table/Music/stream:x").unwrap();
        assert_eq!((a.partition.as_str(), a.service.as_str()), ("aws", "dynamodb"));
        assert_eq!((a.region.as_str(), a.account_id.as_str()), ("us-east-1", "123456789012"));
        assert_eq!(a.resource_id, ["table", "Music", "stream", "x"]);
        let global = parse_arn("arn:aws:s3:::bucket").unwrap();
        assert_eq!(
            (global.region.as_str(), global.account_id.as_str(), &global.resource_id[..]),
            ("", "", &["bucket".to_owned()][..])
        );
        for bad in ["", "arn", "arn:aws:s3:::", "arn::s3:::b", "arn:aws::::b", "urn:aws:s3:::b", "arn:aws:s3:us-east-1"]
        {
            assert_eq!(parse_arn(bad), None, "{bad}");
        }
    }

    #[test]
    fn known_regions_resolve_to_their_partition() {
        for p in PARTITIONS.iter() {
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
            (
                "aws",
                ["us-east-99", "eu-foo-1", "ap-x_y-12", "sa-a-0", "ca-b-1", "me-c-2", "af-d-3", "il-e-4", "mx-f-5"]
                    .as_slice(),
            ),
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
            "",
            "us-east",
            "us-east-",
            "us--1",
            "us-east-1a",
            "xus-east-1",
            "us-east-1\n",
            "US-EAST-1",
            "zz-east-1",
            "eusc-fr-east-1",
            "us-isoc-east-1x",
            "cn-north-1-1",
            "us-gov-1-x",
            "us-ea st-1",
            "us-east-é",
        ] {
            for p in PARTITIONS.iter() {
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
        assert_eq!(
            (gov.dns_suffix, gov.dual_stack_dns_suffix, gov.implicit_global_region),
            ("amazonaws.com", "api.aws", "us-gov-west-1")
        );
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
        assert_eq!(
            (u.scheme.as_str(), u.authority.as_str(), u.path.as_str(), u.normalized_path.as_str(), u.is_ip),
            ("https", "example.com", "", "/", false)
        );
        let u = parse_url("http://example.com:8443/foo/bar").unwrap();
        assert_eq!(
            (u.authority.as_str(), u.path.as_str(), u.normalized_path.as_str()),
            ("example.com:8443", "/foo/bar", "/foo/bar/")
        );
        let u = parse_url("https://example.com/foo/").unwrap();
        assert_eq!((u.path.as_str(), u.normalized_path.as_str()), ("/foo/", "/foo/"));
        assert!(parse_url("https://127.0.0.1:8080/").unwrap().is_ip);
        assert!(parse_url("https://[fe80::1]").unwrap().is_ip);
        assert_eq!(parse_url("https://[fe80::1]:443").unwrap().authority, "[fe80::1]:443");
        assert!(!parse_url("https://256.0.0.1").unwrap().is_ip);
        assert!(!parse_url("https://1.2.3").unwrap().is_ip);
        assert_eq!(parse_url("HTTPS://example.com").unwrap().scheme, "https");
        for bad in [
            "example.com",
            "ftp://example.com",
            "https://",
            "https://example.com?x=1",
            "https://example.com/?",
            "https://example.com#f",
            "https://a b",
            "https://user@example.com",
            "https://example.com:",
            "https://example.com:99999",
            "https://example.com:8x",
            "https://[fe80::1",
            "https://[]",
            "https://[::1]x",
            "https://exa%mple.com",
            "",
        ] {
            assert_eq!(parse_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn parse_url_edges() {
        let parts = |u: Url| (u.authority, u.path, u.normalized_path, u.is_ip);
        let s = String::from;
        for (url, expected) in [
            ("https://example.com/", (s("example.com"), s("/"), s("/"), false)),
            ("http://example.com:0080", (s("example.com:0080"), s(""), s("/"), false)),
            ("https://example.com:65535//a", (s("example.com:65535"), s("//a"), s("//a/"), false)),
            ("https://a_b.example.com/a%20b/c", (s("a_b.example.com"), s("/a%20b/c"), s("/a%20b/c/"), false)),
            ("https://1.2.3.4/x/", (s("1.2.3.4"), s("/x/"), s("/x/"), true)),
            ("https://[::1]:8080/p", (s("[::1]:8080"), s("/p"), s("/p/"), true)),
            ("https://[::ffff:1.2.3.4]", (s("[::ffff:1.2.3.4]"), s(""), s("/"), true)),
            ("https://example.com/\u{e9}", (s("example.com"), s("/\u{e9}"), s("/\u{e9}/"), false)),
        ] {
            assert_eq!(parse_url(url).map(parts), Some(expected), "{url}");
        }
        assert_eq!(parse_url("Http://example.com").map(|u| u.scheme).as_deref(), Some("http"));
        for bad in [
            "https://example.com:65536",
            "https://:80",
            "https://[v1.x]",
            "https://[1:2]",
            "https:example.com",
            "https:///path",
            "https://example.com/#",
            "http://example.com/a#b",
            "https://user:pw@example.com:80",
            "https://example.com\n",
            "https://example.com/\u{7f}",
            "https://exa\tmple.com",
            "https://ex{ample.com",
            "https://a!b.com",
            "mailto:a@example.com",
            "//example.com/p",
            "/p",
        ] {
            assert_eq!(parse_url(bad), None, "{bad:?}");
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
        assert_eq!(uri_encode("%41\u{1f600}"), "%2541%F0%9F%98%80");
    }

    #[test]
    fn uri_encoding_leaves_exactly_the_unreserved_ascii_characters() {
        for b in 0u8..=127 {
            let c = char::from(b);
            let unreserved = c.is_ascii_alphanumeric() || "-._~".contains(c);
            let expected = if unreserved { c.to_string() } else { format!("%{b:02X}") };
            assert_eq!(uri_encode(&c.to_string()), expected, "{c:?}");
        }
    }
}
