"""Site-template learning: blocks repeated across a site's articles are chrome; real paragraphs are not."""

from __future__ import annotations

import pytest

from crawler.storage import Archive
from crawler.templates import SiteTemplates, block_key

PROMPT = "Біздің YouTube арнамызға жазылып, жаңалықтарды бірінші біліңіз!"


def articles(n, with_prompt=True):
    for i in range(n):
        blocks = [f"Мақала {i}: ауданда жаңа нысан ашылды, құрылысқа {100 + i} миллион теңге жұмсалды."]
        if with_prompt:
            blocks.append(PROMPT)
        yield blocks


@pytest.mark.parametrize("a, b", [
    ("Telegram арнамызға жазылыңыз", "  telegram   АРНАМЫЗҒА\u00a0жазылыңыз "),
])
def test_block_key_ignores_case_and_whitespace(a, b):
    assert block_key(a) == block_key(b)
    assert block_key(a) != block_key(a + "!")


def test_block_repeated_on_most_articles_is_chrome_after_enough_pages():
    t = SiteTemplates(min_pages=8, min_share=0.5)
    for i, blocks in enumerate(articles(10)):
        t.observe("s", blocks)
        assert t.is_chrome("s", PROMPT) == (i + 1 >= 8)
    assert not t.is_chrome("s", "Мақала 3: ауданда жаңа нысан ашылды, құрылысқа 103 миллион теңге жұмсалды.")
    assert not t.is_chrome("other-site", PROMPT)


def test_block_on_a_minority_of_articles_is_not_chrome():
    t = SiteTemplates(min_pages=8, min_share=0.5)
    for blocks in articles(9):            # the prompt on 9 articles...
        t.observe("s", blocks)
    for blocks in articles(11, with_prompt=False):   # ...of 20
        t.observe("s", blocks)
    assert not t.is_chrome("s", PROMPT)


def test_strip_keeps_order_and_reports_dropped():
    t = SiteTemplates(min_pages=2, min_share=0.5)
    for blocks in articles(3):
        t.observe("s", blocks)
    kept, dropped = t.strip("s", [("p", "Бірінші."), ("p", PROMPT), ("h2", "Екінші.")])
    assert kept == [("p", "Бірінші."), ("h2", "Екінші.")]
    assert dropped == [("p", PROMPT)]


def test_counts_persist_in_the_archive(tmp_path):
    archive = Archive(tmp_path / "a.db")
    t = SiteTemplates(min_pages=8, min_share=0.5)
    for blocks in articles(10):
        t.observe("s", blocks)
    with archive.batch() as conn:
        t.save(conn)
    archive.close()
    again = Archive(tmp_path / "a.db")
    fresh = SiteTemplates(min_pages=8, min_share=0.5)
    fresh.load(again.conn, "s")
    assert fresh.pages["s"] == 10 and fresh.is_chrome("s", PROMPT)
    again.close()
