#!/usr/bin/env bash
# Benchmark: chungnhan `issue` (signed, with a real verification QR code) against Typst (the strongest peer of bench/peers/) on the same
# generated roster, merged (one N-page print file) and single (N files), in one run so that the
# shared, noisy machine treats both alike. Prints certificates per CPU-second, peak RSS and the
# ratios. Speed goals live here, never in timed tests.
#
#   bash bench/run.sh                       # N=1000, REPS=3, peers typst and typst+zxingQR
#   N=200 REPS=1 PEERS=typst+zxingQR bash bench/run.sh
#   SKIP_PEERS=1 bash bench/run.sh           # only chungnhan (peers' figures from the last run)
#
# The peers are installed by bench/peers/run_peers.sh (PyPI, npm, Debian packages) into a copy of
# that folder under $BENCH_DIR (default: a fresh temporary folder), since it writes next to itself.
# bench/peers/ is the peer harness the project was given (see bench/peers/RESULTS.md), kept as it came.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
N=${N:-1000}
REPS=${REPS:-3}
PEERS=${PEERS:-typst,typst+zxingQR}
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
bin="$repo/target/release/chungnhan"

if [ "${SKIP_PEERS:-0}" != 1 ]; then
  # Copy over (not replace) so that an installed .venv and node_modules are reused.
  mkdir -p "$work/peers" && cp -r --no-preserve=mode "$here/peers/." "$work/peers/"
  rm -f "$work/peers/out/results-$N.json"
  N=$N REPS=$REPS PEERS=$PEERS MODES=merged,single bash "$work/peers/run_peers.sh" >"$work/peers.log" 2>&1 \
    || { tail -30 "$work/peers.log"; exit 1; }
fi

# The peers' roster (id,name,unit,dob,url) with the headers our default template reads.
python3 "$here/peers/make_roster.py" "$work/roster-peers.csv" "$N" >/dev/null
python3 - "$work/roster-peers.csv" "$work/roster.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
rows[0] = ["stt" if h == "id" else {"name": "ho_ten", "unit": "don_vi", "dob": "ngay_sinh"}.get(h, h) for h in rows[0]]
# A serial per record, as `issue` signs one.
rows[0].append("so_hieu")
for r in rows[1:]:
    r.append(r[0])  # the peers' id (CN2019-000001) is a serial already
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
PY

# chungnhan issues for real: every certificate signed, with its verification QR code.
rm -rf "$work/keys" && "$bin" keygen --out "$work/keys" --issuer "Benchmark" --host xacthuc.example.vn >/dev/null

run() {  # mode rep → "cpu_s rss_mb wall_s"
  local mode=$1 out="$work/chungnhan-$1"
  rm -rf "$out" && mkdir -p "$out"
  # A fresh register each time: a rerun on the same register would (rightly) write nothing.
  # --allow-duplicates: the peers' random roster has a few people of one name and date of birth
  # (7 in 100,000), whom issue would otherwise refuse; the peers check no such thing.
  local args=(issue --keys "$work/keys" --roster "$work/roster.csv" --vars "$repo/examples/tan-binh-2019.toml" --register "$out/register.sqlite" --allow-duplicates --quiet)
  if [ "$mode" = merged ]; then args+=(--merged "$out/certificates.pdf"); else args+=(--out "$out"); fi
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -v -o "$work/time.txt" "$bin" "${args[@]}" >"$work/chungnhan-$mode.log" 2>&1
  t1=$(date +%s.%N)
  python3 - "$work/time.txt" "$t0" "$t1" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", t)[1]) + float(re.search(r"System time \(seconds\): ([\d.]+)", t)[1])
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)[1]) / 1024
print(f"{cpu:.3f} {rss:.1f} {float(sys.argv[3]) - float(sys.argv[2]):.3f}")
PY
}

: >"$work/chungnhan.txt"
for mode in merged single; do
  for _ in $(seq "$REPS"); do echo "$mode $(run "$mode")" >>"$work/chungnhan.txt"; done
done

python3 - "$work" "$N" <<'PY'
import json, statistics, sys, os
work, n = sys.argv[1], int(sys.argv[2])
ours = {}
for line in open(os.path.join(work, "chungnhan.txt")):
    mode, cpu, rss, wall = line.split()
    ours.setdefault(mode, []).append((float(cpu), float(rss), float(wall)))
peers = {}
p = os.path.join(work, "peers", "out", f"results-{n}.json")
if os.path.exists(p):
    peers = json.load(open(p))
print(f"N = {n} certificates; medians; CPU = user+sys; cert/CPU-s = N / CPU seconds")
print()
print("| tool | mode | wall s | CPU s | cert/CPU-s | peak RSS MB | chungnhan's advantage per CPU-s | RSS ratio |")
print("|---|---|---|---|---|---|---|---|")
for mode in ("merged", "single"):
    cpu = statistics.median(c for c, _, _ in ours[mode]); rss = statistics.median(r for _, r, _ in ours[mode])
    wall = statistics.median(w for _, _, w in ours[mode])
    print(f"| chungnhan | {mode} | {wall:.2f} | {cpu:.2f} | {n / cpu:.0f} | {rss:.0f} | — | — |")
    for key, r in sorted(peers.items()):
        if r["mode"] != mode or not r.get("ok"):
            continue
        print(f"| {r['peer']} | {mode} | {r['wall']:.2f} | {r['cpu']:.2f} | {n / r['cpu']:.0f} | {r['rss']:.0f} "
              f"| {r['cpu'] / cpu:.1f}× | {r['rss'] / rss:.1f}× |")
PY
echo "(chungnhan output and logs in $work)"
