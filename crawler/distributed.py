"""Distributed mode: crawl workers share a frontier in Redis (scrapy-redis); one writer archives.

``python -m crawler crawl SITE --redis URL`` runs a *worker*: scrapy-redis's scheduler and
dupefilter hold the site's frontier in Redis (persisted, requests as JSON, never pickle), so any
number of workers on any number of machines fetch each article once. A worker never opens the
archive: its pages still go through :func:`crawler.pipelines.page_work` in the worker processes
(capture packing and :func:`crawler.process.process_page`), and :class:`RedisItemPipeline` pushes
one JSON message per page (or fetch failure) to the ``kz:items`` list. ``python -m crawler writer``
(:mod:`crawler.redis_writer`) drains that list into the archive with the one-process crawl's own
template and storage stages.

Redis keys (``SITE`` is the registry key, which is also the spider's name):

``kz:SITE:requests``   the shared frontier (scrapy-redis priority queue, JSON requests)
``kz:SITE:dupefilter`` fingerprints of article requests ever scheduled: persisted across rounds,
                       it is the distributed crawl's incremental memory (the writer removes the
                       fingerprint of a page that gave no article, so the next round tries again)
``kz:SITE:discovery``  fingerprints of sitemap, feed and listing requests of the current round:
                       cleared when a worker starts and finds no live worker of the site
``kz:SITE:workers``    live workers (sorted set, score: heartbeat expiry); ``kz:SITE:busy`` their
                       requests in flight
``kz:SITE:seeds``      seed URLs pushed while a crawl runs (``LPUSH``; ``kind url`` or a URL)
``kz:items``           page messages for the writer (JSON, then a NUL and the capture's bytes:
                       :func:`encode_message`); ``kz:items:processing`` the writer's batch;
                       ``kz:items:dead`` messages the writer could not read, kept as they came
``kz:ledger``          wanted-but-not-archived article URLs -> the request (JSON): added when an
                       article request is scheduled, removed when the writer commits its page row;
                       ``python -m crawler recover`` re-enqueues what a killed worker lost
``kz:polite:HOST``     when the last request to HOST was let go, by any worker (politeness)
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import socket
import time
import uuid
import zlib
from urllib.parse import urlsplit

import redis
from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.request import request_from_dict
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from twisted.internet import task

from crawler.hostmap import HostMapDownloadHandler
from crawler.items import FetchFailure, PageItem, RedirectedAway
from crawler.record import Skip
from crawler.storage import pack_capture
from crawler.workers import PageWorkers, PageWorkFailed, run_page_work

logger = logging.getLogger(__name__)

PREFIX = "kz"
ITEMS = f"{PREFIX}:items"
PROCESSING = f"{PREFIX}:items:processing"
DEAD = f"{PREFIX}:items:dead"
LEDGER = f"{PREFIX}:ledger"
HEARTBEAT_SECONDS = 1.0
HEARTBEAT_TTL = 5.0
# How often a worker with free download slots looks at the shared queue. Scrapy's engine asks its
# scheduler for requests when one of its own downloads ends, or on its 5-second heartbeat; a
# worker with nothing in flight never sees what the other workers put in the shared queue
# until that heartbeat.
WAKE_SECONDS = 0.2


def key(site: str, name: str) -> str:
    return f"{PREFIX}:{site}:{name}"


def connect(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)


class RedisUnavailable(RuntimeError):
    """No Redis answers at the URL given (the commands exit 2 with this one line)."""


def connect_checked(url: str) -> redis.Redis:
    """:func:`connect`, having asked the server for a PING: a wrong URL or a server that is down is
    said at once in one line, not as a worker that finishes having done nothing."""
    try:
        server = connect(url)
        server.ping()
    except (redis.RedisError, ValueError) as exc:
        raise RedisUnavailable(f"cannot reach Redis at {url}: {exc}") from None
    return server


# --- requests as JSON -------------------------------------------------------------------------
class JsonSerializer:
    """scrapy-redis serializer: ``Request.to_dict()`` as JSON, never pickle. Bytes (headers, body)
    travel as ``{"$b": base64}``; a dict with bytes keys (headers) as ``{"$h": [[k, v], ...]}``."""

    @staticmethod
    def _enc(value):
        if isinstance(value, bytes):
            return {"$b": base64.b64encode(value).decode("ascii")}
        if isinstance(value, dict):
            if any(isinstance(k, bytes) for k in value):
                return {"$h": [[JsonSerializer._enc(k), JsonSerializer._enc(v)] for k, v in value.items()]}
            return {str(k): JsonSerializer._enc(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [JsonSerializer._enc(v) for v in value]
        return value

    @staticmethod
    def _dec(value):
        if isinstance(value, dict):
            if "$b" in value and len(value) == 1:
                return base64.b64decode(value["$b"])
            if "$h" in value and len(value) == 1:
                return {JsonSerializer._dec(k): JsonSerializer._dec(v) for k, v in value["$h"]}
            return {k: JsonSerializer._dec(v) for k, v in value.items()}
        if isinstance(value, list):
            return [JsonSerializer._dec(v) for v in value]
        return value

    @classmethod
    def dumps(cls, obj) -> str:
        return json.dumps(cls._enc(obj), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def loads(cls, data):
        return cls._dec(json.loads(data))


def is_article_request(request: Request) -> bool:
    return getattr(request.callback, "__name__", None) == "parse_article"


def fingerprint(url: str) -> str:
    """The dupefilter's fingerprint of a GET of ``url`` (scrapy-redis's own function)."""
    return RFPDupeFilter(None, "").request_fingerprint(Request(url))


class SplitDupeFilter(RFPDupeFilter):
    """Article requests in the persisted ``kz:SITE:dupefilter``; discovery requests (sitemaps,
    feeds, listings) in the round's ``kz:SITE:discovery``, so the next round reads them again."""

    def __init__(self, server, site: str):
        super().__init__(server, key(site, "dupefilter"))
        self.discovery_key = key(site, "discovery")

    def request_seen(self, request) -> bool:
        fp = self.request_fingerprint(request)
        return self.server.sadd(self.key if is_article_request(request) else self.discovery_key, fp) == 0

    def close(self, reason=""):
        pass        # persisted: other workers and the next round read it

    def log(self, request, spider):
        pass


