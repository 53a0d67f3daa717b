#!/usr/bin/env python3
"""Issue 27's eighteenth probe of forms (H123, 2026-12-07): layouts and phrasings not yet tried,
each written by hand from what spending units publish: target and actual in one cell, transposed
forms, the form's printed sums (合计 / 小计 / 总分, of 分值 and of 得分) as the test of every
reading, and new families (numbered 三级指标, an indicator continued over two rows, a range with
its 计量单位 apart, 满意度 as a sample, `≤上年` against a 上年 column, points once per category,
falls and zero targets).

    python3 tests/hostile/probe18.py DIR BIN [onecell transposed sums families more]

Each case is run under `prlimit --as` 4 GB and `/usr/bin/time`; the lines of the report that
carry the figures are printed, to be checked by hand against the form. Nothing here is read by
`cargo test` (what is found is made again, smaller, in tests/probe18.rs).
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import run, section, tsv, rows_of, xlsx  # noqa: E402

# The project every form here describes (checked by hand): 乙项目, three indicators:
#   发放补贴户数 ≥200户, done 180户 → 180/200 of 40 = 36 (未达标)
#   补贴发放及时率 =100%, done 100% → 30 of 30
#   受益群众满意度 ≥90%, done 93% → 30 of 30
# so the form prints 96 of 100.
HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
ROWS = [("产出指标", "数量指标", "发放补贴户数", "≥200户", "180户", "40", "36"),
        ("产出指标", "时效指标", "补贴发放及时率", "=100%", "100%", "30", "30"),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", "30", "30")]
LABEL = ["项目名称", "乙项目", "", "主管部门", "某县农业农村局"]


def form(head, rows, total=("100", "96"), label=LABEL):
    """The label row, the grid header, its rows and a 总分 row printing `total` (分值, 得分) under
    the header's 分值 and 得分 columns."""
    out = [list(label), list(head)] + [list(r) for r in rows]
    if total:
        row = ["总分"] + [""] * (len(head) - 1)
        row[head.index("分值")], row[head.index("得分")] = total
        out.append(row)
    return out


def both_tsv_xlsx(name, rows):
    rows_of(tsv(name + ".tsv", rows))
    rows_of(xlsx(name + ".xlsx", rows))


if section("onecell"):
    print("== onecell: target and actual in one cell; expect 乙项目 96.00 where the cell says which is which")
    # 1. one column `指标值及完成情况`, each cell labelled 目标 / 完成
    h = ["一级指标", "二级指标", "三级指标", "指标值及完成情况", "分值", "得分"]
    labelled = [(a, b, c, "目标：%s；完成：%s" % (t, d), p, s) for a, b, c, t, d, p, s in ROWS]
    both_tsv_xlsx("onecell-labelled", form(h, labelled))
    # the same labels, spelled otherwise: 年度目标 / 实际完成, 计划 / 实际, with commas or a line break
    for sep, lt, la in [("，", "年度目标", "实际完成"), ("\n", "计划", "实际"), (";", "指标值", "完成值"), ("　", "目标值", "实际值")]:
        cells = [(a, b, c, "%s%s%s%s%s" % (lt, t, sep, la, d), p, s) for a, b, c, t, d, p, s in ROWS]
        # (a line break inside a cell needs a workbook: a tab-separated line ends there)
        name = "onecell-%s-%s" % (lt, la)
        rows_of(xlsx(name + ".xlsx", form(h, cells)) if sep == "\n" else tsv(name + ".tsv", form(h, cells)))
    # 2. header `年度指标值/实际完成值`, cells `≥200户/180户`
    h2 = ["一级指标", "二级指标", "三级指标", "年度指标值/实际完成值", "分值", "得分"]
    slashed = [(a, b, c, "%s/%s" % (t, d), p, s) for a, b, c, t, d, p, s in ROWS]
    both_tsv_xlsx("onecell-slash", form(h2, slashed))
    # the other order: `实际完成值/年度指标值`, cells `180户/≥200户`
    h2r = ["一级指标", "二级指标", "三级指标", "实际完成值/年度指标值", "分值", "得分"]
    rows_of(tsv("onecell-slash-reversed.tsv", form(h2r, [(a, b, c, "%s/%s" % (d, t), p, s) for a, b, c, t, d, p, s in ROWS])))
    # one row whose cell does not split (`≥200户` alone): that row refused, the rest read
    bad = [list(r) for r in slashed]
    bad[0][3] = "≥200户"
    rows_of(tsv("onecell-slash-one-unsplit.tsv", form(h2, bad)))
    # 3. header `年度目标值（实际值）`, cells `≥200户（180户）`
    h3 = ["一级指标", "二级指标", "三级指标", "年度目标值（实际值）", "分值", "得分"]
    rows_of(tsv("onecell-bracket.tsv", form(h3, [(a, b, c, "%s（%s）" % (t, d), p, s) for a, b, c, t, d, p, s in ROWS])))
    # a flat sheet of the slash shape
    flat = [["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值/实际完成值", "分值", "得分"]] + \
        [["乙项目", a, b, c, "%s/%s" % (t, d), p, s] for a, b, c, t, d, p, s in ROWS]
    rows_of(tsv("onecell-slash-flat.tsv", flat))
    # the actual column saying both (`计划200户，实际完成180户`) beside a normal target column
    both = [(a, b, c, t, "计划%s，实际完成%s" % (t.lstrip("≥="), d), p, s) for a, b, c, t, d, p, s in ROWS]
    rows_of(tsv("onecell-actual-says-plan.tsv", form(HEAD, both)))

