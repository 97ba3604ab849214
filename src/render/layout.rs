//! Stage 4: rendered texts + template → a page of positioned glyphs and shapes ([`PageLayout`]).
//!
//! Pure geometry, in points, origin at the page's top left and y down (as krilla draws). Text is
//! measured on the real font by shaping it: wrapped at spaces inside its box, aligned (left,
//! centre, right, justified), and shrunk in half-point steps down to the element's minimum size.
//! A text that still does not fit, or a character the font cannot draw, is an error for that
//! record: nothing is ever drawn as tofu or clipped silently.

use std::ops::Range;

use crate::fonts::{FontId, FontSet, LoadedFont, PathOp, ShapedGlyph, Style, BUNDLED_FAMILY};
use crate::template::geom::{Align, RectPt, Rgb, VAlign, PT_PER_MM};
use crate::template::{ElementKind, RenderedFields, Template, TextElement};

/// One laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLayout {
    /// Width and height in points.
    pub size_pt: (f32, f32),
    /// What to draw, in order (later items on top).
    pub items: Vec<Item>,
    /// The texts set smaller than their template's size to fit their box.
    pub shrunk: Vec<Shrunk>,
    /// Whether the template's background is drawn under the items (not on a certificate
    /// printed onto a blank whose scan the background is).
    pub background: bool,
    /// Where everything printed moves on the paper (right, down), in points: the printer's
    /// calibrated offset.
    pub offset_pt: (f32, f32),
}

/// A text shrunk to fit: which element, from and to which size.
#[derive(Debug, Clone, PartialEq)]
pub struct Shrunk {
    /// The element's name.
    pub element: String,
    /// The template's size, pt.
    pub from_pt: f32,
    /// The size it was set in, pt.
    pub to_pt: f32,
}

/// Something drawn on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text.
    Text(TextRun),
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Stroke width.
        width_pt: f32,
        /// Colour.
        color: Rgb,
        /// Dash pattern.
        dash: Option<Vec<f32>>,
    },
    /// A rectangle.
    Rect {
        /// Where.
        rect: RectPt,
        /// Stroke colour, width, dash.
        stroke: Option<(Rgb, f32, Option<Vec<f32>>)>,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Corner radius.
        radius_pt: f32,
    },
    /// A template image, already fitted to keep its proportions.
    Image {
        /// Index into the template's images.
        image: usize,
        /// Where.
        rect: RectPt,
    },
    /// A filled shape (glyph outlines, for the draft mark), in page points.
    Shape {
        /// The path, y pointing down as everywhere on the page.
        ops: Vec<PathOp>,
        /// Fill colour.
        color: Rgb,
    },
    /// A QR code: its modules, drawn with a quiet zone of [`QR_QUIET_ZONE`] light modules.
    Qr {
        /// Top-left corner of the symbol (quiet zone included) and module size.
        origin: (f32, f32),
        /// Side of one module in points.
        module_pt: f32,
        /// Modules per side, without the quiet zone.
        width: u16,
        /// Dark (true) or light, row by row, `width` × `width`.
        dark: Vec<bool>,
    },
}

/// A line of shaped text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Font.
    pub font: FontId,
    /// Size in points.
    pub size_pt: f32,
    /// Pen position of the first glyph: left edge and baseline.
    pub origin: (f32, f32),
    /// The text of this line (for ToUnicode and copy-paste).
    pub text: String,
    /// Its glyphs.
    pub glyphs: Vec<PlacedGlyph>,
    /// Colour.
    pub color: Rgb,
}

/// A glyph with advances and offsets in em units, and the bytes of `TextRun::text` it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    /// Glyph id.
    pub id: u16,
    /// Advance (em).
    pub x_advance: f32,
    /// Offset (em).
    pub x_offset: f32,
    /// Offset (em), up positive.
    pub y_offset: f32,
    /// Vertical advance (em).
    pub y_advance: f32,
    /// Bytes of the line's text this glyph stands for.
    pub range: Range<usize>,
}

/// What the QR element shows.
#[derive(Debug, Clone, Copy)]
pub enum QrContent<'a> {
    /// A draft: a marked placeholder, never a code.
    Placeholder,
    /// Checking a signed certificate before it is signed: the caption as it will print, the
    /// symbol's square left empty.
    Reserved,
    /// A real code: the dark modules, row by row, `width` × `width`.
    Code {
        /// Modules per side, without quiet zone.
        width: usize,
        /// Dark (true) or light, row-major.
        dark: &'a [bool],
    },
}

/// Why one record's page cannot be laid out.
#[derive(Debug, Clone, PartialEq)]
pub enum LayoutError {
    /// A character the element's font lacks.
    MissingGlyph {
        /// The element.
        element: String,
        /// The character.
        ch: char,
        /// The font's full name.
        font: String,
    },
    /// The text does not fit even at the minimum size.
    Overflow {
        /// The element.
        element: String,
        /// The smallest size tried.
        min_size_pt: f32,
        /// The text.
        text: String,
    },
}

/// Quiet zone around a QR code, in modules (ISO 18004 asks for 4).
pub const QR_QUIET_ZONE: usize = 4;

/// Modules per side of a verification code as issued (version 13): where a draft, which has no
/// code yet, places the caption.
pub const QR_TYPICAL_MODULES: usize = 69;

/// Caption printed under the QR placeholder of drafts (`so-goc.ftl`: printed words stay
/// Vietnamese whatever the language of the run).
pub fn draft_caption() -> String {
    crate::book!("book-draft-caption")
}

