//! The issuance register (sổ gốc) as a user meets it: `issue` numbering and recognising records,
//! reruns that change nothing, a run killed at random moments and finished, two runs at once,
//! reissue, `revoke` then `verify`, and `register export`.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::*;

fn keygen(dir: &Path) {
    chungnhan(
        dir,
        &[
            "keygen",
            "--out",
            "keys",
            "--issuer",
            "Trung tâm Bồi dưỡng chính trị",
            "--host",
            "xacthuc.example.vn",
        ],
    )
    .assert_code(0);
}

/// A roster of `n` records without serials, with names in full Vietnamese (deterministic).
fn write_roster(path: &Path, n: usize) {
    write_people(path, 1..=n);
}

/// A roster of the people numbered `people` (stt from 1), each another person: a name of 480
/// and a date of 3,360 repeat together only after 13,440 people (the day moves on by one with
/// each 3,360, which no earlier round of names meets again).
fn write_people(path: &Path, people: std::ops::RangeInclusive<usize>) {
    const HO: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng"];
    const DEM: [&str; 6] = ["Văn", "Thị", "Hữu", "Ngọc", "Minh", "Thị Thu"];
    const TEN: [&str; 10] = ["Ẩn", "Bảo", "Cường", "Dũng", "Đức", "Hằng", "Khoa", "Lộc", "Nguyệt", "Thuỷ"];
    let mut s = String::from("stt,ho_ten,ngay_sinh\n");
    for (stt, i) in people.enumerate() {
        s.push_str(&format!(
            "{},{} {} {},{:02}/{:02}/{}\n",
            stt + 1,
            HO[i % 8],
            DEM[(i / 8) % 6],
            TEN[(i / 48) % 10],
            1 + (i + i / 3360) % 28,
            1 + i % 12,
            1960 + i % 40
        ));
    }
    std::fs::write(path, s).unwrap();
}

fn issue<'a>(dir: &Path, roster: &'a str, extra: &[&'a str]) -> Run {
    issue_to(dir, roster, "out", extra)
}

fn issue_to<'a>(dir: &Path, roster: &'a str, out: &'a str, extra: &[&'a str]) -> Run {
    let mut args = vec![
        "issue",
        "--vars",
        issuer_vars(),
        "--roster",
        roster,
        "--keys",
        "keys",
        "--out",
        out,
        "--set",
        "ngay_cap=2019-11-20",
    ];
    args.extend_from_slice(extra);
    chungnhan(dir, &args)
}

/// A CSV file as rows of cells, header first (read with the tool's own roster reader).
fn table(path: &Path) -> Vec<Vec<String>> {
    let r = chungnhan::input::roster::parse("t.csv".into(), &std::fs::read(path).unwrap()).unwrap();
    std::iter::once(r.headers).chain(r.rows.into_iter().map(|row| row.values)).collect()
}

fn export_csv(dir: &Path, out: &str) -> Vec<Vec<String>> {
    chungnhan(dir, &["register", "export", "--out", out]).assert_code(0);
    let bytes = std::fs::read(dir.join(out)).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM for Excel");
    table(&dir.join(out))
}

/// Every file below `dir`, with its bytes, sorted by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = files_in(dir)
        .into_iter()
        .map(|n| {
            let b = std::fs::read(dir.join(&n)).unwrap();
            (n, b)
        })
        .collect();
    v.sort();
    v
}

/// With `--skip-invalid`, a record that fails once numbered (its name does not fit) gives back
/// the numbers it held, its roster's serial among them: the certificates issued are numbered
/// without a gap (no serial skipped), and nothing is issued for the skipped record.
#[test]
fn register_skip_invalid_gives_back_the_serial_a_skipped_record_held() {
    let dir = temp_dir("skip-serial");
    keygen(&dir);
    let roster = fixture("rosters/skip_invalid_frees_a_given_serial.csv");
    issue(&dir, &roster, &["--lang", "en", "--skip-invalid"])
        .assert_code(1)
        .assert_stderr_has("record 2 (line 3), column ho_ten: text of element ho_ten does not fit its box")
        .assert_stdout_has("2 new certificate(s), 0 already registered")
        .assert_stdout_has("skipped 1 invalid record(s)");
    let rows = export_csv(&dir, "so-goc.csv");
    let got: Vec<[&str; 3]> =
        rows[1..].iter().map(|r| [r[1].as_str(), r[3].as_str(), r[4].as_str()]).collect();
    assert_eq!(got, [["Trần Văn An", "CN19-0001", "1/2019"], ["Lê Thị Bình", "CN19-0002", "2/2019"]]);
}

#[test]
fn register_numbers_new_records_and_keeps_numbers_given_in_the_roster() {
    let dir = temp_dir("numbering");
    keygen(&dir);
    let roster = roster_fixture("roster_218.csv");
    issue(&dir, &roster, &["--lang", "en"])
        .assert_code(0)
        .assert_stdout_has("218 new certificate(s), 0 already registered");
    let rows = export_csv(&dir, "so-goc.csv");
    assert_eq!(rows[0][..6], ["STT", "Họ và tên", "Ngày sinh", "Số hiệu", "Số vào sổ", "Ngày cấp"]);
    assert_eq!(rows.len(), 219);
    // Given serials are kept; the records without one are numbered CN19-0001… in roster order,
    // and every certificate gets a register number 1/2019…218/2019 in print order.
    let given = table(Path::new(&roster));
    let mut numbered = 0;
    for (i, (r, g)) in rows[1..].iter().zip(&given[1..]).enumerate() {
        assert_eq!(r[1], g[1], "same order, same name");
        if g[7].is_empty() {
            numbered += 1;
            assert_eq!(r[3], format!("CN19-{numbered:04}"));
        } else {
            assert_eq!(r[3], g[7]);
        }
        assert_eq!(r[4], format!("{}/2019", i + 1));
        assert_eq!(r[5], "20/11/2019");
        assert_eq!(r[6], "Đã cấp");
    }
    assert_eq!(numbered, 12);
    // The printed certificate carries the allocated numbers.
    if have("pdftotext") {
        let text = pdftotext(&dir.join("out/005-hoang-van-vinh.pdf"));
        assert!(text.contains("CN19-0001") && text.contains("5/2019"), "{text}");
    }
}

#[test]
fn register_a_rerun_issues_nothing_and_leaves_every_file_as_it_was() {
    let dir = temp_dir("rerun");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 40);
    let r = roster.to_str().unwrap();
    issue(&dir, r, &["--lang", "en", "--merged", "tat-ca.pdf"])
        .assert_code(0)
        .assert_stdout_has("40 new certificate(s)");
    let before = snapshot(&dir.join("out"));
    let merged = std::fs::read(dir.join("tat-ca.pdf")).unwrap();
    // Every file gets a modification time far in the past: a rewrite, however fast, shows as a
    // new time (no sleeping on the clock's resolution).
    let long_ago = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for n in files_in(&dir.join("out")) {
        std::fs::File::options()
            .write(true)
            .open(dir.join("out").join(n))
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
    }
    let times: Vec<_> = files_in(&dir.join("out"))
        .iter()
        .map(|n| std::fs::metadata(dir.join("out").join(n)).unwrap().modified().unwrap())
        .collect();
    assert!(times.iter().all(|t| *t == long_ago));
    let register = export_csv(&dir, "a.csv");
    issue(&dir, r, &["--lang", "en", "--merged", "tat-ca.pdf"])
        .assert_code(0)
        .assert_stdout_has("0 new certificate(s), 40 already registered; wrote 0 file(s) (PDF/A-2b) to out, left 40 file(s) as they were (already right)");
    assert!(before == snapshot(&dir.join("out")));
    assert!(merged == std::fs::read(dir.join("tat-ca.pdf")).unwrap());
    let after: Vec<_> = files_in(&dir.join("out"))
        .iter()
        .map(|n| std::fs::metadata(dir.join("out").join(n)).unwrap().modified().unwrap())
        .collect();
    assert_eq!(times, after, "no file was rewritten");
    assert_eq!(register, export_csv(&dir, "b.csv"));

    // A deleted certificate is written again, byte for byte, under the same numbers.
    std::fs::remove_file(dir.join("out/07-dang-van-an.pdf")).unwrap();
    issue(&dir, r, &["--lang", "en"])
        .assert_code(0)
        .assert_stdout_has("wrote 1 file(s) (PDF/A-2b) to out, left 39 file(s) as they were (already right)");
    assert!(before == snapshot(&dir.join("out")));
}

#[test]
fn register_numbers_continue_across_batches_and_a_clash_names_both_records() {
    let dir = temp_dir("batches");
    keygen(&dir);
    let a = dir.join("khoa-1.csv");
    let b = dir.join("khoa-2.csv");
    write_roster(&a, 3);
    // Two other people: the first course's would be refused as issued already.
    write_people(&b, 4..=5);
    issue(&dir, a.to_str().unwrap(), &[]).assert_code(0);
    issue_to(&dir, b.to_str().unwrap(), "out2", &["--lang", "en"])
        .assert_code(0)
        .assert_stdout_has("2 new certificate(s)");
    let rows = export_csv(&dir, "so.csv");
    let serials: Vec<&str> = rows[1..].iter().map(|r| r[3].as_str()).collect();
    assert_eq!(serials, ["CN19-0001", "CN19-0002", "CN19-0003", "CN19-0004", "CN19-0005"]);
    let batches: Vec<&str> = rows[1..].iter().map(|r| r[9].as_str()).collect();
    assert_eq!(batches, ["khoa-1.csv", "khoa-1.csv", "khoa-1.csv", "khoa-2.csv", "khoa-2.csv"]);

    // A roster that gives a number the register already holds is refused, naming the holder.
    let c = dir.join("khoa-3.csv");
    std::fs::write(&c, "stt,ho_ten,ngay_sinh,so_hieu\n1,Lương Thị Ẩn,05/02/1980,CN19-0002\n").unwrap();
    let run = issue_to(&dir, c.to_str().unwrap(), "out3", &["--lang", "en"]);
    run.assert_code(2).assert_stderr_has(&format!(
        "error: {}: record 1 (line 2), column so_hieu: \"CN19-0002\" is already in the register: CN19-0002 of",
        c.display()
    ));
    run.assert_stderr_has("batch khoa-1.csv, record 2")
        .assert_stderr_has("hint: a number is never given twice");
    assert!(!dir.join("out3").exists(), "nothing written");
    assert_eq!(export_csv(&dir, "so2.csv").len(), 6, "nothing registered");
}

