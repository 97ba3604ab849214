//! Verification (docs/spec/verification-qr.md §3.4): a QR text, a scan or photo, or a PDF in; a verdict and — only for a
//! genuine signature — the signed claims out.
//!
//! The issuer's name comes from the trust manifest whose key signed the code, never from the
//! code. Nothing of a code whose signature fails is shown as if it were true. The verdicts map to
//! the exit codes of the command-line contract.

use std::path::Path;

use unicode_normalization::is_nfc;

use crate::seal::claims::Claims;
use crate::seal::scan::{self, Kind};
use crate::seal::sign::{self, SignatureCheck};
use crate::seal::token::Token;
use crate::seal::trust::{Ledger, RevocationList, TrustedIssuer};
use crate::util::diag::{Arg, Message};

/// The verdict on a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Genuine and not revoked.
    Valid,
    /// The signature does not match: forged or altered.
    Invalid,
    /// No trusted key has this code's key id.
    UnknownKey,
    /// Genuine, but revoked.
    Revoked,
    /// No QR code in the input.
    NoCode,
    /// A code, but not a well-formed one.
    Malformed,
    /// Signed with a key the issuer reported compromised, and in none of its signed issuance
    /// ledgers: it cannot be told from a forgery made with the stolen key.
    KeyCompromised,
    /// Genuine, but its issuer's revocation list was withheld or older than one this verifier
    /// has already checked: whether it was revoked since cannot be told (spec §3.6).
    RevocationUnchecked,
}

impl Verdict {
    /// The process exit code (docs/spec/cli.md).
    pub fn exit_code(self) -> u8 {
        match self {
            Verdict::Valid => 0,
            Verdict::Invalid => 1,
            Verdict::UnknownKey => 2,
            Verdict::Revoked => 3,
            Verdict::NoCode => 4,
            Verdict::Malformed => 5,
            Verdict::KeyCompromised => 6,
            Verdict::RevocationUnchecked => 7,
        }
    }

    /// The name `--json` uses.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Invalid => "invalid",
            Verdict::UnknownKey => "unknown_key",
            Verdict::Revoked => "revoked",
            Verdict::NoCode => "no_code",
            Verdict::Malformed => "malformed",
            Verdict::KeyCompromised => "compromised",
            Verdict::RevocationUnchecked => "revocation_unchecked",
        }
    }
}

/// Where the code was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadFrom {
    /// Given as text or URL.
    Text,
    /// Decoded from an image.
    Image,
    /// Decoded from the rendered page of a PDF.
    PdfPage,
    /// The copy in a PDF's metadata (no printed code could be read).
    PdfMetadata,
}

impl ReadFrom {
    /// As `--json` names it.
    pub fn name(self) -> &'static str {
        match self {
            ReadFrom::Text => "text",
            ReadFrom::Image => "image",
            ReadFrom::PdfPage => "pdf_page",
            ReadFrom::PdfMetadata => "pdf_metadata",
        }
    }
}

/// What the verifier trusts: issuers' manifests and their revocation lists.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    /// Manifests whose signatures checked.
    pub issuers: Vec<TrustedIssuer>,
    /// Revocation lists, each with the index of the issuer whose root signed it.
    pub revocations: Vec<(RevocationList, usize)>,
    /// Issuance ledgers, each with the index of the issuer whose root signed it.
    pub ledgers: Vec<(Ledger, usize)>,
    /// The day it is (in Vietnam), for judging whether a revocation list is out of date and
    /// whether a code claims to be signed in the future (none: neither is judged).
    pub today: Option<crate::viet::Date>,
    /// Of each issuer (by index) whose revocation list this verifier checked before, the highest
    /// `seq` it saw (the state of [`crate::seal::seen`]): a list seen once is required afterwards,
    /// and one older than it decides nothing about a code it does not revoke.
    pub lists_seen: Vec<(usize, u64)>,
}

impl Trust {
    /// Adds a manifest whose signature checked. Of several manifests of one root, the one with
    /// the highest `seq` is kept, whatever order they were given in: an older manifest must
    /// never undo a newer one.
    pub fn add_issuer(&mut self, issuer: TrustedIssuer) {
        let root = issuer.root.fingerprint();
        match self.issuers.iter_mut().find(|i| i.root.fingerprint() == root) {
            Some(known) if known.manifest.seq >= issuer.manifest.seq => {}
            Some(known) => *known = issuer,
            None => self.issuers.push(issuer),
        }
    }
}

