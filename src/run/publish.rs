//! What the root key signs after the register changed: the revocation list (from the register's
//! revoked and replaced certificates) and the issuance ledgers of batches not all in one yet.
//! Used by `issue` and `revoke`. Without the root key (kept offline), ledgers wait for the next
//! run that has it; that is reported, not an error.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{ser, RunError};
use crate::register::Register;
use crate::seal::keys::{self, KeysError};
use crate::seal::trust::TrustError;
use crate::viet::Date;

/// The key folder and the day the root key signs on.
#[derive(Debug, Clone, Copy)]
pub struct Publishing<'a> {
    /// The key folder.
    pub keys: &'a Path,
    /// The root key, when it is not in the key folder.
    pub root_key: Option<&'a Path>,
    /// The day of signing.
    pub today: Date,
}

/// What publishing the revocation list did.
#[derive(Debug, Clone, Serialize)]
pub struct Revocations {
    /// The list's file.
    pub file: PathBuf,
    /// A new list was signed (`false`: the list there already held exactly these entries).
    pub written: bool,
    /// Entries of the register in it.
    pub entries: usize,
}

/// Rewrites the signed revocation list in the key folder from the register.
pub fn revocations(reg: &Register, p: Publishing<'_>) -> Result<Revocations, RunError> {
    let entries = reg.revocations()?;
    let n = entries.len();
    Ok(match keys::publish_revocations(p.keys, p.root_key, &entries, p.today)? {
        keys::Published::Written(file) => Revocations { file, written: true, entries: n },
        keys::Published::Unchanged(file) => Revocations { file, written: false, entries: n },
    })
}

/// Rewrites the revocation list if the register has revocations the published list lacks
/// (certificates replaced by this run, or by an earlier one whose list could not be signed):
/// `None` when there are none.
pub fn revocations_if_pending(
    reg: &Register,
    p: Publishing<'_>,
) -> Result<Option<Result<Revocations, RunError>>, RunError> {
    let pending = reg.revocations()?;
    let published = keys::published_revocations(p.keys).unwrap_or_default();
    if pending.iter().any(|(rid, _, _)| !published.contains(rid)) {
        return Ok(Some(revocations(reg, p)));
    }
    Ok(None)
}

/// What became of the issuance ledgers.
#[derive(Debug, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Ledgers {
    /// Every certificate is in a signed ledger already.
    UpToDate,
    /// The root key is not at hand: these certificates wait for the next run that has it.
    Waiting {
        /// Certificates waiting.
        certificates: usize,
        /// Where the root key was looked for.
        root: PathBuf,
    },
    /// Signed.
    Signed(Signed),
    /// The root key could not sign them (they wait); why.
    NotSigned {
        /// Why.
        #[serde(serialize_with = "ser::error")]
        error: KeysError,
    },
}

/// The ledgers signed.
#[derive(Debug, Default, Serialize)]
pub struct Signed {
    /// Ledgers written.
    pub written: Vec<PathBuf>,
    /// Of those, ledgers of version 1 rewritten as version 2.
    pub upgraded: usize,
    /// Ledgers of version 1 left as they are because they list certificates the register no
    /// longer has (how many).
    pub not_upgraded: Vec<(PathBuf, usize)>,
    /// Batches and keys left out because the key is compromised.
    pub withheld: Vec<(String, String)>,
    /// The index of the folder's ledgers, written again.
    pub index: Option<PathBuf>,
    /// Ledger files the index leaves out.
    #[serde(serialize_with = "ser::errors")]
    pub skipped: Vec<TrustError>,
}

/// Signs the issuance ledger of every batch and key whose certificates are not all in one yet.
pub fn ledgers(reg: &Register, p: Publishing<'_>) -> Result<Ledgers, RunError> {
    let pending = keys::ledgers_pending(p.keys, reg.ledger_groups()?)?;
    if pending.is_empty() {
        return Ok(Ledgers::UpToDate);
    }
    let root = keys::root_key_path(p.keys, p.root_key);
    if std::fs::symlink_metadata(&root).is_err() {
        let certificates = pending.iter().map(|g| g.rids.len()).sum();
        return Ok(Ledgers::Waiting { certificates, root });
    }
    Ok(match keys::publish_ledgers(p.keys, p.root_key, pending, p.today) {
        Ok(done) => Ledgers::Signed(Signed {
            written: done.written,
            upgraded: done.upgraded,
            not_upgraded: done.not_upgraded,
            withheld: done.withheld,
            index: done.index,
            skipped: done.skipped,
        }),
        Err(error) => Ledgers::NotSigned { error },
    })
}
