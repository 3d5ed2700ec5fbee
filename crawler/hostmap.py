"""Fetch a site from another origin while the crawl keeps the site's own URLs.

``HOST_MAP = {"https://zhetysu-gazeti.kz": "http://127.0.0.1:8123"}`` makes the demo and the tests
crawl a loopback server *as if* it were the real site: robots.txt, the offsite filter, link
patterns, canonical URLs, download slots and the archive all see ``https://zhetysu-gazeti.kz/...``,
so a second run on another port finds the same rows. Only the socket goes elsewhere.

It is a download handler, the last step before the socket, rather than a downloader middleware:
a middleware that swaps the URL must return a new request, which goes back through the scheduler
and every middleware a second time.
"""

from __future__ import annotations

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler


def map_url(url: str, host_map: dict[str, str]) -> str | None:
    """The mapped URL, or None when ``url`` is not under a mapped origin."""
    for src, dst in host_map.items():
        if url == src or url.startswith((src + "/", src + "?")):
            return dst + url[len(src):]
    return None


class HostMapDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, connecting to the ``HOST_MAP`` target of mapped origins."""

    def __init__(self, crawler):
        super().__init__(crawler)
        raw = crawler.settings.getdict("HOST_MAP")
        self.host_map = {k.rstrip("/"): v.rstrip("/") for k, v in raw.items()}
        self.reverse = {v: k for k, v in self.host_map.items()}

    async def download_request(self, request):
        target = map_url(request.url, self.host_map) if self.host_map else None
        if target is None:
            return await super().download_request(request)
        response = await super().download_request(request.replace(url=target))
        location = response.headers.get(b"Location")
        if location:
            # Redirects must point back into the site's own origin, or they would escape the map.
            back = map_url(location.decode("latin-1"), self.reverse)
            if back:
                response.headers[b"Location"] = back.encode("latin-1")
        return response.replace(url=request.url, request=request)
