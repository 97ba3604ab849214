//! Rosters as offices really have them (`tests/fixtures/rosters/`): every good variant gives
//! exactly the records of `roster_218.csv`; every malformed one is refused with the record, line,
//! column and value, and nothing is written.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;
use chungnhan::template::Template;
use chungnhan::{input::record, input::roster, viet};

/// The records as the template sees them, after decoding, mapping and normalising.
fn records_of(file: &str) -> Vec<BTreeMap<String, String>> {
    let r = roster::read(Path::new(&roster_fixture(file))).unwrap();
    assert!(r.problems.is_empty(), "{file}: {:?}", r.problems);
    let t = Template::load("giay-chung-nhan").unwrap();
    let map = record::map_columns(&r, &t).unwrap();
    let today = viet::Date::new(2019, 11, 20).unwrap();
    r.rows.iter().map(|row| record::normalize(row, &map, today).unwrap().values.into_map()).collect()
}

#[test]
fn every_good_encoding_and_layout_gives_the_reference_records() {
    let reference = records_of("roster_218.csv");
    assert_eq!(reference.len(), 218);
    for file in [
        "roster_218_nfd.csv",
        "roster_218_utf16.txt",
        "roster_218_cp1258.csv",
        "roster_split_name_columns.csv",
    ] {
        let got = records_of(file);
        assert_eq!(got.len(), 218, "{file}");
        for (i, (a, b)) in reference.iter().zip(&got).enumerate() {
            for key in ["ho_ten", "ngay_sinh", "gioi_tinh", "noi_sinh", "chuc_vu", "don_vi", "so_hieu"] {
                if file == "roster_split_name_columns.csv" && !b.contains_key(key) {
                    continue;
                }
                assert_eq!(a.get(key), b.get(key), "{file}: record {} {key}", i + 1);
            }
        }
    }
}

#[test]
fn check_says_how_each_variant_was_read() {
    let dir = temp_dir("notes");
    for (file, note) in [
        ("roster_218_utf16.txt", "read as UTF-16LE (Excel \"Unicode Text\")"),
        ("roster_218_utf16.txt", "fields separated by tabs"),
        ("roster_218_cp1258.csv", "read as Windows-1258 (Vietnamese ANSI)"),
    ] {
        let f = roster_fixture(file);
        chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f])
            .assert_code(0)
            .assert_stderr_has(&format!("note: {f}: {note}"))
            .assert_stdout_has("218 records, no problems");
    }
}

#[test]
fn render_cp1258_roster_prints_the_same_text_as_utf8() {
    if !have("pdftotext") {
        return;
    }
    let dir = temp_dir("cp1258");
    for (file, out) in
        [("roster_218.csv", "a"), ("roster_218_cp1258.csv", "b"), ("roster_218_utf16.txt", "c")]
    {
        chungnhan(
            &dir,
            &[
                "render",
                "--roster",
                &roster_fixture(file),
                "--out",
                out,
                "--set",
                "ngay_cap=2019-11-20",
                "--set",
                PROGRAMME,
            ],
        )
        .assert_code(0);
    }
    for name in
        ["044-quang-thi-am.pdf", "102-ksor-h-bo.pdf", "190-nguyen-thi-my-duyen.pdf", "210-luong-thi-an.pdf"]
    {
        let a = pdftotext(&dir.join("a").join(name));
        assert_eq!(a, pdftotext(&dir.join("b").join(name)), "{name}");
        assert_eq!(a, pdftotext(&dir.join("c").join(name)), "{name}");
    }
}

#[test]
fn semicolon_delimited_roster_is_sniffed() {
    let dir = temp_dir("semicolon");
    let f = roster_fixture("bad_semicolon_delimited.csv");
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f])
        .assert_code(0)
        .assert_stderr_has("fields separated by ';'")
        .assert_stdout_has("20 records, no problems");
}

#[test]
fn vietnamese_header_labels_are_matched() {
    let dir = temp_dir("labels");
    chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "check",
            "--vars",
            issuer_vars(),
            "--roster",
            &roster_fixture("bad_header_vietnamese_labels.csv"),
        ],
    )
    .assert_code(0)
    .assert_stdout_has("20 records, no problems");
}

#[test]
fn duplicate_serials_are_refused_naming_both_records() {
    let dir = temp_dir("dup");
    let f = roster_fixture("bad_duplicate_so_hieu.csv");
    let run =
        chungnhan(&dir, &["--lang", "en", "render", "--roster", &f, "--out", "out", "--set", PROGRAMME]);
    run.assert_code(2)
        .assert_stderr_has(&format!(
            "error: {f}: record 57 (line 58), column so_hieu: \"CNKT19-0012\" is already used by record 12 (line 13)"
        ))
        // The second has a trailing space in the file: trimmed, it is the same number.
        .assert_stderr_has(&format!(
            "error: {f}: record 45 (line 46), column so_hieu: \"CNKT19-0030\" is already used by record 30 (line 31)"
        ))
        .assert_stderr_has("hint: each certificate needs its own number");
    assert!(!dir.join("out").exists());
}

#[test]
fn look_alike_characters_are_refused_and_invisible_ones_removed_with_a_warning() {
    let dir = temp_dir("lookalike");
    let f = roster_fixture("bad_lookalike_chars.csv");
    let run = chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f]);
    run.assert_code(2)
        .assert_stderr_has(&format!(
            "error: {f}: record 1 (line 2), column ho_ten: character U+00D0 'Ð' looks like Đ but is the Icelandic capital eth (U+00D0)"
        ))
        .assert_stderr_has("hint: replace U+00D0 'Ð' with Đ (U+0110)")
        .assert_stderr_has(&format!("error: {f}: record 9 (line 10), column ho_ten: character U+0430 'а' looks like a but is a Cyrillic letter"))
        .assert_stderr_has(&format!("warning: {f}: record 5 (line 6), column ho_ten: removed the invisible character U+200B"))
        .assert_stderr_has(&format!("error: {f}: record 15 (line 16), column gioi_tinh: gender \"F\" is neither Nam nor Nữ"));
    // NBSP, doubled and surrounding spaces, NFD and the case of Nữ are silently normalised.
    for rec in [3, 7, 11, 13, 14] {
        assert!(
            !run.stderr.contains(&format!("record {rec} (line")),
            "record {rec} is fine:\n{}",
            run.stderr
        );
    }
    let r = roster::read(Path::new(&f)).unwrap();
    let t = Template::load("giay-chung-nhan").unwrap();
    let map = record::map_columns(&r, &t).unwrap();
    let today = viet::Date::new(2019, 11, 20).unwrap();
    for row in &r.rows[..14] {
        if let Ok(rec) = record::normalize(row, &map, today) {
            let name = &rec.values["ho_ten"];
            assert!(!name.contains("  ") && !name.contains('\u{a0}') && name.trim() == name, "{name:?}");
        }
    }
}

