//! `render` as a user sees its output: the 218-record reference roster rendered, then every
//! name, unit and date line read back with poppler's `pdftotext`, fonts checked with `pdffonts`,
//! structure with `qpdf --check`. Nothing here looks at PDF bytes.

use std::path::Path;

use crate::common::*;
use unicode_normalization::UnicodeNormalization;

const DATE_LINE: &str = "Tân Bình, ngày 20 tháng 11 năm 2019";

/// Renders roster_218.csv with the seed's variables into a fresh folder.
fn render_218(roster: &str) -> (crate::common::TempDir, Run) {
    let dir = temp_dir("render218");
    let run = chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "render",
            "--roster",
            &roster_fixture(roster),
            "--vars",
            &example("tan-binh-2019.toml"),
            "--out",
            "out",
            "--merged",
            "tat-ca.pdf",
        ],
    );
    (dir, run)
}

fn file_name(rec: &std::collections::BTreeMap<String, String>) -> String {
    // Zero-padded to the roster's width (218 records: three digits), so files sort as the roster.
    format!("{:0>3}-{}.pdf", rec["stt"], chungnhan::viet::slug(&rec["ho_ten"]))
}

#[test]
fn render_218_writes_one_file_per_record_and_a_merged_file() {
    let (dir, run) = render_218("roster_218.csv");
    run.assert_code(0).assert_stdout_has("Wrote 218 certificates (PDF/A-2b)");
    let names = files_in(&dir.join("out"));
    assert_eq!(names.len(), 218, "{names:?}");
    for rec in read_csv(&roster_fixture("roster_218.csv")) {
        assert!(names.contains(&file_name(&rec)), "no file for {}", rec["ho_ten"]);
    }
    assert!(dir.join("tat-ca.pdf").is_file());
}

#[test]
fn render_218_every_name_unit_and_date_line_extracts_exactly() {
    if !have("pdftotext") {
        return;
    }
    let (dir, run) = render_218("roster_218.csv");
    run.assert_code(0);
    for rec in read_csv(&roster_fixture("roster_218.csv")) {
        let text = pdftotext(&dir.join("out").join(file_name(&rec)));
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        // Exactly as given, NFC, on a line of its own: never respelled, never tofu.
        assert!(
            lines.contains(&rec["ho_ten"].as_str()),
            "record {}: name {:?} not in\n{text}",
            rec["stt"],
            rec["ho_ten"]
        );
        assert!(text.contains(&format!("Đơn vị công tác: {}", rec["don_vi"])), "record {}: unit", rec["stt"]);
        assert!(text.contains(&format!("Chức vụ: {}", rec["chuc_vu"])), "record {}: position", rec["stt"]);
        let born = if rec["ngay_sinh"].len() == 4 { "Năm sinh: " } else { "Sinh ngày: " };
        assert!(text.contains(&format!("{born}{}", rec["ngay_sinh"])), "record {}: birth date", rec["stt"]);
        assert!(lines.contains(&DATE_LINE), "record {}: date line", rec["stt"]);
        assert_eq!(text.nfc().collect::<String>(), text, "record {}: extracted text is not NFC", rec["stt"]);
    }
}

#[test]
fn render_218_merged_file_has_every_page_in_roster_order() {
    if !have("pdftotext") {
        return;
    }
    let (dir, run) = render_218("roster_218.csv");
    run.assert_code(0);
    let merged = dir.join("tat-ca.pdf");
    assert_eq!(pdfinfo(&merged)["Pages"], "218");
    let text = pdftotext(&merged);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    for (i, rec) in read_csv(&roster_fixture("roster_218.csv")).iter().enumerate() {
        assert!(
            pages[i].lines().any(|l| l.trim() == rec["ho_ten"]),
            "page {} should be {}",
            i + 1,
            rec["ho_ten"]
        );
    }
}

/// The print file draws what its pages share (frame, headings, signature block) once and calls
/// it from every page. Every page must read and look exactly like its record's own file.
#[test]
fn render_218_print_file_pages_read_and_look_like_their_own_files() {
    if !have("pdftotext") || !have("pdftoppm") {
        return;
    }
    let (dir, run) = render_218("roster_218.csv");
    run.assert_code(0);
    assert_print_file_pages_are_their_own_files(&dir);
}

/// What the first eight pages share is what a print file draws once; a page that differs there
/// ("Chứng nhận bà" after eight "Chứng nhận ông") draws its own, and is as right as the others.
#[test]
fn render_print_file_pages_that_differ_from_the_first_eight_are_their_own_files_too() {
    if !have("pdftotext") || !have("pdftoppm") {
        return;
    }
    let (dir, run) = render_218("eight_men_then_two_women.csv");
    run.assert_code(0);
    let text = pdftotext(&dir.join("tat-ca.pdf"));
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages[..8].iter().all(|p| p.contains("Chứng nhận ông")));
    assert!(pages[8..10].iter().all(|p| p.contains("Chứng nhận bà")));
    assert_print_file_pages_are_their_own_files(&dir);
}

