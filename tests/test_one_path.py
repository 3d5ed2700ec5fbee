"""One path from a page to a record: the crawl and ``python -m crawler extract`` agree.

The demo sites are crawled with the real engine; then every archived article's page, as the
server sends it (bytes and Content-Type, the windows-1251 page included), goes through the CLI's
``extract`` with the site and the crawl's fetch time. Each record must equal the archive's row,
column for column.
"""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from crawler.record import ArticleRecord
from tests.conftest import REPO, crawl_demo_sites, rows

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("one-path") / "archive.db"
    return db, crawl_demo_sites(db)


def extract(site: str, url: str, body: bytes, *options: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "crawler", "extract", "-", "--url", url, "--site", site, *options],
        input=body, cwd=REPO, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return json.loads(proc.stdout)


def test_extract_gives_the_crawls_record_for_every_demo_article(crawled):
    db, resources = crawled
    columns = list(ArticleRecord.columns())
    stored = rows(db, f"select {', '.join('a.' + c for c in columns)}, c.fetched_at from articles a "
                      "join captures c on c.id = a.capture_id order by a.id")
    assert len(stored) == 17                     # crawl/demo/truth.json's articles
    served_cp1251 = 0
    for row in stored:
        served = resources[row["site"]][urlsplit(row["url"]).path]
        served_cp1251 += "1251" in served.content_type.lower() or b"windows-1251" in served.body[:2000].lower()
        # what the crawl knew beside the page: when it fetched it, and how it found it (a feed's date)
        options = ["--crawl-time", row.pop("fetched_at"), "--via", row["discovered_via"]]
        if row["published_source"] == "feed":
            options += ["--discovery-date", row["published_text"]]
        record = extract(row["site"], row["url"], served.body, *options)
        for key in ("authors", "tags", "captions", "alternates"):
            record[key] = json.dumps(record[key], ensure_ascii=False)
        assert record == row, row["url"]
    assert served_cp1251 >= 1                    # the decoding path was exercised too
