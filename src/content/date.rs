//! Calendar dates in front matter (`date`, `updated`), written `YYYY-MM-DD`.

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
