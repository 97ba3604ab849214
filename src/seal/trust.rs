//! The trust manifest (docs/spec/verification-qr.md §3.5) and the revocation list (§3.6): which keys belong to which
//! issuer, and which certificates were revoked.
//!
//! Both are JSON files signed by the issuer's root key with a detached JWS (RFC 7515 appendix F)
//! over their exact bytes, kept next to them as `trust.json.sig` and `revoked.json.sig`. The
//! manifest carries the root public key; what makes it trustworthy is its fingerprint, which
//! `keygen` prints for the issuer to publish and which verifiers can pin (`--root`). A manifest
//! or list whose signature does not check is refused, never half-used.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::seal::sign::{self, Alg, PrivateKey, PublicKey};
use crate::util::diag::{Arg, Diagnose, Diagnostic, Message};
use crate::util::json;

/// `format` of a trust manifest.
pub const MANIFEST_FORMAT: &str = "vncert-trust/1";
/// `format` of a revocation list.
pub const REVOKED_FORMAT: &str = "vncert-revoked/1";
/// `format` of an issuance ledger as this tool writes it: it lists code ids (the whole code).
pub const LEDGER_FORMAT: &str = "vncert-ledger/2";
/// `format` of an issuance ledger of the first version, which listed revocation ids only. Still
/// read; it proves nothing about a compromised key's code (spec §3.5).
pub const LEDGER_FORMAT_V1: &str = "vncert-ledger/1";

/// The trust manifest as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`].
    pub format: String,
    /// Increases with every new version; verifiers refuse to go back.
    pub seq: u64,
    /// When this version was made (RFC 3339).
    pub issued_at: String,
    /// When the next version is due.
    pub next_update: String,
    /// Who issues.
    pub issuer: Issuer,
    /// The root key that signs the manifest and the revocation list.
    pub root: KeyEntry,
    /// Signing keys, past and present (never removed: certificates do not expire).
    pub keys: Vec<KeyEntry>,
    /// Where the revocation list is published, relative to the host.
    pub revocations: String,
}

/// The issuing body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issuer {
    /// A stable identifier (reverse domain).
    pub id: String,
    /// Its name, in Vietnamese, as verifiers show it.
    pub name_vi: String,
    /// The verification host printed in the QR URL.
    pub domain: String,
}

/// A public key in the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyEntry {
    /// First 4 bytes of SHA-256 of `spki`, hex.
    pub kid: String,
    /// `ES256` (or `Ed25519`).
    pub alg: String,
    /// SubjectPublicKeyInfo DER, base64url.
    pub spki: String,
    /// First day of use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    /// Last day of use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    /// `active`, `retired` or `compromised`.
    #[serde(default = "active")]
    pub status: String,
    /// For a compromised key: since when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compromised_at: Option<String>,
}

fn active() -> String {
    "active".into()
}

/// The revocation list as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevocationList {
    /// [`REVOKED_FORMAT`].
    pub format: String,
    /// Increases with every new version.
    pub seq: u64,
    /// When this version was made.
    pub issued_at: String,
    /// When the next version is due.
    pub next_update: String,
    /// The revoked certificates, by revocation id (no names, no serials).
    pub entries: Vec<Revocation>,
}

/// One revoked certificate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revocation {
    /// base64url of the 16-byte revocation id.
    pub rid: String,
    /// Date of revocation (YYYY-MM-DD).
    pub date: String,
    /// `issued_in_error`, `superseded`, `fraud`, …
    pub reason: String,
}

/// An issuance ledger (spec §3.5): the certificates one batch issued with one signing key, and
/// their Merkle root, signed by the root key. The root key signs no ledger for a key once it is
/// compromised, so a certificate of a compromised key is genuine exactly when its code id — the
/// hash of the whole code — is in one of these. A ledger of the first version lists revocation
/// ids, which a forger holding the key can match (same nonce, same `r`): it is read, for the
/// audit and to say why, and decides nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    /// [`LEDGER_FORMAT`] or [`LEDGER_FORMAT_V1`].
    pub format: String,
    /// The batch, as the register names it.
    pub batch: String,
    /// The signing key the certificates carry, hex.
    pub kid: String,
    /// When this version was signed.
    pub issued_at: String,
    /// How many certificates.
    pub count: usize,
    /// RFC 6962 Merkle tree hash of `codes` (or, in version 1, `rids`) in their order, base64url.
    pub merkle_root: String,
    /// Version 1: the revocation ids (base64url of 16 bytes), sorted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rids: Option<Vec<String>>,
    /// Version 2: the code ids ([`sign::code_id`], base64url of 32 bytes), sorted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codes: Option<Vec<String>>,
}

