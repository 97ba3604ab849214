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

use crate::util::diag::{Arg, Diagnose, Diagnostic, Message};
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

/// What kind of value a claim holds, which fixes how it is encoded, decoded and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// Text as printed: a CBOR text string, or windows-1258 bytes in the compact text form.
    Text,
    /// A code or number (serial, register number): always a CBOR text string.
    Code,
    /// A date: days since 1970-01-01, shown dd/mm/yyyy.
    Day,
    /// A year, shown as it is.
    Year,
}

/// One claim of VNCERT-QR v1: its key, the name templates, `verify --json` and the page use,
/// its kind and its labels. [`CLAIMS`] is the one list of them: encoding, decoding, template
/// checks, the verify report and the page's table all follow it.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct ClaimDef {
    /// The CBOR map key.
    pub key: i64,
    /// The name in `[claims]`, in `verify --json` and on the page.
    pub name: &'static str,
    /// The value's kind.
    pub kind: ClaimKind,
    /// Label in Vietnamese.
    pub vi: &'static str,
    /// Label in English.
    pub en: &'static str,
    /// Whether a template sets it in `[claims]` (the others the issuer derives).
    #[serde(skip)]
    pub from_template: bool,
}

const fn def(key: i64, name: &'static str, kind: ClaimKind, vi: &'static str, en: &'static str) -> ClaimDef {
    ClaimDef { key, name, kind, vi, en, from_template: true }
}

/// Every claim this version knows, in the order a report shows them.
pub const CLAIMS: &[ClaimDef] = &[
    def(SERIAL, "serial", ClaimKind::Code, "Số hiệu", "Serial"),
    def(NAME, "name", ClaimKind::Text, "Họ và tên", "Name"),
    def(BIRTH_DATE, "birth_date", ClaimKind::Day, "Ngày sinh", "Date of birth"),
    // A bare year in the template's birth_date becomes this claim.
    ClaimDef {
        from_template: false,
        ..def(BIRTH_YEAR, "birth_year", ClaimKind::Year, "Năm sinh", "Year of birth")
    },
    def(PROGRAMME, "programme", ClaimKind::Text, "Chương trình", "Programme"),
    def(ISSUE_DATE, "issue_date", ClaimKind::Day, "Ngày cấp", "Issue date"),
    def(COURSE_START, "course_start", ClaimKind::Day, "Từ ngày", "Course start"),
    def(COURSE_END, "course_end", ClaimKind::Day, "Đến ngày", "Course end"),
    def(RESULT, "result", ClaimKind::Text, "Xếp loại", "Result"),
    def(PROGRAMME_CODE, "programme_code", ClaimKind::Code, "Mã chương trình", "Programme code"),
    def(REGISTRY_NUMBER, "registry_number", ClaimKind::Code, "Số vào sổ", "Register number"),
    // Written by `issue` from the day it signs, never by a template.
    ClaimDef {
        from_template: false,
        ..def(SIGNING_DATE, "signing_date", ClaimKind::Day, "Ngày ký", "Signing date")
    },
];

/// The definition of claim `key`, if this version knows it.
pub fn def_of(key: i64) -> Option<&'static ClaimDef> {
    CLAIMS.iter().find(|d| d.key == key)
}

/// The names a template's `[claims]` may use.
pub fn template_names() -> impl Iterator<Item = &'static str> {
    CLAIMS.iter().filter(|d| d.from_template).map(|d| d.name)
}

/// One claim's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimValue<'a> {
    /// Text or code.
    Text(&'a str),
    /// Day number or year.
    Int(i64),
}

