//! The VNCERT-QR v1 token as bytes and as text (docs/spec/verification-qr.md §3.1–3.2), without any cryptography:
//! `BLOB = HDR ‖ KID ‖ CLAIMS ‖ SIG`, written as decimal digits (7-byte groups → 17 digits, a
//! short last group → 3/5/8/10/13/15 digits) in `https://HOST/c#DIGITS`.
//!
//! Parsing is strict: any non-digit, an impossible group length or a group value too large for
//! its bytes is refused, so that exactly one digit string stands for each blob.

use crate::util::diag::{Diagnose, Diagnostic, Message};

/// Header byte: format v1, ES256.
pub const HDR_ES256: u8 = 0x11;
/// Header byte: format v1, Ed25519 (reserved; not issued by this tool).
pub const HDR_ED25519: u8 = 0x12;
/// Signature length (ES256 r‖s, Ed25519 R‖S).
pub const SIG_LEN: usize = 64;
/// Smallest plausible blob.
pub const MIN_BLOB: usize = 70;
/// Largest blob accepted; a certificate's record is a few hundred bytes.
pub const MAX_BLOB: usize = 1024;

/// Digits for a final group of k bytes (k = 1..6); 7 bytes give 17.
const DIGITS_FOR: [usize; 8] = [0, 3, 5, 8, 10, 13, 15, 17];

/// A token split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// HDR.
    pub header: u8,
    /// KID: first 4 bytes of SHA-256 of the signing key's SubjectPublicKeyInfo.
    pub kid: [u8; 4],
    /// The CBOR claims, exactly as signed.
    pub claims: Vec<u8>,
    /// The signature.
    pub sig: [u8; SIG_LEN],
}

/// Why a text is not a well-formed token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// No `#` fragment, `VNC1:` prefix or bare digits.
    #[error("{}", self.message())]
    NotACode,
    /// A character that is not a digit.
    #[error("{}", self.message())]
    NotDigit(char),
    /// The digit count cannot come from whole bytes.
    #[error("{}", self.message())]
    BadGroupLength(usize),
    /// A group's value does not fit its bytes.
    #[error("{}", self.message())]
    GroupTooLarge,
    /// Too short or too long to be a certificate's record.
    #[error("{}", self.message())]
    BadLength(usize),
    /// An unknown format or algorithm byte.
    #[error("{}", self.message())]
    UnknownHeader(u8),
}

impl Diagnose for TokenError {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.message())
    }
}

impl TokenError {
    /// What it says, as data (worded at the edge).
    pub fn message(&self) -> Message {
        match self {
            TokenError::NotACode => Message::new("err-token-not-a-code"),
            TokenError::NotDigit(found) => {
                Message::new("err-token-not-digit").arg("found", format!("{:?}", found))
            }
            TokenError::BadGroupLength(digits) => {
                Message::new("err-token-bad-group-length").arg("digits", digits.to_string())
            }
            TokenError::GroupTooLarge => Message::new("err-token-group-too-large"),
            TokenError::BadLength(bytes) => Message::new("err-token-bad-length")
                .arg("bytes", bytes.to_string())
                .arg("min_blob", MIN_BLOB.to_string())
                .arg("max_blob", MAX_BLOB.to_string()),
            TokenError::UnknownHeader(header) => {
                Message::new("err-token-unknown-header").arg("header", format!("{:02x}", header))
            }
        }
    }
}

/// DEC: bytes → decimal digits.
pub fn to_digits(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 17 / 7 + 17);
    for group in bytes.chunks(7) {
        let v = group.iter().fold(0u64, |acc, &b| (acc << 8) | b as u64);
        let width = DIGITS_FOR[group.len()];
        out.push_str(&format!("{v:0width$}"));
    }
    out
}

/// How many digits DEC writes for `bytes` bytes.
pub fn digit_count(bytes: usize) -> usize {
    bytes / 7 * 17 + DIGITS_FOR[bytes % 7]
}

/// DEC⁻¹: decimal digits → bytes, strictly.
pub fn from_digits(digits: &str) -> Result<Vec<u8>, TokenError> {
    if let Some(c) = digits.chars().find(|c| !c.is_ascii_digit()) {
        return Err(TokenError::NotDigit(c));
    }
    let rest = digits.len() % 17;
    let last_bytes = match DIGITS_FOR.iter().position(|&d| d == rest) {
        Some(k) if rest == 0 || k < 7 => k,
        _ => return Err(TokenError::BadGroupLength(rest)),
    };
    let mut out = Vec::with_capacity(digits.len() / 17 * 7 + last_bytes);
    let bytes = digits.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let len = if bytes.len() - i >= 17 { 17 } else { rest };
        let k = if len == 17 { 7 } else { last_bytes };
        let group = std::str::from_utf8(&bytes[i..i + len]).expect("ASCII digits");
        let v: u64 = group.parse().map_err(|_| TokenError::GroupTooLarge)?;
        if k < 8 && v >> (8 * k) != 0 {
            return Err(TokenError::GroupTooLarge);
        }
        out.extend_from_slice(&v.to_be_bytes()[8 - k..]);
        i += len;
    }
    Ok(out)
}

