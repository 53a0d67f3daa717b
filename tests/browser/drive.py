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
    raise SystemExit("FAIL: timed out waiting for " + what)


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
    print("1 passed, 0 failed")
finally:
    call("DELETE", s)
