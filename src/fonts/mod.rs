//! Fonts: the bundled Liberation Serif family and a template's own font files, parsed once per
//! process, with shaping (rustybuzz) for measuring and drawing, and a coverage check.
//!
//! This is the only module that touches rustybuzz. Fonts are never looked up on the system:
//! fontconfig's "Times" on Linux has no Vietnamese letters and they would vanish silently.
//! Font bytes live for the whole process (`&'static`): the bundled ones are compiled in, a
//! template's are read once and leaked, because a `rustybuzz::Face` borrows its bytes and one
//! process renders with one template.
//!
//! Below both `template` (which loads a template's fonts) and `render` (which lays text out and
//! embeds it): neither reaches the other through fonts. `unhinted` makes the copies embedded.

use std::fmt;

pub(crate) mod unhinted;

/// The family every template can use without shipping a file.
pub const BUNDLED_FAMILY: &str = "Liberation Serif";

static LIBERATION_SERIF: [(Style, &[u8]); 4] = [
    (Style::Regular, include_bytes!("../../fonts/LiberationSerif-Regular.ttf")),
    (Style::Bold, include_bytes!("../../fonts/LiberationSerif-Bold.ttf")),
    (Style::Italic, include_bytes!("../../fonts/LiberationSerif-Italic.ttf")),
    (Style::BoldItalic, include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf")),
];

/// A font's style within its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// Upright.
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Style::Regular => "Regular",
            Style::Bold => "Bold",
            Style::Italic => "Italic",
            Style::BoldItalic => "Bold Italic",
        })
    }
}

/// Index of a font in its [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FontId(pub usize);

/// One parsed font.
pub struct LoadedFont {
    /// Family name as templates refer to it.
    pub family: String,
    /// Style within the family.
    pub style: Style,
    /// The font file.
    pub data: &'static [u8],
    face: rustybuzz::Face<'static>,
    units_per_em: f32,
    /// Texts shaped before: a template's fixed lines (the national motto, the title, the
    /// signatory) are the same on every certificate of a batch, and shaping them again for each
    /// was a third of laying a page out. Bounded: names, which never repeat, stop being added
    /// once it is full.
    shaped: std::sync::Mutex<std::collections::HashMap<String, Vec<ShapedGlyph>>>,
    /// Shaping plans made so far, by the direction and script of the texts they shape: making
    /// one for every text (as `rustybuzz::shape` does) was a quarter of the cost of shaping.
    plans: std::sync::Mutex<Vec<PlanFor>>,
    /// Coverage of the Basic Multilingual Plane (made when first asked): see `has_glyph`.
    bmp: std::sync::OnceLock<Box<[u64; 1024]>>,
    /// The bytes a PDF embeds (made when first asked): see `fonts/unhinted.rs`.
    embedding: std::sync::OnceLock<std::sync::Arc<Vec<u8>>>,
}

/// How many texts a font remembers shaping.
const SHAPED_CACHE: usize = 512;

/// A shaping plan and the text properties it is for (a text of digits alone has no script).
type PlanFor = ((rustybuzz::Direction, Option<rustybuzz::Script>), std::sync::Arc<rustybuzz::ShapePlan>);

/// One step of a glyph's outline, in em units with y pointing up (as the font has it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PathOp {
    /// Start a contour.
    Move(f32, f32),
    /// A straight segment.
    Line(f32, f32),
    /// A quadratic curve: control point, end.
    Quad(f32, f32, f32, f32),
    /// A cubic curve: two control points, end.
    Cubic(f32, f32, f32, f32, f32, f32),
    /// Close the contour.
    Close,
}

