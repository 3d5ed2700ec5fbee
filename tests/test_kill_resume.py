"""Kill and resume: a crawl SIGKILLed at many points (during discovery, mid-articles, mid-batch, after
the last response, at close) and then run again until it finishes leaves the archive an uninterrupted
crawl leaves: the same canonical URLs and content hashes, a `pages` row for every article URL the
server was asked for, no run row left open (the killed run's closed as 'killed'), a sound archive
(`check`), and no extraction worker outliving its crawl.

Kill points are request counts at the loopback server, article pages committed to the archive (plus a
delay: mid-batch) and one log line; each gets a fresh archive and
a fresh server. The test prints, for each, where the kill landed and whether the result was exact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from crawler.demo import DEMO_SITES, DemoServer, build_site
from crawler.discovery import clean_url
from crawler.registry import registry
from crawler.storage import check_archive
from tests.conftest import REPO, rows

pytestmark = pytest.mark.e2e

SITE = "demo-tagdiv"
SCALE = 150
MARK = "KZ_KILL_RESUME_TEST"       # an environment variable every process of these crawls inherits


def start_crawl(db: Path, server: DemoServer, token: str, log: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "crawler", "crawl", SITE, "--db", str(db), "--loopback",
           "--host-map", f"{DEMO_SITES[SITE]}={server.base_url}", "--log-level", "INFO"]
    with log.open("ab") as err:
        return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=err,
                                env={**os.environ, MARK: token})


def marked_processes(token: str) -> list[tuple[int, int, str]]:
    """``(pid, ppid, cmdline)`` of the live processes started by these crawls (the marker in their
    environment), zombies left out."""
    found = []
    needle = f"{MARK}={token}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "State:\tZ" in status:
            continue
        ppid = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
        found.append((int(entry.name), ppid, cmdline))
    return found


def spawned_children(pid: int) -> list[int]:
    """The multiprocessing (spawn) children of ``pid``: extraction workers, resource tracker."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    found = []
    for child in children:
        try:
            if b"multiprocessing" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.append(int(child))
        except OSError:
            pass
    return found


