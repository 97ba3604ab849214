//! Signed verification codes as issuers and verifiers meet them: `keygen`, `issue`, `verify` on
//! text, scans, photos and PDFs; the spec's independent test vectors; tampering, unknown keys and
//! revocation; and this implementation's own published vectors.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;
use chungnhan::seal::claims::{Claims, TextForm};
use chungnhan::seal::sign::{self, Alg, PrivateKey, PublicKey};
use chungnhan::seal::trust::{self, Revocation, RevocationList};
use chungnhan::{seal::scan, seal::token, seal::verify};
use rayon::prelude::*;

/// One issued batch of the built-in sample, shared by the tests that only read it.
struct Issued {
    dir: PathBuf,
}

impl Issued {
    fn keys(&self) -> PathBuf {
        self.dir.join("keys")
    }
    fn trust(&self) -> String {
        self.keys().join("trust.json").to_str().unwrap().to_string()
    }
    fn pdf(&self, name: &str) -> PathBuf {
        self.dir.join("out").join(name)
    }
    fn qr_text(&self, name: &str) -> String {
        scan::stored_code(&std::fs::read(self.pdf(name)).unwrap()).expect("issued PDFs store their code")
    }
}

fn issued() -> &'static Issued {
    static ISSUED: OnceLock<Issued> = OnceLock::new();
    ISSUED.get_or_init(|| {
        let dir = crate::common::shared_dir("issued");
        chungnhan(
            &dir,
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
        chungnhan(
            &dir,
            &[
                "--lang",
                "en",
                "issue",
                "--roster",
                &example("roster.csv"),
                "--vars",
                &example("tan-binh-2019.toml"),
                "--keys",
                "keys",
                "--out",
                "out",
                "--merged",
                "tat-ca.pdf",
            ],
        )
        .assert_code(0)
        .assert_stdout_has("218 new certificate(s)")
        .assert_stdout_has("wrote 218 file(s) (PDF/A-2b) to out");
        Issued { dir }
    })
}

/// A trust store holding one key, as if its manifest had been checked (for codes made in tests).
fn trust_of_key(key: &PrivateKey) -> verify::Trust {
    verify::Trust {
        issuers: vec![trust::TrustedIssuer {
            manifest: serde_json::from_value(serde_json::json!({
                "format": "vncert-trust/1", "seq": 1, "issued_at": "", "next_update": "",
                "issuer": {"id": "t", "name_vi": "Test", "domain": "xacthuc.example.vn"},
                "root": trust::entry_for(key.public(), None, None), "keys": [], "revocations": ""
            }))
            .unwrap(),
            root: key.public().clone(),
            keys: vec![(trust::entry_for(key.public(), None, None), key.public().clone())],
            path: PathBuf::from("test"),
        }],
        revocations: vec![],
        ledgers: vec![],
        today: None,
        lists_seen: vec![],
    }
}

fn trust_of(manifests: &[&Path]) -> verify::Trust {
    let mut t = verify::Trust::default();
    for m in manifests {
        t.issuers.push(trust::load_manifest(m, None).unwrap());
    }
    t
}

#[test]
fn keygen_writes_private_keys_0600_and_never_prints_them() {
    let dir = temp_dir("keygen");
    let run = chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "keygen",
            "--out",
            "k",
            "--issuer",
            "Trường Chính trị tỉnh",
            "--host",
            "xacthuc.truong.edu.vn",
        ],
    );
    run.assert_code(0).assert_stdout_has("Root key fingerprint").assert_stdout_has("Wrote k/trust.json");
    assert!(!run.stdout.contains("PRIVATE") && !run.stderr.contains("PRIVATE"));
    #[cfg(unix)]
    for f in ["root-key.pem", "signing-key.pem"] {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(dir.join("k").join(f)).unwrap().permissions().mode() & 0o777,
            0o600,
            "{f}"
        );
    }
    let manifest = trust::load_manifest(&dir.join("k/trust.json"), None).unwrap();
    assert_eq!(manifest.manifest.issuer.name_vi, "Trường Chính trị tỉnh");
    assert_eq!(manifest.manifest.issuer.domain, "xacthuc.truong.edu.vn");
}

/// No command silently destroys a key: keygen into a folder that holds keys — even a single
/// stray .pem or a dangling link named like a key — is refused, `--force` included, and every
/// key file stays byte for byte as it was; issuer and host are required (regression: #11).
#[test]
fn keygen_never_replaces_keys_and_needs_issuer_and_host() {
    let dir = temp_dir("keygen-guard");
    let args =
        ["keygen", "--out", "k", "--issuer", "Trường Chính trị tỉnh", "--host", "xacthuc.truong.edu.vn"];
    chungnhan(&dir, &args).assert_code(0);
    let before: Vec<(String, Vec<u8>)> = files_in(&dir.join("k"))
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(dir.join("k").join(&f)).unwrap()))
        .collect();
    let en: Vec<&str> = ["--lang", "en"].iter().chain(&args).copied().collect();
    chungnhan(&dir, &en)
        .assert_code(2)
        .assert_stderr_has("k already holds an issuer's keys (k/revoked.json); keygen never replaces them (nothing was changed)")
        .assert_stderr_has("hint: a new root key would make every certificate issued so far unverifiable");
    let mut forced = en.clone();
    forced.push("--force");
    chungnhan(&dir, &forced).assert_code(2).assert_stderr_has("keygen --force is no longer accepted");
    let after: Vec<(String, Vec<u8>)> = files_in(&dir.join("k"))
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(dir.join("k").join(&f)).unwrap()))
        .collect();
    assert!(before == after, "every key file byte for byte as it was");

    // A lone dangling link named like the root key: refused, and nothing written where it points.
    #[cfg(unix)]
    {
        std::fs::create_dir_all(dir.join("k2")).unwrap();
        std::os::unix::fs::symlink(dir.join("elsewhere.pem"), dir.join("k2/root-key.pem")).unwrap();
        let mut other = args.to_vec();
        other[2] = "k2";
        chungnhan(&dir, &other)
            .assert_code(2)
            .assert_stderr_has("k2 đã chứa khóa của một đơn vị cấp (k2/root-key.pem)");
        assert!(!dir.join("elsewhere.pem").exists());
    }
    // Issuer and host are required; an example host is warned about.
    chungnhan(&dir, &["--lang", "en", "keygen", "--out", "k3"])
        .assert_code(2)
        .assert_stderr_has("--issuer <NAME>");
    assert!(!dir.join("k3").exists());
    chungnhan(
        &dir,
        &["--lang", "en", "keygen", "--out", "k4", "--issuer", "Thử", "--host", "xacthuc.example.vn"],
    )
    .assert_code(0)
    .assert_stderr_has("warning: xacthuc.example.vn is a name for examples and tests");
}

#[test]
fn spec_vectors_es256_accepted_tampered_and_swapped_refused() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vectors/verification-qr-vectors.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    // A trust manifest holding the independent implementation's keys.
    let dir = temp_dir("spec-vectors");
    let mut keys = Vec::new();
    for (kid, k) in v["keys"].as_object().unwrap() {
        let alg = Alg::from_name(k["alg"].as_str().unwrap()).unwrap();
        let key = PublicKey::from_spki(alg, sign::unhex(k["spki"].as_str().unwrap()).unwrap()).unwrap();
        assert_eq!(&sign::hex(&key.kid), kid, "KID = SHA-256(SPKI)[0..4]");
        keys.push(key);
    }
    save_manifest_for(&dir.join("trust.json"), &keys);
    for vec in v["vectors"].as_array().unwrap() {
        let name = vec["name"].as_str().unwrap();
        let frag = vec["frag"].as_str().unwrap();
        let url = format!("https://xacthuc.example.vn/c#{frag}");
        let run = chungnhan(&dir, &["verify", &url, "--trust", "trust.json"]);
        match (name.starts_with("ES256"), vec["expect"].as_bool().unwrap()) {
            (true, true) => {
                run.assert_code(0).assert_stdout_has("HỢP LỆ — chữ ký số đúng");
            }
            (true, false) => {
                run.assert_code(1).assert_stdout_has("KHÔNG HỢP LỆ");
                assert!(
                    !run.stdout.contains("Họ và tên"),
                    "{name}: no claim of an invalid code is shown:\n{}",
                    run.stdout
                );
            }
            // Ed25519 (header 0x12) is reserved; this version says so rather than guessing.
            (false, true) => {
                run.assert_code(5)
                    .assert_stdout_has("phiên bản chungnhan này chưa đọc được mã ký bằng Ed25519");
            }
            (false, false) => assert_ne!(run.code, 0, "{name}"),
        }
    }
}

