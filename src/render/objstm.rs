//! A finished PDF rewritten with its dictionaries in compressed object streams and its
//! cross-reference table as a compressed stream (PDF 1.5; PDF/A-2 allows both).
//!
//! krilla writes every font dictionary, widths array, descriptor, page and resource dictionary,
//! the document information and the cross-reference table as plain text: a fifth of a
//! certificate written as its own file (5 KB of 27) and of every page of a print file. Packed
//! into object streams they deflate to a fraction of that. Streams (fonts, pages' content,
//! images, the XMP metadata that PDF/A requires uncompressed) are copied as they are, under
//! their numbers, so nothing a reader draws or extracts changes.
//!
//! This reads krilla's output through its own cross-reference table (pdf-writer's layout: one
//! subsection, `N 0 obj … endobj`, a `trailer` dictionary); pdf-writer cannot write object
//! streams itself, and no well-kept crate rewrites a PDF without parsing and re-serialising
//! every object (lopdf), which would cost more than writing the file did. Anything else —
//! which this module never expects — is left as it was.

use std::io::Write;
use std::ops::Range;

/// Objects a stream holds: as qpdf and Acrobat do, so a reader that wants one page's
/// dictionaries inflates a hundred objects, not a whole print file's.
const PER_STREAM: usize = 100;

/// `pdf` with its non-stream objects packed, or `pdf` unchanged if it is not laid out as
/// pdf-writer writes (see the module's comment).
pub fn pack(pdf: Vec<u8>) -> Vec<u8> {
    match Parsed::read(&pdf) {
        Some(parsed) => parsed.write(None).0,
        None => pdf,
    }
}

/// A PAdES signature field to add while packing (issue 31): an AcroForm with one signature
/// field, its widget on page 1 (with `/F` Print and an appearance stream, as PDF/A-2 asks) and
/// the signature dictionary, whose `/ByteRange` and `/Contents` are placeholders that
/// `esign` fills once the file is whole.
pub struct SignatureField<'a> {
    /// `/M`: the signing time as a PDF date (`D:20261208093000+07'00'`).
    pub time: &'a str,
    /// The bytes reserved for the DER signature (`/Contents` holds twice as many hex digits).
    pub contents_len: usize,
    /// The widget's rectangle on page 1 in points; all zero for an invisible signature.
    pub rect: [f32; 4],
    /// The field's name (`/T`).
    pub name: &'a str,
}

/// Where the placeholders of a [`SignatureField`] ended up in the written file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// The four numbers between `/ByteRange[` and `]`, spaces included.
    pub byte_range: Range<usize>,
    /// The hex string, from its `<` to after its `>`.
    pub contents: Range<usize>,
}

/// Why a signature field could not be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldError {
    /// Not a file laid out as pdf-writer or this module writes one (or changed since).
    Layout,
    /// The file already has a form (a signature).
    HasForm,
}

/// `pdf` — krilla's output, or a file this module packed earlier — packed with a signature
/// field added. The signature dictionary stays outside the object streams: its `/Contents` must
/// be bytes of the file that the byte range leaves out.
pub fn pack_with_field(pdf: &[u8], field: &SignatureField) -> Result<(Vec<u8>, Placeholder), FieldError> {
    if let Some(parsed) = Parsed::read(pdf) {
        return parsed.with_field(field);
    }
    let owned = Unpacked::read(pdf).ok_or(FieldError::Layout)?;
    let parsed = Parsed {
        header: &owned.header,
        objects: owned.objects.iter().map(|o| o.as_deref()).collect(),
        trailer: owned.trailer.clone(),
    };
    parsed.with_field(field)
}

/// A file this module packed, read back: its objects' bodies out of the object streams.
struct Unpacked {
    header: Vec<u8>,
    objects: Vec<Option<Vec<u8>>>,
    trailer: Vec<u8>,
}

