"""Run crawls from Python: the CLI, the demo, the tests and the benchmark all come through here."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from crawler import outcomes

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


@dataclass
class SiteRun:
    """How one site's run ended, from the crawler's stats."""

    site: str
    finish_reason: str | None
    failed_pages: dict = field(default_factory=dict)     # {outcome: n} committed to ``pages``
    discovery_failures: int = 0                          # sitemaps, feeds, listings that could not be fetched
    storage_error: str | None = None
    robots_unavailable: int = 0                          # hosts whose robots.txt failed: not crawled (RFC 9309)

    def problem(self) -> str | None:
        """One line saying what went wrong, or None."""
        if self.storage_error:
            return f"could not store: {self.storage_error}"
        parts = [f"{n} {outcome}" for outcome, n in sorted(self.failed_pages.items())]
        if self.discovery_failures:
            parts.append(f"{self.discovery_failures} discovery URL(s) unreachable")
        if self.robots_unavailable:
            parts.append(f"robots.txt unavailable on {self.robots_unavailable} host(s): not crawled this run")
        if self.finish_reason not in ("finished", None) and not parts:
            parts.append(f"stopped: {self.finish_reason}")
        return ", ".join(parts) or None


@dataclass
class CrawlResult:
    sites: dict[str, SiteRun]
    signal: int | None = None            # SIGINT/SIGTERM that stopped the process, if any

    @property
    def exit_code(self) -> int:
        if self.signal:
            return 128 + self.signal
        runs = self.sites.values()
        if any(r.storage_error or r.finish_reason == "storage_error" for r in runs):
            return outcomes.EXIT_STORAGE
        if any(r.problem() for r in runs):
            return outcomes.EXIT_FAILED_PAGES
        return outcomes.EXIT_OK


class ConfigError(ValueError):
    """A setting that cannot be used; ``str()`` is one line naming it."""


# Our settings and Scrapy's that a typo in ``-s NAME=VALUE`` would otherwise turn into a
# traceback deep inside a component.
_INT_SETTINGS = ("EXTRACT_WORKERS", "MAX_LISTING_PAGES", "TEMPLATE_MIN_PAGES", "CONCURRENT_REQUESTS",
                 "CONCURRENT_REQUESTS_PER_DOMAIN", "CONCURRENT_ITEMS", "RETRY_TIMES", "DOWNLOAD_MAXSIZE",
                 "DOWNLOAD_WARNSIZE", "WARC_MAX_SIZE", "WARC_GZIP_LEVEL")
_FLOAT_SETTINGS = ("TEMPLATE_MIN_SHARE", "DOWNLOAD_DELAY", "DOWNLOAD_TIMEOUT", "ARCHIVE_LOCK_WAIT")
_BOOL_SETTINGS = ("INCREMENTAL", "STORE_CAPTURES", "WARC_ENABLED", "ROBOTSTXT_OBEY", "AUTOTHROTTLE_ENABLED")


def check_settings(settings) -> None:
    """Raise :class:`ConfigError` for a setting of the wrong type or out of range."""
    for names, read in ((_INT_SETTINGS, settings.getint), (_FLOAT_SETTINGS, settings.getfloat),
                        (_BOOL_SETTINGS, settings.getbool)):
        for name in names:
            try:
                value = read(name)
            except (TypeError, ValueError):
                raise ConfigError(f"setting {name}={settings.get(name)!r} is not a valid "
                                  f"{read.__name__[3:]}") from None
            if value is not True and value is not False and value < 0:
                raise ConfigError(f"setting {name}={value!r} must not be negative")


def run_crawl(site_keys, *, db: str = "archive.db", host_map: dict | None = None, full: bool = False,
              loopback: bool = False, settings: dict | None = None) -> CrawlResult:
    """Crawl ``site_keys`` (concurrently, one spider each) into ``db``; blocks until done."""
    overrides = {"ARCHIVE_DB": str(db), **(LOOPBACK_SETTINGS if loopback else {}), **(settings or {})}
    if host_map:
        overrides["HOST_MAP"] = dict(host_map)
    return _run(overrides, {key: (key, {"full": "1" if full else None}) for key in site_keys})


def run_reextract(site_keys, *, db: str = "archive.db", settings: dict | None = None) -> CrawlResult:
    """Read every captured page of ``site_keys`` again through the pipelines (see
    :mod:`spiders.capture_spider`); blocks until done."""
    overrides = {"ARCHIVE_DB": str(db), **(settings or {})}
    return _run(overrides, {key: ("reextract", {"site_key": key}) for key in site_keys})


def _run(overrides: dict, jobs: dict) -> CrawlResult:
    """One Scrapy process running ``jobs`` (``{site_key: (spider name, spider kwargs)}``) concurrently."""
    from scrapy.crawler import CrawlerProcess

    class _Process(CrawlerProcess):
        """Remembers which signal stopped it: the exit code says so."""

        signal: int | None = None

        def _signal_shutdown(self, signum, frame):
            self.signal = self.signal or signum
            super()._signal_shutdown(signum, frame)

    settings = project_settings(overrides)
    check_settings(settings)
    if logging.getLogger().handlers:        # configure_logging() ran: the log goes where it says
        settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    process = _Process(settings)
    crawlers = {}
    for key, (spider, kwargs) in jobs.items():
        crawler = process.create_crawler(spider)
        crawlers[key] = crawler
        process.crawl(crawler, **kwargs)
    process.start()
    return CrawlResult({key: _site_run(key, c) for key, c in crawlers.items()}, process.signal)


def _site_run(key: str, crawler) -> SiteRun:
    stats = crawler.stats
    if stats is None:
        return SiteRun(key, None)
    return SiteRun(key, stats.get_value("finish_reason"), stats.get_value("archive/failed_pages") or {},
                   stats.get_value("discovery/failures") or 0, stats.get_value("archive/storage_error"),
                   stats.get_value("robotstxt/unavailable") or 0)


def configure_logging(*, level: str = "INFO", log_file: str | None = None, quiet: bool = False) -> None:
    """The crawl's log: on stderr, or in ``log_file`` rotated at 10 MB (5 kept), so a cron job that
    runs for years cannot fill the disk. ``quiet`` keeps errors only (the summary is printed anyway)."""
    from scrapy.utils.log import TopLevelFormatter

    handler = (logging.handlers.RotatingFileHandler(log_file, maxBytes=10 * 2**20, backupCount=5, encoding="utf-8")
               if log_file else logging.StreamHandler())
    handler.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s",
                                           "%Y-%m-%d %H:%M:%S"))
    handler.addFilter(TopLevelFormatter(["scrapy"]))
    # on the handler: Scrapy sets its own loggers to DEBUG, which a root level would not filter
    handler.setLevel("ERROR" if quiet else level)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.NOTSET)


def run_distributed_crawl(site_keys, *, redis_url: str, host_map: dict | None = None, loopback: bool = False,
                          settings: dict | None = None) -> CrawlResult:
    """Run a distributed worker for ``site_keys`` (see :mod:`crawler.distributed`): the frontier
    is shared in Redis and the pages go to the writer through Redis; no archive is opened."""
    from crawler.distributed import distributed_spider_class, worker_settings
    from crawler.registry import registry
    from spiders.site_spider import spider_class_for

    overrides = {**(LOOPBACK_SETTINGS if loopback else {}), **(settings or {})}
    if host_map:
        overrides["HOST_MAP"] = dict(host_map)
    overrides.update(worker_settings(redis_url, project_settings(overrides)))
    jobs = {key: (distributed_spider_class(spider_class_for(registry()[key])), {}) for key in site_keys}
    return _run(overrides, jobs)
