//! `verify`: a certificate checked against what the verifier trusts — the QR text or URL, a
//! scan or photo, or the PDF.

use serde::Serialize;

use super::trust::{self, TrustRequest, Trusted};
use super::RunError;
use crate::seal::scan::PageReader;
use crate::seal::verify::{self, Report};

/// What to verify, against what.
pub struct VerifyRequest<'a> {
    /// The QR text or URL, or a PDF, PNG or JPEG file.
    pub input: &'a str,
    /// What the verifier trusts.
    pub trust: TrustRequest,
    /// How a PDF page or an image is read (the command line reads it in a child process held
    /// to a budget); `None`: in this process.
    pub read_page: Option<PageReader<'a>>,
}

/// The verdict, with what loading the trust left out.
#[derive(Serialize)]
pub struct VerifyReport {
    /// What loading the trust left out (ledgers, the record of what was seen).
    pub trust: Trusted,
    /// The verdict and everything it rests on.
    #[serde(serialize_with = "report")]
    pub report: Report,
}

fn report<S: serde::Serializer>(r: &Report, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::Error;
    let v: serde_json::Value =
        serde_json::from_str(&crate::l10n::verdict::to_json(r)).map_err(S::Error::custom)?;
    v.serialize(s)
}

/// Verifies the input. A trust that cannot be loaded is an error; anything wrong with the input
/// is the report's verdict.
pub fn verify(req: &VerifyRequest<'_>) -> Result<VerifyReport, RunError> {
    let trusted = trust::load(&req.trust)?;
    let report = match req.read_page {
        Some(read) => verify::verify_input_with(req.input, &trusted.trust, read),
        None => verify::verify_input(req.input, &trusted.trust),
    };
    Ok(VerifyReport { trust: trusted, report })
}
