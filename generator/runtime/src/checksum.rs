//! `@httpChecksumRequired` (feature `checksums`): the `Content-MD5` of the request body, the
//! checksum the trait names by default. Not a stable API: generated code calls it.

use http::header::{HeaderName, HeaderValue};
use md5::Digest as _;

use super::runtime::RequestParts;

/// Sets `Content-MD5` to the base64 MD5 of `parts`' body (after any compression), unless the
/// input already set it.
pub fn content_md5(parts: &mut RequestParts) {
    let name = HeaderName::from_static("content-md5");
    if parts.headers.contains_key(&name) {
        return;
    }
    let digest = md5::Md5::digest(&parts.body);
    let text = base64_encode(digest.as_slice());
    if let Ok(value) = HeaderValue::try_from(text) {
        parts.headers.insert(name, value);
    }
}

/// Standard base64 with padding (16 bytes of MD5 need no more than this).
fn base64_encode(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_md5_of_the_body_in_base64() {
        // The protocol test's checksum, of the body as this client writes it.
        let mut p = RequestParts::json("/", br#"{"foo":"base64 encoded md5 checksum"}"#.to_vec());
        content_md5(&mut p);
        assert_eq!(p.headers["content-md5"], "iB0/3YSo7maijL0IGOgA9g==");
        let mut empty = RequestParts::json("/", Vec::new());
        content_md5(&mut empty);
        assert_eq!(empty.headers["content-md5"], "1B2M2Y8AsgTpgAmY7PhCfg==");
    }
}
