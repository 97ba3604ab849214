//! The verification QR symbol: QR text → module matrix. The only module that touches `qrcode`.
//!
//! Segments are built explicitly (spec §3.1): the URL prefix in byte mode, the digits in numeric
//! mode — a generic encoder would put the digits in byte mode and cost two versions. The error
//! correction level follows the print size (spec §3.3): Q when its modules are at least 0.36 mm
//! at the printed width, else M when they are at least 0.34 mm, else the record does not fit.

use qrcode::bits::Bits;
use qrcode::types::{Color, Version};
use qrcode::{EcLevel, QrCode};

/// Smallest module for level Q, in mm.
pub const MIN_MODULE_Q_MM: f32 = 0.36;
/// Smallest module for level M, in mm.
pub const MIN_MODULE_M_MM: f32 = 0.34;

/// A QR symbol, without its quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub width: usize,
    /// Dark modules, row-major.
    pub dark: Vec<bool>,
    /// QR version (1–40).
    pub version: i16,
    /// Error correction level: 'M' or 'Q'.
    pub ec_level: char,
}

/// The code does not fit the printed size.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "the verification code needs version {version_m} at level M ({modules_m} modules, {module_mm:.2} mm each at {width_mm} mm), smaller than the {MIN_MODULE_M_MM} mm a phone reads reliably"
)]
pub struct TooLarge {
    /// The version needed at M.
    pub version_m: i16,
    /// Its modules per side.
    pub modules_m: usize,
    /// The module size it would print at.
    pub module_mm: f32,
    /// The printed width.
    pub width_mm: f32,
}

/// The smallest version holding `prefix` (byte mode) + `digits` (numeric mode) at `ec`.
fn fit(prefix: &str, digits: &str, ec: EcLevel) -> Option<Bits> {
    (1..=40).find_map(|v| {
        let mut bits = Bits::new(Version::Normal(v));
        bits.push_byte_data(prefix.as_bytes()).ok()?;
        bits.push_numeric_data(digits.as_bytes()).ok()?;
        bits.push_terminator(ec).ok()?;
        Some(bits)
    })
}

fn modules(bits: &Bits) -> usize {
    match bits.version() {
        Version::Normal(v) => 17 + 4 * v as usize,
        Version::Micro(v) => 9 + 2 * v as usize,
    }
}

/// Encodes `prefix` + `digits` for a symbol printed `width_mm` wide (quiet zone outside).
pub fn encode(prefix: &str, digits: &str, width_mm: f32) -> Result<QrMatrix, TooLarge> {
    let q = fit(prefix, digits, EcLevel::Q);
    let m = fit(prefix, digits, EcLevel::M);
    let choice = match (q, m) {
        (Some(q), _) if width_mm / modules(&q) as f32 >= MIN_MODULE_Q_MM => Some((q, EcLevel::Q, 'Q')),
        (_, Some(m)) if width_mm / modules(&m) as f32 >= MIN_MODULE_M_MM => Some((m, EcLevel::M, 'M')),
        _ => None,
    };
    let Some((bits, ec, ec_level)) = choice else {
        let (version_m, modules_m) = match fit(prefix, digits, EcLevel::M) {
            Some(b) => (
                match b.version() {
                    Version::Normal(v) => v,
                    Version::Micro(v) => v,
                },
                modules(&b),
            ),
            None => (41, 181),
        };
        return Err(TooLarge { version_m, modules_m, module_mm: width_mm / modules_m as f32, width_mm });
    };
    let version = match bits.version() {
        Version::Normal(v) => v,
        Version::Micro(v) => v,
    };
    let code = QrCode::with_bits(bits, ec).expect("bits were built for this version and level");
    let dark = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
    Ok(QrMatrix { width: code.width(), dark, version, ec_level })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_follows_the_printed_width() {
        let digits = "0".repeat(560); // about a 237-byte record
        let wide = encode("https://xacthuc.example.vn/c#", &digits, 30.0).unwrap();
        assert_eq!(wide.ec_level, 'Q');
        let narrow = encode("https://xacthuc.example.vn/c#", &digits, 25.0).unwrap();
        assert_eq!(narrow.ec_level, 'M');
        assert!(narrow.version < wide.version);
        assert_eq!(narrow.dark.len(), narrow.width * narrow.width);
        let err = encode("https://xacthuc.example.vn/c#", &digits, 12.0).unwrap_err();
        assert!(err.to_string().contains("at level M"), "{err}");
    }
}
