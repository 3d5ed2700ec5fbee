"""Chrome that slips inside article bodies, as phrase rules in Kazakh, Russian and English.

Selector rules (per profile) remove whole blocks; these rules catch the single paragraphs that
themes and editors put *inside* the body container: cross-links, ad labels, subscription prompts,
counters. A paragraph is dropped when it *starts* with a link-line phrase, *is* (nearly) a bare
label, or is a short prompt built around a subscription phrase, so real sentences that merely
mention these words survive.

Phrases are written once, in one spelling: both sides go through the shared letter
:func:`~crawler.text.fold`, so "Тағы оқыңыз" also matches "Tağy oqyñyz", "Taǵy oqyńyz" and
"Тагы окыныз", and "Жарнама" matches "- Jarnama -".
"""

from __future__ import annotations

import re

from crawler.text import fold_text

# Lines that introduce a link to another article or channel: drop the whole paragraph.
LINK_LINE_PREFIXES = [
    # kk
    "Тағы оқыңыз", "Тағы да оқыңыз", "Оқи отырыңыз", "Сондай-ақ оқыңыз", "Қосымша оқыңыз",
    "Біздің Telegram", "Жаңалықтарды Telegram",
    # ru
    "Читайте также", "Читайте еще", "Читайте ещё", "Также читайте", "Читать также", "Смотрите также",
    "Новости по теме", "Больше новостей в", "Следите за новостями", "Наши новости теперь в",
    "Наши новости в", "Все новости в нашем", "Присоединяйтесь к нам в",
    # en
    "Read also", "Read more:", "Read next", "Also read", "Related:", "Click here",
]

# Subscription prompts: chrome when a short paragraph holds one anywhere (Kazakh puts the verb
# last: "Жаңалықтарды бірінші болып білгіңіз келсе, Telegram арнамызға жазылыңыз").
SUBSCRIPTION_PHRASES = [
    "арнамызға жазылыңыз", "парақшамызға жазылыңыз", "Подписывайтесь на", "Подпишитесь на",
    "Subscribe to our", "Sign up for our", "Sign up to our",
]
MAX_PROMPT_CHARS = 200
PREFIX_HEAD_CHARS = 80   # more than the longest link-line phrase

# Bare labels that are chrome when they are the whole paragraph (dashes and decoration aside).
BARE_LABELS = ["Advertisement", "Advertisment", "Advert", "Жарнама", "Реклама", "Spot_img",
               "Comments", "Комментарии", "Пікірлер", "This slideshow requires JavaScript"]

# CMS property lines printed under the text: short "Label: value" lines are metadata, not prose
# ("Источник: ...", Bitrix DISPLAY_PROPERTIES, tag lists, view counters).
PROPERTY_LABELS = [
    "Источник", "Дереккөз", "Derekkóz", "Source", "Фото", "Сурет", "Foto", "Photo", "Автор", "Теги",
    "Тегтер", "Метки", "Tags",
    "Қаралды", "Оқылды", "Просмотров", "Просмотры", "Прочитано", "Views",
]


_NON_WORD = re.compile(r"[\W_]+")


def _folded(text: str) -> str:
    """``text`` folded (:func:`crawler.text.fold_text`), with punctuation and decoration
    (emoji, arrows, dashes, quotes) reduced to single spaces."""
    return _NON_WORD.sub(" ", fold_text(text)).strip()


def _alternation(phrases) -> str:
    return "|".join(re.escape(_folded(p)) for p in phrases)


_PREFIX_RE = re.compile(rf"^(?:{_alternation(LINK_LINE_PREFIXES + SUBSCRIPTION_PHRASES)})\b")
_PROMPT_RE = re.compile(rf"\b(?:{_alternation(SUBSCRIPTION_PHRASES)})\b")
_LABELS = {_folded(label) for label in BARE_LABELS}
_PROPERTY_LABELS = {_folded(label) for label in PROPERTY_LABELS}
MAX_PROPERTY_VALUE_CHARS = 100

# A number and what it counts, as the line under a headline prints it: "4236 рет көрсетілді",
# "1 284 рет оқылды", "24 мин оқу үшін", "5 минут чтения", "3 417 просмотров", "2 min read".
COUNTER_UNITS = [
    "рет көрсетілді", "рет оқылды", "рет қаралды", "көрсетілім", "мин оқу үшін", "минут оқу",
    "мин оқу", "просмотров", "просмотра", "просмотр", "мин чтения", "минут чтения", "views",
    "min read", "minute read", "minutes read",
]
_COUNTER_LINE = re.compile(rf"^\d[\d ]*(?:{_alternation(COUNTER_UNITS)})$")
# A gallery's position: "1 of 6", "3 из 12".
_GALLERY_COUNTER = re.compile(r"^\d+ (?:of|iz) \d+$")
# Digits and separators only: a view or comment counter ("2 417"); table rows keep their " | ".
_COUNTER = re.compile(r"^[\d\s.,:/+\-]+$")
# ...but a telephone number ("+7 727 123-45-67", "8-800-080-7777") is the story's contact line.
# Ten digits or more without the dots, colons and slashes of a date line ("12.05.2024 10:15").
_PHONE = re.compile(r"^(?:\+|(?=[^.:/]*$)(?:\D*\d){10})")


def is_property_line(text: str) -> bool:
    """A short "Label: value" line of a known metadata label ("Источник: ...", "Фото: ...")."""
    label, colon, value = text.strip().partition(":")
    return bool(colon) and _folded(label) in _PROPERTY_LABELS and 0 < len(value.strip()) <= MAX_PROPERTY_VALUE_CHARS


# A WordPress shortcode a disabled plugin left unrendered: "[button link=...]Send us...[/button]".
_SHORTCODE = re.compile(r"^\[([a-z][\w-]*)\b[^\]]*\].*\[/\1\]$", re.S)


def is_chrome_paragraph(text: str) -> bool:
    """True for a body paragraph that is chrome, not content."""
    stripped = text.strip()
    if not stripped or (_COUNTER.match(stripped) and not _PHONE.match(stripped)) \
            or _SHORTCODE.match(stripped):
        return True
    if is_property_line(stripped):
        return True
    if len(stripped) > MAX_PROMPT_CHARS:
        # Long paragraphs can only be link lines: fold the head alone (folding costs per character).
        return bool(_PREFIX_RE.match(_folded(stripped[:PREFIX_HEAD_CHARS])))
    folded = _folded(stripped)
    if not folded or folded in _LABELS or _PREFIX_RE.match(folded) or _COUNTER_LINE.match(folded) \
            or _GALLERY_COUNTER.match(folded):
        return True
    return bool(_PROMPT_RE.search(folded))


# Blocks every profile removes before reading a body (ads, share bars, scripts, forms).
COMMON_PRUNE = [
    "script", "style", "noscript", "template", "iframe", "form", "button", "svg", "ins",
    "[class*='sharedaddy']", "[class*='jp-relatedposts']", "[class*='addtoany']",
    "[class*='social-share']", "[class*='share-buttons']", "[id*='cookie']", "[class*='cookie']",
    "[class*='pagination']", "#pagination",    # next/previous post and page links
]
