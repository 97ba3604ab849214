//! `check`: read and check everything `render` would, write nothing, report every problem.

use serde::Serialize;

use super::progress::Progress;
use super::{ser, Loaded, RunError, ShrunkText, Variables};
use crate::batch;
use crate::error::Problem;

/// What to check.
pub struct CheckRequest<'a> {
    /// The roster and template, loaded.
    pub loaded: &'a Loaded,
    /// Worker threads (`None`: all cores).
    pub jobs: Option<usize>,
}

/// What checking found.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The roster as the user named it.
    pub file: String,
    /// Records read.
    pub records: usize,
    /// Records that passed every check.
    pub valid: usize,
    /// Records with problems.
    pub invalid: usize,
    /// Every problem, in roster order.
    #[serde(serialize_with = "ser::problems")]
    pub problems: Vec<Problem>,
    /// What was read generously, each with its hint.
    #[serde(serialize_with = "ser::problems")]
    pub notes: Vec<Problem>,
    /// Texts set smaller than the template asks.
    pub shrunk: Vec<ShrunkText>,
    /// Variables not given: a required one missing or a placeholder left is a problem too.
    pub variables: Variables,
    /// The check as the batch made it (for `check --format json`).
    #[serde(skip)]
    pub checked: batch::Checked,
}

impl CheckReport {
    /// Nothing is wrong: no problem, no variable missing, no placeholder left.
    pub fn clean(&self) -> bool {
        self.problems.is_empty()
            && self.variables.missing.is_empty()
            && self.variables.placeholders.is_empty()
    }
}

/// Checks every record of the loaded roster, as `render` and `issue` would.
pub fn check(req: &CheckRequest<'_>, progress: &dyn Progress) -> Result<CheckReport, RunError> {
    let Loaded { roster, cfg, .. } = req.loaded;
    let variables = Variables::of(req.loaded);
    let checked = batch::in_pool(req.jobs, || batch::check_roster(roster, cfg, progress))?;
    Ok(CheckReport {
        file: roster.file.to_string(),
        records: checked.valid + checked.invalid_records,
        valid: checked.valid,
        invalid: checked.invalid_records,
        problems: checked.problems.clone(),
        notes: checked.notes.clone(),
        shrunk: ShrunkText::list(&checked.shrunk, &cfg.template),
        variables,
        checked,
    })
}
