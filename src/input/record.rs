//! Stage 2: roster rows → certificate records. Maps the roster's headers onto the template's
//! fields (names and aliases, matched ignoring case, diacritics, spaces and punctuation), then
//! checks and normalises every row, collecting all of a row's problems rather than the first.
//!
//! Values are never respelled: a name is kept exactly as given (NFC). Only dates of birth and
//! gender are rewritten to their printed forms (`04/03/1975`, `Nam`/`Nữ`).

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::{Origin, Problem, RecordError};
use crate::input::fields::{self, FieldKind, FieldSpec, RecordFields};
use crate::input::legacy;
use crate::input::roster::{Roster, RosterError, RosterRow};
use crate::viet::{self, Date};

/// A validated row: the values templates see, and where each came from.
#[derive(Debug, Clone, PartialEq)]
pub struct CertRecord {
    /// Where the row is in the roster.
    pub origin: Origin,
    /// Field (or folded header) → value.
    pub values: Values,
    /// Field → the roster header it was read from, for messages (the same for every record of
    /// a roster, so shared: a map for each of 100,000 records was half a kilobyte each).
    pub columns: Arc<BTreeMap<String, String>>,
    /// What was read generously and should be said (a word repaired from a wrong code page).
    pub notes: Vec<Problem>,
}

/// A record's values by field, in the order of their names. The names are the same for every
/// record of a roster and shared by them; each record has only its values. (A map of its own
/// for each of 100,000 records was 600 bytes each: tree nodes and a copy of every name.)
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Values {
    /// Sorted, without repeats.
    keys: Arc<[String]>,
    /// One per key.
    values: Vec<String>,
}

impl Values {
    /// Empty values for `keys` (sorted, without repeats).
    fn for_keys(keys: Arc<[String]>) -> Values {
        let values = vec![String::new(); keys.len()];
        Values { keys, values }
    }

    /// The values of `map`, sharing `keys` when they are the map's names (and making them so
    /// when they are not): records read back one by one share their names too.
    pub fn from_map(map: BTreeMap<String, String>, keys: &mut Arc<[String]>) -> Values {
        if !(keys.len() == map.len() && keys.iter().zip(map.keys()).all(|(a, b)| a == b)) {
            *keys = map.keys().cloned().collect();
        }
        Values { keys: keys.clone(), values: map.into_values().collect() }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&String> {
        self.keys.binary_search_by(|k| k.as_str().cmp(key)).ok().map(|i| &self.values[i])
    }

    /// Sets the value of `key`, returning the one it replaces. A key the roster's records do
    /// not have gives this record names of its own.
    pub fn insert(&mut self, key: String, value: String) -> Option<String> {
        match self.keys.binary_search_by(|k| k.as_str().cmp(&key)) {
            Ok(i) => Some(std::mem::replace(&mut self.values[i], value)),
            Err(i) => {
                let mut keys = self.keys.to_vec();
                keys.insert(i, key);
                self.keys = keys.into();
                self.values.insert(i, value);
                None
            }
        }
    }

    /// [`Values::insert`] without making a name for a key the record has already.
    pub fn set(&mut self, key: &str, value: String) {
        match self.keys.binary_search_by(|k| k.as_str().cmp(key)) {
            Ok(i) => self.values[i] = value,
            Err(_) => {
                self.insert(key.to_string(), value);
            }
        }
    }

    /// As a map of their own.
    pub fn into_map(self) -> BTreeMap<String, String> {
        self.keys.iter().cloned().zip(self.values).collect()
    }

    /// Names and values, in the order of the names.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.into_iter()
    }
}

impl<'a> IntoIterator for &'a Values {
    type Item = (&'a String, &'a String);
    type IntoIter = std::iter::Zip<std::slice::Iter<'a, String>, std::slice::Iter<'a, String>>;
    fn into_iter(self) -> Self::IntoIter {
        self.keys.iter().zip(&self.values)
    }
}

impl std::ops::Index<&str> for Values {
    type Output = String;
    fn index(&self, key: &str) -> &String {
        self.get(key).unwrap_or_else(|| panic!("no value for {key:?}"))
    }
}

