#!/usr/bin/env python3
"""The twenty-sixth session's hostile probe on the command line (issue 27, H187), kinds no test
held: an .ods of 1,000,000 `table:table-row` (each repeated), a .docx of 1,000,000
`<w:gridCol>`, an .xlsx of 10,000 sheets and one whose sheet name is 1 MB, an .mht whose
boundary never closes, html of 1,000,000 nested `<font>`, a GBK csv of 10,000,000 lone lead
bytes, and an actuals file of 700,000 projects of one indicator each (a million is past
its 64 MB limit). Each is run under the
probe kit's limits (4 GB of address space, `/usr/bin/time`): no panic, the time and memory
printed.

    python3 tests/hostile/probe26.py DIR BIN [SECTIONS]"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import OUT, put, run, section  # noqa: E402
from probe26_common import LINES, TSV, size, verbs, zipped  # noqa: E402,F401


if section("ods"):
    def ods(name, rows_xml):
        content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                   'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
                   '<table:table table:name="S">%s</table:table></office:spreadsheet></office:body></office:document-content>' % rows_xml)
        manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        return zipped(name, [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                             ("META-INF/manifest.xml", manifest), ("content.xml", content)])

    def cell(v):
        return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % v
    head = "".join("<table:table-row>%s</table:table-row>" % "".join(cell(v) for v in r) for r in LINES)
    for n in (1000000, 300000):
        name = "rows-repeated-%dk.ods" % (n // 1000)
        ods(name, head + '<table:table-row table:number-rows-repeated="1000"><table:table-cell/></table:table-row>' * n)
        size(name)
        verbs(name)
    ods("rows-repeated-cells.ods", head + ('<table:table-row table:number-rows-repeated="1048576">%s</table:table-row>' % cell("x")) * 1000)
    size("rows-repeated-cells.ods")
    verbs("rows-repeated-cells.ods")

if section("docx"):
    def tc(t):
        return "<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>" % t
    rows = "".join("<w:tr>%s</w:tr>" % "".join(tc(v) for v in r) for r in LINES)
    body = "<w:tbl><w:tblGrid>%s</w:tblGrid>%s</w:tbl>" % ('<w:gridCol w:w="100"/>' * 1000000, rows)
    zipped("gridcols.docx", [
        ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % body)])
    size("gridcols.docx")
    verbs("gridcols.docx")

if section("xlsx"):
    NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')

    def book(name, sheet_names):
        ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
              '<Default Extension="xml" ContentType="application/xml"/>'
              '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        data = "".join('<row r="%d">%s</row>' % (i + 1, "".join(
            '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + c), i + 1, v) for c, v in enumerate(r)))
            for i, r in enumerate(LINES))
        sheet = '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, data)
        sheets = "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1) for i, n in enumerate(sheet_names))
        wrels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' %
                 "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1)
                         for i in range(len(sheet_names))))
        parts = [("[Content_Types].xml", ct), ("_rels/.rels", rels),
                 ("xl/workbook.xml", '<?xml version="1.0"?><workbook %s><sheets>%s</sheets></workbook>' % (NS, sheets)),
                 ("xl/_rels/workbook.xml.rels", wrels)]
        parts += [("xl/worksheets/sheet%d.xml" % (i + 1), sheet) for i in range(len(sheet_names))]
        return zipped(name, parts)
    book("sheets-10k.xlsx", ["表%d" % i for i in range(10000)])
    size("sheets-10k.xlsx")
    verbs("sheets-10k.xlsx")
    book("sheet-name-1mb.xlsx", ["名" * 350000])
    size("sheet-name-1mb.xlsx")
    verbs("sheet-name-1mb.xlsx")

if section("mht"):
    page = "<html><body><table>%s</table></body></html>" % "".join(
        "<tr>%s</tr>" % "".join("<td>%s</td>" % v for v in r) for r in LINES)
    head = ('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_B"\r\n\r\n'
            '------=_B\r\nContent-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n')
    put("open.mht", (head + page + "\r\n" + "x" * 78 + "\r\n") .encode() + (b"y" * 78 + b"\r\n") * 200000)
    size("open.mht")
    verbs("open.mht")

if section("html"):
    rows = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % v for v in r) for r in LINES)
    put("fonts.html", "<html><body>%s<table>%s</table>%s</body></html>" % ("<font>" * 1000000, rows, "</font>" * 1000000))
    size("fonts.html")
    verbs("fonts.html")
    put("fonts-in-cell.html", "<html><body><table>%s<tr><td>%sx</td></tr></table></body></html>" % (rows, "<font>" * 1000000))
    size("fonts-in-cell.html")
    verbs("fonts-in-cell.html")

if section("gbk"):
    data = TSV.encode("gbk") + (b"\x81\t" * 5000000)
    put("lead-bytes.csv", data)
    size("lead-bytes.csv")
    verbs("lead-bytes.csv")
    put("lead-bytes-line.csv", TSV.encode("gbk") + b"\x81" * 10000000 + b"\n")
    verbs("lead-bytes-line.csv")

if section("actuals"):
    put("t.tsv", TSV)
    with open(os.path.join(OUT, "million.yaml"), "w", encoding="utf-8") as f:
        f.write("projects:\n")
        for k in range(700000):
            f.write("  - project: 项目%d\n    indicators:\n      - indicator: 培训人数\n        actual: 1\n" % k)
    size("million.yaml")  # 700,000 projects: a million is past the 64 MB limit
    run(["evaluate", "t.tsv", "million.yaml", "--format", "json"], "evaluate t.tsv million.yaml")

if section("zip"):
    # a workbook whose zip holds 100,000 parts besides its own (the central directory read whole?)
    NSX = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    sheet = '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NSX, "".join(
        '<row r="%d">%s</row>' % (i + 1, "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + c), i + 1, v)
                                               for c, v in enumerate(r))) for i, r in enumerate(LINES)))
    base = [("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'),
            ("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
            ("xl/workbook.xml", '<?xml version="1.0"?><workbook %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % NSX),
            ("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
            ("xl/worksheets/sheet1.xml", sheet)]
    zipped("parts-100k.xlsx", base + [("x/%d" % k, "") for k in range(100000)])
    size("parts-100k.xlsx")
    verbs("parts-100k.xlsx")
    ss = '<?xml version="1.0"?><sst %s count="1000000" uniqueCount="1000000">%s</sst>' % (NSX, "<si/>" * 1000000)
    zipped("empty-strings.xlsx", base + [("xl/sharedStrings.xml", ss)])
    size("empty-strings.xlsx")
    verbs("empty-strings.xlsx")

if section("folder"):
    d = os.path.join(OUT, "many")
    os.makedirs(d, exist_ok=True)
    for k in range(20000):
        with open(os.path.join(d, "t%05d.tsv" % k), "w", encoding="utf-8") as f:
            f.write(TSV.replace("甲", "项目%d" % k))
    print("   (many/: 20,000 tables of 3 lines)")
    run(["evaluate", "many", "--format", "json"], "evaluate many/ (20,000 files)")
