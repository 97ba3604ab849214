//! The printed reports that are not certificates: the register as a file (`export`: CSV, XLSX
//! and the paper sổ gốc as PDF, and the blank-usage report), the sổ gốc's and the report's PDF
//! pages (`book`), and the printer calibration sheet (`calibrate`). They are drawn with the
//! certificates' own stages (`render::layout`, `render::pdf`); the register only gives the rows.

mod book;
pub mod calibrate;
pub mod export;
