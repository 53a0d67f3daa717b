#!/usr/bin/env python3
"""The twenty-first probe's hostile inputs on its new families (issue 27, H154): a label's own
分值 column and a total beside its label, given figures past the decimal range, negative,
words, 10,000 categories each with its own points, and a head total on every row of a long
form. Each is run under the probe kit's limits: no panic, the time and memory printed.

    python3 tests/hostile/probe22_hostile.py DIR BIN"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import page, run  # noqa: E402

MAX = "79228162514264337593543950335"


def form(cat_points, head_total, rows=None):
    rows = rows or [("产出指标", cat_points, "数量指标", "服务老人人数", "≥500人", "420人", "30", "25.2")]
    body = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % c for c in r) for r in rows)
    return ("<table border=1><tr><td colspan=9>项目支出绩效自评表</td></tr>"
            "<tr><td>项目名称</td><td colspan=4>甲</td><td>自评得分</td><td colspan=3>%s</td></tr>"
            "<tr><td>一级指标</td><td>分值</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td>"
            "<td>分值</td><td>得分</td></tr>%s<tr><td colspan=6>总分</td><td>100</td><td>%s</td></tr></table>"
            % (head_total, body, head_total))


cases = {
    "max-points": form(MAX, MAX),
    "neg-points": form("-60", "-5"),
    "word-points": form("六十", "九十分"),
    "exp-points": form("1e400", "1e400"),
    "many-categories": form("", "", [("类%d" % k, str(k % 97), "数量指标", "服务项目%d" % k, "≥%d人" % k, "%d人" % k, "1", "1")
                                     for k in range(10000)]),
    "max-rows": form("", "", [("产出指标", MAX, "数量指标", "服务项目%d" % k, "≥1人", "1人", MAX, MAX) for k in range(2000)]),
}
for name, body in cases.items():
    page(name + ".html", body)
    for verb in (["evaluate", name + ".html", "--format", "json"], ["inspect", name + ".html"],
                 ["review", name + ".html"]):
        code, out, err = run(verb, " ".join(verb)[:44])
        if "panicked" in err or code not in (0, 1, 2):
            print("   " + err[:400])
