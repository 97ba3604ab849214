//! Templates: load a `template.toml` (built in, or from a folder with its assets), check it, and
//! stage 3 of the pipeline: render the text of every element for one record with tera.
//!
//! This is the only module that touches tera and toml. A template is parsed and its tera
//! expressions compiled once per process; [`Template::render`] only evaluates them. Roster values
//! go into the tera context as data, so a name containing `{{ x }}` prints literally: it is never
//! evaluated. The format is documented in `docs/templates.md`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tera::{Context, Tera, Value};

use crate::fonts::{FontError, FontId, FontSet, Style, BUNDLED_FAMILY};
use crate::input::fields;
pub use crate::input::fields::{FieldKind, FieldSpec};
use crate::viet;

pub mod geom;
pub mod save;
pub use geom::{page_size, Align, RectPt, Rgb, VAlign, PRINTABLE_MARGIN_MM, PT_PER_MM};

/// The output file name pattern of a template that sets none (`{{ stt }}-{{ ho_ten | slug }}.pdf`,
/// tolerating a template without those fields).
pub const DEFAULT_FILE_NAME: &str =
    "{{ stt | default(value='') }}-{{ ho_ten | default(value='') | slug }}.pdf";

const DEFAULT_TITLE: &str = "Giấy chứng nhận – {{ ho_ten | default(value='') }}";

struct Builtin {
    name: &'static str,
    toml: &'static str,
}

static BUILTINS: &[Builtin] = &[
    Builtin { name: "giay-chung-nhan", toml: include_str!("../../templates/giay-chung-nhan/template.toml") },
    Builtin {
        name: "giay-chung-nhan-dang",
        toml: include_str!("../../templates/giay-chung-nhan-dang/template.toml"),
    },
    Builtin {
        name: "giay-chung-nhan-phoi",
        toml: include_str!("../../templates/giay-chung-nhan-phoi/template.toml"),
    },
    Builtin { name: "chung-chi", toml: include_str!("../../templates/chung-chi/template.toml") },
    Builtin {
        name: "giay-chung-nhan-song-ngu",
        toml: include_str!("../../templates/giay-chung-nhan-song-ngu/template.toml"),
    },
    Builtin { name: "giay-khen", toml: include_str!("../../templates/giay-khen/template.toml") },
    Builtin {
        name: "giay-chung-nhan-a5",
        toml: include_str!("../../templates/giay-chung-nhan-a5/template.toml"),
    },
];

/// The template used when none is named.
pub const DEFAULT_TEMPLATE: &str = "giay-chung-nhan";

/// Writes built-in template `name` into `dir` as `dir/template.toml`: an editable folder that
/// renders as the built-in does. Never replaces a template already there.
pub fn export_builtin(name: &str, dir: &Path) -> Result<PathBuf, TemplateError> {
    let b = BUILTINS.iter().find(|b| b.name == name).ok_or_else(|| TemplateError::NotFound(name.into()))?;
    let path = dir.join("template.toml");
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(TemplateError::ExportExists(path));
    }
    let io = |e: std::io::Error| TemplateError::Io {
        file: path.display().to_string(),
        what: crate::t!("template-what-folder"),
        source: e,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    crate::util::files::write_atomic(&path, b.toml.as_bytes()).map_err(|e| io(e.source))?;
    Ok(path)
}

/// Names and one-line descriptions of the built-in templates.
pub fn builtins() -> Vec<(&'static str, String)> {
    BUILTINS
        .iter()
        .map(|b| {
            let desc = toml::from_str::<Spec>(b.toml).map(|s| s.description).unwrap_or_default();
            (b.name, desc)
        })
        .collect()
}

/// Why a template cannot be used. Every variant names the template file, and the element where
/// there is one.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// `templates export` into a folder that holds a template already.
    #[error("{}", crate::t!("err-template-export-exists", path = format!("{}", .0.display())))]
    ExportExists(PathBuf),
    /// Not a built-in name and no folder with a template.toml there.
    #[error("{}", crate::t!("err-template-not-found", name = format!("{:?}", .0)))]
    NotFound(String),
    /// A file of the template could not be read.
    #[error("{}", crate::t!("err-template-io", file = format!("{}", .file), what = format!("{}", .what)))]
    Io {
        /// The template file.
        file: String,
        /// What was being read.
        what: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// template.toml is not valid.
    #[error("{}", crate::t!("err-template-syntax", file = format!("{}", .file), message = format!("{}", .message)))]
    Syntax {
        /// The template file.
        file: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// An element is wrong.
    #[error("{}", crate::t!("err-template-element", file = format!("{}", .file), element = format!("{}", .element), message = format!("{}", .message)))]
    Element {
        /// The template file.
        file: String,
        /// The element's name.
        element: String,
        /// What is wrong.
        message: String,
    },
    /// A tera expression does not compile; the message holds the whole cause chain.
    #[error("{}", crate::t!("err-template-expression", file = format!("{}", .file), place = format!("{}", .place), message = format!("{}", .message)))]
    Expression {
        /// The template file.
        file: String,
        /// Which expression.
        place: String,
        /// The cause chain, with line and column.
        message: String,
    },
    /// A font file is not usable.
    #[error("{}", crate::t!("err-template-font", file = format!("{}", .file), source = format!("{}", .source)))]
    Font {
        /// The template file.
        file: String,
        /// The cause.
        #[source]
        source: FontError,
    },
    /// Another setting is wrong.
    #[error("{}", crate::t!("err-template-invalid", file = format!("{}", .file), message = format!("{}", .message)))]
    Invalid {
        /// The template file.
        file: String,
        /// What is wrong.
        message: String,
    },
}

impl TemplateError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        match self {
            TemplateError::NotFound(_) => Some(crate::t!("hint-template-not-found")),
            TemplateError::Font { source, .. } => source.hint(),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The file format, as serde reads it. Lengths in mm; font sizes and stroke widths in pt.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    #[serde(default)]
    description: String,
    #[serde(default)]
    page: PageSpec,
    #[serde(default)]
    document: DocumentSpec,
    #[serde(default)]
    fonts: BTreeMap<String, FamilySpec>,
    background: Option<BackgroundSpec>,
    #[serde(default)]
    fields: BTreeMap<String, FieldSpec>,
    #[serde(default)]
    vars: BTreeMap<String, String>,
    /// Variables whose value in `[vars]` only shows where the issuer's own text goes: `issue`
    /// refuses to sign a certificate that still prints one.
    #[serde(default)]
    placeholders: Vec<String>,
    /// Variables with no default (the batch's own content: its programme, its achievement),
    /// each with the words that name it in messages: `check`, `render` and `issue` ask for each
    /// until `--vars`, `--set` or a roster column gives it.
    #[serde(default)]
    required_vars: BTreeMap<String, RequiredVarSpec>,
    #[serde(default, rename = "element")]
    elements: Vec<ElementSpec>,
    /// What the verification code signs: claim name → tera expression.
    #[serde(default)]
    claims: BTreeMap<String, String>,
    /// How `issue` numbers and recognises records in the register.
    #[serde(default)]
    register: RegisterSpec,
    /// The pre-printed, serially numbered blank (phôi) this template prints onto, if any.
    blank: Option<BlankSpec>,
    /// How this template's pages sit on the paper.
    #[serde(default)]
    print: PrintSpec,
}

/// One entry of `[required_vars]`: its label, or a table with the label and the variable whose
/// value makes it required (`thoi_gian_en` only when `thoi_gian` is given).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RequiredVarSpec {
    Label(String),
    Full {
        label: String,
        #[serde(default)]
        when: Option<String>,
    },
}

