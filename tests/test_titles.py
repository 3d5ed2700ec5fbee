"""The headline as printed: the page's only <h1> beats SEO titles; the logo h1 and pages with several h1 do not."""

from __future__ import annotations

import pytest

from crawler.extract import extract_article

PROSE = "<p>" + "Ауданда жаңа мектеп ашылды, оқушылар жаңа сыныптарда оқи бастады. " * 4 + "</p>"


def page(head: str, body: str) -> str:
    return f"<html><head>{head}<meta property='og:type' content='article'></head><body>{body}{PROSE}</body></html>"


@pytest.mark.parametrize("head, body, title", [
    # og:title is the SEO rewrite; the h1 is what readers saw
    ("<meta property='og:title' content='Мектеп ашылды: жаңалықтар, фото 2024'>",
     "<h1>Ауданда жаңа мектеп ашылды</h1>", "Ауданда жаңа мектеп ашылды"),
    # the only h1 is the site's logo: the og:title it is
    ("<meta property='og:site_name' content='Алатау таңы'><meta property='og:title' content='Жаңа мектеп'>",
     "<h1>Алатау таңы</h1>", "Жаңа мектеп"),
    # several h1 (logo and headline, or teaser titles): no sole headline, og:title it is
    ("<meta property='og:title' content='Жаңа мектеп'>", "<h1>Газет</h1><h1>Басқа</h1>", "Жаңа мектеп"),
    # no h1 at all: <title> without the site suffix
    ("<title>Жаңа мектеп ашылды | Алатау таңы</title>", "", "Жаңа мектеп ашылды"),
])
def test_title_choice(head, body, title):
    assert extract_article(page(head, body), "https://example.test/a/").title == title


@pytest.mark.parametrize("head, body, title", [
    # the sole h1 is the rubric (a menu link); <title> and the title line agree on the headline
    ("<title>Уборка урожая началась в районе</title>",
     "<a href='/rubric/agro/'>Сельское хозяйство</a><h1>Сельское хозяйство</h1>"
     "<span class='news-title'>Уборка урожая началась в районе</span>", "Уборка урожая началась в районе"),
    # a site prefix on <title>, og:title the headline with the site's suffix
    ("<title>Официальный сайт - Уборка урожая началась в районе</title>"
     "<meta property='og:site_name' content='Аудан газеті'>"
     "<meta property='og:title' content='Уборка урожая началась в районе | Аудан газеті'>",
     "<a href='/news/'>Новости</a><h1>Новости</h1>", "Уборка урожая началась в районе"),
    # the h1 is the site's tagline in the masthead; og:title and <title> are the story
    ("<title>Уборка урожая началась в районе | Аудан газеті</title>"
     "<meta property='og:title' content='Уборка урожая началась в районе'>",
     "<div class='logo'><h1>Общественно-политическая газета района</h1></div>", "Уборка урожая началась в районе"),
    # the printed headline beside its SEO rewrite: the printed one stays
    ("<title>Мектеп ашылды: жаңалықтар | Алатау таңы</title>"
     "<meta property='og:title' content='Мектеп ашылды: жаңалықтар'>",
     "<h1>Ауданда жаңа мектеп ашылды</h1>", "Ауданда жаңа мектеп ашылды"),
    # a one-word rubric that <title> repeats is no reason to leave og:title
    ("<title>News - Site</title><meta property='og:title' content='Жаңа мектеп ашылды'>",
     "<h1>News</h1><h1>Басқа</h1>", "Жаңа мектеп ашылды"),
])
def test_title_by_agreement(head, body, title):
    assert extract_article(page(head, body), "https://example.test/a/").title == title


