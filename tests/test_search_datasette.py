"""The canned search query through Datasette's own test client: any input answers, never an error."""

import asyncio
from pathlib import Path

import pytest
import yaml

from tests.test_search import TEXTS

REPO = Path(__file__).resolve().parents[1]
datasette_app = pytest.importorskip("datasette.app")


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    from crawler.storage import Archive

    path = tmp_path_factory.mktemp("ds") / "archive.db"
    a = Archive(path)
    a._write()
    for i, (title, body, lang, published) in enumerate(TEXTS, 1):
        a.conn.execute("INSERT INTO articles (site, url, canonical_url, title, body_text, language, published_utc) "
                       "VALUES ('s-x', ?, ?, ?, ?, ?, ?)", (f"u{i}", f"u{i}", title, body, lang, published))
    a.close()
    metadata = yaml.safe_load((REPO / "datasette/metadata.yaml").read_text("utf-8"))
    return datasette_app.Datasette([str(path)], metadata=metadata, plugins_dir=str(REPO / "datasette/plugins"))


def search(ds, q):
    async def go():
        return await ds.client.get("/archive/search.json", params={"q": q, "_shape": "array"})
    response = asyncio.run(go())
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("q,ids", [
    ("", []), ("   ", []), ('"', []), ("'", []), ("-", []), ("*", []), ("OR", []), ("NEAR(", []),
    ("Жем-шөп", [1]), ('Жем-"шөп', [1]), ("әкім", [2]), ("Алматы", [2, 1]), ("almaty", [2, 1]),
    ("ел", [2, 1]), ("ауыл", [2, 1]), ("Қарағанды", [3]),
])
def test_canned_search(ds, q, ids):
    assert [row["id"] for row in search(ds, q)] == ids


def test_snippet_marks_the_match(ds):
    (row,) = search(ds, "ákim")
    assert "[ákimi]" in row["snippet"]


def test_the_search_page_renders_without_an_error(ds):
    async def go():
        return await ds.client.get("/archive/search", params={"q": ""})
    response = asyncio.run(go())
    assert response.status_code == 200 and "syntax error" not in response.text


def test_the_plugin_expands_prefixes_on_its_connection(ds):
    import sqlite3

    import importlib.util
    spec = importlib.util.spec_from_file_location("kz_search", REPO / "datasette/plugins/kz_search.py")
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    conn = sqlite3.connect(ds.databases["archive"].path)
    assert plugin.kz_search_match("ауыл", conn) == '{title body} : (("auil" OR "auildarindagi"))'
    assert plugin.kz_search_match("", conn) == '""'
