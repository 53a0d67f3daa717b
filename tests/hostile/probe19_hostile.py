"""Issue 27, the nineteenth probe of the hostile kinds (H138), each input written by hand here:
names filled down over many indicators (a project, a unit, a category written once: every
report line, finding and rule try repeats them), rule files of many small patterns over long
texts, Word tables (nested 100 and 5,000 deep, 10^5 grid columns, `w:gridSpan` of 2^31,
`w:gridBefore`, `w:hMerge`, `w:vMerge` chains over 10^5 rows and 2,000 columns), actuals files
(one project 300,000 times, 100,000 projects, names of 1 MB, unknown keys, huge figures,
`!!binary`), text at the streamed path's block edges (line endings mixed, quoted cells of many
lines, quotes never closed, GBK) compared streamed against whole, every report format and
command on a 200,000-indicator sheet, and hostile arguments. Runs each under `prlimit --as`
4 GB and `/usr/bin/time`, and says what it read.

    python3 tests/hostile/probe19_hostile.py DIR BIN [names rules docx actuals text formats args]

The server's cases are in `probe19_web.py`."""
import hashlib, io, os, random, re, subprocess, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import BIN, path, put, run as kit_run, section  # noqa: E402


def run(args, label=""):
    """Runs as the kit does; shows the first code the run named and the bytes it wrote."""
    code, out, err = kit_run(args, label)
    named = re.search(r"\b((?:table|rules|actuals|eval|stream|report|web|input|output)(?:\.|::)[a-z][a-z-]+)", err)
    print("%48s %s; %d bytes out" % ("", named.group(1) if named else err.strip().splitlines()[:1], len(out)))
    return code, out, err


