#!/usr/bin/env python3
"""The nineteenth probe's server cases (H138): a name filled down over many indicators
(`/api/evaluate` as JSON lines and CSV, `/api/review`, a page drop: each line repeats it), rule
files of small patterns over a long filled-down name, keep-alive connections of 10,000
requests, many small uploads at the admission cap whose clients never read the answer, a
`columns` parameter of a megabyte, and the page drop of a 10 MB workbook again and again; after
each case `GET /` must answer, and the server's resident memory is shown. Loopback only,
bounded in time.

    python3 tests/hostile/probe19_web.py BIN [SERVE-ARGS...]
"""
import io, os, re, sys, threading, time, urllib.parse, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import probe_server as ps  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
api = ps.api


def rss_mb(pid):
    """Resident MB of the server and its workers (children)."""
    total = 0
    for p in [pid] + children(pid):
        try:
            for line in open("/proc/%d/status" % p):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total // 1024


def children(pid):
    out = []
    try:
        for c in open("/proc/%d/task/%d/children" % (pid, pid)).read().split():
            out.append(int(c))
    except OSError:
        pass
    return out


class Peak:
    """The peak resident MB of the server and its workers while a case runs (sampled every
    50 ms by a thread)."""

    def __init__(self):
        self.mb, self.on = 0, True
        threading.Thread(target=self.sample, daemon=True).start()

    def sample(self):
        while self.on:
            self.mb = max(self.mb, rss_mb(SRV.pid))
            time.sleep(0.05)

    def __str__(self):
        self.on = False
        return "  peak %d MB" % self.mb


def case(name, f):
    ps.case(SRV, name, f, 52, Peak())


def sized(path, parts, timeout=120):
    """The status, first finding code and length of the answer to a multipart POST."""
    ctype, body = ps.multipart(parts)
    out = ps.raw(ps.post(path, ctype, body), timeout)
    codes = re.findall(rb"(?:web|table|rules)[.:]+[a-z-]+", out[:1 << 16])[:1]
    return ps.status_of(out), codes, "%d bytes" % len(out)


def token():
    page = ps.raw(b"GET / HTTP/1.1\r\n" + ps.HOST + b"Connection: close\r\n\r\n", 10)
    m = re.search(rb'name="jixiao-token" content="([^"]+)"', page)
    return m.group(1) if m else b""


def filled_down(name, rows):
    """A sheet whose one project name (`name`) is written once, over `rows` indicators."""
    t = ["项目名称\t指标名称\t年度指标值\t实际完成值", "%s\t培训人数\t≥100人\t120人" % name]
    t += ["\t培训%d\t≥100人\t120人" % i for i in range(rows)]
    return ("\n".join(t) + "\n").encode()


def small_pattern_rules(n, field):
    """n rules every indicator must try, each a small pattern of no literal on `field`."""
    return ("rules:\n" + "".join('  - id: r%d\n    when: %s ~ "[^%s]\\\\s[^%s]\\\\d"\n    require: actual >= 0\n'
                                 % (i, field, chr(0x4E00 + i), chr(0x4E00 + i)) for i in range(n))).encode()


