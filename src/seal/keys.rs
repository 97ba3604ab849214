//! The issuer's key folder, as `keygen` makes it and `issue` and `revoke` use it:
//!
//! | file | what | who may see it |
//! |---|---|---|
//! | `root-key.pem` | root private key (signs the manifest and revocation list) | the issuer only (mode 0600); keep it offline |
//! | `signing-key.pem` | the first signing private key (signs certificates) | the issuing machine only (mode 0600) |
//! | `signing-key-KID.pem` | each signing key `keys rotate` made since | the issuing machine only (mode 0600) |
//! | `trust.json`, `trust.json.sig` | the trust manifest and its root signature | everyone: publish it |
//! | `revoked.json`, `revoked.json.sig` | the revocation list and its root signature | everyone: publish it |
//! | `ledger/KID-BATCH.json` + `.sig` | issuance ledgers, signed by the root key | everyone: publish them |
//! | `ledgers.json` | the index of those ledgers (unsigned: it only says where to look) | everyone: publish it |
//!
//! The root key may live elsewhere (`--root-key FILE`, e.g. on a USB stick kept in a safe); any
//! private key may be encrypted with a passphrase. Every change to the manifest — a rotation, a
//! compromise — is signed with the root key and raises `seq` by one. Keys are never removed:
//! what a retired key signed verifies forever.

use std::path::{Path, PathBuf};

use crate::seal::claims;
use crate::seal::sign::{KeyError, PrivateKey};
use crate::seal::trust::{self, Issuer, Manifest, RevocationList, TrustError, TrustedIssuer};
use crate::util::diag::{Diagnose, Diagnostic, Message};
use crate::viet::Date;

/// Root private key file name.
pub const ROOT_KEY: &str = "root-key.pem";
/// Signing private key file name.
pub const SIGNING_KEY: &str = "signing-key.pem";
/// Trust manifest file name.
pub const TRUST: &str = "trust.json";
/// Revocation list file name.
pub const REVOKED: &str = "revoked.json";
/// The folder of issuance ledgers, beside the manifest.
pub const LEDGERS: &str = "ledger";
/// How long a new signing key's window is: a year, the spec's "one per calendar year".
pub const KEY_WINDOW_DAYS: i64 = 365;

/// The file of a signing key made by `keys rotate`.
pub fn signing_key_file(kid: &str) -> String {
    format!("signing-key-{kid}.pem")
}

/// Where the root key is: `--root-key FILE` if given, else `DIR/root-key.pem`.
pub fn root_key_path(dir: &Path, root_key: Option<&Path>) -> PathBuf {
    root_key.map_or_else(|| dir.join(ROOT_KEY), Path::to_path_buf)
}

