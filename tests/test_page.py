"""Page.select's shortcut (skip selectors naming classes or ids the page lacks) must never change an answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract.page import Page, css, required_names
from crawler.extract.profiles import PROFILES

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "profiles").glob("*/*.html"))
SELECTORS = sorted({
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
])
def test_required_names(selector, expected):
    assert required_names(selector) == expected


def test_negation_is_never_short_cut():
    assert required_names("p:not(.ad)") is None


@pytest.mark.parametrize("path", [p for p in FIXTURES if "broken-head" not in p.name],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_select_agrees_with_plain_css(path):
    page = Page(path.read_text("utf-8"), "https://example.test/")
    for selector in SELECTORS:
        assert page.select(selector) == css(selector)(page.tree), selector