#[test]
fn own_vectors_fixed_key_and_claims_give_the_published_blob() {
    // tests/fixtures/vectors/chungnhan-es256.json: for other implementations to check themselves.
    let key = PrivateKey::load(Path::new(&fixture("keys/test-only-signing-key.pem"))).unwrap();
    let vectors_path = Path::new(&fixture("vectors/chungnhan-es256.json")).to_path_buf();
    let claims = Claims {
        serial: "TB-2019-000218".into(),
        name: "Nguyễn Thị Ngọc Huyền".into(),
        birth_date: Some(chungnhan::viet::Date::new(1985, 3, 4).unwrap().days()),
        programme: Some("bồi dưỡng cập nhật kiến thức năm 2019".into()),
        issue_date: chungnhan::viet::Date::new(2019, 11, 20).unwrap().days(),
        registry_number: Some("218/2019".into()),
        ..Claims::default()
    };
    let mut cases = Vec::new();
    for (label, form) in [("utf8", TextForm::Utf8), ("windows-1258", TextForm::Windows1258)] {
        let cbor = claims.encode(form).unwrap();
        let tok = key.sign_claims(cbor.clone());
        cases.push(serde_json::json!({
            "name": format!("ES256 {label} text"),
            "claims_cbor_hex": sign::hex(&cbor),
            "blob_hex": sign::hex(&tok.to_bytes()),
            "qr_text": token::qr_text("xacthuc.example.vn", &tok),
            "revocation_id": sign::b64(&sign::revocation_id(&tok.sig)),
        }));
    }
    let doc = serde_json::json!({
        "about": "VNCERT-QR v1 vectors made by chungnhan (Rust: minicbor, p256 with RFC 6979 deterministic ECDSA, so the signatures are reproducible; s normalised to low-S as spec §3.4 asks). The key is for tests only.",
        "key": { "kid": sign::hex(&key.public().kid), "alg": "ES256", "spki_hex": sign::hex(&key.public().spki) },
        "claims": {
            "1 serial": claims.serial, "2 name": claims.name, "3 birth_date (days)": claims.birth_date,
            "4 programme": claims.programme, "5 issue_date (days)": claims.issue_date, "10 registry_number": claims.registry_number
        },
        "vectors": cases,
    });
    let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        std::fs::create_dir_all(vectors_path.parent().unwrap()).unwrap();
        std::fs::write(&vectors_path, &text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&vectors_path).unwrap(),
        text,
        "the format changed: v1 codes are printed for decades"
    );
    // And they verify.
    let t = trust_of_key(&key);
    for c in doc["vectors"].as_array().unwrap() {
        let r = verify::verify_text(c["qr_text"].as_str().unwrap(), &t);
        assert_eq!(r.verdict, verify::Verdict::Valid);
        assert_eq!(r.claims.unwrap(), claims);
    }
}

#[test]
fn issue_every_page_decodes_from_a_150_dpi_render_and_verifies_with_the_roster_claims() {
    if !have("pdftoppm") {
        return;
    }
    let iss = issued();
    let pages = temp_dir("pages");
    let out = std::process::Command::new("pdftoppm")
        .args([
            "-r",
            "150",
            "-gray",
            "-png",
            iss.dir.join("tat-ca.pdf").to_str().unwrap(),
            pages.join("p").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let trust = trust_of(&[Path::new(&iss.trust())]);
    let roster = read_csv(&example("roster.csv"));
    let mut files = files_in(&pages);
    files.sort_by_key(|f| f.trim_start_matches("p-").trim_end_matches(".png").parse::<usize>().unwrap());
    assert_eq!(files.len(), 218);
    files.par_iter().zip(roster.par_iter()).for_each(|(f, rec)| {
        let text = scan::decode_image(&std::fs::read(pages.join(f)).unwrap())
            .unwrap()
            .unwrap_or_else(|| panic!("{f}: no code read"));
        assert!(text.starts_with("https://xacthuc.tanbinh.example.vn/c#"), "{text}");
        let r = verify::verify_text(&text, &trust);
        assert_eq!(r.verdict, verify::Verdict::Valid, "{f}: {}", r.message);
        let c = r.claims.unwrap();
        assert_eq!(c.name, rec["ho_ten"], "{f}");
        assert_eq!(c.serial, rec["so_hieu"], "{f}");
        assert_eq!(c.programme.as_deref(), Some("bồi dưỡng cập nhật kiến thức năm 2019"));
        assert_eq!(chungnhan::viet::Date::from_days(c.issue_date).to_string(), "20/11/2019");
        match (c.birth_date, c.birth_year) {
            (Some(d), None) => {
                assert_eq!(chungnhan::viet::Date::from_days(d).to_string(), rec["ngay_sinh"], "{f}")
            }
            (None, Some(y)) => assert_eq!(y.to_string(), rec["ngay_sinh"], "{f}"),
            other => panic!("{f}: birth date {other:?}"),
        }
    });
}

#[test]
fn verify_accepts_the_text_the_url_the_png_and_the_pdf() {
    let iss = issued();
    let text = iss.qr_text("001-ly-xuan-tri.pdf");
    let digits = token::extract_digits(&text).unwrap().to_string();
    let dir = temp_dir("forms");
    for input in [text.clone(), digits, format!("VNC1:{}", token::extract_digits(&text).unwrap())] {
        chungnhan(&dir, &["verify", &input, "--trust", &iss.trust()])
            .assert_code(0)
            .assert_stdout_has("Họ và tên:    Lý Xuân Trí")
            .assert_stdout_has("Đơn vị cấp (theo danh sách tin cậy): Trung tâm Bồi dưỡng chính trị quận Tân Bình — xacthuc.tanbinh.example.vn")
            .assert_stdout_has("Đối chiếu họ tên, ngày sinh, số hiệu, chương trình với bản giấy.");
    }
    let pdf = iss.pdf("001-ly-xuan-tri.pdf");
    let run = chungnhan(&dir, &["verify", pdf.to_str().unwrap(), "--trust", &iss.trust(), "--json"]);
    run.assert_code(0);
    let j: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(j["verdict"], "valid");
    assert_eq!(j["source"], "pdf_page", "a PDF is judged by the code printed on its page");
    assert_eq!(j["name"], "Lý Xuân Trí");
    assert_eq!(j["serial"], "CNKT19-0001");
    assert_eq!(j["claims"]["birth_date"], "07/04/1975");
    assert_eq!(j["issuer"]["name"], "Trung tâm Bồi dưỡng chính trị quận Tân Bình");
    assert_eq!(j["qr_text"], text.as_str(), "the QR address judged");
    // One verdict line, then the claims; English when the locale asks for it.
    let vi = chungnhan(&dir, &["verify", &text, "--trust", &iss.trust()]);
    assert!(
        vi.stdout.starts_with("HỢP LỆ — chữ ký số đúng: giấy chứng nhận do đơn vị dưới đây cấp.\nĐơn vị cấp"),
        "{}",
        vi.stdout
    );
    chungnhan_env(&dir, &["--lang", "en", "verify", &text, "--trust", &iss.trust()], &[("LANG", "en_US.UTF-8")])
        .assert_code(0)
        .assert_stdout_has("VALID — the digital signature is genuine: issued by the body below.\nIssued by (from the trust list): ")
        .assert_stdout_has("  Date of birth:   07/04/1975\n");
    if have("pdftoppm") {
        let png = dir.join("page");
        assert!(std::process::Command::new("pdftoppm")
            .args(["-r", "150", "-png", "-singlefile", pdf.to_str().unwrap(), png.to_str().unwrap()])
            .status()
            .unwrap()
            .success());
        chungnhan(&dir, &["verify", "page.png", "--trust", &iss.trust()])
            .assert_code(0)
            .assert_stdout_has("Lý Xuân Trí");
    }
}

#[test]
fn verify_reads_a_slightly_rotated_blurred_photo() {
    if !have("pdftoppm") {
        return;
    }
    let iss = issued();
    let dir = temp_dir("photo");
    let png = dir.join("scan");
    assert!(std::process::Command::new("pdftoppm")
        .args([
            "-r",
            "150",
            "-gray",
            "-png",
            "-singlefile",
            iss.pdf("007-ton-nu-thi-hoang-phuong-thao.pdf").to_str().unwrap(),
            png.to_str().unwrap()
        ])
        .status()
        .unwrap()
        .success());
    let page = image::open(dir.join("scan.png")).unwrap().to_luma8();
    let photo = image::imageops::blur(&rotate(&page, 3.0), 0.9);
    photo.save(dir.join("photo.png")).unwrap();
    chungnhan(&dir, &["verify", "photo.png", "--trust", &iss.trust()])
        .assert_code(0)
        .assert_stdout_has("Tôn Nữ Thị Hoàng Phương Thảo");
}

/// Rotates a grey image by `degrees` about its centre (bilinear, white outside).
fn rotate(img: &image::GrayImage, degrees: f32) -> image::GrayImage {
    let (w, h) = img.dimensions();
    let (s, c) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    image::GrayImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let (sx, sy) = (c * dx + s * dy + cx, -s * dx + c * dy + cy);
        if sx < 0.0 || sy < 0.0 || sx >= (w - 1) as f32 || sy >= (h - 1) as f32 {
            return image::Luma([255]);
        }
        let (x0, y0) = (sx.floor() as u32, sy.floor() as u32);
        let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
        let p = |x, y| img.get_pixel(x, y)[0] as f32;
        let v = p(x0, y0) * (1.0 - fx) * (1.0 - fy)
            + p(x0 + 1, y0) * fx * (1.0 - fy)
            + p(x0, y0 + 1) * (1.0 - fx) * fy
            + p(x0 + 1, y0 + 1) * fx * fy;
        image::Luma([v.round() as u8])
    })
}

