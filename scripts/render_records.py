#!/usr/bin/env python3
"""Render multi-line log records with CPython, for `pylogrx check`'s record tests.

For each format (message first, in the middle, last), logs real exceptions (plain, chained
with `from`, chained during handling, ExceptionGroup on 3.11+), stack_info, and messages with
newlines through a real logging.Formatter, and writes the stream with, per record, its first
and last line numbers and the exact text of every field the format prints, with the
message (and, when the message is not last, exc_text) holding the traceback and stack.

Standard library only; runs on CPython 3.8 to 3.13.

    python3 scripts/render_records.py [--out fixtures/records/records.json]
"""
import argparse
import io
import json
import logging
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FORMATS = [
    ("message-last", "%(asctime)s %(levelname)-8s %(name)s: %(message)s", "%"),
    ("message-middle", "%(asctime)s [%(levelname)s] %(message)s (%(filename)s:%(lineno)d)", "%"),
    ("brace-last", "{asctime} | {levelname:<8} | {name} | {message}", "{"),
    ("message-first", "%(message)s [%(levelname)s %(name)s]", "%"),
    # logging.BASIC_FORMAT: nothing typed before the message, so only the traceback rules keep
    # "ValueError: x" from reading as a new record.
    ("basic-format", "%(levelname)s:%(name)s:%(message)s", "%"),
    # Fields glued to the next one: split where a value logging prints ends (catalogue `glued`).
    ("glued", "%(levelname)s%(name)s %(processName)s%(threadName)s%(filename)s%(lineno)d: %(message)s", "%"),
]


def inner():
    raise ValueError("bad value: 'x'\nsecond line of the exception message")


def chained_from():
    try:
        inner()
    except ValueError as e:
        raise RuntimeError("wrapped") from e


def chained_during():
    try:
        {}["missing"]
    except KeyError:
        1 / 0


def grouped():
    raise ExceptionGroup("two problems", [ValueError("one"), TypeError("two")])  # noqa: F821


def records(log):
    """Each call logs one record; yields nothing, the handler collects."""
    log.info("plain message")
    log.warning("a message\nwith two newlines\nand a third line")
    for failing in [inner, chained_from, chained_during] + ([grouped] if sys.version_info >= (3, 11) else []):
        try:
            failing()
        except Exception:
            log.exception("caught %s", failing.__name__)
    log.error("with a stack", stack_info=True)
    try:
        inner()
    except ValueError:
        log.error("both", exc_info=True, stack_info=True)
    log.info("")
    log.info("last one")


class Collect(logging.Handler):
    def __init__(self, formatter):
        super().__init__()
        self.setFormatter(formatter)
        self.texts = []
        self.records = []

    def emit(self, record):
        self.texts.append(self.format(record))
        self.records.append(record)


def collecting(name, formatter):
    """The logger NAME, at every level, through only a Collect handler with FORMATTER; and that handler."""
    handler = Collect(formatter)
    log = logging.getLogger(name)
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG)
    return log, handler


def write_cases(out, cases):
    """The cases as a fixture: the Python that rendered them, and each case."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"python": platform.python_version(), "cases": cases}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def render(case_id, fmt, style):
    formatter = logging.Formatter(fmt, None, style)
    log, handler = collecting("app.records-" + case_id, formatter)
    records(log)
    message_last = fmt.rstrip().endswith(("%(message)s", "{message}"))
    out, line = [], 1
    for text, record in zip(handler.texts, handler.records):
        tail = []
        if record.exc_text:
            tail.append(record.exc_text)
        if record.stack_info:
            tail.append(formatter.formatStack(record.stack_info))
        # Every field the format prints (none is padded in these formats), as its text.
        fields = {
            key: str(getattr(record, key))
            for key in ("asctime", "levelname", "name", "processName", "threadName", "filename", "lineno")
            if "%%(%s)" % key in fmt or "{%s" % key in fmt
        }
        if message_last:
            fields["message"] = "\n".join([record.getMessage()] + tail)
        else:
            fields["message"] = record.getMessage()
            if tail:
                fields["exc_text"] = "\n".join(tail)
        count = text.count("\n") + 1
        out.append({"line": line, "end_line": line + count - 1, "fields": fields})
        line += count
    return {"id": case_id, "fmt": fmt, "style": style, "text": "\n".join(handler.texts) + "\n", "records": out}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "fixtures" / "records" / "records.json")
    args = parser.parse_args()
    cases = [render(*f) for f in FORMATS]
    write_cases(args.out, cases)
    print("wrote %d formats, %d records to %s" % (len(cases), sum(len(c["records"]) for c in cases), args.out))


if __name__ == "__main__":
    main()
