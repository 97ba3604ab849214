//! The command line's arguments (clap derive). Every help text — each command's about and long
//! about, each option's help — comes from the catalogue (`help-COMMAND-…`, `help-arg-…`), set
//! by `cli::help` in the run's language; none is written here. What clap checks of a value is
//! checked by the `parse_*` functions, whose refusals are worded from the catalogue too.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::input::legacy::Legacy;
use crate::input::order::SortOrder;
use crate::register::blanks::BlankSerial;
use crate::seal::verify;
use crate::t;
use crate::template;
use crate::viet::Date;

/// The register file `issue` keeps when none is given.
pub(super) const DEFAULT_REGISTER: &str = "chungnhan.sqlite";

/// The command line, parsed (`cli::parse`).
#[derive(Debug, Parser)]
#[command(name = "chungnhan", version)]
pub struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
    #[arg(long, global = true, value_name = "vi|en", value_parser = ["vi", "en"])]
    pub(super) lang: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    Demo(DemoArgs),
    Render(RenderArgs),
    Check(CheckArgs),
    Keygen(KeygenArgs),
    Issue(IssueArgs),
    Revoke(RevokeArgs),
    #[command(subcommand)]
    Keys(KeysCommand),
    Print(PrintArgs),
    Spoil(SpoilArgs),
    Calibrate(CalibrateArgs),
    #[command(subcommand)]
    Register(RegisterCommand),
    Site(SiteArgs),
    Verify(VerifyArgs),
    Esign(super::esign::EsignCommandArgs),
    Templates {
        #[command(subcommand)]
        action: Option<TemplatesCommand>,
    },
    // The workbench in a browser (issue 30: cli::ui, crate::ui).
    Ui(super::ui::UiArgs),
    // Run by `verify` as child processes held to a time and memory budget (cli::sandbox).
    #[command(name = "__scan-pdf-page", hide = true)]
    ScanPdfPage {
        #[arg(long, default_value_t = 150.0)]
        dpi: f32,
    },
    #[command(name = "__scan-image", hide = true)]
    ScanImage,
}

#[derive(Debug, Args)]
pub(super) struct DemoArgs {
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub(super) struct RenderArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[arg(long)]
    pub grid: bool,
}

#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Args)]
pub(super) struct KeygenArgs {
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[arg(long, value_name = "NAME")]
    pub issuer: String,
    #[arg(long, value_name = "HOST")]
    pub host: String,
    // Refused: keygen never replaces keys (kept so that old scripts get a clear answer).
    #[arg(long, hide = true)]
    pub force: bool,
    #[arg(long, value_name = "FILE")]
    pub root_key: Option<PathBuf>,
    #[arg(long)]
    pub encrypt: bool,
}

#[derive(Debug, Args)]
pub(super) struct IssueArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_name = "DIR")]
    pub keys: PathBuf,
    #[arg(long, value_name = "FILE")]
    pub root_key: Option<PathBuf>,
    #[command(flatten)]
    pub register: RegisterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[arg(long, value_name = "FIRST", value_parser = parse_blank)]
    pub blanks: Option<BlankSerial>,
    #[command(flatten)]
    pub esign: super::esign::EsignArgs,
}

