//! Reading a signed certificate's PAdES signature back: is the file as it was signed, who
//! signed it, when, and does the signer's certificate chain to a CA the verifier trusts.
//!
//! In: the PDF's bytes and the trusted CA certificates (possibly none). Out: a [`Pades`]
//! report, or `None` for a PDF without a signature. The signature dictionary is found as this
//! program writes it (outside any object stream) and as other signers do (pyHanko, Acrobat): by
//! its `/ByteRange`. A byte range that stops short of the end of the file means bytes were
//! added after signing (an incremental update): the signed revision may be intact, but what a
//! reader shows is not what was signed, so the file counts as altered.

use serde::Serialize;

use super::cms::{self, Chain};
use super::SigningTime;

/// What a PDF's signature says, checked.
#[derive(Debug, Clone, Serialize)]
pub struct Pades {
    /// The signed bytes are as they were signed: the digest matches and the signature verifies
    /// with the certificate it names (bound by signing-certificate-v2).
    pub intact: bool,
    /// The byte range covers the whole file but the signature itself (nothing added since).
    pub whole_file: bool,
    /// `/SubFilter` (`ETSI.CAdES.detached` for PAdES).
    pub sub_filter: String,
    /// The signer's common name.
    pub signer: Option<String>,
    /// The signer's organisation (O).
    pub organisation: Option<String>,
    /// The certificate's serial number, in hexadecimal.
    pub serial: Option<String>,
    /// SHA-256 of the signer's certificate.
    pub fingerprint: Option<String>,
    /// The signing time from `/M`, ISO 8601 in Vietnam's time.
    pub time: Option<String>,
    /// How the signer's certificate relates to the trusted CAs.
    pub chain: ChainWord,
}

/// [`Chain`] as the report names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChainWord {
    /// Issued by a trusted CA.
    Trusted,
    /// Not issued by any trusted CA.
    Untrusted,
    /// A certificate outside its validity at the signing time.
    Expired,
    /// No CA given.
    NotChecked,
}

impl Pades {
    /// Whether the file is as it was signed and nothing was added.
    pub fn unaltered(&self) -> bool {
        self.intact && self.whole_file
    }

    /// Whether this signature should make `verify` fail: altered, or (when CAs were given)
    /// not issued by one of them.
    pub fn fails(&self) -> bool {
        !self.unaltered() || matches!(self.chain, ChainWord::Untrusted | ChainWord::Expired)
    }
}

/// The last signature of `pdf` checked, `cas` the trusted CA certificates.
pub fn check(pdf: &[u8], cas: &[x509_cert::Certificate]) -> Option<Pades> {
    let at = rfind(pdf, b"/ByteRange")?;
    let rest = &pdf[at + 10..];
    let open = rest.iter().position(|b| *b == b'[')?;
    let close = rest.iter().position(|b| *b == b']')?;
    let nums: Vec<usize> = std::str::from_utf8(rest.get(open + 1..close)?)
        .ok()?
        .split_whitespace()
        .map(|t| t.parse().ok())
        .collect::<Option<_>>()?;
    let [s0, l0, s1, l1] = nums[..] else { return None };
    // The signature dictionary: from the `obj` before the byte range to the `endobj` after it.
    let dict_start = rfind(&pdf[..at], b"obj").unwrap_or(0);
    let dict_end = at + find(&pdf[at..], b"endobj").unwrap_or(pdf.len() - at);
    let dict = &pdf[dict_start..dict_end];
    let name_after = |key: &[u8]| -> Option<String> {
        let i = find(dict, key)? + key.len();
        let v = dict[i..].strip_prefix(b"/").or_else(|| dict[i..].strip_prefix(b" /"))?;
        let n = v.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'.' || **b == b'_').count();
        Some(String::from_utf8_lossy(&v[..n]).into_owned())
    };
    let sub_filter = name_after(b"/SubFilter").unwrap_or_default();
    let time = find(dict, b"/M(").and_then(|i| {
        let v = &dict[i + 3..];
        let end = v.iter().position(|b| *b == b')')?;
        SigningTime::from_pdf(std::str::from_utf8(&v[..end]).ok()?)
    });
    let in_file = s0 == 0 && l0 < s1 && s1.checked_add(l1).is_some_and(|e| e <= pdf.len());
    let contents =
        in_file.then(|| &pdf[l0..s1]).filter(|c| c.len() >= 2 && c[0] == b'<' && c[c.len() - 1] == b'>');
    let der = contents.and_then(|c| hex(&c[1..c.len() - 1]));
    let read = der.as_deref().and_then(|d| cms::read(d, &[&pdf[..l0], &pdf[s1..s1 + l1]]));
    let whole_file = in_file && s1 + l1 == pdf.len();
    let Some(read) = read else {
        return Some(Pades {
            intact: false,
            whole_file,
            sub_filter,
            signer: None,
            organisation: None,
            serial: None,
            fingerprint: None,
            time: time.map(SigningTime::iso),
            chain: if cas.is_empty() { ChainWord::NotChecked } else { ChainWord::Untrusted },
        });
    };
    let intact =
        read.digest_matches && read.signature_valid && read.certificate_bound && read.signer_infos == 1;
    let (signer, organisation, serial, fingerprint, chain) = match &read.signer {
        Some(cert) => {
            let (cn, o, _) = cms::name_parts(cert);
            let chain = match cms::chain_to(cert, &read.certs, cas, time.map(|t| t.0.max(0) as u64)) {
                Chain::Trusted => ChainWord::Trusted,
                Chain::Untrusted => ChainWord::Untrusted,
                Chain::Expired => ChainWord::Expired,
                Chain::NotChecked => ChainWord::NotChecked,
            };
            (Some(cn), o, Some(cms::serial_hex(cert)), Some(super::key::fingerprint(cert)), chain)
        }
        None => (
            None,
            None,
            None,
            None,
            if cas.is_empty() { ChainWord::NotChecked } else { ChainWord::Untrusted },
        ),
    };
    Some(Pades {
        intact,
        whole_file,
        sub_filter,
        signer,
        organisation,
        serial,
        fingerprint,
        time: time.map(SigningTime::iso),
        chain,
    })
}

fn hex(h: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = h.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits.chunks(2).map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok()).collect()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
