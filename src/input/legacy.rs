//! Legacy Vietnamese encodings and the damage they cause: reading TCVN3 (ABC) and VNI-Windows
//! files, recognising Windows-1258, repairing mojibake (UTF-8 text that went through Windows-1252
//! once too often, or TCVN3/VNI text shown as Latin-1 and saved as UTF-8), and spotting Excel's
//! lossy "CSV (Comma delimited)" export, which replaced every Vietnamese letter it could not
//! store with `?`.
//!
//! Which encoding a file is in is decided by reading it every possible way and scoring each
//! reading by how many of its words are plausible Vietnamese syllables (one tone mark, a vowel
//! nucleus of at most three letters, no stray symbols inside words). A reading is taken only
//! when it is clearly plausible and clearly better than the others — and the caller always says
//! which one it took. Nothing here ever guesses silently.
//!
//! The TCVN3 and VNI tables are those of UniKey's vnconv library (fcitx5-unikey,
//! `unikey/data.cpp`), as ported and cross-checked in `tests/fixtures/make_rosters.py`.

use unicode_normalization::UnicodeNormalization;

use crate::viet;

/// The 186 letters of UniKey's vnconv tables, in table order.
const LETTERS: &str =
    "AaÁáÀàẢảÃãẠạÂâẤấẦầẨẩẪẫẬậĂăẮắẰằẲẳẴẵẶặBbCcDdĐđEeÉéÈèẺẻẼẽẸẹÊêẾếỀềỂểỄễỆệFfGgHhIiÍíÌìỈỉĨĩỊịJjKkLlM\
    mNnOoÓóÒòỎỏÕõỌọÔôỐốỒồỔổỖỗỘộƠơỚớỜờỞởỠỡỢợPpQqRrSsTtUuÚúÙùỦủŨũỤụƯưỨứỪừỬửỮữỰựVvWwXxYyÝýỲỳỶỷỸỹỴỵZz";

/// TCVN3 (ABC) byte of each letter of [`LETTERS`].
const TCVN3: [u8; 186] = [
    0x41, 0x61, 0xB8, 0xB8, 0xB5, 0xB5, 0xB6, 0xB6, 0xB7, 0xB7, 0xB9, 0xB9, 0xA2, 0xA9, 0xCA, 0xCA, 0xC7,
    0xC7, 0xC8, 0xC8, 0xC9, 0xC9, 0xCB, 0xCB, 0xA1, 0xA8, 0xBE, 0xBE, 0xBB, 0xBB, 0xBC, 0xBC, 0xBD, 0xBD,
    0xC6, 0xC6, 0x42, 0x62, 0x43, 0x63, 0x44, 0x64, 0xA7, 0xAE, 0x45, 0x65, 0xD0, 0xD0, 0xCC, 0xCC, 0xCE,
    0xCE, 0xCF, 0xCF, 0xD1, 0xD1, 0xA3, 0xAA, 0xD5, 0xD5, 0xD2, 0xD2, 0xD3, 0xD3, 0xD4, 0xD4, 0xD6, 0xD6,
    0x46, 0x66, 0x47, 0x67, 0x48, 0x68, 0x49, 0x69, 0xDD, 0xDD, 0xD7, 0xD7, 0xD8, 0xD8, 0xDC, 0xDC, 0xDE,
    0xDE, 0x4A, 0x6A, 0x4B, 0x6B, 0x4C, 0x6C, 0x4D, 0x6D, 0x4E, 0x6E, 0x4F, 0x6F, 0xE3, 0xE3, 0xDF, 0xDF,
    0xE1, 0xE1, 0xE2, 0xE2, 0xE4, 0xE4, 0xA4, 0xAB, 0xE8, 0xE8, 0xE5, 0xE5, 0xE6, 0xE6, 0xE7, 0xE7, 0xE9,
    0xE9, 0xA5, 0xAC, 0xED, 0xED, 0xEA, 0xEA, 0xEB, 0xEB, 0xEC, 0xEC, 0xEE, 0xEE, 0x50, 0x70, 0x51, 0x71,
    0x52, 0x72, 0x53, 0x73, 0x54, 0x74, 0x55, 0x75, 0xF3, 0xF3, 0xEF, 0xEF, 0xF1, 0xF1, 0xF2, 0xF2, 0xF4,
    0xF4, 0xA6, 0xAD, 0xF8, 0xF8, 0xF5, 0xF5, 0xF6, 0xF6, 0xF7, 0xF7, 0xF9, 0xF9, 0x56, 0x76, 0x57, 0x77,
    0x58, 0x78, 0x59, 0x79, 0xFD, 0xFD, 0xFA, 0xFA, 0xFB, 0xFB, 0xFC, 0xFC, 0xFE, 0xFE, 0x5A, 0x7A,
];

