#!/usr/bin/env python3
"""The twenty-fourth outside probe's forms (issue 27, H171): the three page families left open
(the form's grid as a nested `<table>` or an ARIA grid inside the head's table, a 部门整体 form
whose 项目名称 column names two projects, years down the rows) and a fresh probe of families no
test holds, each made by hand from its description before any real one was read. Each with
printed sums that agree and a variant (`-off`) where they do not; `evaluate --format json` of
each is printed for reading against the sums worked by hand (the project of `probe23_forms.py`:
budget 100, spent 95, 10 points → 9.5; indicators 90 points, 88 scored; total 97.5).

    python3 tests/hostile/probe24_forms.py DIR BIN [FORM...]"""
import html, io, os, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# the writers of probe23_forms.py, none of its forms (the sections are read from argv)
_argv, sys.argv = sys.argv, sys.argv[:3] + ["-"]
import probe23_forms as p23  # noqa: E402
import probe_kit  # noqa: E402
sys.argv = _argv
probe_kit.ONLY[:] = _argv[3:]
from probe_kit import put, rows_of, section  # noqa: E402
HEAD, IND, both, off, page, to_html, to_xlsx, to_csv, docx, grid_of = (
    p23.HEAD, p23.IND, p23.both, p23.off, p23.page, p23.to_html, p23.to_xlsx, p23.to_csv, p23.docx, p23.grid_of)
GRIDHEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]


def plain(total="97.5", ind=IND, head=HEAD, gh=GRIDHEAD):
    rows = head + [gh]
    for c1, c2, name, t, a, w, s in ind:
        rows.append([c1, c2, name, t, a, w, s, ""])
    rows.append([("总分", 1, 5), "100", total, ""])
    return rows


def esc(t):
    return html.escape(t)


def mht(name, page_html, charset="utf-8"):
    """A page saved as a single file (.mht): MIME, the page quoted-printable."""
    import quopri
    body = quopri.encodestring(page_html.encode(charset)).decode("ascii")
    text = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n"
            "------=_NextPart_01\r\nContent-Location: file:///C:/form.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            "Content-Type: text/html; charset=\"%s\"\r\n\r\n%s\r\n------=_NextPart_01--\r\n" % (charset, body))
    return put(name, text.encode("ascii"))


def aria(rows, outer=False):
    """Rows as an ARIA grid (`role="table"` / `row` / `cell`, `aria-colspan`)."""
    out = []
    for row in rows:
        cells = []
        for x in row:
            t, rs, cs = p23.cell(x)
            a = (' aria-rowspan="%d"' % rs if rs > 1 else "") + (' aria-colspan="%d"' % cs if cs > 1 else "")
            cells.append('<div role="cell"%s>%s</div>' % (a, esc(t)))
        out.append('<div role="row">' + "".join(cells) + "</div>")
    return '<div role="table">' + "".join(out) + "</div>"


# 1. The open families.
# 1a. The head in an outer table, the grid a nested <table> in a cell spanning the whole row.
if section("nested"):
    for stem, t in (("nested", "97.5"), ("nested-off", "99.5")):
        g = plain(t)[len(HEAD):]
        outer = to_html(HEAD + [[("<grid>", 1, 8)]]).replace("&lt;grid&gt;", to_html(g))
        put(stem + ".html", page(outer))
        mht(stem + ".mht", page(outer))
        rows_of(stem + ".html")
        rows_of(stem + ".mht")

# 1b. The whole form an ARIA grid, no <table> at all; and the grid an ARIA grid in a <td>.
if section("aria"):
    for stem, t in (("aria", "97.5"), ("aria-off", "99.5")):
        put(stem + ".html", page(aria(plain(t))))
        mht(stem + ".mht", page(aria(plain(t))))
        g = plain(t)[len(HEAD):]
        put(stem + "-in-td.html", page(to_html(HEAD + [[("<grid>", 1, 8)]]).replace("&lt;grid&gt;", aria(g))))
        for n in (stem + ".html", stem + ".mht", stem + "-in-td.html"):
            rows_of(n)

