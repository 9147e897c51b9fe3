//! Text timestamps: RFC 3339 `date-time` and IMF-fixdate `http-date`, as `DateTime` methods and
//! as serde `with` modules for `@timestampFormat` members (feature `text-timestamps`).

use super::primitives::DateTime;

impl DateTime {
    fn to_time(self) -> Option<time::OffsetDateTime> {
        let nanos = i128::from(self.seconds) * 1_000_000_000 + i128::from(self.nanos);
        time::OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
    }
    fn from_time(t: time::OffsetDateTime) -> Self {
        Self { seconds: t.unix_timestamp(), nanos: t.nanosecond() }
    }
    /// RFC 3339 text in UTC (`2024-05-01T12:30:00Z`, with a fraction when there is one).
    pub fn to_rfc3339(&self) -> Option<String> {
        self.to_time()?.format(&time::format_description::well_known::Rfc3339).ok()
    }
    /// Parses RFC 3339 text (any offset).
    pub fn parse_rfc3339(text: &str) -> Option<Self> {
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok().map(Self::from_time)
    }
    /// IMF-fixdate text, as in HTTP headers (`Wed, 01 May 2024 12:30:00 GMT`).
    pub fn to_http_date(&self) -> Option<String> {
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let t = self.to_time()?;
        let day = DAYS[usize::from(t.weekday().number_days_from_monday())];
        let month = MONTHS[usize::from(u8::from(t.month())) - 1];
        Some(format!(
            "{day}, {:02} {month} {:04} {:02}:{:02}:{:02} GMT",
            t.day(),
            t.year(),
            t.hour(),
            t.minute(),
            t.second()
        ))
    }
    /// Parses IMF-fixdate text.
    pub fn parse_http_date(text: &str) -> Option<Self> {
        let mut parts = text.split_ascii_whitespace();
        let (_weekday, day, month, year, clock, zone) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if zone != "GMT" || parts.next().is_some() {
            return None;
        }
        let month = MONTHS.iter().position(|m| *m == month)?;
        let month = time::Month::try_from(u8::try_from(month + 1).ok()?).ok()?;
        let date = time::Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()?;
        let mut hms = clock.split(':');
        let (h, m, s) = (hms.next()?.parse().ok()?, hms.next()?.parse().ok()?, hms.next()?.parse().ok()?);
        let time = time::Time::from_hms(h, m, s).ok()?;
        Some(Self::from_time(time::PrimitiveDateTime::new(date, time).assume_utc()))
    }
}
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/// serde for `@timestampFormat("date-time")` members.
pub mod date_time {
    use super::DateTime;
    /// Writes an RFC 3339 date-time.
    pub fn serialize<S: serde::Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        let text =
            value.to_rfc3339().ok_or_else(|| <S::Error as serde::ser::Error>::custom("timestamp out of range"))?;
        serializer.serialize_str(&text)
    }
    /// Reads an RFC 3339 date-time.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        DateTime::parse_rfc3339(&text)
            .ok_or_else(|| <D::Error as serde::de::Error>::custom("expected an RFC 3339 date-time"))
    }
    /// The same for `Option<DateTime>`.
    pub mod option {
        use super::DateTime;
        /// Writes an RFC 3339 date-time.
        pub fn serialize<S: serde::Serializer>(value: &Option<DateTime>, serializer: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => super::serialize(v, serializer),
                None => serializer.serialize_none(),
            }
        }
        /// Reads an RFC 3339 date-time or null.
        pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime>, D::Error> {
            let text = <Option<String> as serde::Deserialize>::deserialize(deserializer)?;
            text.map(|t| {
                DateTime::parse_rfc3339(&t)
                    .ok_or_else(|| <D::Error as serde::de::Error>::custom("expected an RFC 3339 date-time"))
            })
            .transpose()
        }
    }
}
/// A `date-time` timestamp as a value of its own (structure and union members).
#[doc(hidden)]
pub struct DateTimeText(pub DateTime);
impl serde::Serialize for DateTimeText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        date_time::serialize(&self.0, serializer)
    }
}
impl<'de> serde::Deserialize<'de> for DateTimeText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        date_time::deserialize(deserializer).map(DateTimeText)
    }
}
/// An `http-date` timestamp as a value of its own (structure and union members).
#[doc(hidden)]
pub struct HttpDateText(pub DateTime);
impl serde::Serialize for HttpDateText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        http_date::serialize(&self.0, serializer)
    }
}
impl<'de> serde::Deserialize<'de> for HttpDateText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        http_date::deserialize(deserializer).map(HttpDateText)
    }
}
/// serde for `@timestampFormat("http-date")` members.
pub mod http_date {
    use super::DateTime;
    /// Writes an HTTP date.
    pub fn serialize<S: serde::Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        let text =
            value.to_http_date().ok_or_else(|| <S::Error as serde::ser::Error>::custom("timestamp out of range"))?;
        serializer.serialize_str(&text)
    }
    /// Reads an HTTP date.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        DateTime::parse_http_date(&text).ok_or_else(|| <D::Error as serde::de::Error>::custom("expected an HTTP date"))
    }
    /// The same for `Option<DateTime>`.
    pub mod option {
        use super::DateTime;
        /// Writes an HTTP date.
        pub fn serialize<S: serde::Serializer>(value: &Option<DateTime>, serializer: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(v) => super::serialize(v, serializer),
                None => serializer.serialize_none(),
            }
        }
        /// Reads an HTTP date or null.
        pub fn deserialize<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime>, D::Error> {
            let text = <Option<String> as serde::Deserialize>::deserialize(deserializer)?;
            text.map(|t| {
                DateTime::parse_http_date(&t)
                    .ok_or_else(|| <D::Error as serde::de::Error>::custom("expected an HTTP date"))
            })
            .transpose()
        }
    }
}

