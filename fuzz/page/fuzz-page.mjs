// Fuzzes the verification page's own decoder and judge (src/site/page/app.js) in Node, against
// `chungnhan verify` on the same inputs: genuine codes mutated at the digit and at the byte level
// (bit flips, byte changes, truncations, insertions, random CBOR inside the claims, high-S twins),
// and random digit strings. What must hold, for every input:
//   - the page's judge settles (never throws, never hangs past the time limit) with a known verdict;
//   - a code whose bytes differ from a genuine one is never `valid` (that would be a forgery);
//   - the page and `verify` give the same verdict (checked on every input, or every Nth with
//     --every N), the CLI's exit code matching its verdict.
// Disagreements and failures are written to fuzz/artifacts/page/ as JSON, one file each.
//
//   node fuzz/page/fuzz-page.mjs --bin target/release/chungnhan --seconds 300 [--every 1]
//
// It makes its own issuer (keygen), issues a few certificates, builds the site, and loads the
// page's script with the site's embedded snapshot into a bare DOM stand-in.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { webcrypto } from 'node:crypto';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const bin = args.bin || join(repo, 'target/release/chungnhan');
const seconds = Number(args.seconds || 60);
const every = Number(args.every || 1);
const artifacts = join(repo, 'fuzz/artifacts/page');
mkdirSync(artifacts, { recursive: true });

// ---- an issuer, a few certificates, the site ------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'fuzz-page-'));
const run = (a) => execFileSync(bin, a, { cwd: work, env: { ...process.env, XDG_DATA_HOME: join(work, 'state') } });
run(['keygen', '--out', 'keys', '--issuer', 'Trường Thử <!--', '--host', 'xacthuc.truong.example.vn']);
writeFileSync(
  join(work, 'lop.csv'),
  'stt,ho_ten,ngay_sinh,xep_loai\n1,Lương Thị Ẩn,05/02/1980,Giỏi\n2,Nguyễn Thị Ngọc Huyền,17/03/1985,Khá\n3,Đặng Văn Thuỷ,1970,Xuất sắc\n',
);
run(['issue', '--vars', join(repo, 'tests/fixtures/vars/issuer.toml'), '--roster', 'lop.csv', '--keys', 'keys', '--out', 'out', '--set', 'ngay_cap=2019-11-20', '--quiet']);
run(['revoke', 'CN19-0002', '--keys', 'keys', '--reason', 'fraud']);
run(['register', 'export', '--out', 'so.csv']);
run(['site', '--keys', 'keys', '--out', 'site']);
const seeds = readFileSync(join(work, 'so.csv'), 'utf8')
  .split('\n')
  .map((l) => (/https:\/\/\S+#(\d+)/.exec(l) || [])[1])
  .filter(Boolean);
if (!seeds.length) throw new Error('no codes to start from');

// ---- the page's script in a bare DOM stand-in ------------------------------------------------------
const html = readFileSync(join(work, 'site/c/index.html'), 'utf8');
const block = (id) => {
  const m = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html);
  return m[1];
};
function element() {
  return {
    dataset: {}, style: {}, children: [], textContent: '', className: '',
    appendChild(c) { this.children.push(c); return c; },
    addEventListener() {},
    setAttribute() {},
  };
}
const elements = { snapshot: { textContent: block('snapshot') }, texts: { textContent: block('texts') }, claims: { textContent: block('claims') } };
const storage = new Map();
const context = {
  document: {
    documentElement: { dataset: { harness: '1' }, lang: 'vi' },
    getElementById: (id) => elements[id] || (elements[id] = element()),
    createElement: element,
    title: '',
  },
  location: { hash: '', pathname: '/c/', search: '', protocol: 'file:', href: 'file:///c/', hostname: '' },
  history: { replaceState() {} },
  navigator: {},
  localStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => storage.set(k, String(v)) },
  crypto: webcrypto, TextEncoder, TextDecoder, atob, btoa, setTimeout, clearTimeout, console, Promise, Uint8Array,
};
context.window = context;
vm.createContext(context);
vm.runInContext(readFileSync(join(repo, 'src/site/page/app.js'), 'utf8'), context);
const page = context.window.vncert;
const trust = await page.loadTrust();

// ---- digits ↔ bytes (spec §3.1), for byte-level mutations -------------------------------------------
const DIGITS_FOR = [0, 3, 5, 8, 10, 13, 15, 17];
function toDigits(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 7) {
    const chunk = bytes.subarray(i, i + 7);
    let v = 0n;
    for (const b of chunk) v = (v << 8n) | BigInt(b);
    s += v.toString().padStart(DIGITS_FOR[chunk.length], '0');
  }
  return s;
}
function toBytes(digits) {
  const out = [];
  let i = 0;
  while (i < digits.length) {
    const rest = digits.length - i;
    const k = rest >= 17 ? 7 : DIGITS_FOR.indexOf(rest);
    if (k < 0) return null;
    let v = BigInt(digits.slice(i, i + DIGITS_FOR[k]));
    const chunk = [];
    for (let j = 0; j < k; j++) { chunk.unshift(Number(v & 255n)); v >>= 8n; }
    out.push(...chunk);
    i += DIGITS_FOR[k];
  }
  return new Uint8Array(out);
}

