//! `calibrate`: the printer calibration sheet for a paper size, optionally moved by an offset.

use std::process::ExitCode;

use super::Outcome;
use crate::cli::args::CalibrateArgs;
use crate::run::RunError;
use crate::t;
use crate::viet::Date;

pub(in crate::cli) fn run(a: &CalibrateArgs, today: Date) -> Outcome {
    let page =
        crate::template::page_size(&a.size, &a.orientation).ok_or_else(|| RunError::Paper(a.size.clone()))?;
    let bytes = crate::render::calibrate::sheet(page, a.offset.unwrap_or((0.0, 0.0)), today)?;
    if let Some(dir) = a.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| crate::error::IoError::new("cannot create folder", dir, e))?;
    }
    crate::util::files::write_atomic(&a.out, &bytes)?;
    println!("{}", t!("calibrate-done", out = a.out.display().to_string()));
    Ok(ExitCode::SUCCESS)
}
