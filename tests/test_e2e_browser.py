"""In a real browser: the demo archive in `datasette serve`, searched and read with headless Chromium.

Needs Debian's `chromium` (`.ci/run` installs it when missing): skips without it on a developer
machine, fails under CI (`CI` set), like the tests that need ../shared. `KZ_UPDATE_SCREENSHOTS=1`
also copies the article page's screenshot to docs/images/article-page.png.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote

import pytest

from crawler.demo import DEMO_SITES, DemoServer, build_site
from tests.conftest import REPO, rows, run_crawl

pytestmark = pytest.mark.e2e

# The search a reader types: a Kazakh word in *Latin* script must find the Cyrillic article (the
# canned "search" query reads the script-folded index, docs/search.md); the table's own search box
# (the trigram index) is tried with the Cyrillic spelling.
LATIN_QUERY = "Aqtóbe"
CYRILLIC_QUERY = "Ақтөбе"
EXPECTED_TITLE = "Ақтөбеде күзгі ауыл шаруашылығы жәрмеңкесі басталды"
SCREENSHOT = REPO / "docs" / "images" / "article-page.png"


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run must install Debian's chromium")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser():
    return chromium()


@pytest.fixture(scope="module")
def served(browser, tmp_path_factory):
    servers = [DemoServer(build_site(key)) for key in DEMO_SITES]
    for s in servers:
        s.__enter__()
    try:
        db = tmp_path_factory.mktemp("browser") / "archive.db"
        args = []
        for (key, base), server in zip(DEMO_SITES.items(), servers):
            args += ["--host-map", f"{base}={server.base_url}"]
        run_crawl(*DEMO_SITES, *args, db=db)
    finally:
        for s in servers:
            s.__exit__(None, None, None)
    port = free_port()
    ds = REPO / "datasette"
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(ds / "metadata.yaml"),
         "--template-dir", str(ds / "templates"), "--plugins-dir", str(ds / "plugins"),
         "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(proc.stderr.read().decode()[-2000:])
                time.sleep(0.2)
        else:
            raise AssertionError("datasette did not start")
        yield base, db
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def run_chromium(browser, *args, timeout=90) -> subprocess.CompletedProcess:
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + str(REPO / ".pytest_cache" / "chromium"),
           *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def test_search_then_read_the_article_in_chromium(browser, served, tmp_path):
    base, db = served
    folded = run_chromium(browser, "--dump-dom", f"{base}/archive/search?q={quote(LATIN_QUERY)}").stdout
    assert EXPECTED_TITLE in folded, folded[:2000]
    search = run_chromium(browser, "--dump-dom", f"{base}/archive/articles?_search={quote(CYRILLIC_QUERY)}").stdout
    assert EXPECTED_TITLE in search, search[:2000]
    art = rows(db, "select * from articles where title = ?", (EXPECTED_TITLE,))[0]
    assert re.search(rf'href="/archive/articles/{art["id"]}"', search)

    page_url = f"{base}/archive/articles/{art['id']}"
    dom = run_chromium(browser, "--dump-dom", page_url).stdout
    body = dom.split('<div class="body"', 1)[1].split("</div>", 1)[0]
    first = art["body_text"].split("\n\n")[0]
    assert f"<p>{first}</p>" in body            # the browser sees paragraphs, not "<p>" as text
    assert "&lt;p&gt;" not in dom

    shot = tmp_path / "article-page.png"
    run_chromium(browser, f"--screenshot={shot}", "--window-size=1100,1300", page_url)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if os.environ.get("KZ_UPDATE_SCREENSHOTS"):
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, SCREENSHOT)
