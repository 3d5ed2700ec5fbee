"""Distributed mode, measured: scaling with workers, the writer's drain, and the 5,000-article check.

Four modes (needs ``redis-server`` on PATH: started here on a free loopback port, no persistence):

``scaling`` (default)
    1, 2 and 3 workers crawl three generated sites at once (``--scale`` articles each: the two demo
    sites and the tagDiv one again as ``zhetysu-gazeti``), served on loopback by servers that answer
    every request after ``--latency`` seconds, as a remote site does. Every worker runs with
    ``CONCURRENT_REQUESTS=4`` (Scrapy's limit is per crawler, so a worker has up to 4 requests in
    flight per site), politeness off. The servers hold every request until all the round's workers
    have registered in Redis, so the figure is crawling throughput, not process start-up (which is
    printed beside it): articles/s = article pages archived / (last answer - gates opened).
``writer``
    The writer alone: a real crawl of a ``--scale`` article site fills ``kz:items``; that list is
    saved, then restored ``--repeat`` times and drained in-process by :class:`Writer` into a fresh
    archive (FTS index and all), timing the drain only; the close (run rows, the last WAL copy) is timed
    beside it.
``politeness``
    The per-site politeness target: ``--workers`` workers (3) crawl one ``--scale`` article site (8:
    about 13 requests) with ``DOWNLOAD_DELAY=--delay`` (1 s), ``--repeat`` times; prints the
    smallest and the mean gap between two requests by the server's clock. Exit 1 when a gap is
    shorter than the delay.
``check``
    The 5,000-article target: a one-process crawl of a ``--scale`` article site, then ``--workers``
    workers and a writer running beside them on the same site; prints duplicate fetches, lost
    articles and whether the two archives are identical (canonical URLs, content hashes, pages with
    outcomes and fetch counts, captures). Exit 1 when any of those fails.

    .venv/bin/python scripts/bench_distributed.py scaling [--scale 400] [--workers 1 2 3]
    .venv/bin/python scripts/bench_distributed.py writer [--scale 2000] [--repeat 3]
    .venv/bin/python scripts/bench_distributed.py politeness [--delay 1] [--workers 3] [--repeat 3]
    .venv/bin/python scripts/bench_distributed.py check [--scale 5000] [--workers 3]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

THIRD_SITE = ("zhetysu-gazeti", "https://zhetysu-gazeti.kz")    # a registered tagDiv site, same URL scheme


@contextmanager
def redis_server(tmp: Path):
    """The loopback redis-server of the tests (:func:`crawler.demo.loopback.redis_server`) and a client."""
    import redis

    from crawler.demo.loopback import redis_server as loopback_redis

    with loopback_redis(tmp) as url:
        yield url, redis.Redis.from_url(url)


def generated_sites(scale: int) -> dict[str, tuple[str, dict]]:
    """{site key: (origin, resources)}: the demo sites at ``scale``, and the tagDiv one rebased."""
    from crawler.demo import DEMO_SITES, build_site
    from crawler.demo.build import build
    from crawler.demo.content_tagdiv import SITE as TAGDIV
    from crawler.demo.scale import scaled_site

    sites = {key: (origin, build_site(key, scale=scale)) for key, origin in DEMO_SITES.items()}
    key, origin = THIRD_SITE
    sites[key] = (origin, build(replace(scaled_site(TAGDIV, scale), base_url=origin)))
    return sites


def one_site(scale: int) -> tuple[str, str, dict]:
    """The writer and check modes' site: demo-tagdiv at ``scale`` articles (key, origin, resources)."""
    from crawler.demo import DEMO_SITES, build_site

    key = "demo-tagdiv"
    return key, DEMO_SITES[key], build_site(key, scale=scale)


def slow_server(resources, latency: float, gate: threading.Event):
    """A demo server (threaded: requests are answered concurrently) that holds every request until
    ``gate`` opens, then answers it ``latency`` seconds later; ``spans`` has (start, end, path)."""
    from crawler.demo import DemoServer

    class Slow(DemoServer):
        def answer(self, path, query, raw):
            gate.wait()
            start = time.monotonic()
            time.sleep(latency)
            answer = super().answer(path, query, raw)
            self.spans.append((start, time.monotonic(), path))
            return answer

    server = Slow(resources)
    server.spans = []
    return server