impl LoadedFont {
    /// A glyph's outline (empty for a glyph with none): drawn as a shape, it is seen but is not
    /// text, so copying or searching a page never picks it up (the draft mark).
    pub fn outline(&self, glyph: u16) -> Vec<PathOp> {
        struct Sink(Vec<PathOp>, f32);
        impl rustybuzz::ttf_parser::OutlineBuilder for Sink {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0.push(PathOp::Move(x / self.1, y / self.1));
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0.push(PathOp::Line(x / self.1, y / self.1));
            }
            fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                let u = self.1;
                self.0.push(PathOp::Quad(a / u, b / u, x / u, y / u));
            }
            fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                let u = self.1;
                self.0.push(PathOp::Cubic(a / u, b / u, c / u, d / u, x / u, y / u));
            }
            fn close(&mut self) {
                self.0.push(PathOp::Close);
            }
        }
        let mut sink = Sink(Vec::new(), self.units_per_em);
        self.face.outline_glyph(rustybuzz::ttf_parser::GlyphId(glyph), &mut sink);
        sink.0
    }

    /// "Liberation Serif Bold", as messages name it.
    pub fn full_name(&self) -> String {
        if self.style == Style::Regular {
            self.family.clone()
        } else {
            format!("{} {}", self.family, self.style)
        }
    }

    /// The font as PDFs embed it: without hinting and glyph names (a CFF font as it is).
    pub fn embedding(&self) -> std::sync::Arc<Vec<u8>> {
        self.embedding
            .get_or_init(|| {
                std::sync::Arc::new(unhinted::unhinted(self.data).unwrap_or_else(|| self.data.to_vec()))
            })
            .clone()
    }

    /// Ascender as a fraction of the font size.
    pub fn ascender(&self) -> f32 {
        self.face.ascender() as f32 / self.units_per_em
    }

    /// Descender (negative) as a fraction of the font size.
    pub fn descender(&self) -> f32 {
        self.face.descender() as f32 / self.units_per_em
    }

    /// Whether the font can draw `ch`.
    pub fn has_glyph(&self, ch: char) -> bool {
        let c = ch as usize;
        // A character the map lacks is looked up: the map is made from the subtables' lists of
        // characters, and a font whose lists leave out one its lookup finds (U+FFFF ends every
        // format-4 subtable) still answers as it always did. Missing characters are rare.
        if c < 0x10000 {
            let bmp = self.bmp.get_or_init(|| self.bmp_coverage());
            if bmp[c / 64] & (1 << (c % 64)) != 0 {
                return true;
            }
        }
        self.face.glyph_index(ch).is_some()
    }

    /// Which characters of the Basic Multilingual Plane the font draws, one bit each: every
    /// character of every text is checked on every certificate, twice (check, then write), and a
    /// `cmap` lookup each time was 5 % of issuing one.
    fn bmp_coverage(&self) -> Box<[u64; 1024]> {
        let mut bits = Box::new([0u64; 1024]);
        if let Some(cmap) = self.face.tables().cmap {
            for sub in cmap.subtables {
                if sub.is_unicode() {
                    sub.codepoints(|cp| {
                        let c = cp as usize;
                        if c < 0x10000
                            && char::from_u32(cp).is_some_and(|ch| self.face.glyph_index(ch).is_some())
                        {
                            bits[c / 64] |= 1 << (c % 64);
                        }
                    });
                }
            }
        }
        bits
    }

    /// The first character of `text` this font cannot draw. Line breaks are layout, not glyphs.
    pub fn first_missing(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| c != '\n' && !self.has_glyph(c))
    }

    /// Shapes `text` (kerning, mark placement) into glyphs measured in em units.
    pub fn shape(&self, text: &str) -> Vec<ShapedGlyph> {
        let cache = || self.shaped.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(glyphs) = cache().get(text) {
            return glyphs.clone();
        }
        let glyphs = self.shape_uncached(text);
        let mut c = cache();
        if c.len() < SHAPED_CACHE {
            c.insert(text.to_string(), glyphs.clone());
        }
        glyphs
    }

    fn shape_uncached(&self, text: &str) -> Vec<ShapedGlyph> {
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        // As `rustybuzz::shape` plans, once for each direction and script: guessing never sets
        // the script to "unknown" (it leaves none), nor a language.
        let script = Some(buf.script()).filter(|&s| s != rustybuzz::script::UNKNOWN);
        let key = (buf.direction(), script);
        let found = self
            .plans
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|p| p.0 == key)
            .map(|p| p.1.clone());
        let plan = found.unwrap_or_else(|| {
            let plan = std::sync::Arc::new(rustybuzz::ShapePlan::new(&self.face, key.0, key.1, None, &[]));
            self.plans.lock().unwrap_or_else(|e| e.into_inner()).push((key, plan.clone()));
            plan
        });
        let out = rustybuzz::shape_with_plan(&self.face, &plan, buf);
        let upem = self.units_per_em;
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| ShapedGlyph {
                id: info.glyph_id as u16,
                x_advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                y_advance: pos.y_advance as f32 / upem,
                cluster: info.cluster as usize,
            })
            .collect()
    }
}

