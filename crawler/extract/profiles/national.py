"""National custom sites: one profile per site, selectors from the site catalogue.

Each site's own CMS, so the markup is site-specific, but BEM names such as ``article__title`` /
``article__body`` are shared with many other sites (mk.ru, Sputnik, RIA, The Economist, ...):
where the body class alone is that common, ``detect`` also asks for the site's date markup.

Sources: ``selectors`` of ../shared/sites/catalogue.json (public scraper configs) and, for the
legacy inform.kz front end, a real page in ../shared/corpus/pages/inform.kz. Whatever a comment
marks "modelled" was not seen on a real page and follows the seen parts' naming.
"""

from __future__ import annotations

from crawler.extract.profiles import Profile

INFORM = Profile(
    name="inform",
    cms_hints=("inform",),
    # New front end (catalogue: h1.article__title, div.article__time, div.article__body-text) and the
    # legacy one (seen: div.article_title h1, div.date_public_art, div.article_news_body).
    detect=("h1.article__title, div.article_title h1", "div.article__time, div.date_public_art"),
    body=("div.article_news_body", "div.article__body-text"),
    # The new front end prints the lead (div.article__description) as a block of its own before
    # article__body-text (in the scrapers seen): it is the story's first paragraph.
    lead=("div.article__description",),
    title=("h1.article__title", "div.article_title h1"),
    authors=(".author_article_block p.name_p a", ".author_article_block p.name_p",
             ".article__author a"),                         # last one modelled
    tags=("div.keyword_art a", ".article__tags a"),          # .article__tags modelled
    dates=(("div.article__time", None, "visible"), ("div.date_public_art", None, "visible")),
    prune=(
        ".frame_news_article",            # "Новости по теме" box between the first paragraphs (seen)
        ".int_scr_inf",                   # AdFox slot inside the first paragraph (seen)
        "blockquote.instagram-media",     # embedded posts: the caption is not the story
        ".article__related", ".ya-share2",  # modelled
    ),
)

EGEMEN = Profile(
    name="egemen",
    cms_hints=("egemen",),
    # Catalogue: h1.responsive_title, span.text-grey ("Аймақтар • 27 Қыркүйек, 2022"),
    # div.main-news.padding-80. The inner markup (author, tags, share, inline links) is modelled.
    detect=("h1.responsive_title",),
    body=("div.main-news.padding-80",),
    title=("h1.responsive_title",),
    authors=(".news-author a[href*='/author/']",),          # modelled on /author/{id}-{slug} pages
    tags=(".news-tags a",),                                # modelled
    dates=(("span.text-grey", None, "visible"),),
    prune=(".news-tags", ".news-share", ".ya-share2", ".read-also", ".banner"),  # modelled
)

TENGRINEWS = Profile(
    name="tengrinews",
    cms_hints=("tengrinews",),
    # Catalogue: h1.article__title | h1.head-single, the date as the last crumb of
    # ol.breadCrumb-ls.date-time, the text in .content_main_text (also in public scrapers).
    body=("div.content_main_text",),
    title=("h1.head-single", "h1.article__title"),
    dates=(("ol.breadCrumb-ls.date-time li:last-child span", None, "visible"),),
    tags=(".content_main_text_tags a",),                   # modelled
    prune=(
        ".content_main_text_tags",        # modelled: tag list closing the text
        ".content_main_text_banner",      # modelled: in-text ad slot
        ".ya-share2", "[class*='read_also']",  # modelled
    ),
)

ZAKON = Profile(
    name="zakon",
    cms_hints=("zakon",),
    # div.articleBlock is a common class name (it fired on fluter.de in the trafilatura set): ask
    # for the site's own canonical link as well.
    detect=("link[rel=canonical][href*='zakon.kz']",),
    # Not in the catalogue's selectors; taken from a public scraper of its article pages (markup not
    # seen): a div.articleBlock holding h1, div.info > div.date, div.description (the lead, kept as
    # the first paragraph), div.author > a and the text's <p>/<blockquote>.
    body=("div.articleBlock",),
    title=("div.articleBlock h1",),
    authors=("div.articleBlock div.author a",),
    tags=("div.articleBlock .tags a",),                     # modelled
    dates=(("div.articleBlock div.info div.date", None, "visible"),),
    prune=(
        "div.info",                       # date and views line above the lead
        "div.author",                     # byline: kept as metadata, not as a paragraph
        ".articleImage",                  # modelled: lead photo and its credit line
        ".tags", ".share", ".ya-share2",  # modelled
        "[class*='read-also']",           # modelled: "Читайте также" cards between paragraphs
    ),
)

KAZPRAVDA = Profile(
    name="kazpravda",
    cms_hints=("kazpravda",),
    # Catalogue: h1.article__title, time.article__date, div.article__body, div.article__views.
    # mk.ru, Sputnik and RIA print div.article__body under h1.article__title too: the
    # time.article__date element tells kazpravda apart.
    detect=("time.article__date",),
    body=("div.article__body",),
    title=("h1.article__title",),
    authors=(".article__author a",),                       # modelled
    tags=(".article__tags a",),                            # modelled
    dates=(("time.article__date[datetime]", "datetime", "time"), ("time.article__date", None, "visible")),
    prune=(".article__views", ".article__tags", ".article__share", ".ya-share2",
           ".article__related"),                           # all but article__views modelled
)
