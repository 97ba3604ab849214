//! Look-up without the QR (docs/spec/verification-qr.md, appendix B): a certificate found by
//! the holder's name, its số hiệu and the date of birth, on a static site and without a server.
//!
//! In: the three values as typed (or as registered), the verification host and the signing key
//! id. Out: a *locator* (8 bytes, whose first 12 bits choose one bucket file of the site) and an
//! AES-256-GCM key that opens the certificate's *entry*: its signed VNCERT-QR code text. Key
//! material is PBKDF2-HMAC-SHA256 ([`ITERATIONS`] rounds) over the folded values, salted with
//! the format version, the host and the key id; HKDF-SHA256 splits it. The page's script
//! (`src/site/page/app.js`) does the same with WebCrypto, and both pass the vectors of
//! `tests/fixtures/vectors/lookup.json`.
//!
//! What is found is only a code: it is then judged exactly as a scanned one, so a bucket file
//! changed by anyone gives "not found" or a verdict from the signature, never a false "valid".
//! No catalogue here: errors are data (`util::diag`).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::Aes256Gcm;
use hkdf::Hkdf;
use sha2::Sha256;
use unicode_normalization::UnicodeNormalization;

use crate::util::diag::{Diagnose, Diagnostic, Message};

/// The format's version, written into the salt, the HKDF labels and every bucket file.
pub const VERSION: u8 = 1;
/// The format's name in the site's descriptor (`lookup.json`).
pub const FORMAT: &str = "vncert-lookup/1";
/// PBKDF2 rounds: OWASP's 2023 figure for PBKDF2-HMAC-SHA256, about 0.1–0.2 s on one core.
pub const ITERATIONS: u32 = 600_000;
/// Bits of the locator that choose the bucket: 4,096 files.
pub const BUCKET_BITS: u32 = 12;
/// The first bytes of a bucket file.
pub const MAGIC: &[u8; 4] = b"VNLK";
/// Domain separation: the salt's prefix and the HKDF labels all start with this.
const LABEL: &str = "VNCERT-LOOKUP-v1";

/// Why look-up values or a bucket file were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// The name is empty once folded.
    #[error("the name is empty")]
    EmptyName,
    /// The serial is empty once normalised.
    #[error("the serial is empty")]
    EmptySerial,
    /// Not a date of birth (dd/mm/yyyy, or a year).
    #[error("not a date of birth: {0:?}")]
    Birth(String),
    /// A certificate's code that does not parse (the register's, when its entry is made).
    #[error("the certificate's code does not parse")]
    Code,
    /// A bucket file that is not one (wrong magic, version, prefix, or cut short).
    #[error("not a look-up bucket file of version 1: {0}")]
    Bucket(&'static str),
}

impl Diagnose for LookupError {
    fn diagnostic(&self) -> Diagnostic {
        match self {
            LookupError::EmptyName => Diagnostic::new(Message::new("lookup-err-empty-name"))
                .hint(Message::new("lookup-hint-fields")),
            LookupError::EmptySerial => Diagnostic::new(Message::new("lookup-err-empty-serial"))
                .hint(Message::new("lookup-hint-fields")),
            LookupError::Birth(v) => Diagnostic::new(Message::new("lookup-err-birth").arg("value", v))
                .hint(Message::new("lookup-hint-birth")),
            LookupError::Code => Diagnostic::new(Message::new("lookup-err-code")),
            LookupError::Bucket(why) => Diagnostic::new(Message::new("lookup-err-bucket").arg("why", *why)),
        }
    }
}

/// A name as the look-up keys it: NFC, diacritics and đ removed, upper case, one space between
/// words (`  Nguyễn  văn Ẩn ` → `NGUYEN VAN AN`). A reader who types without tones, in capitals
/// or with a double space still finds the certificate.
pub fn fold_name(name: &str) -> String {
    let bare: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'D',
            c => c,
        })
        .collect();
    let upper: String = bare.nfc().collect::<String>().to_uppercase();
    upper.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A serial as the register matches it (`Register::certificate`): case, spaces and hyphens do not
