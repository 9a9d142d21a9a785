#!/usr/bin/python3
"""Capture gunicorn access lines, with the text each atom produced, from the real gunicorn.

For each format in FORMATS, Debian's gunicorn serves this module's WSGI `app` on 127.0.0.1 (a free
port, one sync worker) with `--access-logfile FILE --access-logformat FORMAT` and
`--logger-class capture_gunicorn.RecordingLogger`. The requests in REQUESTS go over raw sockets, so
their bytes are exactly these (quotes, spaces, tabs, backslashes and UTF-8 in paths, user agents,
referers and headers; missing and empty headers; HEAD; a 1 MB body; a view that raises). Then
gunicorn is stopped with SIGTERM to its PID.

RecordingLogger is gunicorn's own Logger: its `access` runs unchanged and writes the line. It also
keeps the dict `atoms()` returned and, from gunicorn's own `atoms_wrapper_class` (SafeAtoms),
computes what each placeholder of the format printed (`'%(a)s' % safe_atoms`: gunicorn formats the
whole format with `msg % safe_atoms`, glogging.py Logger.access, logging's LogRecord.getMessage), and
appends that to a JSON-lines file. The script checks that the line it computes is the line gunicorn
wrote, in order, and writes fixtures/gunicorn/<name>.log (gunicorn's file, as written) and
fixtures/gunicorn/<name>.json (the format, the time zone, each line's atoms).

    /usr/bin/python3 scripts/capture_gunicorn.py [--out DIR]
"""
import argparse
import base64
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    from gunicorn.glogging import Logger
except ImportError:  # imported by the test only through the child process
    Logger = object

PY = "/usr/bin/python3"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "gunicorn"

DEFAULT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'  # config.py AccessLogFormat.default

# name, access_log_format, TZ. Every atom of glogging.py Logger.atoms(), quoted and not, %(t)s first,
# in the middle and last, numbers with conversions, request and response headers, environ variables.
FORMATS = [
    ("default", DEFAULT, "UTC"),
    ("default-kolkata", DEFAULT, "Asia/Kolkata"),
    ("all-atoms", '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(m)s "%(U)s" "%(q)s" %(H)s %(s)s %(B)s %(b)s "%(f)s" "%(a)s" %(T)s %(D)s %(M)s %(L)s %(p)s', "America/St_Johns"),
    ("time-first", '%(t)s %(h)s "%(r)s" %(s)s %(b)s %(L)s', "UTC"),
    ("time-last", '%(h)s "%(m)s %(U)s?%(q)s" %(s)s %(D)sus %(t)s', "Asia/Kathmandu"),
    ("headers", '%(h)s "%(r)s" %(s)s "%({x-request-id}i)s" "%({User-Agent}i)s" "%({content-type}o)s" "%({x-missing}i)s" %({remote_port}e)s %({server_name}e)s %(t)s', "UTC"),
    ("json-ish", '{"remote": "%(h)s", "time": "%(t)s", "request": "%(r)s", "status": %(s)s, "bytes": %(B)d, "ms": %(M)d, "agent": "%(a)s"}', "UTC"),
    ("numbers", '%(t)s %(s)s %(B)10d %(T)d %(D)x %(M)05d %(L)s %(p)s%% done', "Europe/Berlin"),
    ("unknown-atoms", '%(h)s %(x)s [%(message)s] %(t)s %(s)s', "UTC"),
]

UA_HOSTILE = 'Mozilla/5.0 (X11; "quoted" \\ back\\slash; caf\u00e9 \u65e5\u672c) tab\there'
REFERER = 'https://example.com/a "b" c?d=e&f=%22g%22'


def auth(user):
    return "Basic " + base64.b64encode(f"{user}:secret".encode()).decode()


# Each: the request line (bytes, sent as they are) and headers. The app answers by path.
REQUESTS = [
    (b"GET / HTTP/1.1", {}),
    (b"GET /hello?name=world&x=1 HTTP/1.1", {"User-Agent": "curl/7.88.1", "Referer": "http://127.0.0.1/"}),
    (b'GET /quote"d/pa"th?q="x" HTTP/1.1', {"User-Agent": UA_HOSTILE, "Referer": REFERER}),
    ("GET /caf\u00e9/\u65e5\u672c?\u00fc=1 HTTP/1.1".encode(), {"User-Agent": "\u00fcnicode-agent/1.0 \u2603"}),
    (b"GET /caf%C3%A9/a%20b%22c%5C?sp=a%20b HTTP/1.1", {"User-Agent": ""}),
    (b"GET /tab\there HTTP/1.1", {"Referer": ""}),
    (b"HEAD /head HTTP/1.1", {"User-Agent": "head-check"}),
    (b"POST /upload HTTP/1.1", {"Content-Type": "application/octet-stream", "Content-Length": "1048576", "_body": b"x" * 1048576}),
    (b"GET /big HTTP/1.1", {"User-Agent": "big"}),
    (b"GET /missing HTTP/1.0", {}),
    (b"GET /boom HTTP/1.1", {"User-Agent": "boom"}),
    (b"DELETE /items/42 HTTP/1.1", {"Authorization": auth("jane doe"), "X-Request-Id": "4f7c2a9e-1b3d"}),
    (b"PUT /items/43 HTTP/1.1", {"Authorization": auth('o"brien \u00e9'), "X-Request-Id": 'id "with" quotes'}),
    (b"OPTIONS * HTTP/1.1", {}),
    (b"GET /slow HTTP/1.1", {"X-Request-Id": "-"}),
    (b"GET //double//slash/?a=%25&b=%%20 HTTP/1.1", {"User-Agent": "ends with backslash\\"}),
    (b"GET /brackets[1]/{2}/<3>/(4) HTTP/1.1", {"User-Agent": "] [ ) ( } {", "Referer": "-"}),
]


