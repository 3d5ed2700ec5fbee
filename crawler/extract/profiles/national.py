"""National custom sites: one profile per site, selectors from the site catalogue.

Each site's own CMS, so the markup is site-specific, but BEM names such as ``article__title`` /
``article__body`` are shared with many other sites (mk.ru, Sputnik, RIA, The Economist, ...):
where the body class alone is that common, ``detect`` also asks for the site's date markup.

Sources: ``selectors`` of ../shared/sites/catalogue.json (public scraper configs); for the legacy
inform.kz front end, a real page in ../shared/corpus/pages/inform.kz; and the selectors public
scrapers, readers and feed bridges use on these sites' article pages (2021-2025; "scrapers" below).
Whatever a comment marks "modelled" was seen in none of them and follows the seen parts' naming.
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
    # div.main-news.padding-80. A corpus scraper reads article.white-block instead, dropping its
    # div.col-md-4 column and the "Соңғы жаңалықтар" (.last-news) list. The inner markup (author,
    # tags, share, inline links) is modelled.
    detect=("h1.responsive_title",),
    body=("div.main-news.padding-80", "article.white-block"),
    title=("h1.responsive_title",),
    authors=(".news-author a[href*='/author/']",),          # modelled on /author/{id}-{slug} pages
    tags=(".news-tags a",),                                # modelled
    dates=(("span.text-grey", None, "visible"),),
    prune=("div.col-md-4", ".last-news", ".last-news-section",          # scrapers
           # read as metadata first: the rubric-and-date and views lines, the byline
           "span.text-grey", ".news-author",
           ".news-tags", ".news-share", ".ya-share2", ".read-also", ".banner"),  # modelled
)

TENGRINEWS = Profile(
    name="tengrinews",
    cms_hints=("tengrinews",),
    # Catalogue and scrapers: h1.head-single, the text in .content_main_text (itemprop=articleBody),
    # the standfirst in .content_main_desc, the author in .content_main_meta_author_item_name. The
    # date is the last crumb of ol.breadCrumb-ls.date-time, or div.date-time ("20 марта 2025 |
    # 12:03", "Вчера | 12:03") on the 2023+ front end; article:published_time is read anyway.
    # The 2019 front end: h1.tn-content-title, div.tn-news-text.
    body=("div.content_main_text", "div.tn-news-text"),
    lead=(".content_main_desc",),
    title=("h1.head-single", "h1.tn-content-title", "h1.article__title"),
    authors=(".content_main_meta_author_item_name a",),
    dates=(("ol.breadCrumb-ls.date-time li:last-child span", None, "visible"),
           ("div.date-time", None, "visible")),
    tags=(".content_main_text_tags a",),
    prune=(
        ".content_main_text_tags",        # the tag list closes the text, inside it
        # in-text boxes a public reader removes: read-also, share, comments, inline teasers
        ".content_main_readalso", ".content_main_share", ".content_main_comments", ".tn-inpage",
        ".tn-related-news", ".tn-recommendations", ".tn-discussed-now-block", "[data-share-root]",
        ".content_main_text_banner", ".ya-share2", "[class*='read_also']",  # modelled
    ),
)

ZAKON = Profile(
    name="zakon",
    cms_hints=("zakon",),
    # div.articleBlock is a common class name (it fired on fluter.de in the trafilatura set): ask
    # for the site's own canonical link as well.
    detect=("link[rel=canonical][href*='zakon.kz']",),
    # Not in the catalogue's selectors. Scrapers of 2025 read the lead from .description and the
    # text from .content, the date from .date and the tags as .badge.large in .tags.newsTags; the
    # comments widget is div.zknc. A wrapper div.articleBlock holding all of them (h1, div.info >
    # div.date, div.author > a) comes from an older scraper and is read first when present.
    body=("div.articleBlock", "div.content"),
    lead=("div.description",),
    title=("div.articleBlock h1", "h1"),
    authors=("div.articleBlock div.author a",),
    tags=("div.articleBlock .tags a", ".tags.newsTags .badge"),
    dates=(("div.articleBlock div.info div.date", None, "visible"), ("div.date", None, "visible")),
    prune=(
        "div.info",                       # date and views line above the lead
        "div.author",                     # byline: kept as metadata, not as a paragraph
        "div.zknc",                       # comments widget
        ".articleImage",                  # modelled: lead photo and its credit line
        ".tags", ".share", ".ya-share2",  # modelled
        "[class*='read-also']",           # modelled: "Читайте также" cards between paragraphs
    ),
)

KAZPRAVDA = Profile(
    name="kazpravda",
    cms_hints=("kazpravda",),
    # Catalogue: h1.article__title, time.article__date, div.article__body, div.article__views; a
    # scraper reads the date as the element's text ("5 ноября 2024 г. 9:26").
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
