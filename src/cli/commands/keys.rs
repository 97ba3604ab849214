//! `keys list|rotate|compromise`: the signing keys over the years.

use std::path::Path;
use std::process::ExitCode;

use super::Outcome;
use crate::cli::args::KeysCommand;
use crate::run::RunError;
use crate::seal::{keys, verify};
use crate::t;
use crate::viet::Date;

/// `keys list|rotate|compromise`.
pub(in crate::cli) fn run(k: KeysCommand, today: Date) -> Outcome {
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
fn publish_ledger_index(dir: &Path) -> Result<(), RunError> {
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
