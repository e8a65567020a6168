// E-PlanNACC, menu โครงการ: the mission list follows the dimension and the fiscal year's plan period, "no budget"
// empties the budget, a group of checkboxes needs one ticked, the reason of "ไม่สามารถดำเนินการได้" appears with
// that status, and staff select many projects at once. Every page works without this file; the server judges.
(function () {
  'use strict';

  function feedbackOf(el) {
    var group = el.closest('.field') || el.parentElement;
    var fb = group.querySelector('.invalid-feedback');
    if (!fb) { fb = document.createElement('div'); fb.className = 'invalid-feedback d-block'; group.appendChild(fb); }
    return fb;
  }

  // --- missions of the chosen dimension; dimensions of the chosen fiscal year ------------------------------
  document.querySelectorAll('select[data-missions]').forEach(function (dimension) {
    var missions = document.querySelector(dimension.dataset.missions);
    if (!missions) return;
    var all = [];
    function remember() {
      all = Array.prototype.map.call(missions.querySelectorAll('option[data-dimension]'), function (o) {
        return { value: o.value, text: o.textContent, dimension: o.dataset.dimension };
      });
    }
    function show() {
      var keep = missions.value;
      missions.innerHTML = '';
      missions.appendChild(new Option('-- ไม่ระบุภารกิจ --', ''));
      all.filter(function (m) { return m.dimension === dimension.value; }).forEach(function (m) {
        var o = new Option(m.text, m.value);
        o.dataset.dimension = m.dimension;
        missions.appendChild(o);
      });
      missions.value = all.some(function (m) { return m.value === keep && m.dimension === dimension.value; }) ? keep : '';
      missions.disabled = missions.options.length <= 1;
    }
    remember();
    show();
    dimension.addEventListener('change', show);

    var year = document.querySelector('select[data-fiscal-year-for="#' + dimension.id + '"]');
    if (!year) return;
    year.addEventListener('change', function () {
      var period = document.querySelector('[data-plan-period]');
      fetch('/api/v1/reference/dimensions?fiscalYear=' + encodeURIComponent(year.value), { headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (tree) {
          if (!tree) return;
          if (period) period.textContent = '';
          var chosen = dimension.value;
          dimension.innerHTML = '';
          dimension.appendChild(new Option('-- เลือกมิติ --', ''));
          all = [];
          tree.forEach(function (d) {
            dimension.appendChild(new Option('มิติที่ ' + d.code + ' ' + d.nameTh, d.code));
            (d.children || []).forEach(function (m) {
              all.push({ value: m.code, text: m.code + ' ' + m.nameTh, dimension: d.code });
              (m.children || []).forEach(function (s) {
                all.push({ value: s.code, text: '\u00a0\u00a0\u00a0' + s.code + ' ' + s.nameTh, dimension: d.code });
              });
            });
          });
          dimension.value = tree.some(function (d) { return d.code === chosen; }) ? chosen : '';
          show();
        });
    });
  });

  // --- "ไม่ใช้งบประมาณ" empties and disables the budget ------------------------------------------------------
  document.querySelectorAll('input[data-no-budget]').forEach(function (budget) {
    var box = document.querySelector(budget.dataset.noBudget);
    if (!box) return;
    function apply() {
      if (box.checked) { budget.value = ''; budget.classList.remove('is-invalid'); }
      budget.disabled = box.checked;
      budget.required = !box.checked;
      if (!budget.dataset.msgRequired) budget.dataset.msgRequired = 'กรุณากรอกงบประมาณ หรือเลือก “ไม่ใช้งบประมาณ”';
    }
    apply();
    box.addEventListener('change', apply);
  });

  // --- a group of checkboxes needs at least one ticked (or its "other" text) -------------------------------
  function groupOk(fieldset) {
    var any = fieldset.querySelector('input[type=checkbox]:checked');
    var other = fieldset.dataset.requireOneOr && document.querySelector(fieldset.dataset.requireOneOr);
    var ok = !!any || (other && other.value.trim() !== '');
    fieldset.classList.toggle('is-invalid-group', !ok);
    var fb = feedbackOf(fieldset.querySelector('legend'));
    if (!ok) fb.textContent = fieldset.dataset.msgRequireOne;
    else if (fb.textContent === fieldset.dataset.msgRequireOne) fb.textContent = '';
    return ok;
  }
  document.querySelectorAll('form').forEach(function (form) {
    var groups = form.querySelectorAll('fieldset[data-require-one]');
    if (groups.length === 0) return;
    form.addEventListener('submit', function (e) {
      if (e.submitter && e.submitter.hasAttribute('formnovalidate')) return;
      var first = null;
      groups.forEach(function (g) { if (!groupOk(g) && !first) first = g; });
      if (first) {
        e.preventDefault();
        var box = first.querySelector('input');
        if (box && !form.querySelector('.is-invalid')) box.focus();
      }
    });
    groups.forEach(function (g) {
      g.addEventListener('change', function () { if (g.classList.contains('is-invalid-group')) groupOk(g); });
    });
  });

  // --- the report form: the reason appears with "ไม่สามารถดำเนินการได้", its text with "อื่นๆ" ---------------------
  document.querySelectorAll('[data-when-status]').forEach(function (block) {
    var form = block.closest('form');
    var group = block.querySelector('fieldset');
    var other = block.querySelector('[data-when-reason]');
    function status() { var s = form.querySelector('input[data-status]:checked'); return s ? s.value : ''; }
    function reason() { var r = form.querySelector('input[data-reason]:checked'); return r ? r.value : ''; }
    function apply() {
      var on = status() === block.dataset.whenStatus;
      block.hidden = !on;
      if (!block.closest('fieldset[disabled]')) group.disabled = !on; // a read-only report stays read-only
      form.querySelectorAll('input[data-reason]').forEach(function (r) { r.required = on; });
      if (other) {
        var otherOn = on && reason() === other.dataset.whenReason;
        other.hidden = !otherOn;
        var text = other.querySelector('input');
        text.disabled = !otherOn;
        text.required = otherOn;
      }
    }
    apply();
    form.addEventListener('change', function (e) { if (e.target.matches('input[data-status], input[data-reason]')) apply(); });
  });

  // --- a server message under a group of choices goes once a choice is made -------------------------------------
  document.addEventListener('change', function (e) {
    var input = e.target;
    if (!input.matches || !input.matches('input[type=radio], input[type=checkbox]') || !input.name) return;
    document.querySelectorAll('[data-valmsg-for="' + input.name + '"]').forEach(function (span) { span.textContent = ''; });
    if (input.type === 'radio' && input.checked) {
      document.querySelectorAll('input[type=radio][name="' + input.name + '"]').forEach(function (r) {
        r.classList.remove('is-invalid');
        r.setAttribute('aria-invalid', 'false');
      });
      var group = input.closest('.field');
      var feedback = group && group.querySelector(':scope > .invalid-feedback');
      if (feedback) feedback.textContent = '';
    }
  });

  // --- staff select many projects ---------------------------------------------------------------------------
  document.querySelectorAll('input[data-select-all]').forEach(function (all) {
    var name = all.dataset.selectAll;
    all.addEventListener('change', function () {
      document.querySelectorAll('input[data-select="' + name + '"]').forEach(function (b) { b.checked = all.checked; });
    });
  });
})();