# 1c. A 部门整体 form whose 项目名称 column names two projects (each row; and merged down).
DEPT = [("社区养老服务",) + r for r in IND[:3]] + [
    ("困难群众救助", "产出指标", "数量指标", "救助人数", "≥500人", "400人", "20", "16"),
    ("困难群众救助", "满意度指标", "服务对象满意度指标", "受助群众满意度", "≥90%", "95%", "20", "20")]
if section("dept"):
    def dept(total, merged):
        rows = [[("部门整体支出绩效自评表", 1, 8)], ["部门名称", ("某区民政局", 1, 7)],
                ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]]
        last = None
        for i, (p, c1, c2, n, t, a, w, s) in enumerate(DEPT):
            span = sum(1 for r in DEPT if r[0] == p)
            first = [(p, span, 1)] if p != last else []
            rows.append(([p] if not merged else first) + [c1, c2, n, t, a, w, s])
            last = p
        rows.append([("合计", 1, 6), "90", total])
        return rows
    for m, stem in ((False, "dept"), (True, "deptmerged")):
        both(stem, dept("84", m))
        both(stem + "-off", dept("86", m))

# 1d. Years down the rows: the indicators across, a row a year's target (2023, 2024).
if section("yearsdown"):
    def yd(total):
        return [[("项目支出绩效自评表", 1, 5)], ["项目名称", ("社区养老服务", 1, 4)],
                ["三级指标", "服务人次", "设施验收合格率", "老人满意度", "合计"],
                ["2023年指标值", "≥1000人次", "≥95%", "≥90%", ""],
                ["2024年指标值", "≥1200人次", "≥96%", "≥92%", ""],
                ["实际完成值", "900人次", "96%", "92%", ""],
                ["分值", "40", "30", "30", "100"],
                ["得分", "36", "30", "30", total]]
    both("yearsdown", yd("96"))
    both("yearsdown-off", yd("99"))
    # the actuals' row names its year: the targets of that year are read
    named = [[("2023年实际完成值" if c == "实际完成值" else c) for c in r] for r in yd("96")]
    both("yearsnamed", named)
    both("yearsnamed-off", off(named, "96", "99"))
    rows_of("yearsdown.html", ["--year", "2023"])
    rows_of("yearsdown.xlsx", ["--year", "2024"])

# 2. The fresh probe.
# F1. The form as a <pre> block of tab-separated text; and as a .txt of the same text.
if section("pre"):
    for stem, t in (("pre", "97.5"), ("pre-off", "99.5")):
        g, _ = grid_of(plain(t))
        text = "\n".join("\t".join(r) for r in g)
        put(stem + ".html", page("<pre>%s</pre>" % esc(text)))
        put(stem + ".txt", text + "\n")
        rows_of(stem + ".html")
        rows_of(stem + ".txt")

# F2. A form split over two tables, the whole head (title, 项目名称, the grid's header) repeated.
if section("splithead"):
    for stem, t in (("splithead", "97.5"), ("splithead-off", "99.5")):
        r = plain(t)
        a = r[:len(HEAD) + 1 + 3]
        b = r[:2] + [r[len(HEAD)]] + r[len(HEAD) + 1 + 3:]
        put(stem + ".html", page(to_html(a), to_html(b), between="<p>第1页 共2页</p>"))
        docx(stem + ".docx", [a, b])
        rows_of(stem + ".html")
        rows_of(stem + ".docx")

# F3. 分值 blank, the points in the category heads (`产出指标（50分）`, `效益指标（20分）`…).
if section("cathead"):
    pts = {"产出指标": 50, "效益指标": 20, "满意度指标": 20}
    for stem, t in (("cathead", "97.5"), ("cathead-off", "99.5")):
        ind = [("%s（%d分）" % (c1, pts[c1]), c2, n, tg, a, "", s) for c1, c2, n, tg, a, w, s in IND]
        both(stem, plain(t, ind))

