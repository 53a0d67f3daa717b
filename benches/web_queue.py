#!/usr/bin/env python3
"""The server's queue, loopback only, bounded (not a test; issue 27, H162).

Starts `jixiao serve` on a free loopback port and sends, all at once, HEAVY uploads that each
take seconds of work (a generated sheet of PROJECTS projects, `/api/evaluate`) and then, a
moment later (`--delay`, 1 s: the heavy ones' uploads in), LIGHT ones (the bundled sample with its actuals, `/api/evaluate`): what a person
dropping one form waits behind a few large ones. Prints for each kind the statuses and the
seconds from its send to its answer (min / median / max), the CPU of the server and of its
worker processes (from `/proc`, summed over the workers seen), whether `GET /` answered during
the run and how long it took, and the order the answers came in.

    python3 benches/web_queue.py BINARY [--heavy 8] [--light 8] [--projects 3000]
        [--max-work 2] [--max-queue 16] [--timeout 60] [--delay 1.0]

Standard library only; every socket has a timeout, the server is killed at the end.
"""

import argparse
import os
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from web_hostile_load import SAMPLE, multipart, part  # noqa: E402


def timed(port, body, headers, timeout):
    """One `POST /api/evaluate`: its status, the seconds to its first byte and to its last,
    and its length. The answer is counted, not kept or decoded (a client that decodes a large
    chunked answer slowly is itself let go by the slow-reader rule)."""
    t0 = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        head = "POST /api/evaluate HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Length: %d\r\nConnection: close\r\n" % (
            port, len(body))
        head += "".join("%s: %s\r\n" % kv for kv in headers)
        s.sendall(head.encode() + b"\r\n" + body)
        first, n, status = None, 0, 0
        while True:
            d = s.recv(1 << 20)
            if not d:
                break
            if first is None:
                first = time.time() - t0
                try:
                    status = int(d.split(b" ", 2)[1])
                except (IndexError, ValueError):
                    status = 0
            n += len(d)
    finally:
        s.close()
    return status, first or 0.0, time.time() - t0, n


def timed_get(port):
    """`GET /`: its status."""
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        s.sendall(("GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port).encode())
        got = b""
        while True:
            d = s.recv(1 << 16)
            if not d:
                break
            got += d
    finally:
        s.close()
    try:
        return int(got.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def sheet(projects):
    """A flat sheet of `projects` projects of 4 indicators each, actuals filled in."""
    rows = ["单位名称\t项目名称\t一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值"]
    for p in range(projects):
        for k, (name, target, actual) in enumerate(
                [("培训人数", "≥100人", "%d人" % (90 + p % 30)), ("结业率", "≥90%", "%d%%" % (85 + p % 15)),
                 ("完成时间", "≤10月", "%d月" % (8 + p % 5)), ("满意度", "≥90%", "93%")]):
            rows.append("某单位\t项目%d\t产出指标\t数量指标\t%s\t%s\t%s\t%d" % (p, name, target, actual, 25))
    return ("\n".join(rows) + "\n").encode()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def ticks(pid):
    """utime + stime of `pid` and, recursively, its children alive (clock ticks)."""
    total = 0
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    except (OSError, IndexError, ValueError):
        return 0
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--heavy", type=int, default=8)
    ap.add_argument("--light", type=int, default=8)
    ap.add_argument("--projects", type=int, default=3000)
    ap.add_argument("--max-work", type=int, default=2)
    ap.add_argument("--max-queue", type=int, default=16)
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--delay", type=float, default=1.0, help="seconds between the heavy and the light sends")
    a = ap.parse_args()

    port = free_port()
    server = subprocess.Popen([a.binary, "serve", "--port", str(port), "--max-work", str(a.max_work),
                               "--max-queue", str(a.max_queue), "--timeout", str(a.timeout)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        mp = [("Content-Type", "multipart/form-data; boundary=jixiao-hostile-load")]
        table = open(os.path.join(SAMPLE, "targets.tsv"), "rb").read()
        actuals = open(os.path.join(SAMPLE, "actuals.yaml"), "rb").read()
        light = multipart(part("table", "targets.tsv", table), part("actuals", "actuals.yaml", actuals))
        heavy = multipart(part("table", "big.tsv", sheet(a.projects)))
        results, lock, order = [], threading.Lock(), []
        worker_ticks = {}
        done = threading.Event()

        def sample():
            # the server's workers are its children: their CPU read while they live
            me = str(server.pid)
            while not done.is_set():
                for pid in os.listdir("/proc"):
                    if not pid.isdigit():
                        continue
                    try:
                        with open("/proc/%s/stat" % pid) as f:
                            fields = f.read().rsplit(")", 1)[1].split()
                    except OSError:
                        continue
                    if fields[1] == me:
                        worker_ticks[pid] = int(fields[11]) + int(fields[12])
                time.sleep(0.02)

        def send(kind, body):
            try:
                status, first, t, n = timed(port, body, mp, a.timeout + 30)
            except OSError as e:
                status, first, t, n = "error %s" % e.__class__.__name__, 0.0, 0.0, 0
            with lock:
                results.append((kind, status, first, t))
                order.append(kind[0])

        gets = []

        def get_page():
            while not done.is_set():
                t0 = time.time()
                try:
                    status = timed_get(port)
                except OSError:
                    status = 0
                gets.append((status, time.time() - t0))
                time.sleep(0.5)

        threading.Thread(target=sample, daemon=True).start()
        threading.Thread(target=get_page, daemon=True).start()
        start = time.time()
        t0 = ticks(server.pid)
        threads = [threading.Thread(target=send, args=("heavy", heavy)) for _ in range(a.heavy)]
        for t in threads:
            t.start()
        time.sleep(a.delay)
        more = [threading.Thread(target=send, args=("light", light)) for _ in range(a.light)]
        for t in more:
            t.start()
        for t in threads + more:
            t.join()
        wall = time.time() - start
        done.set()
        server_cpu = (ticks(server.pid) - t0) / os.sysconf("SC_CLK_TCK")
        workers_cpu = sum(worker_ticks.values()) / os.sysconf("SC_CLK_TCK")
        print("heavy upload %d KB, light %d KB; max-work %d, max-queue %d" % (
            len(heavy) // 1024, len(light) // 1024, a.max_work, a.max_queue))
        for kind in ("heavy", "light"):
            fs = sorted(f for k, s, f, t in results if k == kind)
            ts = sorted(t for k, s, f, t in results if k == kind)
            seen = [str(s) for k, s, f, t in results if k == kind]
            st = ["%s×%d" % (v, seen.count(v)) for v in sorted(set(seen))]
            if ts:
                print("%-6s n=%2d statuses %s  first byte s: min %.2f median %.2f max %.2f;"
                      " last byte s: median %.2f max %.2f" % (
                          kind, len(ts), ",".join(st), fs[0], fs[len(fs) // 2], fs[-1], ts[len(ts) // 2], ts[-1]))
        print("answer order: %s" % "".join(order))
        print("wall %.2f s; server CPU %.2f s (its own, and its reaped workers'), workers seen %d, "
              "their CPU %.2f s (sampled)" % (wall, server_cpu, len(worker_ticks), workers_cpu))
        ok = [t for s, t in gets if s == 200]
        print("GET / during the run: %d of %d answered 200, slowest %.2f s" % (
            len(ok), len(gets), max(ok) if ok else float("nan")))
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    main()
