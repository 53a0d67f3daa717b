"""Drive headless chromium through chromedriver (WebDriver over HTTP, standard library only):
drop the sample on the page, check its 29 projects and the five download links, try the parse
box, and keep a screenshot. Usage: drive.py SERVER_URL CHROMEDRIVER_URL SAMPLE_DIR OUT_DIR"""
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
    scored = script("return document.body.textContent.indexOf('93.41') >= 0")
    print("whole folder:", got, "| scored with its actuals (mean 93.41):", scored)
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
    # The parse box takes a Tab as a person types one, and reads deadlines in the 年度 typed.
    call("POST", s + "/url", {"url": server + "/"})
    wait("return document.getElementById('parse-input') !== null", "the page")
    script("""var y = document.querySelector('input[name=year]'); y.value = '2023';
              var t = document.getElementById('parse-input'); t.value = '完成时间'; t.focus();
              t.selectionStart = t.selectionEnd = t.value.length;
              t.dispatchEvent(new KeyboardEvent('keydown', {key: 'Tab', bubbles: true, cancelable: true}));
              t.value = t.value + '9月前'; t.dispatchEvent(new Event('input'));""")
    rows = wait("var r = document.querySelectorAll('#parse-output tr'); return r.length == 1 && [r[0].children[1].textContent, r[0].children[4].textContent]", "the parse box with a year")
    print("parse box, Tab and 年度:", rows)
    assert rows == ["完成时间", "< 2023-09"], rows
    # At 400 px the page is no wider than the screen: tables and the chart scroll in their box.
    call("POST", s + "/window/rect", {"width": 400, "height": 900})
    got = drop([(n if n != "actuals.yaml" else "年终实际值.yaml", os.path.join(sample, n)) for n in sorted(os.listdir(sample))])
    width = script("return [document.documentElement.scrollWidth, window.innerWidth]")
    print("at 400 px:", got, "| page width / window:", width)
    assert got == "projects:29" and width[0] <= width[1] + 1, width
    open(out + "/page-400.png", "wb").write(base64.b64decode(call("GET", s + "/screenshot")))
    call("POST", s + "/window/rect", {"width": 1400, "height": 1800})
    print("1 passed, 0 failed")
finally:
    call("DELETE", s)
