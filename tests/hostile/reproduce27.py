#!/usr/bin/env python3
"""Issue 27's reproductions, re-run as evidence (H43, the "done when" of issue 27).

Every numbered reproduction of the issue text (items 1-12, each sub-case) is rebuilt here by
hand from the issue's words (nothing downloaded, nothing read from /work/shared), run against a
given binary and measured. The command-line cases run under `/usr/bin/time -v` (user + system
CPU, peak resident memory) with `prlimit --as` 6 GB and `timeout 120`; the server cases against
`BIN serve` on a loopback port (`probe_server.py`), measuring the CPU the server and its
workers spent on the request (`/proc`, reaped children included) and the largest resident
memory of the server's process tree sampled every 20 ms; `GET /` is asked after each.

    python3 tests/hostile/reproduce27.py BIN DIR [ID-PREFIX...]
        prints one line a case:  id  outcome  cpu-s  peak-MB  x-input  input-bytes  verdict
DIR gets the inputs (about 200 MB at most; delete when done). `verdict` is `ok` when the case
ended as the issue wants (a named limit or code, or the right reading) within 2 s of CPU and a
peak of at most 8x its input plus 64 MB (the process itself), else it says what is wrong.
"""
import io, os, re, signal, socket, struct, subprocess, sys, threading, time, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import probe_server  # noqa: E402
from probe_server import proc_cpu  # noqa: E402
from compound_file import ole  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
OUT = os.path.abspath(sys.argv[2])
ONLY = sys.argv[3:]
os.makedirs(OUT, exist_ok=True)
ROWS = []
MAX = "79228162514264337593543950335"
CODE = re.compile(r"\b((?:table|web|rules|eval|actuals|output|pile|stream|review|lang|yaml|input|form|sheet|report)"
                  r"(?:\.|::)[a-z][a-z0-9-]*)")
LIMIT = re.compile(r"\bJIXIAO_MAX_[A-Z_]+")


def want(i):
    return not ONLY or any(i.startswith(p) for p in ONLY)


def path(name):
    return os.path.join(OUT, name)


