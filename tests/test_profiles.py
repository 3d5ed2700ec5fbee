"""Page profiles against saved pages, Fundus-style: ``fixtures/profiles/<profile>/<name>.html``
beside ``<name>.json`` (the expected record).

The pages are written for this project in each family's real markup, with the chrome real pages
put around and inside the body. Extraction gets no cms hint: the profile must be detected from
the markup alone. A fixture whose JSON has ``"raises"`` is broken beyond reading and must fail
with that exception, never another one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crawler.dates.page import choose_dates
from crawler.extract import NotAnArticle, PageError, extract_article
from crawler.extract.page import Page
from crawler.extract.profiles import PROFILES, profiles_for
from tests.conftest import shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "profiles"
BY_NAME = {p.name: p for p in PROFILES}
# Profiles of one CMS family may match each other's pages (a JNews page is a WordPress page);
# the order of PROFILES decides, and the method test checks the right one wins.
FAMILY = {"tagdiv": "wordpress", "tagdiv-cloud": "wordpress", "jnews": "wordpress", "joomla-k2": "joomla"}
ERRORS = {"NotAnArticle": NotAnArticle, "PageError": PageError}


# Conventions any CMS may print (schema.org microdata): they may match every family's pages and are
# tried last, so they only ever read pages no family profile knows.
GENERIC = {"microdata"}


def microdata_page(inside: str, *, head: str = "", after: str = "") -> str:
    """An article page of a custom platform: schema.org NewsArticle microdata around ``inside``,
    ``head`` in the <head> beside og:type, ``after`` in the <body> after the article."""
    return (f"<html><head><meta property='og:type' content='article'>{head}</head><body>"
            f"<div itemscope itemtype='https://schema.org/NewsArticle'>{inside}</div>{after}</body></html>")


def family(name: str) -> str:
    return FAMILY.get(name, name)


def load(html_path: Path) -> tuple[str, dict]:
    return html_path.read_text("utf-8"), json.loads(html_path.with_suffix(".json").read_text("utf-8"))


def fixture_pages():
    return sorted(FIXTURES.glob("*/*.html"))


def cases(readable_only: bool = False):
    out = []
    for path in fixture_pages():
        expected = json.loads(path.with_suffix(".json").read_text("utf-8"))
        if readable_only and "raises" in expected:
            continue
        out.append(pytest.param(path, id=f"{path.parent.name}/{path.stem}"))
    return out


def test_every_profile_has_a_page_and_a_broken_variant():
    names = {p.parent.name for p in fixture_pages()}
    assert names == set(BY_NAME), "a fixture folder per profile, and a profile per fixture folder"
    for name in names:
        stems = [p.stem for p in (FIXTURES / name).glob("*.html")]
        assert any("broken" in s for s in stems) and any("broken" not in s for s in stems), name
    for path in fixture_pages():
        assert path.with_suffix(".json").exists(), path


@pytest.mark.parametrize("path", cases())
def test_profile_page(path):
    html, expected = load(path)
    if "raises" in expected:
        with pytest.raises(ERRORS[expected["raises"]]):
            extract_article(html, expected["url"])
        return
    art = extract_article(html, expected["url"])
    assert art.extraction_method == f"profile:{path.parent.name}"
    assert art.title == expected["title"]
    assert art.authors == expected["authors"]
    assert art.paragraphs == expected["body_paragraphs"]
    assert art.captions == expected["captions"]
    kept = "\n".join([art.body_text, *art.captions])
    assert [s for s in expected["must_not_contain"] if s in kept] == []
    assert choose_dates(art.date_candidates).published == expected["published"]


@pytest.mark.parametrize("path", cases(readable_only=True))
def test_no_cross_detection(path):
    """No profile of another family matches the page; a same-family one only after the right one."""
    html, expected = load(path)
    page = Page(html, expected["url"])
    own = path.parent.name
    matching = [p.name for p in PROFILES if p.matches(page)]
    assert matching and matching[0] == own
    assert [n for n in matching if family(n) != family(own) and n not in GENERIC] == []


@pytest.mark.parametrize("path", cases(readable_only=True))
def test_the_cms_hint_does_not_change_the_result(path):
    """A wrong hint only changes the order profiles are tried in; detection still decides.

    (Not the "wordpress" hint on a WordPress *theme's* page: there the plain WordPress profile
    legitimately matches too, and a hint is meant to win such ties.)
    """
    html, expected = load(path)
    own = BY_NAME[path.parent.name]
    for hint in (None, "custom", "tagdiv", "dle", "bitrix", "joomla", "amp", "inform", "kazpravda", *own.cms_hints):
        art = extract_article(html, expected["url"], cms_hint=hint)
        assert art.extraction_method == f"profile:{own.name}", hint
        assert art.paragraphs == expected["body_paragraphs"], hint


def test_registry_order_and_hints():
    names = [p.name for p in PROFILES]
    assert len(names) == len(set(names))
    # The generic conventions come last: plain WordPress, AMP (whose body may be <article>), microdata.
    assert names[-3:] == ["wordpress", "amp", "microdata"]
    assert names.index("tagdiv-cloud") < names.index("tagdiv") < names.index("jnews") < names.index("wordpress")
    assert [p.name for p in profiles_for("joomla")][:2] == ["joomla-k2", "joomla"]
    assert profiles_for(None) == list(PROFILES)
    assert sorted(p.name for p in profiles_for("nonexistent")) == sorted(names)


def test_amp_profile_needs_an_amp_document():
    """The AMP body selectors include a bare <article>: without html[amp] the profile never fires."""
    html, expected = load(FIXTURES / "amp" / "mektep-kk.html")
    plain = re.sub(r"<html\b[^>]*>", '<html lang="kk">', html, count=1)
    assert not BY_NAME["amp"].matches(Page(plain, expected["url"]))


# --- real pages from ../shared/corpus (read in place, never copied) -----------------------------

def test_real_inform_kz_legacy_page():
    from w3lib.encoding import html_to_unicode

    truth = next(t for t in json.loads(shared_path("corpus", "truth.json").read_text("utf-8"))
                 if t["file"].startswith("pages/inform.kz/"))
    _, html = html_to_unicode(None, shared_path("corpus", truth["file"]).read_bytes())
    art = extract_article(html, truth["url"])
    assert art.extraction_method == "profile:inform"
    assert art.title == truth["title"]
    assert art.paragraphs[0] == truth["body_first"]
    assert art.paragraphs[-1].endswith(truth["body_last"])
    assert not any("Новости по теме" in p or "Подписывайтесь" in p for p in art.paragraphs)
    assert art.authors == ["Олеся Жуковень"]
    assert choose_dates(art.date_candidates).published == truth["date_iso_if_known"]


def test_site_profiles_do_not_fire_on_other_real_pages():
    """mk.ru, RIA-style and other real pages share BEM names with national sites: no false hit."""
    from w3lib.encoding import html_to_unicode

    truth = json.loads(shared_path("corpus", "truth.json").read_text("utf-8"))
    wp_themes = {"tagdiv", "tagdiv-cloud", "jnews", "wordpress"}
    for t in truth:
        _, html = html_to_unicode(None, shared_path("corpus", t["file"]).read_bytes())
        page = Page(html, t["url"])
        matching = {p.name for p in PROFILES if p.matches(page)} - GENERIC
        if t["file"].startswith("pages/inform.kz/"):
            assert matching == {"inform"}
        else:
            assert matching <= wp_themes, (t["file"], matching)


def test_an_empty_declared_body_is_an_article_without_text():
    """An image-only story marks an empty articleBody: the archive keeps it without text rather than
    letting another reader take the sidebar's headlines for its body."""
    sidebar = "".join(f"<li><a href='/n/{i}/'>Басқа жаңалықтың ұзын тақырыбы нөмірі {i} осында тұр</a> "
                      f"және оның қысқаша сипаттамасы бар, оқырман көп оқыды</li>" for i in range(12))
    html = microdata_page("<h1 itemprop='headline'>Фотоепизод</h1><img src='/photo.jpg'><div itemprop='articleBody'></div>",
                          after=f"<aside><h3>Көп оқылған</h3><ul>{sidebar}</ul></aside>")
    art = extract_article(html, "https://example.test/photo/")
    assert art.extraction_method == "profile:microdata"
    assert art.title == "Фотоепизод"
    assert art.body_text == ""


