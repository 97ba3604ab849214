//! The print-shop commands: `spoil` (a blank ruined in the printer), `calibrate` (the sheet
//! that finds a printer's offset) and `register export --blanks` (the blank-usage report).

use std::path::Path;
use std::process::ExitCode;

use super::Failure;
use crate::register::{Register, Spoiling};
use crate::t;
use crate::viet::Date;

/// `spoil`: records a spoiled blank; its certificate waits for `print --reprint-spoiled`.
pub(super) fn spoil(register: &Path, blank: &str, reason: &str, today: Date) -> Result<ExitCode, Failure> {
    let mut reg = Register::open(register, false, || {
        eprintln!("{}", t!("register-waiting", file = register.display().to_string()))
    })?;
    match reg.spoil(blank, reason.trim(), today)? {
        Spoiling::Spoiled(b) => {
            match &b.certificate {
                Some((_, serial, name)) => println!(
                    "{}",
                    t!(
                        "spoil-done",
                        blank = b.serial.as_str(),
                        serial = serial.as_str(),
                        name = name.as_str()
                    )
                ),
                None => println!("{}", t!("spoil-done-unused", blank = b.serial.as_str())),
            }
            if b.certificate.is_some() {
                println!("{} {}", t!("label-hint"), t!("spoil-hint-reprint"));
            }
        }
        Spoiling::Already(b) => {
            let (on, why) = b.spoiled.clone().unwrap_or_default();
            let on = Date::parse_iso(&on).map(|d| d.to_string()).unwrap_or(on);
            println!("{}", t!("spoil-already", blank = b.serial.as_str(), on = on, reason = why));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `calibrate`: the calibration sheet for a paper size, optionally moved by an offset.
pub(super) fn calibrate(
    out: &Path,
    (size, orientation): (&str, &str),
    offset: Option<(f32, f32)>,
    today: Date,
) -> Result<ExitCode, Failure> {
    let page =
        crate::template::page_size(size, orientation).ok_or_else(|| Failure::Paper(size.to_string()))?;
    let bytes = crate::printout::calibrate::sheet(page, offset.unwrap_or((0.0, 0.0)), today)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| crate::error::IoError::new("cannot create folder", dir, e))?;
    }
    crate::util::files::write_atomic(out, &bytes)?;
    println!("{}", t!("calibrate-done", out = out.display().to_string()));
    Ok(ExitCode::SUCCESS)
}

/// `register export --blanks`: the blank-usage report, and its totals on the terminal.
pub(super) fn export_blanks(register: &Path, out: &Path, batch: Option<&str>) -> Result<ExitCode, Failure> {
    let reg = Register::open(register, false, || {
        eprintln!("{}", t!("register-waiting", file = register.display().to_string()))
    })?;
    let totals = crate::printout::export::export_blanks(&reg, out, batch)?;
    let (used, spoiled) = totals.batches.iter().fold((0, 0), |(u, s), (_, bu, bs)| (u + bu, s + bs));
    println!(
        "{}",
        t!("export-blanks-wrote", out = out.display().to_string(), used = used, spoiled = spoiled)
    );
    Ok(ExitCode::SUCCESS)
}
