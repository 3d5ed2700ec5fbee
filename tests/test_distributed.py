"""Distributed mode with a real redis-server: workers (separate processes) share the frontier, one
writer drains their pages, and the archive equals a one-process crawl's, also after SIGKILLs.

redis-server runs on a free loopback port, no persistence, in a tmp dir. Without it these tests
skip, and fail under CI (``.ci/run`` installs it), like ``tests/conftest.py`` ``need()``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.demo.loopback import redis_server
from tests.conftest import REPO, rows, run_crawl

SITE = "demo-tagdiv"
ORIGIN = "https://zhuldyz-gazeti.test"
SCALE = 40


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing: .ci/run installs it (apt-get install -y redis-server)")
        pytest.skip("redis-server not installed")
    with redis_server(tmp_path_factory.mktemp("redis"), binary) as url:
        yield url


@pytest.fixture
def server_redis(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushall()
    return client


class TimedServer:
    """A DemoServer that answers each request after ``delay`` seconds and records when it was asked."""

    def __new__(cls, resources, delay: float = 0.0):
        from crawler.demo import DemoServer

        class _Server(DemoServer):
            def answer(self, path, query, raw):
                self.times.append((time.monotonic(), path))
                if delay:
                    time.sleep(delay)
                return super().answer(path, query, raw)

        server = _Server(resources)
        server.times = []
        return server


@pytest.fixture(scope="module")
def site():
    from crawler.demo import build_site

    return build_site(SITE, scale=SCALE)


@pytest.fixture(scope="module")
def reference(site, tmp_path_factory):
    """A one-process crawl of the site: the archive the distributed crawls must equal."""
    db = tmp_path_factory.mktemp("ref") / "ref.db"
    with TimedServer(site) as server:
        run_crawl(SITE, "--host-map", f"{ORIGIN}={server.base_url}", db=db)
    return db


def archive_facts(db: Path) -> dict:
    return {
        "articles": sorted((r["canonical_url"], r["content_hash"]) for r in rows(db, "SELECT * FROM articles")),
        "pages": sorted((r["url"], r["outcome"], r["fetch_count"]) for r in rows(db, "SELECT * FROM pages")),
        "captures": sorted((r["url"], r["sha1"]) for r in rows(db, "SELECT * FROM captures")),
    }


def worker(redis_url: str, base_url: str, *settings: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "crawler", "crawl", SITE, "--redis", redis_url, "--loopback",
           "--host-map", f"{ORIGIN}={base_url}", "-s", "LOG_LEVEL=INFO", "-s", "REDIS_IDLE_GRACE=2",
           "-s", "EXTRACT_WORKERS=1"]
    for s in settings:
        cmd += ["-s", s]
    return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen, timeout: int = 180) -> str:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"{proc.args} failed ({proc.returncode}):\n{out}\n{err[-4000:]}"
    return err


def cli(*args: str, timeout: int = 180, code: int = 0) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "crawler", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == code, f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr[-4000:]}"
    return proc


def writer(redis_url: str, db: Path, *extra: str) -> subprocess.CompletedProcess:
    return cli("writer", "--redis", redis_url, "--db", str(db), "--until-idle", "1", *extra)


def fts_complete(db: Path) -> bool:
    """Both full-text indexes pass FTS5's own check; every article is in the trigram index and
    nothing is left pending."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)")
        conn.execute("INSERT INTO articles_search(articles_search) VALUES('integrity-check')")
        (pending,), = conn.execute("SELECT count(*) FROM articles_fts_pending")
        (queued,), = conn.execute("SELECT count(*) FROM articles_search_queue")
        (missing,), = conn.execute("SELECT count(*) FROM articles WHERE id NOT IN (SELECT id FROM articles_fts_docsize)")
        return pending == queued == missing == 0
    finally:
        conn.close()


