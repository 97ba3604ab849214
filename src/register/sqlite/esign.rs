//! The SQLite store's e-signatures (`register::esign`): the table `esign_signatures`, created
//! when first needed (not a schema step), so that registers made before issue 31 open unchanged
//! — in older builds too — and the certificates table keeps its shape.

use rusqlite::params;

use super::Sqlite;
use crate::register::esign::{EsignRow, SignedFile};
use crate::register::RegisterError;

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS esign_signatures (
    certificate_id INTEGER NOT NULL REFERENCES certificates(id),
    file_sha256    TEXT NOT NULL,
    fingerprint    TEXT NOT NULL,
    level          TEXT NOT NULL,
    signed_at      TEXT NOT NULL,
    PRIMARY KEY (certificate_id, file_sha256)
)";

/// See [`crate::register::Store::record_esign`].
pub(super) fn record(reg: &Sqlite, files: &[SignedFile]) -> Result<usize, RegisterError> {
    let tx = reg.conn.unchecked_transaction().map_err(|e| reg.sql(e))?;
    tx.execute(SCHEMA, []).map_err(|e| reg.sql(e))?;
    let mut found = 0;
    {
        let mut find = tx
            .prepare_cached("SELECT id FROM certificates WHERE pdf_sha256 = ?1 ORDER BY id")
            .map_err(|e| reg.sql(e))?;
        let mut moved = tx
            .prepare_cached("UPDATE certificates SET pdf_sha256 = ?2 WHERE id = ?1")
            .map_err(|e| reg.sql(e))?;
        let mut add = tx
            .prepare_cached(
                "INSERT OR REPLACE INTO esign_signatures (certificate_id, file_sha256, fingerprint, level, signed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(|e| reg.sql(e))?;
        for f in files {
            let key = f.before.as_deref().unwrap_or(&f.sha256);
            let ids: Vec<i64> = find
                .query_map(params![key], |r| r.get(0))
                .and_then(|rows| rows.collect())
                .map_err(|e| reg.sql(e))?;
            for id in ids {
                if f.before.is_some() {
                    moved.execute(params![id, f.sha256]).map_err(|e| reg.sql(e))?;
                }
                add.execute(params![id, f.sha256, f.fingerprint, f.level, f.signed_at])
                    .map_err(|e| reg.sql(e))?;
                found += 1;
            }
        }
    }
    tx.commit().map_err(|e| reg.sql(e))?;
    Ok(found)
}

/// See [`crate::register::Store::esign_signatures`].
pub(super) fn signatures(reg: &Sqlite) -> Result<Vec<EsignRow>, RegisterError> {
    reg.conn.execute(SCHEMA, []).map_err(|e| reg.sql(e))?;
    let mut st = reg
        .conn
        .prepare(
            "SELECT c.so_hieu, e.file_sha256, e.fingerprint, e.level, e.signed_at FROM esign_signatures e
             JOIN certificates c ON c.id = e.certificate_id ORDER BY c.id, e.signed_at",
        )
        .map_err(|e| reg.sql(e))?;
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
        .map_err(|e| reg.sql(e))?;
    Ok(rows)
}

/// See [`crate::register::Store::esign_lost`].
pub(super) fn lost(reg: &Sqlite, batch: &str) -> Result<Vec<(String, String)>, RegisterError> {
    reg.conn.execute(SCHEMA, []).map_err(|e| reg.sql(e))?;
    let mut st = reg
        .conn
        .prepare(
            "SELECT c.so_hieu, COALESCE(c.pdf_path, '') FROM certificates c JOIN batches b ON b.id = c.batch_id
             WHERE b.name = ?1 AND EXISTS (SELECT 1 FROM esign_signatures e WHERE e.certificate_id = c.id)
             AND NOT EXISTS (SELECT 1 FROM esign_signatures e WHERE e.certificate_id = c.id AND e.file_sha256 = c.pdf_sha256)
             ORDER BY c.id",
        )
        .map_err(|e| reg.sql(e))?;
    let rows = st
        .query_map(params![batch], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect())
        .map_err(|e| reg.sql(e))?;
    Ok(rows)
}