impl CertRecord {
    /// The header of the column whose value contains `ch`, for naming the column of a character
    /// the font lacks even though the check happens on the laid-out text.
    pub fn column_containing(&self, ch: char) -> Option<&str> {
        self.values
            .iter()
            .find(|(_, v)| v.contains(ch))
            .and_then(|(k, _)| self.columns.get(k))
            .map(String::as_str)
    }
}

impl CertRecord {
    /// The header of the column whose (longest) value appears in `text`: which cell made a
    /// laid-out text too long.
    pub fn column_within(&self, text: &str) -> Option<&str> {
        self.values
            .iter()
            .filter(|(_, v)| !v.is_empty() && text.contains(v.as_str()))
            .max_by_key(|(_, v)| v.len())
            .and_then(|(k, _)| self.columns.get(k))
            .map(String::as_str)
    }
}

/// Which roster column feeds which field.
#[derive(Debug, Clone)]
pub struct ColumnMap {
    /// Template field → column index; `None` for an optional field the roster lacks.
    fields: Vec<(String, FieldSpec, FieldColumns)>,
    /// Columns that are no template field, available to templates by their folded header.
    extras: Vec<(String, usize)>,
    headers: Vec<String>,
    /// Field → header, as every record of this roster names its columns.
    columns: Arc<BTreeMap<String, String>>,
    /// The fields and extra columns every record has a value for (`columns`' keys).
    keys: Arc<[String]>,
    /// The note naming the columns with values that nothing reads, if there are any.
    unread: Option<String>,
}

/// Where a field's value is in a roster's row: one column, two joined, or none.
#[derive(Debug, Clone)]
enum FieldColumns {
    Column(usize),
    /// `ho_dem` + `ten`, joined with one space (rosters split so that Excel sorts by tên).
    Joined(usize, usize),
    Absent,
}

/// The roster lacks columns the template requires.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", crate::t!("err-record-missing-columns", file = format!("{}", .file), count = .missing.len(), missing = .missing.join(", "), found = .found.join(", ")))]
pub struct MissingColumns {
    /// The roster.
    pub file: String,
    /// The fields not found.
    pub missing: Vec<String>,
    /// The headers that are there.
    pub found: Vec<String>,
}

/// Why a roster's columns cannot be read as the template's fields.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ColumnError {
    /// Required columns are missing.
    #[error(transparent)]
    Missing(#[from] MissingColumns),
    /// A column without a header, beside a name, holds what looks like the rest of the name:
    /// reading the name without it would print "Nguyễn Minh" for Nguyễn Minh Khương. (Boxed:
    /// every batch error carries this type's size.)
    #[error(transparent)]
    NamePartUnread(Box<NamePartUnread>),
}

/// A column without a header beside a name column, holding what reads like names' parts.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", crate::t!("err-record-name-part-unread", file = .file.as_str(), column = .column.as_str(), beside = .beside.as_str(), count = *.count, sample = .sample.as_str(), sheet = if *.sheet { "yes" } else { "no" }, line = *.line, side = if *.left { "left" } else { "right" }))]
pub struct NamePartUnread {
    /// The roster.
    pub file: String,
    /// The column's letter, as Excel shows it.
    pub column: String,
    /// The header of the name column beside it.
    pub beside: String,
    /// Rows with a value in it.
    pub count: usize,
    /// Its first value.
    pub sample: String,
    /// That value's line (sheet row).
    pub line: u64,
    /// Whether the roster is a workbook (rows are "hàng", not "dòng").
    pub sheet: bool,
    /// Whether it stands left of the name column (the first half of the name, not the rest).
    pub left: bool,
}

impl ColumnError {
    /// What to do about it.
    pub fn hint(&self) -> String {
        match self {
            ColumnError::Missing(m) => m.hint(),
            ColumnError::NamePartUnread(e) => crate::t!(
                "hint-name-part-unread",
                beside = e.beside.as_str(),
                column = e.column.as_str(),
                side = if e.left { "left" } else { "right" }
            ),
        }
    }
}

