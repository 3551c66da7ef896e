/* KICK City service worker, one per city (served at /<city>/sw.js, scope /<city>/).
 * self.KICK (city, scope, offline, precache, pageTimeout, version) is written above this code.
 *
 * - install: precache the app shell (fingerprinted CSS/JS, offline and saved pages) in a versioned
 *   cache; the new worker then waits until the page says "reload" (update flow in app.js).
 * - static files with ?v= and /media/ are immutable: cache first.
 * - pages: network first with a timeout; without network a saved copy, else the offline page.
 * - everything else (GeoJSON, tiles): network, falling back to what "save for offline" stored.
 */
'use strict';

var CFG = self.KICK;
var SHELL = 'kick-shell:' + CFG.city + ':' + CFG.version;
var SHELL_PREFIX = 'kick-shell:' + CFG.city + ':';
var STATIC = 'kick-static';   // shared by the cities: fingerprinted URLs never change
var MEDIA = 'kick-media';
var RUNTIME_LIMIT = 120;       // entries per runtime cache, oldest dropped first
var MATCH = { ignoreVary: true };

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return cache.addAll(CFG.precache.map(function (url) {
      return new Request(url, { credentials: 'same-origin', cache: 'reload' });
    }));
  }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(SHELL_PREFIX) === 0 && name !== SHELL;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('message', function (event) {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;  // POSTs go to the network; offline-queue.js retries them
  var url = new URL(request.url);
  if (request.mode === 'navigate') {
    if (url.origin === self.location.origin && url.pathname.indexOf(CFG.scope) === 0) {
      event.respondWith(page(request));
    }
    return;
  }
  if (url.origin === self.location.origin && url.pathname.indexOf('/static/') === 0 && url.searchParams.has('v')) {
    event.respondWith(cacheFirst(request, STATIC));
  } else if (url.origin === self.location.origin && url.pathname.indexOf('/media/') === 0) {
    event.respondWith(cacheFirst(request, MEDIA));
  } else if (url.origin === self.location.origin && url.pathname.indexOf('/api/') === 0) {
    return;  // the API is always live
  } else {
    event.respondWith(networkThenSaved(request));
  }
});

function fromCaches(request) {
  return caches.match(request, MATCH);
}

function cacheFirst(request, name) {
  return fromCaches(request).then(function (hit) {
    if (hit) return hit;
    return fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(name).then(function (cache) { return cache.put(request, copy); }).then(function () { trim(name); });
      }
      return response;
    });
  });
}

function networkThenSaved(request) {
  return fetch(request).catch(function (error) {
    return fromCaches(request).then(function (hit) {
      if (hit) return hit;
      throw error;
    });
  });
}

// Network first. After pageTimeout a saved copy is used if there is one; without a saved copy we
// keep waiting for the network (a slow page beats the offline page), and only a failed fetch
// shows the offline page.
function page(request) {
  return new Promise(function (resolve) {
    var settled = false;
    function finish(response) { if (!settled) { settled = true; resolve(response); } }
    var timer = setTimeout(function () {
      fromCaches(request).then(function (hit) { if (hit) finish(hit); });
    }, CFG.pageTimeout);
    fetch(request).then(function (response) {
      clearTimeout(timer);
      finish(response);
    }).catch(function () {
      clearTimeout(timer);
      fromCaches(request).then(function (hit) {
        return hit || caches.match(CFG.offline, MATCH);
      }).then(function (fallback) {
        finish(fallback || new Response('Offline', { status: 503, headers: { 'Content-Type': 'text/plain' } }));
      });
    });
  });
}

function trim(name) {
  caches.open(name).then(function (cache) {
    return cache.keys().then(function (keys) {
      var extra = keys.length - RUNTIME_LIMIT;
      for (var i = 0; i < extra; i++) cache.delete(keys[i]);
    });
  });
}

// ---------------------------------------------------------------- Web Push (city news to merchants)
// The payload is JSON from app.voice.services.push: {title, body, url, tag}. A click opens the message
// (same origin only), focusing a tab that already shows it.
self.addEventListener('push', function (event) {
  var data = pushData(event);
  event.waitUntil(self.registration.showNotification(data.title || 'KICK', {
    body: data.body || '', tag: data.tag || undefined, data: { url: data.url || CFG.scope }
  }));
});

function pushData(event) {
  if (!event.data) return {};
  try {
    return event.data.json();
  } catch (notJson) {
    return { body: event.data.text(), error: notJson.name };
  }
}

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var target = new URL((event.notification.data && event.notification.data.url) || CFG.scope, self.location.origin);
  if (target.origin !== self.location.origin) target = new URL(CFG.scope, self.location.origin);
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (list) {
    for (var i = 0; i < list.length; i += 1) {
      if (list[i].url === target.href && 'focus' in list[i]) return list[i].focus();
    }
    return self.clients.openWindow(target.href);
  }));
});
