//! Pre-printed blanks (phôi): certificates printed onto serially numbered forms whose own serial
//! the office must account for — which blank went to whom, and every blank spoiled (Thông tư
//! 21/2019/TT-BGDĐT asks for both). A run is given the serial of the first blank in the tray;
//! the blanks that follow are numbered on from it.
//!
//! Which certificates go on the tray is decided the same way by `issue` and by
//! `print --reprint-spoiled`, so that a run killed after its blanks were recorded and run again
//! with the same first blank ends as one clean run: walking the certificates in print order, one
//! on no blank takes the next blank; one already on exactly the blank it would take is the same
//! run again and stays on the tray; one on another blank was printed by an earlier tray and is
//! left out.

use std::fmt;

/// A blank's serial, split into what stays (the prefix, e.g. `A`) and the running number with
/// its width (`0012301`, 7 digits), so that the next blanks keep both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlankSerial {
    prefix: String,
    number: u64,
    width: usize,
}

/// Why a first-blank serial cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlankSerialError {
    /// No digits at its end to count on from.
    #[error("{}", crate::t!("err-blank-no-number", serial = .0.as_str()))]
    NoNumber(String),
    /// The numbers would need more digits than the blanks have.
    #[error("{}", crate::t!("err-blank-run-out", first = .first.as_str(), count = *.count))]
    RunsOut {
        /// The first blank.
        first: String,
        /// How many blanks were needed.
        count: usize,
    },
}

impl BlankSerial {
    /// Reads a serial such as `A0012301` or `CN-2026-000123` (the digits at its end count on).
    pub fn parse(s: &str) -> Result<BlankSerial, BlankSerialError> {
        let s = s.trim();
        let digits = s.chars().rev().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 18 {
            return Err(BlankSerialError::NoNumber(s.to_string()));
        }
        let (prefix, number) = s.split_at(s.len() - digits);
        Ok(BlankSerial {
            prefix: prefix.to_string(),
            number: number.parse().map_err(|_| BlankSerialError::NoNumber(s.to_string()))?,
            width: digits,
        })
    }

    /// The `i`-th blank from this one (0 is this one), keeping the prefix and the width.
    pub fn nth(&self, i: usize) -> Result<String, BlankSerialError> {
        let n = self.number.checked_add(i as u64);
        match n.filter(|n| n.to_string().len() <= self.width) {
            Some(n) => Ok(format!("{}{:0width$}", self.prefix, n, width = self.width)),
            None => Err(BlankSerialError::RunsOut { first: self.to_string(), count: i + 1 }),
        }
    }
}

/// What tells two blanks apart: the prefix with its case folded, and the running number's
/// value — not its width. `A001005` and `A0001005` are one blank, `a0001003` and `A0001003`
/// one blank: a clerk types the serial off the paper, and a missing zero or a small letter
/// must never let a used blank be used again, nor make a spoiled one another blank (issue 28,
/// item 12). A serial is still written as the clerk typed it, or as it was first recorded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlankKey {
    prefix: String,
    /// `None` for a serial not ending in a number (then the whole serial is the prefix).
    number: Option<u64>,
}

impl BlankKey {
    /// The key of a serial as typed or recorded.
    pub fn of(serial: &str) -> BlankKey {
        match BlankSerial::parse(serial) {
            Ok(b) => b.key(),
            Err(_) => BlankKey { prefix: serial.trim().to_uppercase(), number: None },
        }
    }
}

/// Whether two serials name one blank (see [`BlankKey`]).
pub fn same_blank(a: &str, b: &str) -> bool {
    a == b || BlankKey::of(a) == BlankKey::of(b)
}

impl BlankSerial {
    /// What tells this blank apart from others (see [`BlankKey`]).
    pub fn key(&self) -> BlankKey {
        BlankKey { prefix: self.prefix.to_uppercase(), number: Some(self.number) }
    }
}

impl fmt::Display for BlankSerial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{:0width$}", self.prefix, self.number, width = self.width)
    }
}

/// Where one certificate stands against the tray.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnTray {
    /// It takes this new blank.
    Takes(String),
    /// It is on this blank already, the one it would take: the same run again.
    Again(String),
    /// It was printed on this blank, the one it would take, and the blank was spoiled since:
    /// the same run again, whose print file held it there (its reprint is on another tray).
    Spoiled(String),
    /// It is on another blank, printed by an earlier tray: not on this one.
    Elsewhere,
}

/// The blanks a certificate has: the one it is printed on now, and those it was printed on
/// that were spoiled.
#[derive(Debug, Clone, Copy, Default)]
pub struct Blanks<'a> {
    /// Printed on now.
    pub used: Option<&'a str>,
    /// Spoiled.
    pub spoiled: &'a [String],
}

