"""A parsed page: the lxml tree plus the machine-readable metadata every profile needs.

Parse once, read many times: profiles, the date stage and the language guess all take a
:class:`Page` instead of re-parsing HTML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from cssselect.xpath import HTMLTranslator, is_non_whitespace
from lxml.cssselect import CSSSelector

from crawler.jsonld import ARTICLE_TYPES, jsonld_types

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


class PageError(ValueError):
    """The document cannot be parsed as HTML at all (empty, binary, or truncated before <body>)."""


_RARE_TAGS = {"h1", "time", "figcaption", "article", "main"}


class _FastClassTranslator(HTMLTranslator):
    """``.foo`` as a cheap substring test first, the exact token test only where it can match.

    cssselect's translation normalises and pads every element's class attribute; news pages have
    thousands of elements and few of them carry the class asked for.
    """

    def xpath_attrib_includes(self, xpath, name, value):
        if value and is_non_whitespace(value):
            xpath.add_condition(f"{name} and contains({name}, {self.xpath_literal(value)})")
        return super().xpath_attrib_includes(xpath, name, value)

    def xpath_descendant_combinator(self, left, right):
        """``A B`` as "a B with an A ancestor" instead of "every descendant of every A, then B".

        cssselect walks the whole subtree of each A; profiles ask ``.td-post-header h1.entry-title``
        of pages with thousands of elements. Same elements, found from the B side, when B is rare
        (it has a condition of its own, or is a rare tag); a bare ``a`` or ``p`` is everywhere, and
        checking the ancestors of each costs more than the subtree walk. Only for plain compound
        selectors (no child combinator on either side).
        """
        if left.path or right.path or not (right.condition or right.element in _RARE_TAGS):
            return super().xpath_descendant_combinator(left, right)
        return right.add_condition(f"ancestor::{left}")


_TRANSLATOR = _FastClassTranslator()


@lru_cache(maxsize=1024)
def css(selector: str) -> CSSSelector:
    """A compiled CSS selector. Compiling costs more than matching: profiles reuse the same few dozen."""
    return CSSSelector(selector, translator=_TRANSLATOR)


def _flatten_jsonld(node, out: list[dict]) -> None:
    if isinstance(node, list):
        for item in node:
            _flatten_jsonld(item, out)
    elif isinstance(node, dict):
        out.append(node)
        if "@graph" in node:
            _flatten_jsonld(node["@graph"], out)


@dataclass
class Page:
    """One fetched HTML document. ``html`` is already decoded text."""

    html: str
    url: str
    tree: lxml.html.HtmlElement = field(init=False, repr=False)
    _selected: dict = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        if not self.html or not self.html.strip():
            raise PageError("empty document")
        # Local imports: this method's helpers live in modules of their own (one owner per part of
        # this file); both are cheap and cached after the first page.
        from crawler.encoding import looks_binary
        from crawler.extract.deep import flatten_deep_nesting

        # Binary behind text/html is refused by its share of control characters and the lack of
        # markup, not by one NUL: a stray NUL in an otherwise good article (a CMS's copy-paste
        # accident) used to lose the whole article. NULs are no text; they are dropped.
        if looks_binary(self.html):
            raise PageError("binary content, not HTML")
        if "\x00" in self.html:
            self.html = self.html.replace("\x00", "")
        # lxml refuses str input that carries an XML encoding declaration (XHTML pages).
        html = _XML_DECL.sub("", self.html, count=1)
        try:
            # The text is already decoded; an encoding declaration inside it must be ignored.
            # base_url: readers can tell the site's own links from others (``el.base_url``)
            self.tree = lxml.html.document_fromstring(html, parser=HTML_PARSER, base_url=self.url)
            # libxml2 stops at 2,048 open elements and drops the rest of the page: parse again
            # with the elements past a sane depth unwrapped (their text kept), see deep.py.
            if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in HTML_PARSER.error_log):
                self.tree = lxml.html.document_fromstring(
                    flatten_deep_nesting(html), parser=HTML_PARSER, base_url=self.url)
        except (etree.ParserError, ValueError) as exc:
            raise PageError(f"unparseable HTML: {exc}") from exc
        if self.tree is None or self.tree.find("body") is None:
            raise PageError("no <body>: truncated or not an HTML page")

    # --- metadata -------------------------------------------------------------------------
    @cached_property
    def meta(self) -> dict[str, str]:
        """``<meta>`` values by lower-cased ``property``/``name``/``itemprop`` (first one wins)."""
        out: dict[str, str] = {}
        for el in self.tree.iter("meta"):
            key = el.get("property") or el.get("name") or el.get("itemprop")
            content = el.get("content")
            if key and content is not None:
                out.setdefault(key.strip().lower(), content.strip())
        return out

    @cached_property
    def jsonld(self) -> list[dict]:
        """Every JSON-LD object on the page, ``@graph`` members flattened in."""
        out: list[dict] = []
        for script in self.tree.iter("script"):
            if (script.get("type") or "").strip().lower() != "application/ld+json":
                continue
            raw = (script.text or "").strip()
            if not raw:
                continue
            try:
                data = json.loads(raw)
            except ValueError:
                # Some themes emit trailing commas or raw newlines in strings; try once more, leniently.
                try:
                    data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw), strict=False)
                except ValueError:
                    continue
            _flatten_jsonld(data, out)
        return out

    @cached_property
    def jsonld_article(self) -> dict | None:
        """The first JSON-LD object typed as an article (NewsArticle, BlogPosting, ...)."""
        for obj in self.jsonld:
            if jsonld_types(obj) & ARTICLE_TYPES:
                return obj
        return None

    @cached_property
    def canonical_url(self) -> str | None:
        for link in self.tree.iter("link"):
            rel = (link.get("rel") or "").lower().split()
            if "canonical" in rel and link.get("href"):
                return urljoin(self.url, link.get("href").strip())
        og = self.meta.get("og:url")
        return urljoin(self.url, og) if og else None

    @cached_property
    def html_lang(self) -> str | None:
        return self.tree.get("lang") or None

    @cached_property
    def _attribute_text(self) -> dict[str, str | frozenset[str]]:
        """Every class and every id on the page: each kind joined into one string (``*.``, ``*#``,
        for the values of attribute tests, which may be parts of a name) and as a set of names
        (``.``, ``#``, for class and id selectors, which name whole tokens)."""
        classes, ids = class_text(self.tree), " ".join(_ALL_IDS(self.tree))
        return {"*.": classes, "*#": ids, ".": frozenset(classes.split()), "#": frozenset(ids.split())}

    @property
    def class_text(self) -> str:
        """Every class attribute on the page, joined (computed once, shared by all readers)."""
        return self._attribute_text["*."]

    def may_match(self, selector: str) -> bool:
        """False when a class or id the selector requires occurs nowhere on the page.

        Profile detection asks a few dozen selectors of every page and most of them name classes
        the page does not have; a set lookup (a substring test for attribute values) rules those
        out without walking the tree.
        """
        alternatives = required_names(selector)
        if alternatives is None:
            return True
        text = self._attribute_text
        return any(all(name in text[kind] for kind, name in alt) for alt in alternatives)

    def select(self, selector: str) -> list[lxml.html.HtmlElement]:
        """Elements matching ``selector``; memoised, since profile detection and reading ask twice."""
        found = self._selected.get(selector)
        if found is None:
            found = css(selector)(self.tree) if self.may_match(selector) else []
            self._selected[selector] = found
        return found


# Plain strings: lxml's default "smart" strings remember their parent element, which costs more
# than the join.
_ALL_CLASSES = etree.XPath("//@class", smart_strings=False)
_ALL_IDS = etree.XPath("//@id", smart_strings=False)


def class_text(tree) -> str:
    """Every class attribute in ``tree``, joined into one string for substring tests."""
    return " ".join(_ALL_CLASSES(tree))


_NAME = re.compile(r"([.#])([\w-]+)")
_ATTRIBUTE_TEST = re.compile(r"\[[^\]]*\]")
# [class*='share'], [id^="cookie"], [class~=x]: the value is part of the attribute's text.
_ATTRIBUTE_VALUE = re.compile(r"""\[\s*(class|id)\s*[*^$~|]?=\s*['"]?([^'"\]\s]+)['"]?\s*\]""")
_KIND = {"class": "*.", "id": "*#"}


@lru_cache(maxsize=1024)
def required_names(selector: str) -> tuple[tuple[tuple[str, str], ...], ...] | None:
    """For each alternative of a selector group, the (kind, text) pairs it requires: class (``.``)
    or id (``#``) names, which must be among the page's class or id tokens, and the values of
    class/id attribute tests (``*.``, ``*#``), which must occur in its joined class or id text.

    None when the selector is too clever to read this way (negation, escapes): then it is always run.
    """
    if ":not(" in selector or "\\" in selector:
        return None
    return tuple(
        tuple(_NAME.findall(_ATTRIBUTE_TEST.sub("", alt)))
        + tuple((_KIND[attr], value) for attr, value in _ATTRIBUTE_VALUE.findall(alt))
        for alt in selector.split(",")
    )


# remove_comments: HTML comments never carry article text; huge_tree: some pages inline megabytes of JSON.
HTML_PARSER = lxml.html.HTMLParser(remove_comments=True, huge_tree=True)
# Every element an HtmlElement, chosen in C: lxml.html's own lookup is a Python call per element
# touched (to give <form>/<input> their form classes, which nothing here uses).
HTML_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
