#!/usr/bin/env python3
"""Render CPython logs with broken and foreign lines injected between records, for `check`'s defect tests.

For each format (the ones in fixtures/formats.json whose head has a time or a number, the weak
heads whose level name is plain, a seeded set of generated formats in all three styles, and
`%(message)s` alone), a real Logger with a real StreamHandler writes about 40 records into a
StringIO: one-line and multi-line messages, logger.exception with a plain, a chained and (3.11+)
a grouped traceback, stack_info. Then lines are inserted between records, never inside one:

- lines of this format gone wrong, each made from a record of the same log: the head cut short
  (`head-cut`), asctime in another datefmt (`other-datefmt`), the default asctime without ",mmm"
  (`no-msecs`), month 13 (`month-13`), two neighbouring head fields swapped, one of them typed,
  the line still beginning as a record does through the head's first typed field (`swap-field`; a
  swap that moves that field leaves a line no reader can tell from a message line);
- lines of other shapes (`gunicorn`, `syslog`, `basicconfig`, `pywarnings` with its indented
  source line, `iso-time`, `bracket-time`), unless the format itself might print them.

Each format gets every kind that applies to it once; `%(message)s` alone gets none (only its
tracebacks are tested). The output is one JSON per format: fmt, style, datefmt, the Python
version, the whole text, and "expected", the ordered objects `check` must give:
{line, end_line, kind, matched, inject?}. kind "record" is one of Python's records (matched,
exact boundaries); "injected" is a line that must come out as its own object, not matched, of kind
record or foreign; "foreign" is one that must also be of kind foreign: a foreign shape that does not
even begin as this format's records do (as far as the head's first typed field; a leading level name
under a weak head). A foreign shape that does begin so is "injected", and so is a line that begins
with a time where the format begins with asctime (that time in another datefmt).

Whether a line "might be printed by the format" is decided by a loose regex of the format (every
text field any text, numbers and asctime by their shape, under a weak head the level name one of
CPython's), looser than pylogrx's: a line it rejects, pylogrx rejects too. Message lines after the
first are checked not to begin as a record does.

Standard library only; runs on CPython 3.8 to 3.13. The clock, process and thread ids are fixed,
so the output depends only on the Python version (and this script's path, in stack frames).

    python3 scripts/render_defects.py [--out fixtures/defects]
"""

import argparse
import copy
import io
import itertools
import json
import logging
import os
import platform
import random
import re
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS_FILE = ROOT / "fixtures" / "formats.json"
SEED = 20240509
GENERATED = 100

FIXTURE_TZ = "Asia/Kathmandu"  # +0545: %z and %Z are not whole hours
BASE_MS = 1715243725041  # 2024-05-09 08:35:25.041 UTC
STEP_MS = 1377
START_MS = BASE_MS - 26500  # "logging was imported" 26.5 s before the first record

NOTICE = 25  # a custom level name, only under heads with a time or number
UNNAMED = 15  # prints "Level 15"

INT_KEYS = frozenset(["levelno", "lineno", "thread", "process"])
FLOAT_KEYS = frozenset(["created", "msecs", "relativeCreated"])
TYPED_KEYS = INT_KEYS | FLOAT_KEYS | {"asctime"}
LEVELS_RX = r"(?:CRITICAL|FATAL|ERROR|WARNING|WARN|INFO|DEBUG|NOTSET|Level -?[0-9]+)"

FOREIGN = [
    ("gunicorn", ["[2024-05-09 08:35:25 +0000] [12] [INFO] Booting worker with pid: 12"]),
    ("syslog", ["May  9 08:35:25 web-1 app[12]: connection reset by peer"]),
    ("basicconfig", ["WARNING:urllib3.connectionpool:Retrying (Retry(total=2)) after connection broken"]),
    ("pywarnings", [
        "/srv/app/models.py:12: DeprecationWarning: datetime.datetime.utcnow() is deprecated",
        '  warnings.warn("utcnow() is deprecated", DeprecationWarning)',
    ]),
    ("iso-time", ["2024-05-09T08:35:25.041Z worker-1 heartbeat ok"]),
    ("bracket-time", ["[08:35:25.041] reloading configuration"]),
]

# Other datefmts for `other-datefmt` (None: the default, with ",mmm").
ALT_DATEFMTS = [None, "%Y-%m-%d %H:%M:%S", "%d/%b/%Y %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%b %d %H:%M:%S",
                "%H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%a, %d %b %Y %H:%M:%S"]

