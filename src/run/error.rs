//! The one error type of the workflows (and of the commands the command line runs itself): the
//! errors of every stage, carried as they are, so that `cli::report` can print each with its
//! cause chain and hint. The variants that are this layer's own are data first
//! ([`RunError::diagnostic`]: a message id, its arguments and hints, worded by `cli::report`);
//! their `Display` words that data in the run's language only for whoever prints an error
//! without choosing a language (a JSON report's `error` field).

use std::path::PathBuf;

use crate::batch::BatchError;
use crate::input::roster::RosterError;
use crate::register::RegisterError;
use crate::run::issue::IssueError;
use crate::seal::keys::KeysError;
use crate::seal::trust::TrustError;
use crate::template::TemplateError;
use crate::util::diag::{Diagnostic, Message};

/// Everything that stops a workflow or a command.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The template.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The roster.
    #[error(transparent)]
    Roster(#[from] RosterError),
    /// The batch (its records, its files).
    #[error(transparent)]
    Batch(#[from] BatchError),
    /// The key folder.
    #[error(transparent)]
    Keys(#[from] KeysError),
    /// A trust manifest, revocation list or ledger.
    #[error(transparent)]
    Trust(#[from] TrustError),
    /// The register.
    #[error(transparent)]
    Register(#[from] RegisterError),
    /// A register export.
    #[error(transparent)]
    Export(#[from] crate::printout::export::ExportError),
    /// The verification site.
    #[error(transparent)]
    Site(#[from] crate::site::SiteError),
    /// `site --serve` cannot listen on its port.
    #[error("{}", self.worded())]
    Listen {
        /// The port asked for.
        port: u16,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// `site --serve` stopped serving.
    #[error("{}", self.worded())]
    Serve(#[source] std::io::Error),
    /// Issuing (other than its batch, register or template).
    #[error(transparent)]
    Issue(IssueError),
    /// The record of manifests and lists seen before.
    #[error(transparent)]
    Seen(#[from] crate::seal::seen::SeenError),
    /// Printing again from the register.
    #[error(transparent)]
    Print(#[from] crate::run::print::PrintError),
    /// Writing a PDF.
    #[error(transparent)]
    Pdf(#[from] crate::render::pdf::PdfError),
    /// An electronic signature (issue 31): the .p12 or token, the key, the PIN.
    #[error(transparent)]
    Esign(#[from] crate::esign::EsignError),
    /// A file.
    #[error(transparent)]
    Io(#[from] crate::error::IoError),
    /// `calibrate`: a paper size not known.
    #[error("{}", self.worded())]
    Paper(String),
    /// `print --shard N` with no machine number in the environment.
    #[error("{}", self.worded())]
    NoShardIndex(usize),
    /// `keygen --force`: keys are never replaced.
    #[error("{}", self.worded())]
    NoForce(PathBuf),
    /// `revoke` without the root key: the list could not be published.
    #[error("{}", self.worded())]
    NeedRoot(#[source] KeysError),
}

impl From<IssueError> for RunError {
    fn from(e: IssueError) -> RunError {
        match e {
            IssueError::Batch(b) => RunError::Batch(b),
            IssueError::Register(r) => RunError::Register(r),
            IssueError::Template(t) => RunError::Template(t),
            e => RunError::Issue(e),
        }
    }
}

impl RunError {
    /// This error as data, for the variants that are this layer's own; `None` for a stage's
    /// error carried as it is (worded by its own `Display` and `hint()`).
    pub fn diagnostic(&self) -> Option<Diagnostic> {
        let d = match self {
            RunError::Listen { port, .. } => {
                Diagnostic::new(Message::new("err-cli-listen").arg("port", port.to_string()))
                    .hint(Message::new("hint-cli-listen"))
            }
            RunError::Serve(_) => Diagnostic::new(Message::new("err-cli-serve")),
            RunError::Paper(size) => Diagnostic::new(Message::new("err-cli-paper").arg("size", size))
                .hint(Message::new("hint-cli-paper")),
            RunError::NoShardIndex(n) => Diagnostic::new(Message::new("err-cli-no-shard-index").arg("n", *n))
                .hint(Message::new("hint-cli-shard")),
            RunError::NoForce(path) => {
                Diagnostic::new(Message::new("err-cli-no-force").arg("path", path.display().to_string()))
                    .hint(Message::new("hint-cli-no-force"))
            }
            RunError::NeedRoot(_) => {
                Diagnostic::new(Message::new("err-cli-need-root")).hint(Message::new("hint-cli-need-root"))
            }
            _ => return None,
        };
        Some(d)
    }

    /// The message of [`RunError::diagnostic`] in the run's language.
    fn worded(&self) -> String {
        self.diagnostic()
            .map(|d| crate::l10n::word_message_in(crate::l10n::lang(), &d.message))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_errors_are_data_with_their_hints() {
        let d = RunError::NoShardIndex(3).diagnostic().unwrap();
        assert_eq!(d.message.id, "err-cli-no-shard-index");
        assert_eq!(d.hints.len(), 1);
        let (said, hints) = crate::l10n::word_in(crate::l10n::Lang::En, &d);
        assert!(said.contains("--shard 3"), "{said}");
        assert!(!hints[0].is_empty());
        let io = std::io::Error::other("x");
        assert!(RunError::Serve(io).diagnostic().unwrap().hints.is_empty());
    }
}
