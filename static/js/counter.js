// Counter display: keeps the QR code fresh (new code every step, right away after a stamp),
// shows a thank-you after each stamp and keeps the screen awake.
(function () {
  "use strict";
  var root = document.querySelector("[data-counter]");
  if (!root) return;
  var img = root.querySelector("[data-qr]");
  var numeric = root.querySelector("[data-numeric]");
  var timer = root.querySelector("[data-timer]");
  var status = root.querySelector("[data-status]");
  var today = root.querySelector("[data-today]");
  var pollUrl = root.getAttribute("data-poll-url");
  var step = Number(root.getAttribute("data-step"));
  var expiresAt = Date.parse(root.getAttribute("data-expires-at"));
  // The bar runs on the server's clock (times carry their offset; the till's clock may be set wrong).
  var serverNow = Date.parse(root.getAttribute("data-now"));
  var skew = isNaN(serverNow) ? 0 : serverNow - Date.now();
  var stepMs = Number(root.getAttribute("data-step-seconds")) * 1000 || 30000;
  var todayTemplate = root.getAttribute("data-today-template") || "";
  var stampsToday = null;
  var thanksTimer = null;
  var POLL_MS = 2000;

  function show(data) {
    if (data.step !== step) {
      step = data.step;
      img.src = data.image_url;
      numeric.textContent = data.numeric_code.slice(0, 3) + " " + data.numeric_code.slice(3);
    }
    expiresAt = Date.parse(data.expires_at);
    if (stampsToday !== null && data.stamps_today > stampsToday) thank();
    stampsToday = data.stamps_today;
    today.textContent = todayTemplate.replace("{n}", data.stamps_today);
    status.classList.remove("is-offline");
    if (!thanksTimer) status.textContent = "";
  }

  function thank() {
    root.classList.add("is-thanks");
    status.classList.add("is-thanks");
    status.textContent = root.getAttribute("data-thanks");
    clearTimeout(thanksTimer);
    thanksTimer = setTimeout(function () {
      root.classList.remove("is-thanks");
      status.classList.remove("is-thanks");
      status.textContent = "";
      thanksTimer = null;
    }, 4000);
  }

  function poll() {
    fetch(pollUrl, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(show)
      .catch(function () {
        status.classList.add("is-offline");
        status.textContent = root.getAttribute("data-offline");
      });
  }

  function tick() {
    var left = expiresAt - (Date.now() + skew);
    timer.style.transform = "scaleX(" + Math.max(0, Math.min(1, left / stepMs)) + ")";
    requestAnimationFrame(tick);
  }

  function keepAwake() {
    if (navigator.wakeLock && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").catch(function () {});
    }
  }

  poll();
  setInterval(poll, POLL_MS);
  requestAnimationFrame(tick);
  keepAwake();
  document.addEventListener("visibilitychange", function () { keepAwake(); if (document.visibilityState === "visible") poll(); });
})();
