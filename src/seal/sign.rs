//! Keys and signatures: ES256 (ECDSA P-256, SHA-256, RFC 6979 deterministic) over the COSE
//! `Sig_structure` of the claims, key ids, revocation ids, and detached JWS signatures for the
//! trust manifest and revocation list. The only module that touches p256, sha2 and base64.
//!
//! Private keys live only in their PKCS#8 PEM files (mode 0600), encrypted with a passphrase
//! when the issuer wants (PBES2: scrypt and AES-256-CBC), and in memory while signing; no
//! message, error or debug output ever contains key material or a passphrase.
//!
//! ES256 signatures are made and accepted low-S only (s ≤ n/2, spec §3.4 step 5): ECDSA lets
//! anyone turn (r, s) into (r, n − s), and a certificate must have exactly one valid code text.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::elliptic_curve::Generate;
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use sha2::{Digest, Sha256};

use crate::seal::claims;
use crate::seal::token::{Token, HDR_ED25519, HDR_ES256};
use crate::util::diag::{Diagnose, Diagnostic, Message};

/// Signature algorithms of the trust manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    /// ECDSA P-256 with SHA-256.
    Es256,
    /// Ed25519 (reserved by the spec; not verified by this version).
    Ed25519,
}

impl Alg {
    /// The manifest's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Alg::Es256 => "ES256",
            Alg::Ed25519 => "Ed25519",
        }
    }

    /// From the manifest's name.
    pub fn from_name(s: &str) -> Option<Alg> {
        match s {
            "ES256" => Some(Alg::Es256),
            "Ed25519" | "EdDSA" => Some(Alg::Ed25519),
            _ => None,
        }
    }

    fn of_header(h: u8) -> Option<Alg> {
        match h {
            HDR_ES256 => Some(Alg::Es256),
            HDR_ED25519 => Some(Alg::Ed25519),
            _ => None,
        }
    }
}

/// A private signing key, loaded from its file.
pub struct PrivateKey {
    key: SigningKey,
    public: PublicKey,
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrivateKey(kid {})", hex(&self.public.kid))
    }
}

/// A public key as the trust manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// First 4 bytes of SHA-256 of the SPKI.
    pub kid: [u8; 4],
    /// Its algorithm.
    pub alg: Alg,
    /// SubjectPublicKeyInfo DER.
    pub spki: Vec<u8>,
    es256: Option<VerifyingKey>,
}

/// Key file problems. They name the file, never its content.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// Reading or writing failed.
    #[error("{}", self.message())]
    Io {
        /// What was done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// Not a P-256 PKCS#8 private key.
    #[error("{}", self.message())]
    BadPrivateKey(PathBuf),
    /// A key file is there already.
    #[error("{}", self.message())]
    Exists(PathBuf),
    /// An encrypted key file, and no passphrase to open it.
    #[error("{}", self.message())]
    NeedPassphrase(PathBuf),
    /// An encrypted key file that the passphrase given does not open.
    #[error("{}", self.message())]
    WrongPassphrase(PathBuf),
    /// A new passphrase shorter than [`MIN_PASSPHRASE_CHARS`].
    #[error("{}", self.message())]
    ShortPassphrase(PathBuf),
    /// A public key that cannot be used.
    #[error("{}", self.message())]
    BadPublicKey {
        /// Its kid as given.
        kid: String,
        /// What is wrong.
        message: String,
    },
}

impl Diagnose for KeyError {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.message())
    }
}

impl KeyError {
    /// What it says, as data (worded at the edge).
    pub fn message(&self) -> Message {
        match self {
            KeyError::Io { action, path, .. } => Message::new("err-sign-io")
                .arg("action", action.to_string())
                .arg("path", path.display().to_string()),
            KeyError::BadPrivateKey(path) => {
                Message::new("err-sign-bad-private-key").arg("path", path.display().to_string())
            }
            KeyError::Exists(path) => Message::new("err-sign-exists").arg("path", path.display().to_string()),
            KeyError::NeedPassphrase(path) => {
                Message::new("err-sign-need-passphrase").arg("path", path.display().to_string())
            }
            KeyError::WrongPassphrase(path) => {
                Message::new("err-sign-wrong-passphrase").arg("path", path.display().to_string())
            }
            KeyError::ShortPassphrase(path) => Message::new("err-sign-short-passphrase")
                .arg("path", path.display().to_string())
                .arg("min", MIN_PASSPHRASE_CHARS),
            KeyError::BadPublicKey { kid, message, .. } => Message::new("err-sign-bad-public-key")
                .arg("kid", kid.to_string())
                .arg("message", message.to_string()),
        }
    }
}