ONE_LINE = [
    "service starting", "connecting to db.internal:5432", "slow response: 1234.5 ms",
    "user=alice action=login result=ok", "job failed - retrying [2/5] (backoff: 3s)", "cache miss for key 'k-17'",
    "percent % signs and braces {} {0} [x] (y)", "disk usage at 91 percent", "caf\u00e9 \u2713 unicode text",
    "tab\tseparated\tvalues", "request served in 12 ms", "heartbeat", "deprecated option 'x' used", "pool ready size=10",
    "notice: config reloaded", "an unnamed level", "shutting down", "bye",
]
# Second lines that look like no record start: no time, number or level name first, no foreign shape.
MULTI_LINE = [
    "request failed:\n  status: unavailable\n  reason: upstream timeout",
    "a message\nwith two newlines\nand a third line",
    "summary follows\n\nend of summary",
    'payload:\n    {"id": "k-seven",\n     "ok": true}',

    "query took too long\nSELECT * FROM items\n  WHERE id = :id",
    "line one\nline two",
]


# --- the format grammar ----------------------------------------------------------------


class Part:
    """A literal (key None, text: what it prints) or a placeholder, with its source text (raw)."""

    def __init__(self, raw, text=None, key=None, conv="", width=0, fill=" ", plain=True, alt=False):
        self.raw, self.text, self.key, self.conv, self.width, self.fill, self.plain = raw, text, key, conv, width, fill, plain
        self.alt = alt  # '#': a hex number printed with 0x


PERCENT = re.compile(
    r"%%|%\((?P<key>[^)]*)\)(?P<flags>[#0+ -]*)(?P<width>\d*)(?:\.(?P<prec>\d*))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa])")
BRACE = re.compile(r"\{\{|\}\}|\{(?P<inner>[^{}]*)\}")
BRACE_FIELD = re.compile(r"(?P<key>[^!:]*)(?:!(?P<conv>[rsa]))?(?::(?P<spec>.*))?\Z", re.S)
BRACE_SPEC = re.compile(
    r"(?:(?P<fill>.)?(?P<align>[<>=^]))?(?P<sign>[-+ ])?(?P<alt>#)?(?P<zero>0)?"
    r"(?P<width>\d+)?(?P<grouping>[,_])?(?P<precision>\.\d+)?(?P<type>[bcdeEfFgGnosxX%])?\Z", re.S)


def parse(fmt, style):
    parts = []

    def literal(raw, text):
        if parts and parts[-1].key is None:
            parts[-1].raw += raw
            parts[-1].text += text
        elif raw:
            parts.append(Part(raw, text))

    pos = 0
    if style == "%":
        for m in PERCENT.finditer(fmt):
            literal(fmt[pos:m.start()], fmt[pos:m.start()])
            pos = m.end()
            if m.group(0) == "%%":
                literal("%%", "%")
                continue
            zero = "0" in m["flags"] and "-" not in m["flags"]
            parts.append(Part(m.group(0), key=m["key"], conv=m["conv"], width=int(m["width"] or 0),
                              fill="0" if zero else " ", plain=m["prec"] is None and m["conv"] == "s",
                              alt="#" in m["flags"]))
    elif style == "{":
        for m in BRACE.finditer(fmt):
            literal(fmt[pos:m.start()], fmt[pos:m.start()])
            pos = m.end()
            if m["inner"] is None:
                literal(m.group(0), m.group(0)[0])
                continue
            f = BRACE_FIELD.match(m["inner"])
            spec = BRACE_SPEC.match(f["spec"] or "")
            if spec is None:
                raise ValueError("unsupported spec in %r" % fmt)
            parts.append(Part(m.group(0), key=f["key"], conv=spec["type"] or "", width=int(spec["width"] or 0),
                              fill=spec["fill"] or ("0" if spec["zero"] else " "),
                              plain=f["conv"] is None and spec["precision"] is None and f["key"].isidentifier(),
                              alt=spec["alt"] is not None))
    else:
        for m in string.Template.pattern.finditer(fmt):
            literal(fmt[pos:m.start()], fmt[pos:m.start()])
            pos = m.end()
            if m["escaped"] is not None:
                literal("$$", "$")
            elif m["invalid"] is not None:
                raise ValueError("invalid $ placeholder in %r" % fmt)
            else:
                parts.append(Part(m.group(0), key=m["named"] or m["braced"]))
    literal(fmt[pos:], fmt[pos:])
    return parts