/// Each page of `dir/tat-ca.pdf` extracts the same text as, and renders (poppler, 36 dpi) pixel
/// for pixel like, the file of the same record in `dir/out` (its files sort in roster order).
fn assert_print_file_pages_are_their_own_files(dir: &Path) {
    let text = pdftotext(&dir.join("tat-ca.pdf"));
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let pixels = |pdf: &Path, to: &str| {
        let ok = std::process::Command::new("pdftoppm")
            .args(["-gray", "-r", "36", pdf.to_str().unwrap(), to])
            .status()
            .unwrap()
            .success();
        assert!(ok, "pdftoppm failed on {}", pdf.display());
    };
    pixels(&dir.join("tat-ca.pdf"), dir.join("in").to_str().unwrap());
    let own_files = files_in(&dir.join("out"));
    assert_eq!(own_files.len() + 1, pages.len(), "a page for every file, and the final form feed");
    let width = own_files.len().to_string().len();
    for (i, name) in own_files.iter().enumerate() {
        let own = dir.join("out").join(name);
        let own_text = pdftotext(&own);
        assert_eq!(pages[i], own_text.trim_end_matches('\u{c}'), "page {} reads differently", i + 1);
        pixels(&own, dir.join("own").to_str().unwrap());
        let drawn = grey_pixels(&dir.join(format!("in-{:0width$}.pgm", i + 1)));
        let alone = grey_pixels(&dir.join("own-1.pgm"));
        assert_eq!(drawn.len(), alone.len(), "page {} has another size", i + 1);
        let differ = drawn.iter().zip(&alone).filter(|(a, b)| a != b).count();
        assert!(
            differ == 0,
            "page {} of the print file looks different from {} ({differ} pixels)",
            i + 1,
            own.display()
        );
    }
}

