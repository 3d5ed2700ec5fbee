"""The command line, as an archivist runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crawler.demo import DemoServer
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


# --- every sub-command has --help; every user mistake is one line on stderr and a non-zero exit ---

SUBCOMMANDS = ["list", "crawl", "demo", "status", "extract", "reextract", "date", "report", "export"]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command):
    proc = cli(command, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"usage: python -m crawler {command}")


def _mistakes(tmp):
    not_db = tmp / "notes.txt"
    not_db.write_text("not an archive")
    from crawler.storage import Archive

    empty = tmp / "empty.db"
    Archive(empty).close()
    return [
        # (arguments, expected exit code, a piece of the one line)
        (["extract", str(tmp / "missing.html"), "--url", "https://x.kz/a"], 2, "cannot read"),
        (["extract", str(tmp), "--url", "https://x.kz/a"], 2, "is a folder"),
        (["extract"], 2, "give a FILE"),
        (["extract", str(not_db)], 2, "--url is required"),
        (["extract", str(not_db), "--fetch", "http://127.0.0.1:9/"], 2, "not both"),
        (["extract", str(not_db), "--url", "https://x.kz/a", "--site", "nope"], 2, "unknown"),
        (["crawl", "demo-tagdiv", "-s", "LOG_LEVEL", "--db", str(tmp / "a.db")], 2, "NAME=VALUE"),
        (["crawl", "demo-tagdiv", "--host-map", "nothing", "--db", str(tmp / "a.db")], 2, "NAME=VALUE"),
        (["reextract", "demo-tagdiv", "-s", "X", "--db", str(empty)], 2, "NAME=VALUE"),
        (["reextract", "demo-tagdiv", "--db", str(not_db)], 2, "not a database"),
        (["crawl", "no-such-site", "--db", str(tmp / "a.db")], 2, "unknown"),
        (["status", "--db", str(tmp / "none.db")], 2, "no archive"),
        (["status", "--db", str(tmp)], 2, "folder"),
        (["status", "--db", str(not_db)], 2, "not a database"),
        (["reextract", "--all", "--db", str(tmp)], 2, "no archive"),
        (["report", "--db", str(tmp / "none.db")], 2, "no archive"),
        (["report", "--db", str(not_db)], 2, "not a database"),
        (["export", "--format", "jsonl", "--db", str(tmp / "none.db")], 2, "no archive"),
        (["export", "--format", "jsonl", "--db", str(not_db)], 2, "not a database"),
        (["export", "--format", "xml", "--db", str(not_db)], 2, "invalid choice"),
        (["date", "x", "--tz", "Mars/Olympus"], 2, "--tz"),
        (["date", "x", "--crawl-time", "yesterday"], 2, "--crawl-time"),
    ]


def test_user_mistakes_are_one_line_and_a_nonzero_exit(tmp_path):
    for args, code, piece in _mistakes(tmp_path):
        proc = cli(*args)
        err = proc.stderr.strip()
        assert proc.returncode == code, (args, proc.returncode, err)
        assert "Traceback" not in err, args
        last = err.splitlines()[-1]   # argparse prints its usage line first, then the one line
        assert piece in last, (args, err)
        assert len(err.splitlines()) == 1 or err.startswith("usage:"), (args, err)


def test_extract_reads_standard_input(tmp_path):
    from crawler.demo import build_site, load_truth

    t = load_truth()["articles"][0]
    page = build_site(t["site"])[t["path"]].body
    proc = subprocess.run([sys.executable, "-m", "crawler", "extract", "-", "--url", t["url"], "--site", t["site"]],
                          cwd=REPO, input=page, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == t["title"]


@pytest.fixture(scope="module")
def demo_server():
    from crawler.demo import build_site

    with DemoServer(build_site("demo-tagdiv")) as server:
        yield server


def test_extract_fetch_gets_the_page_with_the_project_user_agent(demo_server):
    from crawler.demo import load_truth

    t = next(a for a in load_truth()["articles"] if a["site"] == "demo-tagdiv")
    proc = cli("extract", "--fetch", demo_server.base_url + t["path"])
    assert proc.returncode == 0, proc.stderr
    art = json.loads(proc.stdout)
    assert art["title"] == t["title"] and art["url"] == demo_server.base_url + t["path"]
    assert art["body_text"] == "\n\n".join(t["body_paragraphs"])


def test_extract_fetch_obeys_robots_txt(demo_server):
    from crawler.demo import load_truth

    refused = load_truth()["not_crawled"][0]
    path = refused["url"].split(".test", 1)[1]
    proc = cli("extract", "--fetch", demo_server.base_url + path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "robots.txt" in proc.stderr


@pytest.mark.parametrize("path,piece", [("/no-such-page/", "HTTP 404"), (None, "refused")])
def test_extract_fetch_failures_are_one_line(demo_server, path, piece):
    url = demo_server.base_url + path if path else "http://127.0.0.1:9/"   # port 9 (discard): nobody listens
    proc = cli("extract", "--fetch", url, "--timeout", "5")
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert piece in proc.stderr
