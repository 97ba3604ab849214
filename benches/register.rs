//! `cargo bench --bench register`: what the register adds to `issue`, per record, on 100,000
//! records (set CHUNGNHAN_BENCH_N to change): numbering, signing and registering them in one
//! transaction, and recognising them all on a rerun, each compared with the cost of writing a
//! certificate's PDF measured in the same run. Prints figures; asserts nothing.

use std::collections::BTreeMap;
use std::time::Instant;

use chungnhan::batch::{self, BatchConfig, NoProgress, Signer};
use chungnhan::register::Register;
use chungnhan::run::issue::{self, IssueOptions};
use chungnhan::seal::sign::PrivateKey;
use chungnhan::template::{self, Template};
use chungnhan::{input::roster, viet};

fn main() {
    let n: usize = std::env::var("CHUNGNHAN_BENCH_N").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let root = env!("CARGO_MANIFEST_DIR");
    let vars =
        template::read_vars(std::path::Path::new(&format!("{root}/examples/tan-binh-2019.toml"))).unwrap();
    let today = viet::Date::new(2026, 11, 28).unwrap();
    let config = || {
        let tpl = Template::load(template::DEFAULT_TEMPLATE).unwrap();
        let mut cfg = BatchConfig::new(tpl, vars.clone(), BTreeMap::new(), today).unwrap();
        let key = PrivateKey::load(
            &std::path::Path::new(root).join("tests/fixtures/keys/test-only-signing-key.pem"),
        )
        .unwrap();
        cfg.signer = Some(Signer::new(key, "xacthuc.example.vn".into(), &cfg.template, today).unwrap());
        cfg
    };
    let ho = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ"];
    let ten = ["Ẩn", "Bảo", "Cường", "Dũng", "Đức", "Hằng", "Khoa", "Lộc", "Nguyệt", "Thuỷ", "Yến"];
    let mut csv = String::from("stt,ho_ten,ngay_sinh\n");
    // Every record another person (a name of 110, a day of 13,440): a person issued twice is
    // refused, and this bench issues a batch, not that refusal.
    for i in 1..=n {
        let day = (i / 110) % 13_440;
        csv.push_str(&format!(
            "{i},{} Thị {},{:02}/{:02}/{}\n",
            ho[i % 10],
            ten[i % 11],
            1 + day % 28,
            1 + (day / 28) % 12,
            1960 + day / 336
        ));
    }
    let roster = roster::parse("bench.csv".into(), csv.as_bytes()).unwrap();
    // Removed however the bench ends (a 100,000-record register is 200 MB).
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();

    // The checks issue makes anyway (render + lay out every page), without the register.
    let mut cfg = config();
    cfg.signer = None;
    let t = Instant::now();
    let plan = batch::check(&roster, &cfg, &NoProgress).unwrap();
    let check_s = t.elapsed().as_secs_f64();
    assert!(plan.problems.is_empty());

    // issue without output files: the same checks, plus numbering, signing, registering.
    let mut reg = Register::open(&dir.join("so-goc.sqlite"), true, || {}).unwrap();
    let opts = IssueOptions {
        batch: "bench.csv".into(),
        batch_named: true,
        roster_path: "bench.csv".into(),
        reissue: false,
        today,
        blanks: None,
        replace_merged: false,
    };
    let mut cfg = config();
    let t = Instant::now();
    let r = issue::issue(roster.clone(), &mut cfg, &mut reg, &opts, None, None, &NoProgress).unwrap();
    let issue_s = t.elapsed().as_secs_f64();
    assert_eq!(r.new, n);
    let mut cfg = config();
    let t = Instant::now();
    let r = issue::issue(roster.clone(), &mut cfg, &mut reg, &opts, None, None, &NoProgress).unwrap();
    let rerun_s = t.elapsed().as_secs_f64();
    assert_eq!(r.unchanged, n);
    let db_mb = std::fs::metadata(dir.join("so-goc.sqlite")).unwrap().len() as f64 / 1e6;
    drop(reg);

    // Writing PDFs, for scale: the first 1,000 records as single signed files.
    let m = n.min(1000);
    let small =
        roster::parse("bench.csv".into(), csv.lines().take(m + 1).collect::<Vec<_>>().join("\n").as_bytes())
            .unwrap();
    let mut cfg = config();
    let mut reg = Register::open(&dir.join("small.sqlite"), true, || {}).unwrap();
    let t = Instant::now();
    issue::issue(small, &mut cfg, &mut reg, &opts, Some(&dir.join("out")), None, &NoProgress).unwrap();
    let whole_ms = t.elapsed().as_secs_f64() * 1e3 / m as f64;

    let per = |s: f64| s * 1e3 / n as f64;
    let added = per(issue_s - check_s);
    println!("records: {n} (threads: {})", rayon::current_num_threads());
    println!("check only (render + lay out):          {:.3} ms/record", per(check_s));
    println!("issue without files (check + number + sign + register): {:.3} ms/record", per(issue_s));
    println!("  → numbering, signing, registering add {added:.3} ms/record");
    println!("rerun recognising every record:          {:.3} ms/record", per(rerun_s));
    println!("issue with one PDF file per record:      {whole_ms:.3} ms/record (first {m} records)");
    println!("numbering + signing + registering: {:.1}% of a whole certificate", 100.0 * added / whole_ms);
    println!("register file: {db_mb:.1} MB ({:.0} bytes/record)", db_mb * 1e6 / n as f64);
}