#[test]
fn verify_any_changed_digit_is_never_valid() {
    let iss = issued();
    let trust = trust_of(&[Path::new(&iss.trust())]);
    let text = iss.qr_text("102-ksor-h-bo.pdf");
    let (prefix, digits) = text.split_once('#').unwrap();
    assert_eq!(verify::verify_text(&text, &trust).verdict, verify::Verdict::Valid);
    (0..digits.len()).into_par_iter().for_each(|i| {
        let mut d = digits.as_bytes().to_vec();
        d[i] = b'0' + (d[i] - b'0' + 1) % 10;
        let changed = format!("{prefix}#{}", String::from_utf8(d).unwrap());
        let r = verify::verify_text(&changed, &trust);
        assert!(
            matches!(
                r.verdict,
                verify::Verdict::Invalid | verify::Verdict::Malformed | verify::Verdict::UnknownKey
            ),
            "digit {i}: {:?}",
            r.verdict
        );
        assert!(r.claims.is_none(), "digit {i}: claims of a changed code were shown");
    });
}

#[test]
fn verify_a_changed_digit_exits_1_with_no_claims() {
    let iss = issued();
    let text = iss.qr_text("001-ly-xuan-tri.pdf");
    let (prefix, digits) = text.split_once('#').unwrap();
    // Inside the claims (past header and KID): the signature no longer matches.
    let mut d = digits.as_bytes().to_vec();
    d[40] = b'0' + (d[40] - b'0' + 1) % 10;
    let changed = format!("{prefix}#{}", String::from_utf8(d).unwrap());
    let dir = temp_dir("changed");
    let run = chungnhan(&dir, &["verify", &changed, "--trust", &iss.trust()]);
    assert!(run.code == 1 || run.code == 5, "exit {}: {}", run.code, run.stdout);
    assert!(!run.stdout.contains("Lý Xuân Trí") && !run.stdout.contains("Họ và tên"), "{}", run.stdout);
}

#[test]
fn verify_a_code_from_an_unknown_issuer_exits_2() {
    let iss = issued();
    let dir = temp_dir("unknown");
    chungnhan(
        &dir,
        &["keygen", "--out", "other", "--issuer", "Một đơn vị khác", "--host", "xacthuc.khac.example.vn"],
    )
    .assert_code(0);
    chungnhan(&dir, &["verify", &iss.qr_text("001-ly-xuan-tri.pdf"), "--trust", "other/trust.json"])
        .assert_code(2)
        .assert_stdout_has("KHÔNG RÕ ĐƠN VỊ CẤP")
        .assert_stdout_has("Chi tiết: không rõ khóa ");
    chungnhan(&dir, &["--lang", "en", "verify", &iss.qr_text("001-ly-xuan-tri.pdf")])
        .assert_code(2)
        .assert_stdout_has("no trust manifest was given");
}

#[test]
fn verify_a_revoked_certificate_exits_3_with_date_and_reason() {
    let iss = issued();
    let dir = temp_dir("revoked");
    let text = iss.qr_text("120-nguyen-van-hung.pdf");
    let tok = token::Token::parse(&text).unwrap();
    let root = PrivateKey::load(&iss.keys().join("root-key.pem")).unwrap();
    let list = RevocationList {
        format: trust::REVOKED_FORMAT.into(),
        seq: 2,
        issued_at: "2026-11-28T00:00:00Z".into(),
        next_update: "2027-05-28T00:00:00Z".into(),
        entries: vec![Revocation {
            rid: sign::b64(&sign::revocation_id(&tok.sig)),
            date: "2026-11-28".into(),
            reason: "issued_in_error".into(),
        }],
    };
    trust::save_revocations(&dir.join("revoked.json"), &list, &root).unwrap();
    chungnhan(&dir, &["verify", &text, "--trust", &iss.trust(), "--revoked", "revoked.json"])
        .assert_code(3)
        .assert_stdout_has("ĐÃ BỊ THU HỒI — chữ ký đúng, nhưng giấy chứng nhận đã bị thu hồi.")
        .assert_stdout_has("Thu hồi ngày 28/11/2026, lý do: cấp sai");
    // The same in English, on request: by --lang (before or after the command) or the locale.
    chungnhan(&dir, &["--lang", "en", "verify", &text, "--trust", &iss.trust(), "--revoked", "revoked.json"])
        .assert_code(3)
        .assert_stdout_has("REVOKED — the signature is genuine, but the certificate was revoked.")
        .assert_stdout_has("Revoked on 28/11/2026, reason: issued in error")
        .assert_stdout_has("Name:")
        .assert_stdout_has("Compare the name, date of birth, serial and programme with the paper.");
    // The homonym (record 150) is another certificate: not revoked.
    chungnhan(
        &dir,
        &[
            "verify",
            &iss.qr_text("150-nguyen-van-hung.pdf"),
            "--trust",
            &iss.trust(),
            "--revoked",
            "revoked.json",
        ],
    )
    .assert_code(0);
    // A list signed by someone else is refused.
    trust::save_revocations(&dir.join("forged.json"), &list, &PrivateKey::generate()).unwrap();
    chungnhan(&dir, &["--lang", "en", "verify", &text, "--trust", &iss.trust(), "--revoked", "forged.json"])
        .assert_code(2)
        .assert_stderr_has("does not check against the issuer's root key");
}

#[test]
fn verify_a_pdf_whose_stored_copy_differs_judges_the_printed_code() {
    let iss = issued();
    let dir = temp_dir("mismatch");
    let mut bytes = std::fs::read(iss.pdf("001-ly-xuan-tri.pdf")).unwrap();
    let needle = scan::METADATA_PREFIX.as_bytes();
    let at = bytes.windows(needle.len()).position(|w| w == needle).unwrap() + needle.len() + 40;
    bytes[at] = if bytes[at] == b'9' { b'8' } else { b'9' };
    std::fs::write(dir.join("edited.pdf"), &bytes).unwrap();
    chungnhan(&dir, &["verify", "edited.pdf", "--trust", &iss.trust()]).assert_code(0).assert_stdout_has(
        "Lưu ý: mã lưu trong siêu dữ liệu của tệp khác với mã in trên trang; đã xét mã in trên trang.",
    );
}

#[test]
fn verify_a_draft_has_no_code_and_garbage_is_malformed() {
    let dir = temp_dir("nocode");
    chungnhan(
        &dir,
        &["render", "--roster", &fixture("rosters/split_name_columns.csv"), "--out", "d", "--set", PROGRAMME],
    )
    .assert_code(0);
    chungnhan(&dir, &["verify", "d/101-h-hen-nie.pdf"])
        .assert_code(4)
        .assert_stdout_has("KHÔNG TÌM THẤY MÃ QR")
        .assert_stdout_has("Đây là bản nháp (bản in thử của lệnh render): bản nháp không có mã xác thực.");
    // A file named like an image that is none is "no code found" with a hint, not "damaged".
    std::fs::write(dir.join("fake.png"), "not an image").unwrap();
    chungnhan(&dir, &["verify", "fake.png"])
        .assert_code(4)
        .assert_stdout_has("fake.png có tên như tệp PDF, PNG hay JPEG nhưng không phải loại nào")
        .assert_stdout_has("Gợi ý: chụp gần hơn");
    chungnhan(&dir, &["verify", "https://xacthuc.example.vn/c#12345"])
        .assert_code(5)
        .assert_stdout_has("MÃ QR HỎNG");
    chungnhan(&dir, &["--lang", "en", "verify", "khong-co.pdf"])
        .assert_code(4)
        .assert_stdout_has("cannot read khong-co.pdf");
    let oversize = format!("https://x/c#{}", "1".repeat(17 * 200));
    chungnhan(&dir, &["--lang", "en", "verify", &oversize])
        .assert_code(5)
        .assert_stdout_has("not a certificate record");
}

/// CRC-32 (IEEE) of a PNG chunk's type and data.
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

