"""The credited source, table-driven: the credit lines regional reprints carry, in each script."""

from __future__ import annotations

import pytest

from crawler.credits import credited_source

LEAD = "Облыс орталығында жаңа спорт кешені ашылды. Кешен 500 көрерменге арналған."
TAIL = "Ғимарат құрылысына республикалық бюджеттен қаражат бөлінді."

CASES = [
    # Kazakh "X хабарлайды", before and after the name
    (f"ҚазАқпарат хабарлайды.\n\n{LEAD}", "Kazinform"),
    (f"{LEAD} Бұл туралы Kazinform хабарлайды.\n\n{TAIL}", "Kazinform"),
    (f"Елордада жиын өтті, деп хабарлайды ҚазАқпарат тілшісі.\n\n{TAIL}", "Kazinform"),
    (f"Бұл туралы Kazinform агенттігінің тілшісі хабарлайды.\n\n{TAIL}", "Kazinform"),
    # Latin-script Kazakh (2021 alphabet and apostrophe-free spellings)
    (f"QazAqparat habarlaıdy.\n\n{LEAD}", "Kazinform"),
    (f"{LEAD}\n\n{TAIL}\n\nDerekkóz: egemen.kz", "Egemen Qazaqstan"),
    (f"{LEAD}\n\nSilteme: inform.kz", "Kazinform"),
    # labels
    (f"{LEAD}\n\n{TAIL}\n\nДереккөз: Егемен Қазақстан", "Egemen Qazaqstan"),
    (f"{LEAD}\n\nИсточник: Tengrinews.kz", "Tengrinews"),
    (f"{LEAD}\n\nСілтеме: https://www.aqtobe-zhastary.kz/article/123", "aqtobe-zhastary.kz"),
    (f"{LEAD}\n\nИсточник: пресс-служба акимата области", "пресс-служба акимата области"),
    # Russian phrases
    (f"{LEAD}\n\nПо материалам КазТАГ.", "KazTAG"),
    (f"В Актобе открыли новый парк, сообщает Zakon.kz.\n\n{TAIL}", "Zakon.kz"),
    (f"В области завершили посевную, передает корреспондент Kazinform.\n\n{TAIL}", "Kazinform"),
    (f"{LEAD}\n\nПо материалам Интерфакс-Казахстан", "Interfax-Kazakhstan"),
    # no credit
    (f"{LEAD}\n\n{TAIL}", None),
    ("", None),
    # "хабарлайды" with no agency near it is a verb, not a credit
    (f"Ауа райы туралы синоптиктер хабарлайды.\n\n{TAIL}", None),
    # a credit-looking word in the middle of a long body is not read
    (f"{LEAD}\n\n{TAIL}\n\nМаман сөзінше, Kazinform хабарлайды деп жазылған.\n\n{TAIL} Бір.\n\n{TAIL} Екі.", None),
]


@pytest.mark.parametrize("body, expected", CASES)
def test_credited_source(body, expected):
    assert credited_source(body) == expected


@pytest.mark.parametrize("html, expected", [
    ("<h1>Т</h1><p>Мәтін.</p><p><strong>Источник:</strong> «Дала хабары»</p>", "Дала хабары"),
    ('<h1>Т</h1><p>Дереккөз: <a href="https://egemen.kz/a/1">egemen.kz</a></p>', "Egemen Qazaqstan"),
    ("<p>Источник: сайт</p><h1>Т</h1><p>Мәтін.</p>", None),          # before the headline: chrome
    ("<h1>Т</h1><p>Мәтін.</p>", None),
])
def test_credit_paragraph_in_the_html(html, expected):
    # a short "Label: value" paragraph is a property line the body reader leaves out of body_text
    from crawler.credits import credited_source_in_html

    assert credited_source_in_html(html) == expected


def test_a_credit_in_the_sign_off_the_body_reader_drops_is_kept():
    """A sign-off is not the story (it leaves the body), but the source it names is the credit."""
    from crawler.process import FetchedPage, process_page, unregistered_site

    url = "https://gazeta.test/news/2024/11/23/most/"
    story = "".join(f"<p>В Талдыкоргане после ремонта открыли мост через реку Каратал, абзац {i}: движение "
                    f"по нему восстановлено в обе стороны, сообщили в городском акимате.</p>" for i in range(4))
    html = (f'<html><head><meta property="og:type" content="article"><title>Мост открыли</title></head><body>'
            f"<article><h1>Мост открыли</h1>{story}<p>По материалам КазТАГ</p></article></body></html>")
    record = process_page(FetchedPage(url=url, body=html, site=unregistered_site(url),
                                      fetched_at="2024-11-23T12:00:00+00:00"))
    assert "По материалам" not in record.body_text and "абзац 3" in record.body_text
    assert record.credited_source == "KazTAG"
