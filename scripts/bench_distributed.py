"""Distributed-mode throughput: 1, 2 and 3 workers on a network-bound loopback crawl, and the writer.

Each demo site is generated at ``--scale`` articles and served on loopback by a server that answers
every request after ``--latency`` seconds (as a remote site does); every worker runs with
``CONCURRENT_REQUESTS=4`` (per domain too), politeness off, and crawls all the sites at once.
Articles/s of a round is the number of article pages the server answered divided by the time from
the first request of the round to the last. The writer's articles/s is its drain of each round.

    .venv/bin/python scripts/bench_distributed.py [--scale 150] [--workers 1 2 3]

Needs ``redis-server`` on PATH (started here on a free loopback port, no persistence).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def slow_server(resources, latency: float):
    from crawler.demo import DemoServer

    class Slow(DemoServer):
        def answer(self, path, query, raw):
            self.times.append(time.monotonic())
            time.sleep(latency)
            return super().answer(path, query, raw)

    server = Slow(resources)
    server.times = []
    return server


def main(argv=None) -> int:
    import redis

    from crawler.demo import DEMO_SITES, build_site

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=150, help="articles per generated site")
    parser.add_argument("--latency", type=float, default=0.25)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="bench-dist-"))
    port = free_port()
    redis_proc = subprocess.Popen([shutil.which("redis-server") or "redis-server", "--port", str(port), "--bind",
                                   "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(tmp)],
                                  stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    sites = {key: build_site(key, scale=args.scale) for key in DEMO_SITES}
    results = {}
    try:
        for n in args.workers:
            client.flushall()
            servers = {key: slow_server(res, args.latency).start() for key, res in sites.items()}
            host_map = [a for key, s in servers.items() for a in ("--host-map", f"{DEMO_SITES[key]}={s.base_url}")]
            cmd = [sys.executable, "-m", "crawler", "crawl", *sites, "--redis", url, "--loopback", *host_map,
                   "-s", "CONCURRENT_REQUESTS=4", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "LOG_LEVEL=WARNING",
                   "-s", "REDIS_IDLE_GRACE=2"]
            procs = [subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                     for _ in range(n)]
            for p in procs:
                _, err = p.communicate()
                if p.returncode:
                    print(err[-3000:], file=sys.stderr)
                    return 1
            times = sorted(t for s in servers.values() for t in s.times)
            for s in servers.values():
                s.stop()
            db = tmp / f"archive-{n}.db"
            started = time.monotonic()
            subprocess.run([sys.executable, "-m", "crawler", "writer", "--redis", url, "--db", str(db),
                            "--until-idle", "0.5", "--log-level", "WARNING"], cwd=REPO, check=True,
                           capture_output=True)
            writer_seconds = time.monotonic() - started - 0.5
            conn = sqlite3.connect(db)
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            conn.close()
            seconds = times[-1] - times[0]
            results[n] = articles / seconds
            print(f"{n} worker(s): {articles} articles, {len(times)} requests in {seconds:.1f} s: "
                  f"{results[n]:.1f} articles/s ({results[n] / results[args.workers[0]]:.2f}x); "
                  f"writer {articles / writer_seconds:.0f} articles/s (process start included)", flush=True)
    finally:
        redis_proc.terminate()
        redis_proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
