//! Test helpers: run the `chungnhan` binary in a fresh folder, find the test fixtures, and call
//! the independent PDF checkers (poppler, qpdf) the way a user would.
//!
//! The PDF cross-checks skip with a note when poppler or qpdf is missing on a developer's machine,
//! unless `CHUNGNHAN_REQUIRE_TOOLS` is set (as `.ci/run` does): then a missing tool fails.

#![allow(dead_code)]

pub mod browser;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn assert_stderr_has(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn assert_stdout_has(&self, needle: &str) -> &Self {
        assert!(self.stdout.contains(needle), "stdout lacks {needle:?}:\n{}", self.stdout);
        self
    }
}

/// A fresh, empty folder for one test under cargo's target tmpdir, removed when the test
/// passes and kept when it fails (for looking at what it left). Tests that left their folders
/// behind filled a developer's disk with gigabytes after a few hundred runs.
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// A folder that tests of one binary share for the whole run (a `static` is never dropped):
/// one name, emptied when the run starts, so that runs do not pile up copies of it.
pub fn shared_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-shared"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// See [`TempDir`].
pub fn temp_dir(name: &str) -> TempDir {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

/// Runs the binary with `args` in `dir`, in its default language (Vietnamese): the locale of
/// the machine running the tests never chooses it. A test that asserts English says `--lang en`.
pub fn chungnhan(dir: &Path, args: &[&str]) -> Run {
    chungnhan_env(dir, args, &[])
}

/// [`chungnhan`] with these environment variables set (after the locale ones are cleared).
pub fn chungnhan_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_chungnhan"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        // What verify remembers (the highest seq seen per issuer) stays in the test's folder.
        .env("XDG_DATA_HOME", dir.join(".local-share"))
        .env_remove("CHUNGNHAN_PASSPHRASE")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// `tests/fixtures/rosters/NAME`: the rosters offices really send (see that folder's README).
pub fn roster_fixture(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rosters").join(name);
    assert!(p.is_file(), "missing test roster {}", p.display());
    p.to_str().unwrap().to_string()
}

/// `tests/fixtures/PATH`.
pub fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path).to_str().unwrap().to_string()
}

/// The issuing body's texts for the built-in templates' placeholders (`--vars`), which `issue`
/// requires: `tests/fixtures/vars/issuer.toml`.
pub fn issuer_vars() -> &'static str {
    static PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PATH.get_or_init(|| fixture("vars/issuer.toml"))
}

/// `examples/NAME`.
pub fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name).to_str().unwrap().to_string()
}

/// Whether an external tool is there; if not, the caller skips (or fails in CI).
pub fn have(tool: &str) -> bool {
    let found =
        Command::new(tool).arg("-v").output().is_ok() || Command::new(tool).arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CHUNGNHAN_REQUIRE_TOOLS").is_none(),
            "{tool} is required here (CHUNGNHAN_REQUIRE_TOOLS is set): apt-get install poppler-utils qpdf chromium zbar-tools ghostscript strace"
        );
        eprintln!(
            "note: {tool} not installed; skipping this cross-check (apt-get install poppler-utils qpdf chromium zbar-tools ghostscript strace)"
        );
    }
    found
}

pub fn tool(cmd: &str, args: &[&str]) -> Output {
    let out = Command::new(cmd).args(args).output().unwrap();
    out
}