def orphans_after(token: str, timeout: float = 15.0) -> list[tuple[int, int, str]]:
    """Worker processes (multiprocessing spawn) of a killed crawl still alive after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        left = [p for p in marked_processes(token) if "multiprocessing" in p[2]]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def snapshot(db: Path) -> dict:
    return {
        "articles": {(r["canonical_url"], r["content_hash"]) for r in rows(db, "select canonical_url, content_hash from articles")},
        "pages": {(r["url"], r["outcome"]) for r in rows(db, "select url, outcome from pages")},
        "open_runs": rows(db, "select id from crawl_runs where finished_at is null"),
        "runs": [r["finish_reason"] for r in rows(db, "select finish_reason from crawl_runs order by id")],
    }


@pytest.fixture(scope="module")
def site_resources():
    return build_site(SITE, scale=SCALE)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, site_resources):
    """The uninterrupted crawl: its archive and its number of requests."""
    db = tmp_path_factory.mktemp("reference") / "ref.db"
    token = uuid.uuid4().hex
    with DemoServer(site_resources) as server:
        proc = start_crawl(db, server, token, db.with_suffix(".log"))
        assert proc.wait(timeout=180) in (0, 3), db.with_suffix(".log").read_text()[-3000:]
        requests = len(server.requests)
    snap = snapshot(db)
    assert len(snap["articles"]) == SCALE and snap["runs"] == ["finished"]
    return snap, requests


def kill_points(total: int) -> list[tuple[str, str, object, float]]:
    """``(label, what to wait for, its value, seconds more)``: "requests" at the server reaching a
    count, "committed" article pages in the archive reaching a count (a batch just committed: the
    kill lands in the next, open batch), or a log "line"."""
    return [
        ("discovery: robots.txt asked", "requests", 1, 0),
        ("discovery: sitemaps and feed asked", "requests", 3, 0),
        ("discovery: listings asked", "requests", 6, 0),
        ("articles fetched, none stored yet", "requests", total // 2, 0),
        ("right after the first batch commit", "committed", 1, 0),
        ("mid-batch: first commit + 0.3 s", "committed", 1, 0.3),
        ("mid-batch: first commit + 0.9 s", "committed", 1, 0.9),
        ("right after a commit, 40% stored", "committed", SCALE * 2 // 5, 0),
        ("mid-batch: 40% stored + 0.5 s", "committed", SCALE * 2 // 5, 0.5),
        ("right after a commit, 70% stored", "committed", SCALE * 7 // 10, 0),
        ("mid-batch: 70% stored + 0.2 s", "committed", SCALE * 7 // 10, 0.2),
        ("after the last response", "requests", total, 0),
        ("at close: 'Spider closed' logged", "line", "Spider closed", 0),
    ]


def committed(db: Path) -> int:
    """Article pages committed to the archive so far (read-only; 0 while it does not exist)."""
    if not db.exists():
        return 0
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return conn.execute("SELECT count(*) FROM pages WHERE outcome = 'article'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_kill_and_resume_at_many_points_gives_the_uninterrupted_archive(tmp_path, site_resources, reference):
    ref, total = reference
    site = registry()[SITE]
    report, failures, known = [], [], []
    for n, point in enumerate(kill_points(total)):
        label = point[0]
        _, kind, value, more = point
        for attempt in range(3):
            # a crawl that finished before its kill landed (a fast machine) exercised nothing:
            # the same point again, sooner
            db, log = tmp_path / f"k{n}-{attempt}.db", tmp_path / f"k{n}-{attempt}.log"
            token = uuid.uuid4().hex
            with DemoServer(site_resources) as server:
                proc = start_crawl(db, server, token, log)
                deadline = time.monotonic() + 120
                killed_at, spawned = None, []
                met_at = None
                while proc.poll() is None and time.monotonic() < deadline:
                    if met_at is None:
                        if kind == "requests":
                            met = len(server.requests) >= value
                        elif kind == "committed":
                            met = committed(db) >= value
                        else:
                            met = value in log.read_text(errors="replace")
                        met_at = time.monotonic() if met else None
                    if met_at is not None and time.monotonic() - met_at >= more:
                        spawned = spawned_children(proc.pid)
                        os.kill(proc.pid, signal.SIGKILL)
                        killed_at = len(server.requests)
                        break
                    time.sleep(0.01)
                first_code = proc.wait(timeout=60)
                orphans = orphans_after(token)
                # What the killed run had committed against what it had fetched: a kill between batches
                # loses nothing; a kill mid-batch loses the open batch, which the resumed run redoes.
                fetched_then = sum(site.is_article_url(clean_url(DEMO_SITES[SITE] + raw)) for raw in server.requests)
                committed_then = (rows(db, "select count(*) n from pages where outcome = 'article'")[0]["n"]
                                  if db.exists() else 0)
                codes = [first_code]
                while codes[-1] not in (0, 3) and len(codes) < 4:       # resume: the same command again
                    proc = start_crawl(db, server, token, log)
                    codes.append(proc.wait(timeout=180))
                requested = {clean_url(DEMO_SITES[SITE] + raw) for raw in server.requests}
            if killed_at is not None or kind != "committed" or not more:
                break
            more /= 3
        snap = snapshot(db)
        fetched_articles = {u for u in requested if site.is_article_url(u)}
        without_page = fetched_articles - {u for u, _ in snap["pages"]}
        damage = [f"{level}: {text}" for level, text in check_archive(db) if level != "ok"]
        problems = {
            "articles differ": (len(snap["articles"] ^ ref["articles"]) if snap["articles"] != ref["articles"] else 0),
            "pages differ": len(snap["pages"] ^ ref["pages"]),
            "fetched article URLs without a pages row": sorted(without_page)[:3],
            "open run rows": snap["open_runs"],
            "archive check": damage,
            "orphan workers": orphans,
            "not resumed to exit 0/3": codes[-1] not in (0, 3),
        }
        problems = {k: v for k, v in problems.items() if v}
        really_killed = killed_at is not None and first_code == -signal.SIGKILL
        if really_killed and snap["runs"][0] not in ("killed", "finished"):
            problems["first run row"] = snap["runs"][0]
        report.append(f"{label:36} killed at {killed_at}/{total} requests ({committed_then} of {fetched_then} "
                      f"fetched articles committed, {len(spawned)} spawned processes); exits {codes}; runs {snap['runs']}; "
                      + ("EXACT" if not problems else f"DIFFERS {problems}"))
        if problems or not really_killed:
            failures.append(report[-1])
    print("\nkill points:\n  " + "\n  ".join(report))
    print(f"exact: {sum(line.endswith('EXACT') for line in report)}/{len(report)}")
    assert len(report) >= 10 and not failures, "\n".join(failures)
