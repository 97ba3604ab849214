//! The verification site (`chungnhan site`): a folder to upload to any static host at
//! `https://HOST/`, so that the QR address `https://HOST/c#DIGITS` opens a page that verifies the
//! code in the browser. No server ever sees the fragment, and the page keeps working from a
//! mirror or a saved copy: it embeds a snapshot of the trust manifest, the revocation list and
//! the pinned root fingerprint, and only tries the same-origin copies for something newer. The
//! issuance ledgers a compromised key's code needs are fetched the same way, through the index
//! `.well-known/vncert/ledgers.json` (spec §3.5.2): publishing what `keys compromise` says is
//! enough, without a new site.
//!
//! The page (`src/site/page/`) is plain HTML, CSS and JavaScript written for this project; its inline
//! script and style are allowed by hash in a strict Content-Security-Policy.

pub mod lookup;
pub mod serve;
mod texts;

use std::path::{Path, PathBuf};

use crate::error::IoError;
use crate::seal::keys::{self, KeysError};
use crate::seal::ledger_index;
use crate::seal::trust;

const PAGE: &str = include_str!("page/c.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/style.css");
const WORKER: &str = include_str!("page/sw.js");

/// Where the lists are published, relative to the site's root (docs/spec/verification-qr.md §3.5–3.6).
pub const WELL_KNOWN: &str = ".well-known/vncert";

/// Why the site could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// The key folder's manifest or list.
    #[error(transparent)]
    Keys(#[from] KeysError),
    /// Writing a file.
    #[error(transparent)]
    Io(#[from] IoError),
    /// The register whose look-up entries are published (`--register`).
    #[error(transparent)]
    Register(#[from] crate::register::RegisterError),
}

impl SiteError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            SiteError::Keys(_) => Some(crate::t!("hint-site-keys")),
            SiteError::Io(_) => None,
            SiteError::Register(e) => e.hint(),
        }
    }
}

impl From<trust::TrustError> for SiteError {
    fn from(e: trust::TrustError) -> SiteError {
        SiteError::Keys(KeysError::Trust(e))
    }
}

/// What `site` wrote.
#[derive(Debug)]
pub struct Site {
    /// Every file, relative to the output folder.
    pub files: Vec<PathBuf>,
    /// The verification host of the manifest.
    pub domain: String,
    /// The root key fingerprint the page pins.
    pub root_fingerprint: String,
    /// Ledger files of the key folder left out: they cannot be read or do not check.
    pub skipped: Vec<trust::TrustError>,
    /// The look-up entries published (`--register`).
    pub lookup: Option<lookup::Published>,
}

#[derive(serde::Serialize)]
struct Signed {
    json: String,
    sig: String,
}

#[derive(serde::Serialize)]
struct Snapshot {
    root_fingerprint: String,
    trust: Signed,
    revoked: Option<Signed>,
    /// The issuance ledgers of compromised keys: what decides their certificates.
    ledgers: Vec<Signed>,
    /// The verification rules the page shares with `verify` (one home: seal::verify).
    rules: Rules,
    /// Look-up without the QR, when the site was made with the register (`lookup.json`).
    lookup: Option<lookup::Descriptor>,
}