/// Key folder problems.
#[derive(Debug, thiserror::Error)]
pub enum KeysError {
    /// A key file.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The manifest or list.
    #[error(transparent)]
    Trust(#[from] TrustError),
    /// The folder could not be made.
    #[error("{}", self.message())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// `keygen` into a folder that already holds keys.
    #[error("{}", self.message())]
    FolderHoldsKeys {
        /// The folder.
        dir: PathBuf,
        /// The first key entry found.
        entry: PathBuf,
    },
    /// A bad issuer name or host.
    #[error("{}", self.message())]
    Invalid(Message),
    /// The signing key is not in the manifest.
    #[error("{}", self.message())]
    KeyNotInManifest {
        /// The key file.
        signing: PathBuf,
        /// The manifest.
        trust: PathBuf,
        /// Its kid.
        kid: String,
    },
    /// Every signing key's window ended before the signing day.
    #[error("{}", self.message())]
    Expired {
        /// The manifest.
        trust: PathBuf,
        /// The newest key.
        kid: String,
        /// Its last day.
        until: String,
        /// The signing day.
        day: String,
    },
    /// The only key for the signing day is compromised.
    #[error("{}", self.message())]
    Compromised {
        /// The manifest.
        trust: PathBuf,
        /// The key.
        kid: String,
    },
    /// No key's window holds the signing day (only keys announced for later).
    #[error("{}", self.message())]
    NoKeyForDay {
        /// The manifest.
        trust: PathBuf,
        /// The signing day.
        day: String,
    },
    /// The manifest's key for the day has no private key file here.
    #[error("{}", self.message())]
    PrivateKeyMissing {
        /// The key folder.
        dir: PathBuf,
        /// The key.
        kid: String,
        /// The file looked for.
        file: String,
    },
    /// `keys compromise --kid` names no key of the manifest.
    #[error("{}", self.message())]
    NoSuchKey {
        /// The manifest.
        trust: PathBuf,
        /// As given.
        kid: String,
        /// The kids it has.
        known: String,
    },
    /// A key announced years ahead is a typing mistake (9999-12-31 made a window that ended
    /// before it began).
    #[error("{}", self.message())]
    RotationTooFar {
        /// As given.
        from: String,
        /// The latest day accepted.
        latest: String,
    },
    /// A rotation into the past would put codes already signed outside their key's window.
    #[error("{}", self.message())]
    RotationInThePast {
        /// As given.
        from: String,
        /// Today.
        today: String,
    },
}

impl KeysError {
    /// What it says, as data (worded at the edge).
    pub fn message(&self) -> Message {
        match self {
            KeysError::Key(e) => e.message(),
            KeysError::Trust(e) => e.message(),
            KeysError::Folder { path, .. } => {
                Message::new("err-keys-folder").arg("path", path.display().to_string())
            }
            KeysError::FolderHoldsKeys { dir, entry, .. } => Message::new("err-keys-folder-holds-keys")
                .arg("dir", dir.display().to_string())
                .arg("entry", entry.display().to_string()),
            KeysError::Invalid(problem) => Message::new("err-keys-invalid").arg("problem", problem.clone()),
            KeysError::KeyNotInManifest { signing, trust, kid, .. } => {
                Message::new("err-keys-key-not-in-manifest")
                    .arg("signing", signing.display().to_string())
                    .arg("kid", kid.to_string())
                    .arg("trust", trust.display().to_string())
            }
            KeysError::Expired { trust, kid, until, day, .. } => Message::new("err-keys-expired")
                .arg("kid", kid.to_string())
                .arg("until", until.to_string())
                .arg("trust", trust.display().to_string())
                .arg("day", day.to_string()),
            KeysError::Compromised { trust, kid, .. } => Message::new("err-keys-compromised")
                .arg("kid", kid.to_string())
                .arg("trust", trust.display().to_string()),
            KeysError::NoKeyForDay { trust, day, .. } => Message::new("err-keys-no-key-for-day")
                .arg("trust", trust.display().to_string())
                .arg("day", day.to_string()),
            KeysError::PrivateKeyMissing { dir, kid, file, .. } => {
                Message::new("err-keys-private-key-missing")
                    .arg("kid", kid.to_string())
                    .arg("dir", dir.display().to_string())
                    .arg("file", file.to_string())
            }
            KeysError::NoSuchKey { trust, kid, known, .. } => Message::new("err-keys-no-such-key")
                .arg("trust", trust.display().to_string())
                .arg("kid", kid.to_string())
                .arg("known", known.to_string()),
            KeysError::RotationTooFar { from, latest, .. } => Message::new("err-keys-rotation-too-far")
                .arg("from", from.to_string())
                .arg("latest", latest.to_string()),
            KeysError::RotationInThePast { from, today, .. } => Message::new("err-keys-rotation-in-the-past")
                .arg("from", from.to_string())
                .arg("today", today.to_string()),
        }
    }
}

impl Diagnose for KeysError {
    fn diagnostic(&self) -> Diagnostic {
        use crate::seal::sign::KeyError;
        let hint = match self {
            KeysError::Trust(t) => return t.diagnostic(),
            KeysError::Key(KeyError::Io { .. }) => Some(Message::new("hint-keys-make")),
            KeysError::FolderHoldsKeys { .. } => Some(Message::new("hint-keys-holds")),
            KeysError::Expired { .. } | KeysError::Compromised { .. } | KeysError::NoKeyForDay { .. } => {
                Some(Message::new("hint-keys-rotate"))
            }
            KeysError::PrivateKeyMissing { .. } => Some(Message::new("hint-keys-private-missing")),
            KeysError::NoSuchKey { .. } => Some(Message::new("hint-keys-list")),
            KeysError::Key(KeyError::NeedPassphrase(_)) => {
                Some(Message::new("hint-keys-passphrase").arg("env", crate::seal::sign::PASSPHRASE_ENV))
            }
            _ => None,
        };
        let d = Diagnostic::new(self.message());
        match hint {
            Some(h) => d.hint(h),
            None => d,
        }
    }
}

impl KeysError {
    /// What the user can do about it, in the words the edge installed (`util::diag`).
    pub fn hint(&self) -> Option<String> {
        self.diagnostic().hints.first().map(Message::to_string)
    }
}

/// What `keygen` made.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Files written.
    pub files: Vec<PathBuf>,
    /// The root key's fingerprint, to publish.
    pub root_fingerprint: String,
    /// The signing key's id.
    pub signing_kid: String,
}

