"""The chrome vocabulary: what page furniture is called, and what it says.

Chrome is everything on a news page that is not the story: navigation, sidebars, related-post
lists, share bars, comment sections, ads, consent banners, counters, cross-links. Every stage that
must tell it apart from the story reads its words from here, and each gets the matcher it needs:

* :data:`COMMON_PRUNE`, CSS selectors every profile removes before reading a body;
* :func:`prune_xpath_for`, the exact plugin class names the trafilatura fallback prunes;
* :data:`STORY_BOX_NAME`, a regex for boxes *inside* a story container (body reading);
* :data:`PAGE_CHROME_TAGS` and :data:`PAGE_CHROME_NAME`, the containers *around* the story whose
  dates are never the article's (date stage);
* :func:`is_chrome_paragraph` and :func:`is_property_line`, phrase rules for the single paragraphs
  that slip inside a body.

The matchers differ on purpose, because they look in different places and at different risks:
pruning before any reading must not hit the story container itself (JNews calls it
"entry-content no-share"), so it names plugins; box names inside a story may be generic words;
the date stage bans page furniture around the story ("latest", "logo", "footer") but must keep
the meta row beside the author and tags, where the date line sits. The names both regexes share
are :data:`CHROME_NAMES`; the others are kept in named groups, each saying why it belongs to one
matcher only.

Selector rules (per profile) remove whole blocks; the phrase rules catch the single paragraphs that
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
from functools import lru_cache

from crawler.text import fold_text

# --- names of chrome containers --------------------------------------------------------------------
# Fragments of class and id values: regular expressions, searched in "class id", any case.

# Chrome wherever it sits: a container so named is neither the story nor its date line.
CHROME_NAMES = (
    "related", "recommend", "popular", "teaser",   # other stories
    "share", "comment",                            # reader actions
    # ...but Drupal marks every node promoted to the front page "node-promoted" ("node--promoted")
    "advert", "banner", r"(?<!node-)(?<!node--)promo", "cookie",   # ads and consent
    # "elementor-widget" wraps every block of an Elementor page, the article included.
    r"(?<!elementor-)widget",
)
# Boxes a theme or plugin puts inside the story container, next to the text. Only for body reading:
# the date line often sits in one meta row with the author, the tags, the rating and the print
# button, so the date stage reads these (measured: banning them there too loses 4 dates on the
# trafilatura evaluation set and finds 2).
STORY_BOX_NAMES = (
    "social", "rating", "donat", "author", "vcard", "subscri", "newsletter", "sponsor", "print",
    "button", "tags", "nav", r"prev[-_]?next",
)
# Page furniture around the story: sidebars, top bars and footers, other-story lists, menus, logos.
# Only for the date stage: the header's top bar prints *today*, teaser lists print other stories'
# dates. Body reading does not use them: it looks only inside the story container, where an embed
# is the story quoting a post (content), and counting these names as boxes there changes 7 bodies
# of the evaluation sets, 4 for the worse (Zyte) and 3 for the better (Fundus): no clear gain.
PAGE_CHROME_NAMES = (
    "sidebar", r"top-?bar", "topbar", "td-header-top", "td_data_time", "header-top", "footer",
    "trending", "most-", "most_", "ticker", "breadcrumb", "crumb", "menu", "sharing", "next-prev",
    "nextprev", "prev-next", "similar", "more-news", "morenews", "readmore", "read-more", "also",
    "latest", "news-list", "newslist", "logo",
    # the site's clock ("date-today", "current-date"; not "header-date": "ArticleHeader-Date" is the
    # story's own, on elespectador.com)
    r"date-?today", r"today-?date", r"current-?date", r"cur-?date",
    # embedded social posts carry the post's own date
    "instagram-media", "twitter-tweet", "tiktok-embed", "telegram-post",
)


def _name_regex(*groups) -> re.Pattern:
    return re.compile("|".join(name for group in groups for name in group), re.IGNORECASE)


STORY_BOX_NAME = _name_regex(CHROME_NAMES, STORY_BOX_NAMES)
PAGE_CHROME_NAME = _name_regex(CHROME_NAMES, PAGE_CHROME_NAMES)
# Tags whose dates are never the article's, wherever they sit (site headers and footers count only
# outside the article: the date stage decides that itself).
PAGE_CHROME_TAGS = frozenset({"aside", "nav"})

# Comment sections: the readers' comments, the form to add one, the moderation rules and the log-in
# prompt over it. Every CMS and comment system names them in Latin whatever the site's language
# (WordPress "comments-area"/"comment-respond", DLE "addcomment", Joomla "jcomments", Disqus,
# HyperComments, Cackle, VK and Facebook widgets). Only plural or compound names: a single "comment"
# class is as often the story's own expert-comment box ("Комментарий эксперта"), and "commentary"
# an opinion column. A name alone is not enough (a live match report is "live-match-comments"): the
# element must hold the form or be named by a comment system (:data:`COMMENT_SYSTEM_NAME`).
COMMENT_SECTION_NAME = re.compile(
    r"comments|comment[-_]?(?:form|list|respond|area|block|section|wrap|container|box)|add[-_]?comment",
    re.IGNORECASE)
COMMENT_SYSTEM_NAME = re.compile(
    r"comment-?list|comments-area|comment-respond|disqus|hypercomments|cackle|jcomments|vk_comments"
    r"|fb-comments|mc-container", re.IGNORECASE)

# --- removed before any reading ------------------------------------------------------------------

# Elements that never hold story text (``ins`` is an ad slot).
NON_TEXT_TAGS = ("script", "style", "noscript", "template", "iframe", "form", "button", "svg", "ins")
# Share and related-post plugins named so specifically that a class substring is safe anywhere.
PLUGIN_NAME_PARTS = ("sharedaddy", "jp-relatedposts", "addtoany", "social-share", "share-buttons")

# Blocks every profile removes before reading a body (ads, share bars, scripts, forms).
COMMON_PRUNE = [
    *NON_TEXT_TAGS,
    *(f"[class*='{name}']" for name in PLUGIN_NAME_PARTS),
    "[id*='cookie']", "[class*='cookie']",     # consent banners
    "[class*='pagination']", "#pagination",    # next/previous post and page links
]

# Blocks generic extractors are known to leak (related links, comment forms, share bars, ads),
# named by exact class tokens of common WordPress themes and plugins. Exact and specific tokens
# only: JNews marks its article container "entry-content no-share", and Blogger wraps the post
# itself in a "widget Blog" div, so substrings or generic words ("widget", "sidebar", <aside>)
# remove the article (measured on the trafilatura evaluation set).
PLUGIN_CHROME_CLASSES = (
    "jp-relatedposts", "yarpp-related", "crp_related", "td_block_related_posts",
    "jnews_related_post_container", "jnews_inline_related_post", "comment-respond",
    "sharedaddy", "addtoany_share_save_container", "td-post-sharing", "jeg_share_button",
    "td-a-rec", "jeg_ad",
)


@lru_cache(maxsize=256)
def _prune_xpath(tokens: tuple[str, ...]) -> list[str]:
    """One expression, one pass over the tree (trafilatura evaluates each prune expression separately)."""
    if not tokens:
        return []
    return ["//*[@class and (" + " or ".join(
        f"contains(concat(' ', normalize-space(@class), ' '), ' {token} ')" for token in tokens) + ")]"]


def prune_xpath_for(classes: str) -> list[str]:
    """The prune expression for the chrome classes present in ``classes`` (a tree's joined class
    attributes; usually none or one): testing every element against all of them costs a tenth of
    trafilatura's time."""
    return _prune_xpath(tuple(token for token in PLUGIN_CHROME_CLASSES if token in classes))

