"""Turn a body container into paragraphs, captions and clean HTML.

Paragraph text is the element's ``text_content()`` with only the outer whitespace trimmed, so
quotes, dashes and inner spacing stay exactly as published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from lxml import etree

from crawler.extract.chrome import COMMON_PRUNE, is_chrome_paragraph
from crawler.extract.page import css as compiled

BLOCK_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "table"}
HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6"}
_CONTAINER_TAGS = {"div", "section", "article", "main", "span", "font", "center"}


@dataclass
class Body:
    """The article body as an ordered list of ``(tag, text)`` blocks.

    ``tag`` is ``p``, ``h2``..``h6``, ``blockquote``, ``pre`` or ``figcaption``. Text and HTML are
    derived from the blocks, so a later stage (site-template learning) can drop a block and
    re-render without touching the page again.
    """

    blocks: list[tuple[str, str]] = field(default_factory=list)

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
        text = text.strip()
        if text and (tag == "figcaption" or not is_chrome_paragraph(text)):
            self.blocks.append((tag, text))


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


def prune(container, selectors) -> None:
    """Remove every element matching one of ``selectors`` (keeping the text that follows it)."""
    for css in (*COMMON_PRUNE, *selectors):
        for el in compiled(css)(container):
            if el is container:
                continue
            el.drop_tree()


def _has_block_descendant(el) -> bool:
    return any(
        isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants()
    )


def _loose_text_blocks(el) -> list[str]:
    """Text sitting directly in a container, split at <br>: old CMSs write bodies without <p>."""
    chunks, current = [], [el.text or ""]
    for child in el:
        if child.tag == "br":
            chunks.append("".join(current))
            current = []
        elif isinstance(child.tag, str) and child.tag not in _CONTAINER_TAGS | BLOCK_TAGS:
            current.append(child.text_content())
        current.append(child.tail or "")
    chunks.append("".join(current))
    return [c.strip() for c in chunks if c.strip()]


def read_body(container, caption_css=("figcaption",)) -> Body:
    """Walk the pruned container in document order and collect its blocks."""
    body = Body()
    caption_els = set()
    for css in caption_css:
        caption_els.update(compiled(css)(container))

    def visit(el):
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child in caption_els:
                body.add("figcaption", child.text_content())
                continue
            tag = child.tag
            if tag in BLOCK_TAGS and not (tag in {"li", "blockquote"} and _has_block_descendant(child)):
                if tag == "table":
                    continue  # data tables are kept in body_html only by later issues
                add(child.text_content(), tag)
            elif tag in _CONTAINER_TAGS or tag in {"ul", "ol", "li", "blockquote", "figure"}:
                if tag in _CONTAINER_TAGS and not _has_block_descendant(child):
                    for chunk in _loose_text_blocks(child):
                        add(chunk, "p")
                else:
                    visit(child)
            # tails of inline elements directly under a container are picked up by _loose_text_blocks

    def add(text: str, tag: str) -> None:
        body.add(tag, text)

    # Text placed directly in the container (no <p> at all).
    if not _has_block_descendant(container):
        for chunk in _loose_text_blocks(container):
            add(chunk, "p")
    else:
        if (container.text or "").strip():
            add(container.text, "p")
        visit(container)
    return body


def tostring_text(el) -> str:
    return etree.tostring(el, method="text", encoding="unicode")
