#!/usr/bin/env python3
"""The twenty-second outside probe's forms (issue 27, H163): families of published forms made by
hand from their descriptions before any real one was read — the categories as heading rows above
their blocks, the target and the actual in one cell (`目标：≥95% 实际：96%`), 分值 and 得分 in one
column (`20/18`), the deviation's reason before the figures, a 部门整体 sheet of several projects,
a 合计 row whose total holds the budget's points, two tables on one page sharing one header, rows
of `<div role="row">` inside a `<td>`, full-width figures and `，` thousands, a Word table going on
after a page break with its header repeated, a header merged over three rows, a GBK csv with a
title line. Each in two formats where the family allows, with printed sums that agree and a
variant (`-off`) where they do not; `evaluate --format json` of each is printed for reading
against the sums worked by hand in the comments.

    python3 tests/hostile/probe23_forms.py DIR BIN [FORM...]"""
import html, io, os, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import col, put, rows_of, section, xlsx  # noqa: E402


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


def grid_of(rows):
    at, merges = place(rows)
    h = max(r for r, _ in at) + 1
    w = max(c for _, c in at) + 1
    g = [["" for _ in range(w)] for _ in range(h)]
    for (r, c), t in at.items():
        g[r][c] = t
    return g, merges


def to_html(rows):
    out = []
    for row in rows:
        tds = []
        for x in row:
            t, rs, cs = cell(x)
            a = (" rowspan=%d" % rs if rs > 1 else "") + (" colspan=%d" % cs if cs > 1 else "")
            tds.append("<td%s>%s</td>" % (a, html.escape(t).replace("\n", "<br>")))
        out.append("<tr>" + "".join(tds) + "</tr>")
    return "<table border=1>\n" + "\n".join(out) + "\n</table>"


def page(*tables, between=""):
    return "<html><head><meta charset=utf-8></head><body>%s</body></html>" % between.join(tables)


def to_xlsx(name, rows):
    g, merges = grid_of(rows)
    for r in g:
        for c, t in enumerate(r):
            try:
                r[c] = float(t) if "." in t else int(t)
            except ValueError:
                pass
    refs = ["%s%d:%s%d" % (col(c0), r0 + 1, col(c1), r1 + 1) for r0, c0, r1, c1 in merges]
    return xlsx(name, g, refs)


def to_csv(name, rows, enc="utf-8"):
    g, _ = grid_of(rows)
    text = "".join(",".join('"%s"' % c.replace('"', '""') if ("," in c or '"' in c) else c for c in r) + "\r\n"
                   for r in g)
    return put(name, text.encode(enc))


def docx(name, tables, between='<w:p><w:r><w:br w:type="page"/></w:r></w:p>'):
    """Tables of rows (cells text or (text, rowspan, colspan)) as one Word document."""
    def esc(t):
        return t.replace("&", "&amp;").replace("<", "&lt;")

    def tbl(rows):
        at, merges = place(rows)
        h = max(r for r, _ in at) + 1
        out = ""
        for r in range(h):
            out += "<w:tr>"
            c = 0
            w = max(c for _, c in at) + 1
            while c < w:
                m = next((m for m in merges if m[0] <= r <= m[2] and m[1] == c), None)
                span = (m[3] - m[1] + 1) if m else 1
                pr = ""
                if span > 1:
                    pr += '<w:gridSpan w:val="%d"/>' % span
                if m and m[2] > m[0]:
                    pr += '<w:vMerge w:val="restart"/>' if r == m[0] else "<w:vMerge/>"
                text = at.get((r, c), "") if (not m or r == m[0]) else ""
                out += "<w:tc>%s<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>" % (
                    "<w:tcPr>%s</w:tcPr>" % pr if pr else "", esc(text))
                c += span
            out += "</w:tr>"
        return "<w:tbl>" + out + "</w:tbl>"
    body = between.join(tbl(t) for t in tables)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
           'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % body)
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", doc)
    return put(name, b.getvalue())


