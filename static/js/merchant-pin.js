/* Merchant profile form: place the shop's pin by tapping the map (fills the lat/lon fields),
   or use the phone's location. Without JavaScript the two fields are typed in by hand. */
(function () {
  "use strict";
  var el = document.getElementById("pin-map");
  var lat = document.getElementById("lat");
  var lon = document.getElementById("lon");
  if (!el || !lat || !lon || !window.L || !window.KickMap) return;

  var start = lat.value && lon.value ? [parseFloat(lat.value), parseFloat(lon.value)]
                                     : [parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)];
  var map = KickMap.create(el, { centre: start, zoom: lat.value ? 18 : 16 });
  var marker = null;

  function place(latlng, pan) {
    lat.value = latlng.lat.toFixed(6);
    lon.value = latlng.lng.toFixed(6);
    if (marker) marker.setLatLng(latlng);
    else {
      marker = L.marker(latlng, { draggable: true, alt: el.dataset.label }).addTo(map);
      marker.on("dragend", function () { place(marker.getLatLng(), false); });
    }
    if (pan) map.panTo(latlng);
  }

  if (lat.value && lon.value) place(L.latLng(start[0], start[1]), false);
  map.on("click", function (e) { place(e.latlng, false); });
  [lat, lon].forEach(function (input) {
    input.addEventListener("change", function () {
      var a = parseFloat(lat.value), b = parseFloat(lon.value);
      if (isFinite(a) && isFinite(b)) place(L.latLng(a, b), true);
    });
  });

  var locate = document.getElementById("pin-locate");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        place(L.latLng(pos.coords.latitude, pos.coords.longitude), true);
        map.setZoom(18);
      });
    });
  }
})();