# F4. Indicators numbered `1.`, `（2）`, `③`.
if section("numbered"):
    marks = ["1.", "（2）", "③", "4、", "(5)"]
    for stem, t in (("numbered", "97.5"), ("numbered-off", "99.5")):
        ind = [(c1, c2, marks[k] + n, tg, a, w, s) for k, (c1, c2, n, tg, a, w, s) in enumerate(IND)]
        both(stem, plain(t, ind))

# F5. No 三级指标 column: the 二级指标 column names each indicator.
if section("no3"):
    for stem, t in (("no3", "97.5"), ("no3-off", "99.5")):
        rows = HEAD + [["一级指标", "二级指标", "年度指标值", "实际完成值", "分值", "得分", ("偏差原因", 1, 2)]]
        for c1, c2, n, tg, a, w, s in IND:
            rows.append([c1, n, tg, a, w, s, ("", 1, 2)])
        rows.append([("总分", 1, 4), "100", t, ("", 1, 2)])
        both(stem, rows)

# F6. A GBK page whose <meta charset> says utf-8 (a lie), and one with no meta.
if section("gbklie"):
    for stem, t in (("gbklie", "97.5"), ("gbklie-off", "99.5")):
        put(stem + ".html", page(to_html(plain(t))).encode("gbk"))
        put(stem + "-nometa.htm", page(to_html(plain(t))).replace("<meta charset=utf-8>", "").encode("gbk"))
        rows_of(stem + ".html")
        rows_of(stem + "-nometa.htm")

# F7. 年初目标值 and 调整后目标值 columns: the adjusted target is the year's (服务人次 1000 → 900).
if section("adjusted"):
    for stem, t in (("adjusted", "99.5"), ("adjusted-off", "97.5")):
        rows = HEAD + [["一级指标", "二级指标", "三级指标", "年初目标值", "调整后目标值", "实际完成值", "分值", "得分"]]
        for c1, c2, n, tg, a, w, s in IND:
            adj = "≥900人次" if n == "服务人次" else tg
            rows.append([c1, c2, n, tg, adj, a, w, "20" if n == "服务人次" else s])
        rows.append([("总分", 1, 6), "100", t])
        both(stem, rows)

# F8. The thead/tbody/tfoot page: the 总分 row in a <tfoot> written before the <tbody>.
if section("tfoot"):
    for stem, t in (("tfoot", "97.5"), ("tfoot-off", "99.5")):
        r = plain(t)
        h = to_html(r[:len(HEAD) + 1]).replace("<table border=1>", "").replace("</table>", "")
        body = to_html(r[len(HEAD) + 1:-1]).replace("<table border=1>", "").replace("</table>", "")
        foot = to_html(r[-1:]).replace("<table border=1>", "").replace("</table>", "")
        put(stem + ".html", page("<table border=1><thead>%s</thead><tfoot>%s</tfoot><tbody>%s</tbody></table>" % (h, foot, body)))
        mht(stem + ".mht", page("<table border=1><thead>%s</thead><tfoot>%s</tfoot><tbody>%s</tbody></table>" % (h, foot, body)))
        rows_of(stem + ".html")
        rows_of(stem + ".mht")

# F9. Two score columns, 自评得分 and 复核得分 (the reviewer's lower); 总分 of each.
if section("twoscores"):
    for stem, t in (("twoscores", "97.5"), ("twoscores-off", "99.5")):
        rows = HEAD + [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "自评得分", "复核得分"]]
        for c1, c2, n, tg, a, w, s in IND:
            rows.append([c1, c2, n, tg, a, w, s, str(int(s) - 2) if n == "老人满意度" else s])
        rows.append([("总分", 1, 5), "100", t, "95.5"])
        both(stem, rows)

