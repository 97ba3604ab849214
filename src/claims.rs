//! The signed claims of a certificate (VNCERT-QR v1, spec §3.3): a CBOR map with integer keys in
//! RFC 8949 §4.2.1 core deterministic encoding. The only module that touches minicbor.
//!
//! Encoding is deterministic by construction (keys in canonical order, shortest integers, definite
//! lengths). Decoding is strict: the bytes must be exactly what this encoder would write for the
//! same claims — non-minimal integers, unsorted or duplicate keys, indefinite lengths, floats,
//! tags and trailing bytes are all refused — and no text may carry control or bidi characters.
//! The issuer is never a claim: it comes from the key id through the trust manifest.

use minicbor::data::Type;
use minicbor::{Decoder, Encoder};

use crate::viet;

/// Key 1: the serial (số hiệu).
pub const SERIAL: i64 = 1;
/// Key 2: the holder's name as printed.
pub const NAME: i64 = 2;
/// Key 3: date of birth, days since 1970-01-01.
pub const BIRTH_DATE: i64 = 3;
/// Key 4: programme title as printed.
pub const PROGRAMME: i64 = 4;
/// Key 5: issue date, days since 1970-01-01.
pub const ISSUE_DATE: i64 = 5;
/// Key 6: course start.
pub const COURSE_START: i64 = 6;
/// Key 7: course end.
pub const COURSE_END: i64 = 7;
/// Key 8: result or classification (xếp loại).
pub const RESULT: i64 = 8;
/// Key 9: programme code.
pub const PROGRAMME_CODE: i64 = 9;
/// Key 10: registry number (số vào sổ).
pub const REGISTRY_NUMBER: i64 = 10;
/// Key 15: signing date.
pub const SIGNING_DATE: i64 = 15;
/// Key -1 (issuer-private, this tool's): the birth year when only the year is known. Key 3 is a
/// full date, and writing 1 January for a bare year would sign something the paper does not say.
pub const BIRTH_YEAR: i64 = -1;

/// Longest serial, in bytes (spec: tstr ≤ 32 B).
pub const MAX_SERIAL_BYTES: usize = 32;
/// Longest text claim, in bytes; nothing printed on a certificate is longer.
pub const MAX_TEXT_BYTES: usize = 400;

/// The claims of one certificate.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Claims {
    /// 1: số hiệu.
    pub serial: String,
    /// 2: họ và tên, exactly as printed.
    pub name: String,
    /// 3: date of birth (days since 1970-01-01), only if printed.
    pub birth_date: Option<i64>,
    /// -1: birth year, when only the year is printed.
    pub birth_year: Option<i64>,
    /// 4: programme title, as printed.
    pub programme: Option<String>,
    /// 5: issue date (days since 1970-01-01).
    pub issue_date: i64,
    /// 6: course start.
    pub course_start: Option<i64>,
    /// 7: course end.
    pub course_end: Option<i64>,
    /// 8: result (xếp loại).
    pub result: Option<String>,
    /// 9: programme code.
    pub programme_code: Option<String>,
    /// 10: số vào sổ.
    pub registry_number: Option<String>,
    /// 15: signing date.
    pub signing_date: Option<i64>,
    /// Keys this version does not know (11–14, 16–23, other negatives), with their raw CBOR
    /// values: shown as "unrecognised", the signature still covers them.
    pub unknown: Vec<(i64, Vec<u8>)>,
}

