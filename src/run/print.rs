//! `print`: certificates written again from the register alone — a lost file, a second copy, or
//! a batch too big for one machine shared out with `--shard K/N`. No roster and no private key:
//! each certificate's record, numbers and signed code are in the register, and its template and
//! variables in its batch, so the page is byte for byte the one `issue` wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::batch::{self, BatchConfig, BatchError, BatchReport, Progress, SignedCode};
use crate::error::Origin;
use crate::input::fields;
use crate::input::record::{CertRecord, Values};
use crate::register::blanks::BlankSerial;
use crate::register::{CertRow, EntryKey, Reader, Register, RegisterError, Status};
use crate::seal::claims::Claims;
use crate::template::{Template, TemplateError};
use crate::viet::Date;

/// Which certificates to print.
#[derive(Debug, Clone, Default)]
pub struct PrintOptions {
    /// Only this batch.
    pub batch: Option<String>,
    /// Only these serials (as printed; case, spaces and hyphens aside).
    pub serials: Vec<String>,
    /// Shard K of N (1-based): `(K, N)`; the certificates whose register entry falls to K (see
    /// [`shard_of`]).
    pub shard: Option<(usize, usize)>,
    /// `--reprint-spoiled --blanks FIRST`: the certificates whose blank was spoiled, on the
    /// tray of new blanks starting at FIRST (recorded before anything is written).
    pub reprint_spoiled: Option<BlankSerial>,
    /// `--offset X,Y` (mm).
    pub offset_mm: Option<(f32, f32)>,
    /// `--merged-pages N`.
    pub merged_pages: Option<usize>,
    /// `--replace-merged`: write the print file even over one with other pages.
    pub replace_merged: bool,
    /// `--esign`: every file (and the print file) signed electronically (issue 31).
    pub esign: Option<std::sync::Arc<crate::esign::Job>>,
}

/// What `print` wrote.
#[derive(Debug)]
pub struct Printed {
    /// Per batch.
    pub reports: Vec<BatchReport>,
    /// With `--reprint-spoiled`: the first and last new blank (none when nothing waited).
    pub tray: Option<(String, String)>,
    /// With `--reprint-spoiled`: certificates reprinted already, on the blanks this tray starts
    /// with (the same reprint run again): their serial and blank.
    pub reprinted_before: Vec<(String, String)>,
}

/// Why `print` stopped.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// The register.
    #[error(transparent)]
    Register(#[from] RegisterError),
    /// The batch's template.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// Laying out or writing.
    #[error(transparent)]
    Batch(#[from] BatchError),
    /// Putting certificates on new blanks.
    #[error(transparent)]
    Blanks(#[from] crate::run::issue::IssueError),
    /// A serial asked for is in no entry.
    #[error("{}", crate::t!("err-print-no-serial", serial = serial.as_str()))]
    NoSerial {
        /// As given.
        serial: String,
    },
    /// A merged print file asked for certificates of several batches.
    #[error("{}", crate::t!("err-print-several-batches", batches = batches.join(", ")))]
    SeveralBatches {
        /// Their names.
        batches: Vec<String>,
    },
    /// An entry whose record is not what its code signs (edited in the register file): nothing
    /// is printed.
    #[error("{}", crate::t!("err-print-not-as-signed", serial = serial.as_str(), field = field.as_str(), register = format!("{register:?}"), signed = format!("{signed:?}"), others = *others))]
    NotAsSigned {
        /// Its serial.
        serial: String,
        /// The claim, in words.
        field: String,
        /// The value its record gives.
        register: String,
        /// The value its code signs.
        signed: String,
        /// How many more such differences (in this or other entries) were found.
        others: usize,
    },
    /// An entry whose recorded file is also another certificate's (edited in the register
    /// file): printing it would write over the other; nothing is printed.
    #[error("{}", crate::t!("err-print-shared-file", serial = serial.as_str(), other = other.as_str(), path = path.as_str()))]
    SharedFile {
        /// Its serial.
        serial: String,
        /// The other certificate's.
        other: String,
        /// The file both are recorded with.
        path: String,
    },
    /// An entry that the register cannot print again.
    #[error("{}", crate::t!("err-print-damaged", serial = serial.as_str()))]
    Damaged {
        /// Its serial.
        serial: String,
    },
}

impl PrintError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            PrintError::Register(r) => r.hint(),
            PrintError::Template(t) => t.hint(),
            PrintError::Batch(b) => b.hint(),
            PrintError::Blanks(b) => b.hint(),
            PrintError::NoSerial { .. } => Some(crate::t!("hint-register-serial")),
            PrintError::SeveralBatches { .. } => Some(crate::t!("hint-print-batch")),
            PrintError::Damaged { .. } | PrintError::NotAsSigned { .. } | PrintError::SharedFile { .. } => {
                Some(crate::t!("hint-print-audit"))
            }
        }
    }
}

