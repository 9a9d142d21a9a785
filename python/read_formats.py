"""Finds logging format strings where Python projects define them, statically: nothing is imported or run.

    python3 read_formats.py FILE...

Prints a JSON list, one entry per formatter found:
  {"file", "line", "origin", "name", "format", "datefmt", "style", "style_given", "defaults", "note"}
origin: fileConfig (INI), dictConfig (a dict with "formatters", in Python source or TOML), basicConfig,
Formatter (a call of logging.Formatter or a subclass), celery (worker_log_format...). A format that is
built at run time (a name, an f-string, a call) is reported with "format": null and a note, never guessed.
Standard library only; Python 3.8+ (TOML needs 3.11+).
"""
import ast
import configparser
import json
import sys

CELERY_KEYS = {"worker_log_format", "worker_task_log_format", "CELERYD_LOG_FORMAT", "CELERYD_TASK_LOG_FORMAT"}
RUNTIME = "built at run time: not read"


def literal(node):
    """The str value of a literal expression (implicit and + concatenation included), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal(node.left), literal(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def value_of(node):
    """A literal value for defaults/style etc. (str, dict of literals, None), or a marker for non-literals."""
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return literal(node)


def entry(path, line, origin, name, fmt_node, datefmt_node, style_node, defaults_node, factory_node=None):
    fmt = literal(fmt_node) if fmt_node is not None else None
    note = None
    if fmt_node is not None and fmt is None:
        note = RUNTIME
    style = value_of(style_node) if style_node is not None else "%"
    datefmt = value_of(datefmt_node) if datefmt_node is not None else None
    defaults = value_of(defaults_node) if defaults_node is not None else None
    return {
        "file": path, "line": line, "origin": origin, "name": name, "format": fmt,
        "datefmt": datefmt if isinstance(datefmt, str) else None,
        "style": style if style in ("%", "{", "$") else "%", "style_given": style_node is not None,
        "defaults": defaults if isinstance(defaults, dict) else None,
        "factory": literal(factory_node) if factory_node is not None else None, "note": note,
    }


def call_name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def formatters_in_dict(path, node, found):
    """A dict literal with a "formatters" key: each formatter dict in it."""
    for key, value in zip(node.keys, node.values):
        if literal(key) == "formatters" and isinstance(value, ast.Dict):
            for fkey, fval in zip(value.keys, value.values):
                if not isinstance(fval, ast.Dict):
                    continue
                spec = {literal(k): v for k, v in zip(fval.keys, fval.values) if k is not None}
                fmt = spec.get("format", spec.get("fmt"))
                if fmt is None:
                    continue
                found.append(entry(path, fval.lineno, "dictConfig", literal(fkey), fmt, spec.get("datefmt"), spec.get("style"),
                                   spec.get("defaults"), spec.get("()")))


def read_python(path, text):
    found = []
    tree = ast.parse(text, filename=path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            formatters_in_dict(path, node, found)
        elif isinstance(node, ast.Call):
            name = call_name(node.func)
            kw = {k.arg: k.value for k in node.keywords if k.arg}
            if name == "basicConfig" and "format" in kw:
                found.append(entry(path, node.lineno, "basicConfig", None, kw.get("format"), kw.get("datefmt"), kw.get("style"), None))
            elif name.endswith("Formatter") and name[:1].isupper() and (node.args or "fmt" in kw):
                args = list(node.args) + [None] * 3
                found.append(entry(path, node.lineno, "Formatter", None, kw.get("fmt", args[0]), kw.get("datefmt", args[1]),
                                   kw.get("style", args[2]), kw.get("defaults")))
            for k, v in kw.items():
                if k in CELERY_KEYS:
                    found.append(entry(path, v.lineno, "celery", k, v, None, None, None))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                attr = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else None
                if attr in CELERY_KEYS:
                    found.append(entry(path, node.lineno, "celery", attr, node.value, None, None, None))
    return sorted(found, key=lambda e: e["line"])


def read_ini(path, text):
    """As logging.config.fileConfig reads it: ConfigParser, values read raw (no % interpolation)."""
    cp = configparser.ConfigParser()
    cp.read_string(text, source=path)
    if not cp.has_section("formatters"):
        return []
    names = [n.strip() for n in cp["formatters"].get("keys", raw=True, fallback="").split(",") if n.strip()]
    lines = text.splitlines()
    found = []
    for name in names:
        section = "formatter_%s" % name
        if not cp.has_section(section):
            continue
        line = next((i + 1 for i, l in enumerate(lines) if l.strip() == "[%s]" % section), 0)
        style = cp.get(section, "style", raw=True, fallback=None)
        found.append({
            "file": path, "line": line, "origin": "fileConfig", "name": name,
            "format": cp.get(section, "format", raw=True, fallback=None),
            "datefmt": cp.get(section, "datefmt", raw=True, fallback=None),
            "style": style or "%", "style_given": style is not None,
            "defaults": None, "factory": cp.get(section, "class", raw=True, fallback=None), "note": None,
        })
    return found


def read_toml(path, text):
    try:
        import tomllib
    except ImportError:
        raise SystemExit("%s: reading TOML needs Python 3.11 or later (tomllib)" % path)
    return dict_formatters(path, text, tomllib.loads(text))


def dict_formatters(path, text, data):
    found = []

    def walk(obj):
        if isinstance(obj, dict):
            formatters = obj.get("formatters")
            if isinstance(formatters, dict):
                for name, spec in formatters.items():
                    if isinstance(spec, dict) and isinstance(spec.get("format", spec.get("fmt")), str):
                        fmt = spec.get("format", spec.get("fmt"))
                        line = next((i + 1 for i, l in enumerate(text.splitlines()) if name in l), 0)
                        found.append({
                            "file": path, "line": line, "origin": "dictConfig", "name": name, "format": fmt,
                            "datefmt": spec.get("datefmt"), "style": spec.get("style", "%"), "style_given": "style" in spec,
                            "defaults": spec.get("defaults"), "factory": spec.get("()"), "note": None,
                        })
            for value in obj.values():
                walk(value)
        elif isinstance(obj, list):
            for value in obj:
                walk(value)

    walk(data)
    return found


def main():
    out = []
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        try:
            if path.endswith(".py"):
                out.extend(read_python(path, text))
            elif path.endswith(".toml"):
                out.extend(read_toml(path, text))
            else:
                out.extend(read_ini(path, text))
        except (SyntaxError, configparser.Error, ValueError) as e:
            out.append({"file": path, "line": getattr(e, "lineno", 0) or 0, "error": "%s: %s" % (type(e).__name__, e)})
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
