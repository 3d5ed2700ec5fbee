"""Fallback for markup no profile knows: trafilatura, the strongest open generic extractor.

We hand it the already-parsed tree (no second parse of the HTML string; trafilatura works on a
copy) and keep its output as paragraphs, then apply our own phrase rules.
"""

from __future__ import annotations

import logging
from copy import deepcopy
from itertools import islice

from lxml import etree

from crawler.chrome import COMMENT_SECTION_NAME, COMMENT_SYSTEM_NAME, is_end_heading, prune_xpath_for
from crawler.extract.body import HEADING_TAGS, MIN_PROSE_WORDS, Body, is_layout_cell, table_rows
from crawler.extract.page import class_text
from crawler.text import clean_text

logger = logging.getLogger(__name__)


def generic_body(page) -> Body | None:
    """trafilatura's reading of the whole page (its layout tables unwrapped: the page's metadata has
    been read, nothing reads its tables after this); the whole story when trafilatura read one part
    of a story split into several blocks (:func:`split_story`)."""
    unwrap_layout_tables(page.tree)
    body = trafilatura_body(page.tree, page.url, page.class_text)
    parts = split_story(page.tree, body.text if body is not None else "")
    if parts:
        whole = container_body(_joined(parts), page.url)
        if whole is not None and len(whole.text) > len(body.text):
            body = whole
    if body is not None:
        drop_comment_lines(body, page.tree)
    return body


# What holds the story: a comment section never does (a wrapper that does is no comment section).
_STORY_TAGS = ("h1", "article")


def _holds_story(el) -> bool:
    return next(el.iter(*_STORY_TAGS), None) is not None or el.find(".//*[@itemprop='articleBody']") is not None


def comment_sections(tree) -> list:
    """The page's comment sections, outermost only: elements named as one
    (:data:`crawler.chrome.COMMENT_SECTION_NAME`) that hold a form or a text box or are named by a
    comment system (:data:`crawler.chrome.COMMENT_SYSTEM_NAME`), and forms with a text box (a
    comment or "report a typo" form). Never one that holds the headline, an ``<article>`` or the
    declared body (ASP.NET wraps the whole page in one form; themes mark the post "comments-open")."""
    found = []
    for el in tree.iter("*"):
        if el.tag in ("html", "body", "head"):
            continue
        if el.tag == "form" and next(el.iter("textarea"), None) is not None:
            found.append(el)
            continue
        name = (el.get("class") or "") + " " + (el.get("id") or "")
        # the name first: the subtree walk for a form only where the name is a comment section's
        if name != " " and (COMMENT_SYSTEM_NAME.search(name) or (
                COMMENT_SECTION_NAME.search(name) and next(el.iter("form", "textarea"), None) is not None)):
            found.append(el)
    kept = set(found)
    return [el for el in found if not any(a in kept for a in el.iterancestors()) and not _holds_story(el)]


def _squeezed(text: str) -> str:
    return "".join(text.split())


def drop_comment_lines(body: Body, tree) -> None:
    """Remove from ``body`` the lines trafilatura took from the page's comment sections
    (:func:`comment_sections`): its moderation rules, log-in prompt and form labels, which it keeps
    as prose when the theme names the section its own way ("all_comments", "addcomment"). A line
    goes when its text is in a comment section and no more often elsewhere on the page.

    The sections are not removed from the tree beforehand: trafilatura weighs the page's blocks
    against each other, and a page without them can read as another story (measured on its
    evaluation set)."""
    sections = comment_sections(tree)
    if not sections:
        return
    inside = _squeezed(" ".join(el.text_content() for el in sections))
    page = _squeezed(tree.text_content())
    keep = []
    for tag, text in body.blocks:
        line = _squeezed(text)
        if tag != "figcaption" and line and line in inside and page.count(line) <= inside.count(line):
            continue
        keep.append((tag, text))
    body.blocks[:] = keep


# Whitespace of every kind, as :func:`_squeezed` drops it, for XPath's translate().
_SPACES = " \t\n\r\u00a0"
_SAME_TEXT = f"//body//*[translate(., '{_SPACES}', '') = $text]"
# A masthead is a few lines; the walk looks at no more (each line is one pass over the page).
MAX_LINES_BEFORE_HEADLINE = 10


