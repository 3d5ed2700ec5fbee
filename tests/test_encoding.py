"""Decoding pages: BOM, the HTTP header, the page's own declaration, each checked against the bytes."""

from __future__ import annotations

import codecs

import pytest
from scrapy.http import HtmlResponse

from crawler.encoding import Decoded, decode_html, decode_response, looks_binary

RU_TEXT = ("Жители села Акколь пожаловались на отсутствие питьевой воды. В акимате района пообещали "
           "решить проблему до конца месяца, сообщает корреспондент газеты.")
KK_TEXT = ("Ауыл әкімі жаңа мектептің құрылысы қазан айында аяқталатынын айтты. Оқушылар үшін қосымша "
           "автобус бөлінеді, ал ұстаздарға тұрғын үй беріледі. Һәр ауылда кітапхана ашылады.")


def page(text: str, meta: str | None = None, *, title_first: bool = True) -> str:
    """An article page; ``<title>`` before ``<meta charset>``, as Kazakh sites write them."""
    head_meta = f'<meta charset="{meta}">' if meta else ""
    style = "<style>" + "body{margin:0}" * 150 + "</style>"   # > 2 KB of CSS before the meta
    title = " ".join(text.split()[:3])                           # in the text's own alphabet
    head = f"<title>{title}</title>{style}{head_meta}" if title_first else f"{head_meta}<title>{title}</title>"
    return f"<!DOCTYPE html><html><head>{head}</head><body><h1>{title}</h1><p>{text}</p></body></html>"


def broken_utf8(text: str, n: int) -> bytes:
    """UTF-8 ``text`` with ``n`` stray bytes (a truncated character, pasted) spread through it."""
    raw = page(text * 5).encode("utf-8")
    step = len(raw) // (n + 1)
    for i in range(1, n + 1):
        cut = raw.index(b" ", i * step)
        raw = raw[:cut] + b"\xd0" + raw[cut:]
    return raw


