//! One file per command: each reads its arguments, calls the library (the workflows of `run`,
//! or the register and keys directly), and prints what came back through `cli::report`.

pub(super) mod audit;
pub(super) mod backup;
pub(super) mod calibrate;
pub(super) mod check;
pub(super) mod demo;
pub(super) mod export;
pub(super) mod issue;
pub(super) mod keygen;
pub(super) mod keys;
pub(super) mod lookup;
pub(super) mod print;
pub(super) mod render;
pub(super) mod revoke;
pub(super) mod site;
pub(super) mod spoil;
pub(super) mod templates;
pub(super) mod verify;

/// What a command returns: its exit code, or what stopped it (printed by `cli::report`).
pub(super) type Outcome = Result<std::process::ExitCode, crate::run::RunError>;
