//! The workflows as a library API: check, render, revoke, spoil, verify, site, audit and export
//! (issue and print are the register's: `register::issue`, `register::print`).
//!
//! Each workflow takes a typed request, reports progress through [`progress::Progress`] and
//! returns a typed report (counts, files, problems, warnings) that serialises with serde, so
//! that the command line prints it and a web page or a script can take it as JSON. No workflow
//! prints, reads standard input or reads the clock: the caller gives the day, the passphrase
//! and what to do while a register is busy ([`Waiting`]). Words are chosen by whoever shows a
//! report (`cli::report`); a report holds data.
//!
//! Shared here: the roster and template a batch starts from ([`Input`] → [`Loaded`]), the five
//! settings of a written batch ([`Settings`], set once), what a written batch reports
//! ([`Written`]) and the one error type of the workflows ([`RunError`]).
//!
//! ```
//! use chungnhan::run::{self, check, progress::NoProgress};
//!
//! let input = run::Input {
//!     roster: "examples/roster.csv".into(),
//!     template: "giay-chung-nhan".into(),
//!     vars: Some("examples/tan-binh-2019.toml".into()),
//!     ..Default::default()
//! };
//! let loaded = run::load(&input, chungnhan::viet::Date::new(2019, 11, 20).unwrap()).unwrap();
//! let request = check::CheckRequest { loaded: &loaded, jobs: None };
//! let report = check::check(&request, &NoProgress).unwrap();
//! assert!(report.clean());
//! assert_eq!(report.valid, 218);
//! let json = serde_json::to_value(&report).unwrap();
//! assert_eq!(json["problems"].as_array().unwrap().len(), 0);
//! ```

pub mod audit;
pub mod check;
pub mod export;
pub mod progress;
pub mod publish;
pub mod render;
pub mod revoke;
pub mod site;
pub mod spoil;
pub mod trust;
pub mod verify;

mod error;
pub(crate) mod ser;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use error::RunError;

use crate::batch::{BatchConfig, BatchReport};
use crate::error::{Origin, Problem};
use crate::input::order::SortOrder;
use crate::input::{legacy::Legacy, record, roster};
use crate::register::Register;
use crate::template::{self, Template};
use crate::viet::Date;

/// What to do while another run holds the register (it is waited for): the command line says
/// so on stderr, a server may log it.
pub type Waiting<'a> = &'a dyn Fn(&Path);

/// Opens a register, calling `waiting` while another run holds it.
pub(crate) fn open_register(path: &Path, create: bool, waiting: Waiting<'_>) -> Result<Register, RunError> {
    Ok(Register::open(path, create, || waiting(path))?)
}

/// Where a batch's records come from: the roster, the template and the variables.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// The roster file (CSV or a workbook).
    pub roster: PathBuf,
    /// A built-in template's name or a template folder.
    pub template: String,
    /// For a workbook: the sheet to read.
    pub sheet: Option<String>,
    /// The roster's encoding, when detection gets it wrong.
    pub encoding: Option<Legacy>,
    /// A TOML file of variables.
    pub vars: Option<PathBuf>,
    /// Variables set one by one (win over `vars` and the template).
    pub set: Vec<(String, String)>,
    /// Roster columns taken for template fields: `(header, field)`.
    pub map: Vec<(String, String)>,
    /// Records of one name and birth date are different people.
    pub allow_duplicates: bool,
    /// The file name pattern, instead of the template's.
    pub file_name: Option<String>,
}

/// A roster read and a batch configured from it, before anything is checked.
pub struct Loaded {
    /// The roster as read (with its warnings: `roster.warnings`).
    pub roster: roster::Roster,
    /// The batch's template, variables and settings.
    pub cfg: BatchConfig,
    /// How the roster was read (a sheet chosen, columns left unused…), in order.
    pub notes: Vec<String>,
}

/// Reads the template, the variables and the roster of `input` for a batch issued on `today`.
pub fn load(input: &Input, today: Date) -> Result<Loaded, RunError> {
    let mut tpl = Template::load(&input.template)?;
    if let Some(n) = &input.file_name {
        tpl.set_file_name(n)?;
    }
    let file_vars = match &input.vars {
        Some(p) => template::read_vars(p)?,
        None => BTreeMap::new(),
    };
    let set_vars: BTreeMap<String, String> = input.set.iter().cloned().collect();
    let mut cfg = BatchConfig::new(tpl, file_vars, set_vars, today)?;
    cfg.allow_duplicates = input.allow_duplicates;
    let opts = roster::ReadOptions {
        encoding: input.encoding,
        sheet: input.sheet.clone(),
        header_keys: record::header_keys(&cfg.template),
    };
    let mut roster = roster::open_with(&input.roster, &opts)?;
    record::apply_map(&mut roster, &cfg.template, &input.map)?;
    let mut notes = roster.notes.clone();
    if let Ok(map) = record::map_columns(&roster, &cfg.template) {
        notes.extend(record::notes(&roster, &map)?);
    }
    Ok(Loaded { roster, cfg, notes })
}

