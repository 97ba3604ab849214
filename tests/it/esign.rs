//! Electronic signatures (issue 31): certificates signed with the issuing body's digital
//! signature (PAdES B-B) from a PKCS#12 file or a PKCS#11 token, checked by independent
//! validators (poppler's pdfsig, pyHanko) and by `chungnhan verify`, and tampered with.
//!
//! The test CA, the signer's .p12 and the SoftHSM2 token are made at test time with openssl,
//! softhsm2-util and pkcs11-tool; the tests skip without them unless CHUNGNHAN_REQUIRE_TOOLS is
//! set (as .ci/run does).

use std::path::Path;
use std::process::Command;

use crate::common::*;

const PIN: &str = "123456";

fn sh(dir: &Path, script: &str) {
    let out = Command::new("sh").arg("-c").arg(script).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "{script}\n{}", String::from_utf8_lossy(&out.stderr));
}

/// A test CA (`NAME-ca.pem`) and a signer issued by it (`NAME.p12`, `NAME.key`, `NAME.pem`):
/// RSA 2048, or ECDSA P-256 with `ec`.
fn make_signer(dir: &Path, name: &str, ec: bool) {
    let key = if ec {
        format!("openssl ecparam -name prime256v1 -genkey -noout -out {name}.key")
    } else {
        format!("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out {name}.key")
    };
    sh(
        dir,
        &format!(
            "openssl req -x509 -newkey rsa:2048 -nodes -keyout {name}-ca.key -out {name}-ca.pem -days 3650 \
               -subj '/C=VN/O=CA thử nghiệm/CN=CA thu nghiem {name}' -utf8 \
               -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign && \
             {key} && \
             openssl req -new -key {name}.key -out {name}.csr -utf8 \
               -subj '/C=VN/O=Trung tâm Bồi dưỡng chính trị/CN=Nguyễn Văn An' && \
             printf 'keyUsage=critical,digitalSignature,nonRepudiation\\n' > {name}.ext && \
             openssl x509 -req -in {name}.csr -CA {name}-ca.pem -CAkey {name}-ca.key -CAcreateserial \
               -out {name}.pem -days 365 -extfile {name}.ext && \
             openssl pkcs12 -export -inkey {name}.key -in {name}.pem -certfile {name}-ca.pem \
               -out {name}.p12 -passout pass:{PIN}"
        ),
    );
}

fn tools() -> bool {
    have("openssl") && have("pdfsig")
}

/// Issues the two-record sample roster into `out`, signed with `esign` when given.
fn issue(dir: &Path, esign: Option<&str>) -> Run {
    issue_with(dir, esign.map(|e| vec!["--esign", e]).unwrap_or_default())
}

/// [`issue`] with more arguments.
fn issue_with(dir: &Path, more: Vec<&str>) -> Run {
    chungnhan(
        dir,
        &["keygen", "--out", "keys", "--issuer", "Trung tâm Bồi dưỡng", "--host", "vb.example.vn"],
    )
    .assert_code(0);
    let roster = "stt,ho_ten,ngay_sinh\n1,Lý Xuân Trí,1990-03-04\n2,Đặng Thị Ánh Nguyệt,1985-12-25\n";
    std::fs::write(dir.join("lop.csv"), roster).unwrap();
    let mut args = vec![
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
    ];
    args.extend(more);
    chungnhan_env(dir, &args, &[("CHUNGNHAN_ESIGN_PIN", PIN)])
}

fn first_pdf(dir: &Path) -> std::path::PathBuf {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    files.remove(0)
}

fn pdfsig(pdf: &Path) -> String {
    let out = tool("pdfsig", &[pdf.to_str().unwrap()]);
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// pyHanko's verdict, or `None` when pyHanko is not installed (and not required).
fn pyhanko(pdf: &Path, ca: &Path) -> Option<String> {
    let out = Command::new("pyhanko")
        .args(["sign", "validate", "--trust-replace", "--trust"])
        .arg(ca)
        .arg("--no-revocation-check")
        .arg(pdf)
        .output();
    match out {
        Ok(o) => Some(String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)),
        Err(_) => {
            assert!(std::env::var_os("CHUNGNHAN_REQUIRE_TOOLS").is_none(), "pyhanko is required here");
            eprintln!("note: pyhanko not installed; skipping its check (pip install pyhanko pyhanko-cli)");
            None
        }
    }
}

