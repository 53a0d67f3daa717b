#!/usr/bin/env python3
"""The twenty-sixth probe of forms (issue 27, H186): the items left open by session 25 (a formula
with no saved value in .ods / .xls, a three-row header, a 目标表 and a 自评表 on one page, `<pre>`
in a cell, a department form whose one 小计 disagrees) and a fresh probe of layouts no test held,
each made by hand from its description before any real one was read. The project of
`probe23_forms.py`: budget 100, spent 95, 10 points → 9.5; indicators 90 points, 88 scored;
total 97.5. Each with printed sums that agree and a variant (`-off`) where they do not.

    python3 tests/hostile/probe26_forms.py DIR BIN [SECTION...]"""
import io, os, struct, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
_argv, sys.argv = sys.argv, sys.argv[:3] + ["-"]
import probe25_forms as p25  # noqa: E402
import probe_kit  # noqa: E402
sys.argv = _argv
probe_kit.ONLY[:] = _argv[3:]
from probe_kit import put, section  # noqa: E402
from compound_file import ole  # noqa: E402

HEAD, IND, GRIDHEAD, plain, probe, summary, ods, grid_of, cell, place = (
    p25.HEAD, p25.IND, p25.GRIDHEAD, p25.plain, p25.probe, p25.summary, p25.ods, p25.grid_of,
    p25.cell, p25.p23.place)
WRITERS = p25.WRITERS


def rezip(name, part, edit):
    """The zip `name` with its `part` edited by `edit(text) -> text`."""
    zin = zipfile.ZipFile(probe_kit.path(name))
    parts = {k: zin.read(k) for k in zin.namelist()}
    parts[part] = edit(parts[part].decode()).encode()
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for k, x in parts.items():
            z.writestr(k, x)
    return put(name, b.getvalue())


def xls(name, rows, formulas=None):
    """probe25's BIFF8 writer, and cells `formulas` {text: result} written as FORMULA records
    (`=SUM(...)` as one ptgInt): result None keeps no result (a string result whose STRING
    record is missing, as a script writes it), a text result is given in a STRING record."""
    formulas = formulas or {}
    g, merges = grid_of(rows)

    def rec(t, d):
        return struct.pack("<HH", t, len(d)) + d

    def bof(dt):
        return rec(0x0809, struct.pack("<HHHHII", 0x0600, dt, 0x0DBB, 0x07CC, 0, 0x06))
    strings, cells = [], b""
    for r, row in enumerate(g):
        for c, t in enumerate(row):
            if t == "":
                continue
            if t in formulas:
                res = formulas[t]
                body = struct.pack("<HHH", r, c, 15) + b"\0\0\0\0\0\0\xff\xff" + struct.pack("<HI", 2, 0)
                body += struct.pack("<H", 3) + b"\x1e" + struct.pack("<H", 97)
                cells += rec(0x0006, body)
                if res is not None:
                    cells += rec(0x0207, struct.pack("<HB", len(res), 1) + res.encode("utf-16-le"))
                continue
            try:
                v = float(t)
                cells += rec(0x0203, struct.pack("<HHHd", r, c, 15, v))
            except ValueError:
                if t not in strings:
                    strings.append(t)
                cells += rec(0x00FD, struct.pack("<HHHI", r, c, 15, strings.index(t)))
    sst = struct.pack("<II", len(strings), len(strings)) + b"".join(
        struct.pack("<HB", len(s), 1) + s.encode("utf-16-le") for s in strings)
    mc = b""
    if merges:
        mc = rec(0x00E5, struct.pack("<H", len(merges)) + b"".join(
            struct.pack("<HHHH", r0, r1, c0, c1) for r0, c0, r1, c1 in merges))
    xf = b"".join(rec(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5 if k < 15 else 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))
                  for k in range(16))
    font = rec(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + struct.pack("<BB", 2, 1) + "宋体".encode("utf-16-le"))
    sheet = bof(0x10) + rec(0x0200, struct.pack("<IIHHH", 0, len(g), 0, max(len(r) for r in g), 0)) + cells + mc + rec(0x000A, b"")
    name_b = "自评表".encode("utf-16-le")
    glob_wo = bof(0x5) + rec(0x0042, struct.pack("<H", 1200)) + font * 5 + xf + rec(0x00FC, sst)
    pos = len(glob_wo) + 4 + 8 + len(name_b) + 4
    glob = glob_wo + rec(0x0085, struct.pack("<IBBBB", pos, 0, 0, 3, 1) + name_b) + rec(0x000A, b"")
    return put(name, ole(glob + sheet))