/// A revocation that applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedEntry {
    /// When.
    pub date: String,
    /// Why.
    pub reason: String,
}

/// The full result.
#[derive(Debug, Clone)]
pub struct Report {
    /// The verdict.
    pub verdict: Verdict,
    /// One sentence saying why, as data (worded by the edge: `l10n::verdict`).
    pub message: Message,
    /// Where the code came from.
    pub source: Option<ReadFrom>,
    /// The QR text judged.
    pub qr_text: Option<String>,
    /// The issuer (from the trust manifest) when the key is known.
    pub issuer: Option<IssuerInfo>,
    /// The claims: only when the signature is genuine.
    pub claims: Option<Claims>,
    /// Set when revoked.
    pub revoked: Option<RevokedEntry>,
    /// When the revocation list checked was issued (None: revocation not checked).
    pub revocation_list: Option<String>,
    /// Things the reader should know.
    pub warnings: Vec<Warning>,
    /// The input is a draft (`render`): it has no code on purpose.
    pub draft: bool,
}

/// Something a verdict comes with that the reader should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A text claim is not in Unicode NFC.
    NotNfc,
    /// No revocation list of the issuer was given: revocation not checked.
    NoRevocationList,
    /// The PDF's stored copy differs from its printed code (the printed one was judged).
    StoredCopyDiffers,
    /// No printed code could be read; the stored copy was judged.
    JudgedByStoredCopy,
    /// The revocation list checked is past its `next_update` (the day given): a newer one may
    /// revoke more.
    ListOutdated(String),
    /// The key was reported compromised, but this certificate is in the issuer's signed
    /// issuance ledger: it was issued before.
    LedgeredBeforeCompromise,
    /// Another trust manifest, signed by another root key, gives this issuer's name, id or
    /// domain (`what`, in words of the run's language): only one of them is the issuer.
    NameClaimed {
        /// The other manifests, each as "FILE (root FINGERPRINT)".
        others: Vec<String>,
        /// Which of the issuer's name, id and domain they share.
        what: Vec<IssuerField>,
        /// This code's root fingerprint.
        root: String,
    },
}

/// A field of a trust manifest's `issuer` that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssuerField {
    /// `name_vi`.
    Name,
    /// `id`.
    Id,
    /// `domain`.
    Domain,
}

/// The issuer as the trust manifest names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerInfo {
    /// Name in Vietnamese.
    pub name: String,
    /// Verification host.
    pub domain: String,
    /// Root key fingerprint.
    pub root_fingerprint: String,
    /// The signing key's status in the manifest.
    pub key_status: String,
}

impl Report {
    fn bare(verdict: Verdict, message: Message) -> Report {
        Report {
            verdict,
            message,
            source: None,
            qr_text: None,
            issuer: None,
            claims: None,
            revoked: None,
            revocation_list: None,
            warnings: Vec::new(),
            draft: false,
        }
    }
}

/// Verifies a QR text (any accepted form).
pub fn verify_text(text: &str, trust: &Trust) -> Report {
    let mut report = judge(text, trust);
    report.qr_text = Some(text.trim().to_string());
    report
}

