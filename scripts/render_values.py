#!/usr/bin/env python3
"""Render one field per format with CPython, for the value rules (src/core/values.ts).

Reads the cases test/value-rules.test.ts generates from the rows, a JSON list of
{"id", "style", "fmt", "field", "extra"} on stdin, and formats three LogRecords through a real
logging.Formatter(fmt, style=style) for each. A record gives either the line Python printed and the
field's value as Python held it (asctime as ISO 8601, the message as getMessage() gives it), or the
exception formatting raised, as [class name, message]. The records set every attribute the rows
speak of: a level without a name, None where a logging switch is off (process, thread, threadName,
taskName, funcName), a negative relativeCreated, a message over two lines; "extra" is the value of
the extra= attribute `foo` in each record. Times are UTC.

Standard library only; runs on CPython 3.8 to 3.13.

    python3 scripts/render_values.py < cases.json > out.json

PYLOGRX_RECAPTURE=1 npx vitest run test/value-rules.test.ts regenerates fixtures/values/values.json
with every interpreter pyenv has.
"""
import json
import logging
import os
import platform
import sys
import time

os.environ["TZ"] = "UTC"
time.tzset()

# levelno, lineno, msg, created, process, thread, threadName, taskName, funcName
RECORDS = [
    (20, 42, "hello world", 1715243725.041, 4242, 140234567890123, "MainThread", "Task-1", "handle"),
    (5, 0, "first\nsecond", 946682999.5, None, None, None, None, None),
    (30, 1234567, "it's \"quoted\"", 1718908200.999, 1, 1, "Thread-3 (worker)", "Task-12", "<module>"),
]


def record(values, extra):
    levelno, lineno, msg, created, process, thread, thread_name, task_name, func_name = values
    r = logging.LogRecord("app.db", levelno, "/srv/app.py", lineno, msg, None, None, func_name)
    r.created = created
    r.msecs = (created - int(created)) * 1000
    r.relativeCreated = (created - logging._startTime) * 1000
    r.process, r.thread, r.threadName, r.taskName = process, thread, thread_name, task_name
    r.foo = extra
    return r


def value(r, field):
    if field == "asctime":
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(r.created)) + ".%03d" % r.msecs
    if field == "message":
        return r.getMessage()
    return getattr(r, field)


def render(case):
    out = []
    for values, extra in zip(RECORDS, case["extra"]):
        r = record(values, extra)
        try:
            line = logging.Formatter(case["fmt"], style=case["style"]).format(r)
        except (TypeError, ValueError, OverflowError) as e:
            out.append({"raises": [type(e).__name__, str(e)]})
            continue
        out.append({"line": line, "value": value(r, case["field"])})
    return out


def main():
    cases = json.load(sys.stdin)
    results = {case["id"]: render(case) for case in cases}
    json.dump({"python": platform.python_version(), "results": results}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
