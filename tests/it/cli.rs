//! The command line as a user meets it: one scenario per test, each with the exact message the
//! user reads, the exit code of the contract (`docs/spec/cli.md`), and — for bad input — the
//! proof that nothing was written.

use std::path::Path;

use crate::common::*;

/// Runs `render` on `roster` into `out/` and asserts that it refused and wrote nothing.
fn refuse(roster: &str, extra: &[&str]) -> Run {
    let dir = temp_dir("refuse");
    // The refusals are asserted as the English catalogue words them (`--lang en`);
    // `refusals_are_in_vietnamese_by_default` checks the Vietnamese.
    let mut args = vec![
        "--lang",
        "en",
        "render",
        "--roster",
        roster,
        "--out",
        "out",
        "--merged",
        "out/tat-ca.pdf",
        "--set",
        "ngay_cap=2019-11-20",
    ];
    // The programme no built-in template prints unasked, so that what is refused is the roster.
    if !extra.contains(&"--template") {
        args.extend(["--set", PROGRAMME]);
    }
    args.extend_from_slice(extra);
    let run = chungnhan(&dir, &args);
    run.assert_code(2);
    assert!(!dir.join("out").exists(), "nothing may be written, found {:?}", files_in(&dir.join("out")));
    assert!(run.stdout.is_empty(), "no summary on failure: {}", run.stdout);
    run
}

#[test]
fn render_non_vietnamese_characters_are_refused_with_code_points() {
    let roster = roster_fixture("bad_non_vietnamese_chars.csv");
    let run = refuse(&roster, &[]);
    let f = roster.as_str();
    for line in [
        format!("error: {f}: record 2 (line 3), column ho_ten: character U+1F600 '😀' is not in font Liberation Serif Bold"),
        format!("error: {f}: record 4 (line 5), column ho_ten: character U+962E '阮' is not in font Liberation Serif Bold"),
        format!("error: {f}: record 4 (line 5), column ho_ten: character U+6587 '文' is not in font Liberation Serif Bold"),
        format!("error: {f}: record 4 (line 5), column ho_ten: character U+5B89 '安' is not in font Liberation Serif Bold"),
        format!("error: {f}: record 6 (line 7), column don_vi: character U+2764 '❤' is not in font Liberation Serif"),
        format!("error: {f}: record 6 (line 7), column don_vi: character U+FE0F is not in font Liberation Serif"),
        format!("error: {f}: record 11 (line 12), column ho_ten: character U+5B89 '安' is not in font Liberation Serif Bold"),
    ] {
        run.assert_stderr_has(&line);
    }
    run.assert_stderr_has(
        "hint: write the name in Vietnamese letters (quốc ngữ), as on the identity document",
    );
    run.assert_stderr_has("error: 7 problems in 4 records; nothing was written");
}

#[test]
fn check_lists_every_problem_and_writes_nothing() {
    let dir = temp_dir("check");
    let roster = roster_fixture("bad_non_vietnamese_chars.csv");
    let run = chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "check",
            "--vars",
            issuer_vars(),
            "--roster",
            &roster,
            "--set",
            "ngay_cap=2019-11-20",
        ],
    );
    run.assert_code(2)
        .assert_stderr_has("record 2 (line 3), column ho_ten: character U+1F600")
        .assert_stderr_has("record 11 (line 12), column ho_ten: character U+5B89")
        .assert_stdout_has("7 problem(s) in 4 of 20 records");
    assert!(files_in(&dir).is_empty());
}

#[test]
fn check_a_good_roster_says_so() {
    let dir = temp_dir("check-ok");
    chungnhan(
        &dir,
        &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &roster_fixture("roster_218.csv")],
    )
    .assert_code(0)
    .assert_stdout_has("218 records, no problems");
}

/// A template's placeholder texts ("TÊN CƠ QUAN CẤP GIẤY", "Họ và tên người ký") are never signed
/// into real certificates: `check` names each one left and how to set it, `issue` refuses with
/// the register untouched, a draft only warns (regression: #11).
#[test]
fn placeholders_left_are_errors_for_check_and_issue_and_a_warning_for_drafts() {
    let dir = temp_dir("placeholders");
    let roster = roster_fixture("roster_218.csv");
    chungnhan(&dir, &["check", "--roster", &roster])
        .assert_code(2)
        .assert_stderr_has("lỗi: biến co_quan vẫn là chữ điền sẵn của mẫu: \"TÊN CƠ QUAN CẤP GIẤY\"")
        .assert_stderr_has("lỗi: biến nguoi_ky vẫn là chữ điền sẵn của mẫu: \"Họ và tên người ký\"")
        .assert_stderr_has("gợi ý: ghi giá trị thật của đơn vị trong tệp --vars (co_quan = \"…\"");
    // Set on the command line, one is gone; the others are still named.
    let run =
        chungnhan(&dir, &["check", "--roster", &roster, "--set", "co_quan=TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ"]);
    run.assert_code(2);
    assert!(!run.stderr.contains("biến co_quan "), "{}", run.stderr);
    chungnhan(&dir, &["keygen", "--out", "keys", "--issuer", "Trung tâm", "--host", "xacthuc.example.vn"])
        .assert_code(0);
    chungnhan(&dir, &["--lang", "en", "issue", "--roster", &roster, "--keys", "keys", "--out", "out"])
        .assert_code(2)
        .assert_stderr_has("error: variable dia_danh still holds the template's placeholder: \"Địa danh\"")
        .assert_stderr_has("Nothing was issued and the register is unchanged");
    assert!(
        !dir.join("out").exists() && !dir.join("chungnhan.sqlite").exists(),
        "nothing written, no register"
    );
    chungnhan(&dir, &["render", "--roster", &roster, "--out", "drafts", "--quiet", "--set", PROGRAMME])
        .assert_code(0)
        .assert_stderr_has("cảnh báo: biến co_quan vẫn là chữ điền sẵn của mẫu");
}

