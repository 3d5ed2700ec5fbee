"""Chrome that slips inside article bodies, as phrase rules in Kazakh, Russian and English.

Selector rules (per profile) remove whole blocks; these rules catch the single paragraphs that
themes and editors put *inside* the body container: cross-links, ad labels, subscription prompts.
A paragraph is dropped when it *starts* with a link-line phrase or *is* (nearly) a bare label,
so real sentences that merely mention these words survive.
"""

from __future__ import annotations

import re

# Lines that introduce a link to another article or channel: drop the whole paragraph.
LINK_LINE_PREFIXES = [
    # kk (Cyrillic)
    "Тағы оқыңыз", "Тағы да оқыңыз", "Оқи отырыңыз", "Сондай-ақ оқыңыз", "Қосымша оқыңыз",
    "Telegram арнамызға жазылыңыз", "Telegram-арнамызға жазылыңыз", "Біздің Telegram",
    "Жаңалықтарды Telegram", "Instagram парақшамызға жазылыңыз",
    # kk (Latin: 2021 alphabet, the 2018 acute-accent one, plain ASCII)
    "Taǵy oqyńyz", "Tağy oqyñyz", "Tagy oqynyz", "Taģy oqyñyz", "Tağy oqyñız",
    # ru
    "Читайте также", "Читайте еще", "Читайте ещё", "Также читайте", "Читать также", "Смотрите также",
    "Подписывайтесь на наш", "Подписывайтесь на канал", "Подпишитесь на наш", "Новости по теме",
    "Больше новостей в", "Следите за новостями", "Наши новости теперь в", "Наши новости в",
    "Все новости в нашем", "Присоединяйтесь к нам в",
    # en
    "Read also", "Read more:", "Also read", "Related:", "Subscribe to our",
]

# Bare labels that are chrome when they are the whole paragraph.
BARE_LABELS = [
    "- Advertisment -", "- Advertisement -", "Advertisement", "Advertisment", "ADVERTISEMENT",
    "- Жарнама -", "Жарнама", "- Реклама -", "Реклама", "Spot_img", "spot_img",
]

_PREFIX_RE = re.compile(
    r"^[\s«\"'(\[]*(?:" + "|".join(re.escape(p) for p in LINK_LINE_PREFIXES) + r")",
    re.IGNORECASE,
)
_LABELS = {label.casefold() for label in BARE_LABELS}


# CMS property lines printed under the text ("Источник: Управление ...", Bitrix DISPLAY_PROPERTIES):
# short "Label: value" lines are metadata, not prose.
_PROPERTY_LINE = re.compile(r"^(?:Источник|Дереккөз|Derekkóz|Source|Фото|Сурет|Автор|Avtor)\s*:\s*\S.{0,100}$",
                            re.IGNORECASE)


def is_chrome_paragraph(text: str) -> bool:
    """True for a body paragraph that is chrome, not content."""
    stripped = text.strip()
    if not stripped:
        return True
    if stripped.casefold() in _LABELS:
        return True
    return bool(_PREFIX_RE.match(stripped) or _PROPERTY_LINE.match(stripped.replace("\xa0", " ")))


# Blocks every profile removes before reading a body (ads, share bars, scripts, forms).
COMMON_PRUNE = [
    "script", "style", "noscript", "template", "iframe", "form", "button", "svg", "ins",
    "[class*='sharedaddy']", "[class*='jp-relatedposts']", "[class*='addtoany']",
    "[class*='social-share']", "[class*='share-buttons']", "[id*='cookie']", "[class*='cookie']",
]
