//! Any bytes as a roster file, read the two ways a run may read it: held (decoded whole) and
//! opened as a stream (read from the file again each pass). Whatever the streamed reading takes
//! on must come out as the held one does — the same headers, rows, problems, warnings, notes and
//! hash, or the same error — and neither may panic.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use chungnhan::input::roster::{self, ReadOptions, Roster};
use libfuzzer_sys::fuzz_target;

fn path() -> &'static PathBuf {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| std::env::temp_dir().join(format!("chungnhan-fuzz-{}.csv", std::process::id())))
}

fn reading(r: &Roster) -> String {
    let rows: Vec<_> = r
        .rows()
        .expect("the file is still there")
        .map(|row| row.expect("the file has not changed"))
        .map(|row| (row.origin.record, row.origin.line, row.values.clone()))
        .collect();
    let said = |ps: &[chungnhan::error::Problem]| -> Vec<String> {
        ps.iter().map(|p| format!("{p} | {:?} | {:?}", p.column, p.error)).collect()
    };
    format!(
        "{:?}\n{rows:?}\n{:?}\n{:?}\n{:?}\n{}\n{}",
        r.headers,
        said(&r.problems),
        said(&r.warnings),
        r.notes,
        r.sha256,
        r.len()
    )
}

fuzz_target!(|data: &[u8]| {
    std::fs::write(path(), data).expect("a temporary file");
    let held = roster::read(path());
    let opened = roster::open_with(path(), &ReadOptions::default());
    match (held, opened) {
        (Ok(held), Ok(opened)) => assert_eq!(reading(&held), reading(&opened)),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("held {:?}, streamed {:?}", a.err(), b.err()),
    }
});
