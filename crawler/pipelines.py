"""Item pipelines: one stage each, in the order set in ``settings.ITEM_PIPELINES``.

capture (keep the raw page) -> extract (page profile or fallback, in worker processes) ->
template (learn and strip the site's repeated blocks) -> dates -> language -> storage.
A page that is not an article is recorded in ``pages`` and dropped with a logged reason;
nothing already archived is touched by a failed page.
"""

from __future__ import annotations

import logging
import traceback

from scrapy.exceptions import DropItem

from crawler.dates.page import DateCandidate, choose_dates
from crawler.discovery import clean_url
from crawler.extract import NotAnArticle, PageError, extract_article
from crawler.extract.body import Body
from crawler.items import FetchFailure, PageItem
from crawler.language import detect_language
from crawler.registry import get_site
from crawler.storage import Archive, pack_capture
from crawler.templates import SiteTemplates
from crawler.workers import WorkerDied, run_cpu, start_pool, stop_pool

logger = logging.getLogger(__name__)


_OPEN_ARCHIVES: dict[str, tuple[Archive, set[int]]] = {}


def archive_for(crawler) -> Archive:
    """The :class:`Archive` for the crawler's ``ARCHIVE_DB``, shared by every crawler in the process.

    Several sites crawled in one process write through *one* connection: two connections on the
    reactor thread would wait on each other's open batch and stall the crawl.
    """
    path = crawler.settings.get("ARCHIVE_DB")
    archive, users = _OPEN_ARCHIVES.get(path, (None, set()))
    if archive is None:
        archive = Archive(path)
        _OPEN_ARCHIVES[path] = (archive, users)
    users.add(id(crawler))
    return archive


def release_archive(crawler) -> None:
    """Flush; close the archive once the last crawler using it is done."""
    path = crawler.settings.get("ARCHIVE_DB")
    archive, users = _OPEN_ARCHIVES.get(path, (None, set()))
    if archive is None:
        return
    users.discard(id(crawler))
    archive.commit()
    if not users:
        archive.close()
        del _OPEN_ARCHIVES[path]


def archive_url(item: PageItem) -> str:
    """The article's key in the archive: its canonical URL when that is on the same site."""
    canonical = item.canonical_url
    if not canonical or not get_site(item.site).owns(canonical):
        canonical = item.url
    return clean_url(canonical)


class _Stage:
    def __init__(self, crawler):
        self.crawler = crawler
        self.archive = archive_for(crawler)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def skip(self, item: PageItem, outcome: str, reason: str):
        self.archive.record_page(item.url, site=item.site, outcome=outcome, reason=reason,
                                 http_status=item.status, crawl_run_id=item.crawl_run_id,
                                 fetched=not item.reextracted)
        self.stats.inc_value(f"archive/skipped/{outcome}")
        raise DropItem(f"{outcome}: {reason} <{item.url}>")


class CapturePipeline(_Stage):
    """Store the decoded page before anything can fail on it: extraction can always be re-run.

    One trip to a worker process does the page's CPU work: the capture is hashed and compressed
    there (half a millisecond a page the reactor thread no longer spends) and stored here, and the
    extraction's outcome rides along to the next stage. (Shipping the page to a worker twice, once
    to pack and once to extract, cost what packing there saved.)
    """

    async def process_item(self, item):
        # a re-extracted page comes from its capture
        if isinstance(item, PageItem) and item.capture_id is None and self.crawler.settings.getbool("STORE_CAPTURES"):
            try:
                packed, item.extraction = await run_cpu(self.crawler, _page_work, item.html, item.url,
                                                        get_site(item.site).cms)
            except WorkerDied as exc:            # the page is kept all the same, packed here
                packed, item.extraction = pack_capture(item.html), _worker_died(exc)
            item.capture_id = self.archive.store_capture(
                url=item.url, packed=packed, encoding=item.encoding, status=item.status,
                fetched_at=item.fetched_at, crawl_run_id=item.crawl_run_id)
        return item


def _extract_in_worker(html: str, url: str, cms_hint: str | None):
    """Runs in a worker process: the outcome comes back as a value, never as a raised exception:
    the article, or ``(outcome, reason)`` for a page that gives none. A failure of the extractor
    itself is ``("extract_error", traceback)``: the page's capture is kept for a re-extraction."""
    try:
        return extract_article(html, url, cms_hint=cms_hint)
    except PageError as exc:
        return ("unparseable", str(exc))
    except NotAnArticle as exc:
        return ("not_article", str(exc))
    except Exception:  # noqa: BLE001 - any bug in a profile or rule is a logged skip, not a lost page
        return ("extract_error", traceback.format_exc())


def _worker_died(exc: WorkerDied) -> tuple[str, str]:
    """The outcome of a page whose worker process died on it (the capture is kept)."""
    return ("extract_error", f"worker process died: {exc}")


def _page_work(html: str, url: str, cms_hint: str | None):
    """Runs in a worker process: the capture packed for storage, and the extraction's outcome."""
    return pack_capture(html), _extract_in_worker(html, url, cms_hint)


