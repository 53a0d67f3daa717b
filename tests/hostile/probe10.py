#!/usr/bin/env python3
"""Issue 27's tenth probe (H67, 2026-12-05/06): a finance officer's real but unusual sheets that
make jixiao quietly wrong, and the edges earlier probes left.

    python3 tests/hostile/probe10.py DIR BIN [SECTION...]
Sections (all when none is named):
  plans      actuals whose bracketed remark says the figure is not this year's result (a
             forecast, a plan, the target, not yet counted, another period): `100人（预计）`,
             `100人（计划）`, `目标值100人`, `100人（未统计）`, `100人（上年）` … against `≥100人`
  header     two tables in one sheet, the second's header row with 实际完成值 and 年度指标值
             swapped (near the top and 1,600 rows down, streamed and whole)
  deadline   `2023年12月前` against a date inside December (the month deadline read two ways)
  wan        a bare figure under a target written in 万元 / 万人次 (`100` against `≥100万元`), and a
             percentage against a qualitative target that writes one (`6%` against `增长5%`)
  figures    actuals in other shapes (thousands separators, 万, units, per mille, ranges,
             two values, words), xlsx percent cells whose display rounds across the target
  long       an actual of a figure and a 900 KB bracketed remark, 50 rows (the words it is
             searched for)
  dup        an actuals file giving one indicator twice (without and with a sequence number)
  edges      rule values at the decimal range's edge, `-o` over each input, /dev/full
Each case is run under `prlimit --as` 4 GB, `timeout 300` and `/usr/bin/time` (exit, user +
system CPU seconds, peak MB). Hand-made inputs only; nothing here is read by `cargo test` (what
is found is made again, smaller, in tests/hostile.rs).
"""
import csv, io, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import put, run, section  # noqa: E402


HEAD = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"


def verdicts(sheet, rows):
    """Each row's (target, actual, verdict, score, note) from the csv report of `sheet`."""
    put(sheet, HEAD + "".join("P\t产出指标\t数量指标\t指标%d\t%s\t%s\t2\t\n" % (i, t, a)
                              for i, (t, a) in enumerate(rows)))
    code, out, _ = run(["evaluate", sheet, "--format", "csv"], sheet)
    table = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    for r in table[2:]:
        print("   %-18s %-24s %-6s %-6s %s" % (r[6], r[8], r[9], r[11], r[15][:70]))


if section("plans"):
    print("== plans: a figure whose remark says it is no result (against ≥100人); before: 达标, full points")
    words = ["（计划）", "(计划数)", "（预计）", "（预期）", "（拟）", "（目标）", "（申报数）", "（估计）",
             "（有望完成）", "（力求）", "（待完成）", "（待验收）", "（未验收）", "（未统计）", "（正在统计）",
             "（数据未出）", "（暂无数据）", "（进行中）", "（部分完成）", "（还差）", "（上年）", "（上半年）",
             "（已完成）", "（达到预期）", "（及时响应到位）", ""]
    verdicts("plans.tsv", [("≥100人", "100人" + w) for w in words]
             + [("≥100人", "目标值100人"), ("≥100人", "应完成100人")])

if section("header"):
    print("== header: a second table whose 实际完成值 and 年度指标值 are swapped; before: 100 (优), no finding")
    head = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n"
    moved = "项目\t一级指标\t二级指标\t三级指标\t实际完成值\t年度指标值\t分值\n"
    second = "Q\t产出指标\t数量指标\t人数\t80人\t≥100人\t50\nQ\t效益指标\t社会效益指标\t满意度\t85%\t≥90%\t50\n"
    far = "".join("P%d\t产出指标\t数量指标\t人数\t≥100人\t120人\t50\nP%d\t效益指标\t社会效益指标\t满意度\t≥90%%\t95%%\t50\n"
                  % (p, p) for p in range(800))
    for name, body in [("two-near.tsv", "P\t产出指标\t数量指标\t人数\t≥100人\t120人\t50\n"), ("two-far.tsv", far)]:
        put(name, head + body + moved + second)
        for args in (["evaluate", name, "--format", "jsonl"], ["evaluate", name, "--no-streaming", "--format", "json"],
                     ["inspect", name]):
            code, out, err = run(args)
            q = [l for l in out.splitlines() if l.startswith('{"unit":"","project":"Q"')]
            print("   table.header-moved named: %s; Q's rows: %s" % ("table.header-moved" in out + err,
                  [(json.loads(l)["target"], json.loads(l)["actual"], json.loads(l)["verdict"]) for l in q]))

