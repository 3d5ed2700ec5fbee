"""Run crawls from Python: the CLI, the demo, the tests and the benchmark all come through here."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# Settings for a server on this machine: politeness exists for other people's servers.
LOOPBACK_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
}


def project_settings(overrides: dict | None = None):
    """Scrapy settings of this project, wherever the process was started from."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(site_keys, *, db: str = "archive.db", host_map: dict | None = None, full: bool = False,
              loopback: bool = False, settings: dict | None = None) -> dict:
    """Crawl ``site_keys`` (concurrently, one spider each) into ``db``; blocks until done.

    Returns ``{site_key: finish_reason}``.
    """
    overrides = {"ARCHIVE_DB": str(db), **(LOOPBACK_SETTINGS if loopback else {}), **(settings or {})}
    if host_map:
        overrides["HOST_MAP"] = dict(host_map)
    return _run(overrides, {key: (key, {"full": "1" if full else None}) for key in site_keys})


def run_reextract(site_keys, *, db: str = "archive.db", settings: dict | None = None) -> dict:
    """Read every captured page of ``site_keys`` again through the pipelines (see
    :mod:`spiders.capture_spider`); blocks until done. Returns ``{site_key: finish_reason}``."""
    overrides = {"ARCHIVE_DB": str(db), **(settings or {})}
    return _run(overrides, {key: ("reextract", {"site_key": key}) for key in site_keys})


def _run(overrides: dict, jobs: dict) -> dict:
    """One Scrapy process running ``jobs`` (``{site_key: (spider name, spider kwargs)}``) concurrently."""
    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(project_settings(overrides))
    crawlers = {}
    for key, (spider, kwargs) in jobs.items():
        crawler = process.create_crawler(spider)
        crawlers[key] = crawler
        process.crawl(crawler, **kwargs)
    process.start()
    return {key: (c.stats.get_value("finish_reason") if c.stats else None) for key, c in crawlers.items()}
