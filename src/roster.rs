//! Stage 1: read a roster file into rows of NFC text, each row knowing where it came from.
//!
//! This is the only module that touches the `csv` crate. Everything that decides how bytes become
//! text lives behind [`read`] / [`parse`], so that other encodings and spreadsheet formats can be
//! added here without the later stages noticing.
//!
//! Invariants of the output: every value is NFC and trimmed; the header has no BOM; a row whose
//! field count differs from the header's, or with an oversized field, is kept (so that record
//! numbers stay right) and its problem is reported in `problems`.

use std::path::Path;
use std::sync::Arc;

use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::error::{IoError, Origin, Problem, RecordError};

/// The largest field accepted, in bytes. Nothing on a certificate is anywhere near this long; the
/// limit stops a pasted document from being laid out (or held in memory many times over).
pub const MAX_FIELD_BYTES: usize = 4096;

/// The largest roster file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// A roster as read: its header and its rows in file order.
#[derive(Debug, Clone)]
pub struct Roster {
    /// The file's name as the user gave it, used in every message.
    pub file: Arc<str>,
    /// Column names as written in the header (NFC, trimmed).
    pub headers: Vec<String>,
    /// The data rows.
    pub rows: Vec<RosterRow>,
    /// Problems found while reading (wrong field counts, oversized fields), in file order.
    pub problems: Vec<Problem>,
}

/// One data row.
#[derive(Debug, Clone)]
pub struct RosterRow {
    /// Where it starts.
    pub origin: Origin,
    /// Its values, one per header column (missing ones are empty).
    pub values: Vec<String>,
}

/// Why a roster could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    /// The file could not be read.
    #[error(transparent)]
    Io(#[from] IoError),
    /// Bytes that are not UTF-8.
    #[error("{file}: line {line}: byte {offset} is not valid UTF-8")]
    NotUtf8 {
        /// The roster.
        file: Arc<str>,
        /// 1-based line of the bad byte.
        line: usize,
        /// 0-based byte offset of the bad byte.
        offset: usize,
    },
    /// No header line.
    #[error("{file}: the roster is empty")]
    Empty {
        /// The roster.
        file: Arc<str>,
    },
    /// The file is larger than any roster should be.
    #[error("{file}: the roster is {bytes} bytes, over the limit of {MAX_FILE_BYTES} bytes")]
    TooLarge {
        /// The roster.
        file: Arc<str>,
        /// Its size.
        bytes: u64,
    },
    /// The CSV itself is broken (e.g. an unterminated quote).
    #[error("{file}: line {line}: {message}")]
    Csv {
        /// The roster.
        file: Arc<str>,
        /// Where the parser stopped.
        line: u64,
        /// The parser's message.
        message: String,
    },
}

impl RosterError {
    /// A suggestion for the user.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            RosterError::NotUtf8 { .. } => {
                Some("save the roster from Excel as \"CSV UTF-8 (Comma delimited)\"")
            }
            RosterError::Empty { .. } => Some("the first line must be the header (stt,ho_ten,ngay_sinh,…)"),
            RosterError::Csv { .. } => {
                Some("check the quotes around that line, or save again from Excel as \"CSV UTF-8\"")
            }
            _ => None,
        }
    }
}

/// Reads the roster at `path` (UTF-8 CSV, with or without BOM).
pub fn read(path: &Path) -> Result<Roster, RosterError> {
    let label: Arc<str> = path.display().to_string().into();
    let meta = std::fs::metadata(path).map_err(|e| IoError::new("cannot read roster", path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(RosterError::TooLarge { file: label, bytes: meta.len() });
    }
    let bytes = std::fs::read(path).map_err(|e| IoError::new("cannot read roster", path, e))?;
    parse(label, &bytes)
}

/// Parses roster bytes; `file` names the roster in messages.
pub fn parse(file: Arc<str>, bytes: &[u8]) -> Result<Roster, RosterError> {
    // Offsets are reported as a hex editor shows them, counting the BOM we strip.
    let (bom, bytes) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        RosterError::NotUtf8 { file: file.clone(), line, offset: offset + bom }
    })?;
    parse_text(file, text, b',')
}

