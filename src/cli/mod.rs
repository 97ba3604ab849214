//! The command line: arguments (clap), the progress bar (indicatif), and how results and errors
//! are printed. The contract — names, flags, exit codes — is `docs/spec/cli.md`.
//!
//! stdout carries results (the summary line); stderr carries progress and diagnostics. Each
//! problem is printed as `error: <file>: record N (line L), column C: …` followed by `hint: …`,
//! and every error's cause chain is printed in full.

mod lookup;
mod production;
mod sandbox;
mod usage;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::batch::{self, BatchConfig, BatchError, NoProgress, Progress};
use crate::error::Problem;
use crate::input::record;
use crate::input::roster::{self, RosterError};
use crate::l10n::Lang;
use crate::register::blanks::BlankSerial;
use crate::register::issue::{self, IssueError, IssueOptions};
use crate::register::{Register, RegisterError, Revocation};
use crate::seal::keys::{self, KeysError};
use crate::seal::trust::{self, TrustError};
use crate::seal::verify;
use crate::t;
use crate::template::{self, Template, TemplateError};
use crate::viet::Date;

const ABOUT: &str = "Giấy chứng nhận hàng loạt: a roster (CSV) and a template become personalised \
Vietnamese certificates as print-ready PDF files.";

const AFTER_HELP: &str = "\
Start with `chungnhan demo --out demo`: it makes throwaway keys, issues the built-in sample of 218
signed certificates, and verifies the first one.

Exit codes of render, check, issue, keygen, revoke, register export, site: 0 everything written;
1 some records skipped (--skip-invalid); 2 nothing written (bad input, bad template, bad key,
I/O error).
Exit codes of verify: 0 valid, 1 invalid, 2 unknown issuer key, 3 revoked, 4 no QR code found,
5 malformed code, 6 signed with a compromised key and in no signed issuance ledger, 7 cannot
check revocation (a revocation list seen before was withheld or is older).
101 is a panic, which is always a bug.";