fn judge(text: &str, trust: &Trust) -> Report {
    let token = match Token::parse(text) {
        Ok(t) => t,
        Err(e) => {
            return Report::bare(
                Verdict::Malformed,
                Message::new("detail-malformed").arg("error", e.message()),
            )
        }
    };
    let key = match genuine_key(&token, trust) {
        Ok(k) => k,
        Err((verdict, message)) => return Report::bare(verdict, message),
    };
    // One key, two issuers: another issuer's manifest (signed by its own root) that lists this
    // issuer's key could otherwise lend the code its name — and keep its revocations out.
    let mut claimants: Vec<&TrustedIssuer> =
        trust.issuers.iter().filter(|i| i.keys.iter().any(|(_, k)| *k == key)).collect();
    claimants.dedup_by_key(|i| i.root.fingerprint());
    if claimants.len() > 1 {
        let names: Vec<&str> = claimants.iter().map(|i| i.manifest.issuer.name_vi.as_str()).collect();
        return Report::bare(
            Verdict::Invalid,
            Message::new("detail-attributed")
                .arg("kid", sign::hex(&token.kid))
                .arg("count", names.len())
                .arg("names", names.join("; ")),
        );
    }
    let (issuer_idx, issuer, entry) = trust
        .issuers
        .iter()
        .enumerate()
        .find_map(|(i, t)| t.keys.iter().find(|(_, k)| *k == key).map(|(e, _)| (i, t, e)))
        .expect("a key that verified comes from one of the issuers");
    let info = IssuerInfo {
        name: issuer.manifest.issuer.name_vi.clone(),
        domain: issuer.manifest.issuer.domain.clone(),
        root_fingerprint: issuer.root.fingerprint(),
        key_status: entry.status.clone(),
    };
    let with_issuer = |mut r: Report| {
        r.issuer = Some(info.clone());
        r
    };
    let claims = match Claims::decode(&token.claims) {
        Ok(c) => c,
        Err(e) => {
            return with_issuer(Report::bare(
                Verdict::Malformed,
                Message::new("detail-claims").arg("error", e.message()),
            ))
        }
    };
    let mut warnings = Vec::new();
    if claims.texts().any(|(_, t)| !is_nfc(t)) {
        warnings.push(Warning::NotNfc);
    }
    // One certificate, one code text: a code that carries its signing date was made by a
    // signer that normalises s (spec §3.4 step 5), so its high-S twin is refused. Codes without
    // it predate the rule (the spec's own ES256 vector is one), and stay valid.
    if claims.signing_date.is_some() && sign::is_high_s(&token.sig) {
        return with_issuer(Report::bare(Verdict::Malformed, Message::new("detail-high-s")));
    }
    if entry.status == "compromised" {
        // The offline root signs no ledger for a key once it is compromised: membership of the
        // whole code decides, whatever dates the code claims. A ledger of revocation ids cannot:
        // a thief holding the key reuses a ledgered code's nonce and gets its `r`, hence its id.
        let of_key = |l: &&Ledger| l.kid.eq_ignore_ascii_case(&entry.kid);
        let ledgers =
            || trust.ledgers.iter().filter(|(_, i)| *i == issuer_idx).map(|(l, _)| l).filter(of_key);
        let blob = token.to_bytes();
        if !ledgers().any(|l| l.has_code(&blob)) {
            let rid = sign::b64(&sign::revocation_id(&token.sig));
            let since = entry.compromised_at.as_deref().map(day).unwrap_or_else(|| "?".into());
            let message = if ledgers().any(|l| l.has_rid(&rid)) {
                Message::new("detail-compromised-old-ledger")
                    .arg("kid", entry.kid.as_str())
                    .arg("since", since)
            } else {
                Message::new("detail-compromised").arg("kid", entry.kid.as_str()).arg("since", since)
            };
            return with_issuer(Report::bare(Verdict::KeyCompromised, message));
        }
        warnings.push(Warning::LedgeredBeforeCompromise);
    }
    if let Err(message) = check_signing_date(&claims, entry, trust.today) {
        return with_issuer(Report::bare(Verdict::Invalid, message));
    }
    if let Some(w) = name_claimed(trust, issuer) {
        warnings.push(w);
    }
    let mut report = with_issuer(Report::bare(Verdict::Valid, Message::new("detail-valid")));
    check_revocation(&mut report, &mut warnings, &token, trust, issuer_idx);
    if report.verdict == Verdict::RevocationUnchecked {
        // Not valid: nothing of it is shown as if it were (the reason names what to fetch).
        report.warnings = warnings;
        return report;
    }
    report.claims = Some(claims);
    report.warnings = warnings;
    report
}

/// The first day from which every signing key's codes carry their signing date (claim 15):
/// chungnhan writes it since 1 December 2026 (the change that brought key windows), and a key
/// made on that day may have signed with the version before. A code without it is accepted only
/// from a key whose window began before this day (spec §3.4 step 7).
pub const SIGNING_DATE_REQUIRED_FROM: crate::viet::Date = crate::viet::Date { year: 2026, month: 12, day: 2 };

/// Days a signing date may lie after the verifier's today: a signer in another time zone may
/// already be on the next day.
pub const SIGNING_DATE_LEEWAY_DAYS: i64 = 1;

