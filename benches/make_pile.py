#!/usr/bin/env python3
"""A pile of N distinct self-evaluation forms for the pile measurements (benches/README.md).

    python3 benches/make_pile.py N OUT_DIR

Each form is a copy of one of tests/fixtures/forms (xlsx, docx, GBK csv, in turn) with its
unit's name made unique (`…单位 #17`), so every file is a table of its own, not a copy of
another. Delete OUT_DIR when done.
"""
import io
import os
import sys
import zipfile

ROOT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "forms")
# (file, the unit's name as written in it)
SOURCES = [
    ("f01-tianchang-water-2022-selfeval.xlsx", "天长市水利局"),
    ("f02-zhongjiang-water-2022-selfeval.docx", "中江县水利局"),
    ("f01-tianchang-water-2022-selfeval-gbk.csv", "天长市水利局"),
    ("f03-yongde-minglang-school-2022-selfeval.xlsx", "永德县明朗中学"),
    ("f03-yongde-minglang-school-2022-selfeval.docx", "永德县明朗中学"),
    ("f05-district-commerce-2020-selfeval.xlsx", "投资促进中心"),
]
XML = ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "word/document.xml")


def rezip(data, old, new):
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            b = src.read(info.filename)
            if info.filename in XML:
                b = b.replace(old.encode(), new.encode())
                # written as character references by some writers
                ent = lambda t: "".join(c if c.isascii() else f"&#{ord(c)};" for c in t)
                b = b.replace(ent(old).encode(), ent(new).encode())
            z.writestr(info, b)
    return out.getvalue()


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    datas = [(f, u, open(os.path.join(ROOT, f), "rb").read()) for f, u in SOURCES]
    for i in range(n):
        f, unit, data = datas[i % len(datas)]
        new = f"{unit} #{i}"
        stem, ext = os.path.splitext(f)
        if ext == ".csv":
            b = data.decode("gbk").replace(unit, new).encode("gbk")
        else:
            b = rezip(data, unit, new)
        with open(os.path.join(out, f"{i:05d}-{stem}{ext}"), "wb") as fh:
            fh.write(b)


if __name__ == "__main__":
    main()
