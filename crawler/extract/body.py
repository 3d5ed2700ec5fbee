"""Turn a body container into paragraphs, captions and clean HTML.

Paragraph text is the element's ``text_content()`` with only the outer whitespace trimmed, so
quotes, dashes and inner spacing stay exactly as published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

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
    return any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())


# Elements whose content is laid out as blocks of its own: a boundary for loose text.
_SECTION_TAGS = {"div", "section", "article", "main", "center", "header", "ul", "ol", "dl", "figure",
                 "blockquote", "li", "dd", "dt"}


def read_body(container, caption_css=("figcaption",)) -> Body:
    """Walk the pruned container in document order and collect its blocks.

    Block elements (``<p>``, headings, list items, ...) become one block each, as published. Text
    that sits loose in containers, as old CMSs write bodies, is split at ``<br>`` and at element
    boundaries, also where a broken page wraps it in an unclosed inline tag.
    """
    body = Body()
    captions = set()
    for css in caption_css:
        captions.update(compiled(css)(container))
    pending: list[str] = []

    def flush() -> None:
        body.add("p", "".join(pending))
        pending.clear()

    def walk(el) -> None:
        if el.text:
            pending.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                visit(child)
            if child.tail:
                pending.append(child.tail)

    def visit(child) -> None:
        tag = child.tag
        if child in captions:
            flush()
            body.add("figcaption", child.text_content())
        elif tag in ("br", "table", "h1"):   # h1: the headline repeated; tables: left to later work
            flush()
        elif tag in BLOCK_TAGS and not (tag in {"li", "blockquote"} and _has_block_descendant(child)):
            flush()
            body.add(tag, child.text_content())
        elif tag in _SECTION_TAGS or _has_block_descendant(child):
            flush()
            walk(child)
            flush()
        elif next(child.iter("br"), None) is not None:
            walk(child)                       # inline element with line breaks inside
        else:
            pending.append(child.text_content())

    walk(container)
    flush()
    return body

