#!/usr/bin/python3
"""Differential capture for `--style loguru`: the real loguru (Debian's python3-loguru) writes records
through each format in FORMATS, with hostile values, extra= fields and exceptions. For each record it
keeps the output text and the text each field of the format produced (rendered from message.record with
the field's own spec, as loguru's format_map does). With serialize=True, it keeps each JSON line and, built
from the record, the text of every key inside its object by path (`record.level.name`), which
`check --style json` must give. With colorize=True (to a file, a StringIO), it keeps what loguru wrote
with its ANSI codes for each format that is not message-first, and each record's fields: the same texts,
and the coloured traceback inside the message where it ends the format, else as `exc_text`. Writes fixtures/loguru/captures.json.

Run: /usr/bin/python3 scripts/capture_loguru.py
"""
import io
import json
import os
import re
import string
import sys
import tempfile

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


def log_records(one_line):
    """The records every capture logs: hostile messages at each level with extras, and exceptions.
    `one_line`: without the messages that span lines."""
    for i, text in enumerate(MESSAGES):
        if one_line and "\n" in text:
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
    log_records(one_line=fmt.startswith("{message}"))
    logger.remove(handler)
    return {"format": fmt, "output": out.getvalue(), "records": records}


def capture_colorized(fmt):
    """colorize=True to a file: the file's text, and per record its text and fields. A function sink with
    colour off beside it gives the fields (its line is the coloured line without codes, line for line)."""
    out = tempfile.TemporaryFile("w+", encoding="utf-8")
    plain, records = [], []

    def fields_sink(message):
        record = message.record
        plain.append({name: field_text(record, name, spec or "", conv) for name, spec, conv in fields_of(fmt)})

    def coloured_sink(message):
        from loguru._colorizer import Colorizer
        text = str(message)
        line = Colorizer.prepare_format(fmt).strip().format_map(dict(message.record, exception=""))
        lines = text.split("\n")
        # The traceback after the line, in colour: what follows the message's RESET and the newline.
        exception = "\n".join(lines[line.count("\n") + 1:]).rstrip("\n")
        fields = dict(plain[-1])
        # After a message that ends the format, the traceback is record continuation, inside the message,
        # as with colour off; after a message that markup closes (RESET), it is exc_text.
        if exception and fmt.endswith("{message}"):
            fields["message"] += "\n" + exception
        elif exception:
            fields["exc_text"] = exception
        records.append({"output": text, "fields": fields})

    handlers = [logger.add(fields_sink, format=fmt, colorize=False, backtrace=True, diagnose=True, level="TRACE"),
                logger.add(coloured_sink, format=fmt, colorize=True, backtrace=True, diagnose=True, level="TRACE"),
                logger.add(out, format=fmt, colorize=True, backtrace=True, diagnose=True, level="TRACE")]
    log_records(one_line=False)
    for h in handlers:
        logger.remove(h)
    out.seek(0)
    written = out.read()
    out.close()
    assert written == "".join(r["output"] for r in records) and "\x1b[" in written
    return {"format": fmt, "output": written, "records": records}


# serialize=True: the JSON loguru writes, read as --style json with keys inside its objects named by path.
SERIALIZED_FORMAT = "%(text)s %(record.level.name)s %(record.time.repr)s %(record.message)s %(record.extra.user)s"


def serialized_fields(text, record):
    """The keys of the object _handler.py Handler._serialize_record writes, by path, each a leaf's text
    (a string as it is, anything else as JSON): built from the record, not read from loguru's JSON.
    json.dumps(default=str) writes a timedelta, a datetime and the exception value as str()."""
    exception = record["exception"]
    obj = {
        "text": text,
        "record": {
            "elapsed": {"repr": str(record["elapsed"]), "seconds": record["elapsed"].total_seconds()},
            "exception": exception and {"type": None if exception.type is None else exception.type.__name__, "value": str(exception.value), "traceback": bool(exception.traceback)},
            "extra": record["extra"],
            "file": {"name": record["file"].name, "path": record["file"].path},
            "function": record["function"],
            "level": {"icon": record["level"].icon, "name": record["level"].name, "no": record["level"].no},
            "line": record["line"],
            "message": record["message"],
            "module": record["module"],
            "name": record["name"],
            "process": {"id": record["process"].id, "name": record["process"].name},
            "thread": {"id": record["thread"].id, "name": record["thread"].name},
            "time": {"repr": str(record["time"]), "timestamp": record["time"].timestamp()},
        },
    }
    named = re.findall(r"%\(([\w.]+)\)s", SERIALIZED_FORMAT)

    def leaf(v):
        return v if isinstance(v, str) else json.dumps(v, separators=(",", ":"), ensure_ascii=False)

    def at(o, path):
        for part in path.split("."):
            o = o[part]
        return o

    fields = {key: leaf(at(obj, key)) for key in named}

    def walk(o, prefix):
        for k, v in o.items():
            if prefix + k in named:
                continue
            if isinstance(v, dict) and any(n.startswith(prefix + k + ".") for n in named):
                walk(v, prefix + k + ".")
            else:
                fields[prefix + k] = leaf(v)

    walk(obj, "")
    return fields


def capture_serialized():
    """A sink with serialize=True beside one without: each record's "text" is what the other wrote."""
    out = io.StringIO()
    texts, records = [], []

    def plain(message):
        texts.append(str(message))

    def sink(message):
        text = str(message)
        assert text.endswith("\n") and "\n" not in text[:-1], text
        records.append({"output": text, "fields": serialized_fields(texts[-1], message.record)})
        out.write(text)

    handlers = [logger.add(s, colorize=False, backtrace=True, diagnose=True, serialize=serialize, level="TRACE") for s, serialize in [(plain, False), (sink, True)]]
    log_records(one_line=False)
    for h in handlers:
        logger.remove(h)
    return {"format": SERIALIZED_FORMAT, "output": out.getvalue(), "records": records}


def main():
    logger.remove()
    captures = [capture(fmt) for fmt in FORMATS]
    colorized = [capture_colorized(fmt) for fmt in FORMATS if not fmt.startswith("{message}")]
    serialized = capture_serialized()
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "loguru")
    os.makedirs(here, exist_ok=True)
    with open(os.path.join(here, "captures.json"), "w", encoding="utf-8") as f:
        json.dump({"loguru": __import__("loguru").__version__, "captures": captures, "colorized": colorized, "serialized": serialized}, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
