"""A Scrapy spider, run with `scrapy runspider`, crawling the capture script's http.server.

Callbacks stand in for views; the spider's own logger (self.logger) is Scrapy's documented way.
"""
import scrapy

import common


class CaptureSpider(scrapy.Spider):
    name = "capture"
    # One request at a time, so the log's order does not depend on the network.
    custom_settings = {"CONCURRENT_REQUESTS": 1}

    def start_requests(self):
        paths = ["/", "/hello", "/missing", "/log-exception", "/multiline", "/boom"]
        for i, path in enumerate(paths):
            yield scrapy.Request(self.base + path, priority=-i)

    def parse(self, response):
        view = common.VIEWS.get(response.url[len(self.base):])
        view(self.logger)  # /boom raises in the callback: Scrapy logs it
        yield {"url": response.url, "status": response.status}