@pytest.mark.parametrize("head, body, title", [
    # a rubric h1 no menu links to, and a <title> that states the headline beside the site's name
    ("<title>Әкім фермерлермен кездесті - Жарма аудандық газеті</title>", "<h1>Жаңалықтар</h1>",
     "Әкім фермерлермен кездесті"),
    ("<title>Официальный сайт - Аким встретился с фермерами</title>", "<h1>Сельское хозяйство</h1>",
     "Аким встретился с фермерами"),
    ("<title>Жарминский район :: Новости :: Аким встретился с фермерами</title>", "<h1>Сельское хозяйство</h1>",
     "Аким встретился с фермерами"),
    # a short headline the <title> repeats stays
    ("<title>Наурыз мейрамы - Жарма аудандық газеті</title>", "<h1>Наурыз мейрамы</h1>", "Наурыз мейрамы"),
    # a <title> that is only the site's name states no headline: the h1 stays
    ("<title>Жарма аудандық газеті</title>", "<h1>Наурыз мейрамы</h1>", "Наурыз мейрамы"),
    # an h1 the <title> words another way (greenpeace.de: "Nachhaltig leben" under "Nachhaltiger
    # leben für Klima und Umwelt | Greenpeace"): shared words, the h1 stays
    ("<title>Nachhaltiger leben für Klima und Umwelt | Greenpeace</title>", "<h1>Nachhaltig leben</h1>",
     "Nachhaltig leben"),
])
def test_a_short_rubric_h1_yields_to_the_headline_of_the_title(head, body, title):
    assert extract_article(page(head, body), "https://zharma.test/news/123").title == title


LONG_AFFIX = "<title>Аким встретился с фермерами - Официальный интернет-ресурс акимата Жарминского района</title>"


@pytest.mark.parametrize("head, body, title", [
    # the site's description is longer than the headline: the end that describes a site goes
    (LONG_AFFIX, "<h1>Новости</h1>", "Аким встретился с фермерами"),
    ("<title>Жарма аудандық қоғамдық-саяси газеті | Әкім фермерлермен кездесті</title>", "<h1>Жаңалықтар</h1>",
     "Әкім фермерлермен кездесті"),
    # both ends describe something of the kind: no telling by words, the longer segment is the headline
    ("<title>Жарма газеті - Акимат запустил новый сайт района</title>", "<h1>Новости</h1>",
     "Акимат запустил новый сайт района"),
    # a bold line above the story says which segment is the headline (table layouts print it so)...
    ("<title>Аким встретился с фермерами - Жарма кенттік хабаршысы және аудан тұрғындары</title>",
     "<h1>Новости</h1><table><tr><td><p><b>Аким встретился с фермерами</b></p></td></tr></table>",
     "Аким встретился с фермерами"),
    # the news a site says it brings counts at the end only; a rubric beside the site goes with it
    ("<title>Ауданда жаңа мектеп ашылды — Новости Казахстана и мира на сегодня</title>", "",
     "Ауданда жаңа мектеп ашылды"),
    ("<title>Хорошие новости для пенсионеров района — Жарма</title>", "", "Хорошие новости для пенсионеров района"),
    ("<title>Ауданда жаңа мектеп ашылды » Жаңалықтар » Жарма газеті</title>", "", "Ауданда жаңа мектеп ашылды"),
    ("<title>Ауданда жаңа мектеп ашылды » Жаңалықтар » zharma.test</title>", "", "Ауданда жаңа мектеп ашылды"),
    # an h1 that is itself the site's title box (not only inside one)
    ("<title>Ауданда жаңа мектеп ашылды | zharma.test</title>", "<h1 class='site-title'>Жарма газеті</h1>",
     "Ауданда жаңа мектеп ашылды"),
    # a closing guillemet is no separator
    ("<title>Компания «КТЖ» закупила новые вагоны - Новости</title>", "", "Компания «КТЖ» закупила новые вагоны"),
])
def test_the_site_part_of_a_title_by_its_words_and_bold_lines(head, body, title):
    assert extract_article(page(head, body), "https://zharma.test/news/123").title == title


def test_bold_lines_that_print_both_parts_of_the_title_say_nothing():
    """The site's name in bold in the header and the headline in bold above the story: no evidence
    either way, and the site's description decides (taken as evidence, the longer bold line, the
    site's name, would be the headline)."""
    body = ("<div><p><b>Официальный интернет-ресурс акимата Жарминского района</b></p></div>"
            "<table><tr><td><p><b>Аким встретился с фермерами</b></p></td></tr></table>")
    assert extract_article(page(LONG_AFFIX, body), "https://zharma.test/news/123").title == "Аким встретился с фермерами"
