#!/usr/bin/env python3
"""The page's memory: one drop on `jixiao serve`'s page (`POST /`) of a sheet with an empty
actuals file, the peak resident memory of the whole server (the server and its worker
processes together, sampled from /proc every 10 ms), the time, the status and the page's size.

    python3 benches/web_page_memory.py BIN SHEET... [-- SERVE-ARGS...]
    API=/api/review?format=json python3 benches/web_page_memory.py BIN SHEET...

With `API=PATH` the sheet is posted to that API path (its `table` field) instead of dropped on
the page (issue 27, H52: `/api/review`, `/api/inspect`, `/api/evaluate`).

One fresh server per sheet (so each peak is that drop's). Loopback only; nothing is kept. Make
sheets with `cargo run --example synth -- --projects N -o FILE` (about 400 bytes a project).
Issue 27 (H47): the page of a 10 MB sheet was a 176 MB answer and the server held 1.28 GB.
"""
import os, re, socket, subprocess, sys, threading, time

args = sys.argv[1:]
extra = []
if "--" in args:
    extra = args[args.index("--") + 1:]
    args = args[:args.index("--")]
BIN, SHEETS = args[0], args[1:]
API = os.environ.get("API")


def tree_rss(root):
    """Resident kB of `root` and every process whose parent is `root`, and the largest peak
    (VmHWM) of those children."""
    total, child_peak = 0, 0
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            st = open("/proc/%s/stat" % d).read().rsplit(")", 1)[1].split()
            if int(d) != root and int(st[1]) != root:
                continue
            status = open("/proc/%s/status" % d).read()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            if int(d) != root:
                child_peak = max(child_peak, int(re.search(r"VmHWM:\s+(\d+)", status).group(1)))
        except (OSError, AttributeError, ValueError):
            continue
    return total, child_peak


def start():
    p = subprocess.Popen([BIN, "serve", "--port", "0"] + extra, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    for line in p.stderr:
        m = re.search(rb"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            threading.Thread(target=lambda: [None for _ in p.stderr], daemon=True).start()
            return p, int(m.group(1))
    raise SystemExit("the server did not say where it listens")


def ask(port, method, target, ctype=b"text/plain", body=b""):
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(300)
    s.sendall(b"%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
              b"Connection: close\r\n\r\n" % (method.encode(), target.encode(), port, ctype, len(body)))
    s.sendall(body)
    out = bytearray()
    while True:
        b = s.recv(1 << 20)
        if not b:
            break
        out += b
    s.close()
    head, _, rest = bytes(out).partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), rest


def multipart(parts):
    b = b"h47-page-memory"
    body = bytearray()
    for name, filename, data in parts:
        body += b"--" + b + b'\r\nContent-Disposition: form-data; name="' + name + b'"'
        if filename is not None:
            body += b'; filename="' + filename + b'"'
        body += b"\r\n\r\n" + data + b"\r\n"
    body += b"--" + b + b"--\r\n"
    return b"multipart/form-data; boundary=" + b, bytes(body)


def main():
    print("sheet\tbytes\tstatus\tseconds\tpage-bytes\tpeak-MB\tx-input\tserver-VmHWM-MB\tworker-VmHWM-MB")
    for sheet in SHEETS:
        data = open(sheet, "rb").read()
        p, port = start()
        try:
            if API:
                target = API
                ctype, body = multipart([(b"table", os.path.basename(sheet).encode(), data)])
            else:
                target = "/"
                _, page = ask(port, "GET", "/")
                token = re.search(rb'name="jixiao-token" content="([^"]+)"', page).group(1)
                ctype, body = multipart([(b"csrf", None, token), (b"table", b"sheet.tsv", data),
                                         (b"actuals", b"a.yaml", b"projects: []\n")])
            peak, worker, go = [0], [0], [True]

            def sample():
                while go[0]:
                    total, child = tree_rss(p.pid)
                    peak[0] = max(peak[0], total)
                    worker[0] = max(worker[0], child)
                    time.sleep(0.01)

            t = threading.Thread(target=sample, daemon=True)
            t.start()
            t0 = time.time()
            status, answer = ask(port, "POST", target, ctype, body)
            took = time.time() - t0
            time.sleep(0.2)
            go[0] = False
            t.join()
            hwm = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/%d/status" % p.pid).read()).group(1))
            print("%s\t%d\t%d\t%.1f\t%d\t%.0f\t%.0f\t%.0f\t%.0f" % (
                os.path.basename(sheet), len(data), status, took, len(answer), peak[0] / 1024,
                peak[0] * 1024 / len(data), hwm / 1024, worker[0] / 1024), flush=True)
        finally:
            p.kill()
            p.wait()


main()
