#!/usr/bin/env python3
"""Issue 27's twelfth probe (H79, 2026-12-06): formats apart from layouts, and a form's printed
sums as the test of every reading.

    python3 tests/hostile/probe12.py DIR BIN [SECTION...]
Sections (all when none is named):
  xlsx     workbooks as WPS, LibreOffice or a script write them: inline strings (rich runs too),
           shared formulas, formulas whose cached value is missing, a 1904 date system, error and
           boolean cells, `t="str"` / `t="d"` cells
  renamed  WPS's `.et` / `.wps` and an `.xls` or `.xlsx` under another name
  html     a table saved by Excel "as web page" (`mso-` styles, `x:num`, `x:str`, `x:fmla`)
  text     csv in GB18030 with a BOM, UTF-16 without a BOM (both byte orders)
  sums     a flat sheet's printed 合计 / 总分 row against what jixiao read
Each case is run under `prlimit --as` 4 GB, `timeout 300` and `/usr/bin/time` (exit, user +
system CPU seconds, peak MB). Hand-made inputs only; nothing here is read by `cargo test` (what
is found is made again, smaller, in tests/hostile.rs).
"""
import csv, io, os, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import put, run, section, col  # noqa: E402


HEADS = ["项目", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def verdicts(sheet, extra=()):
    """Each row's (indicator, target, actual, verdict, score, note) from the csv report."""
    code, out, err = run(["evaluate", sheet, "--format", "csv"] + list(extra), sheet)
    table = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    for r in table[2:]:
        if len(r) > 15:
            print("   %-10s %-14s %-16s %-6s %-6s %s" % (r[5][:10], r[6], r[8], r[9], r[11], r[15][:80]))
    for l in err.splitlines():
        if l.strip():
            print("   ! " + l.strip()[:150])
    return out, err


# ---------------------------------------------------------------------------------------------
# xlsx written by hand: each cell is (ref, xml) where xml is the whole <c> element

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline(ref, text, style=None):
    st = ' s="%d"' % style if style is not None else ""
    return '<c r="%s" t="inlineStr"%s><is><t>%s</t></is></c>' % (ref, st, esc(text))


def num(ref, v, style=None):
    st = ' s="%d"' % style if style is not None else ""
    return '<c r="%s"%s><v>%s</v></c>' % (ref, st, v)


STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""


def xlsx(name, rows, date1904=False, shared=None, after="", row_attrs=None, before=""):
    """rows: a list of rows, each a list of cell XML strings (already with their refs); `after`
    is XML after sheetData (mergeCells), `before` before it (cols), `row_attrs` a row's extra
    attributes by its 1-based number."""
    sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s<sheetData>' % before]
    for i, cells in enumerate(rows):
        sheet.append('<row r="%d"%s>%s</row>' % (i + 1, (row_attrs or {}).get(i + 1, ""), "".join(cells)))
    sheet.append("</sheetData>%s</worksheet>" % after)
    pr = '<workbookPr date1904="1"/>' if date1904 else ""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                   + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared else "")
                   + '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">%s'
                   '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' % pr)
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                   + ('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared else "")
                   + '</Relationships>')
        z.writestr("xl/styles.xml", STYLES)
        if shared:
            z.writestr("xl/sharedStrings.xml",
                       '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
                       % (len(shared), len(shared), "".join(shared)))
        z.writestr("xl/worksheets/sheet1.xml", "".join(sheet))
    return put(name, b.getvalue())


def head_row():
    return [inline("%s1" % col(i), h) for i, h in enumerate(HEADS)]


def text_row(r, values):
    """A row of inline strings and bare numbers (a value of type int/float is a number)."""
    out = []
    for i, v in enumerate(values):
        ref = "%s%d" % (col(i), r)
        if v is None:
            continue
        if isinstance(v, str) and v.startswith("<c"):
            out.append(v.replace("REF", ref))
        elif isinstance(v, (int, float)):
            out.append(num(ref, v))
        else:
            out.append(inline(ref, v))
    return out


