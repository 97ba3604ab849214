//! `register audit`: the register against what was signed — every entry's code verifies, its
//! columns and record equal its signed claims, its status is the signed list's, every issued
//! certificate has its PDF and each PDF is the file issued.

use std::path::Path;

use serde::Serialize;

use super::{open_register, RunError, Waiting};
use crate::seal::verify::Trust;
use crate::viet::Date;

/// Which register, against which keys.
pub struct AuditRequest<'a> {
    /// The register.
    pub register: &'a Path,
    /// What the issuer's key folder says (`run::trust::load` of its trust.json, revoked.json
    /// and ledgers).
    pub trust: &'a Trust,
    /// The day of the audit.
    pub today: Date,
    /// What to do while another run holds the register.
    pub waiting: Waiting<'a>,
}

/// One problem, naming the certificate.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The certificate's số hiệu.
    pub serial: String,
    /// What is wrong.
    pub what: String,
}

/// What the audit found.
#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    /// Entries audited.
    pub entries: usize,
    /// PDFs found and checked.
    pub pdfs_checked: usize,
    /// Every problem, in register order.
    pub findings: Vec<Finding>,
    /// What is worth knowing but wrong with nothing here.
    pub notes: Vec<String>,
}

/// Audits the register.
pub fn audit(req: &AuditRequest<'_>) -> Result<AuditReport, RunError> {
    let reg = open_register(req.register, false, req.waiting)?;
    let a = crate::register::audit::audit(&reg, req.trust, req.today)?;
    Ok(AuditReport {
        entries: a.entries,
        pdfs_checked: a.pdfs_checked,
        findings: a.findings.into_iter().map(|f| Finding { serial: f.serial, what: f.what }).collect(),
        notes: a.notes,
    })
}
