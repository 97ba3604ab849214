//! `print`: certificates written again from the register alone — a lost file, a second copy, or
//! a batch too big for one machine shared out with `--shard K/N`. No roster and no private key:
//! each certificate's record, numbers and signed code are in the register, and its template and
//! variables in its batch, so the page is byte for byte the one `issue` wrote.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::batch::{self, BatchConfig, BatchError, BatchReport, Progress, SignedCode};
use crate::error::Origin;
use crate::input::record::{CertRecord, Values};
use crate::register::blanks::BlankSerial;
use crate::register::{CertRow, Register, RegisterError, Status};
use crate::template::{Template, TemplateError};
use crate::viet::Date;

/// Which certificates to print.
#[derive(Debug, Clone, Default)]
pub struct PrintOptions {
    /// Only this batch.
    pub batch: Option<String>,
    /// Only these serials (as printed; case, spaces and hyphens aside).
    pub serials: Vec<String>,
    /// Every N-th certificate starting at the K-th (1-based): `(K, N)`.
    pub shard: Option<(usize, usize)>,
    /// `--reprint-spoiled --blanks FIRST`: the certificates whose blank was spoiled, on the
    /// tray of new blanks starting at FIRST (recorded before anything is written).
    pub reprint_spoiled: Option<BlankSerial>,
    /// `--offset X,Y` (mm).
    pub offset_mm: Option<(f32, f32)>,
    /// `--merged-pages N`.
    pub merged_pages: Option<usize>,
}

/// What `print` wrote.
#[derive(Debug)]
pub struct Printed {
    /// Per batch.
    pub reports: Vec<BatchReport>,
    /// With `--reprint-spoiled`: the first and last new blank (none when nothing waited).
    pub tray: Option<(String, String)>,
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
    Blanks(#[from] crate::register::issue::IssueError),
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
            PrintError::Damaged { .. } => Some(crate::t!("hint-print-audit")),
        }
    }
}

fn fold(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_lowercase).collect()
}

/// The certificates `opts` asks for: issued ones (a revoked or replaced certificate is never
/// printed again), in the order they were registered, then the shard.
fn chosen(reg: &Register, opts: &PrintOptions) -> Result<Vec<CertRow>, PrintError> {
    if opts.serials.is_empty() {
        // Streamed: every N-th issued certificate is kept as it goes by.
        let mut i = 0usize;
        return Ok(reg.entries_where(opts.batch.as_deref(), |r| {
            if r.status != Status::Issued {
                return false;
            }
            i += 1;
            opts.shard.is_none_or(|(k, n)| (i - 1) % n == k - 1)
        })?);
    }
    let rows: Vec<CertRow> =
        reg.entries(opts.batch.as_deref())?.into_iter().filter(|r| r.status == Status::Issued).collect();
    let rows = {
        let mut out = Vec::new();
        for s in &opts.serials {
            match rows.iter().find(|r| fold(&r.so_hieu) == fold(s)) {
                Some(r) if !out.iter().any(|o: &CertRow| o.id == r.id) => out.push(r.clone()),
                Some(_) => {}
                None => return Err(PrintError::NoSerial { serial: s.clone() }),
            }
        }
        out.sort_by_key(|r| r.id);
        out
    };
    Ok(match opts.shard {
        Some((k, n)) => {
            rows.into_iter().enumerate().filter(|(i, _)| i % n == k - 1).map(|(_, r)| r).collect()
        }
        None => rows,
    })
}

