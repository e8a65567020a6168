// ความครบถ้วนของการรายงานผล: the map of Thailand's provinces is drawn from the table that carries its numbers (the
// table stays on the page for screen readers and printing), so the map and the table cannot disagree. Each body row
// of the table named by the map's data-table is a province: data-code (the province code, the GeoJSON feature's
// "code"), data-name (its Thai name), data-value (the per cent of its LAOs that reported the round) and data-href
// (its drill-down page, opened on a click). The GeoJSON is served by the application itself
// (db/reference-data/SOURCES.md says where it comes from).
(function () {
  'use strict';
  var box = document.getElementById('completeness-map');
  if (!box || typeof echarts === 'undefined') return;
  var table = document.getElementById(box.dataset.table);
  if (!table) return;
  // ECharts writes a tooltip's text as HTML: every name goes in escaped
  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (r) { return r.dataset.code; });
  var byCode = {};
  rows.forEach(function (r) {
    byCode[r.dataset.code] = { name: r.dataset.name, value: parseFloat(r.dataset.value), href: r.dataset.href };
  });

  fetch(box.dataset.geojson, { credentials: 'same-origin' })
    .then(function (response) { return response.json(); })
    .then(function (geo) {
      echarts.registerMap('thailand-provinces', geo);
      var chart = echarts.init(box, null, { renderer: 'canvas' });
      var data = geo.features.map(function (f) {
        var row = byCode[f.properties.code];
        return row && !isNaN(row.value)
          ? { name: f.properties.code, value: row.value, thaiName: row.name, href: row.href }
          : { name: f.properties.code, value: null, thaiName: f.properties.name };
      });
      chart.setOption({
        textStyle: { fontFamily: "'Sarabun', 'TH Sarabun New', Tahoma, sans-serif" },
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            var d = p.data || {};
            return escape(d.thaiName || p.name) + '<br>' +
              (d.value === null || d.value === undefined ? 'ไม่มี อปท. ในทะเบียน' : 'รายงานผลครบ ร้อยละ ' + d.value.toFixed(1));
          },
        },
        visualMap: {
          min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160,
          text: ['100%', '0%'], inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
        },
        series: [{
          type: 'map', map: 'thailand-provinces', nameProperty: 'code', roam: false, selectedMode: false,
          top: 10, bottom: 45,
          itemStyle: { borderColor: '#555', borderWidth: 0.5, areaColor: '#d9d9d9' },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd54f' } },
          data: data,
        }],
      });
      chart.on('click', function (p) { if (p.data && p.data.href) window.location.href = p.data.href; });
      box.dataset.drawn = 'true';
      // follow the window (a phone turned), once it has settled and only to a size that can be drawn: ECharts fails
      // on a passing zero-sized box (a screenshot of the whole page resizes the window for a moment)
      var settling;
      window.addEventListener('resize', function () {
        clearTimeout(settling);
        settling = setTimeout(function () {
          if (box.clientWidth > 0 && box.clientHeight > 0) chart.resize();
        }, 200);
      });
    })
    .catch(function () { box.hidden = true; });
})();
