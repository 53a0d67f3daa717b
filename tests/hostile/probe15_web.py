#!/usr/bin/env python3
"""The fifteenth session's probe of `jixiao serve` (H97), as an outside attacker would, on the
code as it stands after the fourteenth session: loopback only, bounded in time.

    python3 tests/hostile/probe15_web.py BIN [SECTION...]
        sections: same, http, multipart, cancel, slow, many, drops (all when none is named)

Each line: the case, what came back, the time, and the server's and its workers' peak resident
memory over the case (sampled every 20 ms), then whether `GET /` still answered. `same` checks
that every valid answer is the command line's bytes (evaluate in every format, inspect, review,
parse; the API and the page's downloads). `cancel` closes the connection mid-work (an xlsx
render, a page drop) and measures how long the worker lives on. Standard library only.
"""
import base64, hashlib, os, re, socket, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import probe_server as ps  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
ONLY = sys.argv[2:]
SAMPLE = os.path.join(ROOT, "samples", "guangzhou-hpf-2023")


def want(s):
    return not ONLY or s in ONLY


def read(name):
    with open(os.path.join(SAMPLE, name), "rb") as f:
        return f.read()


def rss(pid):
    try:
        return int(re.search(r"VmRSS:\s+(\d+)", open("/proc/%d/status" % pid).read()).group(1))
    except (OSError, AttributeError):
        return 0


def children(pid):
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                st = open("/proc/%s/stat" % d).read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(st[1]) == pid:
                out.append(int(d))
    return out


class Peak:
    """The server's and its largest worker's resident memory, sampled."""

    def __init__(self, pid):
        self.pid, self.server, self.worker, self.go = pid, 0, 0, True
        self.t = threading.Thread(target=self.run, daemon=True)
        self.t.start()

    def run(self):
        while self.go:
            self.server = max(self.server, rss(self.pid))
            for c in children(self.pid):
                self.worker = max(self.worker, rss(c))
            time.sleep(0.02)

    def stop(self):
        self.go = False
        self.t.join()
        return self.server // 1024, self.worker // 1024


SRV = None


def case(name, f):
    peak = Peak(SRV.pid)
    t0 = time.time()
    try:
        got = f()
    except Exception as e:  # noqa: BLE001 - a probe reports, never stops
        got = "error " + repr(e)[:80]
    took = time.time() - t0
    server, worker = peak.stop()
    root = ps.get_root()
    alive = SRV.poll() is None
    print("%-52s %-60s %6.2f s  server %4d MB worker %4d MB  GET / %s%s" % (
        name, str(got)[:60], took, server, worker, root, "" if alive else "  SERVER DOWN"), flush=True)
    return got


