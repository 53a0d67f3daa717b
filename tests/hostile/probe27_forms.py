#!/usr/bin/env python3
"""The twenty-seventh probe of forms (issue 27, H193): the items left open by session 26 (a
four-row header whose middle row names no column alone, a `.doc` formula field, hidden rows and
columns in a workbook form) and further families, each made by hand from its description before
any real one was read. The project of `probe23_forms.py`: budget 100, spent 95, 10 points → 9.5;
indicators 90 points, 88 scored; total 97.5. Each with printed sums that agree and a variant
(`-off`) where they do not.

    python3 tests/hostile/probe27_forms.py DIR BIN [SECTION...]"""
import os, re, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
_argv, sys.argv = sys.argv, sys.argv[:3] + ["-"]
import probe26_forms as p26  # noqa: E402
import probe_kit  # noqa: E402
sys.argv = _argv
probe_kit.ONLY[:] = _argv[3:]
from probe_kit import put, section  # noqa: E402

p25 = p26.p25
HEAD, IND, plain, probe, summary, grid_of, rezip = (
    p26.HEAD, p26.IND, p26.plain, p26.probe, p26.summary, p26.grid_of, p26.rezip)
WRITERS = p26.WRITERS


def with_head(hd, total):
    """The project's head, the grid header rows `hd`, the five indicators, the 总分 row."""
    r = HEAD + hd
    for c1, c2, n, tg, a, w, s in IND:
        r.append([c1, c2, n, tg, a, w, s, ""])
    r.append([("总分", 1, 5), "100", total, ""])
    return r


# G1. A header of four rows whose third row names no column alone: 绩效指标 over 一级/二级/
# 三级 (merged down three), 绩效目标完成情况 over (a row repeating only that group's name) over
# 年度指标值 | 实际完成值; 分值 / 得分 / 偏差原因 merged down four. "-blank": the third row blank
# but for one cell (`（数值）` under the target's column).
if section("g1"):
    def four_row(total, third):
        hd = [[("绩效指标", 1, 3), ("绩效目标完成情况", 1, 2), ("分值", 4, 1), ("得分", 4, 1), ("偏差原因", 4, 1)],
              [("一级指标", 3, 1), ("二级指标", 3, 1), ("三级指标", 3, 1), ("年度", 1, 2)],
              third,
              ["年度指标值", "实际完成值"]]
        return with_head(hd, total)
    group = [("绩效目标完成情况", 1, 2)]
    probe("g1-four-row-group", four_row("97.5", group), ["xlsx", "docx", "html", "ods"], four_row("99.5", group))
    blank = ["（数值）", ""]
    probe("g1-four-row-blank", four_row("97.5", blank), ["xlsx", "docx", "html", "ods"], four_row("99.5", blank))