def message_index(parts):
    return next((i for i, p in enumerate(parts) if p.key == "message"), len(parts))


def head_kind(parts):
    """'typed' (a time or number before the message), 'weak' (none), 'none' (nothing but blanks)."""
    head = parts[:message_index(parts)]
    if all(p.key is None and p.text.strip() == "" for p in head):
        return "none"
    return "typed" if any(p.key in TYPED_KEYS for p in head) else "weak"


def start_index(parts, kind):
    """The part a line must reach to start a record: the first typed field; under a weak head a plain
    level name that only literals precede. None when there is no such part."""
    head = parts[:message_index(parts)]
    if kind == "typed":
        return next(i for i, p in enumerate(head) if p.key in TYPED_KEYS)
    for i, p in enumerate(head):
        if p.key is not None:
            return i if p.key == "levelname" and p.plain else None
    return None


# --- loose regexes: a line they reject, the format cannot print -------------------------

DIRECTIVE = re.compile(r"%([_\-0^#]*)(\d*)([EO]?)(.?)", re.S)
EXPANDS = {"c": "%a %b %e %H:%M:%S %Y", "x": "%m/%d/%y", "D": "%m/%d/%y", "X": "%H:%M:%S", "T": "%H:%M:%S",
           "F": "%Y-%m-%d", "R": "%H:%M", "r": "%I:%M:%S %p"}
NUMERIC = frozenset("YyCGgmdejHkIlMSuwUWV")
NAMES = frozenset("aAbBhpP")


def datefmt_rx(datefmt):
    if datefmt is None:
        return datefmt_rx("%Y-%m-%d %H:%M:%S") + ",[0-9]+"
    out, pos = [], 0
    for m in DIRECTIVE.finditer(datefmt):
        out.append(re.escape(datefmt[pos:m.start()]))
        pos = m.end()
        width, letter = m.group(2), m.group(4)
        pad = " *" if width else ""
        if letter in EXPANDS:
            out.append(datefmt_rx(EXPANDS[letter]))
        elif letter in NUMERIC:
            out.append("[0-9 ]+")
        elif letter == "s":
            out.append(pad + "-?[0-9]+")
        elif letter in NAMES:
            out.append(pad + "[A-Za-z]+")
        elif letter == "z":
            out.append(pad + "[+-][0-9]+")
        elif letter == "Z":
            out.append(pad + "(?:[A-Za-z]+|[+-][0-9]+)")
        elif letter in ("n", "t", "%"):
            out.append(re.escape({"n": "\n", "t": "\t", "%": "%"}[letter]))
        else:  # glibc prints an unknown directive as it is
            out.append(" *" + re.escape(m.group(0)))
    out.append(re.escape(datefmt[pos:]))
    return "".join(out)


def field_rx(part, weak, datefmt):
    pad = "[ 0%s]*" % re.escape(part.fill)
    if part.key == "message":
        return ".*"
    if part.key == "asctime":
        return pad + "(?:%s)" % datefmt_rx(datefmt) + pad
    if part.key in INT_KEYS or part.key in FLOAT_KEYS:
        if part.key in INT_KEYS and part.conv in ("x", "X"):
            number = r"[-+ ]?%s[0-9a-fA-F_]+" % ("0[xX]" if part.alt else "")
        else:
            number = r"[-+ ]?(?:0[ob])?[0-9,_]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?%?"
        return pad + "(?:None|%s)" % number + pad
    if part.key == "levelname" and weak and part.plain:
        return ".{0,%d}%s.{0,%d}" % (part.width, LEVELS_RX, part.width)
    return ".*"


def loose(parts, datefmt, upto=None):
    """The whole format, or (upto) its first parts followed by anything."""
    weak = head_kind(parts) == "weak"
    chosen = parts if upto is None else parts[:upto]
    body = "".join(re.escape(p.text) if p.key is None else field_rx(p, weak, datefmt) for p in chosen)
    return re.compile(body + ("" if upto is None else ".*"), re.S)


# --- the log ---------------------------------------------------------------------------


EXC_MESSAGE = ["bad value: 'x'", "bad value: 'x'\nsecond line of the exception message"]


def inner(two_lines):
    raise ValueError(EXC_MESSAGE[two_lines])


def chained_from(two_lines):
    try:
        inner(two_lines)
    except ValueError as e:
        raise RuntimeError("wrapped") from e


def chained_during(two_lines):
    try:
        {}["missing"]
    except KeyError:
        1 / 0