/// tell serials apart (`cn bd25-0004` → `CNBD250004`).
pub fn normalise_serial(serial: &str) -> String {
    serial.nfc().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase()
}

/// A date of birth as `DD/MM/YYYY` (from `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` or ISO
/// `yyyy-mm-dd`), or `YYYY` when only the year is on record.
pub fn normalise_birth(birth: &str) -> Result<String, LookupError> {
    let s = birth.trim();
    let bad = || LookupError::Birth(s.to_string());
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if s.len() == 4 && digits(s) {
        return Ok(s.to_string());
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    if parts.len() != 3 || !parts.iter().all(|p| digits(p)) {
        return Err(bad());
    }
    let (d, m, y) =
        if parts[0].len() == 4 { (parts[2], parts[1], parts[0]) } else { (parts[0], parts[1], parts[2]) };
    if y.len() != 4 || d.len() > 2 || m.len() > 2 {
        return Err(bad());
    }
    let n = |p: &str| p.parse::<u16>().map_err(|_| bad());
    let (d, m, y) = (n(d)?, n(m)?, n(y)?);
    crate::viet::Date::new(y, m as u8, d as u8).map_err(|_| bad())?;
    Ok(format!("{d:02}/{m:02}/{y:04}"))
}

/// The three values a reader types, each normalised: what the key is derived from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// [`fold_name`] of the name.
    pub name: String,
    /// [`normalise_serial`] of the số hiệu.
    pub serial: String,
    /// [`normalise_birth`] of the date of birth.
    pub birth: String,
}

impl Query {
    /// The values as typed (or registered), normalised; empty or unreadable ones refused.
    pub fn new(name: &str, serial: &str, birth: &str) -> Result<Query, LookupError> {
        let name = fold_name(name);
        if name.is_empty() {
            return Err(LookupError::EmptyName);
        }
        let serial = normalise_serial(serial);
        if serial.is_empty() {
            return Err(LookupError::EmptySerial);
        }
        Ok(Query { name, serial, birth: normalise_birth(birth)? })
    }

    /// PBKDF2's password: the three values, one a line.
    pub fn password(&self) -> String {
        format!("{}\n{}\n{}", self.name, self.serial, self.birth)
    }
}

/// PBKDF2's salt: `VNCERT-LOOKUP-v1`, the host (lower case) and the key id (hex, lower case),
/// one a line.
pub fn salt(host: &str, kid: &str) -> String {
    format!("{LABEL}\n{}\n{}", host.trim().to_ascii_lowercase(), kid.trim().to_ascii_lowercase())
}

/// What a query gives for one host and key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    /// The entry's locator; its first [`BUCKET_BITS`] bits name the bucket.
    pub locator: [u8; 8],
    /// The AES-256-GCM key.
    pub key: [u8; 32],
    /// The AES-GCM nonce. Each key seals exactly one code (a serial is never given twice and a
    /// stored entry is never recomputed), so a nonce derived with the key is never reused.
    pub nonce: [u8; 12],
}

/// The PBKDF2 output for `query` at `host` and key `kid` (the costly step).
pub fn key_material(query: &Query, host: &str, kid: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(
        query.password().as_bytes(),
        salt(host, kid).as_bytes(),
        ITERATIONS,
        &mut out,
    );
    out
}

/// Locator, key and nonce from the key material (HKDF-SHA256, empty salt, one label each).
pub fn split(material: &[u8; 32]) -> Derived {
    let hk = Hkdf::<Sha256>::new(None, material);
    let mut d = Derived { locator: [0; 8], key: [0; 32], nonce: [0; 12] };
    // Lengths this small never exceed HKDF's limit (255 × 32 bytes).
    hk.expand(format!("{LABEL} locator").as_bytes(), &mut d.locator).expect("8 bytes");
    hk.expand(format!("{LABEL} key").as_bytes(), &mut d.key).expect("32 bytes");
    hk.expand(format!("{LABEL} nonce").as_bytes(), &mut d.nonce).expect("12 bytes");
    d
}

/// [`key_material`] then [`split`].
pub fn derive(query: &Query, host: &str, kid: &str) -> Derived {
    split(&key_material(query, host, kid))
}

