//! The order of a print run: roster order, or "theo tên" — by given name (tên), then full name,
//! then stt — in Vietnamese collation (CLDR `vi`: a ă â b c d đ e ê …, tones ngang < huyền <
//! hỏi < ngã < sắc < nặng, lower case first). The only module that touches ICU4X.
//!
//! A byte or code-point sort would put "Đ…" after "Z" and "Ánh" after "Yến"; the collator does
//! not. The tên is the roster's `ten` column when it has one (split rosters exist for exactly
//! this), else the last word of the name.

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::Collator;
use icu_locale_core::locale;

use crate::input::fields;
use crate::input::record::CertRecord;
use crate::viet;

/// How to order records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// As in the roster.
    #[default]
    Roster,
    /// By given name, full name, stt, in Vietnamese collation.
    Ten,
}

impl SortOrder {
    /// From a `--sort` value.
    pub fn from_name(s: &str) -> Option<SortOrder> {
        match s {
            "roster" | "stt" => Some(SortOrder::Roster),
            "ten" | "tên" => Some(SortOrder::Ten),
            _ => None,
        }
    }
}

/// Sorts `items` (each giving its record) in `order`; stable, so equal keys keep roster order.
pub fn sort<T>(items: &mut [T], order: SortOrder, record: impl Fn(&T) -> &CertRecord) {
    if order == SortOrder::Roster {
        return;
    }
    let collator = vietnamese();
    let key = |r: &CertRecord| {
        let name = r.values.get(fields::HO_TEN).map(String::as_str).unwrap_or("");
        let ten = r
            .values
            .get(fields::TEN)
            .map(String::as_str)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| viet::given_name(name));
        let stt: u64 = r.values.get(fields::STT).and_then(|s| s.trim().parse().ok()).unwrap_or(u64::MAX);
        (ten.to_string(), name.to_string(), stt)
    };
    items.sort_by(|a, b| {
        let (ka, kb) = (key(record(a)), key(record(b)));
        collator
            .compare(&ka.0, &kb.0)
            .then_with(|| collator.compare(&ka.1, &kb.1))
            .then_with(|| ka.2.cmp(&kb.2))
            .then(Ordering::Equal)
    });
}

/// Sorts `items` by the given name of `name(item)`, then the full name, in Vietnamese collation;
/// stable (for lists that are no roster, such as the register's entries).
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    let collator = vietnamese();
    items.sort_by(|a, b| {
        let (na, nb) = (name(a), name(b));
        collator.compare(viet::given_name(na), viet::given_name(nb)).then_with(|| collator.compare(na, nb))
    });
}

fn vietnamese() -> icu_collator::CollatorBorrowed<'static> {
    Collator::try_new(locale!("vi").into(), CollatorOptions::default())
        .expect("the Vietnamese collation data is compiled in")
}
