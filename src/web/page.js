// jixiao page: drop files on the page, and the parse box. Everything else is server-rendered.
(function () {
  var form = document.getElementById('upload');
  var zone = document.getElementById('drop');
  var dropped = form.elements.file;
  function entries(items) {
    // Files and the files of dropped folders (one level of recursion per folder).
    var out = [], pending = [];
    function walk(entry) {
      if (!entry) return;
      if (entry.isFile) { pending.push(new Promise(function (ok) { entry.file(function (f) { out.push(f); ok(); }, ok); })); }
      else if (entry.isDirectory) {
        pending.push(new Promise(function (ok) {
          entry.createReader().readEntries(function (es) { es.forEach(walk); ok(); }, ok);
        }));
      }
    }
    for (var i = 0; i < items.length; i++) { walk(items[i].webkitGetAsEntry && items[i].webkitGetAsEntry()); }
    function settle() { var n = pending.length; return Promise.all(pending).then(function () { return pending.length > n ? settle() : out; }); }
    return settle();
  }
  function place(files) {
    // every dropped file goes to the server, which tells tables, actuals and rules by content
    var set = new DataTransfer();
    files.forEach(function (f) { if (f.name.charAt(0) !== '.') set.items.add(f); });
    if (!set.files.length) return;
    dropped.files = set.files;
    zone.classList.add('busy'); form.submit();
  }
  ['dragenter', 'dragover'].forEach(function (e) { document.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.add('over'); }); });
  document.addEventListener('dragleave', function () { zone.classList.remove('over'); });
  document.addEventListener('drop', function (ev) {
    ev.preventDefault(); zone.classList.remove('over');
    var items = ev.dataTransfer.items, files = Array.prototype.slice.call(ev.dataTransfer.files);
    if (items && items.length && items[0].webkitGetAsEntry) entries(items).then(function (fs) { place(fs.length ? fs : files); });
    else place(files);
  });

  var tokenMeta = document.querySelector('meta[name="jixiao-token"]'), token = tokenMeta ? tokenMeta.content : '';
  // the JSONL's op_from / unit_from in the words `jixiao parse`'s table uses
  function from(o) {
    if (o.indexOf('rule:') === 0) return '规则 ' + o.slice(5);
    return { text: '原文', name: '指标名', period: '时段末' }[o] || o;
  }
  var box = document.getElementById('parse-input'), body = document.getElementById('parse-output'), timer = null, seq = 0;
  function cell(tr, text) { var td = document.createElement('td'); td.textContent = text == null ? '' : text; tr.appendChild(td); }
  var kinds = { compare: '比较', range: '区间', approximate: '约数', boolean: '是否', plan: '计划', deadline: '时限', relative: '相对', qualitative: '定性', empty: '空', error: '错误' };
  function show(text, n) {
    if (n !== seq) return;
    body.textContent = '';
    text.split('\n').forEach(function (line) {
      if (!line) return;
      var r = JSON.parse(line), tr = document.createElement('tr');
      cell(tr, r.line); cell(tr, r.indicator); cell(tr, r.target); cell(tr, kinds[r.kind] || r.kind);
      cell(tr, r.canonical || r.message); cell(tr, [r.op_from && ('运算符：' + from(r.op_from)), r.unit_from && ('单位：' + from(r.unit_from))].filter(Boolean).join(' '));
      body.appendChild(tr);
    });
  }
  box.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var n = ++seq;
      var year = form.elements.year && form.elements.year.value;
      var url = '/api/parse' + (/^\d{4}$/.test(year || '') ? '?year=' + year : '');
      fetch(url, { method: 'POST', body: box.value, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Jixiao-Token': token } })
        .then(function (r) { return r.ok ? r.text() : ''; }).then(function (t) { show(t, n); });
    }, 120);
  });
  // Tab types a tab (指标名⇥指标值), as in a spreadsheet, instead of leaving the box
  box.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Tab' || ev.shiftKey || ev.ctrlKey || ev.altKey || ev.metaKey) return;
    ev.preventDefault();
    var a = box.selectionStart, b = box.selectionEnd;
    box.value = box.value.slice(0, a) + '\t' + box.value.slice(b);
    box.selectionStart = box.selectionEnd = a + 1;
    box.dispatchEvent(new Event('input'));
  });
  if (form.elements.year) form.elements.year.addEventListener('input', function () { box.dispatchEvent(new Event('input')); });
  if (box.value) box.dispatchEvent(new Event('input'));
})();
