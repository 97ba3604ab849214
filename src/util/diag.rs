//! Errors as data: the one shape every error of the library can be turned into, so that words
//! are chosen only at the edge (the command line's report, the verify report, the web pages).
//!
//! A [`Diagnostic`] is a catalogue message id with its arguments, where the problem came from
//! (file, record, line, column — each only when known) and hints, each itself a message id with
//! arguments. Nothing here knows a language: `l10n::word` turns a diagnostic into a sentence in
//! the run's language, a web page can send it as JSON and word it with the same catalogue.
//!
//! This module depends on nothing else in the crate, so that the format code (`seal`) can use it
//! and still stand on its own.

use serde::Serialize;

/// One argument of a message: text or a number (numbers are formatted by the catalogue, so
/// that "1.000" and "1,000" follow the language).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    /// Text, shown as given.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number with a fraction (sizes in points or millimetres).
    Float(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_arg!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);
impl From<f32> for Arg {
    fn from(n: f32) -> Arg {
        Arg::Float(f64::from(n))
    }
}
impl From<f64> for Arg {
    fn from(n: f64) -> Arg {
        Arg::Float(n)
    }
}

/// A message id with its named arguments: what a sentence says, not yet in any language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    /// The catalogue's message id (`src/l10n/*.ftl`).
    pub id: &'static str,
    /// The message's arguments by name, in a fixed order.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A message without arguments.
    pub fn new(id: &'static str) -> Message {
        Message { id, args: Vec::new() }
    }

    /// The message with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }
}

/// Where a problem was found; every part only when known.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Place {
    /// The file as the user named it.
    pub file: Option<String>,
    /// 1-based data record number (the header excluded).
    pub record: Option<usize>,
    /// 1-based physical line (or spreadsheet row) where the record starts.
    pub line: Option<u64>,
    /// The column (or template element, or field) involved.
    pub column: Option<String>,
}

/// An error as data: what is wrong, where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// What is wrong.
    pub message: Message,
    /// Where.
    pub place: Place,
    /// What to do, in order.
    pub hints: Vec<Message>,
}

impl Diagnostic {
    /// A diagnostic with no place and no hint.
    pub fn new(message: Message) -> Diagnostic {
        Diagnostic { message, place: Place::default(), hints: Vec::new() }
    }

    /// The diagnostic with one more hint.
    pub fn hint(mut self, hint: Message) -> Diagnostic {
        self.hints.push(hint);
        self
    }

    /// The diagnostic found at `place`.
    pub fn at(mut self, place: Place) -> Diagnostic {
        self.place = place;
        self
    }
}

/// An error that can say what it is as data. Every error type of the library implements it; the
/// edge words the result (`l10n::word`), walking the cause chain with `std::error::Error::source`.
pub trait Diagnose {
    /// This error (not its causes) as data.
    fn diagnostic(&self) -> Diagnostic;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_serialises_as_plain_json_for_a_web_page() {
        let d = Diagnostic::new(Message::new("check-clean").arg("file", "lop.csv").arg("records", 3usize))
            .at(Place { file: Some("lop.csv".into()), record: Some(2), line: Some(3), column: None })
            .hint(Message::new("hint-pdf-font"));
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"message":{"id":"check-clean","args":[["file","lop.csv"],["records",3]]},"place":{"file":"lop.csv","record":2,"line":3,"column":null},"hints":[{"id":"hint-pdf-font","args":[]}]}"#
        );
    }
}