impl Unpacked {
    fn read(pdf: &[u8]) -> Option<Unpacked> {
        let start = pdf.len().saturating_sub(40);
        let sx = start + find(&pdf[start..], b"startxref")?;
        let at: usize = number(pdf.get(sx + 9..)?)?.0;
        let (xref_n, dict, data) = stream_at(pdf, at)?;
        let dict = dict.strip_prefix(b"<</Type/XRef/Size ")?;
        let (size, rest) = number(dict)?;
        let rest = rest.strip_prefix(b"/W[1 ")?;
        let (width, rest) = number(rest)?;
        let rest = rest.strip_prefix(b" 2]")?;
        // Our writer puts the trailer's own entries between /W and /Filter; an incremental
        // update (/Prev) or another writer's table is not ours to rewrite.
        let filter = find(rest, b"/Filter/FlateDecode/Length ")?;
        let trailer = rest[..filter].to_vec();
        if find(&trailer, b"/Prev").is_some() || !(1..=8).contains(&width) || xref_n + 1 != size {
            return None;
        }
        let table = inflate(data)?;
        let row = 3 + width;
        if table.len() != size * row {
            return None;
        }
        let entries: Vec<(u8, usize, usize)> = table
            .chunks(row)
            .map(|e| {
                let two = e[1..1 + width].iter().fold(0usize, |a, b| (a << 8) | *b as usize);
                (e[0], two, u16::from_be_bytes([e[1 + width], e[2 + width]]) as usize)
            })
            .collect();
        let mut starts: Vec<usize> = entries.iter().filter(|e| e.0 == 1).map(|e| e.1).collect();
        starts.sort_unstable();
        let header = pdf.get(..*starts.first()?)?.to_vec();
        let mut bodies: Vec<Option<Vec<u8>>> = vec![None; size];
        let mut streams: Vec<usize> = Vec::new();
        for (n, e) in entries.iter().enumerate() {
            if e.0 != 1 || n == xref_n {
                continue;
            }
            let end = starts.get(starts.partition_point(|s| *s <= e.1)).copied().unwrap_or(at);
            let text = pdf.get(e.1..end)?;
            let opening = format!("{n} 0 obj");
            let body = trim_start(text.strip_prefix(opening.as_bytes())?);
            let body = trim_end(trim_end(body).strip_suffix(b"endobj")?);
            if body.starts_with(b"<</Type/ObjStm/") {
                streams.push(n);
            }
            bodies[n] = Some(body.to_vec());
        }
        // The object streams and the table were numbered after the file's own objects.
        let own = streams.iter().copied().min().unwrap_or(xref_n);
        let mut inflated = std::collections::BTreeMap::new();
        for &k in &streams {
            let (_, dict, data) = stream_at(pdf, entries[k].1)?;
            let first = number(&dict[find(dict, b"/First ")? + 7..])?.0;
            let count = number(&dict[find(dict, b"/N ")? + 3..])?.0;
            let data = inflate(data)?;
            let index: Vec<usize> = std::str::from_utf8(data.get(..first)?)
                .ok()?
                .split_whitespace()
                .map(|t| t.parse().ok())
                .collect::<Option<_>>()?;
            if index.len() != 2 * count {
                return None;
            }
            inflated.insert(k, (data, first, index));
        }
        for (n, e) in entries.iter().enumerate().take(own) {
            if e.0 != 2 {
                continue;
            }
            let (data, first, index) = inflated.get(&e.1)?;
            let i = e.2;
            if index.get(2 * i) != Some(&n) {
                return None;
            }
            let from = first.checked_add(index[2 * i + 1])?;
            let to = match index.get(2 * i + 3) {
                Some(o) => first.checked_add(*o)?,
                None => data.len(),
            };
            bodies[n] = Some(trim_end(data.get(from..to)?).to_vec());
        }
        bodies.truncate(own);
        Some(Unpacked { header, objects: bodies, trailer })
    }
}