/// The dates of the signing-date rule (docs/spec/verification-qr.md §3.4 step 7), as `verify` has them.
#[derive(serde::Serialize)]
struct Rules {
    /// ISO day from which every key's codes carry claim 15.
    signing_date_required_from: String,
    /// Days a signing date may lie after today.
    signing_date_leeway_days: i64,
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn read(path: &Path) -> Result<String, SiteError> {
    std::fs::read_to_string(path).map_err(|e| IoError::new("cannot read", path, e).into())
}

/// The page for the manifest and list in `keys_dir`: the HTML, with everything inline.
fn page(issuer: &trust::TrustedIssuer, snapshot: &Snapshot) -> String {
    // Issuer-controlled text (the manifest holds the issuer's name) inside a <script> block:
    // `<!--`, `</script` or U+2028 there would end or derail the script, so none stays literal.
    let json = crate::util::json::script_safe(&crate::util::json::json_string(snapshot));
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; connect-src 'self'; worker-src 'self'; \
         img-src 'none'; base-uri 'none'; form-action 'none'",
        crate::seal::sign::csp_hash(SCRIPT.as_bytes()),
        crate::seal::sign::csp_hash(STYLE.as_bytes())
    );
    let issuer_name = html_escape(&issuer.manifest.issuer.name_vi);
    let domain = html_escape(&issuer.manifest.issuer.domain);
    // The page's words go in as JSON with every space and non-ASCII letter escaped: the words
    // of every verdict are in the page, and only the one shown should read as text in its source
    // (so that searching the page for "KHÔNG HỢP LỆ" finds it only when it is the verdict).
    let texts = crate::util::json::escaped_json(&texts::page_texts()).expect("the page's texts are JSON");
    // The claims' keys, names, kinds and labels come from the table `verify` uses, never typed
    // again in the script.
    let claims =
        crate::util::json::escaped_json(&crate::util::json::json_string(crate::seal::claims::CLAIMS))
            .expect("the claims table is JSON");
    fill(
        PAGE,
        &[
            ("CSP", &csp),
            ("STYLE", STYLE),
            ("ISSUER", &issuer_name),
            ("DOMAIN", &domain),
            ("SNAPSHOT", &json),
            ("TEXTS", &texts),
            ("CLAIMS", &claims),
            ("SCRIPT", SCRIPT),
        ],
    )
}

