//! The register in a SQLite file ([`Sqlite`]): the one implementation of [`Store`] today. A run
//! holds an exclusive lock on the file for its whole life, so two runs take turns; the issuing
//! transaction is SQLite's `BEGIN IMMEDIATE` (its write lock held to the commit), so the
//! counter rows it reads cannot move under it.

mod esign;
mod lookup;
mod schema;
mod tx;

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

pub use self::schema::backup;
use self::schema::{backfill_person, MIGRATIONS};
use self::tx::SqliteTx;
use super::*;

/// The register in a SQLite file, locked for this process.
pub struct Sqlite {
    conn: Connection,
    path: PathBuf,
    // Held for the connection's whole life: dropping it releases the lock. Declared after
    // `conn` so the connection closes first (closing any descriptor of the file drops SQLite's
    // own POSIX locks).
    _lock: File,
}

const CERT_COLUMNS: &str = "c.id, b.name, c.identity, c.record_no, c.so_hieu, c.so_vao_so, c.ho_ten, \
     c.ngay_sinh, c.issue_date, c.record_json, c.qr_text, c.rid, c.pdf_path, c.pdf_sha256, c.status, \
     c.reason, c.decision, c.status_date, c.superseded_by, c.supersedes";

fn cert_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CertRow> {
    let path: Option<String> = r.get(12)?;
    let sha: Option<String> = r.get(13)?;
    Ok(CertRow {
        id: r.get(0)?,
        batch: r.get(1)?,
        identity: r.get(2)?,
        record_no: r.get(3)?,
        so_hieu: r.get(4)?,
        so_vao_so: r.get(5)?,
        ho_ten: r.get(6)?,
        ngay_sinh: r.get(7)?,
        issue_date: r.get(8)?,
        record_json: r.get(9)?,
        qr_text: r.get(10)?,
        rid: r.get(11)?,
        pdf: path.zip(sha),
        status: Status::parse(&r.get::<_, String>(14)?),
        reason: r.get(15)?,
        decision: r.get(16)?,
        status_date: r.get(17)?,
        superseded_by: r.get(18)?,
        supersedes: r.get(19)?,
    })
}

impl Sqlite {
    /// Opens the register at `path`, creating it if `create`, and locks it for this process. If
    /// another run holds it, calls `waiting` once and waits for it to finish.
    pub fn open(path: &Path, create: bool, waiting: impl FnOnce()) -> Result<Sqlite, RegisterError> {
        if !create && !path.is_file() {
            return Err(RegisterError::Missing { path: path.to_path_buf() });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| RegisterError::Io {
                path: path.to_path_buf(),
                action: "create its folder",
                source,
            })?;
        }
        let lock = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|source| RegisterError::Io { path: path.to_path_buf(), action: "open it", source })?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                waiting();
                lock.lock().map_err(|source| RegisterError::Io {
                    path: path.to_path_buf(),
                    action: "lock it",
                    source,
                })?;
            }
            Err(std::fs::TryLockError::Error(source)) => {
                return Err(RegisterError::Io { path: path.to_path_buf(), action: "lock it", source })
            }
        }
        let sql = |source: rusqlite::Error| RegisterError::Sql { path: path.to_path_buf(), source };
        let conn = Connection::open(path).map_err(sql)?;
        conn.busy_timeout(Duration::from_secs(60)).map_err(sql)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(sql)?;
        // FULL: a commit survives a power cut, not only a killed process.
        conn.pragma_update(None, "synchronous", "FULL").map_err(sql)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(sql)?;
        // One query plan a statement: the bundled SQLite (STAT4) otherwise re-prepares a cached
        // statement whenever a bound value changes — every "is this serial taken?" of a batch,
        // 6 % of issuing one, for plans that cannot differ on a register's unique indexes.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).map_err(sql)?;
        let mut reg = Sqlite { conn, path: path.to_path_buf(), _lock: lock };
        reg.migrate()?;
        Ok(reg)
    }

    fn sql(&self, e: rusqlite::Error) -> RegisterError {
        RegisterError::Sql { path: self.path.clone(), source: e }
    }

    fn migrate(&mut self) -> Result<(), RegisterError> {
        let version: i64 =
            self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| self.sql(e))?;
        if version > SCHEMA_VERSION {
            return Err(RegisterError::Newer { path: self.path.clone(), found: version });
        }
        for (v, step) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let path = self.path.clone();
            let sql = |source: rusqlite::Error| RegisterError::Upgrade {
                path: path.clone(),
                version: v + 1,
                source,
            };
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
            tx.execute_batch(step).map_err(sql)?;
            if v + 1 == 3 {
                backfill_person(&tx).map_err(sql)?;
            }
            tx.pragma_update(None, "user_version", (v + 1) as i64).map_err(sql)?;
            tx.commit().map_err(sql)?;
        }
        Ok(())
    }

    /// Begins the issuing transaction (see [`Store::transaction`]).
    fn begin(&mut self) -> Result<SqliteTx<'_>, RegisterError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| RegisterError::Sql { path: path.clone(), source })?;
        Ok(SqliteTx { tx, path })
    }
}

