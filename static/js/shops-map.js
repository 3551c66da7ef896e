/* Maps for the shop pages (an enhancement: every page works without it).
   #shops-map: all listed shops with markers from #shops-map-data; #shop-map: one shop's pin. */
(function () {
  "use strict";
  if (!window.L || !window.KickMap) return;

  function pin(open, featured) {
    var cls = "shop-pin" + (open ? " is-open" : "") + (featured ? " is-featured" : "");
    return L.divIcon({ className: cls, html: "<span></span>", iconSize: [30, 30], iconAnchor: [15, 28], popupAnchor: [0, -26] });
  }

  function popup(point, el) {
    var wrap = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;  /* textContent: shop names never become markup */
    link.className = "map-popup-title";
    wrap.appendChild(link);
    if (point.tagline) {
      var tag = document.createElement("p");
      tag.textContent = point.tagline;
      wrap.appendChild(tag);
    }
    var state = document.createElement("p");
    state.className = point.open ? "open-state is-open" : "open-state is-closed";
    state.textContent = point.open ? el.dataset.openLabel : el.dataset.closedLabel;
    wrap.appendChild(state);
    return wrap;
  }

  var listEl = document.getElementById("shops-map");
  var dataEl = document.getElementById("shops-map-data");
  if (listEl && dataEl) {
    var points = JSON.parse(dataEl.textContent || "[]");
    var map = KickMap.create(listEl, { bounds: points.map(function (p) { return [p.lat, p.lon]; }), padding: 30 });
    var legend = document.getElementById("shops-map-legend");
    if (legend) {  /* what the three pin colours mean, in the map's corner */
      var control = L.control({ position: "bottomleft" });
      control.onAdd = function () {
        legend.hidden = false;
        L.DomEvent.disableClickPropagation(legend);
        return legend;
      };
      control.addTo(map);
    }
    points.forEach(function (p) {
      L.marker([p.lat, p.lon], { icon: pin(p.open, p.featured), title: p.name, alt: p.name })
        .addTo(map).bindPopup(popup(p, listEl));
    });
  }

  var shopEl = document.getElementById("shop-map");
  if (shopEl) {
    var one = KickMap.create(shopEl);
    L.marker([parseFloat(shopEl.dataset.lat), parseFloat(shopEl.dataset.lon)],
             { icon: pin(true, false), title: shopEl.dataset.name, alt: shopEl.dataset.name }).addTo(one);
  }
})();