/// VNI-Windows bytes of each letter of [`LETTERS`]: low byte first, then a mark byte (0 = none).
const VNI: [[u8; 2]; 186] = [
    [0x41, 0x00],
    [0x61, 0x00],
    [0x41, 0xD9],
    [0x61, 0xF9],
    [0x41, 0xD8],
    [0x61, 0xF8],
    [0x41, 0xDB],
    [0x61, 0xFB],
    [0x41, 0xD5],
    [0x61, 0xF5],
    [0x41, 0xCF],
    [0x61, 0xEF],
    [0x41, 0xC2],
    [0x61, 0xE2],
    [0x41, 0xC1],
    [0x61, 0xE1],
    [0x41, 0xC0],
    [0x61, 0xE0],
    [0x41, 0xC5],
    [0x61, 0xE5],
    [0x41, 0xC3],
    [0x61, 0xE3],
    [0x41, 0xC4],
    [0x61, 0xE4],
    [0x41, 0xCA],
    [0x61, 0xEA],
    [0x41, 0xC9],
    [0x61, 0xE9],
    [0x41, 0xC8],
    [0x61, 0xE8],
    [0x41, 0xDA],
    [0x61, 0xFA],
    [0x41, 0xDC],
    [0x61, 0xFC],
    [0x41, 0xCB],
    [0x61, 0xEB],
    [0x42, 0x00],
    [0x62, 0x00],
    [0x43, 0x00],
    [0x63, 0x00],
    [0x44, 0x00],
    [0x64, 0x00],
    [0xD1, 0x00],
    [0xF1, 0x00],
    [0x45, 0x00],
    [0x65, 0x00],
    [0x45, 0xD9],
    [0x65, 0xF9],
    [0x45, 0xD8],
    [0x65, 0xF8],
    [0x45, 0xDB],
    [0x65, 0xFB],
    [0x45, 0xD5],
    [0x65, 0xF5],
    [0x45, 0xCF],
    [0x65, 0xEF],
    [0x45, 0xC2],
    [0x65, 0xE2],
    [0x45, 0xC1],
    [0x65, 0xE1],
    [0x45, 0xC0],
    [0x65, 0xE0],
    [0x45, 0xC5],
    [0x65, 0xE5],
    [0x45, 0xC3],
    [0x65, 0xE3],
    [0x45, 0xC4],
    [0x65, 0xE4],
    [0x46, 0x00],
    [0x66, 0x00],
    [0x47, 0x00],
    [0x67, 0x00],
    [0x48, 0x00],
    [0x68, 0x00],
    [0x49, 0x00],
    [0x69, 0x00],
    [0xCD, 0x00],
    [0xED, 0x00],
    [0xCC, 0x00],
    [0xEC, 0x00],
    [0xC6, 0x00],
    [0xE6, 0x00],
    [0xD3, 0x00],
    [0xF3, 0x00],
    [0xD2, 0x00],
    [0xF2, 0x00],
    [0x4A, 0x00],
    [0x6A, 0x00],
    [0x4B, 0x00],
    [0x6B, 0x00],
    [0x4C, 0x00],
    [0x6C, 0x00],
    [0x4D, 0x00],
    [0x6D, 0x00],
    [0x4E, 0x00],
    [0x6E, 0x00],
    [0x4F, 0x00],
    [0x6F, 0x00],
    [0x4F, 0xD9],
    [0x6F, 0xF9],
    [0x4F, 0xD8],
    [0x6F, 0xF8],
    [0x4F, 0xDB],
    [0x6F, 0xFB],
    [0x4F, 0xD5],
    [0x6F, 0xF5],
    [0x4F, 0xCF],
    [0x6F, 0xEF],
    [0x4F, 0xC2],
    [0x6F, 0xE2],
    [0x4F, 0xC1],
    [0x6F, 0xE1],
    [0x4F, 0xC0],
    [0x6F, 0xE0],
    [0x4F, 0xC5],
    [0x6F, 0xE5],
    [0x4F, 0xC3],
    [0x6F, 0xE3],
    [0x4F, 0xC4],
    [0x6F, 0xE4],
    [0xD4, 0x00],
    [0xF4, 0x00],
    [0xD4, 0xD9],
    [0xF4, 0xF9],
    [0xD4, 0xD8],
    [0xF4, 0xF8],
    [0xD4, 0xDB],
    [0xF4, 0xFB],
    [0xD4, 0xD5],
    [0xF4, 0xF5],
    [0xD4, 0xCF],
    [0xF4, 0xEF],
    [0x50, 0x00],
    [0x70, 0x00],
    [0x51, 0x00],
    [0x71, 0x00],
    [0x52, 0x00],
    [0x72, 0x00],
    [0x53, 0x00],
    [0x73, 0x00],
    [0x54, 0x00],
    [0x74, 0x00],
    [0x55, 0x00],
    [0x75, 0x00],
    [0x55, 0xD9],
    [0x75, 0xF9],
    [0x55, 0xD8],
    [0x75, 0xF8],
    [0x55, 0xDB],
    [0x75, 0xFB],
    [0x55, 0xD5],
    [0x75, 0xF5],
    [0x55, 0xCF],
    [0x75, 0xEF],
    [0xD6, 0x00],
    [0xF6, 0x00],
    [0xD6, 0xD9],
    [0xF6, 0xF9],
    [0xD6, 0xD8],
    [0xF6, 0xF8],
    [0xD6, 0xDB],
    [0xF6, 0xFB],
    [0xD6, 0xD5],
    [0xF6, 0xF5],
    [0xD6, 0xCF],
    [0xF6, 0xEF],
    [0x56, 0x00],
    [0x76, 0x00],
    [0x57, 0x00],
    [0x77, 0x00],
    [0x58, 0x00],
    [0x78, 0x00],
    [0x59, 0x00],
    [0x79, 0x00],
    [0x59, 0xD9],
    [0x79, 0xF9],
    [0x59, 0xD8],
    [0x79, 0xF8],
    [0x59, 0xDB],
    [0x79, 0xFB],
    [0x59, 0xD5],
    [0x79, 0xF5],
    [0xCE, 0x00],
    [0xEE, 0x00],
    [0x5A, 0x00],
    [0x7A, 0x00],
];