/// The object at `at`: its number, its dictionary and its stream data (by `/Length`).
fn stream_at(pdf: &[u8], at: usize) -> Option<(usize, &[u8], &[u8])> {
    let text = pdf.get(at..)?;
    let (n, rest) = number(text)?;
    let rest = trim_start(rest).strip_prefix(b"0 obj")?;
    let rest = trim_start(rest);
    let dict_end = find(rest, b"\nstream\n")?;
    let dict = &rest[..dict_end];
    let length = number(&dict[find(dict, b"/Length ")? + 8..])?.0;
    let data = rest.get(dict_end + 8..(dict_end + 8).checked_add(length)?)?;
    Some((n, dict, data))
}

fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data).read_to_end(&mut out).ok()?;
    Some(out)
}

/// The number `n` in `… /Key n 0 R …` (the first such reference after `key`).
fn reference(dict: &[u8], key: &[u8]) -> Option<usize> {
    let at = find(dict, key)? + key.len();
    let rest = dict.get(at..)?;
    let rest = trim_start(rest);
    let rest = rest.strip_prefix(b"[").map(trim_start).unwrap_or(rest);
    number(rest).map(|(n, _)| n)
}

/// A dictionary's body with `entry` added before its closing `>>`.
fn with_entry(body: &[u8], entry: &[u8]) -> Option<Vec<u8>> {
    let inner = body.strip_suffix(b">>")?;
    let mut out = inner.to_vec();
    out.extend_from_slice(entry);
    out.extend_from_slice(b">>");
    Some(out)
}

/// Where a PDF's objects are, and its trailer.
struct Parsed<'a> {
    /// Everything before the first object: the header and its binary marker.
    header: &'a [u8],
    /// Each object number's body (between `obj` and `endobj`), `None` for a free number.
    objects: Vec<Option<&'a [u8]>>,
    /// The trailer dictionary's entries other than `/Size` (`/Root`, `/Info`, `/ID`).
    trailer: Vec<u8>,
}

