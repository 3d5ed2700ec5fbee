#!/usr/bin/env python
"""Crawl throughput: the full pipeline against a bare Scrapy spider, same pages, same run.

A generated copy of the tagDiv demo site (>= 2,000 articles) is served on 127.0.0.1. Then, each in
a fresh process (a fresh Twisted reactor):

  full  -- `demo-tagdiv` through the real project: robots.txt, discovery from sitemap/feed/listing,
           capture, extraction, dates, language, dedupe, SQLite with FTS;
  bare  -- a spider that requests exactly the URLs the full crawl fetched (sitemaps, feed,
           listings, articles: read from the server's log of that run) and does nothing with them.

  recrawl   -- the full pipeline again over the full crawl's archive (`--full`: every article
           fetched again, found unchanged);
  reextract -- `python -m crawler reextract`'s spider over that archive: the same pipelines fed
           from the captures, no network.

Politeness is off (loopback). Prints articles/s for each, the full/bare and reextract/full ratios,
and peak RSS. The pipelines extract in EXTRACT_WORKERS processes (default: CPU count - 1), as in use.

Peak RSS is each process's own high-water mark, VmHWM in /proc/<pid>/status (Linux), which exec
resets: the crawl process reads its own at the end; a thread in it reads its extraction workers'
(spawned children) every 50 ms while they live, so a worker's growth in its last 50 ms may be
missed. (`ru_maxrss` is no use here: Linux carries the pre-exec high-water mark over exec, so every
child reported this benchmark process's size, which holds the whole generated site.) RSS counts
shared pages (libraries) in every process, so "crawler + workers" slightly overstates the total.
With --repeat, the memory columns are the largest over the runs; the time columns the best run.

    .venv/bin/python scripts/bench_crawl.py [--articles 2000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def vm_hwm_kb(pid: int | str = "self") -> int | None:
    """The process's peak resident set size (VmHWM, kB) since its exec, or None once it has gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class WorkerPeaks(threading.Thread):
    """Samples VmHWM of this process's extraction workers: its children that run multiprocessing's
    spawn_main. Workers exit (and their /proc entry loses its memory lines) before the crawl
    returns, so the peak is the last value read while each was alive."""

    def __init__(self, interval: float = 0.05, rescan: float = 0.5) -> None:
        super().__init__(name="worker-peaks", daemon=True)
        self.interval, self.rescan = interval, rescan
        self.peaks: dict[int, int] = {}          # pid -> VmHWM kB
        self._stop_event = threading.Event()
        self._seen: set[int] = set()             # every child pid looked at (workers or not)

    def _scan_children(self) -> None:
        me = str(os.getpid())
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) in self._seen:
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = f.read().rsplit(")", 1)[1].split()[1]
                if ppid != me:
                    continue
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    cmdline = f.read()
            except (OSError, IndexError):
                continue
            self._seen.add(int(entry))
            if b"spawn_main" in cmdline:         # not the resource tracker
                self.peaks[int(entry)] = 0

    def sample(self) -> None:
        for pid in self.peaks:
            kb = vm_hwm_kb(pid)
            if kb is not None and kb > self.peaks[pid]:
                self.peaks[pid] = kb

    def run(self) -> None:
        last_scan = 0.0
        while not self._stop_event.is_set():
            if time.monotonic() - last_scan >= self.rescan:
                self._scan_children()
                last_scan = time.monotonic()
            self.sample()
            self._stop_event.wait(self.interval)

    def stop(self) -> list[float]:
        self._stop_event.set()
        self.join()
        self.sample()
        return [kb / 1024 for kb in self.peaks.values() if kb]


def child(mode: str, base_url: str, local_url: str, db: str, urls_file: str) -> None:
    """Run one crawl in this process and print its figures as JSON."""
    import scrapy
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler.crawl import LOOPBACK_SETTINGS, project_settings

    timing = {}
    common = {**LOOPBACK_SETTINGS, "LOG_LEVEL": "WARNING", "ARCHIVE_DB": db}
    if mode in ("full", "recrawl"):
        settings = project_settings({**common, "HOST_MAP": {base_url: local_url}})
        spider = "demo-tagdiv"
        kwargs = {"full": "1"}
    elif mode == "reextract":
        from spiders.capture_spider import CaptureSpider

        settings = project_settings(common)
        spider, kwargs = CaptureSpider, {"site_key": "demo-tagdiv"}
    else:
        settings = project_settings({**common, "ITEM_PIPELINES": {}, "EXTENSIONS": {}, "DOWNLOADER_MIDDLEWARES": {},
                                     "ROBOTSTXT_OBEY": False})
        urls = Path(urls_file).read_text().split()

        class BareSpider(scrapy.Spider):
            name = "bare"

            async def start(self):
                for url in urls:
                    yield scrapy.Request(url.replace(base_url, local_url), callback=self.parse)

            def parse(self, response):
                self.crawler.stats.inc_value("bare/pages")

        spider, kwargs = BareSpider, {}

    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider)
    # Scrapy holds signal receivers weakly: keep named references alive for the whole crawl.
    def opened():
        timing["start"] = time.perf_counter()

    def closed():
        timing["end"] = time.perf_counter()

    crawler.signals.connect(opened, signal=signals.spider_opened)
    crawler.signals.connect(closed, signal=signals.spider_closed)
    process.crawl(crawler, **kwargs)
    workers = WorkerPeaks()
    workers.start()
    process.start()
    worker_peaks = workers.stop()
    stats = crawler.stats.get_stats()
    articles = sum(stats.get(f"archive/articles_{outcome}", 0) for outcome in ("new", "changed", "unchanged"))
    print(json.dumps({
        "mode": mode, "responses": stats.get("response_received_count", 0),
        "articles": stats.get("bare/pages", 0) if mode == "bare" else articles,
        "seconds": timing["end"] - timing["start"],
        "peak_rss_mb": vm_hwm_kb() / 1024,
        # each extraction worker's own peak (MB), sampled while it ran; empty when there were none
        "workers_peak_rss_mb": sorted(worker_peaks, reverse=True),
    }))