/// A misspelt variable would be ignored and the template's own text printed: refused, with the
/// name meant (regression: #14).
#[test]
fn a_misspelt_variable_is_refused_with_the_name_meant() {
    let dir = temp_dir("unknown-var");
    let roster = roster_fixture("roster_218.csv");
    chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "check",
            "--vars",
            issuer_vars(),
            "--roster",
            &roster,
            "--set",
            "nguoi_kyy=Trần Minh Đức",
        ],
    )
    .assert_code(2)
    .assert_stderr_has("error: variable nguoi_kyy (from --set) is not one this template knows")
    .assert_stderr_has("hint: did you mean nguoi_ky?");
    std::fs::write(dir.join("khoa.toml"), "co_quan = \"TRUNG TÂM\"\ndia_dan = \"Tân Bình\"\n").unwrap();
    chungnhan(&dir, &["--lang", "en", "render", "--roster", &roster, "--vars", "khoa.toml", "--out", "out"])
        .assert_code(2)
        .assert_stderr_has("variable dia_dan (from --vars) is not one this template knows")
        .assert_stderr_has("did you mean dia_danh?");
    assert!(!dir.join("out").exists());
}

#[test]
fn render_empty_names_are_refused_including_spaces_and_nbsp() {
    let roster = roster_fixture("bad_empty_name.csv");
    let run = refuse(&roster, &[]);
    for (rec, line) in [(3, 4), (9, 10), (14, 15)] {
        run.assert_stderr_has(&format!(
            "{roster}: record {rec} (line {line}), column ho_ten: required field is empty"
        ));
    }
    run.assert_stderr_has("hint: fill in the cell");
}

#[test]
fn render_impossible_dates_are_refused_day_before_month() {
    let roster = roster_fixture("bad_dates.csv");
    let run = refuse(&roster, &[]);
    for needle in [
        "record 1 (line 2), column ngay_sinh: invalid date \"31/02/1980\": month 2 has no day 31",
        "record 2 (line 3), column ngay_sinh: invalid date \"1980-13-01\": there is no month 13",
        "record 3 (line 4), column ngay_sinh: invalid date \"12/31/1980\": there is no month 31; dates are day/month/year",
        "record 4 (line 5), column ngay_sinh: invalid date \"5/3/75\": the year must have four digits",
        "record 5 (line 6), column ngay_sinh: invalid date \"27457\": looks like an Excel date serial number",
        "record 6 (line 7), column ngay_sinh: required field is empty",
        "record 7 (line 8), column ngay_sinh: invalid date \"01/01/2030\": is after the issue date 20/11/2019",
        "record 11 (line 12), column ngay_sinh: invalid date \"29/02/1983\": 1983 is not a leap year",
        "record 12 (line 13), column ngay_sinh: invalid date \"00/00/1962\": 00/00 is a placeholder",
    ] {
        run.assert_stderr_has(needle);
    }
    for ok in ["record 8 ", "record 9 ", "record 10 ", "record 13 "] {
        assert!(!run.stderr.contains(ok), "{ok} is a valid date:\n{}", run.stderr);
    }
}

#[test]
fn render_missing_required_column_names_it_and_lists_those_found() {
    let roster = roster_fixture("bad_missing_required_column.csv");
    refuse(&roster, &[])
        .assert_stderr_has(&format!(
            "error: {roster}: missing required column ngay_sinh; found: stt, ho_ten, gioi_tinh, chuc_vu, don_vi, so_hieu"
        ))
        .assert_stderr_has("hint: name the column");
}

#[test]
fn render_ragged_rows_are_all_reported_with_field_counts() {
    let roster = roster_fixture("bad_ragged_rows.csv");
    refuse(&roster, &[])
        .assert_stderr_has(&format!("{roster}: record 4 (line 5): has 9 fields, the header has 8"))
        .assert_stderr_has(&format!("{roster}: record 9 (line 10): has 6 fields, the header has 8"))
        .assert_stderr_has(&format!("{roster}: record 15 (line 16): has 9 fields, the header has 8"));
}

#[test]
fn render_huge_field_is_refused_without_laying_it_out() {
    let roster = roster_fixture("bad_huge_field.csv");
    refuse(&roster, &[]).assert_stderr_has(&format!(
        "{roster}: record 3 (line 4), column don_vi: field is 2097159 bytes long, over the limit of 4096 bytes"
    ));
}

