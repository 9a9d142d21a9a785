"""Logs hostile records through structlog's ConsoleRenderer (Debian python3-structlog 22.3) and records
each field's text, for test/console.test.ts (`--preset structlog-console`).

Run with /usr/bin/python3: python3 scripts/capture_console.py > fixtures/console/records.json
It also writes fixtures/presets/structlog-console.{log,json}: a child Python logs the same records through
structlog left unconfigured, its stdout a file (so its default ConsoleRenderer has colour off); the .json
holds, per record, its 1-based first and last line and its fields.

structlog's default configuration (structlog/_config.py _BUILTIN_DEFAULT_PROCESSORS) is used as it is:
add_log_level, StackInfoRenderer, set_exc_info, TimeStamper(fmt="%Y-%m-%d %H:%M:%S", utc=False) and
ConsoleRenderer, whose colours are on only where stdout is a terminal. Each case replaces the renderer by
ConsoleRenderer(colors=False) or ConsoleRenderer(colors=True), what that rule gives off and on a terminal,
and prints through PrintLogger into a file. A processor before the renderer keeps a copy of each event
dict, from which each field's text is what ConsoleRenderer writes for it (dev.py ConsoleRenderer.__call__):
str(timestamp), the level, str(event), the logger name, each other key's value as `_repr` gives it (a str
as it is, anything else repr()), the stack, and the traceback after the line.
"""
import io
import json
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import structlog
from structlog._frames import _format_exception
from structlog.dev import ConsoleRenderer

PRESETS = Path(__file__).resolve().parent.parent / "fixtures" / "presets"

# Values each key takes in turn: every one of them can be told apart on the line by the sorted key
# order (README, Limits, says which cannot).
VALUES = [
    "plain", "two words", 'say "hi"', "it's", "a=b", "", "caf\u00e9 \u65e5\u672c \U0001F600", "tab\there",
    "-", None, True, False, 42, -3.5, "None", "=", " ", [1, "a b"], {"k": "v w"}, ("t",), b"bytes",
]
EVENTS = [
    "user logged in", "", "-", "two  spaces", "a=b c=d", "caf\u00e9 \u65e5\u672c \U0001F600 \u00e9v\u00e9nement",
    "exactly thirty characters long", "an event longer than thirty characters, with, commas",
    "line one\nline two", "[bracketed]", "trailing colon:",
]


class Keep:
    """The event dict as the renderer is given it (a copy: the renderer pops keys), and what it wrote."""

    def __init__(self, renderer):
        self.renderer = renderer
        self.seen = []

    def __call__(self, logger, name, event_dict):
        fields = field_texts(event_dict)
        text = self.renderer(logger, name, event_dict)
        self.seen.append({"text": text, "fields": fields})
        return text


def field_texts(d):
    fields = {}
    if d.get("timestamp") is not None:
        fields["timestamp"] = str(d["timestamp"])
    if d.get("level") is not None:
        fields["level"] = d["level"]
    fields["event"] = str(d.get("event"))
    logger = d.get("logger", d.get("logger_name"))
    if logger is not None:
        fields["logger"] = logger
    for key in sorted(k for k in d if k not in ("timestamp", "level", "event", "logger", "logger_name", "stack", "exception", "exc_info")):
        fields[key] = d[key] if isinstance(d[key], str) else repr(d[key])
    if d.get("stack") is not None:
        fields["stack"] = d["stack"]
    if d.get("exc_info"):
        fields["exception"] = _format_exception(sys.exc_info() if d["exc_info"] is True else d["exc_info"])
    return fields


def run(colors, out):
    """colors None: the default chain's own renderer, printing to stdout (`out` is sys.stdout)."""
    structlog.reset_defaults()
    processors = list(structlog.get_config()["processors"])
    keep = Keep(processors[-1] if colors is None else ConsoleRenderer(colors=colors))
    processors[-1:] = [keep]
    structlog.configure(processors=processors, logger_factory=structlog.PrintLoggerFactory(out))
    log = structlog.get_logger()
    for i, event in enumerate(EVENTS):
        log.info(event, user=VALUES[i % len(VALUES)])
    for i, value in enumerate(VALUES):
        log.warning("value %d" % i, request_id=value, a_first=i, zz_last=value)
    log.debug("no keys at all")
    log.error("only one", k="v")
    log.critical("many keys", b=1, a="x y", c="z", d=None, e="=", f="f g h", g="g f=1")
    log.msg("logged with msg", port=8080)
    log.info("named", logger="app.db", user="ann")
    log.info("named only", logger="app \u00e9 db")
    log.info("empty", **{})
    try:
        {}["missing key"]
    except KeyError:
        log.exception("lookup failed", key="missing key")
        log.exception("lookup failed, no keys")
        log.error("with exc_info", exc_info=True, attempt=3)
    log.info("with a stack", stack_info=True, user="bob")
    ambiguous = []
    # What the line cannot tell (README, Limits): a str value holding ' key=' with a key that sorts after
    # its own, an event of pad_event characters or more holding ' key=', an event ending in spaces.
    for kwargs in ({"f": "f g=h"}, {"a": "1 b=2", "c": 3}):
        log.info("cut", **kwargs)
    log.info("an event of thirty characters or more with x=1 in it", y=2)
    log.info("trailing spaces  ", k=1)
    ambiguous = keep.seen[-4:]
    records = keep.seen[:-4]
    structlog.reset_defaults()
    text = "".join(r["text"] + "\n" for r in records)
    assert colors is None or out.getvalue().startswith(text)
    return text, records, ambiguous


def unconfigured():
    """The child: structlog's defaults as they are, on this process's stdout; the records on stderr."""
    _, records, _ = run(None, sys.stdout)
    sys.stdout.flush()
    json.dump(records, sys.stderr, ensure_ascii=False)


def preset_fixture():
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        child = subprocess.run([sys.executable, __file__, "--unconfigured"], stdout=log, stderr=subprocess.PIPE, check=True, text=True)
        log.seek(0)
        text = log.read()
    written = json.loads(child.stderr)
    records, line = [], 1
    for r in written:
        end = line + r["text"].count("\n")
        records.append({"line": line, "end_line": end, "fields": r["fields"]})
        line = end + 1
    assert text.startswith("".join(r["text"] + "\n" for r in written)) and "\x1b" not in text
    text = "".join(r["text"] + "\n" for r in written)
    (PRESETS / "structlog-console.log").write_text(text, encoding="utf-8")
    fixture = {"preset": "structlog-console", "library": "structlog " + version("structlog"), "python": sys.version.split()[0], "format": "timestamp level event", "records": records}
    (PRESETS / "structlog-console.json").write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main():
    if sys.argv[1:] == ["--unconfigured"]:
        return unconfigured()
    preset_fixture()
    cases = []
    for colors in (False, True):
        text, records, ambiguous = run(colors, io.StringIO())
        cases.append({"renderer": "structlog.dev.ConsoleRenderer(colors=%s)" % colors, "colors": colors, "log": text, "records": records, "ambiguous": ambiguous})
    versions = {"python": sys.version.split()[0], "structlog": version("structlog")}
    json.dump({"versions": versions, "cases": cases}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


main()
