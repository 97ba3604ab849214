//! The signer's key and certificate chain: a PKCS#12 file (`.p12`/`.pfx`, legacy PBES1 ones
//! too) or a PKCS#11 token (`esign::token`), behind one [`Signer`].
//!
//! The only module that touches p12-keystore, rsa, p256 and p384 for signing. The algorithm
//! follows the certificate: RSA with PKCS#1 v1.5 (PSS when the certificate's key is an
//! RSASSA-PSS key), ECDSA on P-256 (SHA-256) or P-384 (SHA-384). A software key signs in this
//! process; a token signs on the token through the session opened once for the run.

use const_oid::db::rfc5912;
use der::{Decode, Encode};
use sha2::Digest as _;
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use super::token::Token;
use super::EsignError;

/// The digest a signature uses (over the PDF's byte range and over the signed attributes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    /// SHA-256 (RSA and P-256 keys).
    Sha256,
    /// SHA-384 (P-384 keys).
    Sha384,
}

impl Hash {
    /// The digest of `parts`, one after the other.
    pub fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        match self {
            Hash::Sha256 => {
                let mut h = sha2::Sha256::new();
                parts.iter().for_each(|p| h.update(p));
                h.finalize().to_vec()
            }
            Hash::Sha384 => {
                let mut h = sha2::Sha384::new();
                parts.iter().for_each(|p| h.update(p));
                h.finalize().to_vec()
            }
        }
    }

    /// Its algorithm identifier (parameters absent, as RFC 5754 asks).
    pub fn algorithm(self) -> AlgorithmIdentifierOwned {
        let oid = match self {
            Hash::Sha256 => rfc5912::ID_SHA_256,
            Hash::Sha384 => rfc5912::ID_SHA_384,
        };
        AlgorithmIdentifierOwned { oid, parameters: None }
    }
}

/// What kind of key signs, as the certificate says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA, PKCS#1 v1.5 with SHA-256; the modulus's size in bytes.
    Rsa(usize),
    /// RSA, RSASSA-PSS with SHA-256 (MGF1 SHA-256, salt 32); the modulus's size in bytes.
    RsaPss(usize),
    /// ECDSA on P-256 with SHA-256.
    P256,
    /// ECDSA on P-384 with SHA-384.
    P384,
}

