//! The verification page in a real browser: `chungnhan site --serve` on 127.0.0.1, headless
//! Chromium opening each certificate's QR address with the host replaced, and the page's verdict
//! compared with `chungnhan verify` — valid, altered, unknown key, revoked (from the embedded
//! list and from a newer published one), a hostile name shown inert, a bidi control refused, the
//! fragment gone from the address, and the spec's vectors.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::common::*;
use chungnhan::seal::sign::{self, Alg, PrivateKey, PublicKey};
use chungnhan::seal::token;

/// `chungnhan site --serve` running for one test; killed when dropped.
struct Server {
    child: Option<Child>,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(c) = &mut self.child {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn serve(dir: &Path, keys: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chungnhan"))
        .args(["site", "--keys", keys, "--out", "site", "--serve", "--port", "0"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("site --serve says where it serves").unwrap();
        if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
            break url.trim_end_matches('/').to_string();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    Server { child: Some(child), base }
}

fn chromium_here() -> bool {
    have("chromium")
}

/// The page's DOM after its scripts ran, as headless Chromium dumps it (a fresh profile).
fn browse(url: &str) -> String {
    let profile = temp_dir("chromium-profile");
    let dom = browse_in(url, &profile);
    let _ = std::fs::remove_dir_all(profile);
    dom
}

/// [`browse`] with a profile that lives on between visits (as a phone's browser does).
fn browse_in(url: &str, profile: &Path) -> String {
    // One browser at a time: a 2-core machine running several Chromiums at once starves them.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.display()),
            "--virtual-time-budget=15000",
            "--dump-dom",
            url,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    let dom = String::from_utf8(out.stdout).unwrap();
    assert!(
        dom.contains("<html"),
        "chromium printed no page for {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dom
}

fn attr<'a>(dom: &'a str, name: &str) -> &'a str {
    let html = &dom[dom.find("<html").expect("an html element")..];
    let tag = &html[..html.find('>').unwrap()];
    let key = format!("{name}=\"");
    let at = tag.find(&key).unwrap_or_else(|| panic!("<html> has no {name}: {tag}")) + key.len();
    &tag[at..at + tag[at..].find('"').unwrap()]
}

/// The fragment of a QR address.
fn frag(qr: &str) -> &str {
    qr.split_once('#').unwrap().1
}

/// A batch issued with fresh keys, and every certificate's QR address from the register export.
struct Batch {
    dir: crate::common::TempDir,
    codes: Vec<(String, String)>, // (name, QR text)
}

fn issue_batch(name: &str, roster: &str) -> Batch {
    issue_batch_by(name, "Trung tâm Bồi dưỡng chính trị quận Tân Bình", roster)
}

/// [`issue_batch`] for an issuer of that name.
fn issue_batch_by(name: &str, issuer: &str, roster: &str) -> Batch {
    let dir = temp_dir(name);
    let codes = issue_with_fresh_keys(&dir, issuer, "xacthuc.tanbinh.example.vn", roster);
    Batch { dir, codes }
}

const SMALL: &str = "stt,ho_ten,ngay_sinh\n1,Lương Thị Ẩn,05/02/1980\n2,Nguyễn Thị Ngọc Huyền,17/03/1985\n3,Đặng Văn Thuỷ,01/01/1970\n";

#[test]
fn site_says_valid_with_the_name_and_removes_the_fragment_from_the_address() {
    if !chromium_here() {
        return;
    }
    let b = issue_batch("site-valid", SMALL);
    let server = serve(&b.dir, "keys");
    let (name, qr) = &b.codes[1];
    let dom = browse(&format!("{}/c#{}", server.base, frag(qr)));
    assert_eq!(attr(&dom, "data-verdict"), "valid", "{dom}");
    assert!(dom.contains("HỢP LỆ") && dom.contains(&format!("<dd>{name}</dd>")), "{dom}");
    assert!(dom.contains("Trung tâm Bồi dưỡng chính trị quận Tân Bình"), "the issuer from the manifest");
    // Only the verdict shown reads as text anywhere in the page, its source included.
    for other in ["KHÔNG HỢP LỆ", "Not valid", "NOT VALID", "ĐÃ BỊ THU HỒI", "Revoked"] {
        assert!(!dom.contains(other), "{other} in a valid page: {dom}");
    }
    assert!(dom.contains("Hãy đối chiếu họ tên, ngày sinh, số hiệu và chương trình với bản giấy."));
    let href = attr(&dom, "data-href");
    assert!(!href.contains('#') && href.starts_with(&server.base), "the fragment is gone: {href}");
    // The page at /c.html (hosts that map /c to it) and without the redirect says the same.
    let dom = browse(&format!("{}/c.html#{}", server.base, frag(qr)));
    assert_eq!(attr(&dom, "data-verdict"), "valid");
    // No code: an instruction, not a verdict.
    assert_eq!(attr(&browse(&format!("{}/c/", server.base)), "data-verdict"), "no_code");
}

#[test]
fn site_works_offline_after_the_first_visit() {
    if !chromium_here() {
        return;
    }
    let b = issue_batch("site-offline", SMALL);
    let profile = temp_dir("chromium-phone");
    let (name, qr) = &b.codes[0];
    let url = {
        let server = serve(&b.dir, "keys");
        let url = format!("{}/c#{}", server.base, frag(qr));
        assert_eq!(attr(&browse_in(&url, &profile), "data-verdict"), "valid");
        // A second visit while online: a phone's browser has had the time by then to finish
        // installing the worker, which a headless run may end before.
        assert_eq!(attr(&browse_in(&url, &profile), "data-verdict"), "valid");
        url
    }; // the server is gone
    let dom = browse_in(&url, &profile);
    assert_eq!(attr(&dom, "data-verdict"), "valid", "the service worker's copy verifies offline: {dom}");
    assert!(dom.contains(name.as_str()));
}

#[test]
fn site_a_changed_digit_is_not_valid_and_shows_no_claim() {
    if !chromium_here() {
        return;
    }
    let b = issue_batch("site-tampered", SMALL);
    let server = serve(&b.dir, "keys");
    let (name, qr) = &b.codes[0];
    let digits = frag(qr);
    // Change one digit in the middle of the claims (keeping every group in range).
    let i = 60;
    let d = digits.as_bytes()[i];
    let changed = format!("{}{}{}", &digits[..i], if d == b'0' { '1' } else { '0' }, &digits[i + 1..]);
    let cli = chungnhan(&b.dir, &["verify", &format!("https://x/c#{changed}"), "--trust", "keys"]);
    let dom = browse(&format!("{}/c#{changed}", server.base));
    let verdict = attr(&dom, "data-verdict");
    assert!(verdict == "invalid" || verdict == "malformed", "{dom}");
    assert_eq!(
        cli.code,
        if verdict == "invalid" { 1 } else { 5 },
        "the page and verify agree:\n{}",
        cli.stdout
    );
    assert!(
        !dom.contains(name.as_str()) && !dom.contains("class=\"claims\""),
        "nothing of an invalid code is shown: {dom}"
    );
    // The reason is there for whoever helps the holder, as `verify` gives it, in the reader's
    // words: never "Chi tiết kỹ thuật: signature" on the Vietnamese page (issue 27).
    let reason = if verdict == "invalid" {
        "chữ ký không khớp với nội dung của mã"
    } else {
        "mã không đúng cấu trúc của mã xác thực"
    };
    assert!(
        dom.contains(&format!("class=\"detail\">Chi tiết kỹ thuật: {reason}")),
        "the reason is shown in Vietnamese: {dom}"
    );
}

/// An issuer's name is the issuer's to choose, and it goes into the page inside a script
/// block: `<!--<script>`, `</script>` or U+2028 there must not stop the page (regression: #12).
#[test]
fn site_an_issuer_name_with_markup_does_not_stop_the_page() {
    if !chromium_here() {
        return;
    }
    let issuer = "Trung tâm <!--<script> </script> \u{2028} & Bồi dưỡng";
    let b = issue_batch_by("site-hostile-issuer", issuer, SMALL);
    let server = serve(&b.dir, "keys");
    let (name, qr) = &b.codes[0];
    let dom = browse(&format!("{}/c#{}", server.base, frag(qr)));
    assert_eq!(attr(&dom, "data-verdict"), "valid", "{dom}");
    assert!(dom.contains(name.as_str()), "{dom}");
    assert!(
        dom.contains("<p class=\"issuer-name\">Trung tâm &lt;!--&lt;script&gt; &lt;/script&gt; \u{2028} &amp; Bồi dưỡng</p>"),
        "the name shown as text, exactly: {dom}"
    );
}

/// The site's page without its Content-Security-Policy, so that a test may add a script of its
/// own around the page's (the page's script itself is unchanged).
fn page_without_csp(dir: &Path) -> String {
    let page = std::fs::read_to_string(dir.join("site/c/index.html")).unwrap();
    let start = page.find("<meta http-equiv=\"Content-Security-Policy\"").unwrap();
    let end = start + page[start..].find('>').unwrap() + 1;
    format!("{}{}", &page[..start], &page[end..])
}

/// The page's own steps (`loadTrust`, `judge`) on every code, in one browser session: a harness
/// page writes `result_js` (an expression of `r`, each result) for each, as a JSON array.
fn judge_in_page(dir: &Path, server: &Server, file: &str, digits: &[&str], result_js: &str) -> String {
    let driver = format!(
        "<pre id=\"out\"></pre><script>window.vncert.loadTrust().then(function (t) {{ return Promise.all({}.map(function (d) {{ return window.vncert.judge(d, t); }})); }}).then(function (rs) {{ document.getElementById('out').textContent = JSON.stringify(rs.map(function (r) {{ return {result_js}; }})); }});</script></body>",
        serde_json::to_string(digits).unwrap()
    );
    let harness = page_without_csp(dir)
        .replacen("<html lang=\"vi\">", "<html lang=\"vi\" data-harness=\"1\">", 1)
        .replacen("</body>", &driver, 1);
    std::fs::write(dir.join("site").join(file), harness).unwrap();
    let dom = browse(&format!("{}/{file}", server.base));
    let out = &dom[dom.find("<pre id=\"out\">").expect(&dom) + 14..];
    out[..out.find("</pre>").unwrap()].replace("&amp;", "&")
}

/// The page as a browser without some feature runs it: `setup` runs before the page's script.
fn page_without(b: &Batch, server: &Server, file: &str, setup: &str, qr: &str) -> String {
    let harness =
        page_without_csp(&b.dir).replacen("<script>", &format!("<script>{setup}</script><script>"), 1);
    std::fs::write(b.dir.join("site").join(file), harness).unwrap();
    browse(&format!("{}/{file}#{}", server.base, frag(qr)))
}

/// Without WebCrypto (a page served over plain http) nothing can be checked: the page says so,
/// and does not call the code damaged. Without BigInt, a code still verifies.
#[test]
fn site_without_webcrypto_cannot_check_and_without_bigint_still_verifies() {
    if !chromium_here() {
        return;
    }
    let b = issue_batch("site-old-browser", SMALL);
    let server = serve(&b.dir, "keys");
    let (name, qr) = &b.codes[1];
    let no_crypto =
        "Object.defineProperty(Crypto.prototype, 'subtle', { get: function () { return undefined; } });";
    let dom = page_without(&b, &server, "no-crypto.html", no_crypto, qr);
    assert_eq!(attr(&dom, "data-verdict"), "cannot_check", "{dom}");
    assert!(dom.contains("KHÔNG KIỂM TRA ĐƯỢC Ở ĐÂY") && !dom.contains("MÃ QR HỎNG"), "{dom}");
    assert!(
        dom.contains(
            "class=\"detail\">Chi tiết kỹ thuật: trình duyệt không cho trang này dùng chức năng mật mã"
        ),
        "the reason in Vietnamese: {dom}"
    );
    assert!(!dom.contains(name.as_str()), "{dom}");

    let dom = page_without(&b, &server, "no-bigint.html", "window.BigInt = undefined;", qr);
    assert_eq!(attr(&dom, "data-verdict"), "valid", "{dom}");
    assert!(dom.contains(name.as_str()), "{dom}");
}

#[test]
fn site_an_unknown_key_and_a_revoked_certificate_are_reported() {
    if !chromium_here() {
        return;
    }
    let b = issue_batch("site-revoked", SMALL);
    // A code signed by a key this issuer never published.
    let other = temp_dir("site-other-issuer");
    chungnhan(
        &other,
        &["keygen", "--out", "keys", "--issuer", "Ai đó", "--host", "xacthuc.tanbinh.example.vn"],
    )
    .assert_code(0);
    std::fs::write(other.join("lop.csv"), SMALL).unwrap();
    chungnhan(
        &other,
        &[
            "issue",
            "--vars",
            issuer_vars(),
            "--roster",
            "lop.csv",
            "--keys",
            "keys",
            "--out",
            "out",
            "--quiet",
        ],
    )
    .assert_code(0);
    chungnhan(&other, &["register", "export", "--out", "so.csv"]).assert_code(0);
    let r = chungnhan::input::roster::parse("so.csv".into(), &std::fs::read(other.join("so.csv")).unwrap())
        .unwrap();
    let foreign = r.rows[0].values[10].clone();

    {
        let server = serve(&b.dir, "keys");
        let dom = browse(&format!("{}/c#{}", server.base, frag(&foreign)));
        assert_eq!(attr(&dom, "data-verdict"), "unknown_key", "{dom}");
        assert!(dom.contains("KHÔNG RÕ ĐƠN VỊ CẤP") && !dom.contains("Lương Thị Ẩn"));
    }

    // Revoked after the site was made: the page finds the newer published list.
    chungnhan(&b.dir, &["site", "--keys", "keys", "--out", "site"]).assert_code(0);
    chungnhan(&b.dir, &["revoke", "CN19-0003", "--keys", "keys", "--reason", "fraud"]).assert_code(0);
    let (name, qr) = &b.codes[2];
    let published = b.dir.join("site/.well-known/vncert");
    for f in ["revoked.json", "revoked.json.sig"] {
        std::fs::copy(b.dir.join("keys").join(f), published.join(f)).unwrap();
    }
    let server = serve_existing(&b.dir);
    let dom = browse(&format!("{}/c#{}", server.base, frag(qr)));
    assert_eq!(attr(&dom, "data-verdict"), "revoked", "{dom}");
    assert!(
        dom.contains("ĐÃ BỊ THU HỒI") && dom.contains("gian lận") && dom.contains(name.as_str()),
        "{dom}"
    );
    chungnhan(&b.dir, &["verify", qr, "--trust", "keys"]).assert_code(3);
    // A published list whose signature does not check is ignored (the embedded one is used).
    let text = std::fs::read_to_string(published.join("revoked.json")).unwrap().replace("fraud", "frauD");
    std::fs::write(published.join("revoked.json"), text).unwrap();
    let dom = browse(&format!("{}/c#{}", server.base, frag(qr)));
    assert_eq!(attr(&dom, "data-verdict"), "valid", "the snapshot predates the revocation: {dom}");
    drop(server);
    // A site made after the revocation carries it in its snapshot.
    let server = serve(&b.dir, "keys");
    std::fs::remove_file(b.dir.join("site/.well-known/vncert/revoked.json")).unwrap();
    let dom = browse(&format!("{}/c#{}", server.base, frag(qr)));
    assert_eq!(attr(&dom, "data-verdict"), "revoked", "{dom}");
}

/// Serves the site folder as it is (without writing it again): a plain static server would.
fn serve_existing(dir: &Path) -> Server {
    let listener = chungnhan::site::serve::bind(0).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let root = dir.join("site");
    std::thread::spawn(move || chungnhan::site::serve::serve(listener, root));
    Server { child: None, base }
}

#[test]
fn site_shows_a_hostile_name_as_text_and_refuses_a_bidi_control() {
    if !chromium_here() {
        return;
    }
    let b = issue_batch("site-hostile", "stt,ho_ten,ngay_sinh\n1,<img src=x onerror=alert(1)>,05/02/1980\n");
    // A code whose name carries U+202E, signed with the real key: issue refuses to make one, so
    // it is built by hand.
    let key = PrivateKey::load(&b.dir.join("keys/signing-key.pem")).unwrap();
    let mut cbor = vec![0xa3, 0x01, 0x62, b'X', b'1', 0x02];
    let name = "Lê\u{202E}Văn".as_bytes();
    cbor.push(0x60 | name.len() as u8);
    cbor.extend_from_slice(name);
    cbor.extend_from_slice(&[0x05, 0x19, 0x47, 0x2c]);
    let bidi = token::qr_text("xacthuc.tanbinh.example.vn", &key.sign_claims(cbor));

    let server = serve(&b.dir, "keys");
    let dom = browse(&format!("{}/c#{}", server.base, frag(&b.codes[0].1)));
    assert_eq!(attr(&dom, "data-verdict"), "valid", "{dom}");
    assert!(dom.contains("<dd>&lt;img src=x onerror=alert(1)&gt;</dd>"), "shown as text: {dom}");
    assert!(!dom.contains("<img"), "never as an element");

    let dom = browse(&format!("{}/c#{}", server.base, frag(&bidi)));
    assert_eq!(attr(&dom, "data-verdict"), "malformed", "{dom}");
    assert!(!dom.contains("Văn") && !dom.contains('\u{202E}'));
    chungnhan(&b.dir, &["verify", &bidi, "--trust", "keys"]).assert_code(5);
}

/// The spec's independent vectors and this project's own (one in the windows-1258 text form),
/// through the real page, against a site whose manifest lists their keys: the same verdicts and
/// names as `chungnhan verify`.
#[test]
fn site_agrees_with_verify_on_the_spec_vectors() {
    if !chromium_here() {
        return;
    }
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vectors/verification-qr-vectors.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let dir = temp_dir("site-vectors");
    std::fs::create_dir_all(dir.join("keys")).unwrap();
    let mut keys = Vec::new();
    for (_, k) in v["keys"].as_object().unwrap() {
        let alg = Alg::from_name(k["alg"].as_str().unwrap()).unwrap();
        keys.push(PublicKey::from_spki(alg, sign::unhex(k["spki"].as_str().unwrap()).unwrap()).unwrap());
    }
    let own: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("vectors/chungnhan-es256.json")).unwrap()).unwrap();
    keys.push(
        PublicKey::from_spki(Alg::Es256, sign::unhex(own["key"]["spki_hex"].as_str().unwrap()).unwrap())
            .unwrap(),
    );
    save_manifest_for(&dir.join("keys/trust.json"), &keys);
    let server = serve(&dir, "keys");
    for vec in v["vectors"].as_array().unwrap() {
        let name = vec["name"].as_str().unwrap();
        let digits = vec["frag"].as_str().unwrap();
        let cli = chungnhan(
            &dir,
            &["verify", &format!("https://example.vn/c#{digits}"), "--trust", "keys", "--json"],
        );
        let expected: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();
        let dom = browse(&format!("{}/c#{digits}", server.base));
        assert_eq!(attr(&dom, "data-verdict"), expected["verdict"].as_str().unwrap(), "{name}: {dom}");
    }
    for vec in own["vectors"].as_array().unwrap() {
        let qr = vec["qr_text"].as_str().unwrap();
        chungnhan(&dir, &["verify", qr, "--trust", "keys"]).assert_code(0);
        let dom = browse(&format!("{}/c#{}", server.base, frag(qr)));
        assert_eq!(attr(&dom, "data-verdict"), "valid", "{}: {dom}", vec["name"]);
        assert!(dom.contains("<dd>Nguyễn Thị Ngọc Huyền</dd>"), "{}: {dom}", vec["name"]);
    }
}

/// The shared table of crafted codes (tests/fixtures/vectors/crafted.json, which tests/it/verify.rs
/// runs through `verify` too): claims not in the one deterministic encoding somewhere deep, claim
/// keys outside the 64-bit range, text that is not UTF-8 inside an unknown claim, dates outside
/// 01/01/0001 – 31/12/9999. The page and `verify` give the same verdict on every one, say an
/// out-of-calendar date in the same words in both languages, and show the same claims.
/// Regressions: #12 (the page called key 2^63 valid and looked inside no unknown claim) and
/// issue 28, item 11 (the page called invalid UTF-8 in an unknown claim and a day below −2³¹
/// valid, and showed "NaN/NaN/NaN" where `verify` showed "20/01/9999").
#[test]
fn site_and_verify_agree_on_every_crafted_code_of_the_shared_table() {
    if !chromium_here() {
        return;
    }
    let dir = temp_dir("site-crafted");
    let cases = crafted_codes(&dir);
    let server = serve(&dir, "keys");
    let digits: Vec<&str> = cases.iter().map(|c| c.digits.as_str()).collect();
    let page = judge_in_page(
        &dir,
        &server,
        "crafted.html",
        &digits,
        "[r.verdict, r.reason ? window.vncert.words(r.reason, 'vi') : null, r.reason ? window.vncert.words(r.reason, 'en') : null, r.claims ? window.vncert.rows(r.claims, 'vi').filter(function (x) { return x[0] !== 'unknown'; }).map(function (x) { return [x[0], x[2]]; }) : null]",
    );
    /// What the page said of one code: its verdict, the reason in Vietnamese and in English where
    /// it has words, and the claims it shows (name, text).
    type Said = (String, Option<String>, Option<String>, Option<Vec<(String, String)>>);
    let page: Vec<Said> = serde_json::from_str(&page).unwrap();
    assert_eq!(page.len(), cases.len());
    for (c, (verdict, vi, en, shown)) in cases.iter().zip(&page) {
        let url = format!("https://x/c#{}", c.digits);
        let cli = chungnhan(&dir, &["verify", &url, "--trust", "keys", "--json"]);
        let j: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();
        assert_eq!(j["verdict"].as_str().unwrap(), c.verdict, "verify on {}: {}", c.name, cli.stdout);
        assert_eq!(verdict, &c.verdict, "the page on {}", c.name);
        assert_eq!(vi.is_some(), c.worded, "the page words the reason on {}: {vi:?}", c.name);
        if let (Some(vi), Some(en)) = (vi, en) {
            // One wording: the page's reason is the end of what `verify` prints, in each language.
            let message = j["message"].as_str().unwrap();
            assert!(message.ends_with(vi.as_str()), "{}: verify says {message:?}, the page {vi:?}", c.name);
            let cli_en = chungnhan_env(
                &dir,
                &["verify", &url, "--trust", "keys", "--json"],
                &[("LANG", "en_US.UTF-8")],
            );
            let message = serde_json::from_str::<serde_json::Value>(&cli_en.stdout).unwrap()["message"]
                .as_str()
                .unwrap()
                .to_string();
            assert!(message.ends_with(en.as_str()), "{}: verify says {message:?}, the page {en:?}", c.name);
            assert!(!vi.contains('{') && !en.contains('{'), "every hole filled: {vi} / {en}");
        }
        if c.verdict == "valid" {
            let on_page: std::collections::BTreeMap<String, String> =
                shown.clone().unwrap().into_iter().collect();
            let by_cli: std::collections::BTreeMap<String, String> = j["claims"]
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, _)| k.as_str() != "unrecognised")
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                .collect();
            assert_eq!(on_page, by_cli, "claims shown on {}", c.name);
            for (name, text) in &c.shown {
                assert_eq!(on_page.get(name), Some(text), "{} shows {name}", c.name);
            }
        }
    }
}