/// Whether `host` is a name for examples and tests (RFC 2606 and 6761), which no verifier's
/// phone can ever reach: codes printed with it would open no page.
pub fn is_example_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    let h = h.split(':').next().unwrap_or("");
    ["example.vn", "example.com", "example.org", "example.net", "localhost"]
        .iter()
        .any(|e| h == *e || h.ends_with(&format!(".{e}")))
        || [".example", ".test", ".invalid", ".localhost"].iter().any(|t| h.ends_with(t))
}

/// The first entry of `dir` that is, or may hold, a key of an issuer: a key file, the manifest,
/// the revocation list or their signatures, any `.pem` — a link or a dangling link included.
fn first_key_entry(dir: &Path) -> Option<PathBuf> {
    let named = [ROOT_KEY, SIGNING_KEY, TRUST, REVOKED];
    let entries = std::fs::read_dir(dir).ok()?;
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
            named.iter().any(|n| name == *n || name == format!("{n}.sig")) || name.ends_with(".pem")
        })
        .collect();
    found.sort();
    found.into_iter().next()
}

/// How `keygen` writes the private keys.
#[derive(Debug, Clone, Default)]
pub struct KeygenOptions {
    /// Where the root key goes instead of `DIR/root-key.pem` (a USB stick, say).
    pub root_key: Option<PathBuf>,
    /// Encrypt both private keys with this passphrase.
    pub passphrase: Option<String>,
}

/// Creates the key folder: root and signing keys, a signed manifest and an empty signed
/// revocation list. Refuses a folder that holds any key or key-named entry: nothing here ever
/// replaces a root key, since every certificate it vouched for would stop verifying.
pub fn generate(
    dir: &Path,
    issuer: &str,
    host: &str,
    today: Date,
    opts: &KeygenOptions,
) -> Result<Generated, KeysError> {
    let issuer = issuer.trim();
    if issuer.is_empty() || issuer.chars().any(claims::is_forbidden) {
        return Err(KeysError::Invalid(Message::new("keys-bad-issuer").arg("issuer", format!("{issuer:?}"))));
    }
    let host = host.trim().trim_end_matches('/');
    if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
    {
        return Err(KeysError::Invalid(Message::new("keys-bad-host").arg("host", format!("{host:?}"))));
    }
    std::fs::create_dir_all(dir).map_err(|source| KeysError::Folder { path: dir.to_path_buf(), source })?;
    if let Some(p) = first_key_entry(dir) {
        return Err(KeysError::FolderHoldsKeys { dir: dir.to_path_buf(), entry: p });
    }
    let mut paths = [ROOT_KEY, SIGNING_KEY, TRUST, REVOKED].map(|f| dir.join(f));
    if let Some(r) = &opts.root_key {
        paths[0] = r.clone();
    }
    let root = PrivateKey::generate();
    let signing = PrivateKey::generate();
    match &opts.passphrase {
        Some(p) => {
            root.save_encrypted(&paths[0], p)?;
            signing.save_encrypted(&paths[1], p)?;
        }
        None => {
            root.save(&paths[0], false)?;
            signing.save(&paths[1], false)?;
        }
    }
    let day = today.days();
    let iso = |d: i64| crate::viet::Date::from_days(d).iso();
    let manifest = Manifest {
        format: trust::MANIFEST_FORMAT.into(),
        seq: 1,
        issued_at: format!("{}T00:00:00Z", iso(day)),
        next_update: format!("{}T00:00:00Z", iso(day + 182)),
        issuer: Issuer { id: reverse_domain(host), name_vi: issuer.to_string(), domain: host.to_string() },
        root: trust::entry_for(root.public(), None, None),
        keys: vec![trust::entry_for(signing.public(), Some(iso(day)), Some(iso(day + KEY_WINDOW_DAYS)))],
        revocations: "/.well-known/vncert/revoked.json".into(),
    };
    trust::save_manifest(&paths[2], &manifest, &root)?;
    let list = RevocationList {
        format: trust::REVOKED_FORMAT.into(),
        seq: 1,
        issued_at: manifest.issued_at.clone(),
        next_update: manifest.next_update.clone(),
        entries: Vec::new(),
    };
    trust::save_revocations(&paths[3], &list, &root)?;
    let files = vec![
        paths[0].clone(),
        paths[1].clone(),
        paths[2].clone(),
        trust::sig_path(&paths[2]),
        paths[3].clone(),
        trust::sig_path(&paths[3]),
    ];
    Ok(Generated {
        files,
        root_fingerprint: root.public().fingerprint(),
        signing_kid: crate::seal::sign::hex(&signing.public().kid),
    })
}

