//! Support types shared by the generated shapes: unknown enum and union values, the empty
//! object of unit union members, and timestamps.

/// The text of an enum value that this version of the model does not define.
///
/// It can only be made by converting text to the enum (`From<&str>`), so a new value in a
/// later model never breaks code written against this one.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    #[doc(hidden)]
    pub fn new(value: &str) -> Self {
        Self(value.to_owned())
    }
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An intEnum value that this version of the model does not define.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct UnknownIntValue(i32);

impl UnknownIntValue {
    #[doc(hidden)]
    pub fn new(value: i32) -> Self {
        Self(value)
    }
    /// The value as received.
    pub fn value(&self) -> i32 {
        self.0
    }
}

/// A union member that this version of the model does not define: its wire name and JSON value.
#[derive(Clone, PartialEq, Debug)]
pub struct UnknownMember {
    name: String,
    value: serde_json::Value,
}

impl UnknownMember {
    #[doc(hidden)]
    pub fn new(name: String, value: serde_json::Value) -> Self {
        Self { name, value }
    }
    /// The member's name on the wire.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The member's value as received.
    pub fn value(&self) -> &serde_json::Value {
        &self.value
    }
}

/// Text that is not one of a closed enum's values.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct UnknownEnumValue {
    enum_name: &'static str,
    value: String,
    expected: &'static [&'static str],
}

impl UnknownEnumValue {
    #[doc(hidden)]
    pub fn new(enum_name: &'static str, value: &str, expected: &'static [&'static str]) -> Self {
        Self { enum_name, value: value.to_owned(), expected }
    }
    /// The rejected value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl std::fmt::Display for UnknownEnumValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a value of {}", self.value, self.enum_name)?;
        if !self.expected.is_empty() {
            write!(f, " (expected one of: {})", self.expected.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownEnumValue {}

/// The JSON value `{}`: what a union member targeting `smithy.api#Unit` carries (read from any
/// object, its members ignored).
#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct EmptyObject {}

impl serde::Serialize for EmptyObject {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::ser::SerializeMap::end(serializer.serialize_map(Some(0))?)
    }
}

impl de::ReadObject for EmptyObject {
    const NAME: &'static str = "EmptyObject";
    fn read<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
        Ok(EmptyObject {})
    }
}

impl<'de> serde::Deserialize<'de> for EmptyObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        de::read_object(deserializer)
    }
}

/// A point in time, sent as seconds since the Unix epoch (fractions allowed). Its default is
/// the epoch.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Default)]
pub struct DateTime {
    pub(crate) seconds: i64,
    pub(crate) nanos: u32,
}
impl DateTime {
    /// Whole seconds since the epoch.
    pub fn from_secs(seconds: i64) -> Self {
        Self { seconds, nanos: 0 }
    }
    /// Seconds since the epoch, with a fraction; `None` if not finite or out of range.
    pub fn from_secs_f64(seconds: f64) -> Option<Self> {
        if !seconds.is_finite() || seconds.abs() > 9.0e15 {
            return None;
        }
        // An f64 of this size holds a fraction to well under a microsecond, not to the
        // nanosecond: the fraction is rounded to the microsecond, so `946845296.123` reads as
        // 123 ms exactly rather than 123.000026.
        let whole = seconds.floor();
        let micros = ((seconds - whole) * 1e6).round() as u32;
        let (whole, micros) = if micros >= 1_000_000 { (whole + 1.0, 0) } else { (whole, micros) };
        Some(Self { seconds: whole as i64, nanos: micros * 1000 })
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
impl From<std::time::SystemTime> for DateTime {
    fn from(t: std::time::SystemTime) -> Self {
        match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => Self { seconds: d.as_secs() as i64, nanos: d.subsec_nanos() },
            Err(e) => {
                let d = e.duration();
                let (s, n) = (d.as_secs() as i64, d.subsec_nanos());
                if n == 0 {
                    Self { seconds: -s, nanos: 0 }
                } else {
                    Self { seconds: -s - 1, nanos: 1_000_000_000 - n }
                }
            }
        }
    }
}
impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.nanos == 0 {
            serializer.serialize_i64(self.seconds)
        } else {
            serializer.serialize_f64(self.as_secs_f64())
        }
    }
}
impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = <f64 as serde::Deserialize>::deserialize(deserializer)?;
        DateTime::from_secs_f64(n).ok_or_else(|| <D::Error as serde::de::Error>::custom("timestamp out of range"))
    }
}

/// A required member a builder has not been given yet: the type of its slot until its setter
/// is called.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unset;

