"""The eighteenth probe of web pages (H124): text a browser does not show (a zero font size, a
colour equal to its background, no opacity, off screen, clipped; a whole cell hidden or struck
through), pages inside a `.zip` with their style sheets, and page families written by hand from
what government portals publish (iframe srcdoc, noscript copies, data in a script, ARIA grids,
paginated forms, figures split by markup, spans past the table, captions, repeated headers).

    python3 tests/hostile/probe18_pages.py DIR BIN [unseen zip families]

Each case is written under DIR, run through `BIN evaluate CASE --format jsonl` and its indicators
printed as `project | indicator | target | actual | verdict` with the first findings, to be
checked by hand against the page as a browser shows it."""
import io, json, os, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import FORM, put, path, run, section, table  # noqa: E402

HEAD = "<html><head><meta charset=utf-8><title>绩效自评</title>%s</head><body%s>%s</body></html>"
COLS = ("项目名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值")


def flat(actual, td="", style="", body="", tr=""):
    """A flat target table whose 培训人数 actual is `actual` (markup), in a `<td td>`."""
    head = "<tr>" + "".join("<td>%s</td>" % c for c in COLS) + "</tr>"
    row = ("<tr%s><td>农村劳动力培训</td><td>产出指标</td><td>数量指标</td><td>培训人数</td><td>≥100人</td>"
           "<td%s>%s</td></tr>" % (tr, td, actual))
    sat = ("<tr><td>农村劳动力培训</td><td>效益指标</td><td>满意度指标</td><td>满意度</td><td>≥90%</td>"
           "<td>95%</td></tr>")
    return HEAD % (style, body, "<table border=1>%s\n%s\n%s</table>" % (head, row, sat))


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
    codes = [l for l in err.splitlines() if "table." in l or "eval." in l or "pile." in l or "×" in l]
    for c in codes[:6]:
        print("    ! " + c.strip()[:160])


if section("unseen"):
    print("== unseen: text a browser does not show, inside a cell (a browser shows 80人)")
    for name, actual, td, style, body in [
        ("fs0", '<span style="font-size:0">1</span>80人', "", "", ""),
        ("fs0px", '<span style="font-size: 0px">1</span>80人', "", "", ""),
        ("fs0pt", '<font style="FONT-SIZE:0pt">1</font>80人', "", "", ""),
        ("fs0class", '<span class=z>1</span>80人', "", "<style>.z{font-size:0}</style>", ""),
        ("fs-reset", '<span style="font-size:0"> <b style="font-size:14px">80人</b> </span>', "", "", ""),
        ("white", '<span style="color:#fff">1</span>80人', "", "", ""),
        ("white-name", '<span style="color:WHITE">1</span>80人', "", "", ""),
        ("white-font", '<font color="#ffffff">1</font>80人', "", "", ""),
        ("white-rgb", '<span style="color:rgb(255, 255, 255)">1</span>80人', "", "", ""),
        ("white-on-blue", '<span style="color:#fff">1</span>80人', " bgcolor=#003399", "", ""),
        ("same-bg", '<span style="color:#eee">1</span>80人', ' style="background:#eee"', "", ""),
        ("transparent", '<span style="color:transparent">1</span>80人', "", "", ""),
        ("opacity", '<span style="opacity:0">1</span>80人', "", "", ""),
        ("opacity-class", '<i class=o>1</i>80人', "", "<style>.o{opacity:0.0}</style>", ""),
        ("offscreen", '<span style="position:absolute;left:-9999px">1</span>80人', "", "", ""),
        ("indent", '<span style="display:block;text-indent:-9999px">1</span>80人', "", "", ""),
        ("clip", '<span style="position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden">1</span>80人', "", "", ""),
        ("sr-only", '<span class=sr-only>1</span>80人', "",
         "<style>.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}</style>", ""),
        ("clip-path", '<span style="clip-path:inset(50%);position:absolute">1</span>80人', "", "", ""),
        ("td-vis", '120人', ' style="visibility:hidden"', "", ""),
        ("td-fs0", '120人', ' style="font-size:0"', "", ""),
        ("td-strike", '120人', ' style="text-decoration:line-through"', "", ""),
        ("td-s", '<s>120人</s>', "", "", ""),
        ("td-del", '<del>120人</del>', "", "", ""),
        ("td-white", '120人', ' style="color:#FFF"', "", ""),
        ("body-black", '<span style="color:#000">1</span>80人', "", "", ' bgcolor="#000000"'),
        ("visible-child", '<span style="visibility:hidden">1<b style="visibility:visible">80人</b></span>', "", "", ""),
        ("tr-strike", '80人', "", "", ""),
    ]:
        tr = ' style="text-decoration:line-through"' if name == "tr-strike" else ""
        put("u-%s.html" % name, flat(actual, td, style, body, tr))
        show("u-%s.html" % name)

