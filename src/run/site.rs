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
    /// The register whose look-up entries are published (`--register`, issue 32), and what to
    /// tell before computing the entries it lacks (how many, for which host).
    pub lookup: Option<(&'a Path, &'a Starting)>,
}

/// Told, before the look-up entries a register lacks are computed, how many and for which host.
pub type Starting = dyn Fn(usize, &str);

/// The look-up published (`site --register`).
#[derive(Debug, Serialize)]
pub struct LookupReport {
    /// Certificates that can be looked up.
    pub entries: usize,
    /// Bucket files written.
    pub buckets: usize,
    /// Entries computed by this run.
    pub computed: usize,
    /// Entries the register already had.
    pub kept: usize,
    /// Certificates without one, by serial, and why.
    pub skipped: Vec<(String, crate::util::diag::Diagnostic)>,
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
    /// The look-up published, with `--register`.
    pub lookup: Option<LookupReport>,
}

/// Writes the site.
pub fn site(req: &SiteRequest<'_>) -> Result<SiteReport, RunError> {
    let s = match req.lookup {
        Some((register, starting)) => {
            crate::site::generate_with_lookup(req.keys, req.out, Some(register), starting)?
        }
        None => crate::site::generate(req.keys, req.out)?,
    };
    use crate::util::diag::Diagnose;
    let lookup = s.lookup.map(|l| LookupReport {
        entries: l.entries,
        buckets: l.buckets,
        computed: l.computed,
        kept: l.kept,
        skipped: l.skipped.iter().map(|(serial, e)| (serial.clone(), e.diagnostic())).collect(),
    });
    Ok(SiteReport {
        files: s.files,
        domain: s.domain,
        root_fingerprint: s.root_fingerprint,
        skipped: s.skipped,
        lookup,
    })
}