/// Lays out one page. All errors of the page are returned, not just the first.
pub fn lay_out(
    template: &Template,
    fields: &RenderedFields,
    qr: QrContent<'_>,
) -> Result<PageLayout, Vec<LayoutError>> {
    let fonts = &template.fonts;
    let mut items = Vec::with_capacity(template.elements.len() * 2);
    let mut errors = Vec::new();
    let lifts = flow_lifts(template, fields);
    let mut shrunk = Vec::new();
    // Only drafts are proofs: on a blank, what the blank already carries is never printed.
    let proof = matches!(qr, QrContent::Placeholder);
    for (i, el) in template.elements.iter().enumerate() {
        if el.proof_only && !proof {
            continue;
        }
        match &el.kind {
            ElementKind::Text(t) => {
                let text = fields.texts[i].as_deref().unwrap_or("");
                let moved;
                let t = if lifts[i] > 0.0 {
                    moved = TextElement { rect: RectPt { y: t.rect.y - lifts[i], ..t.rect }, ..t.clone() };
                    &moved
                } else {
                    t
                };
                match lay_out_text(fonts, t, text, &el.name) {
                    Ok(mut v) => {
                        if let Some(Item::Text(run)) = v.first() {
                            if run.size_pt < t.size_pt - 1e-3 {
                                shrunk.push(Shrunk {
                                    element: el.name.clone(),
                                    from_pt: t.size_pt,
                                    to_pt: run.size_pt,
                                });
                            }
                        }
                        items.append(&mut v)
                    }
                    Err(mut e) => errors.append(&mut e),
                }
            }
            ElementKind::Line { from, to, thickness_pt, color, dash } => items.push(Item::Line {
                from: *from,
                to: *to,
                width_pt: *thickness_pt,
                color: *color,
                dash: dash.clone(),
            }),
            ElementKind::Rect { rect, stroke, fill, radius_pt } => items.push(Item::Rect {
                rect: *rect,
                stroke: stroke.map(|(c, w)| (c, w, None)),
                fill: *fill,
                radius_pt: *radius_pt,
            }),
            ElementKind::Image { image, rect } => {
                let (pw, ph) = template.images[*image].size_px;
                items.push(Item::Image { image: *image, rect: fit(*rect, pw as f32 / ph as f32) });
            }
            ElementKind::Qr { rect, caption_size_pt, .. } => {
                let draft: String;
                let caption = match qr {
                    QrContent::Placeholder => {
                        items.extend(placeholder(fonts, *rect));
                        draft = draft_caption();
                        draft.as_str()
                    }
                    QrContent::Code { width, dark } => {
                        items.push(qr_item(*rect, width, dark));
                        fields.captions[i].as_deref().unwrap_or("")
                    }
                    QrContent::Reserved => fields.captions[i].as_deref().unwrap_or(""),
                };
                // The caption keeps clear of the code's quiet zone: two modules below it. A draft
                // has no code yet; it places the caption for a code of typical size.
                let modules = match qr {
                    QrContent::Code { width, .. } => width,
                    _ => QR_TYPICAL_MODULES,
                };
                let lines = caption.trim().lines().count();
                let caption_el =
                    caption_element(fonts, *rect, *caption_size_pt, rect.w / modules as f32, lines);
                let caption = break_long_words(
                    fonts.get(caption_el.font),
                    caption,
                    caption_el.size_pt,
                    caption_el.rect.w,
                );
                match lay_out_text(
                    fonts,
                    &caption_el,
                    &caption,
                    &crate::t!("template-place-caption", name = el.name.as_str()),
                ) {
                    Ok(mut v) => items.append(&mut v),
                    Err(mut e) => errors.append(&mut e),
                }
            }
        }
    }
    if proof {
        if let Some(mark) = draft_mark(fonts, template.page_pt) {
            // Over the pictures a template starts with (a scanned blank, a border), under the rest.
            let at = items.iter().take_while(|i| matches!(i, Item::Image { .. })).count();
            items.insert(at, mark);
        }
    }
    if errors.is_empty() {
        Ok(PageLayout {
            size_pt: template.page_pt,
            items,
            shrunk,
            background: template.background.is_some() && (proof || !template.background_proof_only),
            offset_pt: (template.offset_mm.0 * PT_PER_MM, template.offset_mm.1 * PT_PER_MM),
        })
    } else {
        Err(errors)
    }
}

/// How far each element moves up, in pt: in each flow (`flow = "NAME"`), the rows (elements
/// with the same top) are stacked in order, and a row whose texts are all empty for this record
/// gives its pitch (the distance to the next row) to every row below it — no blank line where a
/// record has no Chức vụ.
fn flow_lifts(template: &Template, fields: &RenderedFields) -> Vec<f32> {
    let mut lifts = vec![0.0; template.elements.len()];
    let mut flows: Vec<&str> = template
        .elements
        .iter()
        .filter_map(|e| match &e.kind {
            ElementKind::Text(t) => t.flow.as_deref(),
            _ => None,
        })
        .collect();
    flows.sort_unstable();
    flows.dedup();
    for flow in flows {
        // (top, element index, empty?) of the flow's texts, by top.
        let mut members: Vec<(f32, usize, bool)> = template
            .elements
            .iter()
            .enumerate()
            .filter_map(|(i, e)| match &e.kind {
                ElementKind::Text(t) if t.flow.as_deref() == Some(flow) => {
                    Some((t.rect.y, i, fields.texts[i].as_deref().unwrap_or("").trim().is_empty()))
                }
                _ => None,
            })
            .collect();
        members.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut rows: Vec<(f32, Vec<usize>, bool)> = Vec::new();
        for (y, i, empty) in members {
            match rows.last_mut() {
                Some(row) if (row.0 - y).abs() < 0.01 => {
                    row.1.push(i);
                    row.2 &= empty;
                }
                _ => rows.push((y, vec![i], empty)),
            }
        }
        let mut lift = 0.0;
        for (k, (_, members, _)) in rows.iter().enumerate() {
            for &i in members {
                lifts[i] = lift;
            }
            if rows[k].2 {
                if let Some(next) = rows.get(k + 1) {
                    lift += next.0 - rows[k].0;
                }
            }
        }
    }
    lifts
}

/// A shaped paragraph: its text and glyphs, with each glyph's cluster extent.
struct Paragraph<'t> {
    text: &'t str,
    glyphs: Vec<ShapedGlyph>,
    /// Per glyph, the end of its cluster (start of the next cluster, or the text's end).
    cluster_end: Vec<usize>,
    /// Per glyph, whether it is the last glyph of its cluster (letter spacing goes there, so a
    /// mark never drifts away from its base).
    last_in_cluster: Vec<bool>,
    /// Whether the glyphs' clusters never fall (always, for the left-to-right text we set).
    rising: bool,
}

impl Paragraph<'_> {
    /// Width in em of the glyphs whose cluster lies in `range`, and how many clusters that is.
    fn measure(&self, range: Range<usize>) -> (f32, usize) {
        if self.rising {
            return self.measure_run(self.run(range));
        }
        let mut w = 0.0;
        let mut clusters = 0;
        for (g, &last) in self.glyphs.iter().zip(&self.last_in_cluster) {
            if range.contains(&g.cluster) {
                w += g.x_advance;
                clusters += usize::from(last);
            }
        }
        (w, clusters)
    }

    /// The glyphs whose clusters lie in `range`, as indices: left-to-right clusters rise, so
    /// they are one run, found by two searches.
    fn run(&self, range: Range<usize>) -> Range<usize> {
        let first = self.glyphs.partition_point(|g| g.cluster < range.start);
        first..first + self.glyphs[first..].partition_point(|g| g.cluster < range.end)
    }

    /// [`Paragraph::measure`] of a run of glyphs (of a paragraph whose clusters rise).
    fn measure_run(&self, run: Range<usize>) -> (f32, usize) {
        let mut w = 0.0;
        let mut clusters = 0;
        for (g, &last) in self.glyphs[run.clone()].iter().zip(&self.last_in_cluster[run]) {
            w += g.x_advance;
            clusters += usize::from(last);
        }
        (w, clusters)
    }
}

fn shape_paragraph<'t>(font: &LoadedFont, text: &'t str) -> Paragraph<'t> {
    let glyphs = font.shape(text);
    let n = glyphs.len();
    let mut cluster_end = vec![text.len(); n];
    let mut last_in_cluster = vec![true; n];
    // Left-to-right text: clusters rise, so a cluster ends where the next higher one starts.
    let mut next_start = text.len();
    for i in (0..n).rev() {
        if i + 1 < n && glyphs[i + 1].cluster == glyphs[i].cluster {
            last_in_cluster[i] = false;
        } else if i + 1 < n {
            next_start = glyphs[i + 1].cluster;
        }
        cluster_end[i] = next_start;
    }
    let rising = glyphs.windows(2).all(|w| w[0].cluster <= w[1].cluster);
    Paragraph { text, glyphs, cluster_end, last_in_cluster, rising }
}

