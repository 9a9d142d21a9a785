"""Loads formatters the way logging.config does, for test/sources.test.ts, and formats one record with each.

stdin: a JSON list of {"kind": "ini"|"dict"|"module", "path", "name", "attr"?, "dict"?}
  ini:    logging.config's own fileConfig reader (_create_formatters) on the file
  dict:   DictConfigurator.configure_formatter on the "formatters" entry (the dict given, or the file read
          as JSON or TOML)
  module: the fixture module executed (our own fixtures only), then its attribute: a LOGGING-style dict,
          or a Celery format string
stdout: per entry {"fmt", "datefmt", "style", "line"}: the Formatter's own format, datefmt and style
class, and a line it formatted.
"""
import configparser
import json
import logging
import logging.config
import sys

STYLES = {logging.PercentStyle: "%", logging.StrFormatStyle: "{", logging.StringTemplateStyle: "$"}


def record():
    r = logging.LogRecord("app.db", logging.WARNING, "/srv/app/main.py", 42, "hello %s", ("world",), None, "handle")
    for key in ("request_id", "task_name", "task_id"):
        setattr(r, key, "x-1")
    # uvicorn's formatters set these (uvicorn/logging.py AccessFormatter.formatMessage), as uvicorn prints them.
    r.levelprefix = "WARNING: "
    r.client_addr, r.request_line, r.status_code = "127.0.0.1:52144", 'GET /?q="x" HTTP/1.1', "200 OK"
    return r


def formatter_from_dict(spec):
    spec = dict(spec)
    if "()" in spec:  # a factory we do not import: a plain Formatter with its fmt
        return logging.Formatter(spec.get("fmt"), spec.get("datefmt"), spec.get("style", "%"))
    return logging.config.DictConfigurator({"version": 1}).configure_formatter(spec)


def load(entry):
    kind, path, name = entry["kind"], entry["path"], entry.get("name")
    if kind == "ini":
        cp = configparser.ConfigParser()
        cp.read(path, encoding="utf-8")
        return logging.config._create_formatters(cp)[name]
    if kind == "dict":
        data = entry.get("dict")
        if data is None:
            with open(path, "rb") as f:
                if path.endswith(".toml"):
                    import tomllib
                    data = tomllib.load(f)
                else:
                    data = json.load(f)
        return formatter_from_dict(data["formatters"][name])
    namespace = {"__name__": "fixture"}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), namespace)
    value = namespace[entry["attr"]]
    return logging.Formatter(value) if isinstance(value, str) else formatter_from_dict(value["formatters"][name])


out = []
for entry in json.load(sys.stdin):
    f = load(entry)
    out.append({"fmt": f._fmt, "datefmt": f.datefmt, "style": STYLES[type(f._style)], "line": f.format(record())})
json.dump(out, sys.stdout)
