//! A draft page as a picture: what the template designer shows under its boxes.
//!
//! In: a template and one record's values. Out: a PNG of the real PDF page — the values rendered
//! by tera, laid out, written by krilla exactly as `render` writes a draft, then rasterised by
//! hayro — and each element's box in mm. Never an imitation of the page in HTML: the designers
//! whose preview is drawn by a second renderer disagree with their own PDFs (pdfme #188, Moodle
//! customcert #222/#476).

use std::collections::BTreeMap;

use crate::render::layout::{self, LayoutError, QrContent, Shrunk};
use crate::render::pdf::{self, PdfError, PdfMeta, Resources};
use crate::template::{RenderError, Template, PT_PER_MM};
use crate::viet::Date;

/// The largest picture made, in pixels (a poster-sized page is drawn at a lower resolution).
const MAX_PIXELS: f32 = 12_000_000.0;

/// One element's box on the page, in mm from the top left.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ElementBox {
    /// The element's name (or `#N (type)`).
    pub name: String,
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// A page as a picture.
#[derive(Debug, Clone)]
pub struct PagePicture {
    /// The PNG file.
    pub png: Vec<u8>,
    /// Its size in pixels.
    pub size_px: (u32, u32),
    /// The page's size in mm.
    pub page_mm: (f32, f32),
    /// Every element's box (the page area it takes: a code with its quiet zone and caption).
    pub boxes: Vec<ElementBox>,
    /// Texts set smaller than their size to fit.
    pub shrunk: Vec<Shrunk>,
}

/// Why a page could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    /// An expression of the template failed for these values.
    #[error("{}", crate::t!("ui-designer-preview-expression", element = .0.element.as_str(), message = .0.message.as_str()))]
    Expression(RenderError),
    /// A text does not fit its box even at its smallest size.
    #[error("{}", crate::t!("ui-designer-preview-overflow", element = .element.as_str(), size = *.min_size_pt))]
    Overflow {
        /// The element.
        element: String,
        /// Its smallest size, pt.
        min_size_pt: f32,
    },
    /// A character the element's font cannot draw.
    #[error("{}", crate::t!("ui-designer-preview-glyph", element = .element.as_str(), ch = .ch.to_string(), font = .font.as_str()))]
    Glyph {
        /// The element.
        element: String,
        /// The character.
        ch: char,
        /// The font.
        font: String,
    },
    /// krilla could not write the page.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// hayro could not read back the page krilla wrote (a bug of ours).
    #[error("{}", crate::t!("ui-designer-preview-raster", message = .0.as_str()))]
    Raster(String),
}

/// Every element's box in mm, as the template places it.
pub fn element_boxes(template: &Template) -> Vec<ElementBox> {
    template
        .elements
        .iter()
        .map(|el| {
            let (x0, y0, x1, y1) = el.bounds();
            ElementBox {
                name: el.name.clone(),
                x: x0 / PT_PER_MM,
                y: y0 / PT_PER_MM,
                w: (x1 - x0) / PT_PER_MM,
                h: (y1 - y0) / PT_PER_MM,
            }
        })
        .collect()
}

/// The draft PDF of one record, as `render` writes it (draft mark, code placeholder).
pub fn draft_pdf(
    template: &Template,
    values: &BTreeMap<String, String>,
    date: Date,
    res: &Resources,
) -> Result<(Vec<u8>, Vec<Shrunk>), PreviewError> {
    let fields = template.render(values).map_err(PreviewError::Expression)?;
    let page = layout::lay_out(template, &fields, QrContent::Placeholder).map_err(|errs| {
        match errs.into_iter().next() {
            Some(LayoutError::Overflow { element, min_size_pt, .. }) => {
                PreviewError::Overflow { element, min_size_pt }
            }
            Some(LayoutError::MissingGlyph { element, ch, font }) => {
                PreviewError::Glyph { element, ch, font }
            }
            None => PreviewError::Raster(String::new()),
        }
    })?;
    let shrunk = page.shrunk.clone();
    let meta = PdfMeta {
        title: fields.title,
        author: fields.author,
        subject: fields.subject,
        date,
        keywords: vec![crate::seal::scan::DRAFT_MARK.to_string()],
    };
    Ok((pdf::write([page], &meta, res)?, shrunk))
}

