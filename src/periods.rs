//! Calendar arithmetic and the reading of period expressions.

use crate::model::{Days, Period};

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_ymd(y: i32, m: u32, d: u32) -> Days {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Inverse of [`days_from_ymd`].
pub fn ymd_from_days(z: Days) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn month_len(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses `YYYY-MM-DD` (anything after the tenth character, such as a time, is ignored).
pub fn parse_iso_date(s: &str) -> Option<Days> {
    let b = s.trim().as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| std::str::from_utf8(&b[r]).ok()?.parse::<u32>().ok();
    let (y, m, d) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
    ((1..=12).contains(&m) && d >= 1 && d <= month_len(y, m)).then(|| days_from_ymd(y, m, d))
}

/// A month as a count of months since year 0 (so arithmetic crosses years).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32);

impl Month {
    pub fn new(y: i32, m: u32) -> Self {
        Month(y * 12 + m as i32 - 1)
    }
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }
    pub fn month(self) -> u32 {
        (self.0.rem_euclid(12) + 1) as u32
    }
    pub fn first_day(self) -> Days {
        days_from_ymd(self.year(), self.month(), 1)
    }
    pub fn last_day(self) -> Days {
        days_from_ymd(self.year(), self.month(), month_len(self.year(), self.month()))
    }
    pub fn period(self) -> Period {
        Period { start: self.first_day(), end: self.last_day() }
    }
    pub fn of_day(d: Days) -> Self {
        let (y, m, _) = ymd_from_days(d);
        Month::new(y, m)
    }
    pub fn add(self, n: i32) -> Self {
        Month(self.0 + n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for &(y, m, d) in &[(1970, 1, 1), (2024, 2, 29), (2025, 12, 31), (1999, 3, 1)] {
            assert_eq!(ymd_from_days(days_from_ymd(y, m, d)), (y, m, d));
        }
        assert_eq!(days_from_ymd(1970, 1, 1), 0);
        assert_eq!(days_from_ymd(2025, 1, 1), 20089);
    }

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso_date("2025-01-27"), Some(days_from_ymd(2025, 1, 27)));
        assert_eq!(parse_iso_date("2025-01-27T10:00:00"), Some(days_from_ymd(2025, 1, 27)));
        assert_eq!(parse_iso_date("2025-02-30"), None);
        assert_eq!(parse_iso_date("Jan 2025"), None);
    }

    #[test]
    fn month_arithmetic() {
        let jan = Month::new(2025, 1);
        assert_eq!(jan.add(-1), Month::new(2024, 12));
        assert_eq!(Month::new(2024, 2).last_day(), days_from_ymd(2024, 2, 29));
    }
}
