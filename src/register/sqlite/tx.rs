//! The SQLite register's issuing transaction.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension};

use super::{
    blank_row, cert_row, find_serial, issued_numbers, read_batch, shared_files, BLANK_COLUMNS, CERT_COLUMNS,
};
use crate::register::{
    blanks, BatchRow, BlankRow, CertRow, NewBatch, NewCert, Number, PersonEntry, RegisterError, Transaction,
};
use crate::viet::Date;

/// The issuing transaction of one run: SQLite's write lock, held to the commit.
pub(super) struct SqliteTx<'a> {
    pub(super) tx: rusqlite::Transaction<'a>,
    pub(super) path: PathBuf,
}

impl SqliteTx<'_> {
    /// Keeps everything done in the transaction.
    pub(super) fn keep(self) -> Result<(), RegisterError> {
        let path = self.path.clone();
        self.tx.commit().map_err(|source| RegisterError::Sql { path, source })
    }

    pub(super) fn sql(&self, e: rusqlite::Error) -> RegisterError {
        RegisterError::Sql { path: self.path.clone(), source: e }
    }

    pub(super) fn by_serial(&self, serial: &str) -> Result<Option<CertRow>, RegisterError> {
        self.holder(Number::Serial, serial)
    }

    /// The certificate with serial `serial`: written exactly, or else the one whose serial is
    /// the same ignoring case, spaces and hyphens (`cnbd25-0004`, `CN BD25 0004`). None: an error
    /// that names the registered serials a typo or two away.
    pub(super) fn find_serial(&self, serial: &str) -> Result<CertRow, RegisterError> {
        find_serial(&self.tx, &self.path, serial)
    }

    /// The blank recorded with exactly this serial.
    pub(super) fn blank_as_recorded(&self, serial: &str) -> Result<Option<BlankRow>, RegisterError> {
        let sql = format!(
            "SELECT {BLANK_COLUMNS} FROM blanks k LEFT JOIN certificates c ON c.id = k.certificate_id \
             LEFT JOIN batches b ON b.id = k.batch_id WHERE k.serial = ?1"
        );
        self.tx.query_row(&sql, params![serial], blank_row).optional().map_err(|e| self.sql(e))
    }

    pub(super) fn history(
        &self,
        today: Date,
        batch: Option<i64>,
        cert: Option<i64>,
        event: &str,
        detail: &str,
    ) -> Result<(), RegisterError> {
        let mut st = self
            .tx
            .prepare_cached(
                "INSERT INTO history (on_date, batch_id, certificate_id, event, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(|e| self.sql(e))?;
        st.execute(params![today.iso(), batch, cert, event, detail]).map_err(|e| self.sql(e))?;
        Ok(())
    }
}

