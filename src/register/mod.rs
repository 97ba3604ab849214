//! The issuance register (sổ gốc): every certificate `issue` ever numbered, in a SQLite file.
//! The only module that touches rusqlite.
//!
//! Vietnamese rules (TT 21/2019) want an original register that is never erased or overwritten:
//! two identifiers per certificate (số hiệu, số vào sổ) that are never reused, and reissues and
//! revocations recorded against the original entry. So:
//! - certificates are never deleted (a trigger refuses it); their status moves from `issued` to
//!   `reissued` (linked to the successor), `revoked` or `spoiled`;
//! - every change is also written to `history`, which triggers keep append-only;
//! - numbers are UNIQUE columns, so no bug can give one twice;
//! - a run holds an exclusive lock on the register file for its whole length, so two runs on
//!   one register take turns instead of racing; numbers are allocated and committed in one
//!   transaction before any PDF is written.
//!
//! Dates are the day the caller says it is (never the clock), so a rerun on the same day gives
//! the same register as one clean run. The schema version is SQLite's `user_version`; each
//! migration step takes the file one version up inside a transaction.

pub mod audit;
pub mod blanks;
pub mod esign;
pub mod export;
pub mod issue;
pub mod lookup;
pub mod print;

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::template::NumberField;
use crate::viet::Date;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 4;

