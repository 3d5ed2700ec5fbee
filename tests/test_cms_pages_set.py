"""Checks the hand-written CMS page sets in tests/fixtures/cms-pages/ and tests/fixtures/cms-pages-2/
themselves (not the extractor).

The first batch is 21 hand-written article pages in 7 CMS families, one page per language in
each family (see tests/fixtures/cms-pages/README.md). The second batch is 7 pages, one per family
(see tests/fixtures/cms-pages-2/README.md). Each page has a hand-written truth file. These tests only make sure
the sets are consistent: every truth string really is on its page, chrome strings never
overlap the body, dates are valid Kazakhstan times, and each batch has its shape. No extractor
is imported here.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import lxml.html
import pytest

CMS_PAGES = Path(__file__).resolve().parent / "fixtures" / "cms-pages"
CMS_PAGES_2 = CMS_PAGES.with_name("cms-pages-2")
FAMILIES = {"tagdiv", "jnews", "wordpress", "bitrix", "dle", "joomla", "amp"}
LANGUAGES = {"kk", "kk-Latn", "ru"}
KEYS = {"url", "cms", "language", "title", "published", "paragraphs", "captions", "must_not"}
# Kazakhstan moved from UTC+6 to UTC+5 when 1 March 2024 00:00 (+06:00) began.
SWITCH = datetime(2024, 3, 1, tzinfo=timezone(timedelta(hours=6)))
KAZAKH_CYRILLIC = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC = re.compile("[\u0400-\u04ff]")
LATIN_KAZAKH = set("äǵıńóúūşçÄǴIŃÓÚŪŞÇ")

PAGES = sorted(CMS_PAGES.glob("*/*.html"))
PAGES2 = sorted(CMS_PAGES_2.glob("*/*.html"))
ALL_PAGES = PAGES + PAGES2
# Per batch: number of pages, pages per family, and the minimum number without a machine date.
BATCHES = {CMS_PAGES: (21, 3, 5), CMS_PAGES_2: (7, 1, 2)}


def collapse(text: str) -> str:
    return " ".join(text.split())


def load(page: Path):
    truth = json.loads(page.with_suffix(".json").read_text("utf-8"))
    # Decode explicitly: several pages put <title> before <meta charset>, as tagDiv does.
    doc = lxml.html.document_fromstring(page.read_bytes().decode("utf-8"))
    return truth, doc


def page_id(page: Path) -> str:
    batch = page.parent.parent.name
    prefix = "" if batch == CMS_PAGES.name else f"{batch}/"
    return f"{prefix}{page.parent.name}/{page.stem}"


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


@pytest.mark.parametrize("root", list(BATCHES), ids=lambda root: root.name)
def test_set_shape(root):
    count, per_family, _ = BATCHES[root]
    pages = sorted(root.glob("*/*.html"))
    assert len(pages) == count
    assert {p.parent.name for p in pages} == FAMILIES
    all_languages = set()
    for family in FAMILIES:
        family_pages = [p for p in pages if p.parent.name == family]
        assert len(family_pages) == per_family, family
        languages = [json.loads(p.with_suffix(".json").read_text("utf-8"))["language"] for p in family_pages]
        if per_family == len(LANGUAGES):
            assert sorted(languages) == sorted(LANGUAGES), family
        all_languages.update(languages)
    assert all_languages == LANGUAGES
    # every truth file belongs to a page
    for truth_file in root.glob("*/*.json"):
        assert truth_file.with_suffix(".html").exists(), truth_file
    assert (root / "README.md").exists()


@pytest.mark.parametrize("root", list(BATCHES), ids=lambda root: root.name)
def test_enough_pages_without_machine_readable_date(root):
    minimum = BATCHES[root][2]
    without = [page_id(p) for p in sorted(root.glob("*/*.html")) if not has_machine_date(load(p)[1])]
    assert len(without) >= minimum, without


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
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


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
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


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_strings_are_on_the_page(page):
    truth, doc = load(page)
    text = collapse(doc.text_content())
    headings = {collapse(h.text_content()) for h in doc.xpath("//h1 | //h2")}
    assert collapse(truth["title"]) in headings
    for s in truth["paragraphs"] + truth["captions"] + truth["must_not"]:
        assert collapse(s) in text, s


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
def test_chrome_never_inside_body(page):
    truth, _ = load(page)
    body = [collapse(s) for s in truth["paragraphs"] + truth["captions"]]
    for chrome in truth["must_not"]:
        chrome = collapse(chrome)
        assert not any(chrome in b for b in body), chrome
        assert chrome != collapse(truth["title"])
    for caption in truth["captions"]:
        assert collapse(caption) not in [collapse(p) for p in truth["paragraphs"]]


@pytest.mark.parametrize("page", ALL_PAGES, ids=page_id)
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
