#!/usr/bin/env python3
"""The twenty-fifth session's hostile probe on the command line (issue 27, H180), kinds no test
held: Word content controls (`<w:sdt>`) nested 100,000 deep around and inside a table, an xlsx
of 1,000,000 `<xf>`, web pages of 100,000 `<colgroup>` or a `<col span>` of 100,000, a csv of
10,000,000 `""` cells, a condition of 100,000 `or` terms, and an actuals file of one project
with 300,000 indicators. Each is run under the probe kit's limits (4 GB of address space,
`/usr/bin/time`): no panic, the time and memory printed.

    python3 tests/hostile/probe25.py DIR BIN [SECTIONS]"""
import io, os, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import FORM, OUT, page, put, run, section, table  # noqa: E402

TSV = ("项目名称\t一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\n"
       "甲\t产出指标\t数量指标\t培训人数\t≥100人\t120人\t50\n"
       "甲\t产出指标\t质量指标\t结业率\t≥90%\t95%\t50\n")
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def size(name):
    print("   (%s: %d KB)" % (name, os.path.getsize(os.path.join(OUT, name)) >> 10))


def verbs(name, *more):
    for verb in (["inspect", name], ["evaluate", name, "--format", "json"] + list(more)):
        code, out, err = run(verb, " ".join(verb)[:44])
        if "panicked" in err or code not in (0, 1, 2):
            print("   " + err[:400])
        elif code == 2:
            print("   " + (err.strip().splitlines() or [""])[0][:170])


def rows_xml(text=TSV):
    out = []
    for r, line in enumerate(text.strip().split("\n")):
        cells = "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + c), r + 1, v)
                        for c, v in enumerate(line.split("\t")))
        out.append('<row r="%d">%s</row>' % (r + 1, cells))
    return "".join(out)


def workbook(name, data, styles):
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/></Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wrels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
             '<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook %s><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % NS)
        z.writestr("xl/_rels/workbook.xml.rels", wrels)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, data))
    return put(name, b.getvalue())


if section("docx"):
    def docx(name, body):
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                       '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
            z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % body)
        return put(name, b.getvalue())

    def tc(t):
        return "<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>" % t
    rows = "".join("<w:tr>%s</w:tr>" % "".join(tc(v) for v in line.split("\t")) for line in TSV.strip().split("\n"))
    sdt_open, sdt_close = "<w:sdt><w:sdtPr/><w:sdtContent>", "</w:sdtContent></w:sdt>"
    docx("sdt-around.docx", sdt_open * 100000 + "<w:tbl>%s</w:tbl>" % rows + sdt_close * 100000)
    size("sdt-around.docx")
    verbs("sdt-around.docx")
    cell = "<w:tc>%s<w:p><w:r><w:t>x</w:t></w:r></w:p>%s</w:tc>" % (sdt_open * 100000, sdt_close * 100000)
    docx("sdt-in-cell.docx", "<w:tbl>%s<w:tr>%s</w:tr></w:tbl>" % (rows, cell))
    verbs("sdt-in-cell.docx")
    many = "".join("<w:tr>%s</w:tr>" % ((sdt_open + tc("x") + sdt_close) * 7) for _ in range(100000))
    docx("sdt-cells-700k.docx", "<w:tbl>%s%s</w:tbl>" % (rows, many))
    size("sdt-cells-700k.docx")
    verbs("sdt-cells-700k.docx")
    docx("sdt-unclosed.docx", "<w:tbl>%s</w:tbl>" % rows + sdt_open * 100000)
    verbs("sdt-unclosed.docx")

if section("xlsx"):
    styles = ('<?xml version="1.0"?><styleSheet %s><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
              '<borders count="1"><border/></borders><cellXfs count="1000000">%s</cellXfs></styleSheet>' % (NS, '<xf numFmtId="0"/>' * 1000000))
    workbook("xf-1m.xlsx", rows_xml(), styles)
    size("xf-1m.xlsx")
    verbs("xf-1m.xlsx")
    fmts = '<numFmts count="100000">%s</numFmts>' % "".join('<numFmt numFmtId="%d" formatCode="0.%s"/>' % (200 + k, "0" * 200) for k in range(100000))
    styles = ('<?xml version="1.0"?><styleSheet %s>%s<cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>' % (NS, fmts))
    workbook("numfmt-100k.xlsx", rows_xml(), styles)
    size("numfmt-100k.xlsx")
    verbs("numfmt-100k.xlsx")

if section("html"):
    form = table(FORM)
    page("colgroup-100k.html", "<table border=1>" + "<colgroup><col></colgroup>" * 100000 + table(FORM)[len("<table border=1>"):])
    size("colgroup-100k.html")
    verbs("colgroup-100k.html")
    page("col-span.html", form + "<table>" + '<col span="100000">' * 1000 + "<tr><td>x</td></tr></table>")
    verbs("col-span.html")
    page("colspan-100000.html", form + "<table>" + "<tr>%s</tr>" % ('<td colspan="100000">x</td>' * 2000) + "</table>")
    verbs("colspan-100000.html")
    page("rowspan-65535.html", form + "<table>" + "".join("<tr>%s</tr>" % ('<td rowspan="65535">x</td>' * 20) for _ in range(2000)) + "</table>")
    size("rowspan-65535.html")
    verbs("rowspan-65535.html")

if section("text"):
    with open(os.path.join(OUT, "quotes-10m.csv"), "w", encoding="utf-8") as f:
        f.write(TSV.replace("\t", ","))
        line = ",".join(['""'] * 10) + "\n"
        for _ in range(1000):
            f.write(line * 1000)
    size("quotes-10m.csv")
    verbs("quotes-10m.csv")
    os.remove(os.path.join(OUT, "quotes-10m.csv"))

if section("rules"):
    put("t.tsv", TSV)
    put("or-100k.yaml", "rules:\n  - id: o\n    when: \"%s\"\n    direction: higher\n" % " or ".join('indicator == \\"x%d\\"' % k for k in range(100000)))
    size("or-100k.yaml")
    for verb in (["review", "t.tsv", "--rules", "or-100k.yaml"], ["evaluate", "t.tsv", "--rules", "or-100k.yaml", "--format", "json"]):
        code, out, err = run(verb, " ".join(verb)[:44])
        if "panicked" in err or code not in (0, 1, 2):
            print("   " + err[:400])
        elif code == 2:
            print("   " + (err.strip().splitlines() or [""])[0][:170])
