#!/usr/bin/env bash
# Benchmark: does the printed verification code read at every scale? The demo's 218 certificates
# are issued on the A4 default template (`chungnhan demo`) and on the A5 one, as print files; each
# page is rendered by poppler (pdftoppm, anti-aliased as a viewer shows it) at every resolution
# from 72 to 600 dpi in steps of 6, and read by zbar (zbarimg) and by zxing-cpp (the `zxingcpp`
# Python module: pip install zxing-cpp). A reading counts only if it is exactly the code the
# register holds for that page. Prints the failures per template and reader, and which pages at
# which resolutions failed. The sampled test is tests/print_production.rs
# (the_printed_code_reads_at_every_sampled_resolution); this is the full sweep.
#
#   bash bench/qr-scale.sh                     # everything: 218 pages × 89 resolutions × A4, A5
#   PAGES=20 bash bench/qr-scale.sh            # the first 20 pages of each print file
#   DPI="150 222" TEMPLATES=giay-chung-nhan-a5 bash bench/qr-scale.sh
#   VERIFY=1 PAGES=5 bash bench/qr-scale.sh    # also `chungnhan verify PNG` (slow: rxing)
#   BIN=/path/to/chungnhan bash bench/qr-scale.sh   # another build (e.g. an older one)
#   FULL=1 PAGES=20 bash bench/qr-scale.sh     # whole pages rendered (slow)
#
# Results: $BENCH_DIR/results-TEMPLATE.tsv (page, dpi, 1/0 per reader).
# Unless FULL=1, only the code's region of each page is rendered (pdftoppm -x -y -W -H: the same pixels as the
# whole page, found once per template from where zxing-cpp sees the code at 150 dpi, with half the
# symbol's side around it), which keeps the full sweep to hours rather than a day.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
PAGES=${PAGES:-218}
DPI=${DPI:-$(seq -s ' ' 72 6 600)}
TEMPLATES=${TEMPLATES:-giay-chung-nhan giay-chung-nhan-a5}
JOBS=${JOBS:-2}
VERIFY=${VERIFY:-0}
FULL=${FULL:-0}
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
for t in pdftoppm zbarimg; do command -v $t >/dev/null || { echo "needs $t (poppler-utils, zbar-tools)"; exit 1; }; done
python3 -c 'import zxingcpp' 2>/dev/null || { echo "needs zxing-cpp: pip install zxing-cpp"; exit 1; }

if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
  BIN="${CARGO_TARGET_DIR:-$repo/target}/release/chungnhan"
fi

# The 218 certificates: the demo (A4, its own keys and register), then the A5 template with the
# same roster, variables and keys into a register of its own.
rm -rf "$work/demo" "$work/a5" && mkdir -p "$work/a5"
"$BIN" demo --out "$work/demo" -q >/dev/null
for t in $TEMPLATES; do
  case $t in
    giay-chung-nhan) pdf="$work/demo/ban-in-gop.pdf" reg="$work/demo/so-goc.sqlite" ;;
    *)
      pdf="$work/a5/$t.pdf" reg="$work/a5/$t.sqlite"
      "$BIN" issue --template "$t" --vars "$repo/examples/tan-binh-2019.toml" --roster "$repo/examples/roster.csv" \
        --keys "$work/demo/keys" --register "$reg" --merged "$pdf" -q >/dev/null 2>&1
      ;;
  esac
  "$BIN" register export --register "$reg" --out "$work/$t.csv" >/dev/null
  echo "$t $pdf $work/$t.csv"
done >"$work/batches.txt"

python3 - "$work" "$PAGES" "$JOBS" "$VERIFY" "$BIN" "$DPI" "$FULL" <<'PY'
import csv, os, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
import zxingcpp

work, pages, jobs, verify, binary, dpis = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1", sys.argv[5], [int(d) for d in sys.argv[6].split()]
trust = os.path.join(work, "demo", "keys", "trust.json")
full = sys.argv[7] == "1"

