#!/usr/bin/python3
"""Capture what Python web frameworks print with their default logging, with exact ground truth.

Each framework in FRAMEWORKS runs a tiny app from scripts/frameworks on 127.0.0.1, gets the same
requests (200s, a 404, a view that logs a chained exception with logger.exception, one that
logs a message with a newline, one that raises out of the view), and is stopped with SIGTERM
(Scrapy crawls a local http.server and stops by itself; Celery runs tasks instead of requests).
Its stdout and stderr go to one file, so fixtures/frameworks/<name>.log holds the bytes in the
order written, banners, print()s and tracebacks included.

scripts/frameworks/sitecustomize.py (on the child's PYTHONPATH) records the exact text of every
record a logging.Formatter formatted, and which formatter it was. Each text is then found in the
stream (a handler writes it followed by "\n"), which gives fixtures/frameworks/<name>.json: the
formatters, the records' line spans, and the lines no formatter wrote ("other").

Runs with Debian's interpreter and packages, never pyenv's:

    /usr/bin/python3 scripts/capture_frameworks.py [--only NAME ...] [--out DIR]
"""
import argparse
import http.server
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PY = "/usr/bin/python3"
ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "scripts" / "frameworks"
OUT = ROOT / "fixtures" / "frameworks"

# The paths of scripts/frameworks/common.py's views, in the order requested; the last "/" shows
# the server still serving after the uncaught exception.
URLS = ["/", "/hello", "/missing", "/log-exception", "/multiline", "/boom", "/"]


@dataclass
class Framework:
    name: str
    dist: str  # the distribution whose version is recorded
    argv: list  # "{port}" is replaced by a free port; run in scripts/frameworks
    urls: list = field(default_factory=lambda: URLS)  # requested once {port} accepts
    until: str = None  # wait for this text in the log before stopping
    serve: bool = False  # {port} is our own http.server, and the child exits by itself


