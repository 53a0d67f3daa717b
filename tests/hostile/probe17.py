#!/usr/bin/env python3
"""Issue 27's seventeenth probe (H111, 2026-12-06): forms the readers have not met, written by
hand from what spending units publish: an actual whose own unit disagrees with its 度量单位
column, approximate counts (`100余人`, `约100人`, `100人左右`, `近100人`, `超过100人`) as actuals
and targets, a flat sheet's budget figures shown rounded, and new families (a department-wide
form, target and actual in one cell, points written `10分`, a form out of 90 with the budget
row elsewhere, transposed forms, two projects side by side, a 中期调整 column, 满意度 grades).

    python3 tests/hostile/probe17.py DIR BIN [unit about rounded families]

Each case is run under `prlimit --as` 4 GB and `/usr/bin/time`; the lines of the report that
carry the figures are printed, to be checked by hand against the sheet. Nothing here is read by
`cargo test` (what is found is made again, smaller, in tests/).
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import section, tsv, rows_of, xlsx  # noqa: E402

# The form the probe's forms share (hand-checked): A 培训人数 80 of ≥100 人 (printed 40 of 50),
# 满意度 95 % of ≥90 % (50 of 50): A 90.
GRID7 = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
FLAT = ["项目名称"] + GRID7


def flat(*rows):
    """A flat sheet of project A: each row (三级指标, 年度指标值, 实际完成值, 分值) under 产出 / 数量."""
    return [FLAT] + [["A项目", "产出指标", "数量指标", n, t, a, p, ""] for n, t, a, p in rows]


if section("unit"):
    print("== unit: an actual whose own unit disagrees with its 度量单位 column")
    heads = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "度量单位", "分值", "得分"]
    # the cell's own unit against the column: `5万人` beside `人` (5万人 ≥ 40000人 either way once
    # read as the cell writes it); `96%` beside `个`; `50000人` beside `万人` (H99: the cell's own)
    for name, target, actual, unit in [
        ("wan-beside-ren", "≥40000人", "5万人", "人"),
        ("percent-beside-ge", "≥90%", "96%", "个"),
        ("percent-beside-ge-count", "≥10个", "96%", "个"),
        ("ren-beside-wanren", "≥40000人", "50000人", "万人"),
        ("ci-beside-ren", "≥100人", "120次", "人"),
        ("yuan-beside-wanyuan", "≤50万元", "45元", "万元"),
        ("same-unit", "≥100人", "120人", "人"),
        ("bare", "≥100人", "120", "人"),
    ]:
        rows_of(tsv("unit-%s.tsv" % name, [heads, ["A项目", "产出指标", "数量指标", "指标甲", target, actual, unit, "100", ""]]))
    # the 2024 template: the target's and the actual's units in columns of their own
    heads2 = ["项目名称", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "度量单位", "分值", "得分"]
    rows_of(tsv("unit-2024-conflict.tsv", [heads2,
        ["A项目", "产出指标", "数量指标", "受益人数", "≥", "4", "万人", "5万人", "人", "50", ""],
        ["A项目", "效益指标", "社会效益", "满意度", "≥", "90", "%", "96%", "个", "50", ""]]))
    # one 度量单位 column, the target's (before 实际完成值): the actual's own unit disagrees
    heads3 = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "度量单位", "实际完成值", "分值", "得分"]
    rows_of(tsv("unit-target-column-conflict.tsv", [heads3,
        ["A项目", "产出指标", "数量指标", "受益人数", "≥40000", "人", "5万人", "50", ""],
        ["A项目", "效益指标", "社会效益", "满意度", "≥90", "%", "96个", "50", ""]]))
    # a form with the actual's unit beside it
    rows_of(tsv("unit-form-conflict.tsv", [["项目名称：A项目"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "度量单位", "分值", "得分"],
        ["产出指标", "数量指标", "受益人数", "≥40000人", "5万人", "人", "50", ""],
        ["效益指标", "社会效益", "满意度", "≥90%", "96%", "个", "50", ""]]))

if section("about"):
    print("== about: approximate counts as actuals and targets")
    for target in ["≥100人", "≥120人", "≥90人", "≤80人", "≤150人", "100人"]:
        for actual in ["100余人", "100多人", "约100人", "100人左右", "近100人", "超过100人", "100人以上", "逾100人",
                       "不到100人", "100来人", "上百人", "100人次以上"]:
            rows_of(tsv("about-%s-%s.tsv" % (target, actual), flat(("培训人数", target, actual, "100"))))
    for target in ["100余人", "约100人", "100人左右", "100人以上", "近100人", "超过100人"]:
        for actual in ["95人", "105人", "130人", "100余人"]:
            rows_of(tsv("about-target-%s-%s.tsv" % (target, actual), flat(("培训人数", target, actual, "100"))))

if section("rounded"):
    print("== rounded: a flat sheet's budget figures shown rounded (xlsx format `0`)")
    head = ["项目名称", "全年预算数", "全年执行数", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    # the budget on a row of its own (no indicator), 10 points; the indicators 45 + 45
    def flat_funds(name, budget, spent, h=head):
        rows = [h, ["A项目", budget, spent, "", "", "", "", "", 10, ""],
                ["A项目", "", "", "产出指标", "数量指标", "培训人数", "≥100人", "100人", 45, 45],
                ["A项目", "", "", "效益指标", "社会效益", "满意度", "≥90%", "95%", 45, 45]]
        return rows_of(xlsx(name, rows))
    flat_funds("flat-spent-rounded.xlsx", 100, (99.6, "0"))
    flat_funds("flat-budget-rounded.xlsx", (100.4, "0"), 100)
    flat_funds("flat-spent-rounded-down.xlsx", 100, (95.4, "0"))
    flat_funds("flat-both-plain.xlsx", 100, 99.6)
    # 资金 in 万元 with a header unit; the figure shown `0.0`
    flat_funds("flat-spent-rounded-wan.xlsx", 12.5, (12.46, "0.0"),
               ["项目名称", "全年预算数（万元）", "全年执行数（万元）"] + head[3:])
    # amounts in 元 read into 万元 (two headers' units differ)
    flat_funds("flat-spent-rounded-yuan.xlsx", 12.5, (124600.4, "0"),
               ["项目名称", "全年预算数（万元）", "全年执行数（元）"] + head[3:])


if section("families"):
    print("== families: hand-made shapes; expect A 90.00 (培训人数 80 of ≥100人 40/50, 满意度 95% of ≥90% 50/50) unless said")
    ind = [["产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"],
           ["效益指标", "满意度指标", "满意度", "≥90%", "95%", "50", "50"]]
    # a department-wide form (部门整体支出绩效自评表): the unit, 年度总体目标, the funds, no project
    dept = [["部门整体支出绩效自评表"], ["（2024年度）"], ["部门（单位）名称", "某市某局"],
            ["年度预算执行情况（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", "100", "100", "100", "10", "100%", "10"],
            ["年度总体目标", "预期目标", "", "", "实际完成情况"], ["", "完成各项工作", "", "", "已完成"],
            GRID7] + [[c for c in r[:5]] + [str(int(r[5]) * 9 // 10), str(int(r[6]) * 9 // 10)] for r in ind] + [["总分", "", "", "", "", "100", "91"]]
    rows_of(tsv("dept-whole.tsv", dept))
    rows_of(xlsx("dept-whole.xlsx", dept))
    # target and actual in one cell (`目标：≥100人；完成：80人`)
    both = [["项目名称：A项目"], ["一级指标", "二级指标", "三级指标", "指标值及完成情况", "分值", "得分"],
            ["产出指标", "数量指标", "培训人数", "目标：≥100人；完成：80人", "50", "40"],
            ["效益指标", "满意度指标", "满意度", "目标：≥90%；完成：95%", "50", "50"]]
    rows_of(tsv("target-and-actual-one-cell.tsv", both))
    both2 = [["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值/实际完成值", "分值", "得分"],
             ["A项目", "产出指标", "数量指标", "培训人数", "≥100人/80人", "50", "40"],
             ["A项目", "效益指标", "满意度指标", "满意度", "≥90%/95%", "50", "50"]]
    rows_of(tsv("target-slash-actual.tsv", both2))
    # points written with 分
    rows_of(tsv("points-with-fen.tsv", [["项目名称：A项目"], GRID7,
        ["产出指标", "数量指标", "培训人数", "≥100人", "80人", "50分", "40分"],
        ["效益指标", "满意度指标", "满意度", "≥90%", "95%", "50分", "50分"]]))
    rows_of(tsv("points-with-fen-half.tsv", [["项目名称：A项目"], GRID7,
        ["产出指标", "数量指标", "培训人数", "≥100人", "80人", "50分", "39.5分"],
        ["效益指标", "满意度指标", "满意度", "≥90%", "95%", "50分", "50分"]]))
    # indicators out of 90, the budget's 10 points printed on a row after the grid
    rows_of(tsv("ninety-plus-budget-after.tsv", [["项目名称：A项目"], GRID7,
        ["产出指标", "数量指标", "培训人数", "≥100人", "80人", "45", "36"],
        ["效益指标", "满意度指标", "满意度", "≥90%", "95%", "45", "45"],
        ["预算执行率", "", "", "100%", "95%", "10", "9.5"],
        ["总分", "", "", "", "", "100", "90.5"]]))
    rows_of(tsv("ninety-budget-before.tsv", [["项目名称：A项目"],
        ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "100", "100", "95", "10", "95%", "9.5"], GRID7,
        ["产出指标", "数量指标", "培训人数", "≥100人", "80人", "45", "36"],
        ["效益指标", "满意度指标", "满意度", "≥90%", "95%", "45", "45"],
        ["总分", "", "", "", "", "100", "90.5"]]))
    # transposed: the indicators across columns
    rows_of(tsv("transposed.tsv", [["项目名称：A项目"],
        ["三级指标", "培训人数", "满意度"], ["年度指标值", "≥100人", "≥90%"], ["实际完成值", "80人", "95%"],
        ["分值", "50", "50"], ["得分", "40", "50"]]))
    rows_of(tsv("transposed-flat.tsv", [["项目名称", "A项目", "A项目"], ["一级指标", "产出指标", "效益指标"],
        ["三级指标", "培训人数", "满意度"], ["年度指标值", "≥100人", "≥90%"], ["实际完成值", "80人", "95%"],
        ["分值", "50", "50"], ["得分", "40", "50"]]))
    # two projects side by side on one sheet (A in columns A-G, B in I-O)
    a = [["项目名称：A项目"], GRID7] + ind
    b = [["项目名称：B项目"], GRID7, ["产出指标", "数量指标", "培训人数", "≥100人", "100人", "50", "50"],
         ["效益指标", "满意度指标", "满意度", "≥90%", "95%", "50", "50"]]
    side = [(ra + [""] * (7 - len(ra))) + [""] + rb for ra, rb in zip(a, b)]
    rows_of(tsv("side-by-side.tsv", side))
    rows_of(xlsx("side-by-side.xlsx", side))
    # a 中期调整 column beside the original target: which one is scored must be said
    for name, head in [("adjusted", "调整后指标值"), ("midyear", "中期调整指标值"), ("adjusted-target", "调整后目标值")]:
        rows_of(tsv("%s.tsv" % name, [["项目名称：A项目"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", head, "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "培训人数", "≥120人", "≥100人", "100人", "50", "50"],
            ["效益指标", "满意度指标", "满意度", "≥90%", "", "95%", "50", "50"]]))
        rows_of(tsv("%s-flat.tsv" % name, [["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", head, "实际完成值", "分值", "得分"],
            ["A项目", "产出指标", "数量指标", "培训人数", "≥120人", "≥100人", "100人", "50", "50"],
            ["A项目", "效益指标", "满意度指标", "满意度", "≥90%", "", "95%", "50", "50"]]))
    # 满意度 given as grades
    for grade in ["满意", "较满意", "基本满意", "非常满意", "不满意"]:
        rows_of(tsv("satisfaction-%s.tsv" % grade, [["项目名称：A项目"], GRID7,
            ["产出指标", "数量指标", "培训人数", "≥100人", "100人", "50", "50"],
            ["效益指标", "满意度指标", "服务对象满意度", "≥90%", grade, "50", ""]]))
    rows_of(tsv("satisfaction-target-grade.tsv", [["项目名称：A项目"], GRID7,
        ["产出指标", "数量指标", "培训人数", "≥100人", "100人", "50", "50"],
        ["效益指标", "满意度指标", "服务对象满意度", "满意", "较满意", "50", ""]]))
