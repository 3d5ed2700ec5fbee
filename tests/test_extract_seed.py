"""The seed article and its siblings, extracted from the saved pages: exact paragraphs, no chrome."""

from __future__ import annotations


import pytest

from crawler.dates.page import choose_dates
from crawler.extract import extract_article
from tests.conftest import shared_cases, shared_path


def seed_cases():
    return shared_cases("corpus", "seed", "truth.json", params=lambda truth: [
        pytest.param(t, id=t["path"].split("/")[-2][:40]) for t in truth])


@pytest.fixture(scope="module")
def extracted():
    root = shared_path("corpus", "seed", "site")
    cache = {}

    def get(t):
        if t["path"] not in cache:
            # Decode as the HTTP header would say (UTF-8): <title> precedes <meta charset> on these pages.
            html = (root / t["path"]).read_bytes().decode("utf-8")
            cache[t["path"]] = extract_article(html, t["url"], cms_hint="tagdiv")
        return cache[t["path"]]

    return get


@pytest.mark.parametrize("truth", seed_cases())
def test_every_body_paragraph_verbatim_and_in_order(extracted, truth):
    assert extracted(truth).paragraphs == truth["body_paragraphs"]


@pytest.mark.parametrize("truth", seed_cases())
def test_no_chrome_string_in_body_or_captions(extracted, truth):
    art = extracted(truth)
    kept = "\n".join([art.body_text, *art.captions])
    leaks = [s for s in truth["must_not_contain"] if s in kept]
    assert leaks == []


@pytest.mark.parametrize("truth", seed_cases())
def test_title_authors_captions_canonical(extracted, truth):
    art = extracted(truth)
    assert art.title == truth["title"]
    assert art.authors == truth["authors"]
    assert art.captions == truth["captions"]
    assert art.canonical_url == truth["url"]
    assert art.extraction_method == "profile:tagdiv"


@pytest.mark.parametrize("truth", seed_cases())
def test_publication_date_is_the_article_date_not_the_top_bar(extracted, truth):
    dates = choose_dates(extracted(truth).date_candidates, tz="Asia/Almaty")
    assert dates.published == truth["published"]
    assert dates.published_source in {"jsonld", "meta", "time"}
    assert dates.modified and dates.modified != dates.published