impl Transaction for SqliteTx<'_> {
    fn commit(self: Box<Self>) -> Result<(), RegisterError> {
        self.keep()
    }

    fn entry(&self, id: i64) -> Result<Option<CertRow>, RegisterError> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id WHERE c.id = ?1"
        );
        let mut st = self.tx.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        st.query_row(params![id], cert_row).optional().map_err(|e| self.sql(e))
    }

    fn path(&self) -> &Path {
        &self.path
    }

    fn files(&self) -> Result<Vec<(i64, String)>, RegisterError> {
        let mut st = self
            .tx
            .prepare("SELECT id, pdf_path FROM certificates WHERE pdf_path IS NOT NULL ORDER BY id")
            .map_err(|e| self.sql(e))?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    fn batch(&self, name: &str) -> Result<Option<BatchRow>, RegisterError> {
        Ok(read_batch(&self.tx, &self.path, name)?.map(|(b, _)| b))
    }

    fn batch_issued(&self, name: &str) -> Result<Option<(BatchRow, String)>, RegisterError> {
        read_batch(&self.tx, &self.path, name)
    }

    fn shared_files(&self) -> Result<Vec<(i64, String, String, String)>, RegisterError> {
        shared_files(&self.tx, &self.path)
    }

    fn save_batch(&self, b: &NewBatch, today: Date) -> Result<i64, RegisterError> {
        let existing: Option<(i64, String, String, String)> = self
            .tx
            .query_row(
                "SELECT id, roster_sha256, vars_json, template FROM batches WHERE name = ?1",
                params![b.name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        match existing {
            None => {
                self.tx
                    .execute(
                        "INSERT INTO batches (name, template, issue_date, roster_file, roster_sha256, vars_json, created_on, updated_on) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                        params![b.name, b.template, b.issue_date.iso(), b.roster_file, b.roster_sha256, b.vars_json, today.iso()],
                    )
                    .map_err(|e| self.sql(e))?;
                let id = self.tx.last_insert_rowid();
                self.history(today, Some(id), None, "batch", &format!("{} from {}", b.name, b.roster_file))?;
                Ok(id)
            }
            Some((id, sha, vars, template)) => {
                if sha != b.roster_sha256 || vars != b.vars_json || template != b.template {
                    self.tx
                        .execute(
                            "UPDATE batches SET template = ?2, roster_file = ?3, roster_sha256 = ?4, vars_json = ?5, updated_on = ?6 WHERE id = ?1",
                            params![id, b.template, b.roster_file, b.roster_sha256, b.vars_json, today.iso()],
                        )
                        .map_err(|e| self.sql(e))?;
                    self.history(
                        today,
                        Some(id),
                        None,
                        "batch changed",
                        &format!("roster {} (sha256 {})", b.roster_file, b.roster_sha256),
                    )?;
                }
                Ok(id)
            }
        }
    }

    fn current(&self, batch_id: i64) -> Result<Vec<CertRow>, RegisterError> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id \
             WHERE c.batch_id = ?1 AND c.superseded_by IS NULL ORDER BY c.id"
        );
        let mut st = self.tx.prepare(&sql).map_err(|e| self.sql(e))?;
        let rows = st.query_map(params![batch_id], cert_row).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    fn same_person(&self, person: &str) -> Result<Vec<PersonEntry>, RegisterError> {
        let mut st = self
            .tx
            .prepare_cached(
                "SELECT c.id, c.batch_id, b.name, c.identity, c.record_no, c.so_hieu, c.ho_ten, c.ngay_sinh \
                 FROM certificates c JOIN batches b ON b.id = c.batch_id \
                 WHERE c.person = ?1 AND c.status = 'issued' ORDER BY c.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map(params![person], |r| {
                Ok(PersonEntry {
                    id: r.get(0)?,
                    batch_id: r.get(1)?,
                    batch: r.get(2)?,
                    identity: r.get(3)?,
                    record_no: r.get(4)?,
                    so_hieu: r.get(5)?,
                    ho_ten: r.get(6)?,
                    ngay_sinh: r.get(7)?,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    fn holder(&self, which: Number, number: &str) -> Result<Option<CertRow>, RegisterError> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id WHERE c.{} = ?1",
            which.column()
        );
        let mut st = self.tx.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        st.query_row(params![number], cert_row).optional().map_err(|e| self.sql(e))
    }

    fn next(&self, scope: &str) -> Result<u64, RegisterError> {
        let n: Option<i64> = self
            .tx
            .query_row("SELECT next FROM counters WHERE scope = ?1", params![scope], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql(e))?;
        Ok(n.unwrap_or(1).max(1) as u64)
    }

    fn set_next(&self, scope: &str, next: u64) -> Result<(), RegisterError> {
        self.tx
            .execute(
                "INSERT INTO counters (scope, next) VALUES (?1, ?2) \
                 ON CONFLICT(scope) DO UPDATE SET next = excluded.next WHERE excluded.next > counters.next",
                params![scope, next as i64],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    fn insert(&self, c: &NewCert, today: Date) -> Result<i64, RegisterError> {
        let mut st = self
            .tx
            .prepare_cached(
                "INSERT INTO certificates (batch_id, identity, record_no, so_hieu, so_vao_so, ho_ten, ngay_sinh, \
                 issue_date, record_json, claims_cbor, qr_text, rid, supersedes, created_on, person) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )
            .map_err(|e| self.sql(e))?;
        st.execute(params![
            c.batch_id,
            c.identity,
            c.record_no,
            c.so_hieu,
            c.so_vao_so,
            c.ho_ten,
            c.ngay_sinh,
            c.issue_date.iso(),
            c.record_json,
            c.claims_cbor,
            c.qr_text,
            c.rid,
            c.supersedes,
            today.iso(),
            crate::viet::person_key(&c.ho_ten, &c.ngay_sinh)
        ])
        .map_err(|e| self.sql(e))?;
        let id = self.tx.last_insert_rowid();
        let numbers = issued_numbers(&c.so_hieu, c.so_vao_so.as_deref());
        match c.supersedes {
            None => self.history(today, Some(c.batch_id), Some(id), "issued", &numbers)?,
            Some(old) => {
                self.tx
                    .execute(
                        "UPDATE certificates SET status = CASE WHEN status = 'issued' THEN 'reissued' ELSE status END, \
                         superseded_by = ?2, status_date = COALESCE(status_date, ?3) WHERE id = ?1",
                        params![old, id, today.iso()],
                    )
                    .map_err(|e| self.sql(e))?;
                self.history(
                    today,
                    Some(c.batch_id),
                    Some(old),
                    "reissued",
                    &format!("replaced by {numbers}"),
                )?;
                self.history(today, Some(c.batch_id), Some(id), "issued", &numbers)?;
            }
        }
        Ok(id)
    }

    fn blank(&self, serial: &str) -> Result<Option<BlankRow>, RegisterError> {
        if let Some(b) = self.blank_as_recorded(serial)? {
            return Ok(Some(b));
        }
        match self.blank_keys()?.remove(&blanks::BlankKey::of(serial)) {
            Some(recorded) => self.blank_as_recorded(&recorded),
            None => Ok(None),
        }
    }

    fn blank_keys(&self) -> Result<HashMap<blanks::BlankKey, String>, RegisterError> {
        let mut st = self.tx.prepare("SELECT serial FROM blanks ORDER BY rowid").map_err(|e| self.sql(e))?;
        let rows = st.query_map([], |r| r.get::<_, String>(0)).map_err(|e| self.sql(e))?;
        let mut keys = HashMap::new();
        for serial in rows {
            let serial = serial.map_err(|e| self.sql(e))?;
            keys.entry(blanks::BlankKey::of(&serial)).or_insert(serial);
        }
        Ok(keys)
    }

    fn blank_in_use(&self, id: i64) -> Result<Option<String>, RegisterError> {
        self.tx
            .query_row(
                "SELECT serial FROM blanks WHERE certificate_id = ?1 AND state = 'used'",
                params![id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    fn blanks_spoiled(&self, id: i64) -> Result<Vec<String>, RegisterError> {
        let mut st = self
            .tx
            .prepare_cached(
                "SELECT serial FROM blanks WHERE certificate_id = ?1 AND state = 'spoiled' ORDER BY serial",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st.query_map(params![id], |r| r.get(0)).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<String>, _>>().map_err(|e| self.sql(e))
    }

    fn use_blank(&self, serial: &str, id: i64, today: Date) -> Result<(), RegisterError> {
        let batch_id: i64 = self
            .tx
            .query_row("SELECT batch_id FROM certificates WHERE id = ?1", params![id], |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        self.tx
            .prepare_cached(
                "INSERT INTO blanks (serial, certificate_id, batch_id, used_on, state) VALUES (?1, ?2, ?3, ?4, 'used')",
            )
            .and_then(|mut st| st.execute(params![serial, id, batch_id, today.iso()]))
            .map_err(|e| self.sql(e))?;
        self.history(today, Some(batch_id), Some(id), "printed on blank", serial)
    }
}
