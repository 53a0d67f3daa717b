// jixiao page: drop files on the page, and the parse box. Everything else is server-rendered.
(function () {
  var form = document.getElementById('upload');
  var zone = document.getElementById('drop');
  var dropped = document.getElementById('dropped');
  function hidden(name) { return name.charAt(0) === '.' || name === '__MACOSX' || name.indexOf('/.') >= 0 || name.indexOf('__MACOSX/') >= 0; }
  function entries(items) {
    // Files and the files of dropped folders, at any depth; a folder's files are named with
    // their path (folder／file.xlsx), so two units' 自评表.xlsx stay apart. A folder is read
    // until it gives no more (a browser hands them out a hundred at a time).
    var out = [], pending = [];
    function walk(entry) {
      if (!entry || hidden(entry.name)) return;
      if (entry.isFile) {
        pending.push(new Promise(function (ok) {
          entry.file(function (f) {
            var path = (entry.fullPath || f.name).replace(/^\/+/, '');
            out.push(path.indexOf('/') >= 0 ? new File([f], path.split('/').join('／'), { type: f.type }) : f);
            ok();
          }, ok);
        }));
      } else if (entry.isDirectory) {
        var reader = entry.createReader();
        pending.push(new Promise(function (ok) {
          (function more() {
            reader.readEntries(function (es) { if (!es.length) return ok(); es.forEach(walk); more(); }, ok);
          })();
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
    files.forEach(function (f) { if (!hidden(f.name)) set.items.add(f); });
    if (!set.files.length) return;
    dropped.files = set.files;
    zone.classList.add('busy'); form.submit();
  }
  ['dragenter', 'dragover'].forEach(function (e) { document.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.add('over'); }); });
  document.addEventListener('dragleave', function () { zone.classList.remove('over'); });
  document.addEventListener('drop', function (ev) {
    ev.preventDefault(); zone.classList.remove('over');
    var items = ev.dataTransfer.items, files = Array.prototype.slice.call(ev.dataTransfer.files);
    if (items && items.length && items[0].webkitGetAsEntry && items[0].webkitGetAsEntry()) entries(items).then(function (fs) { place(fs.length ? fs : files); });
    else place(files);
  });
  // The pickers say in Chinese what was chosen; a folder's hidden files are left out, its
  // files named with their path as a dropped folder's are.
  Array.prototype.forEach.call(document.querySelectorAll('input.picker'), function (input) {
    var shown = document.querySelector('.chosen[data-for="' + input.id + '"]');
    input.addEventListener('change', function () {
      var fs = Array.prototype.slice.call(input.files);
      if (input.hasAttribute('webkitdirectory')) {
        var set = new DataTransfer();
        fs.forEach(function (f) {
          var path = f.webkitRelativePath || f.name;
          if (!hidden(path)) set.items.add(path.indexOf('/') >= 0 ? new File([f], path.split('/').join('／'), { type: f.type }) : f);
        });
        input.files = set.files; fs = Array.prototype.slice.call(set.files);
      }
      if (!shown) return;
      shown.classList.toggle('set', fs.length > 0);
      shown.textContent = !fs.length ? (input.hasAttribute('webkitdirectory') ? '未选择文件夹' : '未选择文件')
        : fs.length === 1 ? fs[0].name
        : fs.length + ' 个文件：' + fs.slice(0, 3).map(function (f) { return f.name; }).join('、') + (fs.length > 3 ? '……' : '');
    });
  });
  // A link into a folded table (the roll-up's rows, a chart's bars) unfolds it first.
  function unfold(id) {
    var target = id && document.getElementById(id);
    if (!target) return false;
    for (var e = target; e; e = e.parentElement) { if (e.tagName === 'DETAILS') e.open = true; }
    target.scrollIntoView();
    return true;
  }
  // a hash is decoded where it can be: a malformed one (`#%E0%A4%A`, a link anyone may send)
  // threw here and stopped the rest of this script, the parse box with it
  function decoded(h) { try { return decodeURIComponent(h); } catch (e) { return h; } }
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest && ev.target.closest('a[href^="#"]');
    if (!a) return;
    if (unfold(decoded(a.getAttribute('href').slice(1)))) { ev.preventDefault(); history.replaceState(null, '', a.getAttribute('href')); }
  });
  if (location.hash) unfold(decoded(location.hash.slice(1)));

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
