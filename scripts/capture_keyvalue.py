"""Renders records with the real key-value and JSON loggers and records each key's text, for
test/keyvalue.test.ts: structlog's LogfmtRenderer, KeyValueRenderer and JSONRenderer, and
python-json-logger's JsonFormatter (Debian: python3-structlog, python3-pythonjsonlogger).

Run with /usr/bin/python3: python3 scripts/capture_keyvalue.py > fixtures/keyvalue/records.json

Each case is the format pylogrx is given (`--style logfmt|json`), the log text and, per record, each key's
value as `check --json` must give it: for logfmt, the text the renderer wrote after `key=` (the renderer
itself renders each key alone to say so); for JSON, a string as it is and anything else as JSON text.
"""
import io
import json
import logging
import sys

import structlog
from structlog.processors import JSONRenderer, KeyValueRenderer, LogfmtRenderer
from pythonjsonlogger import jsonlogger

HOSTILE = [
    "plain", "two words", 'say "hi"', "it's", "both ' and \"", "a=b", "", "caf\u00e9 \u65e5\u672c \U0001F600",
    "line one\nline two", "tab\there", "back\\slash", "ends with \\", None, True, False, 42, -3.5, 0, "None", "=", " ",
]
KEYS = ["timestamp", "level", "event", "user"]


def traceback_text():
    try:
        1 / 0
    except ZeroDivisionError:
        import traceback
        return traceback.format_exc().rstrip("\n")


def event_dicts():
    """One record per hostile value in each named key's place, then extras (named in no key order)."""
    for i, value in enumerate(HOSTILE):
        yield {"timestamp": "2024-05-09T08:35:%02d.041Z" % i, "level": "info", "event": value, "user": "u%d" % i, "request_id": value}
        yield {"timestamp": value, "level": "warning", "event": "v%d" % i, "user": value}
    yield {"timestamp": "2024-05-09T08:36:00Z", "level": "error", "event": "boom", "user": None, "exception": traceback_text()}


def key_value_case(name, renderer):
    texts, records = [], []
    for d in event_dicts():
        texts.append(renderer(None, None, dict(d)))
        fields = {}
        for k, v in d.items():
            alone = type(renderer)()(None, None, {k: v})
            # A True flag is written as the bare key: check reads it as `true`, the text it stands for.
            fields[k] = alone[len(k) + 1:] if alone.startswith(k + "=") else "true"
        records.append({"text": texts[-1], "fields": fields})
    return {"renderer": name, "style": "logfmt", "format": " ".join(KEYS), "log": "\n".join(texts) + "\n", "records": records}


def json_text(value):
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def structlog_json_case():
    renderer = JSONRenderer()
    texts, records = [], []
    for d in event_dicts():
        texts.append(renderer(None, None, dict(d)))
        records.append({"text": texts[-1], "fields": {k: json_text(v) for k, v in d.items()}})
    return {"renderer": "structlog.processors.JSONRenderer", "style": "json", "format": "%(timestamp)s %(level)s %(event)s", "log": "\n".join(texts) + "\n", "records": records}


def json_logger_case():
    fmt = "%(asctime)s %(levelname)s %(name)s %(message)s"
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(jsonlogger.JsonFormatter(fmt))
    logger = logging.getLogger("app.\u00e9v\u00e9nement")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    for i, value in enumerate(HOSTILE):
        logger.info("%s", value, extra={"user": value, "n": i})
    try:
        1 / 0
    except ZeroDivisionError:
        logger.exception("failed: %s", "x y")
    text = stream.getvalue()
    # The values python-json-logger wrote: its own object, read back key by key.
    records = [{"text": line, "fields": {k: json_text(v) for k, v in json.loads(line).items()}} for line in text.splitlines()]
    return {"renderer": "pythonjsonlogger.jsonlogger.JsonFormatter", "style": "json", "format": fmt, "log": text, "records": records}


def main():
    cases = [
        key_value_case("structlog.processors.LogfmtRenderer(key_order)", LogfmtRenderer(key_order=KEYS)),
        key_value_case("structlog.processors.KeyValueRenderer(key_order)", KeyValueRenderer(key_order=KEYS)),
        structlog_json_case(),
        json_logger_case(),
    ]
    versions = {"python": sys.version.split()[0], "structlog": __import__("importlib.metadata").metadata.version("structlog"),
                "python-json-logger": __import__("importlib.metadata").metadata.version("python-json-logger")}
    json.dump({"versions": versions, "cases": cases}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


main()
