//! The roster's fields: their names (the one place the code spells `ho_ten`, `so_hieu`, …), how
//! each is read and checked ([`FieldKind`], [`FieldSpec`], declared by a template's `[fields]`),
//! and what the record stage asks of whoever declares them ([`RecordFields`]: a template, for
//! now). The names are the roster's and the templates' words; in Rust the concepts are named in
//! English (`serial`, `holder_name`, `birth_date`).

use std::collections::BTreeMap;

use serde::Deserialize;

/// Số thứ tự: the record's number in the roster, as the roster writes it.
pub const STT: &str = "stt";
/// Họ và tên: the holder's full name.
pub const HO_TEN: &str = "ho_ten";
/// Tên: the given name alone (a roster whose name is split in two columns, or sorted by it).
pub const TEN: &str = "ten";
/// Ngày sinh: the date of birth.
pub const NGAY_SINH: &str = "ngay_sinh";
/// Nơi sinh: the place of birth.
pub const NOI_SINH: &str = "noi_sinh";
/// Số hiệu: the certificate's serial.
pub const SO_HIEU: &str = "so_hieu";
/// Số vào sổ: the register number.
pub const SO_VAO_SO: &str = "so_vao_so";

/// How a roster field is read and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Any text; a line break becomes a space.
    #[default]
    Text,
    /// A person's name: printed exactly as given, no line break allowed.
    Name,
    /// A date of birth: day/month/year, ISO, or a bare year; printed as dd/mm/yyyy or yyyy.
    BirthDate,
    /// Nam or Nữ, in any case.
    Gender,
}

/// A roster field the template uses.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// A record without it is refused.
    #[serde(default)]
    pub required: bool,
    /// How to read and check it.
    #[serde(default)]
    pub kind: FieldKind,
    /// Other header names that mean this field (matched ignoring case, diacritics and spaces).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A human label, used in messages about a missing column.
    #[serde(default)]
    pub label: Option<String>,
    /// No two records may have the same value (serials, register numbers).
    #[serde(default)]
    pub unique: bool,
}

/// What the record stage needs of the declaration of a roster's fields.
pub trait RecordFields {
    /// The fields, by name.
    fn fields(&self) -> &BTreeMap<String, FieldSpec>;
    /// Whether `name` is read anywhere (a field, a variable, a word of a text): a column of
    /// that name is then not "unread".
    fn mentions(&self, name: &str) -> bool;
}
