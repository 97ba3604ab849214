//! The printer calibration sheet (`chungnhan calibrate`): crosshairs at known distances from the
//! paper's edges, millimetre rulers, a 100 mm bar to catch a printer that scales the page, and
//! the printable margin — what a clerk measures with a ruler to find the offset of the printer
//! that will print the certificates (docs/printing.md).

use crate::fonts::{FontSet, Style, BUNDLED_FAMILY};
use crate::render::layout::{self, Item, PageLayout};
use crate::render::pdf::{self, PdfError, PdfMeta, Resources};
use crate::template::geom::{Align, RectPt, Rgb, VAlign, PRINTABLE_MARGIN_MM, PT_PER_MM};
use crate::template::TextElement;
use crate::viet::Date;

/// How far the corner crosshairs are from the paper's edges, in mm.
pub const CROSS_FROM_EDGE_MM: f32 = 20.0;

/// The calibration sheet for paper of `page_pt` (points), moved by `offset_mm` (to check an
/// offset already set: the crosshairs then measure exactly their labels). `date` dates the PDF.
pub fn sheet(page_pt: (f32, f32), offset_mm: (f32, f32), date: Date) -> Result<Vec<u8>, PdfError> {
    let fonts = FontSet::bundled();
    let (w_mm, h_mm) = (page_pt.0 / PT_PER_MM, page_pt.1 / PT_PER_MM);
    let mm = |v: f32| v * PT_PER_MM;
    let black = Rgb(0, 0, 0);
    let red = Rgb(0xc0, 0x10, 0x10);
    let mut items = Vec::new();
    let line = |items: &mut Vec<Item>, a: (f32, f32), b: (f32, f32), width: f32, color: Rgb| {
        items.push(Item::Line {
            from: (mm(a.0), mm(a.1)),
            to: (mm(b.0), mm(b.1)),
            width_pt: width,
            color,
            dash: None,
        })
    };
    let text =
        |items: &mut Vec<Item>, r: (f32, f32, f32, f32), s: &str, size: f32, style: Style, align: Align| {
            let el = TextElement {
                rect: RectPt { x: mm(r.0), y: mm(r.1), w: mm(r.2), h: mm(r.3) },
                font: fonts.find(BUNDLED_FAMILY, style).expect("the bundled family is always loaded"),
                size_pt: size,
                min_size_pt: (size * 0.6).max(4.0),
                line_height: 1.2,
                color: black,
                align,
                valign: VAlign::Top,
                letter_spacing_pt: 0.0,
                uppercase: false,
                wrap: true,
                rule: None,
                flow: None,
            };
            if let Ok(mut v) = layout::text_box(&fonts, &el, s, "calibrate") {
                items.append(&mut v);
            }
        };

    // The printable margin, dashed: nothing of a certificate may reach into it.
    let m = PRINTABLE_MARGIN_MM;
    items.push(Item::Rect {
        rect: RectPt { x: mm(m), y: mm(m), w: mm(w_mm - 2.0 * m), h: mm(h_mm - 2.0 * m) },
        stroke: Some((Rgb(0x88, 0x88, 0x88), 0.4, Some(vec![3.0, 2.0]))),
        fill: None,
        radius_pt: 0.0,
    });

    // Crosshairs: four at 20 mm from two edges, one in the middle, each labelled with where it
    // must measure from the left and the top edge of the paper.
    let e = CROSS_FROM_EDGE_MM;
    let crosses = [(e, e), (w_mm - e, e), (e, h_mm - e), (w_mm - e, h_mm - e), (w_mm / 2.0, h_mm / 2.0)];
    for (x, y) in crosses {
        line(&mut items, (x - 8.0, y), (x + 8.0, y), 0.3, red);
        line(&mut items, (x, y - 8.0), (x, y + 8.0), 0.3, red);
        let label = format!("({}, {}) mm", fmt_mm(x), fmt_mm(y));
        let lx = if x > w_mm / 2.0 + 1.0 { x - 41.0 } else { x + 1.5 };
        text(&mut items, (lx, y + 1.5, 40.0, 5.0), &label, 8.0, Style::Bold, Align::Left);
    }

    // Rulers: ticks every mm, longer every 5, numbered every 10, measured from the paper's
    // left (horizontal ruler, at 40 mm from the top) and top (vertical ruler, at 40 mm from the
    // left) edge.
    let at = 40.0;
    for (horizontal, length) in [(true, w_mm), (false, h_mm)] {
        // Where a point `along` the ruler and `across` from its line is on the page.
        let place =
            |along: f32, across: f32| if horizontal { (along, at + across) } else { (at + across, along) };
        line(&mut items, place(10.0, 0.0), place(length - 10.0, 0.0), 0.25, black);
        for n in 10..=(length - 10.0).floor() as i32 {
            let v = n as f32;
            let tick = if n % 10 == 0 {
                5.0
            } else if n % 5 == 0 {
                3.5
            } else {
                2.0
            };
            line(&mut items, place(v, 0.0), place(v, tick), 0.25, black);
            // The two rulers cross at 40 mm: one number there is enough.
            if n % 10 == 0 && (horizontal || n != 40) {
                let (x, y) = place(v, 5.5);
                let (r, align) = if horizontal {
                    ((x - 5.0, y, 10.0, 4.0), Align::Center)
                } else {
                    ((x, y - 1.6, 10.0, 4.0), Align::Left)
                };
                text(&mut items, r, &n.to_string(), 6.5, Style::Regular, align);
            }
        }
    }

    // A bar of exactly 100 mm: measured otherwise, the printer scales the page.
    let (bx, by) = (w_mm / 2.0 - 50.0, h_mm - 36.0);
    line(&mut items, (bx, by), (bx + 100.0, by), 0.8, black);
    line(&mut items, (bx, by - 3.0), (bx, by + 3.0), 0.4, black);
    line(&mut items, (bx + 100.0, by - 3.0), (bx + 100.0, by + 3.0), 0.4, black);
    text(
        &mut items,
        (bx, by + 2.0, 100.0, 5.0),
        &crate::t!("calibrate-bar"),
        8.0,
        Style::Regular,
        Align::Center,
    );

    // What to do, in the clerk's language: below the middle crosshair, right of the ruler.
    let (tx, tw) = (50.0, w_mm - 80.0);
    let top = h_mm / 2.0 + 12.0;
    text(&mut items, (tx, top, tw, 8.0), &crate::t!("calibrate-title"), 14.0, Style::Bold, Align::Center);
    let steps = crate::t!("calibrate-steps", edge = fmt_mm(e));
    text(&mut items, (tx, top + 8.0, tw, (by - 4.0) - (top + 8.0)), &steps, 9.0, Style::Regular, Align::Left);
    if offset_mm != (0.0, 0.0) {
        let moved = crate::t!("calibrate-moved", x = fmt_mm(offset_mm.0), y = fmt_mm(offset_mm.1));
        text(&mut items, (tx, by + 7.0, tw, 6.0), &moved, 9.0, Style::Italic, Align::Center);
    }

    let page = PageLayout {
        size_pt: page_pt,
        items,
        shrunk: Vec::new(),
        background: false,
        offset_pt: (mm(offset_mm.0), mm(offset_mm.1)),
    };
    let meta = PdfMeta {
        title: crate::t!("calibrate-title"),
        author: None,
        subject: None,
        date,
        keywords: Vec::new(),
    };
    pdf::write([page], &meta, &Resources::with_fonts(&fonts)?)
}

/// A length in mm as a clerk writes it: no trailing ",0", a decimal comma.
fn fmt_mm(v: f32) -> String {
    let s = format!("{:.1}", v);
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    s.replace('.', ",")
}