#[test]
fn register_a_changed_record_needs_reissue_which_supersedes_the_old_certificate() {
    let dir = temp_dir("reissue");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 3);
    let r = roster.to_str().unwrap();
    issue(&dir, r, &[]).assert_code(0);
    let old_pdf = dir.join("old.pdf");
    std::fs::copy(dir.join("out/2-le-van-an.pdf"), &old_pdf).unwrap();

    // The issuer misspelt a name: a rerun with the correction is refused and says how to go on.
    let text = std::fs::read_to_string(&roster).unwrap().replace("Lê Văn Ẩn", "Lê Văn Ấn");
    std::fs::write(&roster, text).unwrap();
    let run = issue(&dir, r, &["--lang", "en"]);
    run.assert_code(2)
        .assert_stderr_has(&format!(
            "error: {r}: record 2 (line 3): differs from certificate CN19-0002 issued on 20/11/2019: Họ và tên \"Lê Văn Ẩn\" → \"Lê Văn Ấn\""
        ))
        .assert_stderr_has("hint: rerun with --reissue");

    let run = issue(&dir, r, &["--lang", "en", "--reissue"]);
    run.assert_code(0)
        .assert_stdout_has("1 new certificate(s) (1 reissued), 2 already registered")
        .assert_stderr_has("Wrote the revocation list keys/revoked.json (1 entry)");
    let rows = export_csv(&dir, "so.csv");
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[2][3], "CN19-0002");
    assert_eq!(rows[2][6], "Đã cấp lại → CN19-0004");
    assert_eq!(
        (rows[4][1].as_str(), rows[4][3].as_str(), rows[4][4].as_str()),
        ("Lê Văn Ấn", "CN19-0004", "4/2019")
    );
    assert_eq!(rows[4][6], "Đã cấp (thay CN19-0002)");

    // The old paper now verifies as superseded; the new one, written beside the old file
    // (never over it) under its name with the new serial, as valid.
    chungnhan(&dir, &["verify", "old.pdf", "--trust", "keys"])
        .assert_code(3)
        .assert_stdout_has("lý do: đã được cấp lại bằng giấy khác");
    assert!(std::fs::read(dir.join("out/2-le-van-an.pdf")).unwrap() == std::fs::read(&old_pdf).unwrap());
    chungnhan(&dir, &["verify", "out/2-le-van-an-CN19-0004.pdf", "--trust", "keys"])
        .assert_code(0)
        .assert_stdout_has("Lê Văn Ấn");
    // And a rerun of the corrected roster changes nothing.
    issue(&dir, r, &["--lang", "en"])
        .assert_code(0)
        .assert_stdout_has("0 new certificate(s), 3 already registered");
}

#[test]
fn register_revoke_then_verify_reports_revoked_with_date_and_reason() {
    let dir = temp_dir("revoke");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 3);
    issue(&dir, roster.to_str().unwrap(), &[]).assert_code(0);
    let pdf = "out/3-pham-van-an.pdf";
    chungnhan(&dir, &["verify", pdf, "--trust", "keys"]).assert_code(0);

    let run = chungnhan(
        &dir,
        &[
            "revoke",
            "CN19-0003",
            "--register",
            "chungnhan.sqlite",
            "--keys",
            "keys",
            "--reason",
            "fraud",
            "--decision",
            "Quyết định số 12/QĐ-TTBD",
        ],
    );
    run.assert_code(0).assert_stdout_has("Đã thu hồi CN19-0003 (Phạm Văn Ẩn, 04/04/1963) ngày ");
    assert!(run.stdout.contains(", lý do: gian lận"), "{}", run.stdout);
    let run = chungnhan(&dir, &["verify", pdf, "--trust", "keys"]);
    run.assert_code(3).assert_stdout_has("lý do: gian lận");
    let json = chungnhan(&dir, &["verify", pdf, "--trust", "keys", "--json"]);
    json.assert_code(3).assert_stdout_has("\"verdict\":\"revoked\"");
    // The others stay valid; the register says who was revoked, why, and under which decision.
    chungnhan(&dir, &["verify", "out/2-le-van-an.pdf", "--trust", "keys"]).assert_code(0);
    let rows = export_csv(&dir, "so.csv");
    assert_eq!(rows[3][6], "Đã thu hồi");
    assert_eq!(rows[3][8], "gian lận; Quyết định số 12/QĐ-TTBD");
    // Ghi chú says it in words, with the day and the decision, here and in the printed sổ gốc.
    let day = rows[3][7].clone();
    assert_eq!(rows[0][12], "Ghi chú");
    assert_eq!(rows[3][12], format!("Đã thu hồi ngày {day}, lý do: gian lận; Quyết định số 12/QĐ-TTBD"));
    chungnhan(&dir, &["register", "export", "--out", "so.pdf"]).assert_code(0);
    if have("pdftotext") {
        let text = pdftotext(&dir.join("so.pdf")).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains(&format!("Đã thu hồi ngày {day}, lý do: gian lận; Quyết định số 12/QĐ-TTBD")),
            "{text}"
        );
    }
    // A rerun leaves the revoked certificate alone and says so, even with --reissue: only a
    // corrected record gets a new certificate.
    issue(&dir, roster.to_str().unwrap(), &["--lang", "en"])
        .assert_code(0)
        .assert_stderr_has("certificate CN19-0003 is revoked; not written again");
    issue(&dir, roster.to_str().unwrap(), &["--lang", "en", "--reissue"])
        .assert_code(0)
        .assert_stdout_has("0 new certificate(s), 2 already registered")
        .assert_stderr_has("certificate CN19-0003 is revoked; not written again");

    // Again, typed from the paper in lower case with a space: found; the same reason changes
    // nothing; another reason is refused (exit 2, nothing changed) unless --change-reason.
    let list = std::fs::read(dir.join("keys/revoked.json")).unwrap();
    chungnhan(&dir, &["revoke", "cn19 0003", "--keys", "keys", "--reason", "fraud"])
        .assert_code(0)
        .assert_stderr_has("\"cn19 0003\" được hiểu là số hiệu CN19-0003")
        .assert_stdout_has("CN19-0003 đã bị thu hồi ngày ");
    chungnhan(&dir, &["revoke", "CN19-0003", "--keys", "keys", "--reason", "issued_in_error"])
        .assert_code(2)
        .assert_stderr_has("Lý do mới (cấp sai) chưa được ghi, không có gì thay đổi")
        .assert_stderr_has("--change-reason");
    assert_eq!(
        std::fs::read(dir.join("keys/revoked.json")).unwrap(),
        list,
        "the published list is as it was"
    );
    chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "revoke",
            "CN19-0003",
            "--keys",
            "keys",
            "--reason",
            "issued_in_error",
            "--change-reason",
        ],
    )
    .assert_code(0)
    .assert_stdout_has("Changed the revocation reason of CN19-0003: fraud → issued in error");
    chungnhan(&dir, &["verify", pdf, "--trust", "keys"]).assert_code(3).assert_stdout_has("lý do: cấp sai");

    // Unknown serials and bad reasons are refused with a hint, writing nothing.
    chungnhan(&dir, &["revoke", "CN19-9999", "--keys", "keys", "--reason", "fraud"])
        .assert_code(2)
        .assert_stderr_has("lỗi: sổ gốc chungnhan.sqlite: không có giấy chứng nhận nào số hiệu \"CN19-9999\"")
        .assert_stderr_has("gợi ý: xem lại số hiệu trên giấy");
    chungnhan(&dir, &["--lang", "en", "revoke", "CN19-9002", "--keys", "keys", "--reason", "fraud"])
        .assert_code(2)
        .assert_stderr_has("hint: did you mean CN19-0002?");
    chungnhan(&dir, &["revoke", "CN19-0001", "--keys", "keys", "--reason", "vì sao"]).assert_code(2);
    chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "revoke",
            "CN19-0001",
            "--register",
            "khong-co.sqlite",
            "--keys",
            "keys",
            "--reason",
            "fraud",
        ],
    )
    .assert_code(2)
    .assert_stderr_has("no such file");
    assert!(!dir.join("khong-co.sqlite").exists());
}

#[test]
fn register_export_neutralises_formulas_in_csv_and_writes_none_in_xlsx() {
    // A batch name is anyone's text, and so are the roster's cells: a register opened in a
    // spreadsheet must show them, never run them (OWASP, CSV injection).
    let dir = temp_dir("export-formulas");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 3);
    let payload = "=HYPERLINK(\"http://evil.example/\",\"Bấm vào đây\")";
    issue(&dir, roster.to_str().unwrap(), &["--batch", payload]).assert_code(0);
    let csv = export_csv(&dir, "so.csv");
    let col = csv[0].iter().position(|h| h == "Đợt cấp").expect("a batch column");
    for row in &csv[1..] {
        assert_eq!(row[col], format!("'{payload}"), "shown as text");
    }
    chungnhan(&dir, &["register", "export", "--out", "so.xlsx"]).assert_code(0);
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(dir.join("so.xlsx")).unwrap();
    let formulas = wb.worksheet_formula("So goc").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula in the workbook");
    let cells = wb.worksheet_range("So goc").unwrap();
    assert!(cells.used_cells().any(|(_, _, c)| *c == payload), "the text itself, as a string");
}

