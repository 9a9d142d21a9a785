"""Finds logging format strings where Python projects define them, statically: nothing is imported or run.

    python3 read_formats.py FILE...

Prints a JSON list, one entry per formatter found:
  {"file", "line", "origin", "name", "format", "datefmt", "style", "style_given", "defaults", "factory", "note",
   "destinations"}
origin: fileConfig (INI), dictConfig (a dict with "formatters", in Python source or TOML), basicConfig,
Formatter (a call of logging.Formatter or a subclass), celery (worker_log_format...). A format that is
built at run time (a name, an f-string, a call) is reported with "format": null and a note, never guessed.
destinations: where the formatter's records go, as logging routes them: {"kind": "file", "path", "handler"},
{"kind": "console", "handler"} or {"kind": "unknown", "handler", "note"}; [] when no handler that a logger
reaches uses it.
Standard library only; Python 3.8+ (TOML needs 3.11+).
"""
import ast
import configparser
import json
import re
import sys

CELERY_KEYS = {"worker_log_format", "worker_task_log_format", "CELERYD_LOG_FORMAT", "CELERYD_TASK_LOG_FORMAT"}
RUNTIME = "built at run time: not read"
UNREAD = object()  # a handler argument that is not a literal
# Handler classes by what they write to; src/core/sources.ts has the same tables for JSON and YAML configs.
FILE_HANDLERS = {"FileHandler", "RotatingFileHandler", "TimedRotatingFileHandler", "WatchedFileHandler"}
STREAM_HANDLERS = {"StreamHandler", "colorlog.StreamHandler"}
CONSOLE_HANDLERS = {"RichHandler", "rich.logging.RichHandler"}  # rich's Console: stdout unless told
ELSEWHERE = {
    "SysLogHandler": "syslog", "SocketHandler": "a TCP socket", "DatagramHandler": "a UDP socket",
    "SMTPHandler": "email", "HTTPHandler": "an HTTP server", "NTEventLogHandler": "the Windows event log",
    "QueueHandler": "a queue (its listener's handlers write them)", "MemoryHandler": "its target handler",
}
STD_STREAMS = {"sys.stdout": "ext://sys.stdout", "sys.stderr": "ext://sys.stderr"}
NOT_SEEN = "its handler is not visible statically"
CELERY_DESTINATION = [{"kind": "unknown", "handler": None, "note": "the worker's --logfile (stderr by default)"}]


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


def as_data(node):
    """An expression (a handler's argument, a dictConfig dict) as data: literals as they are, sys.stdout as
    "ext://sys.stdout" (dictConfig's spelling), anything else UNREAD."""
    if isinstance(node, ast.Dict):
        return {literal(k): as_data(v) for k, v in zip(node.keys, node.values) if k is not None}
    if isinstance(node, (ast.List, ast.Tuple)):
        return [as_data(e) for e in node.elts]
    text = literal(node)
    if text is not None:
        return text
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return STD_STREAMS.get(dotted(node), UNREAD)


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return base + "." + node.attr if base else ""
    return ""


def unknown(handler, note):
    return {"kind": "unknown", "handler": handler, "note": note}


def destination(handler, cls, args, kwargs):
    """Where a handler of class cls made with these arguments (data, UNREAD where not literal) writes; None: nowhere."""
    if not isinstance(cls, str):
        return unknown(handler, "the handler class is not a literal")
    # logging.handlers.X, and fileConfig's handlers.X (evaluated in logging's namespace), are logging's own.
    short = re.sub(r"^(logging\.handlers\.|logging\.|handlers\.)", "", cls)
    first = args[0] if args else None
    if short in FILE_HANDLERS:
        filename = kwargs.get("filename", first)
        if isinstance(filename, str):
            return {"kind": "file", "path": filename, "handler": handler}
        return unknown(handler, "%s's filename is built at run time" % short if filename is not None else "%s has no filename" % short)
    if short in STREAM_HANDLERS:
        stream = kwargs.get("stream", kwargs.get("strm", first))
        if stream is None or stream in STD_STREAMS.values():
            return {"kind": "console", "handler": handler}
        return unknown(handler, "%s writes to %s" % (short, stream if isinstance(stream, str) else "a stream built at run time"))
    if short in CONSOLE_HANDLERS:
        return {"kind": "console", "handler": handler}
    if short == "NullHandler":
        return None
    if short in ELSEWHERE:
        return unknown(handler, "%s writes to %s, not a file" % (short, ELSEWHERE[short]))
    return unknown(handler, "the handler class %s is not known here" % cls)


def call_destination(call):
    """Where the handler that this call makes writes (its label: the class as written)."""
    cls = dotted(call.func)
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return unknown(cls, "%s's arguments are built at run time" % cls)
    return destination(cls, cls, [as_data(a) for a in call.args], {k.arg: as_data(k.value) for k in call.keywords})


