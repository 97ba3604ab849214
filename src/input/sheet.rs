//! Spreadsheet rosters (.xlsx, .xlsm, .xls, .ods): cells → rows of text, as the CSV reader would
//! give them. The only module that touches calamine; `roster` turns the rows into a roster.
//!
//! Cells become the text a person sees: date cells as dd/mm/yyyy (Vietnamese order) — except a
//! bare year typed into a date-formatted column, which stays a year — whole
//! numbers without a decimal point or exponent (a 12-digit citizen ID stays whole), text as it is
//! (so a serial stored as text keeps its leading zeros).

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

/// A sheet's rows, with the 1-based sheet row number of each.
pub struct SheetRows {
    /// The sheet's name.
    pub name: String,
    /// (row number as Excel shows it, cell texts).
    pub rows: Vec<(u64, Vec<String>)>,
}

/// Why a workbook cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// Not a readable workbook.
    #[error("not a readable spreadsheet: {0}")]
    Open(String),
    /// No sheet of that name.
    #[error("no sheet {name:?}; the sheets are: {}", found.join(", "))]
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

/// Reads the named sheet, or the first.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<SheetRows, SheetError> {
    let mut wb = open_workbook_auto(path).map_err(|e| SheetError::Open(e.to_string()))?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s || n.to_lowercase() == s.to_lowercase())
            .cloned()
            .ok_or_else(|| SheetError::NoSheet { name: s.to_string(), found: names.clone() })?,
        None => names.first().cloned().ok_or_else(|| SheetError::Open("the workbook has no sheet".into()))?,
    };
    let range = wb.worksheet_range(&name).map_err(|e| SheetError::Open(e.to_string()))?;
    let first_row = range.start().map(|(r, _)| r as u64).unwrap_or(0);
    let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            // Columns left of the used range still count, so that column letters stay true.
            let mut texts = vec![String::new(); first_col];
            texts.extend(cells.iter().map(cell_text));
            (first_row + i as u64 + 1, texts)
        })
        .collect();
    Ok(SheetRows { name, rows })
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
