//! Spreadsheet rosters (.xlsx, .xlsm, .xls, .ods): cells → rows of text, as the CSV reader would
//! give them. The only module that touches calamine; `roster` turns the rows into a roster.
//!
//! Cells become the text a person sees: date cells as dd/mm/yyyy (Vietnamese order) — except a
//! bare year typed into a date-formatted column, which stays a year — whole
//! numbers without a decimal point or exponent (a 12-digit citizen ID stays whole), text as it is
//! (so a serial stored as text keeps its leading zeros).

use std::path::Path;

use calamine::{open_workbook_auto, Cell, Data, DataRef, Reader, Sheets};

/// Most columns a roster sheet may use. Rosters have about ten; a cell far to the right (XFD is
/// column 16 384) is a stray mark, and reading up to it would allocate the whole empty width for
/// every row.
pub const MAX_SHEET_COLUMNS: u32 = 256;
/// Most cells (non-empty rows × the used width) a sheet is read into: 16 million, about 1.5
/// million records of ten columns, well under a gigabyte.
pub const MAX_SHEET_CELLS: u64 = 16_000_000;
/// Most rows with values a sheet may have: a million, more than any class or course has
/// people (a sheet has at most 1 048 576).
pub const MAX_SHEET_ROWS: u64 = 1_000_000;
/// Most bytes a workbook (a zip of XML) may declare once unzipped: 512 MiB. A roster of a
/// million records is about 150 MiB of XML; a few megabytes zipped into gigabytes of
/// whitespace is an attack.
pub const MAX_UNZIPPED_BYTES: u64 = 512 * 1024 * 1024;
/// Most bytes of cell text a workbook may hold: 200 MiB. A million records of ten columns are
/// about 100 MiB of text; one long text repeated in millions of cells (an .xlsx shared string,
/// an .ods repeated cell) is an attack that multiplies a few bytes on disk into gigabytes.
pub const MAX_CELL_TEXT_BYTES: u64 = 200 * 1024 * 1024;
/// Most shared strings an .xlsx may list: 4 million, four distinct texts for each of a million
/// records. They are all held before the first cell is read, about 60 bytes each however short.
pub const MAX_SHARED_STRINGS: u64 = 4_000_000;

/// A sheet's rows, with the 1-based sheet row number of each.
pub struct SheetRows {
    /// The sheet's name.
    pub name: String,
    /// (row number as Excel shows it, cell texts).
    pub rows: Vec<(u64, Vec<String>)>,
    /// Its merged cells (0-based rows and columns), where the format keeps them (.xlsx, .xls):
    /// a header's group over its parts, a header standing over two rows.
    pub merges: Vec<calamine::Dimensions>,
}

/// Why a workbook cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// Not a readable workbook.
    #[error("{}", crate::t!("err-sheet-open"))]
    Open(#[source] calamine::Error),
    /// Past one of the budgets above; nothing was read into memory beyond it.
    #[error("{}", crate::t!("err-sheet-too-large", what = format!("{}", .what), limit = format!("{}", .limit), found = format!("{}", .found)))]
    TooLarge {
        /// Which budget.
        what: String,
        /// The limit.
        limit: String,
        /// What the file has.
        found: String,
    },
    /// A workbook without a single sheet.
    #[error("{}", crate::t!("sheet-no-sheet-inside"))]
    Empty,
    /// No sheet of that name.
    #[error("{}", crate::t!("err-sheet-no-sheet", name = format!("{:?}", .name), found = format!("{}", found.join(", "))))]
    NoSheet {
        /// The name asked for.
        name: String,
        /// The sheets there are.
        found: Vec<String>,
    },
}

/// Whether `path` names a spreadsheet (by its extension).
pub fn is_spreadsheet(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods"))
}