fn parse_text(file: Arc<str>, text: &str, delimiter: u8) -> Result<Roster, RosterError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let csv_err = |e: csv::Error, file: &Arc<str>| RosterError::Csv {
        file: file.clone(),
        line: e.position().map(|p| p.line()).unwrap_or(0),
        message: e.to_string(),
    };
    let header = match records.next() {
        None => return Err(RosterError::Empty { file }),
        Some(r) => r.map_err(|e| csv_err(e, &file))?,
    };
    let headers: Vec<String> = header.iter().map(clean).collect();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(RosterError::Empty { file });
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut lines = LineCounter::new(text);
    for (i, rec) in records.enumerate() {
        let rec = rec.map_err(|e| csv_err(e, &file))?;
        let line = lines.line_at(rec.position().map(|p| p.byte() as usize).unwrap_or(0));
        // A blank line in the middle of a CSV is no record; Excel writes them after the data.
        if rec.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let origin = Origin { file: file.clone(), record: i + 1, line };
        if rec.len() != headers.len() {
            problems.push(Problem::new(
                origin.clone(),
                None,
                RecordError::WrongFieldCount { expected: headers.len(), found: rec.len() },
            ));
        }
        let mut values = Vec::with_capacity(headers.len());
        for (col, raw) in rec.iter().take(headers.len()).enumerate() {
            if raw.len() > MAX_FIELD_BYTES {
                problems.push(Problem::new(
                    origin.clone(),
                    Some(headers[col].clone()),
                    RecordError::FieldTooLong { bytes: raw.len(), limit: MAX_FIELD_BYTES },
                ));
                values.push(String::new());
            } else {
                values.push(clean(raw));
            }
        }
        values.resize(headers.len(), String::new());
        rows.push(RosterRow { origin, values });
    }
    Ok(Roster { file, headers, rows, problems })
}

/// Physical line numbers from byte offsets. csv's own line count is one short after a CRLF line
/// end (the `\n` is consumed when the next record starts), and Excel writes CRLF.
struct LineCounter<'t> {
    text: &'t [u8],
    pos: usize,
    newlines: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter { text: text.as_bytes(), pos: 0, newlines: 0 }
    }

    /// The 1-based line of the record starting at byte `start` (offsets only grow).
    fn line_at(&mut self, mut start: usize) -> u64 {
        // A record "starting" on the line feed of the previous CRLF (or on blank lines, which csv
        // skips) really starts after them; no record starts with a line break.
        while matches!(self.text.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        let end = start.min(self.text.len());
        if end > self.pos {
            self.newlines += self.text[self.pos..end].iter().filter(|&&b| b == b'\n').count() as u64;
            self.pos = end;
        }
        self.newlines + 1
    }
}

/// NFC and trimmed: NFD input (macOS, some PDF copy-paste) must behave exactly like NFC.
fn clean(raw: &str) -> String {
    let t = raw.trim_matches(|c: char| c.is_whitespace());
    if is_nfc(t) {
        t.to_string()
    } else {
        t.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Roster {
        parse("t.csv".into(), s.as_bytes()).unwrap()
    }

    #[test]
    fn read_strips_bom_and_normalises_nfd_to_nfc() {
        let r = parse("t.csv".into(), "\u{FEFF}stt,ho_ten\r\n1,Nguye\u{302}\u{303}n\r\n".as_bytes()).unwrap();
        assert_eq!(r.headers, ["stt", "ho_ten"]);
        assert_eq!(r.rows[0].values[1], "Nguyễn");
    }

    #[test]
    fn read_counts_records_and_lines_across_quoted_line_breaks() {
        let r = parse_str("a,b\n1,\"x\ny\"\n2,z\n");
        assert_eq!(r.rows[1].origin.record, 2);
        assert_eq!(r.rows[1].origin.line, 4);
    }

    #[test]
    fn read_counts_lines_of_crlf_files_like_an_editor() {
        let r = parse_str("a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\r\n4,5\r\n");
        let lines: Vec<(usize, u64)> = r.rows.iter().map(|r| (r.origin.record, r.origin.line)).collect();
        assert_eq!(lines, [(1, 2), (2, 4), (3, 6)]);
    }

    #[test]
    fn read_reports_every_ragged_row_without_shifting_values() {
        let r = parse_str("a,b,c\n1,2,3\n1,2,3,4\n1,2\n");
        assert_eq!(r.problems.len(), 2);
        assert_eq!(r.problems[0].error, RecordError::WrongFieldCount { expected: 3, found: 4 });
        assert_eq!(r.problems[1].origin.line, 4);
        assert_eq!(r.rows[2].values, ["1", "2", ""]);
    }

    #[test]
    fn read_refuses_invalid_utf8_with_line_and_offset() {
        let err = parse("t.csv".into(), b"a,b\n1,Nguy\xEAn\n").unwrap_err();
        assert_eq!(err.to_string(), "t.csv: line 2: byte 10 is not valid UTF-8");
    }

    #[test]
    fn read_refuses_an_oversized_field_without_keeping_it() {
        let big = "x".repeat(MAX_FIELD_BYTES + 1);
        let r = parse_str(&format!("a,b\n1,{big}\n"));
        assert!(matches!(r.problems[0].error, RecordError::FieldTooLong { .. }));
        assert_eq!(r.rows[0].values[1], "");
    }
}
