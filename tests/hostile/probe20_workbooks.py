"""Issue 27, the twentieth look at workbooks read quietly wrong (H143), written by hand from the
descriptions of Excel's format codes before any real file was looked at: a time-only cell
(`h:mm`, `[h]:mm`, `mm:ss`) whose target is a time or is not, `General` on floats Excel shows
rounded (its 11-character rule), the Chinese 万 formats as LibreOffice writes them into an
`.xls`/`.ods`, and a real rate past 150 % in a percent cell beside a whole number typed into one.
A flat self-evaluation sheet, one indicator a row, as an `.xlsx` (by hand) and LibreOffice's
`.xls` and `.ods` of it; each read by `evaluate`.

    python3 tests/hostile/probe20_workbooks.py DIR BIN [xlsx convert]
"""
import os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from probe_kit import path, rows_of, section, xlsx  # noqa: E402

HEAD = ["项目", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值"]
# indicator, target, the actual held, its format code, what Excel shows
ROWS = [
    ("服务时长", "≥8小时", 0.5, "h:mm", "12:00"),
    ("累计时长", "≤48小时", 1.5, "[h]:mm", "36:00"),
    ("响应时间", "≤5秒", 4 / 86400, "mm:ss", "00:04"),
    ("办结时限", "≤30分钟", 25 / 1440, "h:mm", "0:25"),
    ("开馆时间", "8:30前", 8.25 / 24, "h:mm", "8:15"),
    ("达标率", "≥0.96", 0.95999999999, "General", "0.96"),
    ("圆周率", "≥3.14", 3.14159265358979, "General", "3.141592654"),
    ("筹集资金", "≥20万元", 150000, '0!.0000"万"', "15.0000万"),
    ("配套资金", "≥20万元", 150000, '0!.0,"万"', "15.0万"),
    ("带动投资", "≥20万元", 250000, '#,##0!.0,"万元"', "25.0万元"),
    ("执行率", "≥90%", 1.6, "0%", "160%"),
    ("完成率", "≥90%", 96, "0.0%", "9600.0%"),
    ("偏差率", "≤5%", 3, "0.0%", "300.0%"),
    ("增长率", "≥10%", 2.5, "0%", "250%"),
    ("通行时长", "≥30小时", 1.5, "h:mm", "12:00"),
]


def rows():
    out = [HEAD]
    for name, target, held, code, shown in ROWS:
        out.append(["社区服务经费", "产出指标", "数量指标", name, target, (repr(held), code), 10])
    return out


if section("xlsx"):
    xlsx("formats20.xlsx", rows())
    for r in ROWS:
        print("   %-10s %-10s %-22s shown %s" % (r[0], r[1], r[3], r[4]))
    rows_of("formats20.xlsx")
if section("convert"):
    for to in ["xls", "ods"]:
        subprocess.run(["soffice", "--headless", "--convert-to", to, "--outdir", path("."),
                        path("formats20.xlsx")], capture_output=True, timeout=180)
        rows_of("formats20." + to)
    # what LibreOffice itself shows (its csv is the cells as formatted)
    subprocess.run(["soffice", "--headless", "--convert-to", "csv", "--outdir", path("."),
                    path("formats20.xls")], capture_output=True, timeout=180)
    print(open(path("formats20.csv"), encoding="utf-8", errors="replace").read())
