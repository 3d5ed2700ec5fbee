"""The archive as a Scrapy extension: the one component that owns ``archive.db`` during a crawl.

:class:`ArchiveExtension` opens the archive named by ``ARCHIVE_DB``, registers the site, opens
the run's ``crawl_runs`` row when the spider opens and closes it, with its counts, when the
spider closes. Spiders and pipelines reach it through ``crawler.get_extension(ArchiveExtension)``:
``.archive`` for reads and writes, ``.run_id`` for the run every row they write belongs to.
"""

from __future__ import annotations

from scrapy import signals

from crawler.storage import Archive


class ArchiveExtension:
    def __init__(self, crawler):
        self.crawler = crawler
        # One connection per archive file and process: several sites crawled in one process
        # share it (see Archive.acquire).
        self.archive = Archive.acquire(crawler.settings.get("ARCHIVE_DB"))
        self.run_id: int | None = None

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
            if self.run_id is not None:
                self._finish_run(reason)
        finally:
            self.archive.release()

    def _finish_run(self, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        get = lambda key: int(stats.get(key, 0))  # noqa: E731
        skipped = sum(v for k, v in stats.items() if k.startswith("archive/skipped/"))
        self.archive.finish_run(
            self.run_id,
            finish_reason=reason,
            requests=get("downloader/request_count"),
            responses=get("downloader/response_count"),
            articles_new=get("archive/articles_new"),
            articles_changed=get("archive/articles_changed"),
            articles_unchanged=get("archive/articles_unchanged"),
            duplicates=get("archive/articles_duplicate"),
            skipped=skipped,
            errors=get("archive/fetch_failures") + get("discovery/failures"),
            stats={k: v for k, v in stats.items() if isinstance(v, (int, float, str))},
        )