/// Every certificate of a batch, each altered, and codes of an unknown key: the page's steps
/// (run in one browser session by a harness page that loads the same script) give the same
/// verdict and name as `chungnhan verify`.
#[test]
fn site_agrees_with_verify_on_every_certificate_of_a_batch() {
    if !chromium_here() {
        return;
    }
    let mut roster = String::from("stt,ho_ten,ngay_sinh,xep_loai\n");
    let sample = std::fs::read_to_string(example("roster.csv")).unwrap();
    for (i, line) in sample.lines().skip(1).enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        roster.push_str(&format!(
            "{},{},{},{}\n",
            i + 1,
            cells[1],
            cells[3],
            ["Giỏi", "Khá", "Xuất sắc"][i % 3]
        ));
    }
    let b = issue_batch("site-agree", &roster);
    assert_eq!(b.codes.len(), 218);
    chungnhan(&b.dir, &["revoke", "CN19-0007", "--keys", "keys", "--reason", "issued_in_error"])
        .assert_code(0);
    let mut codes: Vec<String> = b.codes.iter().map(|(_, q)| q.clone()).collect();
    for (i, (_, q)) in b.codes.iter().enumerate().step_by(9) {
        let d = frag(q);
        let at = 20 + (i * 7) % (d.len() - 40);
        let c = d.as_bytes()[at];
        codes.push(format!("https://x/c#{}{}{}", &d[..at], if c == b'5' { '6' } else { '5' }, &d[at + 1..]));
    }
    codes.push("https://x/c#12345".into());
    let server = serve(&b.dir, "keys");

    let digits: Vec<&str> = codes.iter().map(|q| frag(q)).collect();
    let out = judge_in_page(
        &b.dir,
        &server,
        "harness.html",
        &digits,
        "[r.verdict, r.claims ? r.claims.name : null]",
    );
    let results: Vec<(String, Option<String>)> = serde_json::from_str(&out).expect(&out);
    assert_eq!(results.len(), codes.len());
    let mut seen = std::collections::BTreeMap::new();
    for (q, (verdict, name)) in codes.iter().zip(&results) {
        let cli = chungnhan(&b.dir, &["verify", q, "--trust", "keys", "--json"]);
        let j: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();
        assert_eq!(verdict, j["verdict"].as_str().unwrap(), "{q}");
        assert_eq!(name.as_deref(), j["name"].as_str(), "{q}");
        *seen.entry(verdict.clone()).or_insert(0) += 1;
    }
    assert_eq!(seen.get("valid"), Some(&217), "{seen:?}");
    assert_eq!(seen.get("revoked"), Some(&1), "{seen:?}");
    assert!(
        seen.get("invalid").copied().unwrap_or(0) + seen.get("malformed").copied().unwrap_or(0) >= 25,
        "{seen:?}"
    );
}