def both(stem, rows, other="xlsx"):
    put(stem + ".html", page(to_html(rows)))
    {"xlsx": to_xlsx, "csv": to_csv}[other](stem + "." + other, rows)
    for n in (stem + ".html", stem + "." + other):
        rows_of(n)


def off(rows, total_from, total_to):
    """The form with its printed total changed: the sums disagree."""
    return [[(tuple([total_to] + list(cell(x)[1:])) if cell(x)[0] == total_from else x) for x in r] for r in rows]


# The project every family prints. By hand: budget 100, executed 95 (95 %), 10 points → 9.5;
# indicators 20 + 20 + 10 + 20 + 20 = 90, printed 18 + 20 + 10 + 20 + 20 = 88; total 97.5.
HEAD = [
    [("项目支出绩效自评表", 1, 8)],
    ["项目名称", ("社区养老服务", 1, 7)],
    ["主管部门", ("某区民政局", 1, 3), "实施单位", ("某区养老服务中心", 1, 3)],
    [("项目资金（万元）", 2, 1), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 1, 2)],
    ["100", "100", "95", "10", "95%", ("9.5", 1, 2)],
]
IND = [
    ("产出指标", "数量指标", "服务人次", "≥1000人次", "900人次", "20", "18"),
    ("产出指标", "质量指标", "设施验收合格率", "≥95%", "96%", "20", "20"),
    ("产出指标", "时效指标", "完成时间", "2023年12月底前", "2023年11月", "10", "10"),
    ("效益指标", "社会效益指标", "老年人生活质量", "明显改善", "明显改善", "20", "20"),
    ("满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "92%", "20", "20"),
]

# A: the categories as heading rows above their blocks (一级 merged across, then 二级 merged
# across), the indicator rows naming the 三级指标 alone.
if section("heads"):
    rows = HEAD + [["三级指标", "年度指标值", "实际完成值", "分值", "得分", ("偏差原因分析及改进措施", 1, 3)]]
    last1 = last2 = None
    for c1, c2, name, t, a, w, s in IND:
        if c1 != last1:
            rows.append([(c1, 1, 8)])
            last1 = c1
        if c2 != last2:
            rows.append([(c2, 1, 8)])
            last2 = c2
        rows.append([name, t, a, w, s, ("", 1, 3)])
    rows.append(["合计", "", "", "100", "97.5", ("", 1, 3)])
    both("heads", rows)
    both("heads-off", off(rows, "97.5", "99.5"))

# B: the target and the actual in one cell (`目标：≥95% 实际：96%`).
if section("onecell"):
    rows = HEAD + [["一级指标", "二级指标", "三级指标", ("指标值", 1, 2), "分值", "得分", "备注"]]
    for c1, c2, name, t, a, w, s in IND:
        rows.append([c1, c2, name, ("目标：%s 实际：%s" % (t, a), 1, 2), w, s, ""])
    rows.append([("总分", 1, 5), "100", "97.5", ""])
    both("onecell", rows, "csv")
    both("onecell-off", off(rows, "97.5", "99.5"), "csv")

# C: 分值 and 得分 in one column (`分值/得分`, `20/18`).
if section("slash"):
    rows = HEAD + [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", ("分值/得分", 1, 2), "偏差原因"]]
    for c1, c2, name, t, a, w, s in IND:
        rows.append([c1, c2, name, t, a, ("%s/%s" % (w, s), 1, 2), ""])
    rows.append([("总分", 1, 5), ("100/97.5", 1, 2), ""])
    both("slash", rows)
    both("slash-off", off(rows, "100/97.5", "100/99.5"))

# D: the deviation's reason before the figures.
if section("reasonfirst"):
    rows = HEAD + [["一级指标", "二级指标", "三级指标", "偏差原因分析及改进措施", "年度指标值", "实际完成值", "分值", "得分"]]
    for c1, c2, name, t, a, w, s in IND:
        rows.append([c1, c2, name, "报名人数不足" if s != w else "", t, a, w, s])
    rows.append([("总分", 1, 6), "100", "97.5"])
    both("reasonfirst", rows)
    both("reasonfirst-off", off(rows, "97.5", "99.5"))

# E: a 部门整体支出绩效自评表 of several projects in one sheet: a 项目名称 row above each block,
# each block with its own 小计; the department's 合计. Project 2: 20 + 20 = 40, printed 16 + 20.
if section("deptmulti"):
    rows = [[("部门整体支出绩效自评表", 1, 7)], ["部门名称", ("某区民政局", 1, 6)],
            ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]]
    for c1, c2, name, t, a, w, s in IND[:3]:
        rows.append(["社区养老服务", c1, c2, name, t, a, w, s])
    for c1, c2, name, t, a, w, s in [("产出指标", "数量指标", "救助人数", "≥500人", "400人", "20", "16"),
                                      ("满意度指标", "服务对象满意度指标", "受助群众满意度", "≥90%", "95%", "20", "20")]:
        rows.append(["困难群众救助", c1, c2, name, t, a, w, s])
    rows.append([("合计", 1, 6), "90", "84"])
    both("deptmulti", rows)
    both("deptmulti-off", off(rows, "84", "86"))

# F: a 合计 row whose total holds the budget's points: the budget is a row of the grid
# (预算执行率 | 10 | 9.5) and no funds block.
if section("heji"):
    rows = HEAD[:3] + [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]]
    rows.append(["预算执行", "预算执行率", "预算执行率", "100%", "95%", "10", "9.5", ""])
    for c1, c2, name, t, a, w, s in IND:
        rows.append([c1, c2, name, t, a, w, s, ""])
    rows.append([("合计", 1, 5), "100", "97.5", ""])
    both("heji", rows, "csv")
    both("heji-off", off(rows, "97.5", "99.5"), "csv")