#[test]
fn register_export_xlsx_and_pdf_hold_every_entry() {
    let dir = temp_dir("export");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 45);
    issue(&dir, roster.to_str().unwrap(), &[]).assert_code(0);
    let csv = export_csv(&dir, "so.csv");
    assert_eq!(csv[0][11], "Nơi sinh");

    chungnhan(&dir, &["--lang", "en", "register", "export", "--out", "so.xlsx"])
        .assert_code(0)
        .assert_stdout_has("Wrote 45 register entries");
    let sheet = chungnhan::input::sheet::read(&dir.join("so.xlsx"), None).unwrap();
    let cells: Vec<Vec<String>> =
        sheet.rows.iter().map(|(_, r)| r.iter().map(|c| c.trim().to_string()).collect()).collect();
    assert_eq!(cells, csv, "the workbook holds the same table as the CSV");

    chungnhan(&dir, &["register", "export", "--out", "so.pdf"]).assert_code(0);
    if have("pdftotext") {
        let text = pdftotext(&dir.join("so.pdf"));
        assert!(text.contains("SỔ GỐC CẤP GIẤY CHỨNG NHẬN"));
        assert!(text.contains("Người nhận ký"));
        for row in &csv[1..] {
            for v in &row[1..5] {
                assert!(text.contains(v.as_str()), "{v} missing from the printed register");
            }
        }
        assert!(text.contains("Trang 3/3"), "45 entries on three pages");
    }
    if have("qpdf") {
        qpdf_check(&dir.join("so.pdf")).unwrap();
    }
    // By given name in Vietnamese collation: Ẩn (A with breve and hook) sorts right after the As.
    chungnhan(&dir, &["register", "export", "--out", "ten.csv", "--sort", "ten"]).assert_code(0);
    let by_name = table(&dir.join("ten.csv"));
    assert_eq!(by_name.len(), 46);
    assert!(by_name[1][1].ends_with(" Ẩn"), "{:?}", by_name[1]);
    chungnhan(&dir, &["--lang", "en", "register", "export", "--out", "so.txt"])
        .assert_code(2)
        .assert_stderr_has(".csv, .xlsx or .pdf");
}

/// One clean run and one killed at random moments, then finished, give the same register and
/// the same files, with no number lost or given twice and no stray file.
#[test]
fn register_a_run_killed_at_random_moments_then_rerun_equals_one_clean_run() {
    const N: usize = 1500;
    let clean = temp_dir("kill-clean");
    let killed = temp_dir("kill-killed");
    keygen(&clean);
    // Same keys for both, so that the same records give the same signed certificates.
    std::fs::create_dir_all(killed.join("keys")).unwrap();
    for f in files_in(&clean.join("keys")) {
        std::fs::copy(clean.join("keys").join(&f), killed.join("keys").join(&f)).unwrap();
    }
    for d in [&clean, &killed] {
        write_roster(&d.join("lop.csv"), N);
    }
    issue(&clean, "lop.csv", &["--quiet", "--jobs", "2"]).assert_code(0);

    // Kill at moments spread over the run, each chosen by the run's progress, never by the clock,
    // so that a loaded machine still kills every run mid-way: the first as soon as the register
    // file appears (before any certificate is written), the others when a pseudo-random
    // share of the remaining files is written. Each run takes up where the last one was killed.
    let mut seed: u64 = 0x2019_1120;
    for k in 0..6 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let frac = (seed >> 33) as f64 / (1u64 << 31) as f64;
        let written = files_in(&killed.join("out")).len();
        let target = written + ((N - written) as f64 * (0.1 + 0.4 * frac)) as usize;
        let mut child = Command::new(env!("CARGO_BIN_EXE_chungnhan"))
            .args([
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
                "--jobs",
                "2",
            ])
            .current_dir(&killed)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        loop {
            if let Some(status) = child.try_wait().unwrap() {
                panic!("run {k} ended ({status}) before the moment chosen to kill it");
            }
            let due = if k == 0 {
                killed.join("chungnhan.sqlite").exists()
            } else {
                files_in(&killed.join("out")).len() >= target
            };
            if due {
                child.kill().unwrap(); // SIGKILL
                break;
            }
            std::thread::sleep(Duration::from_millis(1)); // polling, not waiting for the clock
        }
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "run {k} was killed mid-way, not finished ({status})");
    }
    issue(&killed, "lop.csv", &["--quiet", "--jobs", "2"]).assert_code(0);

    let a = export_csv(&clean, "so.csv");
    let b = export_csv(&killed, "so.csv");
    assert_eq!(a.len(), N + 1);
    assert!(a == b, "the register after kills and a rerun equals one clean run");
    let serials: std::collections::HashSet<&String> = b[1..].iter().map(|r| &r[3]).collect();
    let entries: std::collections::HashSet<&String> = b[1..].iter().map(|r| &r[4]).collect();
    assert_eq!((serials.len(), entries.len()), (N, N), "unique numbers");
    for i in 1..=N {
        assert!(entries.contains(&format!("{i}/2019")), "no gap: {i}/2019");
    }
    let (ca, cb) = (snapshot(&clean.join("out")), snapshot(&killed.join("out")));
    assert_eq!(
        cb.len(),
        N,
        "one file per certificate, no stray file: {:?}",
        cb.iter().map(|f| &f.0).filter(|n| !n.ends_with(".pdf")).collect::<Vec<_>>()
    );
    assert!(ca == cb, "the same files, byte for byte");
    for f in files_in(&killed) {
        assert!(!f.ends_with("-wal") && !f.ends_with("-shm") && !f.contains("chungnhan-tmp"), "stray {f}");
    }
}

#[test]
fn register_two_runs_at_once_never_give_a_number_twice() {
    let dir = temp_dir("concurrent");
    keygen(&dir);
    write_roster(&dir.join("a.csv"), 150);
    write_people(&dir.join("b.csv"), 151..=300);
    let spawn = |roster: &str, out: &str| {
        Command::new(env!("CARGO_BIN_EXE_chungnhan"))
            .args([
                "issue",
                "--vars",
                issuer_vars(),
                "--roster",
                roster,
                "--keys",
                "keys",
                "--out",
                out,
                "--set",
                "ngay_cap=2019-11-20",
                "--quiet",
            ])
            .current_dir(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (x, y) = (spawn("a.csv", "out-a"), spawn("b.csv", "out-b"));
    let (x, y) = (x.wait_with_output().unwrap(), y.wait_with_output().unwrap());
    assert!(
        x.status.success() && y.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&x.stderr),
        String::from_utf8_lossy(&y.stderr)
    );
    let rows = export_csv(&dir, "so.csv");
    assert_eq!(rows.len(), 301);
    let serials: std::collections::HashSet<&String> = rows[1..].iter().map(|r| &r[3]).collect();
    let entries: std::collections::HashSet<&String> = rows[1..].iter().map(|r| &r[4]).collect();
    assert_eq!((serials.len(), entries.len()), (300, 300));
    for i in 1..=300 {
        assert!(serials.contains(&format!("CN19-{i:04}")), "no gap at {i}");
    }
}

#[test]
fn register_a_new_signing_key_makes_every_record_a_change_that_needs_reissue() {
    let dir = temp_dir("rotation");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 2);
    let r = roster.to_str().unwrap();
    issue(&dir, r, &[]).assert_code(0);
    // Another signing key (keygen never replaces keys: a second folder stands in for a rotation).
    chungnhan(
        &dir,
        &[
            "keygen",
            "--out",
            "keys2",
            "--issuer",
            "Trung tâm Bồi dưỡng chính trị",
            "--host",
            "xacthuc.example.vn",
        ],
    )
    .assert_code(0);
    let issue2 = |extra: &[&str]| {
        let mut args = vec![
            "issue",
            "--vars",
            issuer_vars(),
            "--roster",
            r,
            "--keys",
            "keys2",
            "--out",
            "out",
            "--set",
            "ngay_cap=2019-11-20",
        ];
        args.extend_from_slice(extra);
        chungnhan(&dir, &args)
    };
    issue2(&["--lang", "en"])
        .assert_code(2)
        .assert_stderr_has("differs from certificate CN19-0001 issued on 20/11/2019: signed with key ")
        .assert_stderr_has("hint: rerun with --reissue");
    issue2(&["--lang", "en", "--reissue"])
        .assert_code(0)
        .assert_stdout_has("2 new certificate(s) (2 reissued)");
    chungnhan(&dir, &["verify", "out/1-tran-van-an-CN19-0003.pdf", "--trust", "keys2"]).assert_code(0);
}

#[test]
fn register_two_courses_whose_rosters_share_a_file_name_need_their_own_batch_names() {
    let dir = temp_dir("same-name");
    keygen(&dir);
    for course in ["khoa-1", "khoa-2"] {
        std::fs::create_dir_all(dir.join(course)).unwrap();
    }
    write_roster(&dir.join("khoa-1/hocvien.csv"), 2);
    std::fs::write(dir.join("khoa-2/hocvien.csv"), "stt,ho_ten,ngay_sinh\n1,Lương Thị Ẩn,02/01/1961\n")
        .unwrap();
    issue_to(&dir, "khoa-1/hocvien.csv", "out-1", &[]).assert_code(0);
    // Same file name, another file: it could be taken for the first course's records.
    let run = issue_to(&dir, "khoa-2/hocvien.csv", "out-2", &["--lang", "en"]);
    run.assert_code(2)
        .assert_stderr_has("batch \"hocvien.csv\" in the register was issued from ")
        .assert_stderr_has("hint: name the batch: --batch \"hocvien.csv\" to go on with that batch");
    assert!(!dir.join("out-2").exists());
    issue_to(&dir, "khoa-2/hocvien.csv", "out-2", &["--lang", "en", "--batch", "khoa-2"])
        .assert_code(0)
        .assert_stdout_has("1 new certificate(s), 0 already registered");
    // The first course from another folder's point of view is still the same file.
    chungnhan(
        &dir.join("khoa-1"),
        &[
            "--lang",
            "en",
            "issue",
            "--vars",
            issuer_vars(),
            "--roster",
            "hocvien.csv",
            "--keys",
            "../keys",
            "--out",
            "../out-1",
            "--register",
            "../chungnhan.sqlite",
            "--set",
            "ngay_cap=2019-11-20",
        ],
    )
    .assert_code(0)
    .assert_stdout_has("0 new certificate(s), 2 already registered");
}

