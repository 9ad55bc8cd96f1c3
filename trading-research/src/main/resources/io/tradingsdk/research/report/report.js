// Draws the report's charts with uPlot from the JSON in #report-data, then marks the page:
// <html data-charts="N" data-rendered="M"> where M charts were drawn with at least one point.
(function () {
  'use strict';
  var root = document.documentElement;
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message));
    root.dataset.errors = errors.join(' | ');
  });
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var drawn = [];

  function width(el) {
    return Math.max(600, Math.min(1400, el.clientWidth || 900));
  }

  function hasPoints(arrays) {
    for (var s = 1; s < arrays.length; s++) {
      for (var i = 0; i < arrays[s].length; i++) {
        if (arrays[s][i] !== null && arrays[s][i] !== undefined) {
          return true;
        }
      }
    }
    return false;
  }

  function plot(el, opts, arrays) {
    opts.width = width(el);
    opts.height = opts.height || 280;
    var u = new uPlot(opts, arrays, el);
    drawn.push({ id: el.id, points: hasPoints(arrays) && u.data[0].length > 0 });
    el.dataset.points = String(arrays[0].length);
    return u;
  }

  function none(el, text) {
    el.classList.add('empty');
    el.textContent = text;
  }

  function timeChart(id, label, t, v, color, fill) {
    var el = document.getElementById(id);
    if (!t.length) {
      none(el, 'No bars.');
      return;
    }
    plot(el, {
      scales: { x: { time: true } },
      axes: [{}, { size: 80 }],
      series: [{}, { label: label, stroke: color, fill: fill, width: 1.5, points: { show: false } }]
    }, [t, v]);
  }

  function categoryChart(id, labels, defs, emptyText) {
    var el = document.getElementById(id);
    if (!labels.length) {
      none(el, emptyText);
      return;
    }
    var x = labels.map(function (_, i) { return i; });
    var n = defs.length;
    var series = [{ label: 'category', value: function (u, i) { return i == null ? '' : labels[i]; } }];
    var arrays = [x];
    defs.forEach(function (d, k) {
      series.push({
        label: d.label, stroke: d.color, fill: d.color + '99', width: 1,
        paths: uPlot.paths.bars({ size: [n > 1 ? 0.4 : 0.7, 80], align: n > 1 ? (k === 0 ? -1 : 1) : 0 }),
        points: { show: false }
      });
      arrays.push(d.values);
    });
    var longest = labels.reduce(function (m, l) { return Math.max(m, l.length); }, 0);
    plot(el, {
      scales: {
        x: { time: false, range: [-0.6, labels.length - 0.4] },
        // Bars grow from zero: the value range always includes it.
        y: { range: function (u, min, max) { var lo = Math.min(0, min), hi = Math.max(0, max); var pad = (hi - lo) * 0.08 || 1; return [lo < 0 ? lo - pad : 0, hi + pad]; } }
      },
      axes: [{
        splits: function () { return x; },
        values: function (u, splits) { return splits.map(function (i) { return labels[i] === undefined ? '' : labels[i]; }); },
        rotate: labels.length > 8 || longest > 10 ? -40 : 0,
        size: labels.length > 8 || longest > 10 ? Math.min(160, 30 + longest * 6) : 40
      }, { size: 70 }],
      series: series
    }, arrays);
  }

  function priceCharts() {
    var holder = document.getElementById('prices');
    if (!data.prices.length) {
      var el = document.createElement('div');
      el.className = 'chart';
      holder.appendChild(el);
      none(el, 'No prices.');
      return;
    }
    data.prices.forEach(function (p, k) {
      var times = {};
      p.t.forEach(function (t) { times[t] = true; });
      p.fills.forEach(function (f) { times[f[0]] = true; });
      var xs = Object.keys(times).map(Number).sort(function (a, b) { return a - b; });
      var index = {};
      xs.forEach(function (t, i) { index[t] = i; });
      var close = xs.map(function () { return null; });
      var buys = xs.map(function () { return null; });
      var sells = xs.map(function () { return null; });
      p.t.forEach(function (t, i) { close[index[t]] = p.close[i]; });
      p.fills.forEach(function (f) { (f[2] > 0 ? buys : sells)[index[f[0]]] = f[1]; });
      var title = document.createElement('h3');
      title.textContent = p.symbol + ' (' + p.fills.length + ' fills)';
      holder.appendChild(title);
      var el = document.createElement('div');
      el.className = 'chart';
      el.id = 'chart-price-' + k;
      holder.appendChild(el);
      var marker = function (color) {
        return { label: color === '#1a7f37' ? 'buy' : 'sell', stroke: color, width: 0, paths: function () { return null; },
          points: { show: true, size: 8, width: 1, stroke: color, fill: color } };
      };
      plot(el, {
        height: 320,
        scales: { x: { time: true } },
        axes: [{}, { size: 80 }],
        series: [{}, { label: p.symbol + ' close', stroke: '#4a5568', width: 1, spanGaps: true, points: { show: false } },
          marker('#1a7f37'), marker('#cf222e')]
      }, [xs, close, buys, sells]);
    });
  }

  timeChart('chart-equity', 'equity', data.equity.t, data.equity.v, '#0969da', 'rgba(9,105,218,0.08)');
  timeChart('chart-drawdown', 'drawdown %', data.equity.t, data.drawdown.v, '#cf222e', 'rgba(207,34,46,0.15)');
  categoryChart('chart-monthly', data.monthly.labels, [{ label: 'return %', color: '#8250df', values: data.monthly.v }],
    'No complete month.');
  priceCharts();
  timeChart('chart-exposure', 'gross exposure %', data.equity.t, data.exposure.v, '#bf8700', 'rgba(191,135,0,0.15)');
  categoryChart('chart-strategies', data.strategies.labels, [
    { label: 'approved', color: '#1a7f37', values: data.strategies.approved },
    { label: 'denied', color: '#cf222e', values: data.strategies.denied }], 'No signals.');
  categoryChart('chart-denials', data.denials.labels, [{ label: 'denials', color: '#cf222e', values: data.denials.v }],
    'No signal was denied.');
  categoryChart('chart-latency', data.latency.labels, [{ label: 'orders', color: '#0969da', values: data.latency.v }],
    'No order was sent.');

  root.dataset.charts = String(drawn.length);
  root.dataset.rendered = String(drawn.filter(function (d) { return d.points; }).length);
})();