/// Whether `day` lies in the key's window (`not_before` … `not_after`, both inclusive; a side
/// not written is open).
pub fn window_holds(e: &trust::KeyEntry, day: Date) -> bool {
    let side = |d: &Option<String>| d.as_deref().and_then(|d| Date::parse_iso(d.get(..10).unwrap_or(d)).ok());
    side(&e.not_before).is_none_or(|b| b <= day) && side(&e.not_after).is_none_or(|a| day <= a)
}

fn first_day(e: &trust::KeyEntry) -> Date {
    e.not_before.as_deref().and_then(|d| Date::parse_iso(d).ok()).unwrap_or(Date::from_days(i64::MIN / 4))
}

/// The manifest's key that signs on `day`: of the keys not compromised whose window holds the
/// day, the one that starts last (on a rotation day both windows hold it; the new key signs).
pub fn key_for_day(issuer: &TrustedIssuer, day: Date) -> Result<&trust::KeyEntry, KeysError> {
    let keys = &issuer.manifest.keys;
    let usable = keys.iter().filter(|e| e.status != "compromised" && window_holds(e, day));
    if let Some(e) = usable.max_by_key(|e| first_day(e)) {
        return Ok(e);
    }
    let trust = issuer.path.clone();
    if let Some(e) = keys.iter().find(|e| e.status == "compromised" && window_holds(e, day)) {
        return Err(KeysError::Compromised { trust, kid: e.kid.clone() });
    }
    let ended = keys.iter().filter(|e| e.status != "compromised" && first_day(e) <= day);
    if let Some(e) = ended.max_by_key(|e| first_day(e)) {
        return Err(KeysError::Expired {
            trust,
            kid: e.kid.clone(),
            until: e.not_after.as_deref().map(crate::viet::day).unwrap_or_default(),
            day: day.to_string(),
        });
    }
    Err(KeysError::NoKeyForDay { trust, day: day.to_string() })
}

/// The private key of manifest key `kid` in `dir`: `signing-key-KID.pem`, or `signing-key.pem`
/// when that is the key (the first one, which keygen made).
fn load_signing_key(dir: &Path, kid: &str) -> Result<PrivateKey, KeysError> {
    let own = dir.join(signing_key_file(kid));
    let first = dir.join(SIGNING_KEY);
    for path in [own, first] {
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let key = PrivateKey::load(&path)?;
        if crate::seal::sign::hex(&key.public().kid) == kid {
            return Ok(key);
        }
    }
    Err(KeysError::PrivateKeyMissing { dir: dir.to_path_buf(), kid: kid.into(), file: signing_key_file(kid) })
}

/// What `issue` needs from the key folder for signing on `day`: the key that signs that day
/// ([`key_for_day`]; never an expired or compromised one) and the manifest that lists it.
pub fn load_for_issue(dir: &Path, day: Date) -> Result<(PrivateKey, TrustedIssuer), KeysError> {
    let trust_path = dir.join(TRUST);
    let issuer = trust::load_manifest(&trust_path, None)?;
    let kid = key_for_day(&issuer, day)?.kid.to_ascii_lowercase();
    let key = load_signing_key(dir, &kid)?;
    Ok((key, issuer))
}

/// One key as `keys list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    /// Its id.
    pub kid: String,
    /// What it is today.
    pub state: KeyState,
    /// First day of its window, ISO.
    pub not_before: Option<String>,
    /// Last day, ISO.
    pub not_after: Option<String>,
    /// Whether its private key file is in the folder.
    pub private_here: bool,
}

/// A signing key's state on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyState {
    /// The key `issue` signs with on that day.
    InUse,
    /// Valid that day, but a newer key signs.
    Valid,
    /// Announced: its window starts later.
    Announced,
    /// Its window is over (retired at a rotation, or simply ended).
    Retired,
    /// Reported stolen or leaked, since that day.
    Compromised(String),
}