// ---- mutations -----------------------------------------------------------------------------------
let seed = 0x9e3779b9;
const rnd = (n) => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) % n; };
const N_HALF = BigInt('0x7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8');
const N = N_HALF * 2n + 1n;
function mutate(digits) {
  const b = toBytes(digits);
  const pick = rnd(9);
  if (pick === 0) { // a digit changed
    const i = rnd(digits.length);
    return digits.slice(0, i) + String((Number(digits[i]) + 1 + rnd(9)) % 10) + digits.slice(i + 1);
  }
  if (pick === 1) return digits.slice(0, rnd(digits.length)); // cut off
  if (pick === 2) { // random digits
    let s = '';
    for (let i = rnd(600); i > 0; i--) s += String(rnd(10));
    return s;
  }
  const m = new Uint8Array(b);
  if (pick === 3) { m[rnd(m.length)] ^= 1 << rnd(8); return toDigits(m); }
  if (pick === 4) { m[rnd(m.length)] = rnd(256); return toDigits(m); }
  if (pick === 5) { // bytes inserted in the claims (after HDR and KID), CBOR-ish
    const at = 5 + rnd(Math.max(1, m.length - 69));
    const junk = [0xa1, 0x14, 0x18, 0x19, 0x1b, 0x3b, 0x5f, 0x7f, 0x9f, 0xbf, 0xf9, 0xfb, 0xc0, 0xff, 0x00, 0x17];
    const ins = Array.from({ length: 1 + rnd(6) }, () => (rnd(2) ? junk[rnd(junk.length)] : rnd(256)));
    return toDigits(new Uint8Array([...m.subarray(0, at), ...ins, ...m.subarray(at)]));
  }
  if (pick === 6) { // the high-S twin: s → n − s
    const s = m.subarray(m.length - 32);
    let v = 0n;
    for (const x of s) v = (v << 8n) | BigInt(x);
    let t = N - v;
    for (let i = 31; i >= 0; i--) { s[i] = Number(t & 255n); t >>= 8n; }
    return toDigits(m);
  }
  if (pick === 7) return toDigits(m.subarray(0, m.length - 1 - rnd(8))); // bytes dropped
  return digits + String(rnd(10)); // a digit too many
}

// ---- the loop --------------------------------------------------------------------------------------
const VERDICTS = new Set(['valid', 'invalid', 'unknown_key', 'revoked', 'no_code', 'malformed', 'compromised', 'cannot_check']);
const EXIT = { valid: 0, invalid: 1, unknown_key: 2, revoked: 3, no_code: 4, malformed: 5, compromised: 6 };
const genuine = new Set(seeds);
// The starting points are what they are: two valid, one revoked.
const start = await Promise.all(seeds.map((d) => page.judge(d, trust)));
if (start.map((r) => r.verdict).sort().join() !== 'revoked,valid,valid') throw new Error('seeds: ' + JSON.stringify(start));
const tally = {};
let cases = 0, compared = 0, problems = 0;
const deadline = Date.now() + seconds * 1000;
const report = (kind, input, detail) => {
  problems++;
  const file = join(artifacts, `${kind}-${Date.now()}-${problems}.json`);
  writeFileSync(file, JSON.stringify({ kind, input, detail }, null, 2));
  console.error(`${kind}: ${file}`);
};
while (Date.now() < deadline) {
  const base = seeds[rnd(seeds.length)];
  let input = mutate(base);
  if (rnd(4) === 0) input = mutate(input);
  cases++;
  let r;
  try {
    r = await Promise.race([page.judge(input, trust), new Promise((_, no) => setTimeout(() => no(new Error('timeout')), 2000))]);
  } catch (e) {
    report('page-threw', input, String(e && e.stack || e));
    continue;
  }
  tally[r.verdict] = (tally[r.verdict] || 0) + 1;
  if (!VERDICTS.has(r.verdict)) report('unknown-verdict', input, r);
  if (r.verdict === 'valid' && !genuine.has(input)) report('forgery-accepted', input, r);
  if (cases % every !== 0) continue;
  compared++;
  const cli = spawnSync(bin, ['verify', `https://x/c#${input}`, '--trust', 'keys', '--json', '--state', 'state'], { cwd: work, encoding: 'utf8' });
  let j;
  try { j = JSON.parse(cli.stdout); } catch (e) { report('cli-no-json', input, cli.stdout + cli.stderr); continue; }
  if (cli.status !== EXIT[j.verdict]) report('cli-exit', input, { status: cli.status, verdict: j.verdict });
  if (j.verdict !== r.verdict) report('disagree', input, { page: r, cli: j });
}
console.log(JSON.stringify({ cases, compared_with_cli: compared, problems, seconds, verdicts: tally }));
process.exit(problems ? 1 : 0);