/// The English switch: the same result, every word in English, and back.
#[test]
fn site_switches_to_english_and_back() {
    if !chromium_here() {
        return;
    }
    let b = issue_batch("site-english", SMALL);
    let server = serve(&b.dir, "keys");
    // After the page has judged the code, press the button, note the page, press it again.
    let driver = "<pre id=\"out\"></pre><script>(function wait() { if (!document.documentElement.dataset.done) { return setTimeout(wait, 20); } var b = document.getElementById('lang'); b.click(); var en = document.getElementById('result').innerText + '|' + b.textContent + '|' + document.documentElement.lang; b.click(); document.getElementById('out').textContent = en + '||' + document.querySelector('h1').textContent; })();</script></body>";
    let harness = page_without_csp(&b.dir).replacen("</body>", driver, 1);
    std::fs::write(b.dir.join("site/english.html"), harness).unwrap();
    let (name, qr) = &b.codes[0];
    let dom = browse(&format!("{}/english.html#{}", server.base, frag(qr)));
    let out = &dom[dom.find("<pre id=\"out\">").expect(&dom) + 14..];
    let out = &out[..out.find("</pre>").unwrap()];
    assert!(out.starts_with("VALID\n\nHợp lệ"), "English headline, Vietnamese subline: {out}");
    assert!(
        out.contains("Issued by (from the trust list)")
            && out.contains("Date of birth")
            && out.contains(name.as_str()),
        "{out}"
    );
    assert!(out.contains("Compare the name, date of birth, serial and programme with the paper."), "{out}");
    assert!(out.ends_with("|Tiếng Việt|en||HỢP LỆ"), "and back to Vietnamese: {out}");
}

