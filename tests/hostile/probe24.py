#!/usr/bin/env python3
"""The twenty-fourth session's hostile probe on the command line (issue 27, H172), round three:
kinds no test held before. Workbooks of many sheets or styles, a sharedStrings of one 100 MB
string, a sheet of a million empty `<c/>`; a Word document of 100,000 nested tables; a page of a
million `<td>` and one nested 10,000 deep; a csv of one 400 MB line and a tsv of ten million
one-byte rows; an actuals file of a million keys; rule files of 10,000 bands, of one `tiers:` of
10,000 bands, of a 1 MB description, of conditions nested 1,000 deep; and the two items left
open (a zip bomb by ratio, rule files' memory). Each is run under the probe kit's limits (4 GB
of address space, `/usr/bin/time`): the exit code, CPU and peak memory printed.

    python3 tests/hostile/probe24.py DIR BIN [SECTIONS]

Sections: xlsx docx html text actuals rules. The large files (the 400 MB line) are written in
DIR and removed after their run."""
import io, os, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import FORM, OUT, page, put, run, section, table  # noqa: E402

TSV = ("项目名称\t一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\n"
       "甲\t产出指标\t数量指标\t培训人数\t≥100人\t120人\t50\n"
       "甲\t产出指标\t质量指标\t结业率\t≥90%\t95%\t50\n")
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
STYLES = ('<?xml version="1.0"?><styleSheet %s><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
          '<borders count="1"><border/></borders><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>' % NS)


def rows_xml(text=TSV, shared=None):
    out = []
    for r, line in enumerate(text.strip().split("\n")):
        cells = "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + c), r + 1, v)
                        for c, v in enumerate(line.split("\t")))
        out.append('<row r="%d">%s</row>' % (r + 1, cells))
    return "".join(out)


