#!/usr/bin/env bash
# Builds the fuzz corpora (fuzz/corpus/<target>/, not committed) from the samples and fixtures.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mk() { mkdir -p "corpus/$1"; }
mk target_parse; mk table_read; mk rules_load; mk actuals_parse; mk page_read; mk doc_read; mk xls_read; mk docx_read
# target_parse: one file per line of the sample indicators and the case/corpus tables.
i=0
for f in "$root"/samples/guangzhou-hpf-2023/indicators.tsv "$root"/tests/fixtures/lang/*.tsv; do
  while IFS= read -r line; do
    i=$((i + 1))
    printf '%s' "$line" > "corpus/target_parse/line-$i"
  done < "$f"
done
# table_read: every sample table and table fixture, whole.
for f in "$root"/samples/*/*.tsv "$root"/samples/*/*.csv "$root"/samples/*/*.xlsx "$root"/tests/fixtures/table/*; do
  cp "$f" "corpus/table_read/$(basename "$(dirname "$f")")-$(basename "$f")"
done
# rules_load: the bundled rules and the rule fixtures.
cp "$root"/rules/*.yaml "$root"/tests/fixtures/rules/*.yaml corpus/rules_load/
# actuals_parse: the sample actuals and the report fixture.
cp "$root"/samples/guangzhou-hpf-2023/actuals.yaml corpus/actuals_parse/sample.yaml
cp "$root"/tests/fixtures/report/unmatched.yaml corpus/actuals_parse/unmatched.yaml
# page_read: the web pages of the format fixtures (doc_read starts from nothing: its input is
# cut into streams, which no file on disk is).
cp "$root"/tests/fixtures/formats/*.htm* "$root"/tests/fixtures/formats/*.mhtml corpus/page_read/
# page_read also takes the probe's hostile pages (tests/hostile/probe.py: spans, nesting, mhtml)
probe=$(mktemp -d)
python3 "$root"/tests/hostile/probe.py "$probe" >/dev/null
for f in "$probe"/html-* "$probe"/mhtml-*; do
  # the fuzzer's inputs stay small (-max_len): the start of each is enough to seed its shape
  head -c 65536 "$f" > "corpus/page_read/probe-$(basename "$f")"
done
# the probes' pages and forms of sessions 19-26 (tests/fixtures/pages*, forms2*, outside*):
# pages to page_read, every other small file to table_read, named by their folder
for f in $(find "$root"/tests/fixtures/pages* "$root"/tests/fixtures/forms2* "$root"/tests/fixtures/outside* -type f -size -200k 2>/dev/null); do
  name="$(basename "$(dirname "$f")")-$(basename "$f")"
  case "$f" in
    *.htm | *.html | *.mht | *.mhtml) head -c 65536 "$f" > "corpus/page_read/$name" ;;
    *) head -c 65536 "$f" > "corpus/table_read/$name" ;;
  esac
done
# xls_read and docx_read: an odd first byte reads the rest as the file itself (the workbooks
# and Word documents of the fixtures and of the probe); an even one wraps the rest (a
# Workbook stream, a word/document.xml), taken here out of the same files
python3 - "$root" "$probe" <<'PY'
import io, os, sys, zipfile, glob
root, probe = sys.argv[1], sys.argv[2]
def put(t, name, data):
    with open(f"corpus/{t}/{name}", "wb") as f:
        f.write(data[:65536])
def stream(ole, want):
    # the named stream of a compound file, read with its FAT (enough for seeds)
    import struct
    if ole[:8] != b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1":
        return None
    ss = 1 << struct.unpack_from("<H", ole, 30)[0]
    sec = lambda i: ole[512 + i * ss: 512 + (i + 1) * ss]
    difat = [x for x in struct.unpack_from("<109I", ole, 76) if x < 0xFFFFFFFA]
    fat = []
    for i in difat:
        fat += struct.unpack("<%dI" % (ss // 4), sec(i).ljust(ss, b"\0"))
    def chain(i):
        out, seen = [], set()
        while i < len(fat) and i not in seen:
            seen.add(i); out.append(sec(i)); i = fat[i]
        return b"".join(out)
    d = chain(struct.unpack_from("<I", ole, 48)[0])
    for k in range(0, len(d), 128):
        e = d[k:k + 128]
        n = e[:struct.unpack_from("<H", e, 64)[0]].decode("utf-16-le", "replace").rstrip("\0")
        if n == want:
            start, size = struct.unpack_from("<II", e, 116)
            if size < 4096:
                return None  # in the mini stream: not worth it for a seed
            return chain(start)[:size]
    return None
files = glob.glob(f"{root}/tests/fixtures/forms/*.xls") + glob.glob(f"{probe}/*.xls")
for f in files:
    data = open(f, "rb").read()
    put("xls_read", "file-" + os.path.basename(f), b"\x01" + data)
    s = stream(data, "Workbook")
    if s:
        put("xls_read", "stream-" + os.path.basename(f), b"\x00" + s)
files = glob.glob(f"{root}/tests/fixtures/forms/*.docx") + glob.glob(f"{root}/tests/fixtures/formats/*.docx") + glob.glob(f"{probe}/*.docx")
for f in files:
    data = open(f, "rb").read()
    put("docx_read", "file-" + os.path.basename(f), b"\x01" + data)
    try:
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
        put("docx_read", "xml-" + os.path.basename(f), b"\x00" + xml)
    except Exception:
        pass
PY
# table_read also takes the fourth probe's .xlsb files (BIFF12 records in a zip: calamine's
# Xlsb reader, which the bytes choose under any name)
python3 - <<'PY'
import io, zipfile
def rec(typ, body=b""):
    t = bytes([typ]) if typ < 0x80 else bytes([(typ & 0x7F) | 0x80, typ >> 7])
    n, l = len(body), bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        l.append(b | (0x80 if n else 0))
        if not n:
            break
    return t + bytes(l) + body
def text(s):
    return len(s).to_bytes(4, "little") + s.encode("utf-16-le")
def xlsb(cells):
    wb = rec(0x9C, bytes(4) + (1).to_bytes(4, "little") + text("rId1") + text("S")) + rec(0x90) + rec(0x84)
    sh, row = bytearray(rec(0x94, bytes(16)) + rec(0x91)), None
    for r, c, t in cells:
        if r != row:
            sh += rec(0x00, r.to_bytes(4, "little") + bytes(8))
            row = r
        sh += rec(0x06, c.to_bytes(4, "little") + bytes(4) + text(t))
    sh += rec(0x92)
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.bin", wb)
        z.writestr("xl/_rels/workbook.bin.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.bin"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.bin", bytes(sh))
    return b.getvalue()
head = ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"]
row = ["购置经费", "56.45", "56.45", "", "", "保证业务正常开展。", "1、产出指标：购置完成率，年度指标值：95%。"]
cells = [(0, c, t) for c, t in enumerate(head)] + [(1, c, t) for c, t in enumerate(row) if t]
open("corpus/table_read/probe4-table.xlsb", "wb").write(xlsb(cells))
open("corpus/table_read/probe4-far.xlsb", "wb").write(xlsb([(0, 0, "项目名称"), (1048575, 16383, "x")]))
PY
rm -rf "$probe"
# the fifth probe's small files (tests/hostile/probe5.py): forms with 其中 breakdowns and
# figures at the decimal range, zips and workbooks naming a file twice, actuals, rule files,
# and phrasings a reader could take for another number
p5=$(mktemp -d)
python3 "$root"/tests/hostile/probe5.py "$p5" >/dev/null 2>&1
for f in "$p5"/*.csv "$p5"/*.tsv "$p5"/*.xlsx "$p5"/*.zip; do
  [ -f "$f" ] && head -c 65536 "$f" > "corpus/table_read/probe5-$(basename "$f")"
done
for f in "$p5"/*.yaml; do
  case "$(basename "$f")" in
    *rules*|rt-*) cp "$f" "corpus/rules_load/probe5-$(basename "$f")" ;;
    *) cp "$f" "corpus/actuals_parse/probe5-$(basename "$f")" ;;
  esac
done
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%s' "$line" > "corpus/target_parse/probe5-$i"
done < "$p5"/quiet.txt
chmod -R u+w "$p5"; rm -rf "$p5"
# sheet_formats (H49): format codes (first byte 0: the code, a line break, the value), the
# number-format fixtures' content.xml (1) and styles.xml (2); their workbooks to table_read and
# the .xls (file and Workbook stream) to xls_read
mk sheet_formats
python3 - "$root" <<'PY'
import io, os, sys, zipfile
root = sys.argv[1]
codes = ["0%", "0.00%", "#,##0,", "0.0,,\"百万元\"", "0\"人\"", "0\"%\"", "0\\%", "0.00\"万元\"",
         "@\"万元\"", "G/通用格式", "General", "#,##0.00_ ;[Red]-#,##0.00", "[>100]0;0.00", "0;0",
         ";;;", "0.00E+00", "# ?/?", "yyyy\"年\"m\"月\"d\"日\"", "[$¥-804]#,##0.00", "000-0000",
         "0%%", "0.0,%", "0" + "," * 40, "0." + "0" * 60, "\"约\"0.0\"人次\"", "[DBNum1]0", "*-0_)",
         "0;-0;0;@\"元\"", "[h]:mm", "\"", "[", "\\", "0\"", "#,##0.00;(#,##0.00);\"-\";@"]
values = ["1234.5678", "0.955", "1e308", "-79228162514264337593543950335", "5e-324", "NaN", "12"]
i = 0
for c in codes:
    for v in values[:3] if i % 2 else values:
        i += 1
        open(f"corpus/sheet_formats/code-{i}", "wb").write(b"\x00" + (c + "\n" + v).encode())
for f, part, mode in [("number-formats.ods", "content.xml", 1), ("number-formats.xlsx", "xl/styles.xml", 2)]:
    data = open(f"{root}/tests/fixtures/formats/{f}", "rb").read()
    xml = zipfile.ZipFile(io.BytesIO(data)).read(part)
    open(f"corpus/sheet_formats/{part.replace('/', '-')}", "wb").write(bytes([mode]) + xml[:65535])
    open(f"corpus/table_read/{f}", "wb").write(data[:65536])
PY
cp "$root"/tests/fixtures/formats/number-formats.xls corpus/table_read/
python3 - "$root" <<'PY'
import sys
root = sys.argv[1]
data = open(f"{root}/tests/fixtures/formats/number-formats.xls", "rb").read()
open("corpus/xls_read/file-number-formats.xls", "wb").write((b"\x01" + data)[:65536])
PY
for t in target_parse table_read rules_load actuals_parse page_read doc_read xls_read docx_read sheet_formats; do
  echo "$t: $(ls "corpus/$t" | wc -l) seeds"
done
