//! The issuance register (sổ gốc): every certificate `issue` ever numbered, as a store ([`Store`],
//! [`Transaction`]) with its SQLite implementation in `sqlite`, the only module that touches
//! rusqlite. The register holds rows and answers queries; the workflows that issue and print
//! from it are `run::issue` and `run::print`, its printed forms `printout`.
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

pub mod blanks;
pub mod esign;
pub mod lookup;
mod sqlite;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::viet::Date;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 4;

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
/// [`Store::entry_keys`]).
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

/// A certificate in force of a person (see [`Transaction::same_person`]).
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

/// Which of a certificate's two numbers (the register's columns `so_hieu`, `so_vao_so`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// Số hiệu: the serial printed on the certificate.
    Serial,
    /// Số vào sổ: the register number, the entry's place in the book.
    RegisterNumber,
}

impl Number {
    /// The register's column that holds it (a stored format: the names are not changed).
    pub fn column(self) -> &'static str {
        match self {
            Number::Serial => "so_hieu",
            Number::RegisterNumber => "so_vao_so",
        }
    }
}

/// The register as a store: the schema's rows (batches, certificates, blanks, counters, the
/// history) and the queries on them, whatever keeps them. [`Register`] opens the SQLite one
/// (`sqlite`); a PostgreSQL one is one more implementation of this trait and of
/// [`Transaction`], and the tests in this module run against every store there is
/// (`tests::each_store`).
///
/// The rules every store keeps, which the workflows rely on:
/// - one run at a time holds the register for writing (SQLite: a lock on the file for the
///   process's whole life; a server: the counter rows locked in the issuing transaction);
/// - numbers are allocated inside one [`Transaction`] that also registers the certificates:
///   [`Transaction::next`] reads a counter row that stays locked until the commit, and
///   [`Transaction::set_next`] moves it on, never back — so a number is never given twice nor
///   skipped, and a transaction dropped without its commit leaves no trace (never a sequence:
///   sequences leave gaps on rollback);
/// - certificates are never deleted and their numbers never changed, and `history` is
///   append-only: the store itself refuses it (triggers), not only this code;
/// - changes that stand alone ([`Store::revoke`], [`Store::spoil`], [`Store::set_files`]) are
///   each one transaction of their own.
pub trait Store: Send {
    /// Where the register is (its file; a server's address for a store on a server), as
    /// messages name it.
    fn path(&self) -> &Path;

    /// Starts the transaction that reads and allocates numbers: it holds the store's write lock
    /// (SQLite: `BEGIN IMMEDIATE`) until [`Transaction::commit`]; dropped without commit,
    /// nothing of it is kept.
    fn transaction(&mut self) -> Result<Box<Tx<'_>>, RegisterError>;

    /// Records where certificates' PDFs are and what they hold: `(certificate id, path, SHA-256)`.
    /// A run's files are recorded as they are written, a block at a time, while the run
    /// reads entries through the same connection (hence `&self`; the register's lock keeps
    /// any other writer out).
    fn set_files(&self, files: &mut dyn Iterator<Item = (i64, String, String)>) -> Result<(), RegisterError>;

    /// Every certificate, in the order the entries were made; only `batch`'s if given.
    fn entries(&self, batch: Option<&str>) -> Result<Vec<CertRow>, RegisterError>;

    /// Every certificate's id, batch, serial and status, in the order the entries were made
    /// (only `batch`'s if given): what choosing among a million certificates needs, without
    /// their records and codes (kilobytes each).
    fn entry_keys(&self, batch: Option<&str>) -> Result<Vec<EntryKey>, RegisterError>;

    /// The certificate with id `id`.
    fn entry(&self, id: i64) -> Result<Option<CertRow>, RegisterError>;

    /// A batch as it was issued: its row and its variables (JSON).
    fn batch_issued(&self, name: &str) -> Result<Option<(BatchRow, String)>, RegisterError>;

    /// The issuing body's name and the batch variables of each batch (for the export's title).
    fn batch_vars(&self) -> Result<Vec<(String, String)>, RegisterError>;

    /// Certificates whose recorded file is also another certificate's: `(id, serial, the
    /// other's serial, the file)`, one row per pair each way. An honest register has none (a
    /// reissue's file never takes its predecessor's name); one edited to point a certificate at
    /// another's file does.
    fn shared_files(&self) -> Result<Vec<(i64, String, String, String)>, RegisterError>;

