//! `register audit`: is the sổ gốc what was signed? Every entry's code is checked against the
//! issuer's trust manifest, its columns and its record (what `print` prints) against its own
//! signed claims, its status against the signed revocation list, its PDF against the SHA-256
//! recorded when it was written and the code stored in it against its own, and its numbers and
//! its file for duplicates; an issued certificate whose file is gone, or whose batch has files
//! but it has none, is named.
//!
//! The register is a plain SQLite file that anyone with the file can edit; the signed codes are
//! not. An entry whose name or date was changed afterwards no longer matches its code, and a
//! replaced PDF no longer matches its hash. Rows added afterwards are in no root-signed issuance
//! ledger, and rows deleted afterwards are still in one: each batch is compared with its ledgers.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use crate::batch::BatchConfig;
use crate::register::{CertRow, Reader, Register, RegisterError, Status};
use crate::run::print::{self, PrintError};
use crate::seal::verify::{self, Trust, Verdict};
use crate::viet::Date;

/// One thing wrong with one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The entry's số hiệu.
    pub serial: String,
    /// What is wrong, in words.
    pub what: String,
}

/// What an audit found.
#[derive(Debug, Clone)]
pub struct Audit {
    /// Entries audited.
    pub entries: usize,
    /// PDFs found at their path and checked.
    pub pdfs_checked: usize,
    /// Every problem, in register order.
    pub findings: Vec<Finding>,
    /// What is worth knowing but wrong with nothing here (a ledger shared with another register).
    pub notes: Vec<String>,
}

/// Audits every entry of `reg` against `trust` (the issuer's manifest and revocation list).
/// `today` is the day the batches' templates are read for (as `print` reads them).
pub fn audit(reg: &Register, trust: &Trust, today: Date) -> Result<Audit, RegisterError> {
    let rows = reg.entries(None)?;
    let mut findings = Vec::new();
    let mut notes = Vec::new();
    let mut pdfs_checked = 0;
    let mut seen: BTreeMap<(&'static str, String), String> = BTreeMap::new();
    let mut records = Records::new(reg, today);
    // Batches some of whose certificates have a file: in those, an issued one without is
    // missing its file (a batch written only into a print file has none at all).
    let with_files: HashSet<&str> =
        rows.iter().filter(|r| r.pdf.is_some()).map(|r| r.batch.as_str()).collect();
    let mut files: HashMap<PathBuf, &str> = HashMap::new();
    for row in &rows {
        for what in records.against_claims(row, &mut notes) {
            findings.push(Finding { serial: row.so_hieu.clone(), what });
        }
        let mut found = |what: String| findings.push(Finding { serial: row.so_hieu.clone(), what });
        for (kind, value) in [("số vào sổ", row.so_vao_so.clone()), ("rid", Some(row.rid.clone()))] {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                if let Some(first) = seen.insert((kind, v.clone()), row.so_hieu.clone()) {
                    let kind = match kind {
                        "rid" => crate::t!("audit-kind-rid"),
                        _ => crate::t!("audit-kind-entry"),
                    };
                    found(crate::t!("audit-duplicate", kind = kind, value = format!("{v:?}"), first = first));
                }
            }
        }
        for what in against_code(row, trust) {
            found(what);
        }
        let issued = row.status == Status::Issued;
        match &row.pdf {
            None if issued && with_files.contains(row.batch.as_str()) => found(crate::t!("audit-no-file")),
            None => {}
            Some((path, sha)) => {
                // One file for two certificates: one of them points at the other's.
                let key = std::fs::canonicalize(path).unwrap_or_else(|_| PathBuf::from(path));
                if let Some(first) = files.insert(key, row.so_hieu.as_str()) {
                    found(crate::t!("audit-file-shared", path = path.as_str(), first = first));
                }
                match std::fs::read(path) {
                    Ok(bytes) => {
                        pdfs_checked += 1;
                        if crate::seal::sign::sha256_hex(&bytes) != *sha {
                            found(crate::t!("audit-pdf-changed", path = path.as_str()));
                        }
                        if let Some(what) = code_in_file(row, &bytes, path) {
                            found(what);
                        }
                    }
                    Err(_) if issued => found(crate::t!("audit-file-missing", path = path.as_str())),
                    // A revoked or replaced certificate's file may well have been destroyed.
                    Err(_) => {}
                }
            }
        }
    }
    findings.extend(against_ledgers(reg, &rows, trust, &mut notes)?);
    Ok(Audit { entries: rows.len(), pdfs_checked, findings, notes })
}