#[test]
fn issue_with_a_p12_signs_every_file_and_independent_validators_accept_it() {
    if !tools() {
        return;
    }
    let dir = temp_dir("esign-issue-p12");
    make_signer(&dir, "signer", false);
    issue(&dir, Some("signer.p12")).assert_code(0);
    let pdf = first_pdf(&dir);
    let sig = pdfsig(&pdf);
    assert!(sig.contains("Signature is Valid"), "{sig}");
    assert!(sig.contains("Total document signed"), "{sig}");
    assert!(sig.contains("ETSI.CAdES.detached"), "{sig}");
    if let Some(v) = pyhanko(&pdf, &dir.join("signer-ca.pem")) {
        assert!(v.contains("INTACT:TRUSTED") && v.contains("UNTOUCHED"), "{v}");
    }
    // The text is still the certificate's; without --seal-image the built-in template's esign
    // box still shows the organisation and the time.
    let text = pdftotext(&pdf);
    assert!(text.contains("Lý Xuân Trí"), "{text}");
    assert!(text.contains("Cơ quan: Trung tâm Bồi dưỡng chính trị"), "{text}");
    assert!(text.contains("Thời gian ký: 20"), "{text}");
    qpdf_check(&pdf).unwrap();
    // The register knows each certificate's e-signature.
    let reg = chungnhan::register::Register::open(&dir.join("chungnhan.sqlite"), false, || {}).unwrap();
    let signed = reg.esign_signatures().unwrap();
    assert_eq!(signed.len(), 2, "{signed:?}");
    assert!(signed
        .iter()
        .all(|s| s.level == "B-B" && s.fingerprint.len() == 64 && s.signed_at.ends_with("+07:00")));
    let pdf_s = pdf.to_str().unwrap();
    let r = chungnhan(&dir, &["verify", pdf_s, "--trust", "keys", "--ca", "signer-ca.pem"]);
    r.assert_code(0)
        .assert_stdout_has("Chữ ký số (PAdES): NGUYÊN VẸN")
        .assert_stdout_has("Nguyễn Văn An")
        .assert_stdout_has("Trung tâm Bồi dưỡng chính trị")
        .assert_stdout_has("do CA tin cậy (--ca) cấp")
        .assert_stdout_has("+07:00");
    let r = chungnhan(&dir, &["verify", pdf_s, "--trust", "keys", "--json"]);
    r.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["pades"]["unaltered"], true, "{}", r.stdout);
    assert_eq!(v["pades"]["chain"], "not-checked", "{}", r.stdout);
    assert_eq!(v["pades"]["sub_filter"], "ETSI.CAdES.detached");
}

#[test]
fn the_seal_and_signature_images_show_in_the_esign_box_and_the_file_stays_valid() {
    if !tools() || !have("pdfimages") {
        return;
    }
    let dir = temp_dir("esign-visible");
    make_signer(&dir, "signer", true);
    write_png(&dir.join("con-dau.png"), 200, 200, |x, y| {
        let r = ((x as f32 - 100.0).powi(2) + (y as f32 - 100.0).powi(2)).sqrt();
        if (88.0..98.0).contains(&r) {
            [208, 24, 24, 255]
        } else {
            [0, 0, 0, 0]
        }
    });
    write_png(&dir.join("chu-ky.png"), 320, 120, |x, y| {
        let line = 60.0 + 40.0 * (x as f32 / 25.0).sin();
        if (y as f32 - line).abs() < 3.0 {
            [16, 48, 176, 255]
        } else {
            [0, 0, 0, 0]
        }
    });
    issue_with(
        &dir,
        vec!["--esign", "signer.p12", "--seal-image", "con-dau.png", "--signature-image", "chu-ky.png"],
    )
    .assert_code(0);
    let pdf = first_pdf(&dir);
    let sig = pdfsig(&pdf);
    assert!(sig.contains("Signature is Valid") && sig.contains("Total document signed"), "{sig}");
    let images =
        String::from_utf8_lossy(&tool("pdfimages", &["-list", pdf.to_str().unwrap()]).stdout).into_owned();
    // The two images, each with its transparency as a soft mask.
    assert!(images.contains(" 200   200 ") && images.contains(" 320   120 "), "{images}");
    assert!(images.matches("smask").count() >= 2, "{images}");
    let text = pdftotext(&pdf);
    assert!(text.contains("Cơ quan: Trung tâm Bồi dưỡng chính trị") && text.contains("+07:00"), "{text}");
}