/// An encoding this module can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// Windows-1258 (tones as combining bytes).
    Windows1258,
    /// TCVN3 / ABC (TCVN 5712:1993 VN3), single byte.
    Tcvn3,
    /// VNI-Windows: base letter plus mark byte.
    Vni,
    /// UTF-8 bytes (only as the inside of double-encoded mojibake).
    Utf8,
    /// UTF-16, little-endian (Excel's "Unicode Text"), with or without its BOM.
    Utf16Le,
    /// UTF-16, big-endian, with or without its BOM.
    Utf16Be,
}

impl Legacy {
    /// How messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Windows1258 => "Windows-1258 (Vietnamese ANSI)",
            Legacy::Tcvn3 => "TCVN3 (ABC, .VnTime fonts)",
            Legacy::Vni => "VNI-Windows (VNI-Times fonts)",
            Legacy::Utf8 => "UTF-8",
            Legacy::Utf16Le => "UTF-16LE",
            Legacy::Utf16Be => "UTF-16BE",
        }
    }

    /// From a `--encoding` value.
    pub fn from_name(s: &str) -> Option<Legacy> {
        match s.to_ascii_lowercase().replace(['-', '_', ' '], "").as_str() {
            "windows1258" | "cp1258" => Some(Legacy::Windows1258),
            "tcvn3" | "abc" | "tcvn" | "vn3" => Some(Legacy::Tcvn3),
            "vni" | "vniwindows" => Some(Legacy::Vni),
            "utf8" => Some(Legacy::Utf8),
            "utf16le" | "utf16" | "unicode" => Some(Legacy::Utf16Le),
            "utf16be" => Some(Legacy::Utf16Be),
            _ => None,
        }
    }

    /// Decodes `bytes` (NFC), or `None` if they cannot be in this encoding.
    pub fn decode(self, bytes: &[u8]) -> Option<String> {
        match self {
            Legacy::Windows1258 => viet::decode_windows_1258(bytes),
            Legacy::Tcvn3 => decode_tcvn3(bytes),
            Legacy::Vni => decode_vni(bytes),
            Legacy::Utf8 => std::str::from_utf8(bytes).ok().map(|s| s.nfc().collect()),
            Legacy::Utf16Le => viet::decode_utf16(bytes.strip_prefix(b"\xFF\xFE").unwrap_or(bytes), false),
            Legacy::Utf16Be => viet::decode_utf16(bytes.strip_prefix(b"\xFE\xFF").unwrap_or(bytes), true),
        }
    }
}

fn letters() -> impl Iterator<Item = char> {
    LETTERS.chars()
}

