"""Search latency at scale: top-20 newest matches on a synthetic archive of N articles.

    .venv/bin/python scripts/bench_search.py [--articles 1000000] [--db /tmp/search-bench-1M.db] [--rebuild]

The archive (built once, reused while it exists): N articles whose bodies are drawn word by word
from the vocabulary of the 17 hand-written demo articles (Kazakh Cyrillic, Kazakh Latin, Russian),
each word picked with a Zipf distribution over its frequency rank (weight 1/rank), ~110 words
(about 1.5 KB of UTF-8) a body and 8 a title, published at a random minute of 2023-2025 (so the
id order is not the time order). Stored through crawler.storage.Archive (articles_search built
by the batch path, 10,000 articles a transaction); the trigram articles_fts is dropped first, to
build only what is measured. Timed: crawler.search.find(conn, query, limit=20), median of 7 runs
after one warm-up, for a common word, a two-letter word, a rare word and a two-word query.
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.demo import _SITES                  # noqa: E402
from crawler.demo.model import P                 # noqa: E402
from crawler.search import find                  # noqa: E402
from crawler.storage import Archive              # noqa: E402

QUERIES = ["ауыл", "ел", "кітапхана", "ákim жастар", "Almaty"]


def vocabulary() -> tuple[list[str], list[float]]:
    counts = collections.Counter()
    for site in _SITES.values():
        for p in site.posts:
            if p.is_truth_article:
                counts.update(re.findall(r"\w+", p.title + " " + " ".join(b.text for b in p.blocks if isinstance(b, P))))
    words = [w for w, _ in counts.most_common()]
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    return words, list(__import__("itertools").accumulate(weights))


def build(path: Path, n: int) -> float:
    path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    a = Archive(path)
    for name in ("articles_ai", "articles_ad", "articles_au"):
        a.conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    a.conn.execute("DROP TABLE articles_fts")
    words, cum = vocabulary()
    rng = random.Random(1)
    start = datetime(2023, 1, 1, tzinfo=timezone.utc)
    minutes = 3 * 365 * 24 * 60
    t0 = time.perf_counter()
    for i in range(n):
        if i % 10000 == 0:
            a.commit()
            a._write()
            if i and i % 100000 == 0:
                print(f"  {i} articles, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        body = " ".join(rng.choices(words, cum_weights=cum, k=110))
        title = " ".join(rng.choices(words, cum_weights=cum, k=8))
        published = (start + timedelta(minutes=rng.randrange(minutes))).isoformat(timespec="seconds")
        a.conn.execute("INSERT INTO articles (site, url, canonical_url, title, body_text, language, published_utc) "
                       "VALUES (?, ?, ?, ?, ?, 'kk', ?)", (f"s{i % 20}", f"u{i}", f"u{i}", title, body, published))
    a.commit()
    seconds = time.perf_counter() - t0
    a.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    a.close()
    return seconds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--db", default="/tmp/search-bench-1M.db")
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args(argv)
    db = Path(args.db)
    if args.rebuild or not db.exists():
        print(f"building {db} ({args.articles} articles)...", file=sys.stderr)
        seconds = build(db, args.articles)
        print(f"built in {seconds:.0f} s ({seconds / args.articles * 1e6:.0f} µs an article, articles_search included)")
    import sqlite3

    conn = sqlite3.connect(db)         # read only; the bench archive has no trigram triggers
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    pages = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    search_bytes = sum(v for k, v in pages.items() if k.startswith("articles_search"))
    total = sum(pages.values())
    print(f"{n} articles; file {total / 1e6:.0f} MB, articles_search {search_bytes / 1e6:.0f} MB, "
          f"articles {pages.get('articles', 0) / 1e6:.0f} MB")
    for q in QUERIES:
        find(conn, q, limit=20)            # warm-up
        times = []
        for _ in range(7):
            t = time.perf_counter()
            rows = find(conn, q, limit=20)
            times.append((time.perf_counter() - t) * 1000)
        print(f"{q!r:16} top-20 newest: median {statistics.median(times):6.1f} ms (min {min(times):.1f}, "
              f"max {max(times):.1f}), {len(rows)} rows")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