# Register a worker; a worker that finds no live worker of its site starts a new round (the
# discovery fingerprints are cleared, so sitemaps, feeds and listings are read again).
_REGISTER = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local live = redis.call('ZCARD', KEYS[1])
if live == 0 then redis.call('DEL', KEYS[2]); redis.call('DEL', KEYS[3]) end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
return live
"""


class RedisScheduler:
    """scrapy-redis's scheduler, persisted (``SCHEDULER_PERSIST = True``: with False the first
    worker to finish flushes the shared queue and dupefilter), with the JSON serializer, the split
    dupefilter and the ledger; without scrapy-redis's deprecated calls (``spider.log``, stats
    with a spider argument)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.server = connect(crawler.settings["REDIS_URL"])
        self.server.ping()
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open(self, spider):
        self.spider = spider
        self.site = spider.name
        self.queue = PriorityQueue(self.server, spider, key(self.site, "requests"), serializer=JsonSerializer)
        self.df = SplitDupeFilter(self.server, self.site)
        live = self.server.eval(_REGISTER, 3, key(self.site, "workers"), key(self.site, "discovery"),
                                key(self.site, "busy"), time.time(), time.time() + HEARTBEAT_TTL, self.worker_id)
        self.new_round = int(live) == 0
        logger.info("distributed worker %s: %s; %d requests in the shared queue", self.worker_id,
                    "new round" if self.new_round else f"joining {live} live worker(s)", len(self.queue))

    def close(self, reason):
        pipe = self.server.pipeline()
        pipe.zrem(key(self.site, "workers"), self.worker_id)
        pipe.hdel(key(self.site, "busy"), self.worker_id)
        pipe.execute()

    def __len__(self):
        return len(self.queue)

    def has_pending_requests(self) -> bool:
        return len(self.queue) > 0

    def enqueue_request(self, request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.stats.inc_value("dupefilter/filtered")
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        data = self.queue._encode_request(request)
        pipe = self.server.pipeline()
        pipe.execute_command("ZADD", self.queue.key, -request.priority, data)
        if is_article_request(request):
            pipe.hset(LEDGER, request.url, json.dumps({"site": self.site, "request": data}, ensure_ascii=False))
        pipe.execute()
        return True

    def next_request(self):
        request = self.queue.pop(0)
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request


# --- the worker's life: heartbeat, idle grace, seeds -------------------------------------------
class DistributedWorker:
    """Extension of a distributed worker: a heartbeat in Redis (live workers and their requests in
    flight, read by the idle grace and by ``recover``), the idle grace (the spider stays open until
    no worker of the site has had anything to do and the shared queue has been empty for
    ``REDIS_IDLE_GRACE`` seconds, so early and late workers take their share), seeds read from
    Redis, and the worker's stats handed to the writer when it closes."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.grace = crawler.settings.getfloat("REDIS_IDLE_GRACE")
        self.quiet_since: float | None = None
        self.loop: task.LoopingCall | None = None
        self.wake_loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured("not distributed")
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    @property
    def scheduler(self) -> RedisScheduler:
        return self.crawler.engine._slot.scheduler

    def spider_opened(self, spider):
        self.site = spider.name
        self.loop = task.LoopingCall(self.heartbeat)
        self.loop.start(HEARTBEAT_SECONDS, now=True)
        self.wake_loop = task.LoopingCall(self.wake)
        self.wake_loop.start(WAKE_SECONDS, now=False)

    def in_flight(self) -> int:
        engine = self.crawler.engine
        return len(engine.downloader.active) + len(engine.scraper.slot.active)

    def heartbeat(self):
        try:
            sched = self.scheduler
            pipe = sched.server.pipeline()
            pipe.zadd(key(self.site, "workers"), {sched.worker_id: time.time() + HEARTBEAT_TTL})
            pipe.hset(key(self.site, "busy"), sched.worker_id, self.in_flight())
            pipe.execute()
        except Exception as exc:       # Redis away for a moment: the next beat tries again
            logger.warning("heartbeat failed: %s", exc)

    def wake(self):
        """Have the engine take requests from the shared queue when it has room for them and the
        queue holds some (filled by other workers: nothing else tells this one)."""
        engine = self.crawler.engine
        try:
            slot = engine._slot
            if slot is None or slot.closing or engine.needs_backout() or not len(self.scheduler):
                return
            slot.nextcall.schedule()
        except Exception as exc:       # Redis away for a moment: the next tick tries again
            logger.warning("could not look at the shared queue: %s", exc)

    def quiescent(self) -> bool:
        """No work anywhere for the grace period: this worker idle, the shared queue empty, and
        every live worker of the site idle by its last heartbeat."""
        sched = self.scheduler
        server = sched.server
        busy = False
        if self.in_flight() or len(sched):
            busy = True
        else:
            live = set(server.zrangebyscore(key(self.site, "workers"), time.time(), "+inf"))
            counts = server.hgetall(key(self.site, "busy"))
            busy = any(int(n) for w, n in counts.items() if w in live and w.decode() != sched.worker_id)
        now = time.monotonic()
        if busy:
            self.quiet_since = None
            return False
        if self.quiet_since is None:
            self.quiet_since = now
        return now - self.quiet_since >= self.grace

    def pop_seeds(self, n: int = 100) -> list[str]:
        values = self.scheduler.server.lpop(key(self.site, "seeds"), n) or []
        return [v.decode() for v in values]

    def spider_idle(self, spider):
        seeds = self.pop_seeds()
        for seed in seeds:
            request = spider.seed_request(seed)
            if request is not None:
                self.crawler.engine.crawl(request)
        if seeds or not self.quiescent():
            raise DontCloseSpider

    def spider_closed(self, spider, reason):
        for loop in (self.loop, self.wake_loop):
            if loop is not None and loop.running:
                loop.stop()
        values = self.crawler.stats.get_stats()
        stats = {k: v for k, v in values.items() if isinstance(v, (int, float, str))}
        message = {"kind": "worker", "site": self.site, "worker": self.scheduler.worker_id,
                   "finish_reason": reason, "stats": stats}
        try:
            self.scheduler.server.lpush(ITEMS, encode_message(message))
        except redis.RedisError as exc:
            logger.error("could not hand the worker's stats to the writer: %s", exc)


def distributed_spider_class(base: type) -> type:
    """A distributed copy of a site's spider class (``spiders.site_spider.SiteSpider``)."""

    class DistributedSiteSpider(base):
        @classmethod
        def update_settings(cls, settings):
            """A ``scrapy crawl`` with ``REDIS_URL`` (what Scrapyd runs: ``schedule.json`` with
            ``setting=REDIS_URL=...``) becomes a worker as ``python -m crawler crawl --redis`` does."""
            super().update_settings(settings)
            redis_url = settings.get("REDIS_URL")
            if redis_url and settings.get("SCHEDULER") != WORKER_SCHEDULER:
                # above the command line's priority: these are what make the process a worker (the
                # command line's DOWNLOAD_DELAY is read first, as the shared delay)
                for name, value in worker_settings(redis_url, settings).items():
                    settings.set(name, value, priority=WORKER_PRIORITY)

        def known_article_urls(self) -> set[str]:
            return set()      # the persisted article dupefilter in Redis is the incremental memory

        def page_validators(self) -> dict:
            return {}         # no archive here: re-visits are plain requests

        async def start(self):
            worker = self.crawler.get_extension(DistributedWorker)
            # A worker joining a round yields the start URLs too: the round's dupefilter drops
            # what a live worker read already.
            async for request in super().start():
                yield request
            # Seeds pushed while the crawl runs are read within half a second, until the idle grace.
            while True:
                for seed in worker.pop_seeds():
                    request = self.seed_request(seed)
                    if request is not None:
                        yield request
                if worker.quiescent():
                    return
                await asyncio.sleep(0.5)

        def seed_request(self, seed: str):
            kind, _, url = seed.strip().partition(" ")
            if not url:
                kind, url = "", kind
            if kind == "sitemap" or (not kind and "sitemap" in url and url.endswith(".xml")):
                return Request(url, callback=self.parse_sitemap, errback=self.on_error)
            if kind == "feed" or (not kind and ("/feed" in url or url.endswith((".rss", "/rss")))):
                return Request(url, callback=self.parse_feed, errback=self.on_error)
            if kind == "article" or (not kind and self.site.is_article_url(url)):
                return self.article_request(url, "seed")
            return Request(url, callback=self.parse_listing, errback=self.on_error, meta={"listing_depth": 1})

        def parse_article(self, response):
            ledger = [*response.meta.get("redirect_urls", []), response.request.url if response.request else response.url]
            for item in super().parse_article(response):
                item.ledger_urls = ledger
                yield item

        def on_error(self, failure):
            request = failure.request
            ledger = [*request.meta.get("redirect_urls", []), request.url]
            for item in super().on_error(failure):
                item.ledger_urls = ledger
                yield item

    DistributedSiteSpider.__name__ = DistributedSiteSpider.__qualname__ = f"Distributed{base.__name__}"
    return DistributedSiteSpider


# --- politeness across workers ------------------------------------------------------------------
# A request to a host is let go only when the last one any worker let go to it is at least the
# delay old; a worker that is told to wait sleeps and asks again. Granting at the moment of asking
# (rather than reserving a future slot) keeps a worker that overslept from crowding the next one.
# The clock is Redis's own (TIME): workers on several machines never agree to the millisecond.
_GRANT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local delay = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if now >= last + delay then
  redis.call('SET', KEYS[1], string.format('%.6f', now), 'PX', math.ceil(delay * 1000) + 60000)
  return '0'
end
return tostring(last + delay - now)
"""


class SharedPolitenessHandler(HostMapDownloadHandler):
    """The download handler of a worker: ``REDIS_DOWNLOAD_DELAY`` seconds between two requests to
    one host across all workers (the worker's own ``DOWNLOAD_DELAY`` is 0 in distributed mode), plus
    ``REDIS_POLITENESS_MARGIN`` for what happens between the grant and the socket.

    The grant is taken here, as the request is about to be sent, and not in a downloader middleware:
    after a middleware, a request can still wait in Scrapy's per-domain slot, and a request granted
    earlier but sent later crowds the next one (server-side gaps of 0.97 s at a 1 s delay). What is
    left between the grant and the socket is a reactor turn and the connection's set-up; the margin
    covers that on a loaded machine."""

    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        delay = settings.getfloat("REDIS_DOWNLOAD_DELAY")
        self.spacing = delay + settings.getfloat("REDIS_POLITENESS_MARGIN") if delay > 0 else 0.0
        self.server = connect(settings["REDIS_URL"]) if self.spacing and settings.get("REDIS_URL") else None
        self.stats = crawler.stats

    async def download_request(self, request):
        if self.server is not None:
            await self._granted(urlsplit(request.url).hostname or "")
        return await super().download_request(request)

    async def _granted(self, host: str) -> None:
        name = f"{PREFIX}:polite:{host}"
        while True:
            wait = float(self.server.eval(_GRANT, 1, name, self.spacing))
            if wait <= 0:
                return
            self.stats.inc_value("redis/politeness_waits")
            await asyncio.sleep(wait)


# --- items to the writer ---------------------------------------------------------------------------
def page_message(item: PageItem, packed, result) -> dict:
    page = item.page
    message = {
        "kind": "page", "site": item.site, "url": item.url, "status": item.status, "encoding": item.encoding,
        "fetched_at": page.fetched_at, "discovered_via": page.discovered_via,
        "discovery_date": page.discovery_date, "ledger": getattr(item, "ledger_urls", [item.url]),
        "redirected_from": item.redirected_from, "redirect_status": item.redirect_status,
        "capture": None if packed is None else [packed[0], packed[1]],      # its bytes: encode_message
    }
    if isinstance(result, Skip):
        message["skip"] = {"outcome": result.outcome, "reason": result.reason}
    else:
        message["record"] = result.to_json()
        message["blocks"] = [list(b) for b in result.blocks]
    return message


def failure_message(item: FetchFailure) -> dict:
    return {"kind": "failure", "site": item.site, "url": item.url, "outcome": item.outcome,
            "reason": item.reason, "status": item.status, "ledger": getattr(item, "ledger_urls", [item.url])}


def redirect_message(item: RedirectedAway) -> dict:
    return {"kind": "redirected", "site": item.site, "url": item.url, "target": item.target,
            "landing": item.landing, "status": item.status, "ledger": getattr(item, "ledger_urls", [item.url])}


def encode_message(message: dict, capture: bytes | None = None) -> bytes:
    """A message for ``kz:items``: its JSON and, for a page with a capture, a NUL byte and the
    capture's zlib bytes as they are. JSON text never holds a raw NUL (it writes ``\u0000``), so the
    first one ends the JSON. (The capture as base64 inside the JSON cost the writer a tenth of its
    drain, decoding both.)"""
    data = json.dumps(message, ensure_ascii=False, default=str).encode("utf-8")
    return data if capture is None else data + b"\0" + capture


def decode_message(raw: bytes) -> dict:
    """A message off Redis, its capture as ``(sha1, size, zlib bytes)``."""
    data, _, blob = raw.partition(b"\0")
    message = json.loads(data)
    capture = message.get("capture")
    if capture:        # [sha1, size], or [sha1, size, base64] as workers before 2026-12 sent it
        message["capture"] = (capture[0], capture[1], base64.b64decode(capture[2]) if len(capture) > 2 else blob)
    return message


class RedisItemPipeline:
    """The distributed worker's only item pipeline: the page stage's worker trip (capture packing
    and :func:`process_page`, :func:`crawler.pipelines.page_work`), then one JSON message per
    page or fetch failure on ``kz:items``. Nothing here touches SQLite: template learning,
    deduplication and storage need the archive, so the writer does them."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.workers = crawler.get_extension(PageWorkers)
        self.store_captures = crawler.settings.getbool("STORE_CAPTURES")
        self.server = connect(crawler.settings["REDIS_URL"])

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_item(self, item):
        from crawler.pipelines import page_work

        if isinstance(item, FetchFailure):
            message = failure_message(item)
        elif isinstance(item, RedirectedAway):
            message = redirect_message(item)
        elif isinstance(item, PageItem):
            try:
                packed, result = await run_page_work(self.workers, page_work, item.page, self.store_captures)
            except PageWorkFailed as exc:
                packed = pack_capture(item.page.text()) if self.store_captures else None
                result = Skip("extract_error", str(exc))
            if isinstance(result, Skip) and result.detail:
                logger.error("extraction failed on %s: %s", item.url, result.reason)
            message = page_message(item, packed, result)
            item.page = None          # the text is in the message now; let it go
        else:
            return item
        self.server.lpush(ITEMS, encode_message(message, None if packed is None else packed[2]))
        self.crawler.stats.inc_value("redis/items_pushed")
        return {"url": message["url"], "kind": message["kind"]}


def decompress(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8", "surrogatepass")


WORKER_SCHEDULER = "crawler.distributed.RedisScheduler"
WORKER_PRIORITY = 45      # Scrapy's command line is 40


def worker_settings(redis_url: str, settings) -> dict:
    """Setting overrides that make a crawl process a distributed worker."""
    delay = settings.getfloat("DOWNLOAD_DELAY")
    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": WORKER_SCHEDULER,
        "SCHEDULER_PERSIST": True,
        "REDIS_DOWNLOAD_DELAY": delay,
        "DOWNLOAD_DELAY": 0,
        "ITEM_PIPELINES": {"crawler.distributed.RedisItemPipeline": 100},
        "EXTENSIONS": {"crawler.workers.PageWorkers": 510, "crawler.distributed.DistributedWorker": 520},
        "DOWNLOAD_HANDLERS": {**settings.getdict("DOWNLOAD_HANDLERS"),
                              "http": "crawler.distributed.SharedPolitenessHandler",
                              "https": "crawler.distributed.SharedPolitenessHandler"},
    }
