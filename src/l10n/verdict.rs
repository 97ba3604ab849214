//! The verify report in words: the edge where a verdict of the format code (`seal::verify`,
//! which holds no words) is said in the run's language — the verdict line, the reason, the
//! claims with their labels, the revocation and the notes — or written as `--json`.
//!
//! The reason (`Report::message`) and the warnings come as data (message ids with arguments);
//! this module and the web page word them from the same catalogues.

use crate::l10n::{lang, tr_in, word_message_in, Lang};
use crate::seal::claims::{ClaimDef, Claims};
use crate::seal::sign;
use crate::seal::verify::{IssuerField, ReadFrom, Report, Verdict, Warning};
use crate::viet::day;

/// A claim's label in `lang` (`Họ và tên`, `Name`): the claims table keeps both.
pub fn claim_label(def: &ClaimDef, lang: Lang) -> &'static str {
    match lang {
        Lang::En => def.en,
        Lang::Vi => def.vi,
    }
}

/// The verdict, as one line in the run's language.
fn headline(v: Verdict) -> String {
    let id = match v {
        Verdict::Valid => "verify-valid",
        Verdict::Invalid => "verify-invalid",
        Verdict::UnknownKey => "verify-unknown-key",
        Verdict::Revoked => "verify-revoked",
        Verdict::NoCode => "verify-no-code",
        Verdict::Malformed => "verify-malformed",
        Verdict::KeyCompromised => "verify-key-compromised",
        Verdict::RevocationUnchecked => "verify-revocation-unchecked",
    };
    tr_in(lang(), id, &[])
}

/// The verdict in a word or two of the run's language ("KHÔNG HỢP LỆ"): its headline up to the
/// dash, for a sentence that names it (never the id `invalid` in a Vietnamese sentence).
pub fn verdict_words(v: Verdict) -> String {
    let line = headline(v);
    line.split(" — ").next().unwrap_or(&line).to_string()
}

/// A revocation reason in words (`cấp sai`), or the code as it is when it is not one of the
/// list's reasons.
pub fn reason_words(reason: &str) -> String {
    match crate::seal::verify::reason_message(reason) {
        crate::util::diag::Arg::Message(m) => word_message_in(lang(), &m),
        other => other.to_string(),
    }
}

/// Why the verdict is what it is, in the run's language (`Report::message` worded).
pub fn detail(r: &Report) -> String {
    word_message_in(lang(), &r.message)
}

/// A warning in `lang`.
pub fn warning_text(w: &Warning, lang: Lang) -> String {
    let id = match w {
        Warning::NotNfc => "verify-warn-not-nfc",
        Warning::NoRevocationList => "verify-warn-no-list",
        Warning::StoredCopyDiffers => "verify-warn-stored-differs",
        Warning::JudgedByStoredCopy => "verify-warn-stored-only",
        Warning::ListOutdated(day) => {
            return tr_in(lang, "verify-warn-list-outdated", &[("date", day.as_str().into())])
        }
        Warning::LedgeredBeforeCompromise => "verify-warn-ledgered",
        Warning::NameClaimed { others, what, root } => {
            let field = |f: &IssuerField| {
                let id = match f {
                    IssuerField::Name => "issuer-field-name",
                    IssuerField::Id => "issuer-field-id",
                    IssuerField::Domain => "issuer-field-domain",
                };
                tr_in(lang, id, &[])
            };
            let what: Vec<String> = what.iter().map(field).collect();
            return tr_in(
                lang,
                "verify-warn-name-claimed",
                &[
                    ("others", others.join("; ").into()),
                    ("what", what.join(", ").into()),
                    ("root", root.as_str().into()),
                ],
            );
        }
    };
    tr_in(lang, id, &[])
}

/// The report for a person, in the run's language: the verdict in one line, the reason where it
/// is not valid, the issuer from the trust manifest, every claim with its label, and the
/// instruction to compare them with the paper. Claims appear only when the signature is genuine.
pub fn to_text(r: &Report) -> String {
    let lang = lang();
    let t = |id: &str, args: &[(&str, fluent_bundle::FluentValue<'_>)]| tr_in(lang, id, args);
    let mut out = format!("{}\n", headline(r.verdict));
    if !matches!(r.verdict, Verdict::Valid | Verdict::Revoked) {
        out.push_str(&t("verify-detail", &[("detail", detail(r).into())]));
        out.push('\n');
    }
    if r.draft {
        out.push_str(&t("verify-draft", &[]));
        out.push('\n');
    } else if r.verdict == Verdict::NoCode {
        out.push_str(&t("verify-no-code-hint", &[]));
        out.push('\n');
    }
    if let (Some(i), Some(_)) = (&r.issuer, &r.claims) {
        out.push_str(&t(
            "verify-issuer",
            &[("name", i.name.as_str().into()), ("domain", i.domain.as_str().into())],
        ));
        out.push('\n');
    }
    if let Some(c) = &r.claims {
        let mut rows: Vec<(String, String)> =
            c.present().map(|(d, v)| (claim_label(d, lang).to_string(), v.display(d.kind))).collect();
        for (k, raw) in &c.unknown {
            rows.push((t("verify-unrecognised", &[]), format!("{k}: {}", sign::hex(raw))));
        }
        let width = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
        for (label, value) in rows {
            let pad = " ".repeat(width - label.chars().count());
            out.push_str(&format!("  {label}:{pad} {value}\n"));
        }
        match (&r.revoked, &r.revocation_list) {
            (Some(e), _) => {
                let reason = reason_words(&e.reason);
                out.push_str(&t(
                    "verify-revoked-on",
                    &[("date", day(&e.date).into()), ("reason", reason.into())],
                ));
                out.push('\n');
            }
            (None, Some(d)) => {
                out.push_str(&t("verify-not-in-list", &[("date", day(d).into())]));
                out.push('\n');
            }
            (None, None) => {}
        }
        out.push_str(&t("verify-compare", &[]));
        out.push('\n');
    }
    for w in &r.warnings {
        out.push_str(&t("verify-note", &[("note", warning_text(w, lang).into())]));
        out.push('\n');
    }
    out
}

#[derive(serde::Serialize)]
struct JsonReport<'a> {
    verdict: &'static str,
    message: String,
    serial: Option<&'a str>,
    name: Option<&'a str>,
    claims: Option<std::collections::BTreeMap<&'static str, String>>,
    issuer: Option<JsonIssuer<'a>>,
    revoked: Option<JsonRevoked<'a>>,
    revocation_list: Option<&'a str>,
    source: Option<&'static str>,
    warnings: Vec<String>,
    qr_text: Option<&'a str>,
}

#[derive(serde::Serialize)]
struct JsonIssuer<'a> {
    name: &'a str,
    domain: &'a str,
    root_fingerprint: &'a str,
    key_status: &'a str,
}