/// Why claims were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimsError {
    /// Not well-formed CBOR, or the wrong type somewhere.
    #[error("claims are not valid CBOR: {0}")]
    Cbor(String),
    /// Valid CBOR, but not in the one deterministic encoding (spec: RFC 8949 §4.2.1).
    #[error("claims are not in deterministic CBOR encoding (non-minimal, unsorted or indefinite)")]
    NotDeterministic,
    /// Bytes after the map.
    #[error("{0} trailing byte(s) after the claims")]
    Trailing(usize),
    /// A key twice.
    #[error("claim key {0} appears twice")]
    DuplicateKey(i64),
    /// A required key is missing.
    #[error("required claim {0} is missing")]
    Missing(&'static str),
    /// A text too long.
    #[error("claim {field} is {bytes} bytes, over the limit of {limit}")]
    TooLong {
        /// Which claim.
        field: &'static str,
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A control or bidi character in a text (docs/spec/verification-qr.md §3.8: refused at issue and at verify).
    #[error("claim {field} contains the control character U+{code:04X}")]
    ControlCharacter {
        /// Which claim.
        field: &'static str,
        /// The character.
        code: u32,
    },
    /// A windows-1258 text that is not valid.
    #[error("claim {0}: the windows-1258 text form does not decode")]
    BadLegacyText(&'static str),
}

/// How text claims are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextForm {
    /// CBOR text strings (UTF-8, NFC). The default.
    Utf8,
    /// CBOR byte strings of windows-1258 where that round-trips exactly (about 15% shorter for
    /// Vietnamese), UTF-8 otherwise.
    Windows1258,
}

impl Claims {
    /// Checks what the spec requires of every claim, at issue and at verify.
    pub fn check(&self) -> Result<(), ClaimsError> {
        if self.serial.is_empty() {
            return Err(ClaimsError::Missing("1 (serial)"));
        }
        if self.name.is_empty() {
            return Err(ClaimsError::Missing("2 (name)"));
        }
        if self.serial.len() > MAX_SERIAL_BYTES {
            return Err(ClaimsError::TooLong {
                field: "serial",
                bytes: self.serial.len(),
                limit: MAX_SERIAL_BYTES,
            });
        }
        for (field, text) in self.texts() {
            if text.len() > MAX_TEXT_BYTES {
                return Err(ClaimsError::TooLong { field, bytes: text.len(), limit: MAX_TEXT_BYTES });
            }
            if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
                return Err(ClaimsError::ControlCharacter { field, code: c as u32 });
            }
        }
        Ok(())
    }

    pub(crate) fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut v = vec![("serial", self.serial.as_str()), ("name", self.name.as_str())];
        for (field, t) in [
            ("programme", &self.programme),
            ("result", &self.result),
            ("programme_code", &self.programme_code),
            ("registry_number", &self.registry_number),
        ] {
            if let Some(t) = t {
                v.push((field, t.as_str()));
            }
        }
        v
    }

    /// The deterministic CBOR encoding.
    pub fn encode(&self, form: TextForm) -> Result<Vec<u8>, ClaimsError> {
        self.check()?;
        let mut entries: Vec<(i64, Vec<u8>)> = Vec::new();
        let text = |s: &str, legacy_ok: bool| -> Vec<u8> {
            let mut e = Encoder::new(Vec::new());
            match (form, legacy_ok.then(|| viet::encode_windows_1258(s)).flatten()) {
                (TextForm::Windows1258, Some(bytes)) if bytes.len() < s.len() => e.bytes(&bytes),
                _ => e.str(s),
            }
            .expect("writing to a Vec cannot fail");
            e.into_writer()
        };
        let int = |i: i64| -> Vec<u8> {
            let mut e = Encoder::new(Vec::new());
            e.i64(i).expect("writing to a Vec cannot fail");
            e.into_writer()
        };
        let tstr = |s: &str| -> Vec<u8> {
            let mut e = Encoder::new(Vec::new());
            e.str(s).expect("writing to a Vec cannot fail");
            e.into_writer()
        };
        entries.push((SERIAL, tstr(&self.serial)));
        entries.push((NAME, text(&self.name, true)));
        if let Some(d) = self.birth_date {
            entries.push((BIRTH_DATE, int(d)));
        }
        if let Some(p) = &self.programme {
            entries.push((PROGRAMME, text(p, true)));
        }
        entries.push((ISSUE_DATE, int(self.issue_date)));
        for (k, v) in [(COURSE_START, self.course_start), (COURSE_END, self.course_end)] {
            if let Some(d) = v {
                entries.push((k, int(d)));
            }
        }
        if let Some(r) = &self.result {
            entries.push((RESULT, text(r, true)));
        }
        if let Some(c) = &self.programme_code {
            entries.push((PROGRAMME_CODE, tstr(c)));
        }
        if let Some(r) = &self.registry_number {
            entries.push((REGISTRY_NUMBER, tstr(r)));
        }
        if let Some(d) = self.signing_date {
            entries.push((SIGNING_DATE, int(d)));
        }
        if let Some(y) = self.birth_year {
            entries.push((BIRTH_YEAR, int(y)));
        }
        entries.extend(self.unknown.iter().cloned());
        Ok(assemble(entries))
    }

    /// Strict decoding of the whole input as one claims map.
    pub fn decode(bytes: &[u8]) -> Result<Claims, ClaimsError> {
        let cbor = |e: minicbor::decode::Error| ClaimsError::Cbor(e.to_string());
        let mut d = Decoder::new(bytes);
        let n = d.map().map_err(cbor)?.ok_or(ClaimsError::NotDeterministic)?;
        if n > 64 {
            return Err(ClaimsError::Cbor(format!("a map of {n} claims is not a certificate")));
        }
        let mut c = Claims::default();
        let mut seen_issue = false;
        let mut entries: Vec<(i64, Vec<u8>)> = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let key = match d.datatype().map_err(cbor)? {
                Type::U8
                | Type::U16
                | Type::U32
                | Type::U64
                | Type::I8
                | Type::I16
                | Type::I32
                | Type::I64 => d.i64().map_err(cbor)?,
                t => return Err(ClaimsError::Cbor(format!("claim keys are integers, found {t}"))),
            };
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(ClaimsError::DuplicateKey(key));
            }
            let start = d.position();
            // Each known value is decoded, then encoded again as this encoder would write it:
            // a non-minimal integer or length then no longer matches the input bytes.
            let enc = |f: &dyn Fn(&mut VecEncoder) -> EncodeResult| {
                let mut e = Encoder::new(Vec::new());
                f(&mut e).expect("writing to a Vec cannot fail");
                e.into_writer()
            };
            let text = |d: &mut Decoder, field: &'static str| -> Result<(String, Vec<u8>), ClaimsError> {
                match d.datatype().map_err(cbor)? {
                    Type::String => {
                        let s = d.str().map_err(cbor)?;
                        Ok((s.to_string(), enc(&|e| e.str(s).map(|_| ()))))
                    }
                    Type::Bytes => {
                        let b = d.bytes().map_err(cbor)?;
                        let s = viet::decode_windows_1258(b).ok_or(ClaimsError::BadLegacyText(field))?;
                        Ok((s, enc(&|e| e.bytes(b).map(|_| ()))))
                    }
                    t => Err(ClaimsError::Cbor(format!("claim {field} must be text, found {t}"))),
                }
            };
            let tstr = |d: &mut Decoder, field: &'static str| -> Result<(String, Vec<u8>), ClaimsError> {
                match d.datatype().map_err(cbor)? {
                    Type::String => {
                        let s = d.str().map_err(cbor)?;
                        Ok((s.to_string(), enc(&|e| e.str(s).map(|_| ()))))
                    }
                    t => Err(ClaimsError::Cbor(format!("claim {field} must be a text string, found {t}"))),
                }
            };
            let day = |d: &mut Decoder, field: &'static str| -> Result<(i64, Vec<u8>), ClaimsError> {
                match d.datatype().map_err(cbor)? {
                    Type::U8 | Type::U16 | Type::U32 | Type::I8 | Type::I16 | Type::I32 => {
                        let v = d.i64().map_err(cbor)?;
                        Ok((v, enc(&|e| e.i64(v).map(|_| ()))))
                    }
                    t => Err(ClaimsError::Cbor(format!("claim {field} must be a day number, found {t}"))),
                }
            };
            let reencoded = match key {
                SERIAL => tstr(&mut d, "serial").map(|(v, b)| {
                    c.serial = v;
                    b
                })?,
                NAME => text(&mut d, "name").map(|(v, b)| {
                    c.name = v;
                    b
                })?,
                BIRTH_DATE => day(&mut d, "birth_date").map(|(v, b)| {
                    c.birth_date = Some(v);
                    b
                })?,
                PROGRAMME => text(&mut d, "programme").map(|(v, b)| {
                    c.programme = Some(v);
                    b
                })?,
                ISSUE_DATE => day(&mut d, "issue_date").map(|(v, b)| {
                    c.issue_date = v;
                    seen_issue = true;
                    b
                })?,
                COURSE_START => day(&mut d, "course_start").map(|(v, b)| {
                    c.course_start = Some(v);
                    b
                })?,
                COURSE_END => day(&mut d, "course_end").map(|(v, b)| {
                    c.course_end = Some(v);
                    b
                })?,
                RESULT => text(&mut d, "result").map(|(v, b)| {
                    c.result = Some(v);
                    b
                })?,
                PROGRAMME_CODE => tstr(&mut d, "programme_code").map(|(v, b)| {
                    c.programme_code = Some(v);
                    b
                })?,
                REGISTRY_NUMBER => tstr(&mut d, "registry_number").map(|(v, b)| {
                    c.registry_number = Some(v);
                    b
                })?,
                SIGNING_DATE => day(&mut d, "signing_date").map(|(v, b)| {
                    c.signing_date = Some(v);
                    b
                })?,
                BIRTH_YEAR => day(&mut d, "birth_year").map(|(v, b)| {
                    c.birth_year = Some(v);
                    b
                })?,
                _ => {
                    d.skip().map_err(cbor)?;
                    let raw = bytes[start..d.position()].to_vec();
                    c.unknown.push((key, raw.clone()));
                    raw
                }
            };
            entries.push((key, reencoded));
        }
        if d.position() != bytes.len() {
            return Err(ClaimsError::Trailing(bytes.len() - d.position()));
        }
        if !seen_issue {
            return Err(ClaimsError::Missing("5 (issue date)"));
        }
        c.check()?;
        // The canonical re-encoding of the same entries must be these very bytes.
        let mut sorted = entries.clone();
        sorted.sort_by_key(|e| key_bytes(e.0));
        if sorted != entries || assemble(entries) != bytes || !unknown_values_deterministic(&c.unknown) {
            return Err(ClaimsError::NotDeterministic);
        }
        Ok(c)
    }
}

