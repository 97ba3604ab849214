//! `site --register`: the look-up entries of every certificate in the register, published as
//! bucket files (docs/spec/verification-qr.md, appendix B) beside the page, with the descriptor
//! `lookup.json` that says their format. Entries the register lacks are computed first and kept
//! there (`register::lookup::fill`); the rest is only grouping and writing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::register::{lookup as stored, Register, RegisterError};
use crate::seal::lookup::{self, Entry, LookupError};

/// Where the buckets go, relative to the site's `.well-known/vncert/`.
pub const FOLDER: &str = "lookup/v1";
/// The descriptor's file name, relative to `.well-known/vncert/`.
pub const DESCRIPTOR: &str = "lookup.json";

/// What the page and `verify --lookup` read first: the format and where its buckets are.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Descriptor {
    /// `vncert-lookup/1`.
    pub format: String,
    /// PBKDF2 rounds.
    pub iterations: u32,
    /// Bits of the locator that name a bucket.
    pub bucket_bits: u32,
    /// The host that salts the keys (the manifest's domain).
    pub host: String,
    /// The key ids entries were made for (one PBKDF2 each per look-up), sorted.
    pub kids: Vec<String>,
    /// The buckets' folder, relative to `.well-known/vncert/`.
    pub folder: String,
    /// How many certificates can be found.
    pub entries: usize,
}

/// What publishing did, for the report.
#[derive(Debug, Default)]
pub struct Published {
    /// Certificates that can be looked up.
    pub entries: usize,
    /// Bucket files written.
    pub buckets: usize,
    /// Entries computed by this run.
    pub computed: usize,
    /// Entries the register already had.
    pub kept: usize,
    /// Certificates left out, by serial, and why.
    pub skipped: Vec<(String, LookupError)>,
}

/// What [`publish`] gives: the descriptor, the files to write under `.well-known/vncert/`, and
/// the report.
pub struct Publication {
    /// `lookup.json`.
    pub descriptor: Descriptor,
    /// The bucket files, relative to `.well-known/vncert/`.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// What was done.
    pub report: Published,
}

/// The entries of `register` for `host` (computing the missing ones; `starting` is told how
/// many first, and the host).
pub fn publish(
    register: &Path,
    host: &str,
    starting: &dyn Fn(usize, &str),
) -> Result<Publication, RegisterError> {
    let mut reg = Register::open(register, false, || {})?;
    let pending = reg.lookup_pending(host)?.len();
    if pending > 0 {
        starting(pending, host);
    }
    let filled = stored::fill(&mut *reg, host, &|| {})?;
    let entries = reg.lookup_entries(host)?;
    let mut kids: Vec<String> = entries.iter().map(|(k, _)| k.clone()).collect();
    kids.sort();
    kids.dedup();
    let mut buckets: BTreeMap<u16, Vec<&Entry>> = BTreeMap::new();
    for (_, e) in &entries {
        buckets.entry(lookup::bucket_of(&e.locator)).or_default().push(e);
    }
    let files: Vec<(PathBuf, Vec<u8>)> = buckets
        .iter()
        .map(|(b, es)| (Path::new(FOLDER).join(lookup::bucket_file(*b)), lookup::write_bucket(*b, es)))
        .collect();
    let descriptor = Descriptor {
        format: lookup::FORMAT.to_string(),
        iterations: lookup::ITERATIONS,
        bucket_bits: lookup::BUCKET_BITS,
        host: host.to_string(),
        kids,
        folder: FOLDER.to_string(),
        entries: entries.len(),
    };
    let published = Published {
        entries: entries.len(),
        buckets: files.len(),
        computed: filled.computed,
        kept: filled.kept,
        skipped: filled.skipped,
    };
    Ok(Publication { descriptor, files, report: published })
}
