//! The HTTP bindings of members outside the JSON body, as generated code writes and reads them:
//! header values (lists quoted as RFC 9110 lists, timestamps, `@mediaType` strings in base64)
//! and `@httpPrefixHeaders`. Not a stable API: generated code calls it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use http::HeaderMap;

use super::primitives::DateTime;
use super::runtime::SuccessResponse;
use super::sdk_error::{ResponseError, SdkError};

/// A header list item as written: quoted (with `\` escapes) when it holds a comma or a double
/// quote, so that the list splits back into the same items.
pub fn list_item(value: &str) -> Cow<'_, str> {
    if value.contains([',', '"']) {
        Cow::Owned(format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")))
    } else {
        Cow::Borrowed(value)
    }
}

/// The items of a header list, each as [`list_item`] writes it, joined by `, `.
pub fn join_list<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&list_item(item.as_ref()));
    }
    out
}

/// The text of the header `name`: its values joined by `, ` when it came as several lines (one
/// list, as RFC 9110 reads them). `None` when absent; an error when not visible text.
pub fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Result<Option<Cow<'a, str>>, String> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else { return Ok(None) };
    let text = |v: &'a http::HeaderValue| v.to_str().map_err(|_| "the value is not visible ASCII text".to_owned());
    let mut out = Cow::Borrowed(text(first)?);
    for v in values {
        let joined = out.to_mut();
        joined.push_str(", ");
        joined.push_str(text(v)?);
    }
    Ok(Some(out))
}

/// Splits a header list: commas outside double quotes separate the items; a quoted item loses
/// its quotes and escapes; items are trimmed.
pub fn split_list(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        let mut item = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => item.extend(chars.next()),
                    '"' => break,
                    c => item.push(c),
                }
            }
            // Anything between the closing quote and the next comma is not part of the item.
            for c in chars.by_ref() {
                if c == ',' {
                    break;
                }
            }
            items.push(item);
        } else {
            let mut ended = false;
            for c in chars.by_ref() {
                if c == ',' {
                    ended = true;
                    break;
                }
                item.push(c);
            }
            items.push(item.trim_end().to_owned());
            if !ended {
                break;
            }
            continue;
        }
        if chars.peek().is_none() {
            break;
        }
    }
    if items.len() == 1 && items[0].is_empty() {
        items.clear();
    }
    items
}

/// Splits a list of HTTP dates (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, …`): every second comma
/// separates two dates, since each date has one of its own.
pub fn split_http_dates(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut commas = 0;
    for (i, c) in text.char_indices() {
        if c == ',' {
            commas += 1;
            if commas % 2 == 0 {
                items.push(text[start..i].trim().to_owned());
                start = i + 1;
            }
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        items.push(last.to_owned());
    }
    items
}

/// A float as text in a label, a query value or a header: `NaN`, `Infinity`, `-Infinity`, or
/// the shortest decimal that reads back as the same number (of the float's own width).
pub fn float_text<F: FloatText>(value: F) -> String {
    value.text()
}

/// `f32` and `f64` (and references to them), for [`float_text`].
pub trait FloatText {
    /// The text.
    fn text(self) -> String;
}

macro_rules! float_text {
    ($($t:ty),*) => {$(
        impl FloatText for $t {
            fn text(self) -> String {
                if self.is_nan() {
                    "NaN".to_owned()
                } else if self.is_infinite() {
                    if self > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
                } else {
                    self.to_string()
                }
            }
        }
        impl FloatText for &$t {
            fn text(self) -> String {
                (*self).text()
            }
        }
    )*};
}
float_text!(f32, f64);

/// Sets the header `name` of a `@httpPrefixHeaders` entry, whose name is only known at run time.
pub fn prefix_header(
    headers: &mut HeaderMap,
    name: &str,
    value: &str,
    sensitive: bool,
) -> Result<(), super::sdk_error::ConstructionError> {
    use super::sdk_error::{ConstructionError, ConstructionErrorKind};
    let header_name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
        ConstructionError::new(ConstructionErrorKind::Serialization, format!("`{name}` is not a valid header name"))
    })?;
    super::runtime::insert_header(headers, header_name, value, sensitive)
}

/// The value of a `@hostLabel` member, checked to be one or more DNS labels (letters, digits
/// and `-`, each 1 to 63 characters, separated by dots) so it cannot redirect the request.
pub fn host_label(member: &str, value: &str) -> Result<String, super::sdk_error::ConstructionError> {
    use super::sdk_error::{ConstructionError, ConstructionErrorKind};
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') && !l.starts_with('-')
    };
    if value.split('.').all(label_ok) {
        Ok(value.to_owned())
    } else {
        Err(ConstructionError::new(
            ConstructionErrorKind::Serialization,
            format!("`{member}` is bound to the host name, and its value is not a valid host label"),
        ))
    }
}

/// `true` or `false`.
pub fn parse_bool(text: &str) -> Result<bool, String> {
    match text.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(format!("`{other}` is not a boolean")),
    }
}

/// A number (`NaN`, `Infinity` and `-Infinity` for floats).
pub fn parse_number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.trim().parse().map_err(|_| format!("`{}` is not a number of the member's type", text.trim()))
}