/// External AAD of every signature (domain separation from any other use of the key).
pub const EXTERNAL_AAD: &[u8] = b"VNCERT-QR-v1";

/// COSE algorithm numbers.
pub const COSE_ES256: i64 = -7;
/// COSE EdDSA.
pub const COSE_EDDSA: i64 = -8;

/// What is signed (docs/spec/verification-qr.md §3.2): the COSE_Sign1 `Sig_structure`
/// `["Signature1", bstr(PROT), bstr("VNCERT-QR-v1"), bstr(CLAIMS)]` with `PROT = {1: alg, 4: h'KID'}`.
pub fn sig_structure(cose_alg: i64, kid: &[u8; 4], claims: &[u8]) -> Vec<u8> {
    let mut prot = Encoder::new(Vec::new());
    prot.map(2)
        .and_then(|e| e.u8(1))
        .and_then(|e| e.i64(cose_alg))
        .and_then(|e| e.u8(4))
        .and_then(|e| e.bytes(kid))
        .expect("writing to a Vec cannot fail");
    let prot = prot.into_writer();
    let mut tbs = Encoder::new(Vec::with_capacity(claims.len() + 40));
    tbs.array(4)
        .and_then(|e| e.str("Signature1"))
        .and_then(|e| e.bytes(&prot))
        .and_then(|e| e.bytes(EXTERNAL_AAD))
        .and_then(|e| e.bytes(claims))
        .expect("writing to a Vec cannot fail");
    tbs.into_writer()
}

