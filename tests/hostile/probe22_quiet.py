"""Issue 27, the small quiet readings left open (twenty-second session, H153), written by hand
from their descriptions before any real file was looked at: an indicator name folded over two
rows of a workbook, its merged cells spanning both (`参加培训的基层` / `干部人数`); time cells of
an OpenDocument sheet in their own `number:time-style`s (tenths of a second, an hour that
truncates past a day, an elapsed `[hh]`, a 12-hour clock), and an `.xlsx` in `mm:ss.0`.
`tests/fixtures/quiet22/{folded.xlsx,times.ods,times.xlsx}` are this script's; `tests/quiet22.rs`
reads them.

    python3 tests/hostile/probe22_quiet.py DIR BIN
"""
import io, os, sys, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from probe_kit import put, rows_of, section, xlsx  # noqa: E402

if section("folded"):
    HEAD = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "分值", "实际完成值"]
    rows = [HEAD,
            ["培训项目", "产出指标", "数量指标", "参加培训的基层", "≥100人", 10, "120人"],
            ["", "", "", "干部人数", "", "", ""],
            ["", "效益指标", "满意度指标", "满意度", "≥90%", 10, "95%"]]
    xlsx("folded.xlsx", rows, merges=["A2:A4", "B2:B3", "C2:C3", "E2:E3", "F2:F3", "G2:G3"])
    rows_of("folded.xlsx")

HEAD = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "分值", "实际完成值"]
# indicator, target, the time held (ISO duration / days), the ods style, what it shows
TIMES = [
    ("响应时间", "≤4.8秒", "PT00H00M04.5S", 4.5 / 86400, "T1", "mm:ss.0", "00:04.5"),
    ("服务时长", "≤8小时", "PT36H00M00S", 1.5, "T2", "h:mm", "12:00"),
    ("累计时长", "≤48小时", "PT36H00M00S", 1.5, "T3", "[hh]:mm", "36:00"),
    ("开馆时间", "≥8小时", "PT13H30M00S", 13.5 / 24, "T4", "h:mm AM/PM", "1:30 PM"),
]
ODS_TIME_STYLES = (
    # mm:ss.0
    '<number:time-style style:name="N1"><number:minutes number:style="long"/><number:text>:</number:text>'
    '<number:seconds number:style="long" number:decimal-places="1"/></number:time-style>'
    # h:mm (an hour past a day truncated, as LibreOffice shows it by default)
    '<number:time-style style:name="N2"><number:hours/><number:text>:</number:text>'
    '<number:minutes number:style="long"/></number:time-style>'
    # [hh]:mm
    '<number:time-style style:name="N3" number:truncate-on-overflow="false"><number:hours number:style="long"/>'
    '<number:text>:</number:text><number:minutes number:style="long"/></number:time-style>'
    # h:mm AM/PM
    '<number:time-style style:name="N4"><number:hours/><number:text>:</number:text>'
    '<number:minutes number:style="long"/><number:text> </number:text><number:am-pm/></number:time-style>'
    + "".join('<style:style style:name="T%d" style:family="table-cell" style:data-style-name="N%d"/>' % (k, k)
              for k in range(1, 5)))


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ods(name, rows, styles):
    body = ""
    for r in rows:
        body += "<table:table-row>"
        for c in r:
            if isinstance(c, str) and c.startswith("<table:"):
                body += c
            elif c == "":
                body += "<table:table-cell/>"
            elif isinstance(c, (int, float)):
                body += '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (c, c)
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


if section("times"):
    rows = [HEAD]
    for name, target, iso, _, style, _, shown in TIMES:
        cell = ('<table:table-cell table:style-name="%s" office:value-type="time" office:time-value="%s">'
                '<text:p>%s</text:p></table:table-cell>' % (style, iso, shown))
        rows.append(["社区服务经费", "产出指标", "时效指标", name, target, 10, cell])
    ods("times.ods", rows, ODS_TIME_STYLES)
    rows_of("times.ods")
    # the same in an .xlsx, each cell in its Excel code
    book = [HEAD] + [["社区服务经费", "产出指标", "时效指标", name, target, 10, (repr(days), code)]
                     for name, target, _, days, _, code, _ in TIMES]
    xlsx("times.xlsx", book)
    rows_of("times.xlsx")
