//! Small text measures shared by the messages that suggest what the user meant.

/// Levenshtein distance between two short texts (serials, variable names), by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidates closest to `word` (at most `max_distance` edits away, the closest only).
pub fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max_distance: usize,
) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (edit_distance(c, word), c))
        .filter(|(d, _)| *d <= max_distance)
        .collect();
    scored.sort();
    let best = scored.first().map_or(0, |(d, _)| *d);
    scored.into_iter().filter(|(d, _)| *d == best).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_is_one_edit_and_the_nearest_names_win() {
        assert_eq!(edit_distance("nguoi_kyy", "nguoi_ky"), 1);
        assert_eq!(edit_distance("CN199002", "CN190002"), 1);
        assert_eq!(nearest("nguoi_kyy", ["nguoi_ky", "nguoi_cap", "ngay_cap"], 2), ["nguoi_ky"]);
        assert!(nearest("xyz", ["nguoi_ky"], 2).is_empty());
    }
}