def search_terms(db: Path) -> set[tuple[str, str, str, int]]:
    """What the folded search index holds: (canonical URL, term, column, offset) for every entry,
    read back with fts5vocab (the index is contentless: its text is nowhere else)."""
    import sqlite3

    from crawler.storage import SEARCH_KEY_ID

    conn = sqlite3.connect(db)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, 'articles_search', 'instance')")
        return set(conn.execute(f"""SELECT a.canonical_url, t.term, t.col, t.offset FROM temp.terms t
                                   JOIN articles a ON a.id = (t.doc & {SEARCH_KEY_ID})"""))
    finally:
        conn.close()


def article_paths(db: Path) -> set[str]:
    return {urlsplit(r["url"]).path for r in rows(db, "SELECT url FROM pages WHERE outcome='article'")}


# --- without a server ---------------------------------------------------------------------------------
def test_requests_travel_as_json_and_come_back_equal():
    from scrapy import Request
    from scrapy.utils.request import request_from_dict

    from crawler.distributed import JsonSerializer

    class Spider:
        def parse_article(self, response):
            pass

        def on_error(self, failure):
            pass

    spider = Spider()
    request = Request("https://site.kz/kk/news/1", callback=spider.parse_article, errback=spider.on_error,
                      headers={"Referer": "https://site.kz/"}, body=b"\x00\xff", priority=3,
                      meta={"discovered_via": "feed", "discovery_date": None, "redirect_urls": ["https://a"]})
    text = JsonSerializer.dumps(request.to_dict(spider=spider))
    assert json.loads(text)["callback"] == "parse_article"       # plain JSON, no pickle
    back = request_from_dict(JsonSerializer.loads(text), spider=spider)
    assert (back.url, back.body, back.priority, back.meta, back.headers.get("Referer")) == \
        (request.url, request.body, 3, request.meta, b"https://site.kz/")
    assert back.callback == spider.parse_article and back.errback == spider.on_error


def test_a_page_message_carries_its_capture_as_bytes_after_the_json():
    import base64
    import math
    import zlib

    from crawler.distributed import decode_message, encode_message

    blob = zlib.compress("<p>Ақтөбе\0</p>".encode() * 50)
    assert b"\0" in blob                        # the first NUL ends the JSON, not the last
    message = {"kind": "page", "url": "https://a.kz/1", "capture": ["5ef1", 700],
               "record": {"body_text": "NUL in the text: \0, and ж"}}
    raw = encode_message(message, blob)
    assert raw.index(b"\0") == len(json.dumps(message, ensure_ascii=False).encode())
    back = decode_message(raw)
    assert back["capture"] == ("5ef1", 700, blob)
    assert back["record"] == message["record"] and back["url"] == message["url"]
    # a worker of before sent the capture as base64 inside the JSON
    old = json.dumps({**message, "capture": ["5ef1", 700, base64.b64encode(blob).decode()]}).encode()
    assert decode_message(old)["capture"] == ("5ef1", 700, blob)
    # json writes NaN (a worker's stats)
    stats = decode_message(encode_message({"kind": "worker", "stats": {"rate": float("nan"), "n": 3}}))["stats"]
    assert math.isnan(stats["rate"]) and stats["n"] == 3
    assert decode_message(encode_message({"kind": "failure", "capture": None}))["capture"] is None


@pytest.mark.parametrize("command", [
    ["writer", "--redis", "{url}", "--db", "{db}"],
    ["recover", "--redis", "{url}"],
    ["crawl", SITE, "--redis", "{url}", "--loopback"],
], ids=lambda c: c[0])
@pytest.mark.parametrize("url", ["redis://127.0.0.1:{port}/0", "127.0.0.1:{port}"], ids=["down", "no-scheme"])
def test_no_redis_at_the_url_is_one_line_and_exit_2(command, url, tmp_path):
    import socket

    with socket.socket() as s:          # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = url.format(port=port)
    proc = cli(*(a.format(url=url, db=tmp_path / "a.db") for a in command), code=2, timeout=60)
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]     # one line, no traceback
    assert proc.stderr.startswith(f"cannot reach Redis at {url}: ")
    assert not (tmp_path / "a.db").exists()