if section("zip"):
    print("== zip: a page and its style sheet inside an archive")
    grid_css = ".perf { display: grid; grid-template-columns: repeat(6, 1fr); }\n"
    cells = list(COLS) + ["农村劳动力培训", "产出指标", "数量指标", "培训人数", "≥100人", "80人",
                          "农村劳动力培训", "效益指标", "满意度指标", "满意度", "≥90%", "95%"]
    grid = "<div class=perf>%s</div>" % "".join("<div>%s</div>" % c for c in cells)
    hide = flat("80人", tr=" class=old")
    for name, entries in [
        ("z-grid.zip", {"绩效/绩效.html": HEAD % ('<link rel="stylesheet" href="绩效_files/main.css">', "", grid),
                        "绩效/绩效_files/main.css": grid_css}),
        ("z-hide.zip", {"a.html": hide.replace("<title>", '<link rel=stylesheet href="css/s.css"><title>'),
                        "css/s.css": ".old{display:none}"}),
        ("z-out.zip", {"sub/a.html": HEAD % ('<link rel="stylesheet" href="../main.css">', "", grid),
                       "main.css": grid_css}),
        ("z-abs.zip", {"a.html": HEAD % ('<link rel="stylesheet" href="/main.css">', "", grid),
                       "main.css": grid_css}),
        ("z-missing.zip", {"a.html": HEAD % ('<link rel="stylesheet" href="nothere.css">', "", grid)}),
    ]:
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
            for n, t in entries.items():
                z.writestr(n, t)
        put(name, b.getvalue())
        show(name)

FLAT_TABLE = flat("80人").split("<body>")[1].split("</body>")[0]