def sheet_of(name, data, **kw):
    rows = [head_row()] + [text_row(i + 2, r) for i, r in enumerate(data)]
    return xlsx(name, rows, **kw)


if section("xlsx"):
    print("== xlsx as other writers write it")
    base = [["P", "产出指标", "数量指标", "培训人数", "≥100人", "120人", 50, 50],
            ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", 50, 50]]
    verdicts(sheet_of("inline.xlsx", base))
    # rich-text inline strings: the text split in runs, as LibreOffice writes a cell with two fonts
    rich = '<c r="REF" t="inlineStr"><is><r><t>≥</t></r><r><rPr><b/></rPr><t>100</t></r><r><t>人</t></r></is></c>'
    verdicts(sheet_of("inline-rich.xlsx", [base[0][:4] + [rich, "120人", 50, 50], base[1]]))
    # <t xml:space="preserve"> and a phonetic run (<rPh>) as WPS writes for Chinese text
    rph = ('<c r="REF" t="inlineStr"><is><t xml:space="preserve">≥100人</t><rPh sb="0" eb="1"><t>ダイ</t></rPh>'
           '</is></c>')
    verdicts(sheet_of("inline-rph.xlsx", [base[0][:4] + [rph, "120人", 50, 50], base[1]]))
    # shared formulas with cached values, and the same with no cached value (a script's output)
    fx = [["P", "产出指标", "数量指标", "完成率", "≥95%", '<c r="REF" s="2"><f>B9/B10</f><v>0.9</v></c>', 50, 50],
          ["P", "效益指标", "社会效益指标", "满意度", "≥90%", '<c r="REF" s="2"><f t="shared" ref="F3:F4" si="0">B9/B10</f><v>0.95</v></c>', 50, 50]]
    verdicts(sheet_of("formula-cached.xlsx", fx))
    nofx = [["P", "产出指标", "数量指标", "完成率", "≥95%", '<c r="REF" s="2"><f>B9/B10</f></c>', 50, 50],
            ["P", "效益指标", "社会效益指标", "满意度", "≥90%", '<c r="REF" s="2"><f t="shared" ref="F3:F4" si="0">B9/B10</f></c>', 50, 50]]
    verdicts(sheet_of("formula-uncached.xlsx", nofx))
    # a formula 分值 with no cached value: the weights silently gone?
    nofw = [["P", "产出指标", "数量指标", "培训人数", "≥100人", "120人", '<c r="REF"><f>100-G3</f></c>', 50],
            ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", 50, 50]]
    verdicts(sheet_of("formula-weight-uncached.xlsx", nofw))
    # error cells and booleans
    err = [["P", "产出指标", "数量指标", "完成率", "≥95%", '<c r="REF" t="e"><f>B9/B10</f><v>#DIV/0!</v></c>', 50, 50],
           ["P", "效益指标", "社会效益指标", "满意度", "≥90%", '<c r="REF" t="b"><v>1</v></c>', 50, 50],
           ["P", "效益指标", "社会效益指标", "完成", "≥1次", '<c r="REF" t="str"><f>"1"&amp;"次"</f><v>1次</v></c>', '<c r="REF" t="e"><v>#N/A</v></c>', 50]]
    verdicts(sheet_of("errors.xlsx", err))
    # dates: a 1904 workbook, a t="d" ISO cell, against a deadline
    d = [["P", "产出指标", "时效指标", "完成时间", "2023年12月31日前", '<c r="REF" s="1"><v>43830</v></c>', 50, 50],
         ["P", "产出指标", "时效指标", "开工时间", "2023年6月30日前", '<c r="REF" t="d"><v>2023-07-15T00:00:00</v></c>', 50, 50]]
    verdicts(sheet_of("dates-1900.xlsx", d))
    verdicts(sheet_of("dates-1904.xlsx", d, date1904=True))
    # percent stored as a fraction with a % style, float noise
    p = [["P", "产出指标", "数量指标", "完成率", "≥95%", '<c r="REF" s="2"><v>0.95000000000000007</v></c>', 50, 50],
         ["P", "效益指标", "社会效益指标", "满意度", "≥90%", '<c r="REF" s="3"><v>9.4999999999999996E-1</v></c>', 50, 50]]
    verdicts(sheet_of("percent-noise.xlsx", p))
    # shared strings with rich runs and phonetic runs (WPS writes <rPh> for Chinese)
    shared = ['<si><t>%s</t></si>' % esc(h) for h in HEADS] + [
        '<si><r><t>≥</t></r><r><t>100人</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>']
    rows = [['<c r="%s1" t="s"><v>%d</v></c>' % (col(i), i) for i in range(8)],
            text_row(2, ["P", "产出指标", "数量指标", "培训人数", '<c r="REF" t="s"><v>8</v></c>', "80人", 50, 50]),
            text_row(3, base[1])]
    xlsx("shared-rph.xlsx", rows, shared=shared)
    verdicts("shared-rph.xlsx")
    # one actual merged over two indicator rows (F2:F3): what does the second row read?
    m = [["P", "产出指标", "数量指标", "培训人数", "≥100人", "已完成", 30, 30],
         ["P", "产出指标", "数量指标", "培训场次", "≥10场", None, 30, 30],
         ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", 40, 40]]
    sheet_of("merged-actual.xlsx", m, after='<mergeCells count="1"><mergeCell ref="F2:F3"/></mergeCells>')
    verdicts("merged-actual.xlsx")
    m[0][5] = "120人"
    sheet_of("merged-actual-figure.xlsx", m, after='<mergeCells count="1"><mergeCell ref="F2:F3"/></mergeCells>')
    verdicts("merged-actual-figure.xlsx")
    # a row the office hid (last year's indicator left in, hidden), and a hidden column
    h = [["P", "产出指标", "数量指标", "培训人数", "≥100人", "120人", 30, 30],
         ["P", "产出指标", "数量指标", "旧指标（已取消）", "≥50人", "0人", 30, 0],
         ["P", "产出指标", "质量指标", "合格率", "≥95%", "96%", 30, 30],
         ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", 40, 40]]
    sheet_of("hidden-row.xlsx", h, row_attrs={3: ' hidden="1"'})
    verdicts("hidden-row.xlsx")


# ---------------------------------------------------------------------------------------------
# a table saved by Excel "as web page": x:num holds the value, the cell text is what Excel shows

EXCEL_HTML = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet><meta name=Generator content="Microsoft Excel 15">
<style><!--table {mso-displayed-decimal-separator:"\\.";}
.xl65 {mso-number-format:"0%%";} .xl66 {mso-number-format:"0\\.0";} .xl67 {mso-number-format:"\\@";}
--></style><!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>
<x:Name>Sheet1</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
</head><body link=blue vlink=purple>
<table border=0 cellpadding=0 cellspacing=0 width=700 style='border-collapse:collapse;table-layout:fixed'>
<col width=72 span=8>
%s
<![if supportMisalignedColumns]><tr height=0 style='display:none'><td width=72></td><td width=72></td></tr><![endif]>
</table></body></html>
"""


def excel_html(name, rows):
    trs = "<tr height=18 style='height:13.5pt'>" + "".join("<td>%s</td>" % h for h in HEADS) + "</tr>\n"
    for r in rows:
        trs += "<tr height=18 style='height:13.5pt'>" + "".join(
            c if c.startswith("<td") else "<td>%s</td>" % c for c in r) + "</tr>\n"
    return put(name, EXCEL_HTML % trs)


if section("html"):
    print("== html saved by Excel as a web page")
    # x:num holds 0.945, Excel shows 95% (a 0% format): the workbook itself reads 94.5% with a note
    excel_html("xnum-rounded.html", [
        ["P", "产出指标", "数量指标", "完成率", "≥95%", "<td class=xl65 align=right x:num=\"0.945\">95%</td>",
         "<td align=right x:num>50</td>", "<td x:num>50</td>"],
        ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "<td class=xl65 align=right x:num=\"0.896\">90%</td>",
         "<td align=right x:num>50</td>", "<td x:num>50</td>"]])
    verdicts("xnum-rounded.html")
    # a number shown with one place (0.0): 99.96 shown 100.0 against ≥100
    excel_html("xnum-places.html", [
        ["P", "产出指标", "数量指标", "培训人数（人）", "≥100", "<td class=xl66 align=right x:num=\"99.96\">100.0</td>",
         "<td x:num>50</td>", "<td x:num>50</td>"],
        ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", "<td x:num>50</td>", "<td x:num>50</td>"]])
    verdicts("xnum-places.html")
    # text spilling over the empty cells beside it: Excel writes colspan with mso-ignore:colspan
    excel_html("ignore-colspan.html", [
        ["P", "产出指标", "数量指标", "<td colspan=2 style='mso-ignore:colspan'>开展技能培训（按季度开展）</td>",
         "120人", "<td x:num>50</td>", "<td x:num>50</td>"],
        ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", "<td x:num>50</td>", "<td x:num>50</td>"]])
    verdicts("ignore-colspan.html")
    excel_html("ignore-colspan-actual.html", [
        ["P", "产出指标", "数量指标", "培训人数", "≥100人", "<td colspan=2 style='mso-ignore:colspan'>已完成全部培训任务</td>",
         "<td x:num>50</td>"],
        ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", "<td x:num>50</td>", "<td x:num>50</td>"]])
    verdicts("ignore-colspan-actual.html")
    # the 得分 and 分值 given by a formula: x:fmla beside the shown value
    excel_html("xfmla.html", [
        ["P", "产出指标", "数量指标", "培训人数", "≥100人", "120人", "<td x:num>50</td>", "<td x:num=\"50\" x:fmla=\"=G2\">50</td>"],
        ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", "<td x:num>50</td>", "<td x:num>50</td>"]])
    verdicts("xfmla.html")


# ---------------------------------------------------------------------------------------------
# text in the encodings a Chinese office's tools write

if section("text"):
    print("== csv/tsv in GB18030 with a BOM, UTF-16 without one")
    sheet = ",".join(HEADS) + "\n" + "P,产出指标,数量指标,培训人数,≥100人,120人,50,50\n" \
        "P,效益指标,社会效益指标,满意度,≥90%,95%,50,50\n"
    put("gb18030-bom.csv", b"\x84\x31\x95\x33" + sheet.encode("gb18030"))
    verdicts("gb18030-bom.csv")
    put("gbk.csv", sheet.encode("gbk"))
    verdicts("gbk.csv")
    put("utf16le-nobom.csv", sheet.encode("utf-16-le"))
    verdicts("utf16le-nobom.csv")
    put("utf16be-nobom.csv", sheet.encode("utf-16-be"))
    verdicts("utf16be-nobom.csv")
    put("utf16le-bom.tsv", b"\xff\xfe" + sheet.replace(",", "\t").encode("utf-16-le"))
    verdicts("utf16le-bom.tsv")
    # a GB18030 four-byte character (a rare name character) in the indicator's name
    put("gb18030-4byte.csv", (sheet.replace("培训人数", "培训人数\U00020000")).encode("gb18030"))
    verdicts("gb18030-4byte.csv")
    # Big5 (a Taiwan or Hong Kong office): misread as GBK?
    put("big5.csv", sheet.replace("≥", ">=").encode("big5", "replace"))
    verdicts("big5.csv")


# ---------------------------------------------------------------------------------------------
# a flat sheet's printed sums: what the sheet prints against what jixiao read

def tsv(name, rows, head=HEADS):
    return put(name, "\t".join(head) + "\n" + "".join("\t".join(str(c) for c in r) + "\n" for r in rows))


def summary(sheet, extra=()):
    code, out, err = run(["evaluate", sheet] + list(extra), sheet)
    for l in (out + err).splitlines():
        if any(w in l for w in ("总分", "合计", "小计", "mismatch", "不一致", "points", "⚠", "×")) or l.startswith("P"):
            print("   " + l.strip()[:220])


ROWS = [["P", "产出指标", "数量指标", "培训人数", "≥100人", "120人", 30, 30],
        ["P", "产出指标", "质量指标", "合格率", "≥95%", "90%", 30, 20],
        ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", 40, 40]]

if section("sums"):
    print("== sums: a flat sheet's printed 合计 / 小计 rows")
    for label, total in [("heji", ["P", "", "", "合计", "", "", 100, 90]),
                         ("heji-spaced", ["P", "", "", "合  计", "", "", 100, 90]),
                         ("heji-fullspace", ["P", "", "", "合\u3000计", "", "", 100, 90]),
                         ("zongfen-l1", ["P", "总分", "", "", "", "", 100, 90]),
                         ("defen-heji", ["P", "", "", "得分合计", "", "", 100, 90]),
                         ("heji-wrong", ["P", "", "", "合计", "", "", 100, 95]),
                         ("heji-in-project", ["合计", "", "", "", "", "", 100, 90])]:
        summary(tsv("sum-%s.tsv" % label, ROWS + [total]))
    # subtotals per category (what many offices print under each 一级指标)
    summary(tsv("subtotal.tsv", ROWS[:2] + [["P", "产出指标", "", "小计", "", "", 60, 50]] + ROWS[2:]
                + [["P", "效益指标", "", "小计", "", "", 40, 40], ["P", "", "", "合计", "", "", 100, 90]]))
    summary(tsv("subtotal-l1.tsv", ROWS[:2] + [["P", "产出指标小计", "", "", "", "", 60, 50]] + ROWS[2:]
                + [["P", "合计", "", "", "", "", 100, 90]]))


# ---------------------------------------------------------------------------------------------
# a published form's printed sums (f01, as probe11.py holds it) changed one at a time

if section("forms"):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import importlib.util
    spec = importlib.util.spec_from_file_location("p11", os.path.join(os.path.dirname(os.path.abspath(__file__)), "probe11.py"))
    FORM = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "probe11.py"), encoding="utf-8").read()
    FORM = FORM[FORM.index('FORM = """') + 10:]
    FORM = FORM[:FORM.index('"""')]
    print("== forms: a published form's printed sums against what was read")

    def form_case(name, *swaps):
        text = FORM
        for a, b in swaps:
            assert a in text, a
            text = text.replace(a, b, 1)
        put(name, text)
        code, out, err = run(["evaluate", name], name)
        for l in (out + err).splitlines():
            if any(w in l for w in ("复核总分", "⚠", "不一致", "不符", "×")):
                print("   " + l.strip()[:200])

    form_case("form-ok.csv")
    form_case("form-category-points.csv", ("指标2:完成农业综合水价改革项目,1,1,10,10,", "指标2:完成农业综合水价改革项目,1,1,5,5,"))
    form_case("form-total-score.csv", ("总分,,,,,,100,100,", "总分,,,,,,100,95,"))
    form_case("form-total-points.csv", ("总分,,,,,,100,100,", "总分,,,,,,90,100,"))
    form_case("form-category-label.csv", (",(50分),数量指标", ",(40分),数量指标"))
    form_case("form-score-over.csv", ("指标1:工程质量合格,,,10,10,", "指标1:工程质量合格,,,10,12,"))
    form_case("form-budget-score.csv", (",年度资金总额:,,880,880,880,10,,10", ",年度资金总额:,,880,880,880,10,,8"))


# ---------------------------------------------------------------------------------------------
# an OpenDocument sheet as LibreOffice writes it: a percentage cell's value beside what it shows

def ods(name, rows, styles=""):
    body = ""
    for r in rows:
        body += "<table:table-row>"
        for c in r:
            if c.startswith("<table:"):
                body += c
            elif c == "":
                body += "<table:table-cell/>"
            else:
                body += '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % esc(c)
        body += "</table:table-row>"
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
               'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2">'
               '<office:automatic-styles>%s</office:automatic-styles>'
               '<office:body><office:spreadsheet><table:table table:name="Sheet1">%s</table:table>'
               '</office:spreadsheet></office:body></office:document-content>' % (styles, body))
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        z.writestr("content.xml", content)
    return put(name, b.getvalue())


ODS_PCT = ('<number:percentage-style style:name="N11"><number:number number:decimal-places="0" '
           'number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>'
           '<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N11"/>')

if section("ods"):
    print("== ods: a percentage LibreOffice shows rounded")
    pct = lambda v, shown: ('<table:table-cell table:style-name="ce1" office:value-type="percentage" '
                            'office:value="%s"><text:p>%s</text:p></table:table-cell>' % (v, shown))
    fl = lambda v: '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (v, v)
    ods("pct.ods", [HEADS,
                    ["P", "产出指标", "数量指标", "完成率", "≥95%", pct("0.945", "95%"), fl(50), fl(50)],
                    ["P", "效益指标", "社会效益指标", "满意度", "≥90%", pct("0.96", "96%"), fl(50), fl(50)]], ODS_PCT)
    verdicts("pct.ods")
    # the same percentage cell without its style (a script's output): shown 95%, held 0.945
    ods("pct-nostyle.ods", [HEADS,
                    ["P", "产出指标", "数量指标", "完成率", "≥95%", pct("0.945", "95%").replace(' table:style-name="ce1"', ""), fl(50), fl(50)],
                    ["P", "效益指标", "社会效益指标", "满意度", "≥90%", pct("0.96", "96%"), fl(50), fl(50)]])
    verdicts("pct-nostyle.ods")
    # a currency cell and a float with a text:p that disagrees with its value
    ods("value-vs-text.ods", [HEADS,
                    ["P", "产出指标", "数量指标", "培训人数", "≥100人",
                     '<table:table-cell office:value-type="float" office:value="80"><text:p>120人</text:p></table:table-cell>', fl(50), fl(50)],
                    ["P", "效益指标", "社会效益指标", "满意度", "≥90%", pct("0.96", "96%"), fl(50), fl(50)]], ODS_PCT)
    verdicts("value-vs-text.ods")


# ---------------------------------------------------------------------------------------------
# attacker's shapes against the newest readers: moved headers every few rows, total rows

if section("shapes"):
    print("== shapes: many moved headers, many total rows, many subtotals")
    h1 = "\t".join(HEADS)
    h2 = "\t".join(["项目", "一级指标", "二级指标", "三级指标", "实际完成值", "年度指标值", "分值", "得分"])
    for n in (20_000, 80_000):
        body = []
        for i in range(n):
            body.append(h2 if i % 2 else h1)
            body.append("P%d\t产出指标\t数量指标\t指标\t≥100人\t120人\t10\t10" % (i // 50))
        put("moved-%d.tsv" % n, h1 + "\n" + "\n".join(body) + "\n")
        run(["evaluate", "moved-%d.tsv" % n, "--format", "jsonl", "-o", "moved-%d.jsonl" % n])
        run(["evaluate", "moved-%d.tsv" % n, "--format", "json", "--no-streaming", "-o", "moved-%d.json" % n])
    for n in (50_000, 200_000):
        body = ["P\t产出指标\t数量指标\t指标%d\t≥100人\t120人\t10\t10\nP\t\t\t小计\t\t\t10\t10\nP\t\t\t合计\t\t\t10\t10" % i
                for i in range(n)]
        put("totals-%d.tsv" % n, h1 + "\n" + "\n".join(body) + "\n")
        run(["evaluate", "totals-%d.tsv" % n, "--format", "jsonl", "-o", "totals-%d.jsonl" % n])
        run(["evaluate", "totals-%d.tsv" % n, "--format", "json", "--no-streaming", "-o", "totals-%d.json" % n])
