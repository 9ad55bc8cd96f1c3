// Draws the charts listed in #page-data with uPlot, then marks the page like report.js does:
// <html data-charts="N" data-rendered="M"> where M charts were drawn with at least one point.
(function () {
  'use strict';
  var root = document.documentElement;
  window.addEventListener('error', function (e) { root.dataset.errors = String(e.message); });
  var page = JSON.parse(document.getElementById('page-data').textContent);
  var drawn = 0;
  var withPoints = 0;
  page.charts.forEach(function (c) {
    var el = document.getElementById(c.id);
    var x = c.kind === 'time' ? c.t : c.labels.map(function (_, i) { return i; });
    if (!x.length) {
      el.classList.add('empty');
      el.textContent = 'No data.';
      return;
    }
    var n = c.series.length;
    var series = [c.kind === 'time' ? {} : { label: c.xLabel || 'run', value: function (u, i) { return i == null ? '' : c.labels[i]; } }];
    var arrays = [x];
    c.series.forEach(function (s, k) {
      var d = { label: s.label, stroke: s.color, width: c.kind === 'time' ? 1.5 : 1, points: { show: false } };
      if (c.kind !== 'time') {
        d.fill = s.color + '99';
        d.paths = uPlot.paths.bars({ size: [n > 1 ? 0.4 : 0.7, 60], align: n > 1 ? (k === 0 ? -1 : 1) : 0 });
      }
      series.push(d);
      arrays.push(s.values);
    });
    var axes = [{}, { size: 80 }];
    var scales = { x: { time: c.kind === 'time' } };
    if (c.kind !== 'time') {
      scales.x.range = [-0.6, x.length - 0.4];
      scales.y = { range: function (u, min, max) { var lo = Math.min(0, min), hi = Math.max(0, max); var pad = (hi - lo) * 0.08 || 1; return [lo < 0 ? lo - pad : 0, hi + pad]; } };
      var step = Math.max(1, Math.ceil(x.length / 40));
      axes[0] = {
        splits: function () { return x.filter(function (i) { return i % step === 0; }); },
        values: function (u, splits) { return splits.map(function (i) { return c.labels[i] === undefined ? '' : c.labels[i]; }); },
        rotate: -40, size: 90
      };
    }
    var u = new uPlot({ width: Math.max(600, Math.min(1400, el.clientWidth || 900)), height: 300, scales: scales,
      axes: axes, series: series }, arrays, el);
    drawn++;
    var any = arrays.slice(1).some(function (a) { return a.some(function (v) { return v !== null && v !== undefined; }); });
    if (any && u.data[0].length > 0) {
      withPoints++;
    }
    el.dataset.points = String(x.length);
  });
  root.dataset.charts = String(drawn);
  root.dataset.rendered = String(withPoints);
})();