#[test]
fn embedded_line_breaks_keep_record_and_line_numbers() {
    let dir = temp_dir("newline");
    let f = roster_fixture("bad_embedded_newline.csv");
    let run = chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f]);
    run.assert_code(2)
        .assert_stderr_has(&format!(
            "error: {f}: record 7 (line 9), column ho_ten: line break inside the field"
        ))
        .assert_stdout_has("1 problem(s) in 1 of 20 records");
}

#[test]
fn legacy_encodings_are_converted_exactly() {
    // TCVN3 has no upper-case toned letters: the oracle is its own expected file.
    let tcvn = records_of("roster_218_tcvn3.csv");
    let oracle: Vec<BTreeMap<String, String>> = {
        let r = roster::read(Path::new(&roster_fixture("roster_218_tcvn3.expected-utf8.csv"))).unwrap();
        let t = Template::load("giay-chung-nhan").unwrap();
        let map = record::map_columns(&r, &t).unwrap();
        r.rows
            .iter()
            .map(|row| {
                record::normalize(row, &map, viet::Date::new(2019, 11, 20).unwrap())
                    .unwrap()
                    .values
                    .into_map()
            })
            .collect()
    };
    assert_eq!(tcvn, oracle);
    assert_eq!(records_of("roster_218_vni.csv"), records_of("roster_218.csv"), "VNI is lossless");
}

#[test]
fn mojibake_in_utf8_is_repaired_to_the_original_text_and_said() {
    let reference = records_of("roster_218.csv");
    let dir = temp_dir("mojibake");
    for (file, inner) in [
        ("bad_mojibake_double_utf8.csv", "UTF-8"),
        ("bad_mojibake_tcvn3_in_utf8.csv", "TCVN3 (ABC, .VnTime fonts)"),
        ("bad_mojibake_vni_in_utf8.csv", "VNI-Windows (VNI-Times fonts)"),
    ] {
        let f = roster_fixture(file);
        chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f])
            .assert_code(0)
            .assert_stderr_has(&format!(
                "note: {f}: repaired: the text was {inner} shown as Windows-1252 and saved again as UTF-8"
            ));
        let got = records_of(file);
        assert!(!got.is_empty());
        for rec in &got {
            let same = reference.iter().find(|r| r["stt"] == rec["stt"]).unwrap();
            for key in ["ho_ten", "noi_sinh", "chuc_vu", "don_vi"] {
                let want = if file.contains("tcvn3") { same[key].to_lowercase() } else { same[key].clone() };
                let got = if file.contains("tcvn3") { rec[key].to_lowercase() } else { rec[key].clone() };
                assert_eq!(got, want, "{file}: record {} {key}", rec["stt"]);
            }
        }
    }
}

#[test]
fn excel_lossy_export_is_refused_with_the_right_hint() {
    let dir = temp_dir("lossy");
    let f = roster_fixture("bad_excel_ansi_cp1252_lossy.csv");
    chungnhan(&dir, &["--lang", "en", "render", "--roster", &f, "--out", "out", "--set", PROGRAMME])
        .assert_code(2)
        .assert_stderr_has(&format!("error: {f}: line 2: \"Qu?nh\": the Vietnamese letters were replaced by '?' when the file was saved"))
        .assert_stderr_has("hint: this cannot be repaired: save the sheet again from Excel as \"CSV UTF-8 (Comma delimited)\"");
    assert!(!dir.join("out").exists());
}

#[test]
fn encoding_can_be_forced() {
    let dir = temp_dir("forced");
    let f = roster_fixture("roster_218_vni.csv");
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f, "--encoding", "vni"])
        .assert_code(0)
        .assert_stderr_has("read as VNI-Windows (VNI-Times fonts) (as --encoding asked)");
    chungnhan(
        &dir,
        &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f, "--encoding", "utf-8"],
    )
    .assert_code(2)
    .assert_stderr_has("the bytes are not valid UTF-8");
    chungnhan(
        &dir,
        &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f, "--encoding", "latin9"],
    )
    .assert_code(2)
    .assert_stderr_has("unknown encoding");
}

#[test]
fn sort_ten_orders_the_print_run_by_vietnamese_collation() {
    // The oracle: roster_218 sorted by tên, then full name, then stt (checked against ICU 72 vi).
    let expected: Vec<(String, String)> =
        std::fs::read_to_string(roster_fixture("expected_order_by_ten.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| {
                let (stt, name) = l.split_once('\t').unwrap();
                (stt.to_string(), name.to_string())
            })
            .collect();
    assert_eq!(expected.len(), 218);
    // In the library: the planned print run.
    let r = roster::read(Path::new(&roster_fixture("roster_218.csv"))).unwrap();
    let t = Template::load("giay-chung-nhan").unwrap();
    let mut cfg = chungnhan::batch::BatchConfig::new(
        t,
        BTreeMap::new(),
        BTreeMap::new(),
        viet::Date::new(2019, 11, 20).unwrap(),
    )
    .unwrap();
    cfg.sort = chungnhan::input::order::SortOrder::Ten;
    let plan = chungnhan::batch::check(&r, &cfg, &chungnhan::batch::NoProgress).unwrap();
    let got: Vec<(String, String)> = plan
        .records
        .iter()
        .map(|p| (p.record.values["stt"].clone(), p.record.values["ho_ten"].clone()))
        .collect();
    assert_eq!(got, expected);
    // Through the command line: the merged file's pages follow it.
    if have("pdftotext") {
        let dir = temp_dir("sorted");
        chungnhan(
            &dir,
            &[
                "render",
                "--roster",
                &roster_fixture("roster_218.csv"),
                "--merged",
                "tat-ca.pdf",
                "--sort",
                "ten",
                "--set",
                PROGRAMME,
            ],
        )
        .assert_code(0);
        let text = pdftotext(&dir.join("tat-ca.pdf"));
        for (page, (_, name)) in text.split('\u{c}').zip(&expected) {
            assert!(page.lines().any(|l| l.trim() == name), "expected {name} on this page:\n{page}");
        }
    }
}

#[test]
fn check_format_json_gives_the_same_problems_for_machines() {
    let dir = temp_dir("json");
    let f = roster_fixture("bad_dates.csv");
    let run = chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "check",
            "--vars",
            issuer_vars(),
            "--roster",
            &f,
            "--format",
            "json",
            "--set",
            "ngay_cap=2019-11-20",
        ],
    );
    run.assert_code(2);
    let j: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(j["records"], 20);
    assert_eq!(j["invalid"], 9);
    let first = &j["problems"][0];
    assert_eq!(first["record"], 1);
    assert_eq!(first["line"], 2);
    assert_eq!(first["column"], "ngay_sinh");
    assert_eq!(first["message"], "invalid date \"31/02/1980\": month 2 has no day 31");
    assert!(first["hint"].as_str().unwrap().starts_with("write dates as day/month/year"));
}