#[test]
fn register_a_reissue_without_the_root_key_is_issued_and_listed_once_the_key_is_back() {
    let dir = temp_dir("offline-root");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 2);
    let r = roster.to_str().unwrap();
    issue(&dir, r, &[]).assert_code(0);
    std::fs::rename(dir.join("keys/root-key.pem"), dir.join("root-key.pem")).unwrap();
    let text = std::fs::read_to_string(&roster).unwrap().replace("Trần Văn Ẩn", "Trần Văn Ấn");
    std::fs::write(&roster, text).unwrap();
    issue(&dir, r, &["--lang", "en", "--reissue"])
        .assert_code(0)
        .assert_stdout_has("1 new certificate(s) (1 reissued)")
        .assert_stderr_has("warning: the replaced certificates are not in the revocation list yet")
        .assert_stderr_has("hint: run the same issue (or revoke) with --keys pointing at the folder where root-key.pem is kept");
    std::fs::rename(dir.join("root-key.pem"), dir.join("keys/root-key.pem")).unwrap();
    issue(&dir, r, &["--lang", "en"])
        .assert_code(0)
        .assert_stdout_has("0 new certificate(s), 2 already registered")
        .assert_stderr_has("Wrote the revocation list keys/revoked.json (1 entry)");
    // Listed now, and not written again on the next run.
    let again = issue(&dir, r, &[]);
    again.assert_code(0);
    assert!(!again.stderr.contains("revocation list"), "{}", again.stderr);
}

/// The sổ gốc survives: an online backup taken while another process issues is one consistent,
/// integrity-checked register, self-contained and readable; an existing file is never
/// overwritten (regression: #11).
#[test]
fn register_backup_during_an_issue_run_is_a_whole_register() {
    const N: usize = 600;
    let dir = temp_dir("backup");
    keygen(&dir);
    write_roster(&dir.join("lop.csv"), N);
    let mut child = Command::new(env!("CARGO_BIN_EXE_chungnhan"))
        .args(["issue", "--vars", issuer_vars(), "--roster", "lop.csv", "--keys", "keys", "--out", "out"])
        .args(["--set", "ngay_cap=2019-11-20", "--quiet", "--jobs", "1"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Mid-run by progress: the numbers are committed before the first file is written.
    while files_in(&dir.join("out")).len() < 20 {
        assert!(child.try_wait().unwrap().is_none(), "the run ended before it was half-way");
        std::thread::sleep(Duration::from_millis(1)); // polling
    }
    chungnhan(&dir, &["register", "backup", "--out", "mid-run.sqlite"])
        .assert_code(0)
        .assert_stdout_has(&format!(
            "Đã sao lưu sổ gốc chungnhan.sqlite sang mid-run.sqlite: {N} giấy chứng nhận"
        ))
        .assert_stdout_has("kiểm tra toàn vẹn: đạt");
    assert!(child.wait().unwrap().success());
    // The copy is one file (no -wal beside it) that the tool reads like the register itself.
    assert!(!dir.join("mid-run.sqlite-wal").exists());
    chungnhan(&dir, &["register", "export", "--register", "mid-run.sqlite", "--out", "mid.csv"])
        .assert_code(0);
    let copy = table(&dir.join("mid.csv"));
    let live = export_csv(&dir, "live.csv");
    assert_eq!(copy.len(), N + 1);
    let numbers = |t: &[Vec<String>]| t.iter().map(|r| (r[3].clone(), r[4].clone())).collect::<Vec<_>>();
    assert_eq!(numbers(&copy), numbers(&live), "the same certificates under the same numbers");
    // Never over an existing file.
    let before = std::fs::read(dir.join("mid-run.sqlite")).unwrap();
    chungnhan(&dir, &["--lang", "en", "register", "backup", "--out", "mid-run.sqlite"])
        .assert_code(2)
        .assert_stderr_has("mid-run.sqlite exists; a backup never overwrites a file");
    assert_eq!(std::fs::read(dir.join("mid-run.sqlite")).unwrap(), before);
}

/// An audit finds what was changed behind the register's back: a name edited in the SQLite file
/// no longer matches its signed code, a replaced PDF no longer matches its recorded hash; each
/// problem names the serial (regression: #11).
#[test]
fn register_audit_finds_an_edited_name_and_a_replaced_pdf() {
    let dir = temp_dir("audit");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 3);
    issue(&dir, roster.to_str().unwrap(), &[]).assert_code(0);
    chungnhan(&dir, &["register", "audit", "--keys", "keys"])
        .assert_code(0)
        .assert_stdout_has("3 giấy chứng nhận, 3 tệp PDF; không có sai lệch nào.");

    let db = rusqlite::Connection::open(dir.join("chungnhan.sqlite")).unwrap();
    db.execute("UPDATE certificates SET ho_ten = 'Lê Văn Ẩm' WHERE so_hieu = 'CN19-0002'", []).unwrap();
    drop(db);
    let pdfs = files_in(&dir.join("out"));
    std::fs::copy(dir.join("out").join(&pdfs[0]), dir.join("out").join(&pdfs[2])).unwrap();
    let run = chungnhan(&dir, &["--lang", "en", "register", "audit", "--keys", "keys"]);
    run.assert_code(1)
        .assert_stdout_has(
            "error: CN19-0002: Name is \"Lê Văn Ẩm\" in the register but \"Lê Văn Ẩn\" in its signed code",
        )
        .assert_stdout_has("is not the file that was issued (SHA-256 differs)")
        // The copy holds the first certificate's code (issue 28, finding 6).
        .assert_stdout_has(
            "error: CN19-0003: its file out/3-pham-van-an.pdf holds the code of CN19-0001, not its own",
        )
        .assert_stdout_has("3 certificates, 3 PDF files; 3 problems.");
    chungnhan(&dir, &["register", "audit", "--keys", "keys"])
        .assert_code(1)
        .assert_stdout_has(
            "lỗi: CN19-0002: Họ và tên trong sổ gốc là \"Lê Văn Ẩm\" nhưng trong mã đã ký là \"Lê Văn Ẩn\"",
        )
        .assert_stdout_has("không còn là tệp đã cấp (SHA-256 khác)");
}

/// Rows removed from or slipped into the register afterwards are found against the batch's
/// issuance ledger, which the root key signed when the batch was issued.
#[test]
fn register_audit_finds_a_deleted_row_and_a_row_added_behind_the_ledger() {
    let dir = temp_dir("audit-ledger");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 3);
    issue(&dir, roster.to_str().unwrap(), &[]).assert_code(0);
    // Someone with the file: drops the protecting trigger, deletes a certificate, and slips in
    // a copy of another under a new rid (as if issued in this batch).
    let db = rusqlite::Connection::open(dir.join("chungnhan.sqlite")).unwrap();
    db.execute_batch(
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER certificates_no_delete;
         DELETE FROM certificates WHERE so_hieu = 'CN19-0003';
         INSERT INTO certificates (batch_id, identity, record_no, so_hieu, so_vao_so, ho_ten, ngay_sinh, issue_date,
                                   record_json, claims_cbor, qr_text, rid, created_on)
         SELECT batch_id, identity || 'x', 9, 'CN19-0009', NULL, ho_ten, ngay_sinh, issue_date, record_json,
                claims_cbor, qr_text, 'AAAAAAAAAAAAAAAAAAAAAA', created_on FROM certificates WHERE so_hieu = 'CN19-0001';",
    )
    .unwrap();
    drop(db);
    let run = chungnhan(&dir, &["--lang", "en", "register", "audit", "--keys", "keys"]);
    run.assert_code(1)
        // The copy carries CN19-0001's whole code, which its ledger lists: it is caught by its
        // numbers, which are not those signed.
        .assert_stdout_has("error: CN19-0009: Serial is \"CN19-0009\" in the register but \"CN19-0001\" in its signed code")
        .assert_stdout_has("error: CN19-0003: batch \"lop.csv\": the history records its issue (số hiệu CN19-0003, số vào sổ 3/2019) but the register no longer has its row");
}

/// A trial register kept beside the real one, with the same keys folder and a roster of the same
/// file name, shares its batch's issuance ledger: the real register's audit says so once, as a
/// note, and finds nothing wrong (regression: #27, 201 false "removed" lines with a "?" serial).
#[test]
fn register_audit_with_a_trial_register_sharing_the_keys_folder_is_clean() {
    let dir = temp_dir("audit-trial-register");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 5);
    issue_to(&dir, roster.to_str().unwrap(), "thu", &["--register", "thu.sqlite"]).assert_code(0);
    write_roster(&roster, 3);
    issue(&dir, roster.to_str().unwrap(), &[]).assert_code(0);
    let run = chungnhan(&dir, &["register", "audit", "--keys", "keys"]);
    run.assert_code(0)
        .assert_stdout_has("ghi chú: bảng kê mã đã cấp của đợt \"lop.csv\"")
        .assert_stdout_has("còn ghi 2 giấy chứng nhận không có trong sổ gốc này")
        .assert_stdout_has("không có sai lệch nào.");
    assert!(!run.stdout.contains('?'), "{}", run.stdout);
}

/// Removing a certificate together with its history rows leaves a gap in the append-only
/// history, which the audit names, instead of taking the ledger's extra id for another register's.
#[test]
fn register_audit_finds_history_rows_removed_with_a_certificate() {
    let dir = temp_dir("audit-history-gap");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 3);
    issue(&dir, roster.to_str().unwrap(), &[]).assert_code(0);
    let db = rusqlite::Connection::open(dir.join("chungnhan.sqlite")).unwrap();
    db.execute_batch(
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER certificates_no_delete;
         DROP TRIGGER history_no_delete;
         DELETE FROM history WHERE certificate_id = (SELECT id FROM certificates WHERE so_hieu = 'CN19-0002');
         DELETE FROM certificates WHERE so_hieu = 'CN19-0002';",
    )
    .unwrap();
    drop(db);
    chungnhan(&dir, &["--lang", "en", "register", "audit", "--keys", "keys"])
        .assert_code(1)
        .assert_stdout_has("of the register's history were deleted")
        .assert_stdout_has("the signed issuance ledger lists 1 more certificates");
}

