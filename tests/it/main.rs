//! The integration tests, one binary: each module is a part of the product seen as a user
//! sees it (messages, exit codes, files, text and codes read back by independent tools).
//! One binary links the crate once instead of once a file.

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod cli;
mod esign;
mod keys;
mod lookup;
mod print_production;
mod register;
mod render_pdf;
mod roster_input;
mod site;
mod ui;
mod ui_designer;
mod verify;
mod workflows;