# G: two tables on one page with one header: the first table the header and the first rows,
# the second the rest and the 总分.
if section("twotables"):
    head = HEAD + [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]]
    a = [[c1, c2, n, t, x, w, s, ""] for c1, c2, n, t, x, w, s in IND[:3]]
    b = [[c1, c2, n, t, x, w, s, ""] for c1, c2, n, t, x, w, s in IND[3:]]
    tot = [[("总分", 1, 5), "100", "97.5", ""]]
    for stem, t in (("twotables", "97.5"), ("twotables-off", "99.5")):
        tt = [[("总分", 1, 5), "100", t, ""]]
        put(stem + ".html", page(to_html(head + a), to_html(b + tt), between="<p>（续表）</p>"))
        docx(stem + ".docx", [head + a, b + tt], between="<w:p><w:r><w:t>（续表）</w:t></w:r></w:p>")
        rows_of(stem + ".html")
        rows_of(stem + ".docx")

# H: each row a `<div role="row">` of `<div role="cell">`s inside one `<td>`.
if section("divrows"):
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    for stem, t in (("divrows", "97.5"), ("divrows-off", "99.5")):
        def drow(cells):
            return '<div role="row">' + "".join('<div role="cell">%s</div>' % html.escape(c) for c in cells) + "</div>"
        body = drow(head) + "".join(drow(list(r[:7])) for r in IND) + drow(["总分", "", "", "", "", "100", t])
        top = to_html(HEAD[:3] + [[("项目资金（万元）", 2, 1), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 1, 2)],
                                  ["100", "100", "95", "10", "95%", ("9.5", 1, 2)], [("<grid>", 1, 8)]])
        put(stem + ".html", page(top.replace("&lt;grid&gt;", '<div role="table">%s</div>' % body)))
        rows_of(stem + ".html")

