// Reward screen: a ticking clock and countdown (a screenshot stands still), and it turns into
// "given" as soon as the merchant confirms the code.
(function () {
  "use strict";
  var root = document.querySelector("[data-reward]");
  if (!root) return;
  var clock = root.querySelector("[data-clock]");
  var countdown = root.querySelector("[data-countdown]");
  var status = root.querySelector("[data-status]");
  var expiresAt = Date.parse(root.getAttribute("data-expires-at"));
  var url = root.getAttribute("data-status-url");
  var done = false;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var now = new Date();
    clock.textContent = pad(now.getHours()) + ":" + pad(now.getMinutes()) + ":" + pad(now.getSeconds());
    var left = Math.max(0, Math.round((expiresAt - now.getTime()) / 1000));
    countdown.textContent = Math.floor(left / 60) + ":" + pad(left % 60);
    if (left === 0 && !done) finish("is-expired", root.getAttribute("data-expired-text"));
  }

  function finish(cls, text) {
    done = true;
    root.classList.remove("is-live");
    root.classList.add(cls);
    status.textContent = text;
    setTimeout(function () { window.location.reload(); }, 2500);
  }

  function poll() {
    if (done) return;
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.status === "confirmed") finish("is-confirmed", root.getAttribute("data-confirmed-text"));
      })
      .catch(function () {});
  }

  tick();
  setInterval(tick, 1000);
  setInterval(poll, 2500);
})();