def app(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/boom":
        raise RuntimeError("boom")
    if path == "/slow":
        time.sleep(1.1)
    if path == "/missing":
        start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", "9")])
        return [b"not found"]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    read = len(environ["wsgi.input"].read(length)) if length else 0
    body = b"y" * 3000000 if path == "/big" else f"ok {read}\n".encode()
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))), ("X-Served-By", 'node "a"')])
    return [body]


class RecordingLogger(Logger):
    """gunicorn's Logger; `access` also records what each placeholder printed, from gunicorn's own atoms."""

    def atoms(self, resp, req, environ, request_time):
        self._atoms = super().atoms(resp, req, environ, request_time)
        return self._atoms

    def access(self, resp, req, environ, request_time):
        self._atoms = None
        super().access(resp, req, environ, request_time)
        if self._atoms is None:
            return
        fmt = self.cfg.access_log_format
        safe = self.atoms_wrapper_class(self._atoms)
        fields = {}
        for m in PLACEHOLDER.finditer(fmt):
            if m.group("key") is None:
                continue
            key = m.group("key")
            text = m.group(0) % safe
            # A width pads with spaces (a '0' flag pads a number with zeros, which are its digits): a
            # field's text is the value without them, as pylogrx captures it.
            if m.group("width") and "0" not in m.group("flags"):
                text = text.strip(" ")
            fields[key.lower() if key.startswith("{") else key] = text
        with open(os.environ["PYLOGRX_ATOMS"], "a", encoding="utf-8") as out:
            out.write(json.dumps({"line": fmt % safe, "fields": fields}, ensure_ascii=False) + "\n")


# A placeholder of Python's % operator on a mapping, or '%%'.
PLACEHOLDER = re.compile(r"%%|%\((?P<key>[^)]*)\)(?P<flags>[#0\- +]*)(?P<width>\d*)(?:\.\d*)?[hlL]?[diouxXeEfFgGcrsa]")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def send(port, line, headers):
    headers = dict(headers)
    body = headers.pop("_body", b"")
    head = line + b"\r\nHost: 127.0.0.1:%d\r\n" % port
    for k, v in headers.items():
        head += k.encode() + b": " + v.encode("utf-8") + b"\r\n"
    head += b"Connection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head + body)
        while s.recv(65536):
            pass


def wait_listening(port, proc):
    for _ in range(200):
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited: {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("gunicorn did not start")


def capture(name, fmt, tz, out):
    with tempfile.TemporaryDirectory() as tmp:
        log, atoms = Path(tmp, "access.log"), Path(tmp, "atoms.jsonl")
        port = free_port()
        env = {**os.environ, "TZ": tz, "LC_ALL": "C.UTF-8", "PYTHONPATH": str(Path(__file__).parent), "PYLOGRX_ATOMS": str(atoms)}
        argv = [PY, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--access-logfile", str(log),
                "--access-logformat", fmt, "--logger-class", "capture_gunicorn.RecordingLogger", "--error-logfile", str(Path(tmp, "error.log")),
                "capture_gunicorn:app"]
        proc = subprocess.Popen(argv, env=env, cwd=tmp)
        try:
            wait_listening(port, proc)
            for line, headers in REQUESTS:
                send(port, line, headers)
        finally:
            time.sleep(0.3)
            os.kill(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        written = log.read_text(encoding="utf-8")
        records = [json.loads(l) for l in atoms.read_text(encoding="utf-8").splitlines()]
    lines = written.split("\n")[:-1]
    if lines != [r["line"] for r in records]:
        raise SystemExit(f"{name}: the lines gunicorn wrote are not the lines its atoms give")
    (out / f"{name}.log").write_text(written, encoding="utf-8")
    doc = {"format": fmt, "tz": tz, "records": records}
    (out / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(records)


def main():
    import gunicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    formats = []
    for name, fmt, tz in FORMATS:
        n = capture(name, fmt, tz, args.out)
        formats.append({"name": name, "format": fmt, "tz": tz, "lines": n})
        print(f"{name}: {n} lines", file=sys.stderr)
    index = {"gunicorn": gunicorn.__version__, "python": sys.version.split()[0], "default": DEFAULT, "formats": formats}
    (args.out / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
