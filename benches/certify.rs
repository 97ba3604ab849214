//! `cargo bench --bench certify`: what each stage of a signed certificate costs — signing, QR
//! encoding, layout, PDF writing (objects, font subsets and deflate, as krilla does them
//! together, and deflate's share of it) for a single file and for a page of a print file — and which QR version and module
//! size the default template's code has, on the built-in sample. The register's cost per
//! certificate is `cargo bench --bench register`'s.
//! Prints figures; asserts nothing (speed goals live in benchmarks, not in tests).

use std::collections::BTreeMap;
use std::time::Instant;

use chungnhan::batch::{BatchConfig, Signer};
use chungnhan::render::layout::{self, QrContent};
use chungnhan::render::pdf::{self, PdfMeta, Resources};
use chungnhan::seal::claims::{Claims, TextForm};
use chungnhan::seal::sign::PrivateKey;
use chungnhan::template::{self, Template};
use chungnhan::{input::record, input::roster, seal::qr, seal::token, viet};

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let roster = roster::read(std::path::Path::new(&format!("{root}/examples/roster.csv"))).unwrap();
    let vars =
        template::read_vars(std::path::Path::new(&format!("{root}/examples/tan-binh-2019.toml"))).unwrap();
    let tpl = Template::load(template::DEFAULT_TEMPLATE).unwrap();
    let today = viet::Date::new(2026, 11, 28).unwrap();
    let cfg = BatchConfig::new(tpl, vars, BTreeMap::new(), today).unwrap();
    let map = record::map_columns(&roster, &cfg.template).unwrap();
    let host = "xacthuc.example.vn".to_string();
    let signer = Signer::new(PrivateKey::generate(), host.clone(), &cfg.template, today).unwrap();
    let rendered: Vec<_> = roster
        .rows
        .iter()
        .map(|row| {
            let rec = record::normalize(row, &map, cfg.issue_date).unwrap();
            cfg.template.render(&cfg.values_for(&rec)).unwrap()
        })
        .collect();
    let claims: Vec<Claims> = rendered.iter().map(|f| Claims::from_texts(&f.claims).unwrap()).collect();
    let n = claims.len() as f64;
    let prefix = token::url_prefix(&host);

    let reps = 5;
    let t = Instant::now();
    let mut digits = Vec::new();
    for _ in 0..reps {
        digits = claims
            .iter()
            .map(|c| {
                token::to_digits(
                    &signer
                        .key
                        .as_ref()
                        .expect("a signing key")
                        .sign_claims(c.encode(TextForm::Utf8).unwrap())
                        .to_bytes(),
                )
            })
            .collect();
    }
    let sign_us = t.elapsed().as_secs_f64() * 1e6 / (n * reps as f64);

    let t = Instant::now();
    let mut versions = BTreeMap::new();
    let mut matrices = Vec::new();
    for _ in 0..reps {
        matrices =
            digits.iter().map(|d| qr::encode(&prefix, d, signer.width_mm).unwrap()).collect::<Vec<_>>();
    }
    let qr_us = t.elapsed().as_secs_f64() * 1e6 / (n * reps as f64);
    for m in &matrices {
        *versions.entry((m.version, m.ec_level, m.width)).or_insert(0) += 1;
    }
    let bytes: Vec<usize> = digits.iter().map(|d| token::from_digits(d).unwrap().len()).collect();

    println!("certificates: {}", claims.len());
    println!("blob bytes: min {} max {}", bytes.iter().min().unwrap(), bytes.iter().max().unwrap());
    println!("printed symbol width: {:.1} mm", signer.width_mm);
    for ((v, ec, w), count) in versions {
        println!(
            "QR version {v}-{ec}: {w} modules, {:.3} mm per module: {count} certificates",
            signer.width_mm / w as f32
        );
    }
    println!("claims + ES256 signature + digits: {sign_us:.0} µs per certificate");
    println!("QR encoding (segments + 8-mask search): {qr_us:.0} µs per certificate");

    let t = Instant::now();
    let mut pages = Vec::new();
    for _ in 0..reps {
        pages = rendered
            .iter()
            .zip(&matrices)
            .map(|(f, m)| {
                layout::lay_out(&cfg.template, f, QrContent::Code { width: m.width, dark: &m.dark }).unwrap()
            })
            .collect::<Vec<_>>();
    }
    let layout_us = t.elapsed().as_secs_f64() * 1e6 / (n * reps as f64);

    let res = Resources::new(&cfg.template).unwrap();
    let meta =
        PdfMeta { title: "bench".into(), author: None, subject: None, date: today, keywords: Vec::new() };
    let t = Instant::now();
    let mut single_bytes = 0;
    for p in &pages {
        single_bytes += pdf::write([p.clone()], &meta, &res).unwrap().len();
    }
    let single_us = t.elapsed().as_secs_f64() * 1e6 / n;
    let t = Instant::now();
    let merged = pdf::write(pages.clone(), &meta, &res).unwrap();
    let merged_us = t.elapsed().as_secs_f64() * 1e6 / n;

    println!("layout (shaping, line breaking, placing): {layout_us:.0} µs per certificate");
    println!(
        "PDF, one file each (objects, font subsets, deflate): {single_us:.0} µs and {:.1} KB per certificate",
        single_bytes as f64 / n / 1024.0
    );
    println!(
        "PDF, one print file (objects, deflate; fonts once): {merged_us:.0} µs and {:.1} KB per page",
        merged.len() as f64 / n / 1024.0
    );
    // Deflate's share: the same streams, taken out of the files and compressed again as krilla
    // compresses them (libdeflate, level 5: vendor/krilla/PATCHES.md).
    let single_file = pdf::write([pages[0].clone()], &meta, &res).unwrap();
    let deflate_single_us = deflate_us(&single_file, 200);
    let deflate_merged_us = deflate_us(&merged, 3) / n;
    println!(
        "  of which deflate: {deflate_single_us:.0} µs a file, {deflate_merged_us:.0} µs a print-file page"
    );
    println!(
        "a certificate, one thread: {:.0} µs in a print file, {:.0} µs as its own file (+ the register)",
        sign_us + qr_us + layout_us + merged_us,
        sign_us + qr_us + layout_us + single_us
    );
}

