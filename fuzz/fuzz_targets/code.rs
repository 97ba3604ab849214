//! Any text as a verification code: parsing the digits, splitting the blob and decoding the
//! claims strictly must never panic, and whatever decodes must re-encode to the same bytes.
#![no_main]

use chungnhan::seal::claims::{Claims, TextForm};
use chungnhan::seal::token::{self, Token};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Token::parse(&text);
    // The claims decoder on raw bytes, and its round trip.
    if let Ok(c) = Claims::decode(data) {
        if let Ok(again) = c.encode(TextForm::Utf8) {
            let _ = Claims::decode(&again).expect("what was encoded decodes");
        }
    }
    let _ = token::from_digits(&text);
});
