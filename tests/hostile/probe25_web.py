#!/usr/bin/env python3
"""The twenty-fifth session's hostile probe of `jixiao serve` (issue 27, H180), loopback only:
two requests pipelined where the first's Content-Length lies (short, then long), a
Content-Length beside `Transfer-Encoding: chunked`, a multipart body of 100,000 empty parts,
a boundary repeated a million times, chunk sizes with 1,000 leading zeros or a chunk extension
of 1 MB, and uploads in chunks of one, four and sixteen bytes. Each case: the status (or how the
connection ended), the seconds it took, the server's CPU and peak memory (VmHWM) after it, and
whether `GET /` still answers 200.

    python3 tests/hostile/probe25_web.py BIN"""
import os, sys

# the server, exchange and measures of `probe24_web.py` (its helpers, not its cases)
_kit = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "probe24_web.py"), encoding="utf-8").read()
exec(_kit[:_kit.index("def main():")])


def chunked(port, body, size, boundary):
    head = (b"POST /api/inspect HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Type: multipart/form-data; boundary=" % port + boundary + b"\r\n\r\n")
    return head + b"".join(b"%x\r\n" % len(body[i:i + size]) + body[i:i + size] + b"\r\n"
                           for i in range(0, len(body), size)) + b"0\r\n\r\n"


def main():
    server, port = start()
    H = b"Host: 127.0.0.1:%d\r\n" % port
    b = b"B" * 20
    ok = multipart(b, b"t.tsv", TABLE)
    ct = b"Content-Type: multipart/form-data; boundary=" + b + b"\r\n"
    empty_parts = b"".join(b"--" + b + b"\r\nContent-Disposition: form-data; name=\"x%d\"\r\n\r\n\r\n" % k for k in range(100000)) + ok
    cases = [
        ("pipelined, first Content-Length short", b"POST /api/inspect HTTP/1.1\r\n" + H + ct +
         b"Content-Length: %d\r\n\r\n" % (len(ok) - 40) + ok + b"GET / HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n"),
        ("pipelined, first Content-Length long", [b"POST /api/inspect HTTP/1.1\r\n" + H + ct +
         b"Content-Length: %d\r\n\r\n" % (len(ok) + 200) + ok + b"GET / HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n"]),
        ("Content-Length beside chunked", b"POST /api/inspect HTTP/1.1\r\n" + H + ct + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
         b"%x\r\n" % len(ok) + ok + b"\r\n0\r\n\r\n"),
        ("multipart: 100,000 empty parts", post(port, b"/api/inspect", empty_parts, ct)),
        ("multipart: boundary line a million times", post(port, b"/api/inspect", (b"--" + b + b"\r\n") * 1000000 + ok, ct)),
        ("chunk size with 1,000 leading zeros", b"POST /api/inspect HTTP/1.1\r\n" + H + ct + b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
         b"0" * 1000 + b"%x\r\n" % len(ok) + ok + b"\r\n0\r\n\r\n"),
        ("chunk extension of 1 MB", b"POST /api/inspect HTTP/1.1\r\n" + H + ct + b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
         b"%x;" % len(ok) + b"e" * (1 << 20) + b"\r\n" + ok + b"\r\n0\r\n\r\n"),
    ]
    body = multipart(b, b"t.tsv", TABLE + b"\n" * (1000000 - len(TABLE) - 200))
    for size in (1, 4, 16):
        cases.append(("1 MB in chunks of %d bytes" % size, chunked(port, body, size, b)))
    print("%-44s %-14s %7s  %9s %7s  %s" % ("case", "status", "seconds", "srv CPU", "VmHWM", "GET /"))
    for name, data in cases:
        before, _ = cpu_and_hwm(server.pid)
        st, dt = exchange(port, data)
        cpu, hwm = cpu_and_hwm(server.pid)
        r, rt = root(port)
        print("%-44s %-14s %7.2f  %8.2fs %5d MB  %s in %.2f s" % (name, st[:14], dt, cpu - before, hwm, r, rt))
    server.kill()


main()