impl Ledger {
    /// A ledger of version 2 of `codes` (sorted and deduplicated here).
    pub fn new(batch: &str, kid: &str, issued_at: String, mut codes: Vec<String>) -> Ledger {
        codes.sort();
        codes.dedup();
        let merkle_root = sign::b64(&merkle_of(&codes));
        Ledger {
            format: LEDGER_FORMAT.into(),
            batch: batch.into(),
            kid: kid.into(),
            issued_at,
            count: codes.len(),
            merkle_root,
            rids: None,
            codes: Some(codes),
        }
    }

    /// Whether it lists whole codes (version 2), the only kind that proves a compromised key's
    /// code genuine.
    pub fn lists_codes(&self) -> bool {
        self.format == LEDGER_FORMAT
    }

    /// Its entries: code ids (version 2) or revocation ids (version 1).
    pub fn entries(&self) -> &[String] {
        self.codes.as_deref().or(self.rids.as_deref()).unwrap_or(&[])
    }

    /// Whether a version 2 ledger lists the code of `blob`.
    pub fn has_code(&self, blob: &[u8]) -> bool {
        self.lists_codes() && self.entries().binary_search(&sign::b64(&sign::code_id(blob))).is_ok()
    }

    /// Whether a version 1 ledger lists the revocation id `rid`.
    pub fn has_rid(&self, rid: &str) -> bool {
        !self.lists_codes() && self.entries().binary_search_by(|x| x.as_str().cmp(rid)).is_ok()
    }
}

fn merkle_of(ids: &[String]) -> [u8; 32] {
    sign::merkle_root_by(ids.len(), &|i| sign::unb64(&ids[i]).unwrap_or_default())
}

/// A revocation id as a ledger of version 1 lists it: the 22 base64url characters of its 16
/// bytes, held without a string of its own (a batch of a million as strings was 56 MB).
/// Ordered as the text is, which is the order a ledger keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LedgerId([u8; 22]);

impl LedgerId {
    /// The id written as `text`, if that is 16 bytes in base64url.
    pub fn parse(text: &str) -> Option<LedgerId> {
        let bytes: [u8; 22] = text.as_bytes().try_into().ok()?;
        (sign::unb64(text)?.len() == 16).then_some(LedgerId(bytes))
    }

    /// Its text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("parsed from base64url text")
    }
}

impl Serialize for LedgerId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A code id as a ledger of version 2 lists it: the 43 base64url characters of its 32 bytes,
/// ordered as the text is (the ledger's order, which a page can check with `<` on strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CodeId([u8; 43]);

impl CodeId {
    /// The code id of a blob.
    pub fn of_blob(blob: &[u8]) -> CodeId {
        let text = sign::b64(&sign::code_id(blob));
        CodeId(text.as_bytes().try_into().expect("32 bytes are 43 base64url characters"))
    }

    /// The id written as `text`, if that is 32 bytes in base64url.
    pub fn parse(text: &str) -> Option<CodeId> {
        let bytes: [u8; 43] = text.as_bytes().try_into().ok()?;
        (sign::unb64(text)?.len() == 32).then_some(CodeId(bytes))
    }

    /// Its text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("parsed from base64url text")
    }
}

