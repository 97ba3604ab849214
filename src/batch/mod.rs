//! The batch: roster + template + variables → checked records → PDF files, in roster order.
//!
//! Plan sequentially, check everything, then render in parallel:
//! 1. map columns and normalise every row (cheap; fixes the order of records and problems);
//! 2. render and lay out every record once without writing, to find every problem — a missing
//!    glyph, a text that does not fit — and plan the file names;
//! 3. only if nothing is wrong (or `skip_invalid`), write the files in parallel with rayon,
//!    atomically, and then the merged print file.
//!
//! Layouts are recomputed in step 3 rather than kept from step 2, so memory stays flat however
//! long the roster is; laying out costs a small fraction of writing a PDF.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{IoError, Origin, Problem, RecordError};
use crate::input::fields;
use crate::input::record::{self, CertRecord, ColumnError};
use crate::input::roster::Roster;
use crate::render::layout::{self, LayoutError, PageLayout, QrContent, Shrunk};
use crate::render::pdf::{self, PdfError, PdfMeta, Resources};
use crate::seal::claims::{Claims, TextForm};
use crate::seal::qr;
use crate::seal::sign::PrivateKey;
use crate::seal::token;
use crate::template::{ElementKind, RenderError, Template, TemplateError, PT_PER_MM};
use crate::util::files;
use crate::viet::Date;

/// The variable that holds the issue date (ISO `YYYY-MM-DD`).
pub const ISSUE_DATE_VAR: &str = "ngay_cap";

/// Everything a batch needs besides the roster.
pub struct BatchConfig {
    /// The template.
    pub template: Template,
    /// Batch variables: the template's defaults overlaid with `--vars` and `--set`.
    pub vars: BTreeMap<String, String>,
    /// The issue date: from `ngay_cap`, else the day the caller says is today.
    pub issue_date: Date,
    /// Whether `ngay_cap` was given (a rerun of a registered batch otherwise keeps its date).
    pub issue_date_given: bool,
    /// Write the valid records and list the others, instead of refusing the batch.
    pub skip_invalid: bool,
    /// `--allow-duplicates`: two records of one name and date of birth are two people (without
    /// it, a person is issued once: see [`DUPLICATE_MARK_COLUMNS`] for marking single records).
    pub allow_duplicates: bool,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// For `issue`: the key that signs and the host of the verification URL. `None` makes drafts.
    pub signer: Option<Signer>,
    /// The order of the print run (the merged file and the files' progress).
    pub sort: crate::input::order::SortOrder,
    /// `--offset X,Y` (mm): where this printer puts the page, over the template's `[print]`.
    pub offset_mm: Option<(f32, f32)>,
    /// `render --grid`: a template author's proof with a 10 mm grid and labelled boxes.
    pub grid: bool,
    /// `--merged-pages N`: print files of at most N pages, `FILE-001.pdf`, `FILE-002.pdf`, …
    /// (each file is built in memory: this bounds the memory of a large run).
    pub merged_pages: Option<usize>,
    /// `--esign`: the electronic signature every file gets (issue 31; `None`: unsigned).
    pub esign: Option<std::sync::Arc<crate::esign::Job>>,
}

/// What `issue` signs with.
pub struct Signer {
    /// The signing key (`None` when printing again from the register: every code is known).
    pub key: Option<PrivateKey>,
    /// The verification host (from the trust manifest).
    pub host: String,
    /// Printed width of the QR symbol, in mm (from the template's qr element).
    pub width_mm: f32,
    /// The signing date every code carries (claim 15, days since 1970-01-01), which lets
    /// verifiers check it against the key's window. Not optional: a verifier refuses a code
    /// without it from any key begun since [`crate::seal::verify::SIGNING_DATE_REQUIRED_FROM`].
    pub signing_date: i64,
    /// Every key of the issuer's manifest: a registered code signed by one of them is still
    /// this issuer's (a rotation changes no certificate).
    pub issuer_kids: Vec<[u8; 4]>,
    /// `https://HOST/c#`, made once: every code of a batch shares it.
    prefix: std::sync::Arc<str>,
}

impl Signer {
    /// A signer for `template`, whose qr element fixes the printed width, writing `signing_day`
    /// as every code's signing date (claim 15).
    pub fn new(
        key: PrivateKey,
        host: String,
        template: &Template,
        signing_day: crate::viet::Date,
    ) -> Result<Signer, BatchError> {
        let width_pt = template
            .elements
            .iter()
            .find_map(|e| match &e.kind {
                ElementKind::Qr { rect, .. } => Some(rect.w),
                _ => None,
            })
            .ok_or_else(|| {
                BatchError::Template(TemplateError::Invalid {
                    file: template.file.clone(),
                    message: crate::t!("batch-no-qr-element"),
                })
            })?;
        if template.claim_names.is_empty() {
            return Err(BatchError::Template(TemplateError::Invalid {
                file: template.file.clone(),
                message: crate::t!("batch-no-claims"),
            }));
        }
        // Its own key is the issuer's, whatever else the manifest lists.
        let issuer_kids = vec![key.public().kid];
        let prefix = token::url_prefix(&host).into();
        Ok(Signer {
            key: Some(key),
            host,
            width_mm: width_pt / PT_PER_MM,
            signing_date: signing_day.days(),
            issuer_kids,
            prefix,
        })
    }

    /// A signer without a key, for printing certificates whose codes the register holds: it
    /// draws codes, and signs none.
    pub fn for_printing(host: String, template: &Template) -> Result<Signer, BatchError> {
        let key = PrivateKey::generate();
        // It signs nothing, so no code carries this date.
        let mut s = Signer::new(key, host, template, crate::viet::Date::from_days(0))?;
        s.key = None;
        Ok(s)
    }

    /// The claims as signed: with the signing date.
    fn dated(&self, claims: &Claims) -> Claims {
        Claims { signing_date: Some(self.signing_date), ..claims.clone() }
    }

    /// What can go wrong with a record's code, found without signing or building the symbol:
    /// the claims must be valid and the code must fit its printed size (the signature's length
    /// is fixed, so the digit count is known).
    pub fn check(&self, claims: &Claims) -> Result<(), RecordError> {
        let prefix = &self.prefix;
        let claims = &self.dated(claims);
        let mut last = None;
        for form in [TextForm::Utf8, TextForm::Windows1258] {
            let cbor = claims.encode(form).map_err(|e| RecordError::Claim(e.into()))?;
            let digits = token::digit_count(5 + cbor.len() + token::SIG_LEN);
            match qr::fits(prefix, digits, self.width_mm) {
                Ok(()) => return Ok(()),
                Err(e) => last = Some(e),
            }
        }
        Err(RecordError::QrTooLarge { message: last.expect("two forms were tried").to_string() })
    }

    /// Signs one record's claims: UTF-8 text first, the shorter windows-1258 text form when that
    /// is what makes the code fit its printed size (docs/spec/verification-qr.md §3.3). Deterministic (RFC 6979): the
    /// same claims always give the same code.
    pub fn sign(&self, claims: &Claims) -> Result<SignedCode, RecordError> {
        let prefix = &self.prefix;
        let claims = &self.dated(claims);
        let mut last = None;
        for form in [TextForm::Utf8, TextForm::Windows1258] {
            let cbor = claims.encode(form).map_err(|e| RecordError::Claim(e.into()))?;
            let digits = token::digit_count(5 + cbor.len() + token::SIG_LEN);
            if let Err(e) = qr::fits(prefix, digits, self.width_mm) {
                last = Some(e);
                continue;
            }
            let Some(key) = &self.key else {
                return Err(RecordError::Template {
                    element: "qr".into(),
                    message: crate::t!("batch-no-signing-key"),
                });
            };
            let tok = key.sign_claims(cbor);
            return Ok(SignedCode {
                prefix: prefix.clone(),
                rid: crate::seal::sign::revocation_id(&tok.sig),
                token: tok.to_bytes(),
            });
        }
        Err(RecordError::QrTooLarge { message: last.expect("two forms were tried").to_string() })
    }
}

/// One signed certificate code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCode {
    /// `https://HOST/c#` (one for a whole batch: see [`Signer`]).
    pub prefix: std::sync::Arc<str>,
    /// The revocation id (docs/spec/verification-qr.md §3.6).
    pub rid: [u8; 16],
    /// The blob: header, key id, claims, signature. Its digits are made when asked — a batch
    /// holds every code, and the digits took two and a half times the blob's bytes.
    token: Vec<u8>,
}