def body_of(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    if b"transfer-encoding: chunked" in head.lower():
        out, rest = b"", body
        while rest:
            line, _, rest = rest.partition(b"\r\n")
            n = int(line.split(b";")[0] or b"0", 16)
            if n == 0:
                break
            out, rest = out + rest[:n], rest[n + 2:]
        return out
    return body


def api(path, parts=None, body=None, ctype=b"text/plain", extra=b"", timeout=120):
    if parts is not None:
        ctype, body = ps.multipart(parts)
    out = ps.raw(ps.post(path, ctype, body, extra), timeout)
    return ps.status_of(out), body_of(out)


def cli(args, cwd=SAMPLE):
    p = subprocess.run([BIN] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout


def token():
    page = ps.raw(b"GET / HTTP/1.1\r\n" + ps.HOST + b"Connection: close\r\n\r\n", 10).decode("utf-8", "replace")
    m = re.search(r'name="jixiao-token" content="([^"]+)"', page)
    return m.group(1).encode() if m else b""


def md5(b):
    return hashlib.md5(b).hexdigest()[:8]


# ------------------------------------------------------------------ same bytes as the CLI
def section_same():
    t, a = read("targets.tsv"), read("actuals.yaml")
    for fmt in ("json", "jsonl", "csv", "table", "markdown", "html", "xlsx"):
        def f(fmt=fmt):
            s, b = api("/api/evaluate?format=" + fmt, [(b"table", b"targets.tsv", t), (b"actuals", b"actuals.yaml", a)])
            with tempfile.TemporaryDirectory() as d:
                o = os.path.join(d, "r." + fmt)
                code, _ = cli(["evaluate", "targets.tsv", "actuals.yaml", "--format", fmt, "-o", o])
                want = open(o, "rb").read() if code == 0 else b"?"
            return "%s %s %s" % (s, "same" if b == want else "DIFFER %s/%s" % (md5(b), md5(want)), len(b))
        case("same: evaluate format=" + fmt, f)
    for verb, fmt in (("inspect", "json"), ("inspect", "table"), ("review", "json"), ("review", "markdown"),
                      ("review", "human")):
        def f(verb=verb, fmt=fmt):
            s, b = api("/api/%s?format=%s" % (verb, fmt), [(b"table", b"targets.tsv", t)])
            code, want = cli([verb, "targets.tsv", "--format", fmt])
            return "%s %s %d" % (s, "same" if b == want else "DIFFER %s/%s" % (md5(b), md5(want)), len(b))
        case("same: %s format=%s" % (verb, fmt), f)
    ind = read("indicators.tsv")

    def parse():
        s, b = api("/api/parse", body=ind)
        code, want = cli(["parse", "indicators.tsv", "--format", "jsonl"])
        return "%s %s" % (s, "same" if b == want else "DIFFER %s/%s" % (md5(b), md5(want)))
    case("same: parse", parse)

    # the page's downloads: each base64 link's bytes against the CLI's report of that format
    def page():
        tk = token()
        s, b = api("/", [(b"csrf", None, tk), (b"file", b"targets.tsv", t), (b"file", b"actuals.yaml", a)])
        links = re.findall(rb'<a download="([^"]+)" href="data:([^"]+?);base64,([A-Za-z0-9+/=]+)"', b)
        res = []
        for name, mime, data in links:
            ext = name.decode().rsplit(".", 1)[-1]
            fmt = {"json": "json", "csv": "csv", "xlsx": "xlsx", "md": "markdown", "html": "html",
                   "jsonl": "jsonl"}.get(ext)
            if not fmt:
                res.append("%s ?" % ext)
                continue
            with tempfile.TemporaryDirectory() as d:
                o = os.path.join(d, "r." + ext)
                cli(["evaluate", "targets.tsv", "actuals.yaml", "--format", fmt, "-o", o])
                want = open(o, "rb").read()
            res.append("%s %s" % (ext, "=" if base64.b64decode(data) == want else "DIFFER"))
        return "%s %s" % (s, " ".join(res) or "no downloads")
    case("same: page drop downloads", page)


# ------------------------------------------------------------------ malformed HTTP
def section_http():
    H = ps.HOST

    def rawcase(name, data, timeout=15):
        case(name, lambda: (lambda o: "%s %d B %s" % (ps.status_of(o), len(o), re.findall(rb"web\.[a-z-]+", o)[:1]))(
            ps.raw(data, timeout)))

    ind = b"\xe8\xb4\xad\xe7\xbd\xae\xe6\x95\xb0\xe9\x87\x8f\t\xe2\x89\xa5100\xe5\x8f\xb0\n"
    rawcase("chunked: size not hex", b"POST /api/parse HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
    rawcase("chunked: size 2^72", b"POST /api/parse HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nabc\r\n0\r\n\r\n")
    rawcase("chunked: size larger than the data, then close", b"POST /api/parse HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\n1000\r\nabc")
    rawcase("chunked: 1 MB chunk extension", b"POST /api/parse HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\n3;" + b"x" * (1 << 20) + b"\r\nabc\r\n0\r\n\r\n")
    rawcase("chunked: 10 000 one-byte chunks", b"POST /api/parse HTTP/1.1\r\n" + H + b"Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n" + b"".join(b"1\r\n%c\r\n" % c for c in (ind * 400)[:10000]) + b"0\r\n\r\n")
    rawcase("chunked: 1 MB of trailers", b"POST /api/parse HTTP/1.1\r\n" + H + b"Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n" % len(ind) + ind + b"\r\n0\r\n" + b"X-T: y\r\n" * 100000 + b"\r\n")
    rawcase("chunked and Content-Length, a request behind", b"POST /api/parse HTTP/1.1\r\n" + H + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /x HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    rawcase("two Content-Length", b"POST /api/parse HTTP/1.1\r\n" + H + b"Content-Length: 3\r\nContent-Length: 30\r\n\r\nabc")
    rawcase("Content-Length 2^64", b"POST /api/parse HTTP/1.1\r\n" + H + b"Content-Length: 18446744073709551616\r\n\r\nabc")
    rawcase("Content-Length -1", b"POST /api/parse HTTP/1.1\r\n" + H + b"Content-Length: -1\r\n\r\nabc")
    rawcase("a 100 KB header", b"GET / HTTP/1.1\r\n" + H + b"X-Big: " + b"a" * 100000 + b"\r\n\r\n")
    rawcase("a 60 KB URL", b"GET /?" + b"a" * 60000 + b" HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    rawcase("500 headers", b"GET / HTTP/1.1\r\n" + H + b"".join(b"X-%d: y\r\n" % i for i in range(500)) + b"\r\n")
    rawcase("99 headers", b"GET / HTTP/1.1\r\n" + H + b"Connection: close\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(96)) + b"\r\n")
    rawcase("a NUL in a header value", b"GET / HTTP/1.1\r\n" + H + b"X-A: a\x00b\r\nConnection: close\r\n\r\n")
    rawcase("bare LF line ends", b"GET / HTTP/1.1\n" + H.replace(b"\r\n", b"\n") + b"Connection: close\n\n")
    rawcase("HTTP/1.0 with Host, keep-alive, 3 requests", (b"GET / HTTP/1.0\r\n" + H + b"Connection: keep-alive\r\n\r\n") * 2 + b"GET / HTTP/1.0\r\n" + H + b"\r\n")
    rawcase("HTTP/2.0 request line", b"GET / HTTP/2.0\r\n" + H + b"\r\n")
    rawcase("HTTP/1.1 without version digit", b"GET / HTTP/1.\r\n" + H + b"\r\n")
    rawcase("method of 10 KB", b"A" * 10000 + b" / HTTP/1.1\r\n" + H + b"\r\n")
    rawcase("PUT /api/evaluate", b"PUT /api/evaluate HTTP/1.1\r\n" + H + b"Content-Length: 0\r\nConnection: close\r\n\r\n")
    rawcase("OPTIONS *", b"OPTIONS * HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    rawcase("TRACE /", b"TRACE / HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n")
    rawcase("Host 127.0.0.1:PORT@evil", b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d@evil.example\r\nConnection: close\r\n\r\n" % ps.PORT)
    rawcase("Host localhost.:PORT", b"GET / HTTP/1.1\r\nHost: localhost.:%d\r\nConnection: close\r\n\r\n" % ps.PORT)
    rawcase("Host 2130706433:PORT (decimal IP)", b"GET / HTTP/1.1\r\nHost: 2130706433:%d\r\nConnection: close\r\n\r\n" % ps.PORT)
    rawcase("Host 0x7f.1:PORT", b"GET / HTTP/1.1\r\nHost: 0x7f.1:%d\r\nConnection: close\r\n\r\n" % ps.PORT)
    rawcase("absolute-form with userinfo", b"GET http://127.0.0.1:%d@evil.example/ HTTP/1.1\r\n" % ps.PORT + H + b"Connection: close\r\n\r\n")
    rawcase("Expect: 100-continue, 1 GB declared", b"POST /api/parse HTTP/1.1\r\n" + H + b"Expect: 100-continue\r\nContent-Length: 1073741824\r\n\r\n", 20)
    rawcase("Expect: 100-continue then a parse", b"POST /api/parse HTTP/1.1\r\n" + H + b"Expect: 100-continue\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(ind) + ind)
    rawcase("Expect: something-else", b"POST /api/parse HTTP/1.1\r\n" + H + b"Expect: 200-ok\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(ind) + ind)
    rawcase("pipelined: 50 parse + GET / + a bad request", (b"POST /api/parse HTTP/1.1\r\n" + H + b"Content-Length: %d\r\n\r\n" % len(ind) + ind) * 50 + b"GET / HTTP/1.1\r\n" + H + b"\r\nBAD\r\n\r\n")

    def keepalive():
        s = ps.conn(30)
        n = 0
        req = b"GET /nothing HTTP/1.1\r\n" + H + b"\r\n"
        buf = b""
        for _ in range(2000):
            s.sendall(req)
            while b"\r\n\r\n" not in buf:
                k = s.recv(65536)
                if not k:
                    return "closed after %d" % n
                buf += k
            head, _, buf = buf.partition(b"\r\n\r\n")
            m = re.search(rb"content-length: (\d+)", head, re.I)
            need = int(m.group(1)) if m else 0
            while len(buf) < need:
                buf += s.recv(65536)
            buf = buf[need:]
            n += 1
        s.close()
        return "%d answered on one connection" % n
    case("keep-alive: 2 000 requests on one connection", keepalive)

    def idle():
        ss = [ps.conn(30) for _ in range(300)]
        for s in ss:
            s.sendall(b"GET / HTTP/1.1\r\n" + H)  # a head never finished
        t0 = time.time()
        r = ps.get_root()
        took = time.time() - t0
        closed = 0
        time.sleep(11)
        for s in ss:
            try:
                s.settimeout(0.5)
                if s.recv(100) == b"" or True:
                    closed += 1
            except OSError:
                pass
            s.close()
        return "GET / during %s in %.2f s; %d closed after 11 s" % (r, took, closed)
    case("300 unfinished heads", idle)


# ------------------------------------------------------------------ multipart
def section_multipart():
    t = read("targets.tsv")
    B = b"probe"

    def mp(body, ctype=b"multipart/form-data; boundary=probe", path="/api/inspect"):
        return lambda: (lambda r: "%s %s" % (r[0], re.findall(rb"(?:web|table)\.[a-z-]+", r[1])[:2]))(
            api(path, body=body, ctype=ctype))

    case("multipart: no boundary", mp(b"--probe\r\n\r\n", b"multipart/form-data"))
    case("multipart: 5 000 empty parts", mp(b"".join(b"--probe\r\nContent-Disposition: form-data; name=\"x%d\"\r\n\r\n\r\n" % i for i in range(5000)) + b"--probe--\r\n"))
    case("multipart: 5 000 file parts named file", mp(b"".join(b"--probe\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%d.txt\"\r\n\r\nx\r\n" % i for i in range(5000)) + b"--probe--\r\n", path="/api/evaluate"))
    case("multipart: a 1 MB part header", mp(b"--probe\r\nContent-Disposition: form-data; name=\"table\"; filename=\"" + b"a" * (1 << 20) + b".tsv\"\r\n\r\n" + t + b"\r\n--probe--\r\n"))
    case("multipart: no final boundary", mp(b"--probe\r\nContent-Disposition: form-data; name=\"table\"; filename=\"t.tsv\"\r\n\r\n" + t))
    case("multipart: boundary of 200 chars", mp(b"--" + b"b" * 200 + b"\r\nContent-Disposition: form-data; name=\"table\"; filename=\"t.tsv\"\r\n\r\n" + t + b"\r\n--" + b"b" * 200 + b"--\r\n", b"multipart/form-data; boundary=" + b"b" * 200))
    case("multipart: filename ../../etc/passwd", mp(b"--probe\r\nContent-Disposition: form-data; name=\"table\"; filename=\"../../etc/passwd\"\r\n\r\n" + t + b"\r\n--probe--\r\n"))
    case("multipart: filename with ESC and newline", mp(b"--probe\r\nContent-Disposition: form-data; name=\"table\"; filename=\"a\x1b[2Jb.tsv\"\r\n\r\n" + t + b"\r\n--probe--\r\n", path="/api/evaluate?format=table"))
    case("multipart: nested multipart/mixed", mp(b"--probe\r\nContent-Disposition: form-data; name=\"table\"\r\nContent-Type: multipart/mixed; boundary=in\r\n\r\n--in\r\n\r\nx\r\n--in--\r\n\r\n--probe--\r\n"))
    case("multipart: part with Content-Transfer-Encoding base64", mp(b"--probe\r\nContent-Disposition: form-data; name=\"table\"; filename=\"t.tsv\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(t) + b"\r\n--probe--\r\n"))
    case("multipart: 1 000 rules files", mp(b"".join(b"--probe\r\nContent-Disposition: form-data; name=\"rules\"; filename=\"r%d.yaml\"\r\n\r\nrules: []\r\n" % i for i in range(1000)) + b"--probe--\r\n", path="/api/review"))
    case("query: format given twice", lambda: api("/api/evaluate?format=json&format=xlsx", [(b"table", b"t.tsv", t)])[0])
    case("query: year=99999999999999999999", lambda: api("/api/evaluate?year=99999999999999999999", [(b"table", b"t.tsv", t)])[0])
    case("query: a 30 KB unknown parameter", lambda: api("/api/evaluate?x=" + "a" * 30000, [(b"table", b"t.tsv", t)])[0])
    case("query: %-encoded NUL and bad UTF-8 format", lambda: api("/api/evaluate?format=%00%ff", [(b"table", b"t.tsv", t)])[0])


# ------------------------------------------------------------------ cancel mid-work
def projects_sheet(n):
    head = "单位\t项目名称\t一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分\n"
    rows = ["示例单位\t项目%d\t产出指标\t数量指标\t完成数\t≥100人\t%d人\t100\t%d\n" % (i, 90 + i % 20, 90 if i % 20 < 10 else 100)
            for i in range(n)]
    return (head + "".join(rows)).encode()


def worker_life(send, close_after):
    """Sends a request, closes the connection `close_after` s later, and measures how long a
    worker stays alive after the close."""
    s = ps.conn(60)
    s.sendall(send)
    time.sleep(close_after)
    had = children(SRV.pid)
    s.close()
    t0 = time.time()
    while children(SRV.pid) and time.time() - t0 < 30:
        time.sleep(0.01)
    return "workers at close %d; gone %.2f s after" % (len(had), time.time() - t0)


def section_cancel():
    big = projects_sheet(10_000)
    ct, body = ps.multipart([(b"table", b"s.tsv", big)])
    for after in (0.3, 1.0, 2.0):
        case("cancel: xlsx of 10 000 projects, closed at %.1f s" % after,
             lambda after=after: worker_life(ps.post("/api/evaluate?format=xlsx", ct, body, close=False), after))
    tk = token()
    ct, body = ps.multipart([(b"csrf", None, tk), (b"file", b"s.tsv", big)])
    case("cancel: page drop of 10 000 projects, closed at 1 s",
         lambda: worker_life(ps.post("/", ct, body, close=False), 1.0))
    huge = projects_sheet(200_000)
    ct, body = ps.multipart([(b"table", b"s.tsv", huge)])
    case("cancel: review of 200 000 projects, closed at 1 s",
         lambda: worker_life(ps.post("/api/review?format=json", ct, body, close=False), 1.0))
    # closed while the answer flows (past the held 8 MB), the client having read a little
    case("cancel: inspect tree of 200 000 rows (200 MB), read 1 MB then closed", lambda: read_then_close(
        ps.post("/api/inspect?format=table", ct, body, close=False), 1 << 20))


def read_then_close(send, n):
    s = ps.conn(60)
    s.sendall(send)
    got = 0
    while got < n:
        k = s.recv(65536)
        if not k:
            break
        got += len(k)
    s.close()
    t0 = time.time()
    while children(SRV.pid) and time.time() - t0 < 30:
        time.sleep(0.01)
    return "read %d; worker gone %.2f s after" % (got, time.time() - t0)


# ------------------------------------------------------------------ slow readers and senders
def section_slow():
    huge = projects_sheet(200_000)
    ct, body = ps.multipart([(b"table", b"s.tsv", huge)])

    def slow_reader():
        s = ps.conn(120)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(ps.post("/api/inspect?format=table", ct, body, close=True))
        got, t0 = 0, time.time()
        try:
            while time.time() - t0 < 90:
                k = s.recv(1024)
                if not k:
                    break
                got += len(k)
                time.sleep(0.05)  # ~20 KB/s
        except OSError as e:
            return "read %d then %s after %.1f s" % (got, type(e).__name__, time.time() - t0)
        return "read %d, closed after %.1f s" % (got, time.time() - t0)
    case("slow reader of a flowing 200 MB answer (20 KB/s)", slow_reader)

    def never_reads():
        s = ps.conn(120)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(ps.post("/api/inspect?format=table", ct, body, close=True))
        t0 = time.time()
        while children(SRV.pid) == [] and time.time() - t0 < 5:
            time.sleep(0.01)
        while children(SRV.pid) and time.time() - t0 < 90:
            time.sleep(0.1)
        s.close()
        return "worker ended %.1f s after the upload" % (time.time() - t0)
    case("a client that never reads its 200 MB answer", never_reads)


# ------------------------------------------------------------------ many small requests
def section_many():
    ind = read("indicators.tsv")
    code, want = cli(["parse", "indicators.tsv", "--format", "jsonl"])
    stats = {}
    lock = threading.Lock()

    def client(n):
        for _ in range(n):
            try:
                s, b = api("/api/parse", body=ind, timeout=60)
                k = s if s != "200" else ("200 same" if b == want else "200 DIFFER")
            except OSError as e:
                k = type(e).__name__
            with lock:
                stats[k] = stats.get(k, 0) + 1

    def run():
        ths = [threading.Thread(target=client, args=(40,)) for _ in range(50)]
        t0 = time.time()
        for t in ths:
            t.start()
        for t in ths:
            t.join()
        return "%s in %.1f s" % (sorted(stats.items()), time.time() - t0)
    case("2 000 parses from 50 clients", run)

    def gets():
        st = {}
        t0 = time.time()

        def c():
            for _ in range(100):
                r = ps.get_root()
                with lock:
                    st[r] = st.get(r, 0) + 1
        ths = [threading.Thread(target=c) for _ in range(50)]
        for t in ths:
            t.start()
        for t in ths:
            t.join()
        return "%s in %.1f s" % (sorted(st.items()), time.time() - t0)
    case("5 000 GET / from 50 clients", gets)


# ------------------------------------------------------------------ hostile drops at once
def section_drops():
    files = os.environ.get("PROBE_DIR")
    if not files:
        d = tempfile.mkdtemp()
        subprocess.run([sys.executable, os.path.join(HERE, "probe.py"), d], stdout=subprocess.DEVNULL)
        files = d
    names = sorted(os.listdir(files))
    res = {}
    lock = threading.Lock()
    tk = token()

    def drop(batch):
        for n in batch:
            data = open(os.path.join(files, n), "rb").read()
            if len(data) > 50 << 20:
                continue
            for via in ("api", "page"):
                try:
                    if via == "api":
                        s, _ = api("/api/evaluate", [(b"table", n.encode(), data)], timeout=120)
                    else:
                        s, _ = api("/", [(b"csrf", None, tk), (b"file", n.encode(), data)], timeout=120)
                except OSError as e:
                    s = type(e).__name__
                with lock:
                    res.setdefault(s, []).append(via + ":" + n)

    def run():
        k = 6
        ths = [threading.Thread(target=drop, args=(names[i::k],)) for i in range(k)]
        for t in ths:
            t.start()
        for t in ths:
            t.join()
        return " ".join("%s×%d" % (s, len(v)) for s, v in sorted(res.items()))
    case("probe.py's %d files, api and page, 6 at once" % len(names), run)
    for s, v in sorted(res.items()):
        if not s.startswith(("200", "400", "413", "408", "503")):
            print("   ", s, v[:10])


SRV = ps.start(BIN, [])
print("server pid %d port %d" % (SRV.pid, ps.PORT), flush=True)
for name in ("same", "http", "multipart", "cancel", "slow", "many", "drops"):
    if want(name):
        globals()["section_" + name]()
print("server alive at the end:", SRV.poll() is None, "GET /", ps.get_root())
SRV.kill()