/// A PNG of `w`×`h` pixels in its header, with a few bytes of image data: a decompression bomb.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        let mut body = kind.to_vec();
        body.extend(data);
        c.extend(&body);
        c.extend(crc32(&body).to_be_bytes());
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]); // 8-bit greyscale
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend(chunk(b"IEND", &[]));
    png
}

/// A PDF of these objects (object 1 is the catalogue), with its cross-reference table right.
fn pdf_of(objects: &[String]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    pdf
}

fn stream(dict: &str, content: &str) -> String {
    format!("<< {dict} /Length {} >>\nstream\n{content}\nendstream", content.len())
}

/// A one-page PDF of `side`×`side` points with one line drawn.
fn pdf_of_side(side: u32) -> Vec<u8> {
    pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side} {side}] /Contents 4 0 R >>"),
        stream("", "0 0 m 9 9 l S"),
    ])
}

/// A one-page A4 PDF of nested forms, each drawing the next ten times, ten deep: ten billion
/// rectangles from two kilobytes.
fn pdf_of_nested_forms() -> Vec<u8> {
    let depth = 10;
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /F 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        stream("", "/F Do"),
    ];
    for level in 0..depth {
        let (resources, content) = if level + 1 < depth {
            (format!("/Resources << /XObject << /F {} 0 R >> >>", 6 + level), "/F Do ".repeat(10))
        } else {
            (String::new(), "0 0 1 1 re f".to_string())
        };
        objects.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 595 842] {resources}"),
            content.trim(),
        ));
    }
    pdf_of(&objects)
}

/// Hostile inputs end in "no code found" (exit 4) naming the limit, in bounded time and memory:
/// a PNG claiming 100 000 × 100 000 pixels, a 14 400 pt page (rendered at a capped resolution,
/// never at full size), a page of nested forms (rendered in a child process that is stopped at
/// the time limit), a text file far larger than any code (regression: #12).
#[test]
fn verify_hostile_inputs_end_in_no_code_within_budgets() {
    let dir = temp_dir("budgets");
    std::fs::write(dir.join("bomb.png"), png_claiming(100_000, 100_000)).unwrap();
    chungnhan(&dir, &["verify", "bomb.png"])
        .assert_code(4)
        .assert_stdout_has("ảnh có 100000×100000 điểm ảnh, quá giới hạn 64 triệu");
    std::fs::write(dir.join("huge-page.pdf"), pdf_of_side(14_400)).unwrap();
    chungnhan(&dir, &["verify", "huge-page.pdf"]).assert_code(4).assert_stdout_has("KHÔNG TÌM THẤY MÃ QR");
    std::fs::write(dir.join("forms.pdf"), pdf_of_nested_forms()).unwrap();
    assert!(std::fs::metadata(dir.join("forms.pdf")).unwrap().len() < 4096);
    chungnhan(&dir, &["--lang", "en", "verify", "forms.pdf"])
        .assert_code(4)
        .assert_stdout_has("reading the PDF took longer than 10 s, the limit for one certificate");
    std::fs::write(dir.join("long.txt"), "1".repeat(1 << 20)).unwrap();
    chungnhan(&dir, &["--lang", "en", "verify", "long.txt"])
        .assert_code(4)
        .assert_stdout_has("as text it is 1024 KiB, over the limit of 64 KiB");
}

#[test]
fn issue_stores_the_qr_text_in_the_pdf_metadata() {
    if !have("pdfinfo") {
        return;
    }
    let iss = issued();
    let out = std::process::Command::new("pdfinfo")
        .args(["-meta", iss.pdf("001-ly-xuan-tri.pdf").to_str().unwrap()])
        .output()
        .unwrap();
    let xmp = String::from_utf8(out.stdout).unwrap();
    assert!(
        xmp.contains(&format!("{}{}", scan::METADATA_PREFIX, iss.qr_text("001-ly-xuan-tri.pdf"))),
        "{xmp}"
    );
}

#[test]
fn issue_without_keys_says_how_to_make_them() {
    let dir = temp_dir("no-keys");
    chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "issue",
            "--vars",
            issuer_vars(),
            "--roster",
            &example("roster.csv"),
            "--keys",
            "khoa",
            "--out",
            "out",
        ],
    )
    .assert_code(2)
    .assert_stderr_has("error: cannot read khoa/trust.json")
    .assert_stderr_has("hint: make the key folder with `chungnhan keygen --out DIR`");
}

#[test]
fn verify_any_flipped_bit_of_the_blob_is_never_valid() {
    let iss = issued();
    let trust = trust_of(&[Path::new(&iss.trust())]);
    let text = iss.qr_text("210-luong-thi-an.pdf");
    let (prefix, digits) = text.split_once('#').unwrap();
    let blob = token::from_digits(digits).unwrap();
    (0..blob.len() * 8).into_par_iter().for_each(|bit| {
        let mut b = blob.clone();
        b[bit / 8] ^= 1 << (bit % 8);
        let r = verify::verify_text(&format!("{prefix}#{}", token::to_digits(&b)), &trust);
        assert_ne!(r.verdict, verify::Verdict::Valid, "bit {bit}");
        assert!(r.claims.is_none(), "bit {bit}");
    });
}

#[test]
fn issue_refuses_a_bidi_control_character_naming_record_and_code_point() {
    let iss = issued();
    let dir = temp_dir("bidi");
    let roster = fixture("rosters/bidi_control_in_name.csv");
    chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "issue",
            "--vars",
            issuer_vars(),
            "--roster",
            &roster,
            "--keys",
            iss.keys().to_str().unwrap(),
            "--out",
            "out",
            "--set",
            "ngay_cap=2019-11-20",
        ],
    )
    .assert_code(2)
    .assert_stderr_has(&format!("error: {roster}: record 1 (line 2)"))
    .assert_stderr_has("U+202E");
    assert!(!dir.join("out").exists());
}

#[test]
fn verify_refuses_a_genuinely_signed_code_with_a_bidi_control_character() {
    // An issuer's bug must not become a lie on a verifier's screen: the signature is genuine,
    // but a text with U+202E is refused as malformed.
    let key = PrivateKey::load(Path::new(&fixture("keys/test-only-signing-key.pem"))).unwrap();
    // {1: "S", 2: "A\u{202E}B", 5: 1} written by hand, since the encoder refuses it.
    let mut cbor = vec![0xa3, 0x01, 0x61, b'S', 0x02, 0x65, b'A'];
    cbor.extend("\u{202E}".as_bytes());
    cbor.extend([b'B', 0x05, 0x01]);
    let tok = key.sign_claims(cbor);
    let t = trust_of_key(&key);
    let r = verify::verify_text(&token::qr_text("x", &tok), &t);
    assert_eq!(r.verdict, verify::Verdict::Malformed, "{}", r.message);
    // The reason as a reader sees it, worded from the catalogue at the edge.
    let detail = chungnhan::l10n::verdict::detail(&r);
    assert!(detail.contains("U+202E"), "{detail}");
    assert!(r.claims.is_none());
}

#[test]
fn issue_refuses_a_code_too_large_for_its_printed_size_saying_what_to_shorten() {
    let iss = issued();
    let dir = temp_dir("tiny-qr");
    chungnhan(
        &dir,
        &["--lang", "en", "issue", "--roster", &example("roster.csv"), "--template", &fixture("templates/tiny_qr"), "--keys", iss.keys().to_str().unwrap(), "--out", "out", "--set", "ngay_cap=2019-11-20"],
    )
    .assert_code(2)
    .assert_stderr_has("record 1 (line 2): the verification code needs version")
    .assert_stderr_has("at 14 mm), smaller than the 0.34 mm a phone reads reliably")
    .assert_stderr_has("hint: shorten or abbreviate the programme title (chuong_trinh), sign a programme code instead, or enlarge the template's qr element");
    assert!(!dir.join("out").exists());
}

#[test]
fn verify_unreadable_files_find_no_code_and_never_panic() {
    let iss = issued();
    let dir = temp_dir("unreadable");
    let pdf = std::fs::read(iss.pdf("001-ly-xuan-tri.pdf")).unwrap();
    std::fs::write(dir.join("truncated.pdf"), &pdf[..3000]).unwrap();
    std::fs::write(dir.join("garbage.pdf"), b"%PDF-1.7\n\x00\xff garbage").unwrap();
    std::fs::write(dir.join("truncated.png"), b"\x89PNG\r\n\x1a\n\x00\x00").unwrap();
    for f in ["truncated.pdf", "garbage.pdf", "truncated.png"] {
        let run = chungnhan(&dir, &["verify", f, "--trust", &iss.trust()]);
        run.assert_code(4).assert_stdout_has("KHÔNG TÌM THẤY MÃ QR");
        assert!(!run.stderr.contains("panicked"), "{f}: {}", run.stderr);
    }
}