#[derive(serde::Serialize)]
struct JsonRevoked<'a> {
    date: &'a str,
    reason: &'a str,
}

/// The claims by their English keys, in [`crate::seal::claims::CLAIMS`] order, then the keys
/// this version does not know (`unrecognised`: its value has always been worded in Vietnamese,
/// whatever the run's language, and scripts read it as it is).
fn json_claims(c: &Claims) -> std::collections::BTreeMap<&'static str, String> {
    let mut v: std::collections::BTreeMap<&'static str, String> =
        c.present().map(|(d, value)| (d.name, value.display(d.kind))).collect();
    for (k, raw) in &c.unknown {
        let words = tr_in(
            Lang::Vi,
            "verify-json-unrecognised",
            &[("key", k.to_string().into()), ("hex", sign::hex(raw).into())],
        );
        v.insert("unrecognised", words);
    }
    v
}

/// The report as one JSON object (`verify --json`).
pub fn to_json(r: &Report) -> String {
    let j = JsonReport {
        verdict: r.verdict.name(),
        message: detail(r),
        serial: r.claims.as_ref().map(|c| c.serial.as_str()),
        name: r.claims.as_ref().map(|c| c.name.as_str()),
        claims: r.claims.as_ref().map(json_claims),
        issuer: r.issuer.as_ref().filter(|_| r.claims.is_some()).map(|i| JsonIssuer {
            name: &i.name,
            domain: &i.domain,
            root_fingerprint: &i.root_fingerprint,
            key_status: &i.key_status,
        }),
        revoked: r.revoked.as_ref().map(|e| JsonRevoked { date: &e.date, reason: &e.reason }),
        revocation_list: r.revocation_list.as_deref(),
        source: r.source.map(ReadFrom::name),
        // Scripts read these: always in English, whatever the run's language.
        warnings: r.warnings.iter().map(|w| warning_text(w, Lang::En)).collect(),
        qr_text: r.qr_text.as_deref(),
    };
    crate::util::json::json_string(&j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::diag::Message;

    fn report(verdict: Verdict, message: Message, claims: Option<Claims>) -> Report {
        Report {
            verdict,
            message,
            source: Some(ReadFrom::Text),
            qr_text: None,
            issuer: None,
            claims,
            revoked: None,
            revocation_list: None,
            warnings: vec![Warning::NoRevocationList],
            draft: false,
        }
    }

    #[test]
    fn a_reason_given_as_data_is_worded_with_its_cause_in_the_same_words() {
        let m = Message::new("detail-malformed")
            .arg("error", crate::seal::token::TokenError::UnknownHeader(0x99).message());
        let (en, vi) = (word_message_in(Lang::En, &m), word_message_in(Lang::Vi, &m));
        assert!(en.contains("0x99") && en.starts_with("malformed code"), "{en}");
        assert!(vi.contains("0x99") && !vi.contains("malformed"), "{vi}");
    }

    #[test]
    fn the_json_report_keeps_its_fields_and_an_unknown_claims_value_as_it_always_read() {
        let claims = Claims {
            serial: "CN19-0001".into(),
            name: "Lê Văn Hoà".into(),
            unknown: vec![(99, vec![0xab, 0x01])],
            ..Claims::default()
        };
        let json = to_json(&report(Verdict::Valid, Message::new("detail-valid"), Some(claims)));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["verdict"], "valid");
        assert_eq!(v["serial"], "CN19-0001");
        assert_eq!(v["claims"]["unrecognised"], "khóa 99: ab01");
        assert_eq!(v["source"], "text");
        // Scripts read the warnings in English whatever the run's language.
        assert_eq!(v["warnings"][0], warning_text(&Warning::NoRevocationList, Lang::En));
        assert_eq!(v["message"], word_message_in(lang(), &Message::new("detail-valid")));
    }
}
