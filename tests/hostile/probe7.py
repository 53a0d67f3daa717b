#!/usr/bin/env python3
"""Issue 27's seventh outside probe (H49, 2026-12-05): what the six probes before did not try.

    python3 tests/hostile/probe7.py DIR BIN [SECTION...]
Sections (all when none is named):
  xlsbof    `.xls` sheets holding a BOF record of an older BIFF (0x0409, 0x0209, 0x0009) that
            calamine does not take for a BOF: does the guard's walk (and the sparse sheet's
            compaction, `xls_dense`) still see the cells calamine lays out?
  cr        a carriage return inside a cell (a text table with LF line ends): the terminal
            reports show it raw; a cell's CR moves the cursor to the line's start, and what
            follows overwrites the verdict and score already written on that line
  yamlmsg   YAML and serde messages that echo a value (an unknown `direction`, a string where
            a number goes) holding terminal escapes or megabytes
  diff      the streamed (`jsonl`) and whole (`json`) readings of generated sheets, odd bytes in
            their cells: `table::flat`'s plain blocks against the grid, the JSON line's middles
            against serde's report
  formats   number formats at their edges (`0%%`, 40 trailing commas, 60 decimals, a text
            section with `@` twice) through an `.xlsx`
  tmp       `--format xlsx` with `TMPDIR` missing or read-only, and a file-size limit met
            mid-save (`SIGXFSZ`)
Each case is run under `prlimit --as` 6 GB, `timeout 120` and `/usr/bin/time` (exit, user CPU
seconds, peak MB). Hand-made inputs only; nothing here is read by `cargo test` (what is found is
made again, smaller, in tests/hostile.rs).
"""
import io, json, os, random, struct, subprocess, sys, zipfile

OUT, BIN = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ONLY = sys.argv[3:]
os.makedirs(OUT, exist_ok=True)
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