impl Serialize for CodeId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Writes the signed issuance ledger (version 2) of `codes` (sorted and deduplicated here): the
/// same file as [`save_ledger`] of [`Ledger::new`], without a string for each id.
pub fn save_ledger_ids(
    path: &Path,
    (batch, kid, issued_at): (&str, &str, &str),
    mut codes: Vec<CodeId>,
    root: &PrivateKey,
) -> Result<(), TrustError> {
    // Field for field as `Ledger`, so that the bytes are those serde writes for it.
    #[derive(Serialize)]
    struct Out<'a> {
        format: &'a str,
        batch: &'a str,
        kid: &'a str,
        issued_at: &'a str,
        count: usize,
        merkle_root: String,
        codes: &'a [CodeId],
    }
    codes.sort_unstable();
    codes.dedup();
    let merkle_root =
        sign::merkle_root_by(codes.len(), &|i| sign::unb64(codes[i].as_str()).unwrap_or_default());
    let out = Out {
        format: LEDGER_FORMAT,
        batch,
        kid,
        issued_at,
        count: codes.len(),
        merkle_root: sign::b64(&merkle_root),
        codes: &codes,
    };
    save_signed(path, &out, root)
}

/// Why a manifest or list cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    /// The file could not be read or written.
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
    /// Not a regular file (a device, a FIFO, a folder): never opened.
    #[error("{}", self.message())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// Bigger than any issuer's signed file: never read whole.
    #[error("{}", self.message())]
    TooBig {
        /// The file.
        path: PathBuf,
        /// The cap, in MiB.
        limit_mib: u64,
    },
    /// Not the expected JSON.
    #[error("{}", self.message())]
    Format {
        /// The file.
        path: PathBuf,
        /// What it should be.
        what: &'static str,
        /// The parser's message (its own words) or ours.
        message: Arg,
    },
    /// The detached signature is missing or wrong.
    #[error("{}", self.message())]
    BadSignature {
        /// The file.
        path: PathBuf,
        /// The signature file.
        sig: PathBuf,
    },
    /// The root key is not the pinned one.
    #[error("{}", self.message())]
    NotPinned {
        /// The file.
        path: PathBuf,
        /// Its root's fingerprint.
        found: String,
        /// The one asked for.
        pinned: String,
    },
    /// A key entry is inconsistent.
    #[error("{}", self.message())]
    BadKey {
        /// The file.
        path: PathBuf,
        /// The entry's kid.
        kid: String,
        /// What is wrong.
        message: Arg,
    },
}

impl TrustError {
    /// What it says, as data (worded at the edge).
    pub fn message(&self) -> Message {
        match self {
            TrustError::Io { action, path, .. } => Message::new("err-trust-io")
                .arg("action", in_words(action))
                .arg("path", path.display().to_string()),
            TrustError::NotAFile { path, .. } => {
                Message::new("err-trust-not-a-file").arg("path", path.display().to_string())
            }
            TrustError::TooBig { path, limit_mib, .. } => Message::new("err-trust-too-big")
                .arg("path", path.display().to_string())
                .arg("limit", *limit_mib),
            TrustError::Format { path, what, message, .. } => Message::new("err-trust-format")
                .arg("path", path.display().to_string())
                .arg("what", in_words(what))
                .arg("message", message.clone()),
            TrustError::BadSignature { path, sig, .. } => Message::new("err-trust-bad-signature")
                .arg("path", path.display().to_string())
                .arg("sig", sig.display().to_string()),
            TrustError::NotPinned { path, found, pinned, .. } => Message::new("err-trust-not-pinned")
                .arg("path", path.display().to_string())
                .arg("found", found.to_string())
                .arg("pinned", pinned.to_string()),
            TrustError::BadKey { path, kid, message, .. } => Message::new("err-trust-bad-key")
                .arg("path", path.display().to_string())
                .arg("kid", kid.to_string())
                .arg("message", message.clone()),
        }
    }
}

impl Diagnose for TrustError {
    fn diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::new(self.message());
        match self {
            TrustError::Io { .. } => d.hint(Message::new("hint-keys-make")),
            TrustError::BadSignature { .. } => d.hint(Message::new("hint-trust-bad-signature")),
            _ => d,
        }
    }
}

impl TrustError {
    /// What the user can do about it, in the words the edge installed (`util::diag`).
    pub fn hint(&self) -> Option<String> {
        self.diagnostic().hints.first().map(Message::to_string)
    }
}

/// A manifest whose signature checked, with its keys ready for verification.
#[derive(Debug, Clone)]
pub struct TrustedIssuer {
    /// The manifest.
    pub manifest: Manifest,
    /// Its root key.
    pub root: PublicKey,
    /// Its signing keys, with their entries.
    pub keys: Vec<(KeyEntry, PublicKey)>,
    /// Where it was read from.
    pub path: PathBuf,
}