# F10. Spaced labels: `项 目 名 称`, `总  分`, `三 级 指 标`.
if section("spaced"):
    for stem, t in (("spaced", "97.5"), ("spaced-off", "99.5")):
        r = plain(t, gh=["一级指标", "二级指标", "三 级 指 标", "年度指标值", "实际完成值", "分 值", "得 分", "偏差原因"])
        r[1] = ["项 目 名 称", ("社区养老服务", 1, 7)]
        r[-1] = [("总  分", 1, 5), "100", t, ""]
        both(stem, r, "csv")

# F11. Word: content controls around cells and text, the title in a text box.
if section("wordcc"):
    def doc_xml(rows, total):
        def tc(t, pr=""):
            return ('<w:tc>%s<w:sdt><w:sdtPr><w:alias w:val="f"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>%s</w:t></w:r></w:p>'
                    '</w:sdtContent></w:sdt></w:tc>' % (pr, esc(t)))
        body = ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
                '<w:p><w:r><w:t>项目支出绩效自评表</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
        body += "<w:tbl>"
        for row in rows:
            body += "<w:tr>" + "".join(tc(c) for c in row) + "</w:tr>"
        return body + "</w:tbl>"
    for stem, t in (("wordcc", "97.5"), ("wordcc-off", "99.5")):
        rows = [["项目名称", "社区养老服务", "", "", "", "", "", ""],
                ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
                ["", "100", "100", "95", "10", "95%", "9.5", ""], GRIDHEAD]
        rows += [[c1, c2, n, tg, a, w, s, ""] for c1, c2, n, tg, a, w, s in IND]
        rows += [["总分", "", "", "", "", "100", t, ""]]
        d = io.BytesIO()
        name = docx(stem + ".docx", [rows])
        # rewrite the body with content controls and a text box
        zin = zipfile.ZipFile(os.path.join(sys.argv[1], name))
        parts = {n: zin.read(n) for n in zin.namelist()}
        parts["word/document.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>'
            % doc_xml(rows, t)).encode()
        with zipfile.ZipFile(d, "w") as z:
            for n, b in parts.items():
                z.writestr(n, b)
        put(stem + ".docx", d.getvalue())
        put(stem + ".html", page(to_html(rows)))
        rows_of(stem + ".docx")
        rows_of(stem + ".html")

# F12. 得分 a formula's cached value in the xlsx (`<f>SUM(…)</f><v>97.5</v>`); and no cached value.
if section("formula"):
    for stem, t in (("formula", "97.5"), ("formula-off", "99.5"), ("formula-nocache", None)):
        g, merges = grid_of(plain(t or "97.5"))
        put(stem + ".csv", "".join(",".join(r) + "\r\n" for r in g))
        n = to_xlsx(stem + ".xlsx", plain(t or "97.5"))
        zin = zipfile.ZipFile(os.path.join(sys.argv[1], n))
        parts = {k: zin.read(k) for k in zin.namelist()}
        s = parts["xl/worksheets/sheet1.xml"].decode()
        last = len(g)
        v = "<v>%s</v>" % t if t else ""
        import re
        s = re.sub(r'<c r="G%d"><v>[^<]*</v></c>' % last, '<c r="G%d"><f>SUM(G7:G11)+G5</f>%s</c>' % (last, v), s)
        parts["xl/worksheets/sheet1.xml"] = s.encode()
        d = io.BytesIO()
        with zipfile.ZipFile(d, "w") as z:
            for k, b in parts.items():
                z.writestr(k, b)
        put(stem + ".xlsx", d.getvalue())
        rows_of(stem + ".xlsx")
        rows_of(stem + ".csv")

