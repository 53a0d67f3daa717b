#!/usr/bin/env python3
"""Hostile load on `jixiao serve`, loopback only, bounded in count and time (not a test).

Mixed valid and hostile requests from CONNECTIONS client threads while SLOW connections trickle
a request head one byte at a time (slowloris). Valid requests are /api/evaluate of the seed
table with its actuals (format json) and /api/parse of the seed's indicators; every valid
answer is compared with the command line's bytes. Hostile ones: a foreign Origin (expect 403),
a rebinding Host (403), a cross-site fetch (403), garbage as an .xlsx (400), a table given
twice (400). Reports requests per second, p50/p99 of the valid ones, the statuses seen, 503s
(the queue was full), the server's peak memory (VmHWM), and whether the slow connections were
closed by the header timeout.

    python3 benches/web_hostile_load.py [BINARY] [--connections 200] [--slow 150]
        [--requests 4000] [--seconds 60]

BINARY defaults to target/release/jixiao (build it first). Standard library only.
"""

import argparse
import os
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "samples", "guangzhou-hpf-2023")
BOUNDARY = "jixiao-hostile-load"


def part(field, name, data):
    head = (
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; "
        f"filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + data + b"\r\n"


def multipart(*parts):
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def request(port, method, path, body=b"", headers=(), timeout=120):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        head = f"{method} {path} HTTP/1.1\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
        if not any(k.lower() == "host" for k, _ in headers):
            head += f"Host: 127.0.0.1:{port}\r\n"
        for k, v in headers:
            head += f"{k}: {v}\r\n"
        s.sendall(head.encode() + b"\r\n" + body)
        chunks = []
        while True:
            d = s.recv(1 << 16)
            if not d:
                break
            chunks.append(d)
    finally:
        s.close()
    raw = b"".join(chunks)
    head, _, payload = raw.partition(b"\r\n\r\n")
    try:
        status = int(head.split(b" ")[1])
    except (IndexError, ValueError):
        status = 0
    return status, payload


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary", nargs="?", default=os.path.join(ROOT, "target", "release", "jixiao"))
    ap.add_argument("--connections", type=int, default=200)
    ap.add_argument("--slow", type=int, default=150)
    ap.add_argument("--requests", type=int, default=4000)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    args.binary = os.path.abspath(args.binary)

    table = open(os.path.join(SAMPLE, "targets.tsv"), "rb").read()
    actuals = open(os.path.join(SAMPLE, "actuals.yaml"), "rb").read()
    indicators = open(os.path.join(SAMPLE, "indicators.tsv"), "rb").read()
    cli = lambda *a, stdin=None: subprocess.run(
        [args.binary, *a], cwd=SAMPLE, input=stdin, capture_output=True, check=True
    ).stdout
    expected_eval = cli("evaluate", "targets.tsv", "actuals.yaml", "--format", "json")
    expected_parse = cli("parse", "--format", "jsonl", stdin=indicators)

    server = subprocess.Popen(
        [args.binary, "serve", "--port", "0", "--header-timeout", "5"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    port = None
    for line in server.stderr:
        if "http://127.0.0.1:" in line:
            port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
            break
    threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
    assert port, "the server did not start"

    eval_body = multipart(part("table", "targets.tsv", table), part("actuals", "actuals.yaml", actuals))
    twice = multipart(part("table", "a.tsv", table), part("table", "b.tsv", table))
    garbage = multipart(part("table", "x.xlsx", os.urandom(4096)))
    mp = [("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")]
    kinds = [
        ("evaluate", "POST", "/api/evaluate?format=json", eval_body, mp, {200}, expected_eval),
        ("parse", "POST", "/api/parse", indicators, [], {200}, expected_parse),
        ("foreign-origin", "POST", "/api/parse", b"95%", [("Origin", "http://evil.example")], {403}, None),
        ("rebinding-host", "GET", "/", b"", [("Host", f"evil.example:{port}")], {403}, None),
        ("cross-site", "POST", "/api/evaluate", eval_body, mp + [("Sec-Fetch-Site", "cross-site")], {403}, None),
        ("garbage-xlsx", "POST", "/api/evaluate", garbage, mp, {400}, None),
        ("table-twice", "POST", "/api/evaluate", twice, mp, {400}, None),
    ]

    # slowloris: heads that never end, one byte every half second
    slow_closed = [0]
    stop = threading.Event()

    def slowloris():
        socks = []
        for _ in range(args.slow):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=1)
                s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                socks.append(s)
            except OSError:
                slow_closed[0] += 1
        while socks and not stop.is_set():
            for s in list(socks):
                try:
                    s.sendall(b"X")
                except OSError:
                    slow_closed[0] += 1
                    socks.remove(s)
            time.sleep(0.5)
        for s in socks:
            s.close()

    slow = threading.Thread(target=slowloris, daemon=True)
    slow.start()
    time.sleep(0.5)

    lock = threading.Lock()
    counter = [0]
    latencies, statuses, wrong, unexpected = [], {}, [], []
    deadline = time.time() + args.seconds

    def worker():
        while time.time() < deadline:
            with lock:
                if counter[0] >= args.requests:
                    return
                n = counter[0]
                counter[0] += 1
            name, method, path, body, headers, ok, expected = kinds[n % len(kinds)]
            t = time.perf_counter()
            try:
                status, payload = request(port, method, path, body, headers)
            except OSError as e:
                status, payload = -1, str(e).encode()
            dt = time.perf_counter() - t
            with lock:
                statuses[(name, status)] = statuses.get((name, status), 0) + 1
                if status == 200 and expected is not None:
                    latencies.append(dt)
                    if payload != expected:
                        wrong.append(name)
                elif status not in ok and status != 503:
                    unexpected.append((name, status, payload[:200]))

    start = time.time()
    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.time() - start
    # the header timeout (5 s) closes every slow connection however long it trickles
    wait_until = time.time() + 8
    while slow_closed[0] < args.slow and time.time() < wait_until:
        time.sleep(0.25)
    stop.set()
    peak = "?"
    try:
        for line in open(f"/proc/{server.pid}/status"):
            if line.startswith("VmHWM"):
                peak = line.split(":")[1].strip()
    except OSError:
        pass
    server.kill()
    server.wait()

    done = sum(statuses.values())
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")
    print(f"{done} requests from {args.connections} connections with {args.slow} slow ones, {took:.1f} s: "
          f"{done / took:.0f} requests/s")
    print(f"valid answers: {len(latencies)}, p50 {pct(0.50):.1f} ms, p99 {pct(0.99):.1f} ms; "
          f"different from the CLI's bytes: {len(wrong)}")
    for (name, status), n in sorted(statuses.items()):
        print(f"  {name:15} {status}: {n}")
    print(f"slow connections closed by the server: {slow_closed[0]} of {args.slow}")
    print(f"server peak memory (VmHWM): {peak}")
    if unexpected:
        print(f"unexpected answers: {unexpected[:5]}")
    return 1 if wrong or unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
