"""End to end on the seed site: ../shared/corpus/seed/site served on loopback *as* zhetysu-gazeti.kz,
crawled through the registry with the real Scrapy engine into a real SQLite file."""

from __future__ import annotations

import json

import pytest

from crawler.demo import DemoServer, resources_from_dir
from tests.conftest import rows, run_crawl, shared_path

pytestmark = pytest.mark.e2e   # crawls the seed site on a loopback server: slow; `-m "not e2e"` skips it

SITE = "https://zhetysu-gazeti.kz"


@pytest.fixture(scope="module")
def seed_server():
    with DemoServer(resources_from_dir(shared_path("corpus", "seed", "site"))) as server:
        yield server


@pytest.fixture(scope="module")
def crawled(seed_server, tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "archive.db"
    run_crawl("zhetysu-gazeti", "--host-map", f"{SITE}={seed_server.base_url}", db=db)
    return db


def test_all_four_articles_stored_once_exactly_as_truth(crawled, seed_truth):
    got = {r["canonical_url"]: r for r in rows(crawled, "select * from articles")}
    assert sorted(got) == sorted(t["url"] for t in seed_truth)
    for t in seed_truth:
        row = got[t["url"]]
        assert row["title"] == t["title"]
        assert row["published"] == t["published"]
        assert row["language"] == t["language"]
        assert json.loads(row["authors"]) == t["authors"]
        assert row["body_text"] == "\n\n".join(t["body_paragraphs"])
        assert json.loads(row["captions"]) == t["captions"]
        assert not [s for s in t["must_not_contain"] if s in row["body_text"]]
        assert row["extraction_method"] == "profile:tagdiv"


def test_articles_found_from_feed_sitemap_and_listing(seed_server, crawled):
    # Each discovery source names all four; the crawl asked for each article page exactly once.
    article_paths = [p for p in seed_server.hits if p.startswith("/20")]
    assert len(article_paths) == 4
    assert all(seed_server.hits[p] == 1 for p in article_paths)
    for source in ("/feed/", "/wp-sitemap.xml", "/wp-sitemap-posts-post-1.xml", "/category/zhanalyqtar/",
                   "/category/zhanalyqtar/page/2/", "/robots.txt"):
        assert seed_server.hits[source] >= 1, source


def test_run_recorded(crawled):
    runs = rows(crawled, "select site, finish_reason, articles_new, skipped from crawl_runs")
    assert runs == [{"site": "zhetysu-gazeti", "finish_reason": "finished", "articles_new": 4, "skipped": 0}]


def test_second_full_crawl_changes_no_counts(seed_server, crawled):
    def counts():
        return {t: rows(crawled, f"select count(*) n from {t}")[0]["n"]
                for t in ("articles", "article_versions", "pages", "captures", "articles_fts")}

    before = counts()
    run_crawl("zhetysu-gazeti", "--full", "--host-map", f"{SITE}={seed_server.base_url}", db=crawled)
    assert counts() == before
    last = rows(crawled, "select articles_new, articles_unchanged from crawl_runs order by id desc limit 1")
    assert last == [{"articles_new": 0, "articles_unchanged": 4}]


def test_incremental_crawl_fetches_no_known_article(seed_server, crawled):
    seed_server.hits.clear()
    run_crawl("zhetysu-gazeti", "--host-map", f"{SITE}={seed_server.base_url}", db=crawled)
    assert not [p for p in seed_server.hits if p.startswith("/20")]
    assert rows(crawled, "select count(*) n from articles") == [{"n": 4}]


def test_inline_extraction_stores_the_same_articles_as_worker_processes(seed_server, crawled, tmp_path):
    inline = tmp_path / "inline.db"
    run_crawl("zhetysu-gazeti", "-s", "EXTRACT_WORKERS=0", "--host-map", f"{SITE}={seed_server.base_url}", db=inline)
    cols = "canonical_url, title, published, language, authors, body_text, body_html, captions, extraction_method"
    sql = f"select {cols} from articles order by canonical_url"
    assert rows(inline, sql) == rows(crawled, sql)
    assert len(rows(inline, sql)) == 4


def test_without_captures_the_same_articles_are_stored_and_no_page_kept(seed_server, crawled, tmp_path):
    """STORE_CAPTURES=False: the extract stage sends the page to the worker itself."""
    bare = tmp_path / "nocaptures.db"
    run_crawl("zhetysu-gazeti", "-s", "STORE_CAPTURES=False", "--host-map", f"{SITE}={seed_server.base_url}", db=bare)
    cols = "canonical_url, title, published, language, authors, body_text, body_html, captions, extraction_method"
    sql = f"select {cols} from articles order by canonical_url"
    assert rows(bare, sql) == rows(crawled, sql) and len(rows(bare, sql)) == 4
    assert rows(bare, "select count(*) n from captures") == [{"n": 0}]
    assert rows(bare, "select count(*) n from articles where capture_id is not null") == [{"n": 0}]
