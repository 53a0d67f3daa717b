"""What the hostile probe scripts share (`probe15.py`, `probe16.py`): the output folder and the
binary from the command line (`SCRIPT DIR BIN [SECTIONS]`), writing a case, running the binary on
it under `prlimit --as` 4 GB and `/usr/bin/time`, the sections asked for, and the small writers of
text tables, pages and column letters."""
import html, os, subprocess, sys

OUT, BIN = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ONLY = sys.argv[3:]
os.makedirs(OUT, exist_ok=True)


def path(name):
    return os.path.join(OUT, name)


def put(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path(name), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
        f.write(data)
    return name


def run(args, label=""):
    t = path(".time")
    p = subprocess.run(["/usr/bin/time", "-o", t, "-f", "%U %S %M", "prlimit", "--as=%d" % (4 << 30),
                        "timeout", "300", BIN] + args, cwd=OUT, capture_output=True)
    u, s, kb = open(t).read().split()[-3:]
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    panic = "PANIC" if "panicked" in err else ""
    print("%-44s exit %3d  %6.2f s  %5d MB  %s" % (label or " ".join(args)[:44], p.returncode,
                                                  float(u) + float(s), int(kb) // 1024, panic))
    return p.returncode, out, err


def section(name):
    return not ONLY or name in ONLY


def tsv(name, rows, enc="utf-8", sep="\t"):
    return put(name, "".join(sep.join(str(c) for c in r) + "\r\n" for r in rows).encode(enc))


def page(name, body):
    return put(name, "<html><head><meta charset=utf-8></head><body>%s</body></html>" % body)


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
