//! Every call the workbench makes into the library, in one file, so that it can be rewired onto
//! the application layer's workflows (`src/run/`) in one place.
//!
//! Reading is done in process: the roster is read and checked as `check` does
//! (`input::roster`, `input::record`, `batch::check_roster`), each preview is the page `render`
//! would write for the record (a draft: `render::layout` + `render::pdf`), rasterised by
//! `super::raster`; the sổ gốc is searched with `register::Register::find`. What writes or
//! signs runs the CLI's own command in a child process (`issue`, `revoke`, `print`, `spoil`,
//! `calibrate`, `register export|backup|show`, `verify`), so that the page says exactly what the
//! terminal says, the register's lock decides between two tabs as between two terminals, the
//! private key is read only by that child (a passphrase typed in the page goes to it in its
//! environment, never to disk, never back), and an issue run goes on when the tab is closed.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::{json, Value};

use super::paths::{inside, plain_name};
use super::{raster, Reply, Req, Route, State};
use crate::batch::{self, BatchConfig, NoProgress};
use crate::input::{record, roster};
use crate::register::{CertRow, Register, Status};
use crate::render::{layout, pdf};
use crate::seal::verify;
use crate::t;
use crate::template::{self, Template};
use crate::viet::Date;

/// The workbench's routes (besides the page's files).
pub const ROUTES: &[Route] = &[
    ("GET", "/api/state", state_route),
    ("POST", "/api/upload", upload),
    ("POST", "/api/roster", open_roster),
    ("POST", "/api/roster/save", save_corrected),
    ("GET", "/api/preview", preview),
    ("GET", "/api/vars", vars_form),
    ("POST", "/api/vars/save", save_vars),
    ("POST", "/api/issue", start_issue),
    ("GET", "/api/job", job_state),
    ("GET", "/api/file", download),
    ("GET", "/api/register/find", find),
    ("GET", "/api/register/show", show),
    ("POST", "/api/register/revoke", revoke),
    ("POST", "/api/register/reprint", reprint),
    ("POST", "/api/register/export", export),
    ("POST", "/api/register/backup", backup),
    ("POST", "/api/spoil", spoil),
    ("POST", "/api/calibrate", calibrate),
    ("POST", "/api/verify", verify_route),
];

/// The roster being worked on: read, checked, and ready for previews.
pub struct Session {
    /// The roster's name in the folder.
    pub roster_name: String,
    /// The template (built-in name or folder name).
    pub template: String,
    /// The vars file's name in the folder, if one is chosen.
    pub vars: Option<String>,
    /// The header mapping given (`--map` in clicks).
    pub map: Vec<(String, String)>,
    /// The sheet of a workbook, if chosen.
    pub sheet: Option<String>,
    roster: roster::Roster,
    cfg: BatchConfig,
    columns: Option<record::ColumnMap>,
    resources: Option<pdf::Resources>,
    /// How many records pass every check.
    pub valid: usize,
}

/// An issue run (a child `chungnhan issue`), going on or finished.
pub struct Job {
    /// The batch (the roster's name).
    pub batch: String,
    /// Records to write.
    pub total: usize,
    /// The folder of the certificates.
    pub out: PathBuf,
    /// The print file.
    pub merged: PathBuf,
    started: Instant,
    /// Exit code, standard output and error when finished.
    pub done: Option<(i32, String, String)>,
}

/// Vietnam's date today (UTC+7): what the CLI uses.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Date::from_days((secs + 7 * 3600).div_euclid(86_400))
}

fn bad(message: String) -> Reply {
    Reply::error(422, message, None)
}

fn rel(state: &State, p: &Path) -> String {
    p.strip_prefix(&state.opts.folder).unwrap_or(p).to_string_lossy().replace('\\', "/")
}

fn file_in(state: &State, name: &str) -> Result<PathBuf, Reply> {
    inside(&state.opts.folder, name)
        .ok_or_else(|| Reply::error(403, t!("ui-outside-folder", name = name), None))
}

const ROSTER_EXTS: &[&str] = &["csv", "tsv", "txt", "xlsx", "xls", "xlsm", "ods"];

fn ext(p: &Path) -> String {
    p.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// Templates to choose from: the built-ins, then the folder's template folders.
fn templates(folder: &Path) -> Vec<Value> {
    let mut out: Vec<Value> =
        template::builtins().into_iter().map(|(n, d)| json!({"name": n, "description": d})).collect();
    let mut dirs: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("template.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    out.extend(dirs.into_iter().map(|d| json!({"name": d, "description": t!("ui-template-folder")})));
    out
}

fn files(folder: &Path, keep: impl Fn(&Path) -> bool) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && keep(p))
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|n| !n.starts_with('.'))
        .collect();
    v.sort();
    v
}

