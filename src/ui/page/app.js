// The workbench page (chungnhan ui). Plain JavaScript, no build step: every word comes from
// /texts.json (the catalogues' ui- messages); every result from the server's JSON routes.
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
    Object.assign(e, props || {});
    for (const k of kids) e.append(k);
    return e;
  };
  const nfc = (s) => (s || "").normalize("NFC");

  async function api(method, path, body, raw) {
    const opts = { method, credentials: "same-origin", headers: {} };
    if (body !== undefined) {
      if (raw) opts.body = body;
      else { opts.body = JSON.stringify(body); opts.headers["Content-Type"] = "application/json"; }
    }
    const r = await fetch(path, opts);
    let j = null;
    try { j = await r.json(); } catch (_) { j = { error: r.statusText }; }
    return { ok: r.ok, status: r.status, j };
  }
  const errText = (j) => (j && j.error ? j.error + (j.hint ? "\n" + t("ui-hint") + ": " + j.hint : "") : "");

  // ---- tabs (arrow keys move between them, as WAI-ARIA tabs do) ----
  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
  function selectTab(tab) {
    for (const x of tabs) {
      const on = x === tab;
      x.setAttribute("aria-selected", on ? "true" : "false");
      x.tabIndex = on ? 0 : -1;
      $(x.getAttribute("aria-controls")).hidden = !on;
    }
    if (tab.id === "tab-vars") loadVarsForm();
    if (tab.id === "tab-issue") refreshIssue();
    document.dispatchEvent(new CustomEvent("chungnhan-tab", { detail: tab.id }));
  }
  for (const tab of tabs) {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (e) => {
      const i = tabs.indexOf(tab);
      let n = null;
      if (e.key === "ArrowRight") n = tabs[(i + 1) % tabs.length];
      if (e.key === "ArrowLeft") n = tabs[(i + tabs.length - 1) % tabs.length];
      if (e.key === "Home") n = tabs[0];
      if (e.key === "End") n = tabs[tabs.length - 1];
      if (n) { e.preventDefault(); n.focus(); selectTab(n); }
    });
  }

  // ---- state ----
  let S = null;      // /api/state
  let view = null;   // the roster as opened
  let edits = new Map();
  let record = 1;

  function fillSelect(sel, items, value, empty) {
    sel.textContent = "";
    if (empty !== undefined) sel.append(el("option", { value: "", textContent: empty }));
    for (const it of items) sel.append(el("option", { value: it.value, textContent: it.label }));
    if (value !== undefined && value !== null) sel.value = value;
  }

  async function loadState() {
    const r = await api("GET", "/api/state");
    S = r.j;
    $("folder").textContent = t("ui-folder", { folder: S.folder });
    // What the clerk chose stays chosen; else what the server is working on.
    const cur = S.session || {};
    const keep = (id, v) => $(id).value || v || "";
    const roster = keep("roster-pick", cur.roster), tpl = keep("template", cur.template), vars = keep("vars-pick", cur.vars);
    fillSelect($("roster-pick"), S.rosters.map((n) => ({ value: n, label: n })), roster, t("ui-none"));
    fillSelect($("template"), S.templates.map((x) => ({ value: x.name, label: x.name + " — " + x.description })), tpl || undefined);
    fillSelect($("vars-pick"), S.vars.map((n) => ({ value: n, label: n })), vars, t("ui-none"));
    $("passphrase-box").hidden = !S.key_encrypted;
    fillSelect($("reason"), S.reasons.map((x) => ({ value: x.code, label: x.words })));
    return S;
  }

  // ---- roster ----
  async function upload(file) {
    const r = await api("POST", "/api/upload?name=" + encodeURIComponent(nfc(file.name)), file, true);
    if (!r.ok) { showFatal(r.j); return null; }
    return r.j.name;
  }
  function showFatal(j) {
    const f = $("roster-fatal");
    f.hidden = !j;
    f.textContent = j ? errText(j) : "";
  }
  async function openRoster(extraMap) {
    const roster = $("roster-pick").value;
    if (!roster) return;
    const map = Object.assign({}, view && view.roster === roster ? Object.fromEntries(view.map) : {}, extraMap || {});
    $("roster-summary").textContent = t("ui-opening", { file: roster });
    const r = await api("POST", "/api/roster", {
      roster, template: $("template").value, vars: $("vars-pick").value, map,
    });
    if (!r.ok) { showFatal(r.j); $("roster-summary").textContent = ""; return; }
    showFatal(r.j.fatal);
    view = r.j;
    edits = new Map();
    $("save-corrected").disabled = true;
    renderRoster();
    const firstGood = view.rows.length ? view.rows[0].record : 1;
    await showPreview(firstGood);
  }
  function renderRoster() {
    const v = view;
    $("roster-summary").textContent = t("ui-roster-summary", {
      file: v.roster, records: v.records, valid: v.valid, bad: v.records - v.valid, ms: v.ms,
    });
    // mapping: each field, the column it is read from (changeable: --map in clicks)
    const mb = $("mapping").tBodies[0];
    mb.textContent = "";
    for (const m of v.mapping) {
      const sel = el("select", { "ariaLabel": m.label });
      sel.setAttribute("aria-label", m.label);
      sel.append(el("option", { value: "", textContent: m.header ? m.header : t("ui-not-read") }));
      for (const h of v.original_headers) sel.append(el("option", { value: h, textContent: h }));
      sel.value = "";
      sel.addEventListener("change", () => { if (sel.value) openRoster({ [sel.value]: m.field }); });
      mb.append(el("tr", {}, el("th", { scope: "row", textContent: m.label + (m.required ? " *" : "") }), el("td", {}, sel)));
    }
    // records, each problem on its cell
    const bad = new Map();
    for (const p of v.problems) {
      if (p.kind === "note") continue;
      const key = p.record + ":" + (p.column || "");
      if (!bad.has(key)) bad.set(key, []);
      bad.get(key).push(p);
    }
    const th = $("records").tHead;
    th.textContent = "";
    th.append(el("tr", {}, el("th", { scope: "col", textContent: "#" }), ...v.headers.map((h) => el("th", { scope: "col", textContent: h }))));
    const tb = $("records").tBodies[0];
    tb.textContent = "";
    for (const row of v.rows) {
      const tr = el("tr", {});
      tr.dataset.record = row.record;
      const rowProblems = bad.get(row.record + ":");
      const head = el("th", { scope: "row", textContent: String(row.record) });
      if (rowProblems) { head.className = "bad"; head.title = rowProblems.map((p) => p.message).join("\n"); }
      tr.append(head);
      row.cells.forEach((c, i) => {
        const td = el("td", { textContent: c, contentEditable: "true", tabIndex: 0 });
        td.dataset.col = i;
        const ps = bad.get(row.record + ":" + v.headers[i]) || bad.get(row.record + ":" + (v.original_headers[i] || ""));
        if (ps) {
          td.className = "bad";
          td.setAttribute("aria-invalid", "true");
          const words = ps.map((p) => p.message + (p.hint ? " — " + p.hint : "")).join("\n");
          td.title = words;
          td.setAttribute("aria-description", words);
        }
        td.addEventListener("focus", () => { if (row.record !== record) showPreview(row.record); });
        // Vietnamese input methods compose in the cell: take the text when composition ends.
        td.addEventListener("compositionend", () => noteEdit(row.record, i, td));
        td.addEventListener("blur", () => noteEdit(row.record, i, td));
        tr.append(td);
      });
      tb.append(tr);
    }
    // problems and warnings, worded as check words them
    const pb = $("problems").tBodies[0];
    pb.textContent = "";
    for (const p of v.problems.concat(v.warnings)) {
      const tr = el("tr", { className: p.kind });
      tr.tabIndex = 0;
      const kind = t(p.kind === "error" ? "ui-kind-error" : p.kind === "warning" ? "ui-kind-warning" : "ui-kind-note");
      tr.append(
        el("td", { textContent: p.place }),
        el("td", { textContent: p.column || p.element || "" }),
        el("td", { textContent: kind + ": " + p.message + (p.also_in ? " " + t("ui-also-in", { n: p.also_in }) : "") }),
        el("td", { textContent: p.hint || "" }),
      );
      const go = () => { showPreview(p.record); const cell = findCell(p.record, p.column); if (cell) cell.scrollIntoView({ block: "nearest" }); };
      tr.addEventListener("click", go);
      tr.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
      pb.append(tr);
    }
    const notes = $("notes");
    notes.textContent = "";
    for (const n of v.notes) notes.append(el("li", { textContent: n }));
  }
  function findCell(rec, column) {
    const tr = $("records").querySelector('tr[data-record="' + rec + '"]');
    if (!tr) return null;
    const i = view.headers.indexOf(column);
    return i >= 0 ? tr.children[i + 1] : tr;
  }
  function noteEdit(rec, col, td) {
    const now = nfc(td.textContent);
    const row = view.rows.find((r) => r.record === rec);
    if (!row || row.cells[col] === now) return;
    edits.set(rec + ":" + col, [rec, col, now]);
    td.classList.add("edited");
    $("save-corrected").disabled = false;
  }
  $("save-corrected").addEventListener("click", async () => {
    const r = await api("POST", "/api/roster/save", { edits: Array.from(edits.values()) });
    $("saved-corrected").textContent = r.ok ? t("ui-saved-corrected", { file: r.j.name }) : errText(r.j);
    if (r.ok) { await loadState(); $("roster-pick").value = r.j.name; await openRoster(); }
  });

  // ---- preview: the real page, rasterised by the server ----
  async function showPreview(n) {
    if (!view) return;
    record = Math.max(1, n | 0);
    $("record-no").value = record;
    const row = view.rows.find((r) => r.record === record);
    const t0 = performance.now();
    const r = await fetch("/api/preview?record=" + record, { credentials: "same-origin" });
    const img = $("preview");
    if (r.ok) {
      const blob = await r.blob();
      if (img.src) URL.revokeObjectURL(img.src);
      img.src = URL.createObjectURL(blob);
      await img.decode().catch(() => {});
      img.hidden = false;
      const name = row ? row.cells.find((c) => c) || "" : "";
      img.alt = t("ui-preview-alt", { record, name: previewName(row) || name });
      $("preview-note").textContent = t("ui-preview-note", { record, ms: r.headers.get("X-Render-Ms"), total: Math.round(performance.now() - t0) });
      document.dispatchEvent(new CustomEvent("chungnhan-preview", { detail: record }));
    } else {
      const j = await r.json().catch(() => ({}));
      img.hidden = true;
      $("preview-note").textContent = (j.error || "") + (j.problems ? "\n" + j.problems.join("\n") : "");
    }
  }
  function previewName(row) {
    if (!row || !view) return "";
    const m = view.mapping.find((x) => x.field === "ho_ten");
    const i = m && m.header ? view.headers.indexOf(m.header) : -1;
    const j = i >= 0 ? i : view.headers.indexOf("ho_ten");
    return j >= 0 ? row.cells[j] : "";
  }
  $("prev").addEventListener("click", () => showPreview(record - 1));
  $("next").addEventListener("click", () => showPreview(record + 1));
  $("record-no").addEventListener("change", () => showPreview(+$("record-no").value));
  const jumpNext = (list) => {
    if (!list || !list.length) return;
    const after = list.find((n) => n > record);
    showPreview(after !== undefined ? after : list[0]);
  };
  $("jump-longest").addEventListener("click", () => view && view.jumps.longest && showPreview(view.jumps.longest));
  $("jump-shrunk").addEventListener("click", () => view && jumpNext(view.jumps.shrunk));
  $("jump-problem").addEventListener("click", () => view && jumpNext(view.jumps.problems));

  $("roster-file").addEventListener("change", async () => {
    const f = $("roster-file").files[0];
    if (!f) return;
    const name = await upload(f);
    if (!name) return;
    await loadState();
    $("roster-pick").value = name;
    await openRoster();
  });
  for (const [zone, input] of [["drop-roster", "roster-file"], ["drop-verify", "verify-file"]]) {
    const z = $(zone);
    z.addEventListener("dragover", (e) => { e.preventDefault(); z.classList.add("over"); });
    z.addEventListener("dragleave", () => z.classList.remove("over"));
    z.addEventListener("drop", (e) => {
      e.preventDefault();
      z.classList.remove("over");
      if (e.dataTransfer.files.length) { $(input).files = e.dataTransfer.files; $(input).dispatchEvent(new Event("change")); }
    });
  }
  for (const id of ["roster-pick", "template", "vars-pick"]) $(id).addEventListener("change", () => { if (id === "roster-pick") view = null; openRoster(); });
  $("reload").addEventListener("click", () => openRoster());

  // ---- course details (the template's variables) ----
  async function loadVarsForm() {
    const q = "?template=" + encodeURIComponent($("template").value) + "&vars=" + encodeURIComponent($("vars-pick").value);
    const r = await api("GET", "/api/vars" + q);
    const box = $("vars-fields");
    box.textContent = "";
    if (!r.ok) { $("vars-result").textContent = errText(r.j); return; }
    for (const f of r.j.fields) {
      const id = "var-" + f.name;
      const input = el("input", { id, type: "text", value: f.value, name: f.name });
      if (f.placeholder) input.className = "placeholder";
      input.addEventListener("compositionend", () => { input.value = nfc(input.value); });
      box.append(el("div", { className: "field" },
        el("label", { htmlFor: id, textContent: f.label + (f.required ? " *" : "") }),
        input,
        el("small", { className: "muted", textContent: f.from })));
    }
    if ($("vars-pick").value) $("vars-name").value = $("vars-pick").value;
  }
  $("vars-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const values = {};
    for (const i of $("vars-fields").querySelectorAll("input")) values[i.name] = nfc(i.value);
    const r = await api("POST", "/api/vars/save", { name: nfc($("vars-name").value), values, replace: $("vars-replace").checked });
    $("vars-result").textContent = r.ok ? t("ui-vars-saved", { file: r.j.name }) : errText(r.j);
    if (r.ok) { await loadState(); $("vars-pick").value = r.j.name; if ($("roster-pick").value) openRoster(); }
  });

  // ---- issue ----
  let polling = null;
  function showJob(j) {
    const st = $("issue-state"), bar = $("issue-progress");
    if (!j) { st.textContent = ""; bar.hidden = true; return; }
    bar.hidden = false;
    bar.max = Math.max(1, j.total);
    bar.value = j.running ? j.written : bar.max;
    if (j.running) st.textContent = t("ui-issue-running-state", { batch: j.batch, written: j.written, total: j.total, seconds: j.seconds });
    else st.textContent = j.code === 0 ? t("ui-issue-done", { batch: j.batch, seconds: j.seconds }) : t("ui-issue-failed", { code: j.code });
    $("issue-out").textContent = [j.stdout, j.stderr].filter(Boolean).join("\n");
    const link = $("merged-link");
    link.hidden = !(j.merged && !j.running);
    if (j.merged) link.href = "/api/file?path=" + encodeURIComponent(j.merged);
    if (j.running && !polling) polling = setInterval(pollJob, 500);
    if (!j.running && polling) { clearInterval(polling); polling = null; }
  }
  async function pollJob() { const r = await api("GET", "/api/job"); showJob(r.j); }
  function refreshIssue() {
    $("issue-what").textContent = view ? t("ui-issue-what", { file: view.roster, valid: view.valid, records: view.records }) : t("ui-choose-roster");
    pollJob();
  }
  $("issue").addEventListener("click", async () => {
    const r = await api("POST", "/api/issue", { passphrase: $("passphrase").value, blanks: $("blanks").value });
    $("passphrase").value = "";
    if (!r.ok) { $("issue-state").textContent = errText(r.j); return; }
    showJob(r.j);
  });
  $("spoil").addEventListener("click", async () => {
    const r = await api("POST", "/api/spoil", { blank: $("spoil-blank").value, reason: nfc($("spoil-reason").value) });
    $("production-out").textContent = [r.j.stdout, r.j.stderr, r.j.error].filter(Boolean).join("\n");
  });
  $("calibrate").addEventListener("click", async () => {
    const r = await api("POST", "/api/calibrate", {});
    linkResult($("production-out"), r);
  });
  function linkResult(out, r) {
    out.textContent = "";
    if (r.ok && r.j.file) {
      out.append(el("a", { href: "/api/file?path=" + encodeURIComponent(r.j.file), textContent: t("ui-open-file", { file: r.j.file }) }));
    } else out.textContent = [r.j.stdout, r.j.stderr, errText(r.j)].filter(Boolean).join("\n");
  }

  // ---- sổ gốc ----
  let current = null;
  let searchTimer = null;
  $("book-search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(search, 200); });
  $("book-search").addEventListener("keydown", (e) => { if (e.key === "Enter") { clearTimeout(searchTimer); search(); } });
  async function search() {
    const q = nfc($("book-search").value);
    const r = await api("GET", "/api/register/find?q=" + encodeURIComponent(q));
    const tb = $("book").tBodies[0];
    tb.textContent = "";
    if (!r.ok) { $("book-summary").textContent = errText(r.j); return; }
    $("book-summary").textContent = r.j.summary + (r.j.more ? " " + r.j.more : "");
    for (const row of r.j.rows) {
      const open = el("button", { textContent: row.serial, className: "link" });
      open.addEventListener("click", () => openEntry(row.serial));
      tb.append(el("tr", {}, el("td", {}, open), el("td", { textContent: row.entry || "—" }), el("td", { textContent: row.name }),
        el("td", { textContent: row.birth }), el("td", { textContent: row.batch }), el("td", { textContent: row.status_words })));
    }
  }
  async function openEntry(serial) {
    current = serial;
    const r = await api("GET", "/api/register/show?serial=" + encodeURIComponent(serial));
    $("entry").hidden = false;
    $("entry-text").textContent = r.j.stdout || errText(r.j) || r.j.stderr;
    $("entry-out").textContent = "";
    $("reason").focus();
  }
  $("revoke").addEventListener("click", async () => {
    if (!current) return;
    const r = await api("POST", "/api/register/revoke", { serial: current, reason: $("reason").value, decision: nfc($("decision").value) });
    $("entry-out").textContent = [r.j.stdout, r.j.stderr, r.j.error].filter(Boolean).join("\n");
    await openEntry(current);
    $("entry-out").textContent = [r.j.stdout, r.j.stderr, r.j.error].filter(Boolean).join("\n");
    search();
  });
  $("reprint").addEventListener("click", async () => {
    if (!current) return;
    const r = await api("POST", "/api/register/reprint", { serial: current });
    linkResult($("entry-out"), r);
  });
  for (const b of document.querySelectorAll("[data-export]")) {
    b.addEventListener("click", async () => linkResult($("book-out"), await api("POST", "/api/register/export", { format: b.dataset.export })));
  }
  $("export-blanks").addEventListener("click", async () => linkResult($("book-out"), await api("POST", "/api/register/export", { format: "xlsx", blanks: true })));
  $("backup").addEventListener("click", async () => linkResult($("book-out"), await api("POST", "/api/register/backup", {})));

  // ---- verify ----
  function showVerdict(r) {
    const v = $("verdict");
    v.className = r.j.valid ? "valid" : "invalid";
    v.textContent = r.j.report || errText(r.j) || r.j.stderr || "";
  }
  $("verify-file").addEventListener("change", async () => {
    const f = $("verify-file").files[0];
    if (!f) return;
    $("verdict").textContent = t("ui-verifying");
    showVerdict(await api("POST", "/api/verify?name=" + encodeURIComponent(f.name), f, true));
  });
  $("verify").addEventListener("click", async () => {
    $("verdict").textContent = t("ui-verifying");
    showVerdict(await api("POST", "/api/verify?text=1", nfc($("verify-text").value), true));
  });

  // ---- start: words first, then the state (a run going on is shown again) ----
  (async function start() {
    T = await (await fetch("/texts.json", { credentials: "same-origin" })).json();
    document.documentElement.lang = T["ui-lang"] || "vi";
    for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
    for (const e of document.querySelectorAll("[data-t-label]")) e.setAttribute("aria-label", t(e.dataset.tLabel));
    document.title = t("ui-title");
    await loadState();
    if (S.session) { $("roster-pick").value = S.session.roster; await openRoster(); }
    if (S.job) showJob(S.job);
    document.body.dataset.ready = "1";
    document.dispatchEvent(new CustomEvent("chungnhan-ready"));
  })();
  window.chungnhan = { api, t, showPreview, selectTab, get view() { return view; } };
})();
