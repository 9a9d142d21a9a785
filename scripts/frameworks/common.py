"""What every capture app does, whatever the framework: one function per URL path.

A view returns its body; /boom raises out of the view so the framework logs it; an unknown
path is a 404. `log` is the logger the framework's docs have apps use (module logger by default).
"""
import logging

logger = logging.getLogger("app")


def index(log=logger):
    return "ok\n"


def hello(log=logger):
    log.info("hello from the app")
    return "hello\n"


def log_exception(log=logger):
    try:
        try:
            {}["missing"]
        except KeyError:
            raise ValueError("could not handle the request")  # chained: raised inside except
    except ValueError:
        log.exception("handled an error in %s", "log-exception")
    return "logged\n"


def multiline(log=logger):
    log.warning("first line\nsecond line")
    return "multiline\n"


def boom(log=logger):
    raise RuntimeError("uncaught error in a view")


VIEWS = {"/": index, "/hello": hello, "/log-exception": log_exception, "/multiline": multiline,
         "/boom": boom}
