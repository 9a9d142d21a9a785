#!/usr/bin/env python3
"""Render the single-line CPython corpus that pylogrx's regexes are tested against.

For every case in fixtures/formats.json this makes real logging calls through a real
logging.Formatter(fmt, datefmt, style) on a StreamHandler, splits what the handler
wrote into lines and stores, next to each line, the text that each placeholder of the
format contributed to it ("fields"): what a capture group must hold.

Standard library only; runs on CPython 3.8 to 3.13.

    python3 scripts/render_fixtures.py [--out fixtures/corpus]
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import logging
import ntpath
import os
import platform
import re
import string
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, NamedTuple, Tuple

ROOT = Path(__file__).resolve().parent.parent
FORMATS_FILE = ROOT / "fixtures" / "formats.json"

# A real zone whose offset is not a whole hour and whose %Z is numeric ("+0545"),
# so date-format regexes cannot get away with letters-only zone names.
FIXTURE_TZ = "Asia/Kathmandu"

TRACE = 5
NOTICE = 25
UNNAMED_LEVEL = 15  # no name registered: prints as "Level 15"

# One %-placeholder, or a literal "%%" (matched so that it is skipped, not misread).
PERCENT_PLACEHOLDER = re.compile(
    r"%%|%\((?P<key>[^)]*)\)(?P<flags>[#0+ -]*)(?P<width>\d*)"
    r"(?:\.(?P<prec>\d*))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa])"
)
PERCENT_NUMERIC = frozenset("diouxXeEfFgG")

# str.format's format_spec: [[fill]align][sign][#][0][width][grouping][.precision][type]
BRACE_SPEC = re.compile(
    r"(?:(?P<fill>.)?(?P<align>[<>=^]))?(?P<sign>[-+ ])?(?P<alt>#)?(?P<zero>0)?"
    r"(?P<width>\d+)?(?P<grouping>[,_])?(?P<precision>\.\d+)?(?P<type>[bcdeEfFgGnosxX%])?",
    re.DOTALL,
)

LONG_MESSAGE = " ".join("chunk-%03d: payload=[%s] (ok)" % (i, "x" * 20) for i in range(120))

# Messages are passed with no arguments, so "%" inside them is not interpreted.
HOSTILE_MESSAGES = [
    "",
    "user=alice - action=login - result=ok",
    "key: value: other: [x] (y) {z}",
    "[2024-05-09 10:35:25,007] INFO fake.py:1 - a message that looks like a header",
    "tab\tseparated\tvalues",
    "percent % signs %s %(name)s %d and braces {} {0} {message} {{",
    "\x1b[31mred ansi\x1b[0m and \x1b[1mbold\x1b[0m",
    "trailing spaces   ",
    "carriage\rreturn, line\u2028separator, paragraph\u2029separator, next-line\x85char",
    "   leading spaces",
    "caf\u00e9 \u2713 \u65e5\u672c\u8a9e \u2014 emoji \U0001F600 combining e\u0301",
    LONG_MESSAGE,
]

LONG_LOGGER_NAME = "a.very.long.logger.name.that.is.wider.than.any.column.in.these.formats"

# Code compiled under a made-up script path: its records get funcName "<module>",
# filename "nightly.v2.py", module "nightly.v2" (a module name with a dot) and a line
# number wider than any %(lineno)4d column.
MODULE_LEVEL_LINENO = 12345
MODULE_LEVEL_SOURCE = "\n" * (MODULE_LEVEL_LINENO - 1) + 'log.info("from module-level code", extra=extra())\n'
MODULE_LEVEL_PATH = "jobs/nightly.v2.py"

# Code compiled under source paths that hold what a free-text field would stop at: a directory with a
# space, a Windows path (its filename and module as Windows computes them: windows_paths_as_on_windows),
# frozen modules (module "<frozen importlib" and "<frozen runpy>", with spaces), and stdin. CPython
# 3.11+ skips frames of importlib._bootstrap (logging._is_internal_frame): there the record is the
# caller's.
FOREIGN_PATHS = [
    "/home/dev/my project/tool.py",
    "C:\\Users\\Jane Doe\\app\\tool.py",
    "<frozen importlib._bootstrap>",
    "<frozen runpy>",
    "<stdin>",
]
FOREIGN_SOURCE = "def handle():\n    log.info('logged from %s', path, extra=extra())\n"


class Field(NamedTuple):
    """One distinct placeholder key of a format and how to render its capture."""

    key: str
    full: str  # the placeholder exactly as written
    unpadded: str  # the same placeholder with width, fill and alignment removed
    zero_pad: bool  # padded with zeros, which stay part of a number's capture


class ExtraSource:
    """Hands out a case's extra= values for one logging call; list values are cycled."""

    def __init__(self, extras: Dict[str, object]) -> None:
        self._cycles = {
            key: itertools.cycle(value if isinstance(value, list) else [value])
            for key, value in extras.items()
        }

    def __call__(self) -> Dict[str, object]:
        return {key: next(values) for key, values in self._cycles.items()}


