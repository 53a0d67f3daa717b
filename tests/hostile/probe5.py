#!/usr/bin/env python3
"""Issue 27's fifth outside probe (H36, 2026-12-05): the kinds of attack the four probes before
did not try (see tests/hostile/PROBE.md), read from the source as an attacker would.

    python3 tests/hostile/probe5.py DIR                    # writes the files, prints the cases
    python3 tests/hostile/probe5.py DIR run BIN [PREFIX...]   # runs each (or those whose name
        starts with a PREFIX) through BIN:  name  bytes  exit  seconds  peak-MB  first line
    python3 tests/hostile/probe5.py DIR grid BIN      # edge targets × actuals × 分值 × formats

Each case runs under `prlimit --as` (6 GB), `timeout 60` and `/usr/bin/time`; exit 101 is a
panic, 134 an abort, 124 the timeout, 2 a named error. Inputs are hand-made (nothing
downloaded); nothing here is read by `cargo test`: the cases that found something are made
again, smaller, in tests/hostile.rs.

Kinds: sums and quotients past the decimal range where the earlier probes did not look (a form's
`其中…` breakdowns summed against their indicator, points written as an actual `N分` over a small
分值, a relative target's growth, a grade's share); quietly wrong readings (targets whose number
could be read as another); outputs into odd places (`/dev/stdout`, a dangling link, a read-only
folder, a trailing slash); signals other than SIGINT/SIGTERM; `template` and `rules test` of odd
inputs; piles whose entries' names collide.
"""
import os, subprocess, sys, zipfile

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
CASES = []  # (name, argv after the binary, stdin bytes or None)
MAX = "79228162514264337593543950335"
NEAR = "79228162514264337593543950300"
TINY = "0.0000000000000000000000000001"


def path(name):
    return os.path.join(OUT, name)