/// Reads the named sheet, or the first. Workbooks are read within the budgets above:
/// `.xlsx` and `.xlsb` cell by cell (never the whole grid a stray far cell would span), any
/// zipped workbook only if its declared unzipped size is within [`MAX_UNZIPPED_BYTES`], an
/// `.xlsx` only if its shared strings are within [`MAX_SHARED_STRINGS`] and
/// [`MAX_CELL_TEXT_BYTES`], and an `.ods` only if its grid, repeats counted, is within
/// [`MAX_SHEET_CELLS`] and [`MAX_CELL_TEXT_BYTES`] (calamine expands every sheet on opening).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<SheetRows, SheetError> {
    check_unzipped_size(path)?;
    check_declared_contents(path)?;
    let mut wb = open_workbook_auto(path).map_err(SheetError::Open)?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s || n.to_lowercase() == s.to_lowercase())
            .cloned()
            .ok_or_else(|| SheetError::NoSheet { name: s.to_string(), found: names.clone() })?,
        None => names.first().cloned().ok_or(SheetError::Empty)?,
    };
    let mut cells = Cells::default();
    // Merged cells are read for the header; a workbook whose merges cannot be read is read
    // without them (the header is then judged by its cells alone).
    let merges = match &mut wb {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        _ => Vec::new(),
    };
    match &mut wb {
        Sheets::Xlsx(x) => {
            let mut r = x.worksheet_cells_reader(&name).map_err(|e| SheetError::Open(e.into()))?;
            while let Some(c) = r.next_cell().map_err(|e| SheetError::Open(e.into()))? {
                cells.add(c)?;
            }
        }
        Sheets::Xlsb(x) => {
            let mut r = x.worksheet_cells_reader(&name).map_err(|e| SheetError::Open(e.into()))?;
            while let Some(c) = r.next_cell().map_err(|e| SheetError::Open(e.into()))? {
                cells.add(c)?;
            }
        }
        // .xls is bounded by its format (65 536 × 256 cells); .ods is read whole by calamine.
        other => {
            let range = other.worksheet_range(&name).map_err(SheetError::Open)?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (r, c, v) in range.used_cells() {
                cells.add_data(r0 + r as u32, c0 + c as u32, v.clone())?;
            }
        }
    }
    Ok(SheetRows { name, rows: cells.into_rows()?, merges })
}

/// The non-empty cells of a sheet, as they come, within the budgets.
#[derive(Default)]
struct Cells {
    cells: Vec<(u32, u32, String)>,
    width: u32,
    text_bytes: u64,
}

impl Cells {
    fn add(&mut self, c: Cell<DataRef<'_>>) -> Result<(), SheetError> {
        let (row, col) = c.get_position();
        if matches!(c.get_value(), DataRef::Empty) {
            return Ok(());
        }
        self.add_data(row, col, Data::from(c.get_value().clone()))
    }

    fn add_data(&mut self, row: u32, col: u32, v: Data) -> Result<(), SheetError> {
        if matches!(v, Data::Empty) {
            return Ok(());
        }
        if col >= MAX_SHEET_COLUMNS {
            return Err(SheetError::TooLarge {
                what: crate::t!("sheet-what-width"),
                limit: crate::t!("sheet-columns", n = MAX_SHEET_COLUMNS),
                found: crate::t!("sheet-value-in-cell", cell = format!("{}{}", column_name(col), row + 1)),
            });
        }
        self.width = self.width.max(col + 1);
        if self.cells.len() as u64 >= MAX_SHEET_CELLS {
            return Err(SheetError::TooLarge {
                what: crate::t!("sheet-what-sheet"),
                limit: crate::t!("sheet-cells", n = MAX_SHEET_CELLS),
                found: crate::t!("sheet-more-values"),
            });
        }
        let text = cell_text(&v);
        self.text_bytes += text.len() as u64;
        if self.text_bytes > MAX_CELL_TEXT_BYTES {
            return Err(too_much_text(crate::t!("sheet-what-sheet"), self.text_bytes));
        }
        self.cells.push((row, col, text));
        Ok(())
    }

    /// The non-empty rows, each as wide as the widest (so that column letters stay true and no
    /// row looks short), with their 1-based row numbers.
    fn into_rows(mut self) -> Result<Vec<(u64, Vec<String>)>, SheetError> {
        self.cells.sort_by_key(|(r, c, _)| (*r, *c));
        let mut rows: Vec<(u64, Vec<String>)> = Vec::new();
        let width = self.width as usize;
        for (r, c, v) in self.cells {
            if rows.last().is_none_or(|(n, _)| *n != u64::from(r) + 1) {
                if rows.len() as u64 >= MAX_SHEET_ROWS {
                    return Err(too_many_rows(rows.len() as u64 + 1));
                }
                if (rows.len() as u64 + 1) * width as u64 > MAX_SHEET_CELLS {
                    return Err(SheetError::TooLarge {
                        what: crate::t!("sheet-what-sheet"),
                        limit: crate::t!("sheet-cells", n = MAX_SHEET_CELLS),
                        found: crate::t!("sheet-rows-columns", rows = rows.len() + 1, columns = width),
                    });
                }
                rows.push((u64::from(r) + 1, vec![String::new(); width]));
            }
            let last = rows.last_mut().expect("a row was just pushed");
            last.1[c as usize] = v;
        }
        Ok(rows)
    }
}

/// `A`, `B`, … `Z`, `AA`, … as Excel names column `col` (0-based).
pub(crate) fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        s.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

