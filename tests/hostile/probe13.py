#!/usr/bin/env python3
"""Issue 27's thirteenth probe (H85, 2026-12-06): other provinces' sheets and web pages as
offices publish them, each figure checked against the sheet's own printed sums.

    python3 tests/hostile/probe13.py DIR BIN [SECTION...]
Sections (all when none is named):
  layouts  a 自评表 keeping 一级 / 二级 / 三级指标 in one column (category headings on rows of
           their own, with and without their points; `成本指标` at either level), 分值 and 得分 in
           one cell (`50/40`), 指标值 and 实际值 on alternate rows, 上半年 / 全年 columns,
           scores written as words, `/` and `不适用` in 得分
  pages    a table cut at a page break into two `<table>`s (a flat sheet and a published form,
           the header repeated or not, the 总分 row alone on the second page), a signature
           line and a footer after the form; a page in GBK declared only in `<meta>` with
           nested `<div>`s, a layout table, `<br>` and `<p>` in cells, `&nbsp;` padding,
           full-width digits and ％; the same cut as a Word document (`.docx`)
  shapes   an attacker's shapes against the new readings: 50,000 heading rows, 20,000 tables
           on one page each continuing the one before
Each case is run under `prlimit --as` 4 GB, `timeout 300` and `/usr/bin/time` (exit, user +
system CPU seconds, peak MB). Hand-made inputs only; nothing here is read by `cargo test` (what
is found is made again, smaller, in tests/hostile.rs).
"""
import csv, io, os, sys, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from probe_kit import BIN, path, put, run, section  # noqa: E402


def summary(sheet, extra=()):
    """The project lines, the warnings and the counts of `evaluate`'s table."""
    code, out, err = run(["evaluate", sheet] + list(extra), sheet)
    for l in (out + err).splitlines():
        if l.strip()[:1] in ("⚠", "×", "☞") or "总分" in l[:60] or l.startswith("合计："):
            print("   " + l.strip()[:200])
    return out, err


