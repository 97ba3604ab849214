// The template designer of the workbench (the "Thiết kế mẫu" tab). Plain JavaScript, no build
// step. Every word comes from /api/designer/texts (the catalogues' ui-designer- messages). The
// picture under the boxes is the real draft page the server draws with the same code as
// `render`; this script only moves boxes (in mm) and sends them back (src/ui/designer.rs).
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let T = {};
  const t = (id, args) => {
    let s = T[id] || id;
    for (const [k, v] of Object.entries(args || {})) s = s.split("{" + k + "}").join(String(v));
    return s;
  };
  const el = (tag, props, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "class") e.className = v;
      else if (k.startsWith("aria-") || k.startsWith("data-") || k === "role" || k === "for") e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const k of kids) e.append(k);
    return e;
  };
  // Vietnamese as typed with Telex/VNI may arrive decomposed: always composed (NFC).
  const nfc = (s) => (s || "").normalize("NFC");
  const vi = () => (document.documentElement.lang || "vi").startsWith("vi");
  const fmt = (v) => {
    const s = String(Math.round(v * 100) / 100);
    return vi() ? s.replace(".", ",") : s;
  };
  const num = (s) => {
    const v = parseFloat(String(s).trim().replace(",", "."));
    return Number.isFinite(v) ? v : null;
  };
  const round2 = (v) => Math.round(v * 100) / 100;

  async function api(method, path, body) {
    const opts = { method, credentials: "same-origin", headers: {} };
    if (body !== undefined) {
      opts.body = JSON.stringify(body);
      opts.headers["Content-Type"] = "application/json";
    }
    const r = await fetch(path, opts);
    let j = null;
    try { j = await r.json(); } catch (_) { j = { error: r.statusText }; }
    return { ok: r.ok, status: r.status, j };
  }

  // ---- state ----
  const D = {
    template: null,
    builtin: false,
    page: [297, 210],
    margin: 4,
    fonts: [],
    names: [],
    elements: [],
    selected: new Set(),
    primary: null,
    history: [],
    future: [],
    grid: 0.5,
    dirty: false,
    seq: 0,
  };
  let built = false;

  const snap = (v) => (D.grid > 0 ? Math.round(v / D.grid) * D.grid : round2(v));

  // ---- the panel ----
  function build() {
    const panel = $("panel-designer");
    panel.textContent = "";
    const btn = (id, word, extra) => el("button", Object.assign({ type: "button", id, textContent: t(word) }, extra || {}));
    const field = (id, word, input) => el("div", { class: "dz-field" }, el("label", { for: id, textContent: t(word) }), input);
    const select = (id, options) => {
      const s = el("select", { id });
      for (const [v, w] of options) s.append(el("option", { value: v, textContent: w }));
      return s;
    };
    const text = (id) => el("input", { id, type: "text", autocomplete: "off", spellcheck: false });
    const decimal = (id) => el("input", { id, type: "text", inputMode: "decimal", autocomplete: "off", class: "dz-num" });

    panel.append(
      el("h2", { textContent: t("ui-designer-heading") }),
      el("div", { class: "dz-bar", role: "toolbar", "aria-label": t("ui-designer-heading") },
        field("dz-template", "ui-designer-template", el("select", { id: "dz-template" })),
        btn("dz-add", "ui-designer-add-text"),
        btn("dz-dup", "ui-designer-duplicate"),
        btn("dz-del", "ui-designer-delete"),
        btn("dz-undo", "ui-designer-undo"),
        btn("dz-redo", "ui-designer-redo"),
        field("dz-grid", "ui-designer-grid", select("dz-grid", [["0.5", "0,5 mm"], ["1", "1 mm"], ["0", t("ui-designer-grid-off")]])),
        field("dz-scan-file", "ui-designer-blank-scan", el("input", { id: "dz-scan-file", type: "file", accept: "image/png,image/jpeg" })),
        el("label", { class: "dz-check" }, el("input", { type: "checkbox", id: "dz-scan-show", checked: true }), " " + t("ui-designer-blank-scan-show")),
      ),
      el("div", { class: "dz-bar", role: "group", "aria-label": t("ui-designer-align") },
        btn("dz-al-left", "ui-designer-align-left"),
        btn("dz-al-hcenter", "ui-designer-align-hcenter"),
        btn("dz-al-right", "ui-designer-align-right"),
        btn("dz-al-top", "ui-designer-align-top"),
        btn("dz-al-vmiddle", "ui-designer-align-vmiddle"),
        btn("dz-al-bottom", "ui-designer-align-bottom"),
        btn("dz-dist-h", "ui-designer-distribute-h"),
        btn("dz-dist-v", "ui-designer-distribute-v"),
      ),
      el("div", { class: "dz-main" },
        el("div", { class: "dz-stage-wrap" },
          el("div", { id: "dz-stage", class: "dz-stage" },
            el("img", { id: "dz-page", alt: "", draggable: false }),
            el("img", { id: "dz-scan", alt: "", draggable: false, hidden: true }),
            el("div", { id: "dz-boxes", class: "dz-boxes", role: "listbox", "aria-multiselectable": "true", "aria-label": t("ui-designer-elements") }),
          ),
          el("p", { id: "dz-status", class: "muted", role: "status" }),
          el("p", { class: "muted", textContent: t("ui-designer-keys") }),
        ),
        el("aside", { class: "dz-inspector", "aria-labelledby": "dz-inspector-title" },
          el("h3", { id: "dz-inspector-title", textContent: t("ui-designer-inspector") }),
          el("p", { id: "dz-selection", class: "muted" }),
          el("fieldset", { id: "dz-fields", disabled: true },
            field("dz-name", "ui-designer-name", text("dz-name")),
            el("div", { class: "dz-grid2" },
              field("dz-x", "ui-designer-x", decimal("dz-x")),
              field("dz-y", "ui-designer-y", decimal("dz-y")),
              field("dz-w", "ui-designer-w", decimal("dz-w")),
              field("dz-h", "ui-designer-h", decimal("dz-h")),
            ),
            el("div", { id: "dz-text-fields" },
              field("dz-size", "ui-designer-size", decimal("dz-size")),
              field("dz-font", "ui-designer-font", el("select", { id: "dz-font" })),
              field("dz-style", "ui-designer-style", select("dz-style", [
                ["regular", t("ui-designer-style-regular")], ["bold", t("ui-designer-style-bold")],
                ["italic", t("ui-designer-style-italic")], ["bold-italic", t("ui-designer-style-bold-italic")]])),
              field("dz-align", "ui-designer-text-align", select("dz-align", [
                ["left", t("ui-designer-text-align-left")], ["center", t("ui-designer-text-align-center")],
                ["right", t("ui-designer-text-align-right")], ["justify", t("ui-designer-text-align-justify")]])),
              field("dz-color", "ui-designer-color", el("input", { id: "dz-color", type: "color" })),
              field("dz-content", "ui-designer-content", el("textarea", { id: "dz-content", rows: 3, spellcheck: false })),
              field("dz-var", "ui-designer-insert-var", el("select", { id: "dz-var" })),
            ),
            el("p", { id: "dz-proof", class: "muted", hidden: true, textContent: t("ui-designer-proof-only") }),
          ),
          el("h3", { id: "dz-checks-title", textContent: t("ui-designer-checks") }),
          el("ul", { id: "dz-checks", class: "dz-checks", role: "status", "aria-live": "polite", "aria-labelledby": "dz-checks-title" }),
          el("div", { id: "dz-folder-box", hidden: true }, field("dz-folder", "ui-designer-new-folder", text("dz-folder"))),
          el("button", { type: "button", id: "dz-save", class: "primary", textContent: t("ui-designer-save") }),
          el("p", { id: "dz-saved", role: "status", "aria-live": "polite" }),
        ),
      ),
    );
    wire();
  }

  // ---- loading a template ----
  async function loadTemplates(selected) {
    const r = await api("GET", "/api/state");
    const sel = $("dz-template");
    sel.textContent = "";
    const list = (r.ok && r.j && r.j.templates) || [];
    for (const it of list) {
      const name = typeof it === "string" ? it : it.name;
      const desc = typeof it === "string" ? "" : it.description || "";
      sel.append(el("option", { value: name, textContent: desc ? name + " — " + desc : name }));
    }
    if (selected && !list.some((it) => (typeof it === "string" ? it : it.name) === selected)) {
      sel.append(el("option", { value: selected, textContent: selected }));
    }
    if (selected) sel.value = selected;
    else if (r.ok && r.j && r.j.session && r.j.session.template) sel.value = r.j.session.template;
  }

  async function open(name) {
    const r = await api("GET", "/api/designer/open?template=" + encodeURIComponent(name));
    if (!r.ok) { showChecks([], [], r.j.error + (r.j.hint ? " — " + r.j.hint : "")); return; }
    const j = r.j;
    D.template = j.template;
    D.builtin = j.builtin;
    D.page = j.page_mm;
    D.margin = j.margin_mm;
    D.fonts = j.fonts;
    D.defaultFont = j.default_font;
    D.names = j.names;
    D.elements = j.elements;
    D.selected = new Set();
    D.primary = null;
    D.history = [];
    D.future = [];
    D.dirty = false;
    $("dz-template").value = D.template;
    $("dz-folder-box").hidden = !D.builtin;
    $("dz-folder").value = j.new_folder || "";
    $("dz-saved").textContent = "";
    const font = $("dz-font");
    font.textContent = "";
    for (const f of D.fonts) font.append(el("option", { value: f, textContent: f }));
    const v = $("dz-var");
    v.textContent = "";
    v.append(el("option", { value: "", textContent: "—" }));
    for (const n of D.names) v.append(el("option", { value: n, textContent: "{{ " + n + " }}" }));
    $("dz-page").alt = t("ui-designer-preview-alt", { template: D.template });
    $("dz-stage").style.aspectRatio = D.page[0] + " / " + D.page[1];
    drawBoxes();
    inspect();
    showChecks(j.problems, [], null);
    refresh(0);
  }

  // ---- the boxes ----
  function labelOf(e, i) { return e.name ? e.name : "#" + (i + 1) + " (" + e.kind + ")"; }

  function outside(e) {
    const [pw, ph] = D.page;
    const m = D.margin;
    if (e.x < -0.01 || e.y < -0.01 || e.x + e.w > pw + 0.01 || e.y + e.h > ph + 0.01) return true;
    return !e.proof_only && (e.x < m - 0.01 || e.y < m - 0.01 || e.x + e.w > pw - m + 0.01 || e.y + e.h > ph - m + 0.01);
  }

  function place(box, e) {
    const [pw, ph] = D.page;
    box.style.left = (e.x / pw) * 100 + "%";
    box.style.top = (e.y / ph) * 100 + "%";
    box.style.width = (e.w / pw) * 100 + "%";
    box.style.height = (e.h / ph) * 100 + "%";
    box.classList.toggle("dz-bad", outside(e));
  }

  function drawBoxes() {
    const layer = $("dz-boxes");
    // The box that had the focus keeps it (the keyboard goes on nudging it).
    const had = document.activeElement && document.activeElement.closest ? document.activeElement.closest(".dz-box") : null;
    const focusAt = had ? Number(had.dataset.i) : null;
    layer.textContent = "";
    D.elements.forEach((e, i) => {
      e.label = labelOf(e, i);
      const box = el("div", {
        class: "dz-box dz-" + e.kind + (e.proof_only ? " dz-proof" : ""),
        role: "option",
        tabIndex: 0,
        "aria-label": e.label,
        "aria-selected": D.selected.has(i) ? "true" : "false",
        "data-i": String(i),
      }, el("span", { class: "dz-tag", "aria-hidden": "true", textContent: e.label }));
      for (const h of ["nw", "n", "ne", "e", "se", "s", "sw", "w"]) box.append(el("span", { class: "dz-h dz-h-" + h, "data-h": h, "aria-hidden": "true" }));
      place(box, e);
      layer.append(box);
    });
    if (focusAt !== null && focusAt < D.elements.length) boxOf(focusAt).focus({ preventScroll: true });
  }

  function boxOf(i) { return $("dz-boxes").querySelector('[data-i="' + i + '"]'); }

  function markSelection() {
    for (const box of $("dz-boxes").children) {
      const i = Number(box.dataset.i);
      box.setAttribute("aria-selected", D.selected.has(i) ? "true" : "false");
      box.classList.toggle("dz-primary", i === D.primary);
    }
    const n = D.selected.size;
    $("dz-selection").textContent = n === 0 ? t("ui-designer-nothing-selected") : t("ui-designer-selected", { n });
  }

  function select(i, add) {
    if (i === null) { D.selected = new Set(); D.primary = null; }
    else if (add) {
      if (D.selected.has(i)) { D.selected.delete(i); if (D.primary === i) D.primary = D.selected.size ? [...D.selected].pop() : null; }
      else { D.selected.add(i); D.primary = i; }
    } else { D.selected = new Set([i]); D.primary = i; }
    markSelection();
    inspect();
  }

  // ---- history ----
  function remember() {
    D.history.push(JSON.stringify(D.elements));
    if (D.history.length > 200) D.history.shift();
    D.future = [];
  }
  function changed() {
    D.dirty = true;
    $("dz-saved").textContent = t("ui-designer-unsaved");
    drawBoxes();
    markSelection();
    inspect();
    refresh(150);
  }
  function undo() {
    if (!D.history.length) return;
    D.future.push(JSON.stringify(D.elements));
    D.elements = JSON.parse(D.history.pop());
    clampSelection();
    changed();
  }
  function redo() {
    if (!D.future.length) return;
    D.history.push(JSON.stringify(D.elements));
    D.elements = JSON.parse(D.future.pop());
    clampSelection();
    changed();
  }
  function clampSelection() {
    D.selected = new Set([...D.selected].filter((i) => i < D.elements.length));
    if (D.primary !== null && D.primary >= D.elements.length) D.primary = null;
  }

  // ---- the inspector ----
  function inspect() {
    const e = D.primary !== null ? D.elements[D.primary] : null;
    $("dz-fields").disabled = !e;
    const set = (id, v) => { const f = $(id); if (document.activeElement !== f) f.value = v; };
    set("dz-name", e ? e.name || "" : "");
    for (const k of ["x", "y", "w", "h"]) set("dz-" + k, e ? fmt(e[k]) : "");
    const isText = !!(e && e.text);
    $("dz-text-fields").hidden = !isText;
    $("dz-proof").hidden = !(e && e.proof_only);
    if (isText) {
      set("dz-size", fmt(e.text.size));
      if (!D.fonts.includes(e.text.font)) $("dz-font").append(el("option", { value: e.text.font, textContent: e.text.font }));
      set("dz-font", e.text.font);
      set("dz-style", e.text.style);
      set("dz-align", e.text.align);
      set("dz-color", /^#[0-9a-fA-F]{6}$/.test(e.text.color) ? e.text.color.toLowerCase() : "#000000");
      set("dz-content", e.text.content);
    }
    markSelection();
  }

  function edit(fn) {
    if (D.primary === null) return;
    const before = JSON.stringify(D.elements);
    fn(D.elements[D.primary]);
    if (JSON.stringify(D.elements) === before) return;
    D.history.push(before);
    D.future = [];
    changed();
  }

  // Text fields: a word being composed by an input method (Telex, VNI) is committed when the
  // composition ends, never letter by letter; and always as NFC.
  function textField(id, apply) {
    const f = $(id);
    let composing = false;
    f.addEventListener("compositionstart", () => { composing = true; });
    f.addEventListener("compositionend", () => { composing = false; apply(nfc(f.value)); });
    f.addEventListener("input", (ev) => { if (!composing && !ev.isComposing) apply(nfc(f.value)); });
    f.addEventListener("change", () => { if (!composing) apply(nfc(f.value)); });
  }

  // ---- moving and resizing with the mouse ----
  let drag = null;
  function pxPerMm() { return $("dz-boxes").getBoundingClientRect().width / D.page[0]; }

  function onPointerDown(ev) {
    if (ev.button !== 0) return;
    const layer = $("dz-boxes");
    const handle = ev.target.closest(".dz-h");
    const box = ev.target.closest(".dz-box");
    if (!box) { select(null); return; }
    const i = Number(box.dataset.i);
    const add = ev.shiftKey || ev.ctrlKey || ev.metaKey;
    if (add) { select(i, true); box.focus(); return; }
    if (!D.selected.has(i) || handle) select(i, false);
    else { D.primary = i; markSelection(); inspect(); }
    box.focus({ preventScroll: true });
    ev.preventDefault();
    drag = {
      x: ev.clientX, y: ev.clientY,
      handle: handle ? handle.dataset.h : null,
      start: JSON.stringify(D.elements),
      from: new Map([...D.selected].map((k) => [k, Object.assign({}, D.elements[k])])),
      moved: false,
    };
    layer.setPointerCapture(ev.pointerId);
  }

  function onPointerMove(ev) {
    if (!drag) return;
    const s = pxPerMm();
    const dx = (ev.clientX - drag.x) / s;
    const dy = (ev.clientY - drag.y) / s;
    if (!drag.moved && Math.abs(ev.clientX - drag.x) < 2 && Math.abs(ev.clientY - drag.y) < 2) return;
    drag.moved = true;
    if (drag.handle) {
      const i = D.primary;
      const o = drag.from.get(i);
      const e = D.elements[i];
      const h = drag.handle;
      const min = D.grid > 0 ? D.grid : 0.5;
      let { x, y, w, h: hh } = o;
      if (h.includes("w")) { const nx = Math.min(snap(o.x + dx), o.x + o.w - min); w = o.x + o.w - nx; x = nx; }
      if (h.includes("e")) { w = Math.max(min, snap(o.x + o.w + dx) - o.x); }
      if (h.includes("n")) { const ny = Math.min(snap(o.y + dy), o.y + o.h - min); hh = o.y + o.h - ny; y = ny; }
      if (h.includes("s")) { hh = Math.max(e.kind === "line" ? 0 : min, snap(o.y + o.h + dy) - o.y); }
      if (e.kind === "qr") { const side = Math.max(w, hh); w = side; hh = side; }
      Object.assign(e, { x: round2(x), y: round2(y), w: round2(w), h: round2(hh) });
      place(boxOf(i), e);
    } else {
      for (const [k, o] of drag.from) {
        const e = D.elements[k];
        e.x = round2(snap(o.x + dx));
        e.y = round2(snap(o.y + dy));
        place(boxOf(k), e);
      }
    }
    inspect();
  }

  function onPointerUp(ev) {
    if (!drag) return;
    const d = drag;
    drag = null;
    try { $("dz-boxes").releasePointerCapture(ev.pointerId); } catch (_) { /* already released */ }
    if (d.moved && JSON.stringify(D.elements) !== d.start) {
      D.history.push(d.start);
      D.future = [];
      changed();
    }
  }

  // ---- keyboard ----
  function nudge(dx, dy) {
    if (!D.selected.size) return;
    remember();
    for (const i of D.selected) {
      const e = D.elements[i];
      e.x = round2(e.x + dx);
      e.y = round2(e.y + dy);
    }
    changed();
  }

  function onBoxKey(ev) {
    const box = ev.target.closest(".dz-box");
    if (!box) return;
    const i = Number(box.dataset.i);
    const step = ev.shiftKey ? 10 : 1;
    const keys = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (keys[ev.key]) {
      ev.preventDefault();
      if (!D.selected.has(i)) select(i, false);
      nudge(...keys[ev.key]);
    } else if (ev.key === " " || ev.key === "Enter") {
      ev.preventDefault();
      select(i, ev.shiftKey || ev.ctrlKey);
    } else if (ev.key === "Delete" || ev.key === "Backspace") {
      ev.preventDefault();
      del();
    } else if (ev.key === "Escape") {
      select(null);
    }
  }

  function onGlobalKey(ev) {
    if ($("panel-designer").hidden) return;
    const typing = ev.target.closest && ev.target.closest("input, textarea, select");
    if (typing) return;
    const mod = ev.ctrlKey || ev.metaKey;
    const k = ev.key.toLowerCase();
    if (mod && k === "z" && !ev.shiftKey) { ev.preventDefault(); undo(); }
    else if (mod && (k === "y" || (k === "z" && ev.shiftKey))) { ev.preventDefault(); redo(); }
    else if (mod && k === "d") { ev.preventDefault(); duplicate(); }
  }

  // ---- add, duplicate, delete ----
  // A name no element has: `base_N`, N counted from `from`.
  function freshName(base, from) {
    const names = new Set(D.elements.map((e) => e.name));
    for (let n = from; ; n++) { const c = base + "_" + n; if (!names.has(c)) return c; }
  }

  function add() {
    remember();
    const [pw, ph] = D.page;
    const w = Math.min(80, pw - 2 * D.margin - 10);
    D.elements.push({
      source: null, kind: "text", name: freshName("chu", 1), x: snap((pw - w) / 2), y: snap(ph / 2 - 5), w: snap(w), h: 10,
      text: { content: "", font: D.defaultFont, style: "regular", size: 12, align: "center", color: "#000000" },
      proof_only: false,
    });
    select(D.elements.length - 1, false);
    changed();
  }

  function duplicate() {
    if (!D.selected.size) return;
    remember();
    const picked = [...D.selected].sort((a, b) => a - b);
    // Each copy is drawn right after its original, 5 mm lower and to the right: from the last
    // one back, so that the indices still to come do not move.
    for (let k = picked.length - 1; k >= 0; k--) {
      const i = picked[k];
      const c = JSON.parse(JSON.stringify(D.elements[i]));
      // chu_1 copied is chu_2, ho_ten copied ho_ten_2.
      if (c.name) c.name = freshName(c.name.replace(/_\d+$/, ""), 2);
      c.x = round2(c.x + 5);
      c.y = round2(c.y + 5);
      D.elements.splice(i + 1, 0, c);
    }
    // The k-th original moved down by the k copies before it; its copy follows it.
    D.selected = new Set(picked.map((i, k) => i + k + 1));
    D.primary = [...D.selected].pop();
    changed();
  }

  function del() {
    if (!D.selected.size) return;
    remember();
    D.elements = D.elements.filter((_, i) => !D.selected.has(i));
    select(null);
    changed();
  }

  // ---- align and distribute the selection ----
  function align(how) {
    const sel = [...D.selected].map((i) => D.elements[i]);
    if (sel.length < 2) return;
    remember();
    const left = Math.min(...sel.map((e) => e.x)), right = Math.max(...sel.map((e) => e.x + e.w));
    const top = Math.min(...sel.map((e) => e.y)), bottom = Math.max(...sel.map((e) => e.y + e.h));
    for (const e of sel) {
      if (how === "left") e.x = left;
      if (how === "right") e.x = round2(right - e.w);
      if (how === "hcenter") e.x = round2((left + right) / 2 - e.w / 2);
      if (how === "top") e.y = top;
      if (how === "bottom") e.y = round2(bottom - e.h);
      if (how === "vmiddle") e.y = round2((top + bottom) / 2 - e.h / 2);
    }
    changed();
  }

  function distribute(axis) {
    const sel = [...D.selected].map((i) => D.elements[i]);
    if (sel.length < 3) return;
    remember();
    const [p, s] = axis === "h" ? ["x", "w"] : ["y", "h"];
    sel.sort((a, b) => a[p] - b[p]);
    const first = sel[0][p], last = sel[sel.length - 1][p] + sel[sel.length - 1][s];
    const gap = (last - first - sel.reduce((a, e) => a + e[s], 0)) / (sel.length - 1);
    let at = first;
    for (const e of sel) { e[p] = round2(at); at += e[s] + gap; }
    changed();
  }

  // ---- the picture and the checks ----
  let timer = null;
  function refresh(delay) {
    clearTimeout(timer);
    timer = setTimeout(draw, delay);
  }

  async function draw() {
    const seq = ++D.seq;
    $("dz-status").textContent = t("ui-designer-drawing");
    const r = await api("POST", "/api/designer/preview", { template: D.template, elements: D.elements });
    if (seq !== D.seq) return; // a newer picture is on its way
    if (!r.ok) { $("dz-status").textContent = ""; showChecks([], [], r.j.error + (r.j.hint ? " — " + r.j.hint : "")); return; }
    if (r.j.image) $("dz-page").src = r.j.image;
    $("dz-status").textContent = t("ui-designer-drawn", { ms: r.j.ms });
    showChecks(r.j.problems, r.j.shrunk, r.j.error);
  }

  function showChecks(problems, shrunk, error) {
    const ul = $("dz-checks");
    ul.textContent = "";
    const bad = new Set((problems || []).map((p) => p.element));
    if (error) ul.append(el("li", { class: "dz-error", textContent: error }));
    for (const p of problems || []) ul.append(el("li", { class: "dz-error", textContent: p.element + ": " + p.message }));
    for (const s of shrunk || []) ul.append(el("li", { class: "dz-warn", textContent: t("ui-designer-shrunk", { element: s.element, from: fmt(s.from), to: fmt(s.to) }) }));
    if (!ul.children.length) ul.append(el("li", { class: "dz-ok", textContent: t("ui-designer-checks-ok") }));
    for (const box of $("dz-boxes").children) {
      const e = D.elements[Number(box.dataset.i)];
      if (e) box.classList.toggle("dz-bad", bad.has(e.label) || outside(e));
    }
  }

  // ---- save ----
  async function save() {
    const body = { template: D.template, elements: D.elements, new_folder: nfc($("dz-folder").value) };
    const r = await api("POST", "/api/designer/save", body);
    if (!r.ok) {
      $("dz-saved").textContent = r.j.error + (r.j.hint ? " — " + r.j.hint : "");
      return;
    }
    const folder = r.j.folder;
    await loadTemplates(r.j.template);
    await open(r.j.template);
    $("dz-saved").textContent = t("ui-designer-saved", { folder });
    document.dispatchEvent(new CustomEvent("chungnhan-template-saved", { detail: r.j.template }));
  }

  // ---- wiring ----
  function wire() {
    $("dz-template").addEventListener("change", () => open($("dz-template").value));
    $("dz-add").addEventListener("click", add);
    $("dz-dup").addEventListener("click", duplicate);
    $("dz-del").addEventListener("click", del);
    $("dz-undo").addEventListener("click", undo);
    $("dz-redo").addEventListener("click", redo);
    $("dz-grid").addEventListener("change", () => { D.grid = num($("dz-grid").value) || 0; });
    for (const how of ["left", "hcenter", "right", "top", "vmiddle", "bottom"]) $("dz-al-" + how).addEventListener("click", () => align(how));
    $("dz-dist-h").addEventListener("click", () => distribute("h"));
    $("dz-dist-v").addEventListener("click", () => distribute("v"));
    $("dz-save").addEventListener("click", save);

    const layer = $("dz-boxes");
    layer.addEventListener("pointerdown", onPointerDown);
    layer.addEventListener("pointermove", onPointerMove);
    layer.addEventListener("pointerup", onPointerUp);
    layer.addEventListener("pointercancel", onPointerUp);
    layer.addEventListener("keydown", onBoxKey);
    document.addEventListener("keydown", onGlobalKey);

    // The scanned blank: shown over the page, multiplied, in this page only; never sent, never
    // printed.
    $("dz-scan-file").addEventListener("change", () => {
      const f = $("dz-scan-file").files[0];
      const img = $("dz-scan");
      if (img.src) URL.revokeObjectURL(img.src);
      if (!f) { img.hidden = true; return; }
      img.src = URL.createObjectURL(f);
      img.hidden = !$("dz-scan-show").checked;
    });
    $("dz-scan-show").addEventListener("change", () => { $("dz-scan").hidden = !$("dz-scan-show").checked || !$("dz-scan").src; });

    for (const k of ["x", "y", "w", "h"]) {
      $("dz-" + k).addEventListener("change", () => {
        const v = num($("dz-" + k).value);
        if (v === null || ((k === "w" || k === "h") && v < 0)) { inspect(); return; }
        edit((e) => {
          e[k] = round2(v);
          if (e.kind === "qr" && (k === "w" || k === "h")) { e.w = round2(v); e.h = round2(v); }
        });
      });
    }
    $("dz-size").addEventListener("change", () => {
      const v = num($("dz-size").value);
      if (v === null || v <= 0) { inspect(); return; }
      edit((e) => { if (e.text) e.text.size = round2(v); });
    });
    for (const k of ["font", "style", "align", "color"]) {
      $("dz-" + k).addEventListener("change", () => edit((e) => { if (e.text) e.text[k] = nfc($("dz-" + k).value); }));
    }
    textField("dz-content", (v) => edit((e) => { if (e.text) e.text.content = v; }));
    // A name is committed when the field is left: half a name is no name.
    const name = $("dz-name");
    let composingName = false;
    name.addEventListener("compositionstart", () => { composingName = true; });
    name.addEventListener("compositionend", () => { composingName = false; });
    name.addEventListener("change", () => {
      if (composingName) return;
      const v = nfc(name.value).trim();
      edit((e) => { e.name = v || null; });
    });
    $("dz-var").addEventListener("change", () => {
      const n = $("dz-var").value;
      if (!n) return;
      const area = $("dz-content");
      const at = area.selectionStart ?? area.value.length;
      const end = area.selectionEnd ?? at;
      const ins = "{{ " + n + " }}";
      area.value = area.value.slice(0, at) + ins + area.value.slice(end);
      $("dz-var").value = "";
      edit((e) => { if (e.text) e.text.content = nfc(area.value); });
      area.focus();
      area.setSelectionRange(at + ins.length, at + ins.length);
    });
  }

  async function start() {
    if (built) return;
    built = true;
    const r = await fetch("/api/designer/texts", { credentials: "same-origin" });
    T = await r.json();
    build();
    await loadTemplates();
    await open($("dz-template").value || "giay-chung-nhan");
  }

  document.addEventListener("chungnhan-tab", (ev) => { if (ev.detail === "tab-designer") start(); });
  // Opened straight on the designer (or the tab chosen before this script ran).
  if ($("panel-designer") && !$("panel-designer").hidden) start();
  window.chungnhanDesigner = { start, state: () => D };
})();
