/* Studio, vacancy register: the map of vacant premises beside the approved shops, and the vacancy rate over
   the last 12 months drawn with uPlot. Both are enhancements: the tables on the page hold the same numbers.
   Data: #premises-map-data ({vacant: [{lat, lon, label, state}], shops: [{lat, lon, label}]}) and
   #premises-chart-data ({labels, units, area, unitsLabel, areaLabel, month}). */
(function () {
  "use strict";
  var root = getComputedStyle(document.documentElement);
  var primary = root.getPropertyValue("--primary").trim() || "#1F3A5F";
  var text = root.getPropertyValue("--text").trim() || "#1A1A1A";
  var vacantColour = "#B3261E";

  var mapEl = document.getElementById("premises-map");
  var mapData = document.getElementById("premises-map-data");
  if (mapEl && mapData && window.L && window.KickMap) {
    var points = JSON.parse(mapData.textContent);
    var all = points.vacant.concat(points.shops).map(function (p) { return [p.lat, p.lon]; });
    var map = KickMap.create(mapEl, all.length ? { bounds: all, padding: 28 } : {});
    mapEl.classList.add("is-ready");
    function dot(p, colour, radius) {
      return L.circleMarker([p.lat, p.lon], { radius: radius, color: "#fff", weight: 1.5, fillColor: colour,
                                              fillOpacity: 0.9, keyboard: false })
        .bindTooltip(p.label).addTo(map);
    }
    points.shops.forEach(function (p) { dot(p, primary, 6); });
    points.vacant.forEach(function (p) { dot(p, vacantColour, 8); });
  }

  var chartEl = document.getElementById("premises-chart");
  var chartData = document.getElementById("premises-chart-data");
  if (!chartEl || !chartData || !window.uPlot) return;
  var data = JSON.parse(chartData.textContent);
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "nl", { maximumFractionDigits: 1 });
  var xs = data.labels.map(function (_label, i) { return i; });
  function format(u, v) { return v == null ? "–" : numbers.format(v) + " %"; }
  var chart = new window.uPlot({
    width: chartEl.clientWidth || 320,
    height: window.innerWidth >= 900 ? 240 : 200,
    scales: { x: { time: false, range: [-0.4, xs.length - 0.6] },
              y: { range: function (u, min, max) { return [0, Math.max(5, Math.ceil((max || 0) * 1.2))]; } } },
    axes: [
      { stroke: text, grid: { show: false }, ticks: { show: false }, space: 40,
        values: function (u, splits) { return splits.map(function (i) { return data.labels[i] || ""; }); } },
      { stroke: text, grid: { stroke: "rgba(0, 0, 0, 0.08)", width: 1 }, ticks: { show: false }, size: 44,
        values: function (u, splits) { return splits.map(function (v) { return numbers.format(v) + " %"; }); } },
    ],
    series: [
      { label: data.month, value: function (u, i) { return i == null ? "" : data.labels[i]; } },
      { label: data.unitsLabel, stroke: vacantColour, width: 2, value: format },
      { label: data.areaLabel, stroke: primary, width: 2, dash: [6, 4], value: format },
    ],
  }, [xs, data.units, data.area], chartEl);
  window.addEventListener("resize", function () {
    chart.setSize({ width: chartEl.clientWidth, height: window.innerWidth >= 900 ? 240 : 200 });
  });
}());
