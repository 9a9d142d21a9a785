#!/usr/bin/env python3
"""Render log lines with CPython, with the values behind them, for `pylogrx check --typed`.

For each format (numbers in every presentation, asctime under several datefmts), formats
LogRecords whose attributes are set here through a real logging.Formatter, and writes each
line with what `--typed` must read back: every numeric field's value as Python held it (None
for a missing one), how far the printed text may round it, and asctime as ISO 8601, computed
by Python from record.created (null when the datefmt lacks the date or the time of day, so the
text stays as it is). Times are local to TZ=Asia/Kolkata (+05:30), set here.

Standard library only; runs on CPython 3.8 to 3.13.

    python3 scripts/render_typed.py [--out fixtures/typed/typed.json]
"""
import argparse
import json
import logging
import os
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["TZ"] = "Asia/Kolkata"
time.tzset()

# (id, format, style, datefmt, how Python writes the ISO time: a strftime for local time with
# ".mmm" for milliseconds and "%:z" for the offset, "epoch" for %s (UTC), None for no ISO)
CASES = [
    ("default", "%(asctime)s %(levelname)s %(lineno)d %(process)d %(thread)d %(message)s", "%", None, "%Y-%m-%dT%H:%M:%S.mmm"),
    ("percent-bases", "%(asctime)s %(lineno)x %(lineno)04x %(lineno)#o %(levelno)X %(process)05d %(thread)s %(message)s", "%", "%d/%b/%Y:%H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%:z"),
    ("percent-floats", "%(created).3f %(msecs)03d %(relativeCreated)e %(created)s %(msecs).1f %(relativeCreated)g %(asctime)s %(message)s", "%", "%I:%M:%S %p %m/%d/%y", "%Y-%m-%dT%H:%M:%S"),
    ("brace-specs", "{asctime} {lineno:,} {process:#x} {thread:_b} {created:+.2e} {msecs:03.0f} {relativeCreated:.3} {created:n} {levelno:>+5} {message}", "{", "%c", "%Y-%m-%dT%H:%M:%S"),
    ("epoch", "%(asctime)s.%(msecs)03d %(process)s %(message)s", "%", "%s", "epoch"),
    ("no-date", "%(asctime)s %(levelno)s %(message)s", "%", "%H:%M:%S", None),
    ("names", "${asctime} ${lineno} ${message}", "$", "%B %-d %Y %k:%M", "%Y-%m-%dT%H:%M"),
    ("padded", "%(asctime)-30s|%(lineno)8d|%(process)-8s|%(message)s", "%", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S"),
]

# created, lineno, process, thread, levelno: local times at midnight, noon, 23:29 and a 2-digit year.
RECORDS = [
    (1455880993.410, 19, 20193, 140234567890123, 20),
    (1718908200.999, 1234567, None, 1, 10),   # 2024-06-21 00:00:00.999 IST; no process id (logging.logProcesses off)
    (1718951400.0005, 2834, 1, 0, 50),       # 12:00:00 IST; lineno 0xb12, which %04x prints as 0b12
    (946682999.5, 0, 99999, 123456789012, 40),  # 1999-12-31 23:29:59.5 IST
]


def iso(how, record):
    if how is None:
        return None
    if how == "epoch":
        return datetime.fromtimestamp(int(record.created), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    ct = time.localtime(record.created)
    offset = time.strftime("%z", ct)
    text = time.strftime(how.replace(".mmm", "").replace("%:z", ""), ct)
    if ".mmm" in how:
        text += ".%03d" % record.msecs
    if "%:z" in how:
        text += offset[:3] + ":" + offset[3:]
    return text


def render(case):
    case_id, fmt, style, datefmt, how = case
    formatter = logging.Formatter(fmt, datefmt, style)
    lines, values = [], []
    for created, lineno, process, thread, levelno in RECORDS:
        record = logging.LogRecord("app", levelno, "/srv/app.py", lineno, "message %s", ("x",), None, "handler")
        record.created = created
        # The attributes LogRecord.__init__ derives from created, as 3.8-3.10 compute them.
        record.msecs = (created - int(created)) * 1000
        record.relativeCreated = (created - logging._startTime) * 1000
        record.process = process
        record.thread = thread
        try:
            lines.append(formatter.format(record))
        except TypeError:
            # %(process)d cannot print None (Python raises): under such formats the record has a pid.
            record.process = process = 4242
            lines.append(formatter.format(record))
        values.append({
            "lineno": lineno, "process": process, "thread": thread, "levelno": levelno,
            "created": created, "msecs": record.msecs, "relativeCreated": record.relativeCreated,
            "asctime": iso(how, record),
        })
    return {"id": case_id, "fmt": fmt, "style": style, "datefmt": datefmt, "lines": lines, "values": values}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "fixtures" / "typed" / "typed.json")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = {"python": platform.python_version(), "tz": os.environ["TZ"], "cases": [render(c) for c in CASES]}
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
