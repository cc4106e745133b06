//! Calendar dates (`YYYY-MM-DD`) for when a result was taken (CONTRACT
//! §7.7): checking a date someone typed, today's date where the person is,
//! and the months-later arithmetic that retake suggestions need. Civil
//! calendar only (proleptic Gregorian), no time zones beyond "local".

use std::fmt;

/// A day of the civil calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Reads `YYYY-MM-DD`, refusing days that do not exist (`2026-02-30`).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        let year = i32::try_from(digits(0..4)?).ok()?;
        let (month, day) = (digits(5..7)?, digits(8..10)?);
        (year >= 1 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// The day `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The same day `months` later, or the month's last day when it has
    /// no such day (31 January + 1 month = 28 or 29 February).
    pub fn add_months(self, months: u32) -> Date {
        let total = self.month - 1 + months;
        let year = self.year + (total / 12) as i32;
        let month = total % 12 + 1;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// Today where this computer is (its local time zone), or in UTC where
    /// that cannot be read.
    pub fn today() -> Date {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Date::from_days((now + local_offset(now)).div_euclid(86_400))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The local time zone's offset from UTC at `unix` seconds, in seconds.
#[cfg(unix)]
fn local_offset(unix: i64) -> i64 {
    let t = unix as libc::time_t;
    // SAFETY: `tm` is plain data that localtime_r fills in; both pointers
    // are valid for the call.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return 0;
        }
        tm.tm_gmtoff
    }
}

#[cfg(not(unix))]
fn local_offset(_: i64) -> i64 {
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_real_days_only() {
        assert_eq!(
            Date::parse("2026-02-28"),
            Some(Date {
                year: 2026,
                month: 2,
                day: 28
            })
        );
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "26-01-01",
            "2026-01-32",
            "2026/01/01",
            "+026-01-01",
            "2026-01-0a",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_round_trip_and_months_clamp() {
        for d in [-1000, 0, 1, 59, 365, 10_957, 20_000, 20_454] {
            assert_eq!(Date::from_days(d).days(), d);
        }
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        let jan31 = Date::parse("2024-01-31").unwrap();
        assert_eq!(jan31.add_months(1).to_string(), "2024-02-29");
        assert_eq!(jan31.add_months(3).to_string(), "2024-04-30");
        assert_eq!(
            Date::parse("2026-11-15").unwrap().add_months(3).to_string(),
            "2027-02-15"
        );
    }
}
