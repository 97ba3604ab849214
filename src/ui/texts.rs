//! The page's words: the catalogues' `ui-` messages the page shows, in the run's language, as one
//! JSON object (`/texts.json`), each argument left as `{name}` for the page to fill in
//! (`l10n::pattern_in`, as the verification page does). Listing the ids here is also what tells
//! the catalogue test that they are used.

use crate::l10n::Lang;

/// Every message the page shows, with the names of its arguments.
pub const PAGE: &[(&str, &[&str])] = &[
    ("ui-lang", &[]),
    ("ui-title", &[]),
    ("ui-folder", &["folder"]),
    ("ui-tab-roster", &[]),
    ("ui-tab-vars", &[]),
    ("ui-tab-designer", &[]),
    ("ui-tab-issue", &[]),
    ("ui-tab-book", &[]),
    ("ui-tab-verify", &[]),
    ("ui-roster-file", &[]),
    ("ui-drop-hint", &[]),
    ("ui-roster-pick", &[]),
    ("ui-template", &[]),
    ("ui-vars-pick", &[]),
    ("ui-none", &[]),
    ("ui-reload", &[]),
    ("ui-opening", &["file"]),
    ("ui-roster-summary", &["file", "records", "valid", "bad", "ms"]),
    ("ui-mapping", &[]),
    ("ui-field", &[]),
    ("ui-column", &[]),
    ("ui-not-read", &[]),
    ("ui-records", &[]),
    ("ui-record", &[]),
    ("ui-problems", &[]),
    ("ui-problem", &[]),
    ("ui-hint", &[]),
    ("ui-kind-error", &[]),
    ("ui-kind-warning", &[]),
    ("ui-kind-note", &[]),
    ("ui-also-in", &["n"]),
    ("ui-save-corrected", &[]),
    ("ui-saved-corrected", &["file"]),
    ("ui-preview", &[]),
    ("ui-prev", &[]),
    ("ui-next", &[]),
    ("ui-jump-longest", &[]),
    ("ui-jump-shrunk", &[]),
    ("ui-jump-problem", &[]),
    ("ui-preview-alt", &["record", "name"]),
    ("ui-preview-note", &["record", "ms", "total"]),
    ("ui-choose-roster", &[]),
    ("ui-vars-intro", &[]),
    ("ui-vars-name", &[]),
    ("ui-vars-replace", &[]),
    ("ui-vars-save", &[]),
    ("ui-vars-saved", &["file"]),
    ("ui-issue-what", &["file", "valid", "records"]),
    ("ui-passphrase", &[]),
    ("ui-blanks", &[]),
    ("ui-issue", &[]),
    ("ui-progress", &[]),
    ("ui-issue-running-state", &["batch", "written", "total", "seconds"]),
    ("ui-issue-done", &["batch", "seconds"]),
    ("ui-issue-failed", &["code"]),
    ("ui-merged-link", &[]),
    ("ui-production", &[]),
    ("ui-spoil-blank", &[]),
    ("ui-spoil-reason", &[]),
    ("ui-spoil", &[]),
    ("ui-calibrate", &[]),
    ("ui-open-file", &["file"]),
    ("ui-book-search", &[]),
    ("ui-book-results", &[]),
    ("ui-serial", &[]),
    ("ui-entry", &[]),
    ("ui-name", &[]),
    ("ui-birth", &[]),
    ("ui-batch", &[]),
    ("ui-status", &[]),
    ("ui-entry-title", &[]),
    ("ui-reason", &[]),
    ("ui-decision", &[]),
    ("ui-revoke", &[]),
    ("ui-reprint", &[]),
    ("ui-book-exports", &[]),
    ("ui-export-pdf", &[]),
    ("ui-export-xlsx", &[]),
    ("ui-export-csv", &[]),
    ("ui-export-blanks", &[]),
    ("ui-backup", &[]),
    ("ui-verify-file", &[]),
    ("ui-verify-text", &[]),
    ("ui-verify", &[]),
    ("ui-verdict", &[]),
    ("ui-verifying", &[]),
];

/// The page's words in `lang`.
pub fn json(lang: Lang) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = PAGE
        .iter()
        .map(|(id, names)| {
            (id.to_string(), serde_json::Value::String(crate::l10n::pattern_in(lang, id, names)))
        })
        .collect();
    serde_json::Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `data-t` and `t("…")` of the page is one of [`PAGE`], so no word is shown as its id.
    #[test]
    fn every_word_the_page_asks_for_is_served() {
        let page = [include_str!("page/index.html"), include_str!("page/app.js")].concat();
        let served: std::collections::BTreeSet<&str> = PAGE.iter().map(|(id, _)| *id).collect();
        let mut asked = std::collections::BTreeSet::new();
        for part in page.split('"') {
            if part.starts_with("ui-") && part.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                asked.insert(part.to_string());
            }
        }
        let missing: Vec<_> = asked.iter().filter(|a| !served.contains(a.as_str())).collect();
        assert!(missing.is_empty(), "the page asks for words not served: {missing:?}");
        for lang in [Lang::Vi, Lang::En] {
            let j = json(lang);
            for (id, names) in PAGE {
                let w = j[id].as_str().unwrap();
                assert_ne!(w, *id, "{id} has words in {lang:?}");
                for n in *names {
                    assert!(w.contains(&format!("{{{n}}}")), "{id} in {lang:?} says {{{n}}}");
                }
            }
        }
    }
}
