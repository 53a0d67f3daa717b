"""Issue 27, the seventeenth probe of the hostile kinds (H114): new variants of nesting depth,
web pages' style sheets, zip and XML tricks, text shapes, figures and targets, each written by
hand here. Runs `inspect` (or the command named) under `prlimit --as` 4 GB and `/usr/bin/time`.

    python3 tests/hostile/probe17_hostile.py DIR BIN [nest css zip xml text numbers]

The server's cases are in `probe17_web.py`."""
import base64, io, os, re, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import put, run as kit_run, section  # noqa: E402


def run(args, label=""):
    """Runs as the kit does, and shows the first code the run named (`table.…`, `rules.…`)."""
    code, out, err = kit_run(args, label)
    named = re.search(r"\b((?:table|rules|actuals|eval|pile|web|input|output|yaml|limits)(?:\.|::)[a-z][a-z-]+)", err)
    print("%48s %s" % ("", named.group(1) if named else err.strip().splitlines()[:1]))
    return code, out, err

HEAD = "<html><head><meta charset=utf-8>%s</head><body>%s</body></html>"
TABLE = "<table><tr><td>项目名称</td><td>甲</td></tr></table>"
SHEET = ("项目名称\t指标名称\t年度指标值\t实际完成值\n"
         "甲\t培训人数\t≥100人\t120人\n")


def styled(name, css, body):
    return put(name, HEAD % ("<style>%s</style>" % css, body))


def zipped(name, parts, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for part, data in parts:
            z.writestr(part, data)
    return put(name, buf.getvalue())


CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
      'content-types"><Default Extension="xml" ContentType="application/xml"/>'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
      'relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
      'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
      'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
WB = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
      '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
           'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
           'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
           'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
           'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
           'Target="sharedStrings.xml"/></Relationships>')


