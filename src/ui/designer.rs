//! The template designer of the workbench (issue 30, item 5): its routes and its page script.
//!
//! The page (`page/designer.js`) holds the elements being edited ([`ElementData`], in mm) and
//! sends them whole with every request; the server keeps nothing between requests. Each route
//! opens the template's file again, applies the elements with `template::save` (which keeps the
//! file's comments) and answers:
//! - `GET /api/designer/open?template=T`: the elements, the page, the fonts and the names a text
//!   may print;
//! - `POST /api/designer/preview`: the real draft page `render` would write for sample values,
//!   rasterised (`render::raster`), with every element that leaves the page or reaches into its
//!   unprinted edge (the template's own checks, all of them instead of the first);
//! - `POST /api/designer/save`: `template.toml` written in place, or a built-in template saved as
//!   a new folder of the working folder, only once it loads as `render` loads it.
//!
//! Template names come from the page: a built-in name or a folder inside the working folder
//! (`paths::inside`), never anything else.

use std::path::PathBuf;

use base64::Engine as _;
use serde_json::{json, Value};

use super::{Reply, Req, Route, State};
use crate::l10n::Lang;
use crate::render::raster;
use crate::template::save::{self, ElementData, TemplateDoc};
use crate::template::{self, Template, PRINTABLE_MARGIN_MM, PT_PER_MM};
use crate::viet::Date;

/// The designer's routes, chained into the workbench's table.
pub const ROUTES: &[Route] = &[
    ("GET", "/designer.js", script),
    ("GET", "/designer.css", style),
    ("GET", "/api/designer/texts", texts),
    ("GET", "/api/designer/open", open),
    ("POST", "/api/designer/preview", preview),
    ("POST", "/api/designer/save", save_route),
];

const DESIGNER_JS: &str = include_str!("page/designer.js");
const DESIGNER_CSS: &str = include_str!("page/designer.css");

/// Pixels per mm of the preview: a landscape A4 page 1 188 px wide, sharp enough to place text
/// by, cheap to draw (about 60 ms).
const PX_PER_MM: f32 = 4.0;

/// Every word the designer's page shows, with the names of its arguments.
pub const PAGE: &[(&str, &[&str])] = &[
    ("ui-designer-heading", &[]),
    ("ui-designer-template", &[]),
    ("ui-designer-elements", &[]),
    ("ui-designer-preview-alt", &["template"]),
    ("ui-designer-add-text", &[]),
    ("ui-designer-duplicate", &[]),
    ("ui-designer-delete", &[]),
    ("ui-designer-undo", &[]),
    ("ui-designer-redo", &[]),
    ("ui-designer-align", &[]),
    ("ui-designer-align-left", &[]),
    ("ui-designer-align-hcenter", &[]),
    ("ui-designer-align-right", &[]),
    ("ui-designer-align-top", &[]),
    ("ui-designer-align-vmiddle", &[]),
    ("ui-designer-align-bottom", &[]),
    ("ui-designer-distribute-h", &[]),
    ("ui-designer-distribute-v", &[]),
    ("ui-designer-grid", &[]),
    ("ui-designer-grid-off", &[]),
    ("ui-designer-blank-scan", &[]),
    ("ui-designer-blank-scan-show", &[]),
    ("ui-designer-inspector", &[]),
    ("ui-designer-name", &[]),
    ("ui-designer-x", &[]),
    ("ui-designer-y", &[]),
    ("ui-designer-w", &[]),
    ("ui-designer-h", &[]),
    ("ui-designer-size", &[]),
    ("ui-designer-font", &[]),
    ("ui-designer-style", &[]),
    ("ui-designer-style-regular", &[]),
    ("ui-designer-style-bold", &[]),
    ("ui-designer-style-italic", &[]),
    ("ui-designer-style-bold-italic", &[]),
    ("ui-designer-text-align", &[]),
    ("ui-designer-text-align-left", &[]),
    ("ui-designer-text-align-center", &[]),
    ("ui-designer-text-align-right", &[]),
    ("ui-designer-text-align-justify", &[]),
    ("ui-designer-color", &[]),
    ("ui-designer-content", &[]),
    ("ui-designer-insert-var", &[]),
    ("ui-designer-nothing-selected", &[]),
    ("ui-designer-selected", &["n"]),
    ("ui-designer-proof-only", &[]),
    ("ui-designer-checks", &[]),
    ("ui-designer-checks-ok", &[]),
    ("ui-designer-shrunk", &["element", "from", "to"]),
    ("ui-designer-new-folder", &[]),
    ("ui-designer-save", &[]),
    ("ui-designer-saved", &["folder"]),
    ("ui-designer-unsaved", &[]),
    ("ui-designer-drawing", &[]),
    ("ui-designer-drawn", &["ms"]),
    ("ui-designer-keys", &[]),
];