def drop_lines_before_headline(body: Body, tree, title: str | None) -> None:
    """Remove the body's first lines when the page prints them only before the headline: a site
    header of plain paragraphs ("Администрация / СМОЛЕНСКОЙ ОБЛАСТИ / официальный портал органов
    власти") that trafilatura reads as the story's opening. A story follows its headline; what
    precedes it is the masthead, a kicker or the rubric.

    The headline is the first element whose text is the title; a line is before it when every
    element whose whole text is that line precedes it. Captions are passed over (a photo may
    stand above the headline). Nothing goes unless a line after the headline is kept, and a line
    no element holds exactly stops the walk: trafilatura joins and splits blocks its own way."""
    if not title or not body.blocks:
        return
    headline = next(iter(tree.xpath(_SAME_TEXT, text=_squeezed(title))), None)
    if headline is None:
        return
    order = {el: i for i, el in enumerate(tree.iter())}
    at = order[headline]
    drop = []
    for i, (tag, text) in enumerate(body.blocks[:MAX_LINES_BEFORE_HEADLINE]):
        if tag == "figcaption":
            continue
        holders = tree.xpath(_SAME_TEXT, text=_squeezed(text))
        if not holders or not all(order[el] < at and headline not in el.iterdescendants() for el in holders):
            break
        drop.append(i)
    kept = [block for i, block in enumerate(body.blocks) if i not in drop]
    if drop and any(tag != "figcaption" for tag, _ in kept):
        body.blocks[:] = kept


def _joined(parts):
    """One block of the parts' class holding copies of all their contents, as the story would be
    printed unsplit (handed several blocks, trafilatura again reads the first)."""
    first = parts[0]
    joined = first.makeelement(first.tag, {"class": first.get("class")})
    for part in parts:
        part = deepcopy(part)
        if part.text:
            if len(joined):
                joined[-1].tail = (joined[-1].tail or "") + part.text
            else:
                joined.text = (joined.text or "") + part.text
        joined.extend(list(part))
    return joined


def split_story(tree, text: str) -> list | None:
    """The blocks of a story printed in several blocks, when ``text`` (what a reader took of the
    page) holds the prose of some of them and misses others; else None.

    Magazines close the body around every ad or embed and open a new block of the same kind
    (Wired's ``body__container``s sit in grid rows of their own): a reader that finds the story
    through one block stops at its end. The blocks are the parents of paragraphs of prose, alike
    in tag, class and the two wrappers around them, in the same ``<article>`` (a blog's index
    prints one post per article), each with two paragraphs of prose at least (page builders' text
    modules and teaser cards hold one).
    """
    if not text:
        return None
    groups: dict[tuple, dict] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is None or not parent.get("class") or len(p.text_content().split()) < MIN_PROSE_WORDS:
            continue
        wrappers = tuple((a.tag, a.get("class")) for a in islice(parent.iterancestors(), 2))
        key = (parent.tag, parent.get("class"), wrappers, next(parent.iterancestors("article"), None))
        groups.setdefault(key, {}).setdefault(parent, []).append(p)
    for blocks in groups.values():
        if len(blocks) < 2 or any(len(ps) < 2 for ps in blocks.values()):
            continue
        read = [clean_text(ps[0].text_content()) in text for ps in blocks.values()]
        if any(read) and not all(read):
            return list(blocks)
    return None


def container_body(container, url: str) -> Body | None:
    """trafilatura's reading of one container (a profile found the body; trafilatura cleans it)."""
    import lxml.html

    from crawler.extract.page import HTML_PARSER

    # our parser: its elements are HtmlElements picked in C, as on the page (trafilatura copies the
    # document and touches every element)
    doc = lxml.html.document_fromstring("<html><body></body></html>", parser=HTML_PARSER)
    # moves the subtree (the page's body has been read already), or a copy when its tables need work
    doc.find("body").append(_tables_for_trafilatura(container))
    # fast: no second opinion from readability/justext, whose job (finding the story on the page)
    # the profile has done; the same F1 on every benchmark's profiled pages, 8% less time.
    return trafilatura_body(doc, url, class_text(doc), fast=True)


