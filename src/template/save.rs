//! Writing a template back: the designer's elements into a `template.toml`, keeping the file's
//! comments, key order and formatting (`toml_edit`).
//!
//! In: the text of a template.toml and the elements as the designer holds them ([`ElementData`],
//! lengths in mm, sizes in pt). Out: the new text, checked by loading it exactly as `render`
//! does, so a saved template is one the CLI renders as the designer showed it.
//!
//! Only the keys the designer edits are touched: geometry (`x`, `y`, `w`, `h`; a line's ends; a
//! code's `size`) and a text's `content`, `font`, `style`, `size`, `align` and `color`. A value
//! left unchanged keeps its exact spelling (`x = 30` stays `30`, not `30.0`), and one that changes
//! keeps its trailing comment. Elements are matched to the file's `[[element]]` tables by their
//! index in the file (`source`), because an element's name is optional: an element without a
//! source is added, a source used twice is a duplicate (its copy without the comment above the
//! original), a source not used is deleted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml_edit::{DocumentMut, Item, Table, Value};
use unicode_normalization::UnicodeNormalization;

use super::{ElementSpec, Spec, Template, TemplateError, BUILTINS};
use crate::render::fonts::BUNDLED_FAMILY;

/// What an element draws, as the file's `type` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ElementType {
    /// `type = "text"`.
    Text,
    /// `type = "line"`.
    Line,
    /// `type = "rect"`.
    Rect,
    /// `type = "image"`.
    Image,
    /// `type = "qr"`.
    Qr,
    /// `type = "esign"`: where an electronic signature shows.
    Esign,
}

impl ElementType {
    fn key(self) -> &'static str {
        match self {
            ElementType::Text => "text",
            ElementType::Line => "line",
            ElementType::Rect => "rect",
            ElementType::Image => "image",
            ElementType::Qr => "qr",
            ElementType::Esign => "esign",
        }
    }
}

/// A text element's settings the designer edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextData {
    /// The tera expression printed (`{{ ho_ten }}`).
    pub content: String,
    /// The font family.
    pub font: String,
    /// `regular`, `bold`, `italic` or `bold-italic`.
    pub style: String,
    /// Size in pt.
    pub size: f64,
    /// `left`, `center`, `right` or `justify`.
    pub align: String,
    /// `#rrggbb`.
    pub color: String,
}

/// One element as the designer shows and edits it: its box in mm from the page's top left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementData {
    /// Its index among the `[[element]]` tables of the file it was read from; `None` for an
    /// element added in the designer.
    #[serde(default)]
    pub source: Option<usize>,
    /// What it draws.
    pub kind: ElementType,
    /// Its `name`, if the file gives one.
    #[serde(default)]
    pub name: Option<String>,
    /// How messages and the designer name it: `name`, else `#N (type)` as the template's checks
    /// do.
    #[serde(default, skip_deserializing)]
    pub label: String,
    /// Left, mm (a line: the smaller x of its ends).
    pub x: f64,
    /// Top, mm.
    pub y: f64,
    /// Width, mm (a line: the distance of its ends across; a code: its side).
    pub w: f64,
    /// Height, mm.
    pub h: f64,
    /// A text element's settings.
    #[serde(default)]
    pub text: Option<TextData>,
    /// Drawn in drafts and proofs only (what a pre-printed blank carries); shown, not edited.
    #[serde(default)]
    pub proof_only: bool,
}

/// A template's file, open for editing.
pub struct TemplateDoc {
    /// The file, for messages.
    file: String,
    doc: DocumentMut,
}

/// Lengths are written to a hundredth of a millimetre, sizes to a hundredth of a point.
fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The TOML value for a number: an integer when it is whole (as people write `x = 30`).
fn number(v: f64) -> Value {
    let v = round2(v);
    if v.fract() == 0.0 && v.abs() < 1e9 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

fn as_f64(v: &Value) -> Option<f64> {
    v.as_float().or_else(|| v.as_integer().map(|i| i as f64))
}

/// Sets `key` to `new`, leaving the value as written when it is already equal and keeping a
/// changed value's comment.
fn set(table: &mut Table, key: &str, new: Value) {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            let same = match (as_f64(old), as_f64(&new)) {
                (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                _ => old.as_str().is_some() && old.as_str() == new.as_str(),
            };
            if !same {
                let decor = old.decor().clone();
                *old = new;
                *old.decor_mut() = decor;
            }
        }
        _ => {
            table.insert(key, Item::Value(new));
        }
    }
}

