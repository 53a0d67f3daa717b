#!/usr/bin/env python3
"""The twenty-first outside probe's forms (issue 27, H154): families of published forms made by
hand from their descriptions before any real one was read — a province's 项目支出绩效自评表 with
its target split into 指标性质 | 指标值 | 度量单位, a 部门整体支出绩效自评表 (年初预算数 |
全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, 年度总体目标 in two columns), 分值 and 得分
merged over several rows, a web page (rowspan/colspan, `<th>`, a nested layout table, `&nbsp;`,
full-width digits, `<br>` in cells), WPS's workbook and its web page (`x:num`), a GBK page without
a charset, a form whose printed 总分 disagrees with its rows. Each form is written as a web page
and as a workbook with the same merges; `evaluate --format json` of each is printed for reading
against the sums worked by hand in the comments.

    python3 tests/hostile/probe22_forms.py DIR BIN [FORM...]"""
import html, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import put, rows_of, run, section, xlsx  # noqa: E402


def cell(c):
    """(text, rowspan, colspan) of a grid cell written as text or a tuple."""
    if isinstance(c, tuple):
        return (c + (1, 1))[:3]
    return (c, 1, 1)


def place(rows):
    """The grid's cells at their (row, column), and the merged ranges, as a browser lays them."""
    taken, at, merges = set(), {}, []
    for r, row in enumerate(rows):
        c = 0
        for x in row:
            t, rs, cs = cell(x)
            while (r, c) in taken:
                c += 1
            at[(r, c)] = t
            for i in range(rs):
                for j in range(cs):
                    taken.add((r + i, c + j))
            if rs > 1 or cs > 1:
                merges.append((r, c, r + rs - 1, c + cs - 1))
            c += cs
    return at, merges


def to_html(rows, td="td", esc=True):
    out = []
    for row in rows:
        tds = []
        for x in row:
            t, rs, cs = cell(x)
            a = (" rowspan=%d" % rs if rs > 1 else "") + (" colspan=%d" % cs if cs > 1 else "")
            tds.append("<%s%s>%s</%s>" % (td, a, html.escape(t) if esc else t, td))
        out.append("<tr>" + "".join(tds) + "</tr>")
    return "<table border=1>\n" + "\n".join(out) + "\n</table>"


def to_xlsx(name, rows, number=False):
    at, merges = place(rows)
    h = max(r for r, _ in at) + 1
    w = max(c for _, c in at) + 1
    grid = [["" for _ in range(w)] for _ in range(h)]
    for (r, c), t in at.items():
        v = t
        if number:
            try:
                v = float(t) if "." in t else int(t)
            except ValueError:
                pass
        grid[r][c] = v
    from probe_kit import col
    refs = ["%s%d:%s%d" % (col(c0), r0 + 1, col(c1), r1 + 1) for r0, c0, r1, c1 in merges]
    return xlsx(name, grid, refs)


def both(stem, rows):
    put(stem + ".html", "<html><head><meta charset=utf-8></head><body>%s</body></html>" % to_html(rows))
    to_xlsx(stem + ".xlsx", rows, number=True)
    for n in (stem + ".html", stem + ".xlsx"):
        rows_of(n)


# A: a province's 项目支出绩效自评表, target split into 指标性质 | 指标值 | 度量单位, the funds
# block of the 2020 template and a 年度总体目标 of two columns. By hand: budget 240, executed 216,
# rate 90 %, its 10 points → 9; indicators 20+15+10+5+20+20 = 90, printed scores 18.67+15+10+5+20+20
# = 88.67; total printed 97.67 = 9 + 88.67 (agrees).
A = [
    [("项目支出绩效自评表", 1, 11)],
    [("（2023年度）", 1, 11)],
    ["项目名称", ("乡村道路养护", 1, 10)],
    ["主管部门", ("某县交通运输局", 1, 4), "实施单位", ("某县公路管理段", 1, 5)],
    [("项目资金（万元）", 5, 1), ("", 1, 2), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 1, 3)],
    [("年度资金总额", 1, 2), "200", "240", "216", "10", "90%", ("9", 1, 3)],
    [("其中：当年财政拨款", 1, 2), "200", "220", "200", "—", "90.91%", ("—", 1, 3)],
    [("上年结转资金", 1, 2), "0", "20", "16", "—", "80%", ("—", 1, 3)],
    [("其他资金", 1, 2), "0", "0", "0", "—", "—", ("—", 1, 3)],
    [("年度总体目标", 2, 1), ("预期目标", 1, 5), ("实际完成情况", 1, 5)],
    [("完成农村公路养护300公里，路面优良率85%以上", 1, 5), ("完成养护280公里，优良率88%", 1, 5)],
    [("绩效指标", 7, 1), "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "全年实际值", "分值", "得分", "偏差原因分析及改进措施"],
    [("产出指标", 4, 1), "数量指标", "养护里程", "≥", "300", "公里", "280", "20", "18.67", "雨季延误"],
    ["质量指标", "路面优良率", "≥", "85", "%", "88", "15", "15", ""],
    ["时效指标", "完成时间", "≤", "11", "月", "10", "10", "10", ""],
    ["成本指标", "每公里养护成本", "≤", "0.8", "万元/公里", "0.77", "5", "5", ""],
    ["效益指标", "社会效益指标", "群众出行条件", "定性", "明显改善", "", "明显改善", "20", "20", ""],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", "90", "%", "93", "20", "20", ""],
    [("总分", 1, 8), "100", "97.67", ""],
]

