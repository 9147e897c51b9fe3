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
/// A `date-time` timestamp as a value of its own (union members).
#[doc(hidden)]
#[derive(serde::Serialize, serde::Deserialize)]
pub struct DateTimeText(#[serde(with = "date_time")] pub DateTime);
/// An `http-date` timestamp as a value of its own (union members).
#[doc(hidden)]
#[derive(serde::Serialize, serde::Deserialize)]
pub struct HttpDateText(#[serde(with = "http_date")] pub DateTime);
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
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Row {
            #[serde(with = "date_time")]
            at: DateTime,
            #[serde(with = "http_date::option")]
            seen: Option<DateTime>,
        }
        let row = Row { at: DateTime::from_secs(0), seen: None };
        let json = serde_json::to_string(&row).unwrap();
        assert_eq!(json, r#"{"at":"1970-01-01T00:00:00Z","seen":null}"#);
        assert_eq!(serde_json::from_str::<Row>(&json).unwrap(), row);
        assert!(serde_json::from_str::<Row>(r#"{"at":"yesterday","seen":null}"#).is_err());
    }
}