fn key_encrypted(keys: &Path) -> bool {
    std::fs::read_to_string(keys.join(crate::seal::keys::SIGNING_KEY))
        .is_ok_and(|pem| pem.contains("ENCRYPTED PRIVATE KEY"))
}

fn state_route(state: &State, _: &Req) -> Reply {
    let folder = &state.opts.folder;
    let session = state.session.lock().unwrap_or_else(|e| e.into_inner());
    let current = session.as_ref().map(|s| {
        json!({"roster": s.roster_name, "template": s.template, "vars": s.vars, "records": s.roster.len(), "valid": s.valid})
    });
    let reasons: Vec<Value> = ["issued_in_error", "fraud", "superseded"]
        .iter()
        .map(|c| json!({"code": c, "words": crate::l10n::verdict::reason_words(c)}))
        .collect();
    Reply::json(json!({
        "folder": folder.display().to_string(),
        "lang": super::lang_tag(state.opts.lang),
        "rosters": files(folder, |p| ROSTER_EXTS.contains(&ext(p).as_str())),
        "vars": files(folder, |p| ext(p) == "toml"),
        "templates": templates(folder),
        "keys": state.opts.keys.join(crate::seal::keys::SIGNING_KEY).is_file(),
        "key_encrypted": key_encrypted(&state.opts.keys),
        "register": state.opts.register.is_file(),
        "session": current,
        "job": job_json(state),
        "reasons": reasons,
    }))
}

/// A file dropped or chosen in the page, saved into the folder under its own name (a name
/// already taken by other bytes gets ` (2)`, ` (3)`…: nothing is overwritten).
fn upload(state: &State, req: &Req) -> Reply {
    let Some(name) = req.q("name").and_then(plain_name) else {
        return bad(t!("ui-bad-name"));
    };
    let path = state.opts.folder.join(&name);
    let (stem, dot_ext) = match name.rfind('.') {
        Some(i) => (&name[..i], &name[i..]),
        None => (name.as_str(), ""),
    };
    let mut chosen = path.clone();
    let mut n = 1;
    while chosen.exists() {
        if std::fs::read(&chosen).is_ok_and(|b| b == req.body) {
            return Reply::json(json!({"name": rel(state, &chosen)}));
        }
        n += 1;
        chosen = state.opts.folder.join(format!("{stem} ({n}){dot_ext}"));
    }
    match crate::util::files::write_atomic(&chosen, &req.body) {
        Ok(()) => Reply::json(json!({"name": rel(state, &chosen)})),
        Err(e) => Reply::error(500, e.to_string(), None),
    }
}

