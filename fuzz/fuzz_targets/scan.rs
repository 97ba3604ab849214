//! Any bytes as what a verifier is given: an image (PNG, JPEG) or a PDF, rendered in process at
//! a low resolution. Must end in a code, "no code" or an error — never a panic, and within the
//! budgets of `seal::scan` (run with `-rss_limit_mb=1024 -timeout=10`; the command line also
//! renders PDFs in a child process held to a time limit, which this target does not).
#![no_main]

use chungnhan::seal::scan;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match scan::kind(data) {
        scan::Kind::Image => {
            let _ = scan::decode_image(data);
        }
        scan::Kind::Pdf => {
            let _ = scan::read_page_here(data, 36.0);
            let _ = scan::stored_code(data);
        }
        scan::Kind::Other => {}
    }
});
