//! The register's record of electronic signatures (issue 31): for each certificate whose PDF
//! was signed, the signer certificate's fingerprint, the PAdES level and the signing time, with
//! the SHA-256 of the signed file. The store keeps them ([`Store::record_esign`],
//! [`Store::esign_signatures`], [`Store::esign_lost`]); this module holds what they read and
//! write.
//!
//! The SQLite store keeps them in a table of its own (`esign_signatures`), created when first
//! needed, so that registers made before issue 31 open unchanged and the certificates table
//! keeps its shape. A file signed after it was issued (`chungnhan esign`) has new bytes: the
//! certificate's recorded SHA-256 is moved to them in the same transaction, so that the
//! register still knows its file.
//!
//! [`Store::record_esign`]: super::Store::record_esign
//! [`Store::esign_signatures`]: super::Store::esign_signatures
//! [`Store::esign_lost`]: super::Store::esign_lost

/// One signed file, as `esign` or `issue --esign` wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedFile {
    /// The SHA-256 of the file before it was signed (`esign` on a file issued earlier), or
    /// `None` when it was signed as it was written (the register already holds the signed
    /// file's SHA-256).
    pub before: Option<String>,
    /// The SHA-256 of the signed file.
    pub sha256: String,
    /// SHA-256 of the signer's certificate.
    pub fingerprint: String,
    /// `B-B` (PAdES baseline level).
    pub level: String,
    /// The signing time, ISO 8601 with Vietnam's offset.
    pub signed_at: String,
}

/// A certificate's recorded e-signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EsignRow {
    /// The certificate's số hiệu.
    pub serial: String,
    /// The signed file's SHA-256.
    pub sha256: String,
    /// The signer certificate's fingerprint.
    pub fingerprint: String,
    /// The PAdES level.
    pub level: String,
    /// When.
    pub signed_at: String,
}
