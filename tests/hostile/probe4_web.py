#!/usr/bin/env python3
"""Issue 27's fourth outside probe (H31), the server's side: what the three probes before did
not try — clients that never read a large answer while others need a work slot (not only
`GET /`), rule files at the decimal range's edge and piles of copies through the API and the
page, many connections at once, odd methods and paths. After each try `GET /` and a small
`POST /api/parse` (which needs a work slot) are asked again on new connections.
    name  seconds  status  GET/  parse  note
usage: python3 tests/hostile/probe4_web.py BIN SAMPLE_DIR BIG_SHEET PROBE4_DIR [TRY...]
(BIG_SHEET: a target table of some 20 000 projects; PROBE4_DIR: written by probe4.py)
"""
import os, re, socket, sys, threading, time

import probe_server
from probe_server import conn, get_root, post, raw, read_all, status_of

BIN, SAMPLE, BIG, P4 = sys.argv[1:5]
ONLY = sys.argv[5:]
LOG = []
srv = probe_server.start(BIN, ["--timeout", "20"], log=LOG)
port, HOST = probe_server.PORT, probe_server.HOST
TABLE = open(os.path.join(SAMPLE, "targets.tsv"), "rb").read()
ACTUALS = open(os.path.join(SAMPLE, "actuals.yaml"), "rb").read()


def multipart(parts):
    return probe_server.multipart(parts, b"probe4")


def parse_one(timeout=10):
    try:
        return status_of(raw(post("/api/parse", b"text/plain", b"95%\n"), timeout))
    except OSError as e:
        return "down:" + repr(e)[:40]


def timed(name, f):
    if ONLY and not any(name.startswith(o) for o in ONLY):
        return
    t = time.time()
    try:
        status, note = f()
    except Exception as e:  # noqa
        status, note = "exc", repr(e)[:80]
    dt = time.time() - t
    print("%-34s %6.2f  %-14s GET/ %s  parse %s  %s" % (name, dt, status, get_root(), parse_one(), note),
          flush=True)


def token():
    page = raw(b"GET / HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n", 10)
    m = re.search(rb'name="csrf" value="([^"]+)"', page)
    return m.group(1) if m else b""


def page_post(parts, timeout=60):
    c, b = multipart([(b"csrf", None, token())] + parts)
    origin = b"Origin: http://127.0.0.1:%d\r\n" % port
    return status_of(raw(post("/", c, b, extra=origin), timeout))


def rules_part(name):
    return open(os.path.join(P4, name), "rb").read()


def api_rules_at_the_edge():
    out = []
    for name in ("rules-bonus-max.yaml", "rules-indicator-weight-max.yaml", "rules-edge-tiers-ratio.yaml",
                 "rules-category-weight-tiny.yaml"):
        c, b = multipart([(b"table", b"targets.tsv", TABLE), (b"actuals", b"actuals.yaml", ACTUALS),
                          (b"rules", name.encode(), rules_part(name))])
        out.append(status_of(raw(post("/api/evaluate?format=json", c, b))))
    return "/".join(out), "bonus MAX, weight MAX, edge tiers, weight 1e-28"


def page_rules_at_the_edge():
    return page_post([(b"file", b"targets.tsv", TABLE), (b"file", b"actuals.yaml", ACTUALS),
                      (b"file", b"rules.yaml", rules_part("rules-bonus-max.yaml"))]), \
        "the page: a dropped rule file of bonus MAX"


def page_pile_of_copies():
    z = open(os.path.join(P4, "pile-5000-copies.zip"), "rb").read()
    return page_post([(b"file", b"copies.zip", z)]), "5 000 copies of one table in a 22 MB zip"


def slow_readers_hold_slots(n=24):
    # clients that ask for a large answer and never read it: do they hold the work slots
    # (so that a small request needing one waits or gets 503) until the request timeout?
    sheet = open(BIG, "rb").read()
    c, b = multipart([(b"table", b"big.tsv", sheet)])
    socks = []
    for _ in range(n):
        s = conn()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(post("/api/inspect?format=json", c, b, close=False))
        socks.append(s)
    # past the request timeout (20 s): every inspect is done, its answer waiting to be read
    time.sleep(25)
    t = time.time()
    during = [parse_one(15) for _ in range(3)]
    took = time.time() - t
    for s in socks:
        s.close()
    return "/".join(during), "%d clients not reading an inspect answer; 3 small parses after 25 s took %.2f s" % (n, took)


def many_at_once(n=400):
    res = []
    lock = threading.Lock()

    def one():
        st = parse_one(30)
        with lock:
            res.append(st)
    ts = [threading.Thread(target=one) for _ in range(n)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    counts = {}
    for r in res:
        counts[r] = counts.get(r, 0) + 1
    return ",".join("%s×%d" % kv for kv in sorted(counts.items())), "%d parses at once" % n


def odd_methods_and_paths():
    out = []
    for req in (b"HEAD / HTTP/1.1\r\n", b"OPTIONS * HTTP/1.1\r\n", b"TRACE / HTTP/1.1\r\n",
                b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n", b"GET //etc/passwd HTTP/1.1\r\n",
                b"GET /api/evaluate HTTP/1.1\r\n", b"GET /%00 HTTP/1.1\r\n", b"DELETE / HTTP/1.1\r\n",
                b"GET /" + b"a/" * 4000 + b" HTTP/1.1\r\n"):
        r = raw(req + HOST + b"Connection: close\r\n\r\n", 10)
        out.append(status_of(r) + ("!passwd" if b"root:" in r else ""))
    return "/".join(out), "HEAD, OPTIONS *, TRACE, ../ encoded, //etc/passwd, GET on the API, %00, DELETE, 4000 segments"


def host_tricks():
    out = []
    for h in (b"Host: 127.0.0.1:%d\x00.evil\r\n" % port, b"Host: 127.0.0.1:%d@evil\r\n" % port,
              b"Host: 127.0.0.1:%d\r\nHost: evil\r\n" % port, b"Host: LOCALHOST:%d\r\n" % port,
              b"Host: 127.0.0.1:%d.\r\n" % port, b"Host: [::ffff:127.0.0.1]:%d\r\n" % port):
        out.append(status_of(raw(b"GET / HTTP/1.1\r\n" + h + b"Connection: close\r\n\r\n", 10)))
    return "/".join(out), "NUL, userinfo, two Hosts, LOCALHOST, trailing dot, v4-mapped"


def review_many_when():
    name = "review-many-when.yaml"
    c, b = multipart([(b"table", b"targets.tsv", TABLE), (b"rules", name.encode(), rules_part(name))])
    return status_of(raw(post("/api/review", c, b), 60)), "100 000 rules each with a `when` (10.9 MB)"


timed("api-rules-at-the-edge", api_rules_at_the_edge)
timed("page-rules-at-the-edge", page_rules_at_the_edge)
timed("page-pile-of-copies", page_pile_of_copies)
timed("slow-readers-hold-slots", slow_readers_hold_slots)
timed("many-at-once", many_at_once)
timed("odd-methods-and-paths", odd_methods_and_paths)
timed("host-tricks", host_tricks)
timed("review-many-when", review_many_when)
try:
    for line in open("/proc/%d/status" % srv.pid):
        if line.startswith("VmHWM"):
            print("server VmHWM", line.split(":")[1].strip())
except OSError:
    pass
srv.terminate()
srv.wait()
print("server log lines:", len(LOG), "".join(l for l in LOG[-5:] if "panick" in l or "错误" in l)[:500])