/// Every signing key of the folder's manifest, oldest first, as it stands on `today`.
pub fn list(dir: &Path, today: Date) -> Result<(TrustedIssuer, Vec<KeyInfo>), KeysError> {
    let issuer = trust::load_manifest(&dir.join(TRUST), None)?;
    let in_use = key_for_day(&issuer, today).ok().map(|e| e.kid.clone());
    let mut out = Vec::new();
    for e in &issuer.manifest.keys {
        let state = if e.status == "compromised" {
            KeyState::Compromised(e.compromised_at.clone().unwrap_or_default())
        } else if in_use.as_deref() == Some(e.kid.as_str()) {
            KeyState::InUse
        } else if window_holds(e, today) {
            KeyState::Valid
        } else if first_day(e) > today {
            KeyState::Announced
        } else {
            KeyState::Retired
        };
        let private_here = dir.join(signing_key_file(&e.kid)).exists()
            || PrivateKey::load(&dir.join(SIGNING_KEY))
                .is_ok_and(|k| crate::seal::sign::hex(&k.public().kid) == e.kid);
        out.push(KeyInfo {
            kid: e.kid.clone(),
            state,
            not_before: e.not_before.clone(),
            not_after: e.not_after.clone(),
            private_here,
        });
    }
    Ok((issuer, out))
}

/// What a change to the manifest did.
#[derive(Debug, Clone)]
pub struct Changed {
    /// The manifest's new `seq`.
    pub seq: u64,
    /// A key made by the change, and its file.
    pub new_key: Option<(String, PathBuf)>,
    /// Keys whose window the change closed.
    pub retired: Vec<String>,
}

/// Adds a new signing key whose window starts on `from` to `m`, closing on that day the window
/// of every key still open then. Writes only the new key's file.
fn add_key(dir: &Path, m: &mut Manifest, from: Date) -> Result<((String, PathBuf), Vec<String>), KeysError> {
    // A run stopped after writing its new key but before the manifest that announces it left
    // a key no manifest knows: the next run takes that one rather than leave it lying there.
    let (kid, path, public) = match orphan_key(dir, m) {
        Some(found) => found,
        None => new_key(dir)?,
    };
    let mut retired = Vec::new();
    let from_iso = from.iso();
    for e in m.keys.iter_mut().filter(|e| e.status != "compromised") {
        let open_then =
            e.not_after.as_deref().and_then(|d| Date::parse_iso(d).ok()).is_none_or(|a| a >= from);
        if open_then && first_day(e) <= from {
            e.not_after = Some(from_iso.clone());
            e.status = "retired".into();
            retired.push(e.kid.clone());
        }
    }
    let until = Date::from_days(from.days() + KEY_WINDOW_DAYS).iso();
    m.keys.push(trust::entry_for(&public, Some(from_iso), Some(until)));
    Ok(((kid, path), retired))
}

/// A signing key file of the folder that the manifest does not list, if one loads.
/// Only an unencrypted one is taken: an encrypted one would need its passphrase asked for a
/// second time.
fn orphan_key(dir: &Path, m: &Manifest) -> Option<(String, PathBuf, crate::seal::sign::PublicKey)> {
    let mut found: Vec<(String, PathBuf, crate::seal::sign::PublicKey)> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let kid = name.strip_prefix("signing-key-")?.strip_suffix(".pem")?.to_string();
            Some((kid, e.path()))
        })
        .filter(|(kid, _)| !m.keys.iter().any(|k| k.kid.eq_ignore_ascii_case(kid)))
        .filter(|(_, path)| !is_encrypted(path))
        .filter_map(|(kid, path)| {
            let key = PrivateKey::load(&path).ok()?;
            (crate::seal::sign::hex(&key.public().kid) == kid).then(|| (kid, path, key.public().clone()))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.into_iter().next()
}

/// A new signing key, saved in the folder (encrypted like the keys before it when they are).
fn new_key(dir: &Path) -> Result<(String, PathBuf, crate::seal::sign::PublicKey), KeysError> {
    let key = PrivateKey::generate();
    let kid = crate::seal::sign::hex(&key.public().kid);
    let path = dir.join(signing_key_file(&kid));
    match std::env::var(crate::seal::sign::PASSPHRASE_ENV) {
        // Encrypted like the keys before it when the folder's keys are.
        Ok(p) if is_encrypted(&dir.join(SIGNING_KEY)) => key.save_encrypted(&path, &p)?,
        _ if is_encrypted(&dir.join(SIGNING_KEY)) => {
            let p = crate::seal::sign::new_passphrase(&path)?;
            key.save_encrypted(&path, &p)?
        }
        _ => key.save(&path, false)?,
    }
    Ok((kid, path, key.public().clone()))
}

fn is_encrypted(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|p| p.contains("ENCRYPTED PRIVATE KEY"))
}

/// Signs and writes the changed manifest, `seq` one higher.
fn resign(dir: &Path, root: &PrivateKey, mut m: Manifest, today: Date) -> Result<u64, KeysError> {
    m.seq += 1;
    m.issued_at = format!("{}T00:00:00Z", today.iso());
    m.next_update = format!("{}T00:00:00Z", Date::from_days(today.days() + 182).iso());
    trust::save_manifest(&dir.join(TRUST), &m, root)?;
    Ok(m.seq)
}