HEADS = ["项目", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def tsv(name, rows, head=HEADS):
    return put(name, "\t".join(head) + "\n" + "".join("\t".join(str(c) for c in r) + "\n" for r in rows))


def form_rows():
    """f01 (天长市水利局), as probe11.py holds it: title, funds, the grid, 总分."""
    text = open(os.path.join(HERE, "probe11.py"), encoding="utf-8").read()
    text = text[text.index('FORM = """') + 10:]
    return list(csv.reader(io.StringIO(text[:text.index('"""')])))


# ---------------------------------------------------------------------------------------------
# other provinces' 自评表 layouts

ONE_COL = ["项目", "指标", "年度指标值", "实际完成值", "分值", "得分"]

if section("layouts"):
    print("== layouts: categories in the indicator column, shared cells, alternate rows, periods")
    # headings with their points; every sum agrees: 94 of 100
    tsv("onecol-points.tsv", [
        ["P", "产出指标", "", "", 60, 54], ["P", "数量指标", "", "", 30, 24],
        ["P", "培训人数", "≥100人", "80人", 30, 24], ["P", "质量指标", "", "", 30, 30],
        ["P", "合格率", "≥95%", "96%", 30, 30], ["P", "效益指标", "", "", 40, 40],
        ["P", "社会效益指标", "", "", 40, 40], ["P", "满意度", "≥90%", "95%", 40, 40]], ONE_COL)
    summary("onecol-points.tsv")
    # the same with a heading's 得分 that disagrees with its rows (50 over 24 + 30)
    tsv("onecol-wrong.tsv", [
        ["P", "产出指标", "", "", 60, 50], ["P", "数量指标", "", "", 30, 20],
        ["P", "培训人数", "≥100人", "80人", 30, 24], ["P", "质量指标", "", "", 30, 30],
        ["P", "合格率", "≥95%", "96%", 30, 30], ["P", "效益指标", "", "", 40, 40],
        ["P", "社会效益指标", "", "", 40, 40], ["P", "满意度", "≥90%", "95%", 40, 40]], ONE_COL)
    summary("onecol-wrong.tsv")
    # numbered headings without points, and a 合计 row
    tsv("onecol-numbered.tsv", [
        ["P", "一、产出指标", "", "", "", ""], ["P", "（一）数量指标", "", "", "", ""],
        ["P", "1.培训人数", "≥100人", "80人", 30, 24], ["P", "（二）质量指标", "", "", "", ""],
        ["P", "2.合格率", "≥95%", "96%", 30, 30], ["P", "二、效益指标", "", "", "", ""],
        ["P", "（一）社会效益指标", "", "", "", ""], ["P", "3.满意度", "≥90%", "95%", 40, 40],
        ["P", "合计", "", "", 100, 94]], ONE_COL)
    summary("onecol-numbered.tsv")
    # 成本指标 as a 一级指标 (2021 framework) and as a 二级 under 产出
    tsv("onecol-cost-level1.tsv", [
        ["P", "成本指标", "", "", 20, 20], ["P", "经济成本指标", "", "", 20, 20],
        ["P", "单位成本", "≤100元", "90元", 20, 20], ["P", "产出指标", "", "", 40, 34],
        ["P", "数量指标", "", "", 20, 14], ["P", "培训人数", "≥100人", "70人", 20, 14],
        ["P", "质量指标", "", "", 20, 20], ["P", "合格率", "≥95%", "96%", 20, 20],
        ["P", "效益指标", "", "", 40, 40], ["P", "满意度", "≥90%", "95%", 40, 40]], ONE_COL)
    summary("onecol-cost-level1.tsv")
    tsv("onecol-cost-level2.tsv", [
        ["P", "产出指标", "", "", 60, 54], ["P", "数量指标", "", "", 20, 14],
        ["P", "培训人数", "≥100人", "70人", 20, 14], ["P", "质量指标", "", "", 20, 20],
        ["P", "合格率", "≥95%", "96%", 20, 20], ["P", "成本指标", "", "", 20, 20],
        ["P", "单位成本", "≤100元", "90元", 20, 20], ["P", "效益指标", "", "", 40, 40],
        ["P", "满意度", "≥90%", "95%", 40, 40]], ONE_COL)
    summary("onecol-cost-level2.tsv")
    # a category's name as the last indicator (nothing under it): still an indicator
    tsv("onecol-last.tsv", [["P", "培训人数", "≥100人", "100人", 90, 90],
                            ["P", "满意度指标", "", "", 10, 9]], ONE_COL)
    summary("onecol-last.tsv")
    # a `其中：…` row under an indicator, no 分值 and no 得分 (as a form's ★ rows), and a 合计
    tsv("breakdown.tsv", [["P", "产出指标", "数量指标", "培训人数", "≥100人", "120人", 30, 30],
                          ["P", "产出指标", "数量指标", "其中：女性学员", "≥50人", "40人", "", ""],
                          ["P", "产出指标", "质量指标", "合格率", "≥95%", "96%", 30, 30],
                          ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", 40, 40],
                          ["P", "合计", "", "", "", "", 100, 100]])
    summary("breakdown.tsv")
    # 分值 and 得分 in one cell
    tsv("shared-cell.tsv", [["P", "产出指标", "数量指标", "培训人数", "≥100人", "80人", "50/40"],
                            ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", "50/50"]],
        HEADS[:6] + ["分值/得分"])
    summary("shared-cell.tsv")
    # the same in a published form (f01's 分值 and 得分 columns as one `分值/得分`)
    form = form_rows()
    for k, r in enumerate(form):
        if k >= 9:
            both = "%s/%s" % (r[6], r[7]) if (r[6] or r[7]) else ""
            form[k] = r[:6] + ["分值/得分" if k == 9 else both] + r[8:]
    b = io.StringIO()
    csv.writer(b).writerows(form)
    put("form-shared-cell.csv", b.getvalue())
    summary("form-shared-cell.csv")
    # 指标值 and 实际值 on alternate rows
    tsv("alternate.tsv", [["P", "产出指标", "数量指标", "培训人数", "≥100人", "", 50, 40],
                          ["P", "", "", "", "", "80人", "", ""],
                          ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "", 50, 50],
                          ["P", "", "", "", "", "95%", "", ""]],
        HEADS[:4] + ["指标值", "实际值", "分值", "得分"])
    summary("alternate.tsv")
    # 上半年 / 全年 columns in both orders, with and without 实际完成值 in both names
    for label, a, b in [("half-first", "上半年完成值", "全年完成值"),
                        ("year-first", "全年完成值", "上半年完成值"),
                        ("bracketed", "实际完成值（上半年）", "实际完成值（全年）"),
                        ("qingkuang", "上半年完成情况", "全年完成情况")]:
        tsv("period-%s.tsv" % label,
            [["P", "产出指标", "数量指标", "培训人数", "≥100人", "50人", "120人", 50, 50],
             ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "80%", "95%", 50, 50]],
            HEADS[:5] + [a, b, "分值", "得分"])
        summary("period-%s.tsv" % label)
    # scores written as words, `/` and 不适用
    for label, v in [("slash", "/"), ("dash", "—"), ("words", "满分"), ("na", "不适用")]:
        tsv("score-%s.tsv" % label, [["P", "产出指标", "数量指标", "培训人数", "≥100人", "120人", 50, 50],
                                     ["P", "效益指标", "社会效益指标", "满意度", "≥90%", v, 50, v]])
        summary("score-%s.tsv" % label)


