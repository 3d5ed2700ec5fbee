"""The credited source: which agency or outlet an article's text says it comes from.

Regional sites reprint agency stories with a credit in the text: "ҚазАқпарат хабарлайды", "деп
хабарлайды Kazinform тілшісі", "Дереккөз: Егемен Қазақстан", "Источник: Tengrinews.kz", "по
материалам КазТАГ", "сообщает Zakon.kz", "Silteme: inform.kz". :func:`credited_source` finds the
first such credit and names the source: a known agency by its one canonical name (all its
spellings, Cyrillic and Latin, fold onto it), anything else as the text prints it.

The vocabulary is data, here and only here; phrases are written once in natural spelling and go
through :func:`crawler.text.fold` like the page's words, so Latin-script Kazakh ("Derekkóz:",
"habarlaıdy") matches too. Pure: a function of the body text.
"""

from __future__ import annotations

from html import unescape
import re
from functools import lru_cache

from crawler.text import fold

# canonical name -> spellings seen in credits (any script; folded before matching)
AGENCIES: dict[str, tuple[str, ...]] = {
    "Kazinform": ("ҚазАқпарат", "Казинформ", "Kazinform", "inform.kz", "Qazinform"),
    "Tengrinews": ("Tengrinews", "Tengrinews.kz", "Тенгриньюс"),
    "KazTAG": ("КазТАГ", "KazTAG"),
    "Interfax-Kazakhstan": ("Интерфакс-Казахстан", "Interfax-Kazakhstan", "Интерфакс-Қазақстан"),
    "Sputnik Kazakhstan": ("Sputnik",),
    "Zakon.kz": ("Zakon.kz", "Закон.кз"),
    "Orda.kz": ("Orda.kz",),
    "Egemen Qazaqstan": ("Егемен", "Egemen", "egemen.kz"),
    "Kazpravda": ("Казправда", "Kazpravda", "kazpravda.kz"),
    "Khabar 24": ("Хабар", "Khabar", "24.kz"),
    "Aikyn": ("Айқын", "Aikyn", "Aiqyn"),
    "El.kz": ("El.kz",),
    "Baq.kz": ("Baq.kz",),
    "Nur.kz": ("Nur.kz", "НұрКз"),
    "Vlast.kz": ("Vlast.kz",),
    "Liter.kz": ("Liter.kz", "Литер"),
    "Inbusiness.kz": ("Inbusiness.kz", "Inbusiness"),
}

# "Дереккөз: X", "Источник: X": a label, a colon, the source.
LABELS = ("Дереккөз", "Источник", "Сілтеме", "Source", "Қайнар көз", "Ақпарат көзі")
# "по материалам X": a phrase, then the source.
BEFORE_SOURCE = ("по материалам",)
# "сообщает Zakon.kz": these verbs credit only a known agency or a site's host ("по данным
# областного управления" names where a figure comes from, not whom the text is copied from).
BEFORE_AGENCY = ("по информации", "по данным", "сообщает", "сообщают", "передает", "передаёт", "пишет")
# "X хабарлайды", "деп хабарлайды X тілшісі": the Kazakh "reports".
REPORTS = ("хабарлайды", "хабарлады", "жазады")
# words around a source name that are not part of it
FILLERS = ("тілшісі", "тілшісінің", "агенттігі", "агенттігінің", "сайты", "сайтының", "порталы",
           "корреспондент", "корреспондента", "агентства", "агентство", "издание", "портал",
           "сайт", "деп", "ақпарат", "агенттігінің", "газеті", "газетінің", "редакциясы", "сілтеме")

_WORD = re.compile(r"[\w][\w.\-]*[\w]|\w")
_SENTENCE_END = re.compile(r"[.!?;]\s|[.!?;]$|\n")


@lru_cache(maxsize=1)
def _tables():
    agencies = {}
    for name, spellings in AGENCIES.items():
        for s in spellings:
            agencies[tuple(fold(w) for w in _WORD.findall(s))] = name
    phrase = lambda p: tuple(fold(w) for w in p.split())   # noqa: E731
    return (agencies, {phrase(x) for x in LABELS},
            {**{phrase(x): False for x in BEFORE_SOURCE}, **{phrase(x): True for x in BEFORE_AGENCY}},
            {fold(x) for x in REPORTS}, {fold(x) for x in FILLERS})


