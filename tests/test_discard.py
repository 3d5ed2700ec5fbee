"""trafilatura's discard rules in Python: the same elements as its XPath, and what dropping them leaves."""

from __future__ import annotations

import gzip

import lxml.html
import pytest
from trafilatura.xpaths import OVERALL_DISCARD_XPATH, TEASER_DISCARD_XPATH
from w3lib.encoding import html_to_unicode

from crawler.extract.body import read_body
from crawler.extract.discard import discard_matches, drop_discarded
from crawler.extract.page import Page, PageError
from tests.conftest import shared_path
from tests.test_profiles import fixture_pages


def trafilaturas(container) -> tuple[set, set]:
    named = {el for xpath in OVERALL_DISCARD_XPATH for el in xpath(container) if el is not container}
    return named, {el for xpath in TEASER_DISCARD_XPATH for el in xpath(container) if el is not container}


def ours(container) -> tuple[set, set]:
    named, teasers = discard_matches(container)
    return set(named), set(teasers)


@pytest.mark.parametrize("html", [
    "<div class='ad-label'>Anzeige</div>",
    "<div class='col ad col-4'>x</div>",                    # " ad " as a whole class
    "<span id='ad-slot-3'>x</span>",                        # an id starting with "ad-"
    "<p class='readad'>x</p>",                              # ...but not "ad" inside a word
    "<section role='Navigation'>x</section>",
    "<div data-lp-replacement-content>x</div>",
    "<div data-component='MostPopularStories-1'>x</div>",
    # "cookie" is read from whichever of id and class is written first
    "<div id='cookie-bar' class='box'>x</div>",
    "<div class='box' id='cookie-bar'>x</div>",
    "<div class='cookie-note'>x</div>",
    # the hidden rules hold for any element, the named ones for blocks only
    "<a class='share-link' href='/s'>x</a>",
    "<a aria-hidden='true' href='/s'>x</a>",
    "<li style='display: none'>x</li>",
    "<img id='hidden-pixel' src='p.gif'>",
    "<div style='color: red' id='main'>x</div>",
    "<div style='visibility: hidden' class='main'>x</div>",   # "hidden" in the style, written second
    "<div id='reply-7' class='comment'>x</div>",
    "<div class='x' id='reply-7'>x</div>",
    "<div class='comments-title'>x</div>",
    "<div class='TeaserBox'>x</div>",
    "<span id='article-teaser'>x</span>",
    "<ul class='teaser-list'><li>x</li></ul>",               # a list is not one of its blocks until converted
    "<div><p>Мәтін.</p></div>",
])
def test_the_same_elements_as_trafilaturas_xpath(html):
    container = lxml.html.fragment_fromstring(html, create_parent="div")
    assert ours(container) == trafilaturas(container)


def saved_pages():
    """Our profile fixtures and the real pages of ../shared's corpus and Zyte benchmark."""
    yield from (p.read_bytes() for p in fixture_pages())
    yield from (p.read_bytes() for p in sorted(shared_path("corpus", "pages").glob("*/*.html")))
    zyte = shared_path("corpus", "benchmarks", "scrapinghub-article-extraction", "html")
    yield from (gzip.decompress(p.read_bytes()) for p in sorted(zyte.glob("*.html.gz")))


def test_the_same_elements_as_trafilaturas_xpath_on_every_saved_page():
    """The transcription holds on whole real pages: a trafilatura upgrade that changes its rules
    fails here."""
    checked = 0
    for raw in saved_pages():
        try:
            body = Page(html_to_unicode(None, raw)[1], "https://example.test/").tree.find("body")
        except PageError:
            continue                        # a broken fixture: no page to compare on
        assert ours(body) == trafilaturas(body)
        checked += 1
    assert checked > 200


STORY = ["Облыстық аурухананың жаңа корпусы ашылды, онда күніне үш жүз науқас қабылданады.",
         "Корпустың құрылысына екі жыл кетті, жабдықтың бәрі отандық өндірушілерден алынды."]


def discarded(html: str) -> list[str]:
    container = lxml.html.fragment_fromstring(html, create_parent="div")
    drop_discarded(container)
    return read_body(container).paragraphs


@pytest.mark.parametrize("chrome", [
    "<div class='ad-label'>Anzeige</div>",                                  # an ad slot's label
    "<div class='consent-placeholder'><p>Ендірілген мазмұнды көру үшін келісіміңіз керек.</p></div>",
    "<div class='article-teaser'><p>Марафон: ол жеңіл жүрекпен жүгіреді</p></div>",
    "<span class='byline'>Әсел Мұратова</span>",
    "<div style='display:none'><p>Жасырын мәтін.</p></div>",
    "<aside class='factbox'><h2>Анықтама</h2><p>Аурухана 1965 жылы салынған.</p></aside>",
    "<footer><p>Бөлісу: Facebook, Telegram</p></footer>",
    "<nav><a href='/a'>Алдыңғы</a> <a href='/b'>Келесі</a></nav>",
    # a teaser card printed as an <article> inside the story
    "<article><h3><a href='/sport/1'>Марафоншы Амангелді Петров</a></h3><p>Ол жаңа рекорд қойды.</p></article>",
])
def test_trafilaturas_discard_rules_clear_a_container(chrome):
    """What trafilatura's filters remove inside a story goes, under any site's wording."""
    html = f"<p>{STORY[0]}</p>{chrome}<p>{STORY[1]}</p>"
    assert discarded(html) == STORY


def test_discard_rules_never_take_the_story_itself():
    """A wrapper whose class a rule names (a "meta" or "teaser" wrapper around the story), a side
    element that is most of the text: trafilatura's guard and ours keep them."""
    assert discarded(f"<div class='post-meta-wrapper'><p>{STORY[0]}</p><p>{STORY[1]}</p></div>") == STORY
    assert discarded(f"<aside><p>{STORY[0]}</p><p>{STORY[1]}</p></aside><p>Соңы.</p>") == [*STORY, "Соңы."]


def test_odd_markup_is_read_without_error():
    """Empty and whitespace-only attributes, comments and processing instructions, named boxes
    nested 200 deep, an empty container: the rules read what is there and never fail."""
    deep = "<div class='share-box'>" * 200 + "Бөлісу" + "</div>" * 200
    odd = ("<div class=''><span class='   ' id=''>Бір</span><!-- ескерту --><?php echo 1; ?>"
           f"<p style=''>{STORY[0]}</p></div>{deep}<p>{STORY[1]}</p>")
    assert discarded(odd) == ["Бір", *STORY]
    assert discarded("") == []
    container = lxml.html.fragment_fromstring(odd, create_parent="div")
    assert ours(container) == trafilaturas(container)
