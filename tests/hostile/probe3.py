#!/usr/bin/env python3
"""Issue 27's third outside probe (H23, 2026-12-05): hostile inputs nobody tried before.

    python3 tests/hostile/probe3.py DIR            # writes the files (~400 MB), prints their names
    python3 tests/hostile/probe3.py DIR run BIN [NAME...]   # also runs each (or those named) through BIN:
        name  bytes  exit  seconds  peak-RSS-MB  first error line
PROBE3_KEEP=1 keeps the files of an earlier run (the inputs are still built, not written). Each case
is run under `prlimit --as` (6 GB), `timeout 60` and `/usr/bin/time`; the verb is
chosen by the name's prefix (rules-*, actuals-*, review-*, else `inspect`). Nothing here is read by
`cargo test`: the cases that found something are made again, smaller, in tests/hostile.rs.
H15's probe (`probe.py`) is not repeated: these are the kinds it did not try (entity and charset
tricks, quoted-printable and base64 parts, empty elements by the million in every container, zip
entries that overlap, data descriptors and zip64 claims, shared formulas, rich runs, NULs and
byte-order marks, legal but costly rule conditions and anchors).
"""
import base64, io, os, struct, subprocess, sys, zipfile

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
NAMES = []


def put(name, data):
    NAMES.append(name)
    if os.environ.get("PROBE3_KEEP") and os.path.exists(os.path.join(OUT, name)):
        return  # written by an earlier run
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def zipped(files, method=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", method, compresslevel=9) as z:
        for n, d in files:
            z.writestr(n, d)
    return b.getvalue()


# ---------- xlsx ----------
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '</Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0"?><workbook %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets>{}</sheets></workbook>' % NS)
WBRELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}'
          '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
          '<Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')


def xlsx_files(sheet_xml, sst=None, nsheets=1):
    files = [("[Content_Types].xml", CT), ("_rels/.rels", RELS),
             ("xl/workbook.xml", WB.format("".join('<sheet name="S%d" sheetId="%d" r:id="rId%d"/>' % (i, i + 1, i + 1) for i in range(nsheets)))),
             ("xl/_rels/workbook.xml.rels", WBRELS.format("".join(
                 '<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1)
                 for i in range(nsheets)))),
             ("xl/sharedStrings.xml", sst or '<sst %s count="1" uniqueCount="1"><si><t>x</t></si></sst>' % NS),
             ("xl/styles.xml", '<styleSheet %s/>' % NS)]
    for i in range(nsheets):
        files.append(("xl/worksheets/sheet%d.xml" % (i + 1), sheet_xml))
    return files


def xlsx(sheet_xml, sst=None, nsheets=1):
    return zipped(xlsx_files(sheet_xml, sst, nsheets))


def sheet(inner, after=""):
    return '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData>%s</worksheet>' % (NS, inner, after)


one = '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>'

# empty elements by the million: each is a few bytes unzipped and compresses ~1000:1
put("xlsx-empty-si.xlsx", xlsx(sheet(one), sst='<sst %s>%s</sst>' % (NS, "<si/>" * 60_000_000)))
put("xlsx-empty-si-t.xlsx", xlsx(sheet(one), sst='<sst %s>%s</sst>' % (NS, "<si><t/></si>" * 30_000_000)))
put("xlsx-empty-cells.xlsx", xlsx(sheet('<row r="1">' + '<c/>' * 16000 + '</row>' + ('<row>' + '<c/>' * 16000 + '</row>') * 1500)))
put("xlsx-empty-rows.xlsx", xlsx(sheet(one + "<row/>" * 60_000_000)))
put("xlsx-value-cells-no-r.xlsx", xlsx(sheet(('<row>' + '<c><v>1</v></c>' * 10000 + '</row>') * 2100)))
# rich text runs: one shared string of 2 000 000 runs, used once
put("xlsx-rich-runs.xlsx", xlsx(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
                                sst='<sst %s><si>%s</si></sst>' % (NS, '<r><rPr><b/><sz val="11"/></rPr><t>x</t></r>' * 2_000_000)))