if section("families"):
    import html as h
    print("== families: page shapes government portals publish")
    # a table inside <iframe srcdoc>
    put("f-srcdoc.html", HEAD % ("", "", '<p>附件</p><iframe srcdoc="%s" width=800></iframe>' % h.escape(
        "<html><body>" + FLAT_TABLE + "</body></html>", quote=True)))
    show("f-srcdoc.html")
    # a noscript copy of the table beside the table (the same figures)
    put("f-noscript.html", HEAD % ("", "", FLAT_TABLE + "<noscript>" + FLAT_TABLE + "</noscript>"))
    show("f-noscript.html")
    # only in <noscript> (the script-built page's fallback)
    put("f-noscript-only.html", HEAD % ("", "", "<div id=app></div><noscript>" + FLAT_TABLE + "</noscript>"))
    show("f-noscript-only.html")
    # data in a script, the table filled by script
    data = {"project": "农村劳动力培训", "rows": [
        {"yjzb": "产出指标", "ejzb": "数量指标", "sjzb": "培训人数", "ndzbz": "≥100人", "sjwcz": "80人"}]}
    put("f-json.html", HEAD % ("", "", '<table id=t><thead><tr><th>三级指标</th><th>年度指标值</th><th>实际完成值</th></tr></thead><tbody></tbody></table>'
        '<script type="application/json" id=data>%s</script><script>fill(t,data)</script>' % json.dumps(data, ensure_ascii=False)))
    show("f-json.html")
    put("f-nuxt.html", HEAD % ("", "", '<div id=__nuxt><table class=el-table><tbody></tbody></table></div>'
        '<script>window.__NUXT__=%s</script>' % json.dumps({"data": [data]}, ensure_ascii=False)))
    show("f-nuxt.html")
    put("f-next.html", HEAD % ("", "", '<div id=__next></div><script id="__NEXT_DATA__" type="application/json">%s</script>'
        % json.dumps({"props": {"pageProps": data}}, ensure_ascii=False)))
    show("f-next.html")
    # ARIA grid
    cells = [list(COLS), ["农村劳动力培训", "产出指标", "数量指标", "培训人数", "≥100人", "80人"],
             ["农村劳动力培训", "效益指标", "满意度指标", "满意度", "≥90%", "95%"]]
    aria = '<div role="table" aria-label="绩效目标">' + "".join(
        '<div role="row">' + "".join('<div role="%s">%s</div>' % ("columnheader" if i == 0 else "cell", c) for c in r) + "</div>"
        for i, r in enumerate(cells)) + "</div>"
    put("f-aria.html", HEAD % ("", "", aria))
    show("f-aria.html")
    aria2 = aria.replace('role="table"', 'role="grid"').replace('"cell"', '"gridcell"')
    put("f-aria-grid.html", HEAD % ("", "", aria2))
    show("f-aria-grid.html")
    # nested divs inside cells, a header group and a body group, a spanned title row, styled
    # as flex rows (the layout reader would otherwise try them)
    aria3 = ('<div role="table" class="t"><div role="rowgroup"><div role="row"><div role="columnheader" aria-colspan="6">'
             '<div>绩效目标</div></div></div><div role="row">' + "".join('<div role="columnheader"><div><span>%s</span></div></div>' % c for c in COLS)
             + '</div></div><div role="rowgroup">' + "".join('<div role="row">' + "".join('<div role="cell"><div>%s</div></div>' % c for c in r) + "</div>" for r in cells[1:])
             + "</div></div>")
    put("f-aria-nested.html", HEAD % ("<style>.t [role=row]{display:flex}</style>", "", aria3))
    show("f-aria-nested.html")
    # a form paginated over two saved files
    p1 = FORM[:5] + [[("第1页 共2页", "colspan=8")]]
    # page 2 starts under the 产出指标 cell merged down across the break (empty there)
    p2 = [[("", ""), ("质量指标", ""), ("结业率", ""), ("≥90%", ""), ("95%", ""), ("50", ""), ("50", ""), ("", "")]] + FORM[6:] + [[("第2页 共2页", "colspan=8")]]
    os.makedirs(path("paged"), exist_ok=True)
    put("paged/自评表_1.html", HEAD % ("", "", table(p1)))
    put("paged/自评表_2.html", HEAD % ("", "", table(p2)))
    show("paged/自评表_1.html")
    show("paged/自评表_2.html")
    show("paged")
    # the same two pages on one page (a page break between two tables)
    put("f-paged-one.html", HEAD % ("", "", table(p1) + "<p>第1页 共2页</p>" + table(p2)))
    show("f-paged-one.html")
    # <br>-separated values in one cell
    for name, a in [("br-two", "80人<br>95%"), ("br-plan", "计划120人<br>实际80人"), ("br-lines", "8<br>0人")]:
        put("f-%s.html" % name, flat(a))
        show("f-%s.html" % name)
    # spaces inside figures
    for name, a in [("nbsp", "8&nbsp;0人"), ("ideo", "8&#12288;0人"), ("thin", "1&#8201;200人"), ("nbsp-thou", "1&nbsp;200人")]:
        put("f-%s.html" % name, flat(a))
        show("f-%s.html" % name)
    # digits in spans
    for name, a in [("digits", "<span>8</span><span>0</span>人"), ("digits-sp", "<span>8</span> <span>0</span>人"),
                    ("digits-nl", "<span>8</span>\n<span>0</span>人"), ("digits-b", "<b>1</b><i>2</i>0人")]:
        put("f-%s.html" % name, flat(a))
        show("f-%s.html" % name)
    # spans larger than the table
    big = FORM[:4] + [[("产出指标", "rowspan=99"), ("数量指标", ""), ("培训人数", ""), ("≥100人", ""), ("80人", ""),
                       ("50", ""), ("40", ""), ("生源不足", "colspan=50")]] + FORM[5:]
    put("f-bigspan.html", HEAD % ("", "", table(big)))
    show("f-bigspan.html")
    # a caption holding the project name (no 项目名称 row)
    cap = "<table border=1><caption>农村劳动力培训项目绩效目标表</caption>" + FLAT_TABLE.split(">", 1)[1]
    put("f-caption.html", HEAD % ("", "", cap))
    show("f-caption.html")
    noname = [[("一级指标", ""), ("二级指标", ""), ("三级指标", ""), ("年度指标值", ""), ("实际完成值", "")],
              [("产出指标", ""), ("数量指标", ""), ("培训人数", ""), ("≥100人", ""), ("80人", "")]]
    put("f-caption-form.html", HEAD % ("", "", table(noname).replace("<table border=1>", "<table border=1><caption>2024年度农村劳动力培训项目绩效自评表</caption>")))
    show("f-caption-form.html")
    # a thead repeated in the middle of the tbody (print headers)
    thead = "<thead><tr>" + "".join("<th>%s</th>" % c for c in COLS) + "</tr></thead>"
    rows = ["<tr>" + "".join("<td>%s</td>" % c for c in ("农村劳动力培训", "产出指标", "数量指标", "指标%d" % i, "≥%d人" % (10 * i), "%d人" % (10 * i + 1))) + "</tr>" for i in range(1, 7)]
    put("f-thead-mid.html", HEAD % ("", "", "<table border=1>" + thead + "<tbody>" + "".join(rows[:3]) + "</tbody>" + thead + "<tbody>" + "".join(rows[3:]) + "</tbody></table>"))
    show("f-thead-mid.html")
    put("f-thead-inbody.html", HEAD % ("", "", "<table border=1>" + thead + "<tbody>" + "".join(rows[:3]) + thead.replace("thead", "tr class=h").replace("<tr class=h><tr>", "<tr>").replace("</tr></tr class=h>", "</tr>") + "".join(rows[3:]) + "</tbody></table>"))
    show("f-thead-inbody.html")