CASES = [
    # id, body, Content-Type, text expected, encoding, source, replaced
    ("utf8-meta", page(KK_TEXT, "utf-8").encode(), "text/html", KK_TEXT, "utf-8", "meta", 0),
    ("utf8-no-label", page(KK_TEXT).encode(), None, KK_TEXT, "utf-8", "detected", 0),
    ("utf8-bom", codecs.BOM_UTF8 + page(RU_TEXT).encode(), "text/html; charset=windows-1251",
     RU_TEXT, "utf-8", "bom", 0),
    ("utf16-bom", page(KK_TEXT).encode("utf-16"), "text/html", KK_TEXT, "utf-16-le", "bom", 0),
    ("cp1251-header", page(RU_TEXT).encode("cp1251"), "text/html; charset=windows-1251",
     RU_TEXT, "cp1251", "header", 0),
    ("cp1251-meta-after-title", page(RU_TEXT, "windows-1251").encode("cp1251"), "text/html",
     RU_TEXT, "cp1251", "meta", 0),
    ("cp1251-meta-first", page(RU_TEXT, "windows-1251", title_first=False).encode("cp1251"), None,
     RU_TEXT, "cp1251", "meta", 0),
    ("cp1251-no-label", page(RU_TEXT * 3).encode("cp1251"), "text/html", RU_TEXT, "cp1251", "detected", 0),
    ("koi8r-header", page(RU_TEXT).encode("koi8_r"), "text/html; charset=koi8-r", RU_TEXT, "koi8-r", "header", 0),
    ("koi8r-no-label", page(RU_TEXT * 3).encode("koi8_r"), None, RU_TEXT, "koi8-r", "detected", 0),
    # The header says windows-1251 but the bytes are KOI8-R: "жИТЕЛИ" read that way; detection instead.
    ("koi8r-labelled-cp1251", page(RU_TEXT * 3).encode("koi8_r"), "text/html; charset=windows-1251",
     RU_TEXT, "koi8-r", "detected", 0),
    # Issue 15's page: <meta> says UTF-8, the bytes are windows-1251 (F1 0.06 as mojibake).
    ("meta-utf8-bytes-cp1251", page(RU_TEXT * 3, "utf-8").encode("cp1251"), "text/html",
     RU_TEXT, "cp1251", "detected", 0),
    ("header-utf8-bytes-cp1251", page(RU_TEXT * 3).encode("cp1251"), "text/html; charset=UTF-8",
     RU_TEXT, "cp1251", "detected", 0),
    # The server says windows-1251, the bytes are UTF-8: the bytes win.
    ("header-cp1251-bytes-utf8", page(KK_TEXT, "utf-8").encode(), "text/html; charset=windows-1251",
     KK_TEXT, "utf-8", "meta", 0),
    ("header-cp1251-bytes-utf8-no-meta", page(KK_TEXT).encode(), "text/html; charset=windows-1251",
     KK_TEXT, "utf-8", "detected", 0),
    # Issue 12: no charset, five invalid bytes: still UTF-8, the five bytes replaced, not mojibake.
    ("utf8-five-invalid-bytes", broken_utf8(KK_TEXT, 5), None, "құрылысы", "utf-8", "detected", 5),
    ("utf8-five-invalid-bytes-cp1251-label", broken_utf8(RU_TEXT, 5), "text/html; charset=windows-1251",
     "питьевой", "utf-8", "detected", 5),
    # Kazakh letters do not exist in windows-1251: KZ-1048 pages, labelled or not.
    ("kz1048-labelled", page(KK_TEXT * 3).encode("kz1048"), "text/html; charset=kz-1048",
     KK_TEXT, "kz1048", "header", 0),
    ("kz1048-labelled-cp1251", page(KK_TEXT * 3, "windows-1251").encode("kz1048"), None,
     KK_TEXT, "kz1048", "meta", 0),
    ("kz1048-no-label", page(KK_TEXT * 3).encode("kz1048"), None, KK_TEXT, "kz1048", "detected", 0),
    ("ascii-header", b"<html><body><p>ASCII only</p></body></html>", "text/html; charset=windows-1251",
     "ASCII only", "cp1251", "header", 0),
    ("ascii-no-label", b"<html><body><p>ASCII only</p></body></html>", None, "ASCII only", "utf-8", "fallback", 0),
    ("empty", b"", "text/html", "", "utf-8", "fallback", 0),
    ("unknown-label", page(KK_TEXT).encode(), "text/html; charset=x-no-such", KK_TEXT, "utf-8", "detected", 0),
]


