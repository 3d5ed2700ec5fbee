"""The generic fallback's own rules around trafilatura: the standfirst it drops and the headline it repeats."""

from __future__ import annotations

import pytest

from crawler.extract import extract_article
from crawler.extract.article import _standfirst
from crawler.extract.body import Body
from crawler.extract.generic import drop_lines_before_headline, split_story
from crawler.extract.page import Page

LEAD = "Полиция Алматы завершила расследование и направила в суд дело мужчины, который сообщил о бомбе на вокзале."
BODY = "".join(f"<p>{'Следователи изучили записи камер и звонки на линию 102. ' * 3}Абзац {i}.</p>" for i in range(4))


def page(description: str, before_h1: str = "", after_h1: str = f"<div class='newsHeading'>{LEAD}</div>") -> str:
    return (f"<html><head><meta name='description' content='{description}'>"
            "<meta property='og:type' content='article'></head><body>"
            f"{before_h1}<article><h1>Дело о ложном минировании передано в суд</h1>{after_h1}"
            f"<div class='text'>{BODY}</div></article></body></html>")


@pytest.mark.parametrize("html, expected", [
    # the description with a site suffix opens the block under the headline
    (page(LEAD + " — Казинформ."), LEAD),
    # ...the same lead split by inline markup still counts: the block's whole text is compared
    (page(LEAD, after_h1=f"<div class='lead'><b>Полиция Алматы</b> {LEAD[15:]}</div>"), LEAD),
    # a description only teased above the headline (a top-bar ticker) is no standfirst
    (page(LEAD, before_h1=f"<div class='ticker'>{LEAD}</div>", after_h1=""), None),
    # a photo whose caption repeats the description is a photo, not a standfirst
    (page(LEAD, after_h1=f"<div class='widget'><img src='/a.jpg'><span>{LEAD} Image: Agency</span></div>"), None),
    # a description too short to tell apart from any sentence
    (page("Суд"), None),
    # no description at all
    (page(""), None),
])
def test_standfirst(html, expected):
    assert _standfirst(Page(html, "https://example.test/news/1")) == expected


def test_generic_body_opens_with_the_standfirst_and_never_with_the_headline_again():
    art = extract_article(page(LEAD + " — Казинформ."), "https://example.test/news/1", use_profiles=False)
    assert art.extraction_method == "generic:trafilatura"
    assert art.paragraphs[0] == LEAD
    assert art.title not in art.paragraphs
    assert art.paragraphs[1].startswith("Следователи изучили")


def test_trafilatura_blocks_keep_the_dash_of_direct_speech_and_the_kind_of_each_block():
    """trafilatura's text output prefixes list items with "- ", the way Kazakh and Russian texts open
    direct speech; its tree tells the two apart, and names headings and quotes."""
    from crawler.extract.generic import trafilatura_body

    speech = "- Біз келдік, - деді ол. Бұл ұзын сөйлем мақаланың бір бөлігі, сондықтан оны қалдыру керек."
    html = ("<html><body><article><h1>Тақырып</h1>"
            f"<p>{speech}</p><h3>Бөлім</h3>"
            "<p>Екінші абзац мұнда ұзын мәтінмен жазылған, оқырманға арналған ақпарат бар.</p>"
            "<ul><li>бір тармақ</li><li>екі <b>тармақ</b> мұнда</li></ul>"
            "<blockquote>Дәйексөз мәтіні осында, ол да мақаланың бөлігі.</blockquote></article></body></html>")
    tree = Page(html, "https://example.test/a").tree
    blocks = trafilatura_body(tree, "https://example.test/a", "").blocks
    assert blocks == [
        ("h2", "Тақырып"),
        ("p", speech),
        ("h3", "Бөлім"),
        ("p", "Екінші абзац мұнда ұзын мәтінмен жазылған, оқырманға арналған ақпарат бар."),
        ("li", "бір тармақ"),
        ("li", "екі тармақ мұнда"),
        ("blockquote", "Дәйексөз мәтіні осында, ол да мақаланың бөлігі."),
    ]


