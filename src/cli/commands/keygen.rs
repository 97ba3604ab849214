//! `keygen`: the issuer's keys — a root key, a signing key and the signed trust manifest.

use std::process::ExitCode;

use super::Outcome;
use crate::cli::args::KeygenArgs;
use crate::run::RunError;
use crate::seal::keys::{self, KeysError};
use crate::t;
use crate::viet::Date;

pub(in crate::cli) fn run(a: KeygenArgs, today: Date) -> Outcome {
    if a.force {
        return Err(RunError::NoForce(a.out));
    }
    // The passphrase is typed here (or read from CHUNGNHAN_PASSPHRASE): the library never
    // reads the terminal.
    let passphrase = match a.encrypt {
        true => {
            Some(crate::seal::sign::new_passphrase(&a.out.join(keys::SIGNING_KEY)).map_err(KeysError::from)?)
        }
        false => None,
    };
    let opts = keys::KeygenOptions { root_key: a.root_key.clone(), passphrase };
    if keys::is_example_host(&a.host) {
        eprintln!("{} {}", t!("label-warning"), t!("keygen-example-host", host = a.host.as_str()));
    }
    let g = keys::generate(&a.out, &a.issuer, &a.host, today, &opts)?;
    for f in &g.files {
        println!("{}", t!("keygen-wrote", file = f.display().to_string()));
    }
    println!("{}", t!("keygen-kid", kid = g.signing_kid.as_str()));
    println!("{}", t!("keygen-fingerprint", fingerprint = g.root_fingerprint.as_str()));
    let root = keys::root_key_path(&a.out, a.root_key.as_deref()).display().to_string();
    println!("{}", t!("keygen-keep", root = root));
    Ok(ExitCode::SUCCESS)
}