# ---------------------------------------------------------------------------------------------
# web pages as offices publish them

def html_table(rows):
    return "<table border=1>" + "".join(
        "<tr>" + "".join("<td>%s</td>" % c.replace("\n", "<br>") for c in r) + "</tr>\n" for r in rows) + "</table>\n"


def page(*tables, between="<p>第 1 页</p>"):
    return "<html><head><meta charset=utf-8></head><body>" + between.join(tables) + "</body></html>"


def docx(name, tables):
    def esc(t):
        return t.replace("&", "&amp;").replace("<", "&lt;")

    def tbl(rows):
        return "<w:tbl>" + "".join("<w:tr>" + "".join(
            "<w:tc><w:p>%s</w:p></w:tc>" % "".join("<w:r><w:t>%s</w:t></w:r>" % esc(x) for x in c.split("\n"))
            for c in r) + "</w:tr>" for r in rows) + "</w:tbl>"
    body = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'.join(tbl(t) for t in tables)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
           'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % body)
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


FLAT = [HEADS, ["P", "产出指标", "数量指标", "培训人数", "≥100人", "80人", "30", "24"],
        ["P", "产出指标", "质量指标", "合格率", "≥95%", "96%", "30", "30"],
        ["P", "效益指标", "社会效益指标", "满意度", "≥90%", "95%", "40", "40"],
        ["P", "合计", "", "", "", "", "100", "90"]]

if section("pages"):
    print("== pages: a table cut at a page break, a page as a site publishes it")
    # a flat sheet cut after each row; its 合计 (90) disagrees with its rows (94)
    for cut in (2, 3, 4):
        put("flat-cut%d.html" % cut, page(html_table(FLAT[:cut]), html_table(FLAT[cut:])))
        summary("flat-cut%d.html" % cut)
        docx("flat-cut%d.docx" % cut, [FLAT[:cut], FLAT[cut:]])
        summary("flat-cut%d.docx" % cut)
    # f01 cut inside 产出, inside 效益, before 满意度, before 总分 (its 总分 made 95: sums disagree)
    form = form_rows()
    form[19][7] = "95"
    for cut in (12, 15, 18, 19):
        for repeat in (False, True):
            second = ([form[9]] if repeat else []) + form[cut:]
            name = "form-cut%d%s.html" % (cut, "-header" if repeat else "")
            put(name, page(html_table(form[:cut]), html_table(second)))
            summary(name)
        docx("form-cut%d.docx" % cut, [form[:cut], form[cut:]])
        summary("form-cut%d.docx" % cut)
    # after the form: a signature line and the site's footer (six cells each): not continuations
    sig = "<table><tr><td>填表人：</td><td>张三</td><td>联系电话：</td><td>12345678</td><td>填报日期：</td><td>2023年1月5日</td></tr></table>"
    foot = "<table><tr><td>首页</td><td>机构</td><td>政务公开</td><td>办事</td><td>互动</td><td>数据</td></tr></table>"
    put("form-signature.html", page(html_table(form_rows()), sig, foot, between=""))
    summary("form-signature.html")
    code, out, err = run(["inspect", "form-signature.html"], "inspect form-signature.html")
    for l in out.splitlines():
        if "表格" in l:
            print("   " + l.strip()[:200])
    # a site's page in GBK declared only in <meta>: nested divs, a layout table, <br>, &nbsp;,
    # full-width digits and ％
    rows = [HEADS,
            ["P", "产出指标", "数量指标", "培训人数", "≥１００人", "&nbsp;８０&nbsp;人&nbsp;", "３０", "２４"],
            ["P", "产出指标", "质量指标", "合格率", "≥９５％", "９４．５％", "３０", "２９"],
            ["P", "效益指标", "社会效益指标", "满意度", "≥90%<br>(问卷)", "<p>85%</p><p>（抽样）</p>", "40", "37"]]
    trs = "".join("<tr>" + "".join("<td><span style='font-family:宋体'>%s</span></td>" % c for c in r) + "</tr>\n"
                  for r in rows)
    site = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"><title>自评</title></head>"
            "<body><div class=main><div class=nav><table><tr><td><a href=/>首页</a></td><td>通知公告</td></tr></table></div>"
            "<table width=100%%><tr><td><div class=content><div class=article><p>2023年度项目支出绩效自评表</p>"
            "<table border=1 class=MsoNormalTable>%s</table></div></div></td><td><table><tr><td>相关链接</td></tr></table></td></tr></table>"
            "<div class=footer><table><tr><td>版权所有</td><td>联系我们</td></tr></table></div></div></body></html>" % trs)
    put("site-gbk.html", site.encode("gbk"))
    summary("site-gbk.html")


