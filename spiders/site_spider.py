"""The one spider class: discovery for any site in the registry.

Each registry entry becomes a subclass named after its key (see ``crawler.spiderloader``), so
``scrapy crawl <key>`` works without a class per site. The spider only *discovers* and fetches;
extraction, dates and storage are the item pipelines' job.
"""

from __future__ import annotations

from datetime import datetime, timezone

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.discovery import clean_url, listing_links, parse_feed, parse_sitemap
from crawler.encoding import decode_response
from crawler.items import FetchFailure, PageItem
from crawler.extension import ArchiveExtension
from crawler.process import FetchedPage
from crawler.registry import Site, get_site


class SiteSpider(scrapy.Spider):
    """Crawl one registered site from its sitemaps, feeds and listing pages.

    Spider arguments (``-a name=value``):
      ``full=1``   ignore what is already archived and fetch every article again.
    """

    name = "site"          # replaced per registry entry
    site_key: str = ""

    def __init__(self, *args, full: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.site: Site = get_site(self.site_key)
        self.allowed_domains = list(self.site.domains)
        self.force_full = str(full or "").lower() in ("1", "true", "yes")
        self.requested: set[str] = set()
        self.seen_links: set[str] = set()   # raw hrefs already judged: listings repeat most of theirs
        self.seen_listings: set[str] = set()
        self.judged_links: set[str] = set()  # hrefs already judged as listing pages or not
        self.known: set[str] = set()

    @property
    def incremental(self) -> bool:
        return self.settings.getbool("INCREMENTAL") and not self.force_full

    # --- entry points ---------------------------------------------------------------------------
    async def start(self):
        if self.incremental:
            self.known = self.known_article_urls()
            self.logger.info("incremental: %d article URLs already archived", len(self.known))
        starts = self.site.start_urls
        for url in starts["sitemap"]:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_error)
        for url in starts["feed"]:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.on_error)
        for url in starts["listing"]:
            yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_error, meta={"listing_depth": 1})

    def known_article_urls(self) -> set[str]:
        """Article URLs an incremental crawl does not fetch again: the archive's. (A distributed
        worker has no archive: its shared, persisted dupefilter plays this part.)"""
        return self.crawler.get_extension(ArchiveExtension).archive.known_article_urls(self.site.key)

    def article_request(self, url: str, via: str, date: str | None = None):
        if url in self.seen_links:
            return None
        self.seen_links.add(url)
        url = clean_url(url)
        if url in self.requested or url in self.known or not self.site.is_article_url(url):
            return None
        self.requested.add(url)
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                              meta={"discovered_via": via, "discovery_date": date})

    # --- discovery callbacks -----------------------------------------------------------------------
    def parse_sitemap(self, response):
        kind, links = parse_sitemap(response.body)
        self.crawler.stats.inc_value(f"discovery/sitemap_{kind}_links", len(links))
        for link in links:
            if kind == "index":
                yield scrapy.Request(link.url, callback=self.parse_sitemap, errback=self.on_error)
            else:
                # lastmod is the *modified* time: a hint only, never the publication date.
                req = self.article_request(link.url, "sitemap", link.date if link.date_kind == "pubdate" else None)
                if req:
                    yield req

    def parse_feed(self, response):
        links = parse_feed(response.body)
        self.crawler.stats.inc_value("discovery/feed_links", len(links))
        for link in links:
            req = self.article_request(link.url, "feed", link.date)
            if req:
                yield req

    def parse_listing(self, response):
        if not isinstance(response, TextResponse):
            return
        hrefs, nexts = listing_links(response.text, response.url)
        new = 0
        for url in hrefs:
            req = self.article_request(url, "listing")
            if req:
                new += 1
                yield req
        depth = response.meta.get("listing_depth", 1)
        if self.incremental and new == 0 and depth > 1:
            self.logger.info("listing %s brought nothing new: stop paging", response.url)
            return
        if depth >= self.settings.getint("MAX_LISTING_PAGES"):
            return
        # menus and sidebars repeat on every listing page: a link judged on an earlier one is not again
        unjudged = [u for u in hrefs if u not in self.judged_links]
        self.judged_links.update(unjudged)
        for url in nexts + [u for u in unjudged if self.site.is_listing_url(u)]:
            url = clean_url(url)
            if url not in self.seen_listings:
                self.seen_listings.add(url)
                yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_error,
                                     meta={"listing_depth": depth + 1})

    # --- pages ------------------------------------------------------------------------------------
    def parse_article(self, response):
        if not isinstance(response, TextResponse):
            yield FetchFailure(self.site.key, response.url, "not_html",
                               f"content-type {response.headers.get('Content-Type', b'').decode('latin-1')}",
                               response.status)
            return
        html, encoding = decode_response(response)
        page = FetchedPage(
            url=clean_url(response.url),
            body=html,
            site=self.site,
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            discovered_via=response.meta.get("discovered_via", ""),
            discovery_date=response.meta.get("discovery_date"),
        )
        yield PageItem(page=page, status=response.status, encoding=encoding)

    def on_error(self, failure):
        request = failure.request
        if failure.check(HttpError):
            status = failure.value.response.status
            outcome, reason = "http_error", f"HTTP {status}"
        elif failure.check(IgnoreRequest):
            status, outcome, reason = None, "robots", str(failure.value) or "forbidden by robots.txt"
        else:
            status, outcome, reason = None, "network_error", f"{failure.type.__name__}: {failure.value}"
        url = request.url
        self.logger.warning("skip %s: %s", url, reason)
        # Article URLs get a row in `pages`; a missing sitemap, feed or listing is a discovery
        # problem: logged above and counted in the run's `errors`.
        if request.callback == self.parse_article:
            yield FetchFailure(self.site.key, url, outcome, reason, status)
        else:
            self.crawler.stats.inc_value("discovery/failures")


def spider_class_for(site: Site) -> type[SiteSpider]:
    cls_name = "".join(part.capitalize() for part in site.key.replace("-", "_").split("_")) + "Spider"
    return type(cls_name, (SiteSpider,), {"name": site.key, "site_key": site.key, "__doc__": f"{site.name} ({site.region})"})
