"""Issue 27, rows and names held (H141, twentieth session): the inputs that still held every row
or a name per line, each written by hand here, and every verb run on each under `/usr/bin/time`
(peak MB, CPU s):
- `book` a workbook (.xlsx) of N short indicator rows (4 cells each), `bookx` of N one-cell
  rows under a header (skipped rows);
- `page` an html page of one table of N indicator rows;
- `late` a text sheet whose header is past its first 64 KB, N indicator rows below it;
- `name` N rows each repeating one ~1 KB unit and project name; `fill` the same name written once
  and filled down;
- `tmpl` `template` of N indicator rows.

    N=200000 python3 tests/hostile/probe20_held.py DIR BIN [cases...]"""
import os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
N = int(os.environ.get("N", "200000"))
from probe_kit import BIN, OUT, path, put, section, xlsx, col  # noqa: E402

HEAD = ("项目名称", "三级指标", "年度指标值", "实际完成值")


def rows(n):
    return [("项目%d" % (i // 10), "培训%d" % i, "≥100人", "120人") for i in range(n)]


def book(name, rs, head=HEAD):
    """A one-sheet xlsx written by streaming its XML (inline strings)."""
    import html, zipfile
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as z:
        xlsx(".tmp.xlsx", [list(head)])
        with zipfile.ZipFile(path(".tmp.xlsx")) as t:
            for i in t.infolist():
                if i.filename != "xl/worksheets/sheet1.xml":
                    z.writestr(i.filename, t.read(i.filename))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
            w.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for r, row in enumerate([head] + list(rs)):
                w.write(('<row r="%d">' % (r + 1) + "".join(
                    '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(c), r + 1, html.escape(v))
                    for c, v in enumerate(row) if v) + "</row>").encode())
            w.write(b"</sheetData></worksheet>")
    return name


def tsv_of(rs, head=HEAD, pre=""):
    return pre + "\t".join(head) + "\n" + "".join("\t".join(r) + "\n" for r in rs)


def run(args, label):
    t = path(".time")
    p = subprocess.run(["/usr/bin/time", "-o", t, "-f", "%U %S %M", "prlimit", "--as=%d" % (8 << 30),
                        "timeout", "600", BIN] + args, cwd=OUT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    u, s, kb = open(t).read().split()[-3:]
    size = os.path.getsize(path(args[1]))
    print("%-34s exit %3d  %6.2f s  %5d MB  (input %.1f MB, %.0f×)" % (
        label, p.returncode, float(u) + float(s), int(kb) // 1024, size / 1e6, int(kb) * 1024 / size), flush=True)
    if p.returncode not in (0, 1):
        print("    " + p.stderr.decode("utf-8", "replace").strip()[:300])


VERBS = [("json", ["evaluate", "--format", "json"]), ("jsonl", ["evaluate", "--format", "jsonl"]),
         ("csv", ["evaluate", "--format", "csv"]), ("xlsx", ["evaluate", "--format", "xlsx", "-o", "/dev/null"]),
         ("inspect", ["inspect"]), ("review", ["review"]), ("template", ["template"])]


def verbs(name, only=None):
    for label, v in VERBS:
        if only and label not in only:
            continue
        run([v[0], name] + v[1:], "%s %s" % (name, label))


NAME = "某某" * 166  # 996 bytes (with 单位 or 项目, 1,002: within the 1 KB name limit)
if section("book"):
    verbs(book("book.xlsx", rows(N)))
if section("bookx"):
    verbs(book("bookx.xlsx", [("x",)] * N))
if section("page"):
    body = "<table>" + "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % c for c in r) for r in [HEAD] + rows(N)) + "</table>"
    verbs(put("page.html", "<html><head><meta charset=utf-8></head><body>%s</body></html>" % body))
if section("late"):
    verbs(put("late.tsv", tsv_of(rows(N), pre="说明\n" * 20_000)))
if section("name"):
    verbs(put("name.tsv", tsv_of([(NAME + "单位", NAME + "项目", "培训%d" % i, "≥100人", "120人") for i in range(N)],
                                 ("单位名称",) + HEAD)))
if section("fill"):
    verbs(put("fill.tsv", tsv_of([(NAME + "单位" if i == 0 else "", NAME + "项目" if i == 0 else "", "培训%d" % i,
                                   "≥100人", "120人") for i in range(N)], ("单位名称",) + HEAD)))
if section("tmpl"):
    run(["template", put("tmpl.tsv", tsv_of(rows(N)))], "tmpl.tsv template")
