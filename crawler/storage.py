"""The archive: one SQLite file written through sqlite-utils.

Tables (see the README for every column):

``sites``            one row per registry entry
``articles``         one row per article, keyed by its canonical URL; the current version
``article_versions`` earlier versions of articles whose text changed between crawls
``pages``            every URL the crawler fetched or was refused, with its outcome
``captures``         each distinct fetched page, for re-extraction: where its WARC record is (file,
                     offset, length, payload digest), or the decoded HTML (zlib) for captures
                     made before WARC writing or with it off
``warc_records``     every response/revisit record written to the WARC files (see crawler.warc)
``crawl_runs``       one row per crawl of one site, with its counts
``articles_fts``     FTS5 index over title and body_text, kept in sync by triggers
``articles_search``  the Kazakh-aware search index (folded text, newest-first keys): crawler/search.py

Writing is idempotent: storing the same article twice changes only ``last_seen``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from crawler import syndication
from crawler.quality import body_lost, worse_text_reason
from crawler.record import ArticleRecord
from crawler.search import FOLD_VERSION, search_fold, search_meta
from crawler.templates import SiteTemplates
from crawler.text import collapse_whitespace

SCHEMA_VERSION = 9   # 2: crawl_runs.kind (crawl | reextract); 3: articles_fts_pending; 4: columns from ArticleRecord;
                     # 5: syndication (cluster columns, near_dup_* tables, edition_refs, article_links);
                     # 6: articles_search, the script-folded search index (docs/search.md);
                     # 7: WARC: captures.warc_file/warc_offset/warc_length/payload_digest, pages.capture_id, warc_records;
                     # 8: takedowns: articles.status, gone_at, gone_reason; 9: pages.etag, last_modified
# Articles this archive writes are indexed in one statement per batch, just before it commits:
# FTS5 writes an index segment for every statement that fires its triggers, which made the insert
# trigger 0.4 ms an article, half of the storage time. The triggers stay, so whoever else writes to
# the archive keeps the index right; the insert trigger skips the canonical URLs listed here, which
# the batch indexes itself. The table is empty whenever no batch is open.
FTS_PENDING = "articles_fts_pending"
_INSERT_TRIGGER = f"""CREATE TRIGGER "articles_ai" AFTER INSERT ON "articles"
  WHEN NOT EXISTS (SELECT 1 FROM {FTS_PENDING} WHERE canonical_url = new.canonical_url) BEGIN
  INSERT INTO "articles_fts" (rowid, "title", "body_text") VALUES (new.rowid, new."title", new."body_text");
END"""
# Only a new title or text changes the index: re-sightings update last_seen on every crawl.
_UPDATE_TRIGGER = """CREATE TRIGGER "articles_au" AFTER UPDATE OF "title", "body_text" ON "articles" BEGIN
  INSERT INTO "articles_fts" ("articles_fts", rowid, "title", "body_text")
    VALUES('delete', old.rowid, old."title", old."body_text");
  INSERT INTO "articles_fts" (rowid, "title", "body_text") VALUES (new.rowid, new."title", new."body_text");
END"""


# The search index (docs/search.md#the-index): a contentless FTS5 table over the folded title and
# body (the text itself stays only in ``articles``), whose rowid is a key that sorts by time:
# (minutes since 1970 of published_utc, else first_seen) << 32 | articles.id. "Newest matches
# first" is then FTS5's own rowid order, read backwards and stopped after LIMIT rows.
# Folding runs in Python, so triggers (which any writer fires, with or without our functions)
# only queue what changed; the archive indexes the queue in two statements when a batch commits,
# and when it is opened (rows another program wrote meanwhile).
SEARCH = "articles_search"
SEARCH_QUEUE = "articles_search_queue"
SEARCH_STATE = "articles_search_state"
FTS_HASH_BYTES = 4 * 1024 * 1024    # both indexes' pending terms, written out at most once a batch: _fts_hash_size


def search_key_sql(row: str) -> str:
    """SQL for the search key of the articles row ``row`` (``new``, ``old``, a table alias)."""
    return (f"((max(0, coalesce(CAST(strftime('%s', coalesce({row}.published_utc, {row}.first_seen)) AS INTEGER), 0))"
            f" / 60) << 32) | {row}.id")


SEARCH_KEY_ID = "4294967295"     # key & this = articles.id
_SEARCH_TRIGGERS = {
    "articles_search_ai": f"""CREATE TRIGGER "articles_search_ai" AFTER INSERT ON "articles" BEGIN
  INSERT INTO {SEARCH_QUEUE} (id) VALUES (new.id);
END""",
    "articles_search_au": f"""CREATE TRIGGER "articles_search_au"
  AFTER UPDATE OF title, body_text, published_utc, first_seen, site, language ON "articles" BEGIN
  INSERT INTO {SEARCH_QUEUE} (id, key, title, body_text, site, language)
    VALUES (old.id, {search_key_sql("old")}, old.title, old.body_text, old.site, old.language);
  INSERT INTO {SEARCH_QUEUE} (id) VALUES (new.id);
END""",
    "articles_search_ad": f"""CREATE TRIGGER "articles_search_ad" AFTER DELETE ON "articles" BEGIN
  INSERT INTO {SEARCH_QUEUE} (id, key, title, body_text, site, language)
    VALUES (old.id, {search_key_sql("old")}, old.title, old.body_text, old.site, old.language);