# phonetic runs (rPh) and their properties, which calamine skips
put("xlsx-phonetic.xlsx", xlsx(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
                               sst='<sst %s><si><t>项目名称</t>%s</si></sst>' % (NS, '<rPh sb="0" eb="1"><t>x</t></rPh>' * 1_000_000)))
# shared formulas over the whole sheet, given to 200 000 cells
put("xlsx-shared-formula.xlsx", xlsx(sheet('<row r="1"><c r="A1"><f t="shared" ref="A1:XFD1048576" si="0">A1+1</f><v>1</v></c></row>'
                                           + "".join('<row r="%d"><c r="A%d"><f t="shared" si="0"/><v>2</v></c></row>' % (r, r) for r in range(2, 200_002)))))
put("xlsx-array-formula.xlsx", xlsx(sheet('<row r="1"><c r="A1"><f t="array" ref="A1:XFD1048576">SEQUENCE(1048576,16384)</f><v>1</v></c></row>')))
# inline strings: long ones, many; an inline string of 500 000 runs
put("xlsx-inline-many.xlsx", xlsx(sheet("".join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (r, r, "项目名称" * 50) for r in range(1, 200_001)))))
put("xlsx-inline-runs.xlsx", xlsx(sheet('<row r="1"><c r="A1" t="inlineStr"><is>' + '<r><t>x</t></r>' * 500_000 + '</is></c></row>')))
# references: row 0, negative, lowercase, a 10^6-character reference, rows claimed past 2^32
put("xlsx-odd-refs.xlsx", xlsx(sheet('<row r="0"><c r="A0"><v>1</v></c><c r="a-1"><v>1</v></c><c r="%s1"><v>1</v></c></row>'
                                     '<row r="4294967297"><c r="B4294967297"><v>1</v></c></row>' % ("A" * 1_000_000))))
put("xlsx-row-r-huge.xlsx", xlsx(sheet(one + '<row r="18446744073709551617"><c><v>1</v></c></row><row><c><v>2</v></c></row>')))
# cell types: error, boolean, date (ISO), a number 10^6 digits long
put("xlsx-types.xlsx", xlsx(sheet('<row r="1"><c r="A1" t="e"><v>#DIV/0!</v></c><c r="B1" t="b"><v>7</v></c>'
                                  '<c r="C1" t="d"><v>99999-13-45T99:99:99</v></c><c r="D1"><v>%s</v></c>'
                                  '<c r="E1" t="s"><v>99999999999999999999</v></c><c r="F1" t="s"><v>-1</v></c></row>' % ("9" * 1_000_000))))
# 10 000 sheets, each its own part (per-sheet overhead)
put("xlsx-10000-sheets.xlsx", xlsx(sheet('<row r="1"><c r="A1"><v>1</v></c></row>'), nsheets=10_000))
# a sheet written as UTF-16
put("xlsx-utf16-sheet.xlsx", zipped(xlsx_files(sheet(one))[:-1] + [("xl/worksheets/sheet1.xml", ('<?xml version="1.0" encoding="UTF-16"?>' + sheet(one)[21:]).encode("utf-16"))]))

# zips: 65 535 entries; entries overlapping (one compressed kernel shared by many central entries);
# data descriptors with zero sizes in the local headers; a zip64 end record claiming 2^40 entries


