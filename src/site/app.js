// The verification page (VNCERT-QR v1, docs/spec/verification-qr.md §3.4): the digits after # in https://HOST/c#DIGITS
// are checked here, in the browser, against the issuer's trust manifest; nothing is sent anywhere.
// Written for chungnhan, no framework. Every value from a code is inserted as text, never as HTML,
// and nothing from a code whose signature fails is shown as if it were true.
'use strict';
(function () {
  // Take the code and remove it from the address bar and history before anything else runs.
  var fragment = location.hash.replace(/^#/, '');
  if (location.hash) {
    history.replaceState(null, '', location.pathname + location.search);
  }
  document.documentElement.dataset.href = location.href;

  var SNAP = JSON.parse(document.getElementById('snapshot').textContent);
  var subtle = window.crypto && window.crypto.subtle;
  var enc = new TextEncoder();

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
  function sha256(bytes) {
    return subtle.digest('SHA-256', bytes).then(function (d) { return new Uint8Array(d); });
  }
  function importEs256(spki) {
    return subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  }
  function verifyEs256(key, sig, data) {
    return subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, sig, data);
  }
  // `2026-11-28T00:00:00Z` → `28/11/2026` (a list's date; anything else is shown as it is).
  function isoDay(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(s));
    return m ? m[3] + '/' + m[2] + '/' + m[1] : String(s);
  }
  function dmy(days) {
    var d = new Date(days * 86400000);
    var p = function (n) { return (n < 10 ? '0' : '') + n; };
    return p(d.getUTCDate()) + '/' + p(d.getUTCMonth() + 1) + '/' + d.getUTCFullYear();
  }

  // ---- signed JSON files (trust manifest, revocation list): detached JWS, RFC 7515 app. F --------
  function checkDetached(rootKey, text, jws) {
    var parts = String(jws || '').trim().split('..');
    if (parts.length !== 2) return Promise.resolve(false);
    var header;
    try { header = new TextDecoder('utf-8', { fatal: true }).decode(b64uToBytes(parts[0])); } catch (e) { return Promise.resolve(false); }
    if (header.indexOf('"alg":"ES256"') < 0) return Promise.resolve(false);
    var sig;
    try { sig = b64uToBytes(parts[1]); } catch (e) { return Promise.resolve(false); }
    if (sig.length !== 64) return Promise.resolve(false);
    var input = enc.encode(parts[0] + '.' + bytesToB64u(enc.encode(text)));
    return verifyEs256(rootKey, sig, input).catch(function () { return false; });
  }
  function fingerprint(spki) {
    return sha256(spki).then(function (d) {
      var groups = [];
      for (var i = 0; i < 32; i += 4) groups.push(hex(d.subarray(i, i + 4)));
      return groups.join(':');
    });
  }

  // A manifest whose signature checks with its root, whose root is the pinned one, with its keys.
  function loadManifest(text, sig) {
    var m;
    try { m = JSON.parse(text); } catch (e) { return Promise.reject(new Error('manifest is not JSON')); }
    if (!m || m.format !== 'vncert-trust/1' || !m.root || !Array.isArray(m.keys)) return Promise.reject(new Error('not a trust manifest'));
    var rootSpki = b64uToBytes(m.root.spki);
    return fingerprint(rootSpki).then(function (fp) {
      if (fp !== SNAP.root_fingerprint) throw new Error('root key is not the pinned one');
      return importEs256(rootSpki);
    }).then(function (root) {
      return checkDetached(root, text, sig).then(function (ok) {
        if (!ok) throw new Error('manifest signature does not check');
        return Promise.all(m.keys.map(function (k) {
          var spki = b64uToBytes(k.spki);
          return sha256(spki).then(function (d) {
            if (hex(d.subarray(0, 4)) !== String(k.kid).toLowerCase()) throw new Error('kid does not match its key');
            var imp = k.alg === 'ES256' ? importEs256(spki) : Promise.resolve(null);
            return imp.then(function (key) { return { entry: k, kid: hex(d.subarray(0, 4)), alg: k.alg, key: key }; });
          });
        })).then(function (keys) { return { manifest: m, root: root, keys: keys }; });
      });
    });
  }
  function loadRevocations(trust, text, sig) {
    var l;
    try { l = JSON.parse(text); } catch (e) { return Promise.reject(new Error('list is not JSON')); }
    if (!l || l.format !== 'vncert-revoked/1' || !Array.isArray(l.entries)) return Promise.reject(new Error('not a revocation list'));
    return checkDetached(trust.root, text, sig).then(function (ok) {
      if (!ok) throw new Error('revocation list signature does not check');
      return l;
    });
  }

  // The embedded snapshot, then the same-origin copies if they check and are not older.
  var base = (function () {
    var p = location.pathname;
    if (/\/c\/(index\.html)?$/.test(p)) return p.replace(/c\/(index\.html)?$/, '');
    return p.replace(/[^/]*$/, '');
  })();
  function fetchText(path) {
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return Promise.reject(new Error('offline copy'));
    var ctl = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (ctl) ctl.abort(); }, 4000);
    return fetch(base + path, { cache: 'no-cache', credentials: 'omit', signal: ctl ? ctl.signal : undefined })
      .then(function (r) { clearTimeout(timer); if (!r.ok) throw new Error(String(r.status)); return r.text(); });
  }
  function loadTrust() {
    return loadManifest(SNAP.trust.json, SNAP.trust.sig).then(function (trust) {
      return Promise.all([fetchText('.well-known/vncert/trust.json'), fetchText('.well-known/vncert/trust.json.sig')])
        .then(function (t) { return loadManifest(t[0], t[1]); })
        .then(function (fresh) { return fresh.manifest.seq >= trust.manifest.seq ? fresh : trust; })
        .catch(function () { return trust; });
    }).then(function (trust) {
      var snap = SNAP.revoked
        ? loadRevocations(trust, SNAP.revoked.json, SNAP.revoked.sig).catch(function () { return null; })
        : Promise.resolve(null);
      return snap.then(function (list) {
        return Promise.all([fetchText('.well-known/vncert/revoked.json'), fetchText('.well-known/vncert/revoked.json.sig')])
          .then(function (t) { return loadRevocations(trust, t[0], t[1]); })
          .then(function (fresh) { return !list || fresh.seq >= list.seq ? fresh : list; })
          .catch(function () { return list; });
      }).then(function (list) { trust.revocations = list; return trust; });
    });
  }

  // ---- the code: digits → blob → header, KID, claims, signature (spec §3.1–3.2) ------------------
  var DIGITS_FOR = [0, 3, 5, 8, 10, 13, 15, 17];
  function fromDigits(d) {
    if (!/^[0-9]+$/.test(d)) throw new Error('the code contains a character that is not a digit');
    var rest = d.length % 17;
    var last = DIGITS_FOR.indexOf(rest);
    if (last < 0 || (rest !== 0 && last >= 7)) throw new Error('the last digit group has an impossible length');
    var out = [];
    for (var i = 0; i < d.length;) {
      var len = d.length - i >= 17 ? 17 : rest;
      var k = len === 17 ? 7 : last;
      var v = BigInt(d.substr(i, len));
      if (v >> BigInt(8 * k) !== 0n) throw new Error('a digit group is too large for its bytes');
      for (var j = k - 1; j >= 0; j--) out.push(Number((v >> BigInt(8 * j)) & 0xffn));
      i += len;
    }
    return new Uint8Array(out);
  }
  function parseToken(digits) {
    var b = fromDigits(digits);
    if (b.length < 70 || b.length > 1024) throw new Error('the code holds ' + b.length + ' bytes, not a certificate record');
    if (b[0] !== 0x11 && b[0] !== 0x12) throw new Error('unknown format header');
    return { header: b[0], kid: b.subarray(1, 5), claims: b.subarray(5, b.length - 64), sig: b.subarray(b.length - 64) };
  }

  // ---- CBOR, as little as the claims need, strictly (RFC 8949 §4.2.1 deterministic) ------------
  function Reader(bytes) { this.b = bytes; this.p = 0; }
  Reader.prototype.byte = function () {
    if (this.p >= this.b.length) throw new Error('claims end early');
    return this.b[this.p++];
  };
  // A head: major type and argument (BigInt), refusing indefinite lengths; `minimal` refuses
  // arguments written longer than needed.
  Reader.prototype.head = function (minimal) {
    var ib = this.byte(), major = ib >> 5, ai = ib & 31, v, n = 0;
    if (ai < 24) v = BigInt(ai);
    else if (ai <= 27) {
      n = 1 << (ai - 24);
      v = 0n;
      for (var i = 0; i < n; i++) v = (v << 8n) | BigInt(this.byte());
      var min = [24n, 256n, 65536n, 4294967296n][ai - 24];
      if (minimal && v < min) throw new Error('not deterministic');
    } else throw new Error('indefinite or reserved length');
    return { major: major, ai: ai, v: v, size: n };
  };
  Reader.prototype.take = function (n) {
    if (n > BigInt(this.b.length - this.p)) throw new Error('claims end early');
    var s = this.b.subarray(this.p, this.p + Number(n));
    this.p += Number(n);
    return s;
  };
  // Any value of the deterministic kinds (for keys this page does not know).
  Reader.prototype.skip = function (depth) {
    if (depth > 8) throw new Error('claims nest too deep');
    var h = this.head(false);
    switch (h.major) {
      case 0: case 1: return;
      case 2: case 3: this.take(h.v); return;
      case 4: for (var i = 0n; i < h.v; i++) this.skip(depth + 1); return;
      case 5: for (var j = 0n; j < 2n * h.v; j++) this.skip(depth + 1); return;
      case 7: if (h.ai === 20 || h.ai === 21 || h.ai === 22) return; throw new Error('floats and simple values are not allowed');
      default: throw new Error('tags are not allowed');
    }
  };
  var utf8 = new TextDecoder('utf-8', { fatal: true });
  var cp1258 = null;
  try { cp1258 = new TextDecoder('windows-1258', { fatal: true }); } catch (e) { cp1258 = null; }
  var FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

  function decodeClaims(bytes) {
    var r = new Reader(bytes);
    var top = r.head(true);
    if (top.major !== 5) throw new Error('claims are not a map');
    if (top.v > 64n) throw new Error('too many claims');
    var c = { unknown: [] }, prevKey = null, seenIssue = false;
    function text(field, allowBytes) {
      var h = r.head(true);
      if (h.major === 3) return utf8.decode(r.take(h.v));
      if (h.major === 2 && allowBytes) {
        if (!cp1258) throw new Error('this browser cannot read the windows-1258 text form');
        return cp1258.decode(r.take(h.v)).normalize('NFC');
      }
      throw new Error('claim ' + field + ' must be text');
    }
    function day(field) {
      var h = r.head(true);
      if ((h.major !== 0 && h.major !== 1) || h.ai > 26) throw new Error('claim ' + field + ' must be a day number');
      return h.major === 0 ? Number(h.v) : -1 - Number(h.v);
    }
    for (var i = 0n; i < top.v; i++) {
      var start = r.p;
      var kh = r.head(true);
      if (kh.major !== 0 && kh.major !== 1) throw new Error('claim keys are integers');
      var keyBytes = bytes.subarray(start, r.p);
      if (prevKey && compareBytes(prevKey, keyBytes) >= 0) throw new Error('not deterministic (keys unsorted or repeated)');
      prevKey = keyBytes;
      var key = kh.major === 0 ? kh.v : -1n - kh.v;
      switch (Number(key)) {
        case 1: c.serial = text('serial', false); break;
        case 2: c.name = text('name', true); break;
        case 3: c.birth_date = day('birth_date'); break;
        case 4: c.programme = text('programme', true); break;
        case 5: c.issue_date = day('issue_date'); seenIssue = true; break;
        case 6: c.course_start = day('course_start'); break;
        case 7: c.course_end = day('course_end'); break;
        case 8: c.result = text('result', true); break;
        case 9: c.programme_code = text('programme_code', false); break;
        case 10: c.registry_number = text('registry_number', false); break;
        case 15: c.signing_date = day('signing_date'); break;
        case -1: c.birth_year = day('birth_year'); break;
        default:
          var vs = r.p;
          r.skip(0);
          c.unknown.push({ key: key.toString(), raw: hex(bytes.subarray(vs, r.p)) });
      }
    }
    if (r.p !== bytes.length) throw new Error('trailing bytes after the claims');
    if (!seenIssue) throw new Error('required claim 5 (issue date) is missing');
    if (!c.serial) throw new Error('required claim 1 (serial) is missing');
    if (!c.name) throw new Error('required claim 2 (name) is missing');
    if (enc.encode(c.serial).length > 32) throw new Error('serial is too long');
    ['serial', 'name', 'programme', 'result', 'programme_code', 'registry_number'].forEach(function (f) {
      if (c[f] === undefined) return;
      if (enc.encode(c[f]).length > 400) throw new Error('claim ' + f + ' is too long');
      var m = FORBIDDEN.exec(c[f]);
      if (m) throw new Error('claim ' + f + ' contains the control character U+' + m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
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
  function judge(digits, trust) {
    var token;
    try { token = parseToken(digits); } catch (e) { return Promise.resolve({ verdict: 'malformed', why: e.message }); }
    var kid = hex(token.kid);
    var candidates = trust.keys.filter(function (k) { return k.kid === kid; });
    if (!candidates.length) return Promise.resolve({ verdict: 'unknown_key', why: 'key ' + kid });
    var alg = token.header === 0x11 ? 'ES256' : 'Ed25519';
    var matching = candidates.filter(function (k) { return k.alg === alg; });
    if (!matching.length) return Promise.resolve({ verdict: 'invalid', why: 'algorithm mismatch' });
    if (alg !== 'ES256') return Promise.resolve({ verdict: 'malformed', why: 'Ed25519 codes are not supported' });
    var tbs = sigStructure(token.kid, token.claims);
    return Promise.all(matching.map(function (k) {
      return k.key ? verifyEs256(k.key, token.sig, tbs).catch(function () { return false; }) : false;
    })).then(function (oks) {
      var i = oks.indexOf(true);
      if (i < 0) return { verdict: 'invalid', why: 'signature' };
      var entry = matching[i].entry;
      var claims;
      try { claims = decodeClaims(token.claims); } catch (e) { return { verdict: 'malformed', why: e.message }; }
      if (entry.status === 'compromised') return { verdict: 'invalid', why: 'compromised key' };
      var rid = sha256(concat([enc.encode('VNCERT-REV-v1'), token.sig.subarray(0, 32)]));
      return rid.then(function (d) {
        var id = bytesToB64u(d.subarray(0, 16));
        var list = trust.revocations;
        var hit = list ? list.entries.filter(function (e) { return e.rid === id; })[0] : null;
        return { verdict: hit ? 'revoked' : 'valid', claims: claims, revoked: hit || null, list: list ? list.issued_at : null };
      });
    });
  }

  // ---- showing it --------------------------------------------------------------------------------
  // The words of the page, in both languages (kept as data, out of the script: see site.rs).
  var T = JSON.parse(document.getElementById('texts').textContent);
  var lang = 'vi';
  var state = { verdict: 'checking' };
  var trustShown = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function rows(c) {
    var out = [['serial', c.serial], ['name', c.name]];
    if (c.birth_date !== undefined) out.push(['birth_date', dmy(c.birth_date)]);
    if (c.birth_year !== undefined) out.push(['birth_year', String(c.birth_year)]);
    if (c.programme !== undefined) out.push(['programme', c.programme]);
    out.push(['issue_date', dmy(c.issue_date)]);
    if (c.course_start !== undefined) out.push(['course_start', dmy(c.course_start)]);
    if (c.course_end !== undefined) out.push(['course_end', dmy(c.course_end)]);
    if (c.result !== undefined) out.push(['result', c.result]);
    if (c.programme_code !== undefined) out.push(['programme_code', c.programme_code]);
    if (c.registry_number !== undefined) out.push(['registry_number', c.registry_number]);
    if (c.signing_date !== undefined) out.push(['signing_date', dmy(c.signing_date)]);
    c.unknown.forEach(function (u) { out.push(['unknown', u.key + ': ' + u.raw]); });
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
    document.title = head[0] + ' – ' + t.title;
    // Claims and the issuer only for a genuine signature (valid or revoked).
    if (state.claims && (state.verdict === 'valid' || state.verdict === 'revoked')) {
      if (state.verdict === 'revoked' && state.revoked) {
        var r = state.revoked;
        main.appendChild(el('p', 'revoked-line', t.revokedOn + ' ' + isoDay(r.date) + ' — ' + t.reason + ': ' + (t.reasons[r.reason] ? t.reasons[r.reason] + ' (' + r.reason + ')' : r.reason)));
      }
      var iss = el('section', 'issuer');
      iss.appendChild(el('h2', null, t.issuer));
      iss.appendChild(el('p', 'issuer-name', trustShown.manifest.issuer.name_vi));
      iss.appendChild(el('p', 'issuer-domain', trustShown.manifest.issuer.domain));
      main.appendChild(iss);
      var dl = el('dl', 'claims');
      rows(state.claims).forEach(function (row) {
        var div = el('div', 'claim claim-' + row[0]);
        div.appendChild(el('dt', null, t.labels[row[0]]));
        div.appendChild(el('dd', null, row[1]));
        dl.appendChild(div);
      });
      main.appendChild(dl);
      main.appendChild(el('p', 'compare', t.compare));
      main.appendChild(el('p', 'list-date', state.list ? t.listDate + ' ' + isoDay(state.list) : t.noList));
    }
    document.getElementById('privacy').textContent = t.privacy;
    document.getElementById('lang').textContent = t.other;
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
  render();
  // For the tests and the test harness: the same steps on any code, without the page around them.
  window.vncert = { loadTrust: loadTrust, judge: judge };
  if (document.documentElement.dataset.harness) return;
  if (!fragment) { finish({ verdict: 'no_code' }); }
  else if (!subtle || typeof BigInt === 'undefined') { finish({ verdict: 'malformed', why: 'browser too old' }); }
  else {
    loadTrust().then(function (trust) {
      trustShown = trust;
      return judge(fragment, trust);
    }).then(finish, function (e) { finish({ verdict: 'malformed', why: String(e && e.message) }); });
  }
  if ('serviceWorker' in navigator && (location.protocol === 'https:' || location.hostname === '127.0.0.1' || location.hostname === 'localhost')) {
    navigator.serviceWorker.register(base + 'sw.js', { scope: base }).catch(function () {});
  }
})();