fn fold(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_lowercase).collect()
}

/// The certificates `opts` asks for: issued ones (a revoked or replaced certificate is never
/// printed again), in the order they were registered, of the shard asked for.
fn chosen(reg: &Register, opts: &PrintOptions) -> Result<Vec<EntryKey>, PrintError> {
    let issued = reg.entry_keys(opts.batch.as_deref())?.into_iter().filter(|r| r.status == Status::Issued);
    let rows: Vec<EntryKey> = if opts.serials.is_empty() {
        issued.collect()
    } else {
        let issued: Vec<EntryKey> = issued.collect();
        let mut out: Vec<EntryKey> = Vec::new();
        for s in &opts.serials {
            match issued.iter().find(|r| fold(&r.so_hieu) == fold(s)) {
                Some(r) if !out.iter().any(|o| o.id == r.id) => out.push(r.clone()),
                Some(_) => {}
                None => return Err(PrintError::NoSerial { serial: s.clone() }),
            }
        }
        out.sort_by_key(|r| r.id);
        out
    };
    Ok(match opts.shard {
        Some((k, n)) => rows.into_iter().filter(|r| shard_of(r.id, n) == k).collect(),
        None => rows,
    })
}

/// Which of `n` shards (1-based) the certificate of register entry `id` falls to: by the
/// entry's number, which the register gives once and never changes or reuses, never by its
/// place in the list of those chosen. A place moves when a certificate before it is revoked or
/// reissued, so shards run at different times printed some certificates twice and others never
/// (issue 28, finding 7); an entry's shard is the same for ever, whatever happens to the
/// others. Entries are numbered in a row as they are issued, so the shards of a batch are even
/// (a hash of the serial was stable too, but left a shard of a small batch empty).
pub fn shard_of(id: i64, n: usize) -> usize {
    let n = n.max(1) as i64;
    ((id - 1).rem_euclid(n) + 1) as usize
}

/// Writes the chosen certificates again into `out_dir` (under the names `issue` gave them)
/// and/or the print file `merged`, exactly as `issue` wrote them, in the order `issue` wrote
/// them (the register's). A print file that is there with other pages is refused (unless
/// `replace_merged`) before anything is kept or written; one that is there exactly as it would
/// be written is left alone.
pub fn print(
    reg: &mut Register,
    opts: &PrintOptions,
    out_dir: Option<&Path>,
    merged: Option<&Path>,
    today: Date,
    progress: &dyn Progress,
) -> Result<Printed, PrintError> {
    let Some(first) = &opts.reprint_spoiled else {
        let rows = chosen(reg, opts)?;
        let planned = plan(Reader::Register(reg), rows, opts, merged, today, progress)?;
        let reports = write(reg, planned, out_dir, merged, progress)?;
        return Ok(Printed { reports, tray: None, reprinted_before: Vec::new() });
    };
    // The new blanks are recorded before anything is written, in the transaction the print
    // file is compared in: a refusal records no blank.
    let (waiting, reprinted_before) = waiting_for_reprint(reg, opts, first)?;
    let tx = reg.transaction()?;
    let (rows, tray) = reprint_spoiled(&*tx, waiting, first, today)?;
    let planned = plan(Reader::Tx(&*tx), rows, opts, merged, today, progress)?;
    tx.commit()?;
    Ok(Printed { reports: write(reg, planned, out_dir, merged, progress)?, tray, reprinted_before })
}

/// One batch's certificates, checked and ready to write.
struct Planned {
    cfg: BatchConfig,
    ids: Vec<i64>,
    names: Vec<String>,
    file: std::sync::Arc<str>,
    checked: batch::Checked,
    /// With a print file: how it stands against the file there.
    now: Option<batch::PrintFilesNow>,
}

