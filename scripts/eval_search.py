"""Recall@10 and precision@10 of three search indexes on the judged query set.

    .venv/bin/python scripts/eval_search.py [--scale 500] [--db /tmp/search-eval.db] [--judge]

The archive: the 17 hand-written demo articles plus ``build_site(key, scale=N)``'s generated
articles of both demo sites (crawler/demo/scale.py: paragraphs of the hand-written articles of the
same language, new dates, place-name headlines), stored straight into an archive (no crawl). The
queries and how relevance is judged: tests/fixtures/search/queries.json, docs/search.md.
``--judge`` writes each query's relevant article ids (by the judged forms) into queries.json.

Every system returns its matches newest first (published_utc), top 10:
  plain    FTS5 unicode61 over the raw title and body; each typed term quoted (Datasette's escaping)
  trigram  the archive's articles_fts (trigram tokenizer), the same quoting
  new      articles_search through crawler.search.find (folded text, prefix words)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.demo import _SITES                    # noqa: E402
from crawler.demo.model import P                   # noqa: E402
from crawler.demo.scale import scaled_site         # noqa: E402
from crawler.search import find                    # noqa: E402
from crawler.storage import Archive                # noqa: E402

QUERIES = ROOT / "tests/fixtures/search/queries.json"


def demo_posts(scale: int):
    """(site, slug, language, published, title, body) of the hand-written and generated articles."""
    for key, site in _SITES.items():
        posts = [p for p in site.posts if p.is_truth_article]
        if scale > 1:
            posts += scaled_site(site, scale).posts
        for p in posts:
            body = "\n".join(b.text for b in p.blocks if isinstance(b, P))
            yield key, p.slug, p.language, p.published, p.title, body


def build_archive(path: Path, scale: int) -> None:
    path.unlink(missing_ok=True)
    a = Archive(path)
    a._write()
    for site, slug, lang, published, title, body in demo_posts(scale):
        utc = datetime.fromisoformat(published).astimezone(timezone.utc).isoformat(timespec="seconds")
        url = f"https://{site}.test/{slug}/"
        a.conn.execute("INSERT INTO articles (site, url, canonical_url, title, body_text, language, published, "
                       "published_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (site, url, url, title, body, lang, published, utc))
    a.commit()
    a.conn.execute("CREATE VIRTUAL TABLE eval_plain USING fts5(title, body_text, content='articles', "
                   "content_rowid='id', tokenize='unicode61')")
    a.conn.execute("INSERT INTO eval_plain(eval_plain) VALUES('rebuild')")
    a.close()


def _pattern(form: str, whole: bool) -> str:
    tail = r"(?!\w)" if whole or form.endswith(" ") else ""
    return r"(?<!\w)" + re.escape(form.strip().lower()) + tail


def judge(conn, query: dict) -> list[int]:
    """Relevant ids: the title or body holds one of the judged forms at a word start (every group of
    ``all_of``); ``whole_words``: as a whole word. Case-insensitive, no folding."""
    groups = query.get("all_of") or [query["any_of"]]
    pats = [re.compile("|".join(_pattern(f, query.get("whole_words")) for f in g)) for g in groups]
    ids = []
    for art_id, title, body in conn.execute("SELECT id, title, body_text FROM articles ORDER BY id"):
        text = f"{title}\n{body}".lower()
        if all(p.search(text) for p in pats):
            ids.append(art_id)
    return ids


def escaped(text: str) -> str:
    """Datasette's escaped search: every whitespace-separated term in double quotes."""
    terms = [t.replace('"', "") for t in text.split()]
    return " ".join(f'"{t}"' for t in terms if t)


def top10(conn, system: str, text: str) -> list[int]:
    if system == "new":
        return [r["id"] for r in find(conn, text, limit=10)]
    table = {"plain": "eval_plain", "trigram": "articles_fts"}[system]
    try:
        return [r[0] for r in conn.execute(
            f"SELECT a.id FROM {table} f JOIN articles a ON a.id = f.rowid WHERE {table} MATCH ? "
            "ORDER BY a.published_utc DESC LIMIT 10", (escaped(text),))]
    except Exception:          # an error page is no results
        return []


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=500, help="generated articles per demo site")
    ap.add_argument("--db", default="/tmp/search-eval.db")
    ap.add_argument("--judge", action="store_true", help="write the relevant ids into queries.json")
    ap.add_argument("--per-query", action="store_true")
    args = ap.parse_args(argv)
    db = Path(args.db)
    build_archive(db, args.scale)
    spec = json.loads(QUERIES.read_text("utf-8"))
    a = Archive(db)
    conn = a.conn
    n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    for q in spec["queries"]:
        rel = judge(conn, q)
        if args.judge:
            q["relevant"] = rel
        elif q.get("relevant") != rel:
            print(f"{q['id']}: the archive differs from the judged one (run with --judge and review)", file=sys.stderr)
            return 1
    if args.judge:
        spec["archive"] = {"scale": args.scale, "articles": n_articles}
        QUERIES.write_text(json.dumps(spec, ensure_ascii=False, indent=1) + "\n", "utf-8")
    systems = ("plain", "trigram", "new")
    totals = {s: [0.0, 0.0] for s in systems}
    by_kind: dict[str, dict[str, list[float]]] = {}
    for q in spec["queries"]:
        rel = set(q["relevant"])
        line = [f"{q['id']} {q['query']!r:28} rel={len(rel):4}"]
        for s in systems:
            got = top10(conn, s, q["query"])
            hits = len(rel.intersection(got))
            recall = hits / min(10, len(rel)) if rel else 1.0
            precision = hits / len(got) if got else 0.0
            totals[s][0] += recall
            totals[s][1] += precision
            k = by_kind.setdefault(q["kind"], {}).setdefault(s, [0.0, 0.0, 0])
            k[0] += recall
            k[1] += precision
            k[2] += 1
            line.append(f"{s} R={recall:.2f} P={precision:.2f}")
        if args.per_query:
            print("  ".join(line))
    a.close()
    n = len(spec["queries"])
    print(f"\n{n} queries, {n_articles} articles (scale {args.scale} per demo site)\n")
    print("| queries | n | " + " | ".join(f"{s} R@10 | {s} P@10" for s in systems) + " |")
    print("|---|---|" + "---|---|" * len(systems))
    for kind, per in by_kind.items():
        cnt = per[systems[0]][2]
        print(f"| {kind} | {cnt} | " + " | ".join(f"{per[s][0] / cnt:.2f} | {per[s][1] / cnt:.2f}" for s in systems) + " |")
    print(f"| **all** | {n} | " + " | ".join(f"**{totals[s][0] / n:.2f}** | **{totals[s][1] / n:.2f}**" for s in systems) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
