#!/usr/bin/env python3
"""Issue 27's fourth outside probe (H31, 2026-12-05): the kinds of attack the three probes before
did not try (see tests/hostile/PROBE.md).

    python3 tests/hostile/probe4.py DIR SAMPLE_DIR            # writes the files, prints the cases
    python3 tests/hostile/probe4.py DIR SAMPLE_DIR run BIN [PREFIX...]   # runs each (or those
        whose name starts with a PREFIX) through BIN:  name  bytes  exit  seconds  peak-MB  first line

SAMPLE_DIR is samples/guangzhou-hpf-2023 (its targets.tsv and actuals.yaml are the valid inputs
the rule and actuals cases are run with). Each case runs under `prlimit --as` (6 GB), `timeout 60`
and `/usr/bin/time`; exit 101 is a panic, 134 an abort, 124 the timeout, 2 a named error. Inputs
are hand-made (nothing downloaded). Nothing here is read by `cargo test`: the cases that found
something are made again, smaller, in tests/hostile.rs.

Kinds: numbers at the edge of the decimal range in every rule key that scales a score (bonus,
deduct, tiers, floor, weights, conversions, tolerance, late_penalty, bands) and in actuals
(years and dates, plans, shares); rule conditions of pathological shape (many rules each with a
`when`, huge alternations); piles (`.zip` and folders of forms: names with terminal escapes, many
small entries, duplicates); terminal escapes in names of sheets, files and units through every
door; `-o` into FIFOs, directories, symbolic links and full devices; `rules test` and `template`.
"""
import io, os, stat, subprocess, sys, zipfile

OUT = sys.argv[1]
SAMPLE = sys.argv[2]
os.makedirs(OUT, exist_ok=True)
CASES = []  # (name, argv after the binary, stdin bytes or None)
MAX = "79228162514264337593543950335"
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


TARGETS = os.path.join(SAMPLE, "targets.tsv")
ACTUALS = os.path.join(SAMPLE, "actuals.yaml")


def rules_case(name, body, fmt="json"):
    """A rule file of `body` (the YAML of its `rules:` list) over the sample, evaluated."""
    f = put(name + ".yaml", "rules:\n" + body)
    case(name, ["evaluate", TARGETS, ACTUALS, "--rules", f, "--format", fmt])


# ---------- rule keys at the edge of the decimal range ----------
for v, tag in ((MAX, "max"), (TINY, "tiny")):
    rules_case("rules-bonus-" + tag, f"""  - id: b
    bonus: {{per: "{TINY}", points: "{v}", max: "{v}"}}
""")
    rules_case("rules-deduct-" + tag, f"""  - id: d
    deduct: {{per: "{TINY}", points: "{v}"}}
""")
    rules_case("rules-deduct-beyond-" + tag, f"""  - id: d
    deduct: {{per: "{v}", points: "{v}", beyond: "-{MAX}"}}
""")
    rules_case("rules-tiers-points-" + tag, f"""  - id: t
    tiers: {{on: ratio, bands: [{{at_least: "{v}", points: "{v}"}}, {{points: "{v}"}}]}}
""")
    rules_case("rules-tiers-deviation-" + tag, f"""  - id: t
    tiers: {{on: deviation, bands: [{{up_to: "{v}", points: "{v}"}}, {{points: "{v}"}}]}}
""")
    rules_case("rules-floor-" + tag, f"""  - id: f
    floor: {{ratio_below: "{v}", share: 50%}}
""")
    rules_case("rules-category-weight-" + tag, f"""  - id: cw
    category_weight: "{v}"
""")
    rules_case("rules-indicator-weight-" + tag, f"""  - id: iw
    indicator_weight: "{v}"
""")
    rules_case("rules-budget-weight-" + tag, f"""  - id: bw
    budget_weight: "{v}"
""")
    rules_case("rules-tolerance-" + tag, f"""  - id: tol
    tolerance: "{v}%"
""")
    rules_case("rules-convert-" + tag, f"""  - id: c
    convert: "1 月 = {v} 天"
  - id: c2
    convert: "{TINY} 秒 = {MAX} 人"
""")
    rules_case("rules-late-penalty-" + tag, f"""  - id: lp
    formula: deadline
    late_penalty: "{v}%"
""")
    rules_case("rules-band-" + tag, f"""  - id: default.band.excellent
    min_score: "{v}"
""")
    rules_case("rules-veto-total-" + tag, f"""  - id: v
    veto: {{grade: 差, total: "{v}"}}
""")
    rules_case("rules-grade-share-" + tag, f"""  - id: g
    grade: 达成
    share: 100%
    words: [达成]
""")
    rules_case("rules-precision-" + tag, """  - id: p
    precision: 4294967295
""")
# bonus and deduct together on every row, many projects
rules_case("rules-bonus-and-deduct-max", f"""  - id: b
    bonus: {{per: "{TINY}", points: "{MAX}", max: "{MAX}"}}
  - id: iw
    indicator_weight: "{MAX}"
""")
rules_case("rules-weights-max-all", f"""  - id: cw
    category_weight: "{MAX}"
  - id: iw
    indicator_weight: "{MAX}"
  - id: bw
    budget_weight: "{MAX}"
""")
rules_case("rules-other-row", f"""  - id: o
    other_row: {{when: "indicator ~ \\"满意度\\"", share: 100%}}
  - id: iw
    indicator_weight: "{MAX}"
""")
rules_case("rules-deadline-deduct-tiny", f"""  - id: dd
    formula: deadline
  - id: d
    deduct: {{per: "{TINY}天", points: "{MAX}"}}
""")
for fmt in ("table", "markdown", "csv", "jsonl", "xlsx"):
    rules_case("rules-bonus-max-" + fmt, f"""  - id: b
    bonus: {{per: "{TINY}", points: "{MAX}", max: "{MAX}"}}
""", fmt)
# conditions comparing quantities at the range's edge through a conversion
rules_case("rules-when-convert-max", f"""  - id: c
    convert: "{TINY} 月 = {MAX} 天"
  - id: r
    require: target < {MAX}天
    severity: warning
    message: x
""")

