/* KickMap: the one Leaflet setup shared by the map pages (shops list and shop page, the merchant's
 * pin, the trail page and the trail editor). Load it after vendor/leaflet/leaflet.js and before the
 * page's own script, all with defer.
 *
 * The map element carries the city's map settings as data-* attributes, written by the
 * map_settings() macro (templates/partials/map.html): data-tiles (tile URL template),
 * data-attribution (sanitised on the server: text and https links only, as Leaflet shows it as
 * HTML), data-lat / data-lon / data-zoom (where the map opens when there is nothing to fit).
 *
 *   KickMap.create(el, { bounds: [[lat, lon], ...], padding: 28, centre: [lat, lon], zoom: 18 })
 *
 * bounds: fit these points (at most zoom 17); otherwise open at centre/zoom, by default the element's.
 * Returns the Leaflet map, or null without Leaflet (the page then stays as it is without JavaScript).
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
    var map = L.map(el, { scrollWheelZoom: false });
    L.tileLayer(d.tiles, { maxZoom: 19, attribution: d.attribution }).addTo(map);
    if (opts.bounds && opts.bounds.length) {
      map.fitBounds(opts.bounds, { padding: [opts.padding || 28, opts.padding || 28], maxZoom: FIT_MAX_ZOOM });
    } else {
      map.setView(opts.centre || [parseFloat(d.lat), parseFloat(d.lon)], opts.zoom || parseInt(d.zoom || "16", 10));
    }
    return map;
  }

  window.KickMap = { create: create };
}());
