"""Re-extraction: the pipelines run again over the pages the archive captured, with no network.

After the extractor improves (a new page profile, a chrome rule) or once a site's repeated blocks
have been learned (:mod:`crawler.templates`), ``python -m crawler reextract SITE`` hands the latest
capture of each of the site's pages to the same stages a fetched page goes through: extract,
templates, dates, language, storage. Storage keeps its rules: a text that comes out the same is
left as it was; a different one becomes the article's next version (the old text stays in
``article_versions``); a page that was not an article may become one. Nothing is fetched and
nothing counts as seen again: ``pages.fetch_count``/``last_fetched`` and ``articles.last_seen``
stay. The run is a ``crawl_runs`` row of kind ``reextract``.
"""

from __future__ import annotations

import asyncio

import scrapy
from scrapy import signals

from crawler.extension import ArchiveExtension
from crawler.items import PageItem
from crawler.process import FetchedPage
from crawler.registry import Site, get_site
from crawler.storage import CaptureUnreadable


class CaptureSpider(scrapy.Spider):
    """Spider argument ``site_key``: the registry entry whose captures are read again."""

    name = "reextract"
    run_kind = "reextract"        # read by crawler.extension.ArchiveExtension
    incremental = False
    # Pages handed to the pipelines at once. Items from start() are not paced by the downloader,
    # so without a bound every capture of the site would sit decompressed in memory.
    MAX_IN_FLIGHT = 32

    def __init__(self, site_key: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.site: Site = get_site(site_key)
        self.in_flight = 0

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider._item_done, signal=signal)
        return spider

    def _item_done(self, *args, **kwargs) -> None:
        self.in_flight -= 1

    async def start(self):
        archive = self.crawler.get_extension(ArchiveExtension).archive
        # the page list first: the pipelines write through the same connection meanwhile
        captures = list(archive.latest_captures(self.site.key))
        self.logger.info("reextract %s: %d captured pages", self.site.key, len(captures))
        for row in captures:
            while self.in_flight >= self.MAX_IN_FLIGHT:
                await asyncio.sleep(0.005)
            try:
                html = archive.capture_html(row["id"])
            except CaptureUnreadable as exc:   # a damaged blob or WARC record: skip it, go on
                self.logger.warning("capture %s of %s is unreadable (%s): page left as it was", row["id"], row["url"], exc)
                self.crawler.stats.inc_value("reextract/unreadable_captures")
                continue
            self.in_flight += 1
            yield self.page_item(row, html)

    def page_item(self, row: dict, html: str) -> PageItem:
        # The feed's date of an article dated by its feed is the one date the page cannot give
        # again: it is replayed from the archive. (A sitemap's lastmod is not kept, nor needed:
        # it only ever hinted at the modified date.)
        feed_date = row["published_text"] if row["published_source"] == "feed" else None
        page = FetchedPage(
            url=row["url"],
            body=html,
            site=self.site,
            fetched_at=row["fetched_at"],
            discovered_via="feed" if feed_date else (row["discovered_via"] or ""),
            discovery_date=feed_date,
        )
        return PageItem(page=page, status=row["status"] or 200, encoding=row["encoding"] or "utf-8",
                        capture_id=row["id"], reextracted=True)