impl<'a> Parsed<'a> {
    fn read(pdf: &'a [u8]) -> Option<Parsed<'a>> {
        let start = pdf.len().saturating_sub(40);
        let sx = start + find(&pdf[start..], b"startxref")?;
        let xref: usize = number(pdf.get(sx + 9..)?)?.0;
        let rest = pdf.get(xref..)?.strip_prefix(b"xref")?;
        let rest = trim_start(rest);
        let (first, rest) = number(rest)?;
        let (count, rest) = number(trim_start(rest))?;
        if first != 0 || count == 0 {
            return None;
        }
        // Each entry is 20 bytes: 10 digits of offset, 5 of generation, n or f, an end of line.
        let table = trim_start(rest);
        let mut offsets: Vec<Option<usize>> = Vec::with_capacity(count);
        for i in 0..count {
            let e = table.get(i * 20..i * 20 + 20)?;
            offsets.push(match e[17] {
                b'n' if &e[11..16] == b"00000" => Some(std::str::from_utf8(&e[..10]).ok()?.parse().ok()?),
                b'f' => None,
                _ => return None,
            });
        }
        let trailer = trim_start(table.get(count * 20..)?).strip_prefix(b"trailer")?;
        let trailer = trim_start(trailer).strip_prefix(b"<<")?;
        let trailer = &trailer[..find(trailer, b">>\nstartxref")?];
        let size_at = find(trailer, b"/Size")?;
        let (size, after) = number(trim_start(&trailer[size_at + 5..]))?;
        if size != count {
            return None;
        }
        let mut entries = trailer[..size_at].to_vec();
        entries.extend_from_slice(after);

        // An object runs from its offset to the next object's (or to the table).
        let mut starts: Vec<usize> = offsets.iter().flatten().copied().collect();
        starts.sort_unstable();
        let header = pdf.get(..*starts.first()?)?;
        // Object streams are PDF 1.5.
        let version = header.strip_prefix(b"%PDF-")?;
        if !(version.starts_with(b"1.") && version.get(2).is_some_and(|v| (b'5'..=b'9').contains(v))
            || version.starts_with(b"2."))
        {
            return None;
        }
        let mut objects = Vec::with_capacity(count);
        for (n, at) in offsets.iter().enumerate() {
            let Some(at) = *at else {
                objects.push(None);
                continue;
            };
            let end = starts.get(starts.partition_point(|s| *s <= at)).copied().unwrap_or(xref);
            let text = pdf.get(at..end)?;
            let opening = format!("{n} 0 obj");
            let body = trim_start(text.strip_prefix(opening.as_bytes())?);
            let body = trim_end(body).strip_suffix(b"endobj")?;
            objects.push(Some(trim_end(body)));
        }
        objects.first()?.is_none().then_some(Parsed { header, objects, trailer: entries })
    }

    /// The file with `field` added (see [`pack_with_field`]).
    fn with_field(&self, field: &SignatureField) -> Result<(Vec<u8>, Placeholder), FieldError> {
        let layout = FieldError::Layout;
        let root = reference(&self.trailer, b"/Root").ok_or(layout)?;
        let catalog = self.objects.get(root).copied().flatten().ok_or(layout)?;
        if find(catalog, b"/AcroForm").is_some() {
            return Err(FieldError::HasForm);
        }
        // Page 1: the first kid of the page tree, down to a leaf.
        let mut page = reference(catalog, b"/Pages").ok_or(layout)?;
        for _ in 0..32 {
            let body = self.objects.get(page).copied().flatten().ok_or(layout)?;
            if find(body, b"/Kids").is_none() {
                break;
            }
            page = reference(body, b"/Kids").ok_or(layout)?;
        }
        let page_body = self.objects.get(page).copied().flatten().ok_or(layout)?;
        if find(page_body, b"/Annots").is_some() {
            return Err(layout);
        }
        let size = self.objects.len();
        let (widget, appearance, sig) = (size, size + 1, size + 2);
        let new_catalog =
            with_entry(catalog, format!("/AcroForm<</Fields[{widget} 0 R]/SigFlags 3>>").as_bytes())
                .ok_or(layout)?;
        let new_page = with_entry(page_body, format!("/Annots[{widget} 0 R]").as_bytes()).ok_or(layout)?;
        let [x0, y0, x1, y1] = field.rect;
        let (w, h) = ((x1 - x0).max(0.0), (y1 - y0).max(0.0));
        let name: String = field.name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == ' ').collect();
        // /F 132: Print (PDF/A-2 6.3.2) and Locked. The appearance (6.3.3) is an empty form the
        // size of the widget: what the signature shows is drawn on the page itself.
        let widget_body = format!(
            "<</Type/Annot/Subtype/Widget/FT/Sig/T({name})/V {sig} 0 R/P {page} 0 R/Rect[{x0:.2} {y0:.2} {x1:.2} {y1:.2}]/F 132/AP<</N {appearance} 0 R>>>>"
        );
        let appearance_body = format!(
            "<</Type/XObject/Subtype/Form/BBox[0 0 {w:.2} {h:.2}]/Resources<<>>/Length 0>>\nstream\n\nendstream"
        );
        let zeros = "0".repeat(2 * field.contents_len);
        let sig_body = format!(
            "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M({})/ByteRange[{}]/Contents<{zeros}>>>",
            field.time,
            BYTE_RANGE_BLANK
        );
        let mut owned: Vec<Option<Vec<u8>>> = vec![None; 3];
        owned[0] = Some(widget_body.into_bytes());
        owned[1] = Some(appearance_body.into_bytes());
        owned[2] = Some(sig_body.into_bytes());
        let mut objects = self.objects.clone();
        objects[root] = Some(&new_catalog);
        objects[page] = Some(&new_page);
        objects.extend(owned.iter().map(|o| o.as_deref()));
        let with = Parsed { header: self.header, objects, trailer: self.trailer.clone() };
        let (out, offsets) = with.write(Some(sig));
        let at = offsets[sig] + format!("{sig} 0 obj\n").len();
        let body = out.get(at..).ok_or(layout)?;
        let br = find(body, b"/ByteRange[").ok_or(layout)? + 11;
        let ct = find(body, b"/Contents<").ok_or(layout)? + 9;
        let placeholder = Placeholder {
            byte_range: at + br..at + br + BYTE_RANGE_BLANK.len(),
            contents: at + ct..at + ct + 2 + zeros.len(),
        };
        Ok((out, placeholder))
    }

