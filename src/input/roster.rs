//! Stage 1: read a roster file into rows of NFC text, each row knowing where it came from.
//!
//! This is the only module that touches the `csv` crate. Everything that decides how bytes become
//! text lives behind [`read`] / [`parse`], so that other encodings and spreadsheet formats can be
//! added here without the later stages noticing.
//!
//! Invariants of the output: every value is NFC and trimmed; the header has no BOM; a row whose
//! field count differs from the header's, or with an oversized field, is kept (so that record
//! numbers stay right) and its problem is reported in `problems`.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::error::{IoError, Origin, Problem, RecordError};
use crate::input::footer;
use crate::input::legacy::{self, Legacy};

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
    /// The data rows, when they are held: empty for a roster read as a stream (see [`open_with`]);
    /// [`Roster::rows`] and [`Roster::take_rows`] give the rows either way.
    pub rows: Vec<RosterRow>,
    /// Problems found while reading (wrong field counts, oversized fields), in file order.
    pub problems: Vec<Problem>,
    /// Changes made that the user should know of (invisible characters removed), in file order.
    pub warnings: Vec<Problem>,
    /// How the file was read, when it was not plain comma-separated UTF-8.
    pub notes: Vec<String>,
    /// SHA-256 of the file's bytes, hex (the register keeps it with each batch).
    pub sha256: String,
    /// What each column holds (one per header): a column with values that nothing reads is
    /// said, never dropped (`record::map_columns` decides which).
    pub fill: Vec<ColumnFill>,
    /// Whether it is a workbook (its rows are "hàng" in Vietnamese messages, a CSV's "dòng").
    pub sheet: bool,
    /// Where the rows are read again from, when they are not held.
    stream: Option<Stream>,
    /// The line of the first footer row (totals, signatures: see [`crate::input::footer`]),
    /// skipped when a streamed roster's rows are read again.
    footer_line: Option<u64>,
    /// How many data rows it has.
    len: usize,
}

/// What one column holds, tallied as the rows are first read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnFill {
    /// Rows with a value in it.
    pub filled: usize,
    /// Of those, values shaped like a part of a person's name: one to three words of letters,
    /// each starting with a capital ("Khương", "Thị Mai").
    pub name_like: usize,
    /// The first value, and the line (sheet row) it is on.
    pub first: Option<(String, u64)>,
}

impl ColumnFill {
    /// Whether most of its values (four in five) read as parts of names.
    pub fn looks_like_name_part(&self) -> bool {
        self.filled > 0 && self.name_like * 5 >= self.filled * 4
    }
}

/// Adds a row's values to the tally of its columns.
fn tally(fill: &mut Vec<ColumnFill>, row: &RosterRow) {
    if fill.len() < row.values.len() {
        fill.resize(row.values.len(), ColumnFill::default());
    }
    for (f, v) in fill.iter_mut().zip(&row.values) {
        if v.is_empty() {
            continue;
        }
        f.filled += 1;
        f.name_like += usize::from(name_like(v));
        if f.first.is_none() {
            f.first = Some((v.clone(), row.origin.line));
        }
    }
}

/// Takes a row's values back out of the tally of its columns (a footer row, found after it
/// was read). Footer rows are the last, so a column left with no value has no first one either.
fn untally(fill: &mut [ColumnFill], row: &RosterRow) {
    for (f, v) in fill.iter_mut().zip(&row.values) {
        if v.is_empty() {
            continue;
        }
        f.filled -= 1;
        f.name_like -= usize::from(name_like(v));
        if f.filled == 0 {
            f.first = None;
        }
    }
}

/// The note naming the rows skipped under the list, each by its line and its text.
fn footer_note(skipped: &[RosterRow], sheet: bool) -> String {
    let kind = if sheet { "yes" } else { "no" };
    let rows: Vec<String> = skipped
        .iter()
        .map(|r| {
            crate::t!(
                "roster-footer-row",
                sheet = kind,
                line = r.origin.line.to_string(),
                text = footer::row_text(&r.values)
            )
        })
        .collect();
    crate::t!("roster-note-footer", sheet = kind, count = skipped.len(), rows = rows.join("; "))
}

/// One to three words, each a capital and then letters (or an apostrophe or hyphen: H'Hen); a
/// gender ("Nam", "Nữ") is none, so that a column of them without a header is not taken for
/// given names.
fn name_like(v: &str) -> bool {
    let words = v.split(' ').count();
    (1..=3).contains(&words)
        && crate::viet::parse_gender(v).is_none()
        && v.split(' ').all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
        })
}

/// Where a merged cell of the header row reaches, as `two_row_header` needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Span {
    /// First and last column (0-based).
    pub cols: (usize, usize),
    /// Whether it reaches down into the next row.
    pub down: bool,
}

/// The header of two rows, when `below` is the second row of a header over `above` — a group's
/// parts under it ("Họ và tên" over "Họ đệm | Tên"), the other headers standing over both rows —
/// as Excel lays it out with merged cells (`merges`, those starting on the `above` row), or
/// without them (a group is a header followed by empty cells with labels under them all).
/// Each column is named by its label in `below`, else by its header in `above`.
///
/// `below` is a header, not data, when: it has no digit anywhere (data rows have an STT or a
/// date), every label in it stands under a group (a merged header, an empty header cell, or the
/// header just left of one), and something says so beyond doubt — a merged cell or one of `keys`
/// (folded header names: "ho_dem", "ten") among its labels.
pub(crate) fn two_row_header(
    above: &[String],
    below: &[String],
    merges: &[Span],
    keys: &[String],
) -> Option<Vec<String>> {
    let width = above.len().max(below.len());
    fn at(v: &[String], i: usize) -> &str {
        v.get(i).map_or("", |s| s.as_str())
    }
    if below.iter().all(|c| c.is_empty()) || below.iter().any(|c| c.chars().any(|ch| ch.is_ascii_digit())) {
        return None;
    }
    let across =
        |c: usize| merges.iter().any(|m| !m.down && m.cols.0 <= c && c <= m.cols.1 && m.cols.1 > m.cols.0);
    let mut sure = merges.iter().any(|m| m.down);
    for c in (0..width).filter(|&c| !at(below, c).is_empty()) {
        let group_start =
            (c + 1..width).next().is_some_and(|n| at(above, n).is_empty() && !at(below, n).is_empty());
        if !(across(c) || at(above, c).is_empty() || group_start) {
            return None; // a value under a header of its own: a data row
        }
        sure |= across(c) || keys.contains(&crate::viet::fold_key(at(below, c)));
    }
    sure.then(|| {
        (0..width)
            .map(|c| if at(below, c).is_empty() { at(above, c) } else { at(below, c) }.to_string())
            .collect()
    })
}