impl Store for Sqlite {
    fn path(&self) -> &Path {
        &self.path
    }

    fn transaction(&mut self) -> Result<Box<Tx<'_>>, RegisterError> {
        Ok(Box::new(self.begin()?))
    }

    fn set_files(&self, files: &mut dyn Iterator<Item = (i64, String, String)>) -> Result<(), RegisterError> {
        let tx = self.conn.unchecked_transaction().map_err(|e| self.sql(e))?;
        {
            let mut st = tx
                .prepare_cached("UPDATE certificates SET pdf_path = ?2, pdf_sha256 = ?3 WHERE id = ?1 AND (pdf_path IS NOT ?2 OR pdf_sha256 IS NOT ?3)")
                .map_err(|e| self.sql(e))?;
            for (id, path, sha) in files {
                st.execute(params![id, path, sha]).map_err(|e| self.sql(e))?;
            }
        }
        tx.commit().map_err(|e| self.sql(e))
    }

    fn entries(&self, batch: Option<&str>) -> Result<Vec<CertRow>, RegisterError> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id \
             WHERE ?1 IS NULL OR b.name = ?1 ORDER BY c.id"
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let rows = st.query_map(params![batch], cert_row).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    fn entry_keys(&self, batch: Option<&str>) -> Result<Vec<EntryKey>, RegisterError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT c.id, b.name, c.so_hieu, c.status FROM certificates c JOIN batches b ON b.id = c.batch_id \
                 WHERE ?1 IS NULL OR b.name = ?1 ORDER BY c.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map(params![batch], |r| {
                Ok(EntryKey {
                    id: r.get(0)?,
                    batch: r.get(1)?,
                    so_hieu: r.get(2)?,
                    status: Status::parse(&r.get::<_, String>(3)?),
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    fn entry(&self, id: i64) -> Result<Option<CertRow>, RegisterError> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id WHERE c.id = ?1"
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        st.query_row(params![id], cert_row).optional().map_err(|e| self.sql(e))
    }

    fn batch_issued(&self, name: &str) -> Result<Option<(BatchRow, String)>, RegisterError> {
        read_batch(&self.conn, &self.path, name)
    }

    fn batch_vars(&self) -> Result<Vec<(String, String)>, RegisterError> {
        let mut st =
            self.conn.prepare("SELECT name, vars_json FROM batches ORDER BY id").map_err(|e| self.sql(e))?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    fn shared_files(&self) -> Result<Vec<(i64, String, String, String)>, RegisterError> {
        shared_files(&self.conn, &self.path)
    }

    fn revoke(
        &mut self,
        serial: &str,
        reason: &str,
        decision: Option<&str>,
        change_reason: bool,
        today: Date,
    ) -> Result<Revocation, RegisterError> {
        let tx = self.begin()?;
        let row = tx.find_serial(serial)?;
        let detail = match decision {
            Some(d) => format!("{reason}; {d}"),
            None => reason.to_string(),
        };
        if row.status == Status::Revoked {
            let old = row.reason.clone().unwrap_or_default();
            if old == reason && (decision.is_none() || decision == row.decision.as_deref()) {
                return Ok(Revocation::Already(row));
            }
            if !change_reason {
                return Ok(Revocation::OtherReason(row));
            }
            tx.tx
                .execute(
                    "UPDATE certificates SET reason = ?2, decision = COALESCE(?3, decision) WHERE id = ?1",
                    params![row.id, reason, decision],
                )
                .map_err(|e| tx.sql(e))?;
            tx.history(today, None, Some(row.id), "revocation reason changed", &format!("{old} → {detail}"))?;
            let row = tx.by_serial(&row.so_hieu)?.expect("it was just there");
            tx.keep()?;
            return Ok(Revocation::ReasonChanged(row, old));
        }
        tx.tx
            .execute(
                "UPDATE certificates SET status = 'revoked', reason = ?2, decision = ?3, status_date = ?4 WHERE id = ?1",
                params![row.id, reason, decision, today.iso()],
            )
            .map_err(|e| tx.sql(e))?;
        tx.history(today, None, Some(row.id), "revoked", &detail)?;
        let row = tx.by_serial(&row.so_hieu)?.expect("it was just there");
        tx.keep()?;
        Ok(Revocation::Revoked(row))
    }

    fn spoil(&mut self, serial: &str, reason: &str, today: Date) -> Result<Spoiling, RegisterError> {
        let tx = self.begin()?;
        let typed = serial.trim();
        // The blank as first recorded (typed with other zeros or letter case, it is that one).
        let found = tx.blank(typed)?;
        let serial = found.as_ref().map_or(typed, |b| b.serial.as_str()).to_string();
        let serial = serial.as_str();
        if let Some(b) = found {
            if !b.used {
                return Ok(Spoiling::Already(b));
            }
            tx.tx
                .execute(
                    "UPDATE blanks SET state = 'spoiled', spoiled_on = ?2, reason = ?3 WHERE serial = ?1",
                    params![serial, today.iso(), reason],
                )
                .map_err(|e| tx.sql(e))?;
            let cert = b.certificate.as_ref().map(|c| c.0);
            tx.history(today, None, cert, "blank spoiled", &format!("{serial}; {reason}"))?;
        } else {
            tx.tx
                .execute(
                    "INSERT INTO blanks (serial, state, spoiled_on, reason) VALUES (?1, 'spoiled', ?2, ?3)",
                    params![serial, today.iso(), reason],
                )
                .map_err(|e| tx.sql(e))?;
            tx.history(today, None, None, "blank spoiled", &format!("{serial}; {reason}"))?;
        }
        let b = tx.blank(serial)?.expect("it was just written");
        tx.keep()?;
        Ok(Spoiling::Spoiled(b))
    }

    fn blanks(&self, batch: Option<&str>) -> Result<Vec<BlankRow>, RegisterError> {
        let sql = format!(
            "SELECT {BLANK_COLUMNS} FROM blanks k LEFT JOIN certificates c ON c.id = k.certificate_id \
             LEFT JOIN batches b ON b.id = k.batch_id WHERE ?1 IS NULL OR b.name = ?1 \
             ORDER BY b.id IS NULL, b.id, k.rowid"
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let rows = st.query_map(params![batch], blank_row).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    fn blanks_in_use(&self) -> Result<HashMap<i64, String>, RegisterError> {
        let mut st = self
            .conn
            .prepare("SELECT certificate_id, serial FROM blanks WHERE state = 'used' AND certificate_id IS NOT NULL")
            .map_err(|e| self.sql(e))?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.sql(e))?;
        rows.collect::<Result<HashMap<_, _>, _>>().map_err(|e| self.sql(e))
    }

    fn revocations(&self) -> Result<Vec<(String, String, String)>, RegisterError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT rid, COALESCE(status_date, created_on), \
                 CASE WHEN status = 'reissued' THEN 'superseded' ELSE COALESCE(reason, 'issued_in_error') END \
                 FROM certificates WHERE status IN ('revoked', 'reissued') ORDER BY id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    fn ledger_groups(&self) -> Result<Vec<crate::seal::keys::LedgerGroup>, RegisterError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT b.name, c.qr_text, c.rid FROM certificates c JOIN batches b ON b.id = c.batch_id \
                 ORDER BY b.name, c.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))
            .map_err(|e| self.sql(e))?;
        type Ids = (Vec<crate::seal::trust::CodeId>, Vec<crate::seal::trust::LedgerId>);
        let mut groups: BTreeMap<(String, String), Ids> = BTreeMap::new();
        for row in rows {
            let (batch, qr, rid) = row.map_err(|e| self.sql(e))?;
            let Ok(token) = crate::seal::token::Token::parse(&qr) else { continue };
            let rid = crate::seal::trust::LedgerId::parse(&rid).ok_or_else(|| RegisterError::Damaged {
                path: self.path.clone(),
                batch: batch.clone(),
                value: rid.clone(),
            })?;
            let ids = groups.entry((batch, crate::seal::sign::hex(&token.kid))).or_default();
            ids.0.push(crate::seal::trust::CodeId::of_blob(&token.to_bytes()));
            ids.1.push(rid);
        }
        Ok(groups
            .into_iter()
            .map(|((batch, kid), (codes, rids))| crate::seal::keys::LedgerGroup { batch, kid, codes, rids })
            .collect())
    }

    fn vanished(&self) -> Result<Vec<(String, String)>, RegisterError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT COALESCE(b.name, ''), h.detail, c.so_hieu, c.so_vao_so FROM history h \
                 LEFT JOIN batches b ON b.id = h.batch_id LEFT JOIN certificates c ON c.id = h.certificate_id \
                 WHERE h.event = 'issued' AND h.certificate_id IS NOT NULL ORDER BY h.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (batch, detail, serial, register_number): (String, String, _, _) =
                row.map_err(|e| self.sql(e))?;
            let still =
                serial.is_some_and(|serial| issued_numbers(&serial, register_number.as_deref()) == detail);
            if !still {
                out.push((batch, detail));
            }
        }
        Ok(out)
    }

    fn certificate(&self, serial: &str) -> Result<CertRow, RegisterError> {
        find_serial(&self.conn, &self.path, serial)
    }

    fn find(&self, text: &str, limit: usize) -> Result<(Vec<CertRow>, usize), RegisterError> {
        let words: Vec<String> =
            crate::viet::fold_key(text).split('_').filter(|w| !w.is_empty()).map(String::from).collect();
        let loose = |s: &str| {
            s.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase()
        };
        let wanted = loose(text);
        if words.is_empty() && wanted.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let mut st = self
            .conn
            .prepare(
                "SELECT c.id, c.ho_ten, c.so_hieu, COALESCE(c.so_vao_so, ''), b.name FROM certificates c \
                 JOIN batches b ON b.id = c.batch_id ORDER BY c.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let (mut ids, mut total) = (Vec::new(), 0);
        for row in rows {
            let (id, name, serial, register_number, batch) = row.map_err(|e| self.sql(e))?;
            let name_words: Vec<String> = crate::viet::fold_key(&name).split('_').map(String::from).collect();
            // Each word typed is a whole word of the name, except the last, which may be begun.
            let by_name = !words.is_empty()
                && words.iter().enumerate().all(|(i, w)| {
                    name_words.iter().any(|n| n == w || (i + 1 == words.len() && n.starts_with(w.as_str())))
                });
            let by_number = !wanted.is_empty()
                && (loose(&serial).contains(&wanted)
                    || (!register_number.is_empty() && loose(&register_number) == wanted));
            let by_batch = crate::viet::fold_key(&batch).contains(&crate::viet::fold_key(text));
            if by_name || by_number || by_batch {
                total += 1;
                if ids.len() < limit {
                    ids.push(id);
                }
            }
        }
        drop(st);
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            found.extend(self.entry(id)?);
        }
        Ok((found, total))
    }

    fn history_of(&self, id: i64) -> Result<Vec<(String, String, String)>, RegisterError> {
        let mut st = self
            .conn
            .prepare("SELECT on_date, event, detail FROM history WHERE certificate_id = ?1 ORDER BY id")
            .map_err(|e| self.sql(e))?;
        let rows =
            st.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    fn blanks_of(&self, id: i64) -> Result<Vec<String>, RegisterError> {
        let mut st = self
            .conn
            .prepare("SELECT serial FROM blanks WHERE certificate_id = ?1 ORDER BY rowid")
            .map_err(|e| self.sql(e))?;
        let rows = st.query_map(params![id], |r| r.get(0)).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    fn history_gaps(&self) -> Result<Vec<(i64, i64)>, RegisterError> {
        let mut st = self.conn.prepare("SELECT id FROM history ORDER BY id").map_err(|e| self.sql(e))?;
        let ids = st.query_map([], |r| r.get::<_, i64>(0)).map_err(|e| self.sql(e))?;
        let mut gaps = Vec::new();
        let mut expected = 1;
        for id in ids {
            let id = id.map_err(|e| self.sql(e))?;
            if id > expected {
                gaps.push((expected, id - 1));
            }
            expected = id + 1;
        }
        Ok(gaps)
    }

    fn history(&self) -> Result<Vec<HistoryEntry>, RegisterError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT h.on_date, c.so_hieu, h.event, h.detail FROM history h \
                 LEFT JOIN certificates c ON c.id = h.certificate_id ORDER BY h.id",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    fn record_esign(&self, files: &[super::esign::SignedFile]) -> Result<usize, RegisterError> {
        esign::record(self, files)
    }

    fn esign_signatures(&self) -> Result<Vec<super::esign::EsignRow>, RegisterError> {
        esign::signatures(self)
    }

    fn esign_lost(&self, batch: &str) -> Result<Vec<(String, String)>, RegisterError> {
        esign::lost(self, batch)
    }

    fn lookup_pending(&self, host: &str) -> Result<Vec<super::lookup::Pending>, RegisterError> {
        lookup::pending(self, host)
    }

    fn lookup_count(&self, host: &str) -> Result<usize, RegisterError> {
        lookup::count(self, host)
    }

    fn lookup_store(
        &mut self,
        host: &str,
        entries: &[(i64, String, crate::seal::lookup::Entry)],
    ) -> Result<(), RegisterError> {
        lookup::store(self, host, entries)
    }

    fn lookup_entries(&self, host: &str) -> Result<Vec<(String, crate::seal::lookup::Entry)>, RegisterError> {
        lookup::entries(self, host)
    }
}

