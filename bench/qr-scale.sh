#!/usr/bin/env bash
# Benchmark: does the printed verification code read at every scale? The demo's 218 certificates
# are issued on the A4 default template (`chungnhan demo`) and on the A5 one, as print files; each
# page is rendered by poppler (pdftoppm, anti-aliased as a viewer shows it) at every resolution
# from 72 to 600 dpi in steps of 6, and read by zbar (zbarimg) and by zxing-cpp (the `zxingcpp`
# Python module: pip install zxing-cpp). A reading counts only if it is exactly the code the
# register holds for that page. Prints the failures per template and reader, and which pages at
# which resolutions failed. The sampled tests are in tests/print_production.rs
# (the_printed_code_reads_at_every_sampled_resolution, a_code_46_mm_wide_reads_from_72_dpi_on_a4_and_a5);
# this is the full sweep. Its numbers: docs/printing.md, "The code on a screen".
#
#   bash bench/qr-scale.sh                     # everything: 218 pages × 89 resolutions × A4, A5
#   PAGES=20 bash bench/qr-scale.sh            # the first 20 pages of each print file
#   DPI="150 222" TEMPLATES=giay-chung-nhan-a5 bash bench/qr-scale.sh
#   VERIFY=1 PAGES=5 bash bench/qr-scale.sh    # also `chungnhan verify PNG` (slow: rxing)
#   BIN=/path/to/chungnhan bash bench/qr-scale.sh   # another build (e.g. an older one)
#   FULL=1 PAGES=20 bash bench/qr-scale.sh     # whole pages rendered (slow)
#   QR_SIZE=46 bash bench/qr-scale.sh          # each template with only its code, 46 mm wide
#
# Results: $BENCH_DIR/results-TEMPLATE.tsv (page, dpi, 1/0 per reader). The reading is
# bench/qr_sweep.py: for each resolution one pdftoppm renders every page, one zbarimg reads them
# all. Unless FULL=1, only the code's region of each page is rendered (pdftoppm -x -y -W -H: the
# same pixels as the whole page, found once per template from where zxing-cpp sees the code at
# 300 or 200 dpi, with half the symbol's side around it). Readers look for QR codes only. The
# whole sweep (2 × 218 pages × 89 resolutions) takes about an hour on 2 idle cores.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
PAGES=${PAGES:-218}
DPI=${DPI:-$(seq -s ' ' 72 6 600)}
TEMPLATES=${TEMPLATES:-giay-chung-nhan giay-chung-nhan-a5}
JOBS=${JOBS:-2}
VERIFY=${VERIFY:-0}
FULL=${FULL:-0}
QR_SIZE=${QR_SIZE:-}
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
  tpl=$t
  if [ -n "$QR_SIZE" ]; then
    # The template with only its code (no other element near its quiet zone), QR_SIZE mm wide.
    tpl="$work/tpl-$t-$QR_SIZE" && rm -rf "$tpl" && "$BIN" templates export "$t" "$tpl" >/dev/null
    python3 - "$tpl/template.toml" "$QR_SIZE" <<'PY'
import re, sys
path, size = sys.argv[1:]
text = open(path, encoding="utf-8").read()
parts = re.split(r"(?m)^(?=\[\[element\]\])", text)
code = next(p for p in parts[1:] if 'type = "qr"' in p)
for key, value in (("size", size), ("x", "30"), ("y", "30")):  # 30 mm from the top left: room on A4 and A5
    code = re.sub(rf"(?m)^{key} = [\d.]+", f"{key} = {value}", code)
open(path, "w", encoding="utf-8").write(parts[0] + code)
PY
    t="$t-$QR_SIZE"
  fi
  case $t in
    giay-chung-nhan) pdf="$work/demo/ban-in-gop.pdf" reg="$work/demo/so-goc.sqlite" ;;
    *)
      pdf="$work/a5/$t.pdf" reg="$work/a5/$t.sqlite"
      "$BIN" issue --template "$tpl" --vars "$repo/examples/tan-binh-2019.toml" --roster "$repo/examples/roster.csv" \
        --keys "$work/demo/keys" --register "$reg" --merged "$pdf" -q >/dev/null 2>&1
      ;;
  esac
  "$BIN" register export --register "$reg" --out "$work/$t.csv" >/dev/null
  echo "$t $pdf $work/$t.csv"
done >"$work/batches.txt"

args=()
while read -r t pdf csv; do args+=("$t" "$pdf" "$csv"); done <"$work/batches.txt"
verify=()
[ "$VERIFY" = 1 ] && verify=(--verify "$BIN" "$work/demo/keys/trust.json")
full=()
[ "$FULL" = 1 ] && full=(--full)
python3 "$here/qr_sweep.py" --dpi "$DPI" --pages "$PAGES" --jobs "$JOBS" --out "$work" "${verify[@]}" "${full[@]}" "${args[@]}"