/// How far ahead a new signing key may be announced: three years.
pub const ROTATION_HORIZON_DAYS: i64 = 3 * 366;

/// `keys rotate`: a new signing key from `from` (today or later; a later day announces it
/// ahead, as the spec asks), the keys open then retired on that day. Needs the root key.
pub fn rotate(dir: &Path, root_key: Option<&Path>, from: Date, today: Date) -> Result<Changed, KeysError> {
    if from < today {
        return Err(KeysError::RotationInThePast { from: from.to_string(), today: today.to_string() });
    }
    let latest = Date::from_days(today.days() + ROTATION_HORIZON_DAYS);
    if from > latest {
        return Err(KeysError::RotationTooFar { from: from.to_string(), latest: latest.to_string() });
    }
    let (root, issuer) = check_root(dir, root_key)?;
    let mut m = issuer.manifest;
    let (new_key, retired) = add_key(dir, &mut m, from)?;
    let seq = resign(dir, &root, m, today)?;
    Ok(Changed { seq, new_key: Some(new_key), retired })
}

/// `keys compromise`: marks key `kid` compromised since `since`; if it is the key that signs
/// today, a new key signs from today. Needs the root key, which from now on signs no ledger
/// for that key.
pub fn compromise(
    dir: &Path,
    root_key: Option<&Path>,
    kid: &str,
    since: Date,
    today: Date,
) -> Result<Option<Changed>, KeysError> {
    let (root, issuer) = check_root(dir, root_key)?;
    let wanted = kid.trim().to_ascii_lowercase();
    let in_use = key_for_day(&issuer, today).ok().map(|e| e.kid.clone());
    let mut m = issuer.manifest;
    let Some(e) = m.keys.iter_mut().find(|e| e.kid.eq_ignore_ascii_case(&wanted)) else {
        let known = m.keys.iter().map(|e| e.kid.as_str()).collect::<Vec<_>>().join(", ");
        return Err(KeysError::NoSuchKey { trust: issuer.path, kid: kid.into(), known });
    };
    if e.status == "compromised" {
        return Ok(None);
    }
    e.status = "compromised".into();
    e.compromised_at = Some(since.iso());
    let kid = e.kid.clone();
    let (new_key, retired) = if in_use.as_deref() == Some(kid.as_str()) {
        let (k, r) = add_key(dir, &mut m, today)?;
        (Some(k), r)
    } else {
        (None, Vec::new())
    };
    let seq = resign(dir, &root, m, today)?;
    Ok(Some(Changed { seq, new_key, retired }))
}

fn reverse_domain(host: &str) -> String {
    let h = host.split(':').next().unwrap_or(host);
    h.split('.').rev().collect::<Vec<_>>().join(".")
}

/// Checks that the key folder can sign a revocation list: its root key (in the folder, or at
/// `root_key`) and a manifest whose root it is.
pub fn check_root(dir: &Path, root_key: Option<&Path>) -> Result<(PrivateKey, TrustedIssuer), KeysError> {
    let root_path = root_key_path(dir, root_key);
    let root = PrivateKey::load(&root_path)?;
    let trust_path = dir.join(TRUST);
    let issuer = trust::load_manifest(&trust_path, None)?;
    if issuer.root != *root.public() {
        return Err(KeysError::Invalid(
            Message::new("keys-not-root")
                .arg("root", root_path.display().to_string())
                .arg("trust", trust_path.display().to_string()),
        ));
    }
    Ok((root, issuer))
}

/// The revocation ids in the key folder's signed revocation list (empty if there is none).
pub fn published_revocations(dir: &Path) -> Result<Vec<String>, KeysError> {
    let path = dir.join(REVOKED);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let issuer = trust::load_manifest(&dir.join(TRUST), None)?;
    let (list, _) = trust::load_revocations(&path, std::slice::from_ref(&issuer))?;
    Ok(list.entries.into_iter().map(|e| e.rid).collect())
}

