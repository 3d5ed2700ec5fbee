"""The items that flow from the spiders through the pipelines.

A spider yields a :class:`PageItem` for every page it fetched (or, re-extracting, read from a
capture), a :class:`FetchFailure` for every article URL that gave no page, a :class:`RedirectedAway`
for one that now leads to the home page or a listing, and a :class:`NotModified` for a 304. What a page *says*
is an :class:`crawler.record.ArticleRecord`, made by :func:`crawler.process.process_page`.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.process import FetchedPage
from crawler.record import ArticleRecord, Skip


@dataclass
class PageItem:
    page: FetchedPage             # the input of process_page: URL (the site's own origin), text, site, time
    status: int
    encoding: str                 # how the text was decoded (kept with the capture)
    capture_id: int | None = None
    reextracted: bool = False     # read again from its capture (``python -m crawler reextract``), not fetched
    warc: dict | None = None      # the WARC record holding the page's bytes (crawler.warc.WarcRecorder)
    etag: str | None = None       # the response's validators, for the next re-visit's conditional request
    last_modified: str | None = None
    result: ArticleRecord | Skip | None = None    # process_page's answer, from the page stage on
    # The URL the spider asked for when the server redirected it here, and the redirect's status:
    # that URL's ``pages`` row says where it went, and its archived article, if the page here has
    # none, is a tombstone.
    redirected_from: str | None = None
    redirect_status: int | None = None

    @property
    def site(self) -> str:
        return self.page.site.key

    @property
    def url(self) -> str:
        return self.page.url


@dataclass
class FetchFailure:
    """An article URL that gave no page: HTTP error after retries, refused by robots.txt, network error."""

    site: str
    url: str
    outcome: str                  # a FETCH_FAILURES outcome or robots (crawler.outcomes)
    reason: str
    status: int | None = None


@dataclass
class RedirectedAway:
    """An article URL the server redirected to the site's home page or a listing: no article
    there any more (an archived one is a tombstone)."""

    site: str
    url: str
    target: str                   # where the redirects ended
    landing: str                  # "the home page" or "a listing" (crawler.registry.Site.landing)
    status: int | None = None     # the first redirect's status (301, 302, ...)

    @property
    def reason(self) -> str:
        return f"redirected to {self.landing}: {self.target}"


@dataclass
class NotModified:
    """A conditional re-visit of an archived article answered 304: seen again, unchanged."""

    site: str
    url: str
    fetched_at: str