/// The settings of a batch that writes files, set once for `render` and `issue`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    /// Write the valid records and report the invalid ones, instead of writing nothing.
    pub skip_invalid: bool,
    /// Worker threads (`None`: all cores).
    pub jobs: Option<usize>,
    /// The print run's order.
    pub sort: SortOrder,
    /// Everything printed moved by (x, y) mm; wins over the template's.
    pub offset_mm: Option<(f32, f32)>,
    /// The print file split into files of at most this many pages.
    pub merged_pages: Option<usize>,
}

impl Settings {
    /// Sets them on a batch.
    pub fn apply(&self, cfg: &mut BatchConfig) {
        cfg.skip_invalid = self.skip_invalid;
        cfg.jobs = self.jobs;
        cfg.sort = self.sort;
        cfg.offset_mm = self.offset_mm;
        cfg.merged_pages = self.merged_pages;
    }
}

/// A batch variable nothing gives a value (`name`, with its label), or one left at its
/// template's placeholder (`name`, with the placeholder text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variable {
    /// The variable's name (`ten_khoa`).
    pub name: String,
    /// Its label (a missing variable) or the placeholder text left (a placeholder).
    pub text: String,
}

impl Variable {
    fn list(pairs: Vec<(String, String)>) -> Vec<Variable> {
        pairs.into_iter().map(|(name, text)| Variable { name, text }).collect()
    }
}

/// The variables of a batch not given: required ones nothing gives, and placeholders left.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Variables {
    /// Required variables nothing gives.
    pub missing: Vec<Variable>,
    /// Variables still holding the template's placeholder text.
    pub placeholders: Vec<Variable>,
}

impl Variables {
    /// Those of a loaded batch.
    pub fn of(loaded: &Loaded) -> Variables {
        Variables::of_batch(&loaded.cfg, &loaded.roster)
    }

    /// Those of a batch for a roster.
    pub fn of_batch(cfg: &BatchConfig, roster: &roster::Roster) -> Variables {
        Variables {
            missing: Variable::list(cfg.required_vars_missing(roster)),
            placeholders: Variable::list(cfg.placeholders_left(roster)),
        }
    }
}

/// A text set smaller than its template asks, to look at.
#[derive(Debug, Clone, Serialize)]
pub struct ShrunkText {
    /// The record.
    #[serde(serialize_with = "ser::origin")]
    pub origin: Origin,
    /// The field's label where the element prints one (Họ và tên), else the element's name.
    pub label: String,
    /// The template's size, pt.
    pub from_pt: f32,
    /// The size it was set in, pt.
    pub to_pt: f32,
}

impl ShrunkText {
    /// Those of a batch, named by the template's labels.
    pub fn list(shrunk: &[(Origin, crate::render::layout::Shrunk)], template: &Template) -> Vec<ShrunkText> {
        shrunk
            .iter()
            .map(|(origin, s)| ShrunkText {
                origin: origin.clone(),
                label: template.field_label(&s.element),
                from_pt: s.from_pt,
                to_pt: s.to_pt,
            })
            .collect()
    }
}

/// What a batch wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    /// Certificate files written by this run.
    pub written: usize,
    /// Certificate files found up to date and left alone.
    pub kept: usize,
    /// The first certificate file (in print order).
    pub first: Option<PathBuf>,
    /// The print file as a summary names it (one file, or its first and last part).
    pub merged: Option<String>,
    /// Pages of the print file.
    pub merged_pages: usize,
    /// The print file was there already with these very pages: left alone.
    pub merged_kept: bool,
    /// PDF/A-2b (else plain PDF).
    pub pdf_a: bool,
    /// Problems of the records skipped (`skip_invalid`).
    #[serde(serialize_with = "ser::problems")]
    pub skipped: Vec<Problem>,
    /// How many records were skipped.
    pub skipped_records: usize,
    /// What was read generously, each with its hint.
    #[serde(serialize_with = "ser::problems")]
    pub notes: Vec<Problem>,
    /// Texts set smaller than the template asks.
    pub shrunk: Vec<ShrunkText>,
}

impl Written {
    /// The batch's report, its shrunk texts named by `template`'s labels.
    pub fn from_batch(r: BatchReport, template: &Template) -> Written {
        Written {
            written: r.files.written,
            kept: r.files.kept,
            first: r.files.first.clone(),
            merged: r.merged_shown(),
            merged_pages: r.merged_pages,
            merged_kept: r.merged_kept,
            pdf_a: r.pdf_a,
            shrunk: ShrunkText::list(&r.shrunk, template),
            skipped: r.skipped,
            skipped_records: r.skipped_records,
            notes: r.notes,
        }
    }

    /// Files written and kept.
    pub fn files(&self) -> usize {
        self.written + self.kept
    }
}
