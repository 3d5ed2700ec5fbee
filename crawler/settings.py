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
``MAX_DISCOVERY_PAGES``
    Sitemaps and listing pages one crawl of a site may request beyond the registry's own (0: no
    limit). A spider trap (an endless calendar, sitemap indexes generated without end) stops here,
    with one warning, ``discovery/limit_reached`` in the run's stats and exit code 3. Default 10,000 (a
    sitemap a day for 25 years).
``STORE_CAPTURES``
    Keep the raw (decoded) page next to the extracted article so extraction can be re-run.
``TEMPLATE_MIN_PAGES``, ``TEMPLATE_MIN_SHARE``
    A body block is a site's template (chrome) once seen on at least this many of its articles
    and this share of all its articles learned so far (see ``crawler.templates``).
``WARC_ENABLED``
    Write every fetched response as WARC/1.1 records (``crawler.warc.WarcRecorder``). Default True.
``WARC_DIR``
    Where the WARC files go, one folder per site. Default: ``<ARCHIVE_DB>.warcs``.
``WARC_MAX_SIZE``
    A WARC file is closed and the next one started once it reaches this many bytes. Default 1 GB.
``WARC_GZIP_LEVEL``
    zlib level of each record's gzip member (1 fastest, 9 smallest). Default 3 (see docs/architecture.md).
``EXTRACT_WORKERS``
    Worker processes for a page's CPU work (packing its capture, extraction), one trip per page.
    Default: one less than the CPU count; 0 runs it inline on the reactor thread.
``EXTRACT_TIME_LIMIT``
    Seconds a worker may spend on one page before it is stopped and the page recorded as an
    ``extract_error`` (its capture kept for ``reextract``); 0: no limit, and none inline. A
    normal page takes milliseconds; a hostile one (megabytes of paragraphs or links) a minute.
    Default 120.

Politeness and honest failures (``crawler.politeness``, ``crawler.middlewares``):

``ARCHIVE_CONTACT``
    A URL or e-mail where site owners can reach whoever runs the archive; it goes into the
    User-Agent (``USER_AGENT``'s ``{contact}``: ``kz-news-archive/0.1 (+CONTACT)``). Default
    empty: the User-Agent says ``contact not set`` and the crawl logs one warning. Set it.
``ROBOTSTXT_TIMEOUT``
    Seconds to wait for a site's robots.txt (its own download timeout). Default 10. Only that
    site's requests wait for it.
``ROBOTSTXT_RETRY_TIMES``
    Retries of a robots.txt that fails with 5xx or no answer. Default 1. Then, by RFC 9309, the
    whole site is disallowed for this run (its article URLs are ``robots`` rows saying robots.txt
    was unavailable) and the next run asks again. A 4xx robots.txt allows everything.
``CRAWL_DELAY_MAX``
    Cap, in seconds, on a robots.txt ``Crawl-delay``, which becomes that site's delay between
    requests (no jitter; AutoThrottle never goes below it). Default 30.
``RETRY_AFTER_MAX``
    Longest ``Retry-After`` (seconds) on a 429 or 503 that the retry waits for. Default 300. A
    server asking for longer is not retried in this run: the page is an ``http_error`` row, and
    the next run fetches it again.
``REDIRECT_MAX_TIMES`` (Scrapy's)
    Redirects followed per page (default 20); a longer chain is a ``too_many_redirects`` row, a
    loop a ``redirect_loop`` row, a redirect to another site an ``off_site_redirect`` row with
    the target in its reason.
``DOWNLOAD_MAXSIZE`` (Scrapy's)
    Largest body, on the wire or inflated from gzip/deflate/br/zstd; larger pages are
    ``too_large`` rows.
"""

import os

BOT_NAME = "kz_news_archive"

SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# One spider per registry entry, made from data: see crawler.spiderloader.
SPIDER_LOADER_CLASS = "crawler.spiderloader.RegistrySpiderLoader"

# {contact} is filled from ARCHIVE_CONTACT by crawler.politeness.ContactUserAgentMiddleware.
USER_AGENT = "kz-news-archive/0.1 ({contact})"
ARCHIVE_CONTACT = ""
ROBOTSTXT_OBEY = True
# robots.txt groups addressed to us by this product token (RFC 9309 §2.2.1), else `*`.
ROBOTSTXT_USER_AGENT = "kz-news-archive"
ROBOTSTXT_TIMEOUT = 10
ROBOTSTXT_RETRY_TIMES = 1
CRAWL_DELAY_MAX = 30.0
RETRY_AFTER_MAX = 300.0

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
# The spider logs one line per failed page (URL, outcome, reason): Scrapy's own give-up line is
# kept for the debug log.
RETRY_GIVE_UP_LOG_LEVEL = "DEBUG"
# Pages above this are not news articles; Scrapy drops them with a logged warning.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# Scrapy's components, subclassed so that every refusal says why (crawler.middlewares) and
# politeness follows RFC 9309 (crawler.politeness). Same places in the chain as Scrapy's own.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.politeness.PoliteRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "crawler.politeness.ContactUserAgentMiddleware": 500,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.SiteMetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.StrictHttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.SiteRedirectMiddleware": 600,
    # The WARC recorder sits closer to the downloader than the redirect (600) and compression (590)
    # middlewares: it sees every redirect hop and the body as sent (still compressed).
    "crawler.warc.WarcRecorder": 800,
}

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
    "scrapy.extensions.throttle.AutoThrottle": None,
    "crawler.politeness.PoliteAutoThrottle": 0,
    "crawler.extension.ArchiveExtension": 500,
    "crawler.workers.PageWorkers": 510,
    "crawler.progress.ProgressExtension": 520,
}
# Progress of a crawl (crawler/progress.py): status lines redrawn every second on a terminal, a
# plain INFO log line every PROGRESS_INTERVAL seconds elsewhere.
PROGRESS = True
PROGRESS_INTERVAL = 30.0
PROGRESS_INTERVAL_TTY = 1.0

ARCHIVE_DB = "archive.db"
ARCHIVE_LOCK_WAIT = 0.0
HOST_MAP = {}
INCREMENTAL = True
MAX_LISTING_PAGES = 50
MAX_DISCOVERY_PAGES = 10_000
STORE_CAPTURES = True
EXTRACT_WORKERS = max(0, (os.cpu_count() or 1) - 1)
EXTRACT_TIME_LIMIT = 120.0
TEMPLATE_MIN_PAGES = 8
TEMPLATE_MIN_SHARE = 0.5
WARC_ENABLED = True
WARC_DIR = ""
WARC_MAX_SIZE = 1024 ** 3
WARC_GZIP_LEVEL = 3

LOG_FORMATTER = "crawler.logformatter.ArchiveLogFormatter"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False

# Distributed mode (crawler.distributed): a Redis URL makes `python -m crawler crawl` a worker
# sharing the frontier; REDIS_IDLE_GRACE is how long a worker waits with nothing to do anywhere
# before it closes. A worker's DOWNLOAD_DELAY is held per host in Redis across all workers
# (REDIS_DOWNLOAD_DELAY, set from DOWNLOAD_DELAY), each grant that far apart plus
# REDIS_POLITENESS_MARGIN seconds for the time between a grant and its socket.
REDIS_URL = None
REDIS_IDLE_GRACE = 3.0
REDIS_POLITENESS_MARGIN = 0.05