/// The signing date (claim 15) against the key's window and the verifier's today; the reason in
/// words when it does not hold. An honest signer never signs outside its key's window nor in the
/// future, and every key begun since [`SIGNING_DATE_REQUIRED_FROM`] writes the date.
fn check_signing_date(
    claims: &Claims,
    entry: &crate::seal::trust::KeyEntry,
    today: Option<crate::viet::Date>,
) -> Result<(), Message> {
    let side = |d: &Option<String>| d.as_deref().map(day).unwrap_or_else(|| "…".into());
    let Some(signed) = claims.signing_date.map(crate::viet::Date::from_days) else {
        let began = entry
            .not_before
            .as_deref()
            .and_then(|d| crate::viet::Date::parse_iso(d.get(..10).unwrap_or(d)).ok());
        return match began {
            Some(b) if b >= SIGNING_DATE_REQUIRED_FROM => Err(Message::new("detail-no-signing-date")
                .arg("kid", entry.kid.as_str())
                .arg("from", b.to_string())
                .arg("since", SIGNING_DATE_REQUIRED_FROM.to_string())),
            _ => Ok(()),
        };
    };
    if let Some(today) = today {
        if signed.days() > today.days().saturating_add(SIGNING_DATE_LEEWAY_DAYS) {
            return Err(Message::new("detail-signed-future")
                .arg("signed", signed.to_string())
                .arg("today", today.to_string()));
        }
    }
    // Windows are about signing days: an honest signer never signs outside its key's window.
    if !crate::seal::keys::window_holds(entry, signed) {
        return Err(Message::new("detail-window")
            .arg("signed", signed.to_string())
            .arg("kid", entry.kid.as_str())
            .arg("from", side(&entry.not_before))
            .arg("until", side(&entry.not_after)));
    }
    Ok(())
}

/// The warning that another manifest — signed by another root — gives `issuer`'s name, id or
/// domain. Names are compared folded (case and diacritics ignored: a look-alike is a claim too),
/// ids and domains in lower case. A verifier pinned to one root (`--root`) never holds two
/// roots (a manifest of another is refused as it is read), so it never warns.
fn name_claimed(trust: &Trust, issuer: &TrustedIssuer) -> Option<Warning> {
    let ours = &issuer.manifest.issuer;
    let root = issuer.root.fingerprint();
    let mut what = Vec::new();
    let mut others = Vec::new();
    for other in trust.issuers.iter().filter(|i| i.root.fingerprint() != root) {
        let theirs = &other.manifest.issuer;
        let shared = [
            (
                IssuerField::Name,
                crate::viet::fold_key(&ours.name_vi) == crate::viet::fold_key(&theirs.name_vi),
            ),
            (IssuerField::Id, ours.id.trim().eq_ignore_ascii_case(theirs.id.trim())),
            (IssuerField::Domain, ours.domain.trim().eq_ignore_ascii_case(theirs.domain.trim())),
        ];
        if shared.iter().any(|(_, same)| *same) {
            others.push(format!("{} ({})", other.path.display(), other.root.fingerprint()));
            for (f, same) in shared {
                if same && !what.contains(&f) {
                    what.push(f);
                }
            }
        }
    }
    what.sort_by_key(|f| *f as u8);
    (!others.is_empty()).then_some(Warning::NameClaimed { others, what, root })
}

/// The key whose signature the code carries, or the report of why there is none.
fn genuine_key(token: &Token, trust: &Trust) -> Result<sign::PublicKey, (Verdict, Message)> {
    let all_keys: Vec<sign::PublicKey> =
        trust.issuers.iter().flat_map(|i| i.keys.iter().map(|(_, k)| k.clone())).collect();
    match sign::check(token, &all_keys) {
        SignatureCheck::Valid(k) => Ok(k),
        SignatureCheck::UnknownKey => {
            let hint = if trust.issuers.is_empty() {
                Message::new("detail-no-manifest")
            } else {
                Message::new("detail-not-in-manifests")
            };
            Err((
                Verdict::UnknownKey,
                Message::new("detail-unknown-key").arg("kid", sign::hex(&token.kid)).arg("why", hint),
            ))
        }
        SignatureCheck::AlgorithmMismatch => Err((Verdict::Invalid, Message::new("detail-alg"))),
        SignatureCheck::Invalid => Err((Verdict::Invalid, Message::new("detail-invalid"))),
        SignatureCheck::Unsupported(alg) => {
            Err((Verdict::Malformed, Message::new("detail-alg-unsupported").arg("alg", alg.name())))
        }
    }
}

