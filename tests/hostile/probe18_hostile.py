"""Issue 27, the eighteenth probe of the hostile kinds (H126): zips written byte by byte (methods
the reader lacks, encrypted entries, lying sizes and data descriptors, a central directory that
disagrees with the local headers, zip64 claims, two entries of one name), compound files (FAT,
directory and mini-FAT cycles, a `.doc` whose FIB lies, `.xls` CONTINUE chains), text shapes and
rule files, each written by hand here. Runs `inspect` (or the command named) under
`prlimit --as` 4 GB and `/usr/bin/time`, and says what each run read.

    python3 tests/hostile/probe18_hostile.py DIR BIN [zip ole text rules]

The server's cases are in `probe18_web.py`."""
import io, json, os, re, struct, sys, zipfile, zlib, bz2, lzma

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probe_kit import path, put, run as kit_run, section, xlsx as kit_xlsx  # noqa: E402
import compound_file  # noqa: E402


def run(args, label=""):
    """Runs as the kit does; shows the first code the run named and, for `inspect --format json`
    runs, how many rows it read."""
    code, out, err = kit_run(args, label)
    named = re.search(r"\b((?:table|rules|actuals|eval|pile|web|input|output|yaml|limits)(?:\.|::)[a-z][a-z-]+)", err)
    print("%48s %s" % ("", named.group(1) if named else err.strip().splitlines()[:1]))
    return code, out, err


SHEET = ("项目名称\t指标名称\t年度指标值\t实际完成值\n"
         "甲\t培训人数\t≥100人\t120人\n"
         "甲\t满意度\t≥90%\t95%\n"
         "乙\t验收合格率\t100%\t98%\n")


def evaluated(name):
    """evaluate's json of `name`: (exit, [(project, indicator, target, actual)])"""
    code, out, err = run(["evaluate", name, "--format", "json"], name)
    rows = []
    if code in (0, 1) and out.strip():
        v = json.loads(out)
        for p in v.get("projects", []):
            for i in p.get("indicators", []):
                rows.append((p.get("project"), i.get("indicator"), i.get("target"), i.get("actual")))
        for f in v.get("forms", []):  # a pile: each form's file, project and total
            rows.append((f.get("file"), f.get("project"), f.get("total")))
    print("%48s %d indicators %s" % ("", len(rows), rows[:4]))
    return code, rows


# ---------------------------------------------------------------- zip written by hand

def entry(name, data, method=8, **kw):
    """One entry: its bytes compressed by `method` (0 stored, 8 deflate, 12 bzip2, 14 lzma;
    others stored under that method's number); keys in kw override what the headers say."""
    if method == 8:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        raw = c.compress(data) + c.flush()
    elif method == 12:
        raw = bz2.compress(data)
    elif method == 14:
        f = lzma._encode_filter_properties({"id": lzma.FILTER_LZMA1})
        raw = struct.pack("<BBH", 9, 4, len(f)) + f + lzma.compress(
            data, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA1}])
    else:
        raw = data
    e = dict(name=name.encode(), raw=raw, method=method, crc=zlib.crc32(data), csize=len(raw),
             usize=len(data), flags=0x800, lextra=b"", cextra=b"", descriptor=None)
    e.update(kw)
    for k in ("lname", "lcsize", "lusize", "lcrc", "lmethod", "lflags"):
        e.setdefault(k, e[k[1:]] if k[1:] in e else None)
    return e


def zip_bytes(entries, comment=b""):
    out, central = io.BytesIO(), []
    for e in entries:
        off = out.tell()
        lflags = e["lflags"] if e["lflags"] is not None else e["flags"]
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, lflags, e["lmethod"], 0, 0x21,
                              e["lcrc"] & 0xFFFFFFFF, e["lcsize"] & 0xFFFFFFFF, e["lusize"] & 0xFFFFFFFF,
                              len(e["lname"]), len(e["lextra"])))
        out.write(e["lname"] + e["lextra"] + e["raw"])
        if e["descriptor"] is not None:
            out.write(e["descriptor"])
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, e["flags"], e["method"], 0,
                                   0x21, e["crc"] & 0xFFFFFFFF, e["csize"] & 0xFFFFFFFF,
                                   e["usize"] & 0xFFFFFFFF, len(e["name"]), len(e["cextra"]), 0, 0, 0, 0,
                                   e.get("offset", off)) + e["name"] + e["cextra"])
    cd = out.tell()
    body = b"".join(central)
    out.write(body)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(body), cd,
                          len(comment)) + comment)
    return out.getvalue()