/// Opens a roster (with a template, a vars file, a header mapping): every record, every problem
/// on its cell, the warnings, the mapping. The session keeps it for previews and issue.
fn open_roster(state: &State, req: &Req) -> Reply {
    let b = req.json();
    let s = |k: &str| b.get(k).and_then(Value::as_str).map(str::to_string).filter(|v| !v.is_empty());
    let Some(roster_name) = s("roster") else { return bad(t!("ui-choose-roster")) };
    let template = s("template").unwrap_or_else(|| template::DEFAULT_TEMPLATE.to_string());
    let vars = s("vars");
    let sheet = s("sheet");
    let map: Vec<(String, String)> = b
        .get("map")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(h, f)| f.as_str().filter(|f| !f.is_empty()).map(|f| (h.clone(), f.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let t0 = Instant::now();
    match load_session(state, roster_name, template, vars, map, sheet) {
        Ok((session, view)) => {
            *state.session.lock().unwrap_or_else(|e| e.into_inner()) = Some(session);
            let mut view = view;
            view["ms"] = json!(t0.elapsed().as_millis() as u64);
            Reply::json(view)
        }
        Err(r) => r,
    }
}

fn failure(e: &dyn std::error::Error, hint: Option<String>) -> Reply {
    let mut msg = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let w = c.to_string();
        if !msg.contains(&w) {
            msg.push_str(": ");
            msg.push_str(&w);
        }
        cause = c.source();
    }
    Reply::error(422, msg, hint)
}

fn load_template(state: &State, name: &str) -> Result<Template, Reply> {
    let builtin = template::builtins().iter().any(|(n, _)| *n == name);
    let arg = if builtin { name.to_string() } else { file_in(state, name)?.display().to_string() };
    Template::load(&arg).map_err(|e| failure(&e, e.hint()))
}

fn load_session(
    state: &State,
    roster_name: String,
    template_name: String,
    vars: Option<String>,
    map: Vec<(String, String)>,
    sheet: Option<String>,
) -> Result<(Session, Value), Reply> {
    let path = file_in(state, &roster_name)?;
    let tpl = load_template(state, &template_name)?;
    let file_vars = match &vars {
        Some(v) => template::read_vars(&file_in(state, v)?).map_err(|e| failure(&e, e.hint()))?,
        None => BTreeMap::new(),
    };
    let cfg =
        BatchConfig::new(tpl, file_vars, BTreeMap::new(), today()).map_err(|e| failure(&e, e.hint()))?;
    let opts = roster::ReadOptions {
        encoding: None,
        sheet: sheet.clone(),
        header_keys: record::header_keys(&cfg.template),
    };
    // Read whole (not streamed): the table shows every row.
    let mut ros = roster::read_with(&path, &opts).map_err(|e| failure(&e, e.hint()))?;
    let original_headers = ros.headers.clone();
    record::apply_map(&mut ros, &cfg.template, &map).map_err(|e| failure(&e, e.hint()))?;
    let columns = record::map_columns(&ros, &cfg.template);
    let mut notes: Vec<String> = ros.notes.clone();
    let mut problems: Vec<Value> = Vec::new();
    let mut shrunk_records = Vec::new();
    let mut valid = 0;
    let mut fatal = None;
    match &columns {
        Ok(m) => {
            notes.extend(record::notes(&ros, m).map_err(|e| failure(&e, e.hint()))?);
            match batch::check_roster(&ros, &cfg, &NoProgress) {
                Ok(plan) => {
                    valid = plan.valid;
                    problems.extend(plan.problems.iter().map(|p| problem_json("error", p)));
                    problems.extend(plan.notes.iter().map(|p| problem_json("note", p)));
                    for (origin, sh) in &plan.shrunk {
                        shrunk_records.push(origin.record);
                        notes.push(t!(
                            "note-shrunk",
                            origin = origin.to_string(),
                            element = cfg.template.field_label(&sh.element),
                            from = format!("{:.1}", sh.from_pt),
                            to = format!("{:.1}", sh.to_pt)
                        ));
                    }
                }
                Err(e) => fatal = Some((e.to_string(), e.hint())),
            }
        }
        Err(e) => fatal = Some((e.to_string(), None)),
    }
    for (name, label) in cfg.required_vars_missing(&ros) {
        notes.push(t!("var-missing", label = label.as_str(), name = name.as_str()));
    }
    for (name, value) in cfg.placeholders_left(&ros) {
        notes.push(format!(
            "{} {}",
            t!("placeholder-left", name = name.as_str(), value = value.as_str()),
            t!("placeholder-draft")
        ));
    }
    let warnings: Vec<Value> = ros.warnings.iter().map(|p| problem_json("warning", p)).collect();
    let rows: Vec<Value> = ros
        .rows
        .iter()
        .map(|r| json!({"record": r.origin.record, "line": r.origin.line, "cells": r.values}))
        .collect();
    // The jumps to the worst cases: the longest name, the texts shrunk to fit, the problems.
    let name_col = ros.headers.iter().position(|h| h == "ho_ten").or_else(|| {
        columns.as_ref().ok().and_then(|_| {
            let folded: Vec<String> = ros.headers.iter().map(|h| crate::viet::fold_key(h)).collect();
            folded.iter().position(|h| h == "ho_ten" || h == "ho_va_ten" || h == "ho_ten_hoc_vien")
        })
    });
    let longest = name_col.and_then(|c| {
        ros.rows
            .iter()
            .max_by_key(|r| r.values.get(c).map_or(0, |v| v.chars().count()))
            .map(|r| r.origin.record)
    });
    let mut with_problems: Vec<usize> = problems
        .iter()
        .filter(|p| p["kind"] == "error")
        .filter_map(|p| p["record"].as_u64())
        .map(|n| n as usize)
        .collect();
    with_problems.dedup();
    // The mapping, as the clerk can change it: each field of the template, the header it is
    // read from.
    let mut mapping: Vec<Value> = Vec::new();
    let first_cols = columns.as_ref().ok().and_then(|m| {
        ros.rows
            .first()
            .and_then(|r| record::normalize(r, m, cfg.issue_date).ok())
            .map(|rec| rec.columns.clone())
    });
    for (field, spec) in &cfg.template.fields {
        let header = first_cols.as_ref().and_then(|c| c.get(field)).cloned();
        mapping.push(json!({
            "field": field,
            "label": spec.label.clone().unwrap_or_else(|| cfg.template.field_label(field)),
            "required": spec.required,
            "header": header,
        }));
    }
    let view = json!({
        "roster": roster_name,
        "template": template_name,
        "vars": vars,
        "headers": ros.headers,
        "original_headers": original_headers,
        "rows": rows,
        "records": ros.len(),
        "valid": valid,
        "problems": problems,
        "warnings": warnings,
        "notes": notes,
        "fatal": fatal.as_ref().map(|(m, h)| json!({"error": m, "hint": h})),
        "mapping": mapping,
        "map": map.iter().map(|(h, f)| json!([h, f])).collect::<Vec<_>>(),
        "jumps": {"longest": longest, "shrunk": shrunk_records, "problems": with_problems},
    });
    let resources = pdf::Resources::new(&cfg.template).ok();
    let session = Session {
        roster_name,
        template: template_name,
        vars,
        map,
        sheet,
        roster: ros,
        cfg,
        columns: columns.ok(),
        resources,
        valid,
    };
    Ok((session, view))
}

fn problem_json(kind: &str, p: &crate::error::Problem) -> Value {
    json!({
        "kind": kind,
        "record": p.origin.record,
        "line": p.origin.line,
        // Where, as `check` says it: the record and its line ("dòng") or row ("hàng").
        "place": p.origin.to_string(),
        "column": p.column,
        "element": p.element,
        "message": p.error.to_string(),
        "text": p.to_string(),
        "hint": p.error.hint(),
        "also_in": p.also_in,
    })
}

/// Edits made in the table, saved as a corrected copy beside the roster (`NAME (đã sửa).csv`),
/// never over it: UTF-8 CSV with a BOM (Excel reads it), the header as read.
fn save_corrected(state: &State, req: &Req) -> Reply {
    let b = req.json();
    let session = state.session.lock().unwrap_or_else(|e| e.into_inner());
    let Some(s) = session.as_ref() else { return bad(t!("ui-choose-roster")) };
    let mut rows: Vec<Vec<String>> = s.roster.rows.iter().map(|r| r.values.clone()).collect();
    let edits = b.get("edits").and_then(Value::as_array).cloned().unwrap_or_default();
    for e in &edits {
        let (Some(r), Some(c), Some(v)) = (e[0].as_u64(), e[1].as_u64(), e[2].as_str()) else { continue };
        if let Some(cell) = rows.get_mut((r as usize).wrapping_sub(1)).and_then(|row| row.get_mut(c as usize))
        {
            *cell = unicode_normalization::UnicodeNormalization::nfc(v).collect();
        }
    }
    let stem =
        Path::new(&s.roster_name).file_stem().map(|x| x.to_string_lossy().into_owned()).unwrap_or_default();
    let name = format!("{stem} ({}).csv", t!("ui-corrected-suffix"));
    let Some(path) = inside(&state.opts.folder, &name) else { return bad(t!("ui-bad-name")) };
    let mut w = csv::WriterBuilder::new().from_writer(Vec::from(&b"\xEF\xBB\xBF"[..]));
    let mut ok = w.write_record(&s.roster.headers).is_ok();
    for r in &rows {
        ok &= w.write_record(r).is_ok();
    }
    let Ok(bytes) = w.into_inner() else { return Reply::error(500, t!("ui-bad-request"), None) };
    if !ok {
        return Reply::error(500, t!("ui-bad-request"), None);
    }
    match crate::util::files::write_atomic(&path, &bytes) {
        Ok(()) => Reply::json(json!({"name": rel(state, &path)})),
        Err(e) => Reply::error(500, e.to_string(), None),
    }
}

/// The preview of one record: the draft page `render` would write for it, as PNG.
fn preview(state: &State, req: &Req) -> Reply {
    let n: usize = req.q("record").and_then(|v| v.parse().ok()).unwrap_or(1);
    let session = state.session.lock().unwrap_or_else(|e| e.into_inner());
    let Some(s) = session.as_ref() else { return bad(t!("ui-choose-roster")) };
    let t0 = Instant::now();
    match draft_pdf(s, n) {
        Ok(bytes) => match raster::page_png(&bytes, 110.0) {
            Some((png, w, h)) => {
                let mut r = Reply::bytes("image/png", png);
                r.headers.push(("X-Render-Ms".into(), t0.elapsed().as_millis().to_string()));
                r.headers.push(("X-Size".into(), format!("{w}x{h}")));
                r
            }
            None => Reply::error(500, t!("ui-preview-failed"), None),
        },
        Err(messages) => {
            Reply::json_status(422, json!({"error": t!("ui-preview-problems"), "problems": messages}))
        }
    }
}

/// The record's draft PDF, as `render` makes it (the code's place marked, the draft mark in the
/// file's keywords); or the record's problems in words.
fn draft_pdf(s: &Session, n: usize) -> Result<Vec<u8>, Vec<String>> {
    let Some(row) = s.roster.rows.iter().find(|r| r.origin.record == n) else {
        return Err(vec![t!("ui-no-record", n = n)]);
    };
    let Some(map) = &s.columns else { return Err(vec![t!("ui-choose-roster")]) };
    let words = |ps: Vec<crate::error::Problem>| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    let rec = record::normalize(row, map, s.cfg.issue_date).map_err(words)?;
    let values = s.cfg.values_for(&rec);
    let fields = s.cfg.template.render(&values).map_err(|e| vec![e.message])?;
    let page = layout::lay_out(&s.cfg.template, &fields, layout::QrContent::Placeholder)
        .map_err(|errs| errs.iter().map(|e| format!("{e:?}")).collect::<Vec<_>>())?;
    let meta = pdf::PdfMeta {
        title: fields.title,
        author: fields.author,
        subject: fields.subject,
        date: s.cfg.issue_date,
        keywords: vec![crate::seal::scan::DRAFT_MARK.to_string()],
    };
    let res = s.resources.as_ref().ok_or_else(|| vec![t!("ui-preview-failed")])?;
    pdf::write([page], &meta, res).map_err(|e| vec![e.to_string()])
}

/// The course details form: every variable the template prints, its value and where it comes
/// from (the template's default, the chosen vars file, or nothing yet).
fn vars_form(state: &State, req: &Req) -> Reply {
    let session = state.session.lock().unwrap_or_else(|e| e.into_inner());
    let template_name = req
        .q("template")
        .map(str::to_string)
        .or_else(|| session.as_ref().map(|s| s.template.clone()))
        .unwrap_or_else(|| template::DEFAULT_TEMPLATE.to_string());
    let vars_name =
        req.q("vars").map(str::to_string).or_else(|| session.as_ref().and_then(|s| s.vars.clone()));
    drop(session);
    let tpl = match load_template(state, &template_name) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let file_vars = match vars_name.as_deref().filter(|v| !v.is_empty()) {
        Some(v) => {
            match file_in(state, v).and_then(|p| template::read_vars(&p).map_err(|e| failure(&e, e.hint()))) {
                Ok(m) => m,
                Err(r) => return r,
            }
        }
        None => BTreeMap::new(),
    };
    let mut names: Vec<String> = tpl.vars.keys().cloned().collect();
    names.extend(tpl.required_vars.keys().cloned());
    names.extend(file_vars.keys().cloned());
    names.sort();
    names.dedup();
    let fields: Vec<Value> = names
        .iter()
        .filter(|n| n.as_str() != "host")
        .map(|n| {
            let (value, from) = match (file_vars.get(n), tpl.vars.get(n)) {
                (Some(v), _) => (v.clone(), t!("ui-from-vars", file = vars_name.clone().unwrap_or_default())),
                (None, Some(v)) if tpl.placeholders.contains(n) => (v.clone(), t!("ui-from-placeholder")),
                (None, Some(v)) => (v.clone(), t!("ui-from-template")),
                (None, None) => (String::new(), t!("ui-from-nothing")),
            };
            let label = tpl.required_vars.get(n).map(|r| r.label.clone()).unwrap_or_else(|| tpl.field_label(n));
            json!({"name": n, "label": label, "value": value, "from": from,
                   "required": tpl.required_vars.contains_key(n), "placeholder": tpl.placeholders.contains(n)})
        })
        .collect();
    Reply::json(json!({"template": template_name, "vars": vars_name, "fields": fields}))
}

/// Saves the course details as a vars TOML file in the folder (a new name, or one of the
/// folder's vars files when `replace` is set).
fn save_vars(state: &State, req: &Req) -> Reply {
    let b = req.json();
    let Some(mut name) = b["name"].as_str().and_then(plain_name) else { return bad(t!("ui-bad-name")) };
    if !name.to_lowercase().ends_with(".toml") {
        name.push_str(".toml");
    }
    let path = match file_in(state, &name) {
        Ok(p) => p,
        Err(r) => return r,
    };
    if path.exists() && b["replace"].as_bool() != Some(true) {
        return Reply::error(
            409,
            t!("ui-file-exists", name = name.as_str()),
            Some(t!("ui-file-exists-hint")),
        );
    }
    let mut table = toml::Table::new();
    if let Some(values) = b["values"].as_object() {
        for (k, v) in values {
            if let Some(v) = v.as_str().filter(|v| !v.trim().is_empty()) {
                let nfc: String = unicode_normalization::UnicodeNormalization::nfc(v.trim()).collect();
                table.insert(k.clone(), toml::Value::String(nfc));
            }
        }
    }
    let text = format!("# {}\n{}", t!("ui-vars-file-comment"), toml::to_string(&table).unwrap_or_default());
    // Read back as the CLI reads it, before it is kept.
    if let Err(e) = template::parse_vars(&name, &text) {
        return failure(&e, e.hint());
    }
    match crate::util::files::write_atomic(&path, text.as_bytes()) {
        Ok(()) => Reply::json(json!({"name": rel(state, &path)})),
        Err(e) => Reply::error(500, e.to_string(), None),
    }
}

/// The CLI's own command, in the page's language: exit code, standard output, standard error.
fn cli(state: &State, args: Vec<OsString>, env: &[(&str, &str)]) -> (i32, String, String) {
    let Ok(exe) = std::env::current_exe() else { return (2, String::new(), t!("ui-no-exe")) };
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .arg("--lang")
        .arg(super::lang_tag(state.opts.lang))
        .current_dir(&state.opts.folder)
        .stdin(Stdio::null())
        .env_remove(crate::seal::sign::PASSPHRASE_ENV);
    for (k, v) in env {
        cmd.env(k, v);
    }
    match cmd.output() {
        Ok(o) => (
            o.status.code().unwrap_or(101),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        ),
        Err(e) => (2, String::new(), e.to_string()),
    }
}

fn os(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<OsString> {
    args.iter().map(|a| a.as_ref().to_os_string()).collect()
}

fn ran(code: i32, out: String, err: String) -> Reply {
    Reply::json_status(if code == 0 { 200 } else { 422 }, json!({"code": code, "stdout": out, "stderr": err}))
}

/// The batch's input as the CLI takes it.
fn input_args(state: &State, s: &Session) -> Vec<OsString> {
    let mut a: Vec<OsString> = vec!["--roster".into(), state.opts.folder.join(&s.roster_name).into()];
    let builtin = template::builtins().iter().any(|(n, _)| *n == s.template);
    a.push("--template".into());
    a.push(if builtin { s.template.clone().into() } else { state.opts.folder.join(&s.template).into() });
    if let Some(v) = &s.vars {
        a.push("--vars".into());
        a.push(state.opts.folder.join(v).into());
    }
    if let Some(sh) = &s.sheet {
        a.push("--sheet".into());
        a.push(sh.into());
    }
    for (h, f) in &s.map {
        a.push("--map".into());
        a.push(format!("{h}={f}").into());
    }
    a
}

/// Starts `issue` for the roster in the session, in a thread of its own: it goes on when the
/// tab is closed, and a second start while it runs is refused (another program's run is
/// refused by the register itself, which the child opens).
fn start_issue(state: &State, req: &Req) -> Reply {
    let b = req.json();
    let mut job_slot = state.job.lock().unwrap_or_else(|e| e.into_inner());
    if job_slot.as_ref().is_some_and(|j| j.done.is_none()) {
        return Reply::error(409, t!("ui-issue-running"), None);
    }
    let session = state.session.lock().unwrap_or_else(|e| e.into_inner());
    let Some(s) = session.as_ref() else { return bad(t!("ui-choose-roster")) };
    if !state.opts.keys.join(crate::seal::keys::SIGNING_KEY).is_file() {
        return Reply::error(
            422,
            t!("ui-no-keys", dir = state.opts.keys.display().to_string()),
            Some(t!("ui-no-keys-hint")),
        );
    }
    let stem =
        Path::new(&s.roster_name).file_stem().map(|x| x.to_string_lossy().into_owned()).unwrap_or_default();
    let out = state.opts.folder.join(t!("ui-out-folder")).join(&stem);
    let merged = out.join(format!("{}.pdf", t!("ui-merged-name")));
    let mut args = input_args(state, s);
    args.extend(os(&[&"--keys", &state.opts.keys, &"--register", &state.opts.register, &"--out", &out]));
    args.extend(os(&[&"--merged", &merged, &"--replace-merged", &"--quiet"]));
    if let Some(first) = b["blanks"].as_str().map(str::trim).filter(|f| !f.is_empty()) {
        args.push("--blanks".into());
        args.push(first.into());
    }
    let mut full: Vec<OsString> = vec!["issue".into()];
    full.extend(args);
    let passphrase = b["passphrase"].as_str().unwrap_or("").to_string();
    let total = s.valid;
    *job_slot = Some(Job {
        batch: s.roster_name.clone(),
        total,
        out: out.clone(),
        merged,
        started: Instant::now(),
        done: None,
    });
    drop(session);
    drop(job_slot);
    let job = Arc::clone(&state.job);
    let opts = state.opts.clone();
    std::thread::spawn(move || {
        let helper = State {
            opts,
            port: 0,
            token: String::new(),
            session: Mutex::new(None),
            job: Arc::new(Mutex::new(None)),
        };
        let env: Vec<(&str, &str)> = if passphrase.is_empty() {
            vec![]
        } else {
            vec![(crate::seal::sign::PASSPHRASE_ENV, passphrase.as_str())]
        };
        let result = cli(&helper, full, &env);
        if let Some(j) = job.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            j.done = Some(result);
        }
    });
    Reply::json(job_json(state))
}

fn count_pdfs(dir: &Path, except: &Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path() != except && ext(&e.path()) == "pdf")
        .count()
}

