//! Where a problem came from, and the problems a record can have.
//!
//! Every stage reports user-caused problems as a [`Problem`]: the origin (file, record, line),
//! the column or template element involved, what is wrong, and a hint. They are collected for the
//! whole batch so that `check` and `render` can list all of them at once, in roster order.

use std::fmt;
use std::path::PathBuf;
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

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: record {} (line {})", self.file, self.record, self.line)
    }
}

/// What a single record got wrong. Each variant names the thing, never the library that found it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// A field the template requires is empty (or only spaces).
    #[error("required field is empty")]
    EmptyRequired,
    /// A character that the font used for it cannot draw.
    #[error("character {} is not in font {font}", describe_char(*ch))]
    MissingGlyph {
        /// The character.
        ch: char,
        /// The font's full name.
        font: String,
    },
    /// A date that cannot be read as day/month/year.
    #[error("invalid date {value:?}: {reason}")]
    InvalidDate {
        /// The value as given.
        value: String,
        /// Why it was refused.
        reason: String,
    },
    /// A gender that is neither Nam nor Nữ.
    #[error("gender {value:?} is neither Nam nor Nữ")]
    InvalidGender {
        /// The value as given.
        value: String,
    },
    /// A line break inside a field that is printed on one line.
    #[error("line break inside the field")]
    LineBreak,
    /// A field over the size limit; it is never laid out.
    #[error("field is {bytes} bytes long, over the limit of {limit} bytes")]
    FieldTooLong {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A row with more or fewer fields than the header.
    #[error("has {found} fields, the header has {expected}")]
    WrongFieldCount {
        /// The header's field count.
        expected: usize,
        /// This row's field count.
        found: usize,
    },
    /// A text that does not fit its box even at the element's minimum size.
    #[error("text of element {element} does not fit its box even at {min_size_pt} pt: {text:?}")]
    TextOverflow {
        /// The element's name in the template.
        element: String,
        /// The smallest size tried.
        min_size_pt: f32,
        /// The text that did not fit.
        text: String,
    },
    /// A template expression failed for this record; `message` holds the whole cause chain.
    #[error("template element {element}: {message}")]
    Template {
        /// The element's name.
        element: String,
        /// The error with all its causes.
        message: String,
    },
    /// The output file name pattern gave an unusable name.
    #[error("file name pattern gave an empty name")]
    EmptyFileName,
    /// Bytes that are not UTF-8 in an otherwise UTF-8 file.
    #[error("byte {offset} is not valid UTF-8")]
    InvalidBytes {
        /// 0-based offset in the file.
        offset: usize,
    },
    /// An invisible character was removed (a warning, not an error).
    #[error("removed the invisible character {}", describe_char(*ch))]
    InvisibleRemoved {
        /// The character.
        ch: char,
    },
    /// A character that looks like a Vietnamese letter but is another one.
    #[error("character {} looks like {looks_like} but is {what}", describe_char(*ch))]
    LookAlike {
        /// The character.
        ch: char,
        /// What it imitates.
        looks_like: char,
        /// What it really is.
        what: &'static str,
    },
    /// A value that must be unique is used by an earlier record.
    #[error("{value:?} is already used by record {} (line {})", first.record, first.line)]
    Duplicate {
        /// The value.
        value: String,
        /// Where it is first used.
        first: Origin,
    },
    /// The claims to sign are incomplete or not allowed.
    #[error("cannot sign: {0}")]
    Claim(#[source] crate::seal::claims::ClaimError),
    /// The signed record does not fit the printed QR size.
    #[error("{message}")]
    QrTooLarge {
        /// The size figures.
        message: String,
    },
    /// Two records of one batch that the register cannot tell apart.
    #[error("is the same record as record {} (line {}): equal {key}", first.record, first.line)]
    SameIdentity {
        /// The first one.
        first: Origin,
        /// The identity fields.
        key: String,
    },
    /// The record differs from the certificate already issued for it.
    #[error("differs from certificate {serial} issued on {issued}: {changes}")]
    Changed {
        /// The issued certificate's serial.
        serial: String,
        /// Its issue date.
        issued: String,
        /// What changed.
        changes: String,
    },
    /// A number given in the roster belongs to another certificate in the register.
    #[error("{value:?} is already in the register: {holder}")]
    NumberTaken {
        /// The number.
        value: String,
        /// Whose it is.
        holder: String,
    },
    /// UTF-8 text that went through a wrong code page and lost bytes (or holds C1 controls).
    #[error("{value:?} was damaged by a wrong code page; it most likely reads {reading:?}")]
    CodePageDamage {
        /// As it is in the roster.
        value: String,
        /// What it most likely said (`�` where a byte is lost).
        reading: String,
    },
    /// A word of UTF-8 text shown through a code page, repaired (a note, not an error).
    #[error("{from:?} read as {to:?} (UTF-8 text that had been shown as {page} and saved again)")]
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
            RecordError::EmptyRequired => "fill in the cell; a certificate is never printed with this left blank".into(),
            RecordError::MissingGlyph { ch, .. } => {
                if is_cjk(*ch) {
                    "write the name in Vietnamese letters (quốc ngữ), as on the identity document".into()
                } else {
                    format!(
                        "remove or replace {}, or use a template whose font has it",
                        describe_char(*ch)
                    )
                }
            }
            RecordError::InvalidDate { .. } => {
                "write dates as day/month/year (07/04/1975), as ISO (1975-04-07), or a bare year (1975)".into()
            }
            RecordError::InvalidGender { .. } => "write Nam or Nữ".into(),
            RecordError::LineBreak => "remove the line break (Alt+Enter in Excel) from the cell".into(),
            RecordError::FieldTooLong { .. } => "shorten the cell; it is far longer than anything a certificate can print".into(),
            RecordError::WrongFieldCount { expected, found } if found > expected => {
                "a value probably contains the separator without quotes; quote it, or save again from Excel as \"CSV UTF-8\"".into()
            }
            RecordError::WrongFieldCount { .. } => "fill the missing cells, or save again from Excel as \"CSV UTF-8\"".into(),
            RecordError::TextOverflow { .. } => {
                "shorten the text, or give the element a larger box or a smaller min_size in the template".into()
            }
            RecordError::Template { .. } => return None,
            RecordError::EmptyFileName => "use a file name pattern that includes stt or ho_ten".into(),
            RecordError::InvalidBytes { .. } => {
                "retype the cell, or save the roster from Excel as \"CSV UTF-8 (Comma delimited)\"".into()
            }
            RecordError::InvisibleRemoved { .. } => "nothing to do: it was invisible and is gone; check the cell if it was pasted".into(),
            RecordError::LookAlike { looks_like, ch, .. } => format!(
                "replace {} with {} (U+{:04X}): on screen they look the same, in the name they are different letters",
                describe_char(*ch),
                looks_like,
                *looks_like as u32
            ),
            RecordError::Duplicate { .. } => "each certificate needs its own number; correct one of the two".into(),
            RecordError::Claim(e) if e.claim() == Some("serial") => {
                "fill in so_hieu for this record, or give the template a [register] so_hieu pattern (or --set mau_so_hieu=...)".into()
            }
            RecordError::SameIdentity { .. } => {
                "give each record its own stt, or declare the fields that tell records apart in the template's [register] key".into()
            }
            RecordError::Changed { .. } => {
                "rerun with --reissue to replace the certificate with a new one under new numbers (the old one is then listed as superseded), or put the record back as it was".into()
            }
            RecordError::NumberTaken { .. } => {
                "a number is never given twice: leave the cell empty so the register numbers the record, or give an unused number".into()
            }
            RecordError::Claim(_) => "fix the value, or the [claims] section of the template".into(),
            RecordError::CodePageDamage { .. } => {
                "this text was damaged when the file was saved through a wrong code page (bytes are lost): type it again from the original, or save the sheet from Excel as \"CSV UTF-8 (Comma delimited)\"".into()
            }
            RecordError::CodePageRepaired { .. } => {
                "nothing to do for this run; correct the cell in the roster (save it as \"CSV UTF-8\") so it reads right everywhere".into()
            }
            RecordError::QrTooLarge { .. } => {
                "shorten or abbreviate the programme title (chuong_trinh), sign a programme code instead, or enlarge the template's qr element".into()
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
            write!(f, ", column {col}")?;
        } else if let Some(element) = &self.element {
            write!(f, ", column (template element {element})")?;
        }
        write!(f, ": {}", self.error)?;
        if self.also_in > 0 {
            write!(
                f,
                " (and the same in {} later record{})",
                self.also_in,
                if self.also_in == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
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

/// An I/O error with the path it happened on (a bare `std::io::Error` never names it).
#[derive(Debug, thiserror::Error)]
#[error("{action} {}", path.display())]
pub struct IoError {
    /// What was being done: "cannot read", "cannot write", …
    pub action: &'static str,
    /// The file or folder.
    pub path: PathBuf,
    /// The cause.
    #[source]
    pub source: std::io::Error,
}

impl IoError {
    /// Wraps `source` with what was being done to `path`.
    pub fn new(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        IoError { action, path: path.into(), source }
    }
}

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
            "roster.csv: record 12 (line 13), column ho_ten: character U+963F '阿' is not in font Liberation Serif"
        );
        assert!(p.error.hint().unwrap().contains("quốc ngữ"));
    }

    #[test]
    fn describe_char_hides_invisible_characters() {
        assert_eq!(describe_char('\u{FE0F}'), "U+FE0F");
        assert_eq!(describe_char('😀'), "U+1F600 '😀'");
    }
}
