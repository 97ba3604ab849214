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
    let request = VerifyRequest { input: &a.input, trust, read_page: Some(&sandbox::read_isolated) };
    let r = match verify::verify(&request) {
        Ok(r) => r,
        Err(e) => return report::failed(&e),
    };
    report::print_trusted(&r.trust);
    if a.json {
        println!("{}", crate::l10n::verdict::to_json(&r.report));
    } else {
        print!("{}", crate::l10n::verdict::to_text(&r.report));
    }
    ExitCode::from(r.report.verdict.exit_code())
}