# B: A with its printed 总分 99 (the rows give 97.67) and one printed 得分 above its 分值.
B = [list(r) for r in A]
B[-1] = [("总分", 1, 8), "100", "99", ""]

# C: a 部门整体支出绩效自评表: funds by kind (基本支出 + 项目支出 = the total), 年度总体目标 of
# two columns, indicators. By hand: budget 1100, executed 1045 (95 %), 10 → 9.5; indicators 30+30
# +30 = 90, printed 28+30+27 = 85; total 94.5.
C = [
    [("部门整体支出绩效自评表", 1, 9)],
    [("（2023年度）", 1, 9)],
    ["部门名称", ("某市档案馆", 1, 8)],
    [("年度预算情况（万元）", 7, 1), "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 1, 2)],
    ["年度资金总额", "1000", "1100", "1045", "10", "95%", ("9.5", 1, 2)],
    ["按收入性质分：", "", "", "", "", "", ("", 1, 2)],
    ["其中：一般公共预算", "1000", "1050", "1000", "", "", ("", 1, 2)],
    ["按支出性质分：", "", "", "", "", "", ("", 1, 2)],
    ["其中：基本支出", "800", "820", "810", "", "", ("", 1, 2)],
    ["项目支出", "200", "280", "235", "", "", ("", 1, 2)],
    [("年度总体目标", 2, 1), ("预期目标", 1, 4), ("实际完成情况", 1, 4)],
    [("1.完成档案接收5000卷；2.数字化率达到60%", 1, 4), ("接收档案5200卷，数字化率62%", 1, 4)],
    [("绩效指标", 4, 1), "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "档案接收数量", "≥5000卷", "5200卷", "30", "28", ""],
    ["产出指标", "质量指标", "档案数字化率", "≥60%", "62%", "30", "30", ""],
    ["满意度指标", "服务对象满意度指标", "查档群众满意度", "≥95%", "92%", "30", "27", "宣传不足"],
    [("总分", 1, 6), "100", "94.5", ""],
]

# D: 分值 and 得分 merged over the rows of one 二级指标 (数量指标: two rows share 30 points and
# the printed 24). By hand: 30 + 30 + 30 = 90 indicators + budget 10; total 9 + 24 + 30 + 28 = 91.
D = [
    [("项目支出绩效自评表", 1, 9)],
    ["项目名称", ("社区养老服务", 1, 8)],
    [("项目资金（万元）", 2, 1), "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 1, 2)],
    ["年度资金总额", "50", "50", "45", "10", "90%", ("9", 1, 2)],
    [("绩效指标", 5, 1), "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [("产出指标", 3, 1), ("数量指标", 2, 1), "服务老人人数", "≥500人", "420人", ("30", 2, 1), ("24", 2, 1), ("", 2, 1)],
    ["助餐点数量", "≥10个", "10个"],
    ["质量指标", "服务合格率", "≥95%", "97%", "30", "30", ""],
    ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "88%", "30", "28", ""],
    [("总分", 1, 6), "100", "91", ""],
]


def mangled_page():
    """A page as a government site shows one: the form inside a layout table, `<th>` headers,
    `&nbsp;` padding, full-width digits, `<br>` inside cells and a site menu."""
    rows = [
        ["<th colspan=8>项目支出绩效自评表</th>"],
        ["<td>项目名称</td><td colspan=7>&nbsp;校园安全&nbsp;改造&nbsp;</td>"],
        ["<td rowspan=2>项目资金<br>（万元）</td><td></td><td>年初<br>预算数</td><td>全年<br>预算数</td><td>全年<br>执行数</td><td>分值</td><td>执行率</td><td>得分</td>"],
        ["<td>年度资金总额</td><td>１２０</td><td>１２０</td><td>１０８</td><td>１０</td><td>９０％</td><td>９</td>"],
        ["<th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度<br>指标值</th><th>实际<br>完成值</th><th>分值</th><th>得分</th><th>偏差原因</th>"],
        ["<td rowspan=2>产出指标</td><td>数量指标</td><td>改造<br>学校数</td><td>≥&nbsp;１２&nbsp;所</td><td>１２所</td><td>４０</td><td>４０</td><td>&nbsp;</td>"],
        ["<td>质量指标</td><td>验收合格率</td><td>１００％</td><td>９８％</td><td>２０</td><td>１８</td><td>&nbsp;</td>"],
        ["<td>满意度指标</td><td>服务对象满意度指标</td><td>师生满意度</td><td>≥９０％</td><td>９５％</td><td>３０</td><td>３０</td><td>&nbsp;</td>"],
        ["<td colspan=5>总&nbsp;&nbsp;分</td><td>１００</td><td>９７</td><td></td>"],
    ]
    inner = "<table border=1 cellspacing=0>" + "".join("<tr>%s</tr>" % r[0] for r in rows) + "</table>"
    return ("<html><head><meta charset=utf-8><title>某县教育局2023年度项目支出绩效自评</title></head><body>"
            "<table width=100%><tr><td><a href=/>首页</a> | <a href=/zwgk>政务公开</a></td></tr>"
            "<tr><td><table><tr><td>发布日期：2024-03-01</td><td>来源：某县教育局</td></tr></table>"
            + inner + "</td></tr><tr><td>版权所有 某县人民政府</td></tr></table></body></html>")


def et_page():
    """WPS / Excel's "save as web page" of form D's first rows: `x:num` beside what is shown, a
    rate shown rounded (`90%` holding 0.896), the score shown rounded (`8.96` shown `9.0`)."""
    return ("""<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Et.Document><meta name=Generator content="WPS Office ET"></head><body>
<table x:str border=0 cellpadding=0 cellspacing=0>
<tr><td colspan=9>项目支出绩效自评表</td></tr>
<tr><td>项目名称</td><td colspan=8>社区养老服务</td></tr>
<tr><td rowspan=2>项目资金（万元）</td><td></td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td><td>分值</td><td>执行率</td><td colspan=2>得分</td></tr>
<tr><td>年度资金总额</td><td x:num>50</td><td x:num>50</td><td x:num="44.8">44.8</td><td x:num>10</td><td x:num="0.896">90%</td><td colspan=2 x:num="8.96">9.0</td></tr>
<tr><td rowspan=4>绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>
<tr><td rowspan=2>产出指标</td><td>数量指标</td><td>服务老人人数</td><td>≥500人</td><td>420人</td><td x:num>30</td><td x:num="25.2">25.2</td><td></td></tr>
<tr><td>质量指标</td><td>服务合格率</td><td>≥95%</td><td x:num="0.9449">94%</td><td x:num>30</td><td x:num>28</td><td></td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>老人满意度</td><td>≥90%</td><td x:num="0.88">88%</td><td x:num>30</td><td x:num>28</td><td></td></tr>
<tr><td colspan=6>总分</td><td x:num>100</td><td x:num="90.16">90.16</td><td></td></tr>
</table></body></html>""")


if section("A"):
    both("A-split", A)
if section("B"):
    both("B-total-off", B)
if section("C"):
    both("C-dept", C)
if section("D"):
    both("D-merged", D)
if section("E"):
    put("E-page.html", mangled_page())
    rows_of("E-page.html")
if section("F"):
    put("F-et.html", et_page())
    rows_of("F-et.html")
if section("G"):
    body = to_html(A).replace("<table border=1>", "<table border=1>", 1)
    put("G-gbk.html", ("<html><head><title>自评表</title></head><body>%s</body></html>" % body).encode("gbk"))
    rows_of("G-gbk.html")
if section("verbs"):
    for n in ("A-split.xlsx", "B-total-off.html", "C-dept.xlsx", "D-merged.html"):
        for args in (["inspect", n], ["review", n], ["template", n, "-o", n + ".tpl.xlsx"],
                     ["evaluate", n, "--format", "csv"], ["evaluate", n, "--format", "markdown"],
                     ["evaluate", n, "--format", "xlsx", "-o", n + ".out.xlsx"]):
            code, out, err = run(args)
            for l in (out + err).splitlines()[:40]:
                print("   " + l[:220])


def variant(rows, edits):
    """`rows` with cells replaced: {(row, index in the row): text}; a cell's spans are kept."""
    out = [list(r) for r in rows]
    for (r, i), t in edits.items():
        _, rs, cs = cell(out[r][i])
        out[r][i] = (t, rs, cs)
    return out


# H: sums of the funds block that disagree with themselves: printed 执行率 95 % (216/240 is 90 %),
# printed 得分 9.5 (what 95 % would give); the total printed 98.17 follows the printed 9.5.
H = variant(A, {(5, 5): "95%", (5, 6): "9.5", (18, 2): "98.17"})
# I: the funds block in 元 (项目资金（元）): 2,400,000 budget, 2,160,000 executed.
I = variant(A, {(4, 0): "项目资金（元）", (5, 1): "2000000", (5, 2): "2400000", (5, 3): "2160000",
                (6, 1): "2000000", (6, 2): "2200000", (6, 3): "2000000", (7, 2): "200000", (7, 3): "160000"})
# J: the printed total leaves out the funds' points (88.67 = the indicators alone).
J = variant(A, {(18, 2): "88.67"})
# K: a printed grade that disagrees: a 自评等级 row under the total saying 优 for 97.67 vs a
# subtotal row per 一级指标.
K = [list(r) for r in A[:-1]] + [[("总分", 1, 8), "100", "97.67", ""], [("自评等级", 1, 8), ("良", 1, 3)]]
# L: the 全年预算数 left blank (only 年初预算数): the budget is the 年初 one, said.
L = variant(A, {(5, 2): "", (6, 2): "", (7, 2): "", (8, 2): "", (5, 5): "108%", (18, 2): "97.67"})
# M: the printed 得分 of the funds above its 分值 (12 of 10).
M = variant(A, {(5, 6): "12", (18, 2): "100.67"})
for name, rows in (("H-rate-off", H), ("I-yuan", I), ("J-total-no-funds", J), ("K-grade", K),
                   ("L-no-full-year", L), ("M-funds-over", M)):
    if section(name[0]):
        both(name, rows)


# N: the 分值 printed 100 while the rows' 分值 add to 105 (满意度 25).
N = variant(A, {(17, 7): "25", (17, 8): "25", (18, 2): "102.67"})
# S: funds parts that do not add up to 年度资金总额 (220 + 40 ≠ 240).
S = variant(A, {(7, 2): "40"})
# U: the 指标性质 column in words (大于等于, 小于等于, 正向, 反向) and an operator repeated in the
# 指标值 (`≥` beside `≥300`).
U = variant(A, {(12, 4): "大于等于", (12, 5): "≥300", (13, 3): "正向指标", (15, 3): "反向指标",
                (14, 3): "小于等于", (17, 4): "≥"})
# V: rates written as fractions under a 度量单位 of %: 指标值 0.85, 全年实际值 0.88.
V = variant(A, {(13, 4): "0.85", (13, 6): "0.88", (17, 5): "0.9", (17, 7): "0.93"})
# W: 一级指标 with its own 分值 column (two 分值 columns: the first the category's, merged).
W = [
    [("项目支出绩效自评表", 1, 10)],
    ["项目名称", ("社区养老服务", 1, 9)],
    [("项目资金（万元）", 2, 1), ("", 1, 2), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 1, 2)],
    [("年度资金总额", 1, 2), "50", "50", "45", "10", "90%", ("9", 1, 2)],
    [("绩效指标", 5, 1), "一级指标", "分值", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [("产出指标", 3, 1), ("60", 3, 1), "数量指标", "服务老人人数", "≥500人", "420人", "30", "25.2", ""],
    ["数量指标", "助餐点数量", "≥10个", "10个", "10", "10", ""],
    ["质量指标", "服务合格率", "≥95%", "97%", "20", "20", ""],
    ["满意度指标", "30", "服务对象满意度指标", "老人满意度", "≥90%", "88%", "30", "28", ""],
    [("总分", 1, 7), "100", "92.2", ""],
]
# Q: a 小计 row under each 一级指标 (产出指标小计 65 / 63.67).
Q = A[:16] + [[("产出指标小计", 1, 7), "50", "48.67", ""]] + A[16:]
Q = [list(r) for r in Q]
Q[11] = [("绩效指标", 8, 1)] + Q[11][1:]
Q[12] = [("产出指标", 5, 1)] + Q[12][1:]
# T: the 总分 in the head (自评得分 97.67 beside 项目名称), none under the grid.
T = [list(r) for r in A[:-1]]
T[2] = ["项目名称", ("乡村道路养护", 1, 6), "自评得分", ("97.67", 1, 3)]
for name, rows in (("N-weights-105", N), ("S-parts-off", S), ("U-nature-words", U), ("V-fractions", V),
                   ("W-category-points", W), ("Q-subtotal", Q), ("T-total-in-head", T)):
    if section(name[0]):
        both(name, rows)
# T2: T with its head saying 99 (the rows give 97.67); T3: a 总分 row (97.67) and the head's 99.
T2 = [list(r) for r in T]
T2[2] = ["项目名称", ("乡村道路养护", 1, 6), "自评得分", ("99", 1, 3)]
T3 = T2 + [[("总分", 1, 8), "100", "97.67", ""]]
for name, rows in (("T2-head-off", T2), ("T3-two-totals", T3)):
    if section(name[0:2]):
        both(name, rows)
# W2: W with its category's 60 against indicators' 30 + 10 + 25 (= 65; total 分值 105 → 100 printed).
W2 = variant(W, {(7, 4): "25"})
# W3: the 二级指标's points in their own column (数量指标 40 = 30 + 10).
W3 = [
    [("项目支出绩效自评表", 1, 10)],
    ["项目名称", ("社区养老服务", 1, 9)],
    [("项目资金（万元）", 2, 1), ("", 1, 2), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 1, 2)],
    [("年度资金总额", 1, 2), "50", "50", "45", "10", "90%", ("9", 1, 2)],
    [("绩效指标", 5, 1), "一级指标", "二级指标", "分值", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [("产出指标", 3, 1), ("数量指标", 2, 1), ("40", 2, 1), "服务老人人数", "≥500人", "420人", "30", "25.2", ""],
    ["助餐点数量", "≥10个", "10个", "10", "10", ""],
    ["质量指标", "20", "服务合格率", "≥95%", "97%", "20", "20", ""],
    ["满意度指标", "服务对象满意度指标", "30", "老人满意度", "≥90%", "88%", "30", "28", ""],
    [("总分", 1, 7), "100", "92.2", ""],
]
for name, rows in (("W2-category-off", W2), ("W3-sub-points", W3)):
    if section(name[0:2]):
        both(name, rows)
# X: 得分 before 分值 (`得分 | 分值`), and the total row called 合计.
X = [list(r) for r in A]
X[11] = [("绩效指标", 7, 1), "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "全年实际值", "得分", "分值", "偏差原因分析及改进措施"]
for k in range(12, 18):
    r = X[k]
    r[-3], r[-2] = r[-2], r[-3]
X[18] = [("合计", 1, 8), "97.67", "100", ""]
if section("X"):
    both("X-score-first", X)
# C2: C without its 年度资金总额 row: the parts by income (一般公共预算 1050) and by spending
# (基本支出 820 + 项目支出 280) each add up to the whole; added together they count it twice.
C2 = [list(r) for r in C]
C2[3] = [("年度预算情况（万元）", 6, 1)] + C2[3][1:]
del C2[4]
if section("C2"):
    both("C2-dept-no-total", C2)
# U2: the 指标性质 column in words (大于等于, 正向指标, 小于等于, 反向指标) and an operator
# repeated in the 指标值 (`≥` beside `≥90`): read as the symbols.
U2 = variant(A, {(12, 3): "大于等于", (13, 2): "正向指标", (14, 2): "小于等于", (15, 2): "反向指标",
                 (17, 4): "≥90"})
if section("U2"):
    both("U2-nature-words", U2)
# K2: K with the 时效 row made a figure, so that every row is scored: 97.67 printed 良.
K2 = variant(K, {(14, 2): "≤", (14, 3): "30", (14, 4): "天", (14, 5): "25"})
K3 = [list(r) for r in K2[:-1]] + [[("自评等级", 1, 8), ("优", 1, 3)]]
for name, rows in (("K2-grade-off", K2), ("K3-grade-agrees", K3)):
    if section(name[0:2]):
        both(name, rows)
