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

use std::fmt;
use std::sync::OnceLock;

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
    /// Another message, worded in the same language (an error that names its cause's words).
    Message(Box<Message>),
}

impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Message(Box::new(m))
    }
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

/// How the edge words a message in the run's language (`l10n` installs it before anything is
/// printed). Display of an error made of a [`Message`] goes through it, so that a library error
/// shown by any caller reads exactly as the catalogue says, while the library itself holds no
/// words: only the edge that installed the wording knows a language.
pub type Wording = fn(&Message) -> String;

static WORDING: OnceLock<Wording> = OnceLock::new();

/// Installs the wording of messages (the first one stays): called by `l10n`.
pub fn set_wording(w: Wording) {
    let _ = WORDING.set(w);
}

/// A message's words as the edge chose them; without a wording installed (a library caller
/// that brings no catalogue), its id followed by its arguments, `id(name=value, …)`.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(word) = WORDING.get() {
            return f.write_str(&word(self));
        }
        f.write_str(self.id)?;
        if !self.args.is_empty() {
            f.write_str("(")?;
            for (i, (name, value)) in self.args.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{name}={value}")?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Text(s) => f.write_str(s),
            Arg::Int(n) => write!(f, "{n}"),
            Arg::Float(x) => write!(f, "{x}"),
            Arg::Message(m) => m.fmt(f),
        }
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
        let d = Diagnostic::new(
            Message::new("err-record-missing-columns").arg("missing", "ho_ten").arg("count", 3usize),
        )
        .at(Place { file: Some("lop.csv".into()), record: Some(2), line: Some(3), column: None })
        .hint(Message::new("hint-columns-name"));
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"message":{"id":"err-record-missing-columns","args":[["missing","ho_ten"],["count",3]]},"place":{"file":"lop.csv","record":2,"line":3,"column":null},"hints":[{"id":"hint-columns-name","args":[]}]}"#
        );
    }
}
