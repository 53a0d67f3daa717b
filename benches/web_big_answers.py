#!/usr/bin/env python3
"""Many large answers at once, loopback only, bounded (not a test; issue 27, H172).

Session 23 once saw one 200 answer of a 20,000-project JSON evaluation end short while another
was served beside it (not verified). This starts `jixiao serve` on a free loopback port, builds a
sheet of PROJECTS one-indicator projects, takes the command line's `evaluate --format json`
bytes of it, then sends CONNECTIONS uploads of it at once (`POST /api/evaluate?format=json`),
each read as fast as it comes (decoded as it arrives: chunked or by length, hashed, never held
whole) and compares every 200 answer with the CLI's bytes (length and SHA-256). Any other
status is counted (503: the queue was full; 408: waited past the timeout); a 200 whose body
differs or ends early is the defect looked for. `GET /` is asked between rounds.

    python3 benches/web_big_answers.py BIN [--projects 20000] [--connections 50] [--rounds 1]
        [--queue 64] [--timeout 300]

Standard library only; every socket has a timeout, the server is killed at the end.
"""
import argparse, hashlib, os, socket, subprocess, sys, tempfile, threading, time

BOUNDARY = "jixiao-big-answers"


def sheet(projects):
    rows = ["项目名称\t一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值"]
    for p in range(projects):
        rows.append("项目%05d\t产出指标\t数量指标\t培训人数\t≥100人\t%d人\t100" % (p, 80 + p % 40))
    return ("\n".join(rows) + "\n").encode()


def read_answer(s):
    """Status, decoded body length, SHA-256 and whether it ended whole (chunked: its last chunk
    seen; by length: every byte)."""
    buf = bytearray()
    while b"\r\n\r\n" not in buf:
        d = s.recv(1 << 16)
        if not d:
            return 0, 0, "", False
        buf += d
    head, _, rest = bytes(buf).partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1])
    lower = head.lower()
    h, n = hashlib.sha256(), 0
    buf = bytearray(rest)
    if b"transfer-encoding: chunked" in lower:
        at = 0
        while True:
            eol = buf.find(b"\r\n", at)
            while eol < 0:
                d = s.recv(1 << 20)
                if not d:
                    return status, n, h.hexdigest(), False
                buf += d
                eol = buf.find(b"\r\n", at)
            size = int(bytes(buf[at:eol]).split(b";")[0], 16)
            at = eol + 2
            while len(buf) < at + size + 2:
                d = s.recv(1 << 20)
                if not d:
                    h.update(buf[at:]), len(buf) - at
                    return status, n + max(0, len(buf) - at), h.hexdigest(), False
                buf += d
            if size == 0:
                return status, n, h.hexdigest(), True
            h.update(buf[at:at + size])
            n += size
            at += size + 2
            if at > 1 << 22:  # keep the buffer small: drop what is decoded
                del buf[:at]
                at = 0
    length = None
    for line in lower.split(b"\r\n"):
        if line.startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    h.update(buf)
    n = len(buf)
    while True:
        d = s.recv(1 << 20)
        if not d:
            break
        h.update(d)
        n += len(d)
    return status, n, h.hexdigest(), length is None or n == length


def post(port, body, timeout):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        head = ("POST /api/evaluate?format=json HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n"
                "Content-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n\r\n"
                % (port, BOUNDARY, len(body)))
        s.sendall(head.encode() + body)
        return read_answer(s)
    except OSError as e:
        return -1, 0, str(e), False
    finally:
        s.close()


def get_root(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        t = time.time()
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port)
        status = read_answer(s)[0]
        return status, time.time() - t
    finally:
        s.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--projects", type=int, default=20000)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--queue", type=int, default=64)
    ap.add_argument("--timeout", type=int, default=300)
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    work = tempfile.mkdtemp(prefix="big-answers-")
    table = sheet(a.projects)
    with open(os.path.join(work, "t.tsv"), "wb") as f:
        f.write(table)
    cli = subprocess.run([binary, "evaluate", "t.tsv", "--format", "json"], cwd=work, capture_output=True).stdout
    want = (len(cli), hashlib.sha256(cli).hexdigest())
    print("sheet %d KB, CLI answer %d bytes" % (len(table) >> 10, len(cli)))
    body = ("--%s\r\nContent-Disposition: form-data; name=\"table\"; filename=\"t.tsv\"\r\n"
            "Content-Type: text/tab-separated-values\r\n\r\n" % BOUNDARY).encode() + table + (
        "\r\n--%s--\r\n" % BOUNDARY).encode()
    server = subprocess.Popen([binary, "serve", "--port", "0", "--max-queue", str(a.queue),
                               "--timeout", str(a.timeout)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    port = None
    for line in server.stderr:
        if "http://127.0.0.1:" in line:
            port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
            break
    threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
    bad = 0
    try:
        for r in range(a.rounds):
            results = [None] * a.connections
            def one(k):
                results[k] = post(port, body, a.timeout + 60)
            t0 = time.time()
            threads = [threading.Thread(target=one, args=(k,)) for k in range(a.connections)]
            for t in threads:
                t.start()
            roots = []
            while any(t.is_alive() for t in threads):
                time.sleep(2)
                roots.append(get_root(port))
            for t in threads:
                t.join()
            statuses = {}
            for st, n, digest, whole in results:
                statuses[st] = statuses.get(st, 0) + 1
                if st == 200 and ((n, digest) != want or not whole):
                    bad += 1
                    print("  a 200 that differs: %d bytes (CLI %d), whole %s" % (n, want[0], whole))
            hwm = 0
            try:
                for l in open("/proc/%d/status" % server.pid):
                    if l.startswith("VmHWM"):
                        hwm = int(l.split()[1]) >> 10
            except OSError:
                pass
            print("round %d: %.1f s, statuses %s, 200s equal to the CLI's: %d, GET / %d of %d 200 (max %.2f s), "
                  "server VmHWM %d MB" % (r + 1, time.time() - t0, dict(sorted(statuses.items())),
                                          sum(1 for st, n, d, w in results if st == 200 and (n, d) == want and w),
                                          sum(1 for st, _ in roots if st == 200), len(roots),
                                          max([t for _, t in roots] or [0]), hwm))
    finally:
        server.kill()
        server.wait()
        for f in os.listdir(work):
            os.remove(os.path.join(work, f))
        os.rmdir(work)
    print("200 answers that differ from the CLI's: %d" % bad)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
