//! `primitives`: the small support types generated code relies on. Only what the crate uses is
//! emitted (timestamps and blobs appear only when the closure has them).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Crate;

pub fn primitives_rs(krate: &Crate) -> TokenStream {
    let timestamps = if krate.features.timestamps {
        timestamps()
    } else {
        quote! {}
    };
    let timestamp_text = if krate.features.timestamp_text {
        timestamp_text()
    } else {
        quote! {}
    };
    let blobs = if krate.features.blobs {
        blobs()
    } else {
        quote! {}
    };
    quote! {
        //! Support types shared by the generated shapes.

        /// The text of an enum value that this version of the model does not define.
        ///
        /// It can only be made by converting text to the enum (`From<&str>`), so a new value in a
        /// later model never breaks code written against this one.
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::fmt::Debug)]
        pub struct UnknownVariantValue(::std::string::String);

        impl UnknownVariantValue {
            #[allow(dead_code)]
            pub(crate) fn new(value: &str) -> Self {
                Self(value.to_owned())
            }
            /// The value as received.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        /// An intEnum value that this version of the model does not define.
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::fmt::Debug)]
        pub struct UnknownIntValue(i32);

        impl UnknownIntValue {
            #[allow(dead_code)]
            pub(crate) fn new(value: i32) -> Self {
                Self(value)
            }
            /// The value as received.
            pub fn value(&self) -> i32 {
                self.0
            }
        }

        /// A union member that this version of the model does not define: its wire name and JSON value.
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::fmt::Debug)]
        pub struct UnknownMember {
            name: ::std::string::String,
            value: ::serde_json::Value,
        }

        impl UnknownMember {
            #[allow(dead_code)]
            pub(crate) fn new(name: ::std::string::String, value: ::serde_json::Value) -> Self {
                Self { name, value }
            }
            /// The member's name on the wire.
            pub fn name(&self) -> &str {
                &self.name
            }
            /// The member's value as received.
            pub fn value(&self) -> &::serde_json::Value {
                &self.value
            }
        }

        /// Text that is not one of a closed enum's values.
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::fmt::Debug)]
        pub struct UnknownEnumValue {
            enum_name: &'static str,
            value: ::std::string::String,
            expected: &'static [&'static str],
        }

        impl UnknownEnumValue {
            #[allow(dead_code)]
            pub(crate) fn new(enum_name: &'static str, value: &str, expected: &'static [&'static str]) -> Self {
                Self { enum_name, value: value.to_owned(), expected }
            }
            /// The rejected value.
            pub fn value(&self) -> &str {
                &self.value
            }
        }

        impl ::std::fmt::Display for UnknownEnumValue {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "`{}` is not a value of {}", self.value, self.enum_name)?;
                if !self.expected.is_empty() {
                    ::std::write!(f, " (expected one of: {})", self.expected.join(", "))?;
                }
                ::std::result::Result::Ok(())
            }
        }

        impl ::std::error::Error for UnknownEnumValue {}

        /// The JSON value `{}`: what a union member targeting `smithy.api#Unit` carries.
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::fmt::Debug, ::std::default::Default, ::serde::Serialize, ::serde::Deserialize)]
        pub struct EmptyObject {}

        #timestamps
        #timestamp_text
        #blobs
    }
}