# I: full-width figures and `，` thousands (the budget 1，000 万元, a count of 1，200 人次).
if section("wide"):
    def w(t):
        return t.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％"))
    rows = [[("项目支出绩效自评表", 1, 8)], ["项目名称", ("社区养老服务", 1, 7)],
            [("项目资金（万元）", 2, 1), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 1, 2)],
            ["1，000", "1，000", "950", w("10"), w("95%"), (w("9.5"), 1, 2)],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]]
    ind = [("产出指标", "数量指标", "服务人次", "≥1，000人次", "900人次", "20", "18")] + IND[1:]
    for c1, c2, name, t, a, x, s in ind:
        rows.append([c1, c2, name, w(t), w(a), w(x), w(s), ""])
    rows.append([("总分", 1, 5), w("100"), w("97.5"), ""])
    both("wide", rows, "csv")
    both("wide-off", off(rows, w("97.5"), w("99.5")), "csv")

# J: a Word table going on after a page break, its header repeated on the second page.
if section("pagebreak"):
    head = HEAD + [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]]
    h = head[-1:]
    a = [[c1, c2, n, t, x, w, s, ""] for c1, c2, n, t, x, w, s in IND[:3]]
    b = [[c1, c2, n, t, x, w, s, ""] for c1, c2, n, t, x, w, s in IND[3:]]
    for stem, t in (("pagebreak", "97.5"), ("pagebreak-off", "99.5")):
        tt = [[("总分", 1, 5), "100", t, ""]]
        docx(stem + ".docx", [head + a, h + b + tt])
        put(stem + ".html", page(to_html(head + a), to_html(h + b + tt), between='<p style="page-break-before:always"></p>'))
        rows_of(stem + ".docx")
        rows_of(stem + ".html")

# K: the grid's header merged over three rows (绩效指标 over 一级/二级/三级; 指标值 over 年度
# and 实际; 分值 and 得分 each down all three).
if section("head3"):
    rows = HEAD + [
        [("绩效指标", 1, 3), ("指标值", 1, 2), ("分值", 3, 1), ("得分", 3, 1), ("偏差原因", 3, 1)],
        [("一级指标", 2, 1), ("二级指标", 2, 1), ("三级指标", 2, 1), ("年度指标值", 2, 1), ("实际完成值", 2, 1)],
        [],
    ]
    for c1, c2, name, t, a, w, s in IND:
        rows.append([c1, c2, name, t, a, w, s, ""])
    rows.append([("总分", 1, 5), "100", "97.5", ""])
    both("head3", rows)
    both("head3-off", off(rows, "97.5", "99.5"))

# L: a GBK csv saved by WPS: the title alone on a first line, no BOM.
if section("gbk"):
    rows = HEAD + [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]]
    for c1, c2, name, t, a, w, s in IND:
        rows.append([c1, c2, name, t, a, w, s, ""])
    rows.append([("总分", 1, 5), "100", "97.5", ""])
    for stem, r in (("gbk", rows), ("gbk-off", off(rows, "97.5", "99.5"))):
        to_csv(stem + ".csv", r, "gbk")
        rows_of(stem + ".csv")

# M: transposed, years down: a 目标表 of indicators across and the years 2022, 2023 as rows.
if section("years"):
    rows = [[("项目支出绩效自评表", 1, 6)], ["项目名称", ("社区养老服务", 1, 5)],
            ["三级指标", "服务人次", "设施验收合格率", "老人满意度", "合计"],
            ["年度指标值", "≥1000人次", "≥95%", "≥90%", ""],
            ["实际完成值", "900人次", "96%", "92%", ""],
            ["分值", "40", "30", "30", "100"],
            ["得分", "36", "30", "30", "96"]]
    both("years", rows)
    both("years-off", off(rows, "96", "99"))