/// A variable every batch must give (see `[required_vars]` in docs/templates.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredVar {
    /// How messages name it, in the template's words ("tên chương trình").
    pub label: String,
    /// Required only when this variable has a value (or a roster column gives it).
    pub when: Option<String>,
}

/// `[blank]`: the template prints onto pre-printed blanks. Its proof-only elements (the blank's
/// own frame, emblem and headings, drawn as a stand-in) appear in drafts and proofs only.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BlankSpec {
    /// What the blank is, as the office's blank register names it.
    description: String,
}

/// `[print]`: where a printer puts this template's page.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PrintSpec {
    /// Everything printed moves right and down by this much (mm): what `chungnhan calibrate`
    /// measured for the printer this template is printed on. `--offset` wins over it.
    #[serde(default)]
    offset: Option<[f32; 2]>,
}

/// The `[register]` table: how `issue` recognises a record again on a rerun, and the patterns
/// that number new certificates. Variables `mau_so_hieu` / `mau_so_vao_so` override the patterns.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterSpec {
    /// The fields that identify a record within its batch.
    #[serde(default = "default_identity")]
    pub key: Vec<String>,
    /// Pattern for the serial (số hiệu), e.g. `{{ ky_hieu }}{{ yy }}-{{ seq | pad(width=4) }}`.
    pub so_hieu: Option<String>,
    /// Pattern for the register number (số vào sổ), e.g. `{{ seq }}/{{ year }}`.
    pub so_vao_so: Option<String>,
}

impl Default for RegisterSpec {
    fn default() -> Self {
        RegisterSpec { key: default_identity(), so_hieu: None, so_vao_so: None }
    }
}

fn default_identity() -> Vec<String> {
    vec![fields::STT.into(), fields::HO_TEN.into(), fields::NGAY_SINH.into()]
}

/// The two numbers the register gives each certificate: the field each is printed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberField {
    /// Số hiệu: the serial, field `so_hieu`.
    Serial,
    /// Số vào sổ: the register entry number, field `so_vao_so`.
    Entry,
}

impl NumberField {
    /// Both, in the order they are allocated.
    pub const ALL: [NumberField; 2] = [NumberField::Serial, NumberField::Entry];

    /// The record field that holds it.
    pub fn field(self) -> &'static str {
        match self {
            NumberField::Serial => fields::SO_HIEU,
            NumberField::Entry => fields::SO_VAO_SO,
        }
    }

    /// The variable that overrides the template's pattern.
    pub fn pattern_var(self) -> &'static str {
        match self {
            NumberField::Serial => "mau_so_hieu",
            NumberField::Entry => "mau_so_vao_so",
        }
    }
}

/// The numbering patterns of one batch, compiled. Each pattern sees the record's values plus
/// `year` (of the issue date, 4 digits), `yy` (2 digits) and `seq` (the running number).
pub struct Numbering {
    tera: Tera,
    patterns: [Option<String>; 2],
}

/// What `seq` is replaced with to name a pattern's sequence: two numbers share a running
/// number exactly when their patterns give the same text apart from `seq`.
const SEQ_MARK: &str = "\u{2060}#\u{2060}";

impl Numbering {
    /// The pattern of `which`, if the batch numbers it.
    pub fn pattern(&self, which: NumberField) -> Option<&str> {
        self.patterns[which as usize].as_deref()
    }

