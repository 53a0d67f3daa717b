#!/usr/bin/env python3
"""The twenty-seventh session's hostile probe on the command line (issue 27, H194), kinds no test
held: a .docx cell of `w:gridSpan="1000000"` and a row of 1,000,000 `<w:tc>`, an .ods cell
spanning a thousand million columns, html of `colspan=65534` on 1,000 rows, an .xlsx whose one
shared string has 1,000,000 rich-text runs and one of 1,000,000 `<xf>`, rule files nested 10,000
deep or whose regex alternates 10,000 words, YAML nested 1,000,000 deep in flow and 10,000 merge
keys, an actuals key of 1,000,000 characters. Each is run under the probe kit's limits (4 GB
of address space, `/usr/bin/time`): no panic, the time and memory printed.

    python3 tests/hostile/probe27.py DIR BIN [SECTIONS]"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import put, run, section, sheet_book  # noqa: E402
from probe26_common import LINES, TSV, size, verbs, zipped  # noqa: E402

if section("docx"):
    def docx(name, rows_xml):
        zipped(name, [
            ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
            ("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl>%s</w:tbl></w:body></w:document>' % rows_xml)])
        size(name)
        verbs(name)

    def tc(t, pr=""):
        return "<w:tc>%s<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>" % (("<w:tcPr>%s</w:tcPr>" % pr) if pr else "", t)
    rows = "".join("<w:tr>%s</w:tr>" % "".join(tc(v) for v in r) for r in LINES)
    docx("gridspan.docx", rows + "<w:tr>%s</w:tr>" % tc("x", '<w:gridSpan w:val="1000000"/>'))
    docx("tc-1m.docx", rows + "<w:tr>%s</w:tr>" % ("<w:tc><w:p/></w:tc>" * 1000000))

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
        zipped(name, [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                      ("META-INF/manifest.xml", manifest), ("content.xml", content)])
        size(name)
        verbs(name)

    def cell(v, attrs=""):
        return '<table:table-cell %s office:value-type="string"><text:p>%s</text:p></table:table-cell>' % (attrs, v)
    head = "".join("<table:table-row>%s</table:table-row>" % "".join(cell(v) for v in r) for r in LINES)
    ods("spanned.ods", head + "<table:table-row>%s</table:table-row>" % cell("x", 'table:number-columns-spanned="1000000000"') * 1000)
    ods("cols-repeated.ods", head + "<table:table-row>%s</table:table-row>" % cell("x", 'table:number-columns-repeated="16384"') * 1000)

if section("html"):
    rows = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % v for v in r) for r in LINES)
    put("colspan.html", "<table>%s%s</table>" % (rows, '<tr><td colspan="65534">x</td></tr>' * 1000))
    size("colspan.html")
    verbs("colspan.html")
    put("rowspan.html", "<table>%s%s</table>" % (rows, '<tr><td rowspan="65534">x</td></tr>' * 1000))
    size("rowspan.html")
    verbs("rowspan.html")

if section("xlsx"):
    styles = ('<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<cellXfs count="1000000">%s</cellXfs></styleSheet>' % ('<xf numFmtId="0"/>' * 1000000))
    data = "".join('<row r="%d">%s</row>' % (i + 1, "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + j), i + 1, v) for j, v in enumerate(r))) for i, r in enumerate(LINES))
    sheet_book("xf-1m.xlsx", styles, data)
    size("xf-1m.xlsx")
    verbs("xf-1m.xlsx")

if section("rules"):
    put("t.tsv", TSV)

    def rules(name, text):
        put(name, text)
        size(name)
        code, out, err = run(["evaluate", "t.tsv", "--rules", name, "--format", "json"], "evaluate --rules " + name)
        if code not in (0, 1):
            print("   " + (err.strip().splitlines() or [""])[0][:170])
    rules("nested.yaml", 'rules:\n  - id: a\n    when: %sindicator ~ "x"%s\n    direction: higher\n' % ("(" * 10000, ")" * 10000))
    rules("nots.yaml", 'rules:\n  - id: a\n    when: %sindicator ~ "x"\n    direction: higher\n' % ("not " * 10000))
    rules("alternation.yaml", 'rules:\n  - id: a\n    when: indicator ~ "%s"\n    direction: higher\n' % "|".join("词%d" % k for k in range(10000)))
    rules("flow-deep.yaml", "rules: " + "[" * 1000000 + "]" * 1000000 + "\n")
    rules("merge-keys.yaml", "base: &a {direction: higher}\nrules:\n" + "".join('  - <<: *a\n    id: r%d\n    when: indicator ~ "x%d"\n' % (k, k) for k in range(10000)))

if section("actuals"):
    put("t.tsv", TSV)
    put("long-key.yaml", "projects:\n  - project: 甲\n    " + "k" * 1000000 + ": 1\n")
    size("long-key.yaml")
    run(["evaluate", "t.tsv", "long-key.yaml", "--format", "json"], "evaluate long-key.yaml")
    put("flow-deep-actuals.yaml", "projects: " + "[" * 1000000 + "]" * 1000000 + "\n")
    size("flow-deep-actuals.yaml")
    run(["evaluate", "t.tsv", "flow-deep-actuals.yaml", "--format", "json"], "evaluate flow-deep-actuals.yaml")
