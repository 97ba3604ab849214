//! `issue` with the register: recognise each record from earlier runs, number the new ones,
//! check and sign everything, commit the numbers, and only then write the PDFs.
//!
//! The order is what makes a killed run harmless: numbers are allocated and committed in one
//! transaction before any file is written, and signing and PDF writing are deterministic, so a
//! rerun finds every record already registered, gives it the same numbers and the same bytes,
//! writes only the files that are missing or different, and ends exactly as one clean run.
//!
//! A record is recognised by its batch (`--batch`, by default the roster's file name) and its
//! identity (the template's `[register] key`, by default stt + ho_ten + ngay_sinh). A record
//! whose content differs from what was issued for it is refused unless `--reissue`, which
//! issues a new certificate under new numbers and marks the old one reissued.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::batch::{self, BatchConfig, BatchError, BatchReport, Progress, SignedCode};
use crate::error::{Problem, RecordError};
use crate::input::record::CertRecord;
use crate::input::roster::Roster;
use crate::register::blanks::{BlankSerial, BlankSerialError, OnTray};
use crate::register::{CertRow, NewBatch, NewCert, Register, RegisterError, Status};
use crate::template::{NumberField, Numbering, TemplateError};
use crate::viet::Date;

/// How a run uses the register.
#[derive(Debug, Clone)]
pub struct IssueOptions {
    /// The batch's name in the register.
    pub batch: String,
    /// Whether the user named the batch (`--batch`); if not, the name came from the roster's
    /// file name, and a registered batch of that name must come from the same roster file.
    pub batch_named: bool,
    /// Where the roster is (its absolute path, or the label of a built-in one).
    pub roster_path: String,
    /// Replace certificates whose record changed with new ones.
    pub reissue: bool,
    /// The day it is (for the register's dates).
    pub today: Date,
    /// `--blanks FIRST`: the serial of the first pre-printed blank in the printer's tray.
    pub blanks: Option<BlankSerial>,
}

/// What an `issue` run did.
#[derive(Debug, Clone)]
pub struct IssueReport {
    /// The files.
    pub batch: BatchReport,
    /// Certificates registered by this run (new and reissued).
    pub new: usize,
    /// Of those, reissues.
    pub reissued: usize,
    /// Records already registered exactly as they are.
    pub unchanged: usize,
    /// Records whose certificate was revoked: not written again (`--reissue` issues a new one).
    pub revoked: Vec<(crate::error::Origin, String)>,
    /// With `--blanks`: the certificates on this tray, and its first and last blank.
    pub tray: Option<Tray>,
}

/// The certificates a run puts on pre-printed blanks.
#[derive(Debug, Clone, Default)]
pub struct Tray {
    /// How many.
    pub count: usize,
    /// The first and the last blank (none when every certificate was on a blank already).
    pub range: Option<(String, String)>,
    /// Their record numbers.
    pub(crate) records: HashSet<usize>,
}

/// Why `issue` stopped.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    /// The batch could not be checked or written.
    #[error(transparent)]
    Batch(#[from] BatchError),
    /// The register failed.
    #[error(transparent)]
    Register(#[from] RegisterError),
    /// A numbering pattern is wrong.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A template for pre-printed blanks, and certificates to print, without `--blanks`.
    #[error("{}", crate::t!("err-issue-blanks-needed", template = .template.as_str(), blank = .blank.as_str()))]
    BlanksNeeded {
        /// The template.
        template: String,
        /// Its blank, as it describes it.
        blank: String,
    },
    /// `--blanks` with a template that draws the whole certificate.
    #[error("{}", crate::t!("err-issue-not-blank-template", template = .0.as_str()))]
    NotBlankTemplate(String),
    /// A blank of the tray is in the register already.
    #[error("{}", crate::t!("err-issue-blank-taken", serial = .serial.as_str(), holder = .holder.as_str()))]
    BlankTaken {
        /// The blank.
        serial: String,
        /// Whose it is, or that it was spoiled.
        holder: String,
    },
    /// The first blank's serial.
    #[error(transparent)]
    BlankSerial(#[from] BlankSerialError),
    /// The batch the roster's file name names was registered from another file.
    #[error("{}", crate::t!("err-issue-other-roster", batch = format!("{:?}", .batch), registered = format!("{}", .registered), given = format!("{}", .given)))]
    OtherRoster {
        /// The batch.
        batch: String,
        /// Where it came from.
        registered: String,
        /// The roster of this run.
        given: String,
    },
}

impl IssueError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            IssueError::Batch(b) => b.hint(),
            IssueError::Register(r) => r.hint(),
            IssueError::Template(t) => t.hint(),
            IssueError::OtherRoster { batch, .. } => {
                Some(crate::t!("hint-issue-other-roster", batch = format!("{batch:?}")))
            }
            IssueError::BlanksNeeded { .. } => Some(crate::t!("hint-issue-blanks-needed")),
            IssueError::NotBlankTemplate(_) => Some(crate::t!("hint-issue-not-blank-template")),
            IssueError::BlankTaken { .. } => Some(crate::t!("hint-issue-blank-taken")),
            IssueError::BlankSerial(_) => Some(crate::t!("hint-issue-blank-serial")),
        }
    }
}

