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
use crate::input::fields;
use crate::input::record::CertRecord;
use crate::input::roster::{Roster, RosterError};
use crate::register::blanks::{BlankSerial, BlankSerialError, Blanks, OnTray};
use crate::register::{self, CertRow, NewBatch, NewCert, Reader, Register, RegisterError, Status};
use crate::template::{NumberField, Numbering, TemplateError};
use crate::viet::Date;

mod numbers;
mod recognise;
mod source;

use numbers::*;
use recognise::*;
use source::*;

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
    /// `--replace-merged`: write the print file even over one with other pages.
    pub replace_merged: bool,
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

/// What happens to one record. (A registered entry is named by its place among the batch's
/// entries: a rerun of a large batch holds each entry once.)
#[derive(Debug, Clone, Copy)]
enum Action {
    /// Registered as it is: same numbers, same file.
    Keep(u32),
    /// Registered for the first time.
    New,
    /// Changed, and `--reissue`: a new certificate replaces this one.
    Reissue(u32),
}

/// One record of the run that will be issued, in print order: all that is held of it between
/// passes (its values are read again from the roster each time they are needed).
#[derive(Debug, Clone)]
struct Slot {
    /// The record's number in the roster.
    record: usize,
    action: Action,
    /// Its numbers and its file name, once numbered and checked.
    done: Texts,
    /// Its certificate in the register, once registered.
    id: i64,
}

/// A serial, a register number and a file name in one allocation (a number that is not there
/// is empty; a number never is): 100,000 slots each holding three strings of their own were
/// 15 MB more. (The numbers a record is given, by the roster or the register, are not kept in
/// its slot: they are its record's, or its registered entry's — a million slots are 24 MB
/// smaller so.)
#[derive(Debug, Clone, Default)]
struct Texts {
    text: Box<str>,
    ends: [u32; 2],
}

impl Texts {
    fn new(serial: Option<&str>, register_number: Option<&str>, name: &str) -> Texts {
        let (a, b) = (serial.unwrap_or(""), register_number.unwrap_or(""));
        let text: Box<str> = [a, b, name].concat().into();
        Texts { text, ends: [a.len() as u32, (a.len() + b.len()) as u32] }
    }

    fn numbers(&self) -> [Option<String>; 2] {
        let [a, b] = self.ends.map(|e| e as usize);
        [&self.text[..a], &self.text[a..b]].map(|n| (!n.is_empty()).then(|| n.to_string()))
    }

    fn name(&self) -> &str {
        &self.text[self.ends[1] as usize..]
    }
}

impl Slot {
    /// The record with its numbers, as it is signed, registered and printed.
    fn numbered(&self, mut rec: CertRecord) -> CertRecord {
        for (f, v) in NumberField::ALL.iter().zip(self.done.numbers()) {
            rec.values.insert(f.field().into(), v.unwrap_or_default());
        }
        rec
    }
}

