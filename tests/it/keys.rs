//! Keys over the years, as an issuer lives them: yearly rotation, a stolen laptop (a key marked
//! compromised, its genuine certificates kept valid by the signed issuance ledgers, forgeries made
//! with it refused with exit 6), signing windows, an older manifest refused (no rollback), an
//! expired key that will not sign, encrypted keys and a root key kept apart.

use std::path::{Path, PathBuf};

use crate::common::*;
use chungnhan::seal::claims::{Claims, TextForm};
use chungnhan::seal::sign::PrivateKey;
use chungnhan::seal::{token, trust};

const LOP_A: &str = "stt,ho_ten,ngay_sinh\n1,Lương Thị Ẩn,05/02/1980\n2,Nguyễn Thị Ngọc Huyền,17/03/1985\n";
const LOP_B: &str = "stt,ho_ten,ngay_sinh\n1,Đặng Văn Thuỷ,01/01/1970\n2,Trần Hoà,09/09/1991\n";

fn keygen(dir: &Path) {
    chungnhan(
        dir,
        &[
            "keygen",
            "--out",
            "khoa",
            "--issuer",
            "Trung tâm Bồi dưỡng chính trị",
            "--host",
            "xacthuc.tanbinh.edu.vn",
        ],
    )
    .assert_code(0);
}

/// Issues `roster` as batch `batch` into `out/`; returns the run.
fn issue(dir: &Path, batch: &str, roster: &str, extra: &[&str]) -> Run {
    let file = format!("{batch}.csv");
    std::fs::write(dir.join(&file), roster).unwrap();
    let mut args = vec![
        "issue",
        "--vars",
        issuer_vars(),
        "--roster",
        &file,
        "--keys",
        "khoa",
        "--out",
        "out",
        "--batch",
        batch,
        "--set",
        "ngay_cap=2019-11-20",
        "--quiet",
    ];
    args.extend_from_slice(extra);
    chungnhan(dir, &args)
}

/// The PDF written for the holder named (by its slug) in `out/`.
fn pdf_of(dir: &Path, slug: &str) -> String {
    let f = files_in(&dir.join("out"))
        .into_iter()
        .find(|f| f.contains(slug))
        .unwrap_or_else(|| panic!("no PDF for {slug}"));
    format!("out/{f}")
}

fn verify_json(dir: &Path, input: &str) -> (i32, serde_json::Value) {
    let r = chungnhan(dir, &["verify", input, "--trust", "khoa", "--json"]);
    (r.code, serde_json::from_str(&r.stdout).unwrap_or_else(|_| panic!("{}\n{}", r.stdout, r.stderr)))
}

/// Keys list, as printed: (kid, the rest of its line).
fn key_lines(dir: &Path) -> Vec<(String, String)> {
    let r = chungnhan(dir, &["keys", "list", "--keys", "khoa"]);
    r.assert_code(0);
    r.stdout
        .lines()
        .skip(1)
        .map(|l| {
            let l = l.trim();
            let (kid, rest) = l.split_once("  ").unwrap();
            (kid.to_string(), rest.to_string())
        })
        .collect()
}

/// A code signed with `key` for `name`, claiming `signing_day` as its signing date: what a thief
/// with the key file could make.
fn forge(key: &PrivateKey, name: &str, signing_day: Option<i64>) -> String {
    let claims = Claims {
        serial: "CN19-9999".into(),
        name: name.into(),
        issue_date: chungnhan::viet::Date::new(2019, 11, 20).unwrap().days(),
        signing_date: signing_day,
        ..Claims::default()
    };
    let tok = key.sign_claims(claims.encode(TextForm::Utf8).unwrap());
    token::qr_text("xacthuc.tanbinh.edu.vn", &tok)
}

fn today_days() -> i64 {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    (secs + 7 * 3600).div_euclid(86_400)
}

