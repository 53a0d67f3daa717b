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
from probe_kit import put, path, run, section  # noqa: E402

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
    hide = flat("80人", tr=" class=old").replace("<table", "<table")
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
