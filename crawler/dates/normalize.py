"""Any date string a Kazakh/Russian news page shows -> ISO 8601 with seconds and offset, or None.

How it works, and why this way rather than dateparser:

1. Machine values first (ISO 8601, Unix seconds/milliseconds): they are most of what the page stage
   feeds in, and one anchored regex settles them without tokenizing.
2. Otherwise the text is cut into number / word / punctuation tokens. Month words are the anchors:
   a month word with a day number next to it (either side) is a date, and the year is looked for
   right after the month ("23 ноября 2024 года") or right before the day behind a Kazakh year marker
   ("2024 жылғы 23 қарашадағы"). Numeric dates are day-first regexes (``23.11.2024``, ``23.11.24``)
   and year-first ones (``2024-11-23``). The earliest complete date in the string wins, so labels,
   rubrics, authors and view counters around it never matter; a date that is written out but
   impossible (``30 ақпан``) makes the whole string None instead of falling back to something else.
3. The time of day is the first ``HH:MM[:SS]`` anywhere in the string (with am/pm and an optional
   offset, which is how RFC 2822 feed dates get theirs).
4. Only when no explicit date exists are relative forms tried ("2 сағат бұрын", "Вчера, 23:50",
   "Сейсенбі, 18:20", "Жаңа ғана"); they need ``crawl_time`` and resolve per README rule 3.

Everything is dict lookups on folded words (see :mod:`crawler.dates.vocab`) and a handful of
precompiled regexes, which is what makes it ~50x faster than dateparser on the same strings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone

from crawler.dates import vocab
from crawler.dates.relative import parse_crawl_time, resolve_relative
from crawler.dates.zones import DEFAULT_TZ, fixed_offset, get_zone, iso
from crawler.text import fold

MAX_LEN = 600          # a date line is short; longer text is body copy, where a date is only a mention
MIN_YEAR, MAX_YEAR = 1900, 2100

_OFFSET = (r"(Z|(?:UTC|GMT)?\s?[+-][0-9]{2}:?[0-9]{2}(?![0-9])"
           # "UTC+6", "GMT+5", "UTC +5:00": an hour of one digit only after UTC/GMT ("14:05 +6" says nothing)
           r"|(?:UTC|GMT)\s?[+-][0-9]{1,2}(?::[0-9]{2})?(?![0-9])"
           r"|(?:UTC|GMT|UT|[ECMP][SD]T|MSK|CES?T|EES?T|мск|МСК)\b)")
_ISO_OFFSET = r"(Z|[+-][0-9]{2}(?::?[0-9]{2})?)"
# RFC 2822 obsolete zone names and the few others news feeds print.
_NAMED_OFFSETS = {"EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
                  "PST": -480, "PDT": -420, "MSK": 180, "мск": 180, "МСК": 180, "CET": 60, "CEST": 120,
                  "EET": 120, "EEST": 180}
_TIME = r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?(?:[.,][0-9]{1,9})?"
_EPOCH = re.compile(r"([0-9]{10}|[0-9]{13})(?:\.[0-9]+)?")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]" + _TIME + r"\s?" + _ISO_OFFSET + r"?)?")
_YMD = re.compile(r"(?<![\w./-])([0-9]{4})([-./])([0-9]{1,2})\2([0-9]{1,2})(?![0-9]|[-./][0-9])"
                  r"(?:[T ]" + _TIME + r"(?![0-9:])\s?" + _OFFSET + r"?)?")
_DMY = re.compile(r"(?<![\w./-])([0-9]{1,2})([-./])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})(?![0-9]|[-./][0-9])")
_DM = re.compile(r"(?<![\w./-])([0-3][0-9])\.([01][0-9])(?![0-9]|[-./][0-9])")
_CLOCK = re.compile(r"(?<![0-9])(?<![0-9][:.])" + _TIME + r"(?![0-9:])(?:\s?([aApPصم])(?:\.?\s?[mM]\b\.?|"
                    r"(?<=ص)باح\w*|(?<=م)ساء\w*|(?<=[صم])(?!\w)))?"
                    r"(?:\s?\(?" + _OFFSET + r"\)?)?")       # "14:05 (UTC+6)", "14:05 (мск)"
# "14.30": a time with a dot, as Russian and Kazakh papers print it; read only beside a date found
# elsewhere in the string, and never where a date is ("23.11" is a day and a month).
_DOT_CLOCK = re.compile(r"(?<![\w.,:/-])([01]?[0-9]|2[0-3])\.([0-5][0-9])(?![\w:/-]|[.,][0-9])")
# What may come right before such a time: the string's start, a number (a year, a date), "в",
# "г."/"года", "ж."/"жылы", "сағат", "at" ("Версия 2.10", "Просмотров: 12.50" are no times).
_DOT_CLOCK_AFTER = re.compile(r"(?:^|[0-9]|(?<!\w)(?:в|г\.?|года|ж\.?|жыл\w*|сағат\w*|уақыт\w*|at))$", re.IGNORECASE)
_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+(?:['’ʼ][^\W\d_]+)*|\S")

_BACK_SKIP = frozenset("-.")            # "25. Januar", "23-ноября"
_FWD_SKIP = frozenset(",.'’-")          # "20 Наурыз, 2025", "нояб. 2024"
_ORDINAL_SKIP = frozenset(",-")


@dataclass(slots=True)
class Tok:
    kind: str       # "n" number, "w" word (folded), "p" punctuation
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Found:
    """An explicit date found in the text: calendar parts plus where it starts."""
    start: int
    year: int | None
    month: int
    day: int
    clock: tuple[int, int, int] | None = None   # a time written inside the same match (ISO)
    offset: int | None = None                   # minutes, from an ISO/RFC suffix


def _offset_minutes(raw: str | None) -> int | None:
    """Minutes east of UTC for an offset suffix; 0 for Z/UTC/GMT; None when absent or absurd."""
    if not raw:
        return None
    if raw in _NAMED_OFFSETS:
        return _NAMED_OFFSETS[raw]
    raw = raw.replace("UTC", "").replace("GMT", "").replace(" ", "")
    if raw in ("", "Z", "UT"):
        return 0
    sign = -1 if raw[0] == "-" else 1
    hours_text, _, minutes_text = raw[1:].partition(":")
    if not minutes_text and len(hours_text) > 2:       # "+0600", "+530"
        hours_text, minutes_text = hours_text[:-2], hours_text[-2:]
    hours, minutes = int(hours_text), int(minutes_text or 0)
    if hours > 14 or minutes > 59:
        return None
    return sign * (hours * 60 + minutes)


def tokenize(text: str) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        s = m.group()
        c = s[0]
        if c.isdigit():
            out.append(Tok("n", s, m.start(), m.end()))
        elif c.isalpha():
            out.append(Tok("w", fold(s), m.start(), m.end()))
        else:
            out.append(Tok("p", s, m.start(), m.end()))
    return out


def _year(tok: Tok) -> int | None:
    if tok.kind == "n" and len(tok.text) == 4:
        y = int(tok.text)
        if MIN_YEAR <= y <= MAX_YEAR:
            return y
    return None


def _is_clock_part(toks: list[Tok], i: int) -> bool:
    """Number ``i`` is one side of an ``HH:MM`` (a colon glued to it and to another number)."""
    t = toks[i]
    if i + 2 < len(toks):
        c, n = toks[i + 1], toks[i + 2]
        if c.text == ":" and c.start == t.end and n.kind == "n" and n.start == c.end:
            return True
    if i >= 2:
        c, n = toks[i - 1], toks[i - 2]
        if c.text == ":" and c.end == t.start and n.kind == "n" and n.end == c.start:
            return True
    return False


def _year_before(toks: list[Tok], i: int) -> int | None:
    """A year right before token ``i``, behind optional markers: "2024 жылғы", "2024 ж.", "2024,"."""
    j = i - 1
    while j >= 0 and (toks[j].text in ".,-" or toks[j].text in vocab.YEAR_MARKERS):   # "2024-жылғы"
        j -= 1
    return _year(toks[j]) if j >= 0 else None


def _year_after(toks: list[Tok], i: int) -> int | None:
    """A year right after token ``i``: "ноября 2024", "Наурыз, 2025", "de abril de 2022"."""
    j = i + 1
    month = vocab.month_of(toks[i].text)

    def skippable(t: Tok) -> bool:   # also a second spelling of the same month: "24 نيسان / أبريل 2020"
        return (t.text in _FWD_SKIP or t.text in vocab.INNER_FILLERS or t.text == "/"
                or (t.kind == "w" and vocab.month_of(t.text) == month))

    while j < len(toks) and skippable(toks[j]):
        j += 1
    if j < len(toks) and not _is_clock_part(toks, j):
        return _year(toks[j])
    return None


def _day(tok: Tok) -> int | None:
    return int(tok.text) if tok.kind == "n" and len(tok.text) <= 2 else None


def _word_dates(toks: list[Tok]):
    """Dates anchored on month words, in text order; None marks a written date with no day."""
    for i, tok in enumerate(toks):
        if tok.kind != "w":
            continue
        month = vocab.month_of(tok.text)
        if month is None:
            continue
        # Day first: "23 қараша", "27th of November", "25. Januar".
        j = i - 1
        while j >= 0 and (toks[j].text in _BACK_SKIP or toks[j].text in vocab.INNER_FILLERS
                          or toks[j].text in vocab.ORDINALS):
            j -= 1
        if j >= 0 and _day(toks[j]) is not None and not _is_clock_part(toks, j):
            year = _year_after(toks, i) or _year_before(toks, j)
            yield Found(toks[j].start, year, month, _day(toks[j]))
            continue
        # Month first: "Қаңтар 20, 2026", "Nov 23rd, 2024", "қараша айының 23-і", "Июн292021".
        k = i + 1
        while k < len(toks) and (toks[k].text in ".-" or toks[k].text in vocab.INNER_FILLERS):
            k += 1
        if k < len(toks) and toks[k].kind == "n" and not _is_clock_part(toks, k):
            digits = toks[k].text
            if len(digits) <= 2:
                n = k + 1
                while n < len(toks) and (toks[n].text in _ORDINAL_SKIP or toks[n].text in vocab.ORDINALS):
                    n += 1
                year = (_year(toks[n]) if n < len(toks) and not _is_clock_part(toks, n) else None)
                yield Found(tok.start, year or _year_before(toks, i), month, int(digits))
                continue
            if len(digits) in (5, 6) and toks[k].start == tok.end:   # glued "Июн292021"
                y = int(digits[-4:])
                if MIN_YEAR <= y <= MAX_YEAR:
                    yield Found(tok.start, y, month, int(digits[:-4]))
                    continue
        yield None   # a month with no day: "қараша 2024", "қарашада"


def _numeric_dates(text: str):
    for m in _YMD.finditer(text):
        y = int(m.group(1))
        if MIN_YEAR <= y <= MAX_YEAR:
            clock = (int(m.group(5)), int(m.group(6)), int(m.group(7) or 0)) if m.group(5) else None
            yield Found(m.start(), y, int(m.group(3)), int(m.group(4)), clock, _offset_minutes(m.group(8)))
    for m in _DMY.finditer(text):
        ytxt = m.group(4)
        if len(ytxt) == 2:
            if m.group(2) == "-":      # "25-12-34" is a phone number far more often than a date
                continue
            y = 2000 + int(ytxt)
        else:
            y = int(ytxt)
            if not MIN_YEAR <= y <= MAX_YEAR:
                continue
        yield Found(m.start(), y, int(m.group(3)), int(m.group(1)))


def _clock(text: str, found: Found | None):
    """First time of day in the text -> ((h, m, s), offset minutes or None), or (None, None)."""
    if found is not None and found.clock is not None:
        return found.clock, found.offset
    for m in _CLOCK.finditer(text):
        h, mi, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        ampm = (m.group(4) or "").lower()
        if ampm:   # "8:10 pm", Arabic "09:22 مساءً" (evening) / "ص" (morning)
            if not 1 <= h <= 12:
                continue
            h = (h % 12) + (12 if ampm in "pم" else 0)
        return (h, mi, s), _offset_minutes(m.group(5))
    if found is not None:
        for m in _DOT_CLOCK.finditer(text):
            if m.start() != found.start and _DOT_CLOCK_AFTER.search(text[:m.start()].rstrip(" ,|/–—-\u00a0")):
                return (int(m.group(1)), int(m.group(2)), 0), None
    return None, None


def _build(y: int, mo: int, d: int, clock, offset: int | None, zone) -> str | None:
    h, mi, s = clock or (0, 0, 0)
    try:
        if offset is None:
            return iso(datetime(y, mo, d, h, mi, s, tzinfo=zone))
        if offset == 0:   # UTC ("Z", "GMT", "+00:00"): show the instant in the site's zone
            return iso(datetime(y, mo, d, h, mi, s, tzinfo=timezone.utc).astimezone(zone))
        return iso(datetime(y, mo, d, h, mi, s, tzinfo=fixed_offset(offset)))
    except (ValueError, OverflowError):
        return None


def _prepare(text) -> str | None:
    if not isinstance(text, str):
        return None
    s = text.strip()
    if not s or len(s) > MAX_LEN:
        return None
    if not s.isascii():
        s = unicodedata.normalize("NFC", s.translate(vocab.DIGITS))
    return s


def _machine(s: str, zone) -> tuple[bool, str | None]:
    """(matched, value) for a whole-string ISO 8601 or Unix timestamp."""
    m = _ISO.fullmatch(s)
    if m:
        y = int(m.group(1))
        if not MIN_YEAR <= y <= MAX_YEAR:
            return True, None
        clock = (int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)) if m.group(4) else None
        offset = _offset_minutes(m.group(7))
        if m.group(7) and offset is None:
            return True, None
        return True, _build(y, int(m.group(2)), int(m.group(3)), clock, offset, zone)
    m = _EPOCH.fullmatch(s)
    if m:
        seconds = int(m.group(1)) / (1000 if len(m.group(1)) == 13 else 1)
        try:
            dt = datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            return True, None
        return True, (iso(dt.astimezone(zone)) if MIN_YEAR <= dt.year <= MAX_YEAR else None)
    return False, None


def _before(cand: Found, found: Found | None) -> bool:
    """``cand`` is the string's date rather than ``found``: a complete date before a yearless one
    (an event's "31. Januar" in a title line that then prints "27.01.2020"), else the earlier."""
    if found is None:
        return True
    if (cand.year is None) != (found.year is None):
        return cand.year is not None
    return cand.start < found.start


def normalize_date(text, lang_hint=None, crawl_time=None, tz: str = DEFAULT_TZ) -> str | None:
    """ISO 8601 (seconds, ``±HH:MM``) for the date in ``text``, or None where it holds no complete date.

    ``crawl_time`` (aware datetime or ISO string; naive means wall time in ``tz``) anchors relative
    dates and dates without a year; without it those give None. ``tz`` is the site's IANA zone:
    text without an offset is wall time there; a UTC value (``Z``, ``+00:00``, ``GMT``) is shown in
    it; any other explicit offset is kept as written (README rule 1).
    ``lang_hint`` is accepted for API stability; the vocabulary is multilingual, so no guess depends
    on it. Never raises for odd ``text``; raises ValueError for a bad ``tz`` or ``crawl_time``.
    """
    zone = get_zone(tz)
    crawl = parse_crawl_time(crawl_time, zone) if crawl_time is not None else None
    s = _prepare(text)
    if s is None:
        return None
    matched, value = _machine(s, zone)
    if matched:
        return value
    toks = tokenize(s)
    found = None
    for cand in _numeric_dates(s):
        if _before(cand, found):
            found = cand
    has_words = any(t.kind == "w" for t in toks)
    if has_words:
        for cand in _word_dates(toks):
            if cand is not None and _before(cand, found):
                found = cand
            if cand is not None:
                break
    clock, offset = _clock(s, found)
    if found is None and clock is not None and crawl is not None:
        m = _DM.search(s)   # "23.11 14:30": current-year listings omit the year
        if m:
            found = Found(m.start(), None, int(m.group(2)), int(m.group(1)))
    if found is not None:
        year = found.year
        if year is None:
            if crawl is None:
                return None
            local = crawl.astimezone(zone)
            year = local.year - (1 if (found.month, found.day) > (local.month, local.day) else 0)
        if not 1 <= found.month <= 12 or not 1 <= found.day <= 31:
            return None
        return _build(year, found.month, found.day, clock, offset, zone)
    if crawl is None or not has_words:
        return None
    return resolve_relative(toks, clock, crawl, zone)