def ods_formula(name, rows, marks):
    """ods of `rows` whose cells of text in `marks` {text: value} are formulas: value None keeps
    no value (`table:formula` alone), else `office:value` beside it."""
    n = ods(name, rows)

    def edit(c):
        for t, v in marks.items():
            old = '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % t
            new = ('<table:table-cell table:formula="of:=SUM([.G7:.G11])+[.G5]"/>' if v is None else
                   '<table:table-cell table:formula="of:=SUM([.G7:.G11])+[.G5]" office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (v, v))
            assert old in c, t
            c = c.replace(old, new, 1)
        return c
    return rezip(n, "content.xml", edit)


# F1. A formula with no saved value: the 总分 (ods, xls), an indicator's 得分 (ods, xls); the
# same with its value kept (ods `office:value`, xls a STRING record) reads as before.
if section("f1"):
    for stem, total, mark in (("f1-total-novalue", "=T", None), ("f1-total-value", "=T", "97.5")):
        ods_formula(stem + ".ods", plain(total), {total: mark})
        summary(stem + ".ods")
        xls(stem + ".xls", plain(total), {total: mark})
        summary(stem + ".xls")
    ind = [r if r[2] != "服务人次" else r[:6] + ("=S",) for r in IND]
    for stem, total in (("f1-score-novalue", "97.5"), ("f1-score-novalue-off", "99.5")):
        ods_formula(stem + ".ods", plain(total, ind), {"=S": None})
        summary(stem + ".ods")
        xls(stem + ".xls", plain(total, ind), {"=S": None})
        summary(stem + ".xls")

to_html, page = p25.to_html, p25.page


def html_with(rows, wrap):
    """The page of `rows` whose cells of text in `wrap` {text: html} are written as that html."""
    h = to_html(rows)
    for t, new in wrap.items():
        assert ">%s</td>" % t in h, t
        h = h.replace(">%s</td>" % t, ">%s</td>" % new, 1)
    return page(h)


# F2. `<pre>` inside a table cell: the actual, the target and the 得分 written in `<pre>`s (a
# CMS pasting preformatted text), one with a line break inside.
if section("f2"):
    for stem, total in (("f2-pre-cell", "97.5"), ("f2-pre-cell-off", "99.5")):
        put(stem + ".html", html_with(plain(total), {
            "900人次": "<pre>900人次</pre>", "≥95%": "<pre>\n≥95%\n</pre>",
            "96%": "<pre>  96%  </pre>", "明显改善": "<pre>明显\n改善</pre>"}))
        summary(stem + ".html")

# F3. A text form (`<pre>` aligned by spaces or tabs, a pipe table in a `<pre>`) in a cell of
# a layout table (a CMS's page frame: a navigation row above, the content cell below): the
# pages of probe25_pages.py with their `<pre>` put in the frame's cell.
if section("f3"):
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "pages25")
    for f in ("pre-aligned", "pre-aligned-off", "pipe-pre", "pipe-pre-off", "pre-tabs", "pre-tabs-off"):
        s = open(os.path.join(here, f + ".html"), encoding="utf-8").read()
        s = s.replace("<pre>", '<table class="layout" width="100%"><tr><td class="nav">首页 &gt; 信息公开</td></tr>'
                      '<tr><td class="content"><pre>', 1).replace("</pre>", "</pre></td></tr></table>", 1)
        put("f3-incell-%s.html" % f, s)
        summary("f3-incell-%s.html" % f)

# F4. A 部门整体 form read apart by its 项目名称 column, each project with its 小计, one 小计
# disagreeing: the second project's (38 over rows making 36), the 合计 84 agreeing with the
# rows; and the first's with the name merged down (ods, docx). Only the project of the 小计
# is 未核对.
if section("f4"):
    dept = p25.dept
    sub2 = {"社区养老服务": ("50", "48"), "困难群众救助": ("40", "38")}
    sub1 = {"社区养老服务": ("50", "47"), "困难群众救助": ("40", "36")}
    for f in ("xlsx", "html"):
        WRITERS[f]("f4-dept-sub2-off." + f, dept("84", "each", subtotals=sub2))
        summary("f4-dept-sub2-off." + f)
    for f in ("ods", "docx"):
        WRITERS[f]("f4-dept-sub1-off." + f, dept("84", "merged", subtotals=sub1))
        summary("f4-dept-sub1-off." + f)