def keep_alive(n, req):
    """`n` requests one after another on one connection, each answer read before the next."""
    s = ps.conn(30)
    f = s.makefile("rb")
    codes = {}
    for _ in range(n):
        s.sendall(req)
        status = f.readline().split(b" ")[1]
        length = 0
        while True:
            line = f.readline()
            if line in (b"\r\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        f.read(length)
        codes[status] = codes.get(status, 0) + 1
    s.close()
    return {k.decode(): v for k, v in codes.items()}


def never_read(n, data, wait):
    """`n` clients send `data` and never read the answer; after `wait` s, two small parses."""
    socks = []
    for _ in range(n):
        try:
            s = ps.conn(5)
            s.sendall(data)
            socks.append(s)
        except OSError:
            pass
    time.sleep(wait)
    t0 = time.time()
    got = []
    while time.time() - t0 < 90:
        got.append(api("/api/parse", body="≥100人".encode())[0])
        if got[-1] == "200":
            break
        time.sleep(1)
    took = time.time() - t0
    for s in socks:
        s.close()
    return "%d sent; parse 200 after %.0f s (%d 503s)" % (len(socks), took, got.count("503"))


def workbook(rows):
    """An xlsx of `rows` indicator rows (inline strings, stored uncompressed)."""
    data = []
    head = ["项目名称", "指标名称", "年度指标值", "实际完成值"]
    for r, row in enumerate([head] + [["项目%d" % (i // 20), "培训人数%d" % i, "≥100人", "120人"] for i in range(rows)]):
        cells = "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + c), r + 1, v)
                        for c, v in enumerate(row))
        data.append('<row r="%d">%s</row>' % (r + 1, cells))
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>%s</sheetData></worksheet>' % "".join(data))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return b.getvalue()


SRV = ps.start(BIN, sys.argv[2:])
print("server pid %d port %d" % (SRV.pid, ps.PORT), flush=True)
# a 1 MB name filled down over 2,000 indicators: every line of the answer repeats it
long_name = filled_down("项目 " + "ab cd " * 170_000, 2000)
for path in ("/api/evaluate?format=jsonl", "/api/evaluate?format=csv", "/api/review?format=json",
             "/api/inspect"):
    case("1 MB name filled down x 2,000: " + path, lambda p=path: sized(p, [(b"table", b"t.tsv", long_name)]))
case("1 MB name filled down x 2,000: page drop",
     lambda: sized("/", [(b"csrf", None, token()), (b"file", b"t.tsv", long_name)]))
case("the same with 900 small patterns on project",
     lambda: api("/api/review?format=json", [(b"table", b"t.tsv", long_name),
                                              (b"rules", b"r.yaml", small_pattern_rules(900, "project"))]))
# a 1 KB name (within the limit) over 200,000 indicators
kb_name = filled_down("甲" * 340, 200_000)
case("1 KB name x 200,000: /api/evaluate?format=jsonl",
     lambda: sized("/api/evaluate?format=jsonl", [(b"table", b"t.tsv", kb_name)], timeout=180))
# keep-alive
case("keep-alive: 10,000 GET / on one connection",
     lambda: keep_alive(10_000, b"GET / HTTP/1.1\r\n" + ps.HOST + b"\r\n"))
parse = ps.post("/api/parse", b"text/plain", "≥100人".encode(), close=False)
case("keep-alive: 2,000 /api/parse on one connection", lambda: keep_alive(2_000, parse))
# many small uploads at the cap, never read
big_answer = ps.post("/api/evaluate?format=jsonl", *ps.multipart([(b"table", b"t.tsv", filled_down("甲" * 300, 60_000))]))
case("30 evaluate uploads (~100 MB answers each), never read", lambda: never_read(30, big_answer, 8))
# a columns parameter of 1 MB; of 100,000 pairs
cols = urllib.parse.quote("年度指标值=" + "x" * (1 << 20)).encode()
case("columns of 1 MB (query)", lambda: ps.status_of(ps.raw(ps.post("/api/inspect?columns=" + cols.decode(),
                                                                    *ps.multipart([(b"table", b"t.tsv", filled_down("甲", 3))])))))
pairs = urllib.parse.quote(",".join("年度指标值=列%d" % i for i in range(100_000)))
case("columns of 100,000 pairs (query)", lambda: ps.status_of(ps.raw(ps.post("/api/inspect?columns=" + pairs,
                                                                            *ps.multipart([(b"table", b"t.tsv", filled_down("甲", 3))])))))
# the page drop of a 10 MB workbook, five times
book = workbook(60_000)
print("workbook of %d bytes" % len(book), flush=True)
for k in range(5):
    case("page drop of a %d MB xlsx, #%d" % (len(book) >> 20, k + 1),
         lambda: api("/", [(b"csrf", None, token()), (b"file", b"t.xlsx", book)], timeout=180))
time.sleep(2)
print("server alive at the end:", SRV.poll() is None, "GET /", ps.get_root(), "rss %d MB" % rss_mb(SRV.pid))
SRV.kill()
