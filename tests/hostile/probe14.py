#!/usr/bin/env python3
"""Issue 27's fourteenth probe (H91, 2026-12-06): an outside engineer's fresh look where the
thirteen did not: headers on two rows (a group cell over 一级 / 二级 / 三级指标), Word documents
edited with tracked changes, hidden text, text boxes and content controls, workbook number
formats that round, scale or hide, target and actual pairs of different units, a form's funds
block with a printed 执行率, and web pages as offices publish them (`<div>` tables, `<iframe
srcdoc>`, GB2312 declared only in `<meta http-equiv>`, `rowspan` / `colspan` over the header).

    python3 tests/hostile/probe14.py DIR BIN [headers docx formats pairs funds pages shapes]

Each case is run under `prlimit --as` 4 GB, `timeout 300` and `/usr/bin/time` (exit, user +
system CPU seconds, peak MB); the lines of the report that carry the figures are printed, to be
checked by hand against the sheet. Hand-made inputs only; nothing here is read by `cargo test`
(what is found is made again, smaller, in tests/hostile.rs or tests/number_formats.rs).
"""
import html, io, os, sys, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from probe_kit import path, put, run, section  # noqa: E402


def rows_of(name, extra=()):
    """Each indicator as evaluate's csv gives it: project, indicator, target, actual, verdict,
    weight, score; then the warnings' first lines."""
    code, out, err = run(["evaluate", name, "--format", "csv"] + list(extra), name)
    for l in out.splitlines()[1:]:
        c = l.split(",")
        if len(c) > 11 and c[2]:
            print("   %s | %s | %s | %s | %s | %s | %s" % (c[1], c[5], c[6], c[8], c[9], c[10], c[11]))
    for l in err.splitlines():
        if l.strip()[:1] in ("⚠", "×", "☞"):
            print("   " + l.strip()[:160])
    return out, err


HEADS = ["项目", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
BODY = [["A项目", "产出指标", "数量指标", "培训人数", "≥100人", "80人", "50", "40"],
        ["", "效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"],
        ["B项目", "产出指标", "数量指标", "培训人数", "≥100人", "100人", "50", "50"],
        ["", "效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"]]


def tsv(name, rows):
    return put(name, "".join("\t".join(str(c) for c in r) + "\n" for r in rows))


if section("headers"):
    # finding 1: a header on two rows, the group cell over the three levels (A 90, B 100)
    print("== headers: 项目 | 绩效指标 (over 一级/二级/三级) | 年度指标值 | …; A 90.00, B 100.00")
    for group in ["绩效指标", "指标", "指标名称"]:
        head = [["项目", group, "", "", "年度指标值", "实际完成值", "分值", "得分"],
                ["", "一级指标", "二级指标", "三级指标", "", "", "", ""]]
        rows_of(tsv("two-rows-%s.tsv" % group, head + BODY))
    # the group cell over the target and actual columns too: they are named in the second row
    rows_of(tsv("two-rows-figures-below.tsv", [["项目", "绩效指标", "", "", "", "", "分值", "得分"],
                                               ["", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "", ""]] + BODY))
    try:
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["项目", "绩效指标", None, None, "年度指标值", "实际完成值", "分值", "得分"])
        ws.append([None, "一级指标", "二级指标", "三级指标", None, None, None, None])
        for r in BODY:
            ws.append([c or None for c in r[:6]] + [int(r[6]), int(r[7])])
        for rng in ["A1:A2", "B1:D1", "E1:E2", "F1:F2", "G1:G2", "H1:H2", "A3:A4", "A5:A6"]:
            ws.merge_cells(rng)
        wb.save(path("two-rows-merged.xlsx"))
        rows_of("two-rows-merged.xlsx")
    except ImportError:
        print("   (openpyxl not installed: the merged xlsx skipped)")
    hdr = ('<tr><th rowspan=2>项目</th><th colspan=3>绩效指标</th><th rowspan=2>年度指标值</th>'
           '<th rowspan=2>实际完成值</th><th rowspan=2>分值</th><th rowspan=2>得分</th></tr>'
           '<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th></tr>')
    body = ""
    for r in BODY:
        cells = r if r[0] else r[1:]
        span = ' rowspan=2' if r[0] else ''
        body += "<tr>" + "".join(("<td%s>%s</td>" % (span if (i == 0 and r[0]) else "", html.escape(c)))
                                 for i, c in enumerate(cells)) + "</tr>"
    rows_of(put("two-rows.html", "<html><meta charset=utf-8><body><table>%s%s</table></body></html>" % (hdr, body)))
    # finding 4: per-project grids stacked under their titles, no 项目名称 label row
    grid = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    for name, fmt in [("colon", "项目名称：{}"), ("space", "项目名称 {}"), ("title", "{}绩效自评表"), ("bracket", "【{}】")]:
        stack = []
        for p, a in [("A项目", "80人"), ("B项目", "100人")]:
            stack += [[fmt.format(p)], grid, ["产出指标", "数量指标", "培训人数", "≥100人", a, "50", "40"],
                      ["效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"], [""]]
        rows_of(tsv("stack-%s.tsv" % name, stack))
    # a separate 计量单位 column; units in the header
    rows_of(tsv("unit-column.tsv", [HEADS[:4] + ["计量单位"] + HEADS[4:],
                                    ["P", "产出指标", "数量指标", "培训人数", "人", "≥100", "120", "30", "30"],
                                    ["P", "产出指标", "成本指标", "培训成本", "万元", "≤50", "480000", "20", "20"],
                                    ["P", "效益指标", "社会效益", "满意度", "%", "≥90", "0.95", "50", "50"]]))
    rows_of(tsv("header-units.tsv", [HEADS[:4] + ["年度指标值（万元）", "实际完成值（元）", "分值", "得分"],
                                     ["P", "产出指标", "成本指标", "资金投入", "≥50", "480000", "50", "48"],
                                     ["P", "效益指标", "社会效益", "收益", "100", "1200000", "50", "50"]]))