/// Looks the code up in the newest revocation list of its issuer; without one, says so.
fn check_revocation(
    report: &mut Report,
    warnings: &mut Vec<Warning>,
    token: &Token,
    trust: &Trust,
    issuer_idx: usize,
) {
    let rid = sign::b64(&sign::revocation_id(&token.sig));
    let lists = trust.revocations.iter().filter(|(_, i)| *i == issuer_idx).map(|(l, _)| l);
    let newest = lists.max_by_key(|l: &&RevocationList| l.seq);
    // A list seen once is required afterwards: without it, or with an older one, a revocation
    // made since cannot be seen — withholding the list must not make a revoked code valid.
    let seen = trust.lists_seen.iter().filter(|(i, _)| *i == issuer_idx).map(|(_, s)| *s).max().unwrap_or(0);
    let domain = &trust.issuers[issuer_idx].manifest.issuer.domain;
    let unchecked = match newest {
        None if seen > 0 => Some(
            Message::new("detail-list-withheld").arg("seen", seen.to_string()).arg("domain", domain.as_str()),
        ),
        Some(l) if l.seq < seen => Some(
            Message::new("detail-list-older")
                .arg("seq", l.seq.to_string())
                .arg("seen", seen.to_string())
                .arg("domain", domain.as_str()),
        ),
        _ => None,
    };
    let Some(newest) = newest else {
        match unchecked {
            Some(message) => {
                report.verdict = Verdict::RevocationUnchecked;
                report.message = message;
            }
            None => warnings.push(Warning::NoRevocationList),
        }
        return;
    };
    report.revocation_list = Some(newest.issued_at.clone());
    let next_update = crate::viet::Date::parse_iso(newest.next_update.get(..10).unwrap_or(""));
    if let (Some(today), Ok(due)) = (trust.today, next_update) {
        if due < today {
            warnings.push(Warning::ListOutdated(due.to_string()));
        }
    }
    if let Some(e) = newest.entries.iter().find(|e| e.rid == rid) {
        // Revoked in an older list is revoked still: a revocation is never taken back.
        report.verdict = Verdict::Revoked;
        report.message =
            Message::new("detail-revoked").arg("date", day(&e.date)).arg("reason", reason_message(&e.reason));
        report.revoked = Some(RevokedEntry { date: e.date.clone(), reason: e.reason.clone() });
    } else if let Some(message) = unchecked {
        report.verdict = Verdict::RevocationUnchecked;
        report.message = message;
    }
}

/// Most bytes of a file given to `verify`: 64 MiB, more than any certificate PDF or phone photo.
/// Checked from the file's size before reading it.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes of a text file holding a code: a code is at most about 2.5 KB of digits.
pub const MAX_TEXT_INPUT_BYTES: usize = 64 * 1024;

/// Verifies whatever `input` is: a PDF, PNG or JPEG file, a text file holding the code, or the
/// code itself. Every input is read within the budgets above and those of [`scan`]; past one,
/// the verdict is "no code found" with the limit named.
pub fn verify_input(input: &str, trust: &Trust) -> Report {
    verify_input_with(input, trust, &scan::read_here)
}