fn job_json(state: &State) -> Value {
    let job = state.job.lock().unwrap_or_else(|e| e.into_inner());
    let Some(j) = job.as_ref() else { return Value::Null };
    // Progress is the certificates in place: issue writes each file once its entry is committed.
    let written = count_pdfs(&j.out, &j.merged).min(j.total.max(1));
    let merged = j.merged.is_file().then(|| rel(state, &j.merged));
    json!({
        "batch": j.batch,
        "total": j.total,
        "written": written,
        "seconds": j.started.elapsed().as_secs(),
        "running": j.done.is_none(),
        "code": j.done.as_ref().map(|d| d.0),
        "stdout": j.done.as_ref().map(|d| d.1.clone()),
        "stderr": j.done.as_ref().map(|d| d.2.clone()),
        "merged": merged,
        "out": rel(state, &j.out),
    })
}

fn job_state(state: &State, _: &Req) -> Reply {
    Reply::json(job_json(state))
}

/// A file of the folder, to download or open (PDF, spreadsheets, the register's backups).
fn download(state: &State, req: &Req) -> Reply {
    let Some(name) = req.q("path") else { return bad(t!("ui-bad-name")) };
    let path = match file_in(state, name) {
        Ok(p) => p,
        Err(r) => return r,
    };
    // The private keys are never sent, whatever the name.
    if path.extension().is_some_and(|e| e == "pem")
        || path.starts_with(&state.opts.keys) && ext(&path) != "json"
    {
        return Reply::error(403, t!("ui-outside-folder", name = name), None);
    }
    let ct = match ext(&path).as_str() {
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "json" => "application/json",
        "png" => "image/png",
        _ => "application/octet-stream",
    };
    match std::fs::read(&path) {
        Ok(bytes) => {
            let mut r = Reply::bytes(ct, bytes);
            let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            let ascii: String = file
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' })
                .collect();
            r.headers.push(("Content-Disposition".into(), format!("inline; filename=\"{ascii}\"")));
            r
        }
        Err(_) => Reply::error(404, t!("ui-not-found"), None),
    }
}