/// The Windows "western" symbol at a byte 0x80–0x9F, which legacy fonts left in place (’ is 0x92).
fn cp1252_symbol(b: u8) -> Option<char> {
    let byte = [b];
    let (s, _, bad) = encoding_rs::WINDOWS_1252.decode(&byte);
    if bad {
        return None;
    }
    s.chars().next()
}

fn decode_tcvn3(bytes: &[u8]) -> Option<String> {
    let mut table = [None; 256];
    for (ch, &b) in letters().zip(TCVN3.iter()) {
        if b >= 0x80 && table[b as usize].is_none() {
            // 0xA1–0xA7 are the upper-case bases Ă Â Ê Ô Ơ Ư Đ; every other byte stands for the
            // lower-case letter (VN3 has no upper-case toned letters).
            table[b as usize] =
                Some(if (0xA1..=0xA7).contains(&b) { ch } else { ch.to_lowercase().next()? });
        }
    }
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        match b {
            0..=0x7F => out.push(b as char),
            _ => out.push(table[b as usize].or_else(|| (b < 0xA0).then(|| cp1252_symbol(b)).flatten())?),
        }
    }
    Some(out)
}

fn decode_vni(bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    'outer: while i < bytes.len() {
        if i + 1 < bytes.len() {
            for (ch, seq) in letters().zip(VNI.iter()) {
                if seq[1] != 0 && seq[0] == bytes[i] && seq[1] == bytes[i + 1] {
                    out.push(ch);
                    i += 2;
                    continue 'outer;
                }
            }
        }
        let b = bytes[i];
        if b < 0x80 {
            out.push(b as char);
        } else if let Some(ch) =
            letters().zip(VNI.iter()).find(|(_, s)| s[1] == 0 && s[0] == b).map(|(c, _)| c)
        {
            out.push(ch);
        } else if let Some(c) = (b < 0xA0).then(|| cp1252_symbol(b)).flatten() {
            out.push(c);
        } else {
            return None;
        }
        i += 1;
    }
    Some(out)
}

/// The bytes a Windows-1252 (or Latin-1) reading made this text from; `None` if a character
/// has none (then the text is no such mojibake).
fn cp1252_bytes(text: &str) -> Option<Vec<u8>> {
    text.chars()
        .map(|c| {
            if (c as u32) < 0x100 {
                Some(c as u32 as u8)
            } else {
                let mut buf = [0u8; 4];
                let (b, _, bad) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
                (!bad && b.len() == 1).then(|| b[0])
            }
        })
        .collect()
}

const VOWELS: &str = "aăâeêioôơuưy";

/// The share of the words with non-ASCII characters that are plausible Vietnamese, and how many
/// such words there are.
pub fn plausibility(text: &str) -> (f32, usize) {
    let (good, total) = plausible_words(text);
    if total == 0 {
        (0.0, 0)
    } else {
        (good as f32 / total as f32, total)
    }
}

/// How many of the words with non-ASCII characters are plausible Vietnamese, and how many such
/// words there are: counts that add up over pieces of a text cut at line ends.
pub fn plausible_words(text: &str) -> (usize, usize) {
    let (mut good, mut total) = (0usize, 0usize);
    for word in text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '"' | '\t' | '(' | ')' | '/' | '-' | '.')
    }) {
        if word.is_ascii() {
            continue;
        }
        total += 1;
        if plausible_word(word) {
            good += 1;
        }
    }
    (good, total)
}