    /// The packed file, and where each object begins (stream and plain objects; 0 for packed
    /// ones). `plain`: one more non-stream object to leave out of the object streams.
    fn write(&self, plain: Option<usize>) -> (Vec<u8>, Vec<usize>) {
        let size = self.objects.len();
        // Streams stay where they are (a stream cannot be in an object stream); every other
        // object goes into the object streams, numbered after the file's own objects.
        let packed: Vec<usize> = (1..size)
            .filter(|&n| {
                Some(n) != plain && self.objects[n].is_some_and(|body| !body.ends_with(b"endstream"))
            })
            .collect();
        let groups: Vec<&[usize]> = packed.chunks(PER_STREAM).collect();
        let xref_number = size + groups.len();
        // Where each object is: (type, field 2, field 3) as an xref stream says it.
        let mut entries: Vec<(u8, usize, usize)> = vec![(0, 0, 65535); xref_number + 1];
        let mut out = Vec::with_capacity(self.objects.iter().flatten().map(|b| b.len()).sum::<usize>() / 2);
        out.extend_from_slice(self.header);
        for (n, body) in self.objects.iter().enumerate() {
            if let Some(body) = body.filter(|b| b.ends_with(b"endstream") || Some(n) == plain) {
                entries[n] = (1, out.len(), 0);
                write_object(&mut out, n, body);
            }
        }
        for (k, group) in groups.iter().enumerate() {
            let number = size + k;
            let mut index = Vec::new();
            let mut bodies = Vec::new();
            for (i, &n) in group.iter().enumerate() {
                entries[n] = (2, number, i);
                let _ = write!(index, "{n} {} ", bodies.len());
                bodies.extend_from_slice(self.objects[n].unwrap_or_default());
                bodies.push(b'\n');
            }
            let first = index.len();
            index.extend_from_slice(&bodies);
            let data = deflate(&index);
            entries[number] = (1, out.len(), 0);
            let dict = format!(
                "<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>",
                group.len(),
                data.len()
            );
            write_stream(&mut out, number, dict.as_bytes(), &data);
        }
        // Free numbers (pdf-writer leaves none) stay free: type 0, never to be used again.
        let at = out.len();
        entries[xref_number] = (1, at, 0);
        // Field 2 holds offsets and, for a packed object, its object stream's number.
        let widest = at.max(xref_number);
        let width = (usize::BITS - widest.leading_zeros()).div_ceil(8).max(1) as usize;
        let mut table = Vec::with_capacity(entries.len() * (3 + width));
        for (kind, two, three) in &entries {
            table.push(*kind);
            table.extend_from_slice(&two.to_be_bytes()[8 - width..]);
            table.extend_from_slice(&(*three as u16).to_be_bytes());
        }
        let data = deflate(&table);
        let mut dict = format!("<</Type/XRef/Size {}/W[1 {width} 2]", entries.len()).into_bytes();
        dict.extend_from_slice(&self.trailer);
        let _ = write!(dict, "/Filter/FlateDecode/Length {}>>", data.len());
        write_stream(&mut out, xref_number, &dict, &data);
        let _ = write!(out, "startxref\n{at}\n%%EOF");
        let offsets = entries.iter().map(|e| if e.0 == 1 { e.1 } else { 0 }).collect();
        (out, offsets)
    }
}

/// The `/ByteRange` placeholder: `0` and three ten-digit numbers, as wide as any file's
/// (esign writes the real numbers over it, padded with spaces).
pub const BYTE_RANGE_BLANK: &str = "0 0000000000 0000000000 0000000000";