#[test]
fn render_invalid_utf8_names_line_and_byte() {
    let roster = fixture("rosters/invalid_bytes.csv");
    refuse(&roster, &[])
        .assert_stderr_has(&format!("error: {roster}: line 2: byte 25 is not valid UTF-8"))
        .assert_stderr_has("hint: save the roster from Excel as \"CSV UTF-8 (Comma delimited)\", or name its encoding with --encoding");
}

#[test]
fn render_name_that_cannot_fit_names_record_and_element() {
    let roster = fixture("rosters/name_too_long.csv");
    refuse(&roster, &[])
        .assert_stderr_has(&format!(
            "error: {roster}: record 1 (line 2), column ho_ten: text of element ho_ten does not fit its box even at 16 pt"
        ))
        .assert_stderr_has("hint: shorten the text, or give the element a larger box");
}

#[test]
fn render_skip_invalid_writes_the_valid_records_and_exits_1() {
    let dir = temp_dir("skip");
    let run = chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "render",
            "--roster",
            &fixture("rosters/name_too_long.csv"),
            "--out",
            "out",
            "--skip-invalid",
            "--set",
            "ngay_cap=2019-11-20",
            "--set",
            PROGRAMME,
        ],
    );
    run.assert_code(1)
        .assert_stdout_has("Wrote 1 certificates")
        .assert_stdout_has("skipped 1 invalid record(s)");
    assert_eq!(files_in(&dir.join("out")), ["2-ha-hoa.pdf"]);
}

#[test]
fn render_split_name_columns_are_joined() {
    let dir = temp_dir("split");
    chungnhan(
        &dir,
        &[
            "render",
            "--roster",
            &fixture("rosters/split_name_columns.csv"),
            "--out",
            "out",
            "--set",
            "ngay_cap=2019-11-20",
            "--set",
            PROGRAMME,
        ],
    )
    .assert_code(0);
    assert_eq!(files_in(&dir.join("out")), ["101-h-hen-nie.pdf", "102-ksor-h-bo.pdf"]);
}

#[test]
fn render_unknown_template_font_names_file_and_element() {
    let t = fixture("templates/unknown_font");
    refuse(&roster_fixture("roster_218.csv"), &["--template", &t]).assert_stderr_has(&format!(
        "error: {t}/template.toml: element ho_ten: font \"Times New Roman\" in style Regular is not available (families: Liberation Serif)"
    ));
}

#[test]
fn render_template_error_prints_the_whole_cause_chain() {
    let t = fixture("templates/undefined_variable");
    let roster = roster_fixture("roster_218.csv");
    refuse(&roster, &["--template", &t])
        .assert_stderr_has(&format!(
            "error: {roster}: record 1 (line 2): template element khoa_hoc: Failed to render"
        ))
        .assert_stderr_has("Variable `ten_khoa` not found in context");
}

#[test]
fn render_unknown_template_name_points_to_the_list() {
    refuse(&roster_fixture("roster_218.csv"), &["--template", "khong-co"])
        .assert_stderr_has("error: no template \"khong-co\": not a built-in template, and no folder with a template.toml there")
        .assert_stderr_has("hint: run `chungnhan templates`");
}

#[test]
fn render_bad_issue_date_is_refused() {
    let dir = temp_dir("bad-date");
    chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "render",
            "--roster",
            &roster_fixture("roster_218.csv"),
            "--out",
            "out",
            "--set",
            "ngay_cap=31/02/2019",
        ],
    )
    .assert_code(2)
    .assert_stderr_has("error: variable ngay_cap: \"31/02/2019\" is not a date");
    assert!(!dir.join("out").exists());
}

#[test]
fn render_missing_roster_file_names_it() {
    let dir = temp_dir("no-roster");
    chungnhan(&dir, &["--lang", "en", "render", "--roster", "khong-co.csv", "--out", "out"])
        .assert_code(2)
        .assert_stderr_has("error: cannot read roster khong-co.csv")
        .assert_stderr_has("caused by: no such file or folder");
}

#[test]
fn render_bad_usage_exits_2() {
    let dir = temp_dir("usage");
    chungnhan(&dir, &["render", "--out", "out"]).assert_code(2).assert_stderr_has("--roster <TỆP>");
}

#[test]
fn templates_lists_the_builtins_with_the_default_marked() {
    let dir = temp_dir("templates");
    chungnhan(&dir, &["templates"]).assert_code(0).assert_stdout_has("giay-chung-nhan (mặc định)");
    chungnhan(&dir, &["--lang", "en", "templates"])
        .assert_code(0)
        .assert_stdout_has("giay-chung-nhan (default)\n    Giấy chứng nhận hoàn thành chương trình bồi dưỡng, thể thức Nghị định 30/2020")
        .assert_stdout_has("giay-chung-nhan-dang\n");
}

