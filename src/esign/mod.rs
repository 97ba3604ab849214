//! Electronic signatures (issue 31): every certificate PDF signed with the issuing body's
//! digital signature, PAdES baseline B-B, from a PKCS#12 file or a PKCS#11 token.
//!
//! In: a finished PDF (krilla's output or a file chungnhan packed earlier), a [`Signer`] opened
//! once for the run, the signing time. Out: the same PDF, packed by `render::objstm` with a
//! signature field whose `/Contents` holds a detached CAdES SignedData over the whole file but
//! that hex string (`/ByteRange`). The file is written once, whole, signature in place: no
//! incremental update. [`verify`] reads such a signature back.
//!
//! `key` (p12-keystore, rsa, p256, p384) and `token` (cryptoki) hold the key; `cms` (cms,
//! x509-cert, der) makes and reads the SignedData; this module only places bytes.

pub mod cms;
pub mod key;
pub mod token;
pub mod verify;

pub use key::Signer;

use crate::render::objstm::{self, FieldError, SignatureField};
use crate::util::diag::{Diagnose, Diagnostic, Message, Place};

/// Why a file could not be signed, or a signer opened. Errors as data ([`Diagnose`]): the
/// words are the catalogue's, chosen where they are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EsignError {
    /// A file (the .p12, the token's module) could not be read.
    Read {
        /// The file.
        path: String,
        /// The system's words.
        message: String,
    },
    /// A PKCS#12 file that does not open: the wrong passphrase, or not a .p12.
    P12 {
        /// The file.
        path: String,
        /// p12-keystore's words.
        message: String,
    },
    /// No private key with a certificate in the source.
    NoKey {
        /// The .p12 or URI.
        from: String,
    },
    /// The private key does not belong to the certificate.
    KeyMismatch {
        /// The .p12 or URI.
        from: String,
    },
    /// A key other than RSA 2048–4096 or ECDSA P-256/P-384.
    KeyType,
    /// A `pkcs11:` URI this program cannot use.
    Uri {
        /// The URI.
        uri: String,
        /// The part that is wrong or missing.
        message: String,
    },
    /// A PIN written in the URI.
    PinInUri,
    /// No token matches the URI (not plugged in, another label).
    NoToken {
        /// The URI.
        uri: String,
    },
    /// The token refused the PIN.
    Login {
        /// The module's words.
        message: String,
    },
    /// The token's module failed.
    Token {
        /// The module's words.
        message: String,
    },
    /// No PIN or passphrase: none in CHUNGNHAN_ESIGN_PIN and no terminal to ask on.
    Pin,
    /// Signing failed.
    Sign {
        /// What failed.
        message: String,
    },
    /// A PDF that chungnhan did not write, or that was changed since.
    Layout,
    /// A PDF that is already signed.
    AlreadySigned,
}

impl Diagnose for EsignError {
    fn diagnostic(&self) -> Diagnostic {
        let m = Message::new;
        let file = |path: &str| Place { file: Some(path.to_string()), ..Place::default() };
        let d = match self {
            EsignError::Read { path, message } => {
                Diagnostic::new(m("esign-err-read").arg("path", path).arg("message", message)).at(file(path))
            }
            EsignError::P12 { path, message } => {
                Diagnostic::new(m("esign-err-p12").arg("path", path).arg("message", message)).at(file(path))
            }
            EsignError::NoKey { from } => Diagnostic::new(m("esign-err-no-key").arg("source", from)),
            EsignError::KeyMismatch { from } => {
                Diagnostic::new(m("esign-err-key-mismatch").arg("source", from))
            }
            EsignError::KeyType => Diagnostic::new(m("esign-err-key-type")),
            EsignError::Uri { uri, message } => {
                Diagnostic::new(m("esign-err-uri").arg("uri", uri).arg("part", message))
            }
            EsignError::PinInUri => Diagnostic::new(m("esign-err-pin-in-uri")),
            EsignError::NoToken { uri } => Diagnostic::new(m("esign-err-no-token").arg("uri", uri)),
            EsignError::Login { message } => Diagnostic::new(m("esign-err-login").arg("message", message)),
            EsignError::Token { message } => Diagnostic::new(m("esign-err-token").arg("message", message)),
            EsignError::Pin => Diagnostic::new(m("esign-err-pin")),
            EsignError::Sign { message } => Diagnostic::new(m("esign-err-sign").arg("message", message)),
            EsignError::Layout => Diagnostic::new(m("esign-err-layout")),
            EsignError::AlreadySigned => Diagnostic::new(m("esign-err-signed")),
        };
        let hint = match self {
            EsignError::P12 { .. } | EsignError::Login { .. } => Some("esign-hint-pin"),
            EsignError::Pin => Some("esign-hint-pin-env"),
            EsignError::KeyType => Some("esign-hint-key-type"),
            EsignError::Uri { .. } | EsignError::PinInUri => Some("esign-hint-uri"),
            EsignError::NoToken { .. } => Some("esign-hint-no-token"),
            EsignError::Layout => Some("esign-hint-layout"),
            EsignError::AlreadySigned => Some("esign-hint-signed"),
            _ => None,
        };
        match hint {
            Some(h) => d.hint(m(h)),
            None => d,
        }
    }
}

