//! `issue`: signed certificates, numbered in the register, with their verification QR code; then
//! the revocation list (for certificates replaced) and the issuance ledgers, when the root key
//! is at hand. The issuing itself is the register's (`run::issue`).

use std::path::Path;
use std::process::ExitCode;

use crate::batch::{self, BatchConfig};
use crate::cli::args::IssueArgs;
use crate::cli::report::{self, Bar};
use crate::input::roster::Roster;
use crate::run::issue::{self, IssueOptions};
use crate::run::publish::{self, Publishing};
use crate::run::{self, RunError, Variables, Written};
use crate::seal::keys;
use crate::t;
use crate::viet::Date;

use super::Outcome;

pub(in crate::cli) fn run(a: IssueArgs, today: Date) -> Outcome {
    let loaded = run::load(&a.input.to_input(a.output.name.as_deref()), today)?;
    report::print_loaded(&loaded);
    let run::Loaded { roster, mut cfg, .. } = loaded;
    a.output.settings().apply(&mut cfg);
    // Refused before the register is even opened: nothing is numbered, nothing is written.
    let variables = Variables::of_batch(&cfg, &roster);
    report::print_variables(&variables, false);
    if !variables.missing.is_empty() || !variables.placeholders.is_empty() {
        let refused = if variables.placeholders.is_empty() {
            t!("var-missing-refused-issue")
        } else {
            t!("placeholder-refused")
        };
        eprintln!("{refused}");
        return Ok(report::refused());
    }
    attach_signer(&mut cfg, &a.keys, today)?;
    cfg.esign = crate::cli::esign::job(&a.esign)?;
    let batch_name = a.register.batch.clone().unwrap_or_else(|| {
        a.input
            .roster
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| roster.file.to_string())
    });
    let roster_path = std::fs::canonicalize(&a.input.roster).unwrap_or_else(|_| a.input.roster.clone());
    let signed_batch = (batch_name.clone(), cfg.esign.is_some());
    let opts = IssueOptions {
        batch: batch_name,
        batch_named: a.register.batch.is_some(),
        roster_path: roster_path.display().to_string(),
        reissue: a.register.reissue,
        today,
        blanks: a.blanks,
        replace_merged: a.register.replace_merged,
    };
    let files =
        Files { out: a.output.out.as_deref(), merged: a.output.merged.as_deref(), quiet: a.output.quiet };
    let keys = Publishing { keys: &a.keys, root_key: a.root_key.as_deref(), today };
    let (code, _) = issue_and_say(roster, &mut cfg, &a.register.register, keys, &opts, files)?;
    crate::cli::esign::record_files(&a.register.register, &signed_batch.0, signed_batch.1)?;
    Ok(code)
}

/// Where an issued batch is written.
pub(super) struct Files<'a> {
    /// The folder for one PDF per certificate.
    pub out: Option<&'a Path>,
    /// The print file.
    pub merged: Option<&'a Path>,
    /// No progress bar.
    pub quiet: bool,
}

/// Issues the batch into `register`, publishes what the root key signs, and prints the summary.
pub(super) fn issue_and_say(
    roster: Roster,
    cfg: &mut BatchConfig,
    register: &Path,
    keys: Publishing<'_>,
    opts: &IssueOptions,
    files: Files<'_>,
) -> Result<(ExitCode, Written), RunError> {
    let mut reg = run::open_register(register, true, &report::waiting)?;
    let bar = Bar::new(files.quiet);
    let r = batch::in_pool(cfg.jobs, || {
        issue::issue(roster, cfg, &mut reg, opts, files.out, files.merged, &bar)
    })?;
    let w = Written::from_batch(r.batch, &cfg.template);
    for p in &w.skipped {
        report::print_problem(p);
    }
    report::print_notes(&w.notes, &w.shrunk);
    for (origin, serial) in &r.revoked {
        let kept = t!("issue-revoked-kept", origin = origin.to_string(), serial = serial.as_str());
        eprintln!("{} {kept}", t!("label-note"));
    }
    // Certificates replaced by this run (or an earlier one whose list could not be signed) go
    // into the published revocation list; without the root key that waits, with a warning.
    match publish::revocations_if_pending(&reg, keys)? {
        Some(Ok(published)) => report::print_revocations(&published),
        Some(Err(e)) => {
            eprintln!("{} {}: {e}", t!("label-warning"), t!("issue-revocations-waiting"));
            eprintln!("{} {}", t!("label-hint"), t!("issue-revocations-hint"));
        }
        None => {}
    }
    report::print_ledgers(&publish::ledgers(&reg, keys)?);
    let reissued =
        if r.reissued > 0 { format!(" {}", t!("issue-reissued", n = r.reissued)) } else { String::new() };
    print!(
        "{}",
        t!(
            "issue-summary",
            register = register.display().to_string(),
            new = r.new,
            reissued = reissued,
            unchanged = r.unchanged
        )
    );
    let pdfa = if w.pdf_a { "PDF/A-2b" } else { "PDF" };
    if let Some(dir) = files.out {
        let dir = dir.display().to_string();
        print!("; {}", t!("issue-summary-files", written = w.written, pdfa = pdfa, dir = dir, kept = w.kept));
    }
    if let Some(file) = files.merged.and(w.merged.clone()) {
        let pages = w.merged_pages;
        let said = if w.merged_kept {
            t!("issue-summary-merged-kept", file = file, pages = pages)
        } else {
            t!("issue-summary-merged", file = file, pages = pages)
        };
        print!("; {said}");
    }
    if let Some(tray) = &r.tray {
        match &tray.range {
            Some((first, last)) => print!(
                "; {}",
                t!("issue-summary-tray", n = tray.count, first = first.as_str(), last = last.as_str())
            ),
            None => print!("; {}", t!("issue-summary-tray-none")),
        }
    }
    if w.skipped_records > 0 {
        println!("; {}", t!("summary-skipped", n = w.skipped_records));
        return Ok((ExitCode::from(report::SOME_SKIPPED), w));
    }
    println!();
    Ok((ExitCode::SUCCESS, w))
}

/// Loads the key that signs on `today` and the manifest from `dir` into the batch: issue mode.
/// Every code it signs carries today as its signing date (claim 15).
pub(super) fn attach_signer(cfg: &mut BatchConfig, dir: &Path, today: Date) -> Result<(), RunError> {
    let (key, issuer) = keys::load_for_issue(dir, today)?;
    let host = issuer.manifest.issuer.domain.clone();
    cfg.vars.insert("host".into(), host.clone());
    let mut signer = batch::Signer::new(key, host, &cfg.template, today)?;
    signer.issuer_kids = issuer.keys.iter().map(|(_, k)| k.kid).collect();
    cfg.signer = Some(signer);
    Ok(())
}
