//! A TrueType font as a certificate embeds it: the same outlines and metrics without hinting.
//!
//! Hinting (the `fpgm`, `prep` and `cvt ` programs and every glyph's instructions) snaps outlines
//! to a screen's pixel grid at small sizes. A certificate is printed at 600 dpi and read on
//! screens that draw text anti-aliased, where hinting changes little (docs/printing.md says what
//! poppler and PDFium show), yet hinting was two thirds of every embedded subset: Liberation
//! Serif's three subsets in one certificate are 31 KB compressed with it and 12 KB without. Glyph names (`post` version 2) go too: a PDF names glyphs by CID and maps
//! them to text with its own ToUnicode CMap, and the `name` table keeps the copyright, trademark,
//! licence and names, not the credits and description.
//!
//! Done on the font's bytes once per process, before krilla subsets it per file, so the font
//! files in `fonts/` stay as their authors made them (the OFL forbids shipping a modified
//! Liberation under its name; a document's embedded subset is not such a file). No crate offers
//! this alone (fontations' `klippa` is a whole second subsetter, `subsetter`, krilla's, keeps
//! hinting); it is a table-directory rewrite of ~150 lines, tested against the outlines.

use std::collections::BTreeMap;

/// Tables only a hinting rasteriser or a platform's font menu reads.
const DROPPED: [&[u8; 4]; 8] = [b"cvt ", b"fpgm", b"prep", b"hdmx", b"LTSH", b"VDMX", b"gasp", b"DSIG"];

/// Fonts whose glyphs are put together by their hinting programs (FreeType's "tricky" fonts, by
/// the names FreeType knows them by): older Chinese fonts (MingLiU, DFKai-SB, …) that a template
/// with Hán characters might use. Without their programs their strokes fall apart.
const TRICKY: [&str; 20] = [
    "cpop",
    "DFGirl-W6-WIN-BF",
    "DFGothic-EB",
    "DFGyoSho-Lt",
    "DFHei",
    "DFHSGothic-W5",
    "DFHSMincho-W3",
    "DFHSMincho-W7",
    "DFKaiSho-SB",
    "DFKaiShu",
    "DFKai-SB",
    "DFMing",
    "DLC",
    "HuaTianKaiTi",
    "HuaTianSongTi",
    "Ming(for ISO10646)",
    "MingLiU",
    "MingMedium",
    "PMingLiU",
    "MingLi43",
];

/// `font` without hinting and glyph names, or `None` when it is not a TrueType (`glyf`) font
/// this can read — a CFF font has no TrueType hinting and is embedded as it is — or a font that
/// needs its hinting to draw (see [`TRICKY`]).
pub fn unhinted(font: &[u8]) -> Option<Vec<u8>> {
    let (sfnt, mut tables) = read_tables(font)?;
    if tables
        .get(b"name")
        .is_some_and(|n| names(n).iter().any(|name| TRICKY.iter().any(|t| name.contains(t))))
    {
        return None;
    }
    for tag in DROPPED {
        tables.remove(tag);
    }

    let head = tables.get(b"head")?;
    let maxp = tables.get(b"maxp")?;
    let long_loca = be16(head, 50)? == 1;
    let glyphs = be16(maxp, 4)? as usize;
    let (glyf, loca) = strip_glyphs(tables.get(b"glyf")?, tables.get(b"loca")?, glyphs, long_loca)?;
    tables.insert(*b"glyf", glyf);
    tables.insert(*b"loca", loca);

    let head = tables.get_mut(b"head")?;
    head.get_mut(50..52)?.copy_from_slice(&1u16.to_be_bytes()); // long offsets in `loca`
    head.get_mut(8..12)?.fill(0); // checksum adjustment, set below
    let maxp = tables.get_mut(b"maxp")?;
    if be32(maxp, 0)? == 0x0001_0000 {
        // No twilight zone, storage, functions, stack or instructions any more.
        maxp.get_mut(14..16)?.copy_from_slice(&1u16.to_be_bytes());
        maxp.get_mut(16..28)?.fill(0);
    }
    if let Some(name) = tables.get(b"name").and_then(|n| without_credits(n)) {
        tables.insert(*b"name", name);
    }
    if let Some(post) = tables.get_mut(b"post") {
        if post.len() >= 32 {
            // Version 3: the header's metrics, no names.
            post.truncate(32);
            post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
        }
    }
    Some(assemble(sfnt, &tables))
}