/// What happens to one record. (The entries are boxed: most items of a large batch are new, and
/// an entry inline made every item half a kilobyte.)
#[derive(Debug, Clone)]
enum Action {
    /// Registered as it is: same numbers, same file.
    Keep(Box<CertRow>),
    /// Registered for the first time.
    New,
    /// Changed, and `--reissue`: a new certificate replaces this one.
    Reissue(Box<CertRow>),
}

struct Item {
    record: CertRecord,
    action: Action,
    identity: String,
}

/// An item once numbered and checked: its record is in the plan from then on, so only where
/// the record is stays here (a record's values held twice were 100 bytes a certificate).
struct Placed {
    /// The record's number in the roster.
    record: usize,
    action: Action,
    identity: String,
}

/// The fields the register leaves out of a record's content: its numbers.
fn content_of(cfg: &BatchConfig, rec: &CertRecord) -> String {
    let mut v = cfg.values_for(rec);
    for f in NumberField::ALL {
        v.remove(f.field());
    }
    v.insert("(template)".into(), cfg.template.name.clone());
    crate::util::json::json_string(&v)
}

fn describe_changes(old: &str, new: &str) -> String {
    let (Some(a), Some(b)) = (crate::util::json::string_map(old), crate::util::json::string_map(new)) else {
        return crate::t!("change-record");
    };
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut out = Vec::new();
    for k in keys {
        let (x, y) = (a.get(k).map(String::as_str).unwrap_or(""), b.get(k).map(String::as_str).unwrap_or(""));
        if x != y {
            out.push(format!("{k} {x:?} → {y:?}"));
        }
    }
    if out.len() > 4 {
        let n = out.len() - 3;
        out.truncate(3);
        out.push(crate::t!("change-more", n = n));
    }
    out.join(", ")
}

