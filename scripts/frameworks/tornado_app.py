"""Tornado as its demos run it: parse_command_line() installs Tornado's LogFormatter on root."""
import asyncio

import tornado.options
import tornado.web

import common

tornado.options.define("port", default=8888, type=int)


class View(tornado.web.RequestHandler):
    def initialize(self, view):
        self.view = view

    def get(self):
        self.write(self.view())  # /boom raises here: Tornado logs it


async def main():
    tornado.options.parse_command_line()
    routes = [(p, View, {"view": v}) for p, v in common.VIEWS.items()]
    tornado.web.Application(routes).listen(tornado.options.options.port, "127.0.0.1")
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