/// Writes the chosen certificates again into `out_dir` (under the names `issue` gave them)
/// and/or the print file `merged`, exactly as `issue` wrote them.
pub fn print(
    reg: &mut Register,
    opts: &PrintOptions,
    out_dir: Option<&Path>,
    merged: Option<&Path>,
    today: Date,
    progress: &dyn Progress,
) -> Result<Printed, PrintError> {
    let (rows, tray) = match &opts.reprint_spoiled {
        None => (chosen(reg, opts)?, None),
        Some(first) => reprint_spoiled(reg, opts, first, today)?,
    };
    // Each batch's entries, in the order they came: an entry is let go as soon as its record
    // is made (its content and code text are kilobytes; a shard of 20,000 held them all while
    // it printed).
    let mut batches: Vec<(String, Vec<CertRow>)> = Vec::new();
    for r in rows {
        match batches.iter_mut().find(|(name, _)| *name == r.batch) {
            Some((_, mine)) => mine.push(r),
            None => batches.push((r.batch.clone(), vec![r])),
        }
    }
    if merged.is_some() && batches.len() > 1 {
        return Err(PrintError::SeveralBatches {
            batches: batches.into_iter().map(|(name, _)| name).collect(),
        });
    }
    let mut reports = Vec::new();
    for (name, mine) in batches {
        let Some((batch, vars_json)) = reg.batch_issued(&name)? else { continue };
        let template = Template::load(&batch.template)?;
        let vars: BTreeMap<String, String> = crate::util::json::string_map(&vars_json).unwrap_or_default();
        let host = vars.get("host").cloned().unwrap_or_default();
        let mut cfg = BatchConfig::new(template, vars, BTreeMap::new(), today)?;
        cfg.set_issue_date(batch.issue_date);
        cfg.offset_mm = opts.offset_mm;
        cfg.merged_pages = opts.merged_pages;
        cfg.signer = Some(batch::Signer::for_printing(host, &cfg.template)?);
        let file: std::sync::Arc<str> = batch.roster_file.as_str().into();
        let mut records = Vec::with_capacity(mine.len());
        let mut keys: std::sync::Arc<[String]> = std::sync::Arc::new([]);
        // Each certificate by its serial, with its place in the register's order: record numbers
        // repeat within a batch that several rosters added to (`--batch`), serials never do.
        let mut known: HashMap<String, (usize, Option<String>, SignedCode)> = HashMap::new();
        for (place, r) in mine.into_iter().enumerate() {
            let mut values = crate::util::json::string_map(&r.record_json)
                .ok_or_else(|| PrintError::Damaged { serial: r.so_hieu.clone() })?;
            values.remove("(template)");
            values.insert("so_hieu".into(), r.so_hieu.clone());
            values.insert("so_vao_so".into(), r.so_vao_so.clone().unwrap_or_default());
            let (code, _) = SignedCode::from_registered(&r.qr_text)
                .ok_or_else(|| PrintError::Damaged { serial: r.so_hieu.clone() })?;
            let record = r.record_no as usize;
            let name = r
                .pdf
                .as_ref()
                .and_then(|(p, _)| PathBuf::from(p).file_name().map(|n| n.to_string_lossy().into_owned()));
            known.insert(r.so_hieu.clone(), (place, name, code));
            let origin = Origin { file: file.clone(), record, line: record as u64 + 1 };
            let values = Values::from_map(values, &mut keys);
            records.push(CertRecord { origin, values, columns: Default::default(), notes: Vec::new() });
        }
        let mut plan = batch::check_records(records, Vec::new(), &cfg, progress);
        if !plan.problems.is_empty() {
            return Err(BatchError::Invalid { records: plan.invalid_records, problems: plan.problems }.into());
        }
        let mut places = Vec::with_capacity(plan.records.len());
        for p in &mut plan.records {
            let serial = p.record.values.get("so_hieu").cloned().unwrap_or_default();
            let (place, name, code) =
                known.remove(&serial).ok_or_else(|| PrintError::Damaged { serial: serial.clone() })?;
            if let Some(n) = name {
                p.file_name = n;
            }
            p.code = Some(code);
            places.push(place);
        }
        // In the order `issue` printed them (its `--sort`, kept as the register's order), not
        // in roster order: the print file is the one `issue` wrote.
        let mut order: Vec<usize> = (0..plan.records.len()).collect();
        order.sort_by_key(|&i| places[i]);
        let mut slots: Vec<Option<batch::PlannedRecord>> = plan.records.into_iter().map(Some).collect();
        plan.records = order.into_iter().filter_map(|i| slots[i].take()).collect();
        reports.push(batch::write_plan(plan, &cfg, out_dir, merged, progress)?);
    }
    Ok(Printed { reports, tray })
}

/// The certificates to print, and the tray's first and last blank (a reprint on blanks).
type Chosen = (Vec<CertRow>, Option<(String, String)>);

/// The certificates waiting for a reprint because their blank was spoiled (of `opts.batch`,
/// and of `opts.serials` if given), put on the tray of new blanks starting at `first` and
/// recorded, in one transaction, before anything is written.
fn reprint_spoiled(
    reg: &mut Register,
    opts: &PrintOptions,
    first: &BlankSerial,
    today: Date,
) -> Result<Chosen, PrintError> {
    let mut waiting: Vec<CertRow> =
        reg.spoiled_certificates(opts.batch.as_deref())?.into_iter().map(|(c, _)| c).collect();
    if !opts.serials.is_empty() {
        waiting.retain(|c| opts.serials.iter().any(|s| fold(s) == fold(&c.so_hieu)));
    }
    let tx = reg.transaction()?;
    let certs: Vec<(usize, i64)> = waiting.iter().enumerate().map(|(i, c)| (i, c.id)).collect();
    let tray = crate::register::issue::put_on_blanks(&tx, &certs, Some(first), today)?.unwrap_or_default();
    tx.commit()?;
    let rows =
        waiting.into_iter().enumerate().filter(|(i, _)| tray.records.contains(i)).map(|(_, c)| c).collect();
    Ok((rows, tray.range))
}
