"""The one spider class: discovery for any site in the registry.

Each registry entry becomes a subclass named after its key (see ``crawler.spiderloader``), so
``scrapy crawl <key>`` works without a class per site. The spider only *discovers* and fetches;
extraction, dates and storage are the item pipelines' job.
"""

from __future__ import annotations

from datetime import datetime, timezone

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, DownloadCancelledError, DownloadTimeoutError, IgnoreRequest, ResponseDataLossError
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import TimeoutError as TxTimeoutError

from crawler.discovery import clean_url, listing_links, parse_feed, parse_sitemap
from crawler.encoding import decode_response
from crawler.items import FetchFailure, NotModified, PageItem, RedirectedAway
from crawler.extension import ArchiveExtension
from crawler.middlewares import PageRefused, RobotsForbidden, RobotsUnavailable, first_url, retry_after_seconds
from crawler.process import FetchedPage
from crawler.registry import Site, get_site


# The share of a listing page's articles already archived at which an incremental crawl stops paging.
ARCHIVED_SHARE = 0.5


class SiteSpider(scrapy.Spider):
    """Crawl one registered site from its sitemaps, feeds and listing pages.

    Spider arguments (``-a name=value``):
      ``full=1``   ignore what is already archived and fetch every article again: what discovery
                   finds, then (see :meth:`revisit_archived`) every archived article it did not.
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
        self.validators: dict = {}        # url -> (etag, last_modified), for conditional re-visits
        self.revisited = False
        self.discovery_pages = 0          # sitemaps and listing pages requested past the registry's

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.revisit_archived, signal=signals.spider_idle)
        return spider

    @property
    def incremental(self) -> bool:
        return self.settings.getbool("INCREMENTAL") and not self.force_full

    # --- entry points ---------------------------------------------------------------------------
    async def start(self):
        if self.incremental:
            self.known = self.known_article_urls()
            self.logger.info("incremental: %d article URLs already archived", len(self.known))
        else:
            self.validators = self.page_validators()
        starts = self.site.start_urls
        # "discovered_via" and "via_url" in meta: how a URL was found, for its WARC metadata record
        for url in starts["sitemap"]:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_error, meta={"discovered_via": "registry"})
        for url in starts["feed"]:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.on_error, meta={"discovered_via": "registry"})
        for url in starts["listing"]:
            yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_error,
                                 meta={"listing_depth": 1, "discovered_via": "registry"})

    def revisit_archived(self):
        """A full crawl, once discovery is done: the archived articles it did not find are asked
        for too (conditionally), so one taken down and unlisted is still seen gone (404/410, a
        redirect to the home page or a listing, a page with no story), never silently dropped."""
        if self.incremental or self.revisited:
            return
        self.revisited = True
        requests = [r for r in (self.article_request(url, "archive") for url in sorted(self.known_article_urls()))
                    if r is not None]
        if requests:
            self.logger.info("re-visiting %d archived articles discovery did not list", len(requests))
            for request in requests:
                self.crawler.engine.crawl(request)
            raise DontCloseSpider

    def known_article_urls(self) -> set[str]:
        """Article URLs an incremental crawl does not fetch again: the archive's. (A distributed
        worker has no archive: its shared, persisted dupefilter plays this part.)"""
        return self.crawler.get_extension(ArchiveExtension).archive.known_article_urls(self.site.key)

    def page_validators(self) -> dict:
        """``{url: (etag, last_modified)}`` of archived articles: a full re-crawl asks for them
        conditionally, so an unchanged page costs a 304 (a distributed worker has none)."""
        return self.crawler.get_extension(ArchiveExtension).archive.page_validators(self.site.key)

    def article_request(self, url: str, via: str, date: str | None = None, via_url: str | None = None):
        if url in self.seen_links:
            return None
        self.seen_links.add(url)
        url = clean_url(url)
        if url in self.requested or url in self.known or not self.site.is_article_url(url):
            return None
        self.requested.add(url)
        meta = {"discovered_via": via, "discovery_date": date, "via_url": via_url}
        headers = {}
        etag, last_modified = self.validators.get(url, (None, None))
        if etag or last_modified:            # a re-visit: an unchanged page answers 304, no body
            headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
            meta["handle_httpstatus_list"] = [304]
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error, headers=headers, meta=meta)

    def discovery_budget(self) -> bool:
        """Whether one more sitemap or listing page may be requested (``MAX_DISCOVERY_PAGES``)."""
        limit = self.settings.getint("MAX_DISCOVERY_PAGES")
        if not limit or self.discovery_pages < limit:
            self.discovery_pages += 1
            return True
        if not self.crawler.stats.get_value("discovery/limit_reached"):
            self.crawler.stats.set_value("discovery/limit_reached", limit)
            self.crawler.stats.inc_value("discovery/failures")    # a crawl that may have missed articles: exit 3
            self.logger.warning("discovery stopped after %d sitemaps and listing pages (MAX_DISCOVERY_PAGES): "
                                "a spider trap, or a site that needs a higher limit", limit)
        return False

    # --- discovery callbacks -----------------------------------------------------------------------
    def parse_sitemap(self, response):
        kind, links = parse_sitemap(response.body)
        self.crawler.stats.inc_value(f"discovery/sitemap_{kind}_links", len(links))
        for link in links:
            if kind == "index":
                if self.discovery_budget():
                    yield scrapy.Request(link.url, callback=self.parse_sitemap, errback=self.on_error,
                                         meta={"discovered_via": "sitemap", "via_url": response.url})
            else:
                # lastmod is the *modified* time: a hint only, never the publication date.
                req = self.article_request(link.url, "sitemap", link.date if link.date_kind == "pubdate" else None,
                                           response.url)
                if req:
                    yield req

    def parse_feed(self, response):
        links = parse_feed(response.body)
        self.crawler.stats.inc_value("discovery/feed_links", len(links))
        for link in links:
            req = self.article_request(link.url, "feed", link.date, response.url)
            if req:
                yield req

    def parse_listing(self, response):
        if not isinstance(response, TextResponse):
            return
        hrefs, nexts = listing_links(response.text, response.url)
        new = 0
        for url in hrefs:
            req = self.article_request(url, "listing", via_url=response.url)
            if req:
                new += 1
                yield req
        depth = response.meta.get("listing_depth", 1)
        # Incremental: a listing page where the archive's articles begin (at least half of the
        # articles it lists are archived: news listings are newest first, so the pages after it
        # are older still) is the last one paged, from the first page on; a sidebar of popular old
        # stories alone does not reach half. A hub page that lists no article goes on to its
        # listings. Deeper pages also stop once they bring nothing new to this crawl.
        listed = [u for u in (clean_url(h) for h in hrefs) if self.site.is_article_url(u)]
        reached_archive = bool(listed) and sum(u in self.known for u in listed) >= ARCHIVED_SHARE * len(listed)
        if self.incremental and (reached_archive or (new == 0 and depth > 1)):
            self.logger.info("listing %s brought nothing new: stop paging", response.url)
            return
        if depth >= self.settings.getint("MAX_LISTING_PAGES"):
            return
        # menus and sidebars repeat on every listing page: a link judged on an earlier one is not again
        unjudged = [u for u in hrefs if u not in self.judged_links]
        self.judged_links.update(unjudged)
        others = [u for u in unjudged if self.site.is_listing_url(u)]
        if self.incremental and any(u in self.known for u in listed):
            # the archive begins on this page or the next: page on one at a time (rel=next), not
            # into every page number and category the page links to
            others = []
        for url in nexts + others:
            url = clean_url(url)
            if url not in self.seen_listings and self.discovery_budget():
                self.seen_listings.add(url)
                yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_error,
                                     meta={"listing_depth": depth + 1, "discovered_via": "listing",
                                           "via_url": response.url})

    # --- pages ------------------------------------------------------------------------------------
    def parse_article(self, response):
        if response.status == 304:
            yield NotModified(self.site.key, first_url(response.request),
                              datetime.now(timezone.utc).isoformat(timespec="seconds"))
            return
        if not isinstance(response, TextResponse):
            yield FetchFailure(self.site.key, first_url(response.request), "not_html",
                               f"content-type {response.headers.get('Content-Type', b'').decode('latin-1')}",
                               response.status)
            return
        binary = binary_signature(response.body)
        if binary:
            ctype = response.headers.get("Content-Type", b"").decode("latin-1")
            yield FetchFailure(self.site.key, first_url(response.request), "not_html",
                               f"{binary} behind content-type {ctype}", response.status)
            return
        requested, landed = first_url(response.request), clean_url(response.url)
        redirected_from = requested if clean_url(requested) != landed else None
        redirect_status = next((r for r in response.meta.get("redirect_reasons", ()) if isinstance(r, int)), None)
        landing = self.site.landing(landed) if redirected_from else None
        if landing:
            # an article URL that now leads to the home page or a listing: no article there any more
            yield RedirectedAway(self.site.key, requested, landed, landing, redirect_status or response.status)
            return
        html, encoding = decode_response(response)
        page = FetchedPage(
            url=landed,
            body=html,
            site=self.site,
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            discovered_via=response.meta.get("discovered_via", ""),
            discovery_date=response.meta.get("discovery_date"),
        )
        yield PageItem(page=page, status=response.status, encoding=encoding, warc=response.meta.get("warc"),
                       etag=_header(response, b"ETag"), last_modified=_header(response, b"Last-Modified"),
                       redirected_from=redirected_from, redirect_status=redirect_status)

    def on_error(self, failure):
        request = failure.request
        outcome, reason, status = failure_outcome(failure, self.settings)
        url = first_url(request)
        # Article URLs get a row in `pages`, and their one log line when it is stored
        # (crawler.logformatter); a missing sitemap, feed or listing is a discovery problem:
        # logged here and counted in the run's `errors`.
        if request.callback == self.parse_article:
            yield FetchFailure(self.site.key, url, outcome, reason, status)
        elif failure.check(RobotsForbidden) and not failure.check(RobotsUnavailable):
            # the site's wish, every run: not a failure of this run
            self.logger.info("discovery URL %s disallowed by robots.txt", url)
        else:
            self.logger.warning("discovery URL %s failed: %s: %s", url, outcome, reason)
            self.crawler.stats.inc_value("discovery/failures")


# Signatures of the binary formats a misconfigured server sends as text/html.
_MAGIC = {b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image", b"%PDF": "PDF document",
          b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip data", b"RIFF": "RIFF (WebP/AVI) data",
          b"\x00\x00\x00": "binary data", b"\xd0\xcf\x11\xe0": "MS Office document", b"7z\xbc\xaf": "7-Zip archive",
          b"Rar!": "RAR archive", b"\x7fELF": "executable"}
_TEXT_CONTROLS = set(b"\t\n\r\f\x1b")


def binary_signature(body: bytes) -> str | None:
    """What binary data ``body`` is, when it is no text at all, else None.

    A known file signature, or more than 5% control bytes in the first 2 KB (HTML has next to
    none; random bytes about 11%). A few NUL bytes in an otherwise good page are not binary."""
    head = body[:2048]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):      # UTF-16 text, with its BOM
        return None
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            return name
    if not head:
        return None
    controls = sum(1 for b in head if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    if controls / len(head) > 0.05:
        return f"binary data ({controls} control bytes in the first {len(head)})"
    return None


def _header(response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1").strip() if value else None


def failure_outcome(failure, settings) -> tuple[str, str, int | None]:
    """``(pages.outcome, reason, HTTP status)`` of a failed request (errback ``failure``)."""
    exc = failure.value
    if isinstance(exc, PageRefused):
        return exc.outcome, exc.reason, None
    if isinstance(exc, HttpError):
        response = exc.response
        reason = f"HTTP {response.status}"
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is not None:
            limit = settings.getfloat("RETRY_AFTER_MAX")
            reason += (f" (Retry-After {wait:.0f} s, over RETRY_AFTER_MAX {limit:.0f} s: fetched again next run)"
                       if wait > limit else f" (Retry-After {wait:.0f} s)")
        return "http_error", reason, response.status
    if isinstance(exc, (DownloadTimeoutError, TxTimeoutError)):
        timeout = failure.request.meta.get("download_timeout") or settings.getfloat("DOWNLOAD_TIMEOUT")
        return "timeout", f"no complete answer within {timeout:g} s (DOWNLOAD_TIMEOUT)", None
    if isinstance(exc, DownloadCancelledError):
        # Scrapy cancels a download for one reason of its own: a body over DOWNLOAD_MAXSIZE.
        return "too_large", f"larger than DOWNLOAD_MAXSIZE ({settings.getint('DOWNLOAD_MAXSIZE')} bytes)", None
    if isinstance(exc, IgnoreRequest):
        # an IgnoreRequest of some other component: never passed off as robots.txt's
        return "network_error", f"ignored: {exc_text(exc) or type(exc).__name__}", None
    if isinstance(exc, ResponseDataLossError):
        return "network_error", "connection closed before the whole body arrived (shorter than its Content-Length)", None
    return "network_error", f"{type(exc).__name__}: {exc_text(exc)}", None


def exc_text(exc) -> str:
    """One line for an exception; for Twisted's ``ResponseFailed`` lists, the reasons inside."""
    reasons = getattr(exc.__cause__, "reasons", None) or getattr(exc, "reasons", None)
    if reasons:
        return "; ".join(" ".join(str(getattr(r, "value", r)).split()) for r in reasons)
    return " ".join(str(exc).split())


def spider_class_for(site: Site) -> type[SiteSpider]:
    cls_name = "".join(part.capitalize() for part in site.key.replace("-", "_").split("_")) + "Spider"
    return type(cls_name, (SiteSpider,), {"name": site.key, "site_key": site.key, "__doc__": f"{site.name} ({site.region})"})