W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


def docx(name, rows):
    """rows: cells as plain text, or ("xml", a paragraph's inner XML)."""
    def cell(x):
        inner = x[1] if isinstance(x, tuple) else "<w:r><w:t>%s</w:t></w:r>" % html.escape(x, quote=False)
        return "<w:tc><w:p>%s</w:p></w:tc>" % inner
    body = "<w:tbl>" + "".join("<w:tr>" + "".join(cell(c) for c in r) + "</w:tr>" for r in rows) + "</w:tbl>"
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


if section("docx"):
    # finding 2: what Word does not show, read into the cell
    print("== docx: tracked changes, hidden text, text boxes, content controls, fields (Word shows 80人 / ≥100人)")
    R = lambda t: "<w:r><w:t>%s</w:t></w:r>" % t
    cells = {
        "del": R("≥") + '<w:del w:id="1" w:author="a"><w:r><w:delText>120</w:delText></w:r></w:del>'
               '<w:ins w:id="2" w:author="a">' + R("100") + "</w:ins>" + R("人"),
        "movefrom": '<w:moveFrom w:id="1" w:author="a"><w:r><w:t>120</w:t></w:r></w:moveFrom>' + R("≥100人"),
        "vanish": '<w:r><w:rPr><w:vanish/></w:rPr><w:t>≥120人（原目标）</w:t></w:r>' + R("≥100人"),
        "altcontent": '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>≥100人</w:t></mc:Choice>'
                      '<mc:Fallback><w:t>≥100人</w:t></mc:Fallback></mc:AlternateContent></w:r>',
        "placeholder": '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>' + R("单击或点击此处输入文字。") +
                       "</w:sdtContent></w:sdt>",
        "fldsimple": '<w:fldSimple w:instr=" =100 ">' + R("≥100人") + "</w:fldSimple>",
        "field": '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =SUM(ABOVE) </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + R("≥100人") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    }
    for k, v in cells.items():
        rows_of(docx("target-%s.docx" % k, [HEADS, ["A项目", "产出指标", "数量指标", "培训人数", ("xml", v), "80人", "50", "40"],
                                            ["A项目", "效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"]]))
    moved = ('<w:moveFrom w:id="1" w:author="a"><w:r><w:t>12</w:t></w:r></w:moveFrom>' + R("80人"))
    rows_of(docx("actual-moved.docx", [HEADS, ["A项目", "产出指标", "数量指标", "培训人数", "≥100人", ("xml", moved), "50", "40"],
                                       ["A项目", "效益指标", "社会效益", "满意度", "≥90%", "95%", "50", "50"]]))

if section("formats"):
    # finding 3: a figure (no percentage) rounded by its format
    print("== formats: an xlsx actual through its number format (openpyxl)")
    try:
        import openpyxl
    except ImportError:
        openpyxl = None
        print("   (openpyxl not installed: skipped)")
    cases = [("满意度", "≥90%", 95, '0"%"'), ("满意度", "≥90%", 0.955, '0%'), ("满意度", "≥90%", 0.8951, '0.0%'),
             ("资金", "≥50万元", 480000, '#,##0.00,"万元"'), ("资金", "≥50万元", 480000, '0.00,,"百万元"'),
             ("资金", "≥50万元", 48, '0"万元"'), ("人数", "≥100人", 120, '[<100]"未达标";0'),
             ("人数", "≥100人", 0, '0;-0;;@'), ("人数", "≥100人", 99.6, '0'), ("人数", "≥100人", 99.6, '#,##0'),
             ("比率", "≤5%", 0.051, '0%'), ("时间", "2023年12月31日前", 45292, 'yyyy"年"m"月"d"日"'),
             ("时间", "2023年12月31日前", 45291.9, 'yyyy-mm-dd'), ("人数", "≥100人", 80, '[DBNum1]0"人"'),
             ("金额", "≥50万元", 480000, '[DBNum2][$-804]G/通用格式')]
    for i, (n, t, v, fmt) in enumerate(cases if openpyxl else []):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(HEADS)
        ws.append(["P", "产出指标", "数量指标", n, t, v, 100, None])
        ws["F2"].number_format = fmt
        wb.save(path("format-%02d.xlsx" % i))
        print("   %r in %s" % (v, fmt))
        rows_of("format-%02d.xlsx" % i)

if section("pairs"):
    print("== pairs: targets and actuals of different units, each its own project")
    pairs = [("资金到位率", "≥95%", "96个百分点"), ("失业率", "≤5%", "3个百分点"), ("项目资金", "≥50万元", "480000元"),
             ("项目资金", "≥50万元", "48万"), ("项目资金", "≥50万元", "0.0048亿元"), ("覆盖率", "提高2个百分点", "3%"),
             ("完成时间", "2023年12月前", "2023年12月"), ("人数", "≥1.2万人", "1,2000人"), ("面积", "≥80亩", "5.4公顷"),
             ("工期", "≤3个月", "95天"), ("次数", "≥4次", "肆次"), ("比率", "≥95%", "九成五"), ("比率", "≥95%", "95‰"),
             ("比率", "≤5‰", "0.4%")]
    rows = [HEADS] + [["P%d" % (i + 1), "产出指标", "数量指标", n, t, a, "100", ""] for i, (n, t, a) in enumerate(pairs)]
    rows_of(tsv("pairs.tsv", rows))

if section("funds"):
    print("== funds: f01 with its 执行率 printed, and 分值 that do not add up")
    text = open(os.path.join(HERE, "probe11.py"), encoding="utf-8").read()
    text = text[text.index('FORM = """') + 10:]
    form = text[:text.index('"""')]
    row = ",年度资金总额:,,880,880,880,10,,10"
    for name, new in [("rate-printed-wrong", ",年度资金总额:,,880,880,880,10,90%,10"),
                      ("rate-and-spent-disagree", ",年度资金总额:,,880,880,792,10,100%,10"),
                      ("budget-only-at-start", ",年度资金总额:,,880,,792,10,,10"),
                      ("over-spent", ",年度资金总额:,,880,880,968,10,110%,10")]:
        rows_of(put("f01-%s.csv" % name, form.replace(row, new)))
    rows_of(put("f01-sum90.csv", form.replace(",,,指标2:完成农业综合水价改革项目,1,1,10,10,",
                                              ",,,指标2:完成农业综合水价改革项目,1,1,,,")))

if section("pages"):
    print("== pages: <div> tables, <iframe srcdoc>, GB2312 in <meta http-equiv> only")
    tr = lambda cells, tag="td": "<tr>" + "".join("<%s>%s</%s>" % (tag, html.escape(c), tag) for c in cells) + "</tr>"
    rows = [["A项目"] + r[1:] for r in BODY[:2]]
    table = "<table>" + tr(HEADS, "th") + "".join(tr(r) for r in rows) + "</table>"
    div = ('<div style="display:table">' + "".join(
        '<div style="display:table-row">' + "".join('<div style="display:table-cell">%s</div>' % html.escape(c) for c in r)
        + "</div>" for r in [HEADS] + rows) + "</div>")
    rows_of(put("div.html", "<html><head><meta charset=utf-8></head><body>%s</body></html>" % div))
    rows_of(put("iframe.html", '<html><head><meta charset=utf-8></head><body><iframe srcdoc="%s"></iframe></body></html>'
                % html.escape("<html><body>%s</body></html>" % table, quote=True)))
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>绩效</title></head>'
            '<body>%s</body></html>' % table)
    rows_of(put("gb2312.html", page.encode("gb18030")))
    late = ('<html><head><script>' + "var x=1;" * 300 + '</script><meta http-equiv="Content-Type" '
            'content="text/html; charset=gb2312"></head><body>%s</body></html>' % table)
    rows_of(put("gb2312-late.html", late.encode("gb18030")))
    # finding 5: text a browser does not show, or shows struck through, inside a cell
    for name, cell in [("display-none", '8<span style="display:none">9</span>0人'), ("comment", "80<!-- 原为120 -->人"),
                       ("del", "<del>120</del>80人"), ("strike", "<s>120</s>80人"), ("hidden", "<span hidden>120</span>80人"),
                       ("script", '80人<script>var a="120人";</script>'), ("sup", "80<sup>1</sup>人"),
                       ("ruby", "<ruby>80<rt>ba</rt></ruby>人")]:
        one = [["P"] + BODY[0][1:5] + [cell] + BODY[0][6:]]
        page = "<table>" + tr(HEADS, "th") + "".join("<tr>" + "".join(
            "<td>%s</td>" % (c if i == 5 else html.escape(c)) for i, c in enumerate(r)) + "</tr>" for r in one) + "</table>"
        rows_of(put("cell-%s.html" % name, "<html><meta charset=utf-8><body>%s</body></html>" % page))

