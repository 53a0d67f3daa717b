#!/usr/bin/env python3
"""Issue 27's eighth outside probe (H55, 2026-12-05): what the seven probes before did not try.

    python3 tests/hostile/probe8.py DIR BIN [SECTION...]
Sections (all when none is named):
  fold       an actuals file whose indicator names match a project's rows only after folding
             (`ａ` in the table, `a` in the file), many rows of one folded name: does the
             matcher's loose pass look each row up, or scan the group from its start?
  breakdown  a per-project form (the published 自评表 layout) whose indicators each have a
             `其中…` breakdown row: are the breakdowns checked against their parent by index,
             or each parent searched for among every row and breakdown?
  suggest    an actuals file of a project that matches the table's only after folding, with
             200 indicators the table lacks, against a table of many long project names: the
             nearest-name suggestion's search for the project
  suggest2   an actuals file of 200 projects the table lacks, long names, against a table of
             many long project names: each finding's nearest name among 20,000 candidates
  pile       a folder of T tables and T actuals files that match none of them: each table
             tried against each actuals file (T x T), each miss explained
  scale      one project of N and 3N rows of one kind (plain, one name, a category each,
             qualitative, distributive, plan, deadline, ...) through evaluate (json, xlsx,
             html, markdown), review and inspect: the ratio of their CPU seconds
  zipclaim   a pile's `.zip` whose entries claim a large size they do not hold: what is
             reserved before the bytes are read
Each case is run under `prlimit --as` 6 GB (unless a section sets its own), `timeout 300` and
`/usr/bin/time` (exit, user + system CPU seconds, peak MB). Hand-made inputs only; nothing here
is read by `cargo test` (what is found is made again, smaller, in tests/hostile.rs).
"""
import os, struct, subprocess, sys, zipfile, zlib

OUT, BIN = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ONLY = sys.argv[3:]
os.makedirs(OUT, exist_ok=True)
HEAD = "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"


def path(name):
    return os.path.join(OUT, name)


def put(name, data):
    if isinstance(data, str):
        data = data.encode()
    os.makedirs(os.path.dirname(path(name)), exist_ok=True)
    with open(path(name), "wb") as f:
        f.write(data)
    return path(name)