/// Schema migrations: entry `i` takes `user_version` from `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE batches (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    template      TEXT NOT NULL,
    issue_date    TEXT NOT NULL,
    roster_file   TEXT NOT NULL,
    roster_sha256 TEXT NOT NULL,
    vars_json     TEXT NOT NULL,
    created_on    TEXT NOT NULL,
    updated_on    TEXT NOT NULL
);
CREATE TABLE certificates (
    id             INTEGER PRIMARY KEY,
    batch_id       INTEGER NOT NULL REFERENCES batches(id),
    identity       TEXT NOT NULL,
    record_no      INTEGER NOT NULL,
    so_hieu        TEXT NOT NULL UNIQUE,
    so_vao_so      TEXT UNIQUE,
    ho_ten         TEXT NOT NULL,
    ngay_sinh      TEXT NOT NULL,
    issue_date     TEXT NOT NULL,
    record_json    TEXT NOT NULL,
    claims_cbor    BLOB NOT NULL,
    qr_text        TEXT NOT NULL,
    rid            TEXT NOT NULL UNIQUE,
    pdf_path       TEXT,
    pdf_sha256     TEXT,
    status         TEXT NOT NULL DEFAULT 'issued'
                   CHECK (status IN ('issued', 'reissued', 'revoked', 'spoiled')),
    reason         TEXT,
    decision       TEXT,
    status_date    TEXT,
    supersedes     INTEGER REFERENCES certificates(id),
    superseded_by  INTEGER REFERENCES certificates(id),
    created_on     TEXT NOT NULL
);
CREATE INDEX certificates_identity ON certificates(batch_id, identity);
CREATE TABLE counters (
    scope TEXT PRIMARY KEY,
    next  INTEGER NOT NULL CHECK (next >= 1)
);
CREATE TABLE history (
    id             INTEGER PRIMARY KEY,
    on_date        TEXT NOT NULL,
    batch_id       INTEGER REFERENCES batches(id),
    certificate_id INTEGER REFERENCES certificates(id),
    event          TEXT NOT NULL,
    detail         TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
    BEGIN SELECT RAISE(ABORT, 'the register history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
    BEGIN SELECT RAISE(ABORT, 'the register history is append-only'); END;
CREATE TRIGGER certificates_no_delete BEFORE DELETE ON certificates
    BEGIN SELECT RAISE(ABORT, 'certificates are never deleted from the register'); END;
CREATE TRIGGER certificates_numbers_fixed BEFORE UPDATE OF so_hieu, so_vao_so, identity, batch_id ON certificates
    BEGIN SELECT RAISE(ABORT, 'a certificate keeps its numbers'); END;
"#,
    r#"
CREATE TABLE blanks (
    serial         TEXT PRIMARY KEY,
    certificate_id INTEGER REFERENCES certificates(id),
    batch_id       INTEGER REFERENCES batches(id),
    used_on        TEXT,
    state          TEXT NOT NULL CHECK (state IN ('used', 'spoiled')),
    spoiled_on     TEXT,
    reason         TEXT
);
CREATE INDEX blanks_certificate ON blanks(certificate_id);
CREATE TRIGGER blanks_no_delete BEFORE DELETE ON blanks
    BEGIN SELECT RAISE(ABORT, 'blanks are never deleted from the register'); END;
CREATE TRIGGER blanks_fixed BEFORE UPDATE OF serial, certificate_id, batch_id, used_on ON blanks
    BEGIN SELECT RAISE(ABORT, 'a blank keeps its certificate'); END;
CREATE TRIGGER blanks_spoiled_stays BEFORE UPDATE ON blanks WHEN OLD.state = 'spoiled'
    BEGIN SELECT RAISE(ABORT, 'a spoiled blank stays spoiled'); END;
"#,
    // Who each certificate is for, to find a person issued twice (see `viet::person_key`):
    // filled in by `backfill_person` in the same step.
    r#"
ALTER TABLE certificates ADD COLUMN person TEXT;
CREATE INDEX certificates_person ON certificates(person);
"#,
    // Look-up entries (issue 32): `lookup::SCHEMA`.
    lookup::SCHEMA,
];

/// Fills in the `person` of every certificate registered before version 3 (in the migration's
/// transaction: a register is upgraded whole or not at all).
fn backfill_person(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, ho_ten, ngay_sinh FROM certificates WHERE person IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut st = tx.prepare("UPDATE certificates SET person = ?2 WHERE id = ?1")?;
    for (id, name, born) in rows {
        st.execute(params![id, crate::viet::person_key(&name, &born)])?;
    }
    Ok(())
}

/// What can go wrong with the register.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// SQLite refused something; its own message is the cause.
    #[error("{}", crate::t!("err-register-sql", path = format!("{}", path.display())))]
    Sql {
        /// The register file.
        path: PathBuf,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// A schema upgrade failed (nothing of it was kept: each step is one transaction).
    #[error("{}", crate::t!("err-register-upgrade", path = format!("{}", path.display()), version = format!("{}", .version)))]
    Upgrade {
        /// The register file.
        path: PathBuf,
        /// The version the step leads to.
        version: usize,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// A stored value that this version cannot read: the file was edited by hand or damaged.
    #[error("{}", crate::t!("err-register-damaged", path = format!("{}", path.display()), batch = format!("{}", .batch), value = format!("{:?}", .value)))]
    Damaged {
        /// The register file.
        path: PathBuf,
        /// The batch.
        batch: String,
        /// The stored value.
        value: String,
    },
    /// The file could not be opened or locked.
    #[error("{}", crate::t!("err-register-io", path = format!("{}", path.display()), action = format!("{}", .action)))]
    Io {
        /// The register file.
        path: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// No register at that path (for commands that only read or change one).
    #[error("{}", crate::t!("err-register-missing", path = format!("{}", path.display())))]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// Written by a newer chungnhan.
    #[error("{}", crate::t!("err-register-newer", path = format!("{}", path.display()), found = format!("{}", .found), schema_version = format!("{}", SCHEMA_VERSION)))]
    Newer {
        /// The register file.
        path: PathBuf,
        /// Its version.
        found: i64,
    },
    /// No certificate has that serial.
    #[error("{}", crate::t!("err-register-unknown-serial", path = format!("{}", path.display()), serial = format!("{:?}", .serial)))]
    UnknownSerial {
        /// The register file.
        path: PathBuf,
        /// The serial asked for.
        serial: String,
        /// Registered serials that end in the same number, the likeliest meant.
        near: Vec<String>,
    },
    /// `register backup` never overwrites.
    #[error("{}", crate::t!("err-register-backup-exists", out = format!("{}", out.display())))]
    BackupExists {
        /// The file asked for.
        out: PathBuf,
    },
    /// The copy failed SQLite's integrity check (nothing was put in place).
    #[error("{}", crate::t!("err-register-backup-damaged", out = format!("{}", out.display()), report = format!("{}", .report)))]
    BackupDamaged {
        /// The file asked for.
        out: PathBuf,
        /// What the check said.
        report: String,
    },
    /// Several certificates match a serial written loosely (case, spaces and hyphens ignored).
    #[error("{}", crate::t!("err-register-ambiguous-serial", path = format!("{}", path.display()), serial = format!("{:?}", .serial), found = format!("{}", found.join(", "))))]
    AmbiguousSerial {
        /// The register file.
        path: PathBuf,
        /// The serial asked for.
        serial: String,
        /// The serials it matches.
        found: Vec<String>,
    },
}

/// What `register backup` made.
#[derive(Debug, Clone)]
pub struct Backup {
    /// Certificates in the copy.
    pub certificates: i64,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Copies the register at `path` to `out` with SQLite's online backup: a consistent snapshot
/// even while another process issues (no whole-run lock is taken; SQLite's own locking keeps
/// the copy to one committed state). The copy is a single self-contained file (no WAL), checked
/// with `PRAGMA integrity_check` before it is renamed into place; `out` is never overwritten.
pub fn backup(path: &Path, out: &Path) -> Result<Backup, RegisterError> {
    if !path.is_file() {
        return Err(RegisterError::Missing { path: path.to_path_buf() });
    }
    if std::fs::symlink_metadata(out).is_ok() {
        return Err(RegisterError::BackupExists { out: out.to_path_buf() });
    }
    let sql = |source: rusqlite::Error| RegisterError::Sql { path: path.to_path_buf(), source };
    let src = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(sql)?;
    src.busy_timeout(Duration::from_secs(60)).map_err(sql)?;
    let mut tmp_name = out.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    tmp_name.push(".chungnhan-tmp");
    let tmp = out.with_file_name(tmp_name);
    match std::fs::remove_file(&tmp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(RegisterError::Io { path: tmp, action: "remove a stale temporary copy", source: e })
        }
        _ => {}
    }
    let out_sql = |source: rusqlite::Error| RegisterError::Sql { path: out.to_path_buf(), source };
    let result = (|| {
        let mut dst = Connection::open(&tmp).map_err(out_sql)?;
        {
            let b = rusqlite::backup::Backup::new(&src, &mut dst).map_err(out_sql)?;
            // All pages in one step (-1): one read transaction, so one committed state. A writer
            // holding the lock at that instant makes it busy; it is tried again.
            let deadline = std::time::Instant::now() + Duration::from_secs(60);
            loop {
                use rusqlite::backup::StepResult;
                match b.step(-1).map_err(out_sql)? {
                    StepResult::Done => break,
                    _ if std::time::Instant::now() > deadline => {
                        return Err(out_sql(rusqlite::Error::SqliteFailure(
                            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                            Some(crate::t!("register-busy")),
                        )))
                    }
                    _ => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        }
        dst.pragma_update(None, "journal_mode", "DELETE").map_err(out_sql)?;
        let check: String = dst.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(out_sql)?;
        if check != "ok" {
            return Err(RegisterError::BackupDamaged { out: out.to_path_buf(), report: check });
        }
        let certificates: i64 =
            dst.query_row("SELECT count(*) FROM certificates", [], |r| r.get(0)).map_err(out_sql)?;
        dst.close().map_err(|(_, e)| out_sql(e))?;
        std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(|source| RegisterError::Io {
            path: tmp.clone(),
            action: "write the copy",
            source,
        })?;
        Ok(certificates)
    })();
    let certificates = match result {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    std::fs::hard_link(&tmp, out).and_then(|_| std::fs::remove_file(&tmp)).map_err(|source| {
        RegisterError::Io { path: out.to_path_buf(), action: "put the copy in place", source }
    })?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(Backup { certificates, bytes })
}

/// A pre-printed blank (phôi) in the register: printed on for a certificate, or spoiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlankRow {
    /// The blank's own serial, as printed on it.
    pub serial: String,
    /// Printed on and handed out (`false`: spoiled — jammed, misprinted, destroyed).
    pub used: bool,
    /// The certificate printed on it: id, số hiệu, họ tên (none for a blank spoiled before
    /// anything was printed on it).
    pub certificate: Option<(i64, String, String)>,
    /// Its certificate's batch.
    pub batch: Option<String>,
    /// When it was printed on (ISO).
    pub used_on: Option<String>,
    /// When it was recorded spoiled (ISO), and why.
    pub spoiled: Option<(String, String)>,
}

/// What `spoil` did.
#[derive(Debug, Clone)]
pub enum Spoiling {
    /// The blank is now spoiled; its certificate (if any) waits for a reprint.
    Spoiled(BlankRow),
    /// It was spoiled already: nothing changed.
    Already(BlankRow),
}

/// What `revoke` did.
#[derive(Debug, Clone)]
pub enum Revocation {
    /// The certificate is now revoked.
    Revoked(CertRow),
    /// It was revoked already, for this reason: nothing changed.
    Already(CertRow),
    /// It was revoked already for another reason, which was kept (nothing changed).
    OtherReason(CertRow),
    /// It was revoked already; its reason was changed, as asked, from the one given here.
    ReasonChanged(CertRow, String),
}

impl RegisterError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            RegisterError::Missing { .. } => Some(crate::t!("hint-register-missing")),
            RegisterError::Newer { .. } => Some(crate::t!("hint-register-newer")),
            RegisterError::Sql { source: rusqlite::Error::SqliteFailure(f, _), .. }
                if f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                Some(crate::t!("hint-register-not-db"))
            }
            RegisterError::UnknownSerial { near, .. } if !near.is_empty() => {
                Some(crate::t!("hint-register-serial-near", near = near.join(" / ")))
            }
            RegisterError::UnknownSerial { .. } => Some(crate::t!("hint-register-serial")),
            RegisterError::AmbiguousSerial { .. } => Some(crate::t!("hint-register-ambiguous")),
            RegisterError::BackupExists { .. } => Some(crate::t!("hint-register-backup-exists")),
            RegisterError::BackupDamaged { .. } => Some(crate::t!("hint-register-backup-damaged")),
            _ => None,
        }
    }
}

/// One line of the history: date, the certificate's số hiệu (none for a batch event), event,
/// detail.
pub type HistoryEntry = (String, Option<String>, String, String);

/// A batch as registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchRow {
    /// Row id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The template it was issued with.
    pub template: String,
    /// Its issue date.
    pub issue_date: Date,
    /// The roster it was last issued from.
    pub roster_file: String,
}