/// The register's column of a template's number field.
fn column(f: NumberField) -> register::Number {
    match f {
        NumberField::Serial => register::Number::Serial,
        NumberField::Entry => register::Number::RegisterNumber,
    }
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

/// A record's identity in its batch: the values of the template's register key.
fn identity_of(cfg: &BatchConfig, rec: &CertRecord) -> Vec<String> {
    cfg.template.register.key.iter().map(|k| rec.values.get(k).cloned().unwrap_or_default()).collect()
}

fn describe_changes(old: &str, new: &str, label: impl Fn(&str) -> String) -> String {
    let (Some(a), Some(b)) = (crate::util::json::string_map(old), crate::util::json::string_map(new)) else {
        return crate::t!("change-record");
    };
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut out = Vec::new();
    for k in keys {
        let (x, y) = (a.get(k).map(String::as_str).unwrap_or(""), b.get(k).map(String::as_str).unwrap_or(""));
        if x != y {
            out.push(format!("{} {x:?} → {y:?}", label(k)));
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
///
/// The records are gone over in passes, in print order, a block at a time: who they are
/// (repeated identities), what each is to the register (new, kept, changed), their numbers and
/// pages (checked), then signed and registered, and — once committed — written. Between passes
/// a record is only its `Slot`.
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
    // Nor one whose programme (or any required variable) nobody gave.
    let missing = cfg.required_vars_missing(&roster);
    if !missing.is_empty() {
        return Err(BatchError::VarsMissing(missing).into());
    }
    let numbering = cfg.template.numbering(&cfg.vars)?;
    let sha256 = roster.sha256.clone();
    let (source, read_problems) = Source::new(&mut roster, cfg)?;

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
    let cfg: &BatchConfig = cfg;
    let current = match &existing {
        Some(b) => tx.current(b.id)?,
        None => Vec::new(),
    };

    let Identified { dropped, in_run, mut problems } = identify(&source, cfg)?;
    problems.extend(read_problems);
    let Recognised { mut slots, given, revoked, problems } = recognise(
        &source,
        cfg,
        opts,
        (&*tx, existing.as_ref().map(|b| b.id)),
        &current,
        (&dropped, &in_run),
        problems,
    )?;
    drop((dropped, in_run));
    let Numbered { problems, invalid_records, next, shrunk, notes } = number_and_check(
        &source,
        (&*tx, &current),
        &numbering,
        cfg,
        (&mut slots, given),
        problems,
        progress,
    )?;

    if let Some(dir) = out_dir {
        keep_others_files(&*tx, dir, &current, &mut slots)?;
    }

    // Register, in print order, and commit before writing anything.
    let batch_id = tx.save_batch(
        &NewBatch {
            name: opts.batch.clone(),
            template: cfg.template.name.clone(),
            issue_date: cfg.issue_date,
            roster_file: opts.roster_path.clone(),
            roster_sha256: sha256,
            vars_json: crate::util::json::json_string(&cfg.vars),
        },
        opts.today,
    )?;
    let into = Registrar { tx: &*tx, batch_id, cfg, opts, current: &current };
    let Registered { new, reissued, unchanged } = into.register(&source, &mut slots)?;
    let mut next: Vec<(String, u64)> = next.into_iter().collect();
    next.sort();
    for (scope, n) in next {
        tx.set_next(&scope, n)?;
    }
    let tray = match (&cfg.template.blank, &opts.blanks) {
        (None, _) => None,
        (Some(blank), first) => {
            let ids_in_order: Vec<(usize, i64)> = slots.iter().map(|s| (s.record, s.id)).collect();
            let tray = put_on_blanks(&*tx, &ids_in_order, first.as_ref(), opts.today, true)?;
            if tray.is_none() {
                return Err(IssueError::BlanksNeeded {
                    template: cfg.template.name.clone(),
                    blank: blank.clone(),
                });
            }
            tray
        }
    };
    // On blanks, the print file holds the tray's certificates only: what goes into the printer.
    let all: Vec<usize> = (0..slots.len()).collect();
    let on_tray: Option<Vec<usize>> = match (&tray, &opts.blanks) {
        (Some(t), Some(_)) => {
            Some(all.iter().copied().filter(|&i| t.records.contains(&slots[i].record)).collect())
        }
        _ => None,
    };
    let print_file = on_tray.clone().unwrap_or_else(|| all.clone());
    // A print file goes into the printer, and may have been printed already: one that is there
    // is never written over with other pages unless the user says so, and one that is there
    // exactly as this run would write it is not written at all. Compared before the commit, so
    // that a refusal leaves the register as it was too.
    let print_now = match merged {
        Some(m) => {
            let src = Writing {
                source: &source,
                cfg,
                reader: Reader::Tx(&*tx),
                current: &current,
                slots: &slots,
                wanted: print_file.clone(),
                out_dir: None,
                at: Default::default(),
            };
            let now = batch::print_files_now(&src, cfg, m, progress)?;
            if let Some(e) = BatchError::print_files_differ(&now).filter(|_| !opts.replace_merged) {
                return Err(e.into());
            }
            Some(now)
        }
        None => None,
    };
    tx.commit()?;

    // Only now the files; then where they are, so that a rerun can leave them alone.
    let write = |wanted: Vec<usize>, out_dir: Option<&Path>, merged: Option<&Path>| {
        let src = Writing {
            source: &source,
            cfg,
            reader: Reader::Register(&*reg),
            current: &current,
            slots: &slots,
            wanted,
            out_dir,
            at: Default::default(),
        };
        batch::write_records(&src, cfg, out_dir, merged, progress)
    };
    let kept = print_now.as_ref().filter(|now| now.all_there());
    let mut report = match (merged.filter(|_| kept.is_none()), on_tray) {
        (Some(m), Some(on_tray)) => {
            let singles = write(all, out_dir, None)?;
            let print_file = write(on_tray, None, Some(m))?;
            batch::BatchReport {
                merged: print_file.merged,
                merged_files: print_file.merged_files,
                merged_pages: print_file.merged_pages,
                ..singles
            }
        }
        (m, _) => write(all, out_dir, m)?,
    };
    if let (Some(now), Some(m)) = (kept, merged) {
        report.kept_print_files(m, now, print_file.len());
    }
    report.skipped = problems;
    report.skipped_records = invalid_records;
    report.shrunk = shrunk;
    report.notes = notes;
    Ok(IssueReport { batch: report, new, reissued, unchanged, revoked, tray })
}

/// Puts a run's certificates (record number and certificate id, in print order) on the tray
/// starting at `first` (see [`crate::register::blanks`]), recording each new blank. Without
/// `first`, every certificate must be on a blank already (`None` otherwise: a tray is needed).
///
/// `issue` (`spoiled_too`) counts a certificate on the blank of the tray it was printed on
/// before that blank was spoiled, so that a run again is the same tray with the same print file;
/// a reprint puts a certificate on new blanks only.
pub(crate) fn put_on_blanks(
    tx: &crate::register::Tx<'_>,
    certs: &[(usize, i64)],
    first: Option<&BlankSerial>,
    today: Date,
    spoiled_too: bool,
) -> Result<Option<Tray>, IssueError> {
    let mut now = Vec::with_capacity(certs.len());
    for (_, id) in certs {
        now.push(tx.blank_in_use(*id)?);
    }
    let Some(first) = first else {
        return Ok(now.iter().all(Option::is_some).then(Tray::default));
    };
    let mut spoiled = Vec::with_capacity(certs.len());
    for (_, id) in certs {
        spoiled.push(if spoiled_too { tx.blanks_spoiled(*id)? } else { Vec::new() });
    }
    let blanks = now.iter().zip(&spoiled).map(|(used, spoiled)| Blanks { used: used.as_deref(), spoiled });
    let places = crate::register::blanks::tray(first, blanks)?;
    // Every blank recorded, by what tells blanks apart: one looked up per new blank, not the
    // whole table searched for each.
    let mut recorded = tx.blank_keys()?;
    let mut tray = Tray::default();
    for ((record, id), place) in certs.iter().zip(places) {
        let serial = match place {
            OnTray::Elsewhere => continue,
            OnTray::Again(s) | OnTray::Spoiled(s) => s,
            OnTray::Takes(s) => {
                let key = crate::register::blanks::BlankKey::of(&s);
                if let Some(b) = recorded.get(&key).map(|r| tx.blank(r)).transpose()?.flatten() {
                    let holder = match (&b.certificate, b.used) {
                        (Some((_, serial, name)), true) => {
                            crate::t!("blank-holder", serial = serial.as_str(), name = name.as_str())
                        }
                        _ => crate::t!("blank-holder-spoiled"),
                    };
                    return Err(IssueError::BlankTaken { serial: b.serial, holder });
                }
                tx.use_blank(&s, *id, today)?;
                recorded.insert(key, s.clone());
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

/// What numbering and checking the run left: its problems (those of the records it skips,
/// with `--skip-invalid`), where each running sequence stands, and what is said of the pages.
struct Numbered {
    problems: Vec<Problem>,
    invalid_records: usize,
    next: HashMap<String, u64>,
    shrunk: Vec<(crate::error::Origin, crate::render::layout::Shrunk)>,
    notes: Vec<Problem>,
}

/// Numbers every record, then checks it with its numbers, and settles the file names; with
/// `--skip-invalid`, numbers again without the records that failed, so that no number is
/// given to a certificate that is not issued. Any problem left (without `--skip-invalid`)
/// stops the run here, before any change.
fn number_and_check(
    source: &Source<'_>,
    (tx, current): (&crate::register::Tx<'_>, &[CertRow]),
    numbering: &Numbering,
    cfg: &BatchConfig,
    (slots, mut given): (&mut Vec<Slot>, [Vec<u128>; 2]),
    mut problems: Vec<Problem>,
    progress: &dyn Progress,
) -> Result<Numbered, IssueError> {
    let year = i32::from(cfg.issue_date.year);
    let mut round = 0;
    loop {
        round += 1;
        // Numbers the records still in the run are given, so that no running number lands on
        // one of them: recognising found them for the first round, a pass finds them again
        // after records dropped out.
        if round > 1 {
            given = given_numbers(source, cfg, slots, current)?;
        }
        let mut a = Allocator {
            tx,
            numbering,
            cfg,
            current,
            year,
            given: std::mem::take(&mut given),
            next: HashMap::new(),
            problems: Vec::new(),
        };
        let (mut found, mut shrunk, mut notes) = (Vec::new(), Vec::new(), Vec::new());
        progress.start(batch::Phase::Checking, slots.len());
        let mut pass = source.again(cfg)?;
        let mut at = 0;
        while let Some(block) = pass.slotted(slots, &mut at)? {
            let mut to_check = Vec::with_capacity(block.len());
            for (i, rec) in block {
                let before = a.problems.len();
                let [serial, entry] = a.numbers_for(&slots[i], &rec)?;
                slots[i].done = Texts::new(serial.as_deref(), entry.as_deref(), "");
                // A record whose numbers failed is not laid out.
                if a.problems.len() == before {
                    to_check.push((i, slots[i].numbered(rec)));
                }
            }
            let records: Vec<CertRecord> = to_check.iter().map(|(_, r)| r.clone()).collect();
            for ((i, rec), laid) in to_check.into_iter().zip(batch::check_block(&records, cfg, progress)) {
                match batch::with_safe_name(&rec, laid) {
                    Ok((name, small)) => {
                        let [serial, entry] = slots[i].done.numbers();
                        slots[i].done = Texts::new(serial.as_deref(), entry.as_deref(), &name);
                        shrunk.extend(small.into_iter().map(|s| (rec.origin.clone(), s)));
                        notes.extend(rec.notes.iter().cloned());
                    }
                    Err(mut p) => found.append(&mut p),
                }
            }
        }
        // (Its serials are 128 bits each of a record.)
        drop(pass);
        progress.finish();
        found.append(&mut a.problems);
        let failed: HashSet<usize> = found.iter().map(|p| p.origin.record).collect();
        // Kept over the rounds: a record skipped in one is not checked again in the next,
        // and its problems must still be said (and counted) at the end.
        problems.extend(found);
        let (all, invalid_records) = batch::settle_problems(problems.clone());
        let before = slots.len();
        if cfg.skip_invalid && !failed.is_empty() {
            slots.retain(|s| !failed.contains(&s.record));
        }
        // Done, or every record numbered in this round passed: the numbers have no gap.
        if slots.len() == before {
            if !all.is_empty() && !cfg.skip_invalid {
                return Err(BatchError::Invalid { records: invalid_records, problems: all }.into());
            }
            settle_names(slots);
            return Ok(Numbered { problems: all, invalid_records, next: a.next, shrunk, notes });
        }
        if round >= 4 {
            return Err(BatchError::Invalid { records: invalid_records, problems: all }.into());
        }
    }
}

/// Sorted and each once, to be searched.
fn sorted(mut given: [Vec<u128>; 2]) -> [Vec<u128>; 2] {
    for set in &mut given {
        set.sort_unstable();
        set.dedup();
    }
    given
}

/// The numbers the slots' records are given, as [`Allocator::given`] keeps them: a kept
/// certificate's registered ones, the others' from the roster.
fn given_numbers(
    source: &Source<'_>,
    cfg: &BatchConfig,
    slots: &[Slot],
    current: &[CertRow],
) -> Result<[Vec<u128>; 2], IssueError> {
    let mut given: [Vec<u128>; 2] = [Vec::new(), Vec::new()];
    let mut add = |numbers: [Option<&str>; 2]| {
        for (set, n) in given.iter_mut().zip(numbers) {
            set.extend(n.filter(|n| !n.is_empty()).map(|n| batch::fingerprint(n.as_bytes())));
        }
    };
    let mut pass = source.again(cfg)?;
    let mut at = 0;
    while let Some(block) = pass.slotted(slots, &mut at)? {
        for (i, rec) in block {
            match slots[i].action {
                Action::Keep(k) => {
                    let c = &current[k as usize];
                    add([Some(c.so_hieu.as_str()), c.so_vao_so.as_deref()]);
                }
                _ => add(NumberField::ALL.map(|f| rec.values.get(f.field()).map(String::as_str))),
            }
        }
    }
    Ok(sorted(given))
}

/// Tells the file names apart in roster order, as `check` does (stable across sort orders).
fn settle_names(slots: &mut [Slot]) {
    let mut order: Vec<usize> = (0..slots.len()).collect();
    order.sort_by_key(|&i| slots[i].record);
    crate::util::files::pad_leading_numbers(slots);
    crate::util::files::dedupe_in_order(slots, &order);
}

impl crate::util::files::Named for Slot {
    fn name(&self) -> &str {
        self.done.name()
    }

    fn rename(&mut self, name: String) {
        let [serial, entry] = self.done.numbers();
        self.done = Texts::new(serial.as_deref(), entry.as_deref(), &name);
    }
}

/// Never writes over another certificate's file: a certificate (a reissue above all: a
/// corrected accent gives the same name) whose file name in `dir` is the recorded file of
/// another certificate is written under that name with its own serial added
/// (`2-le-van-an-CN19-0004.pdf`). The old file stays where it is, with the bytes the register
/// recorded for it; the other certificate's file is still there on every later run, so the
/// choice is the same on each.
fn keep_others_files(
    tx: &crate::register::Tx<'_>,
    dir: &Path,
    current: &[CertRow],
    slots: &mut [Slot],
) -> Result<(), IssueError> {
    let name_in = |path: &str| {
        let path = Path::new(path);
        (path.parent() == Some(dir))
            .then(|| path.file_name().map(|n| n.to_string_lossy().into_owned()))
            .flatten()
    };
    let mut taken: HashMap<String, i64> = HashMap::new();
    for (id, path) in tx.files()? {
        if let Some(name) = name_in(&path) {
            taken.insert(name.to_lowercase(), id);
        }
    }
    if taken.is_empty() {
        return Ok(());
    }
    for slot in slots.iter_mut() {
        let own = match slot.action {
            Action::Keep(k) => Some(current[k as usize].id),
            _ => None,
        };
        let holder = taken.get(&slot.done.name().to_lowercase()).copied();
        if holder.is_none() || holder == own {
            continue;
        }
        let [serial, _] = slot.done.numbers();
        let stem = slot.done.name().strip_suffix(".pdf").unwrap_or(slot.done.name()).to_string();
        let mut n = 1;
        let name = loop {
            let serial = serial.as_deref().unwrap_or_default();
            let candidate = match n {
                1 => format!("{stem}-{serial}"),
                n => format!("{stem}-{serial}-{n}"),
            };
            let candidate =
                crate::util::files::sanitize(&candidate).unwrap_or_else(|| format!("{serial}.pdf"));
            if taken.get(&candidate.to_lowercase()).is_none_or(|&id| Some(id) == own) {
                break candidate;
            }
            n += 1;
        };
        crate::util::files::Named::rename(slot, name);
    }
    Ok(())
}

/// What registering a run's records did.
struct Registered {
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
    current: &'a [CertRow],
}

impl Registrar<'_, '_> {
    /// Signs every new and reissued certificate and registers it with its code, in print
    /// order, inside the run's transaction; a kept one keeps its entry, and must still sign to
    /// the code registered for it. A block at a time, signed in parallel.
    fn register(&self, source: &Source<'_>, slots: &mut [Slot]) -> Result<Registered, IssueError> {
        let (tx, cfg, opts) = (self.tx, self.cfg, self.opts);
        let mut r = Registered { new: 0, reissued: 0, unchanged: 0 };
        let mut late = Vec::new();
        let mut pass = source.again(cfg)?;
        let mut at = 0;
        while let Some(block) = pass.slotted(slots, &mut at)? {
            let records: Vec<(usize, CertRecord)> =
                block.into_iter().map(|(i, rec)| (i, slots[i].numbered(rec))).collect();
            // A kept certificate keeps the code it was issued with — signed by whichever key
            // signed on its day, with that day as its signing date — as long as the record
            // still gives the same claims. So a rerun after a key rotation, or on another day,
            // changes nothing.
            let signed: Vec<Result<Option<SignedCode>, Vec<Problem>>> = records
                .par_iter()
                .map(|(i, rec)| match slots[*i].action {
                    Action::Keep(k) => kept_code(cfg, rec, &self.current[k as usize]).map(|_| None),
                    _ => batch::sign_record(cfg, rec).map(Some),
                })
                .collect();
            for ((i, rec), code) in records.into_iter().zip(signed) {
                let code = match code {
                    Err(e) => {
                        late.extend(e);
                        continue;
                    }
                    Ok(code) => code,
                };
                let supersedes = match slots[i].action {
                    Action::Keep(k) => {
                        r.unchanged += 1;
                        slots[i].id = self.current[k as usize].id;
                        continue;
                    }
                    Action::New => None,
                    Action::Reissue(k) => Some(self.current[k as usize].id),
                };
                let (Some(code), true) = (code, late.is_empty()) else { continue };
                let v = |k: &str| rec.values.get(k).cloned().unwrap_or_default();
                slots[i].id = tx.insert(
                    &NewCert {
                        batch_id: self.batch_id,
                        identity: crate::util::json::json_string(&identity_of(cfg, &rec)),
                        record_no: rec.origin.record as i64,
                        so_hieu: v(fields::SO_HIEU),
                        so_vao_so: slots[i].done.numbers()[1].clone(),
                        ho_ten: v(fields::HO_TEN),
                        ngay_sinh: v(fields::NGAY_SINH),
                        issue_date: cfg.issue_date,
                        record_json: content_of(cfg, &rec),
                        qr_text: code.url(),
                        claims_cbor: code.claims_cbor().to_vec(),
                        rid: crate::seal::sign::b64(&code.rid),
                        supersedes,
                    },
                    opts.today,
                )?;
                r.new += 1;
                if supersedes.is_some() {
                    r.reissued += 1;
                }
            }
        }
        if !late.is_empty() {
            return Err(BatchError::Invalid { records: late.len(), problems: late }.into());
        }
        Ok(r)
    }
}

/// A run's registered certificates to write, taken from the source a range at a time in
/// print order (the writer asks for them in order), each with its registered code.
struct Writing<'a, 'r> {
    source: &'a Source<'r>,
    cfg: &'a BatchConfig,
    reader: Reader<'a>,
    current: &'a [CertRow],
    slots: &'a [Slot],
    /// The slots to write, in order.
    wanted: Vec<usize>,
    out_dir: Option<&'a Path>,
    /// The pass under way, and how many of `wanted` it has given.
    at: std::cell::RefCell<Option<(Pass<'a>, usize)>>,
}

impl batch::Records for Writing<'_, '_> {
    fn count(&self) -> usize {
        self.wanted.len()
    }

    fn get(
        &self,
        range: std::ops::Range<usize>,
    ) -> Result<std::borrow::Cow<'_, [batch::PlannedRecord]>, BatchError> {
        let mut at = self.at.borrow_mut();
        let (pass, done) = match &mut *at {
            Some(at) => at,
            none => none.insert((self.source.again(self.cfg)?, 0)),
        };
        debug_assert_eq!(*done, range.start, "records are written in order");
        let mut out = Vec::with_capacity(range.len());
        for &i in &self.wanted[range] {
            let slot = &self.slots[i];
            let changed = || BatchError::Roster(RosterError::Changed { file: self.source.file() });
            let rec = loop {
                match pass.next() {
                    Some(Ok(rec)) if rec.origin.record == slot.record => break slot.numbered(rec),
                    Some(Ok(_)) => {}
                    Some(Err(e)) => return Err(e),
                    None => return Err(changed()),
                }
            };
            let damaged = |value: String| {
                BatchError::from(RegisterError::Damaged {
                    path: self.reader.path().to_path_buf(),
                    batch: String::new(),
                    value,
                })
            };
            let registered = self.reader.entry(slot.id)?.ok_or_else(|| damaged(format!("#{}", slot.id)))?;
            // Registered and committed from the roster as it was: a roster saved again since
            // must not print a name other than the register's.
            if registered.record_json != content_of(self.cfg, &rec) {
                return Err(changed());
            }
            let code = SignedCode::from_registered(&registered.qr_text)
                .map(|(code, _)| code)
                .ok_or_else(|| damaged(registered.qr_text.clone()))?;
            // A kept certificate's file, if it still has the bytes registered, is left alone.
            let expected_sha256 = match (slot.action, self.out_dir) {
                (Action::Keep(k), Some(dir)) => self.current[k as usize]
                    .pdf
                    .as_ref()
                    .filter(|(path, _)| *path == dir.join(slot.done.name()).display().to_string())
                    .map(|(_, sha)| sha.clone()),
                _ => None,
            };
            out.push(batch::PlannedRecord {
                record: rec,
                file_name: slot.done.name().to_string(),
                expected_sha256,
                code: Some(code),
            });
            *done += 1;
        }
        Ok(std::borrow::Cow::Owned(out))
    }

    fn wrote(&self, range: std::ops::Range<usize>, files: &[batch::CertFile]) -> Result<(), BatchError> {
        let mut files = self.wanted[range].iter().zip(files).map(|(&i, f)| {
            debug_assert_eq!(self.slots[i].record, f.origin.record, "files come in print order");
            (self.slots[i].id, f.path.display().to_string(), f.sha256.clone())
        });
        match self.reader {
            Reader::Register(reg) => Ok(reg.set_files(&mut files)?),
            // Before the commit only print files are compared: no certificate's file is written.
            Reader::Tx(_) => Ok(()),
        }
    }
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