/// What a builder's slot for a required member must hold before `build()` compiles: the
/// member's value, never [`Unset`].
#[diagnostic::on_unimplemented(
    message = "a required member is not set: `build()` needs every required member",
    label = "this builder misses a required member",
    note = "call the member's setter before `build()`; the bound `<Member>: Required<…>` below names the member"
)]
pub trait Required<T> {
    /// The value.
    #[doc(hidden)]
    fn into_value(self) -> T;
}

impl<T> Required<T> for T {
    fn into_value(self) -> T {
        self
    }
}

/// Floats in JSON bodies as restJson1 writes them: numbers, and the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"` for the values a JSON number cannot hold: a float member or
/// union variant, however deep in lists, maps and options, is written through
/// [`Ser`](float_json::Ser) and read through [`De`](float_json::De).
#[doc(hidden)]
pub mod float_json {
    use std::collections::BTreeMap;
    use std::fmt;

    use serde::de::{Deserializer, Error as _, Visitor};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    /// A float, or a list, map or option of them.
    pub trait FloatJson: Sized {
        /// Writes the value.
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
        /// Reads the value.
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    }

    /// Serialises the value it holds as [`FloatJson`].
    pub struct Ser<'a, T>(pub &'a T);

    impl<T: FloatJson> Serialize for Ser<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.write(serializer)
        }
    }

    /// Deserialises a value as [`FloatJson`].
    pub struct De<T>(pub T);

    impl<'de, T: FloatJson> Deserialize<'de> for De<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            T::read(deserializer).map(De)
        }
    }

    struct FloatVisitor;

    impl Visitor<'_> for FloatVisitor {
        type Value = f64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number, or \"NaN\", \"Infinity\" or \"-Infinity\"")
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<f64, E> {
            Ok(v)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<f64, E> {
            match v {
                "NaN" => Ok(f64::NAN),
                "Infinity" => Ok(f64::INFINITY),
                "-Infinity" => Ok(f64::NEG_INFINITY),
                other => Err(E::invalid_value(serde::de::Unexpected::Str(other), &self)),
            }
        }
    }

    fn write_f64<S: Serializer>(v: f64, serializer: S) -> Result<S::Ok, S::Error> {
        if v.is_nan() {
            serializer.serialize_str("NaN")
        } else if v.is_infinite() {
            serializer.serialize_str(if v > 0.0 { "Infinity" } else { "-Infinity" })
        } else {
            serializer.serialize_f64(v)
        }
    }

    impl FloatJson for f64 {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            write_f64(*self, serializer)
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(FloatVisitor)
        }
    }

    impl FloatJson for f32 {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            if self.is_finite() {
                serializer.serialize_f32(*self)
            } else {
                write_f64(f64::from(*self), serializer)
            }
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let v = deserializer.deserialize_any(FloatVisitor)?;
            if v.is_finite() && v.abs() > f64::from(f32::MAX) {
                return Err(D::Error::custom(format!("{v} does not fit in a 32-bit float")));
            }
            Ok(v as f32)
        }
    }

    impl<T: FloatJson> FloatJson for Option<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Some(v) => serializer.serialize_some(&Ser(v)),
                None => serializer.serialize_none(),
            }
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Option::<De<T>>::deserialize(deserializer)?.map(|d| d.0))
        }
    }

    impl<T: FloatJson> FloatJson for Vec<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.iter().map(Ser))
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Vec::<De<T>>::deserialize(deserializer)?.into_iter().map(|d| d.0).collect())
        }
    }

    impl<K: Ord + Serialize + for<'k> Deserialize<'k>, T: FloatJson> FloatJson for BTreeMap<K, T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.iter().map(|(k, v)| (k, Ser(v))))
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(BTreeMap::<K, De<T>>::deserialize(deserializer)?.into_iter().map(|(k, d)| (k, d.0)).collect())
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn non_finite_floats_are_strings_and_read_back() {
            let v: Vec<Option<f64>> = vec![Some(1.5), Some(f64::NAN), None, Some(f64::NEG_INFINITY)];
            let text = serde_json::to_string(&Ser(&v)).unwrap();
            assert_eq!(text, r#"[1.5,"NaN",null,"-Infinity"]"#);
            let back: De<Vec<Option<f64>>> = serde_json::from_str(&text).unwrap();
            assert!(back.0[1].unwrap().is_nan() && back.0[2].is_none() && back.0[3] == Some(f64::NEG_INFINITY));
            let f: De<f32> = serde_json::from_str("\"Infinity\"").unwrap();
            assert_eq!(f.0, f32::INFINITY);
            assert!(serde_json::from_str::<De<f64>>("\"lots\"").is_err());
            assert!(serde_json::from_str::<De<f32>>("1e300").is_err());
        }
    }
}

