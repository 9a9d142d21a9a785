"""Writes a realistic log of N lines with CPython's logging, for `npm run bench`.

    python3 bench/render_log.py FORMAT N OUT
"""
import logging
import random
import sys

fmt, total, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
random.seed(7)
handler = logging.FileHandler(out, mode="w", encoding="utf-8")
handler.setFormatter(logging.Formatter(fmt))
names = ["app", "app.db", "app.api.v2", "celery.worker", "my-service.http"]
loggers = [logging.getLogger(n) for n in names]
for log in loggers:
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(logging.DEBUG)
levels = [logging.DEBUG, logging.INFO, logging.INFO, logging.INFO, logging.WARNING, logging.ERROR]
written = 0
while written < total:
    log = random.choice(loggers)
    if random.random() < 0.002:
        try:
            {}["k%d" % written]
        except KeyError:
            log.exception("lookup failed for request %d", written)
        written += 8
    else:
        log.log(random.choice(levels), "request %d from 10.0.%d.%d took %.3f ms: path=/api/v2/items/%d status=200",
                written, random.randrange(256), random.randrange(256), random.random() * 100, random.randrange(10**6))
        written += 1
handler.close()
