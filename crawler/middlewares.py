"""Downloader middlewares that make every refused or failed fetch say *why*.

Scrapy signals most refusals with a bare ``IgnoreRequest`` (robots.txt, too many redirects, a
body that inflates past ``DOWNLOAD_MAXSIZE``) and drops some requests with no errback at all (a
redirect back to a URL already seen, a redirect to another site). The spider's errback can only
record a ``pages`` row with the right outcome if it can tell them apart, so each refusal here is a
:class:`PageRefused` carrying its ``pages.outcome`` and a one-line reason.

- :class:`SiteRedirectMiddleware` / :class:`SiteMetaRefreshMiddleware`: redirects that stay on
  the site are followed as Scrapy follows them (also to a URL already requested, which Scrapy's
  duplicate filter would drop without a trace); a loop is ``redirect_loop``, a chain longer than
  ``REDIRECT_MAX_TIMES`` is ``too_many_redirects``, and a redirect that leaves the site is
  ``off_site_redirect`` (its target in the reason: the article is elsewhere).
- :class:`StrictHttpCompressionMiddleware`: a compressed body that inflates past
  ``DOWNLOAD_MAXSIZE`` is ``too_large``; a gzip stream that ends before its end marker (the
  transfer was cut) is ``network_error``, never a half page stored as the article.
- :class:`RetryAfterMiddleware`: Scrapy's retries, waiting what a 429/503's ``Retry-After``
  asks (up to ``RETRY_AFTER_MAX`` seconds; a longer wait is not retried this run).
"""

from __future__ import annotations

import logging
import struct
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone
from gzip import GzipFile
from io import BytesIO

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils._compression import _CHUNK_SIZE, _check_max_size, _DecompressionMaxSizeExceeded
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message

logger = logging.getLogger(__name__)


class PageRefused(IgnoreRequest):
    """A request that gives no page, with the ``pages.outcome`` and the reason to record."""

    outcome = "network_error"

    def __init__(self, reason: str, outcome: str | None = None):
        super().__init__(reason)
        self.reason = reason
        if outcome:
            self.outcome = outcome


class RobotsForbidden(PageRefused):
    outcome = "robots"


class RobotsUnavailable(RobotsForbidden):
    """robots.txt answered 5xx or nothing: RFC 9309 says assume complete disallow."""


class RedirectLoop(PageRefused):
    outcome = "redirect_loop"


class TooManyRedirects(PageRefused):
    outcome = "too_many_redirects"


class OffSiteRedirect(PageRefused):
    outcome = "off_site_redirect"


class TooLarge(PageRefused):
    outcome = "too_large"


class TruncatedBody(PageRefused):
    outcome = "network_error"


def first_url(request) -> str:
    """The URL a (possibly redirected) request was first made for: the one its ``pages`` row is for."""
    urls = request.meta.get("redirect_urls") or []
    return urls[0] if urls else request.url


def _on_site(host: str, domains) -> bool:
    host = (host or "").lower()
    return any(host == d or host.endswith("." + d) for d in (d.lower() for d in domains or ()))


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


class _SiteRedirects:
    """The checks shared by HTTP and meta-refresh redirects (``_redirect`` is Scrapy's hook)."""

    def _redirect(self, redirected, request, reason):
        chain = [*request.meta.get("redirect_urls", []), request.url]
        path = " -> ".join([*chain, redirected.url])
        if _without_fragment(redirected.url) in {_without_fragment(u) for u in chain}:
            raise RedirectLoop(f"redirect loop: {path}")
        robots_fetch = request.meta.get("dont_obey_robotstxt")   # RFC 9309: robots.txt may move
        domains = getattr(self.crawler.spider, "allowed_domains", None)
        if domains and not robots_fetch and not _on_site(urlparse_cached(redirected).hostname, domains):
            raise OffSiteRedirect(f"redirected off the site to {redirected.url}"
                                  + (f" (via {' -> '.join(chain[1:])})" if len(chain) > 1 else ""))
        if len(chain) > self.max_redirect_times:
            raise TooManyRedirects(f"more than {self.max_redirect_times} redirects (REDIRECT_MAX_TIMES): "
                                   f"{chain[0]} -> ... -> {redirected.url}")
        followed = super()._redirect(redirected, request, reason)
        # Past the checks above a redirect is on the site and bounded. Scrapy's duplicate filter
        # would drop one to a URL already requested (another listed article, a loop we did not
        # see) without a word or an errback: the requested URL would end with no ``pages`` row.
        followed.dont_filter = True
        return followed


class SiteRedirectMiddleware(_SiteRedirects, RedirectMiddleware):
    """Scrapy's ``RedirectMiddleware``, with typed refusals (see the module docstring)."""


