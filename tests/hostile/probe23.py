#!/usr/bin/env python3
"""The twenty-third session's hostile probe on the command line (issue 27, H162): claimed counts
of each workbook format not held before (xlsx `<cols>`, `<dimension>`, merges over the whole
sheet, style and number-format counts; ods `number-columns-spanned`; docx `gridSpan`, nested
tables), zip archives that lie (entries of one name twice, a bomb by ratio, by entry count),
pages (a colspan of 65,535 on many cells, nesting a million deep, an mhtml of 100,000 parts),
rule files (a counted repetition past the regex size, 20,000 conditions, an expression nested
50,000 deep, merge keys of anchors, a 1 MB key) and actuals (1e400, 5,000 decimals, `约` past the
range, one project 20,000 times). Each is run under the probe kit's limits (4 GB of address
space, `/usr/bin/time`): no panic, the time and memory printed.

    python3 tests/hostile/probe23.py DIR BIN [SECTIONS]"""
import io, os, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import FORM, page, put, run, section, sheet_book, table  # noqa: E402

TSV = ("项目名称\t一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\n"
       "甲\t产出指标\t数量指标\t培训人数\t≥100人\t120人\t50\n"
       "甲\t产出指标\t质量指标\t结业率\t≥90%\t95%\t50\n")
STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
          '<cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>')
