"""`python -m crawler export` and `report` on a small archive written through the crawler's own storage."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from crawler import export
from crawler.record import ArticleRecord
from crawler.storage import Archive
from tests.conftest import REPO

ARTICLES = [
    # site, day, language, title, body, authors
    ("alpha", "2024-05-01T09:00:00+05:00", "kk", "Ауыл шаруашылығы", "Бірінші абзац.\n\nЕкінші абзац.", ["Асан"]),
    ("alpha", "2024-05-02T23:30:00+05:00", "ru", "Новая школа", "Текст статьи.\n\nЧитайте также: другое", []),
    ("alpha", "2024-05-06T10:00:00+05:00", "kk-Latn", "Jańa mektep", "Mátin.", ["Aıgúl"]),
    ("beta", "2024-05-03T08:00:00+05:00", "kk", "Әкім келді", "Әкім ауылға келді.", ["Бек", "Сәуле"]),
    ("beta", None, "kk", "Күнсіз мақала", "", []),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "archive.db"
    archive = Archive(path)
    for i, (site, published, lang, title, body, authors) in enumerate(ARTICLES):
        run = archive.start_run(site, incremental=True)
        rec = ArticleRecord(site=site, url=f"https://{site}.kz/{i}", canonical_url=f"https://{site}.kz/{i}",
                            title=title, published=published, language=lang, authors=authors, tags=["t"],
                            body_text=body, body_html="".join(f"<p>{p}</p>" for p in body.split("\n\n") if p),
                            extraction_method="profile:tagdiv", discovered_via="sitemap")
        archive.store_article(rec, crawl_run_id=run)
        archive.commit()
        archive.finish_run(run, finish_reason="finished")
    archive.close()
    return path


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "crawler", *args], cwd=REPO, capture_output=True, timeout=120, **kw)


def test_columns_follow_the_record():
    names = [n for n in ArticleRecord(site="", url="", canonical_url="", title="").to_json()]
    assert export.COLUMNS[0] == "id" and export.COLUMNS[1:1 + len(names)] == names
    assert "published_utc" in export.COLUMNS and "blocks" not in export.COLUMNS


def test_formats_dispatch_through_one_table():
    assert set(export.EXPORTERS) >= {"jsonl", "csv", "parquet"}


@pytest.mark.parametrize("args,titles", [
    ([], ["Күнсіз мақала", "Ауыл шаруашылығы", "Новая школа", "Әкім келді", "Jańa mektep"]),
    (["--site", "beta"], ["Күнсіз мақала", "Әкім келді"]),
    (["--lang", "kk"], ["Күнсіз мақала", "Ауыл шаруашылығы", "Әкім келді"]),
    (["--since", "2024-05-02"], ["Новая школа", "Әкім келді", "Jańa mektep"]),
    (["--until", "2024-05-02"], ["Ауыл шаруашылығы", "Новая школа"]),
    (["--since", "2024-05-02", "--until", "2024-05-03T02:00:00+00:00"], ["Новая школа"]),
    (["--query", "әкім"], ["Әкім келді"]),
])
def test_jsonl_filters(db, args, titles):
    proc = run("export", "--format", "jsonl", "--db", str(db), *args)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["title"] for r in rows] == titles
    assert all(list(r) == export.COLUMNS for r in rows)


def test_csv_has_a_header_and_lists_as_json(db):
    proc = run("export", "--format", "csv", "--db", str(db), "--site", "beta")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
    assert list(rows[0]) == export.COLUMNS
    assert json.loads(rows[1]["authors"]) == ["Бек", "Сәуле"]


def test_parquet_in_row_groups(db, tmp_path, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(export, "PARQUET_ROW_GROUP", 2)
    out = tmp_path / "a.parquet"
    with open(out, "wb") as f:
        assert export.export(str(db), "parquet", f) == 5
    table = pq.read_table(out)
    assert table.column_names == export.COLUMNS
    assert pq.ParquetFile(out).num_row_groups == 3
    assert table.column("authors").to_pylist()[-1] == ["Aıgúl"]
    proc = run("export", "--format", "parquet", "--db", str(db), "--output", str(tmp_path / "b.parquet"))
    assert proc.returncode == 0 and b"5 articles written" in proc.stderr


def test_export_streams_off_the_cursor(db, monkeypatch):
    """Rows reach the writer one fetch at a time: the generator is consumed lazily."""
    monkeypatch.setattr(export, "FETCH", 2)
    seen = []

    def exporter(rows, out):
        for row in rows:
            seen.append(row["id"])
            if len(seen) == 2:
                return len(seen)          # stopped early: the rest is never read
        return len(seen)

    monkeypatch.setitem(export.EXPORTERS, "probe", exporter)
    assert export.export(str(db), "probe", io.BytesIO()) == 2


def test_report_text_gaps_health_and_chart(db, tmp_path):
    png, page = tmp_path / "r.png", tmp_path / "r.html"
    proc = run("report", "--db", str(db), "--png", str(png), "--html", str(page))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    alpha = out.split("beta")[0]
    assert "articles               3 (2024-05-01 .. 2024-05-06; 3 days with articles, 3 without)" in alpha
    assert "gaps                   2024-05-03..2024-05-05" in alpha
    assert "with an author         67%" in alpha
    assert "chrome leaks           1 article(s), e.g. 'Читайте также: другое'" in alpha
    beta = out.split("beta")[1]
    assert "with a date            50%" in beta and "with a body            50%" in beta
    assert "last successful crawl  20" in beta
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "data:image/png;base64," in page.read_text() and "<td>alpha</td>" in page.read_text()


def test_report_filters(db):
    out = run("report", "--db", str(db), "--site", "alpha", "--since", "2024-05-02").stdout.decode()
    assert "beta" not in out and "articles               2 " in out
    proc = run("report", "--db", str(db), "--site", "nope")
    assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1
    assert run("report", "--db", str(db), "--since", "May").returncode == 2