    /// The number `seq` of `which` for a record (`values` as its template sees them), or with
    /// `seq` `None` the name of the running sequence it belongs to.
    pub fn render(
        &self,
        which: NumberField,
        values: &BTreeMap<String, String>,
        year: i32,
        seq: Option<u64>,
    ) -> Result<String, RenderError> {
        let mut ctx = Context::new();
        for (k, v) in values {
            ctx.insert(k.as_str(), v);
        }
        ctx.insert("year", &format!("{year:04}"));
        ctx.insert("yy", &format!("{:02}", year.rem_euclid(100)));
        match seq {
            Some(n) => ctx.insert("seq", &n.to_string()),
            None => ctx.insert("seq", SEQ_MARK),
        }
        let key = which.pattern_var();
        self.tera
            .render(key, &ctx)
            .map(|s| s.trim().to_string())
            .map_err(|e| RenderError { element: format!("pattern {key}"), message: error_chain(&e) })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageSpec {
    #[serde(default = "default_paper")]
    size: String,
    #[serde(default = "default_orientation")]
    orientation: String,
}

impl Default for PageSpec {
    fn default() -> Self {
        PageSpec { size: default_paper(), orientation: default_orientation() }
    }
}

fn default_paper() -> String {
    "A4".into()
}
fn default_orientation() -> String {
    "landscape".into()
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentSpec {
    title: Option<String>,
    author: Option<String>,
    subject: Option<String>,
    file_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilySpec {
    regular: Option<String>,
    bold: Option<String>,
    italic: Option<String>,
    bold_italic: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BackgroundSpec {
    file: String,
    #[serde(default = "one")]
    page: usize,
    /// A scan of the blank: drawn in proofs and drafts, never printed onto the blank itself.
    #[serde(default)]
    proof_only: bool,
}

fn one() -> usize {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TextSpec {
    name: Option<String>,
    content: String,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    #[serde(default = "bundled_family")]
    font: String,
    #[serde(default = "regular")]
    style: Style,
    size: f32,
    min_size: Option<f32>,
    #[serde(default = "default_line_height")]
    line_height: f32,
    #[serde(default = "black")]
    color: String,
    #[serde(default)]
    align: Align,
    #[serde(default)]
    valign: VAlign,
    #[serde(default)]
    letter_spacing: f32,
    #[serde(default)]
    uppercase: bool,
    #[serde(default = "yes")]
    wrap: bool,
    rule: Option<RuleSpec>,
    flow: Option<String>,
    #[serde(default)]
    proof_only: bool,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum ElementSpec {
    Text(TextSpec),
    Line {
        name: Option<String>,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        #[serde(default = "default_thickness")]
        thickness: f32,
        #[serde(default = "black")]
        color: String,
        dash: Option<Vec<f32>>,
        #[serde(default)]
        proof_only: bool,
    },
    Rect {
        name: Option<String>,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        stroke: Option<String>,
        #[serde(default = "default_thickness")]
        thickness: f32,
        fill: Option<String>,
        #[serde(default)]
        radius: f32,
        #[serde(default)]
        proof_only: bool,
    },
    Image {
        name: Option<String>,
        file: String,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        #[serde(default)]
        proof_only: bool,
    },
    /// Where an electronic signature shows (issue 31, Nghị định 30): the seal and signature
    /// images, the organisation and the signing time, drawn only on a file signed with --esign.
    Esign {
        name: Option<String>,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Qr {
        name: Option<String>,
        x: f32,
        y: f32,
        size: f32,
        caption: Option<String>,
        #[serde(default = "default_caption_size")]
        caption_size: f32,
        #[serde(default)]
        proof_only: bool,
    },
}

fn bundled_family() -> String {
    BUNDLED_FAMILY.into()
}
fn regular() -> Style {
    Style::Regular
}
fn default_line_height() -> f32 {
    1.2
}
fn black() -> String {
    "#000000".into()
}
fn yes() -> bool {
    true
}
fn default_thickness() -> f32 {
    0.75
}
/// The smallest size a code's caption is set at (a template asking less gets this): smaller
/// italic is not read reliably on paper; a caption too long for its line wraps instead.
pub const CAPTION_MIN_PT: f32 = 7.0;

/// Line height of a code's caption, in ems.
pub const CAPTION_LINE_HEIGHT: f32 = 1.15;

/// The height below a code's quiet zone its caption may take: its `lines`, and one more for a
/// line that wraps (a long host name), at `size_pt` or [`CAPTION_MIN_PT`] if larger.
pub fn caption_height_pt(size_pt: f32, lines: usize) -> f32 {
    size_pt.max(CAPTION_MIN_PT) * CAPTION_LINE_HEIGHT * (lines.max(1) + 1) as f32 + 0.3
}

fn default_caption_size() -> f32 {
    8.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    /// Fraction of the measured width of the text's widest line.
    #[serde(default = "one_f")]
    width: f32,
    #[serde(default = "default_thickness")]
    thickness: f32,
    /// Gap between the baseline of the last line and the rule, in mm.
    #[serde(default = "default_gap")]
    gap: f32,
}

fn one_f() -> f32 {
    1.0
}
fn default_gap() -> f32 {
    1.5
}

// ---------------------------------------------------------------------------------------------
// The checked template, in points.

/// A text element.
#[derive(Debug, Clone)]
pub struct TextElement {
    /// Its box.
    pub rect: RectPt,
    /// Its font.
    pub font: FontId,
    /// Preferred size.
    pub size_pt: f32,
    /// Smallest size it may shrink to before the record is refused.
    pub min_size_pt: f32,
    /// Line height as a multiple of the size.
    pub line_height: f32,
    /// Colour.
    pub color: Rgb,
    /// Horizontal alignment.
    pub align: Align,
    /// Vertical alignment.
    pub valign: VAlign,
    /// Extra space after every character, in points.
    pub letter_spacing_pt: f32,
    /// Print in capitals.
    pub uppercase: bool,
    /// Wrap at spaces to fit the width (otherwise one line per `\n`).
    pub wrap: bool,
    /// A rule under the text, measured to its width.
    pub rule: Option<Rule>,
    /// The stack of rows it belongs to (`flow = "NAME"`): a row of a flow whose texts are all
    /// empty for a record closes up, and the rows below it in that flow move up.
    pub flow: Option<String>,
}

/// A rule drawn under a text, measured to the text's width (the Tiêu ngữ's rule).
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Fraction of the text's width.
    pub width_ratio: f32,
    /// Stroke width in points.
    pub thickness_pt: f32,
    /// Gap below the last baseline, in points.
    pub gap_pt: f32,
}

/// What an element draws.
#[derive(Debug, Clone)]
pub enum ElementKind {
    /// Text from a tera expression.
    Text(TextElement),
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Stroke width.
        thickness_pt: f32,
        /// Colour.
        color: Rgb,
        /// Dash pattern in points.
        dash: Option<Vec<f32>>,
    },
    /// A rectangle, stroked and/or filled.
    Rect {
        /// Where.
        rect: RectPt,
        /// Stroke colour and width.
        stroke: Option<(Rgb, f32)>,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Corner radius.
        radius_pt: f32,
    },
    /// A PNG or JPEG from the template folder, fitted into the box keeping its proportions.
    Image {
        /// Index into [`Template::images`].
        image: usize,
        /// The box.
        rect: RectPt,
    },
    /// The verification QR code (a marked placeholder in drafts).
    Qr {
        /// The square's top-left corner and side.
        rect: RectPt,
        /// Caption font size.
        caption_size_pt: f32,
        /// Whether a caption expression exists.
        has_caption: bool,
        /// Its lines, as written in the template (1 without one).
        caption_lines: usize,
    },
}

/// One element of the page, with the name messages use for it.
#[derive(Debug, Clone)]
pub struct Element {
    /// `name` from the template, or `#N (type)`.
    pub name: String,
    /// What it draws.
    pub kind: ElementKind,
    /// Drawn in drafts and proofs only, never on an issued certificate: what a pre-printed
    /// blank already carries.
    pub proof_only: bool,
}

impl Element {
    /// The page area the element needs, in pt: `(left, top, right, bottom)`. A code's quiet
    /// zone and caption lie outside its square: a module is at most a 21st of the width, so
    /// four of them, and the caption two modules below the quiet zone.
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        match &self.kind {
            ElementKind::Text(t) => (t.rect.x, t.rect.y, t.rect.x + t.rect.w, t.rect.y + t.rect.h),
            ElementKind::Rect { rect, .. } | ElementKind::Image { rect, .. } => {
                (rect.x, rect.y, rect.x + rect.w, rect.y + rect.h)
            }
            ElementKind::Qr { rect, caption_size_pt, caption_lines, .. } => {
                let module = rect.w / 21.0;
                (
                    rect.x - 4.0 * module,
                    rect.y - 4.0 * module,
                    rect.x + rect.w + 4.0 * module,
                    rect.y + rect.h + 6.0 * module + caption_height_pt(*caption_size_pt, *caption_lines),
                )
            }
            ElementKind::Line { from, to, .. } => {
                (from.0.min(to.0), from.1.min(to.1), from.0.max(to.0), from.1.max(to.1))
            }
        }
    }
}

/// An image file of the template.
#[derive(Debug, Clone)]
pub struct ImageAsset {
    /// The file's bytes.
    pub bytes: std::sync::Arc<Vec<u8>>,
    /// PNG or JPEG.
    pub format: ImageFormat,
    /// Pixel size (for keeping proportions).
    pub size_px: (u32, u32),
    /// The file, for messages.
    pub path: String,
}

/// Image formats a template may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG (with transparency).
    Png,
    /// JPEG (stored unchanged).
    Jpeg,
}

/// The page background.
#[derive(Debug, Clone)]
pub enum Background {
    /// An image stretched over the whole page.
    Image(usize),
    /// A page of a PDF (drawn once per file as a shared form).
    Pdf {
        /// The PDF's bytes.
        bytes: std::sync::Arc<Vec<u8>>,
        /// 0-based page index.
        page: usize,
    },
}

/// A loaded, checked template.
pub struct Template {
    /// Built-in name or folder path.
    pub name: String,
    /// One line saying what it is.
    pub description: String,
    /// The template.toml, for messages.
    pub file: String,
    /// Page size in points.
    pub page_pt: (f32, f32),
    /// Fields read from the roster.
    pub fields: BTreeMap<String, FieldSpec>,
    /// Default values of variables.
    pub vars: BTreeMap<String, String>,
    /// Variables whose default is a placeholder ("TÊN CƠ QUAN CẤP GIẤY"), to be replaced.
    pub placeholders: Vec<String>,
    /// Variables with no default, which every batch gives (`[required_vars]`).
    pub required_vars: BTreeMap<String, RequiredVar>,
    /// The elements, in drawing order.
    pub elements: Vec<Element>,
    /// Its fonts.
    pub fonts: FontSet,
    /// Its images.
    pub images: Vec<ImageAsset>,
    /// The background, if any.
    pub background: Option<Background>,
    /// The background is a stand-in for the blank: proofs only.
    pub background_proof_only: bool,
    /// The pre-printed blank the template prints onto (its description), if any.
    pub blank: Option<String>,
    /// The printer's offset from `[print] offset`, in mm (right, down).
    pub offset_mm: (f32, f32),
    /// The file name pattern.
    pub file_name: String,
    /// How records are recognised and numbered in the register.
    pub register: RegisterSpec,
    /// The claims the verification code signs (names of [`crate::seal::claims::template_names`]).
    pub claim_names: Vec<String>,
    /// The `esign` element's box, where a signed file shows its electronic signature.
    pub esign: Option<RectPt>,
    /// Every word of the template's text that could name a value (`xep_loai`): a roster column
    /// none of them names is read by nothing, and the user is told so.
    words: std::collections::BTreeSet<String>,
    tera: Tera,
    has_author: bool,
    has_subject: bool,
}

/// The texts of one record's certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedFields {
    /// Per element (same index): its text, or `None` for elements without text.
    pub texts: Vec<Option<String>>,
    /// Per element: the QR caption, where there is one.
    pub captions: Vec<Option<String>>,
    /// The PDF's title.
    pub title: String,
    /// The PDF's author (the issuing body).
    pub author: Option<String>,
    /// The PDF's subject.
    pub subject: Option<String>,
    /// The output file name, unsanitised.
    pub file_name: String,
    /// The signed claims' texts, by claim name (trimmed; empty means absent).
    pub claims: BTreeMap<String, String>,
}

/// A failed expression while rendering one record.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderError {
    /// The element or setting whose expression failed.
    pub element: String,
    /// The error with its causes.
    pub message: String,
}

impl Template {
    /// How a person calls field `key` in a sentence: its `label`, else its first alias with a
    /// capital ("họ và tên" → "Họ và tên"), else the key itself (a variable, or a field without
    /// aliases). Messages name fields by these words, never by their ids.
    pub fn field_label(&self, key: &str) -> String {
        let Some(spec) = self.fields.get(key) else { return key.to_string() };
        if let Some(l) = spec.label.as_deref().filter(|l| !l.trim().is_empty()) {
            return l.to_string();
        }
        match spec.aliases.first() {
            Some(a) => {
                let mut c = a.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_else(|| key.to_string())
            }
            None => key.to_string(),
        }
    }

    /// Loads a built-in template by name, or the folder at that path.
    pub fn load(name_or_path: &str) -> Result<Template, TemplateError> {
        if let Some(b) = BUILTINS.iter().find(|b| b.name == name_or_path) {
            return Template::from_toml(b.name, &format!("built-in template {}", b.name), b.toml, None);
        }
        let dir = PathBuf::from(name_or_path);
        let file = dir.join("template.toml");
        if !file.is_file() {
            return Err(TemplateError::NotFound(name_or_path.to_string()));
        }
        let label = file.display().to_string();
        let text = std::fs::read_to_string(&file).map_err(|source| TemplateError::Io {
            file: label.clone(),
            what: crate::t!("template-what-template"),
            source,
        })?;
        Template::from_toml(name_or_path, &label, &text, Some(&dir))
    }

    fn from_toml(name: &str, file: &str, text: &str, dir: Option<&Path>) -> Result<Template, TemplateError> {
        Template::from_toml_with(name, file, text, dir, true)
    }

    /// As `from_toml`; without `page_check`, an element off the page or in its unprinted edge
    /// is let through (the designer lists them all with [`page_problems`] instead).
    fn from_toml_with(
        name: &str,
        file: &str,
        text: &str,
        dir: Option<&Path>,
        page_check: bool,
    ) -> Result<Template, TemplateError> {
        let spec: Spec = toml::from_str(text).map_err(|e| TemplateError::Syntax {
            file: file.into(),
            message: e.to_string().trim_end().to_string(),
        })?;
        let src = TemplateFiles { file, dir };
        let page_pt = page_size(&spec.page.size, &spec.page.orientation).ok_or_else(|| {
            src.invalid(crate::t!(
                "template-page-size",
                size = format!("{:?}", spec.page.size),
                orientation = format!("{:?}", spec.page.orientation)
            ))
        })?;
        let fonts = src.fonts(&spec)?;
        let mut images = Vec::new();
        let background = src.background(&spec, &mut images)?;
        let elements = spec
            .elements
            .iter()
            .enumerate()
            .map(|(i, el)| {
                build_element(i, el, &fonts, &mut |rel, what| src.image(&mut images, rel, what), file)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let tera = src.texts(&spec, &elements)?;
        if let Some((element, message)) = off_page(&elements, page_pt).filter(|_| page_check) {
            return Err(TemplateError::Element { file: file.into(), element, message });
        }
        if let Some(p) = spec.placeholders.iter().find(|p| !spec.vars.contains_key(*p)) {
            return Err(src.invalid(crate::t!("template-placeholder-not-var", name = format!("{p:?}"))));
        }
        let required_vars = required_vars(&spec).map_err(|m| src.invalid(m))?;
        let esign = spec.elements.iter().zip(&elements).find_map(|(s, e)| match (s, &e.kind) {
            (ElementSpec::Esign { .. }, ElementKind::Rect { rect, .. }) => Some(*rect),
            _ => None,
        });
        let doc = &spec.document;
        Ok(Template {
            name: name.to_string(),
            description: spec.description,
            file: file.to_string(),
            page_pt,
            fields: spec.fields,
            vars: spec.vars,
            placeholders: spec.placeholders,
            required_vars,
            elements,
            fonts,
            images,
            background,
            background_proof_only: spec.background.as_ref().is_some_and(|b| b.proof_only),
            blank: spec.blank.as_ref().map(|b| b.description.clone()),
            offset_mm: spec.print.offset.map(|[x, y]| (x, y)).unwrap_or((0.0, 0.0)),
            file_name: doc.file_name.clone().unwrap_or_else(|| DEFAULT_FILE_NAME.to_string()),
            claim_names: spec.claims.keys().cloned().collect(),
            esign,
            register: spec.register,
            words: identifiers(text),
            tera,
            has_author: doc.author.is_some(),
            has_subject: doc.subject.is_some(),
        })
    }

    /// The numbering patterns for a batch with variables `vars` (whose `mau_so_hieu` and
    /// `mau_so_vao_so` win over the template's `[register]`). A pattern must use `seq`, or every
    /// certificate would get the same number.
    pub fn numbering(&self, vars: &BTreeMap<String, String>) -> Result<Numbering, TemplateError> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![]);
        register_helpers(&mut tera);
        let mut patterns = [None, None];
        for which in NumberField::ALL {
            let from_vars = vars.get(which.pattern_var()).map(|s| s.trim()).filter(|s| !s.is_empty());
            let (src, place) = match (from_vars, &self.register_pattern(which)) {
                (Some(v), _) => {
                    (v.to_string(), crate::t!("template-place-variable", name = which.pattern_var()))
                }
                (None, Some(t)) => (t.clone(), format!("[register] {}", which.field())), // a TOML key, in any language
                (None, None) => continue,
            };
            if !src.contains("seq") {
                return Err(TemplateError::Invalid {
                    file: self.file.clone(),
                    message: crate::t!(
                        "template-pattern-no-seq",
                        place = place.as_str(),
                        pattern = format!("{src:?}")
                    ),
                });
            }
            tera.add_raw_template(which.pattern_var(), &src).map_err(|e| TemplateError::Expression {
                file: self.file.clone(),
                place: place.clone(),
                message: error_chain(&e),
            })?;
            patterns[which as usize] = Some(src);
        }
        Ok(Numbering { tera, patterns })
    }

    fn register_pattern(&self, which: NumberField) -> Option<String> {
        match which {
            NumberField::Serial => self.register.so_hieu.clone(),
            NumberField::Entry => self.register.so_vao_so.clone(),
        }
    }

    /// Whether any text of the template (an expression, a file name or numbering pattern, a
    /// variable) might read the value `name`. Generous: a word in a comment counts too, so a
    /// column it answers yes for may still go unread, but one it answers no for is never read.
    pub fn mentions(&self, name: &str) -> bool {
        self.words.contains(name)
            || self.fields.contains_key(name)
            || self.vars.contains_key(name)
            || self.required_vars.contains_key(name)
    }

    /// Replaces the output file name pattern (from `--name`).
    pub fn set_file_name(&mut self, pattern: &str) -> Result<(), TemplateError> {
        self.words.extend(identifiers(pattern));
        self.tera.add_raw_template("document.file_name", pattern).map_err(|e| TemplateError::Expression {
            file: "--name".into(),
            place: crate::t!("template-place-file-name"),
            message: error_chain(&e),
        })?;
        self.file_name = pattern.to_string();
        Ok(())
    }

    /// Stage 3: evaluates every expression of the template for one record. `values` holds the
    /// batch variables overlaid with the record's fields; they are data and never evaluated.
    pub fn render(&self, values: &BTreeMap<String, String>) -> Result<RenderedFields, RenderError> {
        let mut ctx = Context::new();
        for (k, v) in values {
            ctx.insert(k.as_str(), v);
        }
        let run = |key: &str, element: &str| -> Result<String, RenderError> {
            self.tera
                .render(key, &ctx)
                // tera's buffer keeps the whole template's size as capacity: a file name kept
                // for each of 100,000 records would hold kilobytes each.
                .map(|mut s| {
                    s.shrink_to_fit();
                    s
                })
                .map_err(|e| RenderError { element: element.to_string(), message: error_chain(&e) })
        };
        let mut texts = Vec::with_capacity(self.elements.len());
        let mut captions = Vec::with_capacity(self.elements.len());
        for (i, el) in self.elements.iter().enumerate() {
            match &el.kind {
                ElementKind::Text(t) => {
                    let mut s = run(&text_key(i), &el.name)?;
                    if t.uppercase {
                        s = viet::upper(&s);
                    }
                    texts.push(Some(s));
                    captions.push(None);
                }
                ElementKind::Qr { has_caption: true, .. } => {
                    texts.push(None);
                    captions.push(Some(run(&caption_key(i), &el.name)?));
                }
                _ => {
                    texts.push(None);
                    captions.push(None);
                }
            }
        }
        Ok(RenderedFields {
            texts,
            captions,
            title: run("document.title", "[document] title")?,
            author: if self.has_author { Some(run("document.author", "[document] author")?) } else { None },
            subject: if self.has_subject {
                Some(run("document.subject", "[document] subject")?)
            } else {
                None
            },
            file_name: run("document.file_name", "[document] file_name")?,
            claims: self.claims_in(&ctx)?,
        })
    }

    /// Only the signed claims' texts of one record (as [`Template::render`] gives them): what
    /// signing needs, without rendering every text of the page again.
    pub fn render_claims(
        &self,
        values: &BTreeMap<String, String>,
    ) -> Result<BTreeMap<String, String>, RenderError> {
        let mut ctx = Context::new();
        for (k, v) in values {
            ctx.insert(k.as_str(), v);
        }
        self.claims_in(&ctx)
    }

    fn claims_in(&self, ctx: &Context) -> Result<BTreeMap<String, String>, RenderError> {
        self.claim_names
            .iter()
            .map(|n| {
                let text = self.tera.render(&format!("claims.{n}"), ctx).map_err(|e| RenderError {
                    element: format!("[claims] {n}"),
                    message: error_chain(&e),
                })?;
                Ok((n.clone(), text.trim().to_string()))
            })
            .collect()
    }
}

/// Reads a variables file (`--vars FILE.toml`): a flat table of names to text (numbers and
/// booleans are taken as written). `file` names it in messages.
pub fn parse_vars(file: &str, text: &str) -> Result<BTreeMap<String, String>, TemplateError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| TemplateError::Syntax {
        file: file.into(),
        message: e.to_string().trim_end().to_string(),
    })?;
    let mut vars = BTreeMap::new();
    for (k, v) in table {
        let s = match v {
            toml::Value::String(s) => s,
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(f) => f.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Datetime(d) => d.to_string(),
            _ => {
                return Err(TemplateError::Invalid {
                    file: file.into(),
                    message: crate::t!("template-var-not-text", name = k.as_str()),
                })
            }
        };
        vars.insert(k, unicode_normalization::UnicodeNormalization::nfc(s.as_str()).collect());
    }
    Ok(vars)
}

