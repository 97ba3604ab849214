//! The verification page in a real browser: `chungnhan site --serve` on 127.0.0.1, headless
//! Chromium opening each certificate's QR address with the host replaced, and the page's verdict
//! compared with `chungnhan verify` — valid, altered, unknown key, revoked (from the embedded
//! list and from a newer published one), a hostile name shown inert, a bidi control refused, the
//! fragment gone from the address, and the spec's vectors.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use chungnhan::seal::sign::{self, Alg, PrivateKey, PublicKey};
use chungnhan::seal::token;
use common::*;

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
    dir: common::TempDir,
    codes: Vec<(String, String)>, // (name, QR text)
}

fn issue_batch(name: &str, roster: &str) -> Batch {
    issue_batch_by(name, "Trung tâm Bồi dưỡng chính trị quận Tân Bình", roster)
}

/// [`issue_batch`] for an issuer of that name.
fn issue_batch_by(name: &str, issuer: &str, roster: &str) -> Batch {
    let dir = temp_dir(name);
    chungnhan(&dir, &["keygen", "--out", "keys", "--issuer", issuer, "--host", "xacthuc.tanbinh.example.vn"])
        .assert_code(0);
    std::fs::write(dir.join("lop.csv"), roster).unwrap();
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
            "--set",
            "ngay_cap=2019-11-20",
            "--quiet",
        ],
    )
    .assert_code(0);
    chungnhan(&dir, &["register", "export", "--out", "so.csv"]).assert_code(0);
    let r = chungnhan::input::roster::parse("so.csv".into(), &std::fs::read(dir.join("so.csv")).unwrap())
        .unwrap();
    let codes = r.rows.iter().map(|row| (row.values[1].clone(), row.values[10].clone())).collect();
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

/// Genuinely signed codes whose claims are not in the one deterministic encoding somewhere deep
/// inside, or whose claim key is outside the 64-bit range: the page and `verify` give the same
/// verdict on every one, and the one expected (regression: #12 — the page once called key 2^63
/// valid where the CLI said malformed, and neither looked inside unknown claims).
#[test]
fn site_and_verify_agree_on_strict_decoding_at_every_depth() {
    if !chromium_here() {
        return;
    }
    // {1: "A-1", 2: "An", 5: 18220, KEY: VALUE}, assembled by hand: the encoder would refuse.
    let claims = |key: &[u8], value: &[u8]| {
        let mut b = vec![0xa4, 0x01, 0x63, b'A', b'-', b'1', 0x02, 0x62, b'A', b'n', 0x05, 0x19, 0x47, 0x2c];
        b.extend(key);
        b.extend(value);
        b
    };
    let k20 = [0x14u8];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("unknown claim, a sorted inner map", claims(&k20, &[0xa2, 0x01, 0x02, 0x03, 0x04]), "valid"),
        ("unknown claim, [24, true, null]", claims(&k20, &[0x83, 0x18, 0x18, 0xf5, 0xf6]), "valid"),
        ("unknown claim key 2^62", claims(&[0x1b, 0x40, 0, 0, 0, 0, 0, 0, 0], &[0x01]), "valid"),
        ("unknown claim, a non-minimal integer", claims(&k20, &[0x18, 0x01]), "malformed"),
        ("unknown claim, a non-minimal integer inside", claims(&k20, &[0x81, 0x19, 0x00, 0x01]), "malformed"),
        ("unknown claim, an unsorted inner map", claims(&k20, &[0xa2, 0x03, 0x04, 0x01, 0x02]), "malformed"),
        ("unknown claim, a repeated inner key", claims(&k20, &[0xa2, 0x01, 0x02, 0x01, 0x03]), "malformed"),
        ("unknown claim, a non-minimal length", claims(&k20, &[0x59, 0x00, 0x01, 0x00]), "malformed"),
        ("unknown claim, a tag", claims(&k20, &[0xc1, 0x01]), "malformed"),
        ("unknown claim, a float", claims(&k20, &[0xf9, 0x3c, 0x00]), "malformed"),
        ("claim key 2^63", claims(&[0x1b, 0x80, 0, 0, 0, 0, 0, 0, 0], &[0x01]), "malformed"),
        (
            "claim key -2^64",
            claims(&[0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], &[0x01]),
            "malformed",
        ),
    ];
    let key = PrivateKey::generate();
    let dir = temp_dir("site-strict");
    std::fs::create_dir_all(dir.join("keys")).unwrap();
    save_manifest_for(&dir.join("keys/trust.json"), &[key.public().clone()]);
    let server = serve(&dir, "keys");
    let digits: Vec<String> =
        cases.iter().map(|(_, c, _)| token::to_digits(&key.sign_claims(c.clone()).to_bytes())).collect();
    let digits: Vec<&str> = digits.iter().map(String::as_str).collect();
    let page_verdicts: Vec<String> =
        serde_json::from_str(&judge_in_page(&dir, &server, "strict.html", &digits, "r.verdict")).unwrap();
    for ((name, _, expected), (d, on_page)) in cases.iter().zip(digits.iter().zip(&page_verdicts)) {
        let cli = chungnhan(&dir, &["verify", &format!("https://x/c#{d}"), "--trust", "keys", "--json"]);
        let j: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();
        assert_eq!(j["verdict"].as_str().unwrap(), *expected, "verify on {name}: {}", cli.stdout);
        assert_eq!(on_page, expected, "the page on {name}");
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
