/* Anonymous counters: one page view per page load, and the trail page's "walk started" / "all stops
   visited" (the DOM event "kick:figure", detail {kind, ref}; ref defaults to this page's key).
   Sent with navigator.sendBeacon (fetch with keepalive where a browser refuses a JSON beacon): the server
   reads no cookie and keeps no identifier, only the town, what was seen and the hour.
   - Once per page load: a page restored from the back/forward cache is the same load, not a new view
     (this script's state comes back with it), and each trail event counts once per load.
   - A prerendered page counts when the visitor actually opens it (prerenderingchange), never before.
   - Do Not Track is not asked: nothing here tracks a person (no cookie, no identifier, no address kept).
   Loaded on the visitor pages of a live town by {{ figure_beacon(key) }} (app/figures/beacon.py). */
(function () {
  "use strict";
  var el = document.querySelector("script[data-figures]");
  if (!el) return;
  var url = el.dataset.figures, city = el.dataset.city, page = el.dataset.page;
  var KINDS = { page_view: true, trail_start: true, trail_complete: true };
  var sent = {};

  function post(body) {
    try {
      if (navigator.sendBeacon && navigator.sendBeacon(url, new Blob([body], { type: "application/json" }))) return;
    } catch {
      // a browser that refuses a JSON beacon: fetch below does the same
    }
    if (window.fetch) {
      fetch(url, { method: "POST", body: body, keepalive: true, credentials: "omit",
                   headers: { "Content-Type": "application/json" } }).catch(function () { /* offline: not counted */ });
    }
  }

  function send(kind, ref) {
    var key = kind + " " + ref;
    if (!KINDS[kind] || !ref || sent[key]) return;
    sent[key] = true;
    post(JSON.stringify({ city: city, kind: kind, ref: ref }));
  }

  function pageView() { send("page_view", page); }

  if (document.prerendering) {
    document.addEventListener("prerenderingchange", pageView, { once: true });
  } else if (document.visibilityState === "prerender") {  // the older prerender API
    document.addEventListener("visibilitychange", function shown() {
      if (document.visibilityState === "prerender") return;
      document.removeEventListener("visibilitychange", shown);
      pageView();
    });
  } else {
    pageView();
  }

  document.addEventListener("kick:figure", function (event) {
    var detail = event.detail || {};
    if (detail.kind !== "page_view") send(detail.kind, detail.ref || page);
  });
}());