/// Lays out one text in a box, as a template's text element would be (for pages that are no
/// template, such as the printed register).
pub fn text_box(
    fonts: &FontSet,
    el: &TextElement,
    text: &str,
    name: &str,
) -> Result<Vec<Item>, Vec<LayoutError>> {
    lay_out_text(fonts, el, text, name)
}

/// How many lines `text` takes in `el`'s width at `el.size_pt`, however tall the box (for
/// tables whose rows grow to hold their cells); `None` when a word is wider than the box or a
/// character is missing from the font.
pub fn lines_needed(fonts: &FontSet, el: &TextElement, text: &str) -> Option<usize> {
    let text = text.trim();
    if text.is_empty() {
        return Some(0);
    }
    let font = fonts.get(el.font);
    if text.chars().any(|c| c != '\n' && !font.has_glyph(c)) {
        return None;
    }
    let paragraphs: Vec<Paragraph> =
        text.split('\n').map(|p| p.trim()).map(|p| shape_paragraph(font, p)).collect();
    let mut tall = el.clone();
    tall.rect.h = f32::MAX;
    break_lines(&paragraphs, &tall, el.size_pt).map(|l| l.len())
}

/// Breaks, fits and positions one text element.
fn lay_out_text(
    fonts: &FontSet,
    el: &TextElement,
    text: &str,
    name: &str,
) -> Result<Vec<Item>, Vec<LayoutError>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let font = fonts.get(el.font);
    let mut missing: Vec<char> = Vec::new();
    for ch in text.chars().filter(|&c| c != '\n' && !font.has_glyph(c)) {
        if !missing.contains(&ch) {
            missing.push(ch);
        }
    }
    if !missing.is_empty() {
        return Err(missing
            .into_iter()
            .map(|ch| LayoutError::MissingGlyph { element: name.to_string(), ch, font: font.full_name() })
            .collect());
    }
    let paragraphs: Vec<Paragraph> =
        text.split('\n').map(|p| p.trim()).map(|p| shape_paragraph(font, p)).collect();

    let mut size = el.size_pt;
    loop {
        if let Some(lines) = break_lines(&paragraphs, el, size) {
            return Ok(place_lines(&paragraphs, &lines, el, font, size));
        }
        if size <= el.min_size_pt + 1e-3 {
            return Err(vec![LayoutError::Overflow {
                element: name.to_string(),
                min_size_pt: el.min_size_pt,
                text: text.to_string(),
            }]);
        }
        size = (size - 0.5).max(el.min_size_pt);
    }
}

/// A line: which paragraph, which bytes, its natural width in pt, and whether it ends a paragraph.
struct Line {
    para: usize,
    range: Range<usize>,
    width_pt: f32,
    last: bool,
}

