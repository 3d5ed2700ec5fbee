"""The items that flow from the spiders through the pipelines.

A spider yields a :class:`PageItem` for every page it fetched (or, re-extracting, read from a
capture) and a :class:`FetchFailure` for every article URL that gave no page. What a page *says*
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
class NotModified:
    """A conditional re-visit of an archived article answered 304: seen again, unchanged."""

    site: str
    url: str
    fetched_at: str