def run_child(*args) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1, help="runs per mode; the best of each is reported")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0

    from crawler.demo import DEMO_SITES, DemoServer, build_site
    from crawler.discovery import parse_sitemap

    base = DEMO_SITES["demo-tagdiv"]
    resources = build_site("demo-tagdiv", scale=args.articles)
    urls = []
    for path, res in resources.items():
        if path.endswith(".xml") and "sitemap" in path:
            kind, links = parse_sitemap(res.body)
            urls += [l.url for l in links if kind == "urlset"]
    with DemoServer(resources) as server, tempfile.TemporaryDirectory() as tmp:
        urls_file = Path(tmp, "urls.txt")
        urls_file.write_text("\n".join(urls))
        results = {"full": [], "bare": [], "recrawl": [], "reextract": []}
        for i in range(args.repeat):
            server.hits.clear()
            results["full"].append(run_child("full", base, server.base_url, str(Path(tmp, f"full{i}.db")), ""))
            fetched = sorted(p for p in server.hits if p != "/robots.txt")
            for mode in ("recrawl", "reextract"):
                results[mode].append(run_child(mode, base, server.base_url, str(Path(tmp, f"full{i}.db")), ""))
            urls_file.write_text("\n".join(base + p for p in fetched))
            results["bare"].append(run_child("bare", base, server.base_url, str(Path(tmp, f"bare{i}.db")),
                                             str(urls_file)))
    # Rates are per *article page*: both crawls fetch the same discovery pages on top.
    articles = results["full"][0]["articles"]
    best = {m: min(rs, key=lambda r: r["seconds"]) for m, rs in results.items()}
    rate = {m: articles / r["seconds"] for m, r in best.items()}
    # Memory is not load-sensitive: the largest peak over the runs, not the fastest run's.
    crawler_mb = {m: max(r["peak_rss_mb"] for r in rs) for m, rs in results.items()}
    worker_mb = {m: max((max(r["workers_peak_rss_mb"], default=0) for r in rs)) for m, rs in results.items()}
    nworkers = {m: max(len(r["workers_peak_rss_mb"]) for r in rs) for m, rs in results.items()}
    total_mb = {m: max(r["peak_rss_mb"] + sum(r["workers_peak_rss_mb"]) for r in rs) for m, rs in results.items()}
    print(f"generated site: {len(urls)} article URLs in the sitemap; {articles} articles archived; "
          f"Scrapy on 127.0.0.1, politeness off, one process each, best of {args.repeat}")
    print("| crawler | responses | seconds | articles/s | peak RSS, crawler (MB) "
          "| peak RSS, largest extraction worker (MB) | extraction workers | peak RSS, crawler + workers (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for mode, label in (("bare", "bare Scrapy spider (same URLs, fetch only)"),
                        ("full", "kz-news-archive full pipeline"),
                        ("recrawl", "the same again over that archive (every article unchanged)"),
                        ("reextract", "re-extraction of that archive (captures, no network)")):
        r = best[mode]
        workers = f"{worker_mb[mode]:.0f}" if nworkers[mode] else "-"
        print(f"| {label} | {r['responses']} | {r['seconds']:.1f} | {rate[mode]:.0f} | {crawler_mb[mode]:.0f} "
              f"| {workers} | {nworkers[mode]} | {total_mb[mode]:.0f} |")
    if args.repeat > 1:
        print(f"\nseconds over the {args.repeat} runs (min-max): " + "; ".join(
            f"{m} {min(r['seconds'] for r in rs):.1f}-{max(r['seconds'] for r in rs):.1f}" for m, rs in results.items()))
    print(f"\nfull / bare throughput ratio: {rate['full'] / rate['bare']:.2f} (target >= 0.50)")
    print(f"recrawl / full throughput ratio: {rate['recrawl'] / rate['full']:.2f}; "
          f"reextract / full: {rate['reextract'] / rate['full']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
