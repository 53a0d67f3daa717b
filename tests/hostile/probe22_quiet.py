"""Issue 27, the small quiet readings left open (twenty-second session, H153), written by hand
from their descriptions before any real file was looked at: an indicator name folded over two
rows of a workbook, its merged cells spanning both (`参加培训的基层` / `干部人数`).
`tests/fixtures/quiet22/folded.xlsx` is this script's; `tests/quiet22.rs` reads it.

    python3 tests/hostile/probe22_quiet.py DIR BIN
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from probe_kit import rows_of, section, xlsx  # noqa: E402

if section("folded"):
    HEAD = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "分值", "实际完成值"]
    rows = [HEAD,
            ["培训项目", "产出指标", "数量指标", "参加培训的基层", "≥100人", 10, "120人"],
            ["", "", "", "干部人数", "", "", ""],
            ["", "效益指标", "满意度指标", "满意度", "≥90%", 10, "95%"]]
    xlsx("folded.xlsx", rows, merges=["A2:A4", "B2:B3", "C2:C3", "E2:E3", "F2:F3", "G2:G3"])
    rows_of("folded.xlsx")
