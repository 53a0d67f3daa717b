"""A version-3 compound file (OLE2) of one stream, written by hand: what an Excel workbook of
BIFF records is stored in. Shared by `reproduce27.py` (a `Workbook` stream, BIFF8) and
tests/fixtures/formats/raised_runs_binary.py (a `Book` stream, Excel 5's BIFF5)."""
import struct


def ole(stream, name="Workbook"):
    """A version-3 compound file of one stream `name` (padded to 4 KB: no mini stream)."""
    data = stream.ljust(max(len(stream), 4096), b"\0")
    k = (len(data) + 511) // 512
    fat = [0xFFFFFFFF] * 128
    fat[0] = 0xFFFFFFFD
    fat[1] = 0xFFFFFFFE
    for j in range(k):
        fat[2 + j] = 2 + j + 1 if j < k - 1 else 0xFFFFFFFE
    assert 2 + k <= 128

    def entry(n, typ, start, size, child=0xFFFFFFFF):
        n = (n + "\0").encode("utf-16-le")
        e = n.ljust(64, b"\0") + struct.pack("<HBB", len(n), typ, 1)
        e += struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, child) + b"\0" * 36
        return e + struct.pack("<II", start, size) + b"\0" * 4

    d = (entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + entry(name, 2, 2, len(data))).ljust(512, b"\0")
    h = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    h += b"\0" * 6 + struct.pack("<IIIII", 0, 1, 1, 0, 4096) + struct.pack("<IIII", 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    h += struct.pack("<I", 0) + struct.pack("<I", 0xFFFFFFFF) * 108
    return h + b"".join(struct.pack("<I", x) for x in fat) + d + data.ljust(k * 512, b"\0")