def test_an_empty_declared_body_followed_by_the_story_takes_the_story_in():
    """TYPO3 news pages print an empty articleBody div and the text as content elements after it;
    the image-only story above has nothing after its empty body."""
    prose = [f"{'Ауданда жаңа емхана ашылды, онда күніне үш жүз адам қабылданады. ' * 3}{i}" for i in range(3)]
    elements = "".join(f"<div id='c{i}' class='media'><p>{p}</p></div>" for i, p in enumerate(prose))
    html = microdata_page("<div class='news-detail'><h1 itemprop='headline'>Жаңа емхана</h1>"
                          f"<div class='news-text-wrap' itemprop='articleBody'> </div>{elements}</div>")
    art = extract_article(html, "https://example.test/news/5/")
    assert art.extraction_method == "profile:microdata"
    assert art.paragraphs == prose


def test_a_body_inside_a_template_element_is_never_the_story():
    """<template> content is inert: Vue themes keep a copy of the post markup there for the next story
    (biobiochile.cl: warning boxes such as "Noticia en Desarrollo" in a second .post-content)."""
    boxes = "".join(f"<div v-if='post.flag{i}' class='alert'><div>Ескерту {i}</div><div>{'Бұл мақалада ' * 12}</div></div>"
                    for i in range(6))
    html = (
        "<html><head><meta property='og:type' content='article'></head><body><article>"
        "<h1>Жүк тасушылар жиналды</h1><div class='post-content'><p>Бірінші абзац, мақаланың өзі.</p>"
        "<p>Екінші абзац, мақаланың соңы.</p></div></article>"
        f"<template v-else><article><div class='post-content'>{boxes}</div></article></template>"
        "</body></html>"
    )
    art = extract_article(html, "https://example.test/news/1/")
    assert art.extraction_method == "profile:wordpress"
    assert art.paragraphs == ["Бірінші абзац, мақаланың өзі.", "Екінші абзац, мақаланың соңы."]


