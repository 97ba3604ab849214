//! The words people read, in Vietnamese (the default) and English, from Project Fluent
//! catalogues: `vi.ftl` and `en.ftl` beside this file, compiled into the binary. The only
//! module that touches fluent-bundle.
//!
//! The language is chosen once, by the command line (`--lang`, else `LC_ALL`, `LC_MESSAGES`,
//! `LANG` starting with `en`), before anything is printed; the library asks [`lang`] when it
//! words something. Identifiers, flags and JSON keys stay ASCII English in both languages.
//! A test checks that both catalogues have the same messages and that every message the code
//! asks for exists (and every message is used).

use std::sync::{LazyLock, OnceLock};

pub mod verdict;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Tiếng Việt, the default.
    Vi,
    /// English, on request.
    En,
}

impl Lang {
    /// From a `--lang` value or a locale such as `en_US.UTF-8`: English for anything starting with
    /// `en`, Vietnamese for anything starting with `vi`, else `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        if t.starts_with("en") {
            Some(Lang::En)
        } else if t.starts_with("vi") {
            Some(Lang::Vi)
        } else {
            None
        }
    }

    /// The language the environment asks for (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the
    /// first that is set and not empty), if it is one of ours.
    pub fn from_env() -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::from_tag(&v))
    }
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Chooses the language for the rest of the run (the first choice stays).
pub fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
    install();
}

/// Makes the library's messages (`util::diag::Message`, which the format code `seal` and the
/// calendar `viet` give as data) read in the run's language wherever they are shown.
pub fn install() {
    crate::util::diag::set_wording(|m| word_message_in(lang(), m));
}

/// The language of the run: Vietnamese unless English was chosen.
pub fn lang() -> Lang {
    *LANG.get().unwrap_or(&Lang::Vi)
}

const VI: &str = include_str!("vi.ftl");
const EN: &str = include_str!("en.ftl");
/// The sổ gốc's own words: Vietnamese in every run (see [`book`]).
const BOOK: &str = include_str!("so-goc.ftl");

fn bundle(lang: Lang, source: &str, tag: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_string())
        .unwrap_or_else(|(_, errors)| panic!("the {lang:?} catalogue does not parse: {errors:?}"));
    let mut b = FluentBundle::new_concurrent(vec![tag.parse().expect("a valid language tag")]);
    // No Unicode isolation marks around arguments: they are invisible bidi controls, and names
    // and numbers are printed to terminals and logs as they are.
    b.set_use_isolating(false);
    b.add_resource(resource)
        .unwrap_or_else(|errors| panic!("the {lang:?} catalogue repeats a message: {errors:?}"));
    b
}

static BUNDLES: LazyLock<[FluentBundle<FluentResource>; 2]> =
    LazyLock::new(|| [bundle(Lang::Vi, VI, "vi"), bundle(Lang::En, EN, "en")]);

static BOOK_BUNDLE: LazyLock<FluentBundle<FluentResource>> = LazyLock::new(|| bundle(Lang::Vi, BOOK, "vi"));

/// The sổ gốc's word `id` (`so-goc.ftl`), with `args` filled in: always Vietnamese, since the
/// register's exports are a Vietnamese legal document whatever the language of the run.
pub fn book(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    format_in(&BOOK_BUNDLE, id, args)
}

fn format_in(b: &FluentBundle<FluentResource>, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else { return id.to_string() };
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        fargs.set(*k, v.clone());
    }
    let mut errors = Vec::new();
    b.format_pattern(pattern, Some(&fargs), &mut errors).into_owned()
}

/// The message `id` in the run's language, with `args` filled in.
pub fn tr(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    tr_in(lang(), id, args)
}

/// The message `id` in `lang` with each argument of `names` left as `{name}`: the words of a
/// message for the verification page, which fills the arguments itself (so the page and the
/// CLI say one thing in one wording).
pub fn pattern_in(lang: Lang, id: &str, names: &[&str]) -> String {
    let holes: Vec<String> = names.iter().map(|n| format!("{{{n}}}")).collect();
    let args: Vec<(&str, FluentValue<'_>)> =
        names.iter().zip(&holes).map(|(n, h)| (*n, FluentValue::from(h.as_str()))).collect();
    tr_in(lang, id, &args)
}

/// The message `id` in `lang`. A message missing from the catalogue (which the catalogue test
/// rules out) comes back as its id, never as a panic.
pub fn tr_in(lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    install();
    let b = &BUNDLES[match lang {
        Lang::Vi => 0,
        Lang::En => 1,
    }];
    format_in(b, id, args)
}

/// A message given as data (`util::diag`) in `lang`: how the edge words an error.
pub fn word_message_in(lang: Lang, m: &crate::util::diag::Message) -> String {
    use crate::util::diag::Arg;
    let args: Vec<(&str, FluentValue<'_>)> = m
        .args
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Arg::Text(s) => FluentValue::from(s.as_str()),
                Arg::Int(n) => FluentValue::from(*n),
                Arg::Float(x) => FluentValue::from(*x),
                Arg::Message(inner) => FluentValue::from(word_message_in(lang, inner)),
            };
            (*k, v)
        })
        .collect();
    tr_in(lang, m.id, &args)
}

