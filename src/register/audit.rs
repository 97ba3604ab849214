//! `register audit`: is the sổ gốc what was signed? Every entry's code is checked against the
//! issuer's trust manifest, its columns against its own signed claims, its PDF (where it still
//! is) against the SHA-256 recorded when it was written, and its numbers for duplicates.
//!
//! The register is a plain SQLite file that anyone with the file can edit; the signed codes are
//! not. An entry whose name or date was changed afterwards no longer matches its code, and a
//! replaced PDF no longer matches its hash. (Rows deleted or added afterwards are found against
//! the batch's root-signed ledger, which comes with the issuance ledgers of issue #11.)

use std::collections::BTreeMap;

use crate::register::{CertRow, Register, RegisterError, Status};
use crate::seal::verify::{self, Trust, Verdict};

/// One thing wrong with one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The entry's số hiệu.
    pub serial: String,
    /// What is wrong, in words.
    pub what: String,
}

/// What an audit found.
#[derive(Debug, Clone)]
pub struct Audit {
    /// Entries audited.
    pub entries: usize,
    /// PDFs found at their path and checked.
    pub pdfs_checked: usize,
    /// Every problem, in register order.
    pub findings: Vec<Finding>,
}

/// Audits every entry of `reg` against `trust` (the issuer's manifest and revocation list).
pub fn audit(reg: &Register, trust: &Trust) -> Result<Audit, RegisterError> {
    let rows = reg.entries(None)?;
    let mut findings = Vec::new();
    let mut pdfs_checked = 0;
    let mut seen: BTreeMap<(&'static str, String), String> = BTreeMap::new();
    for row in &rows {
        let mut found = |what: String| findings.push(Finding { serial: row.so_hieu.clone(), what });
        for (kind, value) in [("số vào sổ", row.so_vao_so.clone()), ("rid", Some(row.rid.clone()))] {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                if let Some(first) = seen.insert((kind, v.clone()), row.so_hieu.clone()) {
                    found(format!("{kind} {v:?} is also {first}'s"));
                }
            }
        }
        for what in against_code(row, trust) {
            found(what);
        }
        if let Some((path, sha)) = &row.pdf {
            if let Ok(bytes) = std::fs::read(path) {
                pdfs_checked += 1;
                if crate::seal::sign::sha256_hex(&bytes) != *sha {
                    found(format!("its PDF {path} is not the file that was issued (SHA-256 differs)"));
                }
            }
        }
    }
    Ok(Audit { entries: rows.len(), pdfs_checked, findings })
}

/// How an entry differs from its own signed code.
fn against_code(row: &CertRow, trust: &Trust) -> Vec<String> {
    let report = verify::verify_text(&row.qr_text, trust);
    let withdrawn = matches!(row.status, Status::Revoked | Status::Reissued);
    match (report.verdict, withdrawn) {
        (Verdict::Valid, _) | (Verdict::Revoked, true) => {}
        (Verdict::Revoked, false) => {
            return vec!["its code is in the revocation list, but the register says it is issued".into()]
        }
        (v, _) => return vec![format!("its code does not verify ({}): {}", v.name(), report.message)],
    }
    let Some(c) = report.claims else { return vec!["its code carries no claims".into()] };
    let mut out = Vec::new();
    let mut differs = |column: &str, register: &str, signed: &str| {
        if register != signed {
            out.push(format!("{column} is {register:?} in the register but {signed:?} in its signed code"));
        }
    };
    differs("số hiệu", &row.so_hieu, &c.serial);
    differs("họ tên", &row.ho_ten, &c.name);
    differs("số vào sổ", row.so_vao_so.as_deref().unwrap_or(""), c.registry_number.as_deref().unwrap_or(""));
    differs("ngày cấp", &row.issue_date, &crate::viet::Date::from_days(c.issue_date).iso());
    let birth = match (c.birth_date, c.birth_year) {
        (Some(d), _) => crate::viet::Date::from_days(d).to_string(),
        (None, Some(y)) => y.to_string(),
        (None, None) => String::new(),
    };
    if !birth.is_empty() {
        differs("ngày sinh", &row.ngay_sinh, &birth);
    }
    out
}