/// The time, in µs, to compress again every Flate stream of `pdf` (found by its `/Length`,
/// inflated with flate2), averaged over `reps` rounds.
fn deflate_us(pdf: &[u8], reps: usize) -> f64 {
    use std::io::Read;
    let mut streams = Vec::new();
    let mut at = 0;
    while let Some(i) = find(&pdf[at..], b"stream\n").map(|i| i + at) {
        let start = i + b"stream\n".len();
        let dict = &pdf[at..i];
        at = start;
        if i >= 3 && &pdf[i - 3..i] == b"end" {
            continue; // "endstream\n"
        }
        let Some(len) = find_last(dict, b"/Length ").and_then(|k| {
            let digits: Vec<u8> = dict[k + 8..].iter().take_while(|c| c.is_ascii_digit()).copied().collect();
            std::str::from_utf8(&digits).ok()?.parse::<usize>().ok()
        }) else {
            continue;
        };
        let mut raw = Vec::new();
        if flate2::read::ZlibDecoder::new(&pdf[start..(start + len).min(pdf.len())])
            .read_to_end(&mut raw)
            .is_ok()
        {
            streams.push(raw);
        }
        at = (start + len).min(pdf.len());
    }
    let mut c = libdeflater::Compressor::new(libdeflater::CompressionLvl::new(5).unwrap());
    let t = Instant::now();
    for _ in 0..reps {
        for s in &streams {
            let mut out = vec![0; c.zlib_compress_bound(s.len())];
            let n = c.zlib_compress(s, &mut out).unwrap();
            std::hint::black_box(&out[..n]);
        }
    }
    t.elapsed().as_secs_f64() * 1e6 / reps as f64
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
