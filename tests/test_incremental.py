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