/// Checks, numbers, registers and writes a batch. With any invalid record (and without
/// `skip_invalid`), nothing is registered and nothing written.
pub fn issue(
    mut roster: Roster,
    cfg: &mut BatchConfig,
    reg: &mut Register,
    opts: &IssueOptions,
    out_dir: Option<&Path>,
    merged: Option<&Path>,
    progress: &dyn Progress,
) -> Result<IssueReport, IssueError> {
    // Blanks with a template that prints the whole page would print a frame onto a frame.
    if cfg.template.blank.is_none() && opts.blanks.is_some() {
        return Err(IssueError::NotBlankTemplate(cfg.template.name.clone()));
    }
    // Never sign and register a certificate that prints "TÊN CƠ QUAN CẤP GIẤY".
    let left = cfg.placeholders_left(&roster);
    if !left.is_empty() {
        return Err(BatchError::Placeholders(left).into());
    }
    let numbering = cfg.template.numbering(&cfg.vars)?;
    let (mut records, problems) = batch::take_records(&mut roster, cfg)?;
    crate::input::order::sort(&mut records, cfg.sort, |r| r);

    let tx = reg.transaction()?;
    let existing = tx.batch(&opts.batch)?;
    // Two courses' rosters often share a file name (hocvien.csv): a batch named after the file
    // must be the same file, or the second course's records would be taken for the first's.
    if let Some(b) = existing.as_ref().filter(|b| !opts.batch_named && b.roster_file != opts.roster_path) {
        return Err(IssueError::OtherRoster {
            batch: opts.batch.clone(),
            registered: b.roster_file.clone(),
            given: opts.roster_path.clone(),
        });
    }
    if let Some(b) = &existing {
        if !cfg.issue_date_given {
            cfg.set_issue_date(b.issue_date);
        }
    }
    let current = match &existing {
        Some(b) => tx.current(b.id)?,
        None => HashMap::new(),
    };

    let Recognised { items, revoked, problems } = recognise(records, problems, &current, cfg, opts);
    let Numbered { items, plan, numbers, next } =
        number_and_check(&tx, &numbering, cfg, items, problems, progress)?;
    let by_record: HashMap<usize, usize> = items.iter().enumerate().map(|(i, it)| (it.record, i)).collect();
    let signed = sign_all(cfg, &plan, &items, &by_record)?;

    // Register, in print order, and commit before writing anything.
    let batch_id = tx.save_batch(
        &NewBatch {
            name: opts.batch.clone(),
            template: cfg.template.name.clone(),
            issue_date: cfg.issue_date,
            roster_file: opts.roster_path.clone(),
            roster_sha256: roster.sha256.clone(),
            vars_json: crate::util::json::json_string(&cfg.vars),
        },
        opts.today,
    )?;
    let into = Registrar { tx: &tx, batch_id, cfg, opts, out_dir };
    let (plan, Registered { ids, new, reissued, unchanged }) =
        into.register(&items, plan, &numbers, signed, &by_record)?;
    let mut next: Vec<(String, u64)> = next.into_iter().collect();
    next.sort();
    for (scope, n) in next {
        tx.set_next(&scope, n)?;
    }
    let tray = match (&cfg.template.blank, &opts.blanks) {
        (None, _) => None,
        (Some(blank), first) => {
            let ids_in_order: Vec<(usize, i64)> =
                plan.records.iter().map(|p| (p.record.origin.record, ids[&p.record.origin.record])).collect();
            let tray = put_on_blanks(&tx, &ids_in_order, first.as_ref(), opts.today)?;
            if tray.is_none() {
                return Err(IssueError::BlanksNeeded {
                    template: cfg.template.name.clone(),
                    blank: blank.clone(),
                });
            }
            tray
        }
    };
    tx.commit()?;

    // Only now the files; then where they are, so that a rerun can leave them alone. On
    // blanks, the print file holds the tray's certificates only: what goes into the printer.
    let report = match (&tray, merged, &opts.blanks) {
        (Some(t), Some(m), Some(_)) => {
            let mut on_tray = plan.clone();
            on_tray.records.retain(|p| t.records.contains(&p.record.origin.record));
            let singles = batch::write_plan(plan, cfg, out_dir, None, progress)?;
            let print_file = batch::write_plan(on_tray, cfg, None, Some(m), progress)?;
            batch::BatchReport {
                merged: print_file.merged,
                merged_files: print_file.merged_files,
                merged_pages: print_file.merged_pages,
                ..singles
            }
        }
        _ => batch::write_plan(plan, cfg, out_dir, merged, progress)?,
    };
    let files: Vec<(i64, String, String)> = report
        .files
        .iter()
        .filter_map(|f| {
            ids.get(&f.origin.record).map(|id| (*id, f.path.display().to_string(), f.sha256.clone()))
        })
        .collect();
    reg.set_files(&files)?;
    Ok(IssueReport { batch: report, new, reissued, unchanged, revoked, tray })
}

