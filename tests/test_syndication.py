"""Near-duplicate signatures, editions markup, and the archive's clusters and edition links.

Unit level: the crawl-level truth is tests/test_e2e_syndication.py."""

from __future__ import annotations

import random

import pytest

from crawler import neardup
from crawler.editions import normalize_lang, page_alternates
from crawler.extract.page import Page
from crawler.record import ArticleRecord
from crawler.storage import Archive
from tests.conftest import rows

WORDS = ("ауыл әкім мектеп жол су жер мал егін құрылыс жоба бюджет қала аудан облыс тұрғын жұмыс "
         "жастар спорт мәдениет білім денсаулық аурухана дәрігер мұғалім оқушы көлік газ жарық").split()


def text(seed: int, n: int = 120) -> str:
    rng = random.Random(seed)
    sents = [" ".join(rng.choice(WORDS) for _ in range(12)) + f" {seed}-{i}." for i in range(n // 12)]
    return "\n\n".join(" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3))


# --- signatures ----------------------------------------------------------------------------------

def test_signature_is_stable_and_512_bytes():
    body = text(1)
    sig = neardup.body_signature(body)
    assert len(sig) == 4 * neardup.NUM_PERM == 512
    assert sig == neardup.body_signature(body)
    assert neardup.similarity(sig, sig) == 1.0


def test_short_bodies_get_no_signature():
    assert neardup.body_signature("Қысқа хабарлама.") is None


def test_estimate_follows_the_exact_jaccard():
    a = text(1, 240)
    pars = a.split("\n\n")
    b = "\n\n".join(["Жаңа лид: бұл хабарды аудандық газет қайта басты."] + pars[1:])   # a new lead
    exact = len(neardup.shingles(a) & neardup.shingles(b)) / len(neardup.shingles(a) | neardup.shingles(b))
    est = neardup.similarity(neardup.body_signature(a), neardup.body_signature(b))
    assert abs(est - exact) < 0.15
    assert neardup.similarity(neardup.body_signature(a), neardup.body_signature(text(2, 240))) < 0.1


def test_band_keys_differ_per_band():
    keys = neardup.band_keys(neardup.body_signature(text(3)))
    assert len(keys) == neardup.BANDS == len(set(keys))


# --- editions markup ---------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("ru-RU", "ru"), ("kk_KZ", "kk"), ("kk-latn", "kk-Latn"), ("kk-Latn-KZ", "kk-Latn"), ("", None), ("x-default", None),
])
def test_normalize_lang(value, expected):
    assert normalize_lang(value) == expected


def page(head: str = "", body: str = "", url: str = "https://a.test/kk/news/1/") -> Page:
    return Page(f"<html><head><title>t</title>{head}</head><body>{body}<p>x</p></body></html>", url)


def test_hreflang_links_in_the_head():
    p = page('<link rel="alternate" hreflang="kk" href="https://a.test/kk/news/1/">'
             '<link rel="alternate" hreflang="ru-RU" href="/ru/news/1/?utm_source=x">'
             '<link rel="alternate" hreflang="kk-Latn" href="https://a.test/latn/news/1/">'
             '<link rel="alternate" hreflang="x-default" href="https://a.test/">'
             '<link rel="alternate" type="application/rss+xml" href="https://a.test/feed/">')
    assert page_alternates(p) == [{"lang": "kk-Latn", "url": "https://a.test/latn/news/1/"},
                                  {"lang": "ru", "url": "https://a.test/ru/news/1/"}]


def test_wpml_switcher():
    p = page(body='<div class="wpml-ls-statics-shortcode_actions wpml-ls"><ul>'
             '<li class="wpml-ls-slot-shortcode_actions wpml-ls-item wpml-ls-item-kk wpml-ls-current-language">'
             '<a href="https://a.test/kk/news/1/" class="wpml-ls-link"><span class="wpml-ls-native">Қазақша</span></a></li>'
             '<li class="wpml-ls-slot-shortcode_actions wpml-ls-item wpml-ls-item-ru">'
             '<a href="https://a.test/ru/news/1/" class="wpml-ls-link"><span class="wpml-ls-native" lang="ru">Русский</span></a></li>'
             '<li class="wpml-ls-item wpml-ls-item-en"><a href="https://a.test/en/" class="wpml-ls-link">English</a></li>'
             '</ul></div>')
    assert page_alternates(p) == [{"lang": "ru", "url": "https://a.test/ru/news/1/"}]


def test_polylang_switcher():
    p = page(body='<ul class="pll-switcher">'
             '<li class="lang-item lang-item-2 lang-item-kk current-lang"><a lang="kk" hreflang="kk" href="https://a.test/kk/news/1/">KZ</a></li>'
             '<li class="lang-item lang-item-5 lang-item-ru"><a lang="ru-RU" hreflang="ru-RU" href="https://a.test/ru/news/1/">RU</a></li>'
             '<li class="lang-item lang-item-9 lang-item-en no-translation"><a lang="en" href="https://a.test/en/">EN</a></li>'
             '</ul>')
    assert page_alternates(p) == [{"lang": "ru", "url": "https://a.test/ru/news/1/"}]


def test_no_alternates():
    assert page_alternates(page()) == []


# --- the archive ---------------------------------------------------------------------------------

@pytest.fixture
def archive(tmp_path):
    a = Archive(tmp_path / "a.db")
    for key in ("s1", "s2", "s3"):
        a.upsert_site({"key": key, "name": key, "base_url": f"https://{key}.test", "domains": [f"{key}.test"]})
    yield a
    a.close()


def rec(site: str, slug: str, body: str, published: str, alternates=()) -> ArticleRecord:
    url = f"https://{site}.test/{slug}/"
    return ArticleRecord(site=site, url=url, canonical_url=url, title=slug, published=published, body_text=body,
                         alternates=list(alternates), minhash=neardup.body_signature(body))


def test_copies_cluster_on_the_earliest_and_a_later_earlier_copy_becomes_the_root(archive, tmp_path):
    story = text(10, 240)
    pars = story.split("\n\n")
    reprint = "\n\n".join(["Облыстық газет бұл хабарды өз оқырмандарына жеткізді, деп хабарлайды ҚазАқпарат."] + pars[1:])
    _, a = archive.store_article(rec("s1", "orig", story, "2024-05-01T10:00:00+05:00"))
    _, b = archive.store_article(rec("s2", "reprint", reprint, "2024-05-01T15:00:00+05:00"))
    _, c = archive.store_article(rec("s3", "other", text(11, 240), "2024-05-01T12:00:00+05:00"))
    archive.commit()
    got = {r["id"]: r for r in rows(tmp_path / "a.db", "select id, cluster_id, duplicate_of, similarity from articles")}
    assert got[a]["cluster_id"] == got[b]["cluster_id"] == a and got[a]["duplicate_of"] is None
    assert got[b]["duplicate_of"] == a and 0.5 <= got[b]["similarity"] < 1.0
    assert got[c]["cluster_id"] is None
    # an exact copy published earlier, archived last, becomes the cluster's earliest copy
    _, d = archive.store_article(rec("s3", "first", story, "2024-05-01T08:00:00+05:00"))
    archive.commit()
    got = {r["id"]: r for r in rows(tmp_path / "a.db", "select id, cluster_id, duplicate_of, similarity from articles")}
    assert {got[x]["cluster_id"] for x in (a, b, d)} == {a}
    assert got[d]["duplicate_of"] is None and got[a]["duplicate_of"] == d and got[a]["similarity"] == 1.0
    assert got[b]["duplicate_of"] == d


def test_a_changed_text_leaves_its_cluster(archive, tmp_path):
    story = text(20, 240)
    _, a = archive.store_article(rec("s1", "orig", story, "2024-05-01T10:00:00+05:00"))
    _, b = archive.store_article(rec("s2", "copy", story, "2024-05-02T10:00:00+05:00"))
    assert archive.store_article(rec("s2", "copy", text(21, 240), "2024-05-02T10:00:00+05:00"))[0] == "changed"
    archive.commit()
    assert rows(tmp_path / "a.db", "select count(*) n from articles where cluster_id is not null") == [{"n": 0}]


def test_editions_link_whichever_end_arrives_first(archive, tmp_path):
    kk, ru, latn = ("https://s1.test/kk/1/", "https://s1.test/ru/1/", "https://s1.test/latn/1/")
    _, a = archive.store_article(rec("s1", "kk/1", text(30), "2024-05-01T10:00:00+05:00",
                                     [{"lang": "ru", "url": ru}, {"lang": "kk-Latn", "url": latn}]))
    _, b = archive.store_article(rec("s1", "ru/1", text(31), "2024-05-01T10:00:00+05:00", [{"lang": "kk", "url": kk}]))
    # the Latin edition lists nothing: the Kazakh one lists it
    _, c = archive.store_article(rec("s1", "latn/1", text(32), "2024-05-01T10:00:00+05:00"))
    archive.commit()
    links = rows(tmp_path / "a.db", "select kind, from_id, to_id from article_links order by from_id, to_id")
    assert links == [{"kind": "edition", "from_id": a, "to_id": b}, {"kind": "edition", "from_id": a, "to_id": c}]