if section("shapes"):
    print("== shapes: an attacker's shapes against the new readings")
    # 100,000 rows under a two-row header; a docx of 50,000 nested unseen elements
    head = [["项目", "绩效指标", "", "", "年度指标值", "实际完成值", "分值", "得分"],
            ["", "一级指标", "二级指标", "三级指标", "", "", "", ""]]
    big = head + [["P%d" % (i // 5), "产出指标", "数量指标", "指标%d" % i, "≥100人", "%d人" % (90 + i % 20), "20", ""]
                  for i in range(100000)]
    run(["evaluate", tsv("two-rows-100k.tsv", big), "--format", "jsonl", "-o", "two-rows-100k.jsonl"],
        "two-row header, 100,000 rows (jsonl)")
    nest = "<w:del>" * 50000 + "<w:r><w:t>x</w:t></w:r>" + "</w:del>" * 50000
    run(["inspect", docx("unseen-nested.docx", [HEADS, ["P", "产出指标", "数量指标", "培训人数", ("xml", nest), "80人", "50", ""]])],
        "docx: 50,000 nested w:del")
    many = "".join('<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>x</w:t></w:r></w:sdtContent></w:sdt>'
                   for _ in range(20000))
    run(["inspect", docx("placeholders.docx", [HEADS, ["P", "产出指标", "数量指标", "培训人数", ("xml", many), "80人", "50", ""]])],
        "docx: 20,000 placeholder controls in a cell")
