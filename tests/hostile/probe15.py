#!/usr/bin/env python3
"""Issue 27's fifteenth probe (H96, 2026-12-06): families of forms and pages the readers have
not met, written by hand from what spending units publish: 一级 / 二级 / 三级指标 in one column
with indents or numbering, 指标性质 / 指标值 / 度量单位 / 指标方向 as separate columns (2023+
templates), 偏差原因 spanning rows, pages laid out with CSS grids, footnote marks in a figure,
figures written `1.200人`, stacked forms labelled `项目名称 A项目`, a `;` CSV, GBK text.

    python3 tests/hostile/probe15.py DIR BIN [indent nature spans pages figures stacked csv]

Each case is run under `prlimit --as` 4 GB and `/usr/bin/time`; the lines of the report that
carry the figures are printed, to be checked by hand against the sheet. Nothing here is read by
`cargo test` (what is found is made again, smaller, in tests/).
"""
import html, io, os, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import path, put, run, section, tsv, page, col, sheet_book  # noqa: E402


def rows_of(name, extra=()):
    """Each indicator as evaluate's csv gives it: project, indicator, target, actual, verdict,
    weight, score; then the project totals and the warnings' first lines."""
    code, out, err = run(["evaluate", name, "--format", "csv"] + list(extra), name)
    for l in out.splitlines()[1:]:
        c = l.split(",")
        if len(c) > 11 and c[2]:
            print("   %s | %s | %s | %s | %s | %s | %s" % (c[1], c[5], c[6], c[8], c[9], c[10], c[11]))
    code, js, _ = run(["evaluate", name, "--format", "table"] + list(extra), "   (table)")
    for l in js.splitlines():
        if "总分" in l or "##" in l:
            print("   " + l.strip()[:160])
    for l in err.splitlines():
        if l.strip()[:1] in ("⚠", "×", "☞"):
            print("   " + l.strip()[:160])
    return out, err


def tr(cells, tag="td"):
    return "<tr>" + "".join("<%s>%s</%s>" % (tag, html.escape(c), tag) for c in cells) + "</tr>"


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(name, rows):
    def cell(x):
        return "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p></w:tc>" % html.escape(x, quote=False)
    body = "".join("<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % html.escape(r[0]) for r in rows if len(r) == 1 and False)
    body += "<w:tbl>" + "".join("<w:tr>" + "".join(cell(c) for c in r) + "</w:tr>" for r in rows) + "</w:tbl>"
    doc = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body)
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


def xlsx(name, rows, indents=None, merges=()):
    """rows of cells (str: an inline string; int/float: a number); indents {(r, c): n} gives the
    cell a style with `<alignment indent="n"/>` (Excel's 增加缩进量: the text itself unchanged)."""
    indents = indents or {}
    levels = sorted(set(indents.values()))
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' + "".join(
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="left" indent="%d"/></xf>' % n
        for n in levels)
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="%d">%s</cellXfs></styleSheet>' % (1 + len(levels), xfs))
    data = ""
    for r, row in enumerate(rows):
        cells = ""
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            ref = "%s%d" % (col(c), r + 1)
            s = ' s="%d"' % (1 + levels.index(indents[(r, c)])) if (r, c) in indents else ""
            if isinstance(v, (int, float)):
                cells += '<c r="%s"%s><v>%s</v></c>' % (ref, s, v)
            else:
                cells += '<c r="%s"%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, s, html.escape(v, quote=False))
        data += '<row r="%d">%s</row>' % (r + 1, cells)
    return sheet_book(name, styles, data, merges)


# A per-project 自评表 as a province prints it: the label row, then one 绩效指标 column holding the
# three levels (level rows carry no target; some carry their level's 分值 subtotal), then the
# figures. Hand-checked: 培训人数 80 of ≥100 人 (printed 40 of 50), 满意度 95 % of ≥90 % (50 of 50):
# total 90 of 100.
LEVELS = [("产出指标", 1, "50", "40"), ("数量指标", 2, "50", "40"), ("培训人数", 3, ("≥100人", "80人", "50", "40")),
          ("效益指标", 1, "50", "50"), ("社会效益指标", 2, "50", "50"), ("满意度", 3, ("≥90%", "95%", "50", "50"))]