impl SignedCode {
    /// The digits the QR text carries after `#`.
    pub fn digits(&self) -> String {
        token::to_digits(&self.token)
    }

    /// The whole QR text: `https://HOST/c#DIGITS` (made when asked).
    pub fn url(&self) -> String {
        format!("{}{}", self.prefix, self.digits())
    }

    /// The signed claims (deterministic CBOR), as the blob carries them.
    pub fn claims_cbor(&self) -> &[u8] {
        &self.token[5..self.token.len() - token::SIG_LEN]
    }

    /// The code a register keeps for a certificate, from its QR text, with the claims it signs.
    /// `None` for a text that is no code, or whose digits are not the ones its blob gives.
    pub fn from_registered(qr_text: &str) -> Option<(SignedCode, Claims)> {
        let parsed = token::Token::parse(qr_text).ok()?;
        let (head, digits) = qr_text.split_once('#')?;
        let claims = Claims::decode(&parsed.claims).ok()?;
        let code = SignedCode {
            prefix: format!("{head}#").into(),
            rid: crate::seal::sign::revocation_id(&parsed.sig),
            token: parsed.to_bytes(),
        };
        (code.digits() == digits).then_some((code, claims))
    }
}

/// Why a batch stopped before writing anything (or, for `Io`/`Pdf`, while writing).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The template is unusable.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The roster lacks required columns, or has one that would be read wrong.
    #[error(transparent)]
    Columns(#[from] ColumnError),
    /// Records are invalid; nothing was written.
    #[error("{}", crate::t!("err-batch-invalid", problems = .problems.len(), records = *.records))]
    Invalid {
        /// Every problem, in roster order.
        problems: Vec<Problem>,
        /// How many records have problems.
        records: usize,
    },
    /// A variable is wrong.
    #[error("{}", crate::t!("err-batch-var", name = format!("{}", .name), message = format!("{}", .message)))]
    Var {
        /// The variable.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// A variable the template does not know.
    #[error("{}", crate::t!("err-batch-unknown-var", name = format!("{}", .name), given_by = format!("{}", .given_by)))]
    UnknownVar {
        /// The name given.
        name: String,
        /// `--set` or `--vars`.
        given_by: &'static str,
        /// The known names nearest to it.
        near: Vec<String>,
        /// Every name the template knows.
        known: Vec<String>,
    },
    /// Variables still holding the template's placeholder text.
    #[error("{}", crate::t!("err-batch-placeholders", left = format!("{}", .0.iter().map(|(k, v)| format!("{k} = {v:?}")).collect::<Vec<_>>().join(", "))))]
    Placeholders(Vec<(String, String)>),
    /// Required variables nothing gives: (name, label).
    #[error("{}", crate::t!("err-batch-vars-missing", left = format!("{}", .0.iter().map(|(k, l)| format!("{l} ({k})")).collect::<Vec<_>>().join(", "))))]
    VarsMissing(Vec<(String, String)>),
    /// Reading or writing a file failed.
    #[error(transparent)]
    Io(#[from] IoError),
    /// The roster could not be read again (a roster read as a stream).
    #[error(transparent)]
    Roster(#[from] crate::input::roster::RosterError),
    /// The register failed while the records to write were fetched from it (see [`Records`]).
    #[error(transparent)]
    Register(Box<crate::register::RegisterError>),
    /// A PDF could not be made.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// A print file is there already, and the run would write other bytes over it (or remove
    /// it, a part of an earlier, longer run): never without `--replace-merged`.
    #[error("{}", match .change {
        PrintFileChange::Content => crate::t!("err-print-file-differs", file = .path.display().to_string()),
        PrintFileChange::Removed => crate::t!("err-print-file-stale-part", file = .path.display().to_string()),
    })]
    PrintFileDiffers {
        /// The file.
        path: PathBuf,
        /// How it would change.
        change: PrintFileChange,
        /// How many other print files of the run would change too.
        others: usize,
    },
}

impl From<crate::register::RegisterError> for BatchError {
    fn from(e: crate::register::RegisterError) -> Self {
        BatchError::Register(Box::new(e))
    }
}

impl BatchError {
    /// The refusal for print files that would change, if any would (see [`print_files_now`]).
    pub fn print_files_differ(now: &PrintFilesNow) -> Option<BatchError> {
        let (path, change) = now.different.first()?.clone();
        Some(BatchError::PrintFileDiffers { path, change, others: now.different.len() - 1 })
    }
}

impl BatchError {
    /// What the user can do about it. (Each of [`BatchError::Invalid`]'s problems has its own.)
    pub fn hint(&self) -> Option<String> {
        match self {
            BatchError::Template(t) => t.hint(),
            BatchError::Columns(m) => Some(m.hint()),
            BatchError::UnknownVar { near, known, .. } => Some(match near.as_slice() {
                [] => crate::t!("hint-batch-known", known = known.join(", ")),
                near => crate::t!("hint-batch-near", near = near.join(" / "), known = known.join(", ")),
            }),
            BatchError::Placeholders(left) => {
                left.first().map(|(name, _)| crate::t!("hint-batch-placeholders", name = name.as_str()))
            }
            BatchError::VarsMissing(left) => {
                left.first().map(|(name, _)| crate::t!("var-missing-hint", name = name.as_str()))
            }
            BatchError::Var { .. } => Some(crate::t!("hint-batch-var")),
            BatchError::Roster(r) => r.hint(),
            BatchError::Register(r) => r.hint(),
            BatchError::Pdf(p) => p.hint(),
            BatchError::PrintFileDiffers { others, .. } => {
                Some(crate::t!("hint-print-file-differs", others = *others))
            }
            _ => None,
        }
    }
}

/// Progress lives with the workflows (`run::progress`); batch reports through it.
pub use crate::run::progress::{NoProgress, Phase, Progress};

impl BatchConfig {
    /// The template's placeholder variables that still hold its placeholder text for this
    /// roster: neither the --vars file, --set, nor a roster column of that name replaced them.
    pub fn placeholders_left(&self, roster: &Roster) -> Vec<(String, String)> {
        self.template
            .placeholders
            .iter()
            .filter(|name| self.vars.get(*name) == self.template.vars.get(*name))
            .filter(|name| !roster.headers.iter().any(|h| crate::viet::fold_key(h) == **name))
            .map(|name| (name.clone(), self.vars.get(name).cloned().unwrap_or_default()))
            .collect()
    }

    /// The template's required variables (`[required_vars]`) that nothing gives for this roster,
    /// as (name, label): no value in the --vars file or --set, and no roster column of that
    /// name. One whose `when` variable has no value is not required.
    pub fn required_vars_missing(&self, roster: &Roster) -> Vec<(String, String)> {
        let column = |name: &str| roster.headers.iter().any(|h| crate::viet::fold_key(h) == name);
        let given = |name: &str| self.vars.get(name).is_some_and(|v| !v.trim().is_empty()) || column(name);
        self.template
            .required_vars
            .iter()
            .filter(|(name, var)| !given(name) && var.when.as_deref().is_none_or(given))
            .map(|(name, var)| (name.clone(), var.label.clone()))
            .collect()
    }