/// A clerk finds a person without typing diacritics, opens the entry, and revokes it with a
/// reason typed in Vietnamese (without diacritics too); the entry then shows the reason in words.
#[test]
fn register_find_show_and_a_reason_typed_in_vietnamese() {
    let dir = temp_dir("find-show");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 12);
    issue(&dir, roster.to_str().unwrap(), &[]).assert_code(0);
    let run = chungnhan(&dir, &["register", "find", "pham van"]);
    run.assert_code(0).assert_stdout_has("CN19-0003  3/2019  Phạm Văn Ẩn  04/04/1963  đợt lop.csv  Đã cấp");
    assert!(run.stdout.contains("Có 1 mục khớp với \"pham van\"."), "{}", run.stdout);
    chungnhan(&dir, &["register", "find", "cn19 0011"])
        .assert_code(0)
        .assert_stdout_has("CN19-0011  11/2019");
    chungnhan(&dir, &["register", "find", "Trịnh Công Sơn"])
        .assert_code(1)
        .assert_stdout_has("Không có mục nào khớp với \"Trịnh Công Sơn\".");

    chungnhan(&dir, &["revoke", "CN19-0003", "--keys", "keys", "--reason", "cap sai"])
        .assert_code(0)
        .assert_stdout_has("lý do: cấp sai");
    chungnhan(&dir, &["revoke", "CN19-0004", "--keys", "keys", "--reason", "nhầm"])
        .assert_code(2)
        .assert_stderr_has("\"cấp sai\", \"gian lận\" hoặc \"thay thế\"");
    let run = chungnhan(&dir, &["register", "show", "cn19-0003"]);
    run.assert_code(0)
        .assert_stdout_has("Họ và tên:      Phạm Văn Ẩn")
        .assert_stdout_has("Tình trạng:     Đã thu hồi ngày ")
        .assert_stdout_has("thu hồi  cấp sai");
    assert!(!run.stdout.contains("issued_in_error"), "{}", run.stdout);
    chungnhan(&dir, &["register", "show", "CN19-0093"]).assert_code(2).assert_stderr_has("CN19-0003");
}

/// Issue 28: a thief holding the signing key rewrites a row into a code of another name made
/// with the row's own nonce (recovered from its code): same revocation id, columns that match
/// its claims, a signature that checks. The ledger lists whole codes, so audit finds the row in
/// none and the ledgered code missing — before the key is reported compromised and after.
#[test]
fn register_audit_finds_a_row_rewritten_into_a_nonce_reuse_forgery() {
    let dir = temp_dir("audit-nonce-reuse");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 3);
    issue(&dir, roster.to_str().unwrap(), &[]).assert_code(0);
    chungnhan(&dir, &["register", "audit", "--keys", "keys"]).assert_code(0);
    let db = rusqlite::Connection::open(dir.join("chungnhan.sqlite")).unwrap();
    let (qr, rid): (String, String) = db
        .query_row("SELECT qr_text, rid FROM certificates WHERE so_hieu = 'CN19-0002'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let genuine = chungnhan::seal::token::Token::parse(&qr).unwrap();
    let mut claims = chungnhan::seal::claims::Claims::decode(&genuine.claims).unwrap();
    claims.name = "Kẻ Mạo Danh".into();
    let cbor = claims.encode(chungnhan::seal::claims::TextForm::Utf8).unwrap();
    let forged = nonce_reuse_forgery(&dir.join("keys/signing-key.pem"), &qr, cbor.clone());
    db.execute(
        "UPDATE certificates SET ho_ten = ?1, claims_cbor = ?2, qr_text = ?3 WHERE so_hieu = 'CN19-0002'",
        rusqlite::params!["Kẻ Mạo Danh", cbor, forged],
    )
    .unwrap();
    let rid_now: String =
        db.query_row("SELECT rid FROM certificates WHERE so_hieu = 'CN19-0002'", [], |r| r.get(0)).unwrap();
    assert_eq!(rid_now, rid, "the row keeps its revocation id");
    drop(db);
    let audit = || chungnhan(&dir, &["--lang", "en", "register", "audit", "--keys", "keys"]);
    audit()
        .assert_code(1)
        .assert_stdout_has(
            "error: CN19-0002: batch \"lop.csv\": in no issuance ledger signed by the root key",
        )
        .assert_stdout_has(
            "the signed issuance ledger lists 1 more certificates that the register does not have",
        )
        .assert_stdout_has("their entries were removed, or their codes replaced");
    let kid = chungnhan::seal::sign::hex(&genuine.kid);
    chungnhan(&dir, &["keys", "compromise", "--keys", "keys", "--kid", &kid, "--since", "2026-11-01"])
        .assert_code(0);
    let run = audit();
    run.assert_code(1).assert_stdout_has(
        "error: CN19-0002: batch \"lop.csv\": in no issuance ledger signed by the root key",
    );
    run.assert_stdout_has("error: CN19-0002: its code does not verify (CANNOT BE VERIFIED)");
    // The genuine rows stay in the ledger, and are not reported.
    assert!(!run.stdout.contains("CN19-0001") && !run.stdout.contains("CN19-0003"), "{}", run.stdout);
}

/// The sổ gốc carries Nơi sinh and the roster's Ghi chú, in the CSV and in the printed register
/// (regression: #14).
#[test]
fn register_export_has_noi_sinh_and_ghi_chu() {
    let dir = temp_dir("export-noi-sinh");
    keygen(&dir);
    std::fs::write(
        dir.join("lop.csv"),
        "stt,ho_ten,ngay_sinh,noi_sinh,ghi_chu\n1,Lương Thị Ẩn,05/02/1980,\"Quỳnh Lưu, Nghệ An\",Học bù ngày 12/11\n",
    )
    .unwrap();
    issue(&dir, dir.join("lop.csv").to_str().unwrap(), &[]).assert_code(0);
    let rows = export_csv(&dir, "so.csv");
    assert_eq!((rows[1][11].as_str(), rows[1][12].as_str()), ("Quỳnh Lưu, Nghệ An", "Học bù ngày 12/11"));
    chungnhan(&dir, &["register", "export", "--out", "so.pdf"]).assert_code(0);
    if have("pdftotext") {
        // Cells wrap onto more lines in the printed book: compare words, not line breaks.
        let text = pdftotext(&dir.join("so.pdf")).split_whitespace().collect::<Vec<_>>().join(" ");
        for s in ["Nơi sinh", "Ghi chú", "Quỳnh Lưu, Nghệ An", "Học bù ngày 12/11"] {
            assert!(text.contains(s), "{s}: {text}");
        }
    }
}

/// A batch larger than the blocks `issue` goes over its records in (4,096) is numbered and
/// printed like a small one, and alike whether its roster is read as a stream (UTF-8) or held
/// (UTF-16, decoded whole): every record once, in roster order, numbered without a gap.
#[test]
fn register_a_batch_of_many_blocks_is_numbered_in_order_whether_streamed_or_held() {
    const N: usize = 4500;
    let dir = temp_dir("many-blocks");
    keygen(&dir);
    write_roster(&dir.join("lop.csv"), N);
    let text = std::fs::read_to_string(dir.join("lop.csv")).unwrap();
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.join("lop16.txt"), utf16).unwrap();
    let names: Vec<&str> = text.lines().skip(1).map(|l| l.split(',').nth(1).unwrap()).collect();
    let mut pages = Vec::new();
    for (roster, register) in [("lop.csv", "stream.sqlite"), ("lop16.txt", "held.sqlite")] {
        let merged = format!("{register}.pdf");
        let args = [
            "issue",
            "--vars",
            issuer_vars(),
            "--roster",
            roster,
            "--keys",
            "keys",
            "--register",
            register,
            "--merged",
            &merged,
            "--merged-pages",
            "2000",
            "--set",
            "ngay_cap=2019-11-20",
            "-q",
        ];
        chungnhan(&dir, &args).assert_code(0);
        if !have("pdftotext") {
            return;
        }
        let text: String = (1..=3).map(|k| pdftotext(&dir.join(format!("{register}-{k:03}.pdf")))).collect();
        let these: Vec<String> =
            text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(str::to_string).collect();
        assert_eq!(these.len(), N, "{roster}");
        for (k, page) in these.iter().enumerate() {
            let serial = format!("Số hiệu: CN19-{:04}", k + 1);
            assert!(page.contains(&serial) && page.contains(names[k]), "{roster}, page {}: {page}", k + 1);
        }
        pages.push(these);
    }
    assert!(pages[0] == pages[1], "the same pages, streamed or held");
}

/// `print` gives each certificate its own page, code and file name, in the order `issue` printed
/// them: also for a batch issued `--sort ten`, and for one that two rosters added to, whose
/// record numbers repeat (regression: print matched certificates by record number — a page went
/// out under another person's file name and code — and printed in roster order).
#[test]
fn register_print_follows_the_issued_order_and_tells_apart_two_rosters_of_one_batch() {
    let dir = temp_dir("print-two-rosters");
    keygen(&dir);
    std::fs::write(
        dir.join("a.csv"),
        "stt,ho_ten,ngay_sinh\n1,Trần Văn Yên,01/02/1980\n2,Lê Thị Bảo,03/04/1981\n3,Phạm Minh Đức,05/06/1982\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.csv"),
        "stt,ho_ten,ngay_sinh\n1,Nguyễn Văn An,07/08/1983\n2,Võ Thị Hằng,09/10/1984\n",
    )
    .unwrap();
    issue(&dir, "a.csv", &["--batch", "K1", "--sort", "ten", "--merged", "a.pdf"]).assert_code(0);
    issue(&dir, "b.csv", &["--batch", "K1", "--merged", "b.pdf"]).assert_code(0);
    chungnhan(&dir, &["print", "--batch", "K1", "--out", "lai", "--merged", "lai/tat-ca.pdf", "-q"])
        .assert_code(0);
    let issued = files_in(&dir.join("out"));
    let again: Vec<String> = files_in(&dir.join("lai")).into_iter().filter(|f| f != "tat-ca.pdf").collect();
    assert_eq!(issued.len(), 5, "{issued:?}");
    assert_eq!(again, issued);
    for f in &issued {
        assert!(
            std::fs::read(dir.join("lai").join(f)).unwrap()
                == std::fs::read(dir.join("out").join(f)).unwrap(),
            "{f} is not the file issue wrote"
        );
    }
    if have("pdftotext") {
        let names = |pdf: &str| -> Vec<usize> {
            let text = pdftotext(&dir.join(pdf));
            ["Lê Thị Bảo", "Phạm Minh Đức", "Trần Văn Yên", "Nguyễn Văn An", "Võ Thị Hằng"]
                .iter()
                .map(|n| text.find(n).unwrap_or(usize::MAX))
                .collect()
        };
        let at = names("lai/tat-ca.pdf");
        assert!(at.windows(2).all(|w| w[0] < w[1]), "by given name, then the second roster: {at:?}");
        let (a, b, all) = (
            pdftotext(&dir.join("a.pdf")),
            pdftotext(&dir.join("b.pdf")),
            pdftotext(&dir.join("lai/tat-ca.pdf")),
        );
        assert_eq!(all, a + &b, "the print file is the two issued ones, page for page");
    }
}

