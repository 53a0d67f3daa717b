#!/usr/bin/env python3
"""Issue 27's ninth probe (H61, 2026-12-05): a finance officer's real but unusual forms, and the
figures at the edges of what a cell may hold.

    python3 tests/hostile/probe9.py DIR BIN [SECTION...]
Sections (all when none is named):
  merged     a published form (an html page's table, as offices post them) whose 分值 and 得分
             are merged down over a group of indicators (`rowspan`): are the group's points
             shared, or does the first row take them all and the others 0, silently?
  missing    a form (CSV) with one indicator's 分值 left empty among rows that print theirs
  decimals   a printed 得分, 总分 or budget 得分 of 28 decimal places (within what the amount
             reader takes: under 10^15, not below 10^-10), on a form and a two-row sheet
  units      a form's funds in two money units (a column headed （元） beside （万元）, `2,000,000元`
             in a 万元 block, `300万元` in a (元) block), and a sheet's budget row the same
  forms      the scale of a form's parts (stacked forms, repeated headers, category points,
             其中 funds rows, label rows, goal rows, 总分 rows, placeholders, subcategory rows),
             N and 4N, through inspect: the ratio of their CPU seconds
Each case is run under `prlimit --as` 4 GB, `timeout 300` and `/usr/bin/time` (exit, user +
system CPU seconds, peak MB). Hand-made inputs only; nothing here is read by `cargo test` (what
is found is made again, smaller, in tests/hostile.rs).
"""
import json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import OUT, BIN, path, put, section  # noqa: E402