# --- phrases ---------------------------------------------------------------------------------------

# Kazakh is agglutinative: one stem takes case, possessive and plural suffixes ("арна", "арнамызға",
# "арнасына", "каналымызға"), and a verb its polite, plural or infinitive ending ("оқыңыз",
# "оқыңыздар", "жазылу"). So Kazakh entries are written as stems with a marker, and every entry is
# folded (:func:`crawler.text.fold`), so the Latin-script spellings match too ("arnamyzǵa jazylyńyz"):
#   "арна+"   the stem and any suffix (a noun: case, possessive, plural, in any order);
#   "жазыл~"  the stem and an imperative ending (-ыңыз/-іңіз, -ыңыздар/-іңіздер, -ың/-ің, -ыңдар/-іңдер;
#             "оқ~" is "оқыңыз"), never the infinitive or a past tense: "Тағы оқу керек" and
#             "арнасына жазылды" are sentences of a story.
NOUN_SUFFIX = "+"
VERB_ENDING = "~"
_VERB_ENDINGS = r"(?:ynyz(?:dar)?|iniz(?:der)?|yn(?:dar)?|in(?:der)?)"

# Lines that introduce a link to another article or channel: drop the whole paragraph.
LINK_LINE_PREFIXES = [
    # kk
    "Тағы оқ~", "Тағы да оқ~", "Оқи отыр~", "Сондай-ақ оқ~", "Қосымша оқ~",
    "Біздің Telegram", "Жаңалықтарды Telegram",
    # ru
    "Читайте также", "Читайте еще", "Читайте ещё", "Также читайте", "Читать также", "Смотрите также",
    "Новости по теме", "Больше новостей в", "Следите за новостями", "Наши новости теперь в",
    "Наши новости в", "Все новости в нашем", "Присоединяйтесь к нам в",
    # en
    "Read also", "Read more:", "Read next", "Also read", "Related:", "Click here",
]

