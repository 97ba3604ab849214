//! `register backup`: SQLite's online backup into a new file, checked for integrity.

use std::path::Path;
use std::process::ExitCode;

use super::Outcome;
use crate::t;

pub(in crate::cli) fn run(register: &Path, out: &Path) -> Outcome {
    let b = crate::register::backup(register, out)?;
    println!(
        "{}",
        t!(
            "backup-done",
            register = register.display().to_string(),
            out = out.display().to_string(),
            certificates = b.certificates,
            kib = b.bytes.div_ceil(1024)
        )
    );
    Ok(ExitCode::SUCCESS)
}