/// Puts a run's certificates (record number and certificate id, in print order) on the tray
/// starting at `first` (see [`crate::register::blanks`]), recording each new blank. Without
/// `first`, every certificate must be on a blank already (`None` otherwise: a tray is needed).
pub(crate) fn put_on_blanks(
    tx: &crate::register::Tx<'_>,
    certs: &[(usize, i64)],
    first: Option<&BlankSerial>,
    today: Date,
) -> Result<Option<Tray>, IssueError> {
    let mut now = Vec::with_capacity(certs.len());
    for (_, id) in certs {
        now.push(tx.blank_in_use(*id)?);
    }
    let Some(first) = first else {
        return Ok(now.iter().all(Option::is_some).then(Tray::default));
    };
    let places = crate::register::blanks::tray(first, now.iter().map(Option::as_deref))?;
    let mut tray = Tray::default();
    for ((record, id), place) in certs.iter().zip(places) {
        let serial = match place {
            OnTray::Elsewhere => continue,
            OnTray::Again(s) => s,
            OnTray::Takes(s) => {
                if let Some(b) = tx.blank(&s)? {
                    let holder = match (&b.certificate, b.used) {
                        (Some((_, serial, name)), true) => {
                            crate::t!("blank-holder", serial = serial.as_str(), name = name.as_str())
                        }
                        _ => crate::t!("blank-holder-spoiled"),
                    };
                    return Err(IssueError::BlankTaken { serial: s, holder });
                }
                tx.use_blank(&s, *id, today)?;
                s
            }
        };
        tray.records.insert(*record);
        tray.count += 1;
        tray.range = Some(match tray.range.take() {
            None => (serial.clone(), serial),
            Some((a, _)) => (a, serial),
        });
    }
    Ok(Some(tray))
}

/// What registering a run's records did.
struct Registered {
    /// Each record's certificate id in the register.
    ids: HashMap<usize, i64>,
    new: usize,
    reissued: usize,
    unchanged: usize,
}

/// Where and how a run registers its certificates.
struct Registrar<'a, 't> {
    tx: &'a crate::register::Tx<'t>,
    batch_id: i64,
    cfg: &'a BatchConfig,
    opts: &'a IssueOptions,
    out_dir: Option<&'a Path>,
}

impl Registrar<'_, '_> {
    /// Registers every new and reissued certificate with its code, in print order, inside the
    /// run's transaction; kept ones keep their entry (and their file, if it still holds the
    /// bytes the register recorded). Returns the plan with each record's code in it.
    fn register(
        &self,
        items: &[Placed],
        mut plan: batch::Plan,
        numbers: &[[Option<String>; 2]],
        signed: Vec<SignedCode>,
        by_record: &HashMap<usize, usize>,
    ) -> Result<(batch::Plan, Registered), IssueError> {
        let (tx, batch_id, cfg, opts, out_dir) = (self.tx, self.batch_id, self.cfg, self.opts, self.out_dir);
        let mut r = Registered { ids: HashMap::new(), new: 0, reissued: 0, unchanged: 0 };
        for (p, code) in plan.records.iter_mut().zip(signed) {
            let i = by_record[&p.record.origin.record];
            let it = &items[i];
            p.code = Some(code.clone());
            let supersedes = match &it.action {
                Action::Keep(c) => {
                    r.unchanged += 1;
                    r.ids.insert(p.record.origin.record, c.id);
                    if let (Some(dir), Some((path, sha))) = (out_dir, &c.pdf) {
                        if *path == dir.join(&p.file_name).display().to_string() {
                            p.expected_sha256 = Some(sha.clone());
                        }
                    }
                    continue;
                }
                Action::New => None,
                Action::Reissue(c) => Some(c.id),
            };
            let v = |k: &str| p.record.values.get(k).cloned().unwrap_or_default();
            let id = tx.insert(
                &NewCert {
                    batch_id,
                    identity: it.identity.clone(),
                    record_no: p.record.origin.record as i64,
                    so_hieu: v("so_hieu"),
                    so_vao_so: numbers[i][1].clone(),
                    ho_ten: v("ho_ten"),
                    ngay_sinh: v("ngay_sinh"),
                    issue_date: cfg.issue_date,
                    // Made again here rather than kept from recognising: it holds every batch
                    // variable, kilobytes a record.
                    record_json: content_of(cfg, &p.record),
                    qr_text: code.url(),
                    claims_cbor: code.claims_cbor().to_vec(),
                    rid: crate::seal::sign::b64(&code.rid),
                    supersedes,
                },
                opts.today,
            )?;
            r.ids.insert(p.record.origin.record, id);
            r.new += 1;
            if supersedes.is_some() {
                r.reissued += 1;
            }
        }
        Ok((plan, r))
    }
}

