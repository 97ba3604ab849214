//! The verification page's words (`T` in `page/app.js`), made from the catalogues
//! (`src/l10n/vi.ftl`, `en.ftl`) when `site` writes the page: no hand-kept copy. Each row is the
//! text's place in the page's JSON (`valid/0` is the first of the verdict's three texts, `whys/x`
//! an entry of an object), its message id, and the arguments the page fills in itself (left as
//! `{name}`).

use crate::l10n::{pattern_in, Lang};

/// (place in the page's JSON, message id — empty for an empty text —, arguments left as holes).
const TABLE: &[(&str, &str, &[&str])] = &[
    ("valid/0", "page-valid-head", &[]),
    ("valid/1", "page-valid-short", &[]),
    ("valid/2", "page-valid-why", &[]),
    ("invalid/0", "page-invalid-head", &[]),
    ("invalid/1", "page-invalid-short", &[]),
    ("invalid/2", "page-invalid-why", &[]),
    ("unknown_key/0", "page-unknown-key-head", &[]),
    ("unknown_key/1", "page-unknown-key-short", &[]),
    ("unknown_key/2", "page-unknown-key-why", &[]),
    ("revoked/0", "page-revoked-head", &[]),
    ("revoked/1", "page-revoked-short", &[]),
    ("revoked/2", "page-revoked-why", &[]),
    ("malformed/0", "page-malformed-head", &[]),
    ("malformed/1", "page-malformed-short", &[]),
    ("malformed/2", "page-malformed-why", &[]),
    ("compromised/0", "page-compromised-head", &[]),
    ("compromised/1", "page-compromised-short", &[]),
    ("compromised/2", "page-compromised-why", &[]),
    ("no_code/0", "page-no-code-head", &[]),
    ("no_code/1", "page-no-code-short", &[]),
    ("no_code/2", "page-no-code-why", &[]),
    ("revocation_unchecked/0", "page-revocation-unchecked-head", &[]),
    ("revocation_unchecked/1", "page-revocation-unchecked-short", &[]),
    ("revocation_unchecked/2", "page-revocation-unchecked-why", &[]),
    ("cannot_check/0", "page-cannot-check-head", &[]),
    ("cannot_check/1", "page-cannot-check-short", &[]),
    ("cannot_check/2", "page-cannot-check-why", &[]),
    ("checking/0", "page-checking-head", &[]),
    ("checking/1", "page-checking-short", &[]),
    ("checking/2", "", &[]),
    ("whys/noSigningDate", "page-whys-no-signing-date", &["began", "from", "kid"]),
    ("whys/future", "page-whys-future", &["signed", "today"]),
    ("whys/listOlderWhy", "page-whys-list-older-why", &["seen", "seq"]),
    ("whys/listWithheldWhy", "page-whys-list-withheld-why", &["seen"]),
    ("whys/unknownKey", "page-whys-unknown-key", &["kid"]),
    ("whys/algMismatch", "page-whys-alg-mismatch", &[]),
    ("whys/algUnsupported", "page-whys-alg-unsupported", &[]),
    ("whys/signature", "page-whys-signature", &[]),
    ("whys/highS", "page-whys-high-s", &[]),
    ("whys/compromised", "page-whys-compromised", &["kid", "since"]),
    ("whys/compromisedOld", "page-whys-compromised-old", &["kid", "since"]),
    ("whys/window", "page-whys-window", &["from", "kid", "signed", "until"]),
    ("whys/noWebCrypto", "page-whys-no-web-crypto", &[]),
    ("whys/cp1258", "page-whys-cp1258", &[]),
    ("whys/trust", "page-whys-trust", &[]),
    ("whys/older", "page-whys-older", &["seen", "seq"]),
    ("whys/malformed", "page-whys-malformed", &[]),
    ("issuer", "page-issuer", &[]),
    ("compare", "page-compare", &[]),
    ("revokedOn", "page-revoked-on", &[]),
    ("reason", "page-reason", &[]),
    ("listDate", "page-list-date", &[]),
    ("noList", "page-no-list", &[]),
    ("reasons/issued_in_error", "page-reasons-issued-in-error", &[]),
    ("reasons/superseded", "page-reasons-superseded", &[]),
    ("reasons/fraud", "page-reasons-fraud", &[]),
    ("other", "page-other", &[]),
    ("privacy", "page-privacy", &[]),
    ("title", "page-title", &[]),
    ("detail", "page-detail", &[]),
    ("unknown", "page-unknown", &[]),
    ("note", "page-note", &[]),
    ("noteLedgered", "page-note-ledgered", &[]),
    ("noteListOutdated", "page-note-list-outdated", &[]),
    ("listWithheld", "page-list-withheld", &[]),
    ("listOlder", "page-list-older", &[]),
    ("oldLedger", "page-old-ledger", &[]),
    // Look-up without the QR (issue 32).
    ("lookup/0", "lookup-page-form-head", &[]),
    ("lookup/1", "lookup-page-form-short", &[]),
    ("lookup/2", "lookup-page-form-why", &[]),
    ("not_found/0", "lookup-page-not-found-head", &[]),
    ("not_found/1", "lookup-page-not-found-short", &[]),
    ("not_found/2", "lookup-page-not-found-why", &[]),
    ("lookup_unavailable/0", "lookup-page-unavailable-head", &[]),
    ("lookup_unavailable/1", "lookup-page-unavailable-short", &[]),
    ("lookup_unavailable/2", "lookup-page-unavailable-why", &[]),
    ("lookupLink", "lookup-page-link", &[]),
    ("lookupName", "lookup-page-name", &[]),
    ("lookupSerial", "lookup-page-serial", &[]),
    ("lookupBirth", "lookup-page-birth", &[]),
    ("lookupBirthHint", "lookup-page-birth-hint", &[]),
    ("lookupButton", "lookup-page-button", &[]),
    ("lookupPrivacy", "lookup-page-privacy", &[]),
    ("lookupMissing", "lookup-page-missing", &[]),
    ("lookupBadBirth", "lookup-page-bad-birth", &[]),
    ("lookupFound", "lookup-page-found", &[]),
];

