"""The command line, as an archivist runs it."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO, shared_path

# The record's stored fields, written out by hand: the JSON is the archive's row without what the
# archive adds (id, hash, version, times, capture and run).
KEYS = {"site", "url", "canonical_url", "title", "published", "published_utc", "published_text", "published_source",
        "modified", "language", "authors", "tags", "captions", "image", "body_text", "body_html",
        "extraction_method", "discovered_via", "html_lang", "credited_source", "alternates"}


def cli(*args):
    return subprocess.run([sys.executable, "-m", "crawler", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120)


def test_extract_prints_the_article_as_json(seed_truth):
    t = next(x for x in seed_truth if x["captions"])
    proc = cli("extract", str(shared_path("corpus", "seed", "site", t["path"])), "--url", t["url"])
    assert proc.returncode == 0, proc.stderr
    art = json.loads(proc.stdout)
    assert set(art) == KEYS
    assert art["title"] == t["title"] and art["published"] == t["published"]
    assert art["body_text"] == "\n\n".join(t["body_paragraphs"])
    assert art["captions"] == t["captions"] and art["language"] == t["language"]


def test_extract_on_a_front_page_exits_2_with_a_one_line_reason():
    proc = cli("extract", str(shared_path("corpus", "pages", "abai.kz", "front-page-2018-03-22.html")),
               "--url", "https://abai.kz/")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and proc.stderr.startswith("not_article: ")


def test_date_command():
    assert cli("date", "2024 жылғы 23 қарашада").stdout.strip() == "2024-11-23T00:00:00+05:00"
    assert cli("date", "қараша 2024").stdout.strip() == "null"


def test_list_shows_every_site():
    from crawler.registry import registry

    lines = cli("list").stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == list(registry())


def test_status_on_a_missing_archive_is_a_clear_error(tmp_path):
    proc = cli("status", "--db", str(tmp_path / "none.db"))
    assert proc.returncode == 2 and "no archive" in proc.stderr
