//! Stage 1 and 2 — what comes in: a roster file becomes checked, normalised records.
//!
//! [`roster`] turns bytes into NFC rows with their origin (encodings and their damage in
//! [`legacy`], workbooks in [`sheet`]); [`record`] maps headers to fields and checks each row
//! into a [`record::CertRecord`]; [`footer`] tells the rows under a list (totals, signatures) from
//! its records; [`order`] sorts the print run by name in Vietnamese collation; [`fields`] names
//! the roster's fields and says how each is read.
//! Nothing here knows about PDF, signatures or the register.

pub mod fields;
pub mod footer;
pub mod legacy;
pub mod order;
pub mod record;
pub mod roster;
pub mod sheet;
