"""Pages that used to lose a good article: a stray NUL byte, a body nested thousands deep."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extract import PageError, extract_article
from crawler.extract.deep import flatten_deep_nesting
from crawler.extract.page import Page

FIXTURE = Path(__file__).parent / "fixtures" / "profiles" / "wordpress" / "fermery-ru.html"
URL = "https://syrboyi-media.test/2024/04/03/v-kyzylorde-otkryli-centr-obsluzhivaniya-fermerov/"
OPEN, CLOSE = '<div class="entry-content">', "</div><!-- .entry-content -->"


def nested(depth: int, *, profile: bool = True) -> str:
    """The real WordPress article with its paragraphs inside ``depth`` more divs. Without the
    profile's markup the page goes to the generic (trafilatura) reader instead."""
    html = FIXTURE.read_text(encoding="utf-8")
    html = html.replace(OPEN, OPEN + "<div>" * depth, 1).replace(CLOSE, "</div>" * depth + CLOSE, 1)
    if not profile:
        html = html.replace('class="entry-content"', 'class="x"').replace("<article", "<section")
    return html


REFERENCE = {profile: extract_article(nested(0, profile=profile), URL) for profile in (True, False)}


@pytest.mark.parametrize("profile", [True, False], ids=["profile", "generic"])
@pytest.mark.parametrize("depth", [500, 1000, 2100, 10_000])
def test_deeply_nested_body_keeps_its_text(depth, profile):
    art = extract_article(nested(depth, profile=profile), URL)
    reference = REFERENCE[profile]
    assert art.extraction_method == reference.extraction_method
    assert art.paragraphs == reference.paragraphs
    assert art.title == reference.title


def test_text_after_the_parsers_depth_limit_is_kept():
    """libxml2 stops at 2,048 open elements and drops the rest of the document."""
    html = "<html><body>" + "<div>" * 5000 + "<p>deep</p>" + "</div>" * 5000 + "<p>after</p></body></html>"
    page = Page(html, "https://a.test/")
    assert [p.text for p in page.tree.iter("p")] == ["deep", "after"]


@pytest.mark.parametrize("html, expected", [
    # max_depth=1: the second div and deeper are unwrapped; the paragraph inside keeps its tags
    ("<div><div><div><p>x</p></div></div></div>", "<div><p>x</p></div>"),
    ("<div><section><p>x</p></section></div>", "<div><p>x</p></div>"),
    ("<div><div class=share>t</div></div>", "<div><div class=share>t</div></div>"),        # a named box stays
    ("<div><script>if (a<b) {'</div>'}</script><div>t</div></div>", "<div><script>if (a<b) {'</div>'}</script>t</div>"),
    ("<div><p>a<p>b<div>c</div></div><div>d</div>", "<div><p>a<p>bc</div><div>d</div>"),   # implied </p>
    ("<div><br><img src=x><div>t</div></div>", "<div><br><img src=x>t</div>"),             # void elements
    ("<div><!-- <div> --><span>t</span></div>", "<div><!-- <div> -->t</div>"),
    ("</b>text<div>", "</b>text<div>"),                                                     # stray end tag
])
def test_flatten_deep_nesting(html, expected):
    assert flatten_deep_nesting(html, max_depth=1) == expected


@pytest.mark.parametrize("where", [10, 1000, 5000])
def test_a_stray_nul_byte_does_not_lose_the_article(where):
    html = nested(0)
    art = extract_article(html[:where] + "\x00" + html[where:], URL)
    assert art.paragraphs == REFERENCE[True].paragraphs
    assert "\x00" not in art.body_text


@pytest.mark.parametrize("html", [
    "\x00\x00\x00binary",
    "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50,
    "<\x00h\x00t\x00m\x00l\x00>\x00<\x00b\x00o\x00d\x00y\x00>\x00" * 20,   # UTF-16 read as bytes
])
def test_binary_content_is_still_refused(html):
    with pytest.raises(PageError, match="binary"):
        Page(html, "https://a.test/")
