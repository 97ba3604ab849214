//! Any bytes as a roster: reading, decoding (every legacy encoding and mojibake repair), header
//! mapping and per-record checks must never panic.
#![no_main]

use std::sync::OnceLock;

use chungnhan::template::Template;
use chungnhan::{input::record, input::roster, viet};
use libfuzzer_sys::fuzz_target;

fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| Template::load("giay-chung-nhan").expect("the built-in template loads"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(r) = roster::parse("fuzz.csv".into(), data) else { return };
    let Ok(map) = record::map_columns(&r, template()) else { return };
    let today = viet::Date { year: 2019, month: 11, day: 20 };
    for row in &r.rows {
        let _ = record::normalize(row, &map, today);
    }
});