/// `chungnhan`: Vietnamese certificates from a roster.
#[derive(Debug, Parser)]
#[command(name = "chungnhan", version, about = ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages and reports: vi (Vietnamese, the default) or en. Without it, an
    /// LC_ALL, LC_MESSAGES or LANG that starts with "en" chooses English.
    #[arg(long, global = true, value_name = "vi|en", value_parser = ["vi", "en"])]
    lang: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The whole job on the built-in sample (218 cadres): throwaway keys, signed certificates, a check.
    ///
    /// Makes keys in DIR/keys, issues the sample roster with the default template into DIR,
    /// and verifies the first certificate. Needs no other file. Example: chungnhan demo --out demo
    Demo {
        /// Folder to write the certificates into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Do not draw a progress bar.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Draft certificates for checking a layout: one PDF per record (not signed, not numbered).
    ///
    /// Everything is checked before anything is written; with any invalid record nothing is
    /// written and every problem is listed.
    ///
    /// Example: chungnhan render --roster hocvien.csv --vars khoa-2019.toml --out ban-nhap --merged ban-nhap/tat-ca.pdf
    Render {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// Draw a 10 mm grid and each element's box with its name over the drafts.
        #[arg(long)]
        grid: bool,
    },
    /// Read and check everything `render` would, write nothing, and list every problem.
    ///
    /// Example: chungnhan check --roster hocvien.csv --vars khoa-2019.toml
    Check {
        #[command(flatten)]
        input: InputArgs,
        /// text (default), or json: one object with every problem, for scripts.
        #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
        format: String,
        /// Worker threads (default: all cores).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
    },
    /// Create the issuer's keys: a root key, a signing key, and the signed trust manifest.
    ///
    /// Writes DIR/root-key.pem (or --root-key FILE) and DIR/signing-key.pem (private, mode 0600,
    /// encrypted with --encrypt), DIR/trust.json (publish it) and an empty DIR/revoked.json, each
    /// with a .sig signed by the root key.
    /// Prints the root key's fingerprint for the issuer to publish. Never prints key material.
    ///
    /// Example: chungnhan keygen --out khoa --issuer "Trung tâm Bồi dưỡng chính trị quận Tân Bình" --host xacthuc.tanbinh.edu.vn
    Keygen {
        /// Folder for the keys (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The issuing body's name, as verifiers will show it (required: it is what a phone shows).
        #[arg(long, value_name = "NAME")]
        issuer: String,
        /// The verification host printed in every QR code (https://HOST/c#…), e.g.
        /// xacthuc.truong.edu.vn (required: it is printed on every certificate).
        #[arg(long, value_name = "HOST")]
        host: String,
        /// Refused: keygen never replaces keys (kept so that old scripts get a clear answer).
        #[arg(long, hide = true)]
        force: bool,
        /// Write the root key here instead of DIR/root-key.pem (a USB stick kept offline).
        #[arg(long, value_name = "FILE")]
        root_key: Option<PathBuf>,
        /// Encrypt both private keys with a passphrase (CHUNGNHAN_PASSPHRASE, or typed twice).
        #[arg(long)]
        encrypt: bool,
    },
    /// Issue signed certificates: numbered in the register, signed, with their verification QR code.
    ///
    /// Like render, but each record is numbered in the issuance register (số hiệu and số vào sổ
    /// from the template's [register] patterns, unless the roster gives them), the claims of the
    /// template's [claims] are signed — with the key of DIR whose window holds today, and today as
    /// the signing date — and the QR code (https://HOST/c#…) is drawn in the qr element. The
    /// numbers are committed before any file is written. With the root key at hand, the batch's
    /// issuance ledger (DIR/ledger/) is signed too; without it, it waits for the next run.
    /// Rerunning the same roster issues nothing new and leaves the files as they are; a record
    /// changed since it was issued is refused unless --reissue.
    ///
    /// Example: chungnhan issue --roster hocvien.csv --vars khoa-2019.toml --keys khoa --out chung-nhan
    Issue {
        #[command(flatten)]
        input: InputArgs,
        /// The key folder made by keygen.
        #[arg(long, value_name = "DIR")]
        keys: PathBuf,
        /// The root key, when it is not in the key folder: with it, issue signs the batch's
        /// issuance ledger (and any pending revocation list) at once.
        #[arg(long, value_name = "FILE")]
        root_key: Option<PathBuf>,
        #[command(flatten)]
        register: RegisterArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// The serial printed on the first pre-printed blank in the printer's tray (a template
        /// with [blank]); the next blanks are numbered on from it and each is recorded.
        #[arg(long, value_name = "FIRST", value_parser = parse_blank)]
        blanks: Option<BlankSerial>,
    },
    /// Revoke a certificate: mark it in the register and publish the signed revocation list.
    ///
    /// Writes DIR/revoked.json and its .sig (signed with DIR/root-key.pem); publish both next to
    /// trust.json. Verifiers then report the certificate as revoked (exit 3) with date and reason.
    ///
    /// Example: chungnhan revoke CNKT19-0042 --register chungnhan.sqlite --keys khoa --reason "cấp sai" --decision "Quyết định số 12/QĐ-TTBD ngày 02/03/2020"
    Revoke {
        /// The số hiệu of the certificate.
        #[arg(value_name = "SERIAL")]
        serial: String,
        /// The register issue wrote.
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        /// The key folder (its root key signs the list).
        #[arg(long, value_name = "DIR")]
        keys: PathBuf,
        /// cấp sai, gian lận or thay thế (also the list's codes issued_in_error, fraud, superseded).
        #[arg(long, value_name = "REASON", value_parser = parse_reason)]
        reason: String,
        /// The revocation decision (số, ngày), kept in the register and its exports.
        #[arg(long, value_name = "TEXT")]
        decision: Option<String>,
        /// For a certificate revoked already: record this reason (and decision) instead of the
        /// one it has. Without it, a different reason changes nothing.
        #[arg(long)]
        change_reason: bool,
        /// The root key, when it is not in the key folder.
        #[arg(long, value_name = "FILE")]
        root_key: Option<PathBuf>,
    },
    /// The signing keys over the years: list them, rotate to a new one, report one compromised.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Print certificates again from the register alone: no roster, no private key.
    ///
    /// Writes each chosen certificate (issued, not revoked or replaced) exactly as issue wrote
    /// it, under the same file name: a lost file, a second copy, or one batch shared out over
    /// several machines with --shard K/N.
    ///
    /// Example: chungnhan print --register chungnhan.sqlite --out in-lai --serial CNKT19-0042
    Print {
        /// The register issue wrote.
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        /// Folder for the PDF files (created if missing).
        #[arg(long, value_name = "DIR", required_unless_present = "merged")]
        out: Option<PathBuf>,
        /// Also (or, without --out, only) write them into this one print file (one batch).
        #[arg(long, value_name = "FILE")]
        merged: Option<PathBuf>,
        /// Split the print file into files of at most N pages: FILE-001.pdf, FILE-002.pdf, …
        #[arg(long, value_name = "N", requires = "merged", value_parser = clap::value_parser!(u32).range(1..))]
        merged_pages: Option<u32>,
        /// Write the print file even over one that is there with other pages.
        #[arg(long, requires = "merged")]
        replace_merged: bool,
        /// Only this batch.
        #[arg(long, value_name = "NAME")]
        batch: Option<String>,
        /// Only this certificate, by its số hiệu. Repeatable.
        #[arg(long, value_name = "SERIAL")]
        serial: Vec<String>,
        /// Machine K of N (1-based): K/N. Each certificate falls to one machine by its entry in
        /// the register, whatever is revoked or reissued between runs, so the N runs print each once. K may
        /// come from JOB_COMPLETION_INDEX (Kubernetes, 0-based) or SLURM_ARRAY_TASK_ID when only
        /// N is given.
        #[arg(long, value_name = "K/N", value_parser = parse_shard)]
        shard: Option<Shard>,
        /// Print again, on new blanks, the certificates whose blank was spoiled (chungnhan spoil).
        #[arg(long, requires = "blanks")]
        reprint_spoiled: bool,
        /// With --reprint-spoiled: the serial of the first new blank in the tray.
        #[arg(long, value_name = "FIRST", value_parser = parse_blank, requires = "reprint_spoiled")]
        blanks: Option<BlankSerial>,
        /// Move everything printed by X mm right and Y mm down (what calibrate measured).
        #[arg(long, value_name = "X,Y", value_parser = parse_offset, allow_hyphen_values = true)]
        offset: Option<(f32, f32)>,
        /// Do not draw a progress bar.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Record a spoiled pre-printed blank (jammed, misprinted, torn): its certificate waits for a reprint.
    ///
    /// The blank stays in the register for ever, with the day and the reason, for the report on
    /// destroyed blanks (register export --blanks). Its certificate keeps its number and code;
    /// print --reprint-spoiled puts it on a new blank.
    ///
    /// Example: chungnhan spoil --register chungnhan.sqlite --blank A0012305 --reason "kẹt giấy"
    Spoil {
        /// The register issue wrote.
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        /// The serial printed on the spoiled blank.
        #[arg(long, value_name = "BLANK", value_parser = parse_non_empty)]
        blank: String,
        /// Why (kept in the register and the report).
        #[arg(long, value_name = "TEXT", value_parser = parse_non_empty)]
        reason: String,
    },
    /// A printer calibration sheet: rulers and crosshairs at known places, to measure the offset.
    ///
    /// Print it at 100 % (never "fit to page") on the printer and paper of the certificates,
    /// measure where the crosshair marked 0 landed, and give the difference as --offset X,Y (or
    /// [print] offset in the template). See docs/printing.md.
    ///
    /// Example: chungnhan calibrate --out hieu-chinh.pdf --size A4 --orientation landscape
    Calibrate {
        /// The PDF to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Paper size: A4, A5 or Letter.
        #[arg(long, value_name = "SIZE", default_value = "A4")]
        size: String,
        /// portrait or landscape.
        #[arg(long, value_name = "ORIENTATION", default_value = "landscape", value_parser = ["portrait", "landscape"])]
        orientation: String,
        /// Draw the sheet moved by an offset already set, to check it.
        #[arg(long, value_name = "X,Y", value_parser = parse_offset, allow_hyphen_values = true)]
        offset: Option<(f32, f32)>,
    },
    /// The issuance register (sổ gốc).
    #[command(subcommand)]
    Register(RegisterCommand),
    /// Write the verification site: the page a phone opens from https://HOST/c#… and the lists.
    ///
    /// Writes DIR/c/index.html (and c.html, index.html), DIR/sw.js and DIR/.well-known/vncert/
    /// (trust.json, revoked.json and their .sig, copied from the key folder). Upload DIR to the
    /// web root of HOST. The page checks codes in the browser and sends nothing anywhere.
    /// With --serve, serves DIR on 127.0.0.1 to try it: open the QR address with https://HOST
    /// replaced by the address printed.
    ///
    /// Example: chungnhan site --keys khoa --out xacthuc --serve
    Site {
        /// The key folder (its trust.json and revoked.json are published).
        #[arg(long, value_name = "DIR")]
        keys: PathBuf,
        /// The folder to write the site into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Then serve it on 127.0.0.1 until interrupted.
        #[arg(long)]
        serve: bool,
        /// Port for --serve (0: any free one).
        #[arg(long, value_name = "N", default_value_t = 8000)]
        port: u16,
    },
    /// Verify a certificate: the QR text or URL, a PNG/JPEG scan or photo, or the PDF.
    ///
    /// Exit codes: 0 valid, 1 signature invalid (forged or altered), 2 unknown issuer key,
    /// 3 revoked, 4 no QR code found, 5 malformed code, 6 signed with a compromised key and in
    /// no signed issuance ledger.
    ///
    /// Example: chungnhan verify chung-nhan/001-ly-xuan-tri.pdf --trust khoa/trust.json
    Verify {
        /// The QR text or URL, or a PDF, PNG or JPEG file.
        #[arg(value_name = "INPUT")]
        input: String,
        /// A trust manifest (trust.json, or the folder holding it). Repeatable. A revoked.json
        /// next to it is read too.
        #[arg(long, value_name = "FILE")]
        trust: Vec<PathBuf>,
        /// A revocation list (revoked.json) signed by a trusted root.
        #[arg(long, value_name = "FILE")]
        revoked: Vec<PathBuf>,
        /// Require the manifests' root key to have this fingerprint.
        #[arg(long, value_name = "FINGERPRINT")]
        root: Option<String>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Where this computer keeps the highest seq seen of each issuer's manifest and list
        /// (default: the user's data folder), so that an older copy is refused.
        #[arg(long, value_name = "DIR")]
        state: Option<PathBuf>,
    },
    /// List the built-in templates, or export one as an editable folder.
    Templates {
        #[command(subcommand)]
        action: Option<TemplatesCommand>,
    },
    /// Internal: renders the PDF on standard input and prints the code on its first page. Run by
    /// `verify` as a child process held to a time and memory budget; not for people.
    #[command(name = "__scan-pdf-page", hide = true)]
    ScanPdfPage {
        /// Resolution of the render.
        #[arg(long, default_value_t = 150.0)]
        dpi: f32,
    },
    /// Internal: reads the image on standard input and prints the code in it. Run by `verify`
    /// as a child process held to a time and memory budget; not for people.
    #[command(name = "__scan-image", hide = true)]
    ScanImage,
}

#[derive(Debug, Subcommand)]
enum TemplatesCommand {
    /// Write a built-in template as an editable folder (DIR/template.toml) that renders as the built-in does.
    ///
    /// Start a template of your own from it: edit DIR/template.toml, then give --template DIR.
    /// Never replaces a template already in DIR.
    ///
    /// Example: chungnhan templates export giay-chung-nhan mau-cua-truong
    Export {
        /// The built-in template (`chungnhan templates` lists them).
        #[arg(value_name = "NAME")]
        name: String,
        /// The folder to write it into (created if missing).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// Every signing key of the folder's manifest: id, state today, window, private key here.
    ///
    /// Example: chungnhan keys list --keys khoa
    List {
        /// The key folder made by keygen.
        #[arg(long, value_name = "DIR")]
        keys: PathBuf,
    },
    /// A new signing key from a day on; the keys open then are retired on that day.
    ///
    /// Re-signs trust.json with the root key (seq + 1). A later --from announces the key ahead,
    /// as verifiers should know a key before its first certificate. Retired keys stay in the
    /// manifest: what they signed verifies forever. Publish trust.json and its .sig again.
    ///
    /// Example: chungnhan keys rotate --keys khoa --from 2027-01-01
    Rotate {
        /// The key folder made by keygen.
        #[arg(long, value_name = "DIR")]
        keys: PathBuf,
        /// First day of the new key (YYYY-MM-DD or dd/mm/yyyy; default today).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        from: Option<Date>,
        /// The root key, when it is not in the key folder.
        #[arg(long, value_name = "FILE")]
        root_key: Option<PathBuf>,
    },
    /// Report a signing key stolen or leaked: it signs nothing more, and what it signed is
    /// valid only where a root-signed issuance ledger lists it.
    ///
    /// Re-signs trust.json with the root key (seq + 1); if the key was the one in use, a new key
    /// signs from today. Publish trust.json and its .sig at once.
    ///
    /// Example: chungnhan keys compromise --keys khoa --kid 1a2b3c4d --since 2026-11-20
    Compromise {
        /// The key folder made by keygen.
        #[arg(long, value_name = "DIR")]
        keys: PathBuf,
        /// The key's id (keys list shows it).
        #[arg(long, value_name = "KID")]
        kid: String,
        /// Since when it may have been in other hands (YYYY-MM-DD or dd/mm/yyyy).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        since: Date,
        /// The root key, when it is not in the key folder.
        #[arg(long, value_name = "FILE")]
        root_key: Option<PathBuf>,
    },
}

/// `--offset X,Y` and `--merged-pages N` of `print`.
type PageLayoutArgs = (Option<(f32, f32)>, Option<usize>, bool);

/// `--shard K/N`: K (when given) and N.
type Shard = (Option<usize>, usize);

fn parse_shard(s: &str) -> Result<Shard, String> {
    let bad = || t!("cli-bad-shard", value = format!("{s:?}"));
    let (k, n) = match s.split_once('/') {
        Some((k, n)) => (Some(k.trim().parse::<usize>().map_err(|_| bad())?), n),
        None => (None, s),
    };
    let n = n.trim().parse::<usize>().map_err(|_| bad())?;
    if n == 0 || k.is_some_and(|k| k == 0 || k > n) {
        return Err(bad());
    }
    Ok((k, n))
}

/// K of `--shard K/N` when only N was given: Kubernetes' `JOB_COMPLETION_INDEX` (0-based) or
/// Slurm's `SLURM_ARRAY_TASK_ID` (as the array numbers it, 1-based here).
fn shard_index_from_env() -> Option<usize> {
    if let Some(i) = std::env::var("JOB_COMPLETION_INDEX").ok().and_then(|v| v.trim().parse::<usize>().ok()) {
        return Some(i + 1);
    }
    std::env::var("SLURM_ARRAY_TASK_ID").ok().and_then(|v| v.trim().parse::<usize>().ok())
}

/// A text that must say something (a blank's serial, the reason it was spoiled).
fn parse_non_empty(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err(t!("cli-not-empty"));
    }
    Ok(unicode_normalization::UnicodeNormalization::nfc(s).collect())
}

/// `--blanks FIRST`: a blank's serial ending in digits.
fn parse_blank(s: &str) -> Result<BlankSerial, String> {
    BlankSerial::parse(s).map_err(|e| e.to_string())
}

/// `--offset X,Y` in mm, each within ±50 (a printer is off by millimetres, not by a page).
fn parse_offset(s: &str) -> Result<(f32, f32), String> {
    let bad = || t!("cli-bad-offset", value = format!("{s:?}"));
    // The calibration sheet writes millimetres with a decimal comma, as a clerk does: "-1,5;1"
    // (X;Y) takes them as written; "1.5,-0.5" (X,Y with decimal points) as before; "-1,5 1" too.
    let s = s.trim().replace('\u{2212}', "-");
    let parts = if let Some((x, y)) = s.split_once(';') {
        Some((x.replace(',', "."), y.replace(',', ".")))
    } else if s.matches(',').count() == 1 && !s.contains(char::is_whitespace) {
        s.split_once(',').map(|(x, y)| (x.to_string(), y.to_string()))
    } else {
        let words: Vec<&str> = s.split_whitespace().collect();
        match words.as_slice() {
            [x, y] => Some((x.replace(',', "."), y.replace(',', "."))),
            _ => None,
        }
    };
    let (x, y) = parts.ok_or_else(bad)?;
    let num = |v: &str| v.trim().parse::<f32>().ok().filter(|n| n.is_finite() && n.abs() <= 50.0);
    Ok((num(&x).ok_or_else(bad)?, num(&y).ok_or_else(bad)?))
}

fn parse_day(s: &str) -> Result<Date, String> {
    Date::parse_any(s.trim()).ok_or_else(|| t!("cli-bad-date", value = format!("{s:?}")))
}

#[derive(Debug, Subcommand)]
enum RegisterCommand {
    /// Export the register: .csv (UTF-8 with BOM, for Excel), .xlsx, or .pdf (the printable sổ gốc).
    ///
    /// Example: chungnhan register export --register chungnhan.sqlite --out so-goc.pdf
    Export {
        /// The register.
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        /// The file to write; its extension chooses the format.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only this batch.
        #[arg(long, value_name = "NAME")]
        batch: Option<String>,
        /// so (default): in the order the entries were made; ten: by given name (Vietnamese).
        #[arg(long, value_name = "ORDER", default_value = "so", value_parser = ["so", "ten"])]
        sort: String,
        /// The blank-usage report instead: every pre-printed blank, used or spoiled (with day
        /// and reason), and the totals per batch.
        #[arg(long)]
        blanks: bool,
        /// The day written above the signature of the printed book (YYYY-MM-DD or dd/mm/yyyy;
        /// default today).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        date: Option<Date>,
    },
    /// Audit the register against what was signed: every entry's code verifies, its columns
    /// and its record (what print prints) equal its signed claims, its status is the signed
    /// revocation list's, every issued certificate has its PDF, each PDF is the file issued and
    /// holds its own code, no number or file is given twice. Exit 0 clean, 1 with every
    /// problem naming the serial.
    ///
    /// Example: chungnhan register audit --register chungnhan.sqlite --keys khoa
    Audit {
        /// The register.
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        /// The issuer's key folder (its trust.json and revoked.json are read).
        #[arg(long, value_name = "DIR")]
        keys: PathBuf,
    },
    /// Find entries: by the holder's name (diacritics and case ignored), số hiệu, số vào sổ or batch.
    ///
    /// Example: chungnhan register find "nguyen van an"
    Find {
        /// The register.
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        /// What to look for: words of the name, a số hiệu, a số vào sổ or a batch.
        #[arg(value_name = "TEXT")]
        text: String,
    },
    /// Show one entry whole: its numbers, holder, batch, status, blank, file and history.
    ///
    /// Example: chungnhan register show CNKT19-0042
    Show {
        /// The register.
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        /// The số hiệu, as it reads on paper.
        #[arg(value_name = "SERIAL")]
        serial: String,
    },
    /// Back up the register: SQLite's online backup into a new file, checked for integrity.
    ///
    /// Safe while another run issues: the copy holds one committed state. Never overwrites.
    ///
    /// Example: chungnhan register backup --register chungnhan.sqlite --out so-goc-2026-12-01.sqlite
    Backup {
        /// The register.
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        /// The copy to write (must not exist).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// `--reason`: the Vietnamese words or the list's code, as the code the signed list keeps.
fn parse_reason(typed: &str) -> Result<String, String> {
    verify::reason_code(typed).map(str::to_string).ok_or_else(|| t!("err-reason-unknown", given = typed))
}

/// The register file `issue` keeps when none is given.
const DEFAULT_REGISTER: &str = "chungnhan.sqlite";

/// How `issue` uses the register.
#[derive(Debug, Args)]
struct RegisterArgs {
    /// The issuance register (SQLite), created if missing.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
    register: PathBuf,
    /// The batch's name in the register: a rerun with the same name recognises its records.
    /// Default: the roster's file name.
    #[arg(long, value_name = "NAME")]
    batch: Option<String>,
    /// Replace the certificates of records that changed since they were issued: new
    /// certificates under new numbers; the old ones are marked reissued and listed as superseded.
    #[arg(long)]
    reissue: bool,
    /// Write the print file (--merged) even over one that is there with other pages.
    #[arg(long, requires = "merged")]
    replace_merged: bool,
}

/// Where and how `render` and `issue` write.
#[derive(Debug, Args)]
struct OutputArgs {
    /// Folder for the PDF files, one per record (created if missing).
    #[arg(long, value_name = "DIR", required_unless_present = "merged")]
    out: Option<PathBuf>,
    /// Also (or, without --out, only) write every certificate into this one print file.
    #[arg(long, value_name = "FILE")]
    merged: Option<PathBuf>,
    /// Split the print file into files of at most N pages: FILE-001.pdf, FILE-002.pdf, …
    #[arg(long, value_name = "N", requires = "merged", value_parser = clap::value_parser!(u32).range(1..))]
    merged_pages: Option<u32>,
    /// File name pattern (tera), e.g. "{{ so_hieu }}.pdf". Default: the template's, usually
    /// "{{ stt }}-{{ ho_ten | slug }}.pdf".
    #[arg(long, value_name = "PATTERN")]
    name: Option<String>,
    /// Order of the print run: roster (default) or ten (by given name in Vietnamese collation,
    /// then full name, then stt).
    #[arg(long, value_name = "ORDER", value_parser = parse_sort, default_value = "roster")]
    sort: crate::input::order::SortOrder,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Write the valid records and list the invalid ones (exit 1) instead of writing nothing.
    #[arg(long)]
    skip_invalid: bool,
    /// Move everything printed by X mm right and Y mm down (what calibrate measured); wins
    /// over the template's [print] offset.
    #[arg(long, value_name = "X,Y", value_parser = parse_offset, allow_hyphen_values = true)]
    offset: Option<(f32, f32)>,
    /// Do not draw a progress bar.
    #[arg(long, short)]
    quiet: bool,
}

fn parse_sort(s: &str) -> Result<crate::input::order::SortOrder, String> {
    crate::input::order::SortOrder::from_name(s).ok_or_else(|| t!("cli-bad-order", value = format!("{s:?}")))
}

#[derive(Debug, Args)]
struct InputArgs {
    /// The roster: a CSV file with a header line (UTF-8, UTF-16, Windows-1258, TCVN3 or VNI;
    /// `,`, `;` or tab separated), or an Excel/LibreOffice workbook (.xlsx, .xls, .ods).
    #[arg(long, value_name = "FILE")]
    roster: PathBuf,
    /// A built-in template name (see `chungnhan templates`) or a template folder.
    #[arg(long, short, value_name = "T", default_value = template::DEFAULT_TEMPLATE)]
    template: String,
    /// For a workbook (.xlsx, .xls, .ods): the sheet to read (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// The roster's encoding, if detection gets it wrong: utf-8, utf-16le, utf-16be,
    /// windows-1258, tcvn3, vni.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<crate::input::legacy::Legacy>,
    /// A TOML file of variables (issuing body, programme, place, date, signer…).
    #[arg(long, value_name = "FILE")]
    vars: Option<PathBuf>,
    /// Set one variable; wins over --vars and the template. Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_key_val)]
    set: Vec<(String, String)>,
    /// Take a roster column for a template field, whatever its header: --map "Quê=noi_sinh".
    /// Repeatable.
    #[arg(long = "map", value_name = "HEADER=FIELD", value_parser = parse_key_val)]
    map: Vec<(String, String)>,
    /// Records of one name and date of birth are different people: issue them all (without it,
    /// a person is issued once; mark single records with an x in a "Trùng tên" column).
    #[arg(long)]
    allow_duplicates: bool,
}

fn parse_encoding(s: &str) -> Result<crate::input::legacy::Legacy, String> {
    crate::input::legacy::Legacy::from_name(s).ok_or_else(|| t!("cli-bad-encoding", value = format!("{s:?}")))
}

/// Most bytes a `--set` or `--map` argument may have: 64 KiB, far past any name, date or
/// title; longer text belongs in a `--vars` file.
const MAX_KEY_VAL_BYTES: usize = 64 * 1024;

fn parse_key_val(s: &str) -> Result<(String, String), String> {
    if s.len() > MAX_KEY_VAL_BYTES {
        return Err(t!("cli-key-val-too-long", limit = MAX_KEY_VAL_BYTES / 1024));
    }
    let (k, v) = s.split_once('=').ok_or_else(|| t!("cli-bad-key-val", value = format!("{s:?}")))?;
    let k = k.trim();
    if k.is_empty() {
        return Err(t!("cli-key-val-no-name", value = format!("{s:?}")));
    }
    Ok((k.to_string(), unicode_normalization::UnicodeNormalization::nfc(v).collect()))
}

/// The demo's register, inside its output folder.
const DEMO_REGISTER: &str = "so-goc.sqlite";

/// The built-in sample roster and its variables (the 2019 knowledge-update programme).
const SAMPLE_ROSTER: &[u8] = include_bytes!("../../examples/roster.csv");
const SAMPLE_VARS: &str = include_str!("../../examples/tan-binh-2019.toml");

/// Reads the command line, its `--help` worded in the run's language: the language is chosen
/// first, from `--lang` among the arguments or the environment, so that help and summaries
/// agree.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let asked = args
        .iter()
        .zip(args.iter().skip(1))
        .find_map(|(a, b)| (a == "--lang").then(|| b.to_string_lossy().into_owned()));
    let asked = asked.or_else(|| {
        args.iter().find_map(|a| a.to_string_lossy().strip_prefix("--lang=").map(str::to_string))
    });
    let lang = asked.as_deref().and_then(Lang::from_tag).or_else(Lang::from_env).unwrap_or(Lang::Vi);
    crate::l10n::set_lang(lang);
    let args = help_word_to_flag(args);
    let matches = localised(Cli::command(), "").try_get_matches_from(args).unwrap_or_else(|e| {
        if e.kind() == clap::error::ErrorKind::DisplayHelp {
            // clap writes "[OPTIONS]" into every usage line, in English whatever the language.
            print!("{}", usage::in_words(&e.render().to_string()));
            std::process::exit(0);
        }
        e.apply::<usage::Localised>().exit()
    });
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.apply::<usage::Localised>().exit())
}

/// `chungnhan help`, `chungnhan help issue`, `chungnhan keys help rotate`: the same as `--help`
/// after the command named (clap's own `help` command would answer in English).
fn help_word_to_flag(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if a == "--lang" {
            i += 2;
            continue;
        }
        if a.starts_with('-') {
            break;
        }
        if a == "help" {
            args.remove(i);
            args.push("--help".into());
            break;
        }
        i += 1;
    }
    args
}

