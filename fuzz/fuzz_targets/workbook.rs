//! Any bytes as a workbook roster (.xlsx, .xlsb, .ods, .xls by their first bytes): reading must
//! end in rows or a clear error — never a panic, an abort or memory past the budgets of
//! `input::sheet` (run with `-rss_limit_mb=1024`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // calamine opens files by path; the extension picks the reader.
    let ext = match data.first() {
        Some(0xD0) => "xls",
        Some(b) if b % 3 == 0 => "ods",
        Some(b) if b % 3 == 1 => "xlsb",
        _ => "xlsx",
    };
    let dir = std::env::temp_dir().join(format!("chungnhan-fuzz-workbook-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("roster.{ext}"));
    if std::fs::write(&path, data).is_ok() {
        let _ = chungnhan::input::sheet::read(&path, None);
    }
});
