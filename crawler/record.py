"""The article record: what one page gives the archive, defined once.

:class:`ArticleRecord` is the one place a field of an article is spelled out. The archive's
``articles`` columns (:data:`crawler.storage.ARTICLE_COLUMNS`), the JSON of ``python -m crawler
extract`` and the exports all derive from its fields. Adding a field is one field here plus a
schema migration (``Archive.ensure_schema`` adds a missing column to an existing archive).

A page that gives no article is a :class:`Skip`: an outcome (the ``pages.outcome`` value) and a
one-line reason, never an exception across a process boundary.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from functools import cache

from crawler.dates.zones import to_utc

# Field metadata: ``stored=False`` keeps a field out of the archive's columns (it only travels
# between stages); ``column`` is the SQLite affinity when it is not the annotation's.
_NOT_STORED = {"stored": False}
_JSON_LIST = {"column": str, "json": True}


@dataclass
class ArticleRecord:
    # --- where it came from
    site: str                               # registry key (-> sites.key); "" for a page of no registered site
    url: str                                # the URL it was fetched from, tracking parameters removed
    canonical_url: str                      # the archive key: rel=canonical/og:url on the same site, else url
    # --- what the page says
    title: str
    published: str | None = None            # ISO 8601 with offset, the site's local time
    published_utc: str | None = field(init=False, default=None)   # the same instant in UTC (derived)
    published_text: str | None = None       # the raw string the date came from
    published_source: str | None = None     # jsonld | meta | time | visible | url | feed | scan | htmldate
    modified: str | None = None
    language: str | None = None             # from the text, not the page's declaration
    authors: list[str] = field(default_factory=list, metadata=_JSON_LIST)
    tags: list[str] = field(default_factory=list, metadata=_JSON_LIST)
    captions: list[str] = field(default_factory=list, metadata=_JSON_LIST)
    image: str | None = None
    body_text: str = ""
    body_html: str = ""
    # --- how it was found and read
    extraction_method: str = ""             # profile:<name> | generic:trafilatura
    discovered_via: str = ""                # sitemap | feed | listing
    html_lang: str | None = None            # the page's declared language
    # --- syndication and editions (docs/syndication.md)
    credited_source: str | None = None      # the agency/outlet the text credits (crawler.credits)
    alternates: list[dict] = field(default_factory=list, metadata=_JSON_LIST)   # [{lang, url}]: other-language editions the page links
    # The body as (tag, text) blocks: the template stage strips learned chrome from these and
    # renders body_text/body_html again. Not a column.
    blocks: list[tuple[str, str]] = field(default_factory=list, metadata=_NOT_STORED)
    # The body's MinHash signature (crawler.neardup.body_signature, 512 bytes; None for a body too
    # short to compare), computed in the worker with the rest of the record. Not a column: the
    # archive keeps it in its near-duplicate index (near_dup_signatures, near_dup_bands).
    minhash: bytes | None = field(default=None, metadata=_NOT_STORED)

    def __post_init__(self):
        self.published_utc = to_utc(self.published)

    @classmethod
    def from_json(cls, data: dict) -> "ArticleRecord":
        """The inverse of :meth:`to_json` (derived fields are derived again)."""
        names = _init_names(cls)
        return cls(**{k: v for k, v in data.items() if k in names})

    @classmethod
    def columns(cls) -> dict[str, type]:
        """``{column: python type}`` of the stored fields, in field order (for sqlite-utils)."""
        out = {}
        for f in fields(cls):
            if f.metadata.get("stored", True):
                out[f.name] = f.metadata.get("column") or _affinity(f.type)
        return out

    def to_row(self) -> dict:
        """The stored fields as column values (lists as JSON text)."""
        row = {}
        for name, as_json in _stored_fields(type(self)):
            value = getattr(self, name)
            if as_json:
                value = json.dumps(list(value), ensure_ascii=False) if value else "[]"
            row[name] = value
        return row

    def to_json(self) -> dict:
        """The stored fields as JSON values (lists stay lists): the CLI's and the exports' shape."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("stored", True)}


# The field lists the archive's hot path reads for every article (dataclasses.fields() builds a
# tuple on each call).
@cache
def _init_names(cls) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls) if f.init)


@cache
def _stored_fields(cls) -> tuple[tuple[str, bool], ...]:
    """``(name, stored as JSON text)`` of each stored field, in field order."""
    return tuple((f.name, bool(f.metadata.get("json"))) for f in fields(cls) if f.metadata.get("stored", True))


def _affinity(annotation: str) -> type:
    # annotations are strings under ``from __future__ import annotations``
    return int if annotation.startswith("int") else str


@dataclass(frozen=True)
class Skip:
    """A page that gives no article, as a value.

    ``outcome`` is the ``pages.outcome`` it is recorded under: ``unparseable`` (not HTML, empty,
    truncated before ``<body>``), ``not_article`` (a listing, a static page, no title) or
    ``extract_error`` (a bug in the extractor, or its worker process died; the capture is kept
    for ``reextract``). ``detail`` holds a traceback for the log, never for the archive.
    """

    outcome: str
    reason: str
    detail: str | None = None
