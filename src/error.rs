//! Where a problem came from, and the problems a record can have.
//!
//! Every stage reports user-caused problems as a [`Problem`]: the origin (file, record, line),
//! the column or template element involved, what is wrong, and a hint. They are collected for the
//! whole batch so that `check` and `render` can list all of them at once, in roster order.

use std::fmt;
use std::sync::Arc;

/// Where a record starts in its roster: 1-based record number (header excluded) and the 1-based
/// physical line of its first field (the header is line 1). The two differ by more than one only
/// after a quoted field with a line break, which is why both are carried.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The roster's name as the user gave it.
    pub file: Arc<str>,
    /// 1-based data record number.
    pub record: usize,
    /// 1-based line where the record starts.
    pub line: u64,
}

impl Origin {
    /// `"yes"` when the roster is a workbook (.xlsx, .xls, .ods…), whose rows Excel and
    /// LibreOffice call "hàng", `"no"` for a CSV file, whose lines are "dòng": the selector the
    /// catalogue's messages take as `$sheet`. The file's name decides, as it decides how the
    /// roster is read (`input::sheet::is_spreadsheet`).
    pub fn sheet(&self) -> &'static str {
        if crate::input::sheet::is_spreadsheet(std::path::Path::new(self.file.as_ref())) {
            "yes"
        } else {
            "no"
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (record, line) = (self.record, self.line as usize);
        let sheet = self.sheet();
        write!(
            f,
            "{}",
            crate::t!("origin-line", file = self.file.as_ref(), record = record, sheet = sheet, line = line)
        )
    }
}