impl MissingColumns {
    /// What to do about it.
    pub fn hint(&self) -> String {
        // Excel's "CSV (Comma delimited)" on a non-Vietnamese Windows writes "?" for every letter
        // its code page lacks: "H? và tên" is a header that lost its letters, not a wrong name.
        if self.found.iter().any(|h| h.contains('?')) {
            return crate::t!("hint-columns-lossy");
        }
        crate::t!("hint-columns-name")
    }
}

/// Folded headers of the first part of a name split in two columns ("Họ và tên đệm", "Họ đệm",
/// "Họ lót", "Họ"), joined with the column [`GIVEN_NAME_HEADER`] into `ho_ten`.
const FAMILY_PART_HEADERS: [&str; 6] =
    ["ho_dem", "ho_va_ten_dem", "ho_va_dem", "ho_lot", "ho_va_ten_lot", "ho"];
/// The folded header of the given name (tên) of a split name.
const GIVEN_NAME_HEADER: &str = fields::TEN;
/// The folded headers of a name's parts, both halves: what marks a second header row.
pub(crate) const NAME_PART_HEADERS: [&str; 7] =
    ["ho_dem", "ho_va_ten_dem", "ho_va_dem", "ho_lot", "ho_va_ten_lot", "ho", GIVEN_NAME_HEADER];

/// The folded header names that stand for the template's fields (names and aliases, and the
/// split name columns), for finding the header row of a workbook.
pub fn header_keys(template: &impl RecordFields) -> Vec<String> {
    let mut keys: Vec<String> = template
        .fields()
        .iter()
        .flat_map(|(name, spec)| {
            std::iter::once(name.as_str()).chain(spec.aliases.iter().map(String::as_str))
        })
        .map(viet::fold_key)
        .collect();
    keys.extend(NAME_PART_HEADERS.iter().map(|k| k.to_string()));
    keys
}

/// Applies `--map HEADER=field` (repeatable): the column whose header reads as HEADER (case,
/// diacritics and spacing aside) is taken for the template's field, whatever its aliases say.
pub fn apply_map(
    roster: &mut Roster,
    template: &impl RecordFields,
    map: &[(String, String)],
) -> Result<(), RosterError> {
    for (header, field) in map {
        let given = format!("{header}={field}");
        let field = field.trim();
        if !template.fields().iter().any(|(name, _)| name == field) {
            let names: Vec<&str> = template.fields().keys().map(|n| n.as_str()).collect();
            let mut nearest: Vec<String> = crate::util::text::nearest(field, names.iter().copied(), 3)
                .into_iter()
                .map(str::to_string)
                .collect();
            if nearest.is_empty() {
                nearest = names.iter().map(|n| n.to_string()).collect();
            }
            return Err(RosterError::MapUnknownField { given, field: field.to_string(), nearest });
        }
        let key = viet::fold_key(header);
        let Some(i) = roster.headers.iter().position(|h| viet::fold_key(h) == key) else {
            return Err(RosterError::MapNoColumn {
                file: roster.file.clone(),
                given,
                header: header.trim().to_string(),
                found: roster.headers.clone(),
            });
        };
        // Another column that the field's name or aliases would have matched gives way.
        let spec = &template.fields().iter().find(|(n, _)| n.as_str() == field).expect("checked above").1;
        let names: Vec<String> = std::iter::once(field)
            .chain(spec.aliases.iter().map(String::as_str))
            .map(viet::fold_key)
            .collect();
        for (j, h) in roster.headers.iter_mut().enumerate() {
            if j != i && names.contains(&viet::fold_key(h)) {
                h.push_str(" (--map)");
            }
        }
        roster.headers[i] = field.to_string();
    }
    Ok(())
}

