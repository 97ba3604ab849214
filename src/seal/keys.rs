//! The issuer's key folder, as `keygen` makes it and `issue` and `revoke` use it:
//!
//! | file | what | who may see it |
//! |---|---|---|
//! | `root-key.pem` | root private key (signs the manifest and revocation list) | the issuer only (mode 0600); keep it offline |
//! | `signing-key.pem` | signing private key (signs certificates) | the issuing machine only (mode 0600) |
//! | `trust.json`, `trust.json.sig` | the trust manifest and its root signature | everyone: publish it |
//! | `revoked.json`, `revoked.json.sig` | the revocation list and its root signature | everyone: publish it |

use std::path::{Path, PathBuf};

use crate::seal::claims;
use crate::seal::sign::{KeyError, PrivateKey};
use crate::seal::trust::{self, Issuer, Manifest, RevocationList, TrustError, TrustedIssuer};
use crate::viet::Date;

/// Root private key file name.
pub const ROOT_KEY: &str = "root-key.pem";
/// Signing private key file name.
pub const SIGNING_KEY: &str = "signing-key.pem";
/// Trust manifest file name.
pub const TRUST: &str = "trust.json";
/// Revocation list file name.
pub const REVOKED: &str = "revoked.json";

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
    #[error("cannot create folder {}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// `keygen` into a folder that already holds keys.
    #[error("{} already holds an issuer's keys ({}); keygen never replaces them (nothing was changed)", dir.display(), entry.display())]
    FolderHoldsKeys {
        /// The folder.
        dir: PathBuf,
        /// The first key entry found.
        entry: PathBuf,
    },
    /// A bad issuer name or host.
    #[error("{0}")]
    Invalid(String),
    /// The signing key is not in the manifest.
    #[error("{}: the signing key {kid} is not an active key of {}", signing.display(), trust.display())]
    KeyNotInManifest {
        /// The key file.
        signing: PathBuf,
        /// The manifest.
        trust: PathBuf,
        /// Its kid.
        kid: String,
    },
}

impl KeysError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            KeysError::Key(crate::seal::sign::KeyError::Io { .. }) => {
                Some("make the key folder with `chungnhan keygen --out DIR`".into())
            }
            KeysError::Trust(t) => t.hint(),
            KeysError::FolderHoldsKeys { .. } => Some(
                "a new root key would make every certificate issued so far unverifiable: keep these keys, or make keys for a new issuer in an empty folder (--out DIR)"
                    .into(),
            ),
            _ => None,
        }
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

/// Creates the key folder: root and signing keys, a signed manifest and an empty signed
/// revocation list. Refuses a folder that holds any key or key-named entry: nothing here ever
/// replaces a root key, since every certificate it vouched for would stop verifying.
pub fn generate(dir: &Path, issuer: &str, host: &str, today: Date) -> Result<Generated, KeysError> {
    let issuer = issuer.trim();
    if issuer.is_empty() || issuer.chars().any(claims::is_forbidden) {
        return Err(KeysError::Invalid(format!("issuer name {issuer:?} is empty or has control characters")));
    }
    let host = host.trim().trim_end_matches('/');
    if host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':')
    {
        return Err(KeysError::Invalid(format!(
            "host {host:?} must be a bare host name such as xacthuc.truong.edu.vn (no https://, no path)"
        )));
    }
    std::fs::create_dir_all(dir).map_err(|source| KeysError::Folder { path: dir.to_path_buf(), source })?;
    if let Some(p) = first_key_entry(dir) {
        return Err(KeysError::FolderHoldsKeys { dir: dir.to_path_buf(), entry: p });
    }
    let paths = [ROOT_KEY, SIGNING_KEY, TRUST, REVOKED].map(|f| dir.join(f));
    let root = PrivateKey::generate();
    let signing = PrivateKey::generate();
    root.save(&paths[0], false)?;
    signing.save(&paths[1], false)?;
    let day = today.days();
    let iso = |d: i64| crate::viet::Date::from_days(d).iso();
    let manifest = Manifest {
        format: trust::MANIFEST_FORMAT.into(),
        seq: 1,
        issued_at: format!("{}T00:00:00Z", iso(day)),
        next_update: format!("{}T00:00:00Z", iso(day + 182)),
        issuer: Issuer { id: reverse_domain(host), name_vi: issuer.to_string(), domain: host.to_string() },
        root: trust::entry_for(root.public(), None, None),
        keys: vec![trust::entry_for(signing.public(), Some(iso(day)), Some(iso(day + 365)))],
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

/// What `issue` needs from the key folder: the signing key and the manifest that lists it.
pub fn load_for_issue(dir: &Path) -> Result<(PrivateKey, TrustedIssuer), KeysError> {
    let trust_path = dir.join(TRUST);
    let issuer = trust::load_manifest(&trust_path, None)?;
    let key_path = dir.join(SIGNING_KEY);
    let key = PrivateKey::load(&key_path)?;
    let listed = issuer.keys.iter().any(|(e, k)| k == key.public() && e.status == "active");
    if !listed {
        return Err(KeysError::KeyNotInManifest {
            signing: key_path,
            trust: trust_path,
            kid: crate::seal::sign::hex(&key.public().kid),
        });
    }
    Ok((key, issuer))
}

fn reverse_domain(host: &str) -> String {
    let h = host.split(':').next().unwrap_or(host);
    h.split('.').rev().collect::<Vec<_>>().join(".")
}

/// Checks that the key folder can sign a revocation list: its root key and a manifest whose
/// root it is.
pub fn check_root(dir: &Path) -> Result<(PrivateKey, TrustedIssuer), KeysError> {
    let root = PrivateKey::load(&dir.join(ROOT_KEY))?;
    let trust_path = dir.join(TRUST);
    let issuer = trust::load_manifest(&trust_path, None)?;
    if issuer.root != *root.public() {
        return Err(KeysError::Invalid(format!(
            "{}: the root key is not the root of {}",
            dir.join(ROOT_KEY).display(),
            trust_path.display()
        )));
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
    entries: &[(String, String, String)],
    today: Date,
) -> Result<Published, KeysError> {
    let (root, issuer) = check_root(dir)?;
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