/// A small RGBA PNG drawn by `px` (no image crate in the tests: stored, not deflated).
fn write_png(path: &Path, w: u32, h: u32, px: impl Fn(u32, u32) -> [u8; 4]) {
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for b in data {
            c ^= *b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
            }
        }
        !c
    }
    fn adler(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for d in data {
            a = (a + *d as u32) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0);
        for x in 0..w {
            raw.extend_from_slice(&px(x, y));
        }
    }
    // zlib with stored blocks of at most 65535 bytes.
    let mut z = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = raw.chunks(65535).collect();
    for (i, c) in chunks.iter().enumerate() {
        z.push(u8::from(i + 1 == chunks.len()));
        z.extend_from_slice(&(c.len() as u16).to_le_bytes());
        z.extend_from_slice(&(!(c.len() as u16)).to_le_bytes());
        z.extend_from_slice(c);
    }
    z.extend_from_slice(&adler(&raw).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &z);
    chunk(b"IEND", &[]);
    std::fs::write(path, out).unwrap();
}

#[test]
fn a_byte_changed_in_the_signed_range_makes_verify_fail_though_the_qr_is_genuine() {
    if !tools() {
        return;
    }
    let dir = temp_dir("esign-tamper-byte");
    make_signer(&dir, "signer", false);
    issue(&dir, Some("signer.p12")).assert_code(0);
    let pdf = first_pdf(&dir);
    let mut bytes = std::fs::read(&pdf).unwrap();
    // A byte of the header's binary comment: nothing a reader draws, but signed.
    bytes[12] ^= 1;
    let bad = dir.join("sua.pdf");
    std::fs::write(&bad, &bytes).unwrap();
    assert!(!pdfsig(&bad).contains("Signature is Valid"));
    chungnhan(&dir, &["verify", bad.to_str().unwrap(), "--trust", "keys"])
        .assert_code(1)
        .assert_stdout_has("ĐÃ BỊ SỬA SAU KHI KÝ");
}

#[test]
fn an_update_appended_after_signing_that_renames_the_holder_is_reported_altered() {
    if !tools() {
        return;
    }
    let dir = temp_dir("esign-tamper-update");
    make_signer(&dir, "signer", true);
    issue(&dir, Some("signer.p12")).assert_code(0);
    let pdf = first_pdf(&dir);
    let mut bytes = std::fs::read(&pdf).unwrap();
    let tail = String::from_utf8_lossy(&bytes[bytes.len() - 40..]).into_owned();
    let prev: usize =
        tail.split("startxref").nth(1).unwrap().split_whitespace().next().unwrap().parse().unwrap();
    let root = {
        let s = String::from_utf8_lossy(&bytes);
        let i = s.rfind("/Root ").unwrap();
        s[i + 6..].split_whitespace().next().unwrap().parse::<usize>().unwrap()
    };
    // An incremental update: a new document information naming someone else.
    let obj_at = bytes.len() + 1;
    let n = 9000;
    let update = format!("\n{n} 0 obj\n<</Title(Nguyen Van Gia Mao)>>\nendobj\n");
    bytes.extend_from_slice(update.as_bytes());
    let xref_at = bytes.len();
    bytes.extend_from_slice(
        format!(
            "xref\n{n} 1\n{obj_at:010} 00000 n\r\ntrailer\n<</Size {}/Root {root} 0 R/Info {n} 0 R/Prev {prev}>>\nstartxref\n{xref_at}\n%%EOF\n",
            n + 1
        )
        .as_bytes(),
    );
    let bad = dir.join("them.pdf");
    std::fs::write(&bad, &bytes).unwrap();
    let sig = pdfsig(&bad);
    assert!(!sig.contains("Total document signed"), "{sig}");
    chungnhan(&dir, &["verify", bad.to_str().unwrap(), "--trust", "keys"])
        .assert_code(1)
        .assert_stdout_has("ĐÃ BỊ THÊM NỘI DUNG SAU KHI KÝ");
}

