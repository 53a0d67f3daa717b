#!/usr/bin/env python3
"""The twenty-seventh session's hostile probe of `jixiao serve` (issue 27, H194), loopback only:
a multipart body of 100,000 parts (each a tiny file field), a boundary of 70 KB, one header of
1 MB, 10,000 headers, 100 pipelined `GET /` on one connection, a head sent a byte a second
(slowloris), `Expect: 100-continue` with the body never sent. Each case: the status (or how the
connection ended), the seconds it took, the server's CPU and peak memory (VmHWM) after it, and
whether `GET /` still answers 200.

    python3 tests/hostile/probe27_web.py BIN"""
import os, socket, sys, time

# the server, exchange and measures of `probe24_web.py` (its helpers, not its cases)
_kit = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "probe24_web.py"), encoding="utf-8").read()
exec(_kit[:_kit.index("def main():")])


def slowloris(port, seconds):
    """A head sent one byte a second for `seconds`; what the server said, and when."""
    t = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=seconds + 10)
    head = b"POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-A: " % port + b"a" * 1000
    said = "not closed"
    try:
        for k in range(len(head)):
            s.sendall(head[k:k + 1])
            time.sleep(1)
            if time.time() - t > seconds:
                break
        s.settimeout(5)
        d = s.recv(1 << 16)
        said = d.split(b"\r\n")[0].decode() if d else "closed"
    except OSError as e:
        said = "closed (%s)" % e.__class__.__name__
    s.close()
    return said, time.time() - t


def main():
    server, port = start()
    H = b"Host: 127.0.0.1:%d\r\n" % port
    b = b"B" * 20
    ct = b"Content-Type: multipart/form-data; boundary=" + b + b"\r\n"
    parts = b"".join(b"--" + b + b'\r\nContent-Disposition: form-data; name="file"; filename="f%d.tsv"\r\n\r\nx\r\n' % k
                     for k in range(100000)) + b"--" + b + b"--\r\n"
    big_b = b"b" * 70000
    big_ct = b"Content-Type: multipart/form-data; boundary=" + big_b + b"\r\n"
    body70 = multipart(big_b, b"t.tsv", TABLE)
    cases = [
        ("/api/parse, 100,000 file parts", post(port, b"/api/parse", parts, ct)),
        ("/api/parse, a boundary of 70 KB", post(port, b"/api/parse", body70, big_ct)),
        ("GET / with one header of 1 MB", b"GET / HTTP/1.1\r\n" + H + b"X-A: " + b"a" * (1 << 20) + b"\r\nConnection: close\r\n\r\n"),
        ("GET / with 10,000 headers", b"GET / HTTP/1.1\r\n" + H + b"".join(b"X-%d: a\r\n" % k for k in range(10000)) + b"Connection: close\r\n\r\n"),
        ("100 GET / pipelined", b"".join(b"GET / HTTP/1.1\r\n" + H + b"\r\n" for _ in range(99)) + b"GET / HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n"),
        ("Expect: 100-continue, no body", b"POST /api/parse HTTP/1.1\r\n" + H + ct + b"Expect: 100-continue\r\nContent-Length: 1000\r\n\r\n"),
    ]
    print("%-40s %-22s %7s  %9s %7s  %s" % ("case", "status", "seconds", "srv CPU", "VmHWM", "GET /"))
    for name, data in cases:
        before, _ = cpu_and_hwm(server.pid)
        st, dt = exchange(port, data)
        if st.count(",") > 3:
            st = "%d × %s" % (st.count(",") + 1, st.split(",")[0])
        cpu, hwm = cpu_and_hwm(server.pid)
        r, rt = root(port)
        print("%-40s %-22s %7.2f  %8.2fs %5d MB  %s in %.2f s" % (name, st[:22], dt, cpu - before, hwm, r, rt))
    before, _ = cpu_and_hwm(server.pid)
    st, dt = slowloris(port, 20)
    cpu, hwm = cpu_and_hwm(server.pid)
    r, rt = root(port)
    print("%-40s %-22s %7.2f  %8.2fs %5d MB  %s in %.2f s" % ("slowloris head, a byte a second", st[:22], dt, cpu - before, hwm, r, rt))
    server.kill()


main()
