"""The seventeenth probe of web pages (H112): page families written by hand from what government
sites publish, and pages saved with their stylesheets beside them ("save page, complete").

    python3 tests/hostile/probe17_pages.py DIR BIN [css word excel thead br pad nested charset
                                                    two fixedhead hidden struck]

Each case is written under DIR, run through `BIN evaluate CASE --format jsonl` (and `inspect`
where the reading matters) and its indicators printed as `indicator | target | actual | verdict`
with the first findings' codes, to be checked by hand against the page as a browser shows it."""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import FORM, put, path, rows_html, run, section, table  # noqa: E402

HEAD = "<html><head><meta charset=utf-8><title>绩效自评</title>%s</head><body>%s</body></html>"


def flat_rows(items, head=("项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值")):
    return [[(h, "") for h in head]] + [[(c, "") for c in it] for it in items]


FLAT = [("农村劳动力培训", "产出指标", "数量指标", "培训人数", "≥100人", "80人"),
        ("农村劳动力培训", "效益指标", "满意度指标", "满意度", "≥90%", "95%")]


def show(name, extra=()):
    code, out, err = run(["evaluate", name, "--format", "jsonl"] + list(extra), name)
    for line in out.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        if "indicator" in o:
            print("    %s | %s | %s | %s | %s" % (o.get("project"), o.get("indicator"), o.get("target"),
                                                 o.get("actual"), o.get("verdict")))
        elif o.get("kind") == "project" or "score" in o:
            print("    project %s score %s" % (o.get("project") or o.get("name"), o.get("score")))
    codes = [l for l in err.splitlines() if "table." in l or "eval." in l or "×" in l]
    for c in codes[:6]:
        print("    ! " + c.strip()[:150])


def div_grid(cls_style=""):
    cells = ["项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"]
    body = "".join("<div>%s</div>" % c for c in cells)
    for it in FLAT:
        body += "".join("<div>%s</div>" % c for c in it)
    return "<div class=perf%s>%s</div>" % (cls_style, body)


GRID_CSS = ".perf { display: grid; grid-template-columns: repeat(6, 1fr); }\n"

if section("css"):
    print("== css: layout in a linked stylesheet")
    os.makedirs(path("绩效_files"), exist_ok=True)
    put("绩效_files/main.css", GRID_CSS)
    put("css-saved.html", HEAD % ('<link rel="stylesheet" type="text/css" href="./绩效_files/main.css">',
                                  div_grid()))
    show("css-saved.html")
    put("side.css", GRID_CSS)
    put("css-beside.html", HEAD % ('<link href="side.css" rel=stylesheet>', div_grid()))
    show("css-beside.html")
    os.makedirs(path("sub/css"), exist_ok=True)
    put("sub/css/a.css", GRID_CSS)
    put("sub/css-parent.html", HEAD % ('<link rel="stylesheet" href="../side.css">', div_grid()))
    show("sub/css-parent.html")
    put("sub/css-down.html", HEAD % ('<link rel="stylesheet" href="css/a.css?v=3">', div_grid()))
    show("sub/css-down.html")
    put("css-abs.html", HEAD % ('<link rel="stylesheet" href="%s">' % path("side.css"), div_grid()))
    show("css-abs.html")
    put("css-url.html", HEAD % ('<link rel="stylesheet" href="https://www.example.gov.cn/css/main.css">',
                                div_grid()))
    show("css-url.html")
    put("css-missing.html", HEAD % ('<link rel="stylesheet" href="nothere.css">', div_grid()))
    show("css-missing.html")
    put("css-percent.html", HEAD % ('<link rel="stylesheet" href="%E7%BB%A9%E6%95%88_files/main.css">',
                                    div_grid()))
    show("css-percent.html")
    # a table page whose linked stylesheet hides last year's row (class) — a browser shows one row
    os.makedirs(path("hide_files"), exist_ok=True)
    put("hide_files/site.css", ".old { display: none }\n")
    rows = flat_rows(FLAT)
    rows.insert(2, [(c, "") for c in ("农村劳动力培训", "产出指标", "数量指标", "培训人数", "≥100人", "120人")])
    html = table(rows).replace("<tr><td >农村劳动力培训</td><td >产出指标</td><td >数量指标</td><td >培训人数</td><td >≥100人</td><td >120人",
                               "<tr class=old><td >农村劳动力培训</td><td >产出指标</td><td >数量指标</td><td >培训人数</td><td >≥100人</td><td >120人")
    put("css-hidden-row.html", HEAD % ('<link rel="stylesheet" href="hide_files/site.css">', html))
    show("css-hidden-row.html")
    put("css-hidden-row-inline.html", HEAD % ("<style>.old{display:none}</style>", html))
    show("css-hidden-row-inline.html")
    # @import inside a style block
    put("css-import.html", HEAD % ('<style>@import url("side.css");</style>', div_grid()))
    show("css-import.html")
    # mhtml with the stylesheet as its own part
    page_html = HEAD % ('<link rel="stylesheet" href="https://www.example.gov.cn/css/main.css">', div_grid())
    mht = ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.example.gov.cn/a.html\r\n"
           "Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
           "\tboundary=\"----B\"\r\n\r\n\r\n------B\r\nContent-Type: text/html\r\nContent-ID: <a@mhtml.blink>\r\n"
           "Content-Transfer-Encoding: binary\r\nContent-Location: https://www.example.gov.cn/a.html\r\n\r\n"
           + page_html + "\r\n\r\n------B\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: binary\r\n"
           "Content-Location: https://www.example.gov.cn/css/main.css\r\n\r\n" + GRID_CSS + "\r\n------B--\r\n")
    put("css-part.mhtml", mht)
    show("css-part.mhtml")