END""",
}



def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content_hash(title: str | None, body_text: str | None) -> str:
    """What makes two fetches "the same article text": title and body, whitespace-normalised."""
    norm = collapse_whitespace(f"{title or ''}\n{body_text or ''}")
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def pack_capture(html: str, blob: bool = True) -> tuple[str, int, bytes | None]:
    """``(sha1, size in bytes, zlib blob)`` of a decoded page, as stored in ``captures``; with
    ``blob=False`` no blob (the page's bytes are in its WARC record)."""
    data = html.encode("utf-8", "surrogatepass")
    return hashlib.sha1(data).hexdigest(), len(data), zlib.compress(data, 1) if blob else None


class CaptureUnreadable(ValueError):
    """A capture whose bytes cannot be read back (damaged blob, missing or truncated WARC file)."""


# Where a capture's WARC record is (captures columns, also the keys of a response's meta["warc"]).
WARC_COLUMNS = {"warc_file": str, "warc_offset": int, "warc_length": int, "payload_digest": str}
WARC_RECORD_COLUMNS = {
    "id": int, "site": str, "url": str, "fetched_at": str, "warc_date": str, "status": int, "mime": str,
    "warc_type": str, "record_id": str, "warc_file": str, "warc_offset": int, "warc_length": int,
    "payload_digest": str, "refers_to": str, "discovered_via": str, "via_url": str, "crawl_run_id": int,
}


# The articles table: the record's own fields, plus what the archive keeps about each article.
ARCHIVE_COLUMNS = {
    "content_hash": str,     # SHA-256 of title + body, whitespace-normalised
    "version": int,          # 1, then +1 each time the text changed (older texts in article_versions)
    "first_seen": str, "last_seen": str,   # UTC fetch times (a re-extraction moves neither)
    "capture_id": int,       # the capture the current text was read from
    "crawl_run_id": int,     # the run that last wrote it
    # copies of one story (crawler/syndication.py, docs/syndication.md)
    "cluster_id": int,       # the smallest article id of its cluster of copies; NULL: no copy archived
    "duplicate_of": int,     # the cluster's earliest copy (published_utc, then first_seen); NULL on that one
    "similarity": float,     # estimated Jaccard of the body to the earliest copy's (1.0: exact copy)
    # takedowns: the row is never deleted; a re-visit that finds the article again clears them
    "status": str,           # NULL: live as far as we know; "gone": a re-visit answered 404/410
    "gone_at": str,          # when the re-visit found it gone (UTC)
    "gone_reason": str,      # e.g. "HTTP 410"
}
ARCHIVE_CACHE_KIB = 64 * 1024
ARTICLE_COLUMNS = {"id": int, **ArticleRecord.columns(), **ARCHIVE_COLUMNS}


class StorageError(RuntimeError):
    """The archive cannot be written (disk full, read-only, not a database, locked for too long).
    ``str()`` is one line for the operator."""


class ArchiveBusy(RuntimeError):
    """Another process holds the archive's writer lock (``<archive>.lock``)."""


class WriterLock:
    """One writing run per archive: an exclusive ``flock`` on ``<archive>.lock``, held by the
    process while it writes and released by the kernel when the process ends, even on SIGKILL.
    The file says which process holds it."""

    def __init__(self, db_path: str | Path):
        self.path = f"{db_path}.lock"
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
                    os.close(fd)
                    raise ArchiveBusy(f"{self.path[:-5]} is being written by another run (pid {holder}); "
                                      "try again later or pass --wait SECONDS") from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)          # closing the descriptor drops the flock
            self._fd = None


