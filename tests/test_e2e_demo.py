"""End to end on the bundled demo sites: what `make demo` does, checked row by row against the truth."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime

import pytest

from crawler.demo import DEMO_SITES, DemoServer, build_site, load_truth
from tests.conftest import REPO, rows, run_crawl

pytestmark = pytest.mark.e2e   # crawls the demo sites and serves the archive: slow; `-m "not e2e"` skips it

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@pytest.fixture(scope="module")
def truth():
    return load_truth()


@pytest.fixture(scope="module")
def servers():
    started = {key: DemoServer(build_site(key)) for key in DEMO_SITES}
    for server in started.values():
        server.__enter__()
    yield started
    for server in started.values():
        server.__exit__(None, None, None)


def host_map_args(servers):
    args = []
    for key, server in servers.items():
        args += ["--host-map", f"{DEMO_SITES[key]}={server.base_url}"]
    return args


@pytest.fixture(scope="module")
def crawled(servers, tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "archive.db"
    run_crawl(*DEMO_SITES, *host_map_args(servers), db=db)
    return db


def test_every_truth_article_stored_once_and_nothing_else(crawled, truth):
    got = [r["canonical_url"] for r in rows(crawled, "select canonical_url from articles")]
    assert sorted(got) == sorted(a["url"] for a in truth["articles"])


def test_articles_row_by_row(crawled, truth):
    got = {r["canonical_url"]: r for r in rows(crawled, "select * from articles")}
    for t in truth["articles"]:
        row = got[t["url"]]
        assert row["site"] == t["site"]
        assert row["title"] == t["title"], t["url"]
        assert row["published"] == t["published"], t["url"]
        assert row["language"] == t["language"], t["url"]
        assert json.loads(row["authors"]) == t["authors"], t["url"]
        assert row["body_text"] == "\n\n".join(t["body_paragraphs"]), t["url"]
        assert json.loads(row["captions"]) == t["captions"], t["url"]
        leaks = [s for s in t["must_not_contain"] if s in row["body_text"] or s in row["captions"]]
        assert leaks == [], t["url"]


def test_every_published_is_iso_8601_with_offset(crawled):
    for row in rows(crawled, "select published, published_utc from articles"):
        assert ISO_WITH_OFFSET.match(row["published"])
        assert datetime.fromisoformat(row["published"]) == datetime.fromisoformat(row["published_utc"])


def test_robots_disallowed_article_is_absent_and_never_requested(crawled, truth, servers):
    from urllib.parse import urlsplit

    for item in truth["not_crawled"]:
        assert rows(crawled, "select count(*) n from articles where canonical_url = ?", (item["url"],)) == [{"n": 0}]
        assert servers[item["site"]].hits[urlsplit(item["url"]).path] == 0


def test_skipped_pages_are_recorded_with_their_reason(crawled, truth):
    outcomes = {r["url"]: r for r in rows(crawled, "select url, outcome, http_status from pages")}
    expected = {"not_article": "not_article", "truncated": "unparseable", "404": "http_error"}
    for item in truth["skipped"]:
        assert outcomes[item["url"]]["outcome"] == expected[item["reason"]], item


def test_special_pages_give_correct_articles(crawled, truth):
    specials = {a["special"] for a in truth["articles"] if a.get("special")}
    assert {"tracking_duplicate", "windows-1251", "retry_500", "malformed", "cloud_template"} <= specials


def test_second_crawl_changes_no_counts(crawled, servers):
    def counts():
        return {t: rows(crawled, f"select count(*) n from {t}")[0]["n"]
                for t in ("articles", "article_versions", "captures", "articles_fts")}

    before = counts()
    run_crawl(*DEMO_SITES, "--full", *host_map_args(servers), db=crawled)
    assert counts() == before


def test_datasette_serves_the_articles_table_and_search(crawled):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(crawled), "--metadata", "datasette/metadata.yaml",
         "--plugins-dir", "datasette/plugins",
         "--port", str(port)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/archive/articles.json?_shape=array&_size=max") as r:
                    body = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.1)
        assert body is not None, proc.stderr.read1().decode() if proc.poll() is not None else "no answer"
        assert len(body) == rows(crawled, "select count(*) n from articles")[0]["n"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/archive/articles_per_site_language.json?_shape=array") as r:
            per_site = json.loads(r.read())
        assert {row["site"] for row in per_site} == set(DEMO_SITES)
        # every canned query of the metadata answers (search with a term)
        import yaml

        queries = yaml.safe_load((REPO / "datasette" / "metadata.yaml").read_text("utf-8"))["databases"]["archive"]["queries"]
        for name in queries:
            query = "?q=%D0%BC%D0%B5%D0%BA%D1%82%D0%B5%D0%BF" if name == "search" else ""
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/archive/{name}.json{query}") as r:
                assert r.status == 200 and "rows" in json.loads(r.read()), name
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_every_query_of_the_readme_cookbook_runs_on_the_archive(crawled):
    """The README's SQL cookbook, statement by statement, against a real crawled archive."""
    readme = (REPO / "README.md").read_text("utf-8")
    block = readme.split("### SQL cookbook", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    statements = [s.strip() for s in block.split(";") if s.strip() and not all(
        line.strip().startswith("--") or not line.strip() for line in s.strip().splitlines())]
    assert len(statements) >= 10
    results = {s: rows(crawled, s) for s in statements}
    assert results[next(s for s in statements if "from articles group by site, language" in s)]
    assert results[next(s for s in statements if "articles_fts match" in s)]