# F5. A header of three rows: 绩效指标 over 一级/二级/三级 (merged down two rows), 年度 over
# 指标值 over 年度指标值 | 实际完成值, 分值 / 得分 / 偏差原因 merged down three (xlsx, docx, html).
if section("f5"):
    def three_row(total):
        hd = [[("绩效指标", 1, 3), ("年度", 1, 2), ("分值", 3, 1), ("得分", 3, 1), ("偏差原因", 3, 1)],
              [("一级指标", 2, 1), ("二级指标", 2, 1), ("三级指标", 2, 1), ("指标值", 1, 2)],
              ["年度指标值", "实际完成值"]]
        r = HEAD + hd
        for c1, c2, n, tg, a, w, s in IND:
            r.append([c1, c2, n, tg, a, w, s, ""])
        r.append([("总分", 1, 5), "100", total, ""])
        return r
    probe("f5-three-row-head", three_row("97.5"), ["xlsx", "docx", "html"], three_row("99.5"))

# F6. A 目标表 and a 自评表 of the same project in one file: a page (the 目标表 above), a Word
# file (two tables). "-differs": the 目标表 says ≥1200人次 where the 自评表 says ≥1000人次;
# "-off": the 自评表's total 99.5.
if section("f6"):
    def target_form(first="≥1000人次"):
        return ([[("项目支出绩效目标表", 1, 5)], ["项目名称", ("社区养老服务", 1, 4)],
                 ["一级指标", "二级指标", "三级指标", "指标值", "分值"]]
                + [[c1, c2, n, first if n == "服务人次" else tg, w] for c1, c2, n, tg, a, w, s in IND])
    for stem, tgt, total in (("f6-target-and-self", "≥1000人次", "97.5"),
                             ("f6-target-and-self-differs", "≥1200人次", "97.5"),
                             ("f6-target-and-self-off", "≥1000人次", "99.5")):
        put(stem + ".html", page("<h3>绩效目标表</h3>" + to_html(target_form(tgt)) + "<h3>绩效自评表</h3>" + to_html(plain(total))))
        summary(stem + ".html")
        p25.docx(stem + ".docx", [target_form(tgt), plain(total)])
        summary(stem + ".docx")


# The fresh probe: families no test held, each with its sums true and a variant where they
# disagree (`-off`, the total 99.5).
def fam(stem, make, formats):
    probe(stem, make("97.5"), formats, make("99.5"))


def with_cols(gh, row, foot_span=5):
    def make(total):
        return p25.ind_rows(IND, total, gh, row=row, foot=lambda t: [("总分", 1, foot_span), "100", t] + [""] * (len(gh) - foot_span - 2))
    return make


# F7. 分值 written as a percent (`20%`) under `权重`.
if section("f7"):
    gh = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "偏差原因"]
    fam("f7-weight-percent", with_cols(gh, lambda r: list(r[:5]) + [r[5] + "%", r[6], ""]), ["xlsx", "docx", "csv"])

# F8. A 得分率 column after 得分 (`90%`).
if section("f8"):
    gh = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "得分率"]
    rate = lambda r: "%g%%" % (100 * float(r[6]) / float(r[5]))
    fam("f8-score-rate", with_cols(gh, lambda r: list(r[:7]) + [rate(r)]), ["xlsx", "html"])

# F9. The 年度总体目标 block between two indicator blocks (产出 above, 效益/满意度 below).
if section("f9"):
    def f9(total):
        rows = HEAD + [GRIDHEAD]
        for r in IND[:3]:
            rows.append(list(r) + [""])
        rows.append(["年度总体目标", ("为辖区老年人提供居家养老服务", 1, 3), "实际完成情况", ("完成全年服务", 1, 3)])
        for r in IND[3:]:
            rows.append(list(r) + [""])
        rows.append([("总分", 1, 5), "100", total, ""])
        return rows
    fam("f9-goal-between", f9, ["xlsx", "docx"])