/// The first page of a PDF as a PNG at `px_per_mm` (lowered for a huge page).
pub fn pdf_page_png(pdf: &[u8], px_per_mm: f32) -> Result<(Vec<u8>, (u32, u32)), PreviewError> {
    let doc =
        hayro::hayro_syntax::Pdf::new(pdf.to_vec()).map_err(|e| PreviewError::Raster(format!("{e:?}")))?;
    let Some(page) = doc.pages().first() else {
        return Err(PreviewError::Raster(crate::t!("scan-no-page")));
    };
    let (w_pt, h_pt) = page.render_dimensions();
    let area = (w_pt.max(1.0) * h_pt.max(1.0)).max(1.0);
    let scale = (px_per_mm / PT_PER_MM).min((MAX_PIXELS / area).sqrt());
    let cache = hayro::RenderCache::new();
    let pixmap = hayro::render(
        page,
        &cache,
        &hayro::hayro_interpret::InterpreterSettings::default(),
        &hayro::RenderSettings::default(),
        &hayro::PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: hayro::vello_cpu::color::palette::css::WHITE,
        },
    );
    let (w, h) = (pixmap.width() as u32, pixmap.height() as u32);
    let rgba = pixmap.data_as_u8_slice();
    // The page is opaque (drawn on white): RGB is a quarter smaller than RGBA.
    let rgb: Vec<u8> = rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut png = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        &mut png,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Sub,
    );
    image::ImageEncoder::write_image(encoder, &rgb, w, h, image::ExtendedColorType::Rgb8)
        .map_err(|e| PreviewError::Raster(e.to_string()))?;
    Ok((png, (w, h)))
}

/// The draft page of one record as a picture, with every element's box.
pub fn draft_picture(
    template: &Template,
    values: &BTreeMap<String, String>,
    date: Date,
    px_per_mm: f32,
) -> Result<PagePicture, PreviewError> {
    let res = Resources::new(template)?;
    let (pdf, shrunk) = draft_pdf(template, values, date, &res)?;
    let (png, size_px) = pdf_page_png(&pdf, px_per_mm)?;
    Ok(PagePicture {
        png,
        size_px,
        page_mm: (template.page_pt.0 / PT_PER_MM, template.page_pt.1 / PT_PER_MM),
        boxes: element_boxes(template),
        shrunk,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::save::sample_values;

    #[test]
    fn a_builtin_template_previews_as_its_draft_page_with_every_box() {
        let t = Template::load("giay-chung-nhan").unwrap();
        let values = sample_values(&t);
        let pic = draft_picture(&t, &values, Date::parse_any("2026-01-15").unwrap(), 4.0).unwrap();
        assert_eq!(&pic.png[1..4], b"PNG");
        // A4 landscape at 4 px/mm.
        assert!(
            (pic.size_px.0 as i32 - 1188).abs() <= 2 && (pic.size_px.1 as i32 - 840).abs() <= 2,
            "{:?}",
            pic.size_px
        );
        assert_eq!(pic.boxes.len(), t.elements.len());
        let name = pic.boxes.iter().find(|b| b.name == "ho_ten").unwrap();
        assert!((name.x - 30.0).abs() < 0.01 && (name.w - 237.0).abs() < 0.01);
        // Ink inside the name's box: the sample name is drawn there (dark red, bold).
        let img = image::load_from_memory(&pic.png).unwrap().to_rgb8();
        let px = |mm: f32| (mm * 4.0) as u32;
        let inked = (px(name.x)..px(name.x + name.w))
            .flat_map(|x| (px(name.y)..px(name.y + name.h)).map(move |y| (x, y)))
            .filter(|&(x, y)| {
                let p = img.get_pixel(x, y);
                p[0] > 100 && p[1] < 80 && p[2] < 80
            })
            .count();
        assert!(inked > 500, "{inked} dark red pixels in the name's box");
    }
}