/// Sets `key` unless it is absent and `new` is what an absent key means.
fn set_or_default(table: &mut Table, key: &str, new: Value, default: &Value) {
    let is_default = match (as_f64(&new), as_f64(default)) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        _ => new.as_str().is_some() && new.as_str() == default.as_str(),
    };
    if table.contains_key(key) || !is_default {
        set(table, key, new);
    }
}

impl TemplateDoc {
    /// Parses a template's text. `file` names it in messages.
    pub fn parse(file: &str, text: &str) -> Result<TemplateDoc, TemplateError> {
        let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| TemplateError::Syntax {
            file: file.into(),
            message: e.to_string().trim_end().to_string(),
        })?;
        Ok(TemplateDoc { file: file.into(), doc })
    }

    /// Opens a built-in template by name, or the template.toml of a folder.
    pub fn open(name_or_path: &str) -> Result<TemplateDoc, TemplateError> {
        if let Some(b) = BUILTINS.iter().find(|b| b.name == name_or_path) {
            return TemplateDoc::parse(&format!("built-in template {}", b.name), b.toml);
        }
        let file = Path::new(name_or_path).join("template.toml");
        let label = file.display().to_string();
        let text = std::fs::read_to_string(&file).map_err(|source| {
            if source.kind() == std::io::ErrorKind::NotFound {
                TemplateError::NotFound(name_or_path.to_string())
            } else {
                TemplateError::Io { file: label.clone(), what: crate::t!("template-what-template"), source }
            }
        })?;
        TemplateDoc::parse(&label, &text)
    }

    /// The file as it now reads.
    pub fn text(&self) -> String {
        self.doc.to_string()
    }

    /// The elements, in drawing order, as the designer shows them.
    pub fn elements(&self) -> Result<Vec<ElementData>, TemplateError> {
        let text = self.text();
        let spec: Spec = toml::from_str(&text).map_err(|e| TemplateError::Syntax {
            file: self.file.clone(),
            message: e.to_string().trim_end().to_string(),
        })?;
        Ok(spec.elements.iter().enumerate().map(|(i, el)| element_data(i, el)).collect())
    }

    fn element_tables(&mut self) -> Result<&mut toml_edit::ArrayOfTables, TemplateError> {
        let file = self.file.clone();
        if !self.doc.contains_key("element") {
            self.doc.insert("element", Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
        }
        self.doc["element"].as_array_of_tables_mut().ok_or_else(|| TemplateError::Invalid {
            file,
            message: crate::t!("ui-designer-elements-not-tables"),
        })
    }

    /// Makes the file's elements `elements`: each with a `source` updates (a copy of) that table,
    /// each without one is a new table; tables no element names are deleted.
    pub fn set_elements(&mut self, elements: &[ElementData]) -> Result<(), TemplateError> {
        let file = self.file.clone();
        let old: Vec<Table> = self.element_tables()?.iter().cloned().collect();
        let mut used = vec![false; old.len()];
        let mut tables = Vec::with_capacity(elements.len());
        let mut last_position = None;
        for (i, el) in elements.iter().enumerate() {
            let mut t = match el.source {
                Some(s) => {
                    let Some(orig) = old.get(s) else {
                        return Err(TemplateError::Invalid {
                            file,
                            message: crate::t!("ui-designer-no-such-element", index = s + 1),
                        });
                    };
                    let mut t = orig.clone();
                    if used[s] {
                        // A duplicate: drawn right after, without the comment above the original.
                        t.decor_mut().set_prefix("\n");
                        t.set_position(last_position);
                    }
                    used[s] = true;
                    t
                }
                None => {
                    let mut t = Table::new();
                    t.insert("type", toml_edit::value(el.kind.key()));
                    t.set_position(last_position);
                    t
                }
            };
            let kind = t.get("type").and_then(Item::as_str).unwrap_or("");
            if kind != el.kind.key() {
                return Err(TemplateError::Element {
                    file,
                    element: el.display_name(i),
                    message: crate::t!("ui-designer-kind-changed", was = kind, now = el.kind.key()),
                });
            }
            update_table(&mut t, el);
            if t.position().is_some() {
                last_position = t.position();
            }
            tables.push(t);
        }
        let array = self.element_tables()?;
        array.clear();
        for t in tables {
            array.push(t);
        }
        Ok(())
    }

    /// Loads the file as it now reads, as `render` would (`dir`: the folder its fonts and images
    /// are in; none for a built-in template).
    pub fn load(&self, name: &str, dir: Option<&Path>) -> Result<Template, TemplateError> {
        Template::from_toml(name, &self.file, &self.text(), dir)
    }

    /// Loads the file without the page checks, and lists every element that leaves the page or
    /// reaches into its unprinted edge (element label, why): what the designer shows live while
    /// an element is being moved.
    pub fn load_for_design(
        &self,
        name: &str,
        dir: Option<&Path>,
    ) -> Result<(Template, Vec<(String, String)>), TemplateError> {
        let t = Template::from_toml_with(name, &self.file, &self.text(), dir, false)?;
        let problems = super::page_problems(&t.elements, t.page_pt);
        Ok((t, problems))
    }
}

