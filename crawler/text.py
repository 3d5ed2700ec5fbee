"""Text helpers every stage shares: whitespace collapsing and the letter fold.

One implementation of each, so the body reader, the chrome rules, the date stage and template
learning cannot drift apart on what "the same text" means.

Why a fold: Kazakh is printed in Cyrillic, in several Latin alphabets (2017 apostrophes, 2018 acutes,
2021 ``ǵ ń ı ý ú``), in the Arabic script (China, Mongolia), with Russian look-alike letters when a
keyboard lacks ``қ ә ғ`` ("караша", "акпан"), with a Latin ``i`` inside Cyrillic words ("сәуiр"), and
with old 8-bit "KZ Times" fonts that put ``ќ ѓ њ ў ї є ј`` where ``қ ғ ң ұ ү ө ә`` belong. Listing every
spelling is hopeless; instead every word, from the page *and* from the word tables (dates, chrome
phrases), goes through one :func:`fold` that maps all scripts onto a small Latin skeleton
(``қараша``, ``караша``, ``ќараша``, ``qarasha``, ``Qaraşa``, ``قاراشا`` all become ``karasha``).
Tables are written in natural spelling and folded once at import, so a table entry and the page text
can never disagree on the fold.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata

# --- whitespace ----------------------------------------------------------------------------------


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace (NBSP and the other Unicode spaces included) as one space, trimmed.

    ``str.split()`` splits at exactly the characters ``re``'s ``\\s`` matches, and split-and-join is
    3.5x faster than ``re.sub(r"\\s+", " ", text).strip()``, which gives the same string.
    """
    return " ".join(text.split())


def clean_text(text: str | None) -> str:
    """Collapse whitespace (incl. NBSP) to single spaces, decode leftover entities, trim.

    Metadata values are sometimes entity-escaped twice by the CMS ("&amp;quot;"), so the parsed
    attribute still holds "&quot;": unescape once more.
    """
    text = text or ""
    if "&" in text:
        text = html_lib.unescape(text)
    return collapse_whitespace(text)


# --- the fold ------------------------------------------------------------------------------------

_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "ї": "u", "є": "o", "ґ": "g",
    "ў": "u", "ќ": "k", "ѓ": "g", "њ": "n", "ћ": "h", "ј": "a", "ђ": "a", "ѕ": "a", "ӯ": "u",
    "ҳ": "h", "ӣ": "i",
}
# Latin letters whose Kazakh/Turkish/Uzbek value differs from "strip the accent".
_LATIN = {
    "q": "k", "w": "u", "ý": "u", "ı": "i", "ş": "sh", "ș": "sh", "š": "sh", "ç": "ch", "č": "ch",
    "ǵ": "g", "ğ": "g", "ń": "n", "ñ": "n", "ə": "a", "ß": "ss", "'": "", "’": "", "ʼ": "", "ʻ": "",
}
# Arabic-script Kazakh (төте жазу): ع writes ғ, ۋ writes у/в, ى writes ы/і; the hamza ٴ only marks a
# front-vowel word and is dropped.
_ARABIC = {
    "ا": "a", "ٵ": "a", "ب": "b", "پ": "p", "ت": "t", "ج": "j", "چ": "ch", "ح": "h", "د": "d",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ع": "g", "غ": "g", "ف": "f", "ق": "k", "ك": "k",
    "ک": "k", "گ": "g", "ڭ": "n", "ل": "l", "م": "m", "ن": "n", "ھ": "h", "ه": "h", "ە": "e",
    "و": "o", "ۆ": "o", "ۇ": "u", "ٷ": "u", "ۋ": "u", "ى": "y", "ي": "i", "ی": "i", "ٸ": "i",
    "ء": "", "ٴ": "", "ـ": "", "أ": "a", "إ": "a", "آ": "a", "ة": "a", "ئ": "i", "ؤ": "o",
}


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Latin-1 Supplement + Latin Extended-A/B: strip accents by default.
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base.isascii() and base.isalpha():
            table[cp] = base.lower()
    for cp in range(0x300, 0x370):  # combining marks left after lower() ("İ".lower() == "i̇")
        table[cp] = ""
    for src in (_CYRILLIC, _LATIN, _ARABIC):
        for k, v in src.items():
            table[ord(k)] = v
    return table


# As a list indexed by code point (every other character mapped to itself), which str.translate
# reads faster than a dict: a third less time for a Cyrillic text (the writer folds every article
# for articles_search). Characters past its end raise IndexError, a LookupError, which translate
# takes as "unmapped": the same fold as the dict's. It reaches past General Punctuation and № so
# that common characters do not take that slower path.
_FOLD_DICT = _build_fold_table()
_FOLD_TABLE = [_FOLD_DICT.get(cp, chr(cp)) for cp in range(max(0x2200, max(_FOLD_DICT) + 1))]


# Latin letters that look like Cyrillic ones, for words typed with both ("қaрaшa", "cәуір").
_HOMOGLYPHS = str.maketrans("aeopcxyikmtbhə", "аеорсхуікмтвнә")
_CYR = re.compile(r"[а-яёәғқңөұүһі]")
_LAT = re.compile(r"[a-z]")


def fold(word: str) -> str:
    """Lower-case ``word`` and map it onto the shared Latin skeleton (see the module docstring)."""
    out = word.lower()
    if not out.isascii() and _LAT.search(out) and _CYR.search(out):
        out = out.translate(_HOMOGLYPHS)
    return _skeleton(out)


def _skeleton(lowered: str) -> str:
    out = lowered.translate(_FOLD_TABLE)
    return out.replace("zh", "j") if "zh" in out else out


# A whole word (never across whitespace) with a Latin and a Cyrillic letter. Tried at word starts
# only (the look-behind), its two look-aheads scan each word once. The former pattern,
# \S*(?:[a-z]\S*[cyr]|[cyr]\S*[a-z])\S*, found the same words but backtracked through every word
# of a text holding both scripts: 0.4 ms for 1 KB of Russian naming one Latin word, 10 times the
# rest of the fold (tests/test_text.py compares the two).
_MIXED_WORD = re.compile(r"(?<!\S)(?=\S*[a-z])(?=\S*[а-яёәғқңөұүһі])\S+")


def fold_text(text: str) -> str:
    """:func:`fold` applied to every word of ``text`` at once (look-alike letters are fixed only in
    words that mix scripts, as :func:`fold` does); whitespace is kept. One pass over a line is
    cheaper than a call per word."""
    out = text.lower()
    if not out.isascii() and _LAT.search(out) and _CYR.search(out):
        out = _MIXED_WORD.sub(lambda m: m.group().translate(_HOMOGLYPHS), out)
    return _skeleton(out)
