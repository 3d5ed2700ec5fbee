"""Page.select's shortcuts must never change an answer: skipping selectors that name classes or ids
the page lacks, and the faster XPath our translator writes for classes and descendant combinators,
are checked against stock cssselect on every profile fixture and hand-written CMS page."""

from __future__ import annotations

from pathlib import Path

import pytest

from lxml.cssselect import CSSSelector

from crawler.chrome import COMMON_PRUNE
from crawler.extract.page import Page, css, required_names
from crawler.extract.profiles import PROFILES

HERE = Path(__file__).parent
FIXTURES = sorted([*(HERE / "fixtures" / "profiles").glob("*/*.html"),
                   *(HERE / "fixtures" / "cms-pages").glob("*/*.html"),
                   *(HERE / "fixtures" / "cms-pages-2").glob("*/*.html")])
SELECTORS = sorted({*COMMON_PRUNE} | {
    sel
    for p in PROFILES
    for sel in (*p.body, *p.title, *p.authors, *p.tags, *p.prune, *p.captions, *p.detect, *p.lead,
                *(d[0] for d in p.dates))
})


@pytest.mark.parametrize("selector, expected", [
    ("div.td-post-content", (((".", "td-post-content"),),)),
    ("h1", ((),)),
    ("time.entry-date[datetime]", (((".", "entry-date"),),)),
    # one tuple per alternative of a group; an attribute value may hold dots ("a[href*='.kz']")
    ("a[href*='.kz'] .x, #main h1", (((".", "x"),), (("#", "main"),))),
    # class and id attribute tests: their value must occur in the joined class or id text
    ("[class*='share-buttons']", ((("*.", "share-buttons"),),)),
    ('div[id^="cookie"] p', ((("*#", "cookie"),),)),
])
def test_required_names(selector, expected):
    assert required_names(selector) == expected


def test_negation_is_never_short_cut():
    assert required_names("p:not(.ad)") is None


@pytest.mark.parametrize("path", [p for p in FIXTURES if "broken-head" not in p.name],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_select_agrees_with_stock_cssselect(path):
    page = Page(path.read_bytes().decode("utf-8", "replace"), "https://example.test/")
    for selector in SELECTORS:
        assert page.select(selector) == CSSSelector(selector, translator="html")(page.tree), selector


@pytest.mark.parametrize("selector", [
    ".td-post-header h1.entry-title", "div.a .b span", "article > p", ".a p:first-child", "a.b c > d e",
    ".x .y .z", "#main .entry-content p",
])
def test_translator_agrees_with_stock_cssselect(selector):
    import lxml.html
    tree = lxml.html.document_fromstring(
        "<html><body><div id=main class='a x'><div class='b y td-post-header'><h1 class=entry-title>T</h1>"
        "<span>s</span><p>1</p><div class='z entry-content'><p>2</p><span>t</span></div></div>"
        "<article><p>3</p><a class=b><c><d><e>e</e></d></c></a></article></div></body></html>")
    assert css(selector)(tree) == CSSSelector(selector, translator="html")(tree)


def test_may_match_reads_class_names_as_tokens_and_attribute_values_as_text():
    page = Page("<html><body><div class='post-content-wrap' id='main-box'><p>x</p></div></body></html>",
                "https://example.test/")
    assert not page.may_match("div.post-content")           # a class name is a whole token
    assert page.may_match("div.post-content-wrap")
    assert page.may_match("[class*='post-content']")        # an attribute value may be part of one
    assert not page.may_match("#main") and page.may_match("#main-box")
    assert page.may_match("[id^='main']")
    assert page.select("div.post-content") == []
