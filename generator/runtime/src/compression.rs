//! `@requestCompression` (feature `compression`): gzip of a request body the configuration
//! allows to compress. Not a stable API: generated code calls it.

use std::io::Write as _;

use http::header::{HeaderValue, CONTENT_ENCODING};

use super::config::Config;
use super::runtime::RequestParts;
use super::sdk_error::{ConstructionError, ConstructionErrorKind};

/// Compresses `parts`' body with the first of `encodings` this client supports (gzip), unless
/// the configuration disables request compression or the body is smaller than its minimum
/// size. The encoding is appended to any `Content-Encoding` the input set, so the service
/// undoes them in the right order. Runs before signing and checksums, on a body in memory (a
/// stream is buffered first, [`RequestParts::buffer`]; one that was not is left alone).
pub fn compress(config: &Config, parts: &mut RequestParts, encodings: &[&str]) -> Result<(), ConstructionError> {
    let Some(body) = parts.body.bytes() else { return Ok(()) };
    if config.disable_request_compression()
        || body.len() < config.request_min_compression_size_bytes() as usize
        || !encodings.contains(&"gzip")
    {
        return Ok(());
    }
    let fail = |e: std::io::Error| {
        ConstructionError::new(ConstructionErrorKind::Serialization, "could not gzip the request body").with_source(e)
    };
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 2), flate2::Compression::default());
    encoder.write_all(body).map_err(fail)?;
    parts.body = encoder.finish().map_err(fail)?.into();
    let encoding = match parts.headers.get(CONTENT_ENCODING).and_then(|v| v.to_str().ok()) {
        Some(existing) if !existing.trim().is_empty() => format!("{existing}, gzip"),
        _ => "gzip".to_owned(),
    };
    let value = HeaderValue::try_from(encoding).map_err(|e| {
        ConstructionError::new(ConstructionErrorKind::Serialization, "could not set Content-Encoding").with_source(e)
    })?;
    parts.headers.insert(CONTENT_ENCODING, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    fn parts(body: &[u8]) -> RequestParts {
        RequestParts::json("/", body.to_vec())
    }

    #[test]
    fn large_bodies_are_gzipped_and_say_so() {
        let config = Config::builder().build();
        let body = vec![b'a'; 20_000];
        let mut p = parts(&body);
        p.headers.insert(CONTENT_ENCODING, HeaderValue::from_static("custom"));
        compress(&config, &mut p, &["br", "gzip"]).unwrap();
        assert_eq!(p.headers[CONTENT_ENCODING], "custom, gzip");
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(p.body.bytes().unwrap()).read_to_end(&mut back).unwrap();
        assert_eq!(back, body);
    }

    #[test]
    fn small_bodies_disabled_clients_and_unknown_encodings_are_left_alone() {
        let small = Config::builder().build();
        let mut p = parts(b"{}");
        compress(&small, &mut p, &["gzip"]).unwrap();
        assert_eq!(p.body.bytes(), Some(&b"{}"[..]));
        let off = Config::builder().disable_request_compression(true).request_min_compression_size_bytes(0).build();
        let mut p = parts(b"{}");
        compress(&off, &mut p, &["gzip"]).unwrap();
        assert!(p.headers.get(CONTENT_ENCODING).is_none());
        let any = Config::builder().request_min_compression_size_bytes(0).build();
        let mut p = parts(b"{}");
        compress(&any, &mut p, &["br"]).unwrap();
        assert!(p.headers.get(CONTENT_ENCODING).is_none());
        compress(&any, &mut p, &["gzip"]).unwrap();
        assert_eq!(p.headers[CONTENT_ENCODING], "gzip");
    }
}