/// Checks the chosen certificates, batch by batch, and compares the print file with the one
/// there: nothing is written.
fn plan(
    reader: Reader<'_>,
    rows: Vec<EntryKey>,
    opts: &PrintOptions,
    merged: Option<&Path>,
    today: Date,
    progress: &dyn Progress,
) -> Result<Vec<Planned>, PrintError> {
    // A certificate whose recorded file is another's would be written over that one.
    let shared = reader.shared_files()?;
    if let Some((_, serial, other, path)) =
        shared.into_iter().find(|(id, ..)| rows.iter().any(|r| r.id == *id))
    {
        return Err(PrintError::SharedFile { serial, other, path });
    }
    // Each batch's certificates, in the order they came.
    let mut batches: Vec<(String, Vec<i64>)> = Vec::new();
    for r in rows {
        match batches.iter_mut().find(|(name, _)| *name == r.batch) {
            Some((_, mine)) => mine.push(r.id),
            None => batches.push((r.batch, vec![r.id])),
        }
    }
    if merged.is_some() && batches.len() > 1 {
        return Err(PrintError::SeveralBatches {
            batches: batches.into_iter().map(|(name, _)| name).collect(),
        });
    }
    let mut planned = Vec::new();
    for (name, ids) in batches {
        let Some((mut cfg, roster_file)) = batch_config(reader, &name, today)? else { continue };
        cfg.offset_mm = opts.offset_mm;
        cfg.merged_pages = opts.merged_pages;
        cfg.esign = opts.esign.clone();
        let entries = Entries { reader, file: roster_file, ids, names: Vec::new() };
        let (entries, checked) = entries.check(&cfg, progress)?;
        let now = match merged {
            Some(m) => {
                let now = batch::print_files_now(&entries, &cfg, m, progress)?;
                if let Some(e) = BatchError::print_files_differ(&now).filter(|_| !opts.replace_merged) {
                    return Err(e.into());
                }
                Some(now)
            }
            None => None,
        };
        let Entries { file, ids, names, .. } = entries;
        planned.push(Planned { cfg, ids, names, file, checked, now });
    }
    Ok(planned)
}

/// Batch `name` as it was issued: its template, variables and issue date, with a signer that
/// draws the codes the register holds and signs none; and the roster it was issued from.
pub(crate) fn batch_config(
    reader: Reader<'_>,
    name: &str,
    today: Date,
) -> Result<Option<(BatchConfig, std::sync::Arc<str>)>, PrintError> {
    let Some((batch, vars_json)) = reader.batch_issued(name)? else { return Ok(None) };
    let template = Template::load(&batch.template)?;
    let vars: BTreeMap<String, String> = crate::util::json::string_map(&vars_json).unwrap_or_default();
    let host = vars.get("host").cloned().unwrap_or_default();
    let mut cfg = BatchConfig::new(template, vars, BTreeMap::new(), today)?;
    cfg.set_issue_date(batch.issue_date);
    cfg.signer = Some(batch::Signer::for_printing(host, &cfg.template)?);
    Ok(Some((cfg, batch.roster_file.as_str().into())))
}

/// Writes what [`plan`] checked (a print file that is there as it would be is not written).
fn write(
    reg: &Register,
    planned: Vec<Planned>,
    out_dir: Option<&Path>,
    merged: Option<&Path>,
    progress: &dyn Progress,
) -> Result<Vec<BatchReport>, PrintError> {
    let mut reports = Vec::new();
    for Planned { cfg, ids, names, file, checked, now } in planned {
        let pages = ids.len();
        let entries = Entries { reader: Reader::Register(reg), file, ids, names };
        let kept = now.as_ref().filter(|now| now.all_there());
        let mut report =
            batch::write_records(&entries, &cfg, out_dir, merged.filter(|_| kept.is_none()), progress)?;
        if let (Some(now), Some(m)) = (kept, merged) {
            report.kept_print_files(m, now, pages);
        }
        report.shrunk = checked.shrunk;
        report.notes = checked.notes;
        reports.push(report);
    }
    Ok(reports)
}

/// One entry as the register has it: its record (values, numbers), its registered code and the
/// claims that code signs, and its registered file name (`None` if only a print file was
/// written).
pub(crate) struct Fetched {
    record: CertRecord,
    code: SignedCode,
    signed: Claims,
    name: Option<String>,
}

/// An entry as the record `issue` printed (its values as issued, with its numbers), its
/// registered code and the claims that code signs, and its registered file name; `None` when
/// its stored record or code cannot be read. `file` is the roster its batch was issued from
/// (the record's origin); `keys` the value names shared by the records made so far.
pub(crate) fn fetch(
    r: &CertRow,
    file: &std::sync::Arc<str>,
    keys: &mut std::sync::Arc<[String]>,
) -> Option<Fetched> {
    let mut values = crate::util::json::string_map(&r.record_json)?;
    values.remove("(template)");
    values.insert(fields::SO_HIEU.into(), r.so_hieu.clone());
    values.insert(fields::SO_VAO_SO.into(), r.so_vao_so.clone().unwrap_or_default());
    let (code, signed) = SignedCode::from_registered(&r.qr_text)?;
    let record = r.record_no as usize;
    let name = r
        .pdf
        .as_ref()
        .and_then(|(p, _)| PathBuf::from(p).file_name().map(|n| n.to_string_lossy().into_owned()));
    let origin = Origin { file: file.clone(), record, line: record as u64 + 1 };
    let values = Values::from_map(values, keys);
    Some(Fetched {
        record: CertRecord { origin, values, columns: Default::default(), notes: Vec::new() },
        code,
        signed,
        name,
    })
}

