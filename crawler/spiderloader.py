"""A SpiderLoader that makes one spider per registry entry (``SPIDER_LOADER_CLASS``)."""

from __future__ import annotations

from scrapy.spiderloader import SpiderLoader

from crawler.registry import registry


class RegistrySpiderLoader(SpiderLoader):
    """Scrapy's loader plus a spider class for every site in ``spiders/sites.toml``."""

    def _load_all_spiders(self) -> None:
        super()._load_all_spiders()
        from spiders.site_spider import SiteSpider, spider_class_for

        self._spiders.pop(SiteSpider.name, None)  # the generic base is not crawlable by itself
        for site in registry().values():
            self._spiders[site.key] = spider_class_for(site)
