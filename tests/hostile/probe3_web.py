#!/usr/bin/env python3
"""Issue 27's third outside probe (H23), the server's side: HTTP/1.1 framing and the ways a
request can end that H15's probe_web.py did not try (pipelining, `Expect: 100-continue`, chunk
sizes and extensions, `Transfer-Encoding` beside `Content-Length`, `Range`, a client that goes
away in the middle of an xlsx render, thousands of small requests on one connection, the
page's own form fields). After each try `GET /` is asked again on a new connection.
    name  seconds  status  GET/  note
usage: python3 tests/hostile/probe3_web.py BIN SAMPLE_DIR BIG_SHEET [TRY...]
(BIG_SHEET: `cargo run --release --example synth -- --projects 3000 -o big.tsv`)
"""
import os, socket, sys, threading, time

import probe_server
from probe_server import conn, get_root, post, raw, read_all, status_of

BIN, SAMPLE, BIG = sys.argv[1], sys.argv[2], sys.argv[3]
srv = probe_server.start(BIN, ["--timeout", "20"])
port, HOST = probe_server.PORT, probe_server.HOST
TABLE = open(os.path.join(SAMPLE, "targets.tsv"), "rb").read()
ACTUALS = open(os.path.join(SAMPLE, "actuals.yaml"), "rb").read()


def multipart(parts):
    return probe_server.multipart(parts, b"probe3")


def peak():
    try:
        for line in open("/proc/%d/status" % srv.pid):
            if line.startswith("VmHWM"):
                return line.split(":")[1].strip()
    except OSError:
        return "?"


def timed(name, f):
    t = time.time()
    try:
        status, note = f()
    except Exception as e:  # noqa
        status, note = "exc", repr(e)[:80]
    dt = time.time() - t
    print("%-34s %6.2f  %-10s GET/ %s  %s" % (name, dt, status, get_root(), note), flush=True)


ct, body = multipart([(b"table", b"targets.tsv", TABLE), (b"actuals", b"actuals.yaml", ACTUALS)])


def pipelined():
    one = post("/api/parse", b"text/plain", b"95%\n", close=False)
    out = raw(one * 200 + b"GET / HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n")
    return str(out.count(b"HTTP/1.1 200")), "%d answers in one stream" % out.count(b"HTTP/1.1 ")


def pipelined_evaluate():
    one = post("/api/evaluate?format=json", ct, body, close=False)
    out = raw(one * 50 + b"GET / HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n", 120)
    return str(out.count(b"HTTP/1.1 200")), "%d answers" % out.count(b"HTTP/1.1 ")


def expect_continue():
    s = conn()
    s.sendall(b"POST /api/evaluate?format=json HTTP/1.1\r\n" + HOST + b"Content-Type: " + ct + b"\r\nContent-Length: %d\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n" % len(body))
    first = s.recv(4096)
    s.sendall(body)
    rest = read_all(s)
    s.close()
    return status_of(first), "then " + status_of(rest if first.startswith(b"HTTP/1.1 100") else first)


def expect_continue_never_sent():
    s = conn(40)
    s.sendall(b"POST /api/evaluate HTTP/1.1\r\n" + HOST + b"Content-Type: " + ct + b"\r\nContent-Length: 100000000\r\nExpect: 100-continue\r\n\r\n")
    t = time.time()
    out = read_all(s)
    s.close()
    return status_of(out[out.find(b"HTTP/1.1 4"):] if b"HTTP/1.1 4" in out else out), "closed after %.1f s" % (time.time() - t)


