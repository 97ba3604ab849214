//! Look-up entries in the register (docs/spec/verification-qr.md, appendix B): each certificate's
//! entry for a verification host, computed once and kept, so that publishing a site again costs
//! nothing for the certificates it already had.
//!
//! An entry costs one PBKDF2 of 600,000 rounds (about 0.15 s of one core): 100,000 certificates
//! are CPU-hours. So entries are made in parallel, stored in the table `lookup_entries` (schema
//! step 4) in one transaction, and never recomputed: [`fill`] makes only the missing ones. They
//! are made when a site is published with `--register` (every batch, older ones included), not
//! while issuing: the host that salts them is the published one, and a run of `issue` or `print`
//! stays as fast as it was.

use rayon::prelude::*;

use super::{Register, RegisterError};
use crate::seal::lookup::{self, Entry, LookupError, Query};

/// Schema step 4: one entry per certificate, format and host.
pub(super) const SCHEMA: &str = r#"
CREATE TABLE lookup_entries (
    certificate_id INTEGER NOT NULL REFERENCES certificates(id),
    format         INTEGER NOT NULL,
    host           TEXT NOT NULL,
    kid            TEXT NOT NULL,
    locator        BLOB NOT NULL CHECK (length(locator) = 8),
    sealed         BLOB NOT NULL,
    PRIMARY KEY (certificate_id, format, host)
);
CREATE TRIGGER lookup_entries_fixed BEFORE UPDATE ON lookup_entries
    BEGIN SELECT RAISE(ABORT, 'a look-up entry is never recomputed'); END;
"#;

/// A certificate of the register without an entry for the host, with what its entry is made of.
#[derive(Debug, Clone)]
pub struct Pending {
    /// Its row.
    pub id: i64,
    /// Số hiệu.
    pub serial: String,
    /// Họ và tên.
    pub name: String,
    /// Ngày sinh as registered.
    pub birth: String,
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

impl Register {
    /// The certificates without a look-up entry of this format for `host`, in entry order.
    pub fn lookup_pending(&self, host: &str) -> Result<Vec<Pending>, RegisterError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT c.id, c.so_hieu, c.ho_ten, c.ngay_sinh, c.qr_text FROM certificates c \
                 WHERE NOT EXISTS (SELECT 1 FROM lookup_entries l WHERE l.certificate_id = c.id \
                 AND l.format = ?1 AND l.host = ?2) ORDER BY c.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map(rusqlite::params![i64::from(lookup::VERSION), host], |r| {
                Ok(Pending {
                    id: r.get(0)?,
                    serial: r.get(1)?,
                    name: r.get(2)?,
                    birth: r.get(3)?,
                    code: r.get(4)?,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.sql(e))
    }

    /// How many entries of this format the register has for `host`.
    pub fn lookup_count(&self, host: &str) -> Result<usize, RegisterError> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM lookup_entries WHERE format = ?1 AND host = ?2",
                rusqlite::params![i64::from(lookup::VERSION), host],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as usize)
            .map_err(|e| self.sql(e))
    }

    /// Stores entries `(certificate id, key id, entry)` for `host`, all or none.
    pub fn lookup_store(
        &mut self,
        host: &str,
        entries: &[(i64, String, Entry)],
    ) -> Result<(), RegisterError> {
        let path = self.path.clone();
        let sql = |source| RegisterError::Sql { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(sql)?;
        {
            let mut st = tx
                .prepare(
                    "INSERT INTO lookup_entries (certificate_id, format, host, kid, locator, sealed) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(sql)?;
            for (id, kid, e) in entries {
                st.execute(rusqlite::params![
                    id,
                    i64::from(lookup::VERSION),
                    host,
                    kid,
                    &e.locator[..],
                    e.sealed
                ])
                .map_err(sql)?;
            }
        }
        tx.commit().map_err(sql)
    }

    /// Every entry of this format for `host`, with its key id, in entry order.
    pub fn lookup_entries(&self, host: &str) -> Result<Vec<(String, Entry)>, RegisterError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT kid, locator, sealed FROM lookup_entries WHERE format = ?1 AND host = ?2 \
                 ORDER BY certificate_id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map(rusqlite::params![i64::from(lookup::VERSION), host], |r| {
                let locator: Vec<u8> = r.get(1)?;
                Ok((r.get::<_, String>(0)?, locator, r.get::<_, Vec<u8>>(2)?))
            })
            .map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (kid, locator, sealed) = row.map_err(|e| self.sql(e))?;
            // The table's CHECK keeps every locator 8 bytes long.
            let Ok(locator) = <[u8; 8]>::try_from(locator.as_slice()) else { continue };
            out.push((kid, Entry { locator, sealed }));
        }
        Ok(out)
    }
}

/// The entry of one certificate for `host`: its key id and the sealed code.
pub fn entry_for(p: &Pending, host: &str) -> Result<(String, Entry), LookupError> {
    let query = Query::new(&p.name, &p.serial, &p.birth)?;
    let token = crate::seal::token::Token::parse(&p.code).map_err(|_| LookupError::Code)?;
    let kid = crate::seal::sign::hex(&token.kid);
    let d = lookup::derive(&query, host, &kid);
    Ok((kid, lookup::seal(&d, p.code.trim())))
}

/// One certificate's row, serial and entry (or why it has none).
type Made = (i64, String, Result<(String, Entry), LookupError>);

/// Makes and stores the entries the register lacks for `host`, in parallel (`advance` is called
/// once per certificate computed), and says how many it made and kept.
pub fn fill(reg: &mut Register, host: &str, advance: &(dyn Fn() + Sync)) -> Result<Filled, RegisterError> {
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