impl ElementData {
    /// `name`, or `#N (type)` for element `i` (0-based) without one.
    pub fn display_name(&self, i: usize) -> String {
        self.name.clone().unwrap_or_else(|| format!("#{} ({})", i + 1, self.kind.key()))
    }
}

fn element_data(i: usize, el: &ElementSpec) -> ElementData {
    let f = f64::from;
    let base = |kind, name: &Option<String>, x: f32, y: f32, w: f32, h: f32, proof_only: bool| {
        let mut d = ElementData {
            source: Some(i),
            kind,
            name: name.clone(),
            label: String::new(),
            x: f(x),
            y: f(y),
            w: f(w),
            h: f(h),
            text: None,
            proof_only,
        };
        d.label = d.display_name(i);
        d
    };
    match el {
        ElementSpec::Text(t) => {
            let mut d = base(ElementType::Text, &t.name, t.x, t.y, t.w, t.h, t.proof_only);
            d.text = Some(TextData {
                content: t.content.clone(),
                font: t.font.clone(),
                style: style_key(t.style).into(),
                size: f(t.size),
                align: align_key(t.align).into(),
                color: t.color.clone(),
            });
            d
        }
        ElementSpec::Line { name, x1, y1, x2, y2, proof_only, .. } => base(
            ElementType::Line,
            name,
            x1.min(*x2),
            y1.min(*y2),
            (x2 - x1).abs(),
            (y2 - y1).abs(),
            *proof_only,
        ),
        ElementSpec::Rect { name, x, y, w, h, proof_only, .. } => {
            base(ElementType::Rect, name, *x, *y, *w, *h, *proof_only)
        }
        ElementSpec::Image { name, x, y, w, h, proof_only, .. } => {
            base(ElementType::Image, name, *x, *y, *w, *h, *proof_only)
        }
        ElementSpec::Qr { name, x, y, size, proof_only, .. } => {
            base(ElementType::Qr, name, *x, *y, *size, *size, *proof_only)
        }
        ElementSpec::Esign { name, x, y, w, h } => base(ElementType::Esign, name, *x, *y, *w, *h, false),
    }
}

fn style_key(s: crate::render::fonts::Style) -> &'static str {
    use crate::render::fonts::Style;
    match s {
        Style::Regular => "regular",
        Style::Bold => "bold",
        Style::Italic => "italic",
        Style::BoldItalic => "bold-italic",
    }
}

