//! `site`: the verification site written from the key folder — the page a phone opens from
//! `https://HOST/c#…`, the trust manifest, the revocation list and the ledgers. Serving it to
//! try it is the command line's (`site --serve`).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{ser, RunError};
use crate::seal::trust::TrustError;

/// From which key folder, into which folder.
pub struct SiteRequest<'a> {
    /// The key folder (its trust.json, revoked.json and ledgers are published).
    pub keys: &'a Path,
    /// The folder to write the site into.
    pub out: &'a Path,
}

/// What was written.
#[derive(Debug, Serialize)]
pub struct SiteReport {
    /// Every file, relative to the output folder.
    pub files: Vec<PathBuf>,
    /// The verification host.
    pub domain: String,
    /// The root key's fingerprint the page pins.
    pub root_fingerprint: String,
    /// Ledger files of the key folder left out: they cannot be read or do not check.
    #[serde(serialize_with = "ser::errors")]
    pub skipped: Vec<TrustError>,
}

/// Writes the site.
pub fn site(req: &SiteRequest<'_>) -> Result<SiteReport, RunError> {
    let s = crate::site::generate(req.keys, req.out)?;
    Ok(SiteReport {
        files: s.files,
        domain: s.domain,
        root_fingerprint: s.root_fingerprint,
        skipped: s.skipped,
    })
}
