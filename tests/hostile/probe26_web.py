#!/usr/bin/env python3
"""The twenty-sixth session's hostile probe of `jixiao serve` (issue 27, H187), loopback only:
`/api/*` declaring 1 GB (100 MB, 10 MB) that never sends a byte, 1,000 idle connections held open
at once (bounded: the machine is shared), `Range` headers, paths of `../` and percent-escapes,
a query string of 1 MB, and `Content-Length` beside `Transfer-Encoding: chunked`. Each case:
the status (or how the connection ended), the seconds it took, the server's CPU and peak memory
(VmHWM) after it, and whether `GET /` still answers 200.

    python3 tests/hostile/probe26_web.py BIN"""
import os, socket, sys, time

# the server, exchange and measures of `probe24_web.py` (its helpers, not its cases)
_kit = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "probe24_web.py"), encoding="utf-8").read()
exec(_kit[:_kit.index("def main():")])


def idle(port, n):
    """`n` connections opened and left silent; then `GET /` on a fresh one, while they are held."""
    socks = []
    for _ in range(n):
        try:
            socks.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        except OSError:
            break
    st, dt = root(port)
    for s in socks:
        s.close()
    return "%d open; GET / %s" % (len(socks), st), dt


def main():
    server, port = start()
    H = b"Host: 127.0.0.1:%d\r\n" % port
    b = b"B" * 20
    ok = multipart(b, b"t.tsv", TABLE)
    ct = b"Content-Type: multipart/form-data; boundary=" + b + b"\r\n"
    cases = [
        ("/api/parse, Content-Length 1 GB, nothing sent", b"POST /api/parse HTTP/1.1\r\n" + H + ct + b"Content-Length: 1073741824\r\n\r\n"),
        ("/api/review, Content-Length 100 MB, nothing sent", b"POST /api/review HTTP/1.1\r\n" + H + ct + b"Content-Length: 104857600\r\n\r\n"),
        ("/api/parse, Content-Length 10 MB, nothing sent", b"POST /api/parse HTTP/1.1\r\n" + H + ct + b"Content-Length: 10485760\r\n\r\n"),
        ("GET / with Range: bytes=0-0", b"GET / HTTP/1.1\r\n" + H + b"Range: bytes=0-0\r\nConnection: close\r\n\r\n"),
        ("GET / with 10,000 ranges", b"GET / HTTP/1.1\r\n" + H + b"Range: bytes=" + b",".join(b"%d-%d" % (i, i) for i in range(10000)) + b"\r\nConnection: close\r\n\r\n"),
        ("GET /../../etc/passwd", b"GET /../../etc/passwd HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n"),
        ("GET /%2e%2e/%2e%2e/etc/passwd", b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n"),
        ("GET /..%2f..%2fetc%2fpasswd", b"GET /..%2f..%2fetc%2fpasswd HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n"),
        ("GET /?q=<1 MB>", b"GET /?q=" + b"a" * (1 << 20) + b" HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n"),
        ("POST /api/parse?year=<60 KB>", post(port, b"/api/parse?year=" + b"9" * 60000, ok, ct)),
        ("Content-Length beside chunked", b"POST /api/inspect HTTP/1.1\r\n" + H + ct + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
         b"%x\r\n" % len(ok) + ok + b"\r\n0\r\n\r\n"),
        ("chunked, then Content-Length", b"POST /api/inspect HTTP/1.1\r\n" + H + ct + b"Transfer-Encoding: chunked\r\nContent-Length: 5\r\nConnection: close\r\n\r\n" +
         b"%x\r\n" % len(ok) + ok + b"\r\n0\r\n\r\n"),
    ]
    print("%-48s %-22s %7s  %9s %7s  %s" % ("case", "status", "seconds", "srv CPU", "VmHWM", "GET /"))
    for name, data in cases:
        before, _ = cpu_and_hwm(server.pid)
        st, dt = exchange(port, data)
        cpu, hwm = cpu_and_hwm(server.pid)
        r, rt = root(port)
        print("%-48s %-22s %7.2f  %8.2fs %5d MB  %s in %.2f s" % (name, st[:22], dt, cpu - before, hwm, r, rt))
    for n in (1000,):
        before, _ = cpu_and_hwm(server.pid)
        st, dt = idle(port, n)
        cpu, hwm = cpu_and_hwm(server.pid)
        r, rt = root(port)
        print("%-48s %-22s %7.2f  %8.2fs %5d MB  %s in %.2f s" % ("%d idle connections" % n, st[:22], dt, cpu - before, hwm, r, rt))
    server.kill()


main()