/// A batch's description, as a run sees it.
#[derive(Debug, Clone)]
pub struct NewBatch {
    /// Its name (what recognises it on a rerun).
    pub name: String,
    /// Template name.
    pub template: String,
    /// Issue date.
    pub issue_date: Date,
    /// The roster as given.
    pub roster_file: String,
    /// SHA-256 of the roster's bytes.
    pub roster_sha256: String,
    /// The batch variables, as JSON.
    pub vars_json: String,
}

/// A certificate's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Issued and current.
    Issued,
    /// Replaced by a reissue (`superseded_by`).
    Reissued,
    /// Revoked.
    Revoked,
    /// A spoiled blank: the number is used up, the paper destroyed.
    Spoiled,
}

impl Status {
    /// The name stored in the register.
    pub fn name(self) -> &'static str {
        match self {
            Status::Issued => "issued",
            Status::Reissued => "reissued",
            Status::Revoked => "revoked",
            Status::Spoiled => "spoiled",
        }
    }

    /// The Vietnamese word for it (exports: `so-goc.ftl`, Vietnamese in every run).
    pub fn name_vi(self) -> String {
        match self {
            Status::Issued => crate::book!("book-status-issued"),
            Status::Reissued => crate::book!("book-status-reissued"),
            Status::Revoked => crate::book!("book-status-revoked"),
            Status::Spoiled => crate::book!("book-status-spoiled"),
        }
    }

    fn parse(s: &str) -> Status {
        match s {
            "reissued" => Status::Reissued,
            "revoked" => Status::Revoked,
            "spoiled" => Status::Spoiled,
            _ => Status::Issued,
        }
    }
}

/// Where a certificate is in the register, and what choosing it needs (see
/// [`Register::entry_keys`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryKey {
    /// Its id (entries are made in print order).
    pub id: i64,
    /// Its batch.
    pub batch: String,
    /// Its serial.
    pub so_hieu: String,
    /// In force, revoked, replaced…
    pub status: Status,
}

