//! Stage 5: page layouts → PDF bytes. The only module that touches krilla.
//!
//! Geometry is already decided in `layout`; this module only translates it. Fonts, images and a
//! PDF background are turned into krilla resources once per process ([`Resources`]); krilla
//! subsets the fonts per document and writes an exact ToUnicode map from the glyph ranges, so
//! copied or extracted text is the NFC text of the roster.
//!
//! Files are PDF/A-2b (real conformance: XMP, sRGB output intent, validated by krilla) unless the
//! template's background is a PDF page, which PDF/A forbids embedding; those are plain PDF 1.7.
//! The document dates are the batch's issue date, never the clock, so the same input always
//! gives the same bytes.

use std::sync::Arc;

use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder, Validator};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use crate::render::fonts::PathOp;
use crate::render::layout::{Item, PageLayout, TextRun, QR_QUIET_ZONE};
use crate::template::{Background, ImageFormat, RectPt, Rgb, Template};
use crate::viet::Date;

/// krilla's handles for a template's fonts, images and background, made once per process.
pub struct Resources {
    fonts: Vec<Font>,
    images: Vec<Image>,
    background: Option<BackgroundRes>,
    pdf_a: bool,
    /// The electronic signature every file written with these resources gets (issue 31).
    esign: Option<Arc<crate::esign::Job>>,
    /// The template's `esign` box (where a signed file shows its signature).
    esign_rect: Option<RectPt>,
    /// What a signed file shows there (made by [`Resources::with_esign`]).
    stamp: Option<Stamp>,
}

/// The visible electronic signature of Nghị định 30/2020 (Phụ lục I): the signer's signature
/// image (blue), the organisation's seal (red) over about its left third, and the
/// organisation's name and the signing time in Liberation Serif (the metric twin of Times New
/// Roman) 10 pt.
struct Stamp {
    rect: RectPt,
    signature: Option<(Image, f32)>,
    seal: Option<(Image, f32)>,
    font: Font,
    lines: [String; 2],
    /// Each line's advance width in ems.
    widths: [f32; 2],
}

enum BackgroundRes {
    Image(Image),
    Pdf(krilla::pdf::PdfDocument, usize),
}

/// The document information of one PDF.
#[derive(Debug, Clone)]
pub struct PdfMeta {
    /// Title (shown by viewers instead of the file name).
    pub title: String,
    /// The issuing body.
    pub author: Option<String>,
    /// Subject line.
    pub subject: Option<String>,
    /// Creation date: the batch's issue date.
    pub date: Date,
    /// Keywords (Info and XMP `dc:subject`); `issue` stores the QR text here.
    pub keywords: Vec<String>,
}

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A template asset krilla refused.
    #[error("{}", crate::t!("err-pdf-asset", path = format!("{}", .path), message = format!("{}", .message)))]
    Asset {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A page size krilla cannot make (zero or negative; PDF viewers also stop at 14,400 pt).
    #[error("{}", crate::t!("err-pdf-page-size", size = .0.as_str()))]
    PageSize(String),
    /// krilla could not subset or embed a font.
    #[error("{}", crate::t!("err-pdf-font"))]
    Font,
    /// krilla could not embed an image of the template.
    #[error("{}", crate::t!("err-pdf-image"))]
    Image,
    /// The template's PDF background could not be embedded.
    #[error("{}", crate::t!("err-pdf-background"))]
    Background,
    /// A number or list beyond what PDF allows (a page laid out beyond its limits).
    #[error("{}", crate::t!("err-pdf-limit"))]
    Limit,
    /// The document breaks PDF/A-2b, each rule named.
    #[error("{}", crate::t!("err-pdf-archival", rules = .0.iter().map(PdfARule::words).collect::<Vec<_>>().join("; ")))]
    Archival(Vec<PdfARule>),
    /// The electronic signature could not be made (the token, the key).
    #[error(transparent)]
    Esign(#[from] crate::esign::EsignError),
    /// What only a bug of ours can cause (tags, named destinations: never used).
    #[error("{}", crate::t!("err-pdf-internal", what = .0.as_str()))]
    Internal(String),
}

/// A PDF/A-2b rule a document broke, in the terms a template's author can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfARule {
    /// A font whose licence forbids embedding.
    RestrictedFont,
    /// Text drawn with a glyph the font lacks (.notdef).
    MissingGlyph,
    /// A glyph with no Unicode meaning, or one in the private use area: copied text would be wrong.
    TextMeaning,
    /// Image interpolation (PDF/A forbids it).
    Interpolation,
    /// An embedded PDF page or file.
    Embedded,
    /// Any other rule, by krilla's name for it.
    Other(String),
}