/// Matches the roster's headers to the template's fields. No column with values goes unsaid: one
/// that nothing reads is a note (see [`notes`]), and one without a header beside a name whose
/// values look like the rest of the name is an error.
pub fn map_columns(roster: &Roster, template: &impl RecordFields) -> Result<ColumnMap, ColumnError> {
    let folded: Vec<String> = roster.headers.iter().map(|h| viet::fold_key(h)).collect();
    let find = |name: &str, spec: &FieldSpec| -> Option<usize> {
        std::iter::once(name)
            .chain(spec.aliases.iter().map(String::as_str))
            .map(viet::fold_key)
            .find_map(|key| folded.iter().position(|h| *h == key))
    };
    let mut used = vec![false; folded.len()];
    let mut fields = Vec::new();
    let mut missing = Vec::new();
    for (name, spec) in template.fields() {
        let source = match find(name, spec) {
            Some(i) => FieldColumns::Column(i),
            None if name == fields::HO_TEN => {
                let family = FAMILY_PART_HEADERS.iter().find_map(|k| folded.iter().position(|h| h == k));
                match (family, folded.iter().position(|h| h == GIVEN_NAME_HEADER)) {
                    (Some(a), Some(b)) => FieldColumns::Joined(a, b),
                    _ => FieldColumns::Absent,
                }
            }
            None => FieldColumns::Absent,
        };
        match source {
            FieldColumns::Column(i) => used[i] = true,
            // The parts stay available (as ho_dem and ten): sorting by tên uses them.
            FieldColumns::Joined(..) => {}
            FieldColumns::Absent if spec.required => missing.push(name.clone()),
            FieldColumns::Absent => {}
        }
        fields.push((name.clone(), spec.clone(), source));
    }
    if !missing.is_empty() {
        return Err(
            MissingColumns { file: roster.file.to_string(), missing, found: roster.headers.clone() }.into()
        );
    }
    let unread = unread_columns(roster, template, &fields, &folded, &used)?;
    let extras: Vec<(String, usize)> = folded
        .iter()
        .enumerate()
        .filter(|(i, key)| !used[*i] && !key.is_empty())
        .map(|(i, key)| (key.clone(), i))
        .collect();
    let headers = roster.headers.clone();
    let mut columns: BTreeMap<String, String> = BTreeMap::new();
    for (key, col) in &extras {
        columns.insert(key.clone(), headers[*col].clone());
    }
    for (name, _, source) in &fields {
        let header = match source {
            FieldColumns::Column(i) => headers[*i].clone(),
            FieldColumns::Joined(a, b) => format!("{} + {}", headers[*a], headers[*b]),
            FieldColumns::Absent => name.clone(),
        };
        columns.insert(name.clone(), header);
    }
    let keys = columns.keys().cloned().collect();
    Ok(ColumnMap { fields, extras, headers, columns: Arc::new(columns), keys, unread })
}

/// The columns with values that nothing reads, as a note naming each (its letter and header); or
/// the error of a column without a header beside a name column whose values look like names'
/// parts — the given names under a "Họ và tên" merged over two columns.
fn unread_columns(
    roster: &Roster,
    template: &impl RecordFields,
    fields: &[(String, FieldSpec, FieldColumns)],
    folded: &[String],
    used: &[bool],
) -> Result<Option<String>, ColumnError> {
    let letter = |i: usize| crate::input::sheet::column_name(i as u32);
    let name_columns: Vec<usize> = fields
        .iter()
        .filter(|(_, spec, _)| spec.kind == FieldKind::Name)
        .flat_map(|(_, _, source)| match source {
            FieldColumns::Column(i) => vec![*i],
            FieldColumns::Joined(a, b) => vec![*a, *b],
            FieldColumns::Absent => vec![],
        })
        .collect();
    let mut unread = Vec::new();
    for (i, fill) in roster.fill.iter().enumerate().filter(|(_, f)| f.filled > 0) {
        let key = folded.get(i).map_or("", String::as_str);
        // The parts of a split name, and any column a template's text names, are read.
        if used[i]
            || NAME_PART_HEADERS.contains(&key)
            || DUPLICATE_MARK_COLUMNS.contains(&key)
            || (!key.is_empty() && template.mentions(key))
        {
            continue;
        }
        if key.is_empty() && fill.looks_like_name_part() {
            let beside = name_columns.iter().find(|&&n| n + 1 == i || i + 1 == n);
            if let Some(&n) = beside {
                let (sample, line) = fill.first.clone().unwrap_or_default();
                return Err(ColumnError::NamePartUnread(Box::new(NamePartUnread {
                    file: roster.file.to_string(),
                    column: letter(i),
                    beside: roster.headers[n].clone(),
                    count: fill.filled,
                    sample,
                    line,
                    sheet: roster.sheet,
                    left: i < n,
                })));
            }
        }
        let header = roster.headers.get(i).map_or("", String::as_str);
        unread.push(if header.is_empty() {
            crate::t!("column-without-header", column = letter(i))
        } else {
            crate::t!("column-with-header", column = letter(i), header = header)
        });
    }
    Ok((!unread.is_empty())
        .then(|| crate::t!("note-columns-unread", count = unread.len(), columns = unread.join(", "))))
}

