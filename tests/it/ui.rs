//! The workbench (`chungnhan ui`, issue 30) as a clerk uses it: in Debian's Chromium, headless,
//! driven over the DevTools pipe (tests/common/browser.rs), every control found by its
//! Vietnamese accessible name (issue 30, item 10: the names are a contract); what the page
//! says is checked against what the CLI says; what it writes is read back by the CLI.
//!
//! The refusals (token, Host, origin, paths) need no browser. The browser tests skip when
//! Chromium is missing, unless CHUNGNHAN_REQUIRE_TOOLS is set. Screenshots for docs/workbench.md
//! are written into docs/images/ when CHUNGNHAN_SCREENSHOTS=1 (else into the test's folder).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::browser::{Browser, Page};
use crate::common::{chungnhan, example, roster_fixture, temp_dir};

/// A running `chungnhan ui`, stopped when dropped.
struct Workbench {
    child: Child,
    address: String,
    port: u16,
    token: String,
}

impl Workbench {
    fn start(folder: &Path) -> Workbench {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chungnhan"))
            .args(["ui", "--no-browser", "--folder"])
            .arg(folder)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
        let address = first.trim().to_string();
        // The first line is the address to open: the loopback address, a port, the token.
        let rest = address.strip_prefix("http://127.0.0.1:").expect("the address comes first");
        let (port, token) = rest.split_once("/?t=").unwrap();
        assert_eq!(token.len(), 64, "a 256-bit token");
        Workbench { child, address: address.clone(), port: port.parse().unwrap(), token: token.to_string() }
    }

    /// A raw HTTP/1.1 request: status code and body.
    fn raw(&self, method: &str, path: &str, headers: &[(&str, String)], body: &[u8]) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut req =
            format!("{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        s.write_all(req.as_bytes()).unwrap();
        s.write_all(body).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out).into_owned();
        let code = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (code, body)
    }

    fn host(&self) -> (&'static str, String) {
        ("Host", format!("127.0.0.1:{}", self.port))
    }

    fn cookie(&self) -> (&'static str, String) {
        ("Cookie", format!("chungnhan_ui={}", self.token))
    }
}

impl Drop for Workbench {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn without_the_token_from_another_host_or_origin_or_outside_the_folder_nothing_is_served() {
    let dir = temp_dir("ui-refusals");
    std::fs::copy(roster_fixture("roster_218.csv"), dir.join("lop.csv")).unwrap();
    chungnhan(
        &dir,
        &["keygen", "--out", "khoa", "--issuer", "Trung tâm Thử", "--host", "xacthuc.example.vn"],
    )
    .assert_code(0);
    let w = Workbench::start(&dir);
    let (host, cookie) = (w.host(), w.cookie());
    // No token: refused, in Vietnamese.
    let (code, body) = w.raw("GET", "/", std::slice::from_ref(&host), b"");
    assert_eq!(code, 403);
    assert!(body.contains("thiếu mã bí mật"), "{body}");
    let (code, _) = w.raw("GET", "/?t=0000", std::slice::from_ref(&host), b"");
    assert_eq!(code, 403, "a wrong token");
    // The token in the address becomes a cookie.
    let (code, _) = w.raw("GET", &format!("/?t={}", w.token), std::slice::from_ref(&host), b"");
    assert_eq!(code, 303);
    let (code, body) = w.raw("GET", "/api/state", &[host.clone(), cookie.clone()], b"");
    assert_eq!(code, 200, "{body}");
    // DNS rebinding: the right token under another name is refused.
    for h in ["evil.example:".to_string() + &w.port.to_string(), "127.0.0.1:1".into(), "127.0.0.1".into()] {
        let (code, body) = w.raw("GET", "/api/state", &[("Host", h.clone()), cookie.clone()], b"");
        assert_eq!(code, 403, "Host {h}");
        assert!(body.contains("Host"), "{body}");
    }
    // Another origin, even with the cookie (a page elsewhere posting to the workbench).
    let evil = ("Origin", "http://evil.example".to_string());
    let (code, body) = w.raw("POST", "/api/register/backup", &[host.clone(), cookie.clone(), evil], b"{}");
    assert_eq!(code, 403);
    assert!(body.contains("trang khác"), "{body}");
    let cross = ("Sec-Fetch-Site", "cross-site".to_string());
    assert_eq!(w.raw("GET", "/api/state", &[host.clone(), cookie.clone(), cross], b"").0, 403);
    let same = ("Origin", format!("http://127.0.0.1:{}", w.port));
    assert_eq!(w.raw("GET", "/api/state", &[host.clone(), cookie.clone(), same], b"").0, 200);
    // Nothing outside the folder, and never the private key.
    for p in ["../../../../etc/passwd", "/etc/passwd", "khoa/signing-key.pem", "khoa/root-key.pem"] {
        let (code, body) = w.raw("GET", &format!("/api/file?path={p}"), &[host.clone(), cookie.clone()], b"");
        assert_eq!(code, 403, "{p}: {body}");
        assert!(!body.contains("PRIVATE KEY") && !body.contains("root:"), "{p}");
    }
    let (code, _) = w.raw("GET", "/api/file?path=lop.csv", &[host.clone(), cookie.clone()], b"");
    assert_eq!(code, 200, "a file of the folder is served");
    let (code, _) = w.raw("POST", "/api/upload?name=..%2Fx.csv", &[host.clone(), cookie.clone()], b"a,b\n");
    assert_eq!(code, 422, "no upload outside the folder");
    assert!(!dir.parent().unwrap().join("x.csv").exists());
    // The page's first load (HTML, script, styles, words) stays under 300 KB.
    let total: usize = ["/", "/app.js", "/style.css", "/texts.json"]
        .iter()
        .map(|p| w.raw("GET", p, &[host.clone(), cookie.clone()], b"").1.len())
        .sum();
    assert!(total < 300 * 1024, "first load {total} bytes");
    println!("first load: {total} bytes");
}

/// The browser, or `None` (the test then skips) when Chromium is not installed.
fn browser(dir: &Path) -> Option<Browser> {
    let b = Browser::launch(dir, 1400, 1000);
    if b.is_none() {
        eprintln!("skipped: chromium is not installed");
    }
    b
}

/// Where a screenshot for docs/workbench.md goes.
fn shot(dir: &Path, name: &str) -> PathBuf {
    if std::env::var_os("CHUNGNHAN_SCREENSHOTS").is_some() {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/images").join(name)
    } else {
        dir.join(name)
    }
}

fn open<'b>(b: &'b mut Browser, w: &Workbench) -> Page<'b> {
    let mut page = b.open(&w.address);
    page.wait_for("document.body.dataset.ready === '1'", 30, "the page to start");
    page
}

