// Keeps the verification page and the issuer's lists for offline use after the first visit.
// Network first (a newer revocation list matters more than speed), the cached copy when offline.
'use strict';
var CACHE = 'vncert-{{VERSION}}';
var FILES = ['c/', '.well-known/vncert/trust.json', '.well-known/vncert/trust.json.sig',
  '.well-known/vncert/revoked.json', '.well-known/vncert/revoked.json.sig'];
self.addEventListener('install', function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(FILES); }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener('fetch', function (e) {
  var req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== location.origin) return;
  e.respondWith(fetch(req).then(function (res) {
    if (res.ok) { var copy = res.clone(); caches.open(CACHE).then(function (c) { c.put(req, copy); }); }
    return res;
  }).catch(function () {
    return caches.match(req, { ignoreSearch: true }).then(function (hit) {
      if (hit) return hit;
      var path = new URL(req.url).pathname;
      if (/\/c(\/|\/index\.html|\.html)?$/.test(path)) return caches.match('c/');
      return Response.error();
    });
  }));
});