/// Seconds since the epoch as decimal text, the fraction read exactly (to the nanosecond).
pub fn parse_epoch_seconds(text: &str) -> Result<DateTime, String> {
    let t = text.trim();
    let bad = || format!("`{t}` is not a number of seconds since the epoch");
    let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return DateTime::from_secs_f64(t.parse().map_err(|_| bad())?).ok_or_else(bad);
    }
    let seconds: i64 = whole.parse().map_err(|_| bad())?;
    let nanos: u32 = if fraction.is_empty() { 0 } else { format!("{fraction:0<9}").parse().map_err(|_| bad())? };
    Ok(if nanos > 0 && (seconds < 0 || whole.starts_with('-')) {
        DateTime { seconds: seconds - 1, nanos: 1_000_000_000 - nanos }
    } else {
        DateTime { seconds, nanos }
    })
}

/// The headers whose names start with `prefix` (case-insensitively), by the rest of the name
/// (lower case, as HTTP/1.1 names are case-insensitive), each with its text.
pub fn prefix_headers(headers: &HeaderMap, prefix: &str) -> Result<BTreeMap<String, String>, String> {
    let prefix = prefix.to_ascii_lowercase();
    let mut out = BTreeMap::new();
    for name in headers.keys() {
        if let Some(rest) = name.as_str().strip_prefix(prefix.as_str()) {
            if let Some(text) = header_text(headers, name.as_str())? {
                out.insert(rest.to_owned(), text.into_owned());
            }
        }
    }
    Ok(out)
}

/// An output whose `@httpPayload` is a structure, union or enum, read through serde: the body
/// becomes the member `__payload` of the document (an enum's text as a JSON string), the other
/// members, bound outside the body, start from their defaults. An empty body is no payload,
/// which fails a required one.
pub fn payload_output<T: serde::de::DeserializeOwned, E>(
    response: &SuccessResponse,
    text: bool,
) -> Result<T, SdkError<E>> {
    let body = &response.body[..];
    let document = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}".to_vec()
    } else if text {
        let text = std::str::from_utf8(body)
            .map_err(|_| binding_error(response, "the body", "it is not UTF-8 text".to_owned()))?;
        serde_json::to_vec(&serde_json::json!({ "__payload": text }))
            .map_err(|e| binding_error(response, "the body", e.to_string()))?
    } else {
        [&b"{\"__payload\":"[..], body, b"}"].concat()
    };
    serde_json::from_slice(&document).map_err(|e| binding_error(response, "the body", json_problem(&e)))
}

/// A JSON `@httpPayload` (a document) read from the body; `None` for an empty body.
pub fn json_payload<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<Option<T>, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(body).map(Some).map_err(|e| json_problem(&e))
}

/// What is wrong with a JSON body, by kind and position only: the body's values (which may be
/// secrets) stay out of the message.
fn json_problem(e: &serde_json::Error) -> String {
    let kind = match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => "it is not valid JSON",
        _ => "it does not match the model",
    };
    format!("{kind} (line {}, column {})", e.line(), e.column())
}

/// A text `@httpPayload` (a string or an enum) read from the body; `None` for an empty body.
pub fn text_payload(body: &[u8]) -> Result<Option<&str>, String> {
    if body.is_empty() {
        return Ok(None);
    }
    std::str::from_utf8(body).map(Some).map_err(|_| "the body is not UTF-8 text".to_owned())
}

/// The error of a response whose bound member (`what`: a header, the body) cannot be read.
pub fn binding_error<E>(response: &SuccessResponse, what: &str, problem: String) -> SdkError<E> {
    SdkError::Response(ResponseError::new(
        response.status,
        response.request_id.clone(),
        format!("{what}: {problem}"),
        &[],
    ))
}

