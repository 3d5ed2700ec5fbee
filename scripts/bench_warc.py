#!/usr/bin/env python
"""What WARC captures cost, measured without a crawl (the machine may be busy):

  record  -- crawler.warc.WarcRecorder per response: on the reactor thread (a copy of the
             response queued; the warc_records row), in its writer thread (digest, revisit
             lookup, request/response/metadata records, gzip per record, write), and CPU in all; over the pages of a generated tagDiv demo site (real article sizes);
  read    -- Archive.capture_html per capture: today's zlib blob against the WARC record (read at
             its offset, decompressed, decoded as the crawl decodes a response).

  --crawl -- the whole thing: `python -m crawler crawl` of the generated site served on 127.0.0.1
             (as scripts/bench_crawl.py's full row), WARC on and off, alternated, each in a fresh
             process and a fresh archive.

CPU time (process_time) and wall time, best of --repeat.

    .venv/bin/python scripts/bench_warc.py [--articles 2000] [--repeat 3] [--level 3] [--crawl]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--level", type=int, default=3, help="WARC_GZIP_LEVEL")
    parser.add_argument("--crawl", action="store_true", help="time whole crawls, WARC on against off")
    args = parser.parse_args()
    if args.crawl:
        return crawl_pair(args)

    from scrapy.http import HtmlResponse, Request
    from scrapy.settings import Settings
    from scrapy.statscollectors import MemoryStatsCollector

    from crawler.demo import DEMO_SITES, build_site
    from crawler.storage import Archive, pack_capture
    from crawler.warc import WarcRecorder

    base = DEMO_SITES["demo-tagdiv"]
    site = build_site("demo-tagdiv", scale=args.articles)
    pages = [(base + path, res) for path, res in site.items() if res.status == 200]
    size = sum(len(r.body) for _, r in pages)
    print(f"{len(pages)} responses, {size / len(pages) / 1024:.1f} KiB on average, gzip level {args.level}")

    best = {}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "a.db"
            archive = Archive(db)
            ext = SimpleNamespace(archive=archive, run_id=1, before_finish=[])
            crawler = SimpleNamespace(settings=Settings({"ARCHIVE_DB": str(db), "WARC_ENABLED": True, "WARC_DIR": "",
                                                         "WARC_MAX_SIZE": 1024 ** 3, "WARC_GZIP_LEVEL": args.level}),
                                      spider=None, get_extension=lambda cls: ext)
            crawler.stats = MemoryStatsCollector(crawler)
            mw = WarcRecorder(crawler)
            spider = SimpleNamespace(name="demo-tagdiv", site=SimpleNamespace(key="demo-tagdiv"))
            responses = []
            for url, res in pages:
                req = Request(url, meta={"discovered_via": "sitemap", "via_url": base + "/sitemap.xml"})
                responses.append((req, HtmlResponse(url, status=200, body=res.body, request=req,
                                                    headers={"Content-Type": res.content_type})))
            c0, w0 = time.process_time(), time.perf_counter()
            for req, resp in responses:
                mw.process_response(req, resp, spider)
            r1 = time.perf_counter()
            mw.finish()                    # waits for the writer thread; stores the warc_records rows
            archive.commit()
            c1, w1 = time.process_time(), time.perf_counter()
            n = len(pages)
            for key, secs in (("record, reactor thread only", mw.reactor_seconds),
                              ("record, writer thread (busy)", mw.writer_seconds)):
                best[key] = min(best.get(key, (9e9, 9e9)), (secs / n, secs / n))
            best["record, all threads"] = min(best.get("record, all threads", (9e9, 9e9)), ((c1 - c0) / n, (w1 - w0) / n))

            # the same pages as captures, twice: zlib blobs (today) and WARC records
            zl = Archive(Path(tmp) / "z.db")
            zl_ids, warc_ids = [], []
            for (req, resp), (url, res) in zip(responses, pages):
                html = resp.text
                zl_ids.append(zl.store_capture(url=url, packed=pack_capture(html), encoding="utf-8", status=200,
                                               fetched_at="2025-01-01T00:00:00+00:00"))
                warc_ids.append(archive.store_capture(url=url, packed=pack_capture(html, False), encoding="utf-8",
                                                      status=200, fetched_at="2025-01-01T00:00:00+00:00",
                                                      warc=req.meta["warc"].result()))
            zl.commit()
            archive.commit()
            for name, arch, ids in (("read zlib", zl, zl_ids), ("read warc", archive, warc_ids)):
                c0, w0 = time.process_time(), time.perf_counter()
                for cap_id in ids:
                    arch.capture_html(cap_id)
                c1, w1 = time.process_time(), time.perf_counter()
                best[name] = min(best.get(name, (9e9, 9e9)), ((c1 - c0) / len(ids), (w1 - w0) / len(ids)))
            warc_bytes = sum(f.stat().st_size for f in Path(f"{db}.warcs").rglob("*.warc.gz"))
            zl.close()
            archive.close()
    print(f"WARC files: {warc_bytes / 1024 / 1024:.1f} MiB for {size / 1024 / 1024:.1f} MiB of payload")
    print("| step | CPU ms per page | wall ms per page |   (thread rows: wall time in that thread)")
    print("|---|---:|---:|")
    for name, (cpu, wall) in best.items():
        print(f"| {name} | {cpu * 1000:.3f} | {wall * 1000:.3f} |")
    return 0


def crawl_pair(args) -> int:
    """Whole crawls, WARC on against off; then ``reextract`` over each archive (from the WARC
    records against from the zlib blobs), alternated."""
    import subprocess

    from crawler.demo import DEMO_SITES, DemoServer, build_site

    best: dict[str, float] = {}
    keep = tempfile.TemporaryDirectory()
    dbs = {}
    with DemoServer(build_site("demo-tagdiv", scale=args.articles)) as server:
        for run in range(args.repeat):
            for warc in ("True", "False"):
                with tempfile.TemporaryDirectory() as tmp:
                    db = Path(tmp if run else keep.name) / f"{warc}.db"
                    if not run:
                        dbs[warc] = db          # the first run's archives are re-extracted below
                    started = time.perf_counter()
                    proc = subprocess.run(
                        [sys.executable, "-m", "crawler", "crawl", "demo-tagdiv", "--db", str(db), "--loopback",
                         "--host-map", f"{DEMO_SITES['demo-tagdiv']}={server.base_url}", "--quiet",
                         "-s", f"WARC_ENABLED={warc}", "-s", f"WARC_GZIP_LEVEL={args.level}"],
                        cwd=REPO, capture_output=True, text=True)
                    seconds = time.perf_counter() - started
                    if proc.returncode not in (0, 3):
                        print(proc.stderr[-2000:])
                        return 1
                    best[warc] = min(best.get(warc, 9e9), seconds)
                    print(f"WARC_ENABLED={warc}: {seconds:.1f} s")
    print(f"crawl, best of {args.repeat}: WARC on {best['True']:.1f} s, off {best['False']:.1f} s: "
          f"throughput with WARC = {best['False'] / best['True']:.2f} of without")
    rx: dict[str, float] = {}
    for _ in range(args.repeat):
        for warc in ("True", "False"):
            started = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "crawler", "reextract", "demo-tagdiv", "--db", str(dbs[warc]),
                                   "--quiet"], cwd=REPO, capture_output=True, text=True)
            seconds = time.perf_counter() - started
            if proc.returncode not in (0, 3):
                print(proc.stderr[-2000:])
                return 1
            rx[warc] = min(rx.get(warc, 9e9), seconds)
            print(f"reextract from {'WARC records' if warc == 'True' else 'zlib blobs'}: {seconds:.1f} s")
    print(f"reextract, best of {args.repeat}: from WARC {rx['True']:.1f} s, from zlib {rx['False']:.1f} s: "
          f"rate from WARC = {rx['False'] / rx['True']:.2f} of from zlib")
    keep.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