impl PdfARule {
    fn from_krilla(e: &krilla::configure::ValidationError) -> PdfARule {
        use krilla::configure::ValidationError as V;
        match e {
            V::RestrictedLicense(_) => PdfARule::RestrictedFont,
            V::ContainsNotDefGlyph(..) => PdfARule::MissingGlyph,
            V::NoCodepointMapping(..) | V::InvalidCodepointMapping(..) | V::UnicodePrivateArea(..) => {
                PdfARule::TextMeaning
            }
            V::ImageInterpolation(_) => PdfARule::Interpolation,
            V::EmbeddedFile(..) | V::EmbeddedPDF(_) => PdfARule::Embedded,
            other => {
                // krilla's variant name alone: its fields hold fonts and locations, not words.
                let name = format!("{other:?}");
                PdfARule::Other(name.split(['(', ' ', '{']).next().unwrap_or_default().to_string())
            }
        }
    }

    /// The rule in the run's language.
    pub fn words(&self) -> String {
        match self {
            PdfARule::RestrictedFont => crate::t!("pdf-rule-restricted-font"),
            PdfARule::MissingGlyph => crate::t!("pdf-rule-missing-glyph"),
            PdfARule::TextMeaning => crate::t!("pdf-rule-text-meaning"),
            PdfARule::Interpolation => crate::t!("pdf-rule-interpolation"),
            PdfARule::Embedded => crate::t!("pdf-rule-embedded"),
            PdfARule::Other(name) => crate::t!("pdf-rule-other", rule = name.as_str()),
        }
    }
}

impl PdfError {
    /// krilla's refusal as ours: named, in our words, with a hint.
    fn from_krilla(e: krilla::error::KrillaError) -> PdfError {
        use krilla::error::KrillaError as K;
        match e {
            K::Font(..) => PdfError::Font,
            K::Validation(errors) => {
                let mut rules: Vec<PdfARule> = Vec::new();
                for (e, _) in &errors {
                    let rule = PdfARule::from_krilla(e);
                    if !rules.contains(&rule) {
                        rules.push(rule);
                    }
                }
                PdfError::Archival(rules)
            }
            K::Limit(_) => PdfError::Limit,
            K::Image(..) | K::SixteenBitImage(..) => PdfError::Image,
            K::Pdf(..) => PdfError::Background,
            other => PdfError::Internal(format!("{other:?}")),
        }
    }

    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            PdfError::Esign(e) => return e.hint(),
            PdfError::Asset { .. } | PdfError::Image | PdfError::Background => crate::t!("hint-pdf-asset"),
            PdfError::PageSize(_) => crate::t!("hint-pdf-page-size"),
            PdfError::Font => crate::t!("hint-pdf-font"),
            PdfError::Limit => crate::t!("hint-pdf-limit"),
            PdfError::Archival(_) => crate::t!("hint-pdf-archival"),
            PdfError::Internal(_) => crate::t!("hint-pdf-internal"),
        })
    }
}

impl Resources {
    /// Fonts only, for pages that are no template's (the printed register).
    pub fn with_fonts(fonts: &crate::render::fonts::FontSet) -> Result<Resources, PdfError> {
        Ok(Resources {
            fonts: Self::load_fonts(fonts)?,
            images: Vec::new(),
            background: None,
            pdf_a: true,
            esign: None,
            esign_rect: None,
            stamp: None,
        })
    }

    fn load_fonts(fonts: &crate::render::fonts::FontSet) -> Result<Vec<Font>, PdfError> {
        fonts
            .iter()
            .map(|(_, f)| {
                Font::new(f.embedding().into(), 0).ok_or_else(|| PdfError::Asset {
                    path: f.full_name(),
                    message: crate::t!("pdf-font-unreadable"),
                })
            })
            .collect()
    }

