"""The one archive writer of a distributed crawl, and ``recover``.

``python -m crawler writer --redis URL --db archive.db [--until-idle SECONDS]`` drains the page
messages the workers push (:mod:`crawler.distributed`) into the archive through the one-process
crawl's own stages: :class:`crawler.pipelines.TemplatePipeline` and :class:`StoragePipeline`, the
page stage's ``skip`` and :meth:`Archive.store_capture`, with :class:`ArchiveExtension` owning each
site's run row. Template learning is done here, not in the workers, because it needs the archive
(the learned counts and whether an article is already archived) and must see each article once:
the writer is the one place that holds both.

A batch: up to ``batch`` messages are moved atomically from ``kz:items`` to ``kz:items:processing``,
applied in one SQLite transaction that also records the batch's digest, committed, and only then
removed from Redis with their ledger entries. A writer killed at any point loses nothing and
duplicates nothing: on start it finishes the processing list first, and a processing list whose
digest the archive already holds was committed before the kill, so only its Redis clean-up is
done again.

The next batch is read while this one commits. The commit's heavy part (the trigram index, then
COMMIT) is SQLite's C code, which runs in a thread without Python's lock; meanwhile this thread
reads the oldest messages still in ``kz:items`` and decodes them. Reading changes nothing in Redis:
that batch is moved to the processing list when its turn comes, by a script that checks it moved
the messages that were read (workers add at the other end of the list and only the writer takes
from this one, so they are the same unless a second writer drains the same Redis).
"""

from __future__ import annotations

import hashlib
import json
import logging
import signal
import sqlite3
import sys
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from types import SimpleNamespace
from typing import NamedTuple

import redis
from scrapy.exceptions import DropItem

from crawler import distributed as d
from crawler.extension import ArchiveExtension
from crawler.items import FetchFailure, PageItem, RedirectedAway
from crawler.pipelines import PagePipeline, StoragePipeline, TemplatePipeline
from crawler.process import FetchedPage
from crawler.record import ArticleRecord, Skip
from crawler.registry import get_site, registry
from crawler.storage import Archive

logger = logging.getLogger(__name__)

STATE_TABLE = "redis_writer_state"


def _digest(raw: list[bytes]) -> str:
    """SHA-1 of the batch's messages joined by NUL bytes, as the processing list holds them (fed
    one message at a time: no 10 MB copy of the batch)."""
    h = hashlib.sha1()
    for i, message in enumerate(raw):
        if i:
            h.update(b"\0")
        h.update(message)
    return h.hexdigest()


class Batch(NamedTuple):
    raw: list[bytes]          # the messages as Redis holds them, newest first
    messages: list[dict]      # decoded, oldest first, captures unpacked
    digest: str


def decode_batch(raw: list[bytes]) -> Batch:
    return Batch(raw, [_decode(m) for m in reversed(raw)], _digest(raw))


# What each kind of message must carry for the writer to store it.
REQUIRED_FIELDS = {
    "page": ("site", "url", "status", "encoding", "fetched_at"),
    "failure": ("site", "url", "outcome", "reason", "status"),
    "redirected": ("site", "url", "target", "landing", "status"),
    "worker": ("site", "stats"),
}


def _decode(raw: bytes) -> dict:
    """The message, or ``{"kind": "unreadable", "reason": ...}`` for one the writer cannot store
    (a worker of another version, a hand-pushed or damaged value): that one goes to ``kz:items:dead``
    rather than stopping every batch after it."""
    try:
        message = d.decode_message(raw)
        problem = _problem(message)
        if problem is None and message["kind"] == "page":
            _read_page(message)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError) as exc:
        problem = f"not a message the writer can read ({type(exc).__name__}: {exc})"
    return {"kind": "unreadable", "reason": problem, "raw": raw} if problem else message