if section("deadline"):
    print("== deadline: `X月前` against a date inside month X; before: 逾期, 0")
    verdicts("deadline.tsv", [("2023年12月前", "2023年12月31日"), ("2023年12月前", "2023年12月"),
                              ("2023年12月以前", "2023年12月5日"), ("2023年12月前", "2023年11月30日"),
                              ("2023年12月前", "2024年1月5日"), ("2023年12月底前", "2023年12月31日")])

if section("wan"):
    print("== wan: a bare figure under a target in 万; before: read in 元 (0 points); a % against `增长5%`: a share")
    verdicts("wan.tsv", [("≥100万元", "100"), ("≥100万元", "120"), ("≤90万元", "95"), ("≥1.2万人次", "1.3"),
                         ("90-100万元", "95"), ("≥100万元", "1000000"), ("≤90万元", "90"), ("≥100万元", "100元"),
                         ("增长5%", "6%"), ("下降5%", "-6%"), ("提高2个百分点", "3%"), ("有效", "85%")])

if section("figures"):
    print("== figures: actuals in other shapes (no finding of the issue's kind)")
    verdicts("figures.tsv", [
        ("≥1000人", "1，200人"), ("≥10000人", "1.2万人"), ("≥1000人", "1 200人"), ("≥1000人", "1.200人"),
        ("≥1000人", "1,2000人"), ("≥95%", "95.0%以上"), ("≥95%", "约95%"), ("≥95%", "95%/96%"),
        ("≥95%", "96%（2022年）"), ("≥95%", "93%-96%"), ("≥100人", "近100人"), ("≤3个月", "90天"),
        ("≥3000万元", "0.3亿元"), ("≥95", "95%"), ("≥95%", "95"), ("90%-100%", "101%"), ("≥100人", "一百人"),
        ("≥10亩", "0.5公顷"), ("≥95%", "９５％"), ("≥95%", "95‰"), ("≥100人", "0人（疫情原因未开展）"),
        ("≤500元/人", "0.05万元/人"), ("≥ 100 人", "99.999人")])

if section("long"):
    print("== long: 50 actuals of a figure and a 900 KB remark")
    put("longact.tsv", "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n" + "".join(
        "P\t产出指标\t数量指标\t人数%d\t≥100人\t100人（%s）\t2\n" % (i, "说" * 300000) for i in range(50)))
    run(["evaluate", "longact.tsv", "--format", "jsonl"])

if section("dup"):
    print("== dup: one indicator twice in an actuals file; before: 'not in the table', the row 缺实际值")
    put("dup.tsv", "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\n"
        "P\t产出指标\t数量指标\t人数\t≥100人\t\t50\nP\t效益指标\t社会效益指标\t满意度\t≥90%\t\t50\n")
    put("dup.yaml", "projects:\n  - project: P\n    indicators:\n      - indicator: 人数\n        actual: 80人\n"
        "      - indicator: 人数\n        actual: 120人\n      - indicator: 满意度\n        actual: 95%\n")
    code, out, err = run(["evaluate", "dup.tsv", "dup.yaml"])
    for l in (out + err).splitlines():
        if "dup.yaml" in l or "人数" in l:
            print("   " + l[:150])

if section("edges"):
    print("== edges: rule values past the decimal range, -o over each input, a full disk")
    put("d.tsv", HEAD + "P\t产出指标\t数量指标\t人数\t≥100人\t1人\t50\t\n")
    put("big.yaml", "rules:\n  - id: x.deduct\n    when: indicator == \"人数\"\n"
        "    deduct: {per: 0.0000000000000000000000000001, points: \"79228162514264337593543950335\"}\n")
    run(["rules", "check", "big.yaml"])
    run(["evaluate", "d.tsv", "--rules", "big.yaml"])
    put("act.yaml", "projects: []\n")
    run(["evaluate", "d.tsv", "act.yaml", "-o", "act.yaml"], "-o over the actuals")
    run(["evaluate", "d.tsv", "--rules", "big.yaml", "-o", "big.yaml"], "-o over the rules")
    run(["template", "d.tsv", "--force", "-o", "d.tsv"], "template --force -o over the table")
    run(["evaluate", "d.tsv", "-o", "/dev/full"], "-o /dev/full")