#[test]
fn demo_issues_the_signed_sample_and_verifies_it_with_no_other_file() {
    let dir = temp_dir("demo");
    let run = chungnhan(&dir, &["--lang", "en", "demo", "--out", "demo"]);
    run.assert_code(0)
        .assert_stdout_has("Made throwaway keys in demo/keys (root fingerprint ")
        .assert_stdout_has("Register demo/so-goc.sqlite: 218 new certificate(s), 0 already registered")
        .assert_stdout_has("wrote 218 file(s) (PDF/A-2b) to demo; print file demo/ban-in-gop.pdf (218 pages)")
        .assert_stdout_has("Verified demo/001-ly-xuan-tri.pdf: VALID: the signature is genuine");
    let files = files_in(&dir.join("demo"));
    assert_eq!(files.len(), 221, "218 certificates, the print file, the register and keys/");
    assert!(files.contains(&"so-goc.sqlite".to_string()));
    assert_eq!(
        files_in(&dir.join("demo/keys")),
        [
            "ledger",
            "ledgers.json",
            "revoked.json",
            "revoked.json.sig",
            "root-key.pem",
            "signing-key.pem",
            "trust.json",
            "trust.json.sig"
        ]
    );
    // A second run reuses the keys and gives the same certificates.
    let first = std::fs::read(dir.join("demo/001-ly-xuan-tri.pdf")).unwrap();
    chungnhan(&dir, &["--lang", "en", "demo", "--out", "demo"])
        .assert_code(0)
        .assert_stdout_has("0 new certificate(s), 218 already registered; wrote 0 file(s) (PDF/A-2b) to demo, left 218 file(s) as they were (already right)")
        .assert_stdout_has("Verified demo/001-ly-xuan-tri.pdf: VALID: the signature is genuine");
    assert!(first == std::fs::read(dir.join("demo/001-ly-xuan-tri.pdf")).unwrap(), "same input, same output");
}

#[test]
fn help_documents_every_command_with_an_example() {
    let dir = temp_dir("help");
    let run = chungnhan(&dir, &["--help"]);
    run.assert_code(0);
    for cmd in ["demo", "render", "check", "keygen", "issue", "verify", "revoke", "register", "templates"] {
        run.assert_stdout_has(cmd);
    }
    // In Vietnamese unless English is asked for: headings, commands, options.
    run.assert_stdout_has("Cách dùng: chungnhan")
        .assert_stdout_has("Tùy chọn:")
        .assert_stdout_has("Mã thoát của verify");
    chungnhan_env(&dir, &["--help"], &[("LANG", "en_US.UTF-8")]).assert_stdout_has("Usage: chungnhan");
    for cmd in ["render", "check", "demo", "keygen", "issue", "verify", "revoke"] {
        chungnhan(&dir, &["help", cmd]).assert_code(0).assert_stdout_has("Ví dụ: chungnhan ");
        chungnhan(&dir, &[cmd, "--help", "--lang", "en"])
            .assert_code(0)
            .assert_stdout_has("Example: chungnhan ");
    }
}

#[test]
fn render_a_bad_variable_is_reported_once_not_per_record() {
    let roster = roster_fixture("roster_218.csv");
    let run = refuse(&roster, &["--set", "dia_danh=Tân Bình 😀"]);
    run.assert_stderr_has(&format!(
        "error: {roster}: record 1 (line 2), column (template element dia_danh_ngay): character U+1F600 '😀' is not in font Liberation Serif Italic (and the same in 217 later records)"
    ));
    assert_eq!(run.stderr.matches("U+1F600").count(), 2, "one problem and its hint:\n{}", run.stderr);
}

/// A file name pattern that leaves nothing once unsafe characters and dots are taken out
/// is refused for each record, with a hint, before anything is written.
#[test]
fn render_a_file_name_pattern_that_gives_no_name_is_refused() {
    let roster = roster_fixture("roster_218.csv");
    let run = refuse(&roster, &["--name", "..pdf"]);
    // Said once, with how many records it is in: the pattern, not any record, is at fault.
    run.assert_stderr_has(&format!(
        "error: {roster}: record 1 (line 2): file name pattern gave an empty name (and the same in 217 later records)"
    ));
    run.assert_stderr_has("hint: use a file name pattern that includes stt or ho_ten");
    assert_eq!(run.stderr.matches("file name pattern gave an empty name").count(), 1, "{}", run.stderr);
    run.assert_stderr_has("error: 1 problem in 218 records; nothing was written");
}

#[test]
fn render_file_name_collisions_get_numbered_in_roster_order() {
    // Records 120 and 150 are two different people called Nguyễn Văn Hùng.
    let dir = temp_dir("collide");
    chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "render",
            "--roster",
            &roster_fixture("roster_218.csv"),
            "--out",
            "out",
            "--name",
            "{{ ho_ten | slug }}.pdf",
            "--set",
            PROGRAMME,
        ],
    )
    .assert_code(0)
    .assert_stdout_has("Wrote 218 certificates");
    let names = files_in(&dir.join("out"));
    assert!(
        names.contains(&"nguyen-van-hung.pdf".to_string())
            && names.contains(&"nguyen-van-hung-2.pdf".to_string()),
        "{names:?}"
    );
    assert_eq!(names.len(), 218);
}