def grouped(two_lines):
    raise ExceptionGroup("two problems", [ValueError("one"), TypeError("two")])  # noqa: F821


def nested_group(two_lines):
    try:
        inner(two_lines)
    except ValueError as e:
        raise ExceptionGroup("outer", [ExceptionGroup("inner", [KeyError("k")]), e])  # noqa: F821


GROUPS = sys.version_info >= (3, 11)


def log_records(loggers, head):
    """About 40 logging calls. `%(message)s` alone gets no message newlines (nothing could tell them
    from records) and no empty message; custom level names only come under a typed head."""
    lone = head == "none"
    multi = iter(itertools.cycle(MULTI_LINE))
    one = iter(itertools.cycle(ONE_LINE))
    calls = [
        ("info", None), ("debug", None), ("info", "multi"), ("warning", None), ("error", inner), ("info", None),
        (UNNAMED, None), ("error", chained_from), ("info", "multi"), ("critical", None), ("error", chained_during),
        ("warning", "stack"), ("info", "empty"), ("error", grouped), ("error", "both"), ("info", None),
        (NOTICE, None), ("info", "multi"), ("debug", None), ("warning", inner), ("info", "multi"),
        ("error", nested_group), ("info", None), ("info", None), ("debug", None), ("info", "multi"),
        ("debug", None), ("info", None), ("critical", chained_during), ("info", None), ("warning", None),
        ("info", "multi"), ("error", None), ("info", None), ("debug", None), ("info", "multi"), ("warning", None),
        ("error", "both-chained"), ("info", None), ("info", None),
    ]
    for i, (level, what) in enumerate(calls):
        log = loggers[i % len(loggers)]
        if level == NOTICE and head != "typed":
            level = "info"
        number = level if isinstance(level, int) else getattr(logging, level.upper())
        if what in (inner, chained_from, chained_during, grouped, nested_group):
            if what in (grouped, nested_group) and not GROUPS:
                what = chained_from
            try:
                what(not lone)
            except Exception:
                log.log(number, "caught %s", what.__name__, exc_info=True)
        elif what == "stack":
            log.log(number, "with a stack", stack_info=True)
        elif what in ("both", "both-chained"):
            try:
                (inner if what == "both" else chained_from)(not lone)
            except Exception:
                log.log(number, "both exc_info and stack_info", exc_info=True, stack_info=True)
        elif what == "multi" and not lone:
            log.log(number, next(multi))
        elif what == "empty" and not lone:
            log.log(number, "")
        else:
            log.log(number, next(one))


class Stamp(logging.Filter):
    """Fixes the clock, process and thread, and sets the format's extras, on every record."""

    def __init__(self, extras):
        super().__init__()
        self.n = 0
        self.extras = {k: itertools.cycle(v if isinstance(v, list) else [v]) for k, v in (extras or {}).items()}

    def filter(self, record):
        ms = BASE_MS + self.n * STEP_MS
        self.n += 1
        record.created = ms / 1000.0
        record.msecs = float(ms % 1000)
        record.relativeCreated = float(ms - START_MS)
        record.thread, record.threadName = 140225670306688, "MainThread"
        record.process, record.processName = 4242, "MainProcess"
        for key, values in self.extras.items():
            setattr(record, key, next(values))
        return True


class Tap(logging.StreamHandler):
    """A StreamHandler that keeps where each record's text starts and ends, and raises on errors."""

    def __init__(self, stream):
        super().__init__(stream)
        self.spans = []

    def emit(self, record):
        start = self.stream.tell()
        super().emit(record)
        self.spans.append((start, self.stream.tell(), record))

    def handleError(self, record):
        raise


LOGGERS = [logging.getLogger(name) for name in ("app", "app.db", "app.http", "worker")]


def render_log(case, head):
    stream = io.StringIO()
    handler = Tap(stream)
    handler.setFormatter(logging.Formatter(case["fmt"], case["datefmt"], case["style"]))
    handler.addFilter(Stamp(case.get("extras")))
    for log in LOGGERS:
        log.handlers[:] = [handler]
        log.propagate = False
        log.setLevel(1)
    log_records(LOGGERS, head)
    text = stream.getvalue()
    records = []
    for start, end, record in handler.spans:
        chunk = text[start:end]
        if not chunk.endswith("\n"):
            raise RuntimeError("%s: a record does not end in a newline" % case["id"])
        records.append((chunk[:-1], record))
    return records


# --- injected lines ----------------------------------------------------------------------


