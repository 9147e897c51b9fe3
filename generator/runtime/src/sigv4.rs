//! AWS Signature Version 4, header form, as the SigV4 documentation defines it: the canonical
//! request (method, normalised and twice-encoded path, sorted canonical query, canonical
//! headers, signed header list, payload hash), the string to sign over its SHA-256, and the
//! HMAC-SHA256 chain from the secret to the signing key.
//!
//! The signing key depends only on the secret, the day, the region and the service, so it is
//! derived once per day and kept in a small process-wide table (four HMACs saved per request);
//! the table holds derived keys, never secrets, and tells secrets apart by their SHA-256.
//! Hashing and HMAC are ring's (already linked for TLS).

use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use ::http::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};
use ring::{digest, hmac};

use super::runtime::UNRESERVED;

/// The credentials a request is signed with.
pub struct SigningCredentials<'a> {
    /// The access key id.
    pub access_key_id: &'a str,
    /// The secret access key.
    pub secret_access_key: &'a str,
    /// The session token of temporary credentials (sent as `X-Amz-Security-Token`, signed).
    pub session_token: Option<&'a str>,
}

/// What a request is signed for.
pub struct SigningScope<'a> {
    /// The region.
    pub region: &'a str,
    /// The service's signing name.
    pub service: &'a str,
    /// The signing time.
    pub time: SystemTime,
}

/// Headers left unsigned: set or changed by proxies and by the client's own layers (user agent,
/// tracing, the transfer coding); `Authorization` is the signature itself.
const UNSIGNED_HEADERS: [&str; 5] = ["authorization", "user-agent", "x-amzn-trace-id", "expect", "transfer-encoding"];

/// Signs a request in place: adds `X-Amz-Date`, `X-Amz-Security-Token` (with a session token) and
/// `Authorization`. `path` and `query` are the request target as sent (already percent-encoded);
/// `payload_sha256` is the lowercase hex SHA-256 of the body (or `UNSIGNED-PAYLOAD`). The
/// headers present are signed, but for `Authorization`, `User-Agent`, `X-Amzn-Trace-Id`, `Expect` and
/// `Transfer-Encoding`.
pub fn sign(
    headers: &mut HeaderMap,
    method: &str,
    path: &str,
    query: Option<&str>,
    payload_sha256: &str,
    credentials: &SigningCredentials<'_>,
    scope: &SigningScope<'_>,
) -> Result<(), String> {
    let amz_date = amz_date(scope.time)?;
    let day = &amz_date[..8];
    headers.insert(
        HeaderName::from_static("x-amz-date"),
        HeaderValue::try_from(amz_date.as_str()).map_err(|e| e.to_string())?,
    );
    if let Some(token) = credentials.session_token {
        let mut value =
            HeaderValue::try_from(token).map_err(|_| "the session token is not a valid header value".to_owned())?;
        value.set_sensitive(true);
        headers.insert(HeaderName::from_static("x-amz-security-token"), value);
    }

    let mut canonical = String::with_capacity(512);
    canonical.push_str(method);
    canonical.push('\n');
    canonical_uri(path, &mut canonical);
    canonical.push('\n');
    canonical_query(query.unwrap_or(""), &mut canonical);
    canonical.push('\n');
    let signed_headers = canonical_headers(headers, &mut canonical)?;
    canonical.push('\n');
    canonical.push_str(&signed_headers);
    canonical.push('\n');
    canonical.push_str(payload_sha256);

    let credential_scope = format!("{day}/{}/{}/aws4_request", scope.region, scope.service);
    let mut string_to_sign = String::with_capacity(128);
    string_to_sign.push_str("AWS4-HMAC-SHA256\n");
    string_to_sign.push_str(&amz_date);
    string_to_sign.push('\n');
    string_to_sign.push_str(&credential_scope);
    string_to_sign.push('\n');
    string_to_sign.push_str(&lower_hex(digest::digest(&digest::SHA256, canonical.as_bytes()).as_ref()));

    let key = signing_key(credentials.secret_access_key, day, scope.region, scope.service);
    let mut authorization = String::with_capacity(256);
    authorization.push_str("AWS4-HMAC-SHA256 Credential=");
    authorization.push_str(credentials.access_key_id);
    authorization.push('/');
    authorization.push_str(&credential_scope);
    authorization.push_str(", SignedHeaders=");
    authorization.push_str(&signed_headers);
    authorization.push_str(", Signature=");
    authorization.push_str(&lower_hex(hmac::sign(&key, string_to_sign.as_bytes()).as_ref()));
    let mut value = HeaderValue::try_from(authorization).map_err(|e| e.to_string())?;
    value.set_sensitive(true);
    headers.insert(AUTHORIZATION, value);
    Ok(())
}