/// One published entry: the locator and the sealed code (ciphertext with its 16-byte tag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The locator.
    pub locator: [u8; 8],
    /// AES-256-GCM of the code text, the locator as associated data.
    pub sealed: Vec<u8>,
}

/// The entry for the certificate whose signed code text is `code`.
pub fn seal(d: &Derived, code: &str) -> Entry {
    let cipher = Aes256Gcm::new_from_slice(&d.key).expect("a 32-byte key");
    let sealed = cipher
        .encrypt(&d.nonce.into(), Payload { msg: code.as_bytes(), aad: &d.locator })
        .expect("AES-GCM seals any text shorter than 64 GB");
    Entry { locator: d.locator, sealed }
}

/// The code text in `entry`, if `d` opens it (a wrong key, a changed byte: `None`).
pub fn open(d: &Derived, entry: &Entry) -> Option<String> {
    if entry.locator != d.locator {
        return None;
    }
    let cipher = Aes256Gcm::new_from_slice(&d.key).ok()?;
    let plain = cipher.decrypt(&d.nonce.into(), Payload { msg: &entry.sealed, aad: &d.locator }).ok()?;
    String::from_utf8(plain).ok()
}

/// The bucket a locator falls in: its first [`BUCKET_BITS`] bits.
pub fn bucket_of(locator: &[u8; 8]) -> u16 {
    (u16::from(locator[0]) << 4) | u16::from(locator[1] >> 4)
}

/// A bucket's file name relative to the look-up folder: three hex digits and `.bin` (`a3f.bin`).
pub fn bucket_file(bucket: u16) -> String {
    format!("{bucket:03x}.bin")
}

/// A bucket file: `VNLK`, version (1 byte), bucket (2 bytes, big-endian), count (4 bytes), then
/// each entry — locator (8), length of the sealed code (2), sealed code — in locator order.
pub fn write_bucket(bucket: u16, entries: &[&Entry]) -> Vec<u8> {
    let mut sorted: Vec<&&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| (a.locator, &a.sealed).cmp(&(b.locator, &b.sealed)));
    let mut out = Vec::with_capacity(11 + entries.iter().map(|e| 10 + e.sealed.len()).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.extend_from_slice(&bucket.to_be_bytes());
    out.extend_from_slice(&(sorted.len() as u32).to_be_bytes());
    for e in sorted {
        out.extend_from_slice(&e.locator);
        // A code text is at most a few hundred bytes (the QR's capacity): u16 always holds it.
        out.extend_from_slice(&(e.sealed.len().min(u16::MAX as usize) as u16).to_be_bytes());
        out.extend_from_slice(&e.sealed[..e.sealed.len().min(u16::MAX as usize)]);
    }
    out
}

/// The entries of bucket file `bytes`, which must be bucket `bucket` of version 1.
pub fn read_bucket(bucket: u16, bytes: &[u8]) -> Result<Vec<Entry>, LookupError> {
    let short = LookupError::Bucket("cut short");
    if bytes.len() < 11 || &bytes[..4] != MAGIC {
        return Err(LookupError::Bucket("no VNLK header"));
    }
    if bytes[4] != VERSION {
        return Err(LookupError::Bucket("another version"));
    }
    if u16::from_be_bytes([bytes[5], bytes[6]]) != bucket {
        return Err(LookupError::Bucket("another bucket's file"));
    }
    let count = u32::from_be_bytes([bytes[7], bytes[8], bytes[9], bytes[10]]) as usize;
    let mut rest = &bytes[11..];
    let mut out = Vec::with_capacity(count.min(rest.len() / 10));
    for _ in 0..count {
        if rest.len() < 10 {
            return Err(short);
        }
        let locator: [u8; 8] = rest[..8].try_into().expect("8 bytes");
        let len = usize::from(u16::from_be_bytes([rest[8], rest[9]]));
        let Some(sealed) = rest.get(10..10 + len) else { return Err(short) };
        out.push(Entry { locator, sealed: sealed.to_vec() });
        rest = &rest[10 + len..];
    }
    if !rest.is_empty() {
        return Err(LookupError::Bucket("bytes after the last entry"));
    }
    Ok(out)
}

