//! Stage 4 and 5 — what is printed: rendered texts become a page layout, then PDF bytes.
//!
//! [`crate::fonts`] holds the bundled and template fonts and shapes text (rustybuzz); [`layout`] places
//! every glyph, rule, image and QR module on the page ([`layout::PageLayout`]); [`pdf`] writes
//! layouts as PDF/A-2b with krilla, embedding each font as `fonts::unhinted` makes it (without hinting),
//! and `objstm` packs the finished file's dictionaries into compressed object streams.
//! Geometry is decided in `layout`; `pdf` only translates.

pub mod layout;
pub(crate) mod objstm;
pub mod pdf;
pub mod raster;

/// The fonts live below `template` and `render` alike (`crate::fonts`); named here too for the
/// callers that knew them here.
pub use crate::fonts;