#[test]
fn invalid_utf8_is_reported_at_every_place_by_record_and_column() {
    let dir = temp_dir("invalid-utf8");
    let f = roster_fixture("bad_invalid_utf8.csv");
    let run =
        chungnhan(&dir, &["--lang", "en", "render", "--roster", &f, "--out", "out", "--set", PROGRAMME]);
    run.assert_code(2);
    for (rec, line, col) in [(3, 4, "ho_ten"), (6, 7, "don_vi"), (8, 9, "ngay_sinh"), (10, 11, "so_hieu")] {
        run.assert_stderr_has(&format!("error: {f}: record {rec} (line {line}), column {col}: byte "));
    }
    run.assert_stderr_has("4 problems in 4 records; nothing was written");
    assert!(
        !run.stderr.contains('\u{FFFD}'),
        "no replacement character is shown as if it were data:\n{}",
        run.stderr
    );
    assert!(!dir.join("out").exists());
}

#[test]
fn excel_workbook_with_title_rows_dates_and_text_numbers() {
    let path = fixture("rosters/excel_title_rows.xlsx");
    let t = Template::load("giay-chung-nhan").unwrap();
    let opts = roster::ReadOptions { header_keys: record::header_keys(&t), ..Default::default() };
    let r = roster::read_with(Path::new(&path), &opts).unwrap();
    // The library words its notes in the run's language: Vietnamese unless English was chosen.
    assert_eq!(r.notes, ["đã đọc trang \"Danh sách\", dòng tiêu đề ở hàng 4"]);
    let map = record::map_columns(&r, &t).unwrap();
    let recs: Vec<_> = r
        .rows
        .iter()
        .map(|row| record::normalize(row, &map, viet::Date::new(2019, 11, 20).unwrap()).unwrap())
        .collect();
    assert_eq!(recs.len(), 4);
    assert_eq!((recs[0].origin.record, recs[0].origin.line), (1, 5), "lines are sheet rows");
    assert_eq!(recs[0].values["ho_ten"], "Lương Thị Ẩn");
    assert_eq!(recs[0].values["ngay_sinh"], "05/02/1980", "a date cell, in day/month/year");
    assert_eq!(recs[0].values["so_hieu"], "000123", "a number stored as text keeps its zeros");
    assert_eq!(recs[2].values["ngay_sinh"], "1962", "a bare year");
    assert_eq!(recs[3].values["ho_ten"], "Ksor H’Bơ");
    assert_eq!(recs[3].values["ngay_sinh"], "07/04/1975", "a date typed as text");
    // Another sheet, and one that is not there.
    let dir = temp_dir("excel");
    chungnhan(
        &dir,
        &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &path, "--sheet", "Lớp 2"],
    )
    .assert_code(0)
    .assert_stdout_has("1 records, no problems");
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &path, "--sheet", "X"])
        .assert_code(2)
        .assert_stderr_has("no sheet \"X\"; the sheets are: Danh sách, Lớp 2");
    if have("pdftotext") {
        chungnhan(
            &dir,
            &[
                "render",
                "--roster",
                &path,
                "--out",
                "out",
                "--set",
                "ngay_cap=2019-11-20",
                "--set",
                PROGRAMME,
            ],
        )
        .assert_code(0);
        let text = pdftotext(&dir.join("out/2-cong-tang-ton-nu-thi-bich-ngoc.pdf"));
        assert!(text.contains("Sinh ngày: 02/01/1985") && text.contains("Số hiệu: 000124"), "{text}");
    }
}

/// A 2 KB workbook with a value at A1 and one at XFD1048576 once made the reader allocate the
/// whole grid between them (512 GB) and abort. Now the stray cell is named and nothing is
/// allocated for the empty width (regression: #12).
#[test]
fn excel_workbook_with_a_stray_far_cell_is_refused_naming_the_cell() {
    let dir = temp_dir("excel-stray");
    let path = dir.join("lop.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["stt", "ho_ten", "ngay_sinh"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "1").unwrap();
    ws.write_string(1, 1, "Lương Thị Ẩn").unwrap();
    ws.write_string(1, 2, "05/02/1980").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&path).unwrap();
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", path.to_str().unwrap()])
        .assert_code(2)
        .assert_stderr_has("the sheet's width is over the limit of 256 columns: a value in cell XFD1048576");
}

/// A few megabytes that unzip into gigabytes: refused from the sizes the zip declares, before
/// anything is inflated (regression: #12).
#[test]
fn excel_workbook_that_unzips_past_the_budget_is_refused() {
    use std::io::Write;
    let dir = temp_dir("excel-bomb");
    let path = dir.join("bomb.xlsx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..520 {
        z.write_all(&spaces).unwrap();
    }
    z.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 4 << 20, "small on disk");
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", path.to_str().unwrap()])
        .assert_code(2)
        .assert_stderr_has("the workbook unzipped is over the limit of 512 MiB: 520 MiB");
}

/// Writes a zip of `(name, bytes)` entries, deflated: the small workbooks below, built here from
/// a few lines of XML rather than kept as fixtures.
fn write_zip(path: &Path, entries: &[(&str, &[u8])]) {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        z.start_file(*name, opts).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

/// An OpenDocument spreadsheet whose one table has `rows` (table-row elements).
fn write_ods(path: &Path, rows: &str) {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Danh sách">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    write_zip(
        path,
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", content.as_bytes()),
        ],
    );
}

