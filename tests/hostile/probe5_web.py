#!/usr/bin/env python3
"""Issue 27's fifth outside probe (H36), the server's side: what the four probes before did not
try — a request hidden in the unread rest of a body the server refused early (413, 400, 503,
408: is the connection reused, and the rest read as a request?), keep-alive after a 408 and
after a crashed worker, a pipelined request behind an upload refused for its size, the
`/api/*` answers of the decimal-edge inputs of `probe5.py`, and many small page drops on one
keep-alive connection. After each try `GET /` and a small `POST /api/parse` (which needs a work
slot) are asked again on new connections.
    name  seconds  status(es)  GET/  parse  note
usage: python3 tests/hostile/probe5_web.py BIN PROBE5_DIR [TRY...]   (PROBE5_DIR: written by probe5.py)
"""
import os, sys, time

import probe_server
from probe_server import conn, get_root, post, raw, read_all, status_of

BIN, P5 = sys.argv[1:3]
ONLY = sys.argv[3:]
LOG = []
srv = probe_server.start(BIN, ["--timeout", "5", "--max-upload-mb", "1", "--max-work", "2",
                               "--max-queue", "0"], log=LOG)
HOST = probe_server.HOST


def multipart(parts):
    return probe_server.multipart(parts, b"probe5")


def parse_one(timeout=10):
    try:
        return status_of(raw(post("/api/parse", b"text/plain", b"95%\n"), timeout))
    except OSError as e:
        return "down:" + repr(e)[:40]


def statuses(data):
    """Every status line in a raw answer stream, in order."""
    out = []
    at = 0
    while True:
        i = data.find(b"HTTP/1.1 ", at)
        if i < 0:
            return out
        out.append(data[i + 9:i + 12].decode())
        at = i + 12


def timed(name, f):
    if ONLY and not any(name.startswith(o) for o in ONLY):
        return
    t = time.time()
    try:
        status, note = f()
    except Exception as e:  # noqa: BLE001 - a probe reports, never stops
        status, note = "error", repr(e)[:80]
    print("%-40s %6.2f  %-22s %-5s %-5s %s" % (name, time.time() - t, status, get_root(),
                                              parse_one(), note), flush=True)


SMUGGLED = b"GET /smuggled HTTP/1.1\r\n" + HOST + b"\r\n"


def hidden_after(first, name):
    """`first` (a request whose body holds a whole request after its refused part), then read:
    a second answer means the rest of the body was read as a request."""
    s = conn(15)
    s.sendall(first)
    out = read_all(s)
    s.close()
    st = statuses(out)
    return ",".join(st), ("SMUGGLED: " if len(st) > 1 else "") + name


def too_large():
    # past the 1 MB upload limit: the rest (a whole request) must not be read as one
    body = b"95%\n" * (300 * 1024) + SMUGGLED
    head = (b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Content-Type: text/plain\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body))
    return hidden_after(head + body, "413 and the rest")


def bad_multipart():
    body = b"not a multipart body at all\r\n" + SMUGGLED
    head = (b"POST /api/evaluate HTTP/1.1\r\n" + HOST +
            b"Content-Type: multipart/form-data; boundary=zz\r\nContent-Length: %d\r\n\r\n" % len(body))
    return hidden_after(head + body, "400 and the rest")


def chunked_too_large():
    chunk = b"95%\n" * (300 * 1024)
    body = b"%x\r\n" % len(chunk) + chunk + b"\r\n" + b"%x\r\n" % len(SMUGGLED) + SMUGGLED + b"\r\n0\r\n\r\n"
    head = (b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Content-Type: text/plain\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    return hidden_after(head + body, "chunked 413 and the rest")


def keepalive_after_408():
    # work past the 5 s timeout, then a second request on the same connection
    big = b"".join(b"\xe6\x9c\x8d\xe5\x8a\xa1\xe4\xba\xba\xe6\xac\xa1\xe2\x89\xa5%d\xe4\xba\xba\n" % i
                   for i in range(40000))
    s = conn(30)
    s.sendall(post("/api/parse", b"text/plain", big[: 1000 * 1024 - 100], close=False))
    s.sendall(post("/api/parse", b"text/plain", b"95%\n"))
    out = read_all(s)
    s.close()
    return ",".join(statuses(out)), "second on the same connection"


def pipelined_behind_413():
    body = b"x" * (2 * 1024 * 1024)
    first = (b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Content-Type: text/plain\r\n"
             b"Content-Length: %d\r\n\r\n" % len(body) + body)
    return hidden_after(first + b"GET / HTTP/1.1\r\n" + HOST + b"\r\n", "pipelined after a 413")


def decimal_edge_uploads():
    out = []
    for name in sorted(os.listdir(P5)):
        if not (name.startswith(("qual-", "form-breakdown", "rel-")) and name.endswith((".csv", ".tsv"))):
            continue
        parts = [(b"table", name.encode(), open(os.path.join(P5, name), "rb").read())]
        y = os.path.join(P5, name[:-4] + ".yaml")
        if os.path.exists(y):
            parts.append((b"actuals", b"a.yaml", open(y, "rb").read()))
        ct, body = multipart(parts)
        out.append(status_of(raw(post("/api/evaluate", ct, body), 30)))
    return ",".join(out), "probe5's decimal-edge tables through /api/evaluate"


def many_drops_keepalive():
    # 300 small /api/parse requests on one keep-alive connection, pipelined
    reqs = b"".join(post("/api/parse", b"text/plain", b"95%\n", close=False) for _ in range(300))
    s = conn(60)
    s.sendall(reqs + post("/api/parse", b"text/plain", b"95%\n"))
    out = read_all(s)
    s.close()
    st = statuses(out)
    return "%d answers, %s" % (len(st), ",".join(sorted(set(st)))), "301 pipelined, queue 0"


timed("smuggle-413", too_large)
timed("smuggle-400-multipart", bad_multipart)
timed("smuggle-chunked-413", chunked_too_large)
timed("keepalive-after-408", keepalive_after_408)
timed("pipelined-behind-413", pipelined_behind_413)
timed("decimal-edge-uploads", decimal_edge_uploads)
timed("pipelined-300-queue-0", many_drops_keepalive)
srv.terminate()
srv.wait()
