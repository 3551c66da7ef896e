/* Trail page: the Leaflet map with numbered stops and the path, "visited" ticks remembered on this
   device, and "Start": follow your position, show the next stop and how far it is.
   The page is complete without this script; it only adds to it. */
(function () {
  "use strict";
  var dataEl = document.getElementById("trail-data");
  var mapEl = document.getElementById("trail-map");
  if (!dataEl || !mapEl) return;
  var data = JSON.parse(dataEl.textContent);
  var storeKey = "kick:visited:" + data.key;
  var stopEls = Array.prototype.slice.call(document.querySelectorAll(".trail-stop[data-stop]"));
  var markers = {};
  var map = null;

  // ---------------------------------------------------------------- visited stops (this device only)
  var visited = KickStore.list(storeKey);
  function saveVisited() { KickStore.set(storeKey, visited); }  // storage off (private mode): kept in memory
  function isVisited(n) { return visited.indexOf(n) !== -1; }
  function allVisited() { return data.stops.every(function (s) { return isVisited(s.n); }); }
  // Anonymous counters (static/js/figures.js): a walk started, all its stops visited.
  function figure(kind) { document.dispatchEvent(new CustomEvent("kick:figure", { detail: { kind: kind } })); }
  function setVisited(n, on) {
    var wasComplete = allVisited();
    if (on && !isVisited(n)) visited.push(n);
    if (!on) visited = visited.filter(function (v) { return v !== n; });
    saveVisited();
    if (!wasComplete && allVisited()) figure("trail_complete");
    render();
  }

  // ---------------------------------------------------------------- the map
  function markerIcon(stop) {
    var cls = "stop-marker" + (isVisited(stop.n) ? " is-visited" : "") + (stop.n === nextStopNumber() ? " is-next" : "");
    return L.divIcon({ className: "", html: '<span class="' + cls + '">' + stop.n + "</span>", iconSize: [32, 32], iconAnchor: [16, 16] });
  }
  function initMap() {
    if (typeof L === "undefined" || !window.KickMap) return;
    var line = data.line.length >= 2 ? data.line : [];
    map = KickMap.create(mapEl, { bounds: line.concat(data.stops.map(function (s) { return [s.lat, s.lon]; })), padding: 28 });
    if (line.length) {
      // The drawn walking path follows the streets; without one the legs run straight and are dashed.
      L.polyline(line, {
        color: getComputedStyle(document.documentElement).getPropertyValue("--primary").trim() || "#333",
        weight: 5, opacity: 0.85, dashArray: data.drawn ? null : "8 8",
        className: "trail-line " + (data.drawn ? "trail-line-path" : "trail-line-straight")
      }).addTo(map);
    }
    data.stops.forEach(function (stop) {
      // Not in the tab order: the numbered stop list below is the keyboard and screen-reader way in,
      // and close-together markers would otherwise be overlapping touch targets.
      var marker = L.marker([stop.lat, stop.lon], { icon: markerIcon(stop), title: stop.n + ". " + stop.title, keyboard: false, alt: stop.n + ". " + stop.title });
      var link = document.createElement("a");
      link.href = "#stop-" + stop.n;
      link.textContent = stop.n + ". " + stop.title;
      marker.bindPopup(link);
      marker.addTo(map);
      markers[stop.n] = marker;
    });
  }

  // ---------------------------------------------------------------- guiding ("Start")
  var watchId = null;
  var here = null;
  var hereMarker = null;
  var ARRIVED_M = 30;
  var guide = document.querySelector("[data-guide]");
  var guideStatus = document.querySelector("[data-guide-status]");
  var guideNext = document.querySelector("[data-guide-next]");
  var startBtn = document.querySelector('[data-action="start"]');
  var stopBtn = document.querySelector('[data-action="stop"]');

  function haversine(a, b) {
    var R = 6371008.8, rad = Math.PI / 180;
    var dLat = (b[0] - a[0]) * rad, dLon = (b[1] - a[1]) * rad;
    var h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
  }
  function formatDistance(m) {
    if (m < 1000) return Math.round(m / 10) * 10 + " m";
    return (m / 1000).toLocaleString(document.documentElement.lang, { maximumFractionDigits: 1 }) + " km";
  }
  function nextStop() {
    for (var i = 0; i < data.stops.length; i++) if (!isVisited(data.stops[i].n)) return data.stops[i];
    return null;
  }
  function nextStopNumber() { var s = nextStop(); return s ? s.n : null; }

  function onPosition(pos) {
    here = [pos.coords.latitude, pos.coords.longitude];
    if (map) {
      if (!hereMarker) {
        hereMarker = L.marker(here, { icon: L.divIcon({ className: "", html: '<span class="you-are-here"></span>', iconSize: [18, 18], iconAnchor: [9, 9] }), keyboard: false, interactive: false }).addTo(map);
      } else {
        hereMarker.setLatLng(here);
      }
    }
    var next = nextStop();
    if (next && haversine(here, [next.lat, next.lon]) <= ARRIVED_M) setVisited(next.n, true);
    render();
  }
  function onError(err) {
    guideStatus.textContent = err && err.code === 1 ? guide.dataset.denied : guide.dataset.unavailable;
  }
  function start() {
    if (!("geolocation" in navigator)) { guide.hidden = false; onError(null); return; }
    guide.hidden = false;
    startBtn.hidden = true;
    figure("trail_start");
    guideStatus.textContent = guide.dataset.locating;
    watchId = navigator.geolocation.watchPosition(onPosition, onError, { enableHighAccuracy: true, maximumAge: 5000, timeout: 20000 });
    var next = nextStop();
    if (map && next) map.panTo([next.lat, next.lon]);
  }
  function stop() {
    if (watchId !== null) navigator.geolocation.clearWatch(watchId);
    watchId = null;
    guide.hidden = true;
    startBtn.hidden = false;
    if (hereMarker && map) { map.removeLayer(hereMarker); hereMarker = null; }
  }

  // ---------------------------------------------------------------- keep list, markers and guide in step
  function render() {
    var nextN = nextStopNumber();
    stopEls.forEach(function (el) {
      var n = parseInt(el.dataset.stop, 10);
      el.classList.toggle("is-visited", isVisited(n));
      el.classList.toggle("is-next", n === nextN);
      var btn = el.querySelector('[data-action="visited"]');
      if (btn) btn.setAttribute("aria-pressed", isVisited(n) ? "true" : "false");
    });
    data.stops.forEach(function (s) { if (markers[s.n]) markers[s.n].setIcon(markerIcon(s)); });
    if (!guide || guide.hidden) return;
    var next = nextStop();
    if (!next) {
      guideNext.textContent = guide.dataset.done;
      guideStatus.textContent = "";
      return;
    }
    guideNext.textContent = next.n + ". " + next.title + (here ? " — " + formatDistance(haversine(here, [next.lat, next.lon])) : "");
    if (here) guideStatus.textContent = guide.dataset.next;
  }

  stopEls.forEach(function (el) {
    var btn = el.querySelector('[data-action="visited"]');
    if (!btn) return;
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var n = parseInt(el.dataset.stop, 10);
      setVisited(n, !isVisited(n));
    });
  });
  if (startBtn && guide && data.stops.length) {
    startBtn.removeAttribute("data-reserve");
    startBtn.hidden = false;
    startBtn.addEventListener("click", start);
    stopBtn.addEventListener("click", stop);
  }
  initMap();
  render();
}());