/// Notes on values read generously: genders written without their diacritic (`Nu`, read as
/// Nữ), one note per column naming the lines.
pub fn notes(roster: &Roster, map: &ColumnMap) -> Result<Vec<String>, RosterError> {
    let mut out: Vec<String> = map.unread.iter().cloned().collect();
    for (_, spec, source) in &map.fields {
        let (FieldKind::Gender, FieldColumns::Column(i)) = (spec.kind, source) else { continue };
        let mut lines = Vec::new();
        for r in roster.rows()? {
            let r = r?;
            if viet::gender_without_diacritic(&r.values[*i]) {
                lines.push(r.origin.line.to_string());
            }
        }
        if !lines.is_empty() {
            out.push(crate::t!(
                "note-gender-nu",
                column = map.headers[*i].as_str(),
                count = lines.len(),
                sheet = if roster.sheet { "yes" } else { "no" },
                lines = lines.join(", ")
            ));
        }
    }
    Ok(out)
}

/// Stage 2 for one row: checks it against the template's fields and normalises it.
/// `issue_date` bounds dates of birth (the batch's date, never the clock).
pub fn normalize(row: &RosterRow, map: &ColumnMap, issue_date: Date) -> Result<CertRecord, Vec<Problem>> {
    let mut values = Values::for_keys(map.keys.clone());
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    for (key, col) in &map.extras {
        values.set(key, one_line(&row.values[*col]));
    }
    for (name, spec, source) in &map.fields {
        let raw: std::borrow::Cow<'_, str> = match source {
            FieldColumns::Column(i) => row.values[*i].as_str().into(),
            FieldColumns::Joined(a, b) => format!("{} {}", row.values[*a], row.values[*b]).into(),
            FieldColumns::Absent => "".into(),
        };
        // The header as every record of the roster names it (`map_columns` made them once).
        let header = || map.columns.get(name).cloned();
        let problem = |error: RecordError| Problem::new(row.origin.clone(), header(), error);
        let value = raw.trim_matches(char::is_whitespace);
        if value.is_empty() {
            if spec.required {
                problems.push(problem(RecordError::EmptyRequired));
            }
            values.set(name, String::new());
            continue;
        }
        // A cell with bytes that were no text has been reported by the roster reader already.
        if value.contains('\u{FFFD}') {
            values.set(name, value.to_string());
            continue;
        }
        // UTF-8 seen through a wrong code page: repaired word by word where the repair reads as
        // clean Vietnamese (said), refused with its likely reading where bytes were lost. C1
        // controls are always such damage, never a letter the font lacks.
        let repaired;
        let value = if matches!(spec.kind, FieldKind::Text | FieldKind::Name) {
            if value.chars().any(legacy::is_c1) {
                problems.push(problem(RecordError::CodePageDamage {
                    value: value.to_string(),
                    reading: legacy::c1_reading(value),
                }));
                continue;
            }
            match legacy::repair_words(value) {
                Some((fixed, found)) => {
                    if found.iter().any(|d| matches!(d, legacy::WordDamage::Damaged { .. })) {
                        let reading = found.iter().fold(fixed.clone(), |acc, d| match d {
                            legacy::WordDamage::Damaged { from, reading } => {
                                acc.replacen(from.as_str(), reading, 1)
                            }
                            legacy::WordDamage::Repaired { .. } => acc,
                        });
                        problems
                            .push(problem(RecordError::CodePageDamage { value: value.to_string(), reading }));
                        continue;
                    }
                    for d in &found {
                        if let legacy::WordDamage::Repaired { from, to, page } = d {
                            notes.push(problem(RecordError::CodePageRepaired {
                                from: from.clone(),
                                to: to.clone(),
                                page,
                            }));
                        }
                    }
                    repaired = fixed;
                    repaired.as_str()
                }
                None => value,
            }
        } else {
            value
        };
        let printed = match spec.kind {
            FieldKind::Text => one_line(value),
            FieldKind::Name => {
                if value.contains(['\n', '\r']) {
                    problems.push(problem(RecordError::LineBreak));
                }
                let mut seen = Vec::new();
                for ch in value.chars() {
                    if let Some((looks_like, what)) = look_alike(ch) {
                        if !seen.contains(&ch) {
                            seen.push(ch);
                            problems.push(problem(RecordError::LookAlike { ch, looks_like, what }));
                        }
                    }
                }
                value.to_string()
            }
            FieldKind::BirthDate => match viet::parse_birth_date(value, issue_date) {
                Ok(d) => d.to_string(),
                Err(reason) => {
                    problems.push(problem(RecordError::InvalidDate { value: value.to_string(), reason }));
                    value.to_string()
                }
            },
            FieldKind::Gender => match viet::parse_gender(value) {
                Some(viet::Gender::Male) => "Nam".to_string(),
                Some(viet::Gender::Female) => "Nữ".to_string(),
                None => {
                    problems.push(problem(RecordError::InvalidGender { value: value.to_string() }));
                    value.to_string()
                }
            },
        };
        values.set(name, printed);
    }
    if problems.is_empty() {
        Ok(CertRecord { origin: row.origin.clone(), values, columns: map.columns.clone(), notes })
    } else {
        Err(problems)
    }
}

