#!/usr/bin/env python3
"""Issue 27's sixth outside probe (H43), the server's side: HTTP/1.1 edge cases the earlier
probes did not try, and the server's connection slots.

    cd tests/hostile && python3 probe6_web.py BIN [TRY...]
One line a try:  name  seconds  status(es)  GET/  parse  note
After each try `GET /` and a small `POST /api/parse` are asked again on new connections.
Tries: bare LF line ends, an obs-folded header, a space before a header's colon, a lowercase
method, `Content-Length: +5` / `05` / `5, 5`, a body behind `Content-Length: 0` (is it read as
a request?), `Expect: 100-continue` over the upload limit (413 before the body?), a
`Transfer-Encoding` of `chunked` not last, an absolute-form target without `Host`, query
parameters doubled / huge / invalid UTF-8, multipart parts with `filename*=` and a nested
multipart, connections held past `--max-connections` (idle; and clients that never read an
answer), a 503 with a request pipelined behind it; and 20 clients that send a head and nothing
else, reconnecting when cut or refused (`stallers`: the admission places, held at no cost).
"""
import socket, sys, threading, time

import probe_server
from probe_server import conn, get_root, post, raw, status_of

BIN = sys.argv[1]
ONLY = sys.argv[2:]
srv = probe_server.start(BIN, ["--timeout", "10", "--max-connections", "64", "--max-work", "2",
                               "--max-queue", "2", "--header-timeout", "3"])
HOST = probe_server.HOST
PORT = probe_server.PORT


def parse_one(timeout=10):
    try:
        return status_of(raw(post("/api/parse", b"text/plain", b"95%\n"), timeout))
    except OSError as e:
        return "down:" + repr(e)[:40]


def statuses(data):
    out, at = [], 0
    while True:
        i = data.find(b"HTTP/1.", at)
        if i < 0:
            return out
        out.append(data[i + 9:i + 12].decode("latin-1"))
        at = i + 12


def timed(name, f):
    if ONLY and not any(name.startswith(o) for o in ONLY):
        return
    t = time.time()
    try:
        status, note = f()
    except Exception as e:  # noqa: BLE001 - a probe reports, never stops
        status, note = "error", repr(e)[:80]
    print("%-40s %6.2f  %-22s %-5s %-5s %s" % (name, time.time() - t, status, get_root(), parse_one(), note),
          flush=True)


def ask(data, timeout=15):
    out = raw(data, timeout)
    return ",".join(statuses(out)) or "none", out[-160:].decode("utf-8", "replace").replace("\r\n", " ")


P = b"/api/parse"
timed("bare LF line ends", lambda: ask(b"POST /api/parse HTTP/1.1\n" + HOST.replace(b"\r\n", b"\n") +
                                       b"Content-Type: text/plain\nContent-Length: 4\nConnection: close\n\n95%\n"))
