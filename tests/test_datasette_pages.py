"""The archive in Datasette as a reader meets it: the article page, table pages, the index, Atom feeds.

A crawled demo archive served through Datasette's own test client with the project's metadata,
templates and plugins (what `make serve` passes)."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3

import pytest
import yaml

from crawler.demo import DEMO_SITES, DemoServer, build_site, load_truth
from tests.conftest import REPO, rows, run_crawl

pytestmark = pytest.mark.e2e   # crawls the demo sites

DATASETTE = REPO / "datasette"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    servers = [DemoServer(build_site(key)) for key in DEMO_SITES]
    for s in servers:
        s.__enter__()
    try:
        db = tmp_path_factory.mktemp("ds") / "archive.db"
        args = []
        for (key, base), server in zip(DEMO_SITES.items(), servers):
            args += ["--host-map", f"{base}={server.base_url}"]
        run_crawl(*DEMO_SITES, *args, db=db)
        return db
    finally:
        for s in servers:
            s.__exit__(None, None, None)


def datasette_for(db):
    from datasette.app import Datasette

    metadata = yaml.safe_load((DATASETTE / "metadata.yaml").read_text("utf-8"))
    return Datasette([str(db)], metadata=metadata, template_dir=str(DATASETTE / "templates"),
                     plugins_dir=str(DATASETTE / "plugins"))


def get(db, *paths):
    ds = datasette_for(db)

    async def fetch():
        return [await ds.client.get(p) for p in paths]
    return asyncio.run(fetch())


def test_article_page_reads_as_an_article(archive):
    truth = {t["url"]: t for t in load_truth()["articles"]}
    art = rows(archive, "select * from articles where captions != '[]' limit 1")[0]
    t = truth[art["canonical_url"]]
    (page,) = get(archive, f"/archive/articles/{art['id']}")
    assert page.status_code == 200
    html = page.text
    assert f"<title>{t['title']}</title>" in html.replace("&#34;", '"')
    assert "<p>" + t["body_paragraphs"][0] in html           # rendered paragraphs...
    assert "&lt;p&gt;" not in html                            # ...not the markup as text
    assert f"(UTC{art['published'][19:]}, Asia/Almaty)" in html
    for name in t["authors"] + t["captions"] + json.loads(art["tags"]):
        assert name in html
    assert f'href="{art["url"]}"' in html and f'href="{art["image"]}"' in html
    assert f'/archive/captures/{art["capture_id"]}"' in html


def test_versions_are_linked(archive, tmp_path):
    db = tmp_path / "archive.db"
    shutil.copy(archive, db)
    conn = sqlite3.connect(db)
    art_id = conn.execute("select min(id) from articles").fetchone()[0]
    conn.execute("insert into article_versions (article_id, version, title, first_seen, last_seen, replaced_at) "
                 "values (?, 1, 'The old headline', '2024-01-01', '2024-01-02', '2024-01-03')", (art_id,))
    vid = conn.execute("select max(id) from article_versions").fetchone()[0]
    conn.commit()
    conn.close()
    (page,) = get(db, f"/archive/articles/{art_id}")
    assert f'/archive/article_versions/{vid}">version 1</a>: The old headline' in page.text


def test_hostile_body_html_is_neutralised(archive, tmp_path):
    db = tmp_path / "archive.db"
    shutil.copy(archive, db)
    conn = sqlite3.connect(db)
    conn.execute("update articles set body_html = ? where id = (select min(id) from articles)", (
        '<p>Safe text</p><script>alert(1)</script><img src=x onerror="alert(2)">'
        '<p onclick="alert(3)" style="position:fixed">Styled</p><a href="javascript:alert(4)">link</a>'
        '<iframe src="https://evil.example/"></iframe>',))
    art_id = conn.execute("select min(id) from articles").fetchone()[0]
    conn.commit()
    conn.close()
    (page,) = get(db, f"/archive/articles/{art_id}")
    body = page.text.split('<div class="body"', 1)[1].split("</div>", 1)[0]
    assert "<p>Safe text</p>" in body and "<p>Styled</p>" in body
    for bad in ("<script", "alert(1)", "onerror", "<img", "onclick", "style=", "javascript:", "<iframe"):
        assert bad not in body, bad


def test_table_page_shows_the_main_columns_and_the_index_starts_with_articles(archive):
    table, everything, index = get(archive, "/archive/articles", "/archive/articles?_allcols=1", "/")
    assert 'data-column="title"' in table.text and 'data-column="published"' in table.text
    assert 'data-column="body_html"' not in table.text and 'data-column="body_text"' not in table.text
    assert 'data-column="body_html"' in everything.text
    start = index.text.index("Start here")
    assert '<a href="/archive/articles">' in index.text[start:start + 200]
    assert index.text.index('href="/archive/articles"') < index.text.index('href="/archive/pages"') \
        if 'href="/archive/pages"' in index.text else True


def test_json_api_is_unchanged(archive):
    (resp,) = get(archive, "/archive/articles.json?_shape=array&_size=2")
    assert "body_html" in resp.json()[0]


def _feed(db, path):
    import feedparser

    (resp,) = get(db, path)
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(resp.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_atom_feed_of_the_newest_articles(archive):
    feed = _feed(archive, "/archive/articles.atom")
    newest = rows(archive, "select * from articles order by published_utc desc limit 50")
    assert [e.title for e in feed.entries] == [r["title"] for r in newest]
    for entry, row in zip(feed.entries, newest):
        assert entry.link == row["url"] and entry.id == row["canonical_url"]
        assert entry.updated == (row["modified"] or row["published"])
        assert entry.published == row["published"]
    assert feed.feed.updated and feed.feed.title.startswith("kz-news-archive")


@pytest.mark.parametrize("site", list(DEMO_SITES))
def test_atom_feed_per_site(archive, site):
    feed = _feed(archive, f"/archive/articles.atom?site={site}")
    expected = rows(archive, "select title from articles where site = ? order by published_utc desc", (site,))
    assert [e.title for e in feed.entries] == [r["title"] for r in expected]


@pytest.mark.parametrize("q", ["Ақтөбе", 'a"-b OR (', ""])
def test_atom_feed_per_search_never_fails(archive, q):
    feed = _feed(archive, f"/archive/articles.atom?q={q}")
    if q == "Ақтөбе":
        assert feed.entries and all("Ақтөбе" in e.summary + e.content[0].value + e.title for e in feed.entries)
