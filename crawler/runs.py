"""The ``crawl_runs`` table: one row per crawl of one site, opened and closed with the spider."""

from __future__ import annotations

from scrapy import signals

from crawler.pipelines import archive_for, release_archive


class CrawlRunExtension:
    def __init__(self, crawler):
        self.crawler = crawler

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
        archive = archive_for(self.crawler)
        archive.upsert_site(site.as_row())
        spider.crawl_run_id = archive.start_run(site.key, incremental=spider.incremental,
                                                kind=getattr(spider, "run_kind", "crawl"))

    def spider_closed(self, spider, reason):
        if getattr(spider, "crawl_run_id", None) is None:
            return
        stats = self.crawler.stats.get_stats()
        get = lambda key: int(stats.get(key, 0))  # noqa: E731
        skipped = sum(v for k, v in stats.items() if k.startswith("archive/skipped/"))
        archive = archive_for(self.crawler)
        archive.finish_run(
            spider.crawl_run_id,
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
        release_archive(self.crawler)