/// Line breaking between words, never inside one (a date phrase, a listed word pair such as
/// "kiến thức", or words joined by a no-break space U+00A0 are one word here). The fewest
/// lines that fit are kept; among the ways of filling them, the one that breaks at phrase
/// boundaries (after a comma, before "từ", "của", "năm"…) with the evenest lines wins. A centred
/// paragraph is balanced: its lines aim at the narrowest width that keeps their count.
/// `None` if the lines do not fit the box at this size.
fn break_lines(paragraphs: &[Paragraph], el: &TextElement, size: f32) -> Option<Vec<Line>> {
    const EPS: f32 = 0.01;
    let width = |p: &Paragraph, r: Range<usize>| {
        let (em, clusters) = p.measure(r);
        em * size + clusters as f32 * el.letter_spacing_pt
    };
    let mut lines = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        if !el.wrap {
            let w = width(p, 0..p.text.len());
            if w > el.rect.w + EPS {
                return None;
            }
            lines.push(Line { para: pi, range: 0..p.text.len(), width_pt: w, last: true });
            continue;
        }
        // Word pairs kept together unless one of them is wider than the box: then the pair
        // breaks as any two words would, rather than the whole text shrinking.
        let mut words = word_ranges(p.text);
        let mut spans = Spans::new(p, &words, size, el.letter_spacing_pt);
        if spans.widest > el.rect.w + EPS {
            words = word_ranges_plain(p.text);
            spans = Spans::new(p, &words, size, el.letter_spacing_pt);
        }
        if spans.widest > el.rect.w + EPS {
            return None; // one word wider than the box: only a smaller size helps
        }
        let span = |a: usize, b: usize| spans.get(p, &words, a, b);
        let greedy = |max_w: f32| {
            let mut count = 0;
            let mut start = 0;
            while start < words.len() {
                let mut end = start + 1;
                while end < words.len() && span(start, end) <= max_w + EPS {
                    end += 1;
                }
                count += 1;
                start = end;
            }
            count
        };
        let n = greedy(el.rect.w);
        let line = |start: usize, end: usize| Line {
            para: pi,
            range: words[start].start..words[end - 1].end,
            width_pt: span(start, end - 1),
            last: end == words.len(),
        };
        if n <= 1 {
            lines.push(line(0, words.len()));
            continue;
        }
        // Balanced: the narrowest width that keeps the count is what every line aims at.
        let target = if el.align == Align::Center {
            let (mut lo, mut hi) = (spans.widest, el.rect.w);
            for _ in 0..24 {
                let mid = (lo + hi) / 2.0;
                if greedy(mid) <= n {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            hi
        } else {
            el.rect.w
        };
        let penalties: Vec<f32> = (1..words.len())
            .map(|i| break_penalty(&p.text[words[i - 1].clone()], &p.text[words[i].clone()]))
            .collect();
        let cost = |w: f32, last: bool| {
            if last && el.align != Align::Center {
                return 0.0; // a left-aligned last line may be short
            }
            let slack = (target - w) / target;
            100.0 * slack * slack
        };
        let ends = best_breaks(words.len(), n, span, el.rect.w + EPS, cost, &penalties)?;
        let mut start = 0;
        for end in ends.into_iter().chain([words.len()]) {
            lines.push(line(start, end));
            start = end;
        }
    }
    let height = lines.len() as f32 * el.line_height * size;
    (height <= el.rect.h + EPS).then_some(lines)
}

/// The widths of spans of words: O(1) each from running sums over the glyphs when the
/// paragraph's clusters rise (always, for the left-to-right text we set), else measured.
struct Spans {
    /// Per glyph boundary, the running width in em and cluster count; empty if not rising.
    sums: Vec<(f32, usize)>,
    /// Per word, its run of glyphs.
    runs: Vec<Range<usize>>,
    size: f32,
    spacing: f32,
    /// The widest word.
    widest: f32,
}

impl Spans {
    fn new(p: &Paragraph, words: &[Range<usize>], size: f32, spacing: f32) -> Spans {
        let mut s = Spans { sums: Vec::new(), runs: Vec::new(), size, spacing, widest: 0.0 };
        if p.rising {
            s.sums.reserve(p.glyphs.len() + 1);
            let (mut em, mut clusters) = (0.0f32, 0usize);
            s.sums.push((em, clusters));
            for (g, &last) in p.glyphs.iter().zip(&p.last_in_cluster) {
                em += g.x_advance;
                clusters += usize::from(last);
                s.sums.push((em, clusters));
            }
            s.runs = words.iter().map(|r| p.run(r.clone())).collect();
        }
        s.widest = (0..words.len()).map(|i| s.get(p, words, i, i)).fold(0.0, f32::max);
        s
    }

    /// The width of words `a..=b`, in pt.
    fn get(&self, p: &Paragraph, words: &[Range<usize>], a: usize, b: usize) -> f32 {
        let (em, clusters) = if self.sums.is_empty() {
            p.measure(words[a].start..words[b].end)
        } else {
            let (from, to) = (self.sums[self.runs[a].start], self.sums[self.runs[b].end]);
            (to.0 - from.0, to.1 - from.1)
        };
        em * self.size + clusters as f32 * self.spacing
    }
}

/// Where to break `m` words into exactly `n` lines no wider than `max_w`: the first word of
/// each line after the first, for the least total cost — each line's `line_cost(width,
/// is_last)`, plus `penalties[i - 1]` for a break before word `i`. `None` if no way fits.
fn best_breaks(
    m: usize,
    n: usize,
    span: impl Fn(usize, usize) -> f32,
    max_w: f32,
    line_cost: impl Fn(f32, bool) -> f32,
    penalties: &[f32],
) -> Option<Vec<usize>> {
    // cost[k][j]: the least cost of words 0..j set as k lines; from[k][j]: where the k-th starts.
    let mut cost = vec![vec![f32::INFINITY; m + 1]; n + 1];
    let mut from = vec![vec![0usize; m + 1]; n + 1];
    cost[0][0] = 0.0;
    for k in 1..=n {
        let last = k == n;
        for j in k..=m {
            if last && j != m {
                continue;
            }
            // The line i..j; walking i down it only widens, so the first too wide ends the walk.
            for i in (k - 1..j).rev() {
                let w = span(i, j - 1);
                if w > max_w {
                    break;
                }
                if !cost[k - 1][i].is_finite() {
                    continue;
                }
                let c = cost[k - 1][i] + line_cost(w, last) + if last { 0.0 } else { penalties[j - 1] };
                if c < cost[k][j] {
                    cost[k][j] = c;
                    from[k][j] = i;
                }
            }
        }
    }
    if !cost[n][m].is_finite() {
        return None;
    }
    let mut starts = Vec::with_capacity(n - 1);
    let mut j = m;
    for k in (2..=n).rev() {
        j = from[k][j];
        starts.push(j);
    }
    starts.reverse();
    Some(starts)
}

/// What a line break between two words costs: nothing after a comma, semicolon, colon or full
/// stop (or before a bracket or a dash), a little before a word that opens a phrase ("từ
/// ngày…", "của…", "năm 2019"), most inside a phrase.
fn break_penalty(before: &str, after: &str) -> f32 {
    const PHRASE_STARTS: &[&str] = &[
        "từ", "đến", "tới", "tại", "của", "và", "hoặc", "theo", "cho", "về", "với", "trong", "thuộc", "do",
        "nhằm", "để", "khóa", "khoá", "lớp", "đợt", "năm", "ngày", "tháng", "giai", "thời", "dành",
    ];
    if before.ends_with([',', ';', ':', '.', '!', '?', ')', '»', '”']) || matches!(before, "–" | "—" | "-")
    {
        return 0.0;
    }
    if after.starts_with(['(', '–', '—', '«', '“']) {
        return 0.0;
    }
    // A line never ends on a word that leads into what follows ("từ | ngày…", "của | …").
    const LEADS_IN: &[&str] = &[
        "từ", "đến", "tới", "vào", "của", "và", "cho", "với", "tại", "theo", "về", "trong", "hoặc", "là",
        "các", "những",
    ];
    let last = before.rsplit([' ', '\u{a0}']).next().unwrap_or(before).to_lowercase();
    if LEADS_IN.contains(&last.as_str()) {
        return 10.0;
    }
    let first = after.split([' ', '\u{a0}']).next().unwrap_or(after).to_lowercase();
    if PHRASE_STARTS.contains(&first.as_str()) {
        return 3.0;
    }
    10.0
}

/// Two-syllable words of certificate language that a line never splits ("kiến | thức" reads
/// as two unrelated syllables). Lowercase NFC, tone marks where the dictionary puts them
/// (both places where offices write either: "hóa"/"hoá").
const WORD_PAIRS: &[(&str, &str)] = &[
    ("kiến", "thức"),
    ("bồi", "dưỡng"),
    ("chính", "trị"),
    ("chức", "danh"),
    ("chức", "vụ"),
    ("lý", "luận"),
    ("lí", "luận"),
    ("cán", "bộ"),
    ("công", "chức"),
    ("viên", "chức"),
    ("đào", "tạo"),
    ("chương", "trình"),
    ("học", "tập"),
    ("học", "viên"),
    ("lãnh", "đạo"),
    ("quản", "lý"),
    ("quản", "lí"),
    ("nghiệp", "vụ"),
    ("chuyên", "môn"),
    ("chuyên", "viên"),
    ("chuyên", "đề"),
    ("tiêu", "chuẩn"),
    ("cập", "nhật"),
    ("trung", "cấp"),
    ("cao", "cấp"),
    ("sơ", "cấp"),
    ("đảng", "viên"),
    ("quốc", "phòng"),
    ("an", "ninh"),
    ("hành", "chính"),
    ("nhà", "nước"),
    ("xã", "hội"),
    ("chủ", "nghĩa"),
    ("tư", "tưởng"),
    ("đạo", "đức"),
    ("phong", "cách"),
    ("kỹ", "năng"),
    ("kĩ", "năng"),
    ("ngoại", "ngữ"),
    ("tin", "học"),
    ("thành", "tích"),
    ("xuất", "sắc"),
    ("hoàn", "thành"),
    ("thời", "gian"),
    ("giảng", "viên"),
    ("công", "tác"),
    ("cơ", "sở"),
    ("cơ", "quan"),
    ("đơn", "vị"),
    ("địa", "phương"),
    ("đoàn", "viên"),
    ("hội", "viên"),
    ("thanh", "niên"),
    ("phụ", "nữ"),
    ("công", "đoàn"),
    ("mặt", "trận"),
    ("tổ", "quốc"),
    ("văn", "hóa"),
    ("văn", "hoá"),
    ("giáo", "dục"),
    ("khoa", "học"),
    ("kinh", "tế"),
    ("pháp", "luật"),
    ("nghị", "quyết"),
    ("trung", "ương"),
    ("chính", "quyền"),
    ("đoàn", "thể"),
    ("tuyên", "truyền"),
    ("dân", "vận"),
    ("kiểm", "tra"),
    ("giám", "sát"),
    ("thực", "hành"),
    ("lý", "thuyết"),
    ("lí", "thuyết"),
    ("hệ", "thống"),
    ("chiến", "lược"),
    ("thực", "tiễn"),
    ("giám", "đốc"),
    ("hiệu", "trưởng"),
    ("trưởng", "phòng"),
    ("quyết", "định"),
    ("khen", "thưởng"),
    ("thi", "đua"),
    ("tốt", "nghiệp"),
    ("chứng", "nhận"),
    ("chứng", "chỉ"),
    ("dân", "tộc"),
    ("tôn", "giáo"),
    ("an", "toàn"),
    ("môi", "trường"),
    ("nghề", "nghiệp"),
    ("giáo", "viên"),
    ("trung", "học"),
    ("tiểu", "học"),
    ("phổ", "thông"),
    ("sinh", "viên"),
    ("kết", "nạp"),
    ("đối", "tượng"),
    ("năng", "lực"),
    ("phẩm", "chất"),
];

/// Whether `first` and `second` (syllables as printed, any case) make one of [`WORD_PAIRS`].
/// Punctuation between them is a boundary ("kiến thức, kỹ năng"): "thức," still ends a pair,
/// but "kiến," never starts one.
fn is_word_pair(first: &str, second: &str) -> bool {
    if first.ends_with(|c: char| !c.is_alphanumeric()) {
        return false;
    }
    let a = first.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let b = second.trim_end_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    WORD_PAIRS.iter().any(|&(x, y)| x == a && y == b)
}

/// The words of a text, as byte ranges: runs between spaces (a no-break space U+00A0 is no
/// break), except that a date phrase is one word ("ngày 15/11/2019", "ngày 20 tháng 11 năm
/// 2019", "số 12/QĐ-TTBD") — a line never leaves "ngày" at its end and the date alone on the
/// next — and so is a listed word pair ("kiến thức", "bồi dưỡng": [`WORD_PAIRS`]).
fn word_ranges(text: &str) -> Vec<Range<usize>> {
    words_of(text, true)
}

/// [`word_ranges`] without the word pairs (for a box too narrow for one of them).
fn word_ranges_plain(text: &str) -> Vec<Range<usize>> {
    words_of(text, false)
}

fn words_of(text: &str, pairs: bool) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    // Whether the last word ends with a pair's second syllable: "cán bộ công chức" is two
    // pairs, never one chain of four syllables.
    let mut ends_pair = false;
    let mut push = |r: Range<usize>, out: &mut Vec<Range<usize>>| {
        let Some(prev) = out.last_mut() else {
            out.push(r);
            return;
        };
        let before = &text[prev.clone()];
        let last_syllable = before.rsplit(' ').next().unwrap_or(before);
        let pair = pairs && !ends_pair && is_word_pair(last_syllable, &text[r.clone()]);
        if pair || binds(before, &text[r.clone()]) {
            prev.end = r.end;
        } else {
            out.push(r);
        }
        ends_pair = pair;
    };
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c == ' ', start) {
            (true, Some(s)) => {
                push(s..i, &mut out);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s..text.len(), &mut out);
    }
    out
}