def test_a_page_laid_out_in_a_table_is_read_as_paragraphs_not_as_one_table_row():
    """Old CMSs lay out the whole page in table cells (menu left, story right): trafilatura read the
    story's cell as one "| ... |" row holding the headline and every paragraph."""
    paragraphs = [f"{'Облыстық мәслихат сессиясында бюджет түзетулері қаралды. ' * 4}{i}" for i in range(3)]
    menu = "".join(f"<li><a href='/cat/{i}/'>Бөлім {i}</a></li>" for i in range(10))
    html = ("<html><head><title>Сессия - Газет</title><meta property='og:type' content='article'></head><body>"
            f"<table width='100%'><tr><td width='200'><ul>{menu}</ul></td><td><h1>Сессия</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "<p>Сессия жұмысы кешке дейін созылды.</p></td></tr></table></body></html>")
    art = extract_article(html, "https://example.test/news/9/")
    assert art.extraction_method == "generic:trafilatura"
    assert art.paragraphs == paragraphs + ["Сессия жұмысы кешке дейін созылды."]


PROSE = "Аудан әкімдігі жаңа мектептің құрылысы келесі жылдың күзінде толық аяқталатынын бүгін хабарлады. "


def paragraphs(n: int, tag: str) -> str:
    return "".join(f"<p>{PROSE}{tag} {i}.</p>" for i in range(n))


def test_a_story_split_around_ads_is_read_whole():
    """Magazines close the body at every ad and open a new block of the same kind (Wired): a reader
    that finds the story through the first block stopped at its end."""
    rows = "".join(f"<div class='grid grid-row'><div class='body__container article__body'>{paragraphs(3, part)}</div>"
                   f"<div class='ad-rail'>Жарнама</div></div>" for part in ("бірінші", "екінші", "үшінші"))
    html = ("<html><head><title>Мектеп</title><meta property='og:type' content='article'></head><body>"
            f"<h1>Мектеп</h1><div class='article__chunks'>{rows}</div></body></html>")
    art = extract_article(html, "https://example.test/story/school/")
    assert art.extraction_method == "generic:trafilatura"
    assert art.paragraphs == [f"{PROSE}{part} {i}." for part in ("бірінші", "екінші", "үшінші") for i in range(3)]


@pytest.mark.parametrize("html", [
    # a blog's index: one post per <article>, each read on its own page
    "".join(f"<article class='post'><h2>Жазба {k}</h2><div class='entry-content'>{paragraphs(3, str(k))}</div></article>"
            for k in range(3)),
    # teaser cards: one paragraph each
    "<div class='main'><div class='body__container'>" + paragraphs(3, "0") + "</div></div>"
    + "".join(f"<div class='main'><div class='body__container'>{paragraphs(1, str(k))}</div></div>" for k in (1, 2)),
    # a block of the same class in the footer is not the story's
    f"<main><div class='col'><div class='richtext'>{paragraphs(3, '0')}</div></div></main>"
    f"<footer><div class='row'><div class='richtext'>{paragraphs(2, '1')}</div></div></footer>",
])
def test_blocks_that_only_look_alike_are_not_a_split_story(html):
    tree = Page(f"<html><body>{html}</body></html>", "https://example.test/").tree
    read = f"{PROSE}0 0. {PROSE}0 1. {PROSE}0 2."          # the reader took the first block
    assert split_story(tree, read) is None


def test_a_story_read_whole_is_not_split():
    tree = Page("<html><body>" + "".join(f"<div class='g'><div class='body'>{paragraphs(2, str(k))}</div></div>"
                                           for k in range(2)) + "</body></html>", "https://example.test/").tree
    assert split_story(tree, " ".join(f"{PROSE}{k} {i}." for k in range(2) for i in range(2))) is None
    assert [len(b) for b in split_story(tree, f"{PROSE}0 0. {PROSE}0 1.")] == [2, 2]


def test_a_kazakh_article_declared_russian_is_kazakh_in_the_record():
    """Kazakh sites (WordPress with Yoast) print ru_RU on Kazakh articles. trafilatura gets no
    ``target_language`` (without a text model installed it trusts og:locale and would discard the
    page); the record's language is read from the text, the declaration kept beside it."""
    from crawler.process import FetchedPage, process_page, unregistered_site

    html = ("<html lang='ru-RU'><head><title>Мектеп - Газет</title><meta property='og:locale' content='ru_RU'>"
            "<meta property='og:type' content='article'></head><body><article><h1>Мектеп</h1>"
            + "".join(f"<p>{PROSE}{i}</p>" for i in range(5)) + "</article></body></html>")
    url = "https://example.test/mektep/"
    record = process_page(FetchedPage(url=url, body=html, site=unregistered_site(url)))
    assert record.extraction_method == "generic:trafilatura" and len(record.blocks) == 5
    assert (record.language, record.html_lang) == ("kk", "ru-RU")

STORY = "".join(f"<p>{'Облыс әкімдігі жаңа мектептің құрылысы туралы хабарлады, жұмыс кестеге сай жүріп жатыр. ' * 2}{i}</p>"
                for i in range(4))


@pytest.mark.parametrize("section", [
    # a theme's own name for the section, the rules and log-in prompt in it, the form inside
    "<div class='all_comments'><form action='/add_comment'><div class='rules'>"
    "<p>Пікірлер модератор тексергеннен кейін жарияланады. Заңға қайшы, балағат сөздер мен жарнамасы бар "
    "пікірлер жойылады, әкімшілік жауап бермейді.</p></div><textarea name='text'></textarea></form></div>",
    # a form with a text box, whatever it is called
    "<form id='f1'><p>Ваше сообщение будет опубликовано после проверки модератором. Администрация сайта "
    "оставляет за собой право удалять любые сообщения без объяснения причин.</p><textarea></textarea></form>",
    # a comment system named by its class, without a form of its own
    "<div id='disqus_thread'><p>Commenting rules: be civil, stay on topic, no advertising and no links to "
    "other sites; moderators remove what breaks them without notice.</p></div>",
])
def test_lines_read_from_a_comment_section_leave_the_generic_body(section):
    """What trafilatura took from a comment section goes; the story's lines, and a line the page
    prints outside the section as well, stay."""
    from crawler.extract.body import Body
    from crawler.extract.generic import drop_comment_lines

    html = ("<html><head><meta property='og:type' content='article'></head><body><article>"
            f"<h1>Жаңа мектеп</h1>{STORY}</article>{section}</body></html>")
    tree = Page(html, "https://example.test/news/2").tree
    story = [p.text_content() for p in tree.iter("p")][:4]
    rules = [p.text_content() for p in tree.iter("p")][4]
    body = Body([("p", story[0]), ("p", story[1]), ("p", rules), ("p", story[2]), ("p", story[3])])
    drop_comment_lines(body, tree)
    assert body.paragraphs == story
    # the whole extraction never holds them either
    assert rules not in extract_article(html, "https://example.test/news/2", use_profiles=False).body_text


def test_a_live_report_named_comments_and_a_whole_page_form_are_the_story():
    """A match report's "live-match-comments" holds no form and names no comment system; an ASP.NET
    page wraps everything, the headline too, in one form."""
    from crawler.extract.generic import comment_sections

    live = Page(f"<html><body><h1>Матч</h1><div class='live-match-comments'>{STORY}</div></body></html>",
                "https://example.test/a").tree
    aspnet = Page(f"<html><body><form id='aspnetForm'><h1>Матч</h1>{STORY}<textarea></textarea></form></body></html>",
                  "https://example.test/a").tree
    assert comment_sections(live) == [] and comment_sections(aspnet) == []


FARM_STORY = ["Аким области провёл совещание с фермерами о подготовке к весенне-полевым работам в районах.",
         "Участники обсудили закуп семян, горюче-смазочных материалов и ремонт техники до начала сева."]
HEADER = ["Администрация", "АКМОЛИНСКОЙ ОБЛАСТИ", "официальный портал"]


def masthead_page(top: str = "", bottom: str = "", title: str = "Аким провёл совещание с фермерами") -> Page:
    return Page("<html><body><div class='head'>" + "".join(f"<p>{line}</p>" for line in HEADER) + top
                + f"</div><h1>{title}</h1><div class='text'>" + "".join(f"<p>{p}</p>" for p in FARM_STORY)
                + f"</div>{bottom}</body></html>", "https://example.test/news/1")


@pytest.mark.parametrize("page, blocks, kept", [
    # the site header trafilatura read as the story's opening goes, the story stays
    (masthead_page(), [("p", h) for h in HEADER] + [("p", p) for p in FARM_STORY], FARM_STORY),
    # a caption above the headline is passed over and kept (a photo may stand over the headline)
    (masthead_page(top="<figure><img src='/a.jpg'><figcaption>Фото: пресс-служба</figcaption></figure>"),
     [("figcaption", "Фото: пресс-служба"), ("p", HEADER[0]), ("p", FARM_STORY[0])],
     ["Фото: пресс-служба", FARM_STORY[0]]),
    # a line the page also prints after the headline is not known to be the header's: the walk stops
    (masthead_page(bottom=f"<footer><p>{HEADER[0]}</p></footer>"),
     [("p", h) for h in HEADER] + [("p", FARM_STORY[0])], HEADER + [FARM_STORY[0]]),
    # a line no element holds whole (trafilatura joined two) stops the walk too
    (masthead_page(), [("p", HEADER[0] + " " + HEADER[1]), ("p", FARM_STORY[0])], [HEADER[0] + " " + HEADER[1], FARM_STORY[0]]),
    # everything before the headline: the "headline" is some later repeat, nothing goes
    (masthead_page(), [("p", h) for h in HEADER], HEADER),
    # no element is the title: nothing to measure against
    (masthead_page(title="Рубрика"), [("p", h) for h in HEADER] + [("p", FARM_STORY[0])], HEADER + [FARM_STORY[0]]),
])
def test_drop_lines_before_headline(page, blocks, kept):
    body = Body(blocks=list(blocks))
    drop_lines_before_headline(body, page.tree, "Аким провёл совещание с фермерами")
    assert [text for _, text in body.blocks] == kept

