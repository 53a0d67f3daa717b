#!/usr/bin/env python3
"""Issue 27's eighth outside probe, the server's side (H55, 2026-12-05): `probe8.py`'s inputs
sent to a running `jixiao serve` on loopback.

    cd tests/hostile && python3 probe8_web.py BIN DIR [TRY...]   # after probe8.py DIR (its files)
Tries: zipclaim (the 3.5 KB zip of entries claiming 400 MB each, dropped on the page and sent
to /api/inspect), breakdown (the 32,000-pair form to /api/inspect and /api/evaluate), xlsx (a
project of 40,000 rows each with a finding, dropped on the page, which renders its xlsx
download, and to /api/evaluate?format=xlsx), fold (96,000 rows matched only after folding, to
/api/evaluate with the actuals file). After each, `GET /` and a small parse must answer 200.
The server runs with its defaults but `--timeout 120`; its peak resident memory and its
workers' are sampled from /proc.
"""
import os, re, subprocess, sys, threading, time

from probe_server import get_root, multipart, post, raw, start, status_of

BIN, DIR = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ONLY = sys.argv[3:]


def rss_of(pid):
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def children(pid):
    """Every process under `pid` (the workers are started from the server's threads)."""
    out = []
    try:
        for task in os.listdir("/proc/%d/task" % pid):
            for c in open("/proc/%d/task/%s/children" % (pid, task)).read().split():
                out.append(int(c))
                out.extend(children(int(c)))
    except OSError:
        pass
    return out


def sample(stop, peak):
    while not stop.is_set():
        peak[0] = max(peak[0], rss_of(srv.pid))
        for c in children(srv.pid):
            peak[1] = max(peak[1], rss_of(c))
        time.sleep(0.02)


def parse_one():
    return status_of(raw(post("/api/parse", b"text/plain", b"95%\n"), 10))


def timed(name, path, parts):
    if ONLY and not any(name.startswith(o) for o in ONLY):
        return None
    stop, peak = threading.Event(), [0, 0]
    th = threading.Thread(target=sample, args=(stop, peak))
    th.start()
    t = time.time()
    ct, body = multipart(parts)
    out = raw(post(path, ct, body), 200)
    secs = time.time() - t
    stop.set()
    th.join()
    head, _, answer = out.partition(b"\r\n\r\n")
    code = b""
    for c in (b"web.internal", b"web.timeout", b"report.", b"table.", b"eval."):
        k = answer.find(c)
        if k >= 0:
            code = answer[k:k + 40].split(b'"')[0].split(b"<")[0]
            break
    print("%-44s %6.1f s  %-4s %10d bytes  server %4d MB worker %5d MB  %-30s GET/ %s parse %s" % (
        name, secs, status_of(out), len(answer), peak[0], peak[1], code.decode("utf-8", "replace")[:30],
        get_root(), parse_one()), flush=True)
    return answer


def token():
    """The page's token (its form sends it as `csrf`)."""
    page = raw(b"GET / HTTP/1.1\r\n" + __import__("probe_server").HOST + b"Connection: close\r\n\r\n", 10)
    return re.search(rb'name="jixiao-token" content="([^"]+)"', page).group(1)


def read(name):
    return open(os.path.join(DIR, name), "rb").read()


srv = start(BIN, ["--timeout", "120"])
try:
    z = read("claim-20-5242880-deflate.zip")
    timed("zipclaim page drop (3.5 KB)", "/", [(b"csrf", None, token()), (b"file", b"claims.zip", z)])
    form = read("breakdown-32000.csv")
    timed("breakdown /api/inspect (32,000 pairs)", "/api/inspect", [(b"table", b"form.csv", form)])
    timed("breakdown /api/evaluate", "/api/evaluate", [(b"table", b"form.csv", form)])
    if os.path.exists(os.path.join(DIR, "xlsx-40000.tsv")):
        sheet = read("xlsx-40000.tsv")
        timed("xlsx page drop (40,000 rows, a finding each)", "/", [(b"csrf", None, token()), (b"file", b"t.tsv", sheet)])
        timed("xlsx /api/evaluate?format=xlsx", "/api/evaluate?format=xlsx", [(b"table", b"t.tsv", sheet)])
    timed("fold /api/evaluate (96,000 rows)", "/api/evaluate",
          [(b"table", b"t.tsv", read("fold-96000.tsv")), (b"actuals", b"a.yaml", read("fold-96000.yaml"))])
finally:
    srv.terminate()
    srv.wait()
