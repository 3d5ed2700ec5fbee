"""The shared text helpers (crawler.text) and the chrome name matchers (crawler.chrome), table-driven."""

from __future__ import annotations

import re
import sys

import pytest

from crawler.chrome import COMMON_PRUNE, PAGE_CHROME_NAME, PAGE_CHROME_TAGS, STORY_BOX_NAME, prune_xpath_for
from crawler.text import clean_text, collapse_whitespace, fold, fold_text


@pytest.mark.parametrize("text, expected", [
    ("", ""),
    ("   ", ""),
    ("one", "one"),
    ("  one \t two\n\nthree  ", "one two three"),
    ("Тағы\xa0оқыңыз", "Тағы оқыңыз"),              # NBSP
    ("a\u2009b\u202fc\u3000d", "a b c d"),          # thin, narrow no-break, ideographic spaces
    ("a\x1cb\x85c", "a b c"),                       # separators str.split and re's \s both know
    ("a\u200bb", "a\u200bb"),                       # a zero-width space is not whitespace
])
def test_collapse_whitespace(text, expected):
    assert collapse_whitespace(text) == expected


def test_collapse_whitespace_is_the_regex_it_replaces():
    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\s", c))
    text = f"{spaces}a{spaces}b\xa0 c{spaces}"
    assert collapse_whitespace(text) == re.sub(r"\s+", " ", text).strip() == "a b c"


@pytest.mark.parametrize("text, expected", [
    (None, ""),
    ("", ""),
    ("  Title\xa0 here ", "Title here"),
    ("Tom &amp; Jerry", "Tom & Jerry"),
    ("&quot;Quoted&quot;\n title", '"Quoted" title'),
    ("a&nbsp;b", "a b"),                            # an entity that decodes to whitespace collapses too
])
def test_clean_text(text, expected):
    assert clean_text(text) == expected


@pytest.mark.parametrize("word, expected", [
    ("қараша", "karasha"), ("караша", "karasha"), ("ќараша", "karasha"), ("Qaraşa", "karasha"),
    ("qarasha", "karasha"), ("قاراشا", "karasha"), ("қaрaшa", "karasha"), ("Zheltoqsan", "jeltoksan"),
])
def test_fold(word, expected):
    assert fold(word) == expected


def test_fold_text_keeps_whitespace():
    assert fold_text("Тағы  оқыңыз\n") == "tagy  okynyz\n"


# (class and id text, a box inside the story?, page furniture whose dates are not the article's?)
@pytest.mark.parametrize("name, story_box, page_chrome", [
    ("jp-relatedposts", True, True),
    ("td-post-sharing share-bar", True, True),
    ("comments-area", True, True),
    ("widget widget_text", True, True),
    ("elementor-widget-container", False, False),   # Elementor wraps the story in it too
    ("author-box", True, False),                    # the meta row beside the date line
    ("post-tags", True, False),
    ("sidebar", False, True),
    ("latest-news", False, True),                   # the date stage bans it, body reading must not
    ("site-logo", False, True),
    ("twitter-tweet", False, True),                 # an embed: content in a body, its own date
    ("entry-content", False, False),
    ("td-post-date", False, False),
])
def test_chrome_names(name, story_box, page_chrome):
    assert bool(STORY_BOX_NAME.search(name)) is story_box
    assert bool(PAGE_CHROME_NAME.search(name)) is page_chrome


def test_prune_rules():
    assert {"script", "iframe", "ins"} <= set(COMMON_PRUNE)
    assert PAGE_CHROME_TAGS == {"aside", "nav"}
    assert prune_xpath_for("entry-content no-share") == []
    (xpath,) = prune_xpath_for("post sharedaddy sd-block")
    assert "' sharedaddy '" in xpath and "jp-relatedposts" not in xpath


@pytest.mark.parametrize("text", ["", "Біздің Telegram\xa0арнамызға жазылыңыз", "  A\tB\n\u2003C  ", "Ünïcode  ß"])
def test_template_block_key_is_unchanged(text):
    """Block keys are stored in archives: the key must be the one the former regex normalisation gave."""
    import hashlib

    from crawler.templates import block_key

    former = re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip().casefold()
    assert block_key(text) == hashlib.blake2b(former.encode("utf-8"), digest_size=8).hexdigest()


def test_the_fold_table_as_a_list_folds_every_character_as_the_dict_does():
    # _FOLD_TABLE is a list for speed; characters past its end must stay unmapped, as in the dict
    from crawler.text import _FOLD_DICT, _FOLD_TABLE

    every = "".join(chr(cp) for cp in range(0x110000))
    assert every.translate(_FOLD_TABLE) == every.translate(_FOLD_DICT)


_FORMER_MIXED_WORD = re.compile(r"\S*(?:[a-z]\S*[а-яёәғқңөұүһі]|[а-яёәғқңөұүһі]\S*[a-z])\S*")
_MIXED_ALPHABET = "abcxyzаеорсәіқжё ü'-.1\n\t\u00a0\u2003ЖQ"


def test_mixed_words_are_the_words_the_former_pattern_found():
    # _MIXED_WORD replaced a backtracking pattern: same words (whole words holding both scripts)
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from crawler.text import _HOMOGLYPHS, _MIXED_WORD

    def swap(match):
        return match.group().translate(_HOMOGLYPHS)

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet=_MIXED_ALPHABET, max_size=40))
    def same(text):
        assert _MIXED_WORD.sub(swap, text) == _FORMER_MIXED_WORD.sub(swap, text)

    same()
    text = "министр провёл встречу с google в астане, а oн — с кoмпанией. " * 20
    assert _MIXED_WORD.sub(swap, text) == _FORMER_MIXED_WORD.sub(swap, text)
    assert fold_text("кoмпания Google") == fold_text("компания google")
