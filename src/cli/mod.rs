//! The command line: it parses the arguments (`args`, with help from the catalogue: `help`),
//! runs one command (`commands`, each a small file calling the workflows of `run`) and prints
//! what came back (`report`: words, progress bar, exit codes). The contract — names, flags,
//! exit codes — is `docs/spec/cli.md`. Only the command line reads the clock and the terminal.

mod args;
mod commands;
mod esign;
mod help;
mod report;
mod sandbox;
mod ui;
mod usage;
mod verify_lookup;

use std::process::ExitCode;

pub use args::Cli;

use crate::l10n::Lang;
use crate::viet::Date;
use args::{Command, RegisterCommand};
use commands as cmd;

/// Reads the command line, its `--help` worded in the run's language: the language is chosen
/// first, from `--lang` among the arguments or the environment, so that help and summaries
/// agree.
pub fn parse() -> Cli {
    help::parse()
}

/// Runs the command line and returns the exit code.
pub fn run(cli: Cli) -> ExitCode {
    let lang = cli.lang.as_deref().and_then(Lang::from_tag).or_else(Lang::from_env).unwrap_or(Lang::Vi);
    crate::l10n::set_lang(lang);
    let today = today_in_vietnam();
    let result = match cli.command {
        Command::Templates { action } => cmd::templates::run(action),
        Command::Check(a) => cmd::check::run(&a, today),
        Command::Render(a) => cmd::render::run(a, today),
        Command::Demo(a) => cmd::demo::run(&a, today),
        Command::Keygen(a) => cmd::keygen::run(a, today),
        Command::Issue(a) => cmd::issue::run(a, today),
        Command::Revoke(a) => cmd::revoke::run(&a, today),
        Command::Keys(k) => cmd::keys::run(k, today),
        Command::Print(a) => cmd::print::run(a, today),
        Command::Spoil(a) => cmd::spoil::run(&a, today),
        Command::Calibrate(a) => cmd::calibrate::run(&a, today),
        Command::Site(a) => cmd::site::run(&a),
        Command::Register(RegisterCommand::Export(a)) => cmd::export::run(&a, today),
        Command::Register(RegisterCommand::Audit { register, keys }) => {
            cmd::audit::run(&register, &keys, today)
        }
        Command::Register(RegisterCommand::Find { register, text }) => cmd::lookup::find(&register, &text),
        Command::Register(RegisterCommand::Show { register, serial }) => {
            cmd::lookup::show(&register, &serial)
        }
        Command::Register(RegisterCommand::Backup { register, out }) => cmd::backup::run(&register, &out),
        Command::Verify(a) => return cmd::verify::run(a, today),
        Command::Esign(a) => esign::sign_files(&a.input, &a.esign, &a.register),
        Command::Ui(a) => return ui::run(a),
        Command::ScanPdfPage { dpi } => return sandbox::scan_child(crate::seal::scan::Job::PdfPage { dpi }),
        Command::ScanImage => return sandbox::scan_child(crate::seal::scan::Job::Image),
    };
    result.unwrap_or_else(|e| report::failed(&e))
}

/// Vietnam's date right now (UTC+7, no daylight saving). Only the command line reads the clock;
/// the library is always told the date.
fn today_in_vietnam() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    crate::viet::Date::from_days((secs + 7 * 3600).div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_in_vietnam_is_a_valid_date() {
        let d = today_in_vietnam();
        assert!(Date::new(d.year, d.month, d.day).is_ok());
        assert!(d.year >= 2024);
    }
}
