//! The SQLite register's schema: its migrations, one a version, and the online backup.

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection};

use crate::register::{Backup, RegisterError};

/// Schema migrations: entry `i` takes `user_version` from `i` to `i + 1`.
pub(super) const MIGRATIONS: &[&str] = &[
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
    // Look-up entries (issue 32, `register::lookup`): one per certificate, format and host,
    // never recomputed.
    r#"
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
"#,
];

/// Fills in the `person` of every certificate registered before version 3 (in the migration's
/// transaction: a register is upgraded whole or not at all).
pub(super) fn backfill_person(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
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