/// A text shrunk to fit its box is said, with the record, the element and both sizes, so the
/// clerk can look at that page (regression: #14).
#[test]
fn render_reports_every_text_shrunk_to_fit() {
    let dir = temp_dir("shrunk");
    std::fs::write(
        dir.join("lop.csv"),
        "stt,ho_ten,ngay_sinh\n1,Công Tằng Tôn Nữ Thị Bích Ngọc Hoàng Phương Thảo Nguyên Anh,05/02/1980\n2,Hà Hoa,01/01/1970\n",
    )
    .unwrap();
    let run = chungnhan(
        &dir,
        &["render", "--roster", "lop.csv", "--vars", &example("tan-binh-2019.toml"), "--out", "out"],
    );
    run.assert_code(0).assert_stderr_has("chữ của Họ và tên được thu nhỏ từ 26.0 pt xuống");
    assert_eq!(run.stderr.matches("thu nhỏ").count(), 1, "only the long name: {}", run.stderr);
}

/// A clerk reads Vietnamese: errors, hints and summaries are Vietnamese unless English is asked
/// for (regression: #14).
#[test]
fn refusals_are_in_vietnamese_by_default() {
    let dir = temp_dir("vietnamese");
    let f = roster_fixture("bad_empty_name.csv");
    let run = chungnhan(
        &dir,
        &["render", "--roster", &f, "--out", "out", "--set", "ngay_cap=2019-11-20", "--set", PROGRAMME],
    );
    run.assert_code(2)
        .assert_stderr_has(&format!("lỗi: {f}: bản ghi 3 (dòng 4), cột ho_ten: trường bắt buộc bị để trống"))
        .assert_stderr_has("gợi ý: điền vào ô; không bao giờ in giấy chứng nhận khi ô này trống")
        .assert_stderr_has("lỗi ở");
    chungnhan(&dir, &["check", "--vars", issuer_vars(), "--roster", &roster_fixture("roster_218.csv")])
        .assert_code(0)
        .assert_stdout_has("218 bản ghi, không có lỗi");
    chungnhan(&dir, &["render", "--roster", "khong-co.csv", "--out", "out"])
        .assert_code(2)
        .assert_stderr_has("lỗi: ");
    std::fs::write(dir.join("lop.csv"), "stt,ho_ten,ngay_sinh\n1,Hà Hoa,01/01/1970\n").unwrap();
    chungnhan(
        &dir,
        &["render", "--roster", "lop.csv", "--vars", &example("tan-binh-2019.toml"), "--out", "out"],
    )
    .assert_code(0)
    .assert_stdout_has("Đã ghi 1 giấy chứng nhận (PDF/A-2b) vào out");
    // What is wrong inside a template is in Vietnamese too.
    let t = fixture("templates/unknown_font");
    chungnhan(&dir, &["check", "--roster", &roster_fixture("roster_218.csv"), "--template", &t])
        .assert_code(2)
        .assert_stderr_has(&format!(
            "lỗi: {t}/template.toml: phần tử ho_ten: không có phông \"Times New Roman\" kiểu Regular (các họ phông có: Liberation Serif)"
        ));
}

/// A mistyped command line is answered in the clerk's language too, not in clap's English:
/// what is wrong, the nearest command, the usage line; `help` and the help pages' defaults and
/// accepted values in words (regression: #14).
#[test]
fn a_mistyped_command_line_is_answered_in_vietnamese() {
    let dir = temp_dir("mistyped");
    let run = chungnhan(&dir, &["issue", "--roster", "lop.csv", "--bogus"]);
    run.assert_code(2)
        .assert_stderr_has("lỗi: không có tùy chọn --bogus")
        .assert_stderr_has("Cách dùng: chungnhan issue")
        .assert_stderr_has("Thêm --help sau lệnh để xem cách dùng.");
    assert!(!run.stderr.contains("error:") && !run.stderr.contains("Usage"), "{}", run.stderr);
    // The closest suggestion only: one edit from `issue`, never "site, issue" (issue 27).
    chungnhan(&dir, &["isue"])
        .assert_code(2)
        .assert_stderr_has("lỗi: không có lệnh isue")
        .assert_stderr_has("gợi ý: có phải ý bạn là issue?\n");
    chungnhan(&dir, &["issue", "--mergd", "x"])
        .assert_code(2)
        .assert_stderr_has("có phải ý bạn là --merged?\n");
    chungnhan(&dir, &["issue"])
        .assert_code(2)
        .assert_stderr_has("lỗi: thiếu tùy chọn bắt buộc: --roster <TỆP>");
    chungnhan(&dir, &["revoke", "CN-1", "--keys", "k", "--reason", "mat"])
        .assert_code(2)
        .assert_stderr_has("lỗi: --reason <LÝ_DO>: lý do \"mat\" không có trong danh sách lý do thu hồi")
        .assert_stderr_has("dùng \"cấp sai\", \"gian lận\" hoặc \"thay thế\"");
    chungnhan(&dir, &["print", "--register", "r.sqlite", "--out", "o", "--shard", "0/3"])
        .assert_code(2)
        .assert_stderr_has("lỗi: --shard <K/N>: \"0/3\": hãy viết K/N, ví dụ 2/8");
    let help = chungnhan(&dir, &["help", "revoke"]);
    help.assert_code(0).assert_stdout_has("Cách dùng: chungnhan revoke");
    let words = help.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("[mặc định: chungnhan.sqlite]"), "{words}");
    assert!(words.contains("Lý do: \"cấp sai\", \"gian lận\" hoặc \"thay thế\""), "{words}");
    assert!(!words.contains("[default") && !words.contains("possible values"), "{words}");
    // No English placeholder in a Vietnamese usage line (regression: #27).
    assert!(
        words.contains("Cách dùng: chungnhan revoke [TÙY_CHỌN] --keys <THƯ_MỤC> --reason <LÝ_DO> <SỐ_HIỆU>"),
        "{words}"
    );
    for english in ["[OPTIONS]", "<FILE>", "<DIR>", "<SERIAL>"] {
        assert!(!words.contains(english), "{english}: {words}");
    }
    chungnhan(&dir, &["keys", "help", "rotate"])
        .assert_code(0)
        .assert_stdout_has("Cách dùng: chungnhan keys rotate");
    chungnhan(&dir, &["--lang", "en", "issue", "--bogus"])
        .assert_code(2)
        .assert_stderr_has("error: unexpected option --bogus");
}