class StrictStreamHandler(logging.StreamHandler):
    """A StreamHandler that raises instead of printing '--- Logging error ---'.

    A record that fails to format is silently missing from the stream, which would
    misalign lines and records; failing loudly keeps the corpus honest.
    """

    def handleError(self, record: logging.LogRecord) -> None:
        raise


class RecordTap(logging.Filter):
    """Keeps each record a handler receives, to pair it with the line it produced."""

    def __init__(self) -> None:
        super().__init__()
        self.records: List[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        self.records.append(record)
        return True


# --- format grammar -------------------------------------------------------------------


def percent_fields(fmt: str) -> List[Field]:
    fields = []
    for match in PERCENT_PLACEHOLDER.finditer(fmt):
        if match.group(0) == "%%":
            continue
        key, flags, conv, prec = match["key"], match["flags"], match["conv"], match["prec"]
        # "-" beats "0", and "0" pads only numbers (it is ignored for s/r/a/c).
        zero_pad = "0" in flags and "-" not in flags and conv in PERCENT_NUMERIC
        precision = "" if prec is None else "." + prec
        unpadded = "%(" + key + ")" + flags + precision + conv
        fields.append(Field(key, match.group(0), unpadded, zero_pad and bool(match["width"])))
    return fields


def brace_fields(fmt: str) -> List[Field]:
    fields = []
    for _, key, spec, conversion in string.Formatter().parse(fmt):
        if key is None:
            continue
        if not key.isidentifier() or "{" in spec:
            raise ValueError("unsupported placeholder in corpus format: {%s:%s}" % (key, spec))
        parts = BRACE_SPEC.fullmatch(spec)
        if parts is None:
            raise ValueError("bad format spec %r in %r" % (spec, fmt))
        # Zeros pad the number when requested by the "0" flag (no explicit fill/align)
        # or as an explicit "0=" fill; a "0" fill with another alignment is plain padding.
        zero_pad = (parts["zero"] and parts["fill"] is None and parts["align"] in (None, "=")) or (
            parts["fill"] == "0" and parts["align"] == "="
        )
        kept = [parts[name] or "" for name in ("sign", "alt", "grouping", "precision", "type")]
        conv = "!" + conversion if conversion else ""
        full = "{%s%s:%s}" % (key, conv, spec)
        unpadded = "{%s%s:%s}" % (key, conv, "".join(kept))
        fields.append(Field(key, full, unpadded, bool(zero_pad) and parts["type"] != "s"))
    return fields


def dollar_fields(fmt: str) -> List[Field]:
    fields = []
    for match in string.Template.pattern.finditer(fmt):
        key = match["named"] or match["braced"]
        if key:
            # $-style renders str(value): there is no width to remove.
            fields.append(Field(key, "${%s}" % key, "${%s}" % key, False))
    return fields


FIELD_PARSERS = {"%": percent_fields, "{": brace_fields, "$": dollar_fields}


def render(template: str, style: str, values: Dict[str, object]) -> str:
    if style == "%":
        return template % values
    if style == "{":
        return template.format(**values)
    return string.Template(template).substitute(values)


def expected_fields(fmt: str, style: str, record: logging.LogRecord) -> Dict[str, str]:
    """The text each distinct placeholder key contributed to the record's first line.

    Defined as the placeholder rendered alone from the formatted record (which then
    holds `message` and `asctime`), without the padding its width added, except that
    a number's zero padding is kept: for %(msecs)03d the capture is "007", not "7".
    """
    values = record.__dict__
    captures: Dict[str, str] = {}
    for field in FIELD_PARSERS[style](fmt):
        is_number = isinstance(values[field.key], (int, float))
        template = field.full if field.zero_pad and is_number else field.unpadded
        capture = render(template, style, values)
        if captures.setdefault(field.key, capture) != capture:
            raise ValueError("key %r is used twice with different captures" % field.key)
    return captures


# --- the logging calls ------------------------------------------------------------------


def register_custom_levels() -> None:
    logging.addLevelName(TRACE, "TRACE")
    logging.addLevelName(NOTICE, "NOTICE")


def levels_and_loggers(extra: ExtraSource) -> None:
    db = logging.getLogger("app.db")
    db.debug("connecting to %s:%d", "db.internal", 5432, extra=extra())
    db.info("pool ready size=%d", 10, extra=extra())
    logging.getLogger("my-service.api").warning("slow response: %.1f ms", 1234.5, extra=extra())
    logging.getLogger("__main__").error("job failed - retrying [2/5] (backoff: 3s)", extra=extra())
    logging.getLogger().critical("root logger: disk full", extra=extra())
    logging.warning("module-level logging.warning goes through root", extra=extra())
    logging.getLogger("\u00fcn\u00efc\u00f8d\u00e9.m\u00f3dulo").info("unicode logger", extra=extra())
    logging.getLogger(LONG_LOGGER_NAME).info("long logger name", extra=extra())
    logging.getLogger("My Service").info("a logger name with a space", extra=extra())
    levels = logging.getLogger("app.levels")
    levels.log(TRACE, "trace detail %r", {"k": [1, 2]}, extra=extra())
    levels.log(NOTICE, "notice: config reloaded", extra=extra())
    levels.log(UNNAMED_LEVEL, "an unnamed level", extra=extra())


def hostile_messages(extra: ExtraSource) -> None:
    text = logging.getLogger("app.text")
    for message in HOSTILE_MESSAGES:
        text.info(message, extra=extra())
    text.info("%d%% done, next: %s", 42, "{not a field}", extra=extra())
    text.info({"non-str msg": "goes through str()"}, extra=extra())
    text.warning(42, extra=extra())


class Settings:
    """Logs from a method: funcName is "reload", never qualified as "Settings.reload"."""

    def reload(self, extra: ExtraSource) -> None:
        logging.getLogger("app.settings").critical("from a method", extra=extra())


def call_sites(extra: ExtraSource) -> None:
    log = logging.getLogger("app.calls")
    log.info("from a function", extra=extra())
    (lambda: log.warning("from a lambda", extra=extra()))()
    # A generator expression runs in a frame named <genexpr> on every version (list
    # comprehensions, which would give <listcomp>, are inlined from 3.12 on).
    list(log.debug("from a generator expression", extra=extra()) for _ in range(1))

    class Job:
        log.error("from a class body", extra=extra())

    Settings().reload(extra)
    code = compile(MODULE_LEVEL_SOURCE, MODULE_LEVEL_PATH, "exec")
    exec(code, {"log": log, "extra": extra})
    log.info("attributed to the caller's frame", stacklevel=2, extra=extra())


def run(extra: ExtraSource) -> None:
    """gunicorn's error logger from a function named run: `%(name)s.%(funcName)s` is gunicorn.error.run."""
    logging.getLogger("gunicorn.error").info("Booting worker with pid: %d", 4242, extra=extra())


def foreign_paths(extra: ExtraSource) -> None:
    log = logging.getLogger("app.paths")
    for path in FOREIGN_PATHS:
        scope = {"log": log, "extra": extra, "path": path}
        exec(compile(FOREIGN_SOURCE, path, "exec"), scope)
        scope["handle"]()
    stdin = compile("log.info('module-level code read from stdin', extra=extra())\n", "<stdin>", "exec")
    exec(stdin, {"log": log, "extra": extra})


def windows_paths_as_on_windows() -> None:
    """LogRecord takes filename and module from os.path, which is ntpath on Windows.

    A "C:\\..." pathname then gets the file name and module that CPython on Windows prints ("tool.py",
    "tool"), not what posixpath makes of it here (the whole path).
    """
    base = logging.getLogRecordFactory()

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = base(*args, **kwargs)
        if isinstance(record.pathname, str) and ntpath.splitdrive(record.pathname)[0]:
            record.filename = ntpath.basename(record.pathname)
            record.module = ntpath.splitext(record.filename)[0]
        return record

    logging.setLogRecordFactory(factory)


def without_caller_lookup(extra: ExtraSource) -> None:
    """Applications set logging._srcfile = None to skip the frame walk for speed."""
    saved = logging._srcfile
    logging._srcfile = None
    try:
        log = logging.getLogger("app.fast")
        log.info("no caller lookup", extra=extra())
        log.error("still no caller lookup: %s", "(unknown file)", extra=extra())
    finally:
        logging._srcfile = saved


def from_threads(extra: ExtraSource) -> None:
    log = logging.getLogger("app.workers")

    def worker() -> None:
        log.info("worker running", extra=extra())

    for thread in (
        threading.Thread(target=worker),  # "Thread-N (worker)" on 3.10+, "Thread-N" before
        threading.Thread(target=worker, name="custom name \u2713 [1]"),
    ):
        thread.start()
        thread.join()
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(worker).result()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="io-pool") as pool:
        pool.submit(worker).result()


