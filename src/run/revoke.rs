//! `revoke`: a certificate marked revoked in the register, and the signed revocation list
//! published again (with any issuance ledger still waiting for the root key).

use std::path::Path;

use serde::Serialize;

use super::publish::{self, Ledgers, Publishing, Revocations};
use super::{open_register, ser, RunError, Waiting};
use crate::register::Revocation;
use crate::seal::keys;
use crate::viet::Date;

/// What to revoke.
pub struct RevokeRequest<'a> {
    /// The certificate's số hiệu, as typed.
    pub serial: &'a str,
    /// The register.
    pub register: &'a Path,
    /// The key folder (its root key signs the list).
    pub keys: &'a Path,
    /// The root key, when it is not in the key folder.
    pub root_key: Option<&'a Path>,
    /// The reason, as the list's code (`issued_in_error`, `fraud`, `superseded`).
    pub reason: &'a str,
    /// The revocation decision (số, ngày).
    pub decision: Option<&'a str>,
    /// For one revoked already: record this reason instead of the one it has.
    pub change_reason: bool,
    /// The day of the revocation.
    pub today: Date,
    /// What to do while another run holds the register.
    pub waiting: Waiting<'a>,
}

/// The certificate as the register holds it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Its số hiệu.
    pub serial: String,
    /// Its holder.
    pub holder_name: String,
    /// The holder's date of birth as printed.
    pub birth_date: String,
    /// The day it was revoked (ISO), when it is.
    pub revoked_on: Option<String>,
    /// Its reason (the list's code), when revoked.
    pub reason: Option<String>,
}

/// What the register did.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// Now revoked.
    Revoked,
    /// Revoked already, for this reason: nothing changed.
    Already,
    /// Revoked already for another reason, which was kept: nothing changed, nothing published.
    OtherReason,
    /// Revoked already; its reason changed, as asked, from this one.
    ReasonChanged {
        /// The reason it had.
        from: String,
    },
}

/// What revoking did.
#[derive(Debug, Serialize)]
pub struct RevokeReport {
    /// The số hiệu as typed (trimmed, NFC).
    pub given: String,
    /// The certificate (its số hiệu may differ from the one typed in case or spacing).
    pub entry: Entry,
    /// What the register did.
    pub outcome: Outcome,
    /// The revocation list published (`None`: not reached, for [`Outcome::OtherReason`]).
    #[serde(serialize_with = "ser::step")]
    pub revocations: Option<Result<Revocations, RunError>>,
    /// The ledgers still waiting for the root key, signed now (`None`: not reached).
    #[serde(serialize_with = "ser::step")]
    pub ledgers: Option<Result<Ledgers, RunError>>,
}

/// Revokes the certificate and publishes the list. An error after the register has recorded
/// the revocation is in the report's `revocations` or `ledgers`, so that the caller still says
/// what the register did.
pub fn revoke(req: &RevokeRequest<'_>) -> Result<RevokeReport, RunError> {
    // Check the key folder first: a revocation that cannot be published is no use yet.
    keys::check_root(req.keys, req.root_key).map_err(RunError::NeedRoot)?;
    let mut reg = open_register(req.register, false, req.waiting)?;
    let given: String = unicode_normalization::UnicodeNormalization::nfc(req.serial.trim()).collect();
    let decision = req.decision.map(str::trim).filter(|d| !d.is_empty());
    let revocation = reg.revoke(&given, req.reason, decision, req.change_reason, req.today)?;
    let (row, outcome) = match revocation {
        Revocation::Revoked(r) => (r, Outcome::Revoked),
        Revocation::Already(r) => (r, Outcome::Already),
        Revocation::OtherReason(r) => (r, Outcome::OtherReason),
        Revocation::ReasonChanged(r, from) => (r, Outcome::ReasonChanged { from }),
    };
    let entry = Entry {
        serial: row.so_hieu,
        holder_name: row.ho_ten,
        birth_date: row.ngay_sinh,
        revoked_on: row.status_date,
        reason: row.reason,
    };
    let mut report = RevokeReport { given, entry, outcome, revocations: None, ledgers: None };
    if matches!(report.outcome, Outcome::OtherReason) {
        return Ok(report);
    }
    let p = Publishing { keys: req.keys, root_key: req.root_key, today: req.today };
    let revocations = publish::revocations(&reg, p);
    let ok = revocations.is_ok();
    report.revocations = Some(revocations);
    if ok {
        // The root key is at hand: ledgers still waiting for it are signed now too.
        report.ledgers = Some(publish::ledgers(&reg, p));
    }
    Ok(report)
}
