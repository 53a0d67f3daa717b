"""What probe26.py and probe27.py share: the three-line table, its lines, and the writers of a
case's size, its verbs' runs and a zip of parts."""
import io, os, zipfile

from probe_kit import OUT, put, run

TSV = ("项目名称\t一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\n"
       "甲\t产出指标\t数量指标\t培训人数\t≥100人\t120人\t50\n"
       "甲\t产出指标\t质量指标\t结业率\t≥90%\t95%\t50\n")
LINES = [l.split("\t") for l in TSV.strip().split("\n")]


def size(name):
    print("   (%s: %d KB)" % (name, os.path.getsize(os.path.join(OUT, name)) >> 10))


def verbs(name, *more):
    for verb in (["inspect", name], ["evaluate", name, "--format", "json"] + list(more)):
        code, out, err = run(verb, " ".join(verb)[:44])
        if "panicked" in err or code not in (0, 1, 2):
            print("   " + err[:400])
        elif code == 2:
            print("   " + (err.strip().splitlines() or [""])[0][:170])


def zipped(name, parts):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts:
            # an OpenDocument's `mimetype` first and stored, as the format says
            z.writestr(n, data, zipfile.ZIP_STORED if n == "mimetype" else zipfile.ZIP_DEFLATED)
    return put(name, b.getvalue())