    /// Layers the variables (template defaults < `file_vars` < `set_vars`) and fixes the issue
    /// date: `ngay_cap` if given (ISO or dd/mm/yyyy), else `today`.
    pub fn new(
        template: Template,
        file_vars: BTreeMap<String, String>,
        set_vars: BTreeMap<String, String>,
        today: Date,
    ) -> Result<BatchConfig, BatchError> {
        // A misspelt name (`--set nguoi_kyy=…`) would be ignored and the certificate printed
        // with the template's text: refused, with the names meant.
        let known: Vec<&str> = template
            .vars
            .keys()
            .chain(template.fields.keys())
            .chain(template.required_vars.keys())
            .map(String::as_str)
            .chain([ISSUE_DATE_VAR, "mau_so_hieu", "mau_so_vao_so"])
            .collect();
        for (given_by, map) in [("--vars", &file_vars), ("--set", &set_vars)] {
            if let Some(name) = map.keys().find(|k| !known.contains(&k.as_str())) {
                let near = crate::util::text::nearest(name, known.iter().copied(), 3);
                let mut all = known.clone();
                all.sort_unstable();
                all.dedup();
                return Err(BatchError::UnknownVar {
                    name: name.clone(),
                    given_by,
                    near: near.into_iter().map(str::to_string).collect(),
                    known: all.into_iter().map(str::to_string).collect(),
                });
            }
        }
        let mut vars = template.vars.clone();
        vars.extend(file_vars);
        vars.extend(set_vars);
        // A required variable nobody gave is asked for before anything is drawn
        // (`required_vars_missing`); empty meanwhile, so that an expression naming it never fails.
        for name in template.required_vars.keys() {
            vars.entry(name.clone()).or_default();
        }
        let given = vars.get(ISSUE_DATE_VAR).is_some_and(|s| !s.trim().is_empty());
        let issue_date = match vars.get(ISSUE_DATE_VAR).map(|s| s.trim()).filter(|s| !s.is_empty()) {
            None => today,
            Some(s) => Date::parse_any(s).ok_or_else(|| BatchError::Var {
                name: ISSUE_DATE_VAR.into(),
                message: crate::t!("batch-issue-date-not-date", value = format!("{s:?}")),
            })?,
        };
        let mut cfg = BatchConfig {
            template,
            vars,
            issue_date,
            issue_date_given: given,
            skip_invalid: false,
            allow_duplicates: false,
            jobs: None,
            signer: None,
            sort: crate::input::order::SortOrder::Roster,
            offset_mm: None,
            grid: false,
            merged_pages: None,
            esign: None,
        };
        cfg.set_issue_date(issue_date);
        Ok(cfg)
    }

    /// Fixes the issue date (a rerun of a registered batch keeps the date it was issued on).
    pub fn set_issue_date(&mut self, d: Date) {
        self.issue_date = d;
        self.vars.insert(ISSUE_DATE_VAR.into(), d.iso());
    }

    /// The values one record's template sees: batch variables, overlaid by the record's
    /// non-empty fields (a roster column is specific to its record, so it wins).
    pub fn values_for(&self, rec: &CertRecord) -> BTreeMap<String, String> {
        let mut v = self.vars.clone();
        for (k, val) in &rec.values {
            if !val.is_empty() || !v.contains_key(k) {
                v.insert(k.clone(), val.clone());
            }
        }
        v
    }
}

/// A record that passed every check, with its planned file name.
#[derive(Debug, Clone)]
pub struct PlannedRecord {
    /// The record.
    pub record: CertRecord,
    /// Its file name inside the output folder.
    pub file_name: String,
    /// The SHA-256 (hex) its file had when last written, if known: a file that still has it is
    /// left as it is, without being made again.
    pub expected_sha256: Option<String>,
    /// Its signed code, when it was signed before writing (issue).
    pub code: Option<SignedCode>,
}

/// The outcome of checking a whole roster.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The valid records, in roster order.
    pub records: Vec<PlannedRecord>,
    /// Every problem, in roster order.
    pub problems: Vec<Problem>,
    /// How many records have problems.
    pub invalid_records: usize,
    /// Texts set smaller than the template asks, to fit (in roster order).
    pub shrunk: Vec<(Origin, Shrunk)>,
    /// What was read generously and is said (in roster order): words repaired from a code page.
    pub notes: Vec<Problem>,
}

/// One certificate's file after a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertFile {
    /// The record it is for.
    pub origin: Origin,
    /// The file.
    pub path: PathBuf,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
    /// Whether this run wrote it (false: it already had exactly these bytes and was left alone).
    pub written: bool,
}

/// How many certificates' files a batch left in its folder. The files themselves go to
/// [`Records::wrote`] a block at a time: 100,000 paths and hashes kept to the end were 20 MB.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilesWritten {
    /// Written by this run.
    pub written: usize,
    /// Found up to date (already exactly these bytes) and left alone.
    pub kept: usize,
    /// The first one, in print order.
    pub first: Option<PathBuf>,
}

impl FilesWritten {
    /// Written and kept.
    pub fn total(&self) -> usize {
        self.written + self.kept
    }

    fn add(&mut self, files: &[CertFile]) {
        if self.first.is_none() {
            self.first = files.first().map(|f| f.path.clone());
        }
        let written = files.iter().filter(|f| f.written).count();
        self.written += written;
        self.kept += files.len() - written;
    }
}

/// What a batch wrote.
#[derive(Debug, Clone)]
pub struct BatchReport {
    /// The certificates' files: how many were written now or found up to date.
    pub files: FilesWritten,
    /// The merged print file, if asked for (with `--merged-pages`, the name its parts are
    /// numbered from).
    pub merged: Option<PathBuf>,
    /// The print files written: the merged file, or its parts.
    pub merged_files: Vec<PathBuf>,
    /// Pages in the merged print file.
    pub merged_pages: usize,
    /// Whether the print files were there already with exactly these bytes, and left alone.
    pub merged_kept: bool,
    /// Problems of the records that were skipped (`skip_invalid`).
    pub skipped: Vec<Problem>,
    /// How many records were skipped.
    pub skipped_records: usize,
    /// Whether the files are PDF/A-2b.
    pub pdf_a: bool,
    /// Texts set smaller than the template asks, to fit (in roster order).
    pub shrunk: Vec<(Origin, Shrunk)>,
    /// What was read generously and is said (in roster order).
    pub notes: Vec<Problem>,
}

/// Stages 1–4 for every record, writing nothing: every problem, and a plan for the valid ones.
pub fn check(roster: &Roster, cfg: &BatchConfig, progress: &dyn Progress) -> Result<Plan, BatchError> {
    let (records, problems) = records(roster, cfg)?;
    Ok(check_records(records, problems, cfg, progress))
}

/// Stage 2 for every row: the normalised records, in roster order, and the problems of the
/// others (including a repeated value of a field that must be unique, naming both records).
pub fn records(roster: &Roster, cfg: &BatchConfig) -> Result<(Vec<CertRecord>, Vec<Problem>), BatchError> {
    let map = record::map_columns(roster, &cfg.template)?;
    records_of(roster.len(), roster.rows()?, roster.problems.clone(), &map, cfg)
}

/// [`records`], taking the roster's rows and letting each go as soon as it is a record: a
/// roster of 100,000 rows is never held twice, as rows and as records.
pub fn take_records(
    roster: &mut Roster,
    cfg: &BatchConfig,
) -> Result<(Vec<CertRecord>, Vec<Problem>), BatchError> {
    let map = record::map_columns(roster, &cfg.template)?;
    records_of(roster.len(), roster.take_rows()?, roster.problems.clone(), &map, cfg)
}

fn records_of(
    len: usize,
    rows: crate::input::roster::Rows<'_>,
    problems: Vec<Problem>,
    map: &record::ColumnMap,
    cfg: &BatchConfig,
) -> Result<(Vec<CertRecord>, Vec<Problem>), BatchError> {
    let mut stage = Stage2::new(rows, problems, map, cfg, cfg.issue_date);
    let mut records = Vec::with_capacity(len);
    for rec in stage.by_ref() {
        records.push(rec?);
    }
    Ok((records, stage.problems))
}

/// Stage 2, a row at a time: the valid records of a roster's rows, in roster order; the
/// problems of the others gather in `problems` (including a repeated value of a field that
/// must be unique, naming both records). The same rows give the same records, each time.
pub struct Stage2<'r, 'c> {
    rows: crate::input::roster::Rows<'r>,
    map: &'c record::ColumnMap,
    issue_date: crate::viet::Date,
    /// Rows the reading found wrong: no record of theirs is valid.
    bad_rows: std::collections::HashSet<usize>,
    unique: UniqueValues<'c>,
    people: People,
    /// The problems so far (starting with the reading's).
    pub problems: Vec<Problem>,
}

impl<'r, 'c> Stage2<'r, 'c> {
    /// Stage 2 over `rows`, whose reading found `problems`; dates of birth are bounded by
    /// `issue_date`.
    pub fn new(
        rows: crate::input::roster::Rows<'r>,
        problems: Vec<Problem>,
        map: &'c record::ColumnMap,
        cfg: &'c BatchConfig,
        issue_date: crate::viet::Date,
    ) -> Self {
        let bad_rows = problems.iter().map(|p| p.origin.record).collect();
        let people = People::new(cfg);
        Stage2 { rows, map, issue_date, bad_rows, unique: UniqueValues::new(cfg), people, problems }
    }
}