#[test]
fn rotation_old_and_new_certificates_verify_and_a_rerun_changes_nothing() {
    let dir = temp_dir("keys-rotation");
    keygen(&dir);
    issue(&dir, "khoa-2025", LOP_A, &[]).assert_code(0);
    let first = key_lines(&dir);
    assert_eq!(first.len(), 1);
    assert!(first[0].1.contains("đang dùng để ký"), "{first:?}");

    chungnhan(&dir, &["keys", "rotate", "--keys", "khoa"])
        .assert_code(0)
        .assert_stdout_has("(số 2)")
        .assert_stdout_has(&format!("Khóa {} thôi ký", first[0].0));
    let after = key_lines(&dir);
    assert_eq!(after.len(), 2, "the retired key stays: {after:?}");
    assert!(after[1].1.contains("đang dùng để ký") && !after[0].1.contains("đang dùng"), "{after:?}");

    issue(&dir, "khoa-2026", LOP_B, &[]).assert_code(0);
    let (code, old) = verify_json(&dir, &pdf_of(&dir, "luong-thi-an"));
    assert_eq!(code, 0, "{old}");
    assert_eq!(old["issuer"]["key_status"], "retired");
    let (code, new) = verify_json(&dir, &pdf_of(&dir, "dang-van-thuy"));
    assert_eq!(code, 0, "{new}");
    assert_eq!(new["issuer"]["key_status"], "active");
    assert_ne!(old["qr_text"].as_str().unwrap()[..40], new["qr_text"].as_str().unwrap()[..40]);
    // Every code carries the day it was signed (claim 15).
    assert!(new["claims"]["signing_date"].is_string(), "{new}");

    // The 2025 batch again, after the rotation: its certificates keep their codes and files.
    let before = std::fs::read(dir.join(pdf_of(&dir, "luong-thi-an"))).unwrap();
    issue(&dir, "khoa-2025", LOP_A, &["--lang", "en"])
        .assert_code(0)
        .assert_stdout_has("0 new certificate(s), 2 already registered");
    assert_eq!(std::fs::read(dir.join(pdf_of(&dir, "luong-thi-an"))).unwrap(), before);
}

#[test]
fn a_key_announced_ahead_does_not_sign_before_its_day_and_the_past_is_refused() {
    let dir = temp_dir("keys-announce");
    keygen(&dir);
    let first = key_lines(&dir)[0].0.clone();
    let ahead = chungnhan::viet::Date::from_days(today_days() + 400).iso();
    chungnhan(&dir, &["keys", "rotate", "--keys", "khoa", "--from", &ahead]).assert_code(0);
    let keys = key_lines(&dir);
    assert!(keys[1].1.contains("đã công bố, chưa đến ngày dùng"), "{keys:?}");
    issue(&dir, "lop", LOP_A, &[]).assert_code(0);
    let (_, v) = verify_json(&dir, &pdf_of(&dir, "luong-thi-an"));
    let kid = &token::Token::parse(v["qr_text"].as_str().unwrap()).unwrap().kid;
    assert_eq!(chungnhan::seal::sign::hex(kid), first, "the current key signs until the new one's day");

    let trust_before = std::fs::read(dir.join("khoa/trust.json")).unwrap();
    chungnhan(&dir, &["keys", "rotate", "--keys", "khoa", "--from", "2020-01-01"])
        .assert_code(2)
        .assert_stderr_has("--from 01/01/2020");
    assert_eq!(std::fs::read(dir.join("khoa/trust.json")).unwrap(), trust_before);
}