/// Every record of the run, recognised against the register.
struct Recognised {
    items: Vec<Item>,
    /// Records whose certificate is withdrawn and unchanged: never printed again.
    revoked: Vec<(crate::error::Origin, String)>,
    problems: Vec<Problem>,
}

/// Decides for each record whether it is new, kept as registered, or a changed certificate
/// (refused, or reissued with `--reissue`). Two records with one identity are a problem.
fn recognise(
    records: Vec<CertRecord>,
    mut problems: Vec<Problem>,
    current: &HashMap<String, CertRow>,
    cfg: &BatchConfig,
    opts: &IssueOptions,
) -> Recognised {
    let key = &cfg.template.register.key;
    let key_values = |rec: &CertRecord| {
        key.iter().map(|k| rec.values.get(k).cloned().unwrap_or_default()).collect::<Vec<_>>()
    };
    let mut seen: HashMap<String, crate::error::Origin> = HashMap::new();
    let mut keyed = Vec::with_capacity(records.len());
    for rec in records {
        let identity = crate::util::json::json_string(&key_values(&rec));
        if let Some(first) = seen.get(&identity) {
            problems.push(Problem::new(
                rec.origin.clone(),
                None,
                RecordError::SameIdentity { first: first.clone(), key: key.join(", ") },
            ));
            continue;
        }
        seen.insert(identity.clone(), rec.origin.clone());
        keyed.push((rec, identity));
    }
    // A record whose identity is new but which agrees with a registered certificate that no
    // record of this run claims on all but one identity field is that certificate with a
    // corrected name, date of birth or stt: it must be reissued, not issued a second time.
    let mut unclaimed: Vec<&CertRow> = current.values().filter(|c| !seen.contains_key(&c.identity)).collect();
    unclaimed.sort_by_key(|c| c.id);
    // Each unclaimed entry is filed under its identity with one field left out, once per field:
    // a record that differs from it in that field alone finds it there. (Comparing every
    // changed record with every entry took hours when a whole roster's dates were corrected.)
    // Identical identities were claimed above, so a match differs in exactly that field.
    let mut near: HashMap<(usize, Vec<String>), Vec<usize>> = HashMap::new();
    for (i, c) in unclaimed.iter().enumerate() {
        let Some(old) = crate::util::json::string_list(&c.identity).filter(|old| old.len() >= 2) else {
            continue;
        };
        for j in 0..old.len() {
            near.entry((j, without(&old, j))).or_default().push(i);
        }
    }
    let mut claimed: HashSet<i64> = HashSet::new();
    let mut items = Vec::with_capacity(keyed.len());
    let mut revoked = Vec::new();
    for (mut rec, identity) in keyed {
        let found = current.get(&identity).or_else(|| {
            let values = key_values(&rec);
            if values.len() < 2 {
                return None;
            }
            // The earliest registered of the entries it differs from in one field.
            let i = (0..values.len())
                .filter_map(|j| near.get(&(j, without(&values, j))))
                .filter_map(|list| list.iter().copied().find(|&i| !claimed.contains(&unclaimed[i].id)))
                .min()?;
            claimed.insert(unclaimed[i].id);
            Some(unclaimed[i])
        });
        let content = content_of(cfg, &rec);
        let action = match found {
            None => Action::New,
            Some(c) => {
                let changes = changes_since(c, &rec, &content, cfg);
                // A withdrawn certificate is never printed again as it was, not even with
                // --reissue: only a corrected record gets a new one.
                let withdrawn = matches!(c.status, Status::Revoked | Status::Spoiled);
                if changes.is_empty() && withdrawn {
                    revoked.push((rec.origin.clone(), c.so_hieu.clone()));
                    continue;
                } else if changes.is_empty() {
                    rec.values.insert(NumberField::Serial.field().into(), c.so_hieu.clone());
                    rec.values
                        .insert(NumberField::Entry.field().into(), c.so_vao_so.clone().unwrap_or_default());
                    Action::Keep(Box::new(c.clone()))
                } else if opts.reissue {
                    Action::Reissue(Box::new(c.clone()))
                } else {
                    problems.push(Problem::new(
                        rec.origin.clone(),
                        None,
                        RecordError::Changed {
                            serial: c.so_hieu.clone(),
                            issued: c.issue_date.clone(),
                            changes: changes.join("; "),
                        },
                    ));
                    continue;
                }
            }
        };
        items.push(Item { record: rec, action, identity });
    }
    Recognised { items, revoked, problems }
}

