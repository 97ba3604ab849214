//! The CMS SignedData of a PAdES signature (ETSI EN 319 142-1, baseline B-B), made and read.
//!
//! The only module that touches cms, x509-cert and der. Made: a detached SignedData whose one
//! SignerInfo carries exactly the signed attributes PAdES asks for — content-type,
//! message-digest (of the PDF's byte range) and signing-certificate-v2 — and no signing-time
//! (PAdES puts the time in the signature dictionary's `/M`). Read: the same structure from any
//! signer, its signature checked against the certificate it names, and that certificate's
//! chain checked against trusted CA certificates.

use const_oid::db::{rfc4519, rfc5911, rfc5912};
use const_oid::ObjectIdentifier;
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};

use super::key::{Hash, KeyKind, Signer};
use super::EsignError;

/// A DER TLV with a one-byte tag.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n.to_be_bytes().into_iter().skip_while(|b| *b == 0).collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
    out.extend_from_slice(content);
    out
}

fn attribute(oid: ObjectIdentifier, value_der: &[u8]) -> Result<Attribute, der::Error> {
    let mut values = SetOfVec::new();
    values.insert(Any::from_der(value_der)?)?;
    Ok(Attribute { oid, values })
}

/// signing-certificate-v2 (RFC 5035): the signer certificate's hash, so that the certificate
/// cannot be swapped for another with the same key.
fn signing_certificate_v2(cert: &Certificate, hash: Hash) -> Result<Vec<u8>, der::Error> {
    let digest = hash.digest(&[&cert.to_der()?]);
    let mut id = Vec::new();
    if hash != Hash::Sha256 {
        // hashAlgorithm DEFAULT sha256: written only when it is another.
        id.extend_from_slice(&hash.algorithm().to_der()?);
    }
    id.extend_from_slice(&tlv(0x04, &digest));
    let ess_cert_id = tlv(0x30, &id);
    Ok(tlv(0x30, &tlv(0x30, &ess_cert_id)))
}

/// The signed attributes for a byte range whose digest is `digest`.
fn signed_attributes(signer: &Signer, digest: &[u8]) -> Result<SetOfVec<Attribute>, der::Error> {
    let hash = signer.kind().hash();
    let attrs = vec![
        attribute(rfc5911::ID_CONTENT_TYPE, &rfc5911::ID_DATA.to_der()?)?,
        attribute(rfc5911::ID_MESSAGE_DIGEST, &OctetString::new(digest)?.to_der()?)?,
        attribute(
            rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2,
            &signing_certificate_v2(signer.certificate(), hash)?,
        )?,
    ];
    SetOfVec::try_from(attrs)
}

fn der_err(e: der::Error) -> EsignError {
    EsignError::Sign { message: e.to_string() }
}

/// The DER ContentInfo of a SignedData over a content whose digest is `digest`, signed by
/// `signer`. `signature`, when given, is used instead of signing (to measure the size of the
/// structure before anything is signed).
pub fn build(signer: &Signer, digest: &[u8], signature: Option<Vec<u8>>) -> Result<Vec<u8>, EsignError> {
    let kind = signer.kind();
    let attrs = signed_attributes(signer, digest).map_err(der_err)?;
    let signature = match signature {
        Some(s) => s,
        None => signer.sign(&attrs.to_der().map_err(der_err)?)?,
    };
    let cert = signer.certificate();
    let tbs = cert.tbs_certificate();
    let info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: kind.hash().algorithm(),
        signed_attrs: Some(attrs),
        signature_algorithm: kind.signature_algorithm(),
        signature: OctetString::new(signature).map_err(der_err)?,
        unsigned_attrs: None,
    };
    let mut certs = SetOfVec::new();
    for c in signer.chain() {
        // The chain up to (not including) a self-signed root: the root is the verifier's to trust.
        if c != cert && c.tbs_certificate().subject() == c.tbs_certificate().issuer() {
            continue;
        }
        certs.insert(CertificateChoices::Certificate(c.clone())).map_err(der_err)?;
    }
    let mut digests = SetOfVec::new();
    digests.insert(kind.hash().algorithm()).map_err(der_err)?;
    let mut infos = SetOfVec::new();
    infos.insert(info).map_err(der_err)?;
    let sd = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: digests,
        encap_content_info: EncapsulatedContentInfo { econtent_type: rfc5911::ID_DATA, econtent: None },
        certificates: Some(CertificateSet(certs)),
        crls: None,
        signer_infos: SignerInfos(infos),
    };
    let ci = ContentInfo {
        content_type: rfc5911::ID_SIGNED_DATA,
        content: Any::encode_from(&sd).map_err(der_err)?,
    };
    ci.to_der().map_err(der_err)
}

