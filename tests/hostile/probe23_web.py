#!/usr/bin/env python3
"""The twenty-third session's hostile probe of `jixiao serve` (issue 27, H162), loopback only:
pipelined requests, a chunked body whose chunk size is 2^64-1 or 16 hex digits, a chunk-size
line of 1 MB, multipart of 20,000 parts, a Content-Length that says less or more than is sent,
an upload dropped half-way (40 MB said, 20 MB sent), 300 connections held open at once, a
header of 60 KB and 2,000 headers, and a `format=xlsx` of a large sheet beside two large drops.
For each: the status (or how the connection ended), the seconds, and whether `GET /` still
answered at once; at the end the server's peak memory (VmHWM) and whether it lives.

    python3 tests/hostile/probe23_web.py BIN"""
import os, socket, subprocess, sys, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "benches"))
from web_hostile_load import SAMPLE, multipart, part  # noqa: E402
from web_queue import free_port, sheet  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
port = free_port()
server = subprocess.Popen([BIN, "serve", "--port", str(port), "--header-timeout", "5", "--timeout", "30"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(200):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        break
    except OSError:
        time.sleep(0.05)
HOST = "Host: 127.0.0.1:%d\r\n" % port
MP = "Content-Type: multipart/form-data; boundary=jixiao-hostile-load\r\n"
TABLE = open(os.path.join(SAMPLE, "targets.tsv"), "rb").read()


def raw(data, timeout=40, send_all=True, read=True):
    """Sends `data` on a new connection and reads until the server closes: (first line, bytes, s)."""
    t0 = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        if send_all:
            s.sendall(data)
        got = b""
        while read:
            try:
                d = s.recv(1 << 16)
            except (socket.timeout, ConnectionResetError) as e:
                got += ("[%s]" % e.__class__.__name__).encode()
                break
            if not d:
                break
            got += d
    except (BrokenPipeError, ConnectionResetError) as e:
        got = ("[%s]" % e.__class__.__name__).encode()
    finally:
        s.close()
    return got.split(b"\r\n", 1)[0].decode("latin1"), got, time.time() - t0


def page_ok():
    t0 = time.time()
    line, _, _ = raw(("GET / HTTP/1.1\r\n%sConnection: close\r\n\r\n" % HOST).encode(), timeout=10)
    return "%s in %.2f s" % (line.split(" ")[1] if " " in line else line, time.time() - t0)


def show(name, line, got, took):
    print("%-34s %-30s %7.2f s  %8d B back   GET / %s" % (name, line[:30], took, len(got), page_ok()))


def case(name, data, **kw):
    line, got, took = raw(data, **kw)
    show(name, line, got, took)
    return got


body = multipart(part("table", "targets.tsv", TABLE))
post = lambda extra, b: ("POST /api/inspect HTTP/1.1\r\n%s%s%s\r\n" % (HOST, MP, extra)).encode() + b

# pipelining: three requests in one write, the last closes
one = post("Content-Length: %d\r\n" % len(body), body)
got = case("pipelined x3", one + one + post("Content-Length: %d\r\nConnection: close\r\n" % len(body), body))
print("   answers in it: %d" % got.count(b"HTTP/1.1 "))
# chunked with huge chunk sizes
case("chunk ffffffffffffffff", post("Transfer-Encoding: chunked\r\n", b"ffffffffffffffff\r\n" + body[:1000]))
case("chunk 10000000000000000", post("Transfer-Encoding: chunked\r\n", b"10000000000000000\r\n" + body[:1000]))
case("chunk-size line 1 MB", post("Transfer-Encoding: chunked\r\n", b"1" + b"0" * (1 << 20) + b"\r\n"))
case("chunk ext 1 MB", post("Transfer-Encoding: chunked\r\n", b"10;" + b"x" * (1 << 20) + b"\r\n"))
case("chunked + content-length", post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", b"0\r\n\r\n"))
# multipart of many parts
many = multipart(*[part("x%d" % k, "f%d.tsv" % k, b"a") for k in range(20000)])
case("multipart 20,000 parts", post("Content-Length: %d\r\n" % len(many), many))
many_t = multipart(*[part("table", "t%d.tsv" % k, TABLE) for k in range(2000)])
case("multipart 2,000 tables", post("Content-Length: %d\r\n" % len(many_t), many_t))
# Content-Length lies
case("length says less", post("Content-Length: %d\r\n" % (len(body) // 2), body))
line, got, took = raw(post("Content-Length: %d\r\n" % (len(body) * 2), body), timeout=40)
show("length says more (then silent)", line, got, took)
# an upload dropped half-way
s = socket.create_connection(("127.0.0.1", port))
s.sendall(post("Content-Length: %d\r\n" % (40 << 20), b"x" * (20 << 20)))
s.close()
show("40 MB said, 20 MB sent, dropped", "closed by client", b"", 0)
# huge headers
case("header of 60 KB", ("GET / HTTP/1.1\r\n%sX-A: %s\r\nConnection: close\r\n\r\n" % (HOST, "a" * 60000)).encode())
case("2,000 headers", ("GET / HTTP/1.1\r\n%s%sConnection: close\r\n\r\n" % (HOST, "X-A: a\r\n" * 2000)).encode())
case("request line 1 MB", ("GET /%s HTTP/1.1\r\n%sConnection: close\r\n\r\n" % ("a" * (1 << 20), HOST)).encode())
# many connections held open
held = []
for _ in range(300):
    try:
        held.append(socket.create_connection(("127.0.0.1", port), timeout=5))
    except OSError:
        break
print("%-34s %d open                            GET / %s" % ("300 idle connections", len(held), page_ok()))
for c in held:
    c.close()
# format=xlsx of a large sheet, beside two large drops
big = sheet(20000)
results = []


def go(name, data):
    results.append((name,) + raw(data, timeout=60))


xb = multipart(part("table", "big.tsv", big))
threads = [threading.Thread(target=go, args=("xlsx of 20,000 projects", (
    "POST /api/evaluate?format=xlsx HTTP/1.1\r\n%s%sContent-Length: %d\r\nConnection: close\r\n\r\n" % (HOST, MP, len(xb))).encode() + xb))]
threads += [threading.Thread(target=go, args=("json of 20,000 projects #%d" % k, (
    "POST /api/evaluate HTTP/1.1\r\n%s%sContent-Length: %d\r\nConnection: close\r\n\r\n" % (HOST, MP, len(xb))).encode() + xb)) for k in range(2)]
for t in threads:
    t.start()
time.sleep(1)
print("%-34s                                   GET / %s" % ("(while the three large ones work)", page_ok()))
for t in threads:
    t.join()
for name, line, got, took in results:
    print("%-34s %-30s %7.2f s  %8d B back" % (name, line[:30], took, len(got)))
alive = server.poll() is None
hwm = "?"
try:
    hwm = [l for l in open("/proc/%d/status" % server.pid) if l.startswith("VmHWM")][0].split()[1]
except (OSError, IndexError):
    pass
print("server alive: %s; its VmHWM %s kB; GET / %s" % (alive, hwm, page_ok()))
server.kill()
server.wait()
