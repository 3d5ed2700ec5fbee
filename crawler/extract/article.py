"""Page -> article record: the profile path and the generic fallback.

``extract_article`` is a pure function of (html, url): no network, no database, so every profile
is testable from a saved file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.dates.page import DateCandidate, page_date_candidates
from crawler.extract.body import (MIN_PROSE_WORDS, Body, drop_boxes, drop_read_also_lines, has_boxes, has_link_blocks,
                                   kept_text, prune, read_body)
from crawler.extract.discard import drop_discarded
from crawler.editions import page_alternates
from crawler.extract.page import Page, css
from crawler.extract.profiles import Profile, profiles_for
from crawler.extract.titles import choose_title
from crawler.text import clean_text


class NotAnArticle(ValueError):
    """The page is not a news article (listing, static page, truncated document). ``str()`` is the reason."""


@dataclass
class Article:
    url: str
    canonical_url: str | None
    title: str | None
    authors: list[str] = field(default_factory=list)
    body: Body = field(default_factory=Body)
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    html_lang: str | None = None
    extraction_method: str = ""
    date_candidates: list[DateCandidate] = field(default_factory=list)
    alternates: list[dict] = field(default_factory=list)   # other-language editions (crawler.editions)

    @property
    def paragraphs(self) -> list[str]:
        return self.body.paragraphs

    @property
    def captions(self) -> list[str]:
        return self.body.captions

    @property
    def body_text(self) -> str:
        return self.body.text

    @property
    def body_html(self) -> str:
        return self.body.html


def _first_text(page: Page, selectors) -> str | None:
    for selector in selectors:
        for el in page.select(selector):
            text = clean_text(el.text_content())
            if text:
                return text
    return None


def _all_texts(page: Page, selectors) -> list[str]:
    for selector in selectors:
        values = []
        for el in page.select(selector):
            text = clean_text(el.text_content())
            if text and text not in values:
                values.append(text)
        if values:
            return values
    return []


def _names(value) -> list[str]:
    """JSON-LD ``author``: a string, a Person, or a list of either."""
    if isinstance(value, str):
        return [clean_text(value)] if clean_text(value) else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _sole_h1(page: Page) -> str | None:
    """The page's only non-empty ``<h1>``: the headline as printed, which SEO titles (og:title,
    JSON-LD) often rewrite. Not when it is the site's name (old themes put the logo in an h1)."""
    texts = [t for t in (clean_text(el.text_content()) for el in page.tree.iter("h1")) if t]
    if len(texts) != 1:
        return None
    site = clean_text(page.meta.get("og:site_name"))
    return None if site and texts[0].casefold() in site.casefold() else texts[0]


def _title(page: Page, profile: Profile | None) -> str | None:
    """The headline by agreement between the page's statements of it (:mod:`crawler.extract.titles`)."""
    return choose_title(page, _first_text(page, profile.title) if profile else None, _sole_h1(page))


def _authors(page: Page, profile: Profile | None) -> list[str]:
    if profile:
        found = _all_texts(page, profile.authors)
        if found:
            return found
    art = page.jsonld_article or {}
    found = _names(art.get("author"))
    if found:
        return list(dict.fromkeys(found))
    if page.meta.get("author"):
        return [clean_text(page.meta["author"])]
    return []


def _tags(page: Page, profile: Profile | None) -> list[str]:
    if profile:
        found = _all_texts(page, profile.tags)
        if found:
            return found
    values = [clean_text(el.get("content")) for el in page.tree.iter("meta") if el.get("property") == "article:tag"]
    return [v for v in dict.fromkeys(values) if v]


def _image(page: Page) -> str | None:
    if page.meta.get("og:image"):
        return page.meta["og:image"]
    image = (page.jsonld_article or {}).get("image")
    if isinstance(image, dict):
        image = image.get("url")
    if isinstance(image, list) and image:
        image = image[0] if isinstance(image[0], str) else (image[0] or {}).get("url")
    return image if isinstance(image, str) else None


def _profile_dates(page: Page, profile: Profile) -> list[DateCandidate]:
    out = []
    for selector, attr, source in profile.dates:
        for el in page.select(selector)[:1]:
            text = el.get(attr) if attr else clean_text(el.text_content())
            if text:
                out.append(DateCandidate("published", source, text))
    return out


def _lead_caption(page: Page, profile: Profile) -> str | None:
    for selector, attr in profile.lead_captions:
        for el in page.select(selector):
            text = kept_text("figcaption", clean_text(el.get(attr) if attr else el.text_content()))
            if text:                  # not empty, not a bare credit ("Фото: ...")
                return text
    return None


def _has_article_signals(page: Page) -> bool:
    return bool(
        page.jsonld_article
        or page.meta.get("og:type", "").lower() == "article"
        or page.meta.get("article:published_time")
    )