def run(args, show=True, env=None, limits=()):
    t = path(".time")
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(["/usr/bin/time", "-o", t, "-f", "%U %S %M", "prlimit", "--as=%d" % (6 << 30)] + list(limits)
                       + ["timeout", "120", BIN] + args, cwd=OUT, capture_output=True, env=e)
    u, s, kb = open(t).read().split()[-3:]
    cpu = float(u) + float(s)
    err = p.stderr.decode("utf-8", "replace")
    if show:
        first = next((l for l in err.splitlines() if l.strip() and "exited" not in l and "Command" not in l), "")
        print("  exit %4d  %5.2f s  %5d MB  %s" % (p.returncode, cpu, int(kb) // 1024, first[:150]))
    return p.returncode, p.stdout, err, cpu, int(kb) // 1024


# ---------------------------------------------------------------- xls: BOFs calamine does not count
def ole(stream):
    """A version-3 compound file of one stream `Workbook` (no mini stream)."""
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


def bof(dt, typ=0x0809):
    return rec(typ, struct.pack("<HH", 0x0600, dt) + b"\0" * 12)


EOF = rec(0x000A, b"")


def xls_sheets(sheets):
    """An .xls of the given sheets (each a list of records after its BOF), one BOUNDSHEET each."""
    bound = lambda at, i: rec(0x0085, struct.pack("<I", at) + b"\0\0" + bytes([len(str(i)) + 1, 0]) + b"S" + str(i).encode())
    glen = len(bof(5)) + sum(len(bound(0, i)) for i in range(len(sheets))) + len(EOF)
    subs, at = [], glen
    for s in sheets:
        sub = bof(0x10) + b"".join(s) + EOF
        subs.append((at, sub))
        at += len(sub)
    g = bof(5) + b"".join(bound(a, i) for i, (a, _) in enumerate(subs)) + EOF
    return ole(g + b"".join(sub for _, sub in subs))


def number(r, c, v=1.0):
    return rec(0x0203, struct.pack("<HHHd", r, c, 0, v))


def xlsbof():
    print("== .xls: two far cells, the second behind a BOF record calamine does not count")
    head = [rec(0x0204, struct.pack("<HHHH", 0, 0, 0, 4) + b"\0" + "项目名称".encode("utf-16-le")[:0] + b"name")]
    cases = {
        "control (no extra BOF)": [number(0, 0), number(65535, 255)],
        "0x0809 BOF + EOF (a real nested substream)": [number(0, 0), bof(0x20), number(65535, 255), EOF],
    }
    for typ in (0x0409, 0x0209, 0x0009):
        cases["0x%04X BOF before the far cell" % typ] = [number(0, 0), bof(0x10, typ), number(65535, 255), EOF]
        cases["0x%04X BOF, formulas" % typ] = [number(0, 0), bof(0x10, typ),
                                               rec(0x0006, struct.pack("<HHH", 65535, 255, 0) + struct.pack("<d", 1.0) + b"\0" * 6 + b"\0\0"), EOF]
    for name, recs in cases.items():
        f = put("xlsbof-%d.xls" % len(name), xls_sheets([recs]))
        print("  %-44s %6d bytes:" % (name, os.path.getsize(f)), end="")
        run(["inspect", f])


# ---------------------------------------------------------------- CR inside a cell
def cr():
    print("== a carriage return inside a cell: what a terminal shows of each report")
    head = "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
    fake = "满意度" + " " * 10 + "达标  20.00  满分" + " " * 60
    rows = ["示例单位\t示例项目\t\t\t\t\t\t\t\n",
            "\t\t效益指标\t满意度指标\t群众满意度\t≥95%%\t60%%\r%s\t20\t\n" % fake,
            "\t\t产出指标\t数量指标\t培训人次\t≥100人次\t20人次\t20\t\n"]
    f = put("cr.tsv", head + "".join(rows))
    for fmt in ("table", "markdown", "csv", "jsonl"):
        code, out, err, cpu, mb = run(["evaluate", f, "--format", fmt], show=False)
        raw = out.count(b"\r")
        print("  evaluate --format %-8s exit %d: %d raw CR in stdout, %d in stderr" % (fmt, code, raw, err.count("\r")))
    code, out, err, cpu, mb = run(["inspect", f], show=False)
    print("  inspect: exit %d: %d raw CR in stdout" % (code, out.count(b"\r")))


# ---------------------------------------------------------------- YAML messages that echo a value
def yamlmsg():
    print("== YAML and serde messages that echo a value: escapes and megabytes")
    sheet = put("y.tsv", "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                "单位\t项目\t\t\t\t\t\t\t\n\t\t产出指标\t数量指标\t培训人次\t≥100人次\t120人次\t20\t\n")
    big = "x" * 5_000_000
    cases = {
        "rules direction escapes": ('rules:\n  - id: r1\n    when: indicator contains "培训"\n    direction: "\\e]0;pwned\\a\\e[2J\\u009b31m"\n', "rules"),
        "rules direction 5 MB": ('rules:\n  - id: r1\n    when: indicator contains "培训"\n    direction: "%s"\n' % big, "rules"),
        "rules id escapes": ('rules:\n  - id: "\\e[2Jr1"\n    when: indicator contains "培训"\n    direction: higher\n', "rules"),
        "actuals number escapes": ('projects:\n  - project: 项目\n    budget: "\\e]52;c;cHduZWQ=\\a"\n', "actuals"),
        "actuals number 5 MB": ('projects:\n  - project: 项目\n    budget: "%s"\n' % big, "actuals"),
        "actuals unknown field escapes": ('projects:\n  - project: 项目\n    "\\e[2Jx": 1\n', "actuals"),
    }
    for name, (text, kind) in cases.items():
        f = put("y-%s.yaml" % name.replace(" ", "-"), text)
        if kind == "rules":
            args = ["review", sheet, "--rules", f]
        else:
            args = ["evaluate", sheet, f]
        code, out, err, cpu, mb = run(args, show=False)
        esc = sum(err.count(c) for c in ("\x1b", "\x07", "\u009b"))
        print("  %-32s exit %d %5.2f s %4d MB: stderr %8d bytes, %d raw escapes; %s" % (
            name, code, cpu, mb, len(err.encode()), esc, err.strip().splitlines()[0][:100] if err.strip() else ""))


# ---------------------------------------------------------------- streamed against whole
CELLS = ["群众满意度", "≥95%", "96%", "培训人次", "≥100人次", "120人次", "完成率", "=100%", "98.5%", " 空格 ", "\u3000全角\u3000",
         "a\x0bb", "x\x0cy", "\ufeff开头", "尾\u00a0", "项目：说明", "说明", "合计", "\u2028行", "‰", "0", "-", "—", "",
         "10\r20", "＝100％", "１００％", "≤5天", "按时", "是", "否", "良好", "约95%", "95%以上（不含）",
         "\u0085下一行", "\x1c分隔", "三级指标", "年度指标值", "自评表", "注：说明", "单位：万元", "\u200b零宽", "x\x7fy"]


def sheet_of(rnd, projects):
    lines = ["单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分"]
    for p in range(projects):
        lines.append("单位%d\t项目%d\t\t\t\t\t\t\t" % (p % 3, p))
        for i in range(rnd.randint(1, 8)):
            cat = rnd.choice(["产出指标", "效益指标", "满意度指标", "成本指标", ""])
            cells = [rnd.choice(CELLS) for _ in range(4)]
            w = rnd.choice(["10", "20", "5.5", "", "0", "30"])
            lines.append("\t\t%s\t%s\t%s\t%s\t%s\t%s\t" % (cat, cells[0] or "x", cells[1] or "y", cells[2], cells[3], w))
        if rnd.random() < 0.2:
            lines.append(rnd.choice(["", "\t\t", " ", "\t\t\t\t\t\t\t\t\t\t\t", "\t\t%s" % rnd.choice(CELLS),
                                     "\t%s\t%s" % (rnd.choice(CELLS), rnd.choice(CELLS))]))
    return "\n".join(lines) + "\n"


def rows_of(data, whole):
    out = []
    if whole:
        doc = json.loads(data)
        for p in doc.get("projects", []):
            for i in p.get("indicators", []):
                out.append((p.get("unit"), p.get("project"), json.dumps(i, sort_keys=True, ensure_ascii=False)))
    else:
        for line in data.decode("utf-8").splitlines():
            v = json.loads(line)
            if "indicator" in v:
                u, pr = v.pop("unit", None), v.pop("project", None)
                out.append((u, pr, json.dumps(v, sort_keys=True, ensure_ascii=False)))
    return out


def diff(n=int(os.environ.get("DIFF_RUNS", "40"))):
    print("== streamed (jsonl) against whole (json) on %d generated sheets" % n)
    rnd = random.Random(7)
    differ = 0
    for k in range(n):
        f = put("diff/%d.tsv" % k, sheet_of(rnd, rnd.randint(1, 40)))
        c1, whole, e1, _, _ = run(["evaluate", f, "--format", "json"], show=False)
        c2, streamed, e2, _, _ = run(["evaluate", f, "--format", "jsonl"], show=False)
        if c1 != c2 or c1 not in (0, 1):
            print("  %d: exits %d / %d %s %s" % (k, c1, c2, e1[:200], e2[:200]))
            differ += 1
            continue
        a, b = rows_of(whole, True), rows_of(streamed, False)
        if a != b:
            differ += 1
            print("  %d: %d rows whole, %d streamed; first difference:" % (k, len(a), len(b)))
            for x, y in zip(a, b):
                if x != y:
                    print("    whole:    %s\n    streamed: %s" % (x, y))
                    break
    print("  %d of %d differ" % (differ, n))


# ---------------------------------------------------------------- number formats at their edges
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0"?><workbook %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % NS)
WBRELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
          '<Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def xlsx_formats(codes, values):
    """A sheet: a header, then one row a (code, value): its indicator, target and the actual
    cell formatted with the code."""
    fmts = "".join('<numFmt numFmtId="%d" formatCode="%s"/>' % (164 + i, xml_escape(c)) for i, c in enumerate(codes))
    xfs = '<xf numFmtId="0"/>' + "".join('<xf numFmtId="%d" applyNumberFormat="1"/>' % (164 + i) for i in range(len(codes)))
    styles = '<styleSheet %s><numFmts count="%d">%s</numFmts><cellXfs count="%d">%s</cellXfs></styleSheet>' % (
        NS, len(codes), fmts, len(codes) + 1, xfs)
    head = ["单位", "项目", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    cell = lambda r, c, t: '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % ("ABCDEFGHI"[c], r, xml_escape(t))
    rows = ['<row r="1">%s</row>' % "".join(cell(1, i, h) for i, h in enumerate(head))]
    for i, (code, v) in enumerate(zip(codes, values)):
        r = i + 2
        rows.append('<row r="%d">%s%s%s%s%s%s<c r="G%d" s="%d"><v>%s</v></c>%s</row>' % (
            r, cell(r, 0, "单位"), cell(r, 1, "项目"), cell(r, 2, "产出指标"), cell(r, 3, "数量指标"), cell(r, 4, "指标%d" % i), cell(r, 5, "≥95%"),
            r, i + 1, v, cell(r, 7, "10")))
    sheet = '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, "".join(rows))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WBRELS)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return b.getvalue()


FORMATS = [("0%%", "0.955"), ("0" + "," * 11, "1e36"), ("0" + "," * 40, "1e300"), ("0." + "0" * 60 + "%", "0.955"),
           ("0%;0%;0%;@@", "0.955"), ('0"%"%', "0.955"), ('"≥"0%', "0.955"), ('0%"以上"', "0.955"), ('"不足"0%', "0.955"),
           ('0%"（未完成）"', "0.955"), ("0.0%" + "_" * 5000, "0.955"), ("0" + '"x"' * 20000, "1"), ("#,##0,%", "955"),
           ("0.00,,%", "955000"), ("[>0.5]0%;0.0", "0.955"), ("0;0;0", "-0.955"), ("0%", "1e308"), ("0%", "-1e-300")]


def formats():
    print("== number formats at their edges (.xlsx), each actual cell as read")
    f = put("formats.xlsx", xlsx_formats([c for c, _ in FORMATS], [v for _, v in FORMATS]))
    code, out, err, cpu, mb = run(["evaluate", f, "--format", "jsonl"], show=False)
    print("  exit %d %.2f s %d MB %s" % (code, cpu, mb, err.strip()[:200]))
    got = [json.loads(l) for l in out.decode().splitlines()]
    got = [g for g in got if "indicator" in g]
    for (c, v), g in zip(FORMATS, got):
        print("  %-24s %-8s -> actual %-24s %s %s" % (c[:24], v, str(g.get("actual"))[:24], g.get("verdict"), g.get("score")))


# ---------------------------------------------------------------- the workbook's temporary file
def tmp():
    print("== --format xlsx: the temporary file the workbook is written through")
    sheet = put("t.tsv", "单位\t项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                + "".join("单位\t项目%d\t\t\t\t\t\t\t\n\t\t产出指标\t数量指标\t培训人次\t≥100人次\t120人次\t20\t\n" % i
                          for i in range(2000)))
    os.makedirs(path("ro"), exist_ok=True)
    os.chmod(path("ro"), 0o555)
    for name, env, limits in [("TMPDIR missing", {"TMPDIR": path("nowhere")}, ()),
                              ("TMPDIR read-only", {"TMPDIR": path("ro")}, ()),
                              ("file size limit 64 KB", {}, ("--fsize=65536",))]:
        out = path("t-%s.xlsx" % name.split()[0])
        code, o, err, cpu, mb = run(["evaluate", sheet, "--format", "xlsx", "-o", out], show=False, env=env, limits=limits)
        left = [n for n in os.listdir(OUT) if "jixiao-tmp" in n]
        print("  %-22s exit %4d, output %s, temporaries left %s: %s" % (
            name, code, os.path.exists(out) and os.path.getsize(out), left, err.strip().splitlines()[-1][:120] if err.strip() else ""))
        for n in left:
            os.remove(path(n))


SECTIONS = {"xlsbof": xlsbof, "cr": cr, "yamlmsg": yamlmsg, "diff": diff, "formats": formats, "tmp": tmp}
for name, fn in SECTIONS.items():
    if not ONLY or name in ONLY:
        fn()
