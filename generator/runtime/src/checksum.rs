//! `@httpChecksumRequired` (feature `checksums`): the `Content-MD5` of the request body, the
//! checksum the trait names by default. Not a stable API: generated code calls it.

use http::header::{HeaderName, HeaderValue};
use md5::Digest as _;

use super::runtime::RequestParts;

/// Sets `Content-MD5` to the base64 MD5 of `parts`' body (after any compression), unless the
/// input already set it. The body must be in memory (a stream is buffered first,
/// [`RequestParts::buffer`]); a stream that was not gets no checksum.
pub fn content_md5(parts: &mut RequestParts) {
    let name = HeaderName::from_static("content-md5");
    let Some(body) = parts.body.bytes() else { return };
    if parts.headers.contains_key(&name) {
        return;
    }
    use base64::Engine as _;
    let digest = md5::Md5::digest(body);
    let text = base64::engine::general_purpose::STANDARD.encode(digest.as_slice());
    if let Ok(value) = HeaderValue::try_from(text) {
        parts.headers.insert(name, value);
    }
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