#[test]
fn a_signature_from_a_certificate_of_another_ca_is_not_trusted() {
    if !tools() {
        return;
    }
    let dir = temp_dir("esign-other-ca");
    make_signer(&dir, "signer", false);
    make_signer(&dir, "other", false);
    issue(&dir, Some("other.p12")).assert_code(0);
    let pdf = first_pdf(&dir);
    chungnhan(&dir, &["verify", pdf.to_str().unwrap(), "--trust", "keys", "--ca", "signer-ca.pem"])
        .assert_code(1)
        .assert_stdout_has("NGUYÊN VẸN")
        .assert_stdout_has("KHÔNG do CA tin cậy nào");
}

#[test]
fn esign_signs_files_issued_earlier_and_keeps_them_on_a_second_run() {
    if !tools() {
        return;
    }
    let dir = temp_dir("esign-later");
    make_signer(&dir, "signer", true);
    issue(&dir, None).assert_code(0);
    let pdf = first_pdf(&dir);
    assert!(!pdfsig(&pdf).contains("Signature is Valid"));
    let r = chungnhan_env(
        &dir,
        &["esign", "--in", "out", "--esign", "signer.p12"],
        &[("CHUNGNHAN_ESIGN_PIN", PIN)],
    );
    r.assert_code(0).assert_stdout_has("Đã ký số 2 tệp, giữ nguyên 0 tệp");
    let sig = pdfsig(&pdf);
    assert!(sig.contains("Signature is Valid") && sig.contains("Total document signed"), "{sig}");
    if let Some(v) = pyhanko(&pdf, &dir.join("signer-ca.pem")) {
        assert!(v.contains("INTACT:TRUSTED") && v.contains("UNTOUCHED"), "{v}");
    }
    let before = std::fs::read(&pdf).unwrap();
    let r = chungnhan_env(
        &dir,
        &["esign", "--in", "out", "--esign", "signer.p12"],
        &[("CHUNGNHAN_ESIGN_PIN", PIN)],
    );
    r.assert_code(0).assert_stdout_has("Đã ký số 0 tệp, giữ nguyên 2 tệp");
    assert_eq!(std::fs::read(&pdf).unwrap(), before, "a signed file is kept as it is");
    chungnhan(&dir, &["verify", pdf.to_str().unwrap(), "--trust", "keys", "--ca", "signer-ca.pem"])
        .assert_code(0)
        .assert_stdout_has("NGUYÊN VẸN");
    // The register learnt the signed files: their signatures, and their new bytes (so that
    // `register audit` still finds each certificate's own file).
    let reg = chungnhan::register::Register::open(&dir.join("chungnhan.sqlite"), false, || {}).unwrap();
    assert_eq!(reg.esign_signatures().unwrap().len(), 2);
    let sha = chungnhan::seal::sign::sha256_hex(&before);
    assert!(reg.entries(None).unwrap().iter().any(|e| e.pdf.as_ref().is_some_and(|(_, s)| *s == sha)));
    drop(reg);
    // A rerun keeps the signed files (the register holds their hashes); one that went missing
    // is written again, unsigned without --esign, and the run says so.
    let second = files_in(&dir.join("out")).into_iter().find(|f| f.starts_with("2-")).unwrap();
    std::fs::remove_file(dir.join("out").join(&second)).unwrap();
    let r = chungnhan(
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
    );
    r.assert_code(0)
        .assert_stderr_has("1 giấy đã được ký số trước đây nay có tệp chưa ký")
        .assert_stderr_has("chungnhan esign --in out");
    assert_eq!(std::fs::read(&pdf).unwrap(), before, "the signed file is kept by the rerun");
}

