#!/usr/bin/env python3
"""Issue 27's sixth outside probe (H43, 2026-12-05): what the five probes before did not try.

    python3 tests/hostile/probe6.py DIR BIN [SECTION...]
Sections (all when none is named):
  actuals   actuals a reader takes for "not reached" that a figure-only reading would pass
            (`不到95%`, `将近95%`, `未达95%`, ...), against `≥95%` and `≤5%`; each line the
            verdict and score the report gives
  targets   `jixiao parse` of phrasings near the newest rules (`1E-3` and its look-alikes,
            `以上（不含）` spelt otherwise)
  edges     numbers at rust_decimal's edges in the report formats the fifth probe's grid left
            out (`xlsx`, the fill-in workbook of `template --format xlsx`, the pile's roll-up)
  zips      zip part names that differ only in case, slash or a leading `./` or `/` (the
            duplicate-name check compares exact names), a zip holding both a workbook and a
            Word document, a compound file holding both a Workbook and a WordDocument stream
  budget    a folder of workbooks each unzipping near the per-file limit
  xlsdims   `.xls` sheets whose DIMENSIONS claim just under the cell limit, one and many
  ledger    the earlier probes' open items, re-measured
Each case is run under `prlimit --as` 6 GB, `timeout 120` and `/usr/bin/time` (exit, seconds,
peak MB). Hand-made inputs only; nothing here is read by `cargo test` (what is found is made
again, smaller, in tests/hostile.rs).
"""
import io, json, os, struct, subprocess, sys, zipfile

OUT, BIN = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ONLY = sys.argv[3:]
os.makedirs(OUT, exist_ok=True)
MAX = "79228162514264337593543950335"
TINY = "0.0000000000000000000000000001"
HEAD = ("2023年度项目支出绩效自评表\n单位名称：示例街道办事处\n"
        "项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,得分,偏差原因,全年预算数,全年执行数\n")


def path(name):
    return os.path.join(OUT, name)


def put(name, data):
    if isinstance(data, str):
        data = data.encode()
    os.makedirs(os.path.dirname(path(name)), exist_ok=True)
    with open(path(name), "wb") as f:
        f.write(data)
    return path(name)