def run(args, show=True, env=None, limits=(), mem_gb=6, label=""):
    t = path(".time")
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(["/usr/bin/time", "-o", t, "-f", "%U %S %M", "prlimit", "--as=%d" % (mem_gb << 30)] + list(limits)
                       + ["timeout", "300", BIN] + args, cwd=OUT, capture_output=True, env=e)
    u, s, kb = open(t).read().split()[-3:]
    cpu = float(u) + float(s)
    err = p.stderr.decode("utf-8", "replace")
    if show:
        first = next((l for l in err.splitlines() if l.strip() and "exited" not in l and "Command" not in l), "")
        print("  %-40s exit %4d  %6.2f s  %5d MB  %s" % (label, p.returncode, cpu, int(kb) // 1024, first[:110]))
    return p.returncode, p.stdout, err, cpu, int(kb) // 1024


# ---------------------------------------------------------------- the matcher's folded names
def fold():
    print("== actuals whose indicator names match only after folding, K rows of one folded name")
    for k in [int(x) for x in os.environ.get("FOLD_K", "8000 32000 128000").split()]:
        sheet = put("fold-%d.tsv" % k, HEAD + "示例单位\t示例项目\t\t\t\t\t\t\t\n"
                    + "\t\t产出指标\t数量指标\tａ\t≥1个\t\t1\t\n" * k)
        actuals = put("fold-%d.yaml" % k, "year: 2023\nprojects:\n  - unit: 示例单位\n    project: 示例项目\n    indicators:\n"
                      + "".join("      - {seq: %d, indicator: a, actual: 1个}\n" % (i + 1) for i in range(k)))
        run(["evaluate", sheet, actuals, "--format", "jsonl", "-o", path("fold-%d.jsonl" % k)],
            label="K=%d (%d + %d bytes)" % (k, os.path.getsize(sheet), os.path.getsize(actuals)))


# ---------------------------------------------------------------- a form's 其中 rows
FORM_HEAD = """项目支出绩效自评表,,,,,,,,
(2022年度),,,,,,,,
项目名称,水旱灾害防御经费,,,,,,,
主管部门,,,,实施单位,天长市水利局,,,
项目资金(万元),,,年初预算数,全年预算数(A),全年执行数(B),分值,执行率(B/A),得分
,年度资金总额:,,880,880,880,10,,10
年度总体目标完成情况,预期目标,,,,实际完成情况,,,
,完成年度防汛工作。,,,,完成年度目标。,,,
年度绩效指标完成情况,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施
"""


def breakdown():
    print("== a form whose every indicator has a 其中 breakdown row (K pairs)")
    for k in [int(x) for x in os.environ.get("BREAKDOWN_K", "2000 8000 32000").split()]:
        rows = "".join(",产出指标,数量指标,指标%d:完成项目数量,≥10个,12个,1,1,\n,,,其中：本级%d,≥5个,6个,,,\n" % (i, i)
                       for i in range(k))
        form = put("breakdown-%d.csv" % k, FORM_HEAD + rows + "总分,,,,,,%d,%d,\n" % (k + 10, k + 10))
        run(["inspect", form], label="K=%d (%d bytes) inspect" % (k, os.path.getsize(form)))


# ---------------------------------------------------------------- the nearest name's project
def suggest():
    print("== actuals of a folded project name, 200 indicators the table lacks; N long project names")
    for n, width in [(int(x), 2000) for x in os.environ.get("SUGGEST_N", "1000 4000 16000").split()]:
        body = "".join("示例单位\t项目%s%d\t\t\t\t\t\t\t\n\t\t产出指标\t数量指标\t培训人次\t≥100人次\t\t20\t\n" % ("长" * width, i)
                       for i in range(n))
        # the project the actuals name, last, written with a full-width bracket the file writes half-width
        body += "示例单位\t（目标）项目\t\t\t\t\t\t\t\n\t\t产出指标\t数量指标\t培训人次\t≥100人次\t\t20\t\n"
        sheet = put("suggest-%d.tsv" % n, HEAD + body)
        actuals = put("suggest-%d.yaml" % n, "year: 2023\nprojects:\n  - unit: 示例单位\n    project: (目标)项目\n    indicators:\n"
                      + "      - {indicator: 培训人次, actual: 120人次}\n"
                      + "".join("      - {indicator: 没有的指标%d, actual: 1}\n" % i for i in range(200)))
        run(["evaluate", sheet, actuals, "--format", "jsonl", "-o", path("suggest-%d.jsonl" % n)],
            label="N=%d (%d MB)" % (n, os.path.getsize(sheet) >> 20))


def suggest2():
    print("== actuals of 200 projects the table lacks, long names; N long project names in the table")
    for n, width in [(int(x), 2000) for x in os.environ.get("SUGGEST_N", "1000 4000 16000").split()]:
        body = "".join("示例单位\t项目%s%d\t\t\t\t\t\t\t\n\t\t产出指标\t数量指标\t培训人次\t≥100人次\t\t20\t\n" % ("长" * width, i)
                       for i in range(n))
        sheet = put("suggest2-%d.tsv" % n, HEAD + body)
        actuals = put("suggest2-%d.yaml" % n, "year: 2023\nprojects:\n"
                      + "".join("  - {unit: 示例单位, project: 别的项目%s%d, indicators: [{indicator: 培训人次, actual: 1}]}\n" % ("短" * width, i)
                                for i in range(200))
                      + "  - {unit: 示例单位, project: 项目%s0, indicators: [{indicator: 培训人次, actual: 120人次}]}\n" % ("长" * width))
        run(["evaluate", sheet, actuals, "--format", "jsonl", "-o", path("suggest2-%d.jsonl" % n)],
            label="N=%d (%d MB)" % (n, os.path.getsize(sheet) >> 20))


# ---------------------------------------------------------------- a pile of tables x actuals
def pile():
    print("== a folder of T tables and T actuals files, none matching")
    for t in [int(x) for x in os.environ.get("PILE_T", "100 400 1600").split()]:
        d = "pile-%d" % t
        for i in range(t):
            put("%s/t%05d.tsv" % (d, i), HEAD + "单位%d\t项目%d\t\t\t\t\t\t\t\n\t\t产出指标\t数量指标\t培训人次\t≥100人次\t\t20\t\n" % (i, i))
            put("%s/a%05d.yaml" % (d, i), "year: 2023\nprojects:\n  - unit: 别的单位%d\n    project: 别的项目%d\n    indicators:\n"
                "      - {indicator: 培训人次, actual: 120人次}\n" % (i, i))
        run(["evaluate", path(d), "--format", "csv", "-o", path(d + ".csv")], label="T=%d evaluate (stream)" % t)
        run(["inspect", path(d)], label="T=%d inspect" % t)


# ---------------------------------------------------------------- zip entries that claim a size
def zip_claiming(n, claim, stored=True, csize_claim=None):
    """A zip of `n` entries `tNNN.tsv`, each a tiny table, whose headers claim `claim` bytes
    unzipped (and `csize_claim` zipped, where given)."""
    body = (HEAD + "单位\t项目\t\t\t\t\t\t\t\n").encode()
    data = body if stored else zlib.compress(body)[2:-4]
    method = 0 if stored else 8
    crc = zlib.crc32(body)
    local, central = b"", b""
    for i in range(n):
        name = ("t%05d.tsv" % i).encode()
        csize = claim if stored else (csize_claim or len(data))
        off = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, csize, claim, len(name), 0) + name + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc, csize, claim,
                               len(name), 0, 0, 0, 0, 0, off) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), len(local), 0)
    return local + central + end