/// The catalogue's id for a help text of the command at `path` (`issue`, `keys-rotate`):
/// `help-PATH-WHAT`, else, for an option, the text it shares with other commands,
/// `help-arg-NAME`.
fn help_id(path: &str, what: &str) -> Option<String> {
    let clean = |s: &str| s.trim_start_matches('_').replace('_', "-");
    let specific = if path.is_empty() {
        format!("help-{}", clean(what))
    } else {
        format!("help-{}-{}", clean(path), clean(what))
    };
    if crate::l10n::has(&specific) {
        return Some(specific);
    }
    let shared = what.strip_prefix("arg-").map(|a| format!("help-arg-{}", clean(a)))?;
    crate::l10n::has(&shared).then_some(shared)
}

/// The command tree with every about, long about and option help from the catalogue, and the
/// help page's headings in the run's language.
fn localised(mut cmd: clap::Command, path: &str) -> clap::Command {
    let tr = |id: String| crate::l10n::tr(&id, &[]);
    if let Some(id) = help_id(path, "about") {
        cmd = cmd.about(tr(id));
    }
    if let Some(id) = help_id(path, "long") {
        cmd = cmd.long_about(tr(id));
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let help = help_id(path, &format!("arg-{id}")).map(tr);
        cmd = cmd.mut_arg(id, |a| usage::value_names_in_words(usage::with_values_in_words(a, help)));
    }
    if cmd.get_subcommands().next().is_some() {
        cmd = cmd.subcommand_value_name(t!("help-value-command"));
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        let sub_path = if path.is_empty() { name.clone() } else { format!("{path}-{name}") };
        cmd = cmd.mut_subcommand(&name, |s| localised(s, &sub_path));
    }
    let has_subs = cmd.get_subcommands().next().is_some();
    let has_positionals = cmd.get_positionals().next().is_some();
    let mut template = format!("{{about-with-newline}}\n{} {{usage}}\n", t!("help-usage"));
    if has_subs {
        template.push_str(&format!("\n{}\n{{subcommands}}\n", t!("help-commands")));
    }
    if has_positionals {
        template.push_str(&format!("\n{}\n{{positionals}}\n", t!("help-arguments")));
    }
    template.push_str(&format!("\n{}\n{{options}}{{after-help}}", t!("help-options")));
    cmd = cmd.help_template(template).disable_help_flag(true).disable_help_subcommand(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t!("help-flag-help"))
            .global(true),
    );
    if path.is_empty() {
        cmd = cmd.after_help(t!("help-after")).disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t!("help-flag-version")),
        );
    }
    cmd
}

