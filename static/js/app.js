/* KICK City app shell: registers the city's service worker, offers "reload" when a new version
 * is ready, shows the install button (beforeinstallprompt) or the iOS "Add to Home Screen" hint,
 * and tells the visitor when they are offline. Everything here only enhances: pages work without it.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var DISMISS_KEY = 'kick-install-dismissed';
  var DISMISS_DAYS = 30;

  function $(selector) { return document.querySelector(selector); }
  function show(el) { if (el) el.hidden = false; }
  function hide(el) { if (el) el.hidden = true; }

  // ---------------------------------------------------------------- service worker + updates
  function registerWorker() {
    if (!('serviceWorker' in navigator) || !script || !script.dataset.sw) return;
    navigator.serviceWorker.register(script.dataset.sw, { scope: script.dataset.scope }).then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) offerReload(reg.waiting);
      reg.addEventListener('updatefound', function () {
        var worker = reg.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function () {
          // A worker installed while another controls the page is an update, not a first visit.
          if (worker.state === 'installed' && navigator.serviceWorker.controller) offerReload(worker);
        });
      });
    }).catch(function () { /* private mode or blocked: the site works as a plain website */ });

    var reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (reloading || !window.__kickReloadRequested) return;
      reloading = true;
      window.location.reload();
    });
  }

  function offerReload(worker) {
    var toast = $('[data-pwa-update]');
    if (!toast) return;
    show(toast);
    var button = toast.querySelector('[data-pwa-reload]');
    button.addEventListener('click', function () {
      window.__kickReloadRequested = true;
      button.disabled = true;
      worker.postMessage({ type: 'SKIP_WAITING' });
    }, { once: true });
  }

  // ---------------------------------------------------------------- install prompt and iOS hint
  function dismissedRecently() {
    var at = Number(KickStore.get(DISMISS_KEY, 0)) || 0;
    return at && Date.now() - at < DISMISS_DAYS * 864e5;
  }

  function remember() { KickStore.set(DISMISS_KEY, Date.now()); }  // stored as the same digits as before

  function isStandalone() {
    return window.matchMedia('(display-mode: standalone)').matches || window.navigator.standalone === true;
  }

  function setupInstall() {
    var card = $('[data-pwa-install]');
    var ios = $('[data-pwa-ios]');
    var deferred = null;

    document.querySelectorAll('[data-pwa-dismiss]').forEach(function (button) {
      button.addEventListener('click', function () { remember(); hide(card); hide(ios); });
    });

    window.addEventListener('beforeinstallprompt', function (event) {
      event.preventDefault();  // show our own button instead of the mini-infobar
      deferred = event;
      // Offer it on the city's home page only: elsewhere the visitor is busy with something.
      if (!dismissedRecently() && card && location.pathname === script.dataset.scope) show(card);
    });
    window.addEventListener('appinstalled', function () { hide(card); deferred = null; });

    var button = $('[data-pwa-install-button]');
    if (button) {
      button.addEventListener('click', function () {
        if (!deferred) return;
        deferred.prompt();
        deferred.userChoice.then(function () { hide(card); deferred = null; });
      });
    }

    // iOS Safari has no install prompt: explain the Share sheet once.
    var ua = navigator.userAgent;
    var isIOS = /iPhone|iPad|iPod/.test(ua) || (ua.indexOf('Macintosh') >= 0 && navigator.maxTouchPoints > 1);
    if (isIOS && !isStandalone() && !dismissedRecently() && ios && location.pathname === script.dataset.scope) show(ios);
  }

  // ---------------------------------------------------------------- offline notice
  function setupOfflineNotice() {
    var notice = $('[data-pwa-offline]');
    function update() { if (navigator.onLine) hide(notice); else show(notice); }
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    update();
  }

  // The offline fallback page stands in for the page asked for (a trail, a scan link): load that
  // page by itself as soon as the connection is back, so an offline scan is retried, not lost.
  function setupReloadWhenOnline() {
    if (!$('[data-reload-when-online]')) return;
    // On a scan link (<scope>s/<code>) the offline page says what happens to the stamp.
    var scope = script && script.dataset.scope;
    if (scope && location.pathname.indexOf(scope + 's/') === 0) {
      document.querySelectorAll('[data-offline-for]').forEach(function (el) {
        el.hidden = el.getAttribute('data-offline-for') !== 'scan';
      });
      var title = $('[data-scan-title]');
      if (title) title.textContent = title.getAttribute('data-scan-title');
    }
    var pending = null;
    // A connection that flickers back for a moment (a train, a basement shop) must not reload the page
    // away under the shopper's thumb: reload only when it is still there a second later.
    window.addEventListener('online', function () {
      clearTimeout(pending);
      pending = setTimeout(function () { if (navigator.onLine) window.location.reload(); }, 1000);
    });
  }

  registerWorker();
  setupInstall();
  setupOfflineNotice();
  setupReloadWhenOnline();
}());
