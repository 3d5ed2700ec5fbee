"""Turn a body container into paragraphs, captions and clean HTML.

Paragraph text is the element's ``text_content()`` with only the outer whitespace trimmed, so
quotes, dashes and inner spacing stay exactly as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import unquote, urlsplit

from lxml import etree

from crawler.chrome import (COMMON_PRUNE, STORY_BOX_NAME, is_chrome_paragraph, is_property_line,
                            is_trailing_boilerplate)
from crawler.extract.page import css as compiled
from crawler.text import clean_text

BLOCK_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "table"}
HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6"}
_CONTAINER_TAGS = {"div", "section", "article", "main", "span", "font", "center"}


# A paragraph of prose has at least a dozen words (menus, captions and teaser lines have fewer).
MIN_PROSE_WORDS = 12

# Soft hyphens, zero-width spaces and stray BOMs are typesetting, not text: kept, they split words
# for full-text search ("die\u00adsem" does not match "diesem").
_INVISIBLE_CHARS = "\u00ad\u200b\ufeff"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))
_HAS_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]").search


@dataclass
class Body:
    """The article body as an ordered list of ``(tag, text)`` blocks.

    ``tag`` is ``p``, ``h2``..``h6``, ``blockquote``, ``pre`` or ``figcaption``. Text and HTML are
    derived from the blocks, so a later stage (site-template learning) can drop a block and
    re-render without touching the page again.
    """

    blocks: list[tuple[str, str]] = field(default_factory=list)
    # The sign-off and reprint lines drop_trailing_boilerplate took off the end, in page order:
    # not the story, but a sign-off may name its source ("По материалам КазТАГ"): see credits.
    trailing: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [text for tag, text in self.blocks if tag != "figcaption"]

    @property
    def captions(self) -> list[str]:
        return list(dict.fromkeys(text for tag, text in self.blocks if tag == "figcaption"))

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def html(self) -> str:
        return render_blocks(self.blocks)

    def add(self, tag: str, text: str) -> None:
        """Append a block unless it is empty or a chrome phrase."""
        text = kept_text(tag, text)
        if text:
            self.blocks.append((tag, text))

    def drop_dangling_end(self) -> None:
        """A short heading as the body's last line ("Ұқсас жаңалықтар", "Tell us what YOU think")
        was the title of a box that is gone (related posts, comments, a newsletter form): it goes
        too. A story never ends on a subheading."""
        while self.blocks and self.blocks[-1][0] != "figcaption" and is_dangling(*self.blocks[-1]):
            self.blocks.pop()

    def drop_trailing_boilerplate(self) -> None:
        """What follows the story in the page's text when a reader takes it in: the footer's reprint
        notice and the release's sign-off (:func:`crawler.chrome.is_trailing_boilerplate`), last
        lines only, and never the body's only line."""
        while len(self.paragraphs) > 1 and self.blocks[-1][0] not in ("figcaption", *HEADING_TAGS) \
                and is_trailing_boilerplate(self.blocks[-1][1]):
            self.trailing.insert(0, self.blocks.pop()[1])

    def add_first(self, tag: str, text: str) -> None:
        """Put a block read outside the container (a standfirst, the lead image's caption) first,
        under the rules of :meth:`add`, unless the container had it already."""
        text = kept_text(tag, text)
        if text and text not in (self.captions if tag == "figcaption" else self.paragraphs):
            self.blocks.insert(0, (tag, text))


def is_label_line(text: str) -> bool:
    """A short line ending like a label ("Тағы оқыңыз:", "Read more..."): it introduces what follows."""
    return len(text) <= MAX_LABEL_CHARS and text.rstrip().endswith(LABEL_ENDS)


_SENTENCE_BREAK = re.compile(r"[.!?…»\"] ")


def is_dangling(tag: str, text: str) -> bool:
    """A heading as short as a label, of one phrase: the title of a list or box. (Headings of two
    sentences are pull quotes; a last line ending with a colon is as often the story's own, before
    the photos or posts it introduces, as a label.)"""
    return tag in HEADING_TAGS and len(text) <= MAX_LABEL_CHARS and not _SENTENCE_BREAK.search(text)


def kept_text(tag: str, text: str) -> str | None:
    """``text`` as a body keeps it (typesetting characters out, trimmed), or None for chrome."""
    if _HAS_INVISIBLE(text):              # rare, and translate() is not cheap
        text = text.translate(_INVISIBLE)
    text = text.strip()
    # A caption that is only a credit line ("Фото: ...") is metadata like any property line.
    if text and (not is_chrome_paragraph(text) or (tag == "figcaption" and not is_property_line(text))):
        return text
    return None