/// Characters that pass for Vietnamese letters on screen but are others: the Icelandic eth
/// from cp1252 round trips, and Cyrillic letters typed or pasted into a Latin name. The font
/// draws them, so only a code-point check finds them.
fn look_alike(ch: char) -> Option<(char, &'static str)> {
    const CYRILLIC: &[(char, char)] = &[
        ('а', 'a'),
        ('е', 'e'),
        ('о', 'o'),
        ('р', 'p'),
        ('с', 'c'),
        ('у', 'y'),
        ('х', 'x'),
        ('і', 'i'),
        ('А', 'A'),
        ('В', 'B'),
        ('Е', 'E'),
        ('К', 'K'),
        ('М', 'M'),
        ('Н', 'H'),
        ('О', 'O'),
        ('Р', 'P'),
        ('С', 'C'),
        ('Т', 'T'),
        ('Х', 'X'),
        ('І', 'I'),
    ];
    match ch {
        'Ð' => Some(('Đ', "the Icelandic capital eth (U+00D0)")),
        'ð' => Some(('đ', "the Icelandic small eth (U+00F0)")),
        '\u{0400}'..='\u{04FF}' => {
            let latin = CYRILLIC.iter().find(|(c, _)| *c == ch).map(|(_, l)| *l).unwrap_or(ch);
            Some((latin, "a Cyrillic letter"))
        }
        _ => None,
    }
}

/// A line break in a free-text field (Alt+Enter in Excel) is printed as a space.
fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r']) {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s.to_string()
    }
}