/// Writes `DIR/revoked.json` (and its signature) holding `entries` — `(rid, date, reason)` —
/// plus any entry of the list already there that they lack (another register's revocations).
/// The sequence number goes up by one; a list whose signature does not check is refused.
pub fn publish_revocations(
    dir: &Path,
    root_key: Option<&Path>,
    entries: &[(String, String, String)],
    today: Date,
) -> Result<Published, KeysError> {
    let (root, issuer) = check_root(dir, root_key)?;
    let path = dir.join(REVOKED);
    let old = if path.exists() {
        Some(trust::load_revocations(&path, std::slice::from_ref(&issuer))?.0)
    } else {
        None
    };
    let mut list: Vec<trust::Revocation> = Vec::new();
    for (rid, date, reason) in entries {
        list.push(trust::Revocation { rid: rid.clone(), date: date.clone(), reason: reason.clone() });
    }
    if let Some(old) = &old {
        for e in &old.entries {
            if !list.iter().any(|n| n.rid == e.rid) {
                list.push(e.clone());
            }
        }
    }
    list.sort_by(|a, b| (&a.date, &a.rid).cmp(&(&b.date, &b.rid)));
    // The same entries as the list already signed: nothing to publish, and `seq` stays.
    if old.as_ref().is_some_and(|o| o.entries == list) {
        return Ok(Published::Unchanged(path));
    }
    let day = today.days();
    let iso = |d: i64| crate::viet::Date::from_days(d).iso();
    let new = RevocationList {
        format: trust::REVOKED_FORMAT.into(),
        seq: old.as_ref().map_or(1, |o| o.seq + 1),
        issued_at: format!("{}T00:00:00Z", iso(day)),
        next_update: format!("{}T00:00:00Z", iso(day + 182)),
        entries: list,
    };
    trust::save_revocations(&path, &new, &root)?;
    Ok(Published::Written(path))
}

/// What publishing the revocation list did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Published {
    /// A new list (with `seq` one higher) was signed and written here.
    Written(PathBuf),
    /// The list here already holds exactly these entries: nothing was written.
    Unchanged(PathBuf),
}

/// The certificates of one batch signed with one key: what one issuance ledger holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerGroup {
    /// The batch.
    pub batch: String,
    /// The signing key, hex.
    pub kid: String,
    /// Their code ids (what a ledger lists).
    pub codes: Vec<trust::CodeId>,
    /// Their revocation ids, in the same order (what a ledger of version 1 listed).
    pub rids: Vec<trust::LedgerId>,
}

/// The ledger file of a batch and key: `ledger/KID-SLUG-HASH.json`, the hash telling apart
/// batches whose names fold to the same slug.
pub fn ledger_path(dir: &Path, batch: &str, kid: &str) -> PathBuf {
    let mut slug = crate::viet::slug(batch);
    slug.truncate(40);
    let hash = &crate::seal::sign::sha256_hex(batch.as_bytes())[..8];
    dir.join(LEDGERS).join(format!("{kid}-{slug}-{hash}.json"))
}

/// What publishing ledgers did.
#[derive(Debug, Default)]
pub struct LedgersPublished {
    /// Ledgers signed and written.
    pub written: Vec<PathBuf>,
    /// Of those, ledgers of version 1 rewritten as version 2.
    pub upgraded: usize,
    /// Ledgers already holding every certificate.
    pub unchanged: usize,
    /// Batches (and keys) left out because the key is compromised: the root signs nothing for it.
    pub withheld: Vec<(String, String)>,
    /// Ledgers of version 1 left as they are because they list certificates the register no
    /// longer has (how many): rewriting them from the register would drop those.
    pub not_upgraded: Vec<(PathBuf, usize)>,
    /// The index of the folder's ledgers, written again when a ledger was written.
    pub index: Option<PathBuf>,
    /// Files of `ledger/` the index leaves out: they cannot be read or do not check.
    pub skipped: Vec<TrustError>,
}

/// A ledger of the folder as read.
enum Held {
    /// None yet.
    None,
    /// Version 1: revocation ids, sorted.
    Rids(Vec<trust::LedgerId>),
    /// Version 2: code ids, sorted.
    Codes(Vec<trust::CodeId>),
}

/// The groups whose certificates are not all in a signed ledger of version 2 of the folder yet
/// (keys that are compromised, or not in the manifest, left out: no ledger will ever hold them).
/// A ledger of version 1 is pending: the next run with the root key rewrites it as version 2.
pub fn ledgers_pending(dir: &Path, groups: Vec<LedgerGroup>) -> Result<Vec<LedgerGroup>, KeysError> {
    let issuer = trust::load_manifest(&dir.join(TRUST), None)?;
    let mut pending = Vec::new();
    // Taken, not copied: a batch of a million is 70 MB of ids.
    for g in groups {
        let Some(e) = issuer.manifest.keys.iter().find(|e| e.kid == g.kid) else { continue };
        if e.status == "compromised" {
            continue;
        }
        let path = ledger_path(dir, &g.batch, &g.kid);
        // Sorted: a batch of 100,000 searched its ledger's list for each of its ids, 10 s a run.
        let missing = match read_ledger(&path, &issuer)? {
            Held::Codes(have) => g.codes.iter().any(|c| have.binary_search(c).is_err()),
            Held::None | Held::Rids(_) => true,
        };
        if missing {
            pending.push(g);
        }
    }
    Ok(pending)
}