impl ClaimValue<'_> {
    /// The value as a report shows it: dates as dd/mm/yyyy, texts and years as they are.
    pub fn display(&self, kind: ClaimKind) -> String {
        match (self, kind) {
            (ClaimValue::Int(d), ClaimKind::Day) => viet::Date::from_days(*d).to_string(),
            (ClaimValue::Int(n), _) => n.to_string(),
            (ClaimValue::Text(t), _) => t.to_string(),
        }
    }
}

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
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClaimsError {
    /// Not well-formed CBOR, or the wrong type somewhere.
    #[error("{}", self.message())]
    Cbor(Arg),
    /// Valid CBOR, but not in the one deterministic encoding (spec: RFC 8949 §4.2.1).
    #[error("{}", self.message())]
    NotDeterministic,
    /// Bytes after the map.
    #[error("{}", self.message())]
    Trailing(usize),
    /// A key twice.
    #[error("{}", self.message())]
    DuplicateKey(i64),
    /// A required key is missing.
    #[error("{}", self.message())]
    Missing(i64),
    /// A text too long.
    #[error("{}", self.message())]
    TooLong {
        /// Which claim.
        field: &'static str,
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A control or bidi character in a text (docs/spec/verification-qr.md §3.8: refused at issue and at verify).
    #[error("{}", self.message())]
    ControlCharacter {
        /// Which claim.
        field: &'static str,
        /// The character.
        code: u32,
    },
    /// A windows-1258 text that is not valid.
    #[error("{}", self.message())]
    BadLegacyText(&'static str),
    /// A day or year outside 01/01/0001 – 31/12/9999 ([`DAY_RANGE`], [`YEAR_RANGE`]): no
    /// certificate carries one, and no calendar shows it the same way everywhere (issue 28,
    /// item 11: `verify` showed "20/01/9999", the page "NaN/NaN/NaN"). The page says it in the
    /// same words (`outOfCalendar` in `src/site/page/texts.json`).
    #[error("{}", self.message())]
    OutOfCalendar(&'static str),
}

impl ClaimsError {
    /// What it says, as data (worded at the edge).
    pub fn message(&self) -> Message {
        match self {
            ClaimsError::Cbor(problem) => Message::new("err-claims-cbor").arg("problem", problem.clone()),
            ClaimsError::NotDeterministic => Message::new("err-claims-not-deterministic"),
            ClaimsError::Trailing(count) => {
                Message::new("err-claims-trailing").arg("count", count.to_string())
            }
            ClaimsError::DuplicateKey(key) => {
                Message::new("err-claims-duplicate-key").arg("key", key.to_string())
            }
            ClaimsError::Missing(key) => Message::new("err-claims-missing")
                .arg("key", key.to_string())
                .arg("claim_name", def_of(*key).map_or(String::new(), |d| d.name.replace('_', " "))),
            ClaimsError::TooLong { field, bytes, limit, .. } => Message::new("err-claims-too-long")
                .arg("field", field.to_string())
                .arg("bytes", bytes.to_string())
                .arg("limit", limit.to_string()),
            ClaimsError::ControlCharacter { field, code, .. } => Message::new("err-claims-control-character")
                .arg("field", field.to_string())
                .arg("code", format!("{:04X}", code)),
            ClaimsError::BadLegacyText(claim) => {
                Message::new("err-claims-bad-legacy-text").arg("claim", claim.to_string())
            }
            ClaimsError::OutOfCalendar(field) => {
                Message::new("err-claims-out-of-calendar").arg("field", field.to_string())
            }
        }
    }
}

/// The day numbers a date claim may hold: 01/01/0001 to 31/12/9999 (spec §3.3).
pub const DAY_RANGE: std::ops::RangeInclusive<i64> = -719_162..=2_932_896;
/// The years a year claim may hold (spec §3.3).
pub const YEAR_RANGE: std::ops::RangeInclusive<i64> = 1..=9999;

/// Why a template's `[claims]` texts do not make claims that can be signed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClaimError {
    /// No serial.
    #[error("{}", self.message())]
    NoSerial,
    /// No name.
    #[error("{}", self.message())]
    NoName,
    /// No issue date.
    #[error("{}", self.message())]
    NoIssueDate,
    /// A date claim that does not read as a date.
    #[error("{}", self.message())]
    NotADate {
        /// Which claim.
        claim: &'static str,
        /// The text.
        value: String,
    },
    /// A year claim that does not read as a year.
    #[error("{}", self.message())]
    NotAYear {
        /// Which claim.
        claim: &'static str,
        /// The text.
        value: String,
    },
    /// A date of birth that is neither a date nor a year.
    #[error("{}", self.message())]
    BirthDate {
        /// The text.
        value: String,
        /// Why.
        reason: viet::DateError,
    },
    /// Claims the format does not allow (too long, control characters…).
    #[error(transparent)]
    Invalid(#[from] ClaimsError),
}

impl Diagnose for ClaimsError {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.message())
    }
}

impl Diagnose for ClaimError {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.message())
    }
}

