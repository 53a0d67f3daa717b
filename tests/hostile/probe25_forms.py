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


# 3. The fresh probe: a writer of .xls (BIFF8: SST strings, numbers, merges) and each family.
import struct  # noqa: E402
from compound_file import ole  # noqa: E402


def xls(name, rows):
    """Rows (cells text or (text, rowspan, colspan)) as a one-sheet BIFF8 workbook."""
    g, merges = grid_of(rows)

    def rec(t, d):
        return struct.pack("<HH", t, len(d)) + d

    def bof(dt):
        return rec(0x0809, struct.pack("<HHHHII", 0x0600, dt, 0x0DBB, 0x07CC, 0, 0x06))
    strings = []
    cells = b""
    for r, row in enumerate(g):
        for c, t in enumerate(row):
            if t == "":
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
    assert len(sst) < 8224
    mc = b""
    if merges:
        mc = rec(0x00E5, struct.pack("<H", len(merges)) + b"".join(
            struct.pack("<HHHH", r0, r1, c0, c1) for r0, c0, r1, c1 in merges))
    xf = b"".join(rec(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5 if k < 15 else 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))
                  for k in range(16))
    font = rec(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + struct.pack("<BB", 2, 1) + "宋体".encode("utf-16-le"))
    sheet = bof(0x10) + rec(0x0200, struct.pack("<IIHHH", 0, len(g), 0, max(len(r) for r in g), 0)) + cells + mc + rec(0x000A, b"")
    name_b = "自评表".encode("utf-16-le")
    bound_len = 4 + 8 + len(name_b)
    glob_wo = bof(0x5) + rec(0x0042, struct.pack("<H", 1200)) + font * 5 + xf + rec(0x00FC, sst)
    pos = len(glob_wo) + bound_len + 4
    bound = rec(0x0085, struct.pack("<IBBBB", pos, 0, 0, 3, 1) + name_b)
    glob = glob_wo + bound + rec(0x000A, b"")
    return put(name, ole(glob + sheet))


WRITERS["xls"] = xls


def summary(name, extra=()):
    """One line a project: name, score / weights, status, published, indicators' weights."""
    code, out, err = probe_kit.run(["evaluate", name, "--format", "json"] + list(extra), name)
    if code != 0:
        print("   refused: " + " ".join(err.split())[:200])
        return
    import json
    v = json.loads(out)
    for p in v.get("projects", []):
        ws = ",".join((i.get("weight") or "-").replace(".00", "") for i in p.get("indicators", []))
        ts = ",".join((i.get("target") or "-") for i in p.get("indicators", []))
        print("   %s | %s/%s %s pub=%s | w=%s | t=%s" % (p.get("project"), p.get("score"), p.get("weights"), p.get("status"),
                                                 p.get("published_score"), ws, ts[:80]))
        codes = sorted(set(f["code"] for f in p.get("findings", []) or []))
        if codes:
            print("      " + " ".join(codes))


def probe(stem, rows, formats, off_rows=None, extra=()):
    for rs, s in ((rows, stem), (off_rows, stem + "-off")):
        if rs is None:
            continue
        for f in formats:
            WRITERS[f](s + "." + f, rs)
            summary(s + "." + f, extra)


def ind_rows(ind=IND, total="97.5", gh=GRIDHEAD, head=HEAD, row=None, foot=None):
    rows = head + [gh]
    for r in ind:
        rows.append(row(r) if row else [r[0], r[1], r[2], r[3], r[4], r[5], r[6], ""])
    rows.append(foot(total) if foot else [("总分", 1, 5), "100", total, ""])
    return rows


# P1. 年初目标值 | 调整后目标值: the adjusted one is the year's (服务人次 1000 → 900, 得分 20).
if section("p1"):
    def p1(total):
        gh = ["一级指标", "二级指标", "三级指标", "年初目标值", "调整后目标值", "实际完成值", "分值", "得分"]
        ind = [r if r[2] != "服务人次" else r[:6] + ("20",) for r in IND]
        return ind_rows(ind, total, gh, row=lambda r: [r[0], r[1], r[2], r[3], "≥900人次" if r[2] == "服务人次" else r[3], r[4], r[5], r[6]],
                        foot=lambda t: [("总分", 1, 6), "100", t])
    probe("p1-adjusted", p1("99.5"), ["docx", "ods", "xls"], p1("97.5"))