/// A laptop is stolen with the signing key. The issuer marks the key compromised: certificates
/// it really issued are in its root-signed issuance ledger and stay valid; a "certificate" the
/// thief signs with the key — whatever date it claims — cannot be verified (exit 6), in the
/// command line and on the page.
#[test]
fn compromise_a_ledgered_certificate_stays_valid_and_a_forgery_with_the_stolen_key_exits_6() {
    let dir = temp_dir("keys-compromise");
    keygen(&dir);
    issue(&dir, "lop", LOP_A, &[]).assert_code(0).assert_stderr_has("Đã ký bảng kê mã đã cấp");
    let ledgers = files_in(&dir.join("khoa/ledger"));
    assert_eq!(ledgers.len(), 2, "one ledger and its signature: {ledgers:?}");
    let stolen = PrivateKey::load(&dir.join("khoa/signing-key.pem")).unwrap();
    let kid = chungnhan::seal::sign::hex(&stolen.public().kid);
    // Before anyone knows, a forgery made with the key is "valid": that is why compromise exists.
    let forged = forge(&stolen, "Kẻ Mạo Danh", Some(today_days()));
    assert_eq!(verify_json(&dir, &forged).0, 0);

    chungnhan(&dir, &["keys", "compromise", "--keys", "khoa", "--kid", &kid, "--since", "2026-11-01"])
        .assert_code(0)
        .assert_stdout_has("BỊ LỘ");
    let keys = key_lines(&dir);
    assert!(keys[0].1.contains("BỊ LỘ từ 01/11/2026") && keys[1].1.contains("đang dùng để ký"), "{keys:?}");

    let genuine = pdf_of(&dir, "luong-thi-an");
    let (code, v) = verify_json(&dir, &genuine);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["issuer"]["key_status"], "compromised");
    assert!(v["warnings"].to_string().contains("issuance ledger"), "{v}");

    for claimed in [Some(today_days()), Some(today_days() - 400), None] {
        let forged = forge(&stolen, "Kẻ Mạo Danh", claimed);
        let r = chungnhan(&dir, &["verify", &forged, "--trust", "khoa"]);
        r.assert_code(6).assert_stdout_has("KHÔNG THỂ XÁC THỰC");
        assert!(!r.stdout.contains("Kẻ Mạo Danh"), "no claim of such a code is shown: {}", r.stdout);
        assert_eq!(verify_json(&dir, &forged).1["verdict"], "compromised");
    }
    // Issue 28: the thief takes a genuine ledgered code, recovers its nonce with the key and
    // signs another name with it — same r, same revocation id. The ledger lists whole codes.
    let claims = Claims {
        serial: "CN19-0001".into(),
        name: "Kẻ Mạo Danh".into(),
        issue_date: chungnhan::viet::Date::new(2019, 11, 20).unwrap().days(),
        signing_date: Some(today_days()),
        ..Claims::default()
    };
    let reused = nonce_reuse_forgery(
        &dir.join("khoa/signing-key.pem"),
        v["qr_text"].as_str().unwrap(),
        claims.encode(TextForm::Utf8).unwrap(),
    );
    let r = chungnhan(&dir, &["verify", &reused, "--trust", "khoa"]);
    r.assert_code(6).assert_stdout_has("KHÔNG THỂ XÁC THỰC");
    assert!(!r.stdout.contains("Kẻ Mạo Danh"), "no claim of such a code is shown: {}", r.stdout);
    // The key signs nothing more: the next batch is signed with the new key, and ledgered.
    issue(&dir, "lop-2", LOP_B, &[]).assert_code(0);
    let (code, v) = verify_json(&dir, &pdf_of(&dir, "dang-van-thuy"));
    assert_eq!((code, v["issuer"]["key_status"].as_str()), (0, Some("active")), "{v}");
    // Compromised twice: nothing changes.
    let trust_before = std::fs::read(dir.join("khoa/trust.json")).unwrap();
    chungnhan(&dir, &["keys", "compromise", "--keys", "khoa", "--kid", &kid, "--since", "2026-11-01"])
        .assert_code(0);
    assert_eq!(std::fs::read(dir.join("khoa/trust.json")).unwrap(), trust_before);
}

#[test]
fn a_code_signed_outside_its_keys_window_is_not_valid() {
    let dir = temp_dir("keys-window");
    keygen(&dir);
    let key = PrivateKey::load(&dir.join("khoa/signing-key.pem")).unwrap();
    // The key's window starts today: a code claiming to be signed in 2019 was not signed by an
    // honest signer. The issue date may be 2019; the signing date may not.
    let backdated =
        forge(&key, "Lương Thị Ẩn", Some(chungnhan::viet::Date::new(2019, 11, 20).unwrap().days()));
    let r = chungnhan(&dir, &["--lang", "en", "verify", &backdated, "--trust", "khoa"]);
    r.assert_code(1).assert_stdout_has("outside the window");
    assert!(!r.stdout.contains("Lương Thị Ẩn"), "{}", r.stdout);
    let today = forge(&key, "Lương Thị Ẩn", Some(today_days()));
    chungnhan(&dir, &["verify", &today, "--trust", "khoa"]).assert_code(0).assert_stdout_has("Ngày ký:");
}