/// What a single record got wrong. Each variant names the thing, never the library that found it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// A field the template requires is empty (or only spaces).
    #[error("{}", crate::t!("err-error-empty-required"))]
    EmptyRequired,
    /// A character that the font used for it cannot draw.
    #[error("{}", crate::t!("err-error-missing-glyph", ch = format!("{}", describe_char(*ch)), font = format!("{}", .font)))]
    MissingGlyph {
        /// The character.
        ch: char,
        /// The font's full name.
        font: String,
    },
    /// A date that cannot be read as day/month/year.
    #[error("{}", crate::t!("err-error-invalid-date", value = format!("{:?}", .value), reason = crate::l10n::word_diagnostic(.reason)))]
    InvalidDate {
        /// The value as given.
        value: String,
        /// Why it was refused.
        reason: crate::viet::DateError,
    },
    /// A gender that is neither Nam nor Nữ.
    #[error("{}", crate::t!("err-error-invalid-gender", value = format!("{:?}", .value)))]
    InvalidGender {
        /// The value as given.
        value: String,
    },
    /// A line break inside a field that is printed on one line.
    #[error("{}", crate::t!("err-error-line-break"))]
    LineBreak,
    /// A field over the size limit; it is never laid out.
    #[error("{}", crate::t!("err-error-field-too-long", bytes = format!("{}", .bytes), limit = format!("{}", .limit)))]
    FieldTooLong {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A row with more or fewer fields than the header.
    #[error("{}", crate::t!("err-error-wrong-field-count", found = format!("{}", .found), expected = format!("{}", .expected)))]
    WrongFieldCount {
        /// The header's field count.
        expected: usize,
        /// This row's field count.
        found: usize,
    },
    /// A text that does not fit its box even at the element's minimum size.
    #[error("{}", crate::t!("err-error-text-overflow", element = format!("{}", .element), min_size_pt = format!("{}", .min_size_pt), text = format!("{:?}", .text)))]
    TextOverflow {
        /// The element's name in the template.
        element: String,
        /// The smallest size tried.
        min_size_pt: f32,
        /// The text that did not fit.
        text: String,
    },
    /// A template expression failed for this record; `message` holds the whole cause chain.
    #[error("{}", crate::t!("err-error-template", element = format!("{}", .element), message = format!("{}", .message)))]
    Template {
        /// The element's name.
        element: String,
        /// The error with all its causes.
        message: String,
    },
    /// The output file name pattern gave an unusable name.
    #[error("{}", crate::t!("err-error-empty-file-name"))]
    EmptyFileName,
    /// Bytes that are not UTF-8 in an otherwise UTF-8 file.
    #[error("{}", crate::t!("err-error-invalid-bytes", offset = format!("{}", .offset)))]
    InvalidBytes {
        /// 0-based offset in the file.
        offset: usize,
    },
    /// An invisible character was removed (a warning, not an error).
    #[error("{}", crate::t!("err-error-invisible-removed", ch = format!("{}", describe_char(*ch))))]
    InvisibleRemoved {
        /// The character.
        ch: char,
    },
    /// A character that looks like a Vietnamese letter but is another one.
    #[error("{}", crate::t!("err-error-look-alike", ch = format!("{}", describe_char(*ch)), looks_like = format!("{}", .looks_like), what = format!("{}", .what)))]
    LookAlike {
        /// The character.
        ch: char,
        /// What it imitates.
        looks_like: char,
        /// What it really is.
        what: &'static str,
    },
    /// A value that must be unique is used by an earlier record.
    #[error("{}", crate::t!("err-error-duplicate", value = format!("{:?}", .value), record = format!("{}", first.record), sheet = first.sheet(), line = format!("{}", first.line)))]
    Duplicate {
        /// The value.
        value: String,
        /// Where it is first used.
        first: Origin,
    },
    /// The claims to sign are incomplete or not allowed.
    #[error("{}", crate::t!("err-error-claim", problem = crate::l10n::word_diagnostic(.0)))]
    Claim(#[source] crate::seal::claims::ClaimError),
    /// The signed record does not fit the printed QR size.
    #[error("{}", crate::t!("err-error-qr-too-large", message = format!("{}", .message)))]
    QrTooLarge {
        /// The size figures.
        message: String,
    },
    /// Two records of one batch that the register cannot tell apart.
    #[error("{}", crate::t!("err-error-same-identity", record = format!("{}", first.record), sheet = first.sheet(), line = format!("{}", first.line), key = format!("{}", .key)))]
    SameIdentity {
        /// The first one.
        first: Origin,
        /// The identity fields.
        key: String,
    },
    /// A record of the same person (folded name, date of birth) as an earlier record.
    #[error("{}", crate::t!("err-error-same-person", name = .name.as_str(), born = .born.as_str(), year_only = year_only(.born), record = format!("{}", first.record), sheet = first.sheet(), line = format!("{}", first.line)))]
    SamePerson {
        /// The earlier record.
        first: Origin,
        /// This record's name, as written.
        name: String,
        /// The date of birth, as printed.
        born: String,
    },
    /// A record of the same person (folded name, date of birth) as a certificate in force in
    /// the register, of another batch or of no record of this run.
    #[error("{}", crate::t!("err-error-issued-before", name = .name.as_str(), born = .born.as_str(), year_only = year_only(.born), serial = .serial.as_str(), batch = format!("{:?}", .batch), record = format!("{}", .record)))]
    IssuedBefore {
        /// The certificate's số hiệu.
        serial: String,
        /// Its batch.
        batch: String,
        /// Its record number in that batch's roster.
        record: i64,
        /// The certificate's name, as registered.
        name: String,
        /// The date of birth, as printed.
        born: String,
    },
    /// The record differs from the certificate already issued for it.
    #[error("{}", crate::t!("err-error-changed", serial = format!("{}", .serial), issued = crate::viet::day(.issued), changes = format!("{}", .changes)))]
    Changed {
        /// The issued certificate's serial.
        serial: String,
        /// Its issue date.
        issued: String,
        /// What changed.
        changes: String,
    },
    /// A number given in the roster belongs to another certificate in the register.
    #[error("{}", crate::t!("err-error-number-taken", value = format!("{:?}", .value), holder = format!("{}", .holder)))]
    NumberTaken {
        /// The number.
        value: String,
        /// Whose it is.
        holder: String,
    },
    /// UTF-8 text that went through a wrong code page and lost bytes (or holds C1 controls).
    #[error("{}", crate::t!("err-error-code-page-damage", value = format!("{:?}", .value), reading = format!("{:?}", .reading)))]
    CodePageDamage {
        /// As it is in the roster.
        value: String,
        /// What it most likely said (`�` where a byte is lost).
        reading: String,
    },
    /// A word of UTF-8 text shown through a code page, repaired (a note, not an error).
    #[error("{}", crate::t!("err-error-code-page-repaired", from = format!("{:?}", .from), to = format!("{:?}", .to), page = format!("{}", .page)))]
    CodePageRepaired {
        /// As it was in the roster.
        from: String,
        /// As printed.
        to: String,
        /// The code page undone.
        page: &'static str,
    },
}

impl RecordError {
    /// Whether this is a note (something read generously and said), not an error.
    pub fn is_note(&self) -> bool {
        matches!(self, RecordError::CodePageRepaired { .. } | RecordError::InvisibleRemoved { .. })
    }

    /// A one-line suggestion of how to fix it, where there is an obvious one.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            RecordError::EmptyRequired => crate::t!("hint-record-empty"),
            RecordError::MissingGlyph { ch, .. } => {
                if is_cjk(*ch) {
                    crate::t!("hint-record-cjk")
                } else {
                    crate::t!("hint-record-missing-glyph", ch = describe_char(*ch))
                }
            }
            RecordError::InvalidDate { .. } => {
                crate::t!("hint-record-date")
            }
            RecordError::InvalidGender { .. } => crate::t!("hint-record-gender"),
            RecordError::LineBreak => crate::t!("hint-record-line-break"),
            RecordError::FieldTooLong { .. } => crate::t!("hint-record-too-long"),
            RecordError::WrongFieldCount { expected, found } if found > expected => {
                crate::t!("hint-record-more-fields")
            }
            RecordError::WrongFieldCount { .. } => crate::t!("hint-record-fewer-fields"),
            RecordError::TextOverflow { .. } => {
                crate::t!("hint-record-overflow")
            }
            RecordError::Template { .. } => return None,
            RecordError::EmptyFileName => crate::t!("hint-record-file-name"),
            RecordError::InvalidBytes { .. } => {
                crate::t!("hint-record-bytes")
            }
            RecordError::InvisibleRemoved { .. } => crate::t!("hint-record-invisible"),
            RecordError::LookAlike { looks_like, ch, .. } => crate::t!(
                "hint-record-look-alike",
                ch = describe_char(*ch),
                looks_like = format!("{looks_like} (U+{:04X})", *looks_like as u32)
            ),
            RecordError::Duplicate { .. } => crate::t!("hint-record-duplicate"),
            RecordError::Claim(e) if e.claim() == Some("serial") => {
                crate::t!("hint-record-serial")
            }
            RecordError::SameIdentity { .. } => {
                crate::t!("hint-record-same-identity")
            }
            RecordError::SamePerson { .. } => crate::t!("hint-record-same-person"),
            RecordError::IssuedBefore { .. } => crate::t!("hint-record-issued-before"),
            RecordError::Changed { .. } => {
                crate::t!("hint-record-changed")
            }
            RecordError::NumberTaken { .. } => {
                crate::t!("hint-record-number-taken")
            }
            RecordError::Claim(_) => crate::t!("hint-record-claim"),
            RecordError::CodePageDamage { .. } => {
                crate::t!("hint-record-code-page-damage")
            }
            RecordError::CodePageRepaired { .. } => {
                crate::t!("hint-record-code-page-repaired")
            }
            RecordError::QrTooLarge { .. } => {
                crate::t!("hint-record-qr-too-large")
            }
        })
    }
}

