"""The archive: idempotent writes, versions, duplicates, FTS, captures. Real SQLite files."""

from __future__ import annotations

import sqlite3

import pytest

from crawler.record import ArticleRecord
from crawler.storage import Archive, content_hash
from tests.conftest import rows


def record(**over):
    base = {
        "site": "demo-tagdiv", "url": "https://a.test/2024/11/23/x/", "canonical_url": "https://a.test/2024/11/23/x/",
        "title": "Ауыл әкімдерінің форумы", "published": "2024-11-23T11:42:00+05:00", "language": "kk",
        "authors": ["Гүлмира Сәрсенбаева"], "body_text": "Бірінші абзац.\n\nАуылдарындағы мәселелер талқыланды.",
        "body_html": "<p>Бірінші абзац.</p>", "extraction_method": "profile:tagdiv",
    }
    base.update(over)
    return ArticleRecord(**base)


@pytest.fixture
def archive(tmp_path):
    a = Archive(tmp_path / "a.db")
    a.upsert_site({"key": "demo-tagdiv", "name": "demo", "base_url": "https://a.test", "domains": ["a.test"]})
    yield a
    a.close()


def test_same_article_twice_changes_only_last_seen(archive, tmp_path):
    assert archive.store_article(record(), seen_at="2024-11-24T00:00:00+00:00")[0] == "new"
    assert archive.store_article(record(), seen_at="2024-11-25T00:00:00+00:00")[0] == "unchanged"
    archive.commit()
    got = rows(tmp_path / "a.db", "select first_seen, last_seen, version from articles")
    assert got == [{"first_seen": "2024-11-24T00:00:00+00:00", "last_seen": "2024-11-25T00:00:00+00:00", "version": 1}]


def test_last_seen_never_moves_back_and_a_reextraction_is_no_sighting(archive, tmp_path):
    t1, t2, t3 = "2024-11-24T00:00:00+00:00", "2024-11-25T00:00:00+00:00", "2024-11-26T00:00:00+00:00"
    archive.store_article(record(), seen_at=t2)
    assert archive.store_article(record(), seen_at=t1)[0] == "unchanged"     # a late, older capture
    assert archive.store_article(record(), seen_at=t3, sighting=False)[0] == "unchanged"
    archive.commit()
    assert rows(tmp_path / "a.db", "select last_seen from articles") == [{"last_seen": t2}]
    # a re-extraction that changes the text: a new version, still no sighting
    assert archive.store_article(record(body_text="Жаңа мәтін."), seen_at=t3, sighting=False)[0] == "changed"
    archive.commit()
    assert rows(tmp_path / "a.db", "select last_seen, version from articles") == [{"last_seen": t2, "version": 2}]


def test_a_page_outcome_from_a_reextraction_counts_no_fetch(archive, tmp_path):
    archive.record_page("https://a.test/x/", site="demo-tagdiv", outcome="not_article", http_status=200,
                        when="2024-11-24T00:00:00+00:00")
    archive.record_page("https://a.test/x/", site="demo-tagdiv", outcome="article", http_status=None,
                        article_id=5, when="2024-11-26T00:00:00+00:00", fetched=False)
    archive.commit()
    assert rows(tmp_path / "a.db", "select outcome, article_id, http_status, fetch_count, last_fetched from pages") == [
        {"outcome": "article", "article_id": 5, "http_status": 200, "fetch_count": 1,
         "last_fetched": "2024-11-24T00:00:00+00:00"}]


def test_changed_text_becomes_a_new_version_and_keeps_the_old(archive, tmp_path):
    archive.store_article(record())
    outcome, art_id = archive.store_article(record(body_text="Түзетілген мәтін."))
    archive.commit()
    assert outcome == "changed"
    assert rows(tmp_path / "a.db", "select version, body_text from articles") == [
        {"version": 2, "body_text": "Түзетілген мәтін."}]
    old = rows(tmp_path / "a.db", "select article_id, version, body_text from article_versions")
    assert old == [{"article_id": art_id, "version": 1, "body_text": record().body_text}]


def test_same_text_under_another_url_of_the_same_site_is_a_duplicate(archive, tmp_path):
    archive.store_article(record())
    outcome, _ = archive.store_article(record(url="https://a.test/amp/x/", canonical_url="https://a.test/amp/x/"))
    archive.commit()
    assert outcome == "duplicate"
    assert rows(tmp_path / "a.db", "select count(*) n from articles") == [{"n": 1}]


def test_full_text_search_finds_kazakh_word_forms(archive, tmp_path):
    archive.store_article(record())
    archive.commit()
    # Trigram FTS matches inside agglutinated words: "ауыл" inside "Ауылдарындағы".
    hits = rows(tmp_path / "a.db",
                "select a.title from articles a join articles_fts f on f.rowid = a.id where articles_fts match ?",
                ('"ауыл"',))
    assert hits == [{"title": "Ауыл әкімдерінің форумы"}]


