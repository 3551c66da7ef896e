/* Studio trail editor: tap the map to place a new stop, drag stops to reorder them, draw the path.
   Every action also exists as a plain form (the page works without this script). */
(function () {
  "use strict";
  var dataEl = document.getElementById("trail-data");
  var mapEl = document.getElementById("editor-map");
  if (!dataEl || !mapEl) return;
  var data = JSON.parse(dataEl.textContent);
  var primary = getComputedStyle(document.documentElement).getPropertyValue("--primary").trim() || "#333";

  // ---------------------------------------------------------------- confirmations
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  if (typeof L === "undefined" || !window.KickMap) return;
  var hint = document.querySelector("[data-editor-hint]");
  if (hint) hint.hidden = false;

  // ---------------------------------------------------------------- path drawing
  var pathInput = document.querySelector("[data-path-input]");
  var pathTools = document.querySelector("[data-path-tools]");
  var saveBtn = document.querySelector('[data-path="save"]');
  var drawBtn = document.querySelector('[data-path="draw"]');
  var countEl = document.querySelector("[data-path-count]");
  var points = [];
  try { points = JSON.parse(pathInput ? pathInput.value : "[]") || []; } catch { points = []; }
  var maxPoints = 2000;
  var drawing = false;

  var stopPoints = data.stops.map(function (stop) { return [stop.lat, stop.lon]; });
  var map = KickMap.create(mapEl, { bounds: stopPoints.concat(points), padding: 24 });
  data.stops.forEach(function (stop) {
    L.marker([stop.lat, stop.lon], {
      title: stop.n + ". " + stop.title,
      icon: L.divIcon({ className: "", html: '<span class="stop-marker">' + stop.n + "</span>", iconSize: [32, 32], iconAnchor: [16, 16] })
    }).addTo(map);
  });
  var pathLine = L.polyline(points.length >= 2 ? points : data.line, {
    color: primary, weight: 5, opacity: points.length >= 2 ? 0.9 : 0.45, dashArray: points.length >= 2 ? null : "6 8"
  }).addTo(map);

  function pathChanged() {
    pathLine.setLatLngs(points);
    pathLine.setStyle({ opacity: 0.9, dashArray: null });
    pathInput.value = JSON.stringify(points);
    saveBtn.hidden = false;
    countEl.textContent = points.length + " / " + maxPoints;
  }
  if (pathTools && pathInput) {
    pathTools.hidden = false;
    drawBtn.addEventListener("click", function () {
      drawing = !drawing;
      drawBtn.setAttribute("aria-pressed", drawing ? "true" : "false");
      mapEl.classList.toggle("is-drawing", drawing);
      // The button sits below the map: bring the map back into view to draw on it.
      if (drawing) {
        var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        mapEl.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "center" });
      }
    });
    document.querySelector('[data-path="from-stops"]').addEventListener("click", function () {
      points = data.stops.map(function (s) { return [s.lat, s.lon]; });
      pathChanged();
    });
    document.querySelector('[data-path="undo"]').addEventListener("click", function () {
      points.pop();
      pathChanged();
    });
  }

  // ---------------------------------------------------------------- tap to place a new stop
  var addForm = document.getElementById("add-stop");
  var latInput = document.getElementById("stop-lat");
  var lonInput = document.getElementById("stop-lon");
  var titleInput = document.getElementById("stop-title_nl");
  var newMarker = null;
  map.on("click", function (event) {
    var lat = Math.round(event.latlng.lat * 1e6) / 1e6;
    var lon = Math.round(event.latlng.lng * 1e6) / 1e6;
    if (drawing) {
      if (points.length < maxPoints) points.push([lat, lon]);
      pathChanged();
      return;
    }
    if (!addForm || !latInput) return;
    latInput.value = lat;
    lonInput.value = lon;
    if (!newMarker) {
      newMarker = L.marker([lat, lon], {
        icon: L.divIcon({ className: "", html: '<span class="stop-marker is-draft">+</span>', iconSize: [32, 32], iconAnchor: [16, 16] })
      }).addTo(map);
    } else {
      newMarker.setLatLng([lat, lon]);
    }
    addForm.classList.add("is-placing");
    if (titleInput) titleInput.focus({ preventScroll: window.innerWidth > 700 });
  });

  // ---------------------------------------------------------------- drag to reorder
  var list = document.querySelector(".editor-stops");
  if (!list) return;
  var dragged = null;
  var items = function () { return Array.prototype.slice.call(list.querySelectorAll(".editor-stop")); };
  items().forEach(function (item) {
    var handle = item.querySelector(".drag-handle");
    if (handle) handle.hidden = false;
    item.draggable = true;
    item.addEventListener("dragstart", function (event) {
      dragged = item;
      item.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.dataset.stopId);
    });
    item.addEventListener("dragend", function () {
      item.classList.remove("is-dragging");
      items().forEach(function (i) { i.classList.remove("is-drop-target"); });
    });
    item.addEventListener("dragover", function (event) {
      if (!dragged || dragged === item) return;
      event.preventDefault();
      item.classList.add("is-drop-target");
    });
    item.addEventListener("dragleave", function () { item.classList.remove("is-drop-target"); });
    item.addEventListener("drop", function (event) {
      event.preventDefault();
      item.classList.remove("is-drop-target");
      if (!dragged || dragged === item) return;
      var all = items();
      if (all.indexOf(dragged) < all.indexOf(item)) item.after(dragged); else item.before(dragged);
      saveOrder();
    });
  });

  function saveOrder() {
    var body = new FormData();
    body.append("csrf_token", document.querySelector('input[name="csrf_token"]').value);
    body.append("version", document.querySelector("input[data-version]").value);
    body.append("order", items().map(function (i) { return i.dataset.stopId; }).join(","));
    fetch(list.dataset.orderUrl, { method: "POST", body: body, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (json) { return { ok: response.ok, json: json }; });
      })
      .then(function (result) {
        if (!result.ok) {
          window.alert(result.json.detail || "");
          window.location.reload();
          return;
        }
        document.querySelectorAll("input[data-version]").forEach(function (input) { input.value = result.json.version; });
        items().forEach(function (item, index) {
          item.querySelector(".stop-number").textContent = index + 1;
          var up = item.querySelector('input[name="direction"][value="up"]');
          var down = item.querySelector('input[name="direction"][value="down"]');
          if (up) up.form.querySelector("button").disabled = index === 0;
          if (down) down.form.querySelector("button").disabled = index === items().length - 1;
        });
        // Map markers carry the old numbers: reload quietly keeps everything consistent.
        window.location.reload();
      })
      .catch(function () { window.location.reload(); });
  }
}());