#[test]
fn an_expired_key_does_not_sign_and_says_to_rotate() {
    let dir = temp_dir("keys-expired");
    keygen(&dir);
    // The manifest as it would stand a year later: the key's window over.
    let root = PrivateKey::load(&dir.join("khoa/root-key.pem")).unwrap();
    let path = dir.join("khoa/trust.json");
    let mut m = trust::load_manifest(&path, None).unwrap().manifest;
    m.keys[0].not_before = Some("2024-01-01".into());
    m.keys[0].not_after = Some("2024-12-31".into());
    m.seq += 1;
    trust::save_manifest(&path, &m, &root).unwrap();
    issue(&dir, "lop", LOP_A, &["--lang", "en"])
        .assert_code(2)
        .assert_stderr_has("expired on 31/12/2024")
        .assert_stderr_has("keys rotate");
    assert!(!dir.join("chungnhan.sqlite").exists() || !dir.join("out").exists());
    chungnhan(&dir, &["keys", "rotate", "--keys", "khoa"]).assert_code(0);
    issue(&dir, "lop", LOP_A, &[]).assert_code(0);
}

#[test]
fn an_older_manifest_is_refused_once_a_newer_one_was_seen() {
    let dir = temp_dir("keys-rollback");
    keygen(&dir);
    issue(&dir, "lop", LOP_A, &[]).assert_code(0);
    let old = dir.join("cu");
    std::fs::create_dir_all(&old).unwrap();
    for f in ["trust.json", "trust.json.sig", "revoked.json", "revoked.json.sig"] {
        std::fs::copy(dir.join("khoa").join(f), old.join(f)).unwrap();
    }
    let pdf = pdf_of(&dir, "luong-thi-an");
    chungnhan(&dir, &["keys", "rotate", "--keys", "khoa"]).assert_code(0);
    chungnhan(&dir, &["verify", &pdf, "--trust", "khoa"]).assert_code(0);
    chungnhan(&dir, &["--lang", "en", "verify", &pdf, "--trust", "cu"])
        .assert_code(2)
        .assert_stderr_has("older than seq 2 already checked");
    // Given both, in either order, the newer wins and nothing is refused.
    chungnhan(&dir, &["verify", &pdf, "--trust", "cu", "--trust", "khoa"]).assert_code(0);
    // Another computer (another state folder) that never saw the newer one accepts the older.
    chungnhan(&dir, &["verify", &pdf, "--trust", "cu", "--state", "may-khac"]).assert_code(0);
}

#[test]
fn encrypted_keys_need_their_passphrase() {
    let dir = temp_dir("keys-encrypted");
    let pass = [("CHUNGNHAN_PASSPHRASE", "mật khẩu dài và khó đoán")];
    chungnhan_env(
        &dir,
        &["keygen", "--out", "khoa", "--issuer", "Trường A", "--host", "xacthuc.truong.edu.vn", "--encrypt"],
        &pass,
    )
    .assert_code(0);
    for f in ["root-key.pem", "signing-key.pem"] {
        let pem = std::fs::read_to_string(dir.join("khoa").join(f)).unwrap();
        assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"), "{f}");
    }
    std::fs::write(dir.join("lop.csv"), LOP_A).unwrap();
    let args = [
        "issue",
        "--vars",
        issuer_vars(),
        "--roster",
        "lop.csv",
        "--keys",
        "khoa",
        "--out",
        "out",
        "--quiet",
    ];
    // No passphrase and no terminal to ask on: refused, nothing registered.
    chungnhan(&dir, &args).assert_code(2).assert_stderr_has("CHUNGNHAN_PASSPHRASE");
    chungnhan_env(&dir, &args, &[("CHUNGNHAN_PASSPHRASE", "sai"), ("LANG", "en_US.UTF-8")])
        .assert_code(2)
        .assert_stderr_has("does not open");
    assert!(!dir.join("out").exists());
    chungnhan_env(&dir, &args, &pass).assert_code(0).assert_stderr_has("Đã ký bảng kê mã đã cấp");
    // A key made by a rotation is encrypted like the others.
    chungnhan_env(&dir, &["keys", "rotate", "--keys", "khoa"], &pass).assert_code(0);
    let rotated: Vec<String> =
        files_in(&dir.join("khoa")).into_iter().filter(|f| f.starts_with("signing-key-")).collect();
    let pem = std::fs::read_to_string(dir.join("khoa").join(&rotated[0])).unwrap();
    assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
}