def worker_cmd(keys, url: str, servers: dict, *settings: str) -> list[str]:
    host_map = [a for key, (origin, s) in servers.items() for a in ("--host-map", f"{origin}={s.base_url}")]
    cmd = [sys.executable, "-m", "crawler", "crawl", *keys, "--redis", url, "--loopback", *host_map,
           "-s", "LOG_LEVEL=WARNING", "-s", "ARCHIVE_CONTACT=loopback bench"]
    for s in settings:
        cmd += ["-s", s]
    return cmd


def finish(procs) -> None:
    for p in procs:
        _, err = p.communicate()
        if p.returncode:
            raise SystemExit(f"{p.args[:6]}... failed ({p.returncode}):\n{err[-3000:]}")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def run_writer(url: str, db: Path, until_idle: float = 0.5) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "crawler", "writer", "--redis", url, "--db", str(db),
                             "--until-idle", str(until_idle), "--log-level", "WARNING"], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# --- scaling ------------------------------------------------------------------------------------
def scaling(args, tmp: Path) -> int:
    sites = generated_sites(args.scale)
    results: dict[int, float] = {}
    with redis_server(tmp) as (url, client):
        for n in args.workers:
            client.flushall()
            gate = threading.Event()
            servers = {key: (origin, slow_server(res, args.latency, gate).start())
                       for key, (origin, res) in sites.items()}
            cmd = worker_cmd(sites, url, servers, f"CONCURRENT_REQUESTS={args.concurrency}",
                             f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}", "REDIS_IDLE_GRACE=2",
                             *args.set)
            launched = time.monotonic()
            cpu_before = children_cpu()
            procs = [subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                     for _ in range(n)]
            # every worker of every site registered: the process is up and its scheduler open
            while not all(client.zcard(f"kz:{key}:workers") >= n for key in sites):
                if any(p.poll() is not None for p in procs):
                    break
                time.sleep(0.02)
            opened = time.monotonic()
            gate.set()
            finish(procs)
            cpu = children_cpu() - cpu_before
            spans = sorted(span for _, s in servers.values() for span in s.spans)
            for _, s in servers.values():
                s.stop()
            db = tmp / f"archive-{n}.db"
            writer = run_writer(url, db)
            writer.communicate()
            articles = count(db, "SELECT count(*) FROM articles")
            refetched = sum(hits - 1 for _, s in servers.values() for path, hits in s.hits.items()
                            if hits > 1 and path != "/robots.txt")
            seconds = spans[-1][1] - opened
            busy = sum(end - start for start, end, _ in spans) / seconds
            results[n] = articles / seconds
            print(f"{n} worker(s): {articles} articles ({refetched} pages fetched twice; robots.txt once a worker), {len(spans)} requests "
                  f"in {seconds:.1f} s: {results[n]:.1f} articles/s ({results[n] / results[args.workers[0]]:.2f}x); "
                  f"{busy:.1f} requests in flight on average (at most {n * args.concurrency * len(sites)}); "
                  f"start-up {opened - launched:.1f} s; workers' CPU {cpu:.1f} s, "
                  f"{cpu / (spans[-1][1] - launched):.2f} cores", flush=True)
            if args.timeline:
                print("  requests in flight, each second:", " ".join(
                    f"{sum(max(0.0, min(end, opened + t + 1) - max(start, opened + t)) for start, end, _ in spans):.0f}"
                    for t in range(int(seconds) + 1)))
    return 0