/// `YYYYMMDDTHHMMSSZ` in UTC.
fn amz_date(time: SystemTime) -> Result<String, String> {
    let secs = time.duration_since(UNIX_EPOCH).map_err(|_| "the signing time is before 1970".to_owned())?.as_secs();
    let days = i64::try_from(secs / 86_400).map_err(|_| "the signing time is out of range".to_owned())?;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    Ok(format!("{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60))
}

/// The proleptic Gregorian date `days` after 1970-01-01: shifted to a calendar starting on
/// 0000-03-01, so that leap days fall at the end of a 400-year era.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let d = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = year_of_era + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Lowercase hex, as SigV4 writes hashes and signatures (and the payload hash is sent).
pub(crate) fn lower_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// A path's bytes encoded again: the labels' set (RFC 3986 unreserved) with `/` kept.
const PATH: &percent_encoding::AsciiSet = &UNRESERVED.remove(b'/');

/// The path with its empty, `.` and `..` segments resolved (RFC 3986, remove dot segments), then
/// encoded once more: what services other than S3 compare.
fn canonical_uri(path: &str, out: &mut String) {
    if path.is_empty() || path == "/" {
        out.push('/');
        return;
    }
    if !path.contains('.') && !path.contains("//") && path.starts_with('/') {
        out.extend(percent_encoding::utf8_percent_encode(path, PATH));
        return;
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut normalized = String::with_capacity(path.len() + 1);
    normalized.push('/');
    normalized.push_str(&segments.join("/"));
    if !segments.is_empty() && (path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..")) {
        normalized.push('/');
    }
    out.extend(percent_encoding::utf8_percent_encode(&normalized, PATH));
}

/// The query's parameters decoded and encoded again the strict way, sorted by name, then value.
fn canonical_query(query: &str, out: &mut String) {
    if query.is_empty() {
        return;
    }
    let mut params: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let again = |text: &str| {
                let bytes: Vec<u8> = percent_encoding::percent_decode_str(text).collect();
                percent_encoding::percent_encode(&bytes, UNRESERVED).to_string()
            };
            (again(k), again(v))
        })
        .collect();
    params.sort();
    for (i, (k, v)) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
}

/// The canonical header lines (each `name:value\n`, values of one name joined by `,`, each
/// trimmed with inner runs of spaces collapsed), sorted by name; returns the signed header list.
fn canonical_headers(headers: &HeaderMap, out: &mut String) -> Result<String, String> {
    let mut names: Vec<&str> =
        headers.keys().map(HeaderName::as_str).filter(|n| !UNSIGNED_HEADERS.contains(n)).collect();
    names.sort_unstable();
    let mut signed = String::with_capacity(names.iter().map(|n| n.len() + 1).sum());
    for (i, name) in names.iter().enumerate() {
        out.push_str(name);
        out.push(':');
        for (j, value) in headers.get_all(*name).iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let text = value.to_str().map_err(|_| format!("the `{name}` header is not visible ASCII"))?;
            for (k, word) in text.split_ascii_whitespace().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                out.push_str(word);
            }
        }
        out.push('\n');
        if i > 0 {
            signed.push(';');
        }
        signed.push_str(name);
    }
    Ok(signed)
}

struct CachedKey {
    secret_sha256: [u8; 32],
    day: String,
    region: String,
    service: String,
    key: hmac::Key,
}

/// Keys for the (secret, day, region, service) combinations in use: one per service client and
/// set of credentials in a typical program.
static SIGNING_KEYS: Mutex<Vec<CachedKey>> = Mutex::new(Vec::new());
const CACHED_KEYS: usize = 16;

