"""One page in, one record out: the single path from a fetched page to an :class:`ArticleRecord`.

:func:`process_page` runs extraction (page profile or generic fallback), the date stage and the
language guess. It is pure: no network, no archive, no Scrapy, so it runs in the crawl's worker
processes, and the CLI's ``extract``, ``reextract``, the evaluation scripts and the tests call the
very same function. What needs the archive (learned site templates, deduplication, versions)
stays on the crawl's side (:mod:`crawler.pipelines`).
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.dates.page import DateCandidate, choose_dates
from crawler.credits import credited_source, credited_source_in_html
from crawler.discovery import clean_url
from crawler.encoding import decode_html
from crawler.extract import NotAnArticle, PageError, extract_article
from crawler.extract.body import Body
from crawler.language import detect_language
from crawler.neardup import body_signature
from crawler.record import ArticleRecord, Skip
from crawler.registry import DEFAULT_TIMEZONE, Site


@dataclass(frozen=True)
class FetchedPage:
    """What a fetch gave: the input of :func:`process_page` (picklable, for worker processes)."""

    url: str
    body: str | bytes                     # decoded text, or the bytes as served (decoded here)
    site: Site
    fetched_at: str | None = None         # ISO 8601 UTC; the "now" of relative dates ("кеше")
    content_type: str | None = None       # the Content-Type header, for decoding bytes
    discovered_via: str = ""              # sitemap | feed | listing
    discovery_date: str | None = None     # a feed's pubDate or a sitemap's news:publication_date

    def text(self) -> str:
        if isinstance(self.body, str):
            return self.body
        return decode_html(self.body, self.content_type).text


def unregistered_site(url: str, timezone: str = DEFAULT_TIMEZONE) -> Site:
    """A stand-in :class:`Site` for a page of no registered site (``extract`` on any URL, the
    benchmarks): its own host is its domain, no CMS hint, no language hint."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return Site(key="", name=host, base_url=f"{parts.scheme}://{parts.netloc}", domains=(host,),
                timezone=timezone)


def archive_key(canonical: str | None, url: str, site: Site) -> str:
    """The article's key in the archive: its canonical URL when that is on the same site (a
    canonical pointing at an aggregator or the home page must not merge articles), else its URL."""
    if not canonical or not site.owns(canonical):
        canonical = url
    return clean_url(canonical)


def process_page(page: FetchedPage) -> ArticleRecord | Skip:
    """The article on ``page``, or why there is none. Never raises: a bug in a rule is a
    :class:`Skip` of outcome ``extract_error`` with its traceback, so one page cannot stop a crawl."""
    try:
        return _process(page)
    except PageError as exc:
        return Skip("unparseable", str(exc))
    except NotAnArticle as exc:
        return Skip("not_article", str(exc))
    except Exception as exc:  # noqa: BLE001 - any bug in a profile or rule is a logged skip, not a lost page
        return Skip("extract_error", f"{type(exc).__name__}: {exc}", traceback.format_exc())


def _process(page: FetchedPage) -> ArticleRecord:
    site = page.site
    html = page.text()
    article = extract_article(html, page.url, cms_hint=site.cms)
    candidates = list(article.date_candidates)
    if page.discovery_date:
        # a feed's date is the publication's; a sitemap's only ever hints at a modification
        kind = "published" if page.discovered_via == "feed" else "modified"
        candidates.append(DateCandidate(kind, "feed", page.discovery_date))
    dates = choose_dates(candidates, lang_hint=(site.languages or (None,))[0],
                         crawl_time=page.fetched_at, tz=site.timezone)
    url = clean_url(page.url)
    record = ArticleRecord(
        site=site.key,
        url=url,
        canonical_url=archive_key(article.canonical_url, url, site),
        title=article.title,
        published=dates.published,
        published_text=dates.published_text,
        published_source=dates.published_source,
        modified=dates.modified,
        authors=list(article.authors),
        tags=list(article.tags),
        image=article.image,
        extraction_method=article.extraction_method,
        discovered_via=page.discovered_via,
        html_lang=article.html_lang,
        alternates=list(article.alternates),
    )
    set_body(record, article.body.blocks)
    if record.credited_source is None:
        # a credit in the sign-off the body reader took off the end ("По материалам КазТАГ"), or in
        # a paragraph it left out as a label line
        record.credited_source = (credited_source("\n\n".join(article.body.trailing))
                                  or credited_source_in_html(html))
    return record


def set_body(record: ArticleRecord, blocks) -> None:
    """Give ``record`` the body ``blocks`` and every field that follows from the body: its text,
    HTML and captions, the language, the credit the text names (else the one found in the
    page's HTML, kept), the near-duplicate signature. ``process_page`` builds a record through
    here, and the template stage, which strips a site's learned chrome, goes through it again."""
    body = Body(list(blocks))
    record.blocks, record.body_text, record.body_html, record.captions = body.blocks, body.text, body.html, body.captions
    record.language = detect_language(record.body_text or record.title or "")
    record.credited_source = credited_source(record.body_text) or record.credited_source
    record.minhash = body_signature(record.body_text)
