"""Where each formatter's records go, as CPython's logging routes them, for test/sources.test.ts.

stdin: a JSON list of {"kind": "ini"|"dict"|"module", "path", "attr"?, "dict"?, "defaults"?}
  ini:    logging.config.fileConfig on the file (with fileConfig's defaults=, when given)
  dict:   logging.config.dictConfig on the dict given, or the file read as TOML
  module: the fixture module executed (our own fixtures only); then dictConfig on its attribute, if named
Each config is loaded in a fresh temporary directory (the working directory, for relative paths), with
/var/log/ in it rewritten into that directory, so that the handlers really open their files.
stdout, as its last line (a fixture module may print): per entry {format: [destination]}, over every
handler a logger reaches (following MemoryHandler's
target and, on 3.12+, a QueueHandler's listener): {"handler", "kind": "file", "path"} (the path as the config
wrote it), {"handler", "kind": "console"} or {"handler", "kind": "other"}. handler: its name, else its class.
A NullHandler writes nowhere, and formatters of ini and dict configs that no other reached handler uses
map to [].
"""
import json
import logging
import logging.config
import logging.handlers
import os
import sys
import tempfile

ORIGINAL_OPEN = logging.FileHandler._open


def open_making_dirs(self):
    """FileHandler._open, after creating the rewritten /var/log/... directory."""
    os.makedirs(os.path.dirname(self.baseFilename), exist_ok=True)
    return ORIGINAL_OPEN(self)


logging.FileHandler._open = open_making_dirs
created = {}  # the formatters a config made, by format
make_formatters = logging.config._create_formatters


def capture(cp):
    formatters = make_formatters(cp)
    created.update((f._fmt, f) for f in formatters.values())
    return formatters


logging.config._create_formatters = capture  # fileConfig's own steps, watched
install_handlers = logging.config._install_handlers


def name_handlers(cp, formatters):
    """fileConfig names its handlers only from 3.9 (h.name); here on every version."""
    handlers = install_handlers(cp, formatters)
    for name, h in handlers.items():
        h.name = name
    return handlers


logging.config._install_handlers = name_handlers


def reached_handlers():
    loggers = [logging.root] + [l for l in logging.root.manager.loggerDict.values() if isinstance(l, logging.Logger)]
    todo, seen = [h for l in loggers for h in l.handlers], []
    while todo:
        h = todo.pop()
        if h in seen:
            continue
        seen.append(h)
        if isinstance(h, logging.handlers.MemoryHandler) and h.target is not None:
            todo.append(h.target)
        listener = getattr(h, "listener", None)
        if listener is not None:
            todo.extend(listener.handlers)
    return seen


def destination(h, tmp):
    label = h.name or type(h).__name__
    if isinstance(h, logging.FileHandler):
        path = os.path.relpath(h.baseFilename, tmp)
        return {"handler": label, "kind": "file", "path": "/" + path if path.startswith("var/log/") else path}
    if type(h) is logging.StreamHandler and h.stream in (sys.stdout, sys.stderr):
        return {"handler": label, "kind": "console"}
    return {"handler": label, "kind": "other"}


def reset():
    for h in reached_handlers():
        h.close()
    for l in [logging.root] + list(logging.root.manager.loggerDict.values()):
        if isinstance(l, logging.Logger):
            l.handlers.clear()
    created.clear()


def load(entry, tmp):
    kind, path = entry["kind"], entry["path"]
    moved = lambda text: text.replace("/var/log/", tmp + "/var/log/")
    if kind == "ini":
        copy = os.path.join(tmp, os.path.basename(path))
        with open(path, encoding="utf-8") as f, open(copy, "w", encoding="utf-8") as out:
            out.write(moved(f.read()))
        defaults = json.loads(moved(json.dumps(entry["defaults"]))) if "defaults" in entry else None
        logging.config.fileConfig(copy, defaults)
        return
    if kind == "dict":
        data = entry.get("dict")
        if data is None:
            import tomllib
            with open(path, "rb") as f:
                data = tomllib.load(f)
        config = json.loads(moved(json.dumps(data)))
    else:
        namespace = {"__name__": "fixture"}
        with open(path, encoding="utf-8") as f:
            exec(compile(moved(f.read()), path, "exec"), namespace)
        if "attr" not in entry:
            return
        config = namespace[entry["attr"]]
    configurator = logging.config.DictConfigurator(config)
    configurator.configure()
    created.update((f._fmt, f) for f in configurator.config["formatters"].values())


out = []
home = os.getcwd()
for entry in json.load(sys.stdin):
    entry["path"] = os.path.abspath(entry["path"])
    with tempfile.TemporaryDirectory() as tmp:
        tmp = os.path.realpath(tmp)
        os.chdir(tmp)
        load(entry, tmp)
        routes = {fmt: [] for fmt in created}
        for h in reached_handlers():
            if h.formatter is not None:
                routes.setdefault(h.formatter._fmt, [])
                if not isinstance(h, logging.NullHandler):
                    routes[h.formatter._fmt].append(destination(h, tmp))
        out.append(routes)
        reset()
        os.chdir(home)
print(json.dumps(out))