/// Replaces each `{{NAME}}` of `template` in one pass, so that a value is never searched for
/// placeholders itself.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after
            .find("}}")
            .and_then(|j| values.iter().find(|(k, _)| *k == &after[..j]).map(|(_, v)| (j, v)))
        {
            Some((j, v)) => {
                out.push_str(v);
                rest = &after[j + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Writes the site for the key folder `keys_dir` (its `trust.json`, `revoked.json`, issuance
/// ledgers and their signatures, all checked first) into `out`, with the index of the ledgers
/// (`.well-known/vncert/ledgers.json`) that the page fetches them by.
pub fn generate(keys_dir: &Path, out: &Path) -> Result<Site, SiteError> {
    generate_with_lookup(keys_dir, out, None, &|_, _| {})
}

/// [`generate`], and with `register` the look-up without the QR: the register's entries for the
/// manifest's host (the missing ones computed first and kept; `starting` is told how many, and the host) in
/// bucket files, their descriptor in the page and beside it.
pub fn generate_with_lookup(
    keys_dir: &Path,
    out: &Path,
    register: Option<&Path>,
    starting: &dyn Fn(usize, &str),
) -> Result<Site, SiteError> {
    let trust_path = keys_dir.join(keys::TRUST);
    let issuer = trust::load_manifest(&trust_path, None)?;
    let revoked_path = keys_dir.join(keys::REVOKED);
    let revoked = if revoked_path.is_file() {
        trust::load_revocations(&revoked_path, std::slice::from_ref(&issuer))?;
        Some(Signed { json: read(&revoked_path)?, sig: read(&trust::sig_path(&revoked_path))? })
    } else {
        None
    };
    // Every ledger is checked and published, with the index the page finds them by; those of
    // compromised keys also go into the page, for a copy of it that cannot fetch. A file that
    // cannot be read or does not check is said once and left out, as `verify` does (issue 28,
    // item 9): the others still count.
    let (ledgers, skipped) = ledger_index::read_folder(&keys_dir.join(keys::LEDGERS), &issuer);
    let mut ledger_files = Vec::new();
    let mut index = Vec::new();
    let mut embedded = Vec::new();
    for (p, ledger) in ledgers {
        let compromised =
            issuer.manifest.keys.iter().any(|e| e.kid == ledger.kid && e.status == "compromised");
        if compromised {
            embedded.push(Signed { json: read(&p)?, sig: read(&trust::sig_path(&p))? });
        }
        index.push(ledger_index::entry(&p, &ledger));
        ledger_files.push(p);
    }
    let root_fingerprint = issuer.root.fingerprint();
    let looked_up = match register {
        Some(r) => Some(lookup::publish(r, &issuer.manifest.issuer.domain, starting)?),
        None => None,
    };
    let snapshot = Snapshot {
        root_fingerprint: root_fingerprint.clone(),
        trust: Signed { json: read(&trust_path)?, sig: read(&trust::sig_path(&trust_path))? },
        revoked,
        ledgers: embedded,
        rules: Rules {
            signing_date_required_from: crate::seal::verify::SIGNING_DATE_REQUIRED_FROM.iso(),
            signing_date_leeway_days: crate::seal::verify::SIGNING_DATE_LEEWAY_DAYS,
        },
        lookup: looked_up.as_ref().map(|p| p.descriptor.clone()),
    };
    let html = page(&issuer, &snapshot);
    // The worker's cache is named after what it caches, so a new site replaces the old copies.
    let version = &crate::seal::sign::sha256_hex(html.as_bytes())[..12];
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        // /c on hosts that redirect a folder to its slash (nginx, Apache, GitHub Pages)…
        ("c/index.html".into(), html.clone().into_bytes()),
        // …and on hosts that map /c to c.html (GitHub Pages, Netlify, Cloudflare Pages).
        ("c.html".into(), html.clone().into_bytes()),
        // The root shows the page too, so the bare host explains itself.
        ("index.html".into(), html.into_bytes()),
        ("sw.js".into(), WORKER.replace("{{VERSION}}", version).into_bytes()),
        // GitHub Pages (Jekyll) would drop .well-known without it.
        (".nojekyll".into(), Vec::new()),
    ];
    for name in [keys::TRUST, keys::REVOKED] {
        let src = keys_dir.join(name);
        if !src.is_file() {
            continue;
        }
        for p in [src.clone(), trust::sig_path(&src)] {
            let bytes = std::fs::read(&p).map_err(|e| IoError::new("cannot read", &p, e))?;
            let file_name = p.file_name().expect("a file").to_owned();
            files.push((Path::new(WELL_KNOWN).join(file_name), bytes));
        }
    }
    files.push((Path::new(WELL_KNOWN).join(ledger_index::FILE), ledger_index::to_json(&index)));
    for src in ledger_files {
        for p in [src.clone(), trust::sig_path(&src)] {
            let bytes = std::fs::read(&p).map_err(|e| IoError::new("cannot read", &p, e))?;
            let file_name = p.file_name().expect("a file").to_owned();
            files.push((Path::new(WELL_KNOWN).join(keys::LEDGERS).join(file_name), bytes));
        }
    }
    let mut published = None;
    if let Some(lookup::Publication { descriptor, files: buckets, report }) = looked_up {
        let base = Path::new(WELL_KNOWN);
        files.push((base.join(lookup::DESCRIPTOR), crate::util::json::pretty(&descriptor)));
        files.extend(buckets.into_iter().map(|(p, bytes)| (base.join(p), bytes)));
        published = Some(report);
    }
    for (rel, bytes) in &files {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| IoError::new("cannot create folder", dir, e))?;
        }
        crate::util::files::write_atomic(&path, bytes)?;
    }
    Ok(Site {
        files: files.into_iter().map(|(p, _)| p).collect(),
        domain: issuer.manifest.issuer.domain.clone(),
        root_fingerprint,
        skipped,
        lookup: published,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_script_and_style_have_no_closing_tags_to_break_out_of() {
        assert!(!SCRIPT.contains("</script"));
        assert!(!STYLE.contains("</style"));
        assert!(PAGE.contains("{{SCRIPT}}") && PAGE.contains("{{CSP}}"));
    }

    #[test]
    fn issuer_names_are_escaped_in_the_html() {
        assert_eq!(html_escape("<b>\"A&B\"</b>"), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
    }
}
