"""Writes fixtures/infer/modules.log: a package whose modules each log through getLogger(__name__), so the
module is the last part of the logger name on every line (test/infer.test.ts: the word after the name is
`module`, not the message's first word). The package is written to a temporary directory and imported.

    python3 scripts/render_modules_log.py > fixtures/infer/modules.log
"""
import importlib
import logging
import os
import random
import sys
import tempfile

FORMAT = "%(asctime)s %(levelname)s %(name)s %(module)s %(message)s"
MODULES = {
    "views": ['log.info("GET /items/%d 200", n)', 'log.warning("slow request: %d ms", n * 7)'],
    "models": ['log.debug("loaded %d rows", n)', 'log.info("saved order %d", n)'],
    "tasks": ['log.info("task %d done", n)', 'log.error("task %d failed, retrying", n)'],
    "auth": ['log.info("user %d logged in", n)', 'log.warning("bad password for user %d", n)'],
}

root = tempfile.mkdtemp()
os.mkdir(os.path.join(root, "shop"))
open(os.path.join(root, "shop", "__init__.py"), "w").close()
for module, calls in MODULES.items():
    with open(os.path.join(root, "shop", f"{module}.py"), "w") as f:
        f.write("import logging\nlog = logging.getLogger(__name__)\n\n\ndef work(k, n):\n")
        f.write("".join(f"    if k == {i}:\n        {call}\n" for i, call in enumerate(calls)))
sys.path.insert(0, root)
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(logging.Formatter(FORMAT))
logging.getLogger("shop").addHandler(handler)
logging.getLogger("shop").setLevel(logging.DEBUG)
modules = [importlib.import_module(f"shop.{m}") for m in MODULES]
rng = random.Random(20261203)
for _ in range(120):
    rng.choice(modules).work(rng.randrange(2), rng.randint(1, 999))