/// Keys over the years on the page, judged the same as by `verify`: a certificate of a retired
/// key, one of the key in use, the ledgered certificate of a key since compromised (valid, with
/// a note), a forgery made with the stolen key (cannot be verified), a backdated code of the
/// current key (not valid: outside its window), and the high-S twin of a genuine code
/// (malformed: one certificate, one code text).
#[test]
fn site_and_verify_agree_through_rotation_compromise_and_signing_windows() {
    if !chromium_here() {
        return;
    }
    let dir = temp_dir("site-years");
    chungnhan(
        &dir,
        &["keygen", "--out", "keys", "--issuer", "Trường A", "--host", "xacthuc.truong.example.vn"],
    )
    .assert_code(0);
    let issue = |batch: &str, roster: &str| {
        std::fs::write(dir.join(format!("{batch}.csv")), roster).unwrap();
        chungnhan(
            &dir,
            &[
                "issue",
                "--vars",
                issuer_vars(),
                "--roster",
                &format!("{batch}.csv"),
                "--keys",
                "keys",
                "--out",
                "out",
                "--set",
                "ngay_cap=2019-11-20",
                "--quiet",
            ],
        )
        .assert_code(0);
    };
    issue("a", "stt,ho_ten,ngay_sinh\n1,Lương Thị Ẩn,05/02/1980\n");
    let stolen = PrivateKey::load(&dir.join("keys/signing-key.pem")).unwrap();
    chungnhan(&dir, &["keys", "rotate", "--keys", "keys"]).assert_code(0);
    issue("b", "stt,ho_ten,ngay_sinh\n1,Đặng Văn Thuỷ,01/01/1970\n");
    chungnhan(&dir, &["register", "export", "--out", "so.csv"]).assert_code(0);
    let r = chungnhan::input::roster::parse("so.csv".into(), &std::fs::read(dir.join("so.csv")).unwrap())
        .unwrap();
    let (old, new) = (r.rows[0].values[10].clone(), r.rows[1].values[10].clone());
    let kid = sign::hex(&stolen.public().kid);
    chungnhan(&dir, &["keys", "compromise", "--keys", "keys", "--kid", &kid, "--since", "2026-11-01"])
        .assert_code(0);

    let days = |y, m, d| chungnhan::viet::Date::new(y, m, d).unwrap().days();
    let code = |key: &PrivateKey, signed: i64| {
        let claims = chungnhan::seal::claims::Claims {
            serial: "CN19-9999".into(),
            name: "Kẻ Mạo Danh".into(),
            issue_date: days(2019, 11, 20),
            signing_date: Some(signed),
            ..Default::default()
        };
        let tok = key.sign_claims(claims.encode(chungnhan::seal::claims::TextForm::Utf8).unwrap());
        token::qr_text("xacthuc.truong.example.vn", &tok)
    };
    let today = token::Token::parse(&new).unwrap();
    let today = chungnhan::seal::claims::Claims::decode(&today.claims).unwrap().signing_date.unwrap();
    let forged = code(&stolen, today);
    let current = std::fs::read_dir(dir.join("keys"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("signing-key-"))
        .unwrap();
    let backdated = code(&PrivateKey::load(&current).unwrap(), days(2019, 11, 20));
    let twin = {
        let mut t = token::Token::parse(&new).unwrap();
        let sig = p256::ecdsa::Signature::from_slice(&t.sig).unwrap();
        let (r, s) = sig.split_scalars();
        t.sig = p256::ecdsa::Signature::from_scalars(r, -*s).unwrap().to_bytes().into();
        token::qr_text("xacthuc.truong.example.vn", &t)
    };
    // Issue 28: the stolen key, and the nonce of the ledgered code recovered from it, sign
    // another name: same r, same revocation id, not the same code.
    let impostor = chungnhan::seal::claims::Claims {
        serial: "CN19-0001".into(),
        name: "Kẻ Mạo Danh".into(),
        issue_date: days(2019, 11, 20),
        signing_date: Some(today),
        ..Default::default()
    };
    let reused = nonce_reuse_forgery(
        &dir.join("keys/signing-key.pem"),
        &old,
        impostor.encode(chungnhan::seal::claims::TextForm::Utf8).unwrap(),
    );
    let cases = [
        (&old, "valid", 0, "+noteLedgered"),
        (&new, "valid", 0, ""),
        (&forged, "compromised", 6, ""),
        (&reused, "compromised", 6, ""),
        (&backdated, "invalid", 1, ""),
        (&twin, "malformed", 5, ""),
    ];
    chungnhan(&dir, &["site", "--keys", "keys", "--out", "site"]).assert_code(0);
    assert!(files_in(&dir.join("site/.well-known/vncert/ledger")).len() >= 4, "the ledgers are published");
    let server = serve_existing(&dir);
    let digits: Vec<&str> = cases.iter().map(|c| frag(c.0)).collect();
    let page = judge_in_page(
        &dir,
        &server,
        "years.html",
        &digits,
        "r.verdict + (r.notes && r.notes.length ? '+' + r.notes.join(',') : '')",
    );
    let page: Vec<String> = serde_json::from_str(&page).unwrap();
    for ((qr, verdict, exit, note), seen) in cases.iter().zip(&page) {
        assert_eq!(seen, &format!("{verdict}{note}"), "page on {qr}");
        let cli = chungnhan(&dir, &["verify", qr, "--trust", "keys", "--json"]);
        assert_eq!(cli.code, *exit, "verify on {qr}: {}", cli.stdout);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&cli.stdout).unwrap()["verdict"], *verdict);
    }
}