    /// Marks the certificate with serial `serial` revoked. The serial is matched exactly, else
    /// ignoring case, spaces and hyphens (as people type it from paper). Revoking a revoked certificate
    /// changes nothing — unless `change_reason`, which records the new reason and decision.
    fn revoke(
        &mut self,
        serial: &str,
        reason: &str,
        decision: Option<&str>,
        change_reason: bool,
        today: Date,
    ) -> Result<Revocation, RegisterError>;

    /// Records blank `serial` spoiled on `today`, for `reason`; its certificate (if one was
    /// printed on it) then waits for `print --reprint-spoiled`. A blank the register has never
    /// seen (spoiled while loading the printer) is recorded spoiled with no certificate.
    fn spoil(&mut self, serial: &str, reason: &str, today: Date) -> Result<Spoiling, RegisterError>;

    /// Every blank the register knows (used and spoiled), by batch then in the order they were
    /// recorded; only `batch`'s if given (blanks spoiled before use belong to no batch and are
    /// listed only without one).
    fn blanks(&self, batch: Option<&str>) -> Result<Vec<BlankRow>, RegisterError>;

    /// The blank each certificate is printed on now (its used one), by certificate id.
    fn blanks_in_use(&self) -> Result<HashMap<i64, String>, RegisterError>;

    /// Certificates still issued whose blank was spoiled and that are on no blank now, or whose
    /// blank now was given by a reprint: `(certificate, its blank now)`, in register order.
    fn spoiled_certificates(
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
    fn revocations(&self) -> Result<Vec<(String, String, String)>, RegisterError>;

    /// Every certificate ever issued, by batch and signing key, by code id and revocation id:
    /// what the issuance ledgers hold (revoked and reissued ones too: they were issued, and their revocation says the rest).
    fn ledger_groups(&self) -> Result<Vec<crate::seal::keys::LedgerGroup>, RegisterError>;

    /// Certificates whose issue the history records but whose row is gone, or was replaced by
    /// another under the same id: `(batch, numbers as the history wrote them)`. Rows are never
    /// deleted (a trigger refuses it), so each of these was removed behind the register's back;
    /// the append-only history still remembers it.
    fn vanished(&self) -> Result<Vec<(String, String)>, RegisterError>;

    /// The certificate with serial `serial`, typed as it reads on paper: exactly, else ignoring case, spaces and hyphens.
    fn certificate(&self, serial: &str) -> Result<CertRow, RegisterError>;

    /// The entries a clerk may mean by `text`: its words in the holder's name, ignoring
    /// diacritics and case (`nguyen van an` finds Nguyễn Văn Ẩn), or the số hiệu (ignoring case,
    /// spaces and hyphens), the số vào sổ or the batch's name containing it. In the order the
    /// entries were made; at most `limit` of them, with how many matched in all.
    fn find(&self, text: &str, limit: usize) -> Result<(Vec<CertRow>, usize), RegisterError>;

    /// One certificate's history, oldest first: `(date, event, detail)`.
    fn history_of(&self, id: i64) -> Result<Vec<(String, String, String)>, RegisterError>;

    /// The pre-printed blanks a certificate was printed on (a spoiled one, then its reprint).
    fn blanks_of(&self, id: i64) -> Result<Vec<String>, RegisterError>;

    /// Gaps in the history's row ids, as `(first missing, last missing)`: the history is
    /// append-only and SQLite gives each new row the next id, so a gap is rows deleted behind
    /// the register's back.
    fn history_gaps(&self) -> Result<Vec<(i64, i64)>, RegisterError>;

    /// The history, oldest first: `(date, certificate's số hiệu, event, detail)`.
    fn history(&self) -> Result<Vec<HistoryEntry>, RegisterError>;

    /// Records `files`' e-signatures ([`esign`]) against the certificates whose file they are,
    /// found by the file's SHA-256 before signing; a file signed after it was issued has its
    /// new SHA-256 recorded as the certificate's, in the same transaction. Returns how many
    /// certificates were found.
    fn record_esign(&self, files: &[esign::SignedFile]) -> Result<usize, RegisterError>;

    /// Every recorded e-signature, in the order of the entries.
    fn esign_signatures(&self) -> Result<Vec<esign::EsignRow>, RegisterError>;

    /// The certificates `(số hiệu, file)` of `batch` whose recorded file is no longer the one
    /// that was signed (a rerun wrote them again unsigned, or signed again later).
    fn esign_lost(&self, batch: &str) -> Result<Vec<(String, String)>, RegisterError>;

    /// The certificates without a look-up entry ([`lookup`]) of this format for `host`, in
    /// entry order.
    fn lookup_pending(&self, host: &str) -> Result<Vec<lookup::Pending>, RegisterError>;

    /// How many look-up entries of this format the register has for `host`.
    fn lookup_count(&self, host: &str) -> Result<usize, RegisterError>;

    /// Stores look-up entries `(certificate id, key id, entry)` for `host`, all or none (one
    /// transaction). An entry is never recomputed: the store refuses to change one.
    fn lookup_store(
        &mut self,
        host: &str,
        entries: &[(i64, String, crate::seal::lookup::Entry)],
    ) -> Result<(), RegisterError>;

    /// Every look-up entry of this format for `host`, with its key id, in entry order.
    fn lookup_entries(&self, host: &str) -> Result<Vec<(String, crate::seal::lookup::Entry)>, RegisterError>;
}

/// The issuing transaction of one run, from [`Store::transaction`]: what it reads it sees as
/// it will commit it, and nothing of it is kept unless [`Transaction::commit`] is called.
pub trait Transaction {
    /// Keeps everything done in the transaction.
    fn commit(self: Box<Self>) -> Result<(), RegisterError>;

