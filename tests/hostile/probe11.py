#!/usr/bin/env python3
"""Issue 27's eleventh probe (H73, 2026-12-06): a finance officer's real but unusual sheets and
forms that make jixiao quietly wrong, and the edges the ten probes left.

    python3 tests/hostile/probe11.py DIR BIN [SECTION...]
Sections (all when none is named):
  magnitude  a target written bare (`≥100`, the column's 万元 in its header or nowhere) against an
             actual written with a magnitude (`80万元`, `0.8万人`, `3万元` against `≤5`)
  rate       a form whose printed 执行率 its own 全年预算数 / 全年执行数 do not give (`50%` beside
             880 and 880), in the readings a form may print it (`0.5`, `100%` capped, `98.11%`)
  units      a header that states the column's unit (`年度指标值（%）`, `（万元）`) and bare figures
             under it; a 度量单位 column; dates and durations in other spellings
  funds      a form's 其中 rows against a total written in another money unit; a budget of 0; an
             execution below 0; a 全年预算数 left empty beside its 年初预算数
  zips       a zip of zips, a zip bomb one level down, a pile inside a zip inside a zip
  notes      a row met whose 偏差原因 says the figure is a forecast or the work not done, on a
             sheet and a form; notes that deny it or plan next year
  hash       `jixiao serve` and headless chromium: the page opened through a link whose hash is
             malformed (`#%E0%A4%A`): a console error stopped the page's script
Each case is run under `prlimit --as` 4 GB, `timeout 300` and `/usr/bin/time` (exit, user +
system CPU seconds, peak MB). Hand-made inputs only; nothing here is read by `cargo test` (what
is found is made again, smaller, in tests/hostile.rs).
"""
import csv, io, os, subprocess, sys, zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import BIN, path, put, run, section  # noqa: E402


HEAD = "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"


def verdicts(sheet, rows, head=HEAD):
    """Each row's (target, actual, verdict, score, note) from the csv report of `sheet`."""
    put(sheet, head + "".join("P\t产出指标\t数量指标\t指标%d\t%s\t%s\t10\t\n" % (i, t, a)
                              for i, (t, a) in enumerate(rows)))
    code, out, _ = run(["evaluate", sheet, "--format", "csv"], sheet)
    table = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    for r in table[2:]:
        print("   %-18s %-24s %-6s %-6s %s" % (r[6], r[8], r[9], r[11], r[15][:90]))


# a published form (f01, 天长市水利局 水旱灾害防御经费, tests/fixtures/forms/…-gbk.csv) in UTF-8
FORM = """项目支出绩效自评表,,,,,,,,
(2022年度),,,,,,,,
项目名称,水旱灾害防御经费,,,,,,,
主管部门,,,,实施单位,天长市水利局,,,
"项目资金
(万元)",,,年初预算数,全年预算数(A),全年执行数(B),分值,执行率(B/A),得分
,年度资金总额:,,880,880,880,10,,10
, 其中:本年财政拨款,,880,880,880,-,,-
,    上年结转资金,,,,,-,,-
,       其他资金,,,,,-,,-
年度绩效指标完成情况,"一级
指标",二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施
,(50分),数量指标,指标1:完成中型灌区节水改造项目数量,1,1,10,10,
,,,指标2:完成农业综合水价改革项目,1,1,10,10,
,,质量指标,指标1:工程质量合格,,,10,10,
,,时效指标,指标1:年度资金支付完成率100%,,,10,10,
,,成本指标,指标1:资金执行在预算范围内,,,10,10,
,(30分),"经济效益
指标",指标1:全市安全度汛,,,10,10,
,,"社会效益
指标",指标1:保护全市人口财产不受损失,,,10,10,
,,"可持续影
响指标",指标1:已建工程良性运行,,,10,10,
,"满意度指标
(10分)","服务对象
满意度指标",指标1:服务对象满意度,90%,100%,10,10,
总分,,,,,,100,100,
"""
FUNDS = ",年度资金总额:,,880,880,880,10,,10"


def form(name, *swaps):
    text = FORM
    for a, b in swaps:
        assert a in text, a
        text = text.replace(a, b, 1)
    return put(name, text)


def form_lines(name, *pick):
    code, out, err = run(["evaluate", name], name)
    for l in (out + err).splitlines():
        if any(p in l for p in ("复核总分", "⚠", "预算执行率", "警告")):
            print("   " + l.strip()[:160])


if section("magnitude"):
    print("== magnitude: a figure with 万 against a bare target; before: 达标, full points (80万元 vs ≥100)")
    verdicts("magnitude.tsv", [("≥100", "80万元"), ("≥100", "80万"), ("≥100", "0.8万人"), ("≤5", "3万元"),
                               ("90-110", "95万"), ("≥10000", "1.2万人"), ("≥100", "120万元"),
                               ("≥100元", "80万元"), (">13万", "14万"), ("≥100万元", "80万元"),
                               ("≥5", "3千米"), ("≥100", "80人"), ("≥100", "100万元（预计）")])
    verdicts("magnitude-header.tsv", [("≥100", "80万元"), ("≥100", "1200000元"), ("≥100", "80")],
             HEAD.replace("年度指标值", "年度指标值（万元）"))

if section("rate"):
    print("== rate: a form's printed 执行率 against its amounts; before: never looked at")
    for name, rate, amounts in [("50", "50%", "880,880,880"), ("frac", "0.5", "880,880,880"),
                                ("ok", "100%", "880,880,880"), ("fracok", "1", "880,880,880"),
                                ("capped", "100%", "880,880,968"), ("close", "98.11%", "51.25,51.25,50.28"),
                                ("half", "100%", "880,880,440")]:
        f = form("rate-%s.csv" % name, (FUNDS, ",年度资金总额:,,%s,10,%s,10" % (amounts, rate)))
        form_lines(f)