/// Reads a variables file from disk.
pub fn read_vars(path: &Path) -> Result<BTreeMap<String, String>, TemplateError> {
    use std::io::Read;
    let label = path.display().to_string();
    let io =
        |source| TemplateError::Io { file: label.clone(), what: crate::t!("template-what-vars"), source };
    // Read no more than one byte past the budget, whatever the file claims to be.
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_VARS_BYTES + 1).read_to_string(&mut text))
        .map_err(io)?;
    if text.len() as u64 > MAX_VARS_BYTES {
        return Err(TemplateError::Invalid {
            file: label.clone(),
            message: crate::t!("template-vars-too-large", limit = MAX_VARS_BYTES / 1024),
        });
    }
    parse_vars(&label, &text)
}

fn text_key(i: usize) -> String {
    format!("element.{i}")
}
fn caption_key(i: usize) -> String {
    format!("element.{i}.caption")
}

/// Where a template comes from while it loads: its file (named in every message) and its folder
/// (where its fonts and images are; none for a built-in template).
struct TemplateFiles<'a> {
    file: &'a str,
    dir: Option<&'a Path>,
}

impl TemplateFiles<'_> {
    fn invalid(&self, message: String) -> TemplateError {
        TemplateError::Invalid { file: self.file.into(), message }
    }

    /// A file of the template's folder, and its path as messages show it.
    fn read_asset(&self, rel: &str, what: &str) -> Result<(Vec<u8>, String), TemplateError> {
        let Some(dir) = self.dir else {
            return Err(self.invalid(crate::t!(
                "template-builtin-no-files",
                what = what,
                file = format!("{rel:?}")
            )));
        };
        let path = dir.join(rel);
        let shown = path.display().to_string();
        std::fs::read(&path).map(|b| (b, shown.clone())).map_err(|source| TemplateError::Io {
            file: self.file.into(),
            what: format!("{what} {shown}"),
            source,
        })
    }

    /// The bundled fonts, with the template's own families added over them.
    fn fonts(&self, spec: &Spec) -> Result<FontSet, TemplateError> {
        let mut fonts = FontSet::bundled();
        for (family, fs) in &spec.fonts {
            for (style, rel) in [
                (Style::Regular, &fs.regular),
                (Style::Bold, &fs.bold),
                (Style::Italic, &fs.italic),
                (Style::BoldItalic, &fs.bold_italic),
            ] {
                if let Some(rel) = rel {
                    let (bytes, shown) = self.read_asset(rel, &crate::t!("template-what-font"))?;
                    fonts
                        .add(family, style, bytes, &shown)
                        .map_err(|source| TemplateError::Font { file: self.file.into(), source })?;
                }
            }
        }
        Ok(fonts)
    }

    /// Reads a PNG or JPEG into `images`; its index there. Its size is read from its header and
    /// kept within [`MAX_IMAGE_PIXELS`] before anything decodes it.
    fn image(&self, images: &mut Vec<ImageAsset>, rel: &str, what: &str) -> Result<usize, TemplateError> {
        let (bytes, shown) = self.read_asset(rel, what)?;
        let (format, size_px) = sniff_image(&bytes).ok_or_else(|| {
            self.invalid(crate::t!("template-not-image", what = what, file = shown.as_str()))
        })?;
        if u64::from(size_px.0) * u64::from(size_px.1) > MAX_IMAGE_PIXELS {
            return Err(self.invalid(crate::t!(
                "template-image-too-large",
                what = what,
                file = shown.as_str(),
                w = size_px.0,
                h = size_px.1,
                limit = MAX_IMAGE_PIXELS / 1_000_000
            )));
        }
        images.push(ImageAsset { bytes: std::sync::Arc::new(bytes), format, size_px, path: shown });
        Ok(images.len() - 1)
    }

    fn background(
        &self,
        spec: &Spec,
        images: &mut Vec<ImageAsset>,
    ) -> Result<Option<Background>, TemplateError> {
        Ok(match &spec.background {
            None => None,
            Some(bg) if bg.file.to_ascii_lowercase().ends_with(".pdf") => {
                let (bytes, _) = self.read_asset(&bg.file, &crate::t!("template-what-background"))?;
                if bg.page == 0 {
                    return Err(self.invalid(crate::t!("template-background-page")));
                }
                Some(Background::Pdf { bytes: std::sync::Arc::new(bytes), page: bg.page - 1 })
            }
            Some(bg) => Some(Background::Image(self.image(
                images,
                &bg.file,
                &crate::t!("template-what-background"),
            )?)),
        })
    }

    fn compile(&self, tera: &mut Tera, key: &str, place: &str, src: &str) -> Result<(), TemplateError> {
        tera.add_raw_template(key, src).map_err(|e| TemplateError::Expression {
            file: self.file.into(),
            place: place.into(),
            message: error_chain(&e),
        })
    }

    /// Every expression of the template, compiled once: element texts and captions, the
    /// document's metadata and file name, and the claims it signs.
    fn texts(&self, spec: &Spec, elements: &[Element]) -> Result<Tera, TemplateError> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![]);
        register_helpers(&mut tera);
        for (i, (el, element)) in spec.elements.iter().zip(elements).enumerate() {
            match el {
                ElementSpec::Text(t) => self.compile(
                    &mut tera,
                    &text_key(i),
                    &crate::t!("template-place-element", name = element.name.as_str()),
                    &t.content,
                )?,
                ElementSpec::Qr { caption: Some(c), .. } => self.compile(
                    &mut tera,
                    &caption_key(i),
                    &crate::t!("template-place-caption", name = element.name.as_str()),
                    c,
                )?,
                _ => {}
            }
        }
        let doc = &spec.document;
        self.compile(
            &mut tera,
            "document.title",
            "[document] title",
            doc.title.as_deref().unwrap_or(DEFAULT_TITLE),
        )?;
        if let Some(a) = &doc.author {
            self.compile(&mut tera, "document.author", "[document] author", a)?;
        }
        if let Some(s) = &doc.subject {
            self.compile(&mut tera, "document.subject", "[document] subject", s)?;
        }
        for (name, expr) in &spec.claims {
            if !crate::seal::claims::template_names().any(|n| n == name) {
                return Err(self.invalid(crate::t!(
                    "template-unknown-claim",
                    name = format!("{name:?}"),
                    known = crate::seal::claims::template_names().collect::<Vec<_>>().join(", ")
                )));
            }
            self.compile(&mut tera, &format!("claims.{name}"), &format!("[claims] {name}"), expr)?;
        }
        let file_name = doc.file_name.as_deref().unwrap_or(DEFAULT_FILE_NAME);
        self.compile(&mut tera, "document.file_name", "[document] file_name", file_name)?;
        Ok(tera)
    }
}

