"""Reading a body container into blocks: table-driven, including the markup old CMSs and broken pages produce."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.extract.body import read_body
from crawler.extract.chrome import is_chrome_paragraph


def blocks(html: str):
    return read_body(lxml.html.fragment_fromstring(html, create_parent="div")).blocks


@pytest.mark.parametrize("html, expected", [
    ("<p>Бір.</p><p>Екі.</p>", [("p", "Бір."), ("p", "Екі.")]),
    # DLE-style: text loose in a nested justify div, split at <br>
    ('<div id="n"><div style="text-align:justify">Бірінші.<br><br>Екінші.</div></div>',
     [("p", "Бірінші."), ("p", "Екінші.")]),
    # an unclosed <b> swallowing the rest of a <br>-separated body
    ("<b>Лид.<br><br>Екінші абзац.</b>", [("p", "Лид."), ("p", "Екінші абзац.")]),
    # inline markup inside a paragraph stays one paragraph
    ("<p>Ауыл <b>әкімі</b> <a href='#'>айтты</a>.</p>", [("p", "Ауыл әкімі айтты.")]),
    # loose text before and after a block
    ("Кіріспе<p>Ортасы.</p>Соңы", [("p", "Кіріспе"), ("p", "Ортасы."), ("p", "Соңы")]),
    # headings keep their level; a repeated h1 headline is not body
    ("<h1>Тақырып</h1><h2>Бөлім</h2><p>Мәтін.</p>", [("h2", "Бөлім"), ("p", "Мәтін.")]),
    # list items, and a blockquote wrapping paragraphs
    ("<ul><li>Бір</li><li>Екі</li></ul><blockquote><p>Дәйексөз.</p></blockquote>",
     [("li", "Бір"), ("li", "Екі"), ("p", "Дәйексөз.")]),
    # captions are blocks of their own kind
    ("<figure><img src=x><figcaption>Сурет: әкімдік</figcaption></figure><p>Мәтін.</p>",
     [("figcaption", "Сурет: әкімдік"), ("p", "Мәтін.")]),
    # chrome lines inside bodies are dropped, nbsp-only paragraphs too
    ("<p>Мәтін.</p><p>Тағы оқыңыз: Басқа жаңалық</p><p>Tağy oqyñyz: Basqa</p><p>&nbsp;</p>", [("p", "Мәтін.")]),
])
def test_read_body(html, expected):
    assert blocks(html) == expected


@pytest.mark.parametrize("text, chrome", [
    ("Читайте также: В Актобе открыли школу", True),
    ("Наши новости теперь в WhatsApp!", True),
    ("- Advertisment -", True),
    ("Источник: Управление сельского хозяйства Костанайской области", True),
    ("Источник в акимате сообщил, что работы завершат к осени, а подрядчик уже получил аванс.", False),
    ("Читатели газеты также отметили, что дорогу отремонтировали вовремя.", False),
    ("Telegram арнасында жарияланған мәліметке сәйкес, жол жөнделді.", False),
])
def test_chrome_phrases_match_lines_not_mentions(text, chrome):
    assert is_chrome_paragraph(text) is chrome