def book_parts():
    """The parts of a small workbook of SHEET, as the kit writes it."""
    name = kit_xlsx(".book.xlsx", rows_of_sheet(SHEET))
    with zipfile.ZipFile(path(name)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def sheet_with(rows):
    """A sheet part of inline strings."""
    cells = "".join('<row r="%d">%s</row>' % (r + 1, "".join(
        '<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (chr(65 + c), r + 1, v) for c, v in enumerate(row)))
        for r, row in enumerate(rows))
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % cells).encode()


def rows_of_sheet(text):
    return [r.split("\t") for r in text.strip().split("\n")]


def book(name, change):
    """A workbook whose entries are `change(parts)` (a list of `entry` dicts)."""
    parts = book_parts()
    es = change([entry(n, d) for n, d in parts])
    return put(name, zip_bytes(es))


def pile(name, change, files=(("a.tsv", SHEET.encode()),)):
    """A pile `.zip` of tab tables whose entries are `change(entries)`."""
    es = change([entry(n, d) for n, d in files])
    return put(name, zip_bytes(es))


def on_sheet(f):
    """Applies f to the sheet part's entry."""
    def change(es):
        return [f(e) if e["name"].endswith(b"sheet1.xml") else e for e in es]
    return change


def redo(e, **kw):
    """The entry e made again with its data under other header claims."""
    n = dict(e)
    n.update(kw)
    for k in ("lname", "lcsize", "lusize", "lcrc", "lmethod", "lflags"):
        if k not in kw and k[1:] in kw:
            n[k] = kw[k[1:]]
    return n


def with_method(method):
    def f(e):
        data = zlib.decompress(e["raw"], -15)
        return entry(e["name"].decode(), data, method)
    return f


def cases_zip():
    big = SHEET + "".join("丙%d\t培训人数\t≥100人\t%d人\n" % (i, 100 + i) for i in range(2000))
    # methods the reader lacks, on the sheet of a workbook and on a pile's table
    for m, label in ((9, "deflate64"), (12, "bzip2"), (14, "lzma"), (93, "zstd"), (99, "aes"), (1, "shrink")):
        book("method-%s.xlsx" % label, on_sheet(with_method(m)))
        run(["inspect", "method-%s.xlsx" % label], "xlsx sheet by " + label)
        pile("method-%s.zip" % label, lambda es, m=m: [entry("a.tsv", SHEET.encode(), m)])
        run(["inspect", "method-%s.zip" % label], "pile entry by " + label)
    # encrypted entries (flag bit 0; traditional PKWARE, the bytes as they are)
    book("encrypted.xlsx", on_sheet(lambda e: redo(e, flags=0x801)))
    run(["inspect", "encrypted.xlsx"], "xlsx sheet encrypted flag")
    pile("encrypted.zip", lambda es: [redo(es[0], flags=0x801)])
    run(["inspect", "encrypted.zip"], "pile entry encrypted flag")
    pile("encrypted-local-only.zip", lambda es: [redo(es[0], lflags=0x801)])
    run(["inspect", "encrypted-local-only.zip"], "pile entry encrypted (local only)")
    # lying sizes: central claims fewer / more bytes unzipped than the entry holds
    files = (("a.tsv", big.encode()),)
    for label, kw in (("usize-small", dict(usize=200)), ("usize-large", dict(usize=10 ** 6)),
                      ("usize-zero", dict(usize=0)), ("csize-small", dict(csize=100)),
                      ("crc-wrong", dict(crc=1)), ("local-usize-small", dict(lusize=200)),
                      ("local-csize-small", dict(lcsize=100)), ("local-name-other", dict(lname=b"b.tsv")),
                      ("local-method-stored", dict(lmethod=0))):
        pile("lie-%s.zip" % label, lambda es, kw=kw: [redo(es[0], **kw)], files)
        evaluated("lie-%s.zip" % label)
        book("lie-%s.xlsx" % label, on_sheet(lambda e, kw=kw: redo(e, **kw)))
        evaluated("lie-%s.xlsx" % label)
    # data descriptors whose sizes lie (bit 3, zeros in the local header)
    def described(e, dcrc=None, dc=None, du=None):
        d = struct.pack("<IIII", 0x08074B50, (dcrc if dcrc is not None else e["crc"]) & 0xFFFFFFFF,
                        dc if dc is not None else e["csize"], du if du is not None else e["usize"])
        return redo(e, flags=0x808, lcrc=0, lcsize=0, lusize=0, descriptor=d)
    for label, kw in (("dd-true", {}), ("dd-usize-small", dict(du=100)), ("dd-csize-small", dict(dc=50)),
                      ("dd-crc-wrong", dict(dcrc=7))):
        pile("%s.zip" % label, lambda es, kw=kw: [described(es[0], **kw)], files)
        evaluated("%s.zip" % label)
        book("%s.xlsx" % label, on_sheet(lambda e, kw=kw: described(e, **kw)))
        evaluated("%s.xlsx" % label)
    # zip64 extra fields claiming huge sizes (central), sizes 0xFFFFFFFF pointing at them
    def z64(e, u=1 << 62, c=None):
        ex = struct.pack("<HHQQ", 1, 16, u, c if c is not None else e["csize"])
        return redo(e, cextra=ex, usize=0xFFFFFFFF, csize=0xFFFFFFFF)
    pile("zip64-huge.zip", lambda es: [z64(es[0])], files)
    evaluated("zip64-huge.zip")
    book("zip64-huge.xlsx", on_sheet(z64))
    evaluated("zip64-huge.xlsx")
    pile("zip64-huge-csize.zip", lambda es: [z64(es[0], u=es[0]["usize"], c=1 << 62)], files)
    evaluated("zip64-huge-csize.zip")
    pile("zip64-200.zip", lambda es: [z64(entry("t%d.tsv" % i, big.encode())) for i in range(200)])
    run(["inspect", "zip64-200.zip"], "200 entries each claiming 2^62 unzipped")
    # two entries of one name: a workbook with two different sheet parts of one name
    other = sheet_with(rows_of_sheet(SHEET.replace("120人", "12人").replace("95%", "5%")))
    book("dup-sheet.xlsx", lambda es: es + [entry("xl/worksheets/sheet1.xml", other)])
    evaluated("dup-sheet.xlsx")
    book("dup-sheet-case.xlsx", lambda es: es + [entry("XL/worksheets/Sheet1.xml", other)])
    evaluated("dup-sheet-case.xlsx")
    book("dup-sheet-backslash.xlsx", lambda es: es + [entry("xl\\worksheets\\sheet1.xml", other)])
    evaluated("dup-sheet-backslash.xlsx")
    book("dup-sheet-slash.xlsx", lambda es: es + [entry("/xl/worksheets/sheet1.xml", other)])
    evaluated("dup-sheet-slash.xlsx")
    book("dup-sheet-dot.xlsx", lambda es: es + [entry("xl/./worksheets/sheet1.xml", other)])
    evaluated("dup-sheet-dot.xlsx")
    # two central entries pointing at one local header, and a local header no entry names
    pile("two-names-one-data.zip", lambda es: [es[0], redo(es[0], name=b"b.tsv", offset=0)])
    run(["inspect", "two-names-one-data.zip"], "two central entries, one local header")
    pile("dup-pile-case.zip", lambda es: es + [entry("A.TSV", SHEET.replace("120人", "12人").encode())])
    evaluated("dup-pile-case.zip")
    pile("dup-pile-nfd.zip", lambda es: [entry("项目/表.tsv", SHEET.encode()),
                                         entry("项目/表.tsv".replace("表", "表"), SHEET.replace("120人", "12人").encode())])
    evaluated("dup-pile-nfd.zip")
    # a zip whose entries nest zips by other names (a .xlsx inside a pile), and a zip in a .tsv name
    inner = open(path(book("inner.xlsx", lambda es: es)), "rb").read()
    pile("zip-in-tsv-name.zip", lambda es: [entry("a.tsv", inner)])
    run(["inspect", "zip-in-tsv-name.zip"], "a workbook named .tsv in a pile")
    nest = SHEET.encode()
    for depth in range(30):
        nest = zip_bytes([entry("n%d.zip" % depth if depth else "a.tsv", nest)])
    put("nested-30.zip", nest)
    run(["inspect", "nested-30.zip"], "zip of zips, 30 deep")
    # an end record whose comment holds another end record (the reader must find the real one)
    es = [entry("a.tsv", SHEET.encode())]
    real = zip_bytes(es)
    fake_tail = zip_bytes([entry("b.tsv", SHEET.replace("120人", "12人").encode())])
    put("eocd-in-comment.zip", real[:-2] + struct.pack("<H", len(fake_tail)) + fake_tail)
    evaluated("eocd-in-comment.zip")
    # prepended bytes (a self-extracting archive): offsets off by the stub
    put("sfx.zip", b"MZ" + b"\0" * 4000 + real)
    evaluated("sfx.zip")
    # an xlsx whose sheet's deflate stream is a 1000:1 bomb with a data descriptor and no sizes
    bomb = b"<x/>" * (64 << 20)
    book("dd-bomb.xlsx", on_sheet(lambda e: described(entry("xl/worksheets/sheet1.xml", bomb))))
    run(["inspect", "dd-bomb.xlsx"], "256 MB sheet, data descriptor only")


# ---------------------------------------------------------------- compound files

def rec(typ, data):
    return struct.pack("<HH", typ, len(data)) + data


def xls_stream(sst_records, cells, sheet="S"):
    """A BIFF8 workbook stream: globals (BOF, the SST records given, BOUNDSHEET, EOF), then one
    sheet of `cells` (LABELSST records (row, col, index) or NUMBER (row, col, float))."""
    bof = lambda dt: rec(0x0809, struct.pack("<HH", 0x0600, dt) + b"\0" * 12)
    eof = rec(0x000A, b"")
    name = sheet.encode("utf-16-le")
    bs = lambda at: rec(0x0085, struct.pack("<IBBBB", at, 0, 0, len(sheet), 1) + name)
    head = bof(5) + b"".join(sst_records)
    glen = len(head) + len(bs(0)) + len(eof)
    g = head + bs(glen) + eof
    body = b""
    for c in cells:
        if isinstance(c[2], float):
            body += rec(0x0203, struct.pack("<HHHd", c[0], c[1], 0, c[2]))
        else:
            body += rec(0x00FD, struct.pack("<HHHI", c[0], c[1], 0, c[2]))
    return g + bof(0x10) + body + eof


def xstr(text, wide=None):
    """An XLUnicodeRichExtendedString with no runs: (cch, flags, chars)."""
    wide = wide if wide is not None else any(ord(ch) > 255 for ch in text)
    return struct.pack("<HB", len(text), 1 if wide else 0), text.encode("utf-16-le" if wide else "latin-1")


def sst_split(strings, cuts):
    """An SST of `strings` whose bytes are cut into CONTINUE records at the character counts in
    `cuts` (string index -> chars before the cut): each cut starts a CONTINUE with the flags
    byte of the rest, as Excel writes; `cuts[i] == 0` cuts between the string's header and its
    characters."""
    recs, cur = [], struct.pack("<II", len(strings), len(strings))
    for i, t in enumerate(strings):
        head, chars = xstr(t)
        wide = head[2] == 1
        w = 2 if wide else 1
        if i in cuts:
            k = cuts[i]
            cur += head + chars[:k * w]
            recs.append(cur)
            cur = bytes([1 if wide else 0]) + chars[k * w:]
        else:
            cur += head + chars
    recs.append(cur)
    return [rec(0x00FC, recs[0])] + [rec(0x003C, r) for r in recs[1:]]


HDR = ["项目名称", "指标名称", "年度指标值", "实际完成值"]
VALS = [["甲", "培训人数", "≥100人", "120人"], ["甲", "满意度", "≥90%", "95%"]]


def xls_book(name, sst, cells=None):
    strings = HDR + [v for r in VALS for v in r]
    cells = cells or [(r, c, r * 4 + c) for r in range(3) for c in range(4)]
    return put(name, compound_file.ole(xls_stream(sst(strings), cells)))


def ole_patch(data, fat=None, header=None, dir_entry=None):
    """compound_file.ole's bytes with FAT entries (index -> value), header fields (offset ->
    (fmt, value)) or directory entry fields ((entry, offset) -> (fmt, value)) changed."""
    b = bytearray(data)
    for i, v in (fat or {}).items():
        struct.pack_into("<I", b, 512 + 4 * i, v)
    for off, (fmt, v) in (header or {}).items():
        struct.pack_into(fmt, b, off, v)
    for (e, off), (fmt, v) in (dir_entry or {}).items():
        struct.pack_into(fmt, b, 1024 + 128 * e + off, v)
    return bytes(b)


def cases_ole():
    # SST strings cut by CONTINUE records in odd places: each must read as written
    xls_book("sst-plain.xls", lambda st: sst_split(st, {}))
    evaluated("sst-plain.xls")
    # every string cut after its first character; a cut between a header and its characters
    xls_book("sst-cut-each.xls", lambda st: sst_split(st, {i: 1 for i in range(len(st)) if len(st[i]) > 1}))
    evaluated("sst-cut-each.xls")
    xls_book("sst-cut-header.xls", lambda st: sst_split(st, {i: 0 for i in range(len(st))}))
    evaluated("sst-cut-header.xls")
    # a wide string continued as 8-bit (legal: the flags byte of the CONTINUE says so)
    def mixed(st):
        # `120人` -> `120` 8-bit then `人` wide: rebuild the 8th string by hand
        out = struct.pack("<II", len(st), len(st))
        for t in st:
            if t == "120人":
                out_rec = out + struct.pack("<HB", 4, 0) + b"120"
                cont = b"\x01" + "人".encode("utf-16-le")
                out = None
                break
            h, c = xstr(t)
            out += h + c
        rest = b""
        after = st[st.index("120人") + 1:]
        for t in after:
            h, c = xstr(t)
            rest += h + c
        return [rec(0x00FC, out_rec), rec(0x003C, cont + rest)]
    xls_book("sst-8bit-then-wide.xls", mixed)
    evaluated("sst-8bit-then-wide.xls")
    # 8,000 CONTINUE records of one character each (an 8,000-character string)
    def many(st):
        long = "甲" * 8_000
        head, chars = xstr(long)
        recs = [rec(0x00FC, struct.pack("<II", len(st) + 1, len(st) + 1) + head + chars[:2])]
        for k in range(1, 8_000):
            recs.append(rec(0x003C, b"\x01" + chars[2 * k:2 * k + 2]))
        rest = b""
        for t in st:
            h, c = xstr(t)
            rest += h + c
        recs.append(rec(0x003C, rest))
        return recs
    xls_book("sst-8000-continues.xls", many,
             [(r, c, r * 4 + c + 1) for r in range(3) for c in range(4)] + [(5, 0, 0)])
    run(["inspect", "sst-8000-continues.xls"], "a string over 8,000 CONTINUEs")
    # 10,000 empty CONTINUE records after the SST
    xls_book("sst-empty-continues.xls", lambda st: sst_split(st, {}) + [rec(0x003C, b"")] * 10_000)
    evaluated("sst-empty-continues.xls")
    # an SST claiming 2^31 strings, and one whose cut leaves half a UTF-16 character
    xls_book("sst-claims.xls", lambda st: [rec(0x00FC, struct.pack("<II", 1 << 31, 1 << 31) + b"".join(
        b"".join(xstr(t)) for t in st))])
    run(["inspect", "sst-claims.xls"], "SST claims 2^31 strings")
    def half(st):
        out = struct.pack("<II", len(st), len(st))
        for t in st:
            h, c = xstr(t)
            out += h + c
        cut = len(out) - 3
        return [rec(0x00FC, out[:cut]), rec(0x003C, b"\x01" + out[cut:])]
    xls_book("sst-half-char.xls", half)
    evaluated("sst-half-char.xls")
    # compound-file cycles: the stream's chain, the directory's chain, the directory tree
    base = compound_file.ole(xls_stream(sst_split(HDR + [v for r in VALS for v in r], {}),
                                        [(r, c, r * 4 + c) for r in range(3) for c in range(4)]))
    k = (len(base) - 1024) // 512
    put("ole-plain.xls", base)
    evaluated("ole-plain.xls")
    put("ole-fat-cycle.xls", ole_patch(base, fat={2 + k - 1: 2}))
    run(["inspect", "ole-fat-cycle.xls"], "the stream's chain loops to its start")
    put("ole-fat-self.xls", ole_patch(base, fat={2: 2}))
    run(["inspect", "ole-fat-self.xls"], "the stream's first sector points to itself")
    put("ole-dir-cycle.xls", ole_patch(base, fat={1: 1}))
    run(["inspect", "ole-dir-cycle.xls"], "the directory's chain loops")
    put("ole-tree-cycle.xls", ole_patch(base, dir_entry={(1, 68): ("<I", 1)}))
    run(["inspect", "ole-tree-cycle.xls"], "a directory entry its own left sibling")
    put("ole-tree-root.xls", ole_patch(base, dir_entry={(1, 76): ("<I", 0)}))
    run(["inspect", "ole-tree-root.xls"], "a directory entry whose child is the root")
    put("ole-fat-claims.xls", ole_patch(base, header={0x2C: ("<I", 1 << 30)}))
    run(["inspect", "ole-fat-claims.xls"], "the header claims 2^30 FAT sectors")
    put("ole-difat-self.xls", ole_patch(base, header={0x44: ("<I", 0), 0x48: ("<I", 1 << 20)}))
    run(["inspect", "ole-difat-self.xls"], "a DIFAT chain at sector 0, 2^20 long")
    put("ole-stream-size.xls", ole_patch(base, dir_entry={(1, 120): ("<I", 0xFFFFFFF0)}))
    run(["inspect", "ole-stream-size.xls"], "the stream claims 4 GB")
    put("ole-minifat-cycle.xls", ole_patch(base, dir_entry={(1, 120): ("<I", 100)},
                                         header={0x3C: ("<I", 2), 0x40: ("<I", 1)}))
    run(["inspect", "ole-minifat-cycle.xls"], "a mini stream whose mini FAT is the data")
    for f in ("ole-fat-cycle.xls", "ole-dir-cycle.xls", "ole-tree-cycle.xls"):
        d = open(path(f), "rb").read()
        put(f.replace(".xls", ".doc"), d.replace("Workbook".encode("utf-16-le"), "WordDocument"[:8].encode("utf-16-le")))
        run(["inspect", f.replace(".xls", ".doc")], f.replace(".xls", ".doc"))


# ---------------------------------------------------------------- text

def cases_text():
    t = SHEET
    put("t.tsv", t.encode())
    evaluated("t.tsv")
    # UTF-16 without a BOM and an odd byte count: the last character half there
    for enc in ("utf-16-le", "utf-16-be"):
        b = t.rstrip("\n").encode(enc)
        put("odd-%s.tsv" % enc, b[:-1])
        evaluated("odd-%s.tsv" % enc)
        put("odd-mid-%s.tsv" % enc, b[:len(b) // 2 + 1] + b[len(b) // 2 + 2:])
        evaluated("odd-mid-%s.tsv" % enc)
    # a BOM of one encoding over the bytes of another
    put("bom8-over-gbk.tsv", b"\xef\xbb\xbf" + t.encode("gbk"))
    evaluated("bom8-over-gbk.tsv")
    put("bom16-over-utf8.tsv", b"\xff\xfe" + t.encode())
    evaluated("bom16-over-utf8.tsv")
    put("bom16be-over-utf16le.tsv", b"\xfe\xff" + t.encode("utf-16-le"))
    evaluated("bom16be-over-utf16le.tsv")
    put("bom-gb18030-over-utf8.tsv", b"\x84\x31\x95\x33" + t.encode())
    evaluated("bom-gb18030-over-utf8.tsv")
    put("bom32-over-utf16.tsv", b"\xff\xfe\x00\x00" + t.encode("utf-16-le"))
    evaluated("bom32-over-utf16.tsv")
    # GB18030: four-byte sequences, valid and past the table's end, in a figure's cell
    put("gb18030-4.tsv", t.replace("120人", "120人\U00020000").encode("gb18030"))
    evaluated("gb18030-4.tsv")
    put("gb18030-bad4.tsv", t.encode("gb18030").replace("120人".encode("gb18030"),
                                                          b"120\x84\x31\xa5\x30\xfe\x39\xfe\x39"))
    evaluated("gb18030-bad4.tsv")
    put("gb18030-cut.tsv", t.encode("gb18030").replace("120人".encode("gb18030"), b"12\x81\x30" + b"0"))
    evaluated("gb18030-cut.tsv")
    # a figure whose digits are fullwidth in GBK, and one with a NUL between its digits
    put("nul-in-figure.tsv", t.replace("120人", "1\x0020人").encode())
    evaluated("nul-in-figure.tsv")
    put("nul-cells.tsv", t.replace("\t", "\t\x00").encode())
    evaluated("nul-cells.tsv")
    # a CSV of 1,000,000 columns in one row (commas, and quoted empties)
    put("wide.csv", ",".join(["a"] * 1_000_000) + "\n")
    run(["inspect", "wide.csv"], "csv of 1,000,000 columns")
    put("wide-quoted.csv", ",".join(['""'] * 1_000_000) + "\n")
    run(["inspect", "wide-quoted.csv"], "csv of 1,000,000 quoted empties")
    put("wide-after.csv", t.replace("\t", ",") + ",".join(["x"] * 1_000_000) + "\n")
    run(["inspect", "wide-after.csv"], "a table then 1,000,000 columns")
    # 1,000,000 rows of a lone separator
    put("seps.csv", t.replace("\t", ",") + ",\n" * 1_000_000)
    run(["inspect", "seps.csv"], "1,000,000 rows of a comma")
    # UTF-16 BOM in the middle of a UTF-8 table, and a UTF-16 text whose second half is UTF-8
    put("bom-mid.tsv", t.replace("甲\t满意度", "\ufeff甲\t满意度").encode())
    evaluated("bom-mid.tsv")
    half = t.split("\n")
    put("utf16-then-utf8.tsv", b"\xff\xfe" + "\n".join(half[:2]).encode("utf-16-le")
        + ("\n" + "\n".join(half[2:])).encode())
    evaluated("utf16-then-utf8.tsv")


# ---------------------------------------------------------------- rules

def cases_rules():
    put("t.tsv", SHEET.encode())
    # many rules with `~` regexes near the size limit
    pat = "(" + "|".join("培训%05d" % i for i in range(3000)) + ")"
    put("rules-big-regex.yaml", "rules:\n" + "".join(
        "  - id: r%d\n    when: indicator ~ \"%s%d\"\n    require: actual >= 0\n" % (i, pat, i) for i in range(60)))
    run(["evaluate", "t.tsv", "--rules", "rules-big-regex.yaml"], "60 rules of 3,000-way alternations")
    put("rules-rep-regex.yaml", "rules:\n" + "".join(
        "  - id: r%d\n    when: indicator ~ \"(a{1,1000}){1,1000}x%d\"\n    require: actual >= 0\n" % (i, i)
        for i in range(200)))
    run(["evaluate", "t.tsv", "--rules", "rules-rep-regex.yaml"], "200 rules of (a{1,1000}){1,1000}")
    put("rules-unicode-class.yaml", "rules:\n" + "".join(
        "  - id: r%d\n    when: indicator ~ \"\\\\w{200}\\\\p{Han}{200}%d\"\n    require: actual >= 0\n" % (i, i)
        for i in range(200)))
    run(["evaluate", "t.tsv", "--rules", "rules-unicode-class.yaml"], "200 rules of \\w{200}\\p{Han}{200}")
    # YAML anchors in keys, tags, merge keys, a complex key
    put("rules-anchor-key.yaml", "rules:\n  - &k id: a\n    *k : b\n    when: indicator = x\n")
    run(["rules", "check", "rules-anchor-key.yaml"], "an anchored key used as a key")
    put("rules-tags.yaml", "rules:\n  - !!map\n    id: !!str a\n    when: !custom indicator = x\n"
        "    require: !!binary YWN0dWFs\n")
    run(["rules", "check", "rules-tags.yaml"], "tags on a rule's values")
    put("rules-merge.yaml", "base: &b {when: indicator = x, require: actual >= 1}\nrules:\n"
        + "".join("  - <<: *b\n    id: r%d\n" % i for i in range(1000)))
    run(["rules", "check", "rules-merge.yaml"], "1,000 rules of merge keys")
    put("rules-complex-key.yaml", "rules:\n  - ? [a, b]\n    : c\n    id: x\n")
    run(["rules", "check", "rules-complex-key.yaml"], "a complex key")
    put("rules-200000.yaml", "rules:\n" + "".join(
        "  - {id: r%d, when: indicator = \"x%d\", require: actual >= 1}\n" % (i, i) for i in range(200_000)))
    run(["evaluate", "t.tsv", "--rules", "rules-200000.yaml"], "200,000 rules (the limit)")
    put("rules-200001.yaml", "rules:\n" + "".join(
        "  - {id: r%d, when: indicator = \"x%d\", require: actual >= 1}\n" % (i, i) for i in range(200_001)))
    run(["evaluate", "t.tsv", "--rules", "rules-200001.yaml"], "200,001 rules")


if __name__ == "__main__":
    for s, f in (("zip", cases_zip), ("ole", cases_ole), ("text", cases_text), ("rules", cases_rules)):
        if section(s):
            print("== " + s, flush=True)
            f()