def _read_page(message: dict) -> None:
    """A page message's Skip or ArticleRecord, built before anything of it is written."""
    if "skip" in message:
        message["skip"] = Skip(str(message["skip"]["outcome"]), str(message["skip"]["reason"]))
    else:
        record = ArticleRecord.from_json(message["record"])
        record.blocks = [tuple(b) for b in message.get("blocks") or []]
        message["record"] = record


def _problem(message) -> str | None:
    if not isinstance(message, dict):
        return f"not a message (JSON {type(message).__name__})"
    kind = message.get("kind")
    if kind not in REQUIRED_FIELDS:
        return f"unknown kind {kind!r}"
    missing = [f for f in REQUIRED_FIELDS[kind] if f not in message]
    if missing:
        return f"a {kind} message without {', '.join(missing)}"
    if kind == "page" and not ("record" in message or "skip" in message):
        return "a page message with neither a record nor a skip"
    ledger = message.get("ledger") or []
    urls = ([message["url"]] if "url" in message else []) + (ledger if isinstance(ledger, list) else [ledger])
    if not all(isinstance(u, str) for u in urls):
        return "a URL that is not a string"
    if not isinstance(message["site"], str) or message["site"] not in registry():
        return f"unknown site {message['site']!r}"
    if kind == "worker" and not isinstance(message["stats"], dict):
        return "a worker message whose stats are not an object"
    capture = message.get("capture")
    if capture is not None and not (isinstance(capture[0], str) and isinstance(capture[1], int)
                                    and isinstance(capture[2], bytes) and capture[2]):
        return "a capture that is not a sha1, a size and its bytes"
    return None


# Move as many messages as were read (ARGV[1]) from the items list to the processing list, and reply
# with the count and bytes moved: the messages are not sent a second time.
MOVE_SCRIPT = """
local moved, size = 0, 0
for i = 1, tonumber(ARGV[1]) do
  local message = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
  if not message then break end
  moved, size = moved + 1, size + #message
end
return {moved, size}
"""


class WriterStorageError(RuntimeError):
    pass


class _Stats:
    """The part of Scrapy's stats collector the stages use; worker stats are summed in."""

    def __init__(self):
        self._values: dict = {}

    def get_value(self, key, default=None):
        return self._values.get(key, default)

    def set_value(self, key, value):
        self._values[key] = value

    def inc_value(self, key, count=1, start=0):
        self._values[key] = self._values.get(key, start) + count

    def get_stats(self):
        return self._values


class _Engine:
    closed: str | None = None

    async def close_spider_async(self, *, reason: str) -> None:
        self.closed = reason


class SiteStages:
    """One site's crawl-side stages, as a one-process crawl has them, fed from messages: the
    ``crawler`` the stages are built with (settings, stats, ``get_extension``)."""

    def __init__(self, settings, site_key: str):
        self.settings, self.stats, self.engine = settings, _Stats(), _Engine()
        self.site = get_site(site_key)
        self.ext = ArchiveExtension(self)          # the writer's own handle (Archive.acquire shares it)
        self.ext.spider_opened(SimpleNamespace(site=self.site, incremental=True, run_kind="crawl"))
        self.page, self.templates, self.storage = PagePipeline(self), TemplatePipeline(self), StoragePipeline(self)

    def get_extension(self, cls):
        return self.ext if cls is ArchiveExtension else None

    @property
    def archive(self) -> Archive:
        return self.ext.archive

    def absorb(self, message: dict) -> None:
        """A worker's closing stats: the site's run counts requests and responses of all workers."""
        for name, value in message["stats"].items():
            if isinstance(value, int) and not isinstance(value, bool):
                self.stats.inc_value(name, value)
        self.stats.inc_value(f"redis/workers/{message.get('finish_reason') or '?'}")

    def apply(self, message: dict) -> bool:
        """Write one page message; True when the page gave an article (its URL is done)."""
        kind = message["kind"]
        try:
            if kind == "failure":
                self.storage.process_item(FetchFailure(message["site"], message["url"], message["outcome"],
                                                       message["reason"], message["status"]))
                return False
            if kind == "redirected":
                self.storage.process_item(RedirectedAway(message["site"], message["url"], message["target"],
                                                         message["landing"], message["status"]))
                return False
            page = FetchedPage(url=message["url"], body="", site=self.site, fetched_at=message["fetched_at"],
                               discovered_via=message.get("discovered_via") or "",
                               discovery_date=message.get("discovery_date"))
            item = PageItem(page=page, status=message["status"], encoding=message["encoding"],
                            redirected_from=message.get("redirected_from"),
                            redirect_status=message.get("redirect_status"))
            if message.get("capture"):
                with self.page.storing(item.url):
                    item.capture_id = self.archive.store_capture(
                        url=item.url, packed=message["capture"], encoding=item.encoding,
                        status=item.status, fetched_at=page.fetched_at, crawl_run_id=self.ext.run_id)
            if "skip" in message:
                item.result = message["skip"]
                self.page.skip(item, item.result.outcome, item.result.reason)
            item.result = message["record"]          # read with the message (_read_page)
            self.storage.process_item(self.templates.process_item(item))
            return True
        except DropItem:
            return False
        finally:
            error = self.stats.get_value("archive/storage_error")
            if error:
                raise WriterStorageError(error)

    def close(self, reason: str) -> None:
        self.ext.spider_closed(None, reason)


