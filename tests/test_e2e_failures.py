"""A site that breaks after it was archived: nothing already stored is lost.

The seed site is crawled once; then the same site is served with one archived article answering
500 for good, one truncated mid-<head>, one 404 and one served in the wrong encoding, and crawled
again with --full. The archive keeps all four articles as they were; the pages table says what
went wrong.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crawler.demo import DemoServer, Resource, resources_from_dir
from tests.conftest import REPO, rows, run_crawl, shared_path

pytestmark = pytest.mark.e2e   # crawls loopback servers: slow; `-m "not e2e"` skips it

SITE = "https://zhetysu-gazeti.kz"


@pytest.fixture(scope="module")
def seed_resources():
    return resources_from_dir(shared_path("corpus", "seed", "site"))


@pytest.fixture(scope="module")
def archived(seed_resources, tmp_path_factory):
    db = tmp_path_factory.mktemp("fail") / "archive.db"
    with DemoServer(seed_resources) as server:
        run_crawl("zhetysu-gazeti", "--host-map", f"{SITE}={server.base_url}", db=db)
    return db


def article_paths(resources):
    return sorted(p for p in resources if p.startswith("/20"))


def test_broken_recrawl_keeps_every_archived_article(seed_resources, archived, seed_truth):
    before = rows(archived, "select canonical_url, title, body_text, content_hash, version from articles order by id")
    broken = dict(seed_resources)
    a, b, c, d = article_paths(seed_resources)
    broken[a] = Resource(status=200, body=b"", fail_first=10)                       # 500 for good
    broken[b] = Resource(body=seed_resources[b].body[:300])                          # truncated in <head>
    broken[c] = Resource(status=404, body=b"<html><body>Not found</body></html>")
    broken[d] = Resource(content_type="text/html; charset=windows-1251",           # lying header
                         body=seed_resources[d].body)
    with DemoServer(broken) as server:
        run_crawl("zhetysu-gazeti", "--full", "--host-map", f"{SITE}={server.base_url}", db=archived)
    after = rows(archived, "select canonical_url, title, body_text, content_hash, version from articles order by id")
    assert len(before) == 4
    # Failed fetches touch nothing, and the UTF-8 page under a windows-1251 label is read as UTF-8,
    # so it is "unchanged", not a mojibake "new version".
    assert after == before
    assert rows(archived, "select count(*) n from article_versions") == [{"n": 0}]
    outcomes = {r["url"]: r["outcome"] for r in rows(archived, "select url, outcome from pages")}
    assert outcomes[SITE + a] == "http_error"
    assert outcomes[SITE + b] == "unparseable"
    assert outcomes[SITE + c] == "http_error"


def test_scrapy_crawl_command_works_with_a_host_map(seed_resources, tmp_path):
    db = tmp_path / "scrapy.db"
    with DemoServer(seed_resources) as server:
        proc = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "zhetysu-gazeti",
             "-s", f"ARCHIVE_DB={db}", "-s", "HOST_MAP=" + json.dumps({SITE: server.base_url}),
             "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0"],
            cwd=REPO, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert rows(db, "select count(*) n from articles") == [{"n": 4}]


def _with_extra_articles(resources, extra: dict[str, Resource]):
    """The seed site plus ``extra`` article pages, listed in its post sitemap."""
    out = dict(resources)
    sitemap = out["/wp-sitemap-posts-post-1.xml"]
    urls = "".join(f"<url><loc>{SITE}{path}</loc></url>" for path in extra)
    out["/wp-sitemap-posts-post-1.xml"] = Resource(
        content_type=sitemap.content_type, body=sitemap.body.replace(b"</urlset>", urls.encode() + b"</urlset>"))
    out.update(extra)
    return out


def test_huge_and_absurdly_dated_pages_are_handled(seed_resources, tmp_path):
    seed_article = next(r for p, r in seed_resources.items() if p.startswith("/2024/11/23/"))
    html = seed_article.body.decode("utf-8")
    absurd = (html.replace("2024-11-23T11:42:00+05:00", "2024-13-45T99:99:00+05:00")
                  .replace("23.11.2024", "45.13.2024")
                  .replace("/2024/11/23/almaty-oblysynda-auyl-akimderinin-algashky-forumy-otti/",
                           "/2024/11/24/absurd-date/")
                  # other text, or it is (rightly) a duplicate of the seed article
                  .replace("Іс-шара «AMANAT» партиясының бастамасымен ұйымдастырылды",
                           "Іс-шара аудан әкімдігінің бастамасымен ұйымдастырылды"))
    extra = {
        "/2024/11/24/huge-page/": Resource(body=b"<html><body>" + b"<p>" + b"x" * 1024 + b"</p>" * 1
                                           + b"<div>" + b"y" * (17 * 1024 * 1024) + b"</div></body></html>"),
        "/2024/11/24/absurd-date/": Resource(body=absurd.encode("utf-8")),
    }
    db = tmp_path / "archive.db"
    with DemoServer(_with_extra_articles(seed_resources, extra)) as server:
        run_crawl("zhetysu-gazeti", "--host-map", f"{SITE}={server.base_url}", db=db)
    # the 17 MB page is over DOWNLOAD_MAXSIZE: refused and recorded, nothing else disturbed
    pages = {r["url"]: r for r in rows(db, "select url, outcome, reason from pages")}
    assert pages[SITE + "/2024/11/24/huge-page/"]["outcome"] == "too_large"
    assert rows(db, "select count(*) n from articles where canonical_url like '%huge-page%'") == [{"n": 0}]
    # impossible dates give no date, never a guess and never a crash; the article is kept
    absurd_row = rows(db, "select published, published_source, body_text from articles where canonical_url like '%absurd-date%'")
    assert len(absurd_row) == 1 and absurd_row[0]["body_text"]
    # JSON-LD, meta, <time> and the visible date are all impossible: only the URL still dates it
    assert (absurd_row[0]["published"], absurd_row[0]["published_source"]) == ("2024-11-24T00:00:00+05:00", "url")
    assert rows(db, "select count(*) n from articles") == [{"n": 5}]


def test_a_missing_feed_is_counted_in_the_run_and_the_rest_still_crawls(seed_resources, tmp_path):
    without_feed = {p: r for p, r in seed_resources.items() if p != "/feed/"}
    db = tmp_path / "archive.db"
    with DemoServer(without_feed) as server:
        run_crawl("zhetysu-gazeti", "--host-map", f"{SITE}={server.base_url}", db=db)
    assert rows(db, "select articles_new, errors from crawl_runs") == [{"articles_new": 4, "errors": 1}]
