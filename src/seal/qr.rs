//! The verification QR symbol: QR text → module matrix. The only module that touches `qrcode`.
//!
//! Segments are built explicitly (docs/spec/verification-qr.md §3.1): the URL prefix in byte mode, the digits in numeric
//! mode — a generic encoder would put the digits in byte mode and cost two versions. The error
//! correction level follows the print size (docs/spec/verification-qr.md §3.3): Q when its modules are at least 0.36 mm
//! at the printed width, else M when they are at least 0.34 mm, else the record does not fit.
//!
//! `qrcode` builds the codewords, the canvas and the eight masked variants; choosing among them
//! is done here. Its own choice scores each variant through per-module lookups and allocations
//! and cost about 2.5 ms per code, 90% of the cost of a signed certificate's code. The same ISO
//! 18004 penalty rules on a flat array pick the very same mask (tested against `QrCode::with_bits`)
//! for a fraction of the time.

use qrcode::bits::Bits;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::types::{Color, Version};
use qrcode::EcLevel;

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
#[error("{}", crate::t!("err-qr-too-large", version_m = format!("{}", .version_m), modules_m = format!("{}", .modules_m), module_mm = format!("{:.2}", .module_mm), width_mm = format!("{}", .width_mm), min_module_m_mm = format!("{}", MIN_MODULE_M_MM)))]
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

/// Whether a code of `digit_count` digits after `prefix` fits a symbol printed `width_mm` wide,
/// without building it (numeric capacity depends only on the count).
pub fn fits(prefix: &str, digit_count: usize, width_mm: f32) -> Result<(), TooLarge> {
    let digits = "0".repeat(digit_count);
    let q =
        fit(prefix, &digits, EcLevel::Q).is_some_and(|b| width_mm / modules(&b) as f32 >= MIN_MODULE_Q_MM);
    let m = fit(prefix, &digits, EcLevel::M);
    if q || m.as_ref().is_some_and(|b| width_mm / modules(b) as f32 >= MIN_MODULE_M_MM) {
        return Ok(());
    }
    Err(too_large(m, width_mm))
}

fn too_large(m: Option<Bits>, width_mm: f32) -> TooLarge {
    let (version_m, modules_m) = match m {
        Some(b) => (
            match b.version() {
                Version::Normal(v) | Version::Micro(v) => v,
            },
            modules(&b),
        ),
        None => (41, 181),
    };
    TooLarge { version_m, modules_m, module_mm: width_mm / modules_m as f32, width_mm }
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
        return Err(too_large(fit(prefix, digits, EcLevel::M), width_mm));
    };
    let version = match bits.version() {
        Version::Normal(v) => v,
        Version::Micro(v) => v,
    };
    let (width, dark) = symbol(bits, ec);
    Ok(QrMatrix { width, dark, version, ec_level })
}

/// The eight masks in the order `qrcode` tries them (ties go to the first).
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The finished symbol: codewords and canvas by `qrcode`, the lowest-penalty mask chosen here.
fn symbol(bits: Bits, ec: EcLevel) -> (usize, Vec<bool>) {
    let version = bits.version();
    let width = match version {
        Version::Normal(v) => 17 + 4 * v as usize,
        Version::Micro(v) => 9 + 2 * v as usize,
    };
    let (data, ecc) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec)
        .expect("bits were built for this version and level");
    let mut canvas = Canvas::new(version, ec);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ecc);
    let mut best: Option<(u32, Vec<bool>)> = None;
    for mask in MASKS {
        let mut c = canvas.clone();
        c.apply_mask(mask);
        let dark: Vec<bool> = c.into_colors().into_iter().map(|c| c == Color::Dark).collect();
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, dark));
        }
    }
    (width, best.expect("eight masks were scored").1)
}

/// ISO 18004 §7.8.3 penalty of a masked symbol, as `qrcode` computes it: runs of five or more
/// (3 + extra), 2×2 blocks (3 each), finder-like 1:1:3:1:1 patterns without four light modules
/// on one side (40 each, less the real finder patterns' 360 per direction), and dark balance.
fn penalty(dark: &[bool], w: usize) -> u32 {
    let mut transposed = vec![false; dark.len()];
    for y in 0..w {
        for x in 0..w {
            transposed[x * w + y] = dark[y * w + x];
        }
    }
    let mut score = line_penalty(dark, w) + line_penalty(&transposed, w);
    score = score.saturating_sub(720);
    // Rule 2: 2×2 blocks.
    for pair in dark.chunks_exact(w).collect::<Vec<_>>().windows(2) {
        let (a, b) = (pair[0], pair[1]);
        for x in 0..w - 1 {
            let c = a[x];
            if a[x + 1] == c && b[x] == c && b[x + 1] == c {
                score += 3;
            }
        }
    }
    // Rule 4: balance.
    let dark_count = dark.iter().filter(|&&d| d).count();
    let ratio = dark_count * 200 / dark.len();
    score + ratio.abs_diff(100) as u32
}

/// Rules 1 and 3 along the rows of `grid` (the columns are the rows of the transposed grid).
fn line_penalty(grid: &[bool], w: usize) -> u32 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let mut score = 0u32;
    for row in grid.chunks_exact(w) {
        let mut run = 1u32;
        for j in 1..w {
            if row[j] == row[j - 1] {
                run += 1;
            } else {
                if run >= 5 {
                    score += run - 2;
                }
                run = 1;
            }
        }
        if run >= 5 {
            score += run - 2;
        }
        for j in 0..w - 6 {
            if row[j..j + 7] != PATTERN {
                continue;
            }
            let before = row[j.saturating_sub(4)..j].iter().any(|&d| d);
            let after = row[(j + 7).min(w)..(j + 11).min(w)].iter().any(|&d| d);
            if !before || !after {
                score += 40;
            }
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_choice_equals_qrcodes_own() {
        // Many sizes and contents: the symbol must be exactly the one QrCode::with_bits makes.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for n in 0..120 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = 10 + (seed % 700) as usize;
            let digits: String = (0..len)
                .map(|i| char::from(b'0' + ((seed >> (i % 60)) as u8).wrapping_add(i as u8) % 10))
                .collect();
            let ec = if n % 2 == 0 { EcLevel::M } else { EcLevel::Q };
            let ours = symbol(fit("https://xacthuc.example.vn/c#", &digits, ec).unwrap(), ec);
            let theirs =
                qrcode::QrCode::with_bits(fit("https://xacthuc.example.vn/c#", &digits, ec).unwrap(), ec)
                    .unwrap();
            let theirs: Vec<bool> = theirs.to_colors().into_iter().map(|c| c == Color::Dark).collect();
            assert_eq!(ours.1, theirs, "case {n}: {len} digits at {ec:?}");
        }
    }

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
        assert!(err.to_string().contains("ở mức M"), "{err}");
    }
}
