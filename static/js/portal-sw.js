/* The beneficiary portal's service worker (served at /supplier/sw.js, so its scope is the portal only).
 *
 * Portal pages are fetched from the network first and kept, so a beneficiary whose workshop loses
 * the connection still opens the portal from the home screen and sees her last pages; the photos she
 * picks meanwhile wait in IndexedDB (static/js/upload.js). Static files are served from the cache and
 * refreshed behind. Nothing but GET is ever cached, and a logged-out portal (a redirect to the login
 * page) empties the cache: the logout answer also clears it (Clear-Site-Data).
 */
"use strict";

var PAGES = "portal-pages-v1";
var FILES = "portal-files-v1";

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== PAGES && n !== FILES; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

/* The portal, in whichever language's address it was installed from (/supplier/, /ar/supplier/ …). */
function inScope(href) {
  return href.indexOf(self.registration.scope) === 0;
}

function isPortalPage(request) {
  return request.mode === "navigate" && inScope(request.url);
}

function pageFromNetwork(request) {
  return fetch(request).then(function (response) {
    var loggedOut = response.redirected && !inScope(response.url);
    if (loggedOut) {
      caches.delete(PAGES);
    } else if (response.ok) {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  });
}

function pageOffline(request) {
  return caches.open(PAGES).then(function (cache) {
    return cache.match(request).then(function (hit) { return hit || cache.match(new URL("./", self.registration.scope).href); });
  }).then(function (hit) {
    return hit || new Response("<!doctype html><title>Offline</title><p>Offline.</p>",
      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
  });
}

function fileFromCache(request) {
  return caches.open(FILES).then(function (cache) {
    return cache.match(request).then(function (hit) {
      var fresh = fetch(request).then(function (response) {
        if (response.ok) { cache.put(request, response.clone()); }
        return response;
      });
      if (hit) { fresh.catch(function () { /* offline: the kept copy serves */ }); return hit; }
      return fresh;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (isPortalPage(request)) {
    event.respondWith(pageFromNetwork(request).catch(function () { return pageOffline(request); }));
  } else if (url.pathname.indexOf("/static/") === 0 || url.pathname.indexOf("/media/") === 0) {
    event.respondWith(fileFromCache(request));
  }
});