impl Stage2<'_, '_> {
    /// Stage 2 without looking for repeated unique values or people: for a reading after one
    /// that found them, whose caller leaves those records out itself.
    pub fn without_unique_check(mut self) -> Self {
        self.unique = UniqueValues { fields: Vec::new(), first: std::collections::HashMap::new() };
        self.people = People { on: false, allow: true, first: std::collections::HashMap::new() };
        self
    }
}

impl Iterator for Stage2<'_, '_> {
    type Item = Result<CertRecord, BatchError>;

    fn next(&mut self) -> Option<Self::Item> {
        for row in self.rows.by_ref() {
            let row = match row {
                Ok(row) => row,
                Err(e) => return Some(Err(e.into())),
            };
            match record::normalize(&row, self.map, self.issue_date) {
                Ok(rec) if !self.bad_rows.contains(&rec.origin.record) => {
                    match (self.unique.repeated(&rec), self.people.repeated(&rec)) {
                        (None, None) => return Some(Ok(rec)),
                        (a, b) => self.problems.extend(a.into_iter().flatten().chain(b)),
                    }
                }
                Ok(_) => {}
                Err(mut p) => self.problems.append(&mut p),
            }
        }
        None
    }
}

/// The values of the fields that must be unique (serials) seen so far, each with the record
/// that first used it. A value is kept as 128 bits of its SHA-256, not as text: a million
/// serials are 40 MB so, and two different ones sharing a digest is beyond any roster.
struct UniqueValues<'c> {
    fields: Vec<&'c str>,
    /// Record and line (a roster under 512 MB has fewer than 2³² of either).
    first: std::collections::HashMap<u128, (u32, u32)>,
}

impl<'c> UniqueValues<'c> {
    fn new(cfg: &'c BatchConfig) -> Self {
        let fields = cfg.template.fields.iter().filter(|(_, f)| f.unique).map(|(k, _)| k.as_str()).collect();
        UniqueValues { fields, first: std::collections::HashMap::new() }
    }

    /// The problems of a record repeating a value an earlier one used (and nothing if it repeats
    /// none); the values it uses first are its from then on. Records come in roster order.
    fn repeated(&mut self, rec: &CertRecord) -> Option<Vec<Problem>> {
        let mut problems = Vec::new();
        for (i, key) in self.fields.iter().enumerate() {
            let Some(v) = rec.values.get(key).filter(|v| !v.is_empty()) else { continue };
            let mut text = Vec::with_capacity(v.len() + 9);
            text.extend_from_slice(&(i as u64).to_le_bytes());
            text.push(0);
            text.extend_from_slice(v.as_bytes());
            let id = fingerprint(&text);
            match self.first.entry(id) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    let (record, line) = *e.get();
                    let first = Origin {
                        file: rec.origin.file.clone(),
                        record: record as usize,
                        line: u64::from(line),
                    };
                    problems.push(Problem::new(
                        rec.origin.clone(),
                        rec.columns.get(*key).cloned(),
                        RecordError::Duplicate { value: v.clone(), first },
                    ));
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert((rec.origin.record as u32, rec.origin.line as u32));
                }
            }
        }
        (!problems.is_empty()).then_some(problems)
    }
}

pub use crate::input::record::DUPLICATE_MARK_COLUMNS;

/// Whether `rec` is marked as another person than those of its name and date of birth before
/// it: any value in a [`DUPLICATE_MARK_COLUMNS`] column but a "no" ("không", "0").
pub fn marked_as_other_person(rec: &CertRecord) -> bool {
    DUPLICATE_MARK_COLUMNS.iter().filter_map(|k| rec.values.get(k)).any(|v| {
        let v = crate::viet::fold_key(v);
        !v.is_empty() && !matches!(v.as_str(), "khong" | "k" | "0" | "no")
    })
}

/// A record's person (folded name and date of birth, see [`crate::viet::person_key`]), when it
/// is to be told apart from others: not with `--allow-duplicates`, not when marked.
pub fn person_of(cfg: &BatchConfig, rec: &CertRecord) -> Option<String> {
    if cfg.allow_duplicates || marked_as_other_person(rec) {
        return None;
    }
    let v = |k: &str| rec.values.get(k).map(String::as_str).unwrap_or("");
    crate::viet::person_key(v(fields::HO_TEN), v(fields::NGAY_SINH))
}

/// The people (folded name and date of birth) of the records seen so far, each with the record
/// that was first: a second record of one person is a problem naming both. Kept as
/// [`fingerprint`]s, as [`UniqueValues`] keeps serials.
struct People {
    on: bool,
    allow: bool,
    first: std::collections::HashMap<u128, (u32, u32)>,
}

impl People {
    fn new(cfg: &BatchConfig) -> Self {
        People { on: true, allow: cfg.allow_duplicates, first: std::collections::HashMap::new() }
    }

    /// The problem of a record whose person an earlier record is (nothing otherwise).
    fn repeated(&mut self, rec: &CertRecord) -> Option<Problem> {
        if !self.on || self.allow {
            return None;
        }
        let v = |k: &str| rec.values.get(k).map(String::as_str).unwrap_or("");
        let key = crate::viet::person_key(v(fields::HO_TEN), v(fields::NGAY_SINH))?;
        match self.first.entry(fingerprint(key.as_bytes())) {
            // Marked: another person than the earlier ones, and the first of its own for later
            // records that are not marked.
            std::collections::hash_map::Entry::Occupied(_) if marked_as_other_person(rec) => None,
            std::collections::hash_map::Entry::Occupied(e) => {
                let (record, line) = *e.get();
                let first =
                    Origin { file: rec.origin.file.clone(), record: record as usize, line: u64::from(line) };
                Some(Problem::new(
                    rec.origin.clone(),
                    None,
                    RecordError::SamePerson {
                        first,
                        name: v(fields::HO_TEN).to_string(),
                        born: v(fields::NGAY_SINH).to_string(),
                    },
                ))
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((rec.origin.record as u32, rec.origin.line as u32));
                None
            }
        }
    }
}

/// One record as checked: its file name and the texts shrunk to fit; or its problems.
pub type Laid = Result<(String, Vec<Shrunk>), Vec<Problem>>;

/// Stages 3–4 for a block of records, in parallel, in their order. Each file name is as the
/// template gives it: [`with_safe_name`] makes it one.
pub fn check_block(block: &[CertRecord], cfg: &BatchConfig, progress: &dyn Progress) -> Vec<Laid> {
    block
        .par_iter()
        .map(|rec| {
            let r = prepare(cfg, rec, Pass::Check).map(|(name, (page, _))| (name, page.shrunk));
            progress.advance();
            r
        })
        .collect()
}

/// `laid` (of `rec`, from [`check_block`]) with its file name made safe (not yet told apart
/// from the others'); a name that leaves nothing for a file name is a problem of the record.
/// Called on the thread that keeps the names: made on the workers instead, the names of
/// 100,000 records issued into print files held 49 MB more of freed memory (107 vs 58 MB).
pub fn with_safe_name(rec: &CertRecord, laid: Laid) -> Laid {
    let (name, small) = laid?;
    match files::sanitize(&name) {
        Some(name) => Ok((name, small)),
        None => Err(vec![Problem::new(rec.origin.clone(), None, RecordError::EmptyFileName)]),
    }
}

/// How many records `check_records` lays out before it keeps what it found.
const CHECK_BLOCK: usize = 4096;