# --- with redis-server ------------------------------------------------------------------------------------
@pytest.mark.e2e
@pytest.mark.parametrize("workers", [1, 2])
def test_workers_fetch_each_article_once_and_the_writer_archives_what_one_process_does(
        workers, site, reference, redis_url, server_redis, tmp_path):
    db = tmp_path / "dist.db"
    with TimedServer(site) as server:
        procs = [worker(redis_url, server.base_url) for _ in range(workers)]
        for p in procs:
            finish(p)
        hits = dict(server.hits)
    writer(redis_url, db)
    assert archive_facts(db) == archive_facts(reference)
    paths = article_paths(reference)
    assert len(paths) == SCALE
    assert {p: hits.get(p, 0) for p in paths} == {p: 1 for p in paths}      # once across all workers
    assert server_redis.hlen("kz:ledger") == 0 and server_redis.llen("kz:items") == 0
    (run,) = rows(db, "SELECT * FROM crawl_runs")
    assert run["articles_new"] == SCALE and run["finish_reason"] == "finished"
    assert json.loads(run["stats"])["redis/workers/finished"] == workers
    assert run["requests"] == sum(1 for _ in server.times)       # aggregated across the workers


@pytest.mark.e2e
def test_a_worker_killed_mid_crawl_loses_nothing_after_recover(site, reference, redis_url, server_redis, tmp_path):
    db = tmp_path / "dist.db"
    with TimedServer(site, delay=0.05) as server:
        victim = worker(redis_url, server.base_url, "CONCURRENT_REQUESTS=4")
        deadline = time.monotonic() + 120
        while server_redis.llen("kz:items") < 8 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(victim.pid, signal.SIGKILL)
        victim.communicate()
        writer(redis_url, db)
        wanted = server_redis.hlen("kz:ledger")
        assert wanted > 0          # the killed worker's requests (in memory and still queued) are wanted
        out = cli("recover", "--redis", redis_url).stdout
        assert "re-enqueued" in out
        finish(worker(redis_url, server.base_url))       # the next round
    writer(redis_url, db)
    facts, ref = archive_facts(db), archive_facts(reference)
    assert facts["articles"] == ref["articles"] and facts["captures"] == ref["captures"]
    # a page the killed worker had fetched but not handed over was fetched again: nothing else
    assert sorted((u, o) for u, o, _ in facts["pages"]) == sorted((u, o) for u, o, _ in ref["pages"])
    assert server_redis.hlen("kz:ledger") == 0


KILLING_WRITER = textwrap.dedent("""
    import os, signal, sys
    from crawler import redis_writer
    from crawler.storage import Archive

    when, after = sys.argv[1], int(sys.argv[2])      # SIGKILL before/after the n-th batch's commit
    batches = 0
    commit = Archive.commit
    def killing_commit(self):
        global batches
        if not self.conn.in_transaction or self._pending == 0:
            return commit(self)
        batches += 1
        if batches == after and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        commit(self)
        if batches == after and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
    Archive.commit = killing_commit
    sys.exit(redis_writer.run_writer(sys.argv[3], sys.argv[4], until_idle=1, batch=7))
""")


