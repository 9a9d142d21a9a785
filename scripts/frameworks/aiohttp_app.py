"""aiohttp, run with `python3 -m aiohttp.web ... aiohttp_app:init`: that CLI calls basicConfig."""
from aiohttp import web

import common


def _handler(view):
    async def handle(request):
        return web.Response(text=view())  # /boom raises here: aiohttp logs it
    return handle


def init(argv):
    app = web.Application()
    app.add_routes([web.get(p, _handler(v)) for p, v in common.VIEWS.items()])
    return app
