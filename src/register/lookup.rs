//! Look-up entries in the register (docs/spec/verification-qr.md, appendix B): each certificate's
//! entry for a verification host, computed once and kept, so that publishing a site again costs
//! nothing for the certificates it already had.
//!
//! An entry costs one PBKDF2 of 600,000 rounds (about 0.15 s of one core): 100,000 certificates
//! are CPU-hours. So entries are made in parallel, stored by the store in one transaction
//! ([`Store::lookup_store`]; SQLite: the table `lookup_entries`, schema step 4), and never
//! recomputed: [`fill`] makes only the missing ones. They are made when a site is published
//! with `--register` (every batch, older ones included), not while issuing: the host that salts
//! them is the published one, and a run of `issue` or `print` stays as fast as it was.

use rayon::prelude::*;

use super::{RegisterError, Store};
use crate::seal::lookup::{self, Entry, LookupError, Query};

/// A certificate of the register without an entry for the host, with what its entry is made of.
#[derive(Debug, Clone)]
pub struct Pending {
    /// Its row.
    pub id: i64,
    /// Số hiệu.
    pub serial: String,
    /// Họ và tên.
    pub holder_name: String,
    /// Ngày sinh as registered.
    pub birth_date: String,
    /// The signed code text.
    pub code: String,
}

/// What [`fill`] did.
#[derive(Debug, Default)]
pub struct Filled {
    /// Entries computed and stored by this run.
    pub computed: usize,
    /// Entries the register already had.
    pub kept: usize,
    /// Certificates that cannot have one (no date of birth, a code that does not parse), by serial.
    pub skipped: Vec<(String, LookupError)>,
}

/// The format the store keys entries by, with the host (`seal::lookup::VERSION`): entries of
/// another format are other entries.
pub fn format() -> i64 {
    i64::from(lookup::VERSION)
}

/// The entry of one certificate for `host`: its key id and the sealed code.
pub fn entry_for(p: &Pending, host: &str) -> Result<(String, Entry), LookupError> {
    let query = Query::new(&p.holder_name, &p.serial, &p.birth_date)?;
    let token = crate::seal::token::Token::parse(&p.code).map_err(|_| LookupError::Code)?;
    let kid = crate::seal::sign::hex(&token.kid);
    let d = lookup::derive(&query, host, &kid);
    Ok((kid, lookup::seal(&d, p.code.trim())))
}

/// One certificate's row, serial and entry (or why it has none).
type Made = (i64, String, Result<(String, Entry), LookupError>);

/// Makes and stores the entries the register lacks for `host`, in parallel (`advance` is called
/// once per certificate computed), and says how many it made and kept.
pub fn fill(reg: &mut dyn Store, host: &str, advance: &(dyn Fn() + Sync)) -> Result<Filled, RegisterError> {
    let kept = reg.lookup_count(host)?;
    let pending = reg.lookup_pending(host)?;
    let made: Vec<Made> = pending
        .par_iter()
        .map(|p| {
            let r = entry_for(p, host);
            advance();
            (p.id, p.serial.clone(), r)
        })
        .collect();
    let mut filled = Filled { kept, ..Filled::default() };
    let mut store = Vec::with_capacity(made.len());
    for (id, serial, r) in made {
        match r {
            Ok((kid, e)) => store.push((id, kid, e)),
            Err(e) => filled.skipped.push((serial, e)),
        }
    }
    filled.computed = store.len();
    reg.lookup_store(host, &store)?;
    Ok(filled)
}