def run_null(args, label=""):
    """Runs as the kit does, its standard output to /dev/null (answers of gigabytes)."""
    t = path(".time")
    p = subprocess.run(["/usr/bin/time", "-o", t, "-f", "%U %S %M", "prlimit", "--as=%d" % (4 << 30),
                        "timeout", "300", BIN] + args, cwd=os.path.dirname(t), stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    u, s, kb = open(t).read().split()[-3:]
    err = p.stderr.decode("utf-8", "replace")
    named = re.search(r"\b((?:table|rules|actuals|eval|stream|report)(?:\.|::)[a-z][a-z-]+)", err)
    print("%-44s exit %3d  %6.2f s  %5d MB  %s" % ((label or " ".join(args))[:44], p.returncode,
                                                  float(u) + float(s), int(kb) // 1024, named.group(1) if named else ""))


def sheet(rows, head=("项目名称", "指标名称", "年度指标值", "实际完成值")):
    return put_rows(rows, head)


def put_rows(rows, head):
    return "\t".join(head) + "\n" + "".join("\t".join(r) + "\n" for r in rows)


def filled_down(name, n, category=""):
    """One project (and 一级指标) written once, over `n` indicators."""
    rows = [(name, category, "培训人数", "≥100人", "120人")]
    rows += [("", "", "培训%d" % i, "≥100人", "120人") for i in range(n)]
    return put_rows(rows, ("项目名称", "一级指标", "三级指标", "年度指标值", "实际完成值"))


def small_pattern_rules(n, field):
    """n rules every indicator must try: small patterns of no literal on `field`."""
    return "rules:\n" + "".join('  - id: r%d\n    when: %s ~ "[^%s]\\\\s[^%s]\\\\d"\n    require: actual >= 0\n'
                                % (i, field, chr(0x4E00 + i), chr(0x4E00 + i)) for i in range(n))


# ---------------------------------------------------------------- names filled down
if section("names"):
    put("proj1m.tsv", filled_down("项目 " + "ab cd " * 170_000, 2000))
    put("cat1m.tsv", filled_down("项目甲", 2000, "产" * 340_000))
    put("proj1k.tsv", filled_down("项目" + "甲" * 338, 200_000))
    for f in ("proj1m.tsv", "cat1m.tsv"):
        for args in (["evaluate", f, "--format", "jsonl"], ["evaluate", f, "--format", "csv"],
                     ["evaluate", f, "--format", "json"], ["review", f, "--format", "json"],
                     ["inspect", f], ["template", f]):
            run_null(args)
    put("p960.yaml", small_pattern_rules(960, "project"))
    run_null(["review", "proj1m.tsv", "--rules", "p960.yaml", "--format", "json"], "review proj1m + 960 patterns")
    for fmt in ("jsonl", "csv", "json"):
        run_null(["evaluate", "proj1k.tsv", "--format", fmt], "proj1k (1 KB name x 200,000) " + fmt)

# ---------------------------------------------------------------- rules over long texts
if section("rules"):
    body = ("ab cd " * 200_000)[:1_000_000]
    put("long60.tsv", sheet([("项目%d" % (i // 10), "培训%d %s" % (i, body), "≥100人", "120人") for i in range(60)]))
    put("r960.yaml", small_pattern_rules(960, "indicator"))
    put("c960.yaml", "rules:\n" + "".join('  - id: r%d\n    when: not indicator contains "%s"\n    require: actual >= 0\n'
                                          % (i, chr(0x4E00 + i) * 3) for i in range(960)))
    run(["review", "long60.tsv", "--format", "json"], "long60 (60 x 1 MB names), bundled rules")
    run(["review", "long60.tsv", "--rules", "c960.yaml", "--format", "json"], "long60 + 960 `not contains`")
    run(["review", "long60.tsv", "--rules", "r960.yaml", "--format", "json"], "long60 + 960 small patterns")

# ---------------------------------------------------------------- Word tables
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(name, body):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body))
    return put(name, b.getvalue())


def tc(t, pr=""):
    return '<w:tc><w:tcPr>%s</w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>' % (pr, t)


def tr(cells):
    return '<w:tr>' + ''.join(cells) + '</w:tr>'


if section("docx"):
    hdr = tr([tc(x) for x in ["项目名称", "指标名称", "年度指标值", "实际完成值"]])
    row = tr([tc(x) for x in ["甲", "培训人数", "≥100人", "120人"]])
    inner = '<w:tbl>' + hdr + row + '</w:tbl>'
    for depth in (100, 5000):
        t = inner
        for _ in range(depth):
            t = '<w:tbl><w:tr><w:tc>' + t + '<w:p/></w:tc></w:tr></w:tbl>'
        run(["inspect", docx("nest%d.docx" % depth, t)])
    run(["inspect", docx("gridcols.docx", '<w:tbl><w:tblGrid>' + '<w:gridCol w:w="10"/>' * 100000 + '</w:tblGrid>' + hdr + row + '</w:tbl>')])
    for g in (16383, 16384, 100000, 2**31 - 1, 2**31, 2**32 - 1):
        run(["inspect", docx("span%d.docx" % g, '<w:tbl>' + hdr + tr([tc("甲", '<w:gridSpan w:val="%d"/>' % g), tc("培训人数"),
                                                                     tc("≥100人"), tc("120人")]) + row + '</w:tbl>')])
    run(["inspect", docx("spanmany.docx", '<w:tbl>' + hdr + ''.join(tr([tc("", '<w:gridSpan w:val="16000"/>')]) for _ in range(5000)) + row + '</w:tbl>')])
    vr = tr([tc("甲", '<w:vMerge w:val="restart"/>'), tc("培训人数"), tc("≥100人"), tc("120人")])
    vc = tr([tc("", '<w:vMerge/>'), tc("培训人数"), tc("≥100人"), tc("120人")])
    run(["inspect", docx("vmerge1e5.docx", '<w:tbl>' + hdr + vr + vc * 100000 + '</w:tbl>')])
    run(["inspect", docx("vmergewide.docx", '<w:tbl>' + hdr + tr([tc("x", '<w:vMerge w:val="restart"/>')] * 2000)
                         + tr([tc("", '<w:vMerge/>')] * 2000) * 2000 + '</w:tbl>')])
    run(["inspect", docx("spanvmerge.docx", '<w:tbl>' + hdr + tr([tc("x", '<w:gridSpan w:val="16000"/><w:vMerge w:val="restart"/>')])
                         + tr([tc("", '<w:gridSpan w:val="16000"/><w:vMerge/>')]) * 20000 + '</w:tbl>')])
    run(["inspect", docx("gridbefore.docx", '<w:tbl>' + hdr + ('<w:tr><w:trPr><w:gridBefore w:val="2147483647"/><w:gridAfter w:val="2147483647"/></w:trPr>'
                                                              + ''.join(tc(x) for x in ["甲", "培训人数", "≥100人", "120人"]) + '</w:tr>') * 1000 + '</w:tbl>')])
    run(["inspect", docx("hmerge.docx", '<w:tbl>' + hdr + tr([tc("甲", '<w:hMerge w:val="restart"/>')] + [tc("", '<w:hMerge/>')] * 20000) * 200 + '</w:tbl>')])

# ---------------------------------------------------------------- actuals files
if section("actuals"):
    put("t.tsv", put_rows([("甲", "培训%d" % i, "≥100人") for i in range(3)], ("项目名称", "指标名称", "年度指标值")))
    cases = {
        "a_1proj.yaml": "projects:\n  - project: 甲\n    indicators:\n" + "".join('      - {indicator: 培训%d, actual: 120人}\n' % (i % 3) for i in range(300000)),
        "a_sameproj.yaml": "projects:\n" + '  - {project: 甲, indicators: [{indicator: 培训0, actual: 120人}]}\n' * 100000,
        "a_longname.yaml": "projects:\n  - project: %s\n    indicators:\n      - indicator: %s\n        actual: 120人\n" % ("甲" * 350000, "乙" * 350000),
        "a_longnames60.yaml": "projects:\n" + "".join("  - project: 项目%d%s\n    indicators: [{indicator: x, actual: 1}]\n" % (i, "丙" * 300000) for i in range(60)),
        "a_unmatched.yaml": "projects:\n  - project: 甲\n    indicators:\n" + "".join('      - {indicator: "不存在%d%s", actual: 120人}\n' % (i, "x" * 2000) for i in range(25000)),
        "a_keys.yaml": "projects:\n  - project: 甲\n" + "".join("    k%d: 1\n" % i for i in range(100000)),
        "a_huge.yaml": "projects:\n  - project: 甲\n    budget: %s\n    spent: 1e400\n    indicators:\n      - {indicator: 培训0, actual: %s}\n" % ("9" * 5000, "1" * 5000),
        "a_binary.yaml": "projects:\n  - project: !!binary aGVsbG8=\n    indicators:\n      - {indicator: !!binary " + "QUFB" * 100000 + ", actual: 1}\n",
    }
    for name, text in cases.items():
        put(name, text)
        run(["evaluate", "t.tsv", name, "--format", "json"], name)

# ---------------------------------------------------------------- text at the block edges
def mixed(seed, n=9000):
    r = random.Random(seed)
    out, k = ["项目名称\t指标名称\t年度指标值\t实际完成值\n"], 0
    for i in range(n):
        if r.random() < 0.15:
            k += 1
        ind, x = "培训人数%d" % i, r.random()
        if x < 0.002:
            ind = '"培训' + "长\r\n" * r.randint(1, 1500) + '"'
        elif x < 0.004:
            ind = '培训"人数'
        elif x < 0.006:
            ind = '"培训人数'
        elif x < 0.05:
            ind = '"培训%s人数%d"' % (r.choice(["\n", "\r\n", "\r", '""', "\t"]), i)
        eol = r.choice(["\n", "\r\n", "\r"]) if r.random() < 0.3 else "\n"
        out.append("项目%d\t%s\t%s\t%s%s" % (k, ind, r.choice(["≥100人", "≥95%", "100%", "≤5天"]),
                                            r.choice(["120人", "96%", "99%", "4天", ""]), eol))
    return "".join(out)


def md5(b):
    return hashlib.md5(b).hexdigest()[:8]


if section("text"):
    for seed in range(1, 9):
        t = mixed(seed)
        for enc in ("utf-8", "gbk"):
            name = put("m%d-%s.tsv" % (seed, enc), t.encode(enc))
            outs = []
            for extra in ([], ["--no-streaming"]):
                p = subprocess.run(["prlimit", "--as=%d" % (4 << 30), BIN, "evaluate", name, "--format", "jsonl"] + extra,
                                   cwd=os.path.dirname(path(name)), capture_output=True)
                outs.append(p)
            same = outs[0].stdout == outs[1].stdout
            splits = outs[0].stdout.count(b"stream.project-split")
            print("%-24s exit %d/%d  streamed %s whole %s  %s  project-split %d" % (
                name, outs[0].returncode, outs[1].returncode, md5(outs[0].stdout), md5(outs[1].stdout),
                "same" if same else "DIFFER", splits))

# ---------------------------------------------------------------- every format and command on a large sheet
if section("formats"):
    r = random.Random(1)
    rows = []
    for p in range(10000):
        for i in range(20):
            t, a = r.choice([("≥100人", "120人"), ("≥95%", "96%"), ("≤5天", "4天"), ("100%", "98%"), ("达到预期", "达到")])
            rows.append(("某单位%d" % (p // 100), "项目%d" % p, "产出指标", "数量指标", "指标%d" % i, t, a, "5"))
    put("big.tsv", put_rows(rows, ("单位名称", "项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值")))
    print("big.tsv: %d bytes" % os.path.getsize(path("big.tsv")))
    for fmt in ("table", "markdown", "html", "csv", "jsonl", "json", "xlsx"):
        run(["evaluate", "big.tsv", "--format", fmt, "-o", "out." + fmt, "--force"], "evaluate big " + fmt)
    run(["evaluate", "big.tsv", "--format", "json", "--no-streaming", "-o", "nj.json", "--force"], "evaluate big json --no-streaming")
    run(["evaluate", "big.tsv", "--format", "xlsx", "--no-streaming", "-o", "nx.xlsx", "--force"], "evaluate big xlsx --no-streaming")
    for args in (["review", "big.tsv"], ["review", "big.tsv", "--format", "json"], ["inspect", "big.tsv"],
                 ["inspect", "big.tsv", "--format", "json"], ["template", "big.tsv", "-o", "tpl.yaml", "--force"],
                 ["template", "big.tsv", "--format", "xlsx", "-o", "tpl.xlsx", "--force"]):
        run(args, " ".join(args)[:44])

# ---------------------------------------------------------------- hostile arguments
if section("args"):
    put("small.tsv", sheet([("甲", "培训人数", "≥100人", "120人")]))
    for y in ("99999999999999999999", "-2147483648", "0", "99999", "2147483647"):
        run(["template", "small.tsv", "--year", y], "template --year " + y)
    run(["evaluate", "small.tsv", "--columns", "年度指标值=" + "x" * 100_000], "--columns of 100 KB")
    run(["evaluate", "small.tsv", "--columns", ",".join("年度指标值=列%d" % i for i in range(5000))], "--columns of 5,000 pairs")
    run(["evaluate", "small.tsv", "--sheet", "x" * 100_000], "--sheet of 100 KB")