# The notices over a comment form (moderation rules, the log-in prompt): a paragraph opening so is
# chrome, whatever follows. Comment systems and CMS skins of every kind print these.
COMMENT_NOTICE_PREFIXES = [
    "Пікір+ модератор+", "Пікір+ модерация+", "Пікір қалдыру үшін", "Пікір жазу үшін",
    "Комментарии модерируются", "Комментарии проходят модерацию", "Комментарии публикуются после",
    "Комментарии появятся после", "Ваш комментарий будет", "Ваши комментарии будут", "Ваше сообщение будет",
    "Ваши сообщения будут", "Чтобы оставить комментарий", "Для того чтобы оставить комментарий",
    "Для комментирования", "Комментировать могут только", "Оставлять комментарии могут только",
    "Comments are moderated", "Your comment will", "You must be logged in to post a comment",
]

# Subscription prompts: chrome when a short paragraph holds one anywhere (Kazakh puts the verb
# last: "Жаңалықтарды бірінші болып білгіңіз келсе, Telegram арнамызға жазылыңыз"). Kazakh: a
# channel, page or account noun with any suffix, then "subscribe"/"follow" in the imperative.
SUBSCRIPTION_PHRASES = [
    "арна+ жазыл~", "канал+ жазыл~", "парақша+ жазыл~", "парақ+ жазыл~", "аккаунт+ жазыл~",
    "арна+ тіркел~", "парақша+ тіркел~", "арна+ қосыл~", "канал+ қосыл~", "топ+ қосыл~",
    "Подписывайтесь на", "Подпишитесь на", "Подписывайся на", "Читайте нас в", "Следите за нами в",
    "Subscribe to our", "Sign up for our", "Sign up to our", "Join our",
]
# The "report a typo" prompt ("Қате тапсаңыз, белгілеп, Ctrl+Enter басыңыз", "Если вы нашли ошибку,
# выделите её и нажмите Ctrl+Enter"): chrome wherever a short paragraph holds it, like a prompt.
TYPO_PROMPTS = ["Ctrl+Enter", "Ctrl Enter"]
MAX_PROMPT_CHARS = 200
PREFIX_HEAD_CHARS = 80   # more than the longest link-line phrase

# Bare labels that are chrome when they are the whole paragraph (dashes and decoration aside).
BARE_LABELS = ["Advertisement", "Advertisment", "Advert", "Жарнама", "Реклама", "Spot_img",
               "Comments", "Комментарии", "Пікір+", "This slideshow requires JavaScript",
               # share-bar labels and the AMP page's link to the full page
               "Бөлісу", "Бөліс~", "Поделиться", "Share", "Сайттың толық нұсқа+", "Толық нұсқа+",
               "Полная версия сайта", "Полная версия", "Full version",
               # the comment form's title or button, on any CMS
               "Оставить комментарий", "Добавить комментарий", "Написать комментарий", "Комментировать",
               "Пікір+ қалдыр+", "Пікір+ жаз+", "Пікір+ білдір+", "Пікір+ қосу", "Пікір+ енгіз~",
               "Жауап қалдыр+", "Оставьте комментарий", "Оставить ответ",
               # a related-links label on a line of its own, and a photo credit without its colon
               "Тақырып+ қатысты", "По теме", "Фото ашық дереккөз+", "Фото ашық дереккөз+ алын+",
               "Фото из открытых источников", "Фото из открытого источника",
               "Leave a comment", "Leave a reply", "Post a comment", "Add a comment", "Add comment"]

