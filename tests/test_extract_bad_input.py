"""Bad input: a clear error or a logged skip, never a crash."""

from __future__ import annotations

import pytest

from crawler.extract import NotAnArticle, PageError, extract_article
from crawler.language import detect_language

ARTICLE = """<html lang="ru-RU"><head><title>Жаңа мектеп ашылды - Газет</title>
<meta property="og:type" content="article"><meta property="article:published_time" content="2024-11-23T11:42:00+05:00">
</head><body><div class="td-post-header"><h1 class="entry-title">Жаңа мектеп ашылды</h1></div>
<div class="td-post-content"><p>Бірінші абзац мәтіні.</p><div class="td-a-rec">- Advertisment -</div>
<p>Екінші абзац мәтіні.</p><p>Тағы оқыңыз: Басқа жаңалық</p><p>&nbsp;</p></div></body></html>"""


def test_well_formed_reference_page():
    art = extract_article(ARTICLE, "https://a.test/2024/11/23/x/")
    assert art.paragraphs == ["Бірінші абзац мәтіні.", "Екінші абзац мәтіні."]


@pytest.mark.parametrize("html", ["", "   ", "\x00\x00\x00binary", "<html><head><title>cut"])
def test_empty_binary_or_truncated_documents_raise_page_error(html):
    with pytest.raises(PageError):
        extract_article(html, "https://a.test/x/")


def test_malformed_markup_keeps_all_paragraphs():
    broken = ARTICLE.replace("</p><div", "<div").replace("<p>Екінші", "</span><p><b>Екінші").replace("</div></body>", "")
    art = extract_article(broken, "https://a.test/x/")
    assert "Бірінші абзац мәтіні." in art.body_text and "Екінші абзац мәтіні." in art.body_text
    assert "Advertisment" not in art.body_text and "Тағы оқыңыз" not in art.body_text


def test_page_without_article_signals_or_body_is_not_an_article():
    html = "<html><head><title>Байланыс</title><meta property='og:type' content='website'></head><body><p>Тел: 8 727 000 00 00</p></body></html>"
    with pytest.raises(NotAnArticle):
        extract_article(html, "https://a.test/baylanys/")


def test_missing_title_everywhere_is_not_an_article():
    html = "<html><head><meta property='og:type' content='article'></head><body><div class='td-post-content'><p>мәтін</p></div></body></html>"
    with pytest.raises(NotAnArticle):
        extract_article(html, "https://a.test/x/")


def test_huge_page_is_handled():
    para = "<p>" + "Ұзын мәтін. " * 50 + "</p>"
    html = ARTICLE.replace("<p>Бірінші абзац мәтіні.</p>", para * 5000)  # ~3 MB
    art = extract_article(html, "https://a.test/x/")
    assert len(art.paragraphs) == 5001


def test_malformed_and_non_web_links_are_kept_not_fatal():
    """A broken IPv6 URL makes urlsplit raise; mailto:/javascript: links are no site's pages: lines
    and lists of them are never taken for "related articles"."""
    links = ("<p><a href='http://[abc/'>Бұзық сілтеме</a></p><p><a href='javascript:void(0)'>Түйме</a></p>"
             "<ul><li><a href='mailto:info@akimat.kz'>info@akimat.kz</a></li><li><a href='tel:+77172'>+7 7172</a></li></ul>")
    html = ARTICLE.replace("<p>Бірінші абзац мәтіні.</p>", "<p>Бірінші абзац мәтіні.</p>" + links)
    art = extract_article(html, "https://a.test/x/")
    assert art.paragraphs == ["Бірінші абзац мәтіні.", "Бұзық сілтеме", "Түйме", "info@akimat.kz", "+7 7172",
                              "Екінші абзац мәтіні."]


def test_broken_json_ld_is_ignored_not_fatal():
    html = ARTICLE.replace("</head>", '<script type="application/ld+json">{"@type": "NewsArticle", </script></head>')
    assert extract_article(html, "https://a.test/x/").title == "Жаңа мектеп ашылды"


