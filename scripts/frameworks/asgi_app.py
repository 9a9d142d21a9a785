"""A bare ASGI app, for uvicorn and hypercorn. It speaks lifespan, as Starlette-based apps do."""
from common import VIEWS


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            kind = message["type"].rsplit(".", 1)[-1]  # startup / shutdown
            await send({"type": f"lifespan.{kind}.complete"})
            if kind == "shutdown":
                return
    view = VIEWS.get(scope["path"])
    status, body = (404, "not found\n") if view is None else (200, None)
    if view is not None:
        body = view()  # /boom raises here: the server logs it
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body.encode()})