def emit_records(extra: ExtraSource) -> None:
    """Every logging call of the corpus; each writes exactly one single-line record."""
    levels_and_loggers(extra)
    hostile_messages(extra)
    call_sites(extra)
    run(extra)
    foreign_paths(extra)
    without_caller_lookup(extra)
    from_threads(extra)


# --- rendering --------------------------------------------------------------------------


def load_cases() -> List[dict]:
    with FORMATS_FILE.open(encoding="utf-8") as f:
        return json.load(f)


def use_fixture_timezone() -> None:
    os.environ["TZ"] = FIXTURE_TZ
    time.tzset()


def make_formatter(case: dict) -> logging.Formatter:
    return logging.Formatter(case["fmt"], case["datefmt"], case["style"])


def capture_lines(case: dict) -> List[Tuple[str, logging.LogRecord]]:
    """Run every logging call through the case's formatter; pair each line with its record."""
    stream = io.StringIO()
    handler = StrictStreamHandler(stream)
    handler.setFormatter(make_formatter(case))
    tap = RecordTap()
    handler.addFilter(tap)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        emit_records(ExtraSource(case.get("extras", {})))
    finally:
        root.removeHandler(handler)
    # Split on "\n" only: the handler's terminator. str.splitlines would also split
    # on characters such as "\x1c" or "\u2028" that Python writes inside a line.
    lines = stream.getvalue().split("\n")
    if lines.pop() != "" or len(lines) != len(tap.records):
        raise RuntimeError("%s: %d lines for %d records" % (case["id"], len(lines), len(tap.records)))
    return list(zip(lines, tap.records))