/// The text poppler extracts from a PDF (all pages, pages separated by form feeds).
pub fn pdftotext(pdf: &Path) -> String {
    let out = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    assert!(
        out.status.success(),
        "pdftotext failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `pdffonts` rows: (name, embedded, subset, has ToUnicode).
pub fn pdffonts(pdf: &Path) -> Vec<(String, bool, bool, bool)> {
    let out = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(out.status.success(), "pdffonts failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .skip(2)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let n = cols.len();
            (cols[0].to_string(), cols[n - 5] == "yes", cols[n - 4] == "yes", cols[n - 3] == "yes")
        })
        .collect()
}

/// `qpdf --check`: Ok, or its complaint.
pub fn qpdf_check(pdf: &Path) -> Result<(), String> {
    let out = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    if out.status.success()
        && text.contains("No syntax or stream encoding errors")
        && !text.contains("WARNING")
    {
        Ok(())
    } else {
        Err(text)
    }
}

/// `pdfinfo` fields, as name → value.
pub fn pdfinfo(pdf: &Path) -> std::collections::BTreeMap<String, String> {
    let out = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The roster's records as header → value maps (via the csv crate, independent of the tool).
pub fn read_csv(path: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

/// Files in a folder, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

/// Writes `path` (a trust.json with its signature) listing `keys` under a fresh root, as an
/// issuer would publish them: for checking codes made by other implementations.
pub fn save_manifest_for(path: &Path, keys: &[chungnhan::seal::sign::PublicKey]) {
    use chungnhan::{seal::sign::PrivateKey, seal::trust};
    let root = PrivateKey::generate();
    let manifest = trust::Manifest {
        format: trust::MANIFEST_FORMAT.into(),
        seq: 1,
        issued_at: "2026-11-28T00:00:00Z".into(),
        next_update: "2027-05-28T00:00:00Z".into(),
        issuer: trust::Issuer {
            id: "vn.example".into(),
            name_vi: "Vectors".into(),
            domain: "example.vn".into(),
        },
        root: trust::entry_for(root.public(), None, None),
        keys: keys.iter().map(|k| trust::entry_for(k, None, None)).collect(),
        revocations: "/.well-known/vncert/revoked.json".into(),
    };
    trust::save_manifest(path, &manifest, &root).unwrap();
}

/// The attack of issue 28: a thief holding a signing key (the PKCS#8 file `key`) takes a genuine
/// code it signed, recovers that signature's nonce, `k = s⁻¹(z + r·d)`, and signs `claims_cbor`
/// with the same nonce. The forged code has the genuine one's `r` — hence its revocation id —
/// under any name; its signature checks (s normalised low, as the signer does). Plain p256
/// arithmetic, so that the test shows exactly what the thief computes.
pub fn nonce_reuse_forgery(key: &Path, genuine_qr: &str, claims_cbor: Vec<u8>) -> String {
    use chungnhan::seal::{claims, sign, token};
    use p256::elliptic_curve::ops::Reduce;
    use p256::elliptic_curve::point::AffineCoordinates;
    use p256::elliptic_curve::PrimeField;
    use p256::pkcs8::DecodePrivateKey;
    use p256::{FieldBytes, ProjectivePoint, Scalar};
    use sha2::Digest;

    let secret = p256::SecretKey::from_pkcs8_pem(&std::fs::read_to_string(key).unwrap()).unwrap();
    let d: Scalar = *secret.to_nonzero_scalar().as_ref();
    let genuine = token::Token::parse(genuine_qr).unwrap();
    let z_of = |claims_cbor: &[u8]| -> Scalar {
        let tbs = claims::sig_structure(claims::COSE_ES256, &genuine.kid, claims_cbor);
        let digest: FieldBytes = sha2::Sha256::digest(&tbs);
        <Scalar as Reduce<FieldBytes>>::reduce(&digest)
    };
    let r = Scalar::from_repr(FieldBytes::from(<[u8; 32]>::try_from(&genuine.sig[..32]).unwrap())).unwrap();
    let s = Scalar::from_repr(FieldBytes::from(<[u8; 32]>::try_from(&genuine.sig[32..]).unwrap())).unwrap();
    // The signer may have negated s (low-S): then this is −k, whose point has the same x, so r.
    let k = s.invert().unwrap() * (z_of(&genuine.claims) + r * d);
    let point = (ProjectivePoint::GENERATOR * k).to_affine();
    let x: FieldBytes = point.x();
    assert_eq!(<Scalar as Reduce<FieldBytes>>::reduce(&x), r, "the nonce recovered gives the genuine r");
    let s2 = k.invert().unwrap() * (z_of(&claims_cbor) + r * d);
    let sig = p256::ecdsa::Signature::from_scalars(r, s2).unwrap();
    let sig = sig.normalize_s();
    let forged = token::Token {
        header: genuine.header,
        kid: genuine.kid,
        claims: claims_cbor,
        sig: sig.to_bytes().as_slice().try_into().unwrap(),
    };
    assert_eq!(sign::revocation_id(&forged.sig), sign::revocation_id(&genuine.sig));
    let host = genuine_qr.trim_start_matches("https://").split('/').next().unwrap();
    token::qr_text(host, &forged)
}

/// Every file under `dir` (sub-folders too) with what says whether it was touched: its inode,
/// its modification time to the nanosecond and its bytes. Two snapshots are equal only when no
/// file was written, replaced, added or removed.
#[cfg(unix)]
pub fn stamps(dir: &Path) -> std::collections::BTreeMap<String, (u64, i64, i64, Vec<u8>)> {
    use std::os::unix::fs::MetadataExt;
    let mut out = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let m = std::fs::symlink_metadata(&p).unwrap();
            if m.is_dir() {
                todo.push(p);
            } else {
                let name = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(name, (m.ino(), m.mtime(), m.mtime_nsec(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

/// The number of pages of a PDF, as pdfinfo reads it.
pub fn pages(pdf: &Path) -> usize {
    pdfinfo(pdf)["Pages"].parse().unwrap()
}

/// One code of the shared table `tests/fixtures/vectors/crafted.json` (issue 28, item 11): what
/// `verify` and the page must both say of it.
pub struct Crafted {
    pub name: String,
    /// The claims, as signed.
    pub claims: Vec<u8>,
    /// The code's digits (after `#`), signed with the table's fresh key.
    pub digits: String,
    pub verdict: String,
    /// The reason is one the CLI's catalogue words, and the page says it in those words.
    pub worded: bool,
    /// Claims both must show so (name → text).
    pub shown: Vec<(String, String)>,
}

/// The crafted codes, each signed with a fresh key that `dir/keys/trust.json` lists.
pub fn crafted_codes(dir: &Path) -> Vec<Crafted> {
    use chungnhan::seal::{sign, token};
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("vectors/crafted.json")).unwrap()).unwrap();
    let key = sign::PrivateKey::generate();
    std::fs::create_dir_all(dir.join("keys")).unwrap();
    save_manifest_for(&dir.join("keys/trust.json"), &[key.public().clone()]);
    v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let claims = sign::unhex(c["claims"].as_str().unwrap()).unwrap();
            Crafted {
                name: c["name"].as_str().unwrap().into(),
                digits: token::to_digits(&key.sign_claims(claims.clone()).to_bytes()),
                claims,
                verdict: c["verdict"].as_str().unwrap().into(),
                worded: c["worded"].as_bool().unwrap_or(false),
                shown: c["shown"]
                    .as_object()
                    .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// `--set` this where a test renders a built-in template without the issuer's variables: no
/// built-in template prints a programme nobody gave (issue 27).
pub const PROGRAMME: &str = "chuong_trinh=bồi dưỡng cập nhật kiến thức";

/// A batch issued in `dir` with fresh keys (`keys/`) for `issuer` at `host`, from the CSV text
/// `roster` (`lop.csv`, issue date 20/11/2019, files in `out/`): each certificate's (name, QR
/// text), in roster order, from the register export — what a holder's phone would scan.
pub fn issue_with_fresh_keys(dir: &Path, issuer: &str, host: &str, roster: &str) -> Vec<(String, String)> {
    chungnhan(dir, &["keygen", "--out", "keys", "--issuer", issuer, "--host", host]).assert_code(0);
    std::fs::write(dir.join("lop.csv"), roster).unwrap();
    chungnhan(
        dir,
        &[
            "issue",
            "--vars",
            issuer_vars(),
            "--roster",
            "lop.csv",
            "--keys",
            "keys",
            "--out",
            "out",
            "--set",
            "ngay_cap=2019-11-20",
            "--quiet",
        ],
    )
    .assert_code(0);
    chungnhan(dir, &["register", "export", "--out", "so.csv"]).assert_code(0);
    let r = chungnhan::input::roster::parse("so.csv".into(), &std::fs::read(dir.join("so.csv")).unwrap())
        .unwrap();
    r.rows.iter().map(|row| (row.values[1].clone(), row.values[10].clone())).collect()
}
