"""Re-extraction (`python -m crawler reextract`): the demo sites crawled once, then read again from
their captures with the real engine and pipelines, and the archive checked row by row."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from crawler.demo import DEMO_SITES, DemoServer, build_site, load_truth
from tests.conftest import REPO, crawl_demo_sites, rows, run_crawl

pytestmark = pytest.mark.e2e   # crawls the demo sites, then re-extracts in subprocesses: slow; `-m "not e2e"` skips it


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("crawled") / "archive.db"
    crawl_demo_sites(db)
    return db


@pytest.fixture
def archive(crawled, tmp_path):
    """A copy of the crawled archive for one test to change (the servers are gone: no network)."""
    db = tmp_path / "archive.db"
    shutil.copy(crawled, db)
    shutil.copytree(f"{crawled}.warcs", f"{db}.warcs")      # the captured pages are in its WARC files
    return db


FINISHED = (0, 3)       # 3: some captures stay unreadable (the demo's truncated page)


def reextract(db, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler", "reextract", *args, "--db", str(db)],
                          cwd=REPO, capture_output=True, text=True, timeout=180)


def execute(db, sql, params=()):
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(sql, params)
    conn.close()


def test_reading_the_captures_again_changes_nothing_when_the_extractor_has_not(archive):
    articles = rows(archive, "select * from articles order by id")
    pages = rows(archive, "select url, outcome, fetch_count, last_fetched, http_status from pages order by url")
    proc = reextract(archive, "--all")
    # exit 3: the demo's truncated page is still unreadable, and says so in one line
    assert proc.returncode == 3, proc.stderr[-3000:]
    assert "\ndemo-tagdiv: 1 unparseable\n" in proc.stderr and "\ndemo-jnews: " not in proc.stderr
    assert rows(archive, "select * from articles order by id") == articles
    assert rows(archive, "select url, outcome, fetch_count, last_fetched, http_status from pages order by url") == pages
    assert rows(archive, "select count(*) n from article_versions")[0]["n"] == 0
    runs = {r["site"]: r for r in rows(archive, "select * from crawl_runs where kind='reextract'")}
    assert sorted(runs) == sorted(DEMO_SITES)
    for site, run in runs.items():
        stored = rows(archive, "select count(*) n from articles where site=?", (site,))[0]["n"]
        failed = rows(archive, "select count(*) n from pages where site=? and outcome in ('not_article', 'unparseable')",
                      (site,))[0]["n"]
        assert (run["articles_new"], run["articles_changed"], run["articles_unchanged"]) == (0, 0, stored)
        assert run["skipped"] == failed
        assert run["requests"] == 0                       # nothing fetched
    # the crawl's own runs say "crawl"
    assert {r["kind"] for r in rows(archive, "select kind from crawl_runs where id not in "
                                             "(select id from crawl_runs where kind='reextract')")} == {"crawl"}


def test_a_text_an_older_extractor_left_becomes_the_previous_version(archive):
    truth = {a["url"]: a for a in load_truth()["articles"]}
    target = rows(archive, "select id, canonical_url, last_seen from articles order by id limit 1")[0]
    execute(archive, "update articles set body_text='Тағы оқыңыз: ескі мәтін', content_hash='stale' where id=?",
            (target["id"],))
    before = datetime.now(timezone.utc).isoformat(timespec="seconds")
    proc = reextract(archive, "--all")
    assert proc.returncode in FINISHED, proc.stderr[-3000:]
    row = rows(archive, "select * from articles where id=?", (target["id"],))[0]
    assert row["body_text"] == "\n\n".join(truth[target["canonical_url"]]["body_paragraphs"])
    assert row["version"] == 2
    assert row["last_seen"] == target["last_seen"]         # nobody fetched the page again
    (old,) = rows(archive, "select * from article_versions where article_id=?", (target["id"],))
    assert old["body_text"] == "Тағы оқыңыз: ескі мәтін"
    assert old["replaced_at"] >= before                     # replaced now, by the re-extraction
    changed = rows(archive, "select sum(articles_changed) n from crawl_runs where kind='reextract'")[0]["n"]
    assert changed == 1


def test_a_page_an_older_extractor_rejected_becomes_an_article(archive):
    target = rows(archive, "select a.id, a.canonical_url, p.url, p.fetch_count from articles a "
                           "join pages p on p.article_id = a.id order by a.id limit 1")[0]
    execute(archive, "delete from articles where id=?", (target["id"],))
    execute(archive, "update pages set outcome='not_article', reason='no title', article_id=null where url=?",
            (target["url"],))
    proc = reextract(archive, "--all")
    assert proc.returncode in FINISHED, proc.stderr[-3000:]
    (page,) = rows(archive, "select * from pages where url=?", (target["url"],))
    assert page["outcome"] == "article"
    assert page["fetch_count"] == target["fetch_count"]
    assert rows(archive, "select count(*) n from articles where canonical_url=?", (target["canonical_url"],))[0]["n"] == 1
    assert rows(archive, "select sum(articles_new) n from crawl_runs where kind='reextract'")[0]["n"] == 1


def test_a_damaged_capture_is_skipped_and_the_rest_read_again(archive):
    target = rows(archive, "select a.id, a.capture_id, a.body_text from articles a order by a.id limit 1")[0]
    execute(archive, "update captures set html_zlib=? where id=?", (b"not zlib at all", target["capture_id"]))
    execute(archive, "update articles set body_text='stale', content_hash='stale' where id != ?", (target["id"],))
    proc = reextract(archive, "--all")
    assert proc.returncode in FINISHED, proc.stderr[-3000:]
    assert "unreadable" in proc.stderr
    assert rows(archive, "select body_text from articles where id=?", (target["id"],))[0]["body_text"] == target["body_text"]
    assert rows(archive, "select count(*) n from articles where body_text='stale'")[0]["n"] == 0


def test_unknown_sites_and_missing_archives_are_refused(archive, tmp_path):
    assert reextract(archive, "no-such-site").returncode == 2
    assert reextract(archive).returncode == 2               # no site named, no --all
    assert reextract(tmp_path / "missing.db", "--all").returncode == 2


def test_a_feed_date_is_replayed_and_a_page_date_is_read_again():
    """The feed's date is the one date a capture cannot give again: it comes from the archive."""
    from spiders.capture_spider import CaptureSpider

    spider = CaptureSpider(site_key="demo-tagdiv")
    row = {"id": 7, "url": "https://dala-habar.test/x/", "encoding": "utf-8", "status": 200,
           "fetched_at": "2024-11-05T06:00:00+00:00", "discovered_via": "feed",
           "published_source": "feed", "published_text": "Tue, 05 Nov 2024 10:15:00 +0500"}
    item = spider.page_item(row, "<html></html>")
    assert (item.page.discovered_via, item.page.discovery_date) == ("feed", "Tue, 05 Nov 2024 10:15:00 +0500")
    assert item.reextracted and item.capture_id == 7
    item = spider.page_item({**row, "published_source": "jsonld", "published_text": "2024-11-05T10:15:00+05:00"},
                            "<html></html>")
    assert (item.page.discovered_via, item.page.discovery_date) == ("feed", None)