/// Stages 3–4 for records that passed stage 2, writing nothing: renders and lays out each one
/// (in parallel), plans file names in roster order, then orders the print run.
pub fn check_records(
    records: Vec<CertRecord>,
    mut problems: Vec<Problem>,
    cfg: &BatchConfig,
    progress: &dyn Progress,
) -> Plan {
    progress.start(Phase::Checking, records.len());
    // A block at a time, each block's file names then copied into one buffer. A name kept as
    // it came from laying its page out sits among the kilobytes that laying out allocated and
    // freed; 100,000 of them, scattered so, kept 100 MB of freed memory from ever being used
    // again (checking 100,000 records: 239 → 140 MB peak RSS).
    let mut names = String::new();
    let mut ends = Vec::with_capacity(records.len());
    let mut checked: Vec<Result<Vec<Shrunk>, Vec<Problem>>> = Vec::with_capacity(records.len());
    for block in records.chunks(CHECK_BLOCK) {
        for (rec, r) in block.iter().zip(check_block(block, cfg, progress)) {
            checked.push(with_safe_name(rec, r).map(|(name, small)| {
                names.push_str(&name);
                small
            }));
            ends.push(names.len());
        }
    }
    progress.finish();

    let mut planned = Vec::with_capacity(records.len());
    let mut shrunk = Vec::new();
    let mut notes = Vec::new();
    let mut start = 0;
    for ((rec, result), end) in records.into_iter().zip(checked).zip(ends) {
        let name = &names[start..end];
        start = end;
        match result {
            Ok(small) => {
                shrunk.extend(small.into_iter().map(|s| (rec.origin.clone(), s)));
                notes.extend(rec.notes.iter().cloned());
                let file_name = name.to_string();
                planned.push(PlannedRecord { record: rec, file_name, expected_sha256: None, code: None })
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    planned.sort_by(|a, b| a.record.origin.cmp(&b.record.origin));
    let mut names: Vec<String> = planned.iter().map(|p| p.file_name.clone()).collect();
    files::pad_leading_numbers(&mut names);
    files::dedupe(&mut names);
    for (p, n) in planned.iter_mut().zip(names) {
        p.file_name = n;
    }
    // Names are settled in roster order (stable across sort orders); then the print run is ordered.
    crate::input::order::sort(&mut planned, cfg.sort, |p| &p.record);
    let (problems, invalid_records) = settle_problems(problems);
    Plan { records: planned, invalid_records, problems, shrunk, notes }
}

/// What checking a roster found: a [`Plan`] without its records.
#[derive(Debug, Clone)]
pub struct Checked {
    /// How many records passed every check.
    pub valid: usize,
    /// Every problem, in roster order.
    pub problems: Vec<Problem>,
    /// How many records have problems.
    pub invalid_records: usize,
    /// Texts set smaller than the template asks, to fit (in roster order).
    pub shrunk: Vec<(Origin, Shrunk)>,
    /// What was read generously and is said (in roster order).
    pub notes: Vec<Problem>,
}

/// Stages 2–4 for every row, as `check` does them, keeping nothing of a record once it is
/// checked: the rows come a block at a time (read again from the file, when the roster is
/// streamed), so a roster of a million rows is checked in the memory of a few thousand (and
/// of its serials, for the repeats). Finds what [`check`] finds.
pub fn check_roster(
    roster: &Roster,
    cfg: &BatchConfig,
    progress: &dyn Progress,
) -> Result<Checked, BatchError> {
    check_roster_with(roster, cfg, progress, &mut |_, _| {})
}

/// [`check_roster`], telling `seen` of each record that reached layout: its file name (before
/// padding and telling repeats apart), or `None` when it has a problem.
fn check_roster_with(
    roster: &Roster,
    cfg: &BatchConfig,
    progress: &dyn Progress,
    seen: &mut dyn FnMut(&CertRecord, Option<&str>),
) -> Result<Checked, BatchError> {
    let map = record::map_columns(roster, &cfg.template)?;
    let mut stage = Stage2::new(roster.rows()?, roster.problems.clone(), &map, cfg, cfg.issue_date);
    let (mut valid, mut shrunk, mut notes, mut problems) = (0, Vec::new(), Vec::new(), Vec::new());
    progress.start(Phase::Checking, roster.len());
    let mut block = Vec::with_capacity(CHECK_BLOCK);
    loop {
        block.clear();
        for rec in stage.by_ref().take(CHECK_BLOCK) {
            block.push(rec?);
        }
        if block.is_empty() {
            break;
        }
        for (rec, result) in block.iter().zip(check_block(&block, cfg, progress)) {
            let result = with_safe_name(rec, result);
            seen(rec, result.as_ref().ok().map(|(name, _)| name.as_str()));
            match result {
                Ok((_, small)) => {
                    valid += 1;
                    shrunk.extend(small.into_iter().map(|s| (rec.origin.clone(), s)));
                    notes.extend(rec.notes.iter().cloned());
                }
                Err(mut p) => problems.append(&mut p),
            }
        }
    }
    progress.finish();
    problems.append(&mut stage.problems);
    let (problems, invalid_records) = settle_problems(problems);
    Ok(Checked { valid, invalid_records, problems, shrunk, notes })
}

/// One record's claims as its template renders them (the signer adds the signing date).
pub fn claims_of(cfg: &BatchConfig, rec: &CertRecord) -> Result<Claims, Vec<Problem>> {
    let values = cfg.values_for(rec);
    let claims = cfg.template.render_claims(&values).map_err(|RenderError { element, message }| {
        vec![Problem::new(rec.origin.clone(), None, RecordError::Template { element, message })]
    })?;
    Claims::from_texts(&claims)
        .map_err(|e| vec![Problem::new(rec.origin.clone(), None, RecordError::Claim(e))])
}

/// Renders one record's claims and signs them: its code as the register keeps it.
pub fn sign_record(cfg: &BatchConfig, rec: &CertRecord) -> Result<SignedCode, Vec<Problem>> {
    let signer = cfg.signer.as_ref().expect("sign_record is for issue, which has a signer");
    let claims = claims_of(cfg, rec)?;
    signer.sign(&claims).map_err(|e| vec![Problem::new(rec.origin.clone(), None, e)])
}

/// Every problem of a run in roster order, repeats collapsed, and how many records they are of.
pub fn settle_problems(mut problems: Vec<Problem>) -> (Vec<Problem>, usize) {
    problems.sort_by(|a, b| a.origin.cmp(&b.origin));
    let mut bad: Vec<&Origin> = problems.iter().map(|p| &p.origin).collect();
    bad.dedup();
    let records = bad.len();
    (collapse_repeats(problems), records)
}

/// 128 bits of a text's SHA-256: what a run keeps of a value it must tell apart from a million
/// others (serials, identities) instead of the text. Two texts sharing them is beyond any roster.
pub fn fingerprint(text: &[u8]) -> u128 {
    let digest = crate::seal::sign::sha256(text);
    let mut id = [0u8; 16];
    id.copy_from_slice(&digest[..16]);
    u128::from_le_bytes(id)
}

/// A problem that does not come from a roster column (a template text, a batch variable, the
/// file name pattern) is the same for every record: list it once, counting the others, instead
/// of once per record.
fn collapse_repeats(problems: Vec<Problem>) -> Vec<Problem> {
    let from_template = |p: &Problem| {
        p.column.is_none()
            && matches!(
                p.error,
                RecordError::Template { .. }
                    | RecordError::TextOverflow { .. }
                    | RecordError::MissingGlyph { .. }
                    | RecordError::EmptyFileName
            )
    };
    let mut out: Vec<Problem> = Vec::with_capacity(problems.len());
    // Where in `out` the first of each such problem is: a few, looked through instead of every
    // problem listed so far (a hundred thousand records each with a bad date of their own).
    let mut firsts: Vec<usize> = Vec::new();
    for p in problems {
        if from_template(&p) {
            if let Some(&i) = firsts.iter().find(|&&i| out[i].element == p.element && out[i].error == p.error)
            {
                out[i].also_in += 1;
                continue;
            }
            firsts.push(out.len());
        }
        out.push(p);
    }
    out
}

/// Whether a record is being checked (everything that can fail, as cheaply as possible) or
/// written (everything, for real; with the code already signed for it, if there is one).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass<'a> {
    Check,
    Write(Option<&'a SignedCode>),
}

/// Renders and lays out one record: its file name and page, or all its problems. With a signer,
/// the record's claims are signed and its QR code drawn (while checking: only whether they can
/// be); otherwise the page is a draft.
fn prepare(
    cfg: &BatchConfig,
    rec: &CertRecord,
    pass: Pass<'_>,
) -> Result<(String, (PageLayout, PdfMeta)), Vec<Problem>> {
    let values = cfg.values_for(rec);
    let fields = cfg.template.render(&values).map_err(|RenderError { element, message }| {
        vec![Problem::new(rec.origin.clone(), None, RecordError::Template { element, message })]
    })?;
    let mut keywords = Vec::new();
    let code = match &cfg.signer {
        None => {
            // So that `verify` can tell a draft from a certificate whose code cannot be read.
            keywords.push(crate::seal::scan::DRAFT_MARK.to_string());
            None
        }
        Some(signer) => {
            let problem = |error: RecordError| {
                let column = match &error {
                    RecordError::Claim(e) if e.claim() == Some("serial") => {
                        rec.columns.get(fields::SO_HIEU).cloned()
                    }
                    _ => None,
                };
                vec![Problem::new(rec.origin.clone(), column, error)]
            };
            let claims = Claims::from_texts(&fields.claims).map_err(|e| problem(RecordError::Claim(e)))?;
            match pass {
                Pass::Check => {
                    signer.check(&claims).map_err(problem)?;
                    None
                }
                // Signed already (issue signs while registering: the same claims sign to the
                // same code) or signed now; the digits are made once, for the symbol and the
                // file's metadata.
                Pass::Write(signed) => {
                    let fresh;
                    let code = match signed {
                        Some(code) => code,
                        None => {
                            fresh = signer.sign(&claims).map_err(problem)?;
                            &fresh
                        }
                    };
                    let digits = code.digits();
                    let matrix = qr::encode(&code.prefix, &digits, signer.width_mm)
                        .map_err(|e| problem(RecordError::QrTooLarge { message: e.to_string() }))?;
                    let prefix = crate::seal::scan::METADATA_PREFIX;
                    keywords.push(format!("{prefix}{}{digits}", code.prefix));
                    Some(matrix)
                }
            }
        }
    };
    let qr = match (&code, &cfg.signer) {
        (Some(m), _) => QrContent::Code { width: m.width, dark: &m.dark },
        (None, Some(_)) => QrContent::Reserved,
        (None, None) => QrContent::Placeholder,
    };
    let mut page = layout::lay_out(&cfg.template, &fields, qr).map_err(|errs| {
        errs.into_iter()
            .map(|e| match e {
                LayoutError::MissingGlyph { element, ch, font } => match rec.column_containing(ch) {
                    Some(column) => Problem::new(
                        rec.origin.clone(),
                        Some(column.to_string()),
                        RecordError::MissingGlyph { ch, font },
                    ),
                    None => Problem::in_element(
                        rec.origin.clone(),
                        element,
                        RecordError::MissingGlyph { ch, font },
                    ),
                },
                LayoutError::Overflow { element, min_size_pt, text } => Problem::new(
                    rec.origin.clone(),
                    rec.column_within(&text).map(str::to_string),
                    RecordError::TextOverflow { element, min_size_pt, text },
                ),
            })
            .collect::<Vec<_>>()
    })?;
    if let Some((x, y)) = cfg.offset_mm {
        page.offset_pt = (x * crate::template::PT_PER_MM, y * crate::template::PT_PER_MM);
    }
    if cfg.grid {
        page.items.extend(layout::grid(&cfg.template));
    }
    let meta = PdfMeta {
        title: fields.title,
        author: fields.author,
        subject: fields.subject,
        date: cfg.issue_date,
        keywords,
    };
    Ok((fields.file_name, (page, meta)))
}

/// Checks the roster, then writes one draft PDF per record into `out_dir` (if given) and all
/// pages into `merged` (if given). With any invalid record and without `skip_invalid`, writes
/// nothing.
pub fn render(
    roster: Roster,
    cfg: &BatchConfig,
    out_dir: Option<&Path>,
    merged: Option<&Path>,
    progress: &dyn Progress,
) -> Result<BatchReport, BatchError> {
    in_pool(cfg.jobs, || render_in_pool(roster, cfg, out_dir, merged, progress))
}

/// Runs `f` on a pool of `jobs` threads (all cores when `None`).
pub fn in_pool<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> T {
    match jobs.and_then(|n| rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build().ok()) {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

fn render_in_pool(
    mut roster: Roster,
    cfg: &BatchConfig,
    out_dir: Option<&Path>,
    merged: Option<&Path>,
    progress: &dyn Progress,
) -> Result<BatchReport, BatchError> {
    if roster.is_streamed() && cfg.sort == crate::input::order::SortOrder::Roster {
        return render_streamed(&roster, cfg, out_dir, merged, progress);
    }
    let (records, problems) = take_records(&mut roster, cfg)?;
    let plan = check_records(records, problems, cfg, progress);
    if !plan.problems.is_empty() && !cfg.skip_invalid {
        return Err(BatchError::Invalid { records: plan.invalid_records, problems: plan.problems });
    }
    write_plan(plan, cfg, out_dir, merged, progress)
}

/// [`render`] of a streamed roster in its own order, holding no record: checked as `check`
/// checks it (keeping the file names), then read again a block at a time as it is written.
/// Writes what the held way writes (tests/it/cli.rs compares them).
fn render_streamed(
    roster: &Roster,
    cfg: &BatchConfig,
    out_dir: Option<&Path>,
    merged: Option<&Path>,
    progress: &dyn Progress,
) -> Result<BatchReport, BatchError> {
    let (mut joined, mut ends, mut invalid) = (String::new(), Vec::new(), Vec::new());
    let checked = check_roster_with(roster, cfg, progress, &mut |rec, name| match name {
        Some(name) => {
            joined.push_str(name);
            ends.push(joined.len());
        }
        None => invalid.push(rec.origin.record),
    })?;
    if !checked.problems.is_empty() && !cfg.skip_invalid {
        return Err(BatchError::Invalid { records: checked.invalid_records, problems: checked.problems });
    }
    let mut names: Vec<String> = Vec::with_capacity(ends.len());
    let mut start = 0;
    for end in ends {
        names.push(joined[start..end].to_string());
        start = end;
    }
    drop(joined);
    files::pad_leading_numbers(&mut names);
    files::dedupe(&mut names);
    let map = record::map_columns(roster, &cfg.template)?;
    let stage = Stage2::new(roster.rows()?, roster.problems.clone(), &map, cfg, cfg.issue_date);
    let src =
        Reread { stage: std::cell::RefCell::new((stage, 0)), invalid, names, file: roster.file.clone() };
    let mut report = write_records(&src, cfg, out_dir, merged, progress)?;
    report.skipped = checked.problems;
    report.skipped_records = checked.invalid_records;
    report.shrunk = checked.shrunk;
    report.notes = checked.notes;
    Ok(report)
}

/// A checked roster's valid records, read again from it in order as they are written.
struct Reread<'r, 'c> {
    /// The second reading, and how many valid records it has given.
    stage: std::cell::RefCell<(Stage2<'r, 'c>, usize)>,
    /// Records that passed stage 2 but not layout, by record number, in order.
    invalid: Vec<usize>,
    /// The valid records' file names, in roster order.
    names: Vec<String>,
    file: std::sync::Arc<str>,
}

impl Records for Reread<'_, '_> {
    fn count(&self) -> usize {
        self.names.len()
    }

    fn get(&self, range: std::ops::Range<usize>) -> Result<Cow<'_, [PlannedRecord]>, BatchError> {
        let mut at = self.stage.borrow_mut();
        let (stage, done) = &mut *at;
        debug_assert_eq!(*done, range.start, "records are written in order");
        let mut out = Vec::with_capacity(range.len());
        while out.len() < range.len() {
            let rec = match stage.next() {
                Some(rec) => rec?,
                // The same bytes give the same records: fewer means the file changed.
                None => {
                    return Err(BatchError::Roster(crate::input::roster::RosterError::Changed {
                        file: self.file.clone(),
                    }))
                }
            };
            if self.invalid.binary_search(&rec.origin.record).is_ok() {
                continue;
            }
            let file_name = self.names[*done].clone();
            *done += 1;
            out.push(PlannedRecord { record: rec, file_name, expected_sha256: None, code: None });
        }
        Ok(Cow::Owned(out))
    }
}

/// Writes a checked plan: one file per record into `out_dir` and/or all pages into `merged`.
/// A file that already holds exactly the bytes it would get is left untouched.
pub fn write_plan(
    plan: Plan,
    cfg: &BatchConfig,
    out_dir: Option<&Path>,
    merged: Option<&Path>,
    progress: &dyn Progress,
) -> Result<BatchReport, BatchError> {
    let mut report = write_records(&plan.records, cfg, out_dir, merged, progress)?;
    report.skipped = plan.problems;
    report.skipped_records = plan.invalid_records;
    report.shrunk = plan.shrunk;
    report.notes = plan.notes;
    Ok(report)
}

/// Checked records to write, a range at a time: a plan's, at hand, or fetched as they are
/// written (`print` takes them from the register, a block at a time, so that a batch of a
/// million is printed in the memory of a few thousand).
pub trait Records {
    /// How many there are.
    fn count(&self) -> usize;
    /// Those in `range`, in print order.
    fn get(&self, range: std::ops::Range<usize>) -> Result<Cow<'_, [PlannedRecord]>, BatchError>;
    /// Told, in print order, of the files of the records in `range` once they are in place:
    /// one for each (`issue` records where they are in the register, so that a rerun, or
    /// one after a crash, leaves them alone).
    fn wrote(&self, range: std::ops::Range<usize>, files: &[CertFile]) -> Result<(), BatchError> {
        let _ = (range, files);
        Ok(())
    }
}

impl Records for Vec<PlannedRecord> {
    fn count(&self) -> usize {
        self.len()
    }

    fn get(&self, range: std::ops::Range<usize>) -> Result<Cow<'_, [PlannedRecord]>, BatchError> {
        Ok(Cow::Borrowed(&self[range]))
    }
}

/// How many records single files are written from at a time.
const WRITE_BLOCK: usize = 4096;

/// Writes records (see [`write_plan`]); the report's problems and notes are left empty.
pub fn write_records(
    src: &dyn Records,
    cfg: &BatchConfig,
    out_dir: Option<&Path>,
    merged: Option<&Path>,
    progress: &dyn Progress,
) -> Result<BatchReport, BatchError> {
    let res = Resources::new(&cfg.template)?.with_esign(cfg.esign.clone())?;
    let total = src.count();
    let mut merged_files = Vec::new();
    progress.start(Phase::Writing, total);
    let mut files = FilesWritten::default();
    match (out_dir, merged, cfg.merged_pages) {
        (Some(dir), None, _) => {
            prepare_dir(dir)?;
            for start in (0..total).step_by(WRITE_BLOCK) {
                let range = start..total.min(start + WRITE_BLOCK);
                let block = src.get(range.clone())?;
                let written = write_singles(cfg, &res, &block, dir, progress)?;
                drop(block);
                src.wrote(range, &written)?;
                files.add(&written);
            }
        }
        // Both: each page is made (laid out, signed, encoded) once and goes into both outputs.
        (dir, Some(path), None) => {
            merged_files.push(path.to_path_buf());
            write_merged(cfg, &res, (src, 0..total), path, dir, &mut files, progress)?;
        }
        (dir, Some(path), Some(n)) => {
            let n = n.max(1);
            let parts = total.div_ceil(n);
            let width = parts.to_string().len().max(3);
            for i in 0..parts {
                let part = part_path(path, i + 1, width);
                let range = i * n..total.min((i + 1) * n);
                write_merged(cfg, &res, (src, range), &part, dir, &mut files, progress)?;
                merged_files.push(part);
            }
            // Parts of an earlier, longer run would be printed as if they were this one's.
            let mut k = parts + 1;
            while part_path(path, k, width).is_file() {
                std::fs::remove_file(part_path(path, k, width))
                    .map_err(|e| IoError::new("cannot remove", part_path(path, k, width), e))?;
                k += 1;
            }
        }
        (None, None, _) => {}
    }
    progress.finish();
    Ok(BatchReport {
        files,
        merged: merged.map(Path::to_path_buf),
        merged_files,
        merged_pages: if merged.is_some() { total } else { 0 },
        merged_kept: false,
        skipped: Vec::new(),
        skipped_records: 0,
        pdf_a: res.is_pdf_a(),
        shrunk: Vec::new(),
        notes: Vec::new(),
    })
}

/// The `k`-th part of print file `path` (1-based): `tat-ca.pdf` → `tat-ca-001.pdf`.
pub fn part_path(path: &Path, k: usize, width: usize) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    path.with_file_name(format!("{stem}-{k:0width$}{ext}"))
}

impl BatchReport {
    /// Says that the print files `now` found, `pages` pages, were there already with exactly the
    /// bytes the run would write: the run did not write them.
    pub fn kept_print_files(&mut self, merged: &Path, now: &PrintFilesNow, pages: usize) {
        self.merged = Some(merged.to_path_buf());
        self.merged_files = now.parts.iter().map(|(p, _)| p.clone()).collect();
        self.merged_pages = pages;
        self.merged_kept = true;
    }

    /// The print file as a summary names it: its name, or its first and last part and how many.
    pub fn merged_shown(&self) -> Option<String> {
        match self.merged_files.as_slice() {
            [] => None,
            [one] => Some(one.display().to_string()),
            [first, .., last] => Some(crate::t!(
                "merged-parts",
                first = first.display().to_string(),
                last = last.display().to_string(),
                n = self.merged_files.len()
            )),
        }
    }
}

/// Creates the output folder and removes temporaries a killed run left there.
fn prepare_dir(out_dir: &Path) -> Result<(), BatchError> {
    std::fs::create_dir_all(out_dir).map_err(|e| IoError::new("cannot create folder", out_dir, e))?;
    files::remove_stale_temporaries(out_dir)?;
    Ok(())
}

/// Writes one certificate's file under its temporary name, unless it already holds exactly
/// these bytes; [`files::put_in_place`] puts it in place with the others of its group.
fn write_page(
    res: &Resources,
    page: PageLayout,
    meta: &PdfMeta,
    p: &PlannedRecord,
    dir: &Path,
) -> Result<(CertFile, Option<files::Staged>), BatchError> {
    let bytes = pdf::write([page], meta, res)?;
    let path = dir.join(&p.file_name);
    let staged = stage_if_changed(&path, &bytes)?;
    let file = CertFile {
        origin: p.record.origin.clone(),
        path,
        sha256: crate::seal::sign::sha256_hex(&bytes),
        written: staged.is_some(),
    };
    Ok((file, staged))
}

/// Stages `bytes` for `path` unless the file already holds them.
fn stage_if_changed(path: &Path, bytes: &[u8]) -> Result<Option<files::Staged>, BatchError> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(None);
    }
    Ok(Some(files::stage(path, bytes)?))
}

