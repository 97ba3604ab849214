//! `render`: drafts for checking a layout, one PDF per record (not signed, not numbered), and
//! or a print file. Everything is checked before anything is written.

use std::path::PathBuf;

use serde::Serialize;

use super::progress::Progress;
use super::{Loaded, RunError, Settings, Variables, Written};
use crate::batch;

/// What to render, and where.
pub struct RenderRequest {
    /// The roster and template, loaded.
    pub loaded: Loaded,
    /// The batch's settings.
    pub settings: Settings,
    /// Draw a 10 mm grid and each element's box over the drafts.
    pub grid: bool,
    /// The folder for one PDF per record.
    pub out: Option<PathBuf>,
    /// The print file.
    pub merged: Option<PathBuf>,
}

/// What rendering did.
#[derive(Debug, Clone, Serialize)]
pub struct RenderReport {
    /// Variables not given. A draft may print a placeholder (it shows where the issuer's text
    /// goes), but not a required variable nobody gave: then nothing is written.
    pub variables: Variables,
    /// What was written; `None` when refused for a required variable missing.
    pub written: Option<Written>,
}

/// Renders the drafts.
pub fn render(req: RenderRequest, progress: &dyn Progress) -> Result<RenderReport, RunError> {
    let RenderRequest { loaded, settings, grid, out, merged } = req;
    let variables = Variables::of(&loaded);
    if !variables.missing.is_empty() {
        return Ok(RenderReport { variables, written: None });
    }
    let Loaded { roster, mut cfg, .. } = loaded;
    settings.apply(&mut cfg);
    cfg.grid = grid;
    let report = batch::render(roster, &cfg, out.as_deref(), merged.as_deref(), progress)?;
    Ok(RenderReport { variables, written: Some(Written::from_batch(report, &cfg.template)) })
}
