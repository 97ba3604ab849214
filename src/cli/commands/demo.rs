//! `demo`: the whole job on the built-in sample (218 cadres) — throwaway keys, signed
//! certificates into a register, and the first one verified. Needs no other file.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use super::issue::{attach_signer, issue_and_say, Files};
use super::Outcome;
use crate::batch::BatchConfig;
use crate::cli::args::DemoArgs;
use crate::cli::report;
use crate::input::roster;
use crate::run::issue::IssueOptions;
use crate::run::publish::Publishing;
use crate::run::trust::{self, TrustRequest};
use crate::seal::{keys, verify};
use crate::t;
use crate::template::{self, Template};
use crate::viet::Date;

/// The demo's register, inside its output folder.
const DEMO_REGISTER: &str = "so-goc.sqlite";

/// The built-in sample roster and its variables (the 2019 knowledge-update programme).
const SAMPLE_ROSTER: &[u8] = include_bytes!("../../../examples/roster.csv");
const SAMPLE_VARS: &str = include_str!("../../../examples/tan-binh-2019.toml");

pub(in crate::cli) fn run(a: &DemoArgs, today: Date) -> Outcome {
    let out: &Path = &a.out;
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
    let keys = Publishing { keys: &key_dir, root_key: None, today };
    let files = Files { out: Some(out), merged: Some(&merged), quiet: a.quiet };
    let (code, written) = issue_and_say(roster, &mut cfg, &register, keys, &opts, files)?;
    if let Some(first) = &written.first {
        let trust_file = key_dir.join(keys::TRUST);
        let trusted = trust::load(&TrustRequest::manifests(vec![trust_file.clone()], today))?;
        report::print_trusted(&trusted);
        let r = verify::verify_input(&first.display().to_string(), &trusted.trust);
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
            return Ok(ExitCode::from(report::SOME_SKIPPED));
        }
        println!("{}", t!("demo-try-verify", file = file.as_str(), trust = trust_file.display().to_string()));
        println!("{}", t!("demo-try-register", register = register.display().to_string()));
        let site = out.join("site").display().to_string();
        println!("{}", t!("demo-try-site", keys = key_dir.display().to_string(), site = site));
    }
    Ok(code)
}
