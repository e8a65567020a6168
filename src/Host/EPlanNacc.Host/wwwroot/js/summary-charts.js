// ข้อมูลโดยสรุป: every chart is drawn from the table that carries its numbers (the table stays on the page for
// screen readers and printing), so the chart and its table cannot disagree. A canvas names its table with
// data-chart-table; each body row is a category (data-label), each numeric cell (data-value) a series of its
// column (the column's header is the series' name); data-colors on the table gives one colour per series, or per
// category for a doughnut.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') return;
  Chart.defaults.font.family = "'Sarabun', 'TH Sarabun New', Tahoma, sans-serif";
  Chart.defaults.font.size = 14;
  var number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

  // a long Thai label on lines of about `max` letters, broken between words (Thai writes no spaces between words)
  var words = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter('th', { granularity: 'word' }) : null;
  function wrap(label, max) {
    if (!words || label.length <= max) return label;
    var lines = [''];
    Array.from(words.segment(label), function (s) { return s.segment; }).forEach(function (w) {
      if (lines[lines.length - 1].length + w.length > max && lines[lines.length - 1].length > 0) lines.push('');
      lines[lines.length - 1] += w;
    });
    return lines.map(function (l) { return l.trim(); });
  }

  function read(table) {
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent.trim(); }).slice(1);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var labels = rows.map(function (r) { return r.dataset.label || r.cells[0].textContent.trim(); });
    var only = table.dataset.series !== undefined ? [parseInt(table.dataset.series, 10)] : null;
    var series = headers.map(function (name, i) {
      return { name: name, values: rows.map(function (r) { return parseFloat(r.cells[i + 1].dataset.value || '0'); }) };
    }).filter(function (s, i) { return only === null || only.indexOf(i) >= 0; });
    var colors = (table.dataset.colors || '').split(',').filter(Boolean);
    return { labels: labels, series: series, colors: colors };
  }

  function draw(canvas) {
    var table = document.getElementById(canvas.dataset.chartTable);
    if (!table) return;
    var data = read(table);
    var kind = canvas.dataset.chart;
    var config;
    if (kind === 'doughnut') {
      var values = data.series[0].values;
      var total = values.reduce(function (a, b) { return a + b; }, 0);
      config = {
        type: 'doughnut',
        data: { labels: data.labels, datasets: [{ data: total === 0 ? [] : values, backgroundColor: data.colors }] },
        options: { maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } } },
      };
    } else {
      config = {
        type: 'bar',
        data: {
          labels: kind === 'hbar' ? data.labels.map(function (l) { return wrap(l, 15); }) : data.labels,
          datasets: data.series.map(function (s, i) { return { label: s.name, data: s.values, backgroundColor: data.colors[i % data.colors.length] }; }),
        },
        options: {
          maintainAspectRatio: false,
          indexAxis: kind === 'hbar' ? 'y' : 'x',
          scales: {
            x: { beginAtZero: true, ticks: { precision: 0 } },
            y: { beginAtZero: true, ticks: { precision: 0, autoSkip: kind !== 'hbar' } },
          },
          plugins: {
            legend: { display: data.series.length > 1, position: 'bottom' },
            tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + number.format(c.parsed[kind === 'hbar' ? 'x' : 'y']); } } },
          },
        },
      };
    }
    canvas.chart = new Chart(canvas, config);
  }

  // Chart.js measures its labels when it draws: wait for Sarabun, or Thai labels are measured in a fallback font and cut
  function drawAll() {
    document.querySelectorAll('canvas[data-chart-table]').forEach(draw);
    document.documentElement.setAttribute('data-charts-ready', 'true');
  }
  if (document.fonts && document.fonts.load) {
    Promise.all([document.fonts.load("14px 'Sarabun'"), document.fonts.load("bold 14px 'Sarabun'")]).then(drawAll, drawAll);
  } else {
    drawAll();
  }
})();