/// A lost certificate, a second copy, or one batch printed by several machines: `print` writes
/// certificates again from the register alone — no roster, no private key — byte for byte as
/// `issue` wrote them; a revoked one is never printed again; `--shard K/N` splits a batch with
/// nothing printed twice (regression: #13).
#[test]
fn register_print_writes_certificates_again_from_the_register_alone() {
    let dir = temp_dir("print");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 12);
    issue(&dir, roster.to_str().unwrap(), &["--merged", "tat-ca.pdf"]).assert_code(0);
    chungnhan(&dir, &["revoke", "CN19-0003", "--keys", "keys", "--reason", "fraud"]).assert_code(0);
    let originals = snapshot(&dir.join("out"));
    // Nothing else is needed: the roster and the keys are gone.
    std::fs::remove_file(&roster).unwrap();
    std::fs::rename(dir.join("keys"), dir.join("usb")).unwrap();

    let lost = "out/05-huynh-van-an.pdf";
    std::fs::remove_file(dir.join(lost)).unwrap();
    chungnhan(&dir, &["print", "--out", "out", "--serial", "cn19 0005"])
        .assert_code(0)
        .assert_stdout_has("in lại 1 giấy chứng nhận, ghi 1 tệp");
    assert!(snapshot(&dir.join("out")) == originals, "the lost file is back, byte for byte");

    chungnhan(&dir, &["print", "--out", "lai", "--merged", "lai/tat-ca.pdf", "-q"]).assert_code(0);
    let again = files_in(&dir.join("lai"));
    assert_eq!(again.len(), 12, "11 certificates in force and the print file: {again:?}");
    assert!(!again.iter().any(|f| f.starts_with("03-")), "the revoked one is not printed again");
    for f in again.iter().filter(|f| *f != "tat-ca.pdf") {
        assert!(
            std::fs::read(dir.join("lai").join(f)).unwrap()
                == std::fs::read(dir.join("out").join(f)).unwrap(),
            "{f}"
        );
    }
    let mut shards = Vec::new();
    for k in 1..=3 {
        let out = format!("shard-{k}");
        let mut env: Vec<(&str, &str)> = Vec::new();
        let arg = if k == 3 {
            env.push(("JOB_COMPLETION_INDEX", "2"));
            "3".to_string()
        } else {
            format!("{k}/3")
        };
        chungnhan_env(&dir, &["print", "--out", &out, "--shard", &arg, "-q"], &env).assert_code(0);
        shards.extend(files_in(&dir.join(&out)));
    }
    shards.sort();
    let mut all: Vec<String> = again.into_iter().filter(|f| f != "tat-ca.pdf").collect();
    all.sort();
    assert_eq!(shards, all, "every certificate printed once across the three shards");
    chungnhan(&dir, &["print", "--out", "x", "--shard", "3"])
        .assert_code(2)
        .assert_stderr_has("JOB_COMPLETION_INDEX");
    chungnhan(&dir, &["print", "--out", "x", "--serial", "CN19-0003"])
        .assert_code(2)
        .assert_stderr_has("không có giấy chứng nhận đang hiệu lực nào số hiệu CN19-0003");
}

/// A person twice in one roster (records 7 and 12) is refused by `issue` as by `check`: exit 2,
/// nothing registered, nothing written. Told that they are two people, it issues both.
#[test]
fn register_a_person_twice_in_one_roster_is_issued_once_unless_allowed() {
    let dir = temp_dir("same-person-roster");
    keygen(&dir);
    let roster = fixture("rosters/same_person_under_two_stt.csv");
    issue(&dir, &roster, &["--lang", "en"])
        .assert_code(2)
        .assert_stderr_has("record 12 (line 13): Nguyễn Văn An, born on 02/03/1980, appears twice: the same name and date of birth as record 7 (line 8)");
    assert!(!dir.join("out").exists(), "nothing written");
    assert_eq!(export_csv(&dir, "so.csv").len(), 1, "nothing registered");
    issue(&dir, &roster, &["--lang", "en", "--allow-duplicates"])
        .assert_code(0)
        .assert_stdout_has("12 new certificate(s), 0 already registered");
    let rows = export_csv(&dir, "so.csv");
    assert_eq!(rows[1..].iter().filter(|r| r[1] == "Nguyễn Văn An").count(), 2);
}

/// A person the register holds a certificate for, from an earlier batch (Lê Văn Hoà, CN19-0002),
/// comes again in a later roster (spelled Lê Văn Hòa): refused naming that certificate, nothing
/// written; the earlier batch run again is still its own; with `--allow-duplicates` issued; the
/// "Trùng tên" mark does the same for one record.
#[test]
fn register_a_person_issued_in_an_earlier_batch_is_refused_naming_the_certificate() {
    let dir = temp_dir("same-person-register");
    keygen(&dir);
    let first = fixture("rosters/issued_before_khoa_1.csv");
    let later = fixture("rosters/issued_before_khoa_2_repeats_a_person.csv");
    issue_to(&dir, &first, "out-1", &[]).assert_code(0);
    issue_to(&dir, &later, "out-2", &["--lang", "en"])
        .assert_code(2)
        .assert_stderr_has(
            "issued_before_khoa_2_repeats_a_person.csv: record 2 (line 3): Lê Văn Hoà, born on 05/07/1969, \
             already holds certificate CN19-0002 (batch \"issued_before_khoa_1.csv\", record 2): the same name and date of birth",
        )
        .assert_stderr_has("hint: if it is that same person, take this record out of the roster")
        .assert_stderr_has("nothing was written");
    assert!(!dir.join("out-2").exists(), "nothing written");
    // The earlier batch's own records are its certificates, not repeats of them.
    issue_to(&dir, &first, "out-1", &["--lang", "en"])
        .assert_code(0)
        .assert_stdout_has("0 new certificate(s), 3 already registered");
    // Marked as another person in the roster itself.
    std::fs::write(
        dir.join("khoa-2.csv"),
        "stt,ho_ten,ngay_sinh,Trùng tên\n1,Đặng Văn Bình,02/02/1982,\n2,Lê Văn Hòa,05/07/1969,x\n",
    )
    .unwrap();
    issue_to(&dir, "khoa-2.csv", "out-2", &["--lang", "en"])
        .assert_code(0)
        .assert_stdout_has("2 new certificate(s), 0 already registered");
    // Or with --allow-duplicates for the whole roster.
    issue_to(&dir, &later, "out-3", &["--lang", "en", "--allow-duplicates"])
        .assert_code(0)
        .assert_stdout_has("2 new certificate(s), 0 already registered");
}

/// A certificate revoked (issued in error) no longer stands for its person: the corrected roster
/// of another batch issues them.
#[test]
fn register_a_revoked_certificate_does_not_hold_its_person() {
    let dir = temp_dir("same-person-revoked");
    keygen(&dir);
    issue_to(&dir, &fixture("rosters/issued_before_khoa_1.csv"), "out-1", &[]).assert_code(0);
    chungnhan(&dir, &["revoke", "CN19-0002", "--keys", "keys", "--reason", "issued_in_error"]).assert_code(0);
    issue_to(&dir, &fixture("rosters/issued_before_khoa_2_repeats_a_person.csv"), "out-2", &["--lang", "en"])
        .assert_code(0)
        .assert_stdout_has("2 new certificate(s), 0 already registered");
}

