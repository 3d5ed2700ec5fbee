"""``python -m crawler export``: the archive's articles as JSON Lines, CSV or Parquet, streamed.

Formats dispatch through :data:`EXPORTERS` (``{format: function(rows, out)}``): a new format is one
function and one entry. Every exporter takes an iterator of row dicts straight off the SQLite
cursor and writes as it goes, so memory stays flat whatever the archive's size (Parquet: one row
group per :data:`PARQUET_ROW_GROUP` rows).

Columns: ``id``, then the fields of :meth:`crawler.record.ArticleRecord.to_json` in their order
(``published_utc`` among them), then the archive's ``version``, ``first_seen`` and ``last_seen``.
``authors``, ``tags`` and ``captions`` are lists in JSON Lines and Parquet, JSON text in CSV.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from dataclasses import fields
from typing import IO, Callable, Iterator

from crawler.record import ArticleRecord

RECORD_FIELDS = [f.name for f in fields(ArticleRecord) if f.metadata.get("stored", True)]
LIST_FIELDS = [f.name for f in fields(ArticleRecord) if f.metadata.get("json")]
COLUMNS = ["id", *RECORD_FIELDS, "version", "first_seen", "last_seen"]
PARQUET_ROW_GROUP = 5000
FETCH = 500


class ExportError(ValueError):
    """A filter or option that cannot be used; ``str()`` is one line."""


def query(db: str, *, site=None, lang=None, since=None, until=None, text=None) -> tuple[str, list]:
    """The SELECT and its parameters for the filters (all optional).

    ``since``/``until`` compare with ``published_utc`` (a date ``YYYY-MM-DD`` or a full ISO time;
    ``until`` of a bare date includes that whole day). ``text`` is a plain phrase matched in the
    title or the body (a case-insensitive substring, any script: no FTS syntax to get wrong)."""
    where, params = [], []
    if site:
        where.append("site = ?")
        params.append(site)
    if lang:
        where.append("language = ?")
        params.append(lang)
    if since:
        where.append("published_utc >= ?")
        params.append(since)
    if until:
        where.append("published_utc < ?" if len(until) == 10 else "published_utc <= ?")
        params.append(until + "T99" if len(until) == 10 else until)   # "T99" sorts after any time that day
    if text:
        where.append("(instr(casefold(title), ?) > 0 OR instr(casefold(body_text), ?) > 0)")
        params += [text.casefold(), text.casefold()]
    cols = ", ".join(f'"{c}"' for c in COLUMNS)
    sql = f"SELECT {cols} FROM articles" + (f" WHERE {' AND '.join(where)}" if where else "")
    return sql + " ORDER BY published_utc, id", params


def iter_rows(conn: sqlite3.Connection, sql: str, params) -> Iterator[dict]:
    """Rows as dicts with the list columns decoded, FETCH at a time off the cursor."""
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    while True:
        batch = cur.fetchmany(FETCH)
        if not batch:
            return
        for values in batch:
            row = dict(zip(names, values))
            for name in LIST_FIELDS:
                row[name] = json.loads(row[name]) if row[name] else []
            yield row


def export_jsonl(rows: Iterator[dict], out: IO[bytes]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        n += 1
    return n


def export_csv(rows: Iterator[dict], out: IO[bytes]) -> int:
    import io

    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for row in rows:
        for name in LIST_FIELDS:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        writer.writerow(row)
        n += 1
    text.flush()
    text.detach()   # leave ``out`` open for the caller
    return n


def _parquet_schema():
    import pyarrow as pa

    types = {"id": pa.int64(), "version": pa.int64()}
    return pa.schema([(c, pa.list_(pa.string()) if c in LIST_FIELDS else types.get(c, pa.string()))
                      for c in COLUMNS])


def export_parquet(rows: Iterator[dict], out: IO[bytes]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("parquet needs pyarrow: pip install 'kz-news-archive[parquet]' "
                          "(or pip install pyarrow)") from None
    schema = _parquet_schema()
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        chunk: list[dict] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= PARQUET_ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk or not n:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


# Every format: name -> function(rows, binary output) -> number of articles written.
EXPORTERS: dict[str, Callable[[Iterator[dict], IO[bytes]], int]] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "parquet": export_parquet,
}


def export(db: str, fmt: str, out: IO[bytes], **filters) -> int:
    """Write the articles matching ``filters`` (see :func:`query`) to ``out`` in format ``fmt``."""
    if fmt not in EXPORTERS:
        raise ExportError(f"unknown format {fmt!r}; known: {', '.join(EXPORTERS)}")
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    # SQLite's lower() folds ASCII only: Kazakh and Russian need Python's casefold.
    conn.create_function("casefold", 1, lambda s: s.casefold() if s else "", deterministic=True)
    try:
        sql, params = query(db, **filters)
        return EXPORTERS[fmt](iter_rows(conn, sql, params), out)
    finally:
        conn.close()


def add_parser(sub) -> None:
    """The ``export`` sub-command's parser (called by :func:`crawler.cli.build_parser`)."""
    p = sub.add_parser("export", help="write the archive's articles as jsonl, csv or parquet (streamed)",
                       description="Write the archive's articles, oldest first, as JSON Lines, CSV or Parquet. "
                                   "Streams: memory stays flat whatever the archive's size.")
    p.add_argument("--format", required=True, choices=sorted([*EXPORTERS, "wacz"]),
                   help="output format; wacz: the WARC files with a CDXJ index and a pages list, for replay "
                        "tools (ReplayWeb.page, pywb); it takes --site and --since and needs --output FILE")
    p.add_argument("--db", default="archive.db")
    p.add_argument("--site", help="only this site (registry key)")
    p.add_argument("--lang", help="only this language (kk, kk-Latn, ru...)")
    p.add_argument("--since", metavar="DATE", help="published on or after (UTC; YYYY-MM-DD or ISO 8601)")
    p.add_argument("--until", metavar="DATE", help="published on or before (UTC; a bare date includes that day)")
    p.add_argument("--query", metavar="TEXT", help="only articles whose title or body contains TEXT")
    p.add_argument("--output", "-o", default="-", metavar="FILE", help="where to write (default -: standard output)")
    p.set_defaults(func=cmd_export)