def run(args, show=True, cpu=False):
    t = path(".time")
    p = subprocess.run(["/usr/bin/time", "-o", t, "-f", "%U %M" if cpu else "%e %M", "prlimit", "--as=%d" % (6 << 30),
                        "timeout", "120", BIN] + args, cwd=OUT, capture_output=True)
    secs, kb = open(t).read().split()[-2:]
    err = p.stderr.decode("utf-8", "replace")
    if show:
        first = next((l for l in err.splitlines() if l.strip() and "exited" not in l), "")
        print("  exit %d  %5s s  %5d MB  %s" % (p.returncode, secs, int(kb) // 1024, first[:140]))
    return p.returncode, p.stdout.decode("utf-8", "replace"), err


def sheet(rows, weight="20"):
    s = HEAD + "社区服务经费,,,,,,,,10,9,,100,90\n"
    for i, (op, value, unit, actual) in enumerate(rows):
        s += "社区服务经费,产出指标,数量指标,指标%d,%s,%s,%s,%s,%s,,,,\n" % (i, op, value, unit, actual, weight)
    return s


def scored(jsonl):
    out = []
    for line in jsonl.splitlines():
        v = json.loads(line)
        if "indicator" in v:
            out.append(v)
    return out


# ---------------------------------------------------------------- actuals said to fall short
SHORT_OF_95 = ["不到95%", "未到95%", "未达95%", "没达到95%", "没完成95%", "未满95%", "不满95%", "不够95%",
               "尚未达到95%", "未能达到95%", "未能完成95%", "达不到95%", "接近95%", "将近95%", "近95%",
               "差一点到95%", "95%（未）", "95%(未完成)", "95%（没完成）", "95%（不达标）", "95%（尚未完成）",
               "95%（仍未达到）", "未超过95%", "95%不到", "95%未达", "95%以下（不含）", "95%-", "<=95%",
               "≦95%", "95%（差）", "计划95%，实际未完成", "预计95%", "目标95%", "力争95%", "争取95%"]
OVER_5 = ["超5%", "逾5%", "超出5%", "5%多", "5%以上（不含）", "5%+", "多于5%", "超过了5%", "高出5%", "5%有余",
          "5%（超标）", "5%（未控制住）", "预计5%", "目标5%"]


def actuals():
    print("== actuals said to fall short, each scored against ≥95% / ≤5% (分值 20)")
    rows = [("≥", "95", "%", a) for a in SHORT_OF_95] + [("≤", "5", "%", a) for a in OVER_5]
    f = put("actuals-short.csv", sheet(rows))
    code, out, err = run(["evaluate", f, "--format", "jsonl"], show=False)
    print("  exit", code)
    for v, (op, value, unit, a) in zip(scored(out), rows):
        score = v.get("score")
        verdict = v.get("verdict") or v.get("status") or ""
        flag = "  <-- full points" if score in ("20", "20.00", "20.0") else ""
        print("  %-4s %-22s %-10s %-8s %s%s" % (op + value + unit, a, str(verdict)[:10], score,
                                                 (v.get("actual_read") or v.get("note") or "")[:60], flag))


# ---------------------------------------------------------------- targets
TARGETS = ["1E-3", "1E−3", "1Ｅ-3", "1e－3", "1×10^-3", "1x10-3", "1.0E-03人", "≥1E-3", "≤1.5E+3人", "1.5E3",
           "2.5e+4元", "1E", "3E级", "1e-3%", "≥95%以上（不含）", "95%以上(不含)", "95%以上（不含本数）",
           "95%以上（不包含）", "95%以上，不含", "95%以上(不含95%)", "95%（不含）以上", "高于95%（含）",
           "大于95%（含）", "不低于95%（不含）", "大于等于95%（不含）", "95%以下(不含)", "5%以内（不含）",
           "95%及以上（不含）", "≥95%（含）", "95％以上（不含）", "９５%以上（不含）", "95%以上(不含)。",
           "95%以上（不含）（暂定）", "95%（不含）", "不少于95%（不含）"]


def targets():
    print("== jixiao parse of phrasings near `1E-3` and `以上（不含）`")
    f = put("targets.txt", "\n".join(TARGETS) + "\n")
    code, out, err = run(["parse", f, "--format", "jsonl"], show=False)
    for t, line in zip(TARGETS, out.splitlines()):
        v = json.loads(line)
        print("  %-26s %s" % (t, (v.get("canonical") or v.get("kind") or line)[:90]))


# ---------------------------------------------------------------- decimal edges, more formats
EDGE_TARGETS = [("≥", MAX, "%"), ("≤", MAX, "人"), ("", "约" + MAX, "人"), ("≥", TINY, "%"),
                ("", "较上年增长" + MAX + "%", ""), ("", "-%s～%s" % (MAX, MAX), "人"), ("=", MAX, "人")]
EDGE_ACTUALS = [MAX, "-" + MAX, TINY, MAX + "%", "约" + MAX + "人", MAX + "分", MAX + "倍", "0", "-" + TINY]


def edges():
    print("== numbers at the decimal range's edge: xlsx, template xlsx, pile roll-up")
    bad = runs = 0
    for w in ("0.5", "0.0000000001", "999999999999999"):
        rows = [(op, v, u, a) for op, v, u in EDGE_TARGETS for a in EDGE_ACTUALS]
        f = put("edge.csv", sheet(rows, w))
        for args in (["evaluate", f, "--format", "xlsx", "-o", path("edge.xlsx")],
                     ["template", f, "--format", "xlsx", "-o", path("edge-fill.xlsx"), "--force"],
                     ["evaluate", f, "--format", "html", "-o", path("edge.html")],
                     ["evaluate", OUT + "/edge-pile", "--format", "xlsx", "-o", path("pile.xlsx")],
                     ["evaluate", OUT + "/edge-pile", "--format", "table"]):
            if "edge-pile" in args[1]:
                put("edge-pile/a.csv", sheet(rows, w))
                put("edge-pile/b.csv", sheet(rows[::-1], w).replace("社区服务经费", "另一个项目"))
            code, out, err = run(args, show=False)
            runs += 1
            if code not in (0, 2, 3) or "panicked" in err:
                bad += 1
                print("  weight %s %s: exit %d %s" % (w, args[0:4], code, err[:300]))
    # the read back of the xlsx report, as a table of its own
    code, out, err = run(["inspect", path("edge.xlsx")], show=False)
    print("  inspect of the xlsx report: exit", code, "panicked" in err)
    print("  runs", runs, "ended otherwise", bad)


# ---------------------------------------------------------------- zip names
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
WBRELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
def _c(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


SHEET = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         '<row r="1">' + _c("A1", "项目名称（资金使用单位）") + _c("B1", "总计") + _c("C1", "绩效目标") + _c("D1", "绩效指标") +
         '</row><row r="2">' + _c("A2", "购置经费") + '<c r="B2"><v>56.45</v></c>' + _c("C2", "%s") +
         _c("D2", "1、产出指标：购置完成率，年度指标值：95%%。") + '</row></sheetData></worksheet>')


def zipped(files):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files:
            info = zipfile.ZipInfo(n)  # the name as given (`\\` kept)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, d)
    return b.getvalue()


def zips():
    print("== zip part names that differ only in spelling; polyglots")
    base = [("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("xl/workbook.xml", WB),
            ("xl/_rels/workbook.xml.rels", WBRELS)]
    for tag, other in (("case", "XL/worksheets/sheet1.xml"), ("case2", "xl/worksheets/Sheet1.xml"),
                       ("backslash", "xl\\worksheets\\sheet1.xml"), ("dot", "./xl/worksheets/sheet1.xml"),
                       ("slash", "/xl/worksheets/sheet1.xml"), ("dotdot", "xl/../xl/worksheets/sheet1.xml")):
        for order in ("first", "second"):
            parts = [("xl/worksheets/sheet1.xml", SHEET % "正本"), (other, SHEET % "另一份")]
            if order == "second":
                parts.reverse()
            f = put("zip-%s-%s.xlsx" % (tag, order), zipped(base + parts))
            code, out, err = run(["inspect", f, "--format", "table"], show=False)
            read = "正本" if "正本" in out else "另一份" if "另一份" in out else "-"
            print("  %-10s %-6s exit %d  read %-4s  %s" % (tag, order, code, read,
                                                          next((l for l in err.splitlines() if l.strip()), "")[:110]))
    tc = lambda t: "<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>" % t
    doc = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:tbl><w:tr>' + tc("项目名称（资金使用单位）") + tc("总计") + tc("绩效目标") + tc("绩效指标") + '</w:tr><w:tr>'
           + tc("购置经费") + tc("56.45") + tc("文档") + tc("1、产出指标：购置完成率，年度指标值：95%。") + '</w:tr></w:tbl>'
           '</w:body></w:document>')
    both = base + [("xl/worksheets/sheet1.xml", SHEET % "工作簿"), ("word/document.xml", doc)]
    for name in ("both.xlsx", "both.docx", "both.zip", "both"):
        f = put("polyglot-" + name, zipped(both))
        code, out, err = run(["inspect", f, "--format", "table"], show=False)
        read = [w for w in ("工作簿", "文档") if w in out]
        print("  polyglot %-10s exit %d  read %s  %s" % (name, code, read,
                                                        next((l for l in err.splitlines() if l.strip()), "")[:100]))


# ---------------------------------------------------------------- the unzip budget over a folder
def budget():
    print("== a folder of 30 workbooks, each ~400 MB unzipped (a 400 KB zip each)")
    big = "<x>" + "a" * (400 << 20) + "</x>"
    data = zipped([("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("xl/workbook.xml", WB),
                   ("xl/_rels/workbook.xml.rels", WBRELS), ("xl/worksheets/sheet1.xml", SHEET % "x"),
                   ("xl/media/pad.xml", big)])
    del big
    for i in range(30):
        put("budget/w%02d.xlsx" % i, data)
    run(["inspect", path("budget")])
    run(["evaluate", path("budget"), "--format", "csv"])


# ---------------------------------------------------------------- xls dimensions under the limit
def ole(stream):
    """A version-3 compound file of one stream `Workbook` (no mini stream, one FAT sector)."""
    data = stream.ljust(max(len(stream), 4096), b"\0")
    k = (len(data) + 511) // 512
    nfat = 1
    while nfat * 128 < nfat + 1 + k:
        nfat += 1
    fat = [0xFFFFFFFF] * (nfat * 128)
    for i in range(nfat):
        fat[i] = 0xFFFFFFFD
    fat[nfat] = 0xFFFFFFFE
    for j in range(k):
        fat[nfat + 1 + j] = nfat + 2 + j if j < k - 1 else 0xFFFFFFFE

    def entry(name, typ, start, size, child=0xFFFFFFFF):
        n = (name + "\0").encode("utf-16-le")
        e = n.ljust(64, b"\0") + struct.pack("<HBB", len(n), typ, 1)
        e += struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child) + b"\0" * 36
        return e + struct.pack("<II", start, size) + b"\0" * 4

    d = (entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + entry("Workbook", 2, nfat + 1, len(data))).ljust(512, b"\0")
    h = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    h += b"\0" * 6 + struct.pack("<IIIII", 0, nfat, nfat, 0, 4096) + struct.pack("<IIII", 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    h += b"".join(struct.pack("<I", i if i < nfat else 0xFFFFFFFF) for i in range(109))
    return h + b"".join(struct.pack("<I", x) for x in fat) + d + data.ljust(k * 512, b"\0")


def rec(typ, data):
    return struct.pack("<HH", typ, len(data)) + data


def xls_sheets(sheets):
    """An .xls of the given sheets (each a list of records after its BOF), one BOUNDSHEET each."""
    bof = lambda dt: rec(0x0809, struct.pack("<HH", 0x0600, dt) + b"\0" * 12)
    eof = rec(0x000A, b"")
    bound = lambda at, i: rec(0x0085, struct.pack("<I", at) + b"\0\0" + bytes([len(str(i)) + 1, 0]) + b"S" + str(i).encode())
    glen = len(bof(5)) + sum(len(bound(0, i)) for i in range(len(sheets))) + len(eof)
    subs, at = [], glen
    for s in sheets:
        sub = bof(0x10) + b"".join(s) + eof
        subs.append((at, sub))
        at += len(sub)
    g = bof(5) + b"".join(bound(a, i) for i, (a, _) in enumerate(subs)) + eof
    return ole(g + b"".join(sub for _, sub in subs))


def xlsdims():
    print("== .xls DIMENSIONS just under the cell limit, in one and in many sheets")
    dims = rec(0x0200, struct.pack("<IIHHH", 0, 65535, 0, 304, 0))  # 65 536 x 305 = 19 988 480 cells
    cell = rec(0x0203, struct.pack("<HHHd", 0, 0, 0, 1.0))
    for n in (1, 4, 16):
        f = put("xls-dims-%d.xls" % n, xls_sheets([[dims, cell]] * n))
        print("  %d sheet(s), %d bytes:" % (n, os.path.getsize(f)))
        run(["inspect", f])


# ---------------------------------------------------------------- the five probes' open items, re-measured
def ledger():
    print("== the earlier probes' open items, re-measured")
    # H23: 200 000 inline strings of 200 characters (1.5 MB)
    f = put("inline-many.xlsx", zipped([("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("xl/workbook.xml", WB),
        ("xl/_rels/workbook.xml.rels", WBRELS), ("xl/worksheets/sheet1.xml",
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (r, r, "项目名称" * 50)
                  for r in range(1, 200_001)) + "</sheetData></worksheet>")]))
    print("  xlsx-inline-many (%d bytes):" % os.path.getsize(f))
    run(["inspect", f])
    # H31: an .ods of 2 000 000 000 repeated rows of a one-letter cell
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", '<?xml version="1.0"?><office:document-content %s><office:body><office:spreadsheet>'
                   '<table:table table:name="S"><table:table-row table:number-rows-repeated="2000000000"><table:table-cell '
                   'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>'
                   '</office:spreadsheet></office:body></office:document-content>' % ns)
    f = put("ods-2e9-rows.ods", b.getvalue())
    print("  ods of 2e9 repeated rows (%d bytes):" % os.path.getsize(f))
    run(["inspect", f])
    # H35: a page of 2 000 000 empty <tr> (8 MB)
    f = put("html-empty-tr.html", "<table><tr><td>项目名称</td></tr>" + "<tr>" * 2_000_000 + "</table>")
    print("  2 000 000 empty <tr>:")
    run(["inspect", f])
    # H34: 9 999 rules that every row must try, against 2 000 indicators
    rules = "rules:\n" + "".join("  - id: a.r%d\n    when: not indicator ~ \"x%dy\"\n    require: target >= 1%%\n    message: m\n"
                                  % (i, i) for i in range(9_999))
    put("rules-9999.yaml", rules)
    rows = [("≥", "95", "%", "96%")] * 2000
    f = put("rows-2000.csv", sheet(rows))
    print("  9 999 always-tried rules x 2 000 indicators (review):")
    run(["review", f, "--rules", path("rules-9999.yaml")], cpu=True)


if __name__ == "__main__":
    for name, f in (("actuals", actuals), ("targets", targets), ("edges", edges), ("zips", zips), ("budget", budget),
                    ("xlsdims", xlsdims), ("ledger", ledger)):
        if not ONLY or name in ONLY:
            f()