fn align_key(a: super::Align) -> &'static str {
    match a {
        super::Align::Left => "left",
        super::Align::Center => "center",
        super::Align::Right => "right",
        super::Align::Justify => "justify",
    }
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Writes `el` into its table: geometry for every kind, and a text's settings.
fn update_table(t: &mut Table, el: &ElementData) {
    match &el.name {
        Some(n) if !n.trim().is_empty() => set(t, "name", Value::from(nfc(n.trim()))),
        _ => {
            t.remove("name");
        }
    }
    match el.kind {
        ElementType::Line => {
            // The line keeps its direction: its ends move with the box they span.
            let get = |k: &str| t.get(k).and_then(Item::as_value).and_then(as_f64).unwrap_or(0.0);
            let (x1, y1, x2, y2) = (get("x1"), get("y1"), get("x2"), get("y2"));
            let map = |v: f64, old_lo: f64, old_len: f64, lo: f64, len: f64| {
                if old_len.abs() < 1e-9 {
                    lo
                } else {
                    lo + (v - old_lo) / old_len * len
                }
            };
            let (ox, oy, ow, oh) = (x1.min(x2), y1.min(y2), (x2 - x1).abs(), (y2 - y1).abs());
            for (k, v) in [
                ("x1", map(x1, ox, ow, el.x, el.w)),
                ("y1", map(y1, oy, oh, el.y, el.h)),
                ("x2", map(x2, ox, ow, el.x, el.w)),
                ("y2", map(y2, oy, oh, el.y, el.h)),
            ] {
                set(t, k, number(v));
            }
        }
        ElementType::Qr => {
            set(t, "x", number(el.x));
            set(t, "y", number(el.y));
            set(t, "size", number(el.w));
        }
        ElementType::Text | ElementType::Rect | ElementType::Image | ElementType::Esign => {
            for (k, v) in [("x", el.x), ("y", el.y), ("w", el.w), ("h", el.h)] {
                set(t, k, number(v));
            }
        }
    }
    if let (ElementType::Text, Some(text)) = (el.kind, &el.text) {
        set(t, "content", Value::from(nfc(&text.content)));
        set_or_default(t, "font", Value::from(nfc(text.font.trim())), &Value::from(BUNDLED_FAMILY));
        set_or_default(t, "style", Value::from(text.style.trim()), &Value::from("regular"));
        set(t, "size", number(text.size));
        // The smallest size a text may shrink to stays at most its size.
        if let Some(min) = t.get("min_size").and_then(Item::as_value).and_then(as_f64) {
            if min > round2(text.size) {
                set(t, "min_size", number(text.size));
            }
        }
        set_or_default(t, "align", Value::from(text.align.trim()), &Value::from("left"));
        set_or_default(t, "color", Value::from(text.color.trim()), &Value::from("#000000"));
    }
}

/// Where a saved template went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The template folder, as `render --template` takes it.
    pub dir: PathBuf,
    /// Its template.toml.
    pub file: PathBuf,
}