fn plausible_word(word: &str) -> bool {
    let mut tones = 0;
    let mut vowel_run = 0;
    let mut prev_base: Option<char> = None;
    let mut prev_vowel: Option<char> = None;
    for c in word.chars() {
        if c == '\'' || c == '’' {
            prev_base = None;
            prev_vowel = None;
            vowel_run = 0;
            continue;
        }
        if !c.is_ascii() && !viet::is_vietnamese_letter(c) {
            return false;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let mut parts = lower.nfd();
        let base = parts.next().unwrap_or(lower);
        let marks: Vec<char> = parts.collect();
        tones += marks
            .iter()
            .filter(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
            .count();
        let vowel_form: String = std::iter::once(base)
            .chain(marks.iter().copied().filter(|m| matches!(m, '\u{302}' | '\u{306}' | '\u{31B}')))
            .collect::<String>()
            .nfc()
            .collect();
        if VOWELS.contains(vowel_form.as_str()) && !vowel_form.is_empty() {
            vowel_run += 1;
            // The same vowel letter twice in a row (aâ, eê, uư) is no Vietnamese rhyme.
            if prev_base == Some(base) && base != 'o' {
                return false;
            }
            // â ê ô ă ơ follow another vowel only in uâ uê uô iê yê oă uă ươ uơ.
            if let (Some(p), Some(v)) = (prev_vowel, vowel_form.chars().next()) {
                if "âêôăơ".contains(v)
                    && !matches!(
                        (p, v),
                        ('u', 'â' | 'ê' | 'ô' | 'ă' | 'ơ') | ('i' | 'y', 'ê') | ('o', 'ă') | ('ư', 'ơ')
                    )
                {
                    return false;
                }
            }
            prev_base = Some(base);
            prev_vowel = vowel_form.chars().next();
        } else {
            vowel_run = 0;
            prev_base = None;
            prev_vowel = None;
        }
        if vowel_run > 3 {
            return false;
        }
    }
    tones <= 1
}

/// The single-byte Windows code pages through which UTF-8 text is most often shown and saved
/// again: Western, Central European (the default of many Vietnamese machines set to a Czech or
/// Polish locale by an installer) and Vietnamese.
const PAGES: [(&encoding_rs::Encoding, &str); 3] = [
    (encoding_rs::WINDOWS_1252, "Windows-1252"),
    (encoding_rs::WINDOWS_1250, "Windows-1250"),
    (encoding_rs::WINDOWS_1258, "Windows-1258"),
];

/// The byte `page` (an index of [`PAGES`]) has for `c`, if it has exactly one.
fn page_byte(page: usize, c: char) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    let table = &page_tables()[page];
    table.binary_search_by_key(&c, |&(ch, _)| ch).ok().map(|i| table[i].1)
}

/// Each of [`PAGES`]' upper halves as (character, byte), sorted by character: every value of
/// a roster is looked at, and asking the encoder character by character cost 3 % of issuing.
fn page_tables() -> &'static [Vec<(char, u8)>; 3] {
    static TABLES: std::sync::OnceLock<[Vec<(char, u8)>; 3]> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        PAGES.map(|(page, _)| {
            let mut table: Vec<(char, u8)> = (0x80..=0xFFu8)
                .filter_map(|b| {
                    let byte = [b];
                    let (text, bad) = page.decode_without_bom_handling(&byte);
                    let c = text.chars().next().filter(|_| !bad && text.chars().count() == 1)?;
                    // Only where the encoder gives the byte back: what it did before the table.
                    let mut buf = [0u8; 4];
                    let (bytes, _, unmappable) = page.encode(c.encode_utf8(&mut buf));
                    (!unmappable && *bytes == [b]).then_some((c, b))
                })
                .collect();
            table.sort_unstable();
            table
        })
    })
}

/// Whether a word of a value could be UTF-8 seen through one of [`PAGES`]: all its characters
/// have a byte there and a lead byte comes before a continuation (or ends the word, when a
/// space follows that may have been its byte A0). Most names are never looked at further.
fn may_be_through_a_page(word: &str, space_follows: bool) -> bool {
    (0..PAGES.len()).any(|page| {
        let mut lead = false;
        for c in word.chars() {
            let Some(b) = page_byte(page, c) else { return false };
            if lead && (0x80..=0xBF).contains(&b) {
                return true;
            }
            lead = (0xC2..=0xF4).contains(&b);
        }
        lead && space_follows
    })
}

/// Whether bytes hold what UTF-8 makes of a letter beyond ASCII: a lead byte and a continuation.
fn has_utf8_sequence(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| (0xC2..=0xF4).contains(&w[0]) && (0x80..=0xBF).contains(&w[1]))
}

/// One word of a field that went through a code page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordDamage {
    /// It reads as clean Vietnamese once the code page is undone.
    Repaired {
        /// As it was in the roster.
        from: String,
        /// As it reads.
        to: String,
        /// The code page undone.
        page: &'static str,
    },
    /// It is UTF-8 seen through a code page, but bytes were lost: the likely reading, with `�`
    /// where a byte is missing.
    Damaged {
        /// As it was in the roster.
        from: String,
        /// What it most likely said.
        reading: String,
    },
}

