/* "Save for offline" on a trail page, and the list of saved trails (/<city>/saved).
 *
 * A saved trail is one Cache Storage entry set named "kick-trail:<city>:<path>" holding the page,
 * its data (GeoJSON), the scripts and styles it uses, every image on it (stop photos, markers) and
 * the map tiles seen during this visit. The service worker finds them with caches.match().
 * A small JSON record at <path>?offline-meta describes the entry for the saved list.
 */
(function () {
  'use strict';
  var PREFIX = 'kick-trail:';
  var META = 'offline-meta';
  var seenTiles = new Set();

  if (!('caches' in window) || !('serviceWorker' in navigator)) return;

  function cacheName(city, path) { return PREFIX + city + ':' + path; }
  function metaUrl(path) { return path + (path.indexOf('?') >= 0 ? '&' : '?') + META; }

  // Leaflet drops tiles that scroll out of view: remember every tile that loaded on this visit.
  function rememberTile(img) {
    if (img && img.classList && img.classList.contains('leaflet-tile') && img.src) seenTiles.add(img.src);
  }
  document.addEventListener('load', function (event) { rememberTile(event.target); }, true);
  document.querySelectorAll('img.leaflet-tile').forEach(rememberTile);

  function pageResources(dataUrl) {
    var urls = new Set([location.pathname + location.search]);
    if (dataUrl) urls.add(dataUrl);
    document.querySelectorAll('script[src]').forEach(function (el) { urls.add(el.src); });
    document.querySelectorAll('link[rel="stylesheet"][href], link[rel="icon"][href]').forEach(function (el) { urls.add(el.href); });
    document.querySelectorAll('img').forEach(function (img) {
      var src = img.currentSrc || img.src;
      if (src && src.indexOf('data:') !== 0) urls.add(src);
    });
    document.querySelectorAll('[data-offline-extra]').forEach(function (el) { urls.add(el.getAttribute('data-offline-extra')); });
    seenTiles.forEach(function (src) { urls.add(src); });
    return Array.from(urls);
  }

  function store(cache, url) {
    var absolute = new URL(url, location.href);
    var sameOrigin = absolute.origin === location.origin;
    // Tile servers may not send CORS headers: an opaque response is still usable by an <img>.
    var request = new Request(absolute.href, sameOrigin ? { credentials: 'same-origin' } : { mode: 'no-cors' });
    return fetch(request).then(function (response) {
      if (sameOrigin && !response.ok) throw new Error('HTTP ' + response.status);
      return cache.put(request, response);
    });
  }

  function saveTrail(box) {
    var city = box.dataset.city;
    var path = location.pathname;
    var name = cacheName(city, path);
    var urls = pageResources(box.dataset.data);
    return caches.delete(name).then(function () { return caches.open(name); }).then(function (cache) {
      return Promise.allSettled(urls.map(function (url) { return store(cache, url); })).then(function (results) {
        var failed = results.filter(function (r) { return r.status === 'rejected'; }).length;
        // The page itself and its data must be there; a missing tile is acceptable.
        return Promise.all([cache.match(path), box.dataset.data ? cache.match(box.dataset.data) : true]).then(function (must) {
          if (!must[0] || !must[1]) throw new Error('page or data missing');
          var meta = { title: box.dataset.title || document.title, path: path, savedAt: new Date().toISOString(),
                       files: urls.length - failed };
          return cache.put(metaUrl(path), new Response(JSON.stringify(meta), { headers: { 'Content-Type': 'application/json' } }));
        });
      });
    }).catch(function (error) {
      return caches.delete(name).then(function () { throw error; });
    });
  }

  // ---------------------------------------------------------------- trail page button
  function setupSaveButton(box) {
    var button = box.querySelector('[data-offline-save-button]');
    var label = box.querySelector('[data-offline-save-label]');
    var remove = box.querySelector('[data-offline-remove]');
    var status = box.querySelector('[data-offline-save-status]');
    var name = cacheName(box.dataset.city, location.pathname);

    function showSaved(saved) {
      label.textContent = saved ? button.dataset.labelUpdate : button.dataset.labelSave;
      box.classList.toggle('is-saved', saved);
      remove.hidden = !saved;
    }

    box.removeAttribute('data-reserve');
    box.hidden = false;
    caches.has(name).then(showSaved);

    button.addEventListener('click', function () {
      button.disabled = true;
      status.textContent = box.dataset.saving;
      navigator.serviceWorker.ready.then(function () { return saveTrail(box); }).then(function () {
        status.textContent = box.dataset.saved;
        showSaved(true);
      }).catch(function () {
        status.textContent = box.dataset.failed;
        showSaved(false);
      }).then(function () { button.disabled = false; });
    });

    remove.addEventListener('click', function () {
      caches.delete(name).then(function () {
        status.textContent = box.dataset.removed;
        showSaved(false);
        button.focus();
      });
    });
  }

  // ---------------------------------------------------------------- saved list page
  function readSaved(city) {
    var prefix = PREFIX + city + ':';
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf(prefix) === 0; }).map(function (n) {
        var path = n.slice(prefix.length);
        return caches.open(n).then(function (cache) { return cache.match(metaUrl(path)); }).then(function (hit) {
          return hit ? hit.json() : { title: path, path: path };
        }).then(function (meta) { meta.cache = n; return meta; });
      }));
    }).then(function (items) {
      return items.sort(function (a, b) { return String(b.savedAt).localeCompare(String(a.savedAt)); });
    });
  }

  function renderList(box) {
    var status = document.querySelector('[data-offline-list-status]');
    readSaved(box.dataset.city).then(function (items) {
      box.textContent = '';
      if (!items.length) {
        var empty = document.createElement('p');
        empty.className = 'empty';
        empty.textContent = box.dataset.empty;
        box.appendChild(empty);
        return;
      }
      var list = document.createElement('ul');
      list.className = 'card-list saved-items';
      items.forEach(function (item) {
        var li = document.createElement('li');
        li.className = 'card saved-item';
        var body = document.createElement('div');
        body.className = 'card-body';
        var title = document.createElement('h2');
        var link = document.createElement('a');
        link.href = item.path;
        link.textContent = item.title;
        title.appendChild(link);
        body.appendChild(title);
        if (item.savedAt) {
          var meta = document.createElement('p');
          meta.className = 'meta';
          var when = new Date(item.savedAt);
          meta.textContent = box.dataset.savedOn + ' ' + when.toLocaleDateString(document.documentElement.lang) +
            (item.files ? ' · ' + item.files + ' ' + box.dataset.files : '');
          body.appendChild(meta);
        }
        var remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'button button-secondary';
        remove.textContent = box.dataset.remove;
        remove.setAttribute('aria-label', box.dataset.remove + ': ' + item.title);
        remove.addEventListener('click', function () {
          caches.delete(item.cache).then(function () {
            if (status) status.textContent = box.dataset.removed;
            renderList(box);
          });
        });
        body.appendChild(remove);
        li.appendChild(body);
        list.appendChild(li);
      });
      box.appendChild(list);
    });
  }

  document.querySelectorAll('[data-offline-save]').forEach(setupSaveButton);
  document.querySelectorAll('[data-offline-list]').forEach(renderList);
}());
