"""Formats each (fmt, style, datefmt) read as JSON from stdin with a real logging.Formatter.

For each case prints {"valid": false, "error": ...} when Formatter() rejects the format, else
{"valid": true, "lines": [...]} for a few hostile records ("formatted": false when formatting
raises, as a %d of a string does). Standard library only; used by test/property.test.ts.
"""
import json
import logging
import sys

logging.addLevelName(25, "NOTICE")
logging.addLevelName(35, "AUDIT")


def records():
    samples = [
        ("root", logging.INFO, "hello", "Thread-1 (worker)", "<module>"),
        ("app.db-pool.v2", 25, "key: value [x] (y) {z} - % %% $x", "MainThread", "handle"),
        ("my_service", 15, "caf\u00e9 \u2713 tab\tend", "ThreadPoolExecutor-0_1", "<lambda>"),
        ("x", 35, "", "Dummy-3", "run"),
        ("unnamed.level", 17, "x", "Thread-12 (serve_forever)", "(unknown function)"),
    ]
    for i, (name, level, msg, thread, func) in enumerate(samples):
        r = logging.LogRecord(name, level, "/srv/app/main.py", 40 + i * 997, msg, None, None, func)
        r.threadName = thread
        r.request_id = "req-%d" % i
        r.user = "" if i == 3 else "alice"
        yield r


def main():
    out = []
    for case in json.load(sys.stdin):
        try:
            formatter = logging.Formatter(case["fmt"], case["datefmt"], case["style"])
        except (ValueError, TypeError, KeyError) as e:
            out.append({"valid": False, "error": str(e)})
            continue
        lines = []
        formatted = True
        for r in records():
            try:
                lines.append(formatter.format(r))
            except Exception:  # noqa: BLE001 - any failure means Python loses the record
                formatted = False
                break
        out.append({"valid": True, "formatted": formatted, "lines": lines})
    json.dump(out, sys.stdout)


main()