fn ods_text_cell(text: &str, repeat: usize) -> String {
    format!(
        r#"<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

/// An .ods as LibreOffice saves it, the rest of the sheet's million empty rows and thousand empty
/// columns written as repeats, is read; repeats of empty cells cost nothing.
#[test]
fn ods_workbook_with_trailing_empty_repeats_is_read() {
    let dir = temp_dir("ods-good");
    let path = dir.join("lop.ods");
    let row = |cells: &[&str]| {
        let cells: String = cells.iter().map(|c| ods_text_cell(c, 1)).collect();
        format!(
            r#"<table:table-row>{cells}<table:table-cell table:number-columns-repeated="1021"/></table:table-row>"#
        )
    };
    let rows = [
        row(&["stt", "ho_ten", "ngay_sinh"]),
        row(&["1", "Lương Thị Ẩn", "05/02/1980"]),
        row(&["2", "Ksor H’Bơ", "07/04/1975"]),
        r#"<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#.to_string(),
    ]
    .concat();
    write_ods(&path, &rows);
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", path.to_str().unwrap()])
        .assert_code(0)
        .assert_stdout_has("2 records, no problems");
}

/// 1 KB of .ods declaring 1 048 000 rows × 15 columns of text once expanded to 7.7 GB and
/// aborted: the repeats are counted before anything is expanded (issue 28).
#[test]
fn ods_workbook_repeating_rows_past_the_row_budget_is_refused() {
    let dir = temp_dir("ods-rows-bomb");
    let path = dir.join("bomb.ods");
    let rows = format!(
        r#"<table:table-row>{}</table:table-row><table:table-row table:number-rows-repeated="1048000">{}</table:table-row>"#,
        ["stt", "ho_ten", "ngay_sinh"].map(|c| ods_text_cell(c, 1)).concat(),
        ods_text_cell("x", 15)
    );
    write_ods(&path, &rows);
    assert!(std::fs::metadata(&path).unwrap().len() < 2048, "tiny on disk");
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", path.to_str().unwrap()])
        .assert_code(2)
        .assert_stderr_has("bomb.ods")
        .assert_stderr_has("the sheet is over the limit of 1000000 rows: 1048001 rows")
        .assert_stderr_has("no real roster is that large");
}

/// Fewer rows, but wider than any roster: the grid's cells are counted.
#[test]
fn ods_workbook_repeating_cells_past_the_cell_budget_is_refused() {
    let dir = temp_dir("ods-cells-bomb");
    let path = dir.join("bomb.ods");
    let rows = format!(
        r#"<table:table-row table:number-rows-repeated="900000">{}</table:table-row>"#,
        ods_text_cell("1", 200)
    );
    write_ods(&path, &rows);
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", path.to_str().unwrap()])
        .assert_code(2)
        .assert_stderr_has("the sheet is over the limit of 16000000 cells: 900000 rows × 200 columns");
}

/// Few cells, each a long text repeated: the text the repeats copy is counted too.
#[test]
fn ods_workbook_repeating_text_past_the_text_budget_is_refused() {
    let dir = temp_dir("ods-text-bomb");
    let path = dir.join("bomb.ods");
    let rows = format!(
        r#"<table:table-row table:number-rows-repeated="100000">{}</table:table-row>"#,
        ods_text_cell(&"Lương Thị Ẩn ".repeat(20), 10)
    );
    write_ods(&path, &rows);
    chungnhan(&dir, &["--lang", "vi", "check", "--vars", issuer_vars(), "--roster", path.to_str().unwrap()])
        .assert_code(2)
        .assert_stderr_has("trang tính vượt giới hạn 200 MiB chữ trong các ô: ít nhất 362 MiB");
}

/// An .xlsx of a few hundred kilobytes whose cells all show one 4 KB shared string: the cells'
/// text is counted as it is read, and reading stops at the budget (issue 28: 15 million such
/// cells took 8 GB).
#[test]
fn xlsx_cells_repeating_a_long_shared_string_are_refused_at_the_text_budget() {
    let dir = temp_dir("xlsx-shared-bomb");
    let path = dir.join("bomb.xlsx");
    let long = "Nguyễn Thị Minh Khai ".repeat(160); // about 4 KB
    let cells: String =
        (1..=60_000).map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#)).collect();
    write_xlsx(&path, &format!(r#"<sst count="1" uniqueCount="1"><si><t>{long}</t></si></sst>"#), &cells);
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", path.to_str().unwrap()])
        .assert_code(2)
        .assert_stderr_has("the sheet is over the limit of 200 MiB of cell text: at least 200 MiB");
}

/// Millions of tiny shared strings are all held when a workbook opens: their number is counted
/// first, whatever the file declares (issue 28: 26 million took 1.45 GB).
#[test]
fn xlsx_with_millions_of_shared_strings_is_refused_before_opening() {
    let dir = temp_dir("xlsx-strings-bomb");
    let path = dir.join("bomb.xlsx");
    let sst = format!(r#"<sst count="1" uniqueCount="1">{}</sst>"#, "<si><t>a</t></si>".repeat(4_000_001));
    write_xlsx(&path, &sst, "");
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", path.to_str().unwrap()])
        .assert_code(2)
        .assert_stderr_has(
            "the workbook's shared strings is over the limit of 4000000 strings: 4000001 strings",
        );
    // A declared count past the budget is refused as it is (calamine reserves room for it).
    write_xlsx(&path, r#"<sst uniqueCount="9000000000000"><si><t>a</t></si></sst>"#, "");
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", path.to_str().unwrap()])
        .assert_code(2)
        .assert_stderr_has("over the limit of 4000000 strings: 9000000000000 strings");
}

/// A minimal .xlsx: one sheet of `rows` (row elements) and the shared strings `sst`.
fn write_xlsx(path: &Path, sst: &str, rows: &str) {
    let ns = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#;
    let sst = sst.replacen("<sst", &format!("<sst {ns}"), 1);
    write_zip(
        path,
        &[
            ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#),
            ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", format!(r#"<?xml version="1.0"?><workbook {ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>"#).as_bytes()),
            ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
            ("xl/sharedStrings.xml", sst.as_bytes()),
            ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0"?><worksheet {ns}><sheetData>{rows}</sheetData></worksheet>"#).as_bytes()),
        ],
    );
}

/// UTF-16 that lost its byte order mark, little- and big-endian, is read by its zero bytes; and
/// `--encoding utf-16le|utf-16be` names it outright (regression: #14).
#[test]
fn utf16_without_a_bom_is_recognised_both_ways() {
    let dir = temp_dir("utf16-no-bom");
    let with_bom = std::fs::read(roster_fixture("roster_218_utf16.txt")).unwrap();
    let le = with_bom.strip_prefix(b"\xFF\xFE").expect("the fixture is UTF-16LE with a BOM").to_vec();
    let be: Vec<u8> = le.chunks(2).flat_map(|p| [p[1], p[0]]).collect();
    std::fs::write(dir.join("le.txt"), &le).unwrap();
    std::fs::write(dir.join("be.txt"), &be).unwrap();
    let expected: Vec<Vec<String>> = roster::read(Path::new(&roster_fixture("roster_218.csv")))
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.values)
        .collect();
    for (file, name) in [("le.txt", "UTF-16LE"), ("be.txt", "UTF-16BE")] {
        let r = roster::read(&dir.join(file)).unwrap();
        assert!(
            r.notes.iter().any(|n| n == &format!("đã đọc theo {name} (không có dấu thứ tự byte)")),
            "{:?}",
            r.notes
        );
        let got: Vec<Vec<String>> = r.rows.into_iter().map(|r| r.values).collect();
        assert_eq!(got, expected, "{file}");
    }
    chungnhan(
        &dir,
        &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", "be.txt", "--encoding", "utf-16be"],
    )
    .assert_code(0)
    .assert_stdout_has("218 records, no problems");
}

/// "Nu" typed without its diacritic is Nữ, with a note naming the lines; a record without a
/// gender is addressed by name alone, never "ông/bà" (regression: #14).
#[test]
fn roster_gender_nu_is_read_as_nu_with_a_note_and_no_gender_prints_no_ong_ba() {
    let dir = temp_dir("gender-nu");
    std::fs::write(
        dir.join("lop.csv"),
        "stt,ho_ten,gioi_tinh,ngay_sinh\n1,Lương Thị Ẩn,Nu,05/02/1980\n2,Đặng Văn Thuỷ,NAM,01/01/1970\n3,Trần Hoà,,09/09/1991\n",
    )
    .unwrap();
    chungnhan(
        &dir,
        &["render", "--roster", "lop.csv", "--vars", &example("tan-binh-2019.toml"), "--out", "out"],
    )
    .assert_code(0)
    .assert_stderr_has("cột gioi_tinh: 1 bản ghi có giới tính \"Nu\" không dấu, đã hiểu là \"Nữ\" (dòng 2)");
    if !have("pdftotext") {
        return;
    }
    let text = |f: &str| pdftotext(&dir.join("out").join(f));
    assert!(text("1-luong-thi-an.pdf").contains("Chứng nhận bà"));
    assert!(text("2-dang-van-thuy.pdf").contains("Chứng nhận ông"));
    let unknown = text("3-tran-hoa.pdf");
    assert!(unknown.contains("Chứng nhận") && !unknown.to_lowercase().contains("ông/bà"), "{unknown}");
}

/// A column whose header no alias knows is taken for a field with --map; a mistyped field or a
/// header the roster lacks is refused with what there is (regression: #14).
#[test]
fn roster_map_takes_any_column_for_a_field() {
    let dir = temp_dir("map");
    std::fs::write(
        dir.join("lop.csv"),
        "stt,ho_ten,ngay_sinh,Nguyên quán\n1,Lương Thị Ẩn,05/02/1980,\"Quỳnh Lưu, Nghệ An\"\n",
    )
    .unwrap();
    let base = ["render", "--roster", "lop.csv", "--vars", &example("tan-binh-2019.toml"), "--out", "out"];
    let with = |extra: &[&str]| {
        let mut a: Vec<&str> = base.to_vec();
        a.extend_from_slice(extra);
        chungnhan(&dir, &a)
    };
    with(&["--map", "nguyên quán=noi_sinh"]).assert_code(0);
    if have("pdftotext") {
        assert!(pdftotext(&dir.join("out/1-luong-thi-an.pdf")).contains("Nơi sinh: Quỳnh Lưu, Nghệ An"));
    }
    with(&["--lang", "en", "--map", "Nguyên quán=noisinh"])
        .assert_code(2)
        .assert_stderr_has("did you mean noi_sinh?");
    with(&["--map", "Quê=noi_sinh"])
        .assert_code(2)
        .assert_stderr_has("danh sách không có cột \"Quê\"; các cột có: stt, ho_ten, ngay_sinh, Nguyên quán");
}

/// What offices really send: UTF-8 shown through a wrong code page inside one field. A word
/// that reads as clean Vietnamese once the code page is undone is printed repaired, with a note;
/// one whose bytes were lost, or that holds C1 controls, is refused with its likely reading —
/// never printed as garbage, never called a missing glyph (regression: #14).
#[test]
fn roster_words_shown_through_a_wrong_code_page_are_repaired_or_refused_with_their_reading() {
    let dir = temp_dir("code-page-words");
    std::fs::write(
        dir.join("lop.csv"),
        "stt,ho_ten,ngay_sinh\n1,Danh Vũ HáşŁi Long,05/02/1980\n2,Nguyễn Bắc ToĂ n,01/01/1970\n",
    )
    .unwrap();
    let args = [
        "--lang",
        "en",
        "render",
        "--roster",
        "lop.csv",
        "--vars",
        &example("tan-binh-2019.toml"),
        "--out",
        "out",
    ];
    let run = chungnhan(&dir, &args);
    run.assert_code(0)
        .assert_stderr_has(
            "\"HáşŁi\" read as \"Hải\" (UTF-8 text that had been shown as Windows-1250 and saved again)",
        )
        .assert_stderr_has("\"ToĂ n\" read as \"Toàn\"");
    if have("pdftotext") {
        assert!(pdftotext(&dir.join("out/1-danh-vu-hai-long.pdf")).contains("Danh Vũ Hải Long"));
        assert!(pdftotext(&dir.join("out/2-nguyen-bac-toan.pdf")).contains("Nguyễn Bắc Toàn"));
    }
    // A byte lost (the 0x91 of "ố"), and C1 controls left by a Latin-1 reading: refused.
    std::fs::write(
        dir.join("lop.csv"),
        "stt,ho_ten,ngay_sinh\n1,Lê Tá»t,05/02/1980\n2,Ph\u{c3}\u{a1}\u{c2}\u{82}m An,01/01/1970\n",
    )
    .unwrap();
    let run = chungnhan(
        &dir,
        &["--lang", "en", "check", "--roster", "lop.csv", "--vars", &example("tan-binh-2019.toml")],
    );
    run.assert_code(2)
        .assert_stderr_has(
            "\"Lê Tá»t\" was damaged by a wrong code page; it most likely reads \"Lê T\u{fffd}t\"",
        )
        .assert_stderr_has("record 2 (line 3), column ho_ten: \"Ph")
        .assert_stderr_has("was damaged by a wrong code page");
    assert!(!run.stderr.contains("not in font"), "{}", run.stderr);
}

/// Every roster fixture that is text (any encoding, good or malformed).
fn text_fixtures() -> Vec<String> {
    let dir = Path::new(&roster_fixture("roster_218.csv")).parent().unwrap().to_path_buf();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".csv") || f.ends_with(".txt"))
        .filter(|f| !f.starts_with("expected_"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "{files:?}");
    files
}

/// What a reading of a roster gives, as the later stages see it: headers, rows (record, line,
/// values), problems, warnings and the file's hash, as text.
fn reading(r: &roster::Roster) -> String {
    let rows: Vec<_> = r
        .rows()
        .unwrap()
        .map(|row| row.unwrap())
        .map(|row| (row.origin.record, row.origin.line, row.values.clone()))
        .collect();
    let said = |ps: &[chungnhan::error::Problem]| -> Vec<String> {
        ps.iter().map(|p| format!("{p} | {:?}", p.column)).collect()
    };
    format!("{:?}\n{rows:?}\n{:?}\n{:?}\n{}", r.headers, said(&r.problems), said(&r.warnings), r.sha256)
}

#[test]
fn a_plain_utf8_roster_is_read_as_a_stream_with_the_same_rows_as_when_held() {
    let mut streamed = Vec::new();
    for file in text_fixtures() {
        let path = roster_fixture(&file);
        let held = roster::read(Path::new(&path));
        let opened = roster::open_with(Path::new(&path), &roster::ReadOptions::default());
        match (held, opened) {
            (Ok(held), Ok(opened)) => {
                assert_eq!(reading(&held), reading(&opened), "{file}");
                assert_eq!((held.len(), &held.notes), (opened.len(), &opened.notes), "{file}");
                if opened.rows.is_empty() && !held.rows.is_empty() {
                    streamed.push(file);
                }
            }
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{file}"),
            (a, b) => panic!("{file}: held {:?}, streamed {:?}", a.err(), b.err()),
        }
    }
    // UTF-8 that reads as Vietnamese is streamed; a code page, UTF-16, invalid bytes or
    // mojibake are decoded whole (and so is NFD text, whose words the mojibake test cannot read).
    for file in
        ["roster_218.csv", "bad_semicolon_delimited.csv", "bad_embedded_newline.csv", "bad_ragged_rows.csv"]
    {
        assert!(streamed.iter().any(|f| f == file), "{file} not streamed: {streamed:?}");
    }
    for file in
        ["roster_218_tcvn3.csv", "roster_218_utf16.txt", "bad_mojibake_vni_in_utf8.csv", "invalid_bytes.csv"]
    {
        assert!(!streamed.iter().any(|f| f == file), "{file} streamed");
    }
}

/// A roster of several megabytes is scanned a megabyte at a time, cut at line ends: quoted
/// fields holding line breaks and commas, CRLF lines and a BOM across those cuts read as they do
/// held; and damage that first shows after the first megabyte (most of the file through a code
/// page, Excel's `?`) still sends the file to be decoded whole, with the same reading.
#[test]
fn a_roster_of_several_megabytes_reads_the_same_streamed_as_held() {
    let dir = temp_dir("big-roster");
    let mut text = String::from("\u{FEFF}stt,ho_ten,don_vi,ngay_sinh,ghi_chu\r\n");
    let units = ["Trường Tiểu học Lê Văn Tám", "Bệnh viện Nhi đồng 2", "Phòng Giáo dục, Đào tạo"];
    for i in 1..=28_000 {
        let note = if i % 97 == 0 {
            "\"dòng một\r\ndòng hai, có dấu phẩy\""
        } else {
            "Hoàn thành tốt nhiệm vụ năm học"
        };
        let unit = units[i % units.len()];
        text.push_str(&format!(
            "{i},Nguyễn Thị Ánh Tuyết {i},\"{unit}\",{:02}/{:02}/19{:02},{note}\r\n",
            i % 28 + 1,
            i % 12 + 1,
            i % 60 + 40
        ));
    }
    assert!(text.len() > 3 << 20, "{}", text.len());
    // A row of its own near the end, after the first megabyte.
    let late = text[..text.len() - 1000].rfind('\n').unwrap() + 1;
    let with_row = |row: &str| format!("{}{row}\r\n{}", &text[..late], &text[late..]);
    // Everything after the first megabyte and a half shown through Windows-1252 and saved again
    // as UTF-8: the file as a whole no longer reads as Vietnamese.
    let half = text[..3 << 19].rfind('\n').unwrap() + 1;
    let shown: String = text[half..].bytes().map(|b| char::from_u32(u32::from(b)).unwrap()).collect();
    let cases = [
        ("clean", text.clone(), true),
        // One word shown through Windows-1252 ("Hải"): the file reads well, and the word is
        // the record checks' to repair, whichever way the file is read.
        ("one-word", with_row("28001,Danh Vũ HáşŁi Long,Bệnh viện Nhi đồng 2,01/01/1980,"), true),
        ("mostly-mojibake", format!("{}{shown}", &text[..half]), false),
        // Excel's ANSI export on a machine without Vietnamese.
        ("lossy", with_row("28001,Nguy?n Th? Ph??ng,Tr??ng Ti?u h?c,01/01/1980,"), false),
    ];
    for (name, body, streams) in cases {
        let path = dir.join(format!("{name}.csv"));
        std::fs::write(&path, &body).unwrap();
        let held = roster::read(&path);
        let opened = roster::open_with(&path, &roster::ReadOptions::default());
        match (held, opened) {
            (Ok(held), Ok(opened)) => {
                assert_eq!(opened.rows.is_empty(), streams, "{name}: streamed");
                assert_eq!(reading(&held), reading(&opened), "{name}");
                assert_eq!((held.len(), &held.notes), (opened.len(), &opened.notes), "{name}");
                assert!(held.len() >= 28_000, "{name}: {}", held.len());
            }
            (Err(a), Err(b)) => {
                assert!(!streams, "{name}: {a}");
                assert_eq!(a.to_string(), b.to_string(), "{name}");
            }
            (a, b) => panic!("{name}: held {:?}, streamed {:?}", a.err(), b.err()),
        }
    }
}

#[test]
fn checking_a_streamed_roster_finds_what_checking_it_held_finds() {
    let t = Template::load("giay-chung-nhan").unwrap();
    let cfg = chungnhan::batch::BatchConfig::new(
        t,
        BTreeMap::new(),
        BTreeMap::new(),
        viet::Date::new(2019, 11, 20).unwrap(),
    )
    .unwrap();
    let said = |ps: &[chungnhan::error::Problem]| -> Vec<String> {
        ps.iter().map(|p| format!("{p} | {:?} | {:?}", p.column, p.error.hint())).collect()
    };
    let mut with_problems = 0;
    for file in text_fixtures() {
        let path = roster_fixture(&file);
        let Ok(held) = roster::read(Path::new(&path)) else { continue };
        let opened = roster::open_with(Path::new(&path), &roster::ReadOptions::default()).unwrap();
        let plan = chungnhan::batch::check(&held, &cfg, &chungnhan::batch::NoProgress);
        let checked = chungnhan::batch::check_roster(&opened, &cfg, &chungnhan::batch::NoProgress);
        let (plan, checked) = match (plan, checked) {
            (Ok(p), Ok(c)) => (p, c),
            (Err(a), Err(b)) => {
                assert_eq!(a.to_string(), b.to_string(), "{file}");
                continue;
            }
            (a, b) => panic!("{file}: held {:?}, streamed {:?}", a.err(), b.err()),
        };
        assert_eq!(plan.records.len(), checked.valid, "{file}");
        assert_eq!(plan.invalid_records, checked.invalid_records, "{file}");
        assert_eq!(said(&plan.problems), said(&checked.problems), "{file}");
        assert_eq!(said(&plan.notes), said(&checked.notes), "{file}");
        assert_eq!(format!("{:?}", plan.shrunk), format!("{:?}", checked.shrunk), "{file}");
        with_problems += (!checked.problems.is_empty()) as usize;
    }
    // Not only clean rosters: repeats, bad dates, look-alikes, ragged rows and the rest.
    assert!(with_problems >= 8, "{with_problems}");
}

#[test]
fn a_roster_changed_between_two_readings_is_refused_not_half_read() {
    let dir = temp_dir("changed-roster");
    let path = dir.join("lop.csv");
    let text = std::fs::read_to_string(roster_fixture("roster_218.csv")).unwrap();
    std::fs::write(&path, &text).unwrap();
    let mut r = roster::open_with(&path, &roster::ReadOptions::default()).unwrap();
    assert!(r.rows.is_empty(), "a plain UTF-8 roster is streamed");
    // A clerk saves a corrected name (same length) while the run goes on.
    std::fs::write(&path, text.replacen("Nguyễn", "Nguyến", 1)).unwrap();
    let err = r.take_rows().unwrap().find_map(Result::err).expect("the change is found");
    assert!(matches!(err, roster::RosterError::Changed { .. }), "{err:?}");
    assert!(err.to_string().contains("lop.csv"), "{err}");
    assert!(err.hint().is_some());
}

/// The header as offices make it (issue 27): "Họ và tên" over two columns "Họ đệm | Tên", the
/// other headers standing over both rows — with Excel's merged cells, without them, and in a CSV
/// — is read as one header: the sub-header row is no record, and every certificate prints the
/// whole name, "Nguyễn Minh Khương", not "Nguyễn Minh".
#[test]
fn a_header_of_two_rows_is_read_as_one_and_prints_the_whole_name() {
    let dir = temp_dir("two-row-header");
    let t = Template::load("giay-chung-nhan").unwrap();
    let two_rows = "read sheet \"Danh sách\", a header of two rows on rows 4 and 5";
    for (i, (file, note, first_line)) in [
        ("two_row_header_merged.xlsx", two_rows, 6),
        ("two_row_header_without_merges.xlsx", two_rows, 6),
        ("two_row_header.csv", "read a header of two lines (lines 1 and 2) as one", 3),
    ]
    .into_iter()
    .enumerate()
    {
        let f = roster_fixture(file);
        let run = chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f]);
        run.assert_code(0)
            .assert_stderr_has(&format!("note: {f}: {note}"))
            .assert_stdout_has("4 records, no problems");
        assert!(!run.stderr.contains("nothing reads"), "every column is read: {}", run.stderr);
        let opts = roster::ReadOptions { header_keys: record::header_keys(&t), ..Default::default() };
        let r = roster::open_with(Path::new(&f), &opts).unwrap();
        let map = record::map_columns(&r, &t).unwrap();
        let rows: Vec<_> = r.rows().unwrap().map(|row| row.unwrap().into_owned()).collect();
        let first = record::normalize(&rows[0], &map, viet::Date::new(2019, 11, 20).unwrap()).unwrap();
        assert_eq!((first.origin.record, first.origin.line), (1, first_line), "{file}");
        assert_eq!(first.values["ho_ten"], "Nguyễn Minh Khương", "{file}");
        assert_eq!(first.values["ten"], "Khương", "{file}: the given name stays available (--sort ten)");
        assert_eq!(
            first.values["ngay_sinh"], "14/03/1985",
            "{file}: Ngày sinh over both rows stays one column"
        );
        assert_eq!(first.columns["ho_ten"], "Họ đệm + Tên", "{file}");
        if have("pdftotext") {
            let out = format!("out{i}");
            chungnhan(
                &dir,
                &[
                    "render",
                    "--roster",
                    &f,
                    "--out",
                    &out,
                    "--set",
                    "ngay_cap=2019-11-20",
                    "--set",
                    PROGRAMME,
                ],
            )
            .assert_code(0);
            let text = pdftotext(&dir.join(&out).join("1-nguyen-minh-khuong.pdf"));
            assert!(text.contains("Nguyễn Minh Khương"), "{file}: {text}");
            let text = pdftotext(&dir.join(&out).join("4-cong-tang-ton-nu-thi-bich-ngoc.pdf"));
            assert!(text.contains("Công Tằng Tôn Nữ Thị Bích Ngọc"), "{file}: {text}");
        }
    }
}

/// The same roster after the clerk deleted the second header row (as the old message led him
/// to): the given names stand in a column without a header, beside "Họ và tên" (merged over
/// both in the workbook, followed by an empty cell in the CSV). Read without it, every name
/// would print short; it is an error naming the column, with how to head it, and nothing is
/// written.
#[test]
fn a_given_name_column_without_a_header_is_an_error_never_dropped() {
    let dir = temp_dir("given-name-no-header");
    for (file, row) in
        [("given_name_under_merged_header.xlsx", "row 5"), ("given_name_without_header.csv", "line 2")]
    {
        let f = roster_fixture(file);
        chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f])
            .assert_code(2)
            .assert_stderr_has(&format!(
                "{f}: column C has no header but 4 cells that read like the rest of a name (e.g. \"Khương\" on {row}), beside the column \"Họ và tên\""
            ))
            .assert_stderr_has("head the column of \"Họ và tên\" \"Họ đệm\" and column C \"Tên\"");
        chungnhan(
            &dir,
            &["render", "--roster", &f, "--out", "out", "--set", "ngay_cap=2019-11-20", "--set", PROGRAMME],
        )
        .assert_code(2)
        .assert_stderr_has("cột C không có tiêu đề nhưng có 4 ô ghi như phần cuối của họ tên")
        .assert_stderr_has("gợi ý: đặt tiêu đề \"Họ đệm\" cho cột của \"Họ và tên\" và \"Tên\" cho cột C");
        assert!(!dir.join("out").exists(), "{file}: nothing written");
    }
}

/// Columns with values that nothing reads — a header the template does not use, or no header at
/// all (telephone numbers) — are named in a note: the run goes on, but nothing is left out
/// without a word.
#[test]
fn columns_with_values_that_nothing_reads_are_named_in_a_note() {
    let dir = temp_dir("unused-columns");
    let f = roster_fixture("unused_columns_with_values.csv");
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f])
        .assert_code(0)
        .assert_stderr_has(&format!(
            "note: {f}: columns have values that nothing reads; they are not printed: column F \"Ghi chú\", column G (no header)"
        ))
        .assert_stdout_has("4 records, no problems");
    chungnhan(&dir, &["check", "--vars", issuer_vars(), "--roster", &f]).assert_code(0).assert_stderr_has(
        "các cột sau có giá trị nhưng không được đọc nên sẽ không in ra: cột F \"Ghi chú\", cột G (không có tiêu đề)",
    );
    // A template that prints the column reads it: no note.
    let tpl = dir.join("mau");
    chungnhan(&dir, &["templates", "export", "giay-chung-nhan", tpl.to_str().unwrap()]).assert_code(0);
    let toml = std::fs::read_to_string(tpl.join("template.toml")).unwrap();
    assert!(toml.contains("{{ don_vi }}"), "the exported template prints don_vi");
    std::fs::write(tpl.join("template.toml"), toml.replacen("{{ don_vi }}", "{{ don_vi }} {{ ghi_chu }}", 1))
        .unwrap();
    let run = chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "check",
            "--template",
            tpl.to_str().unwrap(),
            "--vars",
            issuer_vars(),
            "--roster",
            &f,
        ],
    );
    run.assert_code(0).assert_stderr_has("column G (no header)");
    assert!(!run.stderr.contains("\"Ghi chú\""), "{}", run.stderr);
}

