// ออกรายงานแบบกลุ่ม: while a listed batch has not finished, asks the page for the progress of the batches every two
// seconds (the list's data-progress-url) and moves each row's bar, counts, time left and download link; stops once
// every listed batch has finished. Without script the page shows the progress of the moment it was loaded.
(function () {
  'use strict';
  var list = document.querySelector('[data-progress-url]');
  if (!list || !window.fetch) return;
  var number = new Intl.NumberFormat('en-US');

  function rows() { return Array.prototype.slice.call(list.querySelectorAll('[data-batch-id]')); }
  function unfinished() { return rows().some(function (r) { return r.dataset.finished !== 'true'; }); }
  function part(row, role) { return row.querySelector('[data-role="' + role + '"]'); }

  function show(row, batch) {
    var bar = part(row, 'bar');
    bar.style.width = batch.percent + '%';
    bar.parentElement.setAttribute('aria-valuenow', String(batch.percent));
    bar.classList.toggle('progress-bar-striped', !batch.finished);
    bar.classList.toggle('progress-bar-animated', !batch.finished);
    bar.classList.toggle('bg-danger', batch.status === 'failed');
    part(row, 'status').textContent = batch.statusNameTh;
    part(row, 'count').textContent = number.format(batch.done) + ' / ' + number.format(batch.total);
    part(row, 'failed-count').textContent = number.format(batch.failed);
    part(row, 'failed').classList.toggle('d-none', batch.failed === 0);
    var left = part(row, 'time-left');
    left.textContent = '· ' + batch.timeLeftTh;
    left.classList.toggle('d-none', batch.finished);
    var download = part(row, 'download');
    if (batch.downloadUrl) download.setAttribute('href', batch.downloadUrl);
    download.classList.toggle('d-none', !batch.downloadUrl);
    part(row, 'expires').textContent = batch.keptUntil;
    row.dataset.finished = batch.finished ? 'true' : 'false';
  }

  function poll() {
    if (!unfinished()) return;
    fetch(list.dataset.progressUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (batches) {
        batches.forEach(function (batch) {
          var row = list.querySelector('[data-batch-id="' + batch.id + '"]');
          if (row) show(row, batch);
        });
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 1000);
})();
