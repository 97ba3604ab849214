//! What this verifier has already seen: the highest `seq` of each issuer's trust manifest and
//! revocation list, by root key fingerprint (spec §3.5: "verifiers reject rollbacks").
//!
//! Without it, an older manifest or list — validly signed, and still on a mirror or in an old
//! e-mail — could be handed to `verify` to bring back a key since marked compromised or to
//! un-revoke a certificate. An older manifest is refused; a revocation list withheld or older
//! than one seen makes the verdict "cannot check revocation" (exit 7), never "valid". The state
//! is a small JSON file in the user's data folder (`$XDG_DATA_HOME/chungnhan`, else
//! `~/.local/share/chungnhan`; `--state DIR` moves it). The page keeps the same in the
//! browser's storage.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::util::diag::{Diagnose, Diagnostic, Message};
use crate::util::json;

/// The state file's name.
pub const FILE: &str = "seen.json";

/// The highest numbers seen of one issuer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highest {
    /// Of its trust manifest.
    pub manifest: u64,
    /// Of its revocation list.
    pub revocations: u64,
}

/// The state, as read from its file.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    path: Option<PathBuf>,
    /// As read: what a file given now must not be older than.
    before: BTreeMap<String, Highest>,
    /// As it will be written: the highest of before and everything admitted.
    roots: BTreeMap<String, Highest>,
}

/// An older manifest or list than one already seen, or a state file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SeenError {
    /// A rollback.
    #[error("{}", self.message())]
    Older {
        /// The file given.
        path: PathBuf,
        /// "trust manifest" or "revocation list".
        what: &'static str,
        /// Its seq.
        seq: u64,
        /// The highest seen.
        seen: u64,
        /// The state file.
        state: PathBuf,
    },
    /// The state file is not what this version writes.
    #[error("{}", self.message())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

impl SeenError {
    /// What it says, as data (worded at the edge).
    pub fn message(&self) -> Message {
        match self {
            SeenError::Older { path, what, seq, seen, .. } => Message::new("err-seen-older")
                .arg("path", path.display().to_string())
                .arg("what", crate::seal::trust::in_words(what))
                .arg("seq", seq.to_string())
                .arg("seen", seen.to_string()),
            SeenError::Unreadable { path, message, .. } => Message::new("err-seen-unreadable")
                .arg("path", path.display().to_string())
                .arg("message", message.to_string()),
        }
    }
}

impl Diagnose for SeenError {
    fn diagnostic(&self) -> Diagnostic {
        let hint = match self {
            SeenError::Older { state, .. } => {
                Message::new("hint-seen-older").arg("state", state.display().to_string())
            }
            SeenError::Unreadable { .. } => Message::new("hint-seen-unreadable"),
        };
        Diagnostic::new(self.message()).hint(hint)
    }
}

impl SeenError {
    /// What the user can do about it, in the words the edge installed (`util::diag`).
    pub fn hint(&self) -> Option<String> {
        self.diagnostic().hints.first().map(Message::to_string)
    }
}

/// The default folder: `$XDG_DATA_HOME/chungnhan`, else `$HOME/.local/share/chungnhan`
/// (`%APPDATA%\chungnhan` on Windows). None when there is no home to keep it in.
pub fn default_dir() -> Option<PathBuf> {
    let non_empty = |v: &str| std::env::var_os(v).filter(|s| !s.is_empty()).map(PathBuf::from);
    if cfg!(windows) {
        return non_empty("APPDATA").map(|d| d.join("chungnhan"));
    }
    non_empty("XDG_DATA_HOME")
        .or_else(|| non_empty("HOME").map(|h| h.join(".local").join("share")))
        .map(|d| d.join("chungnhan"))
}

impl Seen {
    /// Reads the state in `dir` (none yet: an empty state). `None`: nowhere to keep it, and
    /// nothing is remembered.
    pub fn load(dir: Option<&Path>) -> Result<Seen, SeenError> {
        let Some(dir) = dir else { return Ok(Seen::default()) };
        let path = dir.join(FILE);
        let roots = match std::fs::read(&path) {
            Ok(bytes) => json::parse(&bytes)
                .map_err(|e| SeenError::Unreadable { path: path.clone(), message: e.to_string() })?,
            Err(_) => BTreeMap::new(),
        };
        Ok(Seen { path: Some(path), before: roots.clone(), roots })
    }

    /// Checks a manifest or list of the root `fingerprint` against the highest seen before this
    /// run (of several given at once the newest is used, an older one among them is no rollback),
    /// and remembers it if it is higher.
    pub fn admit(
        &mut self,
        fingerprint: &str,
        what: &'static str,
        seq: u64,
        file: &Path,
    ) -> Result<(), SeenError> {
        let is_manifest = what == "trust manifest";
        let pick = |h: &Highest| if is_manifest { h.manifest } else { h.revocations };
        let before = self.before.get(fingerprint).map(pick).unwrap_or(0);
        if seq < before {
            return Err(SeenError::Older {
                path: file.to_path_buf(),
                what,
                seq,
                seen: before,
                state: self.path.clone().unwrap_or_default(),
            });
        }
        let h = self.roots.entry(fingerprint.to_string()).or_default();
        let slot = if is_manifest { &mut h.manifest } else { &mut h.revocations };
        *slot = (*slot).max(seq);
        Ok(())
    }

    /// The highest `seq` of the root `fingerprint`'s revocation list seen before this run (0:
    /// none). A list, once seen, is required afterwards: verification without it, or with an
    /// older one, cannot tell whether a code was revoked since ([`crate::seal::verify`]).
    pub fn list_seen_before(&self, fingerprint: &str) -> u64 {
        self.before.get(fingerprint).map_or(0, |h| h.revocations)
    }

    /// Writes the state back (creating its folder). A state that cannot be written is no
    /// reason to refuse a verification: the caller warns.
    pub fn save(&self) -> Result<(), std::io::Error> {
        let Some(path) = &self.path else { return Ok(()) };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let current = std::fs::read(path).ok();
        let bytes = json::pretty(&self.roots);
        if current.as_deref() == Some(&bytes[..]) {
            return Ok(());
        }
        crate::util::files::write_atomic(path, &bytes).map_err(|e| e.source)
    }

    /// Where it is kept.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_seq_is_refused_after_a_newer_one_was_seen() {
        let tmp = tempfile::tempdir().unwrap();
        let mut s = Seen::load(Some(tmp.path())).unwrap();
        s.admit("aa", "trust manifest", 3, Path::new("t.json")).unwrap();
        s.admit("aa", "revocation list", 1, Path::new("r.json")).unwrap();
        s.save().unwrap();
        let mut again = Seen::load(Some(tmp.path())).unwrap();
        assert!(matches!(
            again.admit("aa", "trust manifest", 2, Path::new("t.json")),
            Err(SeenError::Older { seq: 2, seen: 3, .. })
        ));
        again.admit("aa", "trust manifest", 3, Path::new("t.json")).unwrap();
        // Given together in one run with the newer one, an older copy is no rollback.
        again.admit("aa", "revocation list", 4, Path::new("r.json")).unwrap();
        again.admit("aa", "revocation list", 1, Path::new("r-old.json")).unwrap();
        // Another issuer's numbers are its own.
        again.admit("bb", "trust manifest", 1, Path::new("t.json")).unwrap();
    }
}
