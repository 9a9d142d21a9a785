#!/usr/bin/python3
"""Differential capture for `--style loguru`: the real loguru (Debian's python3-loguru) writes records
through each format in FORMATS, with hostile values, extra= fields and exceptions. For each record it
keeps the output text and the text each field of the format produced (rendered from message.record with
the field's own spec, as loguru's format_map does). Writes fixtures/loguru/captures.json.

Run: /usr/bin/python3 scripts/capture_loguru.py
"""
import io
import json
import os
import re
import string
import sys

from loguru import logger
from loguru._defaults import LOGURU_FORMAT

FORMATS = [
    LOGURU_FORMAT,
    "{time} {level} {message}",
    "{time:YYYY-MM-DD HH:mm:ss.SSSSSS ZZ} [{level: ^9}] {name}.{module}.{function}:{line} | {message}",
    "<green>{time:YYYY-MM-DD[T]HH:mm:ss!UTC}</green> <b>{level.no:>3}</b> {process}/{thread} {process.name} {thread.name} - {message}",
    "{time:DD/MMM/YYYY hh:mm:ss A} {level.name:<8} {file}:{line} [{extra[user]}] {message}",
    "{time:%Y-%m-%d %H:%M:%S} {elapsed} {file.path}:{line} <lvl>{level}</lvl> \\<tag> {{braces}} {message}",
    "{time:X} {level: <8} [{extra[user]}] ({extra[request_id]}) {message}",
    # Message first: only the traceback layout tells a traceback line from a record (its messages are
    # one line each, since no reader can tell a message line from a record here).
    "{message} | {level} | {extra[request_id]}",
]

MESSAGES = [
    "plain message",
    'quotes \' and " and {braces} and <green>markup</green>',
    "unicode: h\u00e9llo \u4e16\u754c \U0001F600",
    "first line\nsecond line\n  indented third",
    "trailing spaces   ",
]

# The field names of a format (after markup), as loguru's format_map sees them.
def fields_of(fmt):
    from loguru._colorizer import Colorizer
    stripped = Colorizer.prepare_format(fmt).strip()
    return [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(stripped) if name is not None]


# A spec's fill, alignment and width: the padding around the value, which check gives without.
PADDING = re.compile(r"^(?:.?[<>=^])?(?=[+ -]?#?0?\d)([+ -]?#?)0?\d+")


def field_text(record, name, spec, conv):
    """The field's text as the format prints it, less its padding (a spec's width)."""
    value, _ = string.Formatter().get_field(name, (), record)
    value = string.Formatter().convert_field(value, conv)
    if name != "time":
        spec = PADDING.sub(r"\1", spec)
    return format(value, spec)


def divide(numerator, denominator):
    ratio = numerator / denominator
    return ratio


def handle(request):
    user = request["user"]
    return divide(len(user), request["count"])


def capture(fmt):
    out = io.StringIO()
    records = []

    def sink(message):
        record = message.record
        fields = {}
        for name, spec, conv in fields_of(fmt):
            fields[name] = field_text(record, name, spec or "", conv)
        # _handler.py Handler.emit: the format (markup stripped) applied with exception "", then "\n" and the traceback.
        from loguru._colorizer import Colorizer
        line = Colorizer.prepare_format(fmt).strip().format_map(dict(record, exception=""))
        text = str(message)
        assert text.startswith(line + "\n"), (text, line)
        records.append({"output": text, "line": line, "exception": text[len(line) + 1:], "fields": fields})
        out.write(str(message))

    # backtrace and diagnose: loguru's traceback layout, the variables' values under each frame.
    handler = logger.add(sink, format=fmt, colorize=False, backtrace=True, diagnose=True, level="TRACE")
    for i, text in enumerate(MESSAGES):
        if fmt.startswith("{message}") and "\n" in text:
            continue
        bound = logger.bind(user=["alice", "bob o'neil", "", "j\u00fcrgen {x}", "- -"][i], request_id="r%d" % i)
        bound.opt(depth=0).log(["TRACE", "DEBUG", "INFO", "SUCCESS", "WARNING"][i], text)
    try:
        handle({"user": "j\u00fcrgen \"x\"", "count": 0})
    except ZeroDivisionError:
        logger.bind(user="eve", request_id="x").exception("failed: {!r}", "value")
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            raise ValueError("chained <b>") from e
    except ValueError:
        logger.bind(user="mallory", request_id="y").opt(exception=True).error("chain")
    logger.remove(handler)
    return {"format": fmt, "output": out.getvalue(), "records": records}


def main():
    logger.remove()
    captures = [capture(fmt) for fmt in FORMATS]
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "loguru")
    os.makedirs(here, exist_ok=True)
    with open(os.path.join(here, "captures.json"), "w", encoding="utf-8") as f:
        json.dump({"loguru": __import__("loguru").__version__, "captures": captures}, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