def _trafilatura_profile_body(container, url: str, profile: Profile) -> Body:
    """trafilatura inside the container; captions taken out first (it drops or inlines them).

    trafilatura returns nothing for texts under its minimum size: the container's blocks then, as
    published (trafilatura works on a copy and leaves the container as it was).
    """
    from crawler.extract.generic import container_body

    captions = []
    for selector in profile.captions:
        for el in css(selector)(container):
            captions.append(el.text_content())
            el.drop_tree()
    drop_read_also_lines(container)
    body = container_body(container, url) or read_body(container, ())
    for text in captions:
        body.add("figcaption", text)
    return body


def _story_container(found):
    """Of several matching containers, the story's; None when it cannot be told apart.

    Themes print the same class for an excerpt above the story (the story is much the longest)
    and for teaser cards in lists (all alike: the story is elsewhere, let another reader try).
    """
    sized = sorted(((len(el.text_content()), i) for i, el in enumerate(found)), reverse=True)
    (first, i), (second, _) = sized[0], sized[1]
    return found[i] if first >= 2 * second else None


def _take_in_following_story(marker) -> None:
    """An empty declared body followed by prose: the template printed the body's wrapper and then
    the story beside it (TYPO3's news pages render the text as content elements after an empty
    ``articleBody`` div). The story's blocks are moved into it. An empty body with no prose after
    it is an image-only story and stays empty."""
    siblings = list(marker.itersiblings())
    if any(len(p.text_content().split()) >= MIN_PROSE_WORDS for sibling in siblings for p in sibling.iter("p")):
        marker.extend(siblings)


def _profile_body(page: Page, profile: Profile) -> Body | None:
    for selector in profile.body:
        # <template> content is inert, never shown (Vue's "next story" templates repeat the markup)
        found = [el for el in page.select(selector) if next(el.iterancestors("template"), None) is None]
        if found:
            container = found[0] if len(found) == 1 else _story_container(found)
            if container is None:
                return None
            if profile.declared_body and not container.text_content().strip():
                _take_in_following_story(container)
            prune(container, profile.prune, page.may_match)
            if profile.cleanup is not None:
                profile.cleanup(container, page)
            if profile.reader == "filtered":
                # trafilatura's discard rules and our named boxes; trafilatura itself only for the
                # link-dense blocks no name gives away
                drop_discarded(container)
                drop_boxes(container)
                if has_link_blocks(container):
                    return _trafilatura_profile_body(container, page.url, profile)
            elif profile.reader == "auto" and has_boxes(container):
                # Drop the named boxes ourselves; what is left is read as blocks unless link-dense
                # blocks with no telling name remain, for trafilatura's filters.
                drop_boxes(container)
                if has_link_blocks(container):
                    return _trafilatura_profile_body(container, page.url, profile)
            elif profile.reader == "trafilatura":
                return _trafilatura_profile_body(container, page.url, profile)
            return read_body(container, profile.captions)
    return None


# Without article metadata a page must show real prose to count as an article. Menus, galleries
# and contact pages are many short lines; a paragraph of prose has MIN_PROSE_WORDS words.
MIN_PROSE_CHARS = 150
# A profile whose container holds (almost) no text matched the wrong element (an empty
# .entry-content beside the real body): the next profile or the generic fallback gets the page.
MIN_PROFILE_TEXT_CHARS = 20


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
MIN_PROSE_CJK_CHARS = 30   # Chinese, Japanese (and Korean, often) are written without spaces between words


def _is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= MIN_PROSE_WORDS or len(_CJK.findall(paragraph)) >= MIN_PROSE_CJK_CHARS


def _prose_chars(body: Body | None) -> int:
    if body is None:
        return 0
    return sum(len(p) for p in body.paragraphs if _is_prose(p))


@dataclass
class _Reading:
    title: str | None
    authors: list[str]
    tags: list[str]
    dates: list[DateCandidate]
    body: Body | None
    method: str


def _tidy(body: Body, title: str | None) -> None:
    """What every reader leaves at the body's ends: the headline printed again as its first line
    (in a <p> or <h2>), a box title left as its last (:meth:`Body.drop_dangling_end`), a reprint
    notice or sign-off after the story (:meth:`Body.drop_trailing_boilerplate`)."""
    first = next((i for i, (tag, _) in enumerate(body.blocks) if tag != "figcaption"), None)
    if title and first is not None and body.blocks[first][1] == title:
        del body.blocks[first]
    body.drop_dangling_end()
    body.drop_trailing_boilerplate()
    body.drop_dangling_end()