def test_the_headline_printed_again_inside_the_body_is_not_a_paragraph():
    html = ("<html><head><meta property='og:type' content='article'></head><body><article>"
            "<h1 class='entry-title'>Ақтөбеде жаңа мектеп ашылды</h1><div class='entry-content'>"
            "<h2>Ақтөбеде жаңа мектеп ашылды</h2><p>Мектеп 1 200 оқушыға арналған, құрылысы екі жылға созылды.</p>"
            "<p>Ақтөбеде жаңа мектеп ашылды</p></div></article></body></html>")
    art = extract_article(html, "https://example.test/news/2/")
    assert art.extraction_method == "profile:wordpress"
    # the first line only: the same words later in the text are the author's to repeat
    assert art.paragraphs == ["Мектеп 1 200 оқушыға арналған, құрылысы екі жылға созылды.",
                              "Ақтөбеде жаңа мектеп ашылды"]


def test_the_headline_printed_again_under_a_standfirst_is_dropped_too():
    """The body's own first line is the one compared with the headline: a standfirst read from
    outside the body goes first only afterwards, so it cannot shield the repeated headline."""
    html = microdata_page("<h1 itemprop='headline'>Ақтөбеде жаңа мектеп ашылды</h1>"
                          "<p itemprop='description'>Облыс орталығында 1 200 орындық мектеп пайдалануға берілді.</p>"
                          "<div itemprop='articleBody'><p>Ақтөбеде жаңа мектеп ашылды</p>"
                          "<p>Мектеп 1 200 оқушыға арналған, құрылысы екі жылға созылды.</p></div>")
    art = extract_article(html, "https://example.test/news/3/")
    assert art.extraction_method == "profile:microdata"
    assert art.paragraphs == ["Облыс орталығында 1 200 орындық мектеп пайдалануға берілді.",
                              "Мектеп 1 200 оқушыға арналған, құрылысы екі жылға созылды."]