/// The ids a ledger of the folder holds, sorted.
fn read_ledger(path: &Path, issuer: &TrustedIssuer) -> Result<Held, KeysError> {
    if !path.exists() {
        return Ok(Held::None);
    }
    let (ledger, _) = trust::load_ledger(path, std::slice::from_ref(issuer))?;
    // A ledger only grows: an id that cannot be kept must stop the run, not be left out.
    let damaged = || -> KeysError {
        trust::TrustError::Format {
            path: path.to_path_buf(),
            what: "issuance ledger",
            message: Message::new("trust-ledger-root-mismatch").into(),
        }
        .into()
    };
    let ids = ledger.entries();
    Ok(if ledger.lists_codes() {
        Held::Codes(ids.iter().map(|c| trust::CodeId::parse(c)).collect::<Option<_>>().ok_or_else(damaged)?)
    } else {
        Held::Rids(ids.iter().map(|r| trust::LedgerId::parse(r)).collect::<Option<_>>().ok_or_else(damaged)?)
    })
}

/// Writes a signed ledger (version 2) for every group whose certificates are not all in one
/// yet: a ledger only grows (what it held stays, so a row later removed from the register is
/// still found). A ledger of version 1 is rewritten as version 2 when every certificate it
/// lists is still in the register (the register's codes are what the new one vouches for);
/// otherwise it is left as it is and said. Never for a compromised key.
pub fn publish_ledgers(
    dir: &Path,
    root_key: Option<&Path>,
    groups: Vec<LedgerGroup>,
    today: Date,
) -> Result<LedgersPublished, KeysError> {
    let (root, issuer) = check_root(dir, root_key)?;
    let mut done = LedgersPublished::default();
    for g in groups {
        let Some(e) = issuer.manifest.keys.iter().find(|e| e.kid == g.kid) else { continue };
        if e.status == "compromised" {
            done.withheld.push((g.batch.clone(), g.kid.clone()));
            continue;
        }
        let path = ledger_path(dir, &g.batch, &g.kid);
        let mut codes = match read_ledger(&path, &issuer)? {
            Held::None => Vec::new(),
            Held::Codes(have) => {
                if g.codes.iter().all(|c| have.binary_search(c).is_ok()) {
                    done.unchanged += 1;
                    continue;
                }
                have
            }
            Held::Rids(old) => {
                let mut registered = g.rids.clone();
                registered.sort_unstable();
                let gone = old.iter().filter(|r| registered.binary_search(r).is_err()).count();
                if gone > 0 {
                    done.not_upgraded.push((path, gone));
                    continue;
                }
                done.upgraded += 1;
                Vec::new()
            }
        };
        codes.extend(g.codes);
        let folder = dir.join(LEDGERS);
        std::fs::create_dir_all(&folder).map_err(|source| KeysError::Folder { path: folder, source })?;
        let issued_at = format!("{}T00:00:00Z", today.iso());
        trust::save_ledger_ids(&path, (&g.batch, &g.kid, &issued_at), codes, &root)?;
        done.written.push(path);
    }
    if !done.written.is_empty() {
        let (index, skipped) = write_ledger_index(dir)?;
        done.index = Some(index);
        done.skipped = skipped;
    }
    Ok(done)
}

/// Writes `DIR/ledgers.json`, the index of the folder's issuance ledgers that the verification
/// page fetches (docs/spec/verification-qr.md §3.5.2), from the ledgers in `DIR/ledger/` that
/// the manifest's root signed. Returns its path and the ledger files left out (unreadable or not
/// checking), to be said once each.
pub fn write_ledger_index(dir: &Path) -> Result<(PathBuf, Vec<TrustError>), KeysError> {
    use crate::seal::ledger_index;
    let issuer = trust::load_manifest(&dir.join(TRUST), None)?;
    let (ledgers, skipped) = ledger_index::read_folder(&dir.join(LEDGERS), &issuer);
    let entries: Vec<_> = ledgers.iter().map(|(p, l)| ledger_index::entry(p, l)).collect();
    let path = dir.join(ledger_index::FILE);
    crate::util::files::write_atomic(&path, &ledger_index::to_json(&entries))
        .map_err(|e| TrustError::Io { action: "cannot write", path: path.clone(), source: e.source })?;
    Ok((path, skipped))
}