/// A certificate in force of a person (see [`Tx::same_person`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    /// Its id.
    pub id: i64,
    /// Its batch's id.
    pub batch_id: i64,
    /// The batch's name.
    pub batch: String,
    /// Its identity in the batch.
    pub identity: String,
    /// Its record number in the batch's roster.
    pub record_no: i64,
    /// Số hiệu.
    pub so_hieu: String,
    /// The name as registered.
    pub ho_ten: String,
    /// The date of birth as printed.
    pub ngay_sinh: String,
}

/// A certificate as registered.
#[derive(Debug, Clone, PartialEq)]
pub struct CertRow {
    /// Row id (the order entries were made in).
    pub id: i64,
    /// The batch's name.
    pub batch: String,
    /// The record's identity in its batch.
    pub identity: String,
    /// Record number in the roster it was issued from.
    pub record_no: i64,
    /// Số hiệu.
    pub so_hieu: String,
    /// Số vào sổ.
    pub so_vao_so: Option<String>,
    /// Holder's name.
    pub ho_ten: String,
    /// Date of birth as printed.
    pub ngay_sinh: String,
    /// Issue date.
    pub issue_date: String,
    /// The record's values as issued (JSON object), numbers excluded.
    pub record_json: String,
    /// The QR text.
    pub qr_text: String,
    /// Revocation id, base64url.
    pub rid: String,
    /// Where its PDF was last written, and that file's SHA-256.
    pub pdf: Option<(String, String)>,
    /// Status.
    pub status: Status,
    /// Reason of a revocation or reissue.
    pub reason: Option<String>,
    /// Decision number of a revocation.
    pub decision: Option<String>,
    /// Date of the last status change.
    pub status_date: Option<String>,
    /// The certificate that replaced this one.
    pub superseded_by: Option<i64>,
    /// The certificate this one replaced.
    pub supersedes: Option<i64>,
}

/// A certificate to register.
#[derive(Debug, Clone)]
pub struct NewCert {
    /// The batch row.
    pub batch_id: i64,
    /// Identity in the batch.
    pub identity: String,
    /// Record number.
    pub record_no: i64,
    /// Số hiệu.
    pub so_hieu: String,
    /// Số vào sổ.
    pub so_vao_so: Option<String>,
    /// Name.
    pub ho_ten: String,
    /// Date of birth.
    pub ngay_sinh: String,
    /// Issue date.
    pub issue_date: Date,
    /// Values as issued.
    pub record_json: String,
    /// Signed claims.
    pub claims_cbor: Vec<u8>,
    /// QR text.
    pub qr_text: String,
    /// Revocation id, base64url.
    pub rid: String,
    /// The certificate this one replaces.
    pub supersedes: Option<i64>,
}

/// The open register, locked for this process.
pub struct Register {
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

impl Register {
    /// Opens the register at `path`, creating it if `create`, and locks it for this process. If
    /// another run holds it, calls `waiting` once and waits for it to finish.
    pub fn open(path: &Path, create: bool, waiting: impl FnOnce()) -> Result<Register, RegisterError> {
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
        let mut reg = Register { conn, path: path.to_path_buf(), _lock: lock };
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

    /// The register's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts the transaction that reads and allocates numbers: it holds SQLite's write lock
    /// until [`Tx::commit`]; dropped without commit, nothing of it is kept.
    pub fn transaction(&mut self) -> Result<Tx<'_>, RegisterError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| RegisterError::Sql { path: path.clone(), source })?;
        Ok(Tx { tx, path })
    }

