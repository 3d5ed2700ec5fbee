"""Datasette plugin: the archive's Kazakh-aware search as SQL functions (docs/search.md).

    kz_search_match(q)          the FTS5 MATCH for articles_search ('""' matches nothing: an empty
                                or all-punctuation query is no error)
    kz_snippet(text, q)         a window of text around the first match, matches in [brackets]

Loaded by ``make serve`` (``--plugins-dir datasette/plugins``).
"""

from datasette import hookimpl

from crawler.search import match_expression, snippet


def kz_search_match(q):
    return match_expression(q) or '""'


def kz_snippet(text, q):
    return snippet(text, q)


@hookimpl
def prepare_connection(conn):
    conn.create_function("kz_search_match", 1, kz_search_match, deterministic=True)
    conn.create_function("kz_snippet", 2, kz_snippet, deterministic=True)