PROMPT = "Жаңалықтарды WhatsApp арқылы алғыңыз келсе, +7 700 123 45 67 нөміріне «Иә» деп жазыңыз."


def with_prompt(body: bytes) -> bytes:
    """The article page with a promotional line no phrase list knows closing its body, as regional
    sites print their own prompts."""
    import lxml.html

    doc = lxml.html.document_fromstring(body.decode("utf-8"))
    p = lxml.html.Element("p")
    p.text = PROMPT
    doc.cssselect("div.td-post-content")[0].append(p)
    return lxml.html.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>").encode("utf-8")


def test_pages_archived_before_a_template_was_learned_lose_it_when_read_again(tmp_path):
    """Template learning needs some pages of a site first: the articles archived before the prompt
    was known as the site's chrome keep it, until a re-extraction strips it from them too."""
    from crawler.registry import get_site

    site = get_site("demo-tagdiv")
    resources = build_site("demo-tagdiv", scale=40)
    for path, res in resources.items():
        if site.is_article_url(DEMO_SITES["demo-tagdiv"] + path) and b"td-post-content" in res.body:
            res.body = with_prompt(res.body)
    db = tmp_path / "archive.db"
    with DemoServer(resources) as server:
        run_crawl("demo-tagdiv", "--host-map", f"{DEMO_SITES['demo-tagdiv']}={server.base_url}", db=db)
    stored = rows(db, "select id, body_text from articles")
    early = {r["id"]: r["body_text"] for r in stored if PROMPT in r["body_text"]}
    assert 0 < len(early) < len(stored) / 2            # learned after the first pages, then stripped

    proc = reextract(db, "demo-tagdiv")
    assert proc.returncode in FINISHED, proc.stderr[-3000:]
    after = {r["id"]: r["body_text"] for r in rows(db, "select id, body_text from articles")}
    assert not any(PROMPT in text for text in after.values())
    for art_id, before in early.items():                # the prompt went, every real paragraph stayed
        assert after[art_id] == "\n\n".join(p for p in before.split("\n\n") if p != PROMPT)
    (run,) = rows(db, "select articles_changed, articles_unchanged from crawl_runs where kind='reextract'")
    assert run["articles_changed"] == len(early)
