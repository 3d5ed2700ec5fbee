"""Real tagDiv (and JNews) pages from ../shared/corpus/pages: title, date, first and last sentence."""

from __future__ import annotations

import re

import pytest
from w3lib.encoding import html_to_unicode

from crawler.dates.page import choose_dates
from crawler.extract import NotAnArticle, extract_article
from tests.conftest import shared_cases, shared_path

THEMED = ("djz.de", "namibian.com.na", "mexiconewsdaily.com", "worldtruth.tv", "vratza.com",
          "thekenyatimes.com", "latribuna.hn")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\xa0", " ")).strip()


def cases():
    return shared_cases("corpus", "truth.json", params=lambda truth: [
        pytest.param(t, id=t["file"].split("/")[1]) for t in truth if t["file"].split("/")[1] in THEMED])


def extract(t):
    raw = shared_path("corpus", t["file"]).read_bytes()
    _, html = html_to_unicode(None, raw)
    return extract_article(html, t["url"])


@pytest.mark.parametrize("truth", cases())
def test_themed_page(truth):
    art = extract(truth)
    assert art.extraction_method.startswith("profile:")
    assert norm(art.title) == norm(truth["title"])
    body = norm(art.body_text)
    for key in ("body_first", "body_last"):
        if truth.get(key):
            assert norm(truth[key]) in body, key
    iso = truth.get("date_iso_if_known") or ""
    if re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", iso):
        from datetime import datetime

        published = choose_dates(art.date_candidates).published
        assert datetime.fromisoformat(published) == datetime.fromisoformat(iso)


def test_front_page_is_not_an_article():
    raw = shared_path("corpus", "pages", "abai.kz", "front-page-2018-03-22.html").read_bytes()
    _, html = html_to_unicode(None, raw)
    with pytest.raises(NotAnArticle):
        extract_article(html, "https://abai.kz/")


def body_cases():
    return shared_cases("corpus", "truth.json", params=lambda truth: [
        pytest.param(t, id=t["file"].split("/")[1]) for t in truth if t.get("body_first")])


def visible(text: str) -> str:
    """Soft hyphens and zero-width spaces copied into the truth from page source are not text."""
    return norm((text or "").translate(dict.fromkeys(map(ord, "\u00ad\u200b\ufeff"))))


@pytest.mark.parametrize("truth", body_cases())
def test_every_real_article_keeps_its_first_and_last_sentence(truth):
    """Profiled or not: ukrinform's standfirst (div.newsHeading, which trafilatura drops) is the
    first sentence, found again through the page's meta description."""
    body = visible(extract(truth).body_text)
    assert visible(truth["body_first"]) in body
    if truth.get("body_last"):
        assert visible(truth["body_last"]) in body
