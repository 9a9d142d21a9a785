"""Finds logging format strings where Python projects define them, statically: nothing is imported or run.

    python3 read_formats.py FILE...      (or the files one a line on stdin, with no arguments)

Prints a JSON list, one entry per formatter found:
  {"file", "line", "origin", "name", "format", "datefmt", "style", "style_given", "defaults", "factory", "note",
   "destinations", "default"}
origin: fileConfig (INI), dictConfig (a dict, literal or dict(...), with "formatters", in Python source or
TOML), basicConfig, Formatter (a call of logging.Formatter or of a subclass of it), celery (worker_log_format...),
constant (a module or class constant named for a format, e.g. LOG_FORMAT, DEFAULT_FORMAT, and the datefmt named
with it), setting (a keyword or key named for a format, e.g. Option(...) defaults), gunicorn (access_log_format),
loguru (logger.add), structlog (configure's renderer).
A class is a formatter only when it is logging.Formatter or a subclass of one: resolved through the imports and
classes of every file read together, and the framework bases in FORMATTER_KINDS; matplotlib's, argparse's or
jinja2's formatters are not logging's and are not reported.
A format that is built at run time (a name bound at run time, an f-string, a call) is reported with "format": null
and a note, never guessed. "default": a library default the reader leaves to its caller to fill in
(logging.BASIC_FORMAT for basicConfig() without format=, loguru's format, gunicorn's access_log_format), with
"format": null.
destinations: where the formatter's records go, as logging routes them: {"kind": "file", "path", "handler"},
{"kind": "console", "handler"} or {"kind": "unknown", "handler", "note"}; [] when no handler that a logger
reaches uses it.
Standard library only; Python 3.8+ (TOML needs 3.11+). Run it on the newest Python there is: its grammar
reads the older ones' files.
"""
import ast
import configparser
import json
import os
import re
import sys
import warnings

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
CONSTANT_DESTINATION = [{"kind": "unknown", "handler": None, "note": "a constant: its handler is where the code uses it"}]

# What a class is, by its qualified name: a logging.Formatter (its format is a logging format), python-json-logger's
# JsonFormatter (its format names the JSON keys: style json), or structlog's ProcessorFormatter (its processors
# render the line, not a format: not reported). Subclasses take their base's kind.
FORMATTER_KINDS = {
    "logging.Formatter": "logging",
    "colorlog.ColoredFormatter": "logging", "colorlog.formatter.ColoredFormatter": "logging",
    "colorlog.TTYColoredFormatter": "logging", "colorlog.formatter.TTYColoredFormatter": "logging",
    "colorlog.LevelFormatter": "logging", "colorlog.formatter.LevelFormatter": "logging",
    "tornado.log.LogFormatter": "logging",
    "uvicorn.logging.ColourizedFormatter": "logging", "uvicorn.logging.DefaultFormatter": "logging",
    "uvicorn.logging.AccessFormatter": "logging",
    "django.utils.log.ServerFormatter": "logging",
    "celery.utils.log.ColorFormatter": "logging", "celery.app.log.TaskFormatter": "logging",
    "pythonjsonlogger.jsonlogger.JsonFormatter": "json", "pythonjsonlogger.json.JsonFormatter": "json",
    "structlog.stdlib.ProcessorFormatter": "processors",
}
BASIC_CONFIGS = {"logging.basicConfig", "colorlog.basicConfig", "colorlog.wrappers.basicConfig"}
LOGURU_LOGGER = "loguru.logger"
STRUCTLOG_CONFIGURE = {"structlog.configure", "structlog.configure_once", "structlog._config.configure"}
# LogRecord attributes that only a log format names: a string with one of them is a logging format. (name, module,
# process, thread are left out: too many other strings have them.)
RECORD_FIELDS = frozenset(
    "levelname levelno message asctime msecs created relativeCreated pathname funcName lineno processName "
    "threadName exc_text taskName".split())
