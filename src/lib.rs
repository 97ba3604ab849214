//! `chungnhan` turns a roster and a template into personalised Vietnamese certificates (giấy
//! chứng nhận) as print-ready PDF files.
//!
//! The pipeline, one folder per stage, each stage with its own output type:
//!
//! | stage | module | output |
//! |---|---|---|
//! | read the roster | [`input::roster`] | [`input::roster::Roster`] of NFC rows with their origin |
//! | check and normalise | [`input::record`] | [`input::record::CertRecord`] |
//! | evaluate the template's texts (tera) | [`template`] | [`template::RenderedFields`] |
//! | measure and place (rustybuzz) | [`render::layout`] | [`render::layout::PageLayout`] |
//! | write the PDF (krilla) | [`render::pdf`] | bytes |
//!
//! Beside it, [`seal`] makes and checks the signed verification code (VNCERT-QR v1: claims,
//! signature, token, QR symbol, scanning, verdict, trust manifest). [`batch`] runs the stages
//! over a roster: everything is checked before anything is written, files are rendered in
//! parallel and written atomically, and results and problems come in roster order.
//! [`register`] is the issuance register (sổ gốc): a store ([`register::Store`], SQLite behind
//! it) of certificates, numbers, blanks and history; [`run::issue`] numbers and commits before
//! any file is written, recognises records on a rerun, records reissues and revocations;
//! [`printout::export`] prints the register as CSV, XLSX or PDF. [`site`] writes the static
//! verification page that a phone opens from the QR code. [`run`] holds the workflows (check,
//! render, issue, print, revoke, spoil, verify, site, audit, export) as functions: a typed
//! request in, progress events out, a typed report (serde) back. [`cli`] is the command line
//! over them;
//! [`viet`] holds the Vietnamese conventions every stage shares, [`util`] small shared helpers,
//! [`error`] the origin and problems every stage reports.
//!
//! ```
//! use chungnhan::input::{record, roster};
//! use chungnhan::render::{layout, pdf};
//! use chungnhan::{batch, template::Template, viet::Date};
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
pub mod cli;
pub mod error;
pub mod esign;
pub mod fonts;
pub mod input;
pub mod l10n;
pub mod printout;
pub mod register;
pub mod render;
pub mod run;
pub mod seal;
pub mod site;
pub mod template;
pub mod ui;
pub mod util;
pub mod viet;