@pytest.mark.parametrize("body, content_type, text, encoding, source, replaced",
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_decode_html(body, content_type, text, encoding, source, replaced):
    decoded = decode_html(body, content_type)
    assert isinstance(decoded, Decoded)
    assert text in decoded.text
    assert (decoded.encoding, decoded.source, decoded.replaced) == (encoding, source, replaced)


def test_binary_bytes_are_decoded_without_error_and_refused_as_html():
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000010") + bytes(range(256)) * 8
    decoded = decode_html(png, "text/html")
    assert decoded.source in ("detected", "fallback")
    assert looks_binary(decoded.text)


def test_decoded_is_frozen():
    with pytest.raises(AttributeError):
        decode_html(b"<p>x</p>").text = "y"


@pytest.mark.parametrize("body, header, expected_text, expected_encoding", [
    (page(RU_TEXT, "windows-1251").encode("cp1251"), "text/html; charset=windows-1251", RU_TEXT, "cp1251"),
    (page(RU_TEXT, "windows-1251").encode("cp1251"), "text/html", RU_TEXT, "cp1251"),
    (page(KK_TEXT, "utf-8").encode("utf-8"), "text/html", KK_TEXT, "utf-8"),
    (page(KK_TEXT, "utf-8").encode("utf-8"), "text/html; charset=windows-1251", KK_TEXT, "utf-8"),
    (page(RU_TEXT * 3, "utf-8").encode("cp1251"), "text/html", RU_TEXT, "cp1251"),
])
def test_decode_response(body, header, expected_text, expected_encoding):
    response = HtmlResponse("https://a.test/x/", body=body, headers={"Content-Type": header})
    text, encoding = decode_response(response)
    assert expected_text in text
    assert encoding == expected_encoding


@pytest.mark.parametrize("text, binary", [
    ("<html><body><p>Жаңа\x00 мектеп</p></body></html>", False),      # one stray NUL: HTML
    ("<html><body>" + "<p>мәтін</p>" * 300 + "</body></html>", False),
    ("\x00\x00\x00binary", True),                                    # no markup
    ("<\x00h\x00t\x00m\x00l\x00>\x00", True),                         # UTF-16 read as bytes
    ("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 10, True),
])
def test_looks_binary(text, binary):
    assert looks_binary(text) is binary


# Every Cyrillic code page the region's sites used, under every label a server or template may put
# on it (and none): the text must come out. Before the word-shape check (implausible_reason), 36 of
# these 140 readings were mojibake, e.g. windows-1251 under the ISO-8859-1 label of an Apache default.
CODE_PAGES = {"cp1251": "windows-1251", "koi8_r": "koi8-r", "koi8_u": "koi8-u", "cp866": "cp866",
              "mac_cyrillic": "x-mac-cyrillic", "iso8859_5": "iso-8859-5"}
LABELS = [*CODE_PAGES.values(), "utf-8", "iso-8859-1", "kz-1048", None]


@pytest.mark.parametrize("label", LABELS, ids=str)
@pytest.mark.parametrize("code_page", [*CODE_PAGES, "utf-8"])
@pytest.mark.parametrize("copies", [1, 3])
def test_any_label_on_any_cyrillic_code_page_gives_the_text(code_page, label, copies):
    body = page(RU_TEXT * copies).encode(code_page)
    decoded = decode_html(body, f"text/html; charset={label}" if label else None)
    assert RU_TEXT in decoded.text, (decoded.encoding, decoded.source)


@pytest.mark.parametrize("label", LABELS, ids=str)
def test_any_label_on_kz1048_gives_the_kazakh_text(label):
    body = page(KK_TEXT * 3).encode("kz1048")
    decoded = decode_html(body, f"text/html; charset={label}" if label else None)
    assert KK_TEXT in decoded.text, (decoded.encoding, decoded.source)


@pytest.mark.parametrize("text", [
    "Жители села Акколь пожаловались на перебои с водой. " * 4,
    "Ауыл әкімі бiлiм ордасының құрылысы туралы айтты (Latin i typed for і). " * 4,
    "«Қазақстан темір жолы» ҰК АҚ, ТОО «КазМунайГаз», ЖШС — 2024 ж. " * 4,
    "Пятниця, 12 березня: у Києві відкрили нову бібліотеку, ґанок і їдальню. " * 4,
    "Élève à l'école, garçon très âgé; Qazaqstan Respýblıkasy, jańa ákim. " * 4,
])
def test_real_text_is_plausible(text):
    from crawler.encoding import implausible_reason

    assert implausible_reason(text) is None


def test_the_word_patterns_are_tried_at_word_starts_and_find_what_unanchored_ones_do():
    # Anchored by a look-behind so that a long run of letters is scanned once, not once a position
    # (40,000 Latin letters took 28 s); the tokens found are the same.
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from crawler.encoding import _ACCENTED_WORD, _CYRILLIC_TOKEN, _DELIMITERS

    unanchored = (re.compile(rf"[^{_DELIMITERS}]*[\u0400-\u04ff][^{_DELIMITERS}]*"),
                  re.compile(r"[^\W\d_]*[\u00c0-\u024f][^\W\d_]*"))

    @settings(max_examples=2000, deadline=None)
    @given(st.text(alphabet="abжяЁé®«» -,.1\n", max_size=40))
    def same(text):
        assert _CYRILLIC_TOKEN.findall(text) == unanchored[0].findall(text)
        assert _ACCENTED_WORD.findall(text) == unanchored[1].findall(text)

    same()