class SiteMetaRefreshMiddleware(_SiteRedirects, MetaRefreshMiddleware):
    """Scrapy's ``MetaRefreshMiddleware``, with typed refusals (see the module docstring)."""


class _TruncatedGzip(Exception):
    pass


def gunzip_strict(data: bytes, *, max_size: int = 0) -> bytes:
    """Scrapy's ``gunzip`` (tolerant of a bad CRC, bounded by ``max_size``), except that a stream
    cut before its end marker raises instead of passing off the part as the whole."""
    f = GzipFile(fileobj=BytesIO(data))
    out = BytesIO()
    size = 0
    while True:
        try:
            chunk = f.read1(_CHUNK_SIZE)
        except EOFError as exc:
            raise _TruncatedGzip(f"{len(data)} compressed bytes, {size} inflated before it ends") from exc
        except (OSError, struct.error):
            if out.getbuffer().nbytes > 0:      # a bad CRC or trailer after the whole text: keep it
                break
            raise
        if not chunk:
            break
        size += len(chunk)
        _check_max_size(size, max_size)
        out.write(chunk)
    return out.getvalue()


class AlreadyReported(logging.Filter):
    """Scrapy's own warnings about a page that gets a ``pages`` row and its one log line anyway
    (``Skipped: too_large: ...``), demoted to DEBUG so a failed page stays one line."""

    MARKERS = ("exceeded DOWNLOAD_MAXSIZE", "larger than download max size", "Got data loss in")
    LOGGERS = ("scrapy.downloadermiddlewares.httpcompression", "scrapy.core.downloader.handlers.http11")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG and any(m in str(record.msg) for m in self.MARKERS):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return True

    @classmethod
    def install(cls) -> None:
        for name in cls.LOGGERS:
            log = logging.getLogger(name)
            if not any(isinstance(f, cls) for f in log.filters):
                log.addFilter(cls())


class StrictHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's ``HttpCompressionMiddleware`` (which bounds inflation by ``DOWNLOAD_MAXSIZE``),
    saying ``too_large`` for a compression bomb and ``network_error`` for a cut gzip stream."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        AlreadyReported.install()

    @staticmethod
    def _decode(body: bytes, encoding: bytes, max_size: int) -> bytes:
        if encoding in {b"gzip", b"x-gzip"}:
            return gunzip_strict(body, max_size=max_size)
        return HttpCompressionMiddleware._decode(body, encoding, max_size)

    def process_response(self, request, response, spider=None):
        try:
            return super().process_response(request, response)
        except _TruncatedGzip as exc:
            raise TruncatedBody(f"truncated gzip body: {exc}") from exc
        except IgnoreRequest as exc:
            if isinstance(exc.__cause__, _DecompressionMaxSizeExceeded):
                max_size = request.meta.get("download_maxsize", self._max_size)
                raise TooLarge(f"{len(response.body)} compressed bytes inflate past DOWNLOAD_MAXSIZE "
                               f"({max_size} bytes)") from exc
            raise


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's ``RetryMiddleware``, honouring ``Retry-After`` on 429 and 503.

    The retry of such a response waits what the server asked, up to ``RETRY_AFTER_MAX`` seconds;
    when the server asks for longer, the page is not retried in this run (its ``pages`` row says
    ``http_error`` and the wait, so the next run fetches it again). The wait holds only that
    request: the rest of the crawl goes on.
    """

    RETRY_AFTER_STATUSES = (429, 503)

    def __init__(self, settings):
        super().__init__(settings)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX")

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = None
        if response.status in self.RETRY_AFTER_STATUSES:
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is not None and wait > self.retry_after_max:
            self.crawler.stats.inc_value("retry/retry_after_too_long")
            logger.info("not retrying %s in this run: Retry-After %.0f s is over RETRY_AFTER_MAX (%.0f s)",
                        request.url, wait, self.retry_after_max)
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if wait:
            self.crawler.stats.inc_value("retry/retry_after_waits")
            logger.debug("waiting %.1f s (Retry-After) before retrying %s", wait, request.url)
            if not await self._sleep(wait):
                return response         # the crawl is stopping (SIGTERM): no retry, an http_error row
        return retry

    async def _sleep(self, seconds: float) -> bool:
        """Sleep ``seconds`` in steps of at most 1 s; False as soon as the engine stops, so a
        signal never waits out a long Retry-After."""
        from twisted.internet import reactor, task

        engine = self.crawler.engine
        deadline = reactor.seconds() + seconds
        while (left := deadline - reactor.seconds()) > 0:
            if engine is not None and not engine.running:
                return False
            await maybe_deferred_to_future(task.deferLater(reactor, min(1.0, left)))
        return engine is None or engine.running