# trafilatura reads every table as a data table: a layout table's cell (old CMSs lay out whole pages
# and bodies in table cells) becomes one "| ... |" line, headline, lists and all. Layout tables are
# handed over as the sections they are. Inside a profile's container, a list in a data cell is the
# story's too, but trafilatura keeps one only in recall mode (nav lists in cells are noise on a
# whole page): there it is handed over as paragraphs.
_LISTS_IN_CELLS = etree.XPath(".//td//*[self::ul or self::ol] | .//th//*[self::ul or self::ol]")


def unwrap_layout_tables(tree) -> None:
    """Turn every layout table in ``tree`` (one with a cell holding a nested table or a long text,
    :func:`crawler.extract.body.is_layout_cell`) into plain divs, in place."""
    for table in list(tree.iter("table")):
        rows = list(table_rows(table))
        cells = [cell for row in rows for cell in row if cell.tag in ("td", "th")]
        if any(is_layout_cell(cell) for cell in cells):
            for el in (table, *table.findall("thead"), *table.findall("tbody"), *table.findall("tfoot"), *rows, *cells):
                el.tag = "div"


def _tables_for_trafilatura(container):
    """``container``, or when it holds tables a copy prepared for trafilatura (the container itself
    stays as published, for the block reader should trafilatura return nothing)."""
    if next(container.iter("table"), None) is None:
        return container
    container = deepcopy(container)
    unwrap_layout_tables(container)
    for lst in _LISTS_IN_CELLS(container):
        lst.tag = "div"
        for item in lst:
            if item.tag == "li":
                item.tag = "p"
    return container


def trafilatura_body(tree, url: str, classes: str, *, fast: bool = False) -> Body | None:
    """trafilatura's text of ``tree`` as body blocks; ``classes`` is the tree's joined class text."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=False,
            prune_xpath=prune_xpath_for(classes),
            with_metadata=False,
            fast=fast,
        )
    except Exception as exc:  # trafilatura raises a variety of errors on odd markup
        logger.warning("trafilatura failed on %s: %s", url, exc)
        return None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return None
    # The text output is one line per block; trafilatura's tree says which lines are list items,
    # headings and quotes. A line is an item only if the tree has that item: the text marks items
    # with "- ", and Kazakh and Russian texts open direct speech the same way ("- Біз келдік, -
    # деді ол.").
    items, kinds = _block_kinds(getattr(doc, "body", None))
    body = Body()
    for line in text.split("\n"):
        if body.blocks and is_end_heading(line):
            break                             # the related-stories list under the story
        if _is_icon_row(line):
            continue
        if line.startswith("- ") and clean_text(line[2:]) in items:
            body.add("li", line[2:])
        else:
            body.add(kinds.get(clean_text(line), "p"), line)
    return body


# trafilatura's line for a table row: "| a | b |". A row of empty cells but one is a row of icons
# (share buttons, logos, a "Share in" label before them), with no data to read.
MIN_EMPTY_ICON_CELLS = 3


def _is_icon_row(line: str) -> bool:
    stripped = line.strip()
    if not stripped.startswith("|"):
        return False
    cells = [cell.strip() for cell in stripped.strip("|").split("|")]
    return sum(1 for cell in cells if cell) <= 1 and sum(1 for cell in cells if not cell) >= MIN_EMPTY_ICON_CELLS


def _block_kinds(tree_body) -> tuple[set[str], dict[str, str]]:
    """The texts of trafilatura's list items, and our tag for the text of each heading and quote."""
    if tree_body is None:
        return set(), {}
    items = {_text(el) for el in tree_body.iter("item")}
    kinds = {_text(el): "blockquote" for el in tree_body.iter("quote")}
    kinds.update((_text(el), el.get("rend") if el.get("rend") in HEADING_TAGS else "h2")
                 for el in tree_body.iter("head"))
    return items, kinds


def _text(el) -> str:
    return clean_text("".join(el.itertext()))