/// A font's tables by tag, in tag order.
type Tables = BTreeMap<[u8; 4], Vec<u8>>;

/// The sfnt version and the tables of a TrueType font file.
fn read_tables(font: &[u8]) -> Option<(u32, Tables)> {
    let sfnt = be32(font, 0)?;
    if sfnt != 0x0001_0000 && sfnt != u32::from_be_bytes(*b"true") {
        return None;
    }
    let count = be16(font, 4)? as usize;
    let mut tables = BTreeMap::new();
    for i in 0..count {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let (off, len) = (be32(font, rec + 8)? as usize, be32(font, rec + 12)? as usize);
        tables.insert(tag, font.get(off..off.checked_add(len)?)?.to_vec());
    }
    Some((sfnt, tables))
}

/// A `name` table's records: each record's first 8 bytes (platform, encoding, language, name
/// id) and its string's bytes; `None` for a table this cannot read.
fn name_records(name: &[u8]) -> Option<Vec<([u8; 8], &[u8])>> {
    let count = be16(name, 2)? as usize;
    let storage = name.get(be16(name, 4)? as usize..)?;
    (0..count)
        .map(|i| {
            let rec = name.get(6 + 12 * i..18 + 12 * i)?;
            let (len, off) = (be16(rec, 8)? as usize, be16(rec, 10)? as usize);
            Some((rec[..8].try_into().ok()?, storage.get(off..off + len)?))
        })
        .collect()
}

/// The family, full and PostScript names (ids 1, 4, 6) a `name` table gives, in Unicode
/// (Windows, UTF-16) and Macintosh (Roman, read as Latin-1) records.
fn names(name: &[u8]) -> Vec<String> {
    let records = name_records(name).unwrap_or_default();
    records
        .into_iter()
        .filter(|(head, _)| [1, 4, 6].contains(&be16(head, 6).unwrap_or(0)))
        .map(|(head, bytes)| match be16(&head, 0) {
            Some(0 | 3) => String::from_utf16_lossy(
                &bytes.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>(),
            ),
            _ => bytes.iter().map(|&b| b as char).collect(),
        })
        .collect()
}

/// `glyf` and a long `loca` with every glyph's instructions removed and its outline unchanged.
fn strip_glyphs(glyf: &[u8], loca: &[u8], glyphs: usize, long_loca: bool) -> Option<(Vec<u8>, Vec<u8>)> {
    let offset = |i: usize| -> Option<usize> {
        if long_loca {
            be32(loca, 4 * i).map(|o| o as usize)
        } else {
            be16(loca, 2 * i).map(|o| 2 * o as usize)
        }
    };
    let mut out = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(4 * (glyphs + 1));
    for g in 0..glyphs {
        new_loca.extend_from_slice(&u32::try_from(out.len()).ok()?.to_be_bytes());
        let (start, end) = (offset(g)?, offset(g + 1)?);
        if end > start {
            strip_glyph(glyf.get(start..end)?, &mut out)?;
            out.resize(out.len().next_multiple_of(4), 0);
        }
    }
    new_loca.extend_from_slice(&u32::try_from(out.len()).ok()?.to_be_bytes());
    Some((out, new_loca))
}

