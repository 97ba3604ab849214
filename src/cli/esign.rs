//! The command line of electronic signatures (issue 31): `--esign SOURCE` on `issue`, the
//! `esign` command that signs files issued earlier, and the PAdES part of `verify`.
//!
//! The PIN or passphrase comes from `CHUNGNHAN_ESIGN_PIN` or is asked once on the terminal,
//! never from the command line; the clock is read here, once per run, for the signing time.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use rayon::prelude::*;

use crate::esign::verify::{ChainWord, Pades};
use crate::esign::{EsignError, Job, Look, Placement, Png, Signer, SigningTime};
use crate::register::esign::SignedFile;
use crate::register::Register;
use crate::t;

use crate::run::RunError as Failure;

/// `esign --in FILE|DIR --esign SOURCE [--register FILE]`.
#[derive(Debug, clap::Args)]
pub(super) struct EsignCommandArgs {
    #[arg(long = "in", value_name = "INPUT")]
    pub input: PathBuf,
    #[arg(long, value_name = "SOURCE")]
    pub esign: String,
    #[arg(long, value_name = "FILE", default_value = super::args::DEFAULT_REGISTER)]
    pub register: PathBuf,
}

/// `--esign SOURCE` of `issue` and `print`.
#[derive(Debug, clap::Args)]
pub(super) struct EsignArgs {
    /// Sign every PDF with the issuing body's digital signature (PAdES B-B): a PKCS#12 file
    /// (.p12/.pfx) or a token's RFC 7512 URI (pkcs11:token=…;object=…?module-path=…). The PIN
    /// or passphrase is read from CHUNGNHAN_ESIGN_PIN or asked on the terminal.
    #[arg(long, value_name = "SOURCE")]
    pub esign: Option<String>,
    /// The organisation's seal, a red transparent PNG, shown over the left third of the
    /// signature image in the template's esign box (Nghị định 30).
    #[arg(long, value_name = "FILE", requires = "esign")]
    pub seal_image: Option<PathBuf>,
    /// The signer's signature, a blue transparent PNG, shown in the template's esign box.
    #[arg(long, value_name = "FILE", requires = "esign")]
    pub signature_image: Option<PathBuf>,
}

/// The PIN: from the environment, else asked once on the terminal.
fn pin(source: &str) -> impl FnMut() -> Result<String, EsignError> + '_ {
    move || {
        if let Ok(p) = std::env::var("CHUNGNHAN_ESIGN_PIN") {
            return Ok(p);
        }
        if !std::io::stderr().is_terminal() {
            return Err(EsignError::Pin);
        }
        rpassword::prompt_password(t!("esign-pin-prompt", source = source)).map_err(|_| EsignError::Pin)
    }
}

/// The moment of signing: now (only the command line reads the clock).
fn now() -> SigningTime {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    SigningTime(secs)
}

/// Opens the signer named by `--esign` (once for the run), or `None` without the flag.
pub(super) fn job(args: &EsignArgs) -> Result<Option<Arc<Job>>, Failure> {
    let Some(source) = args.esign.as_deref() else { return Ok(None) };
    let read = |p: &Option<PathBuf>| -> Result<Option<Png>, EsignError> {
        let Some(p) = p else { return Ok(None) };
        let bytes = std::fs::read(p)
            .map_err(|e| EsignError::Read { path: p.display().to_string(), message: e.to_string() })?;
        Ok(Some((p.display().to_string(), Arc::new(bytes))))
    };
    let look = Look { seal: read(&args.seal_image)?, signature: read(&args.signature_image)? };
    let signer = Signer::open(source, &mut pin(source))?;
    Ok(Some(Arc::new(Job { signer, time: now(), place: Placement::INVISIBLE, look })))
}

/// `chungnhan esign --in FILE|DIR --esign SOURCE`: signs certificates issued earlier, each file
/// rewritten whole (atomically). A file already signed and unaltered is left as it is.
pub(super) fn sign_files(input: &Path, source: &str, register: &Path) -> Result<ExitCode, Failure> {
    let files: Vec<PathBuf> = if input.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(input)
            .map_err(|e| crate::error::IoError::new("cannot read folder", input, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) && p.is_file())
            .collect();
        v.sort();
        v
    } else {
        vec![input.to_path_buf()]
    };
    let signer = Signer::open(source, &mut pin(source))?;
    let job = Job { signer, time: now(), place: Placement::INVISIBLE, look: Look::default() };
    let started = std::time::Instant::now();
    let outcomes: Vec<(PathBuf, Result<Option<SignedFile>, String>)> = files
        .par_iter()
        .map(|path| {
            let r = (|| {
                let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
                if let Some(p) = crate::esign::verify::check(&bytes, &[]) {
                    if p.unaltered() {
                        return Ok(None);
                    }
                    return Err(EsignError::AlreadySigned.to_string());
                }
                let signed = job.sign(&bytes).map_err(|e| e.to_string())?;
                crate::util::files::write_atomic(path, &signed).map_err(|e| e.to_string())?;
                Ok(Some(SignedFile {
                    before: Some(crate::seal::sign::sha256_hex(&bytes)),
                    sha256: crate::seal::sign::sha256_hex(&signed),
                    fingerprint: job.signer.fingerprint(),
                    level: LEVEL.into(),
                    signed_at: job.time.iso(),
                }))
            })();
            (path.clone(), r)
        })
        .collect();
    let mut failed = 0;
    let (mut signed, mut kept) = (0, 0);
    let mut records = Vec::new();
    for (path, r) in outcomes {
        match r {
            Ok(Some(record)) => {
                signed += 1;
                records.push(record);
            }
            Ok(None) => {
                kept += 1;
                eprintln!("{}", t!("esign-kept", file = path.display().to_string()));
            }
            Err(e) => {
                failed += 1;
                eprintln!("{} {}: {e}", t!("label-error"), path.display());
            }
        }
    }
    // The register, when there is one, learns each file's new bytes and its signature.
    if register.is_file() && !records.is_empty() {
        let reg = Register::open(register, false, || {
            eprintln!("{}", t!("register-waiting", file = register.display().to_string()))
        })?;
        let n = reg.record_esign(&records)?;
        eprintln!("{}", t!("esign-recorded", n = n, register = register.display().to_string()));
    }
    println!(
        "{}",
        t!(
            "esign-done",
            signed = signed,
            kept = kept,
            failed = failed,
            signer = crate::esign::cms::name_parts(job.signer.certificate()).0,
            ms = started.elapsed().as_millis() as u64
        )
    );
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The PAdES level this program signs at.
const LEVEL: &str = "B-B";