fn signing_key(secret: &str, day: &str, region: &str, service: &str) -> hmac::Key {
    let mut secret_sha256 = [0u8; 32];
    secret_sha256.copy_from_slice(digest::digest(&digest::SHA256, secret.as_bytes()).as_ref());
    let mut cache = SIGNING_KEYS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(hit) = cache
        .iter()
        .find(|c| c.secret_sha256 == secret_sha256 && c.day == day && c.region == region && c.service == service)
    {
        return hit.key.clone();
    }
    let key = derive_signing_key(secret, day, region, service);
    if cache.len() == CACHED_KEYS {
        cache.remove(0);
    }
    cache.push(CachedKey {
        secret_sha256,
        day: day.to_owned(),
        region: region.to_owned(),
        service: service.to_owned(),
        key: key.clone(),
    });
    key
}

/// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")`.
fn derive_signing_key(secret: &str, day: &str, region: &str, service: &str) -> hmac::Key {
    let mut k = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, format!("AWS4{secret}").as_bytes()), day.as_bytes());
    for part in [region, service, "aws4_request"] {
        k = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, k.as_ref()), part.as_bytes());
    }
    hmac::Key::new(hmac::HMAC_SHA256, k.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical_uri_of(path: &str) -> String {
        let mut out = String::new();
        canonical_uri(path, &mut out);
        out
    }

    #[test]
    fn dates_are_utc_calendar_dates() {
        let at = |secs: u64| amz_date(UNIX_EPOCH + std::time::Duration::from_secs(secs)).unwrap();
        assert_eq!(at(0), "19700101T000000Z");
        assert_eq!(at(1_700_000_000), "20231114T221320Z");
        assert_eq!(at(951_782_400), "20000229T000000Z");
        assert_eq!(at(4_102_444_799), "20991231T235959Z");
        // 2100 is not a leap year.
        assert_eq!(at(4_107_542_399), "21000228T235959Z");
        assert_eq!(at(4_107_542_400), "21000301T000000Z");
    }

    #[test]
    fn paths_are_normalised_then_encoded_again() {
        assert_eq!(canonical_uri_of(""), "/");
        assert_eq!(canonical_uri_of("/contact/chat"), "/contact/chat");
        assert_eq!(canonical_uri_of("/a%20b/c%2Fd"), "/a%2520b/c%252Fd");
        assert_eq!(canonical_uri_of("/a/./b/../c//d/"), "/a/c/d/");
        assert_eq!(canonical_uri_of("/.."), "/");
        assert_eq!(canonical_uri_of("/x/.."), "/");
    }

    #[test]
    fn queries_are_sorted_and_strictly_encoded() {
        let mut out = String::new();
        canonical_query("b=2&a=%7e&a=1&flag&c=x%20y+z", &mut out);
        assert_eq!(out, "a=1&a=~&b=2&c=x%20y%2Bz&flag=");
    }

    #[test]
    fn header_values_are_trimmed_and_joined() {
        let mut h = HeaderMap::new();
        h.insert("host", HeaderValue::from_static("example.com"));
        h.insert("user-agent", HeaderValue::from_static("me"));
        h.insert("x-b", HeaderValue::from_static("  two   words  "));
        h.append("x-a", HeaderValue::from_static("1"));
        h.append("x-a", HeaderValue::from_static("2"));
        let mut out = String::new();
        let signed = canonical_headers(&h, &mut out).unwrap();
        assert_eq!(out, "host:example.com\nx-a:1,2\nx-b:two words\n");
        assert_eq!(signed, "host;x-a;x-b");
    }

    #[test]
    fn signing_keys_are_cached_per_secret_day_region_and_service() {
        let a = signing_key("secret-1", "20240501", "eu-west-2", "connect");
        let b = signing_key("secret-1", "20240501", "eu-west-2", "connect");
        let sign = |k: &hmac::Key| hmac::sign(k, b"x").as_ref().to_vec();
        assert_eq!(sign(&a), sign(&b));
        let derived = derive_signing_key("secret-1", "20240501", "eu-west-2", "connect");
        assert_eq!(sign(&a), sign(&derived));
        for other in [
            signing_key("secret-2", "20240501", "eu-west-2", "connect"),
            signing_key("secret-1", "20240502", "eu-west-2", "connect"),
            signing_key("secret-1", "20240501", "us-east-1", "connect"),
            signing_key("secret-1", "20240501", "eu-west-2", "kinesis"),
        ] {
            assert_ne!(sign(&a), sign(&other));
        }
    }
}
