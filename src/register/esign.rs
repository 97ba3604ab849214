//! The register's record of electronic signatures (issue 31): for each certificate whose PDF
//! was signed, the signer certificate's fingerprint, the PAdES level and the signing time, with
//! the SHA-256 of the signed file.
//!
//! A table of its own (`esign_signatures`), created when first needed, so that registers made
//! before issue 31 open unchanged and the certificates table keeps its shape. A file signed
//! after it was issued (`chungnhan esign`) has new bytes: the certificate's recorded SHA-256 is
//! moved to them here, in the same transaction, so that the register still knows its file.

use rusqlite::params;

use super::{Register, RegisterError};

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS esign_signatures (
    certificate_id INTEGER NOT NULL REFERENCES certificates(id),
    file_sha256    TEXT NOT NULL,
    fingerprint    TEXT NOT NULL,
    level          TEXT NOT NULL,
    signed_at      TEXT NOT NULL,
    PRIMARY KEY (certificate_id, file_sha256)
)";

/// One signed file, as `esign` or `issue --esign` wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedFile {
    /// The SHA-256 of the file before it was signed (`esign` on a file issued earlier), or
    /// `None` when it was signed as it was written (the register already holds the signed
    /// file's SHA-256).
    pub before: Option<String>,
    /// The SHA-256 of the signed file.
    pub sha256: String,
    /// SHA-256 of the signer's certificate.
    pub fingerprint: String,
    /// `B-B` (PAdES baseline level).
    pub level: String,
    /// The signing time, ISO 8601 with Vietnam's offset.
    pub signed_at: String,
}

/// A certificate's recorded e-signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EsignRow {
    /// The certificate's số hiệu.
    pub serial: String,
    /// The signed file's SHA-256.
    pub sha256: String,
    /// The signer certificate's fingerprint.
    pub fingerprint: String,
    /// The PAdES level.
    pub level: String,
    /// When.
    pub signed_at: String,
}

impl Register {
    /// Records `files`' signatures against the certificates whose file they are (found by the
    /// file's SHA-256 before signing); returns how many were found.
    pub fn record_esign(&self, files: &[SignedFile]) -> Result<usize, RegisterError> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.sql(e))?;
        tx.execute(SCHEMA, []).map_err(|e| self.sql(e))?;
        let mut found = 0;
        {
            let mut find = tx
                .prepare_cached("SELECT id FROM certificates WHERE pdf_sha256 = ?1 ORDER BY id")
                .map_err(|e| self.sql(e))?;
            let mut moved = tx
                .prepare_cached("UPDATE certificates SET pdf_sha256 = ?2 WHERE id = ?1")
                .map_err(|e| self.sql(e))?;
            let mut add = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO esign_signatures (certificate_id, file_sha256, fingerprint, level, signed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(|e| self.sql(e))?;
            for f in files {
                let key = f.before.as_deref().unwrap_or(&f.sha256);
                let ids: Vec<i64> = find
                    .query_map(params![key], |r| r.get(0))
                    .and_then(|rows| rows.collect())
                    .map_err(|e| self.sql(e))?;
                for id in ids {
                    if f.before.is_some() {
                        moved.execute(params![id, f.sha256]).map_err(|e| self.sql(e))?;
                    }
                    add.execute(params![id, f.sha256, f.fingerprint, f.level, f.signed_at])
                        .map_err(|e| self.sql(e))?;
                    found += 1;
                }
            }
        }
        tx.commit().map_err(|e| self.sql(e))?;
        Ok(found)
    }

    /// Every recorded e-signature, in the order of the entries.
    pub fn esign_signatures(&self) -> Result<Vec<EsignRow>, RegisterError> {
        self.conn.execute(SCHEMA, []).map_err(|e| self.sql(e))?;
        let mut st = self
            .conn
            .prepare(
                "SELECT c.so_hieu, e.file_sha256, e.fingerprint, e.level, e.signed_at FROM esign_signatures e
                 JOIN certificates c ON c.id = e.certificate_id ORDER BY c.id, e.signed_at",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map([], |r| {
                Ok(EsignRow {
                    serial: r.get(0)?,
                    sha256: r.get(1)?,
                    fingerprint: r.get(2)?,
                    level: r.get(3)?,
                    signed_at: r.get(4)?,
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql(e))?;
        Ok(rows)
    }

    /// The certificates (số hiệu, file) of `batch` whose recorded file is no longer the one
    /// that was signed (a rerun wrote them again unsigned, or signed again later).
    pub fn esign_lost(&self, batch: &str) -> Result<Vec<(String, String)>, RegisterError> {
        self.conn.execute(SCHEMA, []).map_err(|e| self.sql(e))?;
        let mut st = self
            .conn
            .prepare(
                "SELECT c.so_hieu, COALESCE(c.pdf_path, '') FROM certificates c JOIN batches b ON b.id = c.batch_id
                 WHERE b.name = ?1 AND EXISTS (SELECT 1 FROM esign_signatures e WHERE e.certificate_id = c.id)
                 AND NOT EXISTS (SELECT 1 FROM esign_signatures e WHERE e.certificate_id = c.id AND e.file_sha256 = c.pdf_sha256)
                 ORDER BY c.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map(params![batch], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql(e))?;
        Ok(rows)
    }
}