def overlapped(kernel_size, entries):
    """A valid xlsx whose extra entries (a0, a1, ...) all point at one deflated kernel."""
    base = xlsx(sheet(one))
    zb = zipfile.ZipFile(io.BytesIO(base))
    comp = zipfile.ZipFile  # noqa
    import zlib
    data = b"<x>" + b"a" * kernel_size + b"</x>"
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = c.compress(data) + c.flush()
    crc = zlib.crc32(data)
    out = bytearray()
    central = bytearray()
    # the real parts first
    for info in zb.infolist():
        raw = zb.read(info.filename)
        cc = zlib.compressobj(9, zlib.DEFLATED, -15)
        d = cc.compress(raw) + cc.flush()
        name = info.filename.encode()
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, zlib.crc32(raw), len(d), len(raw), len(name), 0) + name + d
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, zlib.crc32(raw), len(d), len(raw), len(name), 0, 0, 0, 0, 0, off) + name
    kname = b"k"
    koff = len(out)
    out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(deflated), len(data), len(kname), 0) + kname + deflated
    for i in range(entries):
        name = ("xl/media/a%d.xml" % i).encode()
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(deflated), len(data), len(name), 0, 0, 0, 0, 0, koff) + name
    n = len(zb.infolist()) + entries
    cd_off = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(n, 0xFFFF), min(n, 0xFFFF), len(central), cd_off, 0)
    return bytes(out)


put("xlsx-overlapping-entries.xlsx", overlapped(5_000_000, 2000))
put("xlsx-65535-entries.xlsx", zipped(xlsx_files(sheet(one)) + [("x/%d" % i, "") for i in range(65_535)], zipfile.ZIP_STORED))
# data descriptor: flag bit 3, local sizes zero (python's writer uses descriptors for streams)
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    for n, d in xlsx_files(sheet(one + '<row r="2"><c r="A2"><v>1</v></c></row>')):
        with z.open(n, "w", force_zip64=True) as w:
            w.write(d.encode() if isinstance(d, str) else d)
put("xlsx-data-descriptors.xlsx", b.getvalue())
# a zip64 end-of-central-directory record claiming 2^40 entries at offset 2^41
z = bytearray(xlsx(sheet(one)))
eocd = z.rfind(b"PK\x05\x06")
z64_off = eocd
z64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 1 << 40, 1 << 40, 1 << 50, 1 << 41)
loc = struct.pack("<IIQI", 0x07064B50, 0, z64_off, 1)
end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
put("xlsx-zip64-claims.xlsx", bytes(z[:eocd]) + z64 + loc + end)

# ---------- docx ----------
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DCT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')