/// Text timestamps inside lists, maps and options in JSON bodies (`Vec<DateTime>` of a
/// `date-time` list, and deeper), written through [`Ser`](nested::Ser) and read through
/// [`De`](nested::De) in a [`Format`](nested::Format).
#[doc(hidden)]
pub mod nested {
    use std::collections::BTreeMap;
    use std::marker::PhantomData;

    use serde::de::{DeserializeOwned, Deserializer, Error as _};
    use serde::ser::{Error as _, Serializer};
    use serde::{Deserialize, Serialize};

    use super::DateTime;

    /// A text format of timestamps.
    pub trait Format {
        /// The text of `t`, if it is in range.
        fn write(t: &DateTime) -> Option<String>;
        /// The timestamp `text` denotes.
        fn read(text: &str) -> Option<DateTime>;
        /// What the text should have been, for errors.
        const EXPECTED: &'static str;
    }

    /// RFC 3339 `date-time`.
    pub struct DateTimeFormat;
    /// IMF-fixdate `http-date`.
    pub struct HttpDateFormat;

    impl Format for DateTimeFormat {
        fn write(t: &DateTime) -> Option<String> {
            t.to_rfc3339()
        }
        fn read(text: &str) -> Option<DateTime> {
            DateTime::parse_rfc3339(text)
        }
        const EXPECTED: &'static str = "an RFC 3339 date-time";
    }

    impl Format for HttpDateFormat {
        fn write(t: &DateTime) -> Option<String> {
            t.to_http_date()
        }
        fn read(text: &str) -> Option<DateTime> {
            DateTime::parse_http_date(text)
        }
        const EXPECTED: &'static str = "an HTTP date";
    }

    /// A timestamp, or a list, map or option of them, in the format `F`.
    pub trait Texts<F: Format>: Sized {
        /// Writes the value.
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
        /// Reads the value.
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    }

    /// Serialises a value as [`Texts`] in the format `F` (a member of a generated structure is
    /// written through it).
    pub struct Ser<'a, F, T>(&'a T, PhantomData<F>);

    impl<'a, F: Format, T: Texts<F>> Ser<'a, F, T> {
        /// Writes `value` in the format `F`.
        pub fn new(value: &'a T) -> Self {
            Ser(value, PhantomData)
        }
    }

    impl<F: Format, T: Texts<F>> Serialize for Ser<'_, F, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.write(serializer)
        }
    }

    /// Deserialises a value as [`Texts`] in the format `F` (a member of a generated structure
    /// is read through it).
    pub struct De<F, T>(pub T, PhantomData<F>);

    impl<'de, F: Format, T: Texts<F>> Deserialize<'de> for De<F, T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            T::read(deserializer).map(|v| De(v, PhantomData))
        }
    }

    impl<F: Format> Texts<F> for DateTime {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(&F::write(self).ok_or_else(|| S::Error::custom("timestamp out of range"))?)
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let text = String::deserialize(deserializer)?;
            F::read(&text).ok_or_else(|| D::Error::custom(format!("expected {}", F::EXPECTED)))
        }
    }

    impl<F: Format, T: Texts<F>> Texts<F> for Option<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Some(v) => serializer.serialize_some(&Ser::<F, T>(v, PhantomData)),
                None => serializer.serialize_none(),
            }
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Option::<De<F, T>>::deserialize(deserializer)?.map(|d| d.0))
        }
    }

    impl<F: Format, T: Texts<F>> Texts<F> for Vec<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.iter().map(|v| Ser::<F, T>(v, PhantomData)))
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(Vec::<De<F, T>>::deserialize(deserializer)?.into_iter().map(|d| d.0).collect())
        }
    }

    impl<F: Format, K: Ord + Serialize + DeserializeOwned, T: Texts<F>> Texts<F> for BTreeMap<K, T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.iter().map(|(k, v)| (k, Ser::<F, T>(v, PhantomData))))
        }
        fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            Ok(BTreeMap::<K, De<F, T>>::deserialize(deserializer)?.into_iter().map(|(k, d)| (k, d.0)).collect())
        }
    }
}