# the same within the range rules accept (below 10^15, not below 10^-10), against actuals at
# the decimal range's edge: what is left to overflow is the arithmetic between them
BIG, SMALL = "999999999999999", "0.0000000001"
edge_actuals = put("edge-actuals.yaml", f"""year: 2023
projects:
  - unit: "广州住房公积金管理中心"
    project: "业务用房物业管理费"
    indicators:
      - seq: 1
        indicator: "物业管理覆盖面积"
        actual: "{MAX}平方米"
        plan: "{SMALL}平方米"
      - seq: 2
        indicator: "业务限时办结率"
        actual: "-{MAX}%"
      - seq: 3
        indicator: "窗口群众评价满意度"
        actual: "{MAX}%"
""")
for name, body in (
    ("bonus", f'bonus: {{per: "{SMALL}", points: "{BIG}", max: "{BIG}"}}'),
    ("deduct", f'deduct: {{per: "{SMALL}", points: "{BIG}", beyond: "-{BIG}"}}'),
    ("tiers", f'tiers: {{on: deviation, bands: [{{up_to: "{SMALL}", points: "{BIG}"}}, {{points: "{BIG}"}}]}}'),
    ("tiers-ratio", f'tiers: {{on: ratio, bands: [{{at_least: "{BIG}", points: "{BIG}"}}, {{points: "{SMALL}"}}]}}'),
    ("floor", f'floor: {{ratio_below: "{BIG}", share: 50%}}'),
):
    for wname, weights in (("", ""), ("-weights", f"""  - id: cw
    category_weight: "{SMALL}"
  - id: iw
    indicator_weight: "{BIG}"
""")):
        f = put(f"rules-edge-{name}{wname}.yaml", f"rules:\n  - id: x\n    {body}\n" + weights)
        case(f"rules-edge-{name}{wname}", ["evaluate", TARGETS, edge_actuals, "--rules", f, "--format", "json"])

# ---------- rule conditions of pathological shape ----------
many = "".join(f"""  - id: r{i}
    when: indicator ~ "x{i}y"
    require: target >= 1
    severity: warning
    message: m
""" for i in range(100000))
f = put("review-many-when.yaml", "rules:\n" + many)
case("review-many-when", ["review", TARGETS, "--rules", f])
alt = "|".join("w%d" % i for i in range(60000))
f = put("review-huge-alternation.yaml", f"""rules:
  - id: a
    when: indicator ~ "({alt})"
    require: target >= 1
    severity: warning
    message: m
""")
case("review-huge-alternation", ["review", TARGETS, "--rules", f])
inlist = ", ".join('"w%d"' % i for i in range(100000))
f = put("review-deep-and-or.yaml", "rules:\n  - id: a\n    when: " + " and ".join(
    "(" * 30 + " or ".join('indicator ~ "a%d"' % j for j in range(30)) + ")" * 30 for _ in range(2)) +
    "\n    require: target >= 1\n    severity: warning\n    message: m\n")
