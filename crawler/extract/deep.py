"""Pages nested deeper than the HTML parser goes: keep the text, drop the excess tags.

libxml2 (2.14, lxml 6) stops parsing at 2,048 open elements even with ``huge_tree``: everything
after the first element that deep is lost, the rest of the article included, and the crawl would
store a truncated page as if it were whole. Issue 12 asks that a body nested 10,000 levels deep
survive. :func:`flatten_deep_nesting` is the fallback :class:`~crawler.extract.page.Page` takes
only when the parser reports that limit: a tag-level pass (no tree) that drops the start and end
tags of bare containers opened more than ``max_depth`` deep and keeps everything else, text included,
byte for byte. Pages the parser reads whole never come here, so their extraction is unchanged.

It is a tokenizer, not an HTML parser: it knows void elements, raw-text elements (``<script>``,
``<style>``, ...) and the common implied end tags (``<p>``, ``<li>``, table cells), enough to count
depth the way the parser would on the pages that reach it.
"""

from __future__ import annotations

import re

# Far below the parser's 2,048: real article bodies sit 10-40 elements deep, and the body reader's
# per-level checks cost time quadratic in the depth. Past MAX_DEPTH only the tags of bare
# containers (a div or span without attributes: the wrappers deep nesting is made of) are dropped,
# so paragraphs, headings, links and named boxes (a share bar's class tells the reader it is chrome)
# keep their markup; past MAX_DEPTH + MAX_INNER_DEPTH every tag is dropped.
MAX_DEPTH = 256
MAX_INNER_DEPTH = 256
_WRAPPERS = frozenset("div section article main span font center header footer aside nav".split())

_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"                                   # a comment, copied as is
    r"|<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",   # a start or end tag
    re.S,
)
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "plaintext"})
_BLOCKS = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul".split())
# An open element (the key) that a start tag of one of these names closes without an end tag.
_IMPLIED_END = {
    "p": _BLOCKS | {"li", "dd", "dt"},
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "td": frozenset({"td", "th", "tr"}),
    "th": frozenset({"td", "th", "tr"}),
    "tr": frozenset({"tr"}),
    "option": frozenset({"option", "optgroup"}),
}


def flatten_deep_nesting(html: str, max_depth: int = MAX_DEPTH) -> str:
    """``html`` without the tags of the bare containers opened deeper than ``max_depth`` (of any
    element past ``max_depth + MAX_INNER_DEPTH``); all text kept."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []        # (name, its tags kept)
    depth = 0                                 # elements on the stack whose tags are kept
    open_count: dict[str, int] = {}           # names on the stack: end tags of unopened elements pass
    pos = 0

    def pop() -> tuple[str, bool]:
        nonlocal depth
        name, kept = stack.pop()
        open_count[name] -= 1
        depth -= kept
        return name, kept

    while True:
        m = _TOKEN.search(html, pos)
        if m is None:
            out.append(html[pos:])
            return "".join(out)
        out.append(html[pos:m.start()])
        pos = m.end()
        closing, name = m.group(1), (m.group(2) or "").lower()
        if not name:                          # a comment
            out.append(m.group(0))
        elif closing:
            if open_count.get(name):
                while True:
                    top, kept = pop()
                    if top == name:
                        break
                if kept:
                    out.append(m.group(0))
            else:
                out.append(m.group(0))
        else:
            while stack and name in _IMPLIED_END.get(stack[-1][0], ()):
                pop()
            if name in _RAW_TEXT:             # copied up to its end tag, markup-looking text included
                end = re.compile(rf"</{name}\s*>", re.I).search(html, pos)
                stop = end.end() if end else len(html)
                out.append(m.group(0) + html[pos:stop])
                pos = stop
            elif name in _VOID or m.group(3).rstrip().endswith("/"):
                out.append(m.group(0))
            else:
                bare_wrapper = name in _WRAPPERS and not m.group(3).strip()
                kept = depth < max_depth or (not bare_wrapper and depth < max_depth + MAX_INNER_DEPTH)
                depth += kept
                stack.append((name, kept))
                open_count[name] = open_count.get(name, 0) + 1
                if kept:
                    out.append(m.group(0))