class Month13(logging.Formatter):
    """asctime with the month printed as 13."""

    def formatTime(self, record, datefmt=None):
        fmt = month13(self.datefmt or self.default_time_format)
        s = time.strftime(fmt, self.converter(record.created))
        return s if self.datefmt else self.default_msec_format % (s, record.msecs)


def month13(datefmt):
    out, pos = [], 0
    for m in DIRECTIVE.finditer(datefmt):
        out.append(datefmt[pos:m.start()])
        pos = m.end()
        letter = m.group(4)
        out.append(month13(EXPANDS[letter]) if letter in ("x", "D", "F") else "13" if letter == "m" else m.group(0))
    out.append(datefmt[pos:])
    return "".join(out)


def has_month(datefmt):
    default = datefmt or logging.Formatter.default_time_format
    return month13(default) != default


def one_line(fmt, datefmt, style, record, cls=logging.Formatter):
    r = copy.copy(record)
    r.exc_info = r.exc_text = r.stack_info = None
    line = cls(fmt, datefmt, style).format(r)
    if "\n" in line:
        raise RuntimeError("re-rendered record has a newline: %r" % line)
    return line, r


def prefix_length(parts, k, style, rendered_record):
    """How many characters the first k parts print (the record already formatted once)."""
    prefix = "".join(p.raw for p in parts[:k])
    return len(logging._STYLES[style][0](prefix).format(rendered_record))


def looks_like_start(parts, kind, datefmt):
    """The loose regex of a line that begins as this format's records do: as far as the start part
    (the head's first typed field; a leading plain level name under a weak head), else the whole head."""
    start = start_index(parts, kind)
    return loose(parts, datefmt, message_index(parts) if start is None else start + 1)


def injections(case, parts, kind, records, rng):
    """The injected objects for a format: (name, lines, expected kind)."""
    fmt, style, datefmt = case["fmt"], case["style"], case["datefmt"]
    full = loose(parts, datefmt)
    begins = looks_like_start(parts, kind, datefmt)
    mi = message_index(parts)
    start = start_index(parts, kind)
    out = []
    sources = [rec for text, rec in records
               if "\n" not in text and rec.getMessage() and rec.levelno != NOTICE and rec.levelno != UNNAMED]

    def source():
        return rng.choice(sources)

    def add(name, line):
        if full.fullmatch(line):
            raise RuntimeError("%s: %s line %r might be printed by the format" % (case["id"], name, line))
        out.append((name, [line], "injected"))

    if start is not None:
        line, r = one_line(fmt, datefmt, style, source())
        lo, hi = prefix_length(parts, start + 1, style, r), prefix_length(parts, mi, style, r)
        cuts = list(range(lo, hi))
        rng.shuffle(cuts)
        cut = next((line[:p] for p in cuts if line[:p] and not full.fullmatch(line[:p])), None)
        if cut is not None:
            add("head-cut", cut)
    head = parts[:mi]
    if any(p.key == "asctime" for p in head):
        record = source()
        line, _ = one_line(fmt, datefmt, style, record)
        no_msecs = None
        if datefmt is None:
            no_msecs, _ = one_line(fmt, "%Y-%m-%d %H:%M:%S", style, record)
            if not full.fullmatch(no_msecs):
                add("no-msecs", no_msecs)
        alts = [d for d in ALT_DATEFMTS if d != datefmt]
        rng.shuffle(alts)
        for alt in alts:
            other, _ = one_line(fmt, alt, style, record)
            if other not in (line, no_msecs) and not full.fullmatch(other):
                add("other-datefmt", other)
                break
        if has_month(datefmt):
            bad, _ = one_line(fmt, datefmt, style, source(), Month13)
            out.append(("month-13", [bad], "injected"))
    if kind == "typed":
        fields = [i for i, p in enumerate(head) if p.key is not None]
        pairs = [(i, j) for i, j in zip(fields, fields[1:])  # neighbours: the order written the other way
                 if (head[i].key in TYPED_KEYS or head[j].key in TYPED_KEYS) and head[i].raw != head[j].raw]
        # A swap that moves the head's first typed field leaves a line that no longer starts like a record:
        # no reader can tell it from a message line, so it is not injected.
        pairs = [ij for ij in pairs if start not in ij]
        rng.shuffle(pairs)
        record = source()
        line, _ = one_line(fmt, datefmt, style, record)
        for i, j in pairs:
            raws = [p.raw for p in parts]
            raws[i], raws[j] = raws[j], raws[i]
            swapped, _ = one_line("".join(raws), datefmt, style, record)
            if swapped != line and not full.fullmatch(swapped):
                add("swap-field", swapped)
                break
    for name, lines in FOREIGN:
        if full.fullmatch(lines[0]):
            continue  # the format itself might print it
        # A line that begins as this format's records do is this format gone wrong as much as foreign.
        # A time first, where the format begins with its time, may be read as that time in another datefmt.
        time_first = name in ("iso-time", "bracket-time") and start is not None and head[start].key == "asctime"
        out.append((name, lines, "injected" if time_first or begins.fullmatch(lines[0]) else "foreign"))
    return out


