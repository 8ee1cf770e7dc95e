//! Calendar dates: full ones in front matter (`date`, `updated`), written `YYYY-MM-DD`, and
//! ones as precise as the record allows in data files (`2025-11`, `1949`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A real calendar date. Ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting days that do not exist (`2022-02-30`).
    pub fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a date: expected YYYY-MM-DD, e.g. 2022-01-26");
        let bytes = s.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(bad());
        }
        let number = |range: std::ops::Range<usize>| -> Result<u16, String> {
            let part = &s[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        if !(1..=12).contains(&month) {
            return Err(format!(
                "`{s}` has no month {month}: months run from 01 to 12"
            ));
        }
        let month = month as u8;
        if day == 0 || day > u16::from(days_in_month(year, month)) {
            return Err(format!(
                "`{s}` is not a day of {} {year}",
                MONTHS[usize::from(month) - 1]
            ));
        }
        Ok(Date {
            year,
            month,
            day: day as u8,
        })
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// The date as readers see it, e.g. `26 January 2022`.
    pub fn human(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month) - 1],
            self.year
        )
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(crate::content::ParseVisitor::new(
            "a date (YYYY-MM-DD)",
            Date::parse,
        ))
    }
}

/// A date known to the year, the month or the day: `1999`, `2025-11` or `2022-01-26`.
/// Ordering is chronological, a less precise date sorting before the days within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn parse(s: &str) -> Result<PartialDate, String> {
        let bad = || format!("`{s}` is not a date: expected YYYY-MM-DD, YYYY-MM or YYYY");
        match s.len() {
            10 => Date::parse(s).map(|d| PartialDate {
                year: d.year,
                month: Some(d.month),
                day: Some(d.day),
            }),
            7 => Date::parse(&format!("{s}-01"))
                .map(|d| PartialDate {
                    year: d.year,
                    month: Some(d.month),
                    day: None,
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

    /// As readers see it: `26 January 2022`, `November 2025` or `1999`.
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m) - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m) - 1], self.year),
            _ => self.year.to_string(),
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
        deserializer.deserialize_str(crate::content::ParseVisitor::new(
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
    fn days_since_the_epoch_become_civil_dates() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::from_days_since_epoch(19_417).to_string(),
            "2023-03-01"
        );
        assert_eq!(
            Date::from_days_since_epoch(20_783).to_string(),
            "2026-11-26"
        );
        assert_eq!(
            Date::from_days_since_epoch(11_016).to_string(),
            "2000-02-29"
        );
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
    }
}