def render_blocks(blocks) -> str:
    """Minimal, escaped HTML: safe to render in Datasette or a browser as it is."""
    out = []
    for tag, text in blocks:
        if tag == "figcaption":
            out.append(f"<figure><figcaption>{escape(text)}</figcaption></figure>")
        else:
            tag = tag if tag in HEADING_TAGS or tag in {"blockquote", "pre"} else "p"
            out.append(f"<{tag}>{escape(text)}</{tag}>")
    return "\n".join(out)


def prune(container, selectors, may_match=None) -> None:
    """Remove every element matching one of ``selectors`` (keeping the text that follows it).

    ``may_match`` (a :meth:`crawler.extract.page.Page.may_match`) skips selectors that cannot match
    anything on the page.
    """
    _unwrap_noscript_copy(container)
    for css in (*COMMON_PRUNE, *selectors):
        if may_match is not None and not may_match(css):
            continue
        for el in compiled(css)(container):
            if el is container:
                continue
            el.drop_tree()


_TEXT_OUTSIDE_SCRIPTS = etree.XPath(
    "boolean(.//text()[normalize-space()][not(ancestor::script or ancestor::noscript"
    " or ancestor::template or ancestor::style)])")


def _unwrap_noscript_copy(container) -> None:
    """A body the browser renders from a script (Blogger's ``<script type="text/template">``) shows
    no text without it; its ``<noscript>`` copy is the story then, read in place of the script.

    Only when nothing outside scripts has text: a page that renders its body as well as a
    ``<noscript>`` fallback would otherwise read twice, and ``<noscript>`` images are no text.
    """
    copies = [el for el in container.iter("noscript") if _has_block_descendant(el)]
    if copies and not _TEXT_OUTSIDE_SCRIPTS(container):
        for el in copies:
            el.drop_tag()


def _has_block_descendant(el) -> bool:
    return any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())


# Elements whose content is laid out as blocks of its own: a boundary for loose text.
_SECTION_TAGS = {"div", "section", "article", "main", "center", "header", "ul", "ol", "dl", "figure",
                 "blockquote", "li", "dd", "dt"}


def _site(url: str | None) -> str | None:
    """The site ``url`` is on ("" for a relative link), None for what is no web page (``mailto:``,
    ``javascript:``, a malformed URL)."""
    try:
        parts = urlsplit(url or "")
    except ValueError:                        # "http://[abc/": a broken link is nobody's page
        return None
    if parts.scheme not in ("", "http", "https"):
        return None
    # lxml percent-encodes a non-ASCII base URL ("қазақ.kz" -> "%D2%9B..."); links may be either way
    return unquote(parts.hostname or "").removeprefix("www.")


def _links_home(p, home: str | None) -> bool:
    """Every link in ``p`` stays on the site ``home`` (relative links do)."""
    return all(a.get("href") is not None and _site(a.get("href")) in ("", home) for a in p.iter("a"))


def _link_line_runs(el, home: str | None) -> dict:
    """Children of ``el`` that are paragraphs made of one link to the site's own pages each, two
    or more in a row (only empty elements such as ad slots between them): "related articles"
    written as paragraphs. Links to other sites in a row are the story's sources, and stay.
    Maps each to whether it opens its run."""
    runs, run = {}, []

    def close() -> None:
        if len(run) >= 2:
            runs.update({p: i == 0 for i, p in enumerate(run)})
        run.clear()

    for child in el:
        if child.tag == "p" and _is_all_link(child) and _links_home(child, home):
            run.append(child)
        elif run and (not isinstance(child.tag, str) or child.text_content().strip()):
            close()                           # text between them: not a run (checked only within one)
        if run and (child.tail or "").strip():
            close()
    close()
    return runs


# "Label: <a>title</a>": a short label, a separator, and one link to the site's own pages that is
# the rest of the line.
MAX_LINK_LABEL_CHARS = 40
MAX_LINK_LABEL_WORDS = 5
_LINK_LABEL_ENDS = (":", "|", "→", "»", ">")


