"""Ground truth for scripts/capture_frameworks.py, loaded by every child Python via PYTHONPATH.

Each record a logging.Formatter formats is appended as one JSON line to $PYLOGRX_RECORDS: the
exact string format() returned, and the formatter that made it. logging.Formatter.format is
wrapped, and so is every subclass's own format (Tornado's LogFormatter overrides it without
calling super). A thread-local depth keeps a subclass that calls super().format to one entry,
the outermost one, whose text is what the handler writes.

This shadows Debian's /etc/python3.11/sitecustomize.py, which only installs apport's hook.
"""
import functools
import json
import logging
import os
import threading

_PATH = os.environ.get("PYLOGRX_RECORDS")


def _style(formatter):
    style = getattr(formatter, "_style", None)
    # StrFormatStyle and StringTemplateStyle subclass PercentStyle: test them first.
    if isinstance(style, logging.StrFormatStyle):
        return "{"
    if isinstance(style, logging.StringTemplateStyle):
        return "$"
    return "%"


def _entry(formatter, text):
    return {
        "text": text,
        "fmt": formatter._fmt,
        "datefmt": formatter.datefmt,
        "style": _style(formatter),
        "class": type(formatter).__module__ + "." + type(formatter).__qualname__,
        "defaults": getattr(getattr(formatter, "_style", None), "_defaults", None),
        # Subclasses may change how asctime looks without a datefmt (Django's ServerFormatter).
        "default_time_format": formatter.default_time_format,
        "default_msec_format": formatter.default_msec_format,
    }


if _PATH:
    # O_APPEND and one write() per line: forked workers (gunicorn) and the Django reloader's
    # child share the file without tearing lines.
    _fd = os.open(_PATH, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    _depth = threading.local()

    def _wrap(format):
        @functools.wraps(format)
        def recorded(self, record):
            depth = getattr(_depth, "n", 0)
            _depth.n = depth + 1
            try:
                text = format(self, record)
            finally:
                _depth.n = depth
            if depth == 0:
                line = json.dumps(_entry(self, text), default=repr) + "\n"
                os.write(_fd, line.encode("utf-8", "surrogatepass"))
            return text

        return recorded

    logging.Formatter.format = _wrap(logging.Formatter.format)

    def _init_subclass(cls, **kwargs):
        super(logging.Formatter, cls).__init_subclass__(**kwargs)
        if "format" in vars(cls):
            cls.format = _wrap(vars(cls)["format"])

    logging.Formatter.__init_subclass__ = classmethod(_init_subclass)
