//! Any bytes as a template's background image (PNG or JPEG, by their first byte): loading the
//! template, embedding the image and writing a page over it must end in a PDF or a clear error —
//! never a panic, an abort or memory past the 40-million-pixel budget of `template` (run with
//! `-rss_limit_mb=1024`; issue 28, finding 3: a 4.7 MB 40000² PNG aborted at 4.9 GB).
#![no_main]

use libfuzzer_sys::fuzz_target;

use chungnhan::render::layout::PageLayout;
use chungnhan::render::pdf::{self, PdfMeta, Resources};
use chungnhan::template::Template;

fuzz_target!(|data: &[u8]| {
    let ext = if data.first().is_some_and(|b| b % 2 == 0) { "png" } else { "jpg" };
    let dir = std::env::temp_dir().join(format!("chungnhan-fuzz-background-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let toml = format!(
        "[page]\nsize = \"A5\"\norientation = \"landscape\"\n\n[background]\nfile = \"nen.{ext}\"\n\n\
         [[element]]\ntype = \"text\"\nname = \"ho_ten\"\ncontent = \"{{{{ ho_ten }}}}\"\n\
         x = 10\ny = 10\nw = 100\nh = 10\nsize = 14\n"
    );
    if std::fs::write(dir.join("template.toml"), toml).is_err()
        || std::fs::write(dir.join(format!("nen.{ext}")), data).is_err()
    {
        return;
    }
    let Ok(template) = Template::load(dir.to_str().unwrap()) else { return };
    let Ok(res) = Resources::new(&template) else { return };
    let page = PageLayout {
        size_pt: (595.0, 420.0),
        items: Vec::new(),
        shrunk: Vec::new(),
        background: true,
        offset_pt: (0.0, 0.0),
    };
    let meta = PdfMeta {
        title: "fuzz".into(),
        author: None,
        subject: None,
        date: chungnhan::viet::Date::new(2019, 11, 20).unwrap(),
        keywords: Vec::new(),
    };
    let _ = pdf::write([page], &meta, &res);
});