RECORD_ATTRIBUTES = frozenset("name msg args module filename process thread".split())  # and the others a LogRecord has
# loguru's record keys that a LogRecord has not: with {message}, the format is loguru's.
LOGURU_FIELDS = frozenset("time level function line elapsed exception extra file".split())
PERCENT_FIELD = re.compile(r"%\((\w+)\)[#0+ -]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]")
BRACE_FIELD = re.compile(r"\{(\w+)(?:\.\w+|\[[^\]{}]*\])*(?:![rsa])?(?::[^{}]*)?\}")
DOLLAR_FIELD = re.compile(r"\$\{?(\w+)")
# gunicorn's settings, read from a config module (gunicorn.conf.py, -c FILE) or given as keys.
GUNICORN_ACCESS = "access_log_format"
GUNICORN_SETTINGS = {"bind", "workers", "worker_class", "errorlog", "accesslog", "loglevel", GUNICORN_ACCESS, "logconfig_dict"}
# structlog's renderers, by the style of what they write; the keys its processors add to the event dict.
STRUCTLOG_RENDERERS = {
    "structlog.processors.JSONRenderer": "json", "structlog.processors.KeyValueRenderer": "logfmt",
    "structlog.processors.LogfmtRenderer": "logfmt", "structlog.dev.ConsoleRenderer": "console",
    "structlog.stdlib.ProcessorFormatter.wrap_for_formatter": "stdlib",
}
STRUCTLOG_KEYS = {
    "structlog.processors.add_log_level": "level", "structlog.stdlib.add_log_level": "level",
    "structlog.stdlib.add_logger_name": "logger", "structlog.processors.TimeStamper": "timestamp",
}
# Processors that change no key a line always has (exc_info and stack_info ones add keys only when there is one).
STRUCTLOG_NEUTRAL = {
    "structlog.contextvars.merge_contextvars", "structlog.processors.StackInfoRenderer", "structlog.dev.set_exc_info",
    "structlog.processors.format_exc_info", "structlog.processors.UnicodeDecoder", "structlog.stdlib.filter_by_level",
    "structlog.stdlib.PositionalArgumentsFormatter", "structlog.processors.dict_tracebacks",
    "structlog.processors.ExceptionPrettyPrinter",
}


STRIPS = {"strip", "lstrip", "rstrip"}