class Archive:
    """A handle on ``archive.db``. Writes are batched: call :meth:`commit` (or close) to flush."""

    # Handles shared within this process, by path: see acquire().
    _shared: dict[str, tuple["Archive", int]] = {}

    @classmethod
    def acquire(cls, path: str | Path, *, wait: float = 0.0) -> "Archive":
        """The process's writing handle on the archive at ``path``; give it back with
        :meth:`release`. Several crawlers in one process (one per site) write through one
        connection: two connections on the one reactor thread would each wait on the other's
        open batch and stall the crawl.

        The first acquire in a process takes the archive's :class:`WriterLock` (waiting up to
        ``wait`` seconds; :class:`ArchiveBusy` after that) and closes the run rows a killed run
        left open."""
        key = str(Path(path).resolve())
        archive, users = cls._shared.get(key, (None, 0))
        if archive is None:
            lock = WriterLock(path)
            lock.acquire(wait)
            try:
                archive = cls(path)
                archive._lock = lock
                archive.close_killed_runs()
            except BaseException:
                lock.release()
                raise
        cls._shared[key] = (archive, users + 1)
        return archive

    def release(self) -> None:
        """Flush; close the handle once its last user has released it."""
        key = str(Path(self.path).resolve())
        archive, users = self._shared.get(key, (None, 0))
        if archive is not self:
            self.close()
            return
        if users <= 1:
            del self._shared[key]
            try:
                self.close()
            finally:
                self._lock.release()
        else:
            self._shared[key] = (self, users - 1)
            self.commit()

    def __init__(self, path: str | Path, *, batch_size: int = 200, batch_seconds: float = 2.0):
        self.path = str(path)
        # timeout: wait up to 10 s for another writer (also for the WAL switch and the schema check)
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
        self.db = sqlite_utils.Database(self.conn)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        # 64 MB of page cache (SQLite's default is 2 MB): the near-duplicate and search indexes are
        # read at random for every new article; with 2 MB a 100,000-article archive re-reads their
        # pages from the OS on each insert
        self.conn.execute(f"PRAGMA cache_size=-{ARCHIVE_CACHE_KIB}")
        self.batch_size, self.batch_seconds = batch_size, batch_seconds
        self._lock: WriterLock | None = None
        self.last_refusal: str | None = None     # why the last store_article kept the stored text
        self.last_gone: str | None = None        # and why it marked the article gone, if it did
        # What each run wrote, counted when it is committed (crawl_runs says what was stored):
        # {(run_id, "article", outcome) | (run_id, "page", outcome): n}
        self.committed: Counter = Counter()
        self._uncommitted: Counter = Counter()
        self._pending, self._batch_started = 0, 0.0
        self._fts_pending = False      # this batch inserted articles the index does not hold yet
        self._search_ready = False     # articles_search and its queue exist (ensure_schema)
        self._folded: dict[str, str] = {}        # read_ahead's texts and their folds
        self._hashed: dict[tuple, str] = {}      # read_ahead's (title, body) and their content hashes
        self._warc_reader = None
        self._insert_sql: dict[tuple, str] = {}
        self.ensure_schema()

    # --- schema --------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        db = self.db
        if "sites" not in db.table_names():
            db["sites"].create({
                "key": str, "name": str, "base_url": str, "domains": str, "region": str,
                "languages": str, "cms": str, "timezone": str, "verified": int,
            }, pk="key")
        if "crawl_runs" not in db.table_names():
            db["crawl_runs"].create({
                "id": int, "site": str, "kind": str, "started_at": str, "finished_at": str, "finish_reason": str,
                "incremental": int, "requests": int, "responses": int, "articles_new": int,
                "articles_changed": int, "articles_unchanged": int, "duplicates": int,
                "skipped": int, "errors": int, "stats": str,
            }, pk="id", foreign_keys=[("site", "sites", "key")])
        elif "kind" not in db["crawl_runs"].columns_dict:     # archives written before re-extraction
            db["crawl_runs"].add_column("kind", str)
            db.execute("UPDATE crawl_runs SET kind='crawl' WHERE kind IS NULL")
        if "captures" not in db.table_names():
            db["captures"].create({
                "id": int, "url": str, "fetched_at": str, "status": int, "encoding": str,
                "sha1": str, "size": int, "html_zlib": bytes, "crawl_run_id": int, **WARC_COLUMNS,
            }, pk="id")
            db["captures"].create_index(["url", "sha1"], unique=True)
        else:                  # archives from before WARC writing: their captures keep html_zlib
            present = db["captures"].columns_dict
            for name, kind in WARC_COLUMNS.items():
                if name not in present:
                    db["captures"].add_column(name, kind)
        if "warc_records" not in db.table_names():
            db["warc_records"].create(WARC_RECORD_COLUMNS, pk="id")
            db["warc_records"].create_index(["payload_digest"])
            db["warc_records"].create_index(["site", "fetched_at"])
            db["warc_records"].create_index(["record_id"])
        if "articles" not in db.table_names():
            db["articles"].create(ARTICLE_COLUMNS, pk="id", not_null={"site", "url", "canonical_url"},
                                  foreign_keys=[("site", "sites", "key")])
            db["articles"].create_index(["canonical_url"], unique=True)
            db["articles"].create_index(["site", "published_utc"])
            db["articles"].create_index(["content_hash"])
            self._enable_fts()
        else:
            # an archive from an older version: a record field added since is a new, empty column
            present = db["articles"].columns_dict
            for name, kind in ARTICLE_COLUMNS.items():
                if name not in present:
                    db["articles"].add_column(name, kind)
        if "article_versions" not in db.table_names():
            db["article_versions"].create({
                "id": int, "article_id": int, "version": int, "title": str, "published": str,
                "body_text": str, "content_hash": str, "first_seen": str, "last_seen": str, "replaced_at": str,
            }, pk="id", foreign_keys=[("article_id", "articles", "id")])
        if "pages" not in db.table_names():
            db["pages"].create({
                "url": str, "site": str, "outcome": str, "reason": str, "http_status": int,
                "article_id": int, "first_fetched": str, "last_fetched": str, "fetch_count": int,
                "crawl_run_id": int, "capture_id": int, "etag": str, "last_modified": str,
            }, pk="url")
            db["pages"].create_index(["site", "outcome"])
        else:
            # capture_id: schema 7; etag, last_modified (the validators of conditional re-visits): 9
            for name in ("capture_id", "etag", "last_modified"):
                if name not in db["pages"].columns_dict:
                    db["pages"].add_column(name, int if name == "capture_id" else str)
        syndication.ensure_schema(self.conn)
        self._defer_fts()
        self._ensure_search()
        SiteTemplates.ensure_schema(db)
        self._fts_hash_size()
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _fts_hash_size(self) -> None:
        """FTS5 writes its pending terms out as a new index segment each time they pass its hash
        size (1 MB unless set): a writer batch of 500 articles made several segments per statement
        in the trigram index, and merging them cost a quarter of its indexing time. The setting is
        kept in each index's ``_config`` table; nothing else about the index changes."""
        for table in ("articles_fts", SEARCH):
            row = self.conn.execute(f"SELECT v FROM {table}_config WHERE k='hashsize'").fetchone()
            if row is None or row[0] != FTS_HASH_BYTES:
                self.conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?)", (FTS_HASH_BYTES,))

    def _enable_fts(self) -> None:
        # Trigram matches inside words: Kazakh is agglutinative ("ауыл" must find "ауылдарында").
        try:
            self.db["articles"].enable_fts(["title", "body_text"], create_triggers=True, tokenize="trigram")
        except sqlite3.OperationalError:  # SQLite < 3.34 has no trigram tokenizer
            self.db["articles"].enable_fts(["title", "body_text"], create_triggers=True)

    def _defer_fts(self) -> None:
        """The pending table, the insert trigger that skips it and the update trigger that fires
        on new text only (archives from before get them here); rows a crashed batch left pending
        are indexed now."""
        self.conn.execute(f"CREATE TABLE IF NOT EXISTS {FTS_PENDING} (canonical_url TEXT PRIMARY KEY)")
        triggers = (("articles_ai", _INSERT_TRIGGER, FTS_PENDING), ("articles_au", _UPDATE_TRIGGER, "UPDATE OF"))
        for name, sql, mark in triggers:
            (current,) = self.conn.execute(
                "SELECT sql FROM sqlite_master WHERE type='trigger' AND name=?", (name,)).fetchone()
            if mark not in current:
                self.conn.execute(f'DROP TRIGGER "{name}"')
                self.conn.execute(sql)
        self._fts_pending = self.conn.execute(f"SELECT 1 FROM {FTS_PENDING} LIMIT 1").fetchone() is not None
        if self._fts_pending:
            self._write()
            self.commit()

    def _index_pending(self) -> None:
        """Index the articles this batch inserted, in one statement."""
        self.conn.execute(
            f"""INSERT INTO articles_fts (rowid, title, body_text)
                SELECT a.id, a.title, a.body_text FROM articles a JOIN {FTS_PENDING} p USING (canonical_url)""")
        self.conn.execute(f"DELETE FROM {FTS_PENDING}")
        self._fts_pending = False

    # --- the search index (docs/search.md) ------------------------------------------------------
    def _ensure_search(self) -> None:
        """Create ``articles_search`` (or rebuild it when the fold changed) and index what the queue
        holds: on an archive from before, every article (a build on first open, about 1 ms an article)."""
        conn = self.conn
        conn.create_function("kz_fold", 1, self._fold, deterministic=True)
        conn.create_function("kz_meta", 2, search_meta, deterministic=True)
        conn.execute(f"CREATE TABLE IF NOT EXISTS {SEARCH_STATE} (fold_version INTEGER)")
        state = conn.execute(f"SELECT fold_version FROM {SEARCH_STATE}").fetchone()
        tables = set(self.db.table_names())
        if state is None or state[0] != FOLD_VERSION or SEARCH not in tables:
            self._write()
            for name in _SEARCH_TRIGGERS:
                conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
            conn.execute(f"DROP TABLE IF EXISTS {SEARCH}")
            conn.execute(f"DROP TABLE IF EXISTS {SEARCH_QUEUE}")
            # contentless (content=''): the folded text is not stored a second time; columnsize=0:
            # results are ordered by time, not bm25, so per-row column sizes are not needed.
            conn.execute(f"""CREATE VIRTUAL TABLE {SEARCH} USING fts5(title, body, meta, content='',
                             columnsize=0, tokenize='unicode61 remove_diacritics 2', prefix='3')""")
            conn.execute(f"""CREATE TABLE {SEARCH_QUEUE} (seq INTEGER PRIMARY KEY, id INTEGER NOT NULL,
                             key INTEGER, title TEXT, body_text TEXT, site TEXT, language TEXT)""")
            for sql in _SEARCH_TRIGGERS.values():
                conn.execute(sql)
            conn.execute(f"INSERT INTO {SEARCH_QUEUE} (id) SELECT id FROM articles")
            conn.execute(f"DELETE FROM {SEARCH_STATE}")
            conn.execute(f"INSERT INTO {SEARCH_STATE} VALUES (?)", (FOLD_VERSION,))
        self._search_ready = True
        if conn.execute(f"SELECT 1 FROM {SEARCH_QUEUE} LIMIT 1").fetchone():
            self._write()
            self._index_search()
            self.commit()

    def read_ahead(self, records) -> None:
        """Work out, ahead, what storing these records will need of their text: the search index's
        folds of titles and bodies and the content hashes, so that storing them is lookups. Each
        call replaces the previous records. The writer calls it on its own thread while SQLite
        commits the batch before on another (crawler/redis_writer.py): there this Python costs no
        time the writer waits for. A text changed meanwhile (a learned template took lines off a
        body) is a miss and worked out when stored."""
        records = list(records)
        self._folded = {text: search_fold(text) for r in records for text in (r.title, r.body_text) if text}
        self._hashed = {(r.title, r.body_text): content_hash(r.title, r.body_text) for r in records}

    def _content_hash(self, record: ArticleRecord) -> str:
        known = self._hashed.get((record.title, record.body_text))
        return content_hash(record.title, record.body_text) if known is None else known

    def _fold(self, text: str | None) -> str:
        """``kz_fold`` in SQL: :func:`search_fold`, read from what :meth:`read_ahead` folded when there."""
        folded = self._folded.get(text) if text else None
        return search_fold(text) if folded is None else folded

    def _index_search(self) -> None:
        """Bring ``articles_search`` up to date with the queue, in two statements. For each queued
        article, its first queued row says what the index holds: old values (an update or delete
        queued them: they are taken out) or none (an insert); then the article as it is now, if
        it still exists, goes in. Both in key order: FTS5 flushes its pending terms into a new
        segment whenever a rowid is lower than the one before, and keys sort by date, not by id
        (in id order a batch made a segment every few articles: twice the time)."""
        conn = self.conn
        conn.execute(f"""INSERT INTO {SEARCH} ({SEARCH}, rowid, title, body, meta)
            SELECT 'delete', q.key, kz_fold(q.title), kz_fold(q.body_text), kz_meta(q.site, q.language)
            FROM {SEARCH_QUEUE} q JOIN (SELECT min(seq) AS seq FROM {SEARCH_QUEUE} GROUP BY id) f USING (seq)
            WHERE q.key IS NOT NULL ORDER BY q.key""")
        conn.execute(f"""INSERT INTO {SEARCH} (rowid, title, body, meta)
            SELECT {search_key_sql("a")} AS key, kz_fold(a.title), kz_fold(a.body_text), kz_meta(a.site, a.language)
            FROM articles a WHERE a.id IN (SELECT id FROM {SEARCH_QUEUE}) ORDER BY key""")
        conn.execute(f"DELETE FROM {SEARCH_QUEUE}")

    # --- transactions ----------------------------------------------------------------------
    # A batch takes the write lock when it starts (BEGIN IMMEDIATE): a foreign writer (a manual
    # UPDATE, a tool) then makes it wait busy_timeout at the start, where nothing is lost. A
    # deferred BEGIN that reads first gets "database is locked" at its first write at once, and
    # the batch's items with it.
    BEGIN_TRIES = 3

    def _write(self) -> None:
        if not self.conn.in_transaction:
            for attempt in range(1, self.BEGIN_TRIES + 1):
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if attempt == self.BEGIN_TRIES or "locked" not in str(exc):
                        raise StorageError(f"cannot write {self.path}: {exc}") from exc
            self._batch_started = time.monotonic()

    def _wrote(self) -> None:
        self._pending += 1
        if self._pending >= self.batch_size or time.monotonic() - self._batch_started > self.batch_seconds:
            self.commit()

    @contextmanager
    def batch(self):
        """Run some writes inside the current batch (for stages that keep tables of their own)."""
        self._write()
        yield self.conn
        self._wrote()

    def index_search_queue(self) -> None:
        """Index the search queue now, before :meth:`commit` (which would). The writer does this part
        itself because the fold is Python: it then runs the rest of the commit, SQLite's C code
        alone, in a thread (:mod:`crawler.redis_writer`)."""
        if self._search_ready and self.conn.execute(f"SELECT 1 FROM {SEARCH_QUEUE} LIMIT 1").fetchone():
            self._index_search()

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.index_search_queue()
            if self._fts_pending:
                self._index_pending()
            self.conn.execute("COMMIT")
        self.committed.update(self._uncommitted)
        self._uncommitted.clear()
        self._pending = 0

    def rollback(self) -> None:
        """Drop the open batch (after a failed write): its pages have no ``pages`` row, so the
        next incremental crawl fetches them again."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self._uncommitted.clear()
        self._pending, self._fts_pending = 0, False

    def close(self) -> None:
        try:
            self.commit()
        finally:
            if self._warc_reader is not None:
                self._warc_reader.close()
            self.conn.close()

    def _insert(self, table: str, row: dict) -> int:
        """Plain INSERT on the hot path (sqlite-utils' insert re-reads the schema on every call)."""
        key = (table, *row)
        sql = self._insert_sql.get(key)
        if sql is None:
            cols = ", ".join(f'"{c}"' for c in row)
            sql = self._insert_sql[key] = f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" * len(row))})'
        return self.conn.execute(sql, list(row.values())).lastrowid

    # --- sites and runs ----------------------------------------------------------------------
    def upsert_site(self, row: dict) -> None:
        self._write()
        row = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, tuple)) else v) for k, v in row.items()}
        self.db["sites"].upsert(row, pk="key")
        self.commit()

    def start_run(self, site: str, *, incremental: bool, kind: str = "crawl") -> int:
        """Open a ``crawl_runs`` row: ``kind`` is ``crawl`` (pages fetched from the site) or
        ``reextract`` (pages read again from their captures)."""
        self._write()
        run_id = self.db["crawl_runs"].insert(
            {"site": site, "kind": kind, "started_at": utc_now(), "incremental": int(incremental)}
        ).last_pk
        self.commit()
        return run_id

    def close_killed_runs(self) -> int:
        """Run rows still open when the writer lock is free were left by a killed process."""
        self._write()
        cur = self.conn.execute("UPDATE crawl_runs SET finished_at=?, finish_reason='killed' "
                                "WHERE finished_at IS NULL", (utc_now(),))
        self.commit()
        return cur.rowcount

    def finish_run(self, run_id: int, **counts) -> None:
        self._write()
        counts = {k: (json.dumps(v, default=str) if isinstance(v, dict) else v) for k, v in counts.items()}
        self.db["crawl_runs"].update(run_id, {"finished_at": utc_now(), **counts})
        self.commit()

    # --- captures and pages ------------------------------------------------------------------
    def store_capture(self, *, url, html=None, packed=None, encoding, status, fetched_at, crawl_run_id=None,
                      warc: dict | None = None) -> int:
        """Keep the fetched page (``html``, or ``packed`` by :func:`pack_capture` already); an
        identical re-fetch points at the existing capture. ``warc`` (``WARC_COLUMNS``) is the
        record holding the page's bytes: then no zlib blob is kept (``html_zlib`` is NULL). An
        older capture without a record gains this one's."""
        sha1, size, blob = packed if packed is not None else pack_capture(html, blob=warc is None)
        existing = self.conn.execute("SELECT id, warc_file FROM captures WHERE url=? AND sha1=?", (url, sha1)).fetchone()
        if existing:
            if warc and existing[1] is None:
                self._write()
                self.conn.execute("UPDATE captures SET warc_file=?, warc_offset=?, warc_length=?, payload_digest=? "
                                  "WHERE id=?", (*(warc[k] for k in WARC_COLUMNS), existing[0]))
                self._wrote()
            return existing[0]
        self._write()
        row = {"url": url, "fetched_at": fetched_at, "status": status, "encoding": encoding, "sha1": sha1,
               "size": size, "html_zlib": None if warc else blob, "crawl_run_id": crawl_run_id}
        if warc:
            row.update({k: warc[k] for k in WARC_COLUMNS})
        cap_id = self._insert("captures", row)
        self._wrote()
        return cap_id

    def capture_html(self, capture_id: int) -> str:
        """The page text of a capture: its zlib blob, or else its WARC record decoded as the
        crawl decoded the response (:func:`crawler.warc.decode_capture`). Raises
        :class:`CaptureUnreadable`."""
        row = self.conn.execute("SELECT url, status, html_zlib, warc_file, warc_offset, warc_length "
                                "FROM captures WHERE id=?", (capture_id,)).fetchone()
        if row is None:
            raise CaptureUnreadable(f"no capture {capture_id}")
        url, status, blob, warc_file, offset, length = row
        try:
            if blob is not None:
                return zlib.decompress(blob).decode("utf-8", "surrogatepass")
            if warc_file is None:
                raise CaptureUnreadable("neither a blob nor a WARC record")
            from crawler.warc import decode_capture

            _, http, body, ctype = self.warc_reader.record(warc_file, offset, length)
            return decode_capture(url, status, http, body, ctype)[0]
        except (zlib.error, UnicodeDecodeError, OSError, ValueError, StopIteration) as exc:
            if isinstance(exc, CaptureUnreadable):
                raise
            raise CaptureUnreadable(f"{type(exc).__name__}: {exc}") from exc

    @property
    def warc_reader(self):
        if self._warc_reader is None:
            from crawler.warc import WarcReader

            self._warc_reader = WarcReader(self.path)
        return self._warc_reader

    # --- WARC records ----------------------------------------------------------------------------
    def store_warc_record(self, row: dict) -> int:
        """One ``warc_records`` row (written by :class:`crawler.warc.WarcRecorder`)."""
        self._write()
        rec_id = self._insert("warc_records", row)
        self._wrote()
        return rec_id


    def record_page(self, url, *, site, outcome, reason=None, http_status=None, article_id=None,
                    crawl_run_id=None, when=None, fetched: bool = True, capture_id=None,
                    etag=None, last_modified=None) -> None:
        """The page's latest outcome. ``fetched=False`` (a re-extraction from the capture) updates
        the outcome but counts no fetch: ``last_fetched``, ``fetch_count`` and ``http_status`` stay.
        ``etag``/``last_modified``: the response's validators, sent back on the next re-visit."""
        when = when or utc_now()
        self._write()
        refetch = ("http_status=excluded.http_status, last_fetched=excluded.last_fetched, "
                   "fetch_count=pages.fetch_count + 1," if fetched else "")
        self.conn.execute(
            f"""INSERT INTO pages (url, site, outcome, reason, http_status, article_id, first_fetched,
                                  last_fetched, fetch_count, crawl_run_id, capture_id, etag, last_modified)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
               ON CONFLICT(url) DO UPDATE SET outcome=excluded.outcome, reason=excluded.reason,
                   article_id=COALESCE(excluded.article_id, pages.article_id), {refetch}
                   crawl_run_id=excluded.crawl_run_id,
                   capture_id=COALESCE(excluded.capture_id, pages.capture_id),
                   etag=COALESCE(excluded.etag, pages.etag),
                   last_modified=COALESCE(excluded.last_modified, pages.last_modified)""",
            (url, site, outcome, reason, http_status, article_id, when, when, crawl_run_id, capture_id,
             etag, last_modified),
        )
        self._uncommitted[(crawl_run_id, "page", outcome)] += 1
        self._wrote()

    def _seen(self, article_id: int, seen_at: str) -> None:
        # max(): a capture replayed late, or runs finishing out of order, never move last_seen back;
        # an article seen again is no longer gone
        self.conn.execute("UPDATE articles SET last_seen=max(coalesce(last_seen, ''), ?), status=NULL, gone_at=NULL, "
                          "gone_reason=NULL WHERE id=?", (seen_at, article_id))

    def page_validators(self, site: str) -> dict[str, tuple[str | None, str | None]]:
        """``{url: (etag, last_modified)}`` of the site's archived article pages that sent either:
        a re-visit asks ``If-None-Match``/``If-Modified-Since`` and an unchanged page costs a 304."""
        rows = self.conn.execute(
            "SELECT url, etag, last_modified FROM pages WHERE site=? AND outcome='article' "
            "AND (etag IS NOT NULL OR last_modified IS NOT NULL)", (site,))
        return {url: (etag, lm) for url, etag, lm in rows}

    def not_modified(self, url: str, *, site: str, seen_at: str, crawl_run_id=None) -> int | None:
        """A conditional re-visit answered 304: the archived article was seen again, unchanged
        (``last_seen`` moves, the page counts a fetch). Its id, or None when no article is archived
        for ``url``."""
        row = self.conn.execute("SELECT article_id FROM pages WHERE url=? AND article_id IS NOT NULL",
                                (url,)).fetchone()
        if row is None:
            return None
        self._write()
        self._seen(row[0], seen_at)
        self._uncommitted[(crawl_run_id, "article", "unchanged")] += 1
        self._pending += 1
        self.record_page(url, site=site, outcome="article", reason="not modified (304)", http_status=304,
                         article_id=row[0], crawl_run_id=crawl_run_id, when=seen_at)
        return row[0]

    def mark_gone(self, url: str, reason: str, when: str | None = None) -> int | None:
        """A tombstone, never a deletion: the archived article fetched from (or canonical at)
        ``url`` is marked ``status = 'gone'`` with when and why. Returns its id, or None when
        ``url`` names no archived article (or it was already marked)."""
        self._write()
        row = self.conn.execute(
            "SELECT id FROM articles WHERE canonical_url=? UNION "
            "SELECT article_id FROM pages WHERE url=? AND article_id IS NOT NULL LIMIT 1", (url, url)).fetchone()
        if row is None:
            return None
        return row[0] if self._tombstone(row[0], reason, when or utc_now()) else None

    def _tombstone(self, article_id: int, reason: str, when: str) -> bool:
        """Mark the article gone; False when it already was (the first finding's when and why stay)."""
        cur = self.conn.execute(
            "UPDATE articles SET status='gone', gone_at=?, gone_reason=? WHERE id=? AND status IS NOT 'gone'",
            (when, reason, article_id))
        self._pending += 1
        return cur.rowcount > 0

    def latest_captures(self, site: str):
        """For each page of ``site`` with a capture, its latest capture, joined with what the archive
        knows of the page's article (how it was discovered, a feed's date): the input of a
        re-extraction. Rows are dicts, oldest capture first; the HTML is read by :meth:`capture_html`."""
        cur = self.conn.execute(
            """SELECT c.id, c.url, c.encoding, c.status, c.fetched_at,
                      a.discovered_via, a.published_source, a.published_text
               FROM captures c
               JOIN (SELECT url, max(id) AS id FROM captures GROUP BY url) latest ON latest.id = c.id
               JOIN pages p ON p.url = c.url
               LEFT JOIN articles a ON a.id = p.article_id
               WHERE p.site = ?
               ORDER BY c.id""", (site,))
        names = [d[0] for d in cur.description]
        for values in cur:
            yield dict(zip(names, values))

    def has_article(self, canonical_url: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE canonical_url=?", (canonical_url,)).fetchone() is not None

    def known_article_urls(self, site: str) -> set[str]:
        """URLs that already gave an article: an incremental crawl does not fetch them again."""
        rows = self.conn.execute(
            "SELECT url FROM pages WHERE site=? AND outcome='article' "
            "UNION SELECT canonical_url FROM articles WHERE site=?", (site, site))
        return {r[0] for r in rows}

    # --- articles ------------------------------------------------------------------------------
    def store_article(self, record: ArticleRecord, *, capture_id: int | None = None,
                      crawl_run_id: int | None = None, seen_at: str | None = None,
                      sighting: bool = True) -> tuple[str, int]:
        """Insert or refresh one article. Returns ``(outcome, article_id)``.

        outcome: ``new``; ``unchanged`` (same canonical URL and text: only ``last_seen`` moves);
        ``changed`` (same URL, new text: the old text goes to ``article_versions``);
        ``worse_text`` (same URL, a new text worse than the stored one: garbled, empty, much
        shorter; nothing changes but ``last_seen``, and :attr:`last_refusal` says why; a page
        that lost its body marks the article gone instead, :attr:`last_gone` says so);
        ``duplicate`` (same site and text under another canonical URL, e.g. a mobile/AMP copy).

        ``seen_at`` is when the page was fetched. ``sighting=False`` stores a re-extraction of an
        earlier fetch: ``last_seen`` never moves (nobody saw the page again), and a replaced text's
        ``replaced_at`` is now. ``last_seen`` never moves back either way.
        """
        seen_at = seen_at or utc_now()
        replaced_at = seen_at if sighting else utc_now()
        row = record.to_row()
        row.update(content_hash=self._content_hash(record),
                   capture_id=capture_id, crawl_run_id=crawl_run_id)
        self._write()
        cur = self.conn.execute(
            "SELECT id, content_hash, version, first_seen, last_seen, title, published, body_text "
            "FROM articles WHERE canonical_url=?", (row["canonical_url"],))
        existing = cur.fetchone()
        if existing:
            art_id, old_hash, version, first_seen, last_seen, old_title, old_published, old_body = existing
            if old_hash == row["content_hash"]:
                if sighting:
                    self._seen(art_id, seen_at)
                if record.minhash is not None and self.conn.execute(
                        "SELECT 1 FROM near_dup_signatures WHERE article_id=?", (art_id,)).fetchone() is None:
                    # archived before near-duplicates were indexed (a re-extraction or re-crawl fills it in)
                    self.conn.execute("UPDATE articles SET credited_source=?, alternates=? WHERE id=?",
                                      (row["credited_source"], row["alternates"], art_id))
                    self._syndicate(art_id, record, row, changed=False)
                return self._stored("unchanged", art_id, crawl_run_id)
            refused = worse_text_reason(record.title, record.body_text, old_title, old_body)
            if refused:
                # Never good stored text replaced by worse (a garbled re-fetch, an empty or
                # truncated body): the stored version stays current; the new fetch's capture is
                # kept, and the page row says why (outcome worse_text). A re-visit whose page kept
                # its title but lost its body (a removal notice, an emptied story) is a takedown.
                self.last_refusal, self.last_gone = refused, None
                if sighting and body_lost(record.body_text, old_body):
                    self.last_gone = f"lost its body: {refused}"
                    self._tombstone(art_id, self.last_gone, seen_at)
                elif sighting:
                    self._seen(art_id, seen_at)
                return self._stored("worse_text", art_id, crawl_run_id)
            if self._fts_pending:
                self._index_pending()    # the update trigger takes the old text out of the index
            self.db["article_versions"].insert({
                "article_id": art_id, "version": version or 1, "title": old_title, "published": old_published,
                "body_text": old_body, "content_hash": old_hash, "first_seen": first_seen,
                "last_seen": last_seen, "replaced_at": replaced_at,
            })
            row.update(version=(version or 1) + 1, last_seen=max(last_seen or "", seen_at) if sighting else last_seen)
            row.pop("first_seen", None)
            self.db["articles"].update(art_id, row)
            self._syndicate(art_id, record, row, changed=True)
            return self._stored("changed", art_id, crawl_run_id)
        dup = self.conn.execute(
            "SELECT id FROM articles WHERE site=? AND content_hash=?", (row["site"], row["content_hash"])
        ).fetchone()
        if dup:
            if sighting:
                self._seen(dup[0], seen_at)
            return self._stored("duplicate", dup[0], crawl_run_id)
        row.update(version=1, first_seen=seen_at, last_seen=seen_at)
        self.conn.execute(f"INSERT OR IGNORE INTO {FTS_PENDING} VALUES (?)", (row["canonical_url"],))
        self._fts_pending = True
        try:
            art_id = self._insert("articles", row)
        except sqlite3.Error:        # nothing was inserted: nothing to index
            self.conn.execute(f"DELETE FROM {FTS_PENDING} WHERE canonical_url IS ?", (row["canonical_url"],))
            raise
        self._syndicate(art_id, record, row, changed=False)
        return self._stored("new", art_id, crawl_run_id)

    def _syndicate(self, art_id: int, record: ArticleRecord, row: dict, *, changed: bool) -> None:
        """Cluster the article with its copies and link its editions (:mod:`crawler.syndication`)."""
        if changed:
            syndication.unindex_article(self.conn, art_id)
        syndication.index_article(self.conn, art_id, record.minhash, row["content_hash"])
        syndication.link_editions(self.conn, art_id, {row["canonical_url"], row["url"]}, record.alternates)

    def _stored(self, outcome: str, article_id: int, run_id: int | None) -> tuple[str, int]:
        # No commit here: the page's ``pages`` row (record_page, next) must land in the same
        # batch. A kill between the two would leave an article no pages row names, which an
        # incremental crawl then never fetches again (found by the kill-and-resume test).
        self._uncommitted[(run_id, "article", outcome)] += 1
        self._pending += 1
        return outcome, article_id

    def run_counts(self, run_id: int) -> tuple[Counter, Counter]:
        """``(articles by outcome, pages by outcome)`` that run ``run_id`` committed."""
        articles, pages = Counter(), Counter()
        for (run, kind, outcome), n in self.committed.items():
            if run == run_id:
                (articles if kind == "article" else pages)[outcome] += n
        return articles, pages


    # --- reading ---------------------------------------------------------------------------------
    def summary(self) -> dict:
        q = self.conn.execute
        return {
            "articles": q("SELECT count(*) FROM articles").fetchone()[0],
            "by_site_language": q(
                "SELECT site, language, count(*) FROM articles GROUP BY site, language ORDER BY site, language"
            ).fetchall(),
            "date_range": q(
                "SELECT (SELECT published FROM articles WHERE published_utc IS NOT NULL ORDER BY published_utc LIMIT 1),"
                " (SELECT published FROM articles WHERE published_utc IS NOT NULL ORDER BY published_utc DESC LIMIT 1)"
            ).fetchone(),
            "pages_by_outcome": q(
                "SELECT site, outcome, count(*) FROM pages GROUP BY site, outcome ORDER BY site, outcome"
            ).fetchall(),
        }


# --- checking an archive (python -m crawler check) ----------------------------------------------
# Findings are (level, message): "ok" (a check passed), "note" (worth knowing, not damage: an older
# schema the next run upgrades, a run row a killed run left open, which the next run closes) or
# "damaged" (the archive is inconsistent: exit 4).
_CHECK_TABLES = ("sites", "articles", "pages", "captures", "crawl_runs", "articles_fts")


def _writer_running(path: str) -> bool:
    """Whether a run holds the archive's :class:`WriterLock` now (tested, never taken)."""
    try:
        fd = os.open(f"{path}.lock", os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def check_archive(path: str | Path) -> list[tuple[str, str]]:
    """Check the archive at ``path`` without changing it: schema version, SQLite's integrity check,
    the full-text index against ``articles``, run rows left open, ``pages`` rows whose article is
    gone. One ``(level, message)`` per finding."""
    path = str(path)
    findings: list[tuple[str, str]] = []
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, timeout=5)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        return [("damaged", f"cannot read it as SQLite: {' '.join(str(exc).split())}")]
    q = lambda sql, *args: conn.execute(sql, args).fetchall()   # noqa: E731
    try:
        tables = {r[0] for r in q("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        missing = [t for t in _CHECK_TABLES if t not in tables]
        if missing:
            return [("damaged", f"not a kz-news-archive archive: no table(s) {', '.join(missing)}")]
        (version,), = q("PRAGMA user_version")
        if version == SCHEMA_VERSION:
            findings.append(("ok", f"schema version {version}"))
        elif version < SCHEMA_VERSION:
            findings.append(("note", f"schema version {version}, this crawler writes {SCHEMA_VERSION}: "
                                     "the next crawl or reextract upgrades it"))
        else:
            findings.append(("damaged", f"schema version {version} is newer than this crawler's "
                                        f"{SCHEMA_VERSION}: upgrade the crawler before writing to it"))
        problems = [line.strip() for r in q("PRAGMA integrity_check(20)") for line in r[0].splitlines()
                    if line.strip() and not line.startswith("***")]
        if problems == ["ok"]:
            findings.append(("ok", "SQLite integrity check"))
        else:
            findings += [("damaged", f"SQLite integrity check: {p}") for p in problems[:5]]
            if len(problems) > 5:
                findings.append(("damaged", f"SQLite integrity check: and {len(problems) - 5} more problems"))

        running = _writer_running(path)
        pending = q(f"SELECT count(*) FROM {FTS_PENDING}")[0][0] if FTS_PENDING in tables else 0
        (articles,), = q("SELECT count(*) FROM articles")
        # articles_fts reads its rows from articles (external content): count the index's own rows.
        (indexed,), = q("SELECT count(*) FROM articles_fts_docsize")
        (unindexed,), = q("SELECT count(*) FROM articles WHERE id NOT IN (SELECT id FROM articles_fts_docsize)")
        (stale,), = q("SELECT count(*) FROM articles_fts_docsize WHERE id NOT IN (SELECT id FROM articles)")
        fts_error = _fts_integrity_error(path)
        if fts_error is None and not unindexed and not stale:
            findings.append(("ok", f"full-text index: {indexed} of {articles} articles indexed"))
        elif pending and unindexed <= pending and not stale and fts_error is None:
            findings.append(("note", f"full-text index: {unindexed} articles of an unfinished batch not indexed "
                                     "yet (indexed when the archive is next opened)"))
        else:
            detail = "; ".join(x for x in (
                f"{unindexed} articles not indexed" if unindexed else "",
                f"{stale} index rows for articles that do not exist" if stale else "",
                fts_error or "") if x)
            findings.append(("damaged", f"full-text index out of step with articles ({articles} articles, "
                                        f"{indexed} indexed): {detail}; rebuild it with sqlite3 {path} "
                                        "\"INSERT INTO articles_fts(articles_fts) VALUES('rebuild')\""))

        open_runs = q("SELECT id, site, kind, started_at FROM crawl_runs WHERE finished_at IS NULL ORDER BY id")
        for run_id, site, kind, started in open_runs:
            if running:
                findings.append(("note", f"run {run_id} ({kind} {site}, started {started}) is open: a run is "
                                         "writing the archive now"))
            else:
                findings.append(("note", f"run {run_id} ({kind} {site}, started {started}) was left open by a "
                                         "run that was killed: the next run closes it as 'killed'"))
        if not open_runs:
            findings.append(("ok", "no run rows left open"))

        unpaged = q("SELECT count(*), min(url) FROM articles a WHERE NOT EXISTS "
                    "(SELECT 1 FROM pages p WHERE p.article_id = a.id OR p.url = a.url)")[0]
        if unpaged[0]:
            findings.append(("note", f"{unpaged[0]} articles have no pages row (e.g. {unpaged[1]}): a run killed "
                                     "between the batch that stored the article and the one with its page's row"))
        orphans = q("SELECT count(*), min(url) FROM pages WHERE article_id IS NOT NULL "
                    "AND article_id NOT IN (SELECT id FROM articles)")[0]
        if orphans[0]:
            findings.append(("damaged", f"{orphans[0]} pages rows point at an article that does not exist "
                                        f"(e.g. {orphans[1]})"))
        else:
            findings.append(("ok", "every pages row's article exists"))
    except sqlite3.Error as exc:
        findings.append(("damaged", f"reading it failed: {' '.join(str(exc).split())}"))
    finally:
        conn.close()
    return findings


def _fts_integrity_error(path: str) -> str | None:
    """FTS5's own check of ``articles_fts`` against ``articles`` (``'integrity-check'`` with rank 1),
    or None when it passes. The command is an INSERT, so it needs a read-write connection: it runs in
    a transaction that is rolled back, and changes nothing."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=5)
    try:
        conn.execute("BEGIN")
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
        return None
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return None     # a writer holds it; the row comparisons above still ran
        return f"FTS5 integrity check: {' '.join(str(exc).split())}"
    except sqlite3.DatabaseError as exc:
        return f"FTS5 integrity check: {' '.join(str(exc).split())}"
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
