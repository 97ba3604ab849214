//! Keys and signatures: ES256 (ECDSA P-256, SHA-256, RFC 6979 deterministic) over the COSE
//! `Sig_structure` of the claims, key ids, revocation ids, and detached JWS signatures for the
//! trust manifest and revocation list. The only module that touches p256, sha2 and base64.
//!
//! Private keys live only in their PKCS#8 PEM files (mode 0600) and in memory while signing; no
//! message, error or debug output ever contains key material.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use sha2::{Digest, Sha256};

use crate::seal::claims;
use crate::seal::token::{Token, HDR_ED25519, HDR_ES256};

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
    #[error("{action} key file {}", path.display())]
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
    #[error("{}: not a PKCS#8 PEM P-256 private key", .0.display())]
    BadPrivateKey(PathBuf),
    /// A key file is there already.
    #[error("{} exists; refusing to overwrite a key", .0.display())]
    Exists(PathBuf),
    /// A public key that cannot be used.
    #[error("public key {kid}: {message}")]
    BadPublicKey {
        /// Its kid as given.
        kid: String,
        /// What is wrong.
        message: String,
    },
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

impl PrivateKey {
    /// A new random key (the one place randomness belongs).
    pub fn generate() -> PrivateKey {
        PrivateKey::from_signing_key(SigningKey::random(&mut rand_core::OsRng))
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

    /// Reads a PKCS#8 PEM file.
    pub fn load(path: &Path) -> Result<PrivateKey, KeyError> {
        let pem = std::fs::read_to_string(path).map_err(|source| KeyError::Io {
            action: "cannot read",
            path: path.to_path_buf(),
            source,
        })?;
        SigningKey::from_pkcs8_pem(&pem)
            .map(PrivateKey::from_signing_key)
            .map_err(|_| KeyError::BadPrivateKey(path.to_path_buf()))
    }

    /// Writes the key as PKCS#8 PEM, readable by its owner only; refuses to replace a file
    /// unless `force`.
    pub fn save(&self, path: &Path, force: bool) -> Result<(), KeyError> {
        use std::io::Write;
        // `symlink_metadata`, not `exists`: a dangling link is an entry too, and writing through
        // it would put the private key wherever it points.
        let occupied = std::fs::symlink_metadata(path).is_ok();
        if occupied && !force {
            return Err(KeyError::Exists(path.to_path_buf()));
        }
        let pem = self.key.to_pkcs8_pem(LineEnding::LF).expect("a P-256 key always encodes");
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
        f.write_all(pem.as_bytes()).and_then(|_| f.sync_all()).map_err(io)
    }

    /// Its public half.
    pub fn public(&self) -> &PublicKey {
        &self.public
    }

    /// Signs claims into a token (header ES256, this key's KID).
    pub fn sign_claims(&self, claims_cbor: Vec<u8>) -> Token {
        let tbs = claims::sig_structure(claims::COSE_ES256, &self.public.kid, &claims_cbor);
        let sig: Signature = self.key.sign(&tbs);
        Token { header: HDR_ES256, kid: self.public.kid, claims: claims_cbor, sig: sig.to_bytes().into() }
    }

    /// A detached JWS (RFC 7515 appendix F: `header..signature`) over `payload`, the exact bytes
    /// of a manifest file.
    pub fn sign_detached(&self, payload: &[u8]) -> String {
        let header = format!(r#"{{"alg":"ES256","kid":"{}"}}"#, hex(&self.public.kid));
        let h = URL_SAFE_NO_PAD.encode(header.as_bytes());
        let input = format!("{h}.{}", URL_SAFE_NO_PAD.encode(payload));
        let sig: Signature = self.key.sign(input.as_bytes());
        format!("{h}..{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()))
    }
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
        let input = format!("{h}.{}", URL_SAFE_NO_PAD.encode(payload));
        vk.verify(input.as_bytes(), &sig).is_ok()
    }

    /// SHA-256 of the SPKI, in hex groups: the fingerprint to publish and compare.
    pub fn fingerprint(&self) -> String {
        let d = Sha256::digest(&self.spki);
        d.chunks(4).map(hex).collect::<Vec<_>>().join(":")
    }
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

/// The revocation id (docs/spec/verification-qr.md §3.6): `SHA-256("VNCERT-REV-v1" ‖ SIG[0..32])[0..16]`. It uses only r
/// (or R), which ECDSA's s-malleability does not change.
pub fn revocation_id(sig: &[u8; 64]) -> [u8; 16] {
    let mut h = Sha256::new();
    h.update(b"VNCERT-REV-v1");
    h.update(&sig[..32]);
    h.finalize()[..16].try_into().expect("16 bytes")
}

/// A Content-Security-Policy source for an inline script or style: `'sha256-<base64>'`.
pub fn csp_hash(bytes: &[u8]) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes)))
}

/// SHA-256 of some bytes, hex (for file checks in reports).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
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