/// Whether an entry's record (the register's `record_json` and numbers, which nothing signs)
/// renders the claims its code signs; each claim that differs is added to `found`. A record
/// whose claims cannot be rendered at all is left to the check that follows, which names the
/// problem.
///
/// This is what keeps `print` from putting an edited name beside a genuine code (issue 28,
/// finding 6): the page is still made from the record — the template prints more than the
/// claims hold, and an honest register's pages stay byte for byte `issue`'s — but only once
/// every claim the template renders from it is the one signed.
pub(crate) fn as_signed(cfg: &BatchConfig, f: &Fetched, found: &mut Vec<PrintError>) {
    let Ok(claims) = batch::claims_of(cfg, &f.record) else { return };
    let serial = f.record.values.get(fields::SO_HIEU).map(String::as_str).unwrap_or("").to_string();
    for (def, register, signed) in claims.differences(&f.signed) {
        found.push(PrintError::NotAsSigned {
            serial: serial.clone(),
            field: crate::l10n::verdict::claim_label(def, crate::l10n::lang()).to_string(),
            register,
            signed,
            others: 0,
        });
    }
}

/// How many entries are made into records at a time while checking.
const BLOCK: usize = 4096;

/// A batch's chosen certificates, fetched from the register a block at a time — to check
/// them, then again to write them — so that printing a million is done in the memory of a
/// few thousand. Only their ids and file names are held.
struct Entries<'r> {
    reader: Reader<'r>,
    /// The roster the batch was issued from (messages name it).
    file: std::sync::Arc<str>,
    /// In the register's order: the order `issue` printed them.
    ids: Vec<i64>,
    /// Each one's file name, once checked.
    names: Vec<String>,
}

impl Entries<'_> {
    /// The certificates at `range`: each as a record with its numbers, its registered code,
    /// and its registered file name (or `None`, if only a print file was written).
    fn records(&self, range: std::ops::Range<usize>) -> Result<Vec<Fetched>, PrintError> {
        let mut keys: std::sync::Arc<[String]> = std::sync::Arc::new([]);
        let mut out = Vec::with_capacity(range.len());
        for &id in &self.ids[range] {
            let r = self.reader.entry(id)?.ok_or_else(|| PrintError::Damaged { serial: format!("#{id}") })?;
            out.push(
                fetch(&r, &self.file, &mut keys)
                    .ok_or_else(|| PrintError::Damaged { serial: r.so_hieu.clone() })?,
            );
        }
        Ok(out)
    }

    /// Checks every certificate as `issue` did (any problem stops the run before anything is
    /// written) and settles the file names: those `issue` wrote, and for the others the names
    /// `issue` would give, told apart in roster order as it tells them apart.
    fn check(
        mut self,
        cfg: &BatchConfig,
        progress: &dyn Progress,
    ) -> Result<(Self, batch::Checked), PrintError> {
        let total = self.ids.len();
        progress.start(batch::Phase::Checking, total);
        let (mut problems, mut shrunk) = (Vec::new(), Vec::new());
        let mut made: Vec<(usize, String)> = Vec::with_capacity(total);
        let mut known: Vec<Option<String>> = Vec::with_capacity(total);
        let mut not_signed: Vec<PrintError> = Vec::new();
        for start in (0..total).step_by(BLOCK) {
            let block = self.records(start..total.min(start + BLOCK))?;
            for f in &block {
                as_signed(cfg, f, &mut not_signed);
            }
            let records: Vec<CertRecord> = block.iter().map(|f| f.record.clone()).collect();
            for ((rec, f), laid) in records.iter().zip(block).zip(batch::check_block(&records, cfg, progress))
            {
                known.push(f.name);
                match batch::with_safe_name(rec, laid) {
                    Ok((file_name, small)) => {
                        shrunk.extend(small.into_iter().map(|s| (rec.origin.clone(), s)));
                        made.push((rec.origin.record, file_name));
                    }
                    Err(mut p) => {
                        problems.append(&mut p);
                        made.push((rec.origin.record, String::new()));
                    }
                }
            }
        }
        progress.finish();
        let others = not_signed.len().saturating_sub(1);
        if let Some(PrintError::NotAsSigned { serial, field, register, signed, .. }) =
            not_signed.into_iter().next()
        {
            return Err(PrintError::NotAsSigned { serial, field, register, signed, others });
        }
        if !problems.is_empty() {
            let (problems, records) = batch::settle_problems(problems);
            return Err(BatchError::Invalid { records, problems }.into());
        }
        // Told apart in roster order, as `issue` does (a stable sort: a record number that two
        // rosters of the batch share keeps the register's order).
        let mut order: Vec<usize> = (0..total).collect();
        order.sort_by_key(|&i| made[i].0);
        let mut names: Vec<String> = order.iter().map(|&i| std::mem::take(&mut made[i].1)).collect();
        crate::util::files::pad_leading_numbers(&mut names);
        crate::util::files::dedupe(&mut names);
        self.names = vec![String::new(); total];
        for (i, name) in order.into_iter().zip(names) {
            self.names[i] = known[i].take().unwrap_or(name);
        }
        let checked = batch::Checked {
            valid: total,
            problems: Vec::new(),
            invalid_records: 0,
            shrunk,
            notes: Vec::new(),
        };
        Ok((self, checked))
    }
}