/// The folded headers of a name's parts, which mark a second header row in a CSV (where no
/// merged cell can).
fn name_part_keys() -> Vec<String> {
    crate::input::record::NAME_PART_HEADERS.iter().map(|k| k.to_string()).collect()
}

/// A plain UTF-8 CSV file whose rows are read from it each time they are wanted, never held: a
/// roster of a million rows is a quarter of a gigabyte as text and more as rows.
#[derive(Debug, Clone)]
struct Stream {
    path: PathBuf,
    /// Whether the file starts with a UTF-8 byte order mark (skipped).
    bom: bool,
    delimiter: u8,
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
    /// Bytes that are not UTF-8 (nor plainly Windows-1258).
    #[error("{}", crate::t!("err-roster-not-utf8", file = format!("{}", .file), line = format!("{}", .line), offset = format!("{}", .offset)))]
    NotUtf8 {
        /// The roster.
        file: Arc<str>,
        /// 1-based line of the bad byte.
        line: usize,
        /// 0-based byte offset of the bad byte.
        offset: usize,
    },
    /// Excel's lossy ANSI export: letters replaced by `?`.
    #[error("{}", crate::t!("err-roster-lossy-export", file = format!("{}", .file), line = format!("{}", .line), example = format!("{:?}", .example)))]
    LossyExport {
        /// The roster.
        file: Arc<str>,
        /// First line where it shows.
        line: usize,
        /// The damaged word.
        example: String,
    },
    /// A workbook that cannot be read.
    #[error("{}", crate::t!("err-roster-sheet", file = format!("{}", .file)))]
    Sheet {
        /// The workbook.
        file: Arc<str>,
        /// What is wrong.
        #[source]
        source: crate::input::sheet::SheetError,
    },
    /// Forced encoding that does not fit the bytes.
    #[error("{}", crate::t!("err-roster-not-in-encoding", file = format!("{}", .file), encoding = format!("{}", .encoding)))]
    NotInEncoding {
        /// The roster.
        file: Arc<str>,
        /// The encoding asked for.
        encoding: &'static str,
    },
    /// A UTF-16 BOM, then bytes that are not UTF-16.
    #[error("{}", crate::t!("err-roster-not-utf16", file = format!("{}", .file)))]
    NotUtf16 {
        /// The roster.
        file: Arc<str>,
    },
    /// No header line.
    #[error("{}", crate::t!("err-roster-empty", file = format!("{}", .file)))]
    Empty {
        /// The roster.
        file: Arc<str>,
    },
    /// The file is larger than any roster should be.
    #[error("{}", crate::t!("err-roster-too-large", file = format!("{}", .file), bytes = format!("{}", .bytes), max_file_bytes = format!("{}", MAX_FILE_BYTES)))]
    TooLarge {
        /// The roster.
        file: Arc<str>,
        /// Its size.
        bytes: u64,
    },
    /// `--map HEADER=field` names a header the roster does not have.
    #[error("{}", crate::t!("err-roster-map-no-column", file = format!("{}", .file), given = format!("{:?}", .given), header = format!("{:?}", .header), found = format!("{}", found.join(", "))))]
    MapNoColumn {
        /// The roster.
        file: Arc<str>,
        /// The mapping as given.
        given: String,
        /// The header asked for.
        header: String,
        /// The headers it has.
        found: Vec<String>,
    },
    /// `--map HEADER=field` names a field the template does not have.
    #[error("{}", crate::t!("err-roster-map-unknown-field", given = format!("{:?}", .given), field = format!("{:?}", .field), nearest = format!("{}", nearest.join(", "))))]
    MapUnknownField {
        /// The mapping as given.
        given: String,
        /// The field asked for.
        field: String,
        /// The template's fields nearest to it.
        nearest: Vec<String>,
    },
    /// The file changed between two readings of it (a roster read as a stream is read more than
    /// once).
    #[error("{}", crate::t!("err-roster-changed", file = format!("{}", .file)))]
    Changed {
        /// The roster.
        file: Arc<str>,
    },
    /// The CSV itself is broken (e.g. an unterminated quote).
    #[error("{}", crate::t!("err-roster-csv", file = format!("{}", .file), line = format!("{}", .line), message = format!("{}", .message)))]
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
    pub fn hint(&self) -> Option<String> {
        match self {
            RosterError::NotUtf8 { .. }
            | RosterError::NotUtf16 { .. }
            | RosterError::NotInEncoding { .. } => Some(crate::t!("hint-roster-encoding")),
            RosterError::LossyExport { .. } => Some(crate::t!("hint-roster-lossy")),
            RosterError::Empty { .. } => Some(crate::t!("hint-roster-empty")),
            RosterError::Csv { .. } => Some(crate::t!("hint-roster-csv")),
            RosterError::Changed { .. } => Some(crate::t!("hint-roster-changed")),
            RosterError::MapNoColumn { .. } | RosterError::MapUnknownField { .. } => {
                Some(crate::t!("hint-roster-map"))
            }
            RosterError::Sheet { source: crate::input::sheet::SheetError::TooLarge { .. }, .. } => {
                Some(crate::t!("hint-roster-too-large"))
            }
            _ => None,
        }
    }
}

