//! Small helpers that several stages share and that belong to none of them: files written
//! atomically under safe names ([`files`]), errors as data ([`diag`]), the JSON forms the register and the signed lists
//! store ([`json`]), and the edit distance behind "did you mean …?" ([`text`]).

pub mod diag;
pub mod files;
pub mod json;
pub mod text;