def place(records, injected, rng):
    """Gap k (after record k) -> the injected objects there: the first right after a traceback, the
    second after a multi-line message, the third and fourth side by side, the others alone."""
    free = list(range(len(records) - 1))
    rng.shuffle(free)
    after_tb = [k for k in free if records[k][1].exc_info or records[k][1].stack_info]
    after_multi = [k for k in free if "\n" in records[k][1].getMessage()]
    order = list(injected)
    rng.shuffle(order)
    gaps = {}
    k = None
    for n, inj in enumerate(order):
        if n != 3:
            preferred = after_tb if n == 0 else after_multi if n == 1 else free
            k = next((g for g in preferred if g in free), free[0])
            free.remove(k)
        gaps.setdefault(k, []).append(inj)
    return gaps


def check_continuations(case, parts, kind, records):
    """No message line after the first may look like a record's start to the loose regexes.
    (Traceback and stack lines are left as CPython writes them: keeping them is what is tested.)"""
    if kind == "none":
        return
    begins = looks_like_start(parts, kind, case["datefmt"])
    for _, record in records:
        for line in record.getMessage().split("\n")[1:]:
            if begins.fullmatch(line):
                raise RuntimeError("%s: a message line looks like a head: %r" % (case["id"], line))


def render_case(case, rng):
    parts = parse(case["fmt"], case["style"])
    kind = head_kind(parts)
    records = render_log(case, kind)
    check_continuations(case, parts, kind, records)
    injected = [] if kind == "none" else injections(case, parts, kind, records, rng)
    gaps = place(records, injected, rng) if injected else {}
    lines, expected = [], []
    for k, (text, _) in enumerate(records):
        count = text.count("\n") + 1
        expected.append({"line": len(lines) + 1, "end_line": len(lines) + count, "kind": "record", "matched": True})
        lines.extend(text.split("\n"))
        for name, inj_lines, inj_kind in gaps.get(k, []):
            expected.append({"line": len(lines) + 1, "end_line": len(lines) + len(inj_lines), "kind": inj_kind,
                             "matched": False, "inject": name})
            lines.extend(inj_lines)
    return {
        "id": case["id"], "source": case.get("source", "generated"), "fmt": case["fmt"], "style": case["style"],
        "datefmt": case["datefmt"], "head": kind, "python": platform.python_version(),
        "text": "\n".join(lines) + "\n", "expected": expected,
    }


# --- which formats ------------------------------------------------------------------------

PLACEHOLDERS = {
    "%": {
        "asctime": ["%(asctime)s"],
        "levelname": ["%(levelname)s", "%(levelname)-8s", "%(levelname)8s", "%(levelname)-7s", "%(levelname).4s"],
        "name": ["%(name)s", "%(name)-15s", "%(name)12s"],
        "lineno": ["%(lineno)d", "%(lineno)4d", "%(lineno)-4d", "%(lineno)s", "%(lineno)03d"],
        "process": ["%(process)d", "%(process)6d", "%(process)s"],
        "thread": ["%(thread)d", "%(thread)#x"],
        "created": ["%(created)f", "%(created).3f"],
        "relativeCreated": ["%(relativeCreated)d", "%(relativeCreated)8.1f"],
        "levelno": ["%(levelno)s", "%(levelno)02d"],
        "filename": ["%(filename)s"], "module": ["%(module)s"], "funcName": ["%(funcName)s", "%(funcName)-12s"],
        "threadName": ["%(threadName)s"], "processName": ["%(processName)s"],
    },
    "{": {
        "asctime": ["{asctime}", "{asctime:<24}"],
        "levelname": ["{levelname}", "{levelname:<8}", "{levelname:>8}", "{levelname:^9}", "{levelname:.4}"],
        "name": ["{name}", "{name:<15}", "{name:>12}"],
        "lineno": ["{lineno}", "{lineno:d}", "{lineno:>4}", "{lineno:04d}", "{lineno:<5}"],
        "process": ["{process}", "{process:d}", "{process:>7}"],
        "thread": ["{thread}", "{thread:#x}"],
        "created": ["{created:.3f}", "{created:f}"],
        "relativeCreated": ["{relativeCreated:.0f}", "{relativeCreated:10.2f}"],
        "levelno": ["{levelno}", "{levelno:02d}"],
        "filename": ["{filename}"], "module": ["{module}"], "funcName": ["{funcName}", "{funcName:<12}"],
        "threadName": ["{threadName}"], "processName": ["{processName}"],
    },
}
NUMBERS = ["process", "lineno", "relativeCreated", "created", "thread", "levelno"]
TEXTS = ["levelname", "name", "threadName", "funcName", "module", "filename", "processName"]
DATEFMTS = [None, None, None, "%Y-%m-%d %H:%M:%S", "%d/%b/%Y %H:%M:%S", "%H:%M:%S", "%Y-%m-%dT%H:%M:%S%z",
            "%b %d %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%Y-%m-%d %H:%M:%S %Z", "%y%m%d %H:%M:%S", "%a, %d %b %Y %H:%M:%S"]