/// The printed sổ gốc is a book an office signs: the batch's programme in a heading, the
/// status of each entry in words, long cells wrapped (never set below 9 pt), the note on a
/// revoked entry in full, "Trang X/Y" on every page, and a closing block with the count in
/// figures and words, place and date, and the title and name of whoever signs.
#[test]
fn register_export_book_is_fit_to_sign() {
    let dir = temp_dir("export-book");
    keygen(&dir);
    let mut roster = String::from("stt,ho_ten,ngay_sinh,noi_sinh,ghi_chu\n");
    for i in 1..=30 {
        let note = if i == 7 {
            "\"Học bù ngày 12/11 vì đi công tác dài ngày ở huyện khác, có giấy xác nhận\""
        } else {
            ""
        };
        roster.push_str(&format!(
            "{i},Nguyễn Thị Ngọc Ẩn {i},{:02}/03/1980,\"Xã Quỳnh Lưu, huyện Quỳnh Lưu, tỉnh Nghệ An\",{note}\n",
            i % 28 + 1
        ));
    }
    std::fs::write(dir.join("lop.csv"), roster).unwrap();
    issue(&dir, dir.join("lop.csv").to_str().unwrap(), &[]).assert_code(0);
    chungnhan(
        &dir,
        &[
            "revoke",
            "CN19-0003",
            "--keys",
            "keys",
            "--reason",
            "issued_in_error",
            "--decision",
            "Quyết định số 7/QĐ-TTBD",
        ],
    )
    .assert_code(0);
    chungnhan(&dir, &["register", "export", "--out", "so.pdf", "--date", "25/11/2019"]).assert_code(0);
    if !have("pdftotext") {
        return;
    }
    let pdf = dir.join("so.pdf");
    let text = pdftotext(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    for s in [
        "SỔ GỐC CẤP GIẤY CHỨNG NHẬN",
        "Đợt cấp: lop.csv",
        "chương trình: bồi dưỡng cập nhật kiến thức",
        "Quyết định cấp:",
        "Tình trạng",
        "Đã cấp",
        "Đã thu hồi",
        "lý do: cấp sai; Quyết định số 7/QĐ-TTBD",
        "Xã Quỳnh Lưu, huyện Quỳnh Lưu, tỉnh Nghệ An",
        "Học bù ngày 12/11 vì đi công tác dài ngày ở huyện khác, có giấy xác nhận",
        "Trang 1/",
        "Tổng số giấy chứng nhận đã cấp: 30 (bằng chữ: ba mươi). Trong đó: 1 giấy đã thu hồi.",
        "Tân Bình, ngày 25 tháng 11 năm 2019",
        "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
        "(Ký, ghi rõ họ tên và đóng dấu)",
        "Trần Minh Đức",
    ] {
        assert!(text.contains(s), "{s:?} missing: {text}");
    }
    assert!(!text.contains("issued_in_error"), "{text}");
    // Every page numbered out of the same total, and the total is the page count.
    let pages = text.matches("Trang ").count();
    assert!(pages >= 2, "30 wrapped rows take more than one page");
    for p in 1..=pages {
        assert!(text.contains(&format!("Trang {p}/{pages}")), "page {p}: {text}");
    }
    // No word set below 9 pt: pdftotext's word boxes are the font's height at its size
    // (about 0.9 of the size for this font), so a 9 pt word is at least 8.1 pt high.
    let out = tool("pdftotext", &["-bbox", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let bbox = String::from_utf8(out.stdout).unwrap();
    let attr = |line: &str, name: &str| -> f32 {
        let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[start..].split('"').next().unwrap().parse().unwrap()
    };
    let words: Vec<(f32, &str)> = bbox
        .lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| (attr(l, "yMax") - attr(l, "yMin"), l))
        .collect();
    assert!(words.len() > 300, "{} words", words.len());
    for (h, l) in &words {
        assert!(*h >= 9.0 * 0.9, "a word {h:.2} pt high: {l}");
    }
}

/// The workbook is a table a clerk sorts and filters: STT a number (10 after 9, not after 1),
/// the days as Excel dates shown dd/mm/yyyy, the reason of a revocation in Vietnamese words,
/// and the batch's programme beside its name.
#[test]
fn register_export_xlsx_has_numbers_dates_and_vietnamese_reasons() {
    let dir = temp_dir("export-xlsx-typed");
    keygen(&dir);
    write_roster(&dir.join("lop.csv"), 12);
    issue(&dir, dir.join("lop.csv").to_str().unwrap(), &[]).assert_code(0);
    chungnhan(&dir, &["revoke", "CN19-0002", "--keys", "keys", "--reason", "issued_in_error"]).assert_code(0);
    chungnhan(&dir, &["register", "export", "--out", "so.xlsx"]).assert_code(0);
    use calamine::{Data, Reader};
    let mut wb = calamine::open_workbook_auto(dir.join("so.xlsx")).unwrap();
    let cells = wb.worksheet_range("So goc").unwrap();
    let head: Vec<String> = (0..cells.width()).map(|c| cells.get((0, c)).unwrap().to_string()).collect();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}: {head:?}"));
    for r in 1..=12 {
        assert_eq!(cells.get((r, col("STT"))), Some(&Data::Float(r as f64)), "row {r}");
        let issued = cells.get((r, col("Ngày cấp"))).unwrap();
        let Data::DateTime(d) = issued else { panic!("Ngày cấp of row {r} is {issued:?}, not a date") };
        assert_eq!(d.as_f64(), 43_789.0, "20/11/2019 is day 43,789 of Excel's calendar");
        assert!(matches!(cells.get((r, col("Ngày sinh"))), Some(Data::DateTime(_))), "row {r}");
        assert_eq!(cells.get((r, col("Chương trình"))).unwrap().to_string(), "bồi dưỡng cập nhật kiến thức");
        assert_eq!(cells.get((r, col("Đợt cấp"))).unwrap().to_string(), "lop.csv");
    }
    assert_eq!(cells.get((2, col("Tình trạng"))).unwrap().to_string(), "Đã thu hồi");
    assert_eq!(cells.get((2, col("Lý do, quyết định"))).unwrap().to_string(), "cấp sai");
    assert!(cells.used_cells().all(|(_, _, c)| !c.to_string().contains("issued_in_error")));
    // Shown as a day, not a serial number of days.
    let styles = String::from_utf8(zip_entry(&dir.join("so.xlsx"), "xl/styles.xml")).unwrap();
    assert!(styles.contains("dd/mm/yyyy"), "{styles}");
}

/// One file out of a zip archive (an .xlsx).
fn zip_entry(zip: &Path, name: &str) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut bytes = Vec::new();
    archive.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

/// Reruns touch no print file, whole or in parts (issue 27): `issue --merged` and
/// `--merged-pages` run again leave every file as it was (inode, time, bytes); a roster that
/// grew, run into the same print file, is refused — the print file named, nothing written,
/// nothing numbered — until --replace-merged; `print` into a split print file that would lose a
/// part is refused too.
#[test]
fn register_a_rerun_leaves_its_print_files_alone_and_never_writes_other_pages_over_one() {
    let dir = temp_dir("print-file-rerun");
    keygen(&dir);
    let three = &std::fs::read_to_string(roster_fixture("tray_of_twenty.csv")).unwrap();
    let lines: Vec<&str> = three.lines().collect();
    std::fs::write(dir.join("lop.csv"), lines[..4].join("\n") + "\n").unwrap();
    let whole = ["--merged", "in/tat-ca.pdf"];
    let parts = ["--merged", "in/phan.pdf", "--merged-pages", "2"];
    for extra in [&whole[..], &parts[..]] {
        issue(&dir, "lop.csv", extra).assert_code(0);
    }
    let files = || (stamps(&dir.join("in")), stamps(&dir.join("out")));
    let before = files();
    assert_eq!(
        before.0.keys().collect::<Vec<_>>(),
        ["phan-001.pdf", "phan-002.pdf", "tat-ca.pdf"],
        "{:?}",
        before.0.keys()
    );
    for extra in [&whole[..], &parts[..]] {
        issue(&dir, "lop.csv", extra).assert_code(0).assert_stdout_has("giữ nguyên như đã có");
    }
    assert!(files() == before, "reruns touch no file");

    // A fourth person: the print file would have four pages.
    std::fs::write(dir.join("lop.csv"), lines[..5].join("\n") + "\n").unwrap();
    let so_goc = export_csv(&dir, "truoc.csv");
    issue(&dir, "lop.csv", &whole)
        .assert_code(2)
        .assert_stderr_has("lỗi: tệp in in/tat-ca.pdf đã có, với nội dung khác")
        .assert_stderr_has("--replace-merged");
    assert!(files() == before, "nothing written");
    assert_eq!(export_csv(&dir, "sau.csv"), so_goc, "nothing numbered");
    let mut with_replace = whole.to_vec();
    with_replace.push("--replace-merged");
    issue(&dir, "lop.csv", &with_replace).assert_code(0).assert_stdout_has("1 giấy mới");
    if have("pdfinfo") {
        assert_eq!(pages(&dir.join("in/tat-ca.pdf")), 4);
    }
    // Printing one certificate into the split print file would leave its second part over.
    let parts_now = stamps(&dir.join("in"));
    chungnhan(
        &dir,
        &["print", "--serial", "CN19-0001", "--merged", "in/phan.pdf", "--merged-pages", "2", "-q"],
    )
    .assert_code(2)
    .assert_stderr_has("lỗi: tệp in in/phan-001.pdf đã có, với nội dung khác")
    .assert_stderr_has("(còn 1 tệp in khác cũng sẽ thay đổi)");
    assert!(stamps(&dir.join("in")) == parts_now, "nothing written");
}

/// A reissue never writes over the superseded certificate's file (issue 27): a name corrected
/// from Ẩn to Ấn gives the same file name, so the new certificate is written under that name
/// with its new serial added; the old file stays where it was, with its bytes, and
/// `register audit` finds nothing wrong. A rerun and `print` keep those names.
#[test]
fn register_a_reissue_keeps_the_superseded_file_and_writes_the_new_one_beside_it() {
    let dir = temp_dir("reissue-file");
    keygen(&dir);
    std::fs::copy(roster_fixture("reissue_a_corrected_name_before.csv"), dir.join("lop.csv")).unwrap();
    issue(&dir, "lop.csv", &[]).assert_code(0);
    let old = std::fs::read(dir.join("out/1-le-van-an.pdf")).unwrap();
    std::fs::copy(roster_fixture("reissue_a_corrected_name_after.csv"), dir.join("lop.csv")).unwrap();
    issue(&dir, "lop.csv", &["--reissue"]).assert_code(0).assert_stdout_has("1 giấy mới (1 cấp lại)");
    assert_eq!(
        files_in(&dir.join("out")),
        ["1-le-van-an-CN19-0004.pdf", "1-le-van-an.pdf", "2-nguyen-thi-hoa.pdf", "3-dang-thuy-duong.pdf"]
    );
    assert!(std::fs::read(dir.join("out/1-le-van-an.pdf")).unwrap() == old, "the old file is left alone");
    if have("pdftotext") {
        assert!(pdftotext(&dir.join("out/1-le-van-an.pdf")).contains("Lê Văn Ẩn"));
        let new = pdftotext(&dir.join("out/1-le-van-an-CN19-0004.pdf"));
        assert!(new.contains("Lê Văn Ấn") && new.contains("CN19-0004"), "{new}");
    }
    chungnhan(&dir, &["register", "audit", "--keys", "keys"])
        .assert_code(0)
        .assert_stdout_has("không có sai lệch nào");
    let files = stamps(&dir.join("out"));
    issue(&dir, "lop.csv", &[]).assert_code(0).assert_stdout_has("0 giấy mới");
    assert!(stamps(&dir.join("out")) == files, "a rerun touches no file");
    chungnhan(&dir, &["print", "--out", "lai", "-q"]).assert_code(0);
    assert_eq!(
        files_in(&dir.join("lai")),
        ["1-le-van-an-CN19-0004.pdf", "2-nguyen-thi-hoa.pdf", "3-dang-thuy-duong.pdf"]
    );
}

/// `print` prints what was signed or nothing: a holder's name and programme edited in a register
/// row's record (`record_json`, which nothing signs) are refused, naming the serial, the claim
/// and both values — exit 2, nothing written — while an untouched certificate still prints, and
/// `register audit` names the edited record (issue 28, finding 6).
#[test]
fn register_print_refuses_a_record_edited_behind_its_signed_code() {
    let dir = temp_dir("print-edited-record");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 3);
    issue(&dir, roster.to_str().unwrap(), &[]).assert_code(0);
    let db = rusqlite::Connection::open(dir.join("chungnhan.sqlite")).unwrap();
    db.execute(
        "UPDATE certificates SET record_json = json_set(record_json, '$.ho_ten', 'Trần Thị Giả', \
         '$.chuong_trinh', 'tiến sĩ danh dự') WHERE so_hieu = 'CN19-0002'",
        [],
    )
    .unwrap();
    drop(db);

    chungnhan(&dir, &["--lang", "en", "print", "--out", "lai"])
        .assert_code(2)
        .assert_stderr_has(
            "error: CN19-0002: Name is \"Trần Thị Giả\" in the register but \"Lê Văn Ẩn\" in its signed code \
             (and 1 more such difference): the register was edited, and nothing was printed",
        )
        .assert_stderr_has("hint: run `chungnhan register audit`");
    assert!(!dir.join("lai").exists(), "nothing written");
    chungnhan(&dir, &["print", "--out", "lai", "--serial", "CN19-0002"]).assert_code(2).assert_stderr_has(
        "lỗi: CN19-0002: Họ và tên trong sổ gốc là \"Trần Thị Giả\" nhưng trong mã đã ký là \"Lê Văn Ẩn\"",
    );
    assert!(!dir.join("lai").exists(), "nothing written");
    chungnhan(&dir, &["print", "--out", "lai", "--serial", "CN19-0001"]).assert_code(0);
    assert_eq!(files_in(&dir.join("lai")).len(), 1);

    chungnhan(&dir, &["--lang", "en", "register", "audit", "--keys", "keys"])
        .assert_code(1)
        .assert_stdout_has(
            "error: CN19-0002: the record printed from the register gives Name \"Trần Thị Giả\" but its signed code \"Lê Văn Ẩn\"",
        )
        .assert_stdout_has(
            "error: CN19-0002: the record printed from the register gives Programme \"tiến sĩ danh dự\" but its signed code \"bồi dưỡng cập nhật kiến thức\"",
        )
        .assert_stdout_has("3 certificates, 3 PDF files; 2 problems.");
}

