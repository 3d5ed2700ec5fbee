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
    # join our channel, read us in Telegram, the typo prompt, the comment form, a label and a credit
    "WhatsApp арнамызға қосылыңыз", "Жаңалықтарды WhatsApp арқылы алғыңыз келсе, арнамызға қосылыңыз",
    "Telegram arnamyzğa qosylyñyz", "Читайте нас в Telegram", "Join our WhatsApp channel",
    "Егер мәтінде қате тапсаңыз, оны белгілеп, Ctrl+Enter басыңыз",
    "Если вы нашли ошибку, выделите её и нажмите Ctrl+Enter",
    "ЖАУАП ҚАЛДЫРУ", "Пікіріңізді енгізіңіз!", "Тақырыпқа қатысты:", "Taqyrypqa qatysty:",
    "Фото ашық дереккөздерден алынды", "Фото из открытых источников",
])
def test_chrome(text):
    assert is_chrome_paragraph(text)


@pytest.mark.parametrize("text", [
    "Ол Telegram арнасына жазылды да, жаңалықтарды күн сайын оқып отырды.",   # past tense: a report
    "Тағы оқу керек деп ойлаймын, себебі бұл кітап өте жақсы жазылған.",      # infinitive: a sentence
    "Арнайы жазылған хат редакцияға жетті.",
    "Пікір білдіру үшін тұрғындар әкімдікке жиналды.",
    "Тақырыпқа қатысты мәселелер жиында талқыланды.",        # the label's words in a sentence
    "Ауыл тұрғындары жаңа топқа қосылды.",                    # joined: a report, not a prompt
    "Министр арнаға қосылды да, сұрақтарға жауап берді.",
    "По теме выступил аким района.",
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


@pytest.mark.parametrize("text", [
    # the comment form's title and notices, Kazakh stems in every script
    "Оставить комментарий", "Пікір қалдыру", "Пікіріңізді қалдырыңыз", "Pikir qaldyru", "Leave a reply",
    "Пікірлер модератор тексергеннен кейін жарияланады.",
    "Ваши сообщения будут опубликованы только после проверки их модератором.",
    "Комментарии модерируются. Ссылки и реклама удаляются.",
    # counters in a row, date lines, credit lines
    "0 просмотров нет комментариев", "1 284 рет оқылды 3 пікір", "Дата последнего изменения 22.06.2015 16:01",
    "Жарияланды: 12.05.2024, 10:15", "Обновлено: 12 мая 2024, 10:15", "Текст и фото: Анна Петрова", "Мәтін: Айгүл Сәрсен",
])
def test_comment_counter_date_and_credit_lines_are_chrome(text):
    assert is_chrome_paragraph(text)


@pytest.mark.parametrize("text", [
    "Опубликовано исследование, по которому 12 процентов жителей области занимаются спортом каждый день.",
    "Комментарии специалистов по поводу нового закона мы опубликуем в следующем номере газеты.",
    "Текст закона опубликован на сайте правительства, с ним может ознакомиться любой желающий.",
])
def test_sentences_with_the_same_words_stay(text):
    assert not is_chrome_paragraph(text)


@pytest.mark.parametrize("text, trailing", [
    ("При использовании материалов ссылка на сайт обязательна", True),
    ("Материал жариялауда сілтеме міндетті", True),
    ("Сайт материалдарын көшіріп басуға тыйым салынады", True),
    ("Material jarııalaýda silteme mindetti", True),     # 2018 Latin
    ("Перепечатка без согласия редакции запрещена.", True),
    ("Единственным условием перепечатки и ретрансляции является ссылка на первоисточник.", True),
    ("Пресс-служба УМВД России по Смоленской области", True),
    ("Облыс әкімдігінің баспасөз қызметі", True),
    # the wire's credit under its story is part of it (the Zyte benchmark's truth keeps it)
    ("© 2019 Associated Press. All Rights Reserved.", False),
    # sentences: attribution, a report on a press office
    ("Бұл туралы ҚазАқпарат материалдарына сілтеме жасап хабарлады.", False),
    ("Об этом сообщили в пресс-службе акимата.", False),
    ("Пресс-служба акимата сообщила, что работы завершат к концу месяца. Жителей просят потерпеть.", False),
])
def test_reprint_notices_and_sign_offs_end_a_body(text, trailing):
    from crawler.chrome import is_trailing_boilerplate

    assert is_trailing_boilerplate(text) is trailing
    assert not is_chrome_paragraph(text)        # only at a body's end (Body.drop_trailing_boilerplate)


def test_a_body_loses_its_trailing_notices_and_sign_off_but_keeps_one_in_the_middle():
    from crawler.extract.body import Body

    story = "Облыста жаңа мектеп ашылды, оқушылар жаңа сыныптарда оқи бастады."
    body = Body([("p", story), ("p", "Пресс-служба акимата области"), ("p", story + " Екінші абзац."),
                 ("p", "Пресс-служба акимата области"), ("p", "При перепечатке ссылка обязательна.")])
    body.drop_trailing_boilerplate()
    assert body.paragraphs == [story, "Пресс-служба акимата области", story + " Екінші абзац."]
    only = Body([("p", "Пресс-служба акимата области")])
    only.drop_trailing_boilerplate()
    assert only.paragraphs == ["Пресс-служба акимата области"]


@pytest.mark.parametrize("text, heading", [
    ("Ұқсас жаңалықтар", True), ("Көп оқылғандар", True), ("Ең көп оқылған", True), ("Соңғы пікірлер", True),
    ("Похожие новости", True), ("Самое популярное", True), ("Последние комментарии", True),
    ("Новости по теме", True), ("MOST POPULAR", True), ("Recent Comments", True), ("Related articles", True),
    # a story's own words, or a longer line that only begins like a list title
    ("Танымал", False), ("Самое популярное блюдо казахской кухни — бешбармак", False),
    ("Көп оқылған кітаптардың тізімі жарияланды.", False),
])
def test_list_titles_under_a_story_end_it(text, heading):
    from crawler.chrome import is_end_heading

    assert is_end_heading(text) is heading