def expect_other():
    return status_of(raw(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Content-Length: 3\r\nExpect: 999-weird\r\nConnection: close\r\n\r\n95%")), ""


def te_and_cl():
    return status_of(raw(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\n95%\r\n0\r\n\r\n")), "smuggling shape"


def te_gzip():
    return status_of(raw(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n3\r\n95%\r\n0\r\n\r\n")), ""


def te_twice():
    return status_of(raw(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\n95%\r\n0\r\n\r\n")), ""


def chunk_huge_size():
    return status_of(raw(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nffffffffffffffffffff\r\n95%\r\n0\r\n\r\n")), ""


def chunk_long_extension():
    return status_of(raw(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3;" + b"x" * 10_000_000 + b"\r\n95%\r\n0\r\n\r\n")), ""


def chunk_many_tiny():
    data = b"1\r\n9\r\n" * 2_000_000
    return status_of(raw(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + data + b"0\r\n\r\n", 60)), "2 M one-byte chunks"


def chunk_trailers():
    return status_of(raw(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\n95%\r\n0\r\n" + b"X-T: y\r\n" * 50_000 + b"\r\n")), "50 000 trailer lines"


def range_header():
    out = raw(b"GET / HTTP/1.1\r\n" + HOST + b"Range: bytes=0-0,1-1," + b"2-2," * 100_000 + b"\r\nConnection: close\r\n\r\n")
    return status_of(out), "%d bytes" % len(out)


def cl_negative():
    return status_of(raw(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Content-Length: -1\r\nConnection: close\r\n\r\n95%")), ""


def cl_two():
    return status_of(raw(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Content-Length: 3\r\nContent-Length: 4\r\nConnection: close\r\n\r\n95%")), ""


def cl_huge():
    return status_of(raw(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Content-Length: 99999999999999999999999\r\nConnection: close\r\n\r\n95%")), ""


def http10_keepalive():
    out = raw(b"GET / HTTP/1.0\r\n" + HOST + b"Connection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n" + HOST + b"\r\n")
    return status_of(out), "%d answers" % out.count(b"HTTP/1.")


def http09():
    return status_of(raw(b"GET /\r\n\r\n")), ""


def absolute_uri():
    return status_of(raw(b"GET http://127.0.0.1:%d/ HTTP/1.1\r\n" % port + HOST + b"Connection: close\r\n\r\n")), ""


def connect_method():
    return status_of(raw(b"CONNECT 127.0.0.1:22 HTTP/1.1\r\n" + HOST + b"\r\n")), ""


def h2_preface():
    return status_of(raw(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00" * 100, 10)), ""


def h2c_upgrade():
    return status_of(raw(b"GET / HTTP/1.1\r\n" + HOST + b"Connection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")), ""


def long_uri():
    return status_of(raw(b"GET /?" + b"a=1&" * 2_000_000 + b" HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n")), "8 MB URI"


def long_query_params():
    return status_of(raw(post("/api/evaluate?" + "format=json&" * 100_000, ct, body))), "100 000 query params"


def cancel_mid_xlsx():
    # BIG (3 000 projects) asked as xlsx; the client goes away after sending
    sheet = open(BIG, "rb").read()
    c2, b2 = multipart([(b"table", b"big.tsv", sheet)])
    rounds = []
    for _ in range(8):
        s = conn()
        s.sendall(post("/api/evaluate?format=xlsx", c2, b2))
        time.sleep(0.3)
        s.close()
    t = time.time()
    st = get_root()
    rounds.append("GET / after 8 cancels: %s in %.2f s" % (st, time.time() - t))
    return st, "; ".join(rounds) + "; table %d bytes, server VmHWM %s" % (len(sheet), peak())


def many_small_one_conn():
    s = conn(60)
    one = b"GET / HTTP/1.1\r\n" + HOST + b"\r\n"
    s.sendall(one * 20_000 + b"GET / HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n")
    out = read_all(s)
    s.close()
    return str(out.count(b"HTTP/1.1 200")), "of 20 001 pipelined GET /"


def many_small_connections():
    t = time.time()
    n = ok = 0
    while time.time() - t < 10:
        n += 1
        if status_of(raw(post("/api/parse", b"text/plain", b"95%"))) == "200":
            ok += 1
    return str(ok), "of %d sequential connections in 10 s" % n


def page_fields():
    # the page's own form: year fields, the format radio, odd names and huge values
    c3, b3 = multipart([(b"table", b"targets.tsv", TABLE), (b"year", None, b"9" * 1_000_000), (b"actuals", b"actuals.yaml", ACTUALS)])
    a = status_of(raw(post("/", c3, b3)))
    c4, b4 = multipart([(b"table", b"targets.tsv", TABLE), (b"x" * 100_000, None, b"y")])
    b_ = status_of(raw(post("/", c4, b4)))
    c5, b5 = multipart([(b"table", b"\xff\xfe\x00.tsv", TABLE)])
    c_ = status_of(raw(post("/", c5, b5)))
    c6, b6 = multipart([(b"table", b"a" * 1_000_000 + b".tsv", TABLE)])
    d = status_of(raw(post("/", c6, b6)))
    return "/".join([a, b_, c_, d]), "page: 1 MB year; 100 KB field name; invalid UTF-8 file name; 1 MB file name"


def page_json_body():
    return status_of(raw(post("/", b"application/json", b"{" * 1_000_000))), ""


def multipart_no_boundary():
    return status_of(raw(post("/api/evaluate", b"multipart/form-data", body))), ""


def multipart_long_boundary():
    bnd = b"b" * 100_000
    data = b"--" + bnd + b'\r\nContent-Disposition: form-data; name="table"; filename="t.tsv"\r\n\r\n' + TABLE + b"\r\n--" + bnd + b"--\r\n"
    return status_of(raw(post("/api/inspect", b"multipart/form-data; boundary=" + bnd, data))), ""


def multipart_nested():
    inner = b'--i\r\nContent-Disposition: form-data; name="table"; filename="t.tsv"\r\n\r\n' + TABLE + b"\r\n--i--\r\n"
    data = b'--o\r\nContent-Disposition: form-data; name="table"; filename="t.tsv"\r\nContent-Type: multipart/mixed; boundary=i\r\n\r\n' + inner + b"\r\n--o--\r\n"
    return status_of(raw(post("/api/inspect", b"multipart/form-data; boundary=o", data))), ""


def answer_then_reset():
    # reads nothing of a large answer (inspect of BIG) and stays connected
    sheet = open(BIG, "rb").read()
    c2, b2 = multipart([(b"table", b"big.tsv", sheet)])
    socks = []
    for _ in range(10):
        s = conn()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(post("/api/inspect?format=json", c2, b2))
        socks.append(s)
    time.sleep(3)
    st = get_root()
    for s in socks:
        s.close()
    return st, "GET / while 10 clients do not read their answers; VmHWM %s" % peak()


tries = [pipelined, pipelined_evaluate, expect_continue, expect_continue_never_sent, expect_other, te_and_cl, te_gzip,
         te_twice, chunk_huge_size, chunk_long_extension, chunk_many_tiny, chunk_trailers, range_header, cl_negative,
         cl_two, cl_huge, http10_keepalive, http09, absolute_uri, connect_method, h2_preface, h2c_upgrade, long_uri,
         long_query_params, many_small_one_conn, many_small_connections, page_fields, page_json_body,
         multipart_no_boundary, multipart_long_boundary, multipart_nested, cancel_mid_xlsx, answer_then_reset]
only = sys.argv[4:]
for f in tries:
    if only and f.__name__ not in only:
        continue
    timed(f.__name__, f)
print("server alive: %s, VmHWM %s" % (srv.poll() is None, peak()))
srv.kill()
srv.wait()
