//! `verify --lookup "HỌ TÊN" --serial S --birth DD/MM/YYYY --site DIR|URL`: the page's look-up
//! without the QR, from the command line (docs/spec/verification-qr.md, appendix B). The code
//! found is judged exactly as `verify` judges a scanned one, with its exit codes; nothing found
//! is exit 4, as "no code found".
//!
//! The site is a folder `site` wrote or its `http://` address (a loopback preview, an intranet
//! mirror). The trust manifest and revocation list are those given with `--trust`/`--revoked`,
//! or else the site's own (as the page uses its own).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::l10n::{self, Lang};
use crate::run::trust::TrustRequest;
use crate::seal::lookup::{self, Query};
use crate::seal::verify;
use crate::site::lookup::{Descriptor, DESCRIPTOR};
use crate::t;
use crate::util::diag::{Diagnose, Diagnostic, Message};

/// The look-up flags of `verify`.
#[derive(Debug, Clone, clap::Args)]
pub(super) struct LookupArgs {
    /// Look up without the QR: the holder's full name (with --serial, --birth, --site).
    #[arg(long, value_name = "NAME", requires_all = ["serial", "birth", "site"], conflicts_with = "input")]
    pub lookup: Option<String>,
    /// The certificate's serial number (for --lookup).
    #[arg(long, value_name = "SERIAL", requires = "lookup")]
    pub serial: Option<String>,
    /// The date of birth as DD/MM/YYYY (for --lookup).
    #[arg(long, value_name = "DD/MM/YYYY", requires = "lookup")]
    pub birth: Option<String>,
    /// The verification site: the folder `site` wrote, or its http:// address (for --lookup).
    #[arg(long, value_name = "DIR|URL", requires = "lookup")]
    pub site: Option<String>,
}

/// Where the site is.
enum Site {
    Dir(PathBuf),
    Http(String),
}

impl Site {
    fn parse(s: &str) -> Result<Site, Box<Diagnostic>> {
        if let Some(rest) = s.strip_prefix("http://") {
            return Ok(Site::Http(format!("http://{}", rest.trim_end_matches('/'))));
        }
        if s.starts_with("https://") {
            return Err(Box::new(
                Diagnostic::new(Message::new("lookup-err-https").arg("url", s))
                    .hint(Message::new("lookup-hint-https")),
            ));
        }
        Ok(Site::Dir(PathBuf::from(s)))
    }

    /// The file at `rel` (under the site's root), `None` when it is not there (404, no file).
    fn get(&self, rel: &str) -> Result<Option<Vec<u8>>, Box<Diagnostic>> {
        match self {
            Site::Dir(d) => match std::fs::read(d.join(rel)) {
                Ok(b) => Ok(Some(b)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(fetch_error(&d.join(rel).display().to_string(), &e.to_string())),
            },
            Site::Http(base) => {
                let url = format!("{base}/{rel}");
                http_get(&url).map_err(|e| fetch_error(&url, &e))
            }
        }
    }

    fn name(&self) -> String {
        match self {
            Site::Dir(d) => d.display().to_string(),
            Site::Http(u) => u.clone(),
        }
    }
}

fn fetch_error(url: &str, error: &str) -> Box<Diagnostic> {
    Box::new(Diagnostic::new(Message::new("lookup-err-fetch").arg("url", url).arg("error", error)))
}

/// At most this many bytes of one file: a bucket of 100,000 certificates is about 7 KB.
const MAX_FILE: usize = 16 << 20;

/// A plain HTTP/1.0 GET (no TLS: loopback previews and intranet mirrors); `None` on 404.
fn http_get(url: &str) -> Result<Option<Vec<u8>>, String> {
    let rest = url.strip_prefix("http://").ok_or("not an http:// address")?;
    let (authority, path) =
        rest.split_once('/').map_or((rest, "/".to_string()), |(a, p)| (a, format!("/{p}")));
    let addr = if authority.contains(':') { authority.to_string() } else { format!("{authority}:80") };
    let timeout = std::time::Duration::from_secs(20);
    let mut s = std::net::TcpStream::connect(&addr).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(timeout)).map_err(|e| e.to_string())?;
    s.set_write_timeout(Some(timeout)).map_err(|e| e.to_string())?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: {authority}\r\nConnection: close\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    s.take(MAX_FILE as u64 + 64 * 1024).read_to_end(&mut buf).map_err(|e| e.to_string())?;
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n").ok_or("no HTTP header")?;
    let head = String::from_utf8_lossy(&buf[..end]);
    let status: u16 = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).ok_or("no HTTP status")?;
    match status {
        200 => Ok(Some(buf[end + 4..].to_vec())),
        404 => Ok(None),
        _ => Err(format!("HTTP {status}")),
    }
}

/// Prints a diagnostic as the command line prints errors.
fn say(d: &Diagnostic) {
    let (message, hints) = l10n::word_in(l10n::lang(), d);
    eprintln!("{} {message}", t!("label-error"));
    for h in hints {
        eprintln!("{} {h}", t!("label-hint"));
    }
}

/// Runs the look-up; `trust` is verify's own `--trust`, `--revoked`, `--root`, `--state`.
pub(super) fn run(args: &LookupArgs, trust: TrustRequest, json: bool) -> ExitCode {
    match look_up(args, trust, json) {
        Ok(code) => code,
        Err(d) => {
            say(&d);
            ExitCode::from(2)
        }
    }
}

