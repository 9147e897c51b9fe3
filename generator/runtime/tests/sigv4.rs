//! The runtime's SigV4 signer against aws-sigv4 (the official SDK's) as a reference: the same
//! requests, credentials and time give byte-identical `Authorization`, `X-Amz-Date` and
//! `X-Amz-Security-Token` headers. The cases cover the canonical request's every part: paths
//! to normalise and encode twice, queries to decode, sort and encode again, repeated and
//! padded header values, unsigned headers, a session token, an unsigned payload.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use amazon_runtime::sigv4::{sign, SigningCredentials, SigningScope};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings};
use aws_smithy_runtime_api::client::identity::Identity;
use http::{HeaderMap, HeaderValue};

const AKID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c5113fb92427ae41e4649b934ca495991b7852b855";

struct Case {
    method: &'static str,
    path_and_query: &'static str,
    headers: &'static [(&'static str, &'static str)],
    payload: &'static str,
    token: Option<&'static str>,
    region: &'static str,
    service: &'static str,
    time: SystemTime,
}

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

fn headers_of(case: &Case) -> HeaderMap {
    let mut h = HeaderMap::new();
    for (name, value) in case.headers {
        h.append(*name, HeaderValue::from_static(value));
    }
    h
}

/// (authorization, x-amz-date, x-amz-security-token) as aws-sigv4 signs the case.
fn reference(case: &Case) -> (String, String, Option<String>) {
    let identity: Identity = Credentials::new(AKID, SECRET, case.token.map(str::to_owned), None, "test").into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(case.region)
        .name(case.service)
        .time(case.time)
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let headers = headers_of(case);
    let uri = format!("https://example.amazonaws.com{}", case.path_and_query);
    let signable = SignableRequest::new(
        case.method,
        &uri,
        headers.iter().map(|(n, v)| (n.as_str(), v.to_str().unwrap())),
        SignableBody::Precomputed(case.payload.to_owned()),
    )
    .unwrap();
    let (instructions, _) = aws_sigv4::http_request::sign(signable, &params).unwrap().into_parts();
    let (added, _) = instructions.into_parts();
    let get = |name: &str| added.iter().find(|h| h.name().eq_ignore_ascii_case(name)).map(|h| h.value().to_owned());
    (get("authorization").unwrap(), get("x-amz-date").unwrap(), get("x-amz-security-token"))
}

fn ours(case: &Case) -> (String, String, Option<String>) {
    let mut headers = headers_of(case);
    let uri: http::Uri = format!("https://example.amazonaws.com{}", case.path_and_query).parse().unwrap();
    let credentials = SigningCredentials { access_key_id: AKID, secret_access_key: SECRET, session_token: case.token };
    let scope = SigningScope { region: case.region, service: case.service, time: case.time };
    sign(&mut headers, case.method, uri.path(), uri.query(), case.payload, &credentials, &scope).unwrap();
    let get = |name: &str| headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    assert!(headers.get("authorization").unwrap().is_sensitive(), "the signature is marked sensitive");
    (get("authorization").unwrap(), get("x-amz-date").unwrap(), get("x-amz-security-token"))
}

#[test]
fn signatures_match_the_reference_signer() {
    let json = &[
        ("host", "connect.eu-west-2.amazonaws.com"),
        ("content-type", "application/json"),
        ("content-length", "42"),
        ("user-agent", "amazon-connect/0.1.0"),
    ][..];
    let cases = [
        Case {
            method: "PUT",
            path_and_query: "/contact/chat",
            headers: json,
            payload: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            token: None,
            region: "eu-west-2",
            service: "connect",
            time: at(1_700_000_000),
        },
        Case {
            method: "GET",
            path_and_query: "/users/a%20b/c%2Fd/%E2%82%AC?b=2&a=%7e&a=1&flag=&space=x%20y&plus=%2B",
            headers: &[("host", "example.amazonaws.com"), ("x-amz-target", "S.A"), ("x-custom", "  padded   value ")],
            payload: EMPTY_SHA256,
            token: Some("session/token+with=odd chars"),
            region: "us-east-1",
            service: "iam",
            time: at(951_782_400),
        },
        Case {
            method: "POST",
            path_and_query: "/a/./b/../c//d/",
            headers: &[
                ("host", "example.amazonaws.com"),
                ("x-multi", "1"),
                ("x-multi", "2"),
                ("x-amzn-trace-id", "Root=1"),
            ],
            payload: "UNSIGNED-PAYLOAD",
            token: None,
            region: "ap-southeast-2",
            service: "kinesis",
            time: at(4_107_542_399),
        },
        Case {
            method: "DELETE",
            path_and_query: "/",
            headers: &[("host", "example.amazonaws.com")],
            payload: EMPTY_SHA256,
            token: Some("t"),
            region: "eu-central-1",
            service: "dynamodb",
            time: at(1_714_566_600),
        },
    ];
    for case in &cases {
        assert_eq!(ours(case), reference(case), "{} {}", case.method, case.path_and_query);
    }
}

/// The same secret, day, region and service reuse one derived key; any other changes the
/// signature (the cache keys on all four).
#[test]
fn a_cached_signing_key_never_signs_for_another_scope() {
    let base = Case {
        method: "GET",
        path_and_query: "/",
        headers: &[("host", "example.amazonaws.com")],
        payload: EMPTY_SHA256,
        token: None,
        region: "eu-west-2",
        service: "connect",
        time: at(1_700_000_000),
    };
    let first = ours(&base);
    assert_eq!(ours(&base), first);
    for case in [
        Case { region: "eu-west-1", ..base },
        Case { service: "kinesis", ..base },
        Case { time: at(1_700_000_000 + 86_400), ..base },
    ] {
        let (auth, ..) = ours(&case);
        assert_ne!(auth, first.0);
        assert_eq!(ours(&case), reference(&case));
    }
}
