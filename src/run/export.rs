//! `register export`: the register as .csv, .xlsx or the printable sổ gốc (.pdf), or the
//! blank-usage report.

use std::path::Path;

use serde::Serialize;

use super::{open_register, RunError, Waiting};
use crate::register::export::{self, Order};
use crate::viet::Date;

/// What to export, where.
pub struct ExportRequest<'a> {
    /// The register.
    pub register: &'a Path,
    /// The file to write; its extension chooses the format.
    pub out: &'a Path,
    /// Only this batch.
    pub batch: Option<&'a str>,
    /// The order of the entries.
    pub order: Order,
    /// The blank-usage report instead of the entries.
    pub blanks: bool,
    /// The day written above the signature of the printed book.
    pub day: Date,
    /// What to do while another run holds the register.
    pub waiting: Waiting<'a>,
}

/// What was written.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "report", rename_all = "kebab-case")]
pub enum ExportReport {
    /// The entries.
    Entries {
        /// How many.
        entries: usize,
    },
    /// The blank-usage report.
    Blanks {
        /// Blanks used.
        used: usize,
        /// Blanks spoiled.
        spoiled: usize,
        /// `(batch, used, spoiled)` per batch.
        batches: Vec<(String, usize, usize)>,
    },
}

/// Writes the export.
pub fn export(req: &ExportRequest<'_>) -> Result<ExportReport, RunError> {
    let reg = open_register(req.register, false, req.waiting)?;
    if req.blanks {
        let totals = export::export_blanks(&reg, req.out, req.batch)?;
        let (used, spoiled) = totals.batches.iter().fold((0, 0), |(u, s), (_, bu, bs)| (u + bu, s + bs));
        return Ok(ExportReport::Blanks { used, spoiled, batches: totals.batches });
    }
    let entries = export::export(&reg, req.out, req.batch, req.order, req.day)?;
    Ok(ExportReport::Entries { entries })
}
