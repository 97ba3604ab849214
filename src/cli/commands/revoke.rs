//! `revoke`: a certificate marked revoked in the register, and the signed revocation list
//! published again (`run::revoke`).

use std::process::ExitCode;

use super::Outcome;
use crate::cli::args::RevokeArgs;
use crate::cli::report;
use crate::run::revoke::{self, Outcome as Revoked, RevokeRequest};
use crate::seal::verify;
use crate::t;
use crate::viet::Date;

pub(in crate::cli) fn run(a: &RevokeArgs, today: Date) -> Outcome {
    let r = revoke::revoke(&RevokeRequest {
        serial: &a.serial,
        register: &a.register,
        keys: &a.keys,
        root_key: a.root_key.as_deref(),
        reason: &a.reason,
        decision: a.decision.as_deref(),
        change_reason: a.change_reason,
        today,
        waiting: &report::waiting,
    })?;
    let e = &r.entry;
    if e.serial != r.given {
        eprintln!("{}", t!("revoke-matched", given = r.given.as_str(), serial = e.serial.as_str()));
    }
    let words = |code: &str| crate::l10n::verdict::reason_words(code);
    let since = e.revoked_on.as_deref().map(verify::day).unwrap_or_default();
    let serial = e.serial.as_str();
    match &r.outcome {
        Revoked::Revoked => println!(
            "{}",
            t!(
                "revoke-done",
                serial = serial,
                name = e.holder_name.as_str(),
                birth = e.birth_date.as_str(),
                date = today.to_string(),
                reason = words(&a.reason)
            )
        ),
        Revoked::Already => {
            println!("{}", t!("revoke-already", serial = serial, date = since, reason = words(&a.reason)))
        }
        Revoked::OtherReason => {
            let kept = words(e.reason.as_deref().unwrap_or(""));
            let said = t!(
                "revoke-other-reason",
                serial = serial,
                date = since,
                reason = kept,
                asked = words(&a.reason)
            );
            eprintln!("{said}");
            return Ok(report::refused());
        }
        Revoked::ReasonChanged { from } => println!(
            "{}",
            t!("revoke-reason-changed", serial = serial, from = words(from), to = words(&a.reason))
        ),
    }
    if let Some(published) = r.revocations {
        report::print_revocations(&published?);
    }
    if let Some(ledgers) = r.ledgers {
        report::print_ledgers(&ledgers?);
    }
    Ok(ExitCode::SUCCESS)
}
