"""Issue 27, the nineteenth probe of workbooks (H135): number formats that change what a cell
means, written by hand from the descriptions of Excel's format codes (no real file looked at):
a unit in the format, a literal percent sign, a percent format on a value already a percentage,
scaled formats (`0.0,` and `0.0,,`), the Chinese ten-thousands formats (`0!.0000"万"`,
`0"."0,"万"`), a conditional section, a time alone, fractions, `@` text holding a number,
accountants' brackets, a zero shown as a dash, General on a float of 0.95999999999. A flat
self-evaluation sheet, one indicator a format, as an `.xlsx` (by hand), LibreOffice's `.xls` and
`.ods` of it, and an `.xlsb` (by hand, [MS-XLSB] `BrtFmt`/`BrtXF`); each read by `evaluate`.

    python3 tests/hostile/probe19_workbooks.py DIR BIN [xlsx convert xlsb]
"""
import os, struct, subprocess, sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "fixtures", "formats"))
from probe_kit import path, rows_of, section, sheet_book  # noqa: E402

HEAD = ["项目", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值"]
# name, target, the actual held, its format code, what Excel shows
ROWS = [
    ("培训人数", "≥100人", 120, '0"人"', "120人"),
    ("投入资金", "≥10万元", 12.5, '#,##0.00"万元"', "12.50万元"),
    ("满意度", "≥90%", 96, '0"%"', "96%"),
    ("完成率", "≥90%", 96, "0.0%", "9600.0%"),
    ("偏差率", "≤5%", 3, "0.0%", "300.0%"),
    ("服务人次", "≥100千人次", 123456, "0.0,", "123.5"),
    ("覆盖人口", "≥2百万人", 1234567, "0.0,,", "1.2"),
    ("筹集资金", "≥20万元", 150000, '0!.0000"万"', "15.0000万"),
    ("配套资金", "≥20万元", 150000, '0"."0,"万"', "15.0万"),
    ("带动就业", "≥20万人", 150000, '[>=10000]0.0,"万";0', "150.0万"),
    ("服务时长", "≥8小时", 0.5, "h:mm", "12:00"),
    ("占比", "≥0.5", 0.75, "# ?/?", "3/4"),
    ("净增户数", "≥1户", -5, "0;(0)", "(5)"),
    ("投诉件数", "≤1件", 0, '0;-0;"—"', "—"),
    ("达标率", "≥0.96", 0.95999999999, "General", "0.96"),
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


def all_rows():
    return list(ROWS) + [("完成率3", "≥90%", "96", "@", "96")]


def data():
    out = ['<row r="1">%s</row>' % "".join(cell("%s1" % chr(65 + c), h) for c, h in enumerate(HEAD))]
    for r, (name, target, held, code, shown) in enumerate(all_rows(), start=2):
        cells = [cell("%s%d" % (chr(65 + c), r), x) for c, x in
                 enumerate(["社区服务经费", "产出指标", "数量指标", name, target])]
        style = len(ROWS) + 1 if code == "@" else r - 1
        cells.append(cell("F%d" % r, held, style))
        cells.append(cell("G%d" % r, 10))
        out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    return "".join(out)


def xlsb(name):
    from raised_runs_binary import font12, rec12, wide, xlsb_package
    fmts = b"".join(rec12(0x2C, struct.pack("<H", 164 + i) + wide(r[3])) for i, r in enumerate(ROWS))
    xf = lambda fmt: struct.pack("<HHHHHBBHBB", 0xFFFF, fmt, 0, 0, 0, 0, 0, 0, 0, 0)
    xfs = [xf(0)] + [xf(164 + i) for i in range(len(ROWS))] + [xf(49)]
    styles = (rec12(0x296) + rec12(0x267, struct.pack("<I", len(ROWS))) + fmts + rec12(0x268)
              + rec12(0x263, struct.pack("<I", 1)) + font12(0) + rec12(0x264)
              + rec12(0x269, struct.pack("<I", len(xfs))) + b"".join(rec12(0x2F, x) for x in xfs)
              + rec12(0x26A) + rec12(0x297))
    cell = lambda c, s: struct.pack("<II", c, s)
    st = lambda c, t, s=0: rec12(0x06, cell(c, s) + wide(t))
    real = lambda c, v, s=0: rec12(0x05, cell(c, s) + struct.pack("<d", v))
    row = lambda r, cells: rec12(0x00, struct.pack("<IIHBBBI", r, 0, 300, 0, 0, 0, 0)) + b"".join(cells)
    rows = [[st(c, h) for c, h in enumerate(HEAD)]]
    for r, (indicator, target, held, code, shown) in enumerate(all_rows(), start=1):
        style = len(ROWS) + 1 if code == "@" else r
        actual = st(5, held, style) if isinstance(held, str) else real(5, float(held), style)
        rows.append([st(c, x) for c, x in enumerate(["社区服务经费", "产出指标", "数量指标", indicator, target])]
                    + [actual, real(6, 10.0)])
    sheet = rec12(0x81) + rec12(0x94, struct.pack("<IIII", 0, len(rows) - 1, 0, len(HEAD) - 1)) + rec12(0x91)
    sheet += b"".join(row(r, cells) for r, cells in enumerate(rows)) + rec12(0x92) + rec12(0x82)
    xlsb_package(path(name), sheet, styles)
    return name


if section("xlsx"):
    sheet_book("formats19.xlsx", styles(), data())
    for code, shown in [(r[3], r[4]) for r in ROWS]:
        print("   %-32s shown %s" % (code, shown))
    rows_of("formats19.xlsx")
if section("convert"):
    for to in ["xls", "ods"]:
        subprocess.run(["soffice", "--headless", "--convert-to", to, "--outdir", path("."),
                        path("formats19.xlsx")], capture_output=True, timeout=120)
        rows_of("formats19." + to)
if section("xlsb"):
    rows_of(xlsb("formats19.xlsb"))
