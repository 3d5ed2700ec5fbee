"""Near-duplicate detection: precision/recall on the syndication corpus, and throughput.

    .venv/bin/python scripts/eval_near_duplicates.py [--index-size 100000] [--queries 2000]

1. Crawls the syndication test corpus (tests/syndication_corpus.py: the demo sites with exact
   copies, reprints and editions) with the real engine into a temporary archive and scores the
   archive's clusters against tests/fixtures/syndication/truth.json, pair by pair (two articles
   are a predicted pair when they share a cluster_id). Then, from the archived bodies, the same
   score for other shingle sizes and thresholds (connected components of the pairs whose
   estimated Jaccard reaches the threshold): how SHINGLE_WORDS and THRESHOLD were chosen.
2. Throughput on one core (CPU time of this process): signature + LSH query + insert per new
   article against a persisted index of ``--index-size`` articles (SQLite tables, as the crawl
   uses them), and the alternative, an in-memory band index rebuilt when the archive is opened.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler import neardup, syndication  # noqa: E402
from crawler.storage import ARCHIVE_CACHE_KIB  # noqa: E402


def crawl_corpus(db: Path) -> None:
    import subprocess

    from crawler.demo import DEMO_SITES, DemoServer
    from tests import syndication_corpus as corpus

    servers = {key: DemoServer(corpus.build_site(key)).start() for key in DEMO_SITES}
    try:
        args = [a for k, s in servers.items() for a in ("--host-map", f"{DEMO_SITES[k]}={s.base_url}")]
        subprocess.run([sys.executable, "-m", "crawler", "crawl", *DEMO_SITES, *args, "--db", str(db), "--loopback",
                        "--quiet"], cwd=REPO, check=False, capture_output=True, timeout=600)
    finally:
        for s in servers.values():
            s.stop()


def pairs_of(groups: dict) -> set[tuple[str, str]]:
    out = set()
    for members in groups.values():
        out.update(itertools.combinations(sorted(members), 2))
    return out


def score(predicted: set, truth: set) -> tuple[float, float, int, int, int]:
    tp = len(predicted & truth)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(truth) if truth else 1.0
    return p, r, tp, len(predicted - truth), len(truth - predicted)


def components(urls: list[str], edges: set[tuple[str, str]]) -> dict[str, set[str]]:
    parent = {u: u for u in urls}

    def find(u):
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for u in urls:
        groups.setdefault(find(u), set()).add(u)
    return {k: v for k, v in groups.items() if len(v) > 1}


def quality(db: Path) -> None:
    from tests import syndication_corpus as corpus

    truth = json.loads(corpus.TRUTH_PATH.read_text("utf-8"))["articles"]
    truth_groups: dict[int, set[str]] = {}
    for url, t in truth.items():
        if t["cluster"]:
            truth_groups.setdefault(t["cluster"], set()).add(url)
    truth_pairs = pairs_of(truth_groups)
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT canonical_url, cluster_id, body_text FROM articles").fetchall()
    got_groups: dict[int, set[str]] = {}
    for url, cid, _ in rows:
        if cid is not None:
            got_groups.setdefault(cid, set()).add(url)
    p, r, tp, fp, fn = score(pairs_of(got_groups), truth_pairs)
    print(f"corpus: {len(rows)} articles, {len(truth_groups)} true clusters, {len(truth_pairs)} true copy pairs")
    print(f"the crawl's clusters (k={neardup.SHINGLE_WORDS}, threshold={neardup.THRESHOLD}): "
          f"precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    urls = [u for u, _, _ in rows]
    bodies = {u: b for u, _, b in rows}
    print("\nshingle words x threshold (pairwise P/R of the connected components; exact Jaccard of")
    print("the true pairs: min; of all other pairs: max):")
    print("  k   min J(copies)  max J(others)   " + "  ".join(f"t={t:.1f} P/R" for t in (0.3, 0.4, 0.5, 0.6, 0.7)))
    for k in (3, 4, 5, 7, 9):
        sh = {u: neardup.shingles(b, k) for u, b in bodies.items()}
        sigs = {u: neardup.body_signature(b, k) for u, b in bodies.items()}
        exact = {}
        for a, b in itertools.combinations(sorted(urls), 2):
            union = sh[a] | sh[b]
            exact[(a, b)] = len(sh[a] & sh[b]) / len(union) if union else 0.0
        lo = min(exact[pr] for pr in truth_pairs)
        hi = max(v for pr, v in exact.items() if pr not in truth_pairs)
        cells = []
        for t in (0.3, 0.4, 0.5, 0.6, 0.7):
            edges = {(a, b) for a, b in exact if sigs[a] and sigs[b] and neardup.similarity(sigs[a], sigs[b]) >= t}
            p, r, *_ = score(pairs_of(components(urls, edges)), truth_pairs)
            cells.append(f"{p:.2f}/{r:.2f}  ")
        print(f"  {k}   {lo:.3f}          {hi:.3f}           " + "  ".join(cells))


def synthetic_bodies(n: int, seed: int, words_per: int = 300) -> list[str]:
    from crawler.demo import load_truth

    vocab = sorted({w for a in load_truth()["articles"] for p in a["body_paragraphs"] for w in p.split()})
    rng = random.Random(seed)
    return [" ".join(rng.choices(vocab, k=words_per)) for _ in range(n)]


def throughput(index_size: int, queries: int) -> None:
    from crawler.demo.content_tagdiv import SITE
    from crawler.demo.scale import scaled_site

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "index.db"
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute(f"PRAGMA cache_size=-{ARCHIVE_CACHE_KIB}")     # as the archive's connection has it
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, cluster_id INTEGER, content_hash TEXT)")
        syndication.ensure_schema(conn)
        t0 = time.perf_counter()
        conn.execute("BEGIN")
        for i, body in enumerate(synthetic_bodies(index_size, 1), 1):
            syndication.add_signature(conn, i, neardup.body_signature(body))
        conn.execute("COMMIT")
        print(f"\nindex: {index_size} articles (synthetic 300-word bodies) built in {time.perf_counter() - t0:.0f} s; "
              f"file {db.stat().st_size / 1e6:.0f} MB")
        # new articles: the scaled demo generator's bodies (real paragraphs, about 100 words) and
        # synthetic 300-word ones
        for label, bodies in (("demo-generated bodies (~100 words)",
                               ["\n\n".join(p.paragraphs()) for p in scaled_site(SITE, queries).posts]),
                              ("synthetic bodies (300 words)", synthetic_bodies(queries, 2))):
            conn.execute("BEGIN")
            c0 = time.process_time()
            found = 0
            for j, body in enumerate(bodies):
                sig = neardup.body_signature(body)
                keys = neardup.band_keys(sig)
                found += len(syndication.candidates(conn, sig, keys=keys))
                syndication.add_signature(conn, index_size + 1 + j, sig, keys)
            cpu = time.process_time() - c0
            conn.execute("ROLLBACK")
            print(f"persisted index, {label}: {len(bodies) / cpu:,.0f} articles/s on one core "
                  f"(signature + LSH query + insert; {found} candidates over the threshold)")
        # the alternative: every band key in memory, rebuilt on open
        c0 = time.process_time()
        mem: dict[int, list[int]] = {}
        for key, art in conn.execute("SELECT band_key, article_id FROM near_dup_bands"):
            mem.setdefault(key, []).append(art)
        sigs = dict(conn.execute("SELECT article_id, signature FROM near_dup_signatures"))
        rebuild = time.process_time() - c0
        c0 = time.process_time()
        for body in bodies:
            sig = neardup.body_signature(body)
            cands = {a for k in neardup.band_keys(sig) for a in mem.get(k, ())}
            [neardup.similarity(sig, sigs[a]) for a in cands]
        cpu = time.process_time() - c0
        print(f"in-memory index: rebuilt on open in {rebuild:.1f} s CPU; {len(bodies) / cpu:,.0f} articles/s "
              f"(signature + query, no persistence)")
        conn.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index-size", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--skip-crawl", action="store_true", help="throughput only")
    args = ap.parse_args(argv)
    if not args.skip_crawl:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "archive.db"
            crawl_corpus(db)
            quality(db)
    throughput(args.index_size, args.queries)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