# P2. A 四级指标 column (the 三级 a group, the 四级 the indicator).
if section("p2"):
    def p2(total):
        gh = ["一级指标", "二级指标", "三级指标", "四级指标", "年度指标值", "实际完成值", "分值", "得分"]
        return ind_rows(IND, total, gh, row=lambda r: [r[0], r[1], "养老服务", r[2], r[3], r[4], r[5], r[6]],
                        foot=lambda t: [("总分", 1, 6), "100", t])
    probe("p2-level4", p2("97.5"), ["xlsx", "docx"], p2("99.5"))

# P3. No 三级指标 column: the 二级指标 column holds each indicator (docx, ods).
if section("p3"):
    def p3(total):
        gh = ["一级指标", "二级指标", "年度指标值", "实际完成值", "分值", "得分", ("偏差原因", 1, 2)]
        return ind_rows(IND, total, gh, row=lambda r: [r[0], r[2], r[3], r[4], r[5], r[6], ("", 1, 2)],
                        foot=lambda t: [("总分", 1, 4), "100", t, ("", 1, 2)])
    probe("p3-no3", p3("97.5"), ["docx", "ods"], p3("99.5"))

# P4. Indicators numbered in the name: `1.`, `（2）`, `③`, `4、`, `(5)` (docx, csv, xls).
if section("p4"):
    marks = ["1.", "（2）", "③", "4、", "(5)"]
    ind = [(c1, c2, marks[k] + n, tg, a, w, s) for k, (c1, c2, n, tg, a, w, s) in enumerate(IND)]
    probe("p4-numbered", ind_rows(ind), ["docx", "csv", "xls"], ind_rows(ind, "99.5"))

# P5. The funds block below the indicators (between the grid and 总分).
if section("p5"):
    def p5(total):
        rows = HEAD[:3] + [GRIDHEAD]
        for r in IND:
            rows.append(list(r) + [""])
        rows += [[("项目资金（万元）", 2, 1), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 1, 2)],
                 ["100", "100", "95", "10", "95%", ("9.5", 1, 2)]]
        rows.append([("总分", 1, 5), "100", total, ""])
        return rows
    probe("p5-fundsbelow", p5("97.5"), ["xlsx", "docx", "xls"], p5("99.5"))

# P6. 偏差原因 column holding the actual, 实际完成值 column absent (`实际完成900人次，生源不足`).
if section("p6"):
    def p6(total):
        gh = ["一级指标", "二级指标", "三级指标", "年度指标值", "分值", "得分", ("完成情况及偏差原因", 1, 2)]
        return ind_rows(IND, total, gh, row=lambda r: [r[0], r[1], r[2], r[3], r[5], r[6], ("实际完成%s%s" % (r[4], "，生源不足" if r[2] == "服务人次" else ""), 1, 2)],
                        foot=lambda t: [("总分", 1, 4), "100", t, ("", 1, 2)])
    probe("p6-actualinnote", p6("97.5"), ["xlsx", "csv"], p6("99.5"))

# P7. A csv in GBK with a title block above (title, 填报单位, 单位：万元, a blank line).
if section("p7"):
    for stem, t in (("p7-gbktitle", "97.5"), ("p7-gbktitle-off", "99.5")):
        rows = [["2023年度项目支出绩效自评表"], ["填报单位：某区养老服务中心", "", "", "", "单位：万元"], []] + \
            [r for r in p23.grid_of(plain(t))[0][1:]]
        text = "".join(",".join(c for c in r) + "\r\n" for r in rows)
        put(stem + ".csv", text.encode("gbk"))
        summary(stem + ".csv")

# P8. 分值 and 得分 in one cell `10/9.5` under `分值/得分` (docx, ods, xls).
if section("p8"):
    def p8(total):
        gh = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值/得分", ("偏差原因", 1, 2)]
        rows = HEAD[:3] + [["预算执行率", ("", 1, 4), "10/9.5", ("", 1, 2)]] if False else HEAD
        return ind_rows(IND, total, gh, head=rows, row=lambda r: [r[0], r[1], r[2], r[3], r[4], "%s/%s" % (r[5], r[6]), ("", 1, 2)],
                        foot=lambda t: [("总分", 1, 5), "100/" + t, ("", 1, 2)])
    probe("p8-pair", p8("97.5"), ["docx", "ods", "xls"], p8("99.5"))

# P9. A 合计 row that omits the budget line's points (合计 90 / 88; the budget 10 / 9.5 above).
if section("p9"):
    def p9(points, total):
        return ind_rows(IND, total, foot=lambda t: [("合计", 1, 5), points, t, ""])
    probe("p9-sumnobudget", p9("90", "88"), ["xlsx", "docx", "ods"], p9("90", "89"))