def test_xhtml_with_xml_declaration():
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + ARTICLE
    assert extract_article(html, "https://a.test/x/").title == "Жаңа мектеп ашылды"


@pytest.mark.parametrize("text, expected", [
    ("Алматы облысында ауыл әкімдерінің алғашқы форумы өтті. Іс-шара партиясының бастамасымен ұйымдастырылды.", "kk"),
    ("В Илийском районе завершили газификацию трёх сёл, природный газ подключат к домам.", "ru"),
    ("Aqtóbe oblysynda jańa mektep ashyldy. Ákimdik bıyl úsh nysandy paıdalanýǵa berdi.", "kk-Latn"),
    ("The council approved the new budget for road repairs in the region this week.", "en"),
    ("12 345", None),
])
def test_language_from_the_text_not_the_page_declaration(text, expected):
    assert detect_language(text) == expected


def test_unspaced_cjk_prose_counts_as_prose_without_metadata():
    para = "新华社北京电今天上午国务院新闻办公室举行新闻发布会介绍有关情况并回答记者提问会议指出各地要认真落实相关政策措施。"
    html = f"<html><head><title>新闻发布会</title></head><body><h1>新闻发布会</h1><div>{'<p>' + para + '</p>' * 1}" \
           f"<p>{para}</p><p>{para}</p></div></body></html>"
    art = extract_article(html, "https://news.example.cn/a/1.html")
    assert para in art.body_text


PROSE = "Облыс әкімдігінің баспасөз қызметі жаңа мектептің құрылысы туралы толық мәлімет берді. "


@pytest.mark.parametrize("tables", [
    "<table></table><table><caption>Бос</caption></table>",                      # tables with no rows
    "<table><td>жолсыз ұяшық</td><tr></tr></table>",                              # a cell outside any row
    "<table><tr><td>" * 60 + PROSE * 3 + "</td></tr></table>" * 60,               # layout tables 60 deep
    "<table><tr><th><ol><li>бір</li><li><ul><li>ішкі</li></ul></li></ol></th></tr></table>",  # nested lists in a header cell
])
def test_odd_tables_in_containers_and_on_whole_pages_are_read_not_fatal(tables):
    prose = "".join(f"<p>{PROSE * 3}{i}</p>" for i in range(3))
    for body in (f"<div itemprop='articleBody'>{prose}{tables}</div>",       # a container trafilatura reads
                 f"<div class='story'>{prose}{tables}</div>"):                # the generic fallback
        html = ("<html><head><title>Мектеп - Газет</title><meta property='og:type' content='article'></head><body>"
                f"<div itemscope itemtype='https://schema.org/NewsArticle'><h1>Мектеп</h1>{body}</div></body></html>")
        art = extract_article(html, "https://a.test/x/")
        assert f"{PROSE * 3}2".strip() in art.body_text


def test_an_extractor_failure_is_an_outcome_with_its_traceback_not_a_crash():
    """In a crawl the worker's outcome becomes a logged skip (`pages.outcome = 'extract_error'`)
    and the capture, packed in the same trip, is stored for a re-extraction."""
    import zlib
    from dataclasses import replace

    from crawler.pipelines import page_work
    from crawler.process import FetchedPage, process_page, unregistered_site
    from crawler.record import Skip

    url = "https://a.test/2024/11/23/x/"
    broken = replace(unregistered_site(url), timezone="Asia/Almati")      # a registry typo
    result = process_page(FetchedPage(url=url, body=ARTICLE, site=broken))
    assert isinstance(result, Skip) and result.outcome == "extract_error"
    assert "Almati" in result.reason and result.detail.strip().splitlines()[-1].startswith("crawler.dates.zones.UnknownZoneError")
    packed, result = page_work(FetchedPage(url=url, body=ARTICLE.encode("utf-8"), site=unregistered_site(url)), True)
    sha1, size, blob = packed
    assert zlib.decompress(blob).decode("utf-8") == ARTICLE and size == len(ARTICLE.encode("utf-8"))
    assert result.title == "Жаңа мектеп ашылды"
