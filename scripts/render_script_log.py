"""Writes fixtures/infer/script.log: a script that logs once per step, top to bottom, so its line numbers
only grow (test/infer.test.ts: they stay `lineno`, not milliseconds since logging started).

    python3 scripts/render_script_log.py > fixtures/infer/script.log
"""
import logging
import sys

handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(logging.Formatter("%(levelname)s %(lineno)d %(message)s"))
log = logging.getLogger("etl.job")
log.addHandler(handler)
log.setLevel(logging.DEBUG)
log.info("loading config from %s", "/etc/etl.yaml")
log.debug("connecting to db.internal:5432")
log.info("fetched %d rows", 1200)
log.warning("skipping %d malformed rows", 3)
log.info("transforming")
log.debug("batch size %d", 500)
log.info("writing to warehouse")
log.error("retrying upload (attempt %d)", 2)
log.info("upload complete")
log.info("cleanup")
log.info("done in %.2fs", 3.21)