/// How to read a roster.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force an encoding instead of detecting it (CSV).
    pub encoding: Option<Legacy>,
    /// The sheet of a workbook (default: the first).
    pub sheet: Option<String>,
    /// Folded names (and aliases) of the fields the template reads: in a workbook, the header is
    /// the row that names most of them, so title rows and merged cells above it are skipped.
    pub header_keys: Vec<String>,
}

/// Reads the roster at `path`, detecting its encoding.
pub fn read(path: &Path) -> Result<Roster, RosterError> {
    read_with(path, &ReadOptions::default())
}

/// Reads the roster at `path`; `encoding` forces a reading instead of detecting it.
pub fn read_as(path: &Path, encoding: Option<Legacy>) -> Result<Roster, RosterError> {
    read_with(path, &ReadOptions { encoding, ..ReadOptions::default() })
}

/// Reads a CSV (any encoding this tool knows) or a spreadsheet (.xlsx, .xls, .ods), holding
/// every row.
pub fn read_with(path: &Path, opts: &ReadOptions) -> Result<Roster, RosterError> {
    read_held(path, opts)
}

/// [`read_with`], except that a plain UTF-8 CSV file (the common case, and the only one that
/// grows to a million rows) is not held: its rows are read from the file again each time they
/// are wanted, and each reading checks that the file still has the bytes first read. Rosters in
/// other encodings and workbooks are decoded whole, as [`read_with`] does.
pub fn open_with(path: &Path, opts: &ReadOptions) -> Result<Roster, RosterError> {
    let label: Arc<str> = path.display().to_string().into();
    let meta = std::fs::metadata(path).map_err(|e| IoError::new("cannot read roster", path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(RosterError::TooLarge { file: label, bytes: meta.len() });
    }
    if crate::input::sheet::is_spreadsheet(path) || opts.encoding.is_some() {
        return read_held(path, opts);
    }
    let Some(scan) = scan(path)? else {
        return read_held(path, opts);
    };
    let stream = Stream { path: path.to_path_buf(), bom: scan.bom, delimiter: sniff_delimiter(&scan.header) };
    let mut reader = stream.open(&label, None)?;
    let (mut problems, mut warnings, mut len) = (Vec::new(), Vec::new(), 0);
    // Every row's kind (a byte each), and the last rows themselves: a footer is no longer.
    let (mut kinds, mut last) = (Vec::new(), VecDeque::with_capacity(footer::MAX_FOOTER_ROWS + 1));
    while let Some(r) = reader.next_row()? {
        len += 1;
        problems.extend(r.problems);
        warnings.extend(r.warnings);
        kinds.push(footer::row_kind(&r.row.values));
        if last.len() == footer::MAX_FOOTER_ROWS {
            last.pop_front();
        }
        last.push_back(r.row);
    }
    let mut notes = Vec::new();
    let mut footer_line = None;
    if let Some(at) = footer::footer_start(&kinds) {
        let keep = last.len() - (len - at);
        let skipped: Vec<RosterRow> = last.into_iter().skip(keep).collect();
        for row in &skipped {
            untally(&mut reader.fill, row);
        }
        len = at;
        footer_line = skipped.first().map(|r| r.origin.line);
        notes.push(footer_note(&skipped, false));
    }
    if let Some(line) = footer_line {
        problems.retain(|p: &Problem| p.origin.line < line);
        warnings.retain(|p: &Problem| p.origin.line < line);
    }
    match stream.delimiter {
        b';' => notes.push(crate::t!("roster-note-semicolon")),
        b'\t' => notes.push(crate::t!("roster-note-tabs")),
        _ => {}
    }
    if reader.two_rows {
        notes.push(crate::t!("roster-note-two-row-header"));
    }
    let mut fill = std::mem::take(&mut reader.fill);
    fill.resize(reader.headers.len(), ColumnFill::default());
    Ok(Roster {
        file: label,
        headers: reader.headers,
        rows: Vec::new(),
        problems,
        warnings,
        notes,
        sha256: scan.sha256,
        fill,
        sheet: false,
        stream: Some(stream),
        footer_line,
        len,
    })
}

fn read_held(path: &Path, opts: &ReadOptions) -> Result<Roster, RosterError> {
    let label: Arc<str> = path.display().to_string().into();
    let meta = std::fs::metadata(path).map_err(|e| IoError::new("cannot read roster", path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(RosterError::TooLarge { file: label, bytes: meta.len() });
    }
    if crate::input::sheet::is_spreadsheet(path) {
        let rows = crate::input::sheet::read(path, opts.sheet.as_deref())
            .map_err(|source| RosterError::Sheet { file: label.clone(), source })?;
        let mut roster = from_sheet(label, rows, &opts.header_keys)?;
        if let Ok(bytes) = std::fs::read(path) {
            roster.sha256 = crate::seal::sign::sha256_hex(&bytes);
        }
        return Ok(roster);
    }
    let encoding = opts.encoding;
    let bytes = std::fs::read(path).map_err(|e| IoError::new("cannot read roster", path, e))?;
    parse_as(label, &bytes, encoding)
}

/// Parses roster bytes; `file` names the roster in messages. UTF-8 (with or without BOM), UTF-16
/// with BOM (Excel "Unicode Text") and plain Windows-1258 are read; the delimiter is sniffed
/// from the header line (`,`, `;` or TAB).
pub fn parse(file: Arc<str>, bytes: &[u8]) -> Result<Roster, RosterError> {
    parse_as(file, bytes, None)
}

/// [`parse`] with a forced encoding.
pub fn parse_as(file: Arc<str>, bytes: &[u8], forced: Option<Legacy>) -> Result<Roster, RosterError> {
    let mut roster = parse_decoded(file, bytes, forced)?;
    roster.sha256 = crate::seal::sign::sha256_hex(bytes);
    Ok(roster)
}

fn parse_decoded(file: Arc<str>, bytes: &[u8], forced: Option<Legacy>) -> Result<Roster, RosterError> {
    let Decoded { text, note, invalid } = match forced {
        Some(e) => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let text = e
                .decode(body)
                .ok_or(RosterError::NotInEncoding { file: file.clone(), encoding: e.name() })?;
            Decoded {
                text: text.into(),
                note: Some(crate::t!("roster-note-forced", encoding = e.name())),
                invalid: vec![],
            }
        }
        None => decode(&file, bytes)?,
    };
    // (Replacement characters that stand for invalid bytes are reported as such, below.)
    if let Some((line, example)) = legacy::lossy_export(&text).filter(|_| invalid.is_empty()) {
        return Err(RosterError::LossyExport { file, line, example });
    }
    let delimiter = sniff_delimiter(&text);
    let mut roster = parse_text(file, &text, delimiter)?;
    if let Some(e) = note {
        roster.notes.push(e);
    }
    mark_invalid_bytes(&mut roster, &invalid);
    match delimiter {
        b';' => roster.notes.push(crate::t!("roster-note-semicolon")),
        b'\t' => roster.notes.push(crate::t!("roster-note-tabs")),
        _ => {}
    }
    Ok(roster)
}

fn decode<'b>(file: &Arc<str>, bytes: &'b [u8]) -> Result<Decoded<'b>, RosterError> {
    for (bom, big_endian, name) in
        [(&b"\xFF\xFE"[..], false, "UTF-16LE (Excel \"Unicode Text\")"), (&b"\xFE\xFF"[..], true, "UTF-16BE")]
    {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let text = crate::viet::decode_utf16(rest, big_endian)
                .ok_or(RosterError::NotUtf16 { file: file.clone() })?;
            return Ok(Decoded {
                text: text.into(),
                note: Some(crate::t!("roster-note-read-as", encoding = name)),
                invalid: vec![],
            });
        }
    }
    if let Some(enc) = legacy::utf16_without_bom(bytes) {
        let text = enc.decode(bytes).ok_or(RosterError::NotUtf16 { file: file.clone() })?;
        return Ok(Decoded {
            text: text.into(),
            note: Some(crate::t!("roster-note-no-bom", encoding = enc.name())),
            invalid: vec![],
        });
    }
    // Offsets are reported as a hex editor shows them, counting the BOM we strip.
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    match std::str::from_utf8(body) {
        Ok(t) => match legacy::repair(t) {
            // Valid UTF-8 that reads as mojibake and repairs cleanly: say what was undone.
            Some((fixed, inner)) => Ok(Decoded {
                text: fixed.into(),
                note: Some(crate::t!(
                    "roster-note-repaired",
                    encoding = inner.name(),
                    sample = sample_word(t)
                )),
                invalid: vec![],
            }),
            None => Ok(Decoded { text: t.into(), note: None, invalid: vec![] }),
        },
        Err(e) => {
            if let Some((text, enc)) = (bom == 0).then(|| legacy::detect(body)).flatten() {
                return Ok(Decoded {
                    text: text.into(),
                    note: Some(crate::t!("roster-note-read-as", encoding = enc.name())),
                    invalid: vec![],
                });
            }
            // Mostly UTF-8 with a few bad bytes (a cell pasted from elsewhere): read the rest and
            // report each bad place against its record and column, rather than only the first.
            let bad = invalid_offsets(body);
            if bad.len() * 50 > body.len() {
                let offset = e.valid_up_to();
                let line = 1 + body[..offset].iter().filter(|&&b| b == b'\n').count();
                return Err(RosterError::NotUtf8 { file: file.clone(), line, offset: offset + bom });
            }
            let places = bad
                .iter()
                .map(|&o| (o + bom, 1 + body[..o].iter().filter(|&&b| b == b'\n').count()))
                .collect();
            Ok(Decoded { text: String::from_utf8_lossy(body), note: None, invalid: places })
        }
    }
}

