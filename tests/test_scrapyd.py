"""Scrapyd: a real `scrapyd` on loopback, the project deployed with `scrapyd-deploy` (the egg must carry
the registry and the profiles), a demo crawl scheduled through schedule.json, its articles found in
the archive. Needs scrapyd and scrapyd-client (requirements-dev.txt); installs nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from crawler.demo import DEMO_SITES, DemoServer, build_site
from crawler.demo.loopback import free_port
from tests.conftest import REPO, rows

pytestmark = pytest.mark.e2e
PROJECT = "kz_news_archive"
BIN = Path(sys.executable).parent


def api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=60) as response:
        return json.loads(response.read())


@contextmanager
def scrapyd_node(home: Path, max_proc: int = 1):
    """A Scrapyd of its own: config, eggs, logs and dbs under ``home``, a free loopback port.
    Yields (base URL, home, environment)."""
    if not (BIN / "scrapyd").exists() or not (BIN / "scrapyd-deploy").exists():
        pytest.fail("scrapyd and scrapyd-client are missing: install requirements-dev.txt (make test does)")
    home.mkdir(parents=True)
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\n"
        f"items_dir =\njobs_to_keep = 5\nmax_proc = {max_proc}\npoll_interval = 0.5\n")
    env = {**os.environ, "HOME": str(home)}   # no ~/.scrapyd.conf or ~/.scrapy.cfg of the user's
    log = (home / "scrapyd.log").open("w")
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert api(base, "daemonstatus.json")["status"] == "ok"
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"scrapyd did not start: {(home / 'scrapyd.log').read_text()[-3000:]}")
                time.sleep(0.3)
        yield base, home, env
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture()
def scrapyd(tmp_path):
    with scrapyd_node(tmp_path / "scrapyd") as node:
        yield node


def test_the_egg_carries_the_registry_and_the_profiles(tmp_path):
    """What `scrapyd-deploy` builds (it runs `setup.py bdist_egg`)."""
    out = tmp_path / "egg"
    subprocess.run([sys.executable, "setup.py", "-q", "bdist_egg", "-d", str(out)], cwd=REPO, check=True,
                   capture_output=True, timeout=300)
    (egg,) = out.glob("*.egg")
    names = set(zipfile.ZipFile(egg).namelist())
    assert {"spiders/sites.toml", "crawler/demo/truth.json", "crawler/extract/profiles/__init__.py",
            "crawler/extract/profiles/tagdiv.py", "crawler/settings.py", "spiders/site_spider.py"} <= names
    assert "settings = crawler.settings" in zipfile.ZipFile(egg).read("EGG-INFO/entry_points.txt").decode()


def test_a_demo_crawl_deployed_and_scheduled_through_scrapyd_fills_the_archive(tmp_path, scrapyd):
    base, home, env = scrapyd
    # A deploy target of our own, beside the user's: scrapyd-deploy reads ~/.scrapy.cfg too, and the
    # project's scrapy.cfg names the project.
    (home / ".scrapy.cfg").write_text(f"[deploy:test]\nurl = {base}/\nproject = {PROJECT}\n")
    deploy = subprocess.run([str(BIN / "scrapyd-deploy"), "test", "-p", PROJECT, "--version", "t1"], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=300)
    assert deploy.returncode == 0, deploy.stdout[-2000:] + deploy.stderr[-3000:]
    answer = json.loads(deploy.stdout[deploy.stdout.index("{"):])
    assert answer["status"] == "ok" and answer["spiders"] >= 13, answer
    spiders = api(base, f"listspiders.json?project={PROJECT}")["spiders"]
    assert {"demo-jnews", "demo-tagdiv", "inform", "reextract"} <= set(spiders)

    db = tmp_path / "archive.db"
    with DemoServer(build_site("demo-jnews")) as server:
        job = api(base, "schedule.json", [
            ("project", PROJECT), ("spider", "demo-jnews"),
            ("setting", "HOST_MAP=" + json.dumps({DEMO_SITES["demo-jnews"]: server.base_url})),
            ("setting", f"ARCHIVE_DB={db}"),
            ("setting", "DOWNLOAD_DELAY=0"), ("setting", "AUTOTHROTTLE_ENABLED=False"),
            ("setting", "CONCURRENT_REQUESTS_PER_DOMAIN=16"),
        ])
        assert job["status"] == "ok", job
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            jobs = api(base, f"listjobs.json?project={PROJECT}")
            finished = [j for j in jobs["finished"] if j["id"] == job["jobid"]]
            if finished:
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"the Scrapyd job did not finish in time: {jobs}")
    logs = "\n".join(p.read_text(errors="replace") for p in (home / "logs").rglob("*.log"))
    assert db.exists(), logs[-4000:]
    assert rows(db, "select count(*) n from articles")[0]["n"] == 7, logs[-4000:]
    (run,) = rows(db, "select site, finish_reason, articles_new from crawl_runs")
    assert run == {"site": "demo-jnews", "finish_reason": "finished", "articles_new": 7}
    assert "Traceback" not in logs, logs[-4000:]


# --- several nodes: scripts/scrapyd_workers.py ---------------------------------------------------------
from tests.test_distributed import (ORIGIN, SITE, TimedServer, archive_facts, article_paths,  # noqa: E402
                                    redis_url, reference, server_redis, site, writer)

SCRIPT = REPO / "scripts" / "scrapyd_workers.py"
__all__ = ["redis_url", "reference", "server_redis", "site"]      # fixtures shared with test_distributed


def workers_cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)


def worker_settings(server, *extra: str) -> list[str]:
    out = []
    for s in ("HOST_MAP=" + json.dumps({ORIGIN: server.base_url}), "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False",
              "CONCURRENT_REQUESTS_PER_DOMAIN=16", "EXTRACT_WORKERS=1", "ARCHIVE_CONTACT=loopback test", *extra):
        out += ["-s", s]
    return out


@pytest.fixture(scope="module")
def two_nodes(tmp_path_factory):
    """Two Scrapyd nodes on loopback, the project deployed to both by the script (one egg, two uploads)."""
    home = tmp_path_factory.mktemp("nodes")
    with scrapyd_node(home / "a", max_proc=2) as a, scrapyd_node(home / "b", max_proc=2) as b:
        deploy = workers_cli("deploy", "--node", a[0], "--node", b[0], "--version", "t1")
        assert deploy.returncode == 0, deploy.stderr[-3000:]
        assert [line.split()[0] for line in deploy.stdout.splitlines()] == [a[0], b[0]], deploy.stdout
        yield a, b


def node_logs(*nodes) -> str:
    return "\n".join(p.read_text(errors="replace") for _, home, _ in nodes for p in (home / "logs").rglob("*.log"))


def test_workers_on_two_scrapyd_nodes_fetch_each_article_once_and_the_writer_archives_them(
        two_nodes, site, reference, redis_url, server_redis, tmp_path):
    (a, *_), (b, *_) = two_nodes
    jobs, db = tmp_path / "jobs.json", tmp_path / "archive.db"
    with TimedServer(site, delay=0.02) as server:
        start = workers_cli("start", "--node", a, "--node", b, "--redis", redis_url, "--workers", "2",
                            "--jobs", str(jobs), *worker_settings(server, "REDIS_IDLE_GRACE=3"), SITE)
        assert start.returncode == 0, start.stderr
        started = [line.split() for line in start.stdout.splitlines()]
        assert sorted(node for node, _, _ in started) == sorted([a, b]) and {s for *_, s in started} == {SITE}
        done = workers_cli("wait", "--jobs", str(jobs), "--timeout", "150")
        assert done.returncode == 0, done.stderr + node_logs(*two_nodes)[-4000:]
        hits = dict(server.hits)
    status = workers_cli("status", "--jobs", str(jobs))
    assert status.returncode == 0 and [line.split()[3] for line in status.stdout.splitlines()] == ["finished"] * 2
    writer(redis_url, db)
    assert archive_facts(db) == archive_facts(reference), node_logs(*two_nodes)[-4000:]
    assert {p: hits.get(p, 0) for p in article_paths(reference)} == {p: 1 for p in article_paths(reference)}
    (run,) = rows(db, "SELECT * FROM crawl_runs")
    assert json.loads(run["stats"])["redis/workers/finished"] == 2       # one worker on each node
    assert "Traceback" not in node_logs(*two_nodes)


def test_stop_cancels_the_workers_on_every_node_gracefully(two_nodes, redis_url, server_redis, tmp_path):
    from crawler.demo import build_site

    (a, *_), (b, *_) = two_nodes
    jobs, db = tmp_path / "jobs.json", tmp_path / "archive.db"
    with TimedServer(build_site(SITE, scale=8)) as server:
        # an idle grace of ten minutes: only the stop ends these workers in time
        start = workers_cli("start", "--node", a, "--node", b, "--redis", redis_url, "--workers", "2",
                            "--jobs", str(jobs), *worker_settings(server, "REDIS_IDLE_GRACE=600"), SITE)
        assert start.returncode == 0, start.stderr
        deadline = time.monotonic() + 90
        while server_redis.zcard(f"kz:{SITE}:workers") < 2:       # both crawling (signal handlers installed)
            assert time.monotonic() < deadline, node_logs(*two_nodes)[-4000:]
            time.sleep(0.3)
        running = workers_cli("status", "--jobs", str(jobs))
        assert [line.split()[3] for line in running.stdout.splitlines()] == ["running"] * 2, running.stdout
        stop = workers_cli("stop", "--jobs", str(jobs))
        assert stop.returncode == 0, stop.stderr
        assert [line.split()[3] for line in stop.stdout.splitlines()] == ["running"] * 2
        done = workers_cli("wait", "--jobs", str(jobs), "--timeout", "60")
        assert done.returncode == 0, done.stderr
    writer(redis_url, db)
    (run,) = rows(db, "SELECT * FROM crawl_runs")
    assert json.loads(run["stats"])["redis/workers/shutdown"] == 2       # closed by the signal, not killed
    assert rows(db, "SELECT count(*) n FROM articles")[0]["n"] == 8


def test_the_script_says_in_one_line_when_a_node_is_away(tmp_path):
    away = f"http://127.0.0.1:{free_port()}"
    for args in (("status", "--job", away, "abc"), ("stop", "--job", away, "abc")):
        proc = workers_cli(*args)
        assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert away in proc.stderr
    proc = workers_cli("stop", "--jobs", str(tmp_path / "none.json"))
    assert proc.returncode == 2 and "no jobs file" in proc.stderr