impl Claims {
    /// Builds the claims from the texts a template's `[claims]` rendered for one record. Dates
    /// are read as printed (dd/mm/yyyy, ISO or, for the date of birth, a bare year). Errors name
    /// the claim and say what to fix.
    pub fn from_texts(texts: &std::collections::BTreeMap<String, String>) -> Result<Claims, String> {
        let get = |k: &str| texts.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
        let far = viet::Date { year: 9999, month: 12, day: 31 };
        let day = |k: &str| -> Result<Option<i64>, String> {
            match get(k) {
                None => Ok(None),
                Some(s) => viet::Date::parse_iso(s)
                    .or_else(|_| match viet::parse_birth_date(s, far) {
                        Ok(viet::BirthDate::Full(d)) => Ok(d),
                        _ => Err(()),
                    })
                    .map(|d| Some(days_from_date(d)))
                    .map_err(|_| format!("claim {k}: {s:?} is not a date")),
            }
        };
        let mut c = Claims {
            serial: get("serial")
                .ok_or("the serial (số hiệu) is empty: every issued certificate needs one")?
                .to_string(),
            name: get("name").ok_or("the name is empty")?.to_string(),
            issue_date: day("issue_date")?.ok_or("the issue date (ngay_cap) is empty")?,
            programme: get("programme").map(str::to_string),
            course_start: day("course_start")?,
            course_end: day("course_end")?,
            result: get("result").map(str::to_string),
            programme_code: get("programme_code").map(str::to_string),
            registry_number: get("registry_number").map(str::to_string),
            ..Claims::default()
        };
        if let Some(b) = get("birth_date") {
            match viet::parse_birth_date(b, far) {
                Ok(viet::BirthDate::Full(d)) => c.birth_date = Some(days_from_date(d)),
                Ok(viet::BirthDate::Year(y)) => c.birth_year = Some(y as i64),
                Err(e) => return Err(format!("claim birth_date: {b:?}: {e}")),
            }
        }
        c.check().map_err(|e| e.to_string())?;
        Ok(c)
    }
}