/// A workbook sheet's rows as a roster: the header is the row (among the first 30) naming most of
/// the template's fields; empty rows are no records; each record's line is its sheet row.
fn from_sheet(
    file: Arc<str>,
    sheet: crate::input::sheet::SheetRows,
    keys: &[String],
) -> Result<Roster, RosterError> {
    let matches =
        |cells: &[String]| cells.iter().filter(|c| keys.contains(&crate::viet::fold_key(c))).count();
    let first_nonempty = sheet.rows.iter().position(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    let header_at = sheet
        .rows
        .iter()
        .take(30)
        .enumerate()
        .map(|(i, (_, r))| (matches(r), std::cmp::Reverse(i)))
        .max()
        .filter(|(n, _)| *n > 0)
        .map(|(_, std::cmp::Reverse(i))| i)
        .or(first_nonempty)
        .ok_or(RosterError::Empty { file: file.clone() })?;
    let (header_row, header) = &sheet.rows[header_at];
    let mut headers: Vec<String> = header.iter().map(|h| clean(h).0).collect();
    // A header of two rows: the next sheet row, read with it when it is the header's second row.
    let mut data_from = header_at + 1;
    let mut second_row = None;
    if let Some((line, cells)) = sheet.rows.get(data_from).filter(|(l, _)| *l == header_row + 1) {
        let top = (header_row - 1) as u32;
        let spans: Vec<Span> = sheet
            .merges
            .iter()
            .filter(|m| m.start.0 == top)
            .map(|m| Span { cols: (m.start.1 as usize, m.end.1 as usize), down: m.end.0 > top })
            .collect();
        let below: Vec<String> = cells.iter().map(|c| clean(c).0).collect();
        if let Some(h) = two_row_header(&headers, &below, &spans, keys) {
            headers = h;
            data_from += 1;
            second_row = Some(*line);
        }
    }
    // The rows under the list (a total, the signatures) are no records: skipped, and named.
    let data: Vec<&(u64, Vec<String>)> =
        sheet.rows[data_from..].iter().filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty())).collect();
    let kinds: Vec<footer::RowKind> = data.iter().map(|(_, r)| footer::row_kind(r)).collect();
    let (data, under) = data.split_at(footer::footer_start(&kinds).unwrap_or(data.len()));
    // Trailing columns without a header go, unless a row has a value there: that value must be
    // seen (and said), not cut off with the header's width.
    let used = data
        .iter()
        .filter_map(|(_, r)| r.iter().rposition(|c| !c.trim().is_empty()))
        .map(|i| i + 1)
        .max()
        .unwrap_or(0);
    while headers.len() > used && headers.last().is_some_and(|h| h.is_empty()) {
        headers.pop();
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let mut fill = vec![ColumnFill::default(); headers.len()];
    for (line, cells) in data.iter().copied() {
        let origin = Origin { file: file.clone(), record: rows.len() + 1, line: *line };
        let values =
            cell_values(&origin, &headers, cells.iter().map(String::as_str), &mut problems, &mut warnings);
        let row = RosterRow { origin, values };
        tally(&mut fill, &row);
        rows.push(row);
    }
    let mut notes = vec![match second_row {
        None => {
            crate::t!("roster-note-sheet", sheet = format!("{:?}", sheet.name), row = header_row.to_string())
        }
        Some(second) => crate::t!(
            "roster-note-sheet-two-rows",
            sheet = format!("{:?}", sheet.name),
            row = header_row.to_string(),
            second = second.to_string()
        ),
    }];
    if !under.is_empty() {
        let skipped: Vec<RosterRow> = under
            .iter()
            .map(|(line, cells)| RosterRow {
                origin: Origin { file: file.clone(), record: 0, line: *line },
                values: cells.iter().map(|c| clean(c).0).collect(),
            })
            .collect();
        notes.push(footer_note(&skipped, true));
    }
    let len = rows.len();
    Ok(Roster {
        file,
        headers,
        rows,
        problems,
        warnings,
        notes,
        sha256: String::new(),
        fill,
        sheet: true,
        stream: None,
        footer_line: None,
        len,
    })
}