/// [`verify_input`], with a PDF's page or an image read by `read_page` (see [`scan::PageReader`]).
pub fn verify_input_with(input: &str, trust: &Trust, read_page: scan::PageReader<'_>) -> Report {
    let path = Path::new(input);
    if !path.is_file() {
        let looks_like_file =
            [".pdf", ".png", ".jpg", ".jpeg", ".txt"].iter().any(|e| input.to_ascii_lowercase().ends_with(e));
        if looks_like_file {
            return Report::bare(Verdict::NoCode, Message::new("detail-no-file").arg("input", input));
        }
        let mut r = verify_text(input, trust);
        r.source = Some(ReadFrom::Text);
        return r;
    }
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_INPUT_BYTES {
        return Report::bare(
            Verdict::NoCode,
            Message::new("detail-too-big")
                .arg("input", input)
                .arg("mib", (size / (1024 * 1024)).to_string())
                .arg("limit", (MAX_INPUT_BYTES / (1024 * 1024)).to_string()),
        );
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Report::bare(
                Verdict::NoCode,
                Message::new("detail-cannot-read").arg("input", input).arg("error", e.to_string()),
            )
        }
    };
    // A file named as an image or a PDF that is none: no code to find (not a "damaged code").
    let lower = input.to_ascii_lowercase();
    let named_binary = [".pdf", ".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e));
    if named_binary && scan::kind(&bytes) == Kind::Other {
        return Report::bare(Verdict::NoCode, Message::new("detail-not-binary").arg("input", input));
    }
    if scan::kind(&bytes) == Kind::Other && bytes.len() > MAX_TEXT_INPUT_BYTES {
        return Report::bare(
            Verdict::NoCode,
            Message::new("detail-text-too-big")
                .arg("input", input)
                .arg("kib", (bytes.len() / 1024).to_string())
                .arg("limit", (MAX_TEXT_INPUT_BYTES / 1024).to_string()),
        );
    }
    match scan::kind(&bytes) {
        Kind::Image => match read_page(&bytes, scan::Job::Image) {
            Ok(Some(text)) => with_source(verify_text(&text, trust), ReadFrom::Image),
            Ok(None) => Report::bare(Verdict::NoCode, Message::new("detail-no-qr").arg("input", input)),
            Err(e) => Report::bare(
                Verdict::NoCode,
                Message::new("detail-scan-failed").arg("input", input).arg("error", e.message()),
            ),
        },
        // A draft (`render`) has no code on purpose and says so in its metadata: no page is
        // rasterised to look for one (seconds of scanning a page that cannot hold a code). A
        // draft mark never makes anything valid, and a file with a stored code is scanned.
        Kind::Pdf if scan::is_draft(&bytes) && scan::stored_code(&bytes).is_none() => {
            let mut r = Report::bare(Verdict::NoCode, Message::new("detail-draft").arg("input", input));
            r.draft = true;
            r
        }
        Kind::Pdf => match scan::decode_pdf_with(&bytes, 150.0, read_page) {
            Ok(codes) => match (codes.printed, codes.stored) {
                (Some(p), stored) => {
                    let mut r = with_source(verify_text(&p, trust), ReadFrom::PdfPage);
                    if stored.as_deref().is_some_and(|s| s != p) {
                        r.warnings.push(Warning::StoredCopyDiffers);
                    }
                    r
                }
                (None, Some(s)) => {
                    let mut r = with_source(verify_text(&s, trust), ReadFrom::PdfMetadata);
                    r.warnings.push(Warning::JudgedByStoredCopy);
                    r
                }
                (None, None) if scan::is_draft(&bytes) => {
                    let mut r =
                        Report::bare(Verdict::NoCode, Message::new("detail-draft").arg("input", input));
                    r.draft = true;
                    r
                }
                (None, None) => {
                    Report::bare(Verdict::NoCode, Message::new("detail-no-qr").arg("input", input))
                }
            },
            Err(e) => Report::bare(
                Verdict::NoCode,
                Message::new("detail-scan-failed").arg("input", input).arg("error", e.message()),
            ),
        },
        Kind::Other => match std::str::from_utf8(&bytes) {
            Ok(text) => with_source(verify_text(text, trust), ReadFrom::Text),
            Err(_) => Report::bare(Verdict::NoCode, Message::new("detail-not-readable").arg("input", input)),
        },
    }
}

fn with_source(mut r: Report, s: ReadFrom) -> Report {
    r.source = Some(s);
    r
}

/// The revocation list's reason code for what a clerk typed: the code itself
/// (`issued_in_error`, `fraud`, `superseded`) or its Vietnamese words, with or without
/// diacritics (`cấp sai`, `gian lận`, `thay thế`, `cấp lại`).
pub fn reason_code(typed: &str) -> Option<&'static str> {
    let folded = crate::viet::fold_key(typed);
    Some(match folded.as_str() {
        "issued_in_error" | "cap_sai" | "cap_nham" => "issued_in_error",
        "fraud" | "gian_lan" => "fraud",
        "superseded" | "thay_the" | "cap_lai" | "da_cap_lai" | "da_duoc_cap_lai" => "superseded",
        _ => return None,
    })
}

/// A revocation reason as data: the catalogue's words for the list's reasons
/// (`reason-issued-in-error`), any other code as it is.
pub fn reason_message(reason: &str) -> Arg {
    let id = match reason {
        "issued_in_error" => "reason-issued-in-error",
        "superseded" => "reason-superseded",
        "fraud" => "reason-fraud",
        _ => return Arg::Text(reason.to_string()),
    };
    Message::new(id).into()
}

/// `2026-11-28` as `28/11/2026` ([`crate::viet::day`]; here for the callers that knew it here).
pub use crate::viet::day;