/// Writes `bytes` atomically unless the file already holds them.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), BatchError> {
    if let Some(staged) = stage_if_changed(path, bytes)? {
        files::put_in_place(vec![staged])?;
    }
    Ok(())
}

/// The file of a record that is already as the register says it was written, if it is.
fn up_to_date(p: &PlannedRecord, dir: &Path) -> Option<CertFile> {
    let expected = p.expected_sha256.as_deref()?;
    let path = dir.join(&p.file_name);
    let bytes = std::fs::read(&path).ok()?;
    (crate::seal::sign::sha256_hex(&bytes) == expected).then(|| CertFile {
        origin: p.record.origin.clone(),
        path,
        sha256: expected.to_string(),
        written: false,
    })
}

fn write_singles(
    cfg: &BatchConfig,
    res: &Resources,
    records: &[PlannedRecord],
    out_dir: &Path,
    progress: &dyn Progress,
) -> Result<Vec<CertFile>, BatchError> {
    let mut out = Vec::with_capacity(records.len());
    for chunk in records.chunks(STAGE_CHUNK) {
        let made: Vec<Result<_, BatchError>> = chunk
            .par_iter()
            .map(|p| {
                let r = match up_to_date(p, out_dir) {
                    Some(f) => Ok((f, None)),
                    None => write_one(cfg, res, p, out_dir),
                };
                progress.advance();
                r
            })
            .collect();
        let mut staged = Vec::new();
        for r in made {
            let (file, s) = r?;
            out.push(file);
            staged.extend(s);
        }
        files::put_in_place(staged)?;
    }
    Ok(out)
}

