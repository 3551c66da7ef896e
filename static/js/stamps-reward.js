// Reward screen: a ticking clock and countdown (a screenshot stands still), and it turns into
// "given" as soon as the merchant confirms the code.
//
// Times come with their offset (data-expires-at, data-now: ISO 8601), so they mean the same instant on
// a phone in Brussels or in Auckland. The countdown runs on the server's clock (data-now gives the
// difference to the phone's, which may be set wrong) and the clock shows the city's time (data-time-zone),
// like "Valid until" does. When the code runs out the page offers a new one in place: no reload.
(function () {
  "use strict";
  var root = document.querySelector("[data-reward]");
  if (!root) return;
  var clock = root.querySelector("[data-clock]");
  var countdown = root.querySelector("[data-countdown]");
  var status = root.querySelector("[data-status]");
  var renew = root.querySelector("[data-renew]");
  var expiresAt = Date.parse(root.getAttribute("data-expires-at"));
  var serverNow = Date.parse(root.getAttribute("data-now"));
  var skew = isNaN(serverNow) ? 0 : serverNow - Date.now();
  var url = root.getAttribute("data-status-url");
  var done = false;
  var timers = [];
  var clockFormat = null;
  try {
    clockFormat = new Intl.DateTimeFormat("nl-BE", { hour: "2-digit", minute: "2-digit", second: "2-digit",
      hour12: false, timeZone: root.getAttribute("data-time-zone") || undefined });
  } catch { clockFormat = null; }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var now = new Date(Date.now() + skew);
    clock.textContent = clockFormat ? clockFormat.format(now)
      : pad(now.getHours()) + ":" + pad(now.getMinutes()) + ":" + pad(now.getSeconds());
    if (isNaN(expiresAt)) return;  // never call a code expired on a time we could not read
    var left = Math.max(0, Math.round((expiresAt - now.getTime()) / 1000));
    countdown.textContent = Math.floor(left / 60) + ":" + pad(left % 60);
    if (left === 0 && !done) expire();
  }

  function stop() {
    done = true;
    timers.forEach(clearInterval);
    root.classList.remove("is-live");
  }

  function expire() {
    stop();
    root.classList.add("is-expired");
    status.textContent = root.getAttribute("data-expired-text");
    if (renew) renew.hidden = false;
  }

  function confirmed() {
    stop();
    root.classList.add("is-confirmed");
    status.textContent = root.getAttribute("data-confirmed-text");
    // The server shows the confirmed screen from now on: a single reload, never a loop.
    setTimeout(function () { window.location.reload(); }, 2500);
  }

  function poll() {
    if (done) return;
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.status === "confirmed" && !done) confirmed();
      })
      .catch(function () {});
  }

  tick();
  timers.push(setInterval(tick, 1000));
  timers.push(setInterval(poll, 2500));
})();
