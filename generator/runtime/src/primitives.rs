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

/// The JSON value `{}`: what a union member targeting `smithy.api#Unit` carries.
#[derive(Clone, Copy, PartialEq, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct EmptyObject {}

/// A point in time, sent as seconds since the Unix epoch (fractions allowed).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
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
        let whole = seconds.floor();
        let nanos = ((seconds - whole) * 1e9).round().min(999_999_999.0) as u32;
        Some(Self { seconds: whole as i64, nanos })
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