/// Whether no line may break between `before` and `after`: a date word and its number
/// ("ngày 15/11/2019", "tháng 11", "năm 2019", "số 12"), and a number and the date word that
/// goes on ("20 tháng", "11 năm").
fn binds(before: &str, after: &str) -> bool {
    let last_word = before.rsplit(' ').next().unwrap_or(before).to_lowercase();
    let date_word = |w: &str| matches!(w, "ngày" | "tháng" | "năm" | "số");
    let starts_digit = after.chars().next().is_some_and(|c| c.is_ascii_digit());
    let ends_digit = last_word.chars().last().is_some_and(|c| c.is_ascii_digit());
    (date_word(&last_word) && starts_digit)
        || (ends_digit && matches!(after.to_lowercase().as_str(), "tháng" | "năm"))
}

fn place_lines(
    paragraphs: &[Paragraph],
    lines: &[Line],
    el: &TextElement,
    font: &LoadedFont,
    size: f32,
) -> Vec<Item> {
    let line_h = el.line_height * size;
    let block_h = lines.len() as f32 * line_h;
    let top = match el.valign {
        VAlign::Top => el.rect.y,
        VAlign::Middle => el.rect.y + (el.rect.h - block_h) / 2.0,
        VAlign::Bottom => el.rect.y + el.rect.h - block_h,
    };
    // Half-leading: the glyphs' ascent-to-descent box sits centred in each line's height.
    let glyph_h = (font.ascender() - font.descender()) * size;
    let first_baseline = top + (line_h - glyph_h) / 2.0 + font.ascender() * size;
    let spacing_em = el.letter_spacing_pt / size;

    let mut items = Vec::with_capacity(lines.len() + 1);
    let mut widest: f32 = 0.0;
    let mut last_left = el.rect.x;
    for (li, line) in lines.iter().enumerate() {
        let p = &paragraphs[line.para];
        let text = &p.text[line.range.clone()];
        let spaces = text.matches(' ').count();
        let justify_extra = if el.align == Align::Justify && !line.last && spaces > 0 {
            (el.rect.w - line.width_pt).max(0.0) / spaces as f32 / size
        } else {
            0.0
        };
        let drawn_w = line.width_pt + justify_extra * size * spaces as f32;
        let x = match el.align {
            Align::Left | Align::Justify => el.rect.x,
            Align::Center => el.rect.x + (el.rect.w - drawn_w) / 2.0,
            Align::Right => el.rect.x + el.rect.w - drawn_w,
        };
        widest = widest.max(drawn_w);
        last_left = x;
        let glyphs = line_glyphs(p, line, spacing_em, justify_extra);
        items.push(Item::Text(TextRun {
            font: el.font,
            size_pt: size,
            origin: (x, first_baseline + li as f32 * line_h),
            text: text.to_string(),
            glyphs,
            color: el.color,
        }));
    }
    if let Some(rule) = el.rule {
        let len = widest * rule.width_ratio;
        let y = first_baseline + (lines.len() - 1) as f32 * line_h + rule.gap_pt;
        let x0 = match el.align {
            Align::Center => el.rect.x + (el.rect.w - len) / 2.0,
            Align::Right => el.rect.x + el.rect.w - len,
            Align::Left | Align::Justify => last_left,
        };
        items.push(Item::Line {
            from: (x0, y),
            to: (x0 + len, y),
            width_pt: rule.thickness_pt,
            color: el.color,
            dash: None,
        });
    }
    items
}

/// The glyphs of one line, with the letter spacing after each cluster and the justification
/// added to each space; each glyph keeps the byte range of the text it shows (for ToUnicode).
fn line_glyphs(p: &Paragraph, line: &Line, spacing_em: f32, justify_extra: f32) -> Vec<PlacedGlyph> {
    p.glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| line.range.contains(&g.cluster))
        .map(|(gi, g)| {
            let mut adv = g.x_advance;
            if p.last_in_cluster[gi] {
                adv += spacing_em;
            }
            if p.text.as_bytes()[g.cluster] == b' ' {
                adv += justify_extra;
            }
            PlacedGlyph {
                id: g.id,
                x_advance: adv,
                x_offset: g.x_offset,
                y_offset: g.y_offset,
                y_advance: g.y_advance,
                range: (g.cluster - line.range.start)
                    ..(p.cluster_end[gi].min(line.range.end) - line.range.start),
            }
        })
        .collect()
}

/// The largest rectangle of aspect `ratio` (w/h) centred in `r`.
fn fit(r: RectPt, ratio: f32) -> RectPt {
    if !(ratio.is_finite() && ratio > 0.0) {
        return r;
    }
    let (w, h) = if r.w / r.h > ratio { (r.h * ratio, r.h) } else { (r.w, r.w / ratio) };
    RectPt { x: r.x + (r.w - w) / 2.0, y: r.y + (r.h - h) / 2.0, w, h }
}