/// Chooses `file` in the roster input, as a clerk does in the file dialog.
fn choose_roster(page: &mut Page, file: &Path) {
    let input = page.wait_name(None, "Danh sách học viên", 10);
    page.set_files(&input, &[file]);
}

fn select(page: &mut Page, name: &str, value: &str) {
    let node = page.wait_name(Some("combobox"), name, 10);
    let js = format!(
        "function() {{ this.focus(); this.value = {v}; this.dispatchEvent(new Event('change')); return this.value; }}",
        v = serde_json::to_string(value).unwrap()
    );
    assert_eq!(page.on(&node, &js), serde_json::json!(value), "{name}: {value}");
}

fn press(page: &mut Page, role: &str, name: &str) {
    let node = page.wait_name(Some(role), name, 10);
    page.click(&node);
}

#[test]
fn a_roster_with_errors_shows_each_problem_on_its_cell_in_the_words_of_check() {
    let dir = temp_dir("ui-roster-errors");
    let Some(mut b) = browser(&dir) else { return };
    std::fs::copy(roster_fixture("bad_dates.csv"), dir.join("ngay-sinh-sai.csv")).unwrap();
    std::fs::copy(example("tan-binh-2019.toml"), dir.join("khoa-2019.toml")).unwrap();
    let check = chungnhan(&dir, &["check", "--roster", "ngay-sinh-sai.csv", "--vars", "khoa-2019.toml"]);
    let w = Workbench::start(&dir);
    let mut page = open(&mut b, &w);
    select(&mut page, "Thông tin khóa học", "khoa-2019.toml");
    choose_roster(&mut page, &dir.join("ngay-sinh-sai.csv"));
    // The problems table, by its name, lists them; the bad cells are marked where they are.
    page.wait_name(Some("table"), "Lỗi và cảnh báo", 10);
    page.wait_for(
        "document.querySelectorAll('#records td[aria-invalid=true]').length > 0",
        20,
        "marked cells",
    );
    // The cell's text as a screen reader reads it, and the cell holding it.
    let cell = page.wait_name(Some("StaticText"), "31/02/1980", 10);
    let said = page.on(
        &cell,
        "function() { const td = this.parentElement; return [td.getAttribute('aria-invalid'), td.getAttribute('aria-description')]; }",
    );
    assert_eq!(said[0], "true", "the cell of the bad date is marked");
    let words = said[1].as_str().unwrap().to_string();
    assert!(words.contains("ngày không hợp lệ \"31/02/1980\": tháng 2 không có ngày 31"), "{words}");
    // The same wording and hint as `check` on the terminal.
    let first = words.split(" — ").next().unwrap();
    assert!(check.stderr.contains(first), "check says: {}\nthe page: {words}", check.stderr);
    let hint = words.split(" — ").nth(1).unwrap();
    assert!(check.stderr.contains(hint), "the hint as check gives it: {hint}");
    // A good cell is not marked.
    let good = page.wait_name(Some("StaticText"), "Lý Xuân Trí", 10);
    assert_eq!(
        page.on(&good, "function() { return this.parentElement.getAttribute('aria-invalid'); }"),
        serde_json::Value::Null
    );
    // Every problem check found is listed (one row each).
    let n_check = check.stderr.lines().filter(|l| l.starts_with("lỗi:")).count();
    let n_page =
        page.eval("document.querySelectorAll('#problems tbody tr.error').length").as_u64().unwrap() as usize;
    assert_eq!(n_page, n_check, "{}", check.stderr);
    page.screenshot(&shot(&dir, "workbench-loi.png"));
}

