#!/usr/bin/env python3
"""The twenty-fifth probe of forms (issue 27, H182): the two families left open (a 部门整体 form
whose 项目名称 column names several projects, read apart; points in the category heads with the
rows' 分值 blank) and a fresh probe of layouts no test held, each made by hand from its
description before any real one was read. Each with printed sums that agree and a variant
(`-off`) where they do not; `evaluate --format json` of each is printed for reading against the
sums worked by hand (the project of `probe23_forms.py`: budget 100, spent 95, 10 points → 9.5;
indicators 90 points, 88 scored; total 97.5).

    python3 tests/hostile/probe25_forms.py DIR BIN [FORM...]"""
import io, os, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
_argv, sys.argv = sys.argv, sys.argv[:3] + ["-"]
import probe23_forms as p23  # noqa: E402
import probe_kit  # noqa: E402
sys.argv = _argv
probe_kit.ONLY[:] = _argv[3:]
from probe_kit import put, rows_of, section  # noqa: E402
HEAD, IND, page, to_html, to_xlsx, to_csv, docx, grid_of, cell = (
    p23.HEAD, p23.IND, p23.page, p23.to_html, p23.to_xlsx, p23.to_csv, p23.docx, p23.grid_of, p23.cell)
GRIDHEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]


def esc(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ods(name, rows):
    """Rows (cells text or (text, rowspan, colspan)) as a one-sheet OpenDocument spreadsheet,
    merges as `number-rows-spanned` / `number-columns-spanned` with covered cells."""
    at, merges = p23.place(rows)
    h = max(r for r, _ in at) + 1
    w = max(c for _, c in at) + 1
    body = ""
    for r in range(h):
        body += "<table:table-row>"
        for c in range(w):
            m = next((m for m in merges if m[0] <= r <= m[2] and m[1] <= c <= m[3]), None)
            if m and (r, c) != (m[0], m[1]):
                body += "<table:covered-table-cell/>"
                continue
            span = ""
            if m:
                span = ' table:number-rows-spanned="%d" table:number-columns-spanned="%d"' % (
                    m[2] - m[0] + 1, m[3] - m[1] + 1)
            t = at.get((r, c), "")
            try:
                float(t)
                body += '<table:table-cell%s office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (span, t, t)
            except ValueError:
                body += '<table:table-cell%s office:value-type="string"><text:p>%s</text:p></table:table-cell>' % (span, esc(t)) if t else "<table:table-cell%s/>" % span
        body += "</table:table-row>"
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Sheet1">%s</table:table>'
               '</office:spreadsheet></office:body></office:document-content>' % body)
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        z.writestr("content.xml", content)
    return put(name, b.getvalue())


WRITERS = {"xlsx": to_xlsx, "csv": to_csv, "ods": ods,
           "docx": lambda n, r: docx(n, [r]), "html": lambda n, r: put(n, page(to_html(r)))}


def forms(stem, rows, formats, off_rows=None):
    """`stem.FMT` of each format, and `stem-off.FMT` of `off_rows` where given; each read."""
    for rs, s in ((rows, stem), (off_rows, stem + "-off")):
        if rs is None:
            continue
        for f in formats:
            WRITERS[f](s + "." + f, rs)
            rows_of(s + "." + f)


def off(rows, frm, to):
    return p23.off(rows, frm, to)


def plain(total="97.5", ind=IND, head=HEAD, gh=GRIDHEAD):
    rows = head + [gh]
    for c1, c2, name, t, a, w, s in ind:
        rows.append([c1, c2, name, t, a, w, s, ""])
    rows.append([("总分", 1, 5), "100", total, ""])
    return rows


# 1. A 部门整体 form whose 项目名称 column names two projects. By hand: 社区养老服务 20 + 20 + 10
# = 50 points, 18 + 20 + 10 = 48; 困难群众救助 20 + 20 = 40 points, 16 + 20 = 36; 合计 90, 84.
DEPT = [("社区养老服务",) + r for r in IND[:3]] + [
    ("困难群众救助", "产出指标", "数量指标", "救助人数", "≥500人", "400人", "20", "16"),
    ("困难群众救助", "满意度指标", "服务对象满意度指标", "受助群众满意度", "≥90%", "95%", "20", "20")]
