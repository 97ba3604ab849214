//! Finding the verification code in what a verifier has: a scan or phone photo (PNG, JPEG), or a
//! PDF. The only module that touches rxing, image and hayro.
//!
//! Images are decoded with rxing (ZXing's algorithms: TryHarder, the hybrid and then the global
//! histogram binarizer), retried at 2× and 3× Lanczos upscale, which is what makes 150 dpi
//! renders and blurred photos readable (docs/spec/verification-qr.md §3.4). A PDF is judged by what it shows: its first
//! page is rasterised and the printed code decoded; the copy of the QR text the tool stores in the
//! document's metadata is read too, and used only when no printed code can be read.

use crate::util::diag::{Arg, Diagnose, Diagnostic, Message};
use image::imageops::FilterType;
use image::GrayImage;
use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::{BarcodeFormat, BinaryBitmap, DecodeHints, Luma8LuminanceSource, MultiFormatReader, Reader};

/// Prefix of the QR text copy in a PDF's keywords (Info and XMP `dc:subject`).
pub const METADATA_PREFIX: &str = "vncert-qr:";
/// The keyword that marks a draft (`chungnhan render`): a page with no code on purpose.
pub const DRAFT_MARK: &str = "vncert-draft";

/// Whether a PDF says it is a draft (its metadata is stored uncompressed, like the code's copy).
pub fn is_draft(bytes: &[u8]) -> bool {
    bytes.windows(DRAFT_MARK.len()).any(|w| w == DRAFT_MARK.as_bytes())
}

/// Largest image side decoded at full size; bigger photos are tried scaled down first.
const MAX_SIDE: u32 = 2400;

/// Most pixels an image may have: 64 million, more than any phone takes by default (12–50 MP)
/// or a 600 dpi A4 scan (35 MP). Checked from the header before decoding, so a small file that
/// claims a huge image (a decompression bomb) costs nothing.
pub const MAX_IMAGE_PIXELS: u64 = 64_000_000;
/// Most memory the image decoder may allocate while decoding: 512 MiB.
pub const MAX_IMAGE_ALLOC: u64 = 512 * 1024 * 1024;
/// Most pixels a PDF page is rasterised into: 24 million (an A4 page at 150 dpi is 2.2 million,
/// at 300 dpi 8.7 million). A larger page is rendered at a lower resolution, never at full size.
pub const MAX_RENDER_PIXELS: f32 = 24_000_000.0;

/// Why an input could not be read at all (finding no code is not an error).
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// Not a decodable image.
    #[error("{}", self.message())]
    Image(String),
    /// Not a readable PDF: the renderer's words, or ours.
    #[error("{}", self.message())]
    Pdf(Arg),
    /// Past a budget of this module: nothing was decoded beyond it.
    #[error("{}", self.message())]
    TooLarge(Message),
}

impl Diagnose for ScanError {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.message())
    }
}

impl ScanError {
    /// What it says, as data (worded at the edge).
    pub fn message(&self) -> Message {
        match self {
            ScanError::Image(problem) => Message::new("err-scan-image").arg("problem", problem.to_string()),
            ScanError::Pdf(problem) => Message::new("err-scan-pdf").arg("problem", problem.clone()),
            ScanError::TooLarge(budget) => Message::new("err-scan-too-large").arg("budget", budget.clone()),
        }
    }
}

/// What a file's kind is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `%PDF`.
    Pdf,
    /// PNG or JPEG.
    Image,
    /// Anything else (text).
    Other,
}

/// Sniffs a file's kind.
pub fn kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"%PDF") {
        Kind::Pdf
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Kind::Image
    } else {
        Kind::Other
    }
}

/// Runs a third-party decoder on untrusted input: a panic inside it means "this file cannot be
/// read", never a crash of the verifier (and its message is not shown to the user).
fn guarded<T>(what: Message, f: impl FnOnce() -> Result<T, ScanError>) -> Result<T, ScanError> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    r.unwrap_or_else(|_| Err(ScanError::Pdf(Message::new("scan-decoder-failed").arg("what", what).into())))
}

/// The QR text in a PNG or JPEG, if one can be read.
pub fn decode_image(bytes: &[u8]) -> Result<Option<String>, ScanError> {
    guarded(Message::new("scan-what-image"), || decode_image_unguarded(bytes))
}

fn decode_image_unguarded(bytes: &[u8]) -> Result<Option<String>, ScanError> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ScanError::Image(e.to_string()))?;
    let (w, h) = reader.into_dimensions().map_err(|e| ScanError::Image(e.to_string()))?;
    if u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return Err(ScanError::TooLarge(
            Message::new("scan-image-too-large")
                .arg("w", w)
                .arg("h", h)
                .arg("limit", MAX_IMAGE_PIXELS / 1_000_000),
        ));
    }
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ScanError::Image(e.to_string()))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(w);
    limits.max_image_height = Some(h);
    limits.max_alloc = Some(MAX_IMAGE_ALLOC);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| ScanError::Image(e.to_string()))?.to_luma8();
    Ok(decode_gray(&img))
}

/// Tries the image as it is (or scaled down if huge), then 2× and 3× upscaled.
pub fn decode_gray(img: &GrayImage) -> Option<String> {
    let (w, h) = img.dimensions();
    if w.max(h) > MAX_SIDE {
        let f = MAX_SIDE as f32 / w.max(h) as f32;
        let small =
            image::imageops::resize(img, (w as f32 * f) as u32, (h as f32 * f) as u32, FilterType::Lanczos3);
        if let Some(t) = decode_luma(&small) {
            return Some(t);
        }
    }
    if let Some(t) = decode_luma(img) {
        return Some(t);
    }
    for factor in [2, 3] {
        if (w * factor).max(h * factor) > 3 * MAX_SIDE {
            break;
        }
        let big = image::imageops::resize(img, w * factor, h * factor, FilterType::Lanczos3);
        if let Some(t) = decode_luma(&big) {
            return Some(t);
        }
    }
    None
}