/// `register audit` checks each status against the signed revocation list, both ways, and each
/// certificate's file: one with no file recorded in a batch whose others have theirs, a file
/// that is gone, and a file path pointed at another certificate's file (issue 28, finding 6).
#[test]
fn register_audit_finds_statuses_not_in_the_signed_list_and_files_gone_or_borrowed() {
    let dir = temp_dir("audit-status-files");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 6);
    issue(&dir, roster.to_str().unwrap(), &[]).assert_code(0);
    chungnhan(&dir, &["revoke", "CN19-0002", "--keys", "keys", "--reason", "fraud"]).assert_code(0);
    chungnhan(&dir, &["register", "audit", "--keys", "keys"])
        .assert_code(0)
        .assert_stdout_has("6 giấy chứng nhận, 6 tệp PDF; không có sai lệch nào.");

    let db = rusqlite::Connection::open(dir.join("chungnhan.sqlite")).unwrap();
    let path_of = |serial: &str| -> String {
        db.query_row("SELECT pdf_path FROM certificates WHERE so_hieu = ?1", [serial], |r| r.get(0)).unwrap()
    };
    let gone = path_of("CN19-0006");
    db.execute_batch(
        "UPDATE certificates SET status = 'revoked', reason = 'fraud' WHERE so_hieu = 'CN19-0001';
         UPDATE certificates SET status = 'issued', reason = NULL WHERE so_hieu = 'CN19-0002';
         UPDATE certificates SET pdf_path = NULL, pdf_sha256 = NULL WHERE so_hieu = 'CN19-0003';
         UPDATE certificates SET (pdf_path, pdf_sha256) =
             (SELECT pdf_path, pdf_sha256 FROM certificates WHERE so_hieu = 'CN19-0005')
             WHERE so_hieu = 'CN19-0004';",
    )
    .unwrap();
    drop(db);
    std::fs::remove_file(dir.join(&gone)).unwrap();
    let borrowed = files_in(&dir.join("out")).into_iter().find(|f| f.starts_with("5-")).unwrap();

    chungnhan(&dir, &["--lang", "en", "register", "audit", "--keys", "keys"])
        .assert_code(1)
        .assert_stdout_has(
            "error: CN19-0001: the register says it is revoked, but the signed revocation list does not list it",
        )
        .assert_stdout_has(
            "error: CN19-0002: its code is in the revocation list, but the register says it is issued",
        )
        .assert_stdout_has(
            "error: CN19-0003: it has no file recorded, though the other certificates of its batch have theirs",
        )
        .assert_stdout_has(&format!("error: CN19-0004: its file out/{borrowed} holds the code of CN19-0005, not its own"))
        .assert_stdout_has(&format!(
            "error: CN19-0005: its file out/{borrowed} is also CN19-0004's: one of them points at the other's file"
        ))
        .assert_stdout_has(&format!("error: CN19-0006: its file {gone} is not there"))
        .assert_stdout_has("6 certificates, 4 PDF files; 6 problems.");
    // `print` would write CN19-0004 over CN19-0005's file: refused, that file untouched.
    let before = std::fs::read(dir.join("out").join(&borrowed)).unwrap();
    chungnhan(&dir, &["--lang", "en", "print", "--out", "out", "--serial", "CN19-0004"])
        .assert_code(2)
        .assert_stderr_has(&format!(
            "error: CN19-0004: its file out/{borrowed} is also CN19-0005's in the register: printing it would write over the other certificate, and nothing was printed"
        ));
    assert!(std::fs::read(dir.join("out").join(&borrowed)).unwrap() == before, "untouched");
}

/// `--shard K/N` shares certificates out by their register entry, not their place in the list: three
/// shards run at different times, with a revoke and a reissue between the first and the
/// second, print every certificate in force when its shard ran exactly once — nothing twice,
/// nothing left out (issue 28, finding 7: one revoke printed a third of them twice and a third
/// never).
#[test]
fn register_print_shards_run_at_different_times_print_each_certificate_once() {
    use chungnhan::run::print::shard_of;
    let dir = temp_dir("print-shards-apart");
    keygen(&dir);
    let roster = dir.join("lop.csv");
    write_roster(&roster, 12);
    let r = roster.to_str().unwrap();
    issue(&dir, r, &[]).assert_code(0);
    let entry = |serial: &str| -> (i64, String) {
        let db = rusqlite::Connection::open(dir.join("chungnhan.sqlite")).unwrap();
        db.query_row("SELECT id, pdf_path FROM certificates WHERE so_hieu = ?1", [serial], |r| {
            Ok((r.get(0)?, r.get::<_, String>(1)?))
        })
        .unwrap()
    };
    let shard = |serial: &str| shard_of(entry(serial).0, 3);
    let file_of =
        |serial: &str| Path::new(&entry(serial).1).file_name().unwrap().to_str().unwrap().to_string();
    let serials: Vec<String> = (1..=12).map(|i| format!("CN19-{i:04}")).collect();
    let in_shard = |k: usize| serials.iter().filter(|s| shard(s) == k).cloned().collect::<Vec<_>>();
    assert!((1..=3).all(|k| in_shard(k).len() == 4), "four of twelve each");
    // The first certificate of shard 1 is revoked after shard 1 ran; the first of shard 2 is
    // reissued (its holder's name corrected) before shard 2 runs.
    let revoked = in_shard(1)[0].clone();
    let reissued = in_shard(2)[0].clone();

    chungnhan(&dir, &["print", "--out", "shard-1", "--shard", "1/3", "-q"]).assert_code(0);
    chungnhan(&dir, &["revoke", &revoked, "--keys", "keys", "--reason", "fraud"]).assert_code(0);
    let old_name = file_of(&reissued);
    let n: usize = reissued[5..].parse().unwrap();
    let roster_text = std::fs::read_to_string(&roster).unwrap();
    let line = roster_text.lines().find(|l| l.starts_with(&format!("{n},"))).unwrap();
    let mut fields: Vec<&str> = line.split(',').collect();
    let name = format!("{} Anh", fields[1]);
    fields[1] = &name;
    let corrected = fields.join(",");
    std::fs::write(&roster, roster_text.replace(line, &corrected)).unwrap();
    issue(&dir, r, &["--reissue"]).assert_code(0);
    let new_serial = "CN19-0013";
    for k in 2..=3 {
        chungnhan(&dir, &["print", "--out", &format!("shard-{k}"), "--shard", &format!("{k}/3"), "-q"])
            .assert_code(0);
    }

    let mut printed: Vec<String> = (1..=3).flat_map(|k| files_in(&dir.join(format!("shard-{k}")))).collect();
    printed.sort();
    let mut expected: Vec<String> = serials
        .iter()
        .filter(|s| **s != reissued && (**s != revoked || shard(s) == 1))
        .map(|s| file_of(s))
        .collect();
    if shard(new_serial) != 1 {
        expected.push(file_of(new_serial));
    }
    expected.sort();
    assert_eq!(printed, expected, "each certificate in force when its shard ran, printed once");
    assert!(!printed.contains(&old_name), "the replaced certificate, in shard 2, is never printed");
}

/// A record corrected after issue is refused in the clerk's words: the certificate's issue
/// date as dd/mm/yyyy and the field by its label ("Họ và tên"), never "2019-11-20: ho_ten"
/// (issue 27).
#[test]
fn register_a_corrected_record_is_named_by_label_and_date_as_a_clerk_writes_them() {
    let dir = temp_dir("changed-words");
    keygen(&dir);
    std::fs::copy(roster_fixture("reissue_a_corrected_name_before.csv"), dir.join("lop.csv")).unwrap();
    issue(&dir, "lop.csv", &[]).assert_code(0);
    std::fs::copy(roster_fixture("reissue_a_corrected_name_after.csv"), dir.join("lop.csv")).unwrap();
    let run = issue(&dir, "lop.csv", &[]);
    run.assert_code(2).assert_stderr_has(
        "khác với giấy chứng nhận CN19-0001 đã cấp ngày 20/11/2019: Họ và tên \"Lê Văn Ẩn\" → \"Lê Văn Ấn\"",
    );
    assert!(!run.stderr.contains("2019-11-20") && !run.stderr.contains("ho_ten"), "{}", run.stderr);
}