/// The outcome of checking a token's signature against the known keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    /// Signed by this key.
    Valid(PublicKey),
    /// No known key has this KID.
    UnknownKey,
    /// The KID's key is for another algorithm than the header says.
    AlgorithmMismatch,
    /// Known key, wrong signature: forged or altered.
    Invalid,
    /// A header this version cannot verify (Ed25519).
    Unsupported(Alg),
}

/// Where the passphrase of an encrypted key file comes from when it is not typed in.
pub const PASSPHRASE_ENV: &str = "CHUNGNHAN_PASSPHRASE";

/// The last passphrase typed at the prompt, so that a run that opens the root and the signing
/// key asks once when both share it.
static TYPED: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// The passphrase for `path`: `CHUNGNHAN_PASSPHRASE`, else asked on the terminal (no echo).
fn passphrase(path: &Path, again: bool) -> Result<String, KeyError> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(p);
    }
    if !again {
        if let Some(p) = TYPED.lock().ok().and_then(|t| t.clone()) {
            return Ok(p);
        }
    }
    let typed = rpassword::prompt_password(
        Message::new("key-passphrase-prompt").arg("file", path.display().to_string()).to_string(),
    )
    .map_err(|_| KeyError::NeedPassphrase(path.to_path_buf()))?;
    if let Ok(mut t) = TYPED.lock() {
        *t = Some(typed.clone());
    }
    Ok(typed)
}

/// The fewest characters a new passphrase may have: an empty or short one protects a key no
/// better than none (files made before this rule still open with theirs).
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A new passphrase for `path`: `CHUNGNHAN_PASSPHRASE`, else typed twice on the terminal; at
/// least [`MIN_PASSPHRASE_CHARS`] characters.
pub fn new_passphrase(path: &Path) -> Result<String, KeyError> {
    let long_enough = |p: String| {
        if p.chars().count() < MIN_PASSPHRASE_CHARS {
            Err(KeyError::ShortPassphrase(path.to_path_buf()))
        } else {
            Ok(p)
        }
    };
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return long_enough(p);
    }
    // The prompt is worded by the edge's installed wording (`util::diag`), like an error.
    let ask = |id: &'static str| {
        rpassword::prompt_password(Message::new(id).arg("file", path.display().to_string()).to_string())
            .map_err(|_| KeyError::NeedPassphrase(path.to_path_buf()))
    };
    let first = long_enough(ask("key-passphrase-new")?)?;
    if ask("key-passphrase-repeat")? != first {
        return Err(KeyError::WrongPassphrase(path.to_path_buf()));
    }
    if let Ok(mut t) = TYPED.lock() {
        *t = Some(first.clone());
    }
    Ok(first)
}

/// log₂ of scrypt's cost N for a key `keygen --encrypt` writes: 2^17 (128 MiB, about a third
/// of a second per derivation), with r = 8 and p = 1 — OWASP's current guidance for scrypt
/// (Password Storage Cheat Sheet). The pkcs8 crate's default is 2^14.
pub const SCRYPT_LOG_N: u8 = 17;

/// An encrypted PKCS#8 PEM key (PBES2: scrypt or PBKDF2, AES-CBC), if `pass` opens it.
fn decrypt(pem: &str, pass: &str) -> Option<SigningKey> {
    SigningKey::from_pkcs8_encrypted_pem(pem, pass.as_bytes()).ok()
}

impl PrivateKey {
    /// A new random key (the one place randomness belongs).
    pub fn generate() -> PrivateKey {
        PrivateKey::from_signing_key(SigningKey::generate())
    }

    fn from_signing_key(key: SigningKey) -> PrivateKey {
        let spki = key
            .verifying_key()
            .to_public_key_der()
            .expect("a P-256 public key always encodes")
            .as_bytes()
            .to_vec();
        let public =
            PublicKey { kid: kid_of(&spki), alg: Alg::Es256, es256: Some(*key.verifying_key()), spki };
        PrivateKey { key, public }
    }

