"""Issue 27, the eighteenth probe of workbooks (H122): cells read as a different number than the
form shows. A flat self-evaluation sheet whose actuals are held as numbers in formats not tried
before (dates, fractions, scientific, text `@`, `[DBNum1]`, `[$-804]` prefixes, `0.0%` on a
value already 96, times), written by hand as an `.xlsx`; then converted by LibreOffice to `.xls`
and `.ods` (the same cells in each format's own records); each read by `evaluate`.

    python3 tests/hostile/probe18_workbooks.py DIR BIN [xlsx convert]
"""
import os, subprocess, sys
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import path, rows_of, section, sheet_book  # noqa: E402

HEAD = ["项目", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值"]
# name, target, the actual held, its format code, what Excel shows
ROWS = [
    ("完成时间", "2024年6月30日前", 45473, "yyyy/m/d", "2024/6/30"),
    ("完成日期", "2024年6月30日前", 45473, "mm/dd/yyyy", "06/30/2024"),
    ("完成日期2", "2024年6月30日前", 45473, '[$-804]yyyy"年"m"月"d"日"', "2024年6月30日"),
    ("占比", "≥0.5", 0.5, "# ?/?", "1/2"),
    ("合格率", "≥90%", 0.96, "# ??/100", "96/100"),
    ("数量", "≥90", 96, "0.00E+00", "9.60E+01"),
    ("完成率", "≥90%", 0.96, "[$-804]0%", "96%"),
    ("完成率2", "≥90%", 96, "0.0%", "9600.0%"),
    ("满意度", "≥90%", 96, "[DBNum1][$-804]General", "九十六"),
    ("满意度2", "≥90%", 96, "[DBNum2][$-804]General", "玖拾陆"),
    ("人数", "≥100人", 120, '[$-804]0"人"', "120人"),
    ("时长", "≥8小时", 0.5, "h:mm", "12:00"),
    ("偏差", "≤5%", -0.03, '0.0%;[Red]\\-0.0%', "-3.0%"),
    ("投入", "≥10万元", 12, "0.00_);(0.00)", "12.00 "),
]


def styles():
    fmts = "".join('<numFmt numFmtId="%d" formatCode="%s"/>' % (164 + i, escape(r[3], {'"': "&quot;"}))
                   for i, r in enumerate(ROWS))
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' + "".join(
        '<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>' % (164 + i)
        for i in range(len(ROWS)))
    xfs += '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>'
    return ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<numFmts count="%d">%s</numFmts><fonts count="1"><font><sz val="11"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders><cellXfs count="%d">%s</cellXfs></styleSheet>'
            % (len(ROWS), fmts, len(ROWS) + 2, xfs))


def cell(ref, v, style=0):
    if isinstance(v, str):
        return '<c r="%s" t="inlineStr"%s><is><t>%s</t></is></c>' % (ref, ' s="%d"' % style if style else "", escape(v))
    return '<c r="%s" s="%d"><v>%r</v></c>' % (ref, style, v)


def data():
    out = ['<row r="1">%s</row>' % "".join(cell("%s1" % chr(65 + c), h) for c, h in enumerate(HEAD))]
    rows = list(ROWS) + [("完成率3", "≥90%", "0.96", "@", "0.96")]
    for r, (name, target, held, code, shown) in enumerate(rows, start=2):
        cells = [cell("%s%d" % (chr(65 + c), r), x) for c, x in
                 enumerate(["社区服务经费", "产出指标", "数量指标", name, target])]
        style = len(ROWS) + 1 if code == "@" else r - 1
        cells.append(cell("F%d" % r, held, style))
        cells.append(cell("G%d" % r, 10))
        out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    return "".join(out)


if section("xlsx"):
    sheet_book("formats18.xlsx", styles(), data())
    for code, shown in [(r[3], r[4]) for r in ROWS]:
        print("   %-32s shown %s" % (code, shown))
    rows_of("formats18.xlsx")
if section("convert"):
    for to in ["xls", "ods"]:
        subprocess.run(["soffice", "--headless", "--convert-to", to, "--outdir", path("."),
                        path("formats18.xlsx")], capture_output=True, timeout=120)
        rows_of("formats18." + to)
