"""A SpiderLoader that makes one spider per registry entry (``SPIDER_LOADER_CLASS``)."""

from __future__ import annotations

import sys

from scrapy.spiderloader import SpiderLoader

from crawler.registry import RegistryError, registry


class RegistrySpiderLoader(SpiderLoader):
    """Scrapy's loader plus a spider class for every site in ``spiders/sites.toml``."""

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
