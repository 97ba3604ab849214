//! `verify`: a certificate checked (`run::verify`), the PDF page or image read in a child
//! process held to a budget (`cli::sandbox`). Its exit code is the verdict's.

use std::process::ExitCode;

use crate::cli::args::VerifyArgs;
use crate::cli::{report, sandbox};
use crate::run::trust::TrustRequest;
use crate::run::verify::{self, VerifyRequest};
use crate::viet::Date;

pub(in crate::cli) fn run(a: VerifyArgs, today: Date) -> ExitCode {
    let state = a.state.or_else(crate::seal::seen::default_dir);
    let trust = TrustRequest { manifests: a.trust, revoked: a.revoked, root: a.root, state, today };
    // Without a code: look-up by name, số hiệu and date of birth (issue 32).
    let Some(input) = a.input else { return crate::cli::verify_lookup::run(&a.lookup, trust, a.json) };
    let request = VerifyRequest { input: &input, trust, read_page: Some(&sandbox::read_isolated) };
    let pades = match crate::cli::esign::pades(&input, &a.ca) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{} {e}", crate::t!("label-error"));
            return report::refused();
        }
    };
    let r = match verify::verify(&request) {
        Ok(r) => r,
        Err(e) => return report::failed(&e),
    };
    report::print_trusted(&r.trust);
    if a.json {
        println!(
            "{}",
            crate::cli::esign::pades_json(&crate::l10n::verdict::to_json(&r.report), pades.as_ref())
        );
    } else {
        print!("{}", crate::l10n::verdict::to_text(&r.report));
        if let Some(p) = &pades {
            print!("{}", crate::cli::esign::pades_text(p));
        }
    }
    // A PDF changed after signing (or, with --ca, signed by no given CA) fails even when its
    // QR code is genuine.
    match r.report.verdict.exit_code() {
        0 if pades.as_ref().is_some_and(|p| p.fails()) => ExitCode::from(1),
        code => ExitCode::from(code),
    }
}