/// No extra manifest launders a revoked certificate: another issuer's manifest (signed by its
/// own root) that lists our signing key makes the code unattributable, never valid; of two
/// manifests of one root the newer wins whatever the order; an out-of-date revocation list is
/// said (regression: #11).
#[test]
fn verify_no_manifest_launders_a_code_and_the_newest_manifest_wins() {
    let iss = issued();
    let dir = temp_dir("launder");
    let text = iss.qr_text("120-nguyen-van-hung.pdf");
    let ours = trust::load_manifest(&iss.keys().join("trust.json"), None).unwrap();
    let signing = ours.keys[0].1.clone();
    // Another issuer lists our key under its own root.
    std::fs::create_dir_all(dir.join("other")).unwrap();
    save_manifest_for(&dir.join("other/trust.json"), &[signing]);
    for order in [["other", "ours"], ["ours", "other"]] {
        let paths: Vec<String> =
            order
                .iter()
                .map(|o| {
                    if *o == "ours" {
                        iss.trust()
                    } else {
                        dir.join("other/trust.json").display().to_string()
                    }
                })
                .collect();
        chungnhan(&dir, &["--lang", "en", "verify", &text, "--trust", &paths[0], "--trust", &paths[1]])
            .assert_code(1)
            .assert_stdout_has("cannot be attributed: the signing key")
            .assert_stdout_has("is listed by 2 issuers");
    }

    // A newer manifest of our own root that marks the key compromised wins over the older one,
    // whichever is given first.
    let root = PrivateKey::load(&iss.keys().join("root-key.pem")).unwrap();
    let mut newer = ours.manifest.clone();
    newer.seq += 1;
    newer.keys[0].status = "compromised".into();
    std::fs::create_dir_all(dir.join("newer")).unwrap();
    trust::save_manifest(&dir.join("newer/trust.json"), &newer, &root).unwrap();
    let newer_path = dir.join("newer/trust.json").display().to_string();
    // Its certificate is in the root-signed issuance ledger beside the older manifest: genuine.
    for pair in [[newer_path.clone(), iss.trust()], [iss.trust(), newer_path.clone()]] {
        chungnhan(&dir, &["--lang", "en", "verify", &text, "--trust", &pair[0], "--trust", &pair[1]])
            .assert_code(0)
            .assert_stdout_has("later reported compromised, but the certificate is in an issuance ledger");
    }
    // Without a ledger it cannot be told from a forgery made with the stolen key.
    chungnhan(&dir, &["--lang", "en", "verify", &text, "--trust", &newer_path])
        .assert_code(6)
        .assert_stdout_has("CANNOT BE VERIFIED")
        .assert_stdout_has("in none of the issuer's signed issuance ledgers");

    // A list past its next update: judged, and said.
    let list = RevocationList {
        format: trust::REVOKED_FORMAT.into(),
        seq: 5,
        issued_at: "2019-11-20T00:00:00Z".into(),
        next_update: "2020-05-20T00:00:00Z".into(),
        entries: vec![],
    };
    trust::save_revocations(&dir.join("old-list.json"), &list, &root).unwrap();
    // (On a computer that has not seen the newer manifest above: this one refuses the older.)
    chungnhan(&dir, &["verify", &text, "--trust", &iss.trust()]).assert_code(2);
    chungnhan(
        &dir,
        &["verify", &text, "--trust", &iss.trust(), "--revoked", "old-list.json", "--state", "may-khac"],
    )
    .assert_code(0)
    .assert_stdout_has("Lưu ý: danh sách thu hồi này đã quá ngày cập nhật (20/05/2020)");
}

/// An image is read in the same budgeted child process as a PDF page: a 14 KB PNG tiled with QR
/// finder patterns, which kept the code finder busy for 205 s, is given up after 10 s with words
/// that say so (regression: #28, finding 4).
#[test]
fn an_image_tiled_with_finder_patterns_is_given_up_after_ten_seconds() {
    let dir = temp_dir("finder-tiles");
    let finder = |x: u32, y: u32| {
        (x == 0 || x == 6 || y == 0 || y == 6) || ((2..=4).contains(&x) && (2..=4).contains(&y))
    };
    let img = image::GrayImage::from_fn(2000, 2000, |x, y| {
        let (tx, ty) = ((x % 60) / 7, (y % 60) / 7);
        image::Luma([if tx < 7 && ty < 7 && finder(tx, ty) { 0 } else { 255 }])
    });
    img.save(dir.join("tiles.png")).unwrap();
    let started = std::time::Instant::now();
    chungnhan(&dir, &["verify", "tiles.png"])
        .assert_code(4)
        .assert_stdout_has("tiles.png: đọc ảnh mất hơn 10 giây");
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "{:?}", started.elapsed());
}

/// Issue 28, the nonce-reuse forgery, as vectors (tests/fixtures/vectors/ledger-v2.json) for
/// other implementations: a key since compromised, a genuine code it signed, and a forgery made
/// with the key and the genuine code's recovered nonce — same `r`, so the same revocation id,
/// under another name. A ledger of version 2 (code ids, the hash of the whole code) lists the
/// genuine code: it is valid, the forgery cannot be verified (exit 6). A ledger of version 1
/// (revocation ids) lists both alike, so it proves neither: both exit 6, and the reason says so.
#[test]
fn ledger_vectors_a_nonce_reuse_forgery_is_refused_and_an_old_ledger_proves_nothing() {
    let key_file = fixture("keys/test-only-signing-key.pem");
    let signing = PrivateKey::load(Path::new(&key_file)).unwrap();
    let root = PrivateKey::load(Path::new(&fixture("keys/openssl-plain.pem"))).unwrap();
    let day = |y, m, d| chungnhan::viet::Date::new(y, m, d).unwrap().days();
    let genuine_claims = Claims {
        serial: "TB-2019-000218".into(),
        name: "Nguyễn Thị Ngọc Huyền".into(),
        birth_date: Some(day(1985, 3, 4)),
        issue_date: day(2019, 11, 20),
        signing_date: Some(day(2019, 11, 20)),
        ..Claims::default()
    };
    let forged_claims =
        Claims {
            name: "Kẻ Mạo Danh".into(), birth_date: Some(day(1990, 1, 1)), ..genuine_claims.clone()
        };
    let genuine = token::qr_text(
        "xacthuc.example.vn",
        &signing.sign_claims(genuine_claims.encode(TextForm::Utf8).unwrap()),
    );
    let forged =
        nonce_reuse_forgery(Path::new(&key_file), &genuine, forged_claims.encode(TextForm::Utf8).unwrap());
    let code = |qr: &str| {
        let t = token::Token::parse(qr).unwrap();
        serde_json::json!({
            "qr_text": qr,
            "blob_hex": sign::hex(&t.to_bytes()),
            "revocation_id": sign::b64(&sign::revocation_id(&t.sig)),
            "code_id": sign::b64(&sign::code_id(&t.to_bytes())),
        })
    };
    let (g, f) = (code(&genuine), code(&forged));
    assert_eq!(g["revocation_id"], f["revocation_id"], "the attack: one revocation id for two codes");
    assert_ne!(g["code_id"], f["code_id"]);

    let dir = temp_dir("ledger-vectors");
    let mut entry = trust::entry_for(signing.public(), Some("2019-01-01".into()), None);
    entry.status = "compromised".into();
    entry.compromised_at = Some("2026-11-01".into());
    let manifest = trust::Manifest {
        format: trust::MANIFEST_FORMAT.into(),
        seq: 2,
        issued_at: "2026-11-20T00:00:00Z".into(),
        next_update: "2027-05-20T00:00:00Z".into(),
        issuer: trust::Issuer {
            id: "vn.example.xacthuc".into(),
            name_vi: "Trung tâm Thử nghiệm".into(),
            domain: "xacthuc.example.vn".into(),
        },
        root: trust::entry_for(root.public(), None, None),
        keys: vec![entry],
        revocations: "/.well-known/vncert/revoked.json".into(),
    };
    let kid = sign::hex(&signing.public().kid);
    let v2 = trust::Ledger::new(
        "Lớp thử 2019",
        &kid,
        "2019-11-20T00:00:00Z".into(),
        vec![g["code_id"].as_str().unwrap().into()],
    );
    let rid = g["revocation_id"].as_str().unwrap().to_string();
    let v1 = trust::Ledger {
        format: trust::LEDGER_FORMAT_V1.into(),
        count: 1,
        merkle_root: sign::b64(&sign::merkle_root(&[sign::unb64(&rid).unwrap()])),
        rids: Some(vec![rid]),
        codes: None,
        ..v2.clone()
    };
    let signed = |name: &str, ledger: Option<&trust::Ledger>| {
        let folder = dir.join(name);
        std::fs::create_dir_all(folder.join("ledger")).unwrap();
        trust::save_manifest(&folder.join("trust.json"), &manifest, &root).unwrap();
        if let Some(l) = ledger {
            trust::save_ledger(&folder.join("ledger/lop-thu.json"), l, &root).unwrap();
        }
        let read = |p: &str| std::fs::read_to_string(folder.join(p)).unwrap();
        let files = serde_json::json!({ "json": read("trust.json"), "sig": read("trust.json.sig") });
        let ledger = ledger.map(|_| serde_json::json!({ "json": read("ledger/lop-thu.json"), "sig": read("ledger/lop-thu.json.sig") }));
        (folder.display().to_string(), files, ledger)
    };
    let (with_v2, trust_files, ledger_v2) = signed("v2", Some(&v2));
    let (with_v1, _, ledger_v1) = signed("v1", Some(&v1));
    let (with_none, _, _) = signed("none", None);

    let vectors_path = Path::new(&fixture("vectors/ledger-v2.json")).to_path_buf();
    let doc = serde_json::json!({
        "about": "Issuance ledgers (docs/spec/verification-qr.md §3.5) and the nonce-reuse forgery of issue 28, made by chungnhan with test-only keys. 'genuine' was signed by the key (RFC 6979); 'forged' was signed by the same key with the genuine signature's nonce, recovered as k = s^-1 (z + r d): the same r, hence the same revocation id, under another name. The key is compromised in 'trust'. With 'ledger_v2' (code ids: SHA-256(\"VNCERT-CODE-v1\" || BLOB)) the genuine code is valid and the forgery cannot be verified; with 'ledger_v1' (revocation ids only) neither can be verified. Files are signed by 'root' with a detached JWS over their exact bytes.",
        "root": { "spki_hex": sign::hex(&root.public().spki), "fingerprint": root.public().fingerprint() },
        "key": { "kid": kid, "alg": "ES256", "spki_hex": sign::hex(&signing.public().spki) },
        "genuine": g,
        "forged": f,
        "trust": trust_files,
        "ledger_v2": ledger_v2,
        "ledger_v1": ledger_v1,
        "expect": {
            "with_ledger_v2": { "genuine": "valid", "forged": "compromised" },
            "with_ledger_v1": { "genuine": "compromised", "forged": "compromised" },
            "with_no_ledger": { "genuine": "compromised", "forged": "compromised" }
        }
    });
    let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        std::fs::write(&vectors_path, &text).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&vectors_path).unwrap(), text, "the published ledger vectors changed");

    // As a user sees it: `verify` with each key folder.
    for (folder, genuine_verdict) in [(&with_v2, 0), (&with_v1, 6), (&with_none, 6)] {
        for (qr, expected) in [(&genuine, genuine_verdict), (&forged, 6)] {
            let run = chungnhan(&dir, &["--lang", "en", "verify", qr, "--trust", folder]);
            assert_eq!(run.code, expected, "{folder} {qr}: {}{}", run.stdout, run.stderr);
            assert!(!run.stdout.contains("Kẻ Mạo Danh"), "no claim of the forgery is shown: {}", run.stdout);
            if expected == 6 {
                run.assert_stdout_has("CANNOT BE VERIFIED");
            }
        }
    }
    chungnhan(&dir, &["--lang", "en", "verify", &forged, "--trust", &with_v1])
        .assert_stdout_has("only in an issuance ledger of the old format (vncert-ledger/1)");
    chungnhan(&dir, &["--lang", "en", "verify", &forged, "--trust", &with_v2])
        .assert_stdout_has("in none of the issuer's signed issuance ledgers");
    chungnhan(&dir, &["verify", &genuine, "--trust", &with_v2])
        .assert_code(0)
        .assert_stdout_has("Nguyễn Thị Ngọc Huyền")
        .assert_stdout_has("giấy được cấp thật");
}

