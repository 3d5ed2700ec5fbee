"""Datasette plugin: Atom feeds (RFC 4287) of the archive's newest articles.

    /<db>/articles.atom                  the newest articles of every site
    /<db>/articles.atom?site=KEY         of one site
    /<db>/articles.atom?q=WORDS          of a search (the words as one phrase, in titles and bodies)

The route is the plugin's own rather than datasette-atom's: datasette-atom renders any canned
query's rows, but each query must then spell out the Atom columns (atom_id, atom_updated...) in
SQL, and a per-site feed would be a canned query per site. Here the feed is one small function,
its entries carry the sanitized body, and ``/<db>/articles.atom`` (which Datasette answered with
an HTML error page) is the feed.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr

from datasette import hookimpl
from datasette.utils.asgi import Response

FEED_SIZE = 50


def _text(value) -> str:
    return escape(str(value or ""))


def _entry(row: dict, base: str, sanitize) -> str:
    updated = row["modified"] or row["published"]
    authors = []
    try:
        authors = [a for a in json.loads(row["authors"] or "[]") if a]
    except ValueError:
        pass
    lead = (row["body_text"] or "").split("\n\n")[0]
    parts = [
        "<entry>",
        f"<id>{_text(row['canonical_url'])}</id>",
        f"<title type=\"text\">{_text(row['title'])}</title>",
        f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(row['url'])}/>",
        f"<link rel=\"related\" type=\"text/html\" title=\"archived copy\" href={quoteattr(base + '/articles/' + str(row['id']))}/>",
        f"<published>{_text(row['published'])}</published>",
        f"<updated>{_text(updated)}</updated>",
        *(f"<author><name>{_text(a)}</name></author>" for a in authors),
        f"<category term={quoteattr(row['site'])}/>",
        f"<summary type=\"text\">{_text(lead)}</summary>",
        f"<content type=\"html\">{escape(str(sanitize(row['body_html'])))}</content>",
        "</entry>",
    ]
    return "".join(parts)


async def feed(request, datasette):
    # archive_pages.py's allow-list sanitizer, as it registered it (plugins are not importable modules)
    sanitize_body = datasette.jinja_env.filters["sanitize_body"]
    database = request.url_vars["database"]
    try:
        db = datasette.get_database(database)
    except KeyError:
        return Response.text("no such database", status=404)
    if not await db.table_exists("articles"):
        return Response.text("no articles table in this database", status=404)
    site, q = request.args.get("site"), (request.args.get("q") or "").strip()
    where, params = ["a.published_utc IS NOT NULL"], []
    title = "newest articles"
    if site:
        where.append("a.site = ?")
        params.append(site)
        title += f" of {site}"
    join = ""
    if q:
        # One phrase, quoted for FTS5: a person's hyphens, quotes and operators are plain text here.
        join = "JOIN articles_fts ON articles_fts.rowid = a.id"
        where.append("articles_fts MATCH ?")
        params.append('"' + q.replace('"', '""') + '"')
        title += f" matching “{q}”"
    sql = (f"SELECT a.id, a.site, a.url, a.canonical_url, a.title, a.published, a.modified, a.authors, "
           f"a.body_text, a.body_html FROM articles a {join} WHERE {' AND '.join(where)} "
           f"ORDER BY a.published_utc DESC, a.id DESC LIMIT {FEED_SIZE}")
    try:
        rows = [dict(r) for r in (await db.execute(sql, params)).rows]
    except Exception as exc:  # noqa: BLE001 - e.g. an FTS query the index cannot take: the feed says so
        return Response.text(f"cannot build the feed: {exc}", status=400)
    base = datasette.absolute_url(request, datasette.urls.database(database))
    self_url = datasette.absolute_url(request, request.full_path)
    stamps = [r["modified"] or r["published"] for r in rows]
    updated = max(stamps, key=datetime.fromisoformat, default=None) \
        or datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    meta_title = (datasette.metadata("title") or "kz-news-archive")
    body = "".join([
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<id>{_text(self_url)}</id>",
        f"<title>{_text(meta_title)}: {_text(title)}</title>",
        f"<updated>{_text(updated)}</updated>",
        f"<link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(self_url)}/>",
        f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(base + '/articles')}/>",
        f"<author><name>{_text(meta_title)}</name></author>",
        "<generator>kz-news-archive</generator>",
        *(_entry(r, base, sanitize_body) for r in rows),
        "</feed>\n",
    ])
    return Response(body, content_type="application/atom+xml; charset=utf-8")


@hookimpl
def register_routes():
    # Plugin routes come before Datasette's own, so this one wins over the table's ".atom" format.
    return [(r"^/(?P<database>[^/]+)/articles\.atom$", feed)]