def corpus_entry(case: dict) -> dict:
    lines = []
    for text, record in capture_lines(case):
        fields = expected_fields(case["fmt"], case["style"], record)
        missing = [key for key, value in fields.items() if value not in text]
        if missing:
            raise RuntimeError("%s: %r not found in %r" % (case["id"], missing, text))
        lines.append({"text": text, "fields": fields})
    return {
        "id": case["id"],
        "fmt": case["fmt"],
        "style": case["style"],
        "datefmt": case["datefmt"],
        "python": platform.python_version(),
        "lines": lines,
    }


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def remove_stale(out: Path, keep: List[str]) -> None:
    """Drop corpus files of cases that are no longer in formats.json."""
    for path in out.glob("*.json"):
        if path.stem not in keep:
            path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "fixtures" / "corpus")
    args = parser.parse_args()

    use_fixture_timezone()
    register_custom_levels()
    windows_paths_as_on_windows()
    logging.getLogger().setLevel(1)  # let TRACE (5) and every other level through

    args.out.mkdir(parents=True, exist_ok=True)
    cases = load_cases()
    total = 0
    for case in cases:
        entry = corpus_entry(case)
        total += len(entry["lines"])
        write_json(args.out / (case["id"] + ".json"), entry)
    ids = [case["id"] for case in cases]
    write_json(
        args.out / "index.json",
        {"python": platform.python_version(), "tz": FIXTURE_TZ, "lines": total, "ids": ids},
    )
    remove_stale(args.out, ids + ["index"])
    print("wrote %d formats, %d lines to %s" % (len(cases), total, args.out))


if __name__ == "__main__":
    main()
