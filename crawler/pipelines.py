"""Item pipelines: one stage each, in the order set in ``settings.ITEM_PIPELINES``.

page (keep the raw page; :func:`crawler.process.process_page` in a worker process) -> template
(learn and strip the site's repeated blocks) -> storage (deduplicate, version, record the page).
A page that gives no article is recorded in ``pages`` and dropped with a logged reason; nothing
already archived is touched by a failed page.

Every stage reaches the archive through :class:`crawler.extension.ArchiveExtension`.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager
from dataclasses import replace

from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from crawler.extension import ArchiveExtension
from crawler.items import FetchFailure, NotModified, PageItem, RedirectedAway
from crawler.outcomes import ARTICLE, NOT_AN_ARTICLE
from crawler.process import FetchedPage, process_page, set_body
from crawler.record import Skip
from crawler.storage import StorageError, pack_capture
from crawler.templates import SiteTemplates
from crawler.warc import warc_location
from crawler.workers import PageWorkers, PageWorkFailed, run_page_work

logger = logging.getLogger(__name__)


class _Stage:
    def __init__(self, crawler):
        self.crawler = crawler
        self.archive_ext = crawler.get_extension(ArchiveExtension)
        if self.archive_ext is None:
            raise RuntimeError("the item pipelines need crawler.extension.ArchiveExtension in EXTENSIONS")
        self.archive = self.archive_ext.archive
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def skip(self, item: PageItem, outcome: str, reason: str):
        run_id = self.archive_ext.run_id
        with self.storing(item.url):
            self.archive.record_page(item.url, site=item.site, outcome=outcome, reason=reason,
                                     http_status=item.status, crawl_run_id=run_id,
                                     fetched=not item.reextracted, capture_id=item.capture_id)
            if not item.reextracted and outcome == NOT_AN_ARTICLE:
                # a re-visit that finds no article where one was archived: the article is gone
                # (a notice where the story was, an emptied template, a redirect to a page of no story)
                gone_from = item.redirected_from or item.url
                why = (f"redirected to {item.url}, which has no article" if item.redirected_from
                       else f"the page has no article any more ({reason})")
                self.tombstone(gone_from, why)
            self.record_redirect(item, outcome, reason)
        self.stats.inc_value(f"archive/skipped/{outcome}")
        raise DropItem(f"{outcome}: {reason} <{item.url}>")

    def record_redirect(self, item: PageItem, outcome: str, reason: str | None, article_id: int | None = None):
        """The ``pages`` row of the URL asked for, when the server redirected it to ``item.url``:
        where it went, with the redirect's status and what was found there."""
        if item.redirected_from:
            self.archive.record_page(item.redirected_from, site=item.site, outcome=outcome,
                                     reason=": ".join(filter(None, [f"redirected to {item.url}", reason])),
                                     http_status=item.redirect_status, article_id=article_id,
                                     crawl_run_id=self.archive_ext.run_id, when=item.page.fetched_at)

    def tombstone(self, url: str, reason: str) -> None:
        """Mark the article archived for ``url`` gone (when there is one): a tombstone, never a deletion."""
        if self.archive.mark_gone(url, reason) is not None:
            self.report_gone(url, reason)

    def report_gone(self, url: str, reason: str) -> None:
        self.stats.inc_value("archive/articles_gone")
        logger.warning("archived article gone: %s (%s)", url, reason)

    @contextmanager
    def storing(self, url: str):
        """Archive writes for ``url``. When the archive cannot be written (disk full, read-only,
        not a database, held by another writer past the wait), the open batch is dropped (its
        pages get no ``pages`` row, so the next crawl fetches them again), the crawl stops, and
        the run ends as ``storage_error``: fetching pages that cannot be stored loses them."""
        try:
            yield
        except (sqlite3.Error, StorageError) as exc:
            message = " ".join(str(exc).split()) or type(exc).__name__
            self.archive.rollback()
            if not self.stats.get_value("archive/storage_error"):
                logger.error("could not store %s: %s; stopping the crawl", url, message)
                self.stats.set_value("archive/storage_error", message)
                deferred_from_coro(self.crawler.engine.close_spider_async(reason="storage_error"))
            self.stats.inc_value("archive/storage_failures")
            raise DropItem(f"could not store: {message} <{url}>") from None


def page_work(page: FetchedPage, keep_capture: bool, blob: bool = True):
    """Runs in a worker process, one trip per page: the capture packed for storage (when it is
    to be kept; ``blob=False``: its sha1 and size only, the bytes being in a WARC record) and
    :func:`process_page`'s answer. (Shipping the page to a worker twice, once to pack and once to
    process, cost what packing there saved.)"""
    html = page.text()
    packed = pack_capture(html, blob) if keep_capture else None
    return packed, process_page(replace(page, body=html))