fn build_element(
    i: usize,
    el: &ElementSpec,
    fonts: &FontSet,
    load_image: &mut dyn FnMut(&str, &str) -> Result<usize, TemplateError>,
    file: &str,
) -> Result<Element, TemplateError> {
    let (name, kind_name) = match el {
        ElementSpec::Text(t) => (&t.name, "text"),
        ElementSpec::Line { name, .. } => (name, "line"),
        ElementSpec::Rect { name, .. } => (name, "rect"),
        ElementSpec::Image { name, .. } => (name, "image"),
        ElementSpec::Qr { name, .. } => (name, "qr"),
        ElementSpec::Esign { name, .. } => (name, "esign"),
    };
    let name = name.clone().unwrap_or_else(|| format!("#{} ({kind_name})", i + 1));
    let check = ElementCheck { file, name: &name };
    let proof_only = match el {
        ElementSpec::Text(t) => t.proof_only,
        ElementSpec::Line { proof_only, .. }
        | ElementSpec::Rect { proof_only, .. }
        | ElementSpec::Image { proof_only, .. }
        | ElementSpec::Qr { proof_only, .. } => *proof_only,
        ElementSpec::Esign { .. } => false,
    };
    if proof_only && matches!(el, ElementSpec::Qr { .. }) {
        return Err(check.err(crate::t!("template-qr-proof-only")));
    }
    let (rect, color) = (|x, y, w, h| check.rect(x, y, w, h), |s: &str| check.color(s));
    let kind = match el {
        ElementSpec::Text(t) => ElementKind::Text(text_element(t, fonts, &check)?),
        ElementSpec::Line { x1, y1, x2, y2, thickness, color: c, dash, .. } => ElementKind::Line {
            from: (x1 * PT_PER_MM, y1 * PT_PER_MM),
            to: (x2 * PT_PER_MM, y2 * PT_PER_MM),
            thickness_pt: *thickness,
            color: color(c)?,
            dash: dash.clone(),
        },
        ElementSpec::Rect { x, y, w, h, stroke, thickness, fill, radius, .. } => {
            if stroke.is_none() && fill.is_none() {
                return Err(check.err(crate::t!("template-rect-needs-paint")));
            }
            ElementKind::Rect {
                rect: rect(*x, *y, *w, *h)?,
                stroke: stroke.as_deref().map(color).transpose()?.map(|c| (c, *thickness)),
                fill: fill.as_deref().map(color).transpose()?,
                radius_pt: radius * PT_PER_MM,
            }
        }
        // Nothing of its own on the page: an unpainted box (so that it is placed and checked
        // like any element); render::pdf draws the signature into it when the file is signed.
        ElementSpec::Esign { x, y, w, h, .. } => {
            ElementKind::Rect { rect: rect(*x, *y, *w, *h)?, stroke: None, fill: None, radius_pt: 0.0 }
        }
        ElementSpec::Image { file: f, x, y, w, h, .. } => {
            let r = rect(*x, *y, *w, *h)?;
            ElementKind::Image { image: load_image(f, &crate::t!("template-what-image"))?, rect: r }
        }
        ElementSpec::Qr { x, y, size, caption, caption_size, .. } => ElementKind::Qr {
            rect: rect(*x, *y, *size, *size)?,
            caption_size_pt: *caption_size,
            has_caption: caption.is_some(),
            caption_lines: caption.as_deref().map_or(1, |c| c.trim().lines().count().max(1)),
        },
    };
    Ok(Element { name, kind, proof_only })
}