def put(name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(path(name), "wb") as f:
        f.write(data)
    return path(name)


def case(name, argv, stdin=None):
    CASES.append((name, argv, stdin))


# ---------- a form's breakdowns (其中…) summed against their indicator ----------
FORM = """项目支出绩效自评表,,,,,,,
(2023年度),,,,,,,
项目名称,农村人居环境整治,,,,,,
主管部门,某县农业农村局,,,实施单位,某县乡村振兴服务中心,,
项目资金(万元),,年初预算数,全年预算数,全年执行数,分值,执行率,得分
,年度资金总额,300,300,300,10,100%,10
一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施
产出指标,数量指标,★改造农村户厕数量,{T},{A},{W1},{S1},部分农户外出务工
,,其中：水冲式厕所,{T1},{A1},,,
,,其中：卫生旱厕,{T2},{A2},,,
,质量指标,★改厕验收合格率,≥95%,96%,{W2},{S2},
效益指标,社会效益指标,农村卫生厕所普及率,≥85%,88%,15,15,
,生态效益指标,粪污无害化处理率,≥80%,82%,15,15,
满意度指标,服务对象满意度指标,农户满意度,≥90%,91%,10,10,
总分,,,,,{WT},{ST},
"""


def form(**kw):
    d = dict(T="≥1000户", A="900户", T1="≥600户", A1="560户", T2="≥400户", A2="340户",
             W1="30", S1="27", W2="20", S2="20", WT="100", ST="97")
    d.update(kw)
    return FORM.format(**d)


for verb in ("inspect", "evaluate"):
    case(f"form-breakdown-actuals-max-{verb}",
         [verb, put("form-breakdown-actuals-max.csv", form(A1=MAX + "户", A2=MAX + "户"))])
    case(f"form-breakdown-targets-max-{verb}",
         [verb, put("form-breakdown-targets-max.csv", form(T1="≥" + MAX + "户", T2="≥" + MAX + "户"))])
    case(f"form-weights-max-{verb}", [verb, put("form-weights-max.csv", form(W1=MAX, W2=MAX, WT=MAX))])
    case(f"form-scores-max-{verb}", [verb, put("form-scores-max.csv", form(S1=MAX, S2=MAX, ST=MAX))])
    case(f"form-weights-tiny-{verb}", [verb, put("form-weights-tiny.csv",
                                                 form(W1="0.0000000000000000000000000001", S1=MAX))])
    case(f"form-breakdown-many-{verb}",
         [verb, put("form-breakdown-many.csv", form(A1="40000000000000000000000000000户",
                                                      A2="40000000000000000000000000000户"))])

# ---------- a self-evaluation sheet's qualitative rows: points written as the actual ----------
HEAD = ("2023年度项目支出绩效自评表\n单位名称：示例街道办事处\n"
        "项目,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,实际完成值,分值,得分,偏差原因,全年预算数,全年执行数\n"
        "社区服务经费,,,,,,,,10,9.5,,100,90\n")


def sheet(rows):
    s = HEAD
    for i, (op, target, unit, actual, weight) in enumerate(rows):
        s += f"社区服务经费,效益指标,社会效益指标,指标{i},{op},{target},{unit},{actual},{weight},,,,\n"
    return s


for w in ("0.5", "0.0000000001", "10"):
    tag = w.replace(".", "_")
    case(f"qual-points-max-w{tag}",
         ["evaluate", put(f"qual-points-max-w{tag}.csv", sheet([("定性", "好", "", MAX + "分", w)])),
          "--format", "jsonl"])
    case(f"qual-points-negmax-w{tag}",
         ["evaluate", put(f"qual-points-negmax-w{tag}.csv", sheet([("定性", "好", "", "-" + MAX + "分", w)])),
          "--format", "jsonl"])
case("qual-grade-share-max",
     ["evaluate", put("qual-grade-share-max.csv", sheet([("定性", "好", "", f"部分达成({MAX}%)", "0.5")])),
      "--format", "jsonl"])

# ---------- a relative target (较上年…) at the edge ----------
TARGETS = """项目支出绩效目标表

部门名称：示例中心

单位：万元

项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标
合计\t111.42\t111.42\t\t\t\t
示例办事处\t111.42\t111.42\t\t\t\t
购置经费\t111.42\t111.42\t\t\t保证业务正常开展。\t1、产出指标：服务人次，年度指标值：{T}。
"""


def relative(name, target, baseline, actual):
    t = put(name + ".tsv", TARGETS.format(T=target))
    a = put(name + ".yaml", f"""projects:
  - unit: 示例办事处
    project: 购置经费
    indicators:
      - seq: 1
        indicator: 服务人次
        actual: "{actual}"
        baseline: "{baseline}"
""")
    case(name, ["evaluate", t, a, "--format", "jsonl"])


relative("rel-growth-pct-max", f"较上年增长{NEAR}%", "100人", "200人")
relative("rel-growth-pct-max-base", f"较上年增长{NEAR}%", MAX + "人", "200人")
relative("rel-growth-pct-neg", f"较上年下降{NEAR}%", "100人", "200人")
relative("rel-growth-pp-max", f"较上年提高{NEAR}个百分点", "50%", "60%")
relative("rel-growth-abs-max", f"较上年增加{NEAR}人", MAX + "人", "200人")
relative("rel-growth-pct-base-tiny", "较上年增长10%", "0.0000000000000000000000000001人", MAX + "人")

# ---------- budget execution's rate as step rules read it ----------
for sign, tag in (("", "max"), ("-", "neg")):
    t = put(f"budget-rate-{tag}.tsv", TARGETS.format(T="95%"))
    a = put(f"budget-rate-{tag}.yaml", f"""projects:
  - unit: 示例办事处
    project: 购置经费
    budget: "1"
    spent: "{sign}1000000000000000000000000000"
    indicators:
      - seq: 1
        indicator: 服务人次
        actual: "96%"
""")
    r = put("budget-rate-rules.yaml", """rules:
  - id: budget.steps
    when: indicator == "预算执行率"
    deduct: {per: 1%, points: 0.5}
""")
    case(f"budget-rate-{tag}", ["evaluate", t, a, "--rules", r, "--format", "json"])

# ---------- an approximate target at the range's end ----------
case("about-max", ["evaluate", put("about-max.csv", sheet([("", "约" + MAX, "人", "0", "10"),
                                                          ("", "约" + MAX, "人", MAX + "人", "10")])),
                   "--format", "jsonl"])

# ---------- quietly wrong: targets a reader could take for another number ----------
QUIET = ["95‰", "3‰以下", "万分之五", "1.000.000人", "1e3人", "1E-3", "１，０００人", "1，000人",
         "5千人", "十万零五人", "0.5万人", "≥-5%", "负5%", "百分之一百二十", "95%—100%",
         "95～100%", "不低于95%且不高于100%", "≥95%,≤100%", "0.95", "95 %", "９５％", "95.％",
         "9 5%", "95%%", "%95", "95/100", "3/4", "1:1", "≥95%（含）", "95%以上（不含）",
         "2023年12月31日前", "2023.12.31前", "12/31前", "2023-13-45前", "第0季度", "1万亿亿人",
         "≥1.5亿元", "≤5万元/人", "二〇二三年底前", "≥100.00%", "≥1,00%", "≥1,000.5人"]
put("quiet.txt", "\n".join(QUIET) + "\n")
case("quiet-parse", ["parse", path("quiet.txt")])

# ---------- outputs into odd places ----------
SHEET = put("sheet.csv", sheet([("≥", "5000", "人次", "5230", "20")]))
case("out-dev-stdout", ["evaluate", SHEET, "-o", "/dev/stdout"])
case("out-trailing-slash", ["evaluate", SHEET, "-o", path("x.json/")])
dangling = path("out-dangling")
if not os.path.lexists(dangling):
    os.symlink(path("no/such/target.json"), dangling)
case("out-dangling-link", ["evaluate", SHEET, "-o", dangling])
ro = path("ro")
os.makedirs(ro, exist_ok=True)
os.chmod(ro, 0o555)
case("out-readonly-dir", ["evaluate", SHEET, "-o", os.path.join(ro, "x.json")])
rof = put("readonly.json", "{}")
os.chmod(rof, 0o444)
case("out-readonly-file", ["evaluate", SHEET, "-o", rof])
case("out-empty-name", ["evaluate", SHEET, "-o", ""])
case("out-dash", ["evaluate", SHEET, "-o", "-"])
case("out-devnull-xlsx", ["evaluate", SHEET, "--format", "xlsx", "-o", "/dev/null"])

# ---------- template and rules test of odd inputs ----------
case("template-form", ["template", put("tmpl-form.csv", form()), "-o", path("tmpl-form.yaml"), "--force"])
case("template-max", ["template", put("tmpl-max.csv", form(A1=MAX + "户", A2=MAX + "户")), "-o",
                      path("tmpl-max.yaml"), "--force"])
case("rules-test-empty", ["rules", "test", put("rt-empty.yaml", "")])
case("rules-test-cases-max", ["rules", "test", put("rt-max.yaml", f"""cases:
  - indicator: 服务人次
    target: "较上年增长{NEAR}%"
    actual: "200人"
    baseline: "100人"
    expect: {{score: 10}}
  - indicator: 满意度
    target: "好"
    actual: "{MAX}分"
    weight: "0.5"
    expect: {{score: 0.5}}
""")])

# ---------- piles whose entries' names collide ----------
def zip_of(name, entries):
    p = path(name)
    with zipfile.ZipFile(p, "w") as z:
        for n, data in entries:
            z.writestr(n, data)
    return p


s = open(SHEET, "rb").read()
case("pile-case-collide", ["evaluate", zip_of("pile-case.zip", [("a.csv", s), ("A.csv", s), ("a.CSV", s)])])
case("pile-same-name-twice", ["evaluate", zip_of("pile-twice.zip", [("a.csv", s), ("a.csv", s)])])
case("pile-nfd-nfc", ["evaluate", zip_of("pile-nf.zip", [("\u00e9.csv", s), ("e\u0301.csv", s)])])
case("pile-dir-entry-data", ["evaluate", zip_of("pile-dir.zip", [("d/", s), ("d/a.csv", s)])])
XL = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}
SHEET_XML = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{}</t></is></c></row></sheetData></worksheet>')
case("xlsx-part-twice", ["inspect", zip_of("xlsx-part-twice.xlsx", list(XL.items()) + [
    ("xl/worksheets/sheet1.xml", SHEET_XML.format("项目名称")),
    ("xl/worksheets/sheet1.xml", SHEET_XML.format("另一张表"))])])