/// A roster's text, how it was read, and where it held bytes that are no text.
struct Decoded<'b> {
    text: std::borrow::Cow<'b, str>,
    /// How it was read, when not plain UTF-8.
    note: Option<String>,
    /// (byte offset, line) of each invalid UTF-8 sequence.
    invalid: Vec<(usize, usize)>,
}

/// Start offsets of the invalid UTF-8 sequences in `bytes`.
fn invalid_offsets(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            out.push(at);
            at += chunk.invalid().len();
        }
    }
    out
}

/// Turns the invalid byte places into problems of the records (and columns) that hold them: each
/// place is in the last record starting at or before its line, in the first field of that record
/// showing a replacement character not yet accounted for.
fn mark_invalid_bytes(roster: &mut Roster, places: &[(usize, usize)]) {
    if places.is_empty() {
        return;
    }
    let mut used: Vec<(usize, usize)> = Vec::new();
    for &(offset, line) in places {
        let Some(i) = roster.rows.iter().rposition(|r| r.origin.line as usize <= line) else { continue };
        let row = &roster.rows[i];
        let col = (0..row.values.len())
            .find(|&c| row.values[c].contains('\u{FFFD}') && !used.contains(&(i, c)))
            .or_else(|| (0..row.values.len()).find(|&c| row.values[c].contains('\u{FFFD}')));
        let already = roster.problems.iter().any(|p| {
            p.origin == row.origin
                && matches!(p.error, RecordError::InvalidBytes { .. })
                && p.column.as_deref() == col.map(|c| roster.headers[c].as_str())
        });
        if let Some(c) = col {
            used.push((i, c));
        }
        if already {
            continue; // one problem per cell: its first bad byte
        }
        roster.problems.push(Problem::new(
            row.origin.clone(),
            col.map(|c| roster.headers[c].clone()),
            RecordError::InvalidBytes { offset },
        ));
    }
    roster.problems.sort_by(|a, b| a.origin.cmp(&b.origin));
}

/// The first word with a non-ASCII character, to show the user what was repaired.
fn sample_word(text: &str) -> String {
    let w =
        text.split(|c: char| c.is_whitespace() || c == ',' || c == ';').find(|w| !w.is_ascii()).unwrap_or("");
    format!("words like {w:?}")
}

/// The delimiter the header line uses most, outside quotes: `,` (the default), `;` or TAB.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.split('\n').next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

fn parse_text(file: Arc<str>, text: &str, delimiter: u8) -> Result<Roster, RosterError> {
    let mut reader = RowReader::new(file.clone(), text.as_bytes(), delimiter, None)?;
    let (mut rows, mut problems, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    while let Some(r) = reader.next_row()? {
        rows.push(r.row);
        problems.extend(r.problems);
        warnings.extend(r.warnings);
    }
    let mut notes = Vec::new();
    if reader.two_rows {
        notes.push(crate::t!("roster-note-two-row-header"));
    }
    let kinds: Vec<footer::RowKind> = rows.iter().map(|r| footer::row_kind(&r.values)).collect();
    if let Some(at) = footer::footer_start(&kinds) {
        let skipped = rows.split_off(at);
        for row in &skipped {
            untally(&mut reader.fill, row);
        }
        let line = skipped[0].origin.line;
        problems.retain(|p: &Problem| p.origin.line < line);
        warnings.retain(|p: &Problem| p.origin.line < line);
        notes.push(footer_note(&skipped, false));
    }
    let len = rows.len();
    let mut fill = std::mem::take(&mut reader.fill);
    fill.resize(reader.headers.len(), ColumnFill::default());
    Ok(Roster {
        file,
        headers: reader.headers,
        rows,
        problems,
        warnings,
        notes,
        sha256: String::new(),
        fill,
        sheet: false,
        stream: None,
        footer_line: None,
        len,
    })
}

impl Roster {
    /// How many data rows it has (blank lines are none).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether its rows are read from the file each time (see [`open_with`]), not held.
    pub fn is_streamed(&self) -> bool {
        self.stream.is_some()
    }

    /// Whether it has no data rows.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Its rows in file order: the held ones, or read again from the file.
    pub fn rows(&self) -> Result<Rows<'_>, RosterError> {
        Ok(match &self.stream {
            None => Rows::Held(self.rows.iter()),
            Some(s) => Rows::Streamed(Box::new(s.open(&self.file, Some(&self.sha256))?), self.footer_line),
        })
    }

    /// [`Roster::rows`], giving the held rows away: each can be let go as soon as it is used.
    pub fn take_rows(&mut self) -> Result<Rows<'static>, RosterError> {
        Ok(match &self.stream {
            None => Rows::Owned(std::mem::take(&mut self.rows).into_iter()),
            Some(s) => Rows::Streamed(Box::new(s.open(&self.file, Some(&self.sha256))?), self.footer_line),
        })
    }
}