/// The root key lives on a USB stick: daily issuing works without it, ledgers and revocations
/// wait for it, and every command that needs it takes `--root-key`.
#[test]
fn a_root_key_kept_apart_signs_when_it_is_brought() {
    let dir = temp_dir("keys-root-apart");
    let usb: PathBuf = dir.join("usb");
    std::fs::create_dir_all(&usb).unwrap();
    let root = usb.join("root-key.pem");
    let root_arg = root.to_str().unwrap();
    chungnhan(
        &dir,
        &[
            "keygen",
            "--out",
            "khoa",
            "--issuer",
            "Trường A",
            "--host",
            "xacthuc.truong.edu.vn",
            "--root-key",
            root_arg,
        ],
    )
    .assert_code(0);
    assert!(root.is_file() && !dir.join("khoa/root-key.pem").exists());
    issue(&dir, "lop", LOP_A, &[])
        .assert_code(0)
        .assert_stderr_has("chưa có trong bảng kê mã đã cấp có chữ ký");
    assert!(!dir.join("khoa/ledger").exists());
    chungnhan(&dir, &["revoke", "CN19-0001", "--keys", "khoa", "--reason", "issued_in_error"]).assert_code(2);
    chungnhan(&dir, &["keys", "rotate", "--keys", "khoa"]).assert_code(2);
    // With the stick: the pending ledger is signed by the next run that has it (here a revoke),
    // and the others work.
    chungnhan(
        &dir,
        &["revoke", "CN19-0001", "--keys", "khoa", "--reason", "issued_in_error", "--root-key", root_arg],
    )
    .assert_code(0)
    .assert_stderr_has("Đã ký bảng kê mã đã cấp");
    assert_eq!(files_in(&dir.join("khoa/ledger")).len(), 2);
    issue(&dir, "lop-2", LOP_B, &["--root-key", root_arg])
        .assert_code(0)
        .assert_stderr_has("Đã ký bảng kê mã đã cấp");
    chungnhan(&dir, &["keys", "rotate", "--keys", "khoa", "--root-key", root_arg]).assert_code(0);
}

