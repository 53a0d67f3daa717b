"""Drive headless chromium through chromedriver (WebDriver over HTTP, standard library only):
drop the sample on the page, check its 29 projects and the five download links, try the parse
box; at 1400 and 400 px check the files used at the top, the 自评表 as a table (wide) and as
cards within the screen's width (narrow), the chart as bars at 400 px, and a pile's roll-up
whose rows open their forms; keep screenshots of each.
Usage: drive.py SERVER_URL CHROMEDRIVER_URL SAMPLE_DIR OUT_DIR"""
import base64, json, sys, time, urllib.request

server, driver, sample, out = sys.argv[1:5]


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(driver + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)["value"]


caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1800",
             "--lang=zh-CN"]}}}}
session = call("POST", "/session", caps)["sessionId"]
s = "/session/" + session


def script(code, *args):
    return call("POST", s + "/execute/sync", {"script": code, "args": list(args)})


def wait(code, what, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        try:
            v = script(code)
            if v:
                return v
        except Exception:
            pass
        time.sleep(0.2)
    try:
        seen = script("return location.href + ' | ' + document.body.innerText.slice(0, 400)")
    except Exception as e:
        seen = repr(e)
    raise SystemExit("FAIL: timed out waiting for " + what + "; the page shows: " + str(seen))


try:
    call("POST", s + "/url", {"url": server + "/"})
    wait("return document.getElementById('drop') !== null", "the page")
    # the file pickers are Chinese buttons: the browser's own (Choose File / No file chosen) is
    # not what shows
    pickers = script("""
      return Array.from(document.querySelectorAll('input[type=file]')).map(function (i) {
        var b = i.getBoundingClientRect(), l = document.querySelector('label[for="' + i.id + '"]');
        return [i.id || i.name, i.hidden || (b.width <= 1 && b.height <= 1), l ? l.textContent : null,
                l ? l.getBoundingClientRect().width > 20 : i.hidden];
      });
    """)
    print("file pickers:", pickers)
    assert len(pickers) >= 4 and all(p[1] and p[3] for p in pickers), pickers
    assert all(p[2] is None or p[2].startswith("选择") for p in pickers), pickers
    tsv = open(sample + "/targets.tsv", encoding="utf-8").read()
    yaml = open(sample + "/actuals.yaml", encoding="utf-8").read()
    # Drop two files on the page as a person would (a synthetic drop event with real File objects).
    script("""
      var dt = new DataTransfer();
      dt.items.add(new File([arguments[0]], 'targets.tsv', {type: 'text/tab-separated-values'}));
      dt.items.add(new File([arguments[1]], 'actuals.yaml', {type: 'application/yaml'}));
      document.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    """, tsv, yaml)
    projects = wait("var e = document.getElementById('project-count'); return e && e.textContent", "the results")
    links = script("return Array.from(document.querySelectorAll('.downloads a')).map(a => a.download)")
    tables = script("return document.querySelectorAll('table.selfeval').length")
    print("projects shown:", projects, "| 自评表 tables:", tables, "| downloads:", ", ".join(links))
    assert projects == "29", projects
    assert len(links) == 5 and all(l.split('.')[-1] in ("xlsx", "html", "md", "csv", "json") for l in links), links
    # The parse box, as a person types.
    script("var t = document.getElementById('parse-input'); t.value = '518万人以上\\n响应时间\\t4秒\\n<script>alert(1)</script>'; t.dispatchEvent(new Event('input'));")
    rows = wait("var r = document.querySelectorAll('#parse-output tr'); return r.length == 3 && Array.from(r).map(x => x.children[4].textContent)", "the parse box")
    print("parse box:", rows)
    assert rows[0] == ">= 5180000 人" and rows[1] == "<= 4 秒", rows
    script("window.scrollTo(0, 0)")
    png = call("GET", s + "/screenshot")
    open(out + "/page-sample.png", "wb").write(base64.b64decode(png))
    script("document.querySelector('table.selfeval').scrollIntoView()")
    open(out + "/page-selfeval.png", "wb").write(base64.b64decode(call("GET", s + "/screenshot")))
    print("screenshots:", out + "/page-sample.png", out + "/page-selfeval.png")
    # Drops as a finance officer makes them: the whole sample folder (every file, the actuals
    # under another name), a Word form, a workbook of stacked forms, a picture.
    import os
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

    def drop(files):
        call("POST", s + "/url", {"url": server + "/"})
        wait("return document.getElementById('drop') !== null", "the page")
        payload = [[name, base64.b64encode(open(path, "rb").read()).decode()] for name, path in files]
        script("""
          var dt = new DataTransfer();
          arguments[0].forEach(function (f) {
            var bin = atob(f[1]), bytes = new Uint8Array(bin.length);
            for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
            dt.items.add(new File([bytes], f[0]));
          });
          document.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
        """, payload)
        return wait("var e = document.getElementById('project-count'); var x = document.querySelector('.error-box');"
                    " return (e && ('projects:' + e.textContent)) || (x && ('error:' + x.textContent))", "the drop's answer")

    folder = [(n if n != "actuals.yaml" else "年终实际值.yaml", os.path.join(sample, n)) for n in sorted(os.listdir(sample))]
    got = drop(folder)
    scored = script("return document.body.textContent.indexOf('92.76') >= 0")
    print("whole folder:", got, "| scored with its actuals (mean 92.76):", scored)
    assert got == "projects:29" and scored, got
    forms = os.path.join(root, "tests/fixtures/forms")
    got = drop([("自评表.docx", os.path.join(forms, "f03-yongde-minglang-school-2022-selfeval.docx"))])
    shown = script("return document.body.textContent.indexOf('原表总分 96') >= 0")
    print("Word form:", got, "| printed total shown:", shown)
    assert got == "projects:1" and shown, got
    got = drop([("表单.xlsx", os.path.join(forms, "variants/v01-stacked.xlsx"))])
    print("workbook of forms:", got)
    assert got == "projects:2", got
    # a target table alone: the forms to fill are offered, nothing is scored as zeros
    call("POST", s + "/url", {"url": server + "/"})
    wait("return document.getElementById('drop') !== null", "the page")
    payload = [["targets.tsv", base64.b64encode(open(sample + "/targets.tsv", "rb").read()).decode()]]
    script("""
      var dt = new DataTransfer(), f = arguments[0][0], bin = atob(f[1]), bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f[0]));
      document.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    """, payload)
    offer = wait("var e = document.getElementById('fill-in-xlsx'); return e && e.download", "the forms to fill")
    zeros = script("return document.body.textContent.indexOf('0.00（差）') >= 0")
    print("table alone: offers", offer, "| scored as zeros:", zeros)
    assert offer.endswith("填报自评表.xlsx") and not zeros, offer
    png = os.path.join(out, "page-sample.png")
    got = drop([("截图.png", png)])
    print("a picture:", got)
    assert got.startswith("error:") and "读不出表格" in got, got
    open(out + "/page-form.png", "wb").write(base64.b64decode(call("GET", s + "/screenshot")))
    # The parse box takes a Tab as a person types one, and reads deadlines in the 年度 typed;
    # the page is opened by a link with a malformed hash (it stopped the page's script: H73)
    call("POST", s + "/url", {"url": server + "/#%E0%A4%A"})
    wait("return document.getElementById('parse-input') !== null", "the page")
    script("""var y = document.querySelector('input[name=year]'); y.value = '2023';
              var t = document.getElementById('parse-input'); t.value = '完成时间'; t.focus();
              t.selectionStart = t.selectionEnd = t.value.length;
              t.dispatchEvent(new KeyboardEvent('keydown', {key: 'Tab', bubbles: true, cancelable: true}));
              t.value = t.value + '9月前'; t.dispatchEvent(new Event('input'));""")
    rows = wait("var r = document.querySelectorAll('#parse-output tr'); return r.length == 1 && [r[0].children[1].textContent, r[0].children[4].textContent]", "the parse box with a year")
    print("parse box, Tab and 年度:", rows)
    assert rows == ["完成时间", "< 2023-09"], rows
    # At 1400 px: the 自评表 is a table, the chart the SVG; the files used are listed first.
    sample_drop = [(n if n != "actuals.yaml" else "年终实际值.yaml", os.path.join(sample, n)) for n in sorted(os.listdir(sample))]

    def layout():
        return script("""
          var w = window.innerWidth, rows = Array.from(document.querySelectorAll('table.selfeval tbody tr'));
          var files = Array.from(document.querySelectorAll('#files-used tbody tr')).map(function (r) {
            return Array.from(r.children).map(function (c) { return c.textContent; }); });
          var svg = document.querySelector('svg[aria-label="项目得分条形图"]'), bars = document.querySelector('ol.bars');
          var first = document.querySelector('#results h2, #results table');
          return {
            page: document.documentElement.scrollWidth, window: w, files: files,
            filesFirst: !!first && first.textContent.indexOf('使用的文件') === 0,
            display: rows.length ? getComputedStyle(rows[0]).display : '',
            rows: rows.length,
            outside: rows.filter(function (r) { var b = r.getBoundingClientRect(); return b.left < -0.5 || b.right > w + 0.5; }).length,
            cells: rows.slice(0, 40).map(function (r) {
              return [4, 5, 6, 7, 8, 10].map(function (i) {
                var c = r.children[i - 1]; if (!c || getComputedStyle(c).display === 'none') return null;
                var b = c.getBoundingClientRect(); return [Math.round(b.left), Math.round(b.right)]; }); }),
            svg: svg ? getComputedStyle(svg).display : 'absent',
            bars: bars ? getComputedStyle(bars).display : 'absent',
            barFont: bars ? parseFloat(getComputedStyle(bars.querySelector('.label')).fontSize) : 0,
            barRows: bars ? bars.children.length : 0
          };
        """)

    def shot(name, selector=None):
        if selector:
            script("var e = document.querySelector(arguments[0]); if (e) e.scrollIntoView();", selector)
        elif selector is None:
            script("window.scrollTo(0, 0)")
        path = os.path.join(out, name)
        open(path, "wb").write(base64.b64decode(call("GET", s + "/screenshot")))
        return path

    got = drop(sample_drop)
    wide = layout()
    print("at 1400 px:", got, "| rows:", wide["rows"], wide["display"], "| chart:", wide["svg"], "bars:", wide["bars"],
          "| files used:", [f[:2] for f in wide["files"]])
    assert got == "projects:29" and wide["filesFirst"], wide
    assert wide["display"] == "table-row" and wide["svg"] != "none" and wide["bars"] == "none", wide
    roles = {f[0]: f[1] for f in wide["files"]}
    assert roles.get("年终实际值.yaml") == "实际值", roles
    assert sum(1 for r in roles.values() if r == "表格") == 1, roles
    # the same table in other formats is named, not read twice; the list of targets is no table
    assert [n for n, r in roles.items() if r == "副本"], roles
    shots = [shot("page-1400-files.png", "#files-used"), shot("page-1400-selfeval.png", "table.selfeval")]
    # At 400 px the page is no wider than the screen: each indicator a card within the width,
    # its name, target, actual, 分值, 得分 and verdict on screen; the chart as readable bars.
    # (the same page, narrowed: the layout follows the width, no new drop needed)
    call("POST", s + "/window/rect", {"width": 400, "height": 900})
    narrow = layout()
    print("at 400 px: page width / window:", narrow["page"], "/", narrow["window"], "| rows:", narrow["rows"],
          narrow["display"], "outside:", narrow["outside"], "| chart:", narrow["svg"], "bars:", narrow["bars"],
          narrow["barRows"], "label px:", narrow["barFont"])
    assert narrow["window"] <= 400 and narrow["page"] <= narrow["window"] + 1, narrow
    assert narrow["display"] == "grid" and narrow["rows"] == wide["rows"] and narrow["outside"] == 0, narrow
    for cells in narrow["cells"]:
        for c in cells:
            assert c is None or (c[0] >= 0 and c[1] <= narrow["window"]), (cells, narrow["window"])
    assert narrow["svg"] == "none" and narrow["bars"] == "block" and narrow["barRows"] == 29 and narrow["barFont"] >= 12, narrow
    assert narrow["filesFirst"] and roles == {f[0]: f[1] for f in narrow["files"]}, narrow["files"]
    shots += [shot("page-400.png"), shot("page-400-files.png", "#files-used"),
              shot("page-400-bars.png", "ol.bars"), shot("page-400-cards.png", "table.selfeval tbody tr:nth-child(2)")]
    # A pile at 400 px: several forms and a copy dropped at once give the roll-up first; a row
    # opens its form's folded 自评表 at that project.
    pile = [("各单位／" + n, os.path.join(forms, n)) for n in [
        "f01-tianchang-water-2022-selfeval.xlsx", "f02-zhongjiang-water-2022-selfeval.xlsx",
        "f03-yongde-minglang-school-2022-selfeval.xlsx", "f03-yongde-minglang-school-2022-selfeval.docx"]]
    got = drop(pile)
    rollup = script("""
      var rows = document.querySelectorAll('#rollup tbody tr'), first = document.querySelector('#results h2');
      var forms = document.querySelectorAll('details.form');
      return [rows.length, forms.length, first && first.textContent,
              Array.from(forms).filter(function (d) { return d.open; }).length,
              document.documentElement.scrollWidth, window.innerWidth,
              Array.from(document.querySelectorAll('#rollup-downloads a')).map(function (a) { return a.download; })];
    """)
    print("a pile at 400 px:", got, "| roll-up rows, tables, first heading, open, width, downloads:", rollup)
    assert rollup[0] >= 3 and rollup[1] == 3 and rollup[2].startswith("使用的文件") and rollup[3] == 0, rollup
    assert rollup[4] <= rollup[5] + 1 and "各单位-复核汇总.csv" in rollup[6] and "各单位-复核汇总.xlsx" in rollup[6], rollup
    shots.append(shot("page-400-rollup.png", "#rollup"))
    opened = script("""
      var a = document.querySelector('#rollup tbody tr:last-child a'); a.click();
      var target = document.getElementById(a.getAttribute('href').slice(1)), b = target.getBoundingClientRect();
      var fold = target.closest('details.form');
      return [a.getAttribute('href'), fold && fold.open, b.top >= -1 && b.top < window.innerHeight];
    """)
    print("a roll-up row opens its form:", opened)
    assert opened[1] and opened[2], opened
    shots.append(shot("page-400-rollup-opened.png", ""))
    call("POST", s + "/window/rect", {"width": 1400, "height": 1800})
    wide_rollup = script("return [document.documentElement.scrollWidth, window.innerWidth, getComputedStyle(document.querySelector('#rollup tbody tr')).display]")
    print("a pile at 1400 px: page width / window, row display:", wide_rollup)
    assert wide_rollup[0] <= wide_rollup[1] + 1 and wide_rollup[2] == "table-row", wide_rollup
    shots.append(shot("page-1400-rollup.png", "#rollup"))
    print("screenshots:", ", ".join(shots))
    print("1 passed, 0 failed")
finally:
    call("DELETE", s)
