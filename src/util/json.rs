//! JSON, the one home of serde_json: the signed manifest and list, the records the register keeps
//! as issued, `verify --json`, and the page's escaped word list.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Parses JSON bytes into `T`.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, serde_json::Error> {
    serde_json::from_slice(bytes)
}

/// Pretty JSON with a final newline: the form of the signed files people may read.
pub fn pretty<T: Serialize>(v: &T) -> Vec<u8> {
    let mut b = serde_json::to_vec_pretty(v).expect("plain structs always serialise");
    b.push(b'\n');
    b
}

/// A flat JSON object of texts (the register keeps records as issued in this form), or `None`
/// if `text` is not one.
pub fn string_map(text: &str) -> Option<std::collections::BTreeMap<String, String>> {
    serde_json::from_str(text).ok()
}

/// `text`, a JSON object of objects (the page's words by language), with each `(outer, inner,
/// value)` set; `None` if it is not one.
pub fn with_texts(text: &str, add: &[(&str, &str, String)]) -> Option<String> {
    let mut v: serde_json::Value = serde_json::from_str(text).ok()?;
    for (outer, inner, value) in add {
        v.get_mut(*outer)?.as_object_mut()?.insert((*inner).into(), serde_json::Value::String(value.clone()));
    }
    serde_json::to_string(&v).ok()
}

/// `text` (JSON) written again compactly, with every character inside its strings (keys too)
/// escaped as `\uXXXX`, or `None` if it is not JSON. (The verification page keeps its words this
/// way, so that its source reads as no verdict: only the one shown is text on the page.)
pub fn escaped_json(text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let compact = serde_json::to_string(&v).ok()?;
    let mut out = String::with_capacity(compact.len() * 6);
    let (mut in_string, mut verbatim) = (false, 0usize);
    for c in compact.chars() {
        if verbatim > 0 {
            // The rest of an escape serde_json wrote (`\"`, `\\`, `\n`, `\u001f`): kept as it is.
            out.push(c);
            verbatim = if c == 'u' && verbatim == 1 { 4 } else { verbatim - 1 };
            continue;
        }
        match c {
            '"' => {
                in_string = !in_string;
                out.push(c);
            }
            '\\' if in_string => {
                out.push(c);
                verbatim = 1;
            }
            c if in_string => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    Some(out)
}

/// A JSON array of texts, or `None` if `text` is not one.
pub fn string_list(text: &str) -> Option<Vec<String>> {
    serde_json::from_str(text).ok()
}

/// Compact JSON of any serialisable value (`verify --json`, the register's records).
pub fn json_string<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).expect("plain structs always serialise")
}

/// `json` made safe to place inside an HTML `<script>` element: `<`, `>`, `&`, U+2028 and U+2029
/// are written as `\uXXXX` escapes, so that no text in it can open a comment, close the script
/// or end a line for an older parser. The value it parses to is unchanged (these characters can
/// only stand inside JSON strings).
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_has_no_markup_and_reads_back_the_same() {
        let v = serde_json::json!({ "name": "Trung tâm <!--<script> </script> & \u{2028}\u{2029}" });
        let safe = script_safe(&json_string(&v));
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'), "{safe}");
        assert!(!safe.contains('\u{2028}') && !safe.contains('\u{2029}'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), v);
    }

    #[test]
    fn escaped_json_has_no_space_or_letter_outside_ascii_and_reads_back_the_same() {
        let text = r#"{ "vi": ["KHÔNG HỢP LỆ", "a <b> & c \" \\ \n \u001f"], "n": 1 }"#;
        let e = escaped_json(text).unwrap();
        assert!(e.is_ascii() && !e.contains(' ') && !e.contains('<') && !e.contains("vi"), "{e}");
        let a: serde_json::Value = serde_json::from_str(text).unwrap();
        let b: serde_json::Value = serde_json::from_str(&e).unwrap();
        assert_eq!(a, b);
    }
}
