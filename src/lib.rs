//! `chungnhan` turns a roster and a template into personalised Vietnamese certificates (giấy
//! chứng nhận) as print-ready PDF files.
//!
//! The pipeline, one module per stage, each with its own output type:
//!
//! | stage | module | output |
//! |---|---|---|
//! | read the roster | [`roster`] | [`roster::Roster`] of NFC rows with their origin |
//! | check and normalise | [`record`] | [`record::CertRecord`] |
//! | evaluate the template's texts (tera) | [`template`] | [`template::RenderedFields`] |
//! | measure and place (rustybuzz) | [`layout`] | [`layout::PageLayout`] |
//! | write the PDF (krilla) | [`pdf`] | bytes |
//!
//! [`batch`] runs them over a roster: everything is checked before anything is written, files are
//! rendered in parallel and written atomically, and results and problems come in roster order.
//! [`issue`] adds the register ([`register`], SQLite): numbers allocated and committed before
//! any file is written, records recognised on a rerun, reissues and revocations recorded;
//! [`export`] prints the register as CSV, XLSX or the sổ gốc PDF. [`site`] writes the static
//! verification page that a phone opens from the QR code ([`serve`] previews it on loopback).
//!
//! ```
//! use chungnhan::{batch, layout, pdf, record, roster, template::Template, viet::Date};
//!
//! let roster = roster::parse("lop.csv".into(),
//!     "stt,ho_ten,ngay_sinh\n1,Lương Thị Ẩn,05/02/1980\n".as_bytes()).unwrap();
//! let template = Template::load("giay-chung-nhan").unwrap();
//! let today = Date::new(2019, 12, 20).unwrap();
//! let cfg = batch::BatchConfig::new(template, Default::default(), Default::default(), today).unwrap();
//!
//! let map = record::map_columns(&roster, &cfg.template).unwrap();
//! let rec = record::normalize(&roster.rows[0], &map, cfg.issue_date).unwrap();
//! let fields = cfg.template.render(&cfg.values_for(&rec)).unwrap();
//! let page = layout::lay_out(&cfg.template, &fields, layout::QrContent::Placeholder).unwrap();
//! let meta = pdf::PdfMeta { title: fields.title, author: None, subject: None, date: cfg.issue_date, keywords: vec![] };
//! let bytes = pdf::write([page], &meta, &pdf::Resources::new(&cfg.template).unwrap()).unwrap();
//! assert!(bytes.starts_with(b"%PDF"));
//! ```

#![warn(missing_docs)]

pub mod batch;
pub mod claims;
pub mod cli;
pub mod error;
pub mod export;
pub mod fonts;
pub mod issue;
pub mod keys;
pub mod layout;
pub mod legacy;
pub mod order;
pub mod output;
pub mod pdf;
pub mod qr;
pub mod record;
pub mod register;
pub mod roster;
pub mod scan;
pub mod serve;
pub mod sheet;
pub mod sign;
pub mod site;
pub mod template;
pub mod token;
pub mod trust;
pub mod verify;
pub mod viet;
