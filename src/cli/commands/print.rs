//! `print`: certificates again from the register alone (no roster, no private key); the
//! printing itself is the register's (`run::print`).

use std::process::ExitCode;

use super::Outcome;
use crate::cli::args::PrintArgs;
use crate::cli::report::{self, Bar};
use crate::run::{self, RunError};
use crate::t;
use crate::viet::Date;

/// `print`: certificates again from the register.
pub(in crate::cli) fn run(a: PrintArgs, today: Date) -> Outcome {
    let register = a.register.as_path();
    let shard = match a.shard {
        Some((Some(k), n)) => Some((k, n)),
        Some((None, n)) => match shard_index_from_env() {
            Some(k) if (1..=n).contains(&k) => Some((k, n)),
            _ => return Err(RunError::NoShardIndex(n)),
        },
        None => None,
    };
    let mut reg = run::open_register(register, false, &report::waiting)?;
    let opts = crate::run::print::PrintOptions {
        batch: a.batch,
        serials: a.serial,
        shard,
        reprint_spoiled: a.blanks.filter(|_| a.reprint_spoiled),
        offset_mm: a.offset,
        merged_pages: a.merged_pages.map(|n| n as usize),
        replace_merged: a.replace_merged,
        esign: crate::cli::esign::job(&a.esign)?,
    };
    let bar = Bar::new(a.quiet);
    let (out, merged) = (a.out.as_deref(), a.merged.as_deref());
    let printed = crate::run::print::print(&mut reg, &opts, out, merged, today, &bar)?;
    let reports = &printed.reports;
    let n: usize = reports.iter().map(|r| r.files.total().max(r.merged_pages)).sum();
    let written: usize = reports.iter().map(|r| r.files.written).sum();
    print!("{}", t!("print-done", register = register.display().to_string(), n = n, written = written));
    match (&printed.tray, opts.reprint_spoiled.is_some()) {
        (Some((first, last)), _) => {
            println!("; {}", t!("issue-summary-tray", n = n, first = first.as_str(), last = last.as_str()))
        }
        (None, true) => {
            println!("; {}", t!("print-nothing-spoiled"));
            for (serial, blank) in &printed.reprinted_before {
                let said = t!("print-reprinted-before", serial = serial.as_str(), blank = blank.as_str());
                eprintln!("{} {said}", t!("label-note"));
            }
        }
        (None, false) => println!(),
    }
    Ok(ExitCode::SUCCESS)
}

/// K of `--shard K/N` when only N was given: Kubernetes' `JOB_COMPLETION_INDEX` (0-based) or
/// Slurm's `SLURM_ARRAY_TASK_ID` (as the array numbers it, 1-based here).
fn shard_index_from_env() -> Option<usize> {
    if let Some(i) = std::env::var("JOB_COMPLETION_INDEX").ok().and_then(|v| v.trim().parse::<usize>().ok()) {
        return Some(i + 1);
    }
    std::env::var("SLURM_ARRAY_TASK_ID").ok().and_then(|v| v.trim().parse::<usize>().ok())
}
