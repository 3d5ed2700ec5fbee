"""Datasette plugin: the archive's Kazakh-aware search as SQL functions (docs/search.md).

    kz_search_match(q)          the FTS5 MATCH for articles_search ('""' matches nothing: an empty
                                or all-punctuation query is no error)
    kz_snippet(text, q)         a window of text around the first match, matches in [brackets]

Loaded by ``make serve`` (``--plugins-dir datasette/plugins``).
"""

from datasette import hookimpl

from crawler.search import expand_prefixes, match_expression, snippet


def kz_search_match(q, conn=None):
    match = match_expression(q)
    if match is None:
        return '""'
    if conn is not None:
        try:        # prefixes as the words they cover: read lazily, newest first (crawler/search.py)
            return expand_prefixes(conn, match)
        except Exception:
            pass
    return match


def kz_snippet(text, q):
    return snippet(text, q)


@hookimpl
def prepare_connection(conn):
    conn.create_function("kz_search_match", 1, lambda q: kz_search_match(q, conn), deterministic=True)
    conn.create_function("kz_snippet", 2, kz_snippet, deterministic=True)