def workbook(name, sheets, styles=STYLES, shared=None, deflate=True):
    """`sheets`: a list of (sheet name, sheetData inner XML)."""
    wb = '<?xml version="1.0"?><workbook %s><sheets>%s</sheets></workbook>' % (NS, "".join(
        '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, k + 1, k + 1) for k, (n, _) in enumerate(sheets)))
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s'
            '<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>%s'
            '</Relationships>') % ("".join(
                '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                'Target="worksheets/sheet%d.xml"/>' % (k + 1, k + 1) for k in range(len(sheets))),
                '<Relationship Id="rSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                if shared is not None else "")
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/styles.xml", styles)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        for k, (_, data) in enumerate(sheets):
            z.writestr("xl/worksheets/sheet%d.xml" % (k + 1), '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (NS, data))
    return put(name, b.getvalue())


def verbs(name, extra=(), env=None):
    for verb in (["inspect", name], ["evaluate", name, "--format", "json"] + list(extra)):
        code, out, err = run(verb, " ".join(verb)[:44])
        if "panicked" in err or code not in (0, 1, 2):
            print("   " + err[:400])
        elif code == 2:
            print("   " + (err.strip().splitlines() or [""])[0][:170])


def size(name):
    print("   (%s: %d KB)" % (name, os.path.getsize(os.path.join(OUT, name)) >> 10))


if section("xlsx"):
    workbook("sheets-9000.xlsx", [("S%d" % k, rows_xml()) for k in range(9000)])
    size("sheets-9000.xlsx")
    verbs("sheets-9000.xlsx")
    workbook("sheets-20000.xlsx", [("S%d" % k, "") for k in range(20000)])
    verbs("sheets-20000.xlsx")
    many = STYLES.replace('<cellXfs count="1"><xf numFmtId="0"/></cellXfs>', '<cellXfs count="90000">%s</cellXfs>' % (
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * 90000)).replace(
        '<fonts count="1"><font/></fonts>', '<fonts count="5000">%s</fonts>' % ('<font><sz val="11"/></font>' * 5000))
    workbook("styles-90000.xlsx", [("S", rows_xml())], styles=many)
    verbs("styles-90000.xlsx")
    one = '<?xml version="1.0"?><sst %s count="1" uniqueCount="1"><si><t>%s</t></si></sst>' % (NS, "x" * (100 << 20))
    workbook("shared-100mb.xlsx", [("S", rows_xml() + '<row r="9"><c r="A9" t="s"><v>0</v></c></row>')], shared=one)
    size("shared-100mb.xlsx")
    verbs("shared-100mb.xlsx")
    empty = "".join('<row r="%d">%s</row>' % (r + 4, "<c/>" * 1000) for r in range(1000))
    workbook("empty-cells-1m.xlsx", [("S", rows_xml() + empty)])
    size("empty-cells-1m.xlsx")
    verbs("empty-cells-1m.xlsx")
    workbook("empty-cells-1m-stored.xlsx", [("S", rows_xml() + empty)], deflate=False)
    size("empty-cells-1m-stored.xlsx")
    verbs("empty-cells-1m-stored.xlsx")
    bomb = rows_xml() + '<row r="9"><c r="A9" t="inlineStr"><is><t>' + "0" * (300 << 20) + "</t></is></c></row>"
    workbook("bomb-ratio.xlsx", [("S", bomb)])
    size("bomb-ratio.xlsx")
    verbs("bomb-ratio.xlsx")

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
    docx("nested-100k.docx", "<w:tbl>%s</w:tbl>%s" % (rows, "<w:tbl><w:tr><w:tc>" * 100000 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 100000))
    size("nested-100k.docx")
    verbs("nested-100k.docx")
    docx("nested-100k-unclosed.docx", "<w:tbl>%s</w:tbl>%s" % (rows, "<w:tbl><w:tr><w:tc>" * 100000))
    verbs("nested-100k-unclosed.docx")

if section("html"):
    form = table(FORM)
    page("td-1m.html", form + "<table><tr>" + "<td>x" * 1000000 + "</tr></table>")
    size("td-1m.html")
    verbs("td-1m.html")
    page("td-1m-rows.html", form + "<table>" + "<tr><td>1<td>2<td>3<td>4<td>5" * 200000 + "</table>")
    verbs("td-1m-rows.html")
    page("nest-10k-table.html", form + "<table><tr><td>" * 10000 + "x" + "</td></tr></table>" * 10000)
    verbs("nest-10k-table.html")
    page("nest-10k-b.html", form + "<b>" * 10000 + "x" + "</b>" * 10000)
    verbs("nest-10k-b.html")
    page("nest-10k-td-in-form.html", table(FORM[:4] + [[("<span>" * 10000 + "培训人数" + "</span>" * 10000, "")] + FORM[4][1:]] + FORM[5:]))
    verbs("nest-10k-td-in-form.html")

if section("text"):
    with open(os.path.join(OUT, "line-400mb.csv"), "wb") as f:
        f.write(TSV.replace("\t", ",").encode())
        chunk = b"x," * (1 << 19)
        for _ in range(400):
            f.write(chunk)
        f.write(b"\n")
    verbs("line-400mb.csv")
    os.remove(os.path.join(OUT, "line-400mb.csv"))
    with open(os.path.join(OUT, "rows-10m.tsv"), "wb") as f:
        f.write(TSV.encode())
        f.write(b"a\n" * 10_000_000)
    verbs("rows-10m.tsv")
    code, out, err = run(["evaluate", "rows-10m.tsv", "--format", "jsonl"], "evaluate rows-10m.tsv --format jsonl")
    os.remove(os.path.join(OUT, "rows-10m.tsv"))
    with open(os.path.join(OUT, "blank-10m.tsv"), "wb") as f:
        f.write(TSV.encode())
        f.write(b"\n" * 10_000_000)
    verbs("blank-10m.tsv")
    os.remove(os.path.join(OUT, "blank-10m.tsv"))

if section("actuals"):
    put("t.tsv", TSV.replace("\t120人", "\t").replace("\t95%", "\t"))

    def actuals(name, text):
        put(name, text)
        size(name)
        for verb in (["evaluate", "t.tsv", name, "--format", "json"],):
            code, out, err = run(verb, " ".join(verb)[:44])
            if "panicked" in err or code not in (0, 1, 2):
                print("   " + err[:400])
            elif code == 2:
                print("   " + (err.strip().splitlines() or [""])[0][:170])
    actuals("keys-1m.yaml", "projects:\n  - project: 甲\n    indicators:\n      - indicator: 培训人数\n        actual: 120人\n" + "".join(
        "    k%d: 1\n" % k for k in range(1000000)))
    actuals("keys-900k.yaml", "projects:\n  - project: 甲\n    indicators:\n      - indicator: 培训人数\n        actual: 120人\n" + "".join(
        "    k%d: 1\n" % k for k in range(900000)))
    actuals("indicators-300k.yaml", "projects:\n  - project: 甲\n    indicators:\n" + "".join(
        "      - indicator: 指标%d\n        actual: 1\n" % k for k in range(300000)))

if section("rules"):
    put("t.tsv", TSV)

    def rules(name, text):
        put(name, text)
        size(name)
        for verb in (["review", "t.tsv", "--rules", name], ["evaluate", "t.tsv", "--rules", name, "--format", "json"]):
            code, out, err = run(verb, " ".join(verb)[:44])
            if "panicked" in err or code not in (0, 1, 2):
                print("   " + err[:400])
            elif code == 2:
                print("   " + (err.strip().splitlines() or [""])[0][:170])
    rules("bands-10k.yaml", "rules:\n" + "".join(
        "  - id: b%d\n    band: 档%d\n    min_score: %s\n" % (k, k, "%.4f" % (100 - k / 100.0)) for k in range(10000)))
    rules("tiers-10k.yaml", "rules:\n  - id: t\n    when: indicator == \"培训人数\"\n    tiers:\n      on: actual\n      bands:\n" + "".join(
        "        - {at_least: %d, share: %d%%}\n" % (100000 - k, 100 - k // 100) for k in range(10000)) + "        - {share: 0}\n")
    rules("grades-10k.yaml", "rules:\n" + "".join(
        "  - id: g%d\n    grade: 等级%d\n    share: 50%%\n    words: [词%d]\n" % (k, k, k) for k in range(10000)))
    rules("desc-1mb.yaml", "rules:\n  - id: d\n    description: \"%s\"\n    when: indicator ~ \"培训\"\n    direction: higher\n" % ("说" * (1 << 20)))
    rules("nest-1000.yaml", "rules:\n  - id: n\n    when: " + "(" * 1000 + 'indicator == "x"' + ")" * 1000 + "\n    direction: higher\n")
    rules("nest-not-1000.yaml", "rules:\n  - id: n\n    when: " + "not (" * 1000 + 'indicator == "x"' + ")" * 1000 + "\n    direction: higher\n")
    rules("rules-150k.yaml", "rules:\n" + "".join(
        '  - id: r.%d\n    when: indicator ~ "x%d"\n    direction: higher\n' % (k, k) for k in range(150000)))
    rules("rules-150k-ids.yaml", "rules:\n" + "".join("  - id: r.%d\n" % k for k in range(150000)))
    rules("rules-250k-ids.yaml", "rules:\n" + "".join("  - id: r.%d\n" % k for k in range(250000)))
    rules("desc-10mb.yaml", "rules:\n  - id: d\n    description: \"%s\"\n    when: indicator ~ \"培训\"\n    direction: higher\n" % ("x" * (10 << 20)))