/// The size of [`build`]'s output at most, for this signer (its chain and its key's longest
/// signature), so that the PDF's `/Contents` can be reserved before signing.
pub fn max_len(signer: &Signer) -> Result<usize, EsignError> {
    let digest = vec![0; signer.kind().hash().digest(&[]).len()];
    let fake = vec![0xff; signer.kind().max_signature_len()];
    build(signer, &digest, Some(fake)).map(|v| v.len())
}

/// Whether `sig` is `cert`'s key's signature of `data` with algorithm `alg`.
pub fn verify_signature(cert: &Certificate, alg: &AlgorithmIdentifierOwned, data: &[u8], sig: &[u8]) -> bool {
    let spki = cert.tbs_certificate().subject_public_key_info();
    let key_bytes = spki.subject_public_key.raw_bytes();
    match alg.oid {
        rfc5912::SHA_256_WITH_RSA_ENCRYPTION
        | rfc5912::SHA_384_WITH_RSA_ENCRYPTION
        | rfc5912::SHA_512_WITH_RSA_ENCRYPTION
        | rfc5912::RSA_ENCRYPTION
        | rfc5912::ID_RSASSA_PSS => {
            use rsa::pkcs1::DecodeRsaPublicKey;
            use signature::Verifier;
            let Ok(key) = rsa::PublicKey::from_pkcs1_der(key_bytes) else { return false };
            let Ok(s) = rsa::pkcs1v15::Signature::try_from(sig) else { return false };
            match alg.oid {
                rfc5912::SHA_384_WITH_RSA_ENCRYPTION => {
                    rsa::pkcs1v15::VerifyingKey::<sha2::Sha384>::new(key).verify(data, &s).is_ok()
                }
                rfc5912::SHA_512_WITH_RSA_ENCRYPTION => {
                    rsa::pkcs1v15::VerifyingKey::<sha2::Sha512>::new(key).verify(data, &s).is_ok()
                }
                rfc5912::ID_RSASSA_PSS => {
                    let Ok(s) = rsa::pss::Signature::try_from(sig) else { return false };
                    rsa::pss::VerifyingKey::<sha2::Sha256>::new_with_auto_salt_len(key)
                        .verify(data, &s)
                        .is_ok()
                }
                // rsaEncryption as the signature algorithm (older signers): SHA-256 assumed.
                _ => rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key).verify(data, &s).is_ok(),
            }
        }
        rfc5912::ECDSA_WITH_SHA_256 | rfc5912::ECDSA_WITH_SHA_384 => {
            use signature::hazmat::PrehashVerifier;
            let hash = if alg.oid == rfc5912::ECDSA_WITH_SHA_256 { Hash::Sha256 } else { Hash::Sha384 };
            let prehash = hash.digest(&[data]);
            match KeyKind::of(cert) {
                Some(KeyKind::P256) => {
                    let (Ok(k), Ok(s)) = (
                        p256::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes),
                        p256::ecdsa::Signature::from_der(sig),
                    ) else {
                        return false;
                    };
                    k.verify_prehash(&prehash, &s).is_ok()
                }
                Some(KeyKind::P384) => {
                    let (Ok(k), Ok(s)) = (
                        p384::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes),
                        p384::ecdsa::Signature::from_der(sig),
                    ) else {
                        return false;
                    };
                    k.verify_prehash(&prehash, &s).is_ok()
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// Puts the signer's certificate first and each issuer after the certificate it issued (a
/// token or a .p12 may hold them in any order); certificates outside the chain are dropped.
pub fn order_chain(mut certs: Vec<Certificate>) -> Vec<Certificate> {
    if certs.is_empty() {
        return certs;
    }
    let mut out = vec![certs.remove(0)];
    while let Some(last) = out.last() {
        let issuer = last.tbs_certificate().issuer().clone();
        if last.tbs_certificate().subject() == &issuer {
            break;
        }
        match certs.iter().position(|c| c.tbs_certificate().subject() == &issuer) {
            Some(i) => out.push(certs.remove(i)),
            None => break,
        }
    }
    out
}

/// What a PDF's signature says about itself, once read.
#[derive(Debug, Clone)]
pub struct Read {
    /// The signer's certificate (found in the SignedData by the SignerInfo's identifier).
    pub signer: Option<Certificate>,
    /// Every certificate the SignedData carries.
    pub certs: Vec<Certificate>,
    /// Whether the message-digest attribute equals the digest of the byte range.
    pub digest_matches: bool,
    /// Whether the signature over the signed attributes verifies with the signer's key.
    pub signature_valid: bool,
    /// Whether signing-certificate-v2 names the signer's certificate (absent: false).
    pub certificate_bound: bool,
    /// How many SignerInfos there are (PDF/A and PAdES: exactly one).
    pub signer_infos: usize,
}

/// Reads the DER `cms` (trailing zeros of the reserved space allowed) and checks it against the
/// byte range `parts`.
pub fn read(cms_der: &[u8], parts: &[&[u8]]) -> Option<Read> {
    let len = der_len(cms_der)?;
    let ci = ContentInfo::from_der(cms_der.get(..len)?).ok()?;
    if ci.content_type != rfc5911::ID_SIGNED_DATA {
        return None;
    }
    let sd: SignedData = ci.content.decode_as().ok()?;
    let certs: Vec<Certificate> = sd
        .certificates
        .iter()
        .flat_map(|s| s.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    let infos: Vec<&SignerInfo> = sd.signer_infos.0.iter().collect();
    let info = infos.first()?;
    let signer = certs
        .iter()
        .find(|c| match &info.sid {
            SignerIdentifier::IssuerAndSerialNumber(isn) => {
                c.tbs_certificate().issuer() == &isn.issuer
                    && c.tbs_certificate().serial_number() == &isn.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => c
                .tbs_certificate()
                .get_extension::<x509_cert::ext::pkix::SubjectKeyIdentifier>()
                .ok()
                .flatten()
                .is_some_and(|(_, k)| &k == ski),
        })
        .cloned();
    let hash = match info.digest_alg.oid {
        rfc5912::ID_SHA_256 => Some(Hash::Sha256),
        rfc5912::ID_SHA_384 => Some(Hash::Sha384),
        _ => None,
    };
    let attrs = info.signed_attrs.as_ref();
    let find = |oid: ObjectIdentifier| {
        attrs.and_then(|a| a.iter().find(|x| x.oid == oid)).and_then(|a| a.values.get(0).cloned())
    };
    let digest_matches = match (hash, find(rfc5911::ID_MESSAGE_DIGEST)) {
        (Some(h), Some(v)) => v.decode_as::<OctetString>().is_ok_and(|d| d.as_bytes() == h.digest(parts)),
        _ => false,
    };
    let signature_valid = match (&signer, attrs) {
        (Some(cert), Some(a)) => a.to_der().is_ok_and(|data| {
            verify_signature(cert, &info.signature_algorithm, &data, info.signature.as_bytes())
        }),
        _ => false,
    };
    let certificate_bound = match (&signer, find(rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2)) {
        (Some(cert), Some(v)) => {
            let der = v.to_der().unwrap_or_default();
            let h = signer_hash_alg(&der);
            cert.to_der().is_ok_and(|c| contains(&der, &h.digest(&[&c])))
        }
        _ => false,
    };
    Some(Read {
        signer,
        certs,
        digest_matches,
        signature_valid,
        certificate_bound,
        signer_infos: infos.len(),
    })
}

/// The hash an ESSCertIDv2 uses: SHA-256 unless it names SHA-384.
fn signer_hash_alg(der: &[u8]) -> Hash {
    if contains(der, &rfc5912::ID_SHA_384.to_der().unwrap_or_default()) {
        Hash::Sha384
    } else {
        Hash::Sha256
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The length of the DER element at the start of `b` (header and content).
fn der_len(b: &[u8]) -> Option<usize> {
    let first = *b.get(1)?;
    if first < 0x80 {
        return Some(2 + first as usize);
    }
    let n = (first & 0x7f) as usize;
    if n == 0 || n > 4 {
        return None;
    }
    let mut len = 0usize;
    for i in 0..n {
        len = (len << 8) | *b.get(2 + i)? as usize;
    }
    Some(2 + n + len)
}

/// How a signer's certificate relates to the trusted CAs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chain {
    /// Issued (through the SignedData's certificates) by one of the trusted CAs, every
    /// certificate valid at the signing time.
    Trusted,
    /// Not issued by any of them (or a signature on the way does not verify).
    Untrusted,
    /// Issued by a trusted CA but outside a certificate's validity at the signing time.
    Expired,
    /// No CA was given.
    NotChecked,
}

/// Walks from `signer` through `certs` to one of `cas` (`at`: the signing time, seconds since
/// 1970, to check each certificate's validity).
pub fn chain_to(signer: &Certificate, certs: &[Certificate], cas: &[Certificate], at: Option<u64>) -> Chain {
    if cas.is_empty() {
        return Chain::NotChecked;
    }
    let valid_at = |c: &Certificate| {
        at.is_none_or(|t| {
            let v = c.tbs_certificate().validity();
            v.not_before.to_unix_duration().as_secs() <= t && t <= v.not_after.to_unix_duration().as_secs()
        })
    };
    let mut current = signer.clone();
    let mut expired = !valid_at(&current);
    for _ in 0..8 {
        if cas.contains(&current) {
            return if expired { Chain::Expired } else { Chain::Trusted };
        }
        let issued_by = |c: &Certificate| {
            c.tbs_certificate().subject() == current.tbs_certificate().issuer()
                && current.tbs_certificate().to_der().is_ok_and(|tbs| {
                    verify_signature(c, current.signature_algorithm(), &tbs, current.signature().raw_bytes())
                })
        };
        if let Some(ca) = cas.iter().find(|c| issued_by(c)) {
            expired |= !valid_at(ca);
            return if expired { Chain::Expired } else { Chain::Trusted };
        }
        match certs.iter().find(|c| *c != &current && issued_by(c)) {
            Some(next) => {
                expired |= !valid_at(next);
                current = next.clone();
            }
            None => return Chain::Untrusted,
        }
    }
    Chain::Untrusted
}

/// A name's common name (CN), organisation (O) and serialNumber attribute, as text.
pub fn name_parts(cert: &Certificate) -> (String, Option<String>, Option<String>) {
    let subject = cert.tbs_certificate().subject();
    let text = |oid: ObjectIdentifier| -> Option<String> {
        subject.iter().find(|atv| atv.oid == oid).and_then(|atv| {
            let v = &atv.value;
            std::str::from_utf8(v.value()).ok().map(str::to_string)
        })
    };
    let cn = text(rfc4519::COMMON_NAME).unwrap_or_else(|| subject.to_string());
    (cn, text(rfc4519::ORGANIZATION_NAME), text(rfc4519::SERIAL_NUMBER))
}

/// The certificate's serial number in hexadecimal (as CAs and Windows show it).
pub fn serial_hex(cert: &Certificate) -> String {
    cert.tbs_certificate().serial_number().as_bytes().iter().map(|b| format!("{b:02X}")).collect()
}

/// Reads every certificate of a PEM file (or one DER certificate).
pub fn load_certificates(bytes: &[u8]) -> Option<Vec<Certificate>> {
    if bytes.starts_with(b"-----") {
        Certificate::load_pem_chain(bytes).ok().filter(|v| !v.is_empty())
    } else {
        Certificate::from_der(bytes).ok().map(|c| vec![c])
    }
}