/// `values` without the one at `j`.
fn without(values: &[String], j: usize) -> Vec<String> {
    values.iter().enumerate().filter(|(k, _)| *k != j).map(|(_, v)| v.clone()).collect()
}

/// How a record differs from the certificate registered for it, in words; empty if it does not.
fn changes_since(c: &CertRow, rec: &CertRecord, content: &str, cfg: &BatchConfig) -> Vec<String> {
    let mut changes = Vec::new();
    let stored = [Some(c.so_hieu.as_str()), c.so_vao_so.as_deref()];
    for (f, old) in NumberField::ALL.iter().zip(stored) {
        let given = rec.values.get(f.field()).map(String::as_str).unwrap_or("");
        if !given.is_empty() && Some(given) != old {
            changes.push(format!("{} {:?} → {given:?}", f.field(), old.unwrap_or("")));
        }
    }
    if c.record_json != content {
        changes.push(describe_changes(&c.record_json, content));
    }
    // A rotation changes no certificate: a code signed by any key of the issuer's manifest
    // stays. A code of a key the manifest in use does not have (another issuer's keys) does.
    let kid = crate::seal::token::Token::parse(&c.qr_text).map(|t| t.kid).ok();
    if let (Some(kid), Some(s)) = (kid, &cfg.signer) {
        if !s.issuer_kids.contains(&kid) {
            changes.push(crate::t!("change-other-key", kid = crate::seal::sign::hex(&kid)));
        }
    }
    changes
}

/// The records that passed every check, numbered.
struct Numbered {
    items: Vec<Placed>,
    plan: batch::Plan,
    numbers: Vec<[Option<String>; 2]>,
    next: HashMap<String, u64>,
}

/// Numbers every record, then checks it with its numbers; with `--skip-invalid`, numbers again
/// without the records that failed, so that no number is given to a certificate that is not
/// issued. Any problem left (without `--skip-invalid`) stops the run here, before any change.
fn number_and_check(
    tx: &crate::register::Tx<'_>,
    numbering: &Numbering,
    cfg: &BatchConfig,
    mut items: Vec<Item>,
    mut problems: Vec<Problem>,
    progress: &dyn Progress,
) -> Result<Numbered, IssueError> {
    let year = i32::from(cfg.issue_date.year);
    let mut round = 0;
    loop {
        round += 1;
        let Allocation { numbers, problems: mut number_problems, next } =
            allocate(tx, numbering, cfg, &items, year)?;
        let mut to_check = Vec::with_capacity(items.len());
        let bad: HashSet<usize> = number_problems.iter().map(|p| p.origin.record).collect();
        for (it, n) in items.iter_mut().zip(&numbers) {
            if bad.contains(&it.record.origin.record) {
                continue;
            }
            // Only `--skip-invalid` numbers again from the items' records; otherwise the plan
            // takes them over (a batch of 100,000 would hold every record twice).
            let mut rec = if cfg.skip_invalid {
                it.record.clone()
            } else {
                CertRecord {
                    origin: it.record.origin.clone(),
                    values: std::mem::take(&mut it.record.values),
                    columns: std::mem::take(&mut it.record.columns),
                    notes: std::mem::take(&mut it.record.notes),
                }
            };
            for (f, v) in NumberField::ALL.iter().zip(n) {
                rec.values.insert(f.field().into(), v.clone().unwrap_or_default());
            }
            to_check.push(rec);
        }
        let mut all = problems.clone();
        all.append(&mut number_problems);
        let plan = batch::check_records(to_check, all, cfg, progress);
        let done = plan.problems.is_empty() || !cfg.skip_invalid;
        let failed: HashSet<usize> = plan.problems.iter().map(|p| p.origin.record).collect();
        let before = items.len();
        if !done {
            items.retain(|it| !failed.contains(&it.record.origin.record));
        }
        // Done, or every record numbered in this round passed: the numbers have no gap.
        if done || items.len() == before {
            if !plan.problems.is_empty() && !cfg.skip_invalid {
                return Err(
                    BatchError::Invalid { records: plan.invalid_records, problems: plan.problems }.into()
                );
            }
            // The plan holds each record, with its numbers, from here on; an item keeps only
            // where its record is.
            let items = items
                .into_iter()
                .map(|it| Placed {
                    record: it.record.origin.record,
                    action: it.action,
                    identity: it.identity,
                })
                .collect();
            return Ok(Numbered { items, plan, numbers, next });
        }
        if round >= 4 {
            return Err(BatchError::Invalid { records: plan.invalid_records, problems: plan.problems }.into());
        }
        problems = plan.problems.clone();
    }
}

