#!/usr/bin/env python3
"""The eighteenth probe's server cases (H126): rule files of large patterns over many
indicators (`/api/review`, `/api/evaluate`), HTTP heads of 10,000 headers and request lines of a
megabyte, chunk-size lines and extensions, slow heads before the body, multipart bodies of
100,000 parts and part heads of 10 MB, pipelined requests after a body, many cancels at once;
after each case `GET /` must answer. Loopback only, bounded in time.

    python3 tests/hostile/probe18_web.py BIN [SERVE-ARGS...]
"""
import os, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import probe_server as ps  # noqa: E402

BIN = os.path.abspath(sys.argv[1])


def api(path, parts=None, body=None, ctype=b"text/plain", timeout=120):
    return ps.api(path, parts, body, ctype, timeout, rb"(?:web|table|rules)[.:]+[a-z-]+")


def case(name, f):
    ps.case(SRV, name, f, 50)


def sheet(n):
    rows = ["项目名称\t指标名称\t年度指标值\t实际完成值"]
    rows += ["项目%d\t培训人数第%d号\t≥100人\t120人" % (i // 10, i) for i in range(n)]
    return ("\n".join(rows) + "\n").encode()


def heavy_rules(n):
    """n rules every indicator must try, each a pattern near the compiled-size limit."""
    return ("rules:\n" + "".join('  - id: r%d\n    when: indicator ~ "\\\\w{20}%s?"\n    require: actual >= 0\n'
                                 % (i, chr(0x4E00 + i)) for i in range(n))).encode()


def raw_timed(data, timeout=30):
    """The status and the length of the answer to `data`."""
    out = ps.raw(data, timeout)
    return ps.status_of(out), len(out)


SRV = ps.start(BIN, sys.argv[2:])
print("server pid %d port %d" % (SRV.pid, ps.PORT), flush=True)
T = sheet(200_000)
for n in (10, 130):
    case("review: %d heavy rules x 200,000 indicators" % n,
         lambda n=n: api("/api/review?format=json", [(b"table", b"t.tsv", T), (b"rules", b"r.yaml", heavy_rules(n))]))
    case("evaluate: %d heavy rules x 200,000 indicators" % n,
         lambda n=n: api("/api/evaluate?format=jsonl", [(b"table", b"t.tsv", T), (b"rules", b"r.yaml", heavy_rules(n))]))
small = sheet(2)
# heads
case("10,000 headers", lambda: raw_timed(b"GET / HTTP/1.1\r\n" + ps.HOST + b"".join(
    b"X-%d: a\r\n" % i for i in range(10_000)) + b"Connection: close\r\n\r\n"))
case("request line of 1 MB", lambda: raw_timed(b"GET /" + b"a" * (1 << 20) + b" HTTP/1.1\r\n" + ps.HOST + b"\r\n"))
case("a header of 1 MB", lambda: raw_timed(b"GET / HTTP/1.1\r\n" + ps.HOST + b"X: " + b"a" * (1 << 20) + b"\r\n\r\n"))
# chunked: a chunk-size line of 1 MB of zeros, an extension of 1 MB, 100,000 extensions
for label, size_line in (("chunk-size of 1 MB of zeros", b"0" * (1 << 20) + b"5"),
                         ("chunk extension of 1 MB", b"5;" + b"a" * (1 << 20)),
                         ("100,000 chunk extensions", b"5" + b";a=b" * 100_000)):
    case(label, lambda s=size_line: raw_timed(
        b"POST /api/parse HTTP/1.1\r\n" + ps.HOST + b"Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
        b"Connection: close\r\n\r\n" + s + b"\r\nabcde\r\n0\r\n\r\n"))
# slow head: a byte a second for 15 s, then the body
def slow_head():
    s = ps.conn(40)
    head = ps.post("/api/parse", b"text/plain", b"x")
    t0 = time.time()
    try:
        for i in range(len(head)):
            s.sendall(head[i:i + 1])
            time.sleep(0.5)
            if time.time() - t0 > 20:
                break
    except OSError as e:
        return "cut after %.1f s (%s)" % (time.time() - t0, type(e).__name__)
    out = ps.read_all(s)
    return ps.status_of(out), "%.1f s" % (time.time() - t0)
case("slow head (a byte each 0.5 s)", slow_head)
# multipart: 100,000 parts; a part head of 10 MB; a part name of 1 MB
B = b"b" * 40
body = b"".join(b"--" + B + b"\r\nContent-Disposition: form-data; name=\"x%d\"\r\n\r\nx\r\n" % i
                for i in range(100_000)) + b"--" + B + b"--\r\n"
case("multipart: 100,000 parts (7 MB)", lambda: api("/api/inspect", body=body, ctype=b"multipart/form-data; boundary=" + B))
body = (b"--" + B + b"\r\nContent-Disposition: form-data; name=\"table\"; filename=\"t.tsv\"\r\nX: "
        + b"a" * (10 << 20) + b"\r\n\r\n" + small + b"\r\n--" + B + b"--\r\n")
case("multipart: a part head of 10 MB", lambda: api("/api/inspect", body=body, ctype=b"multipart/form-data; boundary=" + B))
body = (b"--" + B + b"\r\nContent-Disposition: form-data; name=\"table\"; filename=\"" + b"a" * (1 << 20)
        + b".tsv\"\r\n\r\n" + small + b"\r\n--" + B + b"--\r\n")
case("multipart: a filename of 1 MB", lambda: api("/api/inspect", body=body, ctype=b"multipart/form-data; boundary=" + B))
body = (b"--" + B + b"\r\nContent-Disposition: form-data; name=\"table\"; filename=\"t.tsv\"\r\n"
        + b"".join(b"X-%d: a\r\n" % i for i in range(100_000)) + b"\r\n" + small + b"\r\n--" + B + b"--\r\n")
case("multipart: 100,000 part headers", lambda: api("/api/inspect", body=body, ctype=b"multipart/form-data; boundary=" + B))
# pipelining: a parse with a body, then 100 GETs on the same connection
req = ps.post("/api/parse", b"text/plain", b"\xe2\x89\xa5100\xe4\xba\xba", close=False)
case("pipelined: 1 parse + 100 GET /", lambda: raw_timed(req + (b"GET / HTTP/1.1\r\n" + ps.HOST + b"\r\n") * 100
                                                            + b"GET / HTTP/1.1\r\n" + ps.HOST + b"Connection: close\r\n\r\n"))
# many cancels at once: 50 clients upload a 200,000-indicator evaluate and close after 0.3 s
def cancels():
    data = ps.post("/api/evaluate?format=json", *ps.multipart([(b"table", b"t.tsv", T)]))
    socks = []
    for _ in range(50):
        try:
            s = ps.conn(5)
            s.sendall(data)
            socks.append(s)
        except OSError:
            pass
    time.sleep(0.3)
    for s in socks:
        s.close()
    time.sleep(2)
    return "%d sent and closed" % len(socks)
case("50 evaluate uploads cancelled at once", cancels)
time.sleep(2)
print("server alive at the end:", SRV.poll() is None, "GET /", ps.get_root())
SRV.kill()
