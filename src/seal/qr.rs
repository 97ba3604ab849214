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

use crate::util::diag::{Diagnose, Diagnostic, Message};

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
#[error("{}", self.diagnostic().message)]
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

impl Diagnose for TooLarge {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(
            Message::new("err-qr-too-large")
                .arg("version_m", self.version_m.to_string())
                .arg("modules_m", self.modules_m.to_string())
                .arg("module_mm", format!("{:.2}", self.module_mm))
                .arg("width_mm", self.width_mm.to_string())
                .arg("min_module_m_mm", MIN_MODULE_M_MM.to_string()),
        )
    }
}

/// The smallest version holding `prefix` (byte mode) + `digits` (numeric mode) at `ec`.
fn fit(prefix: &str, digits: &str, ec: EcLevel) -> Option<Bits> {
    // The segments' length is known for each range of versions (only the character counts'
    // widths change), so the bits are built once, for the first version they fit.
    let first = (1..=40).find(|&v| {
        Bits::new(Version::Normal(v))
            .max_len(ec)
            .is_ok_and(|max| bit_len(v, prefix.len(), digits.len()) <= max)
    })?;
    (first..=40).find_map(|v| {
        let mut bits = Bits::new(Version::Normal(v));
        bits.push_byte_data(prefix.as_bytes()).ok()?;
        bits.push_numeric_data(digits.as_bytes()).ok()?;
        bits.push_terminator(ec).ok()?;
        Some(bits)
    })
}

/// The bits of a byte segment of `bytes` and a numeric segment of `digits` in version `v`
/// (ISO 18004 §7.4: mode, character count, data), before the terminator.
fn bit_len(v: i16, bytes: usize, digits: usize) -> usize {
    let (byte_count, numeric_count) = match v {
        1..=9 => (8, 10),
        10..=26 => (16, 12),
        _ => (16, 14),
    };
    let numeric = 10 * (digits / 3) + [0, 4, 7][digits % 3];
    4 + byte_count + 8 * bytes + 4 + numeric_count + numeric
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
    // Level M only when Q's modules would be too small: most codes never need its bits built.
    let choice = match fit(prefix, digits, EcLevel::Q) {
        Some(q) if width_mm / modules(&q) as f32 >= MIN_MODULE_Q_MM => Some((q, EcLevel::Q, 'Q')),
        _ => match fit(prefix, digits, EcLevel::M) {
            Some(m) if width_mm / modules(&m) as f32 >= MIN_MODULE_M_MM => Some((m, EcLevel::M, 'M')),
            _ => None,
        },
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
/// The data is drawn once; each mask is then an exclusive-or over the data modules, with the
/// function patterns (whose format information depends on the mask) taken from a cache per
/// version, level and mask — `qrcode`'s own way (clone the canvas, mask every module, convert)
/// cost most of a certificate's time eight times over.
fn symbol(bits: Bits, ec: EcLevel) -> (usize, Vec<bool>) {
    let version = bits.version();
    let width = base_width(version);
    let (data, ecc) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, ec)
        .expect("bits were built for this version and level");
    let mut canvas = Canvas::new(version, ec);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ecc);
    let data_dark: Vec<bool> = canvas.into_colors().into_iter().map(|c| c == Color::Dark).collect();
    let functional = function_patterns(version, ec);
    let data_only: Vec<bool> = data_dark.iter().zip(&functional.fixed).map(|(&d, &f)| d && !f).collect();
    // Up to 128 modules wide, each mask is scored on rows and columns packed as integers: the
    // data is packed once, the masks' patterns are packed in the cache, and masking a line is
    // one exclusive-or.
    if let Some(packed) = &functional.packed {
        let (data_rows, data_cols) = pack(&data_only, width);
        let (mut rows, mut cols) = ([0u128; 128], [0u128; 128]);
        let mut best: Option<(u32, usize)> = None;
        for (m, (pat_rows, pat_cols)) in packed.iter().enumerate() {
            for i in 0..width {
                rows[i] = data_rows[i] ^ pat_rows[i];
                cols[i] = data_cols[i] ^ pat_cols[i];
            }
            let score = penalty_packed(&rows[..width], &cols[..width], width);
            if best.is_none_or(|(b, _)| score < b) {
                best = Some((score, m));
            }
        }
        let m = best.expect("eight masks were scored").1;
        let dark = data_only.iter().zip(&functional.pattern[m]).map(|(&d, &p)| d ^ p).collect();
        return (width, dark);
    }
    let mut best: Option<(u32, Vec<bool>)> = None;
    let mut dark = vec![false; width * width];
    for m in 0..MASKS.len() {
        for ((out, &d), &p) in dark.iter_mut().zip(&data_only).zip(&functional.pattern[m]) {
            *out = d ^ p;
        }
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(b, _)| score < *b) {
            best = Some((score, dark.clone()));
        }
    }
    (width, best.expect("eight masks were scored").1)
}

