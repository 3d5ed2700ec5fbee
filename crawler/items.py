"""The item that flows through the pipelines.

The spider fills the *fetch* fields (what came over the wire and how it was found); each
pipeline stage fills its own fields in order: extract -> dates -> language -> storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageItem:
    # --- fetch (spider) ---
    site: str
    url: str                      # the URL as requested (the site's own origin, never the loopback one)
    html: str                     # decoded by Scrapy: HTTP header, BOM, then <meta>, then detection
    encoding: str
    status: int
    fetched_at: str               # ISO 8601 UTC
    discovered_via: str = ""      # sitemap | feed | listing
    discovery_date: str | None = None   # feed pubDate / sitemap lastmod, raw
    crawl_run_id: int | None = None
    capture_id: int | None = None
    reextracted: bool = False     # read again from its capture (``python -m crawler reextract``), not fetched
    extraction: object = None     # the worker's outcome, from the capture stage to the extract stage

    # --- extract (page profile) ---
    canonical_url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    blocks: list = field(default_factory=list)    # [(tag, text)]: body_text and body_html derive from it
    body_text: str = ""
    body_html: str = ""
    captions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    extraction_method: str | None = None
    date_candidates: list = field(default_factory=list)

    # --- dates ---
    published: str | None = None
    published_text: str | None = None
    published_source: str | None = None
    modified: str | None = None

    # --- language ---
    language: str | None = None
    html_lang: str | None = None


@dataclass
class FetchFailure:
    """A URL that gave no page: HTTP error after retries, refused by robots.txt, network error."""

    site: str
    url: str
    outcome: str                  # http_error | robots | network_error | not_html
    reason: str
    status: int | None = None
    crawl_run_id: int | None = None