if section("word"):
    print("== word: Word/WPS save as web page")
    style = ("<style><!-- p.MsoNormal {margin:0cm; font-size:10.5pt;} table.MsoNormalTable "
             "{mso-style-name:普通表格;} --></style>")
    cells = []
    for r in FORM:
        cells.append("<tr style='mso-yfti-irow:0'>" + "".join(
            "<td %s style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'>"
            "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US "
            "style='font-family:宋体;mso-bidi-font-family:\"Times New Roman\"'>%s<o:p></o:p></span></p></td>"
            % (a, t) for t, a in r) + "</tr>")
    body = ("<div class=WordSection1><p class=MsoNormal><span>项目支出绩效自评表<o:p></o:p></span></p>"
            "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>"
            + "\n".join(cells) + "</table></div>")
    put("word.htm", "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">"
        "<head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">" + style + "</head><body lang=ZH-CN>"
        + body + "</body></html>")
    show("word.htm")
    # figures split into runs with mso markup: `8<span>0</span><span lang=EN-US>人</span>`
    w2 = open(path("word.htm"), encoding="utf-8").read().replace(
        ">80人<", "><span lang=EN-US>8</span><span lang=EN-US style='mso-bidi-font-size:10.5pt'>0</span>"
        "<span style='font-family:宋体'>人</span><")
    put("word-runs.htm", w2)
    show("word-runs.htm")
    # a Word tracked insertion / deletion as Word writes it in html
    w3 = open(path("word.htm"), encoding="utf-8").read().replace(
        ">80人<", "><del cite=\"mailto:x\" datetime=\"2024-01-01T00:00\">12</del><ins cite=\"mailto:x\">8</ins>0人<")
    put("word-tracked.htm", w3)
    show("word-tracked.htm")

if section("excel"):
    print("== excel: Excel save as web page")

    def xl(rows_):
        return ("<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><meta http-equiv=Content-Type "
                "content=\"text/html; charset=utf-8\"><style>.xl65{mso-number-format:\"0%\";} "
                ".xl66{mso-number-format:\"0\";} .xl67{mso-number-format:\"\\#\\,\\#\\#0\";}</style></head><body>"
                "<table border=0 cellpadding=0 cellspacing=0 width=600 style='border-collapse:collapse'>"
                + rows_ + "</table></body></html>")

    head = "<tr><td>项目名称</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td></tr>"

    def r(ind, tgt, act):
        return ("<tr><td>农村劳动力培训</td><td>产出指标</td><td>数量指标</td><td>%s</td><td>%s</td>%s</tr>"
                % (ind, tgt, act))
    for name, ind, tgt, act in [
            ("xl-pct", "结业率", "≥96%", "<td class=xl65 x:num=\"0.955\">96%</td>"),
            ("xl-pct-exact", "结业率", "≥96%", "<td class=xl65 x:num=\"0.96\">96%</td>"),
            ("xl-int", "培训人数", "≥100", "<td class=xl66 x:num=\"99.6\">100</td>"),
            ("xl-thousands", "培训人数", "≥1000", "<td class=xl67 x:num=\"999.5\">1,000</td>"),
            ("xl-fmla", "培训人数", "≥100", "<td class=xl66 x:num=\"99.6\" x:fmla=\"=A1\">100</td>"),
            ("xl-str", "培训人数", "≥100人", "<td x:str=\"'80人\">80人</td>")]:
        put(name + ".htm", xl(head + r(ind, tgt, act)))
        show(name + ".htm")