/// How many certificates' files are made durable together (one journal commit for the group,
/// see [`files::put_in_place`]); each holds an open file until then.
const STAGE_CHUNK: usize = 64;

fn write_one(
    cfg: &BatchConfig,
    res: &Resources,
    p: &PlannedRecord,
    out_dir: &Path,
) -> Result<(CertFile, Option<files::Staged>), BatchError> {
    let (_, (page, meta)) = prepare(cfg, &p.record, Pass::Write(p.code.as_ref()))
        .map_err(|problems| BatchError::Invalid { problems, records: 1 })?;
    write_page(res, page, &meta, p, out_dir)
}

/// Writes the print file of the records in `range` of `src`, in order, and, with `singles`,
/// each record's own file too, from the same pages (told to `src` a chunk at a time and
/// counted in `files`).
fn write_merged(
    cfg: &BatchConfig,
    res: &Resources,
    (src, range): (&dyn Records, std::ops::Range<usize>),
    path: &Path,
    singles: Option<&Path>,
    files: &mut FilesWritten,
    progress: &dyn Progress,
) -> Result<(), BatchError> {
    let parent = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    prepare_dir(parent)?;
    if let Some(dir) = singles {
        prepare_dir(dir)?;
    }
    let bytes = merged_bytes(cfg, res, (src, range), singles, files, progress)?;
    write_if_changed(path, &bytes)?;
    Ok(())
}