#[derive(Debug, Args)]
pub(super) struct RevokeArgs {
    #[arg(value_name = "SERIAL")]
    pub serial: String,
    #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
    pub register: PathBuf,
    #[arg(long, value_name = "DIR")]
    pub keys: PathBuf,
    #[arg(long, value_name = "REASON", value_parser = parse_reason)]
    pub reason: String,
    #[arg(long, value_name = "TEXT")]
    pub decision: Option<String>,
    #[arg(long)]
    pub change_reason: bool,
    #[arg(long, value_name = "FILE")]
    pub root_key: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct PrintArgs {
    #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
    pub register: PathBuf,
    #[arg(long, value_name = "DIR", required_unless_present = "merged")]
    pub out: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub merged: Option<PathBuf>,
    #[arg(long, value_name = "N", requires = "merged", value_parser = clap::value_parser!(u32).range(1..))]
    pub merged_pages: Option<u32>,
    #[arg(long, requires = "merged")]
    pub replace_merged: bool,
    #[arg(long, value_name = "NAME")]
    pub batch: Option<String>,
    #[arg(long, value_name = "SERIAL")]
    pub serial: Vec<String>,
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    #[arg(long, requires = "blanks")]
    pub reprint_spoiled: bool,
    #[arg(long, value_name = "FIRST", value_parser = parse_blank, requires = "reprint_spoiled")]
    pub blanks: Option<BlankSerial>,
    #[arg(long, value_name = "X,Y", value_parser = parse_offset, allow_hyphen_values = true)]
    pub offset: Option<(f32, f32)>,
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub esign: super::esign::EsignArgs,
}

#[derive(Debug, Args)]
pub(super) struct SpoilArgs {
    #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
    pub register: PathBuf,
    #[arg(long, value_name = "BLANK", value_parser = parse_non_empty)]
    pub blank: String,
    #[arg(long, value_name = "TEXT", value_parser = parse_non_empty)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub(super) struct CalibrateArgs {
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[arg(long, value_name = "SIZE", default_value = "A4")]
    pub size: String,
    #[arg(long, value_name = "ORIENTATION", default_value = "landscape", value_parser = ["portrait", "landscape"])]
    pub orientation: String,
    #[arg(long, value_name = "X,Y", value_parser = parse_offset, allow_hyphen_values = true)]
    pub offset: Option<(f32, f32)>,
}

#[derive(Debug, Args)]
pub(super) struct SiteArgs {
    #[arg(long, value_name = "DIR")]
    pub keys: PathBuf,
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[arg(long)]
    pub serve: bool,
    #[arg(long, value_name = "N", default_value_t = 8000)]
    pub port: u16,
    #[arg(long, value_name = "FILE")]
    pub register: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(super) struct VerifyArgs {
    #[arg(value_name = "INPUT", required_unless_present = "lookup")]
    pub input: Option<String>,
    #[arg(long, value_name = "FILE")]
    pub trust: Vec<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub revoked: Vec<PathBuf>,
    #[arg(long, value_name = "FINGERPRINT")]
    pub root: Option<String>,
    #[arg(long)]
    pub json: bool,
    #[arg(long, value_name = "DIR")]
    pub state: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub ca: Vec<PathBuf>,
    #[command(flatten)]
    pub lookup: super::verify_lookup::LookupArgs,
}

#[derive(Debug, Subcommand)]
pub(super) enum TemplatesCommand {
    Export {
        #[arg(value_name = "NAME")]
        name: String,
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum KeysCommand {
    List {
        #[arg(long, value_name = "DIR")]
        keys: PathBuf,
    },
    Rotate {
        #[arg(long, value_name = "DIR")]
        keys: PathBuf,
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        from: Option<Date>,
        #[arg(long, value_name = "FILE")]
        root_key: Option<PathBuf>,
    },
    Compromise {
        #[arg(long, value_name = "DIR")]
        keys: PathBuf,
        #[arg(long, value_name = "KID")]
        kid: String,
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        since: Date,
        #[arg(long, value_name = "FILE")]
        root_key: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum RegisterCommand {
    Export(ExportArgs),
    Audit {
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        #[arg(long, value_name = "DIR")]
        keys: PathBuf,
    },
    Find {
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        #[arg(value_name = "TEXT")]
        text: String,
    },
    Show {
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        #[arg(value_name = "SERIAL")]
        serial: String,
    },
    Backup {
        #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
        register: PathBuf,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
    pub register: PathBuf,
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[arg(long, value_name = "NAME")]
    pub batch: Option<String>,
    #[arg(long, value_name = "ORDER", default_value = "so", value_parser = ["so", "ten"])]
    pub sort: String,
    #[arg(long)]
    pub blanks: bool,
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub date: Option<Date>,
}

// How `issue` uses the register.
#[derive(Debug, Args)]
pub(super) struct RegisterArgs {
    #[arg(long, value_name = "FILE", default_value = DEFAULT_REGISTER)]
    pub register: PathBuf,
    #[arg(long, value_name = "NAME")]
    pub batch: Option<String>,
    #[arg(long)]
    pub reissue: bool,
    #[arg(long, requires = "merged")]
    pub replace_merged: bool,
}

// Where and how `render` and `issue` write.
#[derive(Debug, Args)]
pub(super) struct OutputArgs {
    #[arg(long, value_name = "DIR", required_unless_present = "merged")]
    pub out: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub merged: Option<PathBuf>,
    #[arg(long, value_name = "N", requires = "merged", value_parser = clap::value_parser!(u32).range(1..))]
    pub merged_pages: Option<u32>,
    #[arg(long, value_name = "PATTERN")]
    pub name: Option<String>,
    #[arg(long, value_name = "ORDER", value_parser = parse_sort, default_value = "roster")]
    pub sort: SortOrder,
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    #[arg(long)]
    pub skip_invalid: bool,
    #[arg(long, value_name = "X,Y", value_parser = parse_offset, allow_hyphen_values = true)]
    pub offset: Option<(f32, f32)>,
    #[arg(long, short)]
    pub quiet: bool,
}

impl OutputArgs {
    /// The five settings of a written batch.
    pub fn settings(&self) -> crate::run::Settings {
        crate::run::Settings {
            skip_invalid: self.skip_invalid,
            jobs: self.jobs,
            sort: self.sort,
            offset_mm: self.offset,
            merged_pages: self.merged_pages.map(|n| n as usize),
        }
    }
}

// Where a batch's records come from.
#[derive(Debug, Args)]
pub(super) struct InputArgs {
    #[arg(long, value_name = "FILE")]
    pub roster: PathBuf,
    #[arg(long, short, value_name = "T", default_value = template::DEFAULT_TEMPLATE)]
    pub template: String,
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<Legacy>,
    #[arg(long, value_name = "FILE")]
    pub vars: Option<PathBuf>,
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_key_val)]
    pub set: Vec<(String, String)>,
    #[arg(long = "map", value_name = "HEADER=FIELD", value_parser = parse_key_val)]
    pub map: Vec<(String, String)>,
    #[arg(long)]
    pub allow_duplicates: bool,
}

impl InputArgs {
    /// The workflows' input, with the file name pattern `name` when given.
    pub fn to_input(&self, name: Option<&str>) -> crate::run::Input {
        crate::run::Input {
            roster: self.roster.clone(),
            template: self.template.clone(),
            sheet: self.sheet.clone(),
            encoding: self.encoding,
            vars: self.vars.clone(),
            set: self.set.clone(),
            map: self.map.clone(),
            allow_duplicates: self.allow_duplicates,
            file_name: name.map(str::to_string),
        }
    }
}

/// `--shard K/N`: K (when given) and N.
pub(super) type Shard = (Option<usize>, usize);

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
pub(super) fn parse_offset(s: &str) -> Result<(f32, f32), String> {
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

/// `--reason`: the Vietnamese words or the list's code, as the code the signed list keeps.
fn parse_reason(typed: &str) -> Result<String, String> {
    verify::reason_code(typed).map(str::to_string).ok_or_else(|| t!("err-reason-unknown", given = typed))
}

fn parse_sort(s: &str) -> Result<SortOrder, String> {
    SortOrder::from_name(s).ok_or_else(|| t!("cli-bad-order", value = format!("{s:?}")))
}

fn parse_encoding(s: &str) -> Result<Legacy, String> {
    Legacy::from_name(s).ok_or_else(|| t!("cli-bad-encoding", value = format!("{s:?}")))
}

/// Most bytes a `--set` or `--map` argument may have: 64 KiB, far past any name, date or
/// title; longer text belongs in a `--vars` file.
const MAX_KEY_VAL_BYTES: usize = 64 * 1024;

pub(super) fn parse_key_val(s: &str) -> Result<(String, String), String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_needs_key_and_value() {
        assert_eq!(parse_key_val("dia_danh=Tân Bình").unwrap(), ("dia_danh".into(), "Tân Bình".into()));
        assert!(parse_key_val("dia_danh").is_err());
        assert!(parse_key_val("=x").is_err());
    }
}