if section("thead"):
    print("== thead: <thead> repeated every N rows (printed pages)")
    hrow = "<tr>" + "".join("<th>%s</th>" % h for h in ("项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值")) + "</tr>"
    items = [("农村劳动力培训", "产出指标", "数量指标", "指标%d" % i, "≥%d人" % (10 * i), "%d人" % (10 * i + (i % 3) - 1)) for i in range(1, 9)]
    body = ""
    for k in range(0, 8, 3):
        body += "<thead>" + hrow + "</thead><tbody>" + rows_html([[(c, "") for c in it] for it in items[k:k + 3]]) + "</tbody>"
    put("thead-repeat.html", HEAD % ("", "<table border=1>" + body + "</table>"))
    show("thead-repeat.html")
    # the header repeated as plain rows (no thead)
    body = ""
    for k in range(0, 8, 3):
        body += hrow + rows_html([[(c, "") for c in it] for it in items[k:k + 3]])
    put("thead-rows.html", HEAD % ("", "<table border=1>" + body + "</table>"))
    show("thead-rows.html")

if section("br"):
    print("== br: target and actual in one cell")
    rows = [[(h, "") for h in ("项目名称", "一级指标", "二级指标", "三级指标", "指标值", "完成情况")]]
    rows += [[("农村劳动力培训", ""), ("产出指标", ""), ("数量指标", ""), ("培训人数", ""),
              ("目标：≥100人<br>实际：80人", ""), ("80人", "")]]
    put("br-both.html", HEAD % ("", table(rows)))
    show("br-both.html")
    rows = [[(h, "") for h in ("项目名称", "一级指标", "二级指标", "三级指标", "年度指标值/实际完成值")]]
    rows += [[("农村劳动力培训", ""), ("产出指标", ""), ("数量指标", ""), ("培训人数", ""), ("≥100人<br>80人", "")]]
    put("br-one-column.html", HEAD % ("", table(rows)))
    show("br-one-column.html")
    rows = flat_rows([("农村劳动力培训", "产出指标", "数量指标", "培训人数", "≥100人", "80人<br>（计划120人）")])
    put("br-actual-note.html", HEAD % ("", table(rows)))
    show("br-actual-note.html")

if section("pad"):
    print("== pad: &nbsp; / &#12288; padding in figures")
    for name, act in [("pad-nbsp", "&nbsp;80&nbsp;人&nbsp;"), ("pad-ideo", "&#12288;80人&#12288;"),
                      ("pad-inner", "8&nbsp;0人"), ("pad-thousand", "1&nbsp;200人"),
                      ("pad-ideo-inner", "1&#12288;200人"), ("pad-thin", "1&#8201;200人"),
                      ("pad-ensp", "80&ensp;人")]:
        put(name + ".html", HEAD % ("", table(flat_rows([("农村劳动力培训", "产出指标", "数量指标", "培训人数", "≥1000人", act)]))))
        show(name + ".html")

if section("nested"):
    print("== nested: a <table> inside <td> per indicator group")
    inner1 = table([[("培训人数", ""), ("≥100人", ""), ("80人", "")], [("培训班次", ""), ("≥4次", ""), ("4次", "")]])
    inner2 = table([[("满意度", ""), ("≥90%", ""), ("95%", "")]])
    outer = ("<table border=1><tr><td>项目名称</td><td colspan=2>农村劳动力培训</td></tr>"
             "<tr><td>一级指标</td><td>二级指标</td><td>三级指标 | 年度指标值 | 实际完成值</td></tr>"
             "<tr><td>产出指标</td><td>数量指标</td><td>%s</td></tr>"
             "<tr><td>效益指标</td><td>满意度指标</td><td>%s</td></tr></table>" % (inner1, inner2))
    put("nested-groups.html", HEAD % ("", outer))
    show("nested-groups.html")

