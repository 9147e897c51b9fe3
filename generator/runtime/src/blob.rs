//! Binary data (feature `blobs`).

/// Binary data, sent as base64 text in JSON bodies.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct Blob(pub Vec<u8>);
impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}
impl serde::Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}
impl<'de> serde::Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use base64::Engine as _;
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(Blob)
            .map_err(<D::Error as serde::de::Error>::custom)
    }
}

/// An `@mediaType` string in a header: base64 of its text. For generated code.
#[doc(hidden)]
pub fn encode_media_type(value: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(value.as_bytes())
}

/// An `@mediaType` string read from a header (base64 of its text). For generated code.
#[doc(hidden)]
pub fn decode_media_type(text: &str) -> Result<String, String> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim().as_bytes())
        .map_err(|_| "the value is not base64".to_owned())?;
    String::from_utf8(bytes).map_err(|_| "the value is not base64 of UTF-8 text".to_owned())
}
