//! The rows an office writes under its list — "Tổng cộng: 20 người", "Người lập biểu … Thủ
//! trưởng đơn vị", "Tân Bình, ngày 20 tháng 11 năm 2019", "(Ký, ghi rõ họ tên)" and the names
//! under them — told from the records, so that they are skipped with a note instead of read as
//! people with empty dates of birth.
//!
//! In: the data rows' cells, in order. Out: where the footer starts, if there is one.
//!
//! Invariants: a footer is a block at the very end, at most [`MAX_FOOTER_ROWS`] rows, that
//! starts with a row that says what it is (a total, a signature heading, a place and date) and
//! holds no row shaped like a record (a number or a date beside a name) except a total's.
//! Anything else stays a record, and a record that is wrong is reported as such: a row is never
//! dropped because it merely could be a footer. Every skipped row is named in the note.

/// More rows than this after the last record are data, however they read: a signature block
/// with its titles, names, date and seal note is a dozen rows.
pub const MAX_FOOTER_ROWS: usize = 20;

/// What a data row looks like, seen on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A person's record: a name beside a number (STT) or a date.
    Record,
    /// A total ("Tổng cộng", "Cộng", "Tổng số"): ends the list even beside a number.
    Total,
    /// A signature heading, a title over a signature, a place and date, "(Ký, ghi rõ họ tên)".
    Closing,
    /// Anything else (a signer's name under a heading, a note).
    Other,
}

/// Which of `rows` (each row's non-empty-or-not cells, in order) is the first of a footer, if
/// they end with one: the first total or closing row after the last record, when no more than
/// [`MAX_FOOTER_ROWS`] rows follow it. A list with no row shaped like a record has no footer
/// here (there is nothing to tell a footer from).
pub fn footer_start(kinds: &[RowKind]) -> Option<usize> {
    let last_record = kinds.iter().rposition(|k| *k == RowKind::Record)?;
    let start =
        (last_record + 1..kinds.len()).find(|&i| matches!(kinds[i], RowKind::Total | RowKind::Closing))?;
    (kinds.len() - start <= MAX_FOOTER_ROWS).then_some(start)
}

/// What `cells` look like (see [`RowKind`]).
pub fn row_kind<S: AsRef<str>>(cells: &[S]) -> RowKind {
    let filled: Vec<&str> = cells.iter().map(|c| c.as_ref().trim()).filter(|c| !c.is_empty()).collect();
    let record = filled.iter().any(|c| name_like(c)) && filled.iter().any(|c| number_like(c) || date_like(c));
    // A footer row has few cells; a record's row, most of its columns.
    if filled.len() > 4 {
        return if record { RowKind::Record } else { RowKind::Other };
    }
    let words: Vec<Vec<String>> = filled.iter().map(|c| words(c)).collect();
    let is_total = |w: &Vec<String>| {
        starts(w, &["tong", "cong"])
            || starts(w, &["tong", "so"])
            // "Cộng" alone is also a given name ("Nguyễn Văn | Cộng"): a total only beside numbers.
            || (w.len() == 1 && w[0] == "cong" && filled.iter().filter(|c| !number_like(c)).count() == 1)
    };
    if words.iter().any(is_total) {
        return RowKind::Total;
    }
    if record {
        return RowKind::Record;
    }
    if words.iter().any(|w| closing(w)) {
        return RowKind::Closing;
    }
    RowKind::Other
}

/// A cell's words, folded (no diacritics, lower case, đ → d), split at every non-letter.
fn words(cell: &str) -> Vec<String> {
    crate::viet::slug(cell).split('-').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

fn starts(words: &[String], prefix: &[&str]) -> bool {
    words.len() >= prefix.len() && words.iter().zip(prefix).all(|(w, p)| w == p)
}

/// A signature heading or the title over a signature, a place and date, or a signing note.
fn closing(w: &[String]) -> bool {
    const HEADINGS: &[&[&str]] = &[
        &["nguoi", "lap"],
        &["lap", "bieu"],
        &["thu", "truong"],
        &["xac", "nhan"],
        &["ky", "ten"],
        &["ky", "ghi", "ro"],
        &["ky", "va", "ghi", "ro"],
        &["ky", "ho", "ten"],
        &["ghi", "ro", "ho", "ten"],
        &["an", "dinh", "danh", "sach"],
        &["danh", "sach", "nay"],
        &["danh", "sach", "co"],
        &["danh", "sach", "gom"],
        &["nguoi", "duyet"],
        &["nguoi", "kiem", "tra"],
        &["noi", "nhan"],
        &["giam", "doc"],
        &["pho", "giam", "doc"],
        &["hieu", "truong"],
        &["pho", "hieu", "truong"],
        &["truong", "phong"],
        &["truong", "ban"],
        &["truong", "khoa"],
        &["ke", "toan"],
        &["chu", "tich"],
        &["bi", "thu"],
        &["thu", "ky"],
    ];
    // "KT. GIÁM ĐỐC", "T/M BAN THƯỜNG VỤ", "Q. HIỆU TRƯỞNG": the authority before a title.
    let title = match w.first().map(String::as_str) {
        Some("kt" | "tm" | "tl" | "tuq" | "q") if w.len() > 1 => &w[1..],
        Some("k" | "t") if w.get(1).is_some_and(|x| x == "t" || x == "m") && w.len() > 2 => &w[2..],
        _ => w,
    };
    if title.len() < w.len() && !title.is_empty() {
        return true;
    }
    // "Tân Bình, ngày 20 tháng 11 năm 2019", "Ngày … tháng … năm …".
    let at = |word: &str| w.iter().position(|x| x == word);
    if let (Some(d), Some(m), Some(y)) = (at("ngay"), at("thang"), at("nam")) {
        if d < m && m < y {
            return true;
        }
    }
    HEADINGS.iter().any(|h| starts(w, h))
}

/// One to six words, each a capital and then letters (or an apostrophe or hyphen: H'Hen).
fn name_like(v: &str) -> bool {
    let n = v.split_whitespace().count();
    (1..=6).contains(&n)
        && v.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
        })
}