fn script(_: &State, _: &Req) -> Reply {
    Reply::bytes("text/javascript; charset=utf-8", DESIGNER_JS.as_bytes().to_vec())
}

fn style(_: &State, _: &Req) -> Reply {
    Reply::bytes("text/css; charset=utf-8", DESIGNER_CSS.as_bytes().to_vec())
}

/// The page's words in `lang`, each argument left as `{name}`.
pub fn texts_json(lang: Lang) -> Value {
    let map: serde_json::Map<String, Value> = PAGE
        .iter()
        .map(|(id, names)| (id.to_string(), Value::String(crate::l10n::pattern_in(lang, id, names))))
        .collect();
    Value::Object(map)
}

fn texts(state: &State, _: &Req) -> Reply {
    Reply::json(texts_json(state.opts.lang))
}

/// A template the page names: a built-in one, or a folder of the working folder with a
/// template.toml.
struct Named {
    /// As the page names it.
    name: String,
    /// As `Template::load` and `template::save` take it.
    arg: String,
    /// Its folder (none for a built-in template).
    dir: Option<PathBuf>,
}

fn is_builtin(name: &str) -> bool {
    template::builtins().iter().any(|(n, _)| *n == name)
}

fn named(state: &State, name: &str) -> Result<Named, Reply> {
    if is_builtin(name) {
        return Ok(Named { name: name.into(), arg: name.into(), dir: None });
    }
    let dir = super::paths::inside(&state.opts.folder, name)
        .ok_or_else(|| Reply::error(403, crate::t!("ui-designer-outside-folder", name = name), None))?;
    Ok(Named { name: name.into(), arg: dir.display().to_string(), dir: Some(dir) })
}

/// A template error in words, with its hint: status 422.
fn refused(e: &template::TemplateError) -> Reply {
    Reply::error(422, e.to_string(), e.hint())
}

fn problems_json(problems: &[(String, String)]) -> Value {
    Value::Array(
        problems.iter().map(|(element, message)| json!({"element": element, "message": message})).collect(),
    )
}

/// The template's file with the page's elements applied (the file's own elements when the
/// request gives none).
fn doc_with(named: &Named, body: &Value) -> Result<(TemplateDoc, Vec<ElementData>), Reply> {
    let mut doc = TemplateDoc::open(&named.arg).map_err(|e| refused(&e))?;
    let elements = match body.get("elements") {
        Some(v) if !v.is_null() => {
            let els: Vec<ElementData> = serde_json::from_value(v.clone()).map_err(|e| {
                Reply::error(400, crate::t!("ui-designer-bad-elements", message = e.to_string()), None)
            })?;
            doc.set_elements(&els).map_err(|e| refused(&e))?;
            doc.elements().map_err(|e| refused(&e))?
        }
        _ => doc.elements().map_err(|e| refused(&e))?,
    };
    Ok((doc, elements))
}

/// Every name a text may print: the roster's fields, the template's variables and the numbers
/// and date a batch adds.
fn names_of(t: &Template) -> Vec<String> {
    let mut names: Vec<String> =
        t.fields.keys().chain(t.vars.keys()).chain(t.required_vars.keys()).cloned().collect();
    names.push(crate::batch::ISSUE_DATE_VAR.to_string());
    names.sort();
    names.dedup();
    names
}

/// Points as millimetres to a hundredth (a page of 210 mm, not 210.00001).
fn mm(pt: f32) -> f64 {
    (f64::from(pt / PT_PER_MM) * 100.0).round() / 100.0
}

fn open(state: &State, req: &Req) -> Reply {
    let name = req.q("template").unwrap_or(template::DEFAULT_TEMPLATE).to_string();
    let named = match named(state, &name) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let (doc, elements) = match doc_with(&named, &Value::Null) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let (t, problems) = match doc.load_for_design(&named.arg, named.dir.as_deref()) {
        Ok(x) => x,
        Err(e) => return refused(&e),
    };
    Reply::json(json!({
        "template": named.name,
        "builtin": named.dir.is_none(),
        "new_folder": if named.dir.is_none() { format!("mau-{}", named.name) } else { String::new() },
        "page_mm": [mm(t.page_pt.0), mm(t.page_pt.1)],
        "margin_mm": PRINTABLE_MARGIN_MM,
        "elements": elements,
        "fonts": t.fonts.families(),
        "default_font": crate::render::fonts::BUNDLED_FAMILY,
        "names": names_of(&t),
        "problems": problems_json(&problems),
    }))
}

