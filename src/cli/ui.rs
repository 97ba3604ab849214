//! `chungnhan ui`: the glue between the command line and the workbench (`crate::ui`): its
//! options, starting it (first line of standard output: the address with its token), and the
//! binary double-clicked (no arguments, no terminal), which opens the workbench on its folder.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::t;

/// `chungnhan ui`'s options.
#[derive(Debug, Args)]
pub(crate) struct UiArgs {
    /// The working folder (default: the current folder).
    #[arg(long, value_name = "DIR")]
    folder: Option<PathBuf>,
    /// The key folder (default: DIR/khoa).
    #[arg(long, value_name = "DIR")]
    keys: Option<PathBuf>,
    /// The register (default: DIR/chungnhan.sqlite).
    #[arg(long, value_name = "FILE")]
    register: Option<PathBuf>,
    /// The port on 127.0.0.1 (0: any free one).
    #[arg(long, value_name = "N", default_value_t = 0)]
    port: u16,
    /// Do not open the browser.
    #[arg(long)]
    no_browser: bool,
}

/// The key folder inside the working folder when `--keys` is not given.
const KEYS_DIR: &str = "khoa";

/// Runs the workbench until the process is stopped.
pub(super) fn run(a: UiArgs) -> ExitCode {
    let folder = a.folder.unwrap_or_else(|| PathBuf::from("."));
    let opts = crate::ui::Options {
        keys: a.keys.unwrap_or_else(|| folder.join(KEYS_DIR)),
        register: a.register.unwrap_or_else(|| folder.join(super::args::DEFAULT_REGISTER)),
        folder,
        port: a.port,
        lang: crate::l10n::lang(),
    };
    // The keys folder and register given on the command line are made absolute here: the
    // workbench's child commands run in the working folder.
    let absolute = |p: PathBuf| std::path::absolute(&p).unwrap_or(p);
    let opts = crate::ui::Options { keys: absolute(opts.keys), register: absolute(opts.register), ..opts };
    let (state, server) = match crate::ui::bind(opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{} {e}", t!("label-error"));
            return ExitCode::from(2);
        }
    };
    let address = state.address();
    println!("{address}");
    eprintln!("{}", t!("ui-started", folder = state.opts.folder.display().to_string()));
    if !a.no_browser {
        crate::ui::open_browser(&address);
    }
    crate::ui::serve(state, server);
    ExitCode::SUCCESS
}

/// The program started with no arguments and no terminal (double-clicked): the workbench on
/// the binary's own folder. Otherwise the arguments as they are.
pub(super) fn double_clicked(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if args.len() != 1 || std::io::stdin().is_terminal() || std::io::stdout().is_terminal() {
        return args;
    }
    let Some(dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(PathBuf::from)) else {
        return args;
    };
    vec![args[0].clone(), "ui".into(), "--folder".into(), dir.into_os_string()]
}
