//! The workflows as a library API. Here so far: `issue` and `print` (the register's workflows,
//! moved out of `register` so that the register is a store below `batch`) and `audit_entries`
//! (the register's entries against what was signed, which reads their templates as `print`
//! does).

pub mod audit_entries;
pub mod issue;
pub mod print;