JOINERS = [" ", " ", " - ", " | ", " :: ", "\t"]
BEFORE_MESSAGE = [" ", " ", ": ", " - ", " | "]
WRAPS = {"any": ["%s", "%s", "[%s]"], "process": ["pid=%s", "(%s)"], "lineno": ["line %s"], "name": ["<%s>"]}


def placeholder(style, key, rng, weak=False):
    if style == "$":
        return "${%s}" % key  # braced: the next character may be a letter
    choices = PLACEHOLDERS[style][key]
    if weak and key == "levelname":  # plain (a start needs CPython's names), never right-aligned
        choices = [c for c in choices if not re.search(r"\.\d|\)\d|:>\d", c)]
    return rng.choice(choices)


TAIL_FIELDS = {
    "%": {"filename": "%(filename)s", "lineno": "%(lineno)d", "funcName": "%(funcName)s", "module": "%(module)s",
          "process": "%(process)d"},
    "{": {"filename": "{filename}", "lineno": "{lineno}", "funcName": "{funcName}", "module": "{module}",
          "process": "{process:d}"},
    "$": {"filename": "${filename}", "lineno": "${lineno}", "funcName": "${funcName}", "module": "${module}",
          "process": "${process}"},
}
TAILS = [" [{filename}:{lineno}]", " ({funcName})", " ({filename}:{lineno})", " @{module}", " [pid {process}]"]


def tail(style, rng):
    """What follows the message when it is in the middle."""
    fields = TAIL_FIELDS[style]
    return re.sub(r"\{(\w+)\}", lambda m: fields[m.group(1)], rng.choice(TAILS))


def message(style):
    return {"%": "%(message)s", "{": "{message}", "$": "${message}"}[style]


def generated_typed(style, rng, middle):
    keys = []
    first = rng.random()
    datefmt = None
    if first < 0.65:
        keys.append("asctime")
        datefmt = rng.choice(DATEFMTS)
    elif first < 0.85:
        keys.append(rng.choice(NUMBERS))
    else:
        keys.append(rng.choice(["levelname", "name"]))
        keys.append(rng.choice(["asctime", "process", "lineno"]))
        if keys[-1] == "asctime":
            datefmt = rng.choice(DATEFMTS)
    for key in rng.sample(TEXTS + NUMBERS, rng.randint(1, 3)):
        if key not in keys:
            keys.append(key)
    items = []
    for key in keys:
        ph = placeholder(style, key, rng)
        if key == "asctime" and datefmt is not None and datefmt.endswith("%S") and rng.random() < 0.3:
            msecs = {"%": "%(msecs)03d", "{": "{msecs:03.0f}", "$": "${msecs}"}[style]
            ph += rng.choice([".", ","]) + msecs
        wrap = rng.choice(WRAPS.get(key, []) + WRAPS["any"])
        items.append(wrap % ph)
    fmt = items[0]
    for item in items[1:]:
        fmt += rng.choice(JOINERS) + item
    fmt += rng.choice(BEFORE_MESSAGE) + message(style)
    if middle:
        fmt += tail(style, rng)
    return fmt, datefmt


