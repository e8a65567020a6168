// E-PlanNACC: progressive enhancements. Every page works without this file; with it, forms check what the
// server checks (the attributes and Thai messages come from the server's own rules), wizards move step by
// step, and dependent lists follow their parent.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // --- field validation with the server's Thai messages -------------------------------------------------
  function messageFor(el) {
    var v = el.validity, d = el.dataset;
    if (v.valueMissing) return d.msgRequired || 'กรุณากรอกข้อมูลช่องนี้';
    if (v.badInput) return d.msgNumber || 'กรุณากรอกเป็นตัวเลข';
    if (v.typeMismatch) return d.msgType || d.msgPattern || 'รูปแบบไม่ถูกต้อง';
    if (v.patternMismatch) return d.msgPattern || 'รูปแบบไม่ถูกต้อง';
    if (v.tooLong) return d.msgMaxlength || 'ข้อความยาวเกินกำหนด';
    if (v.tooShort) return d.msgMinlength || 'ข้อความสั้นเกินไป';
    if (v.rangeUnderflow) return d.msgMin || 'ค่าน้อยเกินไป';
    if (v.rangeOverflow) return d.msgMax || 'ค่ามากเกินไป';
    if (v.stepMismatch) return d.msgStep || 'จำนวนทศนิยมเกินกำหนด';
    if (v.customError) return el.validationMessage;
    return '';
  }

  function feedbackOf(el) {
    var group = el.closest('.field') || el.parentElement;
    var fb = group.querySelector('.invalid-feedback');
    if (!fb) { fb = document.createElement('div'); fb.className = 'invalid-feedback'; group.appendChild(fb); }
    return fb;
  }

  function checkField(el) {
    if (!el.willValidate) return true;
    el.setCustomValidity('');
    if (el.dataset.minExclusive !== undefined && el.value !== '' && !isNaN(el.valueAsNumber) &&
        el.valueAsNumber <= parseFloat(el.dataset.minExclusive)) {
      el.setCustomValidity(el.dataset.msgMinExclusive || 'ค่าน้อยเกินไป');
    }
    if (el.dataset.equalTo) {
      var other = document.querySelector(el.dataset.equalTo);
      if (other && other.value !== el.value) el.setCustomValidity(el.dataset.msgEqualTo || 'ข้อมูลไม่ตรงกัน');
    }
    var ok = el.checkValidity();
    el.classList.toggle('is-invalid', !ok);
    el.setAttribute('aria-invalid', ok ? 'false' : 'true');
    var fb = feedbackOf(el);
    fb.textContent = ok ? '' : messageFor(el);
    if (!fb.id) fb.id = (el.id || el.name) + '-error';
    var described = el.getAttribute('aria-describedby') || '';
    if (described.split(' ').indexOf(fb.id) < 0) el.setAttribute('aria-describedby', (described + ' ' + fb.id).trim());
    return ok;
  }

  function checkAll(container) {
    var first = null;
    container.querySelectorAll('input, select, textarea').forEach(function (el) {
      if (!checkField(el) && !first) first = el;
    });
    if (first) first.focus();
    return !first;
  }

  document.querySelectorAll('form[data-validate]').forEach(function (form) {
    form.setAttribute('novalidate', 'novalidate');
    form.addEventListener('submit', function (e) {
      if (e.submitter && e.submitter.hasAttribute('formnovalidate')) return;
      if (!checkAll(form)) {
        e.preventDefault();
        var invalid = form.querySelector('.is-invalid');
        var step = invalid && invalid.closest('.wizard-step');
        if (step) showStep(form, step.dataset.step);
        if (invalid) invalid.focus();
      }
    });
    form.addEventListener('input', function (e) { if (e.target.classList.contains('is-invalid')) checkField(e.target); });
    form.addEventListener('change', function (e) { if (e.target.classList.contains('is-invalid')) checkField(e.target); });
  });

  // --- wizard: one step at a time, next checks the step, back keeps what was typed -------------------------
  function showStep(form, n) {
    form.querySelectorAll('.wizard-step').forEach(function (s) { s.classList.toggle('active', s.dataset.step === String(n)); });
    form.querySelectorAll('[data-goto-step]').forEach(function (t) {
      var active = t.dataset.gotoStep === String(n);
      t.classList.toggle('active', active);
      if (t.classList.contains('nav-link')) t.setAttribute('aria-current', active ? 'step' : 'false');
    });
    var heading = form.querySelector('.wizard-step.active h2');
    if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus({ preventScroll: false }); }
  }

  document.querySelectorAll('form[data-wizard]').forEach(function (form) {
    var start = form.dataset.wizardStart || '1';
    showStep(form, start);
    form.addEventListener('click', function (e) {
      var next = e.target.closest('[data-next-step]');
      var back = e.target.closest('[data-prev-step]');
      var tab = e.target.closest('[data-goto-step]');
      if (next) {
        e.preventDefault();
        var current = form.querySelector('.wizard-step.active');
        if (checkAll(current)) showStep(form, next.dataset.nextStep);
      } else if (back) {
        e.preventDefault();
        showStep(form, back.dataset.prevStep);
      } else if (tab) {
        e.preventDefault();
        showStep(form, tab.dataset.gotoStep);
      }
    });
  });

  // --- a list of districts that follows the chosen province ----------------------------------------------
  document.querySelectorAll('select[data-districts-of]').forEach(function (districts) {
    var province = document.querySelector(districts.dataset.districtsOf);
    if (!province) return;
    province.addEventListener('change', function () {
      var code = province.value;
      var placeholder = districts.dataset.placeholder || '-- เลือกอำเภอ --';
      districts.innerHTML = '';
      districts.appendChild(new Option(placeholder, ''));
      if (!code) return;
      districts.disabled = true;
      fetch('/api/v1/reference/provinces/' + encodeURIComponent(code) + '/districts', { headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (rows) { rows.forEach(function (d) { districts.appendChild(new Option(d.nameTh, d.code)); }); })
        .finally(function () { districts.disabled = false; });
    });
  });

  // --- copy an LAO code -----------------------------------------------------------------------------------
  document.addEventListener('click', function (e) {
    var btn = e.target.closest('[data-copy]');
    if (!btn || !navigator.clipboard) return;
    navigator.clipboard.writeText(btn.dataset.copy).then(function () {
      // the button's own nodes are put back as they were (never re-parsed from HTML)
      var old = Array.prototype.slice.call(btn.childNodes);
      btn.textContent = 'คัดลอกแล้ว';
      setTimeout(function () { btn.replaceChildren.apply(btn, old); }, 1500);
    });
  });

  // --- confirm before a destructive action ------------------------------------------------------------------
  document.addEventListener('submit', function (e) {
    var msg = e.target.dataset.confirm || (e.submitter && e.submitter.dataset.confirm);
    if (msg && !window.confirm(msg)) e.preventDefault();
  });
  // --- a table wider than the screen scrolls sideways: reachable by keyboard, with a name --------------------
  // (a wrapper that holds a link or a field is reached through it; the others become named, focusable regions)
  function namedScrollRegions() {
    var used = {};
    document.querySelectorAll('.table-responsive:not([tabindex])').forEach(function (el) {
      if (el.scrollWidth <= el.clientWidth + 1) return;
      if (el.querySelector('a[href], button, input, select, textarea, [tabindex]')) return;
      var caption = el.querySelector('caption');
      var heading = null;
      for (var prev = el.previousElementSibling; prev && !heading; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName)) heading = prev;
      }
      // a heading names its section too: the table's region is "ตาราง" + the heading, never the same name
      var name = caption ? caption.textContent : 'ตาราง' + (heading ? heading.textContent : '');
      name = name.replace(/\s+/g, ' ').trim();
      used[name] = (used[name] || 0) + 1;
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', used[name] > 1 ? name + ' (' + used[name] + ')' : name);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', namedScrollRegions);
  else namedScrollRegions();
  // --- a choice that shows its page at once, and the print button (no inline handlers: the Content-Security-Policy
  // admits scripts from files only) -----------------------------------------------------------------------------------
  document.addEventListener('change', function (e) {
    var el = e.target.closest('[data-submit-on-change]');
    if (!el || !el.form) return;
    (el.dataset.clears || '').split(' ').forEach(function (name) {
      if (name && el.form.elements[name]) el.form.elements[name].value = '';
    });
    el.form.submit();
  });
  document.addEventListener('click', function (e) {
    if (e.target.closest('[data-print]')) window.print();
    if (e.target.closest('[data-back]')) history.back();
  });
})();