fn decode_luma(img: &GrayImage) -> Option<String> {
    let (w, h) = img.dimensions();
    let hints = DecodeHints {
        TryHarder: Some(true),
        PossibleFormats: Some([BarcodeFormat::QR_CODE].into_iter().collect()),
        ..DecodeHints::default()
    };
    let mut reader = MultiFormatReader::default();
    let hybrid = Luma8LuminanceSource::new(img.as_raw().clone(), w, h).ok()?;
    if let Ok(r) = reader.decode_with_hints(&mut BinaryBitmap::new(HybridBinarizer::new(hybrid)), &hints) {
        return Some(r.getText().to_string());
    }
    let global = Luma8LuminanceSource::new(img.as_raw().clone(), w, h).ok()?;
    reader
        .decode_with_hints(&mut BinaryBitmap::new(GlobalHistogramBinarizer::new(global)), &hints)
        .ok()
        .map(|r| r.getText().to_string())
}

/// What a PDF holds: the printed code of its first page, and the stored copy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PdfCodes {
    /// Decoded from the rendered page.
    pub printed: Option<String>,
    /// From the document's metadata.
    pub stored: Option<String>,
}

/// Most seconds the command line lets a PDF page take to render (in a child process, see
/// [`PageReader`]): a certificate renders in well under one; a page of nested forms each drawing
/// the next ten times would take minutes.
pub const RENDER_SECONDS: u64 = 10;
/// Most memory that child process may map while rendering: 2 GiB.
pub const RENDER_MEMORY_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// What a reader is asked to find a code in: the first page of a PDF (rendered at `dpi`), or an
/// image (PNG, JPEG).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Job {
    /// The first page of a PDF.
    PdfPage {
        /// Resolution of the render.
        dpi: f32,
    },
    /// A scan or photo.
    Image,
}

/// How a PDF page or an image from anyone is read: [`read_here`] in this process, or — the
/// command line's way — in a child process held to [`RENDER_SECONDS`] and
/// [`RENDER_MEMORY_BYTES`], which nothing in-process can promise (a 14 KB image tiled with
/// finder patterns kept the decoder busy for minutes).
pub type PageReader<'a> = &'a dyn Fn(&[u8], Job) -> Result<Option<String>, ScanError>;

/// Does `job` on `bytes` in this process.
pub fn read_here(bytes: &[u8], job: Job) -> Result<Option<String>, ScanError> {
    match job {
        Job::PdfPage { dpi } => read_page_here(bytes, dpi),
        Job::Image => decode_image(bytes),
    }
}

/// Reads both codes of a PDF. The page is rendered at `dpi`, in this process.
pub fn decode_pdf(bytes: &[u8], dpi: f32) -> Result<PdfCodes, ScanError> {
    decode_pdf_with(bytes, dpi, &read_here)
}

/// The code printed on the first page, rendered at `dpi` in this process.
pub fn read_page_here(bytes: &[u8], dpi: f32) -> Result<Option<String>, ScanError> {
    guarded(Message::new("scan-what-pdf"), || decode_pdf_page(bytes, dpi))
}

/// Reads both codes of a PDF, the page with `read_page`.
pub fn decode_pdf_with(bytes: &[u8], dpi: f32, read_page: PageReader<'_>) -> Result<PdfCodes, ScanError> {
    let stored = stored_code(bytes);
    match read_page(bytes, Job::PdfPage { dpi }) {
        Ok(printed) => Ok(PdfCodes { printed, stored }),
        // A page that cannot be rendered still has its stored copy (then judged with a warning).
        Err(_) if stored.is_some() => Ok(PdfCodes { printed: None, stored }),
        Err(e) => Err(e),
    }
}

fn decode_pdf_page(bytes: &[u8], dpi: f32) -> Result<Option<String>, ScanError> {
    let pdf = hayro::hayro_syntax::Pdf::new(bytes.to_vec())
        .map_err(|e| ScanError::Pdf(Arg::Text(format!("{e:?}"))))?;
    let Some(page) = pdf.pages().first() else {
        return Err(ScanError::Pdf(Message::new("scan-no-page").into()));
    };
    // Never a huge page at full size: the resolution drops so that the raster stays within
    // MAX_RENDER_PIXELS (a 14 400 pt page at 150 dpi would be 900 million pixels).
    let (w_pt, h_pt) = page.render_dimensions();
    let area = (w_pt.max(1.0) * h_pt.max(1.0)).max(1.0);
    let scale = (dpi / 72.0).min((MAX_RENDER_PIXELS / area).sqrt());
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
    let luma: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|p| ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8)
        .collect();
    let img = GrayImage::from_raw(w, h, luma)
        .ok_or_else(|| ScanError::Pdf(Message::new("scan-page-not-rendered").into()))?;
    Ok(decode_gray(&img))
}

/// The QR text copy stored in the metadata (XMP is stored uncompressed, so a byte search finds
/// it without a PDF parser).
pub fn stored_code(bytes: &[u8]) -> Option<String> {
    let needle = METADATA_PREFIX.as_bytes();
    let at = bytes.windows(needle.len()).position(|w| w == needle)?;
    let rest = &bytes[at + needle.len()..];
    let end =
        rest.iter().position(|b| !(b.is_ascii_alphanumeric() || b":/.#-_".contains(b))).unwrap_or(rest.len());
    let text = std::str::from_utf8(&rest[..end]).ok()?;
    (!text.is_empty()).then(|| text.to_string())
}