WEAK_SHAPES = ["{L}:{N}:{M}", "{L} {M}", "{L} {N} {M}", "[{L}] {N}: {M}", "{L} - {N} - {M}", "{L} | {N} | {M}",
               "{L}: {M}", "[{L}] {M}", "{N} [{L}] {M}", "{L} {N}: {M}{T}", "{L} {M}{T}"]


def generated_weak(style, rng):
    """A head with nothing typed: a plain level name (CPython's names only are logged under it)."""
    shape = rng.choice(WEAK_SHAPES)
    values = {"L": placeholder(style, "levelname", rng, weak=True), "N": placeholder(style, "name", rng),
              "M": message(style), "T": tail(style, rng) if "{T}" in shape else ""}
    return re.sub(r"\{([LNMT])\}", lambda m: values[m.group(1)], shape), None


def generated_formats(rng):
    out, seen = [], set()
    while len(out) < GENERATED:
        n = len(out)
        style = "%{$"[n % 3]
        roll = rng.random()
        if roll < 0.2:
            fmt, datefmt = generated_weak(style, rng)
        else:
            fmt, datefmt = generated_typed(style, rng, middle=roll < 0.4)
        if (fmt, datefmt) in seen:
            continue
        try:
            logging.Formatter(fmt, datefmt, style).format(logging.LogRecord("app", 20, "/srv/x.py", 1, "m", None, None))
        except Exception:  # noqa: BLE001 - a format CPython refuses is not one to test
            continue
        seen.add((fmt, datefmt))
        tag = {"%": "percent", "{": "brace", "$": "dollar"}[style]
        shape = "weak" if roll < 0.2 else "middle" if roll < 0.4 else "last"
        out.append({"id": "gen-%03d-%s-%s" % (n, tag, shape), "fmt": fmt, "style": style, "datefmt": datefmt})
    return out


MESSAGE_ONLY = [
    {"id": "message-only-percent", "fmt": "%(message)s", "style": "%", "datefmt": None, "source": "message alone"},
    {"id": "message-only-brace", "fmt": "{message}", "style": "{", "datefmt": None, "source": "message alone"},
    {"id": "message-only-dollar", "fmt": "$message", "style": "$", "datefmt": None, "source": "message alone"},
]


def chosen_formats(rng):
    """formats.json with a typed head, or a weak head whose level name is plain and no extras;
    then the generated ones and `%(message)s` alone."""
    cases = []
    for case in json.loads(FORMATS_FILE.read_text(encoding="utf-8")):
        parts = parse(case["fmt"], case["style"])
        kind = head_kind(parts)
        weak_ok = kind == "weak" and not case.get("extras") and any(
            p.key == "levelname" and p.plain for p in parts[:message_index(parts)])
        if kind == "typed" or weak_ok:
            cases.append(case)
    return cases + generated_formats(rng) + MESSAGE_ONLY


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "fixtures" / "defects")
    args = parser.parse_args()
    os.environ["TZ"] = FIXTURE_TZ
    time.tzset()
    logging.addLevelName(NOTICE, "NOTICE")
    rng = random.Random(SEED)
    cases = chosen_formats(rng)
    args.out.mkdir(parents=True, exist_ok=True)
    counts, ids = {}, []
    for case in cases:
        seeded = random.Random("%d %s" % (SEED, case["id"]))
        entry = render_case(case, seeded)
        ids.append(entry["id"])
        for e in entry["expected"]:
            if "inject" in e:
                counts[e["inject"]] = counts.get(e["inject"], 0) + 1
        write(args.out / (entry["id"] + ".json"), entry)
    for path in args.out.glob("*.json"):
        if path.stem not in ids and path.stem != "index":
            path.unlink()
    (args.out / "index.json").write_text(json.dumps(
        {"python": platform.python_version(), "seed": SEED, "tz": FIXTURE_TZ, "ids": ids, "injected": counts},
        indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print("wrote %d formats, %d injected objects (%s) to %s" % (
        len(ids), sum(counts.values()), ", ".join("%s %d" % kv for kv in sorted(counts.items())), args.out))


def write(path, entry):
    """One key a line, and one expected object a line, so that a diff reads."""
    head = {k: v for k, v in entry.items() if k != "expected"}
    lines = ["{"] + ["  %s: %s," % (json.dumps(k), json.dumps(v, ensure_ascii=False)) for k, v in head.items()]
    lines.append('  "expected": [')
    lines.append(",\n".join("    " + json.dumps(e, separators=(",", ":")) for e in entry["expected"]))
    lines.append("  ]")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