# P10. WPS names: a .et (a workbook saved by WPS in OOXML) and a .wps (a Word document).
if section("p10"):
    to_xlsx("p10-wps.et", plain())
    summary("p10-wps.et")
    docx("p10-wps.wps", [plain()])
    summary("p10-wps.wps")
    put("p10-ole.et", ole(b"\x09\x08" + b"\0" * 64))
    summary("p10-ole.et")

# P11. The 得分 of the total a formula in ods (`table:formula` with its value; and with none).
if section("p11"):
    probe("p11-plain", plain(), ["ods"])

# P12. Target form (目标表) with 年初/调整后 columns and no actuals: which target is kept.
if section("p12"):
    rows = [[("项目支出绩效目标表", 1, 6)], ["项目名称", ("社区养老服务", 1, 5)],
            ["一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "分值"]]
    for r in IND:
        rows.append([r[0], r[1], r[2], r[3], "≥900人次" if r[2] == "服务人次" else r[3], r[5]])
    probe("p12-targetadjusted", rows, ["xlsx", "docx"])

    def p12b(total):
        gh = ["一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值", "实际完成值", "分值", "得分"]
        ind = [r if r[2] != "服务人次" else r[:6] + ("20",) for r in IND]
        return ind_rows(ind, total, gh, row=lambda r: [r[0], r[1], r[2], r[3], "≥900人次" if r[2] == "服务人次" else r[3], r[4], r[5], r[6]],
                        foot=lambda t: [("总分", 1, 6), "100", t])
    probe("p12-selfadjusted", p12b("99.5"), ["xlsx", "ods"], p12b("97.5"))

# P13. The grid header in two rows: 指标 over 一级/二级/三级, 完成情况 over 指标值/实际值 (docx, xls).
if section("p13"):
    def p13(total):
        gh1 = [("绩效指标", 1, 3), ("年度指标值", 2, 1), ("实际完成值", 2, 1), ("分值", 2, 1), ("得分", 2, 1), ("偏差原因", 2, 1)]
        gh2 = ["一级指标", "二级指标", "三级指标"]
        rows = HEAD + [gh1, gh2]
        for r in IND:
            rows.append(list(r) + [""])
        rows.append([("总分", 1, 5), "100", total, ""])
        return rows
    probe("p13-twohead", p13("97.5"), ["docx", "xls", "ods"], p13("99.5"))

# P14. Points as 权重 with a % sign in the header (`权重(%)`) and 得分 as `18分`.
if section("p14"):
    def p14(total):
        gh = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重(%)", "得分", "偏差原因"]
        return ind_rows(IND, total, gh, row=lambda r: list(r[:5]) + [r[5], r[6] + "分", ""])
    probe("p14-weightpct", p14("97.5"), ["xlsx", "docx"], p14("99.5"))

# P15. ods: the 总分 a formula with its value (`table:formula` and `office:value`), and with none.
if section("p15"):
    import re
    for stem, v in (("p15-odsformula", "97.5"), ("p15-odsformula-off", "99.5"), ("p15-odsformula-novalue", None)):
        n = ods(stem + ".ods", plain(v or "97.5"))
        zin = zipfile.ZipFile(probe_kit.path(n))
        parts = {k: zin.read(k) for k in zin.namelist()}
        c = parts["content.xml"].decode()
        cell = '<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (v or "97.5", v or "97.5")
        new = ('<table:table-cell table:formula="of:=SUM([.G7:.G11])+[.G5]" office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (v, v)
               if v else '<table:table-cell table:formula="of:=SUM([.G7:.G11])+[.G5]"/>')
        c = c[::-1].replace(cell[::-1], new[::-1], 1)[::-1]
        parts["content.xml"] = c.encode()
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w") as z:
            for k, x in parts.items():
                z.writestr(k, x)
        put(n, b.getvalue())
        summary(n)

# P16. A docx whose grid's 得分 cells are content controls (`<w:sdt>` around the run) and whose
# 总分 is a text box paragraph (`<w:txbxContent>`) outside the table.
if section("p16"):
    for stem, t in (("p16-sdt", "97.5"), ("p16-sdt-off", "99.5")):
        n = docx(stem + ".docx", [plain(t)])
        zin = zipfile.ZipFile(probe_kit.path(n))
        parts = {k: zin.read(k) for k in zin.namelist()}
        d = parts["word/document.xml"].decode()
        for s in ("18", "9.5"):
            d = d.replace("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % s,
                          '<w:sdt><w:sdtPr><w:alias w:val="得分"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:sdtContent></w:sdt>' % s, 1)
        parts["word/document.xml"] = d.encode()
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w") as z:
            for k, x in parts.items():
                z.writestr(k, x)
        put(n, b.getvalue())
        summary(n)