/// Saves the template `source` (a built-in name or a folder) with its elements made
/// `elements`. A folder template is written in place; a built-in one becomes the new folder
/// `new_dir` (refused if a template is there already). The new text is loaded as `render` loads
/// it first: a template `render` would refuse is never written.
pub fn save(source: &str, new_dir: &Path, elements: &[ElementData]) -> Result<Saved, TemplateError> {
    let mut doc = TemplateDoc::open(source)?;
    doc.set_elements(elements)?;
    let builtin = BUILTINS.iter().any(|b| b.name == source);
    let dir = if builtin { new_dir.to_path_buf() } else { PathBuf::from(source) };
    let file = dir.join("template.toml");
    if builtin && std::fs::symlink_metadata(&file).is_ok() {
        return Err(TemplateError::ExportExists(file));
    }
    // Checked where it will live: a built-in template has no files of its own to find.
    let checked = TemplateDoc { file: file.display().to_string(), doc: doc.doc };
    checked.load(&dir.display().to_string(), if builtin { None } else { Some(&dir) })?;
    let io = |source: std::io::Error| TemplateError::Io {
        file: file.display().to_string(),
        what: crate::t!("template-what-folder"),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    crate::util::files::write_atomic(&file, checked.text().as_bytes()).map_err(|e| io(e.source))?;
    Ok(Saved { dir, file })
}

/// Sample values to preview a template with before any roster is chosen: a long Vietnamese
/// name and a date of birth for the fields of those kinds, each other field and each required
/// variable its label in «», and the template's variables as they are.
pub fn sample_values(template: &Template) -> BTreeMap<String, String> {
    let mut v = template.vars.clone();
    for (name, var) in &template.required_vars {
        v.insert(name.clone(), format!("«{}»", var.label));
    }
    for (name, spec) in &template.fields {
        let value = match spec.kind {
            super::FieldKind::Name => crate::t!("ui-designer-sample-name"),
            super::FieldKind::BirthDate => "15/08/1990".to_string(),
            super::FieldKind::Gender => crate::t!("ui-designer-sample-gender"),
            super::FieldKind::Text => format!("«{}»", template.field_label(name)),
        };
        v.insert(name.clone(), value);
    }
    v.entry(crate::batch::ISSUE_DATE_VAR.to_string()).or_insert_with(|| "2026-01-15".to_string());
    v.entry("stt".into()).or_insert_with(|| "1".into());
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::PT_PER_MM;

    const COMMENTED: &str = r##"# Mẫu thử: chú thích đầu tệp.
description = "thử"

[vars]
co_quan = "Trường"

# ---- Tên người nhận ----
[[element]]
type = "text"
name = "ho_ten"
content = "{{ ho_ten }}"
x = 30 # lề trái
y = 73
w = 150
h = 13
size = 26
min_size = 16
align = "center"

# Đường kẻ dưới tên
[[element]]
type = "line"
x1 = 40
y1 = 90
x2 = 140
y2 = 90

[[element]]
type = "qr"
name = "ma"
x = 240
y = 150
size = 30
"##;

    fn doc() -> TemplateDoc {
        TemplateDoc::parse("template.toml", COMMENTED).unwrap()
    }

    #[test]
    fn elements_read_with_their_boxes_in_mm() {
        let els = doc().elements().unwrap();
        assert_eq!(els.len(), 3);
        assert_eq!((els[0].label.as_str(), els[0].x, els[0].w), ("ho_ten", 30.0, 150.0));
        assert_eq!(els[0].text.as_ref().unwrap().align, "center");
        assert_eq!(els[0].text.as_ref().unwrap().font, BUNDLED_FAMILY);
        assert_eq!((els[1].label.as_str(), els[1].x, els[1].w, els[1].h), ("#2 (line)", 40.0, 100.0, 0.0));
        assert_eq!((els[2].w, els[2].h), (30.0, 30.0));
    }

    #[test]
    fn a_moved_element_moves_and_every_comment_stays() {
        let mut d = doc();
        let mut els = d.elements().unwrap();
        els[0].x += 20.0;
        els[0].y = 70.5;
        d.set_elements(&els).unwrap();
        let text = d.text();
        assert!(text.contains("x = 50 # lề trái"), "{text}");
        assert!(text.contains("y = 70.5\n"), "{text}");
        for comment in ["# Mẫu thử: chú thích đầu tệp.", "# ---- Tên người nhận ----", "# Đường kẻ dưới tên"]
        {
            assert!(text.contains(comment), "lost {comment:?}:\n{text}");
        }
        // Nothing else changed: the untouched values keep their spelling.
        let back = TemplateDoc::parse("t", &text).unwrap().elements().unwrap();
        assert_eq!(back[0].x, 50.0);
        assert_eq!(&back[1..], &els[1..]);
        assert_eq!(
            text.replace("x = 50 # lề trái", "x = 30 # lề trái").replace("y = 70.5", "y = 73"),
            COMMENTED
        );
    }

    #[test]
    fn an_unchanged_round_trip_is_the_same_file() {
        let mut d = doc();
        let els = d.elements().unwrap();
        d.set_elements(&els).unwrap();
        assert_eq!(d.text(), COMMENTED);
        for b in BUILTINS {
            let mut d = TemplateDoc::parse(b.name, b.toml).unwrap();
            let els = d.elements().unwrap();
            d.set_elements(&els).unwrap();
            assert_eq!(d.text(), b.toml, "{}", b.name);
        }
    }

    #[test]
    fn a_line_keeps_its_direction_and_a_code_its_square() {
        let mut d = doc();
        let mut els = d.elements().unwrap();
        els[1].x = 50.0;
        els[1].w = 50.0;
        els[2].w = 25.0;
        els[2].h = 99.0;
        d.set_elements(&els).unwrap();
        let text = d.text();
        assert!(text.contains("x1 = 50\ny1 = 90\nx2 = 100\ny2 = 90"), "{text}");
        assert!(text.contains("size = 25\n"), "{text}");
    }

    #[test]
    fn add_duplicate_and_delete() {
        let mut d = doc();
        let els = d.elements().unwrap();
        let mut copy = els[0].clone();
        copy.name = Some("ho_ten_2".into());
        copy.y += 20.0;
        let added = ElementData {
            source: None,
            kind: ElementType::Text,
            name: Some("ghi_chu".into()),
            label: String::new(),
            x: 20.0,
            y: 150.0,
            w: 80.0,
            h: 10.0,
            text: Some(TextData {
                // Decomposed, as some input methods type it: saved composed (NFC).
                content: "Ghi chu\u{301}: {{ co_quan }}".into(),
                font: BUNDLED_FAMILY.into(),
                style: "italic".into(),
                size: 12.0,
                align: "left".into(),
                color: "#000000".into(),
            }),
            proof_only: false,
        };
        // ho_ten, its copy, the code, the new text; the line deleted.
        d.set_elements(&[els[0].clone(), copy, els[2].clone(), added]).unwrap();
        let text = d.text();
        let back = TemplateDoc::parse("t", &text).unwrap().elements().unwrap();
        let labels: Vec<_> = back.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["ho_ten", "ho_ten_2", "ma", "ghi_chu"], "{text}");
        assert_eq!(back[1].y, 93.0);
        assert_eq!(back[3].text.as_ref().unwrap().content, "Ghi chú: {{ co_quan }}");
        assert_eq!(back[3].text.as_ref().unwrap().style, "italic");
        assert_eq!(text.matches("# ---- Tên người nhận ----").count(), 1, "{text}");
        assert!(!text.contains("x1 ="), "{text}");
        // Defaults are not written out; what differs from them is.
        let added_part = &text[text.find("name = \"ghi_chu\"").unwrap()..];
        assert!(!added_part.contains("font =") && !added_part.contains("align ="), "{added_part}");
        assert!(added_part.contains("style = \"italic\""), "{added_part}");
        // The result is a template: it loads.
        Template::from_toml("t", "t", &text, None).unwrap();
    }

    #[test]
    fn a_smaller_size_pulls_min_size_down_with_it() {
        let mut d = doc();
        let mut els = d.elements().unwrap();
        els[0].text.as_mut().unwrap().size = 12.0;
        d.set_elements(&els).unwrap();
        let back = d.text();
        assert!(back.contains("size = 12\nmin_size = 12\n"), "{back}");
        Template::from_toml("t", "t", &back, None).unwrap();
    }

    #[test]
    fn an_element_moved_off_the_page_is_listed_live_and_never_saved() {
        let mut d = doc();
        let mut els = d.elements().unwrap();
        els[2].x = 280.0;
        d.set_elements(&els).unwrap();
        assert!(matches!(d.load("t", None), Err(TemplateError::Element { .. })));
        let (_, problems) = d.load_for_design("t", None).unwrap();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "ma");

        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("mau");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("template.toml"), COMMENTED).unwrap();
        let src = folder.display().to_string();
        assert!(save(&src, &folder, &els).is_err());
        assert_eq!(std::fs::read_to_string(folder.join("template.toml")).unwrap(), COMMENTED);
    }

    #[test]
    fn a_builtin_template_is_saved_as_a_new_folder_that_loads_as_the_designer_showed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("giay-cua-truong");
        let mut els = TemplateDoc::open("giay-chung-nhan").unwrap().elements().unwrap();
        let name = els.iter().position(|e| e.name.as_deref() == Some("ho_ten")).unwrap();
        els[name].x += 20.0;
        els[name].w -= 20.0;
        let saved = save("giay-chung-nhan", &target, &els).unwrap();
        assert_eq!(saved.file, target.join("template.toml"));
        let text = std::fs::read_to_string(&saved.file).unwrap();
        assert!(text.starts_with("# Giấy chứng nhận hoàn thành chương trình bồi dưỡng"), "comments kept");
        let t = Template::load(&target.display().to_string()).unwrap();
        let el = t.elements.iter().find(|e| e.name == "ho_ten").unwrap();
        let (x0, _, x1, _) = el.bounds();
        assert!(((x0 / PT_PER_MM) as f64 - els[name].x).abs() < 0.01);
        assert!(((x1 - x0) / PT_PER_MM) as f64 - els[name].w < 0.01);
        // Saved again from the new folder: in place. A second copy of the built-in is refused.
        els[name].y += 1.0;
        assert_eq!(save(&target.display().to_string(), dir.path(), &els).unwrap().dir, target);
        assert!(matches!(save("giay-chung-nhan", &target, &els), Err(TemplateError::ExportExists(_))));
    }
}