# ---------------------------------------------------------------------------------------------
# an attacker's shapes against the new readings

if section("shapes"):
    print("== shapes: many headings, many continuation tables")
    for n in (5_000, 50_000):
        rows = []
        for i in range(n):
            rows.append(["P%d" % (i // 100), "产出指标", "", "", 10, 10])
            rows.append(["P%d" % (i // 100), "数量指标", "", "", 10, 10])
            rows.append(["P%d" % (i // 100), "指标%d" % i, "≥100人", "120人", 10, 10])
        tsv("headings-%d.tsv" % n, rows, ONE_COL)
        run(["evaluate", "headings-%d.tsv" % n, "--format", "jsonl", "-o", "headings-%d.jsonl" % n])
        run(["evaluate", "headings-%d.tsv" % n, "--format", "json", "--no-streaming", "-o", "headings-%d.json" % n])
    # one project's 50,000 headings of one level, each holding one row
    rows = []
    for i in range(50_000):
        rows.append(["P", "数量指标", "", "", 10, 10])
        rows.append(["P", "指标%d" % i, "≥100人", "120人", 10, 10])
    tsv("headings-one-project.tsv", rows, ONE_COL)
    run(["evaluate", "headings-one-project.tsv", "--format", "jsonl", "-o", "headings-one-project.jsonl"])
    # one 成本指标 over 50,000 二级 headings (both readings tried)
    rows = [["P", "成本指标", "", "", 10, 10]]
    for i in range(50_000):
        rows.append(["P", "经济成本指标", "", "", 10, 10])
        rows.append(["P", "指标%d" % i, "≤100元", "90元", 10, 10])
    tsv("headings-cost.tsv", rows, ONE_COL)
    run(["evaluate", "headings-cost.tsv", "--format", "jsonl", "-o", "headings-cost.jsonl"])
    # 9,000 and 20,000 tables (past the 10,000 a page may hold), each a continuation of the one
    # before (one row of figures each)
    row = "<table><tr>" + "<td>P</td><td>产出指标</td><td>数量指标</td><td>指标</td><td>≥100人</td><td>120人</td><td>10</td><td>10</td>" + "</tr></table>\n"
    for n in (9_000, 20_000):
        put("continued-%d.html" % n, "<html><body>" + html_table([HEADS]) + row * n + "</body></html>")
        run(["evaluate", "continued-%d.html" % n, "--format", "jsonl", "-o", "continued-%d.jsonl" % n])


# ---------------------------------------------------------------------------------------------
# the page and the API on the same files (a running `serve` on loopback)

if section("web"):
    print("== web: a page drop and /api/evaluate of the files above")
    sys.path.insert(0, HERE)
    import re
    import probe_server as ps
    srv = ps.start(BIN, ["--timeout", "60"])
    try:
        page_html = ps.raw(b"GET / HTTP/1.1\r\n" + ps.HOST + b"Connection: close\r\n\r\n", 10)
        token = re.search(rb'name="jixiao-token" content="([^"]+)"', page_html).group(1)
        for name in ("flat-cut3.html", "form-cut19.html", "onecol-wrong.tsv", "onecol-points.tsv", "site-gbk.html"):
            if not os.path.exists(path(name)):
                continue
            data = open(path(name), "rb").read()
            ct, body = ps.multipart([(b"csrf", None, token), (b"file", name.encode(), data)])
            out = ps.raw(ps.post("/", ct, body), 60)
            head, _, answer = out.partition(b"\r\n\r\n")
            text = answer.decode("utf-8", "replace")
            words = [w for w in ("未核对", "续表", "标题行", "94.00", "不一致") if w in text]
            print("   page drop %-22s %s  %s" % (name, ps.status_of(out), " ".join(words)))
            ct, body = ps.multipart([(b"table", name.encode(), data)])
            out = ps.raw(ps.post("/api/evaluate?format=json", ct, body), 60)
            head, _, api = out.partition(b"\r\n\r\n")
            if b"chunked" in head.lower():
                body, rest = b"", api
                while rest:
                    size, _, rest = rest.partition(b"\r\n")
                    n = int(size.split(b";")[0] or b"0", 16)
                    if n == 0:
                        break
                    body, rest = body + rest[:n], rest[n + 2:]
                api = body
            code, cli, _ = run(["evaluate", name, "--format", "json"], "cli json " + name)
            same = "byte-identical to" if api == cli.encode() else "DIFFERENT from"
            print("   /api/evaluate json %-22s %s  %s the CLI's" % (name, ps.status_of(out), same))
        print("   GET / after:", ps.get_root())
    finally:
        srv.kill()