/// The ledger vectors (tests/fixtures/vectors/ledger-v2.json, issue 28) through the real page:
/// with the ledger of whole codes the genuine code is valid and the nonce-reuse forgery — same
/// revocation id, another name — cannot be verified; with the old ledger of revocation ids
/// neither can, and the page says why in words. Each verdict is the vectors' and `verify`'s.
#[test]
fn site_refuses_the_nonce_reuse_forgery_of_the_ledger_vectors_as_verify_does() {
    if !chromium_here() {
        return;
    }
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("vectors/ledger-v2.json")).unwrap()).unwrap();
    for (ledger, expect) in [("ledger_v2", "with_ledger_v2"), ("ledger_v1", "with_ledger_v1")] {
        let dir = temp_dir("site-ledger-vectors");
        std::fs::create_dir_all(dir.join("keys/ledger")).unwrap();
        let put = |path: &str, text: &serde_json::Value| {
            std::fs::write(dir.join(path), text.as_str().unwrap()).unwrap()
        };
        put("keys/trust.json", &v["trust"]["json"]);
        put("keys/trust.json.sig", &v["trust"]["sig"]);
        put("keys/ledger/lop.json", &v[ledger]["json"]);
        put("keys/ledger/lop.json.sig", &v[ledger]["sig"]);
        let server = serve(&dir, "keys");
        for which in ["genuine", "forged"] {
            let qr = v[which]["qr_text"].as_str().unwrap();
            let verdict = v["expect"][expect][which].as_str().unwrap();
            let cli = chungnhan(&dir, &["verify", qr, "--trust", "keys", "--json"]);
            let json: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();
            assert_eq!(json["verdict"], verdict, "verify, {ledger}, {which}: {}", cli.stdout);
            let dom = browse(&format!("{}/c#{}", server.base, frag(qr)));
            assert_eq!(attr(&dom, "data-verdict"), verdict, "page, {ledger}, {which}: {dom}");
            assert!(!dom.contains("Kẻ Mạo Danh"), "no claim of the forgery is shown: {dom}");
            let old_words = "Mã này chỉ có trong bảng kê mã đã cấp theo định dạng cũ";
            assert_eq!(dom.contains(old_words), ledger == "ledger_v1", "page, {ledger}, {which}: {dom}");
            if verdict == "valid" {
                assert!(dom.contains("<dd>Nguyễn Thị Ngọc Huyền</dd>"), "{dom}");
            }
        }
    }
}