impl std::fmt::Display for EsignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.diagnostic();
        f.write_str(&crate::l10n::word_message_in(crate::l10n::lang(), &d.message))
    }
}

impl std::error::Error for EsignError {}

/// The moment of signing, in seconds since 1970 (UTC). Shown in Vietnam's time (UTC+7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningTime(pub i64);

impl SigningTime {
    fn parts(self) -> (crate::viet::Date, i64, i64, i64) {
        let local = self.0 + 7 * 3600;
        let day = crate::viet::Date::from_days(local.div_euclid(86_400));
        let s = local.rem_euclid(86_400);
        (day, s / 3600, s / 60 % 60, s % 60)
    }

    /// As a PDF date: `D:20261208093000+07'00'`.
    pub fn pdf(self) -> String {
        let (d, h, m, s) = self.parts();
        format!("D:{:04}{:02}{:02}{h:02}{m:02}{s:02}+07'00'", d.year, d.month, d.day)
    }

    /// As Nghị định 30 shows it: ISO 8601 with Vietnam's offset, `2026-12-08T09:30:00+07:00`.
    pub fn iso(self) -> String {
        let (d, h, m, s) = self.parts();
        format!("{:04}-{:02}-{:02}T{h:02}:{m:02}:{s:02}+07:00", d.year, d.month, d.day)
    }

    /// Reads a PDF date (`D:YYYYMMDDhhmmss` with `Z` or an offset `+hh'mm'`).
    pub fn from_pdf(text: &str) -> Option<SigningTime> {
        let t = text.strip_prefix("D:").unwrap_or(text);
        let num = |r: std::ops::Range<usize>| t.get(r)?.parse::<i64>().ok();
        let (y, mo, d, h, mi, s) =
            (num(0..4)?, num(4..6)?, num(6..8)?, num(8..10)?, num(10..12)?, num(12..14)?);
        let date = crate::viet::Date::new(u16::try_from(y).ok()?, mo as u8, d as u8).ok()?;
        let offset = match t.get(14..15) {
            Some("+") | Some("-") => {
                let sign = if &t[14..15] == "-" { -1 } else { 1 };
                sign * (num(15..17)? * 3600
                    + t.get(18..20).and_then(|m| m.parse::<i64>().ok()).unwrap_or(0) * 60)
            }
            _ => 0,
        };
        Some(SigningTime(date.days() * 86_400 + h * 3600 + mi * 60 + s - offset))
    }
}

/// Where and how the signature shows on page 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The widget's rectangle in points (`[x0, y0, x1, y1]`, from the bottom left); all zero for
    /// an invisible signature.
    pub rect: [f32; 4],
}

impl Placement {
    /// No visible signature (a template without an `esign` element).
    pub const INVISIBLE: Placement = Placement { rect: [0.0; 4] };
}

