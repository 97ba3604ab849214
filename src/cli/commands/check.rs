//! `check`: everything `render` would read and check, nothing written, every problem listed.

use std::process::ExitCode;

use super::Outcome;
use crate::cli::args::CheckArgs;
use crate::cli::report;
use crate::run::check::{self, CheckRequest};
use crate::run::progress::NoProgress;
use crate::run::{self, Variables};
use crate::t;
use crate::viet::Date;

pub(in crate::cli) fn run(a: &CheckArgs, today: Date) -> Outcome {
    let loaded = run::load(&a.input.to_input(None), today)?;
    report::print_loaded(&loaded);
    // Said before the records are checked, so that they are said whatever the check finds.
    report::print_variables(&Variables::of(&loaded), false);
    let r = check::check(&CheckRequest { loaded: &loaded, jobs: a.jobs }, &NoProgress)?;
    if a.format == "json" {
        println!("{}", crate::batch::plan_json(&loaded.roster, &r.checked));
    } else {
        for p in &r.problems {
            report::print_problem(p);
        }
        report::print_notes(&r.notes, &r.shrunk);
        if r.clean() {
            println!("{}", t!("check-clean", file = r.file.as_str(), records = r.valid));
        } else if r.problems.is_empty() {
            // The records are fine but the course details are not: "no problems" would contradict
            // the errors printed above and the exit code.
            let missing = r.variables.missing.len() + r.variables.placeholders.len();
            println!(
                "{}",
                t!(
                    "check-records-clean-vars-missing",
                    file = r.file.as_str(),
                    records = r.valid,
                    missing = missing
                )
            );
        } else {
            println!(
                "{}",
                t!(
                    "check-problems",
                    file = r.file.as_str(),
                    problems = r.problems.len(),
                    bad = r.invalid,
                    total = r.records
                )
            );
        }
    }
    Ok(if r.clean() { ExitCode::SUCCESS } else { report::refused() })
}