# F10. Two forms side by side on one sheet (a blank column between).
if section("f10"):
    def f10(total):
        a, b = p25.grid_of(plain("97.5"))[0], p25.grid_of(plain(total))[0]
        b = [[c.replace("社区养老服务", "困难群众救助") for c in r] for r in b]
        return [ra + [""] + rb for ra, rb in zip(a, b)]
    for stem, t in (("f10-side-by-side", "97.5"), ("f10-side-by-side-off", "99.5")):
        for f in ("xlsx", "csv"):
            WRITERS[f](stem + "." + f, f10(t))
            summary(stem + "." + f)

# F11. 全年预算数 in 万元, 执行数 in 元, the head saying each (budget 100 万元, spent 950000 元).
if section("f11"):
    def f11(total):
        head = HEAD[:3] + [[("项目资金", 2, 1), "年初预算数（万元）", "全年预算数（万元）", "全年执行数（元）", "分值", "执行率", ("得分", 1, 2)],
                           ["100", "100", "950000", "10", "95%", ("9.5", 1, 2)]]
        return p25.ind_rows(IND, total, head=head)
    fam("f11-units-apart", f11, ["xlsx", "docx"])

# F12. A csv in UTF-16 (LE with a BOM, tab-separated as Excel's 'Unicode text').
if section("f12"):
    for stem, t in (("f12-utf16", "97.5"), ("f12-utf16-off", "99.5")):
        g = p25.grid_of(plain(t))[0]
        put(stem + ".csv", b"\xff\xfe" + "".join("\t".join(r) + "\r\n" for r in g).encode("utf-16-le"))
        summary(stem + ".csv")

# F13. Exported from a PDF: long cells broken on line ends (`设施验收\n合格率`, `2023年12月\n底前`).
if section("f13"):
    brk = {"设施验收合格率": "设施验收\n合格率", "2023年12月底前": "2023年12月\n底前", "服务对象满意度指标": "服务对象满\n意度指标",
           "老年人生活质量": "老年人生活\n质量"}
    ind = [tuple(brk.get(c, c) for c in r) for r in IND]
    fam("f13-pdf-breaks", lambda t: p25.ind_rows(ind, t), ["xlsx", "docx", "html"])

# F14. The form in an `<iframe srcdoc>` (escaped html).
if section("f14"):
    import html as _h
    for stem, t in (("f14-iframe-srcdoc", "97.5"), ("f14-iframe-srcdoc-off", "99.5")):
        inner = page(to_html(plain(t)))
        put(stem + ".html", "<html><head><meta charset=utf-8></head><body><p>信息公开</p><iframe srcdoc=\"%s\"></iframe></body></html>" % _h.escape(inner, quote=True))
        summary(stem + ".html")

# F15. 一级指标 merged across two columns (一级 | 二级 heads, the category cell spanning both
# where a category has no 二级).
if section("f15"):
    def f15(total):
        rows = HEAD + [GRIDHEAD]
        for c1, c2, n, tg, a, w, s in IND:
            if c1 == "效益指标":
                rows.append([(c1, 1, 2), n, tg, a, w, s, ""])
            else:
                rows.append([c1, c2, n, tg, a, w, s, ""])
        rows.append([("总分", 1, 5), "100", total, ""])
        return rows
    fam("f15-level1-across", f15, ["xlsx", "docx", "html"])

# F16. Word: the form split across two tables (a page break between), the grid header
# repeated, a merged 一级指标 cell cut by the break.
if section("f16"):
    for stem, t in (("f16-word-split", "97.5"), ("f16-word-split-off", "99.5")):
        rows = plain(t)
        cut = len(HEAD) + 1 + 2
        p25.docx(stem + ".docx", [rows[:cut], [GRIDHEAD] + rows[cut:]])
        summary(stem + ".docx")

# F17. Word: the 总分 a formula field `{ =SUM(ABOVE) }` whose result was never updated (a
# complex field with no result; a `w:fldSimple` with none), and one whose result shows 97.5.
if section("f17"):
    FIELD = {
        "f17-field-novalue": '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =SUM(ABOVE) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
        "f17-fldsimple-novalue": '<w:fldSimple w:instr=" =SUM(ABOVE) "/>',
        "f17-field-value": '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =SUM(ABOVE) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>97.5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
    }
    for stem, run in FIELD.items():
        n = p25.docx(stem + ".docx", [plain("=T")])
        rezip(n, "word/document.xml", lambda d: d.replace("<w:p><w:r><w:t>=T</w:t></w:r></w:p>", "<w:p>%s</w:p>" % run, 1))
        summary(n)