def sheet_xml(rows, prolog=""):
    out = [prolog or '<?xml version="1.0"?>',
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetData>']
    for r, row in enumerate(rows, 1):
        out.append('<row r="%d">' % r)
        for c, v in enumerate(row):
            out.append('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + c), r, v))
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


ROWS = [["项目名称", "指标名称", "年度指标值", "实际完成值"], ["甲", "培训人数", "≥100人", "120人"]]


def xlsx(name, sheet=None, sst=None, wb=WB, extra=()):
    parts = [("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("xl/workbook.xml", wb),
             ("xl/_rels/workbook.xml.rels", WB_RELS),
             ("xl/worksheets/sheet1.xml", sheet or sheet_xml(ROWS))]
    if sst is not None:
        parts.append(("xl/sharedStrings.xml", sst))
    return zipped(name, parts + list(extra))


def docx(name, body, prolog='<?xml version="1.0"?>'):
    doc = (prolog + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
           '2006/main"><w:body>%s</w:body></w:document>' % body)
    return zipped(name, [("[Content_Types].xml", CT.replace("/xl/workbook.xml", "/word/document.xml")
                          .replace("spreadsheetml.sheet.main", "wordprocessingml.document.main")),
                         ("_rels/.rels", RELS.replace("xl/workbook.xml", "word/document.xml")),
                         ("word/document.xml", doc)])


def laughs(root):
    ents = ['<!ENTITY l0 "哈哈哈哈哈哈哈哈哈哈">']
    for i in range(1, 10):
        ents.append('<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10))
    return '<?xml version="1.0"?><!DOCTYPE %s [%s]>' % (root, "".join(ents))


def cases_nest():
    n = 100_000
    put("span-in-cell.html", HEAD % ("", "<table><tr><td>项目名称</td><td>" + "<span>" * n + "甲"
                                     + "</span>" * n + "</td></tr></table>"))
    put("del-in-cell.html", HEAD % ("", "<table><tr><td>项目名称</td><td>" + "<del>" * n + "乙"
                                    + "</del>" * n + "甲</td></tr></table>"))
    put("sup-in-cell.html", HEAD % ("", "<table><tr><td>项目名称</td><td>80" + "<sup>" * n + "1"
                                    + "</sup>" * n + "人</td></tr></table>"))
    put("grid-divs.html", HEAD % ("", '<div style="display:grid">' * n + "甲" + "</div>" * n))
    put("li-lists.html", HEAD % ("", "<ul><li>" * n + "甲"))
    put("actuals-deep-flow.yaml", "甲:\n  培训人数: " + "[" * n + "1" + "]" * n + "\n")
    put("actuals-deep-block.yaml", "".join("  " * i + "a:\n" for i in range(3000)))
    put("rules-deep-flow.yaml", "rules:\n  - id: x\n    when: " + "{a: " * n + "1" + "}" * n + "\n")
    put("t.tsv", SHEET)
    docx("sdt-deep.docx", "<w:sdt><w:sdtContent>" * 50_000 + "<w:p><w:r><w:t>甲</w:t></w:r></w:p>"
         + "</w:sdtContent></w:sdt>" * 50_000)
    docx("ins-deep.docx", "<w:p>" + "<w:ins>" * 100_000 + "<w:r><w:t>甲</w:t></w:r>"
         + "</w:ins>" * 100_000 + "</w:p>")
    docx("tbl-in-tc-10000.docx", "<w:tbl><w:tr><w:tc>" * 10_000 + "<w:p/>"
         + "</w:tc></w:tr></w:tbl>" * 10_000)
    for f in ["span-in-cell.html", "del-in-cell.html", "sup-in-cell.html", "grid-divs.html",
              "li-lists.html", "sdt-deep.docx", "ins-deep.docx", "tbl-in-tc-10000.docx"]:
        run(["inspect", f], f)
    for f in ["actuals-deep-flow.yaml", "actuals-deep-block.yaml"]:
        run(["evaluate", "t.tsv", f], "evaluate " + f)
    run(["rules", "check", "rules-deep-flow.yaml"], "rules check rules-deep-flow.yaml")


def cases_css():
    # finding 1: descendant selectors over deep elements, backtracked
    for n in (100, 400):
        styled("css-selectors-%d.html" % n, "x * * * * * {display:grid}\n" * 256,
               "<div>" * 31 + TABLE + "<div></div>" * n + "</div>" * 31)
        run(["inspect", "css-selectors-%d.html" % n], "css-selectors-%d" % n)
    # the same at a megabyte, with child runs (the nearest-place match's worst)
    styled("css-selectors-1mb.html", "x>*>*>* * * {display:grid}\n" * 256,
           "<div>" * 31 + TABLE + "<div></div>" * 90_000 + "</div>" * 31)
    run(["inspect", "css-selectors-1mb.html"], "css-selectors-1mb")
    # finding 2: nested at-rules
    for d in (10_000, 36_000, 65_000):
        styled("css-media-%d.html" % d, "@media{" * d + "div{display:grid}" + "}" * d,
               "<div><div>甲</div></div>" + TABLE)
        run(["inspect", "css-media-%d.html" % d], "css-media-%d" % d)
    styled("css-supports-36000.html", "@supports (display:grid){" * 36_000 + "div{display:grid}"
           + "}" * 36_000, TABLE)
    run(["inspect", "css-supports-36000.html"], "css-supports-36000")
    # compounds of many classes
    styled("css-classes.html", (".a" * 1000 + ".b{display:grid}\n") * 256,
           TABLE + "<div class=a></div>" * 20_000)
    run(["inspect", "css-classes.html"], "css-classes")
    # a class attribute of a megabyte on many elements
    styled("css-class-attr.html", ".b{display:grid}\n" * 256,
           TABLE + ('<div class="%s"></div>' % ("a " * 50_000)) * 20)
    run(["inspect", "css-class-attr.html"], "css-class-attr")
    # style text: braces only, unclosed, comments unclosed, many style blocks
    styled("css-braces.html", "{" * 500_000, TABLE)
    styled("css-closes.html", "}" * 500_000 + "div{display:grid}", TABLE)
    styled("css-comment.html", "/*" * 250_000, TABLE)
    put("css-many-blocks.html", HEAD % ("<style>div{display:grid}</style>" * 100_000, TABLE))
    styled("css-commas.html", ",".join(["div"] * 200_000) + "{display:grid}", TABLE)
    styled("css-long-selector.html", " ".join(["div"] * 200_000) + "{display:grid}", TABLE)
    styled("css-repeat.html", "div{display:grid;grid-template-columns:repeat(1000,"
           + "repeat(1000," * 1000 + "1fr" + ")" * 1000 + ")}", "<div><div>甲</div></div>" + TABLE)
    for f in ["css-braces.html", "css-closes.html", "css-comment.html", "css-many-blocks.html",
              "css-commas.html", "css-long-selector.html", "css-repeat.html"]:
        run(["inspect", f], f)


def cases_zip():
    # 300,000 entries (each empty)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for part, data in [("[Content_Types].xml", CT), ("_rels/.rels", RELS),
                           ("xl/workbook.xml", WB), ("xl/_rels/workbook.xml.rels", WB_RELS),
                           ("xl/worksheets/sheet1.xml", sheet_xml(ROWS))]:
            z.writestr(part, data)
        for i in range(300_000):
            z.writestr("x/%d" % i, b"")
    put("zip-300k-entries.xlsx", buf.getvalue())
    run(["inspect", "zip-300k-entries.xlsx"], "zip-300k-entries.xlsx")
    # a shared string of 300 MB deflated ~1000:1
    sst = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           '2006/main" count="1" uniqueCount="1"><si><t>' + "a" * 300_000_000 + "</t></si></sst>")
    sheet = sheet_xml(ROWS).replace('<row r="2">', '<row r="2"><c r="Z2" t="s"><v>0</v></c>')
    xlsx("zip-sst-300mb.xlsx", sheet=sheet, sst=sst)
    del sst
    run(["inspect", "zip-sst-300mb.xlsx"], "zip-sst-300mb.xlsx")
    # a docx whose document.xml is 400 MB of one paragraph's text
    docx("zip-docx-text-400mb.docx", "<w:p><w:r><w:t>" + "a" * 400_000_000 + "</w:t></w:r></w:p>")
    run(["inspect", "zip-docx-text-400mb.docx"], "zip-docx-text-400mb.docx")
    # an xlsx inside a zip pile, 1,000 times the same table
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(3000):
            z.writestr("t%d.tsv" % i, SHEET)
    put("pile-3000.zip", buf.getvalue())
    run(["inspect", "pile-3000.zip"], "pile-3000.zip")


def cases_xml():
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    xlsx("xml-laughs-sheet.xlsx", sheet=sheet_xml([["项目名称", "&l9;"]], laughs("worksheet")))
    xlsx("xml-laughs-sst.xlsx", sheet=sheet_xml(ROWS).replace(
        '<row r="2">', '<row r="2"><c r="Z2" t="s"><v>0</v></c>'),
        sst=laughs("sst") + '<sst %s><si><t>&l9;</t></si></sst>' % ns)
    xlsx("xml-laughs-workbook.xlsx", wb=laughs("workbook") + WB.split("?>", 1)[1].replace(
        'name="S"', 'name="&l9;"'))
    xlsx("xml-laughs-styles.xlsx", extra=[("xl/styles.xml", laughs("styleSheet") +
                                          '<styleSheet %s><numFmts count="1"><numFmt numFmtId="164"'
                                          ' formatCode="&l9;"/></numFmts></styleSheet>' % ns)])
    docx("xml-laughs.docx", "<w:p><w:r><w:t>&l9;</w:t></w:r></w:p>", laughs("w:document"))
    xlsx("xml-cdata-50mb.xlsx", sheet=sheet_xml(ROWS).replace(
        "<t>甲</t>", "<t><![CDATA[" + "甲" * 20_000_000 + "]]></t>"))
    xlsx("xml-attr-100mb.xlsx", sheet=sheet_xml(ROWS).replace(
        '<c r="A1"', '<c x="' + "a" * 100_000_000 + '" r="A1"'))
    xlsx("xml-attrs-1m.xlsx", sheet=sheet_xml(ROWS).replace(
        '<c r="A1"', "<c " + " ".join("a%d=\"\"" % i for i in range(1_000_000)) + ' r="A1"'))
    xlsx("xml-pi-comments.xlsx", sheet=sheet_xml(ROWS).replace(
        "<sheetData>", "<!--" + "-" * 50_000_000 + "--><?pi " + "x" * 50_000_000 + "?><sheetData>"))
    for f in ["xml-laughs-sheet.xlsx", "xml-laughs-sst.xlsx", "xml-laughs-workbook.xlsx",
              "xml-laughs-styles.xlsx", "xml-laughs.docx", "xml-cdata-50mb.xlsx",
              "xml-attr-100mb.xlsx", "xml-attrs-1m.xlsx", "xml-pi-comments.xlsx"]:
        run(["inspect", f], f)


def cases_text():
    put("line-200mb.tsv", SHEET.encode() + b"a" * 200_000_000)
    put("gbk-invalid.txt", b"\xff\x80" * 10_000_000)
    put("boms-then-table.tsv", "\ufeff" * 1_000_000 + SHEET)
    put("cr-only-50mb.tsv", SHEET.replace("\n", "\r") + "\r" * 50_000_000)
    put("nul-cells.tsv", SHEET + ("\0\t" * 8000 + "\n") * 2000)
    put("tabs-1m-columns.tsv", "\t".join("c%d" % i for i in range(1_000_000)) + "\n" + SHEET)
    put("quote-unclosed.csv", "项目名称,指标名称,年度指标值,实际完成值\n甲,\"" + "x\n" * 5_000_000)
    mht = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
           "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
    page = (HEAD % ("", TABLE + "<p>" + "甲" * 30_000_000 + "</p>")).encode()
    put("mhtml-base64-90mb.mht", mht.encode() + base64.encodebytes(page) + b"\r\n--b--\r\n")
    for f in ["line-200mb.tsv", "gbk-invalid.txt", "boms-then-table.tsv", "nul-cells.tsv",
              "tabs-1m-columns.tsv", "quote-unclosed.csv", "mhtml-base64-90mb.mht"]:
        run(["inspect", f], f)
    run(["evaluate", "cr-only-50mb.tsv", "--format", "json"], "evaluate cr-only-50mb.tsv")


def cases_numbers():
    digits = "9" * 10_000
    rows = ["项目名称\t指标名称\t年度指标值\t实际完成值\t分值"]
    rows.append("甲\t人数\t≥" + "9" * 4000 + "人\t" + digits + "人\t10")
    rows.append("甲\t比例\t≥95%\t0." + "0" * 10_000 + "1%\t" + digits)
    rows.append("甲\t范围\t" + "或".join("%d-%d人" % (i, i + 1) for i in range(0, 600, 2)) + "\t5人\t10")
    rows.append("甲\t长\t≥100人" + "（说明）" * 300_000 + "\t120人\t10")
    rows.append("甲\t指数\t≥1e4000人\t1e-4000人\t1e400")
    put("numbers.tsv", "\n".join(rows) + "\n")
    for fmt in ("json", "csv", "markdown", "html", "table"):
        run(["evaluate", "numbers.tsv", "--format", fmt], "evaluate numbers.tsv " + fmt)
    run(["evaluate", "numbers.tsv", "--format", "xlsx", "-o", "numbers.xlsx"], "evaluate numbers xlsx")
    put("targets.txt", "\n".join(["（" * 1300 + "≥95%" + "）" * 1300, "≥" + digits,
                                  "1" + "万" * 1300 + "人", "≥95%" + "以上" * 1300,
                                  "≥" + "1," * 2000 + "1人", "≥1" + ".1" * 2000]) + "\n")
    run(["parse", "targets.txt"], "parse targets.txt")


for name, cases in [("nest", cases_nest), ("css", cases_css), ("zip", cases_zip), ("xml", cases_xml),
                    ("text", cases_text), ("numbers", cases_numbers)]:
    if section(name):
        cases()
