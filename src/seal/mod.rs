//! The signed verification code, VNCERT-QR v1 (`docs/spec/verification-qr.md`): making it and
//! checking it.
//!
//! Making: [`claims`] (what is signed, deterministic CBOR) → [`sign`] (ES256, key ids,
//! revocation ids) → [`token`] (blob, digits, QR text) → [`qr`] (the symbol). Checking: [`scan`]
//! (a code from text, an image or a PDF) → [`verify`] (the verdict and the report) against
//! [`trust`] (the issuer's signed manifest and revocation list). [`keys`] is the issuer's key
//! folder, [`ledger_index`] the unsigned list of its issuance ledgers; [`seen`] is what a verifier remembers of it (no rollback). [`lookup`] finds a code by name, số hiệu and date of birth (no QR). None of these modules touches the template, the PDF writer or the register.

pub mod claims;
pub mod keys;
pub mod ledger_index;
pub mod lookup;
pub mod qr;
pub mod scan;
pub mod seen;
pub mod sign;
pub mod token;
pub mod trust;
pub mod verify;
