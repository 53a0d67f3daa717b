#!/usr/bin/env python3
"""Issue 27's nineteenth probe of forms (H137, 2026-12-07): families of other provinces not yet
tried, each written by hand from what spending units publish before any real one was looked at:
a 中期 (实施期) target beside the annual one, a department's whole-year table, 分值 printed as
percentages or a total of 10, 预算执行率 rows above the indicators, blank or `满分` scores, two
projects on one sheet, columns in another order and a grid over two printed pages.

    python3 tests/hostile/probe19.py DIR BIN [midterm department points budget scores two order]

Each case is run under `prlimit --as` 4 GB and `/usr/bin/time`; the lines of the report that
carry the figures are printed, to be checked by hand against the form. Nothing here is read by
`cargo test` (what is found is made again, smaller, in tests/probe19.rs).
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import run, section, tsv, rows_of, xlsx  # noqa: E402

# 乙项目 (checked by hand): 发放补贴户数 180 of ≥200户 → 36 of 40; 补贴发放及时率 100% → 30;
# 受益群众满意度 93% of ≥90% → 30: the form prints 96.
HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
ROWS = [("产出指标", "数量指标", "发放补贴户数", "≥200户", "180户", "40", "36"),
        ("产出指标", "时效指标", "补贴发放及时率", "=100%", "100%", "30", "30"),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", "30", "30")]
LABEL = ["项目名称", "乙项目", "", "主管部门", "某县农业农村局"]
# the mid-term (实施期, three years) targets: larger than the annual ones
MID = ["≥600户", "=100%", "≥92%"]


def form(head, rows, total=("100", "96"), label=LABEL):
    out = [list(label), list(head)] + [list(r) for r in rows]
    if total:
        row = ["总分"] + [""] * (len(head) - 1)
        row[-2], row[-1] = total
        out.append(row)
    return out


if section("midterm"):
    print("== midterm: a 中期 / 实施期 target beside the annual one; the annual must be read (96.00)")
    for name, before in [("中期指标值", True), ("实施期指标值", True), ("中期目标值", False), ("实施期目标", False)]:
        if before:
            h = HEAD[:3] + [name] + HEAD[3:]
            rows = [r[:3] + (m,) + r[3:] for r, m in zip(ROWS, MID)]
        else:
            h = HEAD[:4] + [name] + HEAD[4:]
            rows = [r[:4] + (m,) + r[4:] for r, m in zip(ROWS, MID)]
        rows_of(tsv("mid-%s.tsv" % name, form(h, rows)))
    # the annual column named 年度目标值 / 本年度指标值 / 当年指标值 beside 中期目标值
    for annual in ["年度目标值", "本年度指标值", "当年指标值", "年度指标值（2023年）"]:
        h = HEAD[:3] + ["中期目标值", annual] + HEAD[4:]
        rows = [r[:3] + (m,) + r[3:] for r, m in zip(ROWS, MID)]
        rows_of(tsv("mid-annual-%s.tsv" % annual[:6], form(h, rows)))
    # a flat sheet with both
    h = ["项目名称"] + HEAD[:3] + ["中期指标值"] + HEAD[3:]
    rows_of(tsv("mid-flat.tsv", [h] + [["乙项目"] + list(r[:3]) + [m] + list(r[3:]) for r, m in zip(ROWS, MID)]))
    # 总体目标 with 实施期目标 and 年度目标 cells above the grid
    g = [list(LABEL), ["总体目标", "实施期目标", "三年内发放补贴600户", "年度目标", "发放补贴200户"]] + form(HEAD, ROWS)[1:]
    rows_of(tsv("mid-goal.tsv", g))
    # a two-row header: 指标值 over 中期 | 年度
    h1 = HEAD[:3] + ["指标值", ""] + HEAD[4:]
    h2 = ["", "", "", "中期", "年度", "", "", ""]
    rows = [list(r[:3]) + [m] + list(r[3:]) for r, m in zip(ROWS, MID)]
    two = [list(LABEL), h1, h2] + rows + [["总分", "", "", "", "", "", "100", "96"]]
    rows_of(tsv("mid-two-rows.tsv", two))
    rows_of(xlsx("mid-two-rows.xlsx", two, merges=["D2:E2"]))
    h2b = ["", "", "", "年度", "中期", "", "", ""]
    rows_b = [list(r[:3]) + [r[3], m] + list(r[4:]) for r, m in zip(ROWS, MID)]
    rows_of(tsv("mid-two-rows-annual-first.tsv", [list(LABEL), h1, h2b] + rows_b + [["总分", "", "", "", "", "", "100", "96"]]))

if section("department"):
    print("== department: 部门整体支出绩效自评表 (a department, not a project)")
    dl = ["部门名称", "某县农业农村局", "", "", ""]
    rows_of(tsv("dept-form.tsv", [["部门整体支出绩效自评表"]] + form(HEAD, ROWS, label=dl)))
    rows_of(tsv("dept-flat.tsv", [["部门名称"] + HEAD] + [["某县农业农村局"] + list(r) for r in ROWS]))
    # 年度主要任务 | 实施内容 grid above the indicators (no scores), then the indicators
    tasks = [["年度主要任务", "任务名称", "主要内容", "预算数", "执行数"],
             ["", "惠农补贴发放", "发放补贴200户", "100", "95"]]
    rows_of(tsv("dept-tasks.tsv", [["部门整体支出绩效自评表"], dl] + tasks + form(HEAD, ROWS, label=dl)[1:]))

if section("points"):
    print("== points: 分值 as percentages, a total of 10")
    pct = [(a, b, c, t, d, p + "%", s) for a, b, c, t, d, p, s in ROWS]
    rows_of(tsv("points-pct.tsv", form(HEAD, pct)))
    pct2 = [(a, b, c, t, d, p + "%", s + "%") for a, b, c, t, d, p, s in ROWS]
    rows_of(tsv("points-pct-both.tsv", form(HEAD, pct2)))
    # a project scored of 10: 4 / 3 / 3, scores 3.6 / 3 / 3, total 9.6
    ten = [(a, b, c, t, d, str(int(p) // 10), str(float(s) / 10).rstrip("0").rstrip(".")) for a, b, c, t, d, p, s in ROWS]
    rows_of(tsv("points-ten.tsv", form(HEAD, ten, ("10", "9.6"))))
    # 100 points: 预算执行率 10 outside the indicators' 90 (36 / 27 / 27 → 32.4 + 27 + 27 = 86.4)
    ninety = [("产出指标", "数量指标", "发放补贴户数", "≥200户", "180户", "36", "32.4"),
              ("产出指标", "时效指标", "补贴发放及时率", "=100%", "100%", "27", "27"),
              ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", "27", "27")]
    rows_of(tsv("points-90.tsv", form(HEAD, ninety, ("90", "86.4"))))

if section("budget"):
    print("== budget: 预算执行率 rows above the indicators, their points in the total")
    bh = ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    b = [list(LABEL), bh, ["年度资金总额", "100", "100", "95", "10", "95%", "9.5"],
         ["其中：当年财政拨款", "100", "100", "95", "", "", ""]]
    ninety = [("产出指标", "数量指标", "发放补贴户数", "≥200户", "180户", "36", "32.4"),
              ("产出指标", "时效指标", "补贴发放及时率", "=100%", "100%", "27", "27"),
              ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", "27", "27")]
    rows_of(tsv("budget-above.tsv", b + form(HEAD, ninety, ("100", "95.9"))[1:]))
    rows_of(tsv("budget-above-wrong.tsv", b + form(HEAD, ninety, ("100", "86.4"))[1:]))
    # the budget's own row inside the grid: 预算执行率 | 10 | 9.5
    g = form(HEAD, ninety, ("100", "95.9"))
    g.insert(2, ["预算执行率", "", "", "≥90%", "95%", "10", "9.5"])
    rows_of(tsv("budget-row-in-grid.tsv", g))

if section("scores"):
    print("== scores: blank 得分 with 偏差原因 未完成; 得分 `满分`")
    h = HEAD + ["偏差原因分析及改进措施"]
    blank = [r + ("",) for r in ROWS]
    blank[0] = ROWS[0][:6] + ("", "未完成，部分农户未申报")
    rows_of(tsv("scores-blank-undone.tsv", form(h, blank, ("100", "96"))))
    full = [r + ("",) for r in ROWS]
    full[1] = ROWS[1][:6] + ("满分", "")
    rows_of(tsv("scores-full.tsv", form(h, full, ("100", "96"))))
    full2 = [r + ("",) for r in ROWS]
    full2[0] = ROWS[0][:6] + ("满分", "")
    rows_of(tsv("scores-full-wrong.tsv", form(h, full2, ("100", "96"))))
    flat = [["项目名称"] + HEAD] + [["乙项目"] + list(r) for r in ROWS]
    flat[2][7] = "满分"
    rows_of(tsv("scores-full-flat.tsv", flat))

if section("two"):
    print("== two: two projects on one sheet, apart by a blank row and a 项目名称 row")
    other = ["项目名称", "丙项目", "", "主管部门", "某县民政局"]
    c = [("产出指标", "数量指标", "救助人次", "≥300人次", "270人次", "50", "45"),
         ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "50", "50")]
    two = form(HEAD, ROWS) + [[]] + form(HEAD, c, ("100", "95"), label=other)
    rows_of(tsv("two-projects.tsv", two))
    # the second with no header of its own (the grid goes on under a new 项目名称 row)
    two2 = form(HEAD, ROWS) + [[]] + [other] + [list(r) for r in c] + [["总分", "", "", "", "", "100", "95"]]
    rows_of(tsv("two-projects-no-header.tsv", two2))
    rows_of(xlsx("two-projects.xlsx", two))

if section("order"):
    print("== order: 三级 before 二级; a grid over two printed pages")
    h = ["一级指标", "三级指标", "二级指标", "年度指标值", "实际完成值", "分值", "得分"]
    rows_of(tsv("order-3-2.tsv", form(h, [(a, c, b, t, d, p, s) for a, b, c, t, d, p, s in ROWS])))
    h = ["三级指标", "年度指标值", "实际完成值", "分值", "得分", "一级指标", "二级指标"]
    rows_of(tsv("order-levels-last.tsv", form(h, [(c, t, d, p, s, a, b) for a, b, c, t, d, p, s in ROWS])))
    # page 2 repeats the header, its first row's 一级 blank (the merged cell began on page 1)
    p = [list(LABEL), list(HEAD), list(ROWS[0]), ["", "时效指标", "补贴发放及时率", "=100%", "100%", "30", "30"],
         ["第1页", "", "", "", "", "", ""], list(HEAD), ["", "质量指标", "补贴发放准确率", "=100%", "100%", "0", "0"],
         list(ROWS[2]), ["总分", "", "", "", "", "100", "96"]]
    rows_of(tsv("pages-repeated-header.tsv", p))
    rows_of(xlsx("pages-merged.xlsx", p, merges=["A3:A4", "A7:A7"]))

if section("more"):
    print("== more: other provinces' column names and phrasings; expect 乙项目 96.00 unless said")
    for h in [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "标准分", "自评分"],
              ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重分", "评分"],
              ["一级指标", "二级指标", "指标内容", "指标值", "完成值", "分值（100分）", "得分（分）"],
              ["一级指标", "二级指标", "三级指标", "年度指标值", "全年实际完成值", "分值", "自评得分"]]:
        rows_of(tsv("names-%s-%s.tsv" % (h[5][:3], h[6][:3]), form(h, ROWS, ("100", "96"))))
    # phrasings of the target and actual
    for t, a, note in [("大于等于200户", "180户", "36"), ("不少于200户", "1.8百户", "?"), ("≥2万人", "18000人", "36 (1.8万 of 2万)"),
                       ("≥200户", "180", "36"), ("200户", "180户", "36"), ("≥200户", "完成180户", "?")]:
        rows = [list(r) for r in ROWS]
        rows[0][3], rows[0][4] = t, a
        rows_of(tsv("phrase-%s-%s.tsv" % (t, a), form(HEAD, rows)))
    # dates: 2023年12月底前 done 2023年11月 (30 of 30)
    rows = [list(r) for r in ROWS]
    rows[1][3], rows[1][4] = "2023年12月底前", "2023年11月"
    rows_of(tsv("phrase-date.tsv", form(HEAD, rows)))
    # a 二级指标 subtotal in a flat sheet (`数量指标小计` in the 二级 column, 三级 blank)
    fl = [["项目名称"] + HEAD, ["乙项目"] + list(ROWS[0]), ["乙项目", "产出指标", "数量指标小计", "", "", "", "40", "40"],
          ["乙项目"] + list(ROWS[1]), ["乙项目"] + list(ROWS[2])]
    rows_of(tsv("flat-level2-subtotal.tsv", fl))

if section("columns"):
    print("== columns: two columns of one role (self and reviewer, half-year and year)")
    h = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分", "复核得分"]
    rows = [r + (s2,) for r, s2 in zip(ROWS, ["30", "30", "30"])]
    rows_of(tsv("cols-self-and-review.tsv", form(h, rows, ("100", "90")) ))
    # an actual of the half year before the year's: the year's must be read (96.00)
    h = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值（1-6月）", "实际完成值（全年）", "分值", "得分"]
    rows = [r[:4] + (h1,) + r[4:] for r, h1 in zip(ROWS, ["90户", "100%", "91%"])]
    rows_of(tsv("cols-half-year-first.tsv", form(h, rows)))
    h = ["一级指标", "二级指标", "三级指标", "年度指标值", "上半年完成值", "全年完成值", "分值", "得分"]
    rows_of(tsv("cols-half-year-named.tsv", form(h, rows)))
    h = ["一级指标", "二级指标", "三级指标", "年度指标值", "2022年完成值", "2023年完成值", "分值", "得分"]
    rows_of(tsv("cols-years.tsv", form(h, rows)))
    flat = [["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值（1-6月）", "实际完成值（全年）", "分值", "得分"]] + \
        [["乙项目"] + list(r) for r in rows]
    rows_of(tsv("cols-half-year-flat.tsv", flat))
