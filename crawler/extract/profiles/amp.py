"""AMP article pages (``html[amp]`` / ``html[⚡]``): generic AMP conventions, any CMS.

AMP has no fixed article markup, so this profile comes last and fires only on AMP documents:
the WordPress AMP plugin's reader template (``amp-wp-article-content``), the common
``amp-article-content``, schema.org ``articleBody``, else the ``<article>`` itself with its header
and footer cut off. AMP chrome comes as custom elements (``amp-ad``, ``amp-social-share``, ...), and is read by markup
(:func:`amp_chrome`): the share bar with its label, the link back to the canonical page ("Сайттың
толық нұсқасы", "Полная версия сайта"), and the byline line (``.byline``, ``[rel=author]``).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from crawler.extract.profiles import Profile
from crawler.text import clean_text

# A line around a share bar, a canonical link or an author link is chrome when this short: a label
# ("Бөлісу:", "Поделиться"), "Сайттың толық нұсқасы", "Автор: Name, 12.05.2024".
MAX_CHROME_LINE_CHARS = 120
_LINE_TAGS = frozenset({"p", "div", "span", "section", "li", "ul", "nav", "footer", "small", "address"})


def _line_of(el, container):
    """The largest block around ``el`` (up to ``container``, not it) whose text is a short line."""
    line = el
    for anc in el.iterancestors():
        if anc is container or anc.tag not in _LINE_TAGS:
            break
        if len(clean_text(anc.text_content())) > MAX_CHROME_LINE_CHARS:
            break
        line = anc
    return line


def _path(url: str) -> str:
    return urlsplit(url).path.rstrip("/")


def amp_chrome(container, page) -> None:
    """Drop the AMP page's own chrome from the body ``container`` (see the module docstring)."""
    doomed = []
    for el in container.iter("amp-social-share"):
        doomed.append(_line_of(el, container))
    canonical = page.canonical_url
    if canonical and _path(canonical) != _path(page.url):
        for a in container.iter("a"):
            href = a.get("href")
            if href and urljoin(page.url, href.strip()).split("#")[0].rstrip("/") == canonical.split("#")[0].rstrip("/") \
                    and len(clean_text(a.text_content())) <= MAX_CHROME_LINE_CHARS:
                doomed.append(_line_of(a, container))
    for el in container.iter():
        if not isinstance(el.tag, str):
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if (el.get("rel") or "").lower() == "author" or "byline" in names:
            doomed.append(_line_of(el, container) if len(clean_text(el.text_content())) <= MAX_CHROME_LINE_CHARS
                          else None)
    for el in doomed:
        if el is not None and el is not container and el.getparent() is not None:
            el.drop_tree()

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
    cleanup=amp_chrome,
)
