//! Small helpers that several stages share and that belong to none of them: files written
//! atomically under safe names ([`files`]) and the JSON forms the register and the signed lists
//! store ([`json`]).

pub mod files;
pub mod json;
