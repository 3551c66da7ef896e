/* Charts of the figures dashboard, drawn with uPlot (static/vendor/uplot). An enhancement: every chart's
   numbers are in the table beside it, and the page works without it. The days of the period are one time
   axis, so the charts share one cursor: pointing at a Saturday shows its stamps, footfall and refusals.
   Data: #figures-data (app.figures.views.dashboard_csv.chart_data); a hidden day is null and is shaded. */
(function () {
  "use strict";
  var uPlot = window.uPlot;
  var source = document.getElementById("figures-data");
  if (!uPlot || !source) return;
  var data = JSON.parse(source.textContent);
  var root = getComputedStyle(document.documentElement);
  var primary = root.getPropertyValue("--primary").trim() || "#1F3A5F";
  var text = root.getPropertyValue("--text").trim() || "#1A1A1A";
  var palette = [primary, "#D1495B", "#2E8B57", "#6A4C93", "#C9A227", "#1982C4", "#8D6E63"];
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "nl");
  var xs = data.days.map(function (_day, i) { return i; });
  var charts = [];

  function hasValues(values) {
    return values.some(function (row) { return row.some(function (v) { return v; }); });
  }

  function height() { return window.innerWidth >= 900 ? 280 : 220; }

  function legendValue(hidden) {
    return function (u, v, seriesIndex, index) {
      if (index == null) return "";  /* the legend shows values only while pointing at a day */
      if (hidden && hidden[seriesIndex - 1] && hidden[seriesIndex - 1][index]) return data.hidden;
      return v == null ? "–" : numbers.format(v);
    };
  }

  /* Hidden days as a light hatch over the plot, so a gap reads as "hidden", not as "none". */
  function shadeHidden(hidden) {
    return function (u) {
      if (!hidden) return;
      var ctx = u.ctx, top = u.bbox.top, h = u.bbox.height;
      var step = xs.length > 1 ? Math.abs(u.valToPos(1, "x", true) - u.valToPos(0, "x", true)) : u.bbox.width;
      ctx.save();
      ctx.fillStyle = "rgba(0, 0, 0, 0.07)";
      hidden[0].forEach(function (isHidden, i) {
        if (isHidden) ctx.fillRect(u.valToPos(i, "x", true) - step / 2, top, step, h);
      });
      ctx.restore();
    };
  }

  function options(el, spec) {
    var grid = { stroke: "rgba(0, 0, 0, 0.08)", width: 1 };
    return {
      width: el.clientWidth,
      height: height(),
      cursor: { sync: { key: "figures" }, points: { size: 7 } },
      scales: { x: { time: false, range: [-0.6, xs.length - 0.4] },
                y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } } },
      axes: [
        { stroke: text, grid: { show: false }, ticks: { show: false }, space: 48,
          incrs: [1, 2, 7, 14, 28, 56],
          values: function (u, splits) { return splits.map(function (i) { return data.ticks[i] || ""; }); } },
        { stroke: text, grid: grid, ticks: { show: false }, size: 48,
          values: function (u, splits) { return splits.map(function (v) { return Number.isInteger(v) ? numbers.format(v) : ""; }); } },
      ],
      legend: { live: true },
      series: [{ label: data.day, value: function (u, i) { return i == null ? "" : data.days[i]; } }].concat(spec.series),
      hooks: { drawClear: [shadeHidden(spec.hidden)] },
    };
  }

  function lineSeries(names, hidden) {
    return names.map(function (name, n) {
      return { label: name, stroke: palette[n % palette.length], width: 2, spanGaps: false,
               points: { show: xs.length <= 14 }, value: legendValue(hidden) };
    });
  }

  function stampSeries(spec) {
    var bars = uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.72, 28] }) : undefined;
    return [
      { label: spec.series[0], stroke: primary, fill: primary, width: 0, paths: bars, points: { show: false },
        value: legendValue(spec.hidden) },
      { label: spec.series[1], stroke: "#6B6B6B", width: 2, dash: [6, 4], points: { show: false }, spanGaps: false,
        value: legendValue(spec.hidden) },
    ];
  }

  function draw(el) {
    var name = el.dataset.chart, spec = data[name];
    if (!spec || !spec.values.length || !hasValues(spec.values)) return;
    var series = name === "stamps" ? stampSeries(spec) : lineSeries(spec.series, spec.hidden);
    el.classList.add("chart-on");
    var chart = new uPlot(options(el, { series: series, hidden: spec.hidden }), [xs].concat(spec.values), el);
    charts.push({ el: el, chart: chart });
  }

  document.querySelectorAll(".chart[data-chart]").forEach(draw);

  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(function () {
      charts.forEach(function (c) { c.chart.setSize({ width: c.el.clientWidth, height: height() }); });
    }, 150);
  });
})();