    /// Records where certificates' PDFs are and what they hold: `(certificate id, path, SHA-256)`.
    /// A run's files are recorded as they are written, a block at a time, while the run
    /// reads entries through the same connection (hence `&self`; the register's lock keeps
    /// any other writer out).
    pub fn set_files(
        &self,
        files: impl IntoIterator<Item = (i64, String, String)>,
    ) -> Result<(), RegisterError> {
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

    /// Every certificate, in the order the entries were made; only `batch`'s if given.
    pub fn entries(&self, batch: Option<&str>) -> Result<Vec<CertRow>, RegisterError> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id \
             WHERE ?1 IS NULL OR b.name = ?1 ORDER BY c.id"
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let rows = st.query_map(params![batch], cert_row).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    /// Every certificate's id, batch, serial and status, in the order the entries were made
    /// (only `batch`'s if given): what choosing among a million certificates needs, without
    /// their records and codes (kilobytes each).
    pub fn entry_keys(&self, batch: Option<&str>) -> Result<Vec<EntryKey>, RegisterError> {
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

    /// The certificate with id `id`.
    pub fn entry(&self, id: i64) -> Result<Option<CertRow>, RegisterError> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id WHERE c.id = ?1"
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        st.query_row(params![id], cert_row).optional().map_err(|e| self.sql(e))
    }

    /// A batch as it was issued: its row and its variables (JSON).
    pub fn batch_issued(&self, name: &str) -> Result<Option<(BatchRow, String)>, RegisterError> {
        read_batch(&self.conn, &self.path, name)
    }

    /// The issuing body's name and the batch variables of each batch (for the export's title).
    pub fn batch_vars(&self) -> Result<Vec<(String, String)>, RegisterError> {
        let mut st =
            self.conn.prepare("SELECT name, vars_json FROM batches ORDER BY id").map_err(|e| self.sql(e))?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    /// Marks the certificate with serial `serial` revoked. The serial is matched exactly, else
    /// ignoring case, spaces and hyphens (as people type it from paper). Revoking a revoked certificate
    /// changes nothing — unless `change_reason`, which records the new reason and decision.
    pub fn revoke(
        &mut self,
        serial: &str,
        reason: &str,
        decision: Option<&str>,
        change_reason: bool,
        today: Date,
    ) -> Result<Revocation, RegisterError> {
        let tx = self.transaction()?;
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
            tx.commit()?;
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
        tx.commit()?;
        Ok(Revocation::Revoked(row))
    }

    /// Records blank `serial` spoiled on `today`, for `reason`; its certificate (if one was
    /// printed on it) then waits for `print --reprint-spoiled`. A blank the register has never
    /// seen (spoiled while loading the printer) is recorded spoiled with no certificate.
    pub fn spoil(&mut self, serial: &str, reason: &str, today: Date) -> Result<Spoiling, RegisterError> {
        let tx = self.transaction()?;
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
        tx.commit()?;
        Ok(Spoiling::Spoiled(b))
    }

    /// Every blank the register knows (used and spoiled), by batch then in the order they were
    /// recorded; only `batch`'s if given (blanks spoiled before use belong to no batch and are
    /// listed only without one).
    pub fn blanks(&self, batch: Option<&str>) -> Result<Vec<BlankRow>, RegisterError> {
        let sql = format!(
            "SELECT {BLANK_COLUMNS} FROM blanks k LEFT JOIN certificates c ON c.id = k.certificate_id \
             LEFT JOIN batches b ON b.id = k.batch_id WHERE ?1 IS NULL OR b.name = ?1 \
             ORDER BY b.id IS NULL, b.id, k.rowid"
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.sql(e))?;
        let rows = st.query_map(params![batch], blank_row).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    /// The blank each certificate is printed on now (its used one), by certificate id.
    pub fn blanks_in_use(&self) -> Result<HashMap<i64, String>, RegisterError> {
        let mut st = self
            .conn
            .prepare("SELECT certificate_id, serial FROM blanks WHERE state = 'used' AND certificate_id IS NOT NULL")
            .map_err(|e| self.sql(e))?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.sql(e))?;
        rows.collect::<Result<HashMap<_, _>, _>>().map_err(|e| self.sql(e))
    }

    /// Certificates still issued whose blank was spoiled and that are on no blank now, or whose
    /// blank now was given by a reprint: `(certificate, its blank now)`, in register order.
    pub fn spoiled_certificates(
        &self,
        batch: Option<&str>,
    ) -> Result<Vec<(CertRow, Option<String>)>, RegisterError> {
        let in_use = self.blanks_in_use()?;
        let spoiled: std::collections::HashSet<i64> = self
            .blanks(batch)?
            .into_iter()
            .filter(|b| !b.used)
            .filter_map(|b| b.certificate.map(|c| c.0))
            .collect();
        Ok(self
            .entries(batch)?
            .into_iter()
            .filter(|c| c.status == Status::Issued && spoiled.contains(&c.id))
            .map(|c| {
                let now = in_use.get(&c.id).cloned();
                (c, now)
            })
            .collect())
    }

    /// What the revocation list must hold: `(rid, date, reason)` of every revoked certificate
    /// and every certificate replaced by a reissue (reason `superseded`).
    pub fn revocations(&self) -> Result<Vec<(String, String, String)>, RegisterError> {
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

    /// Every certificate ever issued, by batch and signing key, by code id and revocation id:
    /// what the issuance ledgers hold (revoked and reissued ones too: they were issued, and their revocation says the rest).
    pub fn ledger_groups(&self) -> Result<Vec<crate::seal::keys::LedgerGroup>, RegisterError> {
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

    /// Certificates whose issue the history records but whose row is gone, or was replaced by
    /// another under the same id: `(batch, numbers as the history wrote them)`. Rows are never
    /// deleted (a trigger refuses it), so each of these was removed behind the register's back;
    /// the append-only history still remembers it.
    pub fn vanished(&self) -> Result<Vec<(String, String)>, RegisterError> {
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
            let (batch, detail, serial, entry): (String, String, _, _) = row.map_err(|e| self.sql(e))?;
            let still = serial.is_some_and(|serial| issued_numbers(&serial, entry.as_deref()) == detail);
            if !still {
                out.push((batch, detail));
            }
        }
        Ok(out)
    }

    /// The certificate with serial `serial`, typed as it reads on paper: exactly, else ignoring case, spaces and hyphens.
    pub fn certificate(&self, serial: &str) -> Result<CertRow, RegisterError> {
        find_serial(&self.conn, &self.path, serial)
    }

    /// The entries a clerk may mean by `text`: its words in the holder's name, ignoring
    /// diacritics and case (`nguyen van an` finds Nguyễn Văn Ẩn), or the số hiệu (ignoring case,
    /// spaces and hyphens), the số vào sổ or the batch's name containing it. In the order the
    /// entries were made; at most `limit` of them, with how many matched in all.
    pub fn find(&self, text: &str, limit: usize) -> Result<(Vec<CertRow>, usize), RegisterError> {
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
            let (id, name, serial, entry, batch) = row.map_err(|e| self.sql(e))?;
            let name_words: Vec<String> = crate::viet::fold_key(&name).split('_').map(String::from).collect();
            // Each word typed is a whole word of the name, except the last, which may be begun.
            let by_name = !words.is_empty()
                && words.iter().enumerate().all(|(i, w)| {
                    name_words.iter().any(|n| n == w || (i + 1 == words.len() && n.starts_with(w.as_str())))
                });
            let by_number = !wanted.is_empty()
                && (loose(&serial).contains(&wanted) || (!entry.is_empty() && loose(&entry) == wanted));
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

    /// One certificate's history, oldest first: `(date, event, detail)`.
    pub fn history_of(&self, id: i64) -> Result<Vec<(String, String, String)>, RegisterError> {
        let mut st = self
            .conn
            .prepare("SELECT on_date, event, detail FROM history WHERE certificate_id = ?1 ORDER BY id")
            .map_err(|e| self.sql(e))?;
        let rows =
            st.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    /// The pre-printed blanks a certificate was printed on (a spoiled one, then its reprint).
    pub fn blanks_of(&self, id: i64) -> Result<Vec<String>, RegisterError> {
        let mut st = self
            .conn
            .prepare("SELECT serial FROM blanks WHERE certificate_id = ?1 ORDER BY rowid")
            .map_err(|e| self.sql(e))?;
        let rows = st.query_map(params![id], |r| r.get(0)).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    /// Gaps in the history's row ids, as `(first missing, last missing)`: the history is
    /// append-only and SQLite gives each new row the next id, so a gap is rows deleted behind
    /// the register's back.
    pub fn history_gaps(&self) -> Result<Vec<(i64, i64)>, RegisterError> {
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

    /// The history, oldest first: `(date, certificate's số hiệu, event, detail)`.
    pub fn history(&self) -> Result<Vec<HistoryEntry>, RegisterError> {
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
fn issued_numbers(serial: &str, entry: Option<&str>) -> String {
    match entry {
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

/// Where certificates are read from: the register, or a run's transaction before it commits
/// (to compare the print files it would write with those there, and refuse before anything is
/// kept).
#[derive(Clone, Copy)]
pub(crate) enum Reader<'a> {
    Register(&'a Register),
    Tx(&'a Tx<'a>),
}

impl Reader<'_> {
    pub(crate) fn entry(&self, id: i64) -> Result<Option<CertRow>, RegisterError> {
        match self {
            Reader::Register(r) => r.entry(id),
            Reader::Tx(t) => t.entry(id),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        match self {
            Reader::Register(r) => r.path(),
            Reader::Tx(t) => t.path(),
        }
    }

    pub(crate) fn batch_issued(&self, name: &str) -> Result<Option<(BatchRow, String)>, RegisterError> {
        match self {
            Reader::Register(r) => r.batch_issued(name),
            Reader::Tx(t) => read_batch(&t.tx, &t.path, name),
        }
    }

    /// Certificates whose recorded file is also another certificate's: `(id, serial, the
    /// other's serial, the file)`, one row per pair each way. An honest register has none (a
    /// reissue's file never takes its predecessor's name); one edited to point a certificate at
    /// another's file does.
    pub(crate) fn shared_files(&self) -> Result<Vec<(i64, String, String, String)>, RegisterError> {
        let conn: &Connection = match self {
            Reader::Register(r) => &r.conn,
            Reader::Tx(t) => &t.tx,
        };
        let sql = "SELECT a.id, a.so_hieu, b.so_hieu, a.pdf_path FROM certificates a \
                   JOIN certificates b ON b.pdf_path = a.pdf_path AND b.id != a.id ORDER BY a.id, b.id";
        let rows = conn
            .prepare(sql)
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect()
            })
            .map_err(|source| RegisterError::Sql { path: self.path().to_path_buf(), source })?;
        Ok(rows)
    }
}

/// The allocation transaction of one run.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    path: PathBuf,
}

impl Tx<'_> {
    fn sql(&self, e: rusqlite::Error) -> RegisterError {
        RegisterError::Sql { path: self.path.clone(), source: e }
    }

    /// Keeps everything done in the transaction.
    pub fn commit(self) -> Result<(), RegisterError> {
        let path = self.path.clone();
        self.tx.commit().map_err(|source| RegisterError::Sql { path, source })
    }

    /// The certificate with id `id`, as the transaction sees it.
    pub fn entry(&self, id: i64) -> Result<Option<CertRow>, RegisterError> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id WHERE c.id = ?1"
        );
        let mut st = self.tx.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        st.query_row(params![id], cert_row).optional().map_err(|e| self.sql(e))
    }

    /// The register's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every certificate's recorded file: `(id, path)`.
    pub fn files(&self) -> Result<Vec<(i64, String)>, RegisterError> {
        let mut st = self
            .tx
            .prepare("SELECT id, pdf_path FROM certificates WHERE pdf_path IS NOT NULL ORDER BY id")
            .map_err(|e| self.sql(e))?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    /// The batch of that name.
    pub fn batch(&self, name: &str) -> Result<Option<BatchRow>, RegisterError> {
        Ok(read_batch(&self.tx, &self.path, name)?.map(|(b, _)| b))
    }

    /// Registers a batch, or records what changed about it; returns its id.
    pub fn save_batch(&self, b: &NewBatch, today: Date) -> Result<i64, RegisterError> {
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

    /// The current certificate (the latest entry) of each identity in a batch.
    pub fn current(&self, batch_id: i64) -> Result<Vec<CertRow>, RegisterError> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id \
             WHERE c.batch_id = ?1 AND c.superseded_by IS NULL ORDER BY c.id"
        );
        let mut st = self.tx.prepare(&sql).map_err(|e| self.sql(e))?;
        let rows = st.query_map(params![batch_id], cert_row).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.sql(e))
    }

    /// The certificates in force (status issued) of one person (`viet::person_key`), in the
    /// order they were made: one lookup in an index, for each new record of a run.
    pub fn same_person(&self, person: &str) -> Result<Vec<PersonEntry>, RegisterError> {
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

    /// The certificate that holds a number, if any.
    pub fn holder(&self, which: NumberField, number: &str) -> Result<Option<CertRow>, RegisterError> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN batches b ON b.id = c.batch_id WHERE c.{} = ?1",
            which.field()
        );
        let mut st = self.tx.prepare_cached(&sql).map_err(|e| self.sql(e))?;
        st.query_row(params![number], cert_row).optional().map_err(|e| self.sql(e))
    }

    fn by_serial(&self, serial: &str) -> Result<Option<CertRow>, RegisterError> {
        self.holder(NumberField::Serial, serial)
    }

    /// The certificate with serial `serial`: written exactly, or else the one whose serial is
    /// the same ignoring case, spaces and hyphens (`cnbd25-0004`, `CN BD25 0004`). None: an error
    /// that names the registered serials a typo or two away.
    fn find_serial(&self, serial: &str) -> Result<CertRow, RegisterError> {
        find_serial(&self.tx, &self.path, serial)
    }

    /// The next running number of a sequence (1 for a new one).
    pub fn next(&self, scope: &str) -> Result<u64, RegisterError> {
        let n: Option<i64> = self
            .tx
            .query_row("SELECT next FROM counters WHERE scope = ?1", params![scope], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql(e))?;
        Ok(n.unwrap_or(1).max(1) as u64)
    }

    /// Moves a sequence on: `next` is the first number not yet given.
    pub fn set_next(&self, scope: &str, next: u64) -> Result<(), RegisterError> {
        self.tx
            .execute(
                "INSERT INTO counters (scope, next) VALUES (?1, ?2) \
                 ON CONFLICT(scope) DO UPDATE SET next = excluded.next WHERE excluded.next > counters.next",
                params![scope, next as i64],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Registers a certificate; a reissue marks the one it replaces.
    pub fn insert(&self, c: &NewCert, today: Date) -> Result<i64, RegisterError> {
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

    /// The blank with this serial, if the register has it: as recorded, or the one it names
    /// with other zeros or letter case (see [`blanks::BlankKey`]).
    pub fn blank(&self, serial: &str) -> Result<Option<BlankRow>, RegisterError> {
        if let Some(b) = self.blank_as_recorded(serial)? {
            return Ok(Some(b));
        }
        match self.blank_keys()?.remove(&blanks::BlankKey::of(serial)) {
            Some(recorded) => self.blank_as_recorded(&recorded),
            None => Ok(None),
        }
    }

    /// The blank recorded with exactly this serial.
    fn blank_as_recorded(&self, serial: &str) -> Result<Option<BlankRow>, RegisterError> {
        let sql = format!(
            "SELECT {BLANK_COLUMNS} FROM blanks k LEFT JOIN certificates c ON c.id = k.certificate_id \
             LEFT JOIN batches b ON b.id = k.batch_id WHERE k.serial = ?1"
        );
        self.tx.query_row(&sql, params![serial], blank_row).optional().map_err(|e| self.sql(e))
    }

    /// Every blank's serial as recorded, by what tells it apart (see [`blanks::BlankKey`]); of
    /// two recorded serials naming one blank (recorded before they were compared this way), the
    /// first.
    pub fn blank_keys(&self) -> Result<HashMap<blanks::BlankKey, String>, RegisterError> {
        let mut st = self.tx.prepare("SELECT serial FROM blanks ORDER BY rowid").map_err(|e| self.sql(e))?;
        let rows = st.query_map([], |r| r.get::<_, String>(0)).map_err(|e| self.sql(e))?;
        let mut keys = HashMap::new();
        for serial in rows {
            let serial = serial.map_err(|e| self.sql(e))?;
            keys.entry(blanks::BlankKey::of(&serial)).or_insert(serial);
        }
        Ok(keys)
    }

    /// The blank certificate `id` is printed on now, if any.
    pub fn blank_in_use(&self, id: i64) -> Result<Option<String>, RegisterError> {
        self.tx
            .query_row(
                "SELECT serial FROM blanks WHERE certificate_id = ?1 AND state = 'used'",
                params![id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// The blanks certificate `id` was printed on and that were spoiled, in serial order.
    pub fn blanks_spoiled(&self, id: i64) -> Result<Vec<String>, RegisterError> {
        let mut st = self
            .tx
            .prepare_cached(
                "SELECT serial FROM blanks WHERE certificate_id = ?1 AND state = 'spoiled' ORDER BY serial",
            )
            .map_err(|e| self.sql(e))?;
        let rows = st.query_map(params![id], |r| r.get(0)).map_err(|e| self.sql(e))?;
        rows.collect::<Result<Vec<String>, _>>().map_err(|e| self.sql(e))
    }

    /// Records that certificate `id` is printed on blank `serial` today. The serial must be
    /// new to the register (the caller says whose it is otherwise).
    pub fn use_blank(&self, serial: &str, id: i64, today: Date) -> Result<(), RegisterError> {
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

    fn history(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date { year: 2019, month: 11, day: 20 }
    }

    /// A register in a fresh folder that is removed when the returned guard drops.
    fn temp() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.sqlite");
        (dir, path)
    }

    fn cert(batch_id: i64, n: u32) -> NewCert {
        NewCert {
            batch_id,
            identity: format!("[\"{n}\"]"),
            record_no: n as i64,
            so_hieu: format!("CN19-{n:04}"),
            so_vao_so: Some(format!("{n}/2019")),
            ho_ten: "Lý Xuân Trí".into(),
            ngay_sinh: "07/04/1975".into(),
            issue_date: today(),
            record_json: "{}".into(),
            claims_cbor: vec![0xa0],
            qr_text: format!("https://x/c#{n}"),
            rid: format!("rid{n}"),
            supersedes: None,
        }
    }

    fn batch() -> NewBatch {
        NewBatch {
            name: "k".into(),
            template: "t".into(),
            issue_date: today(),
            roster_file: "r.csv".into(),
            roster_sha256: "00".into(),
            vars_json: "{}".into(),
        }
    }

    #[test]
    fn a_new_register_has_the_current_schema_and_wal() {
        let (_dir, path) = temp();
        let reg = Register::open(&path, true, || {}).unwrap();
        let v: i64 = reg.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let mode: String = reg.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        drop(reg);
        // Reopening migrates nothing and keeps the data.
        Register::open(&path, false, || {}).unwrap();
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
        let mut reg = Register::open(&path, false, || {}).unwrap();
        let v: i64 = reg.conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let tx = reg.transaction().unwrap();
        let found = tx.same_person(&crate::viet::person_key("LÊ VĂN HÒA", "05/07/1969").unwrap()).unwrap();
        assert_eq!(found.iter().map(|e| e.so_hieu.as_str()).collect::<Vec<_>>(), ["CN19-0001"]);
        assert!(tx
            .same_person(&crate::viet::person_key("Lê Văn Hoa", "05/07/1969").unwrap())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn numbers_are_never_given_twice_and_entries_never_deleted() {
        let (_dir, path) = temp();
        let mut reg = Register::open(&path, true, || {}).unwrap();
        let tx = reg.transaction().unwrap();
        let b = tx.save_batch(&batch(), today()).unwrap();
        tx.insert(&cert(b, 1), today()).unwrap();
        let mut again = cert(b, 2);
        again.so_hieu = "CN19-0001".into();
        assert!(tx.insert(&again, today()).is_err(), "a serial given twice");
        tx.commit().unwrap();
        assert!(reg.conn.execute("DELETE FROM certificates", []).is_err());
        assert!(reg.conn.execute("DELETE FROM history", []).is_err());
        assert!(reg.conn.execute("UPDATE certificates SET so_hieu = 'X'", []).is_err());
        assert_eq!(reg.entries(None).unwrap().len(), 1);
    }

    #[test]
    fn an_uncommitted_allocation_leaves_nothing() {
        let (_dir, path) = temp();
        let mut reg = Register::open(&path, true, || {}).unwrap();
        {
            let tx = reg.transaction().unwrap();
            let b = tx.save_batch(&batch(), today()).unwrap();
            tx.insert(&cert(b, 1), today()).unwrap();
            tx.set_next("CN19-#", 2).unwrap();
        }
        let tx = reg.transaction().unwrap();
        assert_eq!(tx.next("CN19-#").unwrap(), 1);
        assert!(tx.batch("k").unwrap().is_none());
    }

    #[test]
    fn reissue_links_both_and_revocation_lists_them() {
        let (_dir, path) = temp();
        let mut reg = Register::open(&path, true, || {}).unwrap();
        let tx = reg.transaction().unwrap();
        let b = tx.save_batch(&batch(), today()).unwrap();
        let old = tx.insert(&cert(b, 1), today()).unwrap();
        let mut new = cert(b, 2);
        new.identity = "[\"1\"]".into();
        new.supersedes = Some(old);
        let new_id = tx.insert(&new, today()).unwrap();
        let current = tx.current(b).unwrap();
        assert_eq!(current.len(), 1);
        assert_eq!((current[0].identity.as_str(), current[0].id), ("[\"1\"]", new_id));
        tx.commit().unwrap();
        let Revocation::Revoked(row) =
            reg.revoke("CN19-0002", "fraud", Some("QĐ 12/QĐ-TT"), false, today()).unwrap()
        else {
            panic!("revoked now")
        };
        assert_eq!(row.status, Status::Revoked);
        assert!(matches!(
            reg.revoke("CN19-0002", "fraud", None, false, today()).unwrap(),
            Revocation::Already(_)
        ));
        // Written as people type it from paper: found; another reason: kept unless asked.
        assert!(matches!(
            reg.revoke("cn19 0002", "issued_in_error", None, false, today()).unwrap(),
            Revocation::OtherReason(_)
        ));
        assert_eq!(reg.revocations().unwrap()[1].2, "fraud");
        let list = reg.revocations().unwrap();
        assert_eq!(
            list,
            vec![
                ("rid1".into(), "2019-11-20".into(), "superseded".into()),
                ("rid2".into(), "2019-11-20".into(), "fraud".into())
            ]
        );
        assert!(matches!(
            reg.revoke("NOPE", "fraud", None, false, today()),
            Err(RegisterError::UnknownSerial { .. })
        ));
        match reg.revoke("CN19-9002", "fraud", None, false, today()) {
            Err(RegisterError::UnknownSerial { near, .. }) => assert_eq!(near, ["CN19-0002"]),
            other => panic!("{other:?}"),
        }
        let events: Vec<String> = reg.history().unwrap().into_iter().map(|h| h.2).collect();
        assert_eq!(events, ["batch", "issued", "reissued", "issued", "revoked"]);
    }
}