fn open_register(state: &State) -> Result<Register, Reply> {
    Register::open(&state.opts.register, false, || {}).map_err(|e| failure(&e, e.hint()))
}

/// An entry's status in words, with its day and reason when withdrawn (as `register find`).
fn status_words(r: &CertRow) -> String {
    let day = r.status_date.as_deref().map(verify::day).unwrap_or_default();
    let reason = r.reason.as_deref().map(crate::l10n::verdict::reason_words).unwrap_or_default();
    match r.status {
        Status::Issued => t!("status-issued"),
        Status::Reissued => t!("status-reissued", day = day),
        Status::Revoked => t!("status-revoked", day = day, reason = reason),
        Status::Spoiled => t!("status-spoiled"),
    }
}

/// At most this many entries are listed by a search (as `register find`).
const FIND_SHOWN: usize = 50;

fn find(state: &State, req: &Req) -> Reply {
    let text: String =
        unicode_normalization::UnicodeNormalization::nfc(req.q("q").unwrap_or("").trim()).collect();
    let reg = match open_register(state) {
        Ok(r) => r,
        Err(r) => return r,
    };
    match reg.find(&text, FIND_SHOWN) {
        Ok((rows, total)) => Reply::json(json!({
            "total": total,
            "summary": t!("find-summary", text = text.as_str(), n = total),
            "more": (total > rows.len()).then(|| t!("find-more", shown = rows.len(), total = total)),
            "rows": rows.iter().map(row_json).collect::<Vec<_>>(),
        })),
        Err(e) => failure(&e, e.hint()),
    }
}

