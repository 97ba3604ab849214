//! Calendar dates: checked construction, the forms certificates print (dd/mm/yyyy and the date
//! line of Nghị định 30/2020), and day numbers since 1970-01-01 — the one place for day
//! arithmetic, which the signed claims, workbook serials and key windows all count in.

use std::fmt;

use super::{all_digits, num};
use crate::util::diag::{Diagnose, Diagnostic, Message};

/// Why a text is not a date (or a date not a real one): data, worded at the edge by its
/// message id (`date-…` in the catalogues).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// A month outside 1–12.
    NoMonth {
        /// The month given.
        month: u8,
    },
    /// 29 February of a year that is not a leap year.
    NotLeap {
        /// The year.
        year: u16,
    },
    /// A day the month does not have.
    NoDay {
        /// The month.
        month: u8,
        /// The day given.
        day: u8,
    },
    /// Not `YYYY-MM-DD`.
    ExpectedIso,
    /// Five digits: a spreadsheet's day number, not a date.
    ExcelSerial,
    /// Digits that are no date.
    NotADate,
    /// A year of other than four digits.
    FourDigitYear,
    /// Not day/month/year.
    ExpectedDmy,
    /// `00/00/YYYY`: the day unknown.
    Placeholder {
        /// The year.
        year: u16,
    },
    /// A month above 12 where the day could be the month: written month first.
    NoMonthDmy {
        /// The month given.
        month: u16,
    },
    /// After the latest date allowed (the issue date).
    AfterIssue {
        /// That date.
        latest: Date,
    },
    /// A year of birth before 1900.
    ImplausibleYear {
        /// The year.
        year: u16,
    },
    /// A part that is not a number.
    NotANumber {
        /// The part, as written.
        value: String,
    },
}

impl Diagnose for DateError {
    fn diagnostic(&self) -> Diagnostic {
        let m = match self {
            DateError::NoMonth { month } => Message::new("date-no-month").arg("month", month.to_string()),
            DateError::NotLeap { year } => Message::new("date-not-leap").arg("year", year.to_string()),
            DateError::NoDay { month, day } => {
                Message::new("date-no-day").arg("month", month.to_string()).arg("day", day.to_string())
            }
            DateError::ExpectedIso => Message::new("date-expected-iso"),
            DateError::ExcelSerial => Message::new("date-excel-serial"),
            DateError::NotADate => Message::new("date-not-a-date"),
            DateError::FourDigitYear => Message::new("date-four-digit-year"),
            DateError::ExpectedDmy => Message::new("date-expected-dmy"),
            DateError::Placeholder { year } => Message::new("date-placeholder").arg("year", year.to_string()),
            DateError::NoMonthDmy { month } => {
                Message::new("date-no-month-dmy").arg("month", month.to_string())
            }
            DateError::AfterIssue { latest } => {
                Message::new("date-after-issue").arg("latest", latest.to_string())
            }
            DateError::ImplausibleYear { year } => {
                Message::new("date-implausible-year").arg("year", year.to_string())
            }
            DateError::NotANumber { value } => {
                Message::new("date-not-a-number").arg("value", format!("{value:?}"))
            }
        };
        Diagnostic::new(m)
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic().message.fmt(f)
    }
}

impl std::error::Error for DateError {}

/// `2026-11-28` or `2026-11-28T00:00:00Z` as `28/11/2026`; anything else as it is (how a date
/// kept as ISO text — a key's window, a revocation — is shown).
pub fn day(iso: &str) -> String {
    Date::parse_iso(iso.get(..10).unwrap_or(iso)).map_or_else(|_| iso.to_string(), |d| d.to_string())
}

/// A calendar date; the roster gives day/month/year, ISO, or only a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Four-digit year.
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31, valid for the month.
    pub day: u8,
}

impl Date {
    /// The latest date there is: the bound for parsing dates that may lie anywhere, where a
    /// date of birth must lie before the issue date.
    pub const MAX: Date = Date { year: 9999, month: 12, day: 31 };

    /// A checked date.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError::NoMonth { month });
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(if month == 2 && day == 29 {
                DateError::NotLeap { year }
            } else {
                DateError::NoDay { month, day }
            });
        }
        Ok(Date { year, month, day })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Reads an ISO date `YYYY-MM-DD` (how dates are written in template variables).
    pub fn parse_iso(s: &str) -> Result<Date, DateError> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 && all_digits(y) && all_digits(m) && all_digits(d) => {
                Date::new(num(y)?, num(m)? as u8, num(d)? as u8)
            }
            _ => Err(DateError::ExpectedIso),
        }
    }

    /// The date line of Nghị định 30/2020: `ngày 05 tháng 02 năm 2019`. The day takes a leading
    /// zero below 10, the month only for January and February (months 3–12 never do), which
    /// stops "1" from being turned into "11" on paper.
    pub fn long_form(&self) -> String {
        let month = if self.month < 3 { format!("{:02}", self.month) } else { self.month.to_string() };
        format!("ngày {:02} tháng {month} năm {}", self.day, self.year)
    }

    /// The date as an English text says it (`20 November 2019`), for bilingual certificates.
    pub fn english(&self) -> String {
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
        format!("{} {} {}", self.day, MONTHS[(self.month as usize).clamp(1, 12) - 1], self.year)
    }

    /// A full date written as ISO (`2019-11-20`) or as on paper (`20/11/2019`, `20.11.2019`).
    pub fn parse_any(s: &str) -> Option<Date> {
        Date::parse_iso(s).ok().or_else(|| match super::parse_birth_date(s, Date::MAX) {
            Ok(super::BirthDate::Full(d)) => Some(d),
            _ => None,
        })
    }

    /// Days since 1970-01-01 (negative before): the day numbers the signed claims, the
    /// workbook serials and the key windows count in.
    pub fn days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (y, m, day) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a day number (years clamped to 0–9999).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)).clamp(0, 9999) as u16;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    /// `dd/mm/yyyy`, as certificates print dates of birth.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{}", self.day, self.month, self.year)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_match_the_calendar() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::new(2019, 11, 20).unwrap().days(), 18220);
        assert_eq!(Date::new(1960, 1, 1).unwrap().days(), -3653);
        for d in [-40000, -1, 0, 18220, 30000] {
            assert_eq!(Date::from_days(d).days(), d);
        }
    }

    #[test]
    fn parse_any_reads_iso_and_paper_forms_but_not_a_bare_year() {
        assert_eq!(Date::parse_any("2019-11-20"), Date::new(2019, 11, 20).ok());
        assert_eq!(Date::parse_any("20/11/2019"), Date::new(2019, 11, 20).ok());
        assert_eq!(Date::parse_any("1968"), None);
        assert_eq!(Date::parse_any("31/02/2019"), None);
    }
}