def test_fts_stays_in_sync_on_update(archive, tmp_path):
    archive.store_article(record())
    archive.store_article(record(body_text="Жаңартылған газификация мәтіні."))
    archive.commit()
    count = lambda q: rows(tmp_path / "a.db", "select count(*) n from articles_fts where articles_fts match ?", (q,))[0]["n"]  # noqa: E731
    assert count('"газификация"') == 1
    assert count('"Бірінші"') == 0


def test_capture_round_trip_and_dedup(archive):
    html = "<html><body><p>Сәлем</p></body></html>"
    a = archive.store_capture(url="https://a.test/x/", html=html, encoding="utf-8", status=200, fetched_at="t")
    b = archive.store_capture(url="https://a.test/x/", html=html, encoding="utf-8", status=200, fetched_at="t2")
    assert a == b
    assert archive.capture_html(a) == html


def test_schema_is_wal_and_has_the_documented_columns(archive, tmp_path):
    archive.commit()
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    cols = {r[1] for r in conn.execute("pragma table_info(articles)")}
    assert {"id", "site", "url", "canonical_url", "title", "published", "published_text", "published_source",
            "language", "body_text", "body_html", "authors", "content_hash", "first_seen", "last_seen",
            "extraction_method"} <= cols
    assert {"sites", "articles", "crawl_runs", "pages", "captures", "article_versions", "articles_fts"} <= {
        r[0] for r in conn.execute("select name from sqlite_master where type='table'")}


def test_content_hash_ignores_whitespace_only():
    assert content_hash("A", "b  c\n\nd") == content_hash("A", "b c d")
    assert content_hash("A", "b c") != content_hash("A", "b d")


def test_reopening_an_existing_archive_keeps_rows(tmp_path):
    a = Archive(tmp_path / "b.db")
    a.upsert_site({"key": "demo-tagdiv", "name": "d", "base_url": "https://a.test", "domains": ["a.test"]})
    a.store_article(record())
    a.close()
    b = Archive(tmp_path / "b.db")
    assert b.conn.execute("select count(*) from articles").fetchone()[0] == 1
    b.close()


def test_an_archive_from_before_reextraction_gets_run_kinds(tmp_path):
    a = Archive(tmp_path / "old.db")
    a.upsert_site({"key": "demo-tagdiv", "name": "demo", "base_url": "https://a.test", "domains": ["a.test"]})
    a.start_run("demo-tagdiv", incremental=True)
    a.conn.execute("ALTER TABLE crawl_runs DROP COLUMN kind")     # as schema version 1 wrote it
    a.close()
    a = Archive(tmp_path / "old.db")
    a.start_run("demo-tagdiv", incremental=False, kind="reextract")
    a.close()
    assert [r["kind"] for r in rows(tmp_path / "old.db", "select kind from crawl_runs order by id")] == ["crawl", "reextract"]


def test_a_record_field_added_since_an_archive_was_written_becomes_its_column(tmp_path):
    """Adding a field to ArticleRecord is the field plus this migration: an older archive gets
    the column on open, its rows keep their values, and new rows fill it."""
    a = Archive(tmp_path / "old.db")
    a.upsert_site({"key": "demo-tagdiv", "name": "demo", "base_url": "https://a.test", "domains": ["a.test"]})
    a.store_article(record())
    a.conn.execute("ALTER TABLE articles DROP COLUMN html_lang")     # as an archive written before the field
    a.close()
    a = Archive(tmp_path / "old.db")
    a.store_article(record(url="https://a.test/y/", canonical_url="https://a.test/y/", html_lang="kk-KZ",
                           body_text="Басқа мәтін."))
    a.close()
    assert rows(tmp_path / "old.db", "select canonical_url, html_lang, title from articles order by id") == [
        {"canonical_url": "https://a.test/2024/11/23/x/", "html_lang": None, "title": "Ауыл әкімдерінің форумы"},
        {"canonical_url": "https://a.test/y/", "html_lang": "kk-KZ", "title": "Ауыл әкімдерінің форумы"}]


def fts_ids(db, word: str) -> list[int]:
    return [r["rowid"] for r in rows(db, "select rowid from articles_fts where articles_fts match ? order by rowid", (word,))]


def fts_intact(db) -> None:
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")   # raises when broken
    conn.close()