GRID = ["指标名称", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]


def level_rows(mark, subtotals):
    rows = []
    n = {1: 0, 2: 0, 3: 0}
    for item in LEVELS:
        name, lv = item[0], item[1]
        n[lv] += 1
        for k in range(lv + 1, 4):
            n[k] = 0
        text = mark(name, lv, n[lv])
        if lv == 3:
            rows.append([text] + list(item[2]) + [""])
        else:
            rows.append([text, "", ""] + ([item[2], item[3]] if subtotals else ["", ""]) + [""])
    return rows


MARKS = {
    "fullwidth": lambda s, lv, n: "\u3000" * (2 * (lv - 1)) + s,
    "spaces": lambda s, lv, n: "  " * (lv - 1) + s,
    "numbered": lambda s, lv, n: ["%s、" % "一二三四"[n - 1], "（%s）" % "一二三四"[n - 1], "%d." % n][lv - 1] + s,
    "labelled": lambda s, lv, n: ["一级指标：", "二级指标：", "三级指标："][lv - 1] + s,
    "bare": lambda s, lv, n: s,
}

if section("indent"):
    print("== indent: 一级/二级/三级 in one 绩效指标 column; expect 90.00 of 100 (培训人数 40, 满意度 50)")
    for head in ("绩效指标", "指标名称", "指标"):
        for mark in MARKS:
            for sub in (False, True):
                rows = [["项目名称：A项目"], [head] + GRID[1:]] + level_rows(MARKS[mark], sub) + [["总分", "", "", "100", "90", ""]]
                rows_of(tsv("indent-%s-%s%s.tsv" % (head, mark, "-sub" if sub else ""), rows))
    rows = [["项目名称：A项目"], GRID] + level_rows(MARKS["fullwidth"], True)
    rows_of(page("indent-fullwidth.html", "<table>" + "".join(tr(r) for r in rows) + "</table>"))
    rows_of(docx("indent-numbered.docx", [["项目名称：A项目"] + [""] * 5, GRID] + level_rows(MARKS["numbered"], True)))
    # Excel's indent is a style, not text: the three levels read alike
    rows = [["项目名称：A项目"], GRID]
    ind = {}
    for i, r in enumerate(level_rows(MARKS["bare"], True)):
        rows.append([r[0]] + [int(x) if x.isdigit() else x for x in r[1:]])
        ind[(len(rows) - 1, 0)] = LEVELS[i][1] - 1 if LEVELS[i][1] > 1 else 0
    ind = {k: v for k, v in ind.items() if v}
    rows_of(xlsx("indent-style.xlsx", rows, ind))
    # a flat sheet (项目 column) with the levels in one column
    flat = [["项目名称"] + GRID]
    for p in ("A项目", "B项目"):
        flat += [[p] + r for r in level_rows(MARKS["fullwidth"], True)]
    rows_of(tsv("indent-flat.tsv", flat))