/// The code text the entries of a bucket give for `d`, if one opens.
pub fn find(d: &Derived, entries: &[Entry]) -> Option<String> {
    entries.iter().filter(|e| e.locator == d.locator).find_map(|e| open(d, e))
}

/// Whether a code's own claims are the certificate typed: the serial and the name as the
/// look-up folds them, and the date of birth (or year) when the code carries one. An entry
/// that opens but names someone else (a bucket swapped by whoever hosts it) is not a match.
pub fn claims_match(query: &Query, claims: &crate::seal::claims::Claims) -> bool {
    if normalise_serial(&claims.serial) != query.serial || fold_name(&claims.name) != query.name {
        return false;
    }
    match (claims.birth_date, claims.birth_year) {
        (Some(days), _) => crate::viet::Date::from_days(days).to_string() == query.birth,
        (None, Some(year)) => query.birth == format!("{year:04}"),
        (None, None) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_without_tones_đ_case_or_extra_spaces() {
        assert_eq!(fold_name("  Nguyễn  văn Ẩn "), "NGUYEN VAN AN");
        assert_eq!(fold_name("Đặng Văn Thuỷ"), "DANG VAN THUY");
        assert_eq!(fold_name("Đặng Văn Thủy"), "DANG VAN THUY");
        // Decomposed input (as some phones send it) folds alike.
        assert_eq!(fold_name("Nguye\u{302}\u{303}n"), "NGUYEN");
        assert_eq!(fold_name("H'Hen Niê"), "H'HEN NIE");
    }

    #[test]
    fn serials_and_dates_normalise_as_people_type_them() {
        assert_eq!(normalise_serial("cn bd25-0004"), "CNBD250004");
        assert_eq!(normalise_birth("5/2/1980").unwrap(), "05/02/1980");
        assert_eq!(normalise_birth("05-02-1980").unwrap(), "05/02/1980");
        assert_eq!(normalise_birth("1980-02-05").unwrap(), "05/02/1980");
        assert_eq!(normalise_birth(" 1962 ").unwrap(), "1962");
        for bad in ["31/02/1980", "05/02/80", "tháng 2", "", "12/31/1980"] {
            assert!(normalise_birth(bad).is_err(), "{bad}");
        }
        assert_eq!(Query::new(" ", "A", "1962"), Err(LookupError::EmptyName));
        assert_eq!(Query::new("A", " - ", "1962"), Err(LookupError::EmptySerial));
    }

    #[test]
    fn a_sealed_code_opens_with_its_values_only_and_a_changed_byte_opens_nothing() {
        // The split is what differs per query; the costly PBKDF2 step is covered by the vectors.
        let d = split(&[7; 32]);
        let e = seal(&d, "https://x.example/c#123");
        assert_eq!(open(&d, &e).as_deref(), Some("https://x.example/c#123"));
        let other = split(&[8; 32]);
        assert_eq!(open(&other, &e), None);
        for i in 0..e.sealed.len() {
            let mut bad = e.clone();
            bad.sealed[i] ^= 1;
            assert_eq!(open(&d, &bad), None, "byte {i}");
        }
    }

    #[test]
    fn a_bucket_file_reads_back_and_a_cut_or_foreign_one_is_refused() {
        let d = split(&[1; 32]);
        let e = seal(&d, "code");
        let b = bucket_of(&e.locator);
        let bytes = write_bucket(b, &[&e]);
        assert_eq!(read_bucket(b, &bytes).unwrap(), vec![e.clone()]);
        assert_eq!(find(&d, &read_bucket(b, &bytes).unwrap()).as_deref(), Some("code"));
        assert!(read_bucket(b, &bytes[..bytes.len() - 1]).is_err());
        assert!(read_bucket(b ^ 1, &bytes).is_err());
        assert_eq!(bucket_file(0xa3f), "a3f.bin");
        assert_eq!(bucket_of(&[0xa3, 0xf9, 0, 0, 0, 0, 0, 0]), 0xa3f);
    }
}
