//! The preview that is the print: the first page of a real PDF, rasterised with hayro (the
//! renderer `verify` already uses) and encoded as PNG. Never an HTML imitation of the page
//! (pdfme #188, Moodle customcert #222/#476: previews that are not the PDF mislead).

/// The most pixels a preview has (about 1 400 × 2 000): enough for a screen, cheap to encode.
const MAX_PIXELS: f32 = 2_800_000.0;

/// Page 1 of `pdf` at `dpi` (lowered to stay within [`MAX_PIXELS`]) as PNG bytes, with its
/// size in pixels; `None` when hayro cannot read the file.
pub fn page_png(pdf: &[u8], dpi: f32) -> Option<(Vec<u8>, u32, u32)> {
    let doc = hayro::hayro_syntax::Pdf::new(pdf.to_vec()).ok()?;
    let page = doc.pages().first()?;
    let (w_pt, h_pt) = page.render_dimensions();
    let area = (w_pt.max(1.0) * h_pt.max(1.0)).max(1.0);
    let scale = (dpi / 72.0).min((MAX_PIXELS / area).sqrt());
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
    let rgba = pixmap.data_as_u8_slice().to_vec();
    let img = image::RgbaImage::from_raw(w, h, rgba)?;
    let rgb = image::DynamicImage::ImageRgba8(img).to_rgb8();
    let mut out = std::io::Cursor::new(Vec::new());
    // Fast compression: the image goes over the loopback, size matters less than time.
    let enc = image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Sub,
    );
    image::ImageEncoder::write_image(enc, rgb.as_raw(), w, h, image::ExtendedColorType::Rgb8).ok()?;
    Some((out.into_inner(), w, h))
}
