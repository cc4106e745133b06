//! A calendar day written `YYYY-MM-DD`: the day a bank's fact was last
//! read from its source (`checked:`), and today's day, to
//! tell a stale fact from a fresh one.
//!
//! A day is three numbers and the only calendar arithmetic needed is
//! "twelve months later" and "which day is this instant"; both are a few
//! lines (the second is Howard Hinnant's public-domain `civil_from_days`),
//! so no date crate is pulled in for them.

use std::fmt;
use std::str::FromStr;

/// A day of the proleptic Gregorian calendar, years 1 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a `YYYY-MM-DD` day, in words for a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not four digits, a dash, two digits, a dash, two digits.
    Shape,
    /// A month outside 1–12.
    Month(u32),
    /// A day the month does not have (the 31st of April, the 29th of
    /// February in a common year).
    Day { year: u32, month: u32, day: u32 },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            DateError::Shape => f.write_str("a date is written YYYY-MM-DD, e.g. 2026-12-06"),
            DateError::Month(m) => write!(f, "there is no month {m}; months run from 01 to 12"),
            DateError::Day { year, month, day } => write!(
                f,
                "{year:04}-{month:02} has no day {day}; it has {}",
                days_in_month(*year, *month)
            ),
        }
    }
}

impl std::error::Error for DateError {}

fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The day, if it exists.
    pub fn new(year: u32, month: u32, day: u32) -> Result<Date, DateError> {
        if !(1..=9999).contains(&year) {
            return Err(DateError::Shape);
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(month));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Day { year, month, day });
        }
        Ok(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Reads `YYYY-MM-DD` exactly: no spaces, no time, no other separator.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            b.get(r.clone())
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .map(|d| d.iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0')))
        };
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(DateError::Shape);
        }
        match (digits(0..4), digits(5..7), digits(8..10)) {
            (Some(y), Some(m), Some(d)) => Date::new(y, m, d),
            _ => Err(DateError::Shape),
        }
    }

    /// The day (UTC) of an instant given in seconds since 1970-01-01.
    pub fn from_unix_seconds(secs: i64) -> Date {
        // Hinnant, "chrono-Compatible Low-Level Date Algorithms",
        // civil_from_days.
        let z = secs.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        let year = year.clamp(1, 9999) as u32;
        Date::new(year, month as u32, day as u32).unwrap_or(Date {
            year: year as u16,
            month: 1,
            day: 1,
        })
    }

    /// Today, in UTC, by the system clock.
    pub fn today() -> Date {
        Date::from_unix_seconds(now())
    }

    /// The latest day it is anywhere now (UTC+14, by the system clock):
    /// no one's today is after it.
    pub fn today_anywhere() -> Date {
        Date::from_unix_seconds(now().saturating_add(14 * 3_600))
    }

    /// The same day `n` months later; the 31st of a month with fewer days
    /// becomes its last day (2026-01-31 + 1 month = 2026-02-28).
    pub fn plus_months(self, n: u32) -> Date {
        let months = u32::from(self.year) * 12 + u32::from(self.month) - 1 + n;
        let (year, month) = ((months / 12).min(9999), months % 12 + 1);
        let day = u32::from(self.day).min(days_in_month(year, month));
        Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        }
    }
}

/// Seconds since 1970-01-01 by the system clock.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX / 2))
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        Date::parse(s)
    }
}
