/* KickMap: the one Leaflet setup shared by the map pages (shops list and shop page, the merchant's
 * pin, the trail page and the trail editor). Load it after vendor/leaflet/leaflet.js and before the
 * page's own script, all with defer.
 *
 * The map element carries the city's map settings as data-* attributes, written by the
 * map_settings() macro (templates/partials/map.html): data-tiles (tile URL template),
 * data-attribution (sanitised on the server: text and https links only, as Leaflet shows it as
 * HTML), data-lat / data-lon / data-zoom (where the map opens when there is nothing to fit),
 * data-zoom-in / data-zoom-out / data-layers-title / data-close-label / data-leaflet-title (the controls'
 * words in the page's language: their titles and aria-labels, the "Leaflet" credit's title).
 *
 *   KickMap.create(el, { bounds: [[lat, lon], ...], padding: 28, centre: [lat, lon], zoom: 18 })
 *
 * bounds: fit these points (at most zoom 17); otherwise open at centre/zoom, by default the element's.
 * Returns the Leaflet map, or null without Leaflet (the page then stays as it is without JavaScript).
 *
 * A public map's element may carry data-layers (map_settings(..., layers=True)): the overlays that
 * features register with app.core.registry.add_map_layer, [{key, label, url, on}]. They appear in a
 * layer switcher; a layer's GeoJSON is fetched the first time it is switched on, and the device
 * remembers which layers the visitor chose (KickStore "map-layers"). Feature properties are shown as
 * text, never as HTML: {title, detail, kind, url, link, stale}. A page that is about the layers themselves
 * (the city's "getting there" page) adds data-layers-all: every layer is on, whatever the device remembers.
 */
(function () {
  "use strict";
  var FIT_MAX_ZOOM = 17;

  function create(el, options) {
    if (!el || !window.L) return null;
    var opts = options || {};
    var d = el.dataset;
    el.textContent = "";  // the "needs JavaScript" fallback text, where the page has one
    el.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false, zoomControl: false });
    // Leaflet's controls speak English; the page hands over its own words (map_settings()).
    L.control.zoom({ zoomInTitle: d.zoomIn || "Zoom in", zoomOutTitle: d.zoomOut || "Zoom out" }).addTo(map);
    var credit = map.attributionControl;
    if (credit && d.leafletTitle && typeof credit.options.prefix === "string") {  // the "Leaflet" link's title
      credit.setPrefix(credit.options.prefix.replace(/title="[^"]*"/, 'title="' + attributeText(d.leafletTitle) + '"'));
    }
    if (d.closeLabel) {
      map.on("popupopen", function (event) {
        var box = event.popup.getElement();
        var close = box && box.querySelector(".leaflet-popup-close-button");
        if (close) close.setAttribute("aria-label", d.closeLabel);
      });
    }
    L.tileLayer(d.tiles, { maxZoom: 19, attribution: d.attribution }).addTo(map);
    if (opts.bounds && opts.bounds.length) {
      map.fitBounds(opts.bounds, { padding: [opts.padding || 28, opts.padding || 28], maxZoom: FIT_MAX_ZOOM });
    } else {
      map.setView(opts.centre || [parseFloat(d.lat), parseFloat(d.lon)], opts.zoom || parseInt(d.zoom || "16", 10));
    }
    if (d.layers) addLayers(map, JSON.parse(d.layers), d.layersAll !== undefined);
    return map;
  }

  function attributeText(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  var STORE_KEY = "map-layers";

  function chosenLayers() {
    var store = window.KickStore;
    return store ? store.get(STORE_KEY, null) : null;
  }

  function remember(key, on) {
    var store = window.KickStore;
    if (!store) return;
    var chosen = store.get(STORE_KEY, {}) || {};
    chosen[key] = on;
    store.set(STORE_KEY, chosen);
  }

  function popup(props) {
    var box = document.createElement("div");
    box.className = "map-layer-popup" + (props.stale ? " is-stale" : "");
    var title = document.createElement("strong");
    title.textContent = props.title || "";
    box.appendChild(title);
    if (props.detail) {
      var detail = document.createElement("p");
      detail.textContent = props.detail;
      box.appendChild(detail);
    }
    if (props.url) {
      var link = document.createElement("a");
      link.href = props.url;
      link.textContent = props.link || props.title || props.url;
      box.appendChild(link);
    }
    return box;
  }

  function featureLayer(data) {
    return L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var props = feature.properties || {};
        return L.circleMarker(latlng, {
          radius: 9, weight: 2, fillOpacity: props.stale ? 0.35 : 0.85,
          className: "map-layer-point map-layer-" + (props.kind || "place") + (props.stale ? " is-stale" : ""),
        });
      },
      style: function (feature) {
        var props = (feature && feature.properties) || {};
        return { className: "map-layer-shape map-layer-" + (props.kind || "place") + (props.stale ? " is-stale" : "") };
      },
      onEachFeature: function (feature, layer) {
        layer.bindPopup(popup(feature.properties || {}));
      },
    });
  }

  function addLayers(map, layers, all) {
    if (!layers.length) return;
    var chosen = all ? {} : (chosenLayers() || {});
    var overlays = {};
    var byGroup = [];
    layers.forEach(function (layer) {
      var group = L.layerGroup();
      group.kickLayer = layer;
      overlays[layer.label] = group;
      byGroup.push(group);
    });
    function load(group) {
      if (group.kickLoaded) return;
      group.kickLoaded = true;
      fetch(group.kickLayer.url, { credentials: "same-origin", headers: { Accept: "application/geo+json, application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) featureLayer(data).addTo(group); })
        .catch(function () { group.kickLoaded = false; });  // offline: try again when switched on later
    }
    var starting = true;  // the layers shown on opening are not the visitor's choice yet
    map.on("overlayadd", function (event) {
      if (!event.layer.kickLayer) return;
      load(event.layer);
      if (!starting && !all) remember(event.layer.kickLayer.key, true);
    });
    map.on("overlayremove", function (event) {
      if (event.layer.kickLayer && !all) remember(event.layer.kickLayer.key, false);
    });
    var control = L.control.layers(null, overlays, { collapsed: true }).addTo(map);
    var toggle = control.getContainer().querySelector(".leaflet-control-layers-toggle");
    var title = map.getContainer().dataset.layersTitle;
    if (toggle && title) {
      toggle.title = title;
      toggle.setAttribute("aria-label", title);
    }
    byGroup.forEach(function (group) {
      var key = group.kickLayer.key;
      var on = all || (Object.prototype.hasOwnProperty.call(chosen, key) ? chosen[key] : group.kickLayer.on);
      if (on) group.addTo(map);
    });
    starting = false;
  }

  window.KickMap = { create: create };
}());