ROWS = "".join('<row r="%d">%s</row>' % (r + 1, "".join(
    '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + c), r + 1, v) for c, v in enumerate(line.split("\t"))))
    for r, line in enumerate(TSV.strip().split("\n")))


def book(name, data=ROWS, styles=STYLES, merges=(), before="", after=""):
    """A one-sheet workbook: `before` goes in front of `<sheetData>` (cols, dimension), `after`
    behind it."""
    sheet_book(name, styles, data, merges)
    z = zipfile.ZipFile(os.path.join(sys.argv[1], name))
    parts = {n: z.read(n) for n in z.namelist()}
    s = parts["xl/worksheets/sheet1.xml"].decode()
    s = s.replace("<sheetData>", before + "<sheetData>", 1).replace("</sheetData>", "</sheetData>" + after, 1)
    parts["xl/worksheets/sheet1.xml"] = s.encode()
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as out:
        for n, d in parts.items():
            out.writestr(n, d)
    return put(name, b.getvalue())


def rezip(name, src, extra):
    """`src`'s parts and `extra` (name, bytes) pairs appended (names may repeat)."""
    z = zipfile.ZipFile(os.path.join(sys.argv[1], src))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as out:
        for n in z.namelist():
            out.writestr(n, z.read(n))
        for n, d in extra:
            out.writestr(n, d)
    return put(name, b.getvalue())


def verbs(name, extra=()):
    for verb in (["inspect", name], ["evaluate", name, "--format", "json"] + list(extra)):
        code, out, err = run(verb, " ".join(verb)[:44])
        if "panicked" in err or code not in (0, 1, 2):
            print("   " + err[:400])
        elif code == 2:
            print("   " + (err.strip().splitlines() or [""])[0][:160])


if section("xlsx"):
    book("cols.xlsx", before='<cols>%s</cols>' % ('<col min="1" max="16384" width="9" customWidth="1"/>' * 20000))
    verbs("cols.xlsx")
    book("dimension.xlsx", before='<dimension ref="A1:XFD1048576"/>')
    verbs("dimension.xlsx")
    book("merges-whole.xlsx", merges=["A%d:XFD1048576" % (r + 4) for r in range(3000)])
    verbs("merges-whole.xlsx")
    book("merges-claim.xlsx", after='<mergeCells count="4294967295"><mergeCell ref="H1:I1"/></mergeCells>')
    verbs("merges-claim.xlsx")
    big_styles = STYLES.replace('<cellXfs count="1">', '<numFmts count="4294967295">%s</numFmts><cellXfs count="4294967295">' % (
        '<numFmt numFmtId="164" formatCode="0.00"/>' * 1)) .replace('<xf numFmtId="0"/>', '<xf numFmtId="164"/>' * 200000)
    book("styles.xlsx", styles=big_styles)
    verbs("styles.xlsx")
    book("shared-formula.xlsx", data=ROWS.replace('</row>', '<c r="Z1"><f t="shared" ref="Z1:XFD1048576" si="0">A1</f></c></row>', 1))
    verbs("shared-formula.xlsx")
    book("rows-backwards.xlsx", data="".join(
        '<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (r, r) for r in range(200000, 0, -1)))
    verbs("rows-backwards.xlsx")
    book("row-spans.xlsx", data=ROWS + "".join('<row r="%d" spans="1:16384" ht="15"/>' % r for r in range(5, 300000)))
    verbs("row-spans.xlsx")

if section("zip"):
    book("base.xlsx")
    rezip("dup-entry.xlsx", "base.xlsx", [("xl/worksheets/sheet1.xml", b"<worksheet><sheetData>" + b"<row/>" * 10 + b"</sheetData></worksheet>")])
    verbs("dup-entry.xlsx")
    bomb = ('<row r="9"><c r="A9" t="inlineStr"><is><t>' + "0" * (300 << 20) + "</t></is></c></row>")
    b = io.BytesIO()
    z = zipfile.ZipFile(os.path.join(sys.argv[1], "base.xlsx"))
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as out:
        for n in z.namelist():
            d = z.read(n)
            if n == "xl/worksheets/sheet1.xml":
                d = d.replace(b"</sheetData>", bomb.encode() + b"</sheetData>")
            out.writestr(n, d)
    put("bomb-ratio.xlsx", b.getvalue())
    verbs("bomb-ratio.xlsx")
    rezip("many-entries.xlsx", "base.xlsx", [("xl/media/x%d.png" % k, b"") for k in range(100000)])
    verbs("many-entries.xlsx")
    # a folder of archives: the pile's zip reader
    rezip("many-entries.zip", "base.xlsx", [("t%d.tsv" % k, TSV.encode()) for k in range(20000)])
    code, out, err = run(["evaluate", "many-entries.zip", "--format", "json"], "evaluate many-entries.zip (pile)")
    print("   " + (err.strip().splitlines() or [""])[0][:160])

if section("ods"):
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               '<office:body><office:spreadsheet><table:table table:name="s">%s</table:table></office:spreadsheet></office:body></office:document-content>')
    cell = '<table:table-cell table:number-columns-spanned="16384" table:number-rows-spanned="1048576"><text:p>x</text:p></table:table-cell>'
    body = "".join("<table:table-row>%s</table:table-row>" % (cell * 10) for _ in range(1000))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content % body)
    put("spans.ods", b.getvalue())
    verbs("spans.ods")

if section("docx"):
    def docx(name, body):
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                       '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
            z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % body)
        return put(name, b.getvalue())

    def tc(t, props=""):
        return "<w:tc><w:tcPr>%s</w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>" % (props, t)
    rows = "".join("<w:tr>%s</w:tr>" % "".join(tc(v) for v in line.split("\t")) for line in TSV.strip().split("\n"))
    span = "".join("<w:tr>%s</w:tr>" % (tc("x", '<w:gridSpan w:val="4294967295"/>') * 20) for _ in range(2000))
    docx("gridspan.docx", "<w:tbl>%s%s</w:tbl>" % (rows, span))
    verbs("gridspan.docx")
    nested = "<w:tbl><w:tr><w:tc>" * 20000 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 20000
    docx("nested.docx", "<w:tbl>%s</w:tbl>%s" % (rows, nested))
    verbs("nested.docx")
    vm = "".join("<w:tr>%s</w:tr>" % (tc("", '<w:vMerge/><w:gridSpan w:val="60"/>') * 30) for _ in range(3000))
    docx("vmerge-span.docx", "<w:tbl>%s%s</w:tbl>" % (rows, vm))
    verbs("vmerge-span.docx")

if section("html"):
    form = table(FORM)
    page("colspan.html", form + "<table>" + "<tr>%s</tr>" % ('<td colspan="65535" rowspan="65535">x</td>' * 5000) + "</table>")
    verbs("colspan.html")
    page("deep-div.html", form + "<div>" * 1000000 + "</div>" * 1000000)
    verbs("deep-div.html")
    page("deep-table.html", form + "<table><tr><td>" * 50000 + "x" + "</td></tr></table>" * 50000)
    verbs("deep-table.html")
    page("many-tables.html", form + "<table><tr><td>x</td></tr></table>" * 200000)
    verbs("many-tables.html")
    parts = ["MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n"]
    parts.append("--B\r\nContent-Type: text/html; charset=utf-8\r\nContent-Location: file:///a.htm\r\n\r\n<html><body>%s</body></html>\r\n" % form)
    for k in range(100000):
        parts.append("--B\r\nContent-Type: text/html\r\nContent-Location: file:///p%d.htm\r\n\r\n<p>%d</p>\r\n" % (k, k))
    parts.append("--B--\r\n")
    put("parts.mhtml", "".join(parts))
    verbs("parts.mhtml")
    put("frames.html", "<html><body>%s%s</body></html>" % (form, '<iframe srcdoc="%s"></iframe>' % table(FORM).replace('"', "&quot;") * 5000))
    verbs("frames.html")

if section("rules"):
    put("t.tsv", TSV)

    def rules(name, text):
        put(name, text)
        for verb in (["review", "t.tsv", "--rules", name], ["evaluate", "t.tsv", "--rules", name, "--format", "json"]):
            code, out, err = run(verb, " ".join(verb)[:44])
            if "panicked" in err or code not in (0, 1, 2):
                print("   " + err[:400])
            elif code == 2:
                print("   " + (err.strip().splitlines() or [""])[0][:160])
    rules("regex-count.yaml", "rules:\n" + "".join(
        '  - id: r%d\n    when: indicator ~ "(?:a{1000}){1000}%d"\n    direction: higher\n' % (k, k) for k in range(5)))
    rules("regex-unicode.yaml", "rules:\n" + "".join(
        '  - id: r%d\n    when: indicator ~ "[\\\\p{L}\\\\p{N}]{5000}%d"\n    direction: higher\n' % (k, k) for k in range(200)))
    rules("many-conds.yaml", "rules:\n  - id: r\n    when: " + " or ".join('indicator == "x%d"' % k for k in range(20000)) + "\n    direction: higher\n")
    rules("deep-expr.yaml", "rules:\n  - id: r\n    when: " + "(" * 50000 + 'indicator == "x"' + ")" * 50000 + "\n    direction: higher\n")
    rules("deep-not.yaml", "rules:\n  - id: r\n    when: " + "not " * 50000 + 'indicator == "x"' + "\n    direction: higher\n")
    rules("merge-keys.yaml", "base: &a {direction: higher, description: '%s'}\nrules:\n" % ("d" * 100000) + "".join(
        "  - <<: *a\n    id: r%d\n    when: indicator == \"x\"\n" % k for k in range(2000)))
    rules("long-key.yaml", "rules:\n  - id: r\n    %s: 1\n    when: indicator == \"x\"\n    direction: higher\n" % ("k" * (1 << 20)))
    rules("long-id.yaml", "rules:\n" + "".join("  - id: %s%d\n    when: indicator == \"x\"\n    direction: higher\n" % ("i" * 100000, k) for k in range(100)))
    rules("flow-deep.yaml", "rules: " + "[" * 100000 + "]" * 100000 + "\n")

if section("actuals"):
    put("t.tsv", TSV.replace("\t120人", "\t").replace("\t95%", "\t"))

    def actuals(name, text):
        put(name, text)
        for verb in (["evaluate", "t.tsv", name, "--format", "json"], ["evaluate", "t.tsv", name, "--format", "xlsx", "-o", name + ".xlsx"]):
            code, out, err = run(verb, " ".join(verb)[:44])
            if "panicked" in err or code not in (0, 1, 2):
                print("   " + err[:400])
            elif code == 2:
                print("   " + (err.strip().splitlines() or [""])[0][:160])

    def one(actual, extra=""):
        return ('projects:\n  - project: "甲"%s\n    indicators:\n      - indicator: "培训人数"\n        actual: "%s"\n'
                '      - indicator: "结业率"\n        actual: "95%%"\n' % (extra, actual))
    actuals("e400.yaml", one("1e400人"))
    actuals("decimals.yaml", one("1." + "1" * 5000 + "人"))
    actuals("yue-max.yaml", one("约" + "9" * 40 + "人"))
    actuals("budget-max.yaml", one("120人", '\n    budget: "%s"\n    spent: "1e-28"' % ("9" * 29)))
    actuals("budget-tiny.yaml", one("120人", '\n    budget: "0.0000000000000000000000000001"\n    spent: "79228162514264337593543950335"'))
    actuals("repeated.yaml", "projects:\n" + "".join(one("120人").split("\n", 1)[1] for _ in range(20000)))
    actuals("wide-digits.yaml", one("１２０" * 3000 + "人"))