/// The page's words in both languages, as JSON: `{"vi": {…}, "en": {…}}`.
pub fn page_texts() -> String {
    let mut all = serde_json::Map::new();
    for (lang, tag) in [(Lang::Vi, "vi"), (Lang::En, "en")] {
        let mut texts = serde_json::Map::new();
        for (place, id, holes) in TABLE {
            let words = if id.is_empty() { String::new() } else { pattern_in(lang, id, holes) };
            put(&mut texts, place, words);
        }
        // Words the CLI says too, in its own messages' wording (issue 28, item 11).
        put(&mut texts, "outOfCalendar", pattern_in(lang, "err-claims-out-of-calendar", &["field"]));
        all.insert(tag.to_string(), serde_json::Value::Object(texts));
    }
    crate::util::json::json_string(&serde_json::Value::Object(all))
}

/// Puts `words` at `place` (`a`, `a/b` in an object, `a/0` in an array).
fn put(texts: &mut serde_json::Map<String, serde_json::Value>, place: &str, words: String) {
    use serde_json::Value;
    match place.split_once('/') {
        None => {
            texts.insert(place.to_string(), Value::String(words));
        }
        Some((group, index)) => match index.parse::<usize>() {
            Ok(i) => {
                let slot = texts.entry(group.to_string()).or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(list) = slot {
                    if list.len() <= i {
                        list.resize(i + 1, Value::String(String::new()));
                    }
                    list[i] = Value::String(words);
                }
            }
            Err(_) => {
                let slot =
                    texts.entry(group.to_string()).or_insert_with(|| Value::Object(serde_json::Map::new()));
                if let Value::Object(map) = slot {
                    map.insert(index.to_string(), Value::String(words));
                }
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_in_both_languages_and_no_hole_is_left_unnamed() {
        let t: serde_json::Value = serde_json::from_str(&page_texts()).unwrap();
        for tag in ["vi", "en"] {
            assert_eq!(t[tag]["valid"][0], if tag == "vi" { "HỢP LỆ" } else { "VALID" });
            assert_eq!(t[tag]["checking"][2], "");
            for (place, id, holes) in TABLE {
                let mut v = &t[tag];
                for part in place.split('/') {
                    v = match part.parse::<usize>() {
                        Ok(i) => &v[i],
                        Err(_) => &v[part],
                    };
                }
                let s = v.as_str().unwrap_or_else(|| panic!("{tag} {place}"));
                assert!(id.is_empty() || !s.is_empty(), "{tag} {place}");
                assert!(!s.contains(&format!("{{{id}}}")) && !s.contains('$'), "{tag} {place}: {s}");
                for h in *holes {
                    assert!(s.contains(&format!("{{{h}}}")), "{tag} {place} keeps {{{h}}}: {s}");
                }
            }
        }
    }
}