/// A landscape template copied and turned portrait would print half a certificate: `check`
/// names the first element off the page; one that reaches into the unprinted edge is named too
/// (regression: #15).
#[test]
fn check_names_an_element_off_the_page() {
    let dir = temp_dir("off-page");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/giay-chung-nhan/template.toml");
    std::fs::create_dir_all(dir.join("doc")).unwrap();
    let toml = std::fs::read_to_string(&src)
        .unwrap()
        .replace("orientation = \"landscape\"", "orientation = \"portrait\"");
    std::fs::write(dir.join("doc/template.toml"), toml).unwrap();
    let args = ["check", "--roster", "r.csv", "--template", "doc", "--vars", issuer_vars()];
    std::fs::write(dir.join("r.csv"), "stt,ho_ten,ngay_sinh\n1,Hà Hoa,01/01/1970\n").unwrap();
    chungnhan(&dir, &args)
        .assert_code(2)
        .assert_stderr_has("doc/template.toml: phần tử khung_ngoai: khung (7.0, 7.0) – (290.0, 203.0) mm ra ngoài trang 210.0 × 297.0 mm");
    let mut en = vec!["--lang", "en"];
    en.extend_from_slice(&args);
    chungnhan(&dir, &en)
        .assert_code(2)
        .assert_stderr_has("leaves the 210.0 × 297.0 mm page; check the orientation");
    // Into the unprinted edge: the outer frame moved 5 mm out.
    let toml =
        std::fs::read_to_string(&src).unwrap().replacen("x = 7\ny = 7\nw = 283", "x = 2\ny = 7\nw = 283", 1);
    std::fs::write(dir.join("doc/template.toml"), toml).unwrap();
    chungnhan(&dir, &args)
        .assert_code(2)
        .assert_stderr_has("phần tử khung_ngoai: khung (2.0, 7.0) – (285.0, 203.0) mm lấn vào lề 4.0 mm");
}

/// A user with only the binary starts a template of their own from a built-in one: exported as a
/// folder, it renders the same certificate (same text, same page, pixel for pixel), and a second
/// export never replaces it (regression: #15).
#[test]
fn templates_export_writes_an_editable_folder_that_renders_as_the_builtin() {
    let dir = temp_dir("templates-export");
    chungnhan(&dir, &["templates", "export", "giay-chung-nhan", "mau"])
        .assert_code(0)
        .assert_stdout_has("Đã ghi mẫu giay-chung-nhan vào mau/template.toml");
    let before = std::fs::read(dir.join("mau/template.toml")).unwrap();
    chungnhan(&dir, &["templates", "export", "giay-chung-nhan-dang", "mau"])
        .assert_code(2)
        .assert_stderr_has("templates export không bao giờ ghi đè mẫu");
    assert_eq!(std::fs::read(dir.join("mau/template.toml")).unwrap(), before);
    chungnhan(&dir, &["templates", "export", "khong-co", "x"])
        .assert_code(2)
        .assert_stderr_has("không có mẫu \"khong-co\"");

    std::fs::write(dir.join("lop.csv"), "stt,ho_ten,ngay_sinh\n1,Lương Thị Ẩn,05/02/1980\n").unwrap();
    for (t, out) in [("giay-chung-nhan", "a"), ("mau", "b")] {
        chungnhan(
            &dir,
            &[
                "render",
                "--roster",
                "lop.csv",
                "--vars",
                &example("tan-binh-2019.toml"),
                "--template",
                t,
                "--out",
                out,
            ],
        )
        .assert_code(0);
    }
    if !have("pdftoppm") {
        return;
    }
    let (a, b) = (dir.join("a/1-luong-thi-an.pdf"), dir.join("b/1-luong-thi-an.pdf"));
    assert_eq!(pdftotext(&a), pdftotext(&b));
    let png = |pdf: &Path, stem: &str| {
        let out = dir.join(stem);
        let ok = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "50", "-singlefile"])
            .arg(pdf)
            .arg(&out)
            .status()
            .unwrap();
        assert!(ok.success());
        std::fs::read(out.with_extension("png")).unwrap()
    };
    assert!(png(&a, "a") == png(&b, "b"), "the exported template renders the same page");
}