/// The signature file next to `path`.
pub fn sig_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".sig");
    PathBuf::from(s)
}

/// The words of a signed file's kind ("trust manifest", "revocation list", "issuance ledger")
/// and of what was done with it, in the run's language: in code they stay ASCII identifiers.
pub(crate) fn in_words(what: &str) -> Arg {
    let id = match what {
        "trust manifest" => "trust-what-manifest",
        "revocation list" => "trust-what-revoked",
        "issuance ledger" => "trust-what-ledger",
        "cannot read" => "trust-cannot-read",
        "cannot write" => "trust-cannot-write",
        other => return Arg::Text(other.to_string()),
    };
    Message::new(id).into()
}

/// The largest trust manifest, revocation list or issuance ledger read: a ledger holds about 50
/// bytes a certificate, so this is a batch of some two million. A bigger file is no issuer's,
/// and reading it whole would hold it in memory (issue 28, finding 3: a 238 MB fake ledger).
pub const MAX_SIGNED_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// The largest detached signature read (one is under 200 bytes).
const MAX_SIG_BYTES: u64 = 64 * 1024;

/// A signed file's bytes, read only if it is a regular file (a link to `/dev/zero` or a FIFO is
/// refused before it is opened) and through a cap of `cap` bytes, never past it.
pub(crate) fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, TrustError> {
    use std::io::Read;
    let io = |source| TrustError::Io { action: "cannot read", path: path.to_path_buf(), source };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(TrustError::NotAFile { path: path.to_path_buf() });
    }
    let too_big = || TrustError::TooBig { path: path.to_path_buf(), limit_mib: cap / (1024 * 1024) };
    if meta.len() > cap {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path).and_then(|f| f.take(cap + 1).read_to_end(&mut bytes)).map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(too_big());
    }
    Ok(bytes)
}

fn read(path: &Path) -> Result<Vec<u8>, TrustError> {
    read_capped(path, MAX_SIGNED_FILE_BYTES)
}

/// A detached signature's text, or nothing when it is missing, unreadable or not one.
fn read_sig(path: &Path) -> Option<String> {
    read_capped(path, MAX_SIG_BYTES).ok().and_then(|b| String::from_utf8(b).ok())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), TrustError> {
    crate::util::files::write_atomic(path, bytes).map_err(|e| TrustError::Io {
        action: "cannot write",
        path: path.to_path_buf(),
        source: e.source,
    })
}

fn entry_key(path: &Path, e: &KeyEntry) -> Result<PublicKey, TrustError> {
    let bad = |message: Message| TrustError::BadKey {
        path: path.to_path_buf(),
        kid: e.kid.clone(),
        message: message.into(),
    };
    let alg = Alg::from_name(&e.alg)
        .ok_or_else(|| bad(Message::new("trust-unknown-alg").arg("alg", format!("{:?}", e.alg))))?;
    let spki = sign::unb64(&e.spki).ok_or_else(|| bad(Message::new("trust-spki-not-base64")))?;
    let key = PublicKey::from_spki(alg, spki).map_err(|err| bad(err.message()))?;
    if sign::hex(&key.kid) != e.kid.to_ascii_lowercase() {
        return Err(bad(Message::new("trust-kid-mismatch").arg("computed", sign::hex(&key.kid))));
    }
    Ok(key)
}

/// Reads a trust manifest and checks its detached signature with its root key (and, if given,
/// that the root has the pinned fingerprint).
pub fn load_manifest(path: &Path, pinned_root: Option<&str>) -> Result<TrustedIssuer, TrustError> {
    let signed = read_signed::<Manifest>(path, "trust manifest", &[MANIFEST_FORMAT], |m| &m.format)?;
    let root = entry_key(path, &signed.value.root)?;
    if !signed.verified(path, |jws| root.verify_detached(&signed.bytes, jws)) {
        return Err(TrustError::BadSignature { path: path.to_path_buf(), sig: sig_path(path) });
    }
    let manifest = signed.value;
    if let Some(pin) = pinned_root {
        let norm = |s: &str| s.replace([':', ' '], "").to_ascii_lowercase();
        if norm(pin) != norm(&root.fingerprint()) {
            return Err(TrustError::NotPinned {
                path: path.to_path_buf(),
                found: root.fingerprint(),
                pinned: pin.into(),
            });
        }
    }
    let keys =
        manifest.keys.iter().map(|e| Ok((e.clone(), entry_key(path, e)?))).collect::<Result<Vec<_>, _>>()?;
    Ok(TrustedIssuer { manifest, root, keys, path: path.to_path_buf() })
}