    /// Prepares the template's fonts, images and background for krilla.
    pub fn new(template: &Template) -> Result<Resources, PdfError> {
        let fonts = Self::load_fonts(&template.fonts)?;
        let images = template
            .images
            .iter()
            .map(|a| {
                // interpolate = false: PDF/A forbids image interpolation.
                let data: krilla::Data = a.bytes.clone().into();
                match a.format {
                    ImageFormat::Png => Image::from_png(data, false),
                    ImageFormat::Jpeg => Image::from_jpeg(data, false),
                }
                .map_err(|message| PdfError::Asset { path: a.path.clone(), message })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let background = match &template.background {
            None => None,
            Some(Background::Image(i)) => Some(BackgroundRes::Image(images[*i].clone())),
            Some(Background::Pdf { bytes, page }) => {
                let pdf = krilla::pdf::Pdf::new(bytes.clone()).map_err(|e| PdfError::Asset {
                    path: crate::t!("template-what-background"),
                    message: match e {
                        krilla::pdf::LoadPdfError::Decryption(_) => crate::t!("pdf-background-encrypted"),
                        _ => crate::t!("pdf-background-unreadable"),
                    },
                })?;
                if *page >= pdf.pages().len() {
                    return Err(PdfError::Asset {
                        path: crate::t!("template-what-background"),
                        message: crate::t!(
                            "pdf-background-no-page",
                            pages = pdf.pages().len(),
                            page = page + 1
                        ),
                    });
                }
                Some(BackgroundRes::Pdf(krilla::pdf::PdfDocument::new(Arc::new(pdf)), *page))
            }
        };
        let pdf_a = !matches!(background, Some(BackgroundRes::Pdf(..)));
        Ok(Resources {
            fonts,
            images,
            background,
            pdf_a,
            esign: None,
            esign_rect: template.esign,
            stamp: None,
        })
    }

    /// Whether the files are PDF/A-2b.
    pub fn is_pdf_a(&self) -> bool {
        self.pdf_a
    }

    /// These resources, every file written with them signed by `job` (none: unsigned).
    pub fn with_esign(mut self, job: Option<Arc<crate::esign::Job>>) -> Result<Resources, PdfError> {
        self.stamp = match (&job, self.esign_rect) {
            (Some(job), Some(rect)) => Some(Stamp::new(job, rect)?),
            _ => None,
        };
        self.esign = job;
        Ok(self)
    }
}

/// Writes pages into one PDF. Pages are drawn one at a time, so a long merged file never holds
/// more than one page's layout (callers may produce them lazily).
pub fn write(
    pages: impl IntoIterator<Item = PageLayout>,
    meta: &PdfMeta,
    res: &Resources,
) -> Result<Vec<u8>, PdfError> {
    // Greys (black text, the code) as DeviceGray: K-only on a CMYK press (vendor/krilla).
    let mut settings = SerializeSettings { device_gray: true, ..SerializeSettings::default() };
    if res.pdf_a {
        settings.configuration = ConfigurationBuilder::new()
            .set_validator(Validator::A(Archival::A2_B))
            .finish()
            .map_err(|e| PdfError::Internal(format!("{e:?}")))?;
    }
    let mut doc = Document::new_with(settings);
    let d = meta.date;
    let mut md = Metadata::new()
        .title(meta.title.clone())
        .language("vi".into())
        .creator(concat!("chungnhan ", env!("CARGO_PKG_VERSION")).into())
        .producer(concat!("chungnhan ", env!("CARGO_PKG_VERSION"), " (krilla)").into())
        // 08:00 Vietnam time on the issue date: a fixed time keeps the output reproducible.
        .creation_date(
            DateTime::new(d.year)
                .month(d.month)
                .day(d.day)
                .hour(8)
                .minute(0)
                .second(0)
                .utc_offset_hour(7)
                .utc_offset_minute(0),
        );
    if let Some(a) = &meta.author {
        md = md.authors(vec![a.clone()]);
    }
    if let Some(s) = &meta.subject {
        md = md.description(s.clone());
    }
    if !meta.keywords.is_empty() {
        md = md.keywords(meta.keywords.clone());
    }
    doc.set_metadata(md);

    // The drawing every page starts and ends with (a template's frame and headings, its
    // signature block) is found on the first pages, then written once as two Form XObjects
    // that each page calls: krilla's per-glyph work and the deflating of those texts happen
    // once a file instead of once a page. A page that differs anywhere in them draws its own.
    let mut pages = pages.into_iter();
    let first: Vec<PageLayout> = pages.by_ref().take(REFERENCE_PAGES).collect();
    let (p, q) = shared_ends(&first);
    let mut shared = first
        .first()
        .map(|f| {
            let n = f.items.len();
            [SharedItems::new(&f.items[..p]), SharedItems::new(&f.items[n - q..])]
        })
        .unwrap_or_default();

    // A file has one signature: its visible part goes on the first page.
    let mut stamp_place = None;
    for layout in first.into_iter().chain(pages) {
        let (w, h) = layout.size_pt;
        let settings = PageSettings::from_wh(w, h).ok_or_else(|| {
            PdfError::PageSize(format!("{:.0} × {:.0} mm", w / 72.0 * 25.4, h / 72.0 * 25.4))
        })?;
        let mut page = doc.start_page_with(settings);
        let mut s = page.surface();
        let moved = layout.offset_pt != (0.0, 0.0);
        if moved {
            s.push_transform(&krilla::geom::Transform::from_translate(
                layout.offset_pt.0,
                layout.offset_pt.1,
            ));
        }
        match res.background.as_ref().filter(|_| layout.background) {
            Some(BackgroundRes::Image(img)) => {
                if let Some(size) = Size::from_wh(w, h) {
                    s.draw_image(img.clone(), size);
                }
            }
            Some(BackgroundRes::Pdf(pdf, idx)) => {
                if let Some(size) = Size::from_wh(w, h) {
                    s.draw_pdf_page(pdf, size, *idx);
                }
            }
            None => {}
        }
        let items = &layout.items[..];
        let [head, tail] = &mut shared;
        let starts = head.matches(items, |n| &items[..n]);
        let rest = if starts { &items[head.items.len()..] } else { items };
        let ends = tail.matches(rest, |n| &rest[rest.len() - n..]);
        let middle = if ends { &rest[..rest.len() - tail.items.len()] } else { rest };
        if starts {
            head.draw(&mut s, res, layout.size_pt);
        }
        for item in middle {
            draw(&mut s, item, res);
        }
        if ends {
            tail.draw(&mut s, res, layout.size_pt);
        }
        if let Some(stamp) = res.stamp.as_ref().filter(|_| stamp_place.is_none()) {
            stamp.draw(&mut s);
            // The widget over it, in PDF's coordinates (from the bottom left).
            let r = stamp.rect;
            let (dx, dy) = layout.offset_pt;
            let (x0, x1) = (r.x + dx, r.x + r.w + dx);
            let (y0, y1) = (h - (r.y + r.h + dy), h - (r.y + dy));
            stamp_place = Some(crate::esign::Placement { rect: [x0, y0, x1, y1] });
        }
        if moved {
            s.pop();
        }
        s.finish();
        page.finish();
    }
    let bytes = doc.finish().map_err(PdfError::from_krilla)?;
    match &res.esign {
        // Signed as it is packed: the file is whole, signature in place, before anyone writes it.
        Some(job) => {
            Ok(crate::esign::sign_pdf(&bytes, &job.signer, job.time, stamp_place.unwrap_or(job.place))?)
        }
        None => Ok(crate::render::objstm::pack(bytes)),
    }
}

impl Stamp {
    fn new(job: &crate::esign::Job, rect: RectPt) -> Result<Stamp, PdfError> {
        let image = |png: &Option<crate::esign::Png>| -> Result<Option<(Image, f32)>, PdfError> {
            let Some((path, bytes)) = png else { return Ok(None) };
            let size = image::ImageReader::new(std::io::Cursor::new(bytes.as_slice()))
                .with_guessed_format()
                .ok()
                .and_then(|r| r.into_dimensions().ok())
                .filter(|(w, h)| *w > 0 && *h > 0);
            let bad = |message: String| PdfError::Asset { path: path.clone(), message };
            let (w, h) = size.ok_or_else(|| bad(crate::t!("esign-image-unreadable")))?;
            let img = Image::from_png(bytes.as_ref().clone().into(), false).map_err(bad)?;
            Ok(Some((img, w as f32 / h as f32)))
        };
        let bundled = crate::render::fonts::FontSet::bundled();
        let (_, face) = bundled.iter().next().ok_or(PdfError::Font)?;
        let font = Font::new(face.embedding().into(), 0).ok_or(PdfError::Font)?;
        let lines = job.stamp_lines();
        let width = |t: &str| face.shape(t).iter().map(|g| g.x_advance).sum::<f32>();
        let widths = [width(&lines[0]), width(&lines[1])];
        Ok(Stamp {
            rect,
            signature: image(&job.look.signature)?,
            seal: image(&job.look.seal)?,
            font,
            lines,
            widths,
        })
    }

    /// Draws it in its box: the images above, the two lines of text below.
    fn draw(&self, s: &mut Surface<'_>) {
        const SIZE: f32 = 10.0;
        let r = self.rect;
        let text_h = 2.0 * SIZE * 1.2;
        let img_h = (r.h - text_h).max(0.0);
        let mut sig_box = None;
        if let Some((img, ratio)) = &self.signature {
            let h = img_h.min(r.w / ratio);
            let w = h * ratio;
            let (x, y) = (r.x + (r.w - w) / 2.0, r.y + (img_h - h) / 2.0);
            draw_image_at(s, img, x, y, w, h);
            sig_box = Some((x, w));
        }
        if let Some((img, ratio)) = &self.seal {
            // Over about a third of the signature, on its left (its right edge a third in).
            let h = img_h;
            let w = h * ratio;
            let right = sig_box.map_or(r.x + w, |(x, sw)| x + sw / 3.0);
            draw_image_at(s, img, (right - w).max(r.x), r.y, w, h);
        }
        s.set_fill(Some(fill(Rgb(0, 0, 0))));
        for (i, line) in self.lines.iter().enumerate() {
            let width = self.widths[i] * SIZE;
            let x = r.x + ((r.w - width) / 2.0).max(0.0);
            let y = r.y + img_h + SIZE * 1.2 * (i as f32 + 1.0) - 0.25 * SIZE;
            s.draw_text(
                Point::from_xy(x, y),
                self.font.clone(),
                SIZE,
                line,
                false,
                krilla::text::TextDirection::Auto,
            );
        }
        s.set_fill(None);
    }
}

fn draw_image_at(s: &mut Surface<'_>, img: &Image, x: f32, y: f32, w: f32, h: f32) {
    if let Some(size) = Size::from_wh(w, h) {
        s.push_transform(&Transform::from_translate(x, y));
        s.draw_image(img.clone(), size);
        s.pop();
    }
}

/// How many first pages decide what every page shares: a drawing that a few pages happen to
/// share (two men in a row: "Chứng nhận ông") rarely holds for eight.
const REFERENCE_PAGES: usize = 8;

/// How many items all `pages` start with and end with alike (none for fewer than two pages),
/// never overlapping on any of them.
fn shared_ends(pages: &[PageLayout]) -> (usize, usize) {
    let Some((first, rest)) = pages.split_first().filter(|(_, rest)| !rest.is_empty()) else {
        return (0, 0);
    };
    let a = &first.items;
    let (mut p, mut q) = (a.len(), a.len());
    for b in rest.iter().map(|page| &page.items) {
        p = p.min(a.iter().zip(b).take_while(|(x, y)| x == y).count());
        q = q.min(a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count());
    }
    let shortest = pages.iter().map(|page| page.items.len()).min().unwrap_or(0);
    // A single item gains nothing from the indirection.
    let p = if p >= 2 { p } else { 0 };
    let q = q.min(shortest - p);
    (p, if q >= 2 { q } else { 0 })
}

/// Items that many pages draw alike, and the Form XObject drawing them once made.
#[derive(Default)]
struct SharedItems {
    items: Vec<Item>,
    graphic: Option<krilla::graphic::Graphic>,
}

impl SharedItems {
    fn new(items: &[Item]) -> SharedItems {
        SharedItems { items: items.to_vec(), graphic: None }
    }

    /// Whether a page's items hold these (`at(n)`: the page's `n` items where these would be).
    fn matches<'a>(&self, page: &'a [Item], at: impl FnOnce(usize) -> &'a [Item]) -> bool {
        !self.items.is_empty() && page.len() >= self.items.len() && at(self.items.len()) == self.items
    }

    /// Draws them, making their Form XObject the first time (`(w, h)`: the page's size).
    fn draw(&mut self, s: &mut Surface<'_>, res: &Resources, (w, h): (f32, f32)) {
        let graphic = self.graphic.get_or_insert_with(|| {
            let mut builder = s.stream_builder();
            let mut sub = builder.surface();
            for item in &self.items {
                draw(&mut sub, item, res);
            }
            sub.finish();
            let stream = builder.finish();
            // The page and a page's width and height around it (vendor/krilla/PATCHES.md):
            // krilla's box fits the strokes exactly, and poppler and Ghostscript then clip the
            // anti-aliased edge of the frame's outer line at screen resolutions.
            match Rect::from_xywh(-w, -h, 3.0 * w, 3.0 * h) {
                Some(bbox) => krilla::graphic::Graphic::with_bbox(stream, false, bbox),
                None => krilla::graphic::Graphic::new(stream, false),
            }
        });
        s.draw_graphic(graphic.clone());
    }
}

/// A neutral colour (black text, the code, grey rules) as a single grey channel rather than
/// three equal RGB ones: a CMYK press prints it with black ink alone, where RGB 0 0 0 becomes
/// four-colour black that blurs small type and the code's modules. (Written as `DeviceGray`
/// beside PDF/A's sRGB output intent: our krilla patch, vendor/krilla/PATCHES.md.)
fn paint(c: Rgb) -> krilla::paint::Paint {
    if c.0 == c.1 && c.1 == c.2 {
        krilla::color::luma::Color::new(c.0).into()
    } else {
        rgb::Color::new(c.0, c.1, c.2).into()
    }
}

fn fill(c: Rgb) -> Fill {
    Fill { paint: paint(c), opacity: NormalizedF32::ONE, rule: FillRule::NonZero }
}

fn stroke(c: Rgb, width: f32, dash: Option<&Vec<f32>>) -> Stroke {
    Stroke {
        paint: paint(c),
        width,
        dash: dash.map(|a| StrokeDash { array: a.clone(), offset: 0.0 }),
        ..Default::default()
    }
}

fn draw(s: &mut Surface<'_>, item: &Item, res: &Resources) {
    match item {
        Item::Text(run) => draw_text(s, run, res),
        Item::Line { from, to, width_pt, color, dash } => {
            let mut pb = PathBuilder::new();
            pb.move_to(from.0, from.1);
            pb.line_to(to.0, to.1);
            if let Some(path) = pb.finish() {
                s.set_fill(None);
                s.set_stroke(Some(stroke(*color, *width_pt, dash.as_ref())));
                s.draw_path(&path);
                s.set_stroke(None);
            }
        }
        // An unpainted box (a template's esign element) draws nothing.
        Item::Rect { stroke: None, fill: None, .. } => {}
        Item::Rect { rect, stroke: st, fill: fl, radius_pt } => {
            if let Some(path) = rect_path(*rect, *radius_pt) {
                s.set_fill(fl.map(fill));
                s.set_stroke(st.as_ref().map(|(c, w, d)| stroke(*c, *w, d.as_ref())));
                s.draw_path(&path);
                s.set_fill(None);
                s.set_stroke(None);
            }
        }
        Item::Shape { ops, color } => {
            let mut pb = PathBuilder::new();
            for op in ops {
                match *op {
                    PathOp::Move(x, y) => pb.move_to(x, y),
                    PathOp::Line(x, y) => pb.line_to(x, y),
                    PathOp::Quad(a, b, x, y) => pb.quad_to(a, b, x, y),
                    PathOp::Cubic(a, b, c, d, x, y) => pb.cubic_to(a, b, c, d, x, y),
                    PathOp::Close => pb.close(),
                }
            }
            if let Some(path) = pb.finish() {
                s.set_stroke(None);
                s.set_fill(Some(fill(*color)));
                s.draw_path(&path);
                s.set_fill(None);
            }
        }
        Item::Image { image, rect } => {
            if let Some(size) = Size::from_wh(rect.w, rect.h) {
                s.push_transform(&Transform::from_translate(rect.x, rect.y));
                s.draw_image(res.images[*image].clone(), size);
                s.pop();
            }
        }
        Item::Qr { origin, module_pt, width, dark } => {
            // Vector modules in module units under one transform: a renderer anti-aliases their
            // edges, so a module of 2.4 pixels is 2 dark pixels and a grey one, never 2 or 3
            // hard pixels at random as a nearest-neighbour image scaled by 2.4 made them (zbar
            // missed such pages at 150 dpi). One path, filled once: abutting rectangles of one
            // fill leave no seams. The quiet zone is painted white, as the image painted it.
            let n = *width as usize;
            let (q, side) = (QR_QUIET_ZONE as f32, (n + 2 * QR_QUIET_ZONE) as f32);
            let (x0, y0) = (origin.0 + q * module_pt, origin.1 + q * module_pt);
            s.push_transform(&Transform::from_row(*module_pt, 0.0, 0.0, *module_pt, x0, y0));
            s.set_stroke(None);
            let mut pb = PathBuilder::new();
            if let Some(quiet) = Rect::from_xywh(-q, -q, side, side) {
                pb.push_rect(quiet);
            }
            if let Some(path) = pb.finish() {
                s.set_fill(Some(fill(Rgb(0xff, 0xff, 0xff))));
                s.draw_path(&path);
            }
            let mut pb = PathBuilder::new();
            for [x, y, w, h] in module_rects(n, dark) {
                if let Some(r) = Rect::from_xywh(x as f32, y as f32, w as f32, h as f32) {
                    pb.push_rect(r);
                }
            }
            if let Some(path) = pb.finish() {
                s.set_fill(Some(fill(Rgb(0, 0, 0))));
                s.draw_path(&path);
            }
            s.set_fill(None);
            s.pop();
        }
    }
}

/// The dark modules of a `width` × `width` code as rectangles `[x, y, w, h]` in modules (the
/// symbol's top-left module at 0, 0), covering every dark module once and no light one: runs
/// along one axis, identical runs on neighbouring lines merged into one rectangle. Both axes
/// are tried and the fewer rectangles kept (each is one `re` in the page, about 11 bytes).
fn module_rects(width: usize, dark: &[bool]) -> Vec<[u16; 4]> {
    let along = |across_rows: bool| {
        let at =
            |line: usize, i: usize| if across_rows { dark[line * width + i] } else { dark[i * width + line] };
        // Rectangles as (start, end, first line, lines); `open`: indices of those touching the last line.
        let mut rects: Vec<(usize, usize, usize, usize)> = Vec::new();
        let (mut open, mut next): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        for line in 0..width {
            next.clear();
            let mut k = 0; // the first of `open` that may continue a run starting at or after i
            let mut i = 0;
            while i < width {
                if !at(line, i) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < width && at(line, i) {
                    i += 1;
                }
                while k < open.len() && rects[open[k]].0 < start {
                    k += 1;
                }
                match open.get(k) {
                    Some(&r) if rects[r].0 == start && rects[r].1 == i => {
                        rects[r].3 += 1;
                        next.push(r);
                    }
                    _ => {
                        next.push(rects.len());
                        rects.push((start, i, line, 1));
                    }
                }
            }
            std::mem::swap(&mut open, &mut next);
        }
        rects
            .into_iter()
            .map(|(a, b, line, n)| {
                let (a, l, b, n) = (a as u16, line as u16, (b - a) as u16, n as u16);
                if across_rows {
                    [a, l, b, n]
                } else {
                    [l, a, n, b]
                }
            })
            .collect::<Vec<_>>()
    };
    let (rows, columns) = (along(true), along(false));
    let mut rects = if columns.len() < rows.len() { columns } else { rows };
    // Rectangles of one size together: the ` 1 1 re ` ending repeats and deflate takes 6 % less.
    rects.sort_unstable_by_key(|&[x, y, w, h]| (w, h, y, x));
    rects
}

fn draw_text(s: &mut Surface<'_>, run: &TextRun, res: &Resources) {
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| {
            KrillaGlyph::new(
                GlyphId::new(g.id as u32),
                g.x_advance,
                g.x_offset,
                // OpenType offsets point up; krilla's y axis points down.
                -g.y_offset,
                g.y_advance,
                g.range.clone(),
                None,
            )
        })
        .collect();
    s.set_stroke(None);
    s.set_fill(Some(fill(run.color)));
    s.draw_glyphs(
        Point::from_xy(run.origin.0, run.origin.1),
        &glyphs,
        res.fonts[run.font.0].clone(),
        &run.text,
        run.size_pt,
        false,
    );
}

