"""Checks the held-out extraction set in tests/heldout/ itself (not the extractor).

The set is 21 hand-written article pages in 7 CMS families, each with a hand-written truth
file (see tests/heldout/README.md). These tests only make sure the set is consistent: every
truth string really is on its page, chrome strings never overlap the body, dates are valid
Kazakhstan times, and each family has one page per language. No extractor is imported here.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import lxml.html
import pytest

HELDOUT = Path(__file__).resolve().parent / "heldout"
FAMILIES = {"tagdiv", "jnews", "wordpress", "bitrix", "dle", "joomla", "amp"}
LANGUAGES = {"kk", "kk-Latn", "ru"}
KEYS = {"url", "cms", "language", "title", "published", "paragraphs", "captions", "must_not"}
# Kazakhstan moved from UTC+6 to UTC+5 when 1 March 2024 00:00 (+06:00) began.
SWITCH = datetime(2024, 3, 1, tzinfo=timezone(timedelta(hours=6)))
KAZAKH_CYRILLIC = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC = re.compile("[\u0400-\u04ff]")
LATIN_KAZAKH = set("äǵıńóúūşçÄǴIŃÓÚŪŞÇ")

PAGES = sorted(HELDOUT.glob("*/*.html"))


def collapse(text: str) -> str:
    return " ".join(text.split())


def load(page: Path):
    truth = json.loads(page.with_suffix(".json").read_text("utf-8"))
    # Decode explicitly: several pages put <title> before <meta charset>, as tagDiv does.
    doc = lxml.html.document_fromstring(page.read_bytes().decode("utf-8"))
    return truth, doc


def page_id(page: Path) -> str:
    return f"{page.parent.name}/{page.stem}"


def has_machine_date(doc) -> bool:
    if doc.xpath("//time[@datetime]"):
        return True
    if doc.xpath("//meta[@property='article:published_time' or @name='article:published_time']"):
        return True
    if doc.xpath("//*[@itemprop='datePublished']"):
        return True
    for script in doc.xpath("//script[@type='application/ld+json']"):
        if "datePublished" in (script.text or ""):
            return True
    return False


def test_set_shape():
    assert len(PAGES) == 21
    assert {p.parent.name for p in PAGES} == FAMILIES
    for family in FAMILIES:
        pages = [p for p in PAGES if p.parent.name == family]
        languages = sorted(json.loads(p.with_suffix(".json").read_text("utf-8"))["language"] for p in pages)
        assert languages == sorted(LANGUAGES), family
    # every truth file belongs to a page
    for truth_file in HELDOUT.glob("*/*.json"):
        assert truth_file.with_suffix(".html").exists(), truth_file
    assert (HELDOUT / "README.md").exists()


def test_enough_pages_without_machine_readable_date():
    without = [page_id(p) for p in PAGES if not has_machine_date(load(p)[1])]
    assert len(without) >= 5, without


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_truth_file(page):
    truth, doc = load(page)
    assert KEYS <= set(truth) <= KEYS | {"either"}
    assert truth["cms"] == page.parent.name
    assert truth["language"] in LANGUAGES
    assert isinstance(truth["title"], str) and truth["title"].strip()
    for key in ("paragraphs", "captions", "must_not"):
        assert isinstance(truth[key], list) and all(isinstance(s, str) and s.strip() for s in truth[key]), key
    assert len(truth["paragraphs"]) >= 4
    assert len(set(truth["paragraphs"])) == len(truth["paragraphs"])
    assert 8 <= len(truth["must_not"]) <= 15
    canonical = doc.xpath("//link[@rel='canonical']/@href")
    assert canonical == [truth["url"]]
    assert truth["url"].startswith("https://") and ".test/" in truth["url"]


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_published(page):
    truth, _ = load(page)
    value = truth["published"]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        date.fromisoformat(value)
        return
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, value
    offset = moment.utcoffset()
    assert offset in (timedelta(hours=5), timedelta(hours=6)), value
    expected = timedelta(hours=6) if moment < SWITCH else timedelta(hours=5)
    assert offset == expected, f"{value}: Kazakhstan was UTC{'+6' if expected.seconds == 21600 else '+5'} then"


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_strings_are_on_the_page(page):
    truth, doc = load(page)
    text = collapse(doc.text_content())
    headings = {collapse(h.text_content()) for h in doc.xpath("//h1 | //h2")}
    assert collapse(truth["title"]) in headings
    for s in truth["paragraphs"] + truth["captions"] + truth["must_not"]:
        assert collapse(s) in text, s


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_chrome_never_inside_body(page):
    truth, _ = load(page)
    body = [collapse(s) for s in truth["paragraphs"] + truth["captions"]]
    for chrome in truth["must_not"]:
        chrome = collapse(chrome)
        assert not any(chrome in b for b in body), chrome
        assert chrome != collapse(truth["title"])
    for caption in truth["captions"]:
        assert collapse(caption) not in [collapse(p) for p in truth["paragraphs"]]


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_script_of_the_text(page):
    truth, _ = load(page)
    body = " ".join([truth["title"]] + truth["paragraphs"])
    if truth["language"] == "kk-Latn":
        assert not CYRILLIC.search(body)
        assert LATIN_KAZAKH & set(body)
    elif truth["language"] == "kk":
        assert KAZAKH_CYRILLIC & set(body)
    else:
        assert CYRILLIC.search(body) and not (KAZAKH_CYRILLIC & set(truth["title"]))