def zipclaim():
    print("== a pile's .zip whose entries claim sizes they do not hold")
    for n, claim, stored, cs in [(20, 400 << 20, False, None), (20, 400 << 20, False, 5 << 20),
                                 (200, 400 << 20, False, 5 << 20), (20, 400 << 20, True, None)]:
        kind = "stored" if stored else ("deflate, %d MB zipped claimed" % (cs >> 20) if cs else "deflate")
        z = put("claim-%d-%d-%s.zip" % (n, cs or 0, "stored" if stored else "deflate"), zip_claiming(n, claim, stored, cs))
        for gb in (6, 1):
            run(["inspect", z], mem_gb=gb, label="%d x %d MB claimed, %s, --as %d GB (%d B)" % (
                n, claim >> 20, kind, gb, os.path.getsize(z)))


# ---------------------------------------------------------------- one project of many rows, per feature
ROW_KINDS = {
    "plain": "\t\t产出指标\t数量指标\t指标{i}\t≥1个\t2个\t1\t\n",
    "same-name": "\t\t产出指标\t数量指标\t培训人次\t≥1个\t2个\t1\t\n",
    "own-category": "\t\t类别{i}指标\t子类{i}\t指标{i}\t≥1个\t2个\t1\t\n",
    "qualitative": "\t\t效益指标\t社会效益指标\t指标{i}\t有效提升\t达成\t1\t\n",
    "distributive": "\t\t产出指标\t质量指标\t门诊和住院{i}满意度\t分别≥90%\t91%、92%\t1\t\n",
    "plan": "\t\t产出指标\t数量指标\t指标{i}\t年度计划数\t12\t1\t\n",
    "deadline": "\t\t产出指标\t时效指标\t指标{i}\t2023年6月底前\t2023年7月10日\t1\t\n",
    "name-states": "\t\t产出指标\t数量指标\t培训人数500人{i}\t≥600人\t700人\t1\t\n",
    "unit-mismatch": "\t\t产出指标\t数量指标\t指标{i}\t≥1个\t2吨\t1\t\n",
    "scored": "\t\t产出指标\t数量指标\t指标{i}\t≥1个\t2个\t1\t1\n",
}


def scale():
    print("== one project of N rows of one kind: CPU at N and 3N for each verb and format (a ratio far past 3 is quadratic)")
    n = int(os.environ.get("SCALE_N", "20000"))
    for kind, row in ROW_KINDS.items():
        if os.environ.get("SCALE_KINDS") and kind not in os.environ["SCALE_KINDS"].split():
            continue
        files = {}
        for m in (n, 3 * n):
            files[m] = put("scale-%s-%d.tsv" % (kind, m), HEAD + "示例单位\t示例项目\t\t\t\t\t\t\t\n" + "".join(row.format(i=i) for i in range(m)))
        for verb in (["evaluate", "--format", "json"], ["evaluate", "--format", "xlsx"], ["evaluate", "--format", "html"],
                     ["evaluate", "--format", "markdown"], ["review"], ["inspect"]):
            cpu = {}
            for m, f in files.items():
                args = [verb[0], f] + verb[1:]
                if "xlsx" in verb:
                    args += ["-o", path("scale.xlsx")]
                code, _, _, cpu[m], mb = run(args, show=False)
            r = cpu[3 * n] / max(cpu[n], 0.01)
            print("  %-14s %-22s N %6.2f s  3N %6.2f s  ratio %4.1f%s" % (kind, " ".join(verb), cpu[n], cpu[3 * n], r,
                                                                         "  <- quadratic?" if r > 5 and cpu[3 * n] > 0.5 else ""))


SECTIONS = {"fold": fold, "breakdown": breakdown, "suggest": suggest, "suggest2": suggest2, "pile": pile, "zipclaim": zipclaim, "scale": scale}
for name, fn in SECTIONS.items():
    if not ONLY or name in ONLY:
        fn()