# N: the budget's points counted only inside the 合计 (`合计（含预算执行率10分）`): the funds
# block prints no 分值 or 得分. By hand: the indicators 90 / 88, the total 100 / 97.5 = 88 + 9.5,
# the budget's 9.5 printed nowhere but in the total.
if section("hejiinside"):
    rows = HEAD[:4] + [["100", "100", "95", "—", "95%", ("—", 1, 2)],
                       ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]]
    for c1, c2, name, t, a, w, s in IND:
        rows.append([c1, c2, name, t, a, w, s, ""])
    rows.append([("合计（含预算执行率10分）", 1, 5), "100", "97.5", ""])
    both("hejiinside", rows)
    both("hejiinside-off", off(rows, "97.5", "99.5"))

# O: points written with 分 (`20分`, `18分`, the total `97.5分`), the budget in 元 with `，`
# thousands (1，000，000 and 950，000.00).
if section("fen"):
    rows = [[("项目支出绩效自评表", 1, 8)], ["项目名称", ("社区养老服务", 1, 7)],
            [("项目资金（元）", 2, 1), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 1, 2)],
            ["1，000，000", "1，000，000", "950，000.00", "10分", "95%", ("9.5分", 1, 2)],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]]
    for c1, c2, name, t, a, w, s in IND:
        rows.append([c1, c2, name, t, a, w + "分", s + "分", ""])
    rows.append([("总分", 1, 5), "100分", "97.5分", ""])
    both("fen", rows)
    both("fen-off", off(rows, "97.5分", "99.5分"))

# P: years down: the indicators across, a row a year's target and actual (`2023年指标值`,
# `2023年实际完成值`, `2024年指标值`): the 2023 ones are the year's.
if section("yearsdown"):
    rows = [[("项目支出绩效自评表（2023年度）", 1, 5)], ["项目名称", ("社区养老服务", 1, 4)],
            ["三级指标", "服务人次", "设施验收合格率", "老人满意度"],
            ["2023年指标值", "≥1000人次", "≥95%", "≥90%"],
            ["2023年实际完成值", "900人次", "96%", "92%"],
            ["2024年指标值", "≥1200人次", "≥96%", "≥92%"],
            ["分值", "40", "30", "30"],
            ["得分", "36", "30", "30"]]
    both("yearsdown", rows)
    # the same grid as it is usually printed, the years across
    flat = HEAD + [["一级指标", "二级指标", "三级指标", "2023年指标值", "2023年实际完成值", "2024年指标值", "分值", "得分"]]
    for c1, c2, name, t, a, w, s in IND:
        flat.append([c1, c2, name, t, a, t.replace("1000", "1200"), w, s])
    flat.append([("总分", 1, 6), "100", "97.5"])
    both("yearsacross", flat)
    both("yearsacross-off", off(flat, "97.5", "99.5"))
    # a flat sheet of two projects, the same columns; and one whose actuals name no year (two
    # targets' years and nothing to tell which: refused, said)
    sheet = [["项目名称", "三级指标", "2023年指标值", "2023年实际完成值", "2024年指标值", "分值", "得分"]]
    for p in ("社区养老服务", "困难群众救助"):
        for c1, c2, name, t, a, w, s in IND[:2]:
            sheet.append([p, name, t, a, t.replace("1000", "1200"), w, s])
    to_csv("yearsflat.csv", sheet)
    sheet[0][3] = "实际完成值"
    to_csv("yearsflat-unsaid.csv", sheet)
    rows_of("yearsflat.csv")
    rows_of("yearsflat-unsaid.csv")

# Q: the target and actual in one cell on two lines, in a flat sheet of two projects.
if section("onecellflat"):
    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "指标值", "分值", "得分"]]
    for p in ("社区养老服务", "困难群众救助"):
        for c1, c2, name, t, a, w, s in IND[:2]:
            rows.append([p, c1, c2, name, "目标值：%s\n完成值：%s" % (t, a), w, s])
    put("onecellflat.html", page(to_html(rows)))
    to_xlsx("onecellflat.xlsx", rows)
    rows_of("onecellflat.html")
    rows_of("onecellflat.xlsx")