impl KeyKind {
    /// The certificate's key, if it is one we sign with.
    pub fn of(cert: &Certificate) -> Option<KeyKind> {
        let spki = cert.tbs_certificate().subject_public_key_info();
        match spki.algorithm.oid {
            rfc5912::RSA_ENCRYPTION | rfc5912::ID_RSASSA_PSS => {
                use rsa::pkcs1::DecodeRsaPublicKey;
                use rsa::traits::PublicKeyParts;
                let key = rsa::PublicKey::from_pkcs1_der(spki.subject_public_key.raw_bytes()).ok()?;
                let bytes = key.size();
                if !(256..=512).contains(&bytes) {
                    return None;
                }
                Some(if spki.algorithm.oid == rfc5912::ID_RSASSA_PSS {
                    KeyKind::RsaPss(bytes)
                } else {
                    KeyKind::Rsa(bytes)
                })
            }
            rfc5912::ID_EC_PUBLIC_KEY => {
                let curve =
                    spki.algorithm.parameters.as_ref()?.decode_as::<const_oid::ObjectIdentifier>().ok()?;
                match curve {
                    rfc5912::SECP_256_R_1 => Some(KeyKind::P256),
                    rfc5912::SECP_384_R_1 => Some(KeyKind::P384),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The digest this key signs with.
    pub fn hash(self) -> Hash {
        match self {
            KeyKind::P384 => Hash::Sha384,
            _ => Hash::Sha256,
        }
    }

    /// The longest signature it makes (ECDSA's DER length varies; RSA's is the modulus).
    pub fn max_signature_len(self) -> usize {
        match self {
            KeyKind::Rsa(n) | KeyKind::RsaPss(n) => n,
            KeyKind::P256 => 72,
            KeyKind::P384 => 104,
        }
    }

    /// The CMS signatureAlgorithm.
    pub fn signature_algorithm(self) -> AlgorithmIdentifierOwned {
        match self {
            KeyKind::Rsa(_) => {
                AlgorithmIdentifierOwned { oid: rfc5912::SHA_256_WITH_RSA_ENCRYPTION, parameters: None }
            }
            KeyKind::RsaPss(_) => AlgorithmIdentifierOwned {
                oid: rfc5912::ID_RSASSA_PSS,
                parameters: rsa::pss::get_default_pss_signature_algo_id::<sha2::Sha256>()
                    .ok()
                    .and_then(|a| a.parameters),
            },
            KeyKind::P256 => AlgorithmIdentifierOwned { oid: rfc5912::ECDSA_WITH_SHA_256, parameters: None },
            KeyKind::P384 => AlgorithmIdentifierOwned { oid: rfc5912::ECDSA_WITH_SHA_384, parameters: None },
        }
    }

    /// How the kind is named in reports: `RSA-2048`, `RSA-PSS-3072`, `ECDSA-P256`.
    pub fn name(self) -> String {
        match self {
            KeyKind::Rsa(n) => format!("RSA-{}", n * 8),
            KeyKind::RsaPss(n) => format!("RSA-PSS-{}", n * 8),
            KeyKind::P256 => "ECDSA-P256".into(),
            KeyKind::P384 => "ECDSA-P384".into(),
        }
    }
}

/// A private key held in this process.
enum SoftKey {
    Rsa(rsa::pkcs1v15::SigningKey<sha2::Sha256>),
    RsaPss(rsa::pss::SigningKey<sha2::Sha256>),
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
}

enum KeyHolder {
    Soft(Box<SoftKey>),
    Token(Token),
}

/// The issuing body's signing key with its certificate chain (signer first), opened once for
/// a run and shared by every file the run signs.
pub struct Signer {
    key: KeyHolder,
    kind: KeyKind,
    chain: Vec<Certificate>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer").field("kind", &self.kind).finish_non_exhaustive()
    }
}

impl Signer {
    /// Opens `source`: an RFC 7512 `pkcs11:` URI or the path of a PKCS#12 file. `pin` is asked
    /// for only once the source is known to exist (so a typo costs no PIN entry).
    pub fn open(
        source: &str,
        pin: &mut dyn FnMut() -> Result<String, EsignError>,
    ) -> Result<Signer, EsignError> {
        if source.starts_with("pkcs11:") {
            let token = Token::open(source, pin)?;
            let chain = token.chain().to_vec();
            let kind = KeyKind::of(&chain[0]).ok_or(EsignError::KeyType)?;
            return Ok(Signer { key: KeyHolder::Token(token), kind, chain });
        }
        let path = std::path::Path::new(source);
        let bytes = std::fs::read(path)
            .map_err(|e| EsignError::Read { path: source.to_string(), message: e.to_string() })?;
        let pass = pin()?;
        let store =
            p12_keystore::KeyStore::from_pkcs12(&bytes, &pass, p12_keystore::Pkcs12ImportPolicy::Strict)
                .map_err(|e| EsignError::P12 { path: source.to_string(), message: e.to_string() })?;
        let (_, chain) =
            store.private_key_chain().ok_or_else(|| EsignError::NoKey { from: source.to_string() })?;
        let certs: Vec<Certificate> = chain
            .certs()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()))
            .collect::<Result<_, _>>()
            .map_err(|e| EsignError::P12 { path: source.to_string(), message: e.to_string() })?;
        let first = certs.first().ok_or_else(|| EsignError::NoKey { from: source.to_string() })?;
        let kind = KeyKind::of(first).ok_or(EsignError::KeyType)?;
        let key = soft_key(chain.key().as_der(), kind).ok_or(EsignError::KeyType)?;
        let signer = Signer { key: KeyHolder::Soft(Box::new(key)), kind, chain: certs };
        // A key that is not the certificate's would make every file unverifiable: refuse it now.
        let probe = signer.sign(b"chungnhan")?;
        if !super::cms::verify_signature(
            signer.certificate(),
            &kind.signature_algorithm(),
            b"chungnhan",
            &probe,
        ) {
            return Err(EsignError::KeyMismatch { from: source.to_string() });
        }
        Ok(signer)
    }

    /// Signs `data` (the DER of the signed attributes): hashes it and signs the hash.
    pub fn sign(&self, data: &[u8]) -> Result<Vec<u8>, EsignError> {
        use signature::{SignatureEncoding, Signer as _};
        let sign_err = |e: signature::Error| EsignError::Sign { message: e.to_string() };
        match &self.key {
            KeyHolder::Soft(key) => Ok(match key.as_ref() {
                SoftKey::Rsa(k) => k.try_sign(data).map_err(sign_err)?.to_vec(),
                SoftKey::RsaPss(k) => k.try_sign(data).map_err(sign_err)?.to_vec(),
                SoftKey::P256(k) => {
                    let s: p256::ecdsa::Signature = k.try_sign(data).map_err(sign_err)?;
                    s.to_der().to_vec()
                }
                SoftKey::P384(k) => {
                    let s: p384::ecdsa::Signature = k.try_sign(data).map_err(sign_err)?;
                    s.to_der().to_vec()
                }
            }),
            KeyHolder::Token(t) => t.sign(self.kind, data),
        }
    }

    /// The kind of key.
    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    /// The signer's certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.chain[0]
    }

    /// The chain, signer first, as the source holds it.
    pub fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    /// SHA-256 of the signer's certificate (DER), in hexadecimal: what the register records.
    pub fn fingerprint(&self) -> String {
        fingerprint(self.certificate())
    }
}

/// SHA-256 of a certificate's DER, in lowercase hexadecimal.
pub fn fingerprint(cert: &Certificate) -> String {
    let der = cert.to_der().unwrap_or_default();
    Hash::Sha256.digest(&[&der]).iter().map(|b| format!("{b:02x}")).collect()
}

/// A PKCS#8 private key of the certificate's kind.
fn soft_key(pkcs8: &[u8], kind: KeyKind) -> Option<SoftKey> {
    use pkcs8::DecodePrivateKey;
    Some(match kind {
        KeyKind::Rsa(_) | KeyKind::RsaPss(_) => {
            let info = pkcs8::PrivateKeyInfoRef::try_from(pkcs8).ok()?;
            let key = match rsa::PrivateKey::try_from(info.clone()) {
                Ok(k) => k,
                // An RSASSA-PSS key's PKCS#8 names id-RSASSA-PSS: its inner key is PKCS#1 all the same.
                Err(_) => {
                    use rsa::pkcs1::DecodeRsaPrivateKey;
                    rsa::PrivateKey::from_pkcs1_der(info.private_key.as_bytes()).ok()?
                }
            };
            if matches!(kind, KeyKind::RsaPss(_)) {
                SoftKey::RsaPss(rsa::pss::SigningKey::new(key))
            } else {
                SoftKey::Rsa(rsa::pkcs1v15::SigningKey::new(key))
            }
        }
        KeyKind::P256 => SoftKey::P256(p256::ecdsa::SigningKey::from_pkcs8_der(pkcs8).ok()?),
        KeyKind::P384 => SoftKey::P384(p384::ecdsa::SigningKey::from_pkcs8_der(pkcs8).ok()?),
    })
}