#[test]
fn a_good_roster_shows_the_real_page_of_record_1_as_its_preview() {
    let dir = temp_dir("ui-preview");
    let Some(mut b) = browser(&dir) else { return };
    std::fs::copy(roster_fixture("roster_218.csv"), dir.join("lop.csv")).unwrap();
    std::fs::copy(example("tan-binh-2019.toml"), dir.join("khoa-2019.toml")).unwrap();
    let w = Workbench::start(&dir);
    let mut page = open(&mut b, &w);
    select(&mut page, "Thông tin khóa học", "khoa-2019.toml");
    let t0 = Instant::now();
    choose_roster(&mut page, &dir.join("lop.csv"));
    // Timed by a cheap look at the image's name (the accessibility tree of 218 rows is slow
    // to fetch), then checked in the accessibility tree.
    let first = "document.getElementById('preview').alt.startsWith('Bản xem trước — bản ghi 1:') && !document.getElementById('preview').hidden";
    page.wait_for(first, 20, "the first preview");
    let shown = t0.elapsed();
    let img = page.wait_name(Some("image"), "Bản xem trước — bản ghi 1: Lý Xuân Trí", 20);
    let size = page.on(&img, "function() { return [this.naturalWidth, this.naturalHeight]; }");
    let (wpx, hpx) = (size[0].as_u64().unwrap(), size[1].as_u64().unwrap());
    assert!(wpx > 1000 && wpx > hpx, "an A4 landscape page, rasterised: {wpx}×{hpx}");
    // The page is the draft PDF's: a marked code placeholder and the name in ink, so the image
    // is not blank: count dark pixels in the page's own canvas.
    let ink = page.on(
        &img,
        "function() { const c = document.createElement('canvas'); c.width = this.naturalWidth; c.height = this.naturalHeight; \
         const g = c.getContext('2d'); g.drawImage(this, 0, 0); const d = g.getImageData(0, 0, c.width, c.height).data; \
         let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128) n++; return n / (c.width * c.height); }",
    );
    let ink = ink.as_f64().unwrap();
    assert!(ink > 0.002 && ink < 0.5, "ink on the preview: {ink}");
    let summary = page.eval("document.getElementById('roster-summary').textContent");
    assert!(summary.as_str().unwrap().contains("218 bản ghi, 218 hợp lệ"), "{summary}");
    println!("218-record roster opened and first preview shown in {} ms", shown.as_millis());
    // Next record, by keyboard: the button is reached and pressed without a mouse.
    let next = page.wait_name(Some("button"), "Bản ghi sau", 5);
    page.on(&next, "function() { this.focus(); }");
    page.key("Enter");
    page.wait_name(Some("image"), "Bản xem trước — bản ghi 2: Nguyễn Thị Mai", 20);
    let note = page.eval("document.getElementById('preview-note').textContent");
    println!("preview of record 2: {note}");
    page.screenshot(&shot(&dir, "workbench-xem-truoc.png"));
}