NAT = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标方向", "实际完成值", "分值", "得分"]
if section("nature"):
    print("== nature: 指标性质 / 指标值 / 度量单位 / 指标方向 columns")
    # hand-checked: 培训人数 ≥100人 actual 80 → 40 of 50 printed; 成本 反向 ≤50万元 actual 45 → 25 of 25;
    # 满意度 ≥90 % actual 95 → 25 of 25: 90 of 100
    body = [["产出指标", "数量指标", "培训人数", "≥", "100", "人", "正向", "80", "50", "40"],
            ["成本指标", "经济成本指标", "培训成本", "≤", "50", "万元", "反向", "45", "25", "25"],
            ["满意度指标", "服务对象满意度", "学员满意度", "≥", "90", "%", "正向", "95", "25", "25"]]
    rows_of(tsv("nature-full.tsv", [["项目名称：A项目"], NAT] + body))
    # the 指标性质 column blank: the direction column says which way
    rows_of(tsv("nature-direction-only.tsv", [["项目名称：A项目"], NAT] + [r[:3] + [""] + r[4:] for r in body]))
    # 指标性质 written as the kind (正向指标 / 反向指标 / 定量), no comparison sign
    kinds = {"≥": "正向指标", "≤": "反向指标"}
    rows_of(tsv("nature-kind.tsv", [["项目名称：A项目"], NAT[:6] + NAT[7:]] + [r[:3] + [kinds[r[3]]] + r[4:6] + r[7:] for r in body]))
    rows_of(tsv("nature-kind-dingliang.tsv", [["项目名称：A项目"], NAT[:6] + NAT[7:]] + [r[:3] + ["定量"] + r[4:6] + r[7:] for r in body]))
    # direction only, no nature column at all
    rows_of(tsv("direction-col.tsv", [["项目名称：A项目"], NAT[:3] + ["年度指标值", "度量单位", "指标方向"] + NAT[7:]]
                + [r[:3] + r[4:] for r in body]))
    # 反向 with an actual over the bound: 培训成本 55 of ≤50 → not met
    over = [r[:] for r in body]
    over[1][7] = "55"
    over[1][9] = "0"
    rows_of(tsv("nature-direction-only-over.tsv", [["项目名称：A项目"], NAT] + [r[:3] + [""] + r[4:] for r in over]))
    # a 实际完成值 with its own 度量单位 column (实际完成值 | 度量单位 twice)
    rows_of(tsv("nature-two-units.tsv", [["项目名称：A项目"], ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "度量单位", "分值", "得分"],
                                         ["产出指标", "数量指标", "培训人数", "≥", "1", "万人", "8000", "人", "50", "40"],
                                         ["产出指标", "质量指标", "合格率", "≥", "90", "%", "95", "%", "50", "50"]]))
    rows_of(xlsx("nature-full.xlsx", [["项目名称：A项目"], NAT] + [[int(x) if x.isdigit() else x for x in r] for r in body]))
    rows_of(page("nature-direction-only.html", "<table>" + tr(NAT, "th") + "".join(tr(["A项目"] and r[:3] + [""] + r[4:]) for r in body) + "</table>"))

if section("spans"):
    print("== spans: 偏差原因 spanning rows and columns; expect 90.00")
    hdr = "<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th><th>偏差原因分析及改进措施</th></tr>"
    body = ("<tr><td rowspan=2>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥100人</td><td>80人</td><td>30</td><td>24</td>"
            "<td rowspan=3>受疫情影响，培训人数减少20人，满意度达到95%。下一步将增加培训场次100次。</td></tr>"
            "<tr><td>质量指标</td><td>合格率</td><td>≥90%</td><td>95%</td><td>20</td><td>20</td></tr>"
            "<tr><td>效益指标</td><td>满意度指标</td><td>满意度</td><td>≥90%</td><td>92%</td><td>50</td><td>50</td></tr>"
            "<tr><td colspan=5>总分</td><td>100</td><td>94</td><td></td></tr>")
    rows_of(page("spans-deviation.html", "<p>项目名称：A项目</p><table>%s%s</table>" % (hdr, body)))
    # the reason written across 分值 and 得分 of a qualitative row (colspan): a figure in it
    body2 = body.replace("<td>50</td><td>50</td></tr>", "<td>50</td><td>50</td></tr>", 1)
    body2 = ("<tr><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥100人</td><td>80人</td><td>50</td><td>40</td><td>人数减少20人</td></tr>"
             "<tr><td>效益指标</td><td>满意度指标</td><td>满意度</td><td>≥90%</td><td>92%</td><td>50</td><td>50</td><td>无</td></tr>"
             "<tr><td colspan=3>偏差原因分析</td><td colspan=5>培训人数未达标，扣10分</td></tr>"
             "<tr><td colspan=5>总分</td><td>100</td><td>90</td><td></td></tr>")
    rows_of(page("spans-reason-row.html", "<p>项目名称：A项目</p><table>%s%s</table>" % (hdr, body2)))
    # the 自评表 of a province: 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 merged over two columns
    hdr3 = hdr.replace("<th>偏差原因分析及改进措施</th>", "<th colspan=2>偏差原因分析及改进措施</th>")
    body3 = body.replace("<td rowspan=3>", "<td rowspan=3 colspan=2>")
    rows_of(page("spans-deviation-wide.html", "<p>项目名称：A项目</p><table>%s%s</table>" % (hdr3, body3)))
    rows = [["项目名称：A项目"], ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
            ["产出指标", "数量指标", "培训人数", "≥100人", "80人", 30, 24, "受疫情影响减少20人"],
            ["", "质量指标", "合格率", "≥90%", "95%", 20, 20, ""],
            ["效益指标", "满意度指标", "满意度", "≥90%", "92%", 50, 50, ""]]
    rows_of(xlsx("spans-deviation.xlsx", rows, merges=["A3:A4", "H3:H5"]))