fn preview(state: &State, req: &Req) -> Reply {
    let t0 = std::time::Instant::now();
    let body = req.json();
    let name = body.get("template").and_then(Value::as_str).unwrap_or(template::DEFAULT_TEMPLATE).to_string();
    let named = match named(state, &name) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let (doc, _) = match doc_with(&named, &body) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let (t, problems) = match doc.load_for_design(&named.arg, named.dir.as_deref()) {
        Ok(x) => x,
        Err(e) => return refused(&e),
    };
    let values = save::sample_values(&t);
    let date = values
        .get(crate::batch::ISSUE_DATE_VAR)
        .and_then(|d| Date::parse_any(d))
        .or_else(|| Date::parse_any("2026-01-15"));
    let Some(date) = date else { return Reply::error(500, crate::t!("ui-designer-no-date"), None) };
    match raster::draft_picture(&t, &values, date, PX_PER_MM) {
        Ok(pic) => {
            let shrunk: Vec<Value> = pic
                .shrunk
                .iter()
                .map(|s| json!({"element": s.element, "from": s.from_pt, "to": s.to_pt}))
                .collect();
            Reply::json(json!({
                "image": format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(&pic.png)),
                "size_px": [pic.size_px.0, pic.size_px.1],
                "problems": problems_json(&problems),
                "shrunk": shrunk,
                "error": Value::Null,
                "ms": t0.elapsed().as_millis() as u64,
            }))
        }
        // The page keeps its last picture and shows why this one could not be drawn.
        Err(e) => Reply::json(json!({
            "image": Value::Null,
            "problems": problems_json(&problems),
            "shrunk": [],
            "error": e.to_string(),
            "ms": t0.elapsed().as_millis() as u64,
        })),
    }
}

/// A folder name for a saved built-in template: one plain name (no path), not a built-in's.
fn folder_name_ok(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':', '\0'])
        && !name.starts_with('.')
        && !is_builtin(name)
}

fn save_route(state: &State, req: &Req) -> Reply {
    let body = req.json();
    let name = body.get("template").and_then(Value::as_str).unwrap_or("").to_string();
    let named = match named(state, &name) {
        Ok(n) => n,
        Err(r) => return r,
    };
    let Some(v) = body.get("elements").filter(|v| !v.is_null()) else {
        return Reply::error(400, crate::t!("ui-designer-bad-elements", message = "elements"), None);
    };
    let elements: Vec<ElementData> = match serde_json::from_value(v.clone()) {
        Ok(e) => e,
        Err(e) => {
            return Reply::error(400, crate::t!("ui-designer-bad-elements", message = e.to_string()), None)
        }
    };
    let (target, shown) = match &named.dir {
        Some(dir) => (dir.clone(), named.name.clone()),
        None => {
            let folder = body.get("new_folder").and_then(Value::as_str).unwrap_or("").trim().to_string();
            let folder: String = unicode_normalization::UnicodeNormalization::nfc(folder.as_str()).collect();
            if !folder_name_ok(&folder) {
                return Reply::error(
                    422,
                    crate::t!("ui-designer-bad-folder", name = folder.as_str()),
                    Some(crate::t!("ui-designer-bad-folder-hint")),
                );
            }
            match super::paths::inside(&state.opts.folder, &folder) {
                Some(p) => (p, folder),
                None => {
                    return Reply::error(
                        403,
                        crate::t!("ui-designer-outside-folder", name = folder.as_str()),
                        None,
                    )
                }
            }
        }
    };
    match save::save(&named.arg, &target, &elements) {
        Ok(_) => Reply::json(json!({"template": shown, "folder": shown})),
        Err(e) => refused(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `ui-designer-…` word the designer's page asks for is served, in both languages,
    /// with the arguments it fills in.
    #[test]
    fn every_word_the_designer_page_asks_for_is_served() {
        let served: std::collections::BTreeSet<&str> = PAGE.iter().map(|(id, _)| *id).collect();
        let mut asked = std::collections::BTreeSet::new();
        for part in DESIGNER_JS.split('"') {
            if part.starts_with("ui-designer-") && part.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                asked.insert(part.to_string());
            }
        }
        let missing: Vec<_> = asked.iter().filter(|a| !served.contains(a.as_str())).collect();
        assert!(missing.is_empty(), "the designer asks for words not served: {missing:?}");
        let unasked: Vec<_> = served.iter().filter(|s| !asked.contains(**s)).collect();
        assert!(unasked.is_empty(), "served but never shown: {unasked:?}");
        for lang in [Lang::Vi, Lang::En] {
            let j = texts_json(lang);
            for (id, names) in PAGE {
                let w = j[id].as_str().unwrap();
                assert_ne!(w, *id, "{id} has words in {lang:?}");
                for n in *names {
                    assert!(w.contains(&format!("{{{n}}}")), "{id} in {lang:?} says {{{n}}}");
                }
            }
        }
    }

    #[test]
    fn a_saved_builtin_gets_a_plain_folder_name_of_its_own() {
        assert!(folder_name_ok("mau-giay-chung-nhan"));
        assert!(folder_name_ok("Mẫu của trường"));
        for bad in ["", "..", "a/b", "a\\b", ".an", "giay-chung-nhan", "c:x"] {
            assert!(!folder_name_ok(bad), "{bad:?}");
        }
    }
}