/// One glyph's record without its instructions.
fn strip_glyph(g: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let contours = i16::from_be_bytes(g.get(0..2)?.try_into().ok()?);
    if contours >= 0 {
        // Header, end points, then the instructions' length and bytes, then flags and points.
        let ends = 10 + 2 * contours as usize;
        let instructions = be16(g, ends)? as usize;
        let rest = g.get(ends + 2 + instructions..)?;
        out.extend_from_slice(g.get(..ends)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
    } else {
        // A composite: its components, each without WE_HAVE_INSTRUCTIONS; the instructions
        // that would follow the last one are left out.
        const ARGS_ARE_WORDS: u16 = 0x0001;
        const HAVE_SCALE: u16 = 0x0008;
        const MORE_COMPONENTS: u16 = 0x0020;
        const HAVE_XY_SCALE: u16 = 0x0040;
        const HAVE_TWO_BY_TWO: u16 = 0x0080;
        const HAVE_INSTRUCTIONS: u16 = 0x0100;
        out.extend_from_slice(g.get(..10)?);
        let mut p = 10;
        loop {
            let flags = be16(g, p)?;
            let mut len = 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
            if flags & HAVE_SCALE != 0 {
                len += 2;
            } else if flags & HAVE_XY_SCALE != 0 {
                len += 4;
            } else if flags & HAVE_TWO_BY_TWO != 0 {
                len += 8;
            }
            let component = g.get(p..p + len)?;
            out.extend_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
            out.extend_from_slice(&component[2..]);
            p += len;
            if flags & MORE_COMPONENTS == 0 {
                break;
            }
        }
    }
    Some(())
}

/// The `name` table without the vendor's, designer's and description's records (ids 8–12), which
/// were 1 KB of each Liberation subset; the copyright, trademark, licence and font names stay.
fn without_credits(name: &[u8]) -> Option<Vec<u8>> {
    if be16(name, 0)? != 0 {
        return None;
    }
    let mut kept = name_records(name)?;
    kept.retain(|(head, _)| !(8..=12).contains(&be16(head, 6).unwrap_or(0)));
    let mut out = Vec::new();
    let records_end = 6 + 12 * kept.len();
    for v in [0, kept.len() as u16, u16::try_from(records_end).ok()?] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut strings: Vec<u8> = Vec::new();
    for (head, text) in &kept {
        out.extend_from_slice(head);
        out.extend_from_slice(&u16::try_from(text.len()).ok()?.to_be_bytes());
        out.extend_from_slice(&u16::try_from(strings.len()).ok()?.to_be_bytes());
        strings.extend_from_slice(text);
    }
    out.extend_from_slice(&strings);
    Some(out)
}

/// An sfnt file of `tables`, in tag order, each on a 4-byte boundary, with its checksums.
fn assemble(sfnt: u32, tables: &Tables) -> Vec<u8> {
    let count = tables.len() as u16;
    let selector = 15 - count.max(1).leading_zeros() as u16; // floor(log2(count))
    let range = 16u16 << selector;
    let mut out = Vec::new();
    out.extend_from_slice(&sfnt.to_be_bytes());
    for v in [count, range, selector, count * 16 - range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().next_multiple_of(4);
    }
    for data in tables.values() {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

/// The OpenType table checksum: the sum of big-endian 32-bit words, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIBERATION: &[u8] = include_bytes!("../../fonts/LiberationSerif-Regular.ttf");

    /// Liberation Serif with its name table saying it is `family`.
    fn named(family: &str) -> Vec<u8> {
        let (sfnt, mut tables) = read_tables(LIBERATION).unwrap();
        let text: Vec<u8> = family.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut name = Vec::new();
        for v in [0u16, 1, 18, 3, 1, 0x409, 1, text.len() as u16, 0] {
            name.extend_from_slice(&v.to_be_bytes());
        }
        name.extend_from_slice(&text);
        tables.insert(*b"name", name);
        assemble(sfnt, &tables)
    }

    #[test]
    fn a_font_drawn_by_its_hinting_keeps_it() {
        assert_eq!(names(&read_tables(&named("PMingLiU")).unwrap().1[b"name"]), ["PMingLiU"]);
        assert_eq!(unhinted(&named("PMingLiU")), None);
        assert_eq!(unhinted(&named("DFKai-SB")), None);
        assert!(unhinted(&named("Nom Na Tong")).is_some(), "an ordinary Hán-Nôm font loses its hinting");
    }

    #[test]
    fn a_font_that_is_not_truetype_is_embedded_as_it_is() {
        assert_eq!(unhinted(b"OTTO\0\0\0\0\0\0\0\0"), None);
        assert_eq!(unhinted(b"not a font"), None);
    }
}
