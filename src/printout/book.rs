//! The printed registers: the sổ gốc as a paper book (one batch after another, each under its
//! heading, a closing block to sign) and the blank-usage report as a table, drawn with the
//! certificates' own layout and PDF stages. The rows come from `export`, which owns the columns'
//! texts; this module only lays them out.

use std::collections::BTreeMap;

use super::export::{dmy, note_text, record_value, ExportError, BLANK_HEADERS};
use crate::fonts::{FontSet, Style, BUNDLED_FAMILY};
use crate::input::fields;
use crate::register::{BlankRow, CertRow, Status};
use crate::render::layout::{self, Item, PageLayout};
use crate::render::pdf::{self, PdfMeta, Resources};
use crate::template::geom::{Align, RectPt, Rgb, VAlign};
use crate::template::TextElement;
use crate::viet::Date;

const PAGE: (f32, f32) = (841.89, 595.28);
const MARGIN: f32 = 36.0;
const ROW_H: f32 = 24.0;
const HEAD_H: f32 = 30.0;
/// Printed columns: index into the table row, width in pt, alignment. Ghi chú holds what
/// happened to the entry: a revoked one with its day, reason and decision.
/// A printed table: its title, its columns (index into the table row — `usize::MAX` for an
/// empty column to sign in —, width in pt, alignment) and their headings, and the PDF's title.
pub(super) struct PrintedTable {
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
pub(super) fn table_pdf(
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
pub(super) struct Book<'a> {
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
pub(super) fn book_pdf(book: &Book, date: Date) -> Result<Vec<u8>, ExportError> {
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
pub(super) fn book_of<'a>(
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

// ---- The blank-usage report ------------------------------------------------------------------

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
pub(super) const BLANKS_REPORT: PrintedTable = PrintedTable {
    title: "book-blanks-title",
    pdf_title: "book-blanks-pdf-title",
    columns: &BLANK_COLUMNS,
    headers: &BLANK_HEADERS,
};