/// Looks at each word of `value` that is not plausible Vietnamese for UTF-8 text shown through
/// a single-byte Windows code page (1252, 1250, 1258) and saved again ("HáşŁi" for "Hải",
/// "ToĂ n" for "Toàn", where the byte A0 of "à" became a no-break space and then a space).
/// Returns the value with every cleanly repaired word replaced, and what was found; `None` when
/// no word shows such damage.
pub fn repair_words(value: &str) -> Option<(String, Vec<WordDamage>)> {
    if value.is_ascii() {
        return None;
    }
    let mut words = value.split(' ').peekable();
    let mut suspect = false;
    while let Some(w) = words.next() {
        if !w.is_ascii() && may_be_through_a_page(w, words.peek().is_some()) {
            suspect = true;
            break;
        }
    }
    if !suspect {
        return None;
    }
    let words: Vec<&str> = value.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        // Every word beyond ASCII is tried: no Vietnamese word holds what a code page makes of
        // a UTF-8 sequence (a lead byte C2–F4, then a symbol of 80–BF), and "ToĂ" alone even
        // passes for a syllable.
        if w.is_ascii() {
            out.push(w.to_string());
            i += 1;
            continue;
        }
        match undo_page(&words[i..]) {
            Some((taken, damage)) => {
                let from = words[i..i + taken].join(" ");
                match damage {
                    Ok((to, page)) => {
                        out.push(to.clone());
                        found.push(WordDamage::Repaired { from, to, page });
                    }
                    Err(reading) => {
                        out.push(from.clone());
                        found.push(WordDamage::Damaged { from, reading });
                    }
                }
                i += taken;
            }
            None => {
                out.push(w.to_string());
                i += 1;
            }
        }
    }
    (!found.is_empty()).then(|| (out.join(" "), found))
}