/// A stray file in the ledger folder (an empty object, a broken download) is said once and
/// left out; the other ledgers still decide (issue 28, item 9).
#[test]
fn an_unreadable_ledger_file_is_reported_once_and_the_others_still_decide() {
    let dir = temp_dir("ledger-stray");
    let key_file = fixture("keys/test-only-signing-key.pem");
    let signing = PrivateKey::load(Path::new(&key_file)).unwrap();
    let root = PrivateKey::load(Path::new(&fixture("keys/openssl-plain.pem"))).unwrap();
    let claims = Claims {
        serial: "TB-2019-000218".into(),
        name: "Nguyễn Thị Ngọc Huyền".into(),
        issue_date: chungnhan::viet::Date::new(2019, 11, 20).unwrap().days(),
        ..Claims::default()
    };
    let tok = signing.sign_claims(claims.encode(TextForm::Utf8).unwrap());
    let qr = token::qr_text("xacthuc.example.vn", &tok);
    let mut entry = trust::entry_for(signing.public(), None, None);
    entry.status = "compromised".into();
    entry.compromised_at = Some("2026-11-01".into());
    let manifest = trust::Manifest {
        format: trust::MANIFEST_FORMAT.into(),
        seq: 1,
        issued_at: "2026-11-20T00:00:00Z".into(),
        next_update: "2027-05-20T00:00:00Z".into(),
        issuer: trust::Issuer {
            id: "vn.example".into(),
            name_vi: "Trung tâm Thử".into(),
            domain: "xacthuc.example.vn".into(),
        },
        root: trust::entry_for(root.public(), None, None),
        keys: vec![entry],
        revocations: "/.well-known/vncert/revoked.json".into(),
    };
    std::fs::create_dir_all(dir.join("k/ledger")).unwrap();
    trust::save_manifest(&dir.join("k/trust.json"), &manifest, &root).unwrap();
    let code = sign::b64(&sign::code_id(&tok.to_bytes()));
    let ledger = trust::Ledger::new("Lớp", &manifest.keys[0].kid, "2019-11-20T00:00:00Z".into(), vec![code]);
    trust::save_ledger(&dir.join("k/ledger/lop.json"), &ledger, &root).unwrap();
    std::fs::write(dir.join("k/ledger/a-stray.json"), "{}").unwrap();
    let run = chungnhan(&dir, &["--lang", "en", "verify", &qr, "--trust", "k"]);
    run.assert_code(0)
        .assert_stderr_has("a-stray.json")
        .assert_stderr_has("this issuance ledger is left out");
    assert_eq!(run.stderr.matches("a-stray.json").count(), 1, "{}", run.stderr);
}

/// The shared table of crafted codes (tests/fixtures/vectors/crafted.json; tests/it/site.rs runs the
/// page on it too): `verify` gives each its verdict, says a date outside 01/01/0001 – 31/12/9999
/// in the catalogue's words (no "20/01/9999" for a day past the calendar), and shows the claims
/// the table names as it says. See: issue 28, item 11.
#[test]
fn verify_gives_every_crafted_code_of_the_shared_table_its_verdict() {
    let dir = temp_dir("verify-crafted");
    for c in crafted_codes(&dir) {
        let cli =
            chungnhan(&dir, &["verify", &format!("https://x/c#{}", c.digits), "--trust", "keys", "--json"]);
        let j: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();
        assert_eq!(j["verdict"].as_str().unwrap(), c.verdict, "{}: {}", c.name, cli.stdout);
        let decoded = Claims::decode(&c.claims);
        assert_eq!(
            matches!(decoded, Err(chungnhan::seal::claims::ClaimsError::OutOfCalendar(_))),
            c.worded,
            "{}: {decoded:?}",
            c.name
        );
        if c.worded {
            let message = j["message"].as_str().unwrap();
            assert!(message.ends_with(&decoded.unwrap_err().to_string()), "{}: {message}", c.name);
        }
        for (name, text) in &c.shown {
            assert_eq!(j["claims"][name].as_str(), Some(text.as_str()), "{}: {}", c.name, cli.stdout);
        }
    }
}
/// A small batch issued with fresh keys in `dir` (keys in `keys/`), and each certificate's
/// (name, QR text) from the register export, in roster order.
fn issue_small(dir: &Path, issuer: &str, host: &str) -> Vec<(String, String)> {
    let roster = "stt,ho_ten,ngay_sinh\n1,Lương Thị Ẩn,05/02/1980\n2,Nguyễn Thị Ngọc Huyền,17/03/1985\n3,Đặng Văn Thuỷ,01/01/1970\n";
    issue_with_fresh_keys(dir, issuer, host, roster)
}

