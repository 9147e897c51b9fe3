//! `primitives`: the small support types generated code relies on. Only what the crate uses is
//! emitted (timestamps and blobs appear only when the closure has them).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Crate;

pub fn primitives_rs(krate: &Crate) -> TokenStream {
    let timestamps = if krate.features.timestamps { timestamps() } else { quote! {} };
    let blobs = if krate.features.blobs { blobs() } else { quote! {} };
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
                ::std::write!(f, "`{}` is not a {} value", self.value, self.enum_name)?;
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
