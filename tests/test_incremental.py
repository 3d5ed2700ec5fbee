"""Incremental by numbers: a second crawl of an unchanged site costs a few requests, and articles
new since the last crawl are still found. Real engine, generated loopback site."""

from __future__ import annotations

import sqlite3

import pytest

from crawler.demo import DEMO_SITES, DemoServer, build_site
from tests.conftest import rows, run_crawl

pytestmark = pytest.mark.e2e

SITE = "demo-tagdiv"


def test_a_second_crawl_makes_under_5_percent_of_the_requests_and_finds_what_is_new(tmp_path):
    db = tmp_path / "a.db"
    with DemoServer(build_site(SITE, scale=300)) as server:
        host_map = ("--host-map", f"{DEMO_SITES[SITE]}={server.base_url}")
        run_crawl(SITE, *host_map, db=db)
        first = len(server.requests)
        stored = rows(db, "select count(*) n from articles")[0]["n"]
        assert stored >= 290

        run_crawl(SITE, *host_map, db=db)             # nothing changed on the site
        second = len(server.requests) - first
        assert second <= 0.05 * first, (second, first)

        # the five newest articles unknown to the archive, as if published since the last crawl
        newest = [r["url"] for r in rows(db, "select url from articles order by published_utc desc limit 5")]
        conn = sqlite3.connect(db)
        with conn:
            marks = ",".join("?" * len(newest))
            conn.execute(f"delete from pages where url in ({marks})", newest)
            conn.execute(f"delete from articles where url in ({marks})", newest)
        conn.close()
        before = len(server.requests)
        run_crawl(SITE, *host_map, db=db)
        third = len(server.requests) - before
    assert rows(db, "select count(*) n from articles")[0]["n"] == stored
    assert sorted(r["url"] for r in rows(db, f"select url from articles where url in ({marks})", newest)) == sorted(newest)
    assert third <= 0.05 * first + len(newest), (third, first, server.requests[before:])


def test_a_full_recrawl_asks_conditionally_and_an_unchanged_page_costs_a_304(tmp_path):
    resources = build_site("demo-jnews")
    db = tmp_path / "a.db"
    with DemoServer(resources) as server:
        host_map = ("--host-map", f"{DEMO_SITES['demo-jnews']}={server.base_url}")
        run_crawl("demo-jnews", *host_map, db=db)
        assert server.not_modified == 0
        before = {r["id"]: r for r in rows(db, "select id, last_seen, version, body_text from articles")}
        assert all(r["etag"] for r in rows(db, "select etag from pages where outcome = 'article'"))

        changed = "/qandyagashta-zhana-zhuzu-basseini-ashyldy/"
        resources[changed].body = resources[changed].body.replace("</p>".encode(), " Толықтырылды.</p>".encode(), 1)
        run_crawl("demo-jnews", "--full", *host_map, db=db)
    assert server.not_modified == len(before) - 1              # every unchanged article: a 304, no body
    (run,) = rows(db, "select articles_unchanged, articles_changed, articles_new from crawl_runs order by id desc limit 1")
    assert run == {"articles_unchanged": len(before) - 1, "articles_changed": 1, "articles_new": 0}
    after = {r["id"]: r for r in rows(db, "select id, last_seen, version, body_text, url from articles")}
    for art_id, row in after.items():
        assert row["last_seen"] >= before[art_id]["last_seen"]
        assert row["version"] == (2 if row["url"].endswith(changed) else 1)
    assert {r["http_status"] for r in rows(db, "select http_status from pages where outcome = 'article'")} == {200, 304}