/// A date-time (RFC 3339) timestamp in a header or a label, for generated code.
#[doc(hidden)]
pub fn parse_date_time_text(text: &str) -> Result<DateTime, String> {
    DateTime::parse_rfc3339(text.trim()).ok_or_else(|| format!("`{}` is not an RFC 3339 date-time", text.trim()))
}

/// An HTTP-date (IMF-fixdate) timestamp in a header, for generated code.
#[doc(hidden)]
pub fn parse_http_date_text(text: &str) -> Result<DateTime, String> {
    DateTime::parse_http_date(text.trim()).ok_or_else(|| format!("`{}` is not an HTTP date", text.trim()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_timestamps_inside_collections() {
        use super::nested::{DateTimeFormat, De, HttpDateFormat, Ser};
        type Map = Option<std::collections::BTreeMap<String, Vec<Option<DateTime>>>>;
        let t = DateTime::from_secs(1_576_540_098);
        let list = vec![t, t];
        let map: Map = Some(std::collections::BTreeMap::from([("a".to_owned(), vec![Some(t), None])]));
        let text = serde_json::to_string(&Ser::<DateTimeFormat, _>::new(&list)).unwrap();
        assert_eq!(text, r#"["2019-12-16T23:48:18Z","2019-12-16T23:48:18Z"]"#);
        assert_eq!(serde_json::from_str::<De<DateTimeFormat, Vec<DateTime>>>(&text).unwrap().0, list);
        let text = serde_json::to_string(&Ser::<HttpDateFormat, _>::new(&map)).unwrap();
        assert_eq!(text, r#"{"a":["Mon, 16 Dec 2019 23:48:18 GMT",null]}"#);
        assert_eq!(serde_json::from_str::<De<HttpDateFormat, Map>>(&text).unwrap().0, map);
        let bad = serde_json::from_str::<De<DateTimeFormat, Vec<DateTime>>>(r#"["yesterday"]"#).err().unwrap();
        assert!(bad.to_string().contains("expected an RFC 3339 date-time"), "{bad}");
    }

    use super::*;

    #[test]
    fn rfc3339_and_http_dates_round_trip() {
        let t = DateTime::from_secs(1_714_566_600);
        assert_eq!(t.to_rfc3339().as_deref(), Some("2024-05-01T12:30:00Z"));
        assert_eq!(t.to_http_date().as_deref(), Some("Wed, 01 May 2024 12:30:00 GMT"));
        assert_eq!(DateTime::parse_rfc3339("2024-05-01T14:30:00+02:00"), Some(t));
        assert_eq!(DateTime::parse_http_date("Wed, 01 May 2024 12:30:00 GMT"), Some(t));
        let fraction = DateTime::parse_rfc3339("2024-05-01T12:30:00.25Z").unwrap();
        assert_eq!((fraction.secs(), fraction.subsec_nanos()), (1_714_566_600, 250_000_000));
        for bad in ["", "2024-05-01", "Wed, 01 May 2024 12:30:00 UTC", "Wed, 01 Foo 2024 12:30:00 GMT"] {
            assert_eq!(DateTime::parse_rfc3339(bad).or_else(|| DateTime::parse_http_date(bad)), None, "{bad}");
        }
    }

    #[test]
    fn serde_modules_write_and_read_text() {
        type Json<'a> = serde_json::Serializer<&'a mut Vec<u8>>;
        let write = |f: &dyn Fn(&mut Json<'_>) -> Result<(), serde_json::Error>| {
            let mut out = Vec::new();
            f(&mut serde_json::Serializer::new(&mut out)).unwrap();
            String::from_utf8(out).unwrap()
        };
        fn read(text: &str) -> serde_json::Deserializer<serde_json::de::StrRead<'_>> {
            serde_json::Deserializer::from_str(text)
        }
        let epoch = DateTime::from_secs(0);
        assert_eq!(write(&|s| date_time::serialize(&epoch, s)), r#""1970-01-01T00:00:00Z""#);
        assert_eq!(write(&|s| http_date::option::serialize(&None, s)), "null");
        assert_eq!(date_time::deserialize(&mut read(r#""1970-01-01T00:00:00Z""#)).unwrap(), epoch);
        assert_eq!(http_date::option::deserialize(&mut read("null")).unwrap(), None);
        assert!(date_time::deserialize(&mut read(r#""yesterday""#)).is_err());
        let text: DateTimeText = serde_json::from_str(r#""1970-01-01T00:00:00Z""#).unwrap();
        assert_eq!(serde_json::to_string(&HttpDateText(text.0)).unwrap(), r#""Thu, 01 Jan 1970 00:00:00 GMT""#);
    }
}