impl ClaimError {
    /// What it says, as data (worded at the edge).
    pub fn message(&self) -> Message {
        match self {
            ClaimError::NoSerial => Message::new("err-claims-no-serial"),
            ClaimError::NoName => Message::new("err-claims-no-name"),
            ClaimError::NoIssueDate => Message::new("err-claims-no-issue-date"),
            ClaimError::NotADate { claim, value, .. } => Message::new("err-claims-not-a-date")
                .arg("claim", claim.to_string())
                .arg("value", format!("{:?}", value)),
            ClaimError::NotAYear { claim, value, .. } => Message::new("err-claims-not-a-year")
                .arg("claim", claim.to_string())
                .arg("value", format!("{:?}", value)),
            ClaimError::BirthDate { value, reason, .. } => Message::new("err-claims-birth-date")
                .arg("value", format!("{:?}", value))
                .arg("reason", reason.diagnostic().message),
            ClaimError::Invalid(e) => e.message(),
        }
    }
}

impl ClaimError {
    /// The claim it concerns, by its [`ClaimDef::name`], where one claim is at fault.
    pub fn claim(&self) -> Option<&'static str> {
        match self {
            ClaimError::NoSerial => Some("serial"),
            ClaimError::NoName => Some("name"),
            ClaimError::NoIssueDate => Some("issue_date"),
            ClaimError::NotADate { claim, .. } | ClaimError::NotAYear { claim, .. } => Some(claim),
            ClaimError::BirthDate { .. } => Some("birth_date"),
            ClaimError::Invalid(ClaimsError::Missing(key)) => def_of(*key).map(|d| d.name),
            ClaimError::Invalid(ClaimsError::TooLong { field, .. })
            | ClaimError::Invalid(ClaimsError::ControlCharacter { field, .. }) => Some(field),
            ClaimError::Invalid(ClaimsError::BadLegacyText(field))
            | ClaimError::Invalid(ClaimsError::OutOfCalendar(field)) => Some(field),
            ClaimError::Invalid(_) => None,
        }
    }
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
    /// The value of claim `key`, if this version knows it and the certificate has it. With
    /// `Claims::set`, the only place that ties the struct's fields to the keys of [`CLAIMS`].
    pub fn value(&self, key: i64) -> Option<ClaimValue<'_>> {
        fn text(t: &Option<String>) -> Option<ClaimValue<'_>> {
            t.as_deref().map(ClaimValue::Text)
        }
        let int = |i: Option<i64>| i.map(ClaimValue::Int);
        match key {
            SERIAL => Some(ClaimValue::Text(&self.serial)).filter(|_| !self.serial.is_empty()),
            NAME => Some(ClaimValue::Text(&self.name)).filter(|_| !self.name.is_empty()),
            BIRTH_DATE => int(self.birth_date),
            BIRTH_YEAR => int(self.birth_year),
            PROGRAMME => text(&self.programme),
            ISSUE_DATE => Some(ClaimValue::Int(self.issue_date)),
            COURSE_START => int(self.course_start),
            COURSE_END => int(self.course_end),
            RESULT => text(&self.result),
            PROGRAMME_CODE => text(&self.programme_code),
            REGISTRY_NUMBER => text(&self.registry_number),
            SIGNING_DATE => int(self.signing_date),
            _ => None,
        }
    }

    /// Sets claim `key` (one of [`CLAIMS`]; any other key is ignored).
    fn set(&mut self, key: i64, value: ClaimValue<'_>) {
        match value {
            ClaimValue::Text(t) => {
                let t = t.to_string();
                match key {
                    SERIAL => self.serial = t,
                    NAME => self.name = t,
                    PROGRAMME => self.programme = Some(t),
                    RESULT => self.result = Some(t),
                    PROGRAMME_CODE => self.programme_code = Some(t),
                    REGISTRY_NUMBER => self.registry_number = Some(t),
                    _ => {}
                }
            }
            ClaimValue::Int(i) => match key {
                BIRTH_DATE => self.birth_date = Some(i),
                BIRTH_YEAR => self.birth_year = Some(i),
                ISSUE_DATE => self.issue_date = i,
                COURSE_START => self.course_start = Some(i),
                COURSE_END => self.course_end = Some(i),
                SIGNING_DATE => self.signing_date = Some(i),
                _ => {}
            },
        }
    }

    /// Every known claim the certificate has, in [`CLAIMS`] order, with its definition.
    pub fn present(&self) -> impl Iterator<Item = (&'static ClaimDef, ClaimValue<'_>)> {
        CLAIMS.iter().filter_map(|d| self.value(d.key).map(|v| (d, v)))
    }

    /// Checks what the spec requires of every claim, at issue and at verify.
    pub fn check(&self) -> Result<(), ClaimsError> {
        if self.serial.is_empty() {
            return Err(ClaimsError::Missing(SERIAL));
        }
        if self.name.is_empty() {
            return Err(ClaimsError::Missing(NAME));
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
        // Issue refuses what verify would refuse: a date no calendar shows the same everywhere.
        for (d, v) in self.present() {
            let range = match d.kind {
                ClaimKind::Day => DAY_RANGE,
                ClaimKind::Year => YEAR_RANGE,
                _ => continue,
            };
            if matches!(v, ClaimValue::Int(n) if !range.contains(&n)) {
                return Err(ClaimsError::OutOfCalendar(d.name));
            }
        }
        Ok(())
    }

    /// Every known claim whose value differs between these claims (a record's, as its template
    /// renders them) and `signed` (its code's), the signing date aside (the signer adds it):
    /// the claim and both values as a report shows them (empty for a claim one side lacks).
    pub fn differences(&self, signed: &Claims) -> Vec<(&'static ClaimDef, String, String)> {
        let shown = |c: &Claims, d: &ClaimDef| c.value(d.key).map(|v| v.display(d.kind)).unwrap_or_default();
        CLAIMS
            .iter()
            .filter(|d| d.key != SIGNING_DATE && self.value(d.key) != signed.value(d.key))
            .map(|d| (d, shown(self, d), shown(signed, d)))
            .collect()
    }

    pub(crate) fn texts(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.present().filter_map(|(d, v)| match v {
            ClaimValue::Text(t) => Some((d.name, t)),
            ClaimValue::Int(_) => None,
        })
    }

    /// The deterministic CBOR encoding.
    pub fn encode(&self, form: TextForm) -> Result<Vec<u8>, ClaimsError> {
        self.check()?;
        let mut entries: Vec<(i64, Vec<u8>)> = self
            .present()
            .map(|(d, v)| {
                let mut e = Encoder::new(Vec::new());
                match v {
                    ClaimValue::Int(i) => e.i64(i).map(|_| ()),
                    ClaimValue::Text(s) => match (d.kind, form, viet::encode_windows_1258(s)) {
                        (ClaimKind::Text, TextForm::Windows1258, Some(b)) if b.len() < s.len() => {
                            e.bytes(&b).map(|_| ())
                        }
                        _ => e.str(s).map(|_| ()),
                    },
                }
                .expect("writing to a Vec cannot fail");
                (d.key, e.into_writer())
            })
            .collect();
        entries.extend(self.unknown.iter().cloned());
        Ok(assemble(entries))
    }

    /// Strict decoding of the whole input as one claims map.
    pub fn decode(bytes: &[u8]) -> Result<Claims, ClaimsError> {
        let cbor = |e: minicbor::decode::Error| ClaimsError::Cbor(Arg::Text(e.to_string()));
        let mut d = Decoder::new(bytes);
        let n = d.map().map_err(cbor)?.ok_or(ClaimsError::NotDeterministic)?;
        if n > 64 {
            return Err(ClaimsError::Cbor(Message::new("claims-map-size").arg("n", n).into()));
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
                t => {
                    return Err(ClaimsError::Cbor(
                        Message::new("claims-key-not-integer").arg("found", format!("{t}")).into(),
                    ))
                }
            };
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(ClaimsError::DuplicateKey(key));
            }
            let start = d.position();
            let reencoded = match def_of(key) {
                Some(def) => {
                    let (value, reencoded) = decode_value(&mut d, def)?;
                    c.set(key, value.as_ref());
                    seen_issue |= key == ISSUE_DATE;
                    reencoded
                }
                None => {
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
            return Err(ClaimsError::Missing(ISSUE_DATE));
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

/// A decoded value, owned while the decoder's input is borrowed.
enum Owned {
    Text(String),
    Int(i64),
}

impl Owned {
    fn as_ref(&self) -> ClaimValue<'_> {
        match self {
            Owned::Text(t) => ClaimValue::Text(t),
            Owned::Int(i) => ClaimValue::Int(*i),
        }
    }
}

/// Decodes one known claim's value by its kind, and encodes it again as this encoder would write
/// it: a non-minimal integer or length then no longer matches the input bytes.
fn decode_value(d: &mut Decoder, def: &ClaimDef) -> Result<(Owned, Vec<u8>), ClaimsError> {
    let cbor = |e: minicbor::decode::Error| ClaimsError::Cbor(Arg::Text(e.to_string()));
    let field = def.name;
    let mut e = Encoder::new(Vec::new());
    let value = match (def.kind, d.datatype().map_err(cbor)?) {
        (ClaimKind::Text | ClaimKind::Code, Type::String) => {
            let s = d.str().map_err(cbor)?;
            e.str(s).expect("writing to a Vec cannot fail");
            Owned::Text(s.to_string())
        }
        (ClaimKind::Text, Type::Bytes) => {
            let b = d.bytes().map_err(cbor)?;
            e.bytes(b).expect("writing to a Vec cannot fail");
            Owned::Text(viet::decode_windows_1258(b).ok_or(ClaimsError::BadLegacyText(field))?)
        }
        (
            ClaimKind::Day | ClaimKind::Year,
            Type::U8
            | Type::U16
            | Type::U32
            | Type::U64
            | Type::I8
            | Type::I16
            | Type::I32
            | Type::I64
            | Type::Int,
        ) => {
            let v = i128::from(d.int().map_err(cbor)?);
            let range = if def.kind == ClaimKind::Day { DAY_RANGE } else { YEAR_RANGE };
            let v = i64::try_from(v)
                .ok()
                .filter(|v| range.contains(v))
                .ok_or(ClaimsError::OutOfCalendar(field))?;
            e.i64(v).expect("writing to a Vec cannot fail");
            Owned::Int(v)
        }
        (ClaimKind::Text, t) => {
            return Err(ClaimsError::Cbor(
                Message::new("claims-not-text")
                    .arg("field", field.to_string())
                    .arg("found", format!("{t}"))
                    .into(),
            ))
        }
        (ClaimKind::Code, t) => {
            return Err(ClaimsError::Cbor(
                Message::new("claims-not-text-string")
                    .arg("field", field.to_string())
                    .arg("found", format!("{t}"))
                    .into(),
            ))
        }
        (ClaimKind::Day | ClaimKind::Year, t) => {
            return Err(ClaimsError::Cbor(
                Message::new("claims-not-day")
                    .arg("field", field.to_string())
                    .arg("found", format!("{t}"))
                    .into(),
            ))
        }
    };
    Ok((value, e.into_writer()))
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
    pub fn from_texts(texts: &std::collections::BTreeMap<String, String>) -> Result<Claims, ClaimError> {
        let get = |k: &str| texts.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
        let mut c = Claims::default();
        for def in CLAIMS.iter().filter(|d| d.from_template) {
            let Some(text) = get(def.name) else { continue };
            match (def.kind, def.key) {
                // The date of birth may be a bare year on paper: then the year is what is signed.
                (_, BIRTH_DATE) => match viet::parse_birth_date(text, viet::Date::MAX) {
                    Ok(viet::BirthDate::Full(d)) => c.set(BIRTH_DATE, ClaimValue::Int(d.days())),
                    Ok(viet::BirthDate::Year(y)) => c.set(BIRTH_YEAR, ClaimValue::Int(i64::from(y))),
                    Err(reason) => return Err(ClaimError::BirthDate { value: text.into(), reason }),
                },
                (ClaimKind::Day, key) => {
                    let d = viet::Date::parse_any(text)
                        .ok_or_else(|| ClaimError::NotADate { claim: def.name, value: text.into() })?;
                    c.set(key, ClaimValue::Int(d.days()));
                }
                (ClaimKind::Year, key) => {
                    let y = text
                        .parse()
                        .map_err(|_| ClaimError::NotAYear { claim: def.name, value: text.into() })?;
                    c.set(key, ClaimValue::Int(y));
                }
                (ClaimKind::Text | ClaimKind::Code, key) => c.set(key, ClaimValue::Text(text)),
            }
        }
        if c.serial.is_empty() {
            return Err(ClaimError::NoSerial);
        }
        if c.name.is_empty() {
            return Err(ClaimError::NoName);
        }
        if get("issue_date").is_none() {
            return Err(ClaimError::NoIssueDate);
        }
        c.check()?;
        Ok(c)
    }
}

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

/// Unknown values may be any CBOR, but only in the one deterministic encoding, at every depth:
/// integers and lengths in their shortest form, definite lengths, maps with sorted distinct
/// keys; integers, booleans, null, strings, arrays and maps only — no floats, tags or simple
/// values, which a byte-exact re-encoding could not vouch for. The page checks the same
/// (`src/site/page/app.js`, `Reader.skip`).
fn unknown_values_deterministic(unknown: &[(i64, Vec<u8>)]) -> bool {
    unknown.iter().all(|(_, v)| {
        let mut pos = 0;
        canonical_item(v, &mut pos, 0) && pos == v.len()
    })
}

/// Reads one item at `pos` (moving past it); false if it is not in deterministic encoding.
fn canonical_item(b: &[u8], pos: &mut usize, depth: u32) -> bool {
    if depth > 8 {
        return false;
    }
    let Some(&ib) = b.get(*pos) else { return false };
    *pos += 1;
    let (major, ai) = (ib >> 5, ib & 31);
    let size = match ai {
        0..=23 => 0,
        24 => 1,
        25 => 2,
        26 => 4,
        27 => 8,
        _ => return false, // indefinite or reserved
    };
    let Some(arg_bytes) = b.get(*pos..*pos + size) else { return false };
    *pos += size;
    let arg =
        if size == 0 { u64::from(ai) } else { arg_bytes.iter().fold(0u64, |v, &x| v << 8 | u64::from(x)) };
    let shortest = match size {
        0 => true,
        1 => arg >= 24,
        2 => arg >= 0x100,
        4 => arg >= 0x1_0000,
        _ => arg >= 0x1_0000_0000,
    };
    if !shortest {
        return false;
    }
    let remaining = (b.len() - *pos) as u64;
    match major {
        0 | 1 => true,
        2 | 3 => {
            if arg > remaining {
                return false;
            }
            let body = &b[*pos..*pos + arg as usize];
            *pos += arg as usize;
            major == 2 || std::str::from_utf8(body).is_ok()
        }
        4 => arg <= remaining && (0..arg).all(|_| canonical_item(b, pos, depth + 1)),
        5 => {
            if arg > remaining {
                return false;
            }
            let mut previous: Option<&[u8]> = None;
            for _ in 0..arg {
                let start = *pos;
                if !canonical_item(b, pos, depth + 1) {
                    return false;
                }
                let key = &b[start..*pos];
                if previous.is_some_and(|p| p >= key) {
                    return false; // unsorted or repeated
                }
                previous = Some(key);
                if !canonical_item(b, pos, depth + 1) {
                    return false;
                }
            }
            true
        }
        7 => matches!(ai, 20..=22), // false, true, null
        _ => false,                 // tags
    }
}

/// C0 and C1 controls and the Unicode bidi controls: invisible characters that could make a
/// verifier display something other than what was signed.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c as u32, 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Claims {
        Claims {
            serial: "TB-2019-000218".into(),
            name: "Nguyễn Thị Ngọc Huyền".into(),
            birth_date: Some(viet::Date::new(1985, 3, 4).unwrap().days()),
            programme: Some("bồi dưỡng cập nhật kiến thức năm 2019".into()),
            issue_date: viet::Date::new(2019, 11, 20).unwrap().days(),
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
        assert_eq!(Claims::decode(&missing_issue), Err(ClaimsError::Missing(ISSUE_DATE)));
    }

    /// Issue 28, item 11: a day outside 01/01/0001 – 31/12/9999, in any integer width, is
    /// refused in one wording when decoding, and never encoded.
    #[test]
    fn days_outside_the_calendar_are_refused_in_every_width() {
        let c = |issue_date| Claims { serial: "A".into(), name: "B".into(), issue_date, ..Claims::default() };
        for (days, ok) in [(-719_162, true), (2_932_896, true), (-719_163, false), (2_932_897, false)] {
            assert_eq!(c(days).encode(TextForm::Utf8).is_ok(), ok, "{days}");
        }
        let with_issue =
            |value: &[u8]| [&[0xa3, 0x01, 0x61, b'A', 0x02, 0x61, b'B', 0x05][..], value].concat();
        for value in [
            &[0x3a, 0x80, 0, 0, 0][..],                              // −2³¹ − 1
            &[0x1a, 0xff, 0xff, 0xff, 0xff],                         // 2³² − 1
            &[0x1b, 0, 0, 0, 1, 0, 0, 0, 0],                         // 2³², eight bytes
            &[0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // −2⁶⁴
        ] {
            assert_eq!(
                Claims::decode(&with_issue(value)),
                Err(ClaimsError::OutOfCalendar("issue_date")),
                "{value:x?}"
            );
        }
        assert_eq!(Claims::decode(&with_issue(&[0x3a, 0, 1, 0, 0])).unwrap().issue_date, -65_537);
        assert!(matches!(Claims::decode(&with_issue(&[0x61, b'1'])), Err(ClaimsError::Cbor(_))));
    }

    #[test]
    fn control_and_bidi_characters_are_refused() {
        for bad in ["Nguyễn\u{202E}An", "Nguyễn\u{0007}", "An\u{0085}"] {
            let c = Claims { name: bad.into(), ..sample() };
            assert!(matches!(c.encode(TextForm::Utf8), Err(ClaimsError::ControlCharacter { .. })), "{bad:?}");
        }
    }

    #[test]
    fn unknown_values_are_strict_at_every_depth() {
        // {1: "A", 2: "B", 5: 1, 20: value}, assembled by hand: the encoder trusts what it is given.
        let with = |value: &[u8]| {
            let mut bytes = vec![0xa4, 0x01, 0x61, b'A', 0x02, 0x61, b'B', 0x05, 0x01, 0x14];
            bytes.extend(value);
            Claims::decode(&bytes)
        };
        assert!(with(&[0xa2, 0x01, 0x02, 0x03, 0x04]).is_ok(), "a sorted inner map");
        assert!(with(&[0x82, 0x18, 0x18, 0xf5]).is_ok(), "[24, true]");
        for (bad, why) in [
            (&[0x18, 0x01][..], "non-minimal integer"),
            (&[0x81, 0x18, 0x01], "non-minimal integer inside an array"),
            (&[0xa2, 0x03, 0x04, 0x01, 0x02], "unsorted inner map"),
            (&[0xa2, 0x01, 0x02, 0x01, 0x03], "repeated inner key"),
            (&[0x59, 0x00, 0x01, 0x00], "non-minimal length"),
            (&[0xc1, 0x01], "a tag"),
            (&[0xf9, 0x3c, 0x00], "a float"),
            (&[0x9f, 0xff], "an indefinite array"),
        ] {
            assert_eq!(with(bad), Err(ClaimsError::NotDeterministic), "{why}");
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
}