# F13. Excel's "web page": `x:num` values on cells shown rounded (`97.50` shown, 97.5 held).
if section("xnum"):
    for stem, t in (("xnum", "97.5"), ("xnum-off", "99.5")):
        h = to_html(plain(t)).replace("<td>%s</td>" % t, '<td x:num="%s">%s0</td>' % (t, t))
        put(stem + ".htm", page(h).replace("<html>", '<html xmlns:x="urn:schemas-microsoft-com:office:excel">'))
        mht(stem + ".mht", page(h))
        rows_of(stem + ".htm")
        rows_of(stem + ".mht")

# F14. Excel's "Unicode text": UTF-16LE with a BOM, tab-separated.
if section("utf16"):
    for stem, t in (("utf16", "97.5"), ("utf16-off", "99.5")):
        g, _ = grid_of(plain(t))
        text = "\r\n".join("\t".join(r) for r in g) + "\r\n"
        put(stem + ".txt", b"\xff\xfe" + text.encode("utf-16-le"))
        put(stem + ".tsv", b"\xff\xfe" + text.encode("utf-16-le"))
        rows_of(stem + ".txt")
        rows_of(stem + ".tsv")

# F15. Row heads as <th scope=row>, the header as <th>.
if section("th"):
    for stem, t in (("th", "97.5"), ("th-off", "99.5")):
        h = to_html(plain(t))
        h = h.replace("<td>一级指标</td>", "<th>一级指标</th>").replace("<td>项目名称</td>", '<th scope="row">项目名称</th>')
        put(stem + ".html", page(h))
        mht(stem + ".mht", page(h))
        rows_of(stem + ".html")
        rows_of(stem + ".mht")

# F16. The total above the grid (`自评得分：97.5`), no 总分 row.
if section("totalabove"):
    for stem, t in (("totalabove", "97.5"), ("totalabove-off", "99.5")):
        r = plain(t)[:-1]
        r.insert(2, ["自评得分", ("%s" % t, 1, 7)])
        both(stem, r)

