"""Crawls as a scheduler runs them: exit codes, the writer lock, foreign writers, killed runs,
signals, and workers that never outlive their crawl. Real processes, real SQLite files."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from crawler.demo import DEMO_SITES, DemoServer, build_site
from crawler.storage import Archive, ArchiveBusy
from tests.conftest import REPO, rows

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def demo_server():
    with DemoServer(build_site("demo-jnews")) as server:
        yield server


def crawl(db, server, *args, timeout=180):
    cmd = [sys.executable, "-m", "crawler", "crawl", "demo-jnews", "--db", str(db), "--loopback",
           "--host-map", f"{DEMO_SITES['demo-jnews']}={server.base_url}", *args]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)


def test_a_clean_crawl_exits_0_and_its_run_row_counts_what_was_committed(tmp_path, demo_server):
    db = tmp_path / "a.db"
    proc = crawl(db, demo_server)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (run,) = rows(db, "select finish_reason, articles_new, finished_at from crawl_runs")
    assert run["finish_reason"] == "finished" and run["finished_at"]
    assert run["articles_new"] == rows(db, "select count(*) n from articles")[0]["n"] == 7


def test_a_second_run_on_a_locked_archive_exits_5_at_once_with_one_line(tmp_path, demo_server):
    db = tmp_path / "a.db"
    holder = Archive.acquire(db)
    try:
        started = time.monotonic()
        proc = crawl(db, demo_server)
        assert proc.returncode == 5
        assert time.monotonic() - started < 30
        assert proc.stderr.strip().count("\n") == 0 and "being written by another run" in proc.stderr
        assert f"pid {os.getpid()}" in proc.stderr
        other = subprocess.run([sys.executable, "-c", f"from crawler.storage import Archive; Archive.acquire({str(db)!r})"],
                               cwd=REPO, capture_output=True, text=True, timeout=60)
        assert other.returncode != 0 and ArchiveBusy.__name__ in other.stderr
    finally:
        holder.release()
    proc = crawl(db, demo_server, "--wait", "5")     # free again
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_a_foreign_writer_holding_the_database_makes_the_crawl_wait_not_drop(tmp_path, demo_server):
    """A manual UPDATE (or any tool) holding SQLite's write lock for a while: batches begin with
    BEGIN IMMEDIATE and wait for it, so no item is lost."""
    db = tmp_path / "a.db"
    Archive(db).close()
    foreign = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    foreign.execute("BEGIN IMMEDIATE")
    foreign.execute("CREATE TABLE manual_note (x)")
    releaser = threading.Timer(3.0, lambda: foreign.execute("COMMIT"))
    releaser.start()
    try:
        proc = crawl(db, demo_server)
    finally:
        releaser.join()
        foreign.close()
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "locked" not in proc.stderr
    assert rows(db, "select count(*) n from articles")[0]["n"] == 7


def test_a_run_row_left_open_by_a_killed_run_is_closed_as_killed(tmp_path, demo_server):
    db = tmp_path / "a.db"
    archive = Archive(db)
    archive.upsert_site({"key": "demo-jnews", "name": "d", "base_url": "https://dala-habar.test", "domains": ["dala-habar.test"]})
    archive.start_run("demo-jnews", incremental=True)       # never finished: its process was killed
    archive.close()
    assert crawl(db, demo_server).returncode == 0
    assert [r["finish_reason"] for r in rows(db, "select finish_reason from crawl_runs order by id")] == ["killed", "finished"]
    assert rows(db, "select count(*) n from crawl_runs where finished_at is null")[0]["n"] == 0


def test_an_archive_that_is_not_a_database_exits_4_with_one_line(tmp_path, demo_server):
    db = tmp_path / "a.db"
    db.write_bytes(b"this is not an SQLite file, it is a text file someone saved here" * 100)
    proc = crawl(db, demo_server)
    assert proc.returncode == 4
    assert len(proc.stderr.strip().splitlines()) == 1 and "not a database" in proc.stderr


@pytest.mark.parametrize("args, message", [
    (["-s", "EXTRACT_WORKERS=abc"], "EXTRACT_WORKERS"),
    (["-s", "EXTRACT_WORKERS"], "NAME=VALUE"),
    (["-s", "DOWNLOAD_DELAY=-1"], "DOWNLOAD_DELAY"),
])
def test_a_bad_setting_exits_2_with_one_line_naming_it(tmp_path, demo_server, args, message):
    proc = crawl(tmp_path / "a.db", demo_server, *args)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_failed_pages_exit_3_and_name_the_site_in_one_line(tmp_path):
    resources = build_site("demo-jnews")
    resources["/qandyagashta-zhana-zhuzu-basseini-ashyldy/"].status = 500   # an article; after its retries, a failed page
    with DemoServer(resources) as server:
        proc = crawl(tmp_path / "a.db", server)
    assert proc.returncode == 3
    assert "demo-jnews: 1 http_error" in proc.stderr


def test_quiet_mode_prints_nothing_when_all_is_well(tmp_path, demo_server):
    proc = crawl(tmp_path / "a.db", demo_server, "--quiet")
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr == ""


def test_sigterm_finishes_the_batch_closes_the_run_as_shutdown_and_exits_143(tmp_path):
    resources = build_site("demo-jnews", scale=300)
    with DemoServer(resources) as server:
        db = tmp_path / "a.db"
        cmd = [sys.executable, "-m", "crawler", "crawl", "demo-jnews", "--db", str(db),
               "--host-map", f"{DEMO_SITES['demo-jnews']}={server.base_url}",
               "-s", "DOWNLOAD_DELAY=0.05", "-s", "AUTOTHROTTLE_ENABLED=False"]
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and sum(server.hits.values()) < 20:
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err[-2000:]
    (run,) = rows(db, "select finish_reason, finished_at, articles_new from crawl_runs")
    assert run["finish_reason"] == "shutdown" and run["finished_at"]
    assert run["articles_new"] == rows(db, "select count(*) n from articles")[0]["n"]


def test_workers_end_when_their_crawl_process_is_killed(tmp_path):
    code = (
        "import asyncio, os, sys, time\n"
        "from crawler.workers import WorkerPool\n"
        "pool = WorkerPool(2)\n"
        "async def main():\n"
        "    pids = {await pool.run(os.getpid) for _ in range(8)}\n"
        "    print(' '.join(map(str, pids)), flush=True)\n"
        "asyncio.run(main())\n"
        "time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, stdout=subprocess.PIPE, text=True)
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert workers and parent.pid not in workers
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in workers if _alive(pid)]
    assert alive == []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return "State:\tZ" not in fh.read()
    except FileNotFoundError:
        return False


def test_a_garbled_refetch_keeps_the_good_text_and_the_new_capture_and_says_so(tmp_path):
    """The site starts serving mojibake (UTF-8 bytes read as windows-1251 by some proxy and saved
    again as UTF-8): the stored text stays current, the bad fetch is kept as a capture, the page
    row and the exit code say what happened."""
    path = "/qandyagashta-zhana-zhuzu-basseini-ashyldy/"
    resources = build_site("demo-jnews")
    db = tmp_path / "a.db"
    with DemoServer(resources) as server:
        assert crawl(db, server).returncode == 0
    before = rows(db, "select id, title, body_text, version from articles order by id")
    captures = rows(db, "select count(*) n from captures")[0]["n"]
    resources[path].body = resources[path].body.decode("utf-8").encode("utf-8").decode("cp1251", "replace").encode("utf-8")
    with DemoServer(resources) as server:
        proc = crawl(db, server, "--full")
    assert proc.returncode == 3 and "demo-jnews: 1 worse_text" in proc.stderr
    assert rows(db, "select id, title, body_text, version from articles order by id") == before
    assert rows(db, "select count(*) n from captures")[0]["n"] == captures + 1
    (page,) = rows(db, "select outcome, reason from pages where url like ?", (f"%{path}",))
    assert page["outcome"] == "worse_text" and page["reason"].startswith("kept the stored text: new ")


def test_an_article_taken_down_is_a_tombstone_and_comes_back_when_it_does(tmp_path):
    """A re-visit that finds an archived article answering 410 (or 404) keeps the row and its
    text and marks it gone, with when and why; a later visit that finds it again clears that."""
    path = "/qandyagashta-zhana-zhuzu-basseini-ashyldy/"
    resources = build_site("demo-jnews")
    db = tmp_path / "a.db"
    with DemoServer(resources) as server:
        assert crawl(db, server).returncode == 0
    (before,) = rows(db, "select id, title, body_text, status from articles where url like ?", (f"%{path}",))
    assert before["status"] is None
    body, resources[path].status = resources[path].body, 410
    with DemoServer(resources) as server:
        proc = crawl(db, server, "--full")
    assert proc.returncode == 3 and "archived article gone" in proc.stderr
    (gone,) = rows(db, "select id, title, body_text, status, gone_at, gone_reason from articles where url like ?",
                   (f"%{path}",))
    assert (gone["id"], gone["title"], gone["body_text"]) == (before["id"], before["title"], before["body_text"])
    assert gone["status"] == "gone" and gone["gone_reason"] == "HTTP 410" and gone["gone_at"]
    assert rows(db, "select count(*) n from articles")[0]["n"] == 7
    resources[path].status, resources[path].body = 200, body
    with DemoServer(resources) as server:
        assert crawl(db, server, "--full").returncode == 0
    assert rows(db, "select status, gone_at from articles where id = ?", (before["id"],)) == [
        {"status": None, "gone_at": None}]