/// A draft carries "BẢN NHÁP" across the page, seen but not text (copying a draft's page gives
/// its words only); the same record issued carries no such mark (regression: #27, drafts marked
/// only in the code's box).
#[test]
fn a_draft_is_marked_across_the_page_and_an_issued_certificate_never() {
    let dir = temp_dir("draft-mark");
    std::fs::write(dir.join("lop.csv"), "stt,ho_ten,ngay_sinh\n1,Nguyễn Minh Khương,02/03/1980\n").unwrap();
    let vars = issuer_vars();
    chungnhan(&dir, &["render", "--roster", "lop.csv", "--vars", vars, "--out", "nhap"]).assert_code(0);
    chungnhan(&dir, &["keygen", "--out", "keys", "--issuer", "Trung tâm", "--host", "xacthuc.example.vn"])
        .assert_code(0);
    chungnhan(&dir, &["issue", "--roster", "lop.csv", "--vars", vars, "--keys", "keys", "--out", "cap"])
        .assert_code(0);
    if !have("pdftoppm") || !have("pdftotext") {
        return;
    }
    let one = |folder: &str| dir.join(folder).join(&files_in(&dir.join(folder))[0]);
    let (draft, issued) = (one("nhap"), one("cap"));
    // The mark's light grey, counted in the middle of the page where it crosses.
    let light = |pdf: &Path, name: &str| -> usize {
        let to = dir.join(name);
        let ok = std::process::Command::new("pdftoppm")
            .args(["-gray", "-r", "36", "-singlefile", pdf.to_str().unwrap(), to.to_str().unwrap()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
        grey_pixels(&dir.join(format!("{name}.pgm"))).iter().filter(|&&v| (0xD8..=0xEE).contains(&v)).count()
    };
    let (marked, clean) = (light(&draft, "nhap"), light(&issued, "cap"));
    assert!(marked > clean + 3000, "draft {marked} light-grey pixels, issued {clean}");
    let text = pdftotext(&draft);
    assert!(text.contains("Nguyễn Minh Khương"), "{text}");
    assert_eq!(text.matches("BẢN NHÁP").count(), 1, "only the code's placeholder is text: {text}");
    assert!(!pdftotext(&issued).contains("BẢN NHÁP"));
}

/// The samples of a binary PGM (`P5`, 8-bit) as pdftoppm writes it.
fn grey_pixels(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    // Header: "P5", width, height, maximum, each after whitespace, then one whitespace byte.
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    assert!(bytes.starts_with(b"P5"), "{} is no binary PGM", path.display());
    bytes[i + 1..].to_vec()
}

#[test]
fn render_fonts_are_embedded_subsets_with_unicode_maps() {
    if !have("pdffonts") {
        return;
    }
    let (dir, run) = render_218("roster_218.csv");
    run.assert_code(0);
    for pdf in [dir.join("out/001-ly-xuan-tri.pdf"), dir.join("tat-ca.pdf")] {
        let fonts = pdffonts(&pdf);
        assert!(!fonts.is_empty());
        for (name, emb, sub, uni) in fonts {
            assert!(emb && sub && uni, "{}: font {name} emb={emb} sub={sub} uni={uni}", pdf.display());
            assert!(name.contains("+LiberationSerif"), "{name}: only the bundled fonts");
        }
    }
}

#[test]
fn render_output_passes_qpdf_check_and_is_pdf_a() {
    if !have("qpdf") || !have("pdfinfo") {
        return;
    }
    let (dir, run) = render_218("roster_218.csv");
    run.assert_code(0);
    for name in ["001-ly-xuan-tri.pdf", "019-cong-tang-ton-nu-thi-bich-ngoc.pdf", "210-luong-thi-an.pdf"] {
        let pdf = dir.join("out").join(name);
        qpdf_check(&pdf).unwrap_or_else(|e| panic!("{name}: {e}"));
        let info = pdfinfo(&pdf);
        assert_eq!(info["PDF version"], "1.7");
        assert_eq!(info["Pages"], "1");
        assert!(info["Title"].starts_with("Giấy chứng nhận – "), "{info:?}");
        assert_eq!(info["Author"], "QUẬN ỦY TÂN BÌNH – TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ");
        // 08:00 in Vietnam on the issue date (ngay_cap), never the clock.
        assert_eq!(info["CreationDate"], "Wed Nov 20 01:00:00 2019 UTC");
        assert_eq!(info["Page size"], "841.89 x 595.276 pts (A4)");
    }
    qpdf_check(&dir.join("tat-ca.pdf")).unwrap();
}

/// Each object qpdf finds in `pdf`: its number, whether it is a stream, and whether it is stored
/// inside an object stream (`qpdf --show-xref`, `qpdf --json`).
fn object_storage(pdf: &Path) -> Vec<(u32, bool, bool)> {
    let xref = tool("qpdf", &["--show-xref", pdf.to_str().unwrap()]);
    let json = tool("qpdf", &["--json=2", "--json-key=qpdf", pdf.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let objects = &json["qpdf"][1];
    String::from_utf8_lossy(&xref.stdout)
        .lines()
        .map(|line| {
            let (n, how) = line.split_once("/0: ").unwrap_or_else(|| panic!("{line}"));
            let is_stream = objects[format!("obj:{n} 0 R")].get("stream").is_some();
            (n.parse().unwrap(), is_stream, how.starts_with("compressed"))
        })
        .collect()
}

/// A file's dictionaries (fonts, widths, pages, the document information) are deflated in
/// object streams rather than written as plain text: a fifth of a certificate's size. What a
/// reader draws and extracts is what the other tests here check.
#[test]
fn render_keeps_every_dictionary_in_a_compressed_object_stream() {
    if !have("qpdf") {
        return;
    }
    let (dir, run) = render_218("roster_218.csv");
    run.assert_code(0);
    for pdf in [dir.join("out").join("001-ly-xuan-tri.pdf"), dir.join("tat-ca.pdf")] {
        let objects = object_storage(&pdf);
        let plain: Vec<_> = objects.iter().filter(|(_, stream, packed)| !stream && !packed).collect();
        assert!(plain.is_empty(), "{}: not in an object stream: {plain:?}", pdf.display());
        let packed = objects.iter().filter(|o| o.2).count();
        assert!(packed >= 15, "{}: only {packed} objects packed", pdf.display());
    }
}

#[test]
fn render_nfd_roster_prints_the_same_text_as_nfc() {
    if !have("pdftotext") {
        return;
    }
    let (a, run) = render_218("roster_218.csv");
    run.assert_code(0);
    let (b, run) = render_218("roster_218_nfd.csv");
    run.assert_code(0);
    for name in ["007-ton-nu-thi-hoang-phuong-thao.pdf", "044-quang-thi-am.pdf", "210-luong-thi-an.pdf"] {
        assert_eq!(pdftotext(&a.join("out").join(name)), pdftotext(&b.join("out").join(name)), "{name}");
    }
}

#[test]
fn render_is_deterministic() {
    let (a, _) = render_218("roster_218.csv");
    let (b, _) = render_218("roster_218.csv");
    for name in ["001-ly-xuan-tri.pdf", "102-ksor-h-bo.pdf"] {
        assert!(
            std::fs::read(a.join("out").join(name)).unwrap()
                == std::fs::read(b.join("out").join(name)).unwrap(),
            "{name} differs between runs"
        );
    }
}

#[test]
fn render_longest_name_fits_on_one_line() {
    if !have("pdftotext") {
        return;
    }
    let (dir, run) = render_218("roster_218.csv");
    run.assert_code(0);
    let text = pdftotext(&dir.join("out/019-cong-tang-ton-nu-thi-bich-ngoc.pdf"));
    assert!(text.lines().any(|l| l.trim() == "Công Tằng Tôn Nữ Thị Bích Ngọc"), "{text}");
}

#[test]
fn render_template_syntax_in_a_roster_value_prints_literally() {
    if !have("pdftotext") {
        return;
    }
    let dir = temp_dir("literal");
    chungnhan(
        &dir,
        &[
            "render",
            "--roster",
            &fixture("rosters/template_syntax_in_values.csv"),
            "--out",
            "out",
            "--set",
            "ngay_cap=2019-11-20",
            "--set",
            PROGRAMME,
        ],
    )
    .assert_code(0);
    let text = pdftotext(&dir.join("out/1-nguyen-ho-ten-an.pdf"));
    assert!(text.contains("Nguyễn {{ ho_ten }} An"), "{text}");
    assert!(text.contains("Chi bộ {% if true %}thôn{% endif %} Nà Khán"), "{text}");
    assert!(text.contains("{# không phải chú thích #}Bí thư"), "{text}");
}

#[test]
fn render_party_template_uses_party_header_and_comrade() {
    if !have("pdftotext") {
        return;
    }
    let dir = temp_dir("party");
    chungnhan(
        &dir,
        &[
            "render",
            "--roster",
            &example("roster.csv"),
            "--template",
            "giay-chung-nhan-dang",
            "--set",
            "ngay_cap=2019-11-20",
            "--set",
            "chuong_trinh=bồi dưỡng lý luận chính trị cho đảng viên mới",
            "--set",
            "quyen_han=K/T GIÁM ĐỐC",
            "--out",
            "out",
        ],
    )
    .assert_code(0);
    let text = pdftotext(&dir.join("out/019-cong-tang-ton-nu-thi-bich-ngoc.pdf"));
    for s in ["ĐẢNG CỘNG SẢN VIỆT NAM", "Chứng nhận đồng chí", "Số hiệu CNKT19-0019", "K/T GIÁM ĐỐC", "*"]
    {
        assert!(text.contains(s), "{s:?} not in\n{text}");
    }
    assert!(!text.contains("CỘNG HÒA XÃ HỘI"), "{text}");
}

#[test]
fn render_template_folder_with_png_background_and_transparent_seal() {
    let dir = temp_dir("images");
    chungnhan(
        &dir,
        &[
            "render",
            "--roster",
            &example("roster.csv"),
            "--template",
            &fixture("templates/with_images"),
            "--out",
            "out",
            "--set",
            "ngay_cap=2019-11-20",
        ],
    )
    .assert_code(0);
    let pdf = dir.join("out/001-ly-xuan-tri.pdf");
    if have("qpdf") {
        qpdf_check(&pdf).unwrap();
    }
    if have("pdftotext") {
        assert_eq!(pdfinfo(&pdf)["Page size"], "595.276 x 419.528 pts", "A5 landscape");
        assert!(pdftotext(&pdf).contains("Lý Xuân Trí"));
    }
}

/// A PNG header declaring `w` × `h` pixels (signature, IHDR with its CRC, IEND) and no pixels:
/// all a decoder needs to start allocating them.
fn png_header_only(w: u32, h: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = !0u32;
        for b in bytes {
            c ^= u32::from(*b);
            for _ in 0..8 {
                c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
        }
        !c
    }
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        let body = [kind, data].concat();
        c.extend_from_slice(&body);
        c.extend_from_slice(&crc(&body).to_be_bytes());
        c
    };
    let ihdr = [&w.to_be_bytes()[..], &h.to_be_bytes(), &[8, 2, 0, 0, 0]].concat();
    [&b"\x89PNG\r\n\x1a\n"[..], &chunk(b"IHDR", &ihdr), &chunk(b"IEND", b"")].concat()
}

/// A 40 000 × 40 000 background (4.7 MB of PNG, 4.8 GB decoded) once aborted the render: the
/// header's size is checked first, exit 2, nothing written (issue 28).
#[test]
fn render_refuses_a_background_past_the_pixel_budget() {
    let dir = temp_dir("huge-background");
    let tpl = dir.join("mau");
    std::fs::create_dir(&tpl).unwrap();
    for f in ["template.toml", "con-dau.png"] {
        std::fs::copy(Path::new(&fixture("templates/with_images")).join(f), tpl.join(f)).unwrap();
    }
    std::fs::write(tpl.join("nen.png"), png_header_only(40_000, 40_000)).unwrap();
    let args =
        ["--lang", "en", "render", "--roster", &example("roster.csv"), "--template", "mau", "--out", "out"];
    chungnhan(&dir, &args).assert_code(2).assert_stderr_has(
        "nen.png: 40000 × 40000 pixels, over the limit of 40 megapixels; scale the image down",
    );
    assert!(!dir.join("out").exists(), "nothing written");
    // Within the budget, the same template is read (check reads the images' headers only).
    std::fs::write(tpl.join("nen.png"), png_header_only(8000, 5000)).unwrap();
    let roster = example("roster.csv");
    chungnhan(&dir, &["check", "--roster", &roster, "--template", "mau", "--set", "ngay_cap=2019-11-20"])
        .assert_code(0);
}

/// A --vars file of megabytes, or a --set value past 64 KiB, is refused before it is held.
#[test]
fn oversized_vars_file_and_set_value_are_refused() {
    let dir = temp_dir("huge-vars");
    std::fs::write(dir.join("bien.toml"), format!("don_vi = \"{}\"\n", "Sở Giáo dục ".repeat(200_000)))
        .unwrap();
    chungnhan(&dir, &["--lang", "en", "check", "--roster", &example("roster.csv"), "--vars", "bien.toml"])
        .assert_code(2)
        .assert_stderr_has("the variables file is over the limit of 1024 KiB");
    let long = format!("don_vi={}", "x".repeat(70_000));
    chungnhan(&dir, &["--lang", "en", "check", "--roster", &example("roster.csv"), "--set", &long])
        .assert_code(2)
        .assert_stderr_has("the value is longer than 64 KiB; put it in a --vars file");
}

#[test]
fn render_leaves_no_temporary_files() {
    let (dir, run) = render_218("roster_218.csv");
    run.assert_code(0);
    let leftovers: Vec<String> = files_in(&dir.join("out"))
        .into_iter()
        .filter(|n| !n.ends_with(".pdf") || n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(Path::new(&dir.join("tat-ca.pdf")).is_file());
}

#[test]
fn render_pdf_page_background_is_drawn_under_the_text() {
    // A designer's blank as background: here, a page this tool rendered itself.
    let dir = temp_dir("pdf-bg");
    chungnhan(
        &dir,
        &[
            "render",
            "--roster",
            &fixture("rosters/split_name_columns.csv"),
            "--merged",
            "nen.pdf",
            "--set",
            "ngay_cap=2019-11-20",
            "--set",
            PROGRAMME,
        ],
    )
    .assert_code(0);
    let tpl = dir.join("mau");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::rename(dir.join("nen.pdf"), tpl.join("nen.pdf")).unwrap();
    std::fs::write(
        tpl.join("template.toml"),
        "[background]\nfile = \"nen.pdf\"\npage = 2\n[fields.ho_ten]\nrequired = true\n\n[[element]]\ntype = \"text\"\nname = \"ten\"\ncontent = \"Người nhận: {{ ho_ten }}\"\nx = 20\ny = 190\nw = 200\nh = 10\nsize = 12\n",
    )
    .unwrap();
    let run =
        chungnhan(&dir, &["render", "--roster", &example("roster.csv"), "--template", "mau", "--out", "out"]);
    run.assert_code(0).assert_stdout_has("(PDF)");
    let pdf = dir.join("out/001-ly-xuan-tri.pdf");
    if have("pdftotext") {
        let text = pdftotext(&pdf);
        assert!(text.contains("Ksor H’Bơ"), "the background page's own text is there:\n{text}");
        assert!(text.contains("Người nhận: Lý Xuân Trí"), "{text}");
    }
    if have("qpdf") {
        qpdf_check(&pdf).unwrap();
    }
}

#[test]
fn render_merged_only_writes_just_the_print_file() {
    let dir = temp_dir("merged-only");
    chungnhan(
        &dir,
        &[
            "--lang",
            "en",
            "render",
            "--roster",
            &example("roster.csv"),
            "--merged",
            "in/tat-ca.pdf",
            "--set",
            PROGRAMME,
        ],
    )
    .assert_code(0)
    .assert_stdout_has("Wrote 218 certificates (PDF/A-2b) into the print file in/tat-ca.pdf");
    assert_eq!(files_in(&dir), ["in"]);
    assert_eq!(files_in(&dir.join("in")), ["tat-ca.pdf"]);
}

/// The top (in pt from the page's top) of the first word `word` on the first page, from poppler.
fn word_top(pdf: &Path, word: &str) -> Option<f32> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    html.lines().find(|l| l.ends_with(&format!(">{word}</word>"))).map(|l| {
        let y = &l[l.find("yMin=\"").unwrap() + 6..];
        y[..y.find('"').unwrap()].parse().unwrap()
    })
}

/// A record without Chức vụ leaves no blank line: the rows below close up by one row, and the
/// programme sentence keeps "ngày 15/11/2019" together (regression: #14).
#[test]
fn render_an_empty_optional_row_closes_up_and_dates_stay_whole() {
    if !have("pdftotext") {
        return;
    }
    let dir = temp_dir("render-flow");
    std::fs::write(
        dir.join("lop.csv"),
        "stt,ho_ten,ngay_sinh,chuc_vu,don_vi\n1,Lương Thị Ẩn,05/02/1980,Giáo viên,Trường THCS Nhân Lý\n2,Đặng Văn Thuỷ,01/01/1970,,Trường THCS Nhân Lý\n",
    )
    .unwrap();
    chungnhan(
        &dir,
        &["render", "--roster", "lop.csv", "--vars", &example("tan-binh-2019.toml"), "--out", "out"],
    )
    .assert_code(0);
    let (with, without) = (dir.join("out/1-luong-thi-an.pdf"), dir.join("out/2-dang-van-thuy.pdf"));
    let chuc_vu = word_top(&with, "Chức").expect("Chức vụ printed");
    assert!(word_top(&without, "Chức").is_none());
    let don_vi = word_top(&with, "Đơn").unwrap();
    let moved = word_top(&without, "Đơn").unwrap();
    assert!((moved - chuc_vu).abs() < 0.5, "Đơn vị moves up into the empty row: {moved} vs {chuc_vu}");
    assert!(don_vi - moved > 15.0);
    for pdf in [&with, &without] {
        let text = pdftotext(pdf);
        assert!(text.contains("ngày 15/11/2019."), "{text}");
        assert!(!text.lines().any(|l| l.trim() == "15/11/2019."), "a date alone on a line: {text}");
    }
}

/// Every built-in template (at least six: the two certificates, the chứng chỉ in portrait, the
/// bilingual one, the giấy khen, the A5 one and the one for pre-printed blanks) prints the
/// 218-record roster exactly: each name on its page as given, in roster order; fonts embedded as
/// subsets with Unicode maps; qpdf finds nothing wrong (regression: #15).
#[test]
fn every_builtin_template_renders_the_218_roster_exactly() {
    let dir = temp_dir("builtins");
    let list = chungnhan(&dir, &["templates"]);
    list.assert_code(0);
    let names: Vec<String> = list
        .stdout
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    assert!(names.len() >= 6, "{names:?}");
    for wanted in
        ["chung-chi", "giay-chung-nhan-song-ngu", "giay-khen", "giay-chung-nhan-a5", "giay-chung-nhan-phoi"]
    {
        assert!(names.iter().any(|n| n == wanted), "{wanted} in {names:?}");
    }
    let tools = have("pdftotext") && have("pdffonts") && have("qpdf");
    let roster = read_csv(&roster_fixture("roster_218.csv"));
    for name in &names {
        let merged = format!("{name}.pdf");
        // What each template asks for beyond the sample's variables (none prints a default).
        let own: &[&str] = match name.as_str() {
            "chung-chi" => &["--set", "loai_chung_chi=bồi dưỡng ngạch chuyên viên"],
            "giay-khen" => &["--set", "thanh_tich=xuất sắc trong học tập"],
            "giay-chung-nhan-song-ngu" => &[
                "--set",
                "co_quan_en=POLITICAL TRAINING CENTRE",
                "--set",
                "chuong_trinh_en=knowledge update 2019",
                "--set",
                "thoi_gian_en=from 11 to 15 November 2019",
                "--set",
                "chuc_danh_ky_en=DEPUTY DIRECTOR",
            ],
            _ => &[],
        };
        let args = [
            "render",
            "--template",
            name,
            "--roster",
            &roster_fixture("roster_218.csv"),
            "--vars",
            &example("tan-binh-2019.toml"),
            "--merged",
            &merged,
            "-q",
        ];
        chungnhan(&dir, &[&args[..], own].concat())
            .assert_code(0)
            .assert_stdout_has("Đã ghi 218 giấy chứng nhận (PDF/A-2b)");
        if !tools {
            continue;
        }
        let pdf = dir.join(&merged);
        let text = pdftotext(&pdf);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        for (i, rec) in roster.iter().enumerate() {
            assert!(
                pages[i].lines().any(|l| l.trim() == rec["ho_ten"]),
                "{name}, page {}: {:?} not on a line of its own:\n{}",
                i + 1,
                rec["ho_ten"],
                pages[i]
            );
        }
        assert_eq!(text.nfc().collect::<String>(), text, "{name}: extracted text is not NFC");
        for (font, emb, sub, uni) in pdffonts(&pdf) {
            assert!(emb && sub && uni, "{name}: font {font} emb={emb} sub={sub} uni={uni}");
        }
        qpdf_check(&pdf).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// The first person of the sample roster, alone in a roster.
fn one_person(dir: &Path) -> String {
    let sample = std::fs::read_to_string(example("roster.csv")).unwrap();
    let head: Vec<&str> = sample.lines().take(2).collect();
    std::fs::write(dir.join("mot.csv"), head.join("\n") + "\n").unwrap();
    "mot.csv".into()
}

/// What the built-in templates used to print when nobody said (issue 27, item 7): a programme
/// ("bồi dưỡng cập nhật kiến thức"), a kind of chứng chỉ ("BỒI DƯỠNG THEO TIÊU CHUẨN CHỨC
/// DANH"), an achievement ("xuất sắc trong học tập"). Each is now asked for by its label, with
/// how to give it, by `check`, `render` and `issue` alike, and nothing is written; given, it is
/// what the certificate prints.
#[test]
fn content_no_template_can_guess_is_asked_for_by_its_label() {
    let dir = temp_dir("required-vars");
    let roster = one_person(&dir);
    // The issuing body's texts without a programme.
    let issuer = std::fs::read_to_string(issuer_vars()).unwrap();
    let own: Vec<&str> = issuer.lines().filter(|l| !l.starts_with("chuong_trinh")).collect();
    std::fs::write(dir.join("don-vi.toml"), own.join("\n")).unwrap();
    for (template, var, label, value) in [
        ("giay-chung-nhan", "chuong_trinh", "tên chương trình học", "bồi dưỡng kết nạp Đảng năm 2019"),
        ("giay-chung-nhan-a5", "chuong_trinh", "tên chương trình học", "bồi dưỡng kết nạp Đảng năm 2019"),
        (
            "chung-chi",
            "loai_chung_chi",
            "loại chứng chỉ (dòng in dưới chữ CHỨNG CHỈ)",
            "bồi dưỡng ngạch chuyên viên",
        ),
        (
            "giay-khen",
            "thanh_tich",
            "thành tích được khen (in sau \"Đã có thành tích\")",
            "hoàn thành xuất sắc nhiệm vụ năm 2019",
        ),
    ] {
        let base = ["--template", template, "--roster", &roster, "--vars", "don-vi.toml"];
        let others: &[&str] = match template {
            "chung-chi" => &["--set", "chuong_trinh=bồi dưỡng kết nạp Đảng năm 2019"],
            _ => &[],
        };
        let asked = format!("lỗi: chưa có {label} (biến {var}): mẫu không tự điền nội dung này, mỗi đợt phải ghi rõ\ngợi ý: ghi trong tệp --vars ({var} = \"…\"");
        for command in [
            &["check"][..],
            &["render", "--out", "out"],
            &["issue", "--keys", "keys", "--register", "so.sqlite", "--out", "out"],
        ] {
            let run = chungnhan(&dir, &[command, &base, others].concat());
            run.assert_code(2).assert_stderr_has(&asked);
            if command[0] == "check" {
                // The summary agrees with the errors and the exit code.
                run.assert_stdout_has("1 bản ghi không có lỗi, nhưng còn 1 thông tin khóa học chưa điền");
                assert!(!run.stdout.contains("không có lỗi\n"), "{template}: {}", run.stdout);
            }
        }
        assert!(!dir.join("out").exists() && !dir.join("so.sqlite").exists(), "{template}: nothing written");
        let set = format!("{var}={value}");
        let out = format!("out-{template}");
        chungnhan(&dir, &[&["render", "--out", &out, "-q"], &base[..], others, &["--set", &set]].concat())
            .assert_code(0);
        if have("pdftotext") {
            let pdf = dir.join(&out).join(files_in(&dir.join(&out))[0].as_str());
            let text = pdftotext(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
            let printed = if var == "loai_chung_chi" { value.to_uppercase() } else { value.to_string() };
            assert!(text.contains(&printed), "{template}: {printed:?} not in {text}");
            for default in ["cập nhật kiến thức", "THEO TIÊU CHUẨN CHỨC DANH", "xuất sắc trong học tập"]
            {
                assert!(!text.contains(default), "{template}: a default {default:?} printed: {text}");
            }
        }
    }
}

/// The bilingual template asks for its English texts — the body, the programme, the signer's
/// title, and the duration when the Vietnamese one is given — instead of leaving them empty or
/// printing a sentence that names no programme.
#[test]
fn the_bilingual_template_asks_for_its_english_texts() {
    let dir = temp_dir("bilingual");
    let roster = one_person(&dir);
    let base = ["render", "--template", "giay-chung-nhan-song-ngu", "--roster", &roster, "--vars"];
    let run = chungnhan(&dir, &[&base[..], &[&example("tan-binh-2019.toml"), "--out", "out"]].concat());
    run.assert_code(2);
    for (var, label) in [
        ("co_quan_en", "tên cơ quan cấp giấy bằng tiếng Anh"),
        ("chuong_trinh_en", "tên chương trình học bằng tiếng Anh"),
        ("chuc_danh_ky_en", "chức danh người ký bằng tiếng Anh"),
        ("thoi_gian_en", "thời gian học bằng tiếng Anh"),
    ] {
        run.assert_stderr_has(&format!("lỗi: chưa có {label} (biến {var})"));
    }
    assert!(!dir.join("out").exists());
    let english = [
        "--set",
        "co_quan_en=TAN BINH POLITICAL TRAINING CENTRE",
        "--set",
        "chuong_trinh_en=Knowledge Update 2019",
        "--set",
        "chuc_danh_ky_en=DEPUTY DIRECTOR",
        "--set",
        "thoi_gian_en=from 11 to 15 November 2019",
    ];
    chungnhan(&dir, &[&base[..], &[&example("tan-binh-2019.toml"), "--out", "out", "-q"], &english].concat())
        .assert_code(0);
    if have("pdftotext") {
        let text = pdftotext(&dir.join("out").join(files_in(&dir.join("out"))[0].as_str()));
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for s in [
            "TAN BINH POLITICAL TRAINING CENTRE",
            "has completed the programme Knowledge Update 2019, from 11 to 15 November 2019.",
            "DEPUTY DIRECTOR",
        ] {
            assert!(text.contains(s), "{s:?} not in {text}");
        }
        assert!(!text.contains("named above"), "{text}");
    }
}

/// The programme sentence breaks between phrases, never inside a word pair (issue 27: the
/// programme line broke "kiến | thức"): programmes that broke "kiến | thức", "nghề | nghiệp"
/// before, on the A4 and the A5 template, read back line by line. A no-break space typed in the
/// programme (U+00A0) holds its two words on one line.
#[test]
fn the_programme_sentence_breaks_between_phrases_never_inside_a_word_pair() {
    if !have("pdftotext") {
        return;
    }
    let dir = temp_dir("programme-breaks");
    let roster = one_person(&dir);
    // The pairs the issue names, as a reader would list them.
    let pairs = [
        ("kiến", "thức"),
        ("bồi", "dưỡng"),
        ("chính", "trị"),
        ("chức", "danh"),
        ("lý", "luận"),
        ("cán", "bộ"),
        ("công", "chức"),
        ("đào", "tạo"),
        ("chương", "trình"),
        ("học", "tập"),
        ("nghề", "nghiệp"),
    ];
    let programmes = [
        "bồi dưỡng cập nhật kiến thức năm 2019",
        "đào tạo, bồi dưỡng theo tiêu chuẩn chức danh nghề nghiệp giáo viên trung học cơ sở hạng II",
        "bồi dưỡng cập nhật kiến thức, kỹ năng chuyên môn cho cán bộ, công chức cấp xã năm 2019",
        "bồi dưỡng lý luận chính trị và học tập chuyên đề khóa\u{a0}XII cho cán bộ, công chức",
    ];
    for template in ["giay-chung-nhan", "giay-chung-nhan-a5", "chung-chi"] {
        for (i, programme) in programmes.iter().enumerate() {
            let out = format!("{template}-{i}");
            let set = format!("chuong_trinh={programme}");
            let mut args = vec!["render", "--template", template, "--roster", &roster, "--out", &out, "-q"];
            args.extend([
                "--vars",
                issuer_vars(),
                "--set",
                &set,
                "--set",
                "thoi_gian=từ ngày 11/11/2019 đến ngày 15/11/2019",
            ]);
            args.extend(["--set", "loai_chung_chi=bồi dưỡng"].iter().filter(|_| template == "chung-chi"));
            chungnhan(&dir, &args).assert_code(0);
            let text = pdftotext(&dir.join(&out).join(files_in(&dir.join(&out))[0].as_str()));
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            let start = lines.iter().position(|l| l.starts_with("Đã hoàn thành")).expect("the sentence");
            let end =
                start + lines[start..].iter().position(|l| l.ends_with("15/11/2019.")).expect("its end");
            let sentence = &lines[start..=end];
            assert!(sentence.len() >= 2, "{template}: the sentence is on one line: {sentence:?}");
            for w in sentence.windows(2) {
                let (last, first) = (w[0].rsplit(' ').next().unwrap(), w[1].split(' ').next().unwrap());
                assert!(
                    !pairs.contains(&(&last.to_lowercase()[..], &first.to_lowercase()[..])),
                    "{template}: {last} | {first} split:\n{}",
                    sentence.join("\n")
                );
                assert_ne!(
                    last,
                    "khóa",
                    "{template}: the no-break space was broken:\n{}",
                    sentence.join("\n")
                );
            }
        }
    }
}

/// The A5 template leaves an office room to sign and stamp (issue 27: ~13 mm before): 30 to
/// 36 mm between the signer's title and printed name, with a one-line title and a two-line one,
/// and the longest name and unit of an office still fit. Measured on the page with poppler's
/// word boxes.
#[test]
fn the_a5_template_leaves_room_to_sign_and_stamp() {
    if !have("pdftotext") {
        return;
    }
    let dir = temp_dir("a5-signature");
    std::fs::write(
        dir.join("dai.csv"),
        "stt,ho_ten,gioi_tinh,ngay_sinh,noi_sinh,chuc_vu,don_vi\n1,Công Tằng Tôn Nữ Thị Bích Ngọc Hoàng Phương,Nữ,07/04/1975,\"Xã Quỳnh Lưu, huyện Quỳnh Lưu, tỉnh Nghệ An\",Phó Chủ tịch Hội Cựu chiến binh,Hội Cựu chiến binh xã Hùng Mỹ\n",
    )
    .unwrap();
    for (title, last_word) in [("Phó Giám đốc", "ĐỐC"), ("Phó Giám đốc Trung tâm Bồi dưỡng chính trị", "TRỊ")]
    {
        let set = format!("chuc_danh_ky={title}");
        let run = chungnhan(
            &dir,
            &[
                "render",
                "--template",
                "giay-chung-nhan-a5",
                "--roster",
                "dai.csv",
                "--vars",
                issuer_vars(),
                "--set",
                &set,
                "--set",
                "dia_danh=Thành phố Hồ Chí Minh",
                "--merged",
                "a5.pdf",
            ],
        );
        run.assert_code(0);
        assert!(!run.stderr.contains("ho_ten"), "the long name fits as it is: {}", run.stderr);
        let out = tool("pdftotext", &["-bbox", dir.join("a5.pdf").to_str().unwrap(), "-"]);
        let boxes: Vec<(String, f32, f32)> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| {
                let num = |k: &str| -> Option<f32> {
                    l.split(&format!("{k}=\"")).nth(1)?.split('"').next()?.parse().ok()
                };
                Some((l.split('>').nth(1)?.split('<').next()?.to_string(), num("yMin")?, num("yMax")?))
            })
            .collect();
        let find =
            |w: &str| boxes.iter().rev().find(|(t, _, _)| t == w).unwrap_or_else(|| panic!("no {w}")).clone();
        let title_bottom = find(last_word).2;
        let name_top = find("Trần").1;
        let gap_mm = (name_top - title_bottom) / 72.0 * 25.4;
        assert!((30.0..=36.0).contains(&gap_mm), "{title}: {gap_mm:.1} mm between the title and the name");
    }
}