/// A roster's rows, in file order (see [`Roster::rows`]). A streamed roster's rows can fail to
/// come: the file went away, or changed since it was first read.
pub enum Rows<'a> {
    /// Held, lent.
    Held(std::slice::Iter<'a, RosterRow>),
    /// Held, given.
    Owned(std::vec::IntoIter<RosterRow>),
    /// Read from the file, up to the footer's line (the file is still read to its end, which
    /// checks that it has the bytes first read).
    Streamed(Box<RowReader<BufReader<std::fs::File>>>, Option<u64>),
}

impl<'a> Iterator for Rows<'a> {
    type Item = Result<Cow<'a, RosterRow>, RosterError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Rows::Held(it) => it.next().map(|r| Ok(Cow::Borrowed(r))),
            Rows::Owned(it) => it.next().map(|r| Ok(Cow::Owned(r))),
            Rows::Streamed(r, footer) => loop {
                match r.next_row().transpose()? {
                    Ok(row) if footer.is_some_and(|line| row.row.origin.line >= line) => continue,
                    other => return Some(other.map(|r| Cow::Owned(r.row))),
                }
            },
        }
    }
}

impl Stream {
    /// Opens the file for a reading of its rows; with `sha256`, the reading fails at its end if
    /// the bytes were not those.
    fn open(
        &self,
        file: &Arc<str>,
        sha256: Option<&str>,
    ) -> Result<RowReader<BufReader<std::fs::File>>, RosterError> {
        let io = |e| RosterError::Io(IoError::new("cannot read roster", &self.path, e));
        let mut f = std::fs::File::open(&self.path).map_err(io)?;
        let skip: &[u8] = if self.bom { b"\xEF\xBB\xBF" } else { b"" };
        f.seek(SeekFrom::Start(skip.len() as u64)).map_err(io)?;
        let check = sha256.map(|want| {
            let mut d = crate::seal::sign::Sha256Stream::default();
            d.update(skip);
            (d, want.to_string())
        });
        RowReader::new(file.clone(), BufReader::with_capacity(1 << 16, f), self.delimiter, check)
    }
}

/// What a plain UTF-8 CSV file was found to be by [`scan`].
struct Scan {
    sha256: String,
    bom: bool,
    /// Its first line (the header), for the delimiter.
    header: String,
}

/// Reads a CSV file once, a megabyte at a time cut at line ends, deciding what [`decode`] would
/// decide of it whole: `None` unless it is UTF-8 that reads as it is (no UTF-16, no invalid
/// bytes, no mojibake to repair, no lossy export) — the files that can be streamed.
fn scan(path: &Path) -> Result<Option<Scan>, RosterError> {
    const PIECE: usize = 1 << 20;
    let io = |e| RosterError::Io(IoError::new("cannot read roster", path, e));
    let mut f = std::fs::File::open(path).map_err(io)?;
    let mut digest = crate::seal::sign::Sha256Stream::default();
    let (mut buf, mut first, mut eof) = (Vec::with_capacity(PIECE * 2), true, false);
    let (mut bom, mut header, mut ascii, mut good, mut words) = (false, String::new(), true, 0usize, 0usize);
    let mut lossy = legacy::LossyScan::default();
    while !eof {
        while buf.len() < PIECE && !eof {
            let at = buf.len();
            buf.resize(at + PIECE, 0);
            let n = f.read(&mut buf[at..]).map_err(io)?;
            buf.truncate(at + n);
            eof = n == 0;
        }
        // Whole lines only, but for the last piece; a UTF-8 sequence never holds a line feed.
        let cut =
            if eof { buf.len() } else { buf.iter().rposition(|&b| b == b'\n').map_or(buf.len(), |i| i + 1) };
        digest.update(&buf[..cut]);
        let mut piece = &buf[..cut];
        let was_first = std::mem::replace(&mut first, false);
        if was_first {
            if piece.starts_with(b"\xFF\xFE")
                || piece.starts_with(b"\xFE\xFF")
                || legacy::utf16_without_bom(piece).is_some()
            {
                return Ok(None);
            }
            if let Some(rest) = piece.strip_prefix(b"\xEF\xBB\xBF") {
                bom = true;
                piece = rest;
            }
        }
        let Ok(text) = std::str::from_utf8(piece) else { return Ok(None) };
        if was_first {
            header = text.split('\n').next().unwrap_or("").to_string();
        }
        ascii &= text.is_ascii();
        let (g, w) = legacy::plausible_words(text);
        (good, words) = (good + g, words + w);
        lossy.feed(text);
        buf.drain(..cut);
    }
    // As `legacy::repair` decides: text that reads well as it is is not repaired.
    let reads_as_is = ascii || (words > 0 && good as f32 / words as f32 > 0.7);
    if !reads_as_is || lossy.found().is_some() {
        return Ok(None);
    }
    Ok(Some(Scan { sha256: digest.hex(), bom, header }))
}

/// One row as read, with what reading it found.
pub struct ReadRow {
    /// The row.
    pub row: RosterRow,
    /// Wrong field count, oversized fields.
    pub problems: Vec<Problem>,
    /// Invisible characters removed.
    pub warnings: Vec<Problem>,
}

