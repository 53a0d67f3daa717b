#!/usr/bin/env python3
"""Issue 27's sixteenth probe (H99, 2026-12-06): forms the readers have not met, written by hand
from what spending units publish: project-name labels with a dash or brackets (`项目名称—A项目`,
`【A项目】`, `（一）A项目`), CSVs separated by `|`, `，`, `；`, `、`, an actual with its own 度量单位
column, plan figures shown rounded in an xlsx, and new families (2024 templates with their
columns in other orders, 分值 per 二级指标, merged 偏差原因, GBK tab text, 合计 rows in the grid, a
table that starts at D7).

    python3 tests/hostile/probe16.py DIR BIN [labels csv unit rounded families]

Each case is run under `prlimit --as` 4 GB and `/usr/bin/time`; the lines of the report that
carry the figures are printed, to be checked by hand against the sheet. Nothing here is read by
`cargo test` (what is found is made again, smaller, in tests/).
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import section, tsv, rows_of, xlsx  # noqa: E402


# Two stacked self-evaluation forms, hand-checked: A 培训人数 80 of ≥100 人 (printed 40 of 50),
# 满意度 95 % of ≥90 % (50 of 50): A 90; B 100 人 (50 of 50) and 满意度 50: B 100.
GRID7 = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def stacked(label_rows):
    stack = []
    for p, a, s in [("A项目", "80人", "40"), ("B项目", "100人", "50")]:
        stack += [[x.format(p) for x in r] for r in label_rows(p)]
        stack += [GRID7, ["产出指标", "数量指标", "培训人数", "≥100人", a, "50", s],
                  ["效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"], [""]]
    return stack


if section("labels"):
    print("== labels: stacked forms under name labels with a dash or brackets; expect A 90.00, B 100.00")
    cases = [
        ("em-dash", lambda p: [["项目名称—{}"]]),
        ("double-dash", lambda p: [["项目名称——{}"]]),
        ("fullwidth-hyphen", lambda p: [["项目名称－{}"]]),
        ("hyphen", lambda p: [["项目名称-{}"]]),
        ("en-dash-spaced", lambda p: [["项目名称 – {}"]]),
        ("colon-bracket", lambda p: [["项目名称：【{}】"]]),
        ("bracket-cell", lambda p: [["项目名称", "【{}】"]]),
        ("bracket-title", lambda p: [["【{}】"]]),
        ("space", lambda p: [["项目名称 {}"]]),
        ("heading-paren", lambda p: [["（%s）{}" % ("一" if p == "A项目" else "二")]]),
        ("heading-dun", lambda p: [["%s、{}" % ("一" if p == "A项目" else "二")]]),
        ("heading-digit", lambda p: [["%s.{}" % ("1" if p == "A项目" else "2")]]),
        ("title", lambda p: [["{}绩效自评表"]]),
        ("title-bracket", lambda p: [["【{}】绩效自评表"]]),
        ("bracket-and-unit", lambda p: [["【{}】", "", "", "实施单位：某局"]]),
        ("angle-title", lambda p: [["《{}》"]]),
    ]
    for name, rows in cases:
        rows_of(tsv("stack-%s.tsv" % name, stacked(rows)))
    # mixed: the first form labelled, the second only headed
    rows_of(tsv("stack-label-then-heading.tsv", stacked(lambda p: [["项目名称：{}" if p == "A项目" else "【{}】"]])))
    # a label above a heading above the grid (both name it): one form each, the label's name
    rows_of(tsv("stack-label-and-heading.tsv", stacked(lambda p: [["项目名称：{}"], ["（%s）{}" % ("一" if p == "A项目" else "二")]])))
    # one form with a scored part heading between two grids: one project
    rows_of(tsv("one-form-two-parts.tsv", [["项目名称：A项目"], GRID7, ["产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"],
                                           [""], ["（二）项目效益"], GRID7, ["效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"]]))
    # one form only, with the dash label (not stacked): the name must be A项目
    rows_of(tsv("one-em-dash.tsv", stacked(lambda p: [["项目名称—{}"]])[:5]))
    # a label whose value names no project: `项目名称—` alone
    rows_of(tsv("dash-empty.tsv", [["项目名称—"], GRID7, ["产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"]]))
    # a dash inside a real name: `项目名称：乡村振兴—产业帮扶项目`
    rows_of(tsv("dash-in-name.tsv", [["项目名称：乡村振兴—产业帮扶项目"], GRID7,
                                     ["产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"]]))

if section("csv"):
    print("== csv: separators; expect a named cause and a way forward")
    heads = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    body = [["A项目", "产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"],
            ["A项目", "效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"]]
    for name, sep, enc in [("pipe", "|", "utf-8"), ("pipe-gbk", "|", "gbk"), ("fullwidth-comma", "，", "utf-8"),
                           ("fullwidth-comma-gbk", "，", "gbk"), ("fullwidth-semicolon", "；", "utf-8"),
                           ("dun", "、", "utf-8"), ("fullwidth-pipe", "｜", "utf-8"), ("pipe-spaced", " | ", "utf-8")]:
        for ext in ("csv", "txt"):
            rows_of(tsv("%s.%s" % (name, ext), [heads] + body, enc=enc, sep=sep))
    # a comma CSV whose cells hold `，` (a real sentence): must stay read
    rows_of(tsv("comma-with-fullwidth.csv", [heads + ["偏差原因"]] + [r + ["人员调动，未完成"] for r in body], sep=","))

if section("unit"):
    print("== unit: an actual with its own 度量单位 column")
    heads = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "度量单位", "分值", "得分"]
    rows_of(tsv("actual-unit-flat.tsv", [heads,
        ["A项目", "产出指标", "数量指标", "受益人数", "≥40000人", "5", "万人", "50", "50"],
        ["A项目", "产出指标", "数量指标", "培训人数", "≥100人", "0.008", "万人", "25", "20"],
        ["A项目", "效益指标", "社会效益", "满意度", "≥90%", "95", "%", "25", "25"]]))
    rows_of(tsv("actual-unit-misfit.tsv", [heads,
        ["A项目", "产出指标", "数量指标", "受益人数", "≥40000人", "5", "万元", "100", "100"]]))
    # the 2024 template: 指标性质 | 指标值 | 度量单位 for the target, 实际完成值 | 度量单位 for the actual
    heads2 = ["项目名称", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "度量单位", "分值", "得分"]
    rows_of(tsv("actual-unit-2024.tsv", [heads2,
        ["A项目", "产出指标", "数量指标", "受益人数", "≥", "4", "万人", "38000", "人", "50", "47.5"],
        ["A项目", "效益指标", "社会效益", "满意度", "≥", "90", "%", "95", "%", "50", "50"]]))
    # a form (per project) with the actual's unit beside it
    rows_of(tsv("actual-unit-form.tsv", [["项目名称：A项目"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "度量单位", "分值", "得分"],
        ["产出指标", "数量指标", "受益人数", "≥40000人", "5", "万人", "50", "50"],
        ["效益指标", "社会效益", "满意度", "≥90%", "95", "%", "50", "50"]]))
    # the actual already carries a unit and the column repeats it: must not be read twice
    rows_of(tsv("actual-unit-repeated.tsv", [heads,
        ["A项目", "产出指标", "数量指标", "受益人数", "≥40000人", "5万人", "万人", "100", "100"]]))
    # the actual carries a different unit from its column
    rows_of(tsv("actual-unit-conflict.tsv", [heads,
        ["A项目", "产出指标", "数量指标", "受益人数", "≥40000人", "50000人", "万人", "100", "100"]]))
    # one 度量单位 column before 实际完成值 (the target's): the actual stays as written
    heads3 = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "度量单位", "实际完成值", "分值", "得分"]
    rows_of(tsv("target-unit-only.tsv", [heads3,
        ["A项目", "产出指标", "数量指标", "受益人数", "≥4", "万人", "38000", "100", "95"]]))

if section("rounded"):
    print("== rounded: plan figures shown rounded in an xlsx (format `0` / `0%`)")
    def funds_form(budget, spent, rate, name):
        rows = [["项目支出绩效自评表"], ["项目名称", "A项目"],
                ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                ["年度资金总额", 100, budget, spent, 10, rate, ""],
                GRID7, ["产出指标", "数量指标", "培训人数", "≥100人", "100人", 45, 45],
                ["效益指标", "社会效益", "满意度", "≥90%", "95%", 45, 45]]
        return rows_of(xlsx(name, rows))
    funds_form(100, (99.6, "0"), "", "spent-rounded.xlsx")
    funds_form(100, (99.6, "0"), (0.996, "0%"), "spent-and-rate-rounded.xlsx")
    funds_form((100.4, "0"), 100, "", "budget-rounded.xlsx")
    funds_form(100, 99.6, (0.996, "0%"), "rate-rounded.xlsx")
    funds_form(100, (95.4, "0"), "", "spent-rounded-down.xlsx")
    # the grid's 计划数 column shown rounded
    rows = [["项目名称", "A项目"], ["一级指标", "二级指标", "三级指标", "计划数", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "培训人数", (99.6, "0"), "≥100人", "100人", 50, 50],
            ["效益指标", "社会效益", "满意度", "", "≥90%", "95%", 50, 50]]
    rows_of(xlsx("plan-column-rounded.xlsx", rows))
    # a relative target scored against the plan column (上年实际) shown rounded: 104.8 against
    # 99.6 is +5.2 % (达标), against the 100 shown +4.8 % (未达标)
    rows = [["项目名称", "A项目"], ["一级指标", "二级指标", "三级指标", "上年实际", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "服务人次", (99.6, "0"), "较上年增长≥5%", "104.8", 50, 50],
            ["效益指标", "社会效益", "满意度", "", "≥90%", "95%", 50, 50]]
    rows_of(xlsx("plan-relative-rounded.xlsx", rows))


if section("families"):
    print("== families: hand-made shapes; expect A 90.00 (培训人数 80 of ≥100人 40/50, 满意度 95% of ≥90% 50/50) unless said")
    # 2024 templates with the split target's columns in other orders
    orders = {
        "value-nature-unit": (["指标值", "指标性质", "度量单位"], [["100", "≥", "人"], ["90", "≥", "%"]]),
        "unit-nature-value": (["度量单位", "指标性质", "指标值"], [["人", "≥", "100"], ["%", "≥", "90"]]),
        "nature-value-unit-direction": (["指标性质", "指标值", "度量单位", "指标方向"], [["定量", "100", "人", "正向"], ["定量", "90", "%", "正向"]]),
        "direction-value-unit": (["指标方向", "指标值", "度量单位"], [["正向", "100", "人"], ["正向", "90", "%"]]),
        "value-unit-direction-after-actual": (["指标值", "度量单位"], [["100", "人"], ["90", "%"]]),
    }
    for name, (cols, vals) in orders.items():
        extra = ["指标方向"] if name.endswith("after-actual") else []
        head = ["项目名称", "一级指标", "二级指标", "三级指标"] + cols + ["实际完成值"] + extra + ["分值", "得分"]
        body = [["A项目", "产出指标", "数量指标", "培训人数"] + vals[0] + ["80"] + (["正向"] if extra else []) + ["50", "40"],
                ["A项目", "效益指标", "社会效益", "满意度"] + vals[1] + ["95"] + (["正向"] if extra else []) + ["50", "50"]]
        rows_of(tsv("order-%s.tsv" % name, [head] + body))
        rows_of(tsv("order-%s-form.tsv" % name, [["项目名称：A项目"], head[1:]] + [r[1:] for r in body]))
    # the reverse direction in another order: ≤ from 反向, a cost of 45 against 50
    rows_of(tsv("order-reverse.tsv", [["项目名称", "一级指标", "二级指标", "三级指标", "度量单位", "指标值", "指标方向", "实际完成值", "分值", "得分"],
        ["A项目", "产出指标", "成本指标", "差旅费", "万元", "50", "反向", "45", "50", "50"],
        ["A项目", "效益指标", "社会效益", "满意度", "%", "90", "正向", "95", "50", "50"]]))
    # 分值 given per 二级指标 only (the group's first row; or merged down in a workbook): 数量 40
    # over 培训人数 (≥100人, 80人) and 培训场次 (≥4次, 4次); 满意度 60: 100 in all
    per2 = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "培训人数", "≥100人", "80人", "40", "36"],
            ["产出指标", "数量指标", "培训场次", "≥4次", "4次", "", ""],
            ["效益指标", "满意度指标", "满意度", "≥90%", "95%", "60", "60"]]
    rows_of(tsv("points-per-level2.tsv", [["项目名称：A项目"]] + per2))
    rows_of(xlsx("points-per-level2.xlsx", [["项目名称：A项目"]] + [[int(c) if c.isdigit() else c for c in r] for r in per2],
                 merges=["F3:F4", "G3:G4"]))
    # 偏差原因分析及改进措施 merged over two columns (header and each row), xlsx
    dev = [["项目名称", "A项目"], ["一级指标", "二级指标", "三级指标", "全年目标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施", ""],
           ["产出指标", "数量指标", "培训人数", "≥100人", "80人", 50, 40, "报名人数不足", ""],
           ["效益指标", "社会效益", "满意度", "≥90%", "95%", 50, 50, "", ""]]
    rows_of(xlsx("deviation-two-columns.xlsx", dev, merges=["H2:I2", "H3:I3", "H4:I4"]))
    flat = [["项目名称", "一级指标", "二级指标", "三级指标", "全年目标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施", "", "备注"],
            ["A项目", "产出指标", "数量指标", "培训人数", "≥100人", "80人", 50, 40, "报名人数不足", "", ""],
            ["A项目", "效益指标", "社会效益", "满意度", "≥90%", "95%", 50, 50, "", "", ""]]
    rows_of(xlsx("deviation-two-columns-flat.xlsx", flat, merges=["I1:J1", "I2:J2", "I3:J3"]))
    # a GBK tab file named .txt, with a title line and the unit
    rows_of(tsv("gbk-tab.txt", [["2024年度项目支出绩效自评表"], ["单位名称：某局"],
        ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["A项目", "产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"],
        ["A项目", "效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"]], enc="gbk"))
    rows_of(tsv("gbk-tab-form.txt", [["项目名称：A项目"], GRID7,
        ["产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"],
        ["效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"]], enc="gbk"))
    # totals rows inside the indicator block: a 小计 after each 一级指标, a 合计 at the end
    sub = [["项目名称：A项目"], GRID7,
           ["产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"],
           ["产出指标", "小计", "", "", "", "50", "40"],
           ["效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"],
           ["效益指标", "小计", "", "", "", "50", "50"],
           ["合计", "", "", "", "", "100", "90"]]
    rows_of(tsv("subtotals-form.tsv", sub))
    sub2 = [["项目名称：A项目"], GRID7,
            ["产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"],
            ["小计", "", "", "", "", "50", "40"],
            ["效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"],
            ["小计", "", "", "", "", "50", "50"],
            ["合计", "", "", "", "", "100", "90"]]
    rows_of(tsv("subtotals-first-column.tsv", sub2))
    subflat = [["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
               ["A项目", "产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"],
               ["A项目", "产出指标", "合计", "", "", "", "50", "40"],
               ["A项目", "效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"],
               ["A项目", "合计", "", "", "", "", "100", "90"]]
    rows_of(tsv("subtotals-flat.tsv", subflat))
    # a 合计 row whose sum is wrong (95): must be 未核对 or named, never 95
    bad = [r[:] for r in sub]
    bad[-1] = ["合计", "", "", "", "", "100", "95"]
    rows_of(tsv("subtotals-wrong.tsv", bad))
    # an xlsx whose table starts at D7 (a logo block above)
    tbl = [["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
           ["A项目", "产出指标", "数量指标", "培训人数", "≥100人", "80人", 50, 40],
           ["A项目", "效益指标", "社会效益", "满意度", "≥90%", "95%", 50, 50]]
    rows_of(xlsx("starts-at-d7.xlsx", tbl, at=(6, 3)))
    rows_of(xlsx("starts-at-d7-form.xlsx", [["项目名称", "A项目"], GRID7,
        ["产出指标", "数量指标", "培训人数", "≥100人", "80人", 50, 40],
        ["效益指标", "社会效益", "满意度", "≥90%", "95%", 50, 50]], at=(6, 3)))
    # D7 with a title in A1 and a note in B3 (cells far left of the table)
    xl = [["2024年度绩效自评表"], [], ["", "说明：本表由某局填报"], [], [], [],
          ["", "", "", "项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
          ["", "", "", "A项目", "产出指标", "数量指标", "培训人数", "≥100人", "80人", 50, 40],
          ["", "", "", "A项目", "效益指标", "社会效益", "满意度", "≥90%", "95%", 50, 50]]
    rows_of(xlsx("starts-at-d7-title.xlsx", xl))