fn timestamps() -> TokenStream {
    quote! {
        /// A point in time, sent as seconds since the Unix epoch (fractions allowed).
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::fmt::Debug)]
        pub struct DateTime {
            seconds: i64,
            nanos: u32,
        }

        impl DateTime {
            /// Whole seconds since the epoch.
            pub fn from_secs(seconds: i64) -> Self {
                Self { seconds, nanos: 0 }
            }
            /// Seconds since the epoch, with a fraction; `None` if not finite or out of range.
            pub fn from_secs_f64(seconds: f64) -> ::std::option::Option<Self> {
                if !seconds.is_finite() || seconds.abs() > 9.0e15 {
                    return ::std::option::Option::None;
                }
                let whole = seconds.floor();
                let nanos = ((seconds - whole) * 1e9).round().min(999_999_999.0) as u32;
                ::std::option::Option::Some(Self { seconds: whole as i64, nanos })
            }
            /// Whole seconds since the epoch (rounded down).
            pub fn secs(&self) -> i64 {
                self.seconds
            }
            /// Nanoseconds past [`secs`](Self::secs).
            pub fn subsec_nanos(&self) -> u32 {
                self.nanos
            }
            /// Seconds since the epoch as a float.
            pub fn as_secs_f64(&self) -> f64 {
                self.seconds as f64 + f64::from(self.nanos) / 1e9
            }
        }

        impl ::std::convert::From<::std::time::SystemTime> for DateTime {
            fn from(t: ::std::time::SystemTime) -> Self {
                match t.duration_since(::std::time::UNIX_EPOCH) {
                    ::std::result::Result::Ok(d) => Self { seconds: d.as_secs() as i64, nanos: d.subsec_nanos() },
                    ::std::result::Result::Err(e) => {
                        let d = e.duration();
                        let (s, n) = (d.as_secs() as i64, d.subsec_nanos());
                        if n == 0 { Self { seconds: -s, nanos: 0 } } else { Self { seconds: -s - 1, nanos: 1_000_000_000 - n } }
                    }
                }
            }
        }

        impl ::serde::Serialize for DateTime {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                if self.nanos == 0 {
                    serializer.serialize_i64(self.seconds)
                } else {
                    serializer.serialize_f64(self.as_secs_f64())
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for DateTime {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let n = <f64 as ::serde::Deserialize>::deserialize(deserializer)?;
                DateTime::from_secs_f64(n).ok_or_else(|| <D::Error as ::serde::de::Error>::custom("timestamp out of range"))
            }
        }
    }
}

/// A serde `with` module (and its `option` submodule) for one text timestamp format.
fn text_format_module(module: &str, format: &str, to: &str, parse: &str, what: &str) -> TokenStream {
    let module = quote::format_ident!("{module}");
    let to = quote::format_ident!("{to}");
    let parse = quote::format_ident!("{parse}");
    let doc = format!(" serde for `@timestampFormat(\"{format}\")` members.");
    let expected = format!("expected {what}");
    let write = format!(" Writes {what}.");
    let read = format!(" Reads {what}.");
    let read_opt = format!(" Reads {what} or null.");
    quote! {
        #[doc = #doc]
        pub mod #module {
            use super::DateTime;
            #[doc = #write]
            pub fn serialize<S: ::serde::Serializer>(value: &DateTime, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let text = value.#to().ok_or_else(|| <S::Error as ::serde::ser::Error>::custom("timestamp out of range"))?;
                serializer.serialize_str(&text)
            }
            #[doc = #read]
            pub fn deserialize<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<DateTime, D::Error> {
                let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                DateTime::#parse(&text).ok_or_else(|| <D::Error as ::serde::de::Error>::custom(#expected))
            }
            /// The same for `Option<DateTime>`.
            pub mod option {
                use super::DateTime;
                #[doc = #write]
                pub fn serialize<S: ::serde::Serializer>(value: &::std::option::Option<DateTime>, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match value {
                        ::std::option::Option::Some(v) => super::serialize(v, serializer),
                        ::std::option::Option::None => serializer.serialize_none(),
                    }
                }
                #[doc = #read_opt]
                pub fn deserialize<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<::std::option::Option<DateTime>, D::Error> {
                    let text = <::std::option::Option<::std::string::String> as ::serde::Deserialize>::deserialize(deserializer)?;
                    text.map(|t| DateTime::#parse(&t).ok_or_else(|| <D::Error as ::serde::de::Error>::custom(#expected))).transpose()
                }
            }
        }
    }
}

