#!/usr/bin/env python3
"""Issue 27's second outside probe (H15), the server's side: starts `BIN serve` on a loopback
port and tries multipart tricks, slow headers and many connections, printing one line a try:
    name  seconds  status  note
usage: python3 tests/hostile/probe_web.py BIN SAMPLE_TABLE
"""
import os, re, socket, subprocess, sys, threading, time

import probe_server

BIN, SAMPLE = sys.argv[1], sys.argv[2]
srv = probe_server.start(BIN)
port = probe_server.PORT

def request(method, path, ctype=b"text/plain", body=b"", head_extra=b"", timeout=120):
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(timeout)
    head = b"%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n%s\r\n" % (
        method.encode(), path.encode(), port, ctype, len(body), head_extra)
    try:
        s.sendall(head)
        s.sendall(body)
    except OSError:
        pass
    chunks = []
    try:
        while True:
            k = s.recv(65536)
            if not k:
                break
            chunks.append(k)
    except OSError:
        pass
    s.close()
    out = b"".join(chunks)
    status = out.split(b" ", 2)[1].decode() if out.startswith(b"HTTP/") else "none"
    return status, out

def multipart(parts):
    b = b"probe-boundary"
    out = []
    for name, filename, data, extra in parts:
        disp = b'form-data; name="%s"' % name
        if filename is not None:
            disp += b'; filename="%s"' % filename
        out.append(b"--" + b + b"\r\nContent-Disposition: " + disp + b"\r\n" + extra + b"\r\n" + data + b"\r\n")
    out.append(b"--" + b + b"--\r\n")
    return b"multipart/form-data; boundary=" + b, b"".join(out)

def timed(name, f):
    t = time.time()
    try:
        status, note = f()
    except Exception as e:  # noqa
        status, note = "exc", repr(e)[:80]
    ok_get = request("GET", "/")[0]
    print("%s\t%.2f\t%s\tGET / after: %s\t%s" % (name, time.time() - t, status, ok_get, note), flush=True)

sample = open(SAMPLE, "rb").read()

def code(out):
    m = re.search(rb'"code"\s*:\s*"([^"]+)"', out) or re.search(rb"(web\.[a-z-]+|table\.[a-z-]+)", out)
    return m.group(1).decode() if m else out[-120:].decode("utf-8", "replace").replace("\n", " ")

def many_file_parts():
    ct, body = multipart([(b"file", b"f%d.txt" % i, b"x", b"") for i in range(100_000)])
    s, out = request("POST", "/api/inspect", ct, body)
    return s, "%d bytes, %s" % (len(body), code(out))

def many_plain_parts():
    ct, body = multipart([(b"year", None, b"2023", b"")] * 100_000)
    s, out = request("POST", "/api/inspect", ct, body)
    return s, code(out)

def huge_part_header():
    ct, body = multipart([(b"table", b"t.tsv", sample, b"X-Pad: " + b"a" * 8_000_000 + b"\r\n")])
    s, out = request("POST", "/api/inspect", ct, body)
    return s, code(out)

def many_part_headers():
    ct, body = multipart([(b"table", b"t.tsv", sample, b"".join(b"X-%d: a\r\n" % i for i in range(200_000)))])
    s, out = request("POST", "/api/inspect", ct, body)
    return s, code(out)

def filename_tricks():
    notes = []
    for fn in [b"../../../../tmp/h15-escape.tsv", b"a\x00b.tsv", b"/etc/passwd", b"..\\\\..\\\\x.tsv", b"\x1b]0;pwn\x07.tsv", b"%2e%2e%2fx.tsv"]:
        ct, body = multipart([(b"table", fn, sample, b"")])
        s, out = request("POST", "/api/inspect?format=table", ct, body)
        notes.append("%s:%s" % (fn[:12], s))
        if b"\x1b" in out:
            notes.append("ESC in answer")
    if os.path.exists("/tmp/h15-escape.tsv"):
        notes.append("ESCAPED A FILE")
    return "-", " ".join(n if isinstance(n, str) else str(n) for n in notes)

def header_bomb():
    s, out = request("GET", "/", head_extra=b"".join(b"X-%d: %s\r\n" % (i, b"a" * 100) for i in range(20_000)))
    return s, code(out)

def slowloris():
    socks = []
    for _ in range(300):
        try:
            c = socket.create_connection(("127.0.0.1", port))
            c.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            socks.append(c)
        except OSError:
            break
    t = time.time()
    s = request("GET", "/", timeout=30)[0]
    took = time.time() - t
    for c in socks:
        c.close()
    return s, "%d half-open, GET / answered in %.2f s" % (len(socks), took)

def keepalive_many():
    socks = []
    for _ in range(1000):
        try:
            c = socket.create_connection(("127.0.0.1", port))
            c.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)
            socks.append(c)
        except OSError:
            break
    t = time.time()
    s = request("GET", "/", timeout=30)[0]
    took = time.time() - t
    for c in socks:
        c.close()
    return s, "%d keep-alive connections open, GET / in %.2f s" % (len(socks), took)

def chunked_forever():
    c = socket.create_connection(("127.0.0.1", port))
    c.settimeout(60)
    ct, _ = multipart([])
    c.sendall(b"POST /api/inspect HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n" % (port, ct))
    sent = 0
    t = time.time()
    try:
        while time.time() - t < 40:
            c.sendall(b"10000\r\n" + b"a" * 0x10000 + b"\r\n")
            sent += 0x10000
    except OSError:
        pass
    try:
        out = c.recv(4096)
    except OSError:
        out = b""
    c.close()
    return out.split(b" ", 2)[1].decode() if out.startswith(b"HTTP/") else "closed", "sent %d MB" % (sent >> 20)

def numbers_upload():
    rows = open(SAMPLE, encoding="utf-8").read()
    big = rows.replace("54.97", "1e999999").replace("111.42", "79228162514264337593543950335")
    ct, body = multipart([(b"table", b"t.tsv", big.encode(), b""), (b"actuals", b"a.yaml", "业务用房物业管理费:\n  办公设备维护维修工作完成率: 10000000000000000000000000000000000000000%\n".encode(), b"")])
    s, out = request("POST", "/api/evaluate?format=csv", ct, body)
    return s, code(out) if s != "200" else "%d bytes" % len(out)

for name, f in [("multipart-100k-file-parts", many_file_parts), ("multipart-100k-plain-parts", many_plain_parts),
                ("multipart-8MB-part-header", huge_part_header), ("multipart-200k-part-headers", many_part_headers),
                ("multipart-filename-tricks", filename_tricks), ("headers-20k", header_bomb),
                ("slowloris-300", slowloris), ("keepalive-1000", keepalive_many),
                ("chunked-endless-upload", chunked_forever), ("numbers-past-decimal", numbers_upload)]:
    timed(name, f)
srv.kill()
