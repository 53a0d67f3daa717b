"""What the server-side probes share (`probe_web.py`, `probe3_web.py`, `probe4_web.py`): start
`BIN serve` on a loopback port, and speak HTTP/1.1 to it by hand (raw bytes, so that framing the
probes get wrong on purpose stays wrong). `start` sets `PORT` and `HOST`, which the helpers read
when they are called; `proc_cpu` is the CPU the server has spent (`reproduce27.py`, `case`);
`api` and `case` post to the API and time one case (`probe17_web.py`, `probe18_web.py`)."""
import os, re, socket, subprocess, threading, time

PORT = None
HOST = None


def start(bin_path, args=(), log=None):
    """`BIN serve --port 0 ARGS…`, its port read from its first lines; its stderr after them goes
    to the list `log` (or is drained)."""
    global PORT, HOST
    srv = subprocess.Popen([bin_path, "serve", "--port", "0", *args], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    for line in srv.stderr:
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            PORT = int(m.group(1))
            break
    sink = log if log is not None else []
    threading.Thread(target=lambda: [sink.append(l) if log is not None else None for l in srv.stderr],
                     daemon=True).start()
    HOST = b"Host: 127.0.0.1:%d\r\n" % PORT
    return srv


def conn(timeout=30):
    s = socket.create_connection(("127.0.0.1", PORT))
    s.settimeout(timeout)
    return s


def read_all(s):
    chunks = []
    try:
        while True:
            k = s.recv(1 << 16)
            if not k:
                break
            chunks.append(k)
    except OSError:
        pass
    return b"".join(chunks)


def status_of(raw):
    return raw.split(b" ", 2)[1].decode() if raw.startswith(b"HTTP/") else "none"


def raw(data, timeout=30):
    s = conn(timeout)
    try:
        s.sendall(data)
    except OSError:
        pass
    out = read_all(s)
    s.close()
    return out


def multipart(parts, boundary=b"probe"):
    out = []
    for name, filename, data in parts:
        disp = b'form-data; name="%s"' % name
        if filename is not None:
            disp += b'; filename="%s"' % filename
        out.append(b"--" + boundary + b"\r\nContent-Disposition: " + disp + b"\r\n\r\n" + data + b"\r\n")
    out.append(b"--" + boundary + b"--\r\n")
    return b"multipart/form-data; boundary=" + boundary, b"".join(out)


def post(path, ctype, body, extra=b"", close=True):
    return (b"POST %s HTTP/1.1\r\n" % path.encode() + HOST + b"Content-Type: " + ctype +
            b"\r\nContent-Length: %d\r\n" % len(body) + (b"Connection: close\r\n" if close else b"") +
            extra + b"\r\n" + body)


def get_root():
    try:
        return status_of(raw(b"GET / HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n", 10))
    except OSError as e:
        return "down:" + repr(e)[:40]


def proc_cpu(pid):
    """User + system seconds of a process and its reaped children (`/proc/PID/stat`), 0 once it
    is gone."""
    try:
        st = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in st[11:15]) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def api(path, parts=None, body=None, ctype=b"text/plain", timeout=120, codes=rb"(?:web|table)\.[a-z-]+"):
    """POST `body` (or the multipart body of `parts`) to `path`: the status and the first two
    finding codes (`codes`) of the answer."""
    if parts is not None:
        ctype, body = multipart(parts)
    out = raw(post(path, ctype, body, b""), timeout)
    return status_of(out), re.findall(codes, out)[:2]


def case(srv, name, f, width=50, note=""):
    """Run `f` and print one line: `name` (padded to `width`), what `f` gave (or its exception),
    the wall time, the CPU `srv` spent over it and half a second after (`note` beside it), and
    whether `GET /` still answers."""
    c0, t0 = proc_cpu(srv.pid), time.time()
    try:
        got = f()
    except Exception as e:  # noqa: BLE001 - a probe reports, never stops
        got = "error " + repr(e)[:80]
    took = time.time() - t0
    time.sleep(0.5)
    cpu = proc_cpu(srv.pid) - c0
    alive = srv.poll() is None
    print("%-*s %-40s %6.2f s wall %6.2f s cpu%s  GET / %s%s" % (
        width, name, str(got)[:40], took, cpu, note, get_root() if alive else "-",
        "" if alive else "  SERVER DOWN"), flush=True)