/// Checks one element's values, naming the element in every message.
struct ElementCheck<'a> {
    file: &'a str,
    name: &'a str,
}

impl ElementCheck<'_> {
    fn err(&self, message: String) -> TemplateError {
        TemplateError::Element { file: self.file.into(), element: self.name.into(), message }
    }

    /// A box in millimetres, in points.
    fn rect(&self, x: f32, y: f32, w: f32, h: f32) -> Result<RectPt, TemplateError> {
        if !(w > 0.0 && h > 0.0) || [x, y, w, h].iter().any(|v| !v.is_finite()) {
            return Err(self.err(crate::t!("template-box-positive", box = format!("{x},{y} {w}×{h}"))));
        }
        Ok(RectPt { x: x * PT_PER_MM, y: y * PT_PER_MM, w: w * PT_PER_MM, h: h * PT_PER_MM })
    }

    fn color(&self, s: &str) -> Result<Rgb, TemplateError> {
        parse_color(s).ok_or_else(|| self.err(crate::t!("template-colour", colour = format!("{s:?}"))))
    }
}

fn text_element(
    t: &TextSpec,
    fonts: &FontSet,
    check: &ElementCheck<'_>,
) -> Result<TextElement, TemplateError> {
    let (font, style, size) = (&t.font, t.style, t.size);
    let font_id = fonts.find(font, style).ok_or_else(|| {
        check.err(crate::t!(
            "template-font-missing",
            font = format!("{font:?}"),
            style = style.to_string(),
            families = fonts.families().join(", ")
        ))
    })?;
    let min = t.min_size.unwrap_or(size);
    if !(1.0..=400.0).contains(&size) || !(1.0..=400.0).contains(&min) || min > size {
        return Err(check.err(crate::t!(
            "template-size-range",
            size = size.to_string(),
            min = min.to_string()
        )));
    }
    if t.line_height.is_nan() || t.line_height <= 0.0 {
        return Err(check.err(crate::t!("template-line-height")));
    }
    Ok(TextElement {
        rect: check.rect(t.x, t.y, t.w, t.h)?,
        font: font_id,
        size_pt: size,
        min_size_pt: min,
        line_height: t.line_height,
        color: check.color(&t.color)?,
        align: t.align,
        valign: t.valign,
        letter_spacing_pt: t.letter_spacing,
        uppercase: t.uppercase,
        wrap: t.wrap,
        rule: t.rule.as_ref().map(|r| Rule {
            width_ratio: r.width,
            thickness_pt: r.thickness,
            gap_pt: r.gap * PT_PER_MM,
        }),
        flow: t.flow.clone(),
    })
}