/// A bare number, as an STT or a year is.
fn number_like(v: &str) -> bool {
    (1..=6).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit())
}

/// A date as rosters write one: 7/4/1975, 07-04-1975, 07.04.1975, 1975-04-07.
fn date_like(v: &str) -> bool {
    let parts: Vec<&str> = v.split(['/', '-', '.']).collect();
    parts.len() == 3
        && parts.iter().all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A row as the note names it: its filled cells, " | " between them, cut at 60 characters.
pub fn row_text<S: AsRef<str>>(cells: &[S]) -> String {
    let text =
        cells.iter().map(|c| c.as_ref().trim()).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" | ");
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(row: &str) -> RowKind {
        row_kind(&row.split(',').collect::<Vec<_>>())
    }

    #[test]
    fn rows_under_a_list_are_told_from_its_records() {
        assert_eq!(kind("20,Nguyễn Thị Mai,Nữ,07/08/1982,Trường THCS Nhân Lý"), RowKind::Record);
        assert_eq!(kind("3,Nguyễn Văn,Cộng,1980"), RowKind::Record);
        assert_eq!(kind("Tổng cộng: 20 người,,,"), RowKind::Total);
        assert_eq!(kind("TỔNG CỘNG,20"), RowKind::Total);
        assert_eq!(kind("Cộng,20"), RowKind::Total);
        assert_eq!(kind(",Người lập biểu,,Thủ trưởng đơn vị"), RowKind::Closing);
        assert_eq!(kind(",,,Tân Bình, ngày 20 tháng 11 năm 2019"), RowKind::Closing);
        assert_eq!(kind(",,,Ngày … tháng … năm …"), RowKind::Closing);
        assert_eq!(kind(",(Ký, ghi rõ họ tên),,(Ký tên, đóng dấu)"), RowKind::Closing);
        assert_eq!(kind(",,,KT. GIÁM ĐỐC"), RowKind::Closing);
        assert_eq!(kind(",,,T/M BAN THƯỜNG VỤ"), RowKind::Closing);
        assert_eq!(kind(",Lê Văn Tám,,Trần Minh Đức"), RowKind::Other);
        // A person whose title is a signer's is a record all the same.
        assert_eq!(kind("21,Trần Văn Bốn,Giám đốc"), RowKind::Record);
    }

    #[test]
    fn a_footer_is_a_short_block_after_the_last_record_that_says_what_it_is() {
        use RowKind::*;
        assert_eq!(footer_start(&[Record, Record, Total, Closing, Other, Closing]), Some(2));
        assert_eq!(footer_start(&[Record, Other, Closing, Other]), Some(2), "the note before it stays");
        assert_eq!(footer_start(&[Record, Closing, Record]), None, "a record after it: not the end");
        assert_eq!(footer_start(&[Record, Other, Other]), None, "nothing says it is a footer");
        assert_eq!(footer_start(&[Closing, Other]), None, "no record to tell it from");
        let long: Vec<RowKind> = [Record].into_iter().chain([Closing; MAX_FOOTER_ROWS + 1]).collect();
        assert_eq!(footer_start(&long), None);
    }

    #[test]
    fn a_row_is_named_by_its_cells() {
        assert_eq!(
            row_text(&["", "Người lập biểu", "", "Thủ trưởng đơn vị"]),
            "Người lập biểu | Thủ trưởng đơn vị"
        );
        assert_eq!(row_text(&["x".repeat(70)]).chars().count(), 61);
    }
}