fn row_json(r: &CertRow) -> Value {
    json!({
        "serial": r.so_hieu, "entry": r.so_vao_so, "name": r.ho_ten, "birth": r.ngay_sinh,
        "batch": r.batch, "status": r.status.name(), "status_words": status_words(r),
        "file": r.pdf.as_ref().map(|(p, _)| p.clone()),
    })
}

fn show(state: &State, req: &Req) -> Reply {
    let serial = req.q("serial").unwrap_or("").to_string();
    let (code, out, err) =
        cli(state, os(&[&"register", &"show", &"--register", &state.opts.register, &serial]), &[]);
    ran(code, out, err)
}

fn revoke(state: &State, req: &Req) -> Reply {
    let b = req.json();
    let serial = b["serial"].as_str().unwrap_or("").trim().to_string();
    let Some(reason) = b["reason"].as_str().and_then(verify::reason_code) else {
        return bad(t!("err-reason-unknown", given = b["reason"].as_str().unwrap_or("")));
    };
    let mut args =
        os(&[&"revoke", &serial, &"--register", &state.opts.register, &"--keys", &state.opts.keys]);
    args.extend(os(&[&"--reason", &reason]));
    if let Some(d) = b["decision"].as_str().map(str::trim).filter(|d| !d.is_empty()) {
        args.extend(os(&[&"--decision", &d]));
    }
    let (code, out, err) = cli(state, args, &[]);
    ran(code, out, err)
}

