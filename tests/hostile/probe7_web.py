#!/usr/bin/env python3
"""Issue 27's seventh outside probe (H49), the server's side: the seventh probe's files through
the API, and the answers that echo an upload.

    cd tests/hostile && python3 probe7_web.py BIN P7DIR [TRY...]
P7DIR is `probe7.py`'s output folder (its `.xls` and YAML files). One line a try: name, seconds,
status, the answer's bytes, the server's and its largest worker's peak resident memory (MB,
sampled every 20 ms), `GET /` and a small parse after it.
Tries: the `.xls` of a far cell behind an older BIFF's BOF (`/api/inspect`, `/api/evaluate`);
rule and actuals files whose bad value is 5 MB or holds terminal escapes (does the 400 echo
them?); a rule file of 40 rules whose patterns the prefilter reads (the same decisions as
each rule alone?).
"""
import json, os, sys, threading, time

import probe_server
from probe_server import get_root, multipart, post, raw, status_of

BIN, P7 = sys.argv[1], os.path.abspath(sys.argv[2])
ONLY = sys.argv[3:]
srv = probe_server.start(BIN, ["--timeout", "20", "--max-work", "2", "--max-queue", "4"])


def rss_of(pid):
    try:
        for line in open("/proc/%d/status" % pid):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def children(pid):
    try:
        return [int(c) for c in open("/proc/%d/task/%d/children" % (pid, pid)).read().split()]
    except OSError:
        return []


def sample(stop, peak):
    while not stop.is_set():
        peak[0] = max(peak[0], rss_of(srv.pid))
        for c in children(srv.pid):
            peak[1] = max(peak[1], rss_of(c))
        time.sleep(0.02)


def parse_one():
    return status_of(raw(post("/api/parse", b"text/plain", b"95%\n"), 10))


def timed(name, path, parts):
    if ONLY and not any(name.startswith(o) for o in ONLY):
        return None
    stop, peak = threading.Event(), [0, 0]
    th = threading.Thread(target=sample, args=(stop, peak))
    th.start()
    t = time.time()
    ct, body = multipart(parts)
    out = raw(post(path, ct, body), 60)
    secs = time.time() - t
    stop.set()
    th.join()
    head, _, answer = out.partition(b"\r\n\r\n")
    esc = sum(answer.count(c) for c in (b"\x1b", b"\x07", b"\xc2\x9b"))
    print("%-40s %6.2f  %-4s %9d bytes  server %4d MB worker %5d MB  escapes %d  GET/ %s parse %s" % (
        name, secs, status_of(out), len(answer), peak[0], peak[1], esc, get_root(), parse_one()), flush=True)
    return answer


def read(name):
    return open(os.path.join(P7, name), "rb").read()


SHEET = ("单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
         "示例单位\t示例项目\t\t\t\t\t\t\t\n\t\t产出指标\t数量指标\t培训人次\t≥100人次\t120人次\t20\t\n").encode()

for f in sorted(os.listdir(P7)):
    if f.startswith("xlsbof-") and f.endswith(".xls"):
        timed("inspect " + f, "/api/inspect", [(b"table", f.encode(), read(f))])
        timed("evaluate " + f, "/api/evaluate", [(b"table", f.encode(), read(f))])
for f in sorted(os.listdir(P7)):
    if f.startswith("y-rules"):
        timed("review rules " + f, "/api/review", [(b"table", b"t.tsv", SHEET), (b"rules", b"r.yaml", read(f))])
    elif f.startswith("y-actuals"):
        timed("evaluate actuals " + f, "/api/evaluate", [(b"table", b"t.tsv", SHEET), (b"actuals", b"a.yaml", read(f))])

# the prefilter: 40 rules (past the 32 from which a kind is prefiltered) against rows chosen to
# meet their patterns at the edges; each rule's verdicts must be those it gives alone
PATTERNS = ['indicator ~ "(?i)ｓａｔ"', 'indicator ~ "(?i)k值"', 'indicator ~ "满意(度|率)?$"', 'indicator ~ "^(?:群众)?满意"',
            'indicator ~ "\\\\b培训"', 'indicator ~ "(?x) 培 训"', 'indicator ~ "[培]训人次"', 'indicator ~ "培训|"',
            'indicator ~ "(?s).{0}培训"', 'indicator contains "培训"', 'indicator ~ "(?i)ß"', 'target ~ "≥\\\\d+人次"',
            'target contains "%"', 'kind == "compare"', 'unit == "人次"', 'category == "产出指标"',
            'indicator ~ "[\\\\p{Han}]{2}满意度"', 'indicator ~ "[a-z]{3}"', 'indicator ~ "(?i)[ａ-ｚ]"',
            'indicator ~ "度$"', 'indicator ~ "(满意|培训)(度|人次)"', 'indicator ~ "\\\\p{Greek}"',
            'not indicator ~ "培训"', 'indicator ~ "率" and category == "效益指标"', 'indicator ~ "(?m)^满意"']
ROWS = ["培训人次", "群众满意度", "SAT值", "ｓａｔ值", "K值", "\u212a值", "ss率", "SS率", "ẞ率", "满意率", "abc满意度", "ｂ率",
        "Ω值", "满意\n度", "群众满意度 ", "群众 满意度"]


def rules_file(patterns):
    rs = ["rules:"]
    for i, p in enumerate(patterns):
        rs.append("  - id: p%d\n    when: '%s'\n    require: indicator == \"不可能的名字\"\n    severity: warning\n"
                  "    message: 命中 p%d\n" % (i, p.replace("'", "''"), i))
    return "\n".join(rs).encode()


def prefilter():
    if ONLY and "prefilter" not in ONLY:
        return
    sheet = "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n示例单位\t示例项目\t\t\t\t\t\t\t\n"
    for i, r in enumerate(ROWS):
        cat = "产出指标" if i % 2 else "效益指标"
        sheet += "\t\t%s\t数量指标\t%s\t≥100人次\t120人次\t5\t\n" % (cat, r.replace("\n", " "))
    sheet = sheet.encode()
    pats = (PATTERNS * 2)[:40]

    def fired(patterns):
        ct, body = multipart([(b"table", b"t.tsv", sheet), (b"rules", b"r.yaml", rules_file(patterns))])
        out = raw(post("/api/review?format=json", ct, body), 60)
        text = out.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")
        return status_of(out), text

    st, text = fired(pats)
    differ = []
    for i, p in enumerate(pats[:len(PATTERNS)]):
        s, t = fired([p])
        together, alone = text.count('命中 p%d"' % i), t.count('命中 p0"')
        if together != alone or s != "200":
            differ.append((p, together, alone, s))
    print("prefilter: 40 rules %s (%d findings); %d patterns differ from the rule alone: %s" % (
        st, text.count("命中 p"), len(differ), differ), flush=True)


prefilter()
srv.terminate()