/// The digits inside any accepted form of the code: `https://HOST/c#DIGITS` (any host; it is no
/// trust input), `HTTPS://HOST/C#DIGITS`, `VNC1:DIGITS`, or the bare digits. Surrounding white
/// space is ignored.
pub fn extract_digits(input: &str) -> Result<&str, TokenError> {
    let s = input.trim();
    if let Some(rest) = s.strip_prefix("VNC1:") {
        return Ok(rest);
    }
    let lower = s.get(..8).map(|p| p.to_ascii_lowercase());
    if lower.as_deref() == Some("https://") {
        let (path, frag) = s.split_once('#').ok_or(TokenError::NotACode)?;
        let after_host = path[8..].split_once('/').map(|(_, p)| p).unwrap_or("");
        if !after_host.eq_ignore_ascii_case("c") {
            return Err(TokenError::NotACode);
        }
        return Ok(frag);
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(s);
    }
    Err(TokenError::NotACode)
}

/// The QR text: `https://HOST/c#DIGITS`.
pub fn qr_text(host: &str, token: &Token) -> String {
    format!("{}{}", url_prefix(host), to_digits(&token.to_bytes()))
}

/// `https://HOST/c#`: the byte-mode segment of the QR.
pub fn url_prefix(host: &str) -> String {
    format!("https://{host}/c#")
}

impl Token {
    /// The blob.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(5 + self.claims.len() + SIG_LEN);
        b.push(self.header);
        b.extend_from_slice(&self.kid);
        b.extend_from_slice(&self.claims);
        b.extend_from_slice(&self.sig);
        b
    }

    /// Splits a blob, checking its length and header.
    pub fn from_bytes(b: &[u8]) -> Result<Token, TokenError> {
        if !(MIN_BLOB..=MAX_BLOB).contains(&b.len()) {
            return Err(TokenError::BadLength(b.len()));
        }
        if b[0] != HDR_ES256 && b[0] != HDR_ED25519 {
            return Err(TokenError::UnknownHeader(b[0]));
        }
        let sig_at = b.len() - SIG_LEN;
        Ok(Token {
            header: b[0],
            kid: b[1..5].try_into().expect("4 bytes"),
            claims: b[5..sig_at].to_vec(),
            sig: b[sig_at..].try_into().expect("64 bytes"),
        })
    }

    /// Parses any accepted text form of the code.
    pub fn parse(text: &str) -> Result<Token, TokenError> {
        Token::from_bytes(&from_digits(extract_digits(text)?)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_round_trip_every_final_group_length() {
        for n in 0..40usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 255) as u8).collect();
            let d = to_digits(&bytes);
            assert_eq!(from_digits(&d).unwrap(), bytes, "{n} bytes");
        }
        assert_eq!(to_digits(&[0xff; 7]), "72057594037927935");
        assert_eq!(to_digits(&[0x01]), "001");
        for n in 0..30 {
            assert_eq!(digit_count(n), to_digits(&vec![0xff; n]).len());
        }
    }

    #[test]
    fn digits_refuse_bad_lengths_values_and_characters() {
        assert_eq!(from_digits("1234"), Err(TokenError::BadGroupLength(4)));
        assert_eq!(from_digits("256"), Err(TokenError::GroupTooLarge));
        assert_eq!(from_digits("72057594037927936"), Err(TokenError::GroupTooLarge));
        assert_eq!(from_digits("12a"), Err(TokenError::NotDigit('a')));
    }

    #[test]
    fn every_accepted_text_form_gives_the_digits() {
        assert_eq!(extract_digits("https://xacthuc.example.vn/c#001").unwrap(), "001");
        assert_eq!(extract_digits("HTTPS://XACTHUC.EXAMPLE.VN/C#001").unwrap(), "001");
        assert_eq!(extract_digits("VNC1:001").unwrap(), "001");
        assert_eq!(extract_digits(" 001\n").unwrap(), "001");
        assert_eq!(extract_digits("https://example.vn/x#001"), Err(TokenError::NotACode));
        assert_eq!(extract_digits("hello"), Err(TokenError::NotACode));
    }

    #[test]
    fn blob_splits_into_header_kid_claims_signature() {
        let t = Token { header: HDR_ES256, kid: [1, 2, 3, 4], claims: vec![0xa0; 10], sig: [9; 64] };
        assert_eq!(Token::from_bytes(&t.to_bytes()).unwrap(), t);
        let mut b = t.to_bytes();
        b[0] = 0x13;
        assert_eq!(Token::from_bytes(&b), Err(TokenError::UnknownHeader(0x13)));
        assert_eq!(Token::from_bytes(&[0x11; 20]), Err(TokenError::BadLength(20)));
    }
}
