#!/usr/bin/env python3
"""Issue 27's second outside probe (H15): writes hostile inputs into DIR, one file a case.

    python3 tests/hostile/probe.py DIR          # writes the files, prints their names
Run them with tests/hostile/probe.sh (time, peak memory, exit code). Nothing here is read by
`cargo test`: the cases that found something are generated again, smaller, in tests/hostile.rs.
"""
import io, os, struct, sys, zipfile, base64

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)

def put(name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)

# ---------- OLE compound files (written by hand so they can lie) ----------
ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF

def dir_entry(name, typ, start, size, child=NOSTREAM, left=NOSTREAM, right=NOSTREAM):
    n = (name + "\0").encode("utf-16-le") if name else b""
    e = n.ljust(64, b"\0") + struct.pack("<HBB", len(n), typ, 1)
    e += struct.pack("<III", left, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
    e += struct.pack("<II", start, size & 0xFFFFFFFF) + struct.pack("<I", 0)
    assert len(e) == 128
    return e

def ole(streams, fat_patch=None, dir_start=None, no_fat=False, sizes=None):
    """streams: [(name, bytes)] each padded to >= 4096 (no mini stream)."""
    secs = []
    starts = []
    nxt = 0  # relative sector numbers, fixed up below
    bodies = []
    for name, data in streams:
        if len(data) < 4096:
            data = data + b"\0" * (4096 - len(data))
        k = (len(data) + 511) // 512
        bodies.append((name, data, k))
    total_stream = sum(k for _, _, k in bodies)
    # FAT sectors needed: entries = fat + 1 dir + streams
    nfat = 1
    while nfat * 128 < nfat + 1 + total_stream:
        nfat += 1
    fat = [FREESECT] * (nfat * 128)
    for i in range(nfat):
        fat[i] = FATSECT
    dsec = nfat
    fat[dsec] = ENDOFCHAIN
    at = nfat + 1
    entries = [None]
    for name, data, k in bodies:
        starts.append(at)
        for j in range(k):
            fat[at + j] = at + j + 1 if j < k - 1 else ENDOFCHAIN
        at += k
    if fat_patch:
        for i, v in fat_patch.items():
            fat[i] = v
    d = dir_entry("Root Entry", 5, ENDOFCHAIN, 0, child=1)
    for i, (name, data, k) in enumerate(bodies):
        size = len(data) if not sizes or sizes[i] is None else sizes[i]
        right = i + 2 if i + 1 < len(bodies) else NOSTREAM
        d += dir_entry(name, 2, starts[i], size, right=right)
    d = d.ljust(512 * ((len(d) + 511) // 512), b"\0")
    assert len(d) == 512, "one directory sector"
    h = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    h += b"\0" * 6 + struct.pack("<I", 0)  # dir sectors (v3: 0)
    h += struct.pack("<I", 0 if no_fat else nfat)
    h += struct.pack("<I", dsec if dir_start is None else dir_start)
    h += struct.pack("<I", 0) + struct.pack("<I", 4096)
    h += struct.pack("<IIII", ENDOFCHAIN, 0, ENDOFCHAIN, 0)
    difat = [FREESECT] * 109
    if not no_fat:
        for i in range(nfat):
            difat[i] = i
    h += b"".join(struct.pack("<I", x) for x in difat)
    assert len(h) == 512
    body = b"".join(struct.pack("<I", x) for x in fat) + d
    for _, data, k in bodies:
        body += data.ljust(k * 512, b"\0")
    return h + body

# ---------- BIFF8 ----------
def rec(typ, data):
    return struct.pack("<HH", typ, len(data)) + data

def bof(dt):
    return rec(0x0809, struct.pack("<HH", 0x0600, dt) + b"\0" * 12)

EOF_REC = rec(0x000A, b"")

def xls(sheets, globals_extra=b"", sheet_names=None):
    """sheets: list of record-bytes for each sheet substream; sheet_names: list of
    (name, index of the substream) to write BOUNDSHEETs (default one per substream)."""
    names = sheet_names or [("S%d" % i, i) for i in range(len(sheets))]
    def bound(pos, name):
        n = name.encode("latin-1")
        return rec(0x0085, struct.pack("<I", pos) + b"\0\0" + bytes([len(n), 0]) + n)
    head_len = len(bof(5)) + len(globals_extra) + sum(len(bound(0, n)) for n, _ in names) + len(EOF_REC)
    pos = []
    at = head_len
    subs = []
    for s in sheets:
        sub = bof(0x10) + s + EOF_REC
        pos.append(at)
        at += len(sub)
        subs.append(sub)
    g = bof(5) + globals_extra + b"".join(bound(pos[i], n) for n, i in names) + EOF_REC
    return ole([("Workbook", g + b"".join(subs))])

def number(r, c, v):
    return rec(0x0203, struct.pack("<HHHd", r, c, 0, v))

def label_sst(r, c, i):
    return rec(0x00FD, struct.pack("<HHHI", r, c, 0, i))

def sst_long_string(chars):
    """An SST of one string of `chars` UTF-16 characters (汉), split over CONTINUE records."""
    body = struct.pack("<II", 1, 1) + struct.pack("<HB", chars, 1)
    text = "汉".encode("utf-16-le") * chars
    first = 8224 - len(body)
    first -= first % 2
    out = rec(0x00FC, body + text[:first])
    text = text[first:]
    while text:
        chunk = text[:8222]
        out += rec(0x003C, b"\x01" + chunk)
        text = text[8222:]
    return out

# X1: one sheet referenced by many BOUNDSHEETs (calamine parses each)
cells = b"".join(number(r, c, 1.0) for r in range(200) for c in range(50))  # 10 000 cells
put("xls-boundsheet-amplify.xls", xls([cells], sheet_names=[("S%d" % i, 0) for i in range(3000)]))
# X2: one 65 535-character shared string, 100 000 cells pointing at it
put("xls-sst-amplify.xls", xls([b"".join(label_sst(r % 60000, r // 60000, 0) for r in range(100_000))],
                                 globals_extra=sst_long_string(65535)))
# X3: calamine's compound-file reader: no FAT, a directory chain into nothing
put("ole-no-fat.xls", ole([("Workbook", bof(5) + EOF_REC)], no_fat=True))
# X4: directory chain that loops on itself
put("ole-dir-loop.xls", ole([("Workbook", bof(5) + EOF_REC)], fat_patch={1: 1}))
# X5: a stream whose chain loops, claiming 4 GB
put("ole-stream-loop.xls", ole([("Workbook", bof(5) + EOF_REC)], fat_patch={9: 2}, sizes=[0xFFFFFFF0]))
# X6: MERGECELLS claiming 65535 ranges in a short record; and many whole-sheet merges
put("xls-merge-claims.xls", xls([number(0, 0, 1) + rec(0x00E5, struct.pack("<H", 65535) + struct.pack("<HHHH", 0, 65535, 0, 255))]))
mc = b"".join(rec(0x00E5, struct.pack("<H", 1000) + struct.pack("<HHHH", 0, 65535, 0, 255) * 1000) for _ in range(100))
put("xls-many-huge-merges.xls", xls([number(0, 0, 1) + number(5, 5, 1) + mc]))
# X7: a label with cch 65535 and no text; a formula string huge
put("xls-label-claims.xls", xls([rec(0x0204, struct.pack("<HHHHB", 0, 0, 0, 65535, 1))]))
# X8: BIFF record lengths past the stream
put("xls-record-past-end.xls", xls([number(0, 0, 1) + struct.pack("<HH", 0x0203, 0xFFFF)]))

# ---------- xlsx ----------
CT = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
WB = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{}</sheets></workbook>'
WBRELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

def xlsx(sheet_xml, sst=None, styles=None, nsheets=1, extra=(), same_part=False):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB.format("".join('<sheet name="S%d" sheetId="%d" r:id="rId%d"/>' % (i, i + 1, i + 1) for i in range(nsheets))))
        z.writestr("xl/_rels/workbook.xml.rels", WBRELS.format("".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, 1 if same_part else i + 1) for i in range(nsheets))))
        z.writestr("xl/sharedStrings.xml", sst or '<sst %s count="1" uniqueCount="1"><si><t>x</t></si></sst>' % NS)
        z.writestr("xl/styles.xml", styles or '<styleSheet %s/>' % NS)
        for i in range(1 if same_part else nsheets):
            z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), sheet_xml)
        for n, d in extra:
            z.writestr(n, d)
    return b.getvalue()

def sheet(inner, before=""):
    return '<?xml version="1.0"?><worksheet %s>%s<sheetData>%s</sheetData>%s</worksheet>' % (NS, before, inner, "")

def sheet_after(inner, after):
    return '<?xml version="1.0"?><worksheet %s><sheetData>%s</sheetData>%s</worksheet>' % (NS, inner, after)

one = '<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>'
put("xlsx-dimension.xlsx", xlsx(sheet(one, '<dimension ref="A1:XFD1048576"/>')))
put("xlsx-cols.xlsx", xlsx(sheet(one, '<cols>' + '<col min="1" max="16384" width="9"/>' * 100000 + '</cols>')))
put("xlsx-styles-count.xlsx", xlsx(sheet(one), styles='<styleSheet %s><numFmts count="99999999999"><numFmt numFmtId="164" formatCode="0%%"/></numFmts><cellXfs count="18446744073709551615"><xf numFmtId="164"/></cellXfs></styleSheet>' % NS))
put("xlsx-many-styles.xlsx", xlsx(sheet(one), styles='<styleSheet %s><cellXfs count="1">%s</cellXfs></styleSheet>' % (NS, '<xf numFmtId="0"/>' * 2_000_000)))
put("xlsx-merge-count.xlsx", xlsx(sheet_after(one, '<mergeCells count="100000000000"><mergeCell ref="A1:B2"/></mergeCells>')))
put("xlsx-merge-huge.xlsx", xlsx(sheet_after(one, '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')))
put("xlsx-many-merges.xlsx", xlsx(sheet_after(one, '<mergeCells>' + ''.join('<mergeCell ref="A%d:XFD%d"/>' % (i, i) for i in range(1, 200001)) + '</mergeCells>')))
put("xlsx-many-overlapping-merges.xlsx", xlsx(sheet_after(one, '<mergeCells>' + '<mergeCell ref="A1:XFD1048576"/>' * 200000 + '</mergeCells>')))
put("xlsx-far-cell.xlsx", xlsx(sheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')))
put("xlsx-beyond-cell.xlsx", xlsx(sheet('<row r="99999999999"><c r="XFDD99999999999"><v>1</v></c></row>')))
put("xlsx-huge-numbers.xlsx", xlsx(sheet('<row r="1">' + ''.join('<c r="%s1"><v>%s</v></c>' % (c, v) for c, v in zip("ABCDEF", ["1e308", "1e999999", "NaN", "-inf", "1" * 400, "0." + "1" * 400])) + '</row>')))
# S1: one long shared string referenced by many cells
big = "汉" * 300_000  # 900 KB, under the 1 MB cell limit
put("xlsx-sst-amplify.xlsx", xlsx(sheet("".join('<row r="%d">%s</row>' % (r, "".join('<c r="%s%d" t="s"><v>0</v></c>' % (c, r) for c in "ABCDEFGHIJ")) for r in range(1, 2001))),
                                  sst='<sst %s count="1" uniqueCount="1"><si><t>%s</t></si></sst>' % (NS, big)))
# many sheets sharing one part
put("xlsx-sheets-one-part.xlsx", xlsx(sheet("".join('<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(1, 20001))), nsheets=2000, same_part=True))
# many zip entries
put("xlsx-many-entries.xlsx", xlsx(sheet(one), extra=[("x/%d.xml" % i, "") for i in range(100_000)]))
# a zip inside the xlsx, and a 10^4-deep element nesting
put("xlsx-nested-zip.xlsx", xlsx(sheet(one), extra=[("xl/embeddings/a.xlsx", xlsx(sheet(one)))]))
put("xlsx-deep-xml.xlsx", xlsx(sheet('<row r="1"><c r="A1" t="inlineStr"><is>' + "<r>" * 200000 + "</r>" * 200000 + '</is></c></row>')))
# zip64 / size claims: a local header claiming 2^64-1 (written by patching)
z = bytearray(xlsx(sheet(one)))
i = z.find(b"PK\x01\x02")
while i >= 0:
    z[i + 24:i + 28] = b"\xff\xff\xff\xfe"
    i = z.find(b"PK\x01\x02", i + 4)
put("xlsx-size-claims.xlsx", bytes(z))

# ---------- ODS: a long string repeated ----------
def ods(content):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
    return b.getvalue()

ODSNS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
put("ods-long-repeated.ods", ods('<?xml version="1.0"?><office:document-content %s><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="100"><table:table-cell office:value-type="string" table:number-columns-repeated="1000"><text:p>%s</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>' % (ODSNS, "x" * 100_000)))

# ---------- docx ----------
def docx(body):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % body)
    return b.getvalue()

tc = lambda t, pr="": "<w:tc><w:tcPr>%s</w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>" % (pr, t)
put("docx-gridspan.docx", docx("<w:tbl>" + "<w:tr>%s</w:tr>" % (tc("a", '<w:gridSpan w:val="100000000"/>') * 20) * 1000 + "</w:tbl>"))
put("docx-gridbefore.docx", docx("<w:tbl>" + '<w:tr><w:trPr><w:gridBefore w:val="4294967295"/></w:trPr>%s</w:tr>' % tc("a") * 1000 + "</w:tbl>"))
put("docx-vmerge-chain.docx", docx("<w:tbl>" + "<w:tr>%s</w:tr>" % tc("a", '<w:vMerge w:val="restart"/>') + "<w:tr>%s</w:tr>" % tc("", "<w:vMerge/>") * 200000 + "</w:tbl>"))
put("docx-nested-tables.docx", docx("<w:tbl><w:tr><w:tc>" * 100000 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 100000))
put("docx-wide-row.docx", docx("<w:tbl><w:tr>" + tc("a", '<w:gridSpan w:val="1000"/>') * 100 + "</w:tr>" * 10000 + "</w:tbl>"))
put("docx-many-tables.docx", docx(("<w:tbl><w:tr>%s</w:tr></w:tbl>" % tc("a")) * 300000))

# ---------- .doc: overlapping pieces ----------
def doc_with(text, npieces):
    word = bytearray(b"\0" * 0x400)
    # FIB: wIdent, nFib 0xC1 (Word 97), flags (fWhichTblStm = bit 9), ...
    struct.pack_into("<HH", word, 0, 0xA5EC, 0xC1)
    struct.pack_into("<H", word, 0x0A, 0x0200)
    # FibBase is 32 bytes; csw=14 then fibRgW (28 bytes); cslw=22 then fibRgLw (88 bytes)
    struct.pack_into("<H", word, 32, 14)
    struct.pack_into("<H", word, 62, 22)
    ccp = len(text)
    struct.pack_into("<I", word, 64 + 12, ccp)  # ccpText (fibRgLw[3])
    rgfc_at = 64 + 88
    struct.pack_into("<H", word, rgfc_at, 93)  # cbRgFcLcb
    fc_text = 0x800
    word = word.ljust(fc_text, b"\0") + text.encode("latin-1")
    plc = b"".join(struct.pack("<I", x) for x in ([0] * npieces + [ccp]))
    # each piece claims characters 0..ccp: cp must be non-decreasing per piece entry,
    # so every piece starts at 0 and the last boundary is ccp; pieces 0..n-2 are empty
    # except that they can be given cp_end = ccp too by writing boundaries [0, ccp, 0?]
    cps = [0, ccp] * npieces
    plc = b"".join(struct.pack("<I", x) for x in cps[: npieces + 1])
    pcds = b"".join(struct.pack("<HIH", 0, 0x40000000 | (fc_text * 2), 0) for _ in range(npieces))
    clx = b"\x02" + struct.pack("<I", len(plc) + len(pcds)) + plc + pcds
    table = bytearray(b"\0" * 16) + clx
    # fcClx / lcbClx are pair 33 of fibRgFcLcb97
    struct.pack_into("<II", word, rgfc_at + 2 + 33 * 8, 16, len(clx))
    return ole([("WordDocument", bytes(word)), ("1Table", bytes(table))])

put("doc-overlapping-pieces.doc", doc_with("a\x07b\x07\x07\r" * 100000, 2001))

# ---------- html / mhtml ----------
put("html-colspan.html", "<table>" + "<tr>" + "<td colspan=1000000000>x</td>" * 100 + "</tr>" * 1 + "<tr><td>项目名称</td></tr>" * 10 + "</table>")
put("html-rowspan.html", "<table><tr>" + "<td rowspan=65534>x</td>" * 1000 + "</tr>" + "<tr></tr>" * 65000 + "</table>")
put("html-rowspan-wide.html", "<table>" + ("<tr>" + "<td rowspan=65534>x</td>" * 20 + "</tr>") * 60000 + "</table>")
put("html-nested-tables.html", "<table><tr><td>" * 200000 + "x" + "</td></tr></table>" * 200000)
put("html-nested-unclosed.html", "<table><tr><td>" * 300000)
put("html-deep-tags.html", "<div>" * 1000000 + "<table><tr><td>项目名称</td></tr></table>")
put("html-many-attrs.html", "<table><tr><td " + " ".join("a%d=1" % i for i in range(500000)) + ">x</td></tr></table>")
page = "<html><table>" + "<tr><td>项目名称</td><td>x</td></tr>" * 1000 + "</table></html>"
put("mhtml-base64.mhtml", "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(page.encode() * 200).decode() + "\r\n--b--\r\n")
put("mhtml-many-parts.mhtml", "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n" + "--b\r\nContent-Type: image/png\r\n\r\nx\r\n" * 500000 + "--b\r\nContent-Type: text/html\r\n\r\n" + page + "\r\n--b--\r\n")
put("mhtml-no-boundary-end.mhtml", "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"" + "b" * 100000 + "\"\r\n\r\n" + ("--" + "b" * 99999 + "\r\n") * 200 + "--" + "b" * 100000 + "\r\nContent-Type: text/html\r\n\r\n" + page)
put("mhtml-nested.mhtml", ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n") * 20000 + page)

# ---------- YAML (rules, actuals) ----------
put("rules-long-key.yaml", "rules:\n  - id: a\n    " + "k" * 10_000_000 + ": 1\n")
put("rules-many-docs.yaml", "---\n" * 2_000_000)
put("rules-wide-flow.yaml", "rules: [" + "{}," * 2_000_000 + "]\n")
put("rules-flat-and.yaml", "rules:\n  - id: a\n    when: " + " and ".join(['indicator ~ "a"'] * 100000) + "\n    then: {finding: x}\n")
put("actuals-long-key.yaml", "项目:\n  " + "k" * 10_000_000 + ": 1\n")
put("actuals-huge-numbers.yaml", "项目A:\n  指标1: 1e999999\n  指标2: 10000000000000000000000000000000000000000\n  指标3: 0.1234567890123456789012345678901234\n")
put("actuals-many-docs.yaml", "---\n" * 2_000_000)
print("\n".join(sorted(os.listdir(OUT))))
