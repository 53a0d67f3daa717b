"""What the hostile probe scripts share (`probe9.py` to `probe18_workbooks.py`): the output folder
and the binary from the command line (`SCRIPT DIR BIN [SECTIONS]`), writing a case, running the
binary on it under `prlimit --as` 4 GB and `/usr/bin/time`, the sections asked for, and the small
writers of text tables, pages and column letters; `FORM` and `table` (one self-evaluation form as
rows of `(text, attrs)` cells, and such rows as an html table: `probe17_pages.py`,
`probe18_pages.py`); `rows_of` prints what evaluate's json gives each indicator, `xlsx` writes a
one-sheet workbook by hand (`probe16.py` to `probe18.py`), `sheet_book` packs one of given styles
and rows (`xlsx`, `probe15.py`, `probe18_workbooks.py`)."""
import html, io, json, os, subprocess, sys, zipfile

OUT, BIN = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ONLY = sys.argv[3:]
os.makedirs(OUT, exist_ok=True)


def path(name):
    return os.path.join(OUT, name)


def put(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path(name), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
        f.write(data)
    return name


def run(args, label=""):
    t = path(".time")
    p = subprocess.run(["/usr/bin/time", "-o", t, "-f", "%U %S %M", "prlimit", "--as=%d" % (4 << 30),
                        "timeout", "300", BIN] + args, cwd=OUT, capture_output=True)
    u, s, kb = open(t).read().split()[-3:]
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    panic = "PANIC" if "panicked" in err else ""
    print("%-44s exit %3d  %6.2f s  %5d MB  %s" % (label or " ".join(args)[:44], p.returncode,
                                                  float(u) + float(s), int(kb) // 1024, panic))
    return p.returncode, out, err


def section(name):
    return not ONLY or name in ONLY


def tsv(name, rows, enc="utf-8", sep="\t"):
    return put(name, "".join(sep.join(str(c) for c in r) + "\r\n" for r in rows).encode(enc))


def page(name, body):
    return put(name, "<html><head><meta charset=utf-8></head><body>%s</body></html>" % body)


# one self-evaluation form, as rows of cells: (text, attrs)
FORM = [
    [("项目支出绩效自评表", "colspan=8")],
    [("项目名称", ""), ("农村劳动力培训", "colspan=7")],
    [("主管部门", ""), ("某县人社局", "colspan=3"), ("实施单位", ""), ("某县就业中心", "colspan=3")],
    [("一级指标", ""), ("二级指标", ""), ("三级指标", ""), ("年度指标值", ""), ("实际完成值", ""),
     ("分值", ""), ("得分", ""), ("偏差原因分析及改进措施", "")],
    [("产出指标", "rowspan=2"), ("数量指标", ""), ("培训人数", ""), ("≥100人", ""), ("80人", ""),
     ("50", ""), ("40", ""), ("生源不足", "")],
    [("质量指标", ""), ("结业率", ""), ("≥90%", ""), ("95%", ""), ("50", ""), ("50", ""), ("", "")],
    [("总分", "colspan=5"), ("100", ""), ("90", ""), ("", "")],
]


def rows_html(rows):
    """Rows of `(text, attrs)` cells as `<tr>`s, one a line."""
    return "\n".join("<tr>" + "".join("<td %s>%s</td>" % (a, t) for t, a in r) + "</tr>" for r in rows)


def table(rows, attrs="border=1"):
    return "<table %s>\n%s\n</table>" % (attrs, rows_html(rows))


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def rows_of(name, extra=()):
    """Each indicator as evaluate's json gives it: project, indicator, target, actual, verdict,
    weight, score; then the project totals, the budget line and the findings' first lines."""
    code, out, err = run(["evaluate", name, "--format", "json"] + list(extra), name)
    if code != 0:
        for l in err.splitlines()[:6]:
            print("   " + l.strip()[:200])
        return out, err
    v = json.loads(out)
    for p in v.get("projects", []):
        print("   ## %s: %s / %s  %s" % (p.get("project"), p.get("score"), p.get("weight"), p.get("grade")))
        if p.get("budget"):
            print("   budget %s" % json.dumps(p.get("budget"), ensure_ascii=False)[:200])
        for i in p.get("indicators", []):
            print("   %s | %s | %s | %s | %s | %s | %s" % (i.get("subcategory"), i.get("indicator"), i.get("target"),
                                                       i.get("actual"), i.get("verdict"), i.get("weight"), i.get("score")))
            for f in i.get("findings", []) or []:
                print("      - %s %s" % (f.get("code"), (f.get("message") or "")[:150]))
        for f in p.get("findings", []) or []:
            print("     * %s %s" % (f.get("code"), (f.get("message") or "")[:150]))
    for f in v.get("findings", []) or []:
        print("   ! %s %s" % (f.get("code"), (f.get("message") or "")[:150]))
    return out, err


def xlsx(name, rows, merges=(), at=(0, 0)):
    """rows of cells (str: an inline string; int/float: a number; (number, "fmt"): a number shown
    in that number format); `at` = (first row, first column) of the table in the sheet."""
    fmts = sorted({c[1] for r in rows for c in r if isinstance(c, tuple)})
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' + "".join(
        '<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' % (164 + k)
        for k in range(len(fmts)))
    numfmts = ('<numFmts count="%d">%s</numFmts>' % (len(fmts), "".join(
        '<numFmt numFmtId="%d" formatCode="%s"/>' % (164 + k, html.escape(f)) for k, f in enumerate(fmts)))
        if fmts else "")
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '%s<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="%d">%s</cellXfs></styleSheet>' % (numfmts, 1 + len(fmts), xfs))
    data = ""
    r0, c0 = at
    for r, row in enumerate(rows):
        cells = ""
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            ref = "%s%d" % (col(c + c0), r + r0 + 1)
            if isinstance(v, tuple):
                cells += '<c r="%s" s="%d"><v>%s</v></c>' % (ref, 1 + fmts.index(v[1]), v[0])
            elif isinstance(v, (int, float)):
                cells += '<c r="%s"><v>%s</v></c>' % (ref, v)
            else:
                cells += '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, html.escape(v, quote=False))
        data += '<row r="%d">%s</row>' % (r + r0 + 1, cells)
    return sheet_book(name, styles, data, merges)


def sheet_book(name, styles, data, merges=()):
    """A one-sheet workbook (the sheet `自评表`) of `styles` (xl/styles.xml), `data` (the sheet's
    `<row>`s) and `merges` (cell ranges, as `A1:B2`), written as `name`."""
    mc = ('<mergeCells count="%d">%s</mergeCells>' % (len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges))
          if merges else "")
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>%s</sheetData>%s</worksheet>' % (data, mc))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="自评表" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return put(name, b.getvalue())
