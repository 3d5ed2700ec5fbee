"""The archive as a Scrapy extension: the one component that owns ``archive.db`` during a crawl.

:class:`ArchiveExtension` opens the archive named by ``ARCHIVE_DB``, registers the site, opens
the run's ``crawl_runs`` row when the spider opens and closes it, with its counts, when the
spider closes. Spiders and pipelines reach it through ``crawler.get_extension(ArchiveExtension)``:
``.archive`` for reads and writes, ``.run_id`` for the run every row they write belongs to.
"""

from __future__ import annotations

import logging
import sqlite3

from scrapy import signals

from crawler.outcomes import FAILED, FETCH_FAILURES, NOT_ARTICLE, READ_FAILURES, REFUSED
from crawler.storage import Archive, StorageError

logger = logging.getLogger(__name__)


class ArchiveExtension:
    def __init__(self, crawler):
        self.crawler = crawler
        # One connection per archive file and process: several sites crawled in one process
        # share it (see Archive.acquire).
        self.archive = Archive.acquire(crawler.settings.get("ARCHIVE_DB"),
                                       wait=crawler.settings.getfloat("ARCHIVE_LOCK_WAIT"))
        self.run_id: int | None = None
        # called when the spider closes, before the run's row is (components that write rows
        # from a queue of their own drain it here: crawler.warc.WarcRecorder)
        self.before_finish: list = []

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        site = getattr(spider, "site", None)
        if site is None:
            return
        self.archive.upsert_site(site.as_row())
        self.run_id = self.archive.start_run(site.key, incremental=spider.incremental,
                                             kind=getattr(spider, "run_kind", "crawl"))

    def spider_closed(self, spider, reason):
        try:
            for hook in self.before_finish:
                hook()
            if self.run_id is not None:
                self._finish_run(reason)
        except (sqlite3.Error, StorageError) as exc:
            self.archive.rollback()
            logger.error("could not close run %s in the archive: %s", self.run_id, exc)
            self.crawler.stats.set_value("archive/storage_error", " ".join(str(exc).split()))
        finally:
            self.archive.release()

    def _finish_run(self, reason: str) -> None:
        """Close the run row with what was committed: a batch that failed counts for nothing."""
        self.archive.commit()
        stats = self.crawler.stats
        articles, pages = self.archive.run_counts(self.run_id)
        failed = {outcome: n for outcome, n in pages.items() if outcome in FAILED}
        stats.set_value("archive/failed_pages", failed)     # read by crawler.crawl for the summary
        if stats.get_value("archive/storage_error"):
            reason = "storage_error"
        values = stats.get_stats()
        get = lambda key: int(values.get(key, 0))  # noqa: E731
        self.archive.finish_run(
            self.run_id,
            finish_reason=reason,
            requests=get("downloader/request_count"),
            responses=get("downloader/response_count"),
            articles_new=articles["new"],
            articles_changed=articles["changed"],
            articles_unchanged=articles["unchanged"],
            duplicates=articles["duplicate"],
            skipped=sum(pages[o] for o in NOT_ARTICLE | READ_FAILURES),
            errors=sum(pages[o] for o in FETCH_FAILURES | REFUSED) + get("discovery/failures"),
            stats={k: v for k, v in values.items() if isinstance(v, (int, float, str))},
        )