/// Walks certificates in print order (each with its blanks) against a tray starting at
/// `first`. A tray run again is the same tray, spoiled blanks included, so that its print file
/// is the one the first run wrote.
pub fn tray<'a>(
    first: &BlankSerial,
    now: impl IntoIterator<Item = Blanks<'a>>,
) -> Result<Vec<OnTray>, BlankSerialError> {
    let mut k = 0;
    let mut out = Vec::new();
    for current in now {
        let next = first.nth(k)?;
        let spoiled = current.spoiled.iter().find(|s| same_blank(s, &next));
        let place = if let Some(used) = current.used.filter(|u| same_blank(u, &next)) {
            OnTray::Again(used.to_string())
        } else if let Some(spoiled) = spoiled {
            OnTray::Spoiled(spoiled.clone())
        } else if current.used.is_none() {
            OnTray::Takes(next)
        } else {
            OnTray::Elsewhere
        };
        if place != OnTray::Elsewhere {
            k += 1;
        }
        out.push(place);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_blanks_keep_prefix_and_width() {
        let b = BlankSerial::parse("A0012301").unwrap();
        assert_eq!(b.nth(0).unwrap(), "A0012301");
        assert_eq!(b.nth(9).unwrap(), "A0012310");
        assert_eq!(BlankSerial::parse("CN-2026-0998").unwrap().nth(5).unwrap(), "CN-2026-1003");
        assert!(matches!(BlankSerial::parse("A99").unwrap().nth(1), Err(BlankSerialError::RunsOut { .. })));
        assert!(matches!(BlankSerial::parse("PHOI"), Err(BlankSerialError::NoNumber(_))));
    }

    /// Blank serials are compared by prefix (case folded) and number, not as text (issue 28,
    /// item 12): `A001005` is `A0001005`, `a0001003` is `A0001003`.
    #[test]
    fn blanks_are_one_whatever_the_zeros_and_the_case() {
        assert!(same_blank("A001005", "A0001005"));
        assert!(same_blank("a0001003", "A0001003"));
        assert!(same_blank(" cn-2026-0007", "CN-2026-7"));
        assert!(!same_blank("A0001005", "A0001006"));
        assert!(!same_blank("A0001005", "B0001005"));
        assert!(!same_blank("A1005", "A-1005"), "the prefix is kept whole");
        assert!(same_blank("phoi", "PHOI"), "a serial without a number: its text, case folded");
        let used = |s| Blanks { used: Some(s), spoiled: &[] };
        let first = BlankSerial::parse("a01005").unwrap();
        let t = tray(&first, [used("A0001005"), Blanks::default()]).unwrap();
        assert_eq!(t, [OnTray::Again("A0001005".into()), OnTray::Takes("a01006".into())]);
    }

    #[test]
    fn a_rerun_keeps_its_tray_and_an_earlier_tray_is_left_out() {
        let first = BlankSerial::parse("B005").unwrap();
        let used = |s| Blanks { used: Some(s), spoiled: &[] };
        let t = tray(&first, [used("A001"), Blanks::default(), used("B006"), Blanks::default()]).unwrap();
        assert_eq!(
            t,
            [
                OnTray::Elsewhere,
                OnTray::Takes("B005".into()),
                OnTray::Again("B006".into()),
                OnTray::Takes("B007".into())
            ]
        );
    }

    #[test]
    fn a_tray_run_again_after_a_spoil_and_a_reprint_is_the_same_tray() {
        let first = BlankSerial::parse("A0012301").unwrap();
        let spoiled = ["A0012302".to_string()];
        let t = tray(
            &first,
            [
                Blanks { used: Some("A0012301"), spoiled: &[] },
                // Spoiled, and reprinted on a blank of a later tray.
                Blanks { used: Some("A0012321"), spoiled: &spoiled },
                Blanks { used: Some("A0012303"), spoiled: &[] },
            ],
        )
        .unwrap();
        assert_eq!(
            t,
            [
                OnTray::Again("A0012301".into()),
                OnTray::Spoiled("A0012302".into()),
                OnTray::Again("A0012303".into())
            ]
        );
        // Waiting for its reprint, it is still on its tray run again — typed with a zero
        // less and a small letter, it is the same tray.
        let typed = BlankSerial::parse("a012302").unwrap();
        let t = tray(&typed, [Blanks { used: None, spoiled: &spoiled }]).unwrap();
        assert_eq!(t, [OnTray::Spoiled("A0012302".into())], "as first recorded");
        // Waiting for its reprint, it is still on its tray run again.
        let second = BlankSerial::parse("A0012302").unwrap();
        let t = tray(&second, [Blanks { used: None, spoiled: &spoiled }]).unwrap();
        assert_eq!(t, [OnTray::Spoiled("A0012302".into())]);
    }
}