    /// Reads a PKCS#8 PEM file; an encrypted one with the passphrase from
    /// [`PASSPHRASE_ENV`] or typed at the terminal.
    pub fn load(path: &Path) -> Result<PrivateKey, KeyError> {
        let pem = std::fs::read_to_string(path).map_err(|source| KeyError::Io {
            action: "cannot read",
            path: path.to_path_buf(),
            source,
        })?;
        if pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
            return PrivateKey::load_encrypted(path, &pem);
        }
        SigningKey::from_pkcs8_pem(&pem)
            .map(PrivateKey::from_signing_key)
            .map_err(|_| KeyError::BadPrivateKey(path.to_path_buf()))
    }

    fn load_encrypted(path: &Path, pem: &str) -> Result<PrivateKey, KeyError> {
        let from_env = std::env::var(PASSPHRASE_ENV).is_ok();
        // A remembered passphrase may belong to another file: then ask once more.
        for again in [false, true] {
            let pass = passphrase(path, again)?;
            if let Some(k) = decrypt(pem, &pass) {
                return Ok(PrivateKey::from_signing_key(k));
            }
            if from_env {
                break;
            }
        }
        Err(KeyError::WrongPassphrase(path.to_path_buf()))
    }

    /// Writes the key as PKCS#8 PEM, readable by its owner only; refuses to replace a file
    /// unless `force`.
    pub fn save(&self, path: &Path, force: bool) -> Result<(), KeyError> {
        let pem = self.key.to_pkcs8_pem(LineEnding::LF).expect("a P-256 key always encodes");
        write_private(path, pem.as_bytes(), force)
    }

    /// Writes the key as encrypted PKCS#8 PEM (PBES2, scrypt at [`SCRYPT_LOG_N`], r = 8,
    /// p = 1, AES-256-CBC) under `passphrase`, readable by its owner only; never replaces a
    /// file. The scrypt parameters are in the file (PBES2 carries them), so a file written with
    /// other ones (2^14 by chungnhan before this, or by OpenSSL) opens as it was written.
    pub fn save_encrypted(&self, path: &Path, passphrase: &str) -> Result<(), KeyError> {
        use pkcs8::pkcs5::{pbes2, scrypt};
        let mut salt = [0u8; 16];
        let mut iv = [0u8; 16];
        getrandom::fill(&mut salt).and_then(|()| getrandom::fill(&mut iv)).map_err(|e| KeyError::Io {
            action: "cannot encrypt",
            path: path.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let cost = scrypt::Params::new(SCRYPT_LOG_N, 8, 1).expect("scrypt parameters within range");
        let params = pbes2::Parameters::generate_scrypt_aes256cbc(cost, &salt, iv)
            .expect("a 16-byte salt is a valid salt");
        let der = self.key.to_pkcs8_der().expect("a P-256 key always encodes");
        let info = pkcs8::PrivateKeyInfoRef::try_from(der.as_bytes()).expect("its own encoding reads back");
        let pem = info
            .encrypt_with_params(params, passphrase.as_bytes())
            .and_then(|doc| doc.to_pem("ENCRYPTED PRIVATE KEY", LineEnding::LF).map_err(Into::into))
            .expect("a P-256 key always encrypts");
        write_private(path, pem.as_bytes(), false)
    }

    /// Its public half.
    pub fn public(&self) -> &PublicKey {
        &self.public
    }

    /// Signs claims into a token (header ES256, this key's KID).
    pub fn sign_claims(&self, claims_cbor: Vec<u8>) -> Token {
        let tbs = claims::sig_structure(claims::COSE_ES256, &self.public.kid, &claims_cbor);
        let sig: Signature = self.key.sign(&tbs);
        let sig = sig.normalize_s();
        Token { header: HDR_ES256, kid: self.public.kid, claims: claims_cbor, sig: sig.to_bytes().into() }
    }

    /// A detached JWS (RFC 7515 appendix F: `header..signature`) over `payload`, the exact bytes
    /// of a manifest file.
    pub fn sign_detached(&self, payload: &[u8]) -> String {
        let header = format!(r#"{{"alg":"ES256","kid":"{}"}}"#, hex(&self.public.kid));
        let h = URL_SAFE_NO_PAD.encode(header.as_bytes());
        let sig: Signature = self.key.sign_prehash(&jws_digest(&h, payload)).expect("a 32-byte digest");
        let sig = sig.normalize_s();
        format!("{h}..{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()))
    }
}

/// Writes a private key file readable by its owner only, created exclusively; refuses to
/// replace an entry unless `force`.
fn write_private(path: &Path, pem: &[u8], force: bool) -> Result<(), KeyError> {
    use std::io::Write;
    // `symlink_metadata`, not `exists`: a dangling link is an entry too, and writing through
    // it would put the private key wherever it points.
    let occupied = std::fs::symlink_metadata(path).is_ok();
    if occupied && !force {
        return Err(KeyError::Exists(path.to_path_buf()));
    }
    let io = |source| KeyError::Io { action: "cannot write", path: path.to_path_buf(), source };
    if occupied {
        std::fs::remove_file(path).map_err(io)?;
    }
    // Created exclusively (O_CREAT|O_EXCL): never through a link, never over a file that
    // appeared meanwhile.
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(io)?;
    f.write_all(pem).and_then(|_| f.sync_all()).map_err(io)
}

impl PublicKey {
    /// A key from its SubjectPublicKeyInfo DER; `kid` is computed from it.
    pub fn from_spki(alg: Alg, spki: Vec<u8>) -> Result<PublicKey, KeyError> {
        let kid = kid_of(&spki);
        let es256 = match alg {
            Alg::Es256 => Some(VerifyingKey::from_public_key_der(&spki).map_err(|_| {
                KeyError::BadPublicKey { kid: hex(&kid), message: "not a P-256 SubjectPublicKeyInfo".into() }
            })?),
            Alg::Ed25519 => None,
        };
        Ok(PublicKey { kid, alg, spki, es256 })
    }

    /// Checks a detached JWS made by [`PrivateKey::sign_detached`] over `payload`.
    pub fn verify_detached(&self, payload: &[u8], jws: &str) -> bool {
        let Some((h, sig)) = jws.trim().split_once("..") else { return false };
        let Some(vk) = &self.es256 else { return false };
        let Ok(header) = URL_SAFE_NO_PAD.decode(h) else { return false };
        if !String::from_utf8_lossy(&header).contains(r#""alg":"ES256""#) {
            return false;
        }
        let Ok(sig) = URL_SAFE_NO_PAD
            .decode(sig)
            .map_err(|_| ())
            .and_then(|b| Signature::from_slice(&b).map_err(|_| ()))
        else {
            return false;
        };
        vk.verify_prehash(&jws_digest(h, payload), &sig).is_ok()
    }

    /// SHA-256 of the SPKI, in hex groups: the fingerprint to publish and compare.
    pub fn fingerprint(&self) -> String {
        let d = Sha256::digest(&self.spki);
        d.chunks(4).map(hex).collect::<Vec<_>>().join(":")
    }
}

/// SHA-256 of a detached JWS's signing input, `HEADER.base64url(payload)`, encoded a piece at
/// a time: the issuance ledger of a million certificates is 30 MB, its base64 40 MB more.
fn jws_digest(header_b64: &str, payload: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(header_b64.as_bytes());
    h.update(b".");
    let mut buf = String::new();
    // Whole groups of three bytes encode alone exactly as within the whole.
    for piece in payload.chunks(3 * 21_846) {
        buf.clear();
        URL_SAFE_NO_PAD.encode_string(piece, &mut buf);
        h.update(buf.as_bytes());
    }
    h.finalize().into()
}

/// KID: the first 4 bytes of SHA-256 of the SubjectPublicKeyInfo DER.
pub fn kid_of(spki: &[u8]) -> [u8; 4] {
    Sha256::digest(spki)[..4].try_into().expect("4 bytes")
}

/// Checks a token against every known key with its KID (4-byte KIDs can collide across issuers).
pub fn check(token: &Token, keys: &[PublicKey]) -> SignatureCheck {
    let candidates: Vec<&PublicKey> = keys.iter().filter(|k| k.kid == token.kid).collect();
    if candidates.is_empty() {
        return SignatureCheck::UnknownKey;
    }
    let Some(alg) = Alg::of_header(token.header) else { return SignatureCheck::Invalid };
    let matching: Vec<&&PublicKey> = candidates.iter().filter(|k| k.alg == alg).collect();
    if matching.is_empty() {
        return SignatureCheck::AlgorithmMismatch;
    }
    if alg != Alg::Es256 {
        return SignatureCheck::Unsupported(alg);
    }
    let tbs = claims::sig_structure(claims::COSE_ES256, &token.kid, &token.claims);
    let Ok(sig) = Signature::from_slice(&token.sig) else { return SignatureCheck::Invalid };
    for k in matching {
        if let Some(vk) = &k.es256 {
            if vk.verify(&tbs, &sig).is_ok() {
                return SignatureCheck::Valid((*k).clone());
            }
        }
    }
    SignatureCheck::Invalid
}

/// Whether an ES256 signature (r ‖ s) is in its high-S form (s > n/2), which this signer never
/// makes.
pub fn is_high_s(sig: &[u8; 64]) -> bool {
    Signature::from_slice(sig).is_ok_and(|s| s.normalize_s() != s)
}

/// The revocation id (docs/spec/verification-qr.md §3.6): `SHA-256("VNCERT-REV-v1" ‖ SIG[0..32])[0..16]`. It uses only r
/// (or R), which ECDSA's s-malleability does not change.
pub fn revocation_id(sig: &[u8; 64]) -> [u8; 16] {
    let mut h = Sha256::new();
    h.update(b"VNCERT-REV-v1");
    h.update(&sig[..32]);
    h.finalize()[..16].try_into().expect("16 bytes")
}

/// The code id (docs/spec/verification-qr.md §3.5, ledgers of version 2):
/// `SHA-256("VNCERT-CODE-v1" ‖ BLOB)`, the whole blob — header, KID, claims and signature — so
/// that an issuance ledger listing it vouches for exactly this code. The revocation id hashes
/// only `r`, which a thief holding the key can reuse (the nonce is recoverable from any code):
/// it names a certificate, it cannot prove one. Not truncated: a key holder who can also choose
/// what the honest signer signs (RFC 6979 makes the genuine code predictable) could look for a
/// collision of a 128-bit prefix in 2^64 steps; 256 bits leaves no birthday bound to argue.
pub fn code_id(blob: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"VNCERT-CODE-v1");
    h.update(blob);
    h.finalize().into()
}

/// The Merkle tree hash of an issuance ledger's revocation ids (RFC 6962 §2.1: leaves
/// `SHA-256(0x00 ‖ rid)`, nodes `SHA-256(0x01 ‖ left ‖ right)`, split at the largest power of
/// two below the count). The ids are hashed in the order given: the ledger keeps them sorted.
pub fn merkle_root(rids: &[Vec<u8>]) -> [u8; 32] {
    merkle_root_by(rids.len(), &|i| rids[i].clone())
}

/// [`merkle_root`] of `n` leaves, the `i`-th being `leaf(i)`: a ledger's ids are decoded one
/// at a time rather than all at once (a million as separate byte strings were 56 MB).
pub fn merkle_root_by(n: usize, leaf: &dyn Fn(usize) -> Vec<u8>) -> [u8; 32] {
    merkle_range(0..n, leaf)
}

fn merkle_range(range: std::ops::Range<usize>, leaf: &dyn Fn(usize) -> Vec<u8>) -> [u8; 32] {
    match range.len() {
        0 => Sha256::digest([]).into(),
        1 => {
            let mut h = Sha256::new();
            h.update([0u8]);
            h.update(leaf(range.start));
            h.finalize().into()
        }
        n => {
            let k = 1usize << (usize::BITS - 1 - (n - 1).leading_zeros());
            let mut h = Sha256::new();
            h.update([1u8]);
            h.update(merkle_range(range.start..range.start + k, leaf));
            h.update(merkle_range(range.start + k..range.end, leaf));
            h.finalize().into()
        }
    }
}

/// A Content-Security-Policy source for an inline script or style: `'sha256-<base64>'`.
pub fn csp_hash(bytes: &[u8]) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes)))
}