type VecEncoder = Encoder<Vec<u8>>;
type EncodeResult = Result<(), minicbor::encode::Error<std::convert::Infallible>>;

/// Map header + entries in canonical key order (bytewise order of the encoded keys).
fn assemble(mut entries: Vec<(i64, Vec<u8>)>) -> Vec<u8> {
    entries.sort_by_key(|e| key_bytes(e.0));
    let mut e = Encoder::new(Vec::new());
    e.map(entries.len() as u64).expect("writing to a Vec cannot fail");
    let mut out = e.into_writer();
    for (k, v) in entries {
        out.extend(key_bytes(k));
        out.extend(v);
    }
    out
}

fn key_bytes(k: i64) -> Vec<u8> {
    let mut e = Encoder::new(Vec::new());
    e.i64(k).expect("writing to a Vec cannot fail");
    e.into_writer()
}

/// Unknown values may be any CBOR, but still only the deterministic kinds: integers, booleans,
/// null, definite strings, arrays and maps — no floats, tags or indefinite lengths, which a
/// byte-exact re-encoding could not vouch for.
fn unknown_values_deterministic(unknown: &[(i64, Vec<u8>)]) -> bool {
    fn value(d: &mut Decoder, depth: u32) -> bool {
        if depth > 8 {
            return false;
        }
        let Ok(t) = d.datatype() else { return false };
        match t {
            Type::U8 | Type::U16 | Type::U32 | Type::U64 | Type::I8 | Type::I16 | Type::I32 | Type::I64 => {
                d.i64().is_ok()
            }
            Type::Bool => d.bool().is_ok(),
            Type::Null => d.null().is_ok(),
            Type::String => d.str().is_ok(),
            Type::Bytes => d.bytes().is_ok(),
            Type::Array => match d.array() {
                Ok(Some(n)) => (0..n).all(|_| value(d, depth + 1)),
                _ => false,
            },
            Type::Map => match d.map() {
                Ok(Some(n)) => (0..2 * n).all(|_| value(d, depth + 1)),
                _ => false,
            },
            _ => false,
        }
    }
    unknown.iter().all(|(_, v)| {
        let mut d = Decoder::new(v);
        value(&mut d, 0) && d.position() == v.len()
    })
}

/// C0 and C1 controls and the Unicode bidi controls: invisible characters that could make a
/// verifier display something other than what was signed.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c as u32, 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}

