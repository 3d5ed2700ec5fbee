"""The date stage alone on an HTML string: parse, collect the page's candidates, choose.

For the date benchmark and tests. It lives on the extract side because it parses with
:class:`~crawler.extract.page.Page`: extraction imports the date stage, never the other way round.
The crawl itself runs :func:`~crawler.dates.page.page_date_candidates` on the page
:func:`~crawler.extract.extract_article` has already parsed, with the profile's own candidates.
"""

from __future__ import annotations

from crawler.dates import DEFAULT_TZ
from crawler.dates.page import PageDates, choose_dates, page_date_candidates
from crawler.extract.page import Page, PageError


def date_from_html(html: str, url: str, crawl_time=None, tz: str = DEFAULT_TZ,
                   lang_hint: str | None = None) -> PageDates:
    """Parse ``html`` with :class:`crawler.extract.page.Page` and run the whole stage."""
    try:
        page = Page(html, url)
    except PageError:
        return PageDates()
    return choose_dates(page_date_candidates(page), lang_hint=lang_hint or page.html_lang,
                        crawl_time=crawl_time, tz=tz)