/// Signs every record that will be written, in parallel; a kept record must sign to the code
/// the register has for it.
fn sign_all(
    cfg: &BatchConfig,
    plan: &batch::Plan,
    items: &[Placed],
    by_record: &HashMap<usize, usize>,
) -> Result<Vec<SignedCode>, IssueError> {
    // A kept certificate keeps the code it was issued with — signed by whichever key signed
    // on its day, with that day as its signing date — as long as the record still gives the
    // same claims. So a rerun after a key rotation, or on another day, changes nothing.
    // A block at a time, each code then copied: a code kept where signing allocated it would
    // keep the kilobytes freed around it from being used again (as in `batch::check_records`;
    // 100,000 certificates: 219 → 209 MB).
    let mut late = Vec::new();
    let mut codes = Vec::with_capacity(plan.records.len());
    for block in plan.records.chunks(4096) {
        let signed: Vec<Result<SignedCode, Vec<Problem>>> = block
            .par_iter()
            .map(|p| match &items[by_record[&p.record.origin.record]].action {
                Action::Keep(c) => kept_code(cfg, &p.record, c),
                _ => batch::sign_record(cfg, &p.record),
            })
            .collect();
        for s in signed {
            match s {
                Err(e) => late.extend(e),
                Ok(code) => codes.push(code.clone()),
            }
        }
    }
    if !late.is_empty() {
        return Err(BatchError::Invalid { records: late.len(), problems: late }.into());
    }
    Ok(codes)
}

/// The registered code of a kept certificate, if the record still gives the claims it signed.
fn kept_code(cfg: &BatchConfig, rec: &CertRecord, c: &CertRow) -> Result<SignedCode, Vec<Problem>> {
    let fresh = batch::claims_of(cfg, rec)?;
    let changed = |changes: String| {
        vec![Problem::new(
            rec.origin.clone(),
            None,
            RecordError::Changed { serial: c.so_hieu.clone(), issued: c.issue_date.clone(), changes },
        )]
    };
    match SignedCode::from_registered(&c.qr_text) {
        Some((code, stored))
            if crate::seal::claims::Claims { signing_date: stored.signing_date, ..fresh } == stored =>
        {
            Ok(code)
        }
        _ => Err(changed(crate::t!("change-claims"))),
    }
}

/// Gives each record its numbers: kept ones keep theirs, numbers from the roster are taken
/// when nobody holds them, the others come from the patterns' running numbers, skipping any
/// number that is already someone's. Nothing is written: the caller registers the result.
fn allocate(
    tx: &crate::register::Tx<'_>,
    numbering: &Numbering,
    cfg: &BatchConfig,
    items: &[Item],
    year: i32,
) -> Result<Allocation, IssueError> {
    // Numbers the roster gives, so that no running number lands on one of them.
    let mut given: [HashSet<String>; 2] = [HashSet::new(), HashSet::new()];
    for it in items {
        for f in NumberField::ALL {
            if let Some(v) = it.record.values.get(f.field()).filter(|v| !v.is_empty()) {
                given[f as usize].insert(v.clone());
            }
        }
    }
    let mut a = Allocator { tx, numbering, cfg, year, given, next: HashMap::new(), problems: Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        if let Action::Keep(c) = &it.action {
            out.push([Some(c.so_hieu.clone()), c.so_vao_so.clone()]);
            continue;
        }
        let mut numbers: [Option<String>; 2] = [None, None];
        for f in NumberField::ALL {
            numbers[f as usize] = match it.record.values.get(f.field()).filter(|v| !v.is_empty()) {
                Some(v) => Some(a.supplied(f, it, v)?),
                None if numbering.pattern(f).is_none() => None,
                None => a.next_free(f, it, &numbers)?,
            };
        }
        out.push(numbers);
    }
    Ok(Allocation { numbers: out, problems: a.problems, next: a.next })
}