def _is_label_and_link(el, home: str | None) -> bool:
    """A "Read also:"-style label and one link to another of the site's pages, whatever the
    language ("Les også:", "FUNDA OLUNYE UDABA LAPHA |", "Тағы оқыңыз:")."""
    links = list(el.iter("a"))
    if len(links) != 1 or not _links_home(el, home):
        return False
    text, linked = clean_text(el.text_content()), clean_text(links[0].text_content())
    if not linked or not text.endswith(linked):
        return False
    label = text[: len(text) - len(linked)].strip()
    return label.endswith(_LINK_LABEL_ENDS) and _is_short_label(label)


def _is_short_label(label: str) -> bool:
    return len(label) <= MAX_LINK_LABEL_CHARS and len(label.split()) <= MAX_LINK_LABEL_WORDS


MAX_TEASER_TITLE_CHARS = 200


def _is_teaser_box(el, home: str | None) -> bool:
    """A box inside the story that shows one link to another of the site's pages and a short label
    of its own element beside it ("Вопрос-ответ", "Тақырыпқа қатысты", "Читайте также", "More"),
    whatever the label says: the teaser of another story a CMS or an editor puts in the text.

    The label must sit in an element apart from the link, not in the text around it: "Об этом
    сообщает <a>пресс-служба</a>" in a div is a sentence with a link, not a box."""
    links = list(el.iter("a"))
    if not links or len({a.get("href") for a in links}) != 1 or not _links_home(el, home):
        return False
    linked = clean_text(" ".join(a.text_content() for a in links))
    if not linked or len(linked) > MAX_TEASER_TITLE_CHARS:
        return False
    inside = {node for a in links for node in a.iter()}
    around = {el, *(node for a in links for node in a.iterancestors())}
    label = []
    for t in _TEXTS(el):
        if not t.strip():
            continue
        owner = _owner(t)
        if owner in inside:
            continue
        if owner in around:
            return False                    # text beside the link: a sentence, not a label
        label.append(t)
    label_text = clean_text(" ".join(label))
    return bool(label_text) and _is_short_label(label_text)


def drop_read_also_lines(container) -> None:
    """Remove the "Label: <a>another story</a>" paragraphs (:func:`_is_label_and_link`) before a
    reader that gets only text (trafilatura) loses the link that tells them apart."""
    home = _site(container.base_url)
    for p in [p for p in container.iter("p") if _is_label_and_link(p, home)]:
        p.drop_tree()


def _is_link_list(el, home: str | None) -> bool:
    """A list of two or more items that are each nothing but a link: related posts, not prose.

    Editors paste "more on this" lists into bodies and themes print them there; a list whose items
    carry text of their own besides the link (a source with a comment, a step with a URL) stays.
    """
    items = [child for child in el if child.tag == "li"]
    return len(items) >= 2 and all(_is_all_link(item) and _links_home(item, home) for item in items)


def _named_boxes(container):
    for el in container.iterdescendants():
        if isinstance(el.tag, str):
            name = (el.get("class") or "") + " " + (el.get("id") or "")
            # an embed is the story quoting a post or a video ("social-media-embed"), not a box
            if name != " " and STORY_BOX_NAME.search(name) and "embed" not in name.lower():
                yield el


def has_boxes(container) -> bool:
    """The container holds more than the story: an element whose class or id names a plugin or
    theme box (related posts, share bars, ratings, author cards, navigation, ...).

    Embeds and page-builder wrappers (``wp-block-embed``, ``elementor-widget-container``) are
    content and do not count.
    """
    return next(_named_boxes(container), None) is not None


# A box (by its name) is dropped only when it holds less than this share of the container's text:
# a wrapper named "post-author-content" around the whole story is not a box.
BOX_MAX_SHARE = 0.5
# A block with at least this many links whose text is mostly link text is a teaser grid or link
# list that carries no box name.
MIN_BLOCK_LINKS = 3
MAX_LINK_DENSITY = 0.5


def drop_boxes(container) -> None:
    """Remove the plugin and theme boxes :func:`has_boxes` finds."""
    total = len(container.text_content()) or 1
    for el in list(_named_boxes(container)):
        if el.getparent() is not None and len(el.text_content()) < BOX_MAX_SHARE * total:
            el.drop_tree()


def has_link_blocks(container) -> bool:
    """A block inside the container is mostly links (related grids, tag clouds, navigation)."""
    for el in container.iter("div", "section", "aside", "ul", "ol", "nav", "table"):
        if el is container:
            continue
        links = list(el.iter("a"))
        if len(links) < MIN_BLOCK_LINKS:
            continue
        text = len(clean_text(el.text_content()))
        linked = sum(len(clean_text(a.text_content())) for a in links)
        if text and linked / text > MAX_LINK_DENSITY:
            return True
    return False


