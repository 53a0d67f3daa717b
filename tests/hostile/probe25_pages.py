#!/usr/bin/env python3
"""The twenty-fifth outside probe of web pages (issue 27, H181): pages of families no test held,
made by hand from their descriptions before any real one was read — the form as a text block
(`<pre>` aligned or tabbed, a markdown pipe table in `<pre>` or `<p>` lines), a form split over
two `<table>`s with its head row repeated, `.mht` in quoted-printable and base64 with a GBK part,
GBK pages whose `<meta charset>` lies or is missing, Word's filtered html, WPS's export, figures
split by `<span>`/`<font>` or written with `&nbsp;`, full-width digits, a running number first,
two forms on a page, navigation tables around it, `<br>` holding two values, a three-row header,
empty cells standing for merges, `—`/`/`/`无` cells, and more. Each with its printed sums true and
a variant (`-off`) whose printed total disagrees. The project of every form is
`probe23_forms.py`'s: budget 100, spent 95 (10 points, 9.5); indicators 90 points, 88 scored;
total 97.5 (the `-off` variants print 99.5).

    python3 tests/hostile/probe25_pages.py DIR           # writes the pages
    python3 tests/hostile/probe25_pages.py DIR BIN...    # and a line per page per binary"""
import base64, html, json, os, quopri, subprocess, sys