/// The caption under a code, for a text of `lines` lines: never set below
/// [`crate::template::CAPTION_MIN_PT`] however long the host — a line too long wraps (its box has
/// room for one line more than the text has, [`crate::template::caption_height_pt`]) rather than
/// shrinks; a line still too long then is an overflow error naming the element.
fn caption_element(fonts: &FontSet, qr: RectPt, size_pt: f32, module_pt: f32, lines: usize) -> TextElement {
    let margin = 20.0;
    let below = (QR_QUIET_ZONE + 2) as f32 * module_pt;
    let size_pt = size_pt.max(crate::template::CAPTION_MIN_PT);
    TextElement {
        rect: RectPt {
            x: qr.x - margin,
            y: qr.y + qr.h + below,
            w: qr.w + 2.0 * margin,
            h: crate::template::caption_height_pt(size_pt, lines),
        },
        font: fonts.find(BUNDLED_FAMILY, Style::Italic).expect("the bundled family is always loaded"),
        size_pt,
        min_size_pt: size_pt,
        line_height: crate::template::CAPTION_LINE_HEIGHT,
        color: Rgb(0x33, 0x33, 0x33),
        align: Align::Center,
        valign: VAlign::Top,
        letter_spacing_pt: 0.0,
        uppercase: false,
        wrap: true,
        rule: None,
        flow: None,
    }
}

/// "BẢN NHÁP" across a draft page, corner to corner, in a light grey under everything printed
/// but the template's pictures: a draft put on the pile of issued certificates is still seen for
/// what it is. Never on an issued certificate (only `QrContent::Placeholder` pages are drafts).
fn draft_mark(fonts: &FontSet, page_pt: (f32, f32)) -> Option<Item> {
    let (w, h) = page_pt;
    let diagonal = (w * w + h * h).sqrt();
    let bold = fonts.find(BUNDLED_FAMILY, Style::Bold)?;
    let size_pt = (diagonal / 7.5).min(140.0);
    let el = TextElement {
        rect: RectPt { x: (w - diagonal) / 2.0, y: (h - size_pt * 1.4) / 2.0, w: diagonal, h: size_pt * 1.4 },
        font: bold,
        size_pt,
        min_size_pt: size_pt / 2.0,
        line_height: 1.2,
        color: Rgb(0xE4, 0xE4, 0xE4),
        align: Align::Center,
        valign: VAlign::Middle,
        letter_spacing_pt: size_pt * 0.08,
        uppercase: false,
        wrap: false,
        rule: None,
        flow: None,
    };
    let runs = lay_out_text(fonts, &el, &crate::book!("book-draft-mark"), "draft mark").ok()?;
    // Corner to corner, rising: turned about the page's centre.
    let (sin, cos) = (-(h.atan2(w))).sin_cos();
    let (cx, cy) = (w / 2.0, h / 2.0);
    let turn = |x: f32, y: f32| (cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos);
    let mut ops = Vec::new();
    for run in runs.iter().filter_map(|i| if let Item::Text(r) = i { Some(r) } else { None }) {
        let font = fonts.get(run.font);
        let mut pen = run.origin.0;
        for g in &run.glyphs {
            let (gx, gy) = (pen + g.x_offset * run.size_pt, run.origin.1 - g.y_offset * run.size_pt);
            let at = |u: f32, v: f32| turn(gx + u * run.size_pt, gy - v * run.size_pt);
            for op in font.outline(g.id) {
                ops.push(match op {
                    PathOp::Move(u, v) => {
                        let (x, y) = at(u, v);
                        PathOp::Move(x, y)
                    }
                    PathOp::Line(u, v) => {
                        let (x, y) = at(u, v);
                        PathOp::Line(x, y)
                    }
                    PathOp::Quad(a, b, u, v) => {
                        let ((x1, y1), (x, y)) = (at(a, b), at(u, v));
                        PathOp::Quad(x1, y1, x, y)
                    }
                    PathOp::Cubic(a, b, c, d, u, v) => {
                        let ((x1, y1), (x2, y2), (x, y)) = (at(a, b), at(c, d), at(u, v));
                        PathOp::Cubic(x1, y1, x2, y2, x, y)
                    }
                    PathOp::Close => PathOp::Close,
                });
            }
            pen += g.x_advance * run.size_pt;
        }
    }
    Some(Item::Shape { ops, color: el.color })
}

/// `text` with a line break before a dot in each word wider than `width_pt` at `size_pt` (a
/// host name such as xacthuc.truongchinhtri.tinhquangnam.edu.vn has no space to wrap at): as
/// many of its dot-led parts on a line as fit, the next line starting with the dot, as URLs are
/// broken in print — never inside a label, so the name reads and types back exactly.
fn break_long_words<'t>(
    font: &LoadedFont,
    text: &'t str,
    size_pt: f32,
    width_pt: f32,
) -> std::borrow::Cow<'t, str> {
    let wide = |w: &str| {
        let p = shape_paragraph(font, w);
        p.measure(0..w.len()).0 * size_pt > width_pt
    };
    if !text.split(['\n', ' ']).any(|w| w.contains('.') && wide(w)) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, word) in line.split(' ').enumerate() {
            if j > 0 {
                out.push(' ');
            }
            if !(word.contains('.') && wide(word)) {
                out.push_str(word);
                continue;
            }
            // The word's parts, each but the first starting at a dot. Its first line goes on
            // after the words before it ("Xác thực: xacthuc.truongchinhtri") if a part fits there.
            let mut cuts: Vec<usize> = word.match_indices('.').map(|(k, _)| k).filter(|&k| k > 0).collect();
            cuts.push(word.len());
            let before = out.rsplit('\n').next().unwrap_or("").to_string();
            let mut lead =
                if wide(&format!("{before}{}", &word[..cuts[0]])) { String::new() } else { before };
            let mut start = 0;
            let mut end = 0;
            for &cut in &cuts {
                if end > start && wide(&format!("{lead}{}", &word[start..cut])) {
                    lead.clear();
                    out.push_str(&word[start..end]);
                    out.push('\n');
                    start = end;
                }
                end = cut;
            }
            out.push_str(&word[start..]);
        }
    }
    out.into()
}

/// A clearly marked empty frame where the real code will be printed.
fn placeholder(fonts: &FontSet, r: RectPt) -> Vec<Item> {
    let grey = Rgb(0x80, 0x80, 0x80);
    let mut items = vec![Item::Rect {
        rect: r,
        stroke: Some((grey, 0.8, Some(vec![3.0, 2.0]))),
        fill: Some(Rgb(0xF2, 0xF2, 0xF2)),
        radius_pt: 0.0,
    }];
    let bold = fonts.find(BUNDLED_FAMILY, Style::Bold).expect("the bundled family is always loaded");
    let label = TextElement {
        rect: RectPt { x: r.x + 2.0, y: r.y + 2.0, w: r.w - 4.0, h: r.h - 4.0 },
        font: bold,
        size_pt: (r.w / 7.0).clamp(5.0, 11.0),
        min_size_pt: 4.0,
        line_height: 1.2,
        color: grey,
        align: Align::Center,
        valign: VAlign::Middle,
        letter_spacing_pt: 0.0,
        uppercase: false,
        wrap: true,
        rule: None,
        flow: None,
    };
    if let Ok(mut v) = lay_out_text(fonts, &label, &crate::book!("book-draft-qr"), "qr placeholder") {
        items.append(&mut v);
    }
    items
}