/// A shaped glyph. Lengths are in em units (multiply by the font size for points).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    /// Glyph id in the font.
    pub id: u16,
    /// Horizontal advance.
    pub x_advance: f32,
    /// Horizontal offset from the pen position.
    pub x_offset: f32,
    /// Vertical offset (up is positive, as in OpenType).
    pub y_offset: f32,
    /// Vertical advance.
    pub y_advance: f32,
    /// Byte offset in the shaped text of the cluster this glyph belongs to.
    pub cluster: usize,
}

/// Why a font file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// Not a TrueType or OpenType font rustybuzz can read.
    #[error("{}", crate::t!("err-fonts-font-error", path = .path.as_str()))]
    NotAFont {
        /// The file.
        path: String,
    },
    /// The font's licence (OS/2 `fsType` = 2, "Restricted License embedding") forbids putting
    /// it in a document: embedding it would break the licence and PDF/A (ISO 19005-2, 6.2.11.4.1).
    #[error("{}", crate::t!("err-fonts-restricted", path = .path.as_str(), family = .family.as_str()))]
    Restricted {
        /// The file.
        path: String,
        /// The family the template gave it.
        family: String,
    },
}

impl FontError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            FontError::NotAFont { .. } => crate::t!("hint-fonts-font-error"),
            FontError::Restricted { .. } => crate::t!("hint-fonts-restricted"),
        })
    }
}

/// Whether a font's licence forbids embedding it: OS/2 `fsType`'s permission bits equal to 2,
/// read as krilla and the OpenType spec read them (the bits are exclusive; when several are set,
/// the least restrictive holds, so only exactly 2 restricts).
fn restricted_licence(face: &rustybuzz::Face) -> bool {
    let os2 = face.raw_face().table(rustybuzz::ttf_parser::Tag::from_bytes(b"OS/2"));
    matches!(os2, Some(t) if t.len() >= 10 && u16::from_be_bytes([t[8], t[9]]) & 0xF == 2)
}

/// The fonts of one template.
pub struct FontSet {
    fonts: Vec<LoadedFont>,
}

impl FontSet {
    /// Only the bundled Liberation Serif family.
    pub fn bundled() -> FontSet {
        let fonts = LIBERATION_SERIF
            .iter()
            .map(|&(style, data)| {
                load(BUNDLED_FAMILY, style, data)
                    .expect("the bundled Liberation Serif fonts are valid TrueType")
            })
            .collect();
        FontSet { fonts }
    }

    /// Adds a font file read from a template folder (`path` only names it in messages).
    pub fn add(
        &mut self,
        family: &str,
        style: Style,
        bytes: Vec<u8>,
        path: &str,
    ) -> Result<FontId, FontError> {
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let font = load(family, style, data).ok_or_else(|| FontError::NotAFont { path: path.to_string() })?;
        if restricted_licence(&font.face) {
            return Err(FontError::Restricted { path: path.to_string(), family: family.to_string() });
        }
        // Replace in place: a `FontId` handed out earlier keeps naming the font at its index
        // (removing and pushing would shift every later font under its id).
        match self.fonts.iter().position(|f| f.family == family && f.style == style) {
            Some(i) => {
                self.fonts[i] = font;
                Ok(FontId(i))
            }
            None => {
                self.fonts.push(font);
                Ok(FontId(self.fonts.len() - 1))
            }
        }
    }

