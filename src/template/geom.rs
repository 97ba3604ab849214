//! Geometry of the page, shared by the template (which places boxes) and the layout (which
//! fills them): units, alignment, colours, rectangles and paper sizes. Nothing here knows a
//! template or a font.

use serde::Deserialize;

/// One millimetre in PDF points.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Horizontal alignment of text in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Flush left.
    #[default]
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Both edges flush, except the last line.
    Justify,
}

/// Vertical alignment of text in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VAlign {
    /// First line at the top.
    #[default]
    Top,
    /// Centred.
    Middle,
    /// Last line at the bottom.
    Bottom,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// A rectangle in points, origin at the page's top left, y down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RectPt {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// The unprinted edge of the page that most office printers leave, in mm: a box that reaches
/// into it loses its outer part on paper.
pub const PRINTABLE_MARGIN_MM: f32 = 4.0;

/// A paper size and orientation in points, if known (A4, A5, Letter; portrait or landscape).
pub fn page_size(size: &str, orientation: &str) -> Option<(f32, f32)> {
    let (w, h) = match size.to_ascii_lowercase().as_str() {
        "a4" => (210.0, 297.0),
        "a5" => (148.0, 210.0),
        "letter" => (215.9, 279.4),
        _ => return None,
    };
    let (w, h) = match orientation {
        "portrait" => (w, h),
        "landscape" => (h, w),
        _ => return None,
    };
    Some((w * PT_PER_MM, h * PT_PER_MM))
}