@pytest.mark.e2e
@pytest.mark.parametrize("when", ["before", "after"])
def test_a_writer_killed_mid_batch_loses_and_duplicates_nothing(when, site, reference, redis_url, server_redis,
                                                                tmp_path):
    db = tmp_path / "dist.db"
    with TimedServer(site) as server:
        finish(worker(redis_url, server.base_url))
    script = tmp_path / "killing_writer.py"
    script.write_text(KILLING_WRITER)
    proc = subprocess.run([sys.executable, str(script), when, "3", redis_url, str(db)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-3000:]
    assert server_redis.llen("kz:items:processing") == 7          # the batch it was killed in
    writer(redis_url, db)
    assert archive_facts(db) == archive_facts(reference)          # fetch_count 1 everywhere: nothing twice
    assert fts_complete(db)
    assert server_redis.hlen("kz:ledger") == 0 and server_redis.llen("kz:items:processing") == 0
    runs = rows(db, "SELECT finish_reason, articles_new FROM crawl_runs ORDER BY id")
    assert runs[0]["finish_reason"] == "killed" and sum(r["articles_new"] or 0 for r in runs[1:]) == \
        SCALE - (21 if when == "after" else 14)


@pytest.mark.e2e
def test_the_writer_copies_its_wal_into_the_archive_beside_each_batch(site, reference, redis_url, server_redis,
                                                                      tmp_path):
    from crawler import distributed as d
    from crawler.redis_writer import Writer

    with TimedServer(site) as server:
        finish(worker(redis_url, server.base_url))
    db = tmp_path / "dist.db"
    writer = Writer(d.connect(redis_url), str(db), batch=7)
    try:
        assert writer.archive.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0   # not in COMMIT
        copied = []
        while writer.drain_once():
            copied.append(writer.checkpointer.last.result())       # (busy, WAL frames, frames copied)
    finally:
        writer.close()
    assert len(copied) >= 5 and all(busy == 0 and 0 < done == frames for busy, frames, done in copied)
    assert archive_facts(db) == archive_facts(reference)
    assert fts_complete(db)
    # each batch's texts were folded ahead, while the batch before committed: the same index
    assert search_terms(db) == search_terms(reference) and len(search_terms(db)) > 1000
    assert server_redis.hlen("kz:ledger") == 0 and server_redis.llen("kz:items:processing") == 0


@pytest.mark.e2e
def test_a_batch_that_changed_between_reading_and_moving_is_written_as_moved(site, reference, redis_url,
                                                                              server_redis, tmp_path, caplog):
    from crawler import distributed as d
    from crawler.redis_writer import Writer

    with TimedServer(site) as server:
        finish(worker(redis_url, server.base_url))
    db = tmp_path / "dist.db"
    writer = Writer(d.connect(redis_url), str(db), batch=7)
    try:
        writer._ahead = writer._read()                 # the 7 oldest, read ahead
        # the oldest goes to the other end (a second writer took it, then handed it back)
        server_redis.lpush("kz:items", server_redis.rpop("kz:items"))
        with caplog.at_level("WARNING", logger="crawler.redis_writer"):
            assert writer.drain_once() == 7
        assert "changed between reading and moving" in caplog.text
        # read ahead, then all taken by another: nothing to write, nothing written
        writer._ahead, last = writer._read(), writer._state("last_batch")
        taken = [server_redis.rpop("kz:items") for _ in range(server_redis.llen("kz:items"))]
        assert writer.drain_once() == 0 and server_redis.llen("kz:items:processing") == 0
        assert writer._state("last_batch") == last            # no empty batch committed
        server_redis.rpush("kz:items", *reversed(taken))            # handed back, in order
        while writer.drain_once():
            pass
    finally:
        writer.close()
    # the read batch written as read would have lost the 8th oldest and written the 1st twice
    assert archive_facts(db) == archive_facts(reference)
    assert server_redis.hlen("kz:ledger") == 0 and server_redis.llen("kz:items:processing") == 0


@pytest.mark.e2e
def test_a_message_the_writer_cannot_store_is_kept_aside_and_the_rest_stored(site, reference, redis_url,
                                                                             server_redis, tmp_path):
    from crawler.distributed import encode_message

    with TimedServer(site) as server:
        finish(worker(redis_url, server.base_url))
    good = server_redis.lrange("kz:items", 0, -1)
    a_page = json.loads(good[len(good) // 2].partition(b"\0")[0])
    poison = [b"\xff\xfe not JSON",                                          # damaged
              encode_message({**a_page, "site": "no-such-site"}),            # another registry
              encode_message({k: v for k, v in a_page.items() if k != "status"}),      # another version
              encode_message({**a_page, "record": {"title": "no url, no site"}}),
              encode_message({"kind": "page", "site": SITE, "url": ["not", "a", "url"], "status": 200,
                              "encoding": "utf-8", "fetched_at": "2026-12-08T00:00:00+00:00", "skip": {}}),
              encode_message({**a_page, "capture": a_page["capture"]}),      # its bytes left behind
              encode_message({"kind": "worker", "site": SITE, "stats": [1]}),
              b"[1, 2, 3]"]
    server_redis.delete("kz:items")
    server_redis.rpush("kz:items", *good[:20], *poison, *good[20:])     # amid the others, one batch
    db = tmp_path / "dist.db"
    proc = cli("writer", "--redis", redis_url, "--db", str(db), "--until-idle", "1", "--batch", "7", code=3)
    assert "8 it could not store kept in kz:items:dead" in proc.stdout
    assert proc.stderr.count("a message the writer cannot store") == 8
    assert "unknown site 'no-such-site'" in proc.stderr and "without status" in proc.stderr
    assert sorted(server_redis.lrange("kz:items:dead", 0, -1)) == sorted(poison)     # kept as they came
    assert archive_facts(db) == archive_facts(reference) and fts_complete(db)
    assert server_redis.hlen("kz:ledger") == 0 and server_redis.llen("kz:items:processing") == 0


@pytest.mark.e2e
def test_a_writer_that_loses_redis_says_so_in_one_line_and_exits_1(redis_url, tmp_path):
    binary = shutil.which("redis-server")
    db = tmp_path / "dist.db"
    with redis_server(tmp_path, binary) as own_url:
        proc = subprocess.Popen([sys.executable, "-m", "crawler", "writer", "--redis", own_url, "--db", str(db),
                                 "--until-idle", "60"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        time.sleep(3)                     # polling the empty list
        assert proc.poll() is None
    out, err = proc.communicate(timeout=30)    # redis-server stopped: the writer ends, long before 60 s
    assert proc.returncode == 1, err[-2000:]
    assert "lost Redis" in err and "Traceback" not in err
    assert rows(db, "SELECT finish_reason FROM crawl_runs") == []       # it had no site open


def test_the_batch_digest_is_sha1_of_the_messages_joined_by_nul():
    # the digest a killed writer left in the archive must be recognised by the next one
    import hashlib

    from crawler.redis_writer import _digest

    for raw in ([], [b"{}"], [b'{"a": 1}', b"", "ж".encode() * 5000]):
        assert _digest(raw) == hashlib.sha1(b"\0".join(raw)).hexdigest()


@pytest.mark.e2e
def test_politeness_holds_across_three_workers(redis_url, server_redis):
    """Issue 16's target: with 3 workers and DOWNLOAD_DELAY=1, the site never sees two requests
    within a second (server clock)."""
    from crawler.demo import build_site

    delay = 1.0
    with TimedServer(build_site(SITE, scale=8)) as server:
        procs = [worker(redis_url, server.base_url, f"DOWNLOAD_DELAY={delay}", "AUTOTHROTTLE_ENABLED=False")
                 for _ in range(3)]
        for p in procs:
            finish(p)
        times = sorted(t for t, _ in server.times)
        paths = [p for _, p in sorted(server.times)]
    assert len(times) > 12
    gaps = [b - a for a, b in zip(times, times[1:])]
    # Grants are delay + REDIS_POLITENESS_MARGIN (0.05 s) apart, taken in the download handler.
    # Measured smallest gap: 1.018-1.042 s, also beside two busy loops on the 2 cores; 0.97 s when
    # the grant was taken in a downloader middleware, without the margin.
    assert min(gaps) >= delay, list(zip(gaps, paths[1:]))
    # ...and the margin costs no more than itself: the mean gap stays near delay + margin
    assert (times[-1] - times[0]) / (len(times) - 1) < delay + 0.15


@pytest.mark.e2e
def test_a_seed_pushed_while_the_crawl_runs_is_fetched(redis_url, server_redis, site):
    with TimedServer(site, delay=0.05) as server:
        # a long idle grace: the seed must arrive while the worker still runs, however fast the site
        proc = worker(redis_url, server.base_url, "CONCURRENT_REQUESTS=2", "REDIS_IDLE_GRACE=8")
        deadline = time.monotonic() + 60
        while sum(server.hits.values()) < 10 and time.monotonic() < deadline:   # mid-crawl
            time.sleep(0.1)
        server_redis.lpush(f"kz:{SITE}:seeds", f"listing {ORIGIN}/seed-listing/")
        finish(proc)
        assert server.hits.get("/seed-listing/") == 1