    /// The certificate with id `id`, as the transaction sees it.
    fn entry(&self, id: i64) -> Result<Option<CertRow>, RegisterError>;

    /// The register's file.
    fn path(&self) -> &Path;

    /// Every certificate's recorded file: `(id, path)`.
    fn files(&self) -> Result<Vec<(i64, String)>, RegisterError>;

    /// The batch of that name.
    fn batch(&self, name: &str) -> Result<Option<BatchRow>, RegisterError>;

    /// The batch of that name with its variables (JSON), as the transaction sees it.
    fn batch_issued(&self, name: &str) -> Result<Option<(BatchRow, String)>, RegisterError>;
    /// [`Store::shared_files`], as the transaction sees them.
    fn shared_files(&self) -> Result<Vec<(i64, String, String, String)>, RegisterError>;

    /// Registers a batch, or records what changed about it; returns its id.
    fn save_batch(&self, b: &NewBatch, today: Date) -> Result<i64, RegisterError>;

    /// The current certificate (the latest entry) of each identity in a batch.
    fn current(&self, batch_id: i64) -> Result<Vec<CertRow>, RegisterError>;

    /// The certificates in force (status issued) of one person (`viet::person_key`), in the
    /// order they were made: one lookup in an index, for each new record of a run.
    fn same_person(&self, person: &str) -> Result<Vec<PersonEntry>, RegisterError>;

    /// The certificate that holds a number, if any.
    fn holder(&self, which: Number, number: &str) -> Result<Option<CertRow>, RegisterError>;

    /// The next running number of a sequence (1 for a new one).
    fn next(&self, scope: &str) -> Result<u64, RegisterError>;

    /// Moves a sequence on: `next` is the first number not yet given.
    fn set_next(&self, scope: &str, next: u64) -> Result<(), RegisterError>;

    /// Registers a certificate; a reissue marks the one it replaces.
    fn insert(&self, c: &NewCert, today: Date) -> Result<i64, RegisterError>;

    /// The blank with this serial, if the register has it: as recorded, or the one it names
    /// with other zeros or letter case (see [`blanks::BlankKey`]).
    fn blank(&self, serial: &str) -> Result<Option<BlankRow>, RegisterError>;

    /// Every blank's serial as recorded, by what tells it apart (see [`blanks::BlankKey`]); of
    /// two recorded serials naming one blank (recorded before they were compared this way), the
    /// first.
    fn blank_keys(&self) -> Result<HashMap<blanks::BlankKey, String>, RegisterError>;

    /// The blank certificate `id` is printed on now, if any.
    fn blank_in_use(&self, id: i64) -> Result<Option<String>, RegisterError>;

    /// The blanks certificate `id` was printed on and that were spoiled, in serial order.
    fn blanks_spoiled(&self, id: i64) -> Result<Vec<String>, RegisterError>;