# Headings of the lists of other stories a page prints under the article ("Похожие новости",
# "Ұқсас жаңалықтар"): where the generic extractor's text reaches one as a whole line, the story has
# ended and what follows is teasers. Only list titles that never head a part of a story.
END_HEADINGS = [
    "Ұқсас жаңалық+", "Соңғы жаңалық+", "Тақырып+ қатысты жаңалық+", "Басқа жаңалық+",
    "Ұқсас мақала+", "Ұқсас материал+", "Көп оқылған+", "Ең көп оқылған+", "Көп қаралған+",
    "Соңғы пікір+", "Танымал жаңалық+", "Танымал материал+", "Редактор таңдау+", "Оқырман таңдау+",
    "Похожие новости", "Похожие материалы", "Похожие статьи", "Свежие новости", "Другие новости",
    "Последние новости", "Новости партнеров", "Что еще почитать", "Самое читаемое", "Самое интересное",
    "Самое популярное", "Популярное", "Популярные новости", "Популярные материалы", "Последние комментарии",
    "Материалы по теме", "Новости по теме", "Выбор редакции", "Вам может быть интересно",
    "Related news", "Related articles", "Related posts", "More stories", "Latest news",
    "Most popular", "Most read", "Popular posts", "Recent comments", "Recent posts", "You may also like",
    "You might also like",
]

# Words that describe a site rather than a story, for the part of a <title> that names the site
# when the page does not say its name ("Официальный интернет-ресурс акимата района", "Аудандық
# қоғамдық-саяси газеті", "Информационный портал"): stems, any suffix.
SITE_DESCRIPTION_WORDS = [
    "Газет+", "Сайт+", "Портал+", "Интернет-ресурс+", "Интернет-издани+", "Информационн+",
    "Официальн+", "Ресми", "Ақпараттық", "Агентств+", "Агенттіг+", "Телеарна+", "Телеканал+",
    "Радио", "Журнал+", "Newspaper", "Official", "Portal", "Website",
]
# ...and, at the end of a title only, the news a site says it brings ("<headline> — Новости Казахстана
# и мира", "<headline> - Облыс жаңалықтары"): first in a title, the same words are a headline's.
SITE_SUFFIX_WORDS = ["Новост+", "Жаңалық+", "News"]

# Reprint notices ("При использовании материалов ссылка на ... обязательна", "Материал жариялауда
# сілтеме міндетті", "Перепечатка запрещена"): the footer's terms of reuse, which generic extractors
# take as the story's last paragraphs. A notice names the reuse of the material and its condition (a
# link, a permission, a ban) in one short paragraph; a story that reports on reprints is rare and
# never ends the page's text with one, so notices are dropped only at the end of a body
# (:func:`is_trailing_boilerplate`). Stems; any suffix. A bare "All rights reserved" is not one: under
# a wire story ("© 2019 Associated Press. All Rights Reserved.") it is the wire's credit, which the
# Zyte benchmark's truth counts as body text.
REPRINT_SUBJECTS = [
    "перепечат+", "воспроизвед+", "копирован+", "цитирован+", "использовани+ материал+", "материал+ сайта",
    "материал+ жариял+", "материал+ пайдалан+", "сайт материал+", "көшіріп бас+", "көшір+", "жариялау+",
    "reprint+", "reproduc+", "republish+", "copying",
]
REPRINT_TERMS = [
    "обязательн+", "запрещ+", "согласи+", "разрешени+", "ограничени+", "услови+", "допуска+",
    "міндетт+", "рұқсат+", "тыйым+", "шектеу+",
    "prohibited", "permission", "permitted", "required",
]
MAX_NOTICE_CHARS = 400

