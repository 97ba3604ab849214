//! How the reports' fields that are the library's own types serialise: a problem as the JSON
//! object `check --format json` prints, an origin as file, record and line, an error as its
//! message.

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::error::{Origin, Problem};

/// A record's place: `{"file", "record", "line"}`.
pub fn origin<S: Serializer>(o: &Origin, s: S) -> Result<S::Ok, S::Error> {
    let mut st = s.serialize_struct("Origin", 3)?;
    st.serialize_field("file", o.file.as_ref())?;
    st.serialize_field("record", &o.record)?;
    st.serialize_field("line", &o.line)?;
    st.end()
}

struct OneProblem<'a>(&'a Problem);

impl Serialize for OneProblem<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        let mut st = s.serialize_struct("Problem", 8)?;
        st.serialize_field("file", p.origin.file.as_ref())?;
        st.serialize_field("record", &p.origin.record)?;
        st.serialize_field("line", &p.origin.line)?;
        st.serialize_field("column", &p.column)?;
        st.serialize_field("element", &p.element)?;
        st.serialize_field("message", &p.error.to_string())?;
        st.serialize_field("hint", &p.error.hint())?;
        st.serialize_field("also_in", &p.also_in)?;
        st.end()
    }
}

/// Problems of records, each as `check --format json` prints one.
pub fn problems<S: Serializer>(ps: &[Problem], s: S) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(Some(ps.len()))?;
    for p in ps {
        seq.serialize_element(&OneProblem(p))?;
    }
    seq.end()
}

/// Errors by their message.
pub fn errors<S: Serializer, E: std::fmt::Display>(es: &[E], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(es.iter().map(|e| e.to_string()))
}

/// A step that may have failed: what it did, or `{"error": message}`; `null` when not reached.
pub fn step<S: Serializer, T: serde::Serialize, E: std::fmt::Display>(
    r: &Option<Result<T, E>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    #[derive(serde::Serialize)]
    struct Failed {
        error: String,
    }
    match r {
        None => s.serialize_none(),
        Some(Ok(v)) => v.serialize(s),
        Some(Err(e)) => Failed { error: e.to_string() }.serialize(s),
    }
}

/// An error by its message.
pub fn error<S: Serializer, E: std::fmt::Display>(e: &E, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&e.to_string())
}