def literal(node, scope=None):
    """The str value of an expression: a literal (implicit and + concatenation, .strip() included), or, given the
    scope it is in, a name bound once to one (a constant, self.attr for a class attribute). Else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal(node.left, scope), literal(node.right, scope)
        if left is not None and right is not None:
            return left + right
    if isinstance(node, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in node.values):
        return "".join(v.value for v in node.values)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in STRIPS
            and not node.keywords and len(node.args) <= 1):
        text = literal(node.func.value, scope)
        chars = literal(node.args[0], scope) if node.args else None
        if text is not None and (chars is not None or not node.args):
            return getattr(text, node.func.attr)(chars)
    if scope is not None:
        target = scope.follow(node)
        if target is not node:
            return literal(target, scope)
    return None


def value_of(node, scope=None):
    """A literal value for defaults/style etc. (str, dict of literals, None), or a marker for non-literals."""
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return literal(node, scope)


def mapping(node):
    """The (key, value node) pairs of a dict display or a dict(...) call with keywords; None for anything else."""
    if isinstance(node, ast.Dict):
        return [(literal(k), v) for k, v in zip(node.keys, node.values) if k is not None]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict" and not node.args:
        return [(k.arg, k.value) for k in node.keywords if k.arg]
    return None


def as_data(node):
    """An expression (a handler's argument, a dictConfig dict) as data: literals as they are, sys.stdout as
    "ext://sys.stdout" (dictConfig's spelling), anything else UNREAD."""
    pairs = mapping(node)
    if pairs is not None:
        return {k: as_data(v) for k, v in pairs}
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


def written_style(text):
    """The style a string is written in when it names a record's fields (that is what makes it a log format), else None."""
    braced = [m.group(1) for m in BRACE_FIELD.finditer(text)]
    if "message" in braced and set(braced) & LOGURU_FIELDS:
        return "loguru"
    for style, fields in (("%", [m.group(1) for m in PERCENT_FIELD.finditer(text)]), ("$", [m.group(1) for m in DOLLAR_FIELD.finditer(text)]), ("{", braced)):
        if set(fields) & RECORD_FIELDS:
            return style
    return None


def is_log_format(text):
    """A constant's or a setting's value that is a log format: it names the message, and its fields are mostly a
    LogRecord's (http.server's error_message_format names %(message)s among its own: it is not one)."""
    style = written_style(text)
    if style is None:
        return None
    fields = [m.group(1) for m in (PERCENT_FIELD if style == "%" else DOLLAR_FIELD if style == "$" else BRACE_FIELD).finditer(text)]
    own = RECORD_FIELDS | LOGURU_FIELDS | RECORD_ATTRIBUTES
    if not {"message", "msg"} & set(fields) or 2 * sum(f in own for f in fields) < len(fields):
        return None
    return style


def named_for(name):
    """("format", stem) for LOG_FORMAT, DEFAULT_TASK_LOG_FMT, error_fmt; ("datefmt", stem) for LOG_DATEFORMAT,
    DEFAULT_DATE_FORMAT, datefmt; a format and a datefmt of one stem go together. None for other names."""
    flat = (name or "").lower().replace("_", "")
    for kind, suffixes in (("datefmt", ("dateformat", "datefmt")), ("format", ("format", "fmt"))):
        for suffix in suffixes:
            if flat.endswith(suffix):
                return kind, flat[: -len(suffix)]
    return None
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




class World:
    """What the files read together say about classes: each class's bases and each module's imported names, by
    qualified name, so that a class defined or re-exported in one file is known in another."""

    def __init__(self):
        self.aliases = {}  # "pkg.mod.Name" -> the qualified name it was imported as
        self.bases = {}  # "pkg.mod.Class" -> its bases' qualified names (None where not known)
        self.kinds = {}
        self.roots = set()  # the directories the files' top packages are in
        self.loaded = set()

    def load(self, name):
        """Reads the module a name is in, from beside the files read (a Formatter subclass in the project's own
        module, imported by the one file --from reads). True when it read one."""
        parts = name.split(".")
        for i in range(len(parts) - 1, 0, -1):
            module = ".".join(parts[:i])
            if module in self.loaded:
                continue
            self.loaded.add(module)
            for root in sorted(self.roots):
                for path in (os.path.join(root, *parts[:i]) + ".py", os.path.join(root, *parts[:i], "__init__.py")):
                    if os.path.isfile(path):
                        try:
                            with open(path, encoding="utf-8", errors="replace") as f, warnings.catch_warnings():
                                warnings.simplefilter("ignore")
                                Module(path, ast.parse(f.read(), filename=path), self)
                            return True
                        except (SyntaxError, ValueError, OSError, RecursionError):
                            pass
        return False

    def canonical(self, name):
        for _ in range(20):  # an import cycle stops here
            if name is None or name in FORMATTER_KINDS or name in self.bases:
                return name
            parts = name.split(".")
            for i in range(len(parts), 0, -1):
                head = ".".join(parts[:i])
                if head in self.aliases:
                    name = ".".join([self.aliases[head]] + parts[i:])
                    break
            else:
                return name
        return name

    def kind(self, name):
        """FORMATTER_KINDS' kind of a class, its own or its first known base's; None when it is no formatter of logging's."""
        name = self.canonical(name)
        while name is not None and name not in FORMATTER_KINDS and name not in self.bases and self.load(name):
            name = self.canonical(name)
        if name in FORMATTER_KINDS:
            return FORMATTER_KINDS[name]
        if name not in self.kinds:
            self.kinds[name] = None  # a cycle of bases is no formatter
            self.kinds[name] = next((k for k in map(self.kind, self.bases.get(name, ())) if k), None)
        return self.kinds[name]


def module_name(path):
    """The dotted name a file is imported by: its directories up to the first without an __init__.py."""
    folder, file = os.path.split(os.path.abspath(path))
    parts = [] if file == "__init__.py" else [file[:-3]]
    while os.path.exists(os.path.join(folder, "__init__.py")):
        folder, package = os.path.split(folder)
        parts.insert(0, package)
    return ".".join(parts)


SCOPES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def own_nodes(scope):
    """The nodes of a scope, without those of the functions and classes defined in it."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, SCOPES):
            todo.extend(ast.iter_child_nodes(node))


def bindings(scope, nodes):
    """(names bound once by a plain assignment -> the value, every name the scope binds), from the scope's own nodes."""
    stores = {}
    for n in nodes:
        bound = ([n.id] if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) else
                 [n.name] if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else
                 [(a.asname or a.name).split(".")[0] for a in n.names] if isinstance(n, (ast.Import, ast.ImportFrom)) else [])
        for name in bound:
            stores[name] = stores.get(name, 0) + 1
    if isinstance(scope, FUNCTIONS):
        a = scope.args
        for arg in a.posonlyargs + a.args + a.kwonlyargs + [x for x in (a.vararg, a.kwarg) if x]:
            stores[arg.arg] = stores.get(arg.arg, 0) + 1
    once = {}
    for n in nodes:
        if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
            once[n.targets[0].id] = n.value
        elif isinstance(n, ast.AnnAssign) and n.value is not None and isinstance(n.target, ast.Name):
            once[n.target.id] = n.value
    return {k: v for k, v in once.items() if stores.get(k) == 1}, set(stores)


class Scope:
    """Where a node is: the scopes whose names it sees (innermost first; a class's names only in its own body), and
    the class whose attributes self.X and cls.X name."""

    def __init__(self, module, chain, cls):
        self.module, self.chain, self.cls = module, chain, cls

    def follow(self, node):
        """The value a name (or self.attr, Class.attr) is bound to once, else the node itself."""
        for _ in range(5):
            target = self.lookup(node)
            if target is None:
                return node
            self.module.used.add(id(target))
            node = target
        return node

    def lookup(self, node):
        if isinstance(node, ast.Name):
            for once, stored, _ in self.chain:
                if node.id in stored:
                    return once.get(node.id)
            return None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner = self.cls if node.value.id in ("self", "cls") else self.module.classes.get(node.value.id)
            return self.module.attributes(owner).get(node.attr) if owner is not None else None
        return None


class Module:
    """One Python file: what its names stand for, and the formats it defines."""

    def __init__(self, path, tree, world):
        self.path, self.tree, self.world = path, tree, world
        self.name = module_name(path)
        world.roots.add(os.path.abspath(os.path.join(os.path.dirname(path), *[os.pardir] * self.name.count("."))) if not path.endswith("__init__.py")
                        else os.path.abspath(os.path.join(os.path.dirname(path), *[os.pardir] * (self.name.count(".") + 1))))
        self.package = self.name if path.endswith("__init__.py") else self.name.rpartition(".")[0]
        self.used = set()  # ids of the value nodes a finding has read (through a name, or as a formatter's)
        self.keyword_of = {}  # id(value) -> the keyword a call is given it by
        self.classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
        self.names = {}  # a name in this file -> the qualified name it stands for
        self._attributes, self._own, self._bindings = {}, {}, {}
        self.nodes = nodes = list(ast.walk(tree))
        for node in nodes:
            if isinstance(node, ast.Import):
                for a in node.names:
                    self.names[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom):
                base = self.absolute(node.module, node.level)
                for a in node.names:
                    self.names[a.asname or a.name] = base + "." + a.name if base else a.name
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for a in node.names:
                    bound = a.asname or a.name.split(".")[0]
                    world.aliases.setdefault(self.name + "." + bound, self.names[bound])
        for name in self.classes:
            self.names[name] = self.name + "." + name
        for node in nodes:
            if isinstance(node, ast.ClassDef):
                qualified = self.name + "." + node.name if self.classes.get(node.name) is node else self.name + ".<local>." + node.name
                world.bases[qualified] = [self.qualify(b) for b in node.bases]

    def absolute(self, module, level):
        if not level:
            return module or ""
        parts = self.package.split(".") if self.package else []
        base = parts[: len(parts) - (level - 1)] if level > 1 else parts
        return ".".join(base + ([module] if module else []))

    def qualify(self, node):
        """The qualified name an expression stands for (logging.Formatter for F after from logging import Formatter
        as F; dict for the builtin), else None."""
        head, _, rest = dotted(node).partition(".")
        if head in self.names:
            return self.names[head] + ("." + rest if rest else "")
        return head + ("." + rest if rest else "") if head in ("dict", "self", "cls") else None

    def attributes(self, cls):
        """A class's attributes bound once in its body, with those of its bases defined in this file."""
        if id(cls) not in self._attributes:
            self._attributes[id(cls)] = {}
            inherited = {}
            for base in cls.bases:
                local = self.classes.get(dotted(base))
                if local is not None and local is not cls:
                    inherited.update(self.attributes(local))
            self._attributes[id(cls)] = {**inherited, **self.bindings(cls)[0]}
        return self._attributes[id(cls)]

    def own(self, scope):
        """own_nodes(scope), once."""
        if id(scope) not in self._own:
            self._own[id(scope)] = list(own_nodes(scope))
        return self._own[id(scope)]

    def bindings(self, scope):
        if id(scope) not in self._bindings:
            self._bindings[id(scope)] = bindings(scope, self.own(scope))
        return self._bindings[id(scope)]

    def scopes(self):
        """Every node with its Scope and the scope node it is in (a module, class or function), parents before children."""
        todo = [(self.tree, [self.bindings(self.tree) + ("module",)], None)]
        while todo:
            scope_node, chain, cls = todo.pop()
            scope = Scope(self, chain, cls)
            for node in self.own(scope_node):
                yield node, scope, scope_node
                if isinstance(node, ast.ClassDef):
                    todo.append((node, [self.bindings(node) + ("class",)] + chain, node))
                elif isinstance(node, FUNCTIONS):
                    # A function sees the enclosing functions' and the module's names, not a class body's.
                    todo.append((node, [self.bindings(node) + ("function",)] + [c for c in chain if c[2] != "class"], cls))


def entry(path, line, origin, name, fmt, datefmt=None, style="%", style_given=False, defaults=None, factory=None,
          destinations=(), note=None, default=None):
    """A finding. A format that is None and no library default is one built at run time, unless the note says why."""
    return {
        "file": path, "line": line, "origin": origin, "name": name, "format": fmt,
        "datefmt": datefmt if isinstance(datefmt, str) else None, "style": style, "style_given": style_given,
        "defaults": defaults if isinstance(defaults, dict) else None, "factory": factory,
        "note": note if note is not None else RUNTIME if fmt is None and default is None else None,
        "destinations": list(destinations), "default": default,
    }


def logging_entry(path, line, origin, name, scope, fmt_node, datefmt_node, style_node, defaults_node, factory=None, destinations=()):
    """A logging.Formatter's arguments, read through the names they are given by."""
    style = value_of(style_node, scope) if style_node is not None else "%"
    defaults = value_of(defaults_node, scope) if defaults_node is not None else None
    return entry(path, line, origin, name, literal(fmt_node, scope) if fmt_node is not None else None,
                 literal(datefmt_node, scope) if datefmt_node is not None else None,
                 style if style in ("%", "{", "$") else "%", style_node is not None, defaults, factory, destinations)


def keywords(call):
    return {k.arg: k.value for k in call.keywords if k.arg}


def call_name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def formatters_in_dict(path, pairs, node, scope, found):
    """A dict with a "formatters" key (dictConfig's schema): each formatter in it. Its class, '()' or 'class', is
    resolved when every file has been read: python-json-logger's JsonFormatter makes it style json."""
    formatters = mapping(scope.follow(dict(pairs)["formatters"]))
    if formatters is None:
        return
    destinations = dict_routes(as_data(node))
    for name, spec_node in formatters:
        pairs = mapping(spec_node)
        if pairs is None:
            continue
        spec = dict(pairs)
        fmt = spec.get("format", spec.get("fmt"))
        if fmt is None:
            continue
        scope.module.used.update(id(v) for _, v in pairs)
        factory = literal(spec["()"]) if "()" in spec else None
        found.append(dict(logging_entry(path, spec_node.lineno, "dictConfig", name, scope, fmt, spec.get("datefmt"), spec.get("style"),
                                        spec.get("defaults"), factory, destinations(name)),
                          _factory=factory or (literal(spec["class"]) if "class" in spec else None)))


def is_formatter(node):
    """A call that may make a formatter (its class is resolved later): its class's name says so, and it is given a format."""
    name = call_name(node.func) if isinstance(node, ast.Call) else ""
    return name.endswith("Formatter") and name[:1].isupper() and bool(node.args or "fmt" in keywords(node))


def code_routes(module):
    """id(call) -> destinations, for Formatter calls given to handlers by setFormatter and for basicConfig calls.
    A name stands for its value only when the scope binds it once, by a plain assignment:
    h = FileHandler(...); h.setFormatter(Formatter(...)), or fmt = Formatter(...); h.setFormatter(fmt)."""
    found = {}
    for scope in [n for n in module.nodes if isinstance(n, SCOPES)]:
        bound = module.bindings(scope)[0]

        def resolved(node):
            return bound.get(node.id, node) if isinstance(node, ast.Name) else node

        def handler_at(node):
            call = resolved(node)
            return call_destination(call) if isinstance(call, ast.Call) else unknown(dotted(node) or None, NOT_SEEN)

        for n in module.own(scope):
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


def sink_destination(sink, scope):
    """Where a loguru sink writes: a path is a file (loguru may add {time} to it), sys.stdout/stderr the console."""
    path = literal(sink, scope) if sink is not None else None
    if path is not None:
        return {"kind": "file", "path": path, "handler": "sink"}
    if dotted(sink) in STD_STREAMS:
        return {"kind": "console", "handler": dotted(sink)}
    return unknown(dotted(sink) or None, "the sink is built at run time" if sink is not None else "no sink")


def loguru_entry(path, line, sink, kw, scope):
    """One loguru handler: logger.add(sink, format=..., serialize=...)."""
    dest = [sink_destination(sink, scope)]
    if value_of(kw["serialize"], scope) is True if "serialize" in kw else False:
        return entry(path, line, "loguru", None, None, style="loguru", style_given=True, destinations=dest,
                     note='serialize=True: each line is loguru\'s JSON record ({"text": ..., "record": {...}}), not its format')
    if "format" not in kw:
        return entry(path, line, "loguru", None, None, style="loguru", style_given=True, destinations=dest, default="loguru.LOGURU_FORMAT",
                     note="logger.add without format=: loguru's default (the LOGURU_FORMAT environment variable may change it)")
    fmt = literal(kw["format"], scope)
    target = scope.follow(kw["format"])
    note = "format is a function, called for each record: not read" if fmt is None and isinstance(target, (ast.Lambda, ast.Name)) else None
    return entry(path, line, "loguru", None, fmt, style="loguru", style_given=True, destinations=dest, note=note)


def listed_nodes(node, scope):
    """The elements of a list or tuple display, of lists joined with +, through names bound once; None if not static."""
    node = scope.follow(node)
    if isinstance(node, (ast.List, ast.Tuple)):
        items = []
        for e in node.elts:
            if isinstance(e, ast.Starred):
                inner = listed_nodes(e.value, scope)
                if inner is None:
                    return None
                items.extend(inner)
            else:
                items.append(e)
        return items
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = listed_nodes(node.left, scope), listed_nodes(node.right, scope)
        return left + right if left is not None and right is not None else None
    return None


def structlog_entry(module, call, scope):
    """structlog.configure(processors=[..., renderer]): the renderer says the style; the processors before it, the keys."""
    kw = keywords(call)
    path, line = module.path, call.lineno
    factory = kw.get("logger_factory")
    factory_name = module.qualify(factory.func) if isinstance(factory, ast.Call) else None
    to_console = factory is None or (factory_name in ("structlog.PrintLoggerFactory", "structlog.WriteLoggerFactory") and not factory.args and not factory.keywords)
    dest = [{"kind": "console", "handler": "PrintLogger"} if to_console else unknown(dotted(getattr(factory, "func", factory)) or None, "the logger_factory decides where it writes: not read")]

    def note(text):
        return entry(path, line, "structlog", None, None, destinations=dest, note=text)

    if "processors" not in kw:
        # _config.py _BUILTIN_DEFAULT_PROCESSORS: ConsoleRenderer's lines, whose keys and time the caller fills in.
        return entry(path, line, "structlog", "ConsoleRenderer", None, style="structlog-console", style_given=True, destinations=dest,
                     default="structlog.ConsoleRenderer", note="structlog's default processors: ConsoleRenderer's lines, as --preset structlog-console reads them")
    items = listed_nodes(kw["processors"], scope)
    if not items:
        return note("the processors are built at run time: not read")
    renderer = items[-1]
    renderer_name = module.qualify(renderer.func if isinstance(renderer, ast.Call) else renderer)
    kind = STRUCTLOG_RENDERERS.get(renderer_name)
    rkw = keywords(renderer) if isinstance(renderer, ast.Call) else {}
    line = renderer.lineno
    short = (renderer_name or dotted(getattr(renderer, "func", renderer)) or "built at run time").rpartition(".")[2]
    if kind == "json":
        keys, unread = ["event"], []
        for p in items[:-1]:
            name = module.qualify(p.func if isinstance(p, ast.Call) else p)
            if name in STRUCTLOG_KEYS:
                key = literal(keywords(p)["key"], scope) if isinstance(p, ast.Call) and "key" in keywords(p) else STRUCTLOG_KEYS[name]
                keys.append(key)
            elif name not in STRUCTLOG_NEUTRAL:
                unread.append(dotted(p.func if isinstance(p, ast.Call) else p) or "a processor built at run time")
        if value_of(rkw["sort_keys"], scope) is True if "sort_keys" in rkw else False:
            keys.sort()
        return entry(path, line, "structlog", short, " ".join("%%(%s)s" % k for k in keys), style="json", style_given=True, destinations=dest,
                     note="the keys the processors add; %s may add or rename others: not read" % ", ".join(unread) if unread else None)
    if kind == "logfmt":
        order = as_data(rkw["key_order"]) if "key_order" in rkw else None
        if isinstance(order, list) and order and all(isinstance(k, str) for k in order):
            return entry(path, line, "structlog", short, " ".join(order), style="logfmt", style_given=True, destinations=dest)
        return entry(path, line, "structlog", short, None, style="logfmt", destinations=dest,
                     note="%s without a literal key_order= writes the keys in the event's own order: give them with --style logfmt" % short)
    if kind == "console":
        return note("ConsoleRenderer after processors of its own: --preset structlog-console reads structlog's default chain; these keys are not read")
    if kind == "stdlib":
        return note("ProcessorFormatter.wrap_for_formatter: logging's handlers format the lines, with the ProcessorFormatter they are given")
    return note("its last processor (%s) is not one of structlog's renderers: not read" % short)


def read_call(module, node, scope, routes, found):
    """The formats a call defines. True when the call is one this reader knows: its keywords are then its own, not settings."""
    path, kw = module.path, keywords(node)
    name = module.qualify(node.func)
    if name in BASIC_CONFIGS:
        dest = routes[id(node)]
        if any(k.arg is None for k in node.keywords):
            found.append(entry(path, node.lineno, "basicConfig", None, None, destinations=dest, note="basicConfig's arguments are built at run time (**kwargs): not read"))
        elif "format" in kw:
            found.append(logging_entry(path, node.lineno, "basicConfig", None, scope, kw["format"], kw.get("datefmt"), kw.get("style"), None, destinations=dest))
        else:
            style = value_of(kw["style"], scope) if "style" in kw else "%"
            found.append(entry(path, node.lineno, "basicConfig", None, None, literal(kw["datefmt"], scope) if "datefmt" in kw else None,
                               style if style in ("%", "{", "$") else "%", "style" in kw, destinations=dest, default="logging.BASIC_FORMAT",
                               note="basicConfig() without format=: logging.BASIC_FORMAT"))
        return True
    if name == LOGURU_LOGGER + ".add":
        found.append(loguru_entry(path, node.lineno, node.args[0] if node.args else kw.get("sink"), kw, scope))
        return True
    if name == LOGURU_LOGGER + ".configure":
        for handler in listed_nodes(kw["handlers"], scope) or [] if "handlers" in kw else []:
            pairs = mapping(handler)
            if pairs is not None:
                spec = dict(pairs)
                scope.module.used.update(id(v) for _, v in pairs)
                found.append(loguru_entry(path, handler.lineno, spec.get("sink"), spec, scope))
        return True
    if name in STRUCTLOG_CONFIGURE:
        found.append(structlog_entry(module, node, scope))
        return True
    # A formatter by its name as written or as imported (from x import JsonFormatter as J), or a class of this file
    # that is one as far as the files read so far say (celery's Option is a class too).
    if name is not None and (node.args or "fmt" in kw) and (
            is_formatter(node) or name.endswith("Formatter") or (dotted(node.func) in module.classes and module.world.kind(name))):
        args = list(node.args) + [None] * 3
        found.append(dict(logging_entry(path, node.lineno, "Formatter", None, scope, kw.get("fmt", args[0]), kw.get("datefmt", args[1]),
                                        kw.get("style", args[2]), kw.get("defaults"),
                                        destinations=routes.get(id(node), [unknown(None, NOT_SEEN)])), _class=name))
        return True
    return False


def setting_text(value, scope):
    """A setting's format: its literal (through names), or the one log format among the literal arguments of the call
    it is given as (celery's Option(DEFAULT_TASK_LOG_FMT), os.environ.get("LOG_FORMAT", "..."))."""
    text = literal(value, scope)
    if text is not None:
        return text, None
    call = value
    if isinstance(call, ast.Call):
        texts = [t for t in (literal(a, scope) for a in call.args + [k.value for k in call.keywords if k.arg == "default"]) if t is not None and is_log_format(t)]
        if len(texts) == 1:
            return texts[0], "the default of %s(...): it may be given another at run time" % (dotted(call.func) or "a call")
    return None, None


def gunicorn_destinations(keys, scope):
    """gunicorn's accesslog setting: '-' is stdout, a path a file; without it gunicorn writes no access log."""
    path = literal(keys["accesslog"], scope) if "accesslog" in keys else None
    if path == "-":
        return [{"kind": "console", "handler": "accesslog"}]
    if path:
        return [{"kind": "file", "path": path, "handler": "accesslog"}]
    return [unknown("accesslog", "gunicorn writes the access log only where accesslog (--access-logfile) says")]


def read_settings(module, group, owner, found):
    """Names given values together (a module's or class's assignments, a call's keywords, a dict's keys) that are
    settings: celery's and gunicorn's, and any named for a format whose value is a log format, with the datefmt named
    with it (LOG_FORMAT and LOG_DATEFORMAT, DEFAULT_FORMAT and DEFAULT_DATE_FORMAT)."""
    path = module.path
    pairs = list(group)
    keys = {name: value for name, value, _, _ in pairs}
    # gunicorn's config.py declares each setting as a class: name = "access_log_format", default = "...".
    if "name" in keys and "default" in keys and isinstance(literal(keys["name"]), str):
        pairs.append((literal(keys["name"]), keys["default"], keys["default"].lineno, pairs[0][3]))
    dates = {named_for(name)[1]: (value, scope) for name, value, _, scope in pairs if named_for(name) and named_for(name)[0] == "datefmt"}
    where = owner.name + "." if isinstance(owner, ast.ClassDef) else ""
    prefix = module.keyword_of.get(id(owner))  # celery's worker=Namespace(log_format=Option(...))
    in_call = isinstance(owner, ast.Call) and mapping(owner) is None
    for name, value, line, scope in pairs:
        if id(value) in module.used:
            continue
        if prefix and "%s_%s" % (prefix, name) in CELERY_KEYS:
            name = "%s_%s" % (prefix, name)
        if name in CELERY_KEYS:
            text, note = setting_text(value, scope)
            found.append(entry(path, line, "celery", name, text, destinations=CELERY_DESTINATION, note=note))
        elif name == GUNICORN_ACCESS and not in_call:  # a keyword of that name is another library's (aiohttp's)
            text, note = setting_text(value, scope)
            if text is None and not isinstance(owner, ast.Module):
                continue  # copied at run time from another setting (hypercorn's config.access_log_format = args...)
            found.append(entry(path, line, "gunicorn", name, text, style="gunicorn", style_given=True,
                               destinations=gunicorn_destinations(keys, scope), note=note))
        elif named_for(name) and named_for(name)[0] == "format" and not isinstance(owner, FUNCTIONS):  # a function's locals are not constants
            text, note = setting_text(value, scope)
            style = is_log_format(text) if text is not None else None
            if style is None:
                continue
            date, date_scope = dates.get(named_for(name)[1], (None, None))
            origin = "constant" if isinstance(owner, (ast.Module, ast.ClassDef)) else "setting"
            found.append(entry(path, line, origin, where + name, text, literal(date, date_scope) if date is not None else None,
                               style, False, destinations=CONSTANT_DESTINATION, note=note))
    if isinstance(owner, ast.Module) and GUNICORN_ACCESS not in keys and "accesslog" in keys and literal(keys["accesslog"]) is not None \
            and (re.match(r"gunicorn.*\.py$", os.path.basename(path)) or len(GUNICORN_SETTINGS & set(keys)) > 1):
        found.append(entry(path, keys["accesslog"].lineno, "gunicorn", GUNICORN_ACCESS, None, style="gunicorn", style_given=True,
                           destinations=gunicorn_destinations(keys, None), default="gunicorn.access_log_format",
                           note="access_log_format not set: gunicorn's default"))


def assigned(node):
    """(name, value) for each target of an assignment: x = ..., self.x = ..., app.conf.x = ..."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if node.value is not None else []
    for target in targets:
        name = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else None
        if name is not None:
            yield name, node.value


def read_python(path, text, world):
    """The formats a Python file defines. Formatter calls carry _class, resolved once every file is read."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes and the like: the file's, not ours to report
        tree = ast.parse(text, filename=path)
    module = Module(path, tree, world)
    routes = code_routes(module)
    found, groups, scoped = [], {}, {}
    for node, scope, owner in module.scopes():
        if isinstance(node, ast.Call):
            module.keyword_of.update((id(k.value), k.arg) for k in node.keywords if k.arg)
            if read_call(module, node, scope, routes, found):
                module.used.add(id(node))
            elif mapping(node) is None:
                groups[id(node)] = (node, [(k.arg, k.value, k.value.lineno, scope) for k in node.keywords if k.arg])
        pairs = mapping(node)
        if pairs is not None:
            if "formatters" in dict(pairs):
                formatters_in_dict(path, pairs, node, scope, found)
            else:
                groups[id(node)] = (node, [(k, v, v.lineno, scope) for k, v in pairs if isinstance(k, str)])
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            scoped.setdefault(id(owner), (owner, []))[1].extend((name, value, node.lineno, scope) for name, value in assigned(node))
    # A scope's constants last: a call or a dict that reads one through its name has reported it.
    for owner, group in list(groups.values()) + list(scoped.values()):
        read_settings(module, group, owner, found)
    return found


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
            "destinations": destinations.get(name, []), "default": None,
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
                            "destinations": destinations(name), "default": None,
                        })
            for value in obj.values():
                walk(value)
        elif isinstance(obj, list):
            for value in obj:
                walk(value)

    walk(data)
    return found