impl batch::Records for Entries<'_> {
    fn count(&self) -> usize {
        self.ids.len()
    }

    fn get(
        &self,
        range: std::ops::Range<usize>,
    ) -> Result<std::borrow::Cow<'_, [batch::PlannedRecord]>, BatchError> {
        let names = &self.names[range.clone()];
        let block = self.records(range).map_err(|e| match e {
            PrintError::Register(r) => BatchError::from(r),
            // Read whole when the batch was checked: only a register changed since says so.
            other => BatchError::from(RegisterError::Damaged {
                path: self.reader.path().to_path_buf(),
                batch: String::new(),
                value: other.to_string(),
            }),
        })?;
        Ok(block
            .into_iter()
            .zip(names)
            .map(|(Fetched { record, code, .. }, name)| batch::PlannedRecord {
                record,
                file_name: name.clone(),
                expected_sha256: None,
                code: Some(code),
            })
            .collect())
    }
}

/// The certificates to print, and the tray's first and last blank (a reprint on blanks).
type Chosen = (Vec<EntryKey>, Option<(String, String)>);

/// Certificates reprinted already: serial and blank.
type Reprinted = Vec<(String, String)>;

/// The certificates waiting for a reprint because their blank was spoiled (of `opts.batch`,
/// and of `opts.serials` if given) and on no blank now; and of those reprinted already, the
/// ones on the blanks a tray from `first` starts with (serial and blank): a reprint run again
/// reprints none of them, and says so.
fn waiting_for_reprint(
    reg: &Register,
    opts: &PrintOptions,
    first: &BlankSerial,
) -> Result<(Vec<CertRow>, Reprinted), PrintError> {
    let mut spoiled = reg.spoiled_certificates(opts.batch.as_deref())?;
    if !opts.serials.is_empty() {
        spoiled.retain(|(c, _)| opts.serials.iter().any(|s| fold(s) == fold(&c.so_hieu)));
    }
    let (waiting, reprinted): (Vec<_>, Vec<_>) = spoiled.into_iter().partition(|(_, now)| now.is_none());
    let tray: Vec<String> = (0..reprinted.len()).filter_map(|k| first.nth(k).ok()).collect();
    let before = reprinted
        .into_iter()
        .filter_map(|(c, now)| {
            now.filter(|b| tray.iter().any(|t| crate::register::blanks::same_blank(t, b)))
                .map(|b| (c.so_hieu, b))
        })
        .collect();
    Ok((waiting.into_iter().map(|(c, _)| c).collect(), before))
}

/// Puts the certificates waiting for a reprint on the tray of new blanks starting at `first`,
/// recording each new blank in `tx`.
fn reprint_spoiled(
    tx: &crate::register::Tx<'_>,
    waiting: Vec<CertRow>,
    first: &BlankSerial,
    today: Date,
) -> Result<Chosen, PrintError> {
    let certs: Vec<(usize, i64)> = waiting.iter().enumerate().map(|(i, c)| (i, c.id)).collect();
    let tray = crate::run::issue::put_on_blanks(tx, &certs, Some(first), today, false)?.unwrap_or_default();
    let rows = waiting
        .into_iter()
        .enumerate()
        .filter(|(i, _)| tray.records.contains(i))
        .map(|(_, c)| EntryKey { id: c.id, batch: c.batch, so_hieu: c.so_hieu, status: c.status })
        .collect();
    Ok((rows, tray.range))
}
