"""Site-template learning: text blocks that repeat across many pages of one site are chrome.

A theme nobody profiled still repeats itself: the same subscription prompt, the same "read our
Telegram" line, the same menu labels that a generic extractor lets through. Counting, per site,
on how many distinct articles each body block occurs finds them without knowing the markup. A
block is chrome once it was seen on at least ``min_pages`` articles *and* on at least
``min_share`` of all articles learned from that site: real paragraphs are not repeated across
half of a site's stories; chrome is repeated on nearly all of them.

Counts persist in the archive (``template_blocks``, ``template_sites``), so a site gets cleaner as
it is crawled, across runs. Each article is learned from once, when it is first archived.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from functools import lru_cache

from crawler.text import collapse_whitespace


@lru_cache(maxsize=8192)     # the stage keys each block twice (observe, strip); chrome recurs on every page
def block_key(text: str) -> str:
    """A short, stable key for a block's text (case- and whitespace-insensitive).

    Keys are stored in the archive: the normalisation must not change (collapse_whitespace gives the
    string the former ``re.sub(r"\\s+", " ", text).strip()`` gave, ``tests/test_text.py``)."""
    norm = collapse_whitespace(text).casefold()
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


class SiteTemplates:
    """Block counts per site, in memory; :meth:`save` writes what changed to the archive."""

    def __init__(self, min_pages: int = 8, min_share: float = 0.5):
        self.min_pages, self.min_share = min_pages, min_share
        self.pages: dict[str, int] = defaultdict(int)
        self.counts: dict[str, dict[str, int]] = defaultdict(dict)
        self.samples: dict[tuple[str, str], str] = {}
        self._dirty: set[tuple[str, str]] = set()
        self._dirty_sites: set[str] = set()

    def observe(self, site: str, texts) -> None:
        """Learn from one article's body blocks."""
        self.pages[site] += 1
        self._dirty_sites.add(site)
        counts = self.counts[site]
        seen = set()
        for text in texts:
            key = block_key(text)
            if key in seen:
                continue
            seen.add(key)
            counts[key] = counts.get(key, 0) + 1
            self.samples.setdefault((site, key), text[:200])
            self._dirty.add((site, key))

    def is_chrome(self, site: str, text: str) -> bool:
        count = self.counts[site].get(block_key(text), 0)
        return count >= self.min_pages and count >= self.min_share * self.pages[site]

    def strip(self, site: str, blocks):
        """``blocks`` without the learned chrome: ``(kept, dropped)`` lists of ``(tag, text)``."""
        kept, dropped = [], []
        for block in blocks:
            (dropped if self.is_chrome(site, block[1]) else kept).append(block)
        return kept, dropped

    # --- persistence -------------------------------------------------------------------------
    @staticmethod
    def ensure_schema(db) -> None:
        if "template_sites" not in db.table_names():
            db["template_sites"].create({"site": str, "pages": int}, pk="site")
        if "template_blocks" not in db.table_names():
            db["template_blocks"].create({"site": str, "block": str, "pages": int, "sample": str},
                                         pk=("site", "block"))

    def load(self, conn, site: str) -> None:
        row = conn.execute("SELECT pages FROM template_sites WHERE site=?", (site,)).fetchone()
        self.pages[site] = row[0] if row else 0
        self.counts[site] = dict(conn.execute("SELECT block, pages FROM template_blocks WHERE site=?", (site,)))

    def save(self, conn) -> None:
        for site in self._dirty_sites:
            conn.execute("INSERT INTO template_sites (site, pages) VALUES (?, ?) "
                         "ON CONFLICT(site) DO UPDATE SET pages=excluded.pages", (site, self.pages[site]))
        conn.executemany(
            "INSERT INTO template_blocks (site, block, pages, sample) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(site, block) DO UPDATE SET pages=excluded.pages",
            [(site, key, self.counts[site][key], self.samples.get((site, key), "")) for site, key in self._dirty])
        self._dirty.clear()
        self._dirty_sites.clear()
