//! What a verifier trusts: the issuers' manifests, their revocation lists and issuance ledgers,
//! and the record of what this computer has seen before (so that an older copy is refused).
//! Used by `verify` and `register audit`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{ser, RunError};
use crate::seal::keys;
use crate::seal::trust::{self, TrustError};
use crate::seal::verify::Trust;
use crate::viet::Date;

/// Where the trust comes from.
#[derive(Debug, Clone)]
pub struct TrustRequest {
    /// Trust manifests (`trust.json`, or the folder holding it); a `revoked.json` and a
    /// `ledger/` beside each are read too.
    pub manifests: Vec<PathBuf>,
    /// More revocation lists.
    pub revoked: Vec<PathBuf>,
    /// The fingerprint the manifests' root key must have.
    pub root: Option<String>,
    /// Where the highest sequence numbers seen are kept (`None`: nowhere).
    pub state: Option<PathBuf>,
    /// The day of the check.
    pub today: Date,
}

impl TrustRequest {
    /// The manifests (each with the list and ledgers beside it) and nothing more, no record of
    /// what was seen before.
    pub fn manifests(manifests: Vec<PathBuf>, today: Date) -> TrustRequest {
        TrustRequest { manifests, revoked: Vec::new(), root: None, state: None, today }
    }
}

/// The trust loaded, with what was left out on the way.
#[derive(Serialize)]
pub struct Trusted {
    /// What the verifier trusts.
    #[serde(skip)]
    pub trust: Trust,
    /// Ledger files left out: they cannot be read or do not check (the others still decide).
    #[serde(serialize_with = "ser::errors")]
    pub skipped: Vec<TrustError>,
    /// The record of what was seen could not be saved: its file, and why.
    pub not_saved: Option<NotSaved>,
}

/// The record of sequence numbers seen could not be saved.
#[derive(Debug, Clone, Serialize)]
pub struct NotSaved {
    /// Its file.
    pub file: String,
    /// Why, as the system says it.
    pub error: String,
}

/// Loads the manifests, lists and ledgers of `req`, refusing any older than one seen before.
pub fn load(req: &TrustRequest) -> Result<Trusted, RunError> {
    let mut t = Trust { today: Some(req.today), ..Default::default() };
    let mut seen = crate::seal::seen::Seen::load(req.state.as_deref())?;
    let mut ledger_dirs = Vec::new();
    let mut lists = req.revoked.clone();
    for p in &req.manifests {
        let file = if p.is_dir() { p.join(keys::TRUST) } else { p.clone() };
        t.add_issuer(trust::load_manifest(&file, req.root.as_deref())?);
        let beside = file.with_file_name(keys::REVOKED);
        if beside.is_file() && !lists.contains(&beside) {
            lists.push(beside);
        }
        ledger_dirs.push(file.with_file_name(keys::LEDGERS));
    }
    for i in &t.issuers {
        seen.admit(&i.root.fingerprint(), "trust manifest", i.manifest.seq, &i.path)?;
    }
    for p in &lists {
        let (list, signer) = trust::load_revocations(p, &t.issuers)?;
        let idx =
            t.issuers.iter().position(|i| std::ptr::eq(i, signer)).expect("the signer is one of the issuers");
        t.revocations.push((list, idx));
    }
    // Of one issuer's lists the newest is used. One seen before is required afterwards: none
    // given, or an older one, is no error but the verdict "cannot check revocation" (issue 28,
    // finding 5), so the list seen before is handed to the verifier.
    for (idx, issuer) in t.issuers.iter().enumerate() {
        let fingerprint = issuer.root.fingerprint();
        let before = seen.list_seen_before(&fingerprint);
        if before > 0 {
            t.lists_seen.push((idx, before));
        }
        let newest =
            t.revocations.iter().zip(&lists).filter(|((_, i), _)| *i == idx).max_by_key(|((l, _), _)| l.seq);
        if let Some(((list, _), path)) = newest.filter(|((l, _), _)| l.seq >= before) {
            seen.admit(&fingerprint, "revocation list", list.seq, path)?;
        }
    }
    let mut skipped = Vec::new();
    for dir in ledger_dirs {
        read_ledgers(&dir, &mut t, &mut skipped);
    }
    let not_saved = seen.save().err().map(|e| NotSaved {
        file: seen.path().map(|p| p.display().to_string()).unwrap_or_default(),
        error: e.to_string(),
    });
    Ok(Trusted { trust: t, skipped, not_saved })
}

/// The ledgers of one folder. One bad file (a stray `{}`, a broken download) is left out and
/// noted: the other ledgers still decide, and a code only it could vouch for is not vouched for.
fn read_ledgers(dir: &Path, t: &mut Trust, skipped: &mut Vec<TrustError>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut files: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    for p in files {
        match trust::load_ledger(&p, &t.issuers) {
            Ok((ledger, signer)) => {
                let idx = t
                    .issuers
                    .iter()
                    .position(|i| std::ptr::eq(i, signer))
                    .expect("the signer is one of the issuers");
                t.ledgers.push((ledger, idx));
            }
            Err(e) => skipped.push(e),
        }
    }
}