# Flags are the ones each framework's docs start with; none configures logging. Two turn on
# a log that is off by default, because an access log is what people parse: gunicorn's and
# hypercorn's --access-logfile -. Celery's default level is WARNING, and its docs always run
# workers with --loglevel=INFO.
FRAMEWORKS = [
    Framework("gunicorn", "gunicorn", ["/usr/bin/gunicorn", "--bind", "127.0.0.1:{port}",
                                       "--access-logfile", "-", "wsgi_app:app"]),
    Framework("uvicorn", "uvicorn", [PY, "-m", "uvicorn", "--host", "127.0.0.1", "--port", "{port}",
                                     "asgi_app:app"]),
    # With its autoreloader, as runserver starts by default: the parent restarts itself as a child.
    Framework("django", "Django", ["/usr/bin/django-admin", "runserver", "127.0.0.1:{port}",
                                   "--settings=django_app"]),
    Framework("flask", "Flask", ["/usr/bin/flask", "--app", "flask_app", "run",
                                 "--host", "127.0.0.1", "--port", "{port}"]),
    Framework("tornado", "tornado", [PY, "tornado_app.py", "--port={port}"]),
    # The in-memory broker lives in the worker, so the worker queues its own tasks (celery_app.py).
    Framework("celery", "celery", [PY, "-m", "celery", "-A", "celery_app", "worker", "--pool=solo",
                                   "--loglevel=INFO"], urls=[], until="all tasks ran"),
    Framework("scrapy", "Scrapy", ["/usr/bin/scrapy", "runspider", "scrapy_spider.py",
                                   "-a", "base=http://127.0.0.1:{port}"], urls=[], serve=True),
    Framework("aiohttp", "aiohttp", [PY, "-m", "aiohttp.web", "-H", "127.0.0.1", "-P", "{port}",
                                     "aiohttp_app:init"]),
    Framework("waitress", "waitress", ["/usr/bin/waitress-serve", "--listen=127.0.0.1:{port}",
                                       "wsgi_app:app"]),
    Framework("hypercorn", "hypercorn", ["/usr/bin/hypercorn", "--bind", "127.0.0.1:{port}",
                                         "--access-logfile", "-", "asgi_app:app"]),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(ready, proc, what, timeout=30):
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            raise RuntimeError(f"exited ({proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.1)


def accepts(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def settle(path, quiet=1.0, timeout=15):
    """Wait until nothing is written for `quiet` seconds (access logs come after responses)."""
    size, since, deadline = -1, time.monotonic(), time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = path.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.1)


def fetch(url):
    """GET, reading the whole body: gunicorn logs no access for a client that hangs up early."""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:  # 404, 500: expected
        e.read()
        return e.code


def stop(proc):
    """SIGTERM the child by its PID, as a service manager would, then SIGKILL after a timeout.
    Whatever it leaves behind in its own session (Django's reloaded child) gets the same."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)  # the group of the session started for this child
        except ProcessLookupError:
            return
        for _ in range(50):
            time.sleep(0.1)
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                return


class Site(http.server.BaseHTTPRequestHandler):
    """What the Scrapy spider crawls: 404 for /missing, a page for anything else."""

    def do_GET(self):
        status = 404 if self.path == "/missing" else 200
        body = f"<html><body>{self.path}</body></html>\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep our own stderr quiet
        pass


def run(fw, log_path, records_path):
    """Run one framework, its output into log_path; returns the argv used."""
    port = free_port()
    argv = [a.format(port=port) for a in fw.argv]
    env = dict(os.environ, PYTHONPATH=str(APPS), PYTHONUNBUFFERED="1",
               PYTHONDONTWRITEBYTECODE="1", PYLOGRX_RECORDS=str(records_path))
    site = None
    if fw.serve:
        site = http.server.ThreadingHTTPServer(("127.0.0.1", port), Site)
        threading.Thread(target=site.serve_forever, daemon=True).start()
    with open(log_path, "wb") as f:  # one file description for both: the order as written
        proc = subprocess.Popen(argv, cwd=APPS, env=env, stdin=subprocess.DEVNULL,
                                stdout=f, stderr=f, start_new_session=True)
    try:
        if fw.serve:
            proc.wait(timeout=120)
        if fw.urls:
            wait_for(lambda: accepts(port), proc, f"port {port}")
            for url in fw.urls:
                print(f"  GET {url} -> {fetch(f'http://127.0.0.1:{port}{url}')}")
        if fw.until:
            wait_for(lambda: fw.until in log_path.read_text(errors="replace"), proc, repr(fw.until))
        settle(log_path)
    finally:
        stop(proc)
        if site:
            site.shutdown()
    return argv


# colorama's AnsiToWin32, which werkzeug wraps stderr in when colorama is installed, strips
# these escapes on the way to a stream that is not a tty.
ANSI_CSI = re.compile(r"\x01?\x1b\[[\d;]*[a-zA-Z]\x02?")


def locate(text, entries):
    """Find each formatted text in the stream, as written: (line, end_line, written text, entry)
    in stream order, and the entries not found."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n" and i + 1 < len(text)]
    line_of = {offset: n for n, offset in enumerate(starts)}  # offset -> 0-based line
    claimed, records, unmatched, cursor = set(), [], [], 0

    def find(written, start):
        needle = written + "\n"
        pos = text.find(needle, start)
        while pos != -1:
            first = line_of.get(pos)
            span = range(first, first + needle.count("\n")) if first is not None else None
            if span and not claimed.intersection(span):
                return pos + len(needle), span
            pos = text.find(needle, pos + 1)
        # The last line, cut before its terminator.
        first = line_of.get(len(text) - len(written))
        if text.endswith(written) and first is not None and not claimed.intersection(
                range(first, len(starts))):
            return len(text), range(first, len(starts))
        return None

    for e in entries:
        for written in dict.fromkeys([e["text"], ANSI_CSI.sub("", e["text"])]):
            # Usually after the previous record; earlier when processes or handlers interleave.
            hit = find(written, cursor) or find(written, 0)
            if hit:
                break
        if hit is None:
            unmatched.append(e)
            continue
        cursor, span = hit
        claimed.update(span)
        records.append((span.start + 1, span.stop, written, e))
    records.sort(key=lambda r: r[0])
    return records, unmatched


FORMAT_KEYS = ["fmt", "datefmt", "style", "class", "defaults", "default_time_format",
               "default_msec_format"]


def capture(fw):
    print(f"{fw.name}:")
    log_path = OUT / f"{fw.name}.log"
    with tempfile.TemporaryDirectory() as tmp:
        records_path = Path(tmp) / "records.jsonl"
        argv = run(fw, log_path, records_path)
        entries = [json.loads(l) for l in records_path.read_text().splitlines()] \
            if records_path.exists() else []
    text = log_path.read_bytes().decode("utf-8")
    records, unmatched = locate(text, entries)

    formats, index = [], {}

    def format_of(e):
        f = {k: e[k] for k in FORMAT_KEYS}
        key = json.dumps(f, sort_keys=True)
        if key not in index:
            index[key] = len(formats)
            formats.append(f)
        return index[key]

    def record(line, end, written, e):
        r = {"line": line, "end_line": end, "format": format_of(e), "text": written}
        if written != e["text"]:
            r["formatted"] = e["text"]  # what the formatter returned, before the stream changed it
        return r

    n_lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    in_records = [n for line, end, _, _ in records for n in range(line, end + 1)]
    other = sorted(set(range(1, n_lines + 1)) - set(in_records))
    assert len(in_records) == len(set(in_records)), "records overlap"
    assert sorted(in_records + other) == list(range(1, n_lines + 1)), "a line is unaccounted for"

    meta = subprocess.run([PY, "-c", "import sys, importlib.metadata as m; "
                           f"print(m.version({fw.dist!r})); print(sys.version)"],
                          capture_output=True, text=True, check=True).stdout.split("\n", 1)
    fixture = {
        "framework": fw.name,
        "version": meta[0],
        "python": meta[1].rstrip("\n"),
        "command": argv,
        "formats": formats,
        "records": [record(line, end, written, e) for line, end, written, e in records],
        "other": other,
        # Formatted by a logging.Formatter but not in the stream verbatim (normally empty).
        "unmatched": [{"format": format_of(e), "text": e["text"]} for e in unmatched],
    }
    (OUT / f"{fw.name}.json").write_text(json.dumps(fixture, indent=1, ensure_ascii=False) + "\n")
    print(f"  {n_lines} lines: {len(records)} records, {len(formats)} formats, "
          f"{len(other)} other, {len(unmatched)} unmatched")


def main():
    global OUT
    names = [fw.name for fw in FRAMEWORKS]
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", choices=names, help="one framework (repeatable)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write (default: fixtures/frameworks)")
    args = parser.parse_args()
    OUT = args.out
    OUT.mkdir(parents=True, exist_ok=True)
    for fw in FRAMEWORKS:
        if not args.only or fw.name in args.only:
            capture(fw)


if __name__ == "__main__":
    sys.exit(main())
