//! Calendar dates: full ones in front matter (`date`, `updated`), written `YYYY-MM-DD`, and
//! ones as precise as the record allows in data files (`2025-11`, `1949`). Checking and
//! arithmetic are jiff's; this module only fixes the forms a site may write.

use std::fmt;

use jiff::civil;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diagnostics::yaml::ParseVisitor;

/// A real calendar date. Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(civil::Date);

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting days that do not exist (`2022-02-30`).
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a date: expected YYYY-MM-DD, e.g. 2022-01-26");
        let bytes = s.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(bad());
        }
        let number = |range: std::ops::Range<usize>| -> Result<i16, String> {
            let part = &s[range];
            match part.bytes().all(|b| b.is_ascii_digit()) {
                true => part.parse().map_err(|_| bad()),
                false => Err(bad()),
            }
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        if !(1..=12).contains(&month) {
            return Err(format!(
                "`{s}` has no month {month}: months run from 01 to 12"
            ));
        }
        let first = civil::date(year, month as i8, 1);
        civil::Date::new(year, month as i8, day as i8)
            .map(Date)
            .map_err(|_| format!("`{s}` is not a day of {}", english(first, "%B %Y")))
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        Date(
            jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date(),
        )
    }

    pub fn year(&self) -> i16 {
        self.0.year()
    }

    pub fn month(&self) -> u8 {
        self.0.month() as u8
    }

    pub fn day(&self) -> u8 {
        self.0.day() as u8
    }

    /// The date as English readers see it, e.g. `26 January 2022`.
    pub fn human(&self) -> String {
        english(self.0, "%-d %B %Y")
    }
}

/// `date` written by `strftime`-style `format`, with English month names.
fn english(date: civil::Date, format: &str) -> String {
    jiff::fmt::strtime::format(format, date).unwrap_or_else(|_| date.to_string())
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ParseVisitor::new("a date (YYYY-MM-DD)", Date::parse))
    }
}

/// A date known to the year, the month or the day: `1999`, `2025-11` or `2022-01-26`.
/// Ordering is chronological, a less precise date sorting before the days within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn parse(s: &str) -> Result<PartialDate, String> {
        let bad = || format!("`{s}` is not a date: expected YYYY-MM-DD, YYYY-MM or YYYY");
        match s.len() {
            10 => Date::parse(s).map(PartialDate::from),
            7 => Date::parse(&format!("{s}-01"))
                .map(|d| PartialDate {
                    day: None,
                    ..PartialDate::from(d)
                })
                .map_err(|_| bad()),
            4 if s.bytes().all(|b| b.is_ascii_digit()) => Ok(PartialDate {
                year: s.parse().map_err(|_| bad())?,
                month: None,
                day: None,
            }),
            _ => Err(bad()),
        }
    }

    /// As English readers see it: `26 January 2022`, `November 2025` or `1999`.
    pub fn human(&self) -> String {
        let first_day = |month: u8| civil::date(self.year, month as i8, 1);
        match (self.month, self.day) {
            (Some(m), Some(d)) => english(civil::date(self.year, m as i8, d as i8), "%-d %B %Y"),
            (Some(m), None) => english(first_day(m), "%B %Y"),
            _ => self.year.to_string(),
        }
    }
}

impl From<Date> for PartialDate {
    fn from(d: Date) -> Self {
        PartialDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ParseVisitor::new(
            "a date (YYYY-MM-DD, YYYY-MM or YYYY)",
            PartialDate::parse,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_and_prints_them_back() {
        let d = Date::parse("2024-02-29").unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert_eq!(d.human(), "29 February 2024");
        assert_eq!(Date::parse("2022-01-05").unwrap().human(), "5 January 2022");
    }

    #[test]
    fn partial_dates_keep_their_precision_and_sort_chronologically() {
        let year = PartialDate::parse("2025").unwrap();
        let month = PartialDate::parse("2025-11").unwrap();
        let day = PartialDate::parse("2025-11-03").unwrap();
        assert_eq!(
            (year.human(), month.human(), day.human()),
            (
                "2025".into(),
                "November 2025".into(),
                "3 November 2025".into()
            )
        );
        assert_eq!(month.to_string(), "2025-11");
        assert!(year < month && month < day);
        for bad in ["2025-13", "25-11", "2025-1", "abcd"] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for s in [
            "2022-02-29",
            "2022-13-01",
            "2022-00-10",
            "22-01-01",
            "2022/01/01",
            "2022-1-01",
            "２０２２-01-01",
        ] {
            assert!(Date::parse(s).is_err(), "{s} should be rejected");
        }
        assert_eq!(
            Date::parse("2022-02-30").unwrap_err(),
            "`2022-02-30` is not a day of February 2022"
        );
    }
}
