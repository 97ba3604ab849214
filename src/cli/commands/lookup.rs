//! `register find` and `register show`: a clerk looks a person or a certificate up in the sổ
//! gốc without exporting it, and reads one entry whole (status in words, blanks, file, history).

use std::path::Path;
use std::process::ExitCode;

use super::Outcome;
use crate::cli::report;
use crate::register::Register;
use crate::run::{self, RunError};
use crate::seal::verify;
use crate::t;

/// At most this many entries are listed by `register find`: past that, a clerk narrows the search.
const FIND_SHOWN: usize = 50;

pub(in crate::cli) fn find(register: &Path, text: &str) -> Outcome {
    let reg = open_to_read(register)?;
    let text: String = unicode_normalization::UnicodeNormalization::nfc(text.trim()).collect();
    let (rows, total) = reg.find(&text, FIND_SHOWN)?;
    let mut lines: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{}  {}  {}  {}  {}  {}",
                r.so_hieu,
                r.so_vao_so.as_deref().unwrap_or("—"),
                r.ho_ten,
                r.ngay_sinh,
                t!("find-batch", batch = r.batch.as_str()),
                status_words(r)
            )
        })
        .collect();
    if total > rows.len() {
        lines.push(t!("find-more", shown = rows.len(), total = total));
    }
    lines.push(t!("find-summary", text = text.as_str(), n = total));
    print_lines(&lines);
    Ok(if total == 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

pub(in crate::cli) fn show(register: &Path, serial: &str) -> Outcome {
    let reg = open_to_read(register)?;
    let serial: String = unicode_normalization::UnicodeNormalization::nfc(serial.trim()).collect();
    let r = reg.certificate(&serial)?;
    let mut lines = Vec::new();
    let mut line = |label: &str, value: &str| {
        lines.push(format!("{:<16}{value}", format!("{}:", crate::l10n::tr(label, &[]))))
    };
    line("show-serial", &r.so_hieu);
    line("show-entry", r.so_vao_so.as_deref().unwrap_or("—"));
    line("show-name", &r.ho_ten);
    line("show-birth", &r.ngay_sinh);
    line("show-issued", &verify::day(&r.issue_date));
    line("show-batch", &r.batch);
    line("show-status", &status_words(&r));
    if let Some(d) = r.decision.as_deref() {
        line("show-decision", d);
    }
    for (id, label) in [(r.supersedes, "show-supersedes"), (r.superseded_by, "show-superseded-by")] {
        if let Some(other) = id.map(|id| reg.entry(id)).transpose()?.flatten() {
            line(label, &format!("{} ({})", other.so_hieu, other.ho_ten));
        }
    }
    let blanks = reg.blanks_of(r.id)?;
    if !blanks.is_empty() {
        line("show-blanks", &blanks.join(", "));
    }
    line("show-file", r.pdf.as_ref().map_or("—", |(p, _)| p.as_str()));
    lines.push(t!("show-history"));
    for (date, event, detail) in reg.history_of(r.id)? {
        // The reasons are kept as the list's codes: shown in words.
        let detail = ["issued_in_error", "fraud", "superseded"]
            .iter()
            .fold(detail, |d, code| d.replace(code, &crate::l10n::verdict::reason_words(code)));
        lines.push(format!("  {}  {}  {detail}", verify::day(&date), event_words(&event)));
    }
    print_lines(&lines);
    Ok(ExitCode::SUCCESS)
}

/// Prints lines on standard output, stopping quietly when its reader has gone
/// (`register find … | head`): a closed pipe is not an error of ours.
fn print_lines(lines: &[String]) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for l in lines {
        if writeln!(out, "{l}").is_err() {
            return;
        }
    }
    let _ = out.flush();
}

/// The register for reading: waits (saying so) while a run holds it.
fn open_to_read(register: &Path) -> Result<Register, RunError> {
    run::open_register(register, false, &report::waiting)
}

/// An entry's status in words, with its day and reason when withdrawn.
fn status_words(r: &crate::register::CertRow) -> String {
    use crate::register::Status;
    let day = r.status_date.as_deref().map(verify::day).unwrap_or_default();
    let reason = r.reason.as_deref().map(crate::l10n::verdict::reason_words).unwrap_or_default();
    match r.status {
        Status::Issued => t!("status-issued"),
        Status::Reissued => t!("status-reissued", day = day),
        Status::Revoked => t!("status-revoked", day = day, reason = reason),
        Status::Spoiled => t!("status-spoiled"),
    }
}

/// A history event as words.
fn event_words(event: &str) -> String {
    match event {
        "issued" => t!("event-issued"),
        "reissued" => t!("event-reissued"),
        "revoked" => t!("event-revoked"),
        "revocation reason changed" => t!("event-reason-changed"),
        "printed on blank" => t!("event-printed-on-blank"),
        "blank spoiled" => t!("event-blank-spoiled"),
        other => other.to_string(),
    }
}