/// Copies `files` of the folder `from` into a new folder `to`.
fn copy_files(from: &Path, to: &Path, files: &[&str]) {
    std::fs::create_dir_all(to).unwrap();
    for f in files {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
}

/// Issue 28, finding 5: once this computer has checked an issuer's revocation list, verifying
/// without one (a folder with `trust.json` only) or with an older one is "cannot check
/// revocation" — exit 7, no claims — never valid; the words say which happened and where the
/// current list is. A code the older list revokes is still revoked; another computer, which
/// never saw a list, is only told that revocation was not checked.
#[test]
fn a_revocation_list_seen_once_is_required_afterwards() {
    let dir = temp_dir("list-withheld");
    let codes =
        issue_small(&dir, "Trung tâm Bồi dưỡng chính trị quận Tân Bình", "xacthuc.tanbinh.example.vn");
    let keys = dir.join("keys");
    let list_files = ["trust.json", "trust.json.sig", "revoked.json", "revoked.json.sig"];
    chungnhan(&dir, &["revoke", "CN19-0001", "--keys", "keys", "--reason", "fraud"]).assert_code(0);
    copy_files(&keys, &dir.join("ds-2"), &list_files);
    chungnhan(&dir, &["revoke", "CN19-0002", "--keys", "keys", "--reason", "cấp sai"]).assert_code(0);
    copy_files(&keys, &dir.join("chi-trust"), &["trust.json", "trust.json.sig"]);
    let [(_, first), (second_name, second), (third_name, third)] = &codes[..] else { panic!("{codes:?}") };

    // This computer checks list no. 3.
    chungnhan(&dir, &["verify", second, "--trust", "keys"]).assert_code(3);
    chungnhan(&dir, &["verify", third, "--trust", "keys"]).assert_code(0);

    // The list withheld: a revoked certificate, and one that is not, alike.
    for (name, qr) in [(second_name, second), (third_name, third)] {
        let r = chungnhan(&dir, &["verify", qr, "--trust", "chi-trust"]);
        r.assert_code(7)
            .assert_stdout_has("KHÔNG KIỂM TRA ĐƯỢC THU HỒI")
            .assert_stdout_has("máy này đã kiểm tra danh sách số 3 của đơn vị")
            .assert_stdout_has("https://xacthuc.tanbinh.example.vn/.well-known/vncert/");
        assert!(!r.stdout.contains(name.as_str()) && !r.stdout.contains("HỢP LỆ —"), "{}", r.stdout);
    }
    let r = chungnhan(&dir, &["--lang", "en", "verify", second, "--trust", "chi-trust", "--json"]);
    r.assert_code(7);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j["verdict"], "revocation_unchecked", "{j}");
    assert!(j["name"].is_null() && j["claims"].is_null(), "{j}");
    assert!(j["message"].as_str().unwrap().contains("the list was withheld or left out"), "{j}");
    chungnhan(&dir, &["--lang", "en", "verify", third, "--trust", "chi-trust"])
        .assert_code(7)
        .assert_stdout_has("CANNOT CHECK REVOCATION");

    // An older list (no. 2): what it revokes stays revoked; what it does not is not cleared.
    chungnhan(&dir, &["verify", first, "--trust", "ds-2"]).assert_code(3).assert_stdout_has("gian lận");
    let r = chungnhan(&dir, &["verify", second, "--trust", "ds-2"]);
    r.assert_code(7)
        .assert_stdout_has("danh sách thu hồi đã đưa (số 2) cũ hơn danh sách số 3 máy này đã kiểm tra");
    assert!(!r.stdout.contains(second_name.as_str()), "{}", r.stdout);
    chungnhan(
        &dir,
        &["--lang", "en", "verify", third, "--trust", "chi-trust", "--revoked", "ds-2/revoked.json"],
    )
    .assert_code(7)
    .assert_stdout_has("the revocation list given (no. 2) is older than list no. 3 already checked");

    // Nothing of this lowered what the computer remembers: the current list still decides.
    chungnhan(&dir, &["verify", third, "--trust", "keys"]).assert_code(0);
    chungnhan(&dir, &["verify", second, "--trust", "keys"]).assert_code(3);

    // A computer that never saw a list of this issuer cannot know one was withheld: valid, and
    // it says revocation was not checked.
    chungnhan(&dir, &["verify", second, "--trust", "chi-trust", "--state", "may-moi"])
        .assert_code(0)
        .assert_stdout_has("chưa kiểm tra thu hồi");
}

/// Issue 28, item 8: every code `issue` signs carries its signing date (claim 15), the day it
/// ran; and a key announced ahead (`keys rotate --from` a later day) cannot sign today, neither
/// by leaving the date out nor by writing a day inside its future window. The current key's
/// code dated tomorrow is accepted (a signer's time zone may be a day ahead); dated later, not.
#[test]
fn every_issued_code_carries_its_signing_date_and_a_key_announced_ahead_cannot_sign_today() {
    let dir = temp_dir("signing-date");
    let vietnam_today = || {
        let secs =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        (secs + 7 * 3600).div_euclid(86_400)
    };
    let before = vietnam_today();
    let codes = issue_small(&dir, "Trường A", "xacthuc.truong-a.example.vn");
    let after = vietnam_today();
    for (name, qr) in &codes {
        let t = token::Token::parse(qr).unwrap();
        let signed = Claims::decode(&t.claims).unwrap().signing_date;
        assert!(signed.is_some_and(|d| (before..=after).contains(&d)), "{name}: signing date {signed:?}");
    }

    let today = after;
    let iso = |d: i64| chungnhan::viet::Date::from_days(d).iso();
    chungnhan(&dir, &["keys", "rotate", "--keys", "keys", "--from", &iso(today + 30)]).assert_code(0);
    let ahead = std::fs::read_dir(dir.join("keys"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("signing-key-"))
        .expect("the key announced ahead");
    let ahead = PrivateKey::load(&ahead).unwrap();
    let current = PrivateKey::load(&dir.join("keys/signing-key.pem")).unwrap();
    let code = |key: &PrivateKey, signed: Option<i64>| {
        let claims = Claims {
            serial: "CN19-0009".into(),
            name: "Kẻ Mạo Danh".into(),
            issue_date: chungnhan::viet::Date::new(2019, 11, 20).unwrap().days(),
            signing_date: signed,
            ..Claims::default()
        };
        token::qr_text(
            "xacthuc.truong-a.example.vn",
            &key.sign_claims(claims.encode(TextForm::Utf8).unwrap()),
        )
    };
    let from = chungnhan::viet::Date::from_days(today + 30).to_string();
    let refused = [
        (
            code(&ahead, None),
            format!(
                "mã không ghi ngày ký, mà khóa {} bắt đầu dùng từ {from}",
                sign::hex(&ahead.public().kid)
            ),
        ),
        (
            code(&ahead, Some(today + 31)),
            format!("ghi ngày ký {}, sau hôm nay", chungnhan::viet::Date::from_days(today + 31)),
        ),
        (code(&current, Some(today + 5)), "sau hôm nay".to_string()),
        (code(&current, None), "mã không ghi ngày ký".to_string()),
    ];
    for (qr, words) in &refused {
        let r = chungnhan(&dir, &["verify", qr, "--trust", "keys"]);
        r.assert_code(1).assert_stdout_has("KHÔNG HỢP LỆ").assert_stdout_has(words);
        assert!(!r.stdout.contains("Kẻ Mạo Danh"), "{}", r.stdout);
    }
    chungnhan(&dir, &["--lang", "en", "verify", &refused[1].0, "--trust", "keys"])
        .assert_code(1)
        .assert_stdout_has("more than a day after today");
    chungnhan(&dir, &["verify", &code(&current, Some(today + 1)), "--trust", "keys"]).assert_code(0);
    chungnhan(&dir, &["verify", &code(&current, Some(today)), "--trust", "keys"]).assert_code(0);
}

/// The signing-date rules as vectors for other implementations (tests/fixtures/vectors/
/// signing-date.json, spec §3.4 step 7): one key, four manifests whose windows begin on
/// 2019-01-01, 2026-12-01, 2026-12-02 and 2027-06-01, four codes, and the verdict of each code
/// under each manifest — `verify` gives every one.
#[test]
fn signing_date_vectors_each_code_under_each_window() {
    let signing = PrivateKey::load(Path::new(&fixture("keys/test-only-signing-key.pem"))).unwrap();
    let root = PrivateKey::load(Path::new(&fixture("keys/openssl-plain.pem"))).unwrap();
    let day = |y, m, d| chungnhan::viet::Date::new(y, m, d).unwrap().days();
    let code = |signed: Option<i64>| {
        let claims = Claims {
            serial: "TB-2019-000218".into(),
            name: "Nguyễn Thị Ngọc Huyền".into(),
            issue_date: day(2019, 11, 20),
            signing_date: signed,
            ..Claims::default()
        };
        token::qr_text("xacthuc.example.vn", &signing.sign_claims(claims.encode(TextForm::Utf8).unwrap()))
    };
    let codes = [
        ("no_signing_date", code(None)),
        ("signed_2026_11_20", code(Some(day(2026, 11, 20)))),
        ("signed_2026_12_05", code(Some(day(2026, 12, 5)))),
        ("signed_2999_06_01", code(Some(day(2999, 6, 1)))),
    ];
    // For each window's first day: the verdicts of the codes above, in order.
    let windows = [
        ("2019-01-01", ["valid", "valid", "valid", "invalid"]),
        ("2026-12-01", ["valid", "invalid", "valid", "invalid"]),
        ("2026-12-02", ["invalid", "invalid", "valid", "invalid"]),
        ("2027-06-01", ["invalid", "invalid", "invalid", "invalid"]),
    ];
    let dir = temp_dir("signing-date-vectors");
    let mut manifests = serde_json::Map::new();
    let mut expect = serde_json::Map::new();
    for (from, verdicts) in &windows {
        let manifest = trust::Manifest {
            format: trust::MANIFEST_FORMAT.into(),
            seq: 1,
            issued_at: "2026-11-20T00:00:00Z".into(),
            next_update: "2027-05-20T00:00:00Z".into(),
            issuer: trust::Issuer {
                id: "vn.example.xacthuc".into(),
                name_vi: "Trung tâm Thử nghiệm".into(),
                domain: "xacthuc.example.vn".into(),
            },
            root: trust::entry_for(root.public(), None, None),
            keys: vec![trust::entry_for(signing.public(), Some((*from).into()), None)],
            revocations: "/.well-known/vncert/revoked.json".into(),
        };
        let folder = dir.join(from);
        std::fs::create_dir_all(&folder).unwrap();
        trust::save_manifest(&folder.join("trust.json"), &manifest, &root).unwrap();
        let read = |p: &str| std::fs::read_to_string(folder.join(p)).unwrap();
        manifests.insert(
            (*from).into(),
            serde_json::json!({ "json": read("trust.json"), "sig": read("trust.json.sig") }),
        );
        let mut row = serde_json::Map::new();
        for ((name, qr), verdict) in codes.iter().zip(verdicts) {
            row.insert((*name).into(), (*verdict).into());
            let r = chungnhan(&dir, &["verify", qr, "--trust", &folder.display().to_string(), "--json"]);
            let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
            assert_eq!(j["verdict"], *verdict, "window from {from}, code {name}: {}", r.stdout);
        }
        expect.insert((*from).into(), row.into());
    }
    let doc = serde_json::json!({
        "about": "Signing dates (claim 15, docs/spec/verification-qr.md §3.4 step 7), made by chungnhan with test-only keys. One signing key; 'trust' holds four manifests signed by 'root', identical but for the first day of the key's window (not_before; no not_after). A code with a signing date is valid only if that date lies in its key's window and is at most one day after the verifier's today (2999-06-01 is refused until then). A code without a signing date is valid only from a key whose window began before 2026-12-02 (signing_date_required_from). 'expect' gives the verdict of each code under each manifest; no revocation list is given.",
        "rules": {
            "signing_date_required_from": verify::SIGNING_DATE_REQUIRED_FROM.iso(),
            "signing_date_leeway_days": verify::SIGNING_DATE_LEEWAY_DAYS,
        },
        "root": { "spki_hex": sign::hex(&root.public().spki), "fingerprint": root.public().fingerprint() },
        "key": { "kid": sign::hex(&signing.public().kid), "alg": "ES256", "spki_hex": sign::hex(&signing.public().spki) },
        "codes": codes.iter().map(|(n, q)| ((*n).to_string(), serde_json::Value::from(q.as_str()))).collect::<serde_json::Map<_, _>>(),
        "trust": manifests,
        "expect": expect,
    });
    let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
    let vectors_path = Path::new(&fixture("vectors/signing-date.json")).to_path_buf();
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        std::fs::write(&vectors_path, &text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&vectors_path).unwrap(),
        text,
        "the published signing-date vectors changed"
    );
}