/// Reads a CSV's rows one at a time from any reader: a held text or the file itself.
pub struct RowReader<R: Read> {
    file: Arc<str>,
    headers: Vec<String>,
    csv: csv::Reader<Tap<R>>,
    record: csv::StringRecord,
    /// Data records read so far, blank ones included (record numbers count them).
    index: usize,
    /// The SHA-256 the bytes must have, checked at the end.
    expect: Option<String>,
    /// The line of a record read ahead (to see whether it was a second header row) and not
    /// yet given: it is in `record`.
    pending: Option<u64>,
    /// Whether the header was two rows.
    two_rows: bool,
    /// What each column holds, over the rows given so far.
    fill: Vec<ColumnFill>,
}

impl<R: Read> RowReader<R> {
    fn new(
        file: Arc<str>,
        reader: R,
        delimiter: u8,
        check: Option<(crate::seal::sign::Sha256Stream, String)>,
    ) -> Result<Self, RosterError> {
        let (digest, expect) = match check {
            Some((d, e)) => (Some(d), Some(e)),
            None => (None, None),
        };
        let tap = Tap { inner: reader, at: 0, breaks: VecDeque::new(), newlines: 0, digest };
        let csv =
            csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(tap);
        let mut r = RowReader {
            file,
            headers: Vec::new(),
            csv,
            record: csv::StringRecord::new(),
            index: 0,
            expect,
            pending: None,
            two_rows: false,
            fill: Vec::new(),
        };
        if !r.read()? {
            return Err(RosterError::Empty { file: r.file });
        }
        r.headers = r.record.iter().map(|h| clean(h).0).collect();
        if r.headers.iter().all(|h| h.is_empty()) {
            return Err(RosterError::Empty { file: r.file });
        }
        // The next record may be the second row of the header ("Họ đệm","Tên" under
        // "Họ và tên",""): read with the first, or kept for `next_row`.
        if r.read()? {
            let start = r.record.position().map(|p| p.byte()).unwrap_or(0);
            let line = r.csv.get_mut().line_at(start);
            let below: Vec<String> = r.record.iter().map(|h| clean(h).0).collect();
            match two_row_header(&r.headers, &below, &[], &name_part_keys()) {
                Some(h) if below.len() <= r.headers.len() => {
                    r.headers = h;
                    r.two_rows = true;
                }
                _ => r.pending = Some(line),
            }
        }
        Ok(r)
    }

    /// The next CSV record into `self.record`; false at the end (where the bytes are checked).
    fn read(&mut self) -> Result<bool, RosterError> {
        let more = self.csv.read_record(&mut self.record).map_err(|e| {
            if self.expect.is_some() {
                // It was read whole before, so the file changed.
                return RosterError::Changed { file: self.file.clone() };
            }
            RosterError::Csv {
                file: self.file.clone(),
                line: e.position().map(|p| p.line()).unwrap_or(0),
                message: e.to_string(),
            }
        })?;
        if !more {
            if let (Some(want), Some(d)) = (self.expect.take(), self.csv.get_mut().digest.take()) {
                if d.hex() != want {
                    return Err(RosterError::Changed { file: self.file.clone() });
                }
            }
        }
        Ok(more)
    }

    /// The next data row (blank lines skipped), or `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<ReadRow>, RosterError> {
        loop {
            let line = match self.pending.take() {
                Some(line) => line,
                None => {
                    if !self.read()? {
                        return Ok(None);
                    }
                    let start = self.record.position().map(|p| p.byte()).unwrap_or(0);
                    self.csv.get_mut().line_at(start)
                }
            };
            self.index += 1;
            // A blank line in the middle of a CSV is no record; Excel writes them after the data.
            if self.record.iter().all(|v| v.trim().is_empty()) {
                continue;
            }
            let origin = Origin { file: self.file.clone(), record: self.index, line };
            let (mut problems, mut warnings) = (Vec::new(), Vec::new());
            if self.record.len() != self.headers.len() {
                problems.push(Problem::new(
                    origin.clone(),
                    None,
                    RecordError::WrongFieldCount { expected: self.headers.len(), found: self.record.len() },
                ));
            }
            let values =
                cell_values(&origin, &self.headers, self.record.iter(), &mut problems, &mut warnings);
            let row = RosterRow { origin, values };
            tally(&mut self.fill, &row);
            return Ok(Some(ReadRow { row, problems, warnings }));
        }
    }
}

/// Passes bytes on to the CSV reader, noting where the line breaks are (and hashing them, when
/// a reading is checked). csv's own line count is one short after a CRLF line end (the `\n` is
/// consumed when the next record starts), and Excel writes CRLF.
struct Tap<R> {
    inner: R,
    /// Bytes passed on so far.
    at: u64,
    /// Line breaks passed on and not yet counted: (offset, whether a line feed).
    breaks: VecDeque<(u64, bool)>,
    /// Line feeds counted.
    newlines: u64,
    digest: Option<crate::seal::sign::Sha256Stream>,
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' || b == b'\r' {
                self.breaks.push_back((self.at + i as u64, b == b'\n'));
            }
        }
        if let Some(d) = &mut self.digest {
            d.update(&buf[..n]);
        }
        self.at += n as u64;
        Ok(n)
    }
}

impl<R> Tap<R> {
    /// The 1-based line of the record starting at byte `start` (offsets only grow; the reader
    /// has passed on the record, so every break before it is noted).
    fn line_at(&mut self, start: u64) -> u64 {
        while let Some(&(_, feed)) = self.breaks.front().filter(|(at, _)| *at < start) {
            self.newlines += feed as u64;
            self.breaks.pop_front();
        }
        // A record "starting" on the line feed of the previous CRLF (or on blank lines, which csv
        // skips) really starts after them; no record starts with a line break.
        let mut at = start;
        while let Some(&(_, feed)) = self.breaks.front().filter(|(b, _)| *b == at) {
            self.newlines += feed as u64;
            self.breaks.pop_front();
            at += 1;
        }
        self.newlines + 1
    }
}