if section("transposed"):
    print("== transposed: indicators across, the roles down the first column")
    t = [list(LABEL),
         ["一级指标"] + [r[0] for r in ROWS],
         ["二级指标"] + [r[1] for r in ROWS],
         ["三级指标"] + [r[2] for r in ROWS],
         ["年度指标值"] + [r[3] for r in ROWS],
         ["实际完成值"] + [r[4] for r in ROWS],
         ["分值"] + [r[5] for r in ROWS],
         ["得分"] + [r[6] for r in ROWS]]
    both_tsv_xlsx("transposed-form", t)
    # only 指标 / 指标值 / 实际完成值 / 分值 / 得分 as the labels
    t2 = [list(LABEL), ["指标名称"] + [r[2] for r in ROWS], ["指标值"] + [r[3] for r in ROWS],
          ["实际完成值"] + [r[4] for r in ROWS], ["分值"] + [r[5] for r in ROWS], ["得分"] + [r[6] for r in ROWS],
          ["总分", "96"]]
    rows_of(tsv("transposed-short.tsv", t2))
    # a flat sheet: 项目名称 down the first column too
    t3 = [["项目名称"] + ["乙项目"] * 3] + t[1:]
    rows_of(tsv("transposed-flat.tsv", t3))

if section("sums"):
    print("== sums: the printed totals as the test of the reading")
    # a 小计 row per category; the 产出 subtotal printed 66 where its rows make 66; right
    sub = [list(LABEL), list(HEAD), list(ROWS[0]), list(ROWS[1]), ["小计", "", "", "", "", "70", "66"],
           list(ROWS[2]), ["小计", "", "", "", "", "30", "30"], ["合计", "", "", "", "", "100", "96"]]
    rows_of(tsv("sums-subtotals-right.tsv", sub))
    # the 产出 subtotal printed 70 of 得分 where its rows make 66 (the form's own error, or a misread)
    wrong = [list(r) for r in sub]
    wrong[4][6] = "70"
    wrong[7][6] = "100"
    rows_of(tsv("sums-subtotal-score-wrong.tsv", wrong))
    # the subtotal's 分值 printed 80 where its rows make 70 (total 分值 110: the 分值 sum is wrong)
    wrong2 = [list(r) for r in sub]
    wrong2[4][5] = "80"
    rows_of(tsv("sums-subtotal-weight-wrong.tsv", wrong2))
    # the 总分's 分值 printed 100 where the rows make 90 (a row the reader may have missed)
    w3 = [list(LABEL), list(HEAD), list(ROWS[0]), ["产出指标", "时效指标", "补贴发放及时率", "=100%", "100%", "20", "20"],
          list(ROWS[2]), ["总分", "", "", "", "", "100", "86"]]
    rows_of(tsv("sums-total-weight-wrong.tsv", w3))
    # a 合计 in the first column with its 分值 only
    w4 = [list(LABEL), list(HEAD)] + [list(r) for r in ROWS] + [["合计", "", "", "", "", "90", ""]]
    rows_of(tsv("sums-total-weight-only-wrong.tsv", w4))
    # a category heading with its points in brackets, `产出指标（70分）`, and a subtotal row of 得分
    w5 = [list(LABEL), list(HEAD), ["产出指标（80分）", "数量指标", "发放补贴户数", "≥200户", "180户", "40", "36"],
          ["产出指标（80分）", "时效指标", "补贴发放及时率", "=100%", "100%", "30", "30"], list(ROWS[2]),
          ["总分", "", "", "", "", "100", "96"]]
    rows_of(tsv("sums-category-points-wrong.tsv", w5))
    # a 总分 row with the total in the 得分 column only; right and wrong
    for tot in ["96", "95"]:
        rows_of(tsv("sums-total-%s.tsv" % tot, form(HEAD, ROWS, ("", tot))))
    # a flat sheet with a 合计 row per project
    fl = [["项目名称"] + HEAD] + [["乙项目"] + list(r) for r in ROWS] + [["合计", "", "", "", "", "", "90", "96"]]
    rows_of(tsv("sums-flat-weight-wrong.tsv", fl))
    # a 小计 row of 分值 under each 一级指标 in a flat sheet
    fl2 = [["项目名称"] + HEAD] + [["乙项目"] + list(ROWS[0]), ["乙项目"] + list(ROWS[1]),
                                  ["乙项目", "产出指标小计", "", "", "", "", "80", "70"], ["乙项目"] + list(ROWS[2])]
    rows_of(tsv("sums-flat-subtotal-wrong.tsv", fl2))

