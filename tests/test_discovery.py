"""Sitemaps, feeds and listings: table-driven, including malformed input."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib

import pytest

from crawler.discovery import MAX_DOCUMENT_BYTES, clean_url, listing_links, parse_feed, parse_sitemap
from tests.conftest import shared_path


@pytest.mark.parametrize("url, expected", [
    ("https://a.test/x/?utm_source=telegram&utm_medium=social", "https://a.test/x/"),
    ("https://a.test/x/?p=12&utm_campaign=z#comments", "https://a.test/x/?p=12"),
    ("https://a.test/x/#respond", "https://a.test/x/"),
    ("https://a.test/news/?page=2", "https://a.test/news/?page=2"),
    ("https://a.test/жаңалық/", "https://a.test/жаңалық/"),
])
def test_clean_url(url, expected):
    assert clean_url(url) == expected


def test_seed_sitemap_index_and_urlset():
    site = shared_path("corpus", "seed", "site")
    kind, links = parse_sitemap((site / "wp-sitemap.xml").read_bytes())
    assert kind == "index" and [l.url for l in links] == ["https://zhetysu-gazeti.kz/wp-sitemap-posts-post-1.xml"]
    kind, links = parse_sitemap((site / "wp-sitemap-posts-post-1.xml").read_bytes())
    assert kind == "urlset" and len(links) == 4
    assert all(l.date_kind == "lastmod" and l.date for l in links)


def test_seed_feed_items_with_pubdates():
    links = parse_feed(shared_path("corpus", "seed", "site", "feed", "index.xml").read_bytes())
    assert len(links) == 4
    assert links[0].date.endswith("+0000")


def test_gzipped_sitemap_and_google_news_dates():
    xml = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://a.test/1/</loc>
      <news:news><news:publication_date>2024-11-23T11:42:00+05:00</news:publication_date></news:news></url></urlset>"""
    kind, links = parse_sitemap(gzip.compress(xml))
    assert links[0].url == "https://a.test/1/" and links[0].date_kind == "pubdate"


def test_a_gzip_bomb_sitemap_is_refused_without_inflating_it(caplog):
    # 1 GB of spaces after a urlset's opening: about 1 MB on the wire, twenty times the protocol's limit
    bomb = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    head = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    body = bomb.compress(head) + b"".join(bomb.compress(b" " * 2**20) for _ in range(1024)) + bomb.flush()
    assert len(body) < 2 * 2**20
    tracemalloc.start()
    try:
        assert parse_sitemap(body) == ("urlset", []) and parse_feed(body) == []
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1.5 * MAX_DOCUMENT_BYTES           # never more than the limit inflated
    assert "inflates past" in caplog.text


def test_a_sitemap_in_two_gzip_members_is_read_whole():
    first = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.test/1/</loc></url>'
    second = b"<url><loc>https://a.test/2/</loc></url></urlset>"
    assert [l.url for l in parse_sitemap(gzip.compress(first) + gzip.compress(second))[1]] == [
        "https://a.test/1/", "https://a.test/2/"]


def test_atom_feed():
    xml = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="https://a.test/2/"/>
      <published>2024-01-02T03:04:05Z</published></entry></feed>"""
    assert [(l.url, l.date) for l in parse_feed(xml)] == [("https://a.test/2/", "2024-01-02T03:04:05Z")]


@pytest.mark.parametrize("body", [b"", b"\x00\x01garbage", b"<html><body>not a sitemap", b"\x1f\x8bnot gzip"])
def test_malformed_discovery_documents_give_nothing_not_a_crash(body):
    assert parse_sitemap(body)[1] == []
    assert parse_feed(body) == []


def test_listing_links_are_absolute_and_rel_next_is_separate():
    html = """<html><head><link rel="next" href="/page/2/"></head><body>
      <a href="/2024/11/23/a/">A</a><a href="https://b.test/x">B</a><a href="#top">top</a>
      <a href="mailto:x@y">m</a></body></html>"""
    hrefs, nexts = listing_links(html, "https://a.test/category/news/")
    assert hrefs == ["https://a.test/2024/11/23/a/", "https://b.test/x"]
    assert nexts == ["https://a.test/page/2/"]


def test_seed_listings_hold_exactly_the_four_articles():
    from crawler.registry import get_site

    site = get_site("zhetysu-gazeti")
    root = shared_path("corpus", "seed", "site", "category", "zhanalyqtar")
    found = set()
    for page in (root / "index.html", root / "page" / "2" / "index.html"):
        hrefs, _ = listing_links(page.read_bytes().decode("utf-8"), "https://zhetysu-gazeti.kz/category/zhanalyqtar/")
        found |= {clean_url(u) for u in hrefs if site.is_article_url(clean_url(u))}
    assert len(found) == 4