def test_linked_paragraphs_to_the_site_itself_are_related_articles_and_to_others_are_sources():
    """The page's own host (www. or not) tells "read also" runs from a list of sources."""
    own = "".join(f"<p><a href='https://www.example.kz/news/{i}/'>Басқа жаңалық {i}</a></p>" for i in range(3))
    sources = ("<p><a href='https://adilet.zan.kz/rus/docs/P2400000123'>adilet.zan.kz</a></p>"
               "<p><a href='https://stat.gov.kz/ru/news/'>stat.gov.kz</a></p>")
    html = ("<html><head><meta property='og:type' content='article'></head><body><article>"
            "<h1 class='entry-title'>Жол жөндеу басталды</h1><div class='entry-content'>"
            "<p>Қалада жол жөндеу жұмыстары басталды, олар күзге дейін созылады.</p>"
            f"<p>Тағы оқыңыз...</p>{own}<p>Дереккөздер:</p>{sources}</div></article></body></html>")
    for url in ("https://example.kz/news/77/", "https://www.example.kz/news/77/"):
        art = extract_article(html, url)
        assert art.extraction_method == "profile:wordpress"
        assert art.paragraphs == ["Қалада жол жөндеу жұмыстары басталды, олар күзге дейін созылады.",
                                  "Дереккөздер:", "adilet.zan.kz", "stat.gov.kz"]
    # a site on a Cyrillic domain: lxml stores the page's URL percent-encoded
    cyrillic = html.replace("https://www.example.kz/", "https://жаңалық.қаз/")
    art = extract_article(cyrillic, "https://жаңалық.қаз/news/77/")
    assert art.paragraphs[0] == "Қалада жол жөндеу жұмыстары басталды, олар күзге дейін созылады."
    assert "Басқа жаңалық 0" not in art.paragraphs


# A teaser grid under no telling name: a microdata container holding one is read by trafilatura.
TEASER_GRID = ("<div class='cards'><a href='/news/1/'>Бірінші жаңалық</a> <a href='/news/2/'>Екінші жаңалық</a> "
               "<a href='/news/3/'>Үшінші жаңалық</a></div>")


def test_read_also_lines_go_before_trafilatura_reads_a_container():
    """trafilatura returns text only: the link that marks "Les også: <a>...</a>" as a pointer to
    another story is gone by then, so the line is dropped from the container first."""
    prose = "".join(f"<p>{'Ауданда жаңа емхана ашылды, онда күніне үш жүз адам қабылданады. ' * 3}{i}</p>"
                    for i in range(4))
    html = microdata_page("<h1 itemprop='headline'>Жаңа емхана</h1>"
                          f"<div itemprop='articleBody'>{prose}<p><b>Les også:</b> <a href='/kjendis/123'>Tone Damli "
                          "ofret musikkarrieren</a></p><p>Соңғы абзац: емхана тәулік бойы жұмыс істейді.</p>"
                          f"{TEASER_GRID}</div>")
    art = extract_article(html, "https://example.test/news/5/")
    assert art.extraction_method == "profile:microdata"
    assert not any("Tone Damli" in p or "жаңалық" in p for p in art.paragraphs)
    assert art.paragraphs[-1] == "Соңғы абзац: емхана тәулік бойы жұмыс істейді."