case("review-deep-and-or", ["review", TARGETS, "--rules", f])
# rule tests: many cases, huge expected lists
tests = "".join(f"""  - indicator: 满意度{i}
    target: "≥{MAX}%"
    expect: {{direction: higher}}
""" for i in range(50000))
f = put("rules-test-many.yaml", "cases:\n" + tests)
case("rules-test-many", ["rules", "test", f])
f = put("rules-test-max.yaml", f"""cases:
  - indicator: 完成率
    target: "≥{MAX}%"
    actual: "{MAX}%"
    expect: {{score: 10}}
""")
case("rules-test-max", ["rules", "test", f])

# ---------- actuals at the edges ----------
def actuals_case(name, indicator_yaml, project_extra=""):
    f = put(name + ".yaml", f"""year: 2023
projects:
  - unit: "广州住房公积金管理中心"
    project: "业务用房物业管理费"
{project_extra}    indicators:
{indicator_yaml}""")
    case(name, ["evaluate", TARGETS, f, "--format", "json"])


actuals_case("actuals-plan-max", f"""      - seq: 1
        indicator: "物业管理覆盖面积"
        actual: "{MAX}平方米"
        plan: "{TINY}平方米"
""")
actuals_case("actuals-plan-negative", f"""      - seq: 1
        indicator: "物业管理覆盖面积"
        actual: "-{MAX}平方米"
        plan: "-{TINY}平方米"
""")
actuals_case("actuals-grade-share", f"""      - seq: 2
        indicator: "业务限时办结率"
        grade: "{MAX}%"
""")
actuals_case("actuals-year-huge", """      - seq: 2
        indicator: "业务限时办结率"
        actual: "9223372036854775807年12月31日"
""")
actuals_case("actuals-budget-edges", "", f"""    budget: "{TINY}"
    spent: "{MAX}"
""")
actuals_case("actuals-score-given", f"""      - seq: 2
        indicator: "业务限时办结率"
        actual: "96%"
        score: "{MAX}"
""")

# ---------- terminal escapes in names (files, zip entries, sheets) ----------
ESC = "\x1b]0;owned\x07\x1b[2J\x1b]52;c;ZWNobyBvd25lZA==\x07"
with open(TARGETS, "rb") as f:
    sample = f.read()
d = path("esc-folder")
os.makedirs(d, exist_ok=True)
try:
    with open(os.path.join(d, "a" + ESC + ".tsv"), "wb") as f:
        f.write(sample)
    with open(os.path.join(d, "b" + ESC + ".tsv"), "wb") as f:
        f.write(b"not a table\n")
except OSError:
    pass
case("esc-folder-evaluate", ["evaluate", d])
case("esc-folder-inspect", ["inspect", d])
case("esc-folder-review", ["review", d])
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("x" + ESC + ".tsv", sample)
    z.writestr("y" + ESC + ".tsv", b"no\n")
    z.writestr("../" + ESC + ".tsv", b"no\n")
    z.writestr("n" + ESC + ".zip", b"PK")
f = put("esc-entries.zip", b.getvalue())
case("esc-zip-evaluate", ["evaluate", f])
case("esc-zip-inspect", ["inspect", f])
f = put("esc-file" + ESC + ".tsv", sample)
case("esc-file-inspect", ["inspect", f])
case("esc-file-evaluate", ["evaluate", f, ACTUALS])
case("esc-missing-file", ["inspect", path("missing" + ESC + ".tsv")])
f = put("esc-rules.yaml", "rules:\n  - id: \"x" + ESC.replace("\x1b", "\\e").replace("\x07", "\\a") + "\"\n    bogus: 1\n")
case("esc-rules-check", ["rules", "check", f])
f = put("esc-rules-message.yaml", "rules:\n  - id: m\n    require: target >= 1000000000\n    severity: warning\n    message: \"" + ESC.replace("\x1b", "\\e").replace("\x07", "\\a") + "\"\n")
case("esc-rules-message", ["review", TARGETS, "--rules", f])
case("esc-rules-list", ["rules", "list", "--rules", f])
f = put("esc-actuals.yaml", """year: 2023
projects:
  - unit: "广州住房公积金管理中心\\e]0;t\\a"
    project: "业务用房物业管理费\\e[2J"
    indicators:
      - indicator: "物业管理覆盖面积\\e]52;c;eA==\\a"
        actual: "1\\e[8m"
""")
case("esc-actuals", ["evaluate", TARGETS, f])
case("esc-template", ["template", f])
f = put("esc-year.tsv", sample)
case("esc-year-arg", ["evaluate", TARGETS, ACTUALS, "--year", "20" + ESC])
case("esc-format-arg", ["evaluate", TARGETS, "--format", "x" + ESC])