def pgm(path):
    data = open(path, "rb").read()
    magic, size, depth, pixels = data.split(b"\n", 3)
    w, h = map(int, size.split())
    return memoryview(pixels).cast("B", shape=[h, w])

def render(pdf, page, dpi, crop, out, fmt="-gray"):
    args = ["pdftoppm", fmt, "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile"]
    if crop:
        x, y, w, h = (round(v * dpi / 72) for v in crop)
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    subprocess.run(args + [pdf, out], check=True)
    return out + (".pgm" if fmt == "-gray" else ".png")

def zxing(path):
    return [r.text for r in zxingcpp.read_barcodes(pgm(path))]

def code_region(pdf):
    """The code's square on page 1 in points, with half its side around it."""
    with tempfile.TemporaryDirectory() as d:
        img = render(pdf, 1, 150, None, os.path.join(d, "p"))
        found = zxingcpp.read_barcodes(pgm(img))
        if not found:
            sys.exit(f"{pdf}: no code found on page 1 at 150 dpi")
        pos = found[0].position
        xs = [p.x for p in (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)]
        ys = [p.y for p in (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)]
        x0, x1, y0, y1 = (v * 72 / 150 for v in (min(xs), max(xs), min(ys), max(ys)))
        side = max(x1 - x0, y1 - y0)
        return (x0 - side / 2, y0 - side / 2, side * 2, side * 2)

def one(job):
    t, pdf, page, dpi, crop, want, tmp = job
    img = render(pdf, page, dpi, crop, os.path.join(tmp, f"{t}-{page}-{dpi}"))
    z = subprocess.run(["zbarimg", "-q", "--raw", img], capture_output=True, text=True).stdout.strip()
    x = zxing(img)
    ok = {"zbar": z == want, "zxing-cpp": x == [want]}
    if verify:
        png = render(pdf, page, dpi, crop, img[:-4], "-png")
        # Exit 0: the code read, its signature good against the demo's keys.
        ok["chungnhan verify"] = subprocess.run([binary, "verify", png, "--trust", trust], capture_output=True).returncode == 0
        os.remove(png)
    os.remove(img)
    return t, page, dpi, ok

for line in open(os.path.join(work, "batches.txt")):
    t, pdf, codes = line.split()
    wanted = [r["Mã QR (nội dung)"] for r in csv.DictReader(open(codes, encoding="utf-8-sig"))]
    crop = None if full else code_region(pdf)
    n = min(pages, len(wanted))
    start = time.time()
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(jobs) as pool:
        jobs_ = [(t, pdf, p + 1, dpi, crop, wanted[p], tmp) for p in range(n) for dpi in dpis]
        results = list(pool.map(one, jobs_))
    readers = list(results[0][3])
    print(f"{t}: {n} pages × {len(dpis)} resolutions ({dpis[0]}–{dpis[-1]} dpi) = {len(results)} renderings, {time.time() - start:.0f} s")
    with open(os.path.join(work, f"results-{t}.tsv"), "w") as out:
        out.write("page\tdpi\t" + "\t".join(readers) + "\n")
        for _, p, d, ok in results:
            out.write(f"{p}\t{d}\t" + "\t".join("1" if ok[r] else "0" for r in readers) + "\n")
    for r in readers:
        failed = [(p, d) for _, p, d, ok in results if not ok[r]]
        # The lowest resolution from which every page reads at every resolution swept.
        floor = next((d for d in dpis if all(ok[r] for _, _, e, ok in results if e >= d)), None)
        by_dpi = {}
        for p, d in failed:
            by_dpi.setdefault(d, []).append(p)
        print(f"  {r}: {len(failed)} of {len(results)} failed; every page reads from {floor} dpi up")
        for d, ps in sorted(by_dpi.items()):
            print(f"    {d} dpi: {len(ps)} page(s)" + (": " + " ".join(map(str, ps[:12])) + (" …" if len(ps) > 12 else "") if len(ps) < n else " (all)"))
PY
