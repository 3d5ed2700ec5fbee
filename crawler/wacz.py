"""``python -m crawler export --format wacz``: the archive's WARC files as one WACZ.

WACZ (Web Archive Collection Zipped, https://specs.webrecorder.net/wacz/1.1.1/) is what
ReplayWeb.page and pywb open: the WARC files under ``archive/``, a CDXJ index, ``pages/pages.jsonl``
and ``datapackage.json`` with every file's hash. It is made by py-wacz (``wacz create``), which
also writes the CDXJ index (cdxj-indexer).

The selection is by whole WARC files, so the exported files are byte for byte the archive's (their
hashes can be checked against the originals): a file is included when it holds a response,
revisit or migrated resource record of the chosen sites fetched on or after ``--since``, and so is
the file holding the original of every revisit among them. The pages list is the selection's
articles (URL, fetch time, title).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from crawler.warc import resolve_path


def select(db: str, sites=None, since: str | None = None) -> tuple[list[Path], list[dict]]:
    """``(WARC files, pages)`` of the selection."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        where, params = ["1=1"], []
        if sites:
            where.append(f"site IN ({','.join('?' * len(sites))})")
            params += list(sites)
        if since:
            where.append("fetched_at >= ?")
            params.append(since)
        cond = " AND ".join(where)
        files = [r[0] for r in conn.execute(
            f"""SELECT warc_file FROM warc_records WHERE {cond}
                UNION SELECT o.warc_file FROM warc_records o
                  WHERE o.record_id IN (SELECT refers_to FROM warc_records WHERE {cond} AND refers_to IS NOT NULL)
                ORDER BY 1""", params + params)]
        acond = cond.replace("site IN", "a.site IN").replace("fetched_at", "c.fetched_at")
        # ts: the record's WARC-Date (to the second), which the index and replay tools key pages on
        pages = [{"id": str(aid), "url": url, "ts": ts[:19] + "Z", "title": title}
                 for aid, url, ts, title in conn.execute(
                     f"""SELECT a.id, c.url, w.warc_date, a.title FROM articles a JOIN captures c ON c.id = a.capture_id
                         JOIN warc_records w ON w.warc_file = c.warc_file AND w.warc_offset = c.warc_offset
                         WHERE {acond} ORDER BY a.id""", params)]
    finally:
        conn.close()
    return [resolve_path(f, db) for f in files], pages


def export_wacz(db: str, output: str, *, sites=None, since: str | None = None, title: str | None = None) -> dict:
    """Write ``output`` (.wacz); returns ``{"warcs": n, "pages": n}``. Raises ValueError when the
    selection is empty or a WARC file is missing."""
    from wacz.main import main as wacz_main

    files, pages = select(db, sites, since)
    if not files:
        raise ValueError("no WARC records match (has the archive been crawled with WARC_ENABLED, "
                         "or migrated with `python -m crawler warc-migrate`?)")
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise ValueError(f"WARC file(s) missing: {', '.join(missing[:3])}")
    with tempfile.TemporaryDirectory() as tmp:
        pages_file = Path(tmp) / "pages.jsonl"
        with pages_file.open("w", encoding="utf-8") as out:
            out.write(json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}) + "\n")
            for page in pages:
                out.write(json.dumps(page, ensure_ascii=False) + "\n")
        args = ["create", "-o", str(output), "-p", str(pages_file),
                "--title", title or f"kz-news-archive: {', '.join(sites) if sites else 'all sites'}"]
        code = wacz_main(args + [str(f) for f in files])
    if code:
        raise ValueError(f"wacz create failed (exit {code})")
    return {"warcs": len(files), "pages": len(pages)}
