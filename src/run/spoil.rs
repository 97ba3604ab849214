//! `spoil`: a pre-printed blank recorded as spoiled (jammed, misprinted, torn); its certificate
//! keeps its number and code and waits for `print --reprint-spoiled`.

use std::path::Path;

use serde::Serialize;

use super::{open_register, RunError, Waiting};
use crate::register::Spoiling;
use crate::viet::Date;

/// The blank spoiled.
pub struct SpoilRequest<'a> {
    /// The register.
    pub register: &'a Path,
    /// The serial printed on the blank.
    pub blank: &'a str,
    /// Why.
    pub reason: &'a str,
    /// The day.
    pub today: Date,
    /// What to do while another run holds the register.
    pub waiting: Waiting<'a>,
}

/// What recording it did.
#[derive(Debug, Clone, Serialize)]
pub struct SpoilReport {
    /// The blank's serial as the register holds it.
    pub blank: String,
    /// The certificate printed on it: its số hiệu and holder (none for a blank spoiled
    /// before anything was printed on it).
    pub certificate: Option<(String, String)>,
    /// It was spoiled already: the day (ISO) and reason then recorded; nothing changed.
    pub already: Option<(String, String)>,
}

/// Records the blank as spoiled.
pub fn spoil(req: &SpoilRequest<'_>) -> Result<SpoilReport, RunError> {
    let mut reg = open_register(req.register, false, req.waiting)?;
    let (b, already) = match reg.spoil(req.blank, req.reason.trim(), req.today)? {
        Spoiling::Spoiled(b) => (b, false),
        Spoiling::Already(b) => (b, true),
    };
    Ok(SpoilReport {
        already: if already { Some(b.spoiled.clone().unwrap_or_default()) } else { None },
        certificate: b.certificate.map(|(_, serial, name)| (serial, name)),
        blank: b.serial,
    })
}