/// A plain UTF-8 roster is rendered without holding its records: checked, then read again a
/// block at a time as the pages are written. It writes what the held way writes (`--encoding`
/// makes the roster be decoded whole): the same messages, the same files with the same bytes,
/// the same print file — with a record refused at reading (empty name), one refused at layout
/// (a name that does not fit) and two people of one name whose files are told apart.
#[test]
fn render_of_a_streamed_roster_writes_what_rendering_it_held_writes() {
    let roster = roster_fixture("render_with_a_bad_record_at_each_stage.csv");
    let run = |extra: &[&str]| {
        let dir = temp_dir("render-streamed");
        let mut args = vec![
            "--lang",
            "en",
            "render",
            "--roster",
            &roster,
            "--out",
            "out",
            "--merged",
            "tat-ca.pdf",
            "--set",
            PROGRAMME,
        ];
        args.extend(["--skip-invalid", "--name", "{{ ho_ten | slug }}.pdf"]);
        args.extend(extra);
        let r = chungnhan(&dir, &args);
        r.assert_code(1).assert_stdout_has("Wrote 219 certificates");
        (dir, r)
    };
    let (streamed, a) = run(&[]);
    let (held, b) = run(&["--encoding", "utf-8"]);
    // The same words, but for the held run's note that it was read as --encoding asked.
    let asked: String =
        b.stderr.lines().filter(|l| !l.contains("as --encoding asked")).map(|l| format!("{l}\n")).collect();
    assert!(asked.len() < b.stderr.len(), "{}", b.stderr);
    assert_eq!((&a.stdout, &a.stderr), (&b.stdout, &asked));
    a.assert_stderr_has("record 219 (line 220), column ho_ten: required field is empty");
    a.assert_stderr_has("record 220 (line 221), column ho_ten: text of element ho_ten does not fit");
    let names = files_in(&streamed.join("out"));
    assert_eq!(names, files_in(&held.join("out")));
    assert_eq!(names.len(), 219);
    for name in &names {
        let (x, y) =
            (std::fs::read(streamed.join("out").join(name)), std::fs::read(held.join("out").join(name)));
        assert!(x.unwrap() == y.unwrap(), "{name} differs");
    }
    assert!(
        std::fs::read(streamed.join("tat-ca.pdf")).unwrap()
            == std::fs::read(held.join("tat-ca.pdf")).unwrap()
    );
    // The second Lý Xuân Trí (record 221) has the told-apart name, and his own page.
    let second = pdftotext(&streamed.join("out").join("ly-xuan-tri-2.pdf"));
    assert!(second.contains("Lý Xuân Trí") && second.contains("08/04/1976"), "{second}");
}

/// One person under two stt numbers (record 7 and record 12: Nguyễn Văn An, born 02/03/1980):
/// `check` and `render` name both records and write nothing; with `--allow-duplicates` (two
/// people who share a name and a date of birth) every record is written.
#[test]
fn one_person_under_two_stt_is_refused_naming_both_records_unless_allowed() {
    let dir = temp_dir("same-person");
    let roster = fixture("rosters/same_person_under_two_stt.csv");
    let said = "same_person_under_two_stt.csv: record 12 (line 13): Nguyễn Văn An, born on 02/03/1980, \
                appears twice: the same name and date of birth as record 7 (line 8)";
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &roster])
        .assert_code(2)
        .assert_stderr_has(said)
        .assert_stderr_has(
            "hint: if it is one person, remove the repeated record; if they really are two people",
        )
        .assert_stderr_has("--allow-duplicates")
        .assert_stdout_has("1 problem(s) in 1 of 12 records");
    let render = |extra: &[&str]| {
        let mut args = vec![
            "--lang",
            "en",
            "render",
            "--roster",
            &roster,
            "--out",
            "out",
            "--set",
            "ngay_cap=2019-11-20",
            "--set",
            PROGRAMME,
        ];
        args.extend_from_slice(extra);
        chungnhan(&dir, &args)
    };
    render(&[]).assert_code(2).assert_stderr_has(said);
    assert!(!dir.join("out").exists(), "nothing written");
    // In Vietnamese, as the clerk reads it.
    chungnhan(&dir, &["check", "--vars", issuer_vars(), "--roster", &roster]).assert_code(2).assert_stderr_has(
        "bản ghi 12 (dòng 13): Nguyễn Văn An, sinh ngày 02/03/1980, trùng họ tên và ngày sinh với bản ghi 7 (dòng 8)",
    );
    render(&["--allow-duplicates"]).assert_code(0).assert_stdout_has("Wrote 12 certificates");
    let files = files_in(&dir.join("out"));
    assert_eq!(files.iter().filter(|f| f.contains("nguyen-van-an")).count(), 2, "{files:?}");
}

