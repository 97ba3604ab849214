//! `register audit`: the register against what was signed (`run::audit`). Exit 0 clean, 1 with
//! every problem naming the serial.

use std::path::Path;
use std::process::ExitCode;

use super::Outcome;
use crate::cli::report;
use crate::run::audit::{self, AuditRequest};
use crate::run::trust::{self, TrustRequest};
use crate::t;
use crate::viet::Date;

pub(in crate::cli) fn run(register: &Path, keys: &Path, today: Date) -> Outcome {
    let trusted = trust::load(&TrustRequest::manifests(vec![keys.to_path_buf()], today))?;
    report::print_trusted(&trusted);
    let a =
        audit::audit(&AuditRequest { register, trust: &trusted.trust, today, waiting: &report::waiting })?;
    for f in &a.findings {
        println!("{} {}: {}", t!("label-error"), f.serial, f.what);
    }
    for n in &a.notes {
        println!("{} {n}", t!("label-note"));
    }
    let summary = t!(
        "audit-summary",
        register = register.display().to_string(),
        entries = a.entries,
        pdfs = a.pdfs_checked,
        problems = a.findings.len()
    );
    println!("{summary}");
    Ok(if a.findings.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(report::SOME_SKIPPED) })
}