fn timestamp_text() -> TokenStream {
    let date_time =
        text_format_module("date_time", "date-time", "to_rfc3339", "parse_rfc3339", "an RFC 3339 date-time");
    let http_date = text_format_module("http_date", "http-date", "to_http_date", "parse_http_date", "an HTTP date");
    quote! {
        impl DateTime {
            fn to_time(self) -> ::std::option::Option<::time::OffsetDateTime> {
                let nanos = i128::from(self.seconds) * 1_000_000_000 + i128::from(self.nanos);
                ::time::OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
            }
            fn from_time(t: ::time::OffsetDateTime) -> Self {
                Self { seconds: t.unix_timestamp(), nanos: t.nanosecond() }
            }
            /// RFC 3339 text in UTC (`2024-05-01T12:30:00Z`, with a fraction when there is one).
            pub fn to_rfc3339(&self) -> ::std::option::Option<::std::string::String> {
                self.to_time()?.format(&::time::format_description::well_known::Rfc3339).ok()
            }
            /// Parses RFC 3339 text (any offset).
            pub fn parse_rfc3339(text: &str) -> ::std::option::Option<Self> {
                ::time::OffsetDateTime::parse(text, &::time::format_description::well_known::Rfc3339).ok().map(Self::from_time)
            }
            /// IMF-fixdate text, as in HTTP headers (`Wed, 01 May 2024 12:30:00 GMT`).
            pub fn to_http_date(&self) -> ::std::option::Option<::std::string::String> {
                const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
                let t = self.to_time()?;
                let day = DAYS[usize::from(t.weekday().number_days_from_monday())];
                let month = MONTHS[usize::from(u8::from(t.month())) - 1];
                ::std::option::Option::Some(::std::format!(
                    "{day}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT",
                    t.day(), t.year(), t.hour(), t.minute(), t.second()
                ))
            }
            /// Parses IMF-fixdate text.
            pub fn parse_http_date(text: &str) -> ::std::option::Option<Self> {
                let mut parts = text.split_ascii_whitespace();
                let (_weekday, day, month, year, clock, zone) =
                    (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
                if zone != "GMT" || parts.next().is_some() {
                    return ::std::option::Option::None;
                }
                let month = MONTHS.iter().position(|m| *m == month)?;
                let month = ::time::Month::try_from(u8::try_from(month + 1).ok()?).ok()?;
                let date = ::time::Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()?;
                let mut hms = clock.split(':');
                let (h, m, s) = (hms.next()?.parse().ok()?, hms.next()?.parse().ok()?, hms.next()?.parse().ok()?);
                let time = ::time::Time::from_hms(h, m, s).ok()?;
                ::std::option::Option::Some(Self::from_time(::time::PrimitiveDateTime::new(date, time).assume_utc()))
            }
        }

        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

        #date_time

        /// A `date-time` timestamp as a value of its own (union members).
        #[doc(hidden)]
        #[derive(::serde::Serialize, ::serde::Deserialize)]
        pub struct DateTimeText(#[serde(with = "date_time")] pub DateTime);

        /// An `http-date` timestamp as a value of its own (union members).
        #[doc(hidden)]
        #[derive(::serde::Serialize, ::serde::Deserialize)]
        pub struct HttpDateText(#[serde(with = "http_date")] pub DateTime);

        #http_date
    }
}

fn blobs() -> TokenStream {
    quote! {
        /// Binary data, sent as base64 text in JSON bodies.
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::hash::Hash, ::std::fmt::Debug, ::std::default::Default)]
        pub struct Blob(pub ::std::vec::Vec<u8>);

        impl ::std::convert::From<::std::vec::Vec<u8>> for Blob {
            fn from(bytes: ::std::vec::Vec<u8>) -> Self {
                Self(bytes)
            }
        }

        impl ::serde::Serialize for Blob {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::base64::Engine as _;
                serializer.serialize_str(&::base64::engine::general_purpose::STANDARD.encode(&self.0))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for Blob {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                use ::base64::Engine as _;
                let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::base64::engine::general_purpose::STANDARD
                    .decode(text.as_bytes())
                    .map(Blob)
                    .map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    }
}
