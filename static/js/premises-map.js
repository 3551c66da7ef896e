/* Maps for the public premises pages (an enhancement: the pages work without it).
   #premises-map: the listed premises from #premises-map-data; #premise-map: one premise's pin. */
(function () {
  "use strict";
  if (!window.L || !window.KickMap) return;

  function pin() {
    return L.divIcon({ className: "premise-pin", html: "<span></span>", iconSize: [30, 30], iconAnchor: [15, 28], popupAnchor: [0, -26] });
  }

  function popup(point) {
    var wrap = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;  /* textContent: an address never becomes markup */
    link.className = "map-popup-title";
    wrap.appendChild(link);
    if (point.detail) {
      var detail = document.createElement("p");
      detail.textContent = point.detail;
      wrap.appendChild(detail);
    }
    return wrap;
  }

  var listEl = document.getElementById("premises-map");
  var dataEl = document.getElementById("premises-map-data");
  if (listEl && dataEl) {
    var points = JSON.parse(dataEl.textContent || "[]");
    var map = KickMap.create(listEl, { bounds: points.map(function (p) { return [p.lat, p.lon]; }), padding: 30 });
    points.forEach(function (p) {
      L.marker([p.lat, p.lon], { icon: pin(), title: p.name, alt: p.name }).addTo(map).bindPopup(popup(p));
    });
  }

  var oneEl = document.getElementById("premise-map");
  if (oneEl) {
    var one = KickMap.create(oneEl);
    L.marker([parseFloat(oneEl.dataset.lat), parseFloat(oneEl.dataset.lon)],
             { icon: pin(), title: oneEl.dataset.name, alt: oneEl.dataset.name }).addTo(one);
  }
})();
