"""The archive's side of syndication and editions: copies clustered, editions linked.

Runs on the reactor thread, inside :meth:`crawler.storage.Archive.store_article`'s batch, on the
archive's one connection. The record arrives with its MinHash signature
(:func:`crawler.neardup.body_signature`, computed in the worker) and its alternates
(:func:`crawler.editions.page_alternates`).

Tables:

``near_dup_signatures`` ``(article_id PRIMARY KEY, signature BLOB)``: 512 bytes an article.
``near_dup_bands``      ``(band_key, article_id)``, its primary key (WITHOUT ROWID: one B-tree,
                        where a heap table with two indexes wrote three per row): the persisted LSH
                        index, one row per band (32) per article. A new article asks for the
                        articles sharing any of its 32 keys (one indexed ``IN`` query), then
                        compares signatures. It survives restarts and needs nothing in memory
                        (measured against an in-memory index rebuilt on open: docs/syndication.md).
``edition_refs``        ``(article_id, url)``, indexed on ``url``: the alternates each article
                        lists, so an edition archived later finds the articles that list it.
``article_links``       ``(kind, from_id, to_id)``: ``edition`` links, one row per pair of
                        editions (``from_id`` < ``to_id``), made once both ends are archived.

Columns of ``articles`` (``storage.ARCHIVE_COLUMNS``): ``cluster_id`` (the smallest article id of
the cluster, on every member; NULL for an article with no copy), ``duplicate_of`` (the earliest
copy: smallest ``published_utc``, then ``first_seen``, then id; NULL on that earliest copy itself)
and ``similarity`` (estimated Jaccard of the body's shingles to the earliest copy's; 1.0 for an
exact copy; NULL on the earliest copy).
"""

from __future__ import annotations

import sqlite3

from crawler import neardup

SCHEMA = """
CREATE TABLE IF NOT EXISTS near_dup_signatures (article_id INTEGER PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS near_dup_bands (band_key INTEGER NOT NULL, article_id INTEGER NOT NULL,
                                           PRIMARY KEY (band_key, article_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edition_refs (article_id INTEGER NOT NULL, url TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS edition_refs_url ON edition_refs (url);
CREATE INDEX IF NOT EXISTS edition_refs_article ON edition_refs (article_id);
CREATE TABLE IF NOT EXISTS article_links (kind TEXT NOT NULL, from_id INTEGER NOT NULL, to_id INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS article_links_unique ON article_links (kind, from_id, to_id);
CREATE INDEX IF NOT EXISTS article_links_to ON article_links (to_id);
"""


