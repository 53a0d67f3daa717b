#!/usr/bin/env python3
"""A tab-separated sheet (`synth` output) as one flat .xlsx sheet, as a bureau's export holds it.

    python3 benches/tsv_to_xlsx.py SHEET.tsv OUT.xlsx

Text goes to the shared-string table (as Excel writes it), a cell that reads as a plain decimal
is a number (style 1, format `0.00`, where it is written with two decimals), the first row is
merged across the header's columns (a title row: the sheet's `<mergeCells>` comes after its
`<sheetData>`, as in every real export). Standard library only; the sheet's XML is written to
the zip as it is made (memory flat in the rows). A benchmark helper (benches/README.md, H94).
"""

import re
import sys
import zipfile
from xml.sax.saxutils import escape

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def column(k):
    s = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(65 + r) + s
    return s


def main(src, dst):
    strings = {}
    order = []
    width = 1
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
            w.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheetData>"
            )
            with open(src, encoding="utf-8") as f:
                for r, line in enumerate(f, start=1):
                    cells = line.rstrip("\n").split("\t")
                    width = max(width, len(cells))
                    out = [f'<row r="{r}">']
                    for c, text in enumerate(cells):
                        if not text:
                            continue
                        at = f"{column(c)}{r}"
                        if NUMBER.fullmatch(text):
                            style = ' s="1"' if re.fullmatch(r"-?[0-9]+\.[0-9]{2}", text) else ""
                            out.append(f'<c r="{at}"{style}><v>{text}</v></c>')
                        else:
                            i = strings.get(text)
                            if i is None:
                                i = strings[text] = len(order)
                                order.append(text)
                            out.append(f'<c r="{at}" t="s"><v>{i}</v></c>')
                    out.append("</row>")
                    w.write("".join(out).encode())
            w.write(
                f'</sheetData><mergeCells count="1"><mergeCell ref="A1:{column(width - 1)}1"/>'
                f"</mergeCells></worksheet>".encode()
            )
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as w:
            w.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                f'count="{len(order)}" uniqueCount="{len(order)}">'.encode()
            )
            for s in order:
                w.write(f"<si><t>{escape(s)}</t></si>".encode())
            w.write(b"</sst>")
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="绩效自评表" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "xl/styles.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>",
        )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: tsv_to_xlsx.py SHEET.tsv OUT.xlsx")
    main(sys.argv[1], sys.argv[2])