class Checkpointer:
    """Copies the archive's write-ahead log into the database file on a connection of its own, in a
    thread, after each batch: a PASSIVE checkpoint neither waits for the writer nor makes it wait, so
    its copying and fsyncs (a tenth of a drain when SQLite did them inside COMMIT, every 1,000 pages)
    overlap the next batch. Durability is SQLite's own: a killed writer's WAL is read (and
    checkpointed) by the next connection."""

    def __init__(self, path: str):
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="wal-checkpoint")
        self.last: Future | None = None     # (busy, WAL frames, frames copied) of the latest, None if it failed

    def start(self) -> None:
        """After a commit: copy the WAL, unless the previous copy is still at it (the next commit
        starts one; closing the writer's connection copies what is left)."""
        if self.last is None or self.last.done():
            self.last = self._thread.submit(self._checkpoint)

    def _checkpoint(self) -> tuple[int, int, int] | None:
        try:
            return self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error as exc:       # the next one, or the writer's close, tries again
            logger.warning("WAL checkpoint failed: %s", exc)
            return None

    def close(self) -> None:
        self._thread.shutdown(wait=True)
        self.conn.close()


class Writer:
    def __init__(self, server, db: str, *, batch: int = 500, wait: float = 0.0):
        from crawler.crawl import project_settings

        self.server, self.db, self.batch = server, db, batch
        self.settings = project_settings({"ARCHIVE_DB": str(db), "ARCHIVE_LOCK_WAIT": wait})
        self.archive = Archive.acquire(db, wait=wait)
        # One transaction per batch: the writer commits, never the archive's own batching.
        self.archive.batch_size, self.archive.batch_seconds = 10**12, float("inf")
        self.archive.conn.execute(f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
        # The WAL is copied into the database by the checkpointer's thread, not inside COMMIT.
        self.archive.conn.execute("PRAGMA wal_autocheckpoint=0")
        self.checkpointer = Checkpointer(str(db))
        self._move_script = server.register_script(MOVE_SCRIPT)
        self._committer = ThreadPoolExecutor(1, thread_name_prefix="archive-commit")
        self._ahead: Batch | None = None            # the next batch, read while this one committed
        self.sites: dict[str, SiteStages] = {}
        self.stop = False
        self.written = 0
        self.dead = 0           # messages moved to kz:items:dead

    def _state(self, name: str) -> str | None:
        row = self.archive.conn.execute(f"SELECT value FROM {STATE_TABLE} WHERE key=?", (name,)).fetchone()
        return row[0] if row else None

    def _read(self) -> Batch:
        """The oldest ``batch`` messages of ``kz:items``, read and decoded, not moved; its articles'
        folds and content hashes worked out (:meth:`Archive.read_ahead`)."""
        batch = decode_batch(self.server.lrange(d.ITEMS, -self.batch, -1))
        self.archive.read_ahead(m["record"] for m in batch.messages if isinstance(m.get("record"), ArticleRecord))
        return batch

    def _take(self) -> Batch | None:
        """The next batch (read ahead, else now), moved to the processing list; None: no messages."""
        batch, self._ahead = self._ahead, None
        if batch is None or not batch.raw:
            batch = self._read()
            if not batch.raw:
                return None
        moved, size = self._move_script(keys=[d.ITEMS, d.PROCESSING], args=[len(batch.raw)])
        if (moved, size) != (len(batch.raw), sum(map(len, batch.raw))):
            logger.warning("kz:items changed between reading and moving a batch (%d messages read, %d "
                           "moved): is a second writer draining it? Writing what was moved", len(batch.raw), moved)
            batch = decode_batch(self.server.lrange(d.PROCESSING, 0, -1))
        return batch if batch.raw else None

    def _commit(self) -> None:
        """Commit the batch; read the next one meanwhile."""
        self.archive.index_search_queue()          # calls the fold (Python): here, holding the GIL
        committed = self._committer.submit(self.archive.commit)
        try:
            self._ahead = self._read()
        finally:
            committed.result()
        self.checkpointer.start()

    def drain_once(self) -> int:
        """One batch: the processing list left by a killed writer, else a new one. Messages applied."""
        left = self.server.lrange(d.PROCESSING, 0, -1)
        batch = decode_batch(left) if left else self._take()
        if batch is None:
            return 0
        messages, digest = batch.messages, batch.digest
        done: list[str] = []            # ledger URLs whose page row this batch writes
        retry: list[tuple[str, str]] = []   # (site, url) that gave no article: the next round tries again
        dead = [m for m in messages if m["kind"] == "unreadable"]
        replay = self._state("last_batch") == digest
        for site in {m["site"] for m in messages if m["kind"] != "unreadable"} - set(self.sites):
            self.sites[site] = SiteStages(self.settings, site)      # opens its run: before the batch's writes
        for message in messages:
            if message["kind"] == "unreadable":
                if not replay:      # its URLs stay in the ledger: `recover` fetches them again
                    logger.error("a message the writer cannot store, kept in %s: %s", d.DEAD, message["reason"])
                continue
            stages = self.sites[message["site"]]
            if message["kind"] == "worker":
                if not replay:
                    stages.absorb(message)
                continue
            urls = message.get("ledger") or [message["url"]]
            done.extend(urls)
            article = replay or stages.apply(message)
            if not article and not replay:
                retry.extend((message["site"], u) for u in urls)
        if replay:
            logger.info("batch %s was committed before the writer stopped: clearing it", digest[:12])
        else:
            for stages in self.sites.values():
                stages.templates.save()
            self.archive.conn.execute(f"INSERT INTO {STATE_TABLE} (key, value) VALUES ('last_batch', ?) "
                                      "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (digest,))
            self._commit()
        pipe = self.server.pipeline(transaction=True)
        if done:
            pipe.hdel(d.LEDGER, *done)
        for site, url in retry:
            pipe.srem(d.key(site, "dupefilter"), d.fingerprint(url))
        if dead:
            pipe.lpush(d.DEAD, *(m["raw"] for m in dead))
        pipe.delete(d.PROCESSING)
        pipe.execute()
        self.written += len(messages) - len(dead)
        self.dead += len(dead)
        return len(messages)

    def run(self, until_idle: float | None = None) -> None:
        idle_since = time.monotonic()
        while not self.stop:
            if self.drain_once():
                idle_since = time.monotonic()
                continue
            if until_idle is not None and time.monotonic() - idle_since >= until_idle:
                break
            time.sleep(0.2)

    def close(self, reason: str = "finished") -> None:
        try:
            for stages in self.sites.values():
                stages.close(reason)
        finally:
            self._committer.shutdown(wait=True)
            self.checkpointer.close()      # before the archive's connection, the last, which checkpoints
            self.archive.release()


def run_writer(redis_url: str, db: str, *, until_idle: float | None = None, batch: int = 500,
               wait: float = 0.0) -> int:
    from crawler import outcomes
    from crawler.storage import ArchiveBusy

    try:
        server = d.connect_checked(redis_url)
    except d.RedisUnavailable as exc:
        print(exc, file=sys.stderr)
        return outcomes.EXIT_USAGE
    try:
        writer = Writer(server, db, batch=batch, wait=wait)
    except ArchiveBusy as exc:
        print(exc)
        return outcomes.EXIT_LOCKED

    def _stop(signum, frame):
        writer.stop = True

    previous = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
    started = time.monotonic()
    reason, code = "finished", outcomes.EXIT_OK
    try:
        writer.run(until_idle)
    except WriterStorageError as exc:
        logger.error("could not store: %s; the batch stays in Redis", exc)
        reason, code = "storage_error", outcomes.EXIT_STORAGE
    except redis.RedisError as exc:
        # What was committed is committed; a batch moved but not cleared is finished on restart.
        logger.error("lost Redis: %s; restart the writer when Redis is back (nothing is lost)", exc)
        reason, code = "redis_error", outcomes.EXIT_ERROR
    else:
        if writer.dead:
            code = outcomes.EXIT_FAILED_PAGES
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        writer.close(reason if not writer.stop else "shutdown")
    seconds = time.monotonic() - started
    print(f"writer: {writer.written} messages into {db} in {seconds:.1f} s"
          + (f"; {writer.dead} it could not store kept in {d.DEAD}" if writer.dead else ""))
    return code


# --- recover ------------------------------------------------------------------------------------
def live_workers(server) -> dict[str, int]:
    out = {}
    for name in server.scan_iter(match=f"{d.PREFIX}:*:workers"):
        n = server.zcount(name, time.time(), "+inf")
        if n:
            out[name.decode().split(":")[1]] = n
    return out


def recover(server, *, wait: float = d.HEARTBEAT_TTL + 1) -> dict:
    """Re-enqueue the ledger's URLs that are neither in a site's shared queue nor in a message
    waiting for the writer: the requests killed workers held in memory. Run it with no worker
    running (it waits ``wait`` seconds for the heartbeats of killed workers to expire)."""
    deadline = time.monotonic() + wait
    while live_workers(server) and time.monotonic() < deadline:
        time.sleep(0.5)
    live = live_workers(server)
    if live:
        raise RuntimeError(f"workers are still running ({live}): stop them before recover")
    pending: set[str] = set()
    for name in (d.ITEMS, d.PROCESSING):
        for raw in server.lrange(name, 0, -1):
            message = _decode(raw)      # an unreadable one will not be stored: its URLs are wanted
            if message["kind"] != "unreadable":
                pending.update(message.get("ledger") or [message.get("url")])
    queued: dict[str, set[str]] = {}
    counts: Counter = Counter()
    for url, entry in server.hscan_iter(d.LEDGER):
        url = url.decode()
        if url in pending:
            continue
        entry = json.loads(entry)
        site = entry["site"]
        if site not in queued:
            queued[site] = {d.JsonSerializer.loads(r)["url"] for r in server.zrange(d.key(site, "requests"), 0, -1)}
        if url in queued[site]:
            continue
        request = d.JsonSerializer.loads(entry["request"])
        request["dont_filter"] = True
        server.execute_command("ZADD", d.key(site, "requests"), -int(request.get("priority") or 0),
                               d.JsonSerializer.dumps(request))
        queued[site].add(url)
        counts[site] += 1
    return dict(counts)