/// Writes a manifest and its signature.
pub fn save_manifest(path: &Path, manifest: &Manifest, root: &PrivateKey) -> Result<(), TrustError> {
    save_signed(path, manifest, root)
}

/// Reads a revocation list, checking its signature against the root of one of `issuers`.
/// Returns the list and the issuer whose root signed it.
pub fn load_revocations<'a>(
    path: &Path,
    issuers: &'a [TrustedIssuer],
) -> Result<(RevocationList, &'a TrustedIssuer), TrustError> {
    let signed = read_signed::<RevocationList>(path, "revocation list", &[REVOKED_FORMAT], |l| &l.format)?;
    let sig_file = sig_path(path);
    let signer = issuers
        .iter()
        .find(|i| signed.verified(path, |jws| i.root.verify_detached(&signed.bytes, jws)))
        .ok_or(TrustError::BadSignature { path: path.to_path_buf(), sig: sig_file })?;
    Ok((signed.value, signer))
}

/// Reads an issuance ledger (either version), checking its signature against the root of one
/// of `issuers` and that its count and Merkle root are those of its ids, each of its version's
/// length, sorted and once. Returns it and the issuer whose root signed it.
pub fn load_ledger<'a>(
    path: &Path,
    issuers: &'a [TrustedIssuer],
) -> Result<(Ledger, &'a TrustedIssuer), TrustError> {
    let signed =
        read_signed::<Ledger>(path, "issuance ledger", &[LEDGER_FORMAT, LEDGER_FORMAT_V1], |l| &l.format)?;
    let signer = issuers
        .iter()
        .find(|i| signed.verified(path, |jws| i.root.verify_detached(&signed.bytes, jws)))
        .ok_or(TrustError::BadSignature { path: path.to_path_buf(), sig: sig_path(path) })?;
    let ledger = signed.value;
    // One list, of the version's kind; its ids strictly increasing: sorted, each once.
    let (ids, len) = match (ledger.lists_codes(), &ledger.codes, &ledger.rids) {
        (true, Some(codes), None) => (codes, 32),
        (false, None, Some(rids)) => (rids, 16),
        _ => {
            return Err(TrustError::Format {
                path: path.to_path_buf(),
                what: "issuance ledger",
                message: Message::new("trust-ledger-wrong-list").into(),
            })
        }
    };
    if !ids.windows(2).all(|w| w[0] < w[1])
        || !ids.iter().all(|id| sign::unb64(id).is_some_and(|b| b.len() == len))
        || ledger.count != ids.len()
        || sign::b64(&merkle_of(ids)) != ledger.merkle_root
    {
        return Err(TrustError::Format {
            path: path.to_path_buf(),
            what: "issuance ledger",
            message: Message::new("trust-ledger-root-mismatch").into(),
        });
    }
    Ok((ledger, signer))
}

/// Writes an issuance ledger and its signature.
pub fn save_ledger(path: &Path, ledger: &Ledger, root: &PrivateKey) -> Result<(), TrustError> {
    save_signed(path, ledger, root)
}

/// Writes a revocation list and its signature (the `revoke` command builds on this).
pub fn save_revocations(path: &Path, list: &RevocationList, root: &PrivateKey) -> Result<(), TrustError> {
    save_signed(path, list, root)
}

/// A signed JSON file as read: its value, its exact bytes (what the signature covers) and the
/// detached JWS from the `.sig` beside it (empty if there is none, which then fails to verify),
/// and the one a write left in `.sig.next` if it was stopped between its renames.
struct Signed<T> {
    value: T,
    bytes: Vec<u8>,
    jws: String,
    next_jws: Option<String>,
}