/// The error of an error response whose header-bound member (`what`) cannot be read.
pub fn error_binding_error(error: &super::runtime::ErrorResponse, what: &str, problem: String) -> ResponseError {
    ResponseError::new(error.status(), error.request_id().map(str::to_owned), format!("{what}: {problem}"), &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_quote_what_would_not_split_back() {
        let items = ["a", "b,c", "say \"hi\"", ""];
        let text = join_list(items);
        assert_eq!(text, r#"a, "b,c", "say \"hi\"", "#);
        assert_eq!(split_list(&text), ["a", "b,c", "say \"hi\"", ""]);
        assert_eq!(split_list("a, b,c"), ["a", "b", "c"]);
        assert_eq!(split_list(""), Vec::<String>::new());
        assert_eq!(split_list(r#""a" , b"#), ["a", "b"]);
    }

    #[test]
    fn http_dates_split_on_every_second_comma() {
        let text = "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT";
        assert_eq!(split_http_dates(text), ["Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"]);
    }

    #[test]
    fn epoch_seconds_keep_their_decimal_fraction() {
        let t = parse_epoch_seconds("946845296.123").unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (946_845_296, 123_000_000));
        let t = parse_epoch_seconds("-1.5").unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (-2, 500_000_000));
        assert!(parse_epoch_seconds("soon").is_err());
    }

    #[test]
    fn scalars_parse_or_say_why() {
        assert_eq!(parse_bool(" true"), Ok(true));
        assert!(parse_bool("yes").unwrap_err().contains("`yes`"));
        assert_eq!(parse_number::<i32>("-7"), Ok(-7));
        assert!(parse_number::<f64>("NaN").unwrap().is_nan());
        assert_eq!(parse_number::<f64>("-Infinity"), Ok(f64::NEG_INFINITY));
        assert!(parse_number::<i8>("300").is_err());
    }

    fn success(body: &str) -> SuccessResponse {
        SuccessResponse {
            status: 200,
            headers: HeaderMap::new(),
            body: bytes::Bytes::from(body.to_owned()),
            request_id: None,
        }
    }

    use super::super::primitives::de::{read_object, Key, ReadObject};
    use serde::de::{Deserializer, Error as _, IgnoredAny, MapAccess};

    /// The shapes below, read the way generated code reads its structures.
    macro_rules! read_via_object {
        ($($t:ident),*) => {$(
            impl<'de> serde::Deserialize<'de> for $t {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    read_object(deserializer)
                }
            }
        )*};
    }
    read_via_object!(Nested, Out, TextOut);

    #[derive(Debug, PartialEq)]
    struct Nested {
        greeting: String,
    }

    impl ReadObject for Nested {
        const NAME: &'static str = "Nested";
        fn read<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut greeting = None;
            while let Some(key) = map.next_key_seed(Key(&["greeting"]))? {
                match key {
                    Some(_) => greeting = Some(map.next_value()?),
                    None => drop(map.next_value::<IgnoredAny>()?),
                }
            }
            Ok(Nested { greeting: greeting.ok_or_else(|| A::Error::missing_field("greeting"))? })
        }
    }

    #[derive(Debug, PartialEq)]
    struct Out {
        nested: Nested,
        header: Option<String>,
    }

    impl ReadObject for Out {
        const NAME: &'static str = "Out";
        fn read<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut nested = None;
            while let Some(key) = map.next_key_seed(Key(&["__payload"]))? {
                match key {
                    Some(_) => nested = Some(map.next_value()?),
                    None => drop(map.next_value::<IgnoredAny>()?),
                }
            }
            Ok(Out { nested: nested.ok_or_else(|| A::Error::missing_field("__payload"))?, header: None })
        }
    }

    #[derive(Debug, PartialEq)]
    struct TextOut {
        value: Option<String>,
    }

    impl ReadObject for TextOut {
        const NAME: &'static str = "TextOut";
        fn read<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut value = None;
            while let Some(key) = map.next_key_seed(Key(&["__payload"]))? {
                match key {
                    Some(_) => value = map.next_value()?,
                    None => drop(map.next_value::<IgnoredAny>()?),
                }
            }
            Ok(TextOut { value })
        }
    }

    #[test]
    fn a_required_payload_is_read_through_serde_or_reported() {
        let out: Out = payload_output::<_, std::io::Error>(&success(r#"{"greeting":"hi"}"#), false).unwrap();
        assert_eq!(out, Out { nested: Nested { greeting: "hi".into() }, header: None });
        let chain = |e: SdkError<std::io::Error>| super::super::sdk_error::DisplayErrorChain(&e).to_string();
        let missing = chain(payload_output::<Out, std::io::Error>(&success(""), false).unwrap_err());
        assert!(missing.contains("the body: it does not match the model"), "{missing}");
        let secret =
            chain(payload_output::<Out, std::io::Error>(&success(r#"{"greeting":"s3cr3t","x":}"#), false).unwrap_err());
        assert!(secret.contains("not valid JSON") && !secret.contains("s3cr3t"), "{secret}");
        let text: TextOut = payload_output::<_, std::io::Error>(&success("say \"hi\""), true).unwrap();
        assert_eq!(text.value.as_deref(), Some("say \"hi\""));
        let empty: TextOut = payload_output::<_, std::io::Error>(&success(""), true).unwrap();
        assert_eq!(empty.value, None);
    }

    #[test]
    fn floats_are_written_at_their_own_width() {
        assert_eq!(float_text(1.1f32), "1.1");
        let by_ref: &f64 = &1.1;
        assert_eq!(float_text(by_ref), "1.1");
        assert_eq!(float_text(f64::NAN), "NaN");
        assert_eq!(float_text(f32::NEG_INFINITY), "-Infinity");
    }

    #[test]
    fn prefix_headers_are_keyed_by_the_rest_of_the_name() {
        let mut h = HeaderMap::new();
        h.insert("x-foo-a", "1".parse().unwrap());
        h.append("x-foo-b", "2".parse().unwrap());
        h.append("x-foo-b", "3".parse().unwrap());
        h.insert("x-bar", "4".parse().unwrap());
        let map = prefix_headers(&h, "X-Foo-").unwrap();
        assert_eq!(map, BTreeMap::from([("a".to_owned(), "1".to_owned()), ("b".to_owned(), "2, 3".to_owned())]));
        assert_eq!(prefix_headers(&h, "").unwrap().len(), 3);
    }
}