/// A rectangle, with rounded corners when `r` > 0 (cubic approximation of quarter circles).
fn rect_path(rect: RectPt, r: f32) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    let RectPt { x, y, w, h } = rect;
    let r = r.min(w / 2.0).min(h / 2.0);
    if r <= 0.0 {
        pb.push_rect(Rect::from_xywh(x, y, w, h)?);
    } else {
        const K: f32 = 0.552_284_8; // control-point distance for a quarter circle
        let k = r * K;
        pb.move_to(x + r, y);
        pb.line_to(x + w - r, y);
        pb.cubic_to(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
        pb.line_to(x + w, y + h - r);
        pb.cubic_to(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
        pb.line_to(x + r, y + h);
        pb.cubic_to(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
        pb.line_to(x, y + r);
        pb.cubic_to(x, y + r - k, x + r - k, y, x + r, y);
        pb.close();
    }
    pb.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(items: &[u8]) -> PageLayout {
        // Items told apart by where a line starts.
        let line = |k: u8| Item::Line {
            from: (k as f32, 0.0),
            to: (k as f32, 10.0),
            width_pt: 1.0,
            color: Rgb(0, 0, 0),
            dash: None,
        };
        PageLayout {
            size_pt: (100.0, 100.0),
            items: items.iter().map(|&k| line(k)).collect(),
            shrunk: Vec::new(),
            background: true,
            offset_pt: (0.0, 0.0),
        }
    }

    #[test]
    fn pages_share_the_items_they_all_start_and_end_with() {
        let pages = [page(&[1, 2, 10, 3, 4]), page(&[1, 2, 11, 3, 4]), page(&[1, 2, 12, 13, 3, 4])];
        assert_eq!(shared_ends(&pages), (2, 2));
        // One page shares nothing; nor does a single item.
        assert_eq!(shared_ends(&pages[..1]), (0, 0));
        assert_eq!(shared_ends(&[page(&[1, 2, 10, 4]), page(&[1, 3, 11, 4])]), (0, 0));
        // Identical pages: their items are shared once, never counted at both ends.
        assert_eq!(shared_ends(&[page(&[1, 2, 3]), page(&[1, 2, 3])]), (3, 0));
        // The shorter page bounds what both ends may take together.
        assert_eq!(shared_ends(&[page(&[1, 2, 3, 2, 3]), page(&[1, 2, 3])]), (3, 0));
    }

    #[test]
    fn the_code_rectangles_cover_every_dark_module_once_and_no_light_one() {
        // A pattern with long runs both ways, single modules and a full row and column.
        for w in [1, 2, 21, 25] {
            let dark: Vec<bool> =
                (0..w * w).map(|i| (i * 7 + i / w * 3) % 5 < 2 || (i / w) % 4 == 0 || i % w == 3).collect();
            let mut seen = vec![0u8; w * w];
            let rects = module_rects(w, &dark);
            for &[x, y, rw, rh] in &rects {
                assert!(rw > 0 && rh > 0, "{:?}", [x, y, rw, rh]);
                for yy in y..y + rh {
                    for xx in x..x + rw {
                        seen[yy as usize * w + xx as usize] += 1;
                    }
                }
            }
            for i in 0..w * w {
                assert_eq!(seen[i], dark[i] as u8, "width {w}, module {},{}", i % w, i / w);
            }
        }
        // Identical runs on neighbouring rows are one rectangle; a column is found as one too.
        let square = vec![true; 9];
        assert_eq!(module_rects(3, &square), vec![[0, 0, 3, 3]]);
        let column = [false, true, false, false, true, false, false, true, false];
        assert_eq!(module_rects(3, &column), vec![[1, 0, 1, 3]]);
        // Sorted by size, then place, whatever the symbol.
        let rects = module_rects(25, &(0..625).map(|i| (i * 7 + i / 25 * 3) % 5 < 2).collect::<Vec<_>>());
        assert!(rects
            .windows(2)
            .all(|p| (p[0][2], p[0][3], p[0][1], p[0][0]) < (p[1][2], p[1][3], p[1][1], p[1][0])));
        assert!(module_rects(3, &[false; 9]).is_empty());
    }
}
