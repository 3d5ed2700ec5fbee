"""Kazakh-aware search: the fold (real spellings in every script), safe queries, the index."""

import random
import sqlite3

import pytest

from crawler.search import find, match_expression, search_fold, search_query, snippet
from crawler.storage import SCHEMA_VERSION, Archive

# (spellings that must share one key) -- Kazakh Cyrillic, 2021 Latin, 2018 acute Latin,
# 2017 apostrophe Latin, ASCII, Russian
SAME_KEY = [
    ("Алматы", "Almaty", "Almatı", "ALMATY"),
    ("әкім", "äkim", "ákim", "a'kim", "akim"),
    ("қазақ", "qazaq", "Qazaq", "kazak"),
    ("Қарағанды", "Qarağandı", "Qaraǵandy", "Qarag'andy", "Qaraghandy", "Karagandy"),
    ("ауыл", "auıl", "aýyl", "ay'yl", "auyl"),
    ("шаһар", "şahar", "shahar", "s'ahar"),
    ("ұлттық", "ūlttıq", "ulttyq", "ulttyq"),
    ("Үштөбе", "Üştöbe", "Úshtóbe", "U'sht'o'be".replace("t'", "t"), "Ushtobe", "Уштобе"),
    ("Жезқазған", "Jezqazğan", "Jezqazǵan", "Zhezkazgan", "Жезказган"),
    ("шаруашылығы", "şaruaşılığı", "sharýashylyǵy", "sharuashylygy"),
    ("мәдениет үйі", "mädeniet üyi", "mádenıet úıi"),
    ("Қызылорда", "Qyzylorda", "Qızılorda", "Кызылорда", "Kyzylorda"),
    ("Шымкент", "Şymkent", "Shymkent", "Чимкент"),
    ("Түркістан", "Türkistan", "Túrkistan", "Туркестан", "Turkestan"),
    ("Байқоңыр", "Baiqoñyr", "Baıqońyr", "Байконур", "Baikonur"),
    ("Қостанай", "Qostanai", "Qostanaı", "Костанай", "Kostanay", "Кустанай"),
    ("Хромтау", "Hromtau", "Hromtaý", "Khromtau"),
    ("жем-шөп", "jem-şöp", "jem-shóp", "zhem-shop"),
]
# spellings that must stay apart (different names or words, see docs/search.md)
DIFFERENT = [
    ("Алматы", "Алма-Ата"), ("Семей", "Семипалатинск"), ("Орал", "Уральск"),
    ("ел", "ер"), ("ауыл", "ауа"),
]