impl<T> Signed<T> {
    /// Whether `verify` accepts the file's signature. A save stopped after the file's rename
    /// but before its signature's leaves the new file beside the old `.sig` and the new
    /// signature in `.sig.next`: that pair was signed whole, so it is accepted, and the `.sig`
    /// put in place (where the folder can be written), so that no crash locks the folder.
    fn verified(&self, path: &Path, verify: impl Fn(&str) -> bool) -> bool {
        if verify(&self.jws) {
            return true;
        }
        match &self.next_jws {
            Some(next) if verify(next) => {
                let _ = std::fs::rename(next_sig_path(path), sig_path(path));
                true
            }
            _ => false,
        }
    }
}

/// Where a save puts the new signature before the file it signs: `X.sig.next`.
fn next_sig_path(path: &Path) -> PathBuf {
    let mut s = sig_path(path).into_os_string();
    s.push(".next");
    PathBuf::from(s)
}

fn read_signed<T: serde::de::DeserializeOwned>(
    path: &Path,
    what: &'static str,
    formats: &[&str],
    format_of: impl Fn(&T) -> &str,
) -> Result<Signed<T>, TrustError> {
    let bytes = read(path)?;
    let bad = |message: Arg| TrustError::Format { path: path.to_path_buf(), what, message };
    let value: T = json::parse(&bytes).map_err(|e| bad(Arg::Text(e.to_string())))?;
    if !formats.contains(&format_of(&value)) {
        let expected = formats.iter().map(|f| format!("{f:?}")).collect::<Vec<_>>().join(", ");
        return Err(bad(Message::new("trust-wrong-format")
            .arg("found", format!("{:?}", format_of(&value)))
            .arg("expected", expected)
            .into()));
    }
    let jws = read_sig(&sig_path(path)).unwrap_or_default();
    let next_jws = read_sig(&next_sig_path(path));
    Ok(Signed { value, bytes, jws, next_jws })
}

/// Writes a JSON file and its detached signature by `root`.
///
/// Two files cannot be replaced at once, so the new signature goes first to `X.sig.next`, then
/// the file, then the signature to `X.sig`: stopped anywhere, the folder holds a pair that
/// verifies — the old one, or the new file with `X.sig.next` (see [`Signed::verified`]).
fn save_signed<T: Serialize>(path: &Path, value: &T, root: &PrivateKey) -> Result<(), TrustError> {
    let bytes = json::pretty(value);
    let jws = root.sign_detached(&bytes);
    let next = next_sig_path(path);
    write(&next, jws.as_bytes())?;
    write(path, &bytes)?;
    write(&sig_path(path), jws.as_bytes())?;
    std::fs::remove_file(&next).map_err(|source| TrustError::Io {
        action: "cannot write",
        path: next,
        source,
    })
}

