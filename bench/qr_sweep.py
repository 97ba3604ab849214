#!/usr/bin/env python3
"""Reads the verification code of every page of print files at many resolutions (bench/qr-scale.sh).

    python3 bench/qr_sweep.py --jobs 2 --dpi "72 78 84" --pages 218 \
        NAME FILE.pdf CODES.csv [NAME FILE.pdf CODES.csv ...]

CODES.csv is `register export` of the register that issued FILE.pdf: page N must read exactly as
row N's "Mã QR (nội dung)". For each resolution, poppler renders every page once (one `pdftoppm`
for all pages, anti-aliased as a viewer shows them: only the code's region unless --full, the
same pixels as the whole page), zbar reads them all (one `zbarimg --xml`, which names each file)
and zxing-cpp reads each. Prints, per file and reader, the failures per resolution and the
lowest resolution from which every page reads; writes results-NAME.tsv (page, dpi, 1/0 per
reader) into --out. With --verify, also `chungnhan verify PNG --trust TRUST` on each rendering
(slow: use it on a few pages).
"""
import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import zxingcpp

QR = zxingcpp.BarcodeFormat.QRCode


def pgm(path):
    data = open(path, "rb").read()
    _magic, size, _depth, pixels = data.split(b"\n", 3)
    w, h = map(int, size.split())
    return memoryview(pixels).cast("B", shape=[h, w])


def crop_args(crop, dpi):
    if not crop:
        return []
    x, y, w, h = (round(v * dpi / 72) for v in crop)
    return ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]


def code_region(pdf):
    """The code's square in points (where zxing-cpp finds it on the first pages, at 300 or 200
    dpi), with half its side around it."""
    with tempfile.TemporaryDirectory() as d:
        for page in (1, 2, 3):
            for dpi in (300, 200):
                subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                                pdf, f"{d}/p"], check=True)
                found = zxingcpp.read_barcodes(pgm(f"{d}/p.pgm"), formats=QR)
                if found:
                    break
            if found:
                break
        else:
            sys.exit(f"{pdf}: no code found on pages 1-3 at 300 or 200 dpi")
        pos = found[0].position
        corners = (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)
        xs, ys = [p.x for p in corners], [p.y for p in corners]
        x0, x1, y0, y1 = (v * 72 / dpi for v in (min(xs), max(xs), min(ys), max(ys)))
        side = max(x1 - x0, y1 - y0)
        return (x0 - side / 2, y0 - side / 2, side * 2, side * 2)


def zbar_all(files):
    """zbarimg over many files: {file: [texts]} (its XML names the source of each symbol)."""
    # QR codes only: a page's frame and guilloche can look like a linear barcode to a reader.
    out = subprocess.run(["zbarimg", "-q", "--xml", "-Sdisable", "-Sqrcode.enable", *files], capture_output=True, text=True).stdout
    found = {f: [] for f in files}
    if not out.strip():
        return found
    ns = {"z": "http://zbar.sourceforge.net/2008/barcode"}
    for source in ET.fromstring(out).findall("z:source", ns):
        texts = [s.findtext("z:data", default="", namespaces=ns) for s in source.iter("{%s}symbol" % ns["z"])]
        found[source.get("href")] = texts
    return found


def sweep_dpi(pdf, n, dpi, crop, wanted, tmp, verify):
    d = os.path.join(tmp, str(dpi))
    os.makedirs(d, exist_ok=True)
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", str(n), *crop_args(crop, dpi), pdf, f"{d}/p"], check=True)
    files = sorted(os.path.join(d, f) for f in os.listdir(d))
    assert len(files) == n, f"{pdf} at {dpi} dpi: {len(files)} pages rendered, {n} expected"
    zbar = zbar_all(files)
    rows = []
    for page, f in enumerate(files, 1):
        want = wanted[page - 1]
        ok = {"zbar": zbar[f] == [want], "zxing-cpp": [r.text for r in zxingcpp.read_barcodes(pgm(f), formats=QR)] == [want]}
        if verify:
            png = f[:-4]
            subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                            *crop_args(crop, dpi), pdf, png], check=True)
            # Exit 0: the code read, its signature good against the demo's keys.
            ok["chungnhan verify"] = subprocess.run([verify[0], "verify", png + ".png", "--trust", verify[1]],
                                                    capture_output=True).returncode == 0
            os.remove(png + ".png")
        os.remove(f)
        rows.append((page, dpi, ok))
    print(f"  {os.path.basename(pdf)} {dpi} dpi read", file=sys.stderr, flush=True)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dpi", default=" ".join(str(d) for d in range(72, 601, 6)))
    ap.add_argument("--pages", type=int, default=10**9)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--full", action="store_true", help="render whole pages")
    ap.add_argument("--verify", nargs=2, metavar=("BIN", "TRUST"))
    ap.add_argument("--out", default=".")
    ap.add_argument("batches", nargs="+", help="NAME PDF CODES.csv, repeated")
    a = ap.parse_args()
    dpis = [int(d) for d in a.dpi.split()]
    if len(a.batches) % 3:
        sys.exit("batches come in threes: NAME PDF CODES.csv")
    for i in range(0, len(a.batches), 3):
        name, pdf, codes = a.batches[i:i + 3]
        wanted = [r["Mã QR (nội dung)"] for r in csv.DictReader(open(codes, encoding="utf-8-sig"))]
        n = min(a.pages, len(wanted))
        crop = None if a.full else code_region(pdf)
        start = time.time()
        with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(a.jobs) as pool:
            results = [r for rows in pool.map(lambda d: sweep_dpi(pdf, n, d, crop, wanted, tmp, a.verify), dpis)
                       for r in rows]
        readers = list(results[0][2])
        print(f"{name}: {n} pages × {len(dpis)} resolutions ({dpis[0]}–{dpis[-1]} dpi) = {len(results)} renderings, "
              f"{time.time() - start:.0f} s")
        with open(os.path.join(a.out, f"results-{name}.tsv"), "w") as out:
            out.write("page\tdpi\t" + "\t".join(readers) + "\n")
            for p, d, ok in results:
                out.write(f"{p}\t{d}\t" + "\t".join("1" if ok[r] else "0" for r in readers) + "\n")
        for r in readers:
            failed = [(p, d) for p, d, ok in results if not ok[r]]
            # The lowest resolution from which every page reads at every resolution swept.
            floor = next((d for d in dpis if all(ok[r] for _, e, ok in results if e >= d)), None)
            by_dpi = {}
            for p, d in failed:
                by_dpi.setdefault(d, []).append(p)
            print(f"  {r}: {len(failed)} of {len(results)} failed; every page reads from {floor} dpi up")
            for d, ps in sorted(by_dpi.items()):
                pages = " (all)" if len(ps) == n else ": " + " ".join(map(str, ps[:12])) + (" …" if len(ps) > 12 else "")
                print(f"    {d} dpi: {len(ps)} page(s){pages}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
