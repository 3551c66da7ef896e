/* Getting there (/<city>/bereikbaarheid): the map of every place (map.js with all layers on), and "nearest to
 * me": the phone's location sorts the list (sent as ?lat=&lon= to this page only, never stored). Without
 * JavaScript the list is sorted from the centre and the map stays hidden. */
(function () {
  "use strict";

  function map() {
    var el = document.getElementById("access-map");
    var data = document.getElementById("access-points");
    if (!el || !window.KickMap) return;
    var points = data ? JSON.parse(data.textContent) : [];
    window.KickMap.create(el, { bounds: points.map(function (p) { return [p.lat, p.lon]; }), padding: 20 });
  }

  function locate() {
    var form = document.querySelector("[data-access-near]");
    if (!form || !navigator.geolocation) return;
    var button = form.querySelector("[data-access-locate]");
    var status = form.querySelector("[data-access-status]");
    button.hidden = false;
    form.addEventListener("submit", function (event) {
      if (form.elements.lat.value) return;
      event.preventDefault();
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(5);
        form.elements.lon.value = position.coords.longitude.toFixed(5);
        form.submit();
      }, function () {
        status.textContent = button.dataset.denied;
        status.hidden = false;
      }, { timeout: 10000, maximumAge: 60000 });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    map();
    locate();
  });
}());