def ensure_schema(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("CREATE INDEX IF NOT EXISTS articles_cluster ON articles (cluster_id)")


# --- near-duplicates -------------------------------------------------------------------------

def candidates(conn: sqlite3.Connection, signature: bytes, exclude: int | None = None,
               keys: list[int] | None = None) -> list[tuple[int, float]]:
    """``(article_id, estimated Jaccard)`` of the archived articles at or above the threshold that
    share an LSH band with ``signature``."""
    keys = keys or neardup.band_keys(signature)
    rows = conn.execute(
        f"SELECT s.article_id, s.signature FROM near_dup_signatures s WHERE s.article_id IN "
        f"(SELECT DISTINCT article_id FROM near_dup_bands WHERE band_key IN ({','.join('?' * len(keys))}))",
        keys).fetchall()
    mine = neardup.from_bytes(signature)
    out = []
    for art_id, blob in rows:
        if art_id == exclude:
            continue
        sim = neardup.similarity(mine, neardup.from_bytes(blob))
        if sim >= neardup.THRESHOLD:
            out.append((art_id, sim))
    return out


def add_signature(conn: sqlite3.Connection, article_id: int, signature: bytes, keys: list[int] | None = None) -> None:
    conn.execute("INSERT OR REPLACE INTO near_dup_signatures VALUES (?, ?)", (article_id, signature))
    conn.executemany("INSERT INTO near_dup_bands VALUES (?, ?)",
                     [(key, article_id) for key in keys or neardup.band_keys(signature)])


def index_article(conn: sqlite3.Connection, article_id: int, signature: bytes | None, content_hash: str) -> None:
    """Find the new article's copies (an exact content hash, then LSH), keep its signature, and
    (re)make the cluster it belongs to."""
    matches = {row[0] for row in conn.execute(
        "SELECT id FROM articles WHERE content_hash=? AND id != ?", (content_hash, article_id))}
    if signature is not None:
        keys = neardup.band_keys(signature)
        matches.update(art_id for art_id, _ in candidates(conn, signature, exclude=article_id, keys=keys))
        add_signature(conn, article_id, signature, keys)
    if matches and not _join_cluster(conn, article_id, matches, content_hash):
        _recluster(conn, {article_id, *matches})


def _earliest_key(published_utc, first_seen, art_id) -> tuple:
    """The order of copies: dated before undated, then by date, then first sighting, then id."""
    return (published_utc is None, published_utc or "", first_seen or "", art_id)


def _join_cluster(conn: sqlite3.Connection, article_id: int, matches: set[int], content_hash: str) -> bool:
    """The common case in a few rows: every match is already in one cluster, and the new article
    is neither its earliest copy nor its smallest id. Then only the new row changes (the root,
    the cluster id and the other members' similarities stay), which is what :func:`_recluster`
    would write, without rewriting every member: an agency story reprinted 400 times cost 400
    updates per new copy. False when a full recluster is needed (clusters merge, singletons
    join, the new article is the earliest)."""
    marks = ",".join("?" * len(matches))
    clusters = {r[0] for r in conn.execute(
        f"SELECT DISTINCT cluster_id FROM articles WHERE id IN ({marks})", list(matches))}
    if len(clusters) != 1 or None in clusters:
        return False
    (cluster_id,) = clusters
    root = conn.execute(
        """SELECT a.id, a.published_utc, a.first_seen, a.content_hash, s.signature FROM articles a
           LEFT JOIN near_dup_signatures s ON s.article_id = a.id
           WHERE a.cluster_id = ? AND a.duplicate_of IS NULL""", (cluster_id,)).fetchone()
    new = conn.execute("SELECT published_utc, first_seen FROM articles WHERE id=?", (article_id,)).fetchone()
    if root is None or new is None or article_id < cluster_id or \
            _earliest_key(*new, article_id) < _earliest_key(root[1], root[2], root[0]):
        return False
    mine = conn.execute("SELECT signature FROM near_dup_signatures WHERE article_id=?", (article_id,)).fetchone()
    if content_hash == root[3]:
        sim = 1.0
    elif mine is not None and root[4] is not None:
        sim = round(neardup.similarity(mine[0], root[4]), 4)
    else:
        sim = None
    conn.execute("UPDATE articles SET cluster_id=?, duplicate_of=?, similarity=? WHERE id=?",
                 (cluster_id, root[0], sim, article_id))
    return True


def unindex_article(conn: sqlite3.Connection, article_id: int) -> None:
    """Take an article out of the index and its cluster (its text changed: it is indexed again)."""
    old = conn.execute("SELECT signature FROM near_dup_signatures WHERE article_id=?", (article_id,)).fetchone()
    if old is not None:      # its rows are found by the keys its signature gives: no index on article_id
        keys = neardup.band_keys(old[0])
        conn.execute(f"DELETE FROM near_dup_bands WHERE band_key IN ({','.join('?' * len(keys))}) AND article_id=?",
                     [*keys, article_id])
    conn.execute("DELETE FROM near_dup_signatures WHERE article_id=?", (article_id,))
    (cluster,) = conn.execute("SELECT cluster_id FROM articles WHERE id=?", (article_id,)).fetchone()
    conn.execute("UPDATE articles SET cluster_id=NULL, duplicate_of=NULL, similarity=NULL WHERE id=?", (article_id,))
    if cluster is not None:
        rest = {r[0] for r in conn.execute("SELECT id FROM articles WHERE cluster_id=?", (cluster,))}
        if len(rest) < 2:
            conn.execute("UPDATE articles SET cluster_id=NULL, duplicate_of=NULL, similarity=NULL WHERE cluster_id=?",
                         (cluster,))
        else:
            _recluster(conn, rest)


def _recluster(conn: sqlite3.Connection, seeds: set[int]) -> None:
    """One cluster of ``seeds`` and every member of the clusters they are in: its id, its earliest
    copy, and each member's similarity to it."""
    marks = ",".join("?" * len(seeds))
    clusters = [r[0] for r in conn.execute(
        f"SELECT DISTINCT cluster_id FROM articles WHERE id IN ({marks}) AND cluster_id IS NOT NULL", list(seeds))]
    members = set(seeds)
    if clusters:
        members.update(r[0] for r in conn.execute(
            f"SELECT id FROM articles WHERE cluster_id IN ({','.join('?' * len(clusters))})", clusters))
    marks = ",".join("?" * len(members))
    rows = conn.execute(
        f"""SELECT a.id, a.published_utc, a.first_seen, a.content_hash, s.signature
            FROM articles a LEFT JOIN near_dup_signatures s ON s.article_id = a.id
            WHERE a.id IN ({marks})""", list(members)).fetchall()
    root = min(rows, key=lambda r: _earliest_key(r[1], r[2], r[0]))
    cluster_id = min(members)
    updates = []
    for art_id, _, _, chash, sig in rows:
        if art_id == root[0]:
            updates.append((cluster_id, None, None, art_id))
            continue
        if chash == root[3]:
            sim = 1.0
        elif sig is not None and root[4] is not None:
            sim = round(neardup.similarity(sig, root[4]), 4)
        else:
            sim = None
        updates.append((cluster_id, root[0], sim, art_id))
    conn.executemany("UPDATE articles SET cluster_id=?, duplicate_of=?, similarity=? WHERE id=?", updates)


# --- editions --------------------------------------------------------------------------------

def _article_for(conn: sqlite3.Connection, url: str) -> int | None:
    row = conn.execute("SELECT id FROM articles WHERE canonical_url=?", (url,)).fetchone()
    if row is None:
        row = conn.execute("SELECT article_id FROM pages WHERE url=? AND article_id IS NOT NULL", (url,)).fetchone()
    return row[0] if row else None


def link(conn: sqlite3.Connection, kind: str, a: int, b: int) -> None:
    if a != b:
        conn.execute("INSERT OR IGNORE INTO article_links (kind, from_id, to_id) VALUES (?, ?, ?)",
                     (kind, min(a, b), max(a, b)))


def link_editions(conn: sqlite3.Connection, article_id: int, urls: set[str], alternates: list[dict]) -> None:
    """Keep the alternates ``article_id`` lists; link it to the archived articles it lists and to
    those that list it (by any of ``urls``: its canonical URL and the URL it was fetched from)."""
    conn.execute("DELETE FROM edition_refs WHERE article_id=?", (article_id,))
    for alt in alternates:
        conn.execute("INSERT INTO edition_refs (article_id, url) VALUES (?, ?)", (article_id, alt["url"]))
        other = _article_for(conn, alt["url"])
        if other is not None:
            link(conn, "edition", article_id, other)
    urls = sorted(u for u in urls if u)
    for (other,) in conn.execute(
            f"SELECT DISTINCT article_id FROM edition_refs WHERE url IN ({','.join('?' * len(urls))})", urls).fetchall():
        link(conn, "edition", article_id, other)
