"""Kazakh chrome phrases match by stem and any suffix, in every script; AMP chrome goes by markup."""

from __future__ import annotations

import pytest

from crawler.chrome import is_chrome_paragraph
from crawler.extract import extract_article


@pytest.mark.parametrize("text", [
    "Жаңалықтарды бірінші болып білгіңіз келсе, Telegram арнасына жазылыңыз",
    "Telegram-арнамызға жазылыңыздар!",
    "Каналымызға жазылыңыз",
    "Facebook парақшамызға жазылыңыз",
    "Telegram arnamyzǵa jazylyńyz",           # 2021 Latin
    "Telegram arnamyzg'a jazylyn'yz",         # 2018 apostrophes
    "Telegram арнамызга жазылыныз",           # Russian keyboard
    "Тағы оқыңыз: Алматыда жаңа мектеп",
    "Тағы оқыңыздар: Алматыда жаңа мектеп",
    "Taǵy oqyńyz: Almatyda jańa mektep",
    "Бөлісу:", "Сайттың толық нұсқасы", "Полная версия сайта", "Пікірлер",
])
def test_chrome(text):
    assert is_chrome_paragraph(text)


@pytest.mark.parametrize("text", [
    "Ол Telegram арнасына жазылды да, жаңалықтарды күн сайын оқып отырды.",   # past tense: a report
    "Тағы оқу керек деп ойлаймын, себебі бұл кітап өте жақсы жазылған.",      # infinitive: a sentence
    "Арнайы жазылған хат редакцияға жетті.",
    "Пікір білдіру үшін тұрғындар әкімдікке жиналды.",
])
def test_not_chrome(text):
    assert not is_chrome_paragraph(text)


PROSE = "Ауданда жаңа мектеп ашылды, оқушылар жаңа сыныптарда оқи бастады және мұғалімдер қуанышты. "


def test_amp_chrome_by_markup():
    html = f"""<html amp lang="kk"><head><title>Жаңа мектеп</title>
    <link rel="canonical" href="https://example.kz/news/jana-mektep/">
    <meta property="og:type" content="article"></head><body><article><h1>Жаңа мектеп ашылды</h1>
    <div class="article-body">
      <p class="byline">Автор: <a rel="author" href="/author/aigerim/">Әйгерім Серік</a></p>
      <p>{PROSE * 2}</p>
      <div class="share"><span>Бөлісу:</span><amp-social-share type="facebook"></amp-social-share>
        <amp-social-share type="telegram"></amp-social-share></div>
      <p>{PROSE}</p>
      <p><a href="https://example.kz/news/jana-mektep/">Сайттың толық нұсқасы</a></p>
    </div></article></body></html>"""
    article = extract_article(html, "https://example.kz/amp/news/jana-mektep/")
    assert article.extraction_method == "profile:amp"
    assert article.paragraphs == [(PROSE * 2).strip(), PROSE.strip()]
    for chrome in ("Әйгерім Серік", "Бөлісу", "толық нұсқасы"):
        assert chrome not in article.body_text