/// Undoes a code page on the word at the front of `words` (and the next one, when a space
/// stands where a byte A0 was): how many words it took, and the clean reading with its page,
/// or the likely reading of a word whose bytes were partly lost. `None`: no code page shows
/// UTF-8 in it.
#[allow(clippy::type_complexity)]
fn undo_page(words: &[&str]) -> Option<(usize, Result<(String, &'static str), String>)> {
    let mut damaged = None;
    for (page, (_, name)) in PAGES.iter().enumerate() {
        for taken in 1..=2.min(words.len()) {
            let mut bytes = Vec::new();
            let mut ok = true;
            for (k, w) in words[..taken].iter().enumerate() {
                if k > 0 {
                    bytes.push(0xA0);
                }
                for c in w.chars() {
                    match page_byte(page, c) {
                        Some(b) => bytes.push(b),
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
            }
            if !ok || !has_utf8_sequence(&bytes) {
                continue;
            }
            match std::str::from_utf8(&bytes) {
                Ok(text) if text.split(' ').all(plausible_word) && !text.chars().any(is_c1) => {
                    return Some((taken, Ok((text.nfc().collect(), *name))));
                }
                Ok(_) => {}
                Err(_) if taken == 1 && damaged.is_none() => {
                    damaged = Some(String::from_utf8_lossy(&bytes).nfc().collect::<String>());
                }
                Err(_) => {}
            }
        }
    }
    damaged.map(|reading| (1, Err(reading)))
}

/// A C1 control character (U+0080–U+009F): never text, always the trace of bytes read in the
/// wrong code page.
pub fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// What a text with C1 control characters most likely said: its characters below U+0100 taken
/// as bytes (the Latin-1 reading undone) and read as UTF-8, or with the C1 characters left out.
pub fn c1_reading(value: &str) -> String {
    let bytes: Option<Vec<u8>> =
        value.chars().map(|c| ((c as u32) < 0x100).then_some(c as u32 as u8)).collect();
    if let Some(b) = bytes.filter(|b| has_utf8_sequence(b)) {
        return String::from_utf8_lossy(&b).nfc().collect();
    }
    value.chars().filter(|c| !is_c1(*c)).collect()
}

/// Reads bytes that are not UTF-8: the one legacy encoding whose reading is clearly Vietnamese.
pub fn detect(bytes: &[u8]) -> Option<(String, Legacy)> {
    best_reading(bytes, &[Legacy::Windows1258, Legacy::Tcvn3, Legacy::Vni], 0.0)
}

/// Repairs valid UTF-8 text that is mojibake: undoes the Windows-1252 reading, then reads the
/// bytes as UTF-8, TCVN3 or VNI — only when the text as it is reads badly and the repair well.
pub fn repair(text: &str) -> Option<(String, Legacy)> {
    if text.is_ascii() {
        return None;
    }
    let (as_is, _) = plausibility(text);
    if as_is > 0.7 {
        return None;
    }
    let bytes = cp1252_bytes(text)?;
    best_reading(&bytes, &[Legacy::Utf8, Legacy::Tcvn3, Legacy::Vni], as_is)
}

fn best_reading(bytes: &[u8], candidates: &[Legacy], must_beat: f32) -> Option<(String, Legacy)> {
    let mut scored: Vec<(f32, usize, String, Legacy)> = candidates
        .iter()
        .filter_map(|&e| {
            let text = e.decode(bytes)?;
            let (score, words) = plausibility(&text);
            Some((score, words, text, e))
        })
        .filter(|(_, words, _, _)| *words > 0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, _, _, _) = scored.first()?;
    let runner_up = scored.get(1).map(|s| s.0).unwrap_or(0.0);
    // Clearly Vietnamese, clearly better than the other readings and than the text as it was.
    if *best >= 0.95 && best - runner_up >= 0.1 && best - must_beat >= 0.25 {
        let (_, _, text, e) = scored.swap_remove(0);
        Some((text, e))
    } else {
        None
    }
}

/// Excel's "CSV (Comma delimited)" on a non-Vietnamese Windows writes `?` for every letter its
/// code page lacks (`Nguy?n Th? Mai`): the 1-based line and an example, if the text shows it.
pub fn lossy_export(text: &str) -> Option<(usize, String)> {
    let mut scan = LossyScan::default();
    scan.feed(text);
    scan.found()
}

/// [`lossy_export`] over a text that comes in pieces, each cut after a line end.
#[derive(Debug, Default)]
pub struct LossyScan {
    hits: usize,
    first: Option<(usize, String)>,
    lines: usize,
}

impl LossyScan {
    /// The next piece: whole lines (only the last piece may end without a line break).
    pub fn feed(&mut self, text: &str) {
        for line in text.lines() {
            let i = self.lines;
            self.lines += 1;
            for word in line.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '\t') {
                let word = word.trim_matches('"');
                if !word.contains(['?', '\u{FFFD}']) {
                    continue;
                }
                let chars: Vec<char> = word.chars().collect();
                let inside = (1..chars.len().saturating_sub(1))
                    .any(|j| chars[j] == '?' && chars[j - 1].is_alphabetic() && chars[j + 1].is_alphabetic());
                let trailing = chars.len() >= 2
                    && chars[chars.len() - 1] == '?'
                    && chars[chars.len() - 2].is_alphabetic()
                    && i > 0;
                if inside || trailing || word.contains('\u{FFFD}') {
                    self.hits += 1;
                    self.first.get_or_insert((i + 1, word.to_string()));
                }
            }
        }
    }

    /// The 1-based line and an example, if what was fed shows a lossy export.
    pub fn found(self) -> Option<(usize, String)> {
        (self.hits >= 3).then_some(self.first).flatten()
    }
}

/// UTF-16 without a byte order mark, told by its zero bytes: text that is mostly ASCII (a
/// roster's digits, commas and unaccented letters) has a zero in every other byte, on the odd
/// side for little-endian and the even side for big-endian. UTF-8 and the one-byte code pages
/// never hold zero bytes in text.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<Legacy> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 3 > pairs && even * 20 < pairs {
        Some(Legacy::Utf16Le)
    } else if even * 3 > pairs && odd * 20 < pairs {
        Some(Legacy::Utf16Be)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_tables_give_the_bytes_the_encoder_gives() {
        for (i, (page, name)) in PAGES.iter().enumerate() {
            for c in ('\u{80}'..='\u{2FFF}').chain(['\u{FFFD}', '\u{FEFF}']) {
                let mut buf = [0u8; 4];
                let (bytes, _, unmappable) = page.encode(c.encode_utf8(&mut buf));
                let expected = (!unmappable && bytes.len() == 1).then(|| bytes[0]);
                assert_eq!(page_byte(i, c), expected, "{name} {c:?}");
            }
        }
    }

    /// The quick look of [`repair_words`] passes over a word only where the full look would
    /// have found nothing: every word of the 218-name roster, clean and shown through each page.
    #[test]
    fn the_quick_look_passes_over_only_clean_words() {
        let roster = include_str!("../../tests/fixtures/rosters/roster_218.csv");
        let clean: Vec<String> = roster.split([',', ' ', '\n', '"']).map(str::to_string).collect();
        let mut words = clean.clone();
        for (page, _) in PAGES {
            words.extend(clean.iter().map(|w| page.decode_without_bom_handling(w.as_bytes()).0.into_owned()));
        }
        let mut found = 0;
        for pair in words.windows(2) {
            let w = pair[0].as_str();
            if !w.is_ascii() && undo_page(&[w, pair[1].as_str()]).is_some() {
                assert!(may_be_through_a_page(w, true), "{w:?} passed over");
                found += 1;
            }
        }
        // And it passes over most clean words (not those ending in a letter such as à, whose
        // byte in a page leads a UTF-8 sequence: a space may follow that was its A0).
        let clean: Vec<&String> = clean.iter().filter(|w| !w.is_ascii()).collect();
        let looked_at = clean.iter().filter(|w| may_be_through_a_page(w, true)).count();
        assert!(
            found > 1000 && looked_at * 4 < clean.len(),
            "{found} found; {looked_at} of {} clean",
            clean.len()
        );
    }

    #[test]
    fn tables_read_the_well_known_samples() {
        // "Trường Đại học Quốc gia" in VNI, as cp1252 shows it: Tröôøng Ñaïi hoïc Quoác gia.
        let vni = cp1252_bytes("Tröôøng Ñaïi hoïc Quoác gia").unwrap();
        assert_eq!(decode_vni(&vni).unwrap(), "Trường Đại học Quốc gia");
        // TCVN3: "Nguyễn Văn An" shows as NguyÔn V¨n An.
        let tcvn = cp1252_bytes("NguyÔn V¨n An").unwrap();
        assert_eq!(decode_tcvn3(&tcvn).unwrap(), "Nguyễn Văn An");
    }

    #[test]
    fn words_shown_through_a_code_page_are_repaired_one_by_one() {
        // UTF-8 read as Windows-1250 inside one field; the rest of the field is right.
        let (fixed, found) = repair_words("Danh Vũ HáşŁi Long").unwrap();
        assert_eq!(fixed, "Danh Vũ Hải Long");
        assert_eq!(
            found,
            [WordDamage::Repaired { from: "HáşŁi".into(), to: "Hải".into(), page: "Windows-1250" }]
        );
        // The A0 byte of "à" shown as a no-break space, then typed over as a space.
        assert_eq!(repair_words("Nguyễn Bắc ToĂ n").unwrap().0, "Nguyễn Bắc Toàn");
        assert_eq!(repair_words("Nguyễn Bắc ToĂ\u{a0}n").unwrap().0, "Nguyễn Bắc Toàn");
        // Windows-1252.
        assert_eq!(repair_words("Nguyá»…n VÄƒn An").unwrap().0, "Nguyễn Văn An");
        // Good Vietnamese and foreign names are left alone.
        assert!(repair_words("Công Tằng Tôn Nữ Thị Bích Ngọc").is_none());
        assert!(repair_words("H'Hen Niê").is_none());
        assert!(repair_words("Müller").is_none());
        // A byte lost: the likely reading, not a repair.
        assert_eq!(repair_words("Tráº§n Văn Ba").unwrap().0, "Trần Văn Ba");
        let (_, found) = repair_words("Lê Tá»t").unwrap(); // "Tốt" with its byte 91 lost
        assert_eq!(found, [WordDamage::Damaged { from: "Tá»t".into(), reading: "T\u{fffd}t".into() }]);
        assert_eq!(c1_reading("Ng\u{c3}\u{a1}\u{82}"), "Ng\u{e1}\u{fffd}");
        assert_eq!(c1_reading("An\u{85}"), "An");
        assert_eq!(c1_reading("H\u{e1}\u{bb}\u{93}ng"), "Hồng");
    }

    #[test]
    fn mojibake_is_repaired_and_good_text_left_alone() {
        assert_eq!(
            repair("LÃ½ XuÃ¢n TrÃ\u{AD} Nguyá»…n VÄƒn"),
            Some(("Lý Xuân Trí Nguyễn Văn".into(), Legacy::Utf8))
        );
        assert_eq!(repair("Lyù Xuaân Trí, Nguyeãn Vaên An").map(|r| r.1), Some(Legacy::Vni));
        assert_eq!(repair("Hà Hoa, Lê Văn Hoà, Đà Nẵng"), None);
        assert_eq!(repair("Hà Hoa"), None);
    }

    #[test]
    fn plausibility_tells_syllables_from_noise() {
        assert_eq!(plausibility("Nguyễn Thị Ngọc Huyền khuyếch H'Hen Niê").0, 1.0);
        assert!(plausibility("Nguyeãn Vaên").0 < 0.5);
        assert!(plausibility("Xu©n TrÝ").0 < 1.0);
    }

    #[test]
    fn lossy_export_is_spotted() {
        assert!(lossy_export("stt,ho_ten\n1,Nguy?n Th? Mai\n2,Tr?n V?n B\n").is_some());
        assert!(lossy_export("stt,ghi_chu\n1,Có không?\n").is_none());
    }
}