/// The bytes of the print file of the records in `range` of `src` (see [`write_merged`]; the
/// single files, with `singles`, are written as the pages are made).
fn merged_bytes(
    cfg: &BatchConfig,
    res: &Resources,
    (src, range): (&dyn Records, std::ops::Range<usize>),
    singles: Option<&Path>,
    files: &mut FilesWritten,
    progress: &dyn Progress,
) -> Result<Vec<u8>, BatchError> {
    let meta = PdfMeta {
        title: format!("Giấy chứng nhận – {} bản", range.len()),
        author: None,
        subject: None,
        date: cfg.issue_date,
        keywords: Vec::new(),
    };
    // Lay out (and write single files) in parallel chunks, draw the print file sequentially:
    // krilla builds one document page by page.
    const CHUNK: usize = 64;
    let mut failure: Option<BatchError> = None;
    let end = range.end;
    let pages = range.step_by(CHUNK).flat_map(|start| {
        let chunk = match src.get(start..end.min(start + CHUNK)) {
            Ok(c) => c,
            Err(e) => {
                failure.get_or_insert(e);
                return Vec::new();
            }
        };
        let laid: Vec<_> = chunk
            .par_iter()
            .map(|p| {
                let (_, (page, meta)) = prepare(cfg, &p.record, Pass::Write(p.code.as_ref()))
                    .map_err(|problems| BatchError::Invalid { problems, records: 1 })?;
                let file = match singles {
                    Some(dir) => Some(match up_to_date(p, dir) {
                        Some(f) => (f, None),
                        None => write_page(res, page.clone(), &meta, p, dir)?,
                    }),
                    None => None,
                };
                Ok((page, file))
            })
            .collect::<Vec<Result<_, BatchError>>>();
        let mut written = Vec::new();
        let mut staged = Vec::new();
        let pages = laid
            .into_iter()
            .filter_map(|r| {
                progress.advance();
                match r {
                    Ok((page, file)) => {
                        if let Some((file, s)) = file {
                            written.push(file);
                            staged.extend(s);
                        }
                        Some(page)
                    }
                    Err(e) => {
                        failure.get_or_insert(e);
                        None
                    }
                }
            })
            .collect::<Vec<_>>();
        if failure.is_none() {
            if let Err(e) = files::put_in_place(staged) {
                failure.get_or_insert(e.into());
            }
        }
        if failure.is_none() && !written.is_empty() {
            match src.wrote(start..start + written.len(), &written) {
                Ok(()) => files.add(&written),
                Err(e) => {
                    failure.get_or_insert(e);
                }
            }
        }
        pages
    });
    let bytes = pdf::write(pages, &meta, res)?;
    if let Some(e) = failure {
        return Err(e);
    }
    Ok(bytes)
}

/// Where the print files a run would write stand against the files already at their names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintFilesNow {
    /// Each print file (or part) of the run, in order, and whether a file with exactly the bytes
    /// the run would write is there already.
    pub parts: Vec<(PathBuf, bool)>,
    /// Files at the run's names that it would write with other bytes, or remove (the parts of an
    /// earlier, longer run): each with why.
    pub different: Vec<(PathBuf, PrintFileChange)>,
}

/// How a print file that is there already would change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintFileChange {
    /// It would hold other pages (or the same pages otherwise).
    Content,
    /// It is a part of an earlier, longer run: it would be removed.
    Removed,
}

impl PrintFilesNow {
    /// Every print file of the run is there with exactly its bytes, and no other part is left:
    /// writing them would change nothing.
    pub fn all_there(&self) -> bool {
        self.different.is_empty() && self.parts.iter().all(|(_, same)| *same)
    }
}

/// The print files (`merged`, or its parts with `--merged-pages`) a run would write from `src`,
/// and how each stands against the file at its name. A file that is there is compared with the
/// bytes the run would write (made in memory, one file at a time, and let go); when none is
/// there, nothing is made. Nothing is written.
pub fn print_files_now(
    src: &dyn Records,
    cfg: &BatchConfig,
    merged: &Path,
    progress: &dyn Progress,
) -> Result<PrintFilesNow, BatchError> {
    let total = src.count();
    let (parts, stale): (Vec<(PathBuf, std::ops::Range<usize>)>, Vec<PathBuf>) = match cfg.merged_pages {
        None => (vec![(merged.to_path_buf(), 0..total)], Vec::new()),
        Some(n) => {
            let n = n.max(1);
            let count = total.div_ceil(n);
            let width = count.to_string().len().max(3);
            let parts = (0..count)
                .map(|i| (part_path(merged, i + 1, width), i * n..total.min((i + 1) * n)))
                .collect();
            let stale =
                (count + 1..).map(|k| part_path(merged, k, width)).take_while(|p| p.is_file()).collect();
            (parts, stale)
        }
    };
    let mut now = PrintFilesNow::default();
    let removed = stale.into_iter().map(|p| (p, PrintFileChange::Removed));
    if parts.iter().all(|(p, _)| std::fs::symlink_metadata(p).is_err()) {
        now.parts = parts.into_iter().map(|(p, _)| (p, false)).collect();
        now.different.extend(removed);
        return Ok(now);
    }
    let res = Resources::new(&cfg.template)?.with_esign(cfg.esign.clone())?;
    progress.start(Phase::Comparing, total);
    for (path, range) in parts {
        let there = match std::fs::read(&path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(IoError::new("cannot read", &path, e).into()),
        };
        let Some(there) = there else {
            now.parts.push((path, false));
            continue;
        };
        let mut unused = FilesWritten::default();
        let bytes = merged_bytes(cfg, &res, (src, range), None, &mut unused, progress)?;
        if bytes == there {
            now.parts.push((path, true));
        } else {
            now.parts.push((path.clone(), false));
            now.different.push((path, PrintFileChange::Content));
        }
    }
    progress.finish();
    now.different.extend(removed);
    Ok(now)
}

#[derive(serde::Serialize)]
struct JsonProblem<'a> {
    severity: &'static str,
    file: &'a str,
    record: usize,
    line: u64,
    column: Option<&'a str>,
    element: Option<&'a str>,
    message: String,
    hint: Option<String>,
    also_in: usize,
}

#[derive(serde::Serialize)]
struct JsonPlan<'a> {
    file: &'a str,
    records: usize,
    valid: usize,
    invalid: usize,
    notes: &'a [String],
    problems: Vec<JsonProblem<'a>>,
    warnings: Vec<JsonProblem<'a>>,
}

fn json_problem<'a>(file: &'a str, severity: &'static str, p: &'a Problem) -> JsonProblem<'a> {
    JsonProblem {
        severity,
        file,
        record: p.origin.record,
        line: p.origin.line,
        column: p.column.as_deref(),
        element: p.element.as_deref(),
        message: p.error.to_string(),
        hint: p.error.hint(),
        also_in: p.also_in,
    }
}

/// `check --format json`: the same report as text, one JSON object.
pub fn plan_json(roster: &Roster, plan: &Checked) -> String {
    let j = JsonPlan {
        file: &roster.file,
        records: plan.valid + plan.invalid_records,
        valid: plan.valid,
        invalid: plan.invalid_records,
        notes: &roster.notes,
        problems: plan.problems.iter().map(|p| json_problem(&roster.file, "error", p)).collect(),
        warnings: roster.warnings.iter().map(|p| json_problem(&roster.file, "warning", p)).collect(),
    };
    crate::util::json::json_string(&j)
}