# --- the writer alone ---------------------------------------------------------------------------------
def writer_only(args, tmp: Path) -> int:
    from crawler import distributed as d
    from crawler.demo import DemoServer
    from crawler.redis_writer import Writer

    key, origin, resources = one_site(args.scale)
    with redis_server(tmp) as (url, client):
        with DemoServer(resources) as server:
            finish([subprocess.Popen(worker_cmd([key], url, {key: (origin, server)}, "REDIS_IDLE_GRACE=0.5"),
                                     cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)])
        saved = client.lrange(d.ITEMS, 0, -1)          # newest first, as the workers LPUSH them
        ledger = client.hgetall(d.LEDGER)
        rates, with_close = [], []
        for i in range(args.repeat):
            client.delete(d.ITEMS, d.PROCESSING)
            client.rpush(d.ITEMS, *saved)
            client.hset(d.LEDGER, mapping=ledger)
            db = tmp / f"writer-{i}.db"
            writer = Writer(d.connect(url), str(db), batch=args.batch)
            started = time.perf_counter()
            while writer.drain_once():
                pass
            seconds = time.perf_counter() - started
            writer.close()         # its runs' rows and the last WAL copy (the checkpoint thread's share)
            closing = time.perf_counter() - started - seconds
            articles = count(db, "SELECT count(*) FROM articles")
            indexed = count(db, "SELECT count(*) FROM articles_fts")
            rates.append(articles / seconds)
            with_close.append(articles / (seconds + closing))
            print(f"writer run {i + 1}: {len(saved)} messages, {articles} articles ({indexed} in the FTS index) "
                  f"in {seconds:.2f} s: {rates[-1]:.0f} articles/s; close {closing:.2f} s "
                  f"({with_close[-1]:.0f} articles/s with it)", flush=True)
        print(f"writer: {min(rates):.0f}-{max(rates):.0f} articles/s (median {statistics.median(rates):.0f}) "
              f"over {args.repeat} drains, batch {args.batch}; with the close {min(with_close):.0f}-"
              f"{max(with_close):.0f} (median {statistics.median(with_close):.0f})")
    return 0


# --- the 5,000-article check --------------------------------------------------------------------------
def archive_facts(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": sorted(conn.execute("SELECT canonical_url, content_hash FROM articles")),
            "pages": sorted(conn.execute("SELECT url, outcome, fetch_count FROM pages")),
            "captures": sorted(conn.execute("SELECT url, sha1 FROM captures")),
        }
    finally:
        conn.close()