# F17. 权重 written as percents (`20%`), the total 100%.
if section("weightpct"):
    for stem, t in (("weightpct", "97.5"), ("weightpct-off", "99.5")):
        ind = [(c1, c2, n, tg, a, w + "%", s) for c1, c2, n, tg, a, w, s in IND]
        r = plain(t, ind, gh=["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "偏差原因"])
        r[-1] = [("总分", 1, 5), "100%", t, ""]
        both(stem, r)

# F18. Word's old horizontal merge (`<w:hMerge>`) for the title and the 总分 label.
if section("hmerge"):
    for stem, t in (("hmerge", "97.5"), ("hmerge-off", "99.5")):
        n = docx(stem + ".docx", [plain(t)])
        zin = zipfile.ZipFile(os.path.join(sys.argv[1], n))
        parts = {k: zin.read(k) for k in zin.namelist()}
        s = parts["word/document.xml"].decode()
        import re

        def hm(m):
            span = int(m.group(1))
            text = m.group(2)
            first = '<w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>' % text
            rest = '<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>' * (span - 1)
            return first + rest
        s = re.sub(r'<w:tc><w:tcPr><w:gridSpan w:val="(\d+)"/></w:tcPr><w:p><w:r><w:t>([^<]*)</w:t></w:r></w:p></w:tc>', hm, s)
        parts["word/document.xml"] = s.encode()
        d = io.BytesIO()
        with zipfile.ZipFile(d, "w") as z:
            for k, b in parts.items():
                z.writestr(k, b)
        put(stem + ".docx", d.getvalue())
        put(stem + ".html", page(to_html(plain(t))))
        rows_of(stem + ".docx")

# F19. The actual column named `全年实际值`, the target `全年目标值`, 得分 named `自评分`.
if section("names"):
    for stem, t in (("names", "97.5"), ("names-off", "99.5")):
        both(stem, plain(t, gh=["一级指标", "二级指标", "三级指标", "全年目标值", "全年实际值", "分值", "自评分", "未完成原因"]), "csv")

# F20. A markdown table in a <pre> (a page written by a converter).
if section("mdpre"):
    for stem, t in (("mdpre", "97.5"), ("mdpre-off", "99.5")):
        g, _ = grid_of(plain(t))
        text = "\n".join("| " + " | ".join(r) + " |" for r in g[:1]) + "\n|" + "---|" * len(g[0]) + "\n" + \
            "\n".join("| " + " | ".join(r) + " |" for r in g[1:])
        put(stem + ".md", text + "\n")
        put(stem + ".html", page("<pre>%s</pre>" % esc(text)))
        rows_of(stem + ".md")
        rows_of(stem + ".html")

# F21. The grid's category cells as vertical text, a character a line (`产<br>出<br>指<br>标`).
if section("vertical"):
    for stem, t in (("vertical", "97.5"), ("vertical-off", "99.5")):
        r = plain(t)
        for row in r[len(HEAD) + 1:-1]:
            row[0] = "\n".join(row[0])
        both(stem, r)

# F22. Excel "Save as web page, whole workbook": a frameset page and its sheet in x_files/.
if section("frameset"):
    for stem, t in (("frameset", "97.5"), ("frameset-off", "99.5")):
        os.makedirs(os.path.join(sys.argv[1], stem + "_files"), exist_ok=True)
        put(stem + "_files/sheet001.htm", page(to_html(plain(t))))
        put(stem + ".htm", '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset=utf-8>'
            '<meta name=ProgId content=Excel.Sheet></head><frameset rows="*,39"><frame src="%s_files/sheet001.htm" name="frSheet">'
            '<frame src="%s_files/tabstrip.htm" name="frTabs"></frameset></html>' % (stem, stem))
        put(stem + "_files/tabstrip.htm", "<html><body><a href=sheet001.htm target=frSheet>自评表</a></body></html>")
        rows_of(stem + ".htm")

# F23. The form's categories in one cell `产出指标-数量指标`, no 二级指标 column.
if section("joined"):
    for stem, t in (("joined", "97.5"), ("joined-off", "99.5")):
        rows = HEAD + [["指标类别", "三级指标", "年度指标值", "实际完成值", "分值", "得分", ("偏差原因", 1, 2)]]
        for c1, c2, n, tg, a, w, s in IND:
            rows.append(["%s-%s" % (c1, c2), n, tg, a, w, s, ("", 1, 2)])
        rows.append([("总分", 1, 4), "100", t, ("", 1, 2)])
        both(stem, rows)

# F24. Scores with a trailing note (`18（扣2分）`) and the total `97.5分（良）`.
if section("scorenote"):
    for stem, t in (("scorenote", "97.5"), ("scorenote-off", "99.5")):
        ind = [(c1, c2, n, tg, a, w, s + "（扣2分）" if s != w else s) for c1, c2, n, tg, a, w, s in IND]
        r = plain(t, ind)
        r[-1] = [("总分", 1, 5), "100", t + "分（优）", ""]
        both(stem, r)

# F25. A page of two forms, each the nested-table shape (a site's layout table around both).
if section("nestedtwo"):
    for stem, t in (("nestedtwo", "97.5"), ("nestedtwo-off", "99.5")):
        one = to_html(HEAD + [[("<grid>", 1, 8)]]).replace("&lt;grid&gt;", to_html(plain(t)[len(HEAD):]))
        h2 = [list(r) for r in HEAD]
        h2[1] = ["项目名称", ("困难群众救助", 1, 7)]
        two = to_html(h2 + [[("<grid>", 1, 8)]]).replace("&lt;grid&gt;", to_html(plain("97.5")[len(HEAD):]))
        put(stem + ".html", page('<table width=100%%><tr><td>%s</td></tr><tr><td>%s</td></tr></table>' % (one, two)))
        mht(stem + ".mht", page('<table width=100%%><tr><td>%s</td></tr><tr><td>%s</td></tr></table>' % (one, two)))
        rows_of(stem + ".html")
        rows_of(stem + ".mht")
