/* "Nearby" on the shop list: asks the browser where the phone is and sorts the cards by walking-crow distance
 * from the lat/lon each card carries. The position never leaves the phone (no request, nothing in a URL or a
 * log), and the list is complete on the page, so sorting here needs no server. Refused or unknown: a message,
 * and the list stays as it was. Pressed again: the original order comes back.
 */
(function () {
  "use strict";

  var button = document.getElementById("shops-near");
  var list = document.querySelector(".shop-list");
  var status = document.getElementById("shops-tool-status");
  if (!button || !list || !status || !("geolocation" in navigator)) {
    return;
  }
  var original = Array.prototype.slice.call(list.children);
  var lang = document.documentElement.lang || "nl";

  function say(text) {
    status.textContent = text || "";
  }

  function metres(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLon = (lon2 - lon1) * rad;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 6371000 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  function distanceText(m) {
    if (m < 1000) {
      return Math.max(10, Math.round(m / 10) * 10) + " m";
    }
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(m / 1000) + " km";
  }

  function clearDistances() {
    list.querySelectorAll(".shop-distance").forEach(function (el) {
      el.remove();
    });
  }

  function sortFrom(lat, lon) {
    clearDistances();
    var cards = original.map(function (card, index) {
      var has = card.dataset.lat !== undefined && card.dataset.lon !== undefined;
      var d = has ? metres(lat, lon, Number(card.dataset.lat), Number(card.dataset.lon)) : Infinity;
      return { card: card, d: d, index: index };
    });
    cards.sort(function (a, b) {
      return a.d === b.d ? a.index - b.index : a.d - b.d;
    });
    cards.forEach(function (item) {
      if (item.d !== Infinity) {
        var line = document.createElement("p");
        line.className = "meta shop-distance";
        line.textContent = button.dataset.away.replace("__D__", distanceText(item.d));
        var body = item.card.querySelector(".card-body");
        (body || item.card).appendChild(line);
      }
      list.appendChild(item.card);
    });
  }

  function restore() {
    clearDistances();
    original.forEach(function (card) {
      list.appendChild(card);
    });
  }

  button.hidden = false;
  button.parentElement.hidden = false;
  button.addEventListener("click", function () {
    if (button.getAttribute("aria-pressed") === "true") {
      button.setAttribute("aria-pressed", "false");
      restore();
      say("");
      return;
    }
    say(status.dataset.locating);
    button.setAttribute("aria-busy", "true");
    navigator.geolocation.getCurrentPosition(function (position) {
      button.removeAttribute("aria-busy");
      sortFrom(position.coords.latitude, position.coords.longitude);
      button.setAttribute("aria-pressed", "true");
      say(status.dataset.sorted);
    }, function (error) {
      button.removeAttribute("aria-busy");
      say(error.code === 1 ? status.dataset.denied : status.dataset.unavailable);
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 });
  });
}());
