"""Scrapyd: a real `scrapyd` on loopback, the project deployed with `scrapyd-deploy` (the egg must carry
the registry and the profiles), a demo crawl scheduled through schedule.json, its articles found in
the archive. Needs scrapyd and scrapyd-client (requirements-dev.txt); installs nothing."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

from crawler.demo import DEMO_SITES, DemoServer, build_site
from tests.conftest import REPO, rows

pytestmark = pytest.mark.e2e
PROJECT = "kz_news_archive"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=60) as response:
        return json.loads(response.read())


@pytest.fixture()
def scrapyd(tmp_path):
    """A Scrapyd of its own: config, eggs, logs and dbs under tmp_path, a free loopback port."""
    if not (BIN / "scrapyd").exists() or not (BIN / "scrapyd-deploy").exists():
        pytest.fail("scrapyd and scrapyd-client are missing: install requirements-dev.txt (make test does)")
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\n"
        "items_dir =\njobs_to_keep = 5\nmax_proc = 1\npoll_interval = 0.5\n")
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