if section("pages"):
    print("== pages: CSS grid, display:table, flex rows; expect named refusals or 90.00")
    heads = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    body = [["A项目", "产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"],
            ["A项目", "效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"]]
    cells = "".join("<div class=c>%s</div>" % html.escape(c) for r in [heads] + body for c in r)
    rows_of(page("grid-css.html", '<style>.g{display:grid;grid-template-columns:repeat(8,1fr)}</style><div class="g">%s</div>' % cells))
    rows_of(page("grid-inline.html", '<div style="display: grid; grid-template-columns: repeat(8, 1fr)">%s</div>' % cells))
    rows_of(page("flex-rows.html", "".join('<div style="display:flex">%s</div>' % "".join("<span>%s</span>" % html.escape(c) for c in r)
                                           for r in [heads] + body)))
    rows_of(page("ul-rows.html", "".join("<ul>%s</ul>" % "".join("<li>%s</li>" % html.escape(c) for c in r) for r in [heads] + body)))
    # a table whose figures sit in <p> pieces in the cell
    rows_of(page("cell-paragraphs.html", "<table>" + tr(heads, "th") + "<tr>" + "".join(
        "<td>%s</td>" % c for c in ["A项目", "产出指标", "数量指标", "培训人数", "<p>≥</p><p>100人</p>", "<p>80</p><p>人</p>", "50", "40"]) + "</tr>"
        + tr(body[1]) + "</table>"))
    rows_of(page("cell-br.html", "<table>" + tr(heads, "th") + "<tr>" + "".join(
        "<td>%s</td>" % c for c in ["A项目", "产出指标", "数量指标", "培训人数", "≥100<br>人", "8<br>0人", "50", "40"]) + "</tr>"
        + tr(body[1]) + "</table>"))

if section("figures"):
    print("== figures: footnote marks, thousands marks, full-width digits; each its own project")
    heads = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    cases = [("sup-pct", "≥90%", "95%<sup>1</sup>"), ("sup-mid", "≥100人", "80<sup>1</sup>人"), ("sup-target", "≥90%<sup>注</sup>", "95%"),
             ("sup-star", "≥100人", "80人<sup>*</sup>"), ("sub", "≥100人", "80<sub>2</sub>人"),
             ("sup-area", "≥100m<sup>2</sup>", "120m<sup>2</sup>"), ("a-note", '≥100人', '80人<a href="#n1">[1]</a>'),
             ("sup-a", "≥90%", '95%<sup><a href="#n1">1</a></sup>')]
    for name, t, a in cases:
        rows_of(page("fig-%s.html" % name, "<table>" + tr(heads, "th") + "<tr>" + "".join(
            "<td>%s</td>" % c for c in ["P", "产出指标", "数量指标", "指标", t, a, "100", ""]) + "</tr></table>"))
    pairs = [("≥1000人", "1.200人"), ("≥1000人", "1.200.000人"), ("≥1000人", "1,200人"), ("≥1000人", "1 200人"),
             ("≥1.000人", "1200人"), ("≥100人", "１２０人"), ("≥100人", "120人①"), ("≥100人", "80①人"), ("≥100人", "约120人"),
             ("≥100人", "120人（注1）"), ("≥90%", "95%¹"), ("≥90%", "9５%"), ("≥1000元", "1.200,50元"), ("≥100人", "1.20人"),
             ("≥1000人", "1.200 人次"), ("≥100人", "80人(注：原计划100人)")]
    rows = [heads] + [["P%d" % (i + 1), "产出指标", "数量指标", "指标", t, a, "100", ""] for i, (t, a) in enumerate(pairs)]
    rows_of(tsv("figures.tsv", rows))

