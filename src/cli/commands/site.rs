//! `site`: the verification site written (`run::site`), and with `--serve` served on 127.0.0.1
//! to try it.

use std::io::Write as _;
use std::process::ExitCode;

use super::Outcome;
use crate::cli::args::SiteArgs;
use crate::run::site::{self, SiteRequest};
use crate::run::RunError;
use crate::t;

pub(in crate::cli) fn run(a: &SiteArgs) -> Outcome {
    let starting =
        |count: usize, host: &str| eprintln!("{}", t!("lookup-computing", count = count, host = host));
    let lookup = a.register.as_deref().map(|r| (r, &starting as &dyn Fn(usize, &str)));
    let s = site::site(&SiteRequest { keys: &a.keys, out: &a.out, lookup })?;
    for e in &s.skipped {
        eprintln!("{} {}", t!("label-warning"), t!("ledger-skipped", error = e.to_string()));
    }
    let dir = a.out.display().to_string();
    println!("{}", t!("site-wrote", domain = s.domain.as_str(), out = dir.as_str(), files = s.files.len()));
    if let Some(l) = &s.lookup {
        for (serial, d) in &l.skipped {
            let (why, _) = crate::l10n::word_in(crate::l10n::lang(), d);
            eprintln!(
                "{} {}",
                t!("label-warning"),
                t!("lookup-skipped", serial = serial.as_str(), error = why)
            );
        }
        let (entries, buckets, computed, kept) = (l.entries, l.buckets, l.computed, l.kept);
        println!(
            "{}",
            t!("lookup-published", entries = entries, buckets = buckets, computed = computed, kept = kept)
        );
    }
    println!("{}", t!("site-pinned", fingerprint = s.root_fingerprint.as_str()));
    if !a.serve {
        println!("{}", t!("site-upload", out = dir.as_str(), domain = s.domain.as_str()));
        return Ok(ExitCode::SUCCESS);
    }
    let port = a.port;
    let listener = crate::site::serve::bind(port).map_err(|source| RunError::Listen { port, source })?;
    let addr = listener.local_addr().map_err(RunError::Serve)?;
    // The server outlives whoever reads its output: a closed stdout must not stop it.
    let mut stdout = std::io::stdout();
    // Tests and scripts read the address from this line: the one word starting "http://".
    let url = format!("http://{addr}/");
    let _ = writeln!(stdout, "{}", t!("site-serving", dir = dir.as_str(), url = url));
    let _ = writeln!(stdout, "{}", t!("site-open", domain = s.domain.as_str(), addr = addr.to_string()));
    let _ = stdout.flush();
    crate::site::serve::serve(listener, a.out.clone()).map_err(RunError::Serve)?;
    Ok(ExitCode::SUCCESS)
}
