#!/usr/bin/env python3
"""The twenty-fourth session's hostile probe of `jixiao serve` (issue 27, H172), loopback only:
a head of 100,000 header lines, 10,000 query parameters, a multipart body full of 70-character
near-boundaries, `Expect: 100-continue` never continued, HTTP/1.0 keep-alive, a request line of
1 MB, a chunked upload of a million one-byte chunks. Each case: the status (or how the connection
ended), the seconds it took, the server's CPU and peak memory (VmHWM) after it, and whether
`GET /` still answers 200.

    python3 tests/hostile/probe24_web.py BIN"""
import os, socket, subprocess, sys, threading, time

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TABLE = open(os.path.join(ROOT, "samples", "guangzhou-hpf-2023", "targets.tsv"), "rb").read()


def start():
    server = subprocess.Popen([BIN, "serve", "--port", "0", "--header-timeout", "5", "--timeout", "30"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in server.stderr:
        if "http://127.0.0.1:" in line:
            port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
            break
    threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
    return server, port


def exchange(port, data, timeout=60, pause_after=None):
    """Send `data` (bytes, or a list of pieces), read until closed; status line and seconds."""
    t = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    got = b""
    try:
        for piece in (data if isinstance(data, list) else [data]):
            try:
                s.sendall(piece)
            except OSError as e:
                got += b"[send: %s]" % str(e).encode()
                break
        while True:
            d = s.recv(1 << 16)
            if not d:
                break
            got += d
    except OSError as e:
        got += b"[%s]" % str(e).encode()
    finally:
        s.close()
    statuses = [l.split(b" ")[1].decode() for l in got.split(b"\r\n") if l.startswith(b"HTTP/1.")]
    return (",".join(statuses) or got[:60].decode("utf-8", "replace") or "closed"), time.time() - t


def root(port):
    st, dt = exchange(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port, 30)
    return st, dt


def cpu_and_hwm(pid):
    ticks = sum(int(x) for x in open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()[11:15])
    hwm = [int(l.split()[1]) >> 10 for l in open("/proc/%d/status" % pid) if l.startswith("VmHWM")][0]
    return ticks / os.sysconf("SC_CLK_TCK"), hwm


def multipart(boundary, name, data):
    return (b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"table\"; filename=\"" + name +
            b"\"\r\nContent-Type: text/tab-separated-values\r\n\r\n" + data + b"\r\n--" + boundary + b"--\r\n")


def post(port, path, body, extra=b""):
    return (b"POST " + path + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n" % port + extra +
            b"Content-Length: %d\r\n\r\n" % len(body) + body)


def main():
    server, port = start()
    H = b"Host: 127.0.0.1:%d\r\n" % port
    b70 = b"B" * 70
    near = (b"\r\n--" + b70[:69] + b"x") * ((20 << 20) // 76)
    cases = [
        ("headers: 100,000 lines", b"GET / HTTP/1.1\r\n" + H + b"X-a: b\r\n" * 100000 + b"\r\n"),
        ("headers: one of 1 MB", b"GET / HTTP/1.1\r\n" + H + b"X-a: " + b"b" * (1 << 20) + b"\r\n\r\n"),
        ("query: 10,000 parameters", b"POST /api/evaluate?" + b"&".join(b"p%d=1" % k for k in range(10000)) +
         b" HTTP/1.1\r\n" + H + b"Connection: close\r\nContent-Type: multipart/form-data; boundary=" + b70 +
         b"\r\nContent-Length: %d\r\n\r\n" % len(multipart(b70, b"t.tsv", TABLE)) + multipart(b70, b"t.tsv", TABLE)),
        ("query: format given 10,000 times", b"POST /api/evaluate?" + b"&".join(b"format=json" for k in range(10000)) +
         b" HTTP/1.1\r\n" + H + b"Connection: close\r\nContent-Type: multipart/form-data; boundary=" + b70 +
         b"\r\nContent-Length: %d\r\n\r\n" % len(multipart(b70, b"t.tsv", TABLE)) + multipart(b70, b"t.tsv", TABLE)),
        ("multipart: 70-char boundary, 20 MB of near-boundaries", post(port, b"/api/inspect",
         multipart(b70, b"t.tsv", TABLE + near), b"Content-Type: multipart/form-data; boundary=" + b70 + b"\r\n")),
        ("multipart: boundary of 71 chars", post(port, b"/api/inspect",
         multipart(b70 + b"C", b"t.tsv", TABLE), b"Content-Type: multipart/form-data; boundary=" + b70 + b"C\r\n")),
        ("multipart: the sample, 70-char boundary", post(port, b"/api/inspect",
         multipart(b70, b"t.tsv", TABLE), b"Content-Type: multipart/form-data; boundary=" + b70 + b"\r\n")),
        ("request line of 1 MB", b"GET /" + b"a" * (1 << 20) + b" HTTP/1.1\r\n" + H + b"\r\n"),
        ("HTTP/1.0 keep-alive, two requests", b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n" + H + b"\r\n" +
         b"GET / HTTP/1.0\r\n" + H + b"\r\n"),
        ("HTTP/1.0 no Host", b"GET / HTTP/1.0\r\n\r\n"),
        ("HTTP/1.0 POST chunked", b"POST /api/inspect HTTP/1.0\r\n" + H + b"Transfer-Encoding: chunked\r\n"
         b"Content-Type: multipart/form-data; boundary=" + b70 + b"\r\n\r\n" + b"%x\r\n" % len(multipart(b70, b"t.tsv", TABLE)) +
         multipart(b70, b"t.tsv", TABLE) + b"\r\n0\r\n\r\n"),
        ("chunked: a million one-byte chunks", b"POST /api/inspect HTTP/1.1\r\n" + H + b"Connection: close\r\nTransfer-Encoding: chunked\r\n"
         b"Content-Type: multipart/form-data; boundary=" + b70 + b"\r\n\r\n" +
         b"".join(b"1\r\n" + bytes([c]) + b"\r\n" for c in (multipart(b70, b"t.tsv", TABLE + b"\n" * (1000000 - len(TABLE) - 200)))) + b"0\r\n\r\n"),
    ]
    print("%-52s %-14s %7s  %9s %7s  %s" % ("case", "status", "seconds", "srv CPU", "VmHWM", "GET /"))
    for name, data in cases:
        st, dt = exchange(port, data)
        cpu, hwm = cpu_and_hwm(server.pid)
        r, rt = root(port)
        print("%-52s %-14s %7.2f  %8.2fs %5d MB  %s in %.2f s" % (name, st[:14], dt, cpu, hwm, r, rt))
    # Expect: 100-continue, the body never sent: held until the header timeout?
    t = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    s.sendall(b"POST /api/inspect HTTP/1.1\r\n" + H + b"Expect: 100-continue\r\nContent-Type: multipart/form-data; boundary=" + b70 +
              b"\r\nContent-Length: 1000000\r\n\r\n")
    got = b""
    try:
        while True:
            d = s.recv(1 << 16)
            if not d:
                break
            got += d
    except OSError as e:
        got += b"[%s]" % str(e).encode()
    s.close()
    statuses = [l.split(b" ")[1].decode() for l in got.split(b"\r\n") if l.startswith(b"HTTP/1.")]
    cpu, hwm = cpu_and_hwm(server.pid)
    r, rt = root(port)
    print("%-52s %-14s %7.2f  %8.2fs %5d MB  %s in %.2f s" % ("Expect: 100-continue, never continued", ",".join(statuses)[:14], time.time() - t, cpu, hwm, r, rt))
    # 40 such connections at once: do they hold the admission slots?
    socks = []
    for _ in range(40):
        s = socket.create_connection(("127.0.0.1", port), timeout=60)
        s.sendall(b"POST /api/inspect HTTP/1.1\r\n" + H + b"Expect: 100-continue\r\nContent-Type: multipart/form-data; boundary=" + b70 +
                  b"\r\nContent-Length: 1000000\r\n\r\n")
        socks.append(s)
    time.sleep(1)
    sample = post(port, b"/api/inspect", multipart(b70, b"t.tsv", TABLE), b"Content-Type: multipart/form-data; boundary=" + b70 + b"\r\n")
    st, dt = exchange(port, sample)
    r, rt = root(port)
    print("%-52s %-14s %7.2f  %9s %7s  %s in %.2f s" % ("a sample beside 40 never-continued", st, dt, "", "", r, rt))
    for s in socks:
        s.close()
    server.kill()
    server.wait()


main()