/// Issue 28, item 10: after `keys compromise`, publishing what the command says — trust.json,
/// ledgers.json and the ledger folder — is enough for the page: it fetches the published
/// ledgers at verification time, checks them as `verify` does, and a genuine certificate of the
/// compromised key is valid without running `site` again, even one issued after the site was
/// made. A forgery with the stolen key is not; a published ledger that does not check is left
/// out while the others still count.
#[test]
fn site_fetches_the_ledgers_published_after_a_compromise_without_a_new_site() {
    if !chromium_here() {
        return;
    }
    let dir = temp_dir("site-fetch-ledgers");
    chungnhan(
        &dir,
        &["keygen", "--out", "keys", "--issuer", "Trường B", "--host", "xacthuc.truong.example.vn"],
    )
    .assert_code(0);
    let issue = |batch: &str, roster: &str| {
        std::fs::write(dir.join(format!("{batch}.csv")), roster).unwrap();
        chungnhan(
            &dir,
            &[
                "issue",
                "--vars",
                issuer_vars(),
                "--roster",
                &format!("{batch}.csv"),
                "--keys",
                "keys",
                "--out",
                "out",
                "--set",
                "ngay_cap=2019-11-20",
                "--quiet",
            ],
        )
        .assert_code(0)
        .assert_stderr_has("ledgers.json");
    };
    issue("a", "stt,ho_ten,ngay_sinh\n1,Lương Thị Ẩn,05/02/1980\n");
    // The site is made while the key is sound: no ledger is embedded in its page.
    chungnhan(&dir, &["site", "--keys", "keys", "--out", "site"]).assert_code(0);
    issue("b", "stt,ho_ten,ngay_sinh\n1,Đặng Văn Thuỷ,01/01/1970\n");
    chungnhan(&dir, &["register", "export", "--out", "so.csv"]).assert_code(0);
    let r = chungnhan::input::roster::parse("so.csv".into(), &std::fs::read(dir.join("so.csv")).unwrap())
        .unwrap();
    let (a, b) = (r.rows[0].values[10].clone(), r.rows[1].values[10].clone());
    let stolen = PrivateKey::load(&dir.join("keys/signing-key.pem")).unwrap();
    let forged = {
        let claims = chungnhan::seal::claims::Claims {
            serial: "CN19-9999".into(),
            name: "Kẻ Mạo Danh".into(),
            issue_date: chungnhan::viet::Date::new(2019, 11, 20).unwrap().days(),
            ..Default::default()
        };
        let tok = stolen.sign_claims(claims.encode(chungnhan::seal::claims::TextForm::Utf8).unwrap());
        token::qr_text("xacthuc.truong.example.vn", &tok)
    };
    let kid = sign::hex(&stolen.public().kid);
    let told =
        chungnhan(&dir, &["keys", "compromise", "--keys", "keys", "--kid", &kid, "--since", "2026-11-01"]);
    told.assert_code(0).assert_stdout_has("ledgers.json").assert_stdout_has(".well-known/vncert/");

    let published = dir.join("site/.well-known/vncert");
    let publish = |names: &[&str]| {
        for n in names {
            std::fs::copy(dir.join("keys").join(n), published.join(n)).unwrap();
        }
    };
    let server = serve_existing(&dir);
    let verdicts = || -> Vec<String> {
        [&a, &b, &forged]
            .iter()
            .map(|qr| attr(&browse(&format!("{}/c#{}", server.base, frag(qr))), "data-verdict").to_string())
            .collect()
    };
    // Only the manifest published: batch a's ledger, published by `site` before the compromise,
    // is fetched; batch b's is not on the host yet.
    publish(&["trust.json", "trust.json.sig"]);
    assert_eq!(verdicts(), ["valid", "compromised", "compromised"]);
    // Everything the command said: batch b too, with no new `site`.
    publish(&["ledgers.json"]);
    for f in files_in(&dir.join("keys/ledger")) {
        std::fs::copy(dir.join("keys/ledger").join(&f), published.join("ledger").join(&f)).unwrap();
    }
    assert_eq!(verdicts(), ["valid", "valid", "compromised"]);
    for (qr, exit) in [(&a, 0), (&b, 0), (&forged, 6)] {
        chungnhan(&dir, &["verify", qr, "--trust", "keys"]).assert_code(exit);
    }
    let dom = browse(&format!("{}/c#{}", server.base, frag(&b)));
    assert!(dom.contains("Đặng Văn Thuỷ") && dom.contains("bảng kê mã đã cấp do khóa gốc"), "{dom}");
    // A published ledger that does not check (batch a's, edited) is left out; b's still counts.
    let a_ledger = files_in(&published.join("ledger"))
        .into_iter()
        .filter(|f| f.ends_with(".json"))
        .find(|f| {
            std::fs::read_to_string(published.join("ledger").join(f)).unwrap().contains("\"batch\": \"a")
        })
        .expect("batch a's ledger is published");
    let path = published.join("ledger").join(&a_ledger);
    let text = std::fs::read_to_string(&path).unwrap().replace("\"batch\": \"a", "\"batch\": \"A");
    std::fs::write(&path, text).unwrap();
    assert_eq!(verdicts(), ["compromised", "valid", "compromised"]);
}

