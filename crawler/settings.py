"""Scrapy settings for kz-news-archive.

Defaults are polite for real sites. The demo, the tests and the benchmark override the
politeness settings on the command line (see ``crawler.cli``), never here.

Project settings (our own, documented in the README):

``ARCHIVE_DB``
    Path of the SQLite archive. Default ``archive.db``.
``ARCHIVE_LOCK_WAIT``
    Seconds to wait for another run's writer lock on the archive before giving up (exit code 5).
    Default 0: a second run exits at once (CLI: ``--wait SECONDS``).
``HOST_MAP``
    ``{"https://site.example": "http://127.0.0.1:8000"}``: fetch a site's pages from another
    origin (a loopback server) while every URL in the archive keeps the site's own origin.
``INCREMENTAL``
    ``True``: skip article URLs already archived and stop paging a listing once a page brings
    nothing new. ``False`` re-fetches everything (the archive still changes only what changed).
``MAX_LISTING_PAGES``
    How deep listing pagination is followed per listing. Default 50.
``STORE_CAPTURES``
    Keep the raw (decoded) page next to the extracted article so extraction can be re-run.
``TEMPLATE_MIN_PAGES``, ``TEMPLATE_MIN_SHARE``
    A body block is a site's template (chrome) once seen on at least this many of its articles
    and this share of all its articles learned so far (see ``crawler.templates``).
``EXTRACT_WORKERS``
    Worker processes for a page's CPU work (packing its capture, extraction), one trip per page.
    Default: one less than the CPU count; 0 runs it inline on the reactor thread.
"""

import os

BOT_NAME = "kz_news_archive"

SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# One spider per registry entry, made from data: see crawler.spiderloader.
SPIDER_LOADER_CLASS = "crawler.spiderloader.RegistrySpiderLoader"

USER_AGENT = "kz-news-archive/0.1 (+https://github.com/kz-news-archive; news archiving research crawler)"
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
# An article page yields one item: Scrapy's default (100) starts 100 output workers per response
# for it (measured: ~100 asyncio tasks per page, 10% of the reactor thread's time).
CONCURRENT_ITEMS = 8
# Regional sites answer 500/502/503 under load and recover: retry, then log and move on.
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Pages above this are not news articles; Scrapy drops them with a logged warning.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# HOST_MAP support sits in the download handler: see crawler.hostmap.
DOWNLOAD_HANDLERS = {
    "http": "crawler.hostmap.HostMapDownloadHandler",
    "https": "crawler.hostmap.HostMapDownloadHandler",
}

# page: capture + process_page (extraction, dates, language) in a worker; template: the site's
# learned chrome; storage: dedupe, versions, pages rows.
ITEM_PIPELINES = {
    "crawler.pipelines.PagePipeline": 100,
    "crawler.pipelines.TemplatePipeline": 250,
    "crawler.pipelines.StoragePipeline": 900,
}

# The archive (with the run records) and the worker pool; pipelines and spiders reach them
# through crawler.get_extension().
EXTENSIONS = {
    "crawler.extension.ArchiveExtension": 500,
    "crawler.workers.PageWorkers": 510,
}

ARCHIVE_DB = "archive.db"
ARCHIVE_LOCK_WAIT = 0.0
HOST_MAP = {}
INCREMENTAL = True
MAX_LISTING_PAGES = 50
STORE_CAPTURES = True
EXTRACT_WORKERS = max(0, (os.cpu_count() or 1) - 1)
TEMPLATE_MIN_PAGES = 8
TEMPLATE_MIN_SHARE = 0.5

LOG_FORMATTER = "crawler.logformatter.ArchiveLogFormatter"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False

# Distributed mode (crawler.distributed): a Redis URL makes `python -m crawler crawl` a worker
# sharing the frontier; REDIS_IDLE_GRACE is how long a worker waits with nothing to do anywhere
# before it closes.
REDIS_URL = None
REDIS_IDLE_GRACE = 3.0