#[test]
fn a_wrong_passphrase_is_refused_with_a_hint_and_nothing_is_written() {
    if !have("openssl") {
        return;
    }
    let dir = temp_dir("esign-wrong-pin");
    make_signer(&dir, "signer", false);
    chungnhan(&dir, &["keygen", "--out", "keys", "--issuer", "Trung tâm", "--host", "vb.example.vn"])
        .assert_code(0);
    std::fs::write(dir.join("lop.csv"), "ho_ten,ngay_sinh\nLý Xuân Trí,1990-03-04\n").unwrap();
    let r = chungnhan_env(
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
            "--esign",
            "signer.p12",
            "--quiet",
        ],
        &[("CHUNGNHAN_ESIGN_PIN", "sai")],
    );
    r.assert_code(2).assert_stderr_has("signer.p12").assert_stderr_has("CHUNGNHAN_ESIGN_PIN");
    assert!(!dir.join("out").exists() || files_in(&dir.join("out")).is_empty());
}

#[test]
fn a_softhsm_token_signs_through_its_pkcs11_uri() {
    if !tools() || !have("softhsm2-util") || !have("pkcs11-tool") {
        return;
    }
    let module = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"]
        .into_iter()
        .find(|m| Path::new(m).exists())
        .expect("libsofthsm2.so");
    let dir = temp_dir("esign-softhsm");
    make_signer(&dir, "signer", false);
    std::fs::create_dir_all(dir.join("tokens")).unwrap();
    std::fs::write(
        dir.join("softhsm2.conf"),
        format!("directories.tokendir = {}\n", dir.join("tokens").display()),
    )
    .unwrap();
    let conf = dir.join("softhsm2.conf");
    let env = format!("SOFTHSM2_CONF={}", conf.display());
    sh(
        &dir,
        &format!(
            "export {env}; softhsm2-util --init-token --free --label 'Token Thu' --pin {PIN} --so-pin 12345678 >/dev/null && \
             openssl pkcs8 -topk8 -nocrypt -in signer.key -outform DER -out signer.p8 && \
             openssl x509 -in signer.pem -outform DER -out signer.der && \
             pkcs11-tool --module {module} --token-label 'Token Thu' --login --pin {PIN} --write-object signer.p8 --type privkey --label ky --id 01 >/dev/null && \
             pkcs11-tool --module {module} --token-label 'Token Thu' --login --pin {PIN} --write-object signer.der --type cert --label ky --id 01 >/dev/null"
        ),
    );
    chungnhan(&dir, &["keygen", "--out", "keys", "--issuer", "Trung tâm", "--host", "vb.example.vn"])
        .assert_code(0);
    std::fs::write(
        dir.join("lop.csv"),
        "ho_ten,ngay_sinh\nLý Xuân Trí,1990-03-04\nĐặng Thị Ánh Nguyệt,1985-12-25\n",
    )
    .unwrap();
    let uri = format!("pkcs11:token=Token%20Thu;object=ky?module-path={module}");
    let r = chungnhan_env(
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
            "--esign",
            &uri,
            "--quiet",
        ],
        &[("CHUNGNHAN_ESIGN_PIN", PIN), ("SOFTHSM2_CONF", conf.to_str().unwrap())],
    );
    r.assert_code(0);
    for f in files_in(&dir.join("out")).iter().filter(|f| f.ends_with(".pdf")) {
        let pdf = dir.join("out").join(f);
        let sig = pdfsig(&pdf);
        assert!(sig.contains("Signature is Valid") && sig.contains("Total document signed"), "{f}: {sig}");
        chungnhan(&dir, &["verify", pdf.to_str().unwrap(), "--trust", "keys", "--ca", "signer-ca.pem"])
            .assert_code(0)
            .assert_stdout_has("NGUYÊN VẸN");
    }
    // A wrong PIN: the token refuses it, the run stops before anything is written.
    let r = chungnhan_env(
        &dir,
        &["esign", "--in", "out", "--esign", &uri],
        &[("CHUNGNHAN_ESIGN_PIN", "000000"), ("SOFTHSM2_CONF", conf.to_str().unwrap())],
    );
    r.assert_code(2).assert_stderr_has("token");
}