/// SHA-256 of some bytes, hex (for file checks in reports).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of some bytes.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// SHA-256 of bytes that come a piece at a time (a roster read as a stream), hex at the end.
#[derive(Debug, Clone, Default)]
pub struct Sha256Stream(Sha256);

impl Sha256Stream {
    /// The next piece.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The digest of every piece, hex.
    pub fn hex(self) -> String {
        hex(&self.0.finalize())
    }
}

/// base64url without padding, as the manifest writes binary fields.
pub fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Inverse of [`b64`].
pub fn unb64(s: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).ok()
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Inverse of [`hex`].
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_claims_verify_and_any_change_does_not() {
        let k = PrivateKey::generate();
        let t = k.sign_claims(vec![0xa3, 0x01, 0x61, b'A', 0x02, 0x61, b'B', 0x05, 0x01]);
        assert_eq!(check(&t, &[k.public().clone()]), SignatureCheck::Valid(k.public().clone()));
        let mut bad = t.clone();
        bad.claims[3] = b'C';
        assert_eq!(check(&bad, &[k.public().clone()]), SignatureCheck::Invalid);
        let other = PrivateKey::generate();
        assert_eq!(check(&t, &[other.public().clone()]), SignatureCheck::UnknownKey);
    }

    /// Key files outlive the program that wrote them: an encrypted key written by OpenSSL
    /// (scrypt and PBKDF2) and one written by chungnhan 0.1 with p256 0.13 open with their
    /// passphrase, to the same key, and not with another (tests/fixtures/keys, test-only keys).
    #[test]
    fn encrypted_key_files_of_other_writers_and_versions_still_open() {
        let openssl_plain = include_str!("../../tests/fixtures/keys/openssl-plain.pem");
        let openssl = SigningKey::from_pkcs8_pem(openssl_plain).unwrap();
        for pem in [
            include_str!("../../tests/fixtures/keys/openssl-scrypt-encrypted.pem"),
            include_str!("../../tests/fixtures/keys/openssl-pbkdf2-encrypted.pem"),
        ] {
            let k = decrypt(pem, "thu-nghiem-123").expect("OpenSSL's encrypted key opens");
            assert_eq!(k.verifying_key(), openssl.verifying_key());
            assert!(decrypt(pem, "sai").is_none());
        }
        let old = include_str!("../../tests/fixtures/keys/chungnhan-0.1-encrypted.pem");
        let k = PrivateKey::from_signing_key(decrypt(old, "thu-nghiem-123").expect("0.1's key opens"));
        assert_eq!(
            hex(&k.public().kid),
            include_str!("../../tests/fixtures/keys/chungnhan-0.1-encrypted.kid").trim()
        );
        assert!(decrypt(old, "sai").is_none());
    }

    /// scrypt's (N, r, p) as an encrypted PEM file carries them.
    fn scrypt_cost(pem: &str) -> (u64, u16, u16) {
        use pkcs8::pkcs5::pbes2::Kdf;
        let (_, der) = pkcs8::der::Document::from_pem(pem).unwrap();
        let info = pkcs8::EncryptedPrivateKeyInfoRef::try_from(der.as_bytes()).unwrap();
        match &info.encryption_algorithm.pbes2().expect("PBES2").kdf {
            Kdf::Scrypt(p) => (p.cost_parameter, p.block_size, p.parallelization),
            _ => panic!("not scrypt"),
        }
    }

    /// A key `keygen --encrypt` writes costs scrypt N = 2^17, r = 8, p = 1 (OWASP), and opens
    /// with its passphrase only; a file written at the old cost (2^14, as chungnhan wrote them
    /// before and OpenSSL does by default) still opens (issue 28, item 12).
    #[test]
    fn an_encrypted_key_costs_scrypt_2_17_and_one_at_2_14_still_opens() {
        let dir = std::env::temp_dir().join(format!("chungnhan-scrypt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("signing-key.pem");
        let _ = std::fs::remove_file(&path);
        let k = PrivateKey::generate();
        k.save_encrypted(&path, "mat-khau-dai-du").unwrap();
        let pem = std::fs::read_to_string(&path).unwrap();
        assert_eq!(scrypt_cost(&pem), (1 << 17, 8, 1));
        let back = decrypt(&pem, "mat-khau-dai-du").expect("opens with its passphrase");
        assert_eq!(back.verifying_key(), k.key.verifying_key());
        assert!(decrypt(&pem, "mat-khau-khac").is_none());
        std::fs::remove_dir_all(&dir).unwrap();

        let old = include_str!("../../tests/fixtures/keys/openssl-scrypt-encrypted.pem");
        assert_eq!(scrypt_cost(old), (1 << 14, 8, 1), "the fixture is a file at the old cost");
        assert!(decrypt(old, "thu-nghiem-123").is_some());
    }

    #[test]
    fn signatures_are_low_s_and_a_high_s_twin_is_refused() {
        let k = PrivateKey::generate();
        let keys = [k.public().clone()];
        for i in 0..16u8 {
            let t = k.sign_claims(vec![0xa1, 0x01, 0x61, b'a' + i]);
            let sig = Signature::from_slice(&t.sig).unwrap();
            assert_eq!(sig.normalize_s(), sig, "low-S");
            assert_eq!(check(&t, &keys), SignatureCheck::Valid(k.public().clone()));
            // s → n − s: a valid ECDSA signature too, with the same r (and revocation id).
            let (r, s) = sig.split_scalars();
            let twin = Signature::from_scalars(r, -*s).unwrap();
            let mut high = t.clone();
            high.sig = twin.to_bytes().into();
            assert_eq!(revocation_id(&high.sig), revocation_id(&t.sig));
            assert!(is_high_s(&high.sig) && !is_high_s(&t.sig));
        }
    }

    #[test]
    fn merkle_roots_follow_rfc_6962() {
        // Hand-computed from the definition: one, two and three leaves.
        let leaf =
            |b: &[u8]| -> [u8; 32] { Sha256::new().chain_update([0u8]).chain_update(b).finalize().into() };
        let node = |l: [u8; 32], r: [u8; 32]| -> [u8; 32] {
            Sha256::new().chain_update([1u8]).chain_update(l).chain_update(r).finalize().into()
        };
        let (a, b, c) = (vec![1u8; 16], vec![2u8; 16], vec![3u8; 16]);
        assert_eq!(merkle_root(std::slice::from_ref(&a)), leaf(&a));
        assert_eq!(merkle_root(&[a.clone(), b.clone()]), node(leaf(&a), leaf(&b)));
        assert_eq!(merkle_root(&[a.clone(), b.clone(), c.clone()]), node(node(leaf(&a), leaf(&b)), leaf(&c)));
        assert_ne!(merkle_root(&[a.clone(), b.clone()]), merkle_root(&[b, a]));
    }

    #[test]
    fn signing_is_deterministic() {
        let k = PrivateKey::generate();
        assert_eq!(k.sign_claims(vec![0xa0]).sig, k.sign_claims(vec![0xa0]).sig);
    }

    #[test]
    fn detached_jws_covers_the_exact_bytes() {
        let k = PrivateKey::generate();
        let jws = k.sign_detached(b"{\"seq\":1}");
        assert!(k.public().verify_detached(b"{\"seq\":1}", &jws));
        assert!(!k.public().verify_detached(b"{\"seq\":2}", &jws));
    }

    /// A ledger of a million is megabytes: its signing input is hashed a piece at a time, and
    /// must still be exactly the JWS definition's `HEADER.base64url(payload)`.
    #[test]
    fn detached_jws_of_a_long_payload_is_the_standard_one() {
        let k = PrivateKey::generate();
        let payload: Vec<u8> = (0..200_003u32).map(|i| (i * 7 % 251) as u8).collect();
        let jws = k.sign_detached(&payload);
        let (h, sig) = jws.split_once("..").unwrap();
        let sig = Signature::from_slice(&URL_SAFE_NO_PAD.decode(sig).unwrap()).unwrap();
        let input = format!("{h}.{}", URL_SAFE_NO_PAD.encode(&payload));
        assert!(k.public().es256.as_ref().unwrap().verify(input.as_bytes(), &sig).is_ok());
        assert!(k.public().verify_detached(&payload, &jws));
        let mut changed = payload.clone();
        changed[150_000] ^= 1;
        assert!(!k.public().verify_detached(&changed, &jws));
    }

    #[test]
    fn key_files_are_private_and_never_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("k.pem");
        let k = PrivateKey::generate();
        k.save(&p, false).unwrap();
        assert_eq!(PrivateKey::load(&p).unwrap().public(), k.public());
        assert!(matches!(PrivateKey::generate().save(&p, false), Err(KeyError::Exists(_))));
        #[cfg(unix)]
        {
            // A dangling link where the key goes: refused, and nothing is written where it points.
            let link = tmp.path().join("root-key.pem");
            let outside = tmp.path().join("outside.pem");
            std::os::unix::fs::symlink(&outside, &link).unwrap();
            assert!(matches!(PrivateKey::generate().save(&link, false), Err(KeyError::Exists(_))));
            assert!(!outside.exists());
            // Even when replacing is asked for, the link is replaced, not written through.
            PrivateKey::generate().save(&link, true).unwrap();
            assert!(!outside.exists());
            assert!(!std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let msg = format!("{:?} {}", k, KeyError::BadPrivateKey(p.clone()));
        assert!(!msg.contains("PRIVATE"), "{msg}");
    }
}