def routes(handlers, roots):
    """Formatter name -> destinations, for handlers {name: (formatter, destination, linked handler names)} that
    loggers reach from roots (None: any may be reached), following MemoryHandler's target and a queue's handlers."""
    reached, todo = set(), list(handlers if roots is None else roots)
    while todo:
        name = todo.pop()
        if name in handlers and name not in reached:
            reached.add(name)
            todo.extend(handlers[name][2])
    found = {}
    for name, (fmt, dest, _) in handlers.items():
        if name in reached:
            found.setdefault(fmt, [])
            if dest is not None:
                found[fmt].append(dest)
    return found


def names(listed):
    """A literal list of handler names (an absent one is empty), else None."""
    if listed is None:
        return []
    if isinstance(listed, list) and all(isinstance(n, str) for n in listed):
        return listed
    return None


def dict_routes(config):
    """dictConfig: formatter name -> destinations. '()' wins over 'class', as in configure_handler."""
    handlers = config.get("handlers", {})
    if not isinstance(handlers, dict):
        return lambda name: [unknown(None, "the handlers are built at run time")]
    loggers = config.get("loggers", {})
    loggers = list(loggers.values()) if isinstance(loggers, dict) else [UNREAD]
    roots = []
    for logger in [config.get("root", {})] + loggers:
        listed = names(logger.get("handlers")) if isinstance(logger, dict) else None
        if listed is None:  # a logger built at run time may use any handler
            roots = None
            break
        roots += listed
    table = {}
    for name, spec in handlers.items():
        if isinstance(spec, dict):
            links = ([spec["target"]] if isinstance(spec.get("target"), str) else []) + (names(spec.get("handlers")) or [])
            table[name] = (spec.get("formatter"), destination(name, spec.get("()", spec.get("class")), [], spec), links)
    found = routes(table, roots)
    return lambda name: found.get(name, [])


def entry(path, line, origin, name, fmt_node, datefmt_node, style_node, defaults_node, factory_node=None, destinations=()):
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
        "destinations": list(destinations),
    }


def call_name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def formatters_in_dict(path, node, found):
    """A dict literal with a "formatters" key: each formatter dict in it."""
    for key, formatters in zip(node.keys, node.values):
        if literal(key) == "formatters" and isinstance(formatters, ast.Dict):
            destinations = dict_routes(as_data(node))
            for fkey, fval in zip(formatters.keys, formatters.values):
                if not isinstance(fval, ast.Dict):
                    continue
                spec = {literal(k): v for k, v in zip(fval.keys, fval.values) if k is not None}
                fmt = spec.get("format", spec.get("fmt"))
                if fmt is None:
                    continue
                found.append(entry(path, fval.lineno, "dictConfig", literal(fkey), fmt, spec.get("datefmt"), spec.get("style"),
                                   spec.get("defaults"), spec.get("()"), destinations(literal(fkey))))


def keywords(call):
    return {k.arg: k.value for k in call.keywords if k.arg}


def is_formatter(node):
    name = call_name(node.func) if isinstance(node, ast.Call) else ""
    return name.endswith("Formatter") and name[:1].isupper() and bool(node.args or "fmt" in keywords(node))


SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def own_nodes(scope):
    """The nodes of a scope, without those of the functions and classes defined in it."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, SCOPES):
            todo.extend(ast.iter_child_nodes(node))


def code_routes(tree):
    """id(call) -> destinations, for Formatter calls given to handlers by setFormatter and for basicConfig calls.
    A name stands for its value only when the scope binds it once, by a plain assignment:
    h = FileHandler(...); h.setFormatter(Formatter(...)), or fmt = Formatter(...); h.setFormatter(fmt)."""
    found = {}
    for scope in ast.walk(tree):
        if not isinstance(scope, SCOPES):
            continue
        nodes = sorted(own_nodes(scope), key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0)))  # source order
        stores = {}
        for n in nodes:
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                stores[n.id] = stores.get(n.id, 0) + 1
        bound = {n.targets[0].id: n.value for n in nodes if isinstance(n, ast.Assign) and len(n.targets) == 1
                 and isinstance(n.targets[0], ast.Name) and stores[n.targets[0].id] == 1}

        def resolved(node):
            return bound.get(node.id, node) if isinstance(node, ast.Name) else node

        def handler_at(node):
            call = resolved(node)
            return call_destination(call) if isinstance(call, ast.Call) else unknown(dotted(node) or None, NOT_SEEN)

        for n in nodes:
            if not isinstance(n, ast.Call):
                continue
            if isinstance(n.func, ast.Attribute) and n.func.attr == "setFormatter" and len(n.args) == 1:
                fmt = resolved(n.args[0])
                if is_formatter(fmt):
                    dest = handler_at(n.func.value)
                    found.setdefault(id(fmt), []).extend([dest] if dest is not None else [])
            elif call_name(n.func) == "basicConfig":
                found[id(n)] = basic_config_destinations(keywords(n), handler_at)
    return found


def basic_config_destinations(kw, handler_at):
    """As basicConfig builds its handler: handlers=, else a FileHandler for a non-empty filename, else a StreamHandler."""
    if "handlers" in kw:
        listed = kw["handlers"]
        if not isinstance(listed, (ast.List, ast.Tuple)):
            return [unknown(None, "basicConfig's handlers are built at run time")]
        return [d for d in map(handler_at, listed.elts) if d is not None]
    filename = as_data(kw["filename"]) if "filename" in kw else None
    if filename:
        return [destination("FileHandler", "FileHandler", [filename], {})]
    return [destination("StreamHandler", "StreamHandler", [as_data(kw["stream"]) if "stream" in kw else None], {})]


def read_python(path, text):
    found = []
    tree = ast.parse(text, filename=path)
    destinations = code_routes(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            formatters_in_dict(path, node, found)
        elif isinstance(node, ast.Call):
            kw = keywords(node)
            if call_name(node.func) == "basicConfig" and "format" in kw:
                found.append(entry(path, node.lineno, "basicConfig", None, kw.get("format"), kw.get("datefmt"), kw.get("style"), None,
                                   destinations=destinations[id(node)]))
            elif is_formatter(node):
                args = list(node.args) + [None] * 3
                found.append(entry(path, node.lineno, "Formatter", None, kw.get("fmt", args[0]), kw.get("datefmt", args[1]),
                                   kw.get("style", args[2]), kw.get("defaults"),
                                   destinations=destinations.get(id(node), [unknown(None, NOT_SEEN)])))
            for k, v in kw.items():
                if k in CELERY_KEYS:
                    found.append(entry(path, v.lineno, "celery", k, v, None, None, None, destinations=CELERY_DESTINATION))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                attr = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else None
                if attr in CELERY_KEYS:
                    found.append(entry(path, node.lineno, "celery", attr, node.value, None, None, None, destinations=CELERY_DESTINATION))
    return sorted(found, key=lambda e: e["line"])


def listed(cp, section, option="keys"):
    """A comma-separated list of names in an INI option (fileConfig's keys=, handlers=)."""
    return [n.strip() for n in cp.get(section, option, raw=True, fallback="").split(",") if n.strip()]


def ini_literal(text):
    """fileConfig evaluates args= and kwargs= in logging's namespace; here they are read as literals only."""
    try:
        return as_data(ast.parse(text.strip(), mode="eval").body)
    except SyntaxError:
        return UNREAD


def ini_routes(cp):
    """fileConfig: formatter name -> destinations. Handler options are interpolated, as fileConfig reads them."""
    table = {}
    for name in listed(cp, "handlers"):
        section = "handler_%s" % name
        if not cp.has_section(section):
            continue
        try:
            args, kwargs = ini_literal(cp.get(section, "args", fallback="()")), ini_literal(cp.get(section, "kwargs", fallback="{}"))
            if isinstance(args, list) and isinstance(kwargs, dict):
                dest = destination(name, cp.get(section, "class", fallback=None), args, kwargs)
            else:
                dest = unknown(name, "its args are built at run time")
        except configparser.InterpolationError:
            dest = unknown(name, "its args come from fileConfig's defaults=, at run time")
        target = cp.get(section, "target", raw=True, fallback="")
        table[name] = (cp.get(section, "formatter", raw=True, fallback=""), dest, [target] if target else [])
    roots = [h for logger in listed(cp, "loggers") for h in listed(cp, "logger_%s" % logger, "handlers")]
    return routes(table, roots)


def read_ini(path, text):
    """As logging.config.fileConfig reads it: ConfigParser, formats read raw (no % interpolation)."""
    cp = configparser.ConfigParser()
    cp.read_string(text, source=path)
    if not cp.has_section("formatters"):
        return []
    destinations = ini_routes(cp)
    lines = text.splitlines()
    found = []
    for name in listed(cp, "formatters"):
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
            "destinations": destinations.get(name, []),
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
                destinations = dict_routes(obj)
                for name, spec in formatters.items():
                    if isinstance(spec, dict) and isinstance(spec.get("format", spec.get("fmt")), str):
                        fmt = spec.get("format", spec.get("fmt"))
                        line = next((i + 1 for i, l in enumerate(text.splitlines()) if name in l), 0)
                        found.append({
                            "file": path, "line": line, "origin": "dictConfig", "name": name, "format": fmt,
                            "datefmt": spec.get("datefmt"), "style": spec.get("style", "%"), "style_given": "style" in spec,
                            "defaults": spec.get("defaults"), "factory": spec.get("()"), "note": None,
                            "destinations": destinations(name),
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