/// Each batch against its issuance ledgers: an entry in none was added afterwards (or its
/// ledger is still waiting for the root key); a ledgered certificate with no entry was removed.
/// A ledger lists whole codes (version 2): an entry whose code was rewritten — even into a code
/// of the same revocation id, made with the stolen key and a reused nonce — is in none. A ledger
/// of version 1 is compared by revocation id, all it has.
fn against_ledgers(
    reg: &Register,
    rows: &[CertRow],
    trust: &Trust,
    notes: &mut Vec<String>,
) -> Result<Vec<Finding>, RegisterError> {
    let serial_of: BTreeMap<&str, &str> = rows.iter().map(|r| (r.rid.as_str(), r.so_hieu.as_str())).collect();
    // A row whose revocation id is not its code's: a ledgered code copied under another id
    // (revoking it would revoke nothing). Its code being in a ledger does not make it ledgered.
    let rid_of_code = |qr: &str| {
        crate::seal::token::Token::parse(qr)
            .map(|t| crate::seal::sign::b64(&crate::seal::sign::revocation_id(&t.sig)))
            .unwrap_or_default()
    };
    let borrowed: std::collections::HashSet<&str> =
        rows.iter().filter(|r| rid_of_code(&r.qr_text) != r.rid).map(|r| r.rid.as_str()).collect();
    let mut findings = Vec::new();
    let groups = reg.ledger_groups()?;
    let mut unledgered: Vec<String> = Vec::new();
    for g in &groups {
        let ledger = trust.ledgers.iter().find(|(l, _)| l.batch == g.batch && l.kid == g.kid).map(|(l, _)| l);
        for (code, rid) in g.codes.iter().zip(&g.rids) {
            let id = if ledger.is_some_and(|l| l.lists_codes()) { code.as_str() } else { rid.as_str() };
            let listed = ledger.is_some_and(|l| l.entries().binary_search_by(|x| x.as_str().cmp(id)).is_ok());
            if !listed || borrowed.contains(rid.as_str()) {
                unledgered.push(g.batch.clone());
                findings.push(Finding {
                    serial: serial_of.get(rid.as_str()).copied().unwrap_or(g.batch.as_str()).to_string(),
                    what: crate::t!("audit-not-ledgered", batch = format!("{:?}", g.batch)),
                });
            }
        }
    }
    // A signed ledger that lists certificates this register lacks: either rows were removed
    // here (the append-only history still records their issue, and names them), or another
    // register issued a batch of the same name with the same keys folder (a trial run, a second
    // desk) and its certificates share the ledger. Only the first is this register's fault.
    let vanished = reg.vanished()?;
    let gaps = reg.history_gaps()?;
    for (a, b) in &gaps {
        findings.push(Finding {
            serial: crate::t!("audit-history"),
            what: crate::t!("audit-history-gap", first = *a, last = *b),
        });
    }
    for (batch, numbers) in &vanished {
        findings.push(Finding {
            serial: serial_in(numbers).unwrap_or(numbers).to_string(),
            what: crate::t!("audit-removed", batch = format!("{batch:?}"), numbers = numbers.as_str()),
        });
    }
    // Each group's ids as a set: searching a batch of 100,000 for each of its ledger's ids was
    // quadratic.
    let registered: std::collections::HashSet<(&str, &str, &str)> = groups
        .iter()
        .flat_map(|g| {
            let codes = g.codes.iter().map(|c| c.as_str());
            codes
                .chain(g.rids.iter().map(|r| r.as_str()))
                .map(move |id| (g.batch.as_str(), g.kid.as_str(), id))
        })
        .collect();
    for (l, _) in &trust.ledgers {
        let missing = l
            .entries()
            .iter()
            .filter(|id| !registered.contains(&(l.batch.as_str(), l.kid.as_str(), id.as_str())));
        let missing = missing.count();
        if missing == 0 {
            continue;
        }
        let removed_here = vanished.iter().filter(|(b, _)| *b == l.batch).count();
        // An entry of this batch in no ledger (a code rewritten) means the ledger's missing
        // entries may be its original: not another register's.
        let unledgered_here = unledgered.contains(&l.batch);
        if removed_here == 0 && gaps.is_empty() && !unledgered_here {
            notes.push(crate::t!(
                "audit-ledger-other-register",
                batch = format!("{:?}", l.batch),
                kid = l.kid.as_str(),
                n = missing
            ));
        } else if missing > removed_here {
            findings.push(Finding {
                serial: l.batch.clone(),
                what: crate::t!(
                    "audit-ledgered-missing",
                    batch = format!("{:?}", l.batch),
                    n = missing - removed_here
                ),
            });
        }
    }
    Ok(findings)
}

/// The số hiệu in the history's "số hiệu X, số vào sổ Y" (see `Tx::insert_certificate`).
fn serial_in(numbers: &str) -> Option<&str> {
    let rest = numbers.strip_prefix("số hiệu ")?;
    Some(rest.split(',').next().unwrap_or(rest).trim())
}

/// How an entry differs from its own signed code.
fn against_code(row: &CertRow, trust: &Trust) -> Vec<String> {
    let report = verify::verify_text(&row.qr_text, trust);
    let withdrawn = matches!(row.status, Status::Revoked | Status::Reissued);
    match (report.verdict, withdrawn) {
        (Verdict::Valid, false) | (Verdict::Revoked, true) => {}
        (Verdict::Revoked, false) => return vec![crate::t!("audit-revoked-but-issued")],
        // Revoked or replaced here, yet valid to every verifier: the signed list never said so
        // (it was not signed since, or the status was set in the file).
        (Verdict::Valid, true) => {
            let status = if row.status == Status::Revoked { "revoked" } else { "reissued" };
            let mut out = vec![crate::t!("audit-withdrawn-not-listed", status = status)];
            out.extend(against_claims_of_code(row, &report));
            return out;
        }
        (v, _) => {
            return vec![crate::t!(
                "audit-code-fails",
                verdict = crate::l10n::verdict::verdict_words(v),
                message = crate::l10n::verdict::detail(&report)
            )]
        }
    }
    against_claims_of_code(row, &report)
}