/// A diagnostic's message in `lang`, followed by its hints, one per line as `hint: …` (the
/// command line's report adds the place and the cause chain).
pub fn word_in(lang: Lang, d: &crate::util::diag::Diagnostic) -> (String, Vec<String>) {
    (word_message_in(lang, &d.message), d.hints.iter().map(|h| word_message_in(lang, h)).collect())
}

/// The message of an error of the format code or the calendar (`seal`, `viet`) in the run's
/// language: for a message of this crate that names its cause's words.
pub fn word_diagnostic(e: &impl crate::util::diag::Diagnose) -> String {
    word_message_in(lang(), &e.diagnostic().message)
}

/// Whether the catalogues have message `id` (the help texts are looked up by the command and
/// option they are for).
pub fn has(id: &str) -> bool {
    BUNDLES[0].has_message(id)
}

/// `t!("id")` or `t!("id", name = value, …)`: the message in the run's language. The catalogue
/// test finds every id used through this macro.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::l10n::tr($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::l10n::tr($id, &[$((stringify!($name), ::fluent_bundle::FluentValue::from($value))),+])
    };
}

/// `book!("id")` or `book!("id", name = value, …)`: the sổ gốc's word, always Vietnamese. The
/// catalogue test finds every id used through this macro.
#[macro_export]
macro_rules! book {
    ($id:literal) => {
        $crate::l10n::book($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::l10n::book($id, &[$((stringify!($name), ::fluent_bundle::FluentValue::from($value))),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids a catalogue defines (messages only, not terms).
    fn ids(source: &str) -> std::collections::BTreeSet<String> {
        source
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
            .collect()
    }

    /// Every string literal in the source tree that looks like a message id of one of the
    /// catalogue's families (`verify-…`, `reason-…`): whether through `t!`, `tr_in` or a match.
    fn used(families: &std::collections::BTreeSet<String>) -> std::collections::BTreeSet<String> {
        fn walk(
            dir: &std::path::Path,
            families: &std::collections::BTreeSet<String>,
            out: &mut std::collections::BTreeSet<String>,
        ) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, families, out);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("l10n/mod.rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    for (i, part) in text.split('"').enumerate() {
                        let looks_like_id = i % 2 == 1
                            && part.contains('-')
                            && !part.ends_with('-')
                            && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                        if looks_like_id && families.contains(part.split('-').next().unwrap_or("")) {
                            out.insert(part.to_string());
                        }
                    }
                }
            }
        }
        let mut out = std::collections::BTreeSet::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), families, &mut out);
        out
    }

    #[test]
    fn both_catalogues_have_the_same_messages_and_every_message_is_used() {
        let (vi, en) = (ids(VI), ids(EN));
        assert_eq!(vi, en, "the same ids in vi.ftl and en.ftl");
        let families = vi.iter().map(|id| id.split('-').next().unwrap_or("").to_string()).collect();
        let used = used(&families);
        let missing: Vec<_> = used.difference(&vi).collect();
        assert!(missing.is_empty(), "asked for but not in the catalogues: {missing:?}");
        // The help texts are looked up by the command and option they are for
        // (`cli::tests::every_command_and_option_has_its_help_text_and_no_other` checks them).
        let unused: Vec<_> =
            vi.difference(&used).filter(|id| !id.starts_with("help-") || id.split('-').count() < 2).collect();
        assert!(unused.is_empty(), "in the catalogues but never used: {unused:?}");
        // Both parse, and every message formats without a missing argument in either language.
        for id in &vi {
            for lang in [Lang::Vi, Lang::En] {
                assert_ne!(tr_in(lang, id, &[]), *id, "{id} in {lang:?}");
            }
        }
    }

    /// The sổ gốc's words: every one used, every one used there, none missing an argument, and
    /// the same whatever the language of the run.
    #[test]
    fn the_register_words_are_all_used_and_vietnamese_in_every_run() {
        let book = ids(BOOK);
        assert!(ids(VI).is_disjoint(&book), "the sổ gốc's ids are its own");
        let used = used(&["book".to_string()].into_iter().collect());
        assert_eq!(used, book, "every word of so-goc.ftl used, and only those");
        for id in &book {
            assert_ne!(super::book(id, &[]), *id, "{id}");
        }
        assert_eq!(super::book("book-status-revoked", &[]), "Đã thu hồi");
    }

    /// The messages that name where in a roster something is: a workbook's row is "hàng" (as
    /// Excel and LibreOffice say), a CSV file's line "dòng". Each message taking a `$line` or
    /// `$lines` either chooses the word by `$sheet` or is one that only a CSV file (or only a
    /// workbook) can give; those are listed here, so that a new message must take a side.
    #[test]
    fn a_workbook_row_is_hang_and_a_csv_line_is_dong() {
        const CSV_ONLY: [&str; 3] = ["err-roster-not-utf8", "err-roster-lossy-export", "err-roster-csv"];
        let source = |id: &str| {
            let start = VI.find(&format!("\n{id} =")).expect(id) + 1;
            let end = VI[start..].find("\n").map_or(VI.len(), |e| start + e);
            let mut end = end;
            // The message's continuation lines (indented) belong to it.
            while VI[end..].starts_with("\n ") {
                end = VI[end + 1..].find('\n').map_or(VI.len(), |e| end + 1 + e);
            }
            &VI[start..end]
        };
        let by_line: Vec<String> = ids(VI).into_iter().filter(|id| source(id).contains("$line")).collect();
        assert!(by_line.len() >= 8, "{by_line:?}");
        for id in &by_line {
            let text = source(id);
            if CSV_ONLY.contains(&id.as_str()) {
                assert!(text.contains("dòng {") && !text.contains("hàng"), "{id}: a CSV line: {text}");
                continue;
            }
            assert!(text.contains("$sheet ->"), "{id} names a line of any roster: {text}");
            for (sheet, word) in [("yes", "hàng"), ("no", "dòng")] {
                let s = tr_in(
                    Lang::Vi,
                    id,
                    &[("sheet", sheet.into()), ("line", 7.into()), ("lines", "7, 9".into())],
                );
                assert!(s.contains(&format!("{word} 7")), "{id} with sheet={sheet}: {s}");
            }
        }
        let origin = |file: &str| crate::error::Origin { file: file.into(), record: 3, line: 4 }.to_string();
        crate::l10n::set_lang(Lang::Vi);
        assert_eq!(origin("lop.xlsx"), "lop.xlsx: bản ghi 3 (hàng 4)");
        assert_eq!(origin("lop.ods"), "lop.ods: bản ghi 3 (hàng 4)");
        assert_eq!(origin("lop.csv"), "lop.csv: bản ghi 3 (dòng 4)");
    }

    /// The format code's errors are data: the edge words them in either language, a cause named
    /// inside a message (a date's reason) in the same language, and once the wording is
    /// installed, an error shown by any caller reads exactly as the catalogue says.
    #[test]
    fn a_library_error_is_worded_at_the_edge_in_either_language() {
        use crate::util::diag::Diagnose;
        let e = crate::seal::claims::ClaimError::BirthDate {
            value: "29/02/1983".into(),
            reason: crate::viet::DateError::NotLeap { year: 1983 },
        };
        let d = e.diagnostic();
        assert_eq!(word_in(Lang::En, &d).0, "claim birth_date: \"29/02/1983\": 1983 is not a leap year");
        assert_eq!(word_in(Lang::Vi, &d).0, "trường birth_date: \"29/02/1983\": năm 1983 không nhuận");
        install();
        let token = crate::seal::token::TokenError::BadLength(2);
        assert_eq!(token.to_string(), word_in(lang(), &token.diagnostic()).0);
        assert!(token.to_string().contains("70"), "{token}");
        // What a user can do comes as data too, worded the same way.
        let keys = crate::seal::keys::KeysError::NoSuchKey {
            trust: "k/trust.json".into(),
            kid: "deadbeef".into(),
            known: "c8410458".into(),
        };
        let (_, hints) = word_in(Lang::En, &keys.diagnostic());
        assert_eq!(hints, [tr_in(Lang::En, "hint-keys-list", &[])]);
    }

    #[test]
    fn arguments_are_filled_in_without_isolation_marks() {
        let s = tr_in(
            Lang::Vi,
            "verify-revoked-on",
            &[("date", "01/12/2026".into()), ("reason", "cấp sai".into())],
        );
        assert_eq!(s, "Thu hồi ngày 01/12/2026, lý do: cấp sai");
        assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'));
    }

    #[test]
    fn the_environment_chooses_english_only_when_it_says_so() {
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("vi_VN.UTF-8"), Some(Lang::Vi));
        assert_eq!(Lang::from_tag("C.UTF-8"), None);
    }
}