timed("obs-fold header", lambda: ask(b"GET / HTTP/1.1\r\n" + HOST + b"X-A: a\r\n b\r\nConnection: close\r\n\r\n"))
timed("space before colon (Host :)", lambda: ask(b"GET / HTTP/1.1\r\nHost : 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % PORT))
timed("lowercase method", lambda: ask(b"post /api/parse HTTP/1.1\r\n" + HOST + b"Content-Length: 4\r\nConnection: close\r\n\r\n95%\n"))
for cl in (b"+4", b"04", b"4, 4", b"4,5", b" 4", b"0x4"):
    timed("Content-Length: %s" % cl.decode(), lambda cl=cl: ask(b"POST /api/parse HTTP/1.1\r\n" + HOST +
          b"Content-Type: text/plain\r\nContent-Length: " + cl + b"\r\nConnection: close\r\n\r\n95%\n"))
timed("body behind Content-Length: 0", lambda: ask(b"POST /api/parse HTTP/1.1\r\n" + HOST +
      b"Content-Type: text/plain\r\nContent-Length: 0\r\n\r\nGET /smuggled HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n"))


def expect_over_limit():
    s = conn(15)
    s.sendall(b"POST /api/parse HTTP/1.1\r\n" + HOST + b"Content-Type: text/plain\r\nContent-Length: 900000000\r\n"
              b"Expect: 100-continue\r\nConnection: close\r\n\r\n")
    t = time.time()
    first = s.recv(4096)
    took = time.time() - t
    s.close()
    return ",".join(statuses(first)) or "none", "first answer after %.2f s, before any body" % took


timed("Expect 100-continue past the limit", expect_over_limit)
timed("TE: chunked, identity", lambda: ask(b"POST /api/parse HTTP/1.1\r\n" + HOST +
      b"Content-Type: text/plain\r\nTransfer-Encoding: chunked, identity\r\nConnection: close\r\n\r\n4\r\n95%\n\r\n0\r\n\r\n"))
timed("absolute-form without Host", lambda: ask(b"GET http://127.0.0.1:%d/ HTTP/1.1\r\nConnection: close\r\n\r\n" % PORT))
timed("query doubled format", lambda: ask(post("/api/parse?format=jsonl&format=table", b"text/plain", b"95%\n")))
timed("query 1 MB", lambda: ask(post("/api/parse?x=" + "a" * 1_000_000, b"text/plain", b"95%\n")))
timed("query invalid UTF-8", lambda: ask(post("/api/inspect?sheet=%FF%FE&year=%C0%AF", b"text/plain", b"x")))
timed("query year 10^30", lambda: ask(post("/api/evaluate?year=1000000000000000000000000000000", b"text/plain", b"x")))
timed("query columns 100 000", lambda: ask(post("/api/inspect?columns=" + ",".join(["a"] * 100_000), b"text/plain", b"x")))


def mp(parts, boundary=b"p6"):
    out = []
    for head, data in parts:
        out.append(b"--" + boundary + b"\r\n" + head + b"\r\n\r\n" + data + b"\r\n")
    out.append(b"--" + boundary + b"--\r\n")
    return b"multipart/form-data; boundary=" + boundary, b"".join(out)


TABLE = ("项目名称（资金使用单位）\t总计\t绩效目标\t绩效指标\n购置经费\t56.45\t保证业务正常开展。\t1、产出指标：购置完成率，年度指标值：95%。\n").encode()
timed("filename* (RFC 5987, RTL override)", lambda: ask(post("/api/inspect?format=table", *mp([(
    b"Content-Disposition: form-data; name=\"table\"; filename*=UTF-8''%E2%80%AEvst.tsv", TABLE)]))))
timed("nested multipart part", lambda: ask(post("/api/inspect", *mp([(
    b"Content-Disposition: form-data; name=\"table\"; filename=\"t.tsv\"\r\nContent-Type: multipart/mixed; boundary=in",
    b"--in\r\n\r\n" + TABLE + b"\r\n--in--")]))))
timed("two table parts", lambda: ask(post("/api/inspect", *mp([(
    b"Content-Disposition: form-data; name=\"table\"; filename=\"a.tsv\"", TABLE),
    (b"Content-Disposition: form-data; name=\"table\"; filename=\"b.tsv\"", TABLE)]))))


def idle_past_the_connection_limit():
    socks = []
    for _ in range(80):
        try:
            c = socket.create_connection(("127.0.0.1", PORT))
            socks.append(c)
        except OSError:
            break
    time.sleep(0.3)
    during = get_root()
    t = time.time()
    while get_root() != "200" and time.time() - t < 30:
        time.sleep(0.2)
    back = time.time() - t
    for c in socks:
        c.close()
    return during, "80 idle connections (limit 64): GET / during %s, answered again after %.1f s" % (during, back)


timed("idle connections past the limit", idle_past_the_connection_limit)


def refilled_idle():
    """Idle connections reopened as fast as they are closed: is anyone else ever served?"""
    stop = [False]
    opened = [0]

    def keep():
        mine = []
        while not stop[0]:
            mine = [c for c in mine if c.fileno() >= 0]
            try:
                c = socket.create_connection(("127.0.0.1", PORT))
                mine.append(c)
                opened[0] += 1
            except OSError:
                time.sleep(0.01)
            if len(mine) > 40:
                old = mine.pop(0)
                old.close()
        for c in mine:
            c.close()

    ths = [threading.Thread(target=keep) for _ in range(2)]
    for t in ths:
        t.start()
    time.sleep(1)
    ok = tries = 0
    t0 = time.time()
    while time.time() - t0 < 10:
        tries += 1
        ok += get_root() == "200"
    stop[0] = True
    for t in ths:
        t.join()
    return "%d/%d" % (ok, tries), "GET / answered %d of %d while 2 clients kept 80 connections open (%d opened)" % (
        ok, tries, opened[0])


timed("idle connections refilled", refilled_idle)


def unread_answers():
    big = ("95%\n" * 200_000).encode()
    socks = []
    for _ in range(70):
        try:
            c = socket.create_connection(("127.0.0.1", PORT))
            c.sendall(post("/api/parse", b"text/plain", big, close=False) * 1)
            socks.append(c)
        except OSError:
            break
    time.sleep(3)
    during = get_root()
    t = time.time()
    while get_root() != "200" and time.time() - t < 60:
        time.sleep(0.5)
    back = time.time() - t
    for c in socks:
        c.close()
    return during, "70 clients that never read a 9 MB answer: GET / during %s, again after %.1f s" % (during, back)


timed("unread answers past the limit", unread_answers)


def pipelined_behind_503():
    # fill the two work places and the two queue places with slow parses, then a pipelined pair
    slow = ("95%\n" * 1_500_000).encode()
    holders = []
    for _ in range(4):
        c = conn(30)
        c.sendall(post("/api/parse", b"text/plain", slow))
        holders.append(c)
    time.sleep(0.2)
    s, note = ask(post("/api/parse", b"text/plain", b"95%\n", close=False) + b"GET /smuggled HTTP/1.1\r\n" + HOST +
                  b"Connection: close\r\n\r\n")
    for c in holders:
        c.close()
    return s, note


timed("503 with a request pipelined behind", pipelined_behind_503)
srv.kill()


def stallers_reconnecting(pause):
    """20 clients that send a head (Content-Length 10 MB) and nothing else, and reconnect when
    they are cut (408) or, after `pause` seconds, refused (503): how many small parses of
    another client are answered in 40 s? (default limits: 2 work places, 16 queued)"""
    global srv
    srv = probe_server.start(BIN, [])
    stop, opened = [False], [0]

    def staller():
        while not stop[0]:
            try:
                c = socket.create_connection(("127.0.0.1", probe_server.PORT))
                c.settimeout(30)
                c.sendall(b"POST /api/parse HTTP/1.1\r\n" + probe_server.HOST +
                          b"Content-Type: text/plain\r\nContent-Length: 10000000\r\n\r\n")
                opened[0] += 1
                got = b""
                try:
                    got = c.recv(100)
                except OSError:
                    pass
                c.close()
                if b" 503 " in got:
                    time.sleep(pause)
            except OSError:
                time.sleep(0.05)

    ths = [threading.Thread(target=staller, daemon=True) for _ in range(20)]
    for t in ths:
        t.start()
    time.sleep(2)
    ok = tries = 0
    t0 = time.time()
    while time.time() - t0 < 40:
        tries += 1
        ok += status_of(raw(post("/api/parse", b"text/plain", b"95%\n"), 10)) == "200"
        time.sleep(0.2)
    stop[0] = True
    out = ("%d/%d" % (ok, tries), "parses answered 200 in 40 s beside 20 stallers (%d connections opened)"
           % opened[0])
    return out


for pause in (0.5, 0.0):
    if not ONLY or any(("stallers %.1f" % pause).startswith(o) for o in ONLY):
        t = time.time()
        status, note = stallers_reconnecting(pause)
        print("%-40s %6.2f  %-22s %-5s %-5s %s" % ("stallers, 503 pause %.1f s" % pause, time.time() - t, status,
                                                   get_root(), parse_one(), note), flush=True)
        srv.kill()