if section("units"):
    print("== units: a header's unit, a 度量单位 column, bare fractions under (%)")
    verdicts("pct-header.tsv", [("≥95", "0.96"), ("95", "0.9"), ("≥95%", "0.96"), ("≥95", "96%")],
             HEAD.replace("年度指标值", "年度指标值（%）").replace("实际完成值", "实际完成值（%）"))
    put("measure.tsv", "项目\t一级指标\t二级指标\t三级指标\t年度指标值\t度量单位\t实际完成值\t分值\t得分\n"
        "P\t产出指标\t数量指标\ta\t≥95\t%\t0.96\t10\t\nP\t产出指标\t数量指标\tb\t≥95\t%\t96\t10\t\n"
        "P\t产出指标\t数量指标\tc\t≥100\t万元\t1200000\t10\t\nP\t产出指标\t数量指标\td\t≥100\t万元\t120\t10\t\n")
    run(["evaluate", "measure.tsv", "--format", "csv"])
    verdicts("dates.tsv", [("2023年12月31日前", a) for a in
                           ["2023.12.31", "2023.11", "2024/1/5", "23年12月", "12.31", "1月5日", "2023年底",
                            "2024年第一季度", "2023年2月30日"]]
             + [("≤12个月", "365天"), ("≤30天", "30日"), ("≤30天", "1个月"), ("≤12个月", "1.5年")])

if section("funds"):
    print("== funds: 其中 rows, money units, a budget of 0, execution below 0")
    form_lines(form("funds-qizhong.csv", (", 其中:本年财政拨款,,880,880,880", ", 其中:本年财政拨款,,800,800,800")))
    form_lines(form("funds-yuan.csv", (FUNDS, ',年度资金总额:,,880,880,"8,800,000元",10,,10')))
    form_lines(form("funds-zero.csv", (FUNDS, ",年度资金总额:,,0,0,0,10,,10"),
                    (", 其中:本年财政拨款,,880,880,880", ", 其中:本年财政拨款,,0,0,0")))
    form_lines(form("funds-negative.csv", (FUNDS, ",年度资金总额:,,880,880,-20,10,,0")))
    form_lines(form("funds-initial.csv", (FUNDS, ",年度资金总额:,,880,,800,10,,10"),
                    (", 其中:本年财政拨款,,880,880,880", ", 其中:本年财政拨款,,880,,800")))

if section("zips"):
    print("== zips: zips inside zips (a bomb one level down, a pile two levels down)")
    head = HEAD.encode()
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("a.tsv", head + b"\t\t\t\t\t\t\t\n" * 12_000_000)
    inner = inner.getvalue()
    with zipfile.ZipFile(path("nest.zip"), "w", zipfile.ZIP_STORED) as z:
        for i in range(20):
            z.writestr("in%d.zip" % i, inner)
    b = inner
    for d in range(5):
        o = io.BytesIO()
        with zipfile.ZipFile(o, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("l%d.zip" % d, b)
        b = o.getvalue()
    put("deep.zip", b)
    o = io.BytesIO()
    with zipfile.ZipFile(o, "w") as z:
        for i in range(3):
            z.writestr("f%d.csv" % i, FORM.replace("水旱灾害防御经费", "项目%d" % i))
    with zipfile.ZipFile(path("pile-in-zip.zip"), "w") as z:
        z.writestr("inner.zip", o.getvalue())
        z.writestr("top.csv", FORM)
    for z in ("nest.zip", "deep.zip", "pile-in-zip.zip"):
        code, out, err = run(["evaluate", z, "--format", "csv"])
        print("   " + (err.strip().splitlines() or [""])[0][:150])

if section("notes"):
    print("== notes: a row met whose 偏差原因 says it is a forecast; before: 达标, full points, no word")
    put("notes.tsv", HEAD.replace("得分\n", "得分\t偏差原因分析及改进措施\n") + "".join(
        "P\t产出指标\t数量指标\t指标%d\t≥100人\t%s\t20\t\t%s\n" % (i, a, n) for i, (a, n) in enumerate([
            ("100人", "该数据为预计数，项目尚未完工"), ("100人", "尚未完成，预计明年3月完成"),
            ("80人", "尚未完成，预计明年3月完成"), ("100人", "无未完成事项"),
            ("120人", "力争明年再提高，预计明年扩大范围")])))
    code, out, err = run(["evaluate", "notes.tsv"], "notes.tsv")
    for l in out.splitlines():
        if "note-not-final" in l or "【" in l:
            print("   " + l.strip()[:160])
    f = form("notes-form.csv", ("指标1:完成中型灌区节水改造项目数量,1,1,10,10,",
                                "指标1:完成中型灌区节水改造项目数量,1,1,10,10,工程尚未验收，数据为预计数"))
    code, out, err = run(["evaluate", f], f)
    print("   eval.note-not-final named: %s" % ("eval.note-not-final" in out + err))

if section("hash"):
    import shutil, socket, time
    print("== hash: the page through a link with a malformed hash; before: 'Uncaught URIError'")
    chromium = shutil.which("chromium")
    if not chromium:
        print("   (no chromium here)")
    else:
        s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
        server = subprocess.Popen([BIN, "serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            time.sleep(2)
            p = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
                                "--v=0", "--dump-dom", "http://127.0.0.1:%d/#%%E0%%A4%%A" % port],
                               capture_output=True, timeout=60)
            errors = [l for l in p.stderr.decode("utf-8", "replace").splitlines() if "CONSOLE" in l]
            print("   console errors: %s" % (errors or "none"))
        finally:
            server.kill()
