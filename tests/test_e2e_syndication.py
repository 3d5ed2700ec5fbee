"""Syndication end to end: the corpus of tests/syndication_corpus.py crawled with the real engine.

Clusters, duplicate_of, similarity ranges, credited sources and edition links must come out
exactly as tests/fixtures/syndication/truth.json says; the Datasette canned query lists the
clusters."""

from __future__ import annotations

import shutil

import pytest

from crawler.demo import DEMO_SITES, DemoServer
from tests import syndication_corpus as corpus
from tests.conftest import REPO, rows, run_crawl

pytestmark = pytest.mark.e2e


def test_truth_file_is_up_to_date():
    assert corpus.TRUTH_PATH.read_text("utf-8") == corpus.dumps(), "run: python -m tests.syndication_corpus"


def crawl_corpus(db, build, *args):
    servers = {key: DemoServer(build(key)) for key in DEMO_SITES}
    for server in servers.values():
        server.__enter__()
    try:
        host_map = [arg for key, server in servers.items() for arg in ("--host-map", f"{DEMO_SITES[key]}={server.base_url}")]
        return run_crawl(*DEMO_SITES, *host_map, *args, db=db)
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("syndication") / "archive.db"
    crawl_corpus(db, corpus.build_site)
    return db


@pytest.fixture(scope="module")
def revisited(crawled, tmp_path_factory):
    """The archive after a --full re-crawl of the sites as the second visit finds them."""
    db = tmp_path_factory.mktemp("second-visit") / "archive.db"
    shutil.copyfile(crawled, db)
    proc = crawl_corpus(db, corpus.build_second_visit, "--full")
    return db, proc


@pytest.fixture(scope="module")
def truth():
    import json

    return json.loads(corpus.TRUTH_PATH.read_text("utf-8"))


def test_every_article_archived(crawled, truth):
    got = {r["canonical_url"] for r in rows(crawled, "select canonical_url from articles")}
    assert got == set(truth["articles"])


def test_clusters_duplicate_of_and_similarity(crawled, truth):
    got = {r["canonical_url"]: r for r in rows(
        crawled, "select a.canonical_url, a.cluster_id, a.similarity, d.canonical_url as duplicate_of "
                 "from articles a left join articles d on d.id = a.duplicate_of")}
    clusters: dict[int, set] = {}
    for url, t in truth["articles"].items():
        row = got[url]
        assert row["duplicate_of"] == t["duplicate_of"], url
        if t["cluster"] is None:
            assert row["cluster_id"] is None and row["similarity"] is None, url
            continue
        clusters.setdefault(t["cluster"], set()).add(url)
        if t["similarity"] is None:
            assert row["similarity"] is None, url
        else:
            lo, hi = t["similarity"]
            assert lo <= row["similarity"] <= hi, (url, row["similarity"])
    # the same partition: each truth cluster is exactly one cluster_id
    for members in clusters.values():
        ids = {got[u]["cluster_id"] for u in members}
        assert len(ids) == 1 and None not in ids, members
        (cid,) = ids
        assert {u for u, r in got.items() if r["cluster_id"] == cid} == members


def test_credited_sources(crawled, truth):
    got = {r["canonical_url"]: r["credited_source"] for r in rows(crawled, "select canonical_url, credited_source from articles")}
    assert got == {url: t["credited_source"] for url, t in truth["articles"].items()}


def test_edition_links(crawled, truth):
    links = rows(crawled, "select f.canonical_url a, t.canonical_url b, l.kind from article_links l "
                          "join articles f on f.id = l.from_id join articles t on t.id = l.to_id")
    assert {l["kind"] for l in links} <= {"edition"}
    assert sorted(sorted([l["a"], l["b"]]) for l in links) == truth["editions"]


def test_the_clusters_canned_query(crawled, truth):
    import yaml

    queries = yaml.safe_load((REPO / "datasette" / "metadata.yaml").read_text("utf-8"))["databases"]["archive"]["queries"]
    got = rows(crawled, queries["clusters"]["sql"])
    clusters = {t["cluster"] for t in truth["articles"].values() if t["cluster"]}
    assert len({r["cluster_id"] for r in got}) == len(clusters)
    assert sum(1 for r in got if r["duplicate_of"] is None) == len(clusters)   # one earliest copy each
    assert len(got) == sum(1 for t in truth["articles"].values() if t["cluster"])
    editions = rows(crawled, queries["editions"]["sql"])
    assert len(editions) == len(truth["editions"])


def test_second_visit_versions_and_tombstones(crawled, revisited, truth):
    """Every archived article is still there; the edited one is version 2, the ones taken down are
    tombstones whose reason names the cause, and nothing else changed (the moved story included)."""
    db, proc = revisited
    before = {r["canonical_url"]: r for r in rows(crawled, "select canonical_url, title, body_text from articles")}
    got = {r["canonical_url"]: r for r in rows(
        db, "select canonical_url, version, status, gone_at, gone_reason, title, body_text from articles")}
    assert set(got) == set(truth["second_visit"]) == set(before)
    for url, t in truth["second_visit"].items():
        row = got[url]
        assert (row["version"], row["status"]) == (t["version"], t["status"]), (url, row["gone_reason"])
        if t["status"] == "gone":
            assert row["gone_reason"].startswith(t["gone_reason_starts"]) and row["gone_at"], (url, row["gone_reason"])
            # a tombstone keeps the text it had
            assert (row["title"], row["body_text"]) == (before[url]["title"], before[url]["body_text"]), url
        else:
            assert row["gone_reason"] is None and row["gone_at"] is None, url
    assert proc.stderr.count("archived article gone") == sum(t["status"] == "gone" for t in truth["second_visit"].values())


def test_second_visit_pages_say_where_each_url_went(revisited):
    """The moved URL's page row names the new URL and still points at its article; a URL sent to
    the home page or a listing is a page of no article saying so, with the redirect's status."""
    db, _ = revisited
    pages = {r["url"]: r for r in rows(db, "select url, outcome, reason, http_status, article_id from pages")}
    moved = corpus.url(corpus.JNEWS.key, corpus.HARVEST)
    assert pages[moved]["outcome"] == "article" and pages[moved]["http_status"] == 301
    assert pages[moved]["reason"].startswith("redirected to ") and pages[moved]["reason"].endswith(
        f"/{corpus.MOVED_SLUG}/")
    (article,) = rows(db, "select id from articles where canonical_url = ?", (moved,))
    assert pages[moved]["article_id"] == article["id"]
    home = pages[corpus.url(corpus.JNEWS.key, corpus.TEMIR)]
    assert (home["outcome"], home["http_status"]) == ("not_article", 301)
    assert home["reason"].startswith("redirected to the home page: ")
    listing = pages[corpus.url(corpus.JNEWS.key, corpus.OLYMPIAD)]
    assert listing["outcome"] == "not_article" and listing["reason"].endswith("/category/zhanalyqtar/")