/// After `issue`: with `--esign` (`signed`), records the signature of each file of `batch`
/// (each read back and checked: what is recorded is what the file holds); either way, warns of
/// the certificates e-signed before whose file is no longer the signed one (a rerun without
/// `--esign` writes them again unsigned).
pub(super) fn record_files(register: &Path, batch: &str, signed: bool) -> Result<(), Failure> {
    if !register.is_file() {
        return Ok(());
    }
    let reg = Register::open(register, false, || {
        eprintln!("{}", t!("register-waiting", file = register.display().to_string()))
    })?;
    if signed {
        record_batch(&reg, batch)?;
    }
    let lost = reg.esign_lost(batch)?;
    if let Some((serial, file)) = lost.first() {
        let said = t!("esign-lost", n = lost.len(), serial = serial.as_str(), file = file.as_str());
        eprintln!("{} {said}", t!("label-warning"));
        let folder = Path::new(file).parent().map(|p| p.display().to_string()).unwrap_or_default();
        eprintln!("{} {}", t!("label-hint"), t!("esign-lost-hint", folder = folder));
    }
    Ok(())
}

fn record_batch(reg: &Register, batch: &str) -> Result<(), Failure> {
    let records: Vec<SignedFile> = reg
        .entries(Some(batch))?
        .par_iter()
        .filter_map(|row| {
            let (path, sha) = row.pdf.as_ref()?;
            let bytes = std::fs::read(path).ok()?;
            let p = crate::esign::verify::check(&bytes, &[]).filter(|p| p.unaltered())?;
            Some(SignedFile {
                before: None,
                sha256: sha.clone(),
                fingerprint: p.fingerprint?,
                level: LEVEL.into(),
                signed_at: p.time?,
            })
        })
        .collect();
    reg.record_esign(&records)?;
    Ok(())
}

/// The PAdES signature of `input` when it is a PDF file, checked against the CAs of `ca`.
pub(super) fn pades(input: &str, ca: &[PathBuf]) -> Result<Option<Pades>, String> {
    let path = Path::new(input);
    if !path.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")) || !path.is_file() {
        return Ok(None);
    }
    let mut cas = Vec::new();
    for f in ca {
        let bytes = std::fs::read(f).map_err(|e| format!("{}: {e}", f.display()))?;
        let certs = crate::esign::cms::load_certificates(&bytes)
            .ok_or_else(|| t!("esign-err-ca", file = f.display().to_string()))?;
        cas.extend(certs);
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{input}: {e}"))?;
    Ok(crate::esign::verify::check(&bytes, &cas))
}

/// The report's PAdES lines.
pub(super) fn pades_text(p: &Pades) -> String {
    let mut out = String::new();
    let state = if p.unaltered() {
        t!("esign-verify-intact")
    } else if p.intact {
        t!("esign-verify-added")
    } else {
        t!("esign-verify-altered")
    };
    out.push_str(&t!("esign-verify-head", state = state));
    out.push('\n');
    let dash = || "—".to_string();
    out.push_str(&t!(
        "esign-verify-signer",
        name = p.signer.clone().unwrap_or_else(dash),
        org = p.organisation.clone().unwrap_or_else(dash),
        serial = p.serial.clone().unwrap_or_else(dash)
    ));
    out.push('\n');
    out.push_str(&t!("esign-verify-time", time = p.time.clone().unwrap_or_else(dash)));
    out.push('\n');
    out.push_str(&match p.chain {
        ChainWord::Trusted => t!("esign-verify-trusted"),
        ChainWord::Untrusted => t!("esign-verify-untrusted"),
        ChainWord::Expired => t!("esign-verify-expired"),
        ChainWord::NotChecked => t!("esign-verify-not-checked"),
    });
    out.push('\n');
    out.push_str(&if p.unaltered() {
        t!("esign-verify-claims-match")
    } else {
        t!("esign-verify-claims-unsure")
    });
    out.push('\n');
    out
}

/// The QR report's JSON with the PAdES report added as `"pades"`.
pub(super) fn pades_json(qr_json: &str, p: Option<&Pades>) -> String {
    let Ok(mut v) = serde_json::from_str::<serde_json::Value>(qr_json) else { return qr_json.to_string() };
    if let (Some(obj), Some(p)) = (v.as_object_mut(), p) {
        let mut pj = serde_json::to_value(p).unwrap_or_default();
        if let Some(o) = pj.as_object_mut() {
            o.insert("unaltered".into(), p.unaltered().into());
        }
        obj.insert("pades".into(), pj);
    }
    v.to_string()
}
