"""Renders the records `pylogrx infer` is proven on (test/infer-differential.test.ts).

`--log FMT`: FMT's lines (fixtures/infer/app.log, the README's example). Else stdin: JSON [{"fmt", "style", "datefmt"}...]; stdout: JSON [{"valid", "lines"}...], each case's
RECORDS records formatted by a real logging.Formatter. The records are the same for every case and
every run (seeded), so a format inferred from one case's lines can be rendered on the very records
that printed them. Hostile values: brackets, colons, '%', tabs, unicode and empty messages, dotted and
hyphenated logger names, custom level names, `Thread-N (target)` names. Standard library only; run
with TZ=UTC.
"""
import json
import logging
import random
import sys

RECORDS = 200
logging.addLevelName(25, "NOTICE")
logging.addLevelName(35, "AUDIT")

NAMES = ["root", "app.db", "app.db-pool.v2", "my_service", "__main__", "urllib3.connectionpool", "ünïcødé.mod", "x"]
LEVELS = [logging.DEBUG, logging.INFO, logging.INFO, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL, 25, 35, 17]
MESSAGES = ["hello", "key: value [x] (y) {z} - % %% $x", "caf\u00e9 \u2713 tab\tend", "", "GET /items?id=1 200",
            "connected to db.internal:5432", "retrying [2/5] (backoff: 3s)", "a | b | c", "  leading spaces", "trailing "]
SOURCES = [("/srv/app/main.py", "<module>"), ("/srv/app/db/pool.py", "connect"), ("/srv/app/views.py", "handle"),
           ("/srv/app/tasks.py", "<lambda>"), ("/usr/lib/python3/dist-packages/urllib3/connectionpool.py", "_make_request")]
THREADS = ["MainThread", "Thread-1 (worker)", "ThreadPoolExecutor-0_1", "Thread-12 (serve_forever)"]
USERS = ["alice", "bob", "jd\u00f6e", "svc-42"]


def records():
    rng = random.Random(20261201)
    base = 1764590000.0
    for i in range(RECORDS):
        path, func = rng.choice(SOURCES)
        r = logging.LogRecord(rng.choice(NAMES), rng.choice(LEVELS), path, rng.randint(1, 2400), rng.choice(MESSAGES), None, None, func)
        r.created = base + i * 7.3 + rng.random()
        r.msecs = int((r.created - int(r.created)) * 1000) + 0.0
        r.relativeCreated = (r.created - base) * 1000
        r.threadName = rng.choice(THREADS)
        r.thread = 140225670306688
        r.process = 4242
        r.processName = "MainProcess"
        r.request_id = "%032x" % rng.getrandbits(128)
        r.user = rng.choice(USERS)
        yield r


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--log":
        # One format's lines, as a log: python3 scripts/render_infer.py --log FMT > fixtures/infer/app.log
        formatter = logging.Formatter(sys.argv[2])
        sys.stdout.write("".join(formatter.format(r) + "\n" for r in records()))
        return
    out = []
    for case in json.load(sys.stdin):
        try:
            formatter = logging.Formatter(case["fmt"], case["datefmt"], case["style"])
            lines = [formatter.format(r) for r in records()]
        except Exception as e:  # noqa: BLE001 - an invalid format, or one Python cannot apply to these records
            out.append({"valid": False, "error": str(e)})
            continue
        out.append({"valid": True, "lines": lines})
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