/// Refuses a zipped workbook (.xlsx, .xlsm, .xlsb, .ods) whose entries declare more than
/// [`MAX_UNZIPPED_BYTES`] in all: a zip bomb, before a byte of it is inflated.
fn check_unzipped_size(path: &Path) -> Result<(), SheetError> {
    let Ok(file) = std::fs::File::open(path) else { return Ok(()) }; // calamine says why
    let Ok(mut zip) = zip::ZipArchive::new(file) else { return Ok(()) }; // .xls is no zip
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(SheetError::TooLarge {
            what: crate::t!("sheet-what-unzipped"),
            limit: format!("{} MiB", MAX_UNZIPPED_BYTES / (1024 * 1024)),
            found: format!("{} MiB", total / (1024 * 1024)),
        });
    }
    Ok(())
}

/// The budget of rows, passed at `found`.
fn too_many_rows(found: u64) -> SheetError {
    SheetError::TooLarge {
        what: crate::t!("sheet-what-sheet"),
        limit: crate::t!("sheet-rows", n = MAX_SHEET_ROWS),
        found: crate::t!("sheet-rows", n = found),
    }
}

/// The budget of cell text, passed at `found` bytes.
fn too_much_text(what: String, found: u64) -> SheetError {
    SheetError::TooLarge {
        what,
        limit: crate::t!("sheet-text-bytes", n = MAX_CELL_TEXT_BYTES / (1024 * 1024)),
        found: crate::t!("sheet-text-bytes-more", n = found / (1024 * 1024)),
    }
}

/// Reads, as a stream and before calamine holds anything, what a zipped workbook's XML
/// declares: an .xlsx's shared strings (all held on opening) and an .ods's grid with its
/// repeats (every sheet expanded on opening). A few hundred bytes of XML can declare a
/// billion cells; only counting them first keeps that from being allocated. XML that does not
/// parse is left to calamine to report.
fn check_declared_contents(path: &Path) -> Result<(), SheetError> {
    use std::io::BufReader;
    let Ok(file) = std::fs::File::open(path) else { return Ok(()) };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else { return Ok(()) };
    let names: Vec<String> = zip.file_names().filter_map(|n| Some(n.ok()?.into_owned())).collect();
    for name in names {
        let lower = name.to_ascii_lowercase();
        let scan: fn(&mut dyn std::io::BufRead) -> Result<(), SheetError> = if lower == "content.xml" {
            scan_ods_content
        } else if lower.ends_with("sharedstrings.xml") {
            scan_shared_strings
        } else {
            continue;
        };
        let Ok(entry) = zip.by_name(&name) else { continue };
        scan(&mut BufReader::new(entry))?;
    }
    Ok(())
}

/// The number of an attribute (`uniqueCount`, `table:number-rows-repeated`), 1 if absent or
/// unreadable.
fn attr_number(e: &quick_xml::events::BytesStart<'_>, key: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
}

/// An .xlsx's sharedStrings.xml: its declared count (calamine reserves that much) and the
/// strings and text it really has.
fn scan_shared_strings(input: &mut dyn std::io::BufRead) -> Result<(), SheetError> {
    use quick_xml::events::Event;
    let too_many = |n: u64| SheetError::TooLarge {
        what: crate::t!("sheet-what-shared-strings"),
        limit: crate::t!("sheet-strings", n = MAX_SHARED_STRINGS),
        found: crate::t!("sheet-strings", n = n),
    };
    let mut xml = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    let (mut strings, mut text) = (0u64, 0u64);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "sst" => {
                    let declared = attr_number(&e, "uniqueCount");
                    if declared > MAX_SHARED_STRINGS {
                        return Err(too_many(declared));
                    }
                }
                "si" => {
                    strings += 1;
                    if strings > MAX_SHARED_STRINGS {
                        return Err(too_many(strings));
                    }
                }
                _ => {}
            },
            Ok(Event::Text(t)) => text += t.len() as u64,
            Ok(Event::CData(t)) => text += t.len() as u64,
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
        if text > MAX_CELL_TEXT_BYTES {
            return Err(too_much_text(crate::t!("sheet-what-shared-strings"), text));
        }
    }
}