def _agency(folded: list[str]) -> str | None:
    agencies = _tables()[0]
    for i in range(len(folded)):
        for n in (3, 2, 1):
            name = agencies.get(tuple(folded[i:i + n]))
            if name:
                return name
    return None


def _name(text: str, known_only: bool = False) -> str | None:
    """The source named at the start of ``text``: a known agency, a URL's host, or the words up to
    the end of the sentence (at most six, fillers dropped)."""
    text = _SENTENCE_END.split(text.strip(), 1)[0].strip(" «»\"'()–—-:,")
    if not text:
        return None
    host = re.match(r"(?:https?://)?(?:www\.)?([\w\-]+(?:\.[\w\-]+)+)", text)
    words = _WORD.findall(text)
    fillers = _tables()[4]
    kept = [w for w in words if fold(w) not in fillers][:6]
    agency = _agency([fold(w) for w in kept])
    if agency:
        return agency
    if host and "." in host.group(1) and not host.group(1)[0].isdigit():
        return host.group(1).lower()
    return None if known_only else (" ".join(kept) or None)


def _paragraph_credit(par: str) -> str | None:
    agencies, labels, before, reports, fillers = _tables()
    words = _WORD.findall(par)
    folded = [fold(w) for w in words]
    # 1. a label at the start: "Дереккөз: ..."
    head = par.lstrip(" *–—-")
    if ":" in head[:40]:
        label, rest = head.split(":", 1)
        if tuple(fold(w) for w in label.split()) in labels:
            return _name(rest)
    # 2. "по материалам X", "сообщает X"
    for i in range(len(folded)):
        for phrase, known_only in before.items():
            if tuple(folded[i:i + len(phrase)]) == phrase:
                # the original text after the phrase's last word
                end = _nth_word_end(par, i + len(phrase))
                name = _name(par[end:], known_only)
                if name:
                    return name
    # 3. "X хабарлайды" / "деп хабарлайды X тілшісі"
    for i, w in enumerate(folded):
        if w in reports:
            after = [f for f in folded[i + 1:i + 5] if f not in fillers]
            agency = _agency(after[:3])
            if agency:
                return agency
            start = max(0, i - 3)
            before_words = [words[j] for j in range(start, i) if folded[j] not in fillers]
            agency = _agency([fold(x) for x in before_words])
            if agency:
                return agency
    return None


def _nth_word_end(text: str, n: int) -> int:
    """The offset just after the ``n``-th word (1-based count of words consumed) of ``text``."""
    end = 0
    for count, m in enumerate(_WORD.finditer(text), 1):
        end = m.end()
        if count == n:
            break
    return end


# A short "Дереккөз: X" paragraph is a property line to the body reader (crawler.chrome), which
# leaves it out of body_text: it is looked for in the page's HTML, in a <p> of its own.
_LABEL_PARAGRAPH = re.compile(
    r"<p\b[^>]*>\s*(?:<(?:strong|b|em|i|span)\b[^>]*>\s*)*(" + "|".join(LABELS) + r"|Derekk[oó]z|Silteme)"
    r"\s*:\s*(?:</?(?:strong|b|em|i|span|a)\b[^>]*>\s*)*([^<]{2,120})", re.IGNORECASE)


def credited_source_in_html(html: str) -> str | None:
    """The source of a ``<p>Дереккөз: X</p>`` credit paragraph after the page's ``<h1>`` (the
    headline), or None."""
    start = html.find("<h1")
    m = _LABEL_PARAGRAPH.search(html, max(start, 0))
    return _name(unescape(m.group(2))) if m else None


def credited_source(body_text: str) -> str | None:
    """The source the text credits, or None. Looks at the first two and the last two paragraphs,
    where credits stand (a quote in the middle saying "сообщает" is not a credit)."""
    pars = [p for p in (body_text or "").split("\n\n") if p.strip()]
    if not pars:
        return None
    order = pars[:2] + [p for p in pars[-2:] if p not in pars[:2]]
    for par in order:
        found = _paragraph_credit(par)
        if found:
            return found
    return None