OUT = os.path.abspath(sys.argv[1])
BINS = sys.argv[2:]
os.makedirs(OUT, exist_ok=True)
HEAD = [
    [("项目支出绩效自评表", 1, 8)],
    ["项目名称", ("社区养老服务", 1, 7)],
    ["主管部门", ("某区民政局", 1, 3), "实施单位", ("某区养老服务中心", 1, 3)],
    [("项目资金（万元）", 2, 1), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", ("得分", 1, 2)],
    ["100", "100", "95", "10", "95%", ("9.5", 1, 2)],
]
GH = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]
IND = [
    ("产出指标", "数量指标", "服务人次", "≥1000人次", "900人次", "20", "18"),
    ("产出指标", "质量指标", "设施验收合格率", "≥95%", "96%", "20", "20"),
    ("产出指标", "时效指标", "完成时间", "2023年12月底前", "2023年11月", "10", "10"),
    ("效益指标", "社会效益指标", "老年人生活质量", "明显改善", "明显改善", "20", "20"),
    ("满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "92%", "20", "20"),
]
TOTAL = {"": "97.5", "-off": "99.5"}
CASES = []


def put(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    CASES.append(name)


def cell(c):
    return (c + (1, 1))[:3] if isinstance(c, tuple) else (c, 1, 1)


def rows(total, ind=IND, head=HEAD, gh=GH):
    out = head + [gh]
    for c1, c2, n, t, a, w, s in ind:
        out.append([c1, c2, n, t, a, w, s, ""])
    out.append([("总分", 1, 5), "100", total, ""])
    return out


def td(x, tag="td", esc=True, fmt=lambda t: t):
    t, rs, cs = cell(x)
    a = (" rowspan=%d" % rs if rs > 1 else "") + (" colspan=%d" % cs if cs > 1 else "")
    return "<%s%s>%s</%s>" % (tag, a, fmt(html.escape(t) if esc else t), tag)


def table(rs, attrs="border=1", fmt=lambda t: t):
    return "<table %s>\n%s\n</table>" % (attrs, "\n".join(
        "<tr>" + "".join(td(x, fmt=fmt) for x in r) + "</tr>" for r in rs))


def page(body, meta="<meta charset=utf-8>"):
    return "<html><head>%s<title>自评表</title></head><body>%s</body></html>" % (meta, body)


def grid(rs):
    """The rows as a browser lays them out: text at each column, merged cells repeated empty."""
    taken, at = set(), {}
    for r, row in enumerate(rs):
        c = 0
        for x in row:
            t, rsp, csp = cell(x)
            while (r, c) in taken:
                c += 1
            at[(r, c)] = t
            for i in range(rsp):
                for j in range(csp):
                    taken.add((r + i, c + j))
            c += csp
    h, w = max(r for r, _ in at) + 1, max(c for _, c in at) + 1
    return [[at.get((r, c), "") for c in range(w)] for r in range(h)]


def width(s):
    return sum(2 if ord(ch) > 0x2e80 else 1 for ch in s)


def aligned(g, sep="  "):
    ws = [max(width(r[c]) for r in g) for c in range(len(g[0]))]
    return "\n".join(sep.join(r[c] + " " * (ws[c] - width(r[c])) for c in range(len(r))).rstrip() for r in g)


def mht(body_bytes, charset, enc):
    if enc == "qp":
        part = quopri.encodestring(body_bytes).decode("ascii")
    else:
        part = "\r\n".join(base64.b64encode(body_bytes).decode()[i:i + 76] for i in range(0, 10 ** 6, 76)).rstrip()
    return ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01D9\"\r\n\r\n"
            "This is a multi-part message in MIME format.\r\n\r\n"
            "------=_NextPart_01D9\r\nContent-Location: file:///C:/form.htm\r\n"
            "Content-Transfer-Encoding: %s\r\nContent-Type: text/html; charset=\"%s\"\r\n\r\n%s\r\n"
            "------=_NextPart_01D9--\r\n" % ("quoted-printable" if enc == "qp" else "base64", charset, part)).encode("ascii")


def family(stem, make):
    for suf, t in TOTAL.items():
        out = make(t)
        ext = ".html"
        if isinstance(out, tuple):
            ext, out = out
        put(stem + suf + ext, out)


# 1. The open families.
# 1a. <pre>, columns aligned with spaces (merged cells repeated empty, as a plain-text export).
family("pre-aligned", lambda t: page("<pre>%s</pre>" % html.escape(aligned(grid(rows(t))))))
# 1b. <pre>, columns by tabs.
family("pre-tabs", lambda t: page("<pre>%s</pre>" % html.escape("\n".join("\t".join(r) for r in grid(rows(t))))))


def pipe(g):
    lines = ["| " + " | ".join(g[0]) + " |", "|" + "---|" * len(g[0])]
    return lines + ["| " + " | ".join(r) + " |" for r in g[1:]]


def pipe_grid(t):
    """The form's head as lines of text, its grid as a markdown table (a CMS's markdown)."""
    g = grid(rows(t))[len(HEAD):]
    return g


HEAD_LINES = "项目支出绩效自评表\n项目名称：社区养老服务\n主管部门：某区民政局    实施单位：某区养老服务中心\n"
# 1c. A markdown pipe table in <pre> (a CMS's markdown of the Word table: merged cells empty),
# the title a line above it.
family("pipe-pre", lambda t: page("<pre>%s</pre>" % html.escape(
    "项目支出绩效自评表\n" + "\n".join(pipe(grid(rows(t))[1:])))))
# 1d. The same as <p> lines.
family("pipe-p", lambda t: page("<p>项目支出绩效自评表</p>" + "".join(
    "<p>%s</p>\n" % html.escape(l) for l in pipe(grid(rows(t))[1:]))))
# 1d'. The head as lines of text above the pipe table (no budget block: the indicators' own
# total, 90 points, 88 scored; off: 86).
family("pipe-lines-above", lambda t: page("".join("<p>%s</p>\n" % html.escape(l) for l in
    HEAD_LINES.splitlines() + pipe(grid(rows({"97.5": "88", "99.5": "86"}[t], head=[]))))).replace(
    "| 100 |", "| 90 |"))


# 1e. A form split over two tables with its grid head repeated (a page break in Word's page).
def split(t):
    r = rows(t)
    a, b = r[:len(HEAD) + 1 + 3], [GH] + r[len(HEAD) + 1 + 3:]
    return page(table(a) + '\n<br clear=all style="page-break-before:always">\n' + table(b))


family("split-head", split)


# 1f. The same with the title and 项目名称 repeated too (each printed page a whole head).
def split_whole(t):
    r = rows(t)
    n = len(HEAD) + 1 + 3
    return page(table(r[:n]) + '<p style="page-break-before:always"></p>' + table(r[:2] + [GH] + r[n:]))


family("split-title", split_whole)

# 2. The fresh probe.
# 2a. .mht quoted-printable, a GBK part.
family("mht-qp-gbk", lambda t: (".mht", mht(page(table(rows(t)), "<meta charset=gbk>").encode("gbk"), "gb2312", "qp")))
# 2b. .mhtml base64, UTF-8.
family("mht-b64", lambda t: (".mhtml", mht(page(table(rows(t))).encode("utf-8"), "utf-8", "b64")))
# 2c. GBK bytes whose meta says utf-8.
family("gbk-meta-lies", lambda t: page(table(rows(t))).encode("gbk"))
# 2d. GBK bytes with no meta.
family("gbk-no-meta", lambda t: page(table(rows(t)), meta="").encode("gbk"))
# 2e. GB18030 (a character outside GBK in a cell) with meta gb2312.
family("gb18030-name", lambda t: page(table(rows(t, head=[HEAD[0], ["项目名称", ("社区养老服务（𠀾）", 1, 7)]] + HEAD[2:])),
                                     meta='<meta http-equiv=Content-Type content="text/html; charset=gb2312">').encode("gb18030"))

# 2f. Word's filtered html: mso styles, <o:p>, conditional comments, spans on every run.
WORD_HEAD = ('<meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15">'
             '<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->'
             '<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-size:10.5pt;} --></style>')


def word(t):
    f = lambda s: "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US style='font-size:9.0pt;mso-bidi-font-family:宋体'>%s<o:p></o:p></span></p>" % s
    body = table(rows(t), "class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-table-layout-alt:fixed'", fmt=f)
    return page("<div class=WordSection1>" + body + "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p></div>", WORD_HEAD)


family("word-filtered", word)


# 2g. WPS's export of a sheet: x:num attributes, class=xl65, <col> widths, a <td> with x:str.
def wps(t):
    out = []
    for r in rows(t):
        tds = []
        for x in r:
            s, rs, cs = cell(x)
            a = (" rowspan=%d" % rs if rs > 1 else "") + (" colspan=%d" % cs if cs > 1 else "")
            num = ' x:num="%s"' % s if s.replace(".", "").isdigit() else ' x:str'
            tds.append("<td class=xl65%s%s>%s</td>" % (a, num, html.escape(s)))
        out.append("<tr height=18 style='height:13.50pt;'>" + "".join(tds) + "</tr>")
    return page("<table width=800 border=0 cellpadding=0 cellspacing=0 style='border-collapse:collapse;'><col width=100 span=8>" +
                "\n".join(out) + "</table>", '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="ProgId" content="Et.Document"><meta name="Generator" content="WPS Office ET">')


family("wps-et", wps)

# 2h. A div CSS table: display:table / table-row / table-cell by classes.
def css_table(t):
    g = grid(rows(t))
    body = "".join('<div class="tr">' + "".join('<div class="tc">%s</div>' % html.escape(c) for c in r) + "</div>" for r in g)
    return page('<div class="tb">%s</div>' % body,
                "<meta charset=utf-8><style>.tb{display:table}.tr{display:table-row}.tc{display:table-cell;border:1px solid}</style>")


family("css-table", css_table)
# 2i. Figures split by <span>/<font>.
split_fig = lambda s: "".join("<span>%s</span>" % ch for ch in s) if any(c.isdigit() for c in s) else s
family("span-digits", lambda t: page(table(rows(t), fmt=split_fig)))
family("font-digits", lambda t: page(table(rows(t), fmt=lambda s: "<font face=宋体>%s</font><font size=2>%s</font>" % (s[:1], s[1:]) if any(c.isdigit() for c in s) else s)))
# 2j. &nbsp; around and inside figures.
family("nbsp-figures", lambda t: page(table(rows(t), fmt=lambda s: "&nbsp;%s&nbsp;" % s if s and s[0].isdigit() else s)))
# 2k. Full-width digits and thousands separators (1,000 / １，０００).
FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
fwrows = lambda t: [[(cell(x)[0].translate(FW),) + cell(x)[1:] for x in r] for r in rows(t)]
family("fullwidth", lambda t: page(table(fwrows(t))))
IND_K = [IND[0][:3] + ("≥1,000人次", "900人次") + IND[0][5:]] + IND[1:]
family("thousands", lambda t: page(table(rows(t, ind=IND_K))))
# 2l. A running number first (序号).
def numbered(t):
    r = rows(t)
    out = [[(cell(x)[0], cell(x)[1], cell(x)[2] + (1 if i == 0 else 0)) if i == 0 and len(row) < 8 else x for i, x in enumerate(row)] for row in r[:len(HEAD)]]
    out = [[("项目支出绩效自评表", 1, 9)]] + [["", *row] for row in r[1:len(HEAD)]]
    out[3] = ["", *r[3]]
    out.append(["序号"] + GH)
    for k, row in enumerate(r[len(HEAD) + 1:-1]):
        out.append([str(k + 1)] + row)
    out.append(["", ("总分", 1, 5), "100", t, ""])
    return page(table(out))


family("running-number", numbered)
# 2m. Two forms on one page: the 目标表 above, the 自评表 below.
TARGET = [[("项目支出绩效目标表", 1, 5)], ["项目名称", ("社区养老服务", 1, 4)],
          ["一级指标", "二级指标", "三级指标", "指标值", "分值"]] + [[c1, c2, n, tg, w] for c1, c2, n, tg, a, w, s in IND]
family("target-and-self", lambda t: page("<h3>绩效目标表</h3>" + table(TARGET) + "<h3>绩效自评表</h3>" + table(rows(t))))
# 2n. Navigation and footer tables around the form.
NAV = '<table width=100%><tr><td><a href="/">首页</a></td><td><a href="/xxgk">信息公开</a></td><td>2024年3月1日</td></tr></table>'
FOOT = '<table><tr><td>主办：某区人民政府办公室</td><td>电话：0000-1234567</td></tr><tr><td>ICP备12345678号</td><td>访问量：1024</td></tr></table>'
family("nav-footer", lambda t: page(NAV + '<table width=1000><tr><td width=200>' + NAV + '</td><td>' + table(rows(t)) + '</td></tr></table>' + FOOT))


# 2o. <br> inside cells holding two values: 分值<br>得分 in one column.
def br_pair(t):
    r = HEAD + [GH[:5] + ["分值<br>得分", "偏差原因"]]
    for c1, c2, n, tg, a, w, s in IND:
        r.append([c1, c2, n, tg, a, "%s<br>%s" % (w, s), ""])
    r.append([("总分", 1, 5), "100<br>" + t, ""])
    return page(table([[(cell(x)[0],) + cell(x)[1:] for x in row] for row in r], fmt=lambda s: s.replace("&lt;br&gt;", "<br>")))


family("br-two-values", br_pair)


# 2p. A three-row header: 绩效指标 over 一级/二级/三级, 年度 over 指标值/完成值, 分值 and 得分 down.
def three_row(t):
    hd = [[("绩效指标", 1, 3), ("年度", 1, 2), ("分值", 3, 1), ("得分", 3, 1), ("偏差原因", 3, 1)],
          [("一级指标", 2, 1), ("二级指标", 2, 1), ("三级指标", 2, 1), ("指标值", 1, 2)],
          ["年度指标值", "实际完成值"]]
    r = HEAD + hd
    for c1, c2, n, tg, a, w, s in IND:
        r.append([c1, c2, n, tg, a, w, s, ""])
    r.append([("总分", 1, 5), "100", t, ""])
    return page(table(r))


family("three-row-head", three_row)


# 2q. Empty <td>s standing for a merged 一级指标 (no rowspan written).
def blank_merge(t):
    r = rows(t)
    last = None
    for row in r[len(HEAD) + 1:-1]:
        if row[0] == last:
            row[0] = ""
        else:
            last = row[0]
    return page(table(r))


family("blank-merge", blank_merge)
# 2r. Cells of —, / and 无 (偏差原因 and a 年初预算数 unknown).
DASH_HEAD = HEAD[:4] + [["—", "100", "95", "10", "95%", ("9.5", 1, 2)]]
family("dash-cells", lambda t: page(table([[*r[:7], ["—", "/", "无", "", "/"][i % 5]] if len(r) == 8 else r
                                           for i, r in enumerate(rows(t, head=DASH_HEAD))])))
# 2s. <th> cells, <caption> as the title, <thead>/<tbody>.
def th_caption(t):
    r = rows(t)
    head = "".join("<tr>" + "".join(td(x, "th") for x in row) + "</tr>" for row in r[1:len(HEAD) + 1])
    body = "".join("<tr>" + "".join(td(x) for x in row) + "</tr>" for row in r[len(HEAD) + 1:])
    return page("<table border=1><caption>项目支出绩效自评表</caption><thead>%s</thead><tbody>%s</tbody></table>" % (head, body))


family("th-caption", th_caption)
# 2t. Entities: &ge; &#8805; &#x2265; for ≥, &#37; for %.
family("entities", lambda t: page(table(rows(t)).replace("≥", "&ge;", 1).replace("≥", "&#8805;", 1).replace("≥", "&#x2265;").replace("%", "&#37;")))
# 2u. UTF-16 LE with a BOM (Word's "Unicode web page").
family("utf16", lambda t: b"\xff\xfe" + page(table(rows(t)), '<meta http-equiv=Content-Type content="text/html; charset=unicode">').encode("utf-16-le"))
# 2v. Upper-case tags, cells and rows left unclosed (HTML allows it).
def legacy(t):
    out = []
    for r in rows(t):
        out.append("<TR>" + "".join("<TD%s>%s" % ((" ROWSPAN=%d" % cell(x)[1] if cell(x)[1] > 1 else "") + (" COLSPAN=%d" % cell(x)[2] if cell(x)[2] > 1 else ""), html.escape(cell(x)[0])) for x in r))
    return page("<CENTER><TABLE BORDER=1>\n" + "\n".join(out) + "\n</TABLE></CENTER>", "<META HTTP-EQUIV=Content-Type CONTENT=\"text/html; charset=utf-8\">")


family("legacy-unclosed", legacy)
# 2w. A saved online form: the figures in <input value> and <textarea>.
def inputs(t):
    f = lambda s: '<input type="text" value="%s">' % s if s and (s[0].isdigit() or s[0] in "≥") else s
    return page("<form>" + table(rows(t), fmt=f) + "</form>")


family("input-values", inputs)
# 2x. Tracked changes saved: <del>old</del><ins>new</ins> in a figure.
family("del-ins", lambda t: page(table(rows(t)).replace("<td>18</td>", "<td><del>16</del><ins>18</ins></td>")))
# 2y. The points written "20分", the total "97.5分".
PTS = [r[:5] + (r[5] + "分", r[6] + "分") for r in IND]
family("points-fen", lambda t: page(table(rows(t + "分", ind=PTS))))
# 2z. A table inside a <div> with overflow:auto, the form's rows in <tbody>s, one per category.
def tbodies(t):
    r = rows(t)
    head = "".join("<tr>" + "".join(td(x) for x in row) + "</tr>" for row in r[:len(HEAD) + 1])
    parts, cur, last = [], [], None
    for row in r[len(HEAD) + 1:-1]:
        if row[0] != last and cur:
            parts.append(cur); cur = []
        cur.append(row); last = row[0]
    parts.append(cur)
    bodies = "".join("<tbody>" + "".join("<tr>" + "".join(td(x) for x in row) + "</tr>" for row in p) + "</tbody>" for p in parts)
    return page('<div style="overflow:auto"><table border=1><thead>%s</thead>%s<tfoot><tr>%s</tr></tfoot></table></div>' % (
        head, bodies, "".join(td(x) for x in r[-1])))


family("tbodies", tbodies)
# 2aa. Form inside a <td> of a layout table with a <p> title and the 单位 line above it.
family("title-outside", lambda t: page("<p align=center><b>项目支出绩效自评表</b></p><p>（2023年度）</p>" + table(rows(t)[1:])))
# 2ab. An mht whose first html part is a frameset, the form in its second html part.
def mht_frames(t):
    outer = '<html><frameset cols="20%,80%"><frame src="nav.htm"><frame src="form.htm"></frameset></html>'
    parts = [("file:///C:/index.htm", outer), ("file:///C:/nav.htm", page("<ul><li>首页</li></ul>")), ("file:///C:/form.htm", page(table(rows(t))))]
    body = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n"
    for loc, h in parts:
        body += "--B\r\nContent-Location: %s\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\r\n%s\r\n" % (
            loc, quopri.encodestring(h.encode()).decode())
    return ".mht", (body + "--B--\r\n").encode()


family("mht-frameset", mht_frames)


# 1g. <pre> whose one line lost three spaces (its text runs into the gutter): not read, said.
def misaligned(t):
    lines = aligned(grid(rows(t))).split("\n")
    k = next(i for i, l in enumerate(lines) if "服务人次" in l)
    at = lines[k].index("服务人次")
    lines[k] = lines[k][:at - 3] + lines[k][at:]
    return page("<pre>%s</pre>" % html.escape("\n".join(lines)))


family("pre-misaligned", misaligned)
# 2ac. The actuals typed in <textarea>s of a saved online form.
family("textarea-values", lambda t: page("<form>" + table(rows(t), fmt=lambda s: "<textarea rows=1>%s</textarea>" % s
                                                            if s.endswith("人次") or s.endswith("%") else s) + "</form>"))
# 2ad. 偏差原因 chosen in a <select> (its selected option shown).
family("select-chosen", lambda t: page(table(rows(t)).replace(
    "<td>明显改善</td><td>明显改善</td>",
    "<td>明显改善</td><td><select><option>未改善</option><option selected>明显改善</option></select></td>")))


def summary(binary, name):
    p = subprocess.run(["timeout", "60", binary, "evaluate", name, "--format", "json"], cwd=OUT, capture_output=True)
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        code = next((l for l in err if "table." in l or "×" in l), err[0] if err else "")
        return "exit %d %s" % (p.returncode, code.strip()[:110])
    v = json.loads(p.stdout)
    ps = v.get("projects", [])
    out = []
    for pr in ps:
        n = len(pr.get("indicators") or [])
        out.append("%s %s/%s %s n=%d" % (pr.get("project"), pr.get("score"), pr.get("published_score"), pr.get("status"), n))
    codes = sorted({f.get("code") for f in (v.get("findings") or []) + [f for pr in ps for f in pr.get("findings") or []]})
    return "; ".join(out) + "  [" + " ".join(c for c in codes if c) + "]"


for name in CASES:
    for b in BINS:
        print("%-26s %-6s %s" % (name, os.path.basename(b)[-6:], summary(b, name)))