/// Runs the command line and returns the exit code.
pub fn run(cli: Cli) -> ExitCode {
    let lang = cli.lang.as_deref().and_then(Lang::from_tag).or_else(Lang::from_env).unwrap_or(Lang::Vi);
    crate::l10n::set_lang(lang);
    let today = today_in_vietnam();
    let result = match cli.command {
        Command::Templates { action: Some(TemplatesCommand::Export { name, dir }) } => {
            template::export_builtin(&name, &dir).map_err(Failure::from).map(|path| {
                println!(
                    "{}",
                    t!("templates-exported", name = name.as_str(), file = path.display().to_string())
                );
                ExitCode::SUCCESS
            })
        }
        Command::Templates { action: None } => {
            for (name, desc) in template::builtins() {
                let mark = if name == template::DEFAULT_TEMPLATE {
                    format!(" {}", t!("templates-default"))
                } else {
                    String::new()
                };
                println!("{name}{mark}\n    {desc}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { input, jobs, format } => check(&input, jobs, format == "json", today),
        Command::Render { input, output, grid } => write_batch(&input, &output, grid, today),
        Command::Demo { out, quiet } => demo(&out, quiet, today),
        Command::Keygen { out, issuer, host, force, root_key, encrypt } => {
            keygen(&out, &issuer, &host, force, (root_key, encrypt), today)
        }
        Command::Issue { input, keys, root_key, register, output, blanks } => {
            issue(&input, (&keys, root_key.as_deref()), (&register, blanks), &output, today)
        }
        Command::Revoke { serial, register, keys, reason, decision, change_reason, root_key } => revoke(
            &serial,
            &register,
            (&keys, root_key.as_deref()),
            (&reason, decision.as_deref(), change_reason),
            today,
        ),
        Command::Keys(k) => keys_command(k, today),
        Command::Print {
            register,
            out,
            merged,
            merged_pages,
            replace_merged,
            batch,
            serial,
            shard,
            reprint_spoiled,
            blanks,
            offset,
            quiet,
        } => {
            let reprint = blanks.filter(|_| reprint_spoiled);
            let layout = (offset, merged_pages.map(|n| n as usize), replace_merged);
            print_again(
                &register,
                (out.as_deref(), merged.as_deref()),
                (batch, serial, shard),
                (reprint, layout),
                quiet,
                today,
            )
        }
        Command::Spoil { register, blank, reason } => production::spoil(&register, &blank, &reason, today),
        Command::Calibrate { out, size, orientation, offset } => {
            production::calibrate(&out, (&size, &orientation), offset, today)
        }
        Command::Site { keys, out, serve, port } => site(&keys, &out, serve, port),
        Command::Register(RegisterCommand::Export { register, out, batch, blanks: true, .. }) => {
            production::export_blanks(&register, &out, batch.as_deref())
        }
        Command::Register(RegisterCommand::Export { register, out, batch, sort, blanks: false, date }) => {
            export(&register, &out, batch.as_deref(), &sort, date.unwrap_or(today))
        }
        Command::Register(RegisterCommand::Audit { register, keys }) => audit(&register, &keys, today),
        Command::Register(RegisterCommand::Find { register, text }) => lookup::find(&register, &text),
        Command::Register(RegisterCommand::Show { register, serial }) => lookup::show(&register, &serial),
        Command::Register(RegisterCommand::Backup { register, out }) => {
            crate::register::backup(&register, &out).map_err(Failure::from).map(|b| {
                println!(
                    "{}",
                    t!(
                        "backup-done",
                        register = register.display().to_string(),
                        out = out.display().to_string(),
                        certificates = b.certificates,
                        kib = b.bytes.div_ceil(1024)
                    )
                );
                ExitCode::SUCCESS
            })
        }
        Command::Verify { input, trust, revoked, root, json, state } => {
            let state = state.or_else(crate::seal::seen::default_dir);
            return verify(&input, &trust, &revoked, (root.as_deref(), state.as_deref()), json);
        }
        Command::ScanPdfPage { dpi } => return sandbox::scan_child(crate::seal::scan::Job::PdfPage { dpi }),
        Command::ScanImage => return sandbox::scan_child(crate::seal::scan::Job::Image),
    };
    result.unwrap_or_else(|e| {
        report(&e);
        ExitCode::from(2)
    })
}

fn load(
    input: &InputArgs,
    name: Option<&str>,
    today: Date,
) -> Result<(roster::Roster, BatchConfig), Failure> {
    let mut tpl = Template::load(&input.template)?;
    if let Some(n) = name {
        tpl.set_file_name(n)?;
    }
    let file_vars = match &input.vars {
        Some(p) => template::read_vars(p)?,
        None => BTreeMap::new(),
    };
    let set_vars: BTreeMap<String, String> = input.set.iter().cloned().collect();
    let mut cfg = BatchConfig::new(tpl, file_vars, set_vars, today)?;
    cfg.allow_duplicates = input.allow_duplicates;
    let opts = roster::ReadOptions {
        encoding: input.encoding,
        sheet: input.sheet.clone(),
        header_keys: record::header_keys(&cfg.template),
    };
    let mut roster = roster::open_with(&input.roster, &opts)?;
    record::apply_map(&mut roster, &cfg.template, &input.map)?;
    let mut notes = roster.notes.clone();
    if let Ok(map) = record::map_columns(&roster, &cfg.template) {
        notes.extend(record::notes(&roster, &map)?);
    }
    for n in &notes {
        eprintln!("{} {}: {n}", t!("label-note"), roster.file);
    }
    for w in &roster.warnings {
        eprintln!("{} {w}", t!("label-warning"));
    }
    Ok((roster, cfg))
}

/// `render`: drafts.
fn write_batch(input: &InputArgs, output: &OutputArgs, grid: bool, today: Date) -> Result<ExitCode, Failure> {
    let (roster, mut cfg) = load(input, output.name.as_deref(), today)?;
    cfg.skip_invalid = output.skip_invalid;
    cfg.jobs = output.jobs;
    cfg.sort = output.sort;
    cfg.offset_mm = output.offset;
    cfg.merged_pages = output.merged_pages.map(|n| n as usize);
    cfg.grid = grid;
    // A draft may print a placeholder (it shows where the issuer's text goes), but not a
    // programme nobody gave: there is nothing to print in its place.
    if report_missing_vars(&cfg.required_vars_missing(&roster)) {
        report_placeholders(&cfg.placeholders_left(&roster), true);
        eprintln!("{}", t!("var-missing-refused-render"));
        return Ok(ExitCode::from(2));
    }
    report_placeholders(&cfg.placeholders_left(&roster), true);
    render(roster, &cfg, output.out.as_deref(), output.merged.as_deref(), output.quiet)
}

/// `issue`: signed, numbered and registered.
fn issue(
    input: &InputArgs,
    (keys, root_key): (&Path, Option<&Path>),
    (register, blanks): (&RegisterArgs, Option<BlankSerial>),
    output: &OutputArgs,
    today: Date,
) -> Result<ExitCode, Failure> {
    let (roster, mut cfg) = load(input, output.name.as_deref(), today)?;
    cfg.skip_invalid = output.skip_invalid;
    cfg.jobs = output.jobs;
    cfg.sort = output.sort;
    cfg.offset_mm = output.offset;
    cfg.merged_pages = output.merged_pages.map(|n| n as usize);
    // Refused before the register is even opened: nothing is numbered, nothing is written.
    let missing = report_missing_vars(&cfg.required_vars_missing(&roster));
    let placeholders = report_placeholders(&cfg.placeholders_left(&roster), false);
    if missing || placeholders {
        eprintln!(
            "{}",
            if placeholders { t!("placeholder-refused") } else { t!("var-missing-refused-issue") }
        );
        return Ok(ExitCode::from(2));
    }
    attach_signer(&mut cfg, keys, today)?;
    let batch_name = register.batch.clone().unwrap_or_else(|| {
        input
            .roster
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| roster.file.to_string())
    });
    let roster_path = std::fs::canonicalize(&input.roster).unwrap_or_else(|_| input.roster.clone());
    let opts = IssueOptions {
        batch: batch_name,
        batch_named: register.batch.is_some(),
        roster_path: roster_path.display().to_string(),
        reissue: register.reissue,
        today,
        blanks,
        replace_merged: register.replace_merged,
    };
    issue_report(
        roster,
        &mut cfg,
        &register.register,
        (keys, root_key),
        &opts,
        output.out.as_deref(),
        output.merged.as_deref(),
        output.quiet,
    )
    .map(|(code, _)| code)
}

#[allow(clippy::too_many_arguments)]
fn issue_report(
    roster: roster::Roster,
    cfg: &mut BatchConfig,
    register: &Path,
    (keys, root_key): (&Path, Option<&Path>),
    opts: &IssueOptions,
    out: Option<&Path>,
    merged: Option<&Path>,
    quiet: bool,
) -> Result<(ExitCode, batch::BatchReport), Failure> {
    let mut reg = Register::open(register, true, || {
        eprintln!("{}", t!("register-waiting", file = register.display().to_string()))
    })?;
    let bar = Bar::new(quiet);
    let r = batch::in_pool(cfg.jobs, || issue::issue(roster, cfg, &mut reg, opts, out, merged, &bar))?;
    for p in &r.batch.skipped {
        print_problem(p);
    }
    print_notes(&r.batch.notes, &r.batch.shrunk, &cfg.template);
    for (origin, serial) in &r.revoked {
        let kept = t!("issue-revoked-kept", origin = origin.to_string(), serial = serial.as_str());
        eprintln!("{} {kept}", t!("label-note"));
    }
    // Certificates replaced by this run (or an earlier one whose list could not be signed) go
    // into the published revocation list; without the root key that waits, with a warning.
    let pending = reg.revocations()?;
    let published = keys::published_revocations(keys).unwrap_or_default();
    if pending.iter().any(|(rid, _, _)| !published.contains(rid)) {
        if let Err(e) = publish_revocations(&reg, (keys, root_key), opts.today) {
            eprintln!("{} {}: {e}", t!("label-warning"), t!("issue-revocations-waiting"));
            eprintln!("{} {}", t!("label-hint"), t!("issue-revocations-hint"));
        }
    }
    publish_ledgers(&reg, (keys, root_key), opts.today)?;
    let (written, kept) = (r.batch.files.written, r.batch.files.kept);
    let reissued =
        if r.reissued > 0 { format!(" {}", t!("issue-reissued", n = r.reissued)) } else { String::new() };
    print!(
        "{}",
        t!(
            "issue-summary",
            register = register.display().to_string(),
            new = r.new,
            reissued = reissued,
            unchanged = r.unchanged
        )
    );
    let pdfa = if r.batch.pdf_a { "PDF/A-2b" } else { "PDF" };
    if let Some(dir) = out {
        let dir = dir.display().to_string();
        print!("; {}", t!("issue-summary-files", written = written, pdfa = pdfa, dir = dir, kept = kept));
    }
    if let Some(file) = merged.and(r.batch.merged_shown()) {
        let pages = r.batch.merged_pages;
        let said = if r.batch.merged_kept {
            t!("issue-summary-merged-kept", file = file, pages = pages)
        } else {
            t!("issue-summary-merged", file = file, pages = pages)
        };
        print!("; {said}");
    }
    if let Some(tray) = &r.tray {
        match &tray.range {
            Some((first, last)) => print!(
                "; {}",
                t!("issue-summary-tray", n = tray.count, first = first.as_str(), last = last.as_str())
            ),
            None => print!("; {}", t!("issue-summary-tray-none")),
        }
    }
    if r.batch.skipped_records > 0 {
        println!("; {}", t!("summary-skipped", n = r.batch.skipped_records));
        return Ok((ExitCode::from(1), r.batch));
    }
    println!();
    Ok((ExitCode::SUCCESS, r.batch))
}

/// Signs the issuance ledger of every batch and key whose certificates are not all in one yet;
/// without the root key (kept offline), says that they wait for the next run that has it.
fn publish_ledgers(
    reg: &Register,
    (keys, root_key): (&Path, Option<&Path>),
    today: Date,
) -> Result<(), Failure> {
    let pending = keys::ledgers_pending(keys, reg.ledger_groups()?)?;
    if pending.is_empty() {
        return Ok(());
    }
    let root_path = keys::root_key_path(keys, root_key);
    if std::fs::symlink_metadata(&root_path).is_err() {
        let n: usize = pending.iter().map(|g| g.rids.len()).sum();
        eprintln!(
            "{} {}",
            t!("label-warning"),
            t!("ledger-waiting", certificates = n, root = root_path.display().to_string())
        );
        return Ok(());
    }
    match keys::publish_ledgers(keys, root_key, pending, today) {
        Ok(done) => {
            for p in &done.written {
                eprintln!("{}", t!("ledger-written", file = p.display().to_string()));
            }
            for e in &done.skipped {
                eprintln!("{} {}", t!("label-warning"), t!("ledger-skipped", error = e.to_string()));
            }
            if let Some(index) = &done.index {
                eprintln!("{}", t!("ledger-index-written", file = index.display().to_string()));
            }
            if done.upgraded > 0 {
                eprintln!("{}", t!("ledger-upgraded", n = done.upgraded));
            }
            for (path, gone) in &done.not_upgraded {
                eprintln!(
                    "{} {}",
                    t!("label-warning"),
                    t!("ledger-not-upgraded", file = path.display().to_string(), n = *gone)
                );
            }
            for (batch, kid) in &done.withheld {
                eprintln!(
                    "{} {}",
                    t!("label-warning"),
                    t!("ledger-withheld", batch = batch.as_str(), kid = kid.as_str())
                );
            }
        }
        Err(e) => {
            eprintln!("{} {}: {e}", t!("label-warning"), t!("ledger-not-signed"));
            if let Some(h) = e.hint() {
                eprintln!("{} {h}", t!("label-hint"));
            }
        }
    }
    Ok(())
}

/// Rewrites the signed revocation list in the key folder from the register.
fn publish_revocations(
    reg: &Register,
    (keys, root_key): (&Path, Option<&Path>),
    today: Date,
) -> Result<(), Failure> {
    let entries = reg.revocations()?;
    let n = entries.len();
    match keys::publish_revocations(keys, root_key, &entries, today)? {
        keys::Published::Written(path) => {
            eprintln!("{}", t!("revocations-written", file = path.display().to_string(), n = n))
        }
        keys::Published::Unchanged(path) => {
            eprintln!("{}", t!("revocations-unchanged", file = path.display().to_string(), n = n))
        }
    }
    Ok(())
}

fn revoke(
    serial: &str,
    register: &Path,
    (keys, root_key): (&Path, Option<&Path>),
    (reason, decision, change_reason): (&str, Option<&str>, bool),
    today: Date,
) -> Result<ExitCode, Failure> {
    // Check the key folder first: a revocation that cannot be published is no use yet.
    keys::check_root(keys, root_key).map_err(Failure::NeedRoot)?;
    let mut reg = Register::open(register, false, || {
        eprintln!("{}", t!("register-waiting", file = register.display().to_string()))
    })?;
    let serial: String = unicode_normalization::UnicodeNormalization::nfc(serial.trim()).collect();
    let decision = decision.map(str::trim).filter(|d| !d.is_empty());
    let words = |r: &str| crate::l10n::verdict::reason_words(r);
    let outcome = reg.revoke(&serial, reason, decision, change_reason, today)?;
    let row = match &outcome {
        Revocation::Revoked(r)
        | Revocation::Already(r)
        | Revocation::OtherReason(r)
        | Revocation::ReasonChanged(r, _) => r,
    };
    if row.so_hieu != serial {
        eprintln!("{}", t!("revoke-matched", given = serial.as_str(), serial = row.so_hieu.as_str()));
    }
    let since = row.status_date.as_deref().map(verify::day).unwrap_or_default();
    match &outcome {
        Revocation::Revoked(r) => println!(
            "{}",
            t!(
                "revoke-done",
                serial = r.so_hieu.as_str(),
                name = r.ho_ten.as_str(),
                birth = r.ngay_sinh.as_str(),
                date = today.to_string(),
                reason = words(reason)
            )
        ),
        Revocation::Already(r) => println!(
            "{}",
            t!("revoke-already", serial = r.so_hieu.as_str(), date = since, reason = words(reason))
        ),
        Revocation::OtherReason(r) => {
            eprintln!(
                "{}",
                t!(
                    "revoke-other-reason",
                    serial = r.so_hieu.as_str(),
                    date = since,
                    reason = words(r.reason.as_deref().unwrap_or("")),
                    asked = words(reason)
                )
            );
            return Ok(ExitCode::from(2));
        }
        Revocation::ReasonChanged(r, old) => println!(
            "{}",
            t!("revoke-reason-changed", serial = r.so_hieu.as_str(), from = words(old), to = words(reason))
        ),
    }
    publish_revocations(&reg, (keys, root_key), today)?;
    // The root key is at hand: ledgers still waiting for it are signed now too.
    publish_ledgers(&reg, (keys, root_key), today)?;
    Ok(ExitCode::SUCCESS)
}

fn audit(register: &Path, keys: &Path, today: Date) -> Result<ExitCode, Failure> {
    let trust = load_trust(&[keys.to_path_buf()], &[], (None, None))?;
    let reg = Register::open(register, false, || {
        eprintln!("{}", t!("register-waiting", file = register.display().to_string()))
    })?;
    let a = crate::register::audit::audit(&reg, &trust, today)?;
    for f in &a.findings {
        println!("{} {}: {}", t!("label-error"), f.serial, f.what);
    }
    for n in &a.notes {
        println!("{} {n}", t!("label-note"));
    }
    let summary = t!(
        "audit-summary",
        register = register.display().to_string(),
        entries = a.entries,
        pdfs = a.pdfs_checked,
        problems = a.findings.len()
    );
    println!("{summary}");
    Ok(if a.findings.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn site(keys: &Path, out: &Path, serve: bool, port: u16) -> Result<ExitCode, Failure> {
    let s = crate::site::generate(keys, out)?;
    for e in &s.skipped {
        eprintln!("{} {}", t!("label-warning"), t!("ledger-skipped", error = e.to_string()));
    }
    let dir = out.display().to_string();
    println!("{}", t!("site-wrote", domain = s.domain.as_str(), out = dir.as_str(), files = s.files.len()));
    println!("{}", t!("site-pinned", fingerprint = s.root_fingerprint.as_str()));
    if !serve {
        println!("{}", t!("site-upload", out = dir.as_str(), domain = s.domain.as_str()));
        return Ok(ExitCode::SUCCESS);
    }
    let listener = crate::site::serve::bind(port).map_err(|source| Failure::Listen { port, source })?;
    let addr = listener.local_addr().map_err(Failure::Serve)?;
    // The server outlives whoever reads its output: a closed stdout must not stop it.
    use std::io::Write as _;
    let mut stdout = std::io::stdout();
    // Tests and scripts read the address from this line: the one word starting "http://".
    let url = format!("http://{addr}/");
    let _ = writeln!(stdout, "{}", t!("site-serving", dir = out.display().to_string(), url = url));
    let _ = writeln!(stdout, "{}", t!("site-open", domain = s.domain.as_str(), addr = addr.to_string()));
    let _ = stdout.flush();
    crate::site::serve::serve(listener, out.to_path_buf()).map_err(Failure::Serve)?;
    Ok(ExitCode::SUCCESS)
}

fn export(
    register: &Path,
    out: &Path,
    batch: Option<&str>,
    sort: &str,
    day: Date,
) -> Result<ExitCode, Failure> {
    let reg = Register::open(register, false, || {
        eprintln!("{}", t!("register-waiting", file = register.display().to_string()))
    })?;
    let order = if sort == "ten" {
        crate::register::export::Order::Ten
    } else {
        crate::register::export::Order::Entry
    };
    let n = crate::register::export::export(&reg, out, batch, order, day)?;
    println!("{}", t!("export-wrote", n = n, out = out.display().to_string()));
    Ok(ExitCode::SUCCESS)
}

/// Says which placeholder variables are left, each with how to set it; for a draft, that it
/// may stay for now. Returns whether any is left.
fn report_placeholders(left: &[(String, String)], draft: bool) -> bool {
    for (name, value) in left {
        let line = t!("placeholder-left", name = name.as_str(), value = value.as_str());
        if draft {
            eprintln!("{} {line} {}", t!("label-warning"), t!("placeholder-draft"));
        } else {
            eprintln!("{} {line}", t!("label-error"));
            eprintln!("{} {}", t!("label-hint"), t!("placeholder-hint", name = name.as_str()));
        }
    }
    !left.is_empty()
}

/// Says which required variables nothing gives, each by its label with how to give it.
/// Returns whether any is missing.
fn report_missing_vars(missing: &[(String, String)]) -> bool {
    for (name, label) in missing {
        eprintln!(
            "{} {}",
            t!("label-error"),
            t!("var-missing", label = label.as_str(), name = name.as_str())
        );
        eprintln!("{} {}", t!("label-hint"), t!("var-missing-hint", name = name.as_str()));
    }
    !missing.is_empty()
}

fn check(input: &InputArgs, jobs: Option<usize>, json: bool, today: Date) -> Result<ExitCode, Failure> {
    let (roster, cfg) = load(input, None, today)?;
    let missing = report_missing_vars(&cfg.required_vars_missing(&roster));
    let placeholders = report_placeholders(&cfg.placeholders_left(&roster), false) || missing;
    let plan = batch::in_pool(jobs, || batch::check_roster(&roster, &cfg, &NoProgress))?;
    let total = plan.valid + plan.invalid_records;
    if json {
        println!("{}", crate::batch::plan_json(&roster, &plan));
    } else {
        for p in &plan.problems {
            print_problem(p);
        }
        print_notes(&plan.notes, &plan.shrunk, &cfg.template);
        if plan.problems.is_empty() {
            println!("{}", t!("check-clean", file = roster.file.to_string(), records = plan.valid));
        } else {
            println!(
                "{}",
                t!(
                    "check-problems",
                    file = roster.file.to_string(),
                    problems = plan.problems.len(),
                    bad = plan.invalid_records,
                    total = total
                )
            );
        }
    }
    Ok(if plan.problems.is_empty() && !placeholders { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

fn render(
    roster: roster::Roster,
    cfg: &BatchConfig,
    out: Option<&Path>,
    merged: Option<&Path>,
    quiet: bool,
) -> Result<ExitCode, Failure> {
    render_report(roster, cfg, out, merged, quiet).map(|(code, _)| code)
}

fn render_report(
    roster: roster::Roster,
    cfg: &BatchConfig,
    out: Option<&Path>,
    merged: Option<&Path>,
    quiet: bool,
) -> Result<(ExitCode, batch::BatchReport), Failure> {
    let bar = Bar::new(quiet);
    let report = batch::render(roster, cfg, out, merged, &bar)?;
    for p in &report.skipped {
        print_problem(p);
    }
    print_notes(&report.notes, &report.shrunk, &cfg.template);
    let pdfa = if report.pdf_a { "PDF/A-2b" } else { "PDF" };
    let n = report.files.total();
    let line = match (out, &report.merged_shown()) {
        (Some(dir), None) => t!("render-wrote-dir", n = n, pdfa = pdfa, dir = dir.display().to_string()),
        (Some(dir), Some(m)) => t!(
            "render-wrote-dir-merged",
            n = n,
            pdfa = pdfa,
            dir = dir.display().to_string(),
            merged = m.as_str()
        ),
        (None, Some(m)) => {
            t!("render-wrote-merged", n = report.merged_pages, pdfa = pdfa, merged = m.as_str())
        }
        (None, None) => t!("render-wrote-nothing"),
    };
    print!("{line}");
    if report.skipped_records > 0 {
        println!("; {}", t!("summary-skipped", n = report.skipped_records));
        return Ok((ExitCode::from(1), report));
    }
    println!();
    Ok((ExitCode::SUCCESS, report))
}

fn demo(out: &Path, quiet: bool, today: Date) -> Result<ExitCode, Failure> {
    let tpl = Template::load(template::DEFAULT_TEMPLATE)?;
    let vars = template::parse_vars("built-in examples/tan-binh-2019.toml", SAMPLE_VARS)?;
    let mut cfg = BatchConfig::new(tpl, vars, BTreeMap::new(), today)?;
    let roster = roster::parse("built-in examples/roster.csv".into(), SAMPLE_ROSTER)?;
    // Throwaway keys, made once and reused by later demo runs into the same folder.
    let key_dir = out.join("keys");
    if !key_dir.join(keys::TRUST).exists() {
        let g = keys::generate(
            &key_dir,
            "Trung tâm Bồi dưỡng chính trị quận Tân Bình (thử nghiệm)",
            "xacthuc.example.vn",
            today,
            &keys::KeygenOptions::default(),
        )?;
        let dir = key_dir.display().to_string();
        println!("{}", t!("demo-keys", dir = dir, fingerprint = g.root_fingerprint.as_str()));
    }
    attach_signer(&mut cfg, &key_dir, today)?;
    let merged = out.join("ban-in-gop.pdf");
    let register = out.join(DEMO_REGISTER);
    let opts = IssueOptions {
        batch: "roster.csv".into(),
        batch_named: true,
        roster_path: roster.file.to_string(),
        reissue: false,
        today,
        blanks: None,
        replace_merged: false,
    };
    let (code, report) =
        issue_report(roster, &mut cfg, &register, (&key_dir, None), &opts, Some(out), Some(&merged), quiet)?;
    if let Some(first) = &report.files.first {
        let trust_file = key_dir.join(keys::TRUST);
        let trust = load_trust(std::slice::from_ref(&trust_file), &[], (None, None))?;
        let r = verify::verify_input(&first.display().to_string(), &trust);
        let file = first.display().to_string();
        println!(
            "{}",
            t!(
                "demo-verified",
                file = file.as_str(),
                verdict = r.verdict.name(),
                message = crate::l10n::verdict::detail(&r)
            )
        );
        if r.verdict != verify::Verdict::Valid {
            return Ok(ExitCode::from(1));
        }
        println!("{}", t!("demo-try-verify", file = file.as_str(), trust = trust_file.display().to_string()));
        println!("{}", t!("demo-try-register", register = register.display().to_string()));
        let site = out.join("site").display().to_string();
        println!("{}", t!("demo-try-site", keys = key_dir.display().to_string(), site = site));
    }
    Ok(code)
}

fn keygen(
    out: &Path,
    issuer: &str,
    host: &str,
    force: bool,
    (root_key, encrypt): (Option<PathBuf>, bool),
    today: Date,
) -> Result<ExitCode, Failure> {
    if force {
        return Err(Failure::NoForce(out.to_path_buf()));
    }
    let passphrase = match encrypt {
        true => {
            Some(crate::seal::sign::new_passphrase(&out.join(keys::SIGNING_KEY)).map_err(KeysError::from)?)
        }
        false => None,
    };
    let opts = keys::KeygenOptions { root_key: root_key.clone(), passphrase };
    if keys::is_example_host(host) {
        eprintln!("{} {}", t!("label-warning"), t!("keygen-example-host", host = host));
    }
    let g = keys::generate(out, issuer, host, today, &opts)?;
    for f in &g.files {
        println!("{}", t!("keygen-wrote", file = f.display().to_string()));
    }
    println!("{}", t!("keygen-kid", kid = g.signing_kid.as_str()));
    println!("{}", t!("keygen-fingerprint", fingerprint = g.root_fingerprint.as_str()));
    println!(
        "{}",
        t!("keygen-keep", root = keys::root_key_path(out, root_key.as_deref()).display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}

/// `print`: certificates again from the register.
fn print_again(
    register: &Path,
    (out, merged): (Option<&Path>, Option<&Path>),
    (batch, serials, shard): (Option<String>, Vec<String>, Option<Shard>),
    (reprint_spoiled, (offset_mm, merged_pages, replace_merged)): (Option<BlankSerial>, PageLayoutArgs),
    quiet: bool,
    today: Date,
) -> Result<ExitCode, Failure> {
    let shard = match shard {
        Some((Some(k), n)) => Some((k, n)),
        Some((None, n)) => match shard_index_from_env() {
            Some(k) if (1..=n).contains(&k) => Some((k, n)),
            _ => return Err(Failure::NoShardIndex(n)),
        },
        None => None,
    };
    let mut reg = Register::open(register, false, || {
        eprintln!("{}", t!("register-waiting", file = register.display().to_string()))
    })?;
    let opts = crate::register::print::PrintOptions {
        batch,
        serials,
        shard,
        reprint_spoiled,
        offset_mm,
        merged_pages,
        replace_merged,
    };
    let bar = Bar::new(quiet);
    let printed = crate::register::print::print(&mut reg, &opts, out, merged, today, &bar)?;
    let reports = &printed.reports;
    let n: usize = reports.iter().map(|r| r.files.total().max(r.merged_pages)).sum();
    let written: usize = reports.iter().map(|r| r.files.written).sum();
    print!("{}", t!("print-done", register = register.display().to_string(), n = n, written = written));
    match (&printed.tray, opts.reprint_spoiled.is_some()) {
        (Some((first, last)), _) => {
            println!("; {}", t!("issue-summary-tray", n = n, first = first.as_str(), last = last.as_str()))
        }
        (None, true) => {
            println!("; {}", t!("print-nothing-spoiled"));
            for (serial, blank) in &printed.reprinted_before {
                let said = t!("print-reprinted-before", serial = serial.as_str(), blank = blank.as_str());
                eprintln!("{} {said}", t!("label-note"));
            }
        }
        (None, false) => println!(),
    }
    Ok(ExitCode::SUCCESS)
}

/// `keys list|rotate|compromise`.
fn keys_command(k: KeysCommand, today: Date) -> Result<ExitCode, Failure> {
    match k {
        KeysCommand::List { keys: dir } => {
            let (issuer, list) = keys::list(&dir, today)?;
            let m = &issuer.manifest;
            println!(
                "{}",
                t!(
                    "keys-list-head",
                    issuer = m.issuer.name_vi.as_str(),
                    seq = m.seq,
                    root = issuer.root.fingerprint()
                )
            );
            for k in &list {
                let state = match &k.state {
                    keys::KeyState::InUse => t!("keys-state-in-use"),
                    keys::KeyState::Valid => t!("keys-state-valid"),
                    keys::KeyState::Announced => t!("keys-state-announced"),
                    keys::KeyState::Retired => t!("keys-state-retired"),
                    keys::KeyState::Compromised(since) => {
                        t!("keys-state-compromised", since = verify::day(since))
                    }
                };
                let side = |d: &Option<String>| d.as_deref().map(verify::day).unwrap_or_else(|| "…".into());
                let private = if k.private_here { t!("keys-private-here") } else { String::new() };
                println!(
                    "  {}  {:<28} {} – {}  {private}",
                    k.kid,
                    state,
                    side(&k.not_before),
                    side(&k.not_after)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        KeysCommand::Rotate { keys: dir, from, root_key } => {
            let from = from.unwrap_or(today);
            let c = keys::rotate(&dir, root_key.as_deref(), from, today)?;
            print_change(&dir, &c, from);
            Ok(ExitCode::SUCCESS)
        }
        KeysCommand::Compromise { keys: dir, kid, since, root_key } => {
            match keys::compromise(&dir, root_key.as_deref(), &kid, since, today)? {
                None => println!("{}", t!("keys-already-compromised", kid = kid.as_str())),
                Some(c) => {
                    println!("{}", t!("keys-compromised", kid = kid.as_str(), since = since.to_string()));
                    print_change(&dir, &c, today);
                    publish_ledger_index(&dir)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// After `keys compromise`: the index of the folder's ledgers, written again, and what to publish
/// so that the verification page proves the key's genuine certificates without a new `site`
/// (issue 28, item 10).
fn publish_ledger_index(dir: &Path) -> Result<(), Failure> {
    let (index, skipped) = keys::write_ledger_index(dir)?;
    for e in &skipped {
        eprintln!("{} {}", t!("label-warning"), t!("ledger-skipped", error = e.to_string()));
    }
    println!(
        "{}",
        t!(
            "keys-compromised-publish",
            trust = dir.join(keys::TRUST).display().to_string(),
            index = index.display().to_string(),
            ledgers = dir.join(keys::LEDGERS).display().to_string()
        )
    );
    Ok(())
}

fn print_change(dir: &Path, c: &keys::Changed, from: Date) {
    for kid in &c.retired {
        println!("{}", t!("keys-retired", kid = kid.as_str(), until = from.to_string()));
    }
    if let Some((kid, file)) = &c.new_key {
        println!(
            "{}",
            t!("keys-new", kid = kid.as_str(), from = from.to_string(), file = file.display().to_string())
        );
    }
    println!("{}", t!("keys-publish", seq = c.seq, trust = dir.join(keys::TRUST).display().to_string()));
}

/// Loads the key that signs on `today` and the manifest from `dir` into the batch: issue mode.
/// Every code it signs carries today as its signing date (claim 15).
fn attach_signer(cfg: &mut BatchConfig, dir: &Path, today: Date) -> Result<(), Failure> {
    let (key, issuer) = keys::load_for_issue(dir, today)?;
    let host = issuer.manifest.issuer.domain.clone();
    cfg.vars.insert("host".into(), host.clone());
    let mut signer = batch::Signer::new(key, host, &cfg.template, today)?;
    signer.issuer_kids = issuer.keys.iter().map(|(_, k)| k.kid).collect();
    cfg.signer = Some(signer);
    Ok(())
}

fn load_trust(
    trust: &[PathBuf],
    revoked: &[PathBuf],
    (root, state): (Option<&str>, Option<&Path>),
) -> Result<verify::Trust, Failure> {
    let mut t = verify::Trust { today: Some(today_in_vietnam()), ..Default::default() };
    let mut seen = crate::seal::seen::Seen::load(state)?;
    let mut ledger_dirs = Vec::new();
    let mut lists = revoked.to_vec();
    for p in trust {
        let file = if p.is_dir() { p.join(keys::TRUST) } else { p.clone() };
        t.add_issuer(trust::load_manifest(&file, root)?);
        let beside = file.with_file_name(keys::REVOKED);
        if beside.is_file() && !lists.contains(&beside) {
            lists.push(beside);
        }
        ledger_dirs.push(file.with_file_name(keys::LEDGERS));
    }
    for i in &t.issuers {
        seen.admit(&i.root.fingerprint(), "trust manifest", i.manifest.seq, &i.path)?;
    }
    for p in &lists {
        let (list, signer) = trust::load_revocations(p, &t.issuers)?;
        let idx =
            t.issuers.iter().position(|i| std::ptr::eq(i, signer)).expect("the signer is one of the issuers");
        t.revocations.push((list, idx));
    }
    // Of one issuer's lists the newest is used. One seen before is required afterwards: none
    // given, or an older one, is no error but the verdict "cannot check revocation" (issue 28,
    // finding 5), so the list seen before is handed to the verifier.
    for (idx, issuer) in t.issuers.iter().enumerate() {
        let fingerprint = issuer.root.fingerprint();
        let before = seen.list_seen_before(&fingerprint);
        if before > 0 {
            t.lists_seen.push((idx, before));
        }
        let newest =
            t.revocations.iter().zip(&lists).filter(|((_, i), _)| *i == idx).max_by_key(|((l, _), _)| l.seq);
        if let Some(((list, _), path)) = newest.filter(|((l, _), _)| l.seq >= before) {
            seen.admit(&fingerprint, "revocation list", list.seq, path)?;
        }
    }
    for dir in ledger_dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for p in files {
            // One bad file (a stray `{}`, a broken download) is said once and left out: the
            // other ledgers still decide, and a code only it could vouch for is not vouched for.
            let (ledger, signer) = match trust::load_ledger(&p, &t.issuers) {
                Ok(read) => read,
                Err(e) => {
                    eprintln!("{} {}", t!("label-warning"), t!("ledger-skipped", error = e.to_string()));
                    continue;
                }
            };
            let idx = t
                .issuers
                .iter()
                .position(|i| std::ptr::eq(i, signer))
                .expect("the signer is one of the issuers");
            t.ledgers.push((ledger, idx));
        }
    }
    if let Err(e) = seen.save() {
        let file = seen.path().map(|p| p.display().to_string()).unwrap_or_default();
        eprintln!("{} {}", t!("label-warning"), t!("seen-not-saved", file = file, error = e.to_string()));
    }
    Ok(t)
}

fn verify(
    input: &str,
    trust: &[PathBuf],
    revoked: &[PathBuf],
    (root, state): (Option<&str>, Option<&Path>),
    json: bool,
) -> ExitCode {
    let t = match load_trust(trust, revoked, (root, state)) {
        Ok(t) => t,
        Err(e) => {
            report(&e);
            return ExitCode::from(2);
        }
    };
    let r = verify::verify_input_with(input, &t, &sandbox::read_isolated);
    if json {
        println!("{}", crate::l10n::verdict::to_json(&r));
    } else {
        print!("{}", crate::l10n::verdict::to_text(&r));
    }
    ExitCode::from(r.verdict.exit_code())
}

/// Vietnam's date right now (UTC+7, no daylight saving). Only the command line reads the clock;
/// the library is always told the date.
fn today_in_vietnam() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    crate::viet::Date::from_days((secs + 7 * 3600).div_euclid(86_400))
}

/// The progress bar: on stderr, only when stderr is a terminal.
struct Bar {
    bar: Option<indicatif::ProgressBar>,
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        let show = !quiet && std::io::stderr().is_terminal();
        Bar { bar: show.then(indicatif::ProgressBar::hidden) }
    }
}

impl Progress for Bar {
    fn start(&self, phase: &str, total: usize) {
        if let Some(b) = &self.bar {
            b.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            b.reset();
            b.set_length(total as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template(&format!(
                    "{{msg:>9}} [{{bar:40}}] {{pos}}/{{len}} ({{percent}}%) {} {{eta}}",
                    t!("progress-left")
                ))
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            b.set_message(phase.to_string());
        }
    }
    fn advance(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }
    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// Everything that stops a command, with what to print for it.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Roster(#[from] RosterError),
    #[error(transparent)]
    Batch(#[from] BatchError),
    #[error(transparent)]
    Keys(#[from] KeysError),
    #[error(transparent)]
    Trust(#[from] TrustError),
    #[error(transparent)]
    Register(#[from] RegisterError),
    #[error(transparent)]
    Export(#[from] crate::register::export::ExportError),
    #[error(transparent)]
    Site(#[from] crate::site::SiteError),
    #[error("{}", crate::t!("err-cli-listen", port = format!("{}", .port)))]
    Listen {
        port: u16,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", crate::t!("err-cli-serve"))]
    Serve(#[source] std::io::Error),
    #[error(transparent)]
    Issue(IssueError),
    #[error(transparent)]
    Seen(#[from] crate::seal::seen::SeenError),
    #[error(transparent)]
    Print(#[from] crate::register::print::PrintError),
    #[error(transparent)]
    Pdf(#[from] crate::render::pdf::PdfError),
    #[error(transparent)]
    Io(#[from] crate::error::IoError),
    #[error("{}", t!("err-cli-paper", size = .0.as_str()))]
    Paper(String),
    #[error("{}", t!("err-cli-no-shard-index", n = *.0))]
    NoShardIndex(usize),
    #[error("{}", crate::t!("err-cli-no-force", path = format!("{}", .0.display())))]
    NoForce(PathBuf),
    #[error("{}", crate::t!("err-cli-need-root"))]
    NeedRoot(#[source] KeysError),
}

impl From<IssueError> for Failure {
    fn from(e: IssueError) -> Failure {
        match e {
            IssueError::Batch(b) => Failure::Batch(b),
            IssueError::Register(r) => Failure::Register(r),
            IssueError::Template(t) => Failure::Template(t),
            e => Failure::Issue(e),
        }
    }
}

/// What was read generously (each with its hint), and every text set smaller than its template
/// asks, so that the clerk can look at those pages.
fn print_notes(
    notes: &[Problem],
    shrunk: &[(crate::error::Origin, crate::render::layout::Shrunk)],
    template: &crate::template::Template,
) {
    for n in notes {
        eprintln!("{} {n}", t!("label-note"));
        if let Some(h) = n.error.hint() {
            eprintln!("{} {h}", t!("label-hint"));
        }
    }
    for (origin, s) in shrunk {
        eprintln!(
            "{} {}",
            t!("label-note"),
            t!(
                "note-shrunk",
                origin = origin.to_string(),
                // The field's label (Họ và tên) where the element prints one, never its id.
                element = template.field_label(&s.element),
                from = format!("{:.1}", s.from_pt),
                to = format!("{:.1}", s.to_pt)
            )
        );
    }
}

fn print_problem(p: &Problem) {
    eprintln!("{} {p}", t!("label-error"));
    if let Some(h) = p.error.hint() {
        eprintln!("{} {h}", t!("label-hint"));
    }
}

fn report(e: &Failure) {
    let hint: Option<String> = match e {
        Failure::Batch(BatchError::Invalid { problems, .. }) => {
            for p in problems {
                print_problem(p);
            }
            None
        }
        // Each error knows its own hint, written where the error is made.
        Failure::Template(t) => t.hint(),
        Failure::Roster(r) => r.hint(),
        Failure::Batch(b) => b.hint(),
        Failure::Keys(k) => k.hint(),
        Failure::Trust(t) => t.hint(),
        Failure::Register(r) => r.hint(),
        Failure::Site(s) => s.hint(),
        Failure::Issue(i) => i.hint(),
        Failure::Seen(s) => s.hint(),
        Failure::Print(p) => p.hint(),
        Failure::NoShardIndex(_) => Some(t!("hint-cli-shard")),
        Failure::NeedRoot(_) => Some(t!("hint-cli-need-root")),
        Failure::NoForce(_) => Some(t!("hint-cli-no-force")),
        Failure::Listen { .. } => Some(t!("hint-cli-listen")),
        Failure::Paper(_) => Some(t!("hint-cli-paper")),
        Failure::Pdf(p) => p.hint(),
        Failure::Export(_) | Failure::Serve(_) | Failure::Io(_) => None,
    };
    eprintln!("{} {e}", t!("label-error"));
    let mut cause = std::error::Error::source(e);
    let mut said = e.to_string();
    while let Some(c) = cause {
        // thiserror's transparent variants repeat their source's message, and some errors say
        // their cause's words within their own: print each cause once, and only if not yet said.
        let words = c.to_string();
        if !said.contains(&words) {
            eprintln!("{} {}", t!("label-caused-by"), cause_in_words(c));
            said.push('\n');
            said.push_str(&words);
        }
        cause = c.source();
    }
    if let Some(h) = hint {
        eprintln!("{} {h}", t!("label-hint"));
    }
}

/// A cause as the clerk reads it: the operating system's commonest answers in the run's
/// language (its own words are English), anything else as it says it.
fn cause_in_words(c: &(dyn std::error::Error + 'static)) -> String {
    use std::io::ErrorKind;
    let Some(io) = c.downcast_ref::<std::io::Error>() else { return c.to_string() };
    match io.kind() {
        ErrorKind::NotFound => t!("os-not-found"),
        ErrorKind::PermissionDenied => t!("os-permission-denied"),
        ErrorKind::AlreadyExists => t!("os-already-exists"),
        ErrorKind::IsADirectory => t!("os-is-a-directory"),
        ErrorKind::NotADirectory => t!("os-not-a-directory"),
        ErrorKind::StorageFull => t!("os-storage-full"),
        ErrorKind::ReadOnlyFilesystem => t!("os-read-only"),
        _ => io.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and option has its help text in the catalogues (both languages, as the
    /// catalogue test checks), and every help text of the catalogues belongs to one.
    #[test]
    fn every_command_and_option_has_its_help_text_and_no_other() {
        use clap::CommandFactory;
        fn walk(c: &clap::Command, path: &str, found: &mut Vec<String>, missing: &mut Vec<String>) {
            for what in ["about"] {
                match help_id(path, what) {
                    Some(id) => found.push(id),
                    None => missing.push(format!("{path} {what}")),
                }
            }
            if let Some(id) = help_id(path, "long") {
                found.push(id);
            }
            for a in c.get_arguments() {
                match help_id(path, &format!("arg-{}", a.get_id())) {
                    Some(id) => found.push(id),
                    None => missing.push(format!("{path} --{}", a.get_id())),
                }
            }
            for s in c.get_subcommands() {
                let p = if path.is_empty() {
                    s.get_name().to_string()
                } else {
                    format!("{path}-{}", s.get_name())
                };
                walk(s, &p, found, missing);
            }
        }
        let (mut found, mut missing) = (Vec::new(), Vec::new());
        walk(&Cli::command(), "", &mut found, &mut missing);
        assert!(missing.is_empty(), "no help text for: {missing:?}");
        let catalogue = include_str!("../l10n/vi.ftl");
        let framing = [
            "help-usage",
            "help-commands",
            "help-arguments",
            "help-options",
            "help-flag-help",
            "help-flag-version",
            "help-after",
            "help-values",
            "help-default",
        ];
        for id in catalogue
            .lines()
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
            .filter(|id| id.starts_with("help-"))
        {
            // Value names (`help-value-FILE`) are named by the options that use them.
            let value_name = id.strip_prefix("help-value-").is_some_and(|v| {
                let used = |n: &str| n.replace(['=', '/'], "-") == v;
                ["options", "command"].contains(&v)
                    || Cli::command().get_subcommands().any(|c| {
                        fn any_arg(c: &clap::Command, used: &dyn Fn(&str) -> bool) -> bool {
                            c.get_arguments()
                                .any(|a| a.get_value_names().unwrap_or_default().iter().any(|n| used(n)))
                                || c.get_subcommands().any(|s| any_arg(s, used))
                        }
                        any_arg(c, &used)
                    })
            });
            assert!(
                found.iter().any(|f| f == id) || framing.contains(&id) || value_name,
                "{id} is no command's or option's help"
            );
        }
    }

    #[test]
    fn today_in_vietnam_is_a_valid_date() {
        let d = today_in_vietnam();
        assert!(Date::new(d.year, d.month, d.day).is_ok());
        assert!(d.year >= 2024);
    }

    #[test]
    fn set_needs_key_and_value() {
        assert_eq!(parse_key_val("dia_danh=Tân Bình").unwrap(), ("dia_danh".into(), "Tân Bình".into()));
        assert!(parse_key_val("dia_danh").is_err());
        assert!(parse_key_val("=x").is_err());
    }
}