    /// The font of `family` in `style`; family names match ignoring case.
    pub fn find(&self, family: &str, style: Style) -> Option<FontId> {
        self.fonts.iter().position(|f| f.style == style && f.family.eq_ignore_ascii_case(family)).map(FontId)
    }

    /// The font with this id.
    pub fn get(&self, id: FontId) -> &LoadedFont {
        &self.fonts[id.0]
    }

    /// All fonts, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (FontId, &LoadedFont)> {
        self.fonts.iter().enumerate().map(|(i, f)| (FontId(i), f))
    }

    /// Names of the families available.
    pub fn families(&self) -> Vec<String> {
        let mut v: Vec<String> = self.fonts.iter().map(|f| f.family.clone()).collect();
        v.dedup();
        v
    }
}

fn load(family: &str, style: Style, data: &'static [u8]) -> Option<LoadedFont> {
    let face = rustybuzz::Face::from_slice(data, 0)?;
    let units_per_em = face.units_per_em() as f32;
    Some(LoadedFont {
        family: family.to_string(),
        style,
        data,
        face,
        units_per_em,
        shaped: Default::default(),
        plans: Default::default(),
        embedding: Default::default(),
        bmp: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_font_covers_every_vietnamese_letter() {
        let fonts = FontSet::bundled();
        let letters = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ";
        for (_, f) in fonts.iter() {
            assert_eq!(f.first_missing(letters), None, "{}", f.full_name());
            assert_eq!(f.first_missing(&letters.to_uppercase()), None, "{}", f.full_name());
        }
    }

    #[test]
    fn shaping_with_kept_plans_gives_what_planning_each_text_gives() {
        let texts = [
            "Công Tằng Tôn Nữ Thị Hoàng Phương Thảo",
            "14/08/1988",
            "…",
            "Nguyễn Văn A\u{300}n",
            "Số hiệu: CN2019-000001",
            "Ελληνικά και Кириллица",
            "שלום עולם",
            "AVATAR Tây Ninh, ngày 20 tháng 11 năm 2019",
        ];
        for (_, f) in FontSet::bundled().iter() {
            // Twice: the second time every plan is a kept one.
            for text in texts.iter().chain(texts.iter()) {
                let mut buf = rustybuzz::UnicodeBuffer::new();
                buf.push_str(text);
                let planned = rustybuzz::shape(&f.face, &[], buf);
                let expected: Vec<(u32, i32, i32, u32)> = planned
                    .glyph_infos()
                    .iter()
                    .zip(planned.glyph_positions())
                    .map(|(i, p)| (i.glyph_id, p.x_advance, p.x_offset, i.cluster))
                    .collect();
                let got: Vec<(u32, i32, i32, u32)> = f
                    .shape_uncached(text)
                    .iter()
                    .map(|g| {
                        let upem = f.units_per_em;
                        (
                            u32::from(g.id),
                            (g.x_advance * upem) as i32,
                            (g.x_offset * upem) as i32,
                            g.cluster as u32,
                        )
                    })
                    .collect();
                assert_eq!(got, expected, "{}: {text}", f.full_name());
            }
            assert!(f.plans.lock().unwrap().len() >= 3, "Latin, none, Greek, Hebrew: {}", f.full_name());
        }
    }

    #[test]
    fn coverage_is_the_fonts_cmap_for_every_character() {
        for (_, f) in FontSet::bundled().iter() {
            let chars = (0..0x11000u32).filter_map(char::from_u32).chain(['😀', '\u{1D400}', '\u{10FFFF}']);
            let mut covered = 0;
            for ch in chars {
                assert_eq!(f.has_glyph(ch), f.face.glyph_index(ch).is_some(), "{}: {ch:?}", f.full_name());
                covered += usize::from(f.has_glyph(ch));
            }
            assert!(covered > 2000, "{}: {covered}", f.full_name());
        }
    }

    #[test]
    fn coverage_finds_a_han_character() {
        let fonts = FontSet::bundled();
        let f = fonts.get(fonts.find("liberation serif", Style::Regular).unwrap());
        assert_eq!(f.first_missing("Nguyễn 阮 An"), Some('阮'));
    }

    #[test]
    fn nfd_and_nfc_shape_to_the_same_width() {
        let fonts = FontSet::bundled();
        let f = fonts.get(FontId(0));
        let w = |s: &str| f.shape(s).iter().map(|g| g.x_advance).sum::<f32>();
        assert!((w("Nguyễn") - w("Nguye\u{302}\u{303}n")).abs() < 1e-4);
    }

    /// Every glyph's outline and advance, as a rasteriser reads them.
    fn glyphs(data: &[u8]) -> Vec<(String, Option<u16>)> {
        struct Path(String);
        impl rustybuzz::ttf_parser::OutlineBuilder for Path {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("M{x} {y}");
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("L{x} {y}");
            }
            fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                self.0 += &format!("Q{a} {b} {x} {y}");
            }
            fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                self.0 += &format!("C{a} {b} {c} {d} {x} {y}");
            }
            fn close(&mut self) {
                self.0 += "Z";
            }
        }
        let face = rustybuzz::ttf_parser::Face::parse(data, 0).expect("a font");
        (0..face.number_of_glyphs())
            .map(|g| {
                let id = rustybuzz::ttf_parser::GlyphId(g);
                let mut p = Path(String::new());
                let bbox = face.outline_glyph(id, &mut p);
                (format!("{p:?}{bbox:?}", p = p.0), face.glyph_hor_advance(id))
            })
            .collect()
    }

    #[test]
    fn embedded_fonts_lose_hinting_and_keep_every_outline_and_advance() {
        for (_, f) in FontSet::bundled().iter() {
            let embedded = f.embedding();
            assert!(
                embedded.len() < f.data.len() * 3 / 4,
                "{}: {} of {} bytes",
                f.full_name(),
                embedded.len(),
                f.data.len()
            );
            let face = rustybuzz::ttf_parser::Face::parse(&embedded, 0).expect("the embedded font parses");
            for tag in [b"fpgm", b"prep", b"cvt "] {
                let tag = rustybuzz::ttf_parser::Tag::from_bytes(tag);
                assert!(face.raw_face().table(tag).is_none(), "{}: {tag} left", f.full_name());
            }
            let names = |face: &rustybuzz::ttf_parser::Face| {
                let mut v: Vec<(u16, String)> = face
                    .names()
                    .into_iter()
                    .filter(|n| n.is_unicode() && ![8, 9, 10, 11, 12].contains(&n.name_id))
                    .filter_map(|n| Some((n.name_id, n.to_string()?)))
                    .collect();
                v.sort();
                v
            };
            let original = rustybuzz::ttf_parser::Face::parse(f.data, 0).expect("a font");
            assert_eq!(
                names(&face),
                names(&original),
                "{}: copyright, licence and names kept",
                f.full_name()
            );
            assert!(names(&face).iter().any(|(id, text)| *id == 0 && text.contains("Red Hat")));
            let (before, after) = (glyphs(f.data), glyphs(&embedded));
            assert_eq!(before.len(), after.len());
            assert!(before.iter().filter(|(p, _)| p.contains('Z')).count() > 2000, "outlines were compared");
            for (g, (b, a)) in before.iter().zip(&after).enumerate() {
                assert_eq!(b, a, "{}: glyph {g}", f.full_name());
            }
        }
    }

    #[test]
    fn replacing_a_font_keeps_every_earlier_id_on_its_font() {
        let mut fonts = FontSet::bundled();
        let regular = fonts.find("liberation serif", Style::Regular).unwrap();
        let bold = fonts.find("liberation serif", Style::Bold).unwrap();
        let bytes = include_bytes!("../../fonts/LiberationSerif-Italic.ttf").to_vec();
        let replaced = fonts.add("Liberation Serif", Style::Regular, bytes, "italic.ttf").unwrap();
        assert_eq!(replaced, regular, "the replacement takes the old font's place");
        assert_eq!(fonts.get(bold).style, Style::Bold, "a later font still has its id");
        assert_eq!(fonts.find("liberation serif", Style::Bold), Some(bold));
    }
}