@pytest.mark.parametrize("spellings", SAME_KEY, ids=lambda s: s[0])
def test_spellings_share_one_key(spellings):
    keys = {search_fold(s) for s in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_other_names_stay_apart(a, b):
    assert search_fold(a) != search_fold(b)


def test_quoted_word_is_not_2017_spelling():
    assert search_fold("'Almaty'") == search_fold("Almaty")


@pytest.mark.parametrize("typed", [
    "", " ", '"', '""', "'", "-", "--", "*", "OR", "AND", "NOT", "NEAR(", "a:b", "^x", "(", ")",
    "Жем-шөп", 'Жем-"шөп', "әкім OR", "OR әкім", "-әкім", "x -", "«Жайлы мектеп»", "a + b", "{title}: x",
    "ел", "2024", "№3", "тел.: +7 (7282)", "\\", "\x00", "é", "中文",
])
def test_queries_never_error(archive_with_texts, typed):
    conn = archive_with_texts.conn
    match = match_expression(typed, site="s-x", language="kk")
    if match is not None:
        conn.execute("SELECT rowid FROM articles_search WHERE articles_search MATCH ?", (match,)).fetchall()
    find(conn, typed)


def test_random_input_never_errors(archive_with_texts):
    rng = random.Random(14)
    alphabet = 'abcәкімел "\'-*():^+{}ORNOTAND ✓ıñ'
    for _ in range(500):
        typed = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        find(archive_with_texts.conn, typed)


def test_empty_query_is_no_query():
    assert search_query("") is None and search_query("  ") is None and search_query('"" -') is None


TEXTS = [   # id: title, body, language, published_utc
    ("Алматыда жаңа мектеп ашылды", "Ауылдарындағы мектептер. Жем-шөп дайындалды. Ел іші тыныш.", "kk", "2024-01-01T00:00:00+00:00"),
    ("Almatyda ákim keldi", "Aýyl ákimi men el turǵyndary kezdesti.", "kk-Latn", "2025-01-01T00:00:00+00:00"),
    ("В Караганде отремонтировали школу", "Жители Карагандинской области.", "ru", "2023-01-01T00:00:00+00:00"),
    ("Мектебіміздің жаңа ғимараты", "Электр желісі жөнделді.", "kk", "2022-01-01T00:00:00+00:00"),
]


@pytest.fixture
def archive_with_texts(tmp_path):
    a = Archive(tmp_path / "a.db")
    a._write()
    for i, (title, body, lang, published) in enumerate(TEXTS, 1):
        a.conn.execute("INSERT INTO articles (site, url, canonical_url, title, body_text, language, published_utc) "
                       "VALUES ('s-x', ?, ?, ?, ?, ?, ?)", (f"u{i}", f"u{i}", title, body, lang, published))
    a.commit()
    yield a
    try:
        a.close()
    except sqlite3.ProgrammingError:     # the test closed it
        pass


@pytest.mark.parametrize("typed,ids", [
    ("Алматы", [2, 1]), ("almaty", [2, 1]), ("әкім", [2]), ("ákim", [2]),
    ("ел", [2, 1]),                       # two letters: a whole word ("электр" is not "ел")
    ("ауыл", [2, 1]),                     # ауылдарындағы, aýyl
    ("Жем-шөп", [1]), ("жем шөп", [1]),
    ("Қарағанды", [3]), ("Караганда", [3]),   # Караганде, Карагандинской
    ("мектеп", [1, 4]),                    # мектептер, мектебіміздің
    ("школа", [3]),
    ('"жаңа мектеп"', [1]), ("мектеп -ауыл", [4]), ("әкім OR школа", [2, 3]),
])
def test_find(archive_with_texts, typed, ids):
    assert [r["id"] for r in find(archive_with_texts.conn, typed)] == ids


def test_find_filters(archive_with_texts):
    conn = archive_with_texts.conn
    assert [r["id"] for r in find(conn, "ел", language="kk")] == [2, 1]          # kk finds kk-Latn too
    assert [r["id"] for r in find(conn, "ел", language="kk-Latn")] == [2]
    assert find(conn, "ел", site="other") == []
    assert [r["id"] for r in find(conn, "ел", site="s-x", limit=1)] == [2]


def test_index_follows_updates_and_deletes(archive_with_texts):
    a = archive_with_texts
    a._write()
    a.conn.execute("UPDATE articles SET title='Астана', published_utc='2021-01-01T00:00:00+00:00' WHERE id=2")
    a.conn.execute("UPDATE articles SET last_seen='x' WHERE id=1")     # no new text: nothing queued
    a.conn.execute("DELETE FROM articles WHERE id=3")
    a.commit()
    conn = a.conn
    assert [r["id"] for r in find(conn, "Алматы")] == [1]
    assert [r["id"] for r in find(conn, "Астана")] == [2]
    assert [r["id"] for r in find(conn, "ел")] == [1, 2]                          # id 2 is older now
    assert find(conn, "школа") == []
    conn.execute("INSERT INTO articles_search(articles_search) VALUES('integrity-check')")


def test_foreign_writer_is_indexed_on_open(archive_with_texts, tmp_path):
    path = archive_with_texts.path
    archive_with_texts.close()
    conn = sqlite3.connect(path)         # another program: no kz_fold function, triggers still work
    conn.execute("INSERT INTO articles (site, url, canonical_url, title, body_text) VALUES ('s', 'u9', 'u9', 'Ақтөбе', '')")
    conn.execute("UPDATE articles SET body_text='Ауыл' WHERE id=4")
    conn.commit()
    conn.close()
    a = Archive(path)
    assert [r["id"] for r in find(a.conn, "Актобе")] == [5]
    assert [r["id"] for r in find(a.conn, "ауыл")][-1] == 4
    a.conn.execute("INSERT INTO articles_search(articles_search) VALUES('integrity-check')")
    a.close()


def test_old_archive_gets_the_index_on_open(archive_with_texts):
    a = archive_with_texts
    a.close()
    conn = sqlite3.connect(a.path)       # as a version-4 archive was
    for name in ("articles_search_ai", "articles_search_au", "articles_search_ad"):
        conn.execute(f"DROP TRIGGER {name}")
    for name in ("articles_search", "articles_search_queue", "articles_search_state"):
        conn.execute(f"DROP TABLE {name}")
    conn.execute("PRAGMA user_version=4")
    conn.commit()
    conn.close()
    b = Archive(a.path)
    assert [r["id"] for r in find(b.conn, "Алматы")] == [2, 1]
    assert b.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    b.close()


def test_snippet_marks_matches_in_any_script():
    text = "Oblys ákiminiń orynbasary Marat Jaqsylyqov jastar saıasatyn tanystyrdy."
    assert "[ákiminiń]" in snippet(text, "әкім")
    assert snippet("", "x") == "" and snippet("a b", "") == "a b"


def test_cli_search(archive_with_texts, capsys):
    from crawler.cli import main

    path = archive_with_texts.path
    archive_with_texts.close()
    assert main(["search", "әкім", "--db", str(path)]) == 0
    assert "Almatyda ákim keldi" in capsys.readouterr().out
    assert main(["search", "Жем-шөп", "--db", str(path), "--lang", "kk", "--limit", "5"]) == 0
    assert capsys.readouterr().out.count("\n") == 1
    assert main(["search", '"', "--db", str(path)]) == 0
    assert "no matches" in capsys.readouterr().err
    assert main(["search", "x", "--db", str(path) + ".missing"]) == 2


def test_the_judged_query_set_covers_what_issue_14_asks():
    import json
    from pathlib import Path

    spec = json.loads((Path(__file__).parent / "fixtures/search/queries.json").read_text("utf-8"))
    queries = spec["queries"]
    assert len(queries) >= 40 and all(q["relevant"] for q in queries)
    kinds = {q["kind"] for q in queries}
    assert {"kk", "kk-Latn", "ru", "mixed", "two-letter", "hyphen", "inflected"} <= kinds
    for q in queries:        # every query is a valid search, and the new index finds something
        assert search_query(q["query"]) is not None