/// The code's modules, placed: the element's square is the symbol itself; the quiet zone lies
/// outside it (spec §3.3: the width is the symbol's), so the origin moves out by the quiet zone.
/// (`render::pdf` draws them as merged rectangles.)
fn qr_item(r: RectPt, width: usize, dark: &[bool]) -> Item {
    let module_pt = r.w / width as f32;
    let q = QR_QUIET_ZONE as f32 * module_pt;
    Item::Qr { origin: (r.x - q, r.y - q), module_pt, width: width as u16, dark: dark.to_vec() }
}

/// A template author's proof (`render --grid`): a line every 10 mm (every 50 mm darker and
/// numbered along the top and left edges), and each element's box — for a code, its quiet
/// zone and caption — outlined and labelled with its `name`, as `template.toml` places it.
pub fn grid(template: &Template) -> Vec<Item> {
    let (pw, ph) = template.page_pt;
    let light = Rgb(0x9f, 0xc5, 0xe8);
    let dark = Rgb(0x3d, 0x85, 0xc6);
    let boxes = Rgb(0xcc, 0x00, 0x66);
    let mut items = Vec::new();
    let label = |items: &mut Vec<Item>, rect: RectPt, text: &str, color: Rgb, align: Align| {
        let Some(font) = template.fonts.find(BUNDLED_FAMILY, Style::Regular) else { return };
        let el = TextElement {
            rect,
            font,
            size_pt: 6.0,
            min_size_pt: 4.0,
            line_height: 1.0,
            color,
            align,
            valign: VAlign::Top,
            letter_spacing_pt: 0.0,
            uppercase: false,
            wrap: false,
            rule: None,
            flow: None,
        };
        // A name the bundled font cannot draw is left unlabelled rather than failing a proof.
        if let Ok(mut v) = lay_out_text(&template.fonts, &el, text, "grid") {
            items.append(&mut v);
        }
    };
    let mut mm = 10;
    while (mm as f32) * PT_PER_MM < pw.max(ph) {
        let v = mm as f32 * PT_PER_MM;
        let (color, width) = if mm % 50 == 0 { (dark, 0.5) } else { (light, 0.25) };
        if v < pw {
            items.push(Item::Line { from: (v, 0.0), to: (v, ph), width_pt: width, color, dash: None });
            if mm % 50 == 0 {
                let r = RectPt { x: v + 1.0, y: 1.0, w: 30.0, h: 8.0 };
                label(&mut items, r, &mm.to_string(), dark, Align::Left);
            }
        }
        if v < ph {
            items.push(Item::Line { from: (0.0, v), to: (pw, v), width_pt: width, color, dash: None });
            if mm % 50 == 0 {
                let r = RectPt { x: 1.0, y: v + 1.0, w: 30.0, h: 8.0 };
                label(&mut items, r, &mm.to_string(), dark, Align::Left);
            }
        }
        mm += 10;
    }
    for el in &template.elements {
        let (x0, y0, x1, y1) = el.bounds();
        let rect = RectPt { x: x0, y: y0, w: (x1 - x0).max(0.5), h: (y1 - y0).max(0.5) };
        items.push(Item::Rect {
            rect,
            stroke: Some((boxes, 0.4, Some(vec![2.0, 1.5]))),
            fill: None,
            radius_pt: 0.0,
        });
        let r = RectPt { x: x0 + 1.0, y: y0 + 1.0, w: (x1 - x0 - 2.0).max(40.0), h: 8.0 };
        label(&mut items, r, &el.name, boxes, Align::Left);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(fonts: &FontSet, w_pt: f32, h_pt: f32, size: f32, min: f32, align: Align) -> TextElement {
        TextElement {
            rect: RectPt { x: 10.0, y: 10.0, w: w_pt, h: h_pt },
            font: fonts.find(BUNDLED_FAMILY, Style::Regular).unwrap(),
            size_pt: size,
            min_size_pt: min,
            line_height: 1.2,
            color: Rgb(0, 0, 0),
            align,
            valign: VAlign::Top,
            letter_spacing_pt: 0.0,
            uppercase: false,
            wrap: true,
            rule: None,
            flow: None,
        }
    }

    fn runs(items: &[Item]) -> Vec<&TextRun> {
        items.iter().filter_map(|i| if let Item::Text(t) = i { Some(t) } else { None }).collect()
    }

    fn width(t: &TextRun) -> f32 {
        t.glyphs.iter().map(|g| g.x_advance).sum::<f32>() * t.size_pt
    }

    #[test]
    fn a_date_phrase_is_one_word() {
        let words = |t: &str| word_ranges(t).into_iter().map(|r| t[r].to_string()).collect::<Vec<_>>();
        assert_eq!(
            words("từ ngày 11/11/2019 đến ngày 15/11/2019."),
            ["từ", "ngày 11/11/2019", "đến", "ngày 15/11/2019."]
        );
        assert_eq!(
            words("Tân Bình, ngày 20 tháng 11 năm 2019"),
            ["Tân", "Bình,", "ngày 20 tháng 11 năm 2019"]
        );
        assert_eq!(words("Quyết định số 12/QĐ-TTBD"), ["Quyết định", "số 12/QĐ-TTBD"]);
        assert_eq!(words("Ngày hội"), ["Ngày", "hội"]);
    }

    #[test]
    fn a_listed_word_pair_is_one_word_but_never_a_chain() {
        let words = |t: &str| word_ranges(t).into_iter().map(|r| t[r].to_string()).collect::<Vec<_>>();
        assert_eq!(
            words("bồi dưỡng cập nhật kiến thức cho cán bộ công chức"),
            ["bồi dưỡng", "cập nhật", "kiến thức", "cho", "cán bộ", "công chức"]
        );
        // Any case; a comma between the syllables is a boundary, one after the pair is not.
        assert_eq!(words("KIẾN THỨC, kỹ năng"), ["KIẾN THỨC,", "kỹ năng"]);
        assert_eq!(words("kiến, thức"), ["kiến,", "thức"]);
        // A no-break space typed by the user joins what it joins.
        assert_eq!(words("khóa\u{a0}XII năm 2019"), ["khóa\u{a0}XII", "năm 2019"]);
        assert_eq!(word_ranges_plain("kiến thức").len(), 2);
    }

    #[test]
    fn a_line_breaks_at_a_phrase_boundary_rather_than_inside_a_phrase() {
        assert_eq!(break_penalty("2019,", "từ"), 0.0);
        assert!(break_penalty("thức", "năm 2019") < break_penalty("cập nhật", "kiến thức"));
        assert!(break_penalty("chính trị", "(khóa") < break_penalty("chính trị", "khóa"));
        assert!(break_penalty("đến", "ngày 15/11/2019.") > break_penalty("11/11/2019", "đến"));
    }

    #[test]
    fn a_programme_sentence_never_splits_a_word_pair_at_any_width() {
        let fonts = FontSet::bundled();
        let text = "Đã hoàn thành chương trình bồi dưỡng kiến thức quốc phòng và an ninh cho cán bộ, công chức, viên chức, chương trình cập nhật kiến thức lý luận chính trị năm 2019.";
        for align in [Align::Center, Align::Left, Align::Justify] {
            for w in (120..=460).step_by(20) {
                let items =
                    lay_out_text(&fonts, &el(&fonts, w as f32, 400.0, 12.0, 12.0, align), text, "t").unwrap();
                let lines = runs(&items);
                for pair in lines.windows(2) {
                    let end = pair[0].text.rsplit(' ').next().unwrap();
                    let start = pair[1].text.split(' ').next().unwrap();
                    assert!(
                        !is_word_pair(end, start),
                        "{w} pt, {align:?}: {:?} | {:?}",
                        pair[0].text,
                        pair[1].text
                    );
                }
                let joined: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
                assert_eq!(joined.join(" "), text);
            }
        }
    }

    #[test]
    fn the_fewest_lines_are_kept_when_breaking_at_phrases() {
        let fonts = FontSet::bundled();
        let text = "Đã hoàn thành chương trình bồi dưỡng cập nhật kiến thức năm 2019, từ ngày 11/11/2019 đến ngày 15/11/2019.";
        for w in (150..=500).step_by(10) {
            let e = el(&fonts, w as f32, 400.0, 12.0, 12.0, Align::Center);
            let plain = word_ranges_plain(text);
            let font = fonts.get(e.font);
            let p = shape_paragraph(font, text);
            let spans = Spans::new(&p, &plain, 12.0, 0.0);
            // The greedy count at this width, over the plain words: a lower bound.
            let (mut count, mut start) = (0, 0);
            while start < plain.len() {
                let mut end = start + 1;
                while end < plain.len() && spans.get(&p, &plain, start, end) <= w as f32 + 0.01 {
                    end += 1;
                }
                count += 1;
                start = end;
            }
            let lines = runs(&lay_out_text(&fonts, &e, text, "t").unwrap()).len();
            assert!(lines <= count + 1, "{w} pt: {lines} lines where words alone need {count}");
        }
    }

    #[test]
    fn a_centred_paragraph_is_balanced() {
        let fonts = FontSet::bundled();
        let e = el(&fonts, 300.0, 200.0, 12.0, 12.0, Align::Center);
        let text = "Đã hoàn thành chương trình bồi dưỡng cập nhật kiến thức năm 2019, từ ngày 11/11/2019 đến ngày 15/11/2019.";
        let items = lay_out_text(&fonts, &e, text, "t").unwrap();
        let lines = runs(&items);
        assert_eq!(lines.len(), 2);
        let (a, b) = (width(lines[0]), width(lines[1]));
        assert!(
            (a - b).abs() < a * 0.35,
            "balanced: {a} vs {b}: {:?}",
            lines.iter().map(|l| &l.text).collect::<Vec<_>>()
        );
        assert!(!lines[1].text.starts_with("15/11/2019"));
    }

    #[test]
    fn text_wraps_at_spaces_inside_its_box() {
        let fonts = FontSet::bundled();
        let text = "Đã hoàn thành chương trình bồi dưỡng cập nhật kiến thức năm 2019 dành cho cán bộ";
        let items =
            lay_out_text(&fonts, &el(&fonts, 200.0, 200.0, 12.0, 12.0, Align::Left), text, "t").unwrap();
        let lines = runs(&items);
        assert!(lines.len() >= 2);
        assert!(lines.iter().all(|l| width(l) <= 200.01));
        let joined: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn text_shrinks_to_fit_then_refuses_below_min_size() {
        let fonts = FontSet::bundled();
        let name = "Công Tằng Tôn Nữ Thị Bích Ngọc";
        let mut e = el(&fonts, 250.0, 30.0, 30.0, 14.0, Align::Center);
        e.wrap = false;
        let items = lay_out_text(&fonts, &e, name, "ten").unwrap();
        let l = runs(&items)[0];
        assert!(l.size_pt < 30.0 && l.size_pt >= 14.0);
        assert!(width(l) <= 250.01);
        e.min_size_pt = 29.0;
        let err = lay_out_text(&fonts, &e, name, "ten").unwrap_err();
        assert!(matches!(&err[0], LayoutError::Overflow { element, .. } if element == "ten"));
    }

    #[test]
    fn centred_text_is_centred_to_the_point() {
        let fonts = FontSet::bundled();
        let items = lay_out_text(
            &fonts,
            &el(&fonts, 300.0, 40.0, 14.0, 14.0, Align::Center),
            "Độc lập - Tự do - Hạnh phúc",
            "t",
        )
        .unwrap();
        let l = runs(&items)[0];
        let left = l.origin.0 - 10.0;
        let right = 310.0 - (l.origin.0 + width(l));
        assert!((left - right).abs() < 0.01, "{left} vs {right}");
    }

    #[test]
    fn justified_lines_fill_the_width_except_the_last() {
        let fonts = FontSet::bundled();
        let text = "một hai ba bốn năm sáu bảy tám chín mười một hai ba bốn năm sáu bảy tám chín mười";
        let items =
            lay_out_text(&fonts, &el(&fonts, 150.0, 300.0, 12.0, 12.0, Align::Justify), text, "t").unwrap();
        let lines = runs(&items);
        assert!((width(lines[0]) - 150.0).abs() < 0.05, "{}", width(lines[0]));
        assert!(width(lines[lines.len() - 1]) < 149.0);
    }

    #[test]
    fn a_missing_character_is_named_never_drawn() {
        let fonts = FontSet::bundled();
        let err =
            lay_out_text(&fonts, &el(&fonts, 300.0, 40.0, 14.0, 14.0, Align::Left), "Nguyễn 阮文 😀", "ten")
                .unwrap_err();
        let chars: Vec<char> = err
            .iter()
            .map(|e| match e {
                LayoutError::MissingGlyph { ch, .. } => *ch,
                _ => panic!(),
            })
            .collect();
        assert_eq!(chars, ['阮', '文', '😀']);
    }

    #[test]
    fn glyph_ranges_cover_the_line_text_for_extraction() {
        let fonts = FontSet::bundled();
        let items =
            lay_out_text(&fonts, &el(&fonts, 300.0, 40.0, 14.0, 14.0, Align::Left), "Lương Thị Ẩn", "t")
                .unwrap();
        let l = runs(&items)[0];
        let rebuilt: String = l.glyphs.iter().map(|g| &l.text[g.range.clone()]).collect();
        assert_eq!(rebuilt, "Lương Thị Ẩn");
    }

    #[test]
    fn rule_is_as_wide_as_the_text() {
        let fonts = FontSet::bundled();
        let mut e = el(&fonts, 300.0, 40.0, 14.0, 14.0, Align::Center);
        e.rule = Some(crate::template::Rule { width_ratio: 1.0, thickness_pt: 0.6, gap_pt: 3.0 });
        let items = lay_out_text(&fonts, &e, "Độc lập - Tự do - Hạnh phúc", "t").unwrap();
        let w = width(runs(&items)[0]);
        let Item::Line { from, to, .. } = items.last().unwrap() else { panic!() };
        assert!(((to.0 - from.0) - w).abs() < 0.01);
    }
}
