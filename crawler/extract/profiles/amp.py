"""AMP article pages (``html[amp]`` / ``html[⚡]``): generic AMP conventions, any CMS.

AMP has no fixed article markup, so this profile comes last and fires only on AMP documents:
the WordPress AMP plugin's reader template (``amp-wp-article-content``), the common
``amp-article-content``, schema.org ``articleBody``, else the ``<article>`` itself with its header
and footer cut off. AMP chrome comes as custom elements (``amp-ad``, ``amp-social-share``, ...).
"""

from __future__ import annotations

from crawler.extract.profiles import Profile

AMP = Profile(
    name="amp",
    cms_hints=(),                       # any CMS can serve AMP: no registry hint names it
    detect=("html[amp], html[⚡]",),
    body=(
        ".amp-wp-article-content", ".amp-article-content", "[itemprop=articleBody]",
        "article .article-body", "article .article__body", "article",
    ),
    title=("h1.amp-wp-title", "article h1", "h1"),
    authors=(".amp-wp-byline .amp-wp-author", "article [rel=author]", "article [itemprop=author] [itemprop=name]"),
    tags=(".amp-wp-tax-tag a", "article a[rel=tag]"),
    dates=(("article time[datetime]", "datetime", "time"),),
    prune=(
        "header", "footer", "nav", "aside",         # the article's own header (h1, byline, date) and footer
        "amp-ad", "amp-embed", "amp-sticky-ad", "amp-social-share", "amp-sidebar", "amp-analytics",
        "amp-iframe", "amp-consent", "amp-user-notification",
        ".amp-wp-meta", ".amp-wp-article-featured-image",  # reader template: byline, lead image
        "[class*='related']",
    ),
    # The reader template's featured image, or a cover figure above the body inside <article>.
    lead_captions=((".amp-wp-article-featured-image figcaption", None), ("article figure figcaption", None)),
)