    /// Records that certificate `id` is printed on blank `serial` today. The serial must be
    /// new to the register (the caller says whose it is otherwise).
    fn use_blank(&self, serial: &str, id: i64, today: Date) -> Result<(), RegisterError>;
}

/// A transaction of any store (`&Tx` reads like the type it replaced).
pub type Tx<'a> = dyn Transaction + 'a;

/// The open register: the store behind it, locked for this process. Derefs to [`Store`],
/// whose methods are the register's queries.
pub struct Register(Box<dyn Store>);

impl Register {
    /// Opens the register at `path` (a SQLite file), creating it if `create`, and locks it for
    /// this process. If another run holds it, calls `waiting` once and waits for it to finish.
    pub fn open(path: &Path, create: bool, waiting: impl FnOnce()) -> Result<Register, RegisterError> {
        Ok(Register(Box::new(sqlite::Sqlite::open(path, create, waiting)?)))
    }
}

impl std::ops::Deref for Register {
    type Target = dyn Store;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl std::ops::DerefMut for Register {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut *self.0
    }
}

/// Copies the register at `path` to `out` with SQLite's online backup: a consistent snapshot even
/// while another process issues, checked before it is put in place; `out` is never overwritten.
pub fn backup(path: &Path, out: &Path) -> Result<Backup, RegisterError> {
    sqlite::backup(path, out)
}

/// Where certificates are read from: the register, or a run's transaction before it commits
/// (to compare the print files it would write with those there, and refuse before anything is
/// kept).
#[derive(Clone, Copy)]
pub enum Reader<'a> {
    /// The register, outside any transaction.
    Register(&'a Register),
    /// A run's transaction.
    Tx(&'a Tx<'a>),
}

impl Reader<'_> {
    /// The certificate with id `id`.
    pub fn entry(&self, id: i64) -> Result<Option<CertRow>, RegisterError> {
        match self {
            Reader::Register(r) => r.entry(id),
            Reader::Tx(t) => t.entry(id),
        }
    }

    /// The register's file.
    pub fn path(&self) -> &Path {
        match self {
            Reader::Register(r) => r.path(),
            Reader::Tx(t) => t.path(),
        }
    }

    /// A batch as it was issued: its row and its variables (JSON).
    pub fn batch_issued(&self, name: &str) -> Result<Option<(BatchRow, String)>, RegisterError> {
        match self {
            Reader::Register(r) => r.batch_issued(name),
            Reader::Tx(t) => t.batch_issued(name),
        }
    }