/// A symbol of at most 128 modules a side as rows and columns of bits (module x of a row at
/// bit x, module y of a column at bit y).
fn pack(dark: &[bool], w: usize) -> ([u128; 128], [u128; 128]) {
    // Without a branch per module: a symbol's data modules are as good as random, and a
    // mispredicted branch on every other one cost more than the shifts.
    let (mut rows, mut cols) = ([0u128; 128], [0u128; 128]);
    for (y, line) in dark.chunks_exact(w).take(w).enumerate() {
        let mut r = 0u128;
        for (x, (&d, col)) in line.iter().zip(cols.iter_mut()).enumerate() {
            r |= (d as u128) << x;
            *col |= (d as u128) << y;
        }
        rows[y] = r;
    }
    (rows, cols)
}

/// The function patterns of one version and level: which modules they take, and per mask what
/// a symbol is once its data modules are laid in: the function pattern's own colour (only the
/// format information changes with the mask) where it is, the mask's inversion elsewhere.
struct FunctionPatterns {
    fixed: Vec<bool>,
    pattern: Vec<Vec<bool>>,
    /// Each mask's pattern packed by [`pack`], for symbols up to 128 modules wide.
    packed: Option<Vec<([u128; 128], [u128; 128])>>,
}

fn function_patterns(version: Version, ec: EcLevel) -> std::sync::Arc<FunctionPatterns> {
    type Cache = std::collections::HashMap<(i16, u8), std::sync::Arc<FunctionPatterns>>;
    static CACHE: std::sync::OnceLock<std::sync::Mutex<Cache>> = std::sync::OnceLock::new();
    let v = match version {
        Version::Normal(v) => v,
        Version::Micro(v) => -v,
    };
    let key = (v, ec as u8);
    let cache = CACHE.get_or_init(Default::default);
    if let Some(f) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return f.clone();
    }
    let mut base = Canvas::new(version, ec);
    base.draw_all_functional_patterns();
    let width = base_width(version);
    let mut fixed = vec![false; width * width];
    for y in 0..width {
        for x in 0..width {
            fixed[y * width + x] = matches!(base.get(x as i16, y as i16), qrcode::canvas::Module::Masked(_));
        }
    }
    let pattern: Vec<Vec<bool>> = MASKS
        .iter()
        .map(|mask| {
            let invert = mask_function(*mask);
            let mut c = base.clone();
            c.apply_mask(*mask);
            let colours: Vec<bool> = c.into_colors().into_iter().map(|c| c == Color::Dark).collect();
            (0..width * width)
                .map(|i| if fixed[i] { colours[i] } else { invert((i % width) as i16, (i / width) as i16) })
                .collect()
        })
        .collect();
    let packed = (width <= 128).then(|| pattern.iter().map(|p| pack(p, width)).collect());
    let f = std::sync::Arc::new(FunctionPatterns { fixed, pattern, packed });
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(key, f.clone());
    f
}

fn base_width(version: Version) -> usize {
    match version {
        Version::Normal(v) => 17 + 4 * v as usize,
        Version::Micro(v) => 9 + 2 * v as usize,
    }
}