_HIDDEN = etree.XPath(".//*[@hidden or contains(translate(@style, ' ', ''), 'display:none')]")
_TEXTS = etree.XPath(".//text()")


def _owner(t):
    """The element a text node of :data:`_TEXTS` belongs to (a tail: the parent of its element)."""
    return t.getparent().getparent() if t.is_tail else t.getparent()


def _shown_text(el, hidden) -> str:
    """The element's text without that of the ``hidden`` elements in it (their tails are shown)."""
    inside = {node for h in hidden for node in h.iter()}
    return "".join(t for t in _TEXTS(el) if _owner(t) not in inside)


def _is_all_link(el) -> bool:
    """All the element shows is link text (a date hidden with ``display: none`` is not shown)."""
    if next(el.iter("a"), None) is None:
        return False                        # asked of every wrapper: no text walk when no link
    text = clean_text(el.text_content())
    linked = clean_text(" ".join(a.text_content() for a in el.iter("a")))
    # compared without spaces: links a <br> separates run together in the text ("онлайн-справочникЛучшие")
    if not text or (linked and linked.replace(" ", "") == text.replace(" ", "")):
        return bool(text)
    hidden = _HIDDEN(el) if linked else None
    return bool(hidden) and clean_text(_shown_text(el, hidden)) == linked


# A line that is a <time> and at most this many words besides: an entry's time stamp and byline.
MAX_TIME_LINE_WORDS = 3


def _is_time_line(el) -> bool:
    """A block made of a ``<time>`` and a label or name at most ("20:42 KEY EVENT", "Updated
    14:05 Joseph Gamp"): a live blog entry's stamp, not its text. The page's dates are read before
    the body is; a ``<time>`` inside a sentence of prose leaves it a sentence."""
    stamp = el.find(".//time")
    if stamp is None or _has_block_descendant(el):
        return False                        # a section holding the entry's paragraphs is the entry
    rest = el.text_content().replace(stamp.text_content(), "", 1)
    return len(rest.split()) <= MAX_TIME_LINE_WORDS


_IMAGE_TAGS = ("img", "amp-img", "picture")


def _has_image(el) -> bool:
    return next(el.iter(*_IMAGE_TAGS), None) is not None


def _is_caption_line(el) -> bool:
    """An all-italic line right under an image (an image-only paragraph, or an image and a line
    break) or beside one in the same paragraph: how editors of DLE, Joomla, Bitrix and WordPress
    sites caption a photo without a caption field."""
    if next(el.iter("em", "i"), None) is None:
        return False                        # asked of every <p> and <div>: no text walk when no italics
    text = clean_text(el.text_content())
    italic = clean_text(" ".join(i.text_content() for i in el.iter("em", "i")))
    if not text or italic != text:
        return False
    if _has_image(el):
        return True                         # <p><img><br><em>Caption</em></p>
    before = el.getprevious()
    while before is not None and (not isinstance(before.tag, str) or before.tag == "br"):
        if (before.tail or "").strip():
            return False                    # text between the image and the line: not a caption
        before = before.getprevious()
    if before is None or (before.tail or "").strip():
        return False
    return before.tag in _IMAGE_TAGS or (_has_image(before) and not before.text_content().strip())