class PagePipeline(_Stage):
    """Keep the page and read it: the capture is stored as soon as the worker hands it back,
    before any later stage can fail, so extraction can always be re-run."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.workers = crawler.get_extension(PageWorkers)      # None: EXTRACT_WORKERS = 0, run inline
        self.store_captures = crawler.settings.getbool("STORE_CAPTURES")

    async def process_item(self, item):
        if not isinstance(item, PageItem):
            return item
        keep = self.store_captures and item.capture_id is None   # a re-extracted page comes from its capture
        blob = item.warc is None             # a page in a WARC record keeps no zlib copy
        try:
            packed, item.result = await run_page_work(self.workers, page_work, item.page, keep, blob)
        except PageWorkFailed as exc:        # the page is kept all the same, packed here
            packed = pack_capture(item.page.text(), blob) if keep else None
            item.result = Skip("extract_error", str(exc))
        if not blob:                         # the record is written by the WARC writer thread meanwhile
            item.warc = await warc_location(item.warc)
            if item.warc is None and packed is not None:    # it could not be: keep the page as a blob
                packed = pack_capture(item.page.text())
        if packed is not None:
            with self.storing(item.url):
                item.capture_id = self.archive.store_capture(
                    url=item.url, packed=packed, encoding=item.encoding, status=item.status,
                    fetched_at=item.page.fetched_at, crawl_run_id=self.archive_ext.run_id, warc=item.warc)
        result = item.result
        if isinstance(result, Skip):
            if result.detail:      # one line in the log; the traceback for whoever debugs at DEBUG
                logger.error("extraction failed on %s: %s", item.url, result.reason)
                logger.debug("extraction failed on %s:\n%s", item.url, result.detail)
            self.skip(item, result.outcome, result.reason)
        return item


class TemplatePipeline(_Stage):
    """Learn each site's repeated blocks and strip them from bodies (see :mod:`crawler.templates`)."""

    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.templates = SiteTemplates(settings.getint("TEMPLATE_MIN_PAGES"), settings.getfloat("TEMPLATE_MIN_SHARE"))
        self.loaded: set[str] = set()
        self.unsaved = 0

    def process_item(self, item):
        if not isinstance(item, PageItem) or not item.result.blocks:
            return item
        record = item.result
        with self.storing(item.url):
            if record.site not in self.loaded:
                self.templates.load(self.archive.conn, record.site)
                self.loaded.add(record.site)
            if not self.archive.has_article(record.canonical_url):   # learn from each article once
                self.templates.observe(record.site, [text for _, text in record.blocks])
                self.unsaved += 1
                if self.unsaved >= 100:
                    self.save()
        kept, dropped = self.templates.strip(record.site, record.blocks)
        if dropped:
            set_body(record, kept)
            self.stats.inc_value("archive/template_blocks_dropped", len(dropped))
        return item

    def save(self):
        with self.archive.batch() as conn:
            self.templates.save(conn)
        self.unsaved = 0

    def close_spider(self, spider=None):
        try:
            self.save()
        except (sqlite3.Error, StorageError) as exc:
            self.archive.rollback()
            logger.error("could not save the learned templates: %s", exc)


class StoragePipeline(_Stage):
    """Deduplicate on the canonical URL and content hash; write the article and the page outcome."""

    def _no_page(self, item: FetchFailure | RedirectedAway, outcome: str, gone: bool, stat: str):
        """The ``pages`` row of an article URL that gave no page to read (a failed fetch, a redirect
        to the home page or a listing); its archived article, if any, a tombstone when ``gone``."""
        with self.storing(item.url):
            if gone:
                self.tombstone(item.url, item.reason)
            self.archive.record_page(item.url, site=item.site, outcome=outcome, reason=item.reason,
                                     http_status=item.status, crawl_run_id=self.archive_ext.run_id)
        self.stats.inc_value(stat)
        raise DropItem(f"{outcome}: {item.reason} <{item.url}>")

    def process_item(self, item):
        run_id = self.archive_ext.run_id
        if isinstance(item, FetchFailure):
            # an archived article that now answers 404/410 was taken down
            self._no_page(item, item.outcome, item.outcome == "http_error" and item.status in (404, 410),
                          "archive/fetch_failures")
        if isinstance(item, RedirectedAway):
            self._no_page(item, NOT_AN_ARTICLE, True, f"archive/skipped/{NOT_AN_ARTICLE}")
        if isinstance(item, NotModified):
            with self.storing(item.url):
                if self.archive.not_modified(item.url, site=item.site, seen_at=item.fetched_at,
                                             crawl_run_id=run_id) is None:
                    # validators of a page whose article is gone from the archive: fetch it plainly next time
                    self.archive.record_page(item.url, site=item.site, outcome="http_error", http_status=304,
                                             reason="304 for a page with no archived article", crawl_run_id=run_id)
            self.stats.inc_value("archive/articles_unchanged")
            return item
        if not isinstance(item, PageItem):
            return item
        record = item.result
        if not record.published:
            self.stats.inc_value("archive/no_date")
            logger.info("no publication date found on %s", item.url)
        fetched = not item.reextracted
        with self.storing(item.url):
            outcome, article_id = self.archive.store_article(
                record, capture_id=item.capture_id, crawl_run_id=run_id, seen_at=item.page.fetched_at,
                sighting=fetched)
            refused = self.archive.last_refusal if outcome == "worse_text" else None
            page_outcome = "worse_text" if refused else ARTICLE
            reason = refused and f"kept the stored text: {refused}"
            self.archive.record_page(item.url, site=item.site, outcome=page_outcome, reason=reason,
                                     http_status=item.status, article_id=article_id, crawl_run_id=run_id,
                                     when=item.page.fetched_at, fetched=fetched, capture_id=item.capture_id,
                                     etag=item.etag, last_modified=item.last_modified)
            self.record_redirect(item, page_outcome, reason, article_id)     # an article that moved
        if refused:
            logger.warning("kept the stored text of %s: %s", item.url, refused)
            if self.archive.last_gone:
                self.report_gone(item.url, self.archive.last_gone)
        self.stats.inc_value(f"archive/articles_{outcome}")
        return item
