// The verification page (VNCERT-QR v1, docs/spec/verification-qr.md §3.4): the digits after # in
// https://HOST/c#DIGITS are checked here, in the browser, against the issuer's trust manifest;
// nothing is sent anywhere. Written for chungnhan, no framework. Every value from a code is
// inserted as text, never as HTML, and nothing from a code whose signature fails is shown as if it
// were true. No BigInt anywhere (a browser without it must still parse and run this script): CBOR
// arguments are read as two 32-bit halves and digit groups are converted by long division.
'use strict';
(function () {
  // Take the code and remove it from the address bar and history before anything else runs.
  var fragment = location.hash.replace(/^#/, '');
  if (location.hash) {
    history.replaceState(null, '', location.pathname + location.search);
  }
  document.documentElement.dataset.href = location.href;

  var SNAP = JSON.parse(document.getElementById('snapshot').textContent);
  // The claims of the format, generated from the same table as `chungnhan verify` (claims.rs).
  var CLAIMS = JSON.parse(document.getElementById('claims').textContent);
  var subtle = window.crypto && window.crypto.subtle;
  var enc = new TextEncoder();

  // A reason this browser cannot check a code at all, as opposed to a code that is damaged.
  function CannotCheck(message) { this.message = message; }
  // A damaged code whose reason the page says in the words of its catalogue (site/texts.rs), the
  // same words `chungnhan verify` prints from its own (issue 28, item 11).
  function Worded(id, args) { this.reason = { id: id, args: args }; this.message = words(this.reason, 'en'); }
  function words(reason, language) {
    return String(T[language][reason.id]).replace(/\{(\w+)\}/g, function (m, k) { return reason.args[k] !== undefined ? reason.args[k] : m; });
  }

  // ---- small helpers ---------------------------------------------------------------------------
  function b64uToBytes(s) {
    if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
    var b = s.replace(/-/g, '+').replace(/_/g, '/');
    while (b.length % 4) b += '=';
    var bin = atob(b);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function bytesToB64u(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function hex(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }
  function concat(parts) {
    var n = 0, i, off = 0;
    for (i = 0; i < parts.length; i++) n += parts[i].length;
    var out = new Uint8Array(n);
    for (i = 0; i < parts.length; i++) { out.set(parts[i], off); off += parts[i].length; }
    return out;
  }
  async function sha256(bytes) {
    return new Uint8Array(await subtle.digest('SHA-256', bytes));
  }
  function importEs256(spki) {
    return subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  }
  async function verifyEs256(key, sig, data) {
    try { return await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, data); } catch (e) { return false; }
  }
  // `2026-11-28T00:00:00Z` → `28/11/2026` (a list's date; anything else is shown as it is).
  function isoDay(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(s));
    return m ? m[3] + '/' + m[2] + '/' + m[1] : String(s);
  }
  // `2026-11-28` (or a longer ISO date) → days since 1970-01-01; NaN for anything else.
  function isoDays(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(s));
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000 : NaN;
  }
  // n / 2 for P-256, big-endian: a genuine signature's s is never above it (spec §3.4 step 5).
  var HALF_N = b16('7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8');
  function b16(s) {
    var out = new Uint8Array(s.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
    return out;
  }
  function highS(sig) {
    for (var i = 0; i < 32; i++) {
      if (sig[32 + i] !== HALF_N[i]) return sig[32 + i] > HALF_N[i];
    }
    return false;
  }
  function dmy(days) {
    var d = new Date(days * 86400000);
    var p = function (n) { return (n < 10 ? '0' : '') + n; };
    return p(d.getUTCDate()) + '/' + p(d.getUTCMonth() + 1) + '/' + d.getUTCFullYear();
  }

  // ---- signed JSON files (trust manifest, revocation list): detached JWS, RFC 7515 app. F --------
  async function checkDetached(rootKey, text, jws) {
    var parts = String(jws || '').trim().split('..');
    if (parts.length !== 2) return false;
    var header, sig;
    try {
      header = new TextDecoder('utf-8', { fatal: true }).decode(b64uToBytes(parts[0]));
      sig = b64uToBytes(parts[1]);
    } catch (e) { return false; }
    if (header.indexOf('"alg":"ES256"') < 0 || sig.length !== 64) return false;
    var input = enc.encode(parts[0] + '.' + bytesToB64u(enc.encode(text)));
    return verifyEs256(rootKey, sig, input);
  }
  async function fingerprint(spki) {
    var d = await sha256(spki);
    var groups = [];
    for (var i = 0; i < 32; i += 4) groups.push(hex(d.subarray(i, i + 4)));
    return groups.join(':');
  }

  // A manifest whose signature checks with its root, whose root is the pinned one, with its keys.
  async function loadManifest(text, sig) {
    var m = JSON.parse(text);
    if (!m || m.format !== 'vncert-trust/1' || !m.root || !Array.isArray(m.keys)) throw new Error('not a trust manifest');
    var rootSpki = b64uToBytes(m.root.spki);
    if (await fingerprint(rootSpki) !== SNAP.root_fingerprint) throw new Error('root key is not the pinned one');
    var root = await importEs256(rootSpki);
    if (!await checkDetached(root, text, sig)) throw new Error('manifest signature does not check');
    var keys = await Promise.all(m.keys.map(async function (k) {
      var spki = b64uToBytes(k.spki);
      var kid = hex((await sha256(spki)).subarray(0, 4));
      if (kid !== String(k.kid).toLowerCase()) throw new Error('kid does not match its key');
      var key = k.alg === 'ES256' ? await importEs256(spki) : null;
      return { entry: k, kid: kid, alg: k.alg, key: key };
    }));
    return { manifest: m, root: root, keys: keys };
  }
  async function loadRevocations(trust, text, sig) {
    var l = JSON.parse(text);
    if (!l || l.format !== 'vncert-revoked/1' || !Array.isArray(l.entries)) throw new Error('not a revocation list');
    if (!await checkDetached(trust.root, text, sig)) throw new Error('revocation list signature does not check');
    return l;
  }

  // The embedded snapshot, then the same-origin copies if they check and are not older.
  var base = (function () {
    var p = location.pathname;
    if (/\/c\/(index\.html)?$/.test(p)) return p.replace(/c\/(index\.html)?$/, '');
    return p.replace(/[^/]*$/, '');
  })();
  async function fetchText(path) {
    if (location.protocol !== 'http:' && location.protocol !== 'https:') throw new Error('offline copy');
    var ctl = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (ctl) ctl.abort(); }, 4000);
    try {
      var r = await fetch(base + path, { cache: 'no-cache', credentials: 'omit', signal: ctl ? ctl.signal : undefined });
      if (!r.ok) throw new Error(String(r.status));
      return await r.text();
    } finally { clearTimeout(timer); }
  }
  // The newer of two checked copies, or whichever there is.
  async function fresher(current, load) {
    try {
      var fresh = await load();
      return !current || fresh.seq >= current.seq ? fresh : current;
    } catch (e) { return current; }
  }
  // Issuance ledgers (spec §3.5): signed by the root, their ids sorted, count and Merkle root
  // those of the ids. Version 2 lists code ids (the hash of the whole code); version 1 listed
  // revocation ids, which a forger holding the stolen key can match, so it is kept only to say
  // why it decides nothing. Only the compromised keys' ledgers are in the page: for the others
  // the signature alone decides.
  async function merkle(leaves) {
    if (leaves.length === 1) return sha256(concat([new Uint8Array([0]), leaves[0]]));
    if (leaves.length === 0) return sha256(new Uint8Array(0));
    var k = 1;
    while (k * 2 < leaves.length) k *= 2;
    return sha256(concat([new Uint8Array([1]), await merkle(leaves.slice(0, k)), await merkle(leaves.slice(k))]));
  }
  async function loadLedger(trust, text, sig) {
    var l = JSON.parse(text);
    var v2 = l && l.format === 'vncert-ledger/2';
    if (!l || !(v2 || l.format === 'vncert-ledger/1')) throw new Error('not an issuance ledger');
    var ids = v2 ? l.codes : l.rids;
    if (!Array.isArray(ids) || (v2 ? l.rids : l.codes) !== undefined) throw new Error('an issuance ledger must hold one list: codes in vncert-ledger/2, rids in vncert-ledger/1');
    if (!await checkDetached(trust.root, text, sig)) throw new Error('issuance ledger signature does not check');
    for (var i = 1; i < ids.length; i++) if (!(ids[i - 1] < ids[i])) throw new Error('issuance ledger ids are not sorted');
    var leaves = ids.map(b64uToBytes);
    if (leaves.some(function (b) { return b.length !== (v2 ? 32 : 16); })) throw new Error('issuance ledger Merkle root does not match');
    var root = await merkle(leaves);
    if (l.count !== ids.length || bytesToB64u(root) !== l.merkle_root) throw new Error('issuance ledger Merkle root does not match');
    return { kid: String(l.kid).toLowerCase(), codes: v2 ? ids : null, rids: v2 ? null : ids };
  }
  // The ledgers of key `kid` (issue 28, item 10): those embedded when the site was made, and
  // those published beside the page since, found through the index `ledgers.json` (spec §3.5.2)
  // and fetched when a code of a compromised key is judged. The index is not signed (it only
  // says where to look); each ledger is checked exactly as an embedded one is, and one that
  // cannot be fetched or does not check is left out while the others still count. So after
  // `keys compromise`, publishing what it says is enough: no new `site` run.
  var MAX_FETCHED_LEDGERS = 256;
  var ledgerIndex = null;
  function publishedLedgers() {
    if (!ledgerIndex) {
      ledgerIndex = fetchText('.well-known/vncert/ledgers.json').then(function (text) {
        var x = JSON.parse(text);
        if (!x || x.format !== 'vncert-ledger-index/1' || !Array.isArray(x.ledgers)) throw new Error('not a ledger index');
        return x.ledgers;
      }).catch(function () { return []; });
    }
    return ledgerIndex;
  }
  async function fetchLedgers(trust, kid) {
    var files = (await publishedLedgers()).filter(function (e) {
      return e && String(e.kid).toLowerCase() === kid && /^ledger\/[A-Za-z0-9][A-Za-z0-9._-]*\.json$/.test(String(e.file));
    }).map(function (e) { return String(e.file); }).slice(0, MAX_FETCHED_LEDGERS);
    var got = await Promise.all(files.map(async function (f) {
      try {
        var texts = await Promise.all([fetchText('.well-known/vncert/' + f), fetchText('.well-known/vncert/' + f + '.sig')]);
        return await loadLedger(trust, texts[0], texts[1]);
      } catch (e) { return null; }
    }));
    return got.filter(function (l) { return l && l.kid === kid; });
  }
  async function ledgersFor(trust, kid) {
    if (!trust.fetchedLedgers) trust.fetchedLedgers = {};
    if (!trust.fetchedLedgers[kid]) trust.fetchedLedgers[kid] = fetchLedgers(trust, kid);
    var embedded = (trust.ledgers || []).filter(function (l) { return l.kid === kid; });
    return embedded.concat(await trust.fetchedLedgers[kid]);
  }
  // What this browser has seen of this issuer: the highest seq of its manifest and list, so that
  // an older copy (a mirror, a saved page) is refused, not believed.
  var SEEN_KEY = 'vncert-seen:' + SNAP.root_fingerprint;
  function seenBefore() {
    try { return JSON.parse(localStorage.getItem(SEEN_KEY)) || { m: 0, r: 0 }; } catch (e) { return { m: 0, r: 0 }; }
  }
  function remember(seen) {
    try { localStorage.setItem(SEEN_KEY, JSON.stringify(seen)); } catch (e) { /* private mode: nothing kept */ }
  }
  // A list older than one this browser has checked: the reason says so in the reader's words.
  function older(e, seq, seen) { e.whyKey = 'older'; e.whyArgs = { seq: seq, seen: seen }; return e; }
  async function loadTrust() {
    var snapshot = await loadManifest(SNAP.trust.json, SNAP.trust.sig);
    var trust = snapshot;
    try {
      var fresh = await loadManifest(await fetchText('.well-known/vncert/trust.json'), await fetchText('.well-known/vncert/trust.json.sig'));
      if (fresh.manifest.seq >= snapshot.manifest.seq) trust = fresh;
    } catch (e) { trust = snapshot; }
    var list = null;
    if (SNAP.revoked) {
      try { list = await loadRevocations(trust, SNAP.revoked.json, SNAP.revoked.sig); } catch (e) { list = null; }
    }
    trust.revocations = await fresher(list, async function () {
      return loadRevocations(trust, await fetchText('.well-known/vncert/revoked.json'), await fetchText('.well-known/vncert/revoked.json.sig'));
    });
    var seen = seenBefore();
    if (trust.manifest.seq < seen.m) throw older(new Error('the trust manifest here (seq ' + trust.manifest.seq + ') is older than one this browser has already checked (seq ' + seen.m + ')'), trust.manifest.seq, seen.m);
    // A list seen once is required afterwards (spec §3.6): with none here, or an older one, a
    // revocation made since cannot be seen, so `judge` says so instead of "valid".
    var listSeq = trust.revocations ? trust.revocations.seq : 0;
    trust.listSeen = seen.r > listSeq ? seen.r : 0;
    remember({ m: trust.manifest.seq, r: Math.max(listSeq, seen.r) });
    trust.ledgers = await Promise.all((SNAP.ledgers || []).map(function (l) { return loadLedger(trust, l.json, l.sig); }));
    return trust;
  }

  // ---- the code: digits → blob → header, KID, claims, signature (spec §3.1–3.2) ------------------
  var DIGITS_FOR = [0, 3, 5, 8, 10, 13, 15, 17];
  // The `k` bytes of a group of up to 17 decimal digits, big-endian. The value (< 10^17) does not
  // fit a double exactly, so it is held as hi·10^9 + lo and divided by 256 a byte at a time.
  function groupBytes(group, k) {
    var hi = group.length > 9 ? Number(group.slice(0, group.length - 9)) : 0;
    var lo = Number(group.slice(Math.max(0, group.length - 9)));
    var out = new Array(k);
    for (var j = k - 1; j >= 0; j--) {
      var t = (hi % 256) * 1e9 + lo; // < 2.56·10^11: exact
      hi = Math.floor(hi / 256);
      out[j] = t % 256;
      lo = Math.floor(t / 256);
    }
    if (hi !== 0 || lo !== 0) throw new Error('a digit group is too large for its bytes');
    return out;
  }
  function fromDigits(d) {
    if (!/^[0-9]+$/.test(d)) throw new Error('the code contains a character that is not a digit');
    var rest = d.length % 17;
    var last = DIGITS_FOR.indexOf(rest);
    if (last < 0 || (rest !== 0 && last >= 7)) throw new Error('the last digit group has an impossible length');
    var out = [];
    for (var i = 0; i < d.length;) {
      var len = d.length - i >= 17 ? 17 : rest;
      out.push.apply(out, groupBytes(d.substr(i, len), len === 17 ? 7 : last));
      i += len;
    }
    return new Uint8Array(out);
  }
  function parseToken(digits) {
    var b = fromDigits(digits);
    if (b.length < 70 || b.length > 1024) throw new Error('the code holds ' + b.length + ' bytes, not a certificate record');
    if (b[0] !== 0x11 && b[0] !== 0x12) throw new Error('unknown format header');
    return { blob: b, header: b[0], kid: b.subarray(1, 5), claims: b.subarray(5, b.length - 64), sig: b.subarray(b.length - 64) };
  }

  // ---- CBOR, as little as the claims need, strictly at every depth (RFC 8949 §4.2.1) ------------
  var TWO32 = 4294967296;
  function Reader(bytes) { this.b = bytes; this.p = 0; }
  Reader.prototype.byte = function () {
    if (this.p >= this.b.length) throw new Error('claims end early');
    return this.b[this.p++];
  };
  // A head: major type and argument as 32-bit halves (`hi`, `lo`), and `v`, the argument as a
  // number where it is exact (else Infinity). Indefinite lengths and arguments written longer
  // than needed are refused: one value, one encoding.
  Reader.prototype.head = function () {
    var ib = this.byte(), major = ib >> 5, ai = ib & 31, hi = 0, lo = 0, i;
    if (ai < 24) lo = ai;
    else if (ai === 24) lo = this.byte();
    else if (ai === 25 || ai === 26) { for (i = 0; i < (ai === 25 ? 2 : 4); i++) lo = lo * 256 + this.byte(); }
    else if (ai === 27) {
      for (i = 0; i < 4; i++) hi = hi * 256 + this.byte();
      for (i = 0; i < 4; i++) lo = lo * 256 + this.byte();
    } else throw new Error('indefinite or reserved length');
    var tooLong = (ai === 24 && lo < 24) || (ai === 25 && lo < 256) || (ai === 26 && lo < 65536) || (ai === 27 && hi === 0);
    if (tooLong) throw new Error('not deterministic (an integer or length written longer than needed)');
    return { major: major, ai: ai, hi: hi, lo: lo, v: hi < 2097152 ? hi * TWO32 + lo : Infinity };
  };
  Reader.prototype.take = function (n) {
    if (n > this.b.length - this.p) throw new Error('claims end early');
    var s = this.b.subarray(this.p, this.p + n);
    this.p += n;
    return s;
  };
  // Any value of the deterministic kinds (for keys this page does not know): integers, booleans,
  // null, definite strings, arrays, and maps whose keys are sorted and distinct.
  Reader.prototype.skip = function (depth) {
    if (depth > 8) throw new Error('claims nest too deep');
    var h = this.head(), i;
    switch (h.major) {
      case 0: case 1: return;
      case 2: this.take(h.v); return;
      case 3: textOf(this.take(h.v)); return;
      case 4:
        if (h.v > this.b.length) throw new Error('claims end early');
        for (i = 0; i < h.v; i++) this.skip(depth + 1);
        return;
      case 5:
        if (h.v > this.b.length) throw new Error('claims end early');
        var prev = null;
        for (i = 0; i < h.v; i++) {
          var start = this.p;
          this.skip(depth + 1);
          var key = this.b.subarray(start, this.p);
          if (prev && compareBytes(prev, key) >= 0) throw new Error('not deterministic (map keys unsorted or repeated)');
          prev = key;
          this.skip(depth + 1);
        }
        return;
      case 7: if (h.ai === 20 || h.ai === 21 || h.ai === 22) return; throw new Error('floats and simple values are not allowed');
      default: throw new Error('tags are not allowed');
    }
  };
  // A claim key as a signed 64-bit integer, as text; null outside that range (refused, as in the CLI).
  function keyText(h) {
    if (h.hi >= 2147483648) return null;
    var n = h.v !== Infinity ? String(h.v) : (typeof BigInt === 'function' ? (BigInt(h.hi) * BigInt(TWO32) + BigInt(h.lo)).toString() : '0x' + h.hi.toString(16) + ('00000000' + h.lo.toString(16)).slice(-8));
    if (h.major === 0) return n;
    return h.v !== Infinity ? String(-1 - h.v) : (typeof BigInt === 'function' ? (BigInt(-1) - BigInt(n)).toString() : '-1-' + n);
  }
  var utf8 = new TextDecoder('utf-8', { fatal: true });
  // A CBOR text string, at any depth: UTF-8 or the code is malformed (RFC 8949 §3.1, as `verify`).
  function textOf(bytes) {
    try { return utf8.decode(bytes); } catch (e) { throw new Error('a text string is not valid UTF-8'); }
  }
  // A day or year claim: any CBOR integer, within 01/01/0001 – 31/12/9999 (spec §3.3), as `verify`.
  var DAY_MIN = -719162, DAY_MAX = 2932896;
  function calendarValue(def, h) {
    if (h.major !== 0 && h.major !== 1) throw new Error('claim ' + def.name + ' must be a day number');
    var n = h.major === 0 ? h.v : -1 - h.v;
    var ok = def.kind === 'day' ? n >= DAY_MIN && n <= DAY_MAX : n >= 1 && n <= 9999;
    if (!ok) throw new Worded('outOfCalendar', { field: def.name });
    return n;
  }
  var cp1258 = null;
  try { cp1258 = new TextDecoder('windows-1258', { fatal: true }); } catch (e) { cp1258 = null; }
  var FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
  var BY_KEY = {};
  CLAIMS.forEach(function (d) { BY_KEY[String(d.key)] = d; });

  function decodeClaims(bytes) {
    var r = new Reader(bytes);
    var top = r.head();
    if (top.major !== 5) throw new Error('claims are not a map');
    if (top.v > 64) throw new Error('too many claims');
    var c = { unknown: [] }, prevKey = null;
    function value(def) {
      var h = r.head();
      if (def.kind === 'day' || def.kind === 'year') return calendarValue(def, h);
      if (h.major === 3) return textOf(r.take(h.v));
      if (h.major === 2 && def.kind === 'text') {
        if (!cp1258) throw new CannotCheck('this browser cannot read the windows-1258 text form');
        return cp1258.decode(r.take(h.v)).normalize('NFC');
      }
      throw new Error('claim ' + def.name + ' must be text');
    }
    for (var i = 0; i < top.v; i++) {
      var start = r.p;
      var kh = r.head();
      if (kh.major !== 0 && kh.major !== 1) throw new Error('claim keys are integers');
      var keyBytes = bytes.subarray(start, r.p);
      if (prevKey && compareBytes(prevKey, keyBytes) >= 0) throw new Error('not deterministic (keys unsorted or repeated)');
      prevKey = keyBytes;
      var key = keyText(kh);
      if (key === null) throw new Error('claim key out of range');
      var def = BY_KEY[key];
      if (def) c[def.name] = value(def);
      else {
        var vs = r.p;
        r.skip(0);
        c.unknown.push({ key: key, raw: hex(bytes.subarray(vs, r.p)) });
      }
    }
    if (r.p !== bytes.length) throw new Error('trailing bytes after the claims');
    if (c.issue_date === undefined) throw new Error('required claim 5 (issue date) is missing');
    if (!c.serial) throw new Error('required claim 1 (serial) is missing');
    if (!c.name) throw new Error('required claim 2 (name) is missing');
    if (enc.encode(c.serial).length > 32) throw new Error('serial is too long');
    CLAIMS.forEach(function (d) {
      if ((d.kind !== 'text' && d.kind !== 'code') || c[d.name] === undefined) return;
      if (enc.encode(c[d.name]).length > 400) throw new Error('claim ' + d.name + ' is too long');
      var m = FORBIDDEN.exec(c[d.name]);
      if (m) throw new Error('claim ' + d.name + ' contains the control character U+' + m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
    });
    return c;
  }
  function compareBytes(a, b) {
    for (var i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  }
  // COSE Sig_structure ["Signature1", bstr({1: -7, 4: h'KID'}), bstr("VNCERT-QR-v1"), bstr(CLAIMS)].
  function bstrHead(n) {
    if (n < 24) return [0x40 | n];
    if (n < 256) return [0x58, n];
    return [0x59, n >> 8, n & 255];
  }
  function sigStructure(kid, claims) {
    var prot = concat([new Uint8Array([0xa2, 0x01, 0x26, 0x04, 0x44]), kid]);
    var aad = enc.encode('VNCERT-QR-v1');
    return concat([
      new Uint8Array([0x84, 0x6a]), enc.encode('Signature1'),
      new Uint8Array(bstrHead(prot.length)), prot,
      new Uint8Array(bstrHead(aad.length)), aad,
      new Uint8Array(bstrHead(claims.length)), claims,
    ]);
  }

  // ---- the verdict: the same steps and the same answers as `chungnhan verify` --------------------
  async function judge(digits, trust) {
    var token;
    try { token = parseToken(digits); } catch (e) { return { verdict: 'malformed', why: e.message }; }
    var kid = hex(token.kid);
    var candidates = trust.keys.filter(function (k) { return k.kid === kid; });
    if (!candidates.length) return { verdict: 'unknown_key', why: 'key ' + kid, whyKey: 'unknownKey', whyArgs: { kid: kid } };
    var alg = token.header === 0x11 ? 'ES256' : 'Ed25519';
    var matching = candidates.filter(function (k) { return k.alg === alg; });
    if (!matching.length) return { verdict: 'invalid', why: 'algorithm mismatch', whyKey: 'algMismatch' };
    if (alg !== 'ES256') return { verdict: 'malformed', why: 'Ed25519 codes are not supported', whyKey: 'algUnsupported' };
    var tbs = sigStructure(token.kid, token.claims);
    var oks = await Promise.all(matching.map(function (k) { return k.key ? verifyEs256(k.key, token.sig, tbs) : false; }));
    var i = oks.indexOf(true);
    if (i < 0) return { verdict: 'invalid', why: 'signature', whyKey: 'signature' };
    var entry = matching[i].entry;
    var claims;
    try { claims = decodeClaims(token.claims); } catch (e) {
      if (e instanceof CannotCheck) return { verdict: 'cannot_check', why: e.message, whyKey: 'cp1258' };
      return { verdict: 'malformed', why: e.message, reason: e.reason };
    }
    // One certificate, one code text: codes with a signing date come from a signer that
    // normalises s, so their high-S twins are refused (older codes predate the rule).
    if (claims.signing_date !== undefined && highS(token.sig)) return { verdict: 'malformed', why: 'the signature is in its high-S form, which no genuine code with a signing date has', whyKey: 'highS' };
    var id = bytesToB64u((await sha256(concat([enc.encode('VNCERT-REV-v1'), token.sig.subarray(0, 32)]))).subarray(0, 16));
    var notes = [];
    if (entry.status === 'compromised') {
      // The offline root signs no ledger for a key once it is compromised: membership of the
      // whole code decides. A ledger of revocation ids cannot: a thief holding the key reuses a
      // ledgered code's nonce, which gives the same r, hence the same id, under any name.
      var code = bytesToB64u(await sha256(concat([enc.encode('VNCERT-CODE-v1'), token.blob])));
      var mine = await ledgersFor(trust, kid);
      var ledgered = mine.some(function (l) { return l.codes && l.codes.indexOf(code) >= 0; });
      if (!ledgered) {
        var since = isoDay(entry.compromised_at || '?');
        if (mine.some(function (l) { return l.rids && l.rids.indexOf(id) >= 0; })) {
          return { verdict: 'compromised', explain: 'oldLedger', why: 'the key ' + kid + ' was compromised (since ' + since + ') and this code is only in an issuance ledger of the old format (vncert-ledger/1), which cannot tell it from a forgery made with the stolen key', whyKey: 'compromisedOld', whyArgs: { kid: kid, since: since } };
        }
        return { verdict: 'compromised', why: 'the key ' + kid + ' was compromised (since ' + since + ') and this code is in none of the issuer\'s signed issuance ledgers', whyKey: 'compromised', whyArgs: { kid: kid, since: since } };
      }
      notes.push('noteLedgered');
    }
    // The signing date (claim 15): every key begun since the day the rules give writes it; an
    // honest signer never signs ahead (a day allowed for time zones) nor outside its key's window.
    if (claims.signing_date === undefined) {
      var began = isoDays(entry.not_before);
      if (began === began && began >= isoDays(SNAP.rules.signing_date_required_from)) {
        return { verdict: 'invalid', why: 'the code carries no signing date, and its key ' + kid + ' began on ' + isoDay(entry.not_before) + ': every key begun on ' + isoDay(SNAP.rules.signing_date_required_from) + ' or later writes its signing date into every code it signs', whyKey: 'noSigningDate', whyArgs: { kid: kid, began: isoDay(entry.not_before), from: isoDay(SNAP.rules.signing_date_required_from) } };
      }
    } else {
      var today = Math.floor((Date.now() + 7 * 3600000) / 86400000); // Vietnam's day (UTC+7)
      if (claims.signing_date > today + SNAP.rules.signing_date_leeway_days) {
        return { verdict: 'invalid', why: 'claims to be signed on ' + dmy(claims.signing_date) + ', more than a day after today (' + dmy(today) + ')', whyKey: 'future', whyArgs: { signed: dmy(claims.signing_date), today: dmy(today) } };
      }
      var from = isoDays(entry.not_before), until = isoDays(entry.not_after);
      if ((from === from && claims.signing_date < from) || (until === until && claims.signing_date > until)) {
        return { verdict: 'invalid', why: 'signed on ' + dmy(claims.signing_date) + ', outside the window of its key ' + kid + ' (' + isoDay(entry.not_before || '…') + ' – ' + isoDay(entry.not_after || '…') + ')', whyKey: 'window', whyArgs: { signed: dmy(claims.signing_date), kid: kid, from: isoDay(entry.not_before || '…'), until: isoDay(entry.not_after || '…') } };
      }
    }
    var list = trust.revocations;
    var hit = list ? list.entries.filter(function (e) { return e.rid === id; })[0] : null;
    // What an older list revokes stays revoked; its silence says nothing once a newer was seen.
    if (!hit && trust.listSeen) {
      if (list) return { verdict: 'revocation_unchecked', explain: 'listOlder', why: 'the revocation list here (seq ' + list.seq + ') is older than one this browser has already checked (seq ' + trust.listSeen + ')', whyKey: 'listOlderWhy', whyArgs: { seq: list.seq, seen: trust.listSeen } };
      return { verdict: 'revocation_unchecked', explain: 'listWithheld', why: 'no revocation list of the issuer is here, though this browser has already checked its list seq ' + trust.listSeen, whyKey: 'listWithheldWhy', whyArgs: { seen: trust.listSeen } };
    }
    if (list && isoDays(list.next_update) < Math.floor(Date.now() / 86400000)) notes.push('noteListOutdated');
    return { verdict: hit ? 'revoked' : 'valid', claims: claims, revoked: hit || null, list: list ? list.issued_at : null, notes: notes };
  }


  // ---- look-up without the QR (spec appendix B) --------------------------------------------------
  // Name, số hiệu and date of birth → PBKDF2 → HKDF → a locator (whose first 12 bits name one
  // bucket file) and an AES-GCM key that opens the certificate's signed code, which is then
  // judged exactly as a scanned one. The typed values never leave this device; the server sees
  // only which bucket (one of 4,096) was fetched. The same steps as seal/lookup.rs.
  var LOOKUP = SNAP.lookup || null;
  var LABEL = 'VNCERT-LOOKUP-v1';
  var MARKS = (function () { try { return new RegExp('\\p{M}', 'gu'); } catch (e) { return /[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g; } })();
  function foldName(s) {
    var bare = String(s).normalize('NFD').replace(MARKS, '').replace(/[\u0111\u0110]/g, 'D');
    return bare.normalize('NFC').toUpperCase().split(/\s+/).filter(function (w) { return w; }).join(' ');
  }
  function normaliseSerial(s) { return String(s).normalize('NFC').replace(/[\s-]/g, '').toUpperCase(); }
  function normaliseBirth(s) {
    s = String(s).trim();
    if (/^\d{4}$/.test(s)) return s;
    var p = s.split(/[\/.-]/).map(function (x) { return x.trim(); });
    if (p.length !== 3 || !p.every(function (x) { return /^\d{1,4}$/.test(x); })) return null;
    var d = p[0], m = p[1], y = p[2];
    if (p[0].length === 4) { d = p[2]; y = p[0]; }
    if (y.length !== 4 || d.length > 2 || m.length > 2) return null;
    var dn = +d, mn = +m, yn = +y;
    var days = [31, (yn % 4 === 0 && yn % 100 !== 0) || yn % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (mn < 1 || mn > 12 || dn < 1 || dn > days[mn - 1]) return null;
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return two(dn) + '/' + two(mn) + '/' + ('000' + yn).slice(-4);
  }
  // The three values normalised, or the words saying what is missing.
  function lookupQuery(name, serial, birth) {
    var q = { name: foldName(name), serial: normaliseSerial(serial), birth: normaliseBirth(birth) };
    if (!q.name || !q.serial || !String(birth).trim()) return { error: 'lookupMissing' };
    if (!q.birth) return { error: 'lookupBadBirth' };
    return q;
  }
  async function lookupDerive(q, host, kid, iterations) {
    var base = await subtle.importKey('raw', enc.encode(q.name + '\n' + q.serial + '\n' + q.birth), 'PBKDF2', false, ['deriveBits']);
    var salt = enc.encode(LABEL + '\n' + String(host).trim().toLowerCase() + '\n' + String(kid).trim().toLowerCase());
    var material = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations }, base, 256);
    var hk = await subtle.importKey('raw', material, 'HKDF', false, ['deriveBits']);
    function expand(label, n) {
      return subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: enc.encode(LABEL + ' ' + label) }, hk, n * 8)
        .then(function (b) { return new Uint8Array(b); });
    }
    var parts = await Promise.all([expand('locator', 8), expand('key', 32), expand('nonce', 12)]);
    return { locator: parts[0], key: parts[1], nonce: parts[2] };
  }
  function bucketOf(locator) { return (locator[0] << 4) | (locator[1] >> 4); }
  function bucketFile(b) { return ('00' + b.toString(16)).slice(-3) + '.bin'; }
  // A bucket file: "VNLK", version 1, bucket (2 bytes), count (4), then locator (8), length (2),
  // sealed code — anything else is refused whole.
  function readBucket(b, bytes) {
    if (bytes.length < 11 || String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) !== 'VNLK') throw new Error('not a bucket');
    if (bytes[4] !== 1 || ((bytes[5] << 8) | bytes[6]) !== b) throw new Error('another version or bucket');
    var count = ((bytes[7] << 24) >>> 0) + (bytes[8] << 16) + (bytes[9] << 8) + bytes[10];
    var out = [], p = 11;
    for (var i = 0; i < count; i++) {
      if (p + 10 > bytes.length) throw new Error('cut short');
      var len = (bytes[p + 8] << 8) | bytes[p + 9];
      if (p + 10 + len > bytes.length) throw new Error('cut short');
      out.push({ locator: bytes.subarray(p, p + 8), sealed: bytes.subarray(p + 10, p + 10 + len) });
      p += 10 + len;
    }
    if (p !== bytes.length) throw new Error('bytes after the last entry');
    return out;
  }
  async function lookupOpen(d, entries) {
    var key = await subtle.importKey('raw', d.key, 'AES-GCM', false, ['decrypt']);
    for (var i = 0; i < entries.length; i++) {
      if (compareBytes(entries[i].locator, d.locator) !== 0) continue;
      try {
        var plain = await subtle.decrypt({ name: 'AES-GCM', iv: d.nonce, additionalData: d.locator, tagLength: 128 }, key, entries[i].sealed);
        return new TextDecoder('utf-8', { fatal: true }).decode(plain);
      } catch (e) { /* another certificate's entry, or a changed byte: not this one */ }
    }
    return null;
  }
  // The bucket's bytes; null when the site has none (404); a rejection when it cannot be fetched.
  async function fetchBytes(path) {
    if (location.protocol !== 'http:' && location.protocol !== 'https:') throw new Error('offline copy');
    var r = await fetch(base + path, { cache: 'no-cache', credentials: 'omit' });
    if (r.status === 404) return null;
    if (!r.ok) throw new Error(String(r.status));
    return new Uint8Array(await r.arrayBuffer());
  }
  // Whether a code's own claims are the certificate typed (an entry swapped in is not).
  function claimsMatch(q, c) {
    if (normaliseSerial(c.serial) !== q.serial || foldName(c.name) !== q.name) return false;
    if (c.birth_date !== undefined) return dmy(c.birth_date) === q.birth;
    if (c.birth_year !== undefined) return ('000' + c.birth_year).slice(-4) === q.birth;
    return true;
  }
  // The look-up's answer, in the verdict screen's shape: a code found and judged, "not found"
  // (a wrong value and no such certificate alike), or "cannot look up" (no network, no cache).
  async function lookUp(name, serial, birth, trust) {
    var q = lookupQuery(name, serial, birth);
    if (q.error) return { verdict: 'lookup', formError: q.error };
    // Every key's derivation and every bucket, whatever an earlier one held: the same steps
    // for a certificate found and one that is not.
    var ds = await Promise.all(LOOKUP.kids.slice(0, 32).map(function (kid) { return lookupDerive(q, LOOKUP.host, kid, LOOKUP.iterations); }));
    var codes;
    try {
      codes = await Promise.all(ds.map(async function (d) {
        var b = bucketOf(d.locator);
        var bytes = await fetchBytes('.well-known/vncert/' + LOOKUP.folder + '/' + bucketFile(b));
        if (!bytes) return null;
        var entries;
        try { entries = readBucket(b, bytes); } catch (e) { return null; }
        return lookupOpen(d, entries);
      }));
    } catch (e) {
      return { verdict: 'lookup_unavailable' };
    }
    var code = codes.filter(function (c) { return c; })[0];
    if (!code) return { verdict: 'not_found' };
    var r = await judge(code.indexOf('#') >= 0 ? code.slice(code.indexOf('#') + 1) : code, trust);
    if (r.claims && !claimsMatch(q, r.claims)) return { verdict: 'not_found' };
    r.lookedUp = true;
    return r;
  }

  // ---- showing it --------------------------------------------------------------------------------
  // The words of the page, in both languages (kept as data, out of the script: see site/mod.rs).
  var T = JSON.parse(document.getElementById('texts').textContent);
  var lang = 'vi';
  var state = { verdict: 'checking' };
  var trustShown = null;

  // The reason a verdict usually has, for the steps that give none of their own (a code that
  // does not parse, a trust list that does not load).
  var GENERIC_WHY = { malformed: 'malformed', cannot_check: 'trust', invalid: 'signature', unknown_key: 'unknownKey', compromised: 'compromised' };
  function fill(text, args) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return args[k] !== undefined ? String(args[k]) : '…'; });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // [css name, label, value] for every claim the code has, in the table's order.
  function rows(c) {
    var out = [];
    CLAIMS.forEach(function (d) {
      if (c[d.name] === undefined) return;
      out.push([d.name, d[lang], d.kind === 'day' ? dmy(c[d.name]) : String(c[d.name])]);
    });
    c.unknown.forEach(function (u) { out.push(['unknown', T[lang].unknown, u.key + ': ' + u.raw]); });
    return out;
  }
  function render() {
    var t = T[lang];
    var main = document.getElementById('result');
    main.textContent = '';
    document.documentElement.lang = lang;
    document.documentElement.dataset.verdict = state.verdict;
    var head = t[state.verdict];
    var other = T[lang === 'vi' ? 'en' : 'vi'][state.verdict];
    var banner = el('section', 'banner ' + state.verdict);
    banner.appendChild(el('h1', 'verdict', head[0]));
    banner.appendChild(el('p', 'verdict-other', other[1]));
    if (head[2]) banner.appendChild(el('p', 'why', head[2]));
    main.appendChild(banner);
    if (state.explain) main.appendChild(el('p', 'explain', t[state.explain]));
    document.title = head[0] + ' – ' + t.title;
    // What exactly went wrong, for whoever helps the holder: the same reason `verify` gives.
    // In the reader's words: the reason's own text where the step that failed gave one, else the
    // verdict's usual reason; the English `why` (as `verify` words it) only on the English page.
    if (state.why && state.verdict !== 'valid' && state.verdict !== 'revoked') {
      var key = state.whyKey || GENERIC_WHY[state.verdict];
      var said = state.reason ? words(state.reason, lang)
        : lang === 'en' && !state.whyKey ? state.why : fill(t.whys[key] || state.why, state.whyArgs || {});
      main.appendChild(el('p', 'detail', t.detail + ': ' + said));
    }
    // Claims and the issuer only for a genuine signature (valid or revoked).
    if (state.claims && (state.verdict === 'valid' || state.verdict === 'revoked')) {
      if (state.verdict === 'revoked' && state.revoked) {
        var r = state.revoked;
        main.appendChild(el('p', 'revoked-line', t.revokedOn + ' ' + isoDay(r.date) + ' — ' + t.reason + ': ' + (t.reasons[r.reason] || r.reason)));
      }
      var iss = el('section', 'issuer');
      iss.appendChild(el('h2', null, t.issuer));
      iss.appendChild(el('p', 'issuer-name', trustShown.manifest.issuer.name_vi));
      iss.appendChild(el('p', 'issuer-domain', trustShown.manifest.issuer.domain));
      main.appendChild(iss);
      var dl = el('dl', 'claims');
      rows(state.claims).forEach(function (row) {
        var div = el('div', 'claim claim-' + row[0]);
        div.appendChild(el('dt', null, row[1]));
        div.appendChild(el('dd', null, row[2]));
        dl.appendChild(div);
      });
      main.appendChild(dl);
      main.appendChild(el('p', 'compare', t.compare));
      main.appendChild(el('p', 'list-date', state.list ? t.listDate + ' ' + isoDay(state.list) : t.noList));
      (state.notes || []).forEach(function (n) { main.appendChild(el('p', 'note', t.note + ': ' + t[n])); });
    }
    if (state.lookedUp) main.appendChild(el('p', 'note lookup-found', t.lookupFound));
    if (LOOKUP && (state.verdict === 'lookup' || state.verdict === 'not_found' || state.verdict === 'lookup_unavailable')) {
      main.appendChild(lookupForm(t));
    } else if (LOOKUP && state.verdict !== 'checking') {
      // From any verdict, the way to look a certificate up without its code.
      var link = el('a', 'lookup-link', t.lookupLink);
      link.href = base + 'c/';
      link.addEventListener('click', function (e) { e.preventDefault(); finish({ verdict: 'lookup' }); });
      main.appendChild(el('p', 'lookup-link-line')).appendChild(link);
    }
    document.getElementById('privacy').textContent = state.verdict === 'lookup' ? t.lookupPrivacy : t.privacy;
    document.getElementById('lang').textContent = t.other;
  }
  // The look-up form: three labelled fields and a button; what was typed survives a re-render
  // (a language switch) and is never put in the address, a cookie or storage.
  var typed = { name: '', serial: '', birth: '' };
  function lookupForm(t) {
    var form = el('form', 'lookup');
    form.setAttribute('novalidate', '');
    [['name', t.lookupName, 'name'], ['serial', t.lookupSerial, 'off'], ['birth', t.lookupBirth, 'bday']].forEach(function (f) {
      var id = 'lookup-' + f[0];
      var label = el('label', null, f[1]);
      label.htmlFor = id;
      var input = el('input');
      input.id = id;
      input.name = f[0];
      input.type = 'text';
      input.autocomplete = f[2];
      input.spellcheck = false;
      input.value = typed[f[0]];
      if (f[0] === 'birth') {
        input.inputMode = 'numeric';
        input.placeholder = 'dd/mm/yyyy';
        input.setAttribute('aria-describedby', 'lookup-birth-hint');
      }
      input.addEventListener('input', function () { typed[f[0]] = input.value; });
      var row = el('div', 'field');
      row.appendChild(label);
      row.appendChild(input);
      if (f[0] === 'birth') {
        var hint = el('p', 'hint', t.lookupBirthHint);
        hint.id = 'lookup-birth-hint';
        row.appendChild(hint);
      }
      form.appendChild(row);
    });
    if (state.formError) {
      var err = el('p', 'form-error', t[state.formError]);
      err.setAttribute('role', 'alert');
      form.appendChild(err);
    }
    var button = el('button', null, t.lookupButton);
    button.type = 'submit';
    form.appendChild(button);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      ['name', 'serial', 'birth'].forEach(function (k) { typed[k] = document.getElementById('lookup-' + k).value.normalize('NFC'); });
      runLookup();
    });
    return form;
  }
  async function runLookup() {
    delete document.documentElement.dataset.done;
    state = { verdict: 'checking' };
    render();
    if (!subtle) return finish({ verdict: 'cannot_check', why: 'WebCrypto is not available on this page (it needs https)', whyKey: 'noWebCrypto' });
    try {
      if (!trustShown) trustShown = await loadTrust();
      finish(await lookUp(typed.name, typed.serial, typed.birth, trustShown));
    } catch (e) {
      finish({ verdict: 'cannot_check', why: String(e && e.message), whyKey: (e && e.whyKey) || 'trust', whyArgs: e && e.whyArgs });
    }
  }
  document.getElementById('lang').addEventListener('click', function () {
    lang = lang === 'vi' ? 'en' : 'vi';
    render();
  });

  function finish(result) {
    state = result;
    render();
    document.documentElement.dataset.done = 'true';
  }
  async function main() {
    // No code in the address: the look-up form where the site publishes look-up, else how to scan.
    if (!fragment) return finish({ verdict: LOOKUP ? 'lookup' : 'no_code' });
    // WebCrypto exists only on https (or this machine): without it nothing can be checked here,
    // which says nothing about the code.
    if (!subtle) return finish({ verdict: 'cannot_check', why: 'WebCrypto is not available on this page (it needs https)', whyKey: 'noWebCrypto' });
    try {
      trustShown = await loadTrust();
      finish(await judge(fragment, trustShown));
    } catch (e) {
      finish({ verdict: 'cannot_check', why: String(e && e.message), whyKey: (e && e.whyKey) || 'trust', whyArgs: e && e.whyArgs });
    }
  }
  render();
  // For the tests and the test harness: the same steps on any code, without the page around them.
  window.vncert = { loadTrust: loadTrust, judge: judge, lookUp: lookUp, lookupDerive: lookupDerive, lookupQuery: lookupQuery, readBucket: readBucket, lookupOpen: lookupOpen, bucketOf: bucketOf, words: words, rows: function (c, l) { var was = lang; lang = l || lang; try { return rows(c); } finally { lang = was; } } };
  if (!document.documentElement.dataset.harness) main();
  if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.hostname === '127.0.0.1' || location.hostname === 'localhost')) {
    navigator.serviceWorker.register(base + 'sw.js', { scope: base }).catch(function () {});
  }
})();