def put(name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(path(name), "wb") as f:
        f.write(data)
    return path(name)


def named(text):
    """The codes and limits a message names, deduplicated, in order."""
    seen = []
    for m in CODE.findall(text) + LIMIT.findall(text):
        if m not in seen:
            seen.append(m)
    return seen


def row(case, outcome, cpu, peak_kb, size, verdict):
    x = "%.1f" % (peak_kb * 1024 / size) if size and peak_kb else "-"
    ROWS.append((case, outcome, cpu, peak_kb, x, size, verdict))
    print("%-34s %-70s %6.2f %7.1f %7s %10d  %s" % (case, outcome[:70], cpu, peak_kb / 1024, x, size,
                                                     verdict), flush=True)


def judge(ok, cpu, peak_kb, size, why=""):
    bad = []
    if not ok:
        bad.append(why or "not the outcome wanted")
    if cpu > 2.0:
        bad.append("CPU %.1f s" % cpu)
    if peak_kb > (8 * size + 64 * 1024 * 1024) / 1024:
        bad.append("memory %d MB" % (peak_kb // 1024))
    return "ok" if not bad else "; ".join(bad)


# ---------------------------------------------------------------- command line
def cli(case, args, ok, size=None, stdin=None, env=None, stdout=None):
    """Runs BIN ARGS in OUT; `ok(code, stdout, stderr)` says whether it ended as wanted."""
    if not want(case):
        return
    if size is None:  # the inputs named (not the output after `-o`)
        size = sum(os.path.getsize(path(a)) for i, a in enumerate(args)
                   if os.path.isfile(path(a)) and (i == 0 or args[i - 1] != "-o"))
    tfile = path(".time")
    cmd = ["/usr/bin/time", "-v", "-o", tfile, "prlimit", "--as=%d" % (6 << 30), "timeout", "120",
           BIN] + args
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(cmd, cwd=OUT, input=stdin, stdout=stdout or subprocess.PIPE,
                       stderr=subprocess.PIPE, env=e)
    t = open(tfile).read()
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
    out = p.stdout.decode("utf-8", "replace") if p.stdout else ""
    err = p.stderr.decode("utf-8", "replace")
    good = ok(p.returncode, out, err)
    names = named(err + out)
    outcome = "exit %d %s" % (p.returncode, " ".join(names[:3]))
    if isinstance(good, str):  # a note instead of a plain yes
        outcome += " " + good
        good = True
    row(case, outcome, user + system, peak, size, judge(good, user + system, peak, size))
    return p.returncode, out, err


def refused(code_wanted, exit_wanted=2):
    return lambda c, o, e: c == exit_wanted and code_wanted in e + o


# ---------------------------------------------------------------- inputs
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
WBRELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def zipped(files):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files:
            z.writestr(n, d)
    return b.getvalue()


def xlsx(sheet_rows, sst='<sst %s count="1" uniqueCount="1"><si><t>x</t></si></sst>' % NS):
    return zipped([("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("xl/workbook.xml", WB),
                   ("xl/_rels/workbook.xml.rels", WBRELS), ("xl/sharedStrings.xml", sst),
                   ("xl/worksheets/sheet1.xml",
                    '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, sheet_rows))])


def xlsx_claiming(claim):
    return xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
                '<?xml version="1.0"?><sst %s count="1" uniqueCount="%s"><si><t>x</t></si></sst>' % (NS, claim))


def rec(typ, data):
    return struct.pack("<HH", typ, len(data)) + data


def xls(sheet_records):
    bof = lambda dt: rec(0x0809, struct.pack("<HH", 0x0600, dt) + b"\0" * 12)
    eof = rec(0x000A, b"")
    glen = len(bof(5)) + len(rec(0x0085, b"\0" * 9)) + len(eof)
    g = bof(5) + rec(0x0085, struct.pack("<I", glen) + b"\0\0\x01\x00S") + eof
    return ole(g + bof(0x10) + b"".join(sheet_records) + eof)


def xls_number(r, c, v):
    return rec(0x0203, struct.pack("<HHHd", r, c, 0, v))


def docx(body):
    return zipped([("[Content_Types].xml", CT), ("word/document.xml",
                   '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   '<w:body>%s</w:body></w:document>' % body)])


def ods(rows):
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
        z.writestr("content.xml", '<?xml version="1.0"?><office:document-content %s office:version="1.2"><office:body><office:spreadsheet>'
                   '<table:table table:name="S">%s</table:table></office:spreadsheet></office:body></office:document-content>' % (ns, rows))
    return b.getvalue()


TABLE = ("项目支出绩效目标表\n\n部门名称：示例中心\n\n单位：万元\n\n"
         "项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"
         "合计\t111.42\t111.42\t\t\t\t\n示例办事处\t111.42\t111.42\t\t\t\t\n"
         "业务用房物业管理费\t54.97\t54.97\t\t\t保证办公环境整洁。\t1、产出指标：办公设备维护维修工作完成率，年度指标值：95%。2、效益指标：员工满意度，年度指标值：员工满意度98%以上。\n"
         "购置经费\t56.45\t56.45\t\t\t保证业务正常开展。\t1、产出指标：购置完成率，年度指标值：95%。\n")
HEAD = ("2023年度项目支出绩效自评表\n单位名称：示例街道办事处\n"
        "项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,得分,偏差原因,全年预算数,全年执行数\n")


def self_eval(budget, spent, rows):
    s = HEAD + "社区服务经费,,,,,,,,10,9.5,,%s,%s\n" % (budget, spent)
    for i, (actual, weight) in enumerate(rows):
        s += "社区服务经费,产出指标,数量指标,指标%d,≥,5000,人次,%s,%s,20,,,\n" % (i, actual, weight)
    return s


def projects_sheet(n):
    """A self-evaluation sheet of `n` one-indicator projects (csv, about 90 bytes a project)."""
    out = [HEAD]
    for i in range(n):
        out.append("项目%d,,,,,,,,10,9,,100,90\n项目%d,产出指标,数量指标,服务人次,≥,5000,人次,5230,20,20,,,\n" % (i, i))
    return "".join(out)


def actuals_of(note_anchor_kb, refs):
    big = "x" * (note_anchor_kb * 1024)
    s = "projects:\n  - unit: 示例办事处\n    project: 购置经费\n    note: &a \"%s\"\n    indicators:\n" % big
    for i in range(refs):
        s += "      - seq: %d\n        indicator: 购置完成率\n        actual: \"96%%\"\n        note: *a\n" % (i + 1)
    return s


def rules_of_alias(anchor_kb, refs):
    s = "x-big: &a \"%s\"\nrules:\n" % ("x" * (anchor_kb * 1024))
    for i in range(refs):
        s += "  - id: audit.r%d\n    when: indicator ~ \"率\"\n    require: target >= 90%%\n    message: *a\n" % i
    return s


def regex_rules(n):
    s = "rules:\n"
    for i in range(n):
        s += "  - id: a.b%d\n    when: indicator ~ \"\\\\w{200}N%d\"\n    require: target >= 90%%\n    message: x\n" % (i, i)
    return s


def vmerge_docx(rows, cols):
    start = '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p/></w:tc>'
    cont = '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>'
    body = ["<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc></w:tr>"]
    for r in range(rows):
        body.append("<w:tr>" + (start if r % 2 == 0 else cont) * cols + "</w:tr>")
    body.append("</w:tbl>")
    return docx("".join(body))


DIMS = xls([rec(0x0200, struct.pack("<IIHHH", 0, 0xFFFFFFFF, 0, 0xFFFF, 0)), xls_number(0, 0, 1.0)])
ODS_BOMB = ods("".join('<table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="16384">'
                       '<text:p>x</text:p></table:table-cell></table:table-row>' for _ in range(10))
               + '<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string" '
                 'table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>')
VMERGE = vmerge_docx(3000, 200)
PARAS = docx("<w:p/>" * 3_000_000 + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
EVIL = "购置\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b[8m隐藏\u009b2J完成率"


def no_raw_controls(c, o, e):
    raw = [ch for ch in "\x1b\x07\u009b" if ch in o or ch in e]
    return c in (0, 2) and not raw and ("␛" in o + e or c == 2)


def main_cli():
    # 1. a 2 KB file kills the process
    put("1-strings-1e14.xlsx", xlsx_claiming("100000000000000"))
    put("1-strings-2e64.xlsx", xlsx_claiming("18446744073709551615"))
    put("1-dimensions.xls", DIMS)
    for name in ("1-strings-1e14.xlsx", "1-strings-2e64.xlsx", "1-dimensions.xls"):
        cli("1 " + name, ["inspect", name], refused("table.claims-too-many"))
    # 2. quadratic Word merges (2 000 rows x 200 columns of empty merge cells and more)
    put("2-vmerge.docx", VMERGE)
    cli("2 docx vMerge (inspect)", ["inspect", "2-vmerge.docx"], lambda c, o, e: c in (0, 2) and "panicked" not in e)
    # 3. regex rule bomb: 3 KB (15 rules) and 100 KB (500 rules) of `\w{200}N`
    put("3-regex-3k.yaml", regex_rules(15))
    put("3-regex-100k.yaml", regex_rules(1000))
    put("t.tsv", TABLE)
    for name, tag in (("3-regex-3k.yaml", "15 rules"), ("3-regex-100k.yaml", "1 000 rules")):
        cli("3 %s, rules check" % tag, ["rules", "check", name], lambda c, o, e: c == 2 and "编译后超过" in e)
        cli("3 %s, review" % tag, ["review", "t.tsv", "--rules", name], lambda c, o, e: c == 2 and "编译后超过" in e,
            size=os.path.getsize(path(name)))
    # 4. the xlsx report of 40 000 one-indicator projects (3.5 MB)
    put("4-projects-40000.csv", projects_sheet(40_000))
    cli("4 xlsx 40 000 projects", ["evaluate", "4-projects-40000.csv", "--format", "xlsx", "-o", "4.xlsx"],
        refused("JIXIAO_MAX_XLSX_PROJECTS"))
    cli("4 csv 40 000 projects (way fwd)", ["evaluate", "4-projects-40000.csv", "--format", "csv", "-o", "4.csv"],
        lambda c, o, e: c == 0)
    put("4-projects-10000.csv", projects_sheet(10_000))
    cli("4 xlsx 10 000 projects (limit)", ["evaluate", "4-projects-10000.csv", "--format", "xlsx", "-o", "4b.xlsx"],
        lambda c, o, e: c == 0)
    # 5. YAML alias amplification: 1 000 references to a 1 MB anchor
    put("5-rules-alias.yaml", rules_of_alias(1024, 1000))
    put("5-actuals-alias.yaml", actuals_of(1024, 1000))
    cli("5 rules alias 1 MB x 1000", ["rules", "check", "5-rules-alias.yaml"], lambda c, o, e: c == 2 and "别名" in e)
    cli("5 actuals alias 1 MB x 1000", ["evaluate", "t.tsv", "5-actuals-alias.yaml"], lambda c, o, e: c == 2 and "别名" in e,
        size=os.path.getsize(path("5-actuals-alias.yaml")))
    # 6. more amplifications
    put("6-ods-as.xlsx", ODS_BOMB)
    cli("6 ods under an .xlsx name", ["inspect", "6-ods-as.xlsx"], refused("table.claims-too-many"))
    put("6-paragraphs.docx", PARAS)
    cli("6 docx empty <w:p/>", ["inspect", "6-paragraphs.docx"], lambda c, o, e: c in (0, 2) and "panicked" not in e)
    tail = "第二个项目,,,,,,,,10,9,,50,40\n第二个项目,产出指标,数量指标,完成率,≥,95%,%,96%,20,20,,,\n"
    head = self_eval("100", "90", [("5230", "20")])
    with open(path("6-blank-rows.csv"), "wb") as f:
        f.write(head.encode())
        f.write(b",,,,,,,,,,,,\n" * (40 * 1024 * 1024 // 13))
        f.write(tail.encode())
    with open(path("6-blank-lines.csv"), "wb") as f:
        f.write(head.encode())
        f.write(b"\n" * (50 * 1024 * 1024))
        f.write(tail.encode())
    both = lambda c, o, e: c == 0 and "第二个项目" in open(path("6.jsonl"), encoding="utf-8").read()
    cli("6 40 MB of empty rows, streamed", ["evaluate", "6-blank-rows.csv", "--format", "jsonl", "-o", "6.jsonl"], both)
    cli("6 50 MB of blank lines, streamed", ["evaluate", "6-blank-lines.csv", "--format", "jsonl", "-o", "6.jsonl"], both)
    cli("6 50 MB of blank lines, inspect", ["inspect", "6-blank-lines.csv"], lambda c, o, e: c in (0, 2) and "panicked" not in e)
    cli("6 /dev/zero", ["inspect", "/dev/zero"], refused("JIXIAO_MAX_INPUT_MB"), size=512 << 20)
    # 7. panics: sums and quotients past the decimal range, whole and streamed
    put("7-weights.csv", self_eval("100", "90", [("5230", MAX), ("5230", MAX)]))
    put("7-about.csv", self_eval("100", "90", [("约%s个" % MAX, "20")]))
    put("7-budget.csv", self_eval("0.0000000000000000000000000001", MAX, [("5230", "20")]))
    put("7-budget-actuals.yaml", "projects:\n  - unit: 示例办事处\n    project: 购置经费\n    budget: \"0.0000000000000000000000000001\"\n"
        "    spent: \"%s\"\n    indicators:\n      - seq: 1\n        indicator: 购置完成率\n        actual: \"96%%\"\n" % MAX)
    for name, code in (("7-weights.csv", "table.bad-number"), ("7-about.csv", ""), ("7-budget.csv", "table.bad-amount")):
        for fmt in ("table", "jsonl"):
            cli("7 %s %s" % (name[2:-4], fmt), ["evaluate", name, "--format", fmt],
                lambda c, o, e, code=code: c == 0 and code in e + o and "panicked" not in e)
    for fmt in ("table", "jsonl"):
        cli("7 budget 1e-28 (actuals) " + fmt, ["evaluate", "t.tsv", "7-budget-actuals.yaml", "--format", fmt],
            lambda c, o, e: c == 0 and "eval.out-of-range" in o)
    # 9. terminal escapes from a table, in every text report and message
    put("9-evil.tsv", TABLE.replace("购置完成率", EVIL))
    put("9-evil.yaml", "projects:\n  - unit: 示例办事处\n    project: 购置经费\n    indicators:\n      - seq: 1\n"
        "        indicator: \"%s\"\n        actual: \"96%%\"\n" % EVIL.replace("\x1b", "\\e").replace("\x07", "\\a").replace("\u009b", "\\x9b"))
    for args in (["evaluate", "9-evil.tsv", "9-evil.yaml", "--format", "table"],
                 ["evaluate", "9-evil.tsv", "9-evil.yaml", "--format", "markdown"],
                 ["evaluate", "9-evil.tsv", "9-evil.yaml", "--format", "csv"],
                 ["evaluate", "9-evil.tsv", "9-evil.yaml", "--format", "html"],
                 ["inspect", "9-evil.tsv", "--format", "table"],
                 ["review", "9-evil.tsv"], ["review", "9-evil.tsv", "--format", "markdown"]):
        cli("9 %s %s" % (args[0], args[-1]), args, lambda c, o, e: no_raw_controls(c, o, e) or (args[0] == "review" and c == 0
            and not any(ch in o + e for ch in "\x1b\x07\u009b")))
    # 10. files: the output a copy the run read; a signal mid-write
    os.makedirs(path("10-folder"), exist_ok=True)
    put("10-folder/a.tsv", TABLE)
    put("10-folder/b.tsv", TABLE)
    cli("10 -o a copy the run read", ["evaluate", "10-folder", "-o", "10-folder/b.tsv"],
        lambda c, o, e: c == 2 and "output.is-input" in e and open(path("10-folder/b.tsv"), encoding="utf-8").read() == TABLE)
    if want("10 signal"):
        # 300 000 projects (34 MB, about a second of writing): a run of 60 000 (0.24 s) sometimes
        # ended between the temporary file's appearing and the signal (H84)
        put("10-big.csv", projects_sheet(300_000))
        for sig in (signal.SIGTERM, signal.SIGINT):
            for attempt in range(3):
                for f in os.listdir(OUT):
                    if f.endswith(".jixiao-tmp"):
                        os.remove(path(f))
                p = subprocess.Popen([BIN, "evaluate", "10-big.csv", "--format", "jsonl", "-o", "10.jsonl"], cwd=OUT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                t0 = time.time()
                while not any(f.endswith(".jixiao-tmp") for f in os.listdir(OUT)) and p.poll() is None and time.time() - t0 < 30:
                    time.sleep(0.005)
                seen = [f for f in os.listdir(OUT) if f.endswith(".jixiao-tmp")]
                early = p.poll() is not None  # finished before the signal could be sent
                if not early:
                    p.send_signal(sig)
                t1 = time.time()
                p.wait()
                left = [f for f in os.listdir(OUT) if f.endswith(".jixiao-tmp")]
                if early and attempt < 2:
                    continue
                if early:
                    row("10 %s mid-write" % signal.Signals(sig).name,
                        "finished before the signal, three times (exit %d, temporary seen %d, left %d)" %
                        (p.returncode, len(seen), len(left)), 0.0, 0, os.path.getsize(path("10-big.csv")),
                        "not tried: finished before the signal" if not left else "temporary left")
                else:
                    row("10 %s mid-write" % signal.Signals(sig).name, "signal %d, temporary seen %d, left %d, stopped in %.2f s" %
                        (-p.returncode, len(seen), len(left), time.time() - t1), 0.0, 0, os.path.getsize(path("10-big.csv")),
                        "ok" if seen and not left and p.returncode == -sig else "temporary left or never seen")
                break
    # 12. smaller
    put("12-semicolon.tsv", TABLE.replace("购置完成率", "购置完成率;=HYPERLINK(\"http://evil.example\")")
        .replace("示例办事处", "示例办事处;@SUM(1+1);-5"))
    put("12-empty.yaml", "projects: []\n")
    cli("12 csv ; formulas", ["evaluate", "12-semicolon.tsv", "12-empty.yaml", "--format", "csv"],
        lambda c, o, e: c == 0 and ";'=HYPERLINK(" in o and ";'@SUM(1+1);'-5," in o)
    put("12-t-cr.tsv", TABLE.replace("\n", "\r"))
    put("12-a-cr.yaml", "projects:\n  - unit: 示例办事处\n    project: 购置经费\n    spent: \"50\"\n    indicators:\n"
        "      - seq: 1\n        indicator: 购置完成率\n        actual: \"96%\"\n".replace("\n", "\r"))
    cli("12 CR-only table and actuals", ["evaluate", "12-t-cr.tsv", "12-a-cr.yaml", "--format", "json"],
        lambda c, o, e: c == 0 and '"actual": "96%"' in o and "eval.no-actuals" not in o)
    quoted = (HEAD + "社区服务经费,,,,,,,,10,9,,100,90\n社区服务经费,产出指标,数量指标,指标1,≥,5000,人次,5230,30,30,,,\n"
              "社区服务经费,产出指标,数量指标,\"指标2,≥,5000,人次,4000,30,24,,,\n"
              "社区服务经费,产出指标,质量指标,指标3,≥,90%,,95%,30,30,原因\",,\n")
    put("12-stray-quote.csv", quoted)
    for fmt in ("json", "jsonl"):
        cli("12 stray CSV quote " + fmt, ["evaluate", "12-stray-quote.csv", "--format", fmt],
            lambda c, o, e: c == 0 and "table.stray-quote" in e and o.count("指标3") >= 1 and o.count("社区服务经费") >= 1)
    entry = ("  - unit: 示例办事处\n    project: 购置经费\n    spent: \"%s\"\n    indicators:\n      - seq: 1\n"
             "        indicator: 购置完成率\n        actual: \"%s\"\n")
    put("12-twice.yaml", "projects:\n" + entry % ("50", "96%") + entry % ("1", "10%"))
    cli("12 a project twice in actuals", ["evaluate", "t.tsv", "12-twice.yaml", "--format", "json"],
        lambda c, o, e: c == 0 and "actuals.duplicate" in o + e and "actuals.unmatched" not in o + e)
    put("12-long-line.yaml", "projects:\n  - unit: 示例办事处\n    project: " + "x" * 20_000_000 + ": : [\n")
    r = cli("12 YAML error on a 20 MB line", ["evaluate", "t.tsv", "12-long-line.yaml"],
            lambda c, o, e: c == 2 and len(e) < 8192 and "actuals::parse" in e and "stderr %d bytes" % len(e.encode()))
    if want("12 --help"):
        with open("/dev/full", "wb") as full:
            cli("12 --help > /dev/full", ["--help"], lambda c, o, e: c == 2 and "output.io" in e, size=0, stdout=full)
    far = ('<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c><c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row>'
           + "".join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>项目%d</t></is></c><c r="B%d"><v>%d</v></c></row>' % (r, r, r, r, r)
                     for r in range(2, 1501)))
    put("12-far-cell.xlsx", xlsx(far))
    cli("12 one far xlsx cell", ["inspect", "12-far-cell.xlsx"], lambda c, o, e: "too-many-cells" not in e and "panicked" not in e)
    neg = (HEAD + "社区服务经费,,,,,,,,10,9,,100,90\n社区服务经费,产出指标,数量指标,指标1,≥,5000,人次,5230,-30,30,,,\n")
    put("12-negative-weight.csv", neg)
    cli("12 a negative 分值", ["evaluate", "12-negative-weight.csv", "--format", "json"],
        lambda c, o, e: c == 0 and "eval.points-impossible" in o)
    # the twentieth probe (H145): quietly wrong readings of targets and actuals
    h = "项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n"
    put("20-reversed.tsv", h + "区间项目\t产出指标\t数量指标\t补助金额\t5-3万元\t4万元\t100\n")
    cli("20 a range high end first", ["evaluate", "20-reversed.tsv", "--format", "json"],
        lambda c, o, e: c == 0 and "eval.range-reversed" in o and '"verdict": "review"' in o)
    put("20-rate.tsv", h.replace("\t实际完成值", "") + "比率项目\t效益指标\t社会效益\t就业率\t较上年提高5%\t100\n")
    put("20-rate.yaml", "projects:\n  - project: 比率项目\n    indicators:\n      - indicator: 就业率\n"
        "        baseline: \"80%\"\n        actual: \"84%\"\n")
    cli("20 a rate's change in %", ["evaluate", "20-rate.tsv", "20-rate.yaml", "--format", "json"],
        lambda c, o, e: c == 0 and "eval.rate-change" in o and '"verdict": "review"' in o)
    put("20-year.tsv", h + "年份项目\t效益指标\t社会效益\t服务水平\t不低于2022年水平\t2100\t100\n")
    cli("20 a named year's level", ["evaluate", "20-year.tsv", "--format", "json"],
        lambda c, o, e: c == 0 and '"verdict": "review"' in o and '"verdict": "pass"' not in o)
    put("20-names.tsv", h.replace("\t实际完成值", "") + "培训项目\t产出指标\t数量指标\t培训人数\t≥100人\t50\n"
        "培训项目\t产出指标\t质量指标\t培训人数\t≥90%\t50\n")
    put("20-names.yaml", "projects:\n  - project: 培训项目\n    indicators:\n      - indicator: 培训人数\n"
        "        target: \"≥90%\"\n        actual: \"95%\"\n")
    cli("20 one entry, two rows of a name", ["evaluate", "20-names.tsv", "20-names.yaml", "--format", "jsonl"],
        lambda c, o, e: c == 0 and '"target":"≥90%","canonical":">=90%","actual":"95%"' in o.replace(" ", ""))
    # the twenty-first probe (H154): a quarter's 前, a score's scale
    put("22-quarter.tsv", h + "时限项目\t产出指标\t时效指标\t完成时间\t2023年第三季度前\t2023年8月\t100\n")
    cli("22 a date inside a quarter due before", ["evaluate", "22-quarter.tsv", "--year", "2023", "--format", "json"],
        lambda c, o, e: c == 0 and "eval.period-before" in o and '"verdict": "review"' in o)
    put("22-scale.tsv", h + "评分项目\t满意度指标\t服务对象满意度\t测评得分\t≥80分（满分100分）\t78分\t100\n")
    cli("22 a score with its scale", ["evaluate", "22-scale.tsv", "--format", "json"],
        lambda c, o, e: c == 0 and '"verdict": "fail"' in o and '"canonical": ">= 80 分"' in o)


# ---------------------------------------------------------------- the server
def tree_rss(pid):
    """The resident kB of the server and its live children."""
    total = 0
    best_child = 0
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            st = open("/proc/%s/stat" % d).read().rsplit(")", 1)[1].split()
            if int(d) != pid and int(st[1]) != pid:
                continue
            rss = int(re.search(r"VmRSS:\s+(\d+)", open("/proc/%s/status" % d).read()).group(1))
        except (OSError, AttributeError):
            continue
        if int(d) == pid:
            total += rss
        else:
            best_child = max(best_child, rss)
    return total + best_child


class Sampler:
    def __init__(self, pid):
        self.pid, self.peak, self.go = pid, 0, True
        self.t = threading.Thread(target=self.run, daemon=True)
        self.t.start()

    def run(self):
        while self.go:
            self.peak = max(self.peak, tree_rss(self.pid))
            time.sleep(0.02)

    def stop(self):
        self.go = False
        self.t.join()
        return self.peak


def request(method, target, ctype=b"text/plain", body=b"", extra=b"", timeout=120):
    head = (b"%s %s HTTP/1.1\r\n" % (method.encode(), target.encode()) + probe_server.HOST + b"Content-Type: " + ctype +
            b"\r\nContent-Length: %d\r\nConnection: close\r\n" % len(body) + extra + b"\r\n")
    out = probe_server.raw(head + body, timeout)
    return probe_server.status_of(out), out.decode("utf-8", "replace")


def token():
    page = request("GET", "/")[1]
    m = re.search(r'name="jixiao-token" content="([^"]+)"', page)
    return m.group(1).encode() if m else b""


def page_drop(parts):
    """A drop on the page of `parts` (name, file name, bytes), with the running server's token."""
    return lambda: request("POST", "/", *probe_server.multipart([(b"csrf", None, token())] + parts))


def served(case, _, f, ok, size):
    """Runs `f()` (status, answer) against a server of its own (started for the case, so that
    its peak is the case's), measured; then `GET /`."""
    if not want(case):
        return
    srv = probe_server.start(BIN, [])
    before = proc_cpu(srv.pid)
    s = Sampler(srv.pid)
    t0 = time.time()
    try:
        status, answer = f()
    except Exception as e:  # noqa: BLE001 - a probe reports, never stops
        status, answer = "error", repr(e)
    wall = time.time() - t0
    time.sleep(0.3)
    peak = s.stop()
    cpu = proc_cpu(srv.pid) - before
    root = probe_server.get_root()
    said = ok(status, answer)
    good = bool(said) and root == "200" and srv.poll() is None
    srv.kill()
    srv.wait()
    names = named(answer[:4096])
    outcome = "%s %s; GET / %s; %.1f s%s" % (status, " ".join(names[:2]), root, wall,
                                             "; " + said if isinstance(said, str) else "")
    row(case, outcome, cpu, peak, size, judge(good, cpu, peak, size, "status %s, GET / %s" % (status, root)))


def main_server():
    log = []
    srv = probe_server.start(BIN, [], log=log)
    mp = probe_server.multipart
    # 1. the claiming workbooks through the API and dropped on the page
    for name, data in (("1-strings-1e14.xlsx", xlsx_claiming("100000000000000")),
                       ("1-strings-2e64.xlsx", xlsx_claiming("18446744073709551615")), ("1-dimensions.xls", DIMS)):
        ct, body = mp([(b"table", name.encode(), data)])
        served("1s api " + name, srv, lambda: request("POST", "/api/inspect", ct, body),
               lambda s, a: s.startswith("4") and "table.claims-too-many" in a, len(data))
        served("1s page " + name, srv, page_drop([(b"file", name.encode(), data)]),
               lambda s, a: s == "400" and "JIXIAO_MAX_CELLS" in a, len(data))
    # 2. two Word merge drops at once; GET / asked while they run
    if want("2s"):
        srv.kill()
        srv = probe_server.start(BIN, [], log=log)
        tk = token()
        ct, body = mp([(b"csrf", None, tk), (b"file", b"m.docx", VMERGE)])
        res = []
        ths = [threading.Thread(target=lambda: res.append(request("POST", "/", ct, body))) for _ in range(2)]
        before = proc_cpu(srv.pid)
        s = Sampler(srv.pid)
        for t in ths:
            t.start()
        time.sleep(0.2)
        t0 = time.time()
        root = probe_server.get_root()
        took = time.time() - t0
        for t in ths:
            t.join()
        peak = s.stop()
        cpu = proc_cpu(srv.pid) - before
        row("2s two docx merge drops", "%s; GET / during: %s in %.2f s" % (",".join(r[0] for r in res), root, took), cpu, peak,
            2 * len(VMERGE), judge(root == "200" and took < 1 and all(r[0] in ("200", "400") for r in res), cpu, peak,
                                   2 * len(VMERGE)))
    # 3. the regex rule bomb uploaded
    rb = regex_rules(1000).encode()
    ct, body = mp([(b"table", b"t.tsv", TABLE.encode()), (b"rules", b"r.yaml", rb)])
    served("3s api review regex 100 KB", srv, lambda: request("POST", "/api/review", ct, body),
           lambda s, a: s == "400" and "编译后超过" in a, len(rb))
    # 4. a 1.7 MB sheet with format=xlsx; and dropped on the page (which renders the xlsx too)
    big = projects_sheet(20_000).encode()
    ct, body = mp([(b"table", b"s.csv", big)])
    served("4s api evaluate xlsx 20 000 projects", srv, lambda: request("POST", "/api/evaluate?format=xlsx", ct, body),
           lambda s, a: s.startswith("4") and "JIXIAO_MAX_XLSX_PROJECTS" in a, len(big))
    served("4s page drop 20 000 projects", srv, page_drop([(b"file", b"s.csv", big), (b"file", b"a.yaml", b"projects: []\n")]),
           # the page's own xlsx limit (JIXIAO_MAX_PAGE_XLSX_PROJECTS, lower than the command line's) names it
           lambda s, a: s == "200" and re.search(r"JIXIAO_MAX_(PAGE_)?XLSX_PROJECTS", a) and "answer %d MB" % (len(a) >> 20),
           len(big))
    # 5. the alias files uploaded
    ra, aa = rules_of_alias(1024, 1000).encode(), actuals_of(1024, 1000).encode()
    ct, body = mp([(b"table", b"t.tsv", TABLE.encode()), (b"rules", b"r.yaml", ra)])
    served("5s api review rules alias", srv, lambda: request("POST", "/api/review", ct, body),
           lambda s, a: s == "400" and "别名" in a, len(ra))
    ct, body = mp([(b"table", b"t.tsv", TABLE.encode()), (b"actuals", b"a.yaml", aa)])
    served("5s api evaluate actuals alias", srv, lambda: request("POST", "/api/evaluate", ct, body),
           lambda s, a: s == "400" and "别名" in a, len(aa))
    # 6. a 45 MB upload whose answer passes the 256 MB limit (review, inspect)
    if want("6s"):
        huge = projects_sheet(390_000).encode()
        for api in ("review", "inspect"):
            ct, body = mp([(b"table", b"s.csv", huge)])
            served("6s api %s %d MB" % (api, len(huge) >> 20), srv,
                   lambda: request("POST", "/api/%s?format=json" % api, ct, body),
                   lambda s, a: s in ("413", "200", "408"), len(huge))
        del huge
    # 11. a cell over 32 767 characters on the page, scored and not
    long_table = TABLE.replace("购置完成率", "购" * 40_000).encode()
    served("11s page long cell, scored", srv, page_drop([(b"file", b"t.tsv", long_table), (b"file", b"a.yaml", b"projects: []\n")]),
           lambda s, a: s == "200" and "评分结果.xlsx" in a and "无法生成" not in a, len(long_table))
    served("11s page long cell, fill-in", srv, page_drop([(b"file", b"t.tsv", long_table)]),
           lambda s, a: s == "200" and "fill-in-xlsx-error" in a and "32767" in a and "实际值文件" in a, len(long_table))
    # 12. no Host; another host in the request line
    served("12s no Host (HTTP/1.0)", srv, lambda: (lambda o: (probe_server.status_of(o), o.decode("utf-8", "replace")))(
        probe_server.raw(b"GET / HTTP/1.0\r\n\r\n", 10)), lambda s, a: s == "403" and "web.no-host" in a, 0)
    served("12s another host in the request line", srv, lambda: (lambda o: (probe_server.status_of(o), o.decode("utf-8", "replace")))(
        probe_server.raw(b"GET http://evil.example/ HTTP/1.1\r\n" + probe_server.HOST + b"Connection: close\r\n\r\n", 10)),
        lambda s, a: s == "403" and "web.bad-host" in a, 0)
    # 12. a YAML error on a 20 MB line, uploaded: the 400 stays small
    ly = ("projects:\n  - unit: 示例办事处\n    project: " + "x" * 20_000_000 + ": : [\n").encode()
    ct, body = mp([(b"table", b"t.tsv", TABLE.encode()), (b"actuals", b"a.yaml", ly)])
    served("12s api YAML error on a 20 MB line", srv, lambda: request("POST", "/api/evaluate", ct, body),
           lambda s, a: s == "400" and len(a) < 16384, len(ly))
    srv.kill()
    srv.wait()
    # 8. trickling uploads: 18 clients each 70 KB every 5 s; is another client served?
    if want("8s"):
        srv = probe_server.start(BIN, [], log=log)
        stop = [False]
        results = []

        def trickle():
            c = probe_server.conn(90)
            c.sendall(b"POST /api/parse HTTP/1.1\r\n" + probe_server.HOST +
                      b"Content-Type: text/plain\r\nContent-Length: 10000000\r\n\r\n")
            t0 = time.time()
            try:
                while not stop[0] and time.time() - t0 < 60:
                    c.sendall(b"95%\n" * (70 * 1024 // 4))
                    c.settimeout(5)
                    try:
                        got = c.recv(4096)
                        if got or got == b"":
                            results.append((time.time() - t0, got[:12]))
                            break
                    except socket.timeout:
                        pass
            except OSError:
                results.append((time.time() - t0, b"closed"))
            c.close()

        before = proc_cpu(srv.pid)
        ths = [threading.Thread(target=trickle) for _ in range(18)]
        for t in ths:
            t.start()
        time.sleep(1)
        t0 = time.time()
        st = "none"
        while time.time() - t0 < 30:
            st = request("POST", "/api/parse", b"text/plain", b"95%\n", timeout=30)[0]
            if st == "200":
                break
            time.sleep(0.5)
        took = time.time() - t0
        stop[0] = True
        for t in ths:
            t.join()
        cut = max((r[0] for r in results), default=0)
        row("8s 18 trickling uploads", "a parse: %s after %.1f s; tricklers cut within %.1f s (%s)" %
            (st, took, cut, results[0][1] if results else b"-"), proc_cpu(srv.pid) - before, 0, 18 * 70 * 1024,
            "ok" if st == "200" and took < 15 else "others not served")
        srv.kill()
        srv.wait()


if __name__ == "__main__":
    print("%-34s %-70s %6s %7s %7s %10s  %s" % ("case", "outcome", "cpu s", "peak MB", "x input", "bytes", "verdict"))
    main_cli()
    main_server()