case("pile-backslash", ["evaluate", zip_of("pile-bs.zip", [("..\\..\\a.csv", s)])])



# ---------- a grid: edge targets × edge actuals × small and large 分值 × every text format ----------
def grid(binary):
    """Each target shape at the decimal range's edge against each actual at it, on a sheet of one
    project, with 分值 of 0.5, 10^-10 and 10^15 − 1, in six formats: prints each run that ended
    other than 0, 2 or 3 (with its first lines) and the count."""
    NEAR_ = NEAR
    targets=[("≥",MAX,"%"),("≤",MAX,"人"),("≥","-"+MAX,"人"),("",f"{MAX}～{MAX}","人"),("",f"-{MAX}～{MAX}","人"),("","约"+MAX,"人"),
     ("","较上年下降"+NEAR_+"%",""),("","较上年减少"+MAX+"人",""),("≥",TINY,"%"),("≤",TINY,"%"),("=",MAX,"人"),("","每人"+MAX+"元",""),
     ("≥","99999999999999.9999999999999","万元"),("","≤"+MAX+"天",""),("","2023年12月31日前",""),("","MAX倍".replace("MAX",MAX),""),("≥",MAX,"‰"),("","±"+MAX+"%",""),("","约"+TINY+"人",""),("","约-"+MAX+"人",""),("","同比增长"+NEAR_+"%",""),("","提高"+MAX+"个百分点",""),("","下降至"+MAX+"%",""),("","控制在"+MAX+"%以内",""),("",MAX+"%以上（不含）",""),("","≥"+MAX+"万人",""),("","每季度"+MAX+"次",""),("","不低于"+MAX+"人次/年",""),("","MAX‰～MAX%".replace("MAX",MAX),""),("","≤"+TINY+"秒","")]
    actuals=[MAX,"-"+MAX,TINY,MAX+"%","-"+MAX+"%","约"+MAX+"人",MAX+"人",MAX+"分",MAX+"倍",MAX+"‰","提前"+MAX+"天","9999年12月31日",NEAR_+"万人",TINY+"%", "0", MAX+"万", "约"+TINY+"人", "-"+TINY, "百分之九十", MAX+"次/年", MAX+"秒", "提高"+MAX+"个百分点", "增长"+MAX+"%"]
    weights=["0.5","0.0000000001","999999999999999"]
    bad = runs = 0
    for w in weights:
        for t in targets:
            s = HEAD
            for i, a in enumerate(actuals):
                s += f"社区服务经费,产出指标,数量指标,指标{i},{t[0]},{t[1]},{t[2]},{a},{w},,,,\n"
            f = put("grid.csv", s)
            for fmt in ("jsonl", "table", "csv", "markdown", "json", "html"):
                p = subprocess.run([binary, "evaluate", f, "--format", fmt], capture_output=True)
                runs += 1
                if p.returncode not in (0, 2, 3):
                    bad += 1
                    print(w, t, fmt, p.returncode, p.stderr.decode("utf-8", "replace")[:300])
                    break
    print("grid: runs", runs, "ended otherwise", bad)


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[2] == "grid":
        grid(sys.argv[3])
    elif len(sys.argv) > 3 and sys.argv[2] == "run":
        binary = sys.argv[3]
        prefixes = sys.argv[4:]
        for name, argv, stdin in CASES:
            if prefixes and not any(name.startswith(p) for p in prefixes):
                continue
            size = sum(os.path.getsize(a) for a in argv if a.startswith(OUT) and os.path.isfile(a))
            cmd = ["/usr/bin/time", "-o", "/tmp/probe5-time", "-f", "%e %M", "prlimit",
                   "--as=%d" % (6 << 30), "timeout", "60", binary] + argv
            p = subprocess.run(cmd, input=stdin if stdin is not None else b"", stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
            try:
                secs, kb = open("/tmp/probe5-time").read().split()[-2:]
            except ValueError:
                secs, kb = "?", "0"
            err = p.stderr.decode("utf-8", "replace")
            first = next((l for l in err.splitlines() if l.strip() and "Command exited" not in l), "")
            print("%-34s %8d  %3d  %6s  %6d  %s" % (name, size, p.returncode, secs, int(kb) // 1024,
                                                   first[:150].encode("unicode_escape").decode()),
                  flush=True)
            if os.environ.get("PROBE5_SHOW"):
                print(p.stdout.decode("utf-8", "replace")[:3000])
                print(err[:3000])
    else:
        for name, argv, _ in CASES:
            print(name)