/// `n 0 obj`, the dictionary and the data as a stream, `endobj`.
fn write_stream(out: &mut Vec<u8>, n: usize, dict: &[u8], data: &[u8]) {
    let _ = writeln!(out, "{n} 0 obj");
    out.extend_from_slice(dict);
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

/// `n 0 obj`, the object as it was, `endobj`.
fn write_object(out: &mut Vec<u8>, n: usize, body: &[u8]) {
    let _ = writeln!(out, "{n} 0 obj");
    out.extend_from_slice(body);
    out.extend_from_slice(b"\nendobj\n");
}

fn deflate(data: &[u8]) -> Vec<u8> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<libdeflater::Compressor> = std::cell::RefCell::new(
            libdeflater::Compressor::new(libdeflater::CompressionLvl::new(6).expect("a valid level")),
        );
    }
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        let mut out = vec![0; c.zlib_compress_bound(data.len())];
        let n = c.zlib_compress(data, &mut out).expect("the bound holds any output");
        out.truncate(n);
        out
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn trim_end(s: &[u8]) -> &[u8] {
    let n = s.iter().rev().take_while(|b| b.is_ascii_whitespace()).count();
    &s[..s.len() - n]
}

/// A decimal number after optional white space, and what follows it.
fn number(s: &[u8]) -> Option<(usize, &[u8])> {
    let s = trim_start(s);
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let n = std::str::from_utf8(&s[..digits]).ok()?.parse().ok()?;
    Some((n, &s[digits..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small PDF as pdf-writer lays one out: a catalog, a page tree, a page and its content.
    fn tiny() -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n%\x80\x80\x80\x80\n\n".to_vec();
        let objects: [&[u8]; 4] = [
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Count 1/Kids[3 0 R]>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]/Contents 4 0 R>>",
            b"<</Length 8>>\nstream\n0 0 m S\n\nendstream",
        ];
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            writeln!(pdf, "{} 0 obj", i + 1).unwrap();
            pdf.extend_from_slice(body);
            pdf.extend_from_slice(b"\nendobj\n\n");
        }
        let xref = pdf.len();
        write!(pdf, "xref\n0 5\n0000000000 65535 f\r\n").unwrap();
        for o in offsets {
            write!(pdf, "{o:010} 00000 n\r\n").unwrap();
        }
        write!(pdf, "trailer\n<</Size 5/Root 1 0 R/ID[(a)(b)]>>\nstartxref\n{xref}\n%%EOF").unwrap();
        pdf
    }

    fn inflate(data: &[u8], size: usize) -> Vec<u8> {
        let mut out = vec![0; size];
        let n = libdeflater::Decompressor::new().zlib_decompress(data, &mut out).unwrap();
        out.truncate(n);
        out
    }

    /// The body of stream object `n` of `pdf` (its data, as stored).
    fn stream_data(pdf: &[u8], n: usize, at: usize) -> (&[u8], &[u8]) {
        let text = &pdf[at..];
        let opening = format!("{n} 0 obj\n");
        assert!(text.starts_with(opening.as_bytes()), "object {n} is not at {at}");
        let dict_end = find(text, b"\nstream\n").unwrap();
        let data = &text[dict_end + 8..];
        let end = find(data, b"\nendstream").unwrap();
        (&text[opening.len()..dict_end], &data[..end])
    }

    #[test]
    fn dictionaries_go_into_an_object_stream_and_the_stream_stays_where_the_table_says() {
        let packed = pack(tiny());
        assert!(packed.starts_with(b"%PDF-1.7\n%\x80\x80\x80\x80\n\n"));
        assert!(packed.ends_with(b"%%EOF"));
        let sx = find(&packed, b"startxref\n").unwrap();
        let at: usize = number(&packed[sx + 10..]).unwrap().0;
        // Objects 1–4, then the object stream (5), then the table (6).
        let (dict, data) = stream_data(&packed, 6, at);
        let dict = String::from_utf8_lossy(dict);
        assert!(dict.contains("/Type/XRef/Size 7/W[1 2 2]/Root 1 0 R/ID[(a)(b)]"), "{dict}");
        let table = inflate(data, 7 * 5);
        let entry = |n: usize| {
            let e = &table[n * 5..n * 5 + 5];
            (e[0], u16::from_be_bytes([e[1], e[2]]) as usize, u16::from_be_bytes([e[3], e[4]]) as usize)
        };
        assert_eq!(entry(0), (0, 0, 65535));
        for (n, index) in [(1, 0), (2, 1), (3, 2)] {
            assert_eq!(entry(n), (2, 5, index));
        }
        let (kind, content_at, _) = entry(4);
        assert_eq!(kind, 1);
        assert_eq!(stream_data(&packed, 4, content_at).1, b"0 0 m S\n");
        let (kind, objstm_at, _) = entry(5);
        assert_eq!(kind, 1);
        let (dict, data) = stream_data(&packed, 5, objstm_at);
        assert!(String::from_utf8_lossy(dict).starts_with("<</Type/ObjStm/N 3/First "));
        let objects = String::from_utf8(inflate(data, 1000)).unwrap();
        let first = objects.find("<<").unwrap();
        let offsets: Vec<usize> = objects[..first].split_whitespace().map(|n| n.parse().unwrap()).collect();
        assert_eq!([offsets[0], offsets[2], offsets[4]], [1, 2, 3]);
        assert_eq!(
            objects[first + offsets[3]..first + offsets[5]].trim(),
            "<</Type/Pages/Count 1/Kids[3 0 R]>>"
        );
        assert_eq!(entry(6), (1, at, 0));
    }

    fn field() -> SignatureField<'static> {
        SignatureField { time: "D:20261208093005+07'00'", contents_len: 100, rect: [0.0; 4], name: "ChuKySo" }
    }

    /// The placeholders point at the signature dictionary's `/ByteRange` numbers and its hex
    /// string, and the catalog and page 1 name the new field.
    fn assert_signature_field(pdf: &[u8], ph: &Placeholder) {
        assert_eq!(&pdf[ph.byte_range.clone()], BYTE_RANGE_BLANK.as_bytes());
        assert_eq!(pdf[ph.contents.start], b'<');
        assert_eq!(pdf[ph.contents.end - 1], b'>');
        assert_eq!(ph.contents.len(), 2 + 200);
        assert!(pdf[ph.contents.start + 1..ph.contents.end - 1].iter().all(|b| *b == b'0'));
        let text = String::from_utf8_lossy(pdf);
        assert!(
            text.contains("/SubFilter/ETSI.CAdES.detached/M(D:20261208093005+07'00')/ByteRange["),
            "{text}"
        );
        // The catalog and the page are in the object streams: read them back.
        let back = Unpacked::read(pdf).expect("our own packed file reads back");
        let bodies: Vec<String> =
            back.objects.iter().flatten().map(|b| String::from_utf8_lossy(b).into_owned()).collect();
        assert!(bodies
            .iter()
            .any(|b| b.contains("/Type/Catalog") && b.contains("/AcroForm<</Fields[5 0 R]/SigFlags 3>>")));
        assert!(bodies.iter().any(|b| b.contains("/Type/Page/") && b.contains("/Annots[5 0 R]")));
        assert!(
            bodies
                .iter()
                .any(|b| b.contains("/Subtype/Widget/FT/Sig/T(ChuKySo)/V 7 0 R/P 3 0 R")
                    && b.contains("/F 132"))
        );
    }

    #[test]
    fn a_signature_field_is_added_to_a_new_file_and_to_one_packed_earlier() {
        let (signed, ph) = pack_with_field(&tiny(), &field()).unwrap();
        assert_signature_field(&signed, &ph);
        let (again, ph) = pack_with_field(&pack(tiny()), &field()).unwrap();
        assert_signature_field(&again, &ph);
        // A file that has its field already is not given a second one.
        assert_eq!(pack_with_field(&signed, &field()), Err(FieldError::HasForm));
        assert_eq!(pack_with_field(b"not a pdf", &field()), Err(FieldError::Layout));
    }

    #[test]
    fn a_file_it_does_not_recognise_is_left_as_it_was() {
        let mut old = tiny();
        old[7] = b'4'; // PDF 1.4 has no object streams
        assert_eq!(pack(old.clone()), old);
        for broken in [&tiny()[..200], b"not a pdf".as_slice(), b"".as_slice()] {
            assert_eq!(pack(broken.to_vec()), broken);
        }
    }
}
