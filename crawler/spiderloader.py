"""A SpiderLoader that makes one spider per registry entry (``SPIDER_LOADER_CLASS``)."""

from __future__ import annotations

import sys

from scrapy.spiderloader import SpiderLoader

from crawler.registry import RegistryError, registry


class RegistrySpiderLoader(SpiderLoader):
    """Scrapy's loader plus a spider class for every site in ``spiders/sites.toml``. With
    ``REDIS_URL`` set (a Scrapyd job scheduled as a distributed worker) a site's spider is its
    distributed copy (:func:`crawler.distributed.distributed_spider_class`)."""

    def __init__(self, settings):
        self.redis_url = settings.get("REDIS_URL")
        super().__init__(settings)

    def load(self, spider_name: str):
        spidercls = super().load(spider_name)
        if self.redis_url and spider_name in registry():
            from crawler.distributed import distributed_spider_class

            return distributed_spider_class(spidercls)
        return spidercls

    def _load_all_spiders(self) -> None:
        super()._load_all_spiders()
        from spiders.site_spider import SiteSpider, spider_class_for

        self._spiders.pop(SiteSpider.name, None)  # the generic base is not crawlable by itself
        try:
            sites = registry()
        except RegistryError as exc:
            # `scrapy list`, `scrapy crawl` (and Scrapyd, which runs them): one line and exit 2, as
            # `python -m crawler` does, not a traceback.
            print(f"bad site registry: {exc}", file=sys.stderr)
            raise SystemExit(2) from None
        for site in sites.values():
            self._spiders[site.key] = spider_class_for(site)
