#!/usr/bin/python3
"""Capture uvicorn's console with colour on (`--use-colors`), with the text each field printed, for the
uvicorn presets: fixtures/presets/uvicorn-colors.{log,json}.

Debian's uvicorn runs this module's ASGI `app` on 127.0.0.1 with `--use-colors` and no log config, so
its own messages (stderr, `%(levelprefix)s %(message)s`) and its access log (stdout,
`%(levelprefix)s %(client_addr)s - "%(request_line)s" %(status_code)s`) are coloured by
uvicorn/logging.py: the level name by click.style(fg=...), the request line bold, the status code and
its phrase by status class (599 has no phrase: "599 "). The requests go over raw sockets: quotes,
UTF-8 and percent-escapes in paths and queries, every status class, a view that raises (uvicorn logs
the traceback). Stdout and stderr go to one file, in the order written.

RECORDER, run before uvicorn.main(), wraps logging.Formatter.formatMessage, which uvicorn's
formatters call with the record they filled in (levelprefix, client_addr, request_line, status_code),
and Formatter.format: it appends the format, the record's text (its traceback after it) and each
field's text to a JSON-lines file. Each record's text is
found in the stream in order; the .json gives per record its first and last line and its fields.

    /usr/bin/python3 scripts/capture_uvicorn.py [--out DIR]
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import capture_gunicorn  # noqa: E402  (free_port, send, wait_listening)

PY = "/usr/bin/python3"
OUT = HERE.parent / "fixtures" / "presets"

RECORDER = r'''
import json, logging, os, re, sys
import uvicorn.main
format, formatMessage = logging.Formatter.format, logging.Formatter.formatMessage
filled = {}
def recording_message(self, record):
    filled["fields"] = {k: str(record.__dict__[k]) for k in re.findall(r"%\((\w+)\)", self._fmt)}
    filled["line"] = formatMessage(self, record)
    return filled["line"]
def recording(self, record):
    text = format(self, record)
    fields = filled.pop("fields")
    # The traceback Formatter.format appends is the message's continuation, as check gives it.
    if "message" in fields:
        fields["message"] += text[len(filled.pop("line")):]
    with open(os.environ["PYLOGRX_FIELDS"], "a", encoding="utf-8") as out:
        out.write(json.dumps({"format": self._fmt, "text": text, "fields": fields}, ensure_ascii=False) + "\n")
    return text
logging.Formatter.format, logging.Formatter.formatMessage = recording, recording_message
sys.argv = ["uvicorn"] + sys.argv[1:]
uvicorn.main.main()
'''

# Path → status; /boom raises.
STATUS = {"/": 200, "/created": 201, "/moved": 301, "/missing": 404, "/teapot": 418, "/unavailable": 503, "/odd": 599, "/continue-ish": 199}

REQUESTS = [
    b"GET / HTTP/1.1",
    b"GET /created?name=world&x=1 HTTP/1.1",
    b'GET /quote"d/pa"th?q="x" HTTP/1.1',
    "GET /caf\u00e9/\u65e5\u672c?\u00fc=1 HTTP/1.1".encode(),
    b"GET /caf%C3%A9/a%20b%22c%5C?sp=a%20b HTTP/1.1",
    b"POST /moved HTTP/1.0",
    b"DELETE /missing HTTP/1.1",
    b"PUT /teapot?- HTTP/1.1",
    b"GET /unavailable HTTP/1.1",
    b"GET /odd HTTP/1.1",
    b"GET /continue-ish HTTP/1.1",
    b"GET /brackets[1]/{2}/<3>/(4) HTTP/1.1",
    b"GET /boom HTTP/1.1",
    b"GET / HTTP/1.1",
]


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            kind = message["type"].rsplit(".", 1)[-1]
            await send({"type": f"lifespan.{kind}.complete"})
            if kind == "shutdown":
                return
    if scope["path"] == "/boom":
        raise RuntimeError('boom "quoted" \u00e9')
    status = STATUS.get(scope["path"], 404)
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok\n"})


def main():
    import uvicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fields_path, log_path = Path(tmp, "fields.jsonl"), Path(tmp, "console.log")
        port = capture_gunicorn.free_port()
        env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONPATH": str(HERE), "PYLOGRX_FIELDS": str(fields_path), "PYTHONUNBUFFERED": "1"}
        with open(log_path, "wb") as log:
            proc = subprocess.Popen([PY, "-c", RECORDER, "--host", "127.0.0.1", "--port", str(port), "--use-colors", "capture_uvicorn:app"],
                                    env=env, cwd=tmp, stdout=log, stderr=log)
            try:
                capture_gunicorn.wait_listening(port, proc)
                for line in REQUESTS:
                    capture_gunicorn.send(port, line, {"User-Agent": "capture"})
                time.sleep(0.5)
            finally:
                os.kill(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
        written = log_path.read_text(encoding="utf-8")
        recorded = [json.loads(l) for l in fields_path.read_text(encoding="utf-8").splitlines()]
    formats = list(dict.fromkeys(r["format"] for r in recorded))
    records, at = [], 0
    for r in recorded:
        at = written.find(r["text"] + "\n", at)
        if at < 0:
            raise SystemExit(f"not in the stream, in order: {r}\n{written}")
        line = written.count("\n", 0, at) + 1
        records.append({"line": line, "end_line": line + r["text"].count("\n"), "format": formats.index(r["format"]), "fields": r["fields"]})
        at += len(r["text"]) + 1
    lines = written.count("\n")
    inside = {n for r in records for n in range(r["line"], r["end_line"] + 1)}
    doc = {"library": f"uvicorn {uvicorn.__version__}", "python": sys.version.split()[0], "formats": formats, "records": records,
           "other": [n for n in range(1, lines + 1) if n not in inside]}
    (args.out / "uvicorn-colors.log").write_text(written, encoding="utf-8")
    (args.out / "uvicorn-colors.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"uvicorn-colors: {len(records)} records, {len(doc['other'])} other lines", file=sys.stderr)


if __name__ == "__main__":
    main()