/// Days since 1970-01-01 of a date (negative before).
pub fn days_from_date(d: viet::Date) -> i64 {
    // Howard Hinnant's days_from_civil.
    let (y, m, day) = (d.year as i64, d.month as i64, d.day as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number.
pub fn date_from_days(days: i64) -> viet::Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)).clamp(0, 9999) as u16;
    viet::Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Claims {
        Claims {
            serial: "TB-2019-000218".into(),
            name: "Nguyễn Thị Ngọc Huyền".into(),
            birth_date: Some(days_from_date(viet::Date::new(1985, 3, 4).unwrap())),
            programme: Some("bồi dưỡng cập nhật kiến thức năm 2019".into()),
            issue_date: days_from_date(viet::Date::new(2019, 11, 20).unwrap()),
            registry_number: Some("218/2019".into()),
            ..Claims::default()
        }
    }

    #[test]
    fn claims_round_trip_in_both_text_forms() {
        for form in [TextForm::Utf8, TextForm::Windows1258] {
            let bytes = sample().encode(form).unwrap();
            assert_eq!(Claims::decode(&bytes).unwrap(), sample());
        }
        assert!(
            sample().encode(TextForm::Windows1258).unwrap().len()
                < sample().encode(TextForm::Utf8).unwrap().len()
        );
    }

    #[test]
    fn claims_encoding_is_canonical_cbor() {
        let c = Claims { serial: "A".into(), name: "B".into(), issue_date: 1, ..Claims::default() };
        // {1: "A", 2: "B", 5: 1}
        assert_eq!(c.encode(TextForm::Utf8).unwrap(), [0xa3, 0x01, 0x61, b'A', 0x02, 0x61, b'B', 0x05, 0x01]);
    }

    #[test]
    fn decode_refuses_non_minimal_unsorted_trailing_and_duplicate() {
        let good = [0xa3, 0x01, 0x61, b'A', 0x02, 0x61, b'B', 0x05, 0x01];
        assert!(Claims::decode(&good).is_ok());
        let non_minimal = [0xa3, 0x01, 0x61, b'A', 0x02, 0x61, b'B', 0x05, 0x18, 0x01];
        assert_eq!(Claims::decode(&non_minimal), Err(ClaimsError::NotDeterministic));
        let unsorted = [0xa3, 0x02, 0x61, b'B', 0x01, 0x61, b'A', 0x05, 0x01];
        assert_eq!(Claims::decode(&unsorted), Err(ClaimsError::NotDeterministic));
        let mut trailing = good.to_vec();
        trailing.push(0);
        assert_eq!(Claims::decode(&trailing), Err(ClaimsError::Trailing(1)));
        let dup = [0xa3, 0x01, 0x61, b'A', 0x01, 0x61, b'B', 0x05, 0x01];
        assert_eq!(Claims::decode(&dup), Err(ClaimsError::DuplicateKey(1)));
        let indefinite = [0xbf, 0x01, 0x61, b'A', 0x02, 0x61, b'B', 0x05, 0x01, 0xff];
        assert!(Claims::decode(&indefinite).is_err());
        let missing_issue = [0xa2, 0x01, 0x61, b'A', 0x02, 0x61, b'B'];
        assert_eq!(Claims::decode(&missing_issue), Err(ClaimsError::Missing("5 (issue date)")));
    }

    #[test]
    fn control_and_bidi_characters_are_refused() {
        for bad in ["Nguyễn\u{202E}An", "Nguyễn\u{0007}", "An\u{0085}"] {
            let c = Claims { name: bad.into(), ..sample() };
            assert!(matches!(c.encode(TextForm::Utf8), Err(ClaimsError::ControlCharacter { .. })), "{bad:?}");
        }
    }

    #[test]
    fn unknown_keys_are_kept_and_signed() {
        let mut c = sample();
        c.unknown.push((20, vec![0x63, b'x', b'y', b'z']));
        let bytes = c.encode(TextForm::Utf8).unwrap();
        assert_eq!(Claims::decode(&bytes).unwrap().unknown, c.unknown);
    }

    #[test]
    fn sig_structure_is_the_cose_one() {
        let tbs = sig_structure(COSE_ES256, &[0xd3, 0x94, 0x90, 0x91], &[0xa0]);
        let mut want = vec![0x84, 0x6a];
        want.extend(b"Signature1");
        want.extend([0x49, 0xa2, 0x01, 0x26, 0x04, 0x44, 0xd3, 0x94, 0x90, 0x91, 0x4c]);
        want.extend(b"VNCERT-QR-v1");
        want.extend([0x41, 0xa0]);
        assert_eq!(tbs, want);
    }

    #[test]
    fn day_numbers_match_the_calendar() {
        assert_eq!(days_from_date(viet::Date::new(1970, 1, 1).unwrap()), 0);
        assert_eq!(days_from_date(viet::Date::new(2019, 11, 20).unwrap()), 18220);
        assert_eq!(days_from_date(viet::Date::new(1960, 1, 1).unwrap()), -3653);
        for d in [-40000, -1, 0, 18220, 30000] {
            assert_eq!(days_from_date(date_from_days(d)), d);
        }
    }
}