class ExtractPipeline(_Stage):
    """Run the page profile (or the generic fallback): title, body without chrome, authors, dates.

    Extraction is a pure, CPU-bound function of the page: it runs in the crawl's worker processes
    (``EXTRACT_WORKERS``), so parsing uses the cores the downloader leaves idle.
    """

    def open_spider(self, spider=None):
        start_pool(self.crawler)

    def close_spider(self, spider=None):
        stop_pool(self.crawler)

    async def process_item(self, item):
        if not isinstance(item, PageItem):
            return item
        result, item.extraction = item.extraction, None      # carried from the capture stage, if it ran
        if result is None:
            try:
                result = await run_cpu(self.crawler, _extract_in_worker, item.html, item.url, get_site(item.site).cms)
            except WorkerDied as exc:
                result = _worker_died(exc)
        if isinstance(result, tuple):
            outcome, reason = result
            if outcome == "extract_error":
                logger.error("extraction failed on %s:\n%s", item.url, reason)
                reason = reason.strip().splitlines()[-1]
            self.skip(item, outcome, reason)
        article = result
        item.canonical_url = article.canonical_url
        item.title = article.title
        item.authors = article.authors
        item.blocks = list(article.body.blocks)
        item.body_text = article.body_text
        item.body_html = article.body_html
        item.captions = article.captions
        item.tags = article.tags
        item.image = article.image
        item.html_lang = article.html_lang
        item.extraction_method = article.extraction_method
        item.date_candidates = list(article.date_candidates)
        if item.discovery_date:
            kind = "published" if item.discovered_via == "feed" else "modified"
            item.date_candidates.append(DateCandidate(kind, "feed", item.discovery_date))
        return item


class TemplatePipeline(_Stage):
    """Learn each site's repeated blocks and strip them from bodies (see :mod:`crawler.templates`)."""

    def __init__(self, crawler):
        super().__init__(crawler)
        settings = crawler.settings
        self.templates = SiteTemplates(settings.getint("TEMPLATE_MIN_PAGES"), settings.getfloat("TEMPLATE_MIN_SHARE"))
        self.loaded: set[str] = set()
        self.unsaved = 0

    def process_item(self, item):
        if not isinstance(item, PageItem) or not item.blocks:
            return item
        if item.site not in self.loaded:
            self.templates.load(self.archive.conn, item.site)
            self.loaded.add(item.site)
        if not self.archive.has_article(archive_url(item)):   # learn from each article once
            self.templates.observe(item.site, [text for _, text in item.blocks])
            self.unsaved += 1
            if self.unsaved >= 100:
                self.save()
        kept, dropped = self.templates.strip(item.site, item.blocks)
        if dropped:
            body = Body(kept)
            item.blocks, item.body_text, item.body_html, item.captions = kept, body.text, body.html, body.captions
            self.stats.inc_value("archive/template_blocks_dropped", len(dropped))
        return item

    def save(self):
        with self.archive.batch() as conn:
            self.templates.save(conn)
        self.unsaved = 0

    def close_spider(self, spider=None):
        self.save()


class DatePipeline(_Stage):
    """Pick the most trusted publication date and normalise it in the site's time zone."""

    def process_item(self, item):
        if not isinstance(item, PageItem):
            return item
        site = get_site(item.site)
        dates = choose_dates(item.date_candidates, lang_hint=(site.languages or (None,))[0],
                             crawl_time=item.fetched_at, tz=site.timezone)
        item.published, item.published_text = dates.published, dates.published_text
        item.published_source, item.modified = dates.published_source, dates.modified
        if not item.published:
            self.stats.inc_value("archive/no_date")
            logger.info("no publication date found on %s", item.url)
        return item


class LanguagePipeline(_Stage):
    def process_item(self, item):
        if isinstance(item, PageItem):
            item.language = detect_language(item.body_text or item.title or "")
        return item


class StoragePipeline(_Stage):
    """Deduplicate on the canonical URL and content hash; write the article and the page outcome."""

    def process_item(self, item):
        if isinstance(item, FetchFailure):
            self.archive.record_page(item.url, site=item.site, outcome=item.outcome, reason=item.reason,
                                     http_status=item.status, crawl_run_id=item.crawl_run_id)
            self.stats.inc_value("archive/fetch_failures")
            raise DropItem(f"{item.outcome}: {item.reason} <{item.url}>")
        if not isinstance(item, PageItem):
            return item
        record = {
            "site": item.site, "url": item.url, "canonical_url": archive_url(item),
            "title": item.title, "published": item.published, "published_text": item.published_text,
            "published_source": item.published_source, "modified": item.modified,
            "language": item.language, "authors": item.authors, "tags": item.tags, "captions": item.captions,
            "image": item.image, "body_text": item.body_text, "body_html": item.body_html,
            "extraction_method": item.extraction_method, "discovered_via": item.discovered_via,
            "html_lang": item.html_lang, "capture_id": item.capture_id, "crawl_run_id": item.crawl_run_id,
        }
        fetched = not item.reextracted
        outcome, article_id = self.archive.store_article(record, seen_at=item.fetched_at, sighting=fetched)
        self.archive.record_page(item.url, site=item.site, outcome="article", http_status=item.status,
                                 article_id=article_id, crawl_run_id=item.crawl_run_id, when=item.fetched_at,
                                 fetched=fetched)
        self.stats.inc_value(f"archive/articles_{outcome}")
        return item