if section("charset"):
    print("== charset")
    flat = table(flat_rows(FLAT))
    gbk_page = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head>"
                "<body>%s</body></html>" % flat)
    put("gbk-equiv.html", gbk_page.encode("gbk"))
    show("gbk-equiv.html")
    put("gbk-says-utf8.html", gbk_page.replace("gb2312", "utf-8").encode("gbk"))
    show("gbk-says-utf8.html")
    put("gbk-says-big5.html", gbk_page.replace("gb2312", "big5").encode("gbk"))
    show("gbk-says-big5.html")
    put("gbk-says-latin1.html", gbk_page.replace("gb2312", "iso-8859-1").encode("gbk"))
    show("gbk-says-latin1.html")
    put("utf8-says-gbk.html", gbk_page.encode("utf-8"))
    show("utf8-says-gbk.html")
    put("gbk-none.html", ("<html><body>%s</body></html>" % flat).encode("gbk"))
    show("gbk-none.html")

if section("two"):
    print("== two: two forms with <hr> between")
    f2 = [[(t.replace("农村劳动力培训", "道路养护").replace("培训人数", "养护里程").replace("≥100人", "≥50公里")
            .replace("80人", "52公里").replace(">40<", ">50<"), a) for t, a in r] for r in FORM]
    f2[4][6] = ("50", "")
    f2[6][2] = ("100", "")
    put("two-hr.html", HEAD % ("", table(FORM) + "<hr>" + table(f2)))
    show("two-hr.html")

if section("fixedhead"):
    print("== fixedhead: the header in its own table above the body (CMS fixed header)")
    head = ("<table class=thead><tr>" + "".join("<th scope=col>%s</th>" % h for h in (
        "项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值")) + "</tr></table>")
    body = table([[(c, "") for c in it] for it in FLAT], "class=tbody")
    put("fixed-head.html", HEAD % ("", "<div class=wrap>" + head + "<div class=scroll>" + body + "</div></div>"))
    show("fixed-head.html")
    # the header with colgroups and a hidden sizing row in the body (as DataTables writes it)
    body2 = ("<table class=tbody><thead><tr style=\"height:0\">" + "".join(
        "<th style=\"padding:0;height:0\"><div style=\"height:0;overflow:hidden\">%s</div></th>" % h for h in (
            "项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值")) + "</tr></thead><tbody>"
        + rows_html([[(c, "") for c in it] for it in FLAT]) + "</tbody></table>")
    put("fixed-head-sizing.html", HEAD % ("", head + body2))
    show("fixed-head-sizing.html")

if section("hidden"):
    print("== hidden: display:none and visibility:hidden")
    old = ("农村劳动力培训", "产出指标", "数量指标", "培训人数", "≥100人", "120人")
    for name, attr in [("hid-tr-none", " style=\"display:none\""), ("hid-tr-vis", " style=\"visibility:hidden\""),
                       ("hid-tr-attr", " hidden"), ("hid-tr-collapse", " style=\"visibility:collapse\"")]:
        rows = flat_rows(FLAT)
        html = table(rows)
        extra = "<tr%s>" % attr + "".join("<td>%s</td>" % c for c in old) + "</tr>"
        html = html.replace("</table>", extra + "</table>")
        put(name + ".html", HEAD % ("", html))
        show(name + ".html")
    # a hidden cell's actual: `<td style="visibility:hidden">120人</td>`
    rows = flat_rows([("农村劳动力培训", "产出指标", "数量指标", "培训人数", "≥100人", "<span style=\"visibility:hidden\">1</span>80人")])
    put("hid-span-vis.html", HEAD % ("", table(rows)))
    show("hid-span-vis.html")
    rows = flat_rows([("农村劳动力培训", "产出指标", "数量指标", "培训人数", "≥100人", "<span class=h>1</span>80人")])
    put("hid-span-class.html", HEAD % ("<style>.h{display:none}</style>", table(rows)))
    show("hid-span-class.html")
    put("hid-span-font0.html", HEAD % ("", table(flat_rows([("农村劳动力培训", "产出指标", "数量指标", "培训人数", "≥100人", "<span style=\"font-size:0\">1</span>80人")]))))
    show("hid-span-font0.html")

if section("struck"):
    print("== struck: revision marks")
    for name, act in [("st-del", "<del>120人</del>80人"), ("st-s", "<s>120</s>80人"),
                      ("st-style", "<span style=\"text-decoration:line-through\">120</span>80人"),
                      ("st-style2", "<span style=\"text-decoration: line-through red\">120</span> 80人"),
                      ("st-ins", "<ins>80人</ins>"), ("st-font", "<font color=red>80人</font>"),
                      ("st-class", "<span class=strike>120</span>80人")]:
        put(name + ".html", HEAD % ("<style>.strike{text-decoration:line-through}</style>",
                                    table(flat_rows([("农村劳动力培训", "产出指标", "数量指标", "培训人数", "≥100人", act)]))))
        show(name + ".html")