fn look_up(args: &LookupArgs, mut trust: TrustRequest, json: bool) -> Result<ExitCode, Box<Diagnostic>> {
    let (name, serial, birth, site) = (
        args.lookup.as_deref().unwrap_or(""),
        args.serial.as_deref().unwrap_or(""),
        args.birth.as_deref().unwrap_or(""),
        args.site.as_deref().unwrap_or(""),
    );
    let query = Query::new(name, serial, birth).map_err(|e| Box::new(e.diagnostic()))?;
    let site = Site::parse(site)?;
    let well_known = crate::site::WELL_KNOWN;
    let descriptor_path = format!("{well_known}/{DESCRIPTOR}");
    let no_data = || {
        Box::new(
            Diagnostic::new(
                Message::new("lookup-err-no-data")
                    .arg("site", site.name())
                    .arg("file", descriptor_path.clone()),
            )
            .hint(Message::new("lookup-hint-no-data")),
        )
    };
    let descriptor: Descriptor = site
        .get(&descriptor_path)?
        .and_then(|b| crate::util::json::parse(&b).ok())
        .filter(|d: &Descriptor| d.format == lookup::FORMAT)
        .ok_or_else(no_data)?;
    // The trust the code is judged by: what the user gave, or the site's own lists.
    let fetched = tempdir_for(&site);
    if trust.manifests.is_empty() {
        let (manifests, revoked) = site_lists(&site, fetched.as_deref())?;
        trust.manifests = manifests;
        trust.revoked.extend(revoked);
    }
    let loaded = crate::run::trust::load(&trust);
    if let Some(dir) = &fetched {
        let _ = std::fs::remove_dir_all(dir);
    }
    let trusted = match loaded {
        Ok(t) => t,
        Err(e) => return Ok(super::report::failed(&e)),
    };
    super::report::print_trusted(&trusted);
    let t = &trusted.trust;
    // One derivation per key id the site lists (at most a handful: keys rotate yearly), in
    // parallel; every bucket is read whether or not an earlier one held the code.
    use rayon::prelude::*;
    let kids: Vec<&String> = descriptor.kids.iter().take(32).collect();
    let derived: Vec<lookup::Derived> =
        kids.par_iter().map(|kid| lookup::derive(&query, &descriptor.host, kid)).collect();
    let mut found = None;
    for d in &derived {
        let b = lookup::bucket_of(&d.locator);
        let rel = format!("{well_known}/{}/{}", descriptor.folder, lookup::bucket_file(b));
        let Some(bytes) = site.get(&rel)? else { continue };
        // A damaged bucket hides nothing it could forge: it is as if the entry were not there.
        let Ok(entries) = lookup::read_bucket(b, &bytes) else { continue };
        if let Some(code) = lookup::find(d, &entries) {
            found.get_or_insert(code);
        }
    }
    let report = found.map(|code| verify::verify_text(&code, t)).filter(|r| {
        // An entry that opens must be the certificate typed (one swapped in is not).
        r.claims.as_ref().is_none_or(|c| lookup::claims_match(&query, c))
    });
    let Some(r) = report else {
        let detail = t!("lookup-not-found-detail", site = site.name());
        if json {
            #[derive(serde::Serialize)]
            struct NotFound<'a> {
                verdict: &'static str,
                message: &'a str,
            }
            let en = l10n::tr_in(Lang::En, "lookup-not-found-detail", &[("site", site.name().into())]);
            println!("{}", crate::util::json::json_string(&NotFound { verdict: "not_found", message: &en }));
        } else {
            println!("{}\n{detail}\n{}", t!("lookup-not-found"), t!("lookup-not-found-hint"));
        }
        return Ok(ExitCode::from(verify::Verdict::NoCode.exit_code()));
    };
    if json {
        println!("{}", crate::l10n::verdict::to_json(&r));
    } else {
        print!("{}", crate::l10n::verdict::to_text(&r));
        println!("{}", t!("lookup-page-found"));
    }
    Ok(ExitCode::from(r.verdict.exit_code()))
}

/// A private folder for the lists fetched from an http:// site.
fn tempdir_for(site: &Site) -> Option<PathBuf> {
    match site {
        Site::Dir(_) => None,
        Site::Http(_) => Some(std::env::temp_dir().join(format!("chungnhan-lookup-{}", std::process::id()))),
    }
}

/// The site's trust manifest and revocation list as files (fetched into `fetched` for a URL).
fn site_lists(site: &Site, fetched: Option<&Path>) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Box<Diagnostic>> {
    let well_known = crate::site::WELL_KNOWN;
    use crate::seal::keys::{REVOKED, TRUST};
    match (site, fetched) {
        (Site::Dir(d), _) => Ok((vec![d.join(well_known).join(TRUST)], Vec::new())),
        (Site::Http(_), Some(dir)) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| fetch_error(&dir.display().to_string(), &e.to_string()))?;
            let mut revoked = Vec::new();
            for name in [TRUST, REVOKED] {
                for file in [name.to_string(), format!("{name}.sig")] {
                    let rel = format!("{well_known}/{file}");
                    match site.get(&rel)? {
                        Some(bytes) => std::fs::write(dir.join(&file), bytes).map_err(|e| {
                            fetch_error(&dir.join(&file).display().to_string(), &e.to_string())
                        })?,
                        None if name == REVOKED => continue,
                        None => return Err(fetch_error(&format!("{}/{rel}", site.name()), "404")),
                    }
                }
                if name == REVOKED && dir.join(REVOKED).is_file() {
                    revoked.push(dir.join(REVOKED));
                }
            }
            Ok((vec![dir.join(TRUST)], revoked))
        }
        (Site::Http(_), None) => Ok((Vec::new(), Vec::new())),
    }
}
