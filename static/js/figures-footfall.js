/* Studio, footfall counters: the counting points on a map (each marker links to its point), and on a
   point's form a pin placed by tapping the map (it fills the latitude and longitude fields).
   Without JavaScript the list and the two fields do the same. */
(function () {
  "use strict";
  if (!window.L || !window.KickMap) return;

  var overview = document.getElementById("footfall-map");
  var dataEl = document.getElementById("footfall-points");
  if (overview && dataEl) {
    var points = JSON.parse(dataEl.textContent);
    var map = KickMap.create(overview, { bounds: points.map(function (p) { return [p.lat, p.lon]; }), padding: 36 });
    points.forEach(function (p) {
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.name + " (" + p.code + ")";
      // The list below the map is the keyboard way in; markers stay out of the tab order.
      L.marker([p.lat, p.lon], { title: p.name, alt: p.name, keyboard: false }).bindPopup(link).addTo(map);
    });
  }

  var pin = document.getElementById("footfall-pin");
  var lat = document.getElementById("lat");
  var lon = document.getElementById("lon");
  if (!pin || !lat || !lon) return;
  function typed() {
    var a = parseFloat(lat.value.replace(",", ".")), b = parseFloat(lon.value.replace(",", "."));
    return isFinite(a) && isFinite(b) ? L.latLng(a, b) : null;
  }
  var start = typed();
  var pinMap = KickMap.create(pin, start ? { centre: start, zoom: 18 } : {});
  var marker = null;
  function place(latlng, pan) {
    if (marker) marker.setLatLng(latlng);
    else {
      marker = L.marker(latlng, { draggable: true, alt: pin.dataset.label }).addTo(pinMap);
      marker.on("dragend", function () { fill(marker.getLatLng()); });
    }
    if (pan) pinMap.panTo(latlng);
  }
  function fill(latlng) {
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
  }
  if (start) place(start, false);
  pinMap.on("click", function (e) { fill(e.latlng); place(e.latlng, false); });
  [lat, lon].forEach(function (input) {
    input.addEventListener("change", function () { var at = typed(); if (at) place(at, true); });
  });
}());
