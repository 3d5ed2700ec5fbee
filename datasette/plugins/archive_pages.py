"""Datasette plugin: the article page (``row-<db>-articles.html``) and the index's ``articles`` link.

Loaded with ``datasette serve --plugins-dir datasette/plugins --template-dir datasette/templates``
(``make serve``). It gives the templates:

* the ``sanitize_body`` filter: ``body_html`` through nh3, an allow-list HTML sanitizer;
* on an ``articles`` row page, ``article`` (the row as a dict with its JSON lists decoded),
  ``versions`` (its earlier texts in ``article_versions``), ``site_row`` (its ``sites`` row) and
  ``capture`` (the capture the current text was read from, without its HTML);
* on the index, ``archive_databases``: the databases that hold an ``articles`` table, so the index
  names it first.
"""

from __future__ import annotations

import json

import nh3
from datasette import hookimpl
from markupsafe import Markup

# What an article body may contain: the minimal markup crawler/extract renders (paragraphs,
# headings, lists, quotes, tables, figures) and links. No attributes but a link's href (and title).
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong",
    "b", "i", "u", "s", "sub", "sup", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td",
    "a", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitize_body(html: str | None) -> Markup:
    """``body_html`` as markup safe to put in the page.

    The crawler builds ``body_html`` from escaped text, so today it cannot carry markup of its
    own. It still goes through the allow-list here, because the page cannot know that: the archive is
    an ordinary SQLite file that any program (a migration, an import, a hand edit in Datasette, a
    future extractor that keeps more markup) may write, and a row page that trusted the column would
    run whatever script one of them let through, in the archive's origin. nh3 keeps the tags listed
    above, drops every other tag with its attributes (``<script>``, ``onerror=``, ``style``), allows
    only http(s)/mailto links and marks them ``rel="noopener noreferrer"``."""
    return Markup(nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer"))


def _json_list(value) -> list:
    try:
        out = json.loads(value) if value else []
    except (TypeError, ValueError):
        return [value]
    return out if isinstance(out, list) else [out]


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["sanitize_body"] = sanitize_body


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name == "index":
        async def index_vars():
            names = []
            for name, db in datasette.databases.items():
                if await db.table_exists("articles"):
                    names.append(name)
            return {"archive_databases": names}
        return index_vars
    if view_name != "row" or table != "articles" or request is None:
        return None

    async def row_vars():
        db = datasette.get_database(database)
        pk = request.url_vars.get("pks")
        rows = (await db.execute("SELECT * FROM articles WHERE id = ?", [pk])).rows
        if not rows:
            return {}
        article = dict(rows[0])
        for name in ("authors", "tags", "captions"):
            article[name] = _json_list(article.get(name))
        versions = [dict(r) for r in (await db.execute(
            "SELECT id, version, title, published, first_seen, last_seen, replaced_at FROM article_versions "
            "WHERE article_id = ? ORDER BY version DESC", [pk])).rows] \
            if await db.table_exists("article_versions") else []
        capture = None
        if article.get("capture_id") is not None and await db.table_exists("captures"):
            got = (await db.execute("SELECT id, url, fetched_at, status, encoding, size FROM captures WHERE id = ?",
                                    [article["capture_id"]])).rows
            capture = dict(got[0]) if got else None
        site_row = None
        if await db.table_exists("sites"):
            got = (await db.execute("SELECT * FROM sites WHERE key = ?", [article.get("site")])).rows
            site_row = dict(got[0]) if got else None
        return {"article": article, "versions": versions, "capture": capture, "site_row": site_row}

    return row_vars


# --- default columns of table pages -------------------------------------------------------------
# Datasette 0.65 has no metadata setting for the columns a table page shows by default, only the
# ?_col= and ?_nocol= parameters. An HTML table page of a table named in the plugin's
# `default_columns` (metadata.yaml) that asks for no columns gets those; ?_allcols=1 shows all.

def _default_columns(datasette) -> dict:
    config = datasette.plugin_config("archive-pages") or {}
    return config.get("default_columns") or {}


@hookimpl
def asgi_wrapper(datasette):
    from urllib.parse import parse_qsl, urlencode

    def wrap(app):
        async def add_default_columns(scope, receive, send):
            if scope.get("type") == "http":
                parts = scope.get("path", "").strip("/").split("/")
                defaults = _default_columns(datasette)
                if len(parts) == 2 and parts[1] in defaults and parts[0] in datasette.databases:
                    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                    if not {k for k, _ in query} & {"_col", "_nocol", "_allcols"}:
                        query += [("_col", c) for c in defaults[parts[1]]]
                        scope = dict(scope, query_string=urlencode(query).encode("latin-1"))
            await app(scope, receive, send)
        return add_default_columns

    return wrap