/// Hoà and Hòa are one name written with the tone mark in two accepted places (as are Thuỷ and
/// Thủy), whatever the case and the spaces: a repeat. Hoa and Hòa, Thúy and Thủy are other
/// names: two people, even born on one day.
#[test]
fn tone_placed_two_ways_is_one_name_and_another_tone_is_another_name() {
    let dir = temp_dir("tone-placement");
    let run = chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "check",
            "--vars",
            issuer_vars(),
            "--roster",
            &fixture("rosters/same_person_with_the_tone_placed_two_ways.csv"),
        ],
    );
    run.assert_code(2)
        .assert_stderr_has("record 4 (line 5): LÊ VĂN HÒA, born on 05/07/1969, appears twice: the same name and date of birth as record 1 (line 2)")
        .assert_stderr_has("record 5 (line 6): Phan Thị Thủy, born in 1972, appears twice: the same name and date of birth as record 2 (line 3)")
        .assert_stdout_has("2 problem(s) in 2 of 5 records");
    chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "check",
            "--vars",
            issuer_vars(),
            "--roster",
            &fixture("rosters/two_people_named_hoa_and_hoa_with_a_tone.csv"),
        ],
    )
    .assert_code(0)
    .assert_stdout_has("4 records, no problems");
}

/// Two people of one name and date of birth in one roster, the later marked with an x in the
/// "Trùng tên" column: both are checked and written, without `--allow-duplicates`.
#[test]
fn a_record_marked_in_the_trung_ten_column_is_another_person() {
    let dir = temp_dir("trung-ten");
    let roster = fixture("rosters/two_people_of_one_name_marked_trung_ten.csv");
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", &roster])
        .assert_code(0)
        .assert_stdout_has("3 records, no problems");
    // Without the mark, the same roster is refused.
    let unmarked = std::fs::read_to_string(&roster).unwrap().replace(",x\n", ",\n");
    std::fs::write(dir.join("khong-danh-dau.csv"), unmarked).unwrap();
    chungnhan(&dir, &["--lang", "en", "check", "--vars", issuer_vars(), "--roster", "khong-danh-dau.csv"])
        .assert_code(2)
        .assert_stderr_has("record 3 (line 4): Nguyễn Văn Hùng, born on 03/02/1970, appears twice");
}

/// A template folder whose font is Liberation Serif with its licence set to "Restricted License
/// embedding" (OS/2 `fsType` = 2), as some commercial fonts ship: made here rather than stored,
/// so the repository carries no second copy of the font.
fn template_with_restricted_font(dir: &std::path::Path) -> String {
    let mut font =
        std::fs::read(format!("{}/fonts/LiberationSerif-Regular.ttf", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
    let os2 = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&r| &font[r..r + 4] == b"OS/2")
        .map(|r| u32::from_be_bytes(font[r + 8..r + 12].try_into().unwrap()) as usize)
        .expect("an OS/2 table");
    font[os2 + 8..os2 + 10].copy_from_slice(&2u16.to_be_bytes());
    let folder = dir.join("mau-phong-cam-nhung");
    std::fs::create_dir_all(folder.join("fonts")).unwrap();
    std::fs::write(folder.join("fonts/PhongCamNhung.ttf"), font).unwrap();
    std::fs::write(
        folder.join("template.toml"),
        "[fonts.\"Phong Cam Nhung\"]\nregular = \"fonts/PhongCamNhung.ttf\"\n\n\
         [[element]]\ntype = \"text\"\nname = \"ho_ten\"\ncontent = \"{{ ho_ten }}\"\n\
         font = \"Phong Cam Nhung\"\nx = 10\ny = 10\nw = 100\nh = 10\nsize = 14\n",
    )
    .unwrap();
    folder.display().to_string()
}

#[test]
fn render_refuses_a_font_whose_licence_forbids_embedding_naming_the_file() {
    let dir = temp_dir("restricted-font");
    let t = template_with_restricted_font(&dir);
    refuse(&roster_fixture("roster_218.csv"), &["--template", &t])
        .assert_stderr_has(&format!(
            "error: {t}/template.toml: {t}/fonts/PhongCamNhung.ttf: this font's licence (family Phong Cam Nhung) \
             forbids embedding it in documents, so it cannot print"
        ))
        .assert_stderr_has("hint: choose a font whose licence allows embedding");
    // And in Vietnamese, as a clerk reads it.
    let out = temp_dir("restricted-font-vi");
    let run = chungnhan(
        &out,
        &[
            "render",
            "--roster",
            &roster_fixture("roster_218.csv"),
            "--template",
            &t,
            "--out",
            "ra",
            "--set",
            "ngay_cap=2019-11-20",
        ],
    );
    run.assert_code(2)
        .assert_stderr_has("giấy phép của phông chữ này (họ Phong Cam Nhung) cấm nhúng vào tài liệu");
    assert!(!out.join("ra").exists());
}