/// A key entry for a key.
pub fn entry_for(key: &PublicKey, not_before: Option<String>, not_after: Option<String>) -> KeyEntry {
    KeyEntry {
        kid: sign::hex(&key.kid),
        alg: key.alg.name().into(),
        spki: sign::b64(&key.spki),
        not_before,
        not_after,
        status: "active".into(),
        compromised_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(root: &PrivateKey, signing: &PrivateKey) -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT.into(),
            seq: 1,
            issued_at: "2026-11-28T00:00:00Z".into(),
            next_update: "2027-05-28T00:00:00Z".into(),
            issuer: Issuer {
                id: "vn.example".into(),
                name_vi: "Trung tâm Thử".into(),
                domain: "xacthuc.example.vn".into(),
            },
            root: entry_for(root.public(), None, None),
            keys: vec![entry_for(signing.public(), Some("2026-11-28".into()), None)],
            revocations: "/.well-known/vncert/revoked.json".into(),
        }
    }

    /// Ledgers are written from compact ids; the file must be the one `Ledger` describes, so
    /// that every reader (this tool, the verification page, anyone's JSON parser) reads it.
    #[test]
    fn a_ledger_written_from_compact_ids_is_the_ledger_of_its_ids() {
        let tmp = tempfile::tempdir().unwrap();
        let root = PrivateKey::generate();
        // Unsorted, one repeated, ids whose text order is not their byte order ('-' < 'A').
        let blobs: Vec<Vec<u8>> = (0u8..40).chain([7]).map(|i| vec![i.wrapping_mul(37); 80]).collect();
        let codes: Vec<String> = blobs.iter().map(|b| sign::b64(&sign::code_id(b))).collect();
        let ids = blobs.iter().map(|b| CodeId::of_blob(b)).collect();
        assert_eq!(CodeId::parse(&codes[3]), Some(CodeId::of_blob(&blobs[3])));
        let (a, b) = (tmp.path().join("a.json"), tmp.path().join("b.json"));
        save_ledger(&a, &Ledger::new("Lớp K12", "8c5e94c1", "2026-12-02T00:00:00Z".into(), codes), &root)
            .unwrap();
        save_ledger_ids(&b, ("Lớp K12", "8c5e94c1", "2026-12-02T00:00:00Z"), ids, &root).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        assert_eq!(std::fs::read(sig_path(&a)).unwrap(), std::fs::read(sig_path(&b)).unwrap());
        let issuer = TrustedIssuer {
            manifest: manifest(&root, &PrivateKey::generate()),
            root: root.public().clone(),
            keys: Vec::new(),
            path: tmp.path().join("trust.json"),
        };
        let (ledger, _) = load_ledger(&b, std::slice::from_ref(&issuer)).unwrap();
        assert_eq!((ledger.count, ledger.format.as_str()), (40, LEDGER_FORMAT));
        assert!(ledger.has_code(&blobs[12]) && !ledger.has_code(&[1u8; 80]));
        assert!(CodeId::parse("not an id").is_none() && CodeId::parse(&"+".repeat(43)).is_none());
        assert!(LedgerId::parse("not an id").is_none() && LedgerId::parse(&"+".repeat(22)).is_none());
    }

    /// A ledger of the first version (revocation ids) still reads, as what it is; one that
    /// mixes the versions' lists does not.
    #[test]
    fn a_ledger_of_revocation_ids_still_reads_and_a_mixed_one_does_not() {
        let tmp = tempfile::tempdir().unwrap();
        let root = PrivateKey::generate();
        let mut rids: Vec<String> =
            (0u8..5).map(|i| sign::b64(&sign::revocation_id(&[i.wrapping_mul(91); 64]))).collect();
        rids.sort();
        let mut old = Ledger::new("Lớp K12", "8c5e94c1", "2025-01-02T00:00:00Z".into(), Vec::new());
        old.format = LEDGER_FORMAT_V1.into();
        old.merkle_root = sign::b64(&merkle_of(&rids));
        old.count = rids.len();
        (old.codes, old.rids) = (None, Some(rids.clone()));
        let p = tmp.path().join("old.json");
        save_ledger(&p, &old, &root).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains("\"rids\"") && !text.contains("\"codes\""), "{text}");
        let issuer = TrustedIssuer {
            manifest: manifest(&root, &PrivateKey::generate()),
            root: root.public().clone(),
            keys: Vec::new(),
            path: tmp.path().join("trust.json"),
        };
        let (read, _) = load_ledger(&p, std::slice::from_ref(&issuer)).unwrap();
        assert!(!read.lists_codes() && read.has_rid(&rids[2]) && !read.has_code(&[0u8; 80]));
        old.codes = Some(Vec::new());
        save_ledger(&p, &old, &root).unwrap();
        assert!(matches!(load_ledger(&p, std::slice::from_ref(&issuer)), Err(TrustError::Format { .. })));
    }

    #[test]
    fn a_signed_manifest_loads_and_an_edited_one_does_not() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let (root, signing) = (PrivateKey::generate(), PrivateKey::generate());
        let p = dir.join("trust.json");
        save_manifest(&p, &manifest(&root, &signing), &root).unwrap();
        let t = load_manifest(&p, None).unwrap();
        assert_eq!(t.keys[0].1, *signing.public());
        assert!(load_manifest(&p, Some(&root.public().fingerprint())).is_ok());
        assert!(matches!(load_manifest(&p, Some("00:11")), Err(TrustError::NotPinned { .. })));
        let edited = std::fs::read_to_string(&p).unwrap().replace("Trung tâm Thử", "Học viện Giả");
        std::fs::write(&p, edited).unwrap();
        assert!(matches!(load_manifest(&p, None), Err(TrustError::BadSignature { .. })));
    }
}