# Sign-offs: the press office or source a release ends with ("Пресс-служба УМВД ...", "Облыс
# әкімдігінің баспасөз қызметі"). The hand-written truth of every eval set leaves them out (the
# hand-written CMS pages accept either). Only as a body's last line, a short one of one phrase.
SIGN_OFF_OPENINGS = ["Пресс-служба", "Пресс-центр", "По материалам", "Баспасөз қызмет+", "Press service"]
SIGN_OFF_ENDINGS = ["баспасөз қызмет+", "баспасөз орталығ+", "ақпарат қызмет+", "пресс-служба", "пресс-центр"]
MAX_SIGN_OFF_CHARS = 120

# Date lines of the page's metadata, a label and a date ("Дата последнего изменения 22.06.2015
# 16:01", "Жарияланды: 12.05.2024", "Updated 10:15"): the date stage reads them, a body never.
DATE_LABELS = [
    "Дата последнего изменения", "Последнее изменение", "Последние изменения", "Дата изменения",
    "Дата публикации", "Дата создания", "Опубликовано", "Обновлено", "Изменено", "Добавлено",
    "Жарияланды", "Жарияланған күні", "Жарияланған уақыты", "Жаңартылды", "Өзгертілді", "Соңғы өзгеріс+",
    "Published", "Updated", "Last modified", "Last updated", "Posted on",
]
MAX_DATE_VALUE_CHARS = 30


# CMS property lines printed under the text: short "Label: value" lines are metadata, not prose
# ("Источник: ...", Bitrix DISPLAY_PROPERTIES, tag lists, view counters).
PROPERTY_LABELS = [
    "Источник", "Дереккөз", "Derekkóz", "Source", "Фото", "Сурет", "Foto", "Photo", "Автор", "Теги",
    # the credit line under a story ("Текст и фото: ...", "Мәтін: ...")
    "Текст", "Текст и фото", "Фото и текст", "Мәтін", "Мәтін және фото", "Мәтін және сурет", "Text",
    "Тегтер", "Метки", "Tags",
    "Қаралды", "Оқылды", "Просмотров", "Просмотры", "Прочитано", "Views",
]


_NON_WORD = re.compile(r"[\W_]+")


def _folded(text: str) -> str:
    """``text`` folded (:func:`crawler.text.fold_text`), with punctuation and decoration
    (emoji, arrows, dashes, quotes) reduced to single spaces."""
    return _NON_WORD.sub(" ", fold_text(text)).strip()


def _pattern(phrase: str) -> str:
    """A phrase as a regex over folded text: stems marked ``+`` take any suffix, stems marked ``~``
    an imperative ending (see :data:`NOUN_SUFFIX`)."""
    words = []
    for word in phrase.split():
        if word.endswith(NOUN_SUFFIX):
            words.append(re.escape(_folded(word[:-1])) + r"\w*")
        elif word.endswith(VERB_ENDING):
            words.append(re.escape(_folded(word[:-1])) + _VERB_ENDINGS)
        else:
            words.append(re.escape(_folded(word)))
    return " ".join(w for w in words if w)


def _alternation(phrases) -> str:
    return "|".join(_pattern(p) for p in phrases)


_PREFIX_RE = re.compile(rf"^(?:{_alternation(LINK_LINE_PREFIXES + SUBSCRIPTION_PHRASES + COMMENT_NOTICE_PREFIXES)})\b")
_PROMPT_RE = re.compile(rf"\b(?:{_alternation(SUBSCRIPTION_PHRASES + TYPO_PROMPTS)})\b")
_LABELS = re.compile(rf"(?:{_alternation(BARE_LABELS)})")
_PROPERTY_LABELS = {_folded(label) for label in PROPERTY_LABELS}
_END_HEADING = re.compile(rf"(?:{_alternation(END_HEADINGS)})")
_SITE_DESCRIPTION = re.compile(rf"\b(?:{_alternation(SITE_DESCRIPTION_WORDS)})\b")
_SITE_SUFFIX = re.compile(rf"\b(?:{_alternation(SITE_DESCRIPTION_WORDS + SITE_SUFFIX_WORDS)})\b")
_REPRINT_SUBJECT = re.compile(rf"\b(?:{_alternation(REPRINT_SUBJECTS)})")
_REPRINT_TERM = re.compile(rf"\b(?:{_alternation(REPRINT_TERMS)})")
_SIGN_OFF = re.compile(rf"(?:{_alternation(SIGN_OFF_OPENINGS)})\b.*|.*\b(?:{_alternation(SIGN_OFF_ENDINGS)})")
_DATE_LINE = re.compile(rf"(?:{_alternation(DATE_LABELS)}) (?=[^ ]*\d).{{1,{MAX_DATE_VALUE_CHARS}}}")
# A sentence ends inside the line: it is prose, not a one-phrase sign-off.
_SENTENCE_INSIDE = re.compile(r"[.!?…] \S")
MAX_PROPERTY_VALUE_CHARS = 100