def test_a_batch_indexes_its_articles_once_it_commits_and_the_index_stays_whole(archive, tmp_path):
    """New, changed, duplicate and re-seen articles in one batch (the insert trigger skips the
    batch's own inserts; they are indexed in one statement before the batch commits)."""
    for i in range(3):
        archive.store_article(record(url=f"https://a.test/{i}/", canonical_url=f"https://a.test/{i}/",
                                     body_text=f"Ауылдарындағы жиын {i}."), seen_at="2024-11-24T00:00:00+00:00")
    archive.store_article(record(url="https://a.test/1/", canonical_url="https://a.test/1/",
                                 body_text="Қалалардағы кездесу."), seen_at="2024-11-25T00:00:00+00:00")  # changed
    archive.store_article(record(url="https://a.test/9/", canonical_url="https://a.test/9/",
                                 body_text="Ауылдарындағы жиын 0."), seen_at="2024-11-25T00:00:00+00:00")  # duplicate
    archive.store_article(record(url="https://a.test/2/", canonical_url="https://a.test/2/",
                                 body_text="Ауылдарындағы жиын 2."), seen_at="2024-11-26T00:00:00+00:00")  # unchanged
    archive.commit()
    db = tmp_path / "a.db"
    fts_intact(db)
    assert fts_ids(db, "жиын") == [1, 3] and fts_ids(db, "кездесу") == [2]
    assert rows(db, "select count(*) n from articles_fts_pending")[0]["n"] == 0


def test_whoever_else_writes_to_the_archive_keeps_the_index_right(archive, tmp_path):
    archive.store_article(record(), seen_at="2024-11-24T00:00:00+00:00")
    archive.commit()
    db = tmp_path / "a.db"
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO articles (site, url, canonical_url, title, body_text) "
                     "VALUES ('demo-tagdiv', 'https://a.test/x/', 'https://a.test/x/', 'Жаңа', 'Мектептердегі сабақ')")
        conn.execute("UPDATE articles SET body_text='Ауруханалардағы кезек' WHERE canonical_url='https://a.test/2024/11/23/x/'")
        conn.execute("UPDATE articles SET last_seen='2025-01-01' WHERE id=2")     # no new text: the index is not touched
    conn.close()
    fts_intact(db)
    assert fts_ids(db, "мектеп") == [2] and fts_ids(db, "аурухана") == [1] and fts_ids(db, "мәселе") == []


def test_an_archive_with_the_old_triggers_or_a_crashed_batch_is_mended_on_open(tmp_path):
    a = Archive(tmp_path / "old.db")
    a.upsert_site({"key": "demo-tagdiv", "name": "demo", "base_url": "https://a.test", "domains": ["a.test"]})
    a.store_article(record(), seen_at="2024-11-24T00:00:00+00:00")
    a.commit()
    # schema version 2's triggers (sqlite-utils' own), and a batch whose process died after commit
    a.conn.execute('DROP TRIGGER "articles_ai"')
    a.conn.execute('CREATE TRIGGER "articles_ai" AFTER INSERT ON "articles" BEGIN INSERT INTO "articles_fts" '
                   '(rowid, "title", "body_text") VALUES (new.rowid, new."title", new."body_text"); END')
    a.conn.execute("INSERT INTO articles_fts_pending VALUES ('https://a.test/late/')")
    a.conn.execute("DROP TRIGGER articles_ai")     # the late row went in without the trigger
    a.conn.execute("INSERT INTO articles (site, url, canonical_url, title, body_text) "
                   "VALUES ('demo-tagdiv', 'https://a.test/late/', 'https://a.test/late/', 'Кеш', 'Кешікken мәтін')")
    a.conn.execute('CREATE TRIGGER "articles_ai" AFTER INSERT ON "articles" BEGIN INSERT INTO "articles_fts" '
                   '(rowid, "title", "body_text") VALUES (new.rowid, new."title", new."body_text"); END')
    a.conn.close()
    a = Archive(tmp_path / "old.db")
    a.close()
    db = tmp_path / "old.db"
    assert "articles_fts_pending" in rows(db, "select sql from sqlite_master where name='articles_ai'")[0]["sql"]
    assert fts_ids(db, "кешік") == [2] and rows(db, "select count(*) n from articles_fts_pending")[0]["n"] == 0
    fts_intact(db)


def test_an_article_the_archive_refuses_leaves_nothing_pending(archive, tmp_path):
    with pytest.raises(sqlite3.IntegrityError):
        archive.store_article(record(canonical_url=None))           # NOT NULL: a caller's bug, raised
    archive.store_article(record(), seen_at="2024-11-24T00:00:00+00:00")
    archive.commit()
    fts_intact(tmp_path / "a.db")
    assert rows(tmp_path / "a.db", "select count(*) n from articles_fts_pending")[0]["n"] == 0
    assert fts_ids(tmp_path / "a.db", "мәселе") == [1]