/// The certificate with serial `serial`: written exactly, or else the one whose serial is the
/// same ignoring case, spaces and hyphens (`cnbd25-0004`, `CN BD25 0004`). None: an error that
/// names the registered serials a typo or two away.
fn find_serial(conn: &Connection, path: &Path, serial: &str) -> Result<CertRow, RegisterError> {
    let sql_err = |e| RegisterError::Sql { path: path.to_path_buf(), source: e };
    if let Some(row) = by_serial(conn, serial).map_err(sql_err)? {
        return Ok(row);
    }
    // People type "cn19 0002" for CN19-0002: case, spaces and hyphens do not tell serials apart.
    let loose =
        |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
    let wanted = loose(serial);
    let sql = format!(
        "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id ORDER BY c.id"
    );
    let mut st = conn.prepare(&sql).map_err(sql_err)?;
    let all: Vec<CertRow> =
        st.query_map([], cert_row).map_err(sql_err)?.collect::<Result<_, _>>().map_err(sql_err)?;
    let mut matches: Vec<&CertRow> = all.iter().filter(|r| loose(&r.so_hieu) == wanted).collect();
    match matches.len() {
        1 => Ok(matches.remove(0).clone()),
        0 => {
            // A digit or two mistyped: the registered serials at most two edits away.
            let mut near: Vec<(usize, &str)> = all
                .iter()
                .map(|r| (crate::util::text::edit_distance(&loose(&r.so_hieu), &wanted), r.so_hieu.as_str()))
                .filter(|(d, _)| *d <= 2)
                .collect();
            near.sort();
            let closest = near.first().map_or(0, |(d, _)| *d);
            let near =
                near.into_iter().filter(|(d, _)| *d == closest).take(3).map(|(_, s)| s.to_string()).collect();
            Err(RegisterError::UnknownSerial { path: path.to_path_buf(), serial: serial.to_string(), near })
        }
        _ => Err(RegisterError::AmbiguousSerial {
            path: path.to_path_buf(),
            serial: serial.to_string(),
            found: matches.iter().map(|r| r.so_hieu.clone()).collect(),
        }),
    }
}

