"""1C-Bitrix: the ``bitrix:news.detail`` component (default ``.default`` and ``flat`` templates).

``news-detail`` and ``news-date-time`` are common words on hand-written sites too, so the profile
also asks for Bitrix itself: the core scripts and styles are always served from ``/bitrix/``
(``/bitrix/js/main/core/...``, ``/bitrix/cache/...``), even when the site template lives in ``/local/``.
"""

from __future__ import annotations

from crawler.extract.profiles import Profile

BITRIX = Profile(
    name="bitrix",
    cms_hints=("bitrix",),
    detect=("script[src*='/bitrix/'], link[href*='/bitrix/']",),
    body=("div.news-detail", "div.bx-newsdetail-content"),
    # The page <h1> is the site template's $APPLICATION->ShowTitle(); the component repeats the
    # name in an <h3> right after the picture/date when DISPLAY_NAME is on.
    title=("h1#pagetitle", ".news-detail > span.news-date-time + h3", "h3.bx-newsdetail-title"),
    dates=((".news-detail span.news-date-time", None, "visible"), (".bx-newsdetail-date", None, "visible")),
    prune=(
        "span.news-date-time",                    # the date line, printed inside the container
        ".news-detail > span.news-date-time + h3",  # the repeated name (not the text's own subheads)
        ".news-detail > img.detail_picture + h3",
        ".news-detail > h3:first-child",
        "div.news-detail-share", ".bx-newsdetail-share",  # main.share buttons
        ".ya-share2",                             # Yandex share bar, common on .kz Bitrix sites
        "div.news-detail-back",
    ),
)