@pytest.mark.parametrize("worse, gone", [
    ({"body_text": ""}, True),                                                       # a body lost: a takedown
    ({"body_text": "Бірінші абзац.".encode("utf-8").decode("cp1251") * 5}, False),   # mojibake
    ({"title": "Ауыл \ufffd\ufffdкімдерінің ф\ufffdрумы"}, False),                  # replacement characters
])
def test_a_worse_text_never_replaces_the_stored_one(archive, tmp_path, worse, gone):
    """The stored text stays current. A page that lost its body marks the article gone (and it was
    not seen alive: last_seen stays); a garbled one is a failed read, the article seen as it was."""
    assert archive.store_article(record(), seen_at="2024-11-24T00:00:00+00:00")[0] == "new"
    outcome, _ = archive.store_article(record(**worse), seen_at="2024-11-25T00:00:00+00:00")
    archive.commit()
    assert outcome == "worse_text" and archive.last_refusal
    assert bool(archive.last_gone) is gone
    assert rows(tmp_path / "a.db", "select title, body_text, version, last_seen, status, gone_at from articles") == [
        {"title": record().title, "body_text": record().body_text, "version": 1,
         "last_seen": "2024-11-24T00:00:00+00:00" if gone else "2024-11-25T00:00:00+00:00",
         "status": "gone" if gone else None, "gone_at": "2024-11-25T00:00:00+00:00" if gone else None}]
    assert rows(tmp_path / "a.db", "select count(*) n from article_versions")[0]["n"] == 0


def test_a_removal_notice_is_a_takedown_but_a_truncated_body_is_not(archive, tmp_path):
    long = "\n\n".join(f"Абзац {i}: аудан әкімдігі жаңа мектептің құрылысы туралы хабарлады." for i in range(20))
    archive.store_article(record(body_text=long), seen_at="2024-11-24T00:00:00+00:00")
    truncated = long[: len(long) // 3]       # a cut transfer or a bad read: refused, the article not gone
    assert archive.store_article(record(body_text=truncated), seen_at="2024-11-25T00:00:00+00:00")[0] == "worse_text"
    assert archive.last_gone is None
    assert archive.store_article(record(body_text="Материал редакция шешімімен алынып тасталды."),
                                 seen_at="2024-11-26T00:00:00+00:00")[0] == "worse_text"
    assert archive.last_gone.startswith("lost its body: new body is 44 characters")
    archive.commit()
    assert rows(tmp_path / "a.db", "select status, gone_at, last_seen, body_text = ? same from articles", (long,)) == [
        {"status": "gone", "gone_at": "2024-11-26T00:00:00+00:00", "last_seen": "2024-11-25T00:00:00+00:00", "same": 1}]


def test_a_much_shorter_refetch_of_a_long_article_is_refused_but_an_edit_is_not(archive, tmp_path):
    long = "\n\n".join(f"Абзац {i}: аудан әкімдігі жаңа мектептің құрылысы туралы хабарлады." for i in range(20))
    archive.store_article(record(body_text=long))
    assert archive.store_article(record(body_text=long.split("\n\n")[0]))[0] == "worse_text"
    edited = long.replace("Абзац 3:", "Абзац үш:") + "\n\nТүзету: күні өзгертілді."
    assert archive.store_article(record(body_text=edited))[0] == "changed"


def _segments_written(db, table: str) -> int:
    """FTS5's count of the segments it has written to ``table`` (its structure record, rowid 10:
    a 4-byte cookie, then varints: levels, segments, write counter)."""
    conn = sqlite3.connect(db)
    try:
        blob = conn.execute(f"SELECT block FROM {table}_data WHERE id=10").fetchone()[0]
    finally:
        conn.close()
    values, value, i = [], 0, 4
    while len(values) < 3:
        value = (value << 7) | (blob[i] & 0x7F)
        if blob[i] < 0x80:
            values.append(value)
            value = 0
        i += 1
    return values[2]


def test_a_batch_of_articles_goes_into_the_search_index_as_few_segments(archive, tmp_path):
    # articles_search keys sort by date: a batch fed in id order whose articles are dated newest
    # first made FTS5 write a segment per article (it flushes whenever a rowid goes down)
    for i in range(200):
        url = f"https://a.test/2024/{i}/"
        archive.store_article(record(url=url, canonical_url=url, title=f"Ауыл форумы {i}",
                                     body_text=f"Бірінші абзац {i}.\n\nАуылдарындағы мәселелер талқыланды.",
                                     published=f"2024-{12 - i // 28:02d}-{28 - i % 28:02d}T11:42:00+05:00"),
                              seen_at="2024-12-30T00:00:00+00:00")
    archive.commit()
    assert _segments_written(tmp_path / "a.db", "articles_search") < 50
    assert fts_ids(tmp_path / "a.db", "ауылдарындағы") and fts_intact(tmp_path / "a.db") is None
    # and both indexes keep a writer batch in memory until it commits (FTS5's hash size, 1 MB unless set)
    for table in ("articles_fts", "articles_search"):
        assert rows(tmp_path / "a.db", f"SELECT v FROM {table}_config WHERE k='hashsize'") == [{"v": 4 * 1024 * 1024}]