fn by_serial(conn: &Connection, serial: &str) -> rusqlite::Result<Option<CertRow>> {
    let sql = format!(
        "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id WHERE c.so_hieu = ?1"
    );
    conn.prepare_cached(&sql)?.query_row(params![serial], cert_row).optional()
}

/// A certificate's numbers as its "issued" history entry records them (what the audit compares).
fn issued_numbers(serial: &str, register_number: Option<&str>) -> String {
    match register_number {
        Some(n) => format!("số hiệu {serial}, số vào sổ {n}"),
        None => format!("số hiệu {serial}"),
    }
}

/// The batch of that name, with its variables (JSON): for a run that goes on with it and for
/// `print`, which rebuilds it.
fn read_batch(
    conn: &Connection,
    path: &Path,
    name: &str,
) -> Result<Option<(BatchRow, String)>, RegisterError> {
    let sql = |source| RegisterError::Sql { path: path.to_path_buf(), source };
    let row = conn
        .query_row(
            "SELECT id, name, template, issue_date, roster_file, vars_json FROM batches WHERE name = ?1",
            params![name],
            |r| {
                let text = |i| r.get::<_, String>(i);
                Ok((r.get::<_, i64>(0)?, text(1)?, text(2)?, text(3)?, text(4)?, text(5)?))
            },
        )
        .optional()
        .map_err(sql)?;
    let Some((id, name, template, date, roster_file, vars)) = row else { return Ok(None) };
    let issue_date = Date::parse_iso(&date).map_err(|_| RegisterError::Damaged {
        path: path.to_path_buf(),
        batch: name.clone(),
        value: date.clone(),
    })?;
    Ok(Some((BatchRow { id, name, template, issue_date, roster_file }, vars)))
}

