//! `spoil`: a spoiled pre-printed blank recorded (`run::spoil`); its certificate waits for
//! `print --reprint-spoiled`.

use std::process::ExitCode;

use super::Outcome;
use crate::cli::args::SpoilArgs;
use crate::cli::report;
use crate::run::spoil::{self, SpoilRequest};
use crate::t;
use crate::viet::Date;

pub(in crate::cli) fn run(a: &SpoilArgs, today: Date) -> Outcome {
    let r = spoil::spoil(&SpoilRequest {
        register: &a.register,
        blank: &a.blank,
        reason: &a.reason,
        today,
        waiting: &report::waiting,
    })?;
    let blank = r.blank.as_str();
    match (&r.already, &r.certificate) {
        (Some((on, why)), _) => {
            let on = Date::parse_iso(on).map(|d| d.to_string()).unwrap_or_else(|_| on.clone());
            println!("{}", t!("spoil-already", blank = blank, on = on, reason = why.as_str()));
        }
        (None, Some((serial, name))) => {
            println!("{}", t!("spoil-done", blank = blank, serial = serial.as_str(), name = name.as_str()));
            println!("{} {}", t!("label-hint"), t!("spoil-hint-reprint"));
        }
        (None, None) => println!("{}", t!("spoil-done-unused", blank = blank)),
    }
    Ok(ExitCode::SUCCESS)
}