/// The first element whose box leaves the page or reaches into its unprinted edge, with why:
/// a portrait copy of a landscape template would otherwise print half a certificate.
fn off_page(elements: &[Element], page_pt: (f32, f32)) -> Option<(String, String)> {
    page_problems(elements, page_pt).into_iter().next()
}

/// Every element whose box leaves the page or reaches into its unprinted edge, with why.
fn page_problems(elements: &[Element], (pw, ph): (f32, f32)) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let margin = PRINTABLE_MARGIN_MM * PT_PER_MM;
    let mm = |v: f32| format!("{:.1}", v / PT_PER_MM);
    for el in elements {
        let (x0, y0, x1, y1) = el.bounds();
        let page = (mm(pw), mm(ph));
        if x0 < -0.01 || y0 < -0.01 || x1 > pw + 0.01 || y1 > ph + 0.01 {
            problems.push((
                el.name.clone(),
                crate::t!(
                    "template-off-page",
                    x0 = mm(x0),
                    y0 = mm(y0),
                    x1 = mm(x1),
                    y1 = mm(y1),
                    w = page.0.as_str(),
                    h = page.1.as_str()
                ),
            ));
            continue;
        }
        // A proof-only element is never printed: the blank it stands for goes to the edge.
        let in_margin =
            x0 < margin - 0.01 || y0 < margin - 0.01 || x1 > pw - margin + 0.01 || y1 > ph - margin + 0.01;
        if in_margin && !el.proof_only {
            problems.push((
                el.name.clone(),
                crate::t!(
                    "template-in-margin",
                    x0 = mm(x0),
                    y0 = mm(y0),
                    x1 = mm(x1),
                    y1 = mm(y1),
                    margin = mm(margin),
                    w = page.0.as_str(),
                    h = page.1.as_str()
                ),
            ));
        }
    }
    problems
}

fn parse_color(s: &str) -> Option<Rgb> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let c = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Rgb(c(0)?, c(2)?, c(4)?))
}

/// Most pixels a template's image or background may have: 40 million. An A4 page at 600 dpi is
/// 35 million; a few megabytes of PNG can declare 40 000 × 40 000 pixels, 6 GB decoded.
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;
/// Most bytes a `--vars` file may have: 1 MiB. Real ones are a few hundred bytes.
pub const MAX_VARS_BYTES: u64 = 1024 * 1024;

/// Reads an image's format and pixel size from its header.
fn sniff_image(b: &[u8]) -> Option<(ImageFormat, (u32, u32))> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") && b.len() >= 24 {
        let w = u32::from_be_bytes(b[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(b[20..24].try_into().ok()?);
        return (w > 0 && h > 0).then_some((ImageFormat::Png, (w, h)));
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        // Walk the segments to the first start-of-frame marker.
        let mut i = 2;
        while i + 9 < b.len() {
            if b[i] != 0xFF {
                return None;
            }
            let marker = b[i + 1];
            let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
            if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
                let h = u16::from_be_bytes([b[i + 5], b[i + 6]]) as u32;
                let w = u16::from_be_bytes([b[i + 7], b[i + 8]]) as u32;
                return (w > 0 && h > 0).then_some((ImageFormat::Jpeg, (w, h)));
            }
            i += 2 + len;
        }
    }
    None
}

/// `[required_vars]` checked: no default in `[vars]` (a required variable has none), a label
/// that says something, and a `when` that names a variable of the template.
fn required_vars(spec: &Spec) -> Result<BTreeMap<String, RequiredVar>, String> {
    let mut out = BTreeMap::new();
    for (name, entry) in &spec.required_vars {
        let (label, when) = match entry {
            RequiredVarSpec::Label(l) => (l.trim().to_string(), None),
            RequiredVarSpec::Full { label, when } => (label.trim().to_string(), when.clone()),
        };
        if spec.vars.contains_key(name) {
            return Err(crate::t!("template-required-has-default", name = format!("{name:?}")));
        }
        if label.is_empty() {
            return Err(crate::t!("template-required-no-label", name = format!("{name:?}")));
        }
        if let Some(w) = &when {
            if !spec.vars.contains_key(w) && !spec.required_vars.contains_key(w) || w == name {
                return Err(crate::t!(
                    "template-required-when-unknown",
                    name = format!("{name:?}"),
                    when = format!("{w:?}")
                ));
            }
        }
        out.insert(name.clone(), RequiredVar { label, when });
    }
    Ok(out)
}

/// tera puts the useful part of an error ("Variable `x` not found…") in `source()`; the whole
/// chain is the message.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        let t = s.to_string();
        if !parts.contains(&t) {
            parts.push(t);
        }
        cur = s.source();
    }
    parts.join(": ")
}

type Args = HashMap<String, Value>;

fn str_arg<'a>(v: &'a Value, filter: &str) -> tera::Result<std::borrow::Cow<'a, str>> {
    match v {
        Value::String(s) => Ok(std::borrow::Cow::Borrowed(s)),
        Value::Number(n) => Ok(std::borrow::Cow::Owned(n.to_string())),
        Value::Null => Ok(std::borrow::Cow::Borrowed("")),
        other => Err(tera::Error::msg(crate::t!(
            "template-filter-needs-text",
            filter = filter,
            found = other.to_string()
        ))),
    }
}

/// The Vietnamese helpers of `docs/templates.md`, as tera filters and testers.
/// The words of `text` shaped like a tera variable name (`xep_loai`, `ho_ten`).
fn identifiers(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_string)
        .collect()
}