const BLANK_COLUMNS: &str =
    "k.serial, k.state, k.certificate_id, c.so_hieu, c.ho_ten, b.name, k.used_on, k.spoiled_on, k.reason";

fn blank_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<BlankRow> {
    let cert: Option<i64> = r.get(2)?;
    let spoiled_on: Option<String> = r.get(7)?;
    Ok(BlankRow {
        serial: r.get(0)?,
        used: r.get::<_, String>(1)? == "used",
        certificate: match cert {
            Some(id) => Some((id, r.get(3)?, r.get(4)?)),
            None => None,
        },
        batch: r.get(5)?,
        used_on: r.get(6)?,
        spoiled: spoiled_on.map(|d| (d, r.get::<_, Option<String>>(8).ok().flatten().unwrap_or_default())),
    })
}

/// See [`Store::shared_files`].
fn shared_files(conn: &Connection, path: &Path) -> Result<Vec<(i64, String, String, String)>, RegisterError> {
    let sql = "SELECT a.id, a.so_hieu, b.so_hieu, a.pdf_path FROM certificates a \
               JOIN certificates b ON b.pdf_path = a.pdf_path AND b.id != a.id ORDER BY a.id, b.id";
    conn.prepare(sql)
        .and_then(|mut st| st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect())
        .map_err(|source| RegisterError::Sql { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::tests::today;

    fn temp() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.sqlite");
        (dir, path)
    }

    #[test]
    fn a_new_register_has_the_current_schema_and_wal() {
        let (_dir, path) = temp();
        let reg = Sqlite::open(&path, true, || {}).unwrap();
        let v: i64 = reg.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let mode: String = reg.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        drop(reg);
        // Reopening migrates nothing and keeps the data.
        Sqlite::open(&path, false, || {}).unwrap();
    }

    #[test]
    fn a_version_2_register_is_upgraded_with_every_certificate_s_person() {
        let (_dir, path) = temp();
        {
            let conn = Connection::open(&path).unwrap();
            for step in &MIGRATIONS[..2] {
                conn.execute_batch(step).unwrap();
            }
            conn.pragma_update(None, "user_version", 2).unwrap();
            conn.execute_batch(
                "INSERT INTO batches VALUES (1, 'k', 't', '2019-11-20', 'r.csv', '00', '{}', '2019-11-20', '2019-11-20');
                 INSERT INTO certificates (batch_id, identity, record_no, so_hieu, ho_ten, ngay_sinh, issue_date,
                     record_json, claims_cbor, qr_text, rid, created_on)
                 VALUES (1, '[\"1\"]', 1, 'CN19-0001', 'Lê Văn Hoà', '05/07/1969', '2019-11-20', '{}', x'a0', 'q', 'r1', '2019-11-20');",
            )
            .unwrap();
        }
        let mut reg = Sqlite::open(&path, false, || {}).unwrap();
        let v: i64 = reg.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let tx = reg.begin().unwrap();
        let found = tx.same_person(&crate::viet::person_key("LÊ VĂN HÒA", "05/07/1969").unwrap()).unwrap();
        assert_eq!(found.iter().map(|e| e.so_hieu.as_str()).collect::<Vec<_>>(), ["CN19-0001"]);
        assert!(tx
            .same_person(&crate::viet::person_key("Lê Văn Hoa", "05/07/1969").unwrap())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn entries_and_history_cannot_be_deleted_or_renumbered() {
        let (_dir, path) = temp();
        let mut reg = Sqlite::open(&path, true, || {}).unwrap();
        let tx = reg.begin().unwrap();
        let b = tx
            .save_batch(
                &NewBatch {
                    name: "k".into(),
                    template: "t".into(),
                    issue_date: today(),
                    roster_file: "r.csv".into(),
                    roster_sha256: "00".into(),
                    vars_json: "{}".into(),
                },
                today(),
            )
            .unwrap();
        tx.insert(
            &NewCert {
                batch_id: b,
                identity: "[\"1\"]".into(),
                record_no: 1,
                so_hieu: "CN19-0001".into(),
                so_vao_so: Some("1/2019".into()),
                ho_ten: "Lý Xuân Trí".into(),
                ngay_sinh: "07/04/1975".into(),
                issue_date: today(),
                record_json: "{}".into(),
                claims_cbor: vec![0xa0],
                qr_text: "https://x/c#1".into(),
                rid: "rid1".into(),
                supersedes: None,
            },
            today(),
        )
        .unwrap();
        tx.keep().unwrap();
        assert!(reg.conn.execute("DELETE FROM certificates", []).is_err());
        assert!(reg.conn.execute("DELETE FROM history", []).is_err());
        assert!(reg.conn.execute("UPDATE certificates SET so_hieu = 'X'", []).is_err());
        assert_eq!(reg.entries(None).unwrap().len(), 1);
    }
}