/// One problem of one record, with the column (roster header) or template element it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where the record is.
    pub origin: Origin,
    /// The roster column as written in its header, when the problem is in one.
    pub column: Option<String>,
    /// The template element, when the problem is in what the template itself prints (not in a
    /// roster column).
    pub element: Option<String>,
    /// What is wrong.
    pub error: RecordError,
    /// How many later records have the very same problem. Used for problems that come from the
    /// template or the batch variables rather than a roster column, which would otherwise repeat
    /// once per record.
    pub also_in: usize,
}

impl Problem {
    /// A problem of the record at `origin`.
    pub fn new(origin: Origin, column: Option<String>, error: RecordError) -> Problem {
        Problem { origin, column, element: None, error, also_in: 0 }
    }

    /// A problem in what a template element prints by itself, whatever the record.
    pub fn in_element(origin: Origin, element: String, error: RecordError) -> Problem {
        Problem { origin, column: None, element: Some(element), error, also_in: 0 }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        if let Some(col) = &self.column {
            write!(f, ", {}", crate::t!("problem-column", column = col.as_str()))?;
        } else if let Some(element) = &self.element {
            write!(f, ", {}", crate::t!("problem-element", element = element.as_str()))?;
        }
        write!(f, ": {}", self.error)?;
        if self.also_in > 0 {
            write!(f, " {}", crate::t!("problem-also-in", n = self.also_in))?;
        }
        Ok(())
    }
}

/// "yes" when a date of birth is a bare year ("sinh năm 1962", not "sinh ngày …").
fn year_only(born: &str) -> &'static str {
    if born.len() == 4 && born.bytes().all(|b| b.is_ascii_digit()) {
        "yes"
    } else {
        "no"
    }
}

/// `U+963F '阿'`, the way problems name characters (invisible ones without the quotes).
pub fn describe_char(ch: char) -> String {
    if ch.is_control() || ch.is_whitespace() || is_invisible(ch) {
        format!("U+{:04X}", ch as u32)
    } else {
        format!("U+{:04X} '{ch}'", ch as u32)
    }
}

fn is_invisible(ch: char) -> bool {
    matches!(ch as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF)
}

fn is_cjk(ch: char) -> bool {
    matches!(ch as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// An I/O error with the path it happened on: data of `util::files` (below the format code,
/// which writes files too), named here for the rest of the crate.
pub use crate::util::files::IoError;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_names_file_record_line_column_and_code_point() {
        let p = Problem::new(
            Origin { file: "roster.csv".into(), record: 12, line: 13 },
            Some("ho_ten".into()),
            RecordError::MissingGlyph { ch: '阿', font: "Liberation Serif".into() },
        );
        assert_eq!(
            p.to_string(),
            // The library words it in the run's language: Vietnamese unless English was chosen.
            "roster.csv: bản ghi 12 (dòng 13), cột ho_ten: ký tự U+963F '阿' không có trong phông Liberation Serif"
        );
        assert!(p.error.hint().unwrap().contains("quốc ngữ"));
    }

    #[test]
    fn describe_char_hides_invisible_characters() {
        assert_eq!(describe_char('\u{FE0F}'), "U+FE0F");
        assert_eq!(describe_char('😀'), "U+1F600 '😀'");
    }
}
