// The dyad chart: stacked bars of merged events per quad class and the Goldstein mean,
// drawn with the vendored uPlot from the JSON the page carries (no network).
(function () {
  "use strict";
  var holder = document.getElementById("dyad-chart");
  var source = document.getElementById("dyad-data");
  if (!holder || !source || typeof uPlot === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var n = data.periods.length;
  var xs = [];
  for (var i = 0; i < n; i++) { xs.push(i); }
  var classes = [
    ["verbal cooperation", data.verbal_coop, "#8fd19e"],
    ["material cooperation", data.material_coop, "#2e8b57"],
    ["verbal conflict", data.verbal_conflict, "#f4a259"],
    ["material conflict", data.material_conflict, "#c0392b"]
  ];
  // Stack: each class's bar reaches the sum of it and the classes below it; the tallest
  // is drawn first so that the lower ones cover it.
  var stacked = [];
  var running = new Array(n).fill(0);
  classes.forEach(function (c) {
    running = running.map(function (v, k) { return v + c[1][k]; });
    stacked.push(running.slice());
  });
  var bars = uPlot.paths.bars({ size: [0.7, 60] });
  var series = [{ label: data.by, value: function (u, v) { return v == null ? "" : data.periods[v]; } }];
  var columns = [xs];
  for (var c = classes.length - 1; c >= 0; c--) {
    (function (c) {
      series.push({
        label: classes[c][0], fill: classes[c][2], stroke: classes[c][2], width: 0,
        paths: bars, points: { show: false }, scale: "n",
        value: function (u, v, s, idx) { return idx == null ? "" : classes[c][1][idx]; }
      });
      columns.push(stacked[c]);
    })(c);
  }
  series.push({
    label: "Goldstein mean", stroke: "#222", width: 2, scale: "g", spanGaps: true,
    points: { show: true, size: 6, fill: "#222" },
    value: function (u, v) { return v == null ? "" : v.toFixed(2); }
  });
  columns.push(data.goldstein_mean);
  var maxCount = Math.max.apply(null, stacked[stacked.length - 1].concat([1]));
  function width() { return Math.max(320, holder.clientWidth || 800); }
  var options = {
    width: width(), height: 340,
    scales: {
      x: { time: false, range: [-0.6, n - 0.4] },
      n: { range: [0, Math.ceil(maxCount * 1.15)] },
      g: { range: [-10, 10] }
    },
    axes: [
      {
        values: function (u, splits) {
          return splits.map(function (v) { return Number.isInteger(v) && v >= 0 && v < n ? data.periods[v] : ""; });
        },
        splits: function () {
          var step = Math.max(1, Math.ceil(n / 12));
          var out = [];
          for (var k = 0; k < n; k += step) { out.push(k); }
          return out;
        }
      },
      { scale: "n", label: "merged events" },
      { scale: "g", side: 1, label: "Goldstein mean", grid: { show: false } }
    ],
    series: series
  };
  var chart = new uPlot(options, columns, holder);
  window.addEventListener("resize", function () { chart.setSize({ width: width(), height: 340 }); });
  var by = document.getElementById("by");
  if (by && by.form) {
    by.addEventListener("change", function () { by.form.submit(); });
  }
})();
