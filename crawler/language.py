"""Which language an article is written in: ``kk`` (Cyrillic), ``kk-Latn``, ``ru`` or ``en``.

Page declarations lie (a Kazakh article on a WordPress install set to Russian says ``ru-RU``), so
we read the text. Kazakh Cyrillic has nine letters Russian lacks; Latin-script Kazakh (2021
alphabet and its predecessors) has its own diacritics and very common words.
"""

from __future__ import annotations

import re

KAZAKH_CYRILLIC = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
KAZAKH_LATIN_MARKS = set("áǵıńóúýşğüöäñūÁǴIŃÓÚÝŞĞÜÖÄÑŪ") - {"I"}
KAZAKH_LATIN_WORDS = {
    "jáne", "jane", "men", "bul", "osy", "bolyp", "boıynsha", "boiynsha", "degen", "ushin", "úshin",
    "qazaqstan", "oblysy", "oblysynda", "aýdan", "audan", "jyly", "jylǵy", "turaly", "mektep", "qala",
    "ákimdik", "akimdik", "halyq", "jumys", "jańa", "jana", "bıyl", "biyl", "tımdi", "eken", "bar", "joq",
}
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH_CYRILLIC = re.compile("[" + "".join(sorted(KAZAKH_CYRILLIC)) + "]")


def detect_language(text: str, sample: int = 4000) -> str | None:
    """Best guess for ``text``; ``None`` when there is too little text to tell."""
    text = text[:sample]
    letters = len(_LETTER.findall(text))
    if letters < 20:
        return None
    cyr = len(_CYRILLIC.findall(text))
    if cyr / letters > 0.5:
        kk = len(_KAZAKH_CYRILLIC.findall(text))
        # Russian text has none of these; Kazakh text has them in ~3-6% of letters.
        return "kk" if kk / cyr > 0.005 else "ru"
    words = [w.lower() for w in _WORD.findall(text)]
    marks = sum(1 for c in text if c in KAZAKH_LATIN_MARKS)
    kk_words = sum(1 for w in words if w in KAZAKH_LATIN_WORDS)
    if words and (kk_words / len(words) > 0.03 or marks / letters > 0.01):
        return "kk-Latn"
    return "en"
