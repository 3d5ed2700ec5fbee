"""`python -m crawler check`: the registry and the archive (schema version, SQLite integrity, the
full-text index against articles, run rows left open, pages rows whose article is gone), one line
per finding; exit 0, 2 (registry) or 4 (archive damaged). Archives damaged on purpose."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from crawler.storage import SCHEMA_VERSION, Archive, check_archive
from tests.conftest import REPO


def make_archive(path, n=5):
    """A small archive written the way the crawler writes: through Archive (schema, triggers)."""
    archive = Archive(path)
    archive.upsert_site({"key": "demo-jnews", "name": "d", "base_url": "https://dala-habar.test",
                         "domains": ["dala-habar.test"]})
    run = archive.start_run("demo-jnews", incremental=True)
    with archive.batch():
        for i in range(n):
            url = f"https://dala-habar.test/makala-{i}-ush-soz/"
            archive.conn.execute(
                "INSERT INTO articles (site, url, canonical_url, title, body_text, content_hash, version) "
                "VALUES ('demo-jnews', ?, ?, ?, ?, ?, 1)", (url, url, f"Тақырып {i}", f"Мәтін {i} " * 50, str(i)))
            (article_id,) = archive.conn.execute("SELECT id FROM articles WHERE url=?", (url,)).fetchone()
            archive.record_page(url, site="demo-jnews", outcome="article", article_id=article_id, crawl_run_id=run)
    archive.finish_run(run, finish_reason="finished")
    archive.close()
    return path


def check(db):
    return subprocess.run([sys.executable, "-m", "crawler", "check", "--db", str(db)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def levels(findings):
    return [level for level, _ in findings]


def test_a_sound_archive_passes_with_exit_0(tmp_path):
    db = make_archive(tmp_path / "a.db")
    findings = check_archive(db)
    assert set(levels(findings)) == {"ok"}, findings
    assert ("ok", "full-text index: 5 of 5 articles indexed") in findings
    proc = check(db)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("ok       registry: ") and all(line.startswith("ok ") for line in lines)
    assert proc.stderr == ""


def test_check_changes_nothing(tmp_path):
    db = make_archive(tmp_path / "a.db")
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    before = db.read_bytes()
    check_archive(db)
    assert db.read_bytes() == before
    assert not (tmp_path / "a.db.lock").exists()


def test_a_missing_archive_is_a_note_not_a_failure(tmp_path):
    proc = check(tmp_path / "none.db")
    assert proc.returncode == 0 and "does not exist" in proc.stdout
    assert not (tmp_path / "none.db").exists()


def _unindex_one(conn):
    conn.execute("INSERT INTO articles_fts(articles_fts, rowid, title, body_text) "
                 "SELECT 'delete', id, title, body_text FROM articles WHERE id = 2")


def _index_a_ghost(conn):
    conn.execute("INSERT INTO articles_fts(rowid, title, body_text) VALUES (999, 'ghost', 'ghost text here')")


def _orphan_pages(conn):
    conn.execute("UPDATE pages SET article_id = article_id + 1000 WHERE rowid IN (SELECT rowid FROM pages LIMIT 2)")


def _newer_schema(conn):
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def _drop_pages(conn):
    conn.execute("DROP TABLE pages")


# (damage, the damaged line's text)
DAMAGE = [
    (_unindex_one, "full-text index out of step with articles (5 articles, 4 indexed): 1 articles not indexed"),
    (_index_a_ghost, "1 index rows for articles that do not exist"),
    (_orphan_pages, "2 pages rows point at an article that does not exist"),
    (_newer_schema, f"schema version {SCHEMA_VERSION + 1} is newer than this crawler's {SCHEMA_VERSION}"),
    (_drop_pages, "not a kz-news-archive archive: no table(s) pages"),
]


@pytest.mark.parametrize("damage, message", DAMAGE, ids=[d.__name__.strip("_") for d, _ in DAMAGE])
def test_a_damaged_archive_exits_4_naming_the_damage(tmp_path, damage, message):
    db = make_archive(tmp_path / "a.db")
    conn = sqlite3.connect(db, isolation_level=None)
    damage(conn)
    conn.close()
    findings = check_archive(db)
    assert any(level == "damaged" and message in text for level, text in findings), findings
    proc = check(db)
    assert proc.returncode == 4, proc.stdout + proc.stderr
    assert any(line.startswith("damaged  archive ") and message in line for line in proc.stdout.splitlines())
    assert "Traceback" not in proc.stderr


def test_corrupt_pages_in_the_file_fail_sqlites_integrity_check(tmp_path):
    db = make_archive(tmp_path / "a.db", n=300)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    assert os.path.getsize(db) > 12 * page_size
    with open(db, "r+b") as f:              # three b-tree pages past the schema page overwritten
        f.seek(4 * page_size)
        f.write(b"\xff" * 3 * page_size)
    findings = check_archive(db)
    # SQLite's integrity check names the damage, or the damage stops the check's first read (which
    # page the overwrite hits depends on the schema's size): damaged either way, never "ok"
    assert any(level == "damaged" and (text.startswith("SQLite integrity check: ") or "malformed" in text)
               for level, text in findings), findings
    proc = check(db)
    assert proc.returncode == 4 and "Traceback" not in proc.stderr


def test_a_file_that_is_not_sqlite(tmp_path):
    db = tmp_path / "a.db"
    db.write_bytes(b"not a database at all " * 200)
    proc = check(db)
    assert proc.returncode == 4
    assert "cannot read it as SQLite: file is not a database" in proc.stdout


def test_older_schema_and_open_run_rows_are_notes(tmp_path):
    db = make_archive(tmp_path / "a.db")
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.execute("INSERT INTO crawl_runs (site, kind, started_at) VALUES ('demo-jnews', 'crawl', '2025-01-01T00:00:00')")
    conn.close()
    findings = check_archive(db)
    notes = [text for level, text in findings if level == "note"]
    assert len(notes) == 2 and "the next crawl or reextract upgrades it" in notes[0]
    assert "was left open by a run that was killed" in notes[1]
    assert "damaged" not in levels(findings)
    # while a run holds the writer lock, an open run row is that run's (acquiring closed the old one)
    holder = Archive.acquire(db)
    try:
        holder.start_run("demo-jnews", incremental=True)
        findings = check_archive(db)
        notes = [t for level, t in findings if level == "note"]
        assert len(notes) == 1 and "is open: a run is writing the archive now" in notes[0], findings
    finally:
        holder.release()