/// Prints one certificate again, from the register alone, into `in-lai/SERIAL.pdf`.
fn reprint(state: &State, req: &Req) -> Reply {
    let b = req.json();
    let serial = b["serial"].as_str().unwrap_or("").trim().to_string();
    let safe: String =
        serial.chars().map(|c| if c.is_alphanumeric() || "-_".contains(c) { c } else { '_' }).collect();
    let out = state.opts.folder.join(t!("ui-reprint-folder")).join(format!("{safe}.pdf"));
    let args = os(&[
        &"print",
        &"--register",
        &state.opts.register,
        &"--serial",
        &serial,
        &"--merged",
        &out,
        &"--replace-merged",
        &"--quiet",
    ]);
    let (code, stdout, err) = cli(state, args, &[]);
    let mut r = ran(code, stdout, err);
    if code == 0 {
        r = Reply::json(json!({"code": 0, "file": rel(state, &out)}));
    }
    r
}

/// Exports the sổ gốc (PDF, XLSX or CSV) or the blank report into the folder.
fn export(state: &State, req: &Req) -> Reply {
    let b = req.json();
    let format = match b["format"].as_str() {
        Some(f @ ("pdf" | "xlsx" | "csv")) => f,
        _ => return bad(t!("ui-bad-request")),
    };
    let blanks = b["blanks"].as_bool() == Some(true);
    let stem = if blanks { t!("ui-blanks-name") } else { t!("ui-book-name") };
    let out = state.opts.folder.join(format!("{stem}.{format}"));
    let mut args = os(&[&"register", &"export", &"--register", &state.opts.register, &"--out", &out]);
    if blanks {
        args.push("--blanks".into());
    }
    let (code, stdout, err) = cli(state, args, &[]);
    if code == 0 {
        return Reply::json(json!({"code": 0, "file": rel(state, &out), "stdout": stdout}));
    }
    ran(code, stdout, err)
}