#[test]
fn issuing_218_then_revoking_one_in_the_so_goc_is_what_the_cli_reads_and_verify_says() {
    let dir = temp_dir("ui-issue");
    let Some(mut b) = browser(&dir) else { return };
    std::fs::copy(roster_fixture("roster_218.csv"), dir.join("lop.csv")).unwrap();
    std::fs::copy(example("tan-binh-2019.toml"), dir.join("khoa-2019.toml")).unwrap();
    chungnhan(
        &dir,
        &["keygen", "--out", "khoa", "--issuer", "Trung tâm Thử", "--host", "xacthuc.example.vn"],
    )
    .assert_code(0);
    let w = Workbench::start(&dir);
    let mut page = open(&mut b, &w);
    select(&mut page, "Thông tin khóa học", "khoa-2019.toml");
    choose_roster(&mut page, &dir.join("lop.csv"));
    page.wait_name(Some("image"), "Bản xem trước — bản ghi 1: Lý Xuân Trí", 20);
    press(&mut page, "tab", "Cấp và in");
    assert!(page.by_name(None, "Mật khẩu khóa").is_none(), "no passphrase asked for a key without one");
    let t0 = Instant::now();
    press(&mut page, "button", "Cấp giấy chứng nhận");
    let finished = "(s => s && !s.startsWith('Đang'))(document.getElementById('issue-state').textContent)";
    page.wait_for(finished, 600, "the issue run to finish");
    println!("218 issued from the page in {} s", t0.elapsed().as_secs());
    let state = page.eval("document.getElementById('issue-state').textContent + '\\n' + document.getElementById('issue-out').textContent");
    assert!(state.as_str().unwrap().starts_with("Đã cấp xong lop.csv"), "{state}");
    assert!(state.as_str().unwrap().contains("218 giấy mới"), "issue's own summary: {state}");
    let link = page.wait_name(Some("link"), "Tải tệp in gộp", 10);
    // The link downloads the print file.
    let got = page.on(&link, "async function() { const r = await fetch(this.href); const b = await r.arrayBuffer(); \
        return [r.status, r.headers.get('content-type'), new TextDecoder().decode(new Uint8Array(b).slice(0, 5))]; }");
    assert_eq!(got, serde_json::json!([200, "application/pdf", "%PDF-"]));
    page.screenshot(&shot(&dir, "workbench-cap.png"));
    // The register has the 218, and the print file verifies.
    chungnhan(&dir, &["register", "export", "--out", "so.csv"]).assert_code(0);
    let rows = crate::common::read_csv(dir.join("so.csv").to_str().unwrap());
    assert_eq!(rows.len(), 218);
    let merged = dir.join("giay-chung-nhan/lop/tep-in-gop.pdf");
    let state_dir = dir.join("seen");
    let state_arg = state_dir.to_str().unwrap();
    let v = chungnhan(&dir, &["verify", merged.to_str().unwrap(), "--trust", "khoa", "--state", state_arg]);
    v.assert_code(0);
    // Search the sổ gốc without diacritics, open the entry, revoke it with a reason.
    press(&mut page, "tab", "Sổ gốc");
    let search = page.wait_name(Some("searchbox"), "Tìm trong sổ gốc", 10);
    page.type_into(&search, "nguyen thi mai");
    page.key("Enter");
    press(&mut page, "button", "CNKT19-0002");
    page.wait_for(
        "document.getElementById('entry-text').textContent.includes('Nguyễn Thị Mai')",
        20,
        "the entry",
    );
    select(&mut page, "Lý do", "issued_in_error");
    press(&mut page, "button", "Thu hồi");
    page.wait_for(
        "document.getElementById('entry-out').textContent.includes('CNKT19-0002')",
        60,
        "the revocation",
    );
    let out = page.eval("document.getElementById('entry-out').textContent");
    assert!(out.as_str().unwrap().contains("cấp sai"), "{out}");
    page.screenshot(&shot(&dir, "workbench-so-goc.png"));
    let file = std::fs::read_dir(dir.join("giay-chung-nhan/lop"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("nguyen-thi-mai"))
        .expect("her certificate");
    let v = chungnhan(&dir, &["verify", file.to_str().unwrap(), "--trust", "khoa", "--state", state_arg]);
    v.assert_code(3);
    // The page's verify says the same as the CLI's.
    press(&mut page, "tab", "Xác thực");
    let input = page.wait_name(None, "Tệp cần xác thực", 10);
    page.set_files(&input, &[&file]);
    page.wait_for("!document.getElementById('verdict').textContent.includes('Đang')", 60, "the verdict");
    let region = page.wait_name(Some("status"), "Kết quả xác thực", 10);
    let said = page.on(&region, "function() { return this.textContent; }");
    let first_line = v.stdout.lines().next().unwrap();
    assert!(said.as_str().unwrap().contains(first_line), "page: {said}\ncli: {}", v.stdout);
    page.screenshot(&shot(&dir, "workbench-xac-thuc.png"));
}
