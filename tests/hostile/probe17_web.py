#!/usr/bin/env python3
"""The seventeenth probe's server cases (H114): web pages whose style sheets are bombs, uploaded
to the API and dropped on the page; multipart bodies full of near-boundaries; after each case
`GET /` must answer. Loopback only, bounded in time.

    python3 tests/hostile/probe17_web.py BIN [SERVE-ARGS...]
"""
import os, re, sys, threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import probe_server as ps  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
HEAD = "<html><head><meta charset=utf-8><style>%s</style></head><body>%s</body></html>"
TABLE = "<table><tr><td>项目名称</td><td>甲</td></tr></table>"
SHEET = "项目名称\t指标名称\t年度指标值\t实际完成值\n甲\t培训人数\t≥100人\t120人\n".encode()
api = ps.api


def token():
    page = ps.raw(b"GET / HTTP/1.1\r\n" + ps.HOST + b"Connection: close\r\n\r\n", 10)
    m = re.search(rb'name="jixiao-token" content="([^"]+)"', page)
    return m.group(1) if m else b""


def case(name, f):
    ps.case(SRV, name, f, 46, " (server+workers)")


selectors = (HEAD % ("x * * * * * {display:grid}\n" * 256, "<div>" * 31 + TABLE
                     + "<div></div>" * 3000 + "</div>" * 31)).encode()
nested = (HEAD % ("@media{" * 36000 + "div{display:grid}" + "}" * 36000, TABLE)).encode()

SRV = ps.start(BIN, sys.argv[2:])
print("server pid %d port %d" % (SRV.pid, ps.PORT), flush=True)
for path in ("/api/inspect", "/api/evaluate?format=json"):
    case("css selectors (41 KB) " + path, lambda p=path: api(p, [(b"table", b"p.html", selectors)]))
    case("css nested @media (288 KB) " + path, lambda p=path: api(p, [(b"table", b"p.html", nested)]))
case("css selectors, page drop", lambda: api("/", [(b"csrf", None, token()),
                                                  (b"file", b"p.html", selectors)]))
case("css nested @media, page drop", lambda: api("/", [(b"csrf", None, token()),
                                                      (b"file", b"p.html", nested)]))


def two_at_once():
    res = []
    ths = [threading.Thread(target=lambda: res.append(api("/api/inspect", [(b"table", b"p.html", nested)])))
           for _ in range(4)]
    for t in ths:
        t.start()
    for t in ths:
        t.join()
    return [r[0] for r in res]


case("css nested @media, 4 at once", two_at_once)
# multipart bodies of near-boundaries: a 70-character boundary, the body its prefix repeated
B = b"b" * 70
near = b"\r\n--" + B[:-1] + b"x"
body = (b"--" + B + b"\r\nContent-Disposition: form-data; name=\"table\"; filename=\"t.tsv\"\r\n\r\n"
        + SHEET + near * 200_000 + b"\r\n--" + B + b"--\r\n")
case("multipart: 200,000 near-boundaries (15 MB)",
     lambda: api("/api/inspect", body=body, ctype=b"multipart/form-data; boundary=" + B))
body = (b"--" + B + b"\r\nContent-Disposition: form-data; name=\"table\"; filename=\"t.tsv\"\r\n\r\n"
        + SHEET + (b"\r\n-" * 5_000_000) + b"\r\n--" + B + b"--\r\n")
case("multipart: 5 M `\\r\\n-` (15 MB)",
     lambda: api("/api/inspect", body=body, ctype=b"multipart/form-data; boundary=" + B))
body = b"".join(b"--" + B + b"\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nx\r\n"
                for _ in range(10_000)) + b"--" + B + b"--\r\n"
case("multipart: 10,000 csrf fields, page",
     lambda: api("/", body=body, ctype=b"multipart/form-data; boundary=" + B))
print("server alive at the end:", SRV.poll() is None, "GET /", ps.get_root())
SRV.kill()
