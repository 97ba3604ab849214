//! Where the command line chooses its words: errors with their cause chain and hint, problems
//! of records, notes and warnings, what publishing signed, the progress bar — and the exit
//! codes of `docs/spec/cli.md`. stdout carries results; stderr carries progress and
//! diagnostics. Each problem is printed as `error: <file>: record N (line L), column C: …`
//! followed by `hint: …`.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use crate::batch::BatchError;
use crate::error::Problem;
use crate::run::progress::{Phase, Progress};
use crate::run::publish::{Ledgers, Revocations};
use crate::run::trust::Trusted;
use crate::run::{Loaded, RunError, ShrunkText, Variables};
use crate::t;

/// Exit code: nothing written (bad input, bad template, bad key, I/O error).
pub(super) const NOTHING_WRITTEN: u8 = 2;
/// Exit code: some records skipped, or problems found.
pub(super) const SOME_SKIPPED: u8 = 1;

/// The exit code for "nothing written".
pub(super) fn refused() -> ExitCode {
    ExitCode::from(NOTHING_WRITTEN)
}

/// Said while another run holds the register.
pub(super) fn waiting(register: &Path) {
    eprintln!("{}", t!("register-waiting", file = register.display().to_string()))
}

/// How the roster was read, and its warnings.
pub(super) fn print_loaded(loaded: &Loaded) {
    for n in &loaded.notes {
        eprintln!("{} {}: {n}", t!("label-note"), loaded.roster.file);
    }
    for w in &loaded.roster.warnings {
        eprintln!("{} {w}", t!("label-warning"));
    }
}

/// Says which required variables nothing gives, each by its label with how to give it, then
/// which placeholder variables are left, each with how to set it (for a draft: that it may stay
/// for now).
pub(super) fn print_variables(v: &Variables, draft: bool) {
    for m in &v.missing {
        eprintln!(
            "{} {}",
            t!("label-error"),
            t!("var-missing", label = m.text.as_str(), name = m.name.as_str())
        );
        eprintln!("{} {}", t!("label-hint"), t!("var-missing-hint", name = m.name.as_str()));
    }
    for p in &v.placeholders {
        let line = t!("placeholder-left", name = p.name.as_str(), value = p.text.as_str());
        if draft {
            eprintln!("{} {line} {}", t!("label-warning"), t!("placeholder-draft"));
        } else {
            eprintln!("{} {line}", t!("label-error"));
            eprintln!("{} {}", t!("label-hint"), t!("placeholder-hint", name = p.name.as_str()));
        }
    }
}

/// What loading the trust left out.
pub(super) fn print_trusted(t: &Trusted) {
    for e in &t.skipped {
        eprintln!("{} {}", t!("label-warning"), t!("ledger-skipped", error = e.to_string()));
    }
    if let Some(n) = &t.not_saved {
        let said = t!("seen-not-saved", file = n.file.as_str(), error = n.error.as_str());
        eprintln!("{} {said}", t!("label-warning"));
    }
}

/// The revocation list published.
pub(super) fn print_revocations(r: &Revocations) {
    let file = r.file.display().to_string();
    if r.written {
        eprintln!("{}", t!("revocations-written", file = file, n = r.entries))
    } else {
        eprintln!("{}", t!("revocations-unchanged", file = file, n = r.entries))
    }
}

/// What became of the issuance ledgers.
pub(super) fn print_ledgers(l: &Ledgers) {
    match l {
        Ledgers::UpToDate => {}
        Ledgers::Waiting { certificates, root } => eprintln!(
            "{} {}",
            t!("label-warning"),
            t!("ledger-waiting", certificates = *certificates, root = root.display().to_string())
        ),
        Ledgers::Signed(done) => {
            for p in &done.written {
                eprintln!("{}", t!("ledger-written", file = p.display().to_string()));
            }
            for e in &done.skipped {
                eprintln!("{} {}", t!("label-warning"), t!("ledger-skipped", error = e.to_string()));
            }
            if let Some(index) = &done.index {
                eprintln!("{}", t!("ledger-index-written", file = index.display().to_string()));
            }
            if done.upgraded > 0 {
                eprintln!("{}", t!("ledger-upgraded", n = done.upgraded));
            }
            for (path, gone) in &done.not_upgraded {
                eprintln!(
                    "{} {}",
                    t!("label-warning"),
                    t!("ledger-not-upgraded", file = path.display().to_string(), n = *gone)
                );
            }
            for (batch, kid) in &done.withheld {
                eprintln!(
                    "{} {}",
                    t!("label-warning"),
                    t!("ledger-withheld", batch = batch.as_str(), kid = kid.as_str())
                );
            }
        }
        Ledgers::NotSigned { error } => {
            eprintln!("{} {}: {error}", t!("label-warning"), t!("ledger-not-signed"));
            if let Some(h) = error.hint() {
                eprintln!("{} {h}", t!("label-hint"));
            }
        }
    }
}

