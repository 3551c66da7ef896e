/* Queue a form POST made without a connection and send it again when the phone is back online.
 *
 * Use: <form method="post" data-offline-queue data-offline-label="Stamp at De Kaasboer"> ... </form>
 * (data-offline-queued="..." replaces the generic "we will send this" text for that form).
 * (or call window.KickQueue.submit(form) yourself). The form is sent with fetch; if the network
 * fails, {url, body, label, at} is kept on the device (KickStore, localStorage) and the visitor is told it will be retried.
 * On the next "online" event, or the next page load with a connection, every entry is sent again.
 * The server decides as usual at that moment (a code may have expired): its answer is shown.
 * Successful answers navigate like the form would have; refused ones (4xx) are dropped with the
 * server's message; server errors and network errors stay queued.
 */
(function () {
  'use strict';
  var KEY = 'kick-offline-queue';
  var MAX_ENTRIES = 20;
  var MAX_AGE_MS = 7 * 864e5;
  var sending = false;

  function load() {
    var now = Date.now();
    return KickStore.list(KEY).filter(function (i) { return i && i.url && now - i.at < MAX_AGE_MS; });
  }

  function save(items) { KickStore.set(KEY, items.slice(-MAX_ENTRIES)); }

  function statusBox() { return document.querySelector('[data-queue-status]'); }

  function tell(kind, extra, href, own) {
    var box = statusBox();
    if (!box) return;
    var text = box.querySelector('[data-queue-text]');
    var link = box.querySelector('[data-queue-link]');
    text.textContent = own || box.dataset[kind] + (extra ? ' ' + extra : '');
    if (link) {
      link.hidden = !href;
      if (href) link.href = href;
    }
    box.hidden = false;
  }

  function post(entry) {
    return fetch(entry.url, {
      method: 'POST', credentials: 'same-origin', redirect: 'follow',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Kick-Retry': entry.retry ? '1' : '0' },
      body: entry.body
    });
  }

  function messageOf(html) {
    try {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var el = doc.querySelector('[data-reason], .field-error, .flash-error, main h1');
      return el ? el.textContent.trim() : '';
    } catch { return ''; }
  }

  function showResponse(response) {
    if (response.redirected) {
      window.location.assign(response.url);
      return Promise.resolve();
    }
    return response.text().then(function (html) {
      // The written page keeps this page's Content-Security-Policy: its scripts are files ('self') and its
      // theme <style> is allowed by hash, the same text (the same town's colours) as this page's.
      document.open();
      document.write(html);
      document.close();
    });
  }

  function submit(form) {
    var entry = {
      url: form.action || window.location.href,
      body: new URLSearchParams(new FormData(form)).toString(),
      label: form.dataset.offlineLabel || document.title,
      at: Date.now()
    };
    var button = form.querySelector('[type=submit]');
    if (button) button.disabled = true;
    return post(entry).then(showResponse, function () {
      var items = load();
      items.push(entry);
      save(items);
      if (button) button.disabled = false;
      // A form may say itself what waiting means for it (data-offline-queued: a scan's code expires).
      tell('queued', entry.label, null, form.dataset.offlineQueued);
    });
  }

  function flush() {
    if (sending || !navigator.onLine) return Promise.resolve();
    var items = load();
    if (!items.length) return Promise.resolve();
    sending = true;
    var keep = [];
    return items.reduce(function (chain, entry) {
      return chain.then(function () {
        entry.retry = true;
        return post(entry).then(function (response) {
          if (response.status >= 500) { keep.push(entry); return; }
          if (response.ok) { tell('sent', entry.label, response.url); return; }
          return response.text().then(function (html) { tell('refused', messageOf(html) || entry.label); });
        }, function () { keep.push(entry); });
      });
    }, Promise.resolve()).then(function () {
      // Entries queued meanwhile (another tab) are kept too.
      var sent = items.filter(function (i) { return keep.indexOf(i) < 0; }).map(function (i) { return i.at + i.url; });
      save(load().filter(function (i) { return sent.indexOf(i.at + i.url) < 0; }));
      sending = false;
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.matches || !form.matches('form[data-offline-queue]') || event.defaultPrevented) return;
    event.preventDefault();
    submit(form);
  });
  window.addEventListener('online', flush);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', flush);
  else flush();

  window.KickQueue = { submit: submit, flush: flush, pending: function () { return load().length; } };
}());