def _read_with_profiles(page: Page, cms_hint: str | None) -> _Reading | None:
    """The first matching profile that finds body text; None when no profile does."""
    for profile in profiles_for(cms_hint):
        if not profile.matches(page):
            continue
        # Metadata first: reading the body prunes the tree.
        title, authors, tags = _title(page, profile), _authors(page, profile), _tags(page, profile)
        dates = _profile_dates(page, profile)
        lead = next((el.text_content() for sel in profile.lead for el in page.select(sel)), None)
        lead_caption = _lead_caption(page, profile)
        if not lead and profile.standfirst_from_description:
            lead = _standfirst(page)
        body = _profile_body(page, profile)
        if body is None:
            continue
        _tidy(body, title)                       # the body's own lines, before a lead goes first
        if lead and lead not in body.text:
            body.add_first("p", lead)
        if lead_caption:
            body.add_first("figcaption", lead_caption)
        if len(body.text) >= MIN_PROFILE_TEXT_CHARS or profile.declared_body:
            return _Reading(title, authors, tags, dates, body, f"profile:{profile.name}")
    return None


# A standfirst mirrors the page's description: this much of it must open one of the first blocks
# after the h1.
STANDFIRST_PREFIX_CHARS = 40
STANDFIRST_BLOCKS = 30
_STANDFIRST_TAGS = frozenset({"p", "div", "h2"})


def _blocks_after(el):
    """The p/div/h2 elements after ``el`` in document order (not inside it), nearest first."""
    node, seen = el, 0
    while node is not None:
        for sibling in node.itersiblings():
            for block in sibling.iter():        # the sibling, then what is inside it, lazily
                if block.tag in _STANDFIRST_TAGS:
                    yield block
                    seen += 1
                    if seen >= STANDFIRST_BLOCKS:
                        return
        node = node.getparent()


def _opening_text(el, head: str, limit: int) -> str | None:
    """``el``'s cleaned text if it opens with ``head`` and is at most ``limit`` characters long;
    None as soon as either fails (a wrapper around the whole story is not read to its end)."""
    parts, size, opened = [], 0, False
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if not opened:
            start = clean_text("".join(parts))
            if not head.startswith(start[: len(head)]):
                return None
            opened = len(start) >= len(head)
        if size > 4 * limit:                 # raw text carries indentation; cleaned, it may shrink
            return None
    text = clean_text("".join(parts))
    return text if opened and len(text) <= limit else None


def _standfirst(page: Page) -> str | None:
    """The block under the headline that opens with the page's meta description: the standfirst,
    which generic extractors often drop for its "heading"/"lead" class."""
    description = clean_text(page.meta.get("description") or page.meta.get("og:description"))
    if len(description) < 2 * STANDFIRST_PREFIX_CHARS:
        return None
    h1 = next(page.tree.iter("h1"), None)
    if h1 is None:
        return None
    head = description[:STANDFIRST_PREFIX_CHARS]
    for block in _blocks_after(h1):
        # only a block about the description's size is it (a wrapper around the whole story opens
        # with it too), and a photo whose caption repeats the description is a photo
        text = _opening_text(block, head, 2 * len(description))
        if text and next(block.iter("img", "picture", "figure", "figcaption"), None) is None:
            return text
    return None


def _read_generic(page: Page) -> _Reading:
    from crawler.extract.generic import drop_lines_before_headline, generic_body

    title, authors, tags = _title(page, None), _authors(page, None), _tags(page, None)
    standfirst = _standfirst(page)
    body = generic_body(page)
    if body is not None and body.blocks:
        drop_lines_before_headline(body, page.tree, title)
        _tidy(body, title)
        if standfirst and standfirst not in body.text:
            body.add_first("p", standfirst)
    return _Reading(title, authors, tags, [], body, "generic:trafilatura")


def extract_article(html: str, url: str, *, cms_hint: str | None = None, use_profiles: bool = True) -> Article:
    """Extract one article from ``html`` fetched at ``url``.

    ``use_profiles=False`` forces the generic fallback (for evaluation and comparison).

    Raises :class:`NotAnArticle` for pages that are not articles and
    :class:`crawler.extract.page.PageError` for documents that are not parseable HTML.
    """
    page = Page(html, url)
    # Page-level metadata is read before any body is: reading a body mutates the tree.
    signals = _has_article_signals(page)
    generic_dates = page_date_candidates(page)
    canonical, image, lang = page.canonical_url, _image(page), page.html_lang
    alternates = page_alternates(page)

    reading = _read_with_profiles(page, cms_hint) if use_profiles else None
    if reading is None:
        reading = _read_generic(page)
    body = reading.body
    if not signals and (_prose_chars(body) < MIN_PROSE_CHARS or not reading.title):
        raise NotAnArticle("no article metadata and no substantial prose")
    if not reading.title:
        raise NotAnArticle("no title")
    return Article(
        url=url,
        canonical_url=canonical,
        title=reading.title,
        authors=reading.authors,
        body=body or Body(),
        tags=reading.tags,
        image=image,
        html_lang=lang,
        extraction_method=reading.method,
        date_candidates=[*generic_dates, *reading.dates],
        alternates=alternates,
    )