# ---------- piles ----------
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    for i in range(5000):
        z.writestr("t%05d.tsv" % i, sample)
f = put("pile-5000-copies.zip", b.getvalue())
case("pile-5000-copies-evaluate", ["evaluate", f])
case("pile-5000-copies-inspect", ["inspect", f])
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    for i in range(1000):
        # each a distinct table: the sample with its department renamed
        z.writestr("t%05d.tsv" % i, sample.replace("广州住房公积金管理中心".encode(), ("单位%d" % i).encode()))
f = put("pile-1000-distinct.zip", b.getvalue())
case("pile-1000-distinct-evaluate", ["evaluate", f])
case("pile-1000-distinct-inspect", ["inspect", f])
case("pile-1000-distinct-review", ["review", f])
case("pile-1000-distinct-xlsx", ["evaluate", f, "--format", "xlsx", "-o", path("out-pile.xlsx")])
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    wide = ("项目名称\t" + "a\t" * 500000 + "\n").encode()
    for i in range(300):
        z.writestr("t%05d.tsv" % i, wide)
f = put("pile-300-wide.zip", b.getvalue())
case("pile-300-wide-inspect", ["inspect", f])
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    rows = ("项目名称\t指标\n" + "a\tb\n" * 450000).encode()
    for i in range(300):
        z.writestr("t%05d.tsv" % i, rows)
f = put("pile-300-rows.zip", b.getvalue())
case("pile-300-rows-inspect", ["inspect", f])
case("pile-300-rows-evaluate", ["evaluate", f])
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("a.tsv", sample)
    z.writestr("a.tsv", b"x\n")  # the same name twice
    z.writestr("dir/", b"")
    z.writestr("dir", sample)
    z.writestr("C:\\x.tsv", sample)
    z.writestr("a/../../b.tsv", sample)
f = put("pile-odd-names.zip", b.getvalue())
case("pile-odd-names", ["evaluate", f])
# a folder that is a loop of symbolic links, one up to its parent (which holds it and one
# table), a dangling link and a FIFO (a folder's FIFO is no regular file: never opened)
d = path("links-root/pile-links")
os.makedirs(d, exist_ok=True)
with open(path("links-root/t.tsv"), "wb") as f:
    f.write(sample)
for n, t in (("loop", "."), ("up", ".."), ("dangling", "/nonexistent/x.tsv")):
    try:
        os.symlink(t, os.path.join(d, n))
    except FileExistsError:
        pass
fifo = os.path.join(d, "fifo.tsv")
if not os.path.exists(fifo):
    os.mkfifo(fifo)
case("pile-links-recursive", ["evaluate", d, "--recursive"])
case("pile-links-inspect", ["inspect", d, "--recursive"])

# ---------- .xlsb (BIFF12 records in a zip), told by its bytes under any name ----------
def xlsb_record(typ, body=b""):
    t = bytes([typ]) if typ < 0x80 else bytes([(typ & 0x7F) | 0x80, typ >> 7])
    n, l = len(body), bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        l.append(b | (0x80 if n else 0))
        if not n:
            break
    return t + bytes(l) + body


def xlsb_text(s):
    return len(s).to_bytes(4, "little") + s.encode("utf-16-le")