DEPTHEAD = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def dept(total, how, funds=False, subtotals=None):
    """how: "each" (a name on each row), "merged" (one cell merged down), "blank" (the name on a
    project's first row only, the rest blank: a csv of a merged sheet), "gap" (the first row
    names none). funds: the department's funds block (budget 100, spent 95, 10 points → 9.5),
    the 合计 then 100 points. subtotals: each project's 小计 (分值, 得分)."""
    rows = [[("部门整体支出绩效自评表", 1, 8)], ["部门名称", ("某区民政局", 1, 7)]]
    if funds:
        rows += [[("部门资金（万元）", 2, 2), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                 ["100", "100", "95", "10", "95%", "9.5"]]
    rows.append(DEPTHEAD)
    last = None
    for i, (p, c1, c2, n, t, a, w, s) in enumerate(DEPT):
        span = sum(1 for r in DEPT if r[0] == p)
        if how == "merged":
            first = [(p, span, 1)] if p != last else []
        elif how == "blank" or (how == "gap" and i == 0):
            first = [p if p != last and i > 0 or (how == "blank" and p != last) else ""]
        else:
            first = [p]
        rows.append(first + [c1, c2, n, t, a, w, s])
        nxt = DEPT[i + 1][0] if i + 1 < len(DEPT) else None
        if subtotals and nxt != p:
            sw, ss = subtotals[p]
            rows.append([p + "小计", ("", 1, 5), sw, ss])
        last = p
    pts = "100" if funds else "90"
    rows.append([("合计", 1, 6), pts, total])
    return rows


if section("dept"):
    forms("dept-each", dept("84", "each"), ["xlsx", "docx", "csv"], dept("86", "each"))
    forms("dept-merged", dept("84", "merged"), ["xlsx", "docx", "ods"], dept("86", "merged"))
    forms("dept-blank", dept("84", "blank"), ["csv", "html"])
    forms("dept-gap", dept("84", "gap"), ["xlsx", "csv"])
    forms("dept-funds", dept("93.5", "merged", funds=True), ["xlsx", "docx"], dept("95.5", "merged", funds=True))
    sub = {"社区养老服务": ("50", "48"), "困难群众救助": ("40", "36")}
    suboff = {"社区养老服务": ("50", "46"), "困难群众救助": ("40", "36")}
    forms("dept-sub", dept("84", "each", subtotals=sub), ["xlsx", "html", "csv"], dept("84", "each", subtotals=suboff))


# 2. Points only in the category heads, the rows' 分值 blank. By hand: 产出指标（30分）over three
# rows printing 得分 10, 10, 9 (an even share, 10 each, holds them); 效益指标（30分）one row, 30
# (no guess: one row takes the label's points); 满意度指标（30分）two rows 15 and 14. Indicators
# 90 points, 88 scored; budget 9.5 of 10; total 97.5. "-off": the 产出 rows print 12, 10, 10 (32
# of 30); "-over": 产出 rows print 14, 10, 5 (29 of 30, but 14 passes the share of 10).
CATHEAD = [
    ("产出指标（30分）", "数量指标", "服务人次", "≥1000人次", "1000人次", "", "10"),
    ("产出指标（30分）", "质量指标", "设施验收合格率", "≥95%", "96%", "", "10"),
    ("产出指标（30分）", "时效指标", "完成时间", "2023年12月底前", "2024年1月", "", "9"),
    ("效益指标（30分）", "社会效益指标", "老年人生活质量", "明显改善", "明显改善", "", "30"),
    ("满意度指标（30分）", "服务对象满意度指标", "老人满意度", "≥90%", "92%", "", "15"),
    ("满意度指标（30分）", "服务对象满意度指标", "家属满意度", "≥90%", "88%", "", "14"),
]


def cathead(scores=None):
    ind = [r[:6] + (scores.get(r[2], r[6]) if scores else r[6],) for r in CATHEAD]
    t = sum(float(r[6]) for r in ind) + 9.5
    return plain("%g" % t, ind)


if section("cathead"):
    forms("cathead", cathead(), ["xlsx", "docx", "csv"])
    forms("cathead-sum", cathead({"服务人次": "12", "完成时间": "10"}), ["xlsx", "docx"])
    forms("cathead-over", cathead({"服务人次": "14", "完成时间": "5"}), ["xlsx", "html"])
    # the category as a heading row of its own, its points in the 分值 column of that row only
    rows = HEAD + [GRIDHEAD]
    last = None
    for c1, c2, n, tg, a, w, s in CATHEAD:
        name = c1.split("（")[0]
        if name != last:
            rows.append([name, ("", 1, 4), "30", "", ""])
            last = name
        rows.append(["", c2, n, tg, a, "", s, ""])
    rows.append([("总分", 1, 5), "100", "97.5", ""])
    forms("cathead-rows", rows, ["xlsx", "docx"], off(rows, "97.5", "99.5"))