/// ISO 18004's mask conditions (§7.8.2), as `qrcode` numbers x and y.
fn mask_function(mask: MaskPattern) -> fn(i16, i16) -> bool {
    match mask {
        MaskPattern::Checkerboard => |x, y| (x + y) % 2 == 0,
        MaskPattern::HorizontalLines => |_, y| y % 2 == 0,
        MaskPattern::VerticalLines => |x, _| x % 3 == 0,
        MaskPattern::DiagonalLines => |x, y| (x + y) % 3 == 0,
        MaskPattern::LargeCheckerboard => |x, y| ((y / 2) + (x / 3)) % 2 == 0,
        MaskPattern::Fields => |x, y| (x * y) % 2 + (x * y) % 3 == 0,
        MaskPattern::Diamonds => |x, y| ((x * y) % 2 + (x * y) % 3) % 2 == 0,
        MaskPattern::Meadow => |x, y| ((x + y) % 2 + (x * y) % 3) % 2 == 0,
    }
}

/// ISO 18004 §7.8.3 penalty of a masked symbol, as `qrcode` computes it: runs of five or more
/// (3 + extra), 2×2 blocks (3 each), finder-like 1:1:3:1:1 patterns without four light modules
/// on one side (40 each, less the real finder patterns' 360 per direction), and dark balance.
/// One pass along the rows and one down the columns, each keeping its run length and the last
/// fifteen modules as bits (modules off the symbol count as light), so that nothing is copied or
/// compared slice by slice: eight masks are scored for every certificate.
fn penalty(dark: &[bool], w: usize) -> u32 {
    if w <= 128 {
        return penalty_bits(dark, w);
    }
    let mut score = line_penalty(w, |i, j| dark[i * w + j]) + line_penalty(w, |i, j| dark[j * w + i]);
    score = score.saturating_sub(720);
    // Rule 2: 2×2 blocks.
    for y in 0..w - 1 {
        let (a, b) = (&dark[y * w..(y + 1) * w], &dark[(y + 1) * w..(y + 2) * w]);
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

/// [`penalty`] for symbols up to 128 modules wide (version 27), 128 modules at a time: each row
/// and each column is one integer, module x at bit x, and every rule is a few shifts, ands and a
/// population count per line.
fn penalty_bits(dark: &[bool], w: usize) -> u32 {
    let (rows, cols) = pack(dark, w);
    penalty_packed(&rows[..w], &cols[..w], w)
}

/// [`penalty_bits`] of a symbol already packed by [`pack`]: its `w` rows and `w` columns.
fn penalty_packed(rows: &[u128], cols: &[u128], w: usize) -> u32 {
    let ones = |n: usize| if n >= 128 { u128::MAX } else { (1u128 << n) - 1 };
    let (all, m1, m6) = (ones(w), ones(w - 1), ones(w.saturating_sub(6)));
    let line = |l: u128| -> u32 {
        // Rule 1: e has bit x when modules x and x+1 match; a run of r ≥ 5 has r-4 windows of
        // five equal modules, plus 2 for the run (counted at its first window).
        let e = !(l ^ (l >> 1)) & m1;
        let w5 = e & (e >> 1) & (e >> 2) & (e >> 3);
        let starts = w5 & !(e << 1);
        // Rule 3: 1:1:3:1:1 starting at bit j, with four light modules before or after it.
        let p = l & !(l >> 1) & (l >> 2) & (l >> 3) & (l >> 4) & !(l >> 5) & (l >> 6) & m6;
        let before = !((l << 1) | (l << 2) | (l << 3) | (l << 4));
        let after = !((l >> 7) | (l >> 8) | (l >> 9) | (l >> 10));
        w5.count_ones() + 2 * starts.count_ones() + 40 * (p & (before | after)).count_ones()
    };
    let mut score: u32 = rows[..w].iter().chain(&cols[..w]).map(|&l| line(l & all)).sum();
    score = score.saturating_sub(720);
    // Rule 2: 2×2 blocks of one colour.
    for y in 0..w - 1 {
        let (a, b) = (rows[y], rows[y + 1]);
        let block = !(a ^ (a >> 1)) & !(b ^ (b >> 1)) & !(a ^ b) & m1;
        score += 3 * block.count_ones();
    }
    // Rule 4: balance.
    let dark_count: usize = rows[..w].iter().map(|r| r.count_ones() as usize).sum();
    let ratio = dark_count * 200 / (w * w);
    score + ratio.abs_diff(100) as u32
}

/// Rules 1 and 3 along the `w` lines of a `w`×`w` symbol whose module `j` of line `i` is
/// `at(i, j)` (rows, or columns with the indices swapped).
fn line_penalty(w: usize, at: impl Fn(usize, usize) -> bool) -> u32 {
    // The 1:1:3:1:1 finder pattern as 7 bits, first module highest.
    const PATTERN: u32 = 0b1011101;
    let mut score = 0u32;
    for i in 0..w {
        let mut run = 1u32;
        let mut prev = at(i, 0);
        // Window of the 15 modules j-4 … j+10 ending at k = j + 10, the newest lowest.
        let mut window = 0u32;
        for k in 0..w + 10 {
            let d = k < w && at(i, k);
            if k >= 1 && k < w {
                if d == prev {
                    run += 1;
                } else {
                    if run >= 5 {
                        score += run - 2;
                    }
                    run = 1;
                }
                prev = d;
            }
            window = ((window << 1) | d as u32) & 0x7fff;
            // The pattern starts at j = k - 10 and must lie on the line.
            if k >= 10 && k - 10 + 7 <= w {
                let middle = (window >> 4) & 0x7f;
                let before = window >> 11;
                let after = window & 0xf;
                if middle == PATTERN && (before == 0 || after == 0) {
                    score += 40;
                }
            }
        }
        if run >= 5 {
            score += run - 2;
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
    fn the_version_found_by_length_is_the_first_one_the_bits_fit() {
        let slow = |prefix: &str, digits: &str, ec: EcLevel| {
            (1..=40).find_map(|v| {
                let mut bits = Bits::new(Version::Normal(v));
                bits.push_byte_data(prefix.as_bytes()).ok()?;
                bits.push_numeric_data(digits.as_bytes()).ok()?;
                bits.push_terminator(ec).ok()?;
                Some(bits.version())
            })
        };
        for prefix in ["", "https://x.vn/c#", "https://xacthuc.tanbinh.edu.vn/c#"] {
            for n in (0..3200).step_by(7).chain(0..40) {
                let digits = "7".repeat(n);
                for ec in [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H] {
                    assert_eq!(
                        fit(prefix, &digits, ec).map(|b| b.version()),
                        slow(prefix, &digits, ec),
                        "{n} {ec:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_bitwise_penalty_equals_the_module_by_module_one() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for w in [21usize, 25, 45, 65, 69, 97, 125] {
            for _ in 0..40 {
                let dark: Vec<bool> = (0..w * w)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        seed.is_multiple_of(3)
                    })
                    .collect();
                let slow = {
                    let mut score =
                        line_penalty(w, |i, j| dark[i * w + j]) + line_penalty(w, |i, j| dark[j * w + i]);
                    score = score.saturating_sub(720);
                    for y in 0..w - 1 {
                        for x in 0..w - 1 {
                            let c = dark[y * w + x];
                            if dark[y * w + x + 1] == c
                                && dark[(y + 1) * w + x] == c
                                && dark[(y + 1) * w + x + 1] == c
                            {
                                score += 3;
                            }
                        }
                    }
                    let ratio = dark.iter().filter(|&&d| d).count() * 200 / dark.len();
                    score + ratio.abs_diff(100) as u32
                };
                assert_eq!(penalty_bits(&dark, w), slow, "{w} modules");
            }
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
        let m = err.diagnostic().message;
        assert_eq!(m.id, "err-qr-too-large");
        assert!(m.args.contains(&("width_mm", "12".into())), "{m:?}");
    }
}