if section("stacked"):
    print("== stacked: grids stacked under label lines without a colon; expect A 90.00, B 100.00")
    grid = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    for name, fmt in [("space", ["项目名称 {}"]), ("two-spaces", ["项目名称  {}"]), ("ideographic", ["项目名称\u3000{}"]),
                      ("two-cells", ["项目名称", "{}"]), ("ascii-colon", ["项目名称:{}"]), ("bracket", ["【{}】"]),
                      ("name-and-unit", ["项目名称 {}", "", "", "实施单位 某局"]), ("dash", ["项目名称—{}"])]:
        stack = []
        for p, a, s in [("A项目", "80人", "40"), ("B项目", "100人", "50")]:
            stack += [[x.format(p) for x in fmt], grid, ["产出指标", "数量指标", "培训人数", "≥100人", a, "50", s],
                      ["效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"], [""]]
        rows_of(tsv("stack-%s.tsv" % name, stack))

if section("csv"):
    print("== csv: separators and encodings")
    heads = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    body = [["A项目", "产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"],
            ["A项目", "效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"]]
    rows_of(tsv("semicolon.csv", [heads] + body, sep=";"))
    rows_of(put("semicolon-sep.csv", "sep=;\r\n" + "".join(";".join(r) + "\r\n" for r in [heads] + body)))
    rows_of(tsv("semicolon-gbk.csv", [heads] + body, enc="gbk", sep=";"))
    rows_of(tsv("pipe.csv", [heads] + body, sep="|"))
    rows_of(tsv("fullwidth-comma.csv", [heads] + body, sep="，"))
    rows_of(tsv("gbk.csv", [heads] + body, enc="gbk", sep=","))
    rows_of(tsv("indent-gbk.tsv", [["项目名称：A项目"], GRID] + level_rows(MARKS["fullwidth"], True), enc="gbk"))

if section("superscript"):
    print("== superscript: a footnote mark set raised after a figure in Word and Excel; expect 待评定, never 801人")
    heads = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    sup = ('<w:r><w:t>80</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r>'
           '<w:r><w:t>人</w:t></w:r>')
    b = io.BytesIO()
    cell = lambda x: "<w:tc><w:p>%s</w:p></w:tc>" % (x if x.startswith("<w:r>") else "<w:r><w:t>%s</w:t></w:r>" % html.escape(x))
    rows = [heads, ["P", "产出指标", "数量指标", "培训人数", "≥100人", sup, "100", ""]]
    body = "<w:tbl>" + "".join("<w:tr>" + "".join(cell(c) for c in r) + "</w:tr>" for r in rows) + "</w:tbl>"
    doc = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body)
    docx("sup.docx", [])  # the package, then its document replaced
    with zipfile.ZipFile(path("sup.docx")) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = doc.encode()
    with zipfile.ZipFile(b, "w") as z:
        for n, d in parts.items():
            z.writestr(n, d)
    rows_of(put("sup.docx", b.getvalue()))
    xlsx("sup.xlsx", [heads, ["P", "产出指标", "数量指标", "培训人数", "≥100人", "SUP", 100]])
    with zipfile.ZipFile(path("sup.xlsx")) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    rich = ('<is><r><t>80</t></r><r><rPr><vertAlign val="superscript"/></rPr><t>1</t></r><r><t>人</t></r></is>')
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b'<is><t xml:space="preserve">SUP</t></is>', rich.encode())
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        for n, d in parts.items():
            z.writestr(n, d)
    rows_of(put("sup.xlsx", b.getvalue()))