fn register_helpers(tera: &mut Tera) {
    tera.register_filter("upper", |v: &Value, _: &Args| {
        Ok(Value::String(viet::upper(&str_arg(v, "upper")?)))
    });
    tera.register_filter("given_name", |v: &Value, _: &Args| {
        Ok(Value::String(viet::given_name(&str_arg(v, "given_name")?).to_string()))
    });
    tera.register_filter("honorific", |v: &Value, args: &Args| {
        // Party and mass organisations address everyone as "Đồng chí", whatever the gender.
        match args.get("style").and_then(Value::as_str) {
            None | Some("nha_nuoc") | Some("state") => {
                // Unknown gender: nothing, unless the template asks (honorific(unknown="ông/bà")).
                let unknown = args.get("unknown").and_then(Value::as_str).unwrap_or("");
                Ok(Value::String(viet::honorific(&str_arg(v, "honorific")?, unknown).to_string()))
            }
            Some("dang") | Some("party") => Ok(Value::String("Đồng chí".into())),
            Some(other) => {
                Err(tera::Error::msg(crate::t!("template-honorific-style", style = format!("{other:?}"))))
            }
        }
    });
    tera.register_filter("slug", |v: &Value, _: &Args| Ok(Value::String(viet::slug(&str_arg(v, "slug")?))));
    tera.register_filter("pad", |v: &Value, args: &Args| {
        let width = match args.get("width") {
            Some(Value::Number(n)) => n.as_u64().filter(|w| *w <= 32),
            _ => None,
        }
        .ok_or_else(|| tera::Error::msg(crate::t!("template-pad-width")))?;
        Ok(Value::String(viet::pad(&str_arg(v, "pad")?, width as usize)))
    });
    tera.register_filter("date_line", |v: &Value, _: &Args| {
        let s = str_arg(v, "date_line")?;
        let d = viet::Date::parse_any(&s).ok_or_else(|| {
            tera::Error::msg(crate::t!(
                "template-filter-not-date",
                filter = "date_line",
                value = format!("{s:?}")
            ))
        })?;
        Ok(Value::String(d.long_form()))
    });
    tera.register_filter("date_en", |v: &Value, _: &Args| {
        let s = str_arg(v, "date_en")?;
        let d = viet::Date::parse_any(&s).ok_or_else(|| {
            tera::Error::msg(crate::t!(
                "template-filter-not-date",
                filter = "date_en",
                value = format!("{s:?}")
            ))
        })?;
        Ok(Value::String(d.english()))
    });
    tera.register_filter("short_date", |v: &Value, _: &Args| {
        let s = str_arg(v, "short_date")?;
        let d = viet::Date::parse_any(&s).ok_or_else(|| {
            tera::Error::msg(crate::t!(
                "template-filter-not-date",
                filter = "short_date",
                value = format!("{s:?}")
            ))
        })?;
        Ok(Value::String(d.to_string()))
    });
    tera.register_tester("year_only", |v: Option<&Value>, _: &[Value]| {
        Ok(matches!(v, Some(Value::String(s)) if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())))
    });
}

/// The record stage reads a roster by the template's fields, and keeps the columns the
/// template's texts name (`input` knows nothing of templates: it asks through this trait).
impl crate::input::fields::RecordFields for Template {
    fn fields(&self) -> &BTreeMap<String, FieldSpec> {
        &self.fields
    }

    fn mentions(&self, name: &str) -> bool {
        Template::mentions(self, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn one_text(content: &str) -> Template {
        let toml = format!(
            "[[element]]\ntype = \"text\"\nname = \"t\"\ncontent = '''{content}'''\nx = 10\ny = 10\nw = 100\nh = 10\nsize = 12\n"
        );
        Template::from_toml("t", "t/template.toml", &toml, None).unwrap()
    }

    #[test]
    fn every_builtin_template_loads() {
        for (name, desc) in builtins() {
            let t = Template::load(name).unwrap();
            assert!(!desc.is_empty());
            assert!(t.fields["ho_ten"].required, "{name}");
            assert!(t.fields["ngay_sinh"].required, "{name}");
        }
    }

    #[test]
    fn render_prints_roster_values_literally() {
        let t = one_text("{{ ho_ten }}");
        let r = t.render(&vals(&[("ho_ten", "Nguyễn {{ x }} {% if true %}An")])).unwrap();
        assert_eq!(r.texts[0].as_deref(), Some("Nguyễn {{ x }} {% if true %}An"));
    }

    #[test]
    fn render_helpers_follow_vietnamese_conventions() {
        let t = one_text(
            "{{ dia_danh }}, {{ ngay | date_line }}|{{ ten | upper }}|{{ ten | given_name }}|{{ gt | honorific }}|{{ gt | honorific(style=\"dang\") }}|{{ \"\" | honorific }}|{{ \"\" | honorific(unknown=\"ông/bà\") }}|{{ stt | pad(width=4) }}|{{ ten | slug }}|{% if ns is year_only %}Năm sinh{% else %}Sinh ngày{% endif %}",
        );
        let r = t
            .render(&vals(&[
                ("dia_danh", "Chiêm Hóa"),
                ("ngay", "2019-02-05"),
                ("ten", "Đặng Thị Thuỷ"),
                ("gt", "Nữ"),
                ("stt", "7"),
                ("ns", "1962"),
            ]))
            .unwrap();
        assert_eq!(
            r.texts[0].as_deref(),
            Some("Chiêm Hóa, ngày 05 tháng 02 năm 2019|ĐẶNG THỊ THUỶ|Thuỷ|Bà|Đồng chí||ông/bà|0007|dang-thi-thuy|Năm sinh")
        );
    }

    #[test]
    fn render_error_carries_the_cause_chain() {
        let t = one_text("{{ khong_co }}");
        let e = t.render(&vals(&[])).unwrap_err();
        assert_eq!(e.element, "t");
        assert!(e.message.contains("khong_co"), "{}", e.message);
    }

    #[test]
    fn load_names_the_element_with_an_unknown_font() {
        let toml = "[[element]]\ntype = \"text\"\nname = \"ten\"\ncontent = 'x'\nx = 0\ny = 0\nw = 10\nh = 10\nsize = 12\nfont = \"Times New Roman\"\n";
        let e = Template::from_toml("t", "t/template.toml", toml, None).err().unwrap();
        assert!(
            e.to_string().starts_with("t/template.toml: phần tử ten: không có phông \"Times New Roman\""),
            "{e}"
        );
    }

    #[test]
    fn a_required_variable_has_no_default_a_label_and_a_known_condition() {
        let load = |tail: &str| {
            let toml = format!("[vars]\nthoi_gian = \"\"\n{tail}");
            Template::from_toml("t", "t/template.toml", &toml, None).map(|t| t.required_vars)
        };
        let ok = load("[required_vars]\nchuong_trinh = \"tên chương trình học\"\nthoi_gian_en = { label = \"thời gian (tiếng Anh)\", when = \"thoi_gian\" }\n").unwrap();
        assert_eq!(ok["chuong_trinh"], RequiredVar { label: "tên chương trình học".into(), when: None });
        assert_eq!(ok["thoi_gian_en"].when.as_deref(), Some("thoi_gian"));
        for (tail, says) in [
            ("[required_vars]\nthoi_gian = \"thời gian\"\n", "[vars]"),
            ("[required_vars]\nchuong_trinh = \" \"\n", "\"chuong_trinh\""),
            ("[required_vars]\nx = { label = \"x\", when = \"khong_co\" }\n", "khong_co"),
        ] {
            let e = load(tail).err().unwrap().to_string();
            assert!(e.contains("t/template.toml") && e.contains(says), "{tail}: {e}");
        }
    }

    #[test]
    fn load_refuses_absurd_font_sizes() {
        let toml = "[[element]]\ntype = \"text\"\nname = \"t\"\ncontent = 'x'\nx = 0\ny = 0\nw = 10\nh = 10\nsize = 1e9\nmin_size = 1\n";
        let e = Template::from_toml("t", "t/template.toml", toml, None).err().unwrap();
        assert!(e.to_string().contains("phải trong khoảng 1 đến 400 pt"), "{e}");
    }

    #[test]
    fn load_reports_a_bad_expression_with_line_and_column() {
        let e = Template::from_toml("t", "t/template.toml", "[[element]]\ntype = \"text\"\ncontent = '{{ ho_ten | }}'\nx = 0\ny = 0\nw = 10\nh = 10\nsize = 12\n", None)
            .err()
            .unwrap();
        let msg = e.to_string();
        assert!(msg.contains("phần tử #1 (text)") && msg.contains("1:"), "{msg}");
    }
}