fn backup(state: &State, _: &Req) -> Reply {
    let d = today();
    let mut n = 1;
    let mut out = state.opts.folder.join(format!("{}-{}.sqlite", t!("ui-backup-name"), d.iso()));
    while out.exists() {
        n += 1;
        out = state.opts.folder.join(format!("{}-{}-{n}.sqlite", t!("ui-backup-name"), d.iso()));
    }
    let (code, stdout, err) =
        cli(state, os(&[&"register", &"backup", &"--register", &state.opts.register, &"--out", &out]), &[]);
    if code == 0 {
        return Reply::json(json!({"code": 0, "file": rel(state, &out), "stdout": stdout}));
    }
    ran(code, stdout, err)
}

fn spoil(state: &State, req: &Req) -> Reply {
    let b = req.json();
    let blank = b["blank"].as_str().unwrap_or("").trim().to_string();
    let reason = b["reason"].as_str().unwrap_or("").trim().to_string();
    let (code, out, err) = cli(
        state,
        os(&[&"spoil", &"--register", &state.opts.register, &"--blank", &blank, &"--reason", &reason]),
        &[],
    );
    ran(code, out, err)
}

fn calibrate(state: &State, _: &Req) -> Reply {
    let out = state.opts.folder.join(format!("{}.pdf", t!("ui-calibration-name")));
    let (code, stdout, err) = cli(state, os(&[&"calibrate", &"--out", &out]), &[]);
    if code == 0 {
        return Reply::json(json!({"code": 0, "file": rel(state, &out), "stdout": stdout}));
    }
    ran(code, stdout, err)
}

/// Verifies what the page was given (a PDF, a photo, or the code's text) exactly as `verify`
/// does, against the folder's keys: the same verdict, claims and words; the exit code says
/// which verdict.
fn verify_route(state: &State, req: &Req) -> Reply {
    let work = state.opts.folder.join(".chungnhan-ui");
    let _ = std::fs::create_dir_all(&work);
    let mut trust = os(&[&"--trust", &state.opts.keys, &"--state", &work.join("seen")]);
    let text = req.q("text") == Some("1");
    let (code, out, err) = if text {
        let code_text = String::from_utf8_lossy(&req.body).trim().to_string();
        if code_text.len() > verify::MAX_TEXT_INPUT_BYTES {
            return Reply::error(413, t!("ui-too-large", mib = 1), None);
        }
        let mut a = os(&[&"verify", &code_text]);
        a.append(&mut trust);
        cli(state, a, &[])
    } else {
        let e = req
            .q("name")
            .map(|n| ext(Path::new(n)))
            .filter(|e| ["pdf", "png", "jpg", "jpeg"].contains(&e.as_str()));
        let Some(e) = e else { return bad(t!("ui-verify-kind")) };
        let mut raw = [0u8; 8];
        let _ = getrandom::fill(&mut raw);
        let tmp =
            work.join(format!("xac-thuc-{}.{e}", raw.iter().map(|b| format!("{b:02x}")).collect::<String>()));
        if let Err(e) = std::fs::write(&tmp, &req.body) {
            return Reply::error(500, e.to_string(), None);
        }
        let mut a = os(&[&"verify", &tmp]);
        a.append(&mut trust);
        let r = cli(state, a, &[]);
        let _ = std::fs::remove_file(&tmp);
        r
    };
    Reply::json(json!({"code": code, "report": out, "stderr": err, "valid": code == 0}))
}