/// What was read generously (each with its hint), and every text set smaller than its template
/// asks, so that the clerk can look at those pages.
pub(super) fn print_notes(notes: &[Problem], shrunk: &[ShrunkText]) {
    for n in notes {
        eprintln!("{} {n}", t!("label-note"));
        if let Some(h) = n.error.hint() {
            eprintln!("{} {h}", t!("label-hint"));
        }
    }
    for s in shrunk {
        eprintln!(
            "{} {}",
            t!("label-note"),
            t!(
                "note-shrunk",
                origin = s.origin.to_string(),
                element = s.label.as_str(),
                from = format!("{:.1}", s.from_pt),
                to = format!("{:.1}", s.to_pt)
            )
        );
    }
}

/// One problem of a record, with its hint.
pub(super) fn print_problem(p: &Problem) {
    eprintln!("{} {p}", t!("label-error"));
    if let Some(h) = p.error.hint() {
        eprintln!("{} {h}", t!("label-hint"));
    }
}

/// Prints what stopped a command, with its causes and its hint; the exit code is
/// [`NOTHING_WRITTEN`].
pub(super) fn failed(e: &RunError) -> ExitCode {
    report(e);
    refused()
}

fn report(e: &RunError) {
    let hint: Option<String> = match e {
        RunError::Batch(BatchError::Invalid { problems, .. }) => {
            for p in problems {
                print_problem(p);
            }
            None
        }
        // Each error knows its own hint, written where the error is made.
        RunError::Template(t) => t.hint(),
        RunError::Roster(r) => r.hint(),
        RunError::Batch(b) => b.hint(),
        RunError::Keys(k) => k.hint(),
        RunError::Trust(t) => t.hint(),
        RunError::Register(r) => r.hint(),
        RunError::Site(s) => s.hint(),
        RunError::Issue(i) => i.hint(),
        RunError::Seen(s) => s.hint(),
        RunError::Print(p) => p.hint(),
        RunError::Pdf(p) => p.hint(),
        RunError::Esign(e) => e.hint(),
        RunError::NoShardIndex(_)
        | RunError::NeedRoot(_)
        | RunError::NoForce(_)
        | RunError::Listen { .. }
        | RunError::Paper(_)
        | RunError::Serve(_) => None,
        RunError::Export(_) | RunError::Io(_) => None,
    };
    // This layer's own errors are data: worded here, in the run's language.
    let (mut said, hints) = match e.diagnostic() {
        Some(d) => crate::l10n::word_in(crate::l10n::lang(), &d),
        None => (e.to_string(), hint.into_iter().collect()),
    };
    eprintln!("{} {said}", t!("label-error"));
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        // thiserror's transparent variants repeat their source's message, and some errors say
        // their cause's words within their own: print each cause once, and only if not yet said.
        let words = c.to_string();
        if !said.contains(&words) {
            eprintln!("{} {}", t!("label-caused-by"), cause_in_words(c));
            said.push('\n');
            said.push_str(&words);
        }
        cause = c.source();
    }
    for h in hints {
        eprintln!("{} {h}", t!("label-hint"));
    }
}

/// A cause as the clerk reads it: the operating system's commonest answers in the run's
/// language (its own words are English), anything else as it says it.
fn cause_in_words(c: &(dyn std::error::Error + 'static)) -> String {
    use std::io::ErrorKind;
    let Some(io) = c.downcast_ref::<std::io::Error>() else { return c.to_string() };
    match io.kind() {
        ErrorKind::NotFound => t!("os-not-found"),
        ErrorKind::PermissionDenied => t!("os-permission-denied"),
        ErrorKind::AlreadyExists => t!("os-already-exists"),
        ErrorKind::IsADirectory => t!("os-is-a-directory"),
        ErrorKind::NotADirectory => t!("os-not-a-directory"),
        ErrorKind::StorageFull => t!("os-storage-full"),
        ErrorKind::ReadOnlyFilesystem => t!("os-read-only"),
        _ => io.to_string(),
    }
}

/// The progress bar, drawn from the workflows' progress events: on stderr, only when stderr is
/// a terminal.
pub(super) struct Bar {
    bar: Option<indicatif::ProgressBar>,
}

impl Bar {
    pub(super) fn new(quiet: bool) -> Bar {
        let show = !quiet && std::io::stderr().is_terminal();
        Bar { bar: show.then(indicatif::ProgressBar::hidden) }
    }
}

impl Progress for Bar {
    fn start(&self, phase: Phase, total: usize) {
        if let Some(b) = &self.bar {
            b.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            b.reset();
            b.set_length(total as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template(&format!(
                    "{{msg:>9}} [{{bar:40}}] {{pos}}/{{len}} ({{percent}}%) {} {{eta}}",
                    t!("progress-left")
                ))
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            b.set_message(crate::l10n::tr(phase.message_id(), &[]));
        }
    }
    fn advance(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }
    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