/// How an entry's columns differ from the claims of its code (as `report` read them).
fn against_claims_of_code(row: &CertRow, report: &verify::Report) -> Vec<String> {
    let Some(c) = &report.claims else { return vec![crate::t!("audit-no-claims")] };
    let mut out = Vec::new();
    let mut differs = |column: &str, register: &str, signed: &str| {
        if register != signed {
            out.push(crate::t!(
                "audit-column-differs",
                column = column,
                register = format!("{register:?}"),
                signed = format!("{signed:?}")
            ));
        }
    };
    // Each column by its label in the run's language (the claims' own table), dates as dd/mm/yyyy.
    let label = |key: i64| {
        crate::seal::claims::def_of(key).map_or("", |d| match crate::l10n::lang() {
            crate::l10n::Lang::Vi => d.vi,
            crate::l10n::Lang::En => d.en,
        })
    };
    use crate::seal::claims::{BIRTH_DATE, ISSUE_DATE, NAME, REGISTRY_NUMBER, SERIAL};
    differs(label(SERIAL), &row.so_hieu, &c.serial);
    differs(label(NAME), &row.ho_ten, &c.name);
    differs(
        label(REGISTRY_NUMBER),
        row.so_vao_so.as_deref().unwrap_or(""),
        c.registry_number.as_deref().unwrap_or(""),
    );
    differs(
        label(ISSUE_DATE),
        &verify::day(&row.issue_date),
        &crate::viet::Date::from_days(c.issue_date).to_string(),
    );
    let birth = match (c.birth_date, c.birth_year) {
        (Some(d), _) => crate::viet::Date::from_days(d).to_string(),
        (None, Some(y)) => y.to_string(),
        (None, None) => String::new(),
    };
    if !birth.is_empty() {
        differs(label(BIRTH_DATE), &row.ngay_sinh, &birth);
    }
    out
}

/// Whether the code the tool stored in a PDF's metadata is the entry's own. Read as a byte
/// search (the metadata is stored uncompressed), not by rasterising the page: an audit of
/// thousands of files stays a matter of seconds. The page itself is covered by the SHA-256
/// recorded when the file was written; this catches a file path pointed at another
/// certificate's file (with that file's hash).
fn code_in_file(row: &CertRow, bytes: &[u8], path: &str) -> Option<String> {
    match crate::seal::scan::stored_code(bytes) {
        Some(code) if code == row.qr_text.trim() => None,
        Some(code) => {
            let serial = crate::batch::SignedCode::from_registered(&code)
                .map(|(_, c)| c.serial)
                .unwrap_or_else(|| crate::t!("audit-unknown-certificate"));
            Some(crate::t!("audit-file-other-code", path = path, other = serial))
        }
        None => Some(crate::t!("audit-file-no-code", path = path)),
    }
}

/// Each batch's template, read once, to render entries' records into claims.
struct Records<'r> {
    reg: &'r Register,
    today: Date,
    batches: HashMap<String, Option<(BatchConfig, std::sync::Arc<str>)>>,
    keys: std::sync::Arc<[String]>,
}

impl<'r> Records<'r> {
    fn new(reg: &'r Register, today: Date) -> Self {
        Records { reg, today, batches: HashMap::new(), keys: std::sync::Arc::new([]) }
    }

    /// How the entry's record (its `record_json` and numbers: what `print` prints, which
    /// nothing signs) differs from the claims its code signs, claim by claim. A batch whose
    /// template cannot be read is named once in `notes`, its records not checked.
    fn against_claims(&mut self, row: &CertRow, notes: &mut Vec<String>) -> Vec<String> {
        if !self.batches.contains_key(&row.batch) {
            let cfg = match print::batch_config(Reader::Register(self.reg), &row.batch, self.today) {
                Ok(cfg) => cfg,
                Err(e) => {
                    notes.push(crate::t!(
                        "audit-batch-not-checked",
                        batch = format!("{:?}", row.batch),
                        error = e.to_string()
                    ));
                    None
                }
            };
            self.batches.insert(row.batch.clone(), cfg);
        }
        let Some(Some((cfg, file))) = self.batches.get(&row.batch) else { return Vec::new() };
        let Some(fetched) = print::fetch(row, file, &mut self.keys) else {
            return vec![crate::t!("audit-record-unreadable")];
        };
        let mut found = Vec::new();
        print::as_signed(cfg, &fetched, &mut found);
        found
            .into_iter()
            .filter_map(|e| match e {
                PrintError::NotAsSigned { field, register, signed, .. } => Some(crate::t!(
                    "audit-record-differs",
                    field = field,
                    register = format!("{register:?}"),
                    signed = format!("{signed:?}")
                )),
                _ => None,
            })
            .collect()
    }
}