if section("families"):
    print("== families: new shapes; expect 乙项目 96.00 unless said")
    # 三级指标 numbered 1.1 / 1.1.1
    num = [(a, b, "%s %s" % (n, c), t, d, p, s) for (a, b, c, t, d, p, s), n in zip(ROWS, ["1.1.1", "1.2.1", "3.1.1"])]
    rows_of(tsv("numbered.tsv", form(HEAD, num)))
    num2 = [(a, b, "%s%s" % (n, c), t, d, p, s) for (a, b, c, t, d, p, s), n in zip(ROWS, ["1.1", "1.2", "2.1"])]
    rows_of(tsv("numbered-2.tsv", form(HEAD, num2)))
    # an indicator continued over two rows: the name's second half and the target on the second line
    cont = [list(LABEL), list(HEAD), ["产出指标", "数量指标", "发放补贴", "", "", "40", "36"],
            ["", "", "户数", "≥200户", "180户", "", ""], list(ROWS[1]), list(ROWS[2]), ["总分", "", "", "", "", "100", "96"]]
    rows_of(tsv("continued.tsv", cont))
    rows_of(xlsx("continued-merged.xlsx", cont, merges=["A3:A4", "B3:B4", "F3:F4", "G3:G4"]))
    # a range with the unit apart: 指标值 `90-95` | 计量单位 `%`
    h = ["一级指标", "二级指标", "三级指标", "指标值", "计量单位", "实际完成值", "分值", "得分"]
    rng = [list(LABEL), h, ["产出指标", "数量指标", "发放补贴户数", "≥200", "户", "180", "40", "36"],
           ["产出指标", "时效指标", "补贴发放及时率", "100", "%", "100", "30", "30"],
           ["满意度指标", "服务对象满意度指标", "受益群众满意度", "90-95", "%", "93", "30", "30"], ["总分", "", "", "", "", "", "100", "96"]]
    rows_of(tsv("range-unit-apart.tsv", rng))
    rng2 = [list(r) for r in rng]
    rng2[4][5] = "97"
    rows_of(tsv("range-unit-apart-over.tsv", rng2))
    rng3 = [list(r) for r in rng]
    rng3[4][3] = "90～95"
    rows_of(tsv("range-unit-apart-tilde.tsv", rng3))
    # 满意度 as a sample: 调查100人，满意93人
    for actual in ["调查100人，满意93人", "发放问卷200份，满意186份", "抽查50户，满意率93%", "满意93人/调查100人"]:
        rows = [list(r) for r in ROWS]
        rows[2][4] = actual
        rows_of(tsv("sample-%s.tsv" % actual[:6].replace("/", "-"), form(HEAD, rows)))
    # targets relative to the year before, 上年 in a column of its own
    h = ["一级指标", "二级指标", "三级指标", "上年实际", "年度指标值", "实际完成值", "分值", "得分"]
    for tgt, prev, act in [("≤上年", "120起", "110起"), ("≤上年", "120起", "130起"), ("较上年增长5%", "200户", "212户"),
                           ("较上年增长5%", "200户", "205户"), ("不低于上年", "95%", "96%"), ("较上年下降≥5%", "100起", "90起"),
                           ("较上年下降≥5%", "100起", "98起")]:
        rows = [list(LABEL), h, ["效益指标", "社会效益指标", "案件数", prev, tgt, act, "100", ""]]
        rows_of(tsv("prev-%s-%s.tsv" % (tgt, act), rows))
    # weight once per category (`产出指标（70分）`), the indicators unweighted
    cat = [list(LABEL), ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
           ["产出指标（70分）", "数量指标", "发放补贴户数", "≥200户", "180户", ""],
           ["产出指标（70分）", "时效指标", "补贴发放及时率", "=100%", "100%", ""],
           ["满意度指标（30分）", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", ""]]
    rows_of(tsv("category-points.tsv", cat))
    cat2 = [list(LABEL), ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"],
            ["产出指标（70分）", "数量指标", "发放补贴户数", "≥200户", "180户", ""],
            ["", "时效指标", "补贴发放及时率", "=100%", "100%", ""],
            ["满意度指标（30分）", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", ""]]
    rows_of(tsv("category-points-blank.tsv", cat2))
    # falls and zero targets
    for tgt, act in [("下降≥5%", "下降6%"), ("下降≥5%", "下降3%"), ("下降≥5%", "6%"), ("0", "0"), ("0", "1"),
                     ("0起", "0起"), ("0起", "2起"), ("=0", "1起"), ("≤0", "0"), ("无", "0起"), ("零事故", "0起"),
                     ("零事故", "1起"), ("不发生", "未发生"), ("不发生", "发生1起")]:
        rows = [list(LABEL), list(HEAD), ["产出指标", "质量指标", "安全事故发生次数", tgt, act, "100", ""]]
        rows_of(tsv("zero-%s-%s.tsv" % (tgt, act), rows))
    # a 得分 column whose cached values disagree with the formulas (the printed sum trusted?)
    print("   (formula cached values: not written here, workbook cells are H122's)")
    run(["inspect", "onecell-slash.tsv"], "inspect onecell-slash.tsv")

if section("more"):
    print("== more: further shapes; expect 乙项目 96.00 unless said")
    # a 完成率 column (B/A) between the actual and the points
    h = ["一级指标", "二级指标", "三级指标", "全年指标值（A）", "全年实际完成值（B）", "完成率（B/A）", "分值", "得分"]
    rows = [(a, b, c, t, d, r, p, s) for (a, b, c, t, d, p, s), r in zip(ROWS, ["90%", "100%", "103.33%"])]
    rows_of(tsv("more-completion-rate.tsv", form(h, rows)))
    # 得分 written as a share of the points (`90%`)
    rows = [list(r) for r in ROWS]
    rows[0][6] = "90%"
    rows_of(tsv("more-score-percent.tsv", form(HEAD, rows)))
    # a printed 得分 above its 分值
    rows = [list(r) for r in ROWS]
    rows[1][6] = "35"
    rows_of(tsv("more-score-over-points.tsv", form(HEAD, rows, ("100", "101"))))
    # two header rows: 绩效指标 across, then the names; 指标值 spanning 年度指标值 | 实际完成值
    two = [list(LABEL), ["绩效指标", "", "", "指标值", "", "分值", "得分"],
           ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "", ""]] + [list(r) for r in ROWS] + [["总分", "", "", "", "", "100", "96"]]
    rows_of(tsv("more-two-header-rows.tsv", two))
    rows_of(xlsx("more-two-header-rows.xlsx", two, merges=["A2:C2", "D2:E2", "F2:F3", "G2:G3"]))
    # the actual as words against a figure
    for act in ["已完成", "全部完成", "180", "180户（完成90%）", "完成180户"]:
        rows = [list(r) for r in ROWS]
        rows[0][4] = act
        rows_of(tsv("more-actual-%s.tsv" % act, form(HEAD, rows)))
    # a form whose 三级指标 repeat the 二级 name (`数量指标` in both), and a row of 指标1: placeholders
    rows = [list(r) for r in ROWS] + [["产出指标", "成本指标", "指标1：", "", "", "", ""]]
    rows_of(tsv("more-placeholder.tsv", form(HEAD, rows)))
    # the budget row inside the grid as an indicator (预算执行率), points 10, indicators 90
    rows = [("产出指标", "数量指标", "发放补贴户数", "≥200户", "180户", "30", "27"),
            ("产出指标", "时效指标", "补贴发放及时率", "=100%", "100%", "30", "30"),
            ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", "30", "30"),
            ("预算执行", "", "预算执行率", "100%", "95%", "10", "9.5")]
    rows_of(tsv("more-budget-row-in-grid.tsv", form(HEAD, rows, ("100", "96.5"))))