def ole_many(streams):
    """A version-3 compound file of several streams {name: bytes} (each padded to 4 KB: no mini
    stream), its directory a chain of right siblings in name order (length, then letters)."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    datas = [streams[n].ljust(max(len(streams[n]), 4096), b"\0") for n in names]
    fat = [0xFFFFFFFF] * 128
    fat[0], fat[1] = 0xFFFFFFFD, 0xFFFFFFFE
    starts, at = [], 2
    for d in datas:
        k = (len(d) + 511) // 512
        starts.append(at)
        for j in range(k):
            fat[at + j] = at + j + 1 if j < k - 1 else 0xFFFFFFFE
        at += k
    assert at <= 128

    def entry(n, typ, start, size, right=0xFFFFFFFF, child=0xFFFFFFFF):
        n = (n + "\0").encode("utf-16-le")
        e = n.ljust(64, b"\0") + struct.pack("<HBB", len(n), typ, 1)
        e += struct.pack("<III", 0xFFFFFFFF, right, child) + b"\0" * 36
        return e + struct.pack("<II", start, size) + b"\0" * 4
    ents = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1)
    for i, (n, d) in enumerate(zip(names, datas)):
        ents += entry(n, 2, starts[i], len(d), right=i + 2 if i + 1 < len(names) else 0xFFFFFFFF)
    ents = ents.ljust(512 * ((len(ents) + 511) // 512), b"\0")
    assert len(ents) == 512
    h = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    h += b"\0" * 6 + struct.pack("<IIIII", 0, 1, 1, 0, 4096) + struct.pack("<IIII", 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    h += struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108
    body = b"".join(d.ljust(512 * ((len(d) + 511) // 512), b"\0") for d in datas)
    return h + b"".join(struct.pack("<I", x) for x in fat) + ents + body


def doc(name, rows, cells=None):
    """Rows as a Word 97 document (`.doc`): one table, one cell a column (merged cells written
    into their first cell, the others blank), no paragraph properties: each cell ends with a
    cell mark, each row with a doubled one (as the reader takes a file whose properties it
    cannot find); a blank cell holds a space. `cells` {text: raw main text} writes those cells'
    text as given (a field: `\\x13 =SUM(ABOVE) \\x15`)."""
    cells = cells or {}
    g, _ = grid_of(rows)
    text = "表\r"
    for row in g:
        for t in row:
            text += cells.get(t, t if t else " ") + "\x07"
        text += "\x07"
    text += "\r"
    body = text.encode("utf-16-le")
    fib = bytearray(0x800)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0xC1)
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # the table stream is 1Table
    struct.pack_into("<H", fib, 32, 14)
    struct.pack_into("<H", fib, 62, 22)
    struct.pack_into("<I", fib, 64 + 12, len(text))  # ccpText
    struct.pack_into("<H", fib, 152, 93)
    word = bytes(fib) + body
    plc = struct.pack("<II", 0, len(text)) + struct.pack("<HIH", 0, len(fib), 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))
    word = bytes(fib) + body
    return put(name, ole_many({"WordDocument": word, "1Table": clx}))


# G2. A Word 97 `.doc` whose 总分 is a formula field `{ =SUM(ABOVE) }`: never updated (no
# result), updated (97.5), stale (99.5, the sums disagree); and the form with plain figures.
if section("g2"):
    FIELDS = {
        "g2-doc-plain": "97.5",
        "g2-doc-field-novalue": "\x13 =SUM(ABOVE) \x15",
        "g2-doc-field-empty": "\x13 =SUM(ABOVE) \x14\x15",
        "g2-doc-field-value": "\x13 =SUM(ABOVE) \x1497.5\x15",
        "g2-doc-field-stale": "\x13 =SUM(ABOVE) \x1499.5\x15",
    }
    for stem, run in FIELDS.items():
        doc(stem + ".doc", plain("=T"), {"=T": run})
        summary(stem + ".doc")


def hide_xlsx_rows(name, rows, hide_rows=(), hide_cols=()):
    """`rows` as xlsx with sheet rows `hide_rows` (1-based) hidden and columns `hide_cols`
    (1-based) hidden."""
    n = p25.to_xlsx(name, rows)
    part = [k for k in __import__("zipfile").ZipFile(probe_kit.path(n)).namelist() if "worksheets/sheet" in k][0]

    def edit(x):
        for r in hide_rows:
            x, k = re.subn(r'<row r="%d"' % r, '<row r="%d" hidden="1"' % r, x, count=1)
            assert k == 1, r
        if hide_cols:
            cols = "".join('<col min="%d" max="%d" width="9" hidden="1"/>' % (c, c) for c in hide_cols)
            x = x.replace("<sheetData", "<cols>%s</cols><sheetData" % cols, 1)
        return x
    return rezip(n, part, edit)


# G3. Hidden rows and columns in a workbook form: a hidden sixth indicator (10 points, 5
# scored) that the printed 总分 counts (102.5 of 110) or does not (97.5); a hidden 得分率 column.
if section("g3"):
    extra = ("产出指标", "数量指标", "培训人次", "≥100人次", "50人次", "10", "5")
    first = len(HEAD) + 1 + 1  # the first indicator's sheet row (1-based)

    def six(total, weights="110"):
        r = HEAD + [p25.GRIDHEAD]
        for c1, c2, n, tg, a, w, s in IND + [extra]:
            r.append([c1, c2, n, tg, a, w, s, ""])
        r.append([("总分", 1, 5), weights, total, ""])
        return r
    for stem, rows in (("g3-hidden-row-counted", six("102.5")), ("g3-hidden-row-uncounted", six("97.5", "100"))):
        hide_xlsx_rows(stem + ".xlsx", rows, hide_rows=[first + 5])
        summary(stem + ".xlsx")
    hide_xlsx_rows("g3-hidden-score-col.xlsx", plain("97.5"), hide_cols=[7])
    summary("g3-hidden-score-col.xlsx")
    # the same hidden indicator in an .ods (`table:visibility="collapse"` on its row)
    for stem, rows in (("g3-hidden-row-counted", six("102.5")), ("g3-hidden-row-uncounted", six("97.5", "100"))):
        n = p25.ods(stem + ".ods", rows)

        def collapse(c, k=first + 5):
            parts = c.split("<table:table-row>")
            parts[k] = parts[k]  # rows are parts[1:]
            return "<table:table-row>".join(parts[:k]) + '<table:table-row table:visibility="collapse">' + "<table:table-row>".join(parts[k:])
        rezip(n, "content.xml", collapse)
        summary(n)
    # the same in an .xls (a ROW record whose fDyZero flag hides the row, after DIMENSIONS)
    for stem, rows in (("g3-hidden-row-counted", six("102.5")), ("g3-hidden-row-uncounted", six("97.5", "100"))):
        n = p26.xls(stem + ".xls", rows)
        b = open(probe_kit.path(n), "rb").read()
        dims = b.index(struct.pack("<HH", 0x0200, 14))
        row = struct.pack("<HH", 0x0208, 16) + struct.pack("<HHHHHHI", first + 4, 0, 8, 255, 0, 0, 0x0100 | 0x0020)
        at = dims + 4 + 14
        assert b[-len(row):] == b"\0" * len(row)
        put(n, b[:at] + row + b[at:-len(row)])
        summary(n)
    # a second project's form under the first, every row of it hidden
    second = [[x.replace("社区养老服务", "居家养老补贴") if isinstance(x, str) else (x[0].replace("社区养老服务", "居家养老补贴"),) + x[1:] for x in r] for r in plain("97.5")]
    both = plain("97.5") + [[""] * 8] + second
    k = len(plain("97.5"))
    hide_xlsx_rows("g3-hidden-second-project.xlsx", both, hide_rows=range(k + 2, len(both) + 1))
    summary("g3-hidden-second-project.xlsx")


# ---- the fresh probe: families no test held (sections h1 …) ----
ind_rows, to_html, page = p25.ind_rows, p25.to_html, p25.page
XDH = ["xlsx", "docx", "html"]


def fam(stem, make, formats=XDH):
    probe(stem, make("97.5"), formats, make("99.5"))


def cols(gh, row, span=5, after=1):
    """A form of grid header `gh`, each indicator `row(r)`, the 总分 across `span` columns."""
    def make(total):
        return ind_rows(IND, total, gh, row=row, foot=lambda t: [("总分", 1, span), "100", t] + [""] * after)
    return make


G = p25.GRIDHEAD
# H1. 备注 between 实际完成值 and 分值.
if section("h1"):
    fam("h1-note-between", cols(G[:5] + ["备注"] + G[5:], lambda r: list(r[:5]) + ["见附件"] + list(r[5:]) + [""], 6))
# H2. 偏差原因分析及改进措施 merged over three columns (header and rows).
if section("h2"):
    fam("h2-reason-three", cols(G[:7] + [("偏差原因分析及改进措施", 1, 3)], lambda r: list(r) + [("", 1, 3)], 5, 3), XDH + ["ods"])
# H3. A 序号 column first.
if section("h3"):
    def h3(total):
        rows = HEAD + [["序号"] + G]
        for k, r in enumerate(IND):
            rows.append([str(k + 1)] + list(r) + [""])
        rows.append([("总分", 1, 6), "100", total, ""])
        return rows
    fam("h3-seq-first", h3)
# H4. Other names: 指标值 | 实际值 | 指标分值 | 自评得分 | 未完成原因.
if section("h4"):
    fam("h4-other-names", cols(["一级指标", "二级指标", "三级指标", "指标值", "实际值", "指标分值", "自评得分", "未完成原因"], lambda r: list(r) + [""]))
# H5. 分值 and 得分 with their unit (`20分`, `18分`), the total `97.5分`.
if section("h5"):
    def h5(total):
        return ind_rows(IND, total, row=lambda r: list(r[:5]) + [r[5] + "分", r[6] + "分", ""],
                        foot=lambda t: [("总分", 1, 5), "100分", t + "分", ""])
    fam("h5-points-unit", h5)
# H6. 一级指标 written down the cell a character a line (`产\n出\n指\n标`), merged down its block.
if section("h6"):
    def h6(total):
        rows = HEAD + [G]
        for i, r in enumerate(IND):
            n = sum(1 for x in IND if x[0] == r[0])
            first = i == 0 or IND[i - 1][0] != r[0]
            lead = [("\n".join(r[0]), n, 1)] if first else []
            rows.append(lead + list(r[1:]) + [""])
        rows.append([("总分", 1, 5), "100", total, ""])
        return rows
    fam("h6-level1-vertical", h6, XDH + ["ods"])
# H7. A blank row after each category's block.
if section("h7"):
    def h7(total):
        rows = HEAD + [G]
        for i, r in enumerate(IND):
            rows.append(list(r) + [""])
            if i + 1 < len(IND) and IND[i + 1][0] != r[0]:
                rows.append([""] * 8)
        rows.append([("总分", 1, 5), "100", total, ""])
        return rows
    fam("h7-blank-between", h7, ["xlsx", "docx", "html", "csv"])
# H8. Exported from a PDF: the grid header printed again on the second page, a page footer
# (`第 1 页 共 2 页`) between.
if section("h8"):
    def h8(total):
        rows = HEAD + [G]
        for i, r in enumerate(IND):
            if i == 3:
                rows.append([("第 1 页 共 2 页", 1, 8)])
                rows.append(list(G))
            rows.append(list(r) + [""])
        rows.append([("总分", 1, 5), "100", total, ""])
        return rows
    fam("h8-pdf-pages", h8, ["xlsx", "docx", "html", "csv"])
# H9. A 完成率 column after 实际完成值.
if section("h9"):
    rate = {"服务人次": "90%", "设施验收合格率": "101%", "完成时间": "100%", "老年人生活质量": "100%", "老人满意度": "102%"}
    fam("h9-rate-after-actual", cols(G[:5] + ["完成率"] + G[5:], lambda r: list(r[:5]) + [rate[r[2]]] + list(r[5:]) + [""], 6))
# H10. The funds in 元 with thousands separators (项目资金（元）: 1,000,000.00 / 950,000.00).
if section("h10"):
    head = [list(x) for x in HEAD]
    head[3] = [("项目资金（元）", 2, 1)] + head[3][1:]
    head[4] = ["1,000,000.00", "1,000,000.00", "950,000.00", "10", "95%", ("9.5", 1, 2)]
    fam("h10-yuan-thousands", lambda t: ind_rows(IND, t, head=head), ["xlsx", "docx", "html", "csv"])
# H11. 合计 for 总分, and a 自评等级 row after it.
if section("h11"):
    def h11(total):
        return ind_rows(IND, total, foot=lambda t: [("合计", 1, 5), "100", t, ""]) + [[("自评等级", 1, 5), ("优", 1, 3)]]
    fam("h11-sum-and-grade", h11)
# H12. Header cells broken in lines (`年度\n指标值`, `实际\n完成值`, `分\n值`).
if section("h12"):
    fam("h12-head-lines", cols(["一级\n指标", "二级\n指标", "三级\n指标", "年度\n指标值", "实际\n完成值", "分\n值", "得\n分", "偏差原因\n分析"], lambda r: list(r) + [""]))
# H13. Figures in full-width digits (`９００人次`, `２０`, `１８`).
if section("h13"):
    fw = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
    fam("h13-fullwidth", cols(G, lambda r: list(r[:4]) + [r[4].translate(fw), r[5].translate(fw), r[6].translate(fw), ""]))
# H14. 权重（%） heading the points, written as plain numbers.
if section("h14"):
    fam("h14-weight-pct-head", cols(G[:5] + ["权重（%）"] + G[6:], lambda r: list(r) + [""]), ["xlsx", "docx", "csv"])
# H15. An empty indicator row (a template's spare row) inside the grid.
if section("h15"):
    def h15(total):
        rows = ind_rows(IND, total)
        rows.insert(len(HEAD) + 1 + 3, ["", "", "", "", "", "", "", ""])
        rows.insert(len(HEAD) + 1 + 4, ["产出指标", "成本指标", "", "", "", "", "", ""])
        return rows
    fam("h15-spare-row", h15, ["xlsx", "docx", "html"])
# H16. Scores with two decimals (`18.00`, the total `97.50`).
if section("h16"):
    fam("h16-two-decimals", lambda t: ind_rows(IND, t + "0", row=lambda r: list(r[:5]) + [r[5] + ".00", r[6] + ".00", ""]), ["docx", "html", "csv"])


def html_edit(stem, rows, edit):
    """The page of `rows` (`to_html`) with its html text edited by `edit(text) -> text`."""
    put(stem + ".html", edit(page(to_html(rows))))
    summary(stem + ".html")


def hfam(stem, make, edit):
    for s, t in ((stem, "97.5"), (stem + "-off", "99.5")):
        html_edit(s, make(t), edit)


# H17. Pages: the grid header's cells as `<th>` in the body; the form in a `<template>` (shown
# by a script); the 满意度 block's 一级 cell `rowspan="0"` (to its tbody's end, the 总分 in a
# `<tfoot>`); cells spanning past the row (`colspan="20"` on the title and each 偏差原因).
if section("h17"):
    gh_th = "<tr>" + "".join("<td>%s</td>" % c for c in G) + "</tr>"
    hfam("h17-th-in-body", plain, lambda h: h.replace(gh_th, "<tr>" + "".join("<th>%s</th>" % c for c in G) + "</tr>"))
    hfam("h17-template", plain, lambda h: h.replace("<body>", "<body><div id=app></div><template id=form>").replace("</body>", "</template><script>app.append(form.content)</script></body>"))

    def zero(h):
        h = h.replace('<td rowspan=1>满意度指标', '<td>满意度指标')
        last = h.rindex("<tr>")
        h = h[:last] + "</tbody><tfoot>" + h[last:].replace("</table>", "</tfoot></table>")
        h = h.replace("<table border=1>", "<table border=1><tbody>")
        return h.replace("<tr><td>满意度指标</td>", '<tr><td rowspan="0">满意度指标</td>')
    hfam("h17-rowspan-zero", plain, zero)
    hfam("h17-colspan-past", plain, lambda h: h.replace("colspan=8>项目支出绩效自评表", "colspan=20>项目支出绩效自评表").replace("<td></td></tr>", '<td colspan="5"></td></tr>'))
# H18. The form's table hidden on the page (`<table style="display:none">`: a tab not shown).
if section("h18"):
    hfam("h18-table-hidden", plain, lambda h: h.replace("<table border=1>", '<table border=1 style="display:none">'))
# H19. One page table of two projects' forms under one `<thead>` (the grid header), each
# project a `<tbody>` of its own: its 项目名称 row, its indicators, its 总分.
if section("h19"):
    def h19(total):
        gh = "<thead><tr>" + "".join("<th>%s</th>" % c for c in G) + "</tr></thead>"
        body = ""
        for name, t in (("社区养老服务", "88"), ("居家养老补贴", total)):
            rows = [["项目名称", (name, 1, 7)]] + [list(r) + [""] for r in IND] + [[("总分", 1, 5), "90", t, ""]]
            body += to_html(rows).replace("<table border=1>", "<tbody>").replace("</table>", "</tbody>")
        return page("<table border=1>" + gh + body + "</table>")
    # no funds block: 90 points, 88 scored; the `-off` second project prints 90
    for s, t in (("h19-two-bodies-one-head", "88"), ("h19-two-bodies-one-head-off", "90")):
        put(s + ".html", h19(t))
        summary(s + ".html")

    # the same as a sheet: the grid header once at the top, each project's rows under it
    def h19x(total):
        rows = [list(G)]
        for name, t in (("社区养老服务", "88"), ("居家养老补贴", total)):
            rows += [["项目名称", (name, 1, 7)]] + [list(r) + [""] for r in IND] + [[("总分", 1, 5), "90", t, ""]]
        return rows
    probe("h19-one-head-two-projects", h19x("88"), ["xlsx", "csv"], h19x("90"))
# H20. Points in the indicator's name (`服务人次（20分）`), no 分值 column.
if section("h20"):
    fam("h20-points-in-name", cols(G[:5] + G[6:], lambda r: list(r[:2]) + ["%s（%s分）" % (r[2], r[5])] + list(r[3:5]) + [r[6], ""], 5, 1) if False else
        (lambda t: ind_rows(IND, t, G[:5] + G[6:], row=lambda r: list(r[:2]) + ["%s（%s分）" % (r[2], r[5])] + list(r[3:5]) + [r[6], ""],
                            foot=lambda x: [("总分", 1, 5), x, ""])))
# H21. The target split in three columns: 指标性质 (≥, =, 定性) | 指标值 | 度量单位.
if section("h21"):
    split = {"服务人次": ("≥", "1000", "人次"), "设施验收合格率": ("≥", "95", "%"), "完成时间": ("≤", "2023年12月底前", ""),
             "老年人生活质量": ("定性", "明显改善", ""), "老人满意度": ("≥", "90", "%")}
    gh = G[:3] + ["指标性质", "指标值", "度量单位"] + G[4:]
    fam("h21-target-three-cols", lambda t: ind_rows(IND, t, gh, row=lambda r: list(r[:3]) + list(split[r[2]]) + list(r[4:]) + [""],
                                                     foot=lambda x: [("总分", 1, 7), "100", x, ""]))
# H22. No 二级指标 column (一级 | 三级 only).
if section("h22"):
    gh = [G[0]] + G[2:]
    fam("h22-no-level2", lambda t: ind_rows(IND, t, gh, row=lambda r: [r[0]] + list(r[2:]) + [""], foot=lambda x: [("总分", 1, 4), "100", x, ""]))
# H23. An xlsx whose figures are all stored as text (分值 `'20`, the total `'97.5`).
if section("h23"):
    for s, t in (("h23-xlsx-text-figures", "97.5"), ("h23-xlsx-text-figures-off", "99.5")):
        g, merges = grid_of(plain(t))
        refs = ["%s%d:%s%d" % (p25.p23.col(c0), r0 + 1, p25.p23.col(c1), r1 + 1) for r0, c0, r1, c1 in merges]
        p25.p23.xlsx(s + ".xlsx", g, refs)
        summary(s + ".xlsx")