def docx(body):
    return zipped([("[Content_Types].xml", DCT), ("word/document.xml", '<?xml version="1.0"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body))])


put("docx-empty-rows.docx", docx("<w:tbl>" + "<w:tr/>" * 50_000_000 + "</w:tbl>"))
put("docx-empty-cells.docx", docx("<w:tbl>" + ("<w:tr>" + "<w:tc/>" * 16000 + "</w:tr>") * 1500 + "</w:tbl>"))
put("docx-empty-runs.docx", docx("<w:tbl><w:tr><w:tc><w:p>" + "<w:r/>" * 50_000_000 + "</w:p></w:tc></w:tr></w:tbl>"))
put("docx-empty-text.docx", docx("<w:tbl><w:tr><w:tc><w:p><w:r>" + "<w:t/>" * 50_000_000 + "</w:r></w:p></w:tc></w:tr></w:tbl>"))
put("docx-many-breaks.docx", docx("<w:tbl><w:tr><w:tc><w:p><w:r>" + "<w:br/>" * 30_000_000 + "</w:r></w:p></w:tc></w:tr></w:tbl>"))
put("docx-many-tabs.docx", docx("<w:tbl><w:tr><w:tc><w:p><w:r>" + "<w:tab/>" * 30_000_000 + "</w:r></w:p></w:tc></w:tr></w:tbl>"))
put("docx-empty-tables.docx", docx("<w:tbl/>" * 30_000_000))
put("docx-vmerge-restart-wide.docx", docx("<w:tbl>" + ("<w:tr>" + '<w:tc><w:tcPr><w:vMerge w:val="restart"/><w:gridSpan w:val="1000"/></w:tcPr></w:tc>' * 16 + "</w:tr>") * 1200 + "</w:tbl>"))

# ---------- .doc (a version-4 compound file: 4 KB sectors, so streams up to ~400 MB) ----------
def cfb4(streams):
    """A compound file of the given (name, bytes) streams, each >= 4096 bytes (no mini stream)."""
    S = 4096
    per = S // 4
    bodies = []
    # the directory is a tree ordered by name length, then name: a chain to the right
    for name, data in sorted(streams, key=lambda s: (len(s[0]), s[0].upper())):
        data = data.ljust(max(len(data), 4096), b"\0")
        bodies.append((name, data, (len(data) + S - 1) // S))
    total = sum(k for _, _, k in bodies) + 1  # + the directory sector
    nfat = 1
    while nfat * per < nfat + total:
        nfat += 1
    assert nfat <= 109, "no DIFAT sectors written"
    fat = [0xFFFFFFFF] * (nfat * per)
    for i in range(nfat):
        fat[i] = 0xFFFFFFFD
    dsec = nfat
    fat[dsec] = 0xFFFFFFFE
    at = nfat + 1
    starts = []
    for _, _, k in bodies:
        starts.append(at)
        for j in range(k):
            fat[at + j] = at + j + 1 if j < k - 1 else 0xFFFFFFFE
        at += k

    def entry(name, typ, start, size, child=0xFFFFFFFF, right=0xFFFFFFFF):
        n = (name + "\0").encode("utf-16-le")
        e = n.ljust(64, b"\0") + struct.pack("<HBB", len(n), typ, 1)
        e += struct.pack("<III", 0xFFFFFFFF, right, child) + b"\0" * 36
        return e + struct.pack("<IQ", start, size)

    d = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1)
    for i, (name, data, k) in enumerate(bodies):
        d += entry(name, 2, starts[i], len(data), right=i + 2 if i + 1 < len(bodies) else 0xFFFFFFFF)
    d = d.ljust(S, b"\0")
    h = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 4, 0xFFFE, 12, 6)
    h += b"\0" * 6 + struct.pack("<I", 1) + struct.pack("<I", nfat) + struct.pack("<I", dsec)
    h += struct.pack("<I", 0) + struct.pack("<I", 4096) + struct.pack("<IIII", 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    h += b"".join(struct.pack("<I", i if i < nfat else 0xFFFFFFFF) for i in range(109))
    out = [h.ljust(S, b"\0"), b"".join(struct.pack("<I", x) for x in fat), d]
    for _, data, k in bodies:
        out.append(data.ljust(k * S, b"\0"))
    return b"".join(out)


def doc(text8):
    """A .doc whose main text is the given 8-bit (compressed) characters, no paragraph properties."""
    fib = bytearray(1024)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0xC1)
    struct.pack_into("<H", fib, 32, 0)        # csw
    struct.pack_into("<H", fib, 34, 22)       # cslw
    struct.pack_into("<I", fib, 48, len(text8))  # ccpText
    struct.pack_into("<H", fib, 124, 100)     # cbRgFcLcb
    clx = b"\x02" + struct.pack("<I", 16) + struct.pack("<II", 0, len(text8)) + struct.pack("<HIH", 0, 0x40000000 | (1024 * 2), 0)
    struct.pack_into("<II", fib, 126 + 33 * 8, 0, len(clx))
    return cfb4([("WordDocument", bytes(fib) + text8), ("0Table", clx)])


put("doc-empty-paragraphs.doc", doc(b"\r" * 50_000_000))
put("doc-cell-marks.doc", doc(b"\x07" * 50_000_000))
put("doc-cells-rows.doc", doc((b"\x07" * 16000 + b"\x07\x07") * 3000))
put("doc-field-marks.doc", doc(b"\x13" * 50_000_000))
put("doc-text.doc", doc(("项目名称".encode("gbk") + b"\x07x\x07\x07") * 5_000_000))

# ---------- web pages ----------
put("html-entities-numeric.html", "<table><tr><td>项目名称</td><td>" + "&#99999999999999999999999;&#x110000;&#xD800;&#0;&#x7FFFFFFF;&#;&#x;&" * 20_000 + "</td></tr></table>")
put("html-entities-many.html", "<table><tr><td>项目名称</td><td>" + "&nbsp;" * 2_000_000 + "</td></tr></table>")
put("html-entities-long-name.html", "<table><tr><td>项目名称</td><td>&" + "a" * 10_000_000 + ";</td></tr></table>")
put("html-charset-utf16.html", b'<meta charset="utf-16"><table><tr><td>\xff\xfe\x00\x00' + "项目名称".encode("gbk") + b"</td></tr></table>")
put("html-charset-replacement.html", b'<meta charset="iso-2022-kr"><table><tr><td>\xff' + "项目名称".encode("gbk") + b"</td></tr></table>")
put("html-charset-many-metas.html", "".join('<meta charset="x%d">' % i for i in range(1_000_000)) + "<table><tr><td>项目名称</td></tr></table>")
put("html-bom-utf16-odd.html", b"\xff\xfe" + "<table><tr><td>项目名称</td></tr></table>".encode("utf-16-le") + b"\x00")
put("html-empty-rows.html", "<table>" + "<tr>" * 20_000_000 + "</table>")
put("html-empty-cells.html", "<table>" + ("<tr>" + "<td>" * 16000) * 1500 + "</table>")
put("html-colspan-fill.html", "<table>" + ("<tr>" + '<td colspan="1000">' * 16) * 1249 + "</table>")
put("html-rowspan-fill.html", "<table><tr>" + '<td rowspan="65534">' * 16000 + "<tr>" * 65533 + "</table>")
put("html-many-tables-empty.html", "<table></table>" * 2_000_000)
put("html-unclosed-comment.html", "<table><tr><td>项目名称</td></tr></table><!--" + "x" * 50_000_000)
put("html-unclosed-script.html", "<table><tr><td>项目名称<script>" + "<td>x" * 10_000_000)
put("html-many-br.html", "<table><tr><td>项目名称</td><td>" + "<br>" * 10_000_000 + "</td></tr></table>")
put("html-many-spaces.html", "<table><tr><td>项目名称</td><td>" + " \n\t" * 20_000_000 + "x</td></tr></table>")
put("html-display-none.html", "<table>" + ('<tr>' + '<td style="display:none">x</td>' * 16000 + '</tr>') * 300 + "</table>")
put("html-caption-long.html", "<table><caption>" + "标题" * 5_000_000 + "</caption><tr><td>项目名称</td></tr></table>")
put("html-above-lines.html", "<p>标题</p>" * 5_000_000 + "<table><tr><td>项目名称</td></tr></table>")
put("html-nul.html", b"<table><tr><td>\x00" * 1_000_000 + b"</table>")


def mhtml(part_headers, body):
    return ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n" + part_headers + "\r\n\r\n").encode() + body + b"\r\n--b--\r\n"


page = "<html><table><tr><td>项目名称</td><td>x</td></tr></table></html>"
put("mhtml-qp-softbreaks.mhtml", mhtml("Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable", b"=\r\n" * 20_000_000 + page.encode()))
put("mhtml-qp-equals.mhtml", mhtml("Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable", b"=" * 50_000_000 + page.encode()))
put("mhtml-qp-long-line.mhtml", mhtml("Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable", b"<table><tr><td>" + b"=3D" * 20_000_000 + b"</td></tr></table>"))
put("mhtml-base64-spaced.mhtml", mhtml("Content-Type: text/html\r\nContent-Transfer-Encoding: base64", b"\r\n".join(bytes([c]) for c in base64.b64encode(page.encode() * 100_000))))
put("mhtml-base64-garbage.mhtml", mhtml("Content-Type: text/html\r\nContent-Transfer-Encoding: base64", b"!@#$%^&*" * 5_000_000))
put("mhtml-base64-padding.mhtml", mhtml("Content-Type: text/html\r\nContent-Transfer-Encoding: base64", b"=" * 50_000_000))
put("mhtml-empty-boundary.mhtml", "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"\"\r\n\r\n" + "--\r\n" * 5_000_000 + page)
put("mhtml-dash-boundary.mhtml", "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"-\"\r\n\r\n" + "---\r\n" * 5_000_000 + page)
put("mhtml-long-header.mhtml", "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html" + "\r\n x" * 10_000_000 + "\r\n\r\n" + page + "\r\n--b--\r\n")
put("mhtml-many-params.mhtml", "MIME-Version: 1.0\r\nContent-Type: multipart/related;" + " a=b;" * 5_000_000 + " boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n" + page + "\r\n--b--\r\n")
put("mhtml-charset-utf16.mhtml", mhtml("Content-Type: text/html; charset=utf-16\r\nContent-Transfer-Encoding: 8bit", page.encode() + b"\xff"))

# ---------- text tables ----------
put("tsv-nul.tsv", b"\x00" * 100_000_000)
put("tsv-nul-lines.tsv", "项目名称\t总计\n".encode() + b"\x00\t\x00\n" * 10_000_000)
put("tsv-million-columns.tsv", "项目名称" + "\t" * 1_000_000 + "\n")
put("csv-million-columns.csv", "项目名称" + "," * 1_000_000 + "\n")
put("csv-million-quoted.csv", "项目名称," + '"",' * 1_000_000 + "\n")
put("tsv-cr-only.tsv", "项目名称\t总计\r" + "\r" * 50_000_000)
put("tsv-tabs-only.tsv", "\t" * 60_000_000 + "\n")
put("tsv-boms.tsv", "\ufeff" * 1_000_000 + "项目名称\t总计\n")
put("tsv-bom-every-line.tsv", ("\ufeff项目名称\t总计\n") * 1_000_000)
put("tsv-utf16le-gbk.tsv", b"\xff\xfe" + "项目名称\t总计\n".encode("utf-16-le") + "合计\t1\n".encode("gbk") * 100_000)
put("tsv-utf16be-odd.tsv", b"\xfe\xff" + "项目名称\t总计\n".encode("utf-16-be") + b"\x00")
put("tsv-utf16-no-bom.tsv", ("项目名称\t总计\n" * 1_000_000).encode("utf-16-le"))
put("tsv-utf32.tsv", b"\xff\xfe\x00\x00" + ("项目名称\t总计\n" * 100_000).encode("utf-32-le"))
put("tsv-gb18030-4byte.tsv", ("项目名称\t总计\n" + "\U0001F600\t1\n" * 1_000_000).encode("gb18030"))
put("tsv-lone-surrogates-utf16.tsv", b"\xff\xfe" + b"\x00\xd8" * 5_000_000)
put("tsv-long-number.tsv", "项目名称\t总计\n合计\t" + "9" * 900_000 + "\n")
put("tsv-long-decimal.tsv", "项目名称\t总计\n合计\t0." + "0" * 900_000 + "1\n")
put("tsv-many-quotes.tsv", '项目名称\t总计\n' + '"' * 60_000_000 + "\n")

# ---------- rules ----------
r = ["rules:", "  - id: x.or", "    when: " + " or ".join('indicator == "x%d"' % i for i in range(100_000)), '    message: "x"']
put("rules-100k-or.yaml", "\n".join(r) + "\n")
r = ["rules:", "  - id: x.contains", "    when: " + " or ".join('indicator contains "%s"' % ("项" * 1000 + str(i)) for i in range(3000)), '    message: "x"']
put("rules-3000-long-contains.yaml", "\n".join(r) + "\n")
r = ["rules:", "  - id: x.quant", "    when: " + " or ".join('target > %s%%' % ("9" * 20000) for i in range(200)), '    message: "x"']
put("rules-long-quantities.yaml", "\n".join(r) + "\n")
put("rules-100k-anchors.yaml", "x:\n" + "".join("  k%d: &a%d v\n" % (i, i) for i in range(100_000)) + "rules:\n  - id: x.y\n    when: indicator ~ \"x\"\n    message: \"x\"\n")
put("rules-100k-merge-keys.yaml", "base: &b {id: x.y, when: 'indicator ~ \"x\"', message: x}\nrules:\n" + "".join("  - <<: *b\n    id: x.r%d\n" % i for i in range(100_000)))
put("rules-long-anchor-names.yaml", "x: &" + "a" * 5_000_000 + " v\nrules: []\n")
put("rules-many-tags.yaml", "rules:\n" + "  - !!map {id: x.y, when: 'indicator ~ \"x\"', message: !!str x}\n" * 1)
put("rules-regex-classes.yaml", "rules:\n" + "".join('  - id: x.c%d\n    when: indicator ~ "[\\\\p{L}\\\\p{N}]{50}%d"\n    message: x\n' % (i, i) for i in range(500)))
put("rules-not-chain.yaml", "rules:\n  - id: x.n\n    when: " + "not " * 60 + "category\n    message: x\n")
put("rules-long-message.yaml", "rules:\n  - id: x.m\n    when: indicator ~ \"\"\n    message: \"" + "警" * 4_000_000 + "\"\n")
put("rules-many-small.yaml", "rules:\n" + "".join('  - {id: x.s%d, when: "indicator ~ \\"x%d\\"", message: x}\n' % (i, i) for i in range(150_000)))

# ---------- actuals ----------
act = ["year: 2023", "projects:"]
act.append('  - unit: "广州住房公积金管理中心"\n    project: "业务用房物业管理费"\n    indicators:')
act.append('      - seq: 1\n        actual: "1' + "0" * 1_000_000 + '"')
act.append('      - seq: 2\n        actual: "0.' + "0" * 1_000_000 + '1%"')
act.append('      - seq: 3\n        actual: "' + "9" * 28 + "." + "9" * 1_000_000 + '平方米"')
put("actuals-long-numbers.yaml", "\n".join(act) + "\n")
put("actuals-100k-anchors.yaml", "x:\n" + "".join("  k%d: &a%d v\n" % (i, i) for i in range(100_000)) + "year: 2023\nprojects: []\n")
put("actuals-200k-indicators.yaml", "year: 2023\nprojects:\n  - unit: \"广州住房公积金管理中心\"\n    project: \"业务用房物业管理费\"\n    indicators:\n"
    + "".join('      - {seq: %d, actual: "1%%"}\n' % (i + 1) for i in range(200_000)))
put("actuals-merge-keys.yaml", "b: &b {seq: 1, actual: \"1%\", note: \"" + "x" * 1000 + "\"}\nyear: 2023\nprojects:\n  - unit: \"广州住房公积金管理中心\"\n    project: \"业务用房物业管理费\"\n    indicators:\n"
    + "".join("      - <<: *b\n        seq: %d\n" % (i + 1) for i in range(100_000)))

for n in NAMES:
    print(n)

# ---------- running ----------
if len(sys.argv) > 3 and sys.argv[2] == "run":
    binary = os.path.abspath(sys.argv[3])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    targets = os.path.join(root, "samples", "guangzhou-hpf-2023", "targets.tsv")
    only = sys.argv[4:] if len(sys.argv) > 4 else None
    for n in NAMES:
        if only and not any(o in n for o in only):
            continue
        f = os.path.join(OUT, n)
        if n.startswith("rules-"):
            args = ["review", targets, "--rules", f, "--format", "json"]
        elif n.startswith("actuals-"):
            args = ["evaluate", targets, f, "--format", "jsonl"]
        else:
            args = ["inspect", f]
        cmd = ["/usr/bin/time", "-o", "/tmp/probe3-time", "-f", "%e %M", "prlimit", "--as=%d" % (6 << 30),
               "timeout", "60", binary] + args
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t = open("/tmp/probe3-time").read().split()
        msg = ""
        for line in p.stderr.decode("utf-8", "replace").splitlines():
            if any(k in line for k in ("×", "panicked", "memory", "error", "错误", "Error", "上限")):
                msg = line.strip()[:150]
                break
        print("%s\t%d\t%d\t%s\t%d\t%s" % (n, os.path.getsize(f), p.returncode, t[-2], int(t[-1]) // 1024, msg), flush=True)