/// `pdf` signed by `signer` at `time`: packed, the signature field added, the byte range
/// hashed and signed, the signature written into the reserved space.
pub fn sign_pdf(
    pdf: &[u8],
    signer: &Signer,
    time: SigningTime,
    place: Placement,
) -> Result<Vec<u8>, EsignError> {
    // Room for the largest signature this signer makes, and a margin for a B-T timestamp token
    // should one ever be added (reserved space is zeros, and deflates away in no transfer).
    let contents_len = cms::max_len(signer)? + 32;
    let pdf_time = time.pdf();
    let field = SignatureField { time: &pdf_time, contents_len, rect: place.rect, name: "ChuKySo" };
    let (mut out, ph) = objstm::pack_with_field(pdf, &field).map_err(|e| match e {
        FieldError::Layout => EsignError::Layout,
        FieldError::HasForm => EsignError::AlreadySigned,
    })?;
    let (a, b) = (ph.contents.start, ph.contents.end);
    let range = format!("0 {a} {b} {}", out.len() - b);
    let blank = ph.byte_range.len();
    if range.len() > blank {
        return Err(EsignError::Layout);
    }
    out[ph.byte_range.clone()].copy_from_slice(format!("{range:<blank$}").as_bytes());
    let digest = signer.kind().hash().digest(&[&out[..a], &out[b..]]);
    let der = cms::build(signer, &digest, None)?;
    if 2 * der.len() > b - a - 2 {
        return Err(EsignError::Sign { message: format!("{} > {}", der.len(), (b - a - 2) / 2) });
    }
    let hex: Vec<u8> = der.iter().flat_map(|x| [HEX[(x >> 4) as usize], HEX[(x & 15) as usize]]).collect();
    out[a + 1..a + 1 + hex.len()].copy_from_slice(&hex);
    Ok(out)
}

/// What a run signs with: the signer opened once, the run's signing time, what it shows.
#[derive(Debug)]
pub struct Job {
    /// The key and chain.
    pub signer: Signer,
    /// The time every file of the run carries in `/M`.
    pub time: SigningTime,
    /// Where the signature's widget is (none for files signed after they were made).
    pub place: Placement,
    /// The images a template's `esign` box shows.
    pub look: Look,
}

/// An image file's name and its PNG bytes.
pub type Png = (String, std::sync::Arc<Vec<u8>>);

/// The images of a visible signature (Nghị định 30).
#[derive(Debug, Default, Clone)]
pub struct Look {
    /// `--seal-image`: the organisation's red seal, transparent PNG.
    pub seal: Option<Png>,
    /// `--signature-image`: the signer's blue signature, transparent PNG.
    pub signature: Option<Png>,
}

impl Job {
    /// `pdf` signed (see [`sign_pdf`]) where [`Job::place`] says.
    pub fn sign(&self, pdf: &[u8]) -> Result<Vec<u8>, EsignError> {
        sign_pdf(pdf, &self.signer, self.time, self.place)
    }

    /// The two lines shown under the images: the organisation and the signing time, in
    /// Vietnamese (the certificate's language, whatever the run's).
    pub fn stamp_lines(&self) -> [String; 2] {
        let (cn, org, _) = cms::name_parts(self.signer.certificate());
        let vi = crate::l10n::Lang::Vi;
        [
            crate::l10n::tr_in(vi, "esign-stamp-org", &[("org", org.unwrap_or(cn).into())]),
            crate::l10n::tr_in(vi, "esign-stamp-time", &[("time", self.time.iso().into())]),
        ]
    }
}

impl EsignError {
    /// What to do about it, in the run's language.
    pub fn hint(&self) -> Option<String> {
        let d = self.diagnostic();
        d.hints.first().map(|h| crate::l10n::word_message_in(crate::l10n::lang(), h))
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_passphrase_is_data_naming_the_file_with_a_hint() {
        let e = EsignError::P12 { path: "ky-so.p12".into(), message: "MAC".into() };
        let d = e.diagnostic();
        assert_eq!(d.message.id, "esign-err-p12");
        assert_eq!(d.place.file.as_deref(), Some("ky-so.p12"));
        assert_eq!(d.hints.iter().map(|h| h.id).collect::<Vec<_>>(), ["esign-hint-pin"]);
        let (vi, hints) = crate::l10n::word_in(crate::l10n::Lang::Vi, &d);
        assert!(vi.contains("ky-so.p12") && vi.contains("sai mật khẩu"), "{vi}");
        assert!(hints[0].contains("CHUNGNHAN_ESIGN_PIN"), "{hints:?}");
        let (en, _) = crate::l10n::word_in(crate::l10n::Lang::En, &d);
        assert!(en.contains("wrong passphrase"), "{en}");
    }

    #[test]
    fn the_signing_time_is_shown_in_vietnam_time() {
        // 2026-12-08 02:30:05 UTC
        let t = SigningTime(1_796_697_005);
        assert_eq!(t.iso(), "2026-12-08T09:30:05+07:00");
        assert_eq!(t.pdf(), "D:20261208093005+07'00'");
        assert_eq!(SigningTime::from_pdf(&t.pdf()), Some(t));
        assert_eq!(SigningTime::from_pdf("D:20261208023005Z"), Some(t));
    }
}
