"""Downloader middlewares."""

from __future__ import annotations

import logging

from scrapy import signals

logger = logging.getLogger(__name__)

_ORIGINAL_URL = "host_map_original_url"


class HostMapMiddleware:
    """Fetch a site's URLs from another origin while the crawl keeps the site's own URLs.

    ``HOST_MAP = {"https://zhetysu-gazeti.kz": "http://127.0.0.1:8123"}`` makes the demo and the
    tests crawl a loopback server *as if* it were the real site: robots.txt, link filtering,
    canonical URLs and the archive all see ``https://zhetysu-gazeti.kz/...``, so a second run on
    another port finds the same rows. Only the socket goes elsewhere.
    """

    def __init__(self, host_map: dict[str, str]):
        self.host_map = {k.rstrip("/"): v.rstrip("/") for k, v in host_map.items()}

    @classmethod
    def from_crawler(cls, crawler):
        mw = cls(crawler.settings.getdict("HOST_MAP"))
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        return mw

    def spider_opened(self, spider):
        for src, dst in self.host_map.items():
            logger.info("HOST_MAP: fetching %s from %s", src, dst)

    def _target(self, url: str) -> str | None:
        for src, dst in self.host_map.items():
            if url == src or url.startswith(src + "/") or url.startswith(src + "?"):
                return dst + url[len(src):]
        return None

    def process_request(self, request, spider=None):
        if _ORIGINAL_URL in request.meta:
            return None
        target = self._target(request.url)
        if target is None:
            return None
        # The site's own URL already passed robots.txt and the offsite filter (both run before us).
        meta = dict(request.meta, **{_ORIGINAL_URL: request.url, "dont_obey_robotstxt": True})
        return request.replace(url=target, meta=meta, dont_filter=True)

    def process_response(self, request, response, spider=None):
        original = request.meta.get(_ORIGINAL_URL)
        if not original:
            return response
        # Redirects must point back into the site's own origin, or they would escape the map.
        location = response.headers.get(b"Location")
        if location:
            loc = location.decode("latin-1")
            for src, dst in self.host_map.items():
                if loc.startswith(dst):
                    response.headers[b"Location"] = (src + loc[len(dst):]).encode("latin-1")
        return response.replace(url=original)