/// An .ods's content.xml, as calamine will expand it: every table's grid up to its last
/// value, rows and cells repeated as their `number-*-repeated` attributes say, and the text
/// (and formulas) each repeated cell copies. Names are matched with the `table:`, `office:` and
/// `text:` prefixes, as calamine matches them.
fn scan_ods_content(input: &mut dyn std::io::BufRead) -> Result<(), SheetError> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(input);
    let mut buf = Vec::new();
    // Cells of the tables finished so far, and text of all of them.
    let (mut grid_done, mut text) = (0u64, 0u64);
    // The current table: rows seen, the end of the last row with a value, the widest row.
    let (mut rows, mut last_row, mut width) = (0u64, 0u64, 0u64);
    // The current row: its repeat, the next column, the end of its last value, its text.
    let (mut row_repeat, mut col, mut row_width, mut row_text) = (1u64, 0u64, 0u64, 0u64);
    // The current cell: its repeat, whether it has a value, its text; None outside a cell.
    let mut cell: Option<(u64, bool, u64)> = None;
    let too_many_cells = |rows: u64, columns: u64| SheetError::TooLarge {
        what: crate::t!("sheet-what-sheet"),
        limit: crate::t!("sheet-cells", n = MAX_SHEET_CELLS),
        found: crate::t!("sheet-rows-columns", rows = rows, columns = columns),
    };
    loop {
        buf.clear();
        let start = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => Some((e, false)),
            Ok(Event::Empty(e)) => Some((e, true)),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-cell" | "table:covered-table-cell" => {
                        if let Some(c) = cell.take() {
                            end_cell(c, &mut col, &mut row_width, &mut row_text);
                        }
                    }
                    "table:table-row" => {
                        rows = rows.saturating_add(row_repeat);
                        if row_width > 0 {
                            last_row = rows;
                            width = width.max(row_width);
                            text = text.saturating_add(row_text.saturating_mul(row_repeat));
                        }
                        if width > u64::from(MAX_SHEET_COLUMNS) {
                            return Err(SheetError::TooLarge {
                                what: crate::t!("sheet-what-width"),
                                limit: crate::t!("sheet-columns", n = MAX_SHEET_COLUMNS),
                                found: crate::t!("sheet-columns", n = width),
                            });
                        }
                        if last_row > MAX_SHEET_ROWS {
                            return Err(too_many_rows(last_row));
                        }
                        if grid_done.saturating_add(last_row.saturating_mul(width)) > MAX_SHEET_CELLS {
                            return Err(too_many_cells(last_row, width));
                        }
                    }
                    "table:table" => {
                        grid_done = grid_done.saturating_add(last_row.saturating_mul(width));
                        (rows, last_row, width) = (0, 0, 0);
                    }
                    _ => {}
                }
                None
            }
            Ok(Event::Text(t)) => {
                if let Some((_, value, bytes)) = &mut cell {
                    *bytes += t.len() as u64;
                    *value = true;
                }
                None
            }
            Ok(Event::GeneralRef(_)) => {
                if let Some((_, value, bytes)) = &mut cell {
                    *bytes += 4;
                    *value = true;
                }
                None
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => None,
        };
        if text > MAX_CELL_TEXT_BYTES {
            return Err(too_much_text(crate::t!("sheet-what-sheet"), text));
        }
        let Some((e, empty)) = start else { continue };
        match e.name().as_ref() {
            "table:table-row" => {
                (row_repeat, col, row_width, row_text) =
                    (attr_number(&e, "table:number-rows-repeated"), 0, 0, 0);
                if empty {
                    rows = rows.saturating_add(row_repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let repeat = attr_number(&e, "table:number-columns-repeated");
                let (mut value, mut bytes) = (false, 0u64);
                for a in e.attributes().flatten() {
                    match a.key.as_ref() {
                        "office:value"
                        | "office:string-value"
                        | "office:date-value"
                        | "office:time-value"
                        | "office:boolean-value"
                        | "table:formula" => {
                            value = true;
                            bytes += a.value.len() as u64;
                        }
                        "office:value-type" => value |= a.value.as_ref() == "string",
                        _ => {}
                    }
                }
                if empty {
                    end_cell((repeat, value, bytes), &mut col, &mut row_width, &mut row_text);
                } else {
                    cell = Some((repeat, value, bytes));
                }
            }
            // Spaces written as a count: calamine writes them all out.
            "text:s" => {
                if let Some((_, value, bytes)) = &mut cell {
                    *bytes = bytes.saturating_add(attr_number(&e, "text:c"));
                    *value = true;
                }
            }
            _ => {}
        }
    }
}

/// Ends a cell of an .ods row: it takes `repeat` columns, and if it has a value the row is at
/// least that wide and holds its text that many times.
fn end_cell(
    (repeat, value, bytes): (u64, bool, u64),
    col: &mut u64,
    row_width: &mut u64,
    row_text: &mut u64,
) {
    *col = col.saturating_add(repeat);
    if value {
        *row_width = *col;
        *row_text = row_text.saturating_add(bytes.max(1).saturating_mul(repeat));
    }
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if !d.is_duration() => {
            let serial = d.as_f64();
            if serial.fract() == 0.0 && (1900.0..=2100.0).contains(&serial) {
                // A year typed into a date-formatted column (Excel would show 1962 as
                // 15/05/1905): the person meant the year.
                format!("{}", serial as i64)
            } else {
                // Excel's serial day 25569 is 1970-01-01.
                crate::viet::Date::from_days(serial.floor() as i64 - 25_569).to_string()
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) => match crate::viet::Date::parse_iso(s.get(..10).unwrap_or(s)) {
            Ok(d) => d.to_string(),
            Err(_) => s.clone(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