/// An office whose ledgers were signed before ledgers listed whole codes (vncert-ledger/1,
/// revocation ids only): the next run that has the root key rewrites them from the register as
/// vncert-ledger/2, and from then on a compromise keeps its certificates valid and refuses the
/// nonce-reuse forgery. A key compromised while its ledger is still of the old format: its
/// certificates cannot be verified (exit 6), and the reason names the old ledger.
#[test]
fn an_old_ledger_is_rewritten_with_whole_codes_by_the_next_run_with_the_root_key() {
    let dir = temp_dir("keys-ledger-upgrade");
    keygen(&dir);
    issue(&dir, "lop", LOP_A, &[]).assert_code(0);
    let qr = verify_json(&dir, &pdf_of(&dir, "luong-thi-an")).1["qr_text"].as_str().unwrap().to_string();
    let other =
        verify_json(&dir, &pdf_of(&dir, "nguyen-thi-ngoc-huyen")).1["qr_text"].as_str().unwrap().to_string();
    // The ledger as the previous version wrote it.
    let ledger_file = dir
        .join("khoa/ledger")
        .join(files_in(&dir.join("khoa/ledger")).into_iter().find(|f| f.ends_with(".json")).unwrap());
    let root = PrivateKey::load(&dir.join("khoa/root-key.pem")).unwrap();
    let as_v1 = |ledger_file: &Path| {
        let new: trust::Ledger = serde_json::from_slice(&std::fs::read(ledger_file).unwrap()).unwrap();
        let mut rids: Vec<String> = [&qr, &other]
            .iter()
            .map(|q| {
                chungnhan::seal::sign::b64(&chungnhan::seal::sign::revocation_id(
                    &token::Token::parse(q).unwrap().sig,
                ))
            })
            .collect();
        rids.sort();
        let leaves: Vec<Vec<u8>> = rids.iter().map(|r| chungnhan::seal::sign::unb64(r).unwrap()).collect();
        let old = trust::Ledger {
            format: trust::LEDGER_FORMAT_V1.into(),
            merkle_root: chungnhan::seal::sign::b64(&chungnhan::seal::sign::merkle_root(&leaves)),
            count: rids.len(),
            rids: Some(rids),
            codes: None,
            ..new
        };
        trust::save_ledger(ledger_file, &old, &root).unwrap();
    };
    as_v1(&ledger_file);
    assert!(std::fs::read_to_string(&ledger_file).unwrap().contains("vncert-ledger/1"));
    // The same roster again, with the root key in the folder: nothing issued, the ledger rewritten.
    issue(&dir, "lop", LOP_A, &[]).assert_code(0).assert_stderr_has("vncert-ledger/2");
    let text = std::fs::read_to_string(&ledger_file).unwrap();
    assert!(text.contains("\"format\": \"vncert-ledger/2\"") && text.contains("\"count\": 2"), "{text}");

    // The laptop is stolen and the ledger is of the new format: genuine valid, forgery exit 6.
    let kid = chungnhan::seal::sign::hex(&token::Token::parse(&qr).unwrap().kid);
    let keys_before = dir.join("khoa-before");
    copy_dir(&dir.join("khoa"), &keys_before);
    chungnhan(&dir, &["keys", "compromise", "--keys", "khoa", "--kid", &kid, "--since", "2026-11-01"])
        .assert_code(0);
    let claims = Claims {
        serial: "CN19-0001".into(),
        name: "Kẻ Mạo Danh".into(),
        issue_date: chungnhan::viet::Date::new(2019, 11, 20).unwrap().days(),
        signing_date: Some(today_days()),
        ..Claims::default()
    };
    let reused =
        nonce_reuse_forgery(&dir.join("khoa/signing-key.pem"), &qr, claims.encode(TextForm::Utf8).unwrap());
    assert_eq!(verify_json(&dir, &qr).0, 0);
    assert_eq!(verify_json(&dir, &reused).0, 6);

    // Had the key been compromised while its ledger was of the old format, neither would be.
    std::fs::remove_dir_all(dir.join("khoa")).unwrap();
    copy_dir(&keys_before, &dir.join("khoa"));
    as_v1(&ledger_file);
    chungnhan(&dir, &["keys", "compromise", "--keys", "khoa", "--kid", &kid, "--since", "2026-11-01"])
        .assert_code(0);
    for code in [&qr, &reused] {
        chungnhan(&dir, &["--lang", "en", "verify", code, "--trust", "khoa"])
            .assert_code(6)
            .assert_stdout_has("only in an issuance ledger of the old format (vncert-ledger/1)");
    }
    // And the root key signs nothing more for it: a rerun leaves the old ledger as it is.
    issue(&dir, "lop", LOP_A, &[]).assert_code(0);
    assert!(std::fs::read_to_string(&ledger_file).unwrap().contains("vncert-ledger/1"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Runs `args` in `dir` under strace, killed (SIGKILL) at its `n`-th rename; whether it was.
fn killed_at_rename(dir: &Path, args: &[&str], n: usize) -> bool {
    let mut cmd = std::process::Command::new("strace");
    cmd.current_dir(dir)
        .args(["-f", "-qq", "-o", "/dev/null", "-e", "trace=rename"])
        .arg("-e")
        .arg(format!("inject=rename:signal=SIGKILL:when={n}"))
        .arg(env!("CARGO_BIN_EXE_chungnhan"))
        .args(args)
        .env("CHUNGNHAN_PASSPHRASE", "")
        .stdin(std::process::Stdio::null());
    let out = cmd.output().unwrap();
    !out.status.success()
}

/// Copies the folder `from` (files only, one level of folders) to a new `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// A command killed at each of its renames — between a signed file and its signature included —
/// never leaves a keys folder that every command then refuses: afterwards `keys list` and
/// `verify` work, and running the command again ends as one clean run with no private key that
/// no manifest announces (regression: #28, finding 2: 6 of 40 killed `rotate` runs, 6 of 126
/// killed `revoke` runs locked the folder; killed rotations left orphan keys).
#[test]
fn a_command_killed_at_any_rename_leaves_a_folder_that_works() {
    if !have("strace") {
        return;
    }
    let base = temp_dir("kill-at-rename");
    keygen(&base);
    issue(&base, "lop-a", LOP_A, &[]).assert_code(0);
    let pdf = pdf_of(&base, "luong-thi-an");
    let ahead = chungnhan::viet::Date::from_days(today_days() + 400).iso();
    let cases: [(&str, &[&str]); 4] = [
        ("rotate", &["keys", "rotate", "--keys", "khoa", "--from", &ahead]),
        ("revoke", &["revoke", "CN19-0002", "--keys", "khoa", "--reason", "cap sai"]),
        (
            "issue",
            &[
                "issue",
                "--vars",
                issuer_vars(),
                "--roster",
                "lop-b.csv",
                "--keys",
                "khoa",
                "--out",
                "out",
                "--batch",
                "lop-b",
                "--set",
                "ngay_cap=2019-11-20",
                "--quiet",
            ],
        ),
        ("compromise", &["keys", "compromise", "--keys", "khoa", "--kid", "KID", "--since", "2099-01-01"]),
    ];
    std::fs::write(base.join("lop-b.csv"), LOP_B).unwrap();
    let kid = key_lines(&base)[0].0.clone();
    let mut killed_runs = 0;
    for (name, args) in cases {
        let args: Vec<&str> = args.iter().map(|a| if *a == "KID" { kid.as_str() } else { a }).collect();
        for n in 1..=40 {
            let dir = base.join(format!("{name}-{n}"));
            for part in ["khoa", "out"] {
                copy_tree(&base.join(part), &dir.join(part));
            }
            for f in ["chungnhan.sqlite", "lop-b.csv"] {
                std::fs::copy(base.join(f), dir.join(f)).unwrap();
            }
            if !killed_at_rename(&dir, &args, n) {
                break;
            }
            killed_runs += 1;
            let folder_works = |when: &str| {
                let list = chungnhan(&dir, &["keys", "list", "--keys", "khoa"]);
                assert_eq!(list.code, 0, "{name} killed at rename {n}, {when}: keys list\n{}", list.stderr);
                let v = chungnhan(&dir, &["verify", &pdf, "--trust", "khoa"]);
                assert!(
                    matches!(v.code, 0 | 3),
                    "{name} killed at rename {n}, {when}: verify {}\n{}",
                    v.code,
                    v.stdout
                );
            };
            folder_works("after the kill");
            let again = chungnhan_env(&dir, &args, &[]);
            assert_eq!(again.code, 0, "{name} killed at rename {n}, run again:\n{}", again.stderr);
            folder_works("after running it again");
            // No private key is left that no manifest announces (a killed rotate left one).
            let key_files = std::fs::read_dir(dir.join("khoa"))
                .unwrap()
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("signing-key-"))
                .count();
            assert_eq!(key_files + 1, key_lines(&dir).len(), "{name} killed at rename {n}: orphan keys");
        }
    }
    assert!(killed_runs >= 8, "only {killed_runs} runs were killed at a rename");
}

/// A new passphrase has at least eight characters (an empty one was taken), and a key cannot be
/// announced for a day years away (`--from 9999-12-31` gave the window 31/12/9999 – 30/12/9999);
/// both refused before anything is written (regression: #28, finding 12).
#[test]
fn a_short_passphrase_and_a_rotation_years_ahead_are_refused() {
    let dir = temp_dir("short-passphrase");
    let args =
        ["keygen", "--out", "khoa", "--issuer", "Trung tâm", "--host", "xacthuc.tanbinh.edu.vn", "--encrypt"];
    chungnhan_env(&dir, &args, &[("CHUNGNHAN_PASSPHRASE", "1234567")])
        .assert_code(2)
        .assert_stderr_has("phải có ít nhất 8 ký tự");
    assert!(!dir.join("khoa").join("root-key.pem").exists());
    chungnhan_env(&dir, &args, &[("CHUNGNHAN_PASSPHRASE", "12345678")]).assert_code(0);
    let pass = [("CHUNGNHAN_PASSPHRASE", "12345678")];
    let before = std::fs::read(dir.join("khoa").join("trust.json")).unwrap();
    chungnhan_env(&dir, &["keys", "rotate", "--keys", "khoa", "--from", "9999-12-31"], &pass)
        .assert_code(2)
        .assert_stderr_has("--from 31/12/9999 là quá xa");
    assert_eq!(std::fs::read(dir.join("khoa").join("trust.json")).unwrap(), before);
}