def resolved(found, world):
    """Keeps the Formatter calls whose class is a formatter of logging's (python-json-logger's makes the style json)."""
    out = []
    world.kinds.clear()  # found before every file was read
    for e in found:
        cls, factory = e.pop("_class", None), e.pop("_factory", None)
        kind = world.kind(cls) if cls is not None else None
        if cls is not None and kind not in ("logging", "json"):
            continue
        if "json" in (kind, world.kind(factory) if factory else None) and e["style"] == "%":
            e.update(style="json", style_given=True)
        out.append(e)
    return out


def main():
    paths = sys.argv[1:] or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    out, world = [], World()
    for path in paths:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if path.endswith(".py"):
                out.extend(read_python(path, text, world))
            elif path.endswith(".toml"):
                out.extend(read_toml(path, text))
            else:
                out.extend(read_ini(path, text))
        except (SyntaxError, configparser.Error, ValueError, OSError, RecursionError) as e:
            out.append({"file": path, "line": getattr(e, "lineno", 0) or 0, "error": "%s: %s" % (type(e).__name__, e)})
    found = resolved([e for e in out if "error" not in e], world)
    found.sort(key=lambda e: (e["file"], e["line"]))
    json.dump(found + [e for e in out if "error" in e], sys.stdout, ensure_ascii=False)


main()
