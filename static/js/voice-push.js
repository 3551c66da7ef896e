/* City news by Web Push (merchant settings page): subscribe this browser with the city's service worker and
   the server's VAPID key, or unsubscribe it. The API takes JSON and the CSRF token in X-CSRFToken.
   Without JavaScript, push support or permission the buttons stay hidden and the page says why. */
(function () {
  "use strict";
  var box = document.querySelector("[data-push]");
  if (!box) return;
  var status = box.querySelector("[data-push-status]");
  var on = box.querySelector("[data-push-on]");
  var off = box.querySelector("[data-push-off]");
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;

  function text(name) { return box.querySelector("[data-text-" + name + "]").textContent; }

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function send(method, body) {
    return fetch(box.dataset.subscriptionsUrl, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": box.dataset.csrf },
      body: JSON.stringify(body)
    }).then(function (response) { if (!response.ok) throw new Error(String(response.status)); });
  }

  function show(subscribed) {
    if (Notification.permission === "denied") {
      status.textContent = text("denied");
      on.hidden = true;
      off.hidden = true;
      return;
    }
    status.textContent = text(subscribed ? "on" : "off");
    on.hidden = subscribed;
    off.hidden = !subscribed;
  }

  navigator.serviceWorker.register(box.dataset.sw, { scope: box.dataset.scope }).then(function (reg) {
    return reg.pushManager.getSubscription().then(function (current) {
      show(Boolean(current));
      on.addEventListener("click", function () {
        on.disabled = true;
        Notification.requestPermission().then(function (permission) {
          if (permission !== "granted") { show(false); return null; }
          return reg.pushManager.subscribe({ userVisibleOnly: true,
                                             applicationServerKey: keyBytes(box.dataset.vapidKey) })
            .then(function (sub) { return send("POST", sub.toJSON()); })
            .then(function () { show(true); });
        }).catch(function () { show(false); }).then(function () { on.disabled = false; });
      });
      off.addEventListener("click", function () {
        off.disabled = true;
        reg.pushManager.getSubscription().then(function (sub) {
          if (!sub) return null;
          return send("DELETE", { endpoint: sub.endpoint }).then(function () {
            return sub.unsubscribe();
          });
        }).then(function () { show(false); }).catch(function () { show(true); })
          .then(function () { off.disabled = false; });
      });
    });
  }).catch(function () { /* no worker: the page keeps its "needs a supporting browser" line */ });
})();