def test_lists_inside_table_cells_survive_trafilatura():
    """trafilatura keeps lists in table cells only in recall mode; old CMSs lay bodies out in
    table cells, so inside a profile's container they are read as paragraphs."""
    prose = "".join(f"<p>{'Облыстық мәслихат сессиясында бюджет түзетулері қаралды. ' * 4}{i}</p>" for i in range(3))
    html = microdata_page("<h1 itemprop='headline'>Сессия</h1>"
                          f"<div itemprop='articleBody'><table><tr><td>{prose}<p>Күн тәртібінде:</p>"
                          "<ul><li>бюджетті нақтылау туралы;</li><li>жер қатынастары туралы.</li></ul>"
                          "<p>Сессия жұмысы кешке дейін созылды.</p></td></tr></table>"
                          "<table><tr><th>Мәселе</th><th>Шешім</th></tr>"
                          f"<tr><td>Бюджет</td><td><ul><li>Қабылданды</li></ul></td></tr></table>{TEASER_GRID}</div>")
    art = extract_article(html, "https://example.test/news/9/")
    assert art.extraction_method == "profile:microdata"
    assert not any("жаңалық" in p for p in art.paragraphs)
    # the layout table's cell is read as the section it is, not as one table row
    assert art.paragraphs[0].startswith("Облыстық мәслихат")
    assert "бюджетті нақтылау туралы;" in art.paragraphs
    assert "жер қатынастары туралы." in art.paragraphs
    assert "Сессия жұмысы кешке дейін созылды." in art.paragraphs
    # a data table stays a table, with the list in its cell
    assert any("Бюджет" in p and "Қабылданды" in p for p in art.paragraphs)


def test_microdata_reads_the_standfirst_that_repeats_the_description():
    lead = "Облыста биыл он екі жаңа мектеп салынады, оның үшеуі қыркүйекте ашылады деп хабарлады әкімдік."
    prose = "".join(f"<p>{'Мектептердің құрылысы жоспар бойынша жүріп жатыр, мердігерлер анықталды. ' * 3}{i}</p>"
                    for i in range(3))
    html = microdata_page("<h1 itemprop='headline'>Жаңа мектептер</h1>"
                          f"<div class='article-lead'>{lead}</div><div itemprop='articleBody'>{prose}</div>",
                          head=f"<meta name='description' content='{lead}'>")
    art = extract_article(html, "https://example.test/news/6/")
    assert art.extraction_method == "profile:microdata"
    assert art.paragraphs[0] == lead
    assert len(art.paragraphs) == 4


def test_microdata_containers_lose_what_trafilaturas_rules_name_and_keep_the_story():
    """A custom platform's articleBody with an ad label, a consent placeholder, a fact box, a
    teaser article, previous/next links and a live blog stamp: read block by block after
    trafilatura's discard rules, with the story's subheading and product heading kept."""
    para = "Қалалық әкімдік жаңа саябақтың құрылысын аяқтады, оны тұрғындар жексенбіде көре алады. "
    html = microdata_page(
            "<h1 itemprop='headline'>Жаңа саябақ</h1>"
            f"<div itemprop='articleBody'><p>{para}1</p><div class='ad-label'>Жарнама берушінің белгісі</div>"
            "<div class='consent-placeholder'><p>Бейнені көру үшін келісіміңіз керек.</p></div>"
            f"<h2>Саябақта не бар</h2><p>{para}2</p>"
            "<aside class='factbox'><h3>Анықтама</h3><p>Қалада барлығы он екі саябақ бар.</p></aside>"
            "<div class='entry-info'><time datetime='2024-08-05T20:42'>20:42</time><mark>МАҢЫЗДЫ</mark></div>"
            f"<h3><a href='https://shop.example.com/bench'>Ақылды орындық</a></h3><p>{para}3</p>"
            "<article><h3><a href='/news/77/'>Басқа жаңалық</a></h3><p>Қысқа сипаттама.</p></article>"
            "<div class='article_details_prev_next'><a href='/news/76/'></a><span>Алдыңғы жаңалық</span>"
            "<a href='/news/78/'></a><span>Келесі жаңалық</span></div></div>")
    art = extract_article(html, "https://example.test/news/77/")
    assert art.extraction_method == "profile:microdata"
    assert art.paragraphs == [f"{para}1", "Саябақта не бар", f"{para}2", "Ақылды орындық", f"{para}3"]