/// What a generated structure's `Deserialize` is made of: the structure reads its members in
/// one [`ReadObject::read`](de::ReadObject::read) over the object's entries, the keys looked up
/// in its list of wire names ([`Key`](de::Key)). One small table per structure instead of a
/// derived visitor, a field enum and a wrapper type per member with its own reading rule.
#[doc(hidden)]
pub mod de {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};

    /// A structure read from a JSON object.
    pub trait ReadObject: Sized {
        /// The structure's name, for errors.
        const NAME: &'static str;
        /// Reads the members from the object's entries: unknown keys are skipped, a missing
        /// required member is an error.
        fn read<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
    }

    /// Reads `T` from the object `deserializer` holds.
    pub fn read_object<'de, T: ReadObject, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(ObjectVisitor(PhantomData))
    }

    struct ObjectVisitor<T>(PhantomData<T>);

    impl<'de, T: ReadObject> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a `{}` object", T::NAME)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::read(map)
        }
    }

    /// An object key, read as its position in a structure's wire names (`None` if not there).
    pub struct Key(pub &'static [&'static str]);

    impl<'de> DeserializeSeed<'de> for Key {
        type Value = Option<usize>;
        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
            deserializer.deserialize_str(self)
        }
    }

    impl Visitor<'_> for Key {
        type Value = Option<usize>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a member name")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Option<usize>, E> {
            Ok(self.0.iter().position(|k| *k == v))
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[derive(Debug, PartialEq)]
        struct Pair {
            a: String,
            b: Option<i32>,
        }

        impl ReadObject for Pair {
            const NAME: &'static str = "Pair";
            fn read<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                const KEYS: &[&str] = &["a", "b", "alias_of_b"];
                let (mut a, mut b) = (None, None);
                while let Some(i) = map.next_key_seed(Key(KEYS))? {
                    match i {
                        Some(0) => a = Some(map.next_value()?),
                        Some(1 | 2) => b = Some(map.next_value()?),
                        _ => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(Pair {
                    a: a.ok_or_else(|| <A::Error as serde::de::Error>::missing_field("a"))?,
                    b: b.unwrap_or_default(),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for Pair {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                read_object(deserializer)
            }
        }

        #[test]
        fn members_by_name_and_alias_unknown_skipped_required_checked() {
            let p: Pair = serde_json::from_str(r#"{"x":{"deep":[1]},"a":"\u0041","alias_of_b":3}"#).unwrap();
            assert_eq!(p, Pair { a: "A".into(), b: Some(3) });
            let p: Pair = serde_json::from_str(r#"{"a":"z","b":null}"#).unwrap();
            assert_eq!(p.b, None);
            let e = serde_json::from_str::<Pair>(r#"{"b":1}"#).unwrap_err().to_string();
            assert!(e.contains("missing field `a`"), "{e}");
            let e = serde_json::from_str::<Pair>("[1]").unwrap_err().to_string();
            assert!(e.contains("a `Pair` object"), "{e}");
        }
    }
}

/// Dense (not `@sparse`) lists and maps read leniently: a `null` item or map value the service
/// sends is dropped, as Smithy asks of clients, instead of failing the response. A member is
/// read through [`De`](dense::De), also inside an `Option`.
#[doc(hidden)]
pub mod dense {
    use std::collections::BTreeMap;

    use serde::de::{DeserializeOwned, Deserializer};
    use serde::Deserialize;

    /// A dense list or map, or an option of one.
    pub trait Dense: Sized {
        /// Reads the value, dropping `null` items and values.
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    }

    /// Deserialises a value as [`Dense`] (a member of a generated structure is read through it).
    pub struct De<T>(pub T);

    impl<'de, T: Dense> Deserialize<'de> for De<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            T::read(deserializer).map(De)
        }
    }

    impl<T: DeserializeOwned> Dense for Vec<T> {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Vec::<Option<T>>::deserialize(deserializer)?.into_iter().flatten().collect())
        }
    }

    impl<K: Ord + DeserializeOwned, V: DeserializeOwned> Dense for BTreeMap<K, V> {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let map = BTreeMap::<K, Option<V>>::deserialize(deserializer)?;
            Ok(map.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect())
        }
    }

    impl<T: Dense> Dense for Option<T> {
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Option::<De<T>>::deserialize(deserializer)?.map(|d| d.0))
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn nulls_in_dense_collections_are_dropped() {
            let list: De<Option<Vec<String>>> = serde_json::from_str(r#"["a",null,"b"]"#).unwrap();
            assert_eq!(list.0, Some(vec!["a".to_owned(), "b".to_owned()]));
            let map: De<BTreeMap<String, i32>> = serde_json::from_str(r#"{"x":1,"y":null}"#).unwrap();
            assert_eq!(map.0, BTreeMap::from([("x".to_owned(), 1)]));
            let none: De<Option<Vec<String>>> = serde_json::from_str("null").unwrap();
            assert!(none.0.is_none());
            assert!(serde_json::from_str::<De<Vec<String>>>("[1]").is_err());
        }
    }
}