def cmd_export(args) -> int:
    from pathlib import Path

    if not Path(args.db).is_file():
        print(f"no archive at {args.db}", file=sys.stderr)
        return 2
    if args.format == "wacz":
        return _export_wacz(args)
    filters = dict(site=args.site, lang=args.lang, since=args.since, until=args.until, text=args.query)
    if args.format == "parquet" and args.output == "-" and sys.stdout.isatty():
        print("refusing to write parquet to a terminal: give --output FILE", file=sys.stderr)
        return 2
    try:
        if args.output == "-":
            n = export(args.db, args.format, sys.stdout.buffer, **filters)
            sys.stdout.buffer.flush()
        else:
            with open(args.output, "wb") as out:
                n = export(args.db, args.format, out, **filters)
    except ExportError as exc:
        print(exc, file=sys.stderr)
        return 2
    except BrokenPipeError:            # `... | head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (OSError, sqlite3.Error) as exc:
        print(f"export failed: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    if args.output != "-":
        print(f"{n} articles written to {args.output}", file=sys.stderr)
    return 0


def _export_wacz(args) -> int:
    """The web-archive export: whole WARC files (:mod:`crawler.wacz`), not article rows."""
    from crawler.wacz import export_wacz

    if args.output == "-":
        print("export --format wacz needs --output FILE.wacz", file=sys.stderr)
        return 2
    try:
        result = export_wacz(args.db, args.output, sites=[args.site] if args.site else None, since=args.since)
    except ValueError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 1
    print(f"export: {args.output} (wacz): " + ", ".join(f"{v} {k}" for k, v in result.items()))
    return 0