/// One row's cells as values, one per header (missing ones empty, extra ones dropped — the
/// caller reports a wrong field count): oversized cells refused, every cell cleaned.
fn cell_values<'c>(
    origin: &Origin,
    headers: &[String],
    cells: impl Iterator<Item = &'c str>,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Vec<String> {
    let mut values = Vec::with_capacity(headers.len());
    for (col, raw) in cells.take(headers.len()).enumerate() {
        if raw.len() > MAX_FIELD_BYTES {
            problems.push(Problem::new(
                origin.clone(),
                Some(headers[col].clone()),
                RecordError::FieldTooLong { bytes: raw.len(), limit: MAX_FIELD_BYTES },
            ));
            values.push(String::new());
            continue;
        }
        let (value, removed) = clean(raw);
        for ch in removed {
            warnings.push(Problem::new(
                origin.clone(),
                Some(headers[col].clone()),
                RecordError::InvisibleRemoved { ch },
            ));
        }
        values.push(value);
    }
    values.resize(headers.len(), String::new());
    values
}

/// NFC, trimmed, no-break and other fixed spaces as plain spaces, runs of spaces as one, and
/// invisible characters (zero-width spaces and joiners, word joiner, BOM) removed — returned so
/// the user is told. Line breaks stay: a name must not have one, and that is for `record` to say.
/// NFD input (macOS, some PDF copy-paste) thus behaves exactly like NFC.
fn clean(raw: &str) -> (String, Vec<char>) {
    let mut removed = Vec::new();
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
                if !removed.contains(&c) {
                    removed.push(c);
                }
            }
            ' ' | '\t' | '\u{A0}' | '\u{2007}' | '\u{202F}' => {
                if !space {
                    out.push(' ');
                }
                space = true;
            }
            c => {
                out.push(c);
                space = false;
            }
        }
    }
    let t = out.trim_matches(|c: char| c.is_whitespace());
    let value = if is_nfc(t) { t.to_string() } else { t.nfc().collect() };
    (value, removed)
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
        let err = parse("t.csv".into(), b"a,b\n1,Nguy\xFF\xFEn\n").unwrap_err();
        assert_eq!(err.to_string(), "t.csv: dòng 2: byte 10 không phải UTF-8 hợp lệ");
        // The same place holding a Windows-1258 letter reads as Windows-1258, and says so.
        let r = parse("t.csv".into(), b"a,b\n1,Nguy\xEAn\n").unwrap();
        assert_eq!(r.rows[0].values[1], "Nguyên");
        assert_eq!(r.notes, ["đã đọc theo Windows-1258 (Vietnamese ANSI)"]);
    }

    fn cells(s: &str) -> Vec<String> {
        s.split('|').map(str::to_string).collect()
    }

    #[test]
    fn a_second_header_row_is_told_from_the_first_data_row() {
        let keys = name_part_keys();
        let above = cells("STT|Họ và tên||Ngày sinh|Đơn vị");
        let want = Some(cells("STT|Họ đệm|Tên|Ngày sinh|Đơn vị"));
        // Without merged cells: labels under the group only, one of them a name part's.
        assert_eq!(two_row_header(&above, &cells("|Họ đệm|Tên||"), &[], &keys), want);
        // With them: "Họ và tên" across B:C, the others down over both rows.
        let merges = [
            Span { cols: (0, 0), down: true },
            Span { cols: (1, 2), down: false },
            Span { cols: (3, 3), down: true },
        ];
        assert_eq!(two_row_header(&above, &cells("|Họ đệm|Tên||"), &merges, &[]), want);
        // Data, not a header: a number or a date, or a value under a header of its own.
        assert_eq!(
            two_row_header(&above, &cells("1|Nguyễn Minh|Khương|14/03/1985|Xã A"), &merges, &keys),
            None
        );
        assert_eq!(two_row_header(&above, &cells("|Nguyễn Minh|Khương||Xã A"), &merges, &keys), None);
        // Labels under a group, but nothing says they are a header: read as a row (and checked).
        let above = cells("STT|Họ và tên|Kết quả||Ngày sinh");
        assert_eq!(two_row_header(&above, &cells("||Điểm|Xếp loại|"), &[], &keys), None);
        assert_eq!(
            two_row_header(&above, &cells("||Điểm|Xếp loại|"), &[Span { cols: (2, 3), down: false }], &keys),
            Some(cells("STT|Họ và tên|Điểm|Xếp loại|Ngày sinh"))
        );
    }

    #[test]
    fn a_csv_header_of_two_lines_counts_records_from_the_first_data_line() {
        let r = parse_str("STT,Họ và tên,,Ngày sinh\n,Họ đệm,Tên,\n1,Nguyễn Minh,Khương,1985\n");
        assert_eq!(r.headers, ["STT", "Họ đệm", "Tên", "Ngày sinh"]);
        assert_eq!((r.rows[0].origin.record, r.rows[0].origin.line), (1, 3));
        assert_eq!(r.fill[2], ColumnFill { filled: 1, name_like: 1, first: Some(("Khương".into(), 3)) });
        // A first data line is kept as one.
        let r = parse_str("STT,Họ và tên,,Ngày sinh\n1,Nguyễn Minh,Khương,1985\n");
        assert_eq!(r.headers[2], "");
        assert_eq!((r.rows.len(), r.rows[0].origin.line), (1, 2));
    }

    #[test]
    fn read_refuses_an_oversized_field_without_keeping_it() {
        let big = "x".repeat(MAX_FIELD_BYTES + 1);
        let r = parse_str(&format!("a,b\n1,{big}\n"));
        assert!(matches!(r.problems[0].error, RecordError::FieldTooLong { .. }));
        assert_eq!(r.rows[0].values[1], "");
    }
}