def table_rows(table):
    """The table's own rows (not those of tables nested in its cells)."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if row.tag == "tr")


# Old CMS bodies lay out whole articles in table cells: a cell holding a nested table or a long
# text is read as a section of the body, not as one cell of a data row.
MAX_DATA_CELL_CHARS = 300
MAX_LABEL_CHARS = 80
LABEL_ENDS = (":", "...", "\u2026")


def is_layout_cell(cell) -> bool:
    return next(cell.iter("table"), None) is not None or len(cell.text_content()) > MAX_DATA_CELL_CHARS


# Caption markup: <figcaption>, and "[class*='caption']" for wp-caption-text, BEM "__img-caption",
# K2's itemImageCaption and the many theme spellings.
CAPTION_CSS = ("figcaption", "[class*='caption']")


# What makes a <p> read element by element rather than as one block: a <br> (its lines), and the
# HTML5 boxes the parser leaves inside a <p> (it closes one only at a <div>), an inline card or photo.
_WALKED_IN_P = ("br", "figure", "section", "aside", "article")


def read_body(container, caption_css=CAPTION_CSS) -> Body:
    """Walk the pruned container in document order and collect its blocks.

    Block elements (``<p>``, headings, list items, ...) become one block each, as published. Text
    that sits loose in containers, as old CMSs write bodies, is split at ``<br>`` and at element
    boundaries, also where a broken page wraps it in an unclosed inline tag.
    """
    body = Body()
    captions = set()
    home = _site(container.base_url)   # the page's own site, for telling its links from others
    for css in caption_css:
        captions.update(compiled(css)(container))
    pending: list[str] = []

    def flush() -> None:
        body.add("p", "".join(pending))
        pending.clear()

    def drop_list_heading(headings: bool = True) -> None:
        """The heading or "More on this:" / "Read also..." label a dropped link list or card had."""
        if body.blocks:
            tag, text = body.blocks[-1]
            if (headings and tag in HEADING_TAGS) or is_label_line(text):
                body.blocks.pop()

    def read_table(table):
        """A data table row by row, cells joined with " | "; a layout table's cells as sections."""
        for row in table_rows(table):
            cells = [cell for cell in row if cell.tag in ("td", "th")]
            if any(is_layout_cell(cell) for cell in cells):
                for cell in cells:
                    yield walk(cell)
                    flush()
            else:
                body.add("p", " | ".join(t for t in (clean_text(c.text_content()) for c in cells) if t))

    # walk() and visit() are generators that yield the sub-walks they need instead of calling them:
    # _run_walk() keeps those on a list, so a body nested thousands of elements deep is read in full
    # instead of hitting Python's recursion limit (~1,000 frames; a body 500 divs deep was lost).
    # Same calls in the same order as plain recursion, so the same blocks.
    def walk(el):
        if el.text:
            pending.append(el.text)
        link_lines = _link_line_runs(el, home)
        for child in el:
            if child in link_lines:
                flush()
                if link_lines[child]:         # the first of the run: its label goes with it
                    drop_list_heading()
            elif isinstance(child.tag, str):
                yield visit(child)
            if child.tail:
                pending.append(child.tail)

    def visit(child):
        tag = child.tag
        if child in captions:
            flush()
            body.add("figcaption", child.text_content())
        elif tag in ("br", "h1"):   # h1: the headline repeated
            flush()
        elif tag == "table":
            flush()
            yield from read_table(child)
        elif tag in ("ul", "ol") and _is_link_list(child, home):
            flush()
            drop_list_heading()
        elif tag in HEADING_TAGS and _is_all_link(child) and _links_home(child, home):
            flush()                           # a teaser's title ("related" cards), not a subheading;
                                              # a heading linking elsewhere names a product or source
        elif tag in ("div", "p") and _is_time_line(child):
            flush()                           # a live blog entry's stamp ("20:42 KEY EVENT")
        elif tag == "p" and _is_label_and_link(child, home):
            flush()                           # "READ ALSO | <a>another story</a>", any language
        elif tag in ("p", "div") and _is_caption_line(child):
            flush()
            body.add("figcaption", child.text_content())
        elif tag in ("div", "figure", "section", "aside") and _is_all_link(child):
            flush()                           # a card or button that is one link: a teaser, not text
            drop_list_heading(headings=False)
        elif tag in ("div", "figure", "section", "aside") and _is_teaser_box(child, home):
            flush()                           # a labelled card linking to another story
        elif tag == "p" and next(child.iter(*_WALKED_IN_P), None) is not None:
            flush()                           # lines a <br> separates are read as lines, not run
            yield walk(child)                 # together ("14.<br>Ngokuthola" -> "14.Ngokuthola"),
            flush()                           # and boxes inside a <p> as the boxes they are
        elif tag in BLOCK_TAGS and not (tag in {"li", "blockquote"} and _has_block_descendant(child)):
            flush()
            body.add(tag, child.text_content())
        elif tag in _SECTION_TAGS or _has_block_descendant(child):
            flush()
            yield walk(child)
            flush()
        elif next(child.iter("br"), None) is not None:
            yield walk(child)                 # inline element with line breaks inside
        else:
            pending.append(child.text_content())

    _run_walk(walk(container))
    flush()
    return body


def _run_walk(walk) -> None:
    """Drive a generator that yields generators (its sub-walks) to completion, depth first, with a
    list for a stack instead of Python's call stack."""
    stack = [walk]
    while stack:
        sub = next(stack[-1], None)
        if sub is None:
            stack.pop()
        else:
            stack.append(sub)

