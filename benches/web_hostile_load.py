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
        [--requests 4000] [--seconds 60] [--trickle 0] [--issue27] [--queue 16]

`--issue27` mixes in the hostile files of issue 27 (built here, a few KB each): an .xlsx whose
sharedStrings claims 10^14 strings, a rule file of regex bombs, an actuals file of YAML alias
bombs, an OpenDocument sheet named .xlsx with 16 M repeated columns, a Word table of 60 000
empty paragraphs, sums past the decimal range, a cell past Excel's 32 767 characters asked as
xlsx; and the valid xlsx report (compared with the CLI's bytes). Those hostile ones may end in
any 4xx or 5xx; what is checked is that each gets an answer, that every valid answer is the
CLI's bytes, and that the server still answers `GET /` at the end. `--trickle N` adds N clients
that upload at 40 KB/s (under the least rate): each must end with 408 while the others are
served. The peak memory of the worker processes (the largest VmHWM seen) is reported beside the
server's.

`--stallers N` (H47) adds N clients that send 90 % of a 1 MB upload at once and then nothing:
each must end with 408 within the header timeout (5 s here) and a few seconds' slack, not live on
the rate's credit until the request timeout. `--issue27` also mixes in (H47): page drops of the
sample (200 with its downloads), a query parameter given twice (400), and an evaluate whose table
is named by `filename*=` only (its answer compared with the CLI's bytes).

BINARY defaults to target/release/jixiao (build it first). Standard library only.
"""

import argparse
import io
import os
import socket
import subprocess
import sys
import threading
import time
import zipfile

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
    if b"\r\ntransfer-encoding: chunked" in head.lower():
        payload = dechunk(payload)
    return status, payload


def dechunk(payload):
    """A chunked body decoded (an answer past 8 MB is sent on as it is made, H52); one cut
    short (its last chunk missing) ends in a mark, so that it never equals a whole answer.
    Linear: each chunk is found from an offset into the one buffer, never by copying the rest
    of the body (the copy made a 30 MB answer take minutes, H162)."""
    out, at, end = [], 0, len(payload)
    view = memoryview(payload)
    while True:
        eol = payload.find(b"\r\n", at)
        if eol < 0:
            break
        try:
            n = int(payload[at:eol].split(b";")[0], 16)
        except ValueError:
            break
        at = eol + 2
        if n == 0:
            return b"".join(out)
        out.append(view[at:at + n])
        if end < at + n + 2:
            break
        at += n + 2
    return b"".join(out) + b"\n[chunked body cut short]"


def zipped(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            z.writestr(name, data)
    return buf.getvalue()


def claiming_xlsx():
    """A 2 KB workbook whose sharedStrings claims 10^14 strings (issue 27, item 1)."""
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
    wb = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
              '</Relationships>')
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>')
    sst = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           'count="100000000000000" uniqueCount="100000000000000"><si><t>x</t></si></sst>')
    return zipped([("[Content_Types].xml", ct), ("_rels/.rels", rels), ("xl/workbook.xml", wb),
                   ("xl/_rels/workbook.xml.rels", wbrels), ("xl/worksheets/sheet1.xml", sheet),
                   ("xl/sharedStrings.xml", sst)])


def ods_named_xlsx():
    """An OpenDocument sheet under an .xlsx name, one cell repeated 16 M times (item 6)."""
    content = ('<?xml version="1.0"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
               '<office:spreadsheet><table:table table:name="S">'
               + '<table:table-row><table:table-cell table:number-columns-repeated="16000000" '
               'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>' * 50
               + '</table:table></office:spreadsheet></office:body></office:document-content>')
    return zipped([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                   ("content.xml", content)])


def empty_paragraphs_docx():
    """A Word table of 60 000 empty paragraphs (item 6)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = (f'<?xml version="1.0"?><w:document {w}><w:body><w:tbl><w:tr><w:tc>'
           + "<w:p/>" * 60000 + '</w:tc></w:tr></w:tbl></w:body></w:document>')
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '</Types>')
    return zipped([("[Content_Types].xml", ct), ("word/document.xml", doc)])


def regex_bomb_rules():
    """200 rules whose condition compiles to a large regex each (item 3)."""
    out = ["rules:"]
    for i in range(200):
        out.append(f'  - id: bomb.r{i}\n    when: indicator ~ "\\\\w{{200}}N{i}"\n    message: "x"')
    return ("\n".join(out) + "\n").encode()


def alias_bomb_actuals():
    """An actuals file whose 1 000 notes each repeat a 100 KB anchor (item 5)."""
    lines = ["anchor: &a \"" + "x" * 100_000 + "\"", "projects:", "  - unit: 广州住房公积金管理中心",
             "    project: 业务用房物业管理费", "    indicators:"]
    for i in range(1000):
        lines.append(f"      - seq: {i + 1}\n        actual: \"1\"\n        note: *a")
    return ("\n".join(lines) + "\n").encode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary", nargs="?", default=os.path.join(ROOT, "target", "release", "jixiao"))
    ap.add_argument("--connections", type=int, default=200)
    ap.add_argument("--slow", type=int, default=150)
    ap.add_argument("--requests", type=int, default=4000)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--trickle", type=int, default=0)
    ap.add_argument("--queue", type=int, default=16, help="the server's --max-queue")
    ap.add_argument("--issue27", action="store_true")
    ap.add_argument("--stallers", type=int, default=0)
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
    expected_xlsx = cli("evaluate", "targets.tsv", "actuals.yaml", "--format", "xlsx")

    server = subprocess.Popen(
        [args.binary, "serve", "--port", "0", "--header-timeout", "5", "--max-queue", str(args.queue)],
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
    star_body = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"table\"; "
                 "filename*=UTF-8''targets.tsv\r\n\r\n").encode() + table + b"\r\n" + \
        multipart(part("actuals", "actuals.yaml", actuals))

    def page_body():
        # the page's form carries its token
        page = request(port, "GET", "/")[1]
        token = page.split(b'name="jixiao-token" content="')[1].split(b'"')[0]
        field = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n").encode()
        return field + token + b"\r\n" + eval_body
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
    if args.issue27:
        anything = set(range(400, 600))
        long_cell = table.replace("业务用房物业管理费".encode(), ("长" * 40000).encode(), 1)
        overflow = table.replace(b"918.75", b"79228162514264337593543950335", 1)
        kinds += [
            ("xlsx-report", "POST", "/api/evaluate?format=xlsx", eval_body, mp, {200}, expected_xlsx),
            ("claims-strings", "POST", "/api/evaluate", multipart(part("table", "c.xlsx", claiming_xlsx())), mp, anything, None),
            ("ods-as-xlsx", "POST", "/api/inspect", multipart(part("table", "o.xlsx", ods_named_xlsx())), mp, anything, None),
            ("empty-paras", "POST", "/api/inspect", multipart(part("table", "w.docx", empty_paragraphs_docx())), mp, anything, None),
            ("regex-rules", "POST", "/api/review", multipart(part("table", "targets.tsv", table), part("rules", "r.yaml", regex_bomb_rules())), mp, anything | {200}, None),
            ("alias-actuals", "POST", "/api/evaluate", multipart(part("table", "targets.tsv", table), part("actuals", "a.yaml", alias_bomb_actuals())), mp, anything | {200}, None),
            ("overflow", "POST", "/api/evaluate?format=csv", multipart(part("table", "targets.tsv", overflow), part("actuals", "actuals.yaml", actuals)), mp, anything | {200}, None),
            ("long-cell-xlsx", "POST", "/api/evaluate?format=xlsx", multipart(part("table", "targets.tsv", long_cell), part("actuals", "actuals.yaml", actuals)), mp, {200}, None),
            ("query-twice", "POST", "/api/evaluate?format=json&format=csv", eval_body, mp, {400}, None),
            ("filename-star", "POST", "/api/evaluate?format=json", star_body, mp, {200}, expected_eval),
            ("page-drop", "POST", "/", None, mp, {200}, None),
        ]

    # the worker processes' peak memory, sampled while the load runs
    worker_peak = [0]

    def sample_workers():
        me = str(server.pid)
        while server.poll() is None and not stop.is_set():
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    # a worker once it runs as one (between fork and exec it still shows the
                    # server's own figures)
                    if b"__web-work" not in open(f"/proc/{pid}/cmdline", "rb").read():
                        continue
                    status = open(f"/proc/{pid}/status").read()
                except OSError:
                    continue
                fields = dict(l.split(":", 1) for l in status.splitlines() if ":" in l)
                if fields.get("PPid", "").strip() == me and "VmHWM" in fields:
                    worker_peak[0] = max(worker_peak[0], int(fields["VmHWM"].split()[0]))
            time.sleep(0.05)

    # clients that upload at 40 KB/s: each must be ended with a 408 (the least average rate)
    trickled = []

    def trickle():
        s = socket.create_connection(("127.0.0.1", port), timeout=1)
        s.sendall((f"POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                   "Content-Type: text/plain\r\nContent-Length: 40000000\r\n\r\n").encode())
        answer = b""
        t = time.time()
        while time.time() - t < 60:
            try:
                s.sendall(b"95%\n" * 10000)
            except OSError:
                break
            try:
                d = s.recv(4096)
                if not d:
                    break
                answer += d
                break
            except socket.timeout:
                pass
        s.close()
        trickled.append(answer.split(b" ")[1] if answer else b"closed")

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

    # clients that send 90 % of a 1 MB upload at once, then nothing: each must be ended with a
    # 408 within the header timeout (5 s), not when the rate's credit runs out
    stalled = []

    def staller():
        s = socket.create_connection(("127.0.0.1", port), timeout=60)
        s.sendall((f"POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                   "Content-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n").encode())
        t = time.time()
        try:
            s.sendall(b"95%\n" * 225000)
            answer = s.recv(4096)
        except OSError:
            answer = b""
        s.close()
        stalled.append((answer.split(b" ")[1] if answer else b"closed", time.time() - t))

    slow = threading.Thread(target=slowloris, daemon=True)
    slow.start()
    threading.Thread(target=sample_workers, daemon=True).start()
    trickles = [threading.Thread(target=trickle, daemon=True) for _ in range(args.trickle)]
    for t in trickles:
        t.start()
    stallers = [threading.Thread(target=staller, daemon=True) for _ in range(args.stallers)]
    for t in stallers:
        t.start()
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
                if body is None:
                    body = page_body()
                status, payload = request(port, method, path, body, headers)
                if name == "page-drop" and status == 200 and "下载报告".encode() not in payload:
                    status = -2
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
    for t in trickles + stallers:
        t.join(timeout=10)
    # the server never stopped: it is alive and answers its page
    alive = server.poll() is None
    page_status = request(port, "GET", "/", timeout=20)[0] if alive else 0
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
    print(f"server peak memory (VmHWM): {peak}; worker processes' largest: {worker_peak[0]} kB")
    if args.trickle:
        print(f"trickling clients: {args.trickle}, answered {sorted(set(trickled))}")
    print(f"server alive at the end: {alive}, GET / → {page_status}")
    if args.stallers:
        longest = max((t for _, t in stalled), default=float("nan"))
        print(f"stalled clients: {args.stallers}, answered {sorted(set(a for a, _ in stalled))}, "
              f"the longest after {longest:.1f} s")
    if unexpected:
        print(f"unexpected answers: {unexpected[:5]}")
    trickle_ok = all(t == b"408" for t in trickled) and len(trickled) == args.trickle
    # the stall rule's 5 s, and slack for a loaded machine: far under the 60 s timeout
    stall_ok = len(stalled) == args.stallers and all(a == b"408" and t < 15 for a, t in stalled)
    bad = wrong or unexpected or not alive or page_status != 200 or not trickle_ok or not stall_ok
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