def xlsb(cells):
    wb = xlsb_record(0x9C, (0).to_bytes(4, "little") + (1).to_bytes(4, "little") + xlsb_text("rId1") + xlsb_text("S"))
    wb += xlsb_record(0x90) + xlsb_record(0x84)
    sh, row = bytearray(xlsb_record(0x94, bytes(16)) + xlsb_record(0x91)), None
    for r, c, text in cells:
        if r != row:
            sh += xlsb_record(0x00, r.to_bytes(4, "little") + bytes(8))
            row = r
        sh += xlsb_record(0x06, c.to_bytes(4, "little") + bytes(4) + xlsb_text(text))
    sh += xlsb_record(0x92)
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.bin", wb)
        z.writestr("xl/_rels/workbook.bin.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.bin", bytes(sh))
    return b.getvalue()


far = xlsb([(0, 0, "项目名称"), (1048575, 16383, "x")])
for n in ("xlsb-far-cell.xlsb", "xlsb-far-cell.xls", "xlsb-far-cell.ods", "xlsb-far-cell"):
    case(n.replace(".", "-as-"), ["inspect", put(n, far)])
case("xlsb-many-rows", ["inspect", put("xlsb-many-rows.xlsb", xlsb([(r, 0, "a") for r in range(300000)]))])

# ---------- outputs ----------
fifo = path("out-fifo")
if not os.path.exists(fifo):
    os.mkfifo(fifo)
case("out-fifo-unread", ["evaluate", TARGETS, ACTUALS, "-o", fifo])
case("out-dir", ["evaluate", TARGETS, ACTUALS, "-o", OUT])
case("out-dev-full", ["evaluate", TARGETS, ACTUALS, "-o", "/dev/full"])
case("out-dev-full-xlsx", ["evaluate", TARGETS, ACTUALS, "--format", "xlsx", "-o", "/dev/full"])
link = path("out-link-to-input.tsv")
if not os.path.lexists(link):
    os.symlink(os.path.abspath(TARGETS), link)
case("out-symlink-to-input", ["evaluate", TARGETS, ACTUALS, "-o", link])
hard = path("out-hardlink.tsv")
copy = put("out-copy.tsv", sample)
if not os.path.exists(hard):
    os.link(copy, hard)
case("out-hardlink-to-input", ["evaluate", copy, ACTUALS, "-o", hard])
case("out-proc-fd", ["evaluate", TARGETS, ACTUALS, "-o", "/proc/self/fd/0"], b"")
case("out-same-as-actuals", ["evaluate", TARGETS, put("out-actuals.yaml", open(ACTUALS, "rb").read()), "-o", path("out-actuals.yaml")])
case("out-nonexistent-dir", ["evaluate", TARGETS, ACTUALS, "-o", path("no/such/dir/x.json")])
case("out-long-name", ["evaluate", TARGETS, ACTUALS, "-o", path("x" * 300 + ".json")])
case("template-into-input", ["template", copy, "-o", copy])
case("stdin-dash", ["inspect", "-"], sample)
case("stdin-dev-stdin-twice", ["evaluate", "/dev/stdin", "/dev/stdin"], sample)

if __name__ == "__main__":
    if len(sys.argv) > 4 and sys.argv[3] == "run":
        binary = sys.argv[4]
        prefixes = sys.argv[5:]
        for name, argv, stdin in CASES:
            if prefixes and not any(name.startswith(p) for p in prefixes):
                continue
            size = 0
            for a in argv:
                if a.startswith(OUT) and os.path.isfile(a) and not stat.S_ISFIFO(os.stat(a).st_mode):
                    size += os.path.getsize(a)
            cmd = ["/usr/bin/time", "-o", "/tmp/probe4-time", "-f", "%e %M", "prlimit", "--as=%d" % (6 << 30),
                   "timeout", "60", binary] + argv
            p = subprocess.run(cmd, input=stdin if stdin is not None else b"", stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
            try:
                secs, kb = open("/tmp/probe4-time").read().split()[-2:]
            except ValueError:
                secs, kb = "?", "0"
            err = p.stderr.decode("utf-8", "replace")
            first = next((l for l in err.splitlines() if l.strip() and "Command exited" not in l), "")
            esc = "ESC-out" if b"\x1b" in p.stdout else ""
            esc += " ESC-err" if "\x1b" in err else ""
            print("%-34s %10d  %3d  %6s  %6d  %s %s" % (name, size, p.returncode, secs, int(kb) // 1024,
                                                      esc, first[:150].encode("unicode_escape").decode()),
                  flush=True)
    else:
        for name, argv, _ in CASES:
            print(name)