def run(args, label=""):
    t = path(".time")
    p = subprocess.run(["/usr/bin/time", "-o", t, "-f", "%U %S %M", "prlimit", "--as=%d" % (4 << 30),
                        "timeout", "300", BIN] + args, cwd=OUT, capture_output=True)
    u, s, kb = open(t).read().split()[-3:]
    cpu = float(u) + float(s)
    err = p.stderr.decode("utf-8", "replace")
    panic = "PANIC" if "panicked" in err else ""
    print("%-40s exit %3d  %6.2f s  %5d MB  %s" % (label or " ".join(args)[:40], p.returncode, cpu,
                                                  int(kb) // 1024, panic))
    return p, err, cpu


HEAD = ("项目支出绩效自评表,,,,,,,\n(2023年度),,,,,,,\n项目名称,农村人居环境整治,,,,,,\n"
        "主管部门,某县农业农村局,,,实施单位,某县乡村振兴服务中心,,\n"
        "项目资金(万元),,年初预算数,全年预算数,全年执行数,分值,执行率,得分\n")
GRID = "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施\n"


def merged_page(rows, points):
    page = ('<html><head><meta charset="utf-8"></head><body><table border="1">'
            '<tr><td colspan="8">项目支出绩效自评表</td></tr><tr><td colspan="8">(2023年度)</td></tr>'
            '<tr><td>项目名称</td><td colspan="7">农村人居环境整治</td></tr>'
            '<tr><td>主管部门</td><td colspan="3">某县农业农村局</td><td>实施单位</td>'
            '<td colspan="3">某县乡村振兴服务中心</td></tr>'
            '<tr><td rowspan="2">项目资金(万元)</td><td></td><td>年初预算数</td><td>全年预算数</td>'
            '<td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>'
            '<tr><td>年度资金总额</td><td>300</td><td>300</td><td>300</td><td>10</td><td>100%</td><td>10</td></tr>'
            '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td>'
            '<td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>')
    for i in range(rows):
        head = ('<td rowspan="%d">产出指标</td><td rowspan="%d">数量指标</td>' % (rows, rows)) if i == 0 else ""
        pts = ('<td rowspan="%d">%d</td><td rowspan="%d">%d</td>' % (rows, points, rows, points)) if i == 0 else ""
        page += '<tr>%s<td>第%d批培训人次</td><td>≥100人次</td><td>%d人次</td>%s<td></td></tr>' % (
            head, i, 100 if i == 0 else 50, pts)
    rest = 90 - points
    page += ('<tr><td>效益指标</td><td>社会效益指标</td><td>普及率</td><td>≥85%%</td><td>88%%</td><td>%d</td>'
             '<td>%d</td><td></td></tr><tr><td colspan="5">总分</td><td>100</td><td>100</td><td></td></tr>'
             '</table></body></html>' % (rest, rest))
    return page


def scored(name):
    p, err, _ = run(["evaluate", name, "--format", "json"], "evaluate " + name)
    try:
        pr = json.loads(p.stdout)["projects"][0]
    except Exception:
        print("   (no json)", err[:300])
        return
    print("   total %s (printed %s), status %s; weights %s; scores %s" % (
        pr.get("score"), pr.get("published_score"), pr.get("status"),
        [i["weight"] for i in pr["indicators"]], [i["score"] for i in pr["indicators"]]))
    codes = sorted({w for w in err.split() if w.startswith("table.") or w.startswith("eval.")})
    print("   findings on stderr:", ", ".join(codes) or "none")


if section("merged"):
    print("== merged: 分值 and 得分 merged over a group (html rowspan)")
    scored(put("merged2.html", merged_page(2, 30)))
    scored(put("merged3.html", merged_page(3, 10)))

if section("missing"):
    print("== missing: one row's 分值 empty among rows that print theirs")
    scored(put("missing.csv", HEAD + ",年度资金总额,300,300,300,10,100%,10\n" + GRID +
               "产出指标,数量指标,改厕数量,≥1000户,1000户,30,30,\n,,培训人次,≥100人次,50人次,,,\n"
               "产出指标,质量指标,合格率,≥95%,96%,30,30,\n效益指标,社会效益指标,普及率,≥85%,88%,20,20,\n"
               "满意度指标,服务对象满意度指标,满意度,≥90%,91%,10,10,\n总分,,,,,100,100,\n"))

if section("decimals"):
    print("== decimals: a printed figure of 28 decimal places")
    x = "0.5555555555555555555555555555"

    def form(score, total, budget):
        return (HEAD + ",年度资金总额,300,300,300,10,100%%,%s\n" % budget + GRID +
                "产出指标,数量指标,改厕数量,≥1000户,1000户,60,60,\n"
                "满意度指标,服务对象满意度指标,满意度,≥90%%,91%%,30,%s,\n总分,,,,,100,%s,\n" % (score, total))
    cases = {
        "sheet.tsv": "project\tindicator\ttarget\tactual\tweight\tscore\nP\t合格率\t≥95%%\t96%%\t50\t%s\n"
                     "P\t及时率\t≥95%%\t96%%\t50\t50\n" % x,
        "score.csv": form(x, "100", "10"),
        "total.csv": form("30", x, "10"),
        "budget.csv": form("30", "100", x),
    }
    for name, text in cases.items():
        put(name, text)
        for fmt in ["json", "table", "xlsx"]:
            run(["evaluate", name, "--format", fmt, "-o", "out." + fmt], "evaluate %s %s" % (name, fmt))
        for verb in ["inspect", "review"]:
            run([verb, name], "%s %s" % (verb, name))

if section("units"):
    print("== units: funds in two money units (the form printed 66.67 %, 6.67)")
    IND = ("产出指标,数量指标,改厕数量,≥1000户,1000户,50,50,\n效益指标,社会效益指标,普及率,≥85%,88%,30,30,\n"
           "满意度指标,服务对象满意度指标,满意度,≥90%,91%,10,10,\n总分,,,,,100,96.67,\n")
    plain = "项目资金(万元),,年初预算数,全年预算数,全年执行数,分值,执行率,得分"
    top = HEAD.splitlines()[:4]
    for name, header, amounts in [
        ("headed.csv", "项目资金,,年初预算数（万元）,全年预算数（万元）,全年执行数（元）,分值,执行率,得分", "300,300,2000000"),
        ("written.csv", plain, '300,300,"2,000,000元"'),
        ("block.csv", plain.replace("万元", "元"), "300万元,300万元,2000000"),
    ]:
        text = "\n".join(top) + "\n" + header + "\n,年度资金总额,%s,10,66.67%%,6.67\n" % amounts + GRID + IND
        p, err, _ = run(["evaluate", put(name, text), "--format", "json"], "evaluate " + name)
        pr = json.loads(p.stdout)["projects"][0]
        print("   execution %s%%, budget score %s, total %s; %s" % (
            pr["execution_rate"], pr["budget_score"], pr["score"],
            "table.form-amount-units" if "table.form-amount-units" in err else "no finding"))
    sheet = ("project\t全年预算数（万元）\t全年执行数（元）\tindicator\ttarget\tactual\tweight\n"
             "P\t300\t2000000\t\t\t\t10\nP\t\t\t合格率\t≥95%\t96%\t90\n")
    p, err, _ = run(["evaluate", put("sheet.tsv", sheet), "--format", "json"], "evaluate sheet.tsv")
    pr = json.loads(p.stdout)["projects"][0]
    print("   execution %s%%, budget score %s; findings %s" % (
        pr["execution_rate"], pr["budget_score"], [f["code"] for f in pr.get("findings", [])]))

if section("forms"):
    print("== forms: the scale of a form's parts (inspect), N and 4N")
    head = (HEAD + ",年度资金总额,300,300,300,10,100%,10\n" + GRID).splitlines()
    ind = ["产出指标,数量指标,改厕数量,≥1000户,900户,30,27,", "产出指标,质量指标,合格率,≥95%,96%,20,20,",
           "效益指标,社会效益指标,普及率,≥85%,88%,15,15,", "效益指标,生态效益指标,处理率,≥80%,82%,15,15,",
           "满意度指标,服务对象满意度指标,满意度,≥90%,91%,10,10,"]

    def one(i, rows):
        h = list(head)
        h[2] = "项目名称,项目%d,,,,,," % i
        return h + rows + ["总分,,,,,100,97,"]

    def make(kind, n):
        if kind == "stacked":
            return sum((one(i, ind) for i in range(n)), [])
        if kind == "headers":
            return one(0, sum(([head[-1], "产出指标,数量指标,指标名%d,≥1000户,900户,1,0.9," % i] for i in range(n)), []))
        if kind == "points":
            return one(0, ["产出指标%d(1分),数量指标%d(1分),指标名%d,≥1000户,900户,,0.9," % (i, i, i) for i in range(n)])
        if kind == "funds":
            return head[:6] + [",其中：来源%d,1,1,1,,100%%," % i for i in range(n)] + head[6:] + ind + ["总分,,,,,100,97,"]
        if kind == "labels":
            return head[:4] + ["标签%d,值%d,,,,,," % (i, i) for i in range(n)] + head[4:] + ind + ["总分,,,,,100,97,"]
        if kind == "totals":
            return one(0, ind) + ["总分,,,,,100,97,"] * n
        if kind == "placeholder":
            return one(0, ind[:1] + ["产出指标,数量指标,指标%d:,,,,," % i for i in range(n)] + ind[1:])
        if kind == "merged":
            return None
        raise ValueError(kind)

    for kind in ["stacked", "headers", "points", "funds", "labels", "totals", "placeholder"]:
        cpu = []
        for n in (2000, 8000):
            name = put("%s%d.csv" % (kind, n), "\n".join(make(kind, n)) + "\n")
            cpu.append(run(["inspect", name], "inspect %s %d" % (kind, n))[2])
        print("   ratio %.1f (4 is linear)" % (cpu[1] / max(cpu[0], 0.01)))
    cpu = []
    for n in (500, 2000):
        name = put("merged%d.html" % n, merged_page(n, 30))
        cpu.append(run(["evaluate", name, "--format", "json"], "evaluate merged %d rows" % n)[2])
    print("   ratio %.1f (4 is linear)" % (cpu[1] / max(cpu[0], 0.01)))