/// Excel and LibreOffice number a sheet's rows as "hàng"; a CSV file has lines, "dòng". A
/// message that names where a record is says the word of the roster it read, for the record
/// itself and for the earlier record it repeats (issue 27: "dòng" in messages where Excel says
/// "hàng"). The same roster, as a workbook and as CSV.
#[test]
fn a_workbook_row_is_hang_and_a_csv_line_is_dong() {
    let dir = temp_dir("hang-dong");
    let rows = [
        ["stt", "ho_ten", "ngay_sinh"],
        ["1", "Lê Thị Hồng", "12/05/1980"],
        ["2", "", "03/04/1979"],
        ["3", "Lê Thị Hồng", "12/05/1980"],
    ];
    let xlsx = dir.join("lop.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(&xlsx).unwrap();
    let csv: String = rows.iter().map(|r| r.join(",") + "\n").collect();
    std::fs::write(dir.join("lop.csv"), csv).unwrap();
    for (file, word, other) in [("lop.xlsx", "hàng", "dòng"), ("lop.csv", "dòng", "hàng")] {
        let run = chungnhan(&dir, &["check", "--vars", issuer_vars(), "--roster", file]);
        run.assert_code(2)
            .assert_stderr_has(&format!("{file}: bản ghi 2 ({word} 3), cột ho_ten: trường bắt buộc bị để trống"))
            .assert_stderr_has(&format!(
                "{file}: bản ghi 3 ({word} 4): Lê Thị Hồng, sinh ngày 12/05/1980, trùng họ tên và ngày sinh với bản ghi 1 ({word} 2)"
            ));
        assert!(!run.stderr.contains(&format!("({other} ")), "{file}: only \"{word}\": {}", run.stderr);
        let en = chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", file]);
        let en_word = if word == "hàng" { "row" } else { "line" };
        en.assert_code(2).assert_stderr_has(&format!("{file}: record 2 ({en_word} 3)"));
    }
}

/// The rows an office writes under its list (issue 27, item 1) — "Tổng cộng", the place and
/// date, "NGƯỜI LẬP BIỂU … GIÁM ĐỐC", "(Ký, ghi rõ họ tên)" and the signers' names under the
/// space for signatures — are no records: skipped, each named in one note by its row (a
/// workbook) or line (a CSV, read as a stream), and the four people above them are all there.
#[test]
fn rows_under_the_list_are_skipped_with_one_note_naming_each() {
    let dir = temp_dir("footer-rows");
    let t = Template::load("giay-chung-nhan").unwrap();
    for (i, (file, unit, at)) in [
        ("footer_rows_under_the_list.xlsx", "row", [10, 12, 13, 14, 18]),
        ("footer_rows_under_the_list.csv", "line", [6, 7, 8, 9, 10]),
    ]
    .into_iter()
    .enumerate()
    {
        let f = roster_fixture(file);
        let named = [
            "Tổng cộng: 4 người",
            "Chiêm Hóa, ngày 20 tháng 11 năm 2019",
            "NGƯỜI LẬP BIỂU | GIÁM ĐỐC",
            "(Ký, ghi rõ họ tên) | (Ký tên, đóng dấu)",
            "Lê Văn Tám | Trần Minh Đức",
        ];
        let rows: Vec<String> = at.iter().zip(named).map(|(n, t)| format!("{unit} {n} \"{t}\"")).collect();
        let note = format!(
            "note: {f}: skipped the last 5 {unit}s of the list, which are no one's record (a total, signatures, place and date): {}\n",
            rows.join("; ")
        );
        let run = chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f]);
        run.assert_code(0).assert_stdout_has("4 records, no problems").assert_stderr_has(&note);
        assert_eq!(run.stderr.matches("skipped the last").count(), 1, "one note: {}", run.stderr);
        // The library sees four rows, whether held or read again from the file.
        let opts = roster::ReadOptions { header_keys: record::header_keys(&t), ..Default::default() };
        let r = roster::open_with(Path::new(&f), &opts).unwrap();
        assert_eq!(r.len(), 4, "{file}");
        let rows: Vec<_> = r.rows().unwrap().map(|row| row.unwrap().into_owned()).collect();
        assert_eq!(rows.len(), 4, "{file}");
        assert!(r.fill.iter().all(|c| c.filled <= 4), "{file}: the footer is in no column's tally");
        let out = format!("out{i}");
        chungnhan(&dir, &["render", "--roster", &f, "--vars", issuer_vars(), "--out", &out, "-q"])
            .assert_code(0);
        assert_eq!(files_in(&dir.join(&out)).len(), 4, "{file}");
    }
}

/// A person written below the signatures (added late): the rows above that person are no
/// longer the end of the list, so none of them is skipped — each is reported as the record it
/// was read as, and nothing is dropped without a word.
#[test]
fn rows_above_a_person_are_never_skipped_as_a_footer() {
    let dir = temp_dir("person-below-footer");
    let f = roster_fixture("a_person_below_the_signatures.csv");
    let run = chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &f]);
    run.assert_code(2).assert_stdout_has("of 10 records");
    assert!(!run.stderr.contains("skipped the last"), "{}", run.stderr);
    for line in 6..=10 {
        run.assert_stderr_has(&format!("(line {line})"));
    }
    assert!(!run.stderr.contains("(line 11)"), "the person below is a good record: {}", run.stderr);
}