def check(args, tmp: Path) -> int:
    from crawler import distributed as d
    from crawler.demo import DemoServer

    key, origin, resources = one_site(args.scale)
    ref = tmp / "one-process.db"
    with DemoServer(resources) as server:
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "crawler", "crawl", key, "--db", str(ref), "--loopback",
                        "--host-map", f"{origin}={server.base_url}", "--log-level", "WARNING"], cwd=REPO,
                       check=True, stdout=subprocess.DEVNULL)
        print(f"one process: {count(ref, 'SELECT count(*) FROM articles')} articles in "
              f"{time.monotonic() - started:.1f} s", flush=True)
    db = tmp / "distributed.db"
    with redis_server(tmp) as (url, client), DemoServer(resources) as server:
        started = time.monotonic()
        writer = run_writer(url, db, until_idle=15)     # beside the workers, as in production
        procs = [subprocess.Popen(worker_cmd([key], url, {key: (origin, server)}, "REDIS_IDLE_GRACE=2"),
                                  cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for _ in range(args.workers)]
        finish(procs)
        crawled = time.monotonic() - started
        out, err = writer.communicate()
        if writer.returncode:
            raise SystemExit(f"writer failed ({writer.returncode}):\n{err[-3000:]}")
        hits = dict(server.hits)
        ledger = client.hlen(d.LEDGER)
    ref_facts, facts = archive_facts(ref), archive_facts(db)
    wanted = {urlsplit(url).path for url, outcome, _ in ref_facts["pages"] if outcome == "article"}
    refetched = sorted(path for path, n in hits.items() if n > 1 and path != "/robots.txt")
    lost = len(wanted - {urlsplit(url).path for url, outcome, _ in facts["pages"] if outcome == "article"})
    # Two generated pages with the same text are one article; which URL names it depends on which
    # copy was stored first, in a one-process crawl too. Compare those by content hash only.
    by_hash, ref_by_hash = dict((h, u) for u, h in facts["articles"]), dict((h, u) for u, h in ref_facts["articles"])
    other_copy = sorted(h for h in ref_by_hash if by_hash.get(h) not in (None, ref_by_hash[h]))
    same = (facts["pages"] == ref_facts["pages"] and facts["captures"] == ref_facts["captures"]
            and sorted(by_hash) == sorted(ref_by_hash) and len(facts["articles"]) == len(ref_facts["articles"]))
    print(f"{args.workers} workers: {len(facts['articles'])} articles crawled in {crawled:.1f} s (writer beside them); "
          f"{len(refetched)} pages fetched more than once {refetched[:5]} (robots.txt: once a worker), "
          f"{lost} articles lost, {ledger} ledger entries left; pages (URL, outcome, fetch count), captures and "
          f"article content hashes identical to the one-process crawl: {same}; articles whose text two URLs "
          f"carry, named by the other copy: {len(other_copy)}")
    if not same:
        for name in facts:
            a, b = set(facts[name]), set(ref_facts[name])
            print(f"  {name}: {len(a - b)} only distributed, {len(b - a)} only one-process; e.g. "
                  f"{sorted(a - b)[:2]} / {sorted(b - a)[:2]}")
    return 0 if same and not refetched and not lost and not ledger else 1


# --- politeness ---------------------------------------------------------------------------------
def politeness(args, tmp: Path) -> int:
    key, origin, resources = one_site(args.scale)
    print(f"{args.workers} workers, DOWNLOAD_DELAY={args.delay}, one site of {args.scale} articles; "
          "gaps between two requests at the server")
    print("| run | requests | smallest gap (s) | mean gap (s) | gaps under the delay |")
    print("|---|---|---|---|---|")
    failed = 0
    with redis_server(tmp) as (url, client):
        for run in range(1, args.repeat + 1):
            client.flushall()
            opened = threading.Event()
            opened.set()                  # no gate, no latency: a span's start is when the request came
            with slow_server(resources, 0.0, opened) as server:
                cmd = worker_cmd([key], url, {key: (origin, server)}, f"DOWNLOAD_DELAY={args.delay}",
                                 "AUTOTHROTTLE_ENABLED=False", "REDIS_IDLE_GRACE=2", *args.set)
                finish([subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                        for _ in range(args.workers)])
            times = sorted(start for start, _, _ in server.spans)
            gaps = [b - a for a, b in zip(times, times[1:])]
            short = sum(g < args.delay for g in gaps)
            failed += short
            print(f"| {run} | {len(times)} | {min(gaps):.3f} | {(times[-1] - times[0]) / len(gaps):.3f} | {short} |")
    return 1 if failed else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", nargs="?", choices=("scaling", "writer", "politeness", "check"), default="scaling")
    parser.add_argument("--scale", type=int, help="articles per generated site (scaling 400, writer 2000, "
                                                  "check 5000)")
    parser.add_argument("--latency", type=float, default=0.25, help="seconds before each answer (scaling)")
    parser.add_argument("--concurrency", type=int, default=4, help="CONCURRENT_REQUESTS of a worker (scaling)")
    parser.add_argument("--workers", type=int, nargs="+", help="scaling: 1 2 3; check: 3")
    parser.add_argument("--repeat", type=int, default=3, help="drains (writer), runs (politeness)")
    parser.add_argument("--delay", type=float, default=1.0, help="DOWNLOAD_DELAY (politeness)")
    parser.add_argument("--batch", type=int, default=500, help="messages a writer batch (writer)")
    parser.add_argument("--timeline", action="store_true", help="print requests in flight each second (scaling)")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for the workers (scaling)")
    args = parser.parse_args(argv)
    args.scale = args.scale or {"scaling": 400, "writer": 2000, "politeness": 8, "check": 5000}[args.mode]
    args.workers = args.workers or ([1, 2, 3] if args.mode == "scaling" else [3])
    if args.mode in ("check", "politeness"):
        args.workers = args.workers[0]
    tmp = Path(tempfile.mkdtemp(prefix="bench-dist-"))
    try:
        return {"scaling": scaling, "writer": writer_only, "politeness": politeness, "check": check}[args.mode](args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