/// The state of one allocation: where each running sequence stands, and the problems found.
struct Allocator<'a, 't> {
    tx: &'a crate::register::Tx<'t>,
    numbering: &'a Numbering,
    cfg: &'a BatchConfig,
    year: i32,
    given: [HashSet<String>; 2],
    next: HashMap<String, u64>,
    problems: Vec<Problem>,
}

impl Allocator<'_, '_> {
    /// A number the roster gives: used as it is, and a problem if somebody else holds it.
    fn supplied(&mut self, f: NumberField, it: &Item, v: &str) -> Result<String, IssueError> {
        if let Some(h) = self.tx.holder(f, v)? {
            let whose = if matches!(&it.action, Action::Reissue(c) if c.id == h.id) {
                crate::t!("register-holder-replaced")
            } else {
                crate::t!(
                    "register-holder",
                    serial = h.so_hieu.as_str(),
                    name = h.ho_ten.as_str(),
                    batch = h.batch.as_str(),
                    record = h.record_no
                )
            };
            self.problems.push(Problem::new(
                it.record.origin.clone(),
                it.record.columns.get(f.field()).cloned(),
                RecordError::NumberTaken { value: v.to_string(), holder: whose },
            ));
        }
        Ok(v.to_string())
    }

    /// The next number of `f`'s running sequence that nobody holds and the roster does not
    /// give, moving the sequence past it. (A sequence is the pattern's text around `seq`: one
    /// per year, and per type where the pattern has the type code.) `None`, with a problem,
    /// when the pattern fails for this record.
    fn next_free(
        &mut self,
        f: NumberField,
        it: &Item,
        numbers: &[Option<String>; 2],
    ) -> Result<Option<String>, IssueError> {
        let values = values_with(self.cfg, &it.record, numbers);
        let (numbering, year) = (self.numbering, self.year);
        let render = |seq| {
            numbering.render(f, &values, year, seq).map_err(|e| {
                Box::new(Problem::new(
                    it.record.origin.clone(),
                    None,
                    RecordError::Template { element: e.element, message: e.message },
                ))
            })
        };
        let scope = match render(None) {
            Ok(s) => format!("{}:{s}", f.field()),
            Err(p) => {
                self.problems.push(*p);
                return Ok(None);
            }
        };
        let mut seq = match self.next.get(&scope) {
            Some(n) => *n,
            None => self.tx.next(&scope)?,
        };
        let number = loop {
            let n = match render(Some(seq)) {
                Ok(n) => n,
                Err(p) => {
                    self.problems.push(*p);
                    break None;
                }
            };
            if !self.given[f as usize].contains(&n) && self.tx.holder(f, &n)?.is_none() {
                break Some(n);
            }
            seq += 1;
        };
        self.next.insert(scope, seq + 1);
        Ok(number)
    }
}

/// Numbers for each item, the problems of numbers given in the roster, and where each running
/// sequence stands after them.
struct Allocation {
    numbers: Vec<[Option<String>; 2]>,
    problems: Vec<Problem>,
    next: HashMap<String, u64>,
}

fn values_with(
    cfg: &BatchConfig,
    rec: &CertRecord,
    numbers: &[Option<String>; 2],
) -> BTreeMap<String, String> {
    let mut v = cfg.values_for(rec);
    for (f, n) in NumberField::ALL.iter().zip(numbers) {
        if let Some(n) = n {
            v.insert(f.field().into(), n.clone());
        }
    }
    v
}