/// Issue 28: one unreadable file in the key folder's `ledger/` (a stray `{}`) no longer stops
/// `site`: it is said once, left out of the site and of its ledger index, and the other ledgers
/// are published.
#[test]
fn site_says_an_unreadable_ledger_once_and_publishes_the_others() {
    let dir = temp_dir("site-bad-ledger");
    chungnhan(
        &dir,
        &["keygen", "--out", "keys", "--issuer", "Trường C", "--host", "xacthuc.truong.example.vn"],
    )
    .assert_code(0);
    std::fs::write(dir.join("lop.csv"), SMALL).unwrap();
    chungnhan(
        &dir,
        &[
            "issue",
            "--vars",
            issuer_vars(),
            "--roster",
            "lop.csv",
            "--keys",
            "keys",
            "--out",
            "out",
            "--quiet",
        ],
    )
    .assert_code(0);
    let good = files_in(&dir.join("keys/ledger"));
    assert_eq!(good.len(), 2, "one ledger and its signature: {good:?}");
    std::fs::write(dir.join("keys/ledger/broken.json"), "{}").unwrap();
    let run = chungnhan(&dir, &["site", "--keys", "keys", "--out", "site"]);
    run.assert_code(0);
    assert_eq!(run.stderr.matches("bỏ qua bảng kê mã đã cấp này").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("broken.json"), "{}", run.stderr);
    assert_eq!(files_in(&dir.join("site/.well-known/vncert/ledger")), good);
    let index = std::fs::read_to_string(dir.join("site/.well-known/vncert/ledgers.json")).unwrap();
    assert!(index.contains(&good[0]) && !index.contains("broken"), "{index}");
}

/// Issue 28, finding 5, on the page: a browser that has checked the issuer's revocation list
/// (no. 2) and then meets the site rebuilt without any list — or with the older list no. 1 — says
/// KHÔNG KIỂM TRA ĐƯỢC THU HỒI (cannot check revocation), never HỢP LỆ, with words saying what
/// happened and no claim shown; `verify` says the same (exit 7). A browser that never saw a list
/// cannot know one is missing: valid.
#[test]
fn site_a_withheld_or_older_revocation_list_cannot_check_revocation_once_one_was_seen() {
    if !chromium_here() {
        return;
    }
    let b = issue_batch("site-withheld", SMALL);
    let copy = |to: &str, files: &[&str]| {
        std::fs::create_dir_all(b.dir.join(to)).unwrap();
        for f in files {
            std::fs::copy(b.dir.join("keys").join(f), b.dir.join(to).join(f)).unwrap();
        }
    };
    copy("ds-1", &["trust.json", "trust.json.sig", "revoked.json", "revoked.json.sig"]);
    chungnhan(&b.dir, &["revoke", "CN19-0003", "--keys", "keys", "--reason", "fraud"]).assert_code(0);
    copy("chi-trust", &["trust.json", "trust.json.sig"]);
    chungnhan(&b.dir, &["site", "--keys", "keys", "--out", "site"]).assert_code(0);
    let server = serve_existing(&b.dir);
    let profile = temp_dir("chromium-phone-lists");
    let (name, qr) = &b.codes[0];
    let url = |qr: &str| format!("{}/c#{}", server.base, frag(qr));
    assert_eq!(attr(&browse_in(&url(qr), &profile), "data-verdict"), "valid");
    assert_eq!(attr(&browse_in(&url(&b.codes[2].1), &profile), "data-verdict"), "revoked");
    chungnhan(&b.dir, &["verify", qr, "--trust", "keys"]).assert_code(0);

    // The site rebuilt from a folder without the list, none published: withheld.
    let published = b.dir.join("site/.well-known/vncert");
    for f in ["revoked.json", "revoked.json.sig"] {
        std::fs::remove_file(published.join(f)).unwrap();
    }
    chungnhan(&b.dir, &["site", "--keys", "chi-trust", "--out", "site"]).assert_code(0);
    for (n, q) in [(name, qr), (&b.codes[2].0, &b.codes[2].1)] {
        let dom = browse_in(&url(q), &profile);
        assert_eq!(attr(&dom, "data-verdict"), "revocation_unchecked", "{dom}");
        assert!(dom.contains("KHÔNG KIỂM TRA ĐƯỢC THU HỒI") && !dom.contains("HỢP LỆ<"), "{dom}");
        assert!(dom.contains("nhưng ở đây không có danh sách đó: danh sách đã bị giữ lại"), "{dom}");
        assert!(!dom.contains(n.as_str()), "no claim is shown: {dom}");
        chungnhan(&b.dir, &["verify", q, "--trust", "chi-trust"]).assert_code(7);
    }

    // The site rebuilt from the older list no. 1: older. What no. 1 does not revoke is not cleared.
    chungnhan(&b.dir, &["site", "--keys", "ds-1", "--out", "site"]).assert_code(0);
    let dom = browse_in(&url(&b.codes[2].1), &profile);
    assert_eq!(attr(&dom, "data-verdict"), "revocation_unchecked", "{dom}");
    assert!(dom.contains("Danh sách thu hồi ở đây cũ hơn danh sách trình duyệt này đã kiểm tra"), "{dom}");
    assert!(
        dom.contains("danh sách thu hồi ở đây (số 1) cũ hơn danh sách trình duyệt này đã kiểm tra (số 2)"),
        "{dom}"
    );
    chungnhan(&b.dir, &["verify", &b.codes[2].1, "--trust", "ds-1"]).assert_code(7);

    // Another phone, which never saw a list of this issuer: valid, as `verify` on another computer.
    assert_eq!(attr(&browse(&url(qr)), "data-verdict"), "valid");
    chungnhan(&b.dir, &["verify", qr, "--trust", "ds-1", "--state", "may-moi"]).assert_code(0);
}

