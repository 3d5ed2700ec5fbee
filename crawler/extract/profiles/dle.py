"""DataLife Engine (DLE): the full-story page (``fullstory.tpl``) of any template.

The engine prints ``{full-story}`` wrapped in ``<div id="news-id-N" style="display:inline;">``
inside its ``#dle-content`` container, whatever the template: the most reliable body. The
template's own wrappers (``.full-story``, ``.fullstory .text``, ``.full-text``) are the fallback.
"""

from __future__ import annotations

from crawler.extract.profiles import Profile

DLE = Profile(
    name="dle",
    cms_hints=("dle",),
    body=(
        "#dle-content div[id^='news-id-']",
        "#dle-content .full-text", "#dle-content .fullstory .text", "#dle-content .full-story .text",
        "#dle-content .full-story", "#dle-content .fullstory",
    ),
    title=("#dle-content h1", "#dle-content .full-story h2", "#dle-content .fullstory h2"),
    authors=("#dle-content .meta_author a", "#dle-content .author a"),
    tags=("#dle-content .full-tags a", "#dle-content .tags a"),
    dates=(
        ("#dle-content time[datetime]", "datetime", "time"),
        ("#dle-content time", None, "visible"),
        ("#dle-content .date", None, "visible"),
    ),
    prune=(
        ".editdate",                    # "Отредактировано: editor - date" under the text
        "[class*='related']",           # {related-news} "Похожие новости"
        ".frate", ".rating", ".rate",   # star rating widget
        ".story_tools",                 # print / complaint / favourites icons
        ".full-tags", ".tags",
        ".ya-share2",                   # Yandex share bar
    ),
    # Skins that print {short-story} as a standfirst above a {full-story} that does not repeat it.
    lead=("#dle-content [class*='lead']",),
)