# A number and what it counts, as the line under a headline prints it: "4236 рет көрсетілді",
# "1 284 рет оқылды", "24 мин оқу үшін", "5 минут чтения", "3 417 просмотров", "2 min read".
COUNTER_UNITS = [
    "рет көрсетілді", "рет оқылды", "рет қаралды", "көрсетілім", "мин оқу үшін", "минут оқу",
    "мин оқу", "просмотров", "просмотра", "просмотр", "мин чтения", "минут чтения", "views",
    "min read", "minute read", "minutes read",
    "комментариев", "комментария", "комментарий", "пікір+", "comments", "comment",
]
# A counter with nothing to count, as the same meta row prints it.
ZERO_COUNTERS = ["нет комментариев", "комментариев нет", "пікір жоқ", "пікірлер жоқ", "no comments"]
# One counter or several in a row ("0 просмотров нет комментариев", "1 284 views 3 comments").
_COUNTER_LINE = re.compile(
    rf"^(?:(?:\d[\d ]*(?:{_alternation(COUNTER_UNITS)})|{_alternation(ZERO_COUNTERS)}) ?)+$")
# A gallery's position: "1 of 6", "3 из 12".
_GALLERY_COUNTER = re.compile(r"^\d+ (?:of|iz) \d+$")
# Digits and separators only: a view or comment counter ("2 417"); table rows keep their " | ".
_COUNTER = re.compile(r"^[\d\s.,:/+\-]+$")
# ...but a telephone number ("+7 727 123-45-67", "8-800-080-7777") is the story's contact line.
# Ten digits or more without the dots, colons and slashes of a date line ("12.05.2024 10:15").
_PHONE = re.compile(r"^(?:\+|(?=[^.:/]*$)(?:\D*\d){10})")


def is_end_heading(text: str) -> bool:
    """A whole line that is the title of a list of other stories (:data:`END_HEADINGS`)."""
    return len(text) <= MAX_PROMPT_CHARS and bool(_END_HEADING.fullmatch(_folded(text)))


def is_reprint_notice(text: str) -> bool:
    """A short paragraph of reuse terms (:data:`REPRINT_SUBJECTS` with :data:`REPRINT_TERMS`)."""
    if len(text) > MAX_NOTICE_CHARS:
        return False
    folded = _folded(text)
    return bool(_REPRINT_SUBJECT.search(folded) and _REPRINT_TERM.search(folded))


def is_sign_off(text: str) -> bool:
    """A short line of one phrase naming the press office or source (:data:`SIGN_OFF_OPENINGS`)."""
    stripped = text.strip()
    return (len(stripped) <= MAX_SIGN_OFF_CHARS and not _SENTENCE_INSIDE.search(stripped)
            and bool(_SIGN_OFF.fullmatch(_folded(stripped))))


def is_trailing_boilerplate(text: str) -> bool:
    """What a story never ends with: a reprint notice or a sign-off. Only for a body's last lines."""
    return is_reprint_notice(text) or is_sign_off(text)


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
    if not folded or _LABELS.fullmatch(folded) or _PREFIX_RE.match(folded) or _COUNTER_LINE.match(folded) \
            or _GALLERY_COUNTER.match(folded) or _DATE_LINE.fullmatch(folded):
        return True
    return bool(_PROMPT_RE.search(folded))


def describes_site(text: str, *, at_end: bool = False) -> bool:
    """``text`` holds a word that describes a site ("газеті", "официальный сайт", "портал"; at the
    end of a title also "новости", "жаңалықтары")."""
    return bool((_SITE_SUFFIX if at_end else _SITE_DESCRIPTION).search(_folded(text)))
