"""Bundled offline demo sites: two invented Kazakh regional news sites on WordPress themes.

``demo-tagdiv`` (tagDiv Newspaper, «Жұлдыз газеті», Zhetisu region) and ``demo-jnews`` (JNews,
«Дала хабары», Aktobe region) are written for this project -- content, people and markup -- after
the structure of real pages of those themes.  They carry the traps a regional-news crawler meets:
a capture-day date in the header, chrome in three languages, in-body ads and cross-links, a
robots-disallowed article, tracking-parameter duplicates, a page that is not an article, broken,
truncated and cp1251 pages, a flaky 500 and a dead link.  ``truth.json`` holds the expected results.

    from crawler.demo import DEMO_SITES, build_site, DemoServer, load_truth
    with DemoServer(build_site("demo-tagdiv")) as server:
        ...  # crawl server.base_url, mapping https://zhuldyz-gazeti.test onto it
"""

from __future__ import annotations

import json as _json
from pathlib import Path as _Path

from .build import build as _build
from .content_jnews import SITE as _JNEWS
from .content_tagdiv import SITE as _TAGDIV
from .resources import Resource, resources_from_dir
from .scale import scaled_site as _scaled_site

_SITES = {_TAGDIV.key: _TAGDIV, _JNEWS.key: _JNEWS}
DEMO_SITES: dict[str, str] = {key: site.base_url for key, site in _SITES.items()}


def build_site(key: str, scale: int = 1) -> dict[str, Resource]:
    """Every path (no query string) of demo site ``key`` -> :class:`Resource`.

    ``scale=1`` is the hand-written site described by ``truth.json``; ``scale=N > 1`` is a generated
    copy with N article pages, all listed in the sitemap(s) and the feed, for benchmarks.
    """
    if key not in _SITES:
        raise KeyError(f"unknown demo site {key!r}; known: {', '.join(_SITES)}")
    site = _SITES[key] if scale <= 1 else _scaled_site(_SITES[key], scale)
    return _build(site)


def load_truth() -> dict:
    """The parsed ``crawler/demo/truth.json``: sites, articles, not_crawled, skipped."""
    return _json.loads(_Path(__file__).with_name("truth.json").read_text("utf-8"))


def __getattr__(name: str):
    # DemoServer is imported lazily so ``python -m crawler.demo.server`` runs without a double import.
    if name == "DemoServer":
        from .server import DemoServer

        return DemoServer
    raise AttributeError(name)


__all__ = ["DEMO_SITES", "DemoServer", "Resource", "build_site", "load_truth", "resources_from_dir"]