/// The folded headers of the column that marks a record as another person than an earlier one
/// of the same name and date of birth ("Trùng tên", with an "x" on the later record): such a
/// record is neither a repeat in its roster nor of a certificate in the register. Read by the
/// run (see `batch`), so never an unused column.
pub const DUPLICATE_MARK_COLUMNS: [&str; 3] = ["trung_ten", "trung_ten_khac_nguoi", "khac_nguoi"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::roster;

    fn setup(csv: &str) -> (Roster, crate::template::Template) {
        (
            roster::parse("r.csv".into(), csv.as_bytes()).unwrap(),
            crate::template::Template::load("giay-chung-nhan").unwrap(),
        )
    }

    fn today() -> Date {
        Date::new(2019, 12, 20).unwrap()
    }

    #[test]
    fn map_columns_matches_vietnamese_labels() {
        let (r, t) = setup(
            "STT,Họ và tên,GIỚI TÍNH,Ngày sinh ,Đơn vị công tác,Xếp loại\n1,Hà Hoa,NỮ,1962,Xã Tân Mỹ,Khá\n",
        );
        let m = map_columns(&r, &t).unwrap();
        let rec = normalize(&r.rows[0], &m, today()).unwrap();
        assert_eq!(rec.values["ho_ten"], "Hà Hoa");
        assert_eq!(rec.values["gioi_tinh"], "Nữ");
        assert_eq!(rec.values["ngay_sinh"], "1962");
        assert_eq!(rec.values["don_vi"], "Xã Tân Mỹ");
        assert_eq!(rec.values["xep_loai"], "Khá");
        assert_eq!(rec.columns["ho_ten"], "Họ và tên");
    }

    #[test]
    fn map_columns_names_the_missing_column_and_lists_those_found() {
        let (r, t) = setup("stt,ho_ten,don_vi\n1,Hà Hoa,X\n");
        let e = map_columns(&r, &t).unwrap_err();
        assert_eq!(e.to_string(), "r.csv: thiếu cột bắt buộc ngay_sinh; các cột có: stt, ho_ten, don_vi");
    }

    #[test]
    fn split_name_headers_as_offices_write_them_are_joined() {
        for family in ["Họ và tên đệm", "Họ đệm", "Họ lót", "Họ", "HỌ VÀ TÊN ĐỆM"] {
            let (r, t) = setup(&format!("stt,{family},Tên,ngay_sinh\n1,Nguyễn Thị Ngọc,Huyền,1985\n"));
            let m = map_columns(&r, &t).unwrap_or_else(|e| panic!("{family}: {e}"));
            assert_eq!(
                normalize(&r.rows[0], &m, today()).unwrap().values["ho_ten"],
                "Nguyễn Thị Ngọc Huyền",
                "{family}"
            );
        }
    }

    #[test]
    fn a_header_that_lost_its_letters_to_question_marks_says_how_to_save_again() {
        // Only the header lost letters (the names were typed without diacritics): the roster
        // reads, the column is missing, and the hint says why.
        let (r, t) = setup("stt,H? và tên,Ngày sinh\n1,Nguyen Van An,1980\n");
        let e = map_columns(&r, &t).unwrap_err();
        assert!(e.hint().contains("CSV UTF-8 (Comma delimited)"), "{}", e.hint());
    }

    #[test]
    fn map_columns_joins_split_name_columns() {
        let (r, t) = setup("stt,ho_dem,ten,ngay_sinh\n101,H'Hen,Niê,1980\n");
        let m = map_columns(&r, &t).unwrap();
        assert_eq!(normalize(&r.rows[0], &m, today()).unwrap().values["ho_ten"], "H'Hen Niê");
    }

    #[test]
    fn a_column_without_a_header_is_an_error_only_when_it_holds_the_rest_of_the_names() {
        let (r, t) = setup("stt,Họ và tên,,ngay_sinh\n1,Nguyễn Minh,Khương,1985\n2,Lương Thị,Ẩn,1980\n");
        match map_columns(&r, &t) {
            Err(ColumnError::NamePartUnread(e)) => {
                assert_eq!(
                    (e.column.as_str(), e.beside.as_str(), e.sample.as_str(), e.line),
                    ("C", "Họ và tên", "Khương", 2)
                )
            }
            other => panic!("{other:?}"),
        }
        // The first half of the name, left of it.
        let (r, t) = setup("stt,,Họ và tên,ngay_sinh\n1,Nguyễn Minh,Khương,1985\n2,Lương Thị,Ẩn,1980\n");
        let e = map_columns(&r, &t).unwrap_err();
        assert!(
            e.to_string().contains("cột B không có tiêu đề nhưng có 2 ô ghi như phần đầu của họ tên"),
            "{e}"
        );
        assert!(e
            .hint()
            .starts_with("đặt tiêu đề \"Họ đệm\" cho cột B và \"Tên\" cho cột của \"Họ và tên\""));
        // Genders or numbers without a header: named in a note, read by nothing.
        for csv in [
            "stt,Họ và tên,,ngay_sinh\n1,Nguyễn Minh Khương,Nam,1985\n2,Lương Thị Ẩn,Nữ,1980\n",
            "stt,Họ và tên,,ngay_sinh\n1,Nguyễn Minh Khương,0912345678,1985\n",
        ] {
            let (r, t) = setup(csv);
            let m = map_columns(&r, &t).unwrap();
            let notes = notes(&r, &m).unwrap();
            assert!(notes.iter().any(|n| n.contains("(không có tiêu đề)")), "{notes:?}");
        }
    }

    #[test]
    fn normalize_collects_every_problem_of_a_row() {
        let (r, t) = setup("stt,ho_ten,gioi_tinh,ngay_sinh\n1,\u{a0},F,31/02/1980\n");
        let m = map_columns(&r, &t).unwrap();
        let problems = normalize(&r.rows[0], &m, today()).unwrap_err();
        let kinds: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        // All three, each once: the empty name, the unknown gender and the impossible date.
        for want in [
            "cột ho_ten: trường bắt buộc bị để trống",
            "cột gioi_tinh",
            "cột ngay_sinh: ngày không hợp lệ \"31/02/1980\"",
        ] {
            assert_eq!(kinds.iter().filter(|k| k.contains(want)).count(), 1, "{want:?} in {kinds:?}");
        }
    }

    #[test]
    fn records_share_their_names_and_a_new_one_is_a_records_own() {
        let (r, t) =
            setup("Họ và tên,Ngày sinh,Đơn vị\nLê Văn Hoà,04/03/1975,Xã A\nPhạm Minh Hòa,1962,Xã B\n");
        let m = map_columns(&r, &t).unwrap();
        let a = normalize(&r.rows[0], &m, today()).unwrap().values;
        let mut b = normalize(&r.rows[1], &m, today()).unwrap().values;
        assert!(Arc::ptr_eq(&a.keys, &b.keys));
        assert_eq!((a["ho_ten"].as_str(), b["ho_ten"].as_str()), ("Lê Văn Hoà", "Phạm Minh Hòa"));
        assert_eq!(b.insert("ho_ten".into(), "Phạm Minh Hoà".into()).as_deref(), Some("Phạm Minh Hòa"));
        // A name no record had: this record's names grow, in order; the other's stay as they were.
        assert_eq!(b.insert("aaa_moi".into(), "x".into()), None);
        assert_eq!(b.iter().next().map(|(k, v)| (k.as_str(), v.as_str())), Some(("aaa_moi", "x")));
        assert!(b.iter().map(|(k, _)| k).is_sorted());
        assert_eq!(a.get("aaa_moi"), None);
        assert_eq!(b.clone().into_map().len(), a.clone().into_map().len() + 1);
        let mut shared: Arc<[String]> = Arc::new([]);
        let again = Values::from_map(a.clone().into_map(), &mut shared);
        assert_eq!(again, a);
        assert!(Arc::ptr_eq(&Values::from_map(a.into_map(), &mut shared).keys, &again.keys));
    }

    #[test]
    fn normalize_keeps_tone_placement_as_given() {
        let (r, t) = setup("stt,ho_ten,ngay_sinh\n71,Lê Văn Hoà,1970\n72,Phạm Minh Hòa,1970\n");
        let m = map_columns(&r, &t).unwrap();
        assert_eq!(normalize(&r.rows[0], &m, today()).unwrap().values["ho_ten"], "Lê Văn Hoà");
        assert_eq!(normalize(&r.rows[1], &m, today()).unwrap().values["ho_ten"], "Phạm Minh Hòa");
    }
}
