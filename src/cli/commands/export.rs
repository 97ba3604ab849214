//! `register export`: the register as .csv, .xlsx or the printable sổ gốc (.pdf), or the
//! blank-usage report (`run::export`).

use std::process::ExitCode;

use super::Outcome;
use crate::cli::args::ExportArgs;
use crate::cli::report;
use crate::register::export::Order;
use crate::run::export::{self, ExportReport, ExportRequest};
use crate::t;
use crate::viet::Date;

pub(in crate::cli) fn run(a: &ExportArgs, today: Date) -> Outcome {
    let r = export::export(&ExportRequest {
        register: &a.register,
        out: &a.out,
        batch: a.batch.as_deref(),
        order: if a.sort == "ten" { Order::Ten } else { Order::Entry },
        blanks: a.blanks,
        day: a.date.unwrap_or(today),
        waiting: &report::waiting,
    })?;
    let out = a.out.display().to_string();
    match r {
        ExportReport::Entries { entries } => println!("{}", t!("export-wrote", n = entries, out = out)),
        ExportReport::Blanks { used, spoiled, .. } => {
            println!("{}", t!("export-blanks-wrote", out = out, used = used, spoiled = spoiled))
        }
    }
    Ok(ExitCode::SUCCESS)
}