    /// See [`Store::shared_files`].
    pub fn shared_files(&self) -> Result<Vec<(i64, String, String, String)>, RegisterError> {
        match self {
            Reader::Register(r) => r.shared_files(),
            Reader::Tx(t) => t.shared_files(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn today() -> Date {
        Date { year: 2019, month: 11, day: 20 }
    }

    /// Runs `test` on a fresh, empty register of each store there is, naming the store when it
    /// fails. Today that is SQLite alone; a PostgreSQL store (issue 33) joins the list here, and
    /// every test written against [`Store`] and [`Transaction`] then runs on both.
    pub(crate) fn each_store(test: impl Fn(&mut Register)) {
        let dir = tempfile::tempdir().unwrap();
        let mut sqlite = Register::open(&dir.path().join("r.sqlite"), true, || {}).unwrap();
        let stores: Vec<(&str, &mut Register)> = vec![("sqlite", &mut sqlite)];
        for (name, reg) in stores {
            let run = std::panic::AssertUnwindSafe(|| test(reg));
            if let Err(e) = std::panic::catch_unwind(run) {
                eprintln!("failed on the {name} store");
                std::panic::resume_unwind(e);
            }
        }
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
    fn numbers_are_never_given_twice() {
        each_store(|reg| {
            let tx = reg.transaction().unwrap();
            let b = tx.save_batch(&batch(), today()).unwrap();
            tx.insert(&cert(b, 1), today()).unwrap();
            let mut again = cert(b, 2);
            again.so_hieu = "CN19-0001".into();
            assert!(tx.insert(&again, today()).is_err(), "a serial given twice");
            let mut again = cert(b, 3);
            again.so_vao_so = Some("1/2019".into());
            assert!(tx.insert(&again, today()).is_err(), "a register number given twice");
            tx.commit().unwrap();
            assert_eq!(reg.entries(None).unwrap().len(), 1);
            let tx = reg.transaction().unwrap();
            assert_eq!(tx.holder(Number::Serial, "CN19-0001").unwrap().map(|c| c.record_no), Some(1));
            assert_eq!(tx.holder(Number::RegisterNumber, "1/2019").unwrap().map(|c| c.record_no), Some(1));
            assert!(tx.holder(Number::RegisterNumber, "CN19-0001").unwrap().is_none());
        });
    }

    #[test]
    fn an_uncommitted_allocation_leaves_nothing() {
        each_store(|reg| {
            {
                let tx = reg.transaction().unwrap();
                let b = tx.save_batch(&batch(), today()).unwrap();
                tx.insert(&cert(b, 1), today()).unwrap();
                tx.set_next("CN19-#", 2).unwrap();
            }
            let tx = reg.transaction().unwrap();
            assert_eq!(tx.next("CN19-#").unwrap(), 1);
            assert!(tx.batch("k").unwrap().is_none());
            drop(tx);
            assert!(reg.entries(None).unwrap().is_empty());
            assert!(reg.history().unwrap().is_empty());
        });
    }

    #[test]
    fn a_counter_moves_on_when_committed_and_never_back() {
        each_store(|reg| {
            let tx = reg.transaction().unwrap();
            assert_eq!(tx.next("CN19-#").unwrap(), 1, "a new sequence starts at 1");
            tx.set_next("CN19-#", 5).unwrap();
            assert_eq!(tx.next("CN19-#").unwrap(), 5, "the transaction sees its own counter");
            tx.commit().unwrap();
            let tx = reg.transaction().unwrap();
            assert_eq!(tx.next("CN19-#").unwrap(), 5);
            tx.set_next("CN19-#", 3).unwrap();
            assert_eq!(tx.next("CN19-#").unwrap(), 5, "a counter never goes back");
            assert_eq!(tx.next("other").unwrap(), 1, "each sequence has its own counter");
            tx.commit().unwrap();
        });
    }

    #[test]
    fn reissue_links_both_and_revocation_lists_them() {
        each_store(|reg| {
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
        });
    }

    #[test]
    fn a_file_signed_later_moves_its_certificate_s_hash_and_a_rewrite_loses_the_signature() {
        each_store(|reg| {
            let tx = reg.transaction().unwrap();
            let b = tx.save_batch(&batch(), today()).unwrap();
            let id = tx.insert(&cert(b, 1), today()).unwrap();
            tx.insert(&cert(b, 2), today()).unwrap();
            tx.commit().unwrap();
            reg.set_files(&mut [(id, "a.pdf".to_string(), "aa".to_string())].into_iter()).unwrap();
            let signed = |before: Option<&str>, sha256: &str| esign::SignedFile {
                before: before.map(String::from),
                sha256: sha256.into(),
                fingerprint: "ff".into(),
                level: "B-B".into(),
                signed_at: "2019-11-20T08:00:00+07:00".into(),
            };
            assert_eq!(
                reg.record_esign(&[signed(Some("zz"), "yy")]).unwrap(),
                0,
                "no certificate has that file"
            );
            assert_eq!(reg.record_esign(&[signed(Some("aa"), "bb")]).unwrap(), 1);
            assert_eq!(reg.entry(id).unwrap().unwrap().pdf, Some(("a.pdf".into(), "bb".into())));
            let rows = reg.esign_signatures().unwrap();
            assert_eq!(rows.len(), 1);
            assert_eq!((rows[0].serial.as_str(), rows[0].sha256.as_str()), ("CN19-0001", "bb"));
            assert!(reg.esign_lost("k").unwrap().is_empty());
            // A rerun writes the file again, unsigned: the register says it lost its signature.
            reg.set_files(&mut [(id, "a.pdf".to_string(), "cc".to_string())].into_iter()).unwrap();
            assert_eq!(reg.esign_lost("k").unwrap(), [("CN19-0001".to_string(), "a.pdf".to_string())]);
            assert!(reg.esign_lost("other").unwrap().is_empty());
        });
    }

    #[test]
    fn look_up_entries_are_stored_all_or_none_and_never_recomputed() {
        each_store(|reg| {
            let tx = reg.transaction().unwrap();
            let b = tx.save_batch(&batch(), today()).unwrap();
            let first = tx.insert(&cert(b, 1), today()).unwrap();
            let second = tx.insert(&cert(b, 2), today()).unwrap();
            tx.commit().unwrap();
            let entry = |n: u8| crate::seal::lookup::Entry { locator: [n; 8], sealed: vec![n; 40] };
            let pending = reg.lookup_pending("a.example").unwrap();
            assert_eq!(pending.iter().map(|p| p.id).collect::<Vec<_>>(), [first, second]);
            assert_eq!(
                (pending[0].holder_name.as_str(), pending[0].birth_date.as_str()),
                ("Lý Xuân Trí", "07/04/1975")
            );
            reg.lookup_store("a.example", &[(first, "k1".into(), entry(1))]).unwrap();
            assert_eq!(reg.lookup_count("a.example").unwrap(), 1);
            assert_eq!(
                reg.lookup_pending("a.example").unwrap().iter().map(|p| p.id).collect::<Vec<_>>(),
                [second]
            );
            // Another host salts other entries: none yet.
            assert_eq!(reg.lookup_pending("b.example").unwrap().len(), 2);
            // The first entry again: refused, and the second, stored with it, is not kept either.
            assert!(reg
                .lookup_store("a.example", &[(second, "k1".into(), entry(2)), (first, "k1".into(), entry(3))])
                .is_err());
            assert_eq!(reg.lookup_count("a.example").unwrap(), 1);
            assert_eq!(reg.lookup_entries("a.example").unwrap(), [("k1".to_string(), entry(1))]);
        });
    }
}
