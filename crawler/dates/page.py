"""Page-level date stage: collect date candidates from a parsed page and pick the best.

Interim version (machine sources only); issue 3 deepens it behind the same interface.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.dates import normalize_date

# Lower rank = more trusted.
SOURCE_RANK = {"jsonld": 0, "meta": 1, "time": 2, "visible": 3, "url": 4, "feed": 5}


@dataclass(frozen=True)
class DateCandidate:
    kind: str     # "published" or "modified"
    source: str   # one of SOURCE_RANK
    text: str     # the raw string as found


@dataclass(frozen=True)
class PageDates:
    published: str | None = None
    published_text: str | None = None
    published_source: str | None = None
    modified: str | None = None


def page_date_candidates(page) -> list[DateCandidate]:
    """Generic machine-readable candidates of a :class:`crawler.extract.page.Page`."""
    out: list[DateCandidate] = []
    art = page.jsonld_article
    if art:
        for key, kind in (("datePublished", "published"), ("dateModified", "modified")):
            if isinstance(art.get(key), str):
                out.append(DateCandidate(kind, "jsonld", art[key]))
    for key, kind in (("article:published_time", "published"), ("article:modified_time", "modified")):
        if page.meta.get(key):
            out.append(DateCandidate(kind, "meta", page.meta[key]))
    return out


def choose_dates(candidates, *, lang_hint=None, crawl_time=None, tz="Asia/Almaty") -> PageDates:
    """The most trusted candidate that normalizes, per kind."""
    best: dict[str, tuple[str, DateCandidate]] = {}
    for cand in sorted(candidates, key=lambda c: SOURCE_RANK.get(c.source, 99)):
        if cand.kind in best:
            continue
        iso = normalize_date(cand.text, lang_hint=lang_hint, crawl_time=crawl_time, tz=tz)
        if iso:
            best[cand.kind] = (iso, cand)
    pub = best.get("published")
    mod = best.get("modified")
    return PageDates(
        published=pub[0] if pub else None,
        published_text=pub[1].text if pub else None,
        published_source=pub[1].source if pub else None,
        modified=mod[0] if mod else None,
    )
