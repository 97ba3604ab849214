//! The index of an issuer's published issuance ledgers, `ledgers.json` beside `trust.json`
//! (docs/spec/verification-qr.md §3.5.2): which ledger file belongs to which signing key, so that
//! the verification page fetches the ledgers of a compromised key at verification time instead of
//! only those embedded when the site was made (issue 28, item 10).
//!
//! The index is not signed and needs no signature: it only says where to look. Every ledger it
//! names is checked on its own (root signature, count, Merkle root, its `kid`), so an altered or
//! withheld index can hide a ledger — a genuine certificate of a compromised key then cannot be
//! verified — but never makes a forgery pass.
//!
//! In: the key folder's `ledger/*.json` (or the ledgers `site` publishes). Out: the JSON text.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::seal::trust::{self, TrustError, TrustedIssuer};

/// The index's file name, beside the manifest (in the key folder and in `.well-known/vncert/`).
pub const FILE: &str = "ledgers.json";
/// Its `format`.
pub const FORMAT: &str = "vncert-ledger-index/1";

/// One ledger the index names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// The signing key its certificates carry, hex (as the ledger says).
    pub kid: String,
    /// Its path relative to the index: `ledger/NAME.json` (its signature is `NAME.json.sig`).
    pub file: String,
}

#[derive(Serialize)]
struct Index<'a> {
    format: &'static str,
    ledgers: &'a [Entry],
}

/// The index's text: `entries` sorted by key, then file.
pub fn to_json(entries: &[Entry]) -> Vec<u8> {
    let mut sorted = entries.to_vec();
    sorted.sort();
    sorted.dedup();
    crate::util::json::pretty(&Index { format: FORMAT, ledgers: &sorted })
}

/// The ledgers of `folder` (`*.json`, by name) that `issuer`'s root signed, each read and checked
/// as `verify` reads it; those that cannot be read or do not check are returned beside them, to
/// be said once and left out (issue 28, item 9).
pub fn read_folder(
    folder: &Path,
    issuer: &TrustedIssuer,
) -> (Vec<(PathBuf, trust::Ledger)>, Vec<TrustError>) {
    let Ok(entries) = std::fs::read_dir(folder) else { return (Vec::new(), Vec::new()) };
    let mut paths: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    paths.sort();
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    for p in paths {
        match trust::load_ledger(&p, std::slice::from_ref(issuer)) {
            Ok((ledger, _)) => good.push((p, ledger)),
            Err(e) => bad.push(e),
        }
    }
    (good, bad)
}

/// The index entry of a ledger file of the folder `ledger/`.
pub fn entry(path: &Path, ledger: &trust::Ledger) -> Entry {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Entry { kid: ledger.kid.to_ascii_lowercase(), file: format!("{}/{name}", crate::seal::keys::LEDGERS) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_is_sorted_and_names_each_ledger_once() {
        let e = |kid: &str, file: &str| Entry { kid: kid.into(), file: file.into() };
        let text = String::from_utf8(to_json(&[
            e("bb000001", "ledger/bb000001-lop-b.json"),
            e("aa000001", "ledger/aa000001-lop-a.json"),
            e("bb000001", "ledger/bb000001-lop-b.json"),
        ]))
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["format"], FORMAT);
        let files: Vec<&str> =
            v["ledgers"].as_array().unwrap().iter().map(|l| l["file"].as_str().unwrap()).collect();
        assert_eq!(files, ["ledger/aa000001-lop-a.json", "ledger/bb000001-lop-b.json"]);
    }
}
