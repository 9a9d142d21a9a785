"""A bare WSGI app, for gunicorn and waitress."""
from common import VIEWS


def app(environ, start_response):
    view = VIEWS.get(environ["PATH_INFO"])
    status, body = ("404 Not Found", "not found\n") if view is None else ("200 OK", None)
    if view is not None:
        body = view()  # /boom raises here: the server logs it
    start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body.encode()]