/// Issue 28, finding 12: a second manifest with another root key but our issuer's name, id and
/// domain (seq 999). Its codes — and ours, while both are trusted — come with the warning that
/// another key claims this issuer's name, in words; pinning our root (`--root`) refuses the
/// other manifest outright, and with ours alone there is no warning.
#[test]
fn another_root_claiming_our_issuer_name_is_flagged_unless_the_root_is_pinned() {
    let dir = temp_dir("name-claimed");
    let ours = issue_small(&dir, "Trung tâm Bồi dưỡng chính trị quận Tân Bình", "xacthuc.tanbinh.example.vn");
    let impostor_dir = dir.join("mao-danh");
    std::fs::create_dir_all(&impostor_dir).unwrap();
    let theirs = issue_small(
        &impostor_dir,
        "Trung tâm Bồi dưỡng chính trị quận Tân Bình",
        "xacthuc.tanbinh.example.vn",
    );
    // Raise the impostor's manifest to seq 999, signed by its own root.
    let their_root = PrivateKey::load(&impostor_dir.join("keys/root-key.pem")).unwrap();
    let path = impostor_dir.join("keys/trust.json");
    let mut m = trust::load_manifest(&path, None).unwrap().manifest;
    m.seq = 999;
    trust::save_manifest(&path, &m, &their_root).unwrap();
    let our_fp = trust::load_manifest(&dir.join("keys/trust.json"), None).unwrap().root.fingerprint();
    let their_fp = their_root.public().fingerprint();
    let both = ["--trust", "keys", "--trust", "mao-danh/keys"];

    for (qr, fp, other) in [(&theirs[0].1, &their_fp, &our_fp), (&ours[0].1, &our_fp, &their_fp)] {
        let mut args = vec!["verify", qr.as_str()];
        args.extend(both);
        let r = chungnhan(&dir, &args);
        r.assert_code(0)
            .assert_stdout_has("Lưu ý: một khóa khác nhận tên của đơn vị cấp này")
            .assert_stdout_has("ghi cùng tên, mã định danh, tên miền")
            .assert_stdout_has(&format!("({other})"))
            .assert_stdout_has(&format!("dấu vân tay khóa gốc của mã này ({fp})"));
        let mut args = vec!["--lang", "en", "verify", qr.as_str(), "--json"];
        args.extend(both);
        let j: serde_json::Value = serde_json::from_str(&chungnhan(&dir, &args).stdout).unwrap();
        assert!(j["warnings"].to_string().contains("another key claims this issuer's name"), "{j}");
    }
    // Our root pinned: the other manifest is refused as it is read.
    let mut args = vec!["--lang", "en", "verify", theirs[0].1.as_str(), "--root", &our_fp];
    args.extend(both);
    chungnhan(&dir, &args).assert_code(2).assert_stderr_has(&their_fp);
    // Ours alone, pinned or not: no warning.
    for pin in [&["--root", our_fp.as_str()][..], &[]] {
        let mut args = vec!["verify", ours[0].1.as_str(), "--trust", "keys"];
        args.extend(pin);
        let r = chungnhan(&dir, &args);
        r.assert_code(0);
        assert!(!r.stdout.contains("một khóa khác nhận tên"), "{}", r.stdout);
    }
    // Another issuer with another name, id and domain beside ours: no warning either.
    let other_dir = dir.join("khac");
    std::fs::create_dir_all(&other_dir).unwrap();
    issue_small(&other_dir, "Trường Chính trị tỉnh Quảng Nam", "xacthuc.truongchinhtri.example.vn");
    let r = chungnhan(&dir, &["verify", ours[0].1.as_str(), "--trust", "keys", "--trust", "khac/keys"]);
    r.assert_code(0);
    assert!(!r.stdout.contains("một khóa khác nhận tên"), "{}", r.stdout);
}

/// Issue 28, finding 3: a signed file is read only if it is a regular file, and through a cap.
/// A ledger that is a link to `/dev/zero` or a 200 MB file (sparse: no disk) is skipped with its
/// reason, once, and the genuine code still verifies; a `trust.json` that is a link to a device
/// is refused (exit 2) — never read for gigabytes, never a hang.
#[test]
fn signed_files_are_read_only_when_regular_and_small() {
    let dir = temp_dir("capped-signed-files");
    let codes = issue_small(&dir, "Trường Chính trị tỉnh Quảng Nam", "xacthuc.truongchinhtri.example.vn");
    std::os::unix::fs::symlink("/dev/zero", dir.join("keys/ledger/zero.json")).unwrap();
    let big = std::fs::File::create(dir.join("keys/ledger/big.json")).unwrap();
    big.set_len(200 * 1024 * 1024).unwrap();
    let run = chungnhan(&dir, &["verify", codes[0].1.as_str(), "--trust", "keys"]);
    run.assert_code(0);
    assert_eq!(run.stderr.matches("zero.json không phải một tệp thường").count(), 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("big.json lớn hơn 128 MiB").count(), 1, "{}", run.stderr);

    std::fs::remove_file(dir.join("keys/trust.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("keys/trust.json")).unwrap();
    chungnhan(&dir, &["verify", codes[0].1.as_str(), "--trust", "keys"])
        .assert_code(2)
        .assert_stderr_has("trust.json không phải một tệp thường");
}