/// The signing-date vectors (tests/fixtures/vectors/signing-date.json, issue 28 item 8) through
/// the page: for each of the four key windows, each code gets the verdict the vectors give, and
/// `verify`'s. A code of a key begun since 2026-12-02 without a signing date, or one signed in the
/// future, is not valid on the page either, and the page says why.
#[test]
fn site_agrees_with_verify_on_the_signing_date_vectors() {
    if !chromium_here() {
        return;
    }
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture("vectors/signing-date.json")).unwrap()).unwrap();
    let names: Vec<&str> = v["codes"].as_object().unwrap().keys().map(String::as_str).collect();
    let digits: Vec<&str> = names.iter().map(|n| frag(v["codes"][n].as_str().unwrap())).collect();
    for (from, files) in v["trust"].as_object().unwrap() {
        let dir = temp_dir("site-signing-date");
        std::fs::create_dir_all(dir.join("keys")).unwrap();
        std::fs::write(dir.join("keys/trust.json"), files["json"].as_str().unwrap()).unwrap();
        std::fs::write(dir.join("keys/trust.json.sig"), files["sig"].as_str().unwrap()).unwrap();
        let server = serve(&dir, "keys");
        let page = judge_in_page(&dir, &server, "dates.html", &digits, "r.verdict + ': ' + (r.why || '')");
        let page: Vec<String> = serde_json::from_str(&page).unwrap();
        for (name, on_page) in names.iter().zip(&page) {
            let expected = v["expect"][from][name].as_str().unwrap();
            assert!(
                on_page.starts_with(&format!("{expected}: ")),
                "page, window from {from}, {name}: {on_page}"
            );
            let qr = v["codes"][name].as_str().unwrap();
            let cli = chungnhan(&dir, &["verify", qr, "--trust", "keys", "--json"]);
            let j: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();
            assert_eq!(j["verdict"], expected, "verify, window from {from}, {name}: {}", cli.stdout);
            if *name == "signed_2999_06_01" {
                assert!(
                    on_page.contains("claims to be signed on 01/06/2999, more than a day after today"),
                    "{on_page}"
                );
            }
            if *name == "no_signing_date" && expected == "invalid" {
                assert!(on_page.contains("the code carries no signing date"), "{on_page}");
            }
        }
    }
}

/// Issue 28, finding 12, on the page: the page pins the root it was built with, so a manifest
/// of another root published beside it — with this issuer's name, id and domain, at seq 999 — is
/// ignored: that root's codes are KHÔNG RÕ ĐƠN VỊ CẤP (unknown issuer) and never shown under our
/// name, while our own codes stay valid.
#[test]
fn site_ignores_a_manifest_of_another_root_that_claims_our_issuer_name() {
    if !chromium_here() {
        return;
    }
    let b = issue_batch("site-name-claimed", SMALL);
    let other = temp_dir("site-name-claimed-other");
    chungnhan(
        &other,
        &[
            "keygen",
            "--out",
            "keys",
            "--issuer",
            "Trung tâm Bồi dưỡng chính trị quận Tân Bình",
            "--host",
            "xacthuc.tanbinh.example.vn",
        ],
    )
    .assert_code(0);
    let their_root = PrivateKey::load(&other.join("keys/root-key.pem")).unwrap();
    let mut m = chungnhan::seal::trust::load_manifest(&other.join("keys/trust.json"), None).unwrap().manifest;
    m.seq = 999;
    chungnhan::seal::trust::save_manifest(&other.join("keys/trust.json"), &m, &their_root).unwrap();
    let signing = PrivateKey::load(&other.join("keys/signing-key.pem")).unwrap();
    let today = token::Token::parse(&b.codes[0].1).unwrap();
    let today = chungnhan::seal::claims::Claims::decode(&today.claims).unwrap().signing_date;
    let claims = chungnhan::seal::claims::Claims {
        serial: "CN19-0001".into(),
        name: "Kẻ Mạo Danh".into(),
        issue_date: chungnhan::viet::Date::new(2019, 11, 20).unwrap().days(),
        signing_date: today,
        ..Default::default()
    };
    let impostor = token::qr_text(
        "xacthuc.tanbinh.example.vn",
        &signing.sign_claims(claims.encode(chungnhan::seal::claims::TextForm::Utf8).unwrap()),
    );
    chungnhan(&b.dir, &["site", "--keys", "keys", "--out", "site"]).assert_code(0);
    let published = b.dir.join("site/.well-known/vncert");
    for f in ["trust.json", "trust.json.sig"] {
        std::fs::copy(other.join("keys").join(f), published.join(f)).unwrap();
    }
    let server = serve_existing(&b.dir);
    let dom = browse(&format!("{}/c#{}", server.base, frag(&impostor)));
    assert_eq!(attr(&dom, "data-verdict"), "unknown_key", "{dom}");
    assert!(!dom.contains("Kẻ Mạo Danh"), "{dom}");
    let dom = browse(&format!("{}/c#{}", server.base, frag(&b.codes[0].1)));
    assert_eq!(attr(&dom, "data-verdict"), "valid", "{dom}");
    // `verify` trusting both says in words that another key claims the name.
    std::fs::create_dir_all(b.dir.join("mao-danh")).unwrap();
    for f in ["trust.json", "trust.json.sig"] {
        std::fs::copy(other.join("keys").join(f), b.dir.join("mao-danh").join(f)).unwrap();
    }
    chungnhan(&b.dir, &["verify", &impostor, "--trust", "keys", "--trust", "mao-danh"])
        .assert_code(0)
        .assert_stdout_has("Lưu ý: một khóa khác nhận tên của đơn vị cấp này");
}
